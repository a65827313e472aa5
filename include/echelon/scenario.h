/*
** Application scenarios (应用场景): published lists of demands and
** opportunities, batches (第N批), supplier applications and their review.
** This header is the domain: fields, checks, the one status machine, the
** review's weighted scores and ranking, and the fit of enterprises and
** scenarios. No I/O; the store and the use cases are in store.h and app.h.
*/
#ifndef ECHELON_SCENARIO_H
#define ECHELON_SCENARIO_H

#include <stddef.h>
#include "echelon.h"
#include "catalog.h"
#include "record.h"

#define EC_SCN_CODE 32          /* a scenario's code, NUL included */
#define EC_SCN_TITLE 256
#define EC_SCN_TEXT 4096        /* a description or a solution */
#define EC_SCN_SHORT 128        /* co-operation mode, contact */
#define EC_SCN_ACCOUNT 96       /* an account name */
#define EC_SCN_CRITERIA 8       /* review criteria per scenario, at most */
#define EC_SCN_CRITERIA_TEXT 256

/* The statuses, in the order of the machine. */
enum ec_scenario_status {
	EC_SCN_DRAFT,       /* 草稿 */
	EC_SCN_OPEN,        /* 征集中 */
	EC_SCN_REVIEW,      /* 评审中 */
	EC_SCN_SELECTED,    /* 已立项 */
	EC_SCN_COMPLETED,   /* 已完成 */
	EC_SCN_CLOSED,      /* 已截止: closed without selection */
	EC_SCN_WITHDRAWN,   /* 已撤回 */
	EC_SCN_NSTATUS
};

/* Who has the demand or the opportunity. */
enum ec_scenario_kind {
	EC_SCN_GOVERNMENT,  /* government demand 政府需求 */
	EC_SCN_ENTERPRISE,  /* enterprise demand 企业需求 */
	EC_SCN_SUPPLY,      /* supply-side opportunity 供给侧机会 */
	EC_SCN_NKINDS
};

/* "draft", "open", "review", "selected", "completed", "closed",
** "withdrawn"; "?" out of range. The parse returns -1 for an unknown name. */
const char *ec_scenario_status_name(enum ec_scenario_status s);
int ec_scenario_status_parse(const char *name);
/* "government", "enterprise", "supply"; as above. */
const char *ec_scenario_kind_name(enum ec_scenario_kind k);
int ec_scenario_kind_parse(const char *name);

struct ec_scenario {
	char code[EC_SCN_CODE];
	int batch;                      /* the batch's number; 0 before publication */
	char title[EC_SCN_TITLE];
	char owner[EC_SCN_ACCOUNT];     /* the owner's account */
	char owner_uscc[EC_USCC_LEN + 1]; /* the owner account's USCC when an enterprise, else "" */
	enum ec_scenario_kind kind;
	char category[16];              /* SEI category code */
	char region[8];                 /* GB/T 2260 code */
	char description[EC_SCN_TEXT];
	double budget;                  /* thousand yuan; NaN when not stated */
	char mode[EC_SCN_SHORT];        /* co-operation mode */
	char deadline[11];              /* YYYY-MM-DD: applications until the end of that day */
	char contact[EC_SCN_SHORT];
	char criteria[EC_SCN_CRITERIA_TEXT]; /* "name:weight;..."; weights sum to 100 */
	enum ec_scenario_status status;
	char selected[EC_USCC_LEN + 1]; /* the enterprise selected, or "" */
	char decided_by[EC_SCN_ACCOUNT];
	char decision[EC_SCN_SHORT * 4]; /* why, as the one who decided wrote it */
	char updated_at[24];
	char project[32];               /* its project in the library once it became one, or "" */
};

/* A batch of the list (第N批), published by an analyst on a date. */
struct ec_scenario_batch {
	int number;                     /* 1.. */
	char date[11];                  /* YYYY-MM-DD */
	char title[EC_SCN_SHORT];
	char published_by[EC_SCN_ACCOUNT];
	int scenarios;                  /* how many it opened (not stored) */
};

/* A reviewer account assigned to a scenario. */
struct ec_scenario_reviewer {
	char scenario[EC_SCN_CODE];
	char reviewer[EC_SCN_ACCOUNT];
};

/* A message for an account, coded ("notice.selected|scenario=..."),
** written in the reader's language at the edge. */
struct ec_notification {
	int64_t id;
	char account[EC_SCN_ACCOUNT];
	char at[24];                    /* UTC, ISO 8601 */
	char message[512];
	char target[EC_SCN_CODE];       /* the scenario */
};

/* The criteria a scenario gets when it names none. */
#define EC_SCN_DEFAULT_CRITERIA "technology:40;price:30;delivery:20;record:10"

/* Sets s to an empty draft of government demand with the default
** criteria and budget NaN. Can't fail. */
void ec_scenario_init(struct ec_scenario *s);

/* Whether s is YYYY-MM-DD of a real day of the years 2000..2100: 1 or 0.
** Can't fail. */
int ec_scenario_date_valid(const char *s);

/* Whether a scenario may move from one status to another: the one table
** of the machine. Returns 1 or 0. Can't fail. */
int ec_scenario_transition_allowed(enum ec_scenario_status from, enum ec_scenario_status to);

/* The same as a check: 0, or EC_EDATA with scenario.transition naming
** from and to made into *p (released by the caller). Can't fail. */
int ec_scenario_transition_check(enum ec_scenario_status from, enum ec_scenario_status to, struct ec_problem *p);

/* Checks a scenario's fields: code, title, kind, category and region
** known to cat, budget, deadline, criteria, texts. Returns 0, or EC_EDATA
** with the first problem made into *why (released by the caller). */
int ec_scenario_check(const struct ec_scenario *s, const struct ec_catalog *cat, struct ec_problem *why);

/* One review criterion and its weight in percent. */
struct ec_scenario_criterion {
	char name[32];
	double weight;
};

/* Parses "name:weight;name:weight" (1 to EC_SCN_CRITERIA criteria, names
** of letters, digits and _, each once, weights > 0 summing to 100) into
** out, *n set. Returns 0, or EC_EDATA with one problem (scenario.criteria*)
** in *p. Can't fail otherwise. */
int ec_scenario_criteria_parse(const char *text, struct ec_scenario_criterion out[EC_SCN_CRITERIA], size_t *n,
			       struct ec_problem *p);

/* A supplier's application to a scenario. */
enum ec_application_state { EC_APP_SUBMITTED, EC_APP_WITHDRAWN };
const char *ec_application_state_name(enum ec_application_state s);

struct ec_application {
	char scenario[EC_SCN_CODE];
	char uscc[EC_USCC_LEN + 1];
	char applicant[EC_SCN_ACCOUNT]; /* the account that applied */
	char solution[EC_SCN_TEXT];
	double price;                   /* thousand yuan */
	int months;                     /* the timeline, in months */
	enum ec_application_state state;
	char updated_at[24];
	/* the review's, filled by ec_scenario_rank (not stored) */
	double total;                   /* weighted mean over reviewers; NaN: none scored */
	int reviewers;                  /* reviewers whose sheets count */
	int rank;                       /* 1..; 0 when withdrawn */
};

/* One reviewer's score of one application on one criterion, 0 to 100. */
struct ec_scenario_score {
	char scenario[EC_SCN_CODE];
	char uscc[EC_USCC_LEN + 1];
	char reviewer[EC_SCN_ACCOUNT];
	char criterion[32];
	double score;
};

/* Checks an application's own fields: the USCC, a solution given, price
** > 0, months 1 to 120. Returns 0, or EC_EDATA with the problem in *why. */
int ec_application_check(const struct ec_application *a, struct ec_problem *why);

/* The review (docs/methods.md, "Scenario review"): each reviewer's sheet
** that scores every criterion gives Σ weight·score / 100; an
** application's total is the mean of those sheets over its reviewers. The
** ranking orders submitted applications by total (higher first; none
** scored last), ties by lower price, then by USCC; withdrawn ones get rank
** 0. Fills total, reviewers and rank of apps[0..n) and sorts them into rank
** order. Can't fail. */
void ec_scenario_rank(const struct ec_scenario_criterion *criteria, size_t ncriteria,
		      const struct ec_scenario_score *scores, size_t nscores, struct ec_application *apps, size_t n);

/* The fit of an enterprise and a scenario: points and the coded reasons
** ("suggest.category_same|category=1.2.3; suggest.region_city|region=430100"),
** 0 points when the categories do not meet (not suggested). */
struct ec_scenario_fit {
	char uscc[EC_USCC_LEN + 1];
	char code[EC_SCN_CODE];
	int points;                     /* 0..100 */
	char reasons[512];
};

/* The fit of e to s: category (same or under 60, same direction 40, same
** area 20) plus region (same 40, same city 30, same province 20); the
** enterprise's categories are its declared ones and its primary. Returns
** the points (0: no category meets) and writes the reasons. Can't fail. */
int ec_scenario_fit(const struct ec_scenario *s, const struct ec_enterprise *e, struct ec_scenario_fit *out);

/* Sorts fits by points, higher first, then by code and USCC. Can't fail. */
void ec_scenario_fit_sort(struct ec_scenario_fit *fits, size_t n);

/* ---- the feed to the clusters (docs/methods.md, "Scenarios of a cluster") ---- */

struct ec_ledger_entry; /* incentive.h */

/* Whether a scenario of category and region counts for a cluster of
** categories and regions (';'-separated lists as a cluster keeps them):
** its category equals one of the cluster's or lies below one ("1.2.3"
** under "1.2", never "1" under "1.2"), and its region lies in one of the
** cluster's regions, read as a prefix the way members are (a province's
** "430000" takes every "43xxxx", a city's "430100" every "4301xx"). 1 or
** 0. Can't fail. */
int ec_scenario_counts_for(const char *categories, const char *regions, const char *category, const char *region);

/* A cluster's application-scenario indicators of one year. A scenario's
** year is its batch's (the year it was published); selected and completed
** count those of that year's scenarios that reached the status (a
** completed one was selected first). paid is the live payments (not
** reversed) of the year, by the payment's date (UTC), against commitments
** that name a scenario counting for the cluster; paid_to counts their
** beneficiaries and paid_largest is the largest one's part (for the
** disclosure control). */
struct ec_scenario_feed {
	int year;
	int64_t published, selected, completed;
	double paid;            /* thousand yuan */
	int64_t paid_to;
	double paid_largest;
};

/* The feed of the cluster of categories and regions from scenarios
** s[0..n), batches b[0..nb) and ledger entries e[0..ne) (of every
** programme): one row a year that has a published scenario or a payment,
** by year, into *rows (caller frees; NULL when 0 is returned). Returns the
** number of rows. Can't fail. */
size_t ec_scenario_feed(const char *categories, const char *regions, const struct ec_scenario *s, size_t n,
			const struct ec_scenario_batch *b, size_t nb, const struct ec_ledger_entry *e, size_t ne,
			struct ec_scenario_feed **rows /* OUT */);

/* The evaluation's scenario indicator of a cluster in year from its feed
** (feed[0..n)): "scenarios_published" the year's published scenarios,
** "scenarios_landed" those of them selected or completed. Returns 1 with
** *value when the feed has a published scenario that year; 0 otherwise (a
** year before the list, or another indicator: the value entered counts). */
int ec_scenario_feed_value(const struct ec_scenario_feed *feed, size_t n, const char *indicator, int year,
			   double *value /* OUT */);

/* ---- the scenario files (src/format/scenario_file.c) ----
** scenarios: code,title,owner,kind,category,region,description,budget,
**            mode,deadline,contact,criteria   (owner "" = the importer,
**            budget "" = not stated, criteria "" = the default)
** applications: scenario,uscc,solution,price,months
** Every field of every row is read and checked for form (the catalogue
** and the rules of the store are the sink's); a code or a (scenario, uscc)
** twice in a file is import.repeat. */
enum { EC_SCENARIO_FILE_SCENARIOS, EC_SCENARIO_FILE_APPLICATIONS };

/* The kind of file named what ("scenarios", "applications"), or -1. */
int ec_scenario_file_kind(const char *what);

/* Where the rows go: good is 1 while the file has had no problem (the sink
** then stores, else only checks). A sink returns 0, EC_EDATA (its problem
** added to d) or EC_EIO (reading stops). */
struct ec_scenario_file_sink {
	void *ctx;
	int (*scenario)(void *ctx, const struct ec_scenario *s, const char *file, long line, int good);
	int (*application)(void *ctx, const struct ec_application *a, const char *file, long line, int good);
};

/* Reads data[0..len) as a file of kind, rows to sink. Returns 0, EC_EDATA
** (problems in d at file:line and column) or EC_EIO (the sink's). *rows
** counts the data rows read. */
int ec_scenario_file_read(int kind, const char *name, const char *data, size_t len,
			  const struct ec_scenario_file_sink *sink, int64_t *rows /* OUT */, struct ec_diag *d);

/* Writes a file's header, and one row. Can't fail (b unlimited) or stops
** at b's limit. */
void ec_scenario_file_write_header(struct ec_buf *b, int kind);
void ec_scenario_file_write_scenario(struct ec_buf *b, const struct ec_scenario *s);
void ec_scenario_file_write_application(struct ec_buf *b, const struct ec_application *a);

#endif
