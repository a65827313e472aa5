/*
** The demo's project library and fund registry, generated over plain data:
** key SEI investment projects of the demo's enterprises, placed in its
** clusters, with funding plans, land and energy needs and monthly progress
** (some on plan, some lagging, some stalled); and funds of every type with
** their mandates. The records go to the caller through a sink; no store.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/demo.h"

/* A splitmix64 stream: deterministic everywhere. */
struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static double uniform(struct rng *r)
{
	return (double)(next(r) >> 11) / 9007199254740992.0;
}

static double normal(struct rng *r)
{
	double u = uniform(r), v = uniform(r);
	return sqrt(-2 * log(u > 1e-300 ? u : 1e-300)) * cos(6.283185307179586 * v);
}

/* The most specific cluster of clusters[0..n) whose regions and
** categories hold the enterprise, or "". */
static const char *cluster_of(const struct ec_cluster *clusters, size_t n, const struct ec_enterprise *e)
{
	const char *best = "";
	int best_tier = -1;

	for (size_t i = 0; i < n; i++) {
		const struct ec_cluster *c = &clusters[i];
		int in_region = 0, in_cat = 0;
		for (const char *p = c->regions; *p && !in_region;) {
			size_t len = strcspn(p, ";");
			char code[8], pre[7];
			snprintf(code, sizeof code, "%.*s", (int)(len > 6 ? 6 : len), p);
			ec_region_prefix(code, pre);
			in_region = strncmp(e->region, pre, strlen(pre)) == 0;
			p += len + (p[len] == ';');
		}
		for (const char *p = c->categories; *p && in_region && !in_cat;) {
			size_t len = strcspn(p, ";");
			in_cat = strncmp(e->sei_primary, p, len) == 0 && (e->sei_primary[len] == '\0' || e->sei_primary[len] == '.');
			p += len + (p[len] == ';');
		}
		if (in_region && in_cat && (int)c->tier > best_tier)
			best = c->code, best_tier = (int)c->tier;
	}
	return best;
}

/* The funding plan of p of total: own funds, bank loans, social capital,
** guidance funds and budget, short of the total in a third of the
** projects; and its land and energy needs. */
static void draw_funding(struct rng *r, double total, struct ec_project *p)
{
	double share[EC_NSOURCES], sum = 0;

	share[EC_SRC_GOVERNMENT_BUDGET] = p->kind != EC_KIND_INDUSTRIAL ? 0.2 : 0.02;
	share[EC_SRC_GUIDANCE_FUND] = 0.05 + 0.1 * uniform(r);
	share[EC_SRC_BANK_LOANS] = 0.2 + 0.2 * uniform(r);
	share[EC_SRC_BONDS] = uniform(r) < 0.2 ? 0.1 : 0;
	share[EC_SRC_SOCIAL_CAPITAL] = 0.1 + 0.2 * uniform(r);
	share[EC_SRC_OWN_FUNDS] = 0.2 + 0.2 * uniform(r);
	for (int k = 0; k < EC_NSOURCES; k++)
		sum += share[k];
	for (int k = 0; k < EC_NSOURCES; k++)
		p->funding[k] = floor(total * share[k] / sum * (uniform(r) < 0.33 ? 0.8 : 1.0) / 100) * 100;
	p->land_mu = floor(total / 2000 * (0.5 + uniform(r)));
	p->energy_tce = floor(total / 500 * (0.3 + uniform(r)));
}

/* Progress month by month from the start up to last_period, at a pace of
** its own, stopping a third of the way in when stalled; then the stage
** that follows from it. */
static void draw_progress(struct rng *r, double total, int duration, int stalled, int last_period,
			  struct ec_project *p)
{
	double pace = 0.6 + 0.6 * uniform(r), cumulative = 0;

	for (int m = p->start; m <= last_period && m <= p->end + 6; m++) {
		double amount = total / duration * pace * (0.6 + 0.8 * uniform(r));
		if (stalled && m > p->start + duration / 3)
			amount = 0;
		if (cumulative + amount > total)
			amount = total - cumulative;
		if (amount <= 0)
			continue;
		amount = floor(amount);
		if (ec_project_record_completed(p, m, amount, NULL) == EC_OK)
			cumulative += amount;
	}
	p->stage = p->start > last_period ? EC_STAGE_PREPARATION
		   : cumulative >= 0.95 * total ? EC_STAGE_COMPLETED
		   : cumulative > 0 ? EC_STAGE_UNDER_CONSTRUCTION : EC_STAGE_PREPARATION;
	if (uniform(r) < 0.03 && p->stage != EC_STAGE_COMPLETED)
		p->stage = EC_STAGE_CANCELLED;
}

/* Project i (0-based) of an owner drawn from owners[0..nowners), in the
** most specific cluster that holds it. p is initialised here; the caller
** releases it. */
static void draw_project(struct rng *r, size_t i, const struct ec_enterprise *owners, size_t nowners,
			 const struct ec_cluster *clusters, size_t nclusters, int last_period, struct ec_project *p)
{
	const struct ec_enterprise *e = &owners[next(r) % nowners];
	double total = exp(11.5 + 1.1 * normal(r));
	int duration = 12 + (int)(next(r) % 37), stalled = uniform(r) < 0.08;
	int start = last_period - 42 + (int)(next(r) % 40);

	if (total < 20000)
		total = 20000;
	total = floor(total / 100) * 100;
	ec_project_init(p);
	snprintf(p->code, sizeof p->code, "P%05zu", i + 1);
	snprintf(p->name, sizeof p->name, "%.120s%s项目", e->name,
		 i % 3 == 0 ? "扩产" : i % 3 == 1 ? "研发中心建设" : "智能化改造");
	snprintf(p->owner, sizeof p->owner, "%s", e->uscc);
	snprintf(p->category, sizeof p->category, "%s", e->sei_primary);
	snprintf(p->cluster, sizeof p->cluster, "%s", cluster_of(clusters, nclusters, e));
	snprintf(p->region, sizeof p->region, "%s", e->region);
	p->kind = p->cluster[0] && uniform(r) < 0.25 ? (enum ec_project_kind)(1 + next(r) % 4) /* not digital transformation */ : EC_KIND_INDUSTRIAL;
	p->total_investment = total;
	p->start = start;
	p->end = start + duration - 1;
	draw_funding(r, total, p);
	draw_progress(r, total, duration, stalled, last_period, p);
}

static const char *const prov_names[] = { "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
					  "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
					  "51", "52", "53", "54", "61", "62", "63", "64", "65" };
#define NPROV (sizeof prov_names / sizeof prov_names[0])

/* Fund i (0-based): the first 31 are the provinces' guidance funds, the
** others banks, insurers, VC/PE and industrial capital, each with an SEI
** area (one of nareas) as its target. */
static void draw_fund(struct rng *r, size_t i, const struct ec_catalog *cat, size_t nareas, struct ec_fund *f)
{
	const struct ec_category *area = NULL;
	double u = uniform(r);

	ec_fund_init(f);
	snprintf(f->code, sizeof f->code, "F%04zu", i + 1);
	f->type = i < NPROV ? EC_FUND_GOVERNMENT_GUIDANCE : u < 0.15 ? EC_FUND_BANK : u < 0.25 ? EC_FUND_INSURANCE
		  : u < 0.8 ? EC_FUND_VC_PE : EC_FUND_INDUSTRIAL_CAPITAL;
	if (i < NPROV) {
		/* one provincial guidance fund per province */
		const struct ec_region *pr;
		char code[8];
		snprintf(code, sizeof code, "%s0000", prov_names[i]);
		pr = ec_catalog_find_region(cat, code, 6);
		snprintf(f->name, sizeof f->name, "%s战略性新兴产业引导基金", pr ? pr->name_zh : code);
		snprintf(f->regions, sizeof f->regions, "%s", prov_names[i]);
		f->capital = floor(exp(14.5 + 0.6 * normal(r)) / 1000) * 1000;
		f->min_ticket = 5000;
		f->max_ticket = 300000;
		f->max_share = 0.2;
	} else {
		size_t pick = next(r) % (nareas ? nareas : 1), seen = 0;
		for (size_t k = 0; k < cat->ncategories && !area; k++)
			if (cat->categories[k].level == 1 && seen++ == pick)
				area = &cat->categories[k];
		snprintf(f->name, sizeof f->name, "%s%s基金%zu", area ? area->name_zh : "",
			 f->type == EC_FUND_BANK ? "银行专项贷款" : f->type == EC_FUND_INSURANCE ? "保险债权投资计划"
			 : f->type == EC_FUND_VC_PE ? "创业投资" : "产业投资", i + 1);
		if (area && f->type != EC_FUND_BANK)
			snprintf(f->categories, sizeof f->categories, "%s", area->code);
		f->capital = floor(exp(13.5 + 0.9 * normal(r)) / 1000) * 1000;
		f->min_ticket = f->type == EC_FUND_VC_PE ? 2000 : 10000;
		f->max_ticket = f->type == EC_FUND_BANK ? 800000 : f->type == EC_FUND_VC_PE ? 100000 : 300000;
		f->max_share = f->type == EC_FUND_BANK ? 0.5 : 0.3;
		if (f->type == EC_FUND_VC_PE && uniform(r) < 0.3)
			f->coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;
		if (f->type == EC_FUND_VC_PE)
			f->stages = (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION);
	}
	if (f->capital < f->min_ticket * 10)
		f->capital = f->min_ticket * 10;
}

int ec_demo_projects(const struct ec_catalog *cat, uint64_t seed, const struct ec_enterprise *owners, size_t nowners,
		     const struct ec_cluster *clusters, size_t nclusters, size_t nprojects, size_t nfunds,
		     int last_period, const struct ec_demo_project_sink *sink)
{
	struct rng r = { seed * 7919 + 17 };
	size_t nareas = 0;
	int rc;

	if (nowners == 0)
		return EC_ENOTFOUND;
	for (size_t i = 0; i < nprojects; i++) {
		struct ec_project p;
		draw_project(&r, i, owners, nowners, clusters, nclusters, last_period, &p);
		rc = sink->project(sink->ctx, &p);
		ec_project_release(&p);
		if (rc != 0)
			return rc;
	}
	for (size_t k = 0; k < cat->ncategories; k++)
		nareas += cat->categories[k].level == 1;
	for (size_t i = 0; i < nfunds; i++) {
		struct ec_fund f;
		draw_fund(&r, i, cat, nareas, &f);
		if ((rc = sink->fund(sink->ctx, &f)) != 0)
			return rc;
	}
	return 0;
}
