/*
** The demo's cluster echelon in the store: the national SEI clusters of
** 2019 (data/clusters.csv, compiled in) imported, then the bases, parents,
** ecosystems and indicators of the generator (src/demo/clusters.c) written,
** inside the caller's transaction.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

extern const unsigned char ec_data_clusters[];
extern const size_t ec_data_clusters_len;

static int put_cluster(void *ctx, const struct ec_cluster *c)
{
	return ec_store_cluster_put(ctx, c) == EC_OK ? EC_OK : EC_EIO;
}

static int put_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	return ec_store_cluster_indicator_put(ctx, cluster, year, indicator, value) == EC_OK ? EC_OK : EC_EIO;
}

struct registry {
	struct ec_cluster *v;
	size_t n;
};

/* Reads every registered cluster into r (emptied first). */
static int read_registry(struct ec_store *s, struct registry *r)
{
	free(r->v);
	r->v = NULL;
	r->n = 0;
	return ec_store_cluster_list(s, &r->v, &r->n) == EC_OK ? EC_OK : EC_EIO;
}

int app_demo_clusters(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, size_t ecosystems,
		      size_t *count, struct ec_diag *diag)
{
	struct ec_store *s = app->store;
	struct ec_demo_cluster_sink sink = { s, put_cluster, put_indicator };
	struct ec_cluster_data d;
	struct registry all = { NULL, 0 };
	uint8_t *member = NULL;
	int64_t rows = 0;
	char *err = NULL;
	int rc;

	*count = 0;
	rc = app_cluster_import(app, cat, EC_CLUSTER_FILE_CLUSTERS, "data/clusters.csv", (const char *)ec_data_clusters,
				ec_data_clusters_len, &rows, diag);
	if (rc != EC_OK)
		return rc;
	if ((rc = ec_cluster_data_load(s, cat, &d, &err)) != EC_OK) {
		ec_diag_add(diag, "demo clusters: %s", err);
		free(err);
		return rc;
	}
	/* The bases, the national clusters placed in them (as registered with
	** the bases), and the ecosystems of the latest year. */
	if (ec_demo_bases(&sink) != EC_OK || read_registry(s, &all) != EC_OK ||
	    ec_demo_cluster_parents(all.v, all.n, &sink) != EC_OK ||
	    ec_demo_ecosystems(cat, &d, ec_cluster_latest_year(&d), all.v, all.n, ecosystems, &sink) != EC_OK)
		goto io;
	/* The four projects' indicators, entered for every cluster and year. */
	if (read_registry(s, &all) != EC_OK)
		goto io;
	member = ec_malloc(d.nfirms + 1);
	for (size_t i = 0; i < all.n; i++) {
		size_t members;
		if (ec_cluster_members_stored(s, &d, &all.v[i], member, &members) != EC_OK ||
		    ec_demo_cluster_indicators(seed, &all.v[i], members, d.first_year, d.nyears, &sink) != EC_OK)
			goto io;
	}
	*count = all.n;
	goto out;
io:
	rc = app_store_failed(app, diag);
out:
	free(member);
	free(all.v);
	ec_cluster_data_release(&d);
	return rc;
}
