/*
** The SEI monitoring engine: comparable-price, same-sample growth of value
** added of enterprises above designated size, SEI against all industry, by
** area, direction, province, prefecture and area x province, for every
** month (cumulative from January, or the month alone). No I/O: the caller
** hands in columns; the engine builds a cube once and answers queries from
** it. The method is written out in docs/methods.md.
*/
#ifndef ECHELON_MONITOR_H
#define ECHELON_MONITOR_H

#include <stddef.h>
#include <stdint.h>
#include "echelon.h"
#include "record.h"

#define EC_ABOVE_SIZE_DEFAULT 20000.0 /* thousand yuan of revenue in y-1 */
#define EC_NDIRECTIONS_MAX 64
#define EC_NAREAS_MAX 16
#define EC_NOT_SEI 0xff

/* Deflation to comparable prices: the one function and the one rule for
** a missing deflator that monitoring (ec_monitor_build) and the cluster
** indicators (ec_cluster_data_load) share; docs/methods.md, "Deflation".
**
** Returns value, at the current prices of a month of year y, at the prices
** of the same month of y-1: value / (ppi / 100), where ppi is the PPI of
** the enterprise's industry division for that month against the same month
** of the previous year (previous year = 100).
**
** A PPI that is missing or invalid (NaN, infinite, <= 0) is never taken as
** 100: the result is then NaN, and so is every sum it enters, so the
** figure that needs it is undefined. A caller that refuses such a figure
** names the first (division, month) for which this returned NaN, as
** ec_monitor_query does. A zero value needs no deflator: it is 0 at any
** prices, whatever ppi is. Can't fail. */
double ec_deflate(double value, double ppi);

/* Above designated size: the one rule (docs/methods.md) that monitoring,
** the cluster indicators and the enterprise list share. An enterprise is
** above designated size in year y when its main business revenue of y-1
** (summed over the months it reported; a month not reported counts as 0)
** is at least threshold (EC_ABOVE_SIZE_DEFAULT, thousand yuan). 1 or 0;
** NaN revenue is 0. Can't fail. */
int ec_above_size(double revenue_previous_year, double threshold);

/* A block of the enterprises' rows, for an input that streams them. */
struct ec_monitor_rows {
	size_t from;
	const double *value_added, *revenue, *rd_expense;
	const int32_t *employees;
	const uint8_t *reported;
};

/* The columns the engine reads, owned by the caller. Months run over whole
** years: month t (0-based) is period first_period + t, first_period is a
** January, and nmonths is a multiple of 12. */
struct ec_monitor_input {
	size_t nenterprises;
	int first_period;
	int nmonths;
	/* per enterprise */
	const uint8_t *division;    /* GB/T 4754 division 1..97 of its class */
	const uint8_t *direction;   /* index into directions[], or EC_NOT_SEI */
	const uint16_t *prefecture; /* index into prefectures[] */
	/* per enterprise x month, [e * nmonths + t]; a missing report is 0 */
	const double *value_added;
	const double *revenue;
	const double *rd_expense;
	const int32_t *employees;
	const uint8_t *reported;    /* 1 where a report exists (may be NULL) */
	/* per division x month, [division * nmonths + t]: PPI, previous year =
	** 100; NaN when missing (ec_deflate says what a missing one means) */
	const double *ppi;          /* 100 divisions */
	/* the groups' codes */
	size_t ndirections;
	const char *const *direction_codes; /* "1.1" ... */
	size_t nareas;
	const char *const *area_codes;      /* "1" ... */
	const uint8_t *direction_area;      /* direction -> area index */
	size_t nprefectures;
	const char *const *prefecture_codes; /* "320500" ... */
	const uint16_t *prefecture_province; /* prefecture -> province index */
	size_t nprovinces;
	const char *const *province_codes;   /* "320000" ... */
	double above_size;                   /* threshold, thousand yuan */
	/* When set, the engine calls rows before it reads the rows of the
	** enterprises up to `to` (from where the last call stopped), in
	** order, and the callback points *block at them (block->from is the
	** first; [(e - from) * nmonths + t]); the matrix pointers above are
	** then unused. A reader streaming its columns from a file
	** (ec_facts_stream_rows) keeps memory flat this way. A non-zero return
	** stops the build with that status and its *err. */
	int (*rows)(void *ctx, size_t to, struct ec_monitor_rows *block, char **err);
	void *rows_ctx;
};

enum ec_monitor_basis { EC_BASIS_CUMULATIVE, EC_BASIS_MONTH };

enum ec_monitor_by {
	EC_BY_NONE,          /* only the totals */
	EC_BY_AREA,
	EC_BY_DIRECTION,
	EC_BY_PROVINCE,
	EC_BY_PREFECTURE,
	EC_BY_AREA_PROVINCE
};

/* The kinds of group a row describes. */
enum ec_group_kind { EC_G_ALL, EC_G_SEI, EC_G_AREA, EC_G_DIRECTION, EC_G_PROVINCE, EC_G_PREFECTURE, EC_G_AREA_PROVINCE };

/* One row of figures. Growth and the ratios are NaN where undefined (a zero
** denominator). */
struct ec_monitor_row {
	enum ec_group_kind kind;
	char group_code[24];      /* "all", "sei", "1", "1.2", "320000", "1:320000" */
	char region[8];           /* the region compared against, "" = national */
	int period;
	enum ec_monitor_basis basis;
	int64_t enterprises;      /* in the sample */
	double value_added;       /* current prices, year y */
	double value_added_base;  /* same months of y-1, same sample */
	double value_added_real;  /* year y at y-1 prices */
	double growth_pct;
	double gap_pp;            /* growth - growth of all in the region */
	double share_pct;         /* of current VA of all in the region */
	double contribution_pct;  /* of the increase of all in the region */
	double pull_pp;           /* increase / base VA of all in the region */
	double revenue;
	int64_t employees;        /* in the last month of the range */
	double rd_intensity_pct;  /* R&D expense / revenue */
};

struct ec_monitor; /* the cube; opaque */
struct ec_sdc_rule;
enum ec_sdc_reason;

/* Builds the cube for every period that has a previous year. Copies what it
** needs: the input may be freed afterwards. Returns 0 and sets *out (caller
** frees with ec_monitor_free), or EC_EUSAGE with *err (caller frees) when the
** input is malformed. A missing deflator is not an error here: it is one
** for the queries that need it. */
int ec_monitor_build(const struct ec_monitor_input *in, struct ec_monitor **out /* OUT */,
		     char **err /* OUT */);
void ec_monitor_free(struct ec_monitor *m);

/* The periods the cube can answer: first..last (both -1 when none). */
void ec_monitor_range(const struct ec_monitor *m, int *first, int *last);

/* Answers one query: rows for `all` and `sei` in the region, then one row
** per group of the breakdown (in code order; groups with no enterprise in
** the sample are left out). region is "" (national), a province or a
** prefecture code. Returns 0 with *rows (caller frees) and *nrows, or
** EC_ENOTFOUND (no data for the period, an unknown region) or EC_EDATA (a
** deflator is missing: the message names the division and the month) with
** *err (caller frees). */
int ec_monitor_query(const struct ec_monitor *m, int period, enum ec_monitor_basis basis, enum ec_monitor_by by,
		     const char *region, struct ec_monitor_row **rows /* OUT */, size_t *nrows /* OUT */,
		     char **err /* OUT */);

/* Growth of one group over every period of the cube, for charts: rows in
** period order for the group named by kind and code within region.
** Returns as ec_monitor_query; periods whose deflators are missing are
** left out. */
int ec_monitor_series(const struct ec_monitor *m, enum ec_monitor_basis basis, enum ec_group_kind kind,
		      const char *code, const char *region, struct ec_monitor_row **rows /* OUT */,
		      size_t *nrows /* OUT */, char **err /* OUT */);

/* The series of several groups of one kind over a range of months. */
struct ec_monitor_series_query {
	enum ec_monitor_basis basis;
	enum ec_group_kind kind;       /* EC_G_ALL .. EC_G_PREFECTURE */
	const char *const *codes;      /* the groups ("all" or "sei" for those kinds) */
	size_t ncodes;
	const char *region;            /* "" or NULL: national */
	int from, to;                  /* periods, both included; -1: the cube's first, last */
};

/* The series of q's groups, group after group in q's order, each in period
** order over from..to (a period that cannot be measured, or whose
** deflators are missing, is left out). Each figure is that of
** ec_monitor_query for the period, the breakdown of q's kind and region.
** With rule not NULL, *reason (caller frees) gets one entry a row: the
** disclosure control of ec_monitor_rows_sdc applied to the whole breakdown
** of each period, so that a series hides what the single-period answer
** hides (complementary suppression included); with rule NULL *reason is
** NULL. Returns 0 with *rows (caller frees) and *nrows, EC_EUSAGE (no
** groups, from after to, a kind of two dimensions) or EC_ENOTFOUND (an
** unknown region; a group with no figure in the range, named) with *err
** (caller frees). */
int ec_monitor_series_groups(const struct ec_monitor *m, const struct ec_monitor_series_query *q,
			     const struct ec_sdc_rule *rule, struct ec_monitor_row **rows /* OUT */,
			     enum ec_sdc_reason **reason /* OUT */, size_t *nrows /* OUT */, char **err /* OUT */);

/* Names for the command line and the API. */
const char *ec_monitor_by_name(enum ec_monitor_by by);
int ec_monitor_by_parse(const char *s); /* -1 when unknown */
const char *ec_group_kind_name(enum ec_group_kind kind);

/* Disclosure control of an answer's rows (sdc.h): each row by the
** threshold rule on its enterprises (the cube keeps no largest enterprise,
** so the dominance rule does not apply here), then complementary
** suppression among siblings that add up to a published total: the rows of
** one breakdown (areas, directions, provinces, prefectures), and for area x
** province the rows of one area and the rows of one province. reason gets
** n entries. Can't fail. */
struct ec_sdc_rule;
enum ec_sdc_reason;
void ec_monitor_rows_sdc(const struct ec_monitor_row *rows, size_t n, const struct ec_sdc_rule *rule,
			 enum ec_sdc_reason *reason /* OUT: [n] */);


struct ec_store;
struct ec_catalog;

struct ec_store;
struct ec_facts;

/* Builds the cube from the column store (facts.h): enterprises count in
** their stored primary category, a county-level region in its prefecture;
** the reports are read where the file maps them, and let go as the engine
** passes them. above_size is the threshold (EC_ABOVE_SIZE_DEFAULT).
** Returns 0 and *out (free with ec_monitor_free), EC_ENOTFOUND when there
** are no reports, or EC_EDATA (a region not in the catalogue); *err
** (caller frees) says why. Implemented in src/app. */
int ec_monitor_load_facts(const struct ec_facts *f, const struct ec_catalog *cat, double above_size,
			  struct ec_monitor **out /* OUT */, char **err /* OUT */);

/* The same from a store, through an unnamed column store made for the
** call (tests; the application keeps one beside the database). */
int ec_monitor_load(struct ec_store *s, const struct ec_catalog *cat, double above_size,
		    struct ec_monitor **out /* OUT */, char **err /* OUT */);

/* The first half of ec_monitor_load_facts, for benchmarks that time the
** build alone: the engine's input in *in, pointing into f and into memory
** that *owner holds (release it with ec_monitor_input_free). */
int ec_monitor_input_facts(const struct ec_facts *f, const struct ec_catalog *cat, double above_size,
			   struct ec_monitor_input *in /* OUT */, void **owner /* OUT */, char **err /* OUT */);
void ec_monitor_input_free(void *owner);
/* One month of a single enterprise's own growth, at current prices
** (docs/methods.md, "An enterprise's own growth"): a single enterprise
** has no deflator of its own and is no sample, so these are not the
** monitoring's figures. */
struct ec_firm_month {
	int period;                    /* ec_period_make() */
	double value_added, revenue;   /* the month's, current prices */
	double growth_pct;             /* against the same month a year earlier; NAN: none to compare */
	double cumulative_growth_pct;  /* January to the month against the same months a year earlier,
	                                  over the months reported in both years; NAN: none */
};

/* The growth of an enterprise from its n monthly reports (any order; one a
** month): out gets one entry a report, in period order. A month with
** nothing a year earlier to compare (or a zero there) has NAN growth.
** Can't fail; out must hold n entries. */
void ec_firm_growth(const struct ec_report *reports, size_t n, struct ec_firm_month *out /* OUT: n */);

#endif
