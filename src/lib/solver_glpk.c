/*
** The GLPK backend of solver.h: glp_simplex for the LP (scaled, from the
** standard basis), glp_intopt for the MIP (presolve off, from the
** relaxation's basis when one is given, the start offered as the first
** incumbent, the stop flag read at every callback).
*/
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "echelon/echelon.h"
#include "solver.h"

static const char *code_name(int code)
{
	switch (code) {
	case GLP_EBADB: return "invalid basis";
	case GLP_ESING: return "singular matrix";
	case GLP_ECOND: return "ill-conditioned matrix";
	case GLP_EBOUND: return "invalid bounds";
	case GLP_EFAIL: return "solver failed";
	case GLP_EOBJLL: return "objective lower limit reached";
	case GLP_EOBJUL: return "objective upper limit reached";
	case GLP_EITLIM: return "iteration limit exceeded";
	case GLP_ETMLIM: return "time limit exceeded";
	case GLP_ENOPFS: return "no primal feasible solution";
	case GLP_ENODFS: return "no dual feasible solution";
	case GLP_EROOT: return "root LP optimum not provided";
	case GLP_ESTOP: return "search terminated";
	case GLP_EMIPGAP: return "relative mip gap tolerance reached";
	default: return "unknown code";
	}
}

/* Milliseconds for tm_lim; INT_MAX (GLPK's "none") for an infinite limit. */
static int limit_ms(double seconds)
{
	double ms = ceil(seconds * 1000.0);

	return !isfinite(seconds) || ms >= (double)INT_MAX ? INT_MAX : (int)fmax(ms, 1.0);
}

static int bound_type(double lo, double hi)
{
	if (isfinite(lo) && isfinite(hi))
		return lo == hi ? GLP_FX : GLP_DB;
	return isfinite(lo) ? GLP_LO : isfinite(hi) ? GLP_UP : GLP_FR;
}

static double finite_or_0(double v)
{
	return isfinite(v) ? v : 0.0;
}

/* The model as a GLPK problem; integer columns are GLP_BV or GLP_IV only
** with kinds (the MIP). */
static glp_prob *load(const struct lp_model *m, int kinds)
{
	glp_prob *lp = glp_create_prob();

	glp_set_obj_dir(lp, GLP_MAX);
	if (m->nrows)
		glp_add_rows(lp, m->nrows);
	if (m->ncols)
		glp_add_cols(lp, m->ncols);
	for (int i = 0; i < m->nrows; i++)
		glp_set_row_bnds(lp, i + 1, bound_type(m->row_lo[i], m->row_hi[i]), finite_or_0(m->row_lo[i]),
				 finite_or_0(m->row_hi[i]));
	for (int c = 0; c < m->ncols; c++) {
		glp_set_col_bnds(lp, c + 1, bound_type(m->col_lo[c], m->col_hi[c]), finite_or_0(m->col_lo[c]),
				 finite_or_0(m->col_hi[c]));
		glp_set_obj_coef(lp, c + 1, m->obj[c]);
		if (kinds && m->integer[c])
			glp_set_col_kind(lp, c + 1, m->col_lo[c] == 0 && m->col_hi[c] == 1 ? GLP_BV : GLP_IV);
	}
	if (m->nz) {
		int *ia = ec_malloc((m->nz + 1) * sizeof *ia), *ja = ec_malloc((m->nz + 1) * sizeof *ja);
		double *ar = ec_malloc((m->nz + 1) * sizeof *ar);

		for (size_t t = 0; t < m->nz; t++) {
			ia[t + 1] = m->ti[t] + 1;
			ja[t + 1] = m->tj[t] + 1;
			ar[t + 1] = m->tv[t];
		}
		glp_load_matrix(lp, (int)m->nz, ia, ja, ar);
		free(ia);
		free(ja);
		free(ar);
	}
	return lp;
}

static enum lp_basis basis_of(int stat)
{
	switch (stat) {
	case GLP_BS: return LP_BASIC;
	case GLP_NL: return LP_AT_LOWER;
	case GLP_NU: return LP_AT_UPPER;
	case GLP_NF: return LP_FREE;
	default: return LP_FIXED;
	}
}

static int glpk_stat(unsigned char basis)
{
	static const int stat[] = { GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS };

	return basis <= LP_FIXED ? stat[basis] : GLP_BS;
}

/* GLPK keeps an environment per thread until it is freed: each call frees
** it, so that a server's worker threads hold nothing between runs. */
static void finish(glp_prob *lp, int term)
{
	glp_delete_prob(lp);
	glp_term_out(term);
	glp_free_env();
}

static enum lp_status glpk_solve_lp(const struct lp_model *m, const struct lp_params *p, struct lp_result *r)
{
	int term = glp_term_out(GLP_OFF), ret;
	glp_prob *lp = load(m, 0);
	glp_smcp smcp;

	r->detail[0] = '\0';
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.tm_lim = limit_ms(p->time_limit_s);
	glp_scale_prob(lp, GLP_SF_AUTO);
	glp_std_basis(lp);
	ret = glp_simplex(lp, &smcp);
	if (ret == GLP_ETMLIM) {
		r->status = LP_TIME_LIMIT;
	} else if (ret != 0) {
		snprintf(r->detail, sizeof r->detail, "glp_simplex returned %d (%s)", ret, code_name(ret));
		r->status = LP_FAILED;
	} else {
		switch (glp_get_status(lp)) {
		case GLP_OPT: r->status = LP_OPTIMAL; break;
		case GLP_NOFEAS:
		case GLP_INFEAS: r->status = LP_INFEASIBLE; break;
		case GLP_UNBND: r->status = LP_UNBOUNDED; break;
		default:
			snprintf(r->detail, sizeof r->detail, "ended without an optimum (status %d)", glp_get_status(lp));
			r->status = LP_FAILED;
		}
	}
	if (r->status == LP_OPTIMAL) {
		r->objective = glp_get_obj_val(lp);
		for (int c = 0; c < m->ncols; c++) {
			r->x[c] = glp_get_col_prim(lp, c + 1);
			if (r->col_stat)
				r->col_stat[c] = (unsigned char)basis_of(glp_get_col_stat(lp, c + 1));
		}
		for (int i = 0; i < m->nrows; i++) {
			if (r->dual)
				r->dual[i] = glp_get_row_dual(lp, i + 1);
			if (r->row_stat)
				r->row_stat[i] = (unsigned char)basis_of(glp_get_row_stat(lp, i + 1));
		}
	}
	finish(lp, term);
	return r->status;
}

/* What the branch-and-bound callback needs. */
struct search {
	const double *start; /* [ncols + 1], 1-based, or NULL */
	int offered;
	double tree_bound;   /* least best-node bound seen; +inf before any */
	const int *cancel;
};

static void on_tree(glp_tree *tree, void *info)
{
	struct search *s = info;
	int best = glp_ios_best_node(tree);

	if (best) {
		double b = glp_ios_node_bound(tree, best);

		if (isfinite(b) && fabs(b) < DBL_MAX && b < s->tree_bound)
			s->tree_bound = b;
	}
	if (s->cancel && __atomic_load_n(s->cancel, __ATOMIC_RELAXED)) {
		glp_ios_terminate(tree);
		return;
	}
	if (glp_ios_reason(tree) == GLP_IHEUR && s->start && !s->offered) {
		s->offered = 1;
		glp_ios_heur_sol(tree, s->start);
	}
}

/* glp_intopt wants the relaxation solved: from the given basis, which is
** optimal, this only factorises it; without one (or if GLPK refuses it),
** from the standard basis. Returns glp_simplex's code. */
static int solve_root(const struct lp_model *m, const struct mip_params *p, glp_prob *lp)
{
	glp_smcp smcp;
	int ret = -1;

	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	/* as the relaxation's limit: with the basis it should take no time */
	smcp.tm_lim = limit_ms(isfinite(p->time_limit_s) ? fmax(p->time_limit_s * 10, 60) : INFINITY);
	glp_scale_prob(lp, GLP_SF_AUTO);
	if (p->col_stat && p->row_stat) {
		for (int c = 0; c < m->ncols; c++)
			glp_set_col_stat(lp, c + 1, glpk_stat(p->col_stat[c]));
		for (int i = 0; i < m->nrows; i++)
			glp_set_row_stat(lp, i + 1, glpk_stat(p->row_stat[i]));
		ret = glp_simplex(lp, &smcp);
	}
	if (ret != 0 && ret != GLP_ETMLIM) {
		glp_std_basis(lp);
		ret = glp_simplex(lp, &smcp);
	}
	return ret;
}

static enum mip_status glpk_solve_mip(const struct lp_model *m, const struct mip_params *p, struct mip_result *r)
{
	int term = glp_term_out(GLP_OFF), ret, status;
	glp_prob *lp = load(m, 1);
	struct search search = { NULL, 0, INFINITY, p->cancel };
	double *start = NULL;
	glp_iocp iocp;

	r->detail[0] = '\0';
	r->bound = INFINITY;
	ret = solve_root(m, p, lp);
	if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
		snprintf(r->detail, sizeof r->detail, "the LP solver failed on the MIP's relaxation: glp_simplex "
			 "returned %d (%s), status %d", ret, code_name(ret), glp_get_status(lp));
		r->status = MIP_FAILED;
		goto out;
	}
	if (p->start) {
		start = ec_malloc(((size_t)m->ncols + 1) * sizeof *start);
		start[0] = 0;
		memcpy(start + 1, p->start, (size_t)m->ncols * sizeof *start);
		search.start = start;
	}
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.presolve = GLP_OFF;
	iocp.tm_lim = limit_ms(p->time_limit_s);
	iocp.cb_func = on_tree;
	iocp.cb_info = &search;
	ret = glp_intopt(lp, &iocp);
	status = glp_mip_status(lp);
	if (ret == GLP_ESTOP && p->cancel && __atomic_load_n(p->cancel, __ATOMIC_RELAXED))
		r->status = MIP_CANCELLED;
	else if (ret == 0 && status == GLP_OPT)
		r->status = MIP_OPTIMAL;
	else if ((ret == 0 && status == GLP_NOFEAS) || ret == GLP_ENOPFS)
		r->status = MIP_INFEASIBLE;
	else if (ret == GLP_ETMLIM)
		r->status = status == GLP_FEAS || status == GLP_OPT ? MIP_FEASIBLE : MIP_NO_PLAN;
	else {
		snprintf(r->detail, sizeof r->detail, "glp_intopt returned %d (%s), status %d", ret, code_name(ret),
			 status);
		r->status = MIP_FAILED;
	}
	if (r->status == MIP_OPTIMAL || r->status == MIP_FEASIBLE) {
		r->objective = glp_mip_obj_val(lp);
		for (int c = 0; c < m->ncols; c++)
			r->x[c] = glp_mip_col_val(lp, c + 1);
	}
	r->bound = r->status == MIP_OPTIMAL ? r->objective : search.tree_bound;
out:
	free(start);
	finish(lp, term);
	return r->status;
}

const struct solver_ops solver_glpk = { "glpk", glpk_solve_lp, glpk_solve_mip };
