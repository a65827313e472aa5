/*
** echelon — the command. One table of commands; options are parsed and
** checked here, once, before a command runs (as git.c and Redis do).
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct cli_option db_opt = { "db", "FILE", "the database file" };

static const struct cli_option init_opts[] = {
	{ "db", "FILE", "the database file to create" },
	{ NULL, NULL, NULL },
};

static const struct cli_option import_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "dry-run", NULL, "check the file and report every problem, store nothing" },
	{ "quiet", NULL, "print nothing on success" },
	{ NULL, NULL, NULL },
};

static const struct cli_option export_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "from", "YYYY-MM", "first period (reports, deflators)" },
	{ "to", "YYYY-MM", "last period (reports, deflators)" },
	{ NULL, NULL, NULL },
};

static const struct cli_option catalog_opts[] = {
	{ "db", "FILE", "the database file (default: the catalogues built in)" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option classify_opts[] = {
	{ "db", "FILE", "the database file (default: the catalogues built in)" },
	{ "declared", "CAT;CAT", "the SEI categories the enterprise declares" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option status_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option demo_opts[] = {
	{ "db", "FILE", "the database file to create" },
	{ "enterprises", "N", "number of enterprises (default 50000)" },
	{ "from", "YYYY-MM", "first month of reports (default 2018-01)" },
	{ "to", "YYYY-MM", "last month of reports (default 2021-12)" },
	{ "seed", "S", "random seed (default 2020); the same seed gives the same data" },
	{ "force", NULL, "replace the data of an existing database" },
	{ NULL, NULL, NULL },
};

static const struct cli_option monitor_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month: growth from January to it (or of it alone with --month)" },
	{ "by", "BREAKDOWN", "area, direction, province, prefecture or area,province" },
	{ "region", "CODE", "a province or prefecture code (default: national)" },
	{ "month", NULL, "the month alone instead of January to the month" },
	{ "above-size", "AMOUNT", "revenue threshold of the previous year, thousand yuan (default 20000)" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option serve_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080; port 0 picks one)" },
	{ "threads", "N", "worker threads (default: one per core)" },
	{ "web", "DIR", "the dashboard's files (default: web/dist of the source tree)" },
	{ "max-body-kib", "N", "largest request body, KiB (default 1024)" },
	{ "max-upload-mib", "N", "largest upload, MiB (default 64)" },
	{ "timeout", "S", "idle connection timeout, seconds (default 30)" },
	{ "session-hours", "H", "session lifetime (default 12)" },
	{ "access-log", "FILE", "access log file (default standard error; - for none)" },
	{ "secure-cookies", NULL, "mark cookies Secure (when served behind TLS)" },
	{ "openapi", NULL, "print the OpenAPI description of the routes and exit" },
	{ "routes", NULL, "print the route table and exit" },
	{ "format", "FMT", "with --routes: table (default) or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option user_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "role", "ROLE", "admin, analyst, agency, fund or enterprise (add)" },
	{ "scope", "SCOPE", "enterprise: its USCC; agency: cluster codes; fund: fund ids (add)" },
	{ "format", "FMT", "table (default), csv or json (list)" },
	{ NULL, NULL, NULL },
};

static const struct cli_option audit_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "limit", "N", "newest N entries (default 200)" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

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
	{ "year", "YYYY", "the year (show, discover, evaluate)" },
	{ "area", "CODE", "SEI area to cluster (discover)" },
	{ "direction", "CODE", "SEI direction to cluster (discover)" },
	{ "eps-km", "KM", "DBSCAN neighbourhood radius (discover; default 5)" },
	{ "min-points", "N", "DBSCAN core threshold (discover; default 20)" },
	{ "weighted", NULL, "weight enterprises by value added (discover)" },
	{ "all", NULL, "list every cluster found, registered or not (discover)" },
	{ "method", "M", "entropy (default), ahp, fixed or combined (evaluate)" },
	{ "indicators", "FILE", "indicator system file (evaluate; default built in)" },
	{ "ahp", "FILE", "pairwise comparison matrix (evaluate --method ahp|combined)" },
	{ "alpha", "A", "share of the AHP weights in combined (default 0.5)" },
	{ "bases", "N", "bases in the echelon (evaluate; default 10)" },
	{ "clusters", "N", "clusters in the echelon (evaluate; default 100)" },
	{ "ecosystems", "N", "ecosystems in the echelon (evaluate; default 1000)" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option project_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month to measure progress and matches' open gaps at (default: the latest with progress); with --completed, the month" },
	{ "name", "TEXT", "name (add, edit)" },
	{ "owner", "USCC", "project owner (add, edit)" },
	{ "category", "CODE", "SEI category (add, edit)" },
	{ "cluster", "CODE", "cluster the project belongs to (add, edit)" },
	{ "region", "CODE", "GB/T 2260 region (add, edit)" },
	{ "kind", "KIND", "industrial or one of the four cluster projects (add, edit)" },
	{ "total", "AMOUNT", "total investment, thousand yuan (add, edit)" },
	{ "start", "YYYY-MM", "planned start (add, edit)" },
	{ "end", "YYYY-MM", "planned end (add, edit)" },
	{ "stage", "STAGE", "reserve, preparation, under_construction, completed, cancelled (add, edit)" },
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
	{ "type", "TYPE", "fund type (fund add, edit)" },
	{ "capital", "AMOUNT", "capital available (fund add, edit)" },
	{ "categories", "CODES", "target SEI categories (fund add, edit)" },
	{ "regions", "PREFIXES", "target regions (fund add, edit)" },
	{ "stages", "STAGES", "target stages (fund add, edit)" },
	{ "min-ticket", "AMOUNT", "smallest investment (fund add, edit)" },
	{ "max-ticket", "AMOUNT", "largest investment (fund add, edit)" },
	{ "max-share", "SHARE", "largest share of one project, 0..1 (fund add, edit)" },
	{ "coinvest", "RULE", "none or requires_government (fund add, edit)" },
	{ "priority-areas", "LIST", "SEI areas whose projects get the priority bonus, e.g. '1;4' (matches)" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option allocate_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "period", "YYYY-MM", "the month whose remaining gaps are funded (default: the latest with progress)" },
	{ "year", "YYYY", "the gaps left at the end of that year" },
	{ "time-limit", "S", "time limit of the MIP in seconds (default 60); the best plan found is reported with its gap" },
	{ "lp", NULL, "solve the LP relaxation only (no whole-ticket choices)" },
	{ "objective", "WHAT", "amount (default: priority x thousand yuan covered) or share (priority x share of each gap)" },
	{ "quotas", "FILE", "land and energy quotas by province: region,land_mu,energy_tce" },
	{ "priority-areas", "LIST", "SEI areas whose projects get the priority bonus (+0.2, at most 1), e.g. '1;4'" },
	{ "format", "FMT", "table (default), csv (the plan) or json" },
	{ NULL, NULL, NULL },
};

static const struct cli_option no_opts[] = { { NULL, NULL, NULL } };

static int cmd_help(struct cli_args *a);
static int cmd_version(struct cli_args *a);
static const char *closest(const char *word, const char *const *candidates, size_t n, size_t stride);

static const struct cli_command commands[] = {
	{ "init", cmd_init, 0, 0, "--db FILE", "create a database holding the reference catalogues",
	  "Creates FILE (SQLite, WAL mode) with the current schema and loads the built-in\n"
	  "catalogues: the SEI classification (2018), GB/T 4754-2017 industries and\n"
	  "GB/T 2260 regions. On an existing database it applies pending migrations\n"
	  "and leaves the data as it is.",
	  init_opts },
	{ "import", cmd_import, 2, 2, "enterprises|reports|deflators FILE --db FILE [--dry-run]",
	  "check a CSV file and load it, all or nothing",
	  "Every row is checked; every problem is printed as FILE:LINE: column NAME: what\n"
	  "(the first 100, then a count of the rest). One bad row rejects the whole\n"
	  "file and the database stays exactly as it was. Importing the same rows\n"
	  "again updates them. The formats are in docs/formats.md.\n\n"
	  "Exit status: 0 stored, 2 usage, 3 data rejected, 4 file or database error.",
	  import_opts },
	{ "export", cmd_export, 1, 1, "enterprises|reports|deflators --db FILE [--from P] [--to P]",
	  "write a kind of data as CSV to standard output",
	  "Writes the import format, so that export and import round-trip.", export_opts },
	{ "catalog", cmd_catalog, 1, 3, "areas|categories|mappings|industries|regions [--format F]\n"
	  "       echelon catalog load sei|sei-categories|sei-mappings|industries|regions FILE --db FILE",
	  "list or replace the reference catalogues",
	  "Lists a catalogue, or loads a replacement from FILE into the database.\n"
	  "`catalog load sei FILE` takes the official layout of the SEI table (category\n"
	  "code, category name, industry code with an optional *, industry name, note)\n"
	  "and replaces the categories and mappings at once; the other kinds take the\n"
	  "formats of data/*.csv. Enterprises are reclassified after a load.",
	  catalog_opts },
	{ "classify", cmd_classify, 1, 1, "CLASS [--declared CAT;CAT] [--format F]",
	  "show the SEI categories of an industry class and the primary category",
	  "The primary category is the first declared one; with none declared, the\n"
	  "category the class maps to in full (the lowest code when several); with\n"
	  "neither, the enterprise is not SEI.",
	  classify_opts },
	{ "monitor", cmd_monitor, 0, 0,
	  "--db FILE --period YYYY-MM [--by area|direction|province|prefecture|area,province]\n"
	  "       [--region CODE] [--month] [--format table|csv|json]",
	  "growth of SEI value added against all industry, at comparable prices",
	  "Value added of enterprises above designated size (revenue of the previous\n"
	  "year >= 20 000 thousand yuan), deflated by the PPI of each enterprise's\n"
	  "division, against the same months of the previous year for the same\n"
	  "sample; SEI against all industry, with gap, share, contribution and pull.\n"
	  "The method is in docs/methods.md.",
	  monitor_opts },
	{ "demo", cmd_demo, 1, 1, "generate --db FILE [--enterprises N] [--from 2018-01] [--to 2021-12] [--seed S]",
	  "generate a realistic synthetic national economy",
	  "Creates a database holding enterprises in all 31 provinces, monthly reports\n"
	  "and PPI deflators, calibrated to published growth figures (2019: all\n"
	  "above-size industry +5.7%, SEI +8.4%; 2020 H1: -1.3% and +2.9%). The same\n"
	  "seed gives byte-identical exports.",
	  demo_opts },
	{ "serve", cmd_serve, 0, 0, "--db FILE [--listen 127.0.0.1:8080] [--threads N]",
	  "serve the JSON API and the dashboard",
	  "Serves /api/v1 (docs/api/README.md, docs/api/openapi.yaml) and the dashboard's\n"
	  "files until SIGINT or SIGTERM, then finishes the requests in flight and\n"
	  "closes the database. One access-log line per request.",
	  serve_opts },
	{ "user", cmd_user, 1, 2, "add|passwd|list|disable|enable [NAME] --db FILE [--role R] [--scope S]",
	  "manage accounts",
	  "Passwords are read from standard input (one line) or, on a terminal, at a\n"
	  "prompt; they are stored as argon2id hashes. Changes are audited.",
	  user_opts },
	{ "audit", cmd_audit, 0, 0, "--db FILE [--limit N] [--format F]", "list the audit log of changes", NULL,
	  audit_opts },
	{ "cluster", cmd_cluster, 1, 3,
	  "add|edit|list|show|import|export|discover|evaluate [CODE|KIND [FILE]] --db FILE [options]",
	  "the echelon of SEI bases, clusters and ecosystems",
	  "add CODE / edit CODE      register or change a cluster (--name-zh --name-en --tier\n"
	  "                          --regions --categories --parent --agency --founded;\n"
	  "                          edit also --include/--exclude USCC;USCC)\n"
	  "list [--tier T]           the registry\n"
	  "show CODE                 profile and indicators by year (LQ, strong rule, stars)\n"
	  "import KIND FILE          clusters, members or indicators (docs/formats.md), all or nothing\n"
	  "export KIND               the same formats to standard output\n"
	  "discover --area A|--direction D [--eps-km 5] [--min-points 20] [--weighted] [--all]\n"
	  "                          candidate clusters by DBSCAN (haversine) on coordinates\n"
	  "evaluate --year Y [--method entropy|ahp|fixed|combined] [--indicators FILE] [--ahp FILE]\n"
	  "                          TOPSIS ranking and the recommended tiers, with movement",
	  cluster_opts },
	{ "project", cmd_project, 1, 3, "add|edit CODE [fields]|list|show CODE|import projects|progress FILE|export projects|progress|progress|alerts|matches CODE --db FILE",
	  "the library of key SEI investment projects",
	  "Projects with their funding plan by source, land and energy needs and the\n"
	  "investment completed by month (docs/formats.md). progress: completion\n"
	  "against the straight-line or declared plan; alerts: lagging, funding gaps,\n"
	  "stalled projects; matches CODE [--period P] [--priority-areas '1;4']: the\n"
	  "funds that fit a project, ranked, with the gap left after the progress up\n"
	  "to P (default the latest month with progress) and the priority bonus for\n"
	  "projects in the given SEI areas.",
	  project_opts },
	{ "fund", cmd_fund, 1, 3, "add|edit CODE [fields]|list|show CODE|import FILE|export|matches CODE --db FILE", "the fund registry",
	  "Funds with their type, capital, targets, tickets and co-investment rules;\n"
	  "matches CODE [--period P] [--priority-areas '1;4']: the projects that fit a\n"
	  "fund, ranked, with the reasons (as for `project matches`).",
	  project_opts },
	{ "allocate", cmd_allocate, 0, 0, "--db FILE [--year Y|--period P] [--time-limit S] [--lp] [--objective O]\n"
	  "       [--quotas FILE] [--priority-areas LIST] [--format F]",
	  "the optimal allocation of funds to projects (GLPK)",
	  "Maximises the priority-weighted funding covered, within fund capacities,\n"
	  "per-project and per-source gaps, minimum tickets (whole choices), the fund\n"
	  "rules and land and energy quotas by province; reports what each project\n"
	  "still lacks and the shadow prices of the binding constraints. The gaps and\n"
	  "the eligible pairs are those of `fund matches` at the same --period; a\n"
	  "project's priority is its matching priority (cluster tier, plus 0.2 in a\n"
	  "--priority-areas area, at most 1).",
	  allocate_opts },
	{ "status", cmd_status, 0, 0, "--db FILE", "summarise what a database holds", NULL, status_opts },
	{ "help", cmd_help, 0, 1, "[COMMAND]", "show help for echelon or a command", NULL, no_opts },
	{ "version", cmd_version, 0, 0, "", "print the version", NULL, no_opts },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char *progname = "echelon";

int cli_fail(int exit_code, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return exit_code;
}

int cli_usage(const struct cli_args *a, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", progname, a->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: echelon %s %s\nsee `echelon help %s`\n", a->cmd->name, a->cmd->usage,
		a->cmd->name);
	return EC_EXIT_USAGE;
}

static int option_index(const struct cli_command *cmd, const char *name)
{
	/* values[] in struct cli_args holds 64 options per command */
	for (int i = 0; cmd->options[i].name; i++)
		if (strcmp(cmd->options[i].name, name) == 0)
			return i;
	return -1;
}

const char *cli_opt(const struct cli_args *a, const char *name)
{
	int i = option_index(a->cmd, name);
	return i < 0 ? NULL : a->values[i];
}

const char *cli_opt_or(const struct cli_args *a, const char *name, const char *def)
{
	const char *v = cli_opt(a, name);
	return v ? v : def;
}

static void print_usage(FILE *out, const struct cli_command *cmd)
{
	fprintf(out, "usage: echelon %s %s\n\n%s.\n", cmd->name, cmd->usage, cmd->summary);
	if (cmd->help)
		fprintf(out, "\n%s\n", cmd->help);
	if (cmd->options[0].name) {
		fprintf(out, "\noptions:\n");
		for (int i = 0; cmd->options[i].name; i++) {
			char left[64];
			snprintf(left, sizeof left, "--%s%s%s", cmd->options[i].name, cmd->options[i].arg ? " " : "",
				 cmd->options[i].arg ? cmd->options[i].arg : "");
			fprintf(out, "  %-22s %s\n", left, cmd->options[i].help);
		}
	}
	fprintf(out, "\nfor every command:\n"
		     "  %-22s %s\n  %-22s %s\n",
		     "--as USER", "act as this account: its role and scope apply and the audit log names it\n"
		     "                         (default: the login running the command, with an admin's rights)",
		     "--lang en|zh", "the language of problems (default: from LANG)");
}

static void print_overview(FILE *out)
{
	fprintf(out, "usage: echelon <command> [options]\n\n"
		     "echelon steers investment in strategic emerging industries: it classifies\n"
		     "enterprises, measures SEI growth and ranks clusters.\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n`echelon help <command>` shows a command's options; `echelon --version` the version.\n");
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int cmd_help(struct cli_args *a)
{
	const struct cli_command *cmd;

	if (a->npositional == 0) {
		print_overview(stdout);
		return EC_EXIT_OK;
	}
	if (!(cmd = find_command(a->positional[0]))) {
		const char *hint = closest(a->positional[0], &commands[0].name, NCOMMANDS, sizeof commands[0]);
		if (hint)
			return cli_fail(EC_EXIT_USAGE, "no command '%s' (did you mean '%s'?); see `echelon help`",
					a->positional[0], hint);
		return cli_fail(EC_EXIT_USAGE, "no command '%s'; see `echelon help`", a->positional[0]);
	}
	print_usage(stdout, cmd);
	return EC_EXIT_OK;
}

static int cmd_version(struct cli_args *a)
{
	(void)a;
	printf("echelon %s (schema %d)\n", EC_VERSION_STRING, EC_SCHEMA_VERSION);
	return EC_EXIT_OK;
}

static const char *closest(const char *word, const char *const *candidates, size_t n, size_t stride)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < n; i++) {
		const char *c = *(const char *const *)((const char *)candidates + i * stride);
		size_t dist;
		if (!c)
			break;
		dist = ec_edit_distance(word, c);
		if (dist < best_d || (strncmp(word, c, strlen(word)) == 0 && strlen(word) >= 2 && !best))
			best = c, best_d = dist;
	}
	return best;
}

static int parse_args(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a)
{
	int only_positional = 0;

	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		if (!only_positional && strcmp(arg, "--") == 0) {
			only_positional = 1;
		} else if (!only_positional && strncmp(arg, "--", 2) == 0) {
			char name[64];
			const char *eq = strchr(arg + 2, '=');
			size_t n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			int k;

			snprintf(name, sizeof name, "%.*s", (int)n, arg + 2);
			if (strcmp(name, "help") == 0) {
				print_usage(stdout, cmd);
				return 1;
			}
			if (!strcmp(name, "as") || !strcmp(name, "lang")) {
				const char **slot = !strcmp(name, "as") ? &a->as : &a->lang;
				if (*slot) {
					cli_usage(a, "option '--%s' given twice", name);
					return -1;
				}
				if (eq) {
					*slot = eq + 1;
				} else if (i + 1 < argc) {
					*slot = argv[++i];
				} else {
					cli_usage(a, "option '--%s' needs a value", name);
					return -1;
				}
				continue;
			}
			k = option_index(cmd, name);
			if (k < 0) {
				const char *hint = closest(name, &cmd->options[0].name, 64, sizeof cmd->options[0]);
				if (hint)
					cli_usage(a, "unknown option '--%s' (did you mean '--%s'?)", name, hint);
				else
					cli_usage(a, "unknown option '--%s'", name);
				return -1;
			}
			if (a->values[k]) {
				cli_usage(a, "option '--%s' given twice", name);
				return -1;
			}
			if (!cmd->options[k].arg) {
				if (eq) {
					cli_usage(a, "option '--%s' takes no value", name);
					return -1;
				}
				a->values[k] = "";
			} else if (eq) {
				a->values[k] = eq + 1;
			} else if (i + 1 < argc) {
				a->values[k] = argv[++i];
			} else {
				cli_usage(a, "option '--%s' needs a value (%s)", name, cmd->options[k].arg);
				return -1;
			}
		} else if (!only_positional && arg[0] == '-' && arg[1]) {
			cli_usage(a, "unknown option '%s' (options are spelt --name)", arg);
			return -1;
		} else {
			if (a->npositional >= CLI_MAX_ARGS || a->npositional >= cmd->max_args) {
				cli_usage(a, "unexpected argument '%s'", arg);
				return -1;
			}
			a->positional[a->npositional++] = arg;
		}
	}
	if (a->npositional < cmd->min_args) {
		/* Name what is missing from the usage line's words. */
		char words[256], *w = words, *save = NULL, *tok;
		int i = 0;
		snprintf(words, sizeof words, "%s", cmd->usage);
		while ((tok = strtok_r(w, " \n", &save)) != NULL) {
			w = NULL;
			if (tok[0] == '-' || tok[0] == '[')
				break;
			if (i++ == a->npositional) {
				cli_usage(a, "missing argument %s", tok);
				return -1;
			}
		}
		cli_usage(a, "missing argument");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct cli_command *cmd;
	struct cli_args args;
	int rc;

	(void)db_opt;
	for (size_t i = 0; i < NCOMMANDS; i++) {
		int n = 0;
		while (commands[i].options[n].name)
			n++;
		if (n > 64) { /* struct cli_args holds 64 option values */
			fprintf(stderr, "echelon: internal error: command %s has %d options, at most 64\n", commands[i].name, n);
			return EC_EXIT_FAIL;
		}
	}
	if (argc < 2) {
		print_overview(stderr);
		return EC_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return cmd_version(NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_overview(stdout);
		return EC_EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd && strncmp(argv[1], "--", 2) == 0) {
		static const char *const flags[] = { "--version", "--help" };
		const char *hint = closest(argv[1], flags, 2, sizeof flags[0]);
		return cli_fail(EC_EXIT_USAGE, "unknown option '%s'%s%s%s; see `echelon help`", argv[1],
				hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
	}
	if (!cmd) {
		const char *hint = closest(argv[1], &commands[0].name, NCOMMANDS, sizeof commands[0]);
		if (hint)
			return cli_fail(EC_EXIT_USAGE, "no command '%s' (did you mean '%s'?); see `echelon help`",
					argv[1], hint);
		return cli_fail(EC_EXIT_USAGE, "no command '%s'; see `echelon help`", argv[1]);
	}
	rc = parse_args(cmd, argc - 2, argv + 2, &args);
	if (rc)
		return rc > 0 ? EC_EXIT_OK : EC_EXIT_USAGE;
	if ((rc = cli_set_lang(&args)) != EC_EXIT_OK)
		return rc;
	return cmd->run(&args);
}
