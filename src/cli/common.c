/*
** Helpers shared by the commands: opening the store, loading catalogues,
** formats, periods and printing diagnostics.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_open_store(const struct cli_args *a, int flags, struct ec_store **s)
{
	const char *db = cli_opt(a, "db");
	char *err = NULL;
	int rc;

	if (!db || !*db)
		return cli_usage(a, "--db FILE is required");
	rc = ec_store_open(db, flags, s, &err);
	if (rc != EC_OK) {
		cli_fail(ec_exit_code(rc) == EC_EXIT_USAGE ? EC_EXIT_USAGE : EC_EXIT_IO, "%s", err);
		free(err);
		return ec_exit_code(rc) == EC_EXIT_USAGE ? EC_EXIT_USAGE : EC_EXIT_IO;
	}
	return EC_EXIT_OK;
}

int cli_load_catalog(struct ec_store *s, struct ec_catalog *cat)
{
	ec_catalog_init(cat);
	if (ec_store_catalog_load(s, cat) != EC_OK) {
		ec_catalog_release(cat);
		return cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
	}
	return EC_EXIT_OK;
}

int cli_format(const struct cli_args *a, enum ec_format *fmt)
{
	const char *v = cli_opt_or(a, "format", "table");
	int f = ec_format_parse(v);

	if (f < 0)
		return cli_usage(a, "--format '%s': expected table, csv or json", v);
	*fmt = (enum ec_format)f;
	return EC_EXIT_OK;
}

int cli_period(const struct cli_args *a, const char *name, int *period)
{
	const char *v = cli_opt(a, name);

	*period = -1;
	if (!v)
		return EC_EXIT_OK;
	if (ec_period_parse(v, strlen(v), period) != EC_OK)
		return cli_usage(a, "--%s '%s': expected a period YYYY-MM", name, v);
	return EC_EXIT_OK;
}

void cli_print_diag(const struct ec_diag *d)
{
	for (size_t i = 0; i < d->kept; i++)
		fprintf(stderr, "%s\n", d->messages[i]);
	if (d->total > d->kept)
		fprintf(stderr, "... and %zu more problem%s\n", d->total - d->kept, d->total - d->kept == 1 ? "" : "s");
}
