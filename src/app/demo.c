/*
** The demo as a use case: a new database filled with the synthetic
** national economy of the generator (demo.h), the cluster echelon over it
** and the project library, in one transaction with one audit line.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

struct demo_sink {
	struct ec_app *app;
	struct ec_diag *d;
	const struct ec_demo_progress *progress;
};

static int put_enterprise(void *ctx, struct ec_enterprise *e)
{
	struct demo_sink *k = ctx;
	return ec_store_enterprise_put(k->app->store, e) == EC_OK ? EC_OK : app_store_failed(k->app, k->d);
}

static int put_report(void *ctx, const struct ec_report *r)
{
	struct demo_sink *k = ctx;
	return ec_store_report_put(k->app->store, r) == EC_OK ? EC_OK : app_store_failed(k->app, k->d);
}

static int put_deflator(void *ctx, const struct ec_deflator *df)
{
	struct demo_sink *k = ctx;
	return ec_store_deflator_put(k->app->store, df) == EC_OK ? EC_OK : app_store_failed(k->app, k->d);
}

static void progress(void *ctx, enum ec_demo_phase phase, int64_t done, int64_t total, int64_t reports, int finished)
{
	struct demo_sink *k = ctx;

	if (k->progress && k->progress->fn)
		k->progress->fn(k->progress->ctx, phase, done, total, reports, finished);
}

int ec_app_demo(struct ec_app *app, const struct ec_actor *who, const struct ec_demo_opts *o,
		const struct ec_demo_progress *prog, struct ec_demo_result *res, struct ec_diag *d)
{
	struct demo_sink k = { app, d, prog };
	struct ec_demo_sink sink = { &k, put_enterprise, put_report, put_deflator, progress };
	struct ec_store_counts counts;
	const struct ec_catalog *cat;
	struct ec_catalog builtin;
	char *err = NULL, n1[24], n2[24], n3[24];
	int rc, installed = 0;

	memset(res, 0, sizeof *res);
	if ((rc = app_allow(who, EC_MAY_CATALOG, d)) != EC_OK)
		return rc;
	if (ec_store_counts(app->store, &counts) != EC_OK)
		return app_store_failed(app, d);
	if (counts.enterprises > 0 || counts.reports > 0 || counts.deflators > 0) {
		snprintf(n1, sizeof n1, "%lld", (long long)counts.enterprises);
		snprintf(n2, sizeof n2, "%lld", (long long)counts.reports);
		snprintf(n3, sizeof n3, "%lld", (long long)counts.deflators);
		ec_diag_problem(d, "demo.not_empty", NULL, 0, NULL, "enterprises", n1, "reports", n2, "deflators", n3,
				NULL);
		return EC_EDATA;
	}
	if (ec_store_bulk_mode(app->store, 1) != EC_OK)
		return app_store_failed(app, d);
	if ((rc = app_begin(app, d)) != EC_OK)
		goto out;
	if (counts.industries == 0) {
		ec_catalog_init(&builtin);
		if ((rc = ec_catalog_load_builtin(&builtin, d)) == EC_OK)
			rc = app_catalog_write(app, &builtin, 0xf, d);
		ec_catalog_release(&builtin);
		installed = 1;
		if (app->cat == &app->own)
			app->have_catalog = 0;
	}
	if (rc == EC_OK && !(cat = app_catalog(app, d)))
		rc = EC_EIO;
	if (rc == EC_OK) {
		rc = ec_demo_generate(o, cat, &sink, &res->stats, &err);
		if (rc != EC_OK && err) {
			ec_diag_add(d, "demo: %s", err);
			free(err);
		}
	}
	if (rc == EC_OK)
		rc = app_demo_clusters(app, cat, o->seed, 150, &res->clusters, d);
	if (rc == EC_OK) {
		res->projects = (size_t)(o->enterprises / 20 < 3000 ? o->enterprises / 20 : 3000);
		res->funds = 200;
		rc = app_demo_projects(app, cat, o->seed, res->projects, res->funds, o->last_period, d);
	}
	if (rc == EC_OK)
		rc = app_demo_scenarios(app, cat, o->seed, who->name, d);
	if (rc == EC_OK)
		rc = app_demo_incentives(app, cat, ec_period_year(o->last_period), d);
	if (rc == EC_OK)
		rc = app_demo_digital(app, o->seed, ec_period_year(o->last_period), 300, &res->digital, d);
	rc = app_end(app, rc, who, d, "demo.generate", "all",
		     "audit.demo|seed=%llu|enterprises=%lld|reports=%lld|clusters=%zu|projects=%zu|funds=%zu|digital=%zu|installed=%s",
		     (unsigned long long)o->seed, (long long)res->stats.enterprises, (long long)res->stats.reports,
		     res->clusters, res->projects, res->funds, res->digital, installed ? "yes" : "no");
out:
	ec_store_bulk_mode(app->store, 0);
	if (rc != EC_OK && app->cat == &app->own)
		app->have_catalog = 0; /* the catalogue written was rolled back */
	return rc;
}
