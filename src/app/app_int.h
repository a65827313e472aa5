/*
** Private to src/app: the application's handle and the one way a change
** is made — begin, write, audit line, commit, or roll back — shared by
** every use case.
*/
#ifndef EC_APP_INT_H
#define EC_APP_INT_H

#include "echelon/app.h"
#include "echelon/facts.h"
#include "echelon/scenario_app.h"

struct ec_app {
	struct ec_store *store;
	struct ec_catalog own;          /* read on first use, unless shared */
	const struct ec_catalog *cat;   /* &own, or the caller's */
	int have_catalog;
	/* the column store (facts.h), current as of the last read */
	struct ec_facts *facts;
	char *facts_path;               /* DATABASE.facts, or in the cache directory
					** for a store with no file (app_facts_cached);
					** NULL: unnamed copies */
	int facts_cached;               /* facts_path is in the cache directory */
	ec_facts_progress_fn facts_progress;
	void *facts_progress_ctx;
	int64_t facts_before;           /* the facts' generation when the change began */
	struct app_facts_rows *facts_rows; /* an import's reports, for the merge (facts.c); NULL: none */
};

/* The reports an import stores, kept in the column store's terms so that
** after the commit they are merged into the file of the generation before
** (app_facts_changed) instead of every report being read back out of the
** store. */
struct app_facts_rows;

/* A report's place in the report table's order (enterprise, then period)
** as one number: what an import sorts the rows it holds by (intake.c) and
** what the column store's merge sorts an import's rows by (facts.c). */
static inline uint64_t app_report_key(const struct ec_report *r)
{
	return (uint64_t)r->enterprise_id << 16 | (uint64_t)r->period;
}

/* qsort's order of records whose first member is such a key. */
int app_key_order(const void *a, const void *b);

/* Starts keeping an import's reports: NULL (keep none) unless the column
** store beside the database is of the generation the change began at
** (app->facts_before), the one a merge starts from. */
struct app_facts_rows *app_facts_rows_new(struct ec_app *app);
/* Keeps one report stored (the intake refuses a file that repeats an
** enterprise and month, so each key comes once). */
void app_facts_rows_add(struct app_facts_rows *k, const struct ec_report *r);
/* Once every report is kept, before the commit: starts writing the merged
** file on a thread of its own, the file before and the kept reports read
** and nothing else (not the store), while the change commits;
** app_facts_changed names it after the commit. k may be NULL. */
void app_facts_rows_merge(struct app_facts_rows *k);
/* Waits for a merge under way, removes a merged file not named, frees. */
void app_facts_rows_free(struct app_facts_rows *k);

/* After a committed change: makes the column store again when the change
** moved the facts' generation past before. Never fails the change. */
void app_facts_changed(struct ec_app *app, int64_t before);
void app_facts_close(struct ec_app *app);
/* Names the column store of a store with no database file (PostgreSQL) in
** the cache directory: ECHELON_FACTS_DIR, else $XDG_CACHE_HOME/echelon,
** else $HOME/.cache/echelon, made 0700 when missing. Leaves it unnamed
** (copies made for each read) when there is no such directory. */
void app_facts_cached(struct ec_app *app);
/* Makes the column store again, whatever its state (a reader found it
** damaged). Returns as ec_app_facts. */
int app_facts_remake(struct ec_app *app, const struct ec_facts **out, char **err);

/* The catalogue, or NULL after adding store.failed to d. */
const struct ec_catalog *app_catalog(struct ec_app *app, struct ec_diag *d);

/* Adds store.failed with the store's message to d. Returns EC_EIO. */
int app_store_failed(struct ec_app *app, struct ec_diag *d);

/* Refuses the change with EC_EDENIED (problem account.role) unless the
** actor's role is in mask. Returns 0 or EC_EDENIED. */
int app_allow(const struct ec_actor *who, unsigned mask, struct ec_diag *d);

/* Begins the change's transaction. Returns 0, or EC_EIO with the problem
** in d. */
int app_begin(struct ec_app *app, struct ec_diag *d);

/* Ends the change begun by app_begin. With rc 0, writes the audit line
** (the actor, action, target and the summary formatted from fmt) and
** commits; otherwise, or when that fails, rolls back. Returns rc, or EC_EIO
** when the audit line or the commit failed (problem in d). */
int app_end(struct ec_app *app, int rc, const struct ec_actor *who, struct ec_diag *d, const char *action,
	    const char *target, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Rolls back the change begun by app_begin, refused with rc (non-zero).
** Returns rc, or EC_EIO when the rollback failed (problem in d). */
int app_abort(struct ec_app *app, int rc, struct ec_diag *d);

/* A store iterator's status as the application gives it: a callback's own
** non-zero value passes through, a failure of the store is EC_EIO. */
static inline int app_each_status(int rc)
{
	return rc == EC_OK ? EC_OK : rc < 0 ? EC_EIO : rc;
}

/* The save sequence of a cluster, shared by add, edit and import: its
** fields against the catalogue, its parent registered (or, importing,
** known_parent(ctx, code) true for a cluster listed in the file), then the
** put unless store is 0 (a file that already has a problem is still
** checked to the end). Problems at file:line when file is not NULL.
** Returns 0, EC_EDATA or EC_EIO. */
int app_cluster_save(struct ec_app *app, const struct ec_catalog *cat, const struct ec_cluster *c, const char *file,
		     long line, int (*known_parent)(void *ctx, const char *code), void *ctx, int store,
		     struct ec_diag *d);

/* The save sequences of a project and a fund, shared by add, edit and
** import: the fields against the catalogue, a project's cluster registered,
** the put unless store is 0. Problems at file:line when file is not NULL. */
int app_project_save(struct ec_app *app, const struct ec_catalog *cat, const struct ec_project *p, const char *file,
		     long line, int store, struct ec_diag *d);
int app_fund_save(struct ec_app *app, const struct ec_catalog *cat, const struct ec_fund *f, const char *file,
		  long line, int store, struct ec_diag *d);
/* Moves a project to stage to: allowed from its stage when had (it is the
** stored project), else set. Returns 0 or EC_EDATA (problem at stage). */
int app_project_stage(struct ec_project *p, enum ec_stage to, int had, const char *file, long line, struct ec_diag *d);

/* The body of a cluster file's import, inside the caller's transaction
** (kind EC_CLUSTER_FILE_*). Returns 0, EC_EDATA or EC_EIO. */
int app_cluster_import(struct ec_app *app, const struct ec_catalog *cat, int kind, const char *name, const char *data,
		       size_t len, int64_t *rows, struct ec_diag *d);

/* Writes the kinds of cat named in kinds (a bit per enum ec_catalog_kind)
** over what the store holds, reclassifying the enterprises when the SEI
** classification changes; inside the caller's transaction. */
int app_catalog_write(struct ec_app *app, const struct ec_catalog *cat, int kinds, struct ec_diag *d);

/* The demo's cluster echelon and its project library, written inside the
** caller's transaction (src/app/demo_clusters.c, demo_projects.c). */
int app_demo_clusters(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, size_t ecosystems,
		      size_t *count, struct ec_diag *d);
/* The demo's digital-level questionnaires: about want enterprises in
** last_year - 1 and last_year, submitted (src/app/demo_digital.c);
** *stored counts them. */
int app_demo_digital(struct ec_app *app, uint64_t seed, int last_year, size_t want, size_t *stored,
		     struct ec_diag *d);
int app_demo_projects(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, size_t nprojects,
		      size_t nfunds, int last_period, struct ec_diag *d);
/* The demo's application scenarios (src/app/demo_scenarios.c): two batches
** and drafts owned by owner, with applications, reviews and selections. */
int app_demo_scenarios(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, const char *owner,
		       struct ec_diag *d);

/* The demo's incentive programme of year (src/app/incentives.c): the
** example rules, three awards to the first SEI enterprises and a payment,
** through the same arithmetic and checks as an approval, inside the
** caller's transaction. Nothing when there are fewer than three. */
int app_demo_incentives(struct ec_app *app, const struct ec_catalog *cat, int year, struct ec_diag *d);

/* Copies text into a field of size bytes. Returns 0, or EC_EDATA with
** field.too_long in d (dst unchanged). */
int app_text(char *dst, size_t size, const char *text, const char *field, struct ec_diag *d);

/* A name among those allowed: *out = parse(name), or EC_EUSAGE with
** field.enum (expected the names given) in d. */
int app_enum(int value, const char *name, const char *field, const char *expected, int *out, struct ec_diag *d);

/* Reports (reports.c): whether who may read them (every role but an
** enterprise's); one of the EC_REPORT_RENDERS_MAX prints at once taken
** (0, or EC_ELIMIT with report.busy; give it back with app_render_end);
** html printed to a PDF appended to out (0, or EC_EIO with report.render). */
int app_report_may_read(const struct ec_actor *who);
int app_render_begin(struct ec_diag *d);
void app_render_end(void);
int app_print_pdf(const char *html, size_t len, double timeout_s, struct ec_buf *out, struct ec_diag *d);

/* The kept printer (printer.c): whether prints go through it
** (ec_app_report_printer_keep), and one print of html by it with the
** browser chromium, within timeout_s. Returns 0 with the PDF appended to
** out, or -1 with *reason (a report.render cause). */
int app_printer_kept(void);
/* Chromium's shared command line (into argv: returns how many) and
** environment (HOME=... given; the caller frees the array) (reports.c). */
size_t app_chromium_argv(const char *chromium, char **argv);
char **app_chromium_env(char *home);
int app_kept_print(const char *chromium, const char *html, size_t len, double timeout_s, struct ec_buf *out,
		   const char **reason);

/* The records the clusters' scenario indicators come from (scenarios.c):
** the scenario list, its batches and every ledger entry, read once (0, or
** EC_EIO with nothing held); a cluster's feed from them (ec_scenario_feed). */
struct app_scenario_records {
	struct ec_scenario *s;
	size_t ns;
	struct ec_scenario_batch *b;
	size_t nb;
	struct ec_ledger_entry *e;
	size_t ne, cap;
};
int app_scenario_records_load(struct ec_store *st, struct app_scenario_records *r /* OUT */);
void app_scenario_records_release(struct app_scenario_records *r);
size_t app_scenario_feed(const struct app_scenario_records *r, const struct ec_cluster *c,
			 struct ec_scenario_feed **rows /* OUT */);

#endif
