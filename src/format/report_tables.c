/*
** The monthly bulletin's tables, for a workbook (a sheet per table): the
** totals, the areas, the regions and the months, with the column keys of columns.c so
** that a download names, scales and rounds them as every other download.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "echelon/bulletin.h"
#include "echelon/report.h"
#include "echelon/sdc.h"

_Static_assert(EC_BULLETIN_SMALL == EC_MONITOR_SMALL_GROUP, "a small group is the same in the bulletin and the monitor");

static const char *const totals_cols[] = { "group_code", "group_name", "enterprises", "value_added",
					   "growth_pct", "gap_pp", "share_pct", "suppression" };
static const enum ec_col_kind totals_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						 EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };
static const char *const areas_cols[] = { "group_code", "group_name", "enterprises", "value_added",
					  "growth_pct", "growth_previous_pct", "growth_change_pp", "share_pct",
					  "small", "suppression" };
static const enum ec_col_kind areas_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						EC_COL_BOOL, EC_COL_TEXT };
static const char *const regions_cols[] = { "group_code", "group_name", "enterprises", "value_added",
					    "growth_pct", "gap_pp", "share_pct", "small", "suppression" };
static const enum ec_col_kind regions_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_BOOL, EC_COL_TEXT };
static const char *const months_cols[] = { "period", "sei_growth_pct", "all_growth_pct" };
static const enum ec_col_kind months_kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER };

/* A figure as stored (full precision; the download rounds it), "" when
** hidden or undefined. */
static void number(char *out, size_t size, double v, int hidden)
{
	if (hidden || isnan(v))
		out[0] = '\0';
	else
		snprintf(out, size, "%.17g", v);
}

/* The change of growth as the sentences say it: of the rounded figures. */
static double change_of(const struct ec_bulletin_figure *f)
{
	return ec_bulletin_round(ec_bulletin_round(f->growth_pct) - ec_bulletin_round(f->growth_previous_pct));
}

void ec_bulletin_tables(const struct ec_bulletin *b, enum ec_lang lang, struct ec_table t[EC_BULLETIN_NTABLES],
			const char *sheets[EC_BULLETIN_NTABLES])
{
	const struct ec_bulletin_figure *totals[2] = { &b->sei, &b->all };
	int zh = lang == EC_LANG_ZH;

	sheets[0] = zh ? "主要指标" : "Main figures";
	sheets[1] = zh ? "分领域" : "By area";
	sheets[2] = zh ? "分地区" : "By region";
	sheets[3] = zh ? "分月累计增速" : "Month by month";
	ec_table_init(&t[0], 8, totals_cols, totals_kinds);
	for (int i = 0; i < 2; i++) {
		const struct ec_bulletin_figure *f = totals[i];
		int hide = f->reason != EC_SDC_SHOWN;
		char ent[24], va[40], g[40], gap[40], share[40];
		snprintf(ent, sizeof ent, "%lld", (long long)f->enterprises);
		number(va, sizeof va, f->value_added, hide);
		number(g, sizeof g, f->growth_pct, hide);
		number(gap, sizeof gap, i == 0 ? f->gap_pp : NAN, hide);
		number(share, sizeof share, i == 0 ? f->share_pct : 100.0, hide);
		ec_table_addv(&t[0], f->code, zh ? f->name_zh : f->name_en, ent, va, g, gap, share,
			      ec_sdc_reason_name(f->reason));
	}
	ec_table_init(&t[1], 10, areas_cols, areas_kinds);
	for (size_t i = 0; i < b->nareas; i++) {
		const struct ec_bulletin_figure *f = &b->areas[i];
		int hide = f->reason != EC_SDC_SHOWN;
		char ent[24], va[40], g[40], prev[40], change[40], share[40];
		snprintf(ent, sizeof ent, "%lld", (long long)f->enterprises);
		number(va, sizeof va, f->value_added, hide);
		number(g, sizeof g, f->growth_pct, hide);
		number(prev, sizeof prev, f->growth_previous_pct, hide);
		number(change, sizeof change, change_of(f), hide);
		number(share, sizeof share, f->share_pct, hide);
		ec_table_addv(&t[1], f->code, zh ? f->name_zh : f->name_en, ent, va, g, prev, change, share,
			      f->small ? "1" : "0", ec_sdc_reason_name(f->reason));
	}
	/* the regions: SEI of each, against all industry of the region */
	ec_table_init(&t[2], 9, regions_cols, regions_kinds);
	for (size_t i = 0; i < b->nregions; i++) {
		const struct ec_bulletin_figure *f = &b->regions[i];
		int hide = f->reason != EC_SDC_SHOWN;
		char ent[24], va[40], g[40], gap[40], share[40];
		snprintf(ent, sizeof ent, "%lld", (long long)f->enterprises);
		number(va, sizeof va, f->value_added, hide);
		number(g, sizeof g, f->growth_pct, hide);
		number(gap, sizeof gap, f->gap_pp, hide);
		number(share, sizeof share, f->share_pct, hide);
		ec_table_addv(&t[2], f->code, zh ? f->name_zh : f->name_en, ent, va, g, gap, share, f->small ? "1" : "0",
			      ec_sdc_reason_name(f->reason));
	}
	ec_table_init(&t[3], 3, months_cols, months_kinds);
	for (size_t i = 0; i < b->nmonths; i++) {
		char p[8], sei[40], all[40];
		ec_period_format(b->months[i].period, p);
		number(sei, sizeof sei, b->months[i].sei_growth_pct, 0);
		number(all, sizeof all, b->months[i].all_growth_pct, 0);
		ec_table_addv(&t[3], p, sei, all);
	}
}
