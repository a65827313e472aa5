/*
** The land and energy quotas file of an allocation: "region,land_mu,
** energy_tce", one row per province, every row checked against the
** catalogue (funding.h, ec_quota_check).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/funding.h"

/* A quota cell: a number, or empty for none (NaN). Returns 0, or 1. */
static int quota_cell(const struct ec_csv_field *f, double *out)
{
	const char *why;

	if (f->n == 0) {
		*out = NAN;
		return 0;
	}
	return ec_number_parse(f->p, f->n, out, &why) != EC_OK;
}

int ec_quota_file_read(const struct ec_catalog *cat, const char *name, const char *data, size_t len,
		       struct ec_quota **out, size_t *n, struct ec_diag *d)
{
	static const char *const cols[] = { "region", "land_mu", "energy_tce" };
	static const char *const codes[] = { "quota.region", "quota.land", "quota.energy" };
	size_t before = d->total;
	int64_t rows = 0;
	struct ec_csv c;

	*out = NULL;
	*n = 0;
	ec_csv_init_mem(&c, name, data, len);
	if (ec_csv_check_header(&c, cols, 3, d) == EC_OK) {
		while (ec_csv_next_row(&c, 3, "region,land_mu,energy_tce", &rows, d)) {
			struct ec_problem why;
			struct ec_quota q;
			int bad = -1;

			memset(&q, 0, sizeof q);
			if (c.fields[0].n != 6)
				bad = 0;
			else if (quota_cell(&c.fields[1], &q.land_mu))
				bad = 1;
			else if (quota_cell(&c.fields[2], &q.energy_tce))
				bad = 2;
			if (bad >= 0) {
				ec_diag_value(d, codes[bad], name, c.line, cols[bad], c.fields[bad].p, c.fields[bad].n);
				continue;
			}
			snprintf(q.region, sizeof q.region, "%.6s", c.fields[0].p);
			if (ec_quota_problem(cat, &q, *out, *n, &why) != EC_OK) {
				ec_diag_put(d, name, c.line, &why);
				continue;
			}
			*out = ec_realloc(*out, (*n + 1) * sizeof **out);
			(*out)[(*n)++] = q;
		}
	}
	ec_csv_release(&c);
	if (d->total == before)
		return EC_OK;
	free(*out);
	*out = NULL;
	*n = 0;
	return EC_EDATA;
}
