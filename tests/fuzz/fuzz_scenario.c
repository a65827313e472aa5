/* libFuzzer harness for the application scenarios' files and checks: the
** first byte of an input picks the scenarios or the applications reader
** (and, odd, the review criteria parser over the rest), and every row a
** reader hands on is checked as the application checks it (against the
** built-in catalogue). Any input must be read to its end without a crash,
** leak or undefined behaviour.
** Build: cmake -DECHELON_FUZZ=ON -DCMAKE_C_COMPILER=clang; run: make fuzz,
** or build-fuzz/tests/fuzz_scenario -max_total_time=60 CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ec_catalog cat;
static int have_catalog;

static int scenario(void *ctx, const struct ec_scenario *s, const char *file, long line, int good)
{
	struct ec_problem why;
	struct ec_enterprise e;
	struct ec_scenario_fit fit;

	(void)ctx, (void)file, (void)line, (void)good;
	memset(&why, 0, sizeof why);
	ec_scenario_check(s, &cat, &why);
	ec_problem_release(&why);
	memset(&e, 0, sizeof e);
	snprintf(e.sei_categories, sizeof e.sei_categories, "%s", s->description);
	snprintf(e.region, sizeof e.region, "%s", s->mode);
	ec_scenario_fit(s, &e, &fit);
	return 0;
}

static int application(void *ctx, const struct ec_application *a, const char *file, long line, int good)
{
	struct ec_problem why;

	(void)ctx, (void)file, (void)line, (void)good;
	memset(&why, 0, sizeof why);
	ec_application_check(a, &why);
	ec_problem_release(&why);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ec_scenario_file_sink sink = { NULL, scenario, application };
	const char *text = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;
	struct ec_diag d;
	int64_t rows;

	if (!have_catalog) {
		ec_catalog_init(&cat);
		ec_diag_init(&d, 4);
		if (ec_catalog_load_builtin(&cat, &d) != EC_OK)
			abort();
		ec_diag_release(&d);
		have_catalog = 1;
	}
	if (size == 0)
		return 0;
	ec_diag_init(&d, 8);
	ec_scenario_file_read(data[0] % 2, "fuzz.csv", text, len, &sink, &rows, &d);
	if (data[0] & 2) {
		struct ec_scenario_criterion c[EC_SCN_CRITERIA];
		struct ec_problem why;
		char *s = malloc(len + 1);
		size_t n;
		memcpy(s, text, len);
		s[len] = '\0';
		memset(&why, 0, sizeof why);
		ec_scenario_criteria_parse(s, c, &n, &why);
		ec_problem_release(&why);
		free(s);
	}
	ec_diag_release(&d);
	return 0;
}
