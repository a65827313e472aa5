/*
** This is the implementation of the project library's views: progress,
** alerts, matches and the allocation, read from the store (its list calls)
** and shaped into tables for the command and the API.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/digital.h"
#include "echelon/funding.h"
#include "echelon/problem.h"
#include "echelon/store.h"
#include "lib/strmap.h"

/* The latest submitted level of each enterprise: the questionnaires come by
** uscc, year and edition, so the last one put is the latest. */
static int take_level(void *ctx, const struct ec_digital_assessment *a)
{
	if (a->state == EC_DIGITAL_SUBMITTED)
		ec_strmap_put(ctx, a->uscc, strlen(a->uscc), a->level);
	return 0;
}

static int owner_levels(struct ec_store *s, struct ec_funding *f)
{
	struct ec_strmap *levels = ec_strmap_new(0);
	int rc = ec_store_digital_each(s, NULL, take_level, levels);

	f->owner_levels = ec_malloc(f->nprojects + 1);
	memset(f->owner_levels, -1, f->nprojects + 1);
	for (size_t i = 0; rc == EC_OK && i < f->nprojects; i++) {
		int64_t level;
		const char *owner = f->projects[i].owner;
		if (ec_strmap_get(levels, owner, strlen(owner), &level))
			f->owner_levels[i] = (signed char)level;
	}
	ec_strmap_free(levels);
	return rc;
}

int ec_funding_load(struct ec_store *s, struct ec_funding *out, char **err)
{
	*err = NULL;
	memset(out, 0, sizeof *out);
	/* One read transaction: one state of the library, and one lock
	** taken rather than one per statement (a project's plan, progress and
	** revisions are three statements each). */
	if (ec_store_begin_read(s) != EC_OK) {
		*err = ec_strdup(ec_store_errmsg(s));
		return EC_EIO;
	}
	if (ec_store_project_list(s, &out->projects, &out->nprojects) != EC_OK ||
	    ec_store_fund_list(s, &out->funds, &out->nfunds) != EC_OK ||
	    ec_store_cluster_list(s, &out->clusters, &out->nclusters) != EC_OK || owner_levels(s, out) != EC_OK) {
		*err = ec_strdup(ec_store_errmsg(s));
		ec_store_rollback(s);
		ec_funding_release(out);
		return EC_EIO;
	}
	ec_store_commit(s);
	return EC_OK;
}

void ec_funding_release(struct ec_funding *f)
{
	ec_store_project_list_free(f->projects, f->nprojects);
	free(f->funds);
	free(f->clusters);
	free(f->owner_levels);
	memset(f, 0, sizeof *f);
}

int ec_funding_latest_period(const struct ec_funding *f)
{
	int period = -1;

	for (size_t i = 0; i < f->nprojects; i++) {
		const struct ec_project *p = &f->projects[i];
		if (p->ncompleted && p->completed[p->ncompleted - 1].period > period)
			period = p->completed[p->ncompleted - 1].period;
	}
	return period >= 0 ? period : ec_period_make(2021, 12);
}

static void fmtn(char *out, size_t size, double v)
{
	char text[32];

	if (isnan(v)) {
		out[0] = '\0';
		return;
	}
	ec_number_format(v, text);
	snprintf(out, size, "%s", text);
}

void ec_funding_progress(const struct ec_funding *f, int period, struct ec_table *t)
{
	static const char *const names[] = { "project", "name", "stage", "total", "cumulative", "completion_pct",
					     "planned_pct", "lag_pp", "idle_months" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };

	ec_table_init(t, 9, names, kinds);
	for (size_t i = 0; i < f->nprojects; i++) {
		const struct ec_project *p = &f->projects[i];
		struct ec_progress pr;
		char v[6][32];
		if (ec_project_progress(p, period, &pr) != EC_OK)
			continue;
		fmtn(v[0], 32, pr.total);
		fmtn(v[1], 32, pr.cumulative);
		fmtn(v[2], 32, pr.completion * 100);
		fmtn(v[3], 32, pr.planned * 100);
		fmtn(v[4], 32, pr.lag_pp);
		snprintf(v[5], 32, "%d", pr.idle_months);
		ec_table_addv(t, p->code, p->name, ec_stage_name(p->stage), v[0], v[1], v[2], v[3], v[4], v[5]);
	}
}

void ec_funding_alerts(const struct ec_funding *f, int period, const struct ec_alert_params *ap, struct ec_table *t)
{
	static const char *const names[] = { "project", "kind", "value", "message" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_alert_list list;

	ec_table_init(t, 4, names, kinds);
	ec_alert_list_init(&list);
	for (size_t i = 0; i < f->nprojects; i++)
		ec_project_alerts(&f->projects[i], period, ap, &list);
	for (size_t i = 0; i < list.n; i++) {
		char v[32];
		fmtn(v, sizeof v, list.items[i].value);
		ec_table_addv(t, list.items[i].project, ec_alert_kind_name(list.items[i].kind), v, list.items[i].message);
	}
	ec_alert_list_release(&list);
}

/* The matching of the library at period (EC_PERIOD_ALL: all the progress)
** with the priority areas (may be NULL). */
static void match_input(const struct ec_funding *f, int period, const char *priority_areas,
			struct ec_match_input *in)
{
	memset(in, 0, sizeof *in);
	in->period = period;
	in->priority_areas = priority_areas;
	in->projects = f->projects;
	in->nprojects = f->nprojects;
	in->funds = f->funds;
	in->nfunds = f->nfunds;
	in->clusters = f->clusters;
	in->nclusters = f->nclusters;
	in->owner_levels = f->owner_levels;
	ec_match_weights_default(&in->weights);
}

int ec_funding_matches(const struct ec_funding *f, const char *fund_code, const char *project_code, int period,
		       const char *priority_areas, struct ec_table *t, char **err)
{
	static const char *const names[] = { "project", "fund", "score", "open_gap", "reasons" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_match_input in;
	struct ec_match_list list = { NULL, 0 };
	size_t k;

	*err = NULL;
	ec_table_init(t, 5, names, kinds);
	match_input(f, period < 0 ? ec_funding_latest_period(f) : period, priority_areas, &in);
	if (fund_code) {
		for (k = 0; k < f->nfunds && strcmp(f->funds[k].code, fund_code); k++)
			;
		if (k == f->nfunds) {
			*err = ec_asprintf("no fund '%s'", fund_code);
			return EC_ENOTFOUND;
		}
		ec_match_for_fund(&in, k, &list);
	} else {
		for (k = 0; k < f->nprojects && strcmp(f->projects[k].code, project_code); k++)
			;
		if (k == f->nprojects) {
			*err = ec_asprintf("no project '%s'", project_code);
			return EC_ENOTFOUND;
		}
		ec_match_for_project(&in, k, &list);
	}
	for (size_t i = 0; i < list.n; i++) {
		const struct ec_match *m = &list.items[i];
		struct ec_buf reasons;
		char score[32], gap[32];
		ec_buf_init(&reasons, 0);
		for (size_t r = 0; r < m->nreasons; r++)
			ec_buf_printf(&reasons, "%s%s", r ? "; " : "", m->reasons[r]);
		fmtn(score, sizeof score, m->score);
		fmtn(gap, sizeof gap, m->open_gap);
		ec_table_addv(t, m->project_code, m->fund_code, score, gap, reasons.data ? reasons.data : "");
		ec_buf_release(&reasons);
	}
	ec_match_list_release(&list);
	return EC_OK;
}

int ec_quota_problem(const struct ec_catalog *cat, const struct ec_quota *q, const struct ec_quota *before, size_t n,
		     struct ec_problem *why)
{
	const struct ec_region *r = ec_catalog_find_region(cat, q->region, strlen(q->region));
	char value[32];

	if (!r || r->level != EC_PROVINCE) {
		ec_problem_set(why, "quota.not_province", NULL, "value", q->region, NULL);
		return EC_EDATA;
	}
	if (isnan(q->land_mu) && isnan(q->energy_tce)) {
		ec_problem_set(why, "quota.none", NULL, "region", q->region, NULL);
		return EC_EDATA;
	}
	if (!isnan(q->land_mu) && !(isfinite(q->land_mu) && q->land_mu >= 0)) {
		snprintf(value, sizeof value, "%g", q->land_mu);
		ec_problem_set(why, "quota.land_negative", NULL, "value", value, NULL);
		return EC_EDATA;
	}
	if (!isnan(q->energy_tce) && !(isfinite(q->energy_tce) && q->energy_tce >= 0)) {
		snprintf(value, sizeof value, "%g", q->energy_tce);
		ec_problem_set(why, "quota.energy_negative", NULL, "value", value, NULL);
		return EC_EDATA;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(before[i].region, q->region)) {
			ec_problem_set(why, "quota.twice", NULL, "region", q->region, NULL);
			return EC_EDATA;
		}
	return EC_OK;
}

int ec_quota_check(const struct ec_catalog *cat, const struct ec_quota *q, const struct ec_quota *before, size_t n,
		   char *why, size_t size)
{
	struct ec_problem p;

	if (ec_quota_problem(cat, q, before, n, &p) == EC_OK)
		return EC_OK;
	ec_problem_english(&p, why, size);
	ec_problem_release(&p);
	return EC_EDATA;
}

void ec_funding_problem_release(struct ec_funding_problem *fp)
{
	free(fp->project_index);
	free(fp->region_code);
	free(fp->projects);
	free(fp->funds);
	free(fp->regions);
	free(fp->eligible);
	memset(fp, 0, sizeof *fp);
}

int ec_funding_problem_build(const struct ec_funding *f, const struct ec_catalog *cat, int period,
			     const char *priority_areas, const struct ec_quota *quotas, size_t nquotas,
			     struct ec_funding_problem *out, char **err)
{
	struct ec_funding_problem fp;
	struct ec_match_input in;
	size_t n = 0, nreg = 0;
	char why[256];

	*err = NULL;
	memset(out, 0, sizeof *out);
	if (ec_match_areas_check(cat, priority_areas, why, sizeof why) != EC_OK) {
		*err = ec_asprintf("priority areas: %s", why);
		return EC_EUSAGE;
	}
	if (period == 0) /* as matching reads it */
		period = EC_PERIOD_ALL;
	memset(&fp, 0, sizeof fp);
	fp.project_index = ec_malloc((f->nprojects + 1) * sizeof *fp.project_index);
	fp.region_code = ec_malloc((f->nprojects + 1) * sizeof *fp.region_code);
	for (size_t i = 0; i < f->nprojects; i++)
		if (ec_stage_open(f->projects[i].stage))
			fp.project_index[n++] = i;
	fp.projects = ec_calloc(n + 1, sizeof *fp.projects);
	fp.funds = ec_calloc(f->nfunds + 1, sizeof *fp.funds);
	fp.regions = ec_calloc(n + 1, sizeof *fp.regions);
	fp.eligible = ec_calloc(f->nfunds * n + 1, 1);
	match_input(f, period, priority_areas, &in);
	for (size_t k = 0; k < n; k++) {
		const struct ec_project *p = &f->projects[fp.project_index[k]];
		struct ec_alloc_project *pj = &fp.projects[k];
		char prov[8];
		size_t r;

		snprintf(prov, sizeof prov, "%.2s0000", p->region);
		for (r = 0; r < nreg && strcmp(fp.region_code[r], prov); r++)
			;
		if (r == nreg)
			snprintf(fp.region_code[nreg++], 8, "%s", prov);
		pj->code = p->code;
		/* matching's priority and open gaps, the same numbers */
		pj->priority = ec_match_priority(&in, fp.project_index[k]);
		pj->region = r;
		ec_project_source_gaps(p, period, pj->gap);
		pj->total = p->total_investment;
		pj->land_mu = p->land_mu;
		pj->energy_tce = p->energy_tce;
		for (size_t j = 0; j < f->nfunds; j++) {
			struct ec_match m;
			fp.eligible[j * n + k] = ec_match_quick(&in, fp.project_index[k], j, &m) == EC_OK && m.eligible;
		}
	}
	for (size_t j = 0; j < f->nfunds; j++) {
		const struct ec_fund *x = &f->funds[j];
		struct ec_alloc_fund *fd = &fp.funds[j];

		fd->name = x->code;
		fd->type = x->type;
		fd->capacity = x->capital;
		fd->min_ticket = x->min_ticket;
		fd->max_ticket = x->max_ticket > 0 ? x->max_ticket : INFINITY;
		fd->max_share = x->max_share;
		fd->needs_government_coinvestor = x->coinvest == EC_COINVEST_REQUIRES_GOVERNMENT;
	}
	for (size_t r = 0; r < nreg; r++) {
		fp.regions[r].code = fp.region_code[r];
		fp.regions[r].land_quota_mu = NAN;
		fp.regions[r].energy_quota_tce = NAN;
		for (size_t q = 0; q < nquotas; q++)
			if (!strcmp(quotas[q].region, fp.region_code[r])) {
				fp.regions[r].land_quota_mu = quotas[q].land_mu;
				fp.regions[r].energy_quota_tce = quotas[q].energy_tce;
			}
	}
	fp.problem.nprojects = n;
	fp.problem.nfunds = f->nfunds;
	fp.problem.nregions = nreg;
	fp.problem.projects = fp.projects;
	fp.problem.funds = fp.funds;
	fp.problem.regions = fp.regions;
	fp.problem.eligible = fp.eligible;
	*out = fp;
	return EC_OK;
}

int ec_funding_allocate(const struct ec_funding *f, const struct ec_catalog *cat, int period,
			const char *priority_areas, const struct ec_quota *quotas, size_t nquotas, const struct ec_alloc_options *opts,
			struct ec_alloc_result *res, struct ec_table *plan, struct ec_table *lacking, struct ec_table *prices,
			char **err)
{
	static const char *const plan_names[] = { "fund", "fund_type", "project", "amount" };
	static const enum ec_col_kind plan_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };
	static const char *const lack_names[] = { "project", "source", "gap", "lacking" };
	static const enum ec_col_kind lack_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER };
	static const char *const price_names[] = { "constraint", "name", "bound", "shadow_price" };
	static const enum ec_col_kind price_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER };
	static const char *const bind_names[] = { "fund_capacity", "project_source", "land_quota", "energy_quota",
						  "project_required" };
	struct ec_funding_problem fp;
	size_t n;
	int rc;

	ec_table_init(plan, 4, plan_names, plan_kinds);
	ec_table_init(lacking, 4, lack_names, lack_kinds);
	ec_table_init(prices, 4, price_names, price_kinds);
	if ((rc = ec_funding_problem_build(f, cat, period, priority_areas, quotas, nquotas, &fp, err)) != EC_OK)
		return rc;
	n = fp.problem.nprojects;
	rc = ec_allocate(&fp.problem, opts, res, err);
	if (rc == EC_OK) {
		for (size_t j = 0; j < f->nfunds; j++)
			for (size_t k = 0; k < n; k++) {
				double a = res->amount[j * n + k];
				char v[32];
				if (a <= 1e-6)
					continue;
				fmtn(v, sizeof v, a);
				ec_table_addv(plan, f->funds[j].code, ec_fund_type_name(f->funds[j].type),
					      f->projects[fp.project_index[k]].code, v);
			}
		for (size_t k = 0; k < n; k++)
			for (int s = 0; s < EC_NSOURCES; s++) {
				char g[32], l[32];
				if (fp.projects[k].gap[s] <= 1e-6)
					continue;
				fmtn(g, sizeof g, fp.projects[k].gap[s]);
				fmtn(l, sizeof l, res->lacking[k * EC_NSOURCES + (size_t)s]);
				ec_table_addv(lacking, f->projects[fp.project_index[k]].code,
					      ec_source_name((enum ec_source)s), g, l);
			}
		for (size_t b = 0; b < res->nbinding; b++) {
			const struct ec_alloc_binding *x = &res->binding[b];
			char name[64], bound[32], dual[32];
			if (x->kind == EC_BIND_FUND_CAPACITY)
				snprintf(name, sizeof name, "%s", f->funds[x->index].code);
			else if (x->kind == EC_BIND_LAND_QUOTA || x->kind == EC_BIND_ENERGY_QUOTA)
				snprintf(name, sizeof name, "%s", fp.region_code[x->index]);
			else
				snprintf(name, sizeof name, "%s%s%s", f->projects[fp.project_index[x->index]].code,
					 x->kind == EC_BIND_PROJECT_SOURCE ? ":" : "",
					 x->kind == EC_BIND_PROJECT_SOURCE ? ec_source_name(x->source) : "");
			fmtn(bound, sizeof bound, x->bound);
			fmtn(dual, sizeof dual, x->dual);
			ec_table_addv(prices, bind_names[x->kind], name, bound, dual);
		}
	}
	ec_funding_problem_release(&fp);
	return rc;
}
