/*
** /api/v1/projects, /api/v1/funds and /api/v1/allocation: the project
** library (an enterprise sees and changes only its own projects), the fund
** registry (a fund user changes only its own funds), matching, and the
** allocation of funds to projects — the same library calls as `echelon
** project`, `echelon fund` and `echelon allocate`.
*/
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/funding.h"
#include "parse.h"
#include "server.h"

static json_t *number(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}


/* The progress series of a project, month by month (ec_project_progress_series):
** [{period, planned_pct, cumulative, completion_pct, total}], or null when the
** library refuses the project (a span longer than EC_PROGRESS_SERIES_MAX months). */
static json_t *plan_series_json(const struct ec_project *p)
{
	struct ec_progress_series s;
	json_t *a;

	if (ec_project_progress_series(p, &s) != EC_OK)
		return json_null();
	a = json_array();
	for (size_t i = 0; i < s.n; i++) {
		const struct ec_progress_month *m = &s.items[i];
		char per[8];
		ec_period_format(m->period, per);
		json_array_append_new(a, json_pack("{s:s, s:f, s:f, s:f, s:f}", "period", per, "planned_pct",
						   m->planned_pct, "cumulative", m->cumulative, "completion_pct",
						   m->completion_pct, "total", m->total));
	}
	ec_progress_series_release(&s);
	return a;
}

/* A project with its progress and alerts at a month; with_series adds its
** "plan_series" (one project's answer, not the list: a series per project
** would multiply the list's size by its months). */
static json_t *project_json(const struct ec_catalog *cat, const struct ec_project *p, int period, int with_series)
{
	const struct ec_region *g = ec_catalog_resolve_region(cat, p->region, strlen(p->region));
	struct ec_progress pr;
	struct ec_alert_params ap;
	struct ec_alert_list alerts;
	json_t *funding = json_object(), *kinds = json_array(), *o;
	char start[8], end[8];

	for (int s = 0; s < EC_NSOURCES; s++)
		json_object_set_new(funding, ec_source_name((enum ec_source)s), json_real(p->funding[s]));
	memset(&pr, 0, sizeof pr);
	ec_project_progress(p, period, &pr);
	ec_alert_params_default(&ap);
	ec_alert_list_init(&alerts);
	ec_project_alerts(p, period, &ap, &alerts);
	for (size_t i = 0; i < alerts.n; i++)
		json_array_append_new(kinds, json_string(ec_alert_kind_name(alerts.items[i].kind)));
	ec_alert_list_release(&alerts);
	ec_period_format(p->start, start);
	ec_period_format(p->end, end);
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:s, s:o, s:f, s:f, s:o, s:o, s:f, s:f, "
		      "s:f, s:f, s:i, s:o}",
		      "code", p->code, "name", p->name, "owner", p->owner, "category", p->category, "cluster",
		      p->cluster, "region", p->region, "kind", ec_project_kind_name(p->kind), "total_investment",
		      p->total_investment, "start", start, "end", end, "stage", ec_stage_name(p->stage), "funding",
		      funding, "land_mu", p->land_mu, "energy_tce", p->energy_tce, "lat", number(g ? g->lat : NAN),
		      "lon", number(g ? g->lon : NAN), "cumulative", pr.cumulative, "completion_pct",
		      pr.completion * 100, "planned_pct", pr.planned * 100, "lag_pp", pr.lag_pp, "idle_months",
		      pr.idle_months, "alerts", kinds);
	if (o && with_series)
		json_object_set_new(o, "plan_series", plan_series_json(p));
	return o;
}

static json_t *fund_json(const struct ec_fund *f)
{
	char stages[128];

	ec_stage_set_format(f->stages, stages, sizeof stages);
	return json_pack("{s:s, s:s, s:s, s:f, s:s, s:s, s:s, s:f, s:f, s:f, s:s, s:i}", "code", f->code, "name", f->name,
			 "type", ec_fund_type_name(f->type), "capital", f->capital, "categories", f->categories,
			 "regions", f->regions, "stages", stages, "min_ticket", f->min_ticket, "max_ticket", f->max_ticket,
			 "max_share", f->max_share, "coinvest", ec_coinvest_name(f->coinvest), "min_digital_level",
			 f->min_digital_level);
}

json_t *coded_list_json(const char *text)
{
	json_t *reasons = json_array();

	for (const char *q = text; *q;) {
		const char *end = strstr(q, "; "); /* a parameter may hold ';' (a list of codes), never "; " */
		size_t n = end ? (size_t)(end - q) : strlen(q);
		char *one = ec_strndup(q, n), *store;
		struct ec_problem p;
		if (ec_coded_decode(one, &p, &store) == 0) {
			json_array_append_new(reasons, problem_json(&p));
			free(store);
		} else {
			json_array_append_new(reasons, json_pack("{s:s, s:{}, s:s}", "code", "", "params", "message", one));
		}
		free(one);
		q += n + (end ? 2 : 0);
	}
	return reasons;
}

static int load(struct request *r, struct ec_funding *f)
{
	char *err = NULL;

	if (ec_app_funding(r->app, f, &err) != EC_OK) {
		reply_status(r, EC_EIO, err);
		free(err);
		return -1;
	}
	return 0;
}


/* The list's filter from the query (ec_project_filter). Returns 0, or -1
** after answering 400 for an open= that is neither 1 nor 0. */
static int project_filter(struct request *r, struct ec_project_filter *f)
{
	const char *open = req_arg(r, "open");

	*f = (struct ec_project_filter){ .stage = req_arg(r, "stage"), .cluster = req_arg(r, "cluster"),
					 .region = req_arg(r, "region"), .category = req_arg(r, "category"),
					 .q = req_arg(r, "q") };
	if (open && strcmp(open, "1") != 0 && strcmp(open, "0") != 0) {
		reply_problem(r, 400, "field.enum", "open", "value", open, "expected", "1 or 0", NULL);
		return -1;
	}
	f->open = open && open[0] == '1';
	return 0;
}

static int matches_filter(struct request *r, const struct ec_project_filter *f, const struct ec_project *p)
{
	return ec_actor_sees_project(&r->actor, p) && ec_project_filter_match(f, p);
}

void h_projects(struct request *r)
{
	struct ec_project_filter pf;
	struct ec_funding f;
	struct ec_export x;
	json_t *list;
	int period, file;

	if (project_filter(r, &pf) || (file = req_download(r, &x)) < 0 || load(r, &f))
		return;
	if (file) {
		struct ec_table t;
		ec_projects_table_init(&t);
		for (size_t i = 0; i < f.nprojects; i++)
			if (matches_filter(r, &pf, &f.projects[i])) {
				char owner[EC_NAME_MAX + 1];
				ec_app_owner_name(r->app, f.projects[i].owner, owner, sizeof owner);
				ec_projects_table_add(&t, &f.projects[i], owner);
			}
		ec_funding_release(&f);
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "项目" : "projects", &x, "projects");
		ec_table_release(&t);
		return;
	}
	period = ec_funding_latest_period(&f);
	list = json_array();
	for (size_t i = 0; i < f.nprojects; i++)
		if (matches_filter(r, &pf, &f.projects[i])) {
			json_t *o = project_json(&r->srv->catalog, &f.projects[i], period, 0);
			char owner[EC_NAME_MAX + 1];
			ec_app_owner_name(r->app, f.projects[i].owner, owner, sizeof owner);
			json_object_set_new(o, "owner_name", json_string(owner));
			json_array_append_new(list, o);
		}
	ec_funding_release(&f);
	reply_json(r, 200, list);
}

/* The priority areas of a matching or an allocation (parse_priority_areas):
** *out NULL for none. Returns 0, or -1 after answering 400 naming the field. */
static int priority_areas(struct request *r, const char *areas, const char **out)
{
	struct parse_problem pb;

	if (parse_priority_areas(&r->srv->catalog, areas, out, &pb) != 0) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	return 0;
}

static const struct ec_project *find_project(const struct ec_funding *f, const char *code)
{
	for (size_t i = 0; i < f->nprojects; i++)
		if (!strcmp(f->projects[i].code, code))
			return &f->projects[i];
	return NULL;
}

/* A project's matching funds as its download gives them. */
static const char *const fund_match_names[] = { "fund", "fund_name", "fund_type", "score", "open_gap", "reasons" };
static const enum ec_col_kind fund_match_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						     EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };

static const struct ec_fund *find_fund(const struct ec_funding *f, const char *code)
{
	for (size_t i = 0; i < f->nfunds; i++)
		if (!strcmp(f->funds[i].code, code))
			return &f->funds[i];
	return NULL;
}

/* The download of a project's matching funds (CSV or XLSX as x asks), the
** rows the page's table shows: the fund's code, name and type, the score,
** the open gap and the reasons, named in the download's language. */
static void project_matches_download(struct request *r, const struct ec_funding *f, const struct ec_project *p,
				     int period, const char *areas, const struct ec_export *x)
{
	struct ec_table t, shown;
	char *err = NULL, base[64];

	ec_table_init(&shown, 6, fund_match_names, fund_match_kinds);
	if (ec_funding_matches(f, NULL, p->code, period, areas, &t, &err) == EC_OK) {
		for (size_t i = 0; i < t.nrows; i++) {
			char **c = &t.cells[i * t.ncols];
			const struct ec_fund *fd = find_fund(f, c[1]);
			ec_table_addv(&shown, c[1], fd ? fd->name : "", fd ? ec_fund_type_name(fd->type) : "", c[2], c[3], c[4]);
		}
		ec_table_release(&t);
	}
	free(err);
	snprintf(base, sizeof base, "matches-%.40s", p->code);
	reply_download_one(r, &shown, x->lang == EC_LANG_ZH ? "匹配基金" : "matching funds", x, base);
	ec_table_release(&shown);
}

void h_project(struct request *r)
{
	struct ec_funding f;
	struct ec_export x;
	const struct ec_project *p;
	struct ec_alert_params ap;
	struct ec_alert_list alerts;
	struct ec_table t;
	json_t *progress, *al, *matches;
	double cumulative = 0;
	const char *areas;
	char *err = NULL;
	int period, file;

	if ((file = req_download(r, &x)) < 0 || priority_areas(r, req_arg(r, "priority_areas"), &areas) || load(r, &f))
		return;
	if (!(p = find_project(&f, r->path_params[0])) || !ec_actor_sees_project(&r->actor, p)) {
		ec_funding_release(&f);
		reply_problem(r, 404, "project.not_found", "code", "code", r->path_params[0], NULL);
		return;
	}
	period = ec_funding_latest_period(&f);
	if (file) {
		project_matches_download(r, &f, p, period, areas, &x);
		ec_funding_release(&f);
		return;
	}
	progress = json_array();
	for (size_t i = 0; i < p->ncompleted; i++) {
		char per[8];
		cumulative += p->completed[i].amount;
		ec_period_format(p->completed[i].period, per);
		json_array_append_new(progress, json_pack("{s:s, s:f, s:f}", "period", per, "completed",
							   p->completed[i].amount, "cumulative", cumulative));
	}
	ec_alert_params_default(&ap);
	ec_alert_list_init(&alerts);
	ec_project_alerts(p, period, &ap, &alerts);
	al = json_array();
	for (size_t i = 0; i < alerts.n; i++) {
		/* {kind, value, code, params, message}: coded, as problems are */
		struct ec_problem pb;
		char *store;
		json_t *o;
		if (ec_coded_decode(alerts.items[i].message, &pb, &store) == 0) {
			o = problem_json(&pb);
			free(store);
		} else {
			o = json_pack("{s:s}", "message", alerts.items[i].message);
		}
		json_object_set_new(o, "kind", json_string(ec_alert_kind_name(alerts.items[i].kind)));
		json_object_set_new(o, "value", json_real(alerts.items[i].value));
		json_array_append_new(al, o);
	}
	ec_alert_list_release(&alerts);
	matches = json_array();
	if (ec_funding_matches(&f, NULL, p->code, period, areas, &t, &err) == EC_OK) {
		for (size_t i = 0; i < t.nrows; i++) {
			char **c = &t.cells[i * t.ncols];
			const struct ec_fund *fd = find_fund(&f, c[1]);
			const char *fund_name = fd ? fd->name : "", *fund_type = fd ? ec_fund_type_name(fd->type) : "";
			json_t *reasons = coded_list_json(c[4]);
			json_array_append_new(matches, json_pack("{s:s, s:s, s:s, s:f, s:f, s:o}", "fund", c[1], "fund_name",
								 fund_name, "fund_type", fund_type, "score", strtod(c[2], NULL),
								 "open_gap", strtod(c[3], NULL), "reasons", reasons));
		}
		ec_table_release(&t);
	}
	free(err);
	reply_json(r, 200, json_pack("{s:o, s:o, s:o, s:o}", "project", project_json(&r->srv->catalog, p, period, 1),
				     "progress", progress, "alerts", al, "matches", matches));
	ec_funding_release(&f);
}

/* A number field: *out unchanged when absent or null. Returns 0, or -1
** having answered 400. */
static int json_amount(struct request *r, json_t *body, const char *key, double *out)
{
	json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v)) {
		reply_problem(r, 400, "field.number", key, NULL);
		return -1;
	}
	*out = json_number_value(v);
	return 0;
}

/* The change of a project a JSON object asks for (only the fields present;
** the strings stay in body). Returns 0, or -1 having answered 400. */
static int project_change_of(struct request *r, json_t *body, struct ec_project_change *ch)
{
	static const struct parse_text_field text[] = {
		JSON_TEXT(struct ec_project_change, name), JSON_TEXT(struct ec_project_change, owner),
		JSON_TEXT(struct ec_project_change, category), JSON_TEXT(struct ec_project_change, cluster),
		JSON_TEXT(struct ec_project_change, region), JSON_TEXT(struct ec_project_change, kind),
		JSON_TEXT(struct ec_project_change, stage), JSON_TEXT(struct ec_project_change, reason),
	};
	json_t *v, *funding;

	ec_project_change_init(ch);
	if (req_json_texts(r, body, text, sizeof text / sizeof text[0], ch))
		return -1;
	if (json_amount(r, body, "total_investment", &ch->total) || json_amount(r, body, "land_mu", &ch->land_mu) ||
	    json_amount(r, body, "energy_tce", &ch->energy_tce))
		return -1;
	for (int k = 0; k < 2; k++) {
		const char *key = k ? "end" : "start";
		int period;
		if ((v = json_object_get(body, key))) {
			if (!json_is_string(v) || ec_period_parse(json_string_value(v), json_string_length(v), &period)) {
				reply_problem(r, 400, "field.period", key, NULL);
				return -1;
			}
			if (k)
				ch->end = period;
			else
				ch->start = period;
		}
	}
	if ((funding = json_object_get(body, "funding")))
		for (int s = 0; s < EC_NSOURCES; s++)
			if (json_amount(r, funding, ec_source_name((enum ec_source)s), &ch->funding[s]))
				return -1;
	return 0;
}

/* The month a project's figures are shown at after a change. */
static int shown_period(const struct ec_project *p)
{
	return p->ncompleted ? p->completed[p->ncompleted - 1].period : p->start;
}

/* Answers a change of a project made through the application. */
static void project_answer(struct request *r, int rc, struct ec_diag *d, struct ec_project *p, unsigned status)
{
	if (rc != EC_OK) {
		reply_refused(r, rc, d, 400);
	} else {
		server_library_changed(r->srv); /* the kept project and fund answers */
		reply_json(r, status, project_json(&r->srv->catalog, p, shown_period(p), 1));
	}
	ec_project_release(p);
	ec_diag_release(d);
}

void h_project_create(struct request *r)
{
	struct ec_project_change ch;
	struct ec_project p;
	struct ec_diag d;
	json_t *body = req_json_object(r), *code;

	if (!body)
		return;
	code = json_object_get(body, "code");
	if (project_change_of(r, body, &ch) == 0) {
		ec_diag_init(&d, 20);
		project_answer(r, ec_app_project_add(r->app, &r->actor, json_is_string(code) ? json_string_value(code) : NULL,
						     &ch, &p, &d), &d, &p, 201);
	}
	json_decref(body);
}

void h_project_update(struct request *r)
{
	struct ec_project_change ch;
	struct ec_project p;
	struct ec_diag d;
	json_t *body = req_json_object(r);

	if (!body)
		return;
	if (json_object_get(body, "code"))
		reply_problem(r, 400, "code.immutable", "code", NULL);
	else if (project_change_of(r, body, &ch) == 0) {
		ec_diag_init(&d, 20);
		project_answer(r, ec_app_project_edit(r->app, &r->actor, r->path_params[0], &ch, &p, &d), &d, &p, 200);
	}
	json_decref(body);
}

void h_project_progress(struct request *r)
{
	struct ec_project p;
	struct ec_diag d;
	json_t *body, *period, *amount;
	int per;

	if (!(body = req_json_object(r)))
		return;
	period = json_object_get(body, "period");
	amount = json_object_get(body, "completed");
	if (!json_is_string(period) || ec_period_parse(json_string_value(period), json_string_length(period), &per))
		reply_problem(r, 400, "field.period", "period", NULL);
	else if (!json_is_number(amount))
		reply_problem(r, 400, "field.number", "completed", NULL);
	else {
		ec_diag_init(&d, 20);
		project_answer(r, ec_app_project_progress(r->app, &r->actor, r->path_params[0], per,
							  json_number_value(amount), &p, &d), &d, &p, 200);
	}
	json_decref(body);
}

void h_funds(struct request *r)
{
	const char *category = req_arg(r, "category");
	struct ec_funding f;
	struct ec_export x;
	json_t *list;
	int file;

	if ((file = req_download(r, &x)) < 0 || load(r, &f))
		return;
	if (file) {
		struct ec_table t;
		ec_funds_table_init(&t);
		for (size_t i = 0; i < f.nfunds; i++)
			if (!category || ec_fund_targets_category(&f.funds[i], category))
				ec_funds_table_add(&t, &f.funds[i]);
		ec_funding_release(&f);
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "基金" : "funds", &x, "funds");
		ec_table_release(&t);
		return;
	}
	list = json_array();
	for (size_t i = 0; i < f.nfunds; i++)
		if (!category || ec_fund_targets_category(&f.funds[i], category))
			json_array_append_new(list, fund_json(&f.funds[i]));
	ec_funding_release(&f);
	reply_json(r, 200, list);
}

/* A fund's matching projects as its download gives them. */
static const char *const match_names[] = { "project", "project_name", "score", "open_gap", "reasons" };
static const enum ec_col_kind match_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };

void h_fund(struct request *r)
{
	struct ec_funding f;
	struct ec_export x;
	struct ec_table t, shown = { 0 };
	int file;
	const struct ec_fund *fd = NULL;
	json_t *matches;
	const char *areas;
	char *err = NULL;

	if ((file = req_download(r, &x)) < 0 || priority_areas(r, req_arg(r, "priority_areas"), &areas) || load(r, &f))
		return;
	for (size_t i = 0; i < f.nfunds; i++)
		if (!strcmp(f.funds[i].code, r->path_params[0]))
			fd = &f.funds[i];
	if (!fd) {
		ec_funding_release(&f);
		reply_problem(r, 404, "fund.not_found", "code", "code", r->path_params[0], NULL);
		return;
	}
	matches = json_array();
	if (file)
		ec_table_init(&shown, 5, match_names, match_kinds);
	if (ec_funding_matches(&f, fd->code, NULL, -1, areas, &t, &err) == EC_OK) {
		for (size_t i = 0; i < t.nrows; i++) {
			char **c = &t.cells[i * t.ncols];
			const struct ec_project *p = find_project(&f, c[0]);
			json_t *reasons;
			if (!p || !ec_actor_sees_project(&r->actor, p))
				continue; /* another owner's project is not the enterprise's to see */
			if (file) {
				ec_table_addv(&shown, c[0], p->name, c[2], c[3], c[4]);
				continue;
			}
			reasons = coded_list_json(c[4]);
			json_array_append_new(matches, json_pack("{s:s, s:s, s:f, s:f, s:o}", "project", c[0], "project_name",
								 p->name, "score", strtod(c[2], NULL), "open_gap",
								 strtod(c[3], NULL), "reasons", reasons));
		}
		ec_table_release(&t);
	}
	free(err);
	if (file) {
		char base[64];
		snprintf(base, sizeof base, "matches-%.40s", fd->code);
		reply_download_one(r, &shown, x.lang == EC_LANG_ZH ? "匹配项目" : "matching projects", &x, base);
		ec_table_release(&shown);
		json_decref(matches);
	} else {
		reply_json(r, 200, json_pack("{s:o, s:o}", "fund", fund_json(fd), "matches", matches));
	}
	ec_funding_release(&f);
}

/* The change of a fund a JSON object asks for. Returns 0, or -1 having
** answered 400. */
static int fund_change_of(struct request *r, json_t *body, struct ec_fund_change *ch)
{
	static const struct parse_text_field text[] = {
		JSON_TEXT(struct ec_fund_change, name), JSON_TEXT(struct ec_fund_change, type),
		JSON_TEXT(struct ec_fund_change, categories), JSON_TEXT(struct ec_fund_change, regions),
		JSON_TEXT(struct ec_fund_change, stages), JSON_TEXT(struct ec_fund_change, coinvest),
	};

	ec_fund_change_init(ch);
	if (req_json_texts(r, body, text, sizeof text / sizeof text[0], ch) ||
	    json_amount(r, body, "capital", &ch->capital) || json_amount(r, body, "min_ticket", &ch->min_ticket) ||
	    json_amount(r, body, "max_ticket", &ch->max_ticket) || json_amount(r, body, "max_share", &ch->max_share) ||
	    json_amount(r, body, "min_digital_level", &ch->min_digital_level))
		return -1;
	return 0;
}

static void fund_change(struct request *r, const char *code, int adding)
{
	struct ec_fund_change ch;
	struct ec_fund f;
	struct ec_diag d;
	json_t *body = req_json_object(r), *jc;
	int rc;

	if (!body)
		return;
	jc = json_object_get(body, "code");
	if (!adding && jc) {
		reply_problem(r, 400, "code.immutable", "code", NULL);
	} else if (fund_change_of(r, body, &ch) == 0) {
		if (adding)
			code = json_is_string(jc) ? json_string_value(jc) : NULL;
		ec_diag_init(&d, 20);
		rc = adding ? ec_app_fund_add(r->app, &r->actor, code, &ch, &f, &d)
			    : ec_app_fund_edit(r->app, &r->actor, code, &ch, &f, &d);
		if (rc != EC_OK) {
			reply_refused(r, rc, &d, 400);
		} else {
			server_library_changed(r->srv); /* the kept project and fund answers */
			reply_json(r, adding ? 201 : 200, fund_json(&f));
		}
		ec_diag_release(&d);
	}
	json_decref(body);
}

void h_fund_create(struct request *r)
{
	fund_change(r, NULL, 1);
}

void h_fund_update(struct request *r)
{
	fund_change(r, r->path_params[0], 0);
}

static json_t *table_json(const struct ec_table *t)
{
	size_t len;
	char *text = ec_table_string(t, EC_FMT_JSON, &len);
	json_error_t jerr;
	json_t *v = json_loadb(text, len, 0, &jerr);

	free(text);
	return v ? v : json_array();
}

/* The month of an allocation (parse_allocation_period). Returns 0, or -1
** having answered. */
static int allocation_period(struct request *r, json_t *body, int *period)
{
	struct parse_problem pb;

	if (parse_allocation_period(body, period, &pb) != 0) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	return 0;
}

/* The quotas of an allocation (parse_allocation_quotas), into the request's
** arena. Returns 0, or -1 having answered. */
static int allocation_quotas(struct request *r, json_t *body, struct ec_quota **out, size_t *n)
{
	struct parse_problem pb;

	*out = req_alloc(r, PARSE_QUOTAS_MAX * sizeof **out);
	if (parse_allocation_quotas(&r->srv->catalog, body, *out, n, &pb) != 0) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	return 0;
}

/* The solver's steps as the job's progress. */
static void allocation_step(void *ctx, const char *step)
{
	job_step(ctx, step, -1);
}

void h_allocation(struct request *r)
{
	char label[16] = "latest";
	struct ec_allocation_request rq;
	struct ec_allocation run;
	struct ec_diag d;
	json_t *body = r->body.len ? req_json_object(r) : json_object(), *v;
	struct parse_problem pb;
	int rc;

	if (!body)
		return;
	ec_allocation_request_init(&rq);
	if (parse_allocation_options(body, 10, &rq.opts, &pb) != EC_OK) {
		json_decref(body);
		reply_parse_problem(r, &pb);
		return;
	}
	if ((v = json_object_get(body, "priority_areas")) && !json_is_null(v)) {
		if (!json_is_string(v)) {
			json_decref(body);
			reply_problem(r, 400, "field.string", "priority_areas", NULL);
			return;
		}
		if (priority_areas(r, req_strdup(r, json_string_value(v)), &rq.priority_areas)) {
			json_decref(body);
			return;
		}
	}
	rq.opts.mip = !json_is_true(json_object_get(body, "lp"));
	if (allocation_period(r, body, &rq.period) || allocation_quotas(r, body, (struct ec_quota **)&rq.quotas, &rq.nquotas)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	if (rq.period > 0)
		ec_period_format(rq.period, label);
	if (job_defer(r, "allocation", label))
		return;
	rq.opts.progress = allocation_step;
	rq.opts.progress_ctx = r;
	rq.opts.cancel = job_cancel_flag(r);
	ec_diag_init(&d, 4);
	if ((rc = ec_app_allocate(r->app, &r->actor, &rq, &run, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		char p[8];
		ec_period_format(run.period, p);
		reply_json(r, 200, json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:f, s:o, s:o, s:o}", "status",
					     run.result.status, "period", p, "solver", ec_alloc_solver_name(rq.opts.solver),
					     "objective_kind", rq.opts.objective == EC_ALLOC_SHARE ? "share" : "amount", "objective",
					     run.result.objective, "lp_bound", run.result.lp_bound, "gap_pct", run.result.gap_pct,
					     "plan", table_json(&run.plan), "lacking", table_json(&run.lacking), "binding",
					     table_json(&run.prices)));
		ec_allocation_release(&run);
	}
	ec_diag_release(&d);
}
