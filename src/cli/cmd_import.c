/*
** echelon import / export: CSV data in and out of a database.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/intake.h"

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

static int import_run(struct cli_args *a)
{
	struct ec_import_opts opts = { 0, NULL, NULL, NULL };
	struct ec_import_result res;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_diag d;
	struct progress p;
	int kind, rc, status;

	kind = ec_intake_kind_parse(a->positional[0]);
	if (kind < 0)
		return cli_usage(a, "'%s': expected enterprises, reports or deflators", a->positional[0]);
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK) {
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
	status = ec_app_import_file(app, &who, (enum ec_intake_kind)kind, a->positional[1], &opts, &res, &d);
	cli_print_diag(&d);
	if (status == EC_EDATA) {
		rc = cli_fail(EC_EXIT_DATA, "%s: rejected, %zu problem%s in %lld row%s; nothing was stored",
			      a->positional[1], d.total, d.total == 1 ? "" : "s", (long long)res.rows,
			      res.rows == 1 ? "" : "s");
	} else if (status != EC_OK) {
		/* the problems were printed above; the exit code is the status's */
		rc = cli_fail(ec_exit_code(status), "%s: not imported; nothing was stored", a->positional[1]);
	} else if (opts.dry_run) {
		if (!cli_opt(a, "quiet"))
			printf("%s: %lld row%s of %s checked, no problems (dry run, nothing stored)\n",
			       a->positional[1], (long long)res.rows, res.rows == 1 ? "" : "s", a->positional[0]);
		rc = EC_EXIT_OK;
	} else {
		if (!cli_opt(a, "quiet"))
			printf("%s: %lld row%s of %s imported (sha256 %.16s…)\n", a->positional[1],
			       (long long)res.inserted, res.inserted == 1 ? "" : "s", a->positional[0], res.sha256);
		rc = EC_EXIT_OK;
	}
	ec_diag_release(&d);
	ec_app_close(app);
	return rc;
}

static int export_run(struct cli_args *a)
{
	struct ec_app *app = NULL;
	char *err = NULL;
	int kind, from, to, rc;

	kind = ec_intake_kind_parse(a->positional[0]);
	if (kind < 0)
		return cli_usage(a, "'%s': expected enterprises, reports or deflators", a->positional[0]);
	if ((rc = cli_period(a, "from", &from)) || (rc = cli_period(a, "to", &to)))
		return rc;
	if (from >= 0 && to >= 0 && from > to)
		return cli_usage(a, "--from %s is after --to %s", cli_opt(a, "from"), cli_opt(a, "to"));
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
	{ "quiet", NULL, "print nothing on success" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_import = {
	"import", import_run, 2, 2, "enterprises|reports|deflators FILE --db FILE [--dry-run]",
	"check a CSV file and load it, all or nothing",
	"Every row is checked; every problem is printed as FILE:LINE: column NAME: what\n"
	"(the first 100, then a count of the rest). One bad row rejects the whole\n"
	"file and the database stays exactly as it was. Importing the same rows\n"
	"again updates them. The formats are in docs/formats.md.\n\n"
	"Exit status: 0 stored, 2 usage, 3 data rejected, 4 file or database error.",
	import_opts, NULL, CLI_ACTS,
};

static const struct cli_option export_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "from", "YYYY-MM", "first period (reports, deflators)" },
	{ "to", "YYYY-MM", "last period (reports, deflators)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_export = {
	"export", export_run, 1, 1, "enterprises|reports|deflators --db FILE [--from P] [--to P]",
	"write a kind of data as CSV to standard output",
	"Writes the import format, so that export and import round-trip.",
	export_opts, NULL, CLI_READS,
};
