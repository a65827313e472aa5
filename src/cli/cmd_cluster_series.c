/*
** echelon cluster series CODE: a cluster by month over a range — its
** members' value added, growth by the monitoring method and share of SEI —
** through the application's one function (the server's too).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "echelon/cluster.h"
#include "echelon/monitor.h"
#include "echelon/sdc.h"

int cluster_series(struct cli_args *a);

static void figure(char *out, size_t size, const char *f, double v)
{
	if (isnan(v) || isinf(v))
		snprintf(out, size, "—");
	else
		snprintf(out, size, f, v);
}

/* The terminal table: a row a month, hidden figures as "—". */
static int print_months(const struct ec_cluster_month *rows, const enum ec_sdc_reason *reason, size_t n)
{
	static const char *const names[] = { "period", "enterprises", "VA 亿元", "VA base 亿元", "growth %",
					     "SEI VA 亿元", "share of SEI %", "suppressed" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_table t;

	ec_table_init(&t, 8, names, kinds);
	for (size_t i = 0; i < n; i++) {
		const struct ec_cluster_month *r = &rows[i];
		char p[8], ent[24], va[32], base[32], g[16], sei[32], share[16];
		ec_period_format(r->period, p);
		snprintf(ent, sizeof ent, "%lld", (long long)r->enterprises);
		figure(va, sizeof va, "%.2f", r->value_added / 1e5);
		figure(base, sizeof base, "%.2f", r->value_added_base / 1e5);
		figure(g, sizeof g, "%.1f", r->growth_pct);
		figure(sei, sizeof sei, "%.2f", r->sei_value_added / 1e5);
		figure(share, sizeof share, "%.2f", r->share_pct);
		ec_table_addv(&t, p, ent, va, base, g, sei, share,
			      reason ? ec_sdc_reason_name(reason[i]) : "");
	}
	return cli_write_table(&t, EC_FMT_TABLE);
}

int cluster_series(struct cli_args *a)
{
	const char *code = a->positional[1];
	struct ec_cluster_series_query q = { cli_opt(a, "month") ? EC_BASIS_MONTH : EC_BASIS_CUMULATIVE, -1, -1 };
	struct ec_cluster_month *rows = NULL;
	enum ec_sdc_reason *reason = NULL;
	struct ec_monitor *cube = NULL;
	struct ec_cluster_data d;
	struct ec_app *app = NULL;
	struct ec_sdc_rule rule;
	struct ec_cluster c;
	struct ec_actor who;
	enum ec_format format;
	size_t n = 0, members = 0;
	char *err = NULL;
	int rc;

	if ((rc = cli_format(a, &format)) || (rc = cli_period(a, "from", &q.from)) || (rc = cli_period(a, "to", &q.to)))
		return rc;
	if (q.from >= 0 && q.to >= 0 && q.from > q.to)
		return cli_usage(a, "--from is after --to");
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	if ((rc = ec_app_cluster(app, code, &c)) != EC_OK) {
		rc = rc == EC_ENOTFOUND ? cli_fail(EC_EXIT_DATA, "no cluster '%s'", code)
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
	rc = ec_app_cluster_series(app, &who, &rule, cube, &d, &c, &q, &rows, &reason, &n, &members, &err);
	ec_monitor_free(cube);
	ec_cluster_data_release(&d);
	if (rc != EC_OK) {
		rc = rc == EC_EUSAGE ? cli_usage(a, "%s", err) : cli_fail(ec_exit_code(rc), "%s", err);
	} else if (format == EC_FMT_TABLE) {
		printf("%s  %s / %s: %zu members; those above designated size, %s, comparable prices, growth against "
		       "the same %s a year earlier\n\n",
		       c.code, c.name_zh, c.name_en, members,
		       q.basis == EC_BASIS_MONTH ? "each month alone" : "January to each month",
		       q.basis == EC_BASIS_MONTH ? "month" : "months");
		rc = print_months(rows, reason, n);
	} else {
		struct ec_table t;
		ec_cluster_series_table(c.code, rows, n, reason, &t);
		rc = cli_write_table(&t, format);
	}
out:
	free(err);
	free(rows);
	free(reason);
	ec_app_close(app);
	return rc;
}
