/*
** POST /api/v1/import/{kind}: the same all-or-nothing import, checks and
** messages as `echelon import`, from a raw CSV body or the "file" field of
** a multipart form; GET /api/v1/imports: the import history.
*/
#include <stdlib.h>
#include <string.h>

#include "echelon/intake.h"
#include "echelon/text.h"
#include "parse.h"
#include "server.h"

/* A problem of a rejected file: {line, column, message} as the dashboard
** has always read them, with the problem's code and parameters. */
static json_t *import_problem(const struct ec_problem *p)
{
	json_t *o = problem_json(p);

	json_object_set_new(o, "line", p->line ? json_integer(p->line) : json_null());
	json_object_set_new(o, "column", p->field ? json_string(p->field) : json_null());
	return o;
}

/* The kinds of problem of a rejected file: how many of each, their first
** lines, and the first of each as a problem (to be written in the user's
** language). */
static json_t *import_groups(const struct ec_diag *d)
{
	json_t *groups = json_array();

	for (size_t i = 0; i < d->ngroups; i++) {
		const struct ec_diag_group *g = &d->groups[i];
		json_t *lines = json_array();
		for (size_t k = 0; k < g->nlines; k++)
			json_array_append_new(lines, json_integer(g->lines[k]));
		json_array_append_new(groups, json_pack("{s:I, s:o, s:o}", "count", (json_int_t)g->count, "lines", lines,
							"first", import_problem(&g->first)));
	}
	return groups;
}

/* The rows read as the job's progress. */
static void import_progress(void *ctx, int64_t rows, double fraction, int done)
{
	char step[64];

	snprintf(step, sizeof step, "%s the rows: %lld read", done ? "read" : "reading and storing", (long long)rows);
	job_step(ctx, step, done ? 1 : fraction);
}

/* The answer to an import that was read (and, unless a dry run, stored). */
static json_t *import_answer(const char *kind_name, int dry_run, const struct ec_import_result *res, json_t *bulletin)
{
	char d1[2] = { res->delimiter ? res->delimiter : ',', '\0' };

	return json_pack("{s:s, s:I, s:I, s:s, s:b, s:s, s:s, s:s, s:s, s:o}", "kind", kind_name, "rows",
			 (json_int_t)res->rows, "inserted", (json_int_t)res->inserted, "sha256", res->sha256, "dry_run",
			 dry_run, "format", res->format, "encoding", res->encoding, "delimiter", d1, "sheet", res->sheet,
			 "bulletin", bulletin);
}

/* In the import's transaction: the job's record that it is done, with the
** answer as far as it is known at the commit (the bulletin comes after). */
static int keep_outcome(void *ctx, struct ec_app *app, const struct ec_import_result *res)
{
	struct request *r = ctx;
	json_t *answer = import_answer(r->path_params[0], 0, res, json_null());
	char *text = json_dumps(answer, JSON_COMPACT);
	int rc = text ? job_stored(r, app, text) : EC_EIO;

	free(text);
	json_decref(answer);
	return rc;
}

void h_import(struct request *r)
{
	struct server *s = r->srv;
	const char *kind_name = r->path_params[0], *type = req_header(r, "Content-Type"), *data, *dry = req_arg(r, "dry_run");
	struct ec_import_opts opts = { 0 };
	struct ec_import_result res;
	struct ec_diag d;
	char filename[128] = "upload.csv", label[160];
	size_t len;
	int kind = ec_intake_kind_parse(kind_name), rc, delim, last_before;

	if (kind < 0) {
		reply_problem(r, 404, "field.enum", "kind", "value", kind_name, "expected", "enterprises, reports or deflators", NULL);
		return;
	}
	opts.dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
	if (ec_text_encoding_parse(req_arg(r, "encoding")) < 0) {
		reply_problem(r, 400, "field.enum", "encoding", "value", req_arg(r, "encoding"), "expected", "auto, utf-8, utf-16, gb18030 or gbk", NULL);
		return;
	}
	if ((delim = ec_text_delimiter_parse(req_arg(r, "delimiter"))) < 0) {
		reply_problem(r, 400, "field.enum", "delimiter", "value", req_arg(r, "delimiter"), "expected", "',', ';' or tab", NULL);
		return;
	}
	if (req_arg(r, "sheet") && strlen(req_arg(r, "sheet")) > 100) {
		reply_problem(r, 400, "field.too_long", "sheet", "max", "100", NULL);
		return;
	}
	opts.encoding = req_arg(r, "encoding");
	opts.delimiter = (char)delim;
	opts.sheet = req_arg(r, "sheet");
	if (type && strncmp(type, "multipart/form-data", 19) == 0) {
		if (parse_multipart_file(type, r->body.data, r->body.len, &data, &len, filename, sizeof filename) != 0) {
			reply_problem(r, 400, "import.no_file", "file", NULL);
			return;
		}
	} else {
		data = r->body.data ? r->body.data : "";
		len = r->body.len;
	}
	if (len == 0) {
		reply_problem(r, 400, "import.empty", "file", NULL);
		return;
	}
	snprintf(label, sizeof label, "%s: %s%s", kind_name, filename, opts.dry_run ? " (check only)" : "");
	if (job_defer(r, "import", label))
		return;
	opts.progress = import_progress;
	opts.progress_ctx = r;
	opts.cancel = job_cancel_flag(r);
	if (!opts.dry_run) {
		opts.stored = keep_outcome;
		opts.stored_ctx = r;
	}
	job_step(r, "reading and storing the rows", 0);
	last_before = report_last_period(s);
	/* The first 1000 problems, every kind of problem counted. */
	ec_diag_init(&d, 1000);
	ec_diag_group_on(&d, 32);
	rc = ec_app_import(r->app, &r->actor, (enum ec_intake_kind)kind, filename, data, len, &opts, &res, &d);
	if (rc == EC_EDATA) {
		json_t *problems = json_array(), *err;
		for (size_t i = 0; i < d.kept; i++)
			json_array_append_new(problems, import_problem(&d.problems[i]));
		err = json_pack("{s:s, s:s, s:o, s:I, s:o, s:I}", "code", "rejected", "message", "", "problems", problems,
				"total", (json_int_t)d.total, "groups", import_groups(&d), "other_kinds",
				(json_int_t)d.ungrouped);
		{ /* the answer's own problem, import.rejected, beside the file's */
			struct ec_problem p;
			char count[24], rows[24], english[512];
			snprintf(count, sizeof count, "%zu", d.total);
			snprintf(rows, sizeof rows, "%lld", (long long)res.rows);
			ec_problem_set(&p, "import.rejected", NULL, "file", filename, "count", count, "rows", rows, NULL);
			ec_problem_english(&p, english, sizeof english);
			json_object_set_new(err, "message", json_string(english));
			json_object_set_new(err, "problem", json_string(p.code));
			json_object_set_new(err, "params", json_pack("{s:s, s:s, s:s}", "file", filename, "count", count,
								      "rows", rows));
			ec_problem_release(&p);
		}
		reply_json(r, 422, json_pack("{s:o}", "error", err));
	} else if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		json_t *bulletin = json_null();
		if (!opts.dry_run) {
			job_committed(r);
			job_step(r, "rebuilding the monitoring figures", 1);
			server_reload(s, r->app);
			/* a month newly measured (its reports came, or the deflators
			** they waited for): its bulletin published (issue 19) */
			bulletin = report_after_import(r, last_before);
		}
		if (!r->answered) {
			reply_json(r, 200, import_answer(kind_name, opts.dry_run, &res, bulletin));
		} else {
			json_decref(bulletin);
		}
	}
	ec_diag_release(&d);
}

static int add_log(void *ctx, const struct ec_import_log *l)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:I}", "id",
					     (json_int_t)l->id, "at", l->at, "kind", l->kind, "file", l->file, "rows",
					     (json_int_t)l->rows, "sha256", l->sha256, "user", l->user, "size",
					     (json_int_t)l->size, "format", l->format, "encoding", l->encoding, "result",
					     l->result, "problems", (json_int_t)l->problems));
	return 0;
}

void h_imports(struct request *r)
{
	json_t *list = json_array();
	int rc = ec_app_imports(r->app, add_log, list);

	if (rc != EC_OK) {
		json_decref(list);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	reply_json(r, 200, list);
}
