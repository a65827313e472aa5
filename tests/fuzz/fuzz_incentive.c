/* libFuzzer harness for an incentive programme's rules file: any input is
** read or refused, never a crash; rules read are written back and read
** again to the same rules, and each is applied to a claim made from the
** input's first bytes (the award never above the claim's room, never
** negative). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/incentive.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ec_incentive_rule *rules = NULL, *again = NULL;
	struct ec_incentive_claim c;
	struct ec_incentive_award a;
	struct ec_diag d;
	struct ec_buf b;
	size_t n = 0, m = 0;

	ec_diag_init(&d, 4);
	if (ec_incentive_rules_parse("fuzz.csv", (const char *)data, size, &rules, &n, &d) == EC_OK) {
		ec_buf_init(&b, 0);
		if (ec_incentive_rules_write(rules, n, &b) != EC_OK)
			abort();
		if (ec_incentive_rules_parse("again.csv", b.data, b.len, &again, &m, &d) != EC_OK || m != n)
			abort();
		for (size_t i = 0; i < n; i++)
			if (memcmp(&rules[i], &again[i], sizeof rules[i]) != 0)
				abort();
		ec_buf_release(&b);
		free(again);
		ec_incentive_claim_init(&c);
		memcpy(c.beneficiary, "91310115000301600R", 19);
		memcpy(c.category, "1.2.4", 6);
		memcpy(c.region, "310115", 7);
		c.base_amount = size ? (double)data[0] * 37.5 : 1000;
		for (size_t i = 0; i < n; i++) {
			double already = size > 1 ? (double)data[1] * 3 : 0;
			c.side = rules[i].side;
			c.size = (enum ec_enterprise_size)(size > 2 ? data[2] % EC_NSIZES : 0);
			c.pilot = (enum ec_pilot)(size > 3 ? data[3] % EC_NPILOTS : 0);
			if (ec_incentive_apply(&rules[i], &c, already, &a, NULL) == EC_OK &&
			    (!(a.amount >= 0) || (rules[i].year_cap > 0 && a.amount > rules[i].year_cap - already + 1e-6)))
				abort();
		}
		free(rules);
	}
	ec_diag_release(&d);
	return 0;
}
