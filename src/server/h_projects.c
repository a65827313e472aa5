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
#include "server.h"

static json_t *number(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}


static json_t *project_json(const struct ec_catalog *cat, const struct ec_project *p, int period)
{
	static const char *const sources[EC_NSOURCES] = { "government_budget", "guidance_fund", "bank_loans", "bonds",
							  "social_capital", "own_funds" };
	const struct ec_region *g = ec_catalog_resolve_region(cat, p->region, strlen(p->region));
	struct ec_progress pr;
	struct ec_alert_params ap;
	struct ec_alert_list alerts;
	json_t *funding = json_object(), *kinds = json_array();
	char start[8], end[8];

	for (int s = 0; s < EC_NSOURCES; s++)
		json_object_set_new(funding, sources[s], json_real(p->funding[s]));
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
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:s, s:s, s:s, s:o, s:f, s:f, s:o, s:o, s:f, s:f, "
			 "s:f, s:f, s:i, s:o}",
			 "code", p->code, "name", p->name, "owner", p->owner, "category", p->category, "cluster",
			 p->cluster, "region", p->region, "kind", ec_project_kind_name(p->kind), "total_investment",
			 p->total_investment, "start", start, "end", end, "stage", ec_stage_name(p->stage), "funding",
			 funding, "land_mu", p->land_mu, "energy_tce", p->energy_tce, "lat", number(g ? g->lat : NAN),
			 "lon", number(g ? g->lon : NAN), "cumulative", pr.cumulative, "completion_pct",
			 pr.completion * 100, "planned_pct", pr.planned * 100, "lag_pp", pr.lag_pp, "idle_months",
			 pr.idle_months, "alerts", kinds);
}

static json_t *fund_json(const struct ec_fund *f)
{
	char stages[128];

	ec_stage_set_format(f->stages, stages, sizeof stages);
	return json_pack("{s:s, s:s, s:s, s:f, s:s, s:s, s:s, s:f, s:f, s:f, s:s}", "code", f->code, "name", f->name,
			 "type", ec_fund_type_name(f->type), "capital", f->capital, "categories", f->categories,
			 "regions", f->regions, "stages", stages, "min_ticket", f->min_ticket, "max_ticket", f->max_ticket,
			 "max_share", f->max_share, "coinvest", ec_coinvest_name(f->coinvest));
}

/* The reasons of a match ("a; b; c") as a JSON array. */
static json_t *split_reasons(const char *text)
{
	json_t *reasons = json_array();

	for (const char *q = text; *q;) {
		size_t n = strcspn(q, ";");
		json_array_append_new(reasons, json_stringn(q, n));
		q += n;
		while (*q == ';' || *q == ' ')
			q++;
	}
	return reasons;
}

static int load(struct request *r, struct ec_funding *f)
{
	char *err = NULL;

	if (ec_funding_load(r->store, f, &err) != EC_OK) {
		reply_status(r, EC_EIO, err);
		free(err);
		return -1;
	}
	return 0;
}


static int matches_filter(struct request *r, const struct ec_project *p)
{
	const char *stage = req_arg(r, "stage"), *cluster = req_arg(r, "cluster"), *region = req_arg(r, "region");
	const char *category = req_arg(r, "category"), *q = req_arg(r, "q");

	if (r->user.role == EC_ROLE_ENTERPRISE && strcmp(p->owner, r->user.scope))
		return 0;
	if (stage && strcmp(stage, ec_stage_name(p->stage)))
		return 0;
	if (cluster && strcmp(cluster, p->cluster))
		return 0;
	if (region && strncmp(p->region, region, strlen(region)))
		return 0;
	if (category && !(strncmp(p->category, category, strlen(category)) == 0 &&
			  (p->category[strlen(category)] == '\0' || p->category[strlen(category)] == '.')))
		return 0;
	if (q && !strstr(p->name, q) && strncmp(p->code, q, strlen(q)))
		return 0;
	return 1;
}

void h_projects(struct request *r)
{
	struct ec_funding f;
	json_t *list;
	int period;

	if (load(r, &f))
		return;
	period = ec_funding_latest_period(&f);
	list = json_array();
	for (size_t i = 0; i < f.nprojects; i++)
		if (matches_filter(r, &f.projects[i]))
			json_array_append_new(list, project_json(&r->srv->catalog, &f.projects[i], period));
	ec_funding_release(&f);
	reply_json(r, 200, list);
}

/* The priority areas of a matching or an allocation, checked against the
** catalogue's SEI areas: *areas NULL for none. Returns 0, or -1 after
** answering 400 naming the field. */
static int priority_areas(struct request *r, const char *areas, const char **out)
{
	char why[256];

	*out = areas && *areas ? areas : NULL;
	if (*out && ec_match_areas_check(&r->srv->catalog, *out, why, sizeof why) != EC_OK) {
		reply_error(r, 400, "priority_areas", "priority_areas: %s", why);
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

void h_project(struct request *r)
{
	struct ec_funding f;
	const struct ec_project *p;
	struct ec_alert_params ap;
	struct ec_alert_list alerts;
	struct ec_table t;
	json_t *progress, *al, *matches;
	double cumulative = 0;
	const char *areas;
	char *err = NULL;
	int period;

	if (priority_areas(r, req_arg(r, "priority_areas"), &areas) || load(r, &f))
		return;
	if (!(p = find_project(&f, r->path_params[0])) ||
	    (r->user.role == EC_ROLE_ENTERPRISE && strcmp(p->owner, r->user.scope))) {
		ec_funding_release(&f);
		reply_error(r, 404, "code", "no project '%.40s'", r->path_params[0]);
		return;
	}
	period = ec_funding_latest_period(&f);
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
	for (size_t i = 0; i < alerts.n; i++)
		json_array_append_new(al, json_pack("{s:s, s:f, s:s}", "kind", ec_alert_kind_name(alerts.items[i].kind),
						    "value", alerts.items[i].value, "message", alerts.items[i].message));
	ec_alert_list_release(&alerts);
	matches = json_array();
	if (ec_funding_matches(&f, NULL, p->code, period, areas, &t, &err) == EC_OK) {
		for (size_t i = 0; i < t.nrows; i++) {
			char **c = &t.cells[i * t.ncols];
			const char *fund_name = "", *fund_type = "";
			json_t *reasons = split_reasons(c[4]);
			for (size_t k = 0; k < f.nfunds; k++)
				if (!strcmp(f.funds[k].code, c[1]))
					fund_name = f.funds[k].name, fund_type = ec_fund_type_name(f.funds[k].type);
			json_array_append_new(matches, json_pack("{s:s, s:s, s:s, s:f, s:f, s:o}", "fund", c[1], "fund_name",
								 fund_name, "fund_type", fund_type, "score", strtod(c[2], NULL),
								 "open_gap", strtod(c[3], NULL), "reasons", reasons));
		}
		ec_table_release(&t);
	}
	free(err);
	reply_json(r, 200, json_pack("{s:o, s:o, s:o, s:o}", "project", project_json(&r->srv->catalog, p, period),
				     "progress", progress, "alerts", al, "matches", matches));
	ec_funding_release(&f);
}

/* Fields of a project from a JSON object (only those present). */
static int project_from_json(struct request *r, json_t *body, struct ec_project *p)
{
	static const char *const sources[EC_NSOURCES] = { "government_budget", "guidance_fund", "bank_loans", "bonds",
							  "social_capital", "own_funds" };
	static const struct json_text text[] = {
		JSON_TEXT(struct ec_project, name), JSON_TEXT(struct ec_project, owner),
		JSON_TEXT(struct ec_project, category), JSON_TEXT(struct ec_project, cluster),
		JSON_TEXT(struct ec_project, region),
	};
	json_t *v, *funding;

	if (req_json_texts(r, body, text, sizeof text / sizeof text[0], p))
		return -1;
	if ((v = json_object_get(body, "kind"))) {
		if (!json_is_string(v) || ec_project_kind_parse(json_string_value(v)) < 0) {
			reply_error(r, 400, "kind", "expected industrial, innovation_capability, industry_city_integration, application_scenario or public_service");
			return -1;
		}
		p->kind = (enum ec_project_kind)ec_project_kind_parse(json_string_value(v));
	}
	if ((v = json_object_get(body, "total_investment"))) {
		if (!json_is_number(v)) {
			reply_error(r, 400, "total_investment", "expected a number");
			return -1;
		}
		p->total_investment = json_number_value(v);
	}
	for (int k = 0; k < 2; k++) {
		const char *key = k ? "end" : "start";
		int period;
		if ((v = json_object_get(body, key))) {
			if (!json_is_string(v) || ec_period_parse(json_string_value(v), json_string_length(v), &period)) {
				reply_error(r, 400, key, "expected a period YYYY-MM");
				return -1;
			}
			if (k)
				p->end = period;
			else
				p->start = period;
		}
	}
	if ((funding = json_object_get(body, "funding"))) {
		for (int s = 0; s < EC_NSOURCES; s++)
			if ((v = json_object_get(funding, sources[s]))) {
				if (!json_is_number(v)) {
					reply_error(r, 400, sources[s], "expected a number");
					return -1;
				}
				p->funding[s] = json_number_value(v);
			}
	}
	if ((v = json_object_get(body, "land_mu")) && json_is_number(v))
		p->land_mu = json_number_value(v);
	if ((v = json_object_get(body, "energy_tce")) && json_is_number(v))
		p->energy_tce = json_number_value(v);
	return 0;
}

static void save_project(struct request *r, struct ec_project *p, const char *action, unsigned status)
{
	const char *field;
	char why[256];
	struct ec_cluster c;

	if (r->user.role == EC_ROLE_ENTERPRISE && strcmp(p->owner, r->user.scope)) {
		reply_error(r, 403, "owner", "an enterprise submits only its own projects");
		return;
	}
	if (ec_project_check(p, &r->srv->catalog, &field, why, sizeof why) != EC_OK) {
		reply_error(r, 400, field, "%s", why);
		return;
	}
	if (p->cluster[0] && ec_store_cluster_get(r->store, p->cluster, &c) != EC_OK) {
		reply_error(r, 400, "cluster", "'%s' is not a registered cluster", p->cluster);
		return;
	}
	if (ec_store_project_put(r->store, p) != EC_OK) {
		reply_status(r, EC_EIO, ec_store_errmsg(r->store));
		return;
	}
	audit(r, action, p->code, "stage %s, total %.0f", ec_stage_name(p->stage), p->total_investment);
	if (!r->answered)
		reply_json(r, status, project_json(&r->srv->catalog, p, p->ncompleted ? p->completed[p->ncompleted - 1].period : p->start));
}

void h_project_create(struct request *r)
{
	struct ec_project p, existing;
	json_t *body = req_json_object(r), *code, *stage;

	if (!body)
		return;
	ec_project_init(&p);
	code = json_object_get(body, "code");
	stage = json_object_get(body, "stage");
	if (!json_is_string(code) || json_string_length(code) >= sizeof p.code) {
		json_decref(body);
		reply_error(r, 400, "code", "expected the project's code");
		return;
	}
	snprintf(p.code, sizeof p.code, "%s", json_string_value(code));
	if (stage && (!json_is_string(stage) || ec_stage_parse(json_string_value(stage)) < 0)) {
		json_decref(body);
		reply_error(r, 400, "stage", "expected reserve, preparation, under_construction, completed or cancelled");
		return;
	}
	if (stage)
		p.stage = (enum ec_stage)ec_stage_parse(json_string_value(stage));
	ec_project_init(&existing);
	if (ec_store_project_get(r->store, p.code, &existing) == EC_OK)
		reply_error(r, 400, "code", "project %s exists already", p.code);
	else if (project_from_json(r, body, &p) == 0)
		save_project(r, &p, "project.add", 201);
	ec_project_release(&existing);
	ec_project_release(&p);
	json_decref(body);
}

static int get_own(struct request *r, struct ec_project *p)
{
	ec_project_init(p);
	if (ec_store_project_get(r->store, r->path_params[0], p) != EC_OK ||
	    (r->user.role == EC_ROLE_ENTERPRISE && strcmp(p->owner, r->user.scope))) {
		ec_project_release(p);
		reply_error(r, 404, "code", "no project '%.40s'", r->path_params[0]);
		return -1;
	}
	return 0;
}

void h_project_update(struct request *r)
{
	struct ec_project p;
	json_t *body, *stage;
	char why[256];

	if (get_own(r, &p))
		return;
	if (!(body = req_json_object(r))) {
		ec_project_release(&p);
		return;
	}
	if ((stage = json_object_get(body, "stage"))) {
		int to = json_is_string(stage) ? ec_stage_parse(json_string_value(stage)) : -1;
		if (to < 0) {
			reply_error(r, 400, "stage", "expected reserve, preparation, under_construction, completed or cancelled");
		} else if ((enum ec_stage)to != p.stage &&
			   ec_project_stage_check(p.stage, (enum ec_stage)to, &p, why, sizeof why) != EC_OK) {
			reply_error(r, 400, "stage", "%s", why);
		} else {
			p.stage = (enum ec_stage)to;
		}
	}
	if (!r->answered && json_object_get(body, "code"))
		reply_error(r, 400, "code", "a project's code cannot change");
	if (!r->answered) {
		/* A new total is a revision, recorded with its month and reason, so
		** that invested amounts are held to the total then in force. */
		json_t *total = json_object_get(body, "total_investment"), *reason = json_object_get(body, "reason");
		double old_total = p.total_investment;
		if (project_from_json(r, body, &p) == 0 && total && json_is_number(total) &&
		    json_number_value(total) != old_total) {
			int period = p.ncompleted ? p.completed[p.ncompleted - 1].period : p.start;
			p.total_investment = old_total;
			if (ec_project_revise_total(&p, period, json_number_value(total),
						    json_is_string(reason) ? json_string_value(reason) : "", why,
						    sizeof why) != EC_OK)
				reply_error(r, 400, "total_investment", "%s", why);
		}
		if (!r->answered)
			save_project(r, &p, "project.edit", 200);
	}
	json_decref(body);
	ec_project_release(&p);
}

void h_project_progress(struct request *r)
{
	struct ec_project p;
	json_t *body, *period, *amount;
	char why[256];
	int per;

	if (get_own(r, &p))
		return;
	if (!(body = req_json_object(r))) {
		ec_project_release(&p);
		return;
	}
	period = json_object_get(body, "period");
	amount = json_object_get(body, "completed");
	if (!json_is_string(period) || ec_period_parse(json_string_value(period), json_string_length(period), &per))
		reply_error(r, 400, "period", "expected a period YYYY-MM");
	else if (!json_is_number(amount))
		reply_error(r, 400, "completed", "expected the amount completed in the month");
	else if (ec_project_record_completed(&p, per, json_number_value(amount), why, sizeof why) != EC_OK)
		reply_error(r, 400, "completed", "%s", why);
	else
		save_project(r, &p, "project.progress", 200);
	json_decref(body);
	ec_project_release(&p);
}

void h_funds(struct request *r)
{
	struct ec_funding f;
	json_t *list;

	if (load(r, &f))
		return;
	list = json_array();
	for (size_t i = 0; i < f.nfunds; i++)
		json_array_append_new(list, fund_json(&f.funds[i]));
	ec_funding_release(&f);
	reply_json(r, 200, list);
}

void h_fund(struct request *r)
{
	struct ec_funding f;
	struct ec_table t;
	const struct ec_fund *fd = NULL;
	json_t *matches;
	const char *areas;
	char *err = NULL;

	if (priority_areas(r, req_arg(r, "priority_areas"), &areas) || load(r, &f))
		return;
	for (size_t i = 0; i < f.nfunds; i++)
		if (!strcmp(f.funds[i].code, r->path_params[0]))
			fd = &f.funds[i];
	if (!fd) {
		ec_funding_release(&f);
		reply_error(r, 404, "code", "no fund '%.40s'", r->path_params[0]);
		return;
	}
	matches = json_array();
	if (ec_funding_matches(&f, fd->code, NULL, -1, areas, &t, &err) == EC_OK) {
		for (size_t i = 0; i < t.nrows; i++) {
			char **c = &t.cells[i * t.ncols];
			const struct ec_project *p = find_project(&f, c[0]);
			json_t *reasons = split_reasons(c[4]);
			json_array_append_new(matches, json_pack("{s:s, s:s, s:f, s:f, s:o}", "project", c[0], "project_name",
								 p ? p->name : "", "score", strtod(c[2], NULL), "open_gap",
								 strtod(c[3], NULL), "reasons", reasons));
		}
		ec_table_release(&t);
	}
	free(err);
	reply_json(r, 200, json_pack("{s:o, s:o}", "fund", fund_json(fd), "matches", matches));
	ec_funding_release(&f);
}

static int fund_from_json(struct request *r, json_t *body, struct ec_fund *f)
{
	json_t *v;
	char why[160];

	static const struct json_text text[] = {
		JSON_TEXT(struct ec_fund, name), JSON_TEXT(struct ec_fund, categories), JSON_TEXT(struct ec_fund, regions),
	};

	if (req_json_texts(r, body, text, sizeof text / sizeof text[0], f))
		return -1;
	if ((v = json_object_get(body, "type"))) {
		if (!json_is_string(v) || ec_fund_type_parse(json_string_value(v)) < 0) {
			reply_error(r, 400, "type", "expected government_guidance_fund, bank, insurance, vc_pe or industrial_capital");
			return -1;
		}
		f->type = (enum ec_fund_type)ec_fund_type_parse(json_string_value(v));
	}
	if ((v = json_object_get(body, "stages")) &&
	    (!json_is_string(v) || ec_stage_set_parse(json_string_value(v), &f->stages, why, sizeof why) != EC_OK)) {
		reply_error(r, 400, "stages", "expected stages separated by ';'");
		return -1;
	}
	if ((v = json_object_get(body, "coinvest"))) {
		if (!json_is_string(v) || ec_coinvest_parse(json_string_value(v)) < 0) {
			reply_error(r, 400, "coinvest", "expected none or requires_government");
			return -1;
		}
		f->coinvest = (enum ec_coinvest)ec_coinvest_parse(json_string_value(v));
	}
	if ((v = json_object_get(body, "capital")) && json_is_number(v))
		f->capital = json_number_value(v);
	if ((v = json_object_get(body, "min_ticket")) && json_is_number(v))
		f->min_ticket = json_number_value(v);
	if ((v = json_object_get(body, "max_ticket")) && json_is_number(v))
		f->max_ticket = json_number_value(v);
	if ((v = json_object_get(body, "max_share")) && json_is_number(v))
		f->max_share = json_number_value(v);
	return 0;
}

static void save_fund(struct request *r, struct ec_fund *f, const char *action, unsigned status)
{
	const char *field;
	char why[256];

	if (ec_fund_check(f, &r->srv->catalog, &field, why, sizeof why) != EC_OK) {
		reply_error(r, 400, field, "%s", why);
		return;
	}
	if (ec_store_fund_put(r->store, f) != EC_OK) {
		reply_status(r, EC_EIO, ec_store_errmsg(r->store));
		return;
	}
	audit(r, action, f->code, "type %s, capital %.0f", ec_fund_type_name(f->type), f->capital);
	if (!r->answered)
		reply_json(r, status, fund_json(f));
}

void h_fund_create(struct request *r)
{
	struct ec_fund f, existing;
	json_t *body = req_json_object(r), *code;

	if (!body)
		return;
	ec_fund_init(&f);
	code = json_object_get(body, "code");
	if (!json_is_string(code) || json_string_length(code) >= sizeof f.code)
		reply_error(r, 400, "code", "expected the fund's code");
	else if (snprintf(f.code, sizeof f.code, "%s", json_string_value(code)) < 0 ||
		 ec_store_fund_get(r->store, f.code, &existing) == EC_OK)
		reply_error(r, 400, "code", "fund %s exists already", f.code);
	else if (fund_from_json(r, body, &f) == 0)
		save_fund(r, &f, "fund.add", 201);
	json_decref(body);
}

void h_fund_update(struct request *r)
{
	struct ec_fund f;
	json_t *body;

	if (r->user.role == EC_ROLE_FUND && !scope_has(r->user.scope, r->path_params[0])) {
		reply_error(r, 403, "code", "a fund account changes only its own funds");
		return;
	}
	if (ec_store_fund_get(r->store, r->path_params[0], &f) != EC_OK) {
		reply_error(r, 404, "code", "no fund '%.40s'", r->path_params[0]);
		return;
	}
	if (!(body = req_json_object(r)))
		return;
	if (json_object_get(body, "code"))
		reply_error(r, 400, "code", "a fund's code cannot change");
	else if (fund_from_json(r, body, &f) == 0)
		save_fund(r, &f, "fund.edit", 200);
	json_decref(body);
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

/* The month of an allocation from "period" ("2021-06") or "year" (its
** December); 0 when neither is given. Returns 0, or -1 having answered. */
static int allocation_period(struct request *r, json_t *body, int *period)
{
	json_t *p = json_object_get(body, "period"), *y = json_object_get(body, "year");

	*period = 0;
	if (p && !json_is_null(p) && y && !json_is_null(y)) {
		reply_error(r, 400, "period", "give period or year, not both");
		return -1;
	}
	if (p && !json_is_null(p)) {
		if (!json_is_string(p) || ec_period_parse(json_string_value(p), json_string_length(p), period) != EC_OK) {
			reply_error(r, 400, "period", "period: expected a month YYYY-MM, e.g. \"2021-06\"");
			return -1;
		}
	} else if (y && !json_is_null(y)) {
		if (!json_is_integer(y) || json_integer_value(y) < 1900 || json_integer_value(y) > 2999) {
			reply_error(r, 400, "year", "year: expected a year from 1900 to 2999");
			return -1;
		}
		*period = ec_period_make((int)json_integer_value(y), 12);
	}
	return 0;
}

/* "quotas": [{"region": "110000", "land_mu": 100, "energy_tce": 50}, ...],
** at most one per province, each checked against the catalogue; into the
** request's arena. Returns 0, or -1 having answered. */
static int allocation_quotas(struct request *r, json_t *body, struct ec_quota **out, size_t *n)
{
	json_t *a = json_object_get(body, "quotas"), *q;
	size_t i;

	*out = NULL;
	*n = 0;
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > 64) {
		reply_error(r, 400, "quotas", "quotas: expected an array of at most 64 {region, land_mu, energy_tce}");
		return -1;
	}
	*out = req_alloc(r, (json_array_size(a) + 1) * sizeof **out);
	json_array_foreach(a, i, q) {
		json_t *region = json_object_get(q, "region"), *land = json_object_get(q, "land_mu"),
		       *energy = json_object_get(q, "energy_tce");
		struct ec_quota *x = &(*out)[i];
		char why[160];

		if (!json_is_object(q) || !json_is_string(region) || json_string_length(region) != 6 ||
		    (land && !json_is_null(land) && !json_is_number(land)) ||
		    (energy && !json_is_null(energy) && !json_is_number(energy))) {
			reply_error(r, 400, "quotas", "quotas[%zu]: expected {region: a 6-digit province code, land_mu: a "
				    "number or null, energy_tce: a number or null}", i);
			return -1;
		}
		memset(x, 0, sizeof *x);
		snprintf(x->region, sizeof x->region, "%s", json_string_value(region));
		/* missing or null: no quota of that kind */
		x->land_mu = json_is_number(land) ? json_number_value(land) : NAN;
		x->energy_tce = json_is_number(energy) ? json_number_value(energy) : NAN;
		if (ec_quota_check(&r->srv->catalog, x, *out, i, why, sizeof why) != EC_OK) {
			reply_error(r, 400, "quotas", "quotas[%zu]: %s", i, why);
			return -1;
		}
		*n = i + 1;
	}
	return 0;
}

void h_allocation(struct request *r)
{
	struct ec_funding f;
	struct ec_alloc_options opts;
	struct ec_alloc_result res;
	struct ec_table plan, lacking, prices;
	json_t *body = r->body.len ? req_json_object(r) : json_object(), *v;
	const char *areas = NULL;
	struct ec_quota *quotas = NULL;
	size_t nquotas = 0;
	char *err = NULL;
	int rc, period = 0;

	if (!body)
		return;
	ec_alloc_options_init(&opts);
	opts.time_limit_s = 10;
	if ((v = json_object_get(body, "time_limit_s")) && !json_is_null(v)) {
		if (!json_is_number(v) || json_number_value(v) <= 0 || json_number_value(v) > 600) {
			json_decref(body);
			reply_error(r, 400, "time_limit_s", "time_limit_s: expected seconds, more than 0 and at most 600");
			return;
		}
		opts.time_limit_s = json_number_value(v);
	}
	if ((v = json_object_get(body, "priority_areas")) && !json_is_null(v)) {
		if (!json_is_string(v)) {
			json_decref(body);
			reply_error(r, 400, "priority_areas", "priority_areas: expected a string of SEI area codes separated by ';', e.g. \"1;4\"");
			return;
		}
		if (priority_areas(r, req_strdup(r, json_string_value(v)), &areas)) {
			json_decref(body);
			return;
		}
	}
	opts.mip = !json_is_true(json_object_get(body, "lp"));
	if ((v = json_object_get(body, "objective")) && !json_is_null(v)) {
		const char *o = json_is_string(v) ? json_string_value(v) : "";
		if (strcmp(o, "amount") && strcmp(o, "share")) {
			json_decref(body);
			reply_error(r, 400, "objective", "objective: expected \"amount\" or \"share\"");
			return;
		}
		opts.objective = !strcmp(o, "share") ? EC_ALLOC_SHARE : EC_ALLOC_AMOUNT;
	}
	if (allocation_period(r, body, &period) || allocation_quotas(r, body, &quotas, &nquotas)) {
		json_decref(body);
		return;
	}
	json_decref(body);
	if (load(r, &f))
		return;
	if (period == 0)
		period = ec_funding_latest_period(&f);
	rc = ec_funding_allocate(&f, &r->srv->catalog, period, areas, quotas, nquotas, &opts, &res, &plan, &lacking,
				 &prices, &err);
	ec_funding_release(&f);
	if (rc == EC_ELIMIT) {
		/* A limit of the solver: its time (the caller can raise
		** time_limit_s) or its size (the caller can narrow the funds). */
		reply_error(r, 422, strstr(err, "too large") ? NULL : "time_limit_s", "%s", err);
		free(err);
		return;
	}
	if (rc != EC_OK) {
		reply_status(r, rc == EC_EDATA ? EC_EDATA : rc == EC_EUSAGE ? EC_EUSAGE : EC_EIO, err);
		free(err);
		return;
	}
	audit(r, "allocation", "all", "%s, objective %.6g (%s)", res.status, res.objective,
	      opts.objective == EC_ALLOC_SHARE ? "share" : "amount");
	if (!r->answered) {
		char p[8];
		ec_period_format(period, p);
		reply_json(r, 200, json_pack("{s:s, s:s, s:s, s:f, s:f, s:f, s:o, s:o, s:o}", "status", res.status, "period", p,
					     "objective_kind", opts.objective == EC_ALLOC_SHARE ? "share" : "amount",
					     "objective", res.objective, "lp_bound", res.lp_bound, "gap_pct", res.gap_pct,
					     "plan", table_json(&plan), "lacking", table_json(&lacking), "binding",
					     table_json(&prices)));
	}
	ec_table_release(&plan);
	ec_table_release(&lacking);
	ec_table_release(&prices);
	ec_alloc_result_release(&res);
}
