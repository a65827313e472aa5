/*
** The project library and fund matching: key SEI investment projects with
** their funding plans, stages and monthly completed investment; progress
** against a straight-line or declared plan and the alerts it raises; funds
** and their mandates; and the eligibility and scoring of project-fund
** matches. No I/O here. The formulas are in docs/methods.md ("Projects").
*/
#ifndef ECHELON_PROJECT_H
#define ECHELON_PROJECT_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include "catalog.h"
#include "cluster.h"
#include "echelon.h"

#define EC_PROJECT_CODE_MAX 32
#define EC_PROJECT_NAME_MAX 256

/* Amounts are thousand yuan; two amounts closer than this are equal. */
#define EC_AMOUNT_EPS 1e-6
/* The share of the total investment that must be completed before a
** project may move to the completed stage. */
#define EC_COMPLETION_MIN_SHARE 0.95
/* The highest SME digital level a fund may require (MIIT's levels one to four). */
#define EC_FUND_DIGITAL_LEVEL_MAX 4

enum ec_project_kind {
	EC_KIND_INDUSTRIAL,
	EC_KIND_INNOVATION_CAPABILITY,
	EC_KIND_INDUSTRY_CITY_INTEGRATION,
	EC_KIND_APPLICATION_SCENARIO,
	EC_KIND_PUBLIC_SERVICE,
	EC_KIND_DIGITAL_TRANSFORMATION, /* an SME's digital transformation (issue 18) */
	EC_NKINDS
};

enum ec_stage {
	EC_STAGE_RESERVE,
	EC_STAGE_PREPARATION,
	EC_STAGE_UNDER_CONSTRUCTION,
	EC_STAGE_COMPLETED,
	EC_STAGE_CANCELLED,
	EC_NSTAGES
};

/* The sources of a funding plan. */
enum ec_source {
	EC_SRC_GOVERNMENT_BUDGET,
	EC_SRC_GUIDANCE_FUND,
	EC_SRC_BANK_LOANS,
	EC_SRC_BONDS,
	EC_SRC_SOCIAL_CAPITAL,
	EC_SRC_OWN_FUNDS,
	EC_NSOURCES
};

/* Names as written in files and on the command line ("industrial",
** "under_construction", "bank_loans", ...). The _parse functions return the
** value, or -1 when the name is unknown; the _name functions return a static
** string ("?" out of range). */
int ec_project_kind_parse(const char *s);
const char *ec_project_kind_name(enum ec_project_kind k);
int ec_stage_parse(const char *s);
const char *ec_stage_name(enum ec_stage s);
/* 1 for a stage in which a project still takes money: neither completed
** nor cancelled. */
int ec_stage_open(enum ec_stage s);
int ec_source_parse(const char *s);
const char *ec_source_name(enum ec_source s);
/* The names allowed, for messages ("reserve, preparation, ... or
** cancelled"), into out. Return out. Can't fail. */
char *ec_project_kind_names(char *out, size_t size);
char *ec_stage_names(char *out, size_t size);

/* Writes an amount for messages: rounded to a whole number (two decimals
** when it has a fraction), thousands grouped by spaces ("50 000",
** "1 234.50"). Returns out. Can't fail. */
char *ec_amount_format(double v, char out[40]);

/* A set of stages as a bit mask (1u << stage). Parses ';'-separated stage
** names ("" is the empty set, 0). Returns 0, or EC_EDATA with the reason in
** why (*mask unchanged). */
int ec_stage_set_parse(const char *s, unsigned *mask /* OUT */, char *why, size_t size);
/* Writes the names of the stages in mask, ';'-separated, into out. */
void ec_stage_set_format(unsigned mask, char *out, size_t size);

/* One point of a declared plan: the cumulative share (0..1) of the total
** investment planned to be completed by the end of the month. */
struct ec_plan_point {
	int period;
	double share;
};

/* The investment completed in one month. */
struct ec_month_amount {
	int period;
	double amount;
};

/* A revision of the total investment, in force from the month on. */
struct ec_revision {
	int period;
	double old_total, new_total;
	char reason[128];
};

/* A project. The arrays are owned by the project: allocate them with
** ec_malloc, ec_project_release frees them. */
struct ec_project {
	char code[EC_PROJECT_CODE_MAX];
	char name[EC_PROJECT_NAME_MAX];
	char owner[19];          /* the owner's USCC */
	char category[16];       /* an SEI code of any level */
	char cluster[EC_CLUSTER_CODE_MAX]; /* "" when none */
	char region[8];          /* GB/T 2260, 6 digits */
	enum ec_project_kind kind;
	double total_investment; /* in force now (after the revisions) */
	int start, end;          /* planned, periods (ec_period_make) */
	enum ec_stage stage;
	double funding[EC_NSOURCES]; /* the funding plan by source */
	double land_mu;
	double energy_tce;       /* tonnes of standard coal */
	struct ec_plan_point *plan; /* declared plan; NULL = straight line */
	size_t nplan;
	struct ec_month_amount *completed; /* by month, periods increasing */
	size_t ncompleted;
	struct ec_revision *revisions;     /* periods non-decreasing */
	size_t nrevisions;
};

/* Which projects of a library a list shows, as the command and the API
** take it: each field NULL (open 0) for any. stage: a stage's name;
** cluster: a cluster code; region: a GB/T 2260 prefix; category: an SEI
** code, the project's category being it or below it; q: part of the name
** or the code's beginning; open: only stages that still take money. */
struct ec_project_filter {
	const char *stage, *cluster, *region, *category, *q;
	int open;
};

/* 1 when p passes every field of f, else 0. */
int ec_project_filter_match(const struct ec_project_filter *f, const struct ec_project *p);

/* Sets up a zeroed project (kind industrial, stage reserve, no arrays). */
void ec_project_init(struct ec_project *p);
/* Frees the arrays the project holds (not the project) and zeroes them. */
void ec_project_release(struct ec_project *p);

/* Checks every field against the catalogues: code (1..31 of A-Z a-z 0-9
** - _ .), name (1..255 bytes of UTF-8), owner (a valid USCC), category (in
** the catalogue), cluster (empty or a code of the same form; whether it is
** registered is the caller's to check), region (resolves by
** ec_catalog_resolve_region), kind, total (> 0), start <= end, stage, funding
** by source (>= 0, summing to no more than the total), land and energy
** (>= 0), the declared plan (months within start..end and increasing, shares
** 0..1 non-decreasing, the last one 1), completed investment (months
** increasing, amounts >= 0, the cumulative never above the total in force
** in that month) and the revisions (a chain from the original total to the
** current one). Returns 0, or EC_EDATA with the first problem, about its
** field, in *why (may be NULL; the caller places or releases it). Can't
** fail otherwise. */
int ec_project_check(const struct ec_project *p, const struct ec_catalog *cat, struct ec_problem *why /* OUT */);

/* Copies n declared plan points into the project, replacing its plan
** (n = 0: back to the straight line). Returns 0, or EC_EDATA with the
** problem in *why (may be NULL) and the project unchanged when the points
** break the rules of ec_project_check. */
int ec_project_set_plan(struct ec_project *p, const struct ec_plan_point *points, size_t n,
			struct ec_problem *why /* OUT */);

/* Records the investment completed in a month, replacing what the month
** held. Returns 0, or EC_EDATA with the problem in *why (may be NULL) and
** the project unchanged when the amount is negative or not finite, the
** month is not a valid period, or the cumulative would exceed the total in
** force in some month (revise the total first). */
int ec_project_record_completed(struct ec_project *p, int period, double amount, struct ec_problem *why /* OUT */);

/* Revises the total investment from month period on, recording the old and
** the new total and the reason (may be NULL; truncated to 127 bytes).
** Returns 0, or EC_EDATA with the problem in *why (may be NULL) and the
** project unchanged when the new total is not > 0, is below the investment
** completed so far or below the funding plan, or period precedes the last
** revision. */
int ec_project_revise_total(struct ec_project *p, int period, double new_total, const char *reason,
			    struct ec_problem *why /* OUT */);

/* The total investment in force in a month: that of the last revision in
** force by then, the original total before the first. Can't fail. */
double ec_project_total_at(const struct ec_project *p, int period);
/* The investment completed up to and including a month. Can't fail. */
double ec_project_cumulative(const struct ec_project *p, int period);
/* The funding gap: total investment less the funding plan, at least 0. */
double ec_project_funding_gap(const struct ec_project *p);

/* A period later than any month: "all the progress recorded". */
#define EC_PERIOD_ALL INT_MAX

/* The gap of a project by source at the end of a month: what is left to
** invest, L = total in force now - the investment completed up to period
** (EC_PERIOD_ALL: every recorded month), shared among the sources in the
** proportions of the funding plan,
**
**   gap[s] = L x plan(s) / total,
**
** and the part of the total the plan leaves unplanned (the funding gap) open
** to social capital: gap[social_capital] += L x funding_gap / total. The
** gaps sum to L; all are 0 when L <= 0 or the total is not > 0. This is the
** one definition that matching (the open gap of a fund's source) and the
** allocation (the gap rows by source) share; docs/methods.md, "Open gap".
** Can't fail. */
void ec_project_source_gaps(const struct ec_project *p, int period, double gap[EC_NSOURCES] /* OUT */);

/* Checks a change of stage. Allowed: reserve -> preparation ->
** under_construction -> completed, preparation -> reserve (shelved back),
** any stage but completed and cancelled -> cancelled, and no change at all.
** Moving to completed needs p (else EC_EUSAGE) with a cumulative completed
** investment of at least EC_COMPLETION_MIN_SHARE of the total. Returns 0, or
** EC_EDATA with the problem (stage.*) in *why (may be NULL; the caller
** places or releases it). */
int ec_project_stage_problem(enum ec_stage from, enum ec_stage to, const struct ec_project *p,
			     struct ec_problem *why /* OUT */);
/* The same, with the reason in English in why. */
int ec_project_stage_check(enum ec_stage from, enum ec_stage to, const struct ec_project *p, char *why,
			   size_t size);

/* Progress at the end of a month. */
struct ec_progress {
	int period;
	double total;        /* total investment in force */
	double cumulative;   /* completed up to the month */
	double completion;   /* cumulative / total */
	double planned;      /* planned share, 0..1 */
	double lag_pp;       /* (planned - completion) x 100, percentage points */
	int idle_months;     /* months since the last one with completed investment (or since the start) */
};

/* Computes the progress of a checked project at a month. Returns 0, or
** EC_EUSAGE when the total is not > 0. */
int ec_project_progress(const struct ec_project *p, int period, struct ec_progress *out /* OUT */);

/* One month of a project's progress series: ec_project_progress at the end
** of the month, in percent. */
struct ec_progress_month {
	int period;
	double planned_pct;    /* planned x 100 */
	double cumulative;     /* completed up to the month */
	double completion_pct; /* completion x 100, against the total in force */
	double total;          /* total investment in force */
};

struct ec_progress_series {
	struct ec_progress_month *items;
	size_t n;
};

/* The longest series: 50 years of months. */
#define EC_PROGRESS_SERIES_MAX 600

void ec_progress_series_release(struct ec_progress_series *s);

/* The progress series of a checked project, one item for every month from
** the earlier of its start and its first month with recorded progress to
** the later of its end and its last month with recorded progress, months
** increasing. Each item is what ec_project_progress gives for the month
** (planned_pct = planned x 100, completion_pct = completion x 100, the same
** figures): one rule for a month's figures and a whole series. out->items is
** allocated (caller releases with ec_progress_series_release). Returns 0,
** or EC_EUSAGE (out empty) when the project is malformed: start or end not
** a valid month or end before start, recorded months out of order or not
** valid, the series longer than EC_PROGRESS_SERIES_MAX months, or a total
** in force not > 0. */
int ec_project_progress_series(const struct ec_project *p, struct ec_progress_series *out /* OUT */);

enum ec_alert_kind { EC_ALERT_LAGGING, EC_ALERT_FUNDING_GAP, EC_ALERT_STALLED, EC_NALERT_KINDS };

/* "lagging", "funding_gap", "stalled"; "?" out of range. */
const char *ec_alert_kind_name(enum ec_alert_kind k);

struct ec_alert_params {
	double lag_threshold_pp; /* default 20 */
	int stall_months;        /* default 3 */
};

#define EC_LAG_THRESHOLD_DEFAULT 20.0
#define EC_STALL_MONTHS_DEFAULT 3

/* Sets the defaults. Can't fail. */
void ec_alert_params_default(struct ec_alert_params *ap);

struct ec_alert {
	enum ec_alert_kind kind;
	char project[EC_PROJECT_CODE_MAX];
	int period;
	double value;        /* lag in pp, gap in thousand yuan, idle months */
	char message[192];   /* coded, "alert.lagging|project=…|…" (ec_coded_message says it) */
};

struct ec_alert_list {
	struct ec_alert *items;
	size_t n, cap;
};

void ec_alert_list_init(struct ec_alert_list *l);
void ec_alert_list_release(struct ec_alert_list *l);

/* Appends the alerts of a checked project at a month to l: lagging
** (preparation or under construction, lag >= threshold), funding gap (any
** stage but completed and cancelled, plan below the total) and stalled
** (under construction, idle months >= stall_months), in that order. ap may
** be NULL for the defaults. Returns 0, or EC_EUSAGE (l unchanged) when the
** threshold is not in (0, 100], stall_months < 1 or the total is not > 0. */
int ec_project_alerts(const struct ec_project *p, int period, const struct ec_alert_params *ap,
		      struct ec_alert_list *l);

/* ---- funds ---- */

enum ec_fund_type {
	EC_FUND_GOVERNMENT_GUIDANCE,
	EC_FUND_BANK,
	EC_FUND_INSURANCE,
	EC_FUND_VC_PE,
	EC_FUND_INDUSTRIAL_CAPITAL,
	EC_NFUND_TYPES
};

enum ec_coinvest { EC_COINVEST_NONE, EC_COINVEST_REQUIRES_GOVERNMENT, EC_NCOINVEST };

/* "government_guidance_fund", "bank", "insurance", "vc_pe",
** "industrial_capital"; "none", "requires_government". As above: -1 when
** unknown, "?" out of range. */
int ec_fund_type_parse(const char *s);
const char *ec_fund_type_name(enum ec_fund_type t);
int ec_coinvest_parse(const char *s);
const char *ec_coinvest_name(enum ec_coinvest c);
/* The names allowed, for messages, into out. Return out. Can't fail. */
char *ec_fund_type_names(char *out, size_t size);
char *ec_coinvest_names(char *out, size_t size);

/* The source of a funding plan a fund of a type fills: guidance fund ->
** guidance_fund, bank -> bank_loans, insurance -> bonds (debt investment
** plans), VC/PE and industrial capital -> social_capital. */
enum ec_source ec_fund_source(enum ec_fund_type t);

struct ec_fund {
	char code[EC_PROJECT_CODE_MAX];
	char name[EC_PROJECT_NAME_MAX];
	enum ec_fund_type type;
	double capital;          /* available, thousand yuan */
	char categories[256];    /* ';'-separated SEI codes of any level, "" = any */
	char regions[256];       /* ';'-separated GB/T 2260 prefixes ("31", "3101", "310115" or "310000"), "" = any */
	unsigned stages;         /* mask of enum ec_stage, 0 = any */
	double min_ticket, max_ticket;
	double max_share;        /* of one project's total investment, (0, 1] */
	enum ec_coinvest coinvest;
	int min_digital_level;   /* 0 = none; 1..4: the owner's latest submitted SME digital
				    level (issue 18) must be at least this for a project to match */
};

/* Sets up a zeroed fund (any target, max_share 1). */
void ec_fund_init(struct ec_fund *f);

/* Checks every field: code and name as for projects, type, capital (> 0),
** categories (in the catalogue), regions (2, 4 or 6 digits naming a region
** in the catalogue), stages (no unknown bits, not completed or cancelled),
** 0 < min_ticket <= max_ticket, 0 < max_share <= 1, coinvest, min_digital_level
** 0..EC_FUND_DIGITAL_LEVEL_MAX. Returns 0, or
** EC_EDATA with the first problem, about its field, in *why (may be NULL;
** the caller places or releases it). */
int ec_fund_check(const struct ec_fund *f, const struct ec_catalog *cat, struct ec_problem *why /* OUT */);

/* ---- matching (src/lib/match.c) ---- */

/* The weights of the score components, each >= 0, not all 0. The score is
** 100 x sum(w_i c_i) / sum(w_i). */
struct ec_match_weights {
	double category;  /* default 0.25 */
	double region;    /* default 0.20 */
	double stage;     /* default 0.15 */
	double ticket;    /* default 0.20 */
	double priority;  /* default 0.20 */
	double area_bonus; /* added to the priority of a project in a priority area, default 0.2 (capped at 1) */
};

/* Sets the defaults. Can't fail. */
void ec_match_weights_default(struct ec_match_weights *w);

/* The component values (docs/methods.md). */
/* How well a category falls under a fund's targets (';'-separated SEI
** codes, "" for any): EC_FIT_CATEGORY_EXACT, _DIRECTION or _AREA for the
** target that covers it best, EC_FIT_ANY for no targets, 0 for none: the
** matcher's one rule. */
double ec_category_fit(const char *category, const char *targets);

/* 1 when category is code itself or below it ("5.1.1" within "5.1" and
** "5"; "5.10" not within "5.1"), else 0. */
int ec_category_within(const char *category, const char *code);

/* 1 when the fund's targets name the category, its direction or its area
** (ec_category_fit above EC_FIT_ANY): a fund open to any field is not
** counted as one that invests in a field. */
int ec_fund_targets_category(const struct ec_fund *f, const char *category);

#define EC_FIT_ANY 0.4          /* a fund that targets any category, region or stage */
#define EC_FIT_CATEGORY_EXACT 1.0
#define EC_FIT_CATEGORY_DIRECTION 0.8
#define EC_FIT_CATEGORY_AREA 0.6
#define EC_FIT_REGION_PREFECTURE 1.0 /* a target of 4 or 6 digits */
#define EC_FIT_REGION_PROVINCE 0.7
#define EC_FIT_STAGE_TARGET 1.0
#define EC_PRIORITY_BASE 1.0
#define EC_PRIORITY_CLUSTER 0.7
#define EC_PRIORITY_ECOSYSTEM 0.5
#define EC_PRIORITY_NONE 0.3

/* What matching reads, owned by the caller. Projects and funds should have
** passed their checks. */
struct ec_match_input {
	const struct ec_project *projects;
	size_t nprojects;
	const struct ec_fund *funds;
	size_t nfunds;
	const struct ec_cluster *clusters; /* for the projects' tiers; may be NULL */
	size_t nclusters;
	const char *priority_areas;        /* ';'-separated SEI areas ("1;4"), NULL or "" = none;
					      ec_match_areas_check checks a list */
	const signed char *owner_levels;   /* per project: the owner's SME digital level (0 to 4) in
					      its latest submitted questionnaire, -1 none; NULL: none
					      known (funds requiring a level then match nothing) */
	int period;                        /* the month whose cumulative progress the open gaps
					      leave out (ec_project_source_gaps); 0 or
					      EC_PERIOD_ALL = all the progress recorded */
	struct ec_match_weights weights;
};

#define EC_MATCH_REASONS 8
#define EC_MATCH_REASON_MAX 144

struct ec_match {
	size_t project, fund;   /* indexes into the input */
	char project_code[EC_PROJECT_CODE_MAX], fund_code[EC_PROJECT_CODE_MAX];
	int eligible;
	double score;           /* 0..100; 0 when not eligible */
	double category_fit, region_fit, stage_fit, ticket_fit, priority;
	double open_gap;        /* the project's gap open to the fund's source */
	size_t nreasons;
	/* why it is eligible, component by component; or the one hard rule that
	** failed */
	char reasons[EC_MATCH_REASONS][EC_MATCH_REASON_MAX];
};

struct ec_match_list {
	struct ec_match *items;
	size_t n;
};

void ec_match_list_release(struct ec_match_list *l);

/* The amount of a project a source may still fill after all the progress
** recorded: ec_project_source_gaps(p, EC_PERIOD_ALL) of the source (0 for
** a source out of range). Can't fail. */
double ec_project_open_gap(const struct ec_project *p, enum ec_source s);

/* The longest list of priority areas accepted (the nine areas fit in 17). */
#define EC_MATCH_AREAS_MAX 64

/* Checks a list of priority areas: ';'-separated codes of SEI areas (level
** 1) in the catalogue, each once, at most EC_MATCH_AREAS_MAX characters;
** NULL or "" is no area. Returns 0, or EC_EDATA with the problem (areas.*,
** about priority_areas, naming the bad code and the areas expected) in
** *why (may be NULL; the caller places or releases it). */
int ec_match_areas_problem(const struct ec_catalog *cat, const char *areas, struct ec_problem *why /* OUT */);
/* The same, with the reason in English in why. */
int ec_match_areas_check(const struct ec_catalog *cat, const char *areas, char *why, size_t size);

/* The priority of a project, the same in matching's score and in the
** allocation's objective: its cluster's tier (base EC_PRIORITY_BASE, cluster
** EC_PRIORITY_CLUSTER, ecosystem EC_PRIORITY_ECOSYSTEM; EC_PRIORITY_NONE
** without a registered cluster) plus weights.area_bonus when its SEI area is
** one of the priority areas, at most 1. Returns 0 for a project index out of
** range. Can't fail. */
double ec_match_priority(const struct ec_match_input *in, size_t project);

/* Evaluates one project against one fund: the hard rules, then the score
** with its reasons. Returns 0 (m filled, m->eligible says the outcome), or
** EC_EUSAGE when an index is out of range or the weights are invalid. */
int ec_match_one(const struct ec_match_input *in, size_t project, size_t fund, struct ec_match *m /* OUT */);
/* The same verdict, fits, open gap and score as ec_match_one, without the
** reasons (m->nreasons is 0) and, for a pair that is not eligible, without
** the codes (empty; the indexes are set): for callers that only need
** eligibility and the score, such as the allocation's problem. About three
** times as fast. Returns as ec_match_one. */
int ec_match_quick(const struct ec_match_input *in, size_t project, size_t fund, struct ec_match *m /* OUT */);

/* The eligible projects for a fund, best first (score descending, then
** project code). out->items is allocated (caller releases with
** ec_match_list_release). Returns 0, or EC_EUSAGE (out empty) when the fund
** index is out of range or the weights are invalid. */
int ec_match_for_fund(const struct ec_match_input *in, size_t fund, struct ec_match_list *out /* OUT */);

/* The eligible funds for a project, best first (score descending, then fund
** code). As ec_match_for_fund otherwise. */
int ec_match_for_project(const struct ec_match_input *in, size_t project, struct ec_match_list *out /* OUT */);


/* ---- the project library's files (src/format/project_file.c) ----
**
** "projects" (code, name, owner, category, cluster, region, kind,
** total_investment, start, end, stage, government_budget, guidance_fund,
** bank_loans, bonds, social_capital, own_funds, land_mu, energy_tce),
** "progress" (project, period, completed) and "funds" (code, name, type,
** capital, categories, regions, stages, min_ticket, max_ticket, max_share,
** coinvest); see docs/formats.md. Reading checks each row's own fields; the
** stored project a row changes, and the save, are the sink's (the
** application's import). */

enum { EC_PROJECT_FILE_PROJECTS, EC_PROJECT_FILE_PROGRESS, EC_PROJECT_FILE_FUNDS };

/* "projects", "progress", "funds" -> the kind; -1 when unknown. */
int ec_project_file_kind(const char *what);

/* Where the rows go: every row whose own fields are right, with its file
** and line for problems; store is 1 while the file has had no problem (0:
** check it, store nothing). A projects row holds the fields (no plan,
** progress or revisions) and the stage it asks for. A callback returns 0,
** EC_EDATA (its problem added: reading goes on) or EC_EIO (reading stops). */
struct ec_project_file_sink {
	void *ctx;
	int (*project)(void *ctx, const struct ec_project *fields, enum ec_stage stage, const char *file, long line,
		       int store);
	int (*progress)(void *ctx, const char *project, int period, double completed, const char *file, long line);
	int (*fund)(void *ctx, const struct ec_fund *f, const char *file, long line, int store);
};

/* Reads a file of a kind, named name in problems. *rows gets the data
** rows read. Returns 0, EC_EDATA (problems in d) or EC_EIO. */
int ec_project_file_read(int kind, const char *name, const char *data, size_t len,
			 const struct ec_project_file_sink *sink, int64_t *rows /* OUT */, struct ec_diag *d);

/* Writers of the same files, appending a header or a project's row, its
** progress rows, a fund's row to b. */
void ec_project_file_write_header(struct ec_buf *b, int kind);
void ec_project_file_write_project(struct ec_buf *b, const struct ec_project *p);
void ec_project_file_write_progress(struct ec_buf *b, const struct ec_project *p);
void ec_project_file_write_fund(struct ec_buf *b, const struct ec_fund *f);

#endif
