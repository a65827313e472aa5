/*
** /api/v1/enterprises: the enterprise list with filters and paging, and one
** enterprise with its monthly reports. An enterprise user sees only itself.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "server.h"

static json_t *number_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *enterprise_json(const struct ec_enterprise *e)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s}", "uscc", e->uscc, "name", e->name, "industry",
			 e->industry, "region", e->region, "lat", number_or_null(e->lat), "lon", number_or_null(e->lon),
			 "founded", e->founded, "sei_categories", e->sei_categories, "sei_primary", e->sei_primary);
}

static int add_item(void *ctx, const struct ec_enterprise *e)
{
	json_array_append_new(ctx, enterprise_json(e));
	return 0;
}

/* Parses a whole number in lo..hi, or def when absent. -1 on a bad value. */
static long whole(struct request *r, const char *name, long lo, long hi, long def)
{
	const char *v = req_arg(r, name);
	struct parse_problem pb;
	long n;

	if (!v)
		return def;
	if (parse_whole(v, name, lo, hi, &n, &pb) != EC_OK) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	return n;
}

void h_enterprises(struct request *r)
{
	struct ec_enterprise_filter f;
	const char *above = req_arg(r, "above_size");
	json_t *items;
	int64_t total = 0;
	long page, per_page;
	int rc;

	memset(&f, 0, sizeof f);
	f.name_contains = req_arg(r, "q");
	f.region_prefix = req_arg(r, "region");
	f.category = req_arg(r, "category");
	f.industry_prefix = req_arg(r, "industry");
	f.above_size_year = -1;
	f.above_size = EC_ABOVE_SIZE_DEFAULT;
	if (f.name_contains && strlen(f.name_contains) > 100) {
		reply_problem(r, 400, "field.too_long", "q", "max", "100", NULL);
		return;
	}
	if (f.region_prefix && (strlen(f.region_prefix) > 6 || strspn(f.region_prefix, "0123456789") != strlen(f.region_prefix))) {
		reply_problem(r, 400, "region.prefix", "region", "value", f.region_prefix, NULL);
		return;
	}
	if (f.category && (strlen(f.category) > 15 || strspn(f.category, "0123456789.") != strlen(f.category))) {
		reply_problem(r, 400, "category.code", "category", "value", f.category, NULL);
		return;
	}
	if (f.industry_prefix && f.industry_prefix[0] && (strlen(f.industry_prefix) < 2 || strlen(f.industry_prefix) > 4 ||
				  strspn(f.industry_prefix, "0123456789") != strlen(f.industry_prefix))) {
		reply_problem(r, 400, "industry.code", "industry", "value", f.industry_prefix, "level", "division", NULL);
		return;
	}
	if (above) {
		struct ec_monitor *cube = cube_acquire(r->srv);
		int first = -1, last = -1;
		if (cube)
			ec_monitor_range(cube, &first, &last);
		cube_release(r->srv);
		if (strcmp(above, "true") && strcmp(above, "false") && strcmp(above, "1") && strcmp(above, "0")) {
			reply_problem(r, 400, "field.boolean", "above_size", NULL);
			return;
		}
		if (last < 0) {
			reply_problem(r, 400, "enterprise.no_year", "above_size", NULL);
			return;
		}
		f.above_size_year = ec_period_year(last);
		f.above_size_wanted = above[0] == 't' || above[0] == '1';
	}
	if (r->user.role == EC_ROLE_ENTERPRISE)
		f.uscc = r->user.scope;
	if ((page = whole(r, "page", 1, 1000000, 1)) < 0 || (per_page = whole(r, "per_page", 1, 500, 50)) < 0)
		return;
	items = json_array();
	rc = ec_app_enterprises(r->app, &f, (page - 1) * per_page, per_page, add_item, items, &total);
	if (rc != EC_OK) {
		json_decref(items);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	reply_json(r, 200, json_pack("{s:I, s:i, s:i, s:o}", "total", (json_int_t)total, "page", (int)page, "per_page",
				     (int)per_page, "items", items));
}

static int add_report(void *ctx, const struct ec_report *rep)
{
	char period[8];

	ec_period_format(rep->period, period);
	json_array_append_new(ctx, json_pack("{s:s, s:f, s:f, s:f, s:I, s:f, s:I, s:f, s:f}", "period", period, "revenue",
					     rep->revenue, "output", rep->output, "value_added", rep->value_added,
					     "employees", (json_int_t)rep->employees, "rd_expense", rep->rd_expense,
					     "patents", (json_int_t)rep->patents, "investment", rep->investment,
					     "exports", rep->exports));
	return 0;
}

/* The path's enterprise into *e, as the actor may see it: an enterprise
** user only itself. Returns 0, or -1 having answered. */
static int enterprise_asked(struct request *r, struct ec_enterprise *e)
{
	const char *uscc = r->path_params[0];
	int rc;

	if (r->user.role == EC_ROLE_ENTERPRISE && strcmp(uscc, r->user.scope) != 0) {
		reply_problem(r, 403, "enterprise.not_own", "uscc", NULL);
		return -1;
	}
	if (strlen(uscc) != EC_USCC_LEN || (rc = ec_app_enterprise(r->app, uscc, e)) == EC_ENOTFOUND) {
		reply_problem(r, 404, "enterprise.not_found", "uscc", "uscc", uscc, NULL);
		return -1;
	}
	if (rc != EC_OK) {
		reply_status(r, rc, ec_app_errmsg(r->app));
		return -1;
	}
	return 0;
}

void h_enterprise(struct request *r)
{
	struct ec_enterprise *e = req_alloc(r, sizeof *e);
	json_t *reports;
	int rc;

	if (enterprise_asked(r, e))
		return;
	reports = json_array();
	if ((rc = ec_app_enterprise_reports(r->app, e->id, add_report, reports)) != EC_OK) {
		json_decref(reports);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	reply_json(r, 200, json_pack("{s:o, s:o}", "enterprise", enterprise_json(e), "reports", reports));
}

/* GET /enterprises/{uscc}/series: the enterprise's own growth by month
** (value added and revenue of the month, growth of the month and from
** January), as JSON or, with ?format, the CSV or XLSX of the same table. */
void h_enterprise_series(struct request *r)
{
	struct ec_enterprise *e = req_alloc(r, sizeof *e);
	struct ec_firm_month *months;
	struct ec_export x;
	struct ec_table t;
	char base[64], *array;
	size_t n, len;
	int file, rc;

	if ((file = req_download(r, &x)) < 0 || enterprise_asked(r, e))
		return;
	if ((rc = ec_app_enterprise_growth(r->app, e->id, &months, &n)) != EC_OK) {
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	ec_firm_growth_table(months, n, &t);
	free(months);
	if (file) {
		snprintf(base, sizeof base, "enterprise-series-%s", e->uscc);
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "企业月度" : "enterprise by month", &x, base);
		ec_table_release(&t);
		return;
	}
	array = ec_table_string(&t, EC_FMT_JSON, &len);
	ec_table_release(&t);
	{
		struct ec_buf b;
		ec_buf_init(&b, 0);
		ec_buf_printf(&b, "{\"uscc\":\"%s\",\"rows\":", e->uscc);
		ec_buf_add(&b, array, len);
		ec_buf_addc(&b, '}');
		free(array);
		array = ec_buf_detach(&b, &len);
	}
	reply_owned(r, 200, "application/json; charset=utf-8", array, len);
}
