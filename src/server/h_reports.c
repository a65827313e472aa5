/*
** /api/v1/reports/bulletin: the monthly bulletin as HTML, XLSX or PDF,
** from the current cube through ec_app_report_bulletin (the command line's
** `echelon report bulletin` too). A PDF is printed by headless Chromium:
** at most EC_REPORT_RENDERS_MAX at once (503 report.busy, checked before
** any work) and EC_REPORT_RENDER_TIMEOUT_S each.
*/
#include <stdio.h>
#include <string.h>

#include "echelon/app.h"
#include "server.h"

void h_report_bulletin(struct request *r)
{
	const char *period = req_arg(r, "period"), *region = req_arg(r, "region"), *lang = req_arg(r, "lang"),
		   *format = req_arg(r, "format");
	struct ec_report_query q = { -1, region ? region : "", EC_LANG_ZH, EC_REPORT_HTML };
	struct ec_monitor *cube;
	struct ec_diag d;
	struct ec_buf out;
	char disposition[96];
	int rc, f;

	if (!period || ec_period_parse(period, strlen(period), &q.period) != EC_OK) {
		reply_problem(r, 400, "period.invalid", "period", "value", period ? period : "", NULL);
		return;
	}
	if (region && *region && (strlen(region) != 6 || strspn(region, "0123456789") != 6)) {
		reply_problem(r, 400, "region.code", "region", "value", region, NULL);
		return;
	}
	if (lang && strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
		reply_problem(r, 400, "field.enum", "lang", "value", lang, "expected", "zh or en", NULL);
		return;
	}
	q.lang = lang && strcmp(lang, "en") == 0 ? EC_LANG_EN : EC_LANG_ZH;
	if (format && ((f = ec_report_format_parse(format)) < 0 || f == EC_REPORT_TEXT)) {
		reply_problem(r, 400, "field.enum", "format", "value", format, "expected", "html, xlsx or pdf", NULL);
		return;
	}
	if (format)
		q.format = (enum ec_report_format)f;
	ec_diag_init(&d, 4);
	ec_buf_init(&out, 0);
	cube = cube_acquire(r->srv);
	rc = ec_app_report_bulletin(cube, &r->srv->catalog, &r->actor, &q, &out, &d);
	cube_release(r->srv);
	if (rc == EC_OK) {
		size_t len;
		char *body;
		snprintf(disposition, sizeof disposition, "%s; filename=\"bulletin-%s%s%s.%s\"",
			 q.format == EC_REPORT_HTML ? "inline" : "attachment", period, *q.region ? "-" : "", q.region,
			 ec_report_extension(q.format));
		r->disposition = req_strdup(r, disposition);
		body = ec_buf_detach(&out, &len);
		reply_owned(r, 200, ec_report_media_type(q.format), body, len);
	} else if (rc == EC_EIO || rc == EC_ELIMIT) { /* the printer failed or is busy: try again later */
		reply_problems(r, 503, &d);
	} else {
		reply_refused(r, rc, &d, 422);
	}
	ec_buf_release(&out);
	ec_diag_release(&d);
}
