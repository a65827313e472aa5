/* Unit tests of the demo economy: options, determinism by seed, valid
** records, and calibration to the published figures through the real
** monitoring engine (a small economy, so the engine is fed by hand). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/demo.h"
#include "echelon/uscc.h"

static struct ec_catalog cat;

static int setup(void **state)
{
	struct ec_diag d;
	(void)state;
	ec_catalog_init(&cat);
	ec_diag_init(&d, 4);
	if (ec_catalog_load_builtin(&cat, &d) != EC_OK)
		return -1;
	ec_diag_release(&d);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ec_catalog_release(&cat);
	return 0;
}

/* A sink that hashes every record and checks it. */
struct digest {
	uint64_t hash;
	int64_t enterprises, reports, deflators, bad;
};

static void mix(struct digest *g, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		g->hash = (g->hash ^ s[i]) * 0x100000001b3ull;
}

static int on_enterprise(void *ctx, struct ec_enterprise *e)
{
	struct digest *g = ctx;
	struct ec_uscc_result r;
	struct ec_classification cl;
	char bad[32];

	g->enterprises++;
	if (ec_uscc_check(e->uscc, strlen(e->uscc), &r) != EC_OK || !ec_catalog_resolve_region(&cat, e->region, 6) ||
	    ec_classify(&cat, e->industry, e->sei_categories, &cl, bad, sizeof bad) != EC_OK)
		g->bad++;
	mix(g, e->uscc, strlen(e->uscc));
	mix(g, e->name, strlen(e->name));
	mix(g, e->industry, strlen(e->industry));
	mix(g, &e->lat, sizeof e->lat);
	return 0;
}

static int on_report(void *ctx, const struct ec_report *r)
{
	struct digest *g = ctx;

	g->reports++;
	if (!(r->value_added >= 0 && r->revenue >= 0 && r->employees >= 0))
		g->bad++;
	mix(g, &r->period, sizeof r->period);
	mix(g, &r->value_added, sizeof r->value_added);
	mix(g, &r->revenue, sizeof r->revenue);
	return 0;
}

static int on_deflator(void *ctx, const struct ec_deflator *d)
{
	struct digest *g = ctx;

	g->deflators++;
	if (!(d->ppi_yoy > 50 && d->ppi_yoy < 200))
		g->bad++;
	mix(g, &d->ppi_yoy, sizeof d->ppi_yoy);
	return 0;
}

static struct digest generate(uint64_t seed, int64_t n)
{
	struct ec_demo_opts o;
	struct ec_demo_sink sink = { NULL, on_enterprise, on_report, on_deflator, NULL };
	struct ec_demo_stats stats;
	struct digest g = { 0xcbf29ce484222325ull, 0, 0, 0, 0 };
	char *err = NULL;

	ec_demo_opts_init(&o);
	o.seed = seed;
	o.enterprises = n;
	o.first_period = ec_period_make(2019, 1);
	o.last_period = ec_period_make(2020, 12);
	sink.ctx = &g;
	assert_int_equal(ec_demo_generate(&o, &cat, &sink, &stats, &err), EC_OK);
	assert_int_equal(stats.enterprises, g.enterprises);
	assert_int_equal(stats.reports, g.reports);
	return g;
}

static void test_options(void **state)
{
	struct ec_demo_opts o;
	char why[128];
	(void)state;
	ec_demo_opts_init(&o);
	assert_int_equal(ec_demo_opts_check(&o, why, sizeof why), EC_OK);
	o.first_period = ec_period_make(2018, 3); /* not a January */
	assert_int_equal(ec_demo_opts_check(&o, why, sizeof why), EC_EUSAGE);
	ec_demo_opts_init(&o);
	o.last_period = ec_period_make(2018, 12); /* one year only */
	assert_int_equal(ec_demo_opts_check(&o, why, sizeof why), EC_EUSAGE);
	ec_demo_opts_init(&o);
	o.enterprises = 0;
	assert_int_equal(ec_demo_opts_check(&o, why, sizeof why), EC_EUSAGE);
}

static void test_deterministic(void **state)
{
	struct digest a, b, c;
	(void)state;
	a = generate(7, 400);
	b = generate(7, 400);
	c = generate(8, 400);
	assert_int_equal(a.bad, 0);
	assert_true(a.enterprises == 400 && a.reports > 400 * 12 && a.deflators > 0);
	assert_true(a.hash == b.hash);
	assert_true(a.hash != c.hash);
}

static void test_targets(void **state)
{
	double all, sei;
	(void)state;
	assert_int_equal(ec_demo_target(2019, 12, &all, &sei), 1);
	assert_true(fabs(all - 5.7) < 1e-9 && fabs(sei - 8.4) < 1e-9);
	assert_int_equal(ec_demo_target(2020, 6, &all, &sei), 1);
	assert_true(fabs(all + 1.3) < 1e-9 && fabs(sei - 2.9) < 1e-9);
	/* The first quarter of 2020: a deep drop. */
	assert_int_equal(ec_demo_target(2020, 3, &all, &sei), 1);
	assert_true(all < -5 && sei > all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_targets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
