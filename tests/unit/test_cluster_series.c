/* Unit tests of a cluster by month (ec_cluster_series, ec_cluster_month_sdc)
** against a hand-computed case: three members, two of them above
** designated size, January and February 2020 against 2019 — members E0, E1
** and E5 of the worked example in docs/methods.md, "Monitoring" — and an
** SEI cube with one enterprise more for the share. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/cluster.h"
#include "echelon/monitor.h"
#include "echelon/sdc.h"

#define T 24 /* 2019-01 .. 2020-12 */

static void close_to(double want, double got)
{
	if (!(fabs(want - got) <= 1e-6 * (fabs(want) > 1 ? fabs(want) : 1)))
		fail_msg("expected %.17g, got %.17g", want, got);
}

/* Four enterprises: M0 (division 39, revenue 2019 25 000), M1 (27, 30 000,
** no report in February 2019), M2 (39, 5 000: below the threshold), and O
** (13, 40 000), an SEI enterprise that is not a member. */
static double va[4 * T], revenue[4 * T], ppi[100 * T];
static uint8_t division[4] = { 39, 27, 39, 13 };

static void set(int e, int t, double value_added, double rev)
{
	va[e * T + t] = value_added;
	revenue[e * T + t] = rev;
}

static void economy(void)
{
	memset(va, 0, sizeof va);
	memset(revenue, 0, sizeof revenue);
	for (int i = 0; i < 100 * T; i++)
		ppi[i] = NAN;
	set(0, 0, 100, 12500), set(0, 1, 200, 12500), set(0, 12, 110, 16000), set(0, 13, 180, 9000);
	set(1, 0, 300, 30000), /* February 2019 not reported */ set(1, 12, 330, 20000), set(1, 13, 120, 10000);
	set(2, 0, 40, 2500), set(2, 1, 40, 2500), set(2, 12, 50, 3000), set(2, 13, 50, 3000);
	set(3, 0, 250, 20000), set(3, 1, 250, 20000), set(3, 12, 260, 20000), set(3, 13, 200, 20000);
	ppi[39 * T + 12] = 98, ppi[39 * T + 13] = 97;
	ppi[27 * T + 12] = 101, ppi[27 * T + 13] = 102;
	ppi[13 * T + 12] = 100, ppi[13 * T + 13] = 105;
}

static const struct ec_cluster_months members = {
	3, 2019 * 12, T, division, va, revenue, NULL, ppi, EC_ABOVE_SIZE_DEFAULT,
};

/* The SEI cube: all four in one SEI direction. */
static struct ec_monitor *sei_cube(void)
{
	static const char *const dirs[] = { "1.1" }, *const areas[] = { "1" }, *const pref[] = { "320500" },
				 *const prov[] = { "320000" };
	static const uint8_t direction[4] = { 0, 0, 0, 0 }, dir_area[1] = { 0 };
	static const uint16_t prefecture[4] = { 0, 0, 0, 0 }, pref_prov[1] = { 0 };
	static const int32_t employees[4 * T];
	static const double rd[4 * T];
	struct ec_monitor_input in;
	struct ec_monitor *m = NULL;
	char *err = NULL;

	memset(&in, 0, sizeof in);
	in.nenterprises = 4;
	in.first_period = 2019 * 12;
	in.nmonths = T;
	in.division = division;
	in.direction = direction;
	in.prefecture = prefecture;
	in.value_added = va;
	in.revenue = revenue;
	in.rd_expense = rd;
	in.employees = employees;
	in.ppi = ppi;
	in.ndirections = 1;
	in.direction_codes = dirs;
	in.nareas = 1;
	in.area_codes = areas;
	in.direction_area = dir_area;
	in.nprefectures = 1;
	in.prefecture_codes = pref;
	in.prefecture_province = pref_prov;
	in.nprovinces = 1;
	in.province_codes = prov;
	in.above_size = EC_ABOVE_SIZE_DEFAULT;
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	return m;
}

/* January to February 2020: the sample is M0 and M1 (M2 is below the
** threshold). VA = 290 + 450 = 740, VA0 = 300 + 300 = 600, VAr =
** 110/0.98 + 180/0.97 + 330/1.01 + 120/1.02 = 742.1916404, growth
** +23.6986 %; the largest member M1 (450); SEI = 740 + 460 = 1 200, share
** 61.6667 %. January alone: VA 440, VA0 400, VAr 438.9776, growth
** +9.7444 %, SEI 700, share 62.8571 %. */
static void test_cumulative(void **state)
{
	struct ec_cluster_series_query q = { EC_BASIS_CUMULATIVE, -1, -1 };
	struct ec_cluster_month *rows;
	struct ec_monitor *sei;
	size_t n;
	char *err;

	(void)state;
	economy();
	sei = sei_cube();
	assert_int_equal(ec_cluster_series(&members, &q, sei, &rows, &n, &err), EC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].period, 2020 * 12);
	assert_int_equal(rows[1].period, 2020 * 12 + 1);
	assert_int_equal(rows[1].enterprises, 2);
	close_to(740, rows[1].value_added);
	close_to(600, rows[1].value_added_base);
	close_to(742.19164036, rows[1].value_added_real);
	close_to(23.6986067, rows[1].growth_pct);
	close_to(450, rows[1].largest_va);
	close_to(1200, rows[1].sei_value_added);
	close_to(61.6666667, rows[1].share_pct);
	close_to(440, rows[0].value_added);
	close_to(400, rows[0].value_added_base);
	close_to(438.97760, rows[0].value_added_real);
	close_to(9.7444, rows[0].growth_pct);
	close_to(700, rows[0].sei_value_added);
	close_to(62.8571429, rows[0].share_pct);
	free(rows);
	ec_monitor_free(sei);
}

/* February alone: VA = 180 + 120 = 300, VA0 = 200 + 0 (M1 did not report
** in February 2019) = 200, VAr = 180/0.97 + 120/1.02 = 303.2141, growth
** +51.6071 %; the largest M0 (180); no SEI cube: no share. A range
** before the data is refused; from after to too. */
static void test_month_and_range(void **state)
{
	struct ec_cluster_series_query q = { EC_BASIS_MONTH, 2020 * 12 + 1, 2020 * 12 + 1 };
	struct ec_cluster_month *rows;
	size_t n;
	char *err;

	(void)state;
	economy();
	assert_int_equal(ec_cluster_series(&members, &q, NULL, &rows, &n, &err), EC_OK);
	assert_int_equal(n, 1);
	close_to(300, rows[0].value_added);
	close_to(200, rows[0].value_added_base);
	close_to(303.21410802, rows[0].value_added_real);
	close_to(51.60705401, rows[0].growth_pct);
	close_to(180, rows[0].largest_va);
	assert_true(isnan(rows[0].share_pct));
	free(rows);

	q.from = q.to = 2025 * 12;
	assert_int_equal(ec_cluster_series(&members, &q, NULL, &rows, &n, &err), EC_ENOTFOUND);
	assert_non_null(err);
	free(err);
	q.from = 2020 * 12 + 1, q.to = 2020 * 12;
	assert_int_equal(ec_cluster_series(&members, &q, NULL, &rows, &n, &err), EC_EUSAGE);
	free(err);
}

/* No member in the sample (only M2, below the threshold): months of no
** enterprise, growth undefined, not an error; no member at all: no months. A missing deflator leaves the month out, as monitoring does. */
static void test_empty_and_missing(void **state)
{
	struct ec_cluster_series_query q = { EC_BASIS_MONTH, -1, -1 };
	struct ec_cluster_months only_small = members;
	struct ec_cluster_month *rows;
	size_t n;
	char *err;

	(void)state;
	economy();
	only_small.nmembers = 1;
	only_small.division = division + 2;
	only_small.value_added = va + 2 * T;
	only_small.revenue = revenue + 2 * T;
	assert_int_equal(ec_cluster_series(&only_small, &q, NULL, &rows, &n, &err), EC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(rows[1].enterprises, 0);
	close_to(0, rows[1].value_added);
	assert_true(isnan(rows[1].growth_pct));
	free(rows);
	only_small.nmembers = 0;
	assert_int_equal(ec_cluster_series(&only_small, &q, NULL, &rows, &n, &err), EC_OK);
	assert_int_equal(n, 0);
	free(rows);

	ppi[27 * T + 13] = NAN; /* February 2020, division 27: M1's */
	assert_int_equal(ec_cluster_series(&members, &q, NULL, &rows, &n, &err), EC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].period, 2020 * 12);
	free(rows);
}

/* Disclosure control: two members are under the threshold of 3; with a
** threshold of 1, M1's 450 of 740 (61 %) is dominant above 50 %. The SEI
** total stays. */
static void test_sdc(void **state)
{
	struct ec_cluster_series_query q = { EC_BASIS_CUMULATIVE, 2020 * 12 + 1, 2020 * 12 + 1 };
	struct ec_sdc_rule rule;
	struct ec_cluster_month *rows, copy;
	struct ec_monitor *sei;
	size_t n;
	char *err;

	(void)state;
	economy();
	sei = sei_cube();
	assert_int_equal(ec_cluster_series(&members, &q, sei, &rows, &n, &err), EC_OK);
	ec_sdc_rule_default(&rule);
	copy = rows[0];
	assert_int_equal(ec_cluster_month_sdc(&rule, &copy), EC_SDC_THRESHOLD);
	assert_true(isnan(copy.value_added) && isnan(copy.growth_pct) && isnan(copy.share_pct));
	close_to(1200, copy.sei_value_added);
	rule.min_count = 1;
	rule.dominance = 0.5;
	copy = rows[0];
	assert_int_equal(ec_cluster_month_sdc(&rule, &copy), EC_SDC_DOMINANCE);
	rule.dominance = 0.85;
	copy = rows[0];
	assert_int_equal(ec_cluster_month_sdc(&rule, &copy), EC_SDC_SHOWN);
	close_to(740, copy.value_added);
	free(rows);
	ec_monitor_free(sei);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cumulative),
		cmocka_unit_test(test_month_and_range),
		cmocka_unit_test(test_empty_and_missing),
		cmocka_unit_test(test_sdc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
