/* Unit tests of the digital-level benchmarks (src/lib/digital_bench.c):
** groups with their mean, median and shares by level against hand
** computation, the disclosure control's threshold and complement, the
** percentile rank of docs/methods.md's worked case, the weakest dimensions
** in order, the recommended actions file, and the funds that fit with
** their coded reasons. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/digital.h"
#include "echelon/project.h"
#include "echelon/sdc.h"

#define CLOSE(a, b) assert_true(fabs((a) - (b)) <= 1e-9)

static void test_groups(void **state)
{
	/* group 0: 40 (2), 50 (2), 50 (2), 64 (3), 70 (3); group 1: 10 (0),
	** 85 (4); group 2: 30 (1); the last assessment in no group */
	const double score[] = { 40, 50, 50, 64, 70, 10, 85, 30, 99 };
	const int level[] = { 2, 2, 2, 3, 3, 0, 4, 1, 4 };
	const size_t group[] = { 0, 0, 0, 0, 0, 1, 1, 2, (size_t)-1 };
	struct ec_digital_bench b[3];
	struct ec_sdc_rule rule;
	(void)state;

	ec_digital_bench_groups(score, level, group, 9, 3, NULL, b);
	assert_int_equal(b[0].count, 5);
	CLOSE(b[0].mean, 54.8);
	CLOSE(b[0].median, 50);
	CLOSE(b[0].level2_pct, 100);
	CLOSE(b[0].level3_pct, 40);
	assert_int_equal(b[0].at_level[2], 3);
	assert_int_equal(b[0].hidden, EC_SDC_SHOWN);
	assert_int_equal(b[1].count, 2);
	CLOSE(b[1].median, 47.5);
	CLOSE(b[1].level2_pct, 50);
	CLOSE(b[1].level3_pct, 50);
	assert_int_equal(b[2].count, 1);

	/* threshold 3: groups 1 and 2 hidden; two hidden already, no complement */
	ec_sdc_rule_default(&rule);
	ec_digital_bench_groups(score, level, group, 9, 3, &rule, b);
	assert_int_equal(b[0].hidden, EC_SDC_SHOWN);
	assert_int_equal(b[1].hidden, EC_SDC_THRESHOLD);
	assert_int_equal(b[2].hidden, EC_SDC_THRESHOLD);
	CLOSE(b[0].mean, 54.8); /* figures kept; the caller blanks them */

	/* one group hidden alone: the smallest shown one is hidden too */
	{
		const size_t g2[] = { 0, 0, 0, 1, 1, 1, 1, 2, 2 };
		const double s2[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
		ec_digital_bench_groups(s2, level, g2, 9, 3, &rule, b);
		assert_int_equal(b[2].hidden, EC_SDC_THRESHOLD);
		assert_int_equal(b[0].hidden, EC_SDC_COMPLEMENT);
		assert_int_equal(b[1].hidden, EC_SDC_SHOWN);
	}
}

static void test_percentile(void **state)
{
	/* docs/methods.md: peers 40, 50, 50, 64, 70; the enterprise at 50:
	** 1 below, 2 equal (itself included): (1 + 2/2) / 5 = 40 % */
	const double peers[] = { 40, 50, 50, 64, 70 };
	(void)state;

	CLOSE(ec_digital_percentile(peers, 5, 50), 40);
	CLOSE(ec_digital_percentile(peers, 5, 70), 90);
	CLOSE(ec_digital_percentile(peers, 5, 40), 10);
	assert_true(isnan(ec_digital_percentile(peers, 0, 40)));
}

static void test_weakest(void **state)
{
	double ds[] = { 25, 12, 14, 0 }, dm[] = { 32, 28, 20, 0 };
	struct ec_digital_result r;
	size_t order[4], n;
	(void)state;

	memset(&r, 0, sizeof r);
	r.ndimensions = 4;
	r.dimension_score = ds;
	r.dimension_max = dm;
	/* shares 78 %, 43 %, 70 %; the fourth carries no points */
	n = ec_digital_weakest(&r, order);
	assert_int_equal(n, 3);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 0);
	/* ties keep the questionnaire's order */
	ds[0] = 16, dm[0] = 32, ds[1] = 14, dm[1] = 28, ds[2] = 10, dm[2] = 20;
	n = ec_digital_weakest(&r, order);
	assert_int_equal(n, 3);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 2);
}

static void test_actions(void **state)
{
	struct ec_digital_actions a;
	struct ec_diag d;
	const char *bad = "dimension,kind,text_zh,text_en\nD1,action,做,do\nD2,advice,做,do\nD3,service,,do\n";
	(void)state;

	ec_diag_init(&d, 10);
	assert_int_equal(ec_digital_actions_builtin(&a, &d), EC_OK);
	for (char dim = '1'; dim <= '4'; dim++) {
		int found = 0;
		for (size_t i = 0; i < a.n; i++)
			found |= a.items[i].dimension[1] == dim;
		assert_true(found);
	}
	ec_digital_actions_release(&a);
	assert_int_equal(ec_digital_actions_parse(&a, "a.csv", bad, strlen(bad), &d), EC_EDATA);
	assert_int_equal(d.total, 2);
	assert_string_equal(d.problems[0].code, "field.enum");
	assert_int_equal(d.problems[0].line, 3);
	assert_string_equal(d.problems[1].code, "field.empty");
	assert_string_equal(d.problems[1].field, "text_zh");
	assert_null(a.items);
	ec_diag_release(&d);
}

static void test_funds(void **state)
{
	struct ec_fund f[4];
	struct ec_digital_fund_fit fit[4];
	size_t n;
	(void)state;

	for (int i = 0; i < 4; i++) {
		ec_fund_init(&f[i]);
		snprintf(f[i].code, sizeof f[i].code, "F%d", i);
	}
	snprintf(f[0].categories, sizeof f[0].categories, "1");          /* area: 0.6 */
	snprintf(f[0].regions, sizeof f[0].regions, "3205");             /* prefecture: 1.0 */
	snprintf(f[1].categories, sizeof f[1].categories, "1.2.1;7");     /* exact: 1.0 */
	snprintf(f[1].regions, sizeof f[1].regions, "320000");           /* province: 0.7 */
	snprintf(f[2].categories, sizeof f[2].categories, "4");          /* does not cover */
	/* f[3]: any category (0.4) and region (0.4) */
	n = ec_digital_funds_fit(f, 4, "1.2.1", "320506", 1, fit);
	assert_int_equal(n, 3);
	assert_int_equal(fit[0].fund, 1);
	CLOSE(fit[0].fit, 0.7);
	assert_string_equal(fit[0].category_reason, "match.category_is_target|category=1.2.1");
	assert_string_equal(fit[0].region_reason, "match.region_in_target|region=320506|target=32");
	assert_int_equal(fit[1].fund, 0);
	CLOSE(fit[1].fit, 0.6);
	assert_string_equal(fit[1].category_reason, "match.category_under_target|category=1.2.1|target=1");
	assert_string_equal(fit[1].region_reason, "match.region_in_target|region=320506|target=3205");
	assert_int_equal(fit[2].fund, 3);
	CLOSE(fit[2].fit, 0.16);
	assert_string_equal(fit[2].category_reason, "match.any_category|category=1.2.1");
	/* an enterprise outside SEI: only funds of any category */
	n = ec_digital_funds_fit(f, 4, "", "110101", 1, fit);
	assert_int_equal(n, 1);
	assert_int_equal(fit[0].fund, 3);
	/* a fund requiring a higher digital level than the enterprise's is left out */
	f[1].min_digital_level = 2;
	n = ec_digital_funds_fit(f, 4, "1.2.1", "320506", 1, fit);
	assert_int_equal(n, 2);
	assert_int_equal(fit[0].fund, 0);
	n = ec_digital_funds_fit(f, 4, "1.2.1", "320506", 2, fit);
	assert_int_equal(n, 3);
	assert_int_equal(fit[0].fund, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_percentile),
		cmocka_unit_test(test_weakest),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_funds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
