/* Unit tests of the allocation of funds to projects: small instances solved
** by hand (capacity, minimum ticket, quota shadow price, co-investment,
** infeasible requirements), random tiny instances checked against an
** exhaustive search, the time limit, and the checks on input. Every test
** runs on each solver (COIN-OR, then GLPK); the backends are also compared
** with each other, and the model written as MPS is read back and solved. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <glpk.h>
#include <Clp_C_Interface.h>

#include "echelon/allocate.h"

#define NONE INFINITY
#define TOL 1e-6

/* ---- helpers ---- */

/* The solver the tests run on (each group sets it). */
static enum ec_alloc_solver solver = EC_ALLOC_COIN;

/* ec_allocate on the group's solver: opts (or the defaults) with it. */
static int allocate(const struct ec_alloc_problem *pb, const struct ec_alloc_options *opts, struct ec_alloc_result *r,
		    char **err)
{
	struct ec_alloc_options o;

	if (opts)
		o = *opts;
	else
		ec_alloc_options_init(&o);
	o.solver = solver;
	return ec_allocate(pb, &o, r, err);
}

static struct ec_alloc_project project(double priority, size_t region, double total)
{
	struct ec_alloc_project p;

	memset(&p, 0, sizeof p);
	p.priority = priority;
	p.region = region;
	p.total = total;
	return p;
}

static struct ec_alloc_fund fund(enum ec_fund_type type, double capacity)
{
	struct ec_alloc_fund f;

	memset(&f, 0, sizeof f);
	f.type = type;
	f.capacity = capacity;
	f.max_ticket = NONE;
	f.max_share = 1.0;
	return f;
}

static const struct ec_alloc_region no_quota_region = { NULL, NONE, NONE };

static double amount(const struct ec_alloc_result *r, size_t f, size_t j)
{
	return r->amount[f * r->nprojects + j];
}

static double gain(const struct ec_alloc_problem *pb, enum ec_alloc_objective objective, size_t j)
{
	const struct ec_alloc_project *p = &pb->projects[j];
	double fillable = p->gap[EC_SRC_GUIDANCE_FUND] + p->gap[EC_SRC_BANK_LOANS] + p->gap[EC_SRC_BONDS] + p->gap[EC_SRC_SOCIAL_CAPITAL];

	return objective == EC_ALLOC_SHARE ? p->priority / fillable : p->priority;
}

/* Whether the plan keeps every rule of the problem (tolerance tol). */
static int plan_keeps_rules(const struct ec_alloc_problem *pb, const struct ec_alloc_result *r, double tol)
{
	size_t np = pb->nprojects, nf = pb->nfunds;
	double land[8] = { 0 }, energy[8] = { 0 };

	for (size_t f = 0; f < nf; f++) {
		const struct ec_alloc_fund *fd = &pb->funds[f];
		double used = 0;

		for (size_t j = 0; j < np; j++) {
			const struct ec_alloc_project *p = &pb->projects[j];
			double x = amount(r, f, j);
			int guided = 0;

			if (x < -tol)
				return 0;
			used += x;
			if (x <= tol)
				continue;
			if (pb->eligible && !pb->eligible[f * np + j])
				return 0;
			if (x < fd->min_ticket - tol || x > fd->max_ticket + tol || x > fd->max_share * p->total + tol)
				return 0;
			for (size_t g = 0; g < nf; g++)
				if (g != f && pb->funds[g].type == EC_FUND_GOVERNMENT_GUIDANCE &&
				    amount(r, g, j) >= fmax(pb->funds[g].min_ticket, EC_ALLOC_COINVEST_MIN) - tol)
					guided = 1;
			if (fd->needs_government_coinvestor && !guided)
				return 0;
		}
		if (used > fd->capacity + tol)
			return 0;
	}
	for (size_t j = 0; j < np; j++) {
		const struct ec_alloc_project *p = &pb->projects[j];
		double by_source[EC_NSOURCES] = { 0 }, total = 0;
		double fillable = p->gap[EC_SRC_GUIDANCE_FUND] + p->gap[EC_SRC_BANK_LOANS] + p->gap[EC_SRC_BONDS] +
				  p->gap[EC_SRC_SOCIAL_CAPITAL];

		for (size_t f = 0; f < nf; f++) {
			by_source[ec_alloc_source_of(pb->funds[f].type)] += amount(r, f, j);
			total += amount(r, f, j);
		}
		for (int s = 0; s < EC_NSOURCES; s++)
			if (by_source[s] > p->gap[s] + tol)
				return 0;
		if (total < p->required - tol)
			return 0;
		if (fillable > 0 && p->region < 8) {
			land[p->region] += p->land_mu * total / fillable;
			energy[p->region] += p->energy_tce * total / fillable;
		}
	}
	for (size_t g = 0; g < pb->nregions && g < 8; g++) {
		const struct ec_alloc_region *rg = &pb->regions[g];

		if (isfinite(rg->land_quota_mu) && land[g] > rg->land_quota_mu + tol)
			return 0;
		if (isfinite(rg->energy_quota_tce) && energy[g] > rg->energy_quota_tce + tol)
			return 0;
	}
	return 1;
}

static int has_binding(const struct ec_alloc_result *r, enum ec_alloc_constraint kind, size_t index, int source,
		       double *dual)
{
	for (size_t i = 0; i < r->nbinding; i++) {
		const struct ec_alloc_binding *b = &r->binding[i];

		if (b->kind == kind && b->index == index && (kind != EC_BIND_PROJECT_SOURCE || (int)b->source == source)) {
			if (dual)
				*dual = b->dual;
			return 1;
		}
	}
	return 0;
}

static void solve_ok(const struct ec_alloc_problem *pb, const struct ec_alloc_options *opts,
		     struct ec_alloc_result *r)
{
	char *err = NULL;
	int rc = allocate(pb, opts, r, &err);

	if (rc != EC_OK)
		fail_msg("ec_allocate: %d: %s", rc, err ? err : "(no message)");
	assert_null(err);
	assert_true(plan_keeps_rules(pb, r, TOL));
}

/* ---- hand-solved instances ---- */

/* Two funds, three projects, capacities binding.
**   bank A (capacity 100), VC/PE B (capacity 50);
**   P0: p 3, bank gap 60, social gap 40
**   P1: p 2, bank gap 70
**   P2: p 1, bank gap 50, social gap 30
** Objective sum p_j * amount. Each fund fills one source, so each is a
** greedy by priority: A gives P0 its 60, then P1 40 (capacity 100 binds);
** B gives P0 its 40, then P2 10 (capacity 50 binds).
** z = 3*60 + 2*40 + 3*40 + 1*10 = 390. Shadow prices: one more unit of A
** goes to P1 (30 still lacking), +2; one more of B to P2 (20 lacking), +1.
** Binding: both capacities, and P0's bank and social gaps. */
static void test_capacity(void **state)
{
	struct ec_alloc_project p[3] = { project(3, 0, 100), project(2, 0, 70), project(1, 0, 80) };
	struct ec_alloc_fund f[2] = { fund(EC_FUND_BANK, 100), fund(EC_FUND_VC_PE, 50) };
	struct ec_alloc_problem pb = { 3, 2, 1, p, f, &no_quota_region, NULL };
	struct ec_alloc_result r;
	double dual;
	(void)state;

	p[0].gap[EC_SRC_BANK_LOANS] = 60, p[0].gap[EC_SRC_SOCIAL_CAPITAL] = 40;
	p[1].gap[EC_SRC_BANK_LOANS] = 70;
	p[2].gap[EC_SRC_BANK_LOANS] = 50, p[2].gap[EC_SRC_SOCIAL_CAPITAL] = 30;
	p[2].gap[EC_SRC_OWN_FUNDS] = 5; /* no fund fills own funds: stays lacking */
	solve_ok(&pb, NULL, &r);
	assert_string_equal(r.status, "optimal");
	assert_true(r.optimal);
	assert_float_equal(r.objective, 390, TOL);
	assert_float_equal(r.lp_bound, 390, TOL);
	assert_float_equal(r.gap_pct, 0, TOL);
	assert_float_equal(amount(&r, 0, 0), 60, TOL);
	assert_float_equal(amount(&r, 0, 1), 40, TOL);
	assert_float_equal(amount(&r, 0, 2), 0, TOL);
	assert_float_equal(amount(&r, 1, 0), 40, TOL);
	assert_float_equal(amount(&r, 1, 2), 10, TOL);
	assert_float_equal(r.funded[0], 100, TOL);
	assert_float_equal(r.lacking[1 * EC_NSOURCES + EC_SRC_BANK_LOANS], 30, TOL);
	assert_float_equal(r.lacking[2 * EC_NSOURCES + EC_SRC_SOCIAL_CAPITAL], 20, TOL);
	assert_float_equal(r.lacking[2 * EC_NSOURCES + EC_SRC_OWN_FUNDS], 5, TOL);
	assert_float_equal(r.fund_used[0], 100, TOL);
	assert_float_equal(r.fund_capacity_dual[0], 2, TOL);
	assert_float_equal(r.fund_capacity_dual[1], 1, TOL);
	assert_true(has_binding(&r, EC_BIND_FUND_CAPACITY, 0, 0, &dual));
	assert_float_equal(dual, 2, TOL);
	assert_true(has_binding(&r, EC_BIND_FUND_CAPACITY, 1, 0, NULL));
	assert_true(has_binding(&r, EC_BIND_PROJECT_SOURCE, 0, EC_SRC_BANK_LOANS, NULL));
	assert_true(has_binding(&r, EC_BIND_PROJECT_SOURCE, 0, EC_SRC_SOCIAL_CAPITAL, NULL));
	assert_false(has_binding(&r, EC_BIND_PROJECT_SOURCE, 1, EC_SRC_BANK_LOANS, NULL));
	assert_int_equal(r.nbinding, 4);
	ec_alloc_result_release(&r);
	ec_alloc_result_release(&r); /* released twice is harmless */
}

/* A minimum ticket makes the MIP differ from the LP.
**   bank A: capacity 100, minimum ticket 60; P0: p 2, bank gap 80;
**   P1: p 1, bank gap 80.
** LP (tickets relaxed): P0 80, P1 20, z = 180; capacity dual 1 (P1).
** MIP: both tickets would take 120 > 100, so one project: P0 80 (160)
** beats P1 80 (80). z = 160; lp_bound 180; proven optimal.
** With mip = 0 the plan is the LP's. */
struct steps {
	char text[512];
};

/* Sets the stop flag when the branch and bound starts. */
static void cancel_at_search(void *ctx, const char *step)
{
	if (strncmp(step, "branch and bound", 16) == 0)
		*(int *)ctx = 1;
}

static void record_step(void *ctx, const char *step)
{
	struct steps *s = ctx;
	size_t n = strlen(s->text);

	snprintf(s->text + n, sizeof s->text - n, "%s\n", step);
}

static void test_min_ticket(void **state)
{
	struct steps steps = { "" };
	struct ec_alloc_project p[2] = { project(2, 0, 200), project(1, 0, 200) };
	struct ec_alloc_fund f[1] = { fund(EC_FUND_BANK, 100) };
	struct ec_alloc_problem pb = { 2, 1, 1, p, f, &no_quota_region, NULL };
	struct ec_alloc_options opts;
	struct ec_alloc_result r;
	(void)state;

	p[0].gap[EC_SRC_BANK_LOANS] = 80;
	p[1].gap[EC_SRC_BANK_LOANS] = 80;
	f[0].min_ticket = 60;
	solve_ok(&pb, NULL, &r);
	assert_string_equal(r.status, "optimal");
	assert_float_equal(r.objective, 160, TOL);
	assert_float_equal(r.lp_bound, 180, TOL);
	assert_float_equal(r.best_bound, 160, TOL);
	assert_float_equal(amount(&r, 0, 0), 80, TOL);
	assert_float_equal(amount(&r, 0, 1), 0, TOL);
	assert_float_equal(r.fund_capacity_dual[0], 1, TOL);
	assert_false(has_binding(&r, EC_BIND_FUND_CAPACITY, 0, 0, NULL)); /* 80 of 100 used */
	assert_true(has_binding(&r, EC_BIND_PROJECT_SOURCE, 0, EC_SRC_BANK_LOANS, NULL));
	ec_alloc_result_release(&r);

	ec_alloc_options_init(&opts);
	opts.mip = 0;
	opts.progress = record_step;
	opts.progress_ctx = &steps;
	assert_int_equal(allocate(&pb, &opts, &r, &(char *){ NULL }), EC_OK);
	assert_string_equal(r.status, "optimal (LP relaxation)");
	assert_float_equal(r.objective, 180, TOL);
	assert_float_equal(amount(&r, 0, 1), 20, TOL);
	ec_alloc_result_release(&r);
	/* The relaxation has the two x only: the ticket binaries wait for the MIP. */
	assert_string_equal(steps.text, "LP relaxation: 2 columns, 3 rows (2 fund-project pairs)\n");

	steps.text[0] = '\0';
	opts.mip = 1;
	opts.time_limit_s = 30;
	assert_int_equal(allocate(&pb, &opts, &r, &(char *){ NULL }), EC_OK);
	assert_float_equal(r.objective, 160, TOL);
	ec_alloc_result_release(&r);
	assert_string_equal(steps.text, "LP relaxation: 2 columns, 3 rows (2 fund-project pairs)\n"
					"whole tickets: 2 binaries, 7 rows\n"
					"improving the rounded plan: open tickets 1 (at most 15 s)\n"
					"branch and bound (at most 30 s)\n");

	/* Cancelled (a job's DELETE): before the run, and inside the branch
	** and bound, where GLPK's search is told to terminate. */
	{
		int stop = 1;
		char *err = NULL;
		opts.progress = NULL;
		opts.cancel = &stop;
		assert_int_equal(allocate(&pb, &opts, &r, &err), EC_ECANCELLED);
		assert_string_equal(err, "allocation: cancelled");
		free(err);
		err = NULL;
		stop = 0;
		opts.progress = cancel_at_search;
		opts.progress_ctx = &stop;
		assert_int_equal(allocate(&pb, &opts, &r, &err), EC_ECANCELLED);
		assert_int_equal(stop, 1);
		assert_string_equal(err, "allocation: cancelled");
		free(err);
		opts.progress = record_step;
		opts.progress_ctx = &steps;
		opts.cancel = NULL;
	}

	/* A ticket above the cap leaves the pair out: P1's gap 50 < 60. */
	p[1].gap[EC_SRC_BANK_LOANS] = 50;
	p[0].gap[EC_SRC_BANK_LOANS] = 30;
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 0, TOL);
	assert_float_equal(r.lp_bound, 0, TOL);
	ec_alloc_result_release(&r);
}

/* A land quota and its shadow price.
**   one region, land quota 30 mu; bank A, capacity 1000;
**   P0: p 1, bank gap 100, land 20 mu (0.2 mu per thousand yuan)
**   P1: p 1, bank gap 100, land 50 mu (0.5 mu per thousand yuan)
** max x0 + x1, 0.2 x0 + 0.5 x1 <= 30, x <= 100: the cheap project first,
** x0 = 100 (20 mu), then x1 = 10 / 0.5 = 20. z = 120. One more mu buys 2
** more of P1: land dual 2. Capacity does not bind (dual 0).
** With an energy quota of 10 tce and P1 needing 100 tce (1 per thousand),
** energy binds instead: x1 = 10, land 25 mu (slack), energy dual 1, land
** dual 0, z = 110. */
static void test_quota(void **state)
{
	struct ec_alloc_project p[2] = { project(1, 0, 100), project(1, 0, 100) };
	struct ec_alloc_fund f[1] = { fund(EC_FUND_BANK, 1000) };
	struct ec_alloc_region region = { "R1", 30, NONE };
	struct ec_alloc_problem pb = { 2, 1, 1, p, f, &region, NULL };
	struct ec_alloc_result r;
	double dual;
	(void)state;

	p[0].gap[EC_SRC_BANK_LOANS] = 100, p[0].land_mu = 20;
	p[1].gap[EC_SRC_BANK_LOANS] = 100, p[1].land_mu = 50;
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 120, TOL);
	assert_float_equal(amount(&r, 0, 1), 20, TOL);
	assert_float_equal(r.land_used_mu[0], 30, TOL);
	assert_float_equal(r.land_dual[0], 2, TOL);
	assert_float_equal(r.energy_dual[0], 0, TOL);
	assert_float_equal(r.fund_capacity_dual[0], 0, TOL);
	assert_true(has_binding(&r, EC_BIND_LAND_QUOTA, 0, 0, &dual));
	assert_float_equal(dual, 2, TOL);
	assert_true(has_binding(&r, EC_BIND_PROJECT_SOURCE, 0, EC_SRC_BANK_LOANS, NULL));
	assert_false(has_binding(&r, EC_BIND_FUND_CAPACITY, 0, 0, NULL));
	ec_alloc_result_release(&r);

	region.energy_quota_tce = 10;
	p[1].energy_tce = 100;
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 110, TOL);
	assert_float_equal(r.land_used_mu[0], 25, TOL);
	assert_float_equal(r.energy_used_tce[0], 10, TOL);
	assert_float_equal(r.energy_dual[0], 1, TOL);
	assert_float_equal(r.land_dual[0], 0, TOL);
	assert_true(has_binding(&r, EC_BIND_ENERGY_QUOTA, 0, 0, NULL));
	assert_false(has_binding(&r, EC_BIND_LAND_QUOTA, 0, 0, NULL));
	ec_alloc_result_release(&r);
}

/* The share objective: priorities weigh the share of the gap covered.
**   bank A, capacity 100; P0: p 1, bank gap 100; P1: p 1, bank gap 50.
** Per thousand yuan P1 is worth 1/50, P0 1/100: P1 gets 50, P0 50.
** z = 50/50 + 50/100 = 1.5; capacity dual 1/100. With the amount
** objective both are worth 1 and z = 100. */
static void test_share_objective(void **state)
{
	struct ec_alloc_project p[2] = { project(1, 0, 100), project(1, 0, 50) };
	struct ec_alloc_fund f[1] = { fund(EC_FUND_BANK, 100) };
	struct ec_alloc_problem pb = { 2, 1, 1, p, f, &no_quota_region, NULL };
	struct ec_alloc_options opts;
	struct ec_alloc_result r;
	(void)state;

	p[0].gap[EC_SRC_BANK_LOANS] = 100;
	p[1].gap[EC_SRC_BANK_LOANS] = 50;
	ec_alloc_options_init(&opts);
	opts.objective = EC_ALLOC_SHARE;
	solve_ok(&pb, &opts, &r);
	assert_float_equal(r.objective, 1.5, TOL);
	assert_float_equal(amount(&r, 0, 1), 50, TOL);
	assert_float_equal(r.fund_capacity_dual[0], 0.01, TOL);
	ec_alloc_result_release(&r);
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 100, TOL);
	ec_alloc_result_release(&r);
}

/* Co-investment: VC/PE V needs a government co-investor.
**   guidance G: capacity 10, minimum ticket 10; V: capacity 150.
**   P0: p 1, guidance gap 10, social gap 100
**   P1: p 3, guidance gap 10, social gap 100
** G can be in one project only (two tickets of 10 > 10), and V only where
** G is. G and V in P1: 3*10 + 3*100 = 330; V's other 50 cannot go to P0.
** G and V in P0: 10 + 100 = 110. Optimum 330, V gives P0 nothing.
** The LP relaxation gives the same 330: with a, b the shares of G's
** tickets (a + b <= 1), V reaches 100a in P0 and 100b in P1, so the LP is
** max 110a + 330b.
** Without a guidance fund eligible for P1 (G's pair left out), V can only
** follow G to P0: z = 110. */
static void test_coinvestment(void **state)
{
	struct ec_alloc_project p[2] = { project(1, 0, 200), project(3, 0, 200) };
	struct ec_alloc_fund f[2] = { fund(EC_FUND_GOVERNMENT_GUIDANCE, 10), fund(EC_FUND_VC_PE, 150) };
	unsigned char eligible[4] = { 1, 0, 1, 1 }; /* G: P0 only; V: both */
	struct ec_alloc_problem pb = { 2, 2, 1, p, f, &no_quota_region, NULL };
	struct ec_alloc_result r;
	(void)state;

	p[0].gap[EC_SRC_GUIDANCE_FUND] = 10, p[0].gap[EC_SRC_SOCIAL_CAPITAL] = 100;
	p[1].gap[EC_SRC_GUIDANCE_FUND] = 10, p[1].gap[EC_SRC_SOCIAL_CAPITAL] = 100;
	f[0].min_ticket = 10;
	f[1].needs_government_coinvestor = 1;
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 330, TOL);
	assert_float_equal(r.lp_bound, 330, TOL);
	assert_float_equal(amount(&r, 0, 1), 10, TOL);
	assert_float_equal(amount(&r, 1, 1), 100, TOL);
	assert_float_equal(amount(&r, 1, 0), 0, TOL);
	ec_alloc_result_release(&r);

	pb.eligible = eligible;
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 110, TOL);
	assert_float_equal(amount(&r, 1, 0), 100, TOL);
	assert_float_equal(amount(&r, 1, 1), 0, TOL);
	ec_alloc_result_release(&r);

	/* Without the rule V goes to P1 (300) and G to P1 too (30). */
	f[1].needs_government_coinvestor = 0;
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 10 + 300 + 50, TOL);
	ec_alloc_result_release(&r);
}

/* Required amounts: a project that must be covered, and the two ways the
** rules can then leave no plan.
**   bank A, capacity 100, minimum ticket 60; P0, P1: p 1, bank gap 100.
** P0 requires 30: A gives P0 100 (one ticket), z = 100, the requirement
** does not bind. P0 requires 30 and P1 requires 30: the LP is feasible
** (30 + 30 <= 100) but two tickets of 60 are not: no plan with whole
** tickets. P0 requires 80 and P1 80: not even the LP. */
static void test_required(void **state)
{
	struct ec_alloc_project p[2] = { project(1, 0, 100), project(1, 0, 100) };
	struct ec_alloc_fund f[1] = { fund(EC_FUND_BANK, 100) };
	struct ec_alloc_problem pb = { 2, 1, 1, p, f, &no_quota_region, NULL };
	struct ec_alloc_result r;
	char *err = NULL;
	(void)state;

	p[0].code = "P0", p[1].code = "P1";
	p[0].gap[EC_SRC_BANK_LOANS] = 100;
	p[1].gap[EC_SRC_BANK_LOANS] = 100;
	f[0].min_ticket = 60;
	p[0].required = 30;
	solve_ok(&pb, NULL, &r);
	assert_float_equal(r.objective, 100, TOL);
	assert_float_equal(r.funded[0], 100, TOL);
	assert_false(has_binding(&r, EC_BIND_PROJECT_REQUIRED, 0, 0, NULL));
	ec_alloc_result_release(&r);

	p[1].required = 30;
	memset(&r, 0xab, sizeof r);
	assert_int_equal(allocate(&pb, NULL, &r, &err), EC_EDATA);
	assert_non_null(strstr(err, "the rules leave no feasible plan with whole tickets"));
	assert_non_null(strstr(err, "project P0 (30), project P1 (30)"));
	assert_int_equal(r.nprojects, (size_t)0xabababababababab); /* untouched */
	free(err);

	p[0].required = 80, p[1].required = 80;
	assert_int_equal(allocate(&pb, NULL, &r, &err), EC_EDATA);
	assert_non_null(strstr(err, "the rules leave no feasible plan: the required amounts of project P0"));
	free(err);

	/* A requirement binding with a negative shadow price: P0 (p 1) and
	** P1 (p 2), no tickets, capacity 100, P0 requires 40: P1 gets 60.
	** One more unit required moves one unit from P1 to P0: dual -1. */
	f[0].min_ticket = 0;
	p[0].required = 40, p[1].required = 0;
	p[1].priority = 2;
	solve_ok(&pb, NULL, &r);
	{
		double dual;

		assert_float_equal(r.objective, 40 + 2 * 60, TOL);
		assert_true(has_binding(&r, EC_BIND_PROJECT_REQUIRED, 0, 0, &dual));
		assert_float_equal(dual, -1, TOL);
	}
	ec_alloc_result_release(&r);
}

/* ---- random tiny instances against an exhaustive search ---- */

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

#define MAXP 3
#define MAXF 3

struct brute {
	const struct ec_alloc_problem *pb;
	enum ec_alloc_objective objective;
	size_t npairs;
	size_t pf[MAXP * MAXF], pj[MAXP * MAXF];
	int upper[MAXP * MAXF];
	int x[MAXP * MAXF];
	double best;
	int found;
};

/* Whether the integer plan b->x keeps every rule; its value in *z. */
static int brute_feasible(const struct brute *b, double *z)
{
	const struct ec_alloc_problem *pb = b->pb;
	double used[MAXF] = { 0 }, covered[MAXP][EC_NSOURCES] = { { 0 } }, funded[MAXP] = { 0 };
	double land[2] = { 0 }, energy[2] = { 0 };

	*z = 0;
	for (size_t k = 0; k < b->npairs; k++) {
		size_t f = b->pf[k], j = b->pj[k];
		int x = b->x[k];

		if (!x)
			continue;
		if (x < pb->funds[f].min_ticket)
			return 0;
		if (pb->funds[f].needs_government_coinvestor) {
			int guided = 0;

			for (size_t g = 0; g < b->npairs; g++)
				guided |= b->pj[g] == j && b->pf[g] != f && b->x[g] > 0 &&
					  pb->funds[b->pf[g]].type == EC_FUND_GOVERNMENT_GUIDANCE;
			if (!guided)
				return 0;
		}
		used[f] += x;
		covered[j][ec_alloc_source_of(pb->funds[f].type)] += x;
		funded[j] += x;
		*z += gain(pb, b->objective, j) * x;
	}
	for (size_t f = 0; f < pb->nfunds; f++)
		if (used[f] > pb->funds[f].capacity)
			return 0;
	for (size_t j = 0; j < pb->nprojects; j++) {
		const struct ec_alloc_project *p = &pb->projects[j];
		double fillable = p->gap[EC_SRC_GUIDANCE_FUND] + p->gap[EC_SRC_BANK_LOANS] + p->gap[EC_SRC_BONDS] +
				  p->gap[EC_SRC_SOCIAL_CAPITAL];

		for (int s = 0; s < EC_NSOURCES; s++)
			if (covered[j][s] > p->gap[s])
				return 0;
		if (funded[j] < p->required)
			return 0;
		if (fillable > 0) {
			land[p->region] += p->land_mu * funded[j] / fillable;
			energy[p->region] += p->energy_tce * funded[j] / fillable;
		}
	}
	for (size_t g = 0; g < pb->nregions; g++)
		if (land[g] > pb->regions[g].land_quota_mu + 1e-9 || energy[g] > pb->regions[g].energy_quota_tce + 1e-9)
			return 0;
	return 1;
}

static void brute_walk(struct brute *b, size_t k)
{
	double z;

	if (k == b->npairs) {
		if (brute_feasible(b, &z) && (!b->found || z > b->best)) {
			b->best = z;
			b->found = 1;
		}
		return;
	}
	for (int v = 0; v <= b->upper[k]; v++) {
		b->x[k] = v;
		brute_walk(b, k + 1);
	}
	b->x[k] = 0;
}

/* Integer data only, and each quota counts the covered share of a set of
** whole projects (land_mu, energy_tce either 0 or the fillable gap): with
** the binaries fixed the constraint matrix is then totally unimodular (a
** fund side and laminar project-side sets), so the optimum is integral and
** enumerating integer amounts is exact. */
static void random_instance(struct ec_alloc_project *p, size_t np, struct ec_alloc_fund *f, size_t nf,
			    struct ec_alloc_region *rg, size_t nr, unsigned char *eligible)
{
	static const enum ec_fund_type types[5] = { EC_FUND_GOVERNMENT_GUIDANCE, EC_FUND_GOVERNMENT_GUIDANCE, EC_FUND_BANK, EC_FUND_VC_PE,
						    EC_FUND_INSURANCE };

	for (size_t g = 0; g < nr; g++) {
		rg[g].code = NULL;
		rg[g].land_quota_mu = rnd(3) ? NONE : (double)rnd(9);
		rg[g].energy_quota_tce = rnd(4) ? NONE : (double)rnd(9);
	}
	for (size_t j = 0; j < np; j++) {
		double sum = 0, fillable;

		p[j] = project(1 + rnd(4), rnd((unsigned)nr), 0);
		for (int s = 0; s < EC_NSOURCES; s++) {
			p[j].gap[s] = (double)rnd(5);
			sum += p[j].gap[s];
		}
		fillable = p[j].gap[EC_SRC_GUIDANCE_FUND] + p[j].gap[EC_SRC_BANK_LOANS] + p[j].gap[EC_SRC_BONDS] +
			   p[j].gap[EC_SRC_SOCIAL_CAPITAL];
		if (fillable == 0) {
			p[j].gap[EC_SRC_BANK_LOANS] = 1 + rnd(4);
			fillable = p[j].gap[EC_SRC_BANK_LOANS];
			sum += fillable;
		}
		p[j].total = 2 * ceil((sum + rnd(3)) / 2); /* even: half of it is whole */
		p[j].land_mu = rnd(2) ? fillable : 0;
		p[j].energy_tce = p[j].land_mu;
		p[j].required = rnd(10) ? 0 : (double)(1 + rnd((unsigned)fmin(fillable, 3)));
	}
	for (size_t k = 0; k < nf; k++) {
		f[k] = fund(types[rnd(5)], (double)rnd(9));
		f[k].min_ticket = rnd(3) ? (double)(1 + rnd(3)) : 0;
		f[k].max_ticket = rnd(2) ? NONE : f[k].min_ticket + 1 + rnd(4);
		f[k].max_share = rnd(3) ? 1.0 : 0.5;
		f[k].needs_government_coinvestor = rnd(2) == 0;
	}
	for (size_t i = 0; i < nf * np; i++)
		eligible[i] = rnd(7) != 0;
}

static void dump(const struct ec_alloc_problem *pb, const struct ec_alloc_result *r)
{
	for (size_t g = 0; g < pb->nregions; g++)
		print_message("region %zu: land %g energy %g\n", g, pb->regions[g].land_quota_mu, pb->regions[g].energy_quota_tce);
	for (size_t j = 0; j < pb->nprojects; j++) {
		const struct ec_alloc_project *p = &pb->projects[j];
		print_message("project %zu: p %g region %zu total %g land %g energy %g required %g gaps", j, p->priority,
			      p->region, p->total, p->land_mu, p->energy_tce, p->required);
		for (int s = 0; s < EC_NSOURCES; s++)
			print_message(" %g", p->gap[s]);
		print_message("\n");
	}
	for (size_t f = 0; f < pb->nfunds; f++) {
		const struct ec_alloc_fund *fd = &pb->funds[f];
		print_message("fund %zu: type %d cap %g min %g max %g share %g coinvest %d eligible", f, fd->type,
			      fd->capacity, fd->min_ticket, fd->max_ticket, fd->max_share, fd->needs_government_coinvestor);
		for (size_t j = 0; j < pb->nprojects; j++)
			print_message(" %d", pb->eligible[f * pb->nprojects + j]);
		if (r)
			for (size_t j = 0; j < pb->nprojects; j++)
				print_message(" x=%g", r->amount[f * pb->nprojects + j]);
		print_message("\n");
	}
}

/* How often the random instances reached the interesting cases. */
struct seen {
	unsigned infeasible; /* no plan at all */
	unsigned integral;   /* the MIP below its LP relaxation */
	unsigned guided;     /* money from a fund that needs a co-investor */
	unsigned heuristic;  /* the plan found before branch and bound, returned as such */
};

static void check_random(size_t np, size_t nf, unsigned count, struct seen *seen)
{
	struct ec_alloc_project p[MAXP];
	struct ec_alloc_fund f[MAXF];
	struct ec_alloc_region rg[2];
	unsigned char eligible[MAXP * MAXF];

	for (unsigned trial = 0; trial < count; trial++) {
		size_t nr = 1 + rnd(2);
		struct ec_alloc_problem pb = { np, nf, nr, p, f, rg, eligible };
		struct ec_alloc_options opts;
		struct ec_alloc_result r;
		struct brute b;
		char *err = NULL;
		int rc;

		random_instance(p, np, f, nf, rg, nr, eligible);
		ec_alloc_options_init(&opts);
		opts.objective = trial % 2 ? EC_ALLOC_SHARE : EC_ALLOC_AMOUNT;

		memset(&b, 0, sizeof b);
		b.pb = &pb;
		b.objective = opts.objective;
		for (size_t j = 0; j < np; j++)
			for (size_t k = 0; k < nf; k++) {
				double u;

				if (!eligible[k * np + j])
					continue;
				u = fmin(fmin(f[k].capacity, f[k].max_ticket),
					 fmin(f[k].max_share * p[j].total, p[j].gap[ec_alloc_source_of(f[k].type)]));
				b.pf[b.npairs] = k;
				b.pj[b.npairs] = j;
				b.upper[b.npairs++] = (int)u;
			}
		brute_walk(&b, 0);

		rc = allocate(&pb, &opts, &r, &err);
		if (!b.found) {
			if (rc != EC_EDATA) {
				dump(&pb, rc == EC_OK ? &r : NULL);
				fail_msg("trial %u: exhaustive search finds no plan, ec_allocate returned %d", trial, rc);
			}
			assert_non_null(strstr(err, "the rules leave no feasible plan"));
			free(err);
			seen->infeasible++;
			continue;
		}
		if (rc != EC_OK)
			fail_msg("trial %u: ec_allocate: %d: %s (exhaustive optimum %g)", trial, rc, err, b.best);
		assert_string_equal(r.status, "optimal");
		if (fabs(r.objective - b.best) > TOL)
			fail_msg("trial %u: objective %.9g, exhaustive optimum %.9g", trial, r.objective, b.best);
		assert_true(r.lp_bound >= r.objective - TOL);
		seen->integral += r.lp_bound > r.objective + TOL;
		for (size_t i = 0; i < nf * np; i++)
			if (f[i / np].needs_government_coinvestor && r.amount[i] > 0) {
				seen->guided++;
				break;
			}
		assert_true(plan_keeps_rules(&pb, &r, TOL));
		ec_alloc_result_release(&r);

		/* With no time for branch and bound the plan is the rounded,
		** polished and repaired one (or a better one GLPK found at once):
		** it keeps every rule and is no better than the optimum. */
		opts.time_limit_s = 1e-6;
		rc = allocate(&pb, &opts, &r, &err);
		if (rc == EC_ELIMIT) { /* no plan meeting the required amounts in time */
			free(err);
			continue;
		}
		if (rc != EC_OK)
			fail_msg("trial %u: ec_allocate without time: %d: %s", trial, rc, err);
		if (!plan_keeps_rules(&pb, &r, TOL) || r.objective > b.best + TOL) {
			dump(&pb, &r);
			fail_msg("trial %u: the plan found first breaks a rule or beats the optimum %.9g", trial, b.best);
		}
		seen->heuristic += !r.optimal;
		ec_alloc_result_release(&r);
	}
}

static void test_random_exhaustive(void **state)
{
	struct seen seen = { 0, 0, 0, 0 };
	(void)state;

	rng_state = 20240607;
	check_random(3, 2, 600, &seen);
	check_random(2, 3, 600, &seen);
	check_random(3, 3, 150, &seen);
	/* Each case was met (219, 73 and 144 times with this seed). */
	assert_true(seen.infeasible >= 20);
	assert_true(seen.integral >= 20);
	assert_true(seen.guided >= 20);
	assert_true(seen.heuristic >= 20);
}

/* The LP relaxation of the whole MIP, built here from the problem without
** ec_allocate's model: x and y for every eligible pair whose cap reaches its
** minimum ticket, the capacity, gap and quota rows, and both linking rows of
** every ticket (no co-investment or required amounts in its instances). */
static double full_relaxation(const struct ec_alloc_problem *pb, enum ec_alloc_objective objective)
{
	glp_prob *lp = glp_create_prob();
	glp_smcp parm;
	int ncap = (int)pb->nfunds, ngap = (int)pb->nprojects * EC_NSOURCES, nq = 2 * (int)pb->nregions;
	double z;

	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_rows(lp, ncap + ngap + nq);
	for (size_t f = 0; f < pb->nfunds; f++)
		glp_set_row_bnds(lp, (int)f + 1, GLP_UP, 0, pb->funds[f].capacity);
	for (size_t j = 0; j < pb->nprojects; j++)
		for (int s = 0; s < EC_NSOURCES; s++)
			glp_set_row_bnds(lp, ncap + (int)j * EC_NSOURCES + s + 1, GLP_UP, 0, pb->projects[j].gap[s]);
	for (size_t g = 0; g < pb->nregions; g++) {
		double land = pb->regions[g].land_quota_mu, energy = pb->regions[g].energy_quota_tce;
		glp_set_row_bnds(lp, ncap + ngap + 2 * (int)g + 1, isfinite(land) ? GLP_UP : GLP_FR, 0, isfinite(land) ? land : 0);
		glp_set_row_bnds(lp, ncap + ngap + 2 * (int)g + 2, isfinite(energy) ? GLP_UP : GLP_FR, 0,
				 isfinite(energy) ? energy : 0);
	}
	for (size_t f = 0; f < pb->nfunds; f++)
		for (size_t j = 0; j < pb->nprojects; j++) {
			const struct ec_alloc_fund *fd = &pb->funds[f];
			const struct ec_alloc_project *p = &pb->projects[j];
			int s = ec_alloc_source_of(fd->type), x, ind[5];
			double u = fmin(fmin(fd->capacity, fd->max_ticket), fmin(fd->max_share * p->total, p->gap[s]));
			double fillable = p->gap[EC_SRC_GUIDANCE_FUND] + p->gap[EC_SRC_BANK_LOANS] + p->gap[EC_SRC_BONDS] +
					  p->gap[EC_SRC_SOCIAL_CAPITAL];
			double val[5];

			if ((pb->eligible && !pb->eligible[f * pb->nprojects + j]) || !(u > 0) || u < fd->min_ticket)
				continue;
			x = glp_add_cols(lp, 1);
			glp_set_col_bnds(lp, x, GLP_DB, 0, u);
			glp_set_obj_coef(lp, x, gain(pb, objective, j));
			ind[1] = (int)f + 1, val[1] = 1;
			ind[2] = ncap + (int)j * EC_NSOURCES + s + 1, val[2] = 1;
			ind[3] = ncap + ngap + 2 * (int)p->region + 1, val[3] = p->land_mu / fillable;
			ind[4] = ncap + ngap + 2 * (int)p->region + 2, val[4] = p->energy_tce / fillable;
			glp_set_mat_col(lp, x, 4, ind, val);
			if (fd->min_ticket > 0) {
				int y = glp_add_cols(lp, 1), r = glp_add_rows(lp, 2);
				int li[3] = { 0, x, y };
				double lu[3] = { 0, 1, -u }, ll[3] = { 0, 1, -fd->min_ticket };
				glp_set_col_bnds(lp, y, GLP_DB, 0, 1);
				glp_set_row_bnds(lp, r, GLP_UP, 0, 0);
				glp_set_mat_row(lp, r, 2, li, lu);
				glp_set_row_bnds(lp, r + 1, GLP_LO, 0, 0);
				glp_set_mat_row(lp, r + 1, 2, li, ll);
			}
		}
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	z = glp_get_num_cols(lp) && glp_simplex(lp, &parm) == 0 && glp_get_status(lp) == GLP_OPT ? glp_get_obj_val(lp) : 0;
	glp_delete_prob(lp);
	return z;
}

/* The relaxation leaves out the ticket binaries of the pairs in no
** co-investment rule (with y = x / U their rows always hold). So without
** co-investment rules its bound is that of the whole MIP's relaxation, with
** every binary and linking row (built independently above), and that of
** the same problem with no minimum tickets; and the MIP reports the same
** bound as the LP alone. */
static void test_relaxation_bound(void **state)
{
	struct ec_alloc_project p[MAXP];
	struct ec_alloc_fund f[MAXF], open[MAXF];
	struct ec_alloc_region rg[2];
	unsigned char eligible[MAXP * MAXF];
	unsigned ticketed = 0;
	(void)state;

	rng_state = 424242;
	for (unsigned trial = 0; trial < 300; trial++) {
		size_t np = 3, nf = 3, nr = 1 + rnd(2);
		struct ec_alloc_problem pb = { np, nf, nr, p, f, rg, eligible };
		struct ec_alloc_options opts;
		struct ec_alloc_result lp, mip, none;
		char *err = NULL;
		double full;
		int rc;

		random_instance(p, np, f, nf, rg, nr, eligible);
		for (size_t j = 0; j < np; j++)
			p[j].required = 0;
		for (size_t k = 0; k < nf; k++) {
			f[k].needs_government_coinvestor = 0;
			/* drop the pairs a minimum ticket rules out, so that both problems have the same pairs */
			for (size_t j = 0; j < np; j++) {
				double u = fmin(fmin(f[k].capacity, f[k].max_ticket),
						fmin(f[k].max_share * p[j].total, p[j].gap[ec_alloc_source_of(f[k].type)]));
				if (u < f[k].min_ticket)
					eligible[k * np + j] = 0;
				ticketed += eligible[k * np + j] && f[k].min_ticket > 0 && u > 0;
			}
			open[k] = f[k];
			open[k].min_ticket = 0;
		}
		ec_alloc_options_init(&opts);
		opts.objective = trial % 2 ? EC_ALLOC_SHARE : EC_ALLOC_AMOUNT;
		opts.mip = 0;
		rc = allocate(&pb, &opts, &lp, &err);
		if (rc != EC_OK)
			fail_msg("trial %u: LP: %s", trial, err);
		opts.mip = 1;
		rc = allocate(&pb, &opts, &mip, &err);
		if (rc != EC_OK)
			fail_msg("trial %u: MIP: %s", trial, err);
		pb.funds = open;
		opts.mip = 0;
		rc = allocate(&pb, &opts, &none, &err);
		if (rc != EC_OK)
			fail_msg("trial %u: no tickets: %s", trial, err);
		pb.funds = f;
		full = full_relaxation(&pb, opts.objective);
		if (fabs(lp.lp_bound - none.lp_bound) > TOL || fabs(mip.lp_bound - lp.lp_bound) > TOL ||
		    fabs(lp.lp_bound - full) > TOL)
			fail_msg("trial %u: LP bound %.9g, MIP's LP bound %.9g, without tickets %.9g, whole relaxation %.9g",
				 trial, lp.lp_bound, mip.lp_bound, none.lp_bound, full);
		assert_true(mip.objective <= lp.lp_bound + TOL);
		for (size_t k = 0; k < nf; k++)
			assert_true(fabs(lp.fund_capacity_dual[k] - mip.fund_capacity_dual[k]) <= TOL);
		ec_alloc_result_release(&lp);
		ec_alloc_result_release(&mip);
		ec_alloc_result_release(&none);
	}
	assert_true(ticketed >= 100);
	glp_free_env(); /* full_relaxation's, after the last trial */
}

/* ---- the time limit ---- */

/* 40 funds x 200 projects with tight tickets, shares and co-investment:
** far more than branch and bound proves in 1 ms, while the LP takes a few
** milliseconds. The plan found (at least the rounded LP) keeps the rules. */
static void test_time_limit(void **state)
{
	enum { NP = 200, NF = 40 };
	struct ec_alloc_project *p = calloc(NP, sizeof *p);
	struct ec_alloc_fund *f = calloc(NF, sizeof *f);
	struct ec_alloc_region rg[4];
	struct ec_alloc_problem pb = { NP, NF, 4, p, f, rg, NULL };
	struct ec_alloc_options opts;
	struct ec_alloc_result r;
	struct steps steps = { "" };
	double rounded;
	(void)state;

	rng_state = 77;
	for (size_t g = 0; g < 4; g++)
		rg[g] = (struct ec_alloc_region){ NULL, 500 + rnd(500), NONE };
	for (size_t j = 0; j < NP; j++) {
		p[j] = project(1 + rnd(9), rnd(4), 0);
		for (int s = EC_SRC_GUIDANCE_FUND; s <= EC_SRC_SOCIAL_CAPITAL; s++)
			p[j].gap[s] = 50 + rnd(400);
		p[j].total = 3000;
		p[j].land_mu = 10 + rnd(90);
	}
	for (size_t k = 0; k < NF; k++) {
		f[k] = fund((enum ec_fund_type)rnd(EC_NFUND_TYPES), 400 + rnd(1200));
		f[k].min_ticket = 60 + rnd(120);
		f[k].max_ticket = 300;
		f[k].needs_government_coinvestor = f[k].type != EC_FUND_GOVERNMENT_GUIDANCE && rnd(2);
	}
	ec_alloc_options_init(&opts);
	opts.time_limit_s = 0.001;
	solve_ok(&pb, &opts, &r);
	assert_true(r.time_limit_reached);
	assert_false(r.optimal);
	assert_non_null(strstr(r.status, "time limit reached, best found, gap "));
	assert_true(r.gap_pct >= 0);
	assert_true(r.objective > 0);
	assert_true(r.best_bound >= r.objective - TOL);
	assert_true(r.best_bound <= r.lp_bound + TOL);
	/* the plan found before branch and bound could improve it keeps every rule */
	assert_true(plan_keeps_rules(&pb, &r, TOL));
	rounded = r.objective;
	ec_alloc_result_release(&r);

	/* With time for the neighbourhood search (half the limit): its plan
	** keeps every rule and is no worse than the rounded one. */
	opts.time_limit_s = 2;
	opts.progress = record_step;
	opts.progress_ctx = &steps;
	solve_ok(&pb, &opts, &r);
	assert_non_null(strstr(steps.text, "improving the rounded plan: open tickets "));
	assert_true(r.objective >= rounded - TOL);
	assert_true(r.best_bound <= r.lp_bound + TOL);
	ec_alloc_result_release(&r);
	free(p);
	free(f);
}

/* ---- edges and checks ---- */

static void test_empty(void **state)
{
	struct ec_alloc_fund f[1] = { fund(EC_FUND_BANK, 100) };
	struct ec_alloc_problem pb = { 0, 1, 0, NULL, f, NULL, NULL };
	struct ec_alloc_result r;
	(void)state;

	solve_ok(&pb, NULL, &r);
	assert_string_equal(r.status, "optimal");
	assert_float_equal(r.objective, 0, 0);
	assert_int_equal(r.nbinding, 0);
	assert_float_equal(r.fund_capacity_dual[0], 0, 0);
	ec_alloc_result_release(&r);
}

static void expect_error(const struct ec_alloc_problem *pb, const struct ec_alloc_options *opts, int code,
			 const char *message)
{
	struct ec_alloc_result r;
	char *err = NULL;

	memset(&r, 0, sizeof r);
	assert_int_equal(allocate(pb, opts, &r, &err), code);
	assert_non_null(err);
	if (strcmp(err, message) != 0)
		fail_msg("message: \"%s\", expected \"%s\"", err, message);
	assert_null(r.amount);
	free(err);
}

static void test_checks(void **state)
{
	struct ec_alloc_project p[2] = { project(1, 0, 100), project(1, 0, 100) };
	struct ec_alloc_fund f[1] = { fund(EC_FUND_BANK, 100) };
	struct ec_alloc_region rg[1] = { { "R1", NONE, NAN } };
	struct ec_alloc_problem pb = { 2, 1, 1, p, f, rg, NULL };
	struct ec_alloc_options opts;
	(void)state;

	p[1].code = "P-2";
	p[1].gap[EC_SRC_BANK_LOANS] = 40;
	p[1].priority = 0;
	expect_error(&pb, NULL, EC_EDATA, "project P-2: priority is 0; expected a finite number > 0");
	p[1].priority = 1;
	p[0].gap[EC_SRC_BONDS] = -1;
	expect_error(&pb, NULL, EC_EDATA, "project 0: gap in bonds is -1; expected a finite number >= 0");
	p[0].gap[EC_SRC_BONDS] = 0;
	p[0].region = 3;
	expect_error(&pb, NULL, EC_EDATA, "project 0: region index 3 is out of range (1 regions)");
	p[0].region = 0;
	p[1].required = 50;
	expect_error(&pb, NULL, EC_EDATA,
		     "project P-2: required amount 50 exceeds the gap funds can fill (40: guidance fund, bank loans, "
		     "bonds and social capital)");
	p[1].required = 0;
	f[0].name = "Bank of X";
	f[0].min_ticket = 20, f[0].max_ticket = 10;
	expect_error(&pb, NULL, EC_EDATA,
		     "fund Bank of X: maximum ticket is 10; expected a number > 0 and >= the minimum ticket (20), "
		     "or infinity");
	f[0].max_ticket = NONE;
	f[0].max_share = 1.5;
	expect_error(&pb, NULL, EC_EDATA, "fund Bank of X: maximum share is 1.5; expected a number in (0, 1]");
	f[0].max_share = 1;
	f[0].type = (enum ec_fund_type)9;
	expect_error(&pb, NULL, EC_EDATA, "fund Bank of X: unknown fund type 9");
	f[0].type = EC_FUND_BANK;
	rg[0].land_quota_mu = -5;
	expect_error(&pb, NULL, EC_EDATA,
		     "region R1: land quota is -5 mu; expected a finite number >= 0, or none");
	rg[0].land_quota_mu = NAN;

	ec_alloc_options_init(&opts);
	opts.time_limit_s = 0;
	expect_error(&pb, &opts, EC_EUSAGE,
		     "allocation options: time limit is 0 s; expected a number > 0, or infinity");
	pb.projects = NULL;
	expect_error(&pb, NULL, EC_EUSAGE, "allocation problem: a list of projects, funds or regions is missing");
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(ec_alloc_source_of(EC_FUND_GOVERNMENT_GUIDANCE), EC_SRC_GUIDANCE_FUND);
	assert_int_equal(ec_alloc_source_of(EC_FUND_BANK), EC_SRC_BANK_LOANS);
	assert_int_equal(ec_alloc_source_of(EC_FUND_INSURANCE), EC_SRC_BONDS);
	assert_int_equal(ec_alloc_source_of(EC_FUND_VC_PE), EC_SRC_SOCIAL_CAPITAL);
	assert_int_equal(ec_alloc_source_of(EC_FUND_INDUSTRIAL_CAPITAL), EC_SRC_SOCIAL_CAPITAL);
	assert_int_equal(ec_alloc_source_of((enum ec_fund_type)7), -1);
	assert_string_equal(ec_alloc_source_name(EC_SRC_OWN_FUNDS), "own funds");
	assert_string_equal(ec_alloc_fund_type_name(EC_FUND_VC_PE), "vcpe");
	assert_string_equal(ec_alloc_fund_type_name((enum ec_fund_type)-1), "?");
}

/* The cap of a pair is the least of capacity 900, maximum ticket 700,
** 0.25 of the total 2 000 (500) and the gap of the fund's source. */
static void test_pair_cap(void **state)
{
	struct ec_alloc_project p = project(1, 0, 2000);
	struct ec_alloc_fund f = fund(EC_FUND_BANK, 900);
	(void)state;

	f.max_ticket = 700;
	f.max_share = 0.25;
	p.gap[EC_SRC_BANK_LOANS] = 800;
	p.gap[EC_SRC_SOCIAL_CAPITAL] = 100;
	assert_float_equal(ec_alloc_pair_cap(&p, &f), 500, 0);
	f.max_share = 1;
	assert_float_equal(ec_alloc_pair_cap(&p, &f), 700, 0);
	f.max_ticket = INFINITY;
	assert_float_equal(ec_alloc_pair_cap(&p, &f), 800, 0);
	f.capacity = 300;
	assert_float_equal(ec_alloc_pair_cap(&p, &f), 300, 0);
	f.type = EC_FUND_VC_PE; /* fills social capital */
	assert_float_equal(ec_alloc_pair_cap(&p, &f), 100, 0);
	f.type = (enum ec_fund_type)9;
	assert_float_equal(ec_alloc_pair_cap(&p, &f), 0, 0);
}

/* No fund may invest in the project: an empty plan, with or without whole
** tickets, unless an amount is required. */
static void test_no_pairs(void **state)
{
	struct ec_alloc_project p[1] = { project(1, 0, 1000) };
	struct ec_alloc_fund f[1] = { fund(EC_FUND_BANK, 100) };
	unsigned char eligible[1] = { 0 };
	struct ec_alloc_problem pb = { 1, 1, 1, p, f, &no_quota_region, eligible };
	struct ec_alloc_options opts;
	struct ec_alloc_result r;
	(void)state;

	p[0].code = "P0";
	p[0].gap[EC_SRC_BANK_LOANS] = 100;
	ec_alloc_options_init(&opts);
	for (opts.mip = 0; opts.mip <= 1; opts.mip++) {
		solve_ok(&pb, &opts, &r);
		assert_string_equal(r.status, opts.mip ? "optimal" : "optimal (LP relaxation)");
		assert_float_equal(r.objective, 0, 0);
		assert_float_equal(r.lacking[EC_SRC_BANK_LOANS], 100, TOL);
		ec_alloc_result_release(&r);
	}
	p[0].required = 10;
	expect_error(&pb, NULL, EC_EDATA,
		     "the rules leave no feasible plan: the required amounts of project P0 (10) cannot all be covered "
		     "within the funds' capacities, tickets, shares, co-investment rules and quotas");
}

/* ---- the solvers side by side ---- */

/* Runs pb on both solvers and checks that they agree: the status, the
** objective and the LP bound, and (only) when duals is set every shadow
** price and the binding constraints with theirs. An LP with several
** optimal dual solutions may get different ones from each solver; the
** hand-solved instances have one. Returns the coin run's objective. */
static double same_on_both(const struct ec_alloc_problem *pb, const struct ec_alloc_options *opts, int duals)
{
	struct ec_alloc_options o;
	struct ec_alloc_result r[2];
	enum ec_alloc_solver keep = solver;
	double z;

	if (opts)
		o = *opts;
	else
		ec_alloc_options_init(&o);
	for (int i = 0; i < 2; i++) {
		char *err = NULL;
		int rc;

		o.solver = i ? EC_ALLOC_GLPK : EC_ALLOC_COIN;
		rc = ec_allocate(pb, &o, &r[i], &err);
		if (rc != EC_OK)
			fail_msg("%s: %d: %s", ec_alloc_solver_name(o.solver), rc, err);
	}
	solver = keep;
	assert_string_equal(r[0].status, r[1].status);
	assert_float_equal(r[0].objective, r[1].objective, TOL);
	assert_float_equal(r[0].lp_bound, r[1].lp_bound, TOL);
	if (duals) {
		for (size_t f = 0; f < pb->nfunds; f++)
			assert_float_equal(r[0].fund_capacity_dual[f], r[1].fund_capacity_dual[f], TOL);
		for (size_t g = 0; g < pb->nregions; g++) {
			assert_float_equal(r[0].land_dual[g], r[1].land_dual[g], TOL);
			assert_float_equal(r[0].energy_dual[g], r[1].energy_dual[g], TOL);
		}
		assert_int_equal(r[0].nbinding, r[1].nbinding);
		for (size_t i = 0; i < r[0].nbinding; i++) {
			assert_int_equal(r[0].binding[i].kind, r[1].binding[i].kind);
			assert_int_equal(r[0].binding[i].index, r[1].binding[i].index);
			assert_float_equal(r[0].binding[i].dual, r[1].binding[i].dual, TOL);
		}
	}
	z = r[0].objective;
	ec_alloc_result_release(&r[0]);
	ec_alloc_result_release(&r[1]);
	return z;
}

/* The hand-solved instances above, each on both solvers: the same plan
** value, bound, shadow prices and binding constraints (the shadow prices
** of docs/methods.md: 2 and 1 for the capacities of test_capacity, 2 per
** mu of test_quota, 1/100 in test_share_objective, -1 for test_required's
** requirement). */
static void test_solvers_agree(void **state)
{
	struct ec_alloc_project p[3] = { project(3, 0, 100), project(2, 0, 70), project(1, 0, 80) };
	struct ec_alloc_fund f[2] = { fund(EC_FUND_BANK, 100), fund(EC_FUND_VC_PE, 50) };
	struct ec_alloc_region region = { "R1", 30, NONE };
	struct ec_alloc_problem pb = { 3, 2, 1, p, f, &no_quota_region, NULL };
	struct ec_alloc_options opts;
	(void)state;

	ec_alloc_options_init(&opts);
	/* test_capacity */
	p[0].gap[EC_SRC_BANK_LOANS] = 60, p[0].gap[EC_SRC_SOCIAL_CAPITAL] = 40;
	p[1].gap[EC_SRC_BANK_LOANS] = 70;
	p[2].gap[EC_SRC_BANK_LOANS] = 50, p[2].gap[EC_SRC_SOCIAL_CAPITAL] = 30;
	assert_float_equal(same_on_both(&pb, NULL, 1), 390, TOL);
	opts.mip = 0;
	assert_float_equal(same_on_both(&pb, &opts, 1), 390, TOL);
	opts.mip = 1;

	/* test_min_ticket: P0, P1, one bank fund with a ticket of 60 */
	memset(p, 0, sizeof p);
	p[0] = project(2, 0, 200), p[1] = project(1, 0, 200);
	p[0].gap[EC_SRC_BANK_LOANS] = 80, p[1].gap[EC_SRC_BANK_LOANS] = 80;
	f[0] = fund(EC_FUND_BANK, 100);
	f[0].min_ticket = 60;
	pb.nprojects = 2, pb.nfunds = 1;
	assert_float_equal(same_on_both(&pb, NULL, 1), 160, TOL);

	/* test_quota: the land quota binds at 2 per mu, then the energy quota */
	p[0] = project(1, 0, 100), p[1] = project(1, 0, 100);
	p[0].gap[EC_SRC_BANK_LOANS] = 100, p[0].land_mu = 20;
	p[1].gap[EC_SRC_BANK_LOANS] = 100, p[1].land_mu = 50;
	f[0] = fund(EC_FUND_BANK, 1000);
	pb.regions = &region;
	assert_float_equal(same_on_both(&pb, NULL, 1), 120, TOL);
	region.energy_quota_tce = 10;
	p[1].energy_tce = 100;
	assert_float_equal(same_on_both(&pb, NULL, 1), 110, TOL);
	pb.regions = &no_quota_region;

	/* test_share_objective */
	p[0] = project(1, 0, 100), p[1] = project(1, 0, 50);
	p[0].gap[EC_SRC_BANK_LOANS] = 100, p[1].gap[EC_SRC_BANK_LOANS] = 50;
	f[0] = fund(EC_FUND_BANK, 100);
	opts.objective = EC_ALLOC_SHARE;
	assert_float_equal(same_on_both(&pb, &opts, 1), 1.5, TOL);
	opts.objective = EC_ALLOC_AMOUNT;

	/* test_coinvestment */
	p[0] = project(1, 0, 200), p[1] = project(3, 0, 200);
	p[0].gap[EC_SRC_GUIDANCE_FUND] = 10, p[0].gap[EC_SRC_SOCIAL_CAPITAL] = 100;
	p[1].gap[EC_SRC_GUIDANCE_FUND] = 10, p[1].gap[EC_SRC_SOCIAL_CAPITAL] = 100;
	f[0] = fund(EC_FUND_GOVERNMENT_GUIDANCE, 10), f[1] = fund(EC_FUND_VC_PE, 150);
	f[0].min_ticket = 10;
	f[1].needs_government_coinvestor = 1;
	pb.nfunds = 2;
	assert_float_equal(same_on_both(&pb, NULL, 1), 330, TOL);

	/* test_required: a requirement with shadow price -1 */
	p[0] = project(1, 0, 100), p[1] = project(2, 0, 100);
	p[0].gap[EC_SRC_BANK_LOANS] = 100, p[1].gap[EC_SRC_BANK_LOANS] = 100;
	p[0].required = 40;
	f[0] = fund(EC_FUND_BANK, 100);
	pb.nfunds = 1;
	assert_float_equal(same_on_both(&pb, NULL, 1), 160, TOL);
}

/* Random tiny instances on both solvers: the same optimum and bound (the
** duals of these degenerate LPs need not be unique). */
static void test_solvers_agree_random(void **state)
{
	struct ec_alloc_project p[MAXP];
	struct ec_alloc_fund f[MAXF];
	struct ec_alloc_region rg[2];
	unsigned char eligible[MAXP * MAXF];
	(void)state;

	rng_state = 99;
	for (unsigned trial = 0; trial < 200; trial++) {
		size_t nr = 1 + rnd(2);
		struct ec_alloc_problem pb = { 3, 3, nr, p, f, rg, eligible };
		struct ec_alloc_options opts;
		struct ec_alloc_result r;
		char *err = NULL;

		random_instance(p, 3, f, 3, rg, nr, eligible);
		ec_alloc_options_init(&opts);
		opts.objective = trial % 2 ? EC_ALLOC_SHARE : EC_ALLOC_AMOUNT;
		if (ec_allocate(&pb, &opts, &r, &err) != EC_OK) {
			free(err); /* no plan: both say so in test_random_exhaustive */
			continue;
		}
		ec_alloc_result_release(&r);
		same_on_both(&pb, &opts, 0);
	}
}

/* ---- the model as MPS ---- */

/* Writes the model of pb (opts->mip: the MIP, else the LP) to a file and
** returns its name (caller frees and removes). */
static char *write_mps(const struct ec_alloc_problem *pb, const struct ec_alloc_options *opts,
		       struct ec_alloc_result *r)
{
	const char *dir = getenv("TMPDIR");
	char *path = malloc(4096);
	struct ec_alloc_options o = *opts;
	char *err = NULL;
	FILE *out;
	int fd;

	snprintf(path, 4096, "%s/test_allocate_XXXXXX", dir && *dir ? dir : "/tmp");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(out = fdopen(fd, "w"));
	o.write_mps = out;
	o.solver = solver;
	if (ec_allocate(pb, &o, r, &err) != EC_OK)
		fail_msg("ec_allocate: %s", err);
	assert_int_equal(fclose(out), 0);
	return path;
}

/* The optimum of an MPS file by GLPK (the MIP with glp_intopt when it has
** integer columns), as the file has it: minimised. */
static double glpk_optimum(const char *path)
{
	glp_prob *lp = glp_create_prob();
	glp_smcp smcp;
	glp_iocp iocp;
	double z;

	glp_term_out(GLP_OFF);
	assert_int_equal(glp_read_mps(lp, GLP_MPS_FILE, NULL, path), 0);
	assert_int_equal(glp_get_obj_dir(lp), GLP_MIN);
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	assert_int_equal(glp_simplex(lp, &smcp), 0);
	if (glp_get_num_int(lp) > 0) {
		glp_init_iocp(&iocp);
		iocp.msg_lev = GLP_MSG_OFF;
		assert_int_equal(glp_intopt(lp, &iocp), 0);
		assert_int_equal(glp_mip_status(lp), GLP_OPT);
		z = glp_mip_obj_val(lp);
	} else {
		assert_int_equal(glp_get_status(lp), GLP_OPT);
		z = glp_get_obj_val(lp);
	}
	glp_delete_prob(lp);
	glp_free_env();
	return z;
}

/* The LP optimum of an MPS file by CLP's reader and simplex (integer
** columns relaxed). */
static double clp_optimum(const char *path)
{
	Clp_Simplex *clp = Clp_newModel();
	double z;

	Clp_setLogLevel(clp, 0);
	assert_int_equal(Clp_readMps(clp, path, 1, 0), 0);
	Clp_dual(clp, 0);
	assert_true(Clp_isProvenOptimal(clp));
	z = Clp_getObjValue(clp);
	Clp_deleteModel(clp);
	return z;
}

/* --write-mps: the model read back by GLPK and by CLP has the optimum
** ec_allocate reports, negated (the file minimises): the MIP's plan value
** and, written with mip = 0, the LP bound. On the hand-solved instances
** with tickets, co-investment, quotas and a requirement, and on random
** tiny ones. */
static void test_write_mps(void **state)
{
	struct ec_alloc_project p[MAXP];
	struct ec_alloc_fund f[MAXF];
	struct ec_alloc_region rg[2];
	unsigned char eligible[MAXP * MAXF];
	unsigned checked = 0;
	(void)state;

	rng_state = 5150;
	for (unsigned trial = 0; trial < 60; trial++) {
		size_t nr = 1 + rnd(2);
		struct ec_alloc_problem pb = { 3, 3, nr, p, f, rg, eligible };
		struct ec_alloc_options opts;
		struct ec_alloc_result r;
		char *path, *err = NULL;

		random_instance(p, 3, f, 3, rg, nr, eligible);
		ec_alloc_options_init(&opts);
		opts.objective = trial % 2 ? EC_ALLOC_SHARE : EC_ALLOC_AMOUNT;
		if (allocate(&pb, &opts, &r, &err) != EC_OK) {
			free(err);
			continue;
		}
		ec_alloc_result_release(&r);
		path = write_mps(&pb, &opts, &r);
		assert_float_equal(-glpk_optimum(path), r.objective, TOL);
		assert_float_equal(-clp_optimum(path), r.lp_bound, TOL);
		ec_alloc_result_release(&r);
		unlink(path);
		free(path);
		opts.mip = 0;
		path = write_mps(&pb, &opts, &r);
		assert_float_equal(-glpk_optimum(path), r.lp_bound, TOL);
		assert_float_equal(-clp_optimum(path), r.lp_bound, TOL);
		ec_alloc_result_release(&r);
		unlink(path);
		free(path);
		checked++;
	}
	assert_true(checked >= 30);
}

static int on_coin(void **state)
{
	(void)state;
	solver = EC_ALLOC_COIN;
	return 0;
}

static int on_glpk(void **state)
{
	(void)state;
	solver = EC_ALLOC_GLPK;
	return 0;
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_min_ticket),
		cmocka_unit_test(test_quota),
		cmocka_unit_test(test_share_objective),
		cmocka_unit_test(test_coinvestment),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_random_exhaustive),
		cmocka_unit_test(test_relaxation_bound),
		cmocka_unit_test(test_time_limit),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_no_pairs),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_pair_cap),
		cmocka_unit_test(test_write_mps),
	};
	static const struct CMUnitTest both[] = {
		cmocka_unit_test(test_solvers_agree),
		cmocka_unit_test(test_solvers_agree_random),
	};
	int failed;

	failed = cmocka_run_group_tests_name("coin", tests, on_coin, NULL);
	failed += cmocka_run_group_tests_name("glpk", tests, on_glpk, NULL);
	failed += cmocka_run_group_tests_name("both", both, NULL, NULL);
	return failed;
}
