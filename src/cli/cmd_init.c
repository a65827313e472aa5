/*
** echelon init: create a database and load the built-in catalogues.
*/
#include <stdlib.h>

#include "cli.h"

int cmd_init(struct cli_args *a)
{
	struct ec_store *s = NULL;
	struct ec_store_counts counts;
	struct ec_diag d;
	int rc, installed = 0, status;

	if ((rc = cli_open_store(a, EC_STORE_CREATE, &s)) != EC_EXIT_OK)
		return rc;
	ec_diag_init(&d, 100);
	status = ec_store_install_catalogs(s, &installed, &d);
	cli_print_diag(&d);
	ec_diag_release(&d);
	if (status == EC_EDATA)
		rc = cli_fail(EC_EXIT_FAIL, "the built-in catalogues are damaged");
	else if (status != EC_OK || ec_store_counts(s, &counts) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
	else
		printf("%s: %s (schema %d): %lld SEI categories, %lld mappings, %lld industries, %lld regions\n",
		       cli_opt(a, "db"), installed ? "created" : "already initialised", EC_SCHEMA_VERSION,
		       (long long)counts.categories, (long long)counts.mappings, (long long)counts.industries,
		       (long long)counts.regions);
	ec_store_close(s);
	return rc;
}
