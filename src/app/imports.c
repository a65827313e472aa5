/*
** The registry's and the library's files as use cases: importing clusters,
** member rules, indicators, projects, progress and funds (the formats of
** src/format read into one transaction, each row through the same save
** sequence as an add or an edit, one audit line), and exporting them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "lib/strmap.h"

/* The status of a whole import: the read's, or the store's first failure. */
static int import_status(int read, int written)
{
	return written == EC_EIO ? EC_EIO : read;
}

/* ---- clusters, members, indicators ---- */

struct cluster_import {
	struct ec_app *app;
	const struct ec_catalog *cat;
	struct ec_diag *d;
	char (*listed)[EC_CLUSTER_CODE_MAX]; /* the codes of a clusters file */
	size_t nlisted;
	int failed;
};

static int listed(void *ctx, const char *code)
{
	struct cluster_import *k = ctx;

	for (size_t i = 0; i < k->nlisted; i++)
		if (!strcmp(k->listed[i], code))
			return 1;
	return 0;
}

/* Whether a cluster is registered; a failed store fails the import. */
static int known(void *ctx, const char *code)
{
	struct cluster_import *k = ctx;
	struct ec_cluster c;
	int rc = ec_store_cluster_get(k->app->store, code, &c);

	if (rc != EC_OK && rc != EC_ENOTFOUND && !k->failed) {
		app_store_failed(k->app, k->d);
		k->failed = 1;
	}
	return rc == EC_OK;
}

static int put_cluster(void *ctx, const struct ec_cluster *c, const char *file, long line, int store)
{
	struct cluster_import *k = ctx;
	int rc = app_cluster_save(k->app, k->cat, c, file, line, listed, k, store, k->d);

	if (rc == EC_EIO)
		k->failed = 1;
	return rc;
}

static int put_member(void *ctx, const char *cluster, const char *uscc, int include)
{
	struct cluster_import *k = ctx;

	if (ec_store_cluster_member_put(k->app->store, cluster, uscc, include) == EC_OK)
		return EC_OK;
	k->failed = 1;
	return app_store_failed(k->app, k->d);
}

static int put_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	struct cluster_import *k = ctx;

	if (ec_store_cluster_indicator_put(k->app->store, cluster, year, indicator, value) == EC_OK)
		return EC_OK;
	k->failed = 1;
	return app_store_failed(k->app, k->d);
}

int app_cluster_import(struct ec_app *app, const struct ec_catalog *cat, int kind, const char *name, const char *data,
		       size_t len, int64_t *rows, struct ec_diag *d)
{
	struct cluster_import k = { app, cat, d, NULL, 0, 0 };
	struct ec_cluster_file_sink sink = { &k, known, put_cluster, put_member, put_indicator };
	int rc;

	if (kind == EC_CLUSTER_FILE_CLUSTERS)
		ec_cluster_file_codes(name, data, len, &k.listed, &k.nlisted);
	rc = ec_cluster_file_read(kind, name, data, len, &sink, rows, d);
	free(k.listed);
	return import_status(rc, k.failed ? EC_EIO : EC_OK);
}

int ec_app_cluster_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			  const char *data, size_t len, int64_t *rows, struct ec_diag *d)
{
	const struct ec_catalog *cat;
	int kind = ec_cluster_file_kind(what), rc;

	*rows = 0;
	if ((rc = app_allow(who, EC_MAY_CLUSTER_ADD, d)) != EC_OK)
		return rc;
	if (kind < 0) {
		ec_diag_problem(d, "field.enum", NULL, 0, "kind", "value", what, "expected",
				"clusters, members or indicators", NULL);
		return EC_EUSAGE;
	}
	if (!(cat = app_catalog(app, d)))
		return EC_EIO;
	if ((rc = app_begin(app, d)) == EC_OK) {
		rc = app_cluster_import(app, cat, kind, name, data, len, rows, d);
		rc = app_end(app, rc, who, d, "import", what, "audit.import|rows=%lld|file=%s", (long long)*rows, name);
	}
	return rc;
}

static int write_member(void *ctx, const char *cluster, const char *uscc, int include)
{
	ec_cluster_file_write_member(ctx, cluster, uscc, include);
	return 0;
}

static int write_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	ec_cluster_file_write_indicator(ctx, cluster, year, indicator, value);
	return 0;
}

int ec_app_cluster_export(struct ec_app *app, const char *what, FILE *out, char **err)
{
	struct ec_buf b;
	int kind = ec_cluster_file_kind(what), rc;

	*err = NULL;
	if (kind < 0) {
		*err = ec_asprintf("'%s': expected clusters, members or indicators", what);
		return EC_EUSAGE;
	}
	ec_buf_init(&b, 0);
	ec_cluster_file_write_header(&b, kind);
	if (kind == EC_CLUSTER_FILE_CLUSTERS) {
		struct ec_cluster *list = NULL;
		size_t n = 0;
		if ((rc = ec_store_cluster_list(app->store, &list, &n)) == EC_OK)
			for (size_t i = 0; i < n; i++)
				ec_cluster_file_write_cluster(&b, &list[i]);
		free(list);
	} else if (kind == EC_CLUSTER_FILE_MEMBERS) {
		rc = ec_store_cluster_member_each(app->store, NULL, write_member, &b);
	} else {
		rc = ec_store_cluster_indicator_each(app->store, NULL, write_indicator, &b);
	}
	if (rc != EC_OK)
		*err = ec_strdup(ec_store_errmsg(app->store));
	else if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0)
		*err = ec_strdup("writing the output failed");
	ec_buf_release(&b);
	return *err ? EC_EIO : EC_OK;
}

/* ---- projects, progress, funds ---- */

struct project_import {
	struct ec_app *app;
	const struct ec_catalog *cat;
	struct ec_diag *d;
	struct ec_project *touched; /* progress: the projects changed, stored at the end */
	size_t ntouched, cap;
	struct ec_strmap *index;    /* code -> its place in touched */
	int failed;
};

static int put_project(void *ctx, const struct ec_project *row, enum ec_stage stage, const char *file, long line,
		       int store)
{
	struct project_import *k = ctx;
	struct ec_project p;
	int had, rc;

	ec_project_init(&p);
	rc = ec_store_project_get(k->app->store, row->code, &p);
	if (rc != EC_OK && rc != EC_ENOTFOUND) {
		k->failed = 1;
		return app_store_failed(k->app, k->d);
	}
	had = rc == EC_OK;
	/* The row's fields over the stored project, which keeps its plan,
	** progress and revisions. */
	memcpy(p.code, row->code, sizeof p.code);
	memcpy(p.name, row->name, sizeof p.name);
	memcpy(p.owner, row->owner, sizeof p.owner);
	memcpy(p.category, row->category, sizeof p.category);
	memcpy(p.cluster, row->cluster, sizeof p.cluster);
	memcpy(p.region, row->region, sizeof p.region);
	p.kind = row->kind;
	p.total_investment = row->total_investment;
	p.start = row->start;
	p.end = row->end;
	memcpy(p.funding, row->funding, sizeof p.funding);
	p.land_mu = row->land_mu;
	p.energy_tce = row->energy_tce;
	if ((rc = app_project_stage(&p, stage, had, file, line, k->d)) == EC_OK)
		rc = app_project_save(k->app, k->cat, &p, file, line, store, k->d);
	ec_project_release(&p);
	if (rc == EC_EIO)
		k->failed = 1;
	return rc;
}

static int put_progress(void *ctx, const char *code, int period, double amount, const char *file, long line)
{
	struct project_import *k = ctx;
	struct ec_project *p;
	struct ec_problem why;
	int64_t at;
	int rc;

	if (!k->index)
		k->index = ec_strmap_new(64);
	if (ec_strmap_get(k->index, code, strlen(code), &at)) {
		p = &k->touched[at];
	} else {
		if (k->ntouched == k->cap) {
			k->cap = k->cap ? 2 * k->cap : 16;
			k->touched = ec_realloc(k->touched, k->cap * sizeof *k->touched);
		}
		p = &k->touched[k->ntouched];
		ec_project_init(p);
		rc = ec_store_project_get(k->app->store, code, p);
		if (rc != EC_OK) {
			ec_project_release(p);
			if (rc == EC_ENOTFOUND) {
				ec_diag_problem(k->d, "import.project_unknown", file, line, "project", "code", code, NULL);
				return EC_EDATA;
			}
			k->failed = 1;
			return app_store_failed(k->app, k->d);
		}
		ec_strmap_put(k->index, code, strlen(code), (int64_t)k->ntouched++);
	}
	if (ec_project_record_completed(p, period, amount, &why) != EC_OK) {
		ec_diag_put(k->d, file, line, &why);
		return EC_EDATA;
	}
	return EC_OK;
}

static int put_fund(void *ctx, const struct ec_fund *f, const char *file, long line, int store)
{
	struct project_import *k = ctx;
	int rc = app_fund_save(k->app, k->cat, f, file, line, store, k->d);

	if (rc == EC_EIO)
		k->failed = 1;
	return rc;
}

int ec_app_project_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			  const char *data, size_t len, int64_t *rows, struct ec_diag *d)
{
	struct project_import k = { app, NULL, d, NULL, 0, 0, NULL, 0 };
	struct ec_project_file_sink sink = { &k, put_project, put_progress, put_fund };
	int kind = ec_project_file_kind(what), rc;

	*rows = 0;
	if ((rc = app_allow(who, kind == EC_PROJECT_FILE_FUNDS ? EC_MAY_FUND_ADD : EC_MAY_ANALYSE, d)) != EC_OK)
		return rc;
	if (kind < 0) {
		ec_diag_problem(d, "field.enum", NULL, 0, "kind", "value", what, "expected",
				"projects, progress or funds", NULL);
		return EC_EUSAGE;
	}
	if (!(k.cat = app_catalog(app, d)))
		return EC_EIO;
	if ((rc = app_begin(app, d)) == EC_OK) {
		rc = import_status(ec_project_file_read(kind, name, data, len, &sink, rows, d), k.failed ? EC_EIO : EC_OK);
		for (size_t i = 0; rc == EC_OK && i < k.ntouched; i++)
			if (ec_store_project_put(app->store, &k.touched[i]) != EC_OK)
				rc = app_store_failed(app, d);
		rc = app_end(app, rc, who, d, "import", what, "audit.import|rows=%lld|file=%s", (long long)*rows, name);
	}
	for (size_t i = 0; i < k.ntouched; i++)
		ec_project_release(&k.touched[i]);
	free(k.touched);
	ec_strmap_free(k.index);
	return rc;
}

int ec_app_project_export(struct ec_app *app, const char *what, FILE *out, char **err)
{
	struct ec_buf b;
	int kind = ec_project_file_kind(what), rc;

	*err = NULL;
	if (kind < 0) {
		*err = ec_asprintf("'%s': expected projects, progress or funds", what);
		return EC_EUSAGE;
	}
	ec_buf_init(&b, 0);
	ec_project_file_write_header(&b, kind);
	if (kind == EC_PROJECT_FILE_FUNDS) {
		struct ec_fund *funds = NULL;
		size_t n = 0;
		if ((rc = ec_store_fund_list(app->store, &funds, &n)) == EC_OK)
			for (size_t i = 0; i < n; i++)
				ec_project_file_write_fund(&b, &funds[i]);
		free(funds);
	} else {
		struct ec_project *projects = NULL;
		size_t n = 0;
		if ((rc = ec_store_project_list(app->store, &projects, &n)) == EC_OK) {
			for (size_t i = 0; i < n; i++) {
				if (kind == EC_PROJECT_FILE_PROJECTS)
					ec_project_file_write_project(&b, &projects[i]);
				else
					ec_project_file_write_progress(&b, &projects[i]);
			}
		}
		ec_store_project_list_free(projects, n);
	}
	if (rc != EC_OK)
		*err = ec_strdup(ec_store_errmsg(app->store));
	else if (fwrite(b.data, 1, b.len, out) != b.len || fflush(out) != 0)
		*err = ec_strdup("writing the output failed");
	ec_buf_release(&b);
	return *err ? EC_EIO : EC_OK;
}
