/*
** The application scenarios' use cases: the list and a scenario as each
** actor may see them, add and edit, the status machine's moves (its one
** table is src/lib/scenario.c), batches, applications, review, selection
** with notifications, suggestions and imports. Each change is one
** transaction with its audit line, or nothing.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_int.h"
#include "echelon/auth.h"
#include "echelon/incentive.h"
#include "echelon/scenario_app.h"
#include "echelon/uscc.h"

void ec_scenario_filter_init(struct ec_scenario_filter *f)
{
	memset(f, 0, sizeof *f);
	f->batch = -1;
	f->status = -1;
}

void ec_scenario_view_init(struct ec_scenario_view *v)
{
	memset(v, 0, sizeof *v);
}

void ec_scenario_view_release(struct ec_scenario_view *v)
{
	free(v->apps);
	free(v->reviewers);
	ec_scenario_view_init(v);
}

static void utc_now(char out[24])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Today in Beijing (UTC+8), YYYY-MM-DD: deadlines are Beijing days. */
static void beijing_today(char out[11])
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int is_analyst(const struct ec_actor *who)
{
	return who && (who->role == EC_ROLE_ADMIN || who->role == EC_ROLE_ANALYST);
}

static int is_owner(const struct ec_actor *who, const struct ec_scenario *s)
{
	return who && strcmp(who->name, s->owner) == 0;
}

/* Whether who is assigned to review scenario code: 1, 0, or EC_EIO. */
static int is_reviewer(struct ec_app *app, const struct ec_actor *who, const char *code)
{
	struct ec_scenario_reviewer *r;
	size_t n;
	int found = 0;

	if (!who)
		return 0;
	if (ec_store_reviewer_list(app->store, code, &r, &n) != EC_OK)
		return EC_EIO;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(r[i].reviewer, who->name) == 0;
	free(r);
	return found;
}

int ec_app_scenario_sees_prices(struct ec_app *app, const struct ec_actor *who, const struct ec_scenario *s)
{
	return is_analyst(who) || is_owner(who, s) || is_reviewer(app, who, s->code) == 1;
}

/* Whether who may see s at all: the public and every account see
** published scenarios; drafts only their owner and analysts. */
static int sees(const struct ec_actor *who, const struct ec_scenario *s)
{
	return s->status != EC_SCN_DRAFT || is_analyst(who) || is_owner(who, s);
}

/* What the public list leaves out. */
static void make_public(struct ec_scenario *s)
{
	s->budget = NAN;
	s->owner[0] = s->owner_uscc[0] = '\0';
	s->criteria[0] = s->decided_by[0] = s->decision[0] = '\0';
	s->selected[0] = '\0';
}

static int load(struct ec_app *app, const char *code, struct ec_scenario *s, struct ec_diag *d)
{
	int rc = ec_store_scenario_get(app->store, code ? code : "", s);

	if (rc == EC_ENOTFOUND)
		ec_diag_problem(d, "scenario.not_found", NULL, 0, "code", "code", code ? code : "", NULL);
	else if (rc != EC_OK)
		return app_store_failed(app, d);
	return rc;
}

static int matches(const struct ec_scenario_filter *f, const struct ec_scenario *s)
{
	if (!f)
		return 1;
	return (f->batch < 0 || s->batch == f->batch) && (f->status < 0 || (int)s->status == f->status) &&
	       !strncmp(s->category, f->category, strlen(f->category)) &&
	       !strncmp(s->region, f->region, strlen(f->region)) && (!f->owner[0] || !strcmp(s->owner, f->owner));
}

int ec_app_scenario_list(struct ec_app *app, const struct ec_actor *who, const struct ec_scenario_filter *f,
			 struct ec_scenario **items, size_t *n, struct ec_diag *d)
{
	struct ec_scenario *all;
	size_t nall, kept = 0;

	*items = NULL;
	*n = 0;
	if (ec_store_scenario_list(app->store, &all, &nall) != EC_OK)
		return app_store_failed(app, d);
	for (size_t i = 0; i < nall; i++) {
		struct ec_scenario *s = &all[i];
		if (!matches(f, s) || (who ? !sees(who, s) : s->status == EC_SCN_DRAFT))
			continue;
		if (!who)
			make_public(s);
		else if (!ec_app_scenario_sees_prices(app, who, s))
			s->budget = NAN;
		if (kept != i)
			all[kept] = *s;
		kept++;
	}
	if (kept == 0) {
		free(all);
		all = NULL;
	}
	*items = all;
	*n = kept;
	return EC_OK;
}

/* The criteria of a stored scenario (checked when it was saved). */
static size_t criteria_of(const struct ec_scenario *s, struct ec_scenario_criterion c[EC_SCN_CRITERIA])
{
	struct ec_problem p;
	size_t n = 0;

	memset(&p, 0, sizeof p);
	if (ec_scenario_criteria_parse(s->criteria, c, &n, &p) != EC_OK) {
		ec_problem_release(&p);
		return 0;
	}
	return n;
}

/* The applications of s ranked by their scores, into *apps. */
static int ranked(struct ec_app *app, const struct ec_scenario *s, struct ec_application **apps, size_t *napps)
{
	struct ec_scenario_criterion c[EC_SCN_CRITERIA];
	struct ec_scenario_score *scores;
	size_t nscores, nc = criteria_of(s, c);

	if (ec_store_application_list(app->store, s->code, NULL, apps, napps) != EC_OK)
		return EC_EIO;
	if (ec_store_score_list(app->store, s->code, &scores, &nscores) != EC_OK) {
		free(*apps);
		*apps = NULL;
		*napps = 0;
		return EC_EIO;
	}
	ec_scenario_rank(c, nc, scores, nscores, *apps, *napps);
	free(scores);
	return EC_OK;
}

int ec_app_scenario_show(struct ec_app *app, const struct ec_actor *who, const char *code,
			 struct ec_scenario_view *v, struct ec_diag *d)
{
	int rc, reviewer, all;

	ec_scenario_view_init(v);
	if ((rc = load(app, code, &v->s, d)) != EC_OK)
		return rc;
	if (!sees(who, &v->s)) {
		ec_diag_problem(d, "scenario.not_found", NULL, 0, "code", "code", code, NULL);
		return EC_ENOTFOUND;
	}
	if ((reviewer = is_reviewer(app, who, code)) < 0)
		return app_store_failed(app, d);
	v->sees_prices = is_analyst(who) || is_owner(who, &v->s) || reviewer;
	all = v->sees_prices;
	if (!v->sees_prices)
		v->s.budget = NAN;
	if (all || who->role == EC_ROLE_ENTERPRISE) {
		if (ranked(app, &v->s, &v->apps, &v->napps) != EC_OK)
			goto failed;
		if (!all) {
			/* an enterprise sees its own application only */
			size_t kept = 0;
			for (size_t i = 0; i < v->napps; i++)
				if (!strcmp(v->apps[i].uscc, who->scope))
					v->apps[kept++] = v->apps[i];
			v->napps = kept;
		}
	}
	if (all && ec_store_reviewer_list(app->store, code, &v->reviewers, &v->nreviewers) != EC_OK)
		goto failed;
	return EC_OK;
failed:
	ec_scenario_view_release(v);
	return app_store_failed(app, d);
}

static int refuse_owner(const struct ec_actor *who, const struct ec_scenario *s, struct ec_diag *d)
{
	if (is_analyst(who) || is_owner(who, s))
		return EC_OK;
	ec_diag_problem(d, "scenario.not_owner", NULL, 0, NULL, "owner", s->owner, NULL);
	return EC_EDENIED;
}

/* The scenario code, for a change by who: not found when who may not see
** it, refused unless who owns it or is an analyst (refuse_owner). */
static int load_owned(struct ec_app *app, const struct ec_actor *who, const char *code, struct ec_scenario *s,
		      struct ec_diag *d)
{
	int rc;

	if ((rc = load(app, code, s, d)) != EC_OK)
		return rc;
	if (!sees(who, s)) {
		ec_diag_problem(d, "scenario.not_found", NULL, 0, "code", "code", code, NULL);
		return EC_ENOTFOUND;
	}
	return refuse_owner(who, s, d);
}

static int end_scenario(struct ec_app *app, int rc, const struct ec_actor *who, struct ec_diag *d, const char *action,
			const struct ec_scenario *s)
{
	return app_end(app, rc, who, d, action, s->code,
		       "audit.scenario|scenario_status=%s|scenario_kind=%s|category=%s|region=%s",
		       ec_scenario_status_name(s->status), ec_scenario_kind_name(s->kind), s->category, s->region);
}

/* The save sequence of add, edit and import, inside the caller's
** transaction: s checked and stored over the stored one when there is one
** (keeping its status, batch and decision). Problems at file:line. */
static int save(struct ec_app *app, const struct ec_actor *who, const struct ec_scenario *in, int create,
		const char *file, long line, int store, struct ec_diag *d)
{
	const struct ec_catalog *cat = app_catalog(app, d);
	struct ec_scenario s = *in, old;
	struct ec_problem why;
	struct ec_user owner;
	int rc, had;

	if (!cat)
		return EC_EIO;
	rc = ec_store_scenario_get(app->store, s.code, &old);
	if (rc != EC_OK && rc != EC_ENOTFOUND)
		return app_store_failed(app, d);
	had = rc == EC_OK;
	if (create && had) {
		ec_diag_problem(d, "scenario.exists", file, line, "code", "code", s.code, NULL);
		return EC_EDATA;
	}
	if (!create && !had) {
		ec_diag_problem(d, "scenario.not_found", file, line, "code", "code", s.code, NULL);
		return EC_ENOTFOUND;
	}
	if (had) {
		if ((rc = refuse_owner(who, &old, d)) != EC_OK)
			return rc;
		if (old.status != EC_SCN_DRAFT && old.status != EC_SCN_OPEN) {
			ec_diag_problem(d, "scenario.locked", file, line, "status", "scenario_status",
					ec_scenario_status_name(old.status), NULL);
			return EC_EDATA;
		}
		if (!s.owner[0] || !is_analyst(who))
			snprintf(s.owner, sizeof s.owner, "%s", old.owner);
		s.status = old.status;
		s.batch = old.batch;
		snprintf(s.selected, sizeof s.selected, "%s", old.selected);
		snprintf(s.decided_by, sizeof s.decided_by, "%s", old.decided_by);
		snprintf(s.decision, sizeof s.decision, "%s", old.decision);
		snprintf(s.project, sizeof s.project, "%s", old.project);
	} else {
		if (!s.owner[0] || !is_analyst(who))
			snprintf(s.owner, sizeof s.owner, "%s", who->name);
		s.status = EC_SCN_DRAFT;
		s.batch = 0;
		s.selected[0] = s.decided_by[0] = s.decision[0] = s.project[0] = '\0';
	}
	if (!s.criteria[0])
		snprintf(s.criteria, sizeof s.criteria, "%s", EC_SCN_DEFAULT_CRITERIA);
	/* the owner's enterprise, when the owner is an enterprise account */
	s.owner_uscc[0] = '\0';
	rc = ec_store_user_get(app->store, s.owner, &owner);
	if (rc == EC_OK && owner.role == EC_ROLE_ENTERPRISE)
		snprintf(s.owner_uscc, sizeof s.owner_uscc, "%.*s", EC_USCC_LEN, owner.scope);
	else if (rc != EC_OK && rc != EC_ENOTFOUND)
		return app_store_failed(app, d);
	memset(&why, 0, sizeof why);
	if (ec_scenario_check(&s, cat, &why) != EC_OK) {
		ec_diag_put(d, file, line, &why);
		return EC_EDATA;
	}
	utc_now(s.updated_at);
	if (store && ec_store_scenario_put(app->store, &s) != EC_OK)
		return app_store_failed(app, d);
	return EC_OK;
}

int ec_app_scenario_save(struct ec_app *app, const struct ec_actor *who, const struct ec_scenario *s, int create,
			 struct ec_diag *d)
{
	struct ec_scenario stored;
	int rc;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_ADD, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	rc = save(app, who, s, create, NULL, 0, 1, d);
	if (rc == EC_OK && ec_store_scenario_get(app->store, s->code, &stored) != EC_OK)
		rc = app_store_failed(app, d);
	if (rc != EC_OK)
		return app_abort(app, rc, d);
	return end_scenario(app, rc, who, d, create ? "scenario.add" : "scenario.edit", &stored);
}

int ec_app_scenario_transition(struct ec_app *app, const struct ec_actor *who, const char *code,
			       enum ec_scenario_status to, struct ec_diag *d)
{
	struct ec_scenario s;
	struct ec_problem why;
	enum ec_scenario_status from;
	int rc;

	if ((int)to < 0 || to >= EC_SCN_NSTATUS || to == EC_SCN_SELECTED) {
		ec_diag_problem(d, "field.enum", NULL, 0, "status", "value", ec_scenario_status_name(to), "expected",
				"open, review, completed, closed or withdrawn", NULL);
		return EC_EUSAGE;
	}
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = load_owned(app, who, code, &s, d)) != EC_OK)
		return app_abort(app, rc, d);
	from = s.status;
	/* opening publishes: an analyst's, and the batch must be named */
	if (to == EC_SCN_OPEN && (rc = app_allow(who, EC_MAY_SCENARIO_PUBLISH, d)) != EC_OK)
		return app_abort(app, rc, d);
	memset(&why, 0, sizeof why);
	if (ec_scenario_transition_check(from, to, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		return app_abort(app, EC_EDATA, d);
	}
	s.status = to;
	utc_now(s.updated_at);
	if (ec_store_scenario_put(app->store, &s) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	return app_end(app, EC_OK, who, d, "scenario.transition", code,
		       "audit.scenario_transition|from_scenario_status=%s|scenario_status=%s",
		       ec_scenario_status_name(from), ec_scenario_status_name(to));
}

static int named(const char *code, const char *const *codes, size_t n)
{
	if (n == 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(codes[i], code))
			return 1;
	return 0;
}

int ec_app_scenario_publish(struct ec_app *app, const struct ec_actor *who, struct ec_scenario_batch *b,
			    const char *const *codes, size_t ncodes, struct ec_diag *d)
{
	struct ec_scenario_batch *batches = NULL;
	struct ec_scenario *all = NULL;
	size_t nbatches = 0, nall = 0;
	char number[16];
	int rc;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_PUBLISH, d)) != EC_OK)
		return rc;
	snprintf(number, sizeof number, "%d", b->number);
	if (b->number < 1 || b->number > 9999) {
		ec_diag_problem(d, "number.range", NULL, 0, "number", "value", number, "min", "1", "max", "9999", NULL);
		return EC_EUSAGE;
	}
	if (!ec_scenario_date_valid(b->date)) {
		ec_diag_problem(d, "date.invalid", NULL, 0, "date", "value", b->date, NULL);
		return EC_EUSAGE;
	}
	snprintf(b->published_by, sizeof b->published_by, "%s", who->name);
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if (ec_store_batch_list(app->store, &batches, &nbatches) != EC_OK ||
	    ec_store_scenario_list(app->store, &all, &nall) != EC_OK) {
		rc = app_store_failed(app, d);
		goto out;
	}
	for (size_t i = 0; i < nbatches; i++)
		if (batches[i].number == b->number) {
			ec_diag_problem(d, "batch.exists", NULL, 0, "number", "number", number, NULL);
			rc = EC_EDATA;
			goto out;
		}
	for (size_t i = 0; i < ncodes; i++) {
		size_t k = 0;
		while (k < nall && strcmp(all[k].code, codes[i]) != 0)
			k++;
		if (k == nall) {
			ec_diag_problem(d, "scenario.not_found", NULL, 0, "code", "code", codes[i], NULL);
			rc = EC_ENOTFOUND;
		} else if (all[k].status != EC_SCN_DRAFT) {
			struct ec_problem why;
			memset(&why, 0, sizeof why);
			ec_scenario_transition_check(all[k].status, EC_SCN_OPEN, &why);
			ec_diag_put(d, NULL, 0, &why);
			rc = EC_EDATA;
		}
	}
	if (rc != EC_OK)
		goto out;
	b->scenarios = 0;
	if (ec_store_batch_put(app->store, b) != EC_OK) {
		rc = app_store_failed(app, d);
		goto out;
	}
	for (size_t i = 0; i < nall && rc == EC_OK; i++) {
		if (all[i].status != EC_SCN_DRAFT || !named(all[i].code, codes, ncodes))
			continue;
		all[i].status = EC_SCN_OPEN;
		all[i].batch = b->number;
		utc_now(all[i].updated_at);
		if (ec_store_scenario_put(app->store, &all[i]) != EC_OK)
			rc = app_store_failed(app, d);
		b->scenarios++;
	}
	if (rc == EC_OK && b->scenarios == 0) {
		ec_diag_problem(d, "batch.empty", NULL, 0, NULL, NULL);
		rc = EC_EDATA;
	}
out:
	free(batches);
	free(all);
	if (rc != EC_OK)
		return app_abort(app, rc, d);
	return app_end(app, rc, who, d, "scenario.batch", number, "audit.scenario_batch|number=%d|date=%s|scenarios=%d",
		       b->number, b->date, b->scenarios);
}

int ec_app_scenario_batches(struct ec_app *app, struct ec_scenario_batch **items, size_t *n, struct ec_diag *d)
{
	return ec_store_batch_list(app->store, items, n) == EC_OK ? EC_OK : app_store_failed(app, d);
}

/* The application of uscc to scenario, or EC_ENOTFOUND (no problem). */
static int application_get(struct ec_app *app, const char *scenario, const char *uscc, struct ec_application *out)
{
	struct ec_application *a;
	size_t n;

	if (ec_store_application_list(app->store, scenario, uscc, &a, &n) != EC_OK)
		return EC_EIO;
	if (n)
		*out = a[0];
	free(a);
	return n ? EC_OK : EC_ENOTFOUND;
}

/* The application sequence of apply and import, inside the caller's
** transaction. */
static int apply(struct ec_app *app, const struct ec_actor *who, const struct ec_application *in, const char *file,
		 long line, int store, struct ec_diag *d)
{
	struct ec_application a = *in, old;
	struct ec_scenario s;
	struct ec_problem why;
	char today[11];
	int rc;

	if (!a.uscc[0] && who->role == EC_ROLE_ENTERPRISE)
		snprintf(a.uscc, sizeof a.uscc, "%.*s", EC_USCC_LEN, who->scope);
	if (who->role == EC_ROLE_ENTERPRISE && strcmp(a.uscc, who->scope) != 0) {
		ec_diag_problem(d, "application.not_own", file, line, "uscc", "uscc", a.uscc, NULL);
		return EC_EDENIED;
	}
	rc = ec_store_scenario_get(app->store, a.scenario, &s);
	if (rc == EC_ENOTFOUND || (rc == EC_OK && s.status == EC_SCN_DRAFT)) {
		ec_diag_problem(d, "scenario.not_found", file, line, "scenario", "code", a.scenario, NULL);
		return EC_ENOTFOUND;
	}
	if (rc != EC_OK)
		return app_store_failed(app, d);
	if (s.status != EC_SCN_OPEN) {
		ec_diag_problem(d, "scenario.not_open", file, line, "scenario", "code", s.code, "scenario_status",
				ec_scenario_status_name(s.status), NULL);
		return EC_EDATA;
	}
	beijing_today(today);
	if (strcmp(today, s.deadline) > 0) {
		ec_diag_problem(d, "scenario.deadline_passed", file, line, "scenario", "deadline", s.deadline, NULL);
		return EC_EDATA;
	}
	memset(&why, 0, sizeof why);
	if (ec_application_check(&a, &why) != EC_OK) {
		ec_diag_put(d, file, line, &why);
		return EC_EDATA;
	}
	rc = application_get(app, a.scenario, a.uscc, &old);
	if (rc == EC_EIO)
		return app_store_failed(app, d);
	if (rc == EC_OK && old.state == EC_APP_WITHDRAWN) {
		ec_diag_problem(d, "application.withdrawn", file, line, "uscc", "scenario", a.scenario, "uscc", a.uscc,
				NULL);
		return EC_EDATA;
	}
	snprintf(a.applicant, sizeof a.applicant, "%s", who->name);
	a.state = EC_APP_SUBMITTED;
	utc_now(a.updated_at);
	if (store && ec_store_application_put(app->store, &a) != EC_OK)
		return app_store_failed(app, d);
	return EC_OK;
}

static int end_application(struct ec_app *app, int rc, const struct ec_actor *who, struct ec_diag *d,
			   const char *action, const struct ec_application *a)
{
	char target[EC_SCN_CODE + EC_USCC_LEN + 2], price[32];

	snprintf(target, sizeof target, "%s/%s", a->scenario, a->uscc);
	ec_number_format(a->price, price);
	return app_end(app, rc, who, d, action, target,
		       "audit.application|scenario=%s|uscc=%s|price=%s|months=%d|application_state=%s", a->scenario,
		       a->uscc, price, a->months, ec_application_state_name(a->state));
}

int ec_app_scenario_apply(struct ec_app *app, const struct ec_actor *who, const struct ec_application *a,
			  struct ec_diag *d)
{
	struct ec_application stored;
	int rc;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_APPLY, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = apply(app, who, a, NULL, 0, 1, d)) != EC_OK)
		return app_abort(app, rc, d);
	if (application_get(app, a->scenario, a->uscc[0] ? a->uscc : who->scope, &stored) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	return end_application(app, EC_OK, who, d, "scenario.apply", &stored);
}

int ec_app_scenario_withdraw(struct ec_app *app, const struct ec_actor *who, const char *scenario, const char *uscc,
			     struct ec_diag *d)
{
	struct ec_application a;
	struct ec_scenario s;
	int rc;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_APPLY, d)) != EC_OK)
		return rc;
	if (!uscc || !*uscc)
		uscc = who->scope;
	if (strcmp(uscc, who->scope) != 0) {
		ec_diag_problem(d, "application.not_own", NULL, 0, "uscc", "uscc", uscc, NULL);
		return EC_EDENIED;
	}
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = load(app, scenario, &s, d)) != EC_OK)
		return app_abort(app, rc, d);
	rc = application_get(app, scenario, uscc, &a);
	if (rc == EC_EIO)
		return app_abort(app, app_store_failed(app, d), d);
	if (rc == EC_ENOTFOUND) {
		ec_diag_problem(d, "application.not_found", NULL, 0, "uscc", "scenario", scenario, "uscc", uscc, NULL);
		return app_abort(app, EC_ENOTFOUND, d);
	}
	if (a.state == EC_APP_WITHDRAWN) {
		ec_diag_problem(d, "application.withdrawn", NULL, 0, "uscc", "scenario", scenario, "uscc", uscc, NULL);
		return app_abort(app, EC_EDATA, d);
	}
	if (s.status != EC_SCN_OPEN) {
		ec_diag_problem(d, "scenario.not_open", NULL, 0, "scenario", "code", s.code, "scenario_status",
				ec_scenario_status_name(s.status), NULL);
		return app_abort(app, EC_EDATA, d);
	}
	a.state = EC_APP_WITHDRAWN;
	utc_now(a.updated_at);
	if (ec_store_application_put(app->store, &a) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	return end_application(app, EC_OK, who, d, "scenario.withdraw_application", &a);
}

int ec_app_scenario_assign(struct ec_app *app, const struct ec_actor *who, const char *scenario,
			   const char *reviewer, struct ec_diag *d)
{
	struct ec_scenario_reviewer r;
	struct ec_scenario s;
	struct ec_user u;
	int rc;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_ASSIGN, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = load(app, scenario, &s, d)) != EC_OK)
		return app_abort(app, rc, d);
	rc = ec_store_user_get(app->store, reviewer ? reviewer : "", &u);
	if (rc == EC_ENOTFOUND || (rc == EC_OK && u.disabled)) {
		ec_diag_problem(d, rc == EC_OK ? "actor.disabled" : "actor.unknown", NULL, 0, "reviewer", "name",
				reviewer ? reviewer : "", NULL);
		return app_abort(app, EC_EDATA, d);
	}
	if (rc != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	if (!(EC_MAY_SCENARIO_REVIEW & EC_ROLE_BIT(u.role))) {
		ec_diag_problem(d, "scenario.reviewer_role", NULL, 0, "reviewer", "reviewer", u.name, "role",
				ec_role_name(u.role), NULL);
		return app_abort(app, EC_EDATA, d);
	}
	if (s.status != EC_SCN_OPEN && s.status != EC_SCN_REVIEW && s.status != EC_SCN_DRAFT) {
		ec_diag_problem(d, "scenario.locked", NULL, 0, "status", "scenario_status",
				ec_scenario_status_name(s.status), NULL);
		return app_abort(app, EC_EDATA, d);
	}
	memset(&r, 0, sizeof r);
	snprintf(r.scenario, sizeof r.scenario, "%s", s.code);
	snprintf(r.reviewer, sizeof r.reviewer, "%s", u.name);
	if (ec_store_reviewer_put(app->store, &r) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	return app_end(app, EC_OK, who, d, "scenario.assign", s.code, "audit.scenario_assign|reviewer=%s", u.name);
}

int ec_app_scenario_score(struct ec_app *app, const struct ec_actor *who, const char *scenario, const char *uscc,
			  const struct ec_scenario_score *scores, size_t n, struct ec_diag *d)
{
	struct ec_scenario_criterion c[EC_SCN_CRITERIA];
	struct ec_application a;
	struct ec_scenario s;
	char target[EC_SCN_CODE + EC_USCC_LEN + 2], sheet_text[32];
	double sheet = 0;
	size_t nc;
	int rc;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_REVIEW, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = load(app, scenario, &s, d)) != EC_OK)
		return app_abort(app, rc, d);
	if ((rc = is_reviewer(app, who, s.code)) != 1) {
		if (rc < 0)
			return app_abort(app, app_store_failed(app, d), d);
		ec_diag_problem(d, "scenario.not_reviewer", NULL, 0, NULL, "reviewer", who->name, "code", s.code, NULL);
		return app_abort(app, EC_EDENIED, d);
	}
	if (s.status != EC_SCN_REVIEW) {
		ec_diag_problem(d, "scenario.not_review", NULL, 0, "status", "code", s.code, "scenario_status",
				ec_scenario_status_name(s.status), NULL);
		return app_abort(app, EC_EDATA, d);
	}
	rc = application_get(app, s.code, uscc ? uscc : "", &a);
	if (rc == EC_EIO)
		return app_abort(app, app_store_failed(app, d), d);
	if (rc == EC_ENOTFOUND || a.state == EC_APP_WITHDRAWN) {
		ec_diag_problem(d, rc == EC_ENOTFOUND ? "application.not_found" : "application.withdrawn", NULL, 0, "uscc",
				"scenario", s.code, "uscc", uscc ? uscc : "", NULL);
		return app_abort(app, rc == EC_ENOTFOUND ? EC_ENOTFOUND : EC_EDATA, d);
	}
	/* a reviewer linked to the applicant, or to the scenario's owner */
	if ((who->scope[0] && (!strcmp(who->scope, a.uscc) || !strcmp(who->scope, s.owner_uscc))) ||
	    !strcmp(who->name, s.owner)) {
		ec_diag_problem(d, "scenario.reviewer_linked", NULL, 0, "uscc", "reviewer", who->name, "uscc", a.uscc, NULL);
		return app_abort(app, EC_EDENIED, d);
	}
	nc = criteria_of(&s, c);
	for (size_t k = 0; k < nc && rc != EC_EDATA; k++) {
		size_t i = 0;
		while (i < n && strcmp(scores[i].criterion, c[k].name) != 0)
			i++;
		if (i == n) {
			ec_diag_problem(d, "scenario.score_missing", NULL, 0, "scores", "criterion", c[k].name, NULL);
			rc = EC_EDATA;
		} else if (!isfinite(scores[i].score) || scores[i].score < 0 || scores[i].score > 100) {
			char v[32];
			snprintf(v, sizeof v, "%g", scores[i].score);
			ec_diag_problem(d, "number.range", NULL, 0, c[k].name, "value", v, "min", "0", "max", "100", NULL);
			rc = EC_EDATA;
		}
	}
	for (size_t i = 0; i < n && rc != EC_EDATA; i++) {
		int known = 0;
		for (size_t k = 0; k < nc; k++)
			known |= !strcmp(scores[i].criterion, c[k].name);
		if (!known) {
			ec_diag_problem(d, "field.enum", NULL, 0, "criterion", "value", scores[i].criterion, "expected",
					s.criteria, NULL);
			rc = EC_EDATA;
		}
	}
	if (rc == EC_EDATA)
		return app_abort(app, rc, d);
	for (size_t k = 0; k < nc; k++) {
		struct ec_scenario_score one;
		size_t i = 0;
		while (strcmp(scores[i].criterion, c[k].name) != 0)
			i++;
		memset(&one, 0, sizeof one);
		snprintf(one.scenario, sizeof one.scenario, "%s", s.code);
		snprintf(one.uscc, sizeof one.uscc, "%s", a.uscc);
		snprintf(one.reviewer, sizeof one.reviewer, "%s", who->name);
		snprintf(one.criterion, sizeof one.criterion, "%.*s", (int)sizeof one.criterion - 1, c[k].name);
		one.score = scores[i].score;
		sheet += c[k].weight * one.score / 100;
		if (ec_store_score_put(app->store, &one) != EC_OK)
			return app_abort(app, app_store_failed(app, d), d);
	}
	snprintf(target, sizeof target, "%s/%s", s.code, a.uscc);
	ec_number_format(sheet, sheet_text);
	return app_end(app, EC_OK, who, d, "scenario.score", target, "audit.scenario_score|reviewer=%s|uscc=%s|sheet=%s",
		       who->name, a.uscc, sheet_text);
}

int ec_app_scenario_select(struct ec_app *app, const struct ec_actor *who, const char *scenario, const char *uscc,
			   const char *reason, struct ec_diag *d)
{
	struct ec_application *apps = NULL;
	struct ec_problem why;
	struct ec_scenario s;
	size_t napps = 0, found;
	int rc;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_ADD, d)) != EC_OK)
		return rc;
	if (!reason || !*reason) {
		ec_diag_problem(d, "field.empty", NULL, 0, "reason", NULL);
		return EC_EUSAGE;
	}
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = load_owned(app, who, scenario, &s, d)) != EC_OK)
		return app_abort(app, rc, d);
	memset(&why, 0, sizeof why);
	if (ec_scenario_transition_check(s.status, EC_SCN_SELECTED, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		return app_abort(app, EC_EDATA, d);
	}
	if ((rc = app_text(s.decision, sizeof s.decision, reason, "reason", d)) != EC_OK)
		return app_abort(app, rc, d);
	if (ec_store_application_list(app->store, s.code, NULL, &apps, &napps) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	for (found = 0; found < napps; found++)
		if (!strcmp(apps[found].uscc, uscc ? uscc : "") && apps[found].state == EC_APP_SUBMITTED)
			break;
	if (found == napps) {
		ec_diag_problem(d, "application.not_found", NULL, 0, "uscc", "scenario", s.code, "uscc", uscc ? uscc : "",
				NULL);
		free(apps);
		return app_abort(app, EC_ENOTFOUND, d);
	}
	s.status = EC_SCN_SELECTED;
	snprintf(s.selected, sizeof s.selected, "%s", uscc);
	snprintf(s.decided_by, sizeof s.decided_by, "%s", who->name);
	utc_now(s.updated_at);
	if (ec_store_scenario_put(app->store, &s) != EC_OK)
		rc = app_store_failed(app, d);
	/* every applicant that has not withdrawn hears the outcome */
	for (size_t i = 0; i < napps && rc == EC_OK; i++) {
		struct ec_notification nt;
		if (apps[i].state != EC_APP_SUBMITTED)
			continue;
		memset(&nt, 0, sizeof nt);
		snprintf(nt.account, sizeof nt.account, "%s", apps[i].applicant);
		snprintf(nt.at, sizeof nt.at, "%s", s.updated_at);
		snprintf(nt.target, sizeof nt.target, "%s", s.code);
		snprintf(nt.message, sizeof nt.message, "%s|scenario=%s|title=%.200s",
			 i == found ? "notice.selected" : "notice.not_selected", s.code, s.title);
		if (ec_store_notification_add(app->store, &nt) != EC_OK)
			rc = app_store_failed(app, d);
	}
	free(apps);
	if (rc != EC_OK)
		return app_abort(app, rc, d);
	return app_end(app, EC_OK, who, d, "scenario.select", s.code,
		       "audit.scenario_select|uscc=%s|decided_by=%s|decision=%.300s", s.selected, s.decided_by,
		       s.decision);
}

struct suggest_ctx {
	const struct ec_scenario *s;   /* one scenario against every enterprise */
	const char *uscc;              /* or one enterprise against every scenario */
	struct ec_enterprise e;
	int found;
	struct ec_scenario_fit *fits;
	size_t n, cap;
};

static void keep_fit(struct suggest_ctx *x, const struct ec_scenario_fit *f)
{
	if (x->n == x->cap)
		x->fits = ec_realloc(x->fits, (x->cap = x->cap ? 2 * x->cap : 64) * sizeof *x->fits);
	x->fits[x->n++] = *f;
}

static int suggest_enterprise(void *ctx, const struct ec_enterprise *e)
{
	struct suggest_ctx *x = ctx;
	struct ec_scenario_fit f;

	if (ec_scenario_fit(x->s, e, &f) > 0)
		keep_fit(x, &f);
	return 0;
}

int ec_app_scenario_suggest(struct ec_app *app, const struct ec_actor *who, const char *code, const char *uscc,
			    size_t limit, struct ec_scenario_fit **fits, size_t *n, struct ec_diag *d)
{
	struct suggest_ctx x;
	int rc;

	*fits = NULL;
	*n = 0;
	memset(&x, 0, sizeof x);
	if (code) {
		struct ec_scenario_view v;
		if ((rc = ec_app_scenario_show(app, who, code, &v, d)) != EC_OK)
			return rc;
		if (!v.sees_prices) {
			/* the owner's, the reviewers' and the analysts' */
			ec_diag_problem(d, "scenario.not_owner", NULL, 0, NULL, "owner", v.s.owner, NULL);
			ec_scenario_view_release(&v);
			return EC_EDENIED;
		}
		x.s = &v.s;
		rc = ec_store_enterprise_each(app->store, suggest_enterprise, &x);
		ec_scenario_view_release(&v);
		if (rc != EC_OK) {
			free(x.fits);
			return app_store_failed(app, d);
		}
	} else {
		struct ec_scenario *all;
		size_t nall;
		if (who->role == EC_ROLE_ENTERPRISE && strcmp(who->scope, uscc ? uscc : "") != 0) {
			ec_diag_problem(d, "application.not_own", NULL, 0, "uscc", "uscc", uscc ? uscc : "", NULL);
			return EC_EDENIED;
		}
		x.uscc = uscc ? uscc : "";
		/* the one enterprise by its key, not a pass over the register */
		if ((rc = ec_store_enterprise_get(app->store, x.uscc, &x.e)) == EC_OK)
			x.found = 1;
		else if (rc != EC_ENOTFOUND)
			return app_store_failed(app, d);
		if (!x.found) {
			ec_diag_problem(d, "enterprise.not_found", NULL, 0, "uscc", "uscc", x.uscc, NULL);
			return EC_ENOTFOUND;
		}
		if (ec_store_scenario_list(app->store, &all, &nall) != EC_OK)
			return app_store_failed(app, d);
		for (size_t i = 0; i < nall; i++) {
			struct ec_scenario_fit f;
			if (all[i].status == EC_SCN_OPEN && ec_scenario_fit(&all[i], &x.e, &f) > 0)
				keep_fit(&x, &f);
		}
		free(all);
	}
	ec_scenario_fit_sort(x.fits, x.n);
	if (limit && x.n > limit)
		x.n = limit;
	if (x.n == 0) {
		free(x.fits);
		x.fits = NULL;
	}
	*fits = x.fits;
	*n = x.n;
	return EC_OK;
}

int ec_app_scenario_applications(struct ec_app *app, const struct ec_actor *who, const char *scenario,
				 const char *uscc, struct ec_application **items, size_t *n, struct ec_diag *d)
{
	struct ec_application *all;
	struct ec_scenario s;
	size_t nall, kept = 0;

	*items = NULL;
	*n = 0;
	if (who->role == EC_ROLE_ENTERPRISE && uscc && strcmp(uscc, who->scope) != 0 && !scenario) {
		ec_diag_problem(d, "application.not_own", NULL, 0, "uscc", "uscc", uscc, NULL);
		return EC_EDENIED;
	}
	if (ec_store_application_list(app->store, scenario, uscc, &all, &nall) != EC_OK)
		return app_store_failed(app, d);
	for (size_t i = 0; i < nall; i++) {
		int rc, visible;
		if (is_analyst(who) || (who->role == EC_ROLE_ENTERPRISE && !strcmp(all[i].uscc, who->scope))) {
			visible = 1;
		} else {
			/* the owner and the reviewers of its scenario */
			if ((rc = ec_store_scenario_get(app->store, all[i].scenario, &s)) != EC_OK) {
				free(all);
				return app_store_failed(app, d);
			}
			if ((rc = is_reviewer(app, who, s.code)) < 0) {
				free(all);
				return app_store_failed(app, d);
			}
			visible = is_owner(who, &s) || rc == 1;
		}
		if (visible)
			all[kept++] = all[i];
	}
	if (kept == 0) {
		free(all);
		all = NULL;
	}
	*items = all;
	*n = kept;
	return EC_OK;
}

struct import_ctx {
	struct ec_app *app;
	const struct ec_actor *who;
	struct ec_diag *d;
};

static int import_scenario(void *ctx, const struct ec_scenario *s, const char *file, long line, int good)
{
	struct import_ctx *x = ctx;
	struct ec_scenario old;
	int rc = ec_store_scenario_get(x->app->store, s->code, &old);

	if (rc != EC_OK && rc != EC_ENOTFOUND)
		return app_store_failed(x->app, x->d);
	rc = save(x->app, x->who, s, rc == EC_ENOTFOUND, file, line, good, x->d);
	return rc == EC_EIO ? EC_EIO : rc == EC_OK ? EC_OK : EC_EDATA;
}

static int import_application(void *ctx, const struct ec_application *a, const char *file, long line, int good)
{
	struct import_ctx *x = ctx;
	int rc = apply(x->app, x->who, a, file, line, good, x->d);

	return rc == EC_EIO ? EC_EIO : rc == EC_OK ? EC_OK : EC_EDATA;
}

int ec_app_scenario_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			   const char *data, size_t len, int64_t *rows, struct ec_diag *d)
{
	struct import_ctx x = { app, who, d };
	struct ec_scenario_file_sink sink = { &x, import_scenario, import_application };
	int kind = ec_scenario_file_kind(what ? what : ""), rc;
	size_t before = d->total;

	*rows = 0;
	if (kind < 0) {
		ec_diag_problem(d, "field.enum", NULL, 0, "kind", "value", what ? what : "", "expected",
				"scenarios or applications", NULL);
		return EC_EUSAGE;
	}
	if ((rc = app_allow(who, kind == EC_SCENARIO_FILE_SCENARIOS ? EC_MAY_SCENARIO_ADD : EC_MAY_SCENARIO_APPLY, d)) !=
	    EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	rc = ec_scenario_file_read(kind, name, data, len, &sink, rows, d);
	if (rc == EC_OK && d->total != before)
		rc = EC_EDATA;
	if (rc != EC_OK)
		return app_abort(app, rc, d);
	return app_end(app, EC_OK, who, d, "scenario.import", name, "audit.scenario_import|rows=%lld|file=%s",
		       (long long)*rows, name);
}

int ec_app_notifications(struct ec_app *app, const struct ec_actor *who, int64_t limit,
			 struct ec_notification **items, size_t *n, struct ec_diag *d)
{
	return ec_store_notification_list(app->store, who->name, limit, items, n) == EC_OK ? EC_OK
											  : app_store_failed(app, d);
}

/* ---- the feed to the clusters ---- */


static int collect_entry(void *ctx, const struct ec_ledger_entry *e)
{
	struct app_scenario_records *r = ctx;

	r->e = ec_grow(r->e, &r->cap, r->ne, sizeof *r->e);
	r->e[r->ne++] = *e;
	return 0;
}

int app_scenario_records_load(struct ec_store *st, struct app_scenario_records *r)
{
	memset(r, 0, sizeof *r);
	if (ec_store_scenario_list(st, &r->s, &r->ns) != EC_OK || ec_store_batch_list(st, &r->b, &r->nb) != EC_OK ||
	    ec_store_entry_each(st, NULL, NULL, collect_entry, r) != EC_OK) {
		app_scenario_records_release(r);
		return EC_EIO;
	}
	return EC_OK;
}

void app_scenario_records_release(struct app_scenario_records *r)
{
	free(r->s);
	free(r->b);
	free(r->e);
	memset(r, 0, sizeof *r);
}

size_t app_scenario_feed(const struct app_scenario_records *r, const struct ec_cluster *c,
			 struct ec_scenario_feed **rows)
{
	return ec_scenario_feed(c->categories, c->regions, r->s, r->ns, r->b, r->nb, r->e, r->ne, rows);
}

int ec_app_cluster_scenarios(struct ec_app *app, const char *code, struct ec_scenario_feed **rows, size_t *n,
			     struct ec_diag *d)
{
	struct ec_cluster c;
	struct app_scenario_records r;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = ec_app_cluster(app, code, &c)) == EC_ENOTFOUND) {
		ec_diag_problem(d, "cluster.not_found", NULL, 0, "code", "code", code, NULL);
		return rc;
	}
	if (rc != EC_OK || app_scenario_records_load(app->store, &r) != EC_OK)
		return app_store_failed(app, d);
	*n = app_scenario_feed(&r, &c, rows);
	app_scenario_records_release(&r);
	return EC_OK;
}

/* ---- a scenario becomes a project ---- */

/* This month in Beijing, as a period (ec_period_make). */
static int beijing_month(void)
{
	char today[11];

	beijing_today(today);
	return ec_period_make((int)strtol(today, NULL, 10), (int)strtol(today + 5, NULL, 10));
}

/* The project a selected scenario becomes, from s and its selected
** application a (docs/methods.md). */
static void project_of(const struct ec_scenario *s, const struct ec_application *a, struct ec_project *p)
{
	ec_project_init(p);
	snprintf(p->code, sizeof p->code, "%s", s->code);
	snprintf(p->name, sizeof p->name, "%s", s->title);
	/* a government body has no USCC: the supplier carries the project */
	snprintf(p->owner, sizeof p->owner, "%s", s->owner_uscc[0] ? s->owner_uscc : s->selected);
	snprintf(p->category, sizeof p->category, "%s", s->category);
	snprintf(p->region, sizeof p->region, "%s", s->region);
	p->kind = EC_KIND_APPLICATION_SCENARIO;
	p->total_investment = isnan(s->budget) ? a->price : s->budget;
	p->start = beijing_month();
	p->end = p->start + (a->months > 0 ? a->months : 1) - 1;
	p->stage = EC_STAGE_PREPARATION;
}

int ec_app_scenario_project(struct ec_app *app, const struct ec_actor *who, const char *code, struct ec_project *out,
			    struct ec_diag *d)
{
	const struct ec_catalog *cat;
	struct ec_application *apps = NULL;
	struct ec_scenario s;
	struct ec_project p, taken;
	size_t napps = 0;
	int rc;

	ec_project_init(&p);
	if (out)
		ec_project_init(out);
	if ((rc = app_allow(who, EC_MAY_SCENARIO_ADD, d)) != EC_OK)
		return rc;
	if (!(cat = app_catalog(app, d)) || (rc = app_begin(app, d)) != EC_OK)
		return EC_EIO;
	if ((rc = load_owned(app, who, code, &s, d)) != EC_OK)
		return app_abort(app, rc, d);
	if (s.project[0]) {
		ec_diag_problem(d, "scenario.already_project", NULL, 0, "code", "code", s.code, "project", s.project, NULL);
		return app_abort(app, EC_EDATA, d);
	}
	if (s.status != EC_SCN_SELECTED && s.status != EC_SCN_COMPLETED) {
		ec_diag_problem(d, "scenario.not_selected", NULL, 0, "status", "code", s.code, "scenario_status",
				ec_scenario_status_name(s.status), NULL);
		return app_abort(app, EC_EDATA, d);
	}
	rc = ec_store_project_get(app->store, s.code, &taken);
	if (rc == EC_OK) {
		ec_project_release(&taken);
		ec_diag_problem(d, "project.exists", NULL, 0, "code", "code", s.code, NULL);
		return app_abort(app, EC_EDATA, d);
	}
	if (rc != EC_ENOTFOUND)
		return app_abort(app, app_store_failed(app, d), d);
	if (ec_store_application_list(app->store, s.code, s.selected, &apps, &napps) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	if (napps != 1) { /* the selection names an application the store must hold */
		free(apps);
		ec_diag_problem(d, "application.not_found", NULL, 0, "uscc", "scenario", s.code, "uscc", s.selected, NULL);
		return app_abort(app, EC_ENOTFOUND, d);
	}
	project_of(&s, &apps[0], &p);
	free(apps);
	if ((rc = app_project_save(app, cat, &p, NULL, 0, 1, d)) != EC_OK) {
		ec_project_release(&p);
		return app_abort(app, rc, d);
	}
	snprintf(s.project, sizeof s.project, "%s", p.code);
	utc_now(s.updated_at);
	if (ec_store_scenario_put(app->store, &s) != EC_OK) {
		ec_project_release(&p);
		return app_abort(app, app_store_failed(app, d), d);
	}
	rc = app_end(app, EC_OK, who, d, "scenario.project", s.code, "audit.scenario_project|project=%s|uscc=%s|total=%.0f",
		     p.code, p.owner, p.total_investment);
	if (rc == EC_OK && out)
		*out = p;
	else
		ec_project_release(&p);
	return rc;
}

/* ---- attachments ---- */

int ec_app_scenario_attach(struct ec_app *app, const struct ec_actor *who, const char *code, const char *name,
			   const void *data, size_t len, struct ec_attachment *out, struct ec_diag *d)
{
	struct ec_attachment a, *have = NULL;
	struct ec_problem why;
	struct ec_scenario s;
	size_t nhave = 0;
	char max[16];
	int rc, type;

	if ((rc = app_allow(who, EC_MAY_SCENARIO_ADD, d)) != EC_OK)
		return rc;
	/* the file first: a refused one costs no transaction */
	memset(&why, 0, sizeof why);
	if (ec_attachment_check(name, data, len, &type, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		return EC_EDATA;
	}
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = load_owned(app, who, code, &s, d)) != EC_OK)
		return app_abort(app, rc, d);
	if (s.status != EC_SCN_DRAFT && s.status != EC_SCN_OPEN && s.status != EC_SCN_REVIEW) {
		ec_diag_problem(d, "scenario.locked", NULL, 0, "status", "scenario_status", ec_scenario_status_name(s.status),
				NULL);
		return app_abort(app, EC_EDATA, d);
	}
	if (ec_store_attachment_list(app->store, s.code, &have, &nhave) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	free(have);
	if (nhave >= EC_ATTACHMENTS_MAX) {
		snprintf(max, sizeof max, "%d", EC_ATTACHMENTS_MAX);
		ec_diag_problem(d, "attachment.too_many", NULL, 0, "file", "max", max, NULL);
		return app_abort(app, EC_EDATA, d);
	}
	memset(&a, 0, sizeof a);
	snprintf(a.scenario, sizeof a.scenario, "%s", s.code);
	snprintf(a.name, sizeof a.name, "%s", name);
	snprintf(a.type, sizeof a.type, "%s", ec_attachment_type_name(type));
	a.size = (int64_t)len;
	ec_sha256_hex(data, len, a.sha256);
	snprintf(a.added_by, sizeof a.added_by, "%s", who->name);
	utc_now(a.added_at);
	if (ec_store_attachment_add(app->store, &a, data, len) != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	rc = app_end(app, EC_OK, who, d, "scenario.attach", s.code,
		     "audit.scenario_attach|id=%lld|name=%s|file_type=%s|size=%lld|sha256=%s", (long long)a.id, a.name, a.type,
		     (long long)a.size, a.sha256);
	if (rc == EC_OK && out)
		*out = a;
	return rc;
}

/* The scenario code when who may see it (else scenario.not_found). */
static int visible(struct ec_app *app, const struct ec_actor *who, const char *code, struct ec_scenario *s,
		   struct ec_diag *d)
{
	int rc = load(app, code, s, d);

	if (rc == EC_OK && !sees(who, s)) {
		ec_diag_problem(d, "scenario.not_found", NULL, 0, "code", "code", code, NULL);
		rc = EC_ENOTFOUND;
	}
	return rc;
}

int ec_app_scenario_attachments(struct ec_app *app, const struct ec_actor *who, const char *code,
				struct ec_attachment **items, size_t *n, struct ec_diag *d)
{
	struct ec_scenario s;
	int rc;

	*items = NULL;
	*n = 0;
	if ((rc = visible(app, who, code, &s, d)) != EC_OK)
		return rc;
	return ec_store_attachment_list(app->store, s.code, items, n) == EC_OK ? EC_OK : app_store_failed(app, d);
}

int ec_app_scenario_attachment(struct ec_app *app, const struct ec_actor *who, const char *code, int64_t id,
			       struct ec_attachment *a, void **body, size_t *len, struct ec_diag *d)
{
	struct ec_scenario s;
	char at[24];
	int rc;

	*body = NULL;
	*len = 0;
	if ((rc = visible(app, who, code, &s, d)) != EC_OK)
		return rc;
	rc = ec_store_attachment_get(app->store, s.code, id, a, body, len);
	if (rc == EC_ENOTFOUND) {
		snprintf(at, sizeof at, "%lld", (long long)id);
		ec_diag_problem(d, "attachment.not_found", NULL, 0, "id", "id", at, NULL);
	} else if (rc != EC_OK) {
		rc = app_store_failed(app, d);
	}
	return rc;
}
