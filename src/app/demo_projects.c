/*
** The demo's project library and fund registry: key SEI investment
** projects of the demo's enterprises, placed in its clusters, with funding
** plans, land and energy needs and monthly progress (some on plan, some
** lagging, some stalled); and funds of every type with their mandates.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

/* xoshiro-style generator seeded by splitmix64: deterministic everywhere. */
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

struct firms {
	struct ec_enterprise *v;
	size_t n;
};

static int take_sei(void *ctx, const struct ec_enterprise *e)
{
	struct firms *f = ctx;
	if (!e->sei_primary[0])
		return 0;
	f->v = ec_realloc(f->v, (f->n + 1) * sizeof *f->v);
	f->v[f->n++] = *e;
	return 0;
}

struct registry {
	struct ec_cluster *v;
	size_t n;
};

static int take_cluster(void *ctx, const struct ec_cluster *c)
{
	struct registry *r = ctx;
	r->v = ec_realloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n++] = *c;
	return 0;
}

/* The most specific registered cluster whose regions and categories hold
** the enterprise, or "". */
static const char *cluster_of(const struct registry *reg, const struct ec_enterprise *e)
{
	const char *best = "";
	int best_tier = -1;

	for (size_t i = 0; i < reg->n; i++) {
		const struct ec_cluster *c = &reg->v[i];
		int in_region = 0, in_cat = 0;
		for (const char *p = c->regions; *p && !in_region;) {
			size_t n = strcspn(p, ";");
			char code[8], pre[7];
			snprintf(code, sizeof code, "%.*s", (int)(n > 6 ? 6 : n), p);
			ec_region_prefix(code, pre);
			in_region = strncmp(e->region, pre, strlen(pre)) == 0;
			p += n + (p[n] == ';');
		}
		for (const char *p = c->categories; *p && in_region && !in_cat;) {
			size_t n = strcspn(p, ";");
			in_cat = strncmp(e->sei_primary, p, n) == 0 && (e->sei_primary[n] == '\0' || e->sei_primary[n] == '.');
			p += n + (p[n] == ';');
		}
		if (in_region && in_cat && (int)c->tier > best_tier)
			best = c->code, best_tier = (int)c->tier;
	}
	return best;
}

static const char *const prov_names[] = { "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
					  "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
					  "51", "52", "53", "54", "61", "62", "63", "64", "65" };

int app_demo_projects(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, size_t nprojects,
		      size_t nfunds, int last_period, struct ec_diag *d)
{
	struct ec_store *s = app->store;
	struct firms firms = { NULL, 0 };
	struct registry reg = { NULL, 0 };
	struct rng r = { seed * 7919 + 17 };
	int rc = EC_OK;

	if (ec_store_enterprise_each(s, take_sei, &firms) != EC_OK || ec_store_cluster_each(s, take_cluster, &reg) != EC_OK) {
		free(firms.v);
		free(reg.v);
		return app_store_failed(app, d);
	}
	if (firms.n == 0) {
		ec_diag_add(d, "demo projects: no SEI enterprises to own projects");
		free(reg.v);
		return EC_ENOTFOUND;
	}
	for (size_t i = 0; i < nprojects; i++) {
		const struct ec_enterprise *e = &firms.v[next(&r) % firms.n];
		struct ec_project p;
		double total = exp(11.5 + 1.1 * normal(&r)), share[EC_NSOURCES], sum = 0, pace, cumulative = 0;
		int duration = 12 + (int)(next(&r) % 37), stalled = uniform(&r) < 0.08;
		int start = last_period - 42 + (int)(next(&r) % 40);
		char why[160];

		if (total < 20000)
			total = 20000;
		total = floor(total / 100) * 100;
		ec_project_init(&p);
		snprintf(p.code, sizeof p.code, "P%05zu", i + 1);
		snprintf(p.name, sizeof p.name, "%.120s%s项目", e->name,
			 i % 3 == 0 ? "扩产" : i % 3 == 1 ? "研发中心建设" : "智能化改造");
		snprintf(p.owner, sizeof p.owner, "%s", e->uscc);
		snprintf(p.category, sizeof p.category, "%s", e->sei_primary);
		snprintf(p.cluster, sizeof p.cluster, "%s", cluster_of(&reg, e));
		snprintf(p.region, sizeof p.region, "%s", e->region);
		p.kind = p.cluster[0] && uniform(&r) < 0.25 ? (enum ec_project_kind)(1 + next(&r) % 4) : EC_KIND_INDUSTRIAL;
		p.total_investment = total;
		p.start = start;
		p.end = start + duration - 1;
		/* The funding plan: own funds, bank loans, social capital,
		** guidance funds and budget, short of the total in a third of
		** the projects. */
		share[EC_SRC_GOVERNMENT_BUDGET] = p.kind != EC_KIND_INDUSTRIAL ? 0.2 : 0.02;
		share[EC_SRC_GUIDANCE_FUND] = 0.05 + 0.1 * uniform(&r);
		share[EC_SRC_BANK_LOANS] = 0.2 + 0.2 * uniform(&r);
		share[EC_SRC_BONDS] = uniform(&r) < 0.2 ? 0.1 : 0;
		share[EC_SRC_SOCIAL_CAPITAL] = 0.1 + 0.2 * uniform(&r);
		share[EC_SRC_OWN_FUNDS] = 0.2 + 0.2 * uniform(&r);
		for (int k = 0; k < EC_NSOURCES; k++)
			sum += share[k];
		for (int k = 0; k < EC_NSOURCES; k++)
			p.funding[k] = floor(total * share[k] / sum * (uniform(&r) < 0.33 ? 0.8 : 1.0) / 100) * 100;
		p.land_mu = floor(total / 2000 * (0.5 + uniform(&r)));
		p.energy_tce = floor(total / 500 * (0.3 + uniform(&r)));
		/* Progress month by month up to the last period. */
		pace = 0.6 + 0.6 * uniform(&r);
		for (int m = start; m <= last_period && m <= p.end + 6; m++) {
			double amount = total / duration * pace * (0.6 + 0.8 * uniform(&r));
			if (stalled && m > start + duration / 3)
				amount = 0;
			if (cumulative + amount > total)
				amount = total - cumulative;
			if (amount <= 0)
				continue;
			amount = floor(amount);
			if (ec_project_record_completed(&p, m, amount, why, sizeof why) == EC_OK)
				cumulative += amount;
		}
		p.stage = start > last_period ? EC_STAGE_PREPARATION
			  : cumulative >= 0.95 * total ? EC_STAGE_COMPLETED
			  : cumulative > 0 ? EC_STAGE_UNDER_CONSTRUCTION : EC_STAGE_PREPARATION;
		if (uniform(&r) < 0.03 && p.stage != EC_STAGE_COMPLETED)
			p.stage = EC_STAGE_CANCELLED;
		if (ec_store_project_put(s, &p) != EC_OK) {
			ec_project_release(&p);
			goto io;
		}
		ec_project_release(&p);
	}
	for (size_t i = 0; i < nfunds; i++) {
		struct ec_fund f;
		const struct ec_category *area = NULL;
		double u = uniform(&r);
		size_t areas = 0;
		for (size_t k = 0; k < cat->ncategories; k++)
			areas += cat->categories[k].level == 1;
		ec_fund_init(&f);
		snprintf(f.code, sizeof f.code, "F%04zu", i + 1);
		f.type = i < 31 ? EC_FUND_GOVERNMENT_GUIDANCE : u < 0.15 ? EC_FUND_BANK : u < 0.25 ? EC_FUND_INSURANCE
			 : u < 0.8 ? EC_FUND_VC_PE : EC_FUND_INDUSTRIAL_CAPITAL;
		if (i < 31) {
			/* one provincial guidance fund per province */
			const struct ec_region *pr;
			char code[8];
			snprintf(code, sizeof code, "%s0000", prov_names[i]);
			pr = ec_catalog_find_region(cat, code, 6);
			snprintf(f.name, sizeof f.name, "%s战略性新兴产业引导基金", pr ? pr->name_zh : code);
			snprintf(f.regions, sizeof f.regions, "%s", prov_names[i]);
			f.capital = floor(exp(14.5 + 0.6 * normal(&r)) / 1000) * 1000;
			f.min_ticket = 5000;
			f.max_ticket = 300000;
			f.max_share = 0.2;
		} else {
			size_t pick = next(&r) % (areas ? areas : 1), seen = 0;
			for (size_t k = 0; k < cat->ncategories && !area; k++)
				if (cat->categories[k].level == 1 && seen++ == pick)
					area = &cat->categories[k];
			snprintf(f.name, sizeof f.name, "%s%s基金%zu", area ? area->name_zh : "",
				 f.type == EC_FUND_BANK ? "银行专项贷款" : f.type == EC_FUND_INSURANCE ? "保险债权投资计划"
				 : f.type == EC_FUND_VC_PE ? "创业投资" : "产业投资", i + 1);
			if (area && f.type != EC_FUND_BANK)
				snprintf(f.categories, sizeof f.categories, "%s", area->code);
			f.capital = floor(exp(13.5 + 0.9 * normal(&r)) / 1000) * 1000;
			f.min_ticket = f.type == EC_FUND_VC_PE ? 2000 : 10000;
			f.max_ticket = f.type == EC_FUND_BANK ? 800000 : f.type == EC_FUND_VC_PE ? 100000 : 300000;
			f.max_share = f.type == EC_FUND_BANK ? 0.5 : 0.3;
			if (f.type == EC_FUND_VC_PE && uniform(&r) < 0.3)
				f.coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;
			if (f.type == EC_FUND_VC_PE)
				f.stages = (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION);
		}
		if (f.capital < f.min_ticket * 10)
			f.capital = f.min_ticket * 10;
		if (ec_store_fund_put(s, &f) != EC_OK)
			goto io;
	}
	goto out;
io:
	rc = app_store_failed(app, d);
out:
	free(firms.v);
	free(reg.v);
	return rc;
}
