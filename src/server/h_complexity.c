/*
** GET /api/v1/complexity: regional structure and complexity (the regions,
** the categories, a region's opportunities or priorities), and GET
** /api/v1/complexity/leaders: the enterprises that lead a category
** elsewhere. The query is the command's (ec_cx_query_parse); answers are
** cached per data generation. RCA of a cell the disclosure control would
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
		reply_error(r, 400, field, "%s", why);
		free(why);
		return 0;
	}
	if (lang && strcmp(lang, "zh") && strcmp(lang, "en")) {
		reply_error(r, 400, "lang", "'%.16s': expected zh or en", lang);
		return 0;
	}
	q->lang = lang && strcmp(lang, "en") == 0 ? EC_LANG_EN : EC_LANG_ZH;
	q->sdc = ec_actor_sees_microdata(&r->actor) ? NULL : &r->srv->sdc;
	return 1;
}

/* The cache key: every parameter that changes the answer, and the role
** class (the disclosure control). */
static void key_of(struct request *r, const char *what, char *key, size_t size)
{
	static const char *const names[] = { "year", "regions", "by", "measure", "show", "region", "category",
					     "weights", "top", "threshold", "method", "lang" };
	size_t at = (size_t)snprintf(key, size, "%s|%d", what, ec_actor_sees_microdata(&r->actor));

	for (size_t i = 0; i < sizeof names / sizeof *names && at < size; i++) {
		const char *v = req_arg(r, names[i]);
		at += (size_t)snprintf(key + at, size - at, "|%.64s", v ? v : "");
	}
}

static void reply_table(struct request *r, const char *key, uint64_t generation, struct ec_table *t,
			const struct ec_cx_query *q, const struct ec_cx_summary *sum)
{
	size_t len;
	char *rows = ec_table_string(t, EC_FMT_JSON, &len), *body, by[16];
	struct ec_buf b;

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
	cache_put(r->srv->cache, key, generation, b.data, b.len);
	body = ec_buf_detach(&b, &len); /* before len is read: argument order is unspecified */
	reply_owned(r, 200, "application/json; charset=utf-8", body, len);
}

static void serve(struct request *r, int leaders)
{
	struct ec_cx_query q;
	struct ec_cx_summary sum;
	struct ec_table t;
	uint64_t generation = __atomic_load_n(&r->srv->generation, __ATOMIC_SEQ_CST);
	char key[1024], *body, *err = NULL;
	size_t len;
	int rc;

	if (!query(r, &q))
		return;
	if (leaders)
		q.view = EC_CX_VIEW_LEADERS;
	if (q.view == EC_CX_VIEW_LEADERS && !leaders) {
		reply_error(r, 400, "show", "the leaders are at /api/v1/complexity/leaders");
		return;
	}
	key_of(r, leaders ? "cx-leaders" : "cx", key, sizeof key);
	if ((body = cache_get(r->srv->cache, key, generation, &len))) {
		reply_owned(r, 200, "application/json; charset=utf-8", body, len);
		return;
	}
	rc = leaders ? ec_app_complexity_leaders(r->app, &q, &t, &err) : ec_app_complexity(r->app, &q, &t, &sum, &err);
	if (rc != EC_OK) {
		reply_status(r, rc, err ? err : "");
		free(err);
		return;
	}
	reply_table(r, key, generation, &t, &q, leaders ? NULL : &sum);
}

void h_complexity(struct request *r)
{
	serve(r, 0);
}

void h_complexity_leaders(struct request *r)
{
	serve(r, 1);
}
