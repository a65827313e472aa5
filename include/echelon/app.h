/*
** The application layer: every use case the faces offer (the command and
** the server) is one ec_app_* function. A change takes the actor and its
** input, checks everything, opens one transaction, writes, writes its audit
** line in the same transaction and commits; or it rolls back, so that a
** refused change leaves the database exactly as it was. Refusals are
** problems (echelon.h, problem.h): codes with parameters, written in the
** user's language by the face. The faces call only these functions; only
** src/app calls the store (store.h).
*/
#ifndef ECHELON_APP_H
#define ECHELON_APP_H

#include <stdint.h>
#include <stdio.h>

#include "auth.h"
#include "catalog.h"
#include "demo.h"
#include "digital.h"
#include "cluster.h"
#include "echelon.h"
#include "complexity.h"
#include "evaluate.h"
#include "facts.h"
#include "funding.h"
#include "intake.h"
#include "monitor.h"
#include "report.h"
#include "output.h"
#include "problem.h"
#include "project.h"
#include "store.h"

struct ec_app;

/* ---- opening ---- */

/* Opens the application over the store at uri (EC_STORE_CREATE,
** EC_STORE_READONLY as for ec_store_open). Returns 0, or an error status
** with *err set (caller frees) and *out NULL. */
int ec_app_open(const char *uri, int flags, struct ec_app **out /* OUT */, char **err /* OUT */);

/* The same over a catalogue the caller keeps alive and unchanged while the
** application is open (the server's, shared by its threads). */
int ec_app_open_shared(const char *uri, int flags, const struct ec_catalog *cat, struct ec_app **out /* OUT */,
		       char **err /* OUT */);

/* Closes the store and frees what the application holds. NULL is a no-op. */
void ec_app_close(struct ec_app *app);

/* The last error of the store, for the log; never NULL. */
const char *ec_app_errmsg(const struct ec_app *app);

/* ---- announcements between processes on one store ---- */

/* 1 when the store at uri carries announcements (PostgreSQL), so that
** several servers can share it; 0 for SQLite. */
int ec_app_announces(const char *uri);
/* The store's announcements (ec_store_announce, ec_store_listen and
** ec_store_announcements in echelon/store.h): send what; start hearing;
** wait up to timeout_ms and hand each heard one to fn. 0, EC_EUSAGE where
** the store has none, EC_EIO (message in ec_app_errmsg) when the
** connection is lost. */
int ec_app_announce(struct ec_app *app, const char *what);
int ec_app_listen(struct ec_app *app, const char *holder /* NULL: none */);
int ec_app_announcements(struct ec_app *app, int timeout_ms, ec_announcement_fn fn, void *ctx);
/* How far the store's log has come (ec_store_log_position): written on a
** primary, replayed on a streaming replica. 0, EC_EUSAGE (SQLite) or
** EC_EIO. */
int ec_app_log_position(struct ec_app *app, uint64_t *pos /* OUT */);
/* The facts' generation (ec_store_facts_generation): a number moved by the
** commit of every change to enterprises, reports and deflators. 0 or EC_EIO. */
int ec_app_data_generation(struct ec_app *app, int64_t *generation /* OUT */);

/* The catalogues, read from the store on first use. Returns 0 with *cat
** set (owned by the application), or EC_EIO (message in ec_app_errmsg). */
int ec_app_catalog(struct ec_app *app, const struct ec_catalog **cat /* OUT */);

/* Reads the store's catalogues into cat (initialised by the caller), for a
** caller that keeps its own copy (the server). Returns 0 or EC_EIO. */
int ec_app_catalog_read(struct ec_app *app, struct ec_catalog *cat);

/* ---- actors ---- */

/* Who makes a change: an account (signed in to the server, or named with
** the command's --as) or the login running the command. Every change is
** audited under name. */
struct ec_actor {
	char name[96];
	enum ec_role role;
	char scope[256];       /* the account's scope (auth.h); "" for none */
	int64_t user_id;       /* the account, or -1 for a login */
};

/* The login running the command on the database file: "cli:LOGIN", with
** the rights of an admin (whoever may write the file may change it).
** Can't fail. */
void ec_actor_login(struct ec_actor *a, const char *login);

/* The actor of an account. Can't fail. */
void ec_actor_of(struct ec_actor *a, const struct ec_user *u);

/* The actor of the account named (the command's --as). Returns 0, or
** EC_ENOTFOUND (actor.unknown) or EC_EDENIED (actor.disabled) with the
** problem in d, or EC_EIO. */
int ec_app_actor_as(struct ec_app *app, const char *account, struct ec_actor *a /* OUT */, struct ec_diag *d);

/* The roles allowed to make each kind of change, as bits (1u << role).
** The server's route table uses the same masks. An agency, a fund and an
** enterprise account change only what their scope names. */
#define EC_ROLE_BIT(r) (1u << (r))
#define EC_MAY_ANALYSE (EC_ROLE_BIT(EC_ROLE_ADMIN) | EC_ROLE_BIT(EC_ROLE_ANALYST))
#define EC_MAY_IMPORT EC_MAY_ANALYSE
#define EC_MAY_CLUSTER_ADD EC_MAY_ANALYSE
#define EC_MAY_CLUSTER_EDIT (EC_MAY_ANALYSE | EC_ROLE_BIT(EC_ROLE_AGENCY))
#define EC_MAY_PROJECT_EDIT (EC_MAY_ANALYSE | EC_ROLE_BIT(EC_ROLE_ENTERPRISE))
#define EC_MAY_FUND_ADD EC_MAY_ANALYSE
#define EC_MAY_FUND_EDIT (EC_MAY_ANALYSE | EC_ROLE_BIT(EC_ROLE_FUND))
#define EC_MAY_ALLOCATE EC_MAY_ANALYSE
#define EC_MAY_PUBLISH EC_MAY_ANALYSE
#define EC_MAY_USERS EC_ROLE_BIT(EC_ROLE_ADMIN)
#define EC_MAY_CATALOG EC_ROLE_BIT(EC_ROLE_ADMIN)
/* An enterprise answers and reads only its own questionnaire (its scope is
** its USCC); analysts and admins any, and only they import answers. */
#define EC_MAY_DIGITAL (EC_MAY_ANALYSE | EC_ROLE_BIT(EC_ROLE_ENTERPRISE))
#define EC_MAY_DIGITAL_IMPORT EC_MAY_IMPORT
/* Benchmarks are aggregates under the disclosure control: every role. */
#define EC_MAY_DIGITAL_BENCH (EC_ROLE_BIT(EC_ROLE_ADMIN) | EC_ROLE_BIT(EC_ROLE_ANALYST) | EC_ROLE_BIT(EC_ROLE_AGENCY) | EC_ROLE_BIT(EC_ROLE_FUND) | EC_ROLE_BIT(EC_ROLE_ENTERPRISE))

/* True when code is one of the ';'-separated codes of scope. Can't fail. */
int ec_scope_has(const char *scope, const char *code);

/* Whether the actor may see figures of single enterprises: admins and
** analysts; every other role reads figures through the disclosure control
** (sdc.h). Can't fail. */
int ec_actor_sees_microdata(const struct ec_actor *who);

/* Whether the actor may see a project, its figures and its matches: an
** enterprise account only the projects it owns, every other role all. The
** one rule for the project list, a project, a fund's matches and changes.
** Can't fail. */
int ec_actor_sees_project(const struct ec_actor *who, const struct ec_project *p);

/* What the change functions return: 0 when stored (one audit line naming
** the actor), else nothing is stored and d holds the problems:
**   EC_EUSAGE     a value is malformed (a name not among those allowed)
**   EC_EDATA      a value breaks a rule, or a reference is missing
**   EC_ENOTFOUND  what is to be changed does not exist
**   EC_EDENIED    the actor may not make the change
**   EC_EIO        the database failed (problem store.failed) */

/* ---- SME digital level (digital.h) ---- */

/* One enterprise's questionnaire as the faces show it: the stored
** assessment and answers, the edition they answer, and their score (a
** draft's score so far: unanswered items count 0). */
struct ec_digital_view {
	struct ec_digital_assessment a;
	struct ec_digital_answer *answers;
	size_t nanswers;
	struct ec_digital_questionnaire q;
	struct ec_digital_result r;
};
void ec_digital_view_init(struct ec_digital_view *v);
void ec_digital_view_release(struct ec_digital_view *v);

/* Saves answers[0..n) into the draft of uscc for year and edition (made
** when there is none; sector NULL keeps the draft's table), each replacing
** the answer to its item; audited as digital.answer. A submitted one is
** refused (digital.submitted) unless revise, which makes it a draft again
** with its revision counted, audited as digital.revise. out (may be NULL)
** gets the questionnaire as stored. */
int ec_app_digital_answer(struct ec_app *app, const struct ec_actor *who, const char *uscc, int year,
			  const char *edition, const char *sector, const struct ec_digital_answer *answers, size_t n,
			  int revise, struct ec_digital_view *out /* OUT */, struct ec_diag *d);

/* Submits the draft: every item of its table answered, the pledge that
** the answers are true given (digital.pledge), score and level computed
** and kept; audited as digital.submit. */
int ec_app_digital_submit(struct ec_app *app, const struct ec_actor *who, const char *uscc, int year,
			  const char *edition, int pledge, struct ec_digital_view *out /* OUT */, struct ec_diag *d);

/* The questionnaire of uscc for year and edition with its score. Returns
** 0 (release out), EC_ENOTFOUND (digital.not_found), EC_EDENIED
** (digital.not_own: an enterprise account asking for another's), EC_EIO. */
int ec_app_digital_show(struct ec_app *app, const struct ec_actor *who, const char *uscc, int year,
			const char *edition, struct ec_digital_view *out /* OUT */, struct ec_diag *d);

/* Imports an answers file (docs/formats.md), all or nothing: every
** questionnaire in it complete and submitted as imported by who. what is
** "answers" (a questionnaire already submitted is refused) or "revisions"
** (it is replaced, its revision counted). *rows gets the answers stored. */
int ec_app_digital_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			  const char *data, size_t len, int64_t *rows /* OUT */, struct ec_diag *d);

/* Every questionnaire of uscc, by year and edition (*items: caller frees).
** Returns 0, or EC_EDENIED (digital.not_own) / EC_EUSAGE / EC_EIO. */
int ec_app_digital_history(struct ec_app *app, const struct ec_actor *who, const char *uscc,
			   struct ec_digital_assessment **items /* OUT */, size_t *n /* OUT */, struct ec_diag *d);

/* What a benchmark groups by: "province", "prefecture", "area", "size",
** "cluster" (ended by NULL); the size classes: "micro", "small",
** "medium", "large", "unknown". */
extern const char *const ec_digital_bench_bys[];
extern const char *const ec_digital_sizes[];
struct ec_digital_bench_query {
	int year;
	const char *edition;    /* NULL: the default edition */
	const char *by;         /* one of ec_digital_bench_bys */
	const char *region;     /* a GB/T 2260 prefix the enterprises are in, or NULL */
	const char *sector;     /* a sector table, or NULL for all */
	enum ec_lang lang;      /* of the groups' names */
};
/* The submitted assessments of q's year and edition grouped by q->by
** (docs/methods.md, "Digital-level benchmarks") into t (release it): a row
** "all", then a row per group with enterprises (code, name, enterprises,
** mean_score, median_score, level0..level4, level2_pct, level3_pct,
** suppressed, suppression). rule (may be NULL) is the disclosure control:
** a group it hides is blanked for an actor that does not see microdata,
** and named in suppression for every actor. *all (may be NULL) gets the
** whole's figures. Returns 0, or EC_EUSAGE / EC_EDENIED / EC_EIO. */
int ec_app_digital_benchmark(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			     const struct ec_digital_bench_query *q, struct ec_table *t /* OUT */,
			     struct ec_digital_bench *all /* OUT */, struct ec_diag *d);

/* A year and edition with submitted questionnaires, and how many. */
struct ec_digital_year {
	int year;
	char edition[EC_DIGITAL_CODE];
	int64_t enterprises;
};
/* Every year and edition with submissions, newest first (*items: caller
** frees), for the benchmarks' choice of year. Returns 0, EC_EDENIED or
** EC_EIO. */
int ec_app_digital_years(struct ec_app *app, const struct ec_actor *who, struct ec_digital_year **items /* OUT */,
			 size_t *n /* OUT */, struct ec_diag *d);

/* Peers fewer than this in the enterprise's SEI area: all areas are its peers. */
#define EC_DIGITAL_MIN_PEERS 10
/* The funds "what next" gives at most. */
#define EC_DIGITAL_MAX_FUNDS 10
#define EC_DIGITAL_MAX_SCENARIOS 5
/* What next for one enterprise's submitted questionnaire. */
struct ec_digital_next {
	struct ec_digital_view view;
	char category[16], region[8]; /* the enterprise's primary SEI category and region ("" unknown) */
	char peer_area[16];     /* the SEI area of its peers, "" for all areas */
	int64_t peers;          /* submitted questionnaires of the same year, edition and table (and area) */
	double percentile;      /* its percentile rank among them; NaN when hidden */
	int peer_hidden;        /* enum ec_sdc_reason: the peers are too few to be shown */
	size_t weakest[16], nweakest; /* dimension indices, weakest first (ec_digital_weakest) */
	struct ec_digital_actions actions; /* every recommended action; those of the weakest dimensions are its advice */
	struct ec_fund *funds;  /* the registry */
	size_t nfunds;
	struct ec_digital_fund_fit *fits; /* the funds that fit, best first, at most EC_DIGITAL_MAX_FUNDS */
	size_t nfits;
	struct ec_scenario_fit *scenario_fits; /* open application scenarios that fit the enterprise, best
						  first, at most EC_DIGITAL_MAX_SCENARIOS (ec_scenario_fit) */
	struct ec_scenario *scenarios;         /* each one's scenario */
	size_t nscenarios;
};
void ec_digital_next_release(struct ec_digital_next *n);
/* What next for uscc's questionnaire of year and edition, which must be
** submitted (digital.not_submitted): its percentile among its peers under
** rule (NULL: none; not applied for an actor that sees microdata), its
** weakest dimensions, the actions, the funds that fit. Returns 0 (release
** out) or as ec_app_digital_show. */
int ec_app_digital_next(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			const char *uscc, int year, const char *edition, struct ec_digital_next *out /* OUT */,
			struct ec_diag *d);

/* ---- clusters ---- */

/* A change of a cluster: NULL fields and founded -1 stay as they are. */
struct ec_cluster_change {
	const char *name_zh, *name_en, *tier, *parent, *regions, *categories, *agency;
	int founded;           /* a year, 0 for unknown, -1 unchanged */
	const char *include;   /* USCCs (';') to add as members; NULL none */
	const char *exclude;   /* USCCs (';') to remove from the members */
};

/* Sets every field to "unchanged". Can't fail. */
void ec_cluster_change_init(struct ec_cluster_change *c);

/* Registers the cluster code (tier cluster unless given) or changes a
** registered one, with its member rules, in one transaction; audited as
** cluster.add or cluster.edit. out (may be NULL) gets the cluster stored. */
int ec_app_cluster_add(struct ec_app *app, const struct ec_actor *who, const char *code,
		       const struct ec_cluster_change *ch, struct ec_cluster *out /* OUT */, struct ec_diag *d);
int ec_app_cluster_edit(struct ec_app *app, const struct ec_actor *who, const char *code,
			const struct ec_cluster_change *ch, struct ec_cluster *out /* OUT */, struct ec_diag *d);

/* ---- the project library and the fund registry ---- */

/* A change of a project: NULL texts, NaN amounts and -1 periods stay as
** they are. On an edit, a total different from the one in force is a
** revision from revision_period (-1: the latest month with progress, else
** the start) with its reason; completed records the investment completed
** in completed_period (replacing what that month held). */
struct ec_project_change {
	const char *name, *owner, *category, *cluster, *region, *kind, *stage;
	double total;
	const char *reason;
	int revision_period;
	int start, end;
	double funding[EC_NSOURCES];
	double land_mu, energy_tce;
	int completed_period;
	double completed;
};

/* Sets every field to "unchanged". Can't fail. */
void ec_project_change_init(struct ec_project_change *c);

/* Adds project code to the library, or changes it; audited as project.add
** or project.edit. An enterprise account adds and changes only projects it
** owns (another's is EC_ENOTFOUND to it). out (may be NULL; the caller
** releases it) gets the project stored. */
int ec_app_project_add(struct ec_app *app, const struct ec_actor *who, const char *code,
		       const struct ec_project_change *ch, struct ec_project *out /* OUT */, struct ec_diag *d);
int ec_app_project_edit(struct ec_app *app, const struct ec_actor *who, const char *code,
			const struct ec_project_change *ch, struct ec_project *out /* OUT */, struct ec_diag *d);
/* Records the investment completed in a month: an edit audited as
** project.progress. */
int ec_app_project_progress(struct ec_app *app, const struct ec_actor *who, const char *code, int period,
			    double amount, struct ec_project *out /* OUT */, struct ec_diag *d);

/* A change of a fund: NULL texts and NaN amounts stay as they are. */
struct ec_fund_change {
	const char *name, *type, *categories, *regions, *stages, *coinvest;
	double capital, min_ticket, max_ticket, max_share;
	double min_digital_level; /* NAN: unchanged */
};

void ec_fund_change_init(struct ec_fund_change *c);

/* Registers fund code or changes it; audited as fund.add or fund.edit. A
** fund account changes only the funds of its scope. */
int ec_app_fund_add(struct ec_app *app, const struct ec_actor *who, const char *code, const struct ec_fund_change *ch,
		    struct ec_fund *out /* OUT */, struct ec_diag *d);
int ec_app_fund_edit(struct ec_app *app, const struct ec_actor *who, const char *code, const struct ec_fund_change *ch,
		     struct ec_fund *out /* OUT */, struct ec_diag *d);

/* ---- data intake ---- */

/* Imports a data file (intake.h: the format), named `name` in problems, as
** one transaction with its import log entry and audit line (import): every
** row checked, one bad row refuses the whole file. On a dry run checks
** only, and nothing is written or audited. Returns as the change functions
** (EC_EDATA: the problems name file, line and column). */
int ec_app_import(struct ec_app *app, const struct ec_actor *who, enum ec_intake_kind kind, const char *name,
		  const char *data, size_t len, const struct ec_import_opts *opts, struct ec_import_result *res /* OUT */,
		  struct ec_diag *d);
/* The same from the file at path (mapped, not read into memory); EC_EIO
** when it can't be read. */
int ec_app_import_file(struct ec_app *app, const struct ec_actor *who, enum ec_intake_kind kind, const char *path,
		       const struct ec_import_opts *opts, struct ec_import_result *res /* OUT */, struct ec_diag *d);

/* Writes the kind's file (header and rows) to out; reports and deflators
** from..to (-1: unbounded). It imports back to the same rows, and
** exporting again gives the same bytes. Returns 0, or EC_EIO with *err
** (caller frees). */
int ec_app_export(struct ec_app *app, enum ec_intake_kind kind, int from, int to, FILE *out, char **err /* OUT */);

/* What the database holds, and its import history (oldest first). */
int ec_app_counts(struct ec_app *app, struct ec_store_counts *out /* OUT */);
int ec_app_imports(struct ec_app *app, ec_import_log_fn fn, void *ctx);

/* ---- the registry's and the library's files ---- */

/* Imports a file of the cluster registry ("clusters", "members",
** "indicators") or of the project library ("projects", "progress",
** "funds"), named `name` in problems: every row through the same checks as
** an add or an edit, one transaction, one audit line (import); one bad row
** refuses the whole file. *rows gets the data rows read. */
int ec_app_cluster_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			  const char *data, size_t len, int64_t *rows /* OUT */, struct ec_diag *d);
int ec_app_project_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			  const char *data, size_t len, int64_t *rows /* OUT */, struct ec_diag *d);

/* Writes the same files to out: they import back to the same rows.
** Returns 0, EC_EUSAGE for an unknown kind or EC_EIO, with *err (caller
** frees). */
int ec_app_cluster_export(struct ec_app *app, const char *what, FILE *out, char **err /* OUT */);
int ec_app_project_export(struct ec_app *app, const char *what, FILE *out, char **err /* OUT */);

/* ---- the reference catalogues ---- */

/* Writes the built-in catalogues into a database that has none (*installed
** 1; audited as catalog.install), or leaves one that has them (0). */
int ec_app_catalog_install(struct ec_app *app, const struct ec_actor *who, int *installed /* OUT */,
			   struct ec_diag *d);

/* How many entries a catalogue holds. */
struct ec_catalog_counts {
	size_t categories, mappings, industries, regions;
};

/* The kind of a catalogue load ("sei", "sei-mappings", "sei-categories",
** "industries", "regions"): an index, or -1. */
int ec_app_catalog_kind_parse(const char *what);

/* Replaces one kind of catalogue with the file data[0..len) (catalog.h,
** ec_catalog_parse: "sei" takes the official layout and replaces the
** categories and their mappings at once), checked against the catalogues
** that stay; the enterprises are reclassified; audited as catalog.load.
** out gets the counts of the catalogue as it now is. */
int ec_app_catalog_load(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			const char *data, size_t len, struct ec_catalog_counts *out /* OUT */, struct ec_diag *d);

/* ---- the demo ---- */

/* Progress of the demo, as the generator reports it (demo.h). */
struct ec_demo_progress {
	void (*fn)(void *ctx, enum ec_demo_phase phase, int64_t done, int64_t total, int64_t reports, int finished);
	void *ctx;
};

struct ec_demo_result {
	struct ec_demo_stats stats;
	size_t clusters, projects, funds;
	size_t digital;          /* digital-level questionnaires submitted */
};

/* Fills a database that holds no enterprises, reports or deflators
** (demo.not_empty otherwise) with the demo: the built-in catalogues when it
** has none, the synthetic economy of o, the 2019 national clusters with
** bases and ecosystems, and a project library with 200 funds; one
** transaction, audited as demo.generate. prog may be NULL. */
int ec_app_demo(struct ec_app *app, const struct ec_actor *who, const struct ec_demo_opts *o,
		const struct ec_demo_progress *prog, struct ec_demo_result *res /* OUT */, struct ec_diag *d);

/* ---- what the faces read ---- */

/* The column store of the facts (facts.h), current with the store: opened
** from DATABASE.facts, or made again (and written there) when that is
** missing, stale or damaged. The application owns it; it stays valid until
** the next call or ec_app_close. Returns 0 and *out, or an error with *err
** (caller frees). */
int ec_app_facts(struct ec_app *app, const struct ec_facts **out /* OUT */, char **err /* OUT */);
/* One line on the column store beside the database, in lang: where it is,
** its size and generation, and whether it is current, stale, missing or
** damaged (then made at the next read). Caller frees. */
char *ec_app_facts_describe(struct ec_app *app, enum ec_lang lang);
/* Who hears the progress of making the column store (the fraction of the
** reports written); fn NULL for none. */
void ec_app_facts_progress(struct ec_app *app, void (*fn)(void *ctx, double fraction), void *ctx);

/* The monitoring cube of the store's reports (monitor.h, ec_monitor_load).
** Returns 0 (*out NULL when there are no reports: EC_ENOTFOUND), or an
** error with *err (caller frees). */
int ec_app_monitor(struct ec_app *app, double above_size, struct ec_monitor **out /* OUT */, char **err /* OUT */);

/* The series of several groups over a range of months (monitor.h,
** ec_monitor_series_groups) from cube, as every face gives them to who:
** for a role that sees microdata all figures (*reason NULL); for any other
** rule applied to each period's whole breakdown, as the single-period
** answer applies it (*reason, caller frees, one entry a row). The command
** line and the server both answer through here. Returns as
** ec_monitor_series_groups. */
int ec_app_monitor_series(const struct ec_monitor *cube, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			  const struct ec_monitor_series_query *q, struct ec_monitor_row **rows /* OUT */,
			  enum ec_sdc_reason **reason /* OUT */, size_t *nrows /* OUT */, char **err /* OUT */);

/* Groups of different kinds side by side (an enterprise's province, its
** SEI direction nationally, its prefecture): for each of the ngroups
** kinds[i] and codes[i], the series ec_app_monitor_series gives for that
** group alone over q's range and basis (q's kind, codes and region are
** not read), a prefecture measured within its province and the others
** nationally, so that each line is exactly its own series, suppression
** included. Rows group after group; a group without figures has none,
** unless no group has any (EC_ENOTFOUND, *err why). *reason as
** ec_app_monitor_series. On failure nothing is allocated but *err. */
int ec_app_monitor_series_mixed(const struct ec_monitor *cube, const struct ec_actor *who, const struct ec_sdc_rule *rule,
				const struct ec_monitor_series_query *q, const enum ec_group_kind *kinds,
				const char *const *codes, size_t ngroups, struct ec_monitor_row **rows /* OUT */,
				enum ec_sdc_reason **reason /* OUT */, size_t *nrows /* OUT */, char **err /* OUT */);

/* The regions × categories matrix of a measure for a year (complexity.h),
** from the column store. Returns as ec_region_matrix_facts. */
int ec_app_region_matrix(struct ec_app *app, const struct ec_matrix_spec *spec, struct ec_region_matrix *out /* OUT */,
			 char **err /* OUT */);

/* The k enterprises leading a column of that matrix outside a region
** (complexity.h, ec_region_leaders): whom to attract. */
int ec_app_region_leaders(struct ec_app *app, const struct ec_matrix_spec *spec, const char *column, const char *except,
			  size_t k, struct ec_leader *out /* OUT: k */, size_t *n /* OUT */, char **err /* OUT */);

/* The view q asks for (regions, categories, opportunities or priorities)
** as a table in q->lang, with the matrix's size in *sum; the leaders of a
** category (uscc, name, region, value) with ec_app_complexity_leaders.
** Return 0, or EC_ENOTFOUND (no reports for the year, a region not in the
** matrix), EC_EDATA (too little to measure) or EC_EIO with *err. */
int ec_app_complexity(struct ec_app *app, const struct ec_cx_query *q, struct ec_table *t /* OUT */,
		      struct ec_cx_summary *sum /* OUT */, char **err /* OUT */);
int ec_app_complexity_leaders(struct ec_app *app, const struct ec_cx_query *q, struct ec_table *t /* OUT */,
			      char **err /* OUT */);

/* The yearly sums behind the cluster indicators (cluster.h), the members
** of a registered cluster with its stored rules, discovery and evaluation,
** as ec_cluster_data_load, ec_cluster_members_stored, ec_cluster_discover
** and ec_cluster_evaluate say. */
int ec_app_cluster_data(struct ec_app *app, struct ec_cluster_data *d /* OUT */, char **err /* OUT */);
int ec_app_cluster_members(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_cluster *c,
			   uint8_t *member /* OUT: d->nfirms */, size_t *count /* OUT */);
int ec_app_cluster_discover(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_discover_params *p,
			    struct ec_table *t /* OUT */, struct ec_discover_summary *sum /* OUT */,
			    char **err /* OUT */);
/* The k-distance curve behind discovery's radius, as
** ec_cluster_discover_kdist says. */
int ec_app_cluster_discover_kdist(struct ec_app *app, const struct ec_cluster_data *d,
				  const struct ec_discover_params *p, size_t max_curve, struct ec_kdist *k /* OUT */,
				  struct ec_discover_summary *sum /* OUT */, char **err /* OUT */);
int ec_app_cluster_evaluate(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_evaluate_params *p,
			    struct ec_table *rows /* OUT */, struct ec_table *weights /* OUT */,
			    struct ec_evaluate_summary *sum /* OUT */, char **err /* OUT */);

/* A cluster's months (cluster.h, ec_cluster_series) over q's range: its
** members (d's, with the stored rules), their figures from the column
** store, the share of SEI from cube (the monitoring cube, may be NULL),
** as every face gives them to who: all figures for a role that sees
** microdata (*reason NULL); for any other, rule applied month by month
** (ec_cluster_month_sdc; *reason, caller frees, one entry a row). Returns
** 0 with *rows (caller frees), *nrows (0 when no member is in the sample
** in the range) and the members' count in *members, or EC_EUSAGE /
** EC_ENOTFOUND (a range outside the months measured) / EC_EDATA / EC_EIO
** with *err (caller frees). */
int ec_app_cluster_series(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			  const struct ec_monitor *cube, const struct ec_cluster_data *d, const struct ec_cluster *c,
			  const struct ec_cluster_series_query *q, struct ec_cluster_month **rows /* OUT */,
			  enum ec_sdc_reason **reason /* OUT */, size_t *nrows /* OUT */, size_t *members /* OUT */,
			  char **err /* OUT */);

/* Several clusters' months (ec_app_cluster_series, each under the same
** disclosure control) as one table, the rows of clusters[0] first, each
** row naming its cluster (ec_cluster_series_table's columns): what the
** command and the API give for one cluster or a comparison of several.
** members (room for n) gets each cluster's count of members. Returns 0
** with *t (caller releases), or the first cluster's failure with *err
** (caller frees; *t empty). */
int ec_app_clusters_series(struct ec_app *app, const struct ec_actor *who, const struct ec_sdc_rule *rule,
			   const struct ec_monitor *cube, const struct ec_cluster_data *d,
			   const struct ec_cluster *clusters, size_t n, const struct ec_cluster_series_query *q,
			   struct ec_table *t /* OUT */, size_t *members /* OUT */, char **err /* OUT */);

/* The registry: every cluster in registration order; one by code (0 or
** EC_ENOTFOUND); the indicators entered for a cluster by year. Iterators
** return 0, EC_EIO, or what a callback returned to stop them. */
int ec_app_clusters(struct ec_app *app, ec_cluster_fn fn, void *ctx);
int ec_app_cluster(struct ec_app *app, const char *code, struct ec_cluster *out /* OUT */);
int ec_app_cluster_entered(struct ec_app *app, const char *code, ec_indicator_fn fn, void *ctx);

/* The project library, the funds and the clusters, for the views of
** funding.h. */
int ec_app_funding(struct ec_app *app, struct ec_funding *out /* OUT */, char **err /* OUT */);

/* Enterprises matching f, paged; one by USCC (0 or EC_ENOTFOUND); the
** reports of one. */
int ec_app_enterprises(struct ec_app *app, const struct ec_enterprise_filter *f, int64_t offset, int64_t limit,
		       ec_enterprise_fn fn, void *ctx, int64_t *total /* OUT */);
int ec_app_enterprise(struct ec_app *app, const char *uscc, struct ec_enterprise *out /* OUT */);
int ec_app_enterprise_reports(struct ec_app *app, int64_t enterprise_id, ec_report_fn fn, void *ctx);

/* The enterprise's own growth month by month, from its reports
** (monitor.h, ec_firm_growth): *months (caller frees) gets *n entries in
** period order. Returns 0, or the store's status with nothing allocated. */
int ec_app_enterprise_growth(struct ec_app *app, int64_t enterprise_id, struct ec_firm_month **months /* OUT */,
			     size_t *n /* OUT */);

/* ---- the allocation of funds to projects ---- */

struct ec_allocation_request {
	int period;                        /* the month whose gaps are funded; 0: the latest with progress */
	const char *priority_areas;        /* ';'-separated SEI areas, NULL for none */
	const struct ec_quota *quotas;     /* land and energy quotas by province, checked (ec_quota_check) */
	size_t nquotas;
	struct ec_alloc_options opts;
};

/* Sets the defaults (allocate.h): the latest month, no priority areas or
** quotas, the MIP in 60 s, the amount objective. Can't fail. */
void ec_allocation_request_init(struct ec_allocation_request *rq);

/* A run: the month, the solver's result and the tables of funding.h
** (ec_funding_allocate: plan, lacking, prices). */
struct ec_allocation {
	int period;
	struct ec_alloc_result result;
	struct ec_table plan, lacking, prices;
};

/* Frees what a run holds. Can't fail. */
void ec_allocation_release(struct ec_allocation *a);

/* The sheet names of a run's workbook (plan, lacking, prices), by
** language. */
extern const char *const ec_allocation_sheets[EC_NLANGS][3];

/* Solves the allocation of the library's funds to its open projects as
** ec_funding_allocate says, and audits the run (allocation) with its status
** and objective. Returns 0 (out filled; the caller releases it), or as the
** change functions, plus EC_ELIMIT when the solver's time or size limit was
** reached (problem at time_limit_s, or at no field for the size). */
int ec_app_allocate(struct ec_app *app, const struct ec_actor *who, const struct ec_allocation_request *rq,
		    struct ec_allocation *out /* OUT */, struct ec_diag *d);

/* ---- accounts and sessions ---- */

/* A change of an account: NULL and disabled -1 stay as they are. */
struct ec_user_change {
	const char *role, *scope, *password;
	int disabled;
};

void ec_user_change_init(struct ec_user_change *c);

/* Adds an account (role and password required) or changes one; audited as
** user.add or user.edit (never with the password). A new password, a new
** role or disabling ends the account's sessions; *sessions_ended (may be
** NULL) says so. An admin cannot disable or demote the account it acts
** with. out (may be NULL) gets the account stored. */
int ec_app_user_add(struct ec_app *app, const struct ec_actor *who, const char *name,
		    const struct ec_user_change *ch, struct ec_user *out /* OUT */, struct ec_diag *d);
int ec_app_user_edit(struct ec_app *app, const struct ec_actor *who, const char *name,
		     const struct ec_user_change *ch, struct ec_user *out /* OUT */, int *sessions_ended /* OUT */,
		     struct ec_diag *d);

/* Signs in: checks the password (argon2id) of an enabled account, purges
** expired sessions and stores a new one of `hours` with a random token
** (token gets the cookie's value, 64 hex digits; only its hash is stored)
** and CSRF token. Returns 0, EC_EDENIED (session.refused: no such account,
** a wrong password or a disabled account; the same for all three) or
** EC_EIO. */
int ec_app_sign_in(struct ec_app *app, const char *name, const char *password, int hours, int64_t now,
		   struct ec_user *user /* OUT */, struct ec_session *session /* OUT */, char token[65] /* OUT */,
		   struct ec_diag *d);

/* The session of a cookie's token, valid at now, and its enabled account.
** Returns 0, EC_ENOTFOUND or EC_EIO. */
int ec_app_session(struct ec_app *app, const char *token, int64_t now, struct ec_user *user /* OUT */,
		   struct ec_session *session /* OUT */);

/* Ends the session whose token hashes to token_hash. Returns 0 or EC_EIO. */
int ec_app_sign_out(struct ec_app *app, const char *token_hash);

/* Every account, by name. Returns 0, or EC_EIO. */
int ec_app_users(struct ec_app *app, ec_user_fn fn, void *ctx);

/* What a user should know of the data: whether it is the synthetic demo
** economy (`echelon demo generate` made it: its audit line says so) and how
** many enterprises it holds (-1 when unknown). Returns 0 or EC_EIO. */
int ec_app_data_note(struct ec_app *app, int *demo /* OUT */, int64_t *enterprises /* OUT */);

/* The audit log, newest first, at most limit entries. */
int ec_app_audit(struct ec_app *app, int64_t limit, ec_audit_fn fn, void *ctx);

/* ---- the registries as tables (tables.c) ----
** The columns `echelon … list` writes and the API's downloads give. The
** *_table functions initialise t and fill it (on failure t is released);
** the *_init and *_add ones let the caller choose the rows (the API shows
** an account only what it may see). */
int ec_app_clusters_table(struct ec_app *app, int tier /* -1: every tier */, struct ec_table *t /* OUT */);
int ec_app_audit_table(struct ec_app *app, int64_t limit, struct ec_table *t /* OUT */);
void ec_projects_table_init(struct ec_table *t /* OUT */);
/* p's row, its owner named by owner_name (ec_app_owner_name) beside the
** USCC. */
void ec_projects_table_add(struct ec_table *t, const struct ec_project *p, const char *owner_name);
/* The registry's name of the enterprise whose USCC is uscc, written into
** name[0..size); "" when the registry has none (or cannot be read). A
** table's owner is shown by it, the code beside. Can't fail. */
void ec_app_owner_name(struct ec_app *app, const char *uscc, char *name /* OUT */, size_t size);
void ec_funds_table_init(struct ec_table *t /* OUT */);
void ec_funds_table_add(struct ec_table *t, const struct ec_fund *f);

/* ---- the server's job records (ec_store_job_*) ---- */

/* Writes a job's record (insert or replace). Not audited. */
int ec_app_job_put(struct ec_app *app, const struct ec_job *j);
/* One job by id (EC_ENOTFOUND), its answer too when with_result. */
int ec_app_job_get(struct ec_app *app, const char *id, int with_result, ec_job_fn fn, void *ctx);
/* A user's jobs (user_id < 0: every user's), newest first, at most limit. */
int ec_app_jobs(struct ec_app *app, int64_t user_id, int64_t limit, ec_job_fn fn, void *ctx);
/* At a server's start: the jobs a stopped server left queued or running
** failed with the answer result, and the expired records removed. */
int ec_app_job_settle(struct ec_app *app, int64_t now, int64_t expires_at, int http_status, const char *result);

/* ---- reports ---- */

/* PDF renders at once (over the process), and how long one may take. */
#define EC_REPORT_RENDERS_MAX 2
#define EC_REPORT_RENDER_TIMEOUT_S 60.0

struct ec_report_query {
	int period;                   /* the month: January to it */
	const char *region;           /* "" or NULL national, a province or prefecture code */
	enum ec_lang lang;
	enum ec_report_format format;
};

/* The monthly bulletin (bulletin.h) of q from cube, rendered as q->format
** (report.h) and appended to out: the one function the command line and
** the server share. Every role but enterprise may read it; every figure
** passes the disclosure control whoever reads it. A PDF is the HTML
** printed by headless Chromium ($ECHELON_CHROMIUM, else chromium on the
** PATH), at most EC_REPORT_RENDERS_MAX at once (checked before any work)
** and EC_REPORT_RENDER_TIMEOUT_S each. Returns 0, or with a problem in d:
** EC_EDENIED (request.role), EC_ENOTFOUND (monitor.no_data, report.period:
** a month that cannot be measured, with the first and last that can;
** region.unknown), EC_ELIMIT (report.busy), EC_EDATA (a deflator missing)
** or EC_EIO (report.render). */
int ec_app_report_bulletin(const struct ec_monitor *cube, const struct ec_catalog *cat, const struct ec_actor *who,
			   const struct ec_report_query *q, struct ec_buf *out, struct ec_diag *d);

/* Publishes the bulletin of q (q->format aside) in the library of
** reports: its HTML and XLSX as they are now, who published it and the
** data generation they were made from, in one transaction with its audit
** line. Admins and analysts only (EC_MAY_PUBLISH). Returns 0 with *id, or
** as ec_app_report_bulletin, EC_EDENIED, EC_EIO with a problem in d. */
int ec_app_report_publish(struct ec_app *app, const struct ec_monitor *cube, const struct ec_catalog *cat,
			  const struct ec_actor *who, const struct ec_report_query *q, int64_t *id /* OUT */,
			  struct ec_diag *d);
/* The library, the newest first, at most limit: id, kind, period, region,
** lang, generation, user, created_at (t uninitialised; release it). */
/* With on, PDFs are printed by a headless Chromium kept running between
** prints (one per print at once, started on the first, driven over the
** DevTools protocol; src/app/printer.c) rather than one started for each:
** for a long-running process, the server. With 0, the kept browsers are
** stopped. Can't fail (a browser that cannot start fails its print). */
void ec_app_report_printer_keep(int on);

/* The last month cube measures at comparable prices (its national
** figures need no deflator that is missing), or -1 (no cube, no such
** month). */
int ec_app_report_last_period(const struct ec_monitor *cube);
/* After an import of reports or deflators, whichever face made it: when
** cube (the figures after it) measures a month past last_before (the last
** month measured before, ec_app_report_last_period) — its reports came, or
** the deflators they waited for — that month's national bulletin is
** published as who (ec_app_report_publish). Returns 0 with *id
** and *period (0 and -1 when there is no new month), or the publication's
** failure with a problem in d: the import stands either way. */
int ec_app_report_after_import(struct ec_app *app, const struct ec_monitor *cube, const struct ec_catalog *cat,
			       const struct ec_actor *who, int last_before, int64_t *id /* OUT */, int *period /* OUT */,
			       struct ec_diag *d);

int ec_app_reports_table(struct ec_app *app, int64_t limit, struct ec_table *t /* OUT */);
/* The profile of the cluster code as a report (q->lang, q->format; q's
** period and region unused): its sentences, its indicators by year, its
** row of the evaluation of the latest year with its strengths and
** weaknesses, its members by category and the library's projects in it,
** every figure of the members under the default disclosure control
** whoever reads it. Returns 0, or EC_EDENIED (request.role: an
** enterprise), EC_ENOTFOUND (cluster.not_found, or no reports),
** EC_ELIMIT (report.busy), EC_EIO (report.render). */
int ec_app_report_cluster(struct ec_app *app, const struct ec_actor *who, const char *code,
			  const struct ec_report_query *q, struct ec_buf *out, struct ec_diag *d);

/* A cluster's profile and an allocation published: their page and
** workbook kept in the library as ec_app_report_publish keeps the
** bulletin's (kind "cluster" with the latest year as its period and the
** cluster's code as its region; kind "allocation" with its month), who
** published them and the data generation. Admins and analysts only
** (EC_MAY_PUBLISH). Return 0 with *id, or as the reports. */
int ec_app_report_publish_cluster(struct ec_app *app, const struct ec_actor *who, const char *code, enum ec_lang lang,
				  int64_t *id /* OUT */, struct ec_diag *d);
int ec_app_report_publish_allocation(struct ec_app *app, const struct ec_actor *who,
				     const struct ec_allocation_request *rq, enum ec_lang lang, int64_t *id /* OUT */,
				     struct ec_diag *d);

/* The allocation rq asks for (ec_app_allocate: solved and audited) as a
** report: the plan by project (what each gets from whom), what is still
** lacking, the binding constraints with their shadow prices, in words and
** tables. Returns as ec_app_allocate, plus EC_ELIMIT (report.busy) and
** EC_EIO (report.render). */
int ec_app_report_allocation(struct ec_app *app, const struct ec_actor *who, const struct ec_allocation_request *rq,
			     const struct ec_report_query *q, struct ec_buf *out, struct ec_diag *d);

/* A published report as published, appended to out: its HTML or XLSX, or
** its HTML printed to PDF now (under the renders' limit). Returns 0, or
** EC_EDENIED (an enterprise), EC_ENOTFOUND (report.not_found), EC_ELIMIT
** (report.busy), EC_EIO with a problem in d. */
int ec_app_report_published(struct ec_app *app, const struct ec_actor *who, int64_t id, enum ec_report_format format,
			    struct ec_buf *out, struct ec_diag *d);

#endif
