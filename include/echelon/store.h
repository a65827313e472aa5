/*
** Storage: the store's contract. Every access to the database goes through
** these ec_store_* calls, which dispatch to a backend's table of function
** pointers the way SQLite hides the OS behind its VFS (src/store/store_int.h:
** the SQLite backend now, a PostgreSQL one later). Every statement is
** prepared with bound parameters. Only src/app calls these; tests/store
** holds every backend to them.
*/
#ifndef ECHELON_STORE_H
#define ECHELON_STORE_H

#include <stdint.h>
#include "auth.h"
#include "catalog.h"
#include "record.h"
#include "cluster.h"
#include "digital.h"
#include "incentive.h"
#include "attachment.h"
#include "scenario.h"
#include "project.h"

struct ec_store;

/* Iteration callbacks return 0 to go on, anything else to stop (and that
** value is returned by the iterator). */
typedef int (*ec_enterprise_fn)(void *ctx, const struct ec_enterprise *e);
typedef int (*ec_report_fn)(void *ctx, const struct ec_report *r);
typedef int (*ec_deflator_fn)(void *ctx, const struct ec_deflator *d);

struct ec_import_log {
	int64_t id;
	char at[32];         /* UTC, ISO 8601 */
	const char *file;
	const char *kind;
	int64_t rows;
	char sha256[65];     /* hex */
	const char *user;    /* who imported ("" before schema 6) */
	int64_t size;        /* bytes of the file */
	const char *format;  /* "csv", "xlsx" */
	const char *encoding; /* what it was read as */
	const char *result;  /* "stored", or "rejected" (nothing stored) */
	int64_t problems;    /* a rejected file's problems */
};
typedef int (*ec_import_log_fn)(void *ctx, const struct ec_import_log *l);

struct ec_user {
	int64_t id;
	char name[65];
	char password_hash[160];  /* argon2id, libsodium's string form */
	enum ec_role role;
	char scope[256];          /* USCC, cluster codes or fund ids */
	int disabled;
	char created_at[32];
};
typedef int (*ec_user_fn)(void *ctx, const struct ec_user *u);

struct ec_session {
	char token_hash[65];      /* hex SHA-256 of the cookie's token */
	int64_t user_id;
	char csrf_token[65];
	int64_t created_at, expires_at; /* Unix seconds */
};

struct ec_audit {
	int64_t id;
	char at[32];
	const char *user, *action, *target, *summary;
};
typedef int (*ec_audit_fn)(void *ctx, const struct ec_audit *a);

/* A job: long work the server runs off the request path, kept so that its
** owner can come back for the answer and a stop of the server loses none. */
struct ec_job {
	char id[33];            /* 32 hex digits, random */
	int64_t user_id;        /* the account that asked */
	char kind[24];          /* "allocation", "import", "discovery", "evaluation" */
	char label[128];        /* what it works on: a file, a period, a year */
	char state[12];         /* queued, running, done, failed, cancelled */
	int64_t created_at, started_at, finished_at; /* Unix seconds; 0: not yet */
	int64_t expires_at;     /* the record and its answer go then; 0: not finished */
	int http_status;        /* the answer's status once finished, else 0 */
	const char *result;     /* the answer's JSON once finished, else NULL */
};
typedef int (*ec_job_fn)(void *ctx, const struct ec_job *j);
/* A published report, kept as it was published (the library of reports). */
struct ec_published {
	int64_t id;             /* set by ec_store_published_add */
	char kind[16];          /* "bulletin", "cluster" or "allocation" */
	char period[8];         /* YYYY-MM; a cluster's profile: its latest year, YYYY */
	char region[32];        /* "" national, a province or prefecture; a cluster's profile: its code */
	char lang[4];           /* "zh", "en" */
	int64_t generation;     /* the facts' generation it was made from */
	char made_by[96];       /* the account that published it */
	char made_at[32];       /* UTC, YYYY-MM-DDTHH:MM:SSZ; set by the store */
	const char *html, *xlsx; /* the documents; NULL in a listing */
	size_t html_len, xlsx_len;
};
typedef int (*ec_published_fn)(void *ctx, const struct ec_published *p);
typedef int (*ec_cluster_fn)(void *ctx, const struct ec_cluster *c);
/* A member rule: include or exclude one enterprise. */
typedef int (*ec_member_fn)(void *ctx, const char *cluster, const char *uscc, int include);
/* An indicator entered for a year. */
typedef int (*ec_indicator_fn)(void *ctx, const char *cluster, int year, const char *indicator, double value);
typedef int (*ec_project_fn)(void *ctx, const struct ec_project *p);
typedef int (*ec_fund_fn)(void *ctx, const struct ec_fund *f);

/* A filter of the enterprise list; NULL or empty strings mean "any". */
struct ec_enterprise_filter {
	const char *name_contains;   /* or the beginning of the USCC */
	const char *region_prefix;   /* GB/T 2260 code prefix */
	const char *category;        /* SEI code: the enterprise's primary category or below it */
	const char *uscc;            /* exactly this enterprise */
	const int64_t *ids;          /* enterprise ids, ascending, for ids_mode */
	size_t nids;
	enum { EC_IDS_ANY, EC_IDS_ONLY, EC_IDS_EXCEPT } ids_mode;
	/* The application's, never the store's (which has no rule of size):
	** ec_app_enterprises turns them into ids with ec_above_size. */
	int above_size_year;         /* -1, or: above designated size in that year */
	double above_size;           /* the threshold */
	int above_size_wanted;       /* 1: above, 0: below */
	/* The application's too: ec_app_enterprises turns it into ids with
	** the column store's industries. */
	const char *industry_prefix; /* GB/T 4754 code's beginning (2-4 digits), NULL for any */
};

/* The revenue of each enterprise that reported in a year, summed over its
** months: callback with the enterprise's id and the sum. */
typedef int (*ec_revenue_fn)(void *ctx, int64_t enterprise_id, double revenue);

struct ec_store_counts {
	int64_t categories, mappings, industries, regions;
	int64_t enterprises, reports, deflators, imports;
	int first_period, last_period; /* of reports; -1 when none */
};

/* Open flags. */
enum { EC_STORE_CREATE = 1, EC_STORE_READONLY = 2 };

/* The schema version this binary writes. */
#define EC_SCHEMA_VERSION 13

/* Opens a store by URI: a path (SQLite), or postgres://..., postgresql://...
** or a "host=... dbname=..." connection string (PostgreSQL; the store lives
** in the connection's current schema). Returns 0, or an error status with
** *err set (caller frees). */
int ec_store_open(const char *uri, int flags, struct ec_store **out /* OUT */, char **err /* OUT */);
void ec_store_close(struct ec_store *s);
/* 1 when ec_store_open would open uri on PostgreSQL, else 0. Can't fail. */
int ec_store_uri_is_postgres(const char *uri);

/* The last error message of the store; never NULL. */
const char *ec_store_errmsg(const struct ec_store *s);

/* The store's calls. Each returns 0, or a negative status with the
** message in ec_store_errmsg; iterators return what their callback
** returned when it stopped them. The calls dispatch through the open
** backend's ops table (src/store/store_int.h), which no caller sees. */
int ec_store_begin(struct ec_store *s);
int ec_store_commit(struct ec_store *s);
int ec_store_rollback(struct ec_store *s);
int ec_store_schema_version(struct ec_store *s, int *version);
int ec_store_catalog_clear(struct ec_store *s, enum ec_catalog_kind kind);
int ec_store_category_put(struct ec_store *s, const struct ec_category *c, int seq);
int ec_store_mapping_put(struct ec_store *s, const struct ec_mapping *m, int seq);
int ec_store_industry_put(struct ec_store *s, const struct ec_industry *i, int seq);
int ec_store_region_put(struct ec_store *s, const struct ec_region *r, int seq);
/* Loads every catalogue into cat (which the caller has initialised). */
int ec_store_catalog_load(struct ec_store *s, struct ec_catalog *cat);
/* Inserts or updates by uscc; sets e->id. */
int ec_store_enterprise_put(struct ec_store *s, struct ec_enterprise *e);
int ec_store_enterprise_each(struct ec_store *s, ec_enterprise_fn fn, void *ctx);
/* Recomputes every enterprise's primary category against cat. */
int ec_store_enterprise_reclassify(struct ec_store *s, const struct ec_catalog *cat);
/* Inserts or updates by (enterprise, period). */
int ec_store_report_put(struct ec_store *s, const struct ec_report *r);
/* Inserts or updates the n reports of rows by (enterprise, period), as n
** calls of ec_store_report_put in order would (a later row of a key wins);
** the bulk writer's way (SQLite: one statement reads them all, without a
** step, bind and reset per row). Returns 0, or EC_EIO with the store's
** message, some rows perhaps written: the caller's transaction is to be
** rolled back. */
int ec_store_report_put_many(struct ec_store *s, const struct ec_report *rows, size_t n);
/* Reports with from <= period <= to (-1: unbounded), ordered by
** enterprise then period. */
int ec_store_report_each(struct ec_store *s, int from, int to, ec_report_fn fn, void *ctx);
int ec_store_deflator_put(struct ec_store *s, const struct ec_deflator *d);
int ec_store_deflator_each(struct ec_store *s, int from, int to, ec_deflator_fn fn, void *ctx);
int ec_store_import_log_add(struct ec_store *s, struct ec_import_log *l);
int ec_store_import_log_each(struct ec_store *s, ec_import_log_fn fn, void *ctx);
int ec_store_counts(struct ec_store *s, struct ec_store_counts *out);
/* A transaction that only reads (ended by ec_store_commit or
** ec_store_rollback): its reads see one state of the data, and it does not
** keep writers out. */
int ec_store_begin_read(struct ec_store *s);
/* The generation of the facts (enterprises, reports and deflators): a
** number moved by the commit of every change to them, and by nothing else.
** The column store (facts.h) names the generation it was made from. */
int ec_store_facts_generation(struct ec_store *s, int64_t *generation /* OUT */);
/* A name for the store's data that no other store has and that every
** process reaching the same data finds the same (a file name's worth of
** [A-Za-z0-9_.-]): the name of its column store where it has no file of
** its own to sit beside. EC_EUSAGE where the backend has none (SQLite: the
** database's path names it). */
int ec_store_identity(struct ec_store *s, char *buf, size_t size);
/* How far the store's log has come, in bytes: on a primary what it has
** written, on a streaming replica what it has replayed; a reader on a
** replica at or past a position reads every change committed before it
** (docs/architecture.md, "Readers on a streaming replica"). EC_EUSAGE
** where the backend has no such log (SQLite). */
int ec_store_log_position(struct ec_store *s, uint64_t *pos /* OUT */);
/* Announcements between the processes that share a store (PostgreSQL's
** LISTEN/NOTIFY on the channel "echelon"; SQLite has none). The facts'
** generation announces "facts" in the transaction that moves it, so any
** writer (a server, a command) is heard. ec_store_announce sends what (at
** the commit when in a transaction; at once otherwise; a no-op without
** announcements). ec_store_listen starts hearing them on this connection
** (EC_EUSAGE: the backend has none) and, with a holder (16 characters),
** holds that name for as long as the connection lasts: the jobs whose id
** begins with a held name are a live server's, which
** ec_store_job_settle leaves alone; ec_store_announcements waits up to
** timeout_ms for some and calls fn with each one's text, 0 when some came
** or none did, EC_EIO when the connection is lost. Only this store's
** (schema's) announcements reach fn. */
typedef void (*ec_announcement_fn)(void *ctx, const char *what);
int ec_store_announce(struct ec_store *s, const char *what);
int ec_store_listen(struct ec_store *s, const char *holder /* NULL: none */);
int ec_store_announcements(struct ec_store *s, int timeout_ms, ec_announcement_fn fn, void *ctx);
/* Tunes the connection for one large write, outside a transaction:
** a bigger cache, and no row-by-row reference checks (the caller must
** have checked every reference it writes). Off restores both. */
int ec_store_bulk_mode(struct ec_store *s, int on);
/* Enterprises matching f, ordered by id, from offset, at most limit;
** *total is the number matching. */
int ec_store_enterprise_query(struct ec_store *s, const struct ec_enterprise_filter *f, int64_t offset,
			      int64_t limit, ec_enterprise_fn fn, void *ctx, int64_t *total);
/* The revenue of every enterprise that reported in year, summed over the
** year's months, by enterprise id. */
int ec_store_revenue_each(struct ec_store *s, int year, ec_revenue_fn fn, void *ctx);
/* One enterprise by USCC: 0, or EC_ENOTFOUND. */
int ec_store_enterprise_get(struct ec_store *s, const char *uscc, struct ec_enterprise *e);
/* The reports of one enterprise, by period. */
int ec_store_report_each_enterprise(struct ec_store *s, int64_t enterprise_id, ec_report_fn fn, void *ctx);
/* Accounts: insert (sets u->id; EC_EDATA when the name is taken),
** update by id, get by name (EC_ENOTFOUND), list by name. */
int ec_store_user_add(struct ec_store *s, struct ec_user *u);
int ec_store_user_update(struct ec_store *s, const struct ec_user *u);
int ec_store_user_get(struct ec_store *s, const char *name, struct ec_user *u);
int ec_store_user_get_id(struct ec_store *s, int64_t id, struct ec_user *u);
int ec_store_user_each(struct ec_store *s, ec_user_fn fn, void *ctx);
/* Sessions by token hash; _get returns EC_ENOTFOUND when absent. */
int ec_store_session_put(struct ec_store *s, const struct ec_session *se);
int ec_store_session_get(struct ec_store *s, const char *token_hash, struct ec_session *se);
int ec_store_session_delete(struct ec_store *s, const char *token_hash);
/* Removes expired sessions, and every session of user_id when >= 0. */
int ec_store_session_purge(struct ec_store *s, int64_t now, int64_t user_id);
/* Clusters: insert or update by code (keeps its place in the list),
** get by code (EC_ENOTFOUND), list in registration order. */
int ec_store_cluster_put(struct ec_store *s, const struct ec_cluster *c);
int ec_store_cluster_get(struct ec_store *s, const char *code, struct ec_cluster *c);
int ec_store_cluster_each(struct ec_store *s, ec_cluster_fn fn, void *ctx);
/* Member rules (include 1 / exclude 0; -1 removes the rule) and the
** indicators entered by year; cluster NULL lists every cluster's. */
int ec_store_cluster_member_put(struct ec_store *s, const char *cluster, const char *uscc, int include);
int ec_store_cluster_member_each(struct ec_store *s, const char *cluster, ec_member_fn fn, void *ctx);
int ec_store_cluster_indicator_put(struct ec_store *s, const char *cluster, int year, const char *indicator,
				   double value);
int ec_store_cluster_indicator_each(struct ec_store *s, const char *cluster, ec_indicator_fn fn, void *ctx);
/* SME digital-level questionnaires, keyed by (uscc, year, edition):
** _put inserts or updates the assessment and replaces its answers with
** answers[0..n) as a whole (a failure changes nothing); _get fills *a and
** *answers (caller frees; NULL when n is 0) in item order, or returns
** EC_ENOTFOUND; _each lists every assessment of uscc (NULL: all) by uscc,
** year and edition. */
typedef int (*ec_digital_fn)(void *ctx, const struct ec_digital_assessment *a);
int ec_store_digital_put(struct ec_store *s, const struct ec_digital_assessment *a,
			 const struct ec_digital_answer *answers, size_t n);
int ec_store_digital_get(struct ec_store *s, const char *uscc, int year, const char *edition,
			 struct ec_digital_assessment *a /* OUT */, struct ec_digital_answer **answers /* OUT */,
			 size_t *n /* OUT */);
int ec_store_digital_each(struct ec_store *s, const char *uscc, ec_digital_fn fn, void *ctx);
/* Incentive programmes and their ledger (incentive.h). _programme_add
** inserts a programme with its rules (EC_EDATA when the code is taken);
** _programme_get fills *p with its rules (caller releases; EC_ENOTFOUND);
** _programme_each lists them in registration order, without their rules;
** _rules_put replaces a programme's rules as a whole (a failure changes
** nothing). _entry_add appends an entry, setting e->id and e->at (EC_EDATA
** when the unique claim reference or reversal is taken: nothing written);
** _entry_each lists the entries of programme (NULL: every programme) whose
** beneficiary is beneficiary (NULL: any), by id. Entries are never changed
** or removed. */
typedef int (*ec_programme_fn)(void *ctx, const struct ec_incentive_programme *p);
typedef int (*ec_entry_fn)(void *ctx, const struct ec_ledger_entry *e);
int ec_store_programme_add(struct ec_store *s, const struct ec_incentive_programme *p);
int ec_store_programme_get(struct ec_store *s, const char *code, struct ec_incentive_programme *p /* OUT */);
int ec_store_programme_each(struct ec_store *s, ec_programme_fn fn, void *ctx);
int ec_store_rules_put(struct ec_store *s, const char *programme, const struct ec_incentive_rule *rules, size_t n);
int ec_store_entry_add(struct ec_store *s, struct ec_ledger_entry *e);
int ec_store_entry_each(struct ec_store *s, const char *programme, const char *beneficiary, ec_entry_fn fn,
			void *ctx);
/* Projects with their plan, monthly completed investment and
** revisions (replaced as a whole), and funds: insert or update by code,
** get by code (EC_ENOTFOUND; the caller releases the project), list in
** registration order. */
int ec_store_project_put(struct ec_store *s, const struct ec_project *p);
int ec_store_project_get(struct ec_store *s, const char *code, struct ec_project *p);
int ec_store_project_each(struct ec_store *s, ec_project_fn fn, void *ctx);
int ec_store_fund_put(struct ec_store *s, const struct ec_fund *f);
int ec_store_fund_get(struct ec_store *s, const char *code, struct ec_fund *f);
int ec_store_fund_each(struct ec_store *s, ec_fund_fn fn, void *ctx);
/* The audit log: append (sets a->id and a->at), list newest first. */
int ec_store_audit_add(struct ec_store *s, struct ec_audit *a);
int ec_store_audit_each(struct ec_store *s, int64_t limit, ec_audit_fn fn, void *ctx);

/* Jobs: insert or replace by id; one by id (EC_ENOTFOUND), without its
** result when with_result is 0; a user's (user_id < 0: everyone's), newest
** first, at most limit, without results. ec_store_job_settle marks every
** job still queued or running as failed with the answer result (a server
** stopped under it), expiring at expires_at, and removes the records
** that expired by now; on PostgreSQL, not those whose id begins with a
** name a connection holds (ec_store_listen): another server runs them. */
int ec_store_job_put(struct ec_store *s, const struct ec_job *j);
int ec_store_job_get(struct ec_store *s, const char *id, int with_result, ec_job_fn fn, void *ctx);
int ec_store_job_each(struct ec_store *s, int64_t user_id, int64_t limit, ec_job_fn fn, void *ctx);
int ec_store_job_settle(struct ec_store *s, int64_t now, int64_t expires_at, int http_status, const char *result);

/* Published reports: append (sets p->id and p->made_at); one by id with
** its documents (EC_ENOTFOUND); the newest first, at most limit, without
** documents. */
int ec_store_published_add(struct ec_store *s, struct ec_published *p);
int ec_store_published_get(struct ec_store *s, int64_t id, ec_published_fn fn, void *ctx);
int ec_store_published_each(struct ec_store *s, int64_t limit, ec_published_fn fn, void *ctx);

/* Writes the catalogues in cat into the store, replacing what is there for
** each kind named in kinds (a bit per enum ec_catalog_kind), and
** reclassifies the enterprises when the SEI classification changes. All or
** nothing only inside a transaction (ec_store_begin): the caller's. Returns
** 0 or EC_EIO. */
int ec_store_write_catalog(struct ec_store *s, const struct ec_catalog *cat, int kinds /* bit per kind */);

/* ---- list calls that hand back arrays: no per-caller realloc loops ----
**
** Each reads the whole list through the matching _each iterator, in its
** order, and hands back an array of *n entries that the caller owns:
** *items is NULL when *n is 0. On failure it returns the iterator's
** negative status with the message in ec_store_errmsg, and *items is NULL
** and *n 0 (nothing to free). Entries are copies: they stay valid after
** the store is written to or closed. Out of memory aborts (ec_malloc). */

/* Clusters in registration order. The caller frees the array with free(). */
int ec_store_cluster_list(struct ec_store *s, struct ec_cluster **items /* OUT: caller frees */,
			  size_t *n /* OUT */);

/* Projects in registration order, each with its own plan, completed months
** and revisions. The caller frees the array and what every project holds
** with ec_store_project_list_free (or ec_project_release on each, then
** free() on the array). */
int ec_store_project_list(struct ec_store *s, struct ec_project **items /* OUT: ec_store_project_list_free */,
			  size_t *n /* OUT */);
/* Releases every project of a list and frees the array. NULL is a no-op. */
void ec_store_project_list_free(struct ec_project *items, size_t n);

/* Funds in registration order. The caller frees the array with free(). */
int ec_store_fund_list(struct ec_store *s, struct ec_fund **items /* OUT: caller frees */, size_t *n /* OUT */);

/* Accounts ordered by name. The caller frees the array with free(). */
int ec_store_user_list(struct ec_store *s, struct ec_user **items /* OUT: caller frees */, size_t *n /* OUT */);

/* At most limit audit entries, newest first; limit < 0: every entry. The
** list owns copies of the entries' strings (user, action, target,
** summary): free it with ec_store_audit_list_free, never with free(). */
int ec_store_audit_list(struct ec_store *s, int64_t limit,
			struct ec_audit **items /* OUT: ec_store_audit_list_free */, size_t *n /* OUT */);
/* Frees every entry's strings and the array. NULL is a no-op. */
void ec_store_audit_list_free(struct ec_audit *items, size_t n);

/* The import log in the order of ec_store_import_log_each. The list owns
** copies of the entries' file and kind: free it with
** ec_store_import_log_list_free, never with free(). */
int ec_store_import_log_list(struct ec_store *s, struct ec_import_log **items /* OUT: ec_store_import_log_list_free */,
			     size_t *n /* OUT */);
/* Frees every entry's strings and the array. NULL is a no-op. */
void ec_store_import_log_list_free(struct ec_import_log *items, size_t n);

/* Application scenarios (scenario.h). Puts insert or update by key: a
** scenario by code (keeping its place), a batch by number, an
** application by (scenario, uscc), a reviewer by (scenario, reviewer), a
** score by (scenario, uscc, reviewer, criterion); a notification is
** appended (sets n->id). _get returns EC_ENOTFOUND when absent. The lists
** hand back arrays the caller frees with free(): scenarios in
** registration order, batches by number, applications of scenario and/or
** uscc (NULL: any) by scenario then uscc, reviewers and scores of
** scenario (NULL: any), an account's notifications newest first (at most
** limit; < 0 every one). */
/* A scenario's attachments (attachment.h): _add appends one with its bytes
** body[0..len) (copied), setting a->id; _list gives a scenario's in the
** order added, without their bytes (caller frees *items); _get fills *a
** and *body (ec_malloc'd, caller frees) with attachment id of scenario
** (EC_ENOTFOUND when it is not that scenario's). */
int ec_store_attachment_add(struct ec_store *s, struct ec_attachment *a, const void *body, size_t len);
int ec_store_attachment_list(struct ec_store *s, const char *scenario, struct ec_attachment **items /* OUT */,
			     size_t *n /* OUT */);
int ec_store_attachment_get(struct ec_store *s, const char *scenario, int64_t id, struct ec_attachment *a /* OUT */,
			    void **body /* OUT */, size_t *len /* OUT */);
int ec_store_scenario_put(struct ec_store *s, const struct ec_scenario *sc);
int ec_store_scenario_get(struct ec_store *s, const char *code, struct ec_scenario *sc /* OUT */);
int ec_store_scenario_list(struct ec_store *s, struct ec_scenario **items /* OUT: caller frees */, size_t *n /* OUT */);
int ec_store_batch_put(struct ec_store *s, const struct ec_scenario_batch *b);
int ec_store_batch_list(struct ec_store *s, struct ec_scenario_batch **items /* OUT: caller frees */,
			size_t *n /* OUT */);
int ec_store_application_put(struct ec_store *s, const struct ec_application *a);
int ec_store_application_list(struct ec_store *s, const char *scenario, const char *uscc,
			      struct ec_application **items /* OUT: caller frees */, size_t *n /* OUT */);
int ec_store_reviewer_put(struct ec_store *s, const struct ec_scenario_reviewer *r);
int ec_store_reviewer_list(struct ec_store *s, const char *scenario,
			   struct ec_scenario_reviewer **items /* OUT: caller frees */, size_t *n /* OUT */);
int ec_store_score_put(struct ec_store *s, const struct ec_scenario_score *sc);
int ec_store_score_list(struct ec_store *s, const char *scenario, struct ec_scenario_score **items /* OUT: caller frees */,
			size_t *n /* OUT */);
int ec_store_notification_add(struct ec_store *s, struct ec_notification *n);
int ec_store_notification_list(struct ec_store *s, const char *account, int64_t limit,
			       struct ec_notification **items /* OUT: caller frees */, size_t *n /* OUT */);

/* ---- end of the list calls ---- */

/* ---- whole tables: the copy of a store into another (migrate, backup) ----
**
** Every table of the schema, by number from 0 (ec_store_table_name is NULL
** past the last), in an order where each references only tables before it.
** A row is one value per column, in the same columns on every backend, of
** the kinds the schema gives them; text and bytes point into the store's
** buffers, valid only during the callback. */
enum ec_value_kind { EC_VALUE_NULL, EC_VALUE_INT, EC_VALUE_REAL, EC_VALUE_TEXT, EC_VALUE_BLOB };
struct ec_value {
	enum ec_value_kind kind;
	int64_t i;        /* EC_VALUE_INT */
	double r;         /* EC_VALUE_REAL */
	const void *p;    /* EC_VALUE_TEXT (not NUL-terminated for a put), EC_VALUE_BLOB */
	size_t n;         /* bytes at p */
};
typedef int (*ec_row_fn)(void *ctx, const struct ec_value *row, int ncols);

/* The name of table number table, or NULL past the last. Can't fail. */
const char *ec_store_table_name(struct ec_store *s, int table);
/* The rows of a table into *rows. */
int ec_store_table_rows(struct ec_store *s, int table, int64_t *rows /* OUT */);
/* Every row of a table, in the order of its primary key (text compared
** bytewise on every backend), to fn. */
int ec_store_table_each(struct ec_store *s, int table, ec_row_fn fn, void *ctx);
/* Inserts one row of ncols values as they are (its keys too): for a copy,
** inside the caller's transaction, the tables in their order. */
int ec_store_table_put(struct ec_store *s, int table, const struct ec_value *row, int ncols);
/* 1 when the migrations put rows in a table of their own (the facts'
** generation), which a copy empties with ec_store_table_clear first. Can't
** fail. */
int ec_store_table_seeded(struct ec_store *s, int table);
int ec_store_table_clear(struct ec_store *s, int table);
/* Ends a copy, before its commit: moves every key the database gives
** (an account's id) past the largest copied. */
int ec_store_table_seal(struct ec_store *s);

#endif
