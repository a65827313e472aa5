/*
** This is the implementation of the server's job records in the
** application: bookkeeping of long work (who asked, its state, its answer),
** written as the work moves, not audited: the work itself audits what it
** changes.
*/
#include "app_int.h"

int ec_app_job_put(struct ec_app *app, const struct ec_job *j)
{
	return ec_store_job_put(app->store, j);
}

int ec_app_job_get(struct ec_app *app, const char *id, int with_result, ec_job_fn fn, void *ctx)
{
	int rc = ec_store_job_get(app->store, id, with_result, fn, ctx);
	return rc == EC_ENOTFOUND ? rc : app_each_status(rc);
}

int ec_app_jobs(struct ec_app *app, int64_t user_id, int64_t limit, ec_job_fn fn, void *ctx)
{
	return app_each_status(ec_store_job_each(app->store, user_id, limit, fn, ctx));
}

int ec_app_job_settle(struct ec_app *app, int64_t now, int64_t expires_at, int http_status, const char *result)
{
	return ec_store_job_settle(app->store, now, expires_at, http_status, result);
}
