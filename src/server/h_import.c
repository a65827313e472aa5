/*
** POST /api/v1/import/{kind}: the same all-or-nothing import, checks and
** messages as `echelon import`, from a raw CSV body or the "file" field of
** a multipart form; GET /api/v1/imports: the import history.
*/
#include <stdlib.h>
#include <string.h>

#include "echelon/intake.h"
#include "server.h"

/* Finds the part named "file" in a multipart/form-data body. Returns 0 and
** sets data/len/filename (pointing into the body), or -1. */
static int multipart_file(struct request *r, const char *type, const char **data, size_t *len, char *filename,
			  size_t fsize)
{
	const char *b = strstr(type, "boundary="), *body = r->body.data, *end = body + r->body.len, *p;
	char delim[128];
	size_t dlen;

	if (!b || !body)
		return -1;
	b += 9;
	if (*b == '"')
		b++;
	dlen = strcspn(b, "\";");
	if (dlen == 0 || dlen > 100)
		return -1;
	snprintf(delim, sizeof delim, "--%.*s", (int)dlen, b);
	dlen += 2;
	for (p = body; p && p < end;) {
		const char *part = memmem(p, (size_t)(end - p), delim, dlen), *headers_end, *next, *cd;
		if (!part)
			break;
		part += dlen;
		if (end - part >= 2 && part[0] == '-' && part[1] == '-')
			break; /* the closing delimiter */
		headers_end = memmem(part, (size_t)(end - part), "\r\n\r\n", 4);
		if (!headers_end)
			break;
		next = memmem(headers_end + 4, (size_t)(end - headers_end - 4), delim, dlen);
		if (!next)
			break;
		cd = memmem(part, (size_t)(headers_end - part), "name=\"file\"", 11);
		if (cd) {
			const char *fn = memmem(part, (size_t)(headers_end - part), "filename=\"", 10);
			if (fn) {
				size_t n;
				fn += 10;
				n = strcspn(fn, "\"\r\n");
				snprintf(filename, fsize, "%.*s", (int)(n > 100 ? 100 : n), fn);
				/* only the base name, and nothing odd */
				for (char *q = filename; *q; q++)
					if (*q == '/' || *q == '\\' || (unsigned char)*q < 0x20)
						*q = '_';
			}
			*data = headers_end + 4;
			*len = (size_t)(next - *data);
			if (*len >= 2 && (*data)[*len - 2] == '\r' && (*data)[*len - 1] == '\n')
				*len -= 2;
			return 0;
		}
		p = next;
	}
	return -1;
}

/* A problem of a rejected file: {line, column, message} as the dashboard
** has always read them, with the problem's code and parameters. */
static json_t *import_problem(const struct ec_problem *p)
{
	json_t *o = problem_json(p);

	json_object_set_new(o, "line", p->line ? json_integer(p->line) : json_null());
	json_object_set_new(o, "column", p->field ? json_string(p->field) : json_null());
	return o;
}

/* The rows read as the job's progress. */
static void import_progress(void *ctx, int64_t rows, double fraction, int done)
{
	char step[64];

	snprintf(step, sizeof step, "%s the rows: %lld read", done ? "read" : "reading and storing", (long long)rows);
	job_step(ctx, step, done ? 1 : fraction);
}

void h_import(struct request *r)
{
	struct server *s = r->srv;
	const char *kind_name = r->path_params[0], *type = req_header(r, "Content-Type"), *data, *dry = req_arg(r, "dry_run");
	struct ec_import_opts opts = { 0, NULL, NULL, NULL };
	struct ec_import_result res;
	struct ec_diag d;
	char filename[128] = "upload.csv", label[160];
	size_t len;
	int kind = ec_intake_kind_parse(kind_name), rc;

	if (kind < 0) {
		reply_error(r, 404, "kind", "no import of '%.32s': expected enterprises, reports or deflators", kind_name);
		return;
	}
	opts.dry_run = dry && (strcmp(dry, "1") == 0 || strcmp(dry, "true") == 0);
	if (type && strncmp(type, "multipart/form-data", 19) == 0) {
		if (multipart_file(r, type, &data, &len, filename, sizeof filename) != 0) {
			reply_error(r, 400, "file", "no field named file in the multipart form");
			return;
		}
	} else {
		data = r->body.data ? r->body.data : "";
		len = r->body.len;
	}
	if (len == 0) {
		reply_error(r, 400, "file", "the file is empty");
		return;
	}
	snprintf(label, sizeof label, "%s: %s%s", kind_name, filename, opts.dry_run ? " (check only)" : "");
	if (job_defer(r, "import", label))
		return;
	opts.progress = import_progress;
	opts.progress_ctx = r;
	opts.cancel = job_cancel_flag(r);
	job_step(r, "reading and storing the rows", 0);
	ec_diag_init(&d, 100);
	rc = ec_app_import(r->app, &r->actor, (enum ec_intake_kind)kind, filename, data, len, &opts, &res, &d);
	if (rc == EC_EDATA) {
		json_t *problems = json_array(), *err;
		for (size_t i = 0; i < d.kept; i++)
			json_array_append_new(problems, import_problem(&d.problems[i]));
		err = json_pack("{s:s, s:s, s:o, s:I}", "code", "rejected", "message", "", "problems", problems, "total",
				(json_int_t)d.total);
		json_object_set_new(err, "message", json_sprintf("%s: rejected, %zu problem%s in %lld row%s; nothing was stored",
								  filename, d.total, d.total == 1 ? "" : "s",
								  (long long)res.rows, res.rows == 1 ? "" : "s"));
		reply_json(r, 422, json_pack("{s:o}", "error", err));
	} else if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		if (!opts.dry_run) {
			job_step(r, "rebuilding the monitoring figures", 1);
			server_reload(s, r->app);
		}
		if (!r->answered)
			reply_json(r, 200, json_pack("{s:s, s:I, s:I, s:s, s:b}", "kind", kind_name, "rows", (json_int_t)res.rows,
						     "inserted", (json_int_t)res.inserted, "sha256", res.sha256, "dry_run",
						     opts.dry_run));
	}
	ec_diag_release(&d);
}

static int add_log(void *ctx, const struct ec_import_log *l)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)l->id, "at", l->at, "kind",
					     l->kind, "file", l->file, "rows", (json_int_t)l->rows, "sha256", l->sha256));
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
