/*
** /api/v1/reports/bulletin: the monthly bulletin as HTML, XLSX or PDF,
** from the current cube through ec_app_report_bulletin (the command line's
** `echelon report bulletin` too). A PDF is printed by headless Chromium:
** at most EC_REPORT_RENDERS_MAX at once (503 report.busy, checked before
** any work) and EC_REPORT_RENDER_TIMEOUT_S each.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/app.h"
#include "parse.h"
#include "server.h"

/* The bulletin's period, region and language, checked into q; -1 after
** answering 400 naming the parameter. */
static int bulletin_query(struct request *r, const char *period, const char *region, const char *lang,
			  struct ec_report_query *q)
{
	q->period = -1;
	q->region = region ? region : "";
	q->lang = EC_LANG_ZH;
	q->format = EC_REPORT_HTML;
	if (!period || ec_period_parse(period, strlen(period), &q->period) != EC_OK) {
		reply_problem(r, 400, "period.invalid", "period", "value", period ? period : "", NULL);
		return -1;
	}
	if (region && *region && (strlen(region) != 6 || strspn(region, "0123456789") != 6)) {
		reply_problem(r, 400, "region.code", "region", "value", region, NULL);
		return -1;
	}
	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
		reply_problem(r, 400, "field.enum", "lang", "value", lang, "expected", "zh or en", NULL);
		return -1;
	}
	q->lang = lang && strcmp(lang, "en") == 0 ? EC_LANG_EN : EC_LANG_ZH;
	return 0;
}

/* ?format: html (default), xlsx or pdf; -1 after answering 400. */
static int report_format(struct request *r, enum ec_report_format *f)
{
	const char *format = req_arg(r, "format");
	int k = format ? ec_report_format_parse(format) : EC_REPORT_HTML;

	if (k < 0 || k == EC_REPORT_TEXT) {
		reply_problem(r, 400, "field.enum", "format", "value", format, "expected", "html, xlsx or pdf", NULL);
		return -1;
	}
	*f = (enum ec_report_format)k;
	return 0;
}

/* ?job=1 with format pdf: the print as a job (202 with it; GET
** /api/v1/jobs/{id} then answers {file: {media_type, filename, size,
** base64}}), so that a slow print holds no request and the dashboard
** shows its progress. Returns 1 when the request was deferred (answered). */
static int report_job(struct request *r, enum ec_report_format f, const char *base)
{
	const char *v = req_arg(r, "job");

	if (f != EC_REPORT_PDF || !v || (strcmp(v, "1") != 0 && strcmp(v, "true") != 0))
		return 0;
	if (job_defer(r, "report", base))
		return 1;
	job_step(r, "printing the report", -1);
	return 0;
}

/* n bytes as standard base64, a new string. */
static char *base64(const char *data, size_t n)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = ec_malloc(4 * ((n + 2) / 3) + 1), *o = out;

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)data[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)data[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)data[i + 2];
		*o++ = digits[v >> 18 & 63];
		*o++ = digits[v >> 12 & 63];
		*o++ = i + 1 < n ? digits[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? digits[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

/* Answers with the document in out (taken), named base.EXT; or with d's
** problems for rc. In a job (report_job) the document is the job's JSON
** answer, in base64. */
static void reply_report(struct request *r, int rc, struct ec_buf *out, struct ec_diag *d, enum ec_report_format f,
			 const char *base)
{
	char disposition[128];

	if (rc == EC_OK && r->job) {
		char name[96], *b64 = base64(out->data ? out->data : "", out->len);
		snprintf(name, sizeof name, "%s.%s", base, ec_report_extension(f));
		reply_json(r, 200, json_pack("{s:{s:s, s:s, s:I, s:s}}", "file", "media_type", ec_report_media_type(f),
					     "filename", name, "size", (json_int_t)out->len, "base64", b64));
		free(b64);
	} else if (rc == EC_OK) {
		size_t len;
		char *body;
		snprintf(disposition, sizeof disposition, "%s; filename=\"%s.%s\"",
			 f == EC_REPORT_HTML ? "inline" : "attachment", base, ec_report_extension(f));
		r->disposition = req_strdup(r, disposition);
		body = ec_buf_detach(out, &len);
		reply_owned(r, 200, ec_report_media_type(f), body, len);
	} else if (rc == EC_EIO && d->kept && strcmp(d->problems[0].code, "report.render") == 0) {
		reply_problems(r, 503, d); /* the printer failed: try again later */
	} else if (rc == EC_ELIMIT) {
		reply_problems(r, 503, d); /* report.busy */
	} else {
		reply_refused(r, rc, d, 422);
	}
}

void h_report_bulletin(struct request *r)
{
	const char *period = req_arg(r, "period"), *region = req_arg(r, "region");
	struct ec_report_query q;
	struct ec_monitor *cube;
	struct ec_diag d;
	struct ec_buf out;
	char base[48];
	int rc;

	if (bulletin_query(r, period, region, req_arg(r, "lang"), &q) || report_format(r, &q.format))
		return;
	snprintf(base, sizeof base, "bulletin-%s%s%s", period, *q.region ? "-" : "", q.region);
	if (report_job(r, q.format, base))
		return;
	ec_diag_init(&d, 4);
	ec_buf_init(&out, 0);
	cube = cube_acquire(r->srv);
	rc = ec_app_report_bulletin(cube, &r->srv->catalog, &r->actor, &q, &out, &d);
	cube_release(r->srv);
	reply_report(r, rc, &out, &d, q.format, base);
	ec_buf_release(&out);
	ec_diag_release(&d);
}

/* ?lang: zh (default) or en into q; -1 after answering 400. */
static int report_lang(struct request *r, struct ec_report_query *q)
{
	const char *lang = req_arg(r, "lang");

	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
		reply_problem(r, 400, "field.enum", "lang", "value", lang, "expected", "zh or en", NULL);
		return -1;
	}
	q->lang = lang && strcmp(lang, "en") == 0 ? EC_LANG_EN : EC_LANG_ZH;
	return 0;
}

/* GET /reports/cluster/{code}: the cluster's profile as a report. */
void h_report_cluster(struct request *r)
{
	struct ec_report_query q = { -1, "", EC_LANG_ZH, EC_REPORT_HTML };
	const char *code = r->path_params[0];
	struct ec_diag d;
	struct ec_buf out;
	char base[96];
	int rc;

	if (report_lang(r, &q) || report_format(r, &q.format))
		return;
	if (strlen(code) >= EC_CLUSTER_CODE_MAX || strcspn(code, "\"/\\") != strlen(code)) {
		reply_problem(r, 404, "cluster.not_found", "code", "code", code, NULL);
		return;
	}
	snprintf(base, sizeof base, "cluster-%s", code);
	if (report_job(r, q.format, base))
		return;
	ec_diag_init(&d, 4);
	ec_buf_init(&out, 0);
	rc = ec_app_report_cluster(r->app, &r->actor, code, &q, &out, &d);
	reply_report(r, rc, &out, &d, q.format, base);
	ec_buf_release(&out);
	ec_diag_release(&d);
}

/* The allocation's parameters of the query as the JSON body POST
** /allocation takes, so that the same parse functions check them: a
** number where one is expected parses as one, else stays text and is
** refused there. */
static json_t *allocation_body(struct request *r)
{
	static const char *const text[] = { "period", "objective", "solver", "priority_areas" };
	json_t *body = json_object();
	const char *v;

	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if ((v = req_arg(r, text[i])))
			json_object_set_new(body, text[i], json_string(v));
	if ((v = req_arg(r, "year"))) {
		char *end;
		long y = strtol(v, &end, 10);
		json_object_set_new(body, "year", *v && !*end ? json_integer(y) : json_string(v));
	}
	if ((v = req_arg(r, "time_limit_s"))) {
		char *end;
		double t = strtod(v, &end);
		json_object_set_new(body, "time_limit_s", *v && !*end ? json_real(t) : json_string(v));
	}
	if ((v = req_arg(r, "lp")))
		json_object_set_new(body, "lp", json_boolean(!strcmp(v, "1") || !strcmp(v, "true")));
	return body;
}

/* GET /reports/allocation: the allocation POST /allocation solves (the same
** parameters, in the query; no quotas) as a report. */
void h_report_allocation(struct request *r)
{
	struct ec_report_query q = { -1, "", EC_LANG_ZH, EC_REPORT_HTML };
	struct ec_allocation_request rq;
	struct parse_problem pb;
	json_t *body, *v;
	struct ec_diag d;
	struct ec_buf out;
	char base[32] = "allocation";
	int rc;

	if (report_lang(r, &q) || report_format(r, &q.format))
		return;
	body = allocation_body(r);
	ec_allocation_request_init(&rq);
	if (parse_allocation_options(body, 10, &rq.opts, &pb) != EC_OK || parse_allocation_period(body, &rq.period, &pb)) {
		json_decref(body);
		reply_parse_problem(r, &pb);
		return;
	}
	rq.opts.mip = !json_is_true(json_object_get(body, "lp"));
	if ((v = json_object_get(body, "priority_areas")) &&
	    parse_priority_areas(&r->srv->catalog, req_strdup(r, json_string_value(v)), &rq.priority_areas, &pb) != 0) {
		json_decref(body);
		reply_parse_problem(r, &pb);
		return;
	}
	json_decref(body);
	if (rq.period > 0)
		ec_period_format(rq.period, base + snprintf(base, sizeof base, "allocation-"));
	if (report_job(r, q.format, base))
		return;
	ec_diag_init(&d, 4);
	ec_buf_init(&out, 0);
	rc = ec_app_report_allocation(r->app, &r->actor, &rq, &q, &out, &d);
	reply_report(r, rc, &out, &d, q.format, base);
	ec_buf_release(&out);
	ec_diag_release(&d);
}

/* POST /reports/published {kind: "cluster", code, lang?} or {kind:
** "allocation", lang?, and POST /allocation's fields but quotas}: the report
** as it is now, kept in the library. Returns 0, or -1 having answered. */
static int publish_other(struct request *r, json_t *body, const char *kind, const char *lang)
{
	struct ec_report_query q = { -1, "", EC_LANG_ZH, EC_REPORT_HTML };
	struct ec_allocation_request rq;
	struct parse_problem pb;
	struct ec_diag d;
	json_t *v = json_object_get(body, "code");
	const char *code = json_is_string(v) ? json_string_value(v) : NULL;
	int64_t id = 0;
	int rc, cluster = !strcmp(kind, "cluster");

	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
		reply_problem(r, 400, "field.enum", "lang", "value", lang, "expected", "zh or en", NULL);
		return -1;
	}
	q.lang = lang && !strcmp(lang, "en") ? EC_LANG_EN : EC_LANG_ZH;
	if (cluster && !code) {
		reply_problem(r, 400, "field.string", "code", NULL);
		return -1;
	}
	ec_allocation_request_init(&rq);
	if (!cluster) {
		if (parse_allocation_options(body, 10, &rq.opts, &pb) != EC_OK || parse_allocation_period(body, &rq.period, &pb)) {
			reply_parse_problem(r, &pb);
			return -1;
		}
		rq.opts.mip = !json_is_true(json_object_get(body, "lp"));
		v = json_object_get(body, "priority_areas");
		if (v && !json_is_null(v) && (!json_is_string(v) ||
		    parse_priority_areas(&r->srv->catalog, req_strdup(r, json_string_value(v)), &rq.priority_areas, &pb) != 0)) {
			if (!json_is_string(v))
				reply_problem(r, 400, "field.string", "priority_areas", NULL);
			else
				reply_parse_problem(r, &pb);
			return -1;
		}
	}
	ec_diag_init(&d, 4);
	rc = cluster ? ec_app_report_publish_cluster(r->app, &r->actor, code, q.lang, &id, &d)
		     : ec_app_report_publish_allocation(r->app, &r->actor, &rq, q.lang, &id, &d);
	if (rc == EC_OK)
		reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "kind", kind, "region",
					     cluster ? code : "", "lang", q.lang == EC_LANG_EN ? "en" : "zh"));
	else
		reply_refused(r, rc, &d, 422);
	ec_diag_release(&d);
	return 0;
}

/* POST /reports/published {kind?, period, region?, lang?}: the bulletin
** (or, by kind, a cluster's profile or the allocation) as it is now, kept
** in the library. */
void h_report_publish(struct request *r)
{
	json_t *body = req_json_object(r), *v;
	const char *field[4] = { NULL, NULL, NULL, NULL }, *names[4] = { "period", "region", "lang", "kind" };
	struct ec_report_query q;
	struct ec_monitor *cube;
	struct ec_diag d;
	int64_t id = 0;
	int rc;

	if (!body)
		return;
	for (int i = 0; i < 4; i++) {
		if (!(v = json_object_get(body, names[i])) || json_is_null(v))
			continue;
		if (!json_is_string(v)) {
			reply_problem(r, 400, "field.string", names[i], NULL);
			json_decref(body);
			return;
		}
		field[i] = json_string_value(v);
	}
	if (field[3] && strcmp(field[3], "bulletin") != 0) {
		if (strcmp(field[3], "cluster") != 0 && strcmp(field[3], "allocation") != 0)
			reply_problem(r, 400, "field.enum", "kind", "value", field[3], "expected",
				      "bulletin, cluster or allocation", NULL);
		else
			publish_other(r, body, field[3], field[2]);
		json_decref(body);
		return;
	}
	if (bulletin_query(r, field[0], field[1], field[2], &q)) {
		json_decref(body);
		return;
	}
	ec_diag_init(&d, 4);
	cube = cube_acquire(r->srv);
	rc = ec_app_report_publish(r->app, cube, &r->srv->catalog, &r->actor, &q, &id, &d);
	cube_release(r->srv);
	if (rc == EC_OK)
		reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "kind", "bulletin", "period",
					     field[0], "region", q.region, "lang", q.lang == EC_LANG_EN ? "en" : "zh"));
	else
		reply_refused(r, rc, &d, 422);
	ec_diag_release(&d);
	json_decref(body);
}

/* GET /reports/published: the library, newest first (or a download of it). */
void h_reports_published(struct request *r)
{
	struct ec_export x;
	struct ec_table t;
	size_t len;
	char *text;
	int file, rc;

	if ((file = req_download(r, &x)) < 0)
		return;
	if ((rc = ec_app_reports_table(r->app, 500, &t)) != EC_OK) {
		ec_table_release(&t);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	if (file) {
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "已发布报告" : "published reports", &x, "reports");
	} else {
		text = ec_table_string(&t, EC_FMT_JSON, &len);
		reply_owned(r, 200, "application/json; charset=utf-8", text, len);
	}
	ec_table_release(&t);
}

/* GET /reports/published/{id}?format=html|xlsx|pdf: a report as published. */
void h_report_published(struct request *r)
{
	const char *id_text = r->path_params[0];
	enum ec_report_format f;
	struct parse_problem pb;
	struct ec_diag d;
	struct ec_buf out;
	char base[48];
	long id;
	int rc;

	if (parse_whole(id_text, "id", 1, 2147483647L, &id, &pb) != EC_OK) {
		reply_parse_problem(r, &pb);
		return;
	}
	if (report_format(r, &f))
		return;
	snprintf(base, sizeof base, "report-%ld", id);
	if (report_job(r, f, base))
		return;
	ec_diag_init(&d, 4);
	ec_buf_init(&out, 0);
	rc = ec_app_report_published(r->app, &r->actor, id, f, &out, &d);
	reply_report(r, rc, &out, &d, f, base);
	ec_buf_release(&out);
	ec_diag_release(&d);
}

int report_last_period(struct server *s)
{
	struct ec_monitor *cube = cube_acquire(s);
	int last = ec_app_report_last_period(cube);

	cube_release(s);
	return last;
}

json_t *report_after_import(struct request *r, int last_before)
{
	struct ec_monitor *cube;
	struct ec_diag d;
	int64_t id = 0;
	int rc, period = -1;
	char p[8];

	ec_diag_init(&d, 4);
	cube = cube_acquire(r->srv);
	rc = ec_app_report_after_import(r->app, cube, &r->srv->catalog, &r->actor, last_before, &id, &period, &d);
	cube_release(r->srv);
	if (rc != EC_OK) { /* the import stands; the log says why there is no bulletin */
		char said[512] = "?";
		if (d.kept)
			ec_problem_english(&d.problems[0], said, sizeof said);
		fprintf(r->srv->log, "error: the bulletin after the import was not published: %s\n", said);
	}
	ec_diag_release(&d);
	if (rc != EC_OK || !id)
		return json_null();
	ec_period_format(period, p);
	return json_pack("{s:I, s:s}", "id", (json_int_t)id, "period", p);
}
