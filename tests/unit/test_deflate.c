/* Unit tests of deflation to comparable prices (ec_deflate) and of its one
** rule for a missing deflator, as monitoring and the cluster indicators both
** apply it: hand-computed values first, then one small economy in a real
** store read by both loaders, with every deflator and with one missing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "echelon/catalog.h"
#include "echelon/cluster.h"
#include "echelon/monitor.h"
#include "echelon/store.h"
#include "testdb.h"

static void close_to(double want, double got)
{
	if (!(fabs(want - got) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1)))
		fail_msg("expected %.17g, got %.17g", want, got);
}

/* value / (PPI / 100), by hand. */
static void test_values(void **state)
{
	(void)state;
	close_to(112.24489795918367, ec_deflate(110, 98));   /* prices fell 2 %: more in real terms */
	close_to(185.56701030927834, ec_deflate(180, 97));
	close_to(59.40594059405941, ec_deflate(60, 101));    /* prices rose 1 %: less */
	close_to(285.7142857142857, ec_deflate(300, 105));
	close_to(250.0, ec_deflate(250, 100));               /* unchanged prices */
	close_to(-62.5, ec_deflate(-50, 80));                /* a loss deflates like a value */
	close_to(1e-3, ec_deflate(1, 100000));
}

/* A missing or invalid PPI is never taken as 100: the value is undefined,
** and so is any sum it enters. A zero value needs no deflator. */
static void test_missing(void **state)
{
	const double invalid[] = { NAN, 0.0, -0.0, -3.0, INFINITY, -INFINITY };
	double sum;
	(void)state;
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		assert_true(isnan(ec_deflate(120, invalid[i])));
		assert_true(isnan(ec_deflate(-7, invalid[i])));
		assert_true(ec_deflate(0, invalid[i]) == 0);
	}
	assert_true(ec_deflate(0, 98) == 0);
	/* January and March deflated, February's PPI missing: the quarter is
	** undefined, not 100/0.98 + 200 + 300/1.02. */
	sum = ec_deflate(100, 98) + ec_deflate(200, NAN) + ec_deflate(300, 102);
	assert_true(isnan(sum));
	/* ... unless February had no value added. */
	sum = ec_deflate(100, 98) + ec_deflate(0, NAN) + ec_deflate(300, 102);
	close_to(100 / 0.98 + 300 / 1.02, sum);
}

/* ---- both loaders on one store ------------------------------------------ */

static char path[256];

static int setup(void **state)
{
	(void)state;
	testdb_path(path, sizeof path, "test_deflate");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_remove(path);
	return 0;
}

static void put_enterprise(struct ec_store *s, const char *uscc17, const char *industry, int64_t *id)
{
	struct ec_enterprise e;

	memset(&e, 0, sizeof e);
	snprintf(e.uscc, sizeof e.uscc, "%s%c", uscc17, ec_uscc_check_char(uscc17));
	snprintf(e.name, sizeof e.name, "enterprise %s", industry);
	snprintf(e.industry, sizeof e.industry, "%s", industry);
	snprintf(e.region, sizeof e.region, "320500");
	e.lat = e.lon = NAN;
	snprintf(e.sei_categories, sizeof e.sei_categories, "1.2");
	snprintf(e.sei_primary, sizeof e.sei_primary, "1.2");
	assert_int_equal(ec_store_enterprise_put(s, &e), EC_OK);
	*id = e.id;
}

static void put_report(struct ec_store *s, int64_t id, int year, int month, double revenue, double value_added)
{
	struct ec_report r;

	memset(&r, 0, sizeof r);
	r.enterprise_id = id;
	r.period = ec_period_make(year, month);
	r.revenue = revenue;
	r.value_added = value_added;
	r.employees = 10;
	assert_int_equal(ec_store_report_put(s, &r), EC_OK);
}

static void put_deflator(struct ec_store *s, const char *division, int year, int month, double ppi)
{
	struct ec_deflator d;

	memset(&d, 0, sizeof d);
	snprintf(d.division, sizeof d.division, "%s", division);
	d.period = ec_period_make(year, month);
	d.ppi_yoy = ppi;
	assert_int_equal(ec_store_deflator_put(s, &d), EC_OK);
}

/* Two enterprises of SEI direction 1.2 in 320500, both above size in 2020:
**
**          division  2019 revenue  VA 2019 Jan, Feb  VA 2020 Jan, Feb  PPI 2020 Jan, Feb
**   E0     39        30 000        100, 200          110, 180          98, 97 (Feb: "missing")
**   E1     27        25 000        50, 50            60, 0             101, none
**
** E1's February has no value added, so division 27 needs no February PPI.
** With every deflator, January-February 2020:
**   real = 110/0.98 + 180/0.97 + 60/1.01 = 357.21784886252146
**   base = 300 + 100 = 400, growth = (357.2178... / 400 - 1) x 100 = -10.695537784369636 %. */
static void economy(struct ec_store **out, struct ec_catalog *cat, int february_ppi)
{
	struct ec_store *s;
	struct ec_diag d;
	char *err = NULL;
	int64_t e0, e1;

	ec_catalog_init(cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_load_builtin(cat, &d), EC_OK);
	ec_diag_release(&d);
	assert_int_equal(ec_store_open(path, EC_STORE_CREATE, &s, &err), EC_OK);
	assert_int_equal(ec_store_write_catalog(s, cat, 0xf), EC_OK);
	assert_int_equal(ec_store_begin(s), EC_OK);
	put_enterprise(s, "91320500000000001", "3911", &e0);
	put_enterprise(s, "91320500000000002", "2710", &e1);
	put_report(s, e0, 2019, 1, 15000, 100);
	put_report(s, e0, 2019, 2, 15000, 200);
	put_report(s, e0, 2020, 1, 16000, 110);
	put_report(s, e0, 2020, 2, 16000, 180);
	put_report(s, e1, 2019, 1, 25000, 50);
	put_report(s, e1, 2019, 2, 0, 50);
	put_report(s, e1, 2020, 1, 12000, 60);
	put_report(s, e1, 2020, 2, 12000, 0);
	put_deflator(s, "39", 2020, 1, 98);
	if (february_ppi)
		put_deflator(s, "39", 2020, 2, 97);
	put_deflator(s, "27", 2020, 1, 101);
	assert_int_equal(ec_store_commit(s), EC_OK);
	*out = s;
}

static void cluster_growth(struct ec_store *s, const struct ec_catalog *cat, double *growth)
{
	struct ec_cluster_data d;
	struct ec_cluster c;
	struct ec_cluster_indicators ind;
	uint8_t *member;
	char *err = NULL;

	assert_int_equal(ec_cluster_data_load(s, cat, &d, &err), EC_OK);
	assert_int_equal(d.nfirms, 2);
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "T");
	snprintf(c.regions, sizeof c.regions, "320500");
	snprintf(c.categories, sizeof c.categories, "1.2");
	member = ec_calloc(d.nfirms, 1);
	assert_int_equal(ec_cluster_members(&d, &c, NULL, NULL, member), 2);
	assert_int_equal(ec_cluster_indicators(&d, &c, member, 2020, EC_ABOVE_SIZE_DEFAULT, &ind, &err), EC_OK);
	assert_int_equal(ind.above_size, 2);
	*growth = ind.growth_pct;
	free(member);
	ec_cluster_data_release(&d);
}

static void test_both_faces(void **state)
{
	struct ec_store *s;
	struct ec_catalog cat;
	struct ec_monitor *m;
	struct ec_monitor_row *rows;
	size_t n;
	char *err = NULL;
	double growth;
	(void)state;
	economy(&s, &cat, 1);
	/* Monitoring, January-February 2020. */
	assert_int_equal(ec_monitor_load(s, &cat, EC_ABOVE_SIZE_DEFAULT, &m, &err), EC_OK);
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n,
					  &err), EC_OK);
	assert_string_equal(rows[1].group_code, "sei");
	close_to(357.21784886252146, rows[1].value_added_real);
	close_to(-10.695537784369636, rows[1].growth_pct);
	free(rows);
	ec_monitor_free(m);
	/* The cluster's growth over the year (only January and February have
	** reports): the same figure. */
	cluster_growth(s, &cat, &growth);
	close_to(-10.695537784369636, growth);
	ec_store_close(s);
	ec_catalog_release(&cat);
}

static void test_both_faces_missing(void **state)
{
	struct ec_store *s;
	struct ec_catalog cat;
	struct ec_monitor *m;
	struct ec_monitor_row *rows;
	size_t n;
	char *err = NULL;
	double growth;
	(void)state;
	economy(&s, &cat, 0);
	assert_int_equal(ec_monitor_load(s, &cat, EC_ABOVE_SIZE_DEFAULT, &m, &err), EC_OK);
	/* January needs no February PPI. */
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 1), EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n,
					  &err), EC_OK);
	close_to((110 / 0.98 + 60 / 1.01) / 150 * 100 - 100, rows[1].growth_pct);
	free(rows);
	/* Monitoring refuses February and names the division and the month;
	** division 27 is not named: its February value added is 0. */
	assert_int_equal(ec_monitor_query(m, ec_period_make(2020, 2), EC_BASIS_CUMULATIVE, EC_BY_NONE, "", &rows, &n,
					  &err), EC_EDATA);
	assert_non_null(strstr(err, "no deflator for division 39 in 2020-02"));
	free(err);
	ec_monitor_free(m);
	/* The cluster's growth is undefined, not computed with 100. */
	cluster_growth(s, &cat, &growth);
	assert_true(isnan(growth));
	ec_store_close(s);
	ec_catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_missing),
		cmocka_unit_test_setup_teardown(test_both_faces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_both_faces_missing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
