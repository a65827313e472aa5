/* libFuzzer harness for the catalogue parser (official SEI layout and the
** region format): any input is accepted or rejected, never a crash. */
#include <stddef.h>
#include <stdint.h>

#include "echelon/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ec_catalog cat;
	struct ec_diag d;

	ec_catalog_init(&cat);
	ec_diag_init(&d, 4);
	(void)ec_catalog_parse(&cat, EC_CAT_SEI_MAPPINGS, "fuzz.csv", (const char *)data, size, &d);
	(void)ec_catalog_parse(&cat, EC_CAT_REGIONS, "fuzz.csv", (const char *)data, size, &d);
	ec_catalog_release(&cat);
	ec_diag_release(&d);
	return 0;
}
