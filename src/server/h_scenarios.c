/*
** /api/v1/scenarios, /api/v1/public/scenarios, /api/v1/scenario-batches,
** /api/v1/scenario-applications, /api/v1/scenario-suggestions and
** /api/v1/notifications: application scenarios through the same use cases
** as `echelon scenario` (src/app/scenarios.c), which decide what each
** account may see and change.
*/
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/scenario_app.h"
#include "parse.h"
#include "server.h"

/* A coded message (ec_coded_decode) as problems are given: {code, params,
** message}; text that is not coded as {code: "", message}. */
static json_t *coded_json(const char *text, size_t n)
{
	char *one = ec_strndup(text, n), *store;
	struct ec_problem p;
	json_t *o;

	if (ec_coded_decode(one, &p, &store) == 0) {
		o = problem_json(&p);
		free(store);
	} else {
		o = json_pack("{s:s, s:{}, s:s}", "code", "", "params", "message", one);
	}
	free(one);
	return o;
}

static json_t *number(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

/* A scenario as JSON. The public form has only what a published list
** shows: no budget, owner, review criteria or decision. */
static json_t *scenario_json(const struct ec_scenario *s, int public)
{
	json_t *o = json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "code", s->code, "batch",
			      s->batch, "title", s->title, "kind", ec_scenario_kind_name(s->kind), "category", s->category,
			      "region", s->region, "description", s->description, "mode", s->mode, "deadline",
			      s->deadline, "contact", s->contact, "status", ec_scenario_status_name(s->status));

	if (!public) {
		json_object_set_new(o, "budget", number(s->budget));
		json_object_set_new(o, "owner", json_string(s->owner));
		json_object_set_new(o, "criteria", json_string(s->criteria));
		json_object_set_new(o, "selected", json_string(s->selected));
		json_object_set_new(o, "decided_by", json_string(s->decided_by));
		json_object_set_new(o, "decision", json_string(s->decision));
		json_object_set_new(o, "updated_at", json_string(s->updated_at));
		json_object_set_new(o, "project", json_string(s->project));
	}
	return o;
}

static json_t *application_json(const struct ec_application *a, int ranked)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:i, s:s, s:s}", "scenario", a->scenario, "uscc", a->uscc,
			      "applicant", a->applicant, "solution", a->solution, "price", number(a->price), "months",
			      a->months, "state", ec_application_state_name(a->state), "updated_at", a->updated_at);

	if (ranked) {
		json_object_set_new(o, "total", number(a->total));
		json_object_set_new(o, "reviewers", json_integer(a->reviewers));
		json_object_set_new(o, "rank", json_integer(a->rank));
	}
	return o;
}

/* The list's filter from the query. Returns 0, or -1 having answered. */
static int filter_of(struct request *r, struct ec_scenario_filter *f)
{
	const char *v;

	ec_scenario_filter_init(f);
	if ((v = req_arg(r, "batch"))) {
		struct parse_problem pb;
		long batch;
		if (parse_whole(v, "batch", 0, 9999, &batch, &pb) != EC_OK) {
			reply_parse_problem(r, &pb);
			return -1;
		}
		f->batch = (int)batch;
	}
	if ((v = req_arg(r, "status")) && (f->status = ec_scenario_status_parse(v)) < 0) {
		reply_problem(r, 400, "field.enum", "status", "value", v, "expected",
			      "draft, open, review, selected, completed, closed or withdrawn", NULL);
		return -1;
	}
	if ((v = req_arg(r, "category")))
		snprintf(f->category, sizeof f->category, "%.15s", v);
	if ((v = req_arg(r, "region")))
		snprintf(f->region, sizeof f->region, "%.6s", v);
	return 0;
}

/* The list's columns: the public's, and with budget and owner. */
static const char *const list_cols[] = { "code",     "batch",   "title",   "scenario_kind",   "category", "region",
					 "deadline", "mode",    "contact", "scenario_status", "budget",   "scenario_owner" };
static const enum ec_col_kind list_kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT,
					       EC_COL_TEXT, EC_COL_TEXT,   EC_COL_TEXT, EC_COL_TEXT,
					       EC_COL_TEXT, EC_COL_TEXT,   EC_COL_NUMBER, EC_COL_TEXT };

static void list_table(struct ec_table *t, const struct ec_scenario *items, size_t n, int public)
{
	ec_table_init(t, public ? 10 : 12, list_cols, list_kinds);
	for (size_t i = 0; i < n; i++) {
		const struct ec_scenario *s = &items[i];
		char batch[16], budget[32] = "";
		snprintf(batch, sizeof batch, "%d", s->batch);
		if (!isnan(s->budget))
			ec_number_format(s->budget, budget);
		if (public)
			ec_table_addv(t, s->code, batch, s->title, ec_scenario_kind_name(s->kind), s->category, s->region,
				      s->deadline, s->mode, s->contact, ec_scenario_status_name(s->status));
		else
			ec_table_addv(t, s->code, batch, s->title, ec_scenario_kind_name(s->kind), s->category, s->region,
				      s->deadline, s->mode, s->contact, ec_scenario_status_name(s->status), budget, s->owner);
	}
}

static void html_text(struct ec_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': ec_buf_adds(b, "&lt;"); break;
		case '>': ec_buf_adds(b, "&gt;"); break;
		case '&': ec_buf_adds(b, "&amp;"); break;
		case '"': ec_buf_adds(b, "&quot;"); break;
		default: ec_buf_addc(b, *s);
		}
	}
}

/* The public list as a printable page, in the language asked for. */
static void reply_html(struct request *r, const struct ec_scenario *items, size_t n, enum ec_lang lang)
{
	struct ec_buf b;

	ec_buf_init(&b, 0);
	ec_buf_adds(&b, "<!doctype html>\n<html lang=\"");
	ec_buf_adds(&b, lang == EC_LANG_ZH ? "zh-CN" : "en");
	ec_buf_adds(&b, "\"><meta charset=\"utf-8\"><title>");
	ec_buf_adds(&b, lang == EC_LANG_ZH ? "应用场景清单" : "Application scenarios");
	ec_buf_adds(&b, "</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
			"td,th{border:1px solid #888;padding:4px;vertical-align:top}</style>\n<h1>");
	ec_buf_adds(&b, lang == EC_LANG_ZH ? "应用场景清单" : "Application scenarios");
	ec_buf_adds(&b, "</h1>\n<table>\n<tr>");
	for (size_t c = 0; c < 10; c++) {
		const struct ec_column_words *w = ec_column_words_find(list_cols[c]);
		ec_buf_adds(&b, "<th>");
		html_text(&b, w ? w->name[lang] : list_cols[c]);
		ec_buf_adds(&b, "</th>");
	}
	ec_buf_adds(&b, "</tr>\n");
	for (size_t i = 0; i < n; i++) {
		const struct ec_scenario *s = &items[i];
		const char *kind = ec_value_name("scenario_kind", ec_scenario_kind_name(s->kind), lang);
		const char *status = ec_value_name("scenario_status", ec_scenario_status_name(s->status), lang);
		const char *cells[10];
		char batch[16];
		snprintf(batch, sizeof batch, "%d", s->batch);
		cells[0] = s->code, cells[1] = batch, cells[2] = s->title, cells[3] = kind ? kind : "";
		cells[4] = s->category, cells[5] = s->region, cells[6] = s->deadline, cells[7] = s->mode;
		cells[8] = s->contact, cells[9] = status ? status : "";
		ec_buf_adds(&b, "<tr>");
		for (size_t c = 0; c < 10; c++) {
			ec_buf_adds(&b, "<td>");
			html_text(&b, cells[c]);
			ec_buf_adds(&b, "</td>");
		}
		ec_buf_adds(&b, "</tr>\n");
	}
	ec_buf_adds(&b, "</table>\n");
	reply_owned(r, 200, "text/html; charset=utf-8", b.data, b.len);
}

static void list(struct request *r, int public)
{
	struct ec_scenario_filter f;
	struct ec_scenario *items;
	struct ec_export x;
	struct ec_diag d;
	const char *format = req_arg(r, "format"), *lang = req_arg(r, "lang");
	size_t n;
	int file = 0, rc;
	json_t *a;

	if (filter_of(r, &f))
		return;
	if (!(public && format && !strcmp(format, "html")) && (file = req_download(r, &x)) < 0)
		return;
	ec_diag_init(&d, 10);
	rc = ec_app_scenario_list(r->app, public ? NULL : &r->actor, &f, &items, &n, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	if (public && format && !strcmp(format, "html")) {
		reply_html(r, items, n, lang && !strcmp(lang, "en") ? EC_LANG_EN : EC_LANG_ZH);
	} else if (file) {
		struct ec_table t;
		list_table(&t, items, n, public);
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "应用场景" : "scenarios", &x, "scenarios");
		ec_table_release(&t);
	} else {
		a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, scenario_json(&items[i], public));
		reply_json(r, 200, json_pack("{s:I, s:o}", "total", (json_int_t)n, "items", a));
	}
	free(items);
}

void h_public_scenarios(struct request *r)
{
	list(r, 1);
}

void h_scenarios(struct request *r)
{
	list(r, 0);
}

static void show(struct request *r, const char *code, unsigned status)
{
	struct ec_scenario_view v;
	struct ec_diag d;
	json_t *apps, *reviewers, *moves;
	int rc;

	ec_diag_init(&d, 10);
	if ((rc = ec_app_scenario_show(r->app, &r->actor, code, &v, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	apps = json_array();
	for (size_t i = 0; i < v.napps; i++)
		json_array_append_new(apps, application_json(&v.apps[i], v.sees_prices));
	reviewers = json_array();
	for (size_t i = 0; i < v.nreviewers; i++)
		json_array_append_new(reviewers, json_string(v.reviewers[i].reviewer));
	/* the statuses the machine allows next (selection has its own route) */
	moves = json_array();
	for (int to = 0; to < EC_SCN_NSTATUS; to++)
		if (to != EC_SCN_SELECTED && ec_scenario_transition_allowed(v.s.status, (enum ec_scenario_status)to))
			json_array_append_new(moves, json_string(ec_scenario_status_name((enum ec_scenario_status)to)));
	reply_json(r, status, json_pack("{s:o, s:o, s:o, s:b, s:o}", "scenario", scenario_json(&v.s, 0), "applications",
				       apps, "reviewers", reviewers, "sees_prices", v.sees_prices, "moves", moves));
	ec_scenario_view_release(&v);
}

void h_scenario(struct request *r)
{
	show(r, r->path_params[0], 200);
}

/* A string member into dst (absent: unchanged). Returns 0, or -1 having
** answered 400. */
static int text_member(struct request *r, json_t *body, const char *key, char *dst, size_t size)
{
	json_t *v = json_object_get(body, key);
	char max[24];

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		reply_problem(r, 400, "field.string", key, NULL);
		return -1;
	}
	if (json_string_length(v) >= size) {
		snprintf(max, sizeof max, "%zu", size - 1);
		reply_problem(r, 400, "field.too_long", key, "max", max, NULL);
		return -1;
	}
	memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int number_member(struct request *r, json_t *body, const char *key, double *out)
{
	json_t *v = json_object_get(body, key);

	if (!v)
		return 0;
	if (json_is_null(v)) {
		*out = NAN;
		return 0;
	}
	if (!json_is_number(v)) {
		reply_problem(r, 400, "field.number", key, NULL);
		return -1;
	}
	*out = json_number_value(v);
	return 0;
}

static void save(struct request *r, int create)
{
	struct ec_scenario s;
	struct ec_diag d;
	char kind[16] = "";
	json_t *body = req_json_object(r);
	int rc, k;

	if (!body)
		return;
	ec_scenario_init(&s);
	if (!create) {
		struct ec_scenario_view v;
		ec_diag_init(&d, 10);
		if ((rc = ec_app_scenario_show(r->app, &r->actor, r->path_params[0], &v, &d)) != EC_OK) {
			reply_refused(r, rc, &d, 400);
			ec_diag_release(&d);
			json_decref(body);
			return;
		}
		ec_diag_release(&d);
		s = v.s;
		ec_scenario_view_release(&v);
		if (json_object_get(body, "code")) {
			reply_problem(r, 400, "code.immutable", "code", NULL);
			json_decref(body);
			return;
		}
	}
	if ((create && text_member(r, body, "code", s.code, sizeof s.code)) ||
	    text_member(r, body, "title", s.title, sizeof s.title) || text_member(r, body, "kind", kind, sizeof kind) ||
	    text_member(r, body, "category", s.category, sizeof s.category) ||
	    text_member(r, body, "region", s.region, sizeof s.region) ||
	    text_member(r, body, "description", s.description, sizeof s.description) ||
	    number_member(r, body, "budget", &s.budget) || text_member(r, body, "mode", s.mode, sizeof s.mode) ||
	    text_member(r, body, "deadline", s.deadline, sizeof s.deadline) ||
	    text_member(r, body, "contact", s.contact, sizeof s.contact) ||
	    text_member(r, body, "criteria", s.criteria, sizeof s.criteria) ||
	    text_member(r, body, "owner", s.owner, sizeof s.owner)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	if (kind[0]) {
		if ((k = ec_scenario_kind_parse(kind)) < 0) {
			reply_problem(r, 400, "field.enum", "kind", "value", kind, "expected", "government, enterprise or supply",
				      NULL);
			return;
		}
		s.kind = (enum ec_scenario_kind)k;
	}
	ec_diag_init(&d, 20);
	rc = ec_app_scenario_save(r->app, &r->actor, &s, create, &d);
	if (rc != EC_OK)
		reply_refused(r, rc, &d, 400);
	else
		show(r, s.code, create ? 201 : 200);
	ec_diag_release(&d);
}

void h_scenario_create(struct request *r)
{
	save(r, 1);
}

void h_scenario_update(struct request *r)
{
	save(r, 0);
}

/* Answers a change: the scenario as it is now, or the refusal. */
static void changed(struct request *r, int rc, struct ec_diag *d, const char *code)
{
	if (rc != EC_OK)
		reply_refused(r, rc, d, 400);
	else
		show(r, code, 200);
	ec_diag_release(d);
}

void h_scenario_transition(struct request *r)
{
	struct ec_diag d;
	json_t *body = req_json_object(r), *to;
	int status;

	if (!body)
		return;
	to = json_object_get(body, "status");
	status = json_is_string(to) ? ec_scenario_status_parse(json_string_value(to)) : -1;
	if (status < 0) {
		reply_problem(r, 400, "field.enum", "status", "value", json_is_string(to) ? json_string_value(to) : "",
			      "expected", "open, review, completed, closed or withdrawn", NULL);
	} else {
		ec_diag_init(&d, 10);
		changed(r, ec_app_scenario_transition(r->app, &r->actor, r->path_params[0],
						      (enum ec_scenario_status)status, &d),
			&d, r->path_params[0]);
	}
	json_decref(body);
}

void h_scenario_batches(struct request *r)
{
	struct ec_scenario_batch *items;
	struct ec_diag d;
	size_t n;
	json_t *a;
	int rc;

	ec_diag_init(&d, 10);
	if ((rc = ec_app_scenario_batches(r->app, &items, &n, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:i, s:s, s:s, s:s, s:i}", "number", items[i].number, "date",
						   items[i].date, "title", items[i].title, "published_by",
						   items[i].published_by, "scenarios", items[i].scenarios));
	free(items);
	reply_json(r, 200, a);
}

#define MAX_CODES 256

void h_scenario_batch_create(struct request *r)
{
	struct ec_scenario_batch b;
	const char *codes[MAX_CODES];
	size_t ncodes = 0;
	struct ec_diag d;
	json_t *body = req_json_object(r), *number, *list;
	int rc;

	if (!body)
		return;
	memset(&b, 0, sizeof b);
	number = json_object_get(body, "number");
	list = json_object_get(body, "codes");
	if (!json_is_integer(number) || json_integer_value(number) < 1 || json_integer_value(number) > 9999) {
		reply_problem(r, 400, "number.range", "number", "value", "", "min", "1", "max", "9999", NULL);
		goto out;
	}
	b.number = (int)json_integer_value(number);
	if (text_member(r, body, "date", b.date, sizeof b.date) || text_member(r, body, "title", b.title, sizeof b.title))
		goto out;
	if (list && !json_is_null(list)) {
		size_t i;
		json_t *v;
		if (!json_is_array(list) || json_array_size(list) > MAX_CODES) {
			reply_problem(r, 400, "field.choice", "codes", "expected", "an array of at most 256 scenario codes",
				      NULL);
			goto out;
		}
		json_array_foreach(list, i, v)
		{
			if (!json_is_string(v)) {
				reply_problem(r, 400, "field.string", "codes", NULL);
				goto out;
			}
			codes[ncodes++] = json_string_value(v);
		}
	}
	ec_diag_init(&d, 20);
	rc = ec_app_scenario_publish(r->app, &r->actor, &b, codes, ncodes, &d);
	if (rc != EC_OK)
		reply_refused(r, rc, &d, 400);
	else
		reply_json(r, 201, json_pack("{s:i, s:s, s:s, s:s, s:i}", "number", b.number, "date", b.date, "title",
					     b.title, "published_by", b.published_by, "scenarios", b.scenarios));
	ec_diag_release(&d);
out:
	json_decref(body);
}

void h_scenario_apply(struct request *r)
{
	struct ec_application a;
	struct ec_diag d;
	json_t *body = req_json_object(r), *months;

	if (!body)
		return;
	memset(&a, 0, sizeof a);
	snprintf(a.scenario, sizeof a.scenario, "%.31s", r->path_params[0]);
	months = json_object_get(body, "months");
	if (text_member(r, body, "uscc", a.uscc, sizeof a.uscc) ||
	    text_member(r, body, "solution", a.solution, sizeof a.solution) ||
	    number_member(r, body, "price", &a.price)) {
		json_decref(body);
		return;
	}
	if (!json_is_integer(months)) {
		reply_problem(r, 400, "field.number", "months", NULL);
		json_decref(body);
		return;
	}
	a.months = json_integer_value(months) > 1000 || json_integer_value(months) < 0 ? 0
										      : (int)json_integer_value(months);
	json_decref(body);
	ec_diag_init(&d, 20);
	changed(r, ec_app_scenario_apply(r->app, &r->actor, &a, &d), &d, a.scenario);
}

void h_scenario_withdraw(struct request *r)
{
	struct ec_diag d;

	ec_diag_init(&d, 10);
	changed(r, ec_app_scenario_withdraw(r->app, &r->actor, r->path_params[0], r->path_params[1], &d), &d,
		r->path_params[0]);
}

void h_scenario_assign(struct request *r)
{
	char reviewer[EC_SCN_ACCOUNT] = "";
	struct ec_diag d;
	json_t *body = req_json_object(r);

	if (!body)
		return;
	if (text_member(r, body, "reviewer", reviewer, sizeof reviewer) == 0) {
		ec_diag_init(&d, 10);
		changed(r, ec_app_scenario_assign(r->app, &r->actor, r->path_params[0], reviewer, &d), &d,
			r->path_params[0]);
	}
	json_decref(body);
}

void h_scenario_score(struct request *r)
{
	struct ec_scenario_score scores[EC_SCN_CRITERIA];
	size_t n = 0;
	struct ec_diag d;
	json_t *body = req_json_object(r), *sheet, *v;
	const char *criterion;

	if (!body)
		return;
	sheet = json_object_get(body, "scores");
	if (!json_is_object(sheet) || json_object_size(sheet) > EC_SCN_CRITERIA) {
		reply_problem(r, 400, "field.object", "scores", NULL);
		goto out;
	}
	memset(scores, 0, sizeof scores);
	json_object_foreach(sheet, criterion, v)
	{
		if (!json_is_number(v) || strlen(criterion) >= sizeof scores[n].criterion) {
			reply_problem(r, 400, "field.number", "scores", NULL);
			goto out;
		}
		snprintf(scores[n].criterion, sizeof scores[n].criterion, "%s", criterion);
		scores[n].score = json_number_value(v);
		n++;
	}
	ec_diag_init(&d, 10);
	changed(r, ec_app_scenario_score(r->app, &r->actor, r->path_params[0], r->path_params[1], scores, n, &d), &d,
		r->path_params[0]);
out:
	json_decref(body);
}

void h_scenario_select(struct request *r)
{
	char uscc[EC_USCC_LEN + 1] = "", reason[EC_SCN_SHORT * 4] = "";
	struct ec_diag d;
	json_t *body = req_json_object(r);

	if (!body)
		return;
	if (text_member(r, body, "uscc", uscc, sizeof uscc) == 0 &&
	    text_member(r, body, "reason", reason, sizeof reason) == 0) {
		ec_diag_init(&d, 10);
		changed(r, ec_app_scenario_select(r->app, &r->actor, r->path_params[0], uscc, reason, &d), &d,
			r->path_params[0]);
	}
	json_decref(body);
}

/* POST /scenarios/{code}/project: a selected scenario becomes a project
** in the library (ec_app_scenario_project); 201 with the scenario, which
** names its project. */
void h_scenario_project(struct request *r)
{
	struct ec_diag d;
	int rc;

	ec_diag_init(&d, 10);
	rc = ec_app_scenario_project(r->app, &r->actor, r->path_params[0], NULL, &d);
	if (rc != EC_OK)
		reply_refused(r, rc, &d, 400);
	else
		show(r, r->path_params[0], 201);
	ec_diag_release(&d);
}

void h_scenario_applications(struct request *r)
{
	struct ec_application *items;
	struct ec_diag d;
	size_t n;
	json_t *a;
	int rc;

	ec_diag_init(&d, 10);
	rc = ec_app_scenario_applications(r->app, &r->actor, req_arg(r, "scenario"), req_arg(r, "uscc"), &items, &n, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, application_json(&items[i], 0));
	free(items);
	reply_json(r, 200, a);
}

static void suggest(struct request *r, const char *code, const char *uscc)
{
	struct ec_scenario_fit *fits;
	struct ec_diag d;
	size_t n;
	json_t *a;
	int rc;

	ec_diag_init(&d, 10);
	rc = ec_app_scenario_suggest(r->app, &r->actor, code, uscc, 50, &fits, &n, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *reasons = json_array();
		const char *at = fits[i].reasons;
		/* the coded reasons, one by one, for the dashboard to word */
		while (*at) {
			const char *end = strstr(at, "; ");
			size_t len = end ? (size_t)(end - at) : strlen(at);
			json_array_append_new(reasons, coded_json(at, len));
			at += len + (end ? 2 : 0);
		}
		json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:o}", "scenario", fits[i].code, "uscc", fits[i].uscc,
						   "points", fits[i].points, "reasons", reasons));
	}
	free(fits);
	reply_json(r, 200, a);
}

void h_scenario_suppliers(struct request *r)
{
	suggest(r, r->path_params[0], NULL);
}

void h_scenario_suggestions(struct request *r)
{
	const char *uscc = req_arg(r, "uscc");

	if (!uscc) {
		reply_problem(r, 400, "field.required", "uscc", NULL);
		return;
	}
	suggest(r, NULL, uscc);
}

void h_notifications(struct request *r)
{
	struct ec_notification *items;
	struct ec_diag d;
	size_t n;
	json_t *a;
	int rc;

	ec_diag_init(&d, 10);
	if ((rc = ec_app_notifications(r->app, &r->actor, 100, &items, &n, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)items[i].id, "at",
						   items[i].at, "target", items[i].target, "message", items[i].message,
						   "notice", coded_json(items[i].message, strlen(items[i].message))));
	free(items);
	reply_json(r, 200, a);
}

/* ---- attachments ---- */

static json_t *attachment_json(const struct ec_attachment *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)a->id, "scenario", a->scenario,
			 "name", a->name, "type", a->type, "size", (json_int_t)a->size, "sha256", a->sha256, "added_by",
			 a->added_by, "added_at", a->added_at);
}

/* POST /scenarios/{code}/attachments: the file as the field file of a
** multipart form (its file name kept), or the raw body named by ?name=.
** The route's limit was checked on the Content-Length before the body
** was read (F_ATTACHMENT); the type, by the bytes, is the library's. */
void h_scenario_attach(struct request *r)
{
	const char *type = req_header(r, "Content-Type"), *data;
	char filename[PARSE_FILENAME_MAX + 1] = "";
	struct ec_attachment a;
	struct ec_diag d;
	size_t len;
	int rc;

	if (type && strncmp(type, "multipart/form-data", 19) == 0) {
		if (parse_multipart_file(type, r->body.data, r->body.len, &data, &len, filename, sizeof filename) != 0) {
			reply_problem(r, 400, "import.no_file", "file", NULL);
			return;
		}
	} else {
		data = r->body.data ? r->body.data : "";
		len = r->body.len;
		snprintf(filename, sizeof filename, "%s", req_arg(r, "name") ? req_arg(r, "name") : "");
	}
	if (req_arg(r, "name") && *req_arg(r, "name"))
		snprintf(filename, sizeof filename, "%s", req_arg(r, "name"));
	ec_diag_init(&d, 10);
	rc = ec_app_scenario_attach(r->app, &r->actor, r->path_params[0], filename, data, len, &a, &d);
	if (rc != EC_OK)
		reply_refused(r, rc, &d, 400);
	else
		reply_json(r, 201, attachment_json(&a));
	ec_diag_release(&d);
}

void h_scenario_attachments(struct request *r)
{
	struct ec_attachment *items;
	struct ec_diag d;
	json_t *list;
	size_t n;
	int rc;

	ec_diag_init(&d, 10);
	if ((rc = ec_app_scenario_attachments(r->app, &r->actor, r->path_params[0], &items, &n, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, attachment_json(&items[i]));
	free(items);
	reply_json(r, 200, list);
}

/* Percent-encodes s (RFC 5987, for filename*=UTF-8''...) into out. */
static void pct_encode(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	for (; *s && o + 4 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~", c)) {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
}

/* GET /scenarios/{code}/attachments/{id}: the bytes as stored, with their
** checked type, always as a download (never shown inline). */
void h_scenario_attachment(struct request *r)
{
	struct ec_attachment a;
	struct ec_diag d;
	char *end, encoded[EC_ATTACHMENT_NAME * 3 + 1], disposition[EC_ATTACHMENT_NAME * 3 + 96];
	const char *ext;
	long long id = strtoll(r->path_params[1], &end, 10);
	void *body;
	size_t len;
	int rc;

	if (end == r->path_params[1] || *end || id <= 0) {
		reply_problem(r, 404, "attachment.not_found", "id", "id", r->path_params[1], NULL);
		return;
	}
	ec_diag_init(&d, 10);
	rc = ec_app_scenario_attachment(r->app, &r->actor, r->path_params[0], (int64_t)id, &a, &body, &len, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 400);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	ext = strrchr(a.name, '.');
	pct_encode(a.name, encoded, sizeof encoded);
	snprintf(disposition, sizeof disposition, "attachment; filename=\"attachment-%lld%s\"; filename*=UTF-8''%s", id,
		 ext && strlen(ext) < 8 && !strpbrk(ext, "\"\\") ? ext : "", encoded);
	r->disposition = req_strdup(r, disposition);
	reply_owned(r, 200, ec_attachment_mime(ec_attachment_type_parse(a.type)), body, len);
}
