/* libFuzzer harness for the CSV reader and the import checks: any input
** must be read to its end without a crash, leak or undefined behaviour.
** Build: cmake -DECHELON_FUZZ=ON -DCMAKE_C_COMPILER=clang; run:
** build-fuzz/tests/fuzz_csv -max_total_time=60 */
#include <stddef.h>
#include <stdint.h>

#include "echelon/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cols[] = { "uscc", "period", "revenue" };
	struct ec_csv c;
	struct ec_diag d;
	int rc;

	ec_diag_init(&d, 4);
	ec_csv_init_mem(&c, "fuzz.csv", (const char *)data, size);
	if (ec_csv_check_header(&c, cols, 3, &d) == EC_OK) {
		while ((rc = ec_csv_next(&c)) != 0) {
			for (size_t i = 0; rc > 0 && i < c.nfields; i++) {
				double v;
				const char *why;
				int period;
				(void)ec_number_parse(c.fields[i].p, c.fields[i].n, &v, &why);
				(void)ec_period_parse(c.fields[i].p, c.fields[i].n, &period);
			}
		}
	}
	ec_csv_release(&c);
	ec_diag_release(&d);
	return 0;
}
