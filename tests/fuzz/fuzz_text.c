/* libFuzzer harness for the preparation of data files (src/format/text.c and
** xlsx.c): workbooks (a zip read with libzip, its XML streamed through
** expat), encodings (UTF-16, GB18030 through iconv), delimiters, and then
** the import's reader over what they give. The first byte picks the import
** kind and whether the encoding is forced; the rest is the file. Any input
** is read without a crash, leak or undefined behaviour, and what a
** workbook gives is valid UTF-8 CSV whose every line maps to a sheet row.
** Seeds: small workbooks made by tests/integration/lib/xlsx.py and
** `echelon template KIND --format xlsx`, GBK and UTF-16 files.
** Run: make fuzz, or build-fuzz/tests/fuzz_text -max_total_time=60 CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/intake.h"
#include "intake_sink.h"
#include "echelon/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ec_catalog cat;
static int have_catalog;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = { NULL, "gb18030", "utf-16", "utf-8" };
	struct ec_intake_sink sink = { NULL, sink_resolve, sink_enterprise, sink_report, sink_deflator };
	struct ec_import_opts opts = { .dry_run = 0 };
	struct ec_import_result res;
	struct ec_text t;
	struct ec_diag d;
	char *copy;

	if (size < 1)
		return 0;
	if (!have_catalog) {
		ec_catalog_init(&cat);
		have_catalog = 1;
	}
	copy = malloc(size - 1 ? size - 1 : 1); /* exactly the file: a read past it is caught */
	memcpy(copy, data + 1, size - 1);
	opts.encoding = encodings[(data[0] >> 2) & 3];
	ec_diag_init(&d, 20);
	ec_diag_group_on(&d, 8);
	if (ec_text_prepare("f", copy, size - 1, opts.encoding, 0, NULL, 1u << 24, &t, &d) == EC_OK) {
		if (ec_utf8_check(t.data, t.len) != 0 && strcmp(t.format, "xlsx") == 0)
			abort();
		if (strcmp(t.format, "xlsx") == 0) {
			size_t lines = 0;
			for (size_t i = 0; i < t.len; i++)
				lines += t.data[i] == '\n';
			if (lines != t.sheet.nrows)
				abort();
		}
		ec_text_release(&t);
	}
	ec_diag_clear(&d);
	ec_intake_read(&cat, (enum ec_intake_kind)(data[0] % EC_IN_NKINDS), "f", copy, size - 1, &sink, &opts, &res, &d);
	ec_diag_release(&d);
	free(copy);
	return 0;
}
