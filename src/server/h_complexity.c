/*
** GET /api/v1/complexity: regional structure and complexity (the regions,
** the categories, a region's opportunities or priorities), and GET
** /api/v1/complexity/leaders: the enterprises that lead a category
** elsewhere. The query is the command's (ec_cx_query_parse); the answers
** are kept (F_KEEP) until the data or the project library change. RCA of a cell the disclosure control would
** hide is empty for accounts that may not see single enterprises; the
** leaders are single enterprises, so only those that may see them get them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/complexity.h"
#include "echelon/output.h"
#include "server.h"

static const char *arg(void *ctx, const char *name)
{
	return req_arg(ctx, name);
}

/* The query of the request, or 0 after answering 400. */
static int query(struct request *r, struct ec_cx_query *q)
{
	const char *field, *lang = req_arg(r, "lang");
	char *why = NULL;

	ec_cx_query_init(q);
	if (ec_cx_query_parse(q, arg, r, &field, &why) != EC_OK) {
		reply_invalid(r, field, why);
		free(why);
		return 0;
	}
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en")) {
		reply_problem(r, 400, "field.enum", "lang", "value", lang, "expected", "zh or en", NULL);
		return 0;
	}
	q->lang = lang && strcmp(lang, "en") == 0 ? EC_LANG_EN : EC_LANG_ZH;
	q->sdc = ec_actor_sees_microdata(&r->actor) ? NULL : &r->srv->sdc;
	return 1;
}

static void reply_table(struct request *r, struct ec_table *t, const struct ec_cx_query *q,
			const struct ec_cx_summary *sum)
{
	size_t len;
	char *rows, *body, by[16];
	struct ec_buf b;
	struct ec_export x;

	if (req_download(r, &x) == 1) {
		char base[64];
		snprintf(base, sizeof base, "complexity-%s-%d", ec_cx_view_name(q->view), q->spec.year);
		reply_download_one(r, t, ec_cx_view_name(q->view), &x, base);
		ec_table_release(t);
		return;
	}
	rows = ec_table_string(t, EC_FMT_JSON, &len);
	ec_table_release(t);
	ec_buf_init(&b, 0);
	if (q->spec.axis == EC_AXIS_INDUSTRY)
		snprintf(by, sizeof by, "industry");
	else
		snprintf(by, sizeof by, "sei%d", q->spec.sei_level);
	ec_buf_printf(&b, "{\"year\":%d,\"regions\":\"%s\",\"by\":\"%s\",\"measure\":\"%s\"", q->spec.year,
		      ec_cx_level_name(q->spec.level), by, ec_cx_measure_name(q->spec.measure));
	if (sum)
		ec_buf_printf(&b, ",\"nregions\":%zu,\"ncategories\":%zu", sum->nr, sum->np);
	ec_buf_printf(&b, ",\"rows\":");
	ec_buf_add(&b, rows, len);
	ec_buf_addc(&b, '}');
	free(rows);
	body = ec_buf_detach(&b, &len); /* before len is read: argument order is unspecified */
	reply_owned(r, 200, "application/json; charset=utf-8", body, len);
}

static void serve(struct request *r, int leaders)
{
	struct ec_cx_query q;
	struct ec_cx_summary sum;
	struct ec_table t;
	char *err = NULL;
	int rc;

	struct ec_export x;

	if (!query(r, &q) || req_download(r, &x) < 0)
		return;
	if (leaders)
		q.view = EC_CX_VIEW_LEADERS;
	if (q.view == EC_CX_VIEW_LEADERS && !leaders) {
		reply_problem(r, 400, "complexity.leaders_route", "show", NULL);
		return;
	}
	rc = leaders ? ec_app_complexity_leaders(r->app, &q, &t, &err) : ec_app_complexity(r->app, &q, &t, &sum, &err);
	if (rc != EC_OK) {
		reply_status(r, rc, err ? err : "");
		free(err);
		return;
	}
	reply_table(r, &t, &q, leaders ? NULL : &sum);
}

void h_complexity(struct request *r)
{
	serve(r, 0);
}

void h_complexity_leaders(struct request *r)
{
	serve(r, 1);
}
