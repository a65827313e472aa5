/*
** echelon complexity: regional structure and economic complexity over the
** regions x categories of a year, from the column store: the regions
** (diversity, ECI, COI, Fitness, specialisation), the categories
** (ubiquity, PCI, Complexity, concentration), or one region's
** opportunities (RCA, density, distance, COG: what it could move into).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/complexity.h"

/* The query's names are the API's (min_proximity); the options are spelt
** with dashes (--min-proximity). */
static const char *option(void *ctx, const char *name)
{
	char dashed[32];
	size_t i = 0;

	for (; name[i] && i + 1 < sizeof dashed; i++)
		dashed[i] = name[i] == '_' ? '-' : name[i];
	dashed[i] = '\0';
	return cli_opt(ctx, dashed);
}

static int complexity_run(struct cli_args *a)
{
	struct ec_cx_query q;
	struct ec_cx_summary sum;
	struct ec_app *app = NULL;
	struct ec_table t;
	enum ec_format fmt;
	const char *field;
	char *err = NULL;
	int rc, status;

	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	ec_cx_query_init(&q);
	q.lang = cli_lang();
	if (ec_cx_query_parse(&q, option, a, &field, &err) != EC_OK) {
		rc = cli_usage(a, "--%s %s", field, err);
		free(err);
		return rc;
	}
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if (q.view == EC_CX_VIEW_LEADERS) {
		status = ec_app_complexity_leaders(app, &q, &t, &err);
	} else {
		status = ec_app_complexity(app, &q, &t, &sum, &err);
		if (status == EC_OK && fmt == EC_FMT_TABLE)
			printf("%d, %zu %ss x %zu %s, %s; Mcp: RCA >= %g; ECI/PCI by %s\n\n", q.spec.year, sum.nr,
			       ec_cx_level_name(q.spec.level), sum.np,
			       q.spec.axis == EC_AXIS_INDUSTRY ? "industry classes" : "SEI categories",
			       ec_cx_measure_name(q.spec.measure), q.options.threshold,
			       q.options.method == EC_CX_EIGEN ? "the eigenvector" : "reflections");
	}
	if (status != EC_OK) {
		struct ec_buf said; /* a coded refusal in the user's words */
		ec_buf_init(&said, 0);
		ec_coded_message(err ? err : "", cli_lang(), &said);
		ec_buf_addc(&said, '\0');
		rc = cli_fail(ec_exit_code(status), "%s", said.data);
		ec_buf_release(&said);
		free(err);
	} else {
		rc = cli_write_table(&t, fmt);
	}
	ec_app_close(app);
	return rc;
}

static const struct cli_option complexity_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "year", "YYYY", "the year of the reports" },
	{ "regions", "LEVEL", "province, prefecture (default) or county" },
	{ "by", "AXIS", "sei1 (areas), sei2 (directions), sei3 (default, sub-directions) or industry (classes)" },
	{ "measure", "NAME", "value_added (default), revenue, employees or enterprises" },
	{ "show", "WHAT", "regions (default), categories, opportunities or priorities (with --region), leaders, network" },
	{ "region", "CODE", "the region whose opportunities or priorities to show (leaders: the region left out)" },
	{ "category", "CODE", "the category whose leading enterprises to show (--show leaders)" },
	{ "weights", "LIST", "priority score weights, e.g. density=0.4,pci=0.2,cog=0.2,growth=0.2,gap=0" },
	{ "top", "N", "rows of priorities (default 20) or leaders (default 10)" },
	{ "threshold", "RCA", "Mcp = 1 where RCA >= this (default 1)" },
	{ "method", "NAME", "ECI and PCI by eigen (default) or reflections" },
	{ "min-proximity", "PHI", "network: links beside the spanning tree at least this strong (default: the strongest, one per category)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_complexity = {
	"complexity", complexity_run, 0, 0,
	"--db FILE --year YYYY [--regions province|prefecture|county] [--by sei1|sei2|sei3|industry]\n"
	"       [--measure value_added|revenue|employees|enterprises]\n"
	"       [--show regions|categories|opportunities|priorities|leaders|network] [--region CODE] [--category CODE]\n"
	"       [--weights LIST] [--top N] [--threshold RCA] [--method eigen|reflections] [--min-proximity PHI]\n"
	"       [--format table|csv|json|xlsx]",
	"regional structure and economic complexity: ECI, PCI, density, COG",
	"The regions x categories of a year's reports: each region's diversity,\n"
	"economic complexity (ECI), complexity outlook (COI), Fitness and\n"
	"specialisation; each category's ubiquity, complexity (PCI), Complexity\n"
	"and concentration (HHI, Gini, locational Gini, Hoover, Theil); and a\n"
	"region's opportunities: the categories it lacks, by the complexity they\n"
	"would add (COG), with their density; its investment priorities, each\n"
	"with its reasons, the projects and funds that fit it; and the\n"
	"enterprises elsewhere that lead a category (whom to attract).\n"
	"Normalised as Stata's ecomplexity; every formula is in docs/methods.md.",
	complexity_opts, NULL, CLI_READS,
};
