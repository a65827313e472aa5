/*
** The use cases of application scenarios (src/app/scenarios.c), shared by
** the command and the server: list and show with what the actor may see,
** add and edit, the status machine's moves, batches, applications, review
** and selection, suggestions both ways, imports and notifications. Each
** change is one transaction with its audit line; a refused one leaves the
** database as it was. Problems are codes in d (problem.h).
*/
#ifndef ECHELON_SCENARIO_APP_H
#define ECHELON_SCENARIO_APP_H

#include "app.h"
#include "attachment.h"
#include "project.h"
#include "scenario.h"

/* Who may do what (roles as bits, app.h). Owners (the account named as a
** scenario's owner) edit and move their own scenarios too; reviewers are
** accounts an analyst assigned to a scenario. */
#define EC_MAY_SCENARIO_ADD                                                                              \
	(EC_MAY_ANALYSE | EC_ROLE_BIT(EC_ROLE_AGENCY) | EC_ROLE_BIT(EC_ROLE_ENTERPRISE))
#define EC_MAY_SCENARIO_PUBLISH EC_MAY_ANALYSE
#define EC_MAY_SCENARIO_ASSIGN EC_MAY_ANALYSE
#define EC_MAY_SCENARIO_APPLY EC_ROLE_BIT(EC_ROLE_ENTERPRISE)
#define EC_MAY_SCENARIO_REVIEW \
	(EC_ROLE_BIT(EC_ROLE_ANALYST) | EC_ROLE_BIT(EC_ROLE_AGENCY) | EC_ROLE_BIT(EC_ROLE_ENTERPRISE))

/* A filter of the list: "" or -1 for any. */
struct ec_scenario_filter {
	int batch;                      /* -1: any */
	int status;                     /* enum ec_scenario_status, -1: any */
	char category[16];              /* a code's beginning, "1.2" finds 1.2.x */
	char region[8];                 /* a code's beginning, "43" finds Hunan */
	char owner[EC_SCN_ACCOUNT];
};
void ec_scenario_filter_init(struct ec_scenario_filter *f);

/* Whether who may see a scenario's budget and its applications' prices:
** its owner, an assigned reviewer, an analyst or admin. who NULL (the
** public) never. The one rule of every face. Returns 1 or 0. */
int ec_app_scenario_sees_prices(struct ec_app *app, const struct ec_actor *who, const struct ec_scenario *s);

/* The scenarios matching f that who may see, in registration order, into
** *items (caller frees; NULL when *n is 0). who NULL is the public list:
** published scenarios only (never drafts), without budget, owner,
** criteria or decision. A signed-in account sees published scenarios and
** its own drafts (analysts and admins all), budgets only where
** ec_app_scenario_sees_prices. Returns 0 or EC_EIO. */
int ec_app_scenario_list(struct ec_app *app, const struct ec_actor *who, const struct ec_scenario_filter *f,
			 struct ec_scenario **items /* OUT */, size_t *n /* OUT */, struct ec_diag *d);

/* One scenario with the applications who may see, ranked
** (ec_scenario_rank), and its reviewers. */
struct ec_scenario_view {
	struct ec_scenario s;
	struct ec_application *apps;    /* ranked; all for owner, reviewers and analysts, else who's own */
	size_t napps;
	struct ec_scenario_reviewer *reviewers;
	size_t nreviewers;
	int sees_prices;
};
void ec_scenario_view_init(struct ec_scenario_view *v);
void ec_scenario_view_release(struct ec_scenario_view *v);

/* Fills v (release it) with scenario code as who may see it. Returns 0,
** or EC_ENOTFOUND (scenario.not_found; a draft of another owner counts as
** not found), EC_EIO. */
int ec_app_scenario_show(struct ec_app *app, const struct ec_actor *who, const char *code,
			 struct ec_scenario_view *v /* OUT */, struct ec_diag *d);

/* Adds (create 1) a draft, owned by s->owner or, when "", by who; or edits
** (create 0) a scenario in draft or open: its fields, never its status,
** batch or decision. Owner or analyst only (scenario.not_owner). Checked
** against the catalogue. Audited scenario.add / scenario.edit. Returns 0,
** EC_EDATA, EC_EUSAGE, EC_EDENIED, EC_ENOTFOUND or EC_EIO. */
int ec_app_scenario_save(struct ec_app *app, const struct ec_actor *who, const struct ec_scenario *s, int create,
			 struct ec_diag *d);

/* Moves a scenario to status to, by the machine (scenario.transition):
** owner or analyst; opening is an analyst's (it publishes), selection is
** ec_app_scenario_select's. Audited scenario.transition. */
int ec_app_scenario_transition(struct ec_app *app, const struct ec_actor *who, const char *code,
			       enum ec_scenario_status to, struct ec_diag *d);

/* Publishes batch b->number (an analyst) on b->date: every draft named in
** codes[0..ncodes) (ncodes 0: every draft) gets the batch and opens. A
** number published already is batch.exists; no draft is batch.empty.
** Sets b->scenarios and b->published_by. Audited scenario.batch. */
int ec_app_scenario_publish(struct ec_app *app, const struct ec_actor *who, struct ec_scenario_batch *b,
			    const char *const *codes, size_t ncodes, struct ec_diag *d);

/* The batches by number. */
int ec_app_scenario_batches(struct ec_app *app, struct ec_scenario_batch **items /* OUT */, size_t *n /* OUT */,
			    struct ec_diag *d);

/* An enterprise account applies to an open scenario for its own USCC (""
** takes the account's), or changes its application, until the end of the
** deadline day (Beijing time): one application per enterprise and
** scenario, a withdrawn one stays withdrawn. Audited scenario.apply. */
int ec_app_scenario_apply(struct ec_app *app, const struct ec_actor *who, const struct ec_application *a,
			  struct ec_diag *d);

/* Withdraws the enterprise's application while the scenario is open.
** Audited scenario.withdraw_application. */
int ec_app_scenario_withdraw(struct ec_app *app, const struct ec_actor *who, const char *scenario, const char *uscc,
			     struct ec_diag *d);

/* An analyst assigns the account reviewer (analyst, agency or enterprise)
** to a scenario. Audited scenario.assign. */
int ec_app_scenario_assign(struct ec_app *app, const struct ec_actor *who, const char *scenario,
			   const char *reviewer, struct ec_diag *d);

/* An assigned reviewer scores an application of a scenario in review on
** every criterion (scores[0..n), their scenario, uscc and reviewer set
** here), each 0..100; a reviewer linked to the applicant (its own
** enterprise, or the scenario's owner or the owner's enterprise) is
** refused (scenario.reviewer_linked). Audited scenario.score. */
int ec_app_scenario_score(struct ec_app *app, const struct ec_actor *who, const char *scenario, const char *uscc,
			  const struct ec_scenario_score *scores, size_t n, struct ec_diag *d);

/* The owner or an analyst selects uscc's application of a scenario in
** review, with the reason (required): the scenario becomes selected with
** who decided and why, and every applicant that has not withdrawn gets a
** notification. Audited scenario.select. */
int ec_app_scenario_select(struct ec_app *app, const struct ec_actor *who, const char *scenario, const char *uscc,
			   const char *reason, struct ec_diag *d);

/* Suggested suppliers of a scenario (enterprises by ec_scenario_fit),
** or, with code NULL, suggested open scenarios for the enterprise uscc;
** at most limit, best first, into *fits (caller frees). A scenario
** must be one who may see; an enterprise account asks only for itself. */
int ec_app_scenario_suggest(struct ec_app *app, const struct ec_actor *who, const char *code, const char *uscc,
			    size_t limit, struct ec_scenario_fit **fits /* OUT */, size_t *n /* OUT */,
			    struct ec_diag *d);

/* The applications who may see: an enterprise account its own, the owner
** and reviewers of a scenario its, analysts all; scenario and uscc (NULL:
** any) filter. Prices of the others hidden (NaN) where
** ec_app_scenario_sees_prices says no. */
int ec_app_scenario_applications(struct ec_app *app, const struct ec_actor *who, const char *scenario,
				 const char *uscc, struct ec_application **items /* OUT */, size_t *n /* OUT */,
				 struct ec_diag *d);

/* Imports a scenarios or applications file (what: "scenarios",
** "applications"), all or nothing: scenarios are added as drafts (or edit
** the importer's own), applications as by ec_app_scenario_apply. */
int ec_app_scenario_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			   const char *data, size_t len, int64_t *rows /* OUT */, struct ec_diag *d);

/* who's notifications, newest first, at most limit. */
int ec_app_notifications(struct ec_app *app, const struct ec_actor *who, int64_t limit,
			 struct ec_notification **items /* OUT */, size_t *n /* OUT */, struct ec_diag *d);

/* The application-scenario indicators of cluster code by year
** (ec_scenario_feed, docs/methods.md "Scenarios of a cluster"), computed
** from every scenario and every ledger entry, never entered: the one
** source of the figures the command, the API and the cluster page show
** (the faces apply the disclosure control to paid). Returns 0 with *rows
** (caller frees; NULL when *n is 0), EC_ENOTFOUND (cluster.not_found) or
** EC_EIO. */
int ec_app_cluster_scenarios(struct ec_app *app, const char *code, struct ec_scenario_feed **rows /* OUT */,
			     size_t *n /* OUT */, struct ec_diag *d);

/* Makes selected (or completed) scenario code a project in the project
** library (docs/methods.md, "A scenario becomes a project"): the owner or
** an analyst. The project takes the scenario's code, title, category and
** region, kind application_scenario, stage preparation; its owner is the
** owner's enterprise, or for a government owner the selected supplier;
** its total investment the budget, or the selected price when no budget
** was stated; its plan from this month (Beijing) over the selected
** application's months. The scenario records the project's code. Refused
** with scenario.not_selected, scenario.already_project, project.exists
** (a project of that code), or the project's own checks; nothing is
** written then. Audited scenario.project. Fills *out (caller releases;
** may be NULL) on success. Returns 0, EC_EDATA, EC_EDENIED, EC_ENOTFOUND
** or EC_EIO. */
int ec_app_scenario_project(struct ec_app *app, const struct ec_actor *who, const char *code,
			    struct ec_project *out /* OUT */, struct ec_diag *d);

/* Attaches data[0..len) named name to scenario code: its owner or an
** analyst, while the scenario is a draft, open or in review
** (scenario.locked after), at most EC_ATTACHMENTS_MAX a scenario
** (attachment.too_many); the file as ec_attachment_check says (type by its
** magic bytes, the name's extension agreeing, the size limit). Stored in
** the database with its SHA-256; audited scenario.attach. Fills *out (may
** be NULL). Returns 0, EC_EDATA, EC_EDENIED, EC_ENOTFOUND or EC_EIO. */
int ec_app_scenario_attach(struct ec_app *app, const struct ec_actor *who, const char *code, const char *name,
			   const void *data, size_t len, struct ec_attachment *out /* OUT */, struct ec_diag *d);

/* The attachments of scenario code, for whoever may see the scenario (as
** ec_app_scenario_show), without their bytes (caller frees *items); and
** one of them with its bytes (caller frees *body; attachment.not_found).
** Return 0, EC_ENOTFOUND or EC_EIO. */
int ec_app_scenario_attachments(struct ec_app *app, const struct ec_actor *who, const char *code,
				struct ec_attachment **items /* OUT */, size_t *n /* OUT */, struct ec_diag *d);
int ec_app_scenario_attachment(struct ec_app *app, const struct ec_actor *who, const char *code, int64_t id,
			       struct ec_attachment *a /* OUT */, void **body /* OUT */, size_t *len /* OUT */,
			       struct ec_diag *d);

#endif
