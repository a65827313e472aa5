/* Unit tests of the evaluation: the worked example of docs/methods.md
** (entropy weights, TOPSIS and tiers computed by hand), Saaty's AHP cases
** and the Wikipedia leader example, Hwang & Yoon's fighter aircraft TOPSIS
** example, ties, constant columns, bad input, and the indicator system
** file with its built-in default, checked against its documentation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/evaluate.h"
#include "echelon/problem.h"

#define CLOSE(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))


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

static void assert_prefix(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", s, prefix);
}

/* ---- the worked example (docs/methods.md, "Worked example") ----
**
**             value_added  energy_per_va  standards_led
**             (benefit)    (cost)         (benefit)
**   A             10            5              2
**   B             20            3              2
**   C             40            1              2
**   D             20            3              2
**
** Entropy, by hand:
**   value_added: min 10, max 40; x' = 0, 1/3, 1, 1/3; sum 5/3;
**     p = 0, 0.2, 0.6, 0.2;
**     e = (0.4 ln 5 + 0.6 ln(5/3)) / ln 4 = (0.643775 + 0.306495) / 1.386294
**       = 0.685475; d = 0.314525
**   energy_per_va (cost): x' = (5 - x) / 4 = 0, 0.5, 1, 0.5; sum 2;
**     p = 0, 0.25, 0.5, 0.25; e = (0.5 ln 4 + 0.5 ln 2) / ln 4 = 0.75 exactly;
**     d = 0.25
**   standards_led: constant: weight 0, reported.
**   w = 0.314525 / 0.564525, 0.25 / 0.564525, 0 = 0.557150, 0.442850, 0
**
** TOPSIS with those weights, by hand:
**   norms: sqrt(100 + 400 + 1600 + 400) = 50; sqrt(25 + 9 + 1 + 9) = sqrt 44
**     = 6.633250; standards_led 4 (weight 0)
**   v(value_added)   = w1 * (0.2, 0.4, 0.8, 0.4) = 0.111430, 0.222860, 0.445720, 0.222860
**   v(energy_per_va) = w2 * (0.753778, 0.452267, 0.150756, 0.452267)
**                    = 0.333811, 0.200287, 0.066762, 0.200287
**   ideal best = C (0.445720, 0.066762), ideal worst = A (0.111430, 0.333811)
**   A: D+ = sqrt(0.334290^2 + 0.267049^2) = 0.427861, D- = 0,        C = 0
**   B: D+ = sqrt(0.222860^2 + 0.133525^2) = 0.259799,
**      D- = sqrt(0.111430^2 + 0.133525^2) = 0.173912, C = 0.400986
**   C: D+ = 0, D- = 0.427861, C = 1
**   D: as B; the tie goes to the lower index: B rank 2, D rank 3.
** Tiers with counts 1, 1, 1: C base, B cluster, D ecosystem, A none.
** Previous ranks A 2, B 3, C 1, D unranked: A down 2, B up 1, C same, D new. */
static const double example_values[] = { 10, 5, 2, 20, 3, 2, 40, 1, 2, 20, 3, 2 };
static const enum ec_indicator_direction example_directions[] = { EC_BENEFIT, EC_COST, EC_BENEFIT };
static const char *const example_indicators[] = { "value_added", "energy_per_va", "standards_led" };
static const char *const example_alternatives[] = { "A", "B", "C", "D" };

static struct ec_decision_matrix example_matrix(void)
{
	struct ec_decision_matrix dm = { 4, 3, example_values, example_directions, example_alternatives,
					 example_indicators };
	return dm;
}

static void test_worked_example(void **state)
{
	struct ec_decision_matrix dm = example_matrix();
	double w[3], e[3];
	unsigned char constant[3];
	struct ec_topsis t;
	struct ec_tier_counts counts = { 1, 1, 1 };
	struct ec_placement p[4];
	size_t previous[4] = { 2, 3, 1, 0 };
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_entropy(&dm, w, e, constant, &err), EC_OK);
	CLOSE(e[0], (0.4 * log(5) + 0.6 * log(5.0 / 3)) / log(4), 1e-12);
	CLOSE(e[0], 0.685475, 1e-6);
	CLOSE(e[1], 0.75, 1e-12);
	CLOSE(e[2], 1, 0);
	assert_int_equal(constant[0], 0);
	assert_int_equal(constant[1], 0);
	assert_int_equal(constant[2], 1);
	CLOSE(w[0], 0.557150, 1e-6);
	CLOSE(w[1], 0.442850, 1e-6);
	CLOSE(w[2], 0, 0);
	CLOSE(w[0] + w[1] + w[2], 1, 1e-12);

	assert_int_equal(ec_evaluate_topsis(&dm, w, &t, &err), EC_OK);
	assert_int_equal(t.n, 4);
	CLOSE(t.distance_best[0], 0.427861, 1e-6);
	CLOSE(t.distance_worst[0], 0, 1e-12);
	CLOSE(t.closeness[0], 0, 1e-12);
	CLOSE(t.distance_best[1], 0.259799, 1e-6);
	CLOSE(t.distance_worst[1], 0.173912, 1e-6);
	CLOSE(t.closeness[1], 0.400986, 1e-6);
	CLOSE(t.closeness[2], 1, 1e-12);
	CLOSE(t.distance_worst[2], 0.427861, 1e-6);
	assert_true(t.closeness[3] == t.closeness[1]);
	assert_int_equal(t.rank[0], 4);
	assert_int_equal(t.rank[1], 2);
	assert_int_equal(t.rank[2], 1);
	assert_int_equal(t.rank[3], 3);
	assert_int_equal(t.order[0], 2);
	assert_int_equal(t.order[1], 1);
	assert_int_equal(t.order[2], 3);
	assert_int_equal(t.order[3], 0);

	assert_int_equal(ec_evaluate_tiers(t.rank, previous, 4, &counts, p, &err), EC_OK);
	assert_int_equal(p[2].tier, EC_RECOMMEND_BASE);
	assert_int_equal(p[1].tier, EC_RECOMMEND_CLUSTER);
	assert_int_equal(p[3].tier, EC_RECOMMEND_ECOSYSTEM);
	assert_int_equal(p[0].tier, EC_RECOMMEND_NONE);
	assert_int_equal(p[0].movement, EC_MOVE_DOWN);
	assert_int_equal(p[0].rank_change, -2);
	assert_int_equal(p[0].previous_tier, EC_RECOMMEND_CLUSTER);
	assert_int_equal(p[1].movement, EC_MOVE_UP);
	assert_int_equal(p[1].rank_change, 1);
	assert_int_equal(p[2].movement, EC_MOVE_SAME);
	assert_int_equal(p[2].rank_change, 0);
	assert_int_equal(p[3].movement, EC_MOVE_NEW);
	assert_int_equal(p[3].previous_rank, 0);
	assert_int_equal(p[3].previous_tier, EC_RECOMMEND_NONE);
	assert_string_equal(ec_evaluate_tier_name(p[0].tier), "none");
	assert_string_equal(ec_evaluate_tier_name(p[3].tier), "ecosystem");
	assert_string_equal(ec_evaluate_movement_name(p[3].movement), "new");
	assert_string_equal(ec_evaluate_movement_name(p[0].movement), "down");
	ec_evaluate_topsis_release(&t);
	assert_null(err);
}

/* ---- entropy: constant columns and errors ---- */

static void test_entropy_edges(void **state)
{
	/* A column that differs only in the 16th digit is constant; the other
	** column, with two alternatives, has p = (0, 1), e = 0, d = 1. */
	static const double values[] = { 0.3, 1, 0.1 + 0.2, 2 };
	static const enum ec_indicator_direction dirs[] = { EC_BENEFIT, EC_COST };
	struct ec_decision_matrix dm = { 2, 2, values, dirs, NULL, NULL };
	double w[2] = { -1, -1 }, e[2];
	unsigned char constant[2];
	char *err = NULL;
	(void)state;

	assert_true(0.1 + 0.2 != 0.3);
	assert_int_equal(ec_evaluate_entropy(&dm, w, e, constant, &err), EC_OK);
	assert_int_equal(constant[0], 1);
	assert_int_equal(constant[1], 0);
	CLOSE(w[0], 0, 0);
	CLOSE(w[1], 1, 1e-15);
	CLOSE(e[1], 0, 1e-15);

	/* Fewer than 2 alternatives. */
	dm.nalternatives = 1;
	assert_int_equal(ec_evaluate_entropy(&dm, w, NULL, NULL, &err), EC_EDATA);
	assert_string_equal(said(err), "the entropy method needs at least 2 alternatives, got 1");
	assert_string_equal(said_in(err, EC_LANG_ZH), "熵权法至少需要 2 个评价对象，现有 1 个");
	free(err);

	/* Every indicator constant: an error, the OUT array untouched. */
	{
		static const double flat[] = { 1, 2, 1, 2, 1, 2 };
		struct ec_decision_matrix f = { 3, 2, flat, dirs, NULL, NULL };
		w[0] = w[1] = -1;
		assert_int_equal(ec_evaluate_entropy(&f, w, NULL, NULL, &err), EC_EDATA);
		assert_string_equal(said(err), "every indicator has the same value for all 3 alternatives: the entropy "
					 "method cannot tell them apart");
		free(err);
		CLOSE(w[0], -1, 0);
	}

	/* A value that is not finite, named by alternative and indicator. */
	{
		double bad[] = { 1, 2, 3, NAN };
		static const char *const alts[] = { "suzhou_bio", "wuxi_iot" };
		static const char *const inds[] = { "value_added", "patents_per_1000" };
		struct ec_decision_matrix b = { 2, 2, bad, dirs, alts, inds };
		assert_int_equal(ec_evaluate_entropy(&b, w, NULL, NULL, &err), EC_EDATA);
		assert_string_equal(said(err), "wuxi_iot, patents_per_1000: value NaN is not finite");
		free(err);
		b.alternative_names = NULL;
		b.indicator_names = NULL;
		bad[3] = INFINITY;
		assert_int_equal(ec_evaluate_entropy(&b, w, NULL, NULL, &err), EC_EDATA);
		assert_string_equal(said(err), "alternative 2, indicator 2: value inf is not finite");
		free(err);
	}

	/* No indicators. */
	dm.nalternatives = 2;
	dm.nindicators = 0;
	assert_int_equal(ec_evaluate_entropy(&dm, w, NULL, NULL, &err), EC_EUSAGE);
	free(err);
}

/* ---- AHP ---- */

/* Saaty's consistent 3 x 3 (a_ij = w_i / w_j with w = 4 : 2 : 1): the
** weights are exact, lambda_max = m, CI = CR = 0. */
static void test_ahp_consistent(void **state)
{
	static const double a[] = { 1, 2, 4, 0.5, 1, 2, 0.25, 0.5, 1 };
	double w[3];
	struct ec_ahp c;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_ahp(a, 3, NULL, w, &c, &err), EC_OK);
	CLOSE(w[0], 4.0 / 7, 1e-12);
	CLOSE(w[1], 2.0 / 7, 1e-12);
	CLOSE(w[2], 1.0 / 7, 1e-12);
	CLOSE(c.lambda_max, 3, 1e-12);
	CLOSE(c.ci, 0, 1e-12);
	CLOSE(c.cr, 0, 1e-12);
	CLOSE(c.ri, 0.58, 0);
	assert_null(err);
}

/* The criteria of the "choosing a leader" example (Wikipedia, "Analytic
** hierarchy process - leader example", after Saaty): experience,
** education, charisma, age. Published priorities .547, .127, .270, .056;
** the principal eigenvector is 0.547569, 0.126555, 0.269950, 0.055926 (the
** article's .547 is truncated, not rounded), so they are checked to 1e-3.
** lambda_max = 4.118418024313 is the largest root of det(A - lambda I),
** found by bisection in exact rational arithmetic; CI = 0.039473,
** CR = CI / 0.90 = 0.043859 (< 0.10: acceptable). */
static void test_ahp_leader(void **state)
{
	static const double a[] = {
		1,       4,       3,       7,
		1.0 / 4, 1,       1.0 / 3, 3,
		1.0 / 3, 3,       1,       5,
		1.0 / 7, 1.0 / 3, 1.0 / 5, 1,
	};
	static const char *const names[] = { "experience", "education", "charisma", "age" };
	double w[4];
	struct ec_ahp c;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_ahp(a, 4, names, w, &c, &err), EC_OK);
	CLOSE(w[0], 0.547, 1e-3);
	CLOSE(w[1], 0.127, 1e-3);
	CLOSE(w[2], 0.270, 1e-3);
	CLOSE(w[3], 0.056, 1e-3);
	CLOSE(w[0], 0.547569, 1e-6);
	CLOSE(w[3], 0.055926, 1e-6);
	CLOSE(w[0] + w[1] + w[2] + w[3], 1, 1e-12);
	CLOSE(c.lambda_max, 4.118418024313, 1e-10);
	CLOSE(c.ci, 0.0394726748, 1e-9);
	CLOSE(c.cr, 0.0438585275, 1e-9);
	assert_null(err);
}

/* A cyclic matrix: 1 beats 2 by 3, 2 beats 3 by 3, 3 beats 1 by 3. By
** symmetry w = 1/3 each; A w = (1 + 3 + 1/3) w, so lambda_max = 13/3,
** CI = (13/3 - 3) / 2 = 2/3, CR = (2/3) / 0.58 = 1.149425. The error
** still fills the weights and the consistency. */
static void test_ahp_inconsistent(void **state)
{
	static const double a[] = { 1, 3, 1.0 / 3, 1.0 / 3, 1, 3, 3, 1.0 / 3, 1 };
	double w[4];
	struct ec_ahp c;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_ahp(a, 3, NULL, w, &c, &err), EC_EDATA);
	assert_prefix(said(err), "consistency ratio 1.15 ≥ 0.10: the comparisons contradict each other; revise the matrix");
	free(err);
	CLOSE(w[0], 1.0 / 3, 1e-12);
	CLOSE(w[1], 1.0 / 3, 1e-12);
	CLOSE(w[2], 1.0 / 3, 1e-12);
	CLOSE(c.lambda_max, 13.0 / 3, 1e-12);
	CLOSE(c.ci, 2.0 / 3, 1e-12);
	CLOSE(c.cr, 2.0 / 3 / 0.58, 1e-12);

	/* Mildly inconsistent 4 x 4: the leader matrix with education now
	** strongly above charisma (5 instead of 1/3). */
	{
		static const double b[] = {
			1,       4,   3,   7,
			1.0 / 4, 1,   5,   3,
			1.0 / 3, 0.2, 1,   5,
			1.0 / 7, 1.0 / 3, 0.2, 1,
		};
		static const char *const names[] = { "experience", "education", "charisma", "age" };
		assert_int_equal(ec_evaluate_ahp(b, 4, names, w, &c, &err), EC_EDATA);
		assert_true(c.cr >= 0.1);
		assert_prefix(said(err), "consistency ratio ");
		assert_non_null(strstr(said(err), "the comparisons contradict each other; revise the matrix, first "));
		free(err);
	}
}

static void test_ahp_bad_input(void **state)
{
	double w[16] = { -1 };
	struct ec_ahp c;
	char *err = NULL;
	(void)state;

	/* Not reciprocal: reported at the later entry of the pair. */
	{
		static const double a[] = { 1, 2, 4, 0.5, 1, 2, 0.25, 0.4, 1 };
		static const char *const names[] = { "scale", "growth", "service" };
		assert_int_equal(ec_evaluate_ahp(a, 3, names, w, &c, &err), EC_EDATA);
		assert_string_equal(said(err), "pairwise comparison row 3, column 2 (service against growth): 0.4 is not the "
					 "reciprocal of 2 in row 2, column 3; expected 0.5");
		free(err);
		CLOSE(w[0], -1, 0);
	}
	/* Fractions typed to 7 digits are reciprocal enough; to 3 they are not. */
	{
		double a[] = { 1, 3, 0.3333333, 1 };
		assert_int_equal(ec_evaluate_ahp(a, 2, NULL, w, &c, &err), EC_OK);
		CLOSE(w[0], 0.75, 1e-6);
		CLOSE(c.cr, 0, 0);
		a[2] = 0.333;
		assert_int_equal(ec_evaluate_ahp(a, 2, NULL, w, &c, &err), EC_EDATA);
		assert_prefix(said(err), "pairwise comparison row 2, column 1 (indicator 2 against indicator 1): 0.333 is not");
		free(err);
	}
	/* Diagonal, sign, NaN. */
	{
		double a[] = { 1, 2, 0.5, 2 };
		assert_int_equal(ec_evaluate_ahp(a, 2, NULL, w, &c, &err), EC_EDATA);
		assert_string_equal(said(err), "pairwise comparison row 2, column 2 (indicator 2 against itself): 2; expected "
					 "1 on the diagonal");
		free(err);
		a[3] = 1, a[1] = -2;
		assert_int_equal(ec_evaluate_ahp(a, 2, NULL, w, &c, &err), EC_EDATA);
		assert_string_equal(said(err), "pairwise comparison row 1, column 2 (indicator 1 against indicator 2): -2; "
					 "expected a positive number");
		free(err);
		a[1] = NAN;
		assert_int_equal(ec_evaluate_ahp(a, 2, NULL, w, &c, &err), EC_EDATA);
		free(err);
	}
	/* Sizes. */
	{
		static double big[16 * 16];
		double one = 1;
		for (int i = 0; i < 16 * 16; i++)
			big[i] = 1;
		assert_int_equal(ec_evaluate_ahp(big, 16, NULL, w, &c, &err), EC_ELIMIT);
		assert_prefix(said(err), "pairwise comparison of 16 indicators: at most 15");
		free(err);
		assert_int_equal(ec_evaluate_ahp(big, 15, NULL, w, &c, &err), EC_OK);
		CLOSE(w[14], 1.0 / 15, 1e-12);
		CLOSE(c.ri, 1.59, 0);
		CLOSE(c.cr, 0, 1e-12);
		assert_int_equal(ec_evaluate_ahp(&one, 1, NULL, w, &c, &err), EC_OK);
		CLOSE(w[0], 1, 0);
		assert_int_equal(ec_evaluate_ahp(&one, 0, NULL, w, &c, &err), EC_EUSAGE);
		free(err);
	}
}

/* ---- fixed and combined weights ---- */

static void test_fixed_and_combined(void **state)
{
	static const char *const names[] = { "value_added", "lq", "standards_led" };
	double given[3] = { 2, 1, 1 }, w[3], subjective[3] = { 0.5, 0.25, 0.25 };
	double objective[3] = { 20, 30, 50 }; /* normalised to 0.2, 0.3, 0.5 */
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_fixed(given, 3, names, w, &err), EC_OK);
	CLOSE(w[0], 0.5, 1e-12);
	CLOSE(w[1], 0.25, 1e-12);
	/* in place */
	assert_int_equal(ec_evaluate_fixed(given, 3, names, given, &err), EC_OK);
	CLOSE(given[2], 0.25, 1e-12);

	/* alpha 0.4: 0.4 * (0.5, 0.25, 0.25) + 0.6 * (0.2, 0.3, 0.5) = (0.32, 0.28, 0.40) */
	assert_int_equal(ec_evaluate_combine(subjective, objective, 3, 0.4, w, &err), EC_OK);
	CLOSE(w[0], 0.32, 1e-12);
	CLOSE(w[1], 0.28, 1e-12);
	CLOSE(w[2], 0.40, 1e-12);
	assert_int_equal(ec_evaluate_combine(subjective, objective, 3, 1, w, &err), EC_OK);
	CLOSE(w[0], 0.5, 1e-12);
	assert_int_equal(ec_evaluate_combine(subjective, objective, 3, 0, w, &err), EC_OK);
	CLOSE(w[2], 0.5, 1e-12);

	assert_int_equal(ec_evaluate_combine(subjective, objective, 3, 1.5, w, &err), EC_EUSAGE);
	assert_string_equal(said(err), "combination: alpha 1.5 is outside 0..1");
	free(err);
	assert_int_equal(ec_evaluate_combine(subjective, objective, 3, NAN, w, &err), EC_EUSAGE);
	free(err);

	given[0] = -1;
	assert_int_equal(ec_evaluate_fixed(given, 3, names, w, &err), EC_EDATA);
	assert_string_equal(said(err), "fixed weight of value_added is -1; expected a finite number >= 0");
	free(err);
	given[0] = NAN;
	assert_int_equal(ec_evaluate_fixed(given, 3, NULL, w, &err), EC_EDATA);
	assert_string_equal(said(err), "fixed weight of indicator 1 is not given");
	free(err);
	given[0] = given[1] = given[2] = 0;
	w[0] = -7;
	assert_int_equal(ec_evaluate_fixed(given, 3, names, w, &err), EC_EDATA);
	assert_string_equal(said(err), "the fixed weights add up to 0; expected a positive finite sum");
	free(err);
	CLOSE(w[0], -7, 0);
	objective[1] = INFINITY;
	assert_int_equal(ec_evaluate_combine(subjective, objective, 3, 0.5, w, &err), EC_EDATA);
	assert_prefix(said(err), "objective weight of indicator 2 is inf");
	free(err);
}

/* ---- TOPSIS ---- */

/* Hwang, C.-L. & Yoon, K. (1981). Multiple Attribute Decision Making:
** Methods and Applications. Springer, pp. 133-134: the fighter aircraft
** example. Attributes: maximum speed (Mach), ferry range (NM), maximum
** payload (lb), acquisition cost (million $, the one cost attribute),
** reliability and maneuverability (qualitative, on the book's 1-9 scale).
** Weights 0.2, 0.1, 0.1, 0.1, 0.2, 0.3. Published (4 decimals, computed
** from intermediates rounded to 4 decimals):
**   D+ = 0.0545, 0.1197, 0.0580, 0.1009
**   D- = 0.0983, 0.0439, 0.0920, 0.0458
**   C  = 0.643,  0.268,  0.613,  0.312   ranking A1 > A3 > A4 > A2
** In full precision C3 = 0.61354 and D+1 = 0.05456: the book's rounding of
** intermediates moves the last digit, so distances are checked to 2e-4 and
** closeness to 1e-3. */
static void test_topsis_hwang_yoon(void **state)
{
	static const double x[] = {
		2.0, 1500, 20000, 5.5, 5, 9,
		2.5, 2700, 18000, 6.5, 3, 5,
		1.8, 2000, 21000, 4.5, 7, 7,
		2.2, 1800, 20000, 5.0, 5, 5,
	};
	static const enum ec_indicator_direction dirs[] = { EC_BENEFIT, EC_BENEFIT, EC_BENEFIT,
							     EC_COST,    EC_BENEFIT, EC_BENEFIT };
	static const double weight[] = { 0.2, 0.1, 0.1, 0.1, 0.2, 0.3 };
	static const double d_best[] = { 0.0545, 0.1197, 0.0580, 0.1009 };
	static const double d_worst[] = { 0.0983, 0.0439, 0.0920, 0.0458 };
	static const double closeness[] = { 0.643, 0.268, 0.613, 0.312 };
	static const size_t rank[] = { 1, 4, 2, 3 };
	struct ec_decision_matrix dm = { 4, 6, x, dirs, NULL, NULL };
	struct ec_topsis t;
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_topsis(&dm, weight, &t, &err), EC_OK);
	for (size_t i = 0; i < 4; i++) {
		CLOSE(t.distance_best[i], d_best[i], 2e-4);
		CLOSE(t.distance_worst[i], d_worst[i], 2e-4);
		CLOSE(t.closeness[i], closeness[i], 1e-3);
		assert_int_equal(t.rank[i], rank[i]);
	}
	ec_evaluate_topsis_release(&t);

	/* Weights scaled by 10 give the same closeness. */
	{
		double scaled[6];
		struct ec_topsis u;
		for (int j = 0; j < 6; j++)
			scaled[j] = weight[j] * 10;
		assert_int_equal(ec_evaluate_topsis(&dm, weight, &t, &err), EC_OK);
		assert_int_equal(ec_evaluate_topsis(&dm, scaled, &u, &err), EC_OK);
		for (int i = 0; i < 4; i++)
			CLOSE(t.closeness[i], u.closeness[i], 1e-12);
		ec_evaluate_topsis_release(&t);
		ec_evaluate_topsis_release(&u);
	}
}

static void test_topsis_ties_and_edges(void **state)
{
	static const enum ec_indicator_direction dirs[] = { EC_BENEFIT, EC_COST };
	static const double w[] = { 1, 1 };
	struct ec_topsis t;
	char *err = NULL;
	(void)state;

	/* Every alternative alike: the ideals coincide, D+ = D- = 0, C = 0.5,
	** ranks by index. A column of zeros contributes nothing. */
	{
		static const double x[] = { 3, 0, 3, 0, 3, 0 };
		struct ec_decision_matrix dm = { 3, 2, x, dirs, NULL, NULL };
		assert_int_equal(ec_evaluate_topsis(&dm, w, &t, &err), EC_OK);
		for (size_t i = 0; i < 3; i++) {
			CLOSE(t.closeness[i], 0.5, 0);
			assert_int_equal(t.rank[i], i + 1);
		}
		ec_evaluate_topsis_release(&t);
	}
	/* Ties that are equal only up to rounding count as ties: the cost
	** column mirrors the benefit column, so alternatives 1 and 3 (0-based)
	** sit symmetrically and tie at 0.5 in exact arithmetic. */
	{
		static const double x[] = { 1, 1, 2, 2, 3, 3, 2, 2 };
		struct ec_decision_matrix dm = { 4, 2, x, dirs, NULL, NULL };
		assert_int_equal(ec_evaluate_topsis(&dm, w, &t, &err), EC_OK);
		for (size_t i = 0; i < 4; i++)
			CLOSE(t.closeness[i], 0.5, 1e-12);
		assert_int_equal(t.rank[0], 1);
		assert_int_equal(t.rank[1], 2);
		assert_int_equal(t.rank[2], 3);
		assert_int_equal(t.rank[3], 4);
		ec_evaluate_topsis_release(&t);
	}
	/* Negative values (a falling growth rate) rank below positive ones. */
	{
		static const double x[] = { -5, 1, 10, 1, 0, 1 };
		struct ec_decision_matrix dm = { 3, 2, x, dirs, NULL, NULL };
		assert_int_equal(ec_evaluate_topsis(&dm, w, &t, &err), EC_OK);
		assert_int_equal(t.rank[0], 3);
		assert_int_equal(t.rank[1], 1);
		assert_int_equal(t.rank[2], 2);
		CLOSE(t.closeness[0], 0, 1e-12);
		CLOSE(t.closeness[1], 1, 1e-12);
		CLOSE(t.closeness[2], 1.0 / 3, 1e-12);
		ec_evaluate_topsis_release(&t);
	}
	/* No alternatives: an empty result. */
	{
		struct ec_decision_matrix dm = { 0, 2, NULL, dirs, NULL, NULL };
		assert_int_equal(ec_evaluate_topsis(&dm, w, &t, &err), EC_OK);
		assert_int_equal(t.n, 0);
		ec_evaluate_topsis_release(&t);
	}
	/* Bad weights and values: an error, *out untouched. */
	{
		static const double x[] = { 1, 2, 3, 4 };
		static const double zero[] = { 0, 0 }, negative[] = { 1, -1 };
		static const char *const names[] = { "lq", "park_area_km2" };
		double y[] = { 1, 2, INFINITY, 4 };
		struct ec_decision_matrix dm = { 2, 2, x, dirs, NULL, names };
		memset(&t, 0, sizeof t);
		assert_int_equal(ec_evaluate_topsis(&dm, zero, &t, &err), EC_EDATA);
		assert_string_equal(said(err), "the TOPSIS weights add up to 0; expected a positive finite sum");
		free(err);
		assert_int_equal(ec_evaluate_topsis(&dm, negative, &t, &err), EC_EDATA);
		assert_string_equal(said(err), "TOPSIS weight of park_area_km2 is -1; expected a finite number >= 0");
		free(err);
		dm.values = y;
		assert_int_equal(ec_evaluate_topsis(&dm, w, &t, &err), EC_EDATA);
		assert_string_equal(said(err), "alternative 2, lq: value inf is not finite");
		free(err);
		assert_null(t.closeness);
	}
}

/* ---- tiers ---- */

static void test_tiers(void **state)
{
	/* counts 2, 3, 4 over 10 alternatives: ranks 1-2 base, 3-5 cluster,
	** 6-9 ecosystem, 10 none. */
	size_t rank[10] = { 10, 1, 2, 3, 5, 4, 6, 9, 8, 7 };
	size_t previous[10] = { 9, 1, 3, 2, 0, 4, 12, 9, 8, 0 };
	struct ec_tier_counts counts = { 2, 3, 4 };
	struct ec_placement p[10];
	static const enum ec_recommended_tier tier[10] = {
		EC_RECOMMEND_NONE,    EC_RECOMMEND_BASE,      EC_RECOMMEND_BASE,      EC_RECOMMEND_CLUSTER,
		EC_RECOMMEND_CLUSTER, EC_RECOMMEND_CLUSTER,   EC_RECOMMEND_ECOSYSTEM, EC_RECOMMEND_ECOSYSTEM,
		EC_RECOMMEND_ECOSYSTEM, EC_RECOMMEND_ECOSYSTEM,
	};
	static const enum ec_movement movement[10] = { EC_MOVE_DOWN, EC_MOVE_SAME, EC_MOVE_UP,   EC_MOVE_DOWN,
						       EC_MOVE_NEW,  EC_MOVE_SAME, EC_MOVE_UP,   EC_MOVE_SAME,
						       EC_MOVE_SAME, EC_MOVE_NEW };
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_tiers(rank, previous, 10, &counts, p, &err), EC_OK);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(p[i].tier, tier[i]);
		assert_int_equal(p[i].movement, movement[i]);
	}
	assert_int_equal(p[6].rank_change, 6);
	assert_int_equal(p[6].previous_tier, EC_RECOMMEND_NONE); /* rank 12 was beyond the tiers */
	assert_int_equal(p[2].previous_tier, EC_RECOMMEND_CLUSTER);
	assert_int_equal(p[3].rank_change, -1);

	/* Default counts 10, 100, 1000; no previous year: all new. */
	{
		enum { N = 1200 };
		size_t *r = malloc(N * sizeof *r);
		struct ec_placement *q = malloc(N * sizeof *q);
		for (size_t i = 0; i < N; i++)
			r[i] = N - i;
		assert_int_equal(ec_evaluate_tiers(r, NULL, N, NULL, q, &err), EC_OK);
		assert_int_equal(q[N - 1].tier, EC_RECOMMEND_BASE);   /* rank 1 */
		assert_int_equal(q[N - 10].tier, EC_RECOMMEND_BASE);  /* rank 10 */
		assert_int_equal(q[N - 11].tier, EC_RECOMMEND_CLUSTER);
		assert_int_equal(q[N - 110].tier, EC_RECOMMEND_CLUSTER);
		assert_int_equal(q[N - 111].tier, EC_RECOMMEND_ECOSYSTEM);
		assert_int_equal(q[N - 1110].tier, EC_RECOMMEND_ECOSYSTEM);
		assert_int_equal(q[N - 1111].tier, EC_RECOMMEND_NONE); /* rank 1111 */
		assert_int_equal(q[0].movement, EC_MOVE_NEW);
		free(r);
		free(q);
	}
	/* Counts that would overflow are capped: everything is a base. */
	{
		struct ec_tier_counts huge = { (size_t)-1, (size_t)-1, (size_t)-1 };
		assert_int_equal(ec_evaluate_tiers(rank, NULL, 10, &huge, p, &err), EC_OK);
		assert_int_equal(p[0].tier, EC_RECOMMEND_BASE);
	}
	/* Ranks must be a permutation of 1..n. */
	rank[1] = 2;
	p[0].rank = 77;
	assert_int_equal(ec_evaluate_tiers(rank, previous, 10, &counts, p, &err), EC_EUSAGE);
	assert_string_equal(said(err), "alternative 3: rank 2 is given twice");
	free(err);
	assert_int_equal(p[0].rank, 77);
	rank[1] = 11;
	assert_int_equal(ec_evaluate_tiers(rank, previous, 10, &counts, p, &err), EC_EUSAGE);
	assert_string_equal(said(err), "alternative 2: rank 11 is outside 1..10");
	free(err);
}

/* ---- the indicator system file ---- */

static int parse(const char *text, struct ec_indicator_system *sys, struct ec_diag *d)
{
	return ec_evaluate_indicators_parse("indicators.csv", text, strlen(text), sys, d);
}

static void test_indicators_parse(void **state)
{
	struct ec_indicator_system sys = { NULL, 0, 0 };
	struct ec_diag d;
	(void)state;

	ec_diag_init(&d, 10);
	assert_int_equal(parse("indicator,group,direction,weight\n"
			       "value_added,scale,benefit,0.3\n"
			       "land_per_va,integration,cost,0.2\r\n"
			       "\n"
			       "standards_led,service,benefit,0.5\n",
			       &sys, &d),
			 EC_OK);
	assert_int_equal(d.total, 0);
	assert_int_equal(sys.n, 3);
	assert_int_equal(sys.has_weights, 1);
	assert_string_equal(sys.indicators[1].name, "land_per_va");
	assert_int_equal(sys.indicators[1].group, EC_GROUP_INTEGRATION);
	assert_int_equal(sys.indicators[1].direction, EC_COST);
	CLOSE(sys.indicators[2].weight, 0.5, 0);
	ec_evaluate_indicators_release(&sys);

	/* No weights: computed by a method. */
	assert_int_equal(parse("indicator,group,direction,weight\nlq,scale,benefit,\nva_growth_pct,growth,benefit,\n",
			       &sys, &d),
			 EC_OK);
	assert_int_equal(sys.has_weights, 0);
	assert_true(isnan(sys.indicators[0].weight));
	ec_evaluate_indicators_release(&sys);

	/* Field errors, each named by file, line and column; the file is
	** rejected as a whole and sys is untouched. */
	assert_int_equal(parse("indicator,group,direction,weight\n"
			       "value_added,scale,benefit,abc\n"
			       "lq,scael,benefit,1\n"
			       "rd,innovation,more,1\n"
			       "va_growth,growth,benefit,-0.5\n"
			       "Bad Name,growth,benefit,1\n"
			       "lq,scale,benefit,1\n"
			       "x,scale,benefit\n",
			       &sys, &d),
			 EC_EDATA);
	assert_int_equal(d.total, 6);
	assert_string_equal(d.messages[0], "indicators.csv:2: column weight: 'abc' is not a number");
	assert_string_equal(d.messages[1], "indicators.csv:3: column group: 'scael' is not a group (did you mean "
					   "scale?); expected innovation, integration, scenarios, service, scale or growth");
	assert_string_equal(d.messages[2], "indicators.csv:4: column direction: 'more', expected benefit or cost");
	assert_string_equal(d.messages[3], "indicators.csv:5: column weight: -0.5 is negative; expected a number >= "
					   "0, or empty when a weighting method computes it");
	assert_string_equal(d.messages[4], "indicators.csv:6: column indicator: 'Bad Name' is not a name (a "
					   "lowercase letter, then lowercase letters, digits and _, at most 31 bytes)");
	/* line 3 was rejected, so line 7's lq is the first */
	assert_string_equal(d.messages[5], "indicators.csv:8: expected 4 fields (indicator,group,direction,weight), found 3");
	assert_null(sys.indicators);
	ec_diag_clear(&d);

	assert_int_equal(parse("indicator,group,direction,weight\nlq,scale,benefit,1\nlq,growth,cost,1\n", &sys, &d),
			 EC_EDATA);
	assert_string_equal(d.messages[0], "indicators.csv:3: column indicator: 'lq' repeats line 2");
	ec_diag_clear(&d);

	/* Some weights given, some not. */
	assert_int_equal(parse("indicator,group,direction,weight\nlq,scale,benefit,1\nincubators,innovation,benefit,\n",
			       &sys, &d),
			 EC_EDATA);
	assert_string_equal(d.messages[0], "indicators.csv:3: column weight: empty, but line 2 gives a weight; give "
					   "every indicator a weight or none");
	ec_diag_clear(&d);
	assert_int_equal(parse("indicator,group,direction,weight\nlq,scale,benefit,\nincubators,innovation,benefit,2\n",
			       &sys, &d),
			 EC_EDATA);
	assert_string_equal(d.messages[0], "indicators.csv:3: column weight: a weight, but line 2 leaves it empty; "
					   "give every indicator a weight or none");
	ec_diag_clear(&d);

	/* All weights 0; no rows; a wrong header. */
	assert_int_equal(parse("indicator,group,direction,weight\nlq,scale,benefit,0\n", &sys, &d), EC_EDATA);
	assert_string_equal(d.messages[0], "indicators.csv: column weight: the weights add up to 0; give at least one "
					   "a positive weight");
	ec_diag_clear(&d);
	assert_int_equal(parse("indicator,group,direction,weight\n", &sys, &d), EC_EDATA);
	assert_string_equal(d.messages[0], "indicators.csv: no indicators after the header");
	ec_diag_clear(&d);
	assert_int_equal(parse("indicator,group,weight\nlq,scale,1\n", &sys, &d), EC_EDATA);
	assert_prefix(d.messages[0], "indicators.csv:1: header:");
	ec_diag_clear(&d);
	assert_int_equal(parse("", &sys, &d), EC_EDATA);
	ec_diag_clear(&d);

	/* More than EC_INDICATORS_MAX rows. */
	{
		struct ec_buf b;
		ec_buf_init(&b, 0);
		ec_buf_adds(&b, "indicator,group,direction,weight\n");
		for (int i = 0; i <= EC_INDICATORS_MAX; i++)
			ec_buf_printf(&b, "i%d,scale,benefit,\n", i);
		assert_int_equal(parse(b.data, &sys, &d), EC_EDATA);
		assert_string_equal(d.messages[0], "indicators.csv:66: more than 64 indicators");
		ec_buf_release(&b);
		ec_diag_clear(&d);
	}
	assert_null(sys.indicators);
	ec_diag_release(&d);
}

static void test_indicators_default(void **state)
{
	size_t n, per_group[EC_NGROUPS] = { 0 };
	const struct ec_indicator *def = ec_evaluate_indicators_default(&n);
	struct ec_indicator_system sys;
	struct ec_diag d;
	struct ec_buf b;
	(void)state;

	assert_true(n >= 12 && n <= EC_AHP_MAX);
	for (size_t i = 0; i < n; i++) {
		per_group[def[i].group]++;
		assert_true(isnan(def[i].weight));
	}
	for (int g = 0; g < EC_NGROUPS; g++)
		assert_true(per_group[g] > 0);

	/* format, then parse: the same table */
	ec_buf_init(&b, 0);
	ec_diag_init(&d, 5);
	assert_int_equal(ec_evaluate_indicators_format(def, n, &b), EC_OK);
	assert_int_equal(ec_evaluate_indicators_parse("default.csv", b.data, b.len, &sys, &d), EC_OK);
	assert_int_equal(sys.n, n);
	assert_int_equal(sys.has_weights, 0);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(sys.indicators[i].name, def[i].name);
		assert_int_equal(sys.indicators[i].group, def[i].group);
		assert_int_equal(sys.indicators[i].direction, def[i].direction);
	}
	ec_evaluate_indicators_release(&sys);
	ec_buf_release(&b);
	ec_diag_release(&d);
	{
		enum ec_indicator_group g;
		assert_int_equal(ec_evaluate_group_parse("scenarios", 9, &g), EC_OK);
		assert_int_equal(g, EC_GROUP_SCENARIOS);
		assert_int_equal(ec_evaluate_group_parse("scenario", 8, &g), EC_EDATA);
		assert_string_equal(ec_evaluate_group_name(EC_GROUP_INTEGRATION), "integration");
	}
}

/* The documented table of the default system (between the markers
** <!-- default-indicators:begin --> and <!-- default-indicators:end --> in
** docs/methods.md, or in docs/methods-evaluation.md before the merge) lists
** the built-in table row by row: "| `name` | group | direction | ...". */
static char *read_doc(const char *name)
{
	const char *data = getenv("EC_TEST_DATA");
	char path[4096];
	FILE *f;
	char *text;
	long size;

	if (data)
		snprintf(path, sizeof path, "%s/../../docs/%s", data, name);
	else {
		const char *slash = strrchr(__FILE__, '/');
		snprintf(path, sizeof path, "%.*s/../../docs/%s", slash ? (int)(slash - __FILE__) : 1,
			 slash ? __FILE__ : ".", name);
	}
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	text = calloc((size_t)size + 1, 1);
	if (fread(text, 1, (size_t)size, f) != (size_t)size)
		size = 0;
	fclose(f);
	text[size] = '\0';
	return text;
}

static void test_indicators_documented(void **state)
{
	static const char *const docs[] = { "methods.md", "methods-evaluation.md" };
	char *text = NULL, *begin = NULL, *end, *line;
	size_t n, row = 0;
	const struct ec_indicator *def = ec_evaluate_indicators_default(&n);
	(void)state;

	for (int k = 0; k < 2 && !begin; k++) {
		free(text);
		text = read_doc(docs[k]);
		begin = text ? strstr(text, "<!-- default-indicators:begin -->") : NULL;
	}
	if (!begin)
		fail_msg("the default indicator table is not in docs/methods.md nor docs/methods-evaluation.md");
	end = strstr(begin, "<!-- default-indicators:end -->");
	assert_non_null(end);
	*end = '\0';
	for (line = begin; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char name[64], group[32], direction[32];
		if (sscanf(line, "| `%63[^`]` | %31s | %31s |", name, group, direction) != 3)
			continue;
		if (row >= n)
			fail_msg("the documented table has more rows than the %zu built in", n);
		assert_string_equal(name, def[row].name);
		assert_string_equal(group, ec_evaluate_group_name(def[row].group));
		assert_string_equal(direction, ec_evaluate_direction_name(def[row].direction));
		row++;
	}
	assert_int_equal(row, n);
	free(text);
}

/* Winsorising, by hand: the column 1..10 and 1000 (n = 11) at 10 %: the
** quantiles (type 7) are 2 (h = 1.0) and 10 (h = 9.0): 1 becomes 2, 1000
** becomes 10, nothing else moves. */
static void test_winsorise(void **state)
{
	double v[11];
	(void)state;
	for (int i = 0; i < 10; i++)
		v[i] = i + 1;
	v[10] = 1000;
	assert_int_equal(ec_evaluate_winsorise(v, 11, 1, 0.1, 0.9), 2);
	assert_true(v[0] == 2 && v[1] == 2 && v[9] == 10 && v[10] == 10 && v[5] == 6);
	assert_int_equal(ec_evaluate_winsorise(v, 11, 1, 0, 1), 0);
}

/* With no spread every draw is the base ranking: the interval is the rank;
** with a spread, the interval holds the rank. */
static void test_sensitivity(void **state)
{
	const double x[8] = { 1, 9, 2, 8, 3, 3, 9, 1 }; /* 4 alternatives x 2 benefits */
	const enum ec_indicator_direction dir[2] = { EC_BENEFIT, EC_BENEFIT };
	const double w[2] = { 0.5, 0.5 };
	struct ec_decision_matrix dm = { 4, 2, x, dir, NULL, NULL };
	struct ec_topsis t;
	size_t lo[4], hi[4];
	char *err = NULL;
	(void)state;

	assert_int_equal(ec_evaluate_topsis(&dm, w, &t, &err), EC_OK);
	assert_int_equal(ec_evaluate_sensitivity(&dm, w, 0, 50, 1, lo, hi, &err), EC_OK);
	for (int i = 0; i < 4; i++)
		assert_true(lo[i] == t.rank[i] && hi[i] == t.rank[i]);
	assert_int_equal(ec_evaluate_sensitivity(&dm, w, 0.9, 200, 1, lo, hi, &err), EC_OK);
	for (int i = 0; i < 4; i++)
		assert_true(lo[i] <= t.rank[i] && t.rank[i] <= hi[i] && hi[i] <= 4);
	ec_evaluate_topsis_release(&t);
}

/* Alternative 0 is the best on the first indicator and the worst on the
** second (a cost: its 9 is the most expensive): a strength and a weakness. */
static void test_explain(void **state)
{
	const double x[6] = { 10, 9, 5, 1, 0, 5 };
	const enum ec_indicator_direction dir[2] = { EC_BENEFIT, EC_COST };
	const double w[2] = { 0.6, 0.4 };
	const char *names[2] = { "a", "b" };
	struct ec_decision_matrix dm = { 3, 2, x, dir, NULL, names };
	size_t s[2], wk[2], ns, nw;
	(void)state;

	ec_evaluate_explain(&dm, w, 0, 2, s, &ns, wk, &nw);
	assert_int_equal(ns, 1);
	assert_int_equal(s[0], 0);
	assert_int_equal(nw, 1);
	assert_int_equal(wk[0], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_entropy_edges),
		cmocka_unit_test(test_ahp_consistent),
		cmocka_unit_test(test_ahp_leader),
		cmocka_unit_test(test_ahp_inconsistent),
		cmocka_unit_test(test_ahp_bad_input),
		cmocka_unit_test(test_fixed_and_combined),
		cmocka_unit_test(test_topsis_hwang_yoon),
		cmocka_unit_test(test_topsis_ties_and_edges),
		cmocka_unit_test(test_tiers),
		cmocka_unit_test(test_indicators_parse),
		cmocka_unit_test(test_indicators_default),
		cmocka_unit_test(test_indicators_documented),
		cmocka_unit_test(test_winsorise),
		cmocka_unit_test(test_sensitivity),
		cmocka_unit_test(test_explain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
