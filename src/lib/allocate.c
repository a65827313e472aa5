/*
** This is the implementation of the allocation of funds to projects. It
** builds one model (amounts x, ticket binaries y, one "a guidance fund is
** in" column per project that needs it) in the solver-neutral form of
** solver.h, solves its LP relaxation for the bound and the shadow prices,
** rounds that down to a plan that keeps every rule, and hands this plan to
** branch and bound as its start; the solver is COIN-OR's (CLP, CBC) or
** GLPK's, the same model for both. The model is in docs/methods.md
** ("Allocation").
**
** The LP relaxation is solved on a smaller problem than the MIP. A ticket
** binary whose pair takes no part in a co-investment rule can be dropped
** from the relaxation: with y in [0, 1], y = x / U keeps both of its rows
** (l y <= x <= U y, as l <= U) for any x in [0, U]. So the relaxation holds
** only the binaries of the co-investment pairs, whose rows do cut it: its
** columns, rows and entries come first in the model, and the relaxation is
** that prefix. The other binaries and their rows follow, for branch and
** bound, with a basis built from the relaxation's optimum (y = x / U basic,
** the upper link at its bound) that is optimal for the larger problem too,
** so that GLPK does not solve the relaxation again. At 10 000 projects x 500
** funds this is, for GLPK, the difference between a minute and twenty.
*/
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/allocate.h"
#include "echelon/echelon.h"
#include "solver.h"

/* Values below this share of their scale are rounding noise. */
#define NOISE 1e-9
/* Slack under which a constraint binds, relative to max(1, bound). */
#define BIND_TOL 1e-6

/* A fund-project pair that can carry money. */
struct pair {
	size_t fund, project;
	double upper;    /* min(capacity, max ticket, share * total, gap of the fund's source) */
	double lower;    /* least amount when it invests (the ticket, or EC_ALLOC_COINVEST_MIN) */
	int xcol, ycol;  /* columns, from 1; ycol 0 when the pair needs no binary, -1 until numbered */
	int coinvestor;  /* 1: a guidance fund that another fund of the project may need */
	int linked;      /* 1: in a co-investment rule (its binary is in the LP relaxation) */
};

/* Columns and rows are numbered from 1 here (0: none); column c is the
** solver model's c - 1, and the arrays of values by column or row used
** below (colval, dual, start) have an unused element 0. */
struct model {
	const struct ec_alloc_problem *pb;
	enum ec_alloc_objective objective;
	const struct solver_ops *solver;
	struct pair *pairs;
	size_t npairs;
	size_t *first;        /* [nprojects + 1]: the pairs of project j are first[j] .. first[j+1] */
	double *fillable;     /* [nprojects]: the gap funds can fill */
	int *guided_col;      /* [nprojects]: column "a guidance fund is in j", 0 when none */
	int *source_row;      /* [nprojects * EC_NSOURCES], 0 when no pair fills it */
	int *land_row;        /* [nregions], 0 when no quota */
	int *energy_row;      /* [nregions] */
	int *required_row;    /* [nprojects] */
	int link_row;         /* the first ticket or co-investment row; rows before it bound amounts */
	int nbinaries;        /* the linked ones, then (with the MIP) all */
	int integer;          /* 1: the binaries are integer columns (the MIP) */
	struct lp_model lp;   /* the model: the relaxation, then what the MIP adds */
	int lp_cols, lp_rows; /* the relaxation: the first lp_cols columns, lp_rows rows */
	size_t lp_nz;         /* and lp_nz entries of lp */
};

/* ---- names ---- */

int ec_alloc_source_of(enum ec_fund_type type)
{
	switch (type) {
	case EC_FUND_GOVERNMENT_GUIDANCE: return EC_SRC_GUIDANCE_FUND;
	case EC_FUND_BANK: return EC_SRC_BANK_LOANS;
	case EC_FUND_INSURANCE: return EC_SRC_BONDS;
	case EC_FUND_VC_PE: return EC_SRC_SOCIAL_CAPITAL;
	case EC_FUND_INDUSTRIAL_CAPITAL: return EC_SRC_SOCIAL_CAPITAL;
	default: return -1;
	}
}

const char *ec_alloc_source_name(enum ec_source source)
{
	static const char *const names[EC_NSOURCES] = {
		"government budget", "government guidance fund", "bank loans", "bonds", "social capital", "own funds"
	};
	return (unsigned)source < EC_NSOURCES ? names[source] : "?";
}

const char *ec_alloc_fund_type_name(enum ec_fund_type type)
{
	static const char *const names[EC_NFUND_TYPES] = { "guidance", "bank", "insurance", "vcpe", "industrial" };
	return (unsigned)type < EC_NFUND_TYPES ? names[type] : "?";
}

const char *ec_alloc_solver_name(enum ec_alloc_solver solver)
{
	switch (solver) {
	case EC_ALLOC_COIN: return "coin";
	case EC_ALLOC_GLPK: return "glpk";
	default: return "?";
	}
}

int ec_alloc_solver_parse(const char *name, enum ec_alloc_solver *out)
{
	if (name && strcmp(name, "coin") == 0)
		*out = EC_ALLOC_COIN;
	else if (name && strcmp(name, "glpk") == 0)
		*out = EC_ALLOC_GLPK;
	else
		return EC_EUSAGE;
	return EC_OK;
}

void ec_alloc_options_init(struct ec_alloc_options *opts)
{
	opts->time_limit_s = 60.0;
	opts->mip = 1;
	opts->objective = EC_ALLOC_AMOUNT;
	opts->solver = EC_ALLOC_COIN;
	opts->write_mps = NULL;
	opts->progress = NULL;
	opts->progress_ctx = NULL;
	opts->cancel = NULL;
}

/* Whether the caller asked the run to stop; sets *err when it did. */
static int cancelled(const int *cancel, char **err)
{
	if (!cancel || !__atomic_load_n(cancel, __ATOMIC_RELAXED))
		return 0;
	if (!*err)
		*err = ec_strdup("allocation: cancelled");
	return 1;
}

static void progress(const struct ec_alloc_options *opts, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Tells the caller's progress display that a step starts. */
static void progress(const struct ec_alloc_options *opts, const char *fmt, ...)
{
	char line[160];
	va_list ap;

	if (!opts->progress)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	opts->progress(opts->progress_ctx, line);
}

void ec_alloc_result_release(struct ec_alloc_result *r)
{
	free(r->amount);
	free(r->funded);
	free(r->lacking);
	free(r->fund_used);
	free(r->land_used_mu);
	free(r->energy_used_tce);
	free(r->fund_capacity_dual);
	free(r->land_dual);
	free(r->energy_dual);
	free(r->binding);
	free(r->status);
	memset(r, 0, sizeof *r);
}

/* "project P-001" or "project 3"; caller frees. */
static char *subject(const char *what, const char *code, size_t index)
{
	return code ? ec_asprintf("%s %s", what, code) : ec_asprintf("%s %zu", what, index);
}

static char *project_subject(const struct ec_alloc_problem *pb, size_t j)
{
	return subject("project", pb->projects[j].code, j);
}

static int is_fillable(int source)
{
	return source == EC_SRC_GUIDANCE_FUND || source == EC_SRC_BANK_LOANS || source == EC_SRC_BONDS || source == EC_SRC_SOCIAL_CAPITAL;
}

static int no_quota(double q)
{
	return isnan(q) || q == INFINITY;
}

/* ---- checks ---- */

static int check_problem(const struct ec_alloc_problem *pb, char **err)
{
	char *who = NULL;
	int rc = EC_EDATA;

	if ((pb->nprojects && !pb->projects) || (pb->nfunds && !pb->funds) || (pb->nregions && !pb->regions)) {
		*err = ec_strdup("allocation problem: a list of projects, funds or regions is missing");
		return EC_EUSAGE;
	}
	if (pb->nprojects && pb->nfunds > SIZE_MAX / pb->nprojects) {
		*err = ec_asprintf("allocation problem: %zu funds x %zu projects is too large", pb->nfunds,
				   pb->nprojects);
		return EC_ELIMIT;
	}
	for (size_t j = 0; j < pb->nprojects; j++) {
		const struct ec_alloc_project *p = &pb->projects[j];
		double fillable = 0;

		who = project_subject(pb, j);
		if (!(isfinite(p->priority) && p->priority > 0)) {
			*err = ec_asprintf("%s: priority is %g; expected a finite number > 0", who, p->priority);
			goto out;
		}
		if (p->region >= pb->nregions) {
			*err = ec_asprintf("%s: region index %zu is out of range (%zu regions)", who, p->region,
					   pb->nregions);
			goto out;
		}
		for (int s = 0; s < EC_NSOURCES; s++) {
			if (!(isfinite(p->gap[s]) && p->gap[s] >= 0)) {
				*err = ec_asprintf("%s: gap in %s is %g; expected a finite number >= 0", who,
						   ec_alloc_source_name((enum ec_source)s), p->gap[s]);
				goto out;
			}
			if (is_fillable(s))
				fillable += p->gap[s];
		}
		if (!(isfinite(p->total) && p->total >= 0)) {
			*err = ec_asprintf("%s: total investment is %g; expected a finite number >= 0", who, p->total);
			goto out;
		}
		if (!(isfinite(p->land_mu) && p->land_mu >= 0)) {
			*err = ec_asprintf("%s: land need is %g mu; expected a finite number >= 0", who, p->land_mu);
			goto out;
		}
		if (!(isfinite(p->energy_tce) && p->energy_tce >= 0)) {
			*err = ec_asprintf("%s: energy need is %g tce; expected a finite number >= 0", who,
					   p->energy_tce);
			goto out;
		}
		if (!(isfinite(p->required) && p->required >= 0)) {
			*err = ec_asprintf("%s: required amount is %g; expected a finite number >= 0", who, p->required);
			goto out;
		}
		if (p->required > fillable) {
			*err = ec_asprintf("%s: required amount %g exceeds the gap funds can fill (%g: guidance fund, "
					   "bank loans, bonds and social capital)", who, p->required, fillable);
			goto out;
		}
		free(who);
		who = NULL;
	}
	for (size_t f = 0; f < pb->nfunds; f++) {
		const struct ec_alloc_fund *fd = &pb->funds[f];

		who = subject("fund", fd->name, f);
		if (ec_alloc_source_of(fd->type) < 0) {
			*err = ec_asprintf("%s: unknown fund type %d", who, (int)fd->type);
			goto out;
		}
		if (!(isfinite(fd->capacity) && fd->capacity >= 0)) {
			*err = ec_asprintf("%s: capacity is %g; expected a finite number >= 0", who, fd->capacity);
			goto out;
		}
		if (!(isfinite(fd->min_ticket) && fd->min_ticket >= 0)) {
			*err = ec_asprintf("%s: minimum ticket is %g; expected a finite number >= 0", who,
					   fd->min_ticket);
			goto out;
		}
		if (!(fd->max_ticket > 0 && fd->max_ticket >= fd->min_ticket)) {
			*err = ec_asprintf("%s: maximum ticket is %g; expected a number > 0 and >= the minimum ticket "
					   "(%g), or infinity", who, fd->max_ticket, fd->min_ticket);
			goto out;
		}
		if (!(fd->max_share > 0 && fd->max_share <= 1)) {
			*err = ec_asprintf("%s: maximum share is %g; expected a number in (0, 1]", who, fd->max_share);
			goto out;
		}
		free(who);
		who = NULL;
	}
	for (size_t r = 0; r < pb->nregions; r++) {
		const struct ec_alloc_region *rg = &pb->regions[r];

		who = subject("region", rg->code, r);
		if (!no_quota(rg->land_quota_mu) && !(isfinite(rg->land_quota_mu) && rg->land_quota_mu >= 0)) {
			*err = ec_asprintf("%s: land quota is %g mu; expected a finite number >= 0, or none", who,
					   rg->land_quota_mu);
			goto out;
		}
		if (!no_quota(rg->energy_quota_tce) && !(isfinite(rg->energy_quota_tce) && rg->energy_quota_tce >= 0)) {
			*err = ec_asprintf("%s: energy quota is %g tce; expected a finite number >= 0, or none", who,
					   rg->energy_quota_tce);
			goto out;
		}
		free(who);
		who = NULL;
	}
	rc = EC_OK;
out:
	free(who);
	return rc;
}

static int check_options(const struct ec_alloc_options *o, char **err)
{
	if (!(o->time_limit_s > 0)) {
		*err = ec_asprintf("allocation options: time limit is %g s; expected a number > 0, or infinity",
				   o->time_limit_s);
		return EC_EUSAGE;
	}
	if (o->mip != 0 && o->mip != 1) {
		*err = ec_asprintf("allocation options: mip is %d; expected 0 or 1", o->mip);
		return EC_EUSAGE;
	}
	if (o->objective != EC_ALLOC_AMOUNT && o->objective != EC_ALLOC_SHARE) {
		*err = ec_asprintf("allocation options: unknown objective %d", (int)o->objective);
		return EC_EUSAGE;
	}
	if (o->solver != EC_ALLOC_COIN && o->solver != EC_ALLOC_GLPK) {
		*err = ec_asprintf("allocation options: unknown solver %d", (int)o->solver);
		return EC_EUSAGE;
	}
	return EC_OK;
}

/* ---- the model ---- */

static void model_release(struct model *m)
{
	free(m->pairs);
	free(m->first);
	free(m->fillable);
	free(m->guided_col);
	free(m->source_row);
	free(m->land_row);
	free(m->energy_row);
	free(m->required_row);
	lp_model_release(&m->lp);
}

double ec_alloc_pair_cap(const struct ec_alloc_project *p, const struct ec_alloc_fund *fd)
{
	int s = ec_alloc_source_of(fd->type);

	if (s < 0)
		return 0;
	return fmin(fmin(fd->capacity, fd->max_ticket), fmin(fd->max_share * p->total, p->gap[s]));
}

static int fund_source(const struct ec_alloc_problem *pb, size_t f)
{
	return ec_alloc_source_of(pb->funds[f].type);
}

static int is_guidance(const struct ec_alloc_problem *pb, size_t f)
{
	return pb->funds[f].type == EC_FUND_GOVERNMENT_GUIDANCE;
}

/* Lists the pairs that can carry money, project by project, and decides
** which need a binary. A pair whose cap is below the fund's minimum ticket
** can never invest, in the LP as in the MIP, and is left out. */
static void find_pairs(struct model *m)
{
	const struct ec_alloc_problem *pb = m->pb;
	size_t cap = 0;

	m->first = ec_calloc(pb->nprojects + 1, sizeof *m->first);
	m->fillable = ec_calloc(pb->nprojects ? pb->nprojects : 1, sizeof *m->fillable);
	for (size_t j = 0; j < pb->nprojects; j++) {
		const struct ec_alloc_project *p = &pb->projects[j];
		size_t needing = 0; /* pairs of j whose fund needs a guidance co-investor */

		for (int s = 0; s < EC_NSOURCES; s++)
			if (is_fillable(s))
				m->fillable[j] += p->gap[s];
		m->first[j] = m->npairs;
		for (size_t f = 0; f < pb->nfunds; f++) {
			const struct ec_alloc_fund *fd = &pb->funds[f];
			double upper;

			if (pb->eligible && !pb->eligible[f * pb->nprojects + j])
				continue;
			upper = ec_alloc_pair_cap(p, fd);
			if (!(upper > 0) || upper < fd->min_ticket)
				continue;
			if (m->npairs == cap) {
				cap = cap ? 2 * cap : 64;
				m->pairs = ec_realloc(m->pairs, cap * sizeof *m->pairs);
			}
			m->pairs[m->npairs] = (struct pair){ .fund = f, .project = j, .upper = upper,
							     .lower = fd->min_ticket };
			needing += fd->needs_government_coinvestor != 0;
			m->npairs++;
		}
		for (size_t k = m->first[j]; k < m->npairs; k++) {
			struct pair *q = &m->pairs[k];
			size_t f = q->fund;
			size_t others = needing - (pb->funds[f].needs_government_coinvestor != 0);

			if (is_guidance(pb, f) && others > 0) {
				q->coinvestor = 1;
				q->lower = fmax(q->lower, EC_ALLOC_COINVEST_MIN);
			}
			q->linked = pb->funds[f].needs_government_coinvestor || q->coinvestor;
			if (q->lower > 0 || q->linked)
				q->ycol = -1; /* numbered in build (linked) or extend (the rest) */
		}
	}
	m->first[pb->nprojects] = m->npairs;
}

static void add_nz(struct model *m, int row, int col, double value)
{
	lp_add_nz(&m->lp, row - 1, col - 1, value);
}

/* Objective coefficient of the amount of pair k. */
static double gain(const struct model *m, const struct pair *q)
{
	double p = m->pb->projects[q->project].priority;

	return m->objective == EC_ALLOC_SHARE ? p / m->fillable[q->project] : p;
}

/* Adds a row with these bounds (-INFINITY, INFINITY: none) and returns
** its number. */
static int new_row(struct model *m, double lo, double hi)
{
	return lp_add_row(&m->lp, lo, hi) + 1;
}

/* Adds a column and returns its number. */
static int new_col(struct model *m, double lo, double hi, double obj, int integer)
{
	return lp_add_col(&m->lp, lo, hi, obj, integer) + 1;
}

/* The number of projects that need a "guided" column: those with a pair
** whose fund, not itself a guidance fund, needs a guidance co-investor. */
static size_t count_guided(const struct model *m, size_t *coinvest_rows /* OUT */)
{
	const struct ec_alloc_problem *pb = m->pb;
	size_t nguided = 0;

	*coinvest_rows = 0;
	for (size_t j = 0; j < pb->nprojects; j++) {
		int guided = 0;

		for (size_t k = m->first[j]; k < m->first[j + 1]; k++) {
			const struct pair *q = &m->pairs[k];

			if (pb->funds[q->fund].needs_government_coinvestor) {
				(*coinvest_rows)++;
				guided |= !is_guidance(pb, q->fund);
			}
		}
		nguided += (size_t)guided;
	}
	return nguided;
}

/* Checks that the MIP, the larger of the two problems, fits the solvers'
** int indices. Returns 0, or EC_ELIMIT with *err. */
static int check_size(const struct model *m, size_t nguided, size_t coinvest_rows, char **err)
{
	const struct ec_alloc_problem *pb = m->pb;
	size_t ncols = m->npairs + nguided, nrows = pb->nfunds + nguided;

	for (size_t k = 0; k < m->npairs; k++)
		if (m->pairs[k].ycol)
			ncols++;
	nrows += pb->nprojects * (EC_NSOURCES + 1) + 2 * pb->nregions + 2 * m->npairs + coinvest_rows;
	if (ncols > INT_MAX / 2 || nrows > INT_MAX / 2 || m->npairs > INT_MAX / 16) {
		*err = ec_asprintf("allocation problem: %zu fund-project pairs is too large for the solver", m->npairs);
		return EC_ELIMIT;
	}
	return EC_OK;
}

/* Columns of the relaxation: x of every pair, then y of the linked pairs,
** then "guided" per project that needs it; extend() adds the other
** binaries. */
static void add_columns(struct model *m)
{
	const struct ec_alloc_problem *pb = m->pb;

	for (size_t k = 0; k < m->npairs; k++) {
		struct pair *q = &m->pairs[k];

		q->xcol = new_col(m, 0.0, q->upper, gain(m, q), 0);
	}
	for (size_t k = 0; k < m->npairs; k++) {
		struct pair *q = &m->pairs[k];

		if (!q->linked)
			continue;
		q->ycol = new_col(m, 0.0, 1.0, 0.0, m->integer);
		m->nbinaries++;
	}
	for (size_t j = 0; j < pb->nprojects; j++) {
		for (size_t k = m->first[j]; k < m->first[j + 1]; k++) {
			const struct pair *q = &m->pairs[k];

			if (pb->funds[q->fund].needs_government_coinvestor && !is_guidance(pb, q->fund)) {
				m->guided_col[j] = new_col(m, 0.0, 1.0, 0.0, 0);
				break;
			}
		}
	}
}

/* The rows that bound amounts: fund capacities first (fund f is row
** f + 1), the gap of each project and source, the regions' land and energy
** quotas, and the required amounts. */
static void add_amount_rows(struct model *m)
{
	const struct ec_alloc_problem *pb = m->pb;

	for (size_t f = 0; f < pb->nfunds; f++)
		new_row(m, -INFINITY, pb->funds[f].capacity);
	for (size_t k = 0; k < m->npairs; k++)
		add_nz(m, (int)m->pairs[k].fund + 1, m->pairs[k].xcol, 1.0);

	for (size_t j = 0; j < pb->nprojects; j++) {
		for (size_t k = m->first[j]; k < m->first[j + 1]; k++) {
			const struct pair *q = &m->pairs[k];
			int s = fund_source(pb, q->fund);
			int *r = &m->source_row[j * EC_NSOURCES + (size_t)s];

			if (!*r)
				*r = new_row(m, -INFINITY, pb->projects[j].gap[s]);
			add_nz(m, *r, q->xcol, 1.0);
		}
	}

	/* Quotas: project j uses land_mu times the share of its fillable gap
	** that the plan covers. */
	for (size_t r = 0; r < pb->nregions; r++) {
		if (!no_quota(pb->regions[r].land_quota_mu))
			m->land_row[r] = new_row(m, -INFINITY, pb->regions[r].land_quota_mu);
		if (!no_quota(pb->regions[r].energy_quota_tce))
			m->energy_row[r] = new_row(m, -INFINITY, pb->regions[r].energy_quota_tce);
	}
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		const struct ec_alloc_project *p = &pb->projects[q->project];

		if (m->land_row[p->region] && p->land_mu > 0)
			add_nz(m, m->land_row[p->region], q->xcol, p->land_mu / m->fillable[q->project]);
		if (m->energy_row[p->region] && p->energy_tce > 0)
			add_nz(m, m->energy_row[p->region], q->xcol, p->energy_tce / m->fillable[q->project]);
	}

	for (size_t j = 0; j < pb->nprojects; j++) {
		if (!(pb->projects[j].required > 0))
			continue;
		m->required_row[j] = new_row(m, pb->projects[j].required, INFINITY);
		for (size_t k = m->first[j]; k < m->first[j + 1]; k++)
			add_nz(m, m->required_row[j], m->pairs[k].xcol, 1.0);
	}
}

/* Tickets: lower * y <= x <= upper * y, for the linked pairs (extend()
** adds those of the others). */
static void add_ticket_rows(struct model *m)
{
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		int r;

		if (!q->linked)
			continue;
		r = new_row(m, -INFINITY, 0.0);
		add_nz(m, r, q->xcol, 1.0);
		add_nz(m, r, q->ycol, -q->upper);
		if (q->lower > 0) {
			r = new_row(m, 0.0, INFINITY);
			add_nz(m, r, q->xcol, 1.0);
			add_nz(m, r, q->ycol, -q->lower);
		}
	}
}

/* Co-investment. guided_j <= sum of the guidance binaries of j, and
** y_fj <= guided_j; a guidance fund that needs a co-investor needs another
** guidance fund: y_fj <= sum of the others' binaries. */
static void add_coinvest_rows(struct model *m)
{
	const struct ec_alloc_problem *pb = m->pb;

	for (size_t j = 0; j < pb->nprojects; j++) {
		if (m->guided_col[j]) {
			int r = new_row(m, -INFINITY, 0.0);

			add_nz(m, r, m->guided_col[j], 1.0);
			for (size_t k = m->first[j]; k < m->first[j + 1]; k++)
				if (m->pairs[k].coinvestor)
					add_nz(m, r, m->pairs[k].ycol, -1.0);
		}
		for (size_t k = m->first[j]; k < m->first[j + 1]; k++) {
			const struct pair *q = &m->pairs[k];
			int r;

			if (!pb->funds[q->fund].needs_government_coinvestor)
				continue;
			r = new_row(m, -INFINITY, 0.0);
			add_nz(m, r, q->ycol, 1.0);
			if (!is_guidance(pb, q->fund)) {
				add_nz(m, r, m->guided_col[j], -1.0);
				continue;
			}
			for (size_t g = m->first[j]; g < m->first[j + 1]; g++)
				if (g != k && m->pairs[g].coinvestor)
					add_nz(m, r, m->pairs[g].ycol, -1.0);
		}
	}
}

/* Numbers the columns and rows and builds the LP relaxation into m->lp.
** Returns 0, or EC_ELIMIT when the sizes do not fit the solvers' int
** indices. */
static int build(struct model *m, char **err)
{
	const struct ec_alloc_problem *pb = m->pb;
	size_t nguided, coinvest_rows;
	int rc;

	m->guided_col = ec_calloc(pb->nprojects ? pb->nprojects : 1, sizeof *m->guided_col);
	m->source_row = ec_calloc(pb->nprojects ? pb->nprojects * EC_NSOURCES : 1, sizeof *m->source_row);
	m->required_row = ec_calloc(pb->nprojects ? pb->nprojects : 1, sizeof *m->required_row);
	m->land_row = ec_calloc(pb->nregions ? pb->nregions : 1, sizeof *m->land_row);
	m->energy_row = ec_calloc(pb->nregions ? pb->nregions : 1, sizeof *m->energy_row);
	nguided = count_guided(m, &coinvest_rows);
	if ((rc = check_size(m, nguided, coinvest_rows, err)) != EC_OK)
		return rc;
	add_columns(m);
	add_amount_rows(m);
	m->link_row = m->lp.nrows + 1;
	add_ticket_rows(m);
	add_coinvest_rows(m);
	if (m->lp.nz > INT_MAX - 1) {
		*err = ec_asprintf("allocation problem: %zu matrix entries is too large for the solver", m->lp.nz);
		return EC_ELIMIT;
	}
	m->lp_cols = m->lp.ncols;
	m->lp_rows = m->lp.nrows;
	m->lp_nz = m->lp.nz;
	return EC_OK;
}

/* Adds to the relaxation the binaries it leaves out (the ticket binaries
** of the pairs in no co-investment rule) with their rows: the MIP. */
static void extend(struct model *m)
{
	for (size_t k = 0; k < m->npairs; k++) {
		struct pair *q = &m->pairs[k];
		int row;

		if (q->ycol >= 0)
			continue;
		q->ycol = new_col(m, 0.0, 1.0, 0.0, 1);
		m->nbinaries++;
		row = new_row(m, -INFINITY, 0.0);
		add_nz(m, row, q->xcol, 1.0);
		add_nz(m, row, q->ycol, -q->upper);
		if (q->lower > 0) {
			row = new_row(m, 0.0, INFINITY);
			add_nz(m, row, q->xcol, 1.0);
			add_nz(m, row, q->ycol, -q->lower);
		}
	}
}

/* A basis of the MIP's relaxation from the relaxation's, whose statuses
** fill the first lp_cols and lp_rows elements: each added y = x / U basic,
** its row x - U y <= 0 at its bound, its row x - l y >= 0 basic. That
** point is feasible (l <= U), and the rows at their bound have dual 0 (y,
** basic, has cost 0), so every reduced cost is as before: the basis is
** optimal, and a solver that takes it (GLPK) starts branch and bound
** without iterating. */
static void extend_basis(const struct model *m, unsigned char *col_stat, unsigned char *row_stat)
{
	for (int c = m->lp_cols; c < m->lp.ncols; c++)
		col_stat[c] = LP_BASIC;
	for (int i = m->lp_rows; i < m->lp.nrows; i++)
		row_stat[i] = isfinite(m->lp.row_hi[i]) ? LP_AT_UPPER : LP_BASIC;
}

/* ---- the rounded plan ---- */

/* Rounds the LP amounts down to a plan that keeps every rule: an amount
** below its pair's least amount is dropped, then (until nothing changes)
** an amount whose fund needs a guidance co-investor that is not there.
** Dropping money never breaks a capacity, gap or quota, so the plan is
** feasible unless a required amount is no longer covered. Returns 1 and
** fills start[1..ncols], or 0. */
static int round_down(const struct model *m, const double *lp_amount, double *start)
{
	const struct ec_alloc_problem *pb = m->pb;
	double *x = ec_malloc((m->npairs ? m->npairs : 1) * sizeof *x);
	int changed, ok = 1;

	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		double v = fmin(fmax(lp_amount[k], 0.0), q->upper);

		if (v < NOISE * fmax(1.0, q->upper))
			v = 0;
		if (q->ycol && v > 0 && v < q->lower)
			v = v < q->lower * (1 - NOISE) || q->lower > q->upper ? 0 : q->lower;
		x[k] = v;
	}
	do {
		changed = 0;
		for (size_t k = 0; k < m->npairs; k++) {
			const struct pair *q = &m->pairs[k];
			int found = 0;

			if (!(x[k] > 0) || !pb->funds[q->fund].needs_government_coinvestor)
				continue;
			for (size_t g = m->first[q->project]; g < m->first[q->project + 1] && !found; g++)
				found = g != k && m->pairs[g].coinvestor && x[g] > 0;
			if (!found) {
				x[k] = 0;
				changed = 1;
			}
		}
	} while (changed);

	memset(start, 0, ((size_t)m->lp.ncols + 1) * sizeof *start);
	for (size_t j = 0; j < pb->nprojects; j++) {
		double covered = 0;
		int guided = 0;

		for (size_t k = m->first[j]; k < m->first[j + 1]; k++) {
			const struct pair *q = &m->pairs[k];

			covered += x[k];
			start[q->xcol] = x[k];
			if (q->ycol)
				start[q->ycol] = x[k] > 0 ? 1.0 : 0.0;
			guided |= q->coinvestor && x[k] > 0;
		}
		if (m->guided_col[j])
			start[m->guided_col[j]] = guided ? 1.0 : 0.0;
		if (covered < pb->projects[j].required * (1 - NOISE))
			ok = 0;
	}
	free(x);
	return ok;
}

/* Adds to sub the rows that bound amounts (capacity, gap, quota,
** required: the rows before link_row), over the columns kept in it:
** newcol[c] is the column of sub, from 1, that the model's column c
** became, 0 for one left out. */
static void add_amount_rows_of(const struct model *m, const int *newcol, struct lp_model *sub)
{
	int nrows = m->link_row - 1;

	for (int i = 0; i < nrows; i++)
		lp_add_row(sub, m->lp.row_lo[i], m->lp.row_hi[i]);
	for (size_t t = 0; t < m->lp.nz; t++) {
		int c = newcol[m->lp.tj[t] + 1];

		if (m->lp.ti[t] < nrows && c)
			lp_add_nz(sub, m->lp.ti[t], c - 1, m->lp.tv[t]);
	}
}

/* Improves the rounded plan in start: with the binaries fixed at their
** rounded values, the amounts of the chosen pairs (and of the pairs that
** need no binary) are re-solved as a smaller LP, over the capacity, gap,
** quota and required rows only (the ticket and co-investment rows become
** bounds or hold already). The rounded plan is a point of that LP, so the
** result is at least as good and keeps every rule. On solver trouble start
** is left as it is. */
static void polish(const struct model *m, double *start)
{
	struct lp_model sub;
	struct lp_params params = { INFINITY };
	struct lp_result res;
	int *newcol = ec_calloc((size_t)m->lp.ncols + 1, sizeof *newcol);
	int n = 0, nrows = m->link_row - 1;

	lp_model_init(&sub);
	memset(&res, 0, sizeof res);
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];

		if (!q->ycol || start[q->ycol] > 0.5)
			newcol[q->xcol] = ++n;
	}
	if (n == 0 || nrows == 0)
		goto out;
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		double lower = q->ycol ? q->lower : 0.0;

		if (newcol[q->xcol])
			lp_add_col(&sub, fmin(lower, q->upper), q->upper, gain(m, q), 0);
	}
	add_amount_rows_of(m, newcol, &sub);
	res.x = ec_malloc((size_t)n * sizeof *res.x);
	if (m->solver->solve_lp(&sub, &params, &res) == LP_OPTIMAL) {
		for (size_t k = 0; k < m->npairs; k++) {
			const struct pair *q = &m->pairs[k];
			int c = newcol[q->xcol];

			if (c)
				start[q->xcol] = fmin(fmax(res.x[c - 1], q->ycol ? q->lower : 0.0), q->upper);
		}
	}
out:
	lp_model_release(&sub);
	free(res.x);
	free(newcol);
}

/* The pairs of a plan that invest nothing yet, best gain first (then the
** larger amount of the relaxation), for repair(). */
struct candidate {
	size_t pair;
	double gain, lp_amount;
};

static int by_gain(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->gain != y->gain)
		return x->gain < y->gain ? 1 : -1;
	if (x->lp_amount != y->lp_amount)
		return x->lp_amount < y->lp_amount ? 1 : -1;
	return x->pair < y->pair ? -1 : x->pair > y->pair;
}

/* Adds to the polished plan in start the tickets that still fit: a pair
** that invests nothing is given its least amount when its fund's capacity,
** its project's gap in the source and its region's quotas have that much
** left, and its co-investor (if it needs one) is in. Best gain first. Adding
** money breaks no rule, so the plan stays feasible and gains; the amounts
** are then polished again by the caller. Returns how many were added. */
static size_t repair(const struct model *m, const double *lp_amount, double *start)
{
	const struct ec_alloc_problem *pb = m->pb;
	double *fund_left = ec_malloc((pb->nfunds + 1) * sizeof *fund_left);
	double *gap_left = ec_malloc((pb->nprojects * EC_NSOURCES + 1) * sizeof *gap_left);
	double *land_left = ec_malloc((pb->nregions + 1) * sizeof *land_left);
	double *energy_left = ec_malloc((pb->nregions + 1) * sizeof *energy_left);
	struct candidate *c = ec_malloc((m->npairs + 1) * sizeof *c);
	size_t nc = 0, added = 0;

	for (size_t f = 0; f < pb->nfunds; f++)
		fund_left[f] = pb->funds[f].capacity;
	for (size_t j = 0; j < pb->nprojects; j++)
		for (size_t s = 0; s < EC_NSOURCES; s++)
			gap_left[j * EC_NSOURCES + s] = pb->projects[j].gap[s];
	for (size_t r = 0; r < pb->nregions; r++) {
		land_left[r] = no_quota(pb->regions[r].land_quota_mu) ? INFINITY : pb->regions[r].land_quota_mu;
		energy_left[r] = no_quota(pb->regions[r].energy_quota_tce) ? INFINITY : pb->regions[r].energy_quota_tce;
	}
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		const struct ec_alloc_project *p = &pb->projects[q->project];
		double x = start[q->xcol];

		fund_left[q->fund] -= x;
		gap_left[q->project * EC_NSOURCES + (size_t)fund_source(pb, q->fund)] -= x;
		land_left[p->region] -= p->land_mu * x / m->fillable[q->project];
		energy_left[p->region] -= p->energy_tce * x / m->fillable[q->project];
		if (q->ycol > 0 && start[q->ycol] < 0.5 && q->lower > 0 && q->lower <= q->upper)
			c[nc++] = (struct candidate){ k, gain(m, q), lp_amount[k] };
	}
	qsort(c, nc, sizeof *c, by_gain);
	for (size_t i = 0; i < nc; i++) {
		const struct pair *q = &m->pairs[c[i].pair];
		const struct ec_alloc_project *p = &pb->projects[q->project];
		double a = q->lower, land = p->land_mu * a / m->fillable[q->project],
		       energy = p->energy_tce * a / m->fillable[q->project];
		double *gl = &gap_left[q->project * EC_NSOURCES + (size_t)fund_source(pb, q->fund)];
		int partner = !pb->funds[q->fund].needs_government_coinvestor;

		if (fund_left[q->fund] < a || *gl < a || land_left[p->region] < land || energy_left[p->region] < energy)
			continue;
		for (size_t g = m->first[q->project]; g < m->first[q->project + 1] && !partner; g++)
			partner = g != c[i].pair && m->pairs[g].coinvestor && start[m->pairs[g].xcol] > 0;
		if (!partner)
			continue;
		start[q->xcol] = a;
		start[q->ycol] = 1.0;
		if (q->coinvestor && m->guided_col[q->project])
			start[m->guided_col[q->project]] = 1.0;
		fund_left[q->fund] -= a;
		*gl -= a;
		land_left[p->region] -= land;
		energy_left[p->region] -= energy;
		added++;
	}
	free(fund_left);
	free(gap_left);
	free(land_left);
	free(energy_left);
	free(c);
	return added;
}

/* The share of the MIP's time limit that improve() may take; branch and
** bound on the whole model gets what it leaves. Half: at 10 000 x 500 CBC
** closes the neighbourhood in 3 s and GLPK uses its whole share, while
** on mid-sized models (3 000 x 200) the whole model's tree, from the
** better cutoff, closes most of what is left in the other half. */
#define IMPROVE_SHARE 0.5

/* The objective of a plan given as columns (start[1..ncols]). */
static double plan_value_of(const struct model *m, const double *start)
{
	double z = 0;

	for (size_t k = 0; k < m->npairs; k++)
		z += gain(m, &m->pairs[k]) * start[m->pairs[k].xcol];
	return z;
}

/* The pairs whose ticket the neighbourhood search of improve() decides:
** those in no co-investment rule, with a binary, on which the relaxation
** and the rounded plan disagree (the relaxation invests less than the
** ticket, or the plan invests and the relaxation does not reach the
** ticket). */
static int is_open(const struct pair *q, double lp_amount, const double *start)
{
	if (q->linked || q->ycol <= 0 || !(q->lower > 0) || q->lower > q->upper)
		return 0;
	if (lp_amount >= q->lower * (1 - NOISE))
		return 0; /* both invest */
	return lp_amount > 0 || start[q->ycol] > 0.5;
}

/* The neighbourhood of the plan in start as a MIP, into sub (initialised):
** the x of every pair the search may fund (open ones, those the plan funds,
** those with no binary), newcol[c] the column of sub (from 1) that model
** column c became (0: left out), the amount rows over them, then for each
** open pair (open[k] set here) its binary and its two ticket rows. The plan
** as sub's columns goes to *substart (caller frees). Returns how many
** pairs are open; with none, sub and *substart are left empty. */
static int neighbourhood(const struct model *m, const double *lp_amount, const double *start, int *newcol,
			 unsigned char *open, struct lp_model *sub, double **substart)
{
	int n = 0, nopen = 0;

	*substart = NULL;
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];

		open[k] = (unsigned char)is_open(q, lp_amount[k], start);
		nopen += open[k];
		if (open[k] || !q->ycol || start[q->ycol] > 0.5)
			newcol[q->xcol] = ++n;
	}
	if (nopen == 0 || m->link_row <= 1)
		return 0;
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		double lower = q->ycol && !open[k] ? q->lower : 0.0; /* a kept ticket */

		if (newcol[q->xcol])
			lp_add_col(sub, fmin(lower, q->upper), q->upper, gain(m, q), 0);
	}
	add_amount_rows_of(m, newcol, sub);
	*substart = ec_malloc((size_t)(n + nopen) * sizeof **substart);
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		int c = newcol[q->xcol], y, r;

		if (!c)
			continue;
		(*substart)[c - 1] = start[q->xcol];
		if (!open[k])
			continue;
		/* l y <= x <= U y, y binary */
		y = lp_add_col(sub, 0.0, 1.0, 0.0, 1);
		(*substart)[y] = start[q->ycol] > 0.5 ? 1.0 : 0.0;
		r = lp_add_row(sub, -INFINITY, 0.0);
		lp_add_nz(sub, r, c - 1, 1.0);
		lp_add_nz(sub, r, y, -q->upper);
		r = lp_add_row(sub, 0.0, INFINITY);
		lp_add_nz(sub, r, c - 1, 1.0);
		lp_add_nz(sub, r, y, -q->lower);
	}
	return nopen;
}

/* Puts the neighbourhood's plan x (sub's columns, as neighbourhood() made
** them; the open pairs' binaries follow the nx amounts in pair order) into
** start, unless it is worth less than start's: the solver's rounding of
** the amounts to their bounds, not a better plan. */
static void take_plan(const struct model *m, const int *newcol, const unsigned char *open, int nx, const double *x,
		      double *start)
{
	size_t ncols = (size_t)m->lp.ncols + 1;
	double *saved = ec_malloc(ncols * sizeof *saved), before = plan_value_of(m, start);
	int y = nx;

	memcpy(saved, start, ncols * sizeof *saved);
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		int c = newcol[q->xcol], on = 1;

		if (!c)
			continue;
		if (open[k])
			start[q->ycol] = on = x[y++] > 0.5;
		start[q->xcol] = on ? fmin(fmax(x[c - 1], q->ycol ? q->lower : 0.0), q->upper) : 0.0;
	}
	if (plan_value_of(m, start) < before)
		memcpy(start, saved, ncols * sizeof *saved);
	free(saved);
}

/* Improves the rounded plan in start by branch and bound on a
** neighbourhood of it, the relaxation-induced neighbourhood (RINS) of the
** MIP literature: the tickets on which the relaxation and the plan agree
** are kept (a pair both invest in keeps its ticket, one neither invests in
** stays out, and every pair of a co-investment rule keeps the plan's
** choice, so that those rules hold as they are), the others (is_open) are
** left to the search with their ticket rows, and the amounts are free as
** in polish(). At 10 000 x 500, 295 binaries over the amount rows: CBC
** closes that in 3 s, where the whole MIP, with 116 000 binaries, finds
** nothing better in its minute. The plan is a point of the neighbourhood
** and its start (its value CBC's cutoff), so the result is at least as
** good, and any plan of the neighbourhood keeps every rule of the whole
** model. The search gets IMPROVE_SHARE of the time limit. Returns 1 when it
** searched (some ticket was open), else 0. */
static int improve(const struct model *m, const struct ec_alloc_options *opts, const double *lp_amount,
		   double *start)
{
	struct lp_model sub;
	struct mip_params params = { IMPROVE_SHARE * opts->time_limit_s, opts->cancel, NULL, NULL, NULL };
	struct mip_result res;
	int *newcol = ec_calloc((size_t)m->lp.ncols + 1, sizeof *newcol);
	unsigned char *open = ec_calloc(m->npairs + 1, sizeof *open);
	double *substart;
	int nopen, nx;

	lp_model_init(&sub);
	memset(&res, 0, sizeof res);
	nopen = neighbourhood(m, lp_amount, start, newcol, open, &sub, &substart);
	if (nopen > 0) {
		progress(opts, "improving the rounded plan: open tickets %d (at most %g s)", nopen,
			 params.time_limit_s);
		nx = sub.ncols - nopen;
		params.start = substart;
		res.x = ec_malloc((size_t)sub.ncols * sizeof *res.x);
		m->solver->solve_mip(&sub, &params, &res);
		if (res.status == MIP_OPTIMAL || res.status == MIP_FEASIBLE)
			take_plan(m, newcol, open, nx, res.x, start);
	}
	lp_model_release(&sub);
	free(res.x);
	free(substart);
	free(open);
	free(newcol);
	return nopen > 0;
}

/* ---- messages ---- */

/* Names up to three projects with a required amount, for messages. */
static char *required_projects(const struct ec_alloc_problem *pb)
{
	struct ec_buf b;
	size_t named = 0, count = 0;

	ec_buf_init(&b, 0);
	for (size_t j = 0; j < pb->nprojects; j++) {
		char *who;

		if (!(pb->projects[j].required > 0))
			continue;
		if (++count > 3)
			continue;
		who = project_subject(pb, j);
		ec_buf_printf(&b, "%s%s (%g)", named++ ? ", " : "", who, pb->projects[j].required);
		free(who);
	}
	if (count > 3)
		ec_buf_printf(&b, " and %zu more", count - 3);
	return ec_buf_detach(&b, NULL);
}

/* The LP relaxation has no feasible point. Returns EC_EDATA with *err. */
static int no_plan(const struct ec_alloc_problem *pb, char **err)
{
	char *names = required_projects(pb);

	*err = ec_asprintf("the rules leave no feasible plan: the required amounts of %s cannot all be covered "
			   "within the funds' capacities, tickets, shares, co-investment rules and quotas", names);
	free(names);
	return EC_EDATA;
}

/* ---- the result ---- */

static int binds(double slack, double bound)
{
	return slack <= BIND_TOL * fmax(1.0, fabs(bound));
}

static void add_binding(struct ec_alloc_result *r, size_t *cap, enum ec_alloc_constraint kind, size_t index,
			int source, double bound, double dual)
{
	if (r->nbinding == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		r->binding = ec_realloc(r->binding, *cap * sizeof *r->binding);
	}
	r->binding[r->nbinding++] = (struct ec_alloc_binding){ .kind = kind, .index = index,
							      .source = (enum ec_source)source,
							      .bound = bound, .dual = dual };
}

static double row_dual(const double *dual, int row)
{
	return row ? dual[row] : 0.0;
}

/* Fills r from the plan (amounts per pair) and the LP row duals. */
static void fill_result(const struct model *m, const double *plan, const double *dual, struct ec_alloc_result *r)
{
	const struct ec_alloc_problem *pb = m->pb;
	size_t np = pb->nprojects, nf = pb->nfunds, nr = pb->nregions, cap = 0;
	double *covered = ec_calloc(np * EC_NSOURCES + 1, sizeof *covered);
	size_t *pairs_of_fund = ec_calloc(nf + 1, sizeof *pairs_of_fund);

	r->nprojects = np;
	r->nfunds = nf;
	r->nregions = nr;
	r->amount = ec_calloc(nf * np + 1, sizeof *r->amount);
	r->funded = ec_calloc(np + 1, sizeof *r->funded);
	r->lacking = ec_calloc(np * EC_NSOURCES + 1, sizeof *r->lacking);
	r->fund_used = ec_calloc(nf + 1, sizeof *r->fund_used);
	r->land_used_mu = ec_calloc(nr + 1, sizeof *r->land_used_mu);
	r->energy_used_tce = ec_calloc(nr + 1, sizeof *r->energy_used_tce);
	r->fund_capacity_dual = ec_calloc(nf + 1, sizeof *r->fund_capacity_dual);
	r->land_dual = ec_calloc(nr + 1, sizeof *r->land_dual);
	r->energy_dual = ec_calloc(nr + 1, sizeof *r->energy_dual);
	r->objective = 0;

	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		double v = plan[k];

		pairs_of_fund[q->fund]++;
		r->amount[q->fund * np + q->project] = v;
		r->funded[q->project] += v;
		r->fund_used[q->fund] += v;
		covered[q->project * EC_NSOURCES + (size_t)fund_source(pb, q->fund)] += v;
		r->objective += gain(m, q) * v;
	}
	for (size_t j = 0; j < np; j++) {
		const struct ec_alloc_project *p = &pb->projects[j];
		double share = m->fillable[j] > 0 ? r->funded[j] / m->fillable[j] : 0;

		for (size_t s = 0; s < EC_NSOURCES; s++) {
			double left = p->gap[s] - covered[j * EC_NSOURCES + s];

			r->lacking[j * EC_NSOURCES + s] = left < NOISE * fmax(1.0, p->gap[s]) ? 0 : left;
		}
		r->land_used_mu[p->region] += p->land_mu * share;
		r->energy_used_tce[p->region] += p->energy_tce * share;
	}

	for (size_t f = 0; f < nf; f++)
		r->fund_capacity_dual[f] = dual[f + 1];
	for (size_t g = 0; g < nr; g++) {
		r->land_dual[g] = row_dual(dual, m->land_row[g]);
		r->energy_dual[g] = row_dual(dual, m->energy_row[g]);
	}

	/* What binds in the plan, in the order of enum ec_alloc_constraint. */
	for (size_t f = 0; f < nf; f++) {
		double c = pb->funds[f].capacity;

		if (pairs_of_fund[f] && binds(c - r->fund_used[f], c))
			add_binding(r, &cap, EC_BIND_FUND_CAPACITY, f, EC_SRC_GOVERNMENT_BUDGET, c, dual[f + 1]);
	}
	for (size_t j = 0; j < np; j++)
		for (size_t s = 0; s < EC_NSOURCES; s++) {
			int row = m->source_row[j * EC_NSOURCES + s];
			double gap = pb->projects[j].gap[s];

			if (row && binds(gap - covered[j * EC_NSOURCES + s], gap))
				add_binding(r, &cap, EC_BIND_PROJECT_SOURCE, j, (int)s, gap, dual[row]);
		}
	for (size_t g = 0; g < nr; g++)
		if (m->land_row[g] && binds(pb->regions[g].land_quota_mu - r->land_used_mu[g], pb->regions[g].land_quota_mu))
			add_binding(r, &cap, EC_BIND_LAND_QUOTA, g, EC_SRC_GOVERNMENT_BUDGET, pb->regions[g].land_quota_mu,
				    dual[m->land_row[g]]);
	for (size_t g = 0; g < nr; g++)
		if (m->energy_row[g] &&
		    binds(pb->regions[g].energy_quota_tce - r->energy_used_tce[g], pb->regions[g].energy_quota_tce))
			add_binding(r, &cap, EC_BIND_ENERGY_QUOTA, g, EC_SRC_GOVERNMENT_BUDGET, pb->regions[g].energy_quota_tce,
				    dual[m->energy_row[g]]);
	for (size_t j = 0; j < np; j++)
		if (m->required_row[j] && binds(r->funded[j] - pb->projects[j].required, pb->projects[j].required))
			add_binding(r, &cap, EC_BIND_PROJECT_REQUIRED, j, EC_SRC_GOVERNMENT_BUDGET, pb->projects[j].required,
				    dual[m->required_row[j]]);
	free(covered);
	free(pairs_of_fund);
}

/* Amounts of the plan from column values: within [0, upper], noise to 0. */
static void read_plan(const struct model *m, const double *colval, double *plan)
{
	for (size_t k = 0; k < m->npairs; k++) {
		const struct pair *q = &m->pairs[k];
		double v = fmin(fmax(colval[q->xcol], 0.0), q->upper);

		plan[k] = v < NOISE * fmax(1.0, q->upper) ? 0 : v;
	}
}

static double plan_value(const struct model *m, const double *plan)
{
	double z = 0;

	for (size_t k = 0; k < m->npairs; k++)
		z += gain(m, &m->pairs[k]) * plan[k];
	return z;
}

/* A row dual as reported: noise to 0, and 12 significant digits, about
** what the simplex gets right, so that 0.3 does not come out as
** 0.29999999999999993. */
static double clean_dual(double d)
{
	double scale;

	if (fabs(d) < NOISE)
		return 0;
	scale = pow(10.0, 11 - floor(log10(fabs(d))));
	return round(d * scale) / scale;
}

/* ---- the model as MPS ---- */

/* What each column and row of the model is, for its names. */
struct names {
	const struct model *m;
	int *col_pair;    /* [ncols + 1]: the pair of an x or y column, or -1 */
	int *col_project; /* [ncols + 1]: the project of a guided column, or -1 */
	char *row_kind;   /* [nrows + 1]: 'c' capacity, 's' source gap, 'l' land, 'e' energy, 'r' required, 0 other */
	size_t *row_of;   /* [nrows + 1]: the fund, project * EC_NSOURCES + source, region or project */
};

/* x_f<fund>_p<project>, y_f<fund>_p<project>, h_p<project>; cap_f<fund>,
** gap_p<project>_s<source>, land_r<region>, energy_r<region>,
** req_p<project>, and link<row> for the ticket and co-investment rows;
** indices into the problem's arrays, from 0. */
static void name_of(void *ctx, int is_row, int i, char buf[64])
{
	const struct names *n = ctx;
	int c = i + 1;

	if (!is_row) {
		if (n->col_pair[c] >= 0) {
			const struct pair *q = &n->m->pairs[n->col_pair[c]];
			snprintf(buf, 64, "%c_f%zu_p%zu", q->xcol == c ? 'x' : 'y', q->fund, q->project);
		} else if (n->col_project[c] >= 0) {
			snprintf(buf, 64, "h_p%d", n->col_project[c]);
		} else {
			snprintf(buf, 64, "c%d", c);
		}
		return;
	}
	switch (n->row_kind[c]) {
	case 'c': snprintf(buf, 64, "cap_f%zu", n->row_of[c]); break;
	case 's': snprintf(buf, 64, "gap_p%zu_s%zu", n->row_of[c] / EC_NSOURCES, n->row_of[c] % EC_NSOURCES); break;
	case 'l': snprintf(buf, 64, "land_r%zu", n->row_of[c]); break;
	case 'e': snprintf(buf, 64, "energy_r%zu", n->row_of[c]); break;
	case 'r': snprintf(buf, 64, "req_p%zu", n->row_of[c]); break;
	default: snprintf(buf, 64, "link%d", c); break;
	}
}

/* Writes the model (the MIP, or the relaxation when mip is 0) as free
** MPS. Returns 0, or EC_EIO with *err. */
static int write_model(const struct model *m, FILE *out, char **err)
{
	const struct ec_alloc_problem *pb = m->pb;
	size_t ncols = (size_t)m->lp.ncols + 1, nrows = (size_t)m->lp.nrows + 1;
	struct names n = { m, ec_malloc(ncols * sizeof(int)), ec_malloc(ncols * sizeof(int)), ec_calloc(nrows, 1),
			   ec_calloc(nrows, sizeof(size_t)) };
	int rc;

	for (size_t c = 0; c < ncols; c++)
		n.col_pair[c] = n.col_project[c] = -1;
	for (size_t k = 0; k < m->npairs; k++) {
		n.col_pair[m->pairs[k].xcol] = (int)k;
		if (m->pairs[k].ycol > 0)
			n.col_pair[m->pairs[k].ycol] = (int)k;
	}
	for (size_t f = 0; f < pb->nfunds; f++)
		n.row_kind[f + 1] = 'c', n.row_of[f + 1] = f;
	for (size_t j = 0; j < pb->nprojects; j++) {
		if (m->guided_col[j])
			n.col_project[m->guided_col[j]] = (int)j;
		for (size_t s = 0; s < EC_NSOURCES; s++) {
			int row = m->source_row[j * EC_NSOURCES + s];
			if (row)
				n.row_kind[row] = 's', n.row_of[row] = j * EC_NSOURCES + s;
		}
		if (m->required_row[j])
			n.row_kind[m->required_row[j]] = 'r', n.row_of[m->required_row[j]] = j;
	}
	for (size_t g = 0; g < pb->nregions; g++) {
		if (m->land_row[g])
			n.row_kind[m->land_row[g]] = 'l', n.row_of[m->land_row[g]] = g;
		if (m->energy_row[g])
			n.row_kind[m->energy_row[g]] = 'e', n.row_of[m->energy_row[g]] = g;
	}
	rc = lp_write_mps(&m->lp, m->integer ? "echelon-allocation-mip" : "echelon-allocation-lp", name_of, &n, out);
	if (rc != EC_OK)
		*err = ec_strdup("allocation: writing the model as MPS failed");
	free(n.col_pair);
	free(n.col_project);
	free(n.row_kind);
	free(n.row_of);
	return rc;
}

/* ---- the driver ---- */

/* A simplex run gets ten times the time limit, and at least a minute: on a
** large instance the LP relaxation, not the branch and bound, is what takes
** long, and without it there is no plan at all. No limit without one. */
static double lp_time_limit(const struct ec_alloc_options *opts)
{
	return isfinite(opts->time_limit_s) ? fmax(opts->time_limit_s * 10.0, 60.0) : INFINITY;
}

/* Solves the LP relaxation, the prefix of m->lp: colval[1..lp_cols] gets
** its optimum, dual[1..lp_rows] the row duals (cleaned), col_stat and
** row_stat (when not NULL) its basis from element 0, res->lp_bound its
** value. Every amount has a finite upper bound, so it is bounded; without
** required amounts, all zero is feasible. Returns 0, or EC_EDATA (no
** feasible plan), EC_ELIMIT (out of time) or EC_ESOLVER, with *err. */
static int solve_relaxation(const struct model *m, const struct ec_alloc_options *opts, double *colval, double *dual,
			    unsigned char *col_stat, unsigned char *row_stat, struct ec_alloc_result *res, char **err)
{
	const struct ec_alloc_problem *pb = m->pb;
	struct lp_model relaxation = lp_model_prefix(&m->lp, m->lp_cols, m->lp_rows, m->lp_nz);
	struct lp_params params = { lp_time_limit(opts) };
	struct lp_result r = { .x = colval + 1, .dual = dual + 1, .col_stat = col_stat, .row_stat = row_stat };

	if (m->lp_cols == 0) {
		/* No pair can carry money: the plan is empty, unless something is required. */
		for (size_t j = 0; j < pb->nprojects; j++)
			if (pb->projects[j].required > 0)
				return no_plan(pb, err);
		return EC_OK;
	}
	progress(opts, "LP relaxation: %d columns, %d rows (%zu fund-project pairs)", m->lp_cols, m->lp_rows,
		 m->npairs);
	switch (m->solver->solve_lp(&relaxation, &params, &r)) {
	case LP_OPTIMAL:
		break;
	case LP_TIME_LIMIT:
		*err = ec_asprintf("allocation: the LP relaxation did not finish within %g s (ten times the time "
				   "limit, at least 60 s; %zu projects, %zu funds, %zu eligible pairs); raise the time "
				   "limit or narrow the funds' mandates",
				   fmax(opts->time_limit_s * 10, 60), pb->nprojects, pb->nfunds, m->npairs);
		res->time_limit_reached = 1;
		return EC_ELIMIT;
	case LP_INFEASIBLE:
		return no_plan(pb, err);
	case LP_UNBOUNDED:
		*err = ec_strdup("allocation: the LP solver reports an unbounded plan, which cannot happen "
				 "when every amount is capped by a gap (a bug in the model)");
		return EC_ESOLVER;
	default:
		*err = ec_asprintf("allocation: the LP solver failed: %s", r.detail);
		return EC_ESOLVER;
	}
	for (int i = 1; i <= m->lp_rows; i++)
		dual[i] = clean_dual(dual[i]);
	res->lp_bound = r.objective;
	return EC_OK;
}

/* The plan of whole tickets found by rounding the LP amounts down, then
** polishing and repairing it a few rounds (each polish can free room for
** more tickets): start[1..ncols] gets it as columns for branch and bound,
** heur_plan its amounts. Returns 1, or 0 when rounding leaves a required
** amount uncovered (start and heur_plan then say nothing). */
static int rounded_plan(const struct model *m, const double *lp_amount, double *start, double *heur_plan)
{
	if (!round_down(m, lp_amount, start))
		return 0;
	polish(m, start);
	for (int round = 0; round < 4 && repair(m, lp_amount, start) > 0; round++)
		polish(m, start);
	read_plan(m, start, heur_plan);
	return 1;
}

/* Whole tickets: branch and bound on the whole model, from the rounded
** plan, and from the relaxation's basis (col_stat, row_stat; the first
** lp_cols and lp_rows set) for a solver that takes one. plan holds the LP
** amounts on entry and the plan to report on return: the optimum, or on
** reaching the time limit the better of the best found and the rounded
** plan (res->optimal 0, res->time_limit_reached 1, *bound the best proven
** bound). Returns 0, or EC_EDATA (no plan with whole tickets), EC_ELIMIT
** (out of time before any plan), EC_ECANCELLED or EC_ESOLVER, with *err. */
static int solve_mip(const struct model *m, const struct ec_alloc_options *opts, const double *lp_amount,
		     unsigned char *col_stat, unsigned char *row_stat, double *plan, double *bound,
		     struct ec_alloc_result *res, char **err)
{
	double *colval, *start, *heur_plan;
	struct mip_params params = { opts->time_limit_s, opts->cancel, NULL, col_stat, row_stat };
	struct mip_result r;
	int started, rc = EC_OK;

	progress(opts, "whole tickets: %d binaries, %d rows", m->nbinaries, m->lp.nrows);
	extend_basis(m, col_stat, row_stat);
	colval = ec_calloc((size_t)m->lp.ncols + 1, sizeof *colval);
	heur_plan = ec_calloc(m->npairs + 1, sizeof *heur_plan);
	start = ec_calloc((size_t)m->lp.ncols + 1, sizeof *start);
	started = rounded_plan(m, lp_amount, start, heur_plan);
	if (started && isfinite(opts->time_limit_s)) {
		double t0 = ec_seconds();

		if (improve(m, opts, lp_amount, start)) {
			for (int round = 0; round < 4 && repair(m, lp_amount, start) > 0; round++)
				polish(m, start);
			read_plan(m, start, heur_plan);
			params.time_limit_s = opts->time_limit_s - (ec_seconds() - t0);
		}
	}
	params.start = started ? start + 1 : NULL;
	memset(&r, 0, sizeof r);
	r.x = colval + 1;
	if (params.time_limit_s <= 0) {
		/* The search took the whole limit (at most its share and CBC's
		** grace): the plan in hand, as a tree stopped at once answers,
		** rather than a second grace past the limit. */
		r.status = opts->cancel && __atomic_load_n(opts->cancel, __ATOMIC_RELAXED) ? MIP_CANCELLED
											    : MIP_NO_PLAN;
		r.bound = INFINITY;
	} else {
		if (isfinite(opts->time_limit_s))
			progress(opts, "branch and bound (at most %g s)", opts->time_limit_s);
		else
			progress(opts, "branch and bound (no time limit)");
		m->solver->solve_mip(&m->lp, &params, &r);
	}
	switch (r.status) {
	case MIP_OPTIMAL:
		read_plan(m, colval, plan);
		break;
	case MIP_CANCELLED:
		if (!cancelled(opts->cancel, err))
			*err = ec_strdup("allocation: cancelled");
		rc = EC_ECANCELLED;
		break;
	case MIP_INFEASIBLE: {
		char *names = required_projects(m->pb);

		*err = ec_asprintf("the rules leave no feasible plan with whole tickets: the required amounts of "
				   "%s need tickets below the funds' minimums or a missing guidance co-investor",
				   names);
		free(names);
		rc = EC_EDATA;
		break;
	}
	case MIP_FEASIBLE:
	case MIP_NO_PLAN:
		res->optimal = 0;
		res->time_limit_reached = 1;
		*bound = r.bound;
		if (r.status == MIP_FEASIBLE) {
			read_plan(m, colval, plan);
			if (started && plan_value(m, heur_plan) > plan_value(m, plan))
				memcpy(plan, heur_plan, m->npairs * sizeof *plan);
		} else if (started) {
			memcpy(plan, heur_plan, m->npairs * sizeof *plan);
		} else {
			*err = ec_asprintf("the time limit of %g s ran out before any plan covering the required "
					   "amounts was found", opts->time_limit_s);
			rc = EC_ELIMIT;
		}
		break;
	default:
		*err = ec_asprintf("allocation: the MIP solver failed: %s", r.detail);
		rc = EC_ESOLVER;
	}
	free(colval);
	free(start);
	free(heur_plan);
	return rc;
}

/* The status line and bounds of a result whose plan is filled in; bound is
** the best bound the search proved (+inf when none). */
static void set_status(struct ec_alloc_result *res, const struct ec_alloc_options *opts, double bound)
{
	if (res->optimal) {
		res->best_bound = opts->mip ? res->objective : res->lp_bound;
		res->gap_pct = 0;
		res->status = ec_strdup(opts->mip ? "optimal" : "optimal (LP relaxation)");
	} else {
		bound = fmin(res->lp_bound, fmax(bound, res->objective));
		res->best_bound = bound;
		res->gap_pct = bound > 0 ? 100.0 * fmax(0.0, bound - res->objective) / bound : 0.0;
		res->status = ec_asprintf("time limit reached, best found, gap %.2f%%", res->gap_pct);
	}
}

int ec_allocate(const struct ec_alloc_problem *pb, const struct ec_alloc_options *opts,
		struct ec_alloc_result *out, char **err)
{
	struct ec_alloc_options defaults;
	struct model m;
	struct ec_alloc_result res;
	double *colval = NULL, *dual = NULL, *plan = NULL, *lp_amount = NULL, bound = INFINITY;
	unsigned char *col_stat = NULL, *row_stat = NULL;
	int rc;

	*err = NULL;
	memset(&m, 0, sizeof m);
	memset(&res, 0, sizeof res);
	if (!pb || !out) {
		*err = ec_strdup("allocation: no problem or no result given");
		return EC_EUSAGE;
	}
	if (!opts) {
		ec_alloc_options_init(&defaults);
		opts = &defaults;
	}
	if ((rc = check_options(opts, err)) != EC_OK || (rc = check_problem(pb, err)) != EC_OK)
		return rc;

	m.pb = pb;
	m.objective = opts->objective;
	m.solver = opts->solver == EC_ALLOC_GLPK ? &solver_glpk : &solver_coin;
	m.integer = opts->mip;
	lp_model_init(&m.lp);
	find_pairs(&m);
	if ((rc = build(&m, err)) != EC_OK)
		goto out;
	if (opts->mip)
		extend(&m);
	if (opts->write_mps && (rc = write_model(&m, opts->write_mps, err)) != EC_OK)
		goto out;

	colval = ec_calloc((size_t)m.lp.ncols + 1, sizeof *colval);
	dual = ec_calloc((size_t)m.lp.nrows + 1, sizeof *dual);
	plan = ec_calloc(m.npairs + 1, sizeof *plan);
	lp_amount = ec_calloc(m.npairs + 1, sizeof *lp_amount);
	if (opts->mip && m.nbinaries > 0) {
		col_stat = ec_calloc((size_t)m.lp.ncols + 1, sizeof *col_stat);
		row_stat = ec_calloc((size_t)m.lp.nrows + 1, sizeof *row_stat);
	}
	if ((rc = solve_relaxation(&m, opts, colval, dual, col_stat, row_stat, &res, err)) != EC_OK)
		goto out;
	if (cancelled(opts->cancel, err)) {
		rc = EC_ECANCELLED;
		goto out;
	}
	read_plan(&m, colval, lp_amount);
	memcpy(plan, lp_amount, m.npairs * sizeof *plan);
	res.best_bound = res.lp_bound;
	res.optimal = 1;

	if (opts->mip && m.nbinaries > 0 && m.lp_cols > 0 &&
	    (rc = solve_mip(&m, opts, lp_amount, col_stat, row_stat, plan, &bound, &res, err)) != EC_OK)
		goto out;

	fill_result(&m, plan, dual, &res);
	set_status(&res, opts, bound);
	*out = res;
	memset(&res, 0, sizeof res);
	rc = EC_OK;
out:
	if (rc == EC_ELIMIT) {
		memset(out, 0, sizeof *out);
		out->time_limit_reached = res.time_limit_reached;
	}
	ec_alloc_result_release(&res);
	model_release(&m);
	free(colval);
	free(dual);
	free(plan);
	free(lp_amount);
	free(col_stat);
	free(row_stat);
	return rc;
}
