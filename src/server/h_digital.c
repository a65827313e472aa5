/*
** /api/v1/digital: the SME digital-level questionnaire of an edition, an
** enterprise's questionnaires (answer, submit with the pledge, revise,
** show with the breakdown, history, what next), the benchmarks under the
** disclosure control, and the analysts' import of answers files. Every
** use case is an ec_app_digital_* call, the command's.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/output.h"
#include "echelon/problem.h"
#include "server.h"

/* A coded reason ("match.…|name=value|…") as {code, params, message}, as
** problems are. */
static json_t *coded_json(const char *coded)
{
	struct ec_problem p;
	char *store;
	json_t *o;

	if (ec_coded_decode(coded, &p, &store) != 0)
		return json_pack("{s:s, s:{}, s:s}", "code", "", "params", "message", coded);
	o = problem_json(&p);
	free(store);
	return o;
}

static json_t *number_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(round(v * 1e6) / 1e6);
}

static json_t *questionnaire_json(const struct ec_digital_questionnaire *q, const char *sector)
{
	json_t *o = json_object(), *sectors = json_array(), *levels = json_array(), *dims = json_array();

	json_object_set_new(o, "edition", json_string(q->edition));
	json_object_set_new(o, "title_zh", json_string(q->title_zh));
	json_object_set_new(o, "title_en", json_string(q->title_en));
	json_object_set_new(o, "scoring", json_string(q->scoring == EC_DIGITAL_PERCENT ? "percent" : "points"));
	json_object_set_new(o, "placeholders", json_integer((json_int_t)q->placeholders));
	for (size_t i = 0; i < q->nsectors; i++)
		json_array_append_new(sectors, json_pack("{s:s, s:s, s:s}", "code", q->sectors[i].code, "name_zh",
							 q->sectors[i].name_zh, "name_en", q->sectors[i].name_en));
	for (size_t i = 0; i < q->nlevels; i++)
		json_array_append_new(levels, json_pack("{s:i, s:f, s:s, s:s}", "level", q->levels[i].level, "from",
							q->levels[i].from, "name_zh", q->levels[i].name_zh, "name_en",
							q->levels[i].name_en));
	for (size_t m = 0; m < q->ndimensions; m++) {
		json_t *dim = json_pack("{s:s, s:o, s:s, s:s, s:b}", "code", q->dimensions[m].code, "weight",
					number_or_null(q->dimensions[m].weight), "name_zh", q->dimensions[m].name_zh,
					"name_en", q->dimensions[m].name_en, "placeholder", q->dimensions[m].placeholder);
		json_t *items = json_array();
		for (size_t i = 0; i < q->nitems; i++) {
			const struct ec_digital_item *it = &q->items[i];
			json_t *options;
			if (it->dimension != m || (sector && !ec_digital_item_in(q, i, sector)))
				continue;
			options = json_array();
			for (size_t k = it->first_option; k < it->first_option + it->noptions; k++)
				json_array_append_new(options, json_pack("{s:s, s:f, s:s, s:s}", "code", q->options[k].code,
									 "score", q->options[k].score, "name_zh",
									 q->options[k].name_zh, "name_en",
									 q->options[k].name_en));
			json_array_append_new(items, json_pack("{s:s, s:s, s:f, s:s, s:s, s:s, s:b, s:o}", "code", it->code,
							       "sectors", it->sectors, "max", it->max, "select",
							       it->select == EC_DIGITAL_MANY ? "many" : "one", "name_zh",
							       it->name_zh, "name_en", it->name_en, "placeholder",
							       it->placeholder, "options", options));
		}
		json_object_set_new(dim, "items", items);
		json_array_append_new(dims, dim);
	}
	json_object_set_new(o, "sectors", sectors);
	json_object_set_new(o, "levels", levels);
	json_object_set_new(o, "dimensions", dims);
	return o;
}

static json_t *assessment_json(const struct ec_digital_assessment *a)
{
	return json_pack("{s:s, s:i, s:s, s:s, s:s, s:i, s:o, s:i, s:s, s:s}", "uscc", a->uscc, "year", a->year,
			 "edition", a->edition, "sector", a->sector, "state", ec_digital_state_name(a->state), "revision",
			 a->revision, "score", number_or_null(a->score), "level", a->level, "submitted_by",
			 a->submitted_by, "submitted_at", a->submitted_at);
}

static json_t *view_json(const struct ec_digital_view *v)
{
	const struct ec_digital_questionnaire *q = &v->q;
	json_t *o = json_object(), *answers = json_object(), *dims = json_array(), *items = json_array();

	json_object_set_new(o, "assessment", assessment_json(&v->a));
	for (size_t i = 0; i < v->nanswers; i++)
		json_object_set_new(answers, v->answers[i].item, json_string(v->answers[i].answer));
	json_object_set_new(o, "answers", answers);
	for (size_t m = 0; m < q->ndimensions; m++)
		json_array_append_new(dims, json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", q->dimensions[m].code,
						      "name_zh", q->dimensions[m].name_zh, "name_en",
						      q->dimensions[m].name_en, "score",
						      number_or_null(v->r.dimension_score[m]), "max",
						      number_or_null(v->r.dimension_max[m])));
	for (size_t i = 0; i < q->nitems; i++)
		if (ec_digital_item_in(q, i, v->a.sector))
			json_array_append_new(items, json_pack("{s:s, s:s, s:o, s:f}", "code", q->items[i].code,
							       "dimension", q->dimensions[q->items[i].dimension].code,
							       "score", number_or_null(v->r.item_score[i]), "max",
							       q->items[i].max));
	json_object_set_new(o, "result", json_pack("{s:o, s:i, s:i, s:i, s:o, s:o}", "total", number_or_null(v->r.total),
						   "level", v->r.level, "answered", (int)v->r.answered, "expected",
						   (int)v->r.expected, "dimensions", dims, "items", items));
	return o;
}

/* The year of the path, or 0 after answering 400. */
static int path_year(struct request *r)
{
	const char *s = r->path_params[1];
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 2000 || v > 2100) {
		reply_problem(r, 400, "year.invalid", "year", "value", s, NULL);
		return 0;
	}
	return (int)v;
}

static const char *edition_arg(struct request *r, json_t *body)
{
	json_t *e = body ? json_object_get(body, "edition") : NULL;

	if (json_is_string(e))
		return json_string_value(e);
	return req_arg(r, "edition") ? req_arg(r, "edition") : EC_DIGITAL_DEFAULT_EDITION;
}

static int lang_arg(struct request *r, enum ec_lang *lang)
{
	const char *l = req_arg(r, "lang");

	if (l && strcmp(l, "zh") && strcmp(l, "en")) {
		reply_problem(r, 400, "field.enum", "lang", "value", l, "expected", "zh or en", NULL);
		return 0;
	}
	*lang = l && !strcmp(l, "en") ? EC_LANG_EN : EC_LANG_ZH;
	return 1;
}

void h_digital_questionnaire(struct request *r)
{
	struct ec_digital_questionnaire q;
	const char *sector = req_arg(r, "sector");
	struct ec_diag d;

	ec_diag_init(&d, 10);
	if (ec_digital_load_builtin(&q, edition_arg(r, NULL), &d) != EC_OK) {
		reply_refused(r, EC_EUSAGE, &d, 400);
	} else if (sector && ec_digital_sector_find(&q, sector) < 0) {
		reply_problem(r, 400, "digital.sector", "sector", "value", sector, "edition", q.edition, NULL);
	} else {
		reply_json(r, 200, questionnaire_json(&q, sector));
	}
	ec_digital_release(&q);
	ec_diag_release(&d);
}

void h_digital_history(struct request *r)
{
	struct ec_digital_assessment *items = NULL;
	struct ec_diag d;
	size_t n = 0;
	int rc;

	ec_diag_init(&d, 10);
	rc = ec_app_digital_history(r->app, &r->actor, r->path_params[0], &items, &n, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		json_t *list = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(list, assessment_json(&items[i]));
		reply_json(r, 200, json_pack("{s:s, s:o}", "uscc", r->path_params[0], "items", list));
	}
	free(items);
	ec_diag_release(&d);
}

void h_digital_show(struct request *r)
{
	struct ec_digital_view v;
	struct ec_diag d;
	int year, rc;

	if (!(year = path_year(r)))
		return;
	ec_diag_init(&d, 10);
	rc = ec_app_digital_show(r->app, &r->actor, r->path_params[0], year, edition_arg(r, NULL), &v, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		reply_json(r, 200, view_json(&v));
		ec_digital_view_release(&v);
	}
	ec_diag_release(&d);
}

void h_digital_answer(struct request *r)
{
	struct ec_digital_answer *answers = NULL;
	struct ec_digital_view v;
	struct ec_diag d;
	json_t *body, *list, *sector, *revise, *value;
	const char *item;
	size_t n = 0;
	int year, rc;

	if (!(year = path_year(r)) || !(body = req_json_object(r)))
		return;
	list = json_object_get(body, "answers");
	sector = json_object_get(body, "sector");
	revise = json_object_get(body, "revise");
	if (list && !json_is_object(list)) {
		reply_problem(r, 400, "field.object", "answers", NULL);
		goto out;
	}
	if (sector && !json_is_string(sector)) {
		reply_problem(r, 400, "field.string", "sector", NULL);
		goto out;
	}
	if (revise && !json_is_boolean(revise)) {
		reply_problem(r, 400, "field.boolean", "revise", NULL);
		goto out;
	}
	if (list && json_object_size(list) > 200) {
		reply_problem(r, 400, "field.too_long", "answers", "max", "200", NULL);
		goto out;
	}
	answers = ec_malloc((json_object_size(list) + 1) * sizeof *answers);
	json_object_foreach(list, item, value) {
		if (!json_is_string(value)) {
			reply_problem(r, 400, "field.string", item, NULL);
			goto out;
		}
		if (strlen(item) >= EC_DIGITAL_CODE || json_string_length(value) >= EC_DIGITAL_ANSWER) {
			reply_problem(r, 400, "field.too_long", item, "max", "63", NULL);
			goto out;
		}
		snprintf(answers[n].item, sizeof answers[n].item, "%s", item);
		snprintf(answers[n].answer, sizeof answers[n].answer, "%s", json_string_value(value));
		n++;
	}
	ec_diag_init(&d, 50);
	rc = ec_app_digital_answer(r->app, &r->actor, r->path_params[0], year, edition_arg(r, body),
				   sector ? json_string_value(sector) : NULL, answers, n, json_is_true(revise), &v, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		reply_json(r, 200, view_json(&v));
		ec_digital_view_release(&v);
	}
	ec_diag_release(&d);
out:
	free(answers);
	json_decref(body);
}

void h_digital_submit(struct request *r)
{
	struct ec_digital_view v;
	struct ec_diag d;
	json_t *body, *pledge;
	int year, rc;

	if (!(year = path_year(r)) || !(body = req_json_object(r)))
		return;
	pledge = json_object_get(body, "pledge");
	if (pledge && !json_is_boolean(pledge)) {
		reply_problem(r, 400, "field.boolean", "pledge", NULL);
		json_decref(body);
		return;
	}
	ec_diag_init(&d, 50);
	rc = ec_app_digital_submit(r->app, &r->actor, r->path_params[0], year, edition_arg(r, body), json_is_true(pledge),
				   &v, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		reply_json(r, 200, view_json(&v));
		ec_digital_view_release(&v);
	}
	ec_diag_release(&d);
	json_decref(body);
}

/* The open application scenarios that fit, with their coded reasons. */
static json_t *scenarios_json(const struct ec_digital_next *n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n->nscenarios; i++) {
		const struct ec_scenario *s = &n->scenarios[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:o}", "code", s->code, "title",
						   s->title, "kind", ec_scenario_kind_name(s->kind), "category",
						   s->category, "region", s->region, "deadline", s->deadline, "points",
						   n->scenario_fits[i].points, "reasons",
						   coded_list_json(n->scenario_fits[i].reasons)));
	}
	return a;
}

void h_digital_next(struct request *r)
{
	struct ec_digital_next n;
	struct ec_diag d;
	int year, rc;

	if (!(year = path_year(r)))
		return;
	ec_diag_init(&d, 10);
	rc = ec_app_digital_next(r->app, &r->actor, &r->srv->sdc, r->path_params[0], year, edition_arg(r, NULL), &n, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		const struct ec_digital_questionnaire *q = &n.view.q;
		json_t *o = view_json(&n.view), *weak = json_array(), *funds = json_array();
		for (size_t k = 0; k < n.nweakest; k++) {
			size_t m = n.weakest[k];
			json_t *actions = json_array();
			for (size_t i = 0; i < n.actions.n; i++)
				if (!strcmp(n.actions.items[i].dimension, q->dimensions[m].code))
					json_array_append_new(actions, json_pack("{s:s, s:s, s:s}", "kind",
										 n.actions.items[i].kind, "text_zh",
										 n.actions.items[i].text_zh, "text_en",
										 n.actions.items[i].text_en));
			json_array_append_new(weak, json_pack("{s:s, s:s, s:s, s:f, s:o}", "code", q->dimensions[m].code,
							      "name_zh", q->dimensions[m].name_zh, "name_en",
							      q->dimensions[m].name_en, "share_pct",
							      round(1000 * n.view.r.dimension_score[m] / n.view.r.dimension_max[m]) / 10,
							      "actions", actions));
		}
		for (size_t i = 0; i < n.nfits; i++) {
			const struct ec_fund *f = &n.funds[n.fits[i].fund];
			json_t *reasons = json_array();
			json_array_append_new(reasons, coded_json(n.fits[i].category_reason));
			json_array_append_new(reasons, coded_json(n.fits[i].region_reason));
			json_array_append_new(funds, json_pack("{s:s, s:s, s:s, s:f, s:o}", "code", f->code, "name", f->name,
							       "type", ec_fund_type_name(f->type), "fit",
							       round(n.fits[i].fit * 100) / 100, "reasons", reasons));
		}
		json_object_set_new(o, "position", json_pack("{s:s, s:s, s:s, s:I, s:o, s:s}", "category", n.category,
							     "region", n.region, "peer_area", n.peer_area, "peers",
							     (json_int_t)n.peers, "percentile",
							     isnan(n.percentile) ? json_null() : json_real(round(n.percentile * 10) / 10),
							     "suppression", ec_sdc_reason_name((enum ec_sdc_reason)n.peer_hidden)));
		json_object_set_new(o, "weakest", weak);
		json_object_set_new(o, "funds", funds);
		json_object_set_new(o, "scenarios", scenarios_json(&n));
		reply_json(r, 200, o);
		ec_digital_next_release(&n);
	}
	ec_diag_release(&d);
}

void h_digital_benchmark(struct request *r)
{
	struct ec_digital_bench_query q;
	struct ec_digital_bench all;
	struct ec_export x;
	struct ec_table t;
	struct ec_diag d;
	const char *year = req_arg(r, "year");
	char *end = NULL;
	long y = year ? strtol(year, &end, 10) : 0;
	int rc, dl;

	struct ec_digital_year *years = NULL;
	size_t nyears = 0;

	memset(&q, 0, sizeof q);
	if (year && (end == year || *end)) {
		reply_problem(r, 400, "year.invalid", "year", "value", year, NULL);
		return;
	}
	if (!lang_arg(r, &q.lang) || (dl = req_download(r, &x)) < 0)
		return;
	ec_diag_init(&d, 10);
	if ((rc = ec_app_digital_years(r->app, &r->actor, &years, &nyears, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 422);
		ec_diag_release(&d);
		return;
	}
	q.edition = edition_arg(r, NULL);
	/* no year: the newest with submissions (of the edition asked for) */
	if (!year) {
		y = nyears ? years[0].year : 2000;
		if (!req_arg(r, "edition") && nyears)
			q.edition = req_strdup(r, years[0].edition);
		for (size_t i = 0; req_arg(r, "edition") && i < nyears; i++)
			if (!strcmp(years[i].edition, q.edition)) {
				y = years[i].year;
				break;
			}
	}
	q.year = y < 2000 || y > 2100 ? 0 : (int)y;
	q.by = req_arg(r, "by") ? req_arg(r, "by") : "province";
	q.region = req_arg(r, "region");
	q.sector = req_arg(r, "sector");
	if (dl == 1)
		q.lang = x.lang;
	rc = ec_app_digital_benchmark(r->app, &r->actor, &r->srv->sdc, &q, &t, &all, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else if (dl == 1) {
		char base[64];
		snprintf(base, sizeof base, "digital-benchmark-%s-%d", q.by, q.year);
		reply_download_one(r, &t, "benchmark", &x, base);
		ec_table_release(&t);
	} else {
		size_t len;
		char *rows = ec_table_string(&t, EC_FMT_JSON, &len), *body;
		struct ec_buf b;
		ec_table_release(&t);
		ec_buf_init(&b, 0);
		ec_buf_printf(&b, "{\"year\":%d,\"edition\":\"%s\",\"by\":\"%s\",\"sees_microdata\":%s,\"years\":[", q.year,
			      q.edition, q.by, ec_actor_sees_microdata(&r->actor) ? "true" : "false");
		for (size_t i = 0; i < nyears; i++)
			ec_buf_printf(&b, "%s{\"year\":%d,\"edition\":\"%s\",\"enterprises\":%lld}", i ? "," : "",
				      years[i].year, years[i].edition, (long long)years[i].enterprises);
		ec_buf_printf(&b, "],\"rows\":");
		ec_buf_add(&b, rows, len);
		ec_buf_addc(&b, '}');
		free(rows);
		body = ec_buf_detach(&b, &len);
		reply_owned(r, 200, "application/json; charset=utf-8", body, len);
	}
	free(years);
	ec_diag_release(&d);
}

void h_digital_import(struct request *r)
{
	const char *type = req_header(r, "Content-Type"), *data, *revise = req_arg(r, "revise");
	char filename[128] = "answers.csv";
	struct ec_diag d;
	int64_t rows = 0;
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
	}
	if (len == 0) {
		reply_problem(r, 400, "import.empty", "file", NULL);
		return;
	}
	ec_diag_init(&d, 1000);
	rc = ec_app_digital_import(r->app, &r->actor,
				   revise && (!strcmp(revise, "1") || !strcmp(revise, "true")) ? "revisions" : "answers",
				   filename, data, len, &rows, &d);
	if (rc != EC_OK)
		reply_refused(r, rc, &d, 422);
	else
		reply_json(r, 200, json_pack("{s:s, s:I}", "file", filename, "rows", (json_int_t)rows));
	ec_diag_release(&d);
}
