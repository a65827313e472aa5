/*
** echelon project: the library of key SEI investment projects — adding
** and changing projects, their files, progress against plan, alerts and
** the funds that match a project. Shared with echelon fund and echelon
** allocate: reading the library and printing matches.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_priority_areas(const struct cli_args *a, const struct ec_catalog *cat, const char **areas)
{
	char why[256];

	*areas = cli_opt(a, "priority-areas");
	if (*areas && ec_match_areas_check(cat, *areas, why, sizeof why) != EC_OK)
		return cli_usage(a, "--priority-areas '%s': %s", *areas, why);
	return EC_EXIT_OK;
}

int cli_library_open(const struct cli_args *a, struct cli_library *l)
{
	char *err = NULL;
	int rc;

	memset(l, 0, sizeof *l);
	if ((rc = cli_format(a, &l->fmt)) || (rc = cli_open_app(a, EC_STORE_READONLY, &l->app)))
		return rc;
	if (ec_app_catalog(l->app, &l->cat) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(l->app));
	else if ((rc = cli_priority_areas(a, l->cat, &l->areas)) != EC_EXIT_OK)
		;
	else if (ec_app_funding(l->app, &l->f, &err) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", err);
		free(err);
	} else if ((rc = cli_period(a, "period", &l->period)) == EC_EXIT_OK && l->period < 0) {
		l->period = ec_funding_latest_period(&l->f);
	}
	if (rc != EC_EXIT_OK)
		cli_library_close(l);
	return rc;
}

void cli_library_close(struct cli_library *l)
{
	ec_funding_release(&l->f);
	ec_app_close(l->app);
	l->app = NULL;
}

int cli_print_matches(const struct cli_library *l, const char *fund, const char *project)
{
	struct ec_table t;
	char *err = NULL;
	int rc;

	if (ec_funding_matches(&l->f, fund, project, l->period, l->areas, &t, &err) != EC_OK) {
		rc = cli_fail(EC_EXIT_DATA, "%s", err);
		free(err);
		return rc;
	}
	return cli_write_table(&t, l->fmt);
}

/* ---- the verbs ---- */

struct change_of {
	const char *code;
	int adding;
	struct ec_project_change ch;
};

static int apply(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	struct change_of *c = ctx;
	return c->adding ? ec_app_project_add(app, who, c->code, &c->ch, NULL, d)
			 : ec_app_project_edit(app, who, c->code, &c->ch, NULL, d);
}

static int change(struct cli_args *a)
{
	static const char *const sources[EC_NSOURCES] = { "budget", "guidance", "bank", "bonds", "social", "own" };
	struct change_of c = { a->positional[1], !strcmp(a->verb->name, "add"), { 0 } };
	struct ec_project_change *ch = &c.ch;
	int rc, period;

	ec_project_change_init(ch);
	ch->name = cli_opt(a, "name");
	ch->owner = cli_opt(a, "owner");
	ch->category = cli_opt(a, "category");
	ch->cluster = cli_opt(a, "cluster");
	ch->region = cli_opt(a, "region");
	ch->kind = cli_opt(a, "kind");
	ch->stage = cli_opt(a, "stage");
	ch->reason = cli_opt(a, "reason");
	if ((rc = cli_amount(a, "total", &ch->total)) || (rc = cli_amount(a, "land", &ch->land_mu)) ||
	    (rc = cli_amount(a, "energy", &ch->energy_tce)) || (rc = cli_amount(a, "completed", &ch->completed)) ||
	    (rc = cli_period(a, "period", &period)))
		return rc;
	for (int k = 0; k < EC_NSOURCES; k++)
		if ((rc = cli_amount(a, sources[k], &ch->funding[k])) != EC_EXIT_OK)
			return rc;
	if (cli_opt(a, "start") && (rc = cli_period(a, "start", &ch->start)))
		return rc;
	if (cli_opt(a, "end") && (rc = cli_period(a, "end", &ch->end)))
		return rc;
	if (cli_opt(a, "completed") && period < 0)
		return cli_usage(a, "--completed cli.needs|needs=--period YYYY-MM");
	ch->revision_period = period;
	ch->completed_period = cli_opt(a, "completed") ? period : -1;
	return cli_change(a, apply, &c, "project", c.code, c.adding ? "added" : "changed");
}

static int list(struct cli_args *a)
{
	const struct ec_project_filter f = { .stage = cli_opt(a, "stage"), .cluster = cli_opt(a, "cluster"),
					     .region = cli_opt(a, "region"), .category = cli_opt(a, "category"),
					     .open = cli_opt(a, "open") != NULL };
	struct cli_library l;
	struct ec_table t;
	int rc;

	if (f.stage && ec_stage_parse(f.stage) < 0) {
		char names[128];
		return cli_usage(a, "--stage field.enum|value=%s|expected=%s", f.stage, ec_stage_names(names, sizeof names));
	}
	if ((rc = cli_library_open(a, &l)) != EC_EXIT_OK)
		return rc;
	ec_projects_table_init(&t);
	for (size_t i = 0; i < l.f.nprojects; i++) {
		char owner[EC_NAME_MAX + 1];
		if (!ec_project_filter_match(&f, &l.f.projects[i]))
			continue;
		ec_app_owner_name(l.app, l.f.projects[i].owner, owner, sizeof owner);
		ec_projects_table_add(&t, &l.f.projects[i], owner);
	}
	rc = cli_write_table(&t, l.fmt);
	cli_library_close(&l);
	return rc;
}

/* progress (every open project) and show CODE (one). */
static int progress(struct cli_args *a)
{
	const char *code = a->npositional > 1 ? a->positional[1] : NULL;
	struct cli_library l;
	struct ec_table t, one;
	int rc;

	if ((rc = cli_library_open(a, &l)) != EC_EXIT_OK)
		return rc;
	ec_funding_progress(&l.f, l.period, &t);
	if (code) {
		ec_table_init(&one, t.ncols, t.names, t.kinds);
		for (size_t r = 0; r < t.nrows; r++)
			if (!strcmp(t.cells[r * t.ncols], code))
				ec_table_add(&one, (const char *const *)&t.cells[r * t.ncols]);
		ec_table_release(&t);
		t = one;
	}
	if (code && !t.nrows) {
		ec_table_release(&t);
		rc = cli_fail(EC_EXIT_DATA, "project.not_found|code=%s", code);
	} else {
		rc = cli_write_table(&t, l.fmt);
	}
	cli_library_close(&l);
	return rc;
}

static int alerts(struct cli_args *a)
{
	struct ec_alert_params ap;
	struct cli_library l;
	struct ec_table t;
	const char *v, *why;
	double x;
	int rc;

	ec_alert_params_default(&ap);
	if ((v = cli_opt(a, "lag-pp"))) {
		if (ec_number_parse(v, strlen(v), &x, &why) || x <= 0 || x > 100)
			return cli_usage(a, "--lag-pp number.range|value=%s|min=0|max=100", v);
		ap.lag_threshold_pp = x;
	}
	if ((v = cli_opt(a, "stall-months"))) {
		if (ec_number_parse(v, strlen(v), &x, &why) || x < 1 || x > 120 || x != floor(x))
			return cli_usage(a, "--stall-months number.range|value=%s|min=1|max=120", v);
		ap.stall_months = (int)x;
	}
	if ((rc = cli_library_open(a, &l)) != EC_EXIT_OK)
		return rc;
	ec_funding_alerts(&l.f, l.period, &ap, &t);
	rc = cli_write_table(&t, l.fmt);
	cli_library_close(&l);
	return rc;
}

static int matches(struct cli_args *a)
{
	struct cli_library l;
	int rc;

	if ((rc = cli_library_open(a, &l)) != EC_EXIT_OK)
		return rc;
	rc = cli_print_matches(&l, NULL, a->positional[1]);
	cli_library_close(&l);
	return rc;
}

static int kind_of(struct cli_args *a)
{
	const char *what = a->positional[1];

	if (strcmp(what, "projects") && strcmp(what, "progress"))
		return cli_usage(a, "field.enum|value=%s|expected=projects or progress", what);
	return EC_EXIT_OK;
}

static int import_file(struct cli_args *a)
{
	int rc = kind_of(a);
	return rc ? rc : cli_import(a, ec_app_project_import, a->positional[1], a->positional[2]);
}

static int export_file(struct cli_args *a)
{
	int rc = kind_of(a);
	return rc ? rc : cli_export(a, ec_app_project_export, a->positional[1]);
}

static const struct cli_option project_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month to measure progress and matches' open gaps at (default: the latest with progress); with --completed, the month" },
	{ "name", "TEXT", "name (add, edit)" },
	{ "owner", "USCC", "project owner (add, edit)" },
	{ "category", "CODE", "SEI category (add, edit; list: it and below it)" },
	{ "cluster", "CODE", "cluster the project belongs to (add, edit, list)" },
	{ "region", "CODE", "GB/T 2260 region (add, edit; list: a prefix)" },
	{ "open", NULL, "only the projects neither completed nor cancelled (list)" },
	{ "kind", "KIND", "industrial or one of the four cluster projects (add, edit)" },
	{ "total", "AMOUNT", "total investment, thousand yuan (add, edit)" },
	{ "start", "YYYY-MM", "planned start (add, edit)" },
	{ "end", "YYYY-MM", "planned end (add, edit)" },
	{ "stage", "STAGE", "reserve, preparation, under_construction, completed, cancelled (add, edit, list)" },
	{ "budget", "AMOUNT", "funding plan: government budget" },
	{ "guidance", "AMOUNT", "funding plan: government guidance fund" },
	{ "bank", "AMOUNT", "funding plan: bank loans" },
	{ "bonds", "AMOUNT", "funding plan: bonds" },
	{ "social", "AMOUNT", "funding plan: social capital" },
	{ "own", "AMOUNT", "funding plan: own funds" },
	{ "land", "MU", "land needed (add, edit)" },
	{ "energy", "TCE", "energy needed, tonnes of standard coal (add, edit)" },
	{ "completed", "AMOUNT", "investment completed in --period (edit)" },
	{ "reason", "TEXT", "why the total changes: a new --total is recorded as a revision (edit)" },
	{ "lag-pp", "PP", "alerts: lagging from this many percentage points behind plan (default 20)" },
	{ "stall-months", "N", "alerts: stalled after this many months without investment (default 3)" },
	{ "priority-areas", "LIST", "SEI areas whose projects get the priority bonus, e.g. '1;4' (matches)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

#define FIELDS "db name owner category cluster region kind total start end stage budget guidance bank bonds social own land energy"
static const struct cli_verb project_verbs[] = {
	{ "add", change, 1, 1, "CODE --name T --owner USCC --category C --region R --total A --start P --end P [fields] --db FILE",
	  "add a project to the library", FIELDS, CLI_ACTS },
	{ "edit", change, 1, 1, "CODE [fields] [--completed A --period P] [--total A --reason T] --db FILE",
	  "change a project: fields, stage, a revision of its total, the investment completed in a month",
	  FIELDS " completed period reason", CLI_ACTS },
	{ "list", list, 0, 0, "[--category C] [--region R] [--cluster C] [--stage S] [--open] --db FILE [--format F]",
	  "the library", "db category region cluster stage open format", CLI_READS },
	{ "show", progress, 1, 1, "CODE --db FILE [--period P]", "one project's progress against its plan",
	  "db period format", CLI_READS },
	{ "progress", progress, 0, 0, "--db FILE [--period P]", "completion against the straight-line or declared plan",
	  "db period format", CLI_READS },
	{ "alerts", alerts, 0, 0, "--db FILE [--period P] [--lag-pp 20] [--stall-months 3]",
	  "lagging projects, funding gaps, stalled projects", "db period lag-pp stall-months format", CLI_READS },
	{ "matches", matches, 1, 1, "CODE --db FILE [--period P] [--priority-areas '1;4']",
	  "the funds that fit a project, ranked, with the gap left after the progress up to P",
	  "db period priority-areas format", CLI_READS },
	{ "import", import_file, 2, 2, "projects|progress FILE --db FILE", "import a library file, all or nothing",
	  "db", CLI_ACTS },
	{ "export", export_file, 1, 1, "projects|progress --db FILE", "write a library file to standard output",
	  "db", CLI_READS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};
#undef FIELDS

const struct cli_command cmd_project = {
	"project", NULL, 1, 3,
	"add|edit CODE [fields]|list|show CODE|import projects|progress FILE|export projects|progress|progress|alerts|matches CODE --db FILE",
	"the library of key SEI investment projects",
	"Projects with their funding plan by source, land and energy needs and the\n"
	"investment completed by month (docs/formats.md). progress: completion\n"
	"against the straight-line or declared plan; alerts: lagging, funding gaps,\n"
	"stalled projects; matches CODE [--period P] [--priority-areas '1;4']: the\n"
	"funds that fit a project, ranked, with the gap left after the progress up\n"
	"to P (default the latest month with progress) and the priority bonus for\n"
	"projects in the given SEI areas. Every change is checked whole and audited.",
	project_opts, project_verbs, CLI_READS,
};
