/*
** The monthly bulletin: the figures the statistics bureau publishes each
** month for strategic emerging industries (SEI) of a region, taken from the
** monitoring cube, passed through the disclosure control, and the sentences
** that say them in the bureau's style, in Chinese or English. No I/O; the
** renderings (HTML, XLSX) are in src/format, the PDF in src/app. The rules
** of the sentences are in docs/methods.md, "The monthly bulletin".
*/
#ifndef ECHELON_BULLETIN_H
#define ECHELON_BULLETIN_H

#include <stddef.h>
#include <stdint.h>
#include "echelon.h"
#include "monitor.h"
#include "problem.h"
#include "sdc.h"

/* An area whose growth moves this much or more against the previous
** month's range is a notable change; at most EC_BULLETIN_NOTABLE_MAX. */
#define EC_BULLETIN_NOTABLE_PP 2.0
#define EC_BULLETIN_NOTABLE_MAX 3
/* Fewer enterprises in the sample: a small group, shown but never ranked;
** the monitor's EC_MONITOR_SMALL_GROUP (output.h), which report_tables.c
** checks it equals. */
#define EC_BULLETIN_SMALL 10
/* The regions of a bulletin's regions table: the provinces of the national
** bulletin, the prefectures of a province's (34 and at most ~25). */
#define EC_BULLETIN_REGIONS_MAX 48

/* One published group: all industry, SEI, or an SEI area, January to the
** month of the bulletin (cumulative), comparable prices. */
struct ec_bulletin_figure {
	char code[24];            /* "all", "sei", an area "1" .. "9" */
	char name_zh[96];
	char name_en[128];
	int64_t enterprises;      /* in the sample */
	double value_added;       /* thousand yuan, current prices */
	double growth_pct;        /* NaN where undefined */
	double gap_pp;            /* growth - growth of all industry */
	double share_pct;         /* of all industry's value added */
	double growth_previous_pct; /* January to the month before; NaN for January, hidden or undefined */
	enum ec_sdc_reason reason;  /* EC_SDC_SHOWN, or why the figures are not published */
	int small;                /* fewer than EC_BULLETIN_SMALL enterprises: shown, never ranked */
};

/* The cumulative growth of a month of the year, for the chart. */
struct ec_bulletin_month {
	int period;
	double sei_growth_pct, all_growth_pct; /* NaN: hidden or undefined */
};

struct ec_bulletin {
	int period;               /* the month: January to it */
	char region[8];           /* "" national, a province or prefecture */
	char region_zh[64];       /* "全国", "江苏省" */
	char region_en[96];       /* "China", "Jiangsu" */
	struct ec_bulletin_figure all, sei;
	size_t nareas;
	struct ec_bulletin_figure areas[EC_NAREAS_MAX]; /* in code order */
	int leading, lagging;     /* the published, not small areas growing fastest and slowest; -1: none */
	/* SEI by region one level down (the provinces of the national bulletin,
	** the prefectures of a province's; none for a prefecture's), each
	** against all industry of the region, in code order */
	enum ec_group_kind regions_kind; /* EC_G_PROVINCE or EC_G_PREFECTURE */
	size_t nregions;
	struct ec_bulletin_figure regions[EC_BULLETIN_REGIONS_MAX];
	size_t nmonths;
	struct ec_bulletin_month months[12]; /* January .. the month */
};

/* Fills *b with the bulletin of period (January to it) and region ("",
** a province or prefecture code) from the cube m, names from cat, the
** disclosure control rule applied to every figure whoever reads it (a
** bulletin is a publication): a hidden figure is NaN with its reason, and
** complementary suppression among the areas, and among the regions, as
** the monitor applies it.
** Then chooses the leading and lagging areas (ec_bulletin_rank).
** Returns 0, EC_ENOTFOUND (the period cannot be measured, the region is
** unknown) or EC_EDATA (a deflator is missing) with *err (caller frees);
** *b is then zeroed. */
int ec_bulletin_make(const struct ec_monitor *m, const struct ec_catalog *cat, int period, const char *region,
		     const struct ec_sdc_rule *rule, struct ec_bulletin *b /* OUT */, char **err /* OUT */);

/* Sets b->leading and b->lagging from b->areas: among the areas whose
** growth is published, defined and not small, the highest and the lowest
** growth rounded to one decimal (the first in code order on ties); -1
** when there is none (lagging is -1 too when only one area qualifies).
** Can't fail. */
void ec_bulletin_rank(struct ec_bulletin *b);

/* The range of months, as the bureau writes it: "1月份", "1—6月份";
** "January", "January–June". Can't fail. */
void ec_bulletin_range(int period, enum ec_lang lang, char *out, size_t size);

/* A figure as the bulletin rounds it: one decimal, half away from zero,
** never "-0.0". */
double ec_bulletin_round(double v);

/* Appends the bulletin's sentences to out: paragraphs (headline, all
** industry and share, the areas, notable changes) separated by "\n\n",
** each ending with its full stop. Returns 0, or EC_ELIMIT (out unchanged)
** when out's limit would be passed. */
int ec_bulletin_text(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *out);

#endif
