/*
** The SME digital level read across enterprises: an enterprise's history
** over the years, the benchmarks by region, SEI area, size class and
** cluster under the disclosure control, and "what next" for one
** enterprise (its percentile among its peers, its weakest dimensions with
** the recommended actions, the funds that fit). The computation is
** src/lib/digital_bench.c's; this file gathers the arrays it reads.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/cluster.h"
#include "echelon/project.h"
#include "echelon/scenario_app.h"
#include "echelon/sdc.h"
#include "echelon/uscc.h"

const char *const ec_digital_bench_bys[] = { "province", "prefecture", "area", "size", "cluster", NULL };
const char *const ec_digital_sizes[] = { "micro", "small", "medium", "large", "unknown", NULL };

/* ---- history ---- */

struct list_ctx {
	struct ec_digital_assessment *items;
	size_t n;
};

static int take_assessment(void *ctx, const struct ec_digital_assessment *a)
{
	struct list_ctx *l = ctx;

	l->items = ec_realloc(l->items, (l->n + 1) * sizeof *l->items);
	l->items[l->n++] = *a;
	return EC_OK;
}

static int check_uscc(const struct ec_actor *who, const char *uscc, struct ec_diag *d)
{
	struct ec_uscc_result u;
	int rc;

	if ((rc = app_allow(who, EC_MAY_DIGITAL, d)) != EC_OK)
		return rc;
	if (!uscc || ec_uscc_check(uscc, strlen(uscc), &u) != EC_OK) {
		ec_diag_problem(d, "uscc.invalid", NULL, 0, "uscc", "value", uscc ? uscc : "", NULL);
		return EC_EUSAGE;
	}
	if (who->role == EC_ROLE_ENTERPRISE && strcmp(who->scope, uscc) != 0) {
		ec_diag_problem(d, "digital.not_own", NULL, 0, "uscc", "uscc", uscc, NULL);
		return EC_EDENIED;
	}
	return EC_OK;
}

int ec_app_digital_history(struct ec_app *app, const struct ec_actor *who, const char *uscc,
			   struct ec_digital_assessment **items, size_t *n, struct ec_diag *d)
{
	struct list_ctx l = { NULL, 0 };
	int rc;

	*items = NULL;
	*n = 0;
	if ((rc = check_uscc(who, uscc, d)) != EC_OK)
		return rc;
	if (ec_store_digital_each(app->store, uscc, take_assessment, &l) != EC_OK) {
		free(l.items);
		return app_store_failed(app, d);
	}
	*items = l.items;
	*n = l.n;
	return EC_OK;
}

/* ---- what benchmarks read ---- */

/* One submitted assessment with what groups it. */
struct entry {
	struct ec_digital_assessment a;
	char region[8];
	char category[16];      /* primary SEI category, "" when not SEI */
	int size;               /* index into ec_digital_sizes */
	long firm;              /* index into the cluster data, -1 when not there */
};

struct gather {
	int year;
	const char *edition, *sector, *region;
	struct entry *items;
	size_t n, cap;
};

static int take_submitted(void *ctx, const struct ec_digital_assessment *a)
{
	struct gather *g = ctx;

	if (a->state != EC_DIGITAL_SUBMITTED || a->year != g->year || strcmp(a->edition, g->edition) != 0 ||
	    (g->sector && strcmp(a->sector, g->sector) != 0))
		return EC_OK;
	g->items = ec_grow(g->items, &g->cap, g->n, sizeof *g->items);
	memset(&g->items[g->n], 0, sizeof g->items[0]);
	g->items[g->n].a = *a;
	g->items[g->n].firm = -1;
	g->items[g->n].size = 4;
	g->n++;
	return EC_OK;
}

struct firm_key {
	const char *uscc;
	size_t firm;
};

static int by_uscc(const void *a, const void *b)
{
	return strcmp(((const struct firm_key *)a)->uscc, ((const struct firm_key *)b)->uscc);
}

/* The size class of a firm in the year (docs/methods.md): the industrial
** rule of the SME classification on revenue (thousand yuan) and
** employees. */
static int size_class(double revenue, double employees)
{
	if (employees >= 1000 && revenue >= 400000)
		return 3;
	if (employees >= 300 && revenue >= 20000)
		return 2;
	if (employees >= 20 && revenue >= 3000)
		return 1;
	return 0;
}

/* The size from the facts of the previous year, else of the year. */
static int firm_size(const struct ec_cluster_data *cd, size_t firm, int year)
{
	for (int y = year - 1; y <= year; y++) {
		int k = y - cd->first_year;
		size_t at;
		if (k < 0 || k >= cd->nyears)
			continue;
		at = firm * (size_t)cd->nyears + (size_t)k;
		if (cd->reported[at])
			return size_class(cd->revenue[at], (double)cd->employees[at]);
	}
	return 4;
}

/* Every submitted assessment of the query's year, edition and sector,
** with its enterprise's region, category and size; cd is filled when the
** facts can be read (else left empty: sizes unknown, no clusters). */
static int gather(struct ec_app *app, struct gather *g, struct ec_cluster_data *cd, struct ec_diag *d)
{
	struct firm_key *keys = NULL;
	char *err = NULL;
	size_t kept = 0;

	memset(cd, 0, sizeof *cd);
	if (ec_store_digital_each(app->store, NULL, take_submitted, g) != EC_OK)
		return app_store_failed(app, d);
	if (ec_app_cluster_data(app, cd, &err) != EC_OK) {
		free(err);
		memset(cd, 0, sizeof *cd);
	}
	if (cd->nfirms) {
		keys = ec_malloc(cd->nfirms * sizeof *keys);
		for (size_t i = 0; i < cd->nfirms; i++)
			keys[i].uscc = cd->uscc[i], keys[i].firm = i;
		qsort(keys, cd->nfirms, sizeof *keys, by_uscc);
	}
	for (size_t i = 0; i < g->n; i++) {
		struct entry *e = &g->items[i];
		struct ec_enterprise ent;
		int rc = ec_store_enterprise_get(app->store, e->a.uscc, &ent);
		if (rc == EC_ENOTFOUND)
			continue; /* an assessment of an enterprise not registered: no groups */
		if (rc != EC_OK) {
			free(keys);
			return app_store_failed(app, d);
		}
		snprintf(e->region, sizeof e->region, "%s", ent.region);
		snprintf(e->category, sizeof e->category, "%s", ent.sei_primary);
		if (keys) {
			struct firm_key key = { e->a.uscc, 0 }, *hit;
			hit = bsearch(&key, keys, cd->nfirms, sizeof *keys, by_uscc);
			if (hit) {
				e->firm = (long)hit->firm;
				e->size = firm_size(cd, hit->firm, g->year);
			}
		}
		if (g->region && strncmp(e->region, g->region, strlen(g->region)) != 0)
			continue;
		g->items[kept++] = *e;
	}
	g->n = kept;
	free(keys);
	return EC_OK;
}

static int check_query(const struct ec_digital_bench_query *q, struct ec_digital_questionnaire *qn,
		       struct ec_diag *d)
{
	char number[16], names[96];
	int found = 0;

	if (q->year < 2000 || q->year > 2100) {
		snprintf(number, sizeof number, "%d", q->year);
		ec_diag_problem(d, "year.invalid", NULL, 0, "year", "value", number, NULL);
		return EC_EUSAGE;
	}
	for (int i = 0; ec_digital_bench_bys[i]; i++)
		found |= q->by && !strcmp(q->by, ec_digital_bench_bys[i]);
	if (!found) {
		ec_diag_problem(d, "field.enum", NULL, 0, "by", "value", q->by ? q->by : "", "expected",
				ec_names_join(ec_digital_bench_bys, 5, names, sizeof names), NULL);
		return EC_EUSAGE;
	}
	if (q->region && (strlen(q->region) < 2 || strlen(q->region) > 6 || strspn(q->region, "0123456789") != strlen(q->region))) {
		ec_diag_problem(d, "digital.region", NULL, 0, "region", "value", q->region, NULL);
		return EC_EUSAGE;
	}
	if (ec_digital_load_builtin(qn, q->edition ? q->edition : EC_DIGITAL_DEFAULT_EDITION, d) != EC_OK)
		return EC_EUSAGE;
	if (q->sector && ec_digital_sector_find(qn, q->sector) < 0) {
		ec_diag_problem(d, "field.enum", NULL, 0, "sector", "value", q->sector, "expected", "M, S or O", NULL);
		return EC_EUSAGE;
	}
	return EC_OK;
}

/* ---- benchmarks ---- */

struct group_name {
	char code[EC_CLUSTER_CODE_MAX];
	char name[256];
};

struct clusters_ctx {
	struct ec_app *app;
	const struct ec_cluster_data *cd;
	enum ec_lang lang;
	struct group_name *names;
	uint8_t **member;   /* per cluster: d->nfirms flags */
	size_t n;
};

static int take_cluster(void *ctx, const struct ec_cluster *c)
{
	struct clusters_ctx *x = ctx;
	size_t count = 0;
	uint8_t *member = ec_malloc(x->cd->nfirms ? x->cd->nfirms : 1);

	if (ec_app_cluster_members(x->app, x->cd, c, member, &count) != EC_OK) {
		free(member);
		return EC_EIO;
	}
	x->names = ec_realloc(x->names, (x->n + 1) * sizeof *x->names);
	x->member = ec_realloc(x->member, (x->n + 1) * sizeof *x->member);
	snprintf(x->names[x->n].code, sizeof x->names[0].code, "%s", c->code);
	snprintf(x->names[x->n].name, sizeof x->names[0].name, "%s", x->lang == EC_LANG_EN ? c->name_en : c->name_zh);
	x->member[x->n++] = member;
	return EC_OK;
}

static const char *const size_words[][2] = {
	{ "micro", "微型" }, { "small", "小型" }, { "medium", "中型" }, { "large", "大型" }, { "size unknown", "规模不详" },
};

static size_t name_index(struct group_name **names, size_t *n, const char *code)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*names)[i].code, code))
			return i;
	*names = ec_realloc(*names, (*n + 1) * sizeof **names);
	snprintf((*names)[*n].code, sizeof (*names)[0].code, "%s", code);
	(*names)[*n].name[0] = '\0';
	return (*n)++;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct group_name *)a)->code, ((const struct group_name *)b)->code);
}

static void number(double v, int decimals, char out[32])
{
	if (isnan(v))
		out[0] = '\0';
	else
		snprintf(out, 32, "%.*f", decimals, v);
}

static const char *const bench_cols[] = { "code", "name", "enterprises", "mean_score", "median_score", "level0",
					  "level1", "level2", "level3", "level4", "level2_pct", "level3_pct",
					  "suppressed", "suppression" };
static const enum ec_col_kind bench_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_BOOL, EC_COL_TEXT };

static void bench_row(struct ec_table *t, const char *code, const char *name, const struct ec_digital_bench *b,
		      int blank)
{
	char v[11][32];

	snprintf(v[0], 32, "%lld", (long long)b->count);
	number(blank ? NAN : b->mean, 2, v[1]);
	number(blank ? NAN : b->median, 2, v[2]);
	for (int l = 0; l < 5; l++)
		if (blank)
			v[3 + l][0] = '\0';
		else
			snprintf(v[3 + l], 32, "%lld", (long long)b->at_level[l]);
	number(blank ? NAN : b->level2_pct, 1, v[8]);
	number(blank ? NAN : b->level3_pct, 1, v[9]);
	if (blank)
		v[0][0] = '\0';
	ec_table_addv(t, code, name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
		      blank ? "true" : "false", ec_sdc_reason_name((enum ec_sdc_reason)b->hidden));
}

int ec_app_digital_benchmark(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			     const struct ec_digital_bench_query *q, struct ec_table *t, struct ec_digital_bench *all,
			     struct ec_diag *d)
{
	struct ec_digital_questionnaire qn;
	struct gather g;
	struct ec_cluster_data cd;
	struct clusters_ctx cx;
	struct group_name *names = NULL;
	const struct ec_catalog *cat = NULL;
	struct ec_digital_bench *out = NULL;
	double *score = NULL;
	int *level = NULL;
	size_t *group = NULL, nnames = 0, m = 0;
	int rc, blank_hidden = !ec_actor_sees_microdata(who);
	const struct ec_sdc_rule *apply = rule;

	memset(&g, 0, sizeof g);
	memset(&cx, 0, sizeof cx);
	memset(&cd, 0, sizeof cd);
	ec_digital_init(&qn);
	if ((rc = app_allow(who, EC_MAY_DIGITAL_BENCH, d)) != EC_OK)
		return rc;
	if ((rc = check_query(q, &qn, d)) != EC_OK)
		goto out;
	g.year = q->year;
	g.edition = qn.edition;
	g.sector = q->sector;
	g.region = q->region;
	if ((rc = gather(app, &g, &cd, d)) != EC_OK)
		goto out;
	if (ec_app_catalog(app, &cat) != EC_OK)
		cat = NULL;
	/* one entry per assessment and group it falls in */
	if (!strcmp(q->by, "cluster")) {
		cx.app = app;
		cx.cd = &cd;
		cx.lang = q->lang;
		if (cd.nfirms && ec_app_clusters(app, take_cluster, &cx) != EC_OK) {
			rc = app_store_failed(app, d);
			goto out;
		}
		names = cx.names;
		nnames = cx.n;
		cx.names = NULL;
	}
	score = ec_malloc((g.n * (nnames ? nnames : 1) + 1) * sizeof *score);
	level = ec_malloc((g.n * (nnames ? nnames : 1) + 1) * sizeof *level);
	group = ec_malloc((g.n * (nnames ? nnames : 1) + 1) * sizeof *group);
	for (size_t i = 0; i < g.n; i++) {
		const struct entry *e = &g.items[i];
		char code[16];
		if (!strcmp(q->by, "cluster")) {
			for (size_t c = 0; c < nnames; c++)
				if (e->firm >= 0 && cx.member[c][e->firm]) {
					score[m] = e->a.score, level[m] = e->a.level, group[m++] = c;
				}
			continue;
		}
		if (!strcmp(q->by, "province") || !strcmp(q->by, "prefecture")) {
			size_t keep = !strcmp(q->by, "province") ? 2 : 4;
			if (strlen(e->region) != 6)
				continue;
			snprintf(code, sizeof code, "%.*s%.*s", (int)keep, e->region, (int)(6 - keep), "0000");
		} else if (!strcmp(q->by, "area")) {
			const char *c = e->category[0] ? e->category : "-";
			snprintf(code, sizeof code, "%.*s", (int)strcspn(c, "."), c);
		} else {
			snprintf(code, sizeof code, "%s", ec_digital_sizes[e->size]);
		}
		score[m] = e->a.score;
		level[m] = e->a.level;
		group[m++] = name_index(&names, &nnames, code);
	}
	if (strcmp(q->by, "cluster") != 0) {
		/* groups in code order, sizes in their own order */
		size_t *remap = ec_malloc((nnames + 1) * sizeof *remap);
		struct group_name *sorted = ec_malloc((nnames + 1) * sizeof *sorted);
		if (nnames)
			memcpy(sorted, names, nnames * sizeof *names);
		if (!strcmp(q->by, "size")) {
			size_t k = 0;
			for (int s = 0; ec_digital_sizes[s]; s++)
				for (size_t i = 0; i < nnames; i++)
					if (!strcmp(names[i].code, ec_digital_sizes[s]))
						sorted[k++] = names[i];
		} else if (nnames) {
			qsort(sorted, nnames, sizeof *sorted, by_code);
		}
		for (size_t i = 0; i < nnames; i++)
			for (size_t k = 0; k < nnames; k++)
				if (!strcmp(names[i].code, sorted[k].code))
					remap[i] = k;
		for (size_t i = 0; i < m; i++)
			group[i] = remap[group[i]];
		free(names);
		names = sorted;
		free(remap);
		for (size_t i = 0; i < nnames; i++) {
			const char *nm = NULL;
			if (!strcmp(q->by, "size")) {
				for (int s = 0; ec_digital_sizes[s]; s++)
					if (!strcmp(names[i].code, ec_digital_sizes[s]))
						nm = size_words[s][q->lang == EC_LANG_ZH];
			} else if (cat && !strcmp(q->by, "area")) {
				const struct ec_category *c = ec_catalog_find_category(cat, names[i].code, strlen(names[i].code));
				nm = c ? (q->lang == EC_LANG_ZH ? c->name_zh : c->name_en) : (q->lang == EC_LANG_ZH ? "非战略性新兴产业" : "not SEI");
			} else if (cat) {
				const struct ec_region *r = ec_catalog_find_region(cat, names[i].code, 6);
				nm = r ? (q->lang == EC_LANG_ZH ? r->name_zh : r->name_en) : NULL;
			}
			snprintf(names[i].name, sizeof names[i].name, "%s", nm ? nm : names[i].code);
		}
	}
	out = ec_malloc((nnames + 1) * sizeof *out);
	/* clusters overlap: their counts add up to nothing published, so no
	** complementary suppression, only the threshold, one cluster at a time */
	if (!strcmp(q->by, "cluster")) {
		/* recomputed per cluster from the entries above */
		double *s1 = ec_malloc((m + 1) * sizeof *s1);
		int *l1 = ec_malloc((m + 1) * sizeof *l1);
		size_t *g1 = ec_malloc((m + 1) * sizeof *g1);
		for (size_t c = 0; c < nnames; c++) {
			size_t n1 = 0;
			for (size_t i = 0; i < m; i++)
				if (group[i] == c)
					s1[n1] = score[i], l1[n1] = level[i], g1[n1++] = 0;
			ec_digital_bench_groups(s1, l1, g1, n1, 1, apply, &out[c]);
		}
		free(s1), free(l1), free(g1);
	} else {
		ec_digital_bench_groups(score, level, group, m, nnames, apply, out);
	}
	ec_table_init(t, 14, bench_cols, bench_kinds);
	{
		/* the whole: every assessment once */
		struct ec_digital_bench whole;
		size_t *zero = ec_malloc((g.n + 1) * sizeof *zero);
		double *s = ec_malloc((g.n + 1) * sizeof *s);
		int *l = ec_malloc((g.n + 1) * sizeof *l);
		for (size_t i = 0; i < g.n; i++)
			zero[i] = 0, s[i] = g.items[i].a.score, l[i] = g.items[i].a.level;
		ec_digital_bench_groups(s, l, zero, g.n, 1, apply, &whole);
		bench_row(t, "all", q->lang == EC_LANG_ZH ? "全部" : "all", &whole, blank_hidden && whole.hidden);
		if (all)
			*all = whole;
		free(zero), free(s), free(l);
	}
	for (size_t i = 0; i < nnames; i++)
		if (out[i].count > 0)
			bench_row(t, names[i].code, names[i].name, &out[i], blank_hidden && out[i].hidden);
	rc = EC_OK;
out:
	for (size_t c = 0; c < cx.n; c++)
		free(cx.member[c]);
	free(cx.member);
	free(cx.names);
	free(names);
	free(out);
	free(score);
	free(level);
	free(group);
	free(g.items);
	ec_cluster_data_release(&cd);
	ec_digital_release(&qn);
	return rc;
}

/* ---- what next ---- */

void ec_digital_next_release(struct ec_digital_next *n)
{
	ec_digital_view_release(&n->view);
	ec_digital_actions_release(&n->actions);
	free(n->funds);
	free(n->fits);
	free(n->scenario_fits);
	free(n->scenarios);
	memset(n, 0, sizeof *n);
	ec_digital_view_init(&n->view);
}

/* The open application scenarios that fit the enterprise, as the scenarios
** suggest them (ec_app_scenario_suggest: category and region), each with
** its scenario; none for an enterprise not in the registry. */
static int open_scenarios(struct ec_app *app, const struct ec_actor *who, const char *uscc, struct ec_digital_next *n,
			  struct ec_diag *d)
{
	struct ec_diag sd;
	int rc;

	ec_diag_init(&sd, 4);
	rc = ec_app_scenario_suggest(app, who, NULL, uscc, EC_DIGITAL_MAX_SCENARIOS, &n->scenario_fits,
				     &n->nscenarios, &sd);
	if (rc == EC_ENOTFOUND) {
		rc = EC_OK;
	} else if (rc != EC_OK) {
		for (size_t i = 0; i < sd.kept; i++)
			ec_diag_put(d, NULL, 0, &sd.problems[i]);
	}
	ec_diag_release(&sd);
	if (rc != EC_OK)
		return rc;
	n->scenarios = ec_calloc(n->nscenarios + 1, sizeof *n->scenarios);
	for (size_t i = 0; i < n->nscenarios; i++)
		if (ec_store_scenario_get(app->store, n->scenario_fits[i].code, &n->scenarios[i]) != EC_OK)
			return app_store_failed(app, d);
	return EC_OK;
}

int ec_app_digital_next(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			const char *uscc, int year, const char *edition, struct ec_digital_next *out,
			struct ec_diag *d)
{
	struct ec_digital_next n;
	struct ec_cluster_data cd;
	struct gather g;
	struct ec_enterprise ent;
	double *peers = NULL;
	size_t npeers = 0;
	int rc;

	memset(&n, 0, sizeof n);
	memset(&g, 0, sizeof g);
	memset(&cd, 0, sizeof cd);
	ec_digital_view_init(&n.view);
	n.percentile = NAN;
	if ((rc = ec_app_digital_show(app, who, uscc, year, edition, &n.view, d)) != EC_OK)
		return rc;
	if (n.view.a.state != EC_DIGITAL_SUBMITTED) {
		char number_[16];
		snprintf(number_, sizeof number_, "%d", year);
		ec_diag_problem(d, "digital.not_submitted", NULL, 0, NULL, "uscc", uscc, "year", number_, "edition",
				n.view.a.edition, NULL);
		rc = EC_EDATA;
		goto out;
	}
	rc = ec_store_enterprise_get(app->store, uscc, &ent);
	if (rc == EC_ENOTFOUND)
		memset(&ent, 0, sizeof ent);
	else if (rc != EC_OK) {
		rc = app_store_failed(app, d);
		goto out;
	}
	snprintf(n.category, sizeof n.category, "%s", ent.sei_primary);
	snprintf(n.region, sizeof n.region, "%s", ent.region);
	/* peers: the same year, edition and sector table, in the same SEI area
	** when it has enough of them, else all */
	g.year = year;
	g.edition = n.view.a.edition;
	g.sector = n.view.a.sector;
	if ((rc = gather(app, &g, &cd, d)) != EC_OK)
		goto out;
	peers = ec_malloc((g.n + 1) * sizeof *peers);
	if (n.category[0]) {
		size_t alen = strcspn(n.category, ".");
		for (size_t i = 0; i < g.n; i++)
			if (!strncmp(g.items[i].category, n.category, alen) &&
			    (g.items[i].category[alen] == '.' || g.items[i].category[alen] == '\0'))
				peers[npeers++] = g.items[i].a.score;
		snprintf(n.peer_area, sizeof n.peer_area, "%.*s", (int)alen, n.category);
	}
	if (npeers < EC_DIGITAL_MIN_PEERS) {
		npeers = 0;
		n.peer_area[0] = '\0';
		for (size_t i = 0; i < g.n; i++)
			peers[npeers++] = g.items[i].a.score;
	}
	n.peers = (int64_t)npeers;
	n.peer_hidden = rule && !ec_actor_sees_microdata(who) ? (int)ec_sdc_cell(rule, n.peers, NAN, 0) : 0;
	if (!n.peer_hidden)
		n.percentile = ec_digital_percentile(peers, npeers, n.view.a.score);
	/* a questionnaire of more dimensions than there is room for (none is shipped): no advice */
	if (n.view.r.ndimensions <= sizeof n.weakest / sizeof n.weakest[0])
		n.nweakest = ec_digital_weakest(&n.view.r, n.weakest);
	if (ec_digital_actions_builtin(&n.actions, d) != EC_OK) {
		rc = EC_EIO;
		goto out;
	}
	if (ec_store_fund_list(app->store, &n.funds, &n.nfunds) != EC_OK) {
		rc = app_store_failed(app, d);
		goto out;
	}
	n.fits = ec_malloc((n.nfunds + 1) * sizeof *n.fits);
	n.nfits = ec_digital_funds_fit(n.funds, n.nfunds, n.category, n.region, n.view.a.level, n.fits);
	if (n.nfits > EC_DIGITAL_MAX_FUNDS)
		n.nfits = EC_DIGITAL_MAX_FUNDS;
	if ((rc = open_scenarios(app, who, uscc, &n, d)) != EC_OK)
		goto out;
out:
	free(peers);
	free(g.items);
	ec_cluster_data_release(&cd);
	if (rc == EC_OK)
		*out = n;
	else
		ec_digital_next_release(&n);
	return rc;
}

/* ---- the years with submissions ---- */

struct years_ctx {
	struct ec_digital_year *items;
	size_t n;
};

static int take_year(void *ctx, const struct ec_digital_assessment *a)
{
	struct years_ctx *y = ctx;
	size_t i = 0;

	if (a->state != EC_DIGITAL_SUBMITTED)
		return EC_OK;
	while (i < y->n && (y->items[i].year != a->year || strcmp(y->items[i].edition, a->edition) != 0))
		i++;
	if (i == y->n) {
		y->items = ec_realloc(y->items, (y->n + 1) * sizeof *y->items);
		memset(&y->items[i], 0, sizeof y->items[0]);
		y->items[i].year = a->year;
		snprintf(y->items[i].edition, sizeof y->items[i].edition, "%s", a->edition);
		y->n++;
	}
	y->items[i].enterprises++;
	return EC_OK;
}

static int by_year_then_edition(const void *a, const void *b)
{
	const struct ec_digital_year *x = a, *y = b;

	if (x->year != y->year)
		return x->year > y->year ? -1 : 1;
	return -strcmp(x->edition, y->edition);
}

int ec_app_digital_years(struct ec_app *app, const struct ec_actor *who, struct ec_digital_year **items, size_t *n,
			 struct ec_diag *d)
{
	struct years_ctx y = { NULL, 0 };
	int rc;

	*items = NULL;
	*n = 0;
	if ((rc = app_allow(who, EC_MAY_DIGITAL_BENCH, d)) != EC_OK)
		return rc;
	if (ec_store_digital_each(app->store, NULL, take_year, &y) != EC_OK) {
		free(y.items);
		return app_store_failed(app, d);
	}
	if (y.n)
		qsort(y.items, y.n, sizeof *y.items, by_year_then_edition);
	*items = y.items;
	*n = y.n;
	return EC_OK;
}
