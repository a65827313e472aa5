/*
** echelon init: create a database and load the built-in catalogues.
*/
#include <stdlib.h>

#include "cli.h"

int cmd_init(struct cli_args *a)
{
	struct ec_store *s = NULL;
	struct ec_store_counts counts;
	struct ec_catalog cat;
	struct ec_diag d;
	int rc;

	if ((rc = cli_open_store(a, EC_STORE_CREATE, &s)) != EC_EXIT_OK)
		return rc;
	if (s->ops->counts(s, &counts) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
		goto out;
	}
	if (counts.industries > 0) {
		printf("%s: already initialised (schema %d): %lld categories, %lld industries, %lld regions\n",
		       cli_opt(a, "db"), EC_SCHEMA_VERSION, (long long)counts.categories,
		       (long long)counts.industries, (long long)counts.regions);
		goto out;
	}
	ec_catalog_init(&cat);
	ec_diag_init(&d, 100);
	if (ec_catalog_load_builtin(&cat, &d) != EC_OK) {
		cli_print_diag(&d);
		rc = cli_fail(EC_EXIT_FAIL, "the built-in catalogues are damaged");
	} else if (ec_store_write_catalog(s, &cat, 0xf) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
	} else {
		printf("%s: created (schema %d): %zu SEI categories, %zu mappings, %zu industries, %zu regions\n",
		       cli_opt(a, "db"), EC_SCHEMA_VERSION, cat.ncategories, cat.nmappings, cat.nindustries,
		       cat.nregions);
	}
	ec_diag_release(&d);
	ec_catalog_release(&cat);
out:
	ec_store_close(s);
	return rc;
}
