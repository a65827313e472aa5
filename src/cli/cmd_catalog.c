/*
** echelon catalog and echelon classify: list the reference catalogues, load
** official replacements, and classify an industry class.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/csv.h"


/* The catalogue to list: the database's with --db, else the built-in one. */
static int load_for_listing(const struct cli_args *a, struct ec_catalog *cat)
{
	struct ec_app *app = NULL;
	struct ec_diag d;
	int rc;

	if (cli_opt(a, "db")) {
		if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
			return rc;
		ec_catalog_init(cat);
		if (ec_app_catalog_read(app, cat) != EC_OK) {
			rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
			ec_catalog_release(cat);
		}
		ec_app_close(app);
		return rc;
	}
	ec_catalog_init(cat);
	ec_diag_init(&d, 10);
	rc = ec_catalog_load_builtin(cat, &d);
	cli_print_diag(&d);
	ec_diag_release(&d);
	if (rc) {
		ec_catalog_release(cat);
		return cli_fail(EC_EXIT_FAIL, "cli.catalogues_damaged");
	}
	return EC_EXIT_OK;
}

static int list(const struct cli_args *a, const char *what, enum ec_format fmt)
{
	struct ec_catalog cat;
	struct ec_table t;
	int rc;

	if ((rc = load_for_listing(a, &cat)) != EC_EXIT_OK)
		return rc;
	ec_catalog_table(&cat, what, &t);
	rc = cli_write_table(&t, fmt);
	ec_catalog_release(&cat);
	return rc;
}

static int load_run(struct cli_args *a)
{
	const char *what = a->npositional > 1 ? a->positional[1] : "", *path;
	struct ec_catalog_counts n;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_csv file;
	struct ec_diag d;
	int rc, status;

	if (ec_app_catalog_kind_parse(what) < 0)
		return cli_usage(a, "field.enum|value=%s|expected=sei, sei-categories, sei-mappings, industries or regions", what);
	path = a->positional[2];
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	if (ec_csv_open(&file, path) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", file.error);
		goto out;
	}
	ec_diag_init(&d, 100);
	status = ec_app_catalog_load(app, &who, what, path, file.data, file.len, &n, &d);
	if (status == EC_EDATA) {
		cli_print_diag(&d);
		rc = cli_fail(EC_EXIT_DATA, "cli.rejected_catalog|file=%s", path);
	} else if (status != EC_OK) {
		rc = cli_refused(status, &d, path);
	} else {
		printf("%s: loaded: %zu SEI categories, %zu mappings, %zu industries, %zu regions\n", path, n.categories,
		       n.mappings, n.industries, n.regions);
		rc = EC_EXIT_OK;
	}
	ec_diag_release(&d);
	ec_csv_release(&file);
out:
	ec_app_close(app);
	return rc;
}

static int list_run(struct cli_args *a)
{
	enum ec_format fmt;
	int rc;

	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	return list(a, a->verb->name, fmt);
}

static int classify_run(struct cli_args *a)
{
	static const char *const names[] = { "category", "name_zh", "name_en", "mapping", "declared", "primary" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_BOOL, EC_COL_BOOL };
	const char *declared = cli_opt_or(a, "declared", "");
	struct ec_classification cl;
	struct ec_catalog cat;
	struct ec_table t;
	enum ec_format fmt;
	char bad[64];
	int rc, status;

	if ((rc = cli_format(a, &fmt)) || (rc = load_for_listing(a, &cat)))
		return rc;
	status = ec_classify(&cat, a->positional[0], declared, &cl, bad, sizeof bad);
	if (status != EC_OK) {
		rc = strcmp(bad, a->positional[0]) == 0
			     ? cli_fail(EC_EXIT_DATA, "industry.class_unknown|value=%s", bad)
			     : cli_fail(EC_EXIT_DATA, "--declared category.unknown|value=%s", bad);
		ec_catalog_release(&cat);
		return rc;
	}
	ec_table_init(&t, 6, names, kinds);
	for (size_t i = 0; i < cl.nmatches; i++) {
		const struct ec_category *c = cl.matches[i].category;
		size_t n = strlen(c->code);
		const char *p = strstr(declared, c->code);
		int is_declared = p && (p == declared || p[-1] == ';') && (p[n] == ';' || p[n] == '\0');
		ec_table_addv(&t, c->code, c->name_zh, c->name_en, cl.matches[i].partial ? "partial" : "full",
			      is_declared ? "1" : "0", c == cl.primary ? "1" : "0");
	}
	/* Declared categories the class does not map to are shown too. */
	for (const char *p = declared; *p;) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const struct ec_category *c = ec_catalog_find_category(&cat, p, n);
		int listed = 0;
		for (size_t i = 0; i < cl.nmatches; i++)
			listed |= cl.matches[i].category == c;
		if (c && !listed)
			ec_table_addv(&t, c->code, c->name_zh, c->name_en, "none", "1", c == cl.primary ? "1" : "0");
		p += n + (end ? 1 : 0);
	}
	rc = cli_write_table(&t, fmt);
	if (rc == EC_EXIT_OK && fmt == EC_FMT_TABLE) {
		if (cl.primary)
			printf("\nprimary category: %s %s (%s)\n", cl.primary->code, cl.primary->name_zh, cl.reason);
		else
			printf("\nnot SEI: %s\n", cl.reason);
	}
	ec_catalog_release(&cat);
	return rc;
}

static const struct cli_option classify_opts[] = {
	{ "db", "FILE", "the database file (default: the catalogues built in)" },
	{ "declared", "CAT;CAT", "the SEI categories the enterprise declares" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_classify = {
	"classify", classify_run, 1, 1, "CLASS [--declared CAT;CAT] [--format F]",
	"show the SEI categories of an industry class and the primary category",
	"The primary category is the first declared one; with none declared, the\n"
	"category the class maps to in full (the lowest code when several); with\n"
	"neither, the enterprise is not SEI.",
	classify_opts, NULL, CLI_READS,
};

static const struct cli_option catalog_opts[] = {
	{ "db", "FILE", "the database file (default for listing: the catalogues built in)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

#define LIST(name, what) { name, list_run, 0, 0, "[--db FILE] [--format F]", "list " what, "db format", CLI_READS }
static const struct cli_verb catalog_verbs[] = {
	LIST("areas", "the 9 SEI areas with their directions and sub-directions counted"),
	LIST("categories", "the SEI classification: areas, directions, sub-directions"),
	LIST("mappings", "the industry classes each SEI sub-direction maps to (partial: *)"),
	LIST("industries", "GB/T 4754-2017 industries"),
	LIST("regions", "GB/T 2260 regions with their coordinates"),
	{ "load", load_run, 2, 2, "sei|sei-categories|sei-mappings|industries|regions FILE --db FILE",
	  "replace a catalogue from a file, all or nothing; enterprises are reclassified", "db", CLI_ACTS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};
#undef LIST

const struct cli_command cmd_catalog = {
	"catalog", NULL, 1, 3, "areas|categories|mappings|industries|regions [--format F]\n"
	"       echelon catalog load sei|sei-categories|sei-mappings|industries|regions FILE --db FILE",
	"list or replace the reference catalogues",
	"Lists a catalogue, or loads a replacement from FILE into the database.\n"
	"`catalog load sei FILE` takes the official layout of the SEI table (category\n"
	"code, category name, industry code with an optional *, industry name, note)\n"
	"and replaces the categories and mappings at once; the other kinds take the\n"
	"formats of data/*.csv. Enterprises are reclassified after a load.",
	catalog_opts, catalog_verbs, CLI_READS,
};
