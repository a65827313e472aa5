/*
** /api/v1/clusters/{code}/series and /api/v1/clusters/series?codes=A,B,C
** (a comparison of 2 to 6): clusters' value added by month over a
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

/* The clusters of the request: the path's one, or ?codes=A,B,C (2 to
** EC_CLUSTERS_COMPARED, each registered, none twice). Returns their count,
** or 0 having answered. */
static size_t clusters_asked(struct request *r, struct ec_cluster *c)
{
	const char *list = r->npath_params ? r->path_params[0] : req_arg(r, "codes");
	const char *field = r->npath_params ? "code" : "codes";
	size_t n = 0;

	if (!list || !*list) {
		reply_problem(r, 400, "field.required", field, NULL);
		return 0;
	}
	if (!r->npath_params) {
		size_t commas = 0;
		for (const char *p = list; *p; p++)
			commas += *p == ',';
		if (commas >= EC_CLUSTERS_COMPARED) {
			reply_problem(r, 400, "codes.too_many", field, "max", EC_STR(EC_CLUSTERS_COMPARED), NULL);
			return 0;
		}
	}
	for (const char *p = list;;) {
		size_t len = r->npath_params ? strlen(p) : strcspn(p, ",");
		char code[64];
		snprintf(code, sizeof code, "%.*s", (int)(len < sizeof code ? len : sizeof code - 1), p);
		if (ec_app_cluster(r->app, code, &c[n]) != EC_OK) {
			reply_problem(r, 404, "cluster.not_found", field, "code", code, NULL);
			return 0;
		}
		for (size_t i = 0; i < n; i++)
			if (!strcmp(c[i].code, c[n].code)) {
				reply_problem(r, 400, "codes.twice", field, "code", code, NULL);
				return 0;
			}
		n++;
		if (!p[len])
			break;
		p += len + 1;
	}
	return n;
}

void h_cluster_series(struct request *r)
{
	struct server *s = r->srv;
	const char *from_text = req_arg(r, "from"), *to_text = req_arg(r, "to");
	struct ec_cluster_series_query q;
	struct ec_cluster c[EC_CLUSTERS_COMPARED];
	size_t members[EC_CLUSTERS_COMPARED], n, alen;
	struct parse_problem pb;
	struct cluster_data *cd;
	struct ec_monitor *cube;
	struct ec_export x;
	struct ec_table t;
	char *err = NULL, *array, from[8] = "", to[8] = "", base[64];
	int rc, file;

	if (parse_month_range(from_text, to_text, &q.from, &q.to, &pb) != EC_OK ||
	    parse_monitor_basis(req_arg(r, "basis"), "basis", &q.basis, &pb) != EC_OK) {
		reply_parse_problem(r, &pb);
		return;
	}
	if ((file = req_download(r, &x)) < 0)
		return;
	if (!(n = clusters_asked(r, c)))
		return;
	if (!(cd = cluster_data_acquire(r)))
		return;
	cube = cube_acquire(s);
	rc = ec_app_clusters_series(r->app, &r->actor, &s->sdc, cube, &cd->d, c, n, &q, &t, members, &err);
	cube_release(s);
	cluster_data_release(s, cd);
	if (rc != EC_OK) {
		reply_status(r, rc, err);
		free(err);
		return;
	}
	/* the range: the months of the rows (column 1, the same for each cluster) */
	for (size_t i = 0; i < t.nrows; i++) {
		const char *p = t.cells[i * t.ncols + 1];
		if (!*from || strcmp(p, from) < 0)
			snprintf(from, sizeof from, "%s", p);
		if (strcmp(p, to) > 0)
			snprintf(to, sizeof to, "%s", p);
	}
	if (file) {
		snprintf(base, sizeof base, n == 1 ? "cluster-series-%s" : "clusters-series-%s-etc", c[0].code);
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "集群月度" : "cluster by month", &x, base);
		ec_table_release(&t);
		return;
	}
	array = ec_table_string(&t, EC_FMT_JSON, &alen);
	ec_table_release(&t);
	{
		json_t *head = json_pack("{s:s, s:s, s:s, s:[]}", "basis", q.basis == EC_BASIS_MONTH ? "month" : "cumulative",
					 "from", from, "to", to, "clusters");
		struct ec_buf b;
		char *dumped;
		size_t len;

		for (size_t k = 0; k < n; k++)
			json_array_append_new(json_object_get(head, "clusters"),
					      json_pack("{s:s, s:I}", "code", c[k].code, "members", (json_int_t)members[k]));
		if (r->npath_params) { /* one cluster's route keeps its keys */
			json_object_set_new(head, "cluster", json_string(c[0].code));
			json_object_set_new(head, "members", json_integer((json_int_t)members[0]));
		}
		dumped = json_dumps(head, JSON_COMPACT);
		json_decref(head);
		ec_buf_init(&b, 0);
		ec_buf_add(&b, dumped, strlen(dumped) - 1); /* without its closing brace */
		ec_buf_adds(&b, ",\"rows\":");
		ec_buf_add(&b, array, alen);
		ec_buf_addc(&b, '}');
		free(dumped);
		free(array);
		array = ec_buf_detach(&b, &len);
		reply_owned(r, 200, "application/json", array, len);
	}
}
