/* libFuzzer harness for the column store's reader (src/format/facts.c):
** the header's fields, the layout of the columns, the dictionary and the
** checksums, as ec_facts_check reads a whole file. When the first byte is
** odd, the harness writes the header's own checksum over what it was given
** before checking, so that mutated header fields reach the layout checks
** rather than stopping at the checksum. Any input is refused or accepted
** without a crash, leak or undefined behaviour. Seeds: small stores made
** by the writer (a handful of enterprises, with and without reports).
** Run: make fuzz, or build-fuzz/tests/fuzz_facts -max_total_time=60 CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "echelon/facts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy;
	char *err = NULL;

	if (size < 1)
		return 0;
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	if ((data[0] & 1) && size - 1 >= 4096) {
		uint64_t h = XXH3_64bits(copy, 4096 - 8);
		memcpy(copy + 4096 - 8, &h, 8);
	}
	if (ec_facts_check(copy, size - 1, &err) != EC_OK && !err)
		abort(); /* a refusal always says why */
	free(err);
	free(copy);
	return 0;
}
