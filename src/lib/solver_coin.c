/*
** The COIN-OR backend of solver.h, through the C interfaces Debian ships
** (Clp_C_Interface.h, Cbc_C_Interface.h): CLP's dual simplex for the LP,
** CBC (its full solver, CbcMain1, as the `cbc` command runs it) for the
** MIP, with the start's value as the cutoff.
**
** What can be interrupted: CBC calls a cut generator of ours at its root
** cut passes and nodes; once the stop flag is set it cuts the node off (a
** cut no point meets), so the search empties its tree and returns within a
** few node LPs. CLP's simplex and CBC's preprocessing and root LP run to
** their end or their time limit. CbcMain1 keeps its parameters in
** globals, so one CBC run at a time per process: a second waits, and gives
** up when stopped.
*/
#include <errno.h>
#include <float.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <Cbc_C_Interface.h>
#include <Clp_C_Interface.h>

#include "echelon/echelon.h"
#include "solver.h"

/* Bounds as COIN wants them: its infinity is DBL_MAX. */
static double *coin_bounds(const double *v, int n)
{
	double *b = ec_malloc((n ? (size_t)n : 1) * sizeof *b);

	for (int i = 0; i < n; i++)
		b[i] = isfinite(v[i]) ? v[i] : v[i] > 0 ? DBL_MAX : -DBL_MAX;
	return b;
}

struct coin_problem {
	int *start, *index;
	double *value, *col_lo, *col_hi, *row_lo, *row_hi, *obj;
	double *col_scale;  /* [ncols]: x = col_scale * the solver's column; NULL: none */
};

static void coin_problem_init(struct coin_problem *cp, const struct lp_model *m)
{
	lp_model_by_column(m, &cp->start, &cp->index, &cp->value);
	cp->col_lo = coin_bounds(m->col_lo, m->ncols);
	cp->col_hi = coin_bounds(m->col_hi, m->ncols);
	cp->row_lo = coin_bounds(m->row_lo, m->nrows);
	cp->row_hi = coin_bounds(m->row_hi, m->nrows);
	cp->obj = NULL;
	cp->col_scale = NULL;
}

/* Scales the problem for CBC, which checks every plan it is to keep by
** solving the LP again with the integers fixed and CLP's own scaling off
** (CbcModel::checkSolution): so that the problem it checks has
** coefficients near 1 rather than amounts in thousand yuan. A continuous
** column with a finite upper bound becomes its share of that bound, then
** each row is divided by its largest coefficient: the ticket rows
** x - U y <= 0 become x' - y <= 0. Integer columns are left as they are.
** (On the national model the check still takes minutes; hence the cutoff
** below rather than a MIP start.) */
static void coin_problem_scale(struct coin_problem *cp, const struct lp_model *m)
{
	double *row_max = ec_calloc(m->nrows ? (size_t)m->nrows : 1, sizeof *row_max);

	cp->col_scale = ec_malloc((m->ncols ? (size_t)m->ncols : 1) * sizeof *cp->col_scale);
	cp->obj = ec_malloc((m->ncols ? (size_t)m->ncols : 1) * sizeof *cp->obj);
	for (int c = 0; c < m->ncols; c++) {
		double s = 1.0;

		if (!m->integer[c] && isfinite(m->col_hi[c]) && m->col_hi[c] > 0 && m->col_lo[c] >= 0)
			s = m->col_hi[c];
		cp->col_scale[c] = s;
		cp->obj[c] = m->obj[c] * s;
		cp->col_lo[c] /= s;
		cp->col_hi[c] = cp->col_hi[c] == DBL_MAX ? DBL_MAX : cp->col_hi[c] / s;
		for (int t = cp->start[c]; t < cp->start[c + 1]; t++) {
			cp->value[t] *= s;
			row_max[cp->index[t]] = fmax(row_max[cp->index[t]], fabs(cp->value[t]));
		}
	}
	for (int c = 0; c < m->ncols; c++)
		for (int t = cp->start[c]; t < cp->start[c + 1]; t++)
			cp->value[t] /= row_max[cp->index[t]];
	for (int i = 0; i < m->nrows; i++) {
		if (!(row_max[i] > 0))
			continue;
		if (cp->row_lo[i] != -DBL_MAX)
			cp->row_lo[i] /= row_max[i];
		if (cp->row_hi[i] != DBL_MAX)
			cp->row_hi[i] /= row_max[i];
	}
	free(row_max);
}

static void coin_problem_release(struct coin_problem *cp)
{
	free(cp->start);
	free(cp->index);
	free(cp->value);
	free(cp->col_lo);
	free(cp->col_hi);
	free(cp->row_lo);
	free(cp->row_hi);
	free(cp->obj);
	free(cp->col_scale);
}

static enum lp_basis basis_of(int stat)
{
	switch (stat & 7) {
	case 1: return LP_BASIC;
	case 2: return LP_AT_UPPER;
	case 3: return LP_AT_LOWER;
	case 5: return LP_FIXED;
	default: return LP_FREE; /* free or superbasic */
	}
}

/* ---- the LP: CLP ---- */

/* Gives every one-sided row a second bound that no point within the
** columns' bounds reaches: a <= row's lower bound goes as far below its
** least activity (from the column bounds) as its upper bound is above it,
** less 1, and a >= row's upper bound likewise above its greatest activity.
** The LP is the same (the new bound never binds, so the optimum, the row
** duals and the basis statuses are too), but the dual simplex, which
** otherwise gives each such row's slack a made-up bound (its "dual bound",
** 1e10) and must later check and lift it, now flips between two real
** bounds: at 10 000 x 500, 24 000 iterations instead of 36 000. A row with
** an unbounded column keeps its one side. */
static void coin_rows_bounded(struct coin_problem *cp, const struct lp_model *m)
{
	double *lo = ec_calloc(m->nrows ? (size_t)m->nrows : 1, sizeof *lo);
	double *hi = ec_calloc(m->nrows ? (size_t)m->nrows : 1, sizeof *hi);

	for (int c = 0; c < m->ncols; c++)
		for (int t = cp->start[c]; t < cp->start[c + 1]; t++) {
			double a = cp->value[t] * m->col_lo[c], b = cp->value[t] * m->col_hi[c];

			lo[cp->index[t]] += fmin(a, b);
			hi[cp->index[t]] += fmax(a, b);
		}
	for (int i = 0; i < m->nrows; i++) {
		if (cp->row_lo[i] == -DBL_MAX && cp->row_hi[i] != DBL_MAX && isfinite(lo[i]))
			cp->row_lo[i] = lo[i] - fmax(cp->row_hi[i] - lo[i], 0.0) - 1.0;
		else if (cp->row_hi[i] == DBL_MAX && cp->row_lo[i] != -DBL_MAX && isfinite(hi[i]))
			cp->row_hi[i] = hi[i] + fmax(hi[i] - cp->row_lo[i], 0.0) + 1.0;
	}
	free(lo);
	free(hi);
}

/* ClpSolve's numbers (ClpSolve.hpp, ClpSolve.cpp), which the C interface
** takes as int: solve type "automatic", presolve off, and special option 1
** (the crash before the primal) at 4, "no idiot, no sprint, no crash". */
enum { CLP_SOLVE_AUTOMATIC = 5, CLP_PRESOLVE_OFF = 1, CLP_STARTUP = 1, CLP_STARTUP_SLACK = 4 };

/* The dual simplex from the slack basis, perturbed, and kept in the dual.
** From the slack basis the dual puts every profitable amount at its cap;
** the primal infeasibility is then so large that Clp_dual hands the whole
** solve to the primal simplex at its first iteration, and the primal is
** twice as slow on this model. ClpSimplex::initialSolve with the solve
** type "automatic" forbids that switch (moreSpecialOptions 8192, which the
** C interface cannot set otherwise); with idiot and sprint off, automatic
** is always the dual. Perturbation 50 ("always", the `clp` command's
** value): the library's default 100 (decide as it goes) took 58 700
** iterations instead of 37 700. Presolve off: it removes 10 % of the rows
** and saved nothing, and without it the row duals and basis statuses are
** the simplex's own, not postsolved ones. At 10 000 x 500 (29 000 rows,
** 123 000 columns) 7-9 CPU seconds, 4 with the rows bounded
** (coin_rows_bounded), against 13-15 for Clp_dual(0) from the slack
** basis and 43-55 for GLPK; the settings tried are in
** docs/performance.md. */
static void clp_initial_solve(Clp_Simplex *clp)
{
	Clp_Solve *options = ClpSolve_new();

	Clp_setPerturbation(clp, 50);
	ClpSolve_setSolveType(options, CLP_SOLVE_AUTOMATIC, -1);
	ClpSolve_setPresolveType(options, CLP_PRESOLVE_OFF, -1);
	ClpSolve_setSpecialOption(options, CLP_STARTUP, CLP_STARTUP_SLACK, -1);
	Clp_initialSolveWithOptions(clp, options);
	ClpSolve_delete(options);
}

static enum lp_status coin_solve_lp(const struct lp_model *m, const struct lp_params *p, struct lp_result *r)
{
	Clp_Simplex *clp = Clp_newModel();
	struct coin_problem cp;
	int status;

	r->detail[0] = '\0';
	coin_problem_init(&cp, m);
	coin_rows_bounded(&cp, m);
	Clp_setLogLevel(clp, 0);
	Clp_loadProblem(clp, m->ncols, m->nrows, cp.start, cp.index, cp.value, cp.col_lo, cp.col_hi, m->obj, cp.row_lo,
			cp.row_hi);
	coin_problem_release(&cp);
	Clp_setOptimizationDirection(clp, -1.0);
	if (isfinite(p->time_limit_s))
		Clp_setMaximumSeconds(clp, p->time_limit_s);
	Clp_scaling(clp, 3);
	clp_initial_solve(clp);
	status = Clp_status(clp);
	if (status == 0 && Clp_isProvenOptimal(clp)) {
		r->status = LP_OPTIMAL;
	} else if (status == 1) {
		r->status = LP_INFEASIBLE;
	} else if (status == 2) {
		r->status = LP_UNBOUNDED;
	} else if (status == 3 && !Clp_isIterationLimitReached(clp)) {
		r->status = LP_TIME_LIMIT;
	} else {
		snprintf(r->detail, sizeof r->detail, "CLP ended with status %d, secondary status %d",
			 status, Clp_secondaryStatus(clp));
		r->status = LP_FAILED;
	}
	if (r->status == LP_OPTIMAL) {
		const double *x = Clp_getColSolution(clp), *y = Clp_getRowPrice(clp);

		r->objective = Clp_getObjValue(clp);
		memcpy(r->x, x, (size_t)m->ncols * sizeof *r->x);
		for (int i = 0; i < m->nrows; i++) {
			if (r->dual)
				r->dual[i] = y[i];
			if (r->row_stat)
				r->row_stat[i] = (unsigned char)basis_of(Clp_getRowStatus(clp, i));
		}
		if (r->col_stat)
			for (int c = 0; c < m->ncols; c++)
				r->col_stat[c] = (unsigned char)basis_of(Clp_getColumnStatus(clp, c));
	}
	Clp_deleteModel(clp);
	return r->status;
}

/* ---- the MIP: CBC ---- */

static pthread_mutex_t cbc_lock = PTHREAD_MUTEX_INITIALIZER;

static int stopped(const int *cancel)
{
	return cancel && __atomic_load_n(cancel, __ATOMIC_RELAXED);
}

/* Takes cbc_lock; returns 0, or -1 when the caller stopped while waiting. */
static int lock_cbc(const int *cancel)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };

	for (;;) {
		int rc = pthread_mutex_trylock(&cbc_lock);

		if (rc == 0)
			return 0;
		if (rc != EBUSY || stopped(cancel))
			return -1;
		nanosleep(&pause, NULL);
	}
}

/* CBC's cut generator: nothing, until the stop flag is set; then a cut
** that no point meets (the first column above its upper bound), so that
** every node left is cut off. */
static void cancel_cuts(void *osi, void *cuts, void *cancel)
{
	if (stopped(cancel) && Osi_getNumCols(osi) > 0) {
		int col = 0;
		double one = 1.0;

		OsiCuts_addRowCut(cuts, 1, &col, &one, 'G', Osi_getColUpper(osi)[0] + 1.0);
	}
}

/* The time limit as CBC's -sec takes it. */
static void set_seconds(Cbc_Model *cbc, double seconds)
{
	char text[32];

	snprintf(text, sizeof text, "%.6f", fmax(seconds, 1e-6));
	Cbc_setParameter(cbc, "sec", text);
}

/* CBC's best bound after a search stopped by the time limit, as the
** maximising problem has it; INFINITY when it has none. CBC gives the
** lesser of its bound and its incumbent (or cutoff): a value no better
** than the plan in hand (incumbent) means it has not computed one yet. */
static double cbc_bound(Cbc_Model *cbc, double incumbent)
{
	double b = Cbc_getBestPossibleObjValue(cbc);

	if (!isfinite(b) || fabs(b) >= 1e40 || b <= incumbent + 1e-9 * fmax(1.0, fabs(incumbent)))
		return INFINITY;
	return b;
}

/* The start is given to CBC as a cutoff: only plans better than it are
** searched for, and a search that finds none has proven the start
** optimal (it ends "infeasible"). CBC's own MIP start (Cbc_setMIPStartI)
** is checked as every plan it keeps, by solving the LP again with the
** integers fixed, unscaled and unperturbed (CbcModel::checkSolution): at
** 10 000 x 500 that alone takes more than 8 minutes. */
static enum mip_status cbc_run(const struct lp_model *m, const struct mip_params *p, struct mip_result *r)
{
	Cbc_Model *cbc;
	struct coin_problem cp;
	const double *best;
	double start_value = 0;

	r->detail[0] = '\0';
	r->bound = INFINITY;
	cbc = Cbc_newModel();
	coin_problem_init(&cp, m);
	coin_problem_scale(&cp, m);
	Cbc_loadProblem(cbc, m->ncols, m->nrows, cp.start, cp.index, cp.value, cp.col_lo, cp.col_hi, cp.obj, cp.row_lo,
			cp.row_hi);
	for (int c = 0; c < m->ncols; c++)
		if (m->integer[c])
			Cbc_setInteger(cbc, c);
	Cbc_setObjSense(cbc, -1.0);
	Cbc_setParameter(cbc, "log", "0");
	Cbc_setParameter(cbc, "slog", "0");
	Cbc_setParameter(cbc, "timeMode", "elapsed");
	if (isfinite(p->time_limit_s))
		set_seconds(cbc, p->time_limit_s);
	if (p->start) {
		char text[40];

		for (int c = 0; c < m->ncols; c++)
			start_value += m->obj[c] * p->start[c];
		/* CBC minimises -objective: plans must come below -start_value */
		snprintf(text, sizeof text, "%.17g", -start_value + 1e-9 * fmax(1.0, fabs(start_value)));
		Cbc_setParameter(cbc, "cutoff", text);
	}
	if (p->cancel)
		Cbc_addCutCallback(cbc, cancel_cuts, "echelon-stop", (void *)p->cancel);
	Cbc_solve(cbc);

	best = Cbc_bestSolution(cbc);
	if (stopped(p->cancel)) {
		r->status = MIP_CANCELLED;
	} else if (best && Cbc_isProvenOptimal(cbc)) {
		r->status = MIP_OPTIMAL;
	} else if (best && Cbc_isSecondsLimitReached(cbc)) {
		r->status = MIP_FEASIBLE;
	} else if (!best && (Cbc_isProvenInfeasible(cbc) || Cbc_isProvenOptimal(cbc))) {
		/* nothing better than the start, or no plan at all */
		r->status = p->start ? MIP_OPTIMAL : MIP_INFEASIBLE;
	} else if (!best && Cbc_isSecondsLimitReached(cbc)) {
		r->status = p->start ? MIP_FEASIBLE : MIP_NO_PLAN;
	} else {
		snprintf(r->detail, sizeof r->detail, "CBC ended with status %d, secondary status %d%s", Cbc_status(cbc),
			 Cbc_secondaryStatus(cbc), Cbc_isAbandoned(cbc) ? " (numerical difficulties)" : "");
		r->status = MIP_FAILED;
	}
	if (r->status == MIP_OPTIMAL || r->status == MIP_FEASIBLE) {
		if (best) {
			r->objective = 0;
			for (int c = 0; c < m->ncols; c++) {
				r->x[c] = best[c] * cp.col_scale[c];
				r->objective += m->obj[c] * r->x[c];
			}
		} else {
			memcpy(r->x, p->start, (size_t)m->ncols * sizeof *r->x);
			r->objective = start_value;
		}
		r->bound = r->status == MIP_OPTIMAL ? r->objective : cbc_bound(cbc, r->objective);
	} else if (r->status == MIP_NO_PLAN) {
		r->bound = cbc_bound(cbc, -INFINITY);
	}
	Cbc_deleteModel(cbc);
	coin_problem_release(&cp);
	return r->status;
}

/* ---- the MIP held to its time limit ----
**
** CBC keeps its time limit between its steps, not inside the LP solves it
** makes itself: at 10 000 x 500 its root LP, switched to the primal
** simplex, once ran 20 minutes past a limit of 60 s, and nothing in the
** process can stop it there (the stop flag is seen only where CBC asks for
** cuts). So a MIP with a time limit runs in a child process: the parent
** waits for its answer until the limit and a grace, or until the caller
** stops, and otherwise kills it and keeps the start, the plan rounded from
** the relaxation that every row already keeps. */

#define CBC_GRACE_S 5.0 /* past the limit before the child is killed, at least */

/* The result as the child writes it to the pipe: the fixed part, then x. */
struct cbc_answer {
	int status;
	double objective, bound;
	char detail[sizeof ((struct mip_result *)0)->detail];
};

static int write_all(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* In the child: solves and writes the answer; never returns. */
static void cbc_child(int fd, const struct lp_model *m, const struct mip_params *p, struct mip_result *r)
{
	struct cbc_answer a;

#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGKILL); /* a parent killed outright takes its search with it */
#endif
	memset(&a, 0, sizeof a);
	a.status = (int)cbc_run(m, p, r);
	a.objective = r->objective;
	a.bound = r->bound;
	memcpy(a.detail, r->detail, sizeof a.detail);
	if (write_all(fd, &a, sizeof a) == 0)
		write_all(fd, r->x, (size_t)m->ncols * sizeof *r->x);
	_exit(0); /* no atexit handler, no stdio buffer of the parent's flushed twice */
}

/* In the parent: reads the child's answer into r until the deadline or the
** caller's stop. Returns 0 with r filled, 1 when stopped, 2 past the
** deadline, -1 when the child died without a whole answer. */
static int cbc_wait(int fd, const struct lp_model *m, const struct mip_params *p, double deadline,
		    struct mip_result *r)
{
	struct cbc_answer a;
	size_t want = sizeof a + (size_t)m->ncols * sizeof *r->x, got = 0;
	char *buf = ec_malloc(want);
	int rc = -1;

	for (;;) {
		struct pollfd pf = { fd, POLLIN, 0 };
		ssize_t n;
		if (stopped(p->cancel)) {
			rc = 1;
			break;
		}
		if (ec_seconds() > deadline) {
			rc = 2;
			break;
		}
		if (poll(&pf, 1, 100) <= 0)
			continue;
		n = read(fd, buf + got, want - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* the child is gone */
		if ((got += (size_t)n) == want) {
			memcpy(&a, buf, sizeof a);
			r->status = (enum mip_status)a.status;
			r->objective = a.objective;
			r->bound = a.bound;
			memcpy(r->detail, a.detail, sizeof r->detail);
			r->detail[sizeof r->detail - 1] = '\0';
			memcpy(r->x, buf + sizeof a, want - sizeof a);
			rc = 0;
			break;
		}
	}
	free(buf);
	return rc;
}

/* CBC in a child process held to the limit. Returns 0 with r filled, or
** -1 when no child could be started (r untouched). */
static int cbc_held(const struct lp_model *m, const struct mip_params *p, struct mip_result *r)
{
	int fds[2], status, rc;
	pid_t child;

	if (pipe(fds) != 0)
		return -1;
	if ((child = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (child == 0) {
		close(fds[0]);
		cbc_child(fds[1], m, p, r);
	}
	close(fds[1]);
	rc = cbc_wait(fds[0], m, p, ec_seconds() + p->time_limit_s + fmax(CBC_GRACE_S, 0.1 * p->time_limit_s), r);
	close(fds[0]);
	if (rc != 0)
		kill(child, SIGKILL);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (rc == 1) {
		r->status = MIP_CANCELLED;
	} else if (rc != 0) {
		/* past the limit, or the child died: the start, when there is one */
		r->bound = INFINITY;
		if (p->start) {
			r->status = MIP_FEASIBLE;
			r->objective = 0;
			for (int c = 0; c < m->ncols; c++)
				r->objective += m->obj[c] * (r->x[c] = p->start[c]);
		} else {
			r->status = rc == 2 ? MIP_NO_PLAN : MIP_FAILED;
		}
		snprintf(r->detail, sizeof r->detail, "%s",
			 rc == 2 ? "CBC ran past its time limit inside an LP solve of its own and was stopped"
				 : "CBC's process ended without an answer");
	}
	return 0;
}

static enum mip_status coin_solve_mip(const struct lp_model *m, const struct mip_params *p, struct mip_result *r)
{
	r->detail[0] = '\0';
	r->bound = INFINITY;
	if (lock_cbc(p->cancel) != 0)
		return r->status = MIP_CANCELLED;
	/* without a limit to hold (or a child to hold it in): here, to its end */
	if (!isfinite(p->time_limit_s) || cbc_held(m, p, r) != 0)
		cbc_run(m, p, r);
	pthread_mutex_unlock(&cbc_lock);
	return r->status;
}

const struct solver_ops solver_coin = { "coin", coin_solve_lp, coin_solve_mip };
