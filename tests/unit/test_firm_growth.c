/* Unit tests of an enterprise's own growth (src/lib/firm_growth.c): the
** month against the same month a year earlier, January to the month over
** the months reported in both years, and nothing to compare as NAN. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/monitor.h"

static void test_growth(void **state)
{
	/* out of order on purpose; March 2020 was not reported */
	struct ec_report r[5] = {
		{ .period = ec_period_make(2021, 2), .value_added = 180, .revenue = 900 },
		{ .period = ec_period_make(2020, 1), .value_added = 100 },
		{ .period = ec_period_make(2020, 2), .value_added = 200 },
		{ .period = ec_period_make(2021, 1), .value_added = 110 },
		{ .period = ec_period_make(2021, 3), .value_added = 50 },
	};
	struct ec_firm_month m[5];
	(void)state;

	ec_firm_growth(r, 5, m);
	for (int i = 1; i < 5; i++)
		assert_true(m[i - 1].period < m[i].period);
	assert_true(isnan(m[0].growth_pct) && isnan(m[0].cumulative_growth_pct));
	assert_true(fabs(m[2].growth_pct - 10) < 1e-9);
	assert_true(fabs(m[3].growth_pct + 10) < 1e-9);
	assert_true(fabs(m[3].revenue - 900) < 1e-9);
	assert_true(fabs(m[3].cumulative_growth_pct - (290.0 - 300) / 300 * 100) < 1e-9);
	/* March alone has nothing to compare; January to March counts January and February */
	assert_true(isnan(m[4].growth_pct));
	assert_true(fabs(m[4].cumulative_growth_pct - (290.0 - 300) / 300 * 100) < 1e-9);
}

static void test_zero_before(void **state)
{
	struct ec_report r[2] = {
		{ .period = ec_period_make(2020, 1), .value_added = 0 },
		{ .period = ec_period_make(2021, 1), .value_added = 10 },
	};
	struct ec_firm_month m[2];
	(void)state;

	ec_firm_growth(r, 2, m);
	assert_true(isnan(m[1].growth_pct) && isnan(m[1].cumulative_growth_pct));
	ec_firm_growth(r, 0, m); /* none: nothing written, nothing read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_zero_before),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
