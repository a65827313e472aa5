/*
** What the faces read, through the application: the monitoring cube, the
** cluster registry and its analyses, the project library, enterprises and
** the registry's files. The store is reached only from here and from the
** use cases beside it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/cluster.h"
#include "echelon/facts.h"
#include "echelon/complexity.h"
#include "echelon/monitor.h"

/* Runs a reader of the column store with the catalogue: when it finds the
** file damaged on its way through, the file is made again from the
** database and the reader runs once more. */
typedef int (*facts_reader)(const struct ec_facts *f, const struct ec_catalog *cat, void *ctx, char **err);

static int with_facts(struct ec_app *app, facts_reader read, void *ctx, char **err)
{
	const struct ec_catalog *cat;
	const struct ec_facts *f;
	int rc;

	*err = NULL;
	if (ec_app_catalog(app, &cat) != EC_OK) {
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	if ((rc = ec_app_facts(app, &f, err)) != EC_OK)
		return rc;
	rc = read(f, cat, ctx, err);
	if (rc != EC_OK && ec_facts_damaged(f)) {
		free(*err);
		*err = NULL;
		if ((rc = app_facts_remake(app, &f, err)) != EC_OK)
			return rc;
		rc = read(f, cat, ctx, err);
	}
	return rc;
}

struct monitor_ctx {
	double above_size;
	struct ec_monitor **out;
};

static int read_monitor(const struct ec_facts *f, const struct ec_catalog *cat, void *ctx, char **err)
{
	struct monitor_ctx *c = ctx;
	return ec_monitor_load_facts(f, cat, c->above_size, c->out, err);
}

int ec_app_monitor(struct ec_app *app, double above_size, struct ec_monitor **out, char **err)
{
	struct monitor_ctx c = { above_size, out };

	*out = NULL;
	return with_facts(app, read_monitor, &c, err);
}

static int read_cluster_data(const struct ec_facts *f, const struct ec_catalog *cat, void *ctx, char **err)
{
	return ec_cluster_data_facts(f, cat, ctx, err);
}

int ec_app_monitor_series(const struct ec_monitor *cube, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			  const struct ec_monitor_series_query *q, struct ec_monitor_row **rows, enum ec_sdc_reason **reason,
			  size_t *nrows, char **err)
{
	return ec_monitor_series_groups(cube, q, ec_actor_sees_microdata(who) ? NULL : rule, rows, reason, nrows, err);
}

int ec_app_monitor_series_mixed(const struct ec_monitor *cube, const struct ec_actor *who, const struct ec_sdc_rule *rule,
				const struct ec_monitor_series_query *q, const enum ec_group_kind *kinds,
				const char *const *codes, size_t ngroups, struct ec_monitor_row **rows,
				enum ec_sdc_reason **reason, size_t *nrows, char **err)
{
	int restricted = !ec_actor_sees_microdata(who);
	char *missing = NULL; /* why the last group without figures has none */

	*rows = NULL, *reason = NULL, *nrows = 0, *err = NULL;
	for (size_t i = 0; i < ngroups; i++) {
		struct ec_monitor_series_query one = *q;
		struct ec_monitor_row *part;
		enum ec_sdc_reason *why;
		char province[8];
		size_t m;
		int rc;

		one.kind = kinds[i];
		one.codes = &codes[i];
		one.ncodes = 1;
		snprintf(province, sizeof province, "%.2s0000", codes[i]);
		one.region = kinds[i] == EC_G_PREFECTURE ? province : "";
		rc = ec_app_monitor_series(cube, who, rule, &one, &part, &why, &m, err);
		if (rc == EC_ENOTFOUND) { /* no figures for it: its line stays empty */
			free(missing);
			missing = *err;
			*err = NULL;
			continue;
		}
		if (rc != EC_OK) {
			free(*rows), free(*reason), free(missing);
			*rows = NULL, *reason = NULL, *nrows = 0;
			return rc;
		}
		*rows = ec_realloc(*rows, (*nrows + m + 1) * sizeof **rows);
		memcpy(*rows + *nrows, part, m * sizeof *part);
		if (restricted) {
			*reason = ec_realloc(*reason, (*nrows + m + 1) * sizeof **reason);
			for (size_t j = 0; j < m; j++)
				(*reason)[*nrows + j] = why ? why[j] : EC_SDC_SHOWN;
		}
		*nrows += m;
		free(part);
		free(why);
	}
	if (!*nrows && missing) { /* none has figures: the range or every group is wrong */
		*err = missing;
		return EC_ENOTFOUND;
	}
	free(missing);
	return EC_OK;
}

int ec_app_cluster_data(struct ec_app *app, struct ec_cluster_data *d, char **err)
{
	return with_facts(app, read_cluster_data, d, err);
}

struct matrix_ctx {
	const struct ec_matrix_spec *spec;
	struct ec_region_matrix *out;
};

static int read_matrix(const struct ec_facts *f, const struct ec_catalog *cat, void *ctx, char **err)
{
	struct matrix_ctx *c = ctx;
	return ec_region_matrix_facts(f, cat, c->spec, c->out, err);
}

int ec_app_region_matrix(struct ec_app *app, const struct ec_matrix_spec *spec, struct ec_region_matrix *out,
			 char **err)
{
	struct matrix_ctx c = { spec, out };
	return with_facts(app, read_matrix, &c, err);
}

struct leaders_ctx {
	const struct ec_matrix_spec *spec;
	const char *column, *except;
	size_t k, *n;
	struct ec_leader *out;
};

static int read_leaders(const struct ec_facts *f, const struct ec_catalog *cat, void *ctx, char **err)
{
	struct leaders_ctx *c = ctx;
	return ec_region_leaders(f, cat, c->spec, c->column, c->except, c->k, c->out, c->n, err);
}

int ec_app_region_leaders(struct ec_app *app, const struct ec_matrix_spec *spec, const char *column, const char *except,
			  size_t k, struct ec_leader *out, size_t *n, char **err)
{
	struct leaders_ctx c = { spec, column, except, k, n, out };

	*n = 0;
	return with_facts(app, read_leaders, &c, err);
}

int ec_app_cluster_members(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_cluster *c,
			   uint8_t *member, size_t *count)
{
	return ec_cluster_members_stored(app->store, d, c, member, count) == EC_OK ? EC_OK : EC_EIO;
}

int ec_app_cluster_discover(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_discover_params *p,
			    struct ec_table *t, struct ec_discover_summary *sum, char **err)
{
	return ec_cluster_discover(app->store, d->cat, d, p, t, sum, err);
}

int ec_app_cluster_discover_kdist(struct ec_app *app, const struct ec_cluster_data *d,
				  const struct ec_discover_params *p, size_t max_curve, struct ec_kdist *k,
				  struct ec_discover_summary *sum, char **err)
{
	(void)app;
	return ec_cluster_discover_kdist(d->cat, d, p, max_curve, k, sum, err);
}

int ec_app_cluster_evaluate(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_evaluate_params *p,
			    struct ec_table *rows, struct ec_table *weights, struct ec_evaluate_summary *sum,
			    char **err)
{
	return ec_cluster_evaluate(app->store, d->cat, d, p, rows, weights, sum, err);
}

int ec_app_clusters(struct ec_app *app, ec_cluster_fn fn, void *ctx)
{
	return app_each_status(ec_store_cluster_each(app->store, fn, ctx));
}

int ec_app_cluster(struct ec_app *app, const char *code, struct ec_cluster *out)
{
	int rc = ec_store_cluster_get(app->store, code, out);
	return rc == EC_OK || rc == EC_ENOTFOUND ? rc : EC_EIO;
}

int ec_app_cluster_entered(struct ec_app *app, const char *code, ec_indicator_fn fn, void *ctx)
{
	return app_each_status(ec_store_cluster_indicator_each(app->store, code, fn, ctx));
}

int ec_app_funding(struct ec_app *app, struct ec_funding *out, char **err)
{
	return ec_funding_load(app->store, out, err);
}

struct sized {
	int64_t *ids;
	size_t n, cap;
	double threshold;
};

static int take_sized(void *ctx, int64_t id, double revenue)
{
	struct sized *z = ctx;

	if (!ec_above_size(revenue, z->threshold))
		return 0;
	if (z->n == z->cap) {
		z->cap = z->cap ? 2 * z->cap : 1024;
		z->ids = ec_realloc(z->ids, z->cap * sizeof *z->ids);
	}
	z->ids[z->n++] = id;
	return 0;
}

static int id_order(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The ids of the enterprises whose industry class begins with prefix, read
** from the column store (in id order, so ascending): a filter the store need
** not know, as the size rule is. */
static int industry_ids(struct ec_app *app, const char *prefix, struct sized *out)
{
	const struct ec_facts *f;
	char *err = NULL, code[8];
	size_t len = strlen(prefix);

	if (ec_app_facts(app, &f, &err) != EC_OK) {
		free(err);
		return EC_EIO;
	}
	for (size_t e = 0; e < f->nenterprises; e++) {
		snprintf(code, sizeof code, "%04u", (unsigned)f->industry[e]);
		if (strncmp(code, prefix, len) != 0)
			continue;
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 1024;
			out->ids = ec_realloc(out->ids, out->cap * sizeof *out->ids);
		}
		out->ids[out->n++] = f->id[e];
	}
	return EC_OK;
}

/* Keeps in a (ascending) the ids that are (keep 1) or are not (keep 0) in b
** (ascending). */
static void ids_merge(struct sized *a, const struct sized *b, int keep)
{
	size_t i, j = 0, n = 0;

	for (i = 0; i < a->n; i++) {
		while (j < b->n && b->ids[j] < a->ids[i])
			j++;
		if ((j < b->n && b->ids[j] == a->ids[i]) == keep)
			a->ids[n++] = a->ids[i];
	}
	a->n = n;
}

int ec_app_enterprises(struct ec_app *app, const struct ec_enterprise_filter *f, int64_t offset, int64_t limit,
		       ec_enterprise_fn fn, void *ctx, int64_t *total)
{
	struct ec_enterprise_filter g = *f;
	struct sized z = { NULL, 0, 0, f->above_size };
	struct sized ind = { NULL, 0, 0, 0 };
	int rc;

	if (f->above_size_year >= 0) {
		/* The rule is ec_above_size's, on the revenue of the year before;
		** the store only sums and lists. */
		if ((rc = ec_store_revenue_each(app->store, f->above_size_year - 1, take_sized, &z)) != EC_OK) {
			free(z.ids);
			return EC_EIO;
		}
		g.ids = z.ids; /* NULL when none is: ids_mode still says what to do */
		g.nids = z.n;
		g.ids_mode = f->above_size_wanted ? EC_IDS_ONLY : EC_IDS_EXCEPT;
	}
	if (f->industry_prefix && f->industry_prefix[0]) {
		/* The industry's ids, less those the size rule leaves out. */
		if ((rc = industry_ids(app, f->industry_prefix, &ind)) != EC_OK) {
			free(z.ids);
			return rc;
		}
		if (f->above_size_year >= 0) {
			qsort(z.ids, z.n, sizeof *z.ids, id_order);
			ids_merge(&ind, &z, f->above_size_wanted);
		}
		g.ids = ind.ids;
		g.nids = ind.n;
		g.ids_mode = EC_IDS_ONLY;
	}
	rc = app_each_status(ec_store_enterprise_query(app->store, &g, offset, limit, fn, ctx, total));
	free(z.ids);
	free(ind.ids);
	return rc;
}

int ec_app_enterprise(struct ec_app *app, const char *uscc, struct ec_enterprise *out)
{
	int rc = ec_store_enterprise_get(app->store, uscc, out);
	return rc == EC_OK || rc == EC_ENOTFOUND ? rc : EC_EIO;
}

int ec_app_enterprise_reports(struct ec_app *app, int64_t enterprise_id, ec_report_fn fn, void *ctx)
{
	return app_each_status(ec_store_report_each_enterprise(app->store, enterprise_id, fn, ctx));
}

struct firm_reports {
	struct ec_report *at;
	size_t n, cap;
};

static int keep_report(void *ctx, const struct ec_report *rep)
{
	struct firm_reports *k = ctx;

	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->at = ec_realloc(k->at, k->cap * sizeof *k->at);
	}
	k->at[k->n++] = *rep;
	return 0;
}

int ec_app_enterprise_growth(struct ec_app *app, int64_t enterprise_id, struct ec_firm_month **months, size_t *n)
{
	struct firm_reports k = { NULL, 0, 0 };
	int rc;

	*months = NULL;
	*n = 0;
	if ((rc = ec_app_enterprise_reports(app, enterprise_id, keep_report, &k)) != EC_OK) {
		free(k.at);
		return rc;
	}
	*months = ec_malloc((k.n ? k.n : 1) * sizeof **months);
	ec_firm_growth(k.at, k.n, *months);
	*n = k.n;
	free(k.at);
	return EC_OK;
}

static int find_demo(void *ctx, const struct ec_audit *a)
{
	if (strcmp(a->action, "demo.generate") == 0) {
		*(int *)ctx = 1;
		return 1;
	}
	return 0;
}

int ec_app_data_note(struct ec_app *app, int *demo, int64_t *enterprises)
{
	const struct ec_facts *f;
	char *err = NULL;
	int rc;

	*demo = 0;
	*enterprises = -1;
	rc = ec_store_audit_each(app->store, -1, find_demo, demo);
	if (rc < 0)
		return EC_EIO;
	if (ec_app_facts(app, &f, &err) == EC_OK)
		*enterprises = (int64_t)f->nenterprises;
	free(err);
	return EC_OK;
}

struct series_ctx {
	const uint8_t *member;
	size_t nfirms;
	const struct ec_cluster_series_query *q;
	const struct ec_monitor *cube;
	struct ec_cluster_month **rows;
	size_t *nrows;
};

static int read_cluster_series(const struct ec_facts *f, const struct ec_catalog *cat, void *ctx, char **err)
{
	struct series_ctx *c = ctx;

	(void)cat;
	return ec_cluster_series_facts(f, c->member, c->nfirms, c->q, c->cube, c->rows, c->nrows, err);
}

int ec_app_cluster_series(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			  const struct ec_monitor *cube, const struct ec_cluster_data *d, const struct ec_cluster *c,
			  const struct ec_cluster_series_query *q, struct ec_cluster_month **rows,
			  enum ec_sdc_reason **reason, size_t *nrows, size_t *members, char **err)
{
	uint8_t *member = ec_malloc(d->nfirms + 1);
	struct series_ctx ctx = { member, d->nfirms, q, cube, rows, nrows };
	int rc;

	*rows = NULL;
	*reason = NULL;
	*nrows = 0;
	*err = NULL;
	if (ec_app_cluster_members(app, d, c, member, members) != EC_OK) {
		free(member);
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	rc = with_facts(app, read_cluster_series, &ctx, err);
	free(member);
	if (rc != EC_OK || !rule || ec_actor_sees_microdata(who))
		return rc;
	*reason = ec_malloc((*nrows ? *nrows : 1) * sizeof **reason);
	for (size_t i = 0; i < *nrows; i++)
		(*reason)[i] = ec_cluster_month_sdc(rule, &(*rows)[i]);
	return rc;
}

int ec_app_clusters_series(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			   const struct ec_monitor *cube, const struct ec_cluster_data *d,
			   const struct ec_cluster *clusters, size_t n, const struct ec_cluster_series_query *q,
			   struct ec_table *t, size_t *members, char **err)
{
	memset(t, 0, sizeof *t);
	for (size_t k = 0; k < n; k++) {
		struct ec_cluster_month *rows = NULL;
		enum ec_sdc_reason *reason = NULL;
		struct ec_table one;
		size_t nrows = 0;
		int rc = ec_app_cluster_series(app, who, rule, cube, d, &clusters[k], q, &rows, &reason, &nrows,
					       &members[k], err);
		if (rc != EC_OK) {
			free(rows);
			free(reason);
			if (k)
				ec_table_release(t);
			memset(t, 0, sizeof *t);
			return rc;
		}
		ec_cluster_series_table(clusters[k].code, rows, nrows, reason, &one);
		free(rows);
		free(reason);
		if (k == 0) {
			*t = one;
			continue;
		}
		for (size_t r = 0; r < one.nrows; r++)
			ec_table_add(t, (const char *const *)&one.cells[r * one.ncols]);
		ec_table_release(&one);
	}
	return EC_OK;
}
