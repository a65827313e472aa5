/*
** A cluster's months as a table of cells: the one place that turns them
** into the columns the command and the API give.
*/
#include <math.h>
#include <stdio.h>

#include "echelon/cluster.h"
#include "echelon/output.h"

static const char *const columns[EC_CLUSTER_SERIES_NCOLS] = {
	"cluster", "period", "basis", "enterprises", "value_added", "value_added_base", "value_added_real",
	"growth_pct", "sei_value_added", "sei_share_pct", "suppressed", "suppression",
};

static const enum ec_col_kind kinds[EC_CLUSTER_SERIES_NCOLS] = {
	EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
	EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_BOOL, EC_COL_TEXT,
};

static void number(char out[32], double v)
{
	if (isnan(v) || isinf(v))
		out[0] = '\0';
	else
		snprintf(out, 32, "%.17g", v);
}

void ec_cluster_series_table(const char *code, const struct ec_cluster_month *rows, size_t n,
			     const enum ec_sdc_reason *reason, struct ec_table *t)
{
	ec_table_init(t, reason ? EC_CLUSTER_SERIES_NCOLS : EC_CLUSTER_SERIES_NCOLS - 2, columns, kinds);
	for (size_t i = 0; i < n; i++) {
		const struct ec_cluster_month *r = &rows[i];
		char period[8], count[24], v[6][32];
		const char *cells[EC_CLUSTER_SERIES_NCOLS];

		ec_period_format(r->period, period);
		snprintf(count, sizeof count, "%lld", (long long)r->enterprises);
		number(v[0], r->value_added);
		number(v[1], r->value_added_base);
		number(v[2], r->value_added_real);
		number(v[3], r->growth_pct);
		number(v[4], r->sei_value_added);
		number(v[5], r->share_pct);
		cells[0] = code;
		cells[1] = period;
		cells[2] = r->basis == EC_BASIS_MONTH ? "month" : "cumulative";
		cells[3] = count;
		for (int k = 0; k < 6; k++)
			cells[4 + k] = v[k];
		cells[10] = reason && reason[i] != EC_SDC_SHOWN ? "1" : "0";
		cells[11] = reason ? ec_sdc_reason_name(reason[i]) : "";
		ec_table_add(t, cells);
	}
}
