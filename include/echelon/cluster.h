/*
** The cluster echelon: the registry of SEI bases, clusters and ecosystems,
** their members, and the indicators computed by year from the members'
** reports — size, growth by the monitoring method, R&D, patents, national
** share, location quotient, the U.S. Cluster Mapping "strong cluster" rule
** and European-style stars. No I/O here; the columns come from a loader.
*/
#ifndef ECHELON_CLUSTER_H
#define ECHELON_CLUSTER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "catalog.h"
#include "echelon.h"
#include "monitor.h"
#include "sdc.h"

enum ec_tier { EC_TIER_BASE, EC_TIER_CLUSTER, EC_TIER_ECOSYSTEM, EC_NTIERS };

#define EC_CLUSTER_CODE_MAX 32

struct ec_cluster {
	char code[EC_CLUSTER_CODE_MAX];
	char name_zh[256];
	char name_en[256];
	enum ec_tier tier;
	char parent[EC_CLUSTER_CODE_MAX]; /* "" or a cluster code */
	char regions[256];    /* ';'-separated GB/T 2260 codes */
	char categories[256]; /* ';'-separated SEI codes of any level */
	char agency[256];
	int founded;          /* year, 0 when unknown */
	char source[64];
};

/* "base", "cluster", "ecosystem" -> tier; -1 when unknown. */
int ec_tier_parse(const char *s);
const char *ec_tier_name(enum ec_tier t);
/* "base, cluster or ecosystem", for messages, into out. Returns out. */
char *ec_tier_names(char *out, size_t size);

/* The indicators entered by year for the four projects of the policy. */
#define EC_NENTERED 12
extern const char *const ec_entered_indicators[EC_NENTERED];
/* 1 when name is one of them. */
int ec_entered_indicator_known(const char *name);

/* Checks a cluster against the catalogues: code (1..31 of A-Z a-z 0-9 - _ .),
** names, tier, regions (known codes), categories (known SEI codes), year.
** Returns 0, or EC_EDATA with the problem, about its field, in *why (may be
** NULL; the caller places or releases it). */
int ec_cluster_check(const struct ec_cluster *c, const struct ec_catalog *cat, struct ec_problem *why /* OUT */);

/* A region code as the prefix it stands for: 320000 -> "32", 320500 ->
** "3205", 320506 -> "320506". Writes into out (7 bytes). */
void ec_region_prefix(const char *code, char out[7]);

/* The enterprises and their yearly sums the indicators are computed from,
** filled by ec_cluster_data_facts. Per firm x year arrays are
** [firm * nyears + y]. */
struct ec_cluster_data {
	size_t nfirms;
	char (*uscc)[19];
	int32_t *region;        /* the 6-digit code as a number */
	int16_t *category;      /* primary category: index into cat->categories, -1 when not SEI */
	double *lat, *lon;      /* WGS84 degrees, NaN when unknown */
	int first_year, nyears;
	double *va;             /* value added, current prices */
	double *va_real;        /* at the previous year's prices (PPI), when a deflator exists */
	double *revenue, *rd;
	int64_t *patents;
	int32_t *employees;     /* in the last month reported in the year */
	uint8_t *reported;      /* the firm reported in the year */
	const struct ec_catalog *cat;
};

void ec_cluster_data_release(struct ec_cluster_data *d);

/* Membership: enterprises in the cluster's regions whose primary category is
** one of its categories or below one, plus includes, minus excludes
** (';'-separated USCCs, may be NULL). member gets 0/1 per firm. Returns the
** number of members. */
size_t ec_cluster_members(const struct ec_cluster_data *d, const struct ec_cluster *c, const char *includes,
			  const char *excludes, uint8_t *member /* OUT: nfirms */);

struct ec_cluster_indicators {
	int year;
	int64_t enterprises;        /* members that reported in the year */
	int64_t above_size;         /* of them, above designated size; -1 when not available (the
				    ** year before, whose revenue decides it, is not in the data) */
	double value_added;         /* members, current prices */
	double largest_va;          /* the largest member's value added (disclosure control's dominance rule) */
	double growth_pct;          /* above-size members, same sample, comparable prices; NaN if undefined */
	double revenue;
	int64_t employees;
	double rd_intensity_pct;
	double patents_per_1000;    /* patents granted in the year per 1 000 employees */
	double national_share_pct;  /* of the national value added of its categories */
	double lq;                  /* location quotient of its categories in its regions */
	double lq_p75;              /* 75th percentile of that LQ among regions of the same level */
	int strong;                 /* the U.S. Cluster Mapping rule */
	int star_size, star_specialisation, star_performance, stars;
	int64_t region_employees, region_establishments; /* its categories in its regions */
	size_t regions_compared;    /* regions of the same level with any of its categories */
};

/* Computes the indicators of year for a cluster with the given members,
** against every region of the same level as the cluster's first region.
** Returns 0, or EC_ENOTFOUND when the year has no data (*err set, caller
** frees). above_size is the threshold (thousand yuan of previous-year
** revenue). */
int ec_cluster_indicators(const struct ec_cluster_data *d, const struct ec_cluster *c, const uint8_t *member,
			  int year, double above_size, struct ec_cluster_indicators *out /* OUT */,
			  char **err /* OUT */);

/* The disclosure control of a cluster's year (sdc.h): when rule hides the
** cell (its members' count, its largest member's value added against the
** total), the figures made of the members' own reports are blanked (NaN;
** employees -1) and the reason returned; the LQ, the strong rule and the
** stars, which rank the cluster's regions, stay. Growth, made of the
** members above designated size alone, is blanked too when fewer of them
** than the rule's count, the cell being shown or not. Can't fail. */
enum ec_sdc_reason ec_cluster_indicators_sdc(const struct ec_sdc_rule *rule, struct ec_cluster_indicators *ind);

struct ec_table;

/* ---- a cluster by month (src/lib/cluster_series.c) ----
**
** The monitoring method (docs/methods.md, "Monitoring") for the group of a
** cluster's members: the sample of a year is the members above designated
** size in it, value added at current prices and at the prices of the year
** before (ec_deflate), growth against the same months of the year before,
** for the month alone or January to the month, and the share of the
** national SEI value added of the same months. */

/* The members' monthly columns, owned by the caller. Months run over whole
** years from a January, as in struct ec_monitor_input. */
struct ec_cluster_months {
	size_t nmembers;
	int first_period, nmonths;
	const uint8_t *division;     /* per member: GB/T 4754 division 1..97 */
	/* per member x month, [m * nmonths + t]; 0 where not reported */
	const double *value_added, *revenue;
	const uint8_t *reported;     /* 1 where a report exists (may be NULL) */
	const double *ppi;           /* [division * nmonths + t], 100 divisions; NaN when missing */
	double above_size;           /* threshold, thousand yuan (EC_ABOVE_SIZE_DEFAULT) */
};

struct ec_cluster_series_query {
	enum ec_monitor_basis basis;
	int from, to;                /* periods, both included; -1: the first, last measured */
};

/* One month of a cluster. Ratios are NaN where undefined. */
struct ec_cluster_month {
	int period;
	enum ec_monitor_basis basis;
	int64_t enterprises;         /* members in the sample (above designated size in the year) */
	double value_added;          /* the sample, current prices */
	double value_added_base;     /* the same months of the year before, same sample */
	double value_added_real;     /* at the prices of the year before */
	double growth_pct;           /* value_added_real / value_added_base - 1, per cent */
	double largest_va;           /* the largest member's value added (the dominance rule) */
	double sei_value_added;      /* national SEI, the same months (monitoring's "sei" group) */
	double share_pct;            /* value_added / sei_value_added, per cent */
};

/* The months of q for the members in, each figure that of the monitoring
** engine (ec_monitor_build, ec_monitor_series_groups) for the group of the
** members; the SEI value added from sei, the cube of every enterprise (NULL:
** no share, NaN). A month that cannot be measured (no reports in it or a
** year before, a deflator missing where the sample needs one) is left out,
** as monitoring leaves it out; a month with no member in the sample has 0
** enterprises (growth undefined), and members without reports give no
** months (*nrows 0). Returns 0 with *rows (caller frees) and
** *nrows, or EC_EUSAGE (from after to, malformed columns) or EC_ENOTFOUND
** (a range outside the months measured) with *err (caller frees). */
int ec_cluster_series(const struct ec_cluster_months *in, const struct ec_cluster_series_query *q,
		      const struct ec_monitor *sei, struct ec_cluster_month **rows /* OUT */, size_t *nrows /* OUT */,
		      char **err /* OUT */);

/* A cluster's months as a table (src/format/cluster_series_table.c):
** columns cluster, period, basis, enterprises, value_added,
** value_added_base, value_added_real, growth_pct, sei_value_added,
** sei_share_pct, and with reason (not NULL, one a row) suppressed and
** suppression; t is initialised here (release with ec_table_release). */
#define EC_CLUSTER_SERIES_NCOLS 12
/* The most clusters compared on one chart (a series of several). */
#define EC_CLUSTERS_COMPARED 6
void ec_cluster_series_table(const char *code, const struct ec_cluster_month *rows, size_t n,
			     const enum ec_sdc_reason *reason, struct ec_table *t /* OUT */);

/* The disclosure control of a cluster's month (sdc.h), as
** ec_cluster_indicators_sdc for a year: when rule hides the cell (the
** sample's count, its largest member against the total) the figures are
** blanked (NaN; the SEI total, which is not the members', stays) and the
** reason returned. Can't fail. */
enum ec_sdc_reason ec_cluster_month_sdc(const struct ec_sdc_rule *rule, struct ec_cluster_month *m);

/* The p-quantile (0..1) of v[0..n) by linear interpolation between order
** statistics (type 7); v is sorted in place. NaN for n = 0. */
double ec_quantile(double *v, size_t n, double p);


struct ec_store;

struct ec_facts;

/* The yearly sums of every enterprise, from the column store (facts.h).
** Returns 0, or EC_ENOTFOUND when there are no reports; *err (caller
** frees) says why. Implemented in src/app. */
int ec_cluster_data_facts(const struct ec_facts *f, const struct ec_catalog *cat, struct ec_cluster_data *d /* OUT */,
			  char **err /* OUT */);
/* A cluster's months (ec_cluster_series) from the column store, for the
** enterprises marked in member (f->nenterprises of them, in the store's
** order, as ec_cluster_data_facts gives them). Returns as ec_cluster_series,
** or EC_EDATA when member is not of f's size. Implemented in src/app. */
int ec_cluster_series_facts(const struct ec_facts *f, const uint8_t *member, size_t nfirms,
			    const struct ec_cluster_series_query *q, const struct ec_monitor *sei,
			    struct ec_cluster_month **rows /* OUT */, size_t *nrows /* OUT */, char **err /* OUT */);
/* The same from a store, through an unnamed column store made for the
** call (the demo inside its transaction; tests). */
int ec_cluster_data_load(struct ec_store *s, const struct ec_catalog *cat, struct ec_cluster_data *d /* OUT */,
			 char **err /* OUT */);


/* ---- the registry's files (src/format/cluster_file.c) ----
**
** "clusters" (code, name_zh, name_en, tier, parent, regions, categories,
** agency, founded, source), "members" (cluster, uscc, action include or
** exclude) and "indicators" (cluster, year, indicator, value); see
** docs/formats.md. Reading checks each row's own fields; what a row refers
** to and the save are the sink's (the application's import). */

enum { EC_CLUSTER_FILE_CLUSTERS, EC_CLUSTER_FILE_MEMBERS, EC_CLUSTER_FILE_INDICATORS };

/* "clusters", "members", "indicators" -> the kind; -1 when unknown. */
int ec_cluster_file_kind(const char *what);

/* Where the rows go. known says whether a cluster a members or indicators
** row names exists. cluster gets every clusters row whose own fields are
** right (tier -1 when not a tier: the cluster check names it), with its
** file and line for problems, and store 1 while the file has had no
** problem (0: check it, store nothing). member and indicator get the good
** rows while the file has had no problem. A callback returns 0, EC_EDATA
** (its problem added: reading goes on) or EC_EIO (reading stops). */
struct ec_cluster_file_sink {
	void *ctx;
	int (*known)(void *ctx, const char *cluster);
	int (*cluster)(void *ctx, const struct ec_cluster *c, const char *file, long line, int store);
	int (*member)(void *ctx, const char *cluster, const char *uscc, int include);
	int (*indicator)(void *ctx, const char *cluster, int year, const char *indicator, double value);
};

/* Reads a file of a kind, named name in problems (file, line, column).
** *rows gets the data rows read. Returns 0, EC_EDATA (problems in d) or
** EC_EIO (a callback's). */
int ec_cluster_file_read(int kind, const char *name, const char *data, size_t len,
			 const struct ec_cluster_file_sink *sink, int64_t *rows /* OUT */, struct ec_diag *d);

/* The codes of a clusters file (its first column), so that a parent may
** come after its children. *codes is allocated (caller frees). */
int ec_cluster_file_codes(const char *name, const char *data, size_t len, char (**codes)[EC_CLUSTER_CODE_MAX] /* OUT */,
			  size_t *n /* OUT */);

/* Writers of the same files, appending a header or one row to b. */
void ec_cluster_file_write_header(struct ec_buf *b, int kind);
void ec_cluster_file_write_cluster(struct ec_buf *b, const struct ec_cluster *c);
void ec_cluster_file_write_member(struct ec_buf *b, const char *cluster, const char *uscc, int include);
void ec_cluster_file_write_indicator(struct ec_buf *b, const char *cluster, int year, const char *indicator,
				     double value);


/* ---- analysis shared by the command and the API ---- */

struct ec_table;
struct ec_indicator;

/* The members of a registered cluster with its stored include and exclude
** rules (ec_cluster_members), and their count. Returns 0, or the store's
** status when the rules could not be read. */
int ec_cluster_members_stored(struct ec_store *s, const struct ec_cluster_data *d, const struct ec_cluster *c,
			      uint8_t *member /* OUT: nfirms */, size_t *count /* OUT */);

/* The latest year in which some enterprise reported. */
int ec_cluster_latest_year(const struct ec_cluster_data *d);

/* Discovery's defaults (docs/methods.md, "Choosing the radius"): minPts
** 4 for points in two dimensions (Ester et al. 1996; 2 x dimensions in
** Schubert et al. 2017); the radius at the knee of the k-distance curve,
** sought among the distances up to the extent of one city, and the
** fallback radius when no point has min_points within reach. */
#define EC_DISCOVER_MIN_POINTS 4
#define EC_DISCOVER_KNEE_MAX_KM 50
#define EC_DISCOVER_EPS_KM 15

struct ec_discover_params {
	const char *code;   /* an SEI area (level 1) or direction (level 2) */
	double eps_km;      /* 0: the knee of the k-distance curve (ec_cluster_discover_kdist) */
	double min_points;  /* 0: EC_DISCOVER_MIN_POINTS */
	int weighted;       /* weight enterprises by value added, the average one 1 */
	int all;            /* also the clusters a registered cluster covers */
	int year;           /* 0: the latest */
	const struct ec_sdc_rule *sdc; /* NULL, or: candidates hidden by it are left out, the
				       ** value added of a dominated one is empty, centres rounded to 0.01 degree */
};

struct ec_discover_summary {
	size_t points, clusters, shown;
	int year;
	double eps_km; /* the radius used: the one asked, or the suggested one */
};

/* Candidate clusters by DBSCAN on the coordinates of the enterprises of an
** area or direction that reported in the year; a candidate is covered when
** one registered cluster holds most of its members. Fills t (initialised
** here; columns candidate, covered_by, lat, lon, radius_km, members,
** value_added, prefecture, prefecture_name, lq) and *sum. Returns 0, or
** EC_EUSAGE / EC_ENOTFOUND with *err (caller frees; t then empty). */
int ec_cluster_discover(struct ec_store *s, const struct ec_catalog *cat, const struct ec_cluster_data *d,
			const struct ec_discover_params *p, struct ec_table *t /* OUT */,
			struct ec_discover_summary *sum /* OUT */, char **err /* OUT */);

struct ec_kdist;

/* The k-distance curve (ec_dbscan_kdist) of the enterprises that
** ec_cluster_discover would cluster with p (its code, weighted, year and
** min_points; eps_km, all and sdc play no part), kept to max_curve points,
** with its knee as the suggested eps_km. Fills *k (release it with
** ec_dbscan_kdist_release) and *sum (points and year). Returns 0, or
** EC_EUSAGE / EC_ENOTFOUND with *err (caller frees; *k then empty). */
int ec_cluster_discover_kdist(const struct ec_catalog *cat, const struct ec_cluster_data *d,
			      const struct ec_discover_params *p, size_t max_curve, struct ec_kdist *k /* OUT */,
			      struct ec_discover_summary *sum /* OUT */, char **err /* OUT */);

struct ec_evaluate_params {
	int year;
	const char *method;               /* entropy, ahp, fixed or combined */
	const struct ec_indicator *indicators;
	size_t nindicators;
	const double *ahp;                /* m x m pairwise matrix for ahp and combined */
	double alpha;                     /* share of AHP in combined */
	size_t bases, clusters, ecosystems;
	const struct ec_sdc_rule *sdc;    /* NULL, or: a cluster's value added and growth are empty where
					  ** the rule hides its members' figures, and a column says why */
	/* Trust (docs/methods.md, "Evaluation that can be trusted"); 0 takes
	** the default of each. */
	double winsor;                    /* share of each tail set to its quantile: 0.05; < 0 none */
	int small_below;                  /* fewer members reporting: flagged small; 10 */
	int draws;                        /* weight perturbations for the rank interval: 200; < 0 none */
	double spread;                    /* each weight times U[1 - spread, 1 + spread]: 0.2 */
};

struct ec_evaluate_summary {
	size_t alternatives;
	int have_previous;
	double ahp_lambda_max, ahp_ci, ahp_cr;
};

/* Ranks the registered clusters by TOPSIS on the indicators of the year
** (computed ones from the members, entered ones from the registry; a value
** that is missing or undefined counts as 0), weighted as the method says,
** recommends tiers and compares with the same evaluation of the year
** before. Fills rows (rank, code, name_zh, tier, recommended, movement,
** previous_rank, closeness, value_added, va_growth_pct, lq, stars,
** suppressed, suppression, small, rank_low, rank_high, parent, strengths,
** weaknesses) and
** weights (indicator, group, direction, weight), both initialised here.
** Returns 0, or EC_EUSAGE / EC_EDATA / EC_ENOTFOUND with *err. */
int ec_cluster_evaluate(struct ec_store *s, const struct ec_catalog *cat, const struct ec_cluster_data *d,
			const struct ec_evaluate_params *p, struct ec_table *rows /* OUT */,
			struct ec_table *weights /* OUT */, struct ec_evaluate_summary *sum /* OUT */,
			char **err /* OUT */);


#endif
