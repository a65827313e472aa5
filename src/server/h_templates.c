/*
** GET /api/v1/templates/{kind}?format=csv|xlsx&lang=zh|en: the file to fill
** in for an import, as `echelon template` writes it, for a download button.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "echelon/intake.h"
#include "server.h"

/* The file's bytes (ec_malloc) and length, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct ec_buf b;
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	ec_buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ec_buf_add(&b, chunk, n);
	fclose(f);
	return ec_buf_detach(&b, len);
}

void h_template(struct request *r)
{
	const char *kind_name = r->path_params[0], *format = req_arg(r, "format"), *lang = req_arg(r, "lang");
	int kind = ec_intake_kind_parse(kind_name);
	char disposition[128];

	if (kind < 0) {
		reply_problem(r, 404, "field.enum", "kind", "value", kind_name, "expected", "enterprises, reports or deflators", NULL);
		return;
	}
	if (format && strcmp(format, "csv") && strcmp(format, "xlsx")) {
		reply_problem(r, 400, "field.enum", "format", "value", format, "expected", "csv or xlsx", NULL);
		return;
	}
	if (lang && ec_lang_parse(lang) < 0) {
		reply_problem(r, 400, "field.enum", "lang", "value", lang, "expected", "zh or en", NULL);
		return;
	}
	if (!format || !strcmp(format, "csv")) {
		struct ec_buf b;
		size_t len;
		char *body;
		ec_buf_init(&b, 0);
		ec_buf_adds(&b, "\xEF\xBB\xBF"); /* so that Excel opens it as UTF-8 */
		ec_template_csv((enum ec_intake_kind)kind, &b);
		body = ec_buf_detach(&b, &len);
		snprintf(disposition, sizeof disposition, "attachment; filename=\"%s-template.csv\"", kind_name);
		r->disposition = req_strdup(r, disposition);
		reply_owned(r, 200, "text/csv; charset=utf-8", body, len);
		return;
	}
	{
		char path[] = "/tmp/echelon-template-XXXXXX", *err = NULL, *body;
		size_t len = 0;
		int fd = mkstemp(path);
		if (fd < 0) {
			reply_status(r, EC_EIO, "a temporary file for a template");
			return;
		}
		close(fd);
		if (ec_template_xlsx((enum ec_intake_kind)kind, lang ? (enum ec_lang)ec_lang_parse(lang) : EC_LANG_ZH, path,
				     &err) != EC_OK || !(body = slurp(path, &len))) {
			unlink(path);
			reply_status(r, EC_EIO, err ? err : "reading a template back");
			free(err);
			return;
		}
		unlink(path);
		snprintf(disposition, sizeof disposition, "attachment; filename=\"%s-template.xlsx\"", kind_name);
		r->disposition = req_strdup(r, disposition);
		reply_owned(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body, len);
	}
}
