/*
** Helpers shared by the commands: opening the store, loading catalogues,
** formats, periods, amounts and tables, printing diagnostics, and one
** change, import or export through the application.
*/
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/csv.h"

int cli_format(const struct cli_args *a, enum ec_format *fmt)
{
	const char *v = cli_opt_or(a, "format", "table");
	int f = ec_format_parse(v);

	if (f < 0)
		return cli_usage(a, "--format field.enum|value=%s|expected=table, csv, json or xlsx", v);
	if (f == EC_FMT_XLSX && isatty(STDOUT_FILENO))
		return cli_usage(a, "cli.xlsx_terminal");
	*fmt = (enum ec_format)f;
	return EC_EXIT_OK;
}

int cli_period(const struct cli_args *a, const char *name, int *period)
{
	const char *v = cli_opt(a, name);

	*period = -1;
	if (!v)
		return EC_EXIT_OK;
	if (ec_period_parse(v, strlen(v), period) != EC_OK)
		return cli_usage(a, "--%s period.invalid|value=%s", name, v);
	return EC_EXIT_OK;
}

int cli_amount(const struct cli_args *a, const char *name, double *out)
{
	const char *v = cli_opt(a, name), *why;

	if (!v)
		return EC_EXIT_OK;
	if (ec_number_parse(v, strlen(v), out, &why) != EC_OK || *out < 0)
		return cli_usage(a, "--%s cli.amount|value=%s", name, v);
	return EC_EXIT_OK;
}

/* A workbook as the dashboard's download gives it: names and units in the
** user's language, figures as shown (export.c). */
static int write_workbook(const struct ec_table *t)
{
	struct ec_export x = { EC_FMT_XLSX, cli_lang(), 0 };
	struct ec_buf b;
	char *err = NULL;
	int rc = EC_EXIT_OK;

	ec_buf_init(&b, 0);
	if (ec_table_export(t, NULL, &x, &b, &err) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", err);
	else if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0)
		rc = cli_fail(EC_EXIT_IO, "cli.write_workbook");
	free(err);
	ec_buf_release(&b);
	return rc;
}

/* The coded columns (a match's reasons, an alert's message, an audit
** entry's summary: "code|name=…")
** said in the user's language, for a terminal; CSV and JSON keep the codes
** for programs. */
static void say_coded(struct ec_table *t)
{
	for (size_t c = 0; c < t->ncols; c++) {
		if (!ec_column_coded(t->names[c]))
			continue;
		for (size_t r = 0; r < t->nrows; r++) {
			char **cell = &t->cells[r * t->ncols + c];
			struct ec_buf b;
			ec_buf_init(&b, 0);
			ec_coded_list(*cell, cli_lang(), &b);
			ec_buf_addc(&b, '\0');
			free(*cell);
			*cell = ec_buf_detach(&b, NULL);
		}
	}
}

/* The time columns (stored in UTC) in Beijing time, for a terminal, as
** the downloads show them; CSV and JSON keep UTC for programs. */
static void say_times(struct ec_table *t)
{
	for (size_t c = 0; c < t->ncols; c++) {
		const struct ec_column_words *w = ec_column_words_find(t->names[c]);
		if (!w || w->decimals != EC_DECIMALS_TIME)
			continue;
		for (size_t r = 0; r < t->nrows; r++) {
			char **cell = &t->cells[r * t->ncols + c], when[32];
			if (ec_beijing_time(*cell, when, sizeof when) == 0) {
				free(*cell);
				*cell = ec_strdup(when);
			}
		}
	}
}

/* A terminal table in Chinese as the downloads show it (src/format/
** export.c): the columns named with their units, the codes of enumerations
** named, figures in the column's unit and decimals, yes/no as 是/否, times
** in Beijing time. The names array is returned for the caller to free. */
static char **say_shown(struct ec_table *t)
{
	struct ec_export x = { EC_FMT_CSV, EC_LANG_ZH, 0 };
	char **names = ec_calloc(t->ncols + 1, sizeof *names);
	struct ec_buf b;

	ec_buf_init(&b, 0);
	for (size_t c = 0; c < t->ncols; c++) {
		char head[256];
		ec_export_header(t, c, &x, head, sizeof head);
		names[c] = ec_strdup(head);
		if (ec_column_coded(t->names[c]))
			continue; /* said by say_coded */
		for (size_t r = 0; r < t->nrows; r++) {
			char **cell = &t->cells[r * t->ncols + c];
			int number;
			ec_export_cell(t, c, *cell, &x, &b, &number);
			ec_buf_addc(&b, '\0');
			free(*cell);
			*cell = ec_strdup(b.data);
		}
	}
	ec_buf_release(&b);
	say_coded(t);
	t->names = (const char *const *)names;
	return names;
}

int cli_write_table(struct ec_table *t, enum ec_format fmt)
{
	char **names = NULL;
	int rc;

	if (fmt == EC_FMT_TABLE && cli_lang() == EC_LANG_ZH) {
		names = say_shown(t);
	} else if (fmt == EC_FMT_TABLE) {
		say_coded(t);
		say_times(t);
	}
	if (fmt == EC_FMT_XLSX)
		rc = write_workbook(t);
	else
		rc = ec_table_write(t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(t);
	for (size_t c = 0; names && names[c]; c++)
		free(names[c]);
	free(names);
	return rc;
}

static enum ec_lang lang = EC_LANG_EN;

enum ec_lang cli_lang(void)
{
	return lang;
}

void cli_lang_from_env(void)
{
	static const char *const vars[] = { "ECHELON_LANG", "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *env = NULL;

	for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !(env && *env); i++)
		env = getenv(vars[i]);
	lang = ec_lang_parse(env) == EC_LANG_ZH ? EC_LANG_ZH : EC_LANG_EN;
}

int cli_set_lang(const struct cli_args *a)
{
	int l;

	if (!a->lang)
		return EC_EXIT_OK;
	if ((l = ec_lang_parse(a->lang)) < 0)
		return cli_usage(a, "--lang field.enum|value=%s|expected=en or zh", a->lang);
	lang = (enum ec_lang)l;
	return EC_EXIT_OK;
}

static void print_problem(const struct ec_problem *p, const char *prefix)
{
	struct ec_buf b;

	ec_buf_init(&b, 0);
	if (prefix)
		ec_buf_adds(&b, prefix);
	ec_problem_format(p, lang, &b);
	fprintf(stderr, "%s\n", b.data ? b.data : "");
	ec_buf_release(&b);
}

/* When the list was cut: every kind of problem, how many, and where the
** first ones are, so that a few real errors are not lost among hundreds of
** one kind. */
static void print_groups(const struct ec_diag *d)
{
	if (!d->ngroups || d->total <= d->kept)
		return;
	fprintf(stderr, lang == EC_LANG_ZH ? "按类别：\n" : "by kind:\n");
	for (size_t i = 0; i < d->ngroups; i++) {
		const struct ec_diag_group *g = &d->groups[i];
		struct ec_buf b;
		ec_buf_init(&b, 0);
		ec_buf_printf(&b, lang == EC_LANG_ZH ? "  %zu 处：" : "  %zu × ", g->count);
		ec_problem_format(&g->first, lang, &b);
		if (g->nlines) {
			ec_buf_adds(&b, lang == EC_LANG_ZH ? "（首见于第 " : " (first at lines ");
			for (size_t k = 0; k < g->nlines; k++)
				ec_buf_printf(&b, "%s%ld", k ? (lang == EC_LANG_ZH ? "、" : ", ") : "", g->lines[k]);
			ec_buf_adds(&b, g->count > g->nlines ? (lang == EC_LANG_ZH ? " 等行）" : " …)") : (lang == EC_LANG_ZH ? " 行）" : ")"));
		}
		fprintf(stderr, "%s\n", b.data ? b.data : "");
		ec_buf_release(&b);
	}
	if (d->ungrouped)
		fprintf(stderr, lang == EC_LANG_ZH ? "  另有 %zu 处其他类别的问题\n" : "  %zu more of other kinds\n", d->ungrouped);
}

void cli_print_diag(const struct ec_diag *d)
{
	for (size_t i = 0; i < d->kept; i++)
		print_problem(&d->problems[i], NULL);
	if (d->total > d->kept && lang == EC_LANG_ZH)
		fprintf(stderr, "……另有 %zu 个问题未列出\n", d->total - d->kept);
	else if (d->total > d->kept)
		fprintf(stderr, "... and %zu more problem%s\n", d->total - d->kept, d->total - d->kept == 1 ? "" : "s");
	print_groups(d);
}

int cli_refused(int status, const struct ec_diag *d, const char *subject)
{
	char prefix[256];

	snprintf(prefix, sizeof prefix, "echelon: %s%s", subject ? subject : "", subject ? ": " : "");
	for (size_t i = 0; i < d->kept; i++)
		print_problem(&d->problems[i], prefix);
	if (d->total > d->kept && lang == EC_LANG_ZH)
		fprintf(stderr, "echelon: ……另有 %zu 个问题未列出\n", d->total - d->kept);
	else if (d->total > d->kept)
		fprintf(stderr, "echelon: ... and %zu more problem%s\n", d->total - d->kept,
			d->total - d->kept == 1 ? "" : "s");
	return ec_exit_code(status);
}

/* Making the column store from the database takes seconds at national
** scale: on a terminal, a line that says so and counts up. */
static void facts_progress(void *ctx, double fraction)
{
	int *shown = ctx;
	int pct = (int)(fraction * 100.0);

	if (pct == *shown)
		return;
	*shown = pct;
	fprintf(stderr, "\r%s %3d %%%s", lang == EC_LANG_ZH ? "echelon: 正在由数据库生成列存储" :
				       "echelon: building the column store from the database", pct,
		pct >= 100 ? "\n" : "");
	fflush(stderr);
}

int cli_open_app(const struct cli_args *a, int flags, struct ec_app **app)
{
	const char *db = cli_opt(a, "db");
	char *err = NULL;
	int rc;

	*app = NULL;
	if (!db || !*db)
		return cli_usage(a, "cli.required|option=--db|arg=FILE");
	rc = ec_app_open(db, flags, app, &err);
	if (rc != EC_OK) {
		rc = ec_exit_code(rc) == EC_EXIT_USAGE ? EC_EXIT_USAGE : EC_EXIT_IO;
		cli_fail(rc, "%s", err);
		free(err);
		return rc;
	}
	if (isatty(STDERR_FILENO)) {
		static int shown = -1;
		ec_app_facts_progress(*app, facts_progress, &shown);
	}
	return EC_EXIT_OK;
}

int cli_actor(const struct cli_args *a, struct ec_app *app, struct ec_actor *who)
{
	struct passwd *pw;
	struct ec_diag d;
	int rc;

	if (!a->as) {
		pw = getpwuid(getuid());
		ec_actor_login(who, pw ? pw->pw_name : NULL);
		return EC_EXIT_OK;
	}
	ec_diag_init(&d, 4);
	rc = ec_app_actor_as(app, a->as, who, &d);
	rc = rc == EC_OK ? EC_EXIT_OK : cli_refused(rc, &d, NULL);
	ec_diag_release(&d);
	return rc;
}

int cli_import(const struct cli_args *a, cli_import_fn import, const char *what, const char *path)
{
	struct ec_actor who;
	struct ec_app *app;
	struct ec_csv file;
	struct ec_diag d;
	int64_t rows = 0;
	int rc, status;

	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	if (ec_csv_open(&file, path) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", file.error);
		goto out;
	}
	ec_diag_init(&d, 100);
	status = import(app, &who, what, path, file.data, file.len, &rows, &d);
	if (status == EC_OK) {
		printf("%s: %lld row%s of %s imported\n", path, (long long)rows, rows == 1 ? "" : "s", what);
		rc = EC_EXIT_OK;
	} else if (status == EC_EDATA) {
		cli_print_diag(&d);
		if (lang == EC_LANG_ZH)
			rc = cli_fail(EC_EXIT_DATA, "%s：文件被拒收，共有 %zu 个问题，未导入任何数据", path, d.total);
		else
			rc = cli_fail(EC_EXIT_DATA, "%s: rejected, %zu problem%s; nothing was stored", path, d.total,
				      d.total == 1 ? "" : "s");
	} else {
		rc = cli_refused(status, &d, path);
	}
	ec_diag_release(&d);
	ec_csv_release(&file);
out:
	ec_app_close(app);
	return rc;
}

int cli_export(const struct cli_args *a, cli_export_fn export, const char *what)
{
	struct ec_app *app;
	char *err = NULL;
	int rc, status;

	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if ((status = export(app, what, stdout, &err)) != EC_OK) {
		rc = cli_fail(status == EC_EUSAGE ? EC_EXIT_USAGE : EC_EXIT_IO, "%s", err);
		free(err);
	}
	ec_app_close(app);
	return rc;
}

int cli_change(const struct cli_args *a, cli_change_fn change, void *ctx, const char *what, const char *code,
	       const char *done)
{
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	int rc;

	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) == EC_EXIT_OK) {
		ec_diag_init(&d, 100);
		rc = cli_changed(change(app, &who, ctx, &d), &d, what, code, done);
		ec_diag_release(&d);
	}
	ec_app_close(app);
	return rc;
}

int cli_changed(int status, struct ec_diag *d, const char *what, const char *code, const char *done)
{
	char subject[80];

	if (status == EC_OK) {
		printf("%s %s %s\n", what, code, done);
		return EC_EXIT_OK;
	}
	snprintf(subject, sizeof subject, "%s %.40s", what, code);
	return cli_refused(status, d, subject);
}
