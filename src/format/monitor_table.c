/*
** Monitoring figures as a table of cells, the one place that turns rows
** into the columns the command and the API give.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "echelon/catalog.h"
#include "echelon/monitor.h"
#include "echelon/output.h"

const char *const ec_monitor_columns[EC_MONITOR_NCOLS] = {
	"group_kind", "group_code", "group_name", "region", "period", "basis",
	"enterprises", "value_added", "value_added_base", "value_added_real", "growth_pct", "gap_pp",
	"share_pct", "contribution_pct", "pull_pp", "revenue", "employees", "rd_intensity_pct", "small",
};

const enum ec_col_kind ec_monitor_column_kinds[EC_MONITOR_NCOLS] = {
	EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
	EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
	EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_BOOL,
};

const char *ec_monitor_group_name(const struct ec_monitor_row *r, const struct ec_catalog *cat, int en, char *buf,
				  size_t size)
{
	const struct ec_category *c;
	const struct ec_region *g;

	switch (r->kind) {
	case EC_G_ALL:
		return en ? "All industry above designated size" : "规模以上工业";
	case EC_G_SEI:
		return en ? "Strategic emerging industries" : "战略性新兴产业";
	case EC_G_AREA:
	case EC_G_DIRECTION:
		c = ec_catalog_find_category(cat, r->group_code, strlen(r->group_code));
		return c ? (en ? c->name_en : c->name_zh) : r->group_code;
	case EC_G_PROVINCE:
	case EC_G_PREFECTURE:
		g = ec_catalog_find_region(cat, r->group_code, strlen(r->group_code));
		return g ? (en ? g->name_en : g->name_zh) : r->group_code;
	case EC_G_AREA_PROVINCE:
		c = ec_catalog_find_category(cat, r->group_code, strlen(r->group_code));
		g = ec_catalog_find_region(cat, r->region, strlen(r->region));
		snprintf(buf, size, "%s%s%s", c ? (en ? c->name_en : c->name_zh) : r->group_code, en ? ", " : "·",
			 g ? (en ? g->name_en : g->name_zh) : r->region);
		return buf;
	}
	return r->group_code;
}

static void number(char *out, double v)
{
	if (isnan(v) || isinf(v))
		out[0] = '\0';
	else
		snprintf(out, 32, "%.17g", v);
}

void ec_monitor_rows_table(const struct ec_monitor_row *rows, size_t n, const struct ec_catalog *cat,
			   int64_t small_below, struct ec_table *t)
{
	for (size_t i = 0; i < n; i++) {
		const struct ec_monitor_row *r = &rows[i];
		char period[8], ent[24], emp[24], name[256], v[10][32];
		const char *cells[EC_MONITOR_NCOLS];

		ec_period_format(r->period, period);
		snprintf(ent, sizeof ent, "%lld", (long long)r->enterprises);
		snprintf(emp, sizeof emp, "%lld", (long long)r->employees);
		number(v[0], r->value_added);
		number(v[1], r->value_added_base);
		number(v[2], r->value_added_real);
		number(v[3], r->growth_pct);
		number(v[4], r->gap_pp);
		number(v[5], r->share_pct);
		number(v[6], r->contribution_pct);
		number(v[7], r->pull_pp);
		number(v[8], r->revenue);
		number(v[9], r->rd_intensity_pct);
		cells[0] = ec_group_kind_name(r->kind);
		cells[1] = r->group_code;
		cells[2] = ec_monitor_group_name(r, cat, 0, name, sizeof name);
		cells[3] = r->region;
		cells[4] = period;
		cells[5] = r->basis == EC_BASIS_MONTH ? "month" : "cumulative";
		cells[6] = ent;
		for (int k = 0; k < 9; k++)
			cells[7 + k] = v[k];
		cells[16] = emp;
		cells[17] = v[9];
		/* all and sei are never small: they are what groups are measured against */
		cells[18] = r->kind != EC_G_ALL && r->kind != EC_G_SEI && r->enterprises < small_below ? "true" : "false";
		ec_table_add(t, cells);
	}
}

const char *const ec_firm_growth_columns[5] = { "period", "month_value_added", "month_revenue", "va_month_growth_pct",
						  "va_cumulative_growth_pct" };
static const enum ec_col_kind firm_growth_kinds[5] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
							EC_COL_NUMBER };

void ec_firm_growth_table(const struct ec_firm_month *months, size_t n, struct ec_table *t)
{
	ec_table_init(t, 5, ec_firm_growth_columns, firm_growth_kinds);
	for (size_t i = 0; i < n; i++) {
		char period[8], va[32], revenue[32], month[32], cumulative[32];
		const char *cells[5] = { period, va, revenue, month, cumulative };

		ec_period_format(months[i].period, period);
		number(va, months[i].value_added);
		number(revenue, months[i].revenue);
		number(month, months[i].growth_pct);
		number(cumulative, months[i].cumulative_growth_pct);
		ec_table_add(t, cells);
	}
}
