/* Unit tests of the monitoring engine against a hand-computed case: six
** enterprises over 2019-2020 in two prefectures, with an enterprise that
** enters (no 2019 revenue), one that leaves (no 2020 reports), one below
** the size threshold and a missing month (E1 has no report in 2019-02).
** The expected figures are worked out in docs/methods.md ("Worked
** example"); they were computed by hand from the definitions, to 1e-9. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/monitor.h"
#include "echelon/sdc.h"

#define NE 6
#define T 24

/*           E0      E1      E2     E3      E4     E5
** group   1.1/P0  4.1/P1  -/P0   1.1/P1  -/P1   1.1/P0
** div       39      27      13     39      13     39
** 2019 rev 25000   30000   40000   0     25000   5000   (sample 2020: E0 E1 E2 E4) */
static const uint8_t division[NE] = { 39, 27, 13, 39, 13, 39 };
static const uint8_t direction[NE] = { 0, 1, EC_NOT_SEI, 0, EC_NOT_SEI, 0 };
static const uint16_t prefecture[NE] = { 0, 1, 0, 1, 1, 0 };
static double va[NE * T], rev[NE * T], rd[NE * T], ppi[100 * T];
static int32_t emp[NE * T];
static const char *const dir_codes[] = { "1.1", "4.1" };
static const char *const area_codes[] = { "1", "4" };
static const uint8_t dir_area[] = { 0, 1 };
static const char *const pref_codes[] = { "320500", "440300" };
static const uint16_t pref_prov[] = { 0, 1 };
static const char *const prov_codes[] = { "320000", "440000" };

static void set(double *a, int e, int t, double v) { a[e * T + t] = v; }

static void fixture(struct ec_monitor_input *in)
{
	memset(va, 0, sizeof va);
	memset(rev, 0, sizeof rev);
	memset(rd, 0, sizeof rd);
	memset(emp, 0, sizeof emp);
	for (int i = 0; i < 100 * T; i++)
		ppi[i] = NAN;
	/* 2019 (t = 0, 1): revenue decides the 2020 sample; VA is the base. */
	set(rev, 0, 0, 15000), set(rev, 0, 1, 10000), set(va, 0, 0, 100), set(va, 0, 1, 200);
	set(rev, 1, 0, 30000), set(va, 1, 0, 300); /* no report in 2019-02 */
	set(rev, 2, 0, 20000), set(rev, 2, 1, 20000), set(va, 2, 0, 400), set(va, 2, 1, 400);
	set(rev, 4, 0, 25000), set(va, 4, 0, 250), set(va, 4, 1, 250);
	set(rev, 5, 0, 5000), set(va, 5, 0, 40), set(va, 5, 1, 40);
	/* 2020 (t = 12, 13) */
	set(va, 0, 12, 110), set(va, 0, 13, 180), set(rev, 0, 12, 16000), set(rev, 0, 13, 9000);
	set(rd, 0, 12, 160), set(rd, 0, 13, 90), emp[0 * T + 12] = 50, emp[0 * T + 13] = 52;
	set(va, 1, 12, 330), set(va, 1, 13, 120), set(rev, 1, 12, 20000), set(rev, 1, 13, 10000);
	set(rd, 1, 12, 1000), set(rd, 1, 13, 500), emp[1 * T + 12] = 100, emp[1 * T + 13] = 100;
	set(va, 2, 12, 380), set(va, 2, 13, 300), set(rev, 2, 12, 19000), set(rev, 2, 13, 15000);
	emp[2 * T + 12] = 200, emp[2 * T + 13] = 190;
	set(va, 3, 12, 50), set(va, 3, 13, 60), set(rev, 3, 12, 30000), emp[3 * T + 12] = 10, emp[3 * T + 13] = 10;
	set(va, 5, 12, 50), set(va, 5, 13, 50), set(rev, 5, 12, 3000), set(rev, 5, 13, 3000);
	set(rd, 5, 12, 10), set(rd, 5, 13, 10), emp[5 * T + 12] = 5, emp[5 * T + 13] = 5;
	/* PPI, previous year = 100: division 39, 27, 13 in 2020-01 and 2020-02 */
	for (int t = 0; t < 12; t++)
		ppi[39 * T + t] = ppi[27 * T + t] = ppi[13 * T + t] = 100;
	ppi[39 * T + 12] = 98, ppi[39 * T + 13] = 97;
	ppi[27 * T + 12] = 101, ppi[27 * T + 13] = 102;
	ppi[13 * T + 12] = 100, ppi[13 * T + 13] = 105;

	memset(in, 0, sizeof *in);
	in->nenterprises = NE;
	in->first_period = ec_period_make(2019, 1);
	in->nmonths = T;
	in->division = division;
	in->direction = direction;
	in->prefecture = prefecture;
	in->value_added = va;
	in->revenue = rev;
	in->rd_expense = rd;
	in->employees = emp;
	in->ppi = ppi;
	in->ndirections = 2;
	in->direction_codes = dir_codes;
	in->nareas = 2;
	in->area_codes = area_codes;
	in->direction_area = dir_area;
	in->nprefectures = 2;
	in->prefecture_codes = pref_codes;
	in->prefecture_province = pref_prov;
	in->nprovinces = 2;
	in->province_codes = prov_codes;
	in->above_size = EC_ABOVE_SIZE_DEFAULT;
}

struct expected {
	const char *group;
	double enterprises, va, base, real, growth, gap, share, contribution, pull, revenue, employees, rd;
};

/* January-February 2020, cumulative. */
static const struct expected cumulative[] = {
	{ "all", 4.0, 1420.0, 1900.0, 1407.905926073604, -25.899688101389266, 0.0, 100.0, 100.0, -25.899688101389266, 89000.0, 342.0, 1.9662921348314606 },
	{ "sei", 2.0, 740.0, 600.0, 742.1916403593182, 23.698606726553027, 49.5982948279423, 52.112676056338024, -28.895214938228698, 7.483770545227272, 55000.0, 152.0, 3.1818181818181817 },
	{ "area 1", 1.0, 290.0, 300.0, 297.81190826846205, -0.7293639105126507, 25.170324190876617, 20.422535211267608, 0.4446490716864904, -0.11516272271252379, 25000.0, 52.0, 1.0 },
	{ "area 4", 1.0, 450.0, 300.0, 444.3797320908561, 48.12657736361871, 74.02626546500798, 31.690140845070424, -29.33986400991519, 7.598933267939796, 30000.0, 100.0, 5.0 },
	{ "dir 1.1", 1.0, 290.0, 300.0, 297.81190826846205, -0.7293639105126507, 25.170324190876617, 20.422535211267608, 0.4446490716864904, -0.11516272271252379, 25000.0, 52.0, 1.0 },
	{ "dir 4.1", 1.0, 450.0, 300.0, 444.3797320908561, 48.12657736361871, 74.02626546500798, 31.690140845070424, -29.33986400991519, 7.598933267939796, 30000.0, 100.0, 5.0 },
	{ "prov 320000", 1.0, 290.0, 300.0, 297.81190826846205, -0.7293639105126507, 11.677345727419365, 29.896907216494846, 1.6033052754909956, -0.1989174301398138, 25000.0, 52.0, 1.0 },
	{ "prov 440000", 1.0, 450.0, 300.0, 444.3797320908561, 48.12657736361871, 92.57911085226169, 100.0, -40.59941041598427, 18.047466511357015, 30000.0, 100.0, 5.0 },
};

/* February 2020 alone. E1 has no base (no report in 2019-02): its growth is
** undefined, and so is the gap. */
static const struct expected month[] = {
	{ "all", 4.0, 600.0, 850.0, 588.9283548470935, -30.714311194459587, 0.0, 100.0, 100.0, -30.714311194459587, 34000.0, 342.0, 1.7352941176470589 },
	{ "sei", 2.0, 300.0, 200.0, 303.21406913280777, 51.60703456640389, 82.32134576086348, 50.0, -39.534767964692804, 12.142831662683266, 19000.0, 152.0, 3.105263157894737 },
	{ "area 1", 1.0, 180.0, 200.0, 185.56701030927834, -7.216494845360827, 23.49781634909876, 30.0, 5.528363557930018, -1.697998787143724, 9000.0, 52.0, 1.0 },
	{ "area 4", 1.0, 120.0, 0.0, 117.6470588235294, NAN, NAN, 20.0, -45.06313152262282, 13.840830449826989, 10000.0, 100.0, 5.0 },
	{ "dir 1.1", 1.0, 180.0, 200.0, 185.56701030927834, -7.216494845360827, 23.49781634909876, 30.0, 5.528363557930018, -1.697998787143724, 9000.0, 52.0, 1.0 },
	{ "dir 4.1", 1.0, 120.0, 0.0, 117.6470588235294, NAN, NAN, 20.0, -45.06313152262282, 13.840830449826989, 10000.0, 100.0, 5.0 },
	{ "prov 320000", 1.0, 180.0, 200.0, 185.56701030927834, -7.216494845360827, 14.236622484045157, 37.5, 11.212814645308931, -2.4054982817869424, 9000.0, 52.0, 1.0 },
	{ "prov 440000", 1.0, 120.0, 0.0, 117.6470588235294, NAN, NAN, 100.0, -88.88888888888887, 47.05882352941176, 10000.0, 100.0, 5.0 },
};

static void close_to(double want, double got, const char *what, const char *group)
{
	if (isnan(want)) {
		if (!isnan(got))
			fail_msg("%s %s: expected undefined, got %.17g", group, what, got);
		return;
	}
	if (!(fabs(want - got) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1)))
		fail_msg("%s %s: expected %.17g, got %.17g", group, what, want, got);
}

static const struct ec_monitor_row *find(const struct ec_monitor_row *rows, size_t n, enum ec_group_kind kind,
					 const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].kind == kind && strcmp(rows[i].group_code, code) == 0)
			return &rows[i];
	fail_msg("no row for %s", code);
	return NULL;
}

static void check(const struct ec_monitor_row *r, const struct expected *x)
{
	close_to(x->enterprises, (double)r->enterprises, "enterprises", x->group);
	close_to(x->va, r->value_added, "value_added", x->group);
	close_to(x->base, r->value_added_base, "value_added_base", x->group);
	close_to(x->real, r->value_added_real, "value_added_real", x->group);
	close_to(x->growth, r->growth_pct, "growth_pct", x->group);
	close_to(x->gap, r->gap_pp, "gap_pp", x->group);
	close_to(x->share, r->share_pct, "share_pct", x->group);
	close_to(x->contribution, r->contribution_pct, "contribution_pct", x->group);
	close_to(x->pull, r->pull_pp, "pull_pp", x->group);
	close_to(x->revenue, r->revenue, "revenue", x->group);
	close_to(x->employees, (double)r->employees, "employees", x->group);
	close_to(x->rd, r->rd_intensity_pct, "rd_intensity_pct", x->group);
}

static void check_all(const struct ec_monitor *m, enum ec_monitor_basis basis, const struct expected *x)
{
	static const struct { enum ec_monitor_by by; enum ec_group_kind kind; const char *code; int at; } map[] = {
		{ EC_BY_NONE, EC_G_ALL, "all", 0 },		{ EC_BY_NONE, EC_G_SEI, "sei", 1 },
		{ EC_BY_AREA, EC_G_AREA, "1", 2 },		{ EC_BY_AREA, EC_G_AREA, "4", 3 },
		{ EC_BY_DIRECTION, EC_G_DIRECTION, "1.1", 4 }, { EC_BY_DIRECTION, EC_G_DIRECTION, "4.1", 5 },
		{ EC_BY_PROVINCE, EC_G_PROVINCE, "320000", 6 }, { EC_BY_PROVINCE, EC_G_PROVINCE, "440000", 7 },
		/* one province per prefecture here: the same figures */
		{ EC_BY_PREFECTURE, EC_G_PREFECTURE, "320500", 6 }, { EC_BY_PREFECTURE, EC_G_PREFECTURE, "440300", 7 },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		struct ec_monitor_row *rows;
		size_t n;
		char *err;
		assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), basis, map[i].by, "", &rows, &n, &err),
				 EC_OK);
		check(find(rows, n, map[i].kind, map[i].code), &x[map[i].at]);
		free(rows);
	}
}

static void test_hand_computed(void **state)
{
	struct ec_monitor_input in;
	struct ec_monitor *m;
	char *err;
	(void)state;
	fixture(&in);
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	check_all(m, EC_BASIS_CUMULATIVE, cumulative);
	check_all(m, EC_BASIS_MONTH, month);
	ec_monitor_free(m);
}

/* Area x province and a regional query compare with all industry of the
** province: the same figures as the province rows. */
static void test_regions(void **state)
{
	struct ec_monitor_input in;
	struct ec_monitor *m;
	struct ec_monitor_row *rows;
	size_t n;
	char *err;
	struct expected prov = cumulative[6], all = cumulative[6];
	(void)state;
	fixture(&in);
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), EC_BASIS_CUMULATIVE, EC_BY_AREA_PROVINCE, "",
					  &rows, &n, &err), EC_OK);
	assert_int_equal(n, 4); /* all, sei, 1@320000, 4@440000 */
	assert_string_equal(rows[2].group_code, "1");
	assert_string_equal(rows[2].region, "320000");
	prov.group = "1@320000";
	check(&rows[2], &prov);
	free(rows);
	/* Region 320000: all = E0 + E2. */
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), EC_BASIS_CUMULATIVE, EC_BY_NONE, "320000",
					  &rows, &n, &err), EC_OK);
	all.group = "all in 320000";
	all.enterprises = 2, all.va = 970, all.base = 1100;
	all.real = 297.81190826846205 + 380 + 300 / 1.05;
	all.growth = (all.real - 1100) / 1100 * 100, all.gap = 0, all.share = 100, all.contribution = 100;
	all.pull = all.growth, all.revenue = 59000, all.employees = 242, all.rd = 250.0 / 59000 * 100;
	check(&rows[0], &all);
	prov.group = "sei in 320000";
	check(&rows[1], &prov);
	free(rows);
	ec_monitor_free(m);
}

static void test_errors(void **state)
{
	struct ec_monitor_input in;
	struct ec_monitor *m;
	struct ec_monitor_row *rows;
	size_t n;
	char *err;
	int first, last;
	(void)state;
	fixture(&in);
	ppi[27 * T + 13] = NAN; /* E1 is in the sample and has VA in 2020-02 */
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	ec_monitor_range(m, &first, &last);
	assert_int_equal(first, ec_period_make(2020, 1));
	assert_int_equal(last, ec_period_make(2020, 2));
	/* January alone is fine; February needs division 27. */
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 1), EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n,
					  &err), EC_OK);
	free(rows);
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n,
					  &err), EC_EDATA);
	assert_non_null(strstr(err, "no deflator for division 27 in 2020-02"));
	free(err);
	/* No previous year; no data at all. */
	assert_int_equal(ec_monitor_query(m, ec_period_make(2019, 6), EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n,
					  &err), EC_ENOTFOUND);
	assert_non_null(strstr(err, "no data for 2019-06"));
	assert_non_null(strstr(err, "from 2020-01 to 2020-02"));
	free(err);
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 7), EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n,
					  &err), EC_ENOTFOUND);
	free(err);
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 1), EC_BASIS_CUMULATIVE, EC_BY_NONE, "999999", &rows,
					  &n, &err), EC_ENOTFOUND);
	assert_string_equal(err, "unknown region '999999': expected a province or prefecture code (GB/T 2260)");
	free(err);
	ec_monitor_free(m);
}

/* The deflator rule (ec_deflate): a month's PPI is needed only by value
** added of the sample. E3 (entered in 2020) and E5 (below the threshold)
** are outside it; with E0's February value added 0, division 39 needs no
** February PPI. Without that, the query refuses: never a PPI of 100. */
static void test_deflator_needed(void **state)
{
	struct ec_monitor_input in;
	struct ec_monitor *m;
	struct ec_monitor_row *rows;
	size_t n;
	char *err;
	(void)state;
	fixture(&in);
	ppi[39 * T + 13] = NAN;
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), EC_BASIS_MONTH, EC_BY_NONE, "", &rows, &n, &err),
			 EC_EDATA);
	assert_non_null(strstr(err, "no deflator for division 39 in 2020-02"));
	free(err);
	ec_monitor_free(m);
	set(va, 0, 13, 0);
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), EC_BASIS_MONTH, EC_BY_NONE, "", &rows, &n, &err),
			 EC_OK);
	/* February alone: E1 120/1.02, E2 300/1.05, E0 and E4 nothing. */
	close_to(120 / 1.02 + 300 / 1.05, rows[0].value_added_real, "value_added_real", "all");
	close_to(120 / 1.02, rows[1].value_added_real, "value_added_real", "sei");
	free(rows);
	ec_monitor_free(m);
}

static void test_series(void **state)
{
	struct ec_monitor_input in;
	struct ec_monitor *m;
	struct ec_monitor_row *rows;
	size_t n;
	char *err;
	(void)state;
	fixture(&in);
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	assert_int_equal(ec_monitor_series(m, EC_BASIS_CUMULATIVE, EC_G_SEI, "sei", "", &rows, &n, &err), EC_OK);
	assert_int_equal(n, 2);
	check(&rows[1], &cumulative[1]);
	free(rows);
	assert_int_equal(ec_monitor_series(m, EC_BASIS_CUMULATIVE, EC_G_AREA, "9", "", &rows, &n, &err), EC_ENOTFOUND);
	free(err);
	ec_monitor_free(m);
}

/* Several groups over a range: group after group, each figure that of
** the single-period query, and the disclosure control of each period's
** whole breakdown. */
static void test_series_groups(void **state)
{
	static const char *const provinces[] = { "440000", "320000" };
	struct ec_monitor_series_query q = { EC_BASIS_CUMULATIVE, EC_G_PROVINCE, provinces, 2, "", -1, -1 };
	struct ec_sdc_rule rule = { 1, 2.0 };
	struct ec_monitor_input in;
	struct ec_monitor *m;
	struct ec_monitor_row *rows, *one;
	enum ec_sdc_reason *reason, whole[8];
	size_t n, n1;
	char *err;
	(void)state;
	fixture(&in);
	assert_int_equal(ec_monitor_build(&in, &m, &err), EC_OK);
	assert_int_equal(ec_monitor_series_groups(m, &q, NULL, &rows, &reason, &n, &err), EC_OK);
	assert_null(reason);
	assert_int_equal(n, 4); /* 2020-01 and 2020-02 for each */
	assert_string_equal(rows[0].group_code, "440000");
	assert_string_equal(rows[2].group_code, "320000");
	assert_int_equal(rows[0].period, ec_period_make(2020, 1));
	assert_int_equal(rows[1].period, ec_period_make(2020, 2));
	check(&rows[3], &cumulative[6]); /* prov 320000, January to February */
	free(rows);

	q.from = q.to = ec_period_make(2020, 2);
	rule.min_count = 2; /* each province has one enterprise: hidden */
	assert_int_equal(ec_monitor_series_groups(m, &q, &rule, &rows, &reason, &n, &err), EC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ec_monitor_query(m, q.from, q.basis, EC_BY_PROVINCE, "", &one, &n1, &err), EC_OK);
	assert_true(n1 <= 8);
	ec_monitor_rows_sdc(one, n1, &rule, whole);
	for (size_t i = 0; i < n1; i++)
		if (one[i].kind == EC_G_PROVINCE) {
			size_t at = strcmp(one[i].group_code, "440000") == 0 ? 0 : 1;
			assert_int_equal(reason[at], whole[i]);
			assert_true(rows[at].growth_pct == one[i].growth_pct ||
				    (isnan(rows[at].growth_pct) && isnan(one[i].growth_pct)));
		}
	assert_int_equal(reason[0], EC_SDC_THRESHOLD);
	free(rows);
	free(reason);
	free(one);

	q.from = ec_period_make(2020, 3), q.to = ec_period_make(2020, 1);
	assert_int_equal(ec_monitor_series_groups(m, &q, NULL, &rows, &reason, &n, &err), EC_EUSAGE);
	free(err);
	q.from = ec_period_make(2021, 1), q.to = -1;
	assert_int_equal(ec_monitor_series_groups(m, &q, NULL, &rows, &reason, &n, &err), EC_ENOTFOUND);
	assert_non_null(strstr(err, "run from 2020-01 to 2020-02"));
	free(err);
	q.from = -1;
	q.codes = (const char *const[]){ "320000", "990000" };
	assert_int_equal(ec_monitor_series_groups(m, &q, NULL, &rows, &reason, &n, &err), EC_ENOTFOUND);
	assert_non_null(strstr(err, "'990000'"));
	free(err);
	q.ncodes = 0;
	assert_int_equal(ec_monitor_series_groups(m, &q, NULL, &rows, &reason, &n, &err), EC_EUSAGE);
	free(err);
	ec_monitor_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_computed),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_deflator_needed),
		cmocka_unit_test(test_series),
		cmocka_unit_test(test_series_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
