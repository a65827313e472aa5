/* Unit tests of regional structure and complexity (src/lib/complexity.c):
** the published ground truth of Stata's `ecomplexity` on py-ecomplexity's
** trade sample (tests/data/ecomplexity, to the tolerances its README
** states: Mcp, diversity and ubiquity exact; RCA, ECI and PCI rtol 1e-5;
** density, COI and COG rtol 1e-4), the method of reflections against the
** eigenvector, Fitness–Complexity on a nested matrix, and the concentration
** and specialisation indices on cases computed by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/complexity.h"

static void close_rel(double want, double got, double rtol, const char *what)
{
	if (isnan(want) && isnan(got))
		return;
	if (!(fabs(want - got) <= rtol * fabs(want) + 1e-12))
		fail_msg("%s: expected %.15g, got %.15g (rtol %g)", what, want, got, rtol);
}

/* ---- the Stata ground truth ---- */

#define NC 10
#define NP 30

static const char *origins[NC] = { "aut", "blx", "che", "deu", "dnk", "esp", "gbr", "ita", "pol", "svn" };
static int products[NP];

static int origin_index(const char *o)
{
	for (int i = 0; i < NC; i++)
		if (strcmp(origins[i], o) == 0)
			return i;
	return -1;
}

static int product_index(int hs)
{
	for (int i = 0; i < NP; i++)
		if (products[i] == hs)
			return i;
	return -1;
}

static FILE *open_data(const char *name)
{
	const char *dir = getenv("EC_TEST_DATA");
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/ecomplexity/%s", dir ? dir : "tests/data", name);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	return f;
}

/* The trade sample's year as a 10 x 30 matrix (products in file order). */
static void read_trade(int year, double *x)
{
	FILE *f = open_data("trade_data_sample.csv");
	char line[256], origin[8];
	int y, hs, np = 0;
	double v;

	memset(x, 0, NC * NP * sizeof *x);
	assert_non_null(fgets(line, sizeof line, f));
	while (fgets(line, sizeof line, f)) {
		assert_int_equal(sscanf(line, "%d,%7[^,],%d,%lf", &y, origin, &hs, &v), 4);
		if (product_index(hs) < 0) {
			assert_true(np < NP);
			products[np++] = hs;
		}
		if (y == year)
			x[origin_index(origin) * NP + product_index(hs)] = v;
	}
	fclose(f);
}

static double field(const char *s)
{
	return *s ? strtod(s, NULL) : NAN; /* "." is missing in Stata */
}

static void check_year(int year, struct ec_cx_result *r)
{
	FILE *f = open_data("stata_ground_truth.csv");
	char line[512];
	int rows = 0;

	assert_non_null(fgets(line, sizeof line, f));
	while (fgets(line, sizeof line, f)) {
		char *col[13], *p = line;
		int c, pi, y;
		char what[64];

		line[strcspn(line, "\n")] = '\0';
		for (int i = 0; i < 13; i++) {
			col[i] = p;
			p += strcspn(p, ",");
			if (*p)
				*p++ = '\0';
		}
		y = atoi(col[0]);
		if (y != year)
			continue;
		c = origin_index(col[1]);
		pi = product_index(atoi(col[2]));
		assert_true(c >= 0 && pi >= 0);
		snprintf(what, sizeof what, "%d %s %s", y, col[1], col[2]);
		/* year,origin,hs92,export_val,rca,M,density,eci,pci,diversity,ubiquity,coi,cog */
		assert_int_equal(r->m[c * NP + pi], atoi(col[5]));
		assert_int_equal(r->diversity[c], atoi(col[9]));
		assert_int_equal(r->ubiquity[pi], atoi(col[10]));
		close_rel(field(col[4]), r->rca[c * NP + pi], 1e-5, what);
		close_rel(field(col[7]), r->eci[c], 1e-5, what);
		close_rel(field(col[8]), r->pci[pi], 1e-5, what);
		close_rel(field(col[6]), r->density[c * NP + pi], 1e-4, what);
		close_rel(field(col[11]), r->coi[c], 1e-4, what);
		close_rel(field(col[12]), r->cog[c * NP + pi], 1e-4, what);
		rows++;
	}
	fclose(f);
	assert_int_equal(rows, NC * NP);
}

static void test_stata_ground_truth(void **state)
{
	static const int years[] = { 1995, 1996 };
	double x[NC * NP];
	(void)state;

	for (size_t k = 0; k < 2; k++) {
		struct ec_cx_result r;
		char *err = NULL;
		read_trade(years[k], x);
		if (ec_cx_compute(x, NC, NP, NULL, &r, &err) != EC_OK)
			fail_msg("%s", err);
		check_year(years[k], &r);
		/* the proximity: symmetric, 1 on the diagonal */
		for (int p = 0; p < NP; p++)
			for (int q = 0; q < NP; q++)
				close_rel(r.proximity[q * NP + p], r.proximity[p * NP + q], 1e-15, "symmetric");
		close_rel(1.0, r.proximity[0], 0, "diagonal");
		ec_cx_release(&r);
	}
}

/* The method of reflections converges to the eigenvector method. */
static void test_reflections(void **state)
{
	double x[NC * NP];
	struct ec_cx_result a, b;
	struct ec_cx_options o;
	char *err = NULL;
	(void)state;

	read_trade(1995, x);
	ec_cx_options_init(&o);
	assert_int_equal(ec_cx_compute(x, NC, NP, &o, &a, &err), EC_OK);
	o.method = EC_CX_REFLECTIONS;
	o.reflections = 400;
	assert_int_equal(ec_cx_compute(x, NC, NP, &o, &b, &err), EC_OK);
	for (int c = 0; c < NC; c++)
		close_rel(a.eci[c], b.eci[c], 1e-6, "reflections: eci");
	for (int p = 0; p < NP; p++)
		close_rel(a.pci[p], b.pci[p], 1e-6, "reflections: pci");
	ec_cx_release(&a);
	ec_cx_release(&b);
}

/* Fitness–Complexity on a nested matrix: with the threshold at 0.5, x =
** [[2,2,2],[0,2,2],[0,0,2]] gives Mcp = [[1,1,1],[0,1,1],[0,0,1]] (RCA of
** region 0: 2, 1, 2/3; of region 1: 3/2, 1; of region 2: 2). The most
** diverse region is the fittest, the category only it makes is the most
** complex, and the means stay 1 at every step. */
static void test_fitness(void **state)
{
	const double x[9] = { 2, 2, 2, 0, 2, 2, 0, 0, 2 };
	struct ec_cx_options o;
	struct ec_cx_result r;
	char *err = NULL;
	(void)state;

	ec_cx_options_init(&o);
	o.threshold = 0.5;
	o.fitness_iterations = 50;
	assert_int_equal(ec_cx_compute(x, 3, 3, &o, &r, &err), EC_OK);
	assert_int_equal(r.diversity[0], 3);
	assert_int_equal(r.diversity[1], 2);
	assert_int_equal(r.diversity[2], 1);
	assert_true(r.fitness[0] > r.fitness[1] && r.fitness[1] > r.fitness[2]);
	assert_true(r.complexity[0] > r.complexity[1] && r.complexity[1] > r.complexity[2]);
	close_rel(1.0, (r.fitness[0] + r.fitness[1] + r.fitness[2]) / 3, 1e-9, "mean fitness");
	close_rel(1.0, (r.complexity[0] + r.complexity[1] + r.complexity[2]) / 3, 1e-9, "mean complexity");
	ec_cx_release(&r);
}

/* ---- concentration and specialisation, by hand ---- */

/* 2 regions x 2 categories: x = [[30, 10], [10, 50]]. Totals: regions 40
** and 60, categories 40 and 60, all 100. */
static const double two[4] = { 30, 10, 10, 50 };

static void test_lq(void **state)
{
	double lq[4];
	(void)state;

	ec_lq(two, 2, 2, lq);
	close_rel((30.0 / 40) / (40.0 / 100), lq[0], 1e-15, "lq 0 0"); /* 1.875 */
	close_rel((10.0 / 40) / (60.0 / 100), lq[1], 1e-15, "lq 0 1");
	close_rel((10.0 / 60) / (40.0 / 100), lq[2], 1e-15, "lq 1 0");
	close_rel((50.0 / 60) / (60.0 / 100), lq[3], 1e-15, "lq 1 1");
}

static void test_concentration(void **state)
{
	struct ec_concentration c;
	(void)state;

	/* category 0: shares s = (0.75, 0.25), regions' shares t = (0.4, 0.6) */
	ec_concentration(two, 2, 2, 0, &c);
	close_rel(0.75 * 0.75 + 0.25 * 0.25, c.hhi, 1e-15, "hhi");                   /* 0.625 */
	close_rel(0.5 * (fabs(0.75 - 0.4) + fabs(0.25 - 0.6)), c.hoover, 1e-15, "hoover"); /* 0.35 */
	close_rel(0.75 * log(0.75 / 0.4) + 0.25 * log(0.25 / 0.6), c.theil, 1e-15, "theil");
	close_rel(0.75, c.top_share, 0, "top share");
	/* Gini of the shares, regions equal (x = 0.5 each): ordered (0.25,
	** 0.75): trapezoids 0.5 * 0.25 + 0.5 * (1 + 0.25) = 0.75, so 0.25. */
	close_rel(0.25, c.gini, 1e-15, "gini");
	/* Locational Gini: ordered by LQ (region 1: 0.25/0.6, region 0:
	** 0.75/0.4): x steps 0.6 then 0.4, y steps 0.25 then 0.75: area = 0.6 *
	** 0.25 + 0.4 * (1 + 0.25) = 0.65, so 0.35. */
	close_rel(0.35, c.locational_gini, 1e-15, "locational gini");
}

static void test_specialisation(void **state)
{
	struct ec_specialisation s;
	(void)state;

	/* region 0: shares (0.75, 0.25) against the country's (0.4, 0.6) */
	ec_specialisation(two, 2, 2, 0, &s);
	close_rel(fabs(0.75 - 0.4) + fabs(0.25 - 0.6), s.krugman, 1e-15, "krugman"); /* 0.7 */
	close_rel(0.625, s.hhi, 1e-15, "hhi");
	close_rel(0.75 * log(0.75 / 0.4) + 0.25 * log(0.25 / 0.6), s.theil, 1e-15, "theil");
	assert_int_equal(s.specialised, 1);
}

static void test_ellison_glaeser(void **state)
{
	/* 2 regions, a = (0.5, 0.5), s = (0.9, 0.1): G = 0.16 + 0.16 = 0.32;
	** 4 plants of equal size: H = 0.25; 1 - sum a^2 = 0.5:
	** gamma = (0.32 - 0.5 * 0.25) / (0.5 * 0.75) = 0.195 / 0.375 = 0.52. */
	const double s[2] = { 0.9, 0.1 }, a[2] = { 0.5, 0.5 }, z[4] = { 0.25, 0.25, 0.25, 0.25 };
	const double one[1] = { 1 };
	(void)state;

	close_rel(0.52, ec_ellison_glaeser(s, a, 2, z, 4), 1e-12, "ellison-glaeser");
	assert_true(isnan(ec_ellison_glaeser(s, a, 2, one, 1))); /* one plant: undefined */
}

/* Five categories, the fifth taking no part. By hand: Prim from 0 takes
** 0-1 (0.9), then 1-2 (0.7), then 2-3 (0.6); with min_proximity 0.5 the
** other links at least as strong are 0-2 (0.65) and 1-3 (0.5), and with
** room for one only 0-2 stays. */
/* A matrix large enough that the pass of density and COG runs on every
** core (over 4 M additions), checked region by region against density's
** definition, omega_cp = sum_q!=p M_cq phi_pq / sum_q!=p phi_pq: each
** worker wrote its own regions and nothing else. */
/* Above a million cells the RCA pass runs on the cores there are: every
** RCA, Mcp, diversity and ubiquity as the formula gives them one cell at a
** time. */
static void test_rca_on_cores(void **state)
{
	enum { ROWS = 1300, COLS = 800 };
	double *x = malloc((size_t)ROWS * COLS * sizeof *x), *rt = calloc(ROWS, sizeof *rt),
	       *ct = calloc(COLS, sizeof *ct), all = 0;
	uint32_t seed = 777;
	struct ec_cx_result r;
	char *err = NULL;

	(void)state;
	for (size_t i = 0; i < (size_t)ROWS * COLS; i++) {
		seed = seed * 1103515245u + 12345u;
		x[i] = (seed >> 16) % 4 == 0 || i / COLS == 5 || i % COLS == 7 ? 0 : (double)((seed >> 8) % 500 + 1);
		rt[i / COLS] += x[i];
		ct[i % COLS] += x[i];
		all += x[i];
	}
	assert_int_equal(ec_cx_compute(x, ROWS, COLS, NULL, &r, &err), EC_OK);
	for (size_t c = 0; c < ROWS; c++) {
		int32_t diversity = 0;
		for (size_t p = 0; p < COLS; p++) {
			double v = (x[c * COLS + p] / rt[c]) / (ct[p] / all);
			if (c == 5 || p == 7) { /* a region, a category without a total: missing */
				assert_true(isnan(r.rca[c * COLS + p]));
				assert_int_equal(r.m[c * COLS + p], 0);
				continue;
			}
			assert_true(r.rca[c * COLS + p] == v);
			assert_int_equal(r.m[c * COLS + p], v >= 1);
			diversity += v >= 1;
		}
		assert_int_equal(r.diversity[c], diversity);
	}
	for (size_t p = 0; p < COLS; p++) {
		int32_t ubiquity = 0;
		for (size_t c = 0; c < ROWS; c++)
			ubiquity += r.m[c * COLS + p];
		assert_int_equal(r.ubiquity[p], ubiquity);
	}
	ec_cx_release(&r);
	free(x), free(rt), free(ct);
}

static void test_density_on_cores(void **state)
{
	enum { ROWS = 420, COLS = 220 };
	double *x = malloc((size_t)ROWS * COLS * sizeof *x);
	struct ec_cx_result r;
	uint32_t seed = 12345;
	char *err = NULL;

	(void)state;
	for (size_t i = 0; i < (size_t)ROWS * COLS; i++) {
		seed = seed * 1103515245u + 12345u;
		x[i] = (seed >> 16) % 3 == 0 || i / COLS == 33 || i % COLS == 201 ? 0 : (double)((seed >> 8) % 1000 + 1);
	}
	assert_int_equal(ec_cx_compute(x, ROWS, COLS, NULL, &r, &err), EC_OK);
	/* region 33 and category 201 take no part: missing in density and COG */
	assert_true(isnan(r.eci[33]) && isnan(r.coi[33]) && isnan(r.pci[201]));
	for (size_t c = 0; c < ROWS; c++)
		for (size_t p = 0; p < COLS; p++)
			if (c == 33 || p == 201)
				assert_true(isnan(r.density[c * COLS + p]) && isnan(r.cog[c * COLS + p]));
			else if (r.m[c * COLS + p])
				assert_true(r.cog[c * COLS + p] == 0);
			else
				assert_true(isfinite(r.cog[c * COLS + p]));
	for (size_t c = 0; c < ROWS; c++) {
		if (isnan(r.eci[c]))
			continue;
		for (size_t p = 0; p < COLS; p++) {
			double num = 0, den = 0;
			if (isnan(r.pci[p]))
				continue;
			for (size_t q = 0; q < COLS; q++) {
				if (q == p || isnan(r.pci[q]))
					continue;
				num += r.m[c * COLS + q] * r.proximity[p * COLS + q];
				den += r.proximity[p * COLS + q];
			}
			assert_true(fabs(r.density[c * COLS + p] - num / den) < 1e-12);
		}
	}
	ec_cx_release(&r);
	free(x);
}

static void test_network(void **state)
{
	const double N = NAN;
	const double phi[25] = {
		1,   0.9, 0.65, 0.2, N,
		0.9, 1,   0.7,  0.5, N,
		0.65, 0.7, 1,   0.6, N,
		0.2, 0.5, 0.6,  1,   N,
		N,   N,   N,    N,   N,
	};
	struct ec_cx_edge *e;
	size_t n;

	(void)state;
	n = ec_cx_network(phi, 5, 0.5, 10, &e);
	assert_int_equal(n, 5);
	assert_int_equal(e[0].p, 0), assert_int_equal(e[0].q, 1), assert_true(e[0].tree);
	assert_int_equal(e[1].p, 1), assert_int_equal(e[1].q, 2), assert_true(e[1].tree);
	assert_int_equal(e[2].p, 2), assert_int_equal(e[2].q, 3), assert_true(e[2].tree);
	assert_int_equal(e[3].p, 0), assert_int_equal(e[3].q, 2), assert_false(e[3].tree);
	assert_int_equal(e[4].p, 1), assert_int_equal(e[4].q, 3), assert_false(e[4].tree);
	assert_true(e[3].phi == 0.65);
	free(e);
	n = ec_cx_network(phi, 5, 0.5, 1, &e);
	assert_int_equal(n, 4);
	assert_int_equal(e[3].q, 2);
	free(e);
	/* Nothing links the third to the others: a forest of two trees, and no
	** link of proximity 0. */
	{
		const double apart[9] = { 1, 0.4, 0, 0.4, 1, 0, 0, 0, 1 };
		n = ec_cx_network(apart, 3, 0.99, 10, &e);
		assert_int_equal(n, 1);
		assert_int_equal(e[0].p, 0), assert_int_equal(e[0].q, 1);
		free(e);
	}
}

/* Priorities on a result made by hand: one region lacking 21 categories.
** Growth 0, 1, ..., 19 % and one of 1 000 %: winsorised at the 5th and 95th
** percentiles (type 7 over 21 values: the 2nd smallest, 1, and the 2nd
** largest, 19) the values are 1, 1, 2, ..., 19, 19: mean 210 / 21 = 10,
** sum of squares 2 x 285 + 81 + 81 = 732, sample sd sqrt(732 / 20). So the
** outlier's z is 9 / sqrt(36.6) = 1.4878, the same as 19 %'s, not the 4.3
** it would have unwinsorised; its growth is still shown as 1 000 %. */
static void test_priorities_winsorised(void **state)
{
	enum { NCAT = 21 };
	double rca[NCAT], density[NCAT], pci[NCAT], cog[NCAT], growth[NCAT];
	uint8_t m[NCAT] = { 0 };
	struct ec_cx_result cx = { .nr = 1, .np = NCAT, .rca = rca, .m = m, .pci = pci, .density = density, .cog = cog };
	struct ec_priority_weights w = { .growth = 1 };
	struct ec_priority out[NCAT];
	double sd = sqrt(732.0 / 20);
	size_t n;

	(void)state;
	for (size_t p = 0; p < NCAT; p++) {
		rca[p] = 0.5;
		density[p] = pci[p] = cog[p] = 0.1 * (double)p;
		growth[p] = p == NCAT - 1 ? 1000 : (double)p;
	}
	n = ec_priorities(&cx, growth, 0, &w, out);
	assert_int_equal(n, NCAT);
	for (size_t i = 0; i < n; i++) {
		double g = growth[out[i].p], want = ((g < 1 ? 1 : g > 19 ? 19 : g) - 10) / sd;
		close_rel(want, out[i].z[3], 1e-12, "growth z");
		close_rel(want, out[i].score, 1e-12, "score");
		close_rel(g, out[i].value[3], 0, "growth shown");
	}
	/* the outlier and 19 % share the top: ahead of them nothing */
	assert_true(fabs(out[0].score - 9 / sd) < 1e-12 && fabs(out[1].score - 9 / sd) < 1e-12);
	/* a missing growth counts as the mean (z = 0) and moves nothing else */
	growth[3] = NAN;
	n = ec_priorities(&cx, growth, 0, &w, out);
	for (size_t i = 0; i < n; i++)
		if (out[i].p == 3)
			assert_true(out[i].z[3] == 0);
}

static void test_refusals(void **state)
{
	const double neg[4] = { 1, -1, 1, 1 }, flat[4] = { 1, 1, 1, 1 };
	struct ec_cx_result r;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_cx_compute(neg, 2, 2, NULL, &r, &err), EC_EUSAGE);
	free(err);
	assert_int_equal(ec_cx_compute(flat, 0, 2, NULL, &r, &err), EC_EUSAGE);
	free(err);
	/* all RCA = 1: every cell is Mcp 1, diversity 2 everywhere; fine */
	assert_int_equal(ec_cx_compute(flat, 2, 2, NULL, &r, &err), EC_OK);
	ec_cx_release(&r);
	{
		const double one_region[4] = { 1, 1, 0, 0 };
		assert_int_equal(ec_cx_compute(one_region, 2, 2, NULL, &r, &err), EC_EDATA);
		free(err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stata_ground_truth),
		cmocka_unit_test(test_reflections),
		cmocka_unit_test(test_fitness),
		cmocka_unit_test(test_lq),
		cmocka_unit_test(test_concentration),
		cmocka_unit_test(test_specialisation),
		cmocka_unit_test(test_ellison_glaeser),
		cmocka_unit_test(test_rca_on_cores),
		cmocka_unit_test(test_density_on_cores),
		cmocka_unit_test(test_network),
		cmocka_unit_test(test_priorities_winsorised),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
