/*
** Loading the yearly sums of every enterprise for the cluster indicators:
** value added (current and at the previous year's prices, deflated month by
** month with ec_deflate as monitoring does), revenue, R&D, patents and
** employees by enterprise and year.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/monitor.h"
#include "echelon/store.h"

struct loader {
	struct ec_cluster_data *d;
	int64_t *ids;
	size_t cap;
	int first_period, nmonths;
	double *ppi;          /* [division * nmonths + t] */
	int32_t *last_month;  /* [firm * nyears + y]: month index of the latest employees */
	size_t cursor;
	uint8_t *division;
};

static int take_enterprise(void *ctx, const struct ec_enterprise *e)
{
	struct loader *l = ctx;
	struct ec_cluster_data *d = l->d;
	const struct ec_category *c;

	if (d->nfirms == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4096;
		l->ids = ec_realloc(l->ids, l->cap * sizeof *l->ids);
		d->uscc = ec_realloc(d->uscc, l->cap * sizeof *d->uscc);
		d->region = ec_realloc(d->region, l->cap * sizeof *d->region);
		d->category = ec_realloc(d->category, l->cap * sizeof *d->category);
		d->lat = ec_realloc(d->lat, l->cap * sizeof *d->lat);
		d->lon = ec_realloc(d->lon, l->cap * sizeof *d->lon);
		l->division = ec_realloc(l->division, l->cap);
	}
	l->ids[d->nfirms] = e->id;
	memcpy(d->uscc[d->nfirms], e->uscc, 19);
	d->region[d->nfirms] = (int32_t)strtol(e->region, NULL, 10);
	d->lat[d->nfirms] = e->lat;
	d->lon[d->nfirms] = e->lon;
	c = e->sei_primary[0] ? ec_catalog_find_category(d->cat, e->sei_primary, strlen(e->sei_primary)) : NULL;
	d->category[d->nfirms] = c ? (int16_t)(c - d->cat->categories) : -1;
	l->division[d->nfirms] = (uint8_t)((e->industry[0] - '0') * 10 + (e->industry[1] - '0'));
	d->nfirms++;
	return 0;
}

static int take_deflator(void *ctx, const struct ec_deflator *df)
{
	struct loader *l = ctx;
	int div = (df->division[0] - '0') * 10 + (df->division[1] - '0');

	if (df->period >= l->first_period && df->period < l->first_period + l->nmonths && div >= 0 && div < 100)
		l->ppi[(size_t)div * (size_t)l->nmonths + (size_t)(df->period - l->first_period)] = df->ppi_yoy;
	return 0;
}

static int take_report(void *ctx, const struct ec_report *r)
{
	struct loader *l = ctx;
	struct ec_cluster_data *d = l->d;
	size_t at;
	int t, y;

	while (l->cursor < d->nfirms && l->ids[l->cursor] < r->enterprise_id)
		l->cursor++;
	if (l->cursor >= d->nfirms || l->ids[l->cursor] != r->enterprise_id)
		return 0;
	t = r->period - l->first_period;
	y = t / 12;
	at = l->cursor * (size_t)d->nyears + (size_t)y;
	d->reported[at] = 1;
	d->va[at] += r->value_added;
	d->revenue[at] += r->revenue;
	d->rd[at] += r->rd_expense;
	d->patents[at] += r->patents;
	if (t >= l->last_month[at]) {
		l->last_month[at] = t;
		d->employees[at] = r->employees > INT32_MAX ? INT32_MAX : (int32_t)r->employees;
	}
	/* The monitoring's deflation and its rule: a month whose deflator is
	** missing makes the year's real value added NaN, and with it the growth
	** of any group the enterprise is in. */
	d->va_real[at] += ec_deflate(r->value_added,
				     l->ppi[(size_t)l->division[l->cursor] * (size_t)l->nmonths + (size_t)t]);
	return 0;
}

int ec_cluster_data_load(struct ec_store *s, const struct ec_catalog *cat, struct ec_cluster_data *d, char **err)
{
	struct ec_store_counts counts;
	struct loader l;
	size_t cells;
	int rc;

	*err = NULL;
	memset(d, 0, sizeof *d);
	memset(&l, 0, sizeof l);
	d->cat = cat;
	l.d = d;
	if (ec_store_counts(s, &counts) != EC_OK) {
		*err = ec_strdup(ec_store_errmsg(s));
		return EC_EIO;
	}
	if (counts.reports <= 0) {
		*err = ec_strdup("the database holds no reports: import them with `echelon import reports`");
		return EC_ENOTFOUND;
	}
	if ((rc = ec_store_enterprise_each(s, take_enterprise, &l)) != EC_OK)
		goto io;
	d->first_year = ec_period_year(counts.first_period);
	d->nyears = ec_period_year(counts.last_period) - d->first_year + 1;
	l.first_period = ec_period_make(d->first_year, 1);
	l.nmonths = d->nyears * 12;
	cells = d->nfirms * (size_t)d->nyears;
	d->va = ec_calloc(cells, sizeof *d->va);
	d->va_real = ec_calloc(cells, sizeof *d->va_real);
	d->revenue = ec_calloc(cells, sizeof *d->revenue);
	d->rd = ec_calloc(cells, sizeof *d->rd);
	d->patents = ec_calloc(cells, sizeof *d->patents);
	d->employees = ec_calloc(cells, sizeof *d->employees);
	d->reported = ec_calloc(cells, 1);
	l.last_month = ec_malloc((cells ? cells : 1) * sizeof *l.last_month);
	for (size_t i = 0; i < cells; i++)
		l.last_month[i] = -1;
	l.ppi = ec_malloc(100 * (size_t)l.nmonths * sizeof *l.ppi);
	for (size_t i = 0; i < 100 * (size_t)l.nmonths; i++)
		l.ppi[i] = NAN;
	if ((rc = ec_store_deflator_each(s, l.first_period, l.first_period + l.nmonths - 1, take_deflator, &l)) != EC_OK ||
	    (rc = ec_store_report_each(s, l.first_period, l.first_period + l.nmonths - 1, take_report, &l)) != EC_OK)
		goto io;
	free(l.ids);
	free(l.ppi);
	free(l.last_month);
	free(l.division);
	return EC_OK;
io:
	*err = ec_strdup(ec_store_errmsg(s));
	free(l.ids);
	free(l.ppi);
	free(l.last_month);
	free(l.division);
	ec_cluster_data_release(d);
	return EC_EIO;
}
