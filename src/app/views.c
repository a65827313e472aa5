/*
** What the faces read, through the application: the monitoring cube, the
** cluster registry and its analyses, the project library, enterprises and
** the registry's files. The store is reached only from here and from the
** use cases beside it.
*/
#include <stdlib.h>

#include "app_int.h"

/* An iterator's status as the application gives it: a callback's own
** non-zero value passes through, a failure of the store is EC_EIO. */
static int each_status(int rc)
{
	return rc == EC_OK ? EC_OK : rc < 0 ? EC_EIO : rc;
}

int ec_app_monitor(struct ec_app *app, double above_size, struct ec_monitor **out, char **err)
{
	const struct ec_catalog *cat;

	*out = NULL;
	*err = NULL;
	if (ec_app_catalog(app, &cat) != EC_OK) {
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	return ec_monitor_load(app->store, cat, above_size, out, err);
}

int ec_app_cluster_data(struct ec_app *app, struct ec_cluster_data *d, char **err)
{
	const struct ec_catalog *cat;

	*err = NULL;
	if (ec_app_catalog(app, &cat) != EC_OK) {
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	return ec_cluster_data_load(app->store, cat, d, err);
}

size_t ec_app_cluster_members(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_cluster *c,
			      uint8_t *member)
{
	return ec_cluster_members_stored(app->store, d, c, member);
}

int ec_app_cluster_discover(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_discover_params *p,
			    struct ec_table *t, struct ec_discover_summary *sum, char **err)
{
	return ec_cluster_discover(app->store, d->cat, d, p, t, sum, err);
}

int ec_app_cluster_evaluate(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_evaluate_params *p,
			    struct ec_table *rows, struct ec_table *weights, struct ec_evaluate_summary *sum,
			    char **err)
{
	return ec_cluster_evaluate(app->store, d->cat, d, p, rows, weights, sum, err);
}

int ec_app_clusters(struct ec_app *app, ec_cluster_fn fn, void *ctx)
{
	return each_status(ec_store_cluster_each(app->store, fn, ctx));
}

int ec_app_cluster(struct ec_app *app, const char *code, struct ec_cluster *out)
{
	int rc = ec_store_cluster_get(app->store, code, out);
	return rc == EC_OK || rc == EC_ENOTFOUND ? rc : EC_EIO;
}

int ec_app_cluster_entered(struct ec_app *app, const char *code, ec_indicator_fn fn, void *ctx)
{
	return each_status(ec_store_cluster_indicator_each(app->store, code, fn, ctx));
}

int ec_app_funding(struct ec_app *app, struct ec_funding *out, char **err)
{
	return ec_funding_load(app->store, out, err);
}

int ec_app_enterprises(struct ec_app *app, const struct ec_enterprise_filter *f, int64_t offset, int64_t limit,
		       ec_enterprise_fn fn, void *ctx, int64_t *total)
{
	return each_status(ec_store_enterprise_query(app->store, f, offset, limit, fn, ctx, total));
}

int ec_app_enterprise(struct ec_app *app, const char *uscc, struct ec_enterprise *out)
{
	int rc = ec_store_enterprise_get(app->store, uscc, out);
	return rc == EC_OK || rc == EC_ENOTFOUND ? rc : EC_EIO;
}

int ec_app_enterprise_reports(struct ec_app *app, int64_t enterprise_id, ec_report_fn fn, void *ctx)
{
	return each_status(ec_store_report_each_enterprise(app->store, enterprise_id, fn, ctx));
}
