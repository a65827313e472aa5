/*
** /api/v1/clusters/{code}/series: a cluster's value added by month over a
** range, its growth by the monitoring method and its share of SEI, from
** the same application function as `echelon cluster series`; for roles
** that may not see microdata a month of too few members, or dominated by
** one, shows no figures.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/output.h"
#include "parse.h"
#include "server.h"

void h_cluster_series(struct request *r)
{
	struct server *s = r->srv;
	const char *from_text = req_arg(r, "from"), *to_text = req_arg(r, "to");
	struct ec_cluster_series_query q;
	struct ec_cluster_month *rows = NULL;
	enum ec_sdc_reason *reason = NULL;
	struct parse_problem pb;
	struct cluster_data *cd;
	struct ec_monitor *cube;
	struct ec_cluster c;
	struct ec_export x;
	struct ec_table t;
	char *err = NULL, *array, from[8] = "", to[8] = "", base[64];
	size_t n = 0, members = 0, alen;
	int rc, file;

	if (parse_month_range(from_text, to_text, &q.from, &q.to, &pb) != EC_OK ||
	    parse_monitor_basis(req_arg(r, "basis"), "basis", &q.basis, &pb) != EC_OK) {
		reply_parse_problem(r, &pb);
		return;
	}
	if ((file = req_download(r, &x)) < 0)
		return;
	if (ec_app_cluster(r->app, r->path_params[0], &c) != EC_OK) {
		reply_problem(r, 404, "cluster.not_found", "code", "code", r->path_params[0], NULL);
		return;
	}
	if (!(cd = cluster_data_acquire(r)))
		return;
	cube = cube_acquire(s);
	rc = ec_app_cluster_series(r->app, &r->actor, &s->sdc, cube, &cd->d, &c, &q, &rows, &reason, &n, &members,
				   &err);
	cube_release(s);
	cluster_data_release(s, cd);
	if (rc != EC_OK) {
		reply_status(r, rc, err);
		free(err);
		return;
	}
	ec_cluster_series_table(c.code, rows, n, reason, &t);
	if (n) {
		ec_period_format(rows[0].period, from);
		ec_period_format(rows[n - 1].period, to);
	}
	free(rows);
	free(reason);
	if (file) {
		snprintf(base, sizeof base, "cluster-series-%s", c.code);
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "集群月度" : "cluster by month", &x, base);
		ec_table_release(&t);
		return;
	}
	array = ec_table_string(&t, EC_FMT_JSON, &alen);
	ec_table_release(&t);
	{
		struct ec_buf b;
		size_t len;
		json_t *code = json_string(c.code);
		char *quoted = json_dumps(code, JSON_ENCODE_ANY);

		json_decref(code);
		ec_buf_init(&b, 0);
		ec_buf_printf(&b, "{\"cluster\":%s,\"members\":%zu,\"basis\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"rows\":",
			      quoted, members, q.basis == EC_BASIS_MONTH ? "month" : "cumulative", from, to);
		free(quoted);
		ec_buf_add(&b, array, alen);
		ec_buf_addc(&b, '}');
		free(array);
		array = ec_buf_detach(&b, &len);
		reply_owned(r, 200, "application/json", array, len);
	}
}
