/*
** echelon status: what a database holds, and its import history.
*/
#include <stdlib.h>

#include "cli.h"

static int add_log(void *ctx, const struct ec_import_log *l)
{
	struct ec_table *t = ctx;
	char id[24], rows[24];

	snprintf(id, sizeof id, "%lld", (long long)l->id);
	snprintf(rows, sizeof rows, "%lld", (long long)l->rows);
	ec_table_addv(t, id, l->at, l->kind, l->file, rows, l->sha256);
	return 0;
}

static int status_run(struct cli_args *a)
{
	static const char *const names[] = { "what", "count" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER };
	static const char *const log_names[] = { "import", "at", "kind", "file", "rows", "sha256" };
	static const enum ec_col_kind log_kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT,
						      EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_app *app = NULL;
	struct ec_store_counts c;
	struct ec_table t, log;
	enum ec_format fmt;
	char buf[8][24], first[8] = "", last[8] = "";
	int rc;

	if ((rc = cli_format(a, &fmt)) || (rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	if (ec_app_counts(app, &c) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_app_close(app);
		return rc;
	}
	if (c.first_period >= 0) {
		ec_period_format(c.first_period, first);
		ec_period_format(c.last_period, last);
	}
	ec_table_init(&t, 2, names, kinds);
	snprintf(buf[0], 24, "%lld", (long long)c.categories);
	snprintf(buf[1], 24, "%lld", (long long)c.mappings);
	snprintf(buf[2], 24, "%lld", (long long)c.industries);
	snprintf(buf[3], 24, "%lld", (long long)c.regions);
	snprintf(buf[4], 24, "%lld", (long long)c.enterprises);
	snprintf(buf[5], 24, "%lld", (long long)c.reports);
	snprintf(buf[6], 24, "%lld", (long long)c.deflators);
	snprintf(buf[7], 24, "%lld", (long long)c.imports);
	ec_table_addv(&t, "SEI categories", buf[0]);
	ec_table_addv(&t, "SEI mappings", buf[1]);
	ec_table_addv(&t, "industries", buf[2]);
	ec_table_addv(&t, "regions", buf[3]);
	ec_table_addv(&t, "enterprises", buf[4]);
	ec_table_addv(&t, "reports", buf[5]);
	ec_table_addv(&t, "deflators", buf[6]);
	ec_table_addv(&t, "imports", buf[7]);
	if (fmt == EC_FMT_TABLE && c.first_period >= 0)
		printf("%s: schema %d, reports %s to %s\n", cli_opt(a, "db"), EC_SCHEMA_VERSION, first, last);
	if (fmt == EC_FMT_TABLE) {
		char *facts = ec_app_facts_describe(app, cli_lang());
		printf("%s\n\n", facts);
		free(facts);
	}
	rc = cli_write_table(&t, fmt);
	if (rc == EC_EXIT_OK && fmt == EC_FMT_TABLE && c.imports > 0) {
		ec_table_init(&log, 6, log_names, log_kinds);
		if (ec_app_imports(app, add_log, &log) != EC_OK) {
			rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
			ec_table_release(&log);
		} else {
			printf("\n");
			rc = cli_write_table(&log, fmt);
		}
	}
	ec_app_close(app);
	return rc;
}

static const struct cli_option status_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_status = {
	"status", status_run, 0, 0, "--db FILE", "summarise what a database holds", NULL,
	status_opts, NULL, CLI_READS,
};
