/*
** A single enterprise's own growth, month by month, from its reports: value
** added against the same month a year earlier, and January to the month
** against the same months a year earlier, at current prices. The
** enterprise page, its download and its JSON all take their figures from
** here (docs/methods.md, "An enterprise's own growth").
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/monitor.h"

static int by_period(const void *a, const void *b)
{
	const struct ec_firm_month *x = a, *y = b;
	return (x->period > y->period) - (x->period < y->period);
}

/* The entry of period in out[0..n) (sorted), or NULL. */
static const struct ec_firm_month *at(const struct ec_firm_month *out, size_t n, int period)
{
	struct ec_firm_month key = { .period = period };
	return bsearch(&key, out, n, sizeof *out, by_period);
}

static double pct(double now, double before)
{
	return before > 0 && isfinite(now) ? (now - before) / before * 100 : NAN;
}

void ec_firm_growth(const struct ec_report *reports, size_t n, struct ec_firm_month *out)
{
	for (size_t i = 0; i < n; i++) {
		out[i].period = reports[i].period;
		out[i].value_added = reports[i].value_added;
		out[i].revenue = reports[i].revenue;
	}
	qsort(out, n, sizeof *out, by_period);
	for (size_t i = 0; i < n; i++) {
		const struct ec_firm_month *before = at(out, n, out[i].period - 12);
		int january = out[i].period - (ec_period_month(out[i].period) - 1);
		double now_sum = 0, before_sum = 0;
		int both = 0;

		out[i].growth_pct = before ? pct(out[i].value_added, before->value_added) : NAN;
		for (int p = january; p <= out[i].period; p++) {
			const struct ec_firm_month *m = at(out, n, p), *b = at(out, n, p - 12);
			if (m && b) {
				now_sum += m->value_added;
				before_sum += b->value_added;
				both++;
			}
		}
		out[i].cumulative_growth_pct = both ? pct(now_sum, before_sum) : NAN;
	}
}
