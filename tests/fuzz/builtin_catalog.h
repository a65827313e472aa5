/* The built-in catalogues, loaded once, for the harnesses whose parsers
** check codes against them (fuzz_json, fuzz_params). */
#ifndef FUZZ_BUILTIN_CATALOG_H
#define FUZZ_BUILTIN_CATALOG_H

#include <stdlib.h>
#include "echelon/catalog.h"

static const struct ec_catalog *builtin_catalog(void)
{
	static struct ec_catalog cat;
	static int loaded;

	if (!loaded) {
		struct ec_diag d;
		ec_catalog_init(&cat);
		ec_diag_init(&d, 4);
		if (ec_catalog_load_builtin(&cat, &d) != EC_OK)
			abort();
		ec_diag_release(&d);
		loaded = 1;
	}
	return &cat;
}

#endif
