/*
** echelon cluster: the registry of SEI bases, clusters and ecosystems
** (add, edit, list, show, import, export), their indicators by year,
** discovery of candidate clusters and their evaluation into tiers.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/cluster.h"
#include "echelon/csv.h"
#include "echelon/scenario_app.h"
#include "echelon/uscc.h"

int cluster_discover(struct cli_args *a);
int cluster_evaluate(struct cli_args *a);
int cluster_series(struct cli_args *a);

/* The change the options give (only those present). Returns 0 or an exit
** code. */
static int from_options(const struct cli_args *a, struct ec_cluster_change *ch)
{
	const char *founded = cli_opt(a, "founded");

	ec_cluster_change_init(ch);
	ch->name_zh = cli_opt(a, "name-zh");
	ch->name_en = cli_opt(a, "name-en");
	ch->tier = cli_opt(a, "tier");
	ch->parent = cli_opt(a, "parent");
	ch->regions = cli_opt(a, "regions");
	ch->categories = cli_opt(a, "categories");
	ch->agency = cli_opt(a, "agency");
	ch->include = cli_opt(a, "include");
	ch->exclude = cli_opt(a, "exclude");
	if (founded) {
		char *end;
		long y = strtol(founded, &end, 10);
		if (*end || y < 1900 || y > 2999)
			return cli_usage(a, "--founded year.invalid|value=%s", founded);
		ch->founded = (int)y;
	}
	return EC_EXIT_OK;
}

struct change_of {
	const char *code;
	int adding;
	struct ec_cluster_change ch;
};

static int apply(struct ec_app *app, const struct ec_actor *who, void *ctx, struct ec_diag *d)
{
	struct change_of *c = ctx;
	return c->adding ? ec_app_cluster_add(app, who, c->code, &c->ch, NULL, d)
			 : ec_app_cluster_edit(app, who, c->code, &c->ch, NULL, d);
}

/* cluster add CODE / cluster edit CODE: one change, all or nothing. */
static int change(struct cli_args *a)
{
	struct change_of c = { a->positional[1], !strcmp(a->verb->name, "add"), { 0 } };
	int rc;

	if ((rc = from_options(a, &c.ch)) != EC_EXIT_OK)
		return rc;
	return cli_change(a, apply, &c, "cluster", c.code, c.adding ? "added" : "changed");
}

static int entered_row(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	char y[8], v[32];
	(void)cluster;
	snprintf(y, sizeof y, "%d", year);
	ec_number_format(value, v);
	ec_table_addv(ctx, y, indicator, v);
	return 0;
}

static void fmt(char *out, size_t size, const char *f, double v)
{
	if (isnan(v))
		snprintf(out, size, "%s", "");
	else
		snprintf(out, size, f, v);
}

/* The cluster's application-scenario indicators by year, computed from
** the scenarios and the ledger (ec_app_cluster_scenarios), after the
** entered ones. */
static int show_scenarios(struct ec_app *app, const char *code)
{
	static const char *const names[] = { "year", "scenarios_published", "scenarios_selected",
					     "scenarios_completed", "subsidy_paid", "subsidy_paid_to" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };
	struct ec_scenario_feed *rows;
	struct ec_diag d;
	struct ec_table t;
	size_t n;
	int rc;

	ec_diag_init(&d, 10);
	if ((rc = ec_app_cluster_scenarios(app, code, &rows, &n, &d)) != EC_OK) {
		rc = cli_refused(rc, &d, code);
		ec_diag_release(&d);
		return rc;
	}
	ec_diag_release(&d);
	if (!n)
		return EC_EXIT_OK;
	ec_table_init(&t, 6, names, kinds);
	for (size_t i = 0; i < n; i++) {
		char v[6][32];
		snprintf(v[0], 32, "%d", rows[i].year);
		snprintf(v[1], 32, "%lld", (long long)rows[i].published);
		snprintf(v[2], 32, "%lld", (long long)rows[i].selected);
		snprintf(v[3], 32, "%lld", (long long)rows[i].completed);
		ec_number_format(rows[i].paid, v[4]);
		snprintf(v[5], 32, "%lld", (long long)rows[i].paid_to);
		ec_table_addv(&t, v[0], v[1], v[2], v[3], v[4], v[5]);
	}
	free(rows);
	printf("\napplication scenarios by year (from the scenario list and the subsidy ledger):\n");
	return cli_write_table(&t, EC_FMT_TABLE);
}

static int show(struct cli_args *a)
{
	static const char *const names[] = { "year", "enterprises", "above_size", "value_added", "growth_pct",
					     "revenue", "employees", "rd_intensity_pct", "patents_per_1000",
					     "national_share_pct", "lq", "lq_p75", "strong", "stars" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_BOOL, EC_COL_NUMBER };
	static const char *const enames[] = { "year", "indicator", "value" };
	static const enum ec_col_kind ekinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };
	const char *code = a->positional[1];
	struct ec_cluster c;
	struct ec_cluster_data d;
	struct ec_table t, e;
	struct ec_app *app = NULL;
	enum ec_format format;
	uint8_t *member;
	char *err = NULL;
	size_t members;
	int rc, n;

	if ((rc = cli_format(a, &format)) || (rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	if ((rc = ec_app_cluster(app, code, &c)) != EC_OK) {
		rc = rc == EC_ENOTFOUND ? cli_fail(EC_EXIT_DATA, "cluster.not_found|code=%s", code)
					: cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_app_close(app);
		return rc;
	}
	if ((rc = ec_app_cluster_data(app, &d, &err)) != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
		ec_app_close(app);
		return rc;
	}
	member = ec_malloc(d.nfirms + 1);
	if (ec_app_cluster_members(app, &d, &c, member, &members) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		free(member);
		ec_cluster_data_release(&d);
		ec_app_close(app);
		return rc;
	}
	n = (int)members;
	if (format == EC_FMT_TABLE) {
		printf("%s  %s / %s\ntier %s%s%s, regions %s, categories %s%s%s, founded %d\n%d members (enterprises of "
		       "its categories in its regions, with the include and exclude rules)\n\n",
		       c.code, c.name_zh, c.name_en, ec_tier_name(c.tier), c.parent[0] ? ", inside " : "", c.parent,
		       c.regions, c.categories, c.agency[0] ? ", agency " : "", c.agency, c.founded, n);
	}
	ec_table_init(&t, 14, names, kinds);
	for (int y = d.first_year; y < d.first_year + d.nyears; y++) {
		struct ec_cluster_indicators ind;
		char v[14][32];
		if (ec_cluster_indicators(&d, &c, member, y, EC_ABOVE_SIZE_DEFAULT, &ind, &err) != EC_OK) {
			free(err);
			continue;
		}
		snprintf(v[0], 32, "%d", y);
		snprintf(v[1], 32, "%lld", (long long)ind.enterprises);
		if (ind.above_size < 0)
			v[2][0] = '\0'; /* not available: the year before is not in the data */
		else
			snprintf(v[2], 32, "%lld", (long long)ind.above_size);
		fmt(v[3], 32, "%.1f", ind.value_added);
		fmt(v[4], 32, format == EC_FMT_TABLE ? "%.1f" : "%.17g", ind.growth_pct);
		fmt(v[5], 32, "%.1f", ind.revenue);
		snprintf(v[6], 32, "%lld", (long long)ind.employees);
		fmt(v[7], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.rd_intensity_pct);
		fmt(v[8], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.patents_per_1000);
		fmt(v[9], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.national_share_pct);
		fmt(v[10], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.lq);
		fmt(v[11], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.lq_p75);
		snprintf(v[12], 32, "%d", ind.strong);
		snprintf(v[13], 32, "%d", ind.stars);
		ec_table_addv(&t, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]);
	}
	rc = cli_write_table(&t, format);
	if (rc == EC_EXIT_OK && format == EC_FMT_TABLE) {
		ec_table_init(&e, 3, enames, ekinds);
		if (ec_app_cluster_entered(app, c.code, entered_row, &e) != EC_OK) {
			rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
			ec_table_release(&e);
		} else if (e.nrows) {
			printf("\nentered by year (the four projects):\n");
			rc = cli_write_table(&e, format);
		} else {
			ec_table_release(&e);
		}
	}
	if (rc == EC_EXIT_OK && format == EC_FMT_TABLE)
		rc = show_scenarios(app, c.code);
	free(member);
	ec_cluster_data_release(&d);
	ec_app_close(app);
	return rc;
}

static int list(struct cli_args *a)
{
	struct ec_app *app = NULL;
	enum ec_format format;
	struct ec_table t;
	int rc, tier = -1;

	if (cli_opt(a, "tier") && (tier = ec_tier_parse(cli_opt(a, "tier"))) < 0) {
		char tiers[64];
		return cli_usage(a, "--tier field.enum|value=%s|expected=%s", cli_opt(a, "tier"), ec_tier_names(tiers, sizeof tiers));
	}
	if ((rc = cli_format(a, &format)) || (rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	if (ec_app_clusters_table(app, tier, &t) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
	else
		rc = cli_write_table(&t, format);
	ec_app_close(app);
	return rc;
}

static int import_file(struct cli_args *a)
{
	return cli_import(a, ec_app_cluster_import, a->positional[1], a->positional[2]);
}

static int export_file(struct cli_args *a)
{
	return cli_export(a, ec_app_cluster_export, a->positional[1]);
}

static const struct cli_option cluster_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "name-zh", "TEXT", "Chinese name (add, edit)" },
	{ "name-en", "TEXT", "English name (add, edit)" },
	{ "tier", "TIER", "base, cluster or ecosystem (add, edit, list)" },
	{ "parent", "CODE", "the base it lies in (add, edit)" },
	{ "regions", "CODES", "GB/T 2260 codes separated by ';' (add, edit)" },
	{ "categories", "CODES", "SEI codes of any level separated by ';' (add, edit)" },
	{ "agency", "TEXT", "the promotion agency (add, edit)" },
	{ "founded", "YEAR", "founding year (add, edit)" },
	{ "include", "USCC;USCC", "add enterprises as members (edit)" },
	{ "exclude", "USCC;USCC", "remove enterprises from the members (edit)" },
	{ "year", "YYYY", "the year (discover, evaluate)" },
	{ "from", "YYYY-MM", "the first month (series; default: the first measured)" },
	{ "to", "YYYY-MM", "the last month (series; default: the last measured)" },
	{ "month", NULL, "each month alone instead of January to the month (series)" },
	{ "area", "CODE", "SEI area to cluster (discover)" },
	{ "direction", "CODE", "SEI direction to cluster (discover)" },
	{ "eps-km", "KM", "DBSCAN neighbourhood radius (discover; default: the knee of --k-distance)" },
	{ "min-points", "N", "DBSCAN core threshold, the point itself counted (discover; default 4)" },
	{ "weighted", NULL, "weight enterprises by value added (discover)" },
	{ "all", NULL, "list every cluster found, registered or not (discover)" },
	{ "k-distance", NULL, "print the k-distance curve and the suggested --eps-km instead (discover)" },
	{ "method", "M", "entropy (default), ahp, fixed or combined (evaluate)" },
	{ "indicators", "FILE", "indicator system file (evaluate; default built in)" },
	{ "ahp", "FILE", "pairwise comparison matrix (evaluate --method ahp|combined)" },
	{ "alpha", "A", "share of the AHP weights in combined (default 0.5)" },
	{ "bases", "N", "bases in the echelon (evaluate; default 10)" },
	{ "clusters", "N", "clusters in the echelon (evaluate; default 100)" },
	{ "ecosystems", "N", "ecosystems in the echelon (evaluate; default 1000)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

#define FIELDS "db name-zh name-en tier parent regions categories agency founded"
static const struct cli_verb cluster_verbs[] = {
	{ "add", change, 1, 1, "CODE --name-zh T --name-en T --regions CODES --categories CODES [--tier T] [--parent P] --db FILE",
	  "register a cluster", FIELDS, CLI_ACTS },
	{ "edit", change, 1, 1, "CODE [fields] [--include USCC;USCC] [--exclude USCC;USCC] --db FILE",
	  "change a cluster and its member rules, all or nothing", FIELDS " include exclude", CLI_ACTS },
	{ "list", list, 0, 0, "[--tier T] --db FILE", "the registry", "db tier format", CLI_READS },
	{ "show", show, 1, 1, "CODE --db FILE", "profile and indicators by year (LQ, strong rule, stars)", "db format",
	  CLI_READS },
	{ "series", cluster_series, 1, EC_CLUSTERS_COMPARED,
	  "CODE [CODE...] [--from YYYY-MM] [--to YYYY-MM] [--month] [--as ACCOUNT] --db FILE",
	  "by month: value added, growth at comparable prices and share of SEI; several clusters (up to 6) compared",
	  "db from to month format",
	  CLI_READS },
	{ "import", import_file, 2, 2, "clusters|members|indicators FILE --db FILE",
	  "import a registry file (docs/formats.md), all or nothing", "db", CLI_ACTS },
	{ "export", export_file, 1, 1, "clusters|members|indicators --db FILE", "write a registry file to standard output",
	  "db", CLI_READS },
	{ "discover", cluster_discover, 0, 0, "--area A|--direction D [--eps-km KM] [--min-points 4] [--weighted] [--all] [--k-distance] --db FILE",
	  "candidate clusters by DBSCAN (haversine) on coordinates",
	  "db area direction eps-km min-points weighted all k-distance year format", CLI_READS },
	{ "evaluate", cluster_evaluate, 0, 0,
	  "--year Y [--method entropy|ahp|fixed|combined] [--indicators FILE] [--ahp FILE] --db FILE",
	  "TOPSIS ranking and the recommended tiers, with movement",
	  "db year method indicators ahp alpha bases clusters ecosystems format", CLI_READS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};
#undef FIELDS

const struct cli_command cmd_cluster = {
	"cluster", NULL, 1, 3, "add|edit|list|show|series|import|export|discover|evaluate [CODE|KIND [FILE]] --db FILE [options]",
	"the echelon of SEI bases, clusters and ecosystems",
	"Bases, clusters and ecosystems with their regions, SEI categories, members and\n"
	"the indicators entered by year; their profiles, discovery of candidates and\n"
	"the evaluation into tiers. Every change is checked whole and audited.",
	cluster_opts, cluster_verbs, CLI_READS,
};
