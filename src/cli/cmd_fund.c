/*
** echelon fund: the fund registry — adding and changing funds, their file,
** and the projects that match a fund.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct change_of {
	const char *code;
	int adding;
	struct ec_fund_change ch;
};

static int apply(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	struct change_of *c = ctx;
	return c->adding ? ec_app_fund_add(app, who, c->code, &c->ch, NULL, d)
			 : ec_app_fund_edit(app, who, c->code, &c->ch, NULL, d);
}

static int change(struct cli_args *a)
{
	struct change_of c = { a->positional[1], !strcmp(a->verb->name, "add"), { 0 } };
	struct ec_fund_change *ch = &c.ch;
	int rc;

	ec_fund_change_init(ch);
	ch->name = cli_opt(a, "name");
	ch->type = cli_opt(a, "type");
	ch->categories = cli_opt(a, "categories");
	ch->regions = cli_opt(a, "regions");
	ch->stages = cli_opt(a, "stages");
	ch->coinvest = cli_opt(a, "coinvest");
	if ((rc = cli_amount(a, "capital", &ch->capital)) || (rc = cli_amount(a, "min-ticket", &ch->min_ticket)) ||
	    (rc = cli_amount(a, "max-ticket", &ch->max_ticket)) || (rc = cli_amount(a, "max-share", &ch->max_share)) ||
	    (rc = cli_amount(a, "min-digital-level", &ch->min_digital_level)))
		return rc;
	return cli_change(a, apply, &c, "fund", c.code, c.adding ? "added" : "changed");
}

/* The funds of f as a table: all, the one at one, or (category not NULL)
** those whose targets name the category. */
static int write_funds(const struct ec_funding *f, const struct ec_fund *one, const char *category, enum ec_format fmt)
{
	struct ec_table t;

	ec_funds_table_init(&t);
	for (size_t i = 0; i < f->nfunds; i++)
		if ((!one || &f->funds[i] == one) && (!category || ec_fund_targets_category(&f->funds[i], category)))
			ec_funds_table_add(&t, &f->funds[i]);
	return cli_write_table(&t, fmt);
}

static int list(struct cli_args *a)
{
	struct cli_library l;
	int rc;

	if ((rc = cli_library_open(a, &l)) != EC_EXIT_OK)
		return rc;
	rc = write_funds(&l.f, NULL, cli_opt(a, "category"), l.fmt);
	cli_library_close(&l);
	return rc;
}

/* show CODE: the fund, then (as a table) its matches; matches CODE: them. */
static int matches(struct cli_args *a)
{
	const char *code = a->positional[1];
	const struct ec_fund *one = NULL;
	struct cli_library l;
	int rc;

	if ((rc = cli_library_open(a, &l)) != EC_EXIT_OK)
		return rc;
	if (!strcmp(a->verb->name, "show") && l.fmt == EC_FMT_TABLE) {
		for (size_t k = 0; k < l.f.nfunds && !one; k++)
			if (!strcmp(l.f.funds[k].code, code))
				one = &l.f.funds[k];
		if (!one) {
			rc = cli_fail(EC_EXIT_DATA, "fund.not_found|code=%s", code);
			goto out;
		}
		if ((rc = write_funds(&l.f, one, NULL, l.fmt)) != EC_EXIT_OK)
			goto out;
		printf("\nmatching projects, best first:\n");
	}
	rc = cli_print_matches(&l, code, NULL);
out:
	cli_library_close(&l);
	return rc;
}

static int import_file(struct cli_args *a)
{
	return cli_import(a, ec_app_project_import, "funds", a->positional[1]);
}

static int export_file(struct cli_args *a)
{
	return cli_export(a, ec_app_project_export, "funds");
}

static const struct cli_option fund_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month to measure progress and matches' open gaps at (default: the latest with progress); with --completed, the month" },
	{ "name", "TEXT", "name (add, edit)" },
	{ "type", "TYPE", "fund type (fund add, edit)" },
	{ "capital", "AMOUNT", "capital available (fund add, edit)" },
	{ "categories", "CODES", "target SEI categories (fund add, edit)" },
	{ "category", "CODE", "only the funds whose targets name this SEI category, its direction or its area (list)" },
	{ "regions", "PREFIXES", "target regions (fund add, edit)" },
	{ "stages", "STAGES", "target stages (fund add, edit)" },
	{ "min-ticket", "AMOUNT", "smallest investment (fund add, edit)" },
	{ "max-ticket", "AMOUNT", "largest investment (fund add, edit)" },
	{ "max-share", "SHARE", "largest share of one project, 0..1 (fund add, edit)" },
	{ "coinvest", "RULE", "none or requires_government (fund add, edit)" },
	{ "min-digital-level", "N", "the lowest SME digital level, 1 to 4, of the owners of projects it matches; 0 none (fund add, edit)" },
	{ "priority-areas", "LIST", "SEI areas whose projects get the priority bonus, e.g. '1;4' (matches)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

#define FIELDS "db name type capital categories regions stages min-ticket max-ticket max-share coinvest min-digital-level"
static const struct cli_verb fund_verbs[] = {
	{ "add", change, 1, 1, "CODE --name T --type T --capital A --min-ticket A --max-ticket A [targets] --db FILE",
	  "register a fund with its mandate", FIELDS, CLI_ACTS },
	{ "edit", change, 1, 1, "CODE [fields] --db FILE", "change a fund", FIELDS, CLI_ACTS },
	{ "list", list, 0, 0, "[--category C] --db FILE [--format F]", "the registry", "db category format", CLI_READS },
	{ "show", matches, 1, 1, "CODE --db FILE [--period P] [--priority-areas LIST]", "a fund and the projects that fit it",
	  "db period priority-areas format", CLI_READS },
	{ "matches", matches, 1, 1, "CODE --db FILE [--period P] [--priority-areas '1;4']",
	  "the projects that fit a fund, ranked, with the reasons", "db period priority-areas format", CLI_READS },
	{ "import", import_file, 1, 1, "FILE --db FILE", "import a funds file, all or nothing", "db", CLI_ACTS },
	{ "export", export_file, 0, 0, "--db FILE", "write the funds file to standard output", "db", CLI_READS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};
#undef FIELDS

const struct cli_command cmd_fund = {
	"fund", NULL, 1, 3, "add|edit CODE [fields]|list|show CODE|import FILE|export|matches CODE --db FILE",
	"the fund registry",
	"Funds with their type, capital, targets, tickets and co-investment rules;\n"
	"matches CODE [--period P] [--priority-areas '1;4']: the projects that fit a\n"
	"fund, ranked, with the reasons (as for `project matches`). Every change is\n"
	"checked whole and audited.",
	fund_opts, fund_verbs, CLI_READS,
};
