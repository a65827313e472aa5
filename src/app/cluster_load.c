/*
** The yearly sums of every enterprise for the cluster indicators, from the
** column store (facts.h): value added (current and at the previous year's
** prices, deflated month by month with ec_deflate as monitoring does),
** revenue, R&D, patents and employees by enterprise and year.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/facts.h"
#include "echelon/monitor.h"
#include "echelon/store.h"

int ec_cluster_data_facts(const struct ec_facts *f, const struct ec_catalog *cat, struct ec_cluster_data *d,
			  char **err)
{
	size_t n = f->nenterprises, T = (size_t)f->nmonths, Y, cells;
	struct ec_facts_stream stream;
	int16_t *category_of;

	*err = NULL;
	memset(d, 0, sizeof *d);
	d->cat = cat;
	if (f->nmonths <= 0) {
		*err = ec_strdup("the database holds no reports: import them with `echelon import reports`");
		return EC_ENOTFOUND;
	}
	d->nfirms = n;
	d->first_year = ec_period_year(f->first_period);
	d->nyears = f->nmonths / 12;
	Y = (size_t)d->nyears;
	cells = n * Y;
	d->uscc = ec_malloc((n + 1) * sizeof *d->uscc);
	d->region = ec_malloc((n + 1) * sizeof *d->region);
	d->category = ec_malloc((n + 1) * sizeof *d->category);
	d->lat = ec_malloc((n + 1) * sizeof *d->lat);
	d->lon = ec_malloc((n + 1) * sizeof *d->lon);
	d->va = ec_calloc(cells + 1, sizeof *d->va);
	d->va_real = ec_calloc(cells + 1, sizeof *d->va_real);
	d->revenue = ec_calloc(cells + 1, sizeof *d->revenue);
	d->rd = ec_calloc(cells + 1, sizeof *d->rd);
	d->patents = ec_calloc(cells + 1, sizeof *d->patents);
	d->employees = ec_calloc(cells + 1, sizeof *d->employees);
	d->reported = ec_calloc(cells + 1, 1);
	category_of = ec_malloc((f->ncategories + 1) * sizeof *category_of);
	for (size_t k = 0; k < f->ncategories; k++) {
		const struct ec_category *c = ec_catalog_find_category(cat, f->category_codes[k],
									strlen(f->category_codes[k]));
		category_of[k] = c ? (int16_t)(c - cat->categories) : -1;
	}
	ec_facts_stream_begin(&stream, f, EC_FACTS_VALUE_ADDED | EC_FACTS_REVENUE | EC_FACTS_RD_EXPENSE |
						  EC_FACTS_EMPLOYEES | EC_FACTS_PATENTS | EC_FACTS_REPORTED);
	for (size_t e = 0; e < n; e++) {
		const double *ppi = f->ppi + (size_t)(f->industry[e] / 100) * T;
		size_t row;

		if (e % 8192 == 0 && ec_facts_stream_rows(&stream, e + 8192, err) != EC_OK) {
			ec_facts_stream_end(&stream);
			free(category_of);
			ec_cluster_data_release(d);
			return EC_EDATA;
		}
		row = (e - stream.from) * T;

		memcpy(d->uscc[e], f->uscc[e], EC_USCC_LEN);
		d->uscc[e][EC_USCC_LEN] = '\0';
		d->region[e] = (int32_t)f->region[e];
		d->category[e] = f->category[e] == EC_FACTS_NO_CATEGORY ? -1 : category_of[f->category[e]];
		d->lat[e] = f->lat[e];
		d->lon[e] = f->lon[e];
		for (size_t t = 0; t < T; t++) {
			size_t at = e * Y + t / 12;
			double va = stream.value_added[row + t];

			if (!stream.reported[row + t])
				continue;
			/* Sums over the months reported, in month order; employees
			** those of the last month reported in the year. */
			d->reported[at] = 1;
			d->va[at] += va;
			d->revenue[at] += stream.revenue[row + t];
			d->rd[at] += stream.rd_expense[row + t];
			d->patents[at] += stream.patents[row + t];
			d->employees[at] = stream.employees[row + t];
			/* The monitoring's deflation and its rule: a month whose
			** deflator is missing makes the year's real value added NaN,
			** and with it the growth of any group the enterprise is in. */
			d->va_real[at] += ec_deflate(va, ppi[t]);
		}
	}
	ec_facts_stream_end(&stream);
	free(category_of);
	return EC_OK;
}

int ec_cluster_data_load(struct ec_store *s, const struct ec_catalog *cat, struct ec_cluster_data *d, char **err)
{
	struct ec_facts *f;
	int rc;

	memset(d, 0, sizeof *d);
	if ((rc = ec_facts_from_store(s, NULL, NULL, NULL, &f, err)) != EC_OK)
		return rc;
	rc = ec_cluster_data_facts(f, cat, d, err);
	ec_facts_close(f);
	return rc;
}

int ec_cluster_series_facts(const struct ec_facts *f, const uint8_t *member, size_t nfirms,
			    const struct ec_cluster_series_query *q, const struct ec_monitor *sei,
			    struct ec_cluster_month **rows, size_t *nrows, char **err)
{
	struct ec_cluster_months in;
	size_t T = (size_t)(f->nmonths > 0 ? f->nmonths : 0), n = 0, m = 0;
	uint8_t *division, *reported;
	double *va, *revenue;
	int rc;

	*rows = NULL;
	*nrows = 0;
	*err = NULL;
	if (nfirms != f->nenterprises) {
		*err = ec_asprintf("the members are of %zu enterprises, the column store has %zu", nfirms,
				   f->nenterprises);
		return EC_EDATA;
	}
	if (!T) {
		*err = ec_strdup("the database holds no reports: import them with `echelon import reports`");
		return EC_ENOTFOUND;
	}
	for (size_t e = 0; e < nfirms; e++)
		n += member[e] != 0;
	/* The members' rows, read where the file maps them. */
	division = ec_malloc(n + 1);
	reported = ec_malloc(n * T + 1);
	va = ec_malloc((n * T + 1) * sizeof *va);
	revenue = ec_malloc((n * T + 1) * sizeof *revenue);
	for (size_t e = 0; e < nfirms; e++) {
		if (!member[e])
			continue;
		division[m] = (uint8_t)(f->industry[e] / 100);
		memcpy(va + m * T, f->value_added + e * T, T * sizeof *va);
		memcpy(revenue + m * T, f->revenue + e * T, T * sizeof *revenue);
		memcpy(reported + m * T, f->reported + e * T, T);
		m++;
	}
	memset(&in, 0, sizeof in);
	in.nmembers = n;
	in.first_period = f->first_period;
	in.nmonths = f->nmonths;
	in.division = division;
	in.value_added = va;
	in.revenue = revenue;
	in.reported = reported;
	in.ppi = f->ppi;
	in.above_size = EC_ABOVE_SIZE_DEFAULT;
	rc = ec_cluster_series(&in, q, sei, rows, nrows, err);
	free(division);
	free(reported);
	free(va);
	free(revenue);
	return rc;
}
