/*
** /api/v1/monitor: the figures of `echelon monitor`, from the same cube and
** the same table of columns; for roles other than admin and analyst a
** figure over fewer than 3 enterprises is suppressed. Answers are kept
** until the data change (F_KEEP in the route table).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/output.h"
#include "echelon/sdc.h"
#include "parse.h"
#include "server.h"

/* The columns for restricted roles: the monitoring columns, "suppressed"
** and "suppression" (why), made once (worker threads share them). */
static const char *columns_sdc[EC_MONITOR_NCOLS + 2];
static enum ec_col_kind kinds_sdc[EC_MONITOR_NCOLS + 2];
static pthread_once_t columns_sdc_once = PTHREAD_ONCE_INIT;

static void make_columns_sdc(void)
{
	for (int c = 0; c < EC_MONITOR_NCOLS; c++)
		columns_sdc[c] = ec_monitor_columns[c], kinds_sdc[c] = ec_monitor_column_kinds[c];
	columns_sdc[EC_MONITOR_NCOLS] = "suppressed";
	kinds_sdc[EC_MONITOR_NCOLS] = EC_COL_BOOL;
	columns_sdc[EC_MONITOR_NCOLS + 1] = "suppression";
	kinds_sdc[EC_MONITOR_NCOLS + 1] = EC_COL_TEXT;
}

static int restricted(const struct request *r)
{
	return !ec_actor_sees_microdata(&r->actor);
}

/* The threshold of a small group: ?small=N (0..1 000 000), else 10. With
** pb NULL the value has been checked. Returns -1 after answering 400. */
static int64_t small_below(struct request *r)
{
	const char *v = req_arg(r, "small");
	struct parse_problem pb;
	long n;

	if (!v)
		return EC_MONITOR_SMALL_GROUP;
	if (parse_whole(v, "small", 0, 1000000, &n, &pb) != EC_OK) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	return (int64_t)n;
}

/* The rows as the table the answer gives (t uninitialised); for
** restricted roles the figures of a hidden row are empty (null), with
** "suppressed" and why (threshold or complement: sdc.h,
** ec_monitor_rows_sdc over these rows, or given, a series' reasons from
** each period's whole breakdown). The JSON and the downloads come from it. */
static void rows_table(struct request *r, const struct ec_monitor_row *rows, size_t n,
		       const enum ec_sdc_reason *given, int en, struct ec_table *t)
{
	struct ec_table full;
	enum ec_sdc_reason *reason;

	ec_table_init(&full, EC_MONITOR_NCOLS, ec_monitor_columns, ec_monitor_column_kinds);
	ec_monitor_rows_table(rows, n, &r->srv->catalog, small_below(r), &full);
	for (size_t i = 0; en && i < n; i++) { /* an English download: the groups' English names */
		char name[256];
		char **cell = &full.cells[i * EC_MONITOR_NCOLS + 2];
		free(*cell);
		*cell = ec_strdup(ec_monitor_group_name(&rows[i], &r->srv->catalog, 1, name, sizeof name));
	}
	if (!restricted(r)) {
		*t = full;
		return;
	}
	pthread_once(&columns_sdc_once, make_columns_sdc);
	reason = ec_malloc((n ? n : 1) * sizeof *reason);
	if (given)
		memcpy(reason, given, n * sizeof *reason);
	else
		ec_monitor_rows_sdc(rows, n, &r->srv->sdc, reason);
	ec_table_init(t, EC_MONITOR_NCOLS + 2, columns_sdc, kinds_sdc);
	for (size_t i = 0; i < n; i++) {
		const char *cells[EC_MONITOR_NCOLS + 2];
		int hide = reason[i] != EC_SDC_SHOWN;
		for (int c = 0; c < EC_MONITOR_NCOLS; c++)
			cells[c] = hide && c >= 7 ? "" : full.cells[i * EC_MONITOR_NCOLS + (size_t)c];
		cells[EC_MONITOR_NCOLS] = hide ? "1" : "0";
		cells[EC_MONITOR_NCOLS + 1] = ec_sdc_reason_name(reason[i]);
		ec_table_add(t, cells);
	}
	free(reason);
	ec_table_release(&full);
}

/* The rows as a JSON array, or (a download asked for) answers with the
** file named base and returns NULL. */
static char *rows_answer(struct request *r, const struct ec_monitor_row *rows, size_t n,
			 const enum ec_sdc_reason *reason, const char *base, size_t *len)
{
	struct ec_export x;
	struct ec_table t;
	char *text = NULL;

	int file = req_download(r, &x) == 1;

	rows_table(r, rows, n, reason, file && x.lang == EC_LANG_EN, &t);
	if (file)
		reply_download_one(r, &t, base, &x, base);
	else
		text = ec_table_string(&t, EC_FMT_JSON, len);
	ec_table_release(&t);
	return text;
}

/* Whether ?format, ?lang and ?raw are right (else answered 400). */
static int download_checked(struct request *r)
{
	struct ec_export x;

	return req_download(r, &x) >= 0;
}

static int parse_basis(struct request *r, enum ec_monitor_basis *basis)
{
	const char *b = req_arg(r, "basis");

	*basis = EC_BASIS_CUMULATIVE;
	if (!b || strcmp(b, "cumulative") == 0)
		return 0;
	if (strcmp(b, "month") == 0) {
		*basis = EC_BASIS_MONTH;
		return 0;
	}
	reply_problem(r, 400, "field.enum", "basis", "value", b, "expected", "cumulative or month", NULL);
	return -1;
}

static int valid_region(struct request *r, const char *region)
{
	if (strlen(region) <= 6 && strspn(region, "0123456789") == strlen(region))
		return 1;
	reply_problem(r, 400, "region.code", "region", "value", region, NULL);
	return 0;
}

/* Computes the answer with fn over the current cube. */
/* Why there is no cube: no reports yet (404), or reports that make none,
** with the reason the last build gave (503). */
static void no_figures(struct request *r)
{
	struct server *s = r->srv;
	char why[sizeof s->cube_error];

	pthread_rwlock_rdlock(&s->cube_lock);
	memcpy(why, s->cube_error, sizeof why);
	pthread_rwlock_unlock(&s->cube_lock);
	if (why[0])
		reply_problem(r, 503, "monitor.unavailable", NULL, "reason", why, NULL);
	else
		reply_problem(r, 404, "monitor.no_data", NULL, NULL);
}

static void answer(struct request *r, char *(*fn)(struct request *, struct ec_monitor *, size_t *))
{
	struct server *s = r->srv;
	struct ec_monitor *cube = cube_acquire(s);
	char *body;
	size_t len;

	if (!cube) {
		cube_release(s);
		no_figures(r);
		return;
	}
	body = fn(r, cube, &len);
	cube_release(s);
	if (body) /* else fn answered with an error */
		reply_owned(r, 200, "application/json; charset=utf-8", body, len);
}

static char *monitor_body(struct request *r, struct ec_monitor *cube, size_t *len)
{
	const char *by_name = req_arg(r, "by"), *region = req_arg(r, "region");
	struct ec_monitor_row *rows;
	enum ec_monitor_basis basis;
	struct ec_buf b;
	char *err = NULL, *array, base[64];
	size_t n, alen;
	int period, by = EC_BY_NONE, rc;

	ec_period_parse(req_arg(r, "period"), strlen(req_arg(r, "period")), &period);
	parse_basis(r, &basis);
	if (by_name)
		by = ec_monitor_by_parse(by_name);
	rc = ec_monitor_query(cube, period, basis, (enum ec_monitor_by)by, region ? region : "", &rows, &n, &err);
	if (rc != EC_OK) {
		reply_status(r, rc, err);
		free(err);
		return NULL;
	}
	snprintf(base, sizeof base, "monitor-%s%s%s", req_arg(r, "period"), by == EC_BY_NONE ? "" : "-",
		 by == EC_BY_NONE ? "" : ec_monitor_by_name((enum ec_monitor_by)by));
	array = rows_answer(r, rows, n, NULL, base, &alen);
	free(rows);
	if (!array)
		return NULL;
	ec_buf_init(&b, 0);
	ec_buf_printf(&b, "{\"period\":\"%s\",\"basis\":\"%s\",\"by\":\"%s\",\"region\":\"%s\",\"rows\":", req_arg(r, "period"),
		      basis == EC_BASIS_MONTH ? "month" : "cumulative", by == EC_BY_NONE ? "" : ec_monitor_by_name((enum ec_monitor_by)by),
		      region ? region : "");
	ec_buf_add(&b, array, alen);
	ec_buf_addc(&b, '}');
	free(array);
	return ec_buf_detach(&b, len);
}

void h_monitor(struct request *r)
{
	const char *period = req_arg(r, "period"), *by = req_arg(r, "by"), *region = req_arg(r, "region");
	enum ec_monitor_basis basis;
	int64_t small;
	int p, b;

	if (!period || ec_period_parse(period, strlen(period), &p) != EC_OK) {
		reply_problem(r, 400, "period.invalid", "period", "value", period ? period : "", NULL);
		return;
	}
	if (parse_basis(r, &basis))
		return;
	if (by && ((b = ec_monitor_by_parse(by)) < 0 || b == EC_BY_NONE)) {
		reply_problem(r, 400, "field.enum", "by", "value", by, "expected", "area, direction, province, prefecture or area,province", NULL);
		return;
	}
	if (region && !valid_region(r, region))
		return;
	if ((small = small_below(r)) < 0)
		return;
	(void)small; /* the kept answer is keyed by the parameters, small among them */
	if (download_checked(r))
		answer(r, monitor_body);
}

static const char *const series_kinds[] = { "all", "sei", "area", "direction", "province", "prefecture" };

/* Groups of different kinds compared: ?groups=kind:code,... (an
** enterprise's province, its SEI direction nationally and its prefecture),
** each measured in its own breakdown, as its own page asks it: a
** prefecture within its province, the others nationally. */
struct series_groups {
	size_t n;
	enum ec_group_kind kind[PARSE_GROUPS_MAX];
	char code[PARSE_GROUPS_MAX][PARSE_GROUP_CODE_MAX + 1];
};

/* A series' parameters: kind, codes (or code; none for all and sei), from,
** to, basis, region. Returns 0 with *q (pointing into codes and the
** request), or -1 after answering 400 naming the parameter. */
static int series_query(struct request *r, struct ec_monitor_series_query *q,
			char codes[][PARSE_GROUP_CODE_MAX + 1], const char **code_ptrs, struct series_groups *g)
{
	const char *kind = req_arg(r, "kind"), *list = req_arg(r, "codes"), *from = req_arg(r, "from"),
		   *to = req_arg(r, "to"), *region = req_arg(r, "region"), *groups = req_arg(r, "groups");
	struct parse_problem pb;
	int k = -1;

	memset(q, 0, sizeof *q);
	g->n = 0;
	if (groups) { /* instead of kind and codes; the first group names the answer */
		const char *other = kind ? "kind" : list ? "codes" : req_arg(r, "code") ? "code" : region ? "region" : NULL;
		if (other) {
			reply_problem(r, 400, "field.exclusive", "groups", "with", other, NULL);
			return -1;
		}
		if (parse_series_groups(groups, "groups", g->kind, g->code, &g->n, &pb) != EC_OK) {
			reply_parse_problem(r, &pb);
			return -1;
		}
		kind = series_kinds[g->kind[0]];
		list = g->code[0];
	}
	for (int i = 0; kind && i < 6; i++)
		if (strcmp(kind, series_kinds[i]) == 0)
			k = i;
	if (k < 0) {
		reply_problem(r, 400, "field.enum", "kind", "value", kind ? kind : "", "expected", "all, sei, area, direction, province or prefecture", NULL);
		return -1;
	}
	q->kind = (enum ec_group_kind)k;
	if (list && req_arg(r, "code")) {
		reply_problem(r, 400, "field.exclusive", "code", "with", "codes", NULL);
		return -1;
	}
	if (!list)
		list = req_arg(r, "code");
	if (g->n) { /* asked one by one (ec_app_monitor_series_mixed); the answer names them */
		for (size_t i = 0; i < g->n; i++)
			memcpy(codes[i], g->code[i], sizeof codes[i]);
		q->ncodes = g->n;
	} else if (k <= 1) { /* all and sei are one group each */
		snprintf(codes[0], PARSE_GROUP_CODE_MAX + 1, "%s", series_kinds[k]);
		q->ncodes = 1;
	} else if (parse_group_codes(list, list == req_arg(r, "code") && list ? "code" : "codes", codes, &q->ncodes,
				     &pb) != EC_OK) {
		if (!list) {
			parse_problem_release(&pb);
			reply_problem(r, 400, "field.required", "codes", NULL);
		} else {
			reply_parse_problem(r, &pb);
		}
		return -1;
	}
	for (size_t i = 0; i < q->ncodes; i++)
		code_ptrs[i] = codes[i];
	q->codes = code_ptrs;
	q->from = q->to = -1;
	if ((from && parse_month(from, "from", &q->from, &pb) != EC_OK) ||
	    (to && parse_month(to, "to", &q->to, &pb) != EC_OK)) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	if (q->from >= 0 && q->to >= 0 && q->from > q->to) {
		reply_problem(r, 400, "month.order", "from", "from", from, "to", to, NULL);
		return -1;
	}
	if (parse_basis(r, &q->basis) || (region && !valid_region(r, region)) || small_below(r) < 0)
		return -1;
	q->region = region ? region : "";
	return 0;
}

static char *series_body(struct request *r, struct ec_monitor *cube, size_t *len)
{
	char codes[PARSE_GROUPS_MAX][PARSE_GROUP_CODE_MAX + 1], from[8] = "", to[8] = "", *err = NULL, *array, base[96];
	const char *code_ptrs[PARSE_GROUPS_MAX];
	struct ec_monitor_series_query q;
	struct series_groups g;
	struct ec_monitor_row *rows;
	enum ec_sdc_reason *reason;
	struct ec_buf b;
	size_t n, alen, at;
	int rc;

	if (series_query(r, &q, codes, code_ptrs, &g))
		return NULL; /* not reached: h_monitor_series checked */
	if (g.n)
		rc = ec_app_monitor_series_mixed(cube, &r->actor, &r->srv->sdc, &q, g.kind, code_ptrs, g.n, &rows, &reason,
						 &n, &err);
	else
		rc = ec_app_monitor_series(cube, &r->actor, &r->srv->sdc, &q, &rows, &reason, &n, &err);
	if (rc != EC_OK) {
		reply_status(r, rc, err);
		free(err);
		return NULL;
	}
	at = (size_t)snprintf(base, sizeof base, "series-%s", g.n ? "groups" : series_kinds[q.kind]);
	for (size_t i = 0; q.kind > EC_G_SEI && i < q.ncodes && at < sizeof base; i++)
		at += (size_t)snprintf(base + at, sizeof base - at, "%s%s", i ? "_" : "-", codes[i]);
	array = rows_answer(r, rows, n, reason, base, &alen);
	if (n) {
		ec_period_format(rows[0].period, from);
		ec_period_format(rows[0].period, to);
		for (size_t i = 0; i < n; i++) { /* the range measured, over every group */
			char p[8];
			ec_period_format(rows[i].period, p);
			if (strcmp(p, from) < 0)
				memcpy(from, p, 8);
			if (strcmp(p, to) > 0)
				memcpy(to, p, 8);
		}
	}
	free(rows);
	free(reason);
	if (!array)
		return NULL;
	ec_buf_init(&b, 0);
	ec_buf_printf(&b, "{\"kind\":\"%s\",\"code\":\"%s\",\"codes\":[", g.n ? "groups" : series_kinds[q.kind], codes[0]);
	for (size_t i = 0; i < q.ncodes; i++)
		ec_buf_printf(&b, "%s\"%s\"", i ? "," : "", codes[i]);
	ec_buf_printf(&b, "],\"region\":\"%s\",\"basis\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"rows\":", q.region,
		      q.basis == EC_BASIS_MONTH ? "month" : "cumulative", from, to);
	ec_buf_add(&b, array, alen);
	ec_buf_addc(&b, '}');
	free(array);
	return ec_buf_detach(&b, len);
}

void h_monitor_series(struct request *r)
{
	char codes[PARSE_GROUPS_MAX][PARSE_GROUP_CODE_MAX + 1];
	const char *code_ptrs[PARSE_GROUPS_MAX];
	struct ec_monitor_series_query q;
	struct series_groups g;

	if (series_query(r, &q, codes, code_ptrs, &g) || !download_checked(r))
		return;
	answer(r, series_body);
}

/* Whether the data are the demo's, and their size, once per data
** generation (the audit log is read to find out). */
static void data_note(struct request *r, int *demo, int64_t *enterprises)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static uint64_t seen = UINT64_MAX;
	static int was_demo;
	static int64_t count = -1;
	uint64_t g = server_generation(r->srv);

	pthread_mutex_lock(&lock);
	if (g != seen && ec_app_data_note(r->app, &was_demo, &count) == EC_OK)
		seen = g;
	*demo = was_demo;
	*enterprises = count;
	pthread_mutex_unlock(&lock);
}

void h_monitor_periods(struct request *r)
{
	struct ec_monitor *cube = cube_acquire(r->srv);
	char first[8], last[8];
	int64_t enterprises;
	int f = -1, l = -1, demo;

	if (cube)
		ec_monitor_range(cube, &f, &l);
	cube_release(r->srv);
	if (f < 0) {
		no_figures(r);
		return;
	}
	ec_period_format(f, first);
	ec_period_format(l, last);
	data_note(r, &demo, &enterprises);
	reply_json(r, 200, json_pack("{s:s, s:s, s:{s:b, s:o}}", "first", first, "last", last, "data", "demo", demo,
				     "enterprises", enterprises < 0 ? json_null() : json_integer(enterprises)));
}
