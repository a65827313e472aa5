/*
** echelon scenario: application scenarios (应用场景) — the list and a
** scenario as the account (--as) may see them, add and edit, the status
** machine's moves, batches, applications, review, selection, suggestions,
** notifications, and the scenarios and applications files.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/csv.h"
#include "echelon/scenario_app.h"

static void number_cell(double v, char out[32])
{
	if (isnan(v))
		out[0] = '\0';
	else
		ec_number_format(v, out);
}

static int int_arg(const struct cli_args *a, const char *what, const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = s ? strtol(s, &end, 10) : 0;
	if (!s || errno || end == s || *end || v < lo || v > hi)
		return cli_usage(a, "%s number.range|value=%s|min=%d|max=%d", what, s ? s : "", lo, hi);
	*out = (int)v;
	return EC_EXIT_OK;
}

/* Runs with the application and the actor of --as (or the login). */
struct session {
	struct ec_app *app;
	struct ec_actor who;
	struct ec_diag d;
	enum ec_format fmt;
};

static int session_open(struct cli_args *a, int flags, struct session *s)
{
	int rc;

	if ((rc = cli_format(a, &s->fmt)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_open_app(a, flags, &s->app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, s->app, &s->who)) != EC_EXIT_OK) {
		ec_app_close(s->app);
		return rc;
	}
	ec_diag_init(&s->d, 100);
	return EC_EXIT_OK;
}

static void session_close(struct session *s)
{
	ec_diag_release(&s->d);
	ec_app_close(s->app);
}

static const char *const list_cols[] = { "code",     "batch",  "title",   "scenario_kind", "category", "region",
					 "deadline", "budget", "mode",    "contact",       "scenario_owner",    "scenario_status",
					 "selected" };
static const enum ec_col_kind list_kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
					       EC_COL_TEXT, EC_COL_TEXT,   EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT,
					       EC_COL_TEXT, EC_COL_TEXT,   EC_COL_TEXT };

static void list_row(struct ec_table *t, const struct ec_scenario *s)
{
	char batch[16], budget[32];

	snprintf(batch, sizeof batch, "%d", s->batch);
	number_cell(s->budget, budget);
	ec_table_addv(t, s->code, s->batch ? batch : "", s->title, ec_scenario_kind_name(s->kind), s->category, s->region,
		      s->deadline, budget, s->mode, s->contact, s->owner, ec_scenario_status_name(s->status), s->selected);
}

static int list(struct cli_args *a)
{
	struct ec_scenario_filter f;
	struct ec_scenario *items;
	struct session s;
	struct ec_table t;
	const char *v;
	size_t n;
	int rc;

	ec_scenario_filter_init(&f);
	if ((v = cli_opt(a, "batch")) && (rc = int_arg(a, "--batch", v, 0, 9999, &f.batch)))
		return rc;
	if ((v = cli_opt(a, "status")) && (f.status = ec_scenario_status_parse(v)) < 0)
		return cli_usage(a, "--status field.enum|value=%s|expected=draft, open, review, selected, completed, closed or withdrawn",
				 v);
	snprintf(f.category, sizeof f.category, "%s", cli_opt_or(a, "category", ""));
	snprintf(f.region, sizeof f.region, "%s", cli_opt_or(a, "region", ""));
	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	if (ec_app_scenario_list(s.app, cli_opt(a, "public") ? NULL : &s.who, &f, &items, &n, &s.d) != EC_OK) {
		rc = cli_refused(EC_EIO, &s.d, "scenario list");
	} else {
		ec_table_init(&t, 13, list_cols, list_kinds);
		for (size_t i = 0; i < n; i++)
			list_row(&t, &items[i]);
		free(items);
		rc = cli_write_table(&t, s.fmt);
	}
	session_close(&s);
	return rc;
}

static const char *const app_cols[] = { "scenario", "uscc",   "application_state", "price",        "months",
					"rank",     "review_total", "reviewers",     "applicant",    "solution" };
static const enum ec_col_kind app_kinds[] = { EC_COL_TEXT,   EC_COL_TEXT,   EC_COL_TEXT,   EC_COL_NUMBER, EC_COL_NUMBER,
					      EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT,   EC_COL_TEXT };

static void app_row(struct ec_table *t, const struct ec_application *x, int ranked)
{
	char price[32], months[16], rank[16], total[32], reviewers[16];

	number_cell(x->price, price);
	snprintf(months, sizeof months, "%d", x->months);
	snprintf(rank, sizeof rank, "%d", x->rank);
	number_cell(ranked ? x->total : NAN, total);
	snprintf(reviewers, sizeof reviewers, "%d", x->reviewers);
	ec_table_addv(t, x->scenario, x->uscc, ec_application_state_name(x->state), price, months,
		      ranked && x->rank ? rank : "", total, ranked ? reviewers : "", x->applicant, x->solution);
}

static int show(struct cli_args *a)
{
	struct ec_scenario_view v;
	struct session s;
	struct ec_table t;
	int rc, status;

	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	status = ec_app_scenario_show(s.app, &s.who, a->positional[1], &v, &s.d);
	if (status != EC_OK) {
		rc = cli_refused(status, &s.d, "scenario show");
		session_close(&s);
		return rc;
	}
	ec_table_init(&t, 13, list_cols, list_kinds);
	list_row(&t, &v.s);
	rc = cli_write_table(&t, s.fmt);
	if (rc == EC_EXIT_OK && s.fmt == EC_FMT_TABLE) {
		printf("\n%s\n", v.s.description);
		if (v.s.decided_by[0])
			printf("%s %s: %s\n", cli_lang() == EC_LANG_ZH ? "决定人" : "decided by", v.s.decided_by, v.s.decision);
		for (size_t i = 0; i < v.nreviewers; i++)
			printf("%s %s\n", cli_lang() == EC_LANG_ZH ? "评审人" : "reviewer", v.reviewers[i].reviewer);
		if (v.napps) {
			printf("\n");
			ec_table_init(&t, 10, app_cols, app_kinds);
			for (size_t i = 0; i < v.napps; i++)
				app_row(&t, &v.apps[i], 1);
			rc = cli_write_table(&t, s.fmt);
		}
	}
	ec_scenario_view_release(&v);
	session_close(&s);
	return rc;
}

/* The fields of add and edit from the options; edit starts from the
** stored scenario, so that an option left out keeps its value. */
static int fields(struct cli_args *a, struct ec_scenario *s)
{
	const char *v, *why;
	int k;

	if ((v = cli_opt(a, "title")))
		snprintf(s->title, sizeof s->title, "%s", v);
	if ((v = cli_opt(a, "kind"))) {
		if ((k = ec_scenario_kind_parse(v)) < 0)
			return cli_usage(a, "--kind field.enum|value=%s|expected=government, enterprise or supply", v);
		s->kind = (enum ec_scenario_kind)k;
	}
	if ((v = cli_opt(a, "category")))
		snprintf(s->category, sizeof s->category, "%s", v);
	if ((v = cli_opt(a, "region")))
		snprintf(s->region, sizeof s->region, "%s", v);
	if ((v = cli_opt(a, "description")))
		snprintf(s->description, sizeof s->description, "%s", v);
	if ((v = cli_opt(a, "budget")) && ec_number_parse(v, strlen(v), &s->budget, &why) != EC_OK)
		return cli_usage(a, "--budget cli.amount|value=%s", v);
	if ((v = cli_opt(a, "mode")))
		snprintf(s->mode, sizeof s->mode, "%s", v);
	if ((v = cli_opt(a, "deadline")))
		snprintf(s->deadline, sizeof s->deadline, "%.10s", v);
	if ((v = cli_opt(a, "contact")))
		snprintf(s->contact, sizeof s->contact, "%s", v);
	if ((v = cli_opt(a, "criteria")))
		snprintf(s->criteria, sizeof s->criteria, "%s", v);
	if ((v = cli_opt(a, "owner")))
		snprintf(s->owner, sizeof s->owner, "%s", v);
	return EC_EXIT_OK;
}

static int save(struct cli_args *a, int create)
{
	struct ec_scenario sc;
	struct session s;
	int rc, status;

	ec_scenario_init(&sc);
	if (strlen(a->positional[1]) >= sizeof sc.code)
		return cli_usage(a, "field.too_long|max=%d", EC_SCN_CODE - 1);
	if ((rc = session_open(a, 0, &s)) != EC_EXIT_OK)
		return rc;
	if (!create) {
		struct ec_scenario_view v;
		if ((status = ec_app_scenario_show(s.app, &s.who, a->positional[1], &v, &s.d)) != EC_OK) {
			rc = cli_refused(status, &s.d, "scenario edit");
			session_close(&s);
			return rc;
		}
		sc = v.s;
		ec_scenario_view_release(&v);
	}
	snprintf(sc.code, sizeof sc.code, "%s", a->positional[1]);
	if ((rc = fields(a, &sc)) == EC_EXIT_OK) {
		status = ec_app_scenario_save(s.app, &s.who, &sc, create, &s.d);
		rc = cli_changed(status, &s.d, "scenario", sc.code, create ? "added (draft)" : "changed");
	}
	session_close(&s);
	return rc;
}

static int add(struct cli_args *a)
{
	return save(a, 1);
}

static int edit(struct cli_args *a)
{
	return save(a, 0);
}

static int move(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	const struct cli_args *a = ctx;

	return ec_app_scenario_transition(app, who, a->positional[1],
					  (enum ec_scenario_status)ec_scenario_status_parse(a->positional[2]), d);
}

static int transition(struct cli_args *a)
{
	if (ec_scenario_status_parse(a->positional[2]) < 0)
		return cli_usage(a, "field.enum|value=%s|expected=draft, open, review, selected, completed, closed or withdrawn",
				 a->positional[2]);
	return cli_change(a, move, a, "scenario", a->positional[1], a->positional[2]);
}

struct publish_ctx {
	struct ec_scenario_batch b;
	const char *codes[CLI_MAX_ARGS];
	size_t ncodes;
};

static int publish(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	struct publish_ctx *x = ctx;

	return ec_app_scenario_publish(app, who, &x->b, x->codes, x->ncodes, d);
}

/* batch (the list) or batch N --date D [CODE ...] (publish). */
static int batch(struct cli_args *a)
{
	static const char *const cols[] = { "batch", "date", "title", "user", "scenarios" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };
	struct publish_ctx x;
	char done[64];
	int rc;

	if (a->npositional < 2) {
		struct ec_scenario_batch *items;
		struct session s;
		struct ec_table t;
		size_t n;
		if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
			return rc;
		if (ec_app_scenario_batches(s.app, &items, &n, &s.d) != EC_OK) {
			rc = cli_refused(EC_EIO, &s.d, "scenario batch");
		} else {
			ec_table_init(&t, 5, cols, kinds);
			for (size_t i = 0; i < n; i++) {
				char number[16], count[16];
				snprintf(number, sizeof number, "%d", items[i].number);
				snprintf(count, sizeof count, "%d", items[i].scenarios);
				ec_table_addv(&t, number, items[i].date, items[i].title, items[i].published_by, count);
			}
			free(items);
			rc = cli_write_table(&t, s.fmt);
		}
		session_close(&s);
		return rc;
	}
	memset(&x, 0, sizeof x);
	if ((rc = int_arg(a, "batch", a->positional[1], 1, 9999, &x.b.number)))
		return rc;
	if (!cli_opt(a, "date"))
		return cli_usage(a, "cli.required|option=--date|arg=YYYY-MM-DD");
	snprintf(x.b.date, sizeof x.b.date, "%.10s", cli_opt(a, "date"));
	snprintf(x.b.title, sizeof x.b.title, "%s", cli_opt_or(a, "title", ""));
	for (int i = 2; i < a->npositional; i++)
		x.codes[x.ncodes++] = a->positional[i];
	snprintf(done, sizeof done, "published on %s", x.b.date);
	return cli_change(a, publish, &x, "batch", a->positional[1], done);
}

static int apply_change(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	return ec_app_scenario_apply(app, who, ctx, d);
}

static int apply(struct cli_args *a)
{
	struct ec_application x;
	const char *v, *why;
	int rc;

	memset(&x, 0, sizeof x);
	snprintf(x.scenario, sizeof x.scenario, "%s", a->positional[1]);
	snprintf(x.uscc, sizeof x.uscc, "%s", cli_opt_or(a, "uscc", ""));
	snprintf(x.solution, sizeof x.solution, "%s", cli_opt_or(a, "solution", ""));
	if (!(v = cli_opt(a, "price")) || ec_number_parse(v, strlen(v), &x.price, &why) != EC_OK)
		return cli_usage(a, "--price: expected thousand yuan");
	if ((rc = int_arg(a, "--months", cli_opt(a, "months"), 1, 120, &x.months)))
		return rc;
	return cli_change(a, apply_change, &x, "application to", x.scenario, "saved");
}

static int withdraw_change(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	const struct cli_args *a = ctx;

	return ec_app_scenario_withdraw(app, who, a->positional[1], cli_opt(a, "uscc"), d);
}

static int withdraw(struct cli_args *a)
{
	return cli_change(a, withdraw_change, a, "application to", a->positional[1], "withdrawn");
}

static int assign_change(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	const struct cli_args *a = ctx;

	return ec_app_scenario_assign(app, who, a->positional[1], a->positional[2], d);
}

static int assign(struct cli_args *a)
{
	return cli_change(a, assign_change, a, "scenario", a->positional[1], "reviewer assigned");
}

struct score_ctx {
	const char *scenario, *uscc;
	struct ec_scenario_score scores[CLI_MAX_ARGS];
	size_t n;
};

static int score_change(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	struct score_ctx *x = ctx;

	return ec_app_scenario_score(app, who, x->scenario, x->uscc, x->scores, x->n, d);
}

/* score CODE USCC CRITERION=SCORE ... */
static int score(struct cli_args *a)
{
	struct score_ctx x;
	const char *why;

	memset(&x, 0, sizeof x);
	x.scenario = a->positional[1];
	x.uscc = a->positional[2];
	for (int i = 3; i < a->npositional; i++) {
		const char *arg = a->positional[i], *eq = strchr(arg, '=');
		struct ec_scenario_score *s = &x.scores[x.n];
		if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof s->criterion ||
		    ec_number_parse(eq + 1, strlen(eq + 1), &s->score, &why) != EC_OK)
			return cli_usage(a, "'%s': expected CRITERION=SCORE, e.g. technology=85", arg);
		snprintf(s->criterion, sizeof s->criterion, "%.*s", (int)(eq - arg), arg);
		x.n++;
	}
	return cli_change(a, score_change, &x, "application of", x.uscc, "scored");
}

static int select_change(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	const struct cli_args *a = ctx;

	return ec_app_scenario_select(app, who, a->positional[1], a->positional[2], cli_opt(a, "reason"), d);
}

static int select_(struct cli_args *a)
{
	return cli_change(a, select_change, a, "scenario", a->positional[1], "selected; applicants notified");
}

/* suggest CODE (suppliers) or suggest --uscc U (scenarios). */
static int project_change(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	const struct cli_args *a = ctx;

	return ec_app_scenario_project(app, who, a->positional[1], NULL, d);
}

static int project(struct cli_args *a)
{
	return cli_change(a, project_change, a, "scenario", a->positional[1], "made a project in the project library");
}

static int suggest(struct cli_args *a)
{
	static const char *const cols[] = { "scenario", "uscc", "points", "reasons" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT };
	const char *code = a->npositional > 1 ? a->positional[1] : NULL, *uscc = cli_opt(a, "uscc");
	struct ec_scenario_fit *fits;
	struct session s;
	struct ec_table t;
	struct ec_buf reasons;
	size_t n;
	int rc, status, limit = 20;

	if (!code == !uscc)
		return cli_usage(a, "give a scenario CODE (its suppliers) or --uscc USCC (its scenarios)");
	if (cli_opt(a, "limit") && (rc = int_arg(a, "--limit", cli_opt(a, "limit"), 1, 1000, &limit)))
		return rc;
	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	status = ec_app_scenario_suggest(s.app, &s.who, code, uscc, (size_t)limit, &fits, &n, &s.d);
	if (status != EC_OK) {
		rc = cli_refused(status, &s.d, "scenario suggest");
	} else {
		ec_table_init(&t, 4, cols, kinds);
		ec_buf_init(&reasons, 0);
		for (size_t i = 0; i < n; i++) {
			char points[16];
			snprintf(points, sizeof points, "%d", fits[i].points);
			ec_buf_clear(&reasons);
			ec_coded_list(fits[i].reasons, cli_lang(), &reasons);
			ec_table_addv(&t, fits[i].code, fits[i].uscc, points, reasons.data ? reasons.data : "");
		}
		ec_buf_release(&reasons);
		free(fits);
		rc = cli_write_table(&t, s.fmt);
	}
	session_close(&s);
	return rc;
}

static int applications(struct cli_args *a)
{
	struct ec_application *items;
	struct session s;
	struct ec_table t;
	size_t n;
	int rc, status;

	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	status = ec_app_scenario_applications(s.app, &s.who, a->npositional > 1 ? a->positional[1] : NULL,
					      cli_opt(a, "uscc"), &items, &n, &s.d);
	if (status != EC_OK) {
		rc = cli_refused(status, &s.d, "scenario applications");
	} else {
		ec_table_init(&t, 10, app_cols, app_kinds);
		for (size_t i = 0; i < n; i++)
			app_row(&t, &items[i], 0);
		free(items);
		rc = cli_write_table(&t, s.fmt);
	}
	session_close(&s);
	return rc;
}

static int notifications(struct cli_args *a)
{
	static const char *const cols[] = { "at", "scenario", "message" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT };
	struct ec_notification *items;
	struct session s;
	struct ec_table t;
	struct ec_buf msg;
	size_t n;
	int rc;

	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	if (ec_app_notifications(s.app, &s.who, 100, &items, &n, &s.d) != EC_OK) {
		rc = cli_refused(EC_EIO, &s.d, "notifications");
	} else {
		ec_table_init(&t, 3, cols, kinds);
		ec_buf_init(&msg, 0);
		for (size_t i = 0; i < n; i++) {
			ec_buf_clear(&msg);
			ec_coded_message(items[i].message, cli_lang(), &msg);
			ec_table_addv(&t, items[i].at, items[i].target, msg.data ? msg.data : "");
		}
		ec_buf_release(&msg);
		free(items);
		rc = cli_write_table(&t, s.fmt);
	}
	session_close(&s);
	return rc;
}

static int import_file(struct cli_args *a)
{
	if (ec_scenario_file_kind(a->positional[1]) < 0)
		return cli_usage(a, "'%s': expected scenarios or applications", a->positional[1]);
	return cli_import(a, ec_app_scenario_import, a->positional[1], a->positional[2]);
}

/* The file of import's layout, of what the account may see, on stdout. */
static int export_file(struct cli_args *a)
{
	int kind = ec_scenario_file_kind(a->positional[1]), rc, status;
	struct session s;
	struct ec_buf b;

	if (kind < 0)
		return cli_usage(a, "'%s': expected scenarios or applications", a->positional[1]);
	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	ec_buf_init(&b, 0);
	ec_scenario_file_write_header(&b, kind);
	if (kind == EC_SCENARIO_FILE_SCENARIOS) {
		struct ec_scenario *items;
		size_t n;
		if ((status = ec_app_scenario_list(s.app, &s.who, NULL, &items, &n, &s.d)) == EC_OK) {
			for (size_t i = 0; i < n; i++)
				ec_scenario_file_write_scenario(&b, &items[i]);
			free(items);
		}
	} else {
		struct ec_application *items;
		size_t n;
		if ((status = ec_app_scenario_applications(s.app, &s.who, NULL, NULL, &items, &n, &s.d)) == EC_OK) {
			for (size_t i = 0; i < n; i++)
				ec_scenario_file_write_application(&b, &items[i]);
			free(items);
		}
	}
	if (status == EC_OK)
		rc = fwrite(b.data, 1, b.len, stdout) == b.len ? EC_EXIT_OK : cli_fail(EC_EXIT_IO, "writing: %s", strerror(errno));
	else
		rc = cli_refused(status, &s.d, "scenario export");
	ec_buf_release(&b);
	session_close(&s);
	return rc;
}

/* ---- attachments ---- */

struct attach_ctx {
	const char *code, *name, *data;
	size_t len;
};

static int attach_change(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	const struct attach_ctx *x = ctx;

	return ec_app_scenario_attach(app, who, x->code, x->name, x->data, x->len, NULL, d);
}

/* The file is mapped, not read: the library checks its size and its type
** by its first bytes. */
static int attach(struct cli_args *a)
{
	const char *path = a->positional[2], *slash = strrchr(path, '/');
	struct attach_ctx x = { a->positional[1], cli_opt(a, "name"), NULL, 0 };
	struct ec_csv file;
	int rc;

	if (ec_csv_open(&file, path) != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", file.error);
	if (!x.name)
		x.name = slash ? slash + 1 : path;
	x.data = file.data;
	x.len = file.len;
	rc = cli_change(a, attach_change, &x, "scenario", x.code, "file attached");
	ec_csv_release(&file);
	return rc;
}

static int attachments(struct cli_args *a)
{
	static const char *const names[] = { "id", "file", "file_type", "bytes", "sha256", "by", "at" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
						  EC_COL_TEXT,	 EC_COL_TEXT, EC_COL_TEXT };
	struct ec_attachment *items;
	struct session s;
	struct ec_table t;
	size_t n;
	int rc, status;

	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	if ((status = ec_app_scenario_attachments(s.app, &s.who, a->positional[1], &items, &n, &s.d)) != EC_OK) {
		rc = cli_refused(status, &s.d, a->positional[1]);
		session_close(&s);
		return rc;
	}
	ec_table_init(&t, 7, names, kinds);
	for (size_t i = 0; i < n; i++) {
		char id[24], size[24];
		snprintf(id, sizeof id, "%lld", (long long)items[i].id);
		snprintf(size, sizeof size, "%lld", (long long)items[i].size);
		ec_table_addv(&t, id, items[i].name, items[i].type, size, items[i].sha256, items[i].added_by,
			      items[i].added_at);
	}
	free(items);
	rc = cli_write_table(&t, s.fmt);
	session_close(&s);
	return rc;
}

/* The attachment's bytes to standard output, as stored. */
static int attachment(struct cli_args *a)
{
	struct ec_attachment at;
	struct session s;
	void *body;
	size_t len;
	int rc, status, id;

	if ((rc = int_arg(a, "ID", a->positional[2], 1, 2000000000, &id)) != EC_EXIT_OK)
		return rc;
	if ((rc = session_open(a, EC_STORE_READONLY, &s)) != EC_EXIT_OK)
		return rc;
	status = ec_app_scenario_attachment(s.app, &s.who, a->positional[1], id, &at, &body, &len, &s.d);
	if (status != EC_OK)
		rc = cli_refused(status, &s.d, a->positional[1]);
	else
		rc = fwrite(body, 1, len, stdout) == len ? EC_EXIT_OK : cli_fail(EC_EXIT_IO, "writing: %s", strerror(errno));
	free(body);
	session_close(&s);
	return rc;
}

static const struct cli_option scenario_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "format", "FMT", "table (default), csv, json or xlsx" },
	{ "public", NULL, "the list as the public sees it: published only, no budget or owner (list)" },
	{ "batch", "N", "only batch N (list)" },
	{ "status", "S", "only status S: draft, open, review, selected, completed, closed, withdrawn (list)" },
	{ "category", "C", "an SEI category, or the beginning of one" },
	{ "region", "R", "a GB/T 2260 region, or the beginning of one" },
	{ "title", "TEXT", "the scenario's title" },
	{ "name", "NAME", "the attachment's file name (default: the file's own) (attach)" },
	{ "kind", "K", "government (demand), enterprise (demand) or supply (opportunity)" },
	{ "description", "TEXT", "what is needed" },
	{ "budget", "AMOUNT", "the budget, thousand yuan (shown only to owner, reviewers and analysts)" },
	{ "mode", "TEXT", "the co-operation mode" },
	{ "deadline", "YYYY-MM-DD", "the last day of applications (Beijing time)" },
	{ "contact", "TEXT", "the contact" },
	{ "criteria", "LIST", "review criteria name:weight;... summing to 100 (default " EC_SCN_DEFAULT_CRITERIA ")" },
	{ "owner", "ACCOUNT", "the owner's account (an analyst's choice; default the one acting)" },
	{ "date", "YYYY-MM-DD", "the batch's date (batch)" },
	{ "uscc", "USCC", "the enterprise" },
	{ "solution", "TEXT", "the application's solution (apply)" },
	{ "price", "AMOUNT", "the application's price, thousand yuan (apply)" },
	{ "months", "N", "the application's timeline in months (apply)" },
	{ "reason", "TEXT", "why this application was selected (select)" },
	{ "limit", "N", "at most N suggestions (default 20)" },
	{ NULL, NULL, NULL },
};

static const struct cli_verb scenario_verbs[] = {
	{ "list", list, 0, 0, "[--batch N] [--status S] [--category C] [--region R] [--public] --db FILE",
	  "the scenarios the account may see", "db format public batch status category region", CLI_ACTS },
	{ "show", show, 1, 1, "CODE --db FILE", "a scenario with the applications the account may see, ranked",
	  "db format", CLI_ACTS },
	{ "add", add, 1, 1, "CODE --title T --kind K --category C --region R --deadline D [...] --db FILE",
	  "add a draft scenario", "db title kind category region description budget mode deadline contact criteria owner",
	  CLI_ACTS },
	{ "edit", edit, 1, 1, "CODE [--title T ...] --db FILE", "change a draft or open scenario (owner or analyst)",
	  "db title kind category region description budget mode deadline contact criteria owner", CLI_ACTS },
	{ "transition", transition, 2, 2, "CODE STATUS --db FILE",
	  "move a scenario: open, review, completed, closed or withdrawn", "db", CLI_ACTS },
	{ "batch", batch, 0, CLI_MAX_ARGS - 1, "[N --date D [--title T] [CODE ...]] --db FILE",
	  "the batches, or publish batch N: its drafts (all, or those named) open", "db format date title", CLI_ACTS },
	{ "apply", apply, 1, 1, "CODE --solution S --price P --months M [--uscc U] --db FILE",
	  "apply to an open scenario, or change the application (an enterprise account)",
	  "db uscc solution price months", CLI_ACTS },
	{ "withdraw", withdraw, 1, 1, "CODE [--uscc U] --db FILE", "withdraw the enterprise's application", "db uscc",
	  CLI_ACTS },
	{ "applications", applications, 0, 1, "[CODE] [--uscc U] --db FILE", "the applications the account may see",
	  "db format uscc", CLI_ACTS },
	{ "assign", assign, 2, 2, "CODE ACCOUNT --db FILE", "assign a reviewer account (an analyst)", "db", CLI_ACTS },
	{ "score", score, 3, CLI_MAX_ARGS - 1, "CODE USCC CRITERION=SCORE ... --db FILE",
	  "score an application on every criterion, 0 to 100 (an assigned reviewer)", "db", CLI_ACTS },
	{ "select", select_, 2, 2, "CODE USCC --reason TEXT --db FILE",
	  "select an application; every applicant is notified (owner or analyst)", "db reason", CLI_ACTS },
	{ "project", project, 1, 1, "CODE --db FILE",
	  "make a selected scenario a project in the project library (owner or analyst)", "db", CLI_ACTS },
	{ "attach", attach, 2, 2, "CODE FILE [--name NAME] --db FILE",
	  "attach a PDF, image or office file to a scenario (owner or analyst; at most 10 MiB)", "db name", CLI_ACTS },
	{ "attachments", attachments, 1, 1, "CODE --db FILE", "the attachments of a scenario", "db format", CLI_ACTS },
	{ "attachment", attachment, 2, 2, "CODE ID --db FILE", "write an attachment's bytes to standard output", "db",
	  CLI_ACTS },
	{ "suggest", suggest, 0, 1, "CODE | --uscc USCC [--limit N] --db FILE",
	  "suggested suppliers of a scenario, or scenarios for an enterprise, with reasons", "db format uscc limit",
	  CLI_ACTS },
	{ "notifications", notifications, 0, 0, "--as ACCOUNT --db FILE", "the account's notifications", "db format",
	  CLI_ACTS },
	{ "import", import_file, 2, 2, "scenarios|applications FILE --db FILE",
	  "import scenarios (as drafts) or applications, all or nothing", "db", CLI_ACTS },
	{ "export", export_file, 1, 1, "scenarios|applications --db FILE",
	  "write the scenarios or applications the account may see as the import's CSV", "db", CLI_ACTS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};

const struct cli_command cmd_scenario = {
	"scenario", NULL, 1, CLI_MAX_ARGS, "list|show|add|edit|transition|batch|apply|withdraw|assign|score|select|suggest|import|export ... --db FILE",
	"application scenarios: lists, batches, applications, review",
	"Application scenarios (应用场景): demands of governments and enterprises and\n"
	"supply-side opportunities, published in batches (第N批). A scenario moves\n"
	"draft -> open (征集中) -> review (评审中) -> selected (已立项) -> completed\n"
	"(已完成); open or in review it may close without selection (已截止);\n"
	"draft or open it may be withdrawn. Enterprises (--as an enterprise\n"
	"account) apply to open scenarios until the deadline, one application each;\n"
	"reviewers assigned by an analyst score every criterion; the owner or an\n"
	"analyst selects with a reason, and every applicant is notified. Budgets\n"
	"and prices are shown only to the owner, reviewers and analysts.",
	scenario_opts, scenario_verbs, CLI_READS,
};
