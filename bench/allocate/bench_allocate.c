/*
** bench/allocate/bench_allocate.c — echelon's side of the allocation
** benchmark (issue 7): a deterministic synthetic project library and fund
** registry built in memory from the built-in catalogue, then
**
**   match      ec_match_one over every fund x project pair (the eligibility
**              matrix and the scores), and ec_match_quick (the same without
**              the reasons, as the allocation's problem is built);
**   lists      ec_match_for_fund for every fund and ec_match_for_project for
**              every project (the ranked lists both ways);
**   build      ec_funding_problem_build: the allocation problem exactly as
**              the command and the API build it (matching again, at the
**              period, for the eligibility; gaps; priorities; quotas);
**   lp         ec_allocate with opts.mip = 0 (the LP relaxation);
**   mip        ec_allocate with opts.mip = 1 and a time limit (its time
**              includes the LP relaxation, which ec_allocate solves first);
**   lean LP    optionally (--lean-lp) the LP with no minimum tickets and no
**              co-investment rules, hence no binaries at all.
** The LP and the MIP run on each solver of --solvers (default coin), in
** that order, the lean LP on the first.
**
**   bench_allocate [--projects N] [--funds F] [--seed S] [--time-limit S]
**                  [--quota-share Q] [--out DIR] [--no-lists] [--no-lp]
**                  [--no-mip] [--lean-lp] [--solvers coin,glpk]
**                  [--write-mps FILE]
**
** Prints "key value" lines (times in seconds, peak RSS in KiB): lp_*, mip_*
** for the first solver, and <solver>_lp_*, <solver>_mip_* for each; with
** two solvers, how far apart their LP bounds and shadow prices are
** (solvers_*). --write-mps writes the MIP as free MPS first (untimed:
** ec_allocate with a time limit of 1 ms after the writing). With --out,
** writes projects.csv, funds.csv, clusters.csv (the inputs of
** duckdb_match.mjs) and matches.csv (every eligible pair with its score and
** its rank in both lists) for the comparison.
*/
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "echelon/allocate.h"
#include "echelon/catalog.h"
#include "echelon/cluster.h"
#include "echelon/funding.h"
#include "echelon/problem.h"
#include "echelon/project.h"
#include "echelon/uscc.h"

#define PRIORITY_AREAS "1;4"

/* splitmix64, as the demo generator: deterministic everywhere. */
static uint64_t rng_state;

static uint64_t next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double uniform(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

static double normal(void)
{
	double u = uniform(), v = uniform();
	return sqrt(-2 * log(u > 1e-300 ? u : 1e-300)) * cos(6.283185307179586 * v);
}

static size_t pick(size_t n)
{
	return (size_t)(next() % (n ? n : 1));
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds of the process (user + system): on a shared machine the
** wall clock counts the other loads too. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void die(const char *msg)
{
	fprintf(stderr, "bench_allocate: %s\n", msg);
	exit(1);
}

/* ---- the catalogue, indexed for the generator ---- */

struct lists {
	const struct ec_category **areas, **directions, **subs;
	size_t nareas, ndirections, nsubs;
	const struct ec_region **provinces, **prefectures, **counties;
	size_t nprovinces, nprefectures, ncounties;
};

static void push(const void ***v, size_t *n, const void *x)
{
	*v = realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = x;
}

static void index_catalog(const struct ec_catalog *cat, struct lists *l)
{
	memset(l, 0, sizeof *l);
	for (size_t i = 0; i < cat->ncategories; i++) {
		const struct ec_category *c = &cat->categories[i];
		if (c->level == 1)
			push((const void ***)&l->areas, &l->nareas, c);
		else if (c->level == 2)
			push((const void ***)&l->directions, &l->ndirections, c);
		else
			push((const void ***)&l->subs, &l->nsubs, c);
	}
	for (size_t i = 0; i < cat->nregions; i++) {
		const struct ec_region *r = &cat->regions[i];
		if (r->level == EC_PROVINCE)
			push((const void ***)&l->provinces, &l->nprovinces, r);
		else if (r->level == EC_PREFECTURE)
			push((const void ***)&l->prefectures, &l->nprefectures, r);
		else
			push((const void ***)&l->counties, &l->ncounties, r);
	}
}

/* A level-3 category under code (a direction), or code itself. */
static const char *sub_under(const struct lists *l, const char *code)
{
	size_t n = strlen(code), k = 0;
	const char *found[64];
	for (size_t i = 0; i < l->nsubs && k < 64; i++)
		if (!strncmp(l->subs[i]->code, code, n) && l->subs[i]->code[n] == '.')
			found[k++] = l->subs[i]->code;
	return k ? found[pick(k)] : code;
}

/* A county under a prefecture (6 digits), or the prefecture itself. */
static const char *county_under(const struct lists *l, const char *pref)
{
	size_t k = 0;
	const char *found[128];
	for (size_t i = 0; i < l->ncounties && k < 128; i++)
		if (!strncmp(l->counties[i]->code, pref, 4))
			found[k++] = l->counties[i]->code;
	return k ? found[pick(k)] : pref;
}

/* The 2-digit prefix of a random mainland province, in buf. */
static const char *prov2(const struct lists *l, char buf[3])
{
	snprintf(buf, 3, "%.2s", l->provinces[pick(l->nprovinces < 31 ? l->nprovinces : 31)]->code);
	return buf;
}

/* Appends ";" and s to a list. */
static void add_target(char *list, size_t size, const char *s)
{
	size_t n = strlen(list);
	if (strstr(list, s) && n) /* keep lists short and free of repeats */
		return;
	snprintf(list + n, size - n, "%s%s", n ? ";" : "", s);
}

/* ---- the instance ---- */

static const int last_period_year = 2025, last_period_month = 6;

static void make_owner(const char *region, size_t i, char out[19])
{
	char base[18];
	/* 91 + region + an organisation code of 9 characters, then the check. */
	snprintf(base, sizeof base, "91%.6s%09u", region, (unsigned)(100000000 + i * 7 % 899999999));
	memcpy(out, base, 17);
	out[17] = ec_uscc_check_char(base);
	out[18] = '\0';
}

static void make_clusters(const struct lists *l, struct ec_cluster *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct ec_region *pref = l->prefectures[pick(l->nprefectures)];
		const struct ec_category *dir = l->directions[pick(l->ndirections)];
		memset(&c[i], 0, sizeof c[i]);
		snprintf(c[i].code, sizeof c[i].code, "C%03zu", i + 1);
		snprintf(c[i].name_zh, sizeof c[i].name_zh, "%s%s集群", pref->name_zh, dir->name_zh);
		snprintf(c[i].name_en, sizeof c[i].name_en, "cluster %zu", i + 1);
		c[i].tier = i < n / 8 ? EC_TIER_BASE : i < n * 3 / 8 ? EC_TIER_CLUSTER : EC_TIER_ECOSYSTEM;
		snprintf(c[i].regions, sizeof c[i].regions, "%s", pref->code);
		snprintf(c[i].categories, sizeof c[i].categories, "%s", dir->code);
	}
}

/* Projects as the demo generator makes them (src/io/demo_projects.c):
** lognormal totals, funding plans short of the total in a third, monthly
** progress, stages from the progress; 45 % in a registered cluster (its
** prefecture and direction), 3 % naming an unregistered cluster. */
static void make_project(const struct ec_catalog *cat, const struct lists *l, const struct ec_cluster *clusters,
			 size_t nclusters, size_t i, int last_period, struct ec_project *p)
{
	double total = exp(11.5 + 1.1 * normal()), share[EC_NSOURCES], sum = 0, pace, cumulative = 0, u = uniform();
	int duration = 12 + (int)(next() % 37), stalled = uniform() < 0.08;
	int start = last_period - 42 + (int)(next() % 48);
	struct ec_problem found;
	char why[160];

	(void)cat;
	if (total < 20000)
		total = 20000;
	total = floor(total / 100) * 100;
	ec_project_init(p);
	snprintf(p->code, sizeof p->code, "P%05zu", i + 1);
	snprintf(p->name, sizeof p->name, "项目%zu", i + 1);
	if (u < 0.45 && nclusters) {
		const struct ec_cluster *c = &clusters[pick(nclusters)];
		snprintf(p->cluster, sizeof p->cluster, "%s", c->code);
		snprintf(p->category, sizeof p->category, "%.15s", sub_under(l, c->categories));
		snprintf(p->region, sizeof p->region, "%.6s", county_under(l, c->regions));
	} else {
		if (u < 0.48)
			snprintf(p->cluster, sizeof p->cluster, "C-UNREG");
		snprintf(p->category, sizeof p->category, "%s", l->subs[pick(l->nsubs)]->code);
		snprintf(p->region, sizeof p->region, "%s", l->counties[pick(l->ncounties)]->code);
	}
	make_owner(p->region, i, p->owner);
	p->kind = p->cluster[0] && uniform() < 0.25 ? (enum ec_project_kind)(1 + next() % 4) : EC_KIND_INDUSTRIAL;
	p->total_investment = total;
	p->start = start;
	p->end = start + duration - 1;
	share[EC_SRC_GOVERNMENT_BUDGET] = p->kind != EC_KIND_INDUSTRIAL ? 0.2 : 0.02;
	share[EC_SRC_GUIDANCE_FUND] = 0.05 + 0.1 * uniform();
	share[EC_SRC_BANK_LOANS] = 0.2 + 0.2 * uniform();
	share[EC_SRC_BONDS] = uniform() < 0.2 ? 0.1 : 0;
	share[EC_SRC_SOCIAL_CAPITAL] = 0.1 + 0.2 * uniform();
	share[EC_SRC_OWN_FUNDS] = 0.2 + 0.2 * uniform();
	for (int k = 0; k < EC_NSOURCES; k++)
		sum += share[k];
	for (int k = 0; k < EC_NSOURCES; k++)
		p->funding[k] = floor(total * share[k] / sum * (uniform() < 0.33 ? 0.8 : 1.0) / 100) * 100;
	p->land_mu = floor(total / 2000 * (0.5 + uniform()));
	p->energy_tce = floor(total / 500 * (0.3 + uniform()));
	pace = 0.6 + 0.6 * uniform();
	for (int m = start; m <= last_period && m <= p->end + 6; m++) {
		double amount = total / duration * pace * (0.6 + 0.8 * uniform());
		if (stalled && m > start + duration / 3)
			amount = 0;
		if (cumulative + amount > total)
			amount = total - cumulative;
		if (amount <= 0)
			continue;
		amount = floor(amount);
		if (ec_project_record_completed(p, m, amount, NULL) == EC_OK)
			cumulative += amount;
	}
	p->stage = start > last_period ? EC_STAGE_PREPARATION
		   : cumulative >= 0.95 * total ? EC_STAGE_COMPLETED
		   : cumulative > 0 ? EC_STAGE_UNDER_CONSTRUCTION : EC_STAGE_PREPARATION;
	if (p->stage == EC_STAGE_PREPARATION && uniform() < 0.25)
		p->stage = EC_STAGE_RESERVE;
	if (uniform() < 0.03 && p->stage != EC_STAGE_COMPLETED)
		p->stage = EC_STAGE_CANCELLED;
	if (ec_project_check(p, cat, &found) != EC_OK) {
		ec_problem_english(&found, why, sizeof why);
		fprintf(stderr, "bench_allocate: project %s: %s: %s\n", p->code, found.field ? found.field : "", why);
		exit(1);
	}
}

/* Funds with mandates narrower than the demo's (which gives banks and
** insurers every region): provincial and prefectural guidance funds, banks
** lending in one to three provinces (a fifth nationwide), insurers, VC/PE
** (directions or sub-directions, some regional, 30 % needing a guidance
** co-investor) and industrial capital. */
static void make_fund(const struct ec_catalog *cat, const struct lists *l, size_t nfunds, size_t i, struct ec_fund *f)
{
	double u = uniform();
	struct ec_problem found;
	char why[160], two[3];

	ec_fund_init(f);
	snprintf(f->code, sizeof f->code, "F%04zu", i + 1);
	size_t nprov = nfunds / 4 < 31 ? nfunds / 4 : 31, npref = nfunds * 8 / 100;

	if (i < nprov && i < l->nprovinces) {
		const struct ec_region *pr = l->provinces[i];
		f->type = EC_FUND_GOVERNMENT_GUIDANCE;
		snprintf(f->name, sizeof f->name, "%s战略性新兴产业引导基金", pr->name_zh);
		snprintf(f->regions, sizeof f->regions, "%.2s", pr->code);
		if (i % 2)
			for (int k = 0, n = 2 + (int)pick(2); k < n; k++)
				add_target(f->categories, sizeof f->categories, l->areas[pick(l->nareas)]->code);
		f->capital = floor(exp(14.5 + 0.6 * normal()) / 1000) * 1000;
		f->min_ticket = 5000;
		f->max_ticket = 300000;
		f->max_share = 0.2;
	} else if (i < nprov + npref) {
		const struct ec_region *pref = l->prefectures[pick(l->nprefectures)];
		f->type = EC_FUND_GOVERNMENT_GUIDANCE;
		snprintf(f->name, sizeof f->name, "%s产业引导基金", pref->name_zh);
		if (i % 3 == 0)
			snprintf(f->regions, sizeof f->regions, "%s", pref->code); /* "320500" form */
		else
			snprintf(f->regions, sizeof f->regions, "%.4s", pref->code);
		for (int k = 0, n = 1 + (int)pick(3); k < n; k++)
			add_target(f->categories, sizeof f->categories, l->directions[pick(l->ndirections)]->code);
		f->capital = floor(exp(13.5 + 0.6 * normal()) / 1000) * 1000;
		f->min_ticket = 2000;
		f->max_ticket = 100000;
		f->max_share = 0.2;
		if (uniform() < 0.1)
			f->coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;
	} else {
		f->type = u < 0.15 ? EC_FUND_BANK : u < 0.25 ? EC_FUND_INSURANCE : u < 0.8 ? EC_FUND_VC_PE
			  : EC_FUND_INDUSTRIAL_CAPITAL;
		snprintf(f->name, sizeof f->name, "%s基金%zu", ec_fund_type_name(f->type), i + 1);
		switch (f->type) {
		case EC_FUND_BANK:
			if (uniform() < 0.8)
				for (int k = 0, n = 1 + (int)pick(3); k < n; k++)
					add_target(f->regions, sizeof f->regions, prov2(l, two));
			if (uniform() < 0.4)
				for (int k = 0, n = 1 + (int)pick(2); k < n; k++)
					add_target(f->categories, sizeof f->categories, l->areas[pick(l->nareas)]->code);
			f->capital = floor(exp(14.0 + 0.9 * normal()) / 1000) * 1000;
			f->min_ticket = 10000;
			f->max_ticket = 800000;
			f->max_share = 0.5;
			break;
		case EC_FUND_INSURANCE:
			if (uniform() < 0.4)
				for (int k = 0, n = 1 + (int)pick(2); k < n; k++)
					add_target(f->regions, sizeof f->regions, l->provinces[pick(l->nprovinces < 31 ? l->nprovinces : 31)]->code); /* "310000" */
			for (int k = 0, n = 1 + (int)pick(2); k < n; k++)
				add_target(f->categories, sizeof f->categories, l->areas[pick(l->nareas)]->code);
			if (uniform() < 0.5)
				f->stages = 1u << EC_STAGE_UNDER_CONSTRUCTION;
			f->capital = floor(exp(13.5 + 0.9 * normal()) / 1000) * 1000;
			f->min_ticket = 10000;
			f->max_ticket = 300000;
			f->max_share = 0.3;
			break;
		case EC_FUND_VC_PE: {
			double c = uniform(), r = uniform();
			if (c < 0.6)
				for (int k = 0, n = 1 + (int)pick(3); k < n; k++)
					add_target(f->categories, sizeof f->categories, l->directions[pick(l->ndirections)]->code);
			else if (c < 0.85)
				add_target(f->categories, sizeof f->categories, l->areas[pick(l->nareas)]->code);
			else
				for (int k = 0, n = 1 + (int)pick(2); k < n; k++)
					add_target(f->categories, sizeof f->categories, l->subs[pick(l->nsubs)]->code);
			if (r < 0.4)
				for (int k = 0, n = 1 + (int)pick(3); k < n; k++)
					add_target(f->regions, sizeof f->regions, prov2(l, two));
			else if (r < 0.6)
				for (int k = 0, n = 1 + (int)pick(2); k < n; k++) {
					char pre[5];
					snprintf(pre, sizeof pre, "%.4s", l->prefectures[pick(l->nprefectures)]->code);
					add_target(f->regions, sizeof f->regions, pre);
				}
			f->stages = uniform() < 0.8 ? (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION)
						    : (1u << EC_STAGE_RESERVE) | (1u << EC_STAGE_PREPARATION);
			if (uniform() < 0.3)
				f->coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;
			f->capital = floor(exp(13.5 + 0.9 * normal()) / 1000) * 1000;
			f->min_ticket = 2000;
			f->max_ticket = 100000;
			f->max_share = 0.3;
			break;
		}
		default:
			if (uniform() < 0.5)
				add_target(f->categories, sizeof f->categories, l->areas[pick(l->nareas)]->code);
			else
				for (int k = 0, n = 1 + (int)pick(2); k < n; k++)
					add_target(f->categories, sizeof f->categories, l->directions[pick(l->ndirections)]->code);
			if (uniform() < 0.5)
				add_target(f->regions, sizeof f->regions, prov2(l, two));
			f->capital = floor(exp(13.5 + 0.9 * normal()) / 1000) * 1000;
			f->min_ticket = 10000;
			f->max_ticket = 300000;
			f->max_share = 0.3;
			break;
		}
	}
	if (f->capital < f->min_ticket * 10)
		f->capital = f->min_ticket * 10;
	if (ec_fund_check(f, cat, &found) != EC_OK) {
		ec_problem_english(&found, why, sizeof why);
		fprintf(stderr, "bench_allocate: fund %s: %s: %s\n", f->code, found.field ? found.field : "", why);
		exit(1);
	}
}

/* ---- quotas ---- */

/* Each province's land and energy quota: share of what its open projects
** need in full (rounded down); none when share is 0. Caller frees. */
static struct ec_quota *make_quotas(const struct ec_project *p, size_t np, double share, size_t *nquotas)
{
	struct ec_quota *q = calloc(np + 1, sizeof *q);
	size_t n = 0;

	*nquotas = 0;
	if (!(share > 0))
		return q;
	for (size_t i = 0; i < np; i++) {
		size_t r;
		if (p[i].stage == EC_STAGE_COMPLETED || p[i].stage == EC_STAGE_CANCELLED)
			continue;
		for (r = 0; r < n && strncmp(q[r].region, p[i].region, 2); r++)
			;
		if (r == n)
			snprintf(q[n++].region, sizeof q->region, "%.2s0000", p[i].region);
		q[r].land_mu += p[i].land_mu;
		q[r].energy_tce += p[i].energy_tce;
	}
	for (size_t r = 0; r < n; r++) {
		q[r].land_mu = floor(q[r].land_mu * share);
		q[r].energy_tce = floor(q[r].energy_tce * share);
	}
	*nquotas = n;
	return q;
}

static void report_alloc(const char *key, const struct ec_alloc_result *r, double secs)
{
	size_t used = 0, bind_cap = 0;
	for (size_t i = 0; i < r->nfunds * r->nprojects; i++)
		used += r->amount[i] > 1e-6;
	for (size_t i = 0; i < r->nbinding; i++)
		bind_cap += r->binding[i].kind == EC_BIND_FUND_CAPACITY;
	printf("%s_s %.3f\n", key, secs);
	printf("%s_status %s\n", key, r->status);
	printf("%s_objective %.6f\n", key, r->objective);
	printf("%s_lp_bound %.6f\n", key, r->lp_bound);
	printf("%s_best_bound %.6f\n", key, r->best_bound);
	printf("%s_gap_pct %.4f\n", key, r->gap_pct);
	printf("%s_optimal %d\n", key, r->optimal);
	printf("%s_time_limit_reached %d\n", key, r->time_limit_reached);
	printf("%s_plan_pairs %zu\n", key, used);
	printf("%s_binding %zu\n", key, r->nbinding);
	printf("%s_binding_fund_capacity %zu\n", key, bind_cap);
	printf("%s_peak_rss_kib %ld\n", key, peak_rss_kib());
	fflush(stdout);
}

/* The largest difference of two runs' shadow prices (capacity, land,
** energy). */
static double max_dual_diff(const struct ec_alloc_result *a, const struct ec_alloc_result *b)
{
	double d = 0;

	for (size_t f = 0; f < a->nfunds; f++)
		d = fmax(d, fabs(a->fund_capacity_dual[f] - b->fund_capacity_dual[f]));
	for (size_t g = 0; g < a->nregions; g++) {
		d = fmax(d, fabs(a->land_dual[g] - b->land_dual[g]));
		d = fmax(d, fabs(a->energy_dual[g] - b->energy_dual[g]));
	}
	return d;
}

/* Runs ec_allocate on solver (mip 0 or 1) and reports it under key and
** <solver>_<key>; the result is kept in *r. */
static void run_alloc(const struct ec_alloc_problem *pb, enum ec_alloc_solver solver, int mip, double time_limit,
		      int first, const char *key, struct ec_alloc_result *r)
{
	struct ec_alloc_options o;
	char *err = NULL, named[64];
	double t0, c0;

	ec_alloc_options_init(&o);
	o.mip = mip;
	o.solver = solver;
	o.time_limit_s = time_limit;
	t0 = now();
	c0 = cpu_now();
	if (ec_allocate(pb, &o, r, &err) != EC_OK) {
		fprintf(stderr, "bench_allocate: %s (%s): %s\n", key, ec_alloc_solver_name(solver), err);
		exit(1);
	}
	t0 = now() - t0;
	c0 = cpu_now() - c0;
	if (first)
		report_alloc(key, r, t0);
	snprintf(named, sizeof named, "%s_%s", ec_alloc_solver_name(solver), key);
	report_alloc(named, r, t0);
	printf("%s_cpu_s %.3f\n", named, c0);
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		die(path);
	return f;
}

/* "coin", "glpk", "coin,glpk" or "glpk,coin" into out; returns how many,
** or 0 for anything else. */
static size_t parse_solvers(const char *list, enum ec_alloc_solver out[2])
{
	char first[16];
	const char *comma = strchr(list, ',');
	size_t n = comma ? (size_t)(comma - list) : strlen(list);

	if (n >= sizeof first)
		return 0;
	memcpy(first, list, n);
	first[n] = '\0';
	if (ec_alloc_solver_parse(first, &out[0]) != EC_OK)
		return 0;
	if (!comma)
		return 1;
	if (ec_alloc_solver_parse(comma + 1, &out[1]) != EC_OK || out[1] == out[0])
		return 0;
	return 2;
}

int main(int argc, char **argv)
{
	size_t np = 10000, nf = 500, nc;
	uint64_t seed = 7;
	double time_limit = 60, quota_share = 0.5;
	const char *out = NULL;
	int lists = 1, do_lp = 1, do_mip = 1, lean = 0;
	enum ec_alloc_solver solvers[2] = { EC_ALLOC_COIN, EC_ALLOC_GLPK };
	size_t nsolvers = 1;
	const char *mps = NULL;
	struct ec_catalog cat;
	struct ec_diag d;
	struct lists l;
	struct ec_project *projects;
	struct ec_fund *funds;
	struct ec_cluster *clusters;
	struct ec_match_input in;
	struct ec_match m;
	unsigned char *elig;
	double *score, t0, t;
	uint32_t *rank_f = NULL, *rank_p = NULL;
	size_t neligible = 0, ncoinvest_pairs = 0;
	int period = ec_period_make(last_period_year, last_period_month);
	struct ec_funding_problem x;
	struct ec_quota *quotas;
	size_t nquotas, model_pairs = 0, alloc_eligible = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--projects") && v)
			np = strtoull(v, NULL, 10), i++;
		else if (!strcmp(a, "--funds") && v)
			nf = strtoull(v, NULL, 10), i++;
		else if (!strcmp(a, "--seed") && v)
			seed = strtoull(v, NULL, 10), i++;
		else if (!strcmp(a, "--time-limit") && v)
			time_limit = strtod(v, NULL), i++;
		else if (!strcmp(a, "--quota-share") && v)
			quota_share = strtod(v, NULL), i++;
		else if (!strcmp(a, "--out") && v)
			out = v, i++;
		else if (!strcmp(a, "--no-lists"))
			lists = 0;
		else if (!strcmp(a, "--no-lp"))
			do_lp = 0;
		else if (!strcmp(a, "--no-mip"))
			do_mip = 0;
		else if (!strcmp(a, "--lean-lp"))
			lean = 1;
		else if (!strcmp(a, "--write-mps") && v)
			mps = v, i++;
		else if (!strcmp(a, "--solvers") && v && (nsolvers = parse_solvers(v, solvers)) > 0)
			i++;
		else {
			fprintf(stderr, "usage: bench_allocate [--projects N] [--funds F] [--seed S] [--time-limit S] "
					"[--quota-share Q] [--out DIR] [--no-lists] [--no-lp] [--no-mip] [--lean-lp] "
					"[--solvers coin,glpk] [--write-mps FILE]\n");
			return 2;
		}
	}
	if (!np || !nf)
		die("--projects and --funds must be > 0");
	rng_state = seed * 7919 + 17;

	ec_catalog_init(&cat);
	ec_diag_init(&d, 5);
	if (ec_catalog_load_builtin(&cat, &d) != EC_OK)
		die("cannot load the built-in catalogue");
	index_catalog(&cat, &l);

	t0 = now();
	nc = np / 125 < 8 ? 8 : np / 125; /* 80 clusters for 10 000 projects */
	clusters = calloc(nc, sizeof *clusters);
	make_clusters(&l, clusters, nc);
	projects = calloc(np, sizeof *projects);
	funds = calloc(nf, sizeof *funds);
	for (size_t i = 0; i < np; i++)
		make_project(&cat, &l, clusters, nc, i, period, &projects[i]);
	for (size_t i = 0; i < nf; i++)
		make_fund(&cat, &l, nf, i, &funds[i]);
	printf("projects %zu\nfunds %zu\nclusters %zu\n", np, nf, nc);
	{
		size_t open = 0, stage[EC_NSTAGES] = { 0 }, type[EC_NFUND_TYPES] = { 0 }, co = 0;
		for (size_t i = 0; i < np; i++)
			stage[projects[i].stage]++, open += projects[i].stage < EC_STAGE_COMPLETED;
		for (size_t i = 0; i < nf; i++)
			type[funds[i].type]++, co += funds[i].coinvest == EC_COINVEST_REQUIRES_GOVERNMENT;
		printf("open_projects %zu\n", open);
		printf("stages reserve %zu preparation %zu under_construction %zu completed %zu cancelled %zu\n",
		       stage[0], stage[1], stage[2], stage[3], stage[4]);
		printf("fund_types guidance %zu bank %zu insurance %zu vc_pe %zu industrial %zu coinvest %zu\n",
		       type[0], type[1], type[2], type[3], type[4], co);
	}
	printf("generate_s %.3f\n", now() - t0);
	fflush(stdout);

	memset(&in, 0, sizeof in);
	in.projects = projects;
	in.nprojects = np;
	in.funds = funds;
	in.nfunds = nf;
	in.clusters = clusters;
	in.nclusters = nc;
	in.priority_areas = PRIORITY_AREAS;
	ec_match_weights_default(&in.weights);

	/* (1) every pair with ec_match_one, fund by fund (as the command). */
	elig = calloc(nf * np, 1);
	score = calloc(nf * np, sizeof *score);
	t0 = now();
	for (size_t j = 0; j < nf; j++)
		for (size_t i = 0; i < np; i++) {
			if (ec_match_one(&in, i, j, &m) != EC_OK)
				die("ec_match_one failed");
			if (m.eligible) {
				elig[j * np + i] = 1;
				score[j * np + i] = m.score;
			}
		}
	t = now() - t0;
	for (size_t j = 0; j < nf; j++)
		for (size_t i = 0; i < np; i++)
			if (elig[j * np + i]) {
				neligible++;
				ncoinvest_pairs += funds[j].coinvest == EC_COINVEST_REQUIRES_GOVERNMENT;
			}
	printf("pairs %zu\n", nf * np);
	printf("eligible_pairs %zu\n", neligible);
	printf("eligible_coinvest_pairs %zu\n", ncoinvest_pairs);
	printf("match_one_s %.3f\n", t);
	printf("match_one_us_per_pair %.3f\n", t / (double)(nf * np) * 1e6);
	/* (1a) the same without the reasons: the allocation's path */
	{
		size_t differ = 0;
		t0 = now();
		for (size_t j = 0; j < nf; j++)
			for (size_t i = 0; i < np; i++) {
				if (ec_match_quick(&in, i, j, &m) != EC_OK)
					die("ec_match_quick failed");
				differ += m.eligible != elig[j * np + i] || (m.eligible && m.score != score[j * np + i]);
			}
		printf("match_quick_s %.3f\n", now() - t0);
		printf("match_quick_mismatch_vs_match_one %zu\n", differ);
	}
	printf("match_peak_rss_kib %ld\n", peak_rss_kib());
	fflush(stdout);

	/* (1b) the ranked lists both ways; checked against the matrix. */
	if (lists) {
		struct ec_match_list list;
		size_t mismatch = 0;
		double tf, tp;
		rank_f = calloc(nf * np, sizeof *rank_f);
		rank_p = calloc(nf * np, sizeof *rank_p);
		t0 = now();
		for (size_t j = 0; j < nf; j++) {
			if (ec_match_for_fund(&in, j, &list) != EC_OK)
				die("ec_match_for_fund failed");
			for (size_t k = 0; k < list.n; k++) {
				size_t c = j * np + list.items[k].project;
				rank_f[c] = (uint32_t)(k + 1);
				mismatch += !elig[c] || score[c] != list.items[k].score;
			}
			ec_match_list_release(&list);
		}
		tf = now() - t0;
		t0 = now();
		for (size_t i = 0; i < np; i++) {
			if (ec_match_for_project(&in, i, &list) != EC_OK)
				die("ec_match_for_project failed");
			for (size_t k = 0; k < list.n; k++) {
				size_t c = list.items[k].fund * np + i;
				rank_p[c] = (uint32_t)(k + 1);
				mismatch += !elig[c] || score[c] != list.items[k].score;
			}
			ec_match_list_release(&list);
		}
		tp = now() - t0;
		for (size_t c = 0; c < nf * np; c++)
			mismatch += elig[c] && (!rank_f[c] || !rank_p[c]);
		printf("lists_for_fund_s %.3f\n", tf);
		printf("lists_for_project_s %.3f\n", tp);
		printf("lists_s %.3f\n", tf + tp);
		printf("lists_mismatch_vs_match_one %zu\n", mismatch);
		printf("lists_peak_rss_kib %ld\n", peak_rss_kib());
		fflush(stdout);
	}

	if (out) {
		FILE *f = open_out(out, "projects.csv");
		fprintf(f, "idx,code,category,cluster,region,stage,total,f0,f1,f2,f3,f4,f5,cumulative\n");
		for (size_t i = 0; i < np; i++) {
			const struct ec_project *p = &projects[i];
			fprintf(f, "%zu,%s,%s,%s,%s,%d,%.17g", i, p->code, p->category, p->cluster, p->region, (int)p->stage,
				p->total_investment);
			for (int s = 0; s < EC_NSOURCES; s++)
				fprintf(f, ",%.17g", p->funding[s]);
			fprintf(f, ",%.17g\n", ec_project_cumulative(p, 1 << 30));
		}
		fclose(f);
		f = open_out(out, "funds.csv");
		fprintf(f, "idx,code,type,capital,categories,regions,stages,min_ticket,max_ticket,max_share,coinvest\n");
		for (size_t j = 0; j < nf; j++) {
			const struct ec_fund *u = &funds[j];
			fprintf(f, "%zu,%s,%d,%.17g,%s,%s,%u,%.17g,%.17g,%.17g,%d\n", j, u->code, (int)u->type, u->capital,
				u->categories, u->regions, u->stages, u->min_ticket, u->max_ticket, u->max_share,
				(int)u->coinvest);
		}
		fclose(f);
		f = open_out(out, "clusters.csv");
		fprintf(f, "code,tier\n");
		for (size_t k = 0; k < nc; k++)
			fprintf(f, "%s,%d\n", clusters[k].code, (int)clusters[k].tier);
		fclose(f);
		f = open_out(out, "matches.csv");
		fprintf(f, "project,fund,score,rank_f,rank_p\n");
		for (size_t j = 0; j < nf; j++)
			for (size_t i = 0; i < np; i++)
				if (elig[j * np + i])
					fprintf(f, "%zu,%zu,%.17g,%u,%u\n", i, j, score[j * np + i], rank_f ? rank_f[j * np + i] : 0,
						rank_p ? rank_p[j * np + i] : 0);
		fclose(f);
		printf("priority_areas %s\n", PRIORITY_AREAS);
	}
	free(rank_f);
	free(rank_p);

	/* (2), (3) the allocation, on the problem the command builds. */
	{
		struct ec_funding fu = { projects, np, funds, nf, clusters, nc };
		char *err = NULL;

		quotas = make_quotas(projects, np, quota_share, &nquotas);
		t0 = now();
		if (ec_funding_problem_build(&fu, &cat, period, PRIORITY_AREAS, quotas, nquotas, &x, &err) != EC_OK) {
			fprintf(stderr, "bench_allocate: ec_funding_problem_build: %s\n", err);
			return 1;
		}
		printf("build_s %.3f\n", now() - t0);
	}
	for (size_t j = 0; j < nf; j++) {
		for (size_t k = 0; k < x.problem.nprojects; k++) {
			double u = ec_alloc_pair_cap(&x.projects[k], &x.funds[j]);
			int e = x.eligible[j * x.problem.nprojects + k];
			alloc_eligible += e;
			model_pairs += e && u > 0 && u >= x.funds[j].min_ticket;
		}
	}
	printf("alloc_projects %zu\nalloc_regions %zu\nalloc_eligible_pairs %zu\n", x.problem.nprojects,
	       x.problem.nregions, alloc_eligible);
	printf("alloc_model_pairs %zu\n", model_pairs);
	printf("quota_share %g\n", quota_share);
	fflush(stdout);
	if (mps) {
		/* the model only: the solve after it is cut short */
		struct ec_alloc_options o;
		struct ec_alloc_result r;
		FILE *f = fopen(mps, "w");
		char *err = NULL;
		int rc;
		if (!f)
			die(mps);
		ec_alloc_options_init(&o);
		o.write_mps = f;
		o.time_limit_s = 0.001;
		rc = ec_allocate(&x.problem, &o, &r, &err);
		if (fclose(f) != 0 || (rc != EC_OK && rc != EC_ELIMIT)) {
			fprintf(stderr, "bench_allocate: --write-mps: %s\n", err ? err : mps);
			return 1;
		}
		if (rc == EC_OK)
			ec_alloc_result_release(&r);
		free(err);
		printf("mps %s\n", mps);
	}
	if (do_mip)
		printf("mip_time_limit_s %g\n", time_limit);
	{
		struct ec_alloc_result lp[2], mip[2];
		for (size_t i = 0; i < nsolvers; i++) {
			printf("solver %s\n", ec_alloc_solver_name(solvers[i]));
			fflush(stdout);
			if (do_lp)
				run_alloc(&x.problem, solvers[i], 0, time_limit, i == 0, "lp", &lp[i]);
			if (do_mip)
				run_alloc(&x.problem, solvers[i], 1, time_limit, i == 0, "mip", &mip[i]);
		}
		if (nsolvers == 2 && do_lp) {
			printf("solvers_lp_bound_diff %.9g\n", fabs(lp[0].lp_bound - lp[1].lp_bound));
			printf("solvers_lp_dual_max_diff %.9g\n", max_dual_diff(&lp[0], &lp[1]));
		}
		if (nsolvers == 2 && do_mip)
			printf("solvers_mip_dual_max_diff %.9g\n", max_dual_diff(&mip[0], &mip[1]));
		for (size_t i = 0; i < nsolvers; i++) {
			if (do_lp)
				ec_alloc_result_release(&lp[i]);
			if (do_mip)
				ec_alloc_result_release(&mip[i]);
		}
	}
	if (lean) {
		/* The same LP without the binaries: no minimum tickets and no
		** co-investment rule, so ec_allocate adds no y columns and no
		** link rows. Its bound equals the LP relaxation's unless a
		** co-investment row binds there. */
		struct ec_alloc_options o;
		struct ec_alloc_result r;
		char *err = NULL;
		for (size_t j = 0; j < nf; j++) {
			/* drop the pairs ec_allocate leaves out (cap below the minimum ticket) */
			for (size_t k = 0; k < x.problem.nprojects; k++) {
				double u = ec_alloc_pair_cap(&x.projects[k], &x.funds[j]);
				if (u <= 0 || u < x.funds[j].min_ticket)
					x.eligible[j * x.problem.nprojects + k] = 0;
			}
			x.funds[j].min_ticket = 0;
			x.funds[j].needs_government_coinvestor = 0;
		}
		ec_alloc_options_init(&o);
		o.mip = 0;
		o.solver = solvers[0];
		t0 = now();
		if (ec_allocate(&x.problem, &o, &r, &err) != EC_OK) {
			fprintf(stderr, "bench_allocate: lean LP: %s\n", err);
			return 1;
		}
		report_alloc("lean_lp", &r, now() - t0);
		ec_alloc_result_release(&r);
	}
	ec_funding_problem_release(&x);
	free(quotas);
	printf("peak_rss_kib %ld\n", peak_rss_kib());
	return 0;
}
