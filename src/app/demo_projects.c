/*
** The demo's project library and fund registry in the store: the SEI
** enterprises and the registered clusters read, the projects and funds of
** the generator (src/demo/projects.c) written, inside the caller's
** transaction.
*/
#include <stdlib.h>

#include "app_int.h"

struct firms {
	struct ec_enterprise *v;
	size_t n, cap;
};

/* Only SEI enterprises own demo projects. */
static int take_sei(void *ctx, const struct ec_enterprise *e)
{
	struct firms *f = ctx;
	if (!e->sei_primary[0])
		return 0;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 1024;
		f->v = ec_realloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n++] = *e;
	return 0;
}

static int put_project(void *ctx, const struct ec_project *p)
{
	return ec_store_project_put(ctx, p) == EC_OK ? EC_OK : EC_EIO;
}

static int put_fund(void *ctx, const struct ec_fund *f)
{
	return ec_store_fund_put(ctx, f) == EC_OK ? EC_OK : EC_EIO;
}

int app_demo_projects(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, size_t nprojects,
		      size_t nfunds, int last_period, struct ec_diag *d)
{
	struct ec_store *s = app->store;
	struct ec_demo_project_sink sink = { s, put_project, put_fund };
	struct firms firms = { NULL, 0, 0 };
	struct ec_cluster *clusters = NULL;
	size_t nclusters = 0;
	int rc;

	if (ec_store_enterprise_each(s, take_sei, &firms) != EC_OK ||
	    ec_store_cluster_list(s, &clusters, &nclusters) != EC_OK) {
		rc = app_store_failed(app, d);
		goto out;
	}
	rc = ec_demo_projects(cat, seed, firms.v, firms.n, clusters, nclusters, nprojects, nfunds, last_period, &sink);
	if (rc == EC_ENOTFOUND)
		ec_diag_add(d, "demo projects: no SEI enterprises to own projects");
	else if (rc != EC_OK)
		rc = app_store_failed(app, d);
out:
	free(firms.v);
	free(clusters);
	return rc;
}
