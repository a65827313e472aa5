/* Unit tests of DBSCAN on the sphere: hand-made cases, and random points
** compared with a brute-force O(n^2) DBSCAN written from the definition. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/dbscan.h"
#include "echelon/echelon.h"
#include "echelon/problem.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#define KM_PER_DEG (EC_EARTH_RADIUS_KM * M_PI / 180.0)

/* Runs ec_dbscan_detail, which must succeed. */

/* A library message (coded, "code|name=value…") in lang, as the faces say
** it; the text stays valid until the next call. */
static const char *said_in(const char *err, enum ec_lang lang)
{
	static char out[1024];
	struct ec_buf b;

	ec_buf_init(&b, 0);
	ec_coded_message(err, lang, &b);
	snprintf(out, sizeof out, "%s", b.data ? b.data : "");
	ec_buf_release(&b);
	return out;
}

static const char *said(const char *err)
{
	return said_in(err, EC_LANG_EN);
}

static size_t run(const double *lat, const double *lon, const double *w, size_t n, double eps_km, double min_weight,
		  int32_t *labels, unsigned char *core)
{
	size_t k = 99;
	char *err = NULL;
	int rc = ec_dbscan_detail(lat, lon, w, n, eps_km, min_weight, labels, core, &k, &err);
	if (rc != EC_OK)
		fail_msg("ec_dbscan: %s", err ? err : "?");
	assert_null(err);
	return k;
}

static void test_two_groups_and_noise(void **state)
{
	/* Beijing and Shanghai groups, interleaved, and two lone points. */
	double lat[12], lon[12];
	int32_t labels[12];
	unsigned char core[12];
	size_t k;
	(void)state;
	for (int i = 0; i < 5; i++) {
		lat[2 * i] = 39.90 + 0.001 * i; /* Beijing: indexes 0 2 4 6 8 */
		lon[2 * i] = 116.40;
		lat[2 * i + 1] = 31.23; /* Shanghai: 1 3 5 7 9 */
		lon[2 * i + 1] = 121.47 + 0.001 * i;
	}
	lat[10] = 30.0, lon[10] = 110.0;
	lat[11] = 39.95, lon[11] = 116.40; /* 5.5 km north of Beijing */
	k = run(lat, lon, NULL, 12, 1.0, 3, labels, core);
	assert_int_equal(k, 2);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(labels[i], i % 2);
		assert_int_equal(core[i], 1);
	}
	assert_int_equal(labels[10], -1);
	assert_int_equal(labels[11], -1);
	assert_int_equal(core[10], 0);

	/* ec_dbscan gives the same labels. */
	{
		int32_t again[12];
		size_t k2;
		char *err;
		assert_int_equal(ec_dbscan(lat, lon, NULL, 12, 1.0, 3, again, &k2, &err), EC_OK);
		assert_int_equal(k2, 2);
		assert_memory_equal(again, labels, sizeof labels);
	}
}

/* 50 points 0.9 km apart along a meridian: each sees its two neighbours
** only, and the chain links into one cluster 44 km long. */
static void test_chain(void **state)
{
	double lat[50], lon[50];
	int32_t labels[50];
	unsigned char core[50];
	(void)state;
	for (int i = 0; i < 50; i++) {
		lat[i] = 30.0 + 0.9 * i / KM_PER_DEG;
		lon[i] = 120.0;
	}
	assert_int_equal(run(lat, lon, NULL, 50, 1.0, 3, labels, core), 1);
	for (int i = 0; i < 50; i++) {
		assert_int_equal(labels[i], 0);
		assert_int_equal(core[i], i != 0 && i != 49);
	}
	/* Four points need a neighbourhood of 4: nobody is core. */
	assert_int_equal(run(lat, lon, NULL, 50, 1.0, 4, labels, core), 0);
	for (int i = 0; i < 50; i++)
		assert_int_equal(labels[i], -1);
}

/* Along the equator (x in km): B = 0.95 .. 1.95 and A = -0.95 .. -1.95 by
** 0.2, P at 0. With eps 1 and minPts 4, A and B are two clusters (1.9 km
** apart) and P, with 3 points around it, is a border point of both. */
static void test_border_between_two_clusters(void **state)
{
	double lat[13], lon[13];
	int32_t labels[13];
	unsigned char core[13];
	(void)state;
	for (int i = 0; i < 6; i++) {
		lat[i] = lat[6 + i] = 0;
		lon[i] = (0.95 + 0.2 * i) / KM_PER_DEG;       /* B first */
		lon[6 + i] = -(0.95 + 0.2 * i) / KM_PER_DEG;  /* then A */
	}
	lat[12] = 0, lon[12] = 0;
	assert_int_equal(run(lat, lon, NULL, 13, 1.0, 4, labels, core), 2);
	for (int i = 0; i < 12; i++) {
		assert_int_equal(core[i], 1);
		assert_int_equal(labels[i], i / 6);
	}
	assert_int_equal(core[12], 0);
	assert_int_equal(labels[12], 0); /* B reaches it first */

	/* P first in index order: it still joins B, now numbered 0 as the
	** cluster whose core point comes first. */
	{
		double lat2[13], lon2[13];
		lat2[0] = 0, lon2[0] = 0;
		for (int i = 0; i < 12; i++) {
			lat2[1 + i] = lat[11 - i]; /* A reversed, then B reversed */
			lon2[1 + i] = lon[11 - i];
		}
		assert_int_equal(run(lat2, lon2, NULL, 13, 1.0, 4, labels, core), 2);
		assert_int_equal(labels[0], 0);
		assert_int_equal(labels[1], 0); /* A's -1.95 km point: A is cluster 0 now */
		assert_int_equal(labels[12], 1);
	}
}

static void test_weights(void **state)
{
	/* 0: a heavy lone point, core on its own. 1: a light lone point, noise.
	** 2, 3: weights 4 and 0, 0.5 km apart: both neighbourhoods weigh 4, so
	** the weightless point is core too. 4: weight 0 alone, noise. 5, 6, 7:
	** C (1), D (3) 0.5 km south of it, B (0.5) 0.9 km north: C and D are
	** core, B's neighbourhood weighs 1.5, a border point. */
	double lat[8] = { 30.0, 31.0, 32.0, 32.0 + 0.5 / KM_PER_DEG, 33.0, 34.0, 34.0 - 0.5 / KM_PER_DEG,
			  34.0 + 0.9 / KM_PER_DEG };
	double lon[8] = { 110.0, 110.0, 110.0, 110.0, 110.0, 110.0, 110.0, 110.0 };
	double w[8] = { 10.0, 1.0, 4.0, 0.0, 0.0, 1.0, 3.0, 0.5 };
	int32_t labels[8], expect_labels[8] = { 0, -1, 1, 1, -1, 2, 2, 2 };
	unsigned char core[8], expect_core[8] = { 1, 0, 1, 1, 0, 1, 1, 0 };
	(void)state;
	assert_int_equal(run(lat, lon, w, 8, 1.0, 4, labels, core), 3);
	assert_memory_equal(labels, expect_labels, sizeof labels);
	assert_memory_equal(core, expect_core, sizeof core);
	/* Unweighted, min 2: 2-3 and 5-6-7 are clusters, 0, 1 and 4 noise. */
	assert_int_equal(run(lat, lon, NULL, 8, 1.0, 2, labels, core), 2);
	assert_int_equal(labels[0], -1);
	assert_int_equal(labels[2], 0);
	assert_int_equal(labels[7], 1);
}

static void test_antimeridian_and_pole(void **state)
{
	/* 0.01 degree of longitude across +-180 at the equator is 1.11 km. */
	double lat[8] = { 0, 0, 0, 89.999, 89.999, 89.999, 89.999, -90 };
	double lon[8] = { 179.995, -179.995, 180.0, 0, 90, 180, -90, 0 };
	int32_t labels[8];
	unsigned char core[8];
	(void)state;
	assert_int_equal(run(lat, lon, NULL, 8, 2.0, 2, labels, core), 2);
	assert_int_equal(labels[0], 0);
	assert_int_equal(labels[1], 0);
	assert_int_equal(labels[2], 0);
	/* Four points round the north pole, 0.22 km across it. */
	for (int i = 3; i < 7; i++)
		assert_int_equal(labels[i], 1);
	assert_int_equal(labels[7], -1);
	assert_int_equal(run(lat, lon, NULL, 8, 1.0, 3, labels, core), 2);
	assert_int_equal(labels[0], 0);
	assert_int_equal(labels[1], 0); /* 1.11 km from 179.995, 0.56 km from 180 */
	assert_int_equal(core[2], 1);
	assert_int_equal(core[0], 0);
}

static void test_sizes_zero_and_one(void **state)
{
	double lat = 30.0, lon = 120.0;
	int32_t label = 7;
	unsigned char core = 7;
	(void)state;
	assert_int_equal(run(NULL, NULL, NULL, 0, 1.0, 1, NULL, NULL), 0);
	assert_int_equal(run(&lat, &lon, NULL, 1, 1.0, 1, &label, &core), 1);
	assert_int_equal(label, 0);
	assert_int_equal(core, 1);
	assert_int_equal(run(&lat, &lon, NULL, 1, 1.0, 2, &label, &core), 0);
	assert_int_equal(label, -1);
	assert_int_equal(core, 0);
}

static void test_whole_sphere(void **state)
{
	/* eps of half the circumference or more: every pair is within eps. */
	double lat[4] = { 90, -90, 0, 10 }, lon[4] = { 0, 0, 180, -100 };
	int32_t labels[4];
	unsigned char core[4];
	(void)state;
	assert_int_equal(run(lat, lon, NULL, 4, 30000, 4, labels, core), 1);
	for (int i = 0; i < 4; i++)
		assert_int_equal(labels[i], 0);
	assert_int_equal(run(lat, lon, NULL, 4, 30000, 5, labels, core), 0);
	assert_int_equal(labels[0], -1);
}

static void expect_usage(const double *lat, const double *lon, const double *w, size_t n, double eps,
			 double min_weight, const char *message)
{
	int32_t labels[2] = { 42, 42 };
	size_t k = 42;
	char *err = NULL;

	assert_int_equal(ec_dbscan(lat, lon, w, n, eps, min_weight, labels, &k, &err), EC_EUSAGE);
	assert_non_null(err);
	if (message)
		assert_string_equal(said(err), message);
	free(err);
	assert_int_equal(labels[0], 42); /* nothing written */
	assert_int_equal(k, 42);
}

static void test_bad_input(void **state)
{
	double lat[2] = { 30, 31 }, lon[2] = { 120, 121 }, w[2] = { 1, 1 };
	double nan_lat[2] = { 30, NAN }, high_lat[2] = { 90.5, 0 }, far_lon[2] = { 0, 181 };
	double bad_w[2] = { 1, -1 }, nan_w[2] = { NAN, 1 };
	(void)state;
	expect_usage(lat, lon, NULL, 2, 0, 3, "dbscan: eps_km is 0, expected a positive finite number of km");
	expect_usage(lat, lon, NULL, 2, -1, 3, NULL);
	expect_usage(lat, lon, NULL, 2, NAN, 3, NULL);
	expect_usage(lat, lon, NULL, 2, INFINITY, 3, NULL);
	expect_usage(lat, lon, NULL, 2, 1, 0, "dbscan: min_weight is 0, expected a positive finite number");
	expect_usage(lat, lon, NULL, 2, 1, NAN, NULL);
	expect_usage(nan_lat, lon, NULL, 2, 1, 3, "dbscan: point 1: latitude nan is not in [-90, 90]");
	expect_usage(high_lat, lon, NULL, 2, 1, 3, "dbscan: point 0: latitude 90.5 is not in [-90, 90]");
	expect_usage(lat, far_lon, NULL, 2, 1, 3, "dbscan: point 1: longitude 181 is not in [-180, 180]");
	expect_usage(lat, lon, bad_w, 2, 1, 3, "dbscan: point 1: weight -1 is not a finite number >= 0");
	expect_usage(lat, lon, nan_w, 2, 1, 3, NULL);
	(void)w;
}

static void test_distance(void **state)
{
	(void)state;
	assert_true(fabs(ec_dbscan_distance_km(0, 0, 0, 1) - KM_PER_DEG) < 1e-9);
	assert_true(fabs(ec_dbscan_distance_km(90, 0, 0, 37) - EC_EARTH_RADIUS_KM * M_PI / 2) < 1e-9);
	assert_true(fabs(ec_dbscan_distance_km(0, 179.5, 0, -179.5) - KM_PER_DEG) < 1e-9);
	assert_true(fabs(ec_dbscan_distance_km(10, 20, -10, -160) - EC_EARTH_RADIUS_KM * M_PI) < 1e-3); /* haversine loses digits at the antipode */
	/* Beijing to Shanghai, about 1 067 km. */
	assert_true(fabs(ec_dbscan_distance_km(39.9042, 116.4074, 31.2304, 121.4737) - 1067.3) < 1.0);
}

static void test_summary(void **state)
{
	/* Two points 2 km apart on the equator and one weighted point alone. */
	double lat[4] = { 0, 0, 45, 10 }, lon[4] = { -1.0 / KM_PER_DEG, 1.0 / KM_PER_DEG, 100, 10 };
	double w[4] = { 1, 3, 5, 1 };
	int32_t labels[4] = { 0, 0, 1, -1 };
	unsigned char core[4] = { 1, 0, 1, 0 };
	struct ec_dbscan_cluster out[2];
	char *err;
	(void)state;
	assert_int_equal(ec_dbscan_summary(lat, lon, w, labels, core, 4, 2, out, &err), EC_OK);
	assert_true(fabs(out[0].lat_deg) < 1e-12);
	assert_true(fabs(out[0].lon_deg) < 1e-12);
	assert_true(fabs(out[0].radius_km - 1.0) < 1e-9);
	assert_int_equal(out[0].members, 2);
	assert_int_equal(out[0].core_members, 1);
	assert_true(out[0].weight_sum == 4);
	assert_int_equal(out[0].first, 0);
	assert_true(fabs(out[1].lat_deg - 45) < 1e-9);
	assert_true(fabs(out[1].lon_deg - 100) < 1e-9);
	assert_true(out[1].radius_km < 1e-6);
	assert_int_equal(out[1].members, 1);
	assert_true(out[1].weight_sum == 5);

	/* Two points on opposite sides of the Earth have no mean direction. */
	{
		double alat[2] = { 0, 0 }, alon[2] = { 0, 180 };
		int32_t al[2] = { 0, 0 };
		assert_int_equal(ec_dbscan_summary(alat, alon, NULL, al, NULL, 2, 1, out, &err), EC_OK);
		assert_true(out[0].lat_deg == 0 && out[0].lon_deg == 0);
		assert_int_equal(out[0].core_members, 0);
		assert_true(out[0].weight_sum == 2);
	}

	labels[3] = 2;
	assert_int_equal(ec_dbscan_summary(lat, lon, w, labels, core, 4, 2, out, &err), EC_EUSAGE);
	assert_string_equal(said(err), "dbscan summary: point 3: label 2 is not -1 or a cluster below 2");
	free(err);
	labels[3] = -1;
	assert_int_equal(ec_dbscan_summary(lat, lon, w, labels, core, 4, 3, out, &err), EC_EUSAGE);
	assert_string_equal(said(err), "dbscan summary: cluster 2 has no member");
	assert_string_equal(said_in(err, EC_LANG_ZH), "聚类汇总：第 2 个簇没有成员");
	free(err);
}

/* ---- random points against a brute-force DBSCAN ---- */

static uint64_t rng_state;

static double uniform01(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	z ^= z >> 31;
	return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}

static double normal01(void)
{
	return sqrt(-2.0 * log(uniform01())) * cos(2.0 * M_PI * uniform01());
}

/* Puts a point near (lat0, lon0), sigma_km apart on the sphere, in range. */
static void jitter(double lat0, double lon0, double sigma_km, double *lat, double *lon)
{
	double la = lat0 + normal01() * sigma_km / KM_PER_DEG;
	double c = cos(lat0 * M_PI / 180.0);
	double lo = lon0 + normal01() * sigma_km / KM_PER_DEG / (c > 0.01 ? c : 0.01);
	if (la > 90)
		la = 180 - la, lo += 180;
	if (la < -90)
		la = -180 - la, lo += 180;
	while (lo > 180)
		lo -= 360;
	while (lo < -180)
		lo += 360;
	*lat = la;
	*lon = lo;
}

/* The definition, as scikit-learn computes it: neighbours by the haversine
** test in radians, then the expansion in index order. */
static size_t brute_force(const double *lat, const double *lon, const double *w, size_t n, double eps_km,
			  double min_weight, int32_t *labels, unsigned char *core)
{
	const double rad = M_PI / 180.0;
	double eps_rad = eps_km / EC_EARTH_RADIUS_KM;
	double hav_eps = eps_rad >= M_PI ? 2.0 : sin(0.5 * eps_rad) * sin(0.5 * eps_rad);
	unsigned char *near = ec_malloc(n * n);
	size_t *stack = ec_malloc(n * sizeof *stack), nclusters = 0;

	for (size_t i = 0; i < n; i++) {
		double sum = 0;
		for (size_t j = 0; j < n; j++) {
			double lat1 = lat[i] * rad, lat2 = lat[j] * rad;
			double s0 = sin(0.5 * (lat1 - lat2)), s1 = sin(0.5 * (lon[i] * rad - lon[j] * rad));
			near[i * n + j] = s0 * s0 + cos(lat1) * cos(lat2) * s1 * s1 <= hav_eps;
			if (near[i * n + j])
				sum += w ? w[j] : 1.0;
		}
		core[i] = sum >= min_weight;
		labels[i] = -1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t top = 0;
		if (labels[i] != -1 || !core[i])
			continue;
		labels[i] = (int32_t)nclusters;
		stack[top++] = i;
		while (top > 0) {
			size_t p = stack[--top];
			if (!core[p])
				continue;
			for (size_t j = 0; j < n; j++) {
				if (near[p * n + j] && labels[j] == -1) {
					labels[j] = (int32_t)nclusters;
					stack[top++] = j;
				}
			}
		}
		nclusters++;
	}
	free(near);
	free(stack);
	return nclusters;
}

struct scene {
	const char *name;
	size_t n;
	double eps_km, min_weight;
	int weighted;
	double centre_lat[6], centre_lon[6];
	double sigma_km, noise_lat0, noise_lat1, noise_lon0, noise_lon1, noise_share;
	double round_deg; /* coordinates rounded to this, for duplicates; 0: not */
};

static void compare_scene(const struct scene *s)
{
	size_t n = s->n, k_ref, k;
	double *lat = ec_malloc(n * sizeof *lat), *lon = ec_malloc(n * sizeof *lon), *w = NULL;
	int32_t *labels = ec_malloc(n * sizeof *labels), *ref = ec_malloc(n * sizeof *ref);
	unsigned char *core = ec_malloc(n), *ref_core = ec_malloc(n);
	size_t cores = 0, borders = 0;

	rng_state = 12345;
	if (s->weighted)
		w = ec_malloc(n * sizeof *w);
	for (size_t i = 0; i < n; i++) {
		if (uniform01() < s->noise_share) {
			lat[i] = s->noise_lat0 + (s->noise_lat1 - s->noise_lat0) * uniform01();
			lon[i] = s->noise_lon0 + (s->noise_lon1 - s->noise_lon0) * uniform01();
		} else {
			int c = (int)(uniform01() * 6);
			jitter(s->centre_lat[c], s->centre_lon[c], s->sigma_km * (1 + c), &lat[i], &lon[i]);
		}
		if (s->round_deg > 0) {
			lat[i] = round(lat[i] / s->round_deg) * s->round_deg;
			lon[i] = round(lon[i] / s->round_deg) * s->round_deg;
		}
		if (w)
			w[i] = -log(uniform01()); /* exponential, mean 1 */
	}
	k_ref = brute_force(lat, lon, w, n, s->eps_km, s->min_weight, ref, ref_core);
	k = run(lat, lon, w, n, s->eps_km, s->min_weight, labels, core);
	assert_int_equal(k, k_ref);
	for (size_t i = 0; i < n; i++) {
		if (core[i] != ref_core[i] || labels[i] != ref[i])
			fail_msg("%s: point %zu: core %d label %d, expected core %d label %d", s->name, i, core[i],
				 labels[i], ref_core[i], ref[i]);
		cores += core[i];
		borders += !core[i] && labels[i] >= 0;
	}
	/* The scene must exercise something: clusters, cores, borders, noise. */
	assert_true(k >= 2);
	assert_true(cores > 0 && borders > 0 && cores + borders < n);
	free(lat);
	free(lon);
	free(w);
	free(labels);
	free(ref);
	free(core);
	free(ref_core);
}

static void test_random_china(void **state)
{
	struct scene s = { "china", 3000, 2.0, 8, 0,
			   { 31.23, 39.90, 22.54, 30.57, 23.13, 45.75 },
			   { 121.47, 116.40, 114.06, 104.07, 113.26, 126.65 },
			   1.5, 18, 54, 73, 136, 0.2, 0 };
	(void)state;
	compare_scene(&s);
	s.eps_km = 5.0;
	s.min_weight = 20;
	compare_scene(&s);
	s.n = 4000;
	s.eps_km = 0.7;
	s.min_weight = 3;
	compare_scene(&s);
}

static void test_random_weighted(void **state)
{
	struct scene s = { "weighted", 3000, 2.0, 6.5, 1,
			   { 31.23, 39.90, 22.54, 30.57, 23.13, 45.75 },
			   { 121.47, 116.40, 114.06, 104.07, 113.26, 126.65 },
			   1.0, 30, 32, 120, 122, 0.3, 0 };
	(void)state;
	compare_scene(&s);
}

static void test_random_antimeridian_and_poles(void **state)
{
	struct scene s = { "antimeridian", 3000, 3.0, 5, 0,
			   { 0, 65.0, -40.0, 89.98, -89.99, 52.0 },
			   { 180.0, -179.99, 179.995, 0, 45, -180 },
			   2.0, -90, 90, -180, 180, 0.05, 0 };
	(void)state;
	compare_scene(&s);
}

static void test_random_tiny_eps(void **state)
{
	/* eps 5 m, below the grid's smallest cell (about 10 m): the slow but
	** general path, with many points on the same spot (coordinates
	** rounded to 1e-5 degree, about 1 m). */
	struct scene s = { "tiny", 2000, 0.005, 4, 0,
			   { 31.23, 31.2302, 31.2304, 31.2301, 31.2303, 31.2305 },
			   { 121.47, 121.4702, 121.4701, 121.4704, 121.4699, 121.4703 },
			   0.004, 31.229, 31.231, 121.469, 121.471, 0.3, 1e-5 };
	(void)state;
	compare_scene(&s);
}

/* The k-distance curve by hand: six points on the equator at longitudes
** 0, 0.01, 0.03, 0.06, 0.10 and 1 degree. With min_points 3 (k = 2) the
** second nearest other point is 0.03, 0.02, 0.03, 0.04, 0.07 and 0.94
** degrees away; sorted down: 0.94 0.07 0.04 0.03 0.03 0.02. Scaled, rank
** i / 5 and (d - 0.02) / 0.92, the points lie below the chord by 1 - x - y
** = 0.746, 0.578, 0.389, 0.189 (i = 1..4): the knee is i = 1, 0.07 degree. */
static const double kd_lon[6] = { 0, 0.01, 0.03, 0.06, 0.10, 1.0 };
static const double kd_lat[6] = { 0, 0, 0, 0, 0, 0 };

static void test_kdist_by_hand(void **state)
{
	const double want[6] = { 0.94, 0.07, 0.04, 0.03, 0.03, 0.02 };
	struct ec_kdist k;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_dbscan_kdist(kd_lat, kd_lon, NULL, 6, 3, 10, 0, &k, &err), EC_OK);
	assert_int_equal(k.points, 6);
	assert_int_equal(k.sampled, 6);
	assert_int_equal(k.never_core, 0);
	assert_int_equal(k.ncurve, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_true(fabs(k.distance_km[i] - want[i] * KM_PER_DEG) < 1e-6);
		assert_true(fabs(k.share[i] - (double)i / 5) < 1e-12);
	}
	assert_true(fabs(k.knee_km - ceil(0.07 * KM_PER_DEG * 100) / 100) < 1e-9); /* 7.7837 up to 7.79 */
	assert_true(fabs(k.knee_share - 0.2) < 1e-12);
	ec_dbscan_kdist_release(&k);

	/* Only distances up to 5 km (0.045 degree): the knee of 0.04 0.03 0.03
	** 0.02 is its second point (1/3 + 1/2 below 1), 0.03 degree, rank 3. */
	assert_int_equal(ec_dbscan_kdist(kd_lat, kd_lon, NULL, 6, 3, 10, 5.0, &k, &err), EC_OK);
	assert_true(fabs(k.knee_km - ceil(0.03 * KM_PER_DEG * 100) / 100) < 1e-9);
	assert_true(fabs(k.knee_share - 0.6) < 1e-12);
	ec_dbscan_kdist_release(&k);

	/* A curve of 3: ranks 0, 3 and 5, and the middle one moves to the knee. */
	assert_int_equal(ec_dbscan_kdist(kd_lat, kd_lon, NULL, 6, 3, 3, 0, &k, &err), EC_OK);
	assert_int_equal(k.ncurve, 3);
	assert_true(fabs(k.share[1] - 0.2) < 1e-12);
	assert_true(fabs(k.distance_km[1] - 0.07 * KM_PER_DEG) < 1e-6);
	ec_dbscan_kdist_release(&k);

	/* A point is core exactly when its core distance is at most eps: with
	** eps 0.035 degree, the points at 0.03, 0.02 and 0.03 degree. */
	{
		int32_t labels[6];
		unsigned char core[6];
		run(kd_lat, kd_lon, NULL, 6, 0.035 * KM_PER_DEG, 3, labels, core);
		assert_int_equal(core[0] + core[1] + core[2] + core[3] + core[4] + core[5], 3);
		assert_true(core[0] && core[1] && core[2]);
	}
}

/* Weighted, the core distance is the radius at which the weights within it,
** the point's own included, reach min_weight: the first point weighing 2
** and min_weight 3, they are 0.01, 0.01, 0.03, 0.04, 0.07 and 0.94 degree. */
static void test_kdist_weighted(void **state)
{
	const double w[6] = { 2, 1, 1, 1, 1, 1 }, want[6] = { 0.94, 0.07, 0.04, 0.03, 0.01, 0.01 };
	struct ec_kdist k;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_dbscan_kdist(kd_lat, kd_lon, w, 6, 3, 10, 0, &k, &err), EC_OK);
	for (size_t i = 0; i < 6; i++)
		assert_true(fabs(k.distance_km[i] - want[i] * KM_PER_DEG) < 1e-6);
	ec_dbscan_kdist_release(&k);

	/* Too few to ever be core: no curve, no suggestion. */
	assert_int_equal(ec_dbscan_kdist(kd_lat, kd_lon, NULL, 6, 7, 10, 0, &k, &err), EC_OK);
	assert_int_equal(k.never_core, 6);
	assert_int_equal(k.ncurve, 0);
	assert_true(isnan(k.knee_km));
	ec_dbscan_kdist_release(&k);
}

/* The knee alone, and what it refuses. */
static void test_kdist_knee_and_bad_input(void **state)
{
	const double flat[4] = { 3, 3, 3, 3 }, line[5] = { 4, 3, 2, 1, 0 }, bent[5] = { 10, 2, 1, 0.5, 0 };
	const double bad_lat[2] = { 0, 91 }, lon2[2] = { 0, 0 };
	struct ec_kdist k;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_dbscan_knee(flat, 4), 0);
	assert_int_equal(ec_dbscan_knee(line, 5), 0); /* straight: nothing below the chord */
	assert_int_equal(ec_dbscan_knee(bent, 5), 1); /* 1 - 0.25 - 0.2 = 0.55 is the most */
	assert_int_equal(ec_dbscan_knee(bent, 2), 0);

	assert_int_equal(ec_dbscan_kdist(bad_lat, lon2, NULL, 2, 2, 10, 0, &k, &err), EC_EUSAGE);
	assert_non_null(strstr(said(err), "point 1: latitude 91"));
	free(err);
	assert_int_equal(ec_dbscan_kdist(kd_lat, kd_lon, NULL, 6, 1001, 10, 0, &k, &err), EC_EUSAGE);
	free(err);
	assert_int_equal(ec_dbscan_kdist(kd_lat, kd_lon, NULL, 6, 3, 1, 0, &k, &err), EC_EUSAGE);
	free(err);
	assert_int_equal(k.ncurve, 0);
}

/* Random points: every sampled core distance as brute force finds it, and
** above EC_KDIST_SAMPLE points an even sample is measured. */
static void test_kdist_random(void **state)
{
	size_t n = 3000;
	double *lat = malloc(n * sizeof *lat), *lon = malloc(n * sizeof *lon), *d = malloc(n * sizeof *d);
	struct ec_kdist k;
	char *err = NULL;
	unsigned long long seed = 7;
	(void)state;

	for (size_t i = 0; i < n; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		lat[i] = 20 + 20 * (double)(seed >> 11) / 9007199254740992.0;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		lon[i] = 100 + 20 * (double)(seed >> 11) / 9007199254740992.0;
		if (i % 3 == 0) /* a dense third */
			lat[i] = 30 + (lat[i] - 20) / 200, lon[i] = 110 + (lon[i] - 100) / 200;
	}
	/* brute force: the 4th smallest distance to the others (min_points 5) */
	for (size_t i = 0; i < n; i++) {
		double best[4] = { INFINITY, INFINITY, INFINITY, INFINITY };
		for (size_t j = 0; j < n; j++) {
			double x;
			if (j == i)
				continue;
			x = ec_dbscan_distance_km(lat[i], lon[i], lat[j], lon[j]);
			for (int b = 0; b < 4; b++)
				if (x < best[b]) {
					for (int c = 3; c > b; c--)
						best[c] = best[c - 1];
					best[b] = x;
					break;
				}
		}
		d[i] = best[3];
	}
	for (size_t i = 1; i < n; i++) /* insertion sort, descending */
		for (size_t j = i; j > 0 && d[j] > d[j - 1]; j--) {
			double t = d[j];
			d[j] = d[j - 1];
			d[j - 1] = t;
		}
	assert_int_equal(ec_dbscan_kdist(lat, lon, NULL, n, 5, n, 0, &k, &err), EC_OK);
	assert_int_equal(k.ncurve, n);
	for (size_t i = 0; i < n; i++)
		if (!(fabs(k.distance_km[i] - d[i]) < 1e-6 * (1 + d[i])))
			fail_msg("rank %zu: %.9g, brute force %.9g", i, k.distance_km[i], d[i]);
	assert_true(k.knee_km == ceil(d[ec_dbscan_knee(d, n)] * 100) / 100);
	ec_dbscan_kdist_release(&k);
	free(lat);
	free(lon);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_groups_and_noise),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_border_between_two_clusters),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_antimeridian_and_pole),
		cmocka_unit_test(test_sizes_zero_and_one),
		cmocka_unit_test(test_whole_sphere),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_random_china),
		cmocka_unit_test(test_random_weighted),
		cmocka_unit_test(test_random_antimeridian_and_poles),
		cmocka_unit_test(test_random_tiny_eps),
		cmocka_unit_test(test_kdist_by_hand),
		cmocka_unit_test(test_kdist_weighted),
		cmocka_unit_test(test_kdist_knee_and_bad_input),
		cmocka_unit_test(test_kdist_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
