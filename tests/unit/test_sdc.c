/* Unit tests of disclosure control: the threshold and dominance rules,
** complementary suppression, and its use on monitoring rows. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/cluster.h"
#include "echelon/monitor.h"
#include "echelon/sdc.h"

static void test_cell(void **state)
{
	struct ec_sdc_rule r;
	(void)state;
	ec_sdc_rule_default(&r);
	assert_int_equal(ec_sdc_cell(&r, 0, NAN, 0), EC_SDC_THRESHOLD);
	assert_int_equal(ec_sdc_cell(&r, 2, NAN, 100), EC_SDC_THRESHOLD);
	assert_int_equal(ec_sdc_cell(&r, 3, NAN, 100), EC_SDC_SHOWN);
	assert_int_equal(ec_sdc_cell(&r, 3, 85, 100), EC_SDC_SHOWN);     /* 85 % is not above 85 % */
	assert_int_equal(ec_sdc_cell(&r, 3, 85.01, 100), EC_SDC_DOMINANCE);
	assert_int_equal(ec_sdc_cell(&r, 10, 50, 0), EC_SDC_SHOWN);      /* no total, nothing dominates */
	assert_string_equal(ec_sdc_reason_name(EC_SDC_COMPLEMENT), "complement");
	assert_string_equal(ec_sdc_reason_name(EC_SDC_SHOWN), "");
}

static void test_complement(void **state)
{
	int64_t count[] = { 10, 2, 7, 5 };
	enum ec_sdc_reason reason[] = { EC_SDC_SHOWN, EC_SDC_THRESHOLD, EC_SDC_SHOWN, EC_SDC_SHOWN };
	enum ec_sdc_reason two[] = { EC_SDC_SHOWN, EC_SDC_THRESHOLD, EC_SDC_SHOWN, EC_SDC_DOMINANCE };
	(void)state;
	ec_sdc_complement(count, 4, reason);
	/* one hidden: the smallest shown (5) goes too */
	assert_int_equal(reason[3], EC_SDC_COMPLEMENT);
	assert_int_equal(reason[0], EC_SDC_SHOWN);
	assert_int_equal(reason[2], EC_SDC_SHOWN);
	ec_sdc_complement(count, 4, two); /* two hidden already: nothing more */
	assert_int_equal(two[0], EC_SDC_SHOWN);
	assert_int_equal(two[2], EC_SDC_SHOWN);
}

static struct ec_monitor_row row(enum ec_group_kind kind, const char *code, const char *region, int64_t n)
{
	struct ec_monitor_row r;
	memset(&r, 0, sizeof r);
	r.kind = kind;
	snprintf(r.group_code, sizeof r.group_code, "%s", code);
	snprintf(r.region, sizeof r.region, "%s", region);
	r.enterprises = n;
	r.value_added = 100.0 * (double)n;
	return r;
}

static void test_monitor_rows(void **state)
{
	struct ec_sdc_rule rule;
	struct ec_monitor_row rows[10];
	enum ec_sdc_reason reason[10];
	(void)state;
	ec_sdc_rule_default(&rule);
	/* the totals and three provinces, one of them small */
	rows[0] = row(EC_G_ALL, "all", "", 40);
	rows[1] = row(EC_G_SEI, "sei", "", 20);
	rows[2] = row(EC_G_PROVINCE, "110000", "110000", 20);
	rows[3] = row(EC_G_PROVINCE, "310000", "310000", 2);
	rows[4] = row(EC_G_PROVINCE, "320000", "320000", 18);
	ec_monitor_rows_sdc(rows, 5, &rule, reason);
	assert_int_equal(reason[0], EC_SDC_SHOWN);
	assert_int_equal(reason[1], EC_SDC_SHOWN);
	assert_int_equal(reason[3], EC_SDC_THRESHOLD);
	assert_int_equal(reason[4], EC_SDC_COMPLEMENT); /* else 310000 = all - 110000 - 320000 */
	assert_int_equal(reason[2], EC_SDC_SHOWN);
	/* area x province: the small cell's area and its province both need a second */
	rows[0] = row(EC_G_AREA_PROVINCE, "1:110000", "110000", 9);
	rows[1] = row(EC_G_AREA_PROVINCE, "1:310000", "310000", 1);
	rows[2] = row(EC_G_AREA_PROVINCE, "1:320000", "320000", 8);
	rows[3] = row(EC_G_AREA_PROVINCE, "2:110000", "110000", 7);
	rows[4] = row(EC_G_AREA_PROVINCE, "2:310000", "310000", 6);
	rows[5] = row(EC_G_AREA_PROVINCE, "2:320000", "320000", 5);
	ec_monitor_rows_sdc(rows, 6, &rule, reason);
	assert_int_equal(reason[1], EC_SDC_THRESHOLD);
	/* no area and no province is left with exactly one hidden cell */
	for (int a = 0; a < 2; a++) {
		int hidden = 0;
		for (int i = 0; i < 3; i++)
			hidden += reason[a * 3 + i] != EC_SDC_SHOWN;
		assert_true(hidden != 1);
	}
	for (int p = 0; p < 3; p++)
		assert_true((reason[p] != EC_SDC_SHOWN) + (reason[3 + p] != EC_SDC_SHOWN) != 1);
}

/* A cluster shown whole (8 members, none dominant) whose growth rests on 2
** members above designated size: the growth is hidden, the rest shown; with
** 3 above size it is shown. */
static void test_cluster_growth_sample(void **state)
{
	struct ec_sdc_rule rule;
	struct ec_cluster_indicators ind;
	(void)state;

	ec_sdc_rule_default(&rule);
	memset(&ind, 0, sizeof ind);
	ind.enterprises = 8;
	ind.above_size = 2;
	ind.value_added = 1000;
	ind.largest_va = 300;
	ind.growth_pct = 5;
	assert_int_equal(ec_cluster_indicators_sdc(&rule, &ind), EC_SDC_SHOWN);
	assert_true(isnan(ind.growth_pct));
	assert_true(ind.value_added == 1000);
	ind.above_size = 3;
	ind.growth_pct = 5;
	assert_int_equal(ec_cluster_indicators_sdc(&rule, &ind), EC_SDC_SHOWN);
	assert_true(ind.growth_pct == 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_complement),
		cmocka_unit_test(test_monitor_rows),
		cmocka_unit_test(test_cluster_growth_sample),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
