/*
** echelon project, echelon fund and echelon allocate: the project library,
** the fund registry, matching and the optimal allocation of funds to
** projects ("funds follow the project").
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/csv.h"
#include "echelon/funding.h"

int project_edit(struct cli_args *a, int adding);
int fund_edit(struct cli_args *a, int adding);

/* The month to measure at: --period, else the latest month with progress. */
static int measure_period(const struct cli_args *a, const struct ec_funding *f, int *period)
{
	int rc;

	if ((rc = cli_period(a, "period", period)) != EC_EXIT_OK)
		return rc;
	if (*period < 0)
		*period = ec_funding_latest_period(f);
	return EC_EXIT_OK;
}

/* --priority-areas, checked against the catalogue's SEI areas; *areas is
** NULL without the option. */
static int priority_areas(const struct cli_args *a, const struct ec_catalog *cat, const char **areas)
{
	char why[256];

	*areas = cli_opt(a, "priority-areas");
	if (*areas && ec_match_areas_check(cat, *areas, why, sizeof why) != EC_OK)
		return cli_usage(a, "--priority-areas '%s': %s", *areas, why);
	return EC_EXIT_OK;
}

/* What every command of this file does first: the output format, the store
** (writable only to change it), the catalogue and the priority areas. On
** success the caller closes *s and releases *cat; on failure nothing is
** left open. */
static int open_library(struct cli_args *a, int writable, enum ec_format *fmt, struct ec_store **s,
			struct ec_catalog *cat, const char **areas)
{
	int rc;

	*s = NULL;
	if ((rc = cli_format(a, fmt)) || (rc = cli_open_store(a, writable ? 0 : EC_STORE_READONLY, s)))
		return rc;
	if ((rc = cli_load_catalog(*s, cat)) != EC_EXIT_OK) {
		ec_store_close(*s);
		return rc;
	}
	if ((rc = priority_areas(a, cat, areas)) != EC_EXIT_OK) {
		ec_catalog_release(cat);
		ec_store_close(*s);
	}
	return rc;
}

static int writes(const char *verb)
{
	return !strcmp(verb, "import") || !strcmp(verb, "add") || !strcmp(verb, "edit");
}

static int write_table(struct ec_table *t, enum ec_format fmt);

/* The ranked matches of one fund or one project, printed. */
static int print_matches(const struct ec_funding *f, const char *fund, const char *project, int period,
			 const char *areas, enum ec_format fmt)
{
	struct ec_table t;
	char *err = NULL;
	int rc;

	if (ec_funding_matches(f, fund, project, period, areas, &t, &err) != EC_OK) {
		rc = cli_fail(EC_EXIT_DATA, "%s", err);
		free(err);
		return rc;
	}
	return write_table(&t, fmt);
}

static int load(struct ec_store *s, struct ec_funding *f)
{
	char *err = NULL;

	if (ec_funding_load(s, f, &err) != EC_OK) {
		int rc = cli_fail(EC_EXIT_IO, "%s", err);
		free(err);
		return rc;
	}
	return EC_EXIT_OK;
}

static int import_or_export(struct cli_args *a, const char *verb, const char *what)
{
	if (!strcmp(verb, "export"))
		return cli_export(a, ec_app_project_export, what);
	if (a->npositional < 3)
		return cli_usage(a, "import %s: missing FILE", what);
	return cli_import(a, ec_app_project_import, what, a->positional[2]);
}

static int list_projects(struct cli_args *a, struct ec_funding *f, enum ec_format fmt)
{
	static const char *const names[] = { "code", "name", "kind", "category", "cluster", "region", "stage",
					     "total_investment", "start", "end" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT };
	struct ec_table t;
	int rc;

	(void)a;
	ec_table_init(&t, 10, names, kinds);
	for (size_t i = 0; i < f->nprojects; i++) {
		const struct ec_project *p = &f->projects[i];
		char total[32], start[8], end[8];
		ec_number_format(p->total_investment, total);
		ec_period_format(p->start, start);
		ec_period_format(p->end, end);
		ec_table_addv(&t, p->code, p->name, ec_project_kind_name(p->kind), p->category, p->cluster, p->region,
			      ec_stage_name(p->stage), total, start, end);
	}
	rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(&t);
	return rc;
}

static int list_funds(struct ec_funding *f, enum ec_format fmt)
{
	static const char *const names[] = { "code", "name", "type", "capital", "categories", "regions", "stages",
					     "min_ticket", "max_ticket", "max_share", "coinvest" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_TEXT };
	struct ec_table t;
	int rc;

	ec_table_init(&t, 11, names, kinds);
	for (size_t i = 0; i < f->nfunds; i++) {
		const struct ec_fund *x = &f->funds[i];
		char v[4][32], stages[128];
		ec_number_format(x->capital, v[0]);
		ec_number_format(x->min_ticket, v[1]);
		ec_number_format(x->max_ticket, v[2]);
		ec_number_format(x->max_share, v[3]);
		ec_stage_set_format(x->stages, stages, sizeof stages);
		ec_table_addv(&t, x->code, x->name, ec_fund_type_name(x->type), v[0], x->categories, x->regions, stages, v[1],
			      v[2], v[3], ec_coinvest_name(x->coinvest));
	}
	rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(&t);
	return rc;
}

static int write_table(struct ec_table *t, enum ec_format fmt)
{
	int rc = ec_table_write(t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(t);
	return rc;
}

int cmd_project(struct cli_args *a)
{
	const char *verb = a->positional[0];
	struct ec_store *s = NULL;
	struct ec_catalog cat;
	struct ec_funding f;
	enum ec_format fmt;
	struct ec_table t;
	const char *areas;
	int rc, period;

	if (strcmp(verb, "list") && strcmp(verb, "show") && strcmp(verb, "import") && strcmp(verb, "export") &&
	    strcmp(verb, "progress") && strcmp(verb, "alerts") && strcmp(verb, "matches") && strcmp(verb, "add") &&
	    strcmp(verb, "edit"))
		return cli_usage(a, "'%s': expected add, edit, list, show, import, export, progress, alerts or matches", verb);
	if (!strcmp(verb, "add") || !strcmp(verb, "edit"))
		return project_edit(a, !strcmp(verb, "add"));
	if ((rc = open_library(a, writes(verb), &fmt, &s, &cat, &areas)) != EC_EXIT_OK)
		return rc;
	if (!strcmp(verb, "import") || !strcmp(verb, "export")) {
		const char *what = a->npositional > 1 ? a->positional[1] : "";
		rc = !strcmp(what, "projects") || !strcmp(what, "progress")
			     ? import_or_export(a, verb, what)
			     : cli_usage(a, "%s: expected projects or progress", verb);
	} else if ((rc = load(s, &f)) == EC_EXIT_OK) {
		if (!strcmp(verb, "list")) {
			rc = list_projects(a, &f, fmt);
		} else if ((rc = measure_period(a, &f, &period)) != EC_EXIT_OK) {
			;
		} else if (!strcmp(verb, "progress") || !strcmp(verb, "show")) {
			ec_funding_progress(&f, period, &t);
			if (!strcmp(verb, "show")) {
				/* keep the one project */
				const char *code = a->npositional > 1 ? a->positional[1] : "";
				struct ec_table one;
				ec_table_init(&one, t.ncols, t.names, t.kinds);
				for (size_t r = 0; r < t.nrows; r++)
					if (!strcmp(t.cells[r * t.ncols], code))
						ec_table_add(&one, (const char *const *)&t.cells[r * t.ncols]);
				ec_table_release(&t);
				t = one;
				if (!t.nrows) {
					ec_table_release(&t);
					rc = cli_fail(EC_EXIT_DATA, "no project '%s'", code);
					goto out;
				}
			}
			rc = write_table(&t, fmt);
		} else if (!strcmp(verb, "alerts")) {
			struct ec_alert_params ap;
			const char *v, *why;
			double x;
			ec_alert_params_default(&ap);
			if ((v = cli_opt(a, "lag-pp"))) {
				if (ec_number_parse(v, strlen(v), &x, &why) || x <= 0 || x > 100) {
					rc = cli_usage(a, "--lag-pp '%s': expected percentage points from 0 to 100", v);
					goto out;
				}
				ap.lag_threshold_pp = x;
			}
			if ((v = cli_opt(a, "stall-months"))) {
				if (ec_number_parse(v, strlen(v), &x, &why) || x < 1 || x > 120 || x != floor(x)) {
					rc = cli_usage(a, "--stall-months '%s': expected a whole number of months", v);
					goto out;
				}
				ap.stall_months = (int)x;
			}
			ec_funding_alerts(&f, period, &ap, &t);
			rc = write_table(&t, fmt);
		} else {
			rc = a->npositional < 2 ? cli_usage(a, "matches: missing the project CODE")
						: print_matches(&f, NULL, a->positional[1], period, areas, fmt);
		}
out:
		ec_funding_release(&f);
	}
	ec_catalog_release(&cat);
	ec_store_close(s);
	return rc;
}

int cmd_fund(struct cli_args *a)
{
	const char *verb = a->positional[0];
	struct ec_store *s = NULL;
	struct ec_catalog cat;
	struct ec_funding f;
	enum ec_format fmt;
	const char *areas;
	int rc, period;

	if (strcmp(verb, "list") && strcmp(verb, "import") && strcmp(verb, "export") && strcmp(verb, "matches") &&
	    strcmp(verb, "show") && strcmp(verb, "add") && strcmp(verb, "edit"))
		return cli_usage(a, "'%s': expected add, edit, list, show, import, export or matches", verb);
	if (!strcmp(verb, "add") || !strcmp(verb, "edit"))
		return fund_edit(a, !strcmp(verb, "add"));
	if ((rc = open_library(a, writes(verb), &fmt, &s, &cat, &areas)) != EC_EXIT_OK)
		return rc;
	if (!strcmp(verb, "import") || !strcmp(verb, "export")) {
		/* `fund import FILE`: the kind is implied */
		struct cli_args b = *a;
		if (a->npositional == 2) {
			b.positional[2] = a->positional[1];
			b.npositional = 3;
		}
		rc = import_or_export(&b, verb, "funds");
	} else if ((rc = load(s, &f)) == EC_EXIT_OK) {
		if (!strcmp(verb, "list")) {
			rc = list_funds(&f, fmt);
		} else if ((rc = measure_period(a, &f, &period)) != EC_EXIT_OK) {
			;
		} else if (!strcmp(verb, "show") && fmt == EC_FMT_TABLE && a->npositional > 1) {
			/* the fund, then its matches */
			struct ec_funding one = f;
			size_t k;
			for (k = 0; k < f.nfunds && strcmp(f.funds[k].code, a->positional[1]); k++)
				;
			if (k == f.nfunds) {
				rc = cli_fail(EC_EXIT_DATA, "no fund '%s'", a->positional[1]);
			} else {
				one.funds = &f.funds[k];
				one.nfunds = 1;
				list_funds(&one, fmt);
				printf("\nmatching projects, best first:\n");
				rc = print_matches(&f, a->positional[1], NULL, period, areas, fmt);
			}
		} else {
			rc = a->npositional < 2 ? cli_usage(a, "matches: missing the fund CODE")
						: print_matches(&f, a->positional[1], NULL, period, areas, fmt);
		}
		ec_funding_release(&f);
	}
	ec_catalog_release(&cat);
	ec_store_close(s);
	return rc;
}

/* A quota cell: a number, or empty for none (NaN). Returns 0, or 1. */
static int quota_cell(const struct ec_csv_field *f, double *out)
{
	const char *why;

	if (f->n == 0) {
		*out = NAN;
		return 0;
	}
	return ec_number_parse(f->p, f->n, out, &why) != EC_OK;
}

/* Reads "region,land_mu,energy_tce", every row checked against the
** catalogue; nothing is kept when a row is wrong. */
static int read_quotas(const char *path, const struct ec_catalog *cat, struct ec_quota **out, size_t *n)
{
	static const char *const cols[] = { "region", "land_mu", "energy_tce" };
	static const char *const what[] = { "a 6-digit province code", "a number of mu (empty: none)",
					    "tonnes of standard coal (empty: none)" };
	struct ec_csv c;
	struct ec_diag d;
	int got;

	*out = NULL;
	*n = 0;
	if (ec_csv_open(&c, path) != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", c.error);
	ec_diag_init(&d, 100);
	if (ec_csv_check_header(&c, cols, 3, &d) == EC_OK)
		while ((got = ec_csv_next(&c)) != 0) {
			char text[160];
			struct ec_quota q;
			int bad = -1;

			if (got < 0) {
				ec_diag_add(&d, "%s:%ld: %s", path, c.line, c.error);
				break;
			}
			if (c.nfields != 3) {
				ec_diag_add(&d, "%s:%ld: %zu fields; expected 3 (region,land_mu,energy_tce)", path, c.line,
					    c.nfields);
				continue;
			}
			memset(&q, 0, sizeof q);
			if (c.fields[0].n != 6)
				bad = 0;
			else if (quota_cell(&c.fields[1], &q.land_mu))
				bad = 1;
			else if (quota_cell(&c.fields[2], &q.energy_tce))
				bad = 2;
			if (bad >= 0) {
				ec_diag_add(&d, "%s:%ld: column %s: '%.*s': expected %s", path, c.line, cols[bad],
					    (int)(c.fields[bad].n > 40 ? 40 : c.fields[bad].n), c.fields[bad].p, what[bad]);
				continue;
			}
			snprintf(q.region, sizeof q.region, "%.6s", c.fields[0].p);
			if (ec_quota_check(cat, &q, *out, *n, text, sizeof text) != EC_OK) {
				ec_diag_add(&d, "%s:%ld: %s", path, c.line, text);
				continue;
			}
			*out = ec_realloc(*out, (*n + 1) * sizeof **out);
			(*out)[(*n)++] = q;
		}
	cli_print_diag(&d);
	got = d.total ? cli_fail(EC_EXIT_DATA, "%s: rejected; nothing was allocated", path) : EC_EXIT_OK;
	if (got != EC_EXIT_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	ec_diag_release(&d);
	ec_csv_release(&c);
	return got;
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

/* A run as a table (three of them), CSV (the plan) or one JSON object. */
static int write_allocation(struct ec_allocation *run, enum ec_format fmt)
{
	int rc;

	if (fmt == EC_FMT_TABLE) {
		char p[8];
		ec_period_format(run->period, p);
		printf("allocation at %s: %s; objective %.1f (LP bound %.1f)\n\nplan:\n", p, run->result.status,
		       run->result.objective, run->result.lp_bound);
		ec_table_write(&run->plan, fmt, stdout);
		printf("\nstill lacking:\n");
		ec_table_write(&run->lacking, fmt, stdout);
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

int cmd_allocate(struct cli_args *a)
{
	struct steps steps;
	struct ec_allocation_request rq;
	struct ec_allocation run;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_quota *quotas = NULL;
	struct ec_diag d;
	enum ec_format fmt;
	const struct ec_catalog *cat;
	int rc, status, period;

	ec_allocation_request_init(&rq);
	if (cli_opt(a, "time-limit")) {
		const char *v = cli_opt(a, "time-limit"), *why;
		if (ec_number_parse(v, strlen(v), &rq.opts.time_limit_s, &why) || rq.opts.time_limit_s <= 0)
			return cli_usage(a, "--time-limit '%s': expected seconds > 0", v);
	}
	rq.opts.mip = !cli_opt(a, "lp");
	if (cli_opt(a, "objective")) {
		const char *v = cli_opt(a, "objective");
		if (!strcmp(v, "amount"))
			rq.opts.objective = EC_ALLOC_AMOUNT;
		else if (!strcmp(v, "share"))
			rq.opts.objective = EC_ALLOC_SHARE;
		else
			return cli_usage(a, "--objective '%s': expected amount or share", v);
	}
	if (isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &steps.start);
		rq.opts.progress = show_step;
		rq.opts.progress_ctx = &steps;
	}
	if (cli_opt(a, "year") && cli_opt(a, "period"))
		return cli_usage(a, "give --period or --year, not both");
	if ((rc = cli_period(a, "period", &period)) != EC_EXIT_OK)
		return rc;
	rq.period = period > 0 ? period : 0;
	if (cli_opt(a, "year")) {
		/* --year Y: the gaps left at the end of Y */
		char *end;
		long y = strtol(cli_opt(a, "year"), &end, 10);
		if (*end || y < 1900 || y > 2999)
			return cli_usage(a, "--year '%s': expected a year", cli_opt(a, "year"));
		rq.period = ec_period_make((int)y, 12);
	}
	/* Writable: the run goes to the audit log. */
	if ((rc = cli_format(a, &fmt)) || (rc = cli_open_app(a, 0, &app)))
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	if (ec_app_catalog(app, &cat) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		goto out;
	}
	if ((rc = priority_areas(a, cat, &rq.priority_areas)) != EC_EXIT_OK)
		goto out;
	if (cli_opt(a, "quotas") && (rc = read_quotas(cli_opt(a, "quotas"), cat, &quotas, &rq.nquotas)) != EC_EXIT_OK)
		goto out;
	rq.quotas = quotas;
	ec_diag_init(&d, 4);
	if ((status = ec_app_allocate(app, &who, &rq, &run, &d)) != EC_OK) {
		rc = cli_refused(status, &d, "allocate");
	} else {
		rc = write_allocation(&run, fmt);
		ec_allocation_release(&run);
	}
	ec_diag_release(&d);
out:
	ec_app_close(app);
	free(quotas);
	return rc;
}

/* ---- add and edit from options ---- */

static int set_number(const struct cli_args *a, const char *name, double *out)
{
	const char *v = cli_opt(a, name), *why;

	if (!v)
		return EC_EXIT_OK;
	if (ec_number_parse(v, strlen(v), out, &why) != EC_OK || *out < 0)
		return cli_usage(a, "--%s '%s': expected a number >= 0", name, v);
	return EC_EXIT_OK;
}

/* One change of a project or a fund through the application: the subject
** names it in problems. Returns the exit code. */
static int report(int rc, struct ec_diag *d, const char *what, const char *code, int adding)
{
	char subject[80];

	if (rc == EC_OK) {
		printf("%s %s %s\n", what, code, adding ? "added" : "changed");
		return EC_EXIT_OK;
	}
	snprintf(subject, sizeof subject, "%s %.40s", what, code);
	return cli_refused(rc, d, subject);
}

int project_edit(struct cli_args *a, int adding)
{
	static const char *const sources[EC_NSOURCES] = { "budget", "guidance", "bank", "bonds", "social", "own" };
	const char *code = a->npositional > 1 ? a->positional[1] : NULL;
	struct ec_project_change ch;
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	int rc = EC_EXIT_OK, period;

	if (!code)
		return cli_usage(a, "%s: missing the project CODE", adding ? "add" : "edit");
	ec_project_change_init(&ch);
	ch.name = cli_opt(a, "name");
	ch.owner = cli_opt(a, "owner");
	ch.category = cli_opt(a, "category");
	ch.cluster = cli_opt(a, "cluster");
	ch.region = cli_opt(a, "region");
	ch.kind = cli_opt(a, "kind");
	ch.stage = cli_opt(a, "stage");
	ch.reason = cli_opt(a, "reason");
	if ((rc = set_number(a, "total", &ch.total)) || (rc = set_number(a, "land", &ch.land_mu)) ||
	    (rc = set_number(a, "energy", &ch.energy_tce)) || (rc = set_number(a, "completed", &ch.completed)) ||
	    (rc = cli_period(a, "period", &period)))
		return rc;
	for (int k = 0; k < EC_NSOURCES; k++)
		if ((rc = set_number(a, sources[k], &ch.funding[k])) != EC_EXIT_OK)
			return rc;
	if (cli_opt(a, "start") && (rc = cli_period(a, "start", &ch.start)))
		return rc;
	if (cli_opt(a, "end") && (rc = cli_period(a, "end", &ch.end)))
		return rc;
	if (cli_opt(a, "completed") && period < 0)
		return cli_usage(a, "--completed needs --period YYYY-MM");
	ch.revision_period = period;
	ch.completed_period = cli_opt(a, "completed") ? period : -1;
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) == EC_EXIT_OK) {
		ec_diag_init(&d, 100);
		rc = adding ? ec_app_project_add(app, &who, code, &ch, NULL, &d)
			    : ec_app_project_edit(app, &who, code, &ch, NULL, &d);
		rc = report(rc, &d, "project", code, adding);
		ec_diag_release(&d);
	}
	ec_app_close(app);
	return rc;
}

int fund_edit(struct cli_args *a, int adding)
{
	const char *code = a->npositional > 1 ? a->positional[1] : NULL;
	struct ec_fund_change ch;
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	int rc;

	if (!code)
		return cli_usage(a, "%s: missing the fund CODE", adding ? "add" : "edit");
	ec_fund_change_init(&ch);
	ch.name = cli_opt(a, "name");
	ch.type = cli_opt(a, "type");
	ch.categories = cli_opt(a, "categories");
	ch.regions = cli_opt(a, "regions");
	ch.stages = cli_opt(a, "stages");
	ch.coinvest = cli_opt(a, "coinvest");
	if ((rc = set_number(a, "capital", &ch.capital)) || (rc = set_number(a, "min-ticket", &ch.min_ticket)) ||
	    (rc = set_number(a, "max-ticket", &ch.max_ticket)) || (rc = set_number(a, "max-share", &ch.max_share)))
		return rc;
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) == EC_EXIT_OK) {
		ec_diag_init(&d, 100);
		rc = adding ? ec_app_fund_add(app, &who, code, &ch, NULL, &d) : ec_app_fund_edit(app, &who, code, &ch, NULL, &d);
		rc = report(rc, &d, "fund", code, adding);
		ec_diag_release(&d);
	}
	ec_app_close(app);
	return rc;
}
