/*
** echelon cluster series CODE [CODE...]: clusters by month over a range — its
** members' value added, growth by the monitoring method and share of SEI —
** through the application's one function (the server's too).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/cluster.h"
#include "echelon/monitor.h"
#include "echelon/sdc.h"

int cluster_series(struct cli_args *a);

/* A cell's figure; NaN when empty (hidden or not measured). */
static double cell(const char *text)
{
	return *text ? strtod(text, NULL) : NAN;
}

static void figure(char *out, size_t size, const char *f, double v)
{
	if (isnan(v) || isinf(v))
		snprintf(out, size, "—");
	else
		snprintf(out, size, f, v);
}

/* The terminal table: a row a cluster and month, hidden figures as "—",
** from the rows of ec_cluster_series_table (figures in thousand yuan). */
static int print_months(const struct ec_table *rows)
{
	static const char *const names[] = { "cluster", "period", "enterprises", "VA 亿元", "VA base 亿元", "growth %",
					     "SEI VA 亿元", "share of SEI %", "suppressed" };
	static const char *const names_zh[] = { "集群", "统计期", "企业数", "增加值 亿元", "上年同期增加值 亿元", "增速 %",
						"战略性新兴产业增加值 亿元", "占战略性新兴产业比重 %", "不公布原因" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_table t;

	ec_table_init(&t, 9, cli_lang() == EC_LANG_ZH ? names_zh : names, kinds);
	for (size_t i = 0; i < rows->nrows; i++) {
		char *const *r = &rows->cells[i * rows->ncols];
		char va[32], base[32], g[16], sei[32], share[16];
		figure(va, sizeof va, "%.2f", cell(r[4]) / 1e5);
		figure(base, sizeof base, "%.2f", cell(r[5]) / 1e5);
		figure(g, sizeof g, "%.1f", cell(r[7]));
		figure(sei, sizeof sei, "%.2f", cell(r[8]) / 1e5);
		figure(share, sizeof share, "%.2f", cell(r[9]));
		ec_table_addv(&t, r[0], r[1], r[3], va, base, g, sei, share,
			      rows->ncols > 11 ? r[11] : "");
	}
	return cli_write_table(&t, EC_FMT_TABLE);
}

int cluster_series(struct cli_args *a)
{
	struct ec_cluster_series_query q = { cli_opt(a, "month") ? EC_BASIS_MONTH : EC_BASIS_CUMULATIVE, -1, -1 };
	struct ec_cluster c[EC_CLUSTERS_COMPARED];
	size_t n = (size_t)a->npositional - 1, members[EC_CLUSTERS_COMPARED];
	struct ec_monitor *cube = NULL;
	struct ec_cluster_data d;
	struct ec_app *app = NULL;
	struct ec_sdc_rule rule;
	struct ec_actor who;
	enum ec_format format;
	struct ec_table t;
	char *err = NULL;
	int rc;

	if ((rc = cli_format(a, &format)) || (rc = cli_period(a, "from", &q.from)) || (rc = cli_period(a, "to", &q.to)))
		return rc;
	if (q.from >= 0 && q.to >= 0 && q.from > q.to)
		return cli_usage(a, "--from period.order|from=%s|to=%s", cli_opt(a, "from"), cli_opt(a, "to"));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(a->positional[1 + i], a->positional[1 + j]))
				return cli_usage(a, "codes.twice|code=%s", a->positional[1 + i]);
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	for (size_t i = 0; i < n; i++)
		if ((rc = ec_app_cluster(app, a->positional[1 + i], &c[i])) != EC_OK) {
			rc = rc == EC_ENOTFOUND ? cli_fail(EC_EXIT_DATA, "cluster.not_found|code=%s", a->positional[1 + i])
						: cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
			goto out;
		}
	if ((rc = ec_app_cluster_data(app, &d, &err)) != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		goto out;
	}
	/* The SEI total for the share; without a cube (no deflators yet) the
	** share is empty, the rest stands. */
	if (ec_app_monitor(app, EC_ABOVE_SIZE_DEFAULT, &cube, &err) != EC_OK) {
		free(err);
		err = NULL;
	}
	ec_sdc_rule_default(&rule);
	rc = ec_app_clusters_series(app, &who, &rule, cube, &d, c, n, &q, &t, members, &err);
	ec_monitor_free(cube);
	ec_cluster_data_release(&d);
	if (rc != EC_OK) {
		rc = rc == EC_EUSAGE ? cli_usage(a, "%s", err) : cli_fail(ec_exit_code(rc), "%s", err);
	} else if (format == EC_FMT_TABLE) {
		int zh = cli_lang() == EC_LANG_ZH;
		for (size_t i = 0; i < n; i++)
			printf(zh ? "%s  %s：%zu 家成员\n" : "%s  %s: %zu members\n", c[i].code, zh ? c[i].name_zh : c[i].name_en,
			       members[i]);
		printf(zh ? "规模以上成员，可比价，%s与上年同期比较\n\n" : "those above designated size, %s, comparable prices, "
		       "growth against the same months a year earlier\n\n",
		       q.basis == EC_BASIS_MONTH ? (zh ? "当月" : "each month alone") : (zh ? "1月至当月累计" : "January to each month"));
		rc = print_months(&t);
		ec_table_release(&t);
	} else {
		rc = cli_write_table(&t, format);
	}
out:
	free(err);
	ec_app_close(app);
	return rc;
}
