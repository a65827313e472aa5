/*
** echelon report: the reports analysts publish, to standard output or a
** file; for now the monthly bulletin (ec_app_report_bulletin, which the
** server's /api/v1/reports/bulletin calls too).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/report.h"

/* Writes the bytes to path (NULL: standard output). Returns 0 or an exit code. */
static int put(const char *path, const char *data, size_t len)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	int ok;

	if (!f)
		return cli_fail(EC_EXIT_IO, "%s: cannot write", path);
	ok = fwrite(data, 1, len, f) == len;
	if (path)
		ok = fclose(f) == 0 && ok;
	else
		ok = fflush(f) == 0 && ok;
	if (!ok)
		return cli_fail(EC_EXIT_IO, "%s: cannot write", path ? path : "standard output");
	return EC_EXIT_OK;
}

static int bulletin(struct cli_args *a)
{
	const char *format = cli_opt_or(a, "format", "text"), *out_path = cli_opt(a, "output");
	struct ec_report_query q = { -1, cli_opt_or(a, "region", ""), EC_LANG_ZH, EC_REPORT_TEXT };
	const struct ec_catalog *cat;
	struct ec_monitor *cube = NULL;
	struct ec_app *app = NULL;
	struct ec_actor who;
	struct ec_diag d;
	struct ec_buf out;
	char *err = NULL;
	int rc, f;

	if ((f = ec_report_format_parse(format)) < 0)
		return cli_usage(a, "--format field.enum|value=%s|expected=html, xlsx, pdf or text", format);
	q.format = (enum ec_report_format)f;
	if (a->lang && strcmp(a->lang, "en") == 0)
		q.lang = EC_LANG_EN;
	if ((rc = cli_period(a, "period", &q.period)) != EC_EXIT_OK)
		return rc;
	if (q.period < 0)
		return cli_usage(a, "cli.required|option=--period|arg=YYYY-MM");
	if ((q.format == EC_REPORT_XLSX || q.format == EC_REPORT_PDF) && !out_path && isatty(STDOUT_FILENO))
		return cli_usage(a, "--format=%s cli.needs|needs=-o FILE", format);
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK) {
		ec_app_close(app);
		return rc;
	}
	if (ec_app_catalog(app, &cat) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_app_close(app);
		return rc;
	}
	if (ec_app_monitor(app, EC_ABOVE_SIZE_DEFAULT, &cube, &err) != EC_OK && !cube) {
		rc = cli_fail(EC_EXIT_IO, "%s", err ? err : "the figures cannot be made");
		free(err);
		ec_app_close(app);
		return rc;
	}
	free(err);
	ec_diag_init(&d, 8);
	ec_buf_init(&out, 0);
	rc = ec_app_report_bulletin(cube, cat, &who, &q, &out, &d);
	if (rc != EC_OK)
		rc = cli_refused(rc, &d, "report bulletin");
	else
		rc = put(out_path, out.data, out.len);
	ec_buf_release(&out);
	ec_diag_release(&d);
	ec_monitor_free(cube);
	ec_app_close(app);
	return rc;
}

/* The format and language of report cluster|allocation into q. Returns 0
** or an exit code. */
static int doc_query(struct cli_args *a, struct ec_report_query *q)
{
	const char *format = cli_opt_or(a, "format", "html");
	int f;

	if ((f = ec_report_format_parse(format)) < 0)
		return cli_usage(a, "--format field.enum|value=%s|expected=html, xlsx, pdf or text", format);
	q->format = (enum ec_report_format)f;
	q->lang = a->lang && strcmp(a->lang, "en") == 0 ? EC_LANG_EN : EC_LANG_ZH;
	if ((q->format == EC_REPORT_XLSX || q->format == EC_REPORT_PDF) && !cli_opt(a, "output") && isatty(STDOUT_FILENO))
		return cli_usage(a, "--format=%s cli.needs|needs=-o FILE", format);
	return EC_EXIT_OK;
}

/* report cluster CODE: the cluster's profile (ec_app_report_cluster). */
static int cluster(struct cli_args *a)
{
	struct ec_report_query q = { -1, "", EC_LANG_ZH, EC_REPORT_HTML };
	struct ec_app *app = NULL;
	struct ec_actor who;
	struct ec_diag d;
	struct ec_buf out;
	int rc;

	if ((rc = doc_query(a, &q)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK) {
		ec_app_close(app);
		return rc;
	}
	ec_diag_init(&d, 8);
	ec_buf_init(&out, 0);
	rc = ec_app_report_cluster(app, &who, a->positional[1], &q, &out, &d);
	rc = rc != EC_OK ? cli_refused(rc, &d, "report cluster") : put(cli_opt(a, "output"), out.data, out.len);
	ec_buf_release(&out);
	ec_diag_release(&d);
	ec_app_close(app);
	return rc;
}

/* report allocation: the allocation `echelon allocate` solves with the
** same options, as a report (ec_app_report_allocation; audited). */
static int allocation(struct cli_args *a)
{
	struct ec_report_query q = { -1, "", EC_LANG_ZH, EC_REPORT_HTML };
	struct ec_allocation_request rq;
	struct ec_quota *quotas = NULL;
	struct ec_app *app = NULL;
	struct ec_actor who;
	struct ec_diag d;
	struct ec_buf out;
	int rc;

	if ((rc = doc_query(a, &q)) != EC_EXIT_OK || (rc = cli_allocation_options(a, &rq)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK) /* writable: the run is audited */
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK || (rc = cli_allocation_inputs(a, app, &rq, &quotas)) != EC_EXIT_OK) {
		free(quotas);
		ec_app_close(app);
		return rc;
	}
	ec_diag_init(&d, 8);
	ec_buf_init(&out, 0);
	rc = ec_app_report_allocation(app, &who, &rq, &q, &out, &d);
	rc = rc != EC_OK ? cli_refused(rc, &d, "report allocation") : put(cli_opt(a, "output"), out.data, out.len);
	ec_buf_release(&out);
	ec_diag_release(&d);
	free(quotas);
	ec_app_close(app);
	return rc;
}

/* report publish --kind cluster|allocation: the profile of --cluster
** CODE, or the allocation of allocate's options, kept in the library. */
static int publish_other(struct cli_args *a, const char *kind)
{
	struct ec_allocation_request rq;
	struct ec_quota *quotas = NULL;
	struct ec_app *app = NULL;
	struct ec_actor who;
	struct ec_diag d;
	enum ec_lang lang = a->lang && strcmp(a->lang, "en") == 0 ? EC_LANG_EN : EC_LANG_ZH;
	int64_t id = 0;
	int rc, cluster = !strcmp(kind, "cluster");

	if (cluster && !cli_opt(a, "cluster"))
		return cli_usage(a, "--kind=cluster cli.needs|needs=--cluster CODE");
	if (!cluster && (rc = cli_allocation_options(a, &rq)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK ||
	    (!cluster && (rc = cli_allocation_inputs(a, app, &rq, &quotas)) != EC_EXIT_OK)) {
		free(quotas);
		ec_app_close(app);
		return rc;
	}
	ec_diag_init(&d, 8);
	rc = cluster ? ec_app_report_publish_cluster(app, &who, cli_opt(a, "cluster"), lang, &id, &d)
		     : ec_app_report_publish_allocation(app, &who, &rq, lang, &id, &d);
	if (rc != EC_OK)
		rc = cli_refused(rc, &d, "report publish");
	else
		printf("%lld\n", (long long)id);
	ec_diag_release(&d);
	free(quotas);
	ec_app_close(app);
	return rc;
}

/* report publish: the bulletin (or, by --kind, a cluster's profile or the
** allocation) kept in the library, as the actor (--as). */
static int publish(struct cli_args *a)
{
	const char *kind = cli_opt_or(a, "kind", "bulletin");
	struct ec_report_query q = { -1, cli_opt_or(a, "region", ""), EC_LANG_ZH, EC_REPORT_HTML };
	const struct ec_catalog *cat;
	struct ec_monitor *cube = NULL;
	struct ec_app *app = NULL;
	struct ec_actor who;
	struct ec_diag d;
	char *err = NULL;
	int64_t id = 0;
	int rc;

	if (!strcmp(kind, "cluster") || !strcmp(kind, "allocation"))
		return publish_other(a, kind);
	if (strcmp(kind, "bulletin") != 0)
		return cli_usage(a, "--kind field.enum|value=%s|expected=bulletin, cluster or allocation", kind);
	if (a->lang && strcmp(a->lang, "en") == 0)
		q.lang = EC_LANG_EN;
	if ((rc = cli_period(a, "period", &q.period)) != EC_EXIT_OK)
		return rc;
	if (q.period < 0)
		return cli_usage(a, "cli.required|option=--period|arg=YYYY-MM");
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK || ec_app_catalog(app, &cat) != EC_OK) {
		if (rc == EC_EXIT_OK)
			rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_app_close(app);
		return rc;
	}
	if (ec_app_monitor(app, EC_ABOVE_SIZE_DEFAULT, &cube, &err) != EC_OK && !cube) {
		rc = cli_fail(EC_EXIT_IO, "%s", err ? err : "the figures cannot be made");
		free(err);
		ec_app_close(app);
		return rc;
	}
	free(err);
	ec_diag_init(&d, 8);
	rc = ec_app_report_publish(app, cube, cat, &who, &q, &id, &d);
	if (rc != EC_OK)
		rc = cli_refused(rc, &d, "report publish");
	else
		printf("%lld\n", (long long)id);
	ec_diag_release(&d);
	ec_monitor_free(cube);
	ec_app_close(app);
	return rc;
}

/* report list: the library, newest first. */
static int list(struct cli_args *a)
{
	struct ec_app *app = NULL;
	enum ec_format fmt;
	struct ec_table t;
	int rc;

	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if (ec_app_reports_table(app, 500, &t) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
	else
		rc = cli_write_table(&t, fmt);
	ec_table_release(&t);
	ec_app_close(app);
	return rc;
}

/* report show ID: a published report as published. */
static int show(struct cli_args *a)
{
	const char *format = cli_opt_or(a, "format", "html"), *out_path = cli_opt(a, "output"), *v = a->positional[1];
	struct ec_app *app = NULL;
	struct ec_actor who;
	struct ec_diag d;
	struct ec_buf out;
	char *end;
	long id = strtol(v, &end, 10);
	int rc, f = ec_report_format_parse(format);

	if (*end || id <= 0)
		return cli_usage(a, "number.range|value=%s|min=1|max=9223372036854775807", v);
	if (f < 0 || f == EC_REPORT_TEXT)
		return cli_usage(a, "--format field.enum|value=%s|expected=html, xlsx or pdf", format);
	if (f != EC_REPORT_HTML && !out_path && isatty(STDOUT_FILENO))
		return cli_usage(a, "--format=%s cli.needs|needs=-o FILE", format);
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK) {
		ec_app_close(app);
		return rc;
	}
	ec_diag_init(&d, 8);
	ec_buf_init(&out, 0);
	rc = ec_app_report_published(app, &who, id, (enum ec_report_format)f, &out, &d);
	rc = rc != EC_OK ? cli_refused(rc, &d, "report show") : put(out_path, out.data, out.len);
	ec_buf_release(&out);
	ec_diag_release(&d);
	ec_app_close(app);
	return rc;
}

static const struct cli_option report_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month: the bulletin covers January to it" },
	{ "region", "CODE", "a province or prefecture code (GB/T 2260; default: national)" },
	{ "format", "FMT", "bulletin: text (default: the sentences), html (a page that prints on A4), xlsx (a sheet "
			   "per table) or pdf (the page printed by headless Chromium); show: html (default), xlsx or pdf; "
			   "list: table (default), csv, json or xlsx" },
	{ "output", "FILE", "write to FILE instead of standard output (also -o FILE)" },
	{ "year", "YYYY", "the gaps left at the end of that year" },
	{ "time-limit", "S", "time limit of the MIP in seconds (default 60); the best plan found is reported with its gap" },
	{ "lp", NULL, "solve the LP relaxation only (no whole-ticket choices)" },
	{ "objective", "WHAT", "amount (default: priority x thousand yuan covered) or share (priority x share of each gap)" },
	{ "solver", "NAME", "coin (default: COIN-OR CLP for the LP, CBC for the MIP) or glpk" },
	{ "quotas", "FILE", "land and energy quotas by province: region,land_mu,energy_tce" },
	{ "priority-areas", "LIST", "SEI areas whose projects get the priority bonus (+0.2, at most 1), e.g. '1;4'" },
	{ "kind", "KIND", "publish: bulletin (default), cluster (with --cluster CODE) or allocation (with allocate's options)" },
	{ "cluster", "CODE", "publish --kind cluster: the cluster whose profile is kept" },
	{ NULL, NULL, NULL },
};

static const struct cli_verb report_verbs[] = {
	{ "bulletin", bulletin, 0, 0, "--period YYYY-MM [--region CODE] [--lang zh|en] [--format html|xlsx|pdf|text] [-o FILE] --db FILE",
	  "the monthly bulletin: SEI growth against all industry, the areas, in the bureau's words",
	  "db period region format output", CLI_READS },
	{ "cluster", cluster, 1, 1, "CODE [--lang zh|en] [--format html|xlsx|pdf|text] [-o FILE] --db FILE",
	  "a cluster's profile: indicators by year, stars, LQ, its evaluation explained, members and projects",
	  "db format output", CLI_READS },
	{ "allocation", allocation, 0, 0, "[--year Y|--period P] [allocate's options] [--lang zh|en] [--format html|xlsx|pdf|text] [-o FILE] --db FILE",
	  "the allocation of funds to projects: the plan by project, what is lacking, what binds and its shadow price in words (audited)",
	  "db period year time-limit lp objective solver quotas priority-areas format output", CLI_ACTS },
	{ "publish", publish, 0, 0, "[--kind bulletin|cluster|allocation] --period YYYY-MM [--region CODE] [--cluster CODE] [--lang zh|en] --db FILE [--as ACCOUNT]",
	  "keep the bulletin as it is now in the library of published reports (admins and analysts; audited); "
	  "prints its number", "db period region kind cluster year time-limit lp objective solver quotas priority-areas", CLI_ACTS },
	{ "list", list, 0, 0, "[--format table|csv|json|xlsx] --db FILE",
	  "the library of published reports: number, kind, period, region, language, data generation, who, when",
	  "db format", CLI_READS },
	{ "show", show, 1, 1, "ID [--format html|xlsx|pdf] [-o FILE] --db FILE",
	  "a published report as it was published (a PDF is its page printed now)", "db format output", CLI_READS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};

const struct cli_command cmd_report = {
	"report", NULL, 1, CLI_MAX_ARGS, "bulletin|cluster|allocation|publish|list|show ... --db FILE",
	"reports to publish: the monthly bulletin, a cluster's profile, the allocation, as HTML, XLSX or PDF",
	"The monthly bulletin of a region (national, a province or a prefecture)\n"
	"for January to a month: value added of strategic emerging industries\n"
	"above designated size at comparable prices against all industry, the\n"
	"gap, the share, the leading and lagging areas and notable changes from\n"
	"the previous month, written in the statistics bureau's words (Chinese by\n"
	"default; --lang en for English), with tables and charts. Every figure\n"
	"passes the disclosure control, whoever reads it: a figure over fewer than\n"
	"3 enterprises is not published (…). The sentence rules are in\n"
	"docs/methods.md; the PDF is the HTML printed by headless Chromium\n"
	"(docs/architecture.md, \"Reports\"). A published bulletin is kept as it\n"
	"was, with who published it and the data generation it was made from.\n"
	"A cluster's profile (report cluster CODE) and the allocation (report\n"
	"allocation, with the options of `echelon allocate`) are reports too:\n"
	"sentences from the figures, then tables, as HTML, XLSX or PDF.",
	report_opts, report_verbs, CLI_READS,
};
