/* Unit tests of the demo economy: options, determinism by seed, valid
** records, and calibration to the published figures through the real
** monitoring engine (a small economy, so the engine is fed by hand); and
** of the cluster echelon and project library generators over plain data. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
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

/* ---- the cluster echelon and the project library, over plain data ---- */

/* A sink that keeps the clusters, counts and hashes the rest, and fails
** (EC_EIO) once stop_after records have been handed, when that is > 0. */
struct records {
	struct ec_cluster clusters[64];
	size_t nclusters, projects, funds, bad;
	int64_t indicators;
	uint64_t hash;
	size_t handed, stop_after;
	int last_year;
	double value_sum;
};

static int stop(struct records *r)
{
	return r->stop_after && ++r->handed > r->stop_after ? EC_EIO : EC_OK;
}

static int keep_cluster(void *ctx, const struct ec_cluster *c)
{
	struct records *r = ctx;
	if (stop(r) != EC_OK)
		return EC_EIO;
	if (r->nclusters < 64)
		r->clusters[r->nclusters++] = *c;
	return EC_OK;
}

static int count_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	struct records *r = ctx;
	struct digest g = { r->hash, 0, 0, 0, 0 };
	if (stop(r) != EC_OK)
		return EC_EIO;
	if (!ec_entered_indicator_known(indicator) || !(value >= 0) || year < r->last_year)
		r->bad++;
	r->last_year = year;
	mix(&g, cluster, strlen(cluster));
	mix(&g, &value, sizeof value);
	r->hash = g.hash;
	r->indicators++;
	r->value_sum += value;
	return EC_OK;
}

static int check_project(void *ctx, const struct ec_project *p)
{
	struct records *r = ctx;
	struct digest g = { r->hash, 0, 0, 0, 0 };
	if (ec_project_check(p, &cat, NULL) != EC_OK)
		r->bad++;
	mix(&g, p->code, strlen(p->code));
	mix(&g, p->owner, strlen(p->owner));
	mix(&g, &p->total_investment, sizeof p->total_investment);
	mix(&g, &p->ncompleted, sizeof p->ncompleted);
	r->hash = g.hash;
	r->projects++;
	return EC_OK;
}

static int check_fund(void *ctx, const struct ec_fund *f)
{
	struct records *r = ctx;
	struct digest g = { r->hash, 0, 0, 0, 0 };
	if (ec_fund_check(f, &cat, NULL) != EC_OK)
		r->bad++;
	if ((r->funds < 31) != (f->type == EC_FUND_GOVERNMENT_GUIDANCE))
		r->bad++;
	mix(&g, f->code, strlen(f->code));
	mix(&g, &f->capital, sizeof f->capital);
	r->hash = g.hash;
	r->funds++;
	return EC_OK;
}

static struct ec_cluster make_cluster(const char *code, enum ec_tier tier, const char *regions, const char *categories)
{
	struct ec_cluster c;
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "%s", code);
	c.tier = tier;
	snprintf(c.regions, sizeof c.regions, "%s", regions);
	snprintf(c.categories, sizeof c.categories, "%s", categories);
	return c;
}

static void test_bases_and_parents(void **state)
{
	struct records r;
	struct ec_demo_cluster_sink sink = { &r, keep_cluster, count_indicator };
	struct ec_cluster v[4];
	(void)state;

	memset(&r, 0, sizeof r);
	assert_int_equal(ec_demo_bases(&sink), EC_OK);
	assert_int_equal(r.nclusters, 10);
	for (size_t i = 0; i < r.nclusters; i++) {
		assert_int_equal(r.clusters[i].tier, EC_TIER_BASE);
		assert_int_equal(ec_cluster_check(&r.clusters[i], &cat, NULL), EC_OK);
	}
	assert_string_equal(r.clusters[0].code, "BASE-YRD-IC");

	/* In a base; across two provinces no base holds; with a parent; an
	** ecosystem. Only the first is placed and handed on. */
	v[0] = make_cluster("C1", EC_TIER_CLUSTER, "320500", "1.2.1");
	v[1] = make_cluster("C2", EC_TIER_CLUSTER, "320500;110000", "1.2");
	v[2] = make_cluster("C3", EC_TIER_CLUSTER, "320500", "1.2");
	snprintf(v[2].parent, sizeof v[2].parent, "%s", "X");
	v[3] = make_cluster("C4", EC_TIER_ECOSYSTEM, "320500", "1.2");
	memset(&r, 0, sizeof r);
	assert_int_equal(ec_demo_cluster_parents(v, 4, &sink), EC_OK);
	assert_int_equal(r.nclusters, 1);
	assert_string_equal(r.clusters[0].code, "C1");
	assert_string_equal(v[0].parent, "BASE-YRD-IC");
	assert_string_equal(v[1].parent, "");
	assert_string_equal(v[2].parent, "X");
	assert_string_equal(v[3].parent, "");

	/* A callback's failure stops the generator and is returned. */
	memset(&r, 0, sizeof r);
	r.stop_after = 3;
	assert_int_equal(ec_demo_bases(&sink), EC_EIO);
	assert_int_equal(r.nclusters, 3);
}

static void test_ecosystems(void **state)
{
	struct records r;
	struct ec_demo_cluster_sink sink = { &r, keep_cluster, count_indicator };
	struct ec_cluster_data d;
	struct ec_cluster covering = make_cluster("N1", EC_TIER_CLUSTER, "320500", "1.2");
	int32_t region[4] = { 320506, 320506, 320506, 320506 };
	int16_t category[4];
	/* [firm * nyears + y], years 2020 and 2021 */
	double va[8] = { 10, 500, 10, 20, 10, 900, 10, 0 };
	(void)state;

	category[0] = (int16_t)(ec_catalog_find_category(&cat, "1.2.1", 5) - cat.categories);
	category[1] = (int16_t)(ec_catalog_find_category(&cat, "4.1.1", 5) - cat.categories);
	category[2] = -1; /* not SEI */
	category[3] = category[1];
	memset(&d, 0, sizeof d);
	d.nfirms = 4;
	d.region = region;
	d.category = category;
	d.first_year = 2020;
	d.nyears = 2;
	d.va = va;
	d.cat = &cat;

	/* Largest first, each with the base that holds it. */
	memset(&r, 0, sizeof r);
	assert_int_equal(ec_demo_ecosystems(&cat, &d, 2021, NULL, 0, 10, &sink), EC_OK);
	assert_int_equal(r.nclusters, 2);
	assert_string_equal(r.clusters[0].code, "ECO-320500-1.2");
	assert_string_equal(r.clusters[0].parent, "BASE-YRD-IC");
	assert_int_equal(r.clusters[0].tier, EC_TIER_ECOSYSTEM);
	assert_string_equal(r.clusters[1].code, "ECO-320500-4.1");
	assert_string_equal(r.clusters[1].parent, "BASE-SZ-BIO");

	/* A registered cluster covers the first; at most one is made. */
	memset(&r, 0, sizeof r);
	assert_int_equal(ec_demo_ecosystems(&cat, &d, 2021, &covering, 1, 1, &sink), EC_OK);
	assert_int_equal(r.nclusters, 1);
	assert_string_equal(r.clusters[0].code, "ECO-320500-4.1");
}

static void test_cluster_indicators(void **state)
{
	struct records a, b, c, big;
	struct ec_demo_cluster_sink sink = { NULL, keep_cluster, count_indicator };
	struct ec_cluster cl = make_cluster("C1", EC_TIER_CLUSTER, "320500", "1.2");
	(void)state;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	memset(&c, 0, sizeof c);
	memset(&big, 0, sizeof big);
	sink.ctx = &a;
	assert_int_equal(ec_demo_cluster_indicators(7, &cl, 10, 2019, 3, &sink), EC_OK);
	sink.ctx = &b;
	assert_int_equal(ec_demo_cluster_indicators(7, &cl, 10, 2019, 3, &sink), EC_OK);
	sink.ctx = &c;
	assert_int_equal(ec_demo_cluster_indicators(8, &cl, 10, 2019, 3, &sink), EC_OK);
	sink.ctx = &big;
	assert_int_equal(ec_demo_cluster_indicators(7, &cl, 5000, 2019, 3, &sink), EC_OK);
	assert_int_equal(a.indicators, 3 * EC_NENTERED);
	assert_int_equal(a.bad, 0);
	assert_true(a.hash == b.hash);
	assert_true(a.hash != c.hash);
	/* More members, more platforms, incubators, scenarios... */
	assert_true(big.value_sum > a.value_sum);
}

static int keep_sei(void *ctx, struct ec_enterprise *e)
{
	struct {
		struct ec_enterprise v[400];
		size_t n;
	} *owners = ctx;
	if (e->sei_primary[0] && owners->n < 400)
		owners->v[owners->n++] = *e;
	return 0;
}

static int no_report(void *ctx, const struct ec_report *r)
{
	(void)ctx;
	(void)r;
	return 0;
}

static int no_deflator(void *ctx, const struct ec_deflator *d)
{
	(void)ctx;
	(void)d;
	return 0;
}

static void test_projects(void **state)
{
	static struct {
		struct ec_enterprise v[400];
		size_t n;
	} owners;
	struct ec_demo_opts o;
	struct ec_demo_sink economy = { &owners, keep_sei, no_report, no_deflator, NULL };
	struct ec_demo_stats stats;
	struct records bases, a, b;
	struct ec_demo_cluster_sink cluster_sink = { &bases, keep_cluster, count_indicator };
	struct ec_demo_project_sink sink = { NULL, check_project, check_fund };
	int last = ec_period_make(2020, 12);
	char *err = NULL;
	(void)state;

	ec_demo_opts_init(&o);
	o.enterprises = 400;
	o.first_period = ec_period_make(2019, 1);
	o.last_period = last;
	owners.n = 0;
	assert_int_equal(ec_demo_generate(&o, &cat, &economy, &stats, &err), EC_OK);
	assert_true(owners.n > 0);
	memset(&bases, 0, sizeof bases);
	assert_int_equal(ec_demo_bases(&cluster_sink), EC_OK);

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	sink.ctx = &a;
	assert_int_equal(ec_demo_projects(&cat, 7, owners.v, owners.n, bases.clusters, bases.nclusters, 30, 40, last,
					  &sink), EC_OK);
	sink.ctx = &b;
	assert_int_equal(ec_demo_projects(&cat, 7, owners.v, owners.n, bases.clusters, bases.nclusters, 30, 40, last,
					  &sink), EC_OK);
	assert_int_equal(a.projects, 30);
	assert_int_equal(a.funds, 40);
	assert_int_equal(a.bad, 0);
	assert_true(a.hash == b.hash);

	/* No owners: nothing to generate. */
	memset(&a, 0, sizeof a);
	sink.ctx = &a;
	assert_int_equal(ec_demo_projects(&cat, 7, NULL, 0, NULL, 0, 30, 40, last, &sink), EC_ENOTFOUND);
	assert_int_equal(a.projects + a.funds, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_bases_and_parents),
		cmocka_unit_test(test_ecosystems),
		cmocka_unit_test(test_cluster_indicators),
		cmocka_unit_test(test_projects),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
