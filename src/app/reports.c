/*
** Reports: the monthly bulletin as the command line and the server give it
** (one function for both), and the PDF: the bulletin's HTML printed by
** headless Chromium run as a child process, with a timeout and a limit on
** renders at once (docs/architecture.md, "Reports").
*/
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app_int.h"
#include "echelon/bulletin.h"
#include "echelon/report.h"

extern char **environ;

static atomic_int renders_running;

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* The program that prints: $ECHELON_CHROMIUM, else chromium on the PATH,
** or rather the browser that chromium runs where it is Debian's wrapper
** (DIR/chromium a shell script that runs DIR/../lib/chromium/chromium
** after reading /etc/chromium.d: a shell, findmnt and flags for a desktop,
** extensions and GPU rasterisation, that a print does without).
** Returns 0 with path, or -1. */
static int find_chromium(char *path, size_t size)
{
	const char *given = getenv("ECHELON_CHROMIUM"), *dirs = getenv("PATH");

	if (given && *given) {
		snprintf(path, size, "%s", given);
		return access(path, X_OK) == 0 ? 0 : -1;
	}
	for (const char *p = dirs ? dirs : "/usr/bin:/bin"; *p;) {
		size_t len = strcspn(p, ":");
		snprintf(path, size, "%.*s/chromium", (int)len, p);
		if (len && access(path, X_OK) == 0) {
			char browser[4200];
			snprintf(browser, sizeof browser, "%.*s/../lib/chromium/chromium", (int)len, p);
			if (access(browser, X_OK) == 0 && strlen(browser) < size)
				snprintf(path, size, "%s", browser);
			return 0;
		}
		p += len + (p[len] == ':');
	}
	return -1;
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static int read_file(const char *path, struct ec_buf *out)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!f)
		return -1;
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = ec_buf_add(out, chunk, n);
	fclose(f);
	return rc;
}

/* Chromium's command line up to each printer's own part, as both start it
** (here, one process per print; printer.c, one kept): chromium, headless,
** without sandbox or GPU (a server's child, not a desktop), nothing
** fetched, reported or set up on first run, and no omnibox popup made
** ready in advance (headless Chromium is the whole browser: at start it
** loads that popup's WebUI page, a renderer and some 600 modules, for a
** window nobody sees; docs/performance.md). Returns how many of argv. */
size_t app_chromium_argv(const char *chromium, char **argv)
{
	static const char *const flags[] = { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					     "--disable-extensions", "--disable-crash-reporter",
					     "--disable-background-networking", "--disable-component-update",
					     "--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup" };
	size_t k = 0;

	argv[k++] = (char *)chromium;
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		argv[k++] = (char *)flags[i];
	return k;
}

/* The environment Chromium runs in: this process's, with home ("HOME=...")
** of its own and no session bus to wait for. The caller frees the array
** (not its strings). */
char **app_chromium_env(char *home)
{
	size_t nenv = 0, k = 0;
	char **envp;

	while (environ[nenv])
		nenv++;
	envp = ec_malloc((nenv + 3) * sizeof *envp);
	for (size_t i = 0; i < nenv; i++)
		if (strncmp(environ[i], "HOME=", 5) != 0 && strncmp(environ[i], "DBUS_SESSION_BUS_ADDRESS=", 25) != 0)
			envp[k++] = environ[i];
	envp[k++] = home;
	envp[k++] = "DBUS_SESSION_BUS_ADDRESS=disabled:";
	envp[k] = NULL;
	return envp;
}

/* Prints html to a PDF appended to out. Returns 0, or EC_EIO with a
** problem report.render in d (no printer, it failed, it took longer than
** timeout_s). The temporary directory is removed in every case. */
int app_print_pdf(const char *html, size_t len, double timeout_s, struct ec_buf *out, struct ec_diag *d)
{
	char dir[4096], page[4200], pdf[4200], profile[4200], log[4200], chromium[4096], url[4300], print_to[4300],
		user_dir[4300], home[4300];
	const char *tmp = getenv("TMPDIR");
	char *argv[16], **envp = NULL;
	const char *reason = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	size_t k = 0;
	pid_t pid;
	int status = 0, rc = EC_EIO, done = 0;
	double start;

	if (find_chromium(chromium, sizeof chromium) != 0) {
		ec_diag_problem(d, "report.render", NULL, 0, NULL, "cause", "chromium not found", NULL);
		return EC_EIO;
	}
	if (app_printer_kept()) { /* a long-running process: the browser kept (printer.c) */
		if (app_kept_print(chromium, html, len, timeout_s, out, &reason) == 0)
			return EC_OK;
		ec_diag_problem(d, "report.render", NULL, 0, NULL, "cause", reason, NULL);
		return EC_EIO;
	}
	snprintf(dir, sizeof dir, "%s/echelon-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		ec_diag_problem(d, "report.render", NULL, 0, NULL, "cause", "no temporary directory", NULL);
		return EC_EIO;
	}
	snprintf(page, sizeof page, "%s/bulletin.html", dir);
	snprintf(pdf, sizeof pdf, "%s/bulletin.pdf", dir);
	snprintf(profile, sizeof profile, "%s/profile", dir);
	snprintf(log, sizeof log, "%s/chromium.log", dir);
	if (write_file(page, html, len) != 0) {
		reason = "no temporary directory";
		goto out;
	}
	snprintf(url, sizeof url, "file://%s", page);
	snprintf(print_to, sizeof print_to, "--print-to-pdf=%s", pdf);
	snprintf(user_dir, sizeof user_dir, "--user-data-dir=%s", profile);
	snprintf(home, sizeof home, "HOME=%s", dir);
	k = app_chromium_argv(chromium, argv);
	argv[k++] = "--no-pdf-header-footer";
	argv[k++] = user_dir;
	argv[k++] = print_to;
	argv[k++] = url;
	argv[k] = NULL;
	envp = app_chromium_env(home);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID); /* its own group: killed whole on a timeout */
	start = ec_seconds();
	if (posix_spawn(&pid, chromium, &fa, &attr, argv, envp) != 0) {
		reason = "chromium failed";
	} else {
		while (!done) {
			pid_t w = waitpid(pid, &status, WNOHANG);
			if (w == pid || (w < 0 && errno != EINTR)) {
				done = 1;
			} else if (ec_seconds() - start > timeout_s) {
				kill(-pid, SIGKILL);
				waitpid(pid, &status, 0);
				reason = "chromium took too long";
				done = 1;
			} else {
				struct timespec pause = { 0, 20 * 1000000L };
				nanosleep(&pause, NULL);
			}
		}
		kill(-pid, SIGKILL); /* what it left behind */
		if (!reason && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			reason = "chromium failed";
		if (!reason && read_file(pdf, out) != 0)
			reason = "chromium wrote no PDF";
	}
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (!reason)
		rc = EC_OK;
out:
	if (reason)
		ec_diag_problem(d, "report.render", NULL, 0, NULL, "cause", reason, NULL);
	free(envp);
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc;
}

/* Takes one of the EC_REPORT_RENDERS_MAX renders (give it back with
** render_end). Returns 0, or EC_ELIMIT with report.busy in d. */
int app_render_begin(struct ec_diag *d)
{
	char max[16];

	if (atomic_fetch_add(&renders_running, 1) < EC_REPORT_RENDERS_MAX)
		return EC_OK;
	atomic_fetch_sub(&renders_running, 1);
	snprintf(max, sizeof max, "%d", EC_REPORT_RENDERS_MAX);
	ec_diag_problem(d, "report.busy", NULL, 0, NULL, "max", max, NULL);
	return EC_ELIMIT;
}

void app_render_end(void)
{
	atomic_fetch_sub(&renders_running, 1);
}

/* Whether who may read bulletins: every role but enterprise (a bulletin
** is a publication under the disclosure control; an enterprise account is
** scoped to its own figures). */
int app_report_may_read(const struct ec_actor *who)
{
	return who->role != EC_ROLE_ENTERPRISE;
}

int ec_app_report_bulletin(const struct ec_monitor *cube, const struct ec_catalog *cat, const struct ec_actor *who,
			   const struct ec_report_query *q, struct ec_buf *out, struct ec_diag *d)
{
	struct ec_bulletin b;
	struct ec_sdc_rule rule;
	struct ec_buf html;
	char *err = NULL, p[8];
	int rc, first, last, counted = 0;

	if (!app_report_may_read(who)) {
		ec_diag_problem(d, "request.role", NULL, 0, NULL, "role", ec_role_name(who->role), NULL);
		return EC_EDENIED;
	}
	if (!cube) {
		ec_diag_problem(d, "monitor.no_data", NULL, 0, NULL, NULL);
		return EC_ENOTFOUND;
	}
	ec_monitor_range(cube, &first, &last);
	if (q->period < first || q->period > last) {
		char f[8] = "", l[8] = "";
		ec_period_format(q->period, p);
		if (first >= 0)
			ec_period_format(first, f), ec_period_format(last, l);
		ec_diag_problem(d, "report.period", NULL, 0, "period", "value", p, "first", f, "last", l, NULL);
		return EC_ENOTFOUND;
	}
	if (q->region && *q->region && !ec_catalog_find_region(cat, q->region, strlen(q->region))) {
		ec_diag_problem(d, "region.unknown", NULL, 0, "region", "value", q->region, NULL);
		return EC_ENOTFOUND;
	}
	if (q->format == EC_REPORT_PDF) { /* the limit, before any work */
		if ((rc = app_render_begin(d)) != EC_OK)
			return rc;
		counted = 1;
	}
	ec_sdc_rule_default(&rule);
	rc = ec_bulletin_make(cube, cat, q->period, q->region, &rule, &b, &err);
	if (rc == EC_ENOTFOUND) { /* a region of the catalogue without a figure in the cube */
		ec_diag_problem(d, "region.unknown", NULL, 0, "region", "value", q->region ? q->region : "", NULL);
		goto out;
	}
	if (rc != EC_OK) {
		ec_diag_at(d, NULL, 0, "period", "%s", err ? err : "the figures cannot be made");
		goto out;
	}
	switch (q->format) {
	case EC_REPORT_TEXT:
		rc = ec_bulletin_text(&b, q->lang, out);
		if (rc == EC_OK)
			rc = ec_buf_addc(out, '\n');
		break;
	case EC_REPORT_HTML:
		rc = ec_bulletin_html(&b, q->lang, out);
		break;
	case EC_REPORT_XLSX: {
		struct ec_table t[EC_BULLETIN_NTABLES];
		const struct ec_table *tp[EC_BULLETIN_NTABLES];
		const char *sheets[EC_BULLETIN_NTABLES];
		struct ec_export x = { EC_FMT_XLSX, q->lang, 0 };
		ec_bulletin_tables(&b, q->lang, t, sheets);
		for (int i = 0; i < EC_BULLETIN_NTABLES; i++)
			tp[i] = &t[i];
		rc = ec_tables_export(tp, sheets, EC_BULLETIN_NTABLES, &x, out, &err);
		if (rc != EC_OK)
			ec_diag_problem(d, "report.render", NULL, 0, NULL, "cause", "workbook not written", NULL);
		for (int i = 0; i < EC_BULLETIN_NTABLES; i++)
			ec_table_release(&t[i]);
		break;
	}
	case EC_REPORT_PDF:
		ec_buf_init(&html, 0);
		ec_bulletin_html(&b, q->lang, &html);
		rc = app_print_pdf(html.data, html.len, EC_REPORT_RENDER_TIMEOUT_S, out, d);
		ec_buf_release(&html);
		break;
	}
	if (rc == EC_ELIMIT)
		ec_diag_problem(d, "report.render", NULL, 0, NULL, "cause", "too large", NULL);
out:
	if (counted)
		app_render_end();
	free(err);
	return rc;
}

/* ---- the library of published reports ---- */

int ec_app_report_publish(struct ec_app *app, const struct ec_monitor *cube, const struct ec_catalog *cat,
			  const struct ec_actor *who, const struct ec_report_query *q, int64_t *id, struct ec_diag *d)
{
	struct ec_report_query as = *q;
	struct ec_published p;
	struct ec_buf html, xlsx;
	char id_text[24];
	int rc;

	*id = 0;
	if ((rc = app_allow(who, EC_MAY_PUBLISH, d)) != EC_OK)
		return rc;
	ec_buf_init(&html, 0);
	ec_buf_init(&xlsx, 0);
	as.format = EC_REPORT_HTML;
	rc = ec_app_report_bulletin(cube, cat, who, &as, &html, d);
	as.format = EC_REPORT_XLSX;
	if (rc == EC_OK)
		rc = ec_app_report_bulletin(cube, cat, who, &as, &xlsx, d);
	if (rc == EC_OK && (rc = app_begin(app, d)) == EC_OK) {
		memset(&p, 0, sizeof p);
		snprintf(p.kind, sizeof p.kind, "bulletin");
		ec_period_format(q->period, p.period);
		snprintf(p.region, sizeof p.region, "%s", q->region ? q->region : "");
		snprintf(p.lang, sizeof p.lang, "%s", q->lang == EC_LANG_EN ? "en" : "zh");
		p.generation = app->facts_before; /* the figures' generation, read in this transaction */
		snprintf(p.made_by, sizeof p.made_by, "%s", who->name);
		p.html = html.data, p.html_len = html.len;
		p.xlsx = xlsx.data, p.xlsx_len = xlsx.len;
		rc = ec_store_published_add(app->store, &p) == EC_OK ? EC_OK : app_store_failed(app, d);
		snprintf(id_text, sizeof id_text, "%lld", (long long)p.id);
		rc = app_end(app, rc, who, d, "report.publish", id_text,
			     "audit.report|kind=bulletin|period=%s|region=%s|lang=%s|generation=%lld", p.period,
			     *p.region ? p.region : "national", p.lang, (long long)p.generation);
		if (rc == EC_OK)
			*id = p.id;
	}
	ec_buf_release(&html);
	ec_buf_release(&xlsx);
	return rc;
}

/* Whether cube measures period at comparable prices: the national
** totals, January to it, need no deflator that is missing (the bulletin's
** figures then do not either: the same reports, broken down). */
static int measurable(const struct ec_monitor *cube, int period)
{
	struct ec_monitor_row *rows = NULL;
	size_t n = 0;
	char *err = NULL;
	int rc = ec_monitor_query(cube, period, EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n, &err);

	free(rows);
	free(err);
	return rc == EC_OK;
}

int ec_app_report_last_period(const struct ec_monitor *cube)
{
	int first = -1, last = -1;

	if (cube)
		ec_monitor_range(cube, &first, &last);
	while (last >= 0 && last >= first && !measurable(cube, last))
		last--;
	return last >= first ? last : -1;
}

int ec_app_report_after_import(struct ec_app *app, const struct ec_monitor *cube, const struct ec_catalog *cat,
			       const struct ec_actor *who, int last_before, int64_t *id, int *period, struct ec_diag *d)
{
	struct ec_report_query q = { ec_app_report_last_period(cube), "", EC_LANG_ZH, EC_REPORT_HTML };
	struct ec_diag mine;
	int rc;

	*id = 0;
	*period = -1;
	if (q.period < 0 || q.period <= last_before)
		return EC_OK;
	/* The last month measured at comparable prices, deflators and all:
	** a month whose reports came before its deflators is published by
	** the deflators' import, once (the month is measured before the next
	** import). */
	ec_diag_init(&mine, 4);
	rc = ec_app_report_publish(app, cube, cat, who, &q, id, &mine);
	if (rc == EC_EDATA)
		rc = EC_OK;
	else if (rc != EC_OK)
		for (size_t i = 0; i < mine.kept; i++)
			ec_diag_put(d, NULL, 0, &mine.problems[i]);
	if (rc == EC_OK && *id)
		*period = q.period;
	ec_diag_release(&mine);
	return rc;
}

static const char *const library_cols[] = { "id", "kind", "period", "region", "lang", "generation", "user",
					     "created_at" };
static const enum ec_col_kind library_kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT };

static int add_published(void *ctx, const struct ec_published *p)
{
	char id[24], generation[24];

	snprintf(id, sizeof id, "%lld", (long long)p->id);
	snprintf(generation, sizeof generation, "%lld", (long long)p->generation);
	ec_table_addv(ctx, id, p->kind, p->period, p->region, p->lang, generation, p->made_by, p->made_at);
	return 0;
}

int ec_app_reports_table(struct ec_app *app, int64_t limit, struct ec_table *t)
{
	int rc;

	ec_table_init(t, 8, library_cols, library_kinds);
	rc = ec_store_published_each(app->store, limit, add_published, t);
	return app_each_status(rc);
}

struct published_ctx {
	enum ec_report_format format;
	struct ec_buf *out;
	struct ec_diag *d;
	int rc;
};

static int published_one(void *ctx, const struct ec_published *p)
{
	struct published_ctx *c = ctx;

	switch (c->format) {
	case EC_REPORT_HTML:
		c->rc = ec_buf_add(c->out, p->html, p->html_len);
		break;
	case EC_REPORT_XLSX:
		c->rc = ec_buf_add(c->out, p->xlsx, p->xlsx_len);
		break;
	case EC_REPORT_PDF:
		if ((c->rc = app_render_begin(c->d)) == EC_OK) {
			c->rc = app_print_pdf(p->html, p->html_len, EC_REPORT_RENDER_TIMEOUT_S, c->out, c->d);
			app_render_end();
		}
		break;
	default:
		ec_diag_problem(c->d, "field.enum", NULL, 0, "format", "value", "text", "expected", "html, xlsx or pdf", NULL);
		c->rc = EC_EUSAGE;
	}
	return 0;
}

int ec_app_report_published(struct ec_app *app, const struct ec_actor *who, int64_t id, enum ec_report_format format,
			    struct ec_buf *out, struct ec_diag *d)
{
	struct published_ctx c = { format, out, d, EC_OK };
	char text[24];
	int rc;

	if (!app_report_may_read(who)) {
		ec_diag_problem(d, "request.role", NULL, 0, NULL, "role", ec_role_name(who->role), NULL);
		return EC_EDENIED;
	}
	rc = ec_store_published_get(app->store, id, published_one, &c);
	if (rc == EC_ENOTFOUND) {
		snprintf(text, sizeof text, "%lld", (long long)id);
		ec_diag_problem(d, "report.not_found", NULL, 0, "id", "id", text, NULL);
		return rc;
	}
	if (rc != EC_OK)
		return app_store_failed(app, d);
	return c.rc;
}
