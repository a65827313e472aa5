/*
** echelon allocate: the optimal allocation of the fund registry's capital
** to the library's open projects ("funds follow the project"), with what
** each project still lacks and the shadow prices of what binds.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* The quotas file: every row checked; nothing kept when one is wrong. */
static int read_quotas(const char *path, const struct ec_catalog *cat, struct ec_quota **out, size_t *n)
{
	struct ec_csv file;
	struct ec_diag d;
	int rc;

	*out = NULL;
	*n = 0;
	if (ec_csv_open(&file, path) != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", file.error);
	ec_diag_init(&d, 100);
	rc = ec_quota_file_read(cat, path, file.data, file.len, out, n, &d) == EC_OK
		     ? EC_EXIT_OK
		     : (cli_print_diag(&d), cli_fail(EC_EXIT_DATA, "cli.rejected_allocation|file=%s", path));
	ec_diag_release(&d);
	ec_csv_release(&file);
	return rc;
}

struct steps {
	struct timespec start;
};

/* On a terminal: each step of the allocation as it starts, with the time
** so far, so that a national run of minutes is not silent. */
static void show_step(void *ctx, const char *step)
{
	struct steps *st = ctx;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	fprintf(stderr, "allocate: %6.1f s  %s\n",
		(double)(now.tv_sec - st->start.tv_sec) + (double)(now.tv_nsec - st->start.tv_nsec) / 1e9, step);
}

/* A run as a table (three of them), CSV (the plan), a workbook (a sheet
** each) or one JSON object. Returns 0 or an exit code. */
static int write_allocation(struct ec_allocation *run, enum ec_format fmt)
{
	int rc;

	if (fmt == EC_FMT_XLSX) {
		const struct ec_table *t[] = { &run->plan, &run->lacking, &run->prices };
		struct ec_export x = { EC_FMT_XLSX, cli_lang(), 0 };
		struct ec_buf b;
		char *err = NULL;
		ec_buf_init(&b, 0);
		rc = ec_tables_export(t, ec_allocation_sheets[x.lang], 3, &x, &b, &err) == EC_OK ? EC_EXIT_OK
							: cli_fail(EC_EXIT_IO, "%s", err);
		if (rc == EC_EXIT_OK && (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0))
			rc = cli_fail(EC_EXIT_IO, "cli.write_workbook");
		free(err);
		ec_buf_release(&b);
		return rc;
	}
	if (fmt == EC_FMT_TABLE) {
		char p[8];
		ec_period_format(run->period, p);
		printf("allocation at %s: %s; objective %.1f (LP bound %.1f)\n\nplan:\n", p, run->result.status,
		       run->result.objective, run->result.lp_bound);
		if (ec_table_write(&run->plan, fmt, stdout) != EC_OK)
			return EC_EXIT_IO;
		printf("\nstill lacking:\n");
		if (ec_table_write(&run->lacking, fmt, stdout) != EC_OK)
			return EC_EXIT_IO;
		printf("\nbinding constraints and shadow prices (LP relaxation):\n");
	} else if (fmt == EC_FMT_JSON) {
		char *p1 = ec_table_string(&run->plan, fmt, NULL), *p2 = ec_table_string(&run->lacking, fmt, NULL);
		printf("{\"status\":\"%s\",\"objective\":%.17g,\"lp_bound\":%.17g,\"gap_pct\":%.17g,\"plan\":%s,"
		       "\"lacking\":%s,\"binding\":",
		       run->result.status, run->result.objective, run->result.lp_bound, run->result.gap_pct, p1, p2);
		free(p1);
		free(p2);
	}
	if (fmt == EC_FMT_CSV)
		rc = ec_table_write(&run->plan, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	else
		rc = ec_table_write(&run->prices, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	if (fmt == EC_FMT_JSON)
		printf("}\n");
	return rc;
}

int cli_allocation_options(struct cli_args *a, struct ec_allocation_request *rq)
{
	int rc, period;

	ec_allocation_request_init(rq);
	if (cli_opt(a, "time-limit")) {
		const char *v = cli_opt(a, "time-limit"), *why;
		if (ec_number_parse(v, strlen(v), &rq->opts.time_limit_s, &why) || rq->opts.time_limit_s <= 0)
			return cli_usage(a, "--time-limit cli.seconds|value=%s", v);
	}
	rq->opts.mip = !cli_opt(a, "lp");
	if (cli_opt(a, "objective")) {
		const char *v = cli_opt(a, "objective");
		if (!strcmp(v, "amount"))
			rq->opts.objective = EC_ALLOC_AMOUNT;
		else if (!strcmp(v, "share"))
			rq->opts.objective = EC_ALLOC_SHARE;
		else
			return cli_usage(a, "--objective field.enum|value=%s|expected=amount or share", v);
	}
	if (cli_opt(a, "solver") && ec_alloc_solver_parse(cli_opt(a, "solver"), &rq->opts.solver) != EC_OK)
		return cli_usage(a, "--solver field.enum|value=%s|expected=coin or glpk", cli_opt(a, "solver"));
	if (cli_opt(a, "year") && cli_opt(a, "period"))
		return cli_usage(a, "--period field.exclusive|with=--year");
	if ((rc = cli_period(a, "period", &period)) != EC_EXIT_OK)
		return rc;
	rq->period = period > 0 ? period : 0;
	if (cli_opt(a, "year")) {
		/* --year Y: the gaps left at the end of Y */
		char *end;
		long y = strtol(cli_opt(a, "year"), &end, 10);
		if (*end || y < 1900 || y > 2999)
			return cli_usage(a, "--year year.invalid|value=%s", cli_opt(a, "year"));
		rq->period = ec_period_make((int)y, 12);
	}
	return EC_EXIT_OK;
}

int cli_allocation_inputs(struct cli_args *a, struct ec_app *app, struct ec_allocation_request *rq,
			  struct ec_quota **quotas)
{
	const struct ec_catalog *cat;
	int rc;

	*quotas = NULL;
	if (ec_app_catalog(app, &cat) != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
	if ((rc = cli_priority_areas(a, cat, &rq->priority_areas)) != EC_EXIT_OK)
		return rc;
	if (cli_opt(a, "quotas") && (rc = read_quotas(cli_opt(a, "quotas"), cat, quotas, &rq->nquotas)) != EC_EXIT_OK)
		return rc;
	rq->quotas = *quotas;
	return EC_EXIT_OK;
}

static int allocate_run(struct cli_args *a)
{
	struct steps steps;
	struct ec_allocation_request rq;
	struct ec_allocation run;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_quota *quotas = NULL;
	FILE *mps = NULL;
	struct ec_diag d;
	enum ec_format fmt;
	int rc, status;

	if ((rc = cli_allocation_options(a, &rq)) != EC_EXIT_OK)
		return rc;
	if (isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &steps.start);
		rq.opts.progress = show_step;
		rq.opts.progress_ctx = &steps;
	}
	/* Writable: the run goes to the audit log. */
	if ((rc = cli_format(a, &fmt)) || (rc = cli_open_app(a, 0, &app)))
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	if ((rc = cli_allocation_inputs(a, app, &rq, &quotas)) != EC_EXIT_OK)
		goto out;
	if (cli_opt(a, "write-mps")) {
		if (!(mps = fopen(cli_opt(a, "write-mps"), "w"))) {
			rc = cli_fail(EC_EXIT_IO, "%s: %s", cli_opt(a, "write-mps"), strerror(errno));
			goto out;
		}
		rq.opts.write_mps = mps;
	}
	ec_diag_init(&d, 4);
	if ((status = ec_app_allocate(app, &who, &rq, &run, &d)) != EC_OK) {
		rc = cli_refused(status, &d, "allocate");
	} else {
		rc = write_allocation(&run, fmt);
		ec_allocation_release(&run);
	}
	ec_diag_release(&d);
	if (mps && fclose(mps) != 0 && rc == EC_EXIT_OK)
		rc = cli_fail(EC_EXIT_IO, "%s: %s", cli_opt(a, "write-mps"), strerror(errno));
	mps = NULL;
out:
	if (mps)
		fclose(mps);
	ec_app_close(app);
	free(quotas);
	return rc;
}

static const struct cli_option allocate_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month whose remaining gaps are funded (default: the latest with progress)" },
	{ "year", "YYYY", "the gaps left at the end of that year" },
	{ "time-limit", "S", "time limit of the MIP in seconds (default 60); the best plan found is reported with its gap" },
	{ "lp", NULL, "solve the LP relaxation only (no whole-ticket choices)" },
	{ "objective", "WHAT", "amount (default: priority x thousand yuan covered) or share (priority x share of each gap)" },
	{ "solver", "NAME", "coin (default: COIN-OR CLP for the LP, CBC for the MIP) or glpk" },
	{ "write-mps", "FILE", "also write the model (the MIP, or the LP with --lp) to FILE as free MPS, for any solver to check" },
	{ "quotas", "FILE", "land and energy quotas by province: region,land_mu,energy_tce" },
	{ "priority-areas", "LIST", "SEI areas whose projects get the priority bonus (+0.2, at most 1), e.g. '1;4'" },
	{ "format", "FMT", "table (default), csv (the plan) or json" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_allocate = {
	"allocate", allocate_run, 0, 0, "--db FILE [--year Y|--period P] [--time-limit S] [--lp] [--objective O]\n"
	"       [--solver coin|glpk] [--write-mps FILE] [--quotas FILE] [--priority-areas LIST] [--format F]",
	"the optimal allocation of funds to projects (COIN-OR CLP/CBC, or GLPK)",
	"Maximises the priority-weighted funding covered, within fund capacities,\n"
	"per-project and per-source gaps, minimum tickets (whole choices), the fund\n"
	"rules and land and energy quotas by province; reports what each project\n"
	"still lacks and the shadow prices of the binding constraints. The gaps and\n"
	"the eligible pairs are those of `fund matches` at the same --period; a\n"
	"project's priority is its matching priority (cluster tier, plus 0.2 in a\n"
	"--priority-areas area, at most 1). Every run is audited.",
	allocate_opts, NULL, CLI_ACTS,
};
