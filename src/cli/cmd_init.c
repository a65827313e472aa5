/*
** echelon init: create a database and load the built-in catalogues.
*/
#include <stdlib.h>

#include "cli.h"

static int init_run(struct cli_args *a)
{
	struct ec_app *app = NULL;
	struct ec_store_counts counts;
	struct ec_actor who;
	struct ec_diag d;
	int rc, installed = 0, status;

	if ((rc = cli_open_app(a, EC_STORE_CREATE, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK) {
		ec_app_close(app);
		return rc;
	}
	ec_diag_init(&d, 100);
	status = ec_app_catalog_install(app, &who, &installed, &d);
	if (status == EC_EDATA) {
		cli_print_diag(&d);
		rc = cli_fail(EC_EXIT_FAIL, "cli.catalogues_damaged");
	} else if (status != EC_OK) {
		rc = cli_refused(status, &d, cli_opt(a, "db"));
	} else if (ec_app_counts(app, &counts) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
	}
	else
		printf("%s: %s (schema %d): %lld SEI categories, %lld mappings, %lld industries, %lld regions\n",
		       cli_opt(a, "db"), installed ? "created" : "already initialised", EC_SCHEMA_VERSION,
		       (long long)counts.categories, (long long)counts.mappings, (long long)counts.industries,
		       (long long)counts.regions);
	ec_diag_release(&d);
	ec_app_close(app);
	return rc;
}

static const struct cli_option init_opts[] = {
	{ "db", "FILE", "the database file to create" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_init = {
	"init", init_run, 0, 0, "--db FILE", "create a database holding the reference catalogues",
	"Creates FILE (SQLite, WAL mode) with the current schema and loads the built-in\n"
	"catalogues: the SEI classification (2018), GB/T 4754-2017 industries and\n"
	"GB/T 2260 regions. On an existing database it applies pending migrations\n"
	"and leaves the data as it is.",
	init_opts, NULL, CLI_ACTS,
};
