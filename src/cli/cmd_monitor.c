/*
** echelon monitor: SEI growth against all industry at comparable prices.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/monitor.h"
#include "echelon/sdc.h"

static void one_decimal(char *out, size_t size, double v)
{
	if (isnan(v))
		snprintf(out, size, "—");
	else
		snprintf(out, size, "%.1f", v);
}

/* The table the statistics bureau would print: names in both languages,
** growth with one decimal. Returns 0 or an exit code. */
static int print_table(const struct ec_monitor_row *rows, size_t n, const struct ec_catalog *cat)
{
	static const char *const names[] = { "group", "名称", "name", "enterprises", "VA 亿元", "growth %",
					     "gap pp", "share %", "contrib %", "pull pp", "R&D %" };
	/* in Chinese, the bureau's own words (not column words: kept as they are) */
	static const char *const names_zh[] = { "分组", "名称", "英文名称", "企业数", "增加值 亿元", "增速 %",
						"增速差 百分点", "占比 %", "贡献率 %", "拉动 百分点", "研发强度 %" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };
	struct ec_table t;

	ec_table_init(&t, 11, cli_lang() == EC_LANG_ZH ? names_zh : names, kinds);
	for (size_t i = 0; i < n; i++) {
		const struct ec_monitor_row *r = &rows[i];
		char code[40], zh[256], en[256], ent[24], va[32], g[16], gap[16], share[16], contrib[16], pull[16],
			rd[16];
		if (r->kind == EC_G_AREA_PROVINCE)
			snprintf(code, sizeof code, "%s@%s", r->group_code, r->region);
		else
			snprintf(code, sizeof code, "%s", r->group_code);
		snprintf(zh, sizeof zh, "%s", ec_monitor_group_name(r, cat, 0, zh, sizeof zh));
		snprintf(en, sizeof en, "%s", ec_monitor_group_name(r, cat, 1, en, sizeof en));
		snprintf(ent, sizeof ent, "%lld", (long long)r->enterprises);
		snprintf(va, sizeof va, "%.1f", r->value_added / 1e5); /* thousand yuan -> 100 million */
		one_decimal(g, sizeof g, r->growth_pct);
		one_decimal(gap, sizeof gap, r->gap_pp);
		one_decimal(share, sizeof share, r->share_pct);
		one_decimal(contrib, sizeof contrib, r->contribution_pct);
		if (isnan(r->pull_pp))
			snprintf(pull, sizeof pull, "—");
		else
			snprintf(pull, sizeof pull, "%.2f", r->pull_pp);
		one_decimal(rd, sizeof rd, r->rd_intensity_pct);
		ec_table_addv(&t, code, zh, en, ent, va, g, gap, share, contrib, pull, rd);
	}
	return cli_write_table(&t, EC_FMT_TABLE);
}

/* The series as a terminal table: a row a group and month; hidden figures
** (a restricted --as) as "—". Returns 0 or an exit code. */
static int print_series(const struct ec_monitor_row *rows, const enum ec_sdc_reason *reason, size_t n,
			const struct ec_catalog *cat)
{
	static const char *const names[] = { "group", "名称", "name", "period", "enterprises", "VA 亿元",
					     "growth %", "gap pp", "share %", "contrib %" };
	static const char *const names_zh[] = { "分组", "名称", "英文名称", "统计期", "企业数", "增加值 亿元",
						"增速 %", "增速差 百分点", "占比 %", "贡献率 %" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER };
	struct ec_table t;

	ec_table_init(&t, 10, cli_lang() == EC_LANG_ZH ? names_zh : names, kinds);
	for (size_t i = 0; i < n; i++) {
		const struct ec_monitor_row *r = &rows[i];
		int hide = reason && reason[i] != EC_SDC_SHOWN;
		char zh[256], en[256], p[8], ent[24], va[32], g[16], gap[16], share[16], contrib[16];
		snprintf(zh, sizeof zh, "%s", ec_monitor_group_name(r, cat, 0, zh, sizeof zh));
		snprintf(en, sizeof en, "%s", ec_monitor_group_name(r, cat, 1, en, sizeof en));
		ec_period_format(r->period, p);
		snprintf(ent, sizeof ent, "%lld", (long long)r->enterprises);
		snprintf(va, sizeof va, "%.1f", hide ? NAN : r->value_added / 1e5);
		one_decimal(g, sizeof g, hide ? NAN : r->growth_pct);
		one_decimal(gap, sizeof gap, hide ? NAN : r->gap_pp);
		one_decimal(share, sizeof share, hide ? NAN : r->share_pct);
		one_decimal(contrib, sizeof contrib, hide ? NAN : r->contribution_pct);
		if (hide)
			snprintf(va, sizeof va, "—");
		ec_table_addv(&t, r->group_code, zh, en, p, ent, va, g, gap, share, contrib);
	}
	return cli_write_table(&t, EC_FMT_TABLE);
}

/* --series: the groups of --kind named by --codes from --from to --to,
** through the application's one series function (the server's too). */
static int series_run(struct cli_args *a, struct ec_app *app, const struct ec_catalog *cat,
		      const struct ec_monitor *m, enum ec_format fmt, int64_t small)
{
	static const char *const kinds[] = { "all", "sei", "area", "direction", "province", "prefecture" };
	const char *kind = cli_opt_or(a, "kind", "sei"), *list = cli_opt(a, "codes");
	const char *code_ptrs[64];
	char codes[64][24];
	struct ec_monitor_series_query q = { cli_opt(a, "month") ? EC_BASIS_MONTH : EC_BASIS_CUMULATIVE, EC_G_SEI,
					     code_ptrs, 0, cli_opt_or(a, "region", ""), -1, -1 };
	struct ec_monitor_row *rows = NULL;
	enum ec_sdc_reason *reason = NULL;
	struct ec_actor who;
	size_t n = 0;
	char *err = NULL;
	int k = -1, rc;

	for (int i = 0; i < 6; i++)
		if (strcmp(kind, kinds[i]) == 0)
			k = i;
	if (k < 0)
		return cli_usage(a, "--kind field.enum|value=%s|expected=all, sei, area, direction, province or prefecture", kind);
	q.kind = (enum ec_group_kind)k;
	if (k <= 1) {
		code_ptrs[q.ncodes++] = kinds[k];
	} else {
		const char *p = list;
		if (!p || !*p)
			return cli_usage(a, "--kind=%s cli.needs|needs=--codes CODE[,CODE...]", kind);
		for (;;) {
			size_t len = strcspn(p, ",");
			if (q.ncodes == 64 || len == 0 || len >= sizeof codes[0])
				return cli_usage(a, "--codes cli.codes|value=%s|max=64", list);
			memcpy(codes[q.ncodes], p, len);
			codes[q.ncodes][len] = '\0';
			code_ptrs[q.ncodes] = codes[q.ncodes];
			q.ncodes++;
			if (!p[len])
				break;
			p += len + 1;
		}
	}
	if ((rc = cli_period(a, "from", &q.from)) || (rc = cli_period(a, "to", &q.to)))
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		return rc;
	{
		struct ec_sdc_rule rule;
		ec_sdc_rule_default(&rule);
		rc = ec_app_monitor_series(m, &who, &rule, &q, &rows, &reason, &n, &err);
	}
	if (rc != EC_OK) {
		rc = rc == EC_EUSAGE ? cli_usage(a, "%s", err) : cli_fail(ec_exit_code(rc), "%s", err);
	} else if (fmt == EC_FMT_TABLE) {
		if (cli_lang() == EC_LANG_ZH)
			printf("%s，规模以上，按可比价格计算；与上年同期相比\n\n",
			       q.basis == EC_BASIS_MONTH ? "各月当月" : "各月1月至当月累计");
		else
			printf("%s, comparable prices, above designated size; growth against the same %s a year earlier\n\n",
			       q.basis == EC_BASIS_MONTH ? "each month alone" : "January to each month",
			       q.basis == EC_BASIS_MONTH ? "month" : "months");
		rc = print_series(rows, reason, n, cat);
	} else {
		struct ec_table t;
		ec_table_init(&t, EC_MONITOR_NCOLS, ec_monitor_columns, ec_monitor_column_kinds);
		ec_monitor_rows_table(rows, n, cat, small, &t);
		for (size_t i = 0; reason && i < n; i++) /* hidden for a restricted --as: the figures empty */
			for (int c = 7; reason[i] != EC_SDC_SHOWN && c < EC_MONITOR_NCOLS - 1; c++)
				if (t.cells[i * EC_MONITOR_NCOLS + (size_t)c])
					t.cells[i * EC_MONITOR_NCOLS + (size_t)c][0] = '\0';
		rc = cli_write_table(&t, fmt);
	}
	free(err);
	free(rows);
	free(reason);
	return rc;
}

static int monitor_run(struct cli_args *a)
{
	struct ec_app *app = NULL;
	const struct ec_catalog *cat;
	struct ec_monitor *m = NULL;
	struct ec_monitor_row *rows = NULL;
	size_t n = 0;
	enum ec_format fmt;
	enum ec_monitor_basis basis = cli_opt(a, "month") ? EC_BASIS_MONTH : EC_BASIS_CUMULATIVE;
	const char *region = cli_opt_or(a, "region", "");
	double above_size = EC_ABOVE_SIZE_DEFAULT, small_d = EC_MONITOR_SMALL_GROUP;
	int64_t small;
	char *err = NULL;
	int period, by = EC_BY_NONE, rc, status;

	if ((rc = cli_format(a, &fmt)) || (rc = cli_period(a, "period", &period)))
		return rc;
	if (period < 0 && !cli_opt(a, "series"))
		return cli_usage(a, "cli.one_of|options=--period YYYY-MM, --series");
	if (cli_opt(a, "by") && ((by = ec_monitor_by_parse(cli_opt(a, "by"))) < 0 || by == EC_BY_NONE))
		return cli_usage(a, "--by field.enum|value=%s|expected=area, direction, province, prefecture or area,province",
				 cli_opt(a, "by"));
	if (cli_opt(a, "above-size")) {
		const char *v = cli_opt(a, "above-size"), *why;
		if (ec_number_parse(v, strlen(v), &above_size, &why) || above_size < 0)
			return cli_usage(a, "--above-size cli.amount|value=%s", v);
	}
	if ((rc = cli_amount(a, "small", &small_d)) != EC_EXIT_OK)
		return rc;
	small = (int64_t)small_d;
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if (ec_app_catalog(app, &cat) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_app_close(app);
		return rc;
	}
	status = ec_app_monitor(app, above_size, &m, &err);
	if (status == EC_OK && cli_opt(a, "series")) {
		rc = series_run(a, app, cat, m, fmt, small);
		ec_monitor_free(m);
		ec_app_close(app);
		return rc;
	}
	if (status == EC_OK)
		status = ec_monitor_query(m, period, basis, (enum ec_monitor_by)by, region, &rows, &n, &err);
	if (status != EC_OK) {
		rc = cli_fail(ec_exit_code(status), "%s", err);
	} else if (fmt == EC_FMT_TABLE) {
		char p[8];
		ec_period_format(period, p);
		if (cli_lang() == EC_LANG_ZH)
			printf("%s %s，%s%s，规模以上，按可比价格计算；与 %d 年同期相比\n\n",
			       basis == EC_BASIS_MONTH ? "当月" : "1月至当月累计", p, *region ? "地区 " : "全国", region,
			       ec_period_year(period) - 1);
		else
			printf("%s %s%s%s, comparable prices, above designated size; growth against the same %s of %d\n\n",
			       basis == EC_BASIS_MONTH ? "month" : "January to", p, *region ? ", region " : ", national",
			       region, basis == EC_BASIS_MONTH ? "month" : "months", ec_period_year(period) - 1);
		rc = print_table(rows, n, cat);
	} else {
		struct ec_table t;
		ec_table_init(&t, EC_MONITOR_NCOLS, ec_monitor_columns, ec_monitor_column_kinds);
		ec_monitor_rows_table(rows, n, cat, small, &t);
		rc = cli_write_table(&t, fmt);
	}
	free(err);
	free(rows);
	ec_monitor_free(m);
	ec_app_close(app);
	return rc;
}

static const struct cli_option monitor_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month: growth from January to it (or of it alone with --month)" },
	{ "by", "BREAKDOWN", "area, direction, province, prefecture or area,province" },
	{ "region", "CODE", "a province or prefecture code (default: national)" },
	{ "month", NULL, "the month alone instead of January to the month" },
	{ "series", NULL, "by month over a range, for the groups of --kind named by --codes" },
	{ "kind", "KIND", "with --series: all, sei (default), area, direction, province or prefecture" },
	{ "codes", "CODE,...", "with --series: the groups compared (areas 1,2; provinces 320000,330000 ...)" },
	{ "from", "YYYY-MM", "with --series: the first month (default: the first measured)" },
	{ "to", "YYYY-MM", "with --series: the last month (default: the last measured)" },
	{ "above-size", "AMOUNT", "revenue threshold of the previous year, thousand yuan (default 20000)" },
	{ "small", "N", "a group of fewer enterprises is flagged small (default 10; csv and json)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_monitor = {
	"monitor", monitor_run, 0, 0,
	"--db FILE --period YYYY-MM [--by area|direction|province|prefecture|area,province]\n"
	"       [--region CODE] [--month] [--format table|csv|json]\n"
	"       --db FILE --series [--kind KIND --codes CODE,...] [--from YYYY-MM] [--to YYYY-MM] [--as ACCOUNT]",
	"growth of SEI value added against all industry, at comparable prices",
	"Value added of enterprises above designated size (revenue of the previous\n"
	"year >= 20 000 thousand yuan), deflated by the PPI of each enterprise's\n"
	"division, against the same months of the previous year for the same\n"
	"sample; SEI against all industry, with gap, share, contribution and pull.\n"
	"The method is in docs/methods.md.",
	monitor_opts, NULL, CLI_READS,
};
