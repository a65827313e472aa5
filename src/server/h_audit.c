/* GET /api/v1/audit: the audit log, newest first, for admins. */
#include <stdlib.h>

#include "server.h"

/* An entry: its summary in English words, and when it is coded (entries
** since the summaries were coded) its code and parameters, which the
** dashboard says in the user's language, as problems. */
static int add_entry(void *ctx, const struct ec_audit *a)
{
	struct ec_problem p;
	struct ec_buf b;
	char *store;
	json_t *o;

	ec_buf_init(&b, 0);
	ec_coded_message(a->summary, EC_LANG_EN, &b);
	ec_buf_addc(&b, '\0');
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id, "at", a->at, "user", a->user, "action",
		      a->action, "target", a->target, "summary", b.data);
	ec_buf_release(&b);
	if (ec_coded_decode(a->summary, &p, &store) == 0) {
		json_t *coded = problem_json(&p);
		json_object_del(coded, "message");
		json_object_set_new(o, "summary_coded", coded);
		free(store);
	}
	json_array_append_new(ctx, o);
	return 0;
}

void h_audit(struct request *r)
{
	const char *v = req_arg(r, "limit");
	long limit = 200;
	struct ec_export x;
	json_t *list;
	int rc, file;

	if (v) {
		struct parse_problem pb;
		if (parse_whole(v, "limit", 1, 10000, &limit, &pb) != EC_OK) {
			reply_parse_problem(r, &pb);
			return;
		}
	}
	if ((file = req_download(r, &x)) < 0)
		return;
	if (file) {
		struct ec_table t;
		if ((rc = ec_app_audit_table(r->app, limit, &t)) != EC_OK) {
			reply_status(r, rc, ec_app_errmsg(r->app));
			return;
		}
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "操作日志" : "audit log", &x, "audit");
		ec_table_release(&t);
		return;
	}
	list = json_array();
	if ((rc = ec_app_audit(r->app, limit, add_entry, list)) != EC_OK) {
		json_decref(list);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	reply_json(r, 200, list);
}
