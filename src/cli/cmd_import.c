/*
** echelon import / export: CSV data in and out of a database.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/intake.h"
#include "echelon/text.h"

struct progress {
	struct timespec start, last;
	int shown;
	const char *kind;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Draws "kind: [#####-----]  42%  123456 rows  80000 rows/s  3 s left" on
** stderr once an import has run for a second, at most four times a second;
** only on a terminal (the caller decides). The same steps as a job's. */
static void show_progress(void *ctx, int64_t rows, double fraction, int done)
{
	struct progress *p = ctx;
	double elapsed = seconds_since(&p->start), rate;
	char bar[25];
	int filled;

	if (done && !p->shown)
		return;
	if (!done && (elapsed < 1.0 || (p->shown && seconds_since(&p->last) < 0.25)))
		return;
	if (done)
		fraction = 1;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	p->shown = 1;
	filled = (int)(fraction * 24 + 0.5);
	filled = filled < 0 ? 0 : filled > 24 ? 24 : filled;
	memset(bar, '#', (size_t)filled);
	memset(bar + filled, '-', (size_t)(24 - filled));
	bar[24] = '\0';
	rate = elapsed > 0 ? (double)rows / elapsed : 0.0;
	fprintf(stderr, "\r%s: [%s] %3.0f%%  %lld rows  %.0f rows/s", p->kind, bar, fraction * 100.0, (long long)rows,
		rate);
	if (!done && fraction > 0.02)
		fprintf(stderr, "  %.0f s left ", elapsed * (1 - fraction) / fraction);
	else
		fprintf(stderr, "%s", done ? "\n" : "          ");
	fflush(stderr);
}

/* " (read as GB18030, separated by ';')" when the file was not a plain
** UTF-8 CSV, else "". */
static const char *read_as(const struct ec_import_result *res, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	if (strcmp(res->format, "xlsx") == 0)
		n += (size_t)snprintf(buf + n, size - n, "%sread from sheet '%s'", n ? ", " : " (", res->sheet);
	else if (res->encoding[0] && strncmp(res->encoding, "UTF-8", 5) != 0)
		n += (size_t)snprintf(buf + n, size - n, "%sread as %s", n ? ", " : " (", res->encoding);
	if (n < size && res->delimiter && res->delimiter != ',')
		n += (size_t)snprintf(buf + n, size - n, "%sseparated by %s", n ? ", " : " (",
				      res->delimiter == '\t' ? "tabs" : "';'");
	if (n && n < size)
		snprintf(buf + n, size - n, ")");
	return buf;
}

/* --problems FILE: every problem as a CSV row, kept or not. */
static void write_problem(void *ctx, const struct ec_problem *p, const char *line)
{
	struct ec_buf b, message;

	(void)line;
	ec_buf_init(&message, 0);
	ec_problem_message(p, cli_lang(), &message);
	ec_buf_init(&b, 0);
	ec_csv_write_cell(&b, p->file ? p->file : "", 0);
	ec_buf_printf(&b, "%ld,", p->line);
	ec_csv_write_cell(&b, p->cell ? p->cell : "", 0);
	ec_csv_write_cell(&b, p->field ? p->field : "", 0);
	ec_csv_write_cell(&b, p->code, 0);
	ec_csv_write_cell(&b, message.data ? message.data : "", 1);
	fwrite(b.data, 1, b.len, ctx);
	ec_buf_release(&b);
	ec_buf_release(&message);
}

/* The last month measured now, -1 for none. */
static int last_measured(struct ec_app *app)
{
	struct ec_monitor *cube = NULL;
	char *err = NULL;
	int last;

	ec_app_monitor(app, EC_ABOVE_SIZE_DEFAULT, &cube, &err);
	free(err);
	last = ec_app_report_last_period(cube);
	ec_monitor_free(cube);
	return last;
}

/* After an import: the bulletin of a month newly measured (its reports,
** or the deflators they waited for) published, as the server's import does (issue 19). A failure
** is said and leaves the import as it is. */
static void bulletin_after(struct cli_args *a, struct ec_app *app, const struct ec_actor *who, int last_before)
{
	const struct ec_catalog *cat;
	struct ec_monitor *cube = NULL;
	struct ec_diag d;
	char *err = NULL, p[8];
	int64_t id = 0;
	int period = -1, rc;

	if (ec_app_catalog(app, &cat) != EC_OK)
		return;
	ec_app_monitor(app, EC_ABOVE_SIZE_DEFAULT, &cube, &err);
	free(err);
	ec_diag_init(&d, 4);
	rc = ec_app_report_after_import(app, cube, cat, who, last_before, &id, &period, &d);
	if (rc != EC_OK) {
		cli_print_diag(&d);
		fprintf(stderr, cli_lang() == EC_LANG_ZH ? "echelon: 数据已导入，但新月份的公报未能发布\n"
							 : "echelon: imported, but the new month's bulletin was not published\n");
	} else if (id && !cli_opt(a, "quiet")) {
		ec_period_format(period, p);
		printf(cli_lang() == EC_LANG_ZH ? "已发布 %s 的月度公报（报告 %lld）\n"
					       : "the bulletin of %s published (report %lld)\n", p, (long long)id);
	}
	ec_diag_release(&d);
	ec_monitor_free(cube);
}

static int import_run(struct cli_args *a)
{
	struct ec_import_opts opts = { .dry_run = 0 };
	struct ec_import_result res;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_diag d;
	struct progress p;
	char how[200];
	FILE *problems = NULL;
	int kind, rc, status, delim, last_before = -1, bulletin;

	kind = ec_intake_kind_parse(a->positional[0]);
	if (kind < 0)
		return cli_usage(a, "field.enum|value=%s|expected=enterprises, reports or deflators", a->positional[0]);
	if (ec_text_encoding_parse(cli_opt(a, "encoding")) < 0)
		return cli_usage(a, "--encoding field.enum|value=%s|expected=auto, utf-8, utf-16, gb18030 or gbk", cli_opt(a, "encoding"));
	if ((delim = ec_text_delimiter_parse(cli_opt(a, "delimiter"))) < 0)
		return cli_usage(a, "--delimiter field.enum|value=%s|expected=',', ';' or tab", cli_opt(a, "delimiter"));
	if (cli_opt(a, "problems") && !(problems = fopen(cli_opt(a, "problems"), "w")))
		return cli_fail(EC_EXIT_IO, "%s: %s", cli_opt(a, "problems"), strerror(errno));
	opts.encoding = cli_opt(a, "encoding");
	opts.delimiter = (char)delim;
	opts.sheet = cli_opt(a, "sheet");
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK) {
		if (problems)
			fclose(problems);
		return rc;
	}
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK) {
		if (problems)
			fclose(problems);
		ec_app_close(app);
		return rc;
	}
	opts.dry_run = cli_opt(a, "dry-run") != NULL;
	if (isatty(STDERR_FILENO)) {
		memset(&p, 0, sizeof p);
		clock_gettime(CLOCK_MONOTONIC, &p.start);
		p.kind = a->positional[0];
		opts.progress = show_progress;
		opts.progress_ctx = &p;
	}
	ec_diag_init(&d, 100);
	ec_diag_group_on(&d, 32);
	if (problems) {
		d.each = write_problem;
		d.each_ctx = problems;
		fputs("file,line,cell,column,code,message\n", problems);
	}
	/* a month newly measured gets its bulletin: the last month before;
	** any kind, as an enterprise's division decides its deflator */
	bulletin = !opts.dry_run;
	if (bulletin)
		last_before = last_measured(app);
	status = ec_app_import_file(app, &who, (enum ec_intake_kind)kind, a->positional[1], &opts, &res, &d);
	if (problems && fclose(problems) != 0)
		fprintf(stderr, "echelon: %s: %s\n", cli_opt(a, "problems"), strerror(errno));
	cli_print_diag(&d);
	if (status == EC_EDATA) {
		if (cli_lang() == EC_LANG_ZH && res.rows)
			rc = cli_fail(EC_EXIT_DATA, "%s：文件被拒收，%lld 行中共有 %zu 个问题，未导入任何数据", a->positional[1],
				      (long long)res.rows, d.total);
		else if (cli_lang() == EC_LANG_ZH)
			rc = cli_fail(EC_EXIT_DATA, "%s：文件被拒收，共有 %zu 个问题，未导入任何数据", a->positional[1], d.total);
		else
			rc = cli_fail(EC_EXIT_DATA, "%s: rejected, %zu problem%s in %lld row%s; nothing was stored",
				      a->positional[1], d.total, d.total == 1 ? "" : "s", (long long)res.rows,
				      res.rows == 1 ? "" : "s");
	} else if (status != EC_OK) {
		/* the problems were printed above; the exit code is the status's */
		rc = cli_fail(ec_exit_code(status), cli_lang() == EC_LANG_ZH ? "%s：未导入，未作任何更改"
					 : "%s: not imported; nothing was stored", a->positional[1]);
	} else if (opts.dry_run) {
		if (!cli_opt(a, "quiet"))
			printf("%s: %lld row%s of %s checked, no problems (dry run, nothing stored)%s\n",
			       a->positional[1], (long long)res.rows, res.rows == 1 ? "" : "s", a->positional[0],
			       read_as(&res, how, sizeof how));
		rc = EC_EXIT_OK;
	} else {
		if (!cli_opt(a, "quiet"))
			printf("%s: %lld row%s of %s imported (sha256 %.16s…)%s\n", a->positional[1],
			       (long long)res.inserted, res.inserted == 1 ? "" : "s", a->positional[0], res.sha256,
			       read_as(&res, how, sizeof how));
		if (bulletin)
			bulletin_after(a, app, &who, last_before);
		rc = EC_EXIT_OK;
	}
	ec_diag_release(&d);
	ec_app_close(app);
	return rc;
}

/* Copies the file at path to out. Returns 0 or an exit code. */
static int copy_out(const char *path, FILE *out)
{
	char buf[65536];
	size_t n;
	FILE *in = fopen(path, "rb");

	if (!in)
		return cli_fail(EC_EXIT_IO, "%s: %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			fclose(in);
			return cli_fail(EC_EXIT_IO, "writing the template: %s", strerror(errno));
		}
	fclose(in);
	return EC_EXIT_OK;
}

static int template_run(struct cli_args *a)
{
	const char *format = cli_opt_or(a, "format", "csv"), *output = cli_opt(a, "output");
	int kind = ec_intake_kind_parse(a->positional[0]), rc = EC_EXIT_OK;

	if (kind < 0)
		return cli_usage(a, "field.enum|value=%s|expected=enterprises, reports or deflators", a->positional[0]);
	if (strcmp(format, "csv") && strcmp(format, "xlsx"))
		return cli_usage(a, "--format field.enum|value=%s|expected=csv or xlsx", format);
	if (!strcmp(format, "csv")) {
		struct ec_buf b;
		FILE *out = output ? fopen(output, "w") : stdout;
		if (!out)
			return cli_fail(EC_EXIT_IO, "%s: %s", output, strerror(errno));
		ec_buf_init(&b, 0);
		ec_template_csv((enum ec_intake_kind)kind, &b);
		if (fwrite(b.data, 1, b.len, out) != b.len || (output && fclose(out) != 0))
			rc = cli_fail(EC_EXIT_IO, "%s: %s", output ? output : "standard output", strerror(errno));
		ec_buf_release(&b);
		return rc;
	}
	if (!output && isatty(STDOUT_FILENO))
		return cli_usage(a, "cli.xlsx_terminal");
	{
		char tmp[] = "/tmp/echelon-template-XXXXXX", *err = NULL;
		const char *path = output;
		int fd = -1;
		if (!path) {
			if ((fd = mkstemp(tmp)) < 0)
				return cli_fail(EC_EXIT_IO, "a temporary file: %s", strerror(errno));
			close(fd);
			path = tmp;
		}
		if (ec_template_xlsx((enum ec_intake_kind)kind, cli_lang(), path, &err) != EC_OK) {
			rc = cli_fail(EC_EXIT_IO, "%s", err);
			free(err);
		} else if (!output) {
			rc = copy_out(path, stdout);
		}
		if (!output)
			unlink(tmp);
	}
	return rc;
}

static int export_run(struct cli_args *a)
{
	struct ec_app *app = NULL;
	char *err = NULL;
	int kind, from, to, rc;

	kind = ec_intake_kind_parse(a->positional[0]);
	if (kind < 0)
		return cli_usage(a, "field.enum|value=%s|expected=enterprises, reports or deflators", a->positional[0]);
	if ((rc = cli_period(a, "from", &from)) || (rc = cli_period(a, "to", &to)))
		return rc;
	if (from >= 0 && to >= 0 && from > to)
		return cli_usage(a, "--from period.order|from=%s|to=%s", cli_opt(a, "from"), cli_opt(a, "to"));
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if (ec_app_export(app, (enum ec_intake_kind)kind, from, to, stdout, &err) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "export %s: %s", a->positional[0], err);
		free(err);
	}
	ec_app_close(app);
	return rc;
}

static const struct cli_option import_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "dry-run", NULL, "check the file and report every problem, store nothing" },
	{ "encoding", "ENC", "auto (default: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030), utf-8, utf-16, gb18030 or gbk" },
	{ "delimiter", "D", "',', ';' or tab (default: found from the header line)" },
	{ "sheet", "NAME", "a workbook's (.xlsx) sheet to read (default: the first)" },
	{ "problems", "FILE", "write every problem, not only the first 100, to FILE as CSV (file,line,cell,column,code,message)" },
	{ "quiet", NULL, "print nothing on success" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_import = {
	"import", import_run, 2, 2, "enterprises|reports|deflators FILE --db FILE [--dry-run] [--sheet NAME]",
	"check a CSV file or an Excel workbook and load it, all or nothing",
	"Every row is checked; every problem is printed as FILE:LINE: column NAME: what\n"
	"(the first 100, then a count of the rest), or FILE:Sheet1!C12: for a cell\n"
	"of a workbook. One bad row rejects the whole file and the database stays\n"
	"exactly as it was. Importing the same rows again updates them. The file\n"
	"may be an .xlsx workbook (its first sheet, or --sheet), a CSV in UTF-8\n"
	"(with or without BOM), UTF-16 with BOM, or GB18030/GBK as Excel saves it\n"
	"on a Chinese Windows, separated by commas, semicolons or tabs: what was\n"
	"read is said. The formats are in docs/formats.md.\n\n"
	"Exit status: 0 stored, 2 usage, 3 data rejected, 4 file or database error.",
	import_opts, NULL, CLI_ACTS,
};

static const struct cli_option export_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "from", "YYYY-MM", "first period (reports, deflators)" },
	{ "to", "YYYY-MM", "last period (reports, deflators)" },
	{ NULL, NULL, NULL },
};

static const struct cli_option template_opts[] = {
	{ "format", "FMT", "csv (default) or xlsx" },
	{ "output", "FILE", "write to FILE (default: standard output)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_template = {
	"template", template_run, 1, 1, "enterprises|reports|deflators [--format csv|xlsx] [--output FILE]",
	"write a file to fill in for an import",
	"The header and an example row. As a workbook (--format xlsx), the data\n"
	"sheet has its columns formatted as the import reads them (codes as text,\n"
	"dates as dates) with data validation, and a notes sheet gives each\n"
	"column's meaning, unit and rule, in the language of --lang or LANG.",
	template_opts, NULL, CLI_READS,
};

const struct cli_command cmd_export = {
	"export", export_run, 1, 1, "enterprises|reports|deflators --db FILE [--from P] [--to P]",
	"write a kind of data as CSV to standard output",
	"Writes the import format, so that export and import round-trip.",
	export_opts, NULL, CLI_READS,
};
