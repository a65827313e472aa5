/*
** This is the implementation of the evaluation of the cluster echelon: the
** indicator system file, entropy, AHP, fixed and combined weights, TOPSIS,
** and tiers. Everything works on caller-owned arrays; nothing is half-written
** after an error. The formulas are in docs/methods.md.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/evaluate.h"

/* ---- names ---- */

static const char *const group_names[EC_NGROUPS] = { "innovation", "integration", "scenarios",
						      "service",    "scale",       "growth" };

const char *ec_evaluate_group_name(enum ec_indicator_group group)
{
	return (unsigned)group < EC_NGROUPS ? group_names[group] : "?";
}

int ec_evaluate_group_parse(const char *s, size_t n, enum ec_indicator_group *group)
{
	for (int g = 0; g < EC_NGROUPS; g++)
		if (strlen(group_names[g]) == n && memcmp(group_names[g], s, n) == 0) {
			*group = (enum ec_indicator_group)g;
			return EC_OK;
		}
	return EC_EDATA;
}

const char *ec_evaluate_direction_name(enum ec_indicator_direction direction)
{
	return direction == EC_COST ? "cost" : "benefit";
}

const char *ec_evaluate_tier_name(enum ec_recommended_tier tier)
{
	switch (tier) {
	case EC_RECOMMEND_BASE: return "base";
	case EC_RECOMMEND_CLUSTER: return "cluster";
	case EC_RECOMMEND_ECOSYSTEM: return "ecosystem";
	default: return "none";
	}
}

const char *ec_evaluate_movement_name(enum ec_movement movement)
{
	switch (movement) {
	case EC_MOVE_SAME: return "same";
	case EC_MOVE_UP: return "up";
	case EC_MOVE_DOWN: return "down";
	default: return "new";
	}
}

/* "rd_intensity" when names are given, else "indicator 3" (1-based). */
static const char *label(const char *const *names, size_t i, const char *kind, char *buf, size_t size)
{
	if (names && names[i])
		return names[i];
	snprintf(buf, size, "%s %zu", kind, i + 1);
	return buf;
}

/* ---- the indicator system ---- */

/* The built-in system: every figure the cluster indicators compute or the
** registry records by year, in the six groups. Documented in
** docs/methods.md; tests/unit/test_evaluate.c checks the two agree. */
static const struct ec_indicator default_indicators[] = {
	{ "value_added", EC_GROUP_SCALE, EC_BENEFIT, NAN },
	{ "enterprises_above_size", EC_GROUP_SCALE, EC_BENEFIT, NAN },
	{ "lq", EC_GROUP_SCALE, EC_BENEFIT, NAN },
	{ "va_growth_pct", EC_GROUP_GROWTH, EC_BENEFIT, NAN },
	{ "rd_intensity_pct", EC_GROUP_INNOVATION, EC_BENEFIT, NAN },
	{ "patents_per_1000", EC_GROUP_INNOVATION, EC_BENEFIT, NAN },
	{ "innovation_platforms", EC_GROUP_INNOVATION, EC_BENEFIT, NAN },
	{ "incubators", EC_GROUP_INNOVATION, EC_BENEFIT, NAN },
	{ "park_area_km2", EC_GROUP_INTEGRATION, EC_BENEFIT, NAN },
	{ "resident_population", EC_GROUP_INTEGRATION, EC_BENEFIT, NAN },
	{ "scenarios_published", EC_GROUP_SCENARIOS, EC_BENEFIT, NAN },
	{ "scenarios_landed", EC_GROUP_SCENARIOS, EC_BENEFIT, NAN },
	{ "service_platforms", EC_GROUP_SERVICE, EC_BENEFIT, NAN },
	{ "standards_led", EC_GROUP_SERVICE, EC_BENEFIT, NAN },
};

const struct ec_indicator *ec_evaluate_indicators_default(size_t *n)
{
	*n = sizeof default_indicators / sizeof default_indicators[0];
	return default_indicators;
}

void ec_evaluate_indicators_release(struct ec_indicator_system *sys)
{
	free(sys->indicators);
	sys->indicators = NULL;
	sys->n = 0;
	sys->has_weights = 0;
}

static int check_matrix(const struct ec_decision_matrix *dm, char **err)
{
	size_t n = dm->nalternatives, m = dm->nindicators;

	if (m == 0) {
		*err = ec_strdup("evaluate.no_indicators|method=matrix");
		return EC_EUSAGE;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++) {
			double v = dm->values[i * m + j];
			char a[32], b[32];
			if (isfinite(v))
				continue;
			*err = ec_asprintf("evaluate.not_finite|alternative=%s|indicator=%s|value=%s",
					   label(dm->alternative_names, i, "alternative", a, sizeof a),
					   label(dm->indicator_names, j, "indicator", b, sizeof b),
					   isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf");
			return EC_EDATA;
		}
	return EC_OK;
}

/* Weights >= 0, finite, not all 0. Returns 0 and their sum, or EC_EDATA. */
static int check_weights(const double *w, size_t m, const char *const *names, const char *what, double *sum,
			 char **err)
{
	double total = 0;

	for (size_t j = 0; j < m; j++) {
		char buf[32];
		if (isnan(w[j])) {
			*err = ec_asprintf("evaluate.weight_missing|weights=%s|indicator=%s", what,
					   label(names, j, "indicator", buf, sizeof buf));
			return EC_EDATA;
		}
		if (!isfinite(w[j]) || w[j] < 0) {
			*err = ec_asprintf("evaluate.weight_invalid|weights=%s|indicator=%s|value=%g", what,
					   label(names, j, "indicator", buf, sizeof buf), w[j]);
			return EC_EDATA;
		}
		total += w[j];
	}
	if (!(total > 0) || !isfinite(total)) {
		*err = ec_asprintf("evaluate.weight_sum|weights=%s|sum=%g", what, total);
		return EC_EDATA;
	}
	*sum = total;
	return EC_OK;
}

/* ---- entropy ---- */

/* Two values are the same when they agree to 12 significant digits: a
** column that differs only by rounding must not take all the weight. */
static int same_value(double lo, double hi)
{
	double scale = fmax(fabs(lo), fabs(hi));
	return hi - lo <= 1e-12 * scale;
}

int ec_evaluate_entropy(const struct ec_decision_matrix *dm, double *weight, double *entropy,
			unsigned char *constant, char **err)
{
	size_t n = dm->nalternatives, m = dm->nindicators;
	double *e = NULL, *dj = NULL, log_n, total = 0;
	int rc;

	if ((rc = check_matrix(dm, err)))
		return rc;
	if (n < 2) {
		*err = ec_asprintf("evaluate.few|count=%zu", n);
		return EC_EDATA;
	}
	e = ec_malloc(m * sizeof *e);
	dj = ec_malloc(m * sizeof *dj);
	log_n = log((double)n);
	for (size_t j = 0; j < m; j++) {
		double lo = INFINITY, hi = -INFINITY, sum = 0, h = 0;
		for (size_t i = 0; i < n; i++) {
			double v = dm->values[i * m + j];
			lo = fmin(lo, v);
			hi = fmax(hi, v);
		}
		if (same_value(lo, hi)) {
			e[j] = 1;
			dj[j] = 0;
			continue;
		}
		/* x' in [0, 1]: the best value 1, the worst 0. */
		for (size_t i = 0; i < n; i++)
			sum += dm->directions[j] == EC_COST ? (hi - dm->values[i * m + j]) / (hi - lo)
							    : (dm->values[i * m + j] - lo) / (hi - lo);
		for (size_t i = 0; i < n; i++) {
			double x = dm->directions[j] == EC_COST ? (hi - dm->values[i * m + j]) / (hi - lo)
								: (dm->values[i * m + j] - lo) / (hi - lo);
			double p = x / sum;
			if (p > 0) /* 0 ln 0 = 0 */
				h -= p * log(p);
		}
		e[j] = h / log_n;
		dj[j] = 1 - e[j];
		total += dj[j];
	}
	if (!(total > 0)) {
		*err = ec_asprintf("evaluate.constant|count=%zu", n);
		rc = EC_EDATA;
		goto out;
	}
	for (size_t j = 0; j < m; j++) {
		weight[j] = dj[j] / total;
		if (entropy)
			entropy[j] = e[j];
		if (constant)
			constant[j] = dj[j] == 0; /* a varying column has a p of 0: d > 0 */
	}
out:
	free(e);
	free(dj);
	return rc;
}

/* ---- AHP ---- */

static const double random_index[EC_AHP_MAX] = { 0,    0,    0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
						  1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59 };

/* The first entry that is not finite and positive, off the diagonal's 1 or
** not the reciprocal of its mirror, in row order. Returns 0 or EC_EDATA. */
static int check_pairwise(const double *a, size_t m, const char *const *names, char **err)
{
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < m; j++) {
			double v = a[i * m + j], mirror = a[j * m + i];
			char bi[32], bj[32];
			const char *ni = label(names, i, "indicator", bi, sizeof bi);
			const char *nj = label(names, j, "indicator", bj, sizeof bj);
			if (!isfinite(v) || !(v > 0)) {
				*err = ec_asprintf("evaluate.ahp_positive|row=%zu|column=%zu|indicator=%s|other=%s|value=%g",
						   i + 1, j + 1, ni, nj, v);
				return EC_EDATA;
			}
			if (i == j && fabs(v - 1) > EC_AHP_TOLERANCE) {
				*err = ec_asprintf("evaluate.ahp_diagonal|row=%zu|column=%zu|indicator=%s|value=%g",
						   i + 1, j + 1, ni, v);
				return EC_EDATA;
			}
			/* The mirror, earlier in row order, has been checked. */
			if (j < i && fabs(v * mirror - 1) > EC_AHP_TOLERANCE) {
				*err = ec_asprintf("evaluate.ahp_reciprocal|row=%zu|column=%zu|indicator=%s|other=%s|value=%.6g|"
						   "mirror=%.6g|expected=%.6g",
						   i + 1, j + 1, ni, nj, v, mirror, 1 / mirror);
				return EC_EDATA;
			}
		}
	return EC_OK;
}

int ec_evaluate_ahp(const double *pairwise, size_t m, const char *const *names, double *weight,
		    struct ec_ahp *consistency, char **err)
{
	double w[EC_AHP_MAX], next[EC_AHP_MAX], sum = 0, lambda = 0, worst = -1;
	struct ec_ahp result;
	int rc;

	if (m == 0) {
		*err = ec_strdup("evaluate.no_indicators|method=ahp");
		return EC_EUSAGE;
	}
	if (m > EC_AHP_MAX) {
		*err = ec_asprintf("evaluate.ahp_too_many|count=%zu|max=%d",
				   m, EC_AHP_MAX);
		return EC_ELIMIT;
	}
	if ((rc = check_pairwise(pairwise, m, names, err)))
		return rc;

	/* Start from the row geometric means (exact when the matrix is
	** consistent), then iterate w <- A w / |A w|_1. A positive matrix is
	** primitive: the iteration converges to the Perron vector. */
	for (size_t i = 0; i < m; i++) {
		double g = 0;
		for (size_t j = 0; j < m; j++)
			g += log(pairwise[i * m + j]);
		w[i] = exp(g / (double)m);
		sum += w[i];
	}
	for (size_t i = 0; i < m; i++)
		w[i] /= sum;
	for (int iteration = 0; iteration < 10000; iteration++) {
		double change = 0;
		sum = 0;
		for (size_t i = 0; i < m; i++) {
			next[i] = 0;
			for (size_t j = 0; j < m; j++)
				next[i] += pairwise[i * m + j] * w[j];
			sum += next[i];
		}
		for (size_t i = 0; i < m; i++) {
			next[i] /= sum;
			change = fmax(change, fabs(next[i] - w[i]));
			w[i] = next[i];
		}
		if (change < 1e-15)
			break;
	}
	/* lambda_max = |A w|_1 with |w|_1 = 1 */
	lambda = 0;
	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < m; j++)
			lambda += pairwise[i * m + j] * w[j];

	memset(&result, 0, sizeof result);
	result.lambda_max = lambda;
	result.ri = random_index[m - 1];
	result.ci = m > 1 ? (lambda - (double)m) / (double)(m - 1) : 0;
	result.cr = m > 2 ? result.ci / result.ri : 0;
	for (size_t i = 0; i < m; i++)
		for (size_t j = i + 1; j < m; j++) {
			double off = fabs(log(pairwise[i * m + j] * w[j] / w[i]));
			if (off > worst)
				worst = off, result.worst_row = i, result.worst_col = j;
		}
	for (size_t i = 0; i < m; i++)
		weight[i] = w[i];
	*consistency = result;
	if (result.cr >= EC_AHP_CR_LIMIT) {
		size_t r = result.worst_row, c = result.worst_col;
		char br[32], bc[32];
		*err = ec_asprintf("evaluate.ahp_inconsistent|ratio=%.2f|limit=%.2f|indicator=%s|other=%s|given=%.3g|"
				   "implied=%.3g",
				   result.cr, EC_AHP_CR_LIMIT, label(names, r, "indicator", br, sizeof br),
				   label(names, c, "indicator", bc, sizeof bc), pairwise[r * m + c], w[r] / w[c]);
		return EC_EDATA;
	}
	return EC_OK;
}

/* ---- fixed and combined ---- */

int ec_evaluate_fixed(const double *given, size_t m, const char *const *names, double *weight, char **err)
{
	double sum;
	int rc;

	if (m == 0) {
		*err = ec_strdup("evaluate.no_indicators|method=fixed");
		return EC_EUSAGE;
	}
	if ((rc = check_weights(given, m, names, "fixed", &sum, err)))
		return rc;
	for (size_t j = 0; j < m; j++)
		weight[j] = given[j] / sum;
	return EC_OK;
}

int ec_evaluate_combine(const double *subjective, const double *objective, size_t m, double alpha,
			double *weight, char **err)
{
	double sum_subjective, sum_objective, total = 0;
	int rc;

	if (m == 0) {
		*err = ec_strdup("evaluate.no_indicators|method=combined");
		return EC_EUSAGE;
	}
	if (!(alpha >= 0 && alpha <= 1)) {
		*err = ec_asprintf("evaluate.alpha|value=%g", alpha);
		return EC_EUSAGE;
	}
	if ((rc = check_weights(subjective, m, NULL, "subjective", &sum_subjective, err)) ||
	    (rc = check_weights(objective, m, NULL, "objective", &sum_objective, err)))
		return rc;
	for (size_t j = 0; j < m; j++)
		total += alpha * subjective[j] / sum_subjective + (1 - alpha) * objective[j] / sum_objective;
	for (size_t j = 0; j < m; j++)
		weight[j] = (alpha * subjective[j] / sum_subjective + (1 - alpha) * objective[j] / sum_objective) /
			    total;
	return EC_OK;
}

/* ---- TOPSIS ---- */

void ec_evaluate_topsis_release(struct ec_topsis *t)
{
	free(t->closeness);
	free(t->distance_best);
	free(t->distance_worst);
	free(t->rank);
	free(t->order);
	memset(t, 0, sizeof *t);
}

struct ranked {
	double key; /* closeness rounded to 12 decimals */
	size_t index;
};

static int by_closeness(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key > b->key ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

int ec_evaluate_topsis(const struct ec_decision_matrix *dm, const double *weight, struct ec_topsis *out, char **err)
{
	size_t n = dm->nalternatives, m = dm->nindicators;
	double *v = NULL, *best = NULL, *worst = NULL, wsum;
	struct ranked *ranked = NULL;
	struct ec_topsis t;
	int rc;

	if ((rc = check_matrix(dm, err)) || (rc = check_weights(weight, m, dm->indicator_names, "TOPSIS", &wsum, err)))
		return rc;
	v = ec_malloc((n ? n : 1) * m * sizeof *v);
	best = ec_malloc(m * sizeof *best);
	worst = ec_malloc(m * sizeof *worst);
	/* v_ij = w_j x_ij / |x_.j|_2, the norm taken on x / max|x| so that
	** squares cannot overflow. */
	for (size_t j = 0; j < m; j++) {
		double scale = 0, squares = 0, norm;
		for (size_t i = 0; i < n; i++)
			scale = fmax(scale, fabs(dm->values[i * m + j]));
		for (size_t i = 0; i < n && scale > 0; i++) {
			double r = dm->values[i * m + j] / scale;
			squares += r * r;
		}
		norm = scale * sqrt(squares);
		best[j] = dm->directions[j] == EC_COST ? INFINITY : -INFINITY;
		worst[j] = -best[j];
		for (size_t i = 0; i < n; i++) {
			double x = norm > 0 ? dm->values[i * m + j] / norm : 0;
			v[i * m + j] = weight[j] / wsum * x;
			if (dm->directions[j] == EC_COST) {
				best[j] = fmin(best[j], v[i * m + j]);
				worst[j] = fmax(worst[j], v[i * m + j]);
			} else {
				best[j] = fmax(best[j], v[i * m + j]);
				worst[j] = fmin(worst[j], v[i * m + j]);
			}
		}
	}
	t.n = n;
	t.closeness = ec_malloc((n ? n : 1) * sizeof *t.closeness);
	t.distance_best = ec_malloc((n ? n : 1) * sizeof *t.distance_best);
	t.distance_worst = ec_malloc((n ? n : 1) * sizeof *t.distance_worst);
	t.rank = ec_malloc((n ? n : 1) * sizeof *t.rank);
	t.order = ec_malloc((n ? n : 1) * sizeof *t.order);
	ranked = ec_malloc((n ? n : 1) * sizeof *ranked);
	for (size_t i = 0; i < n; i++) {
		double to_best = 0, to_worst = 0, c;
		for (size_t j = 0; j < m; j++) {
			double a = v[i * m + j] - best[j], b = v[i * m + j] - worst[j];
			to_best += a * a;
			to_worst += b * b;
		}
		t.distance_best[i] = sqrt(to_best);
		t.distance_worst[i] = sqrt(to_worst);
		/* Both 0 only when the ideal best and worst coincide: every
		** alternative is alike, none better than another. */
		c = t.distance_best[i] + t.distance_worst[i] > 0
			    ? t.distance_worst[i] / (t.distance_best[i] + t.distance_worst[i])
			    : 0.5;
		t.closeness[i] = c;
		ranked[i].key = nearbyint(c * 1e12);
		ranked[i].index = i;
	}
	qsort(ranked, n, sizeof *ranked, by_closeness);
	for (size_t k = 0; k < n; k++) {
		t.order[k] = ranked[k].index;
		t.rank[ranked[k].index] = k + 1;
	}
	*out = t;
	free(ranked);
	free(v);
	free(best);
	free(worst);
	return EC_OK;
}

/* ---- tiers ---- */

static size_t add_capped(size_t a, size_t b)
{
	return a > (size_t)-1 - b ? (size_t)-1 : a + b;
}

static enum ec_recommended_tier tier_of(size_t rank, const struct ec_tier_counts *counts)
{
	size_t bases = counts->bases, clusters = add_capped(bases, counts->clusters);
	size_t ecosystems = add_capped(clusters, counts->ecosystems);

	if (rank == 0)
		return EC_RECOMMEND_NONE;
	if (rank <= bases)
		return EC_RECOMMEND_BASE;
	if (rank <= clusters)
		return EC_RECOMMEND_CLUSTER;
	if (rank <= ecosystems)
		return EC_RECOMMEND_ECOSYSTEM;
	return EC_RECOMMEND_NONE;
}

int ec_evaluate_tiers(const size_t *rank, const size_t *previous_rank, size_t n, const struct ec_tier_counts *counts,
		      struct ec_placement *out, char **err)
{
	static const struct ec_tier_counts defaults = EC_TIER_COUNTS_DEFAULT;
	unsigned char *seen = ec_calloc(n ? n : 1, 1);
	int rc = EC_OK;

	if (!counts)
		counts = &defaults;
	for (size_t i = 0; i < n; i++) {
		if (rank[i] < 1 || rank[i] > n) {
			*err = ec_asprintf("evaluate.rank_range|alternative=%zu|rank=%zu|count=%zu", i + 1, rank[i], n);
			rc = EC_EUSAGE;
			goto out;
		}
		if (seen[rank[i] - 1]) {
			*err = ec_asprintf("evaluate.rank_twice|alternative=%zu|rank=%zu", i + 1, rank[i]);
			rc = EC_EUSAGE;
			goto out;
		}
		seen[rank[i] - 1] = 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct ec_placement *p = &out[i];
		size_t before = previous_rank ? previous_rank[i] : 0;

		p->rank = rank[i];
		p->tier = tier_of(rank[i], counts);
		p->previous_rank = before;
		p->previous_tier = tier_of(before, counts);
		if (before == 0) {
			p->movement = EC_MOVE_NEW;
			p->rank_change = 0;
		} else {
			p->rank_change = before >= rank[i] ? (long)(before - rank[i]) : -(long)(rank[i] - before);
			p->movement = before == rank[i] ? EC_MOVE_SAME : before > rank[i] ? EC_MOVE_UP : EC_MOVE_DOWN;
		}
	}
out:
	free(seen);
	return rc;
}

/* ---- trust ---- */

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q quantile of sorted v[0..n) by linear interpolation (type 7). */
static double quantile_sorted(const double *v, size_t n, double q)
{
	double h = q * (double)(n - 1);
	size_t lo = (size_t)floor(h);

	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

size_t ec_evaluate_winsorise(double *values, size_t n, size_t m, double lo, double hi)
{
	double *col = ec_malloc((n ? n : 1) * sizeof *col);
	size_t changed = 0;

	for (size_t j = 0; j < m && n > 1; j++) {
		double a, b;
		for (size_t i = 0; i < n; i++)
			col[i] = values[i * m + j];
		qsort(col, n, sizeof *col, by_double);
		a = quantile_sorted(col, n, lo);
		b = quantile_sorted(col, n, hi);
		for (size_t i = 0; i < n; i++) {
			double *x = &values[i * m + j];
			if (*x < a || *x > b) {
				*x = *x < a ? a : b;
				changed++;
			}
		}
	}
	free(col);
	return changed;
}

/* xorshift64*: a small generator whose sequence is the same everywhere. */
static double uniform(unsigned long long *state)
{
	unsigned long long x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return (double)((x * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static int by_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

int ec_evaluate_sensitivity(const struct ec_decision_matrix *dm, const double *weight, double spread, int draws,
			    unsigned long long seed, size_t *rank_lo, size_t *rank_hi, char **err)
{
	size_t n = dm->nalternatives, m = dm->nindicators;
	size_t *ranks = ec_malloc(((size_t)draws * n + 1) * sizeof *ranks), *col = ec_malloc((size_t)(draws + 1) * sizeof *col);
	double *w = ec_malloc((m + 1) * sizeof *w);
	unsigned long long state = seed ? seed : 0x9e3779b97f4a7c15ULL;
	int rc = EC_OK;

	*err = NULL;
	for (int d = 0; d < draws && rc == EC_OK; d++) {
		struct ec_topsis t;
		for (size_t j = 0; j < m; j++)
			w[j] = weight[j] * (1 - spread + 2 * spread * uniform(&state));
		if ((rc = ec_evaluate_topsis(dm, w, &t, err)) != EC_OK)
			break;
		for (size_t i = 0; i < n; i++)
			ranks[(size_t)d * n + i] = t.rank[i];
		ec_evaluate_topsis_release(&t);
	}
	for (size_t i = 0; i < n && rc == EC_OK && draws > 0; i++) {
		for (int d = 0; d < draws; d++)
			col[d] = ranks[(size_t)d * n + i];
		qsort(col, (size_t)draws, sizeof *col, by_size);
		rank_lo[i] = col[(size_t)floor(0.05 * (draws - 1))];
		rank_hi[i] = col[(size_t)ceil(0.95 * (draws - 1))];
	}
	free(ranks);
	free(col);
	free(w);
	return rc;
}

void ec_evaluate_explain(const struct ec_decision_matrix *dm, const double *weight, size_t i, size_t k,
			 size_t *strengths, size_t *ns, size_t *weaknesses, size_t *nw)
{
	size_t n = dm->nalternatives, m = dm->nindicators;
	double wsum = 0, *good = ec_malloc((m + 1) * sizeof *good), *bad = ec_malloc((m + 1) * sizeof *bad);

	*ns = *nw = 0;
	for (size_t j = 0; j < m; j++)
		wsum += weight[j];
	for (size_t j = 0; j < m; j++) {
		double lo = INFINITY, hi = -INFINITY, x = dm->values[i * m + j], pos;
		for (size_t a = 0; a < n; a++) {
			lo = fmin(lo, dm->values[a * m + j]);
			hi = fmax(hi, dm->values[a * m + j]);
		}
		/* the position is the same on the normalised, weighted scale:
		** both are one positive multiple of the values */
		pos = hi > lo ? (x - lo) / (hi - lo) : 0.5;
		if (dm->directions[j] == EC_COST)
			pos = 1 - pos;
		/* a strength stands above the middle, a weakness below it */
		good[j] = wsum > 0 && pos > 0.5 ? weight[j] / wsum * pos : 0;
		bad[j] = wsum > 0 && pos < 0.5 ? weight[j] / wsum * (1 - pos) : 0;
	}
	for (int pass = 0; pass < 2; pass++) {
		double *score = pass ? bad : good;
		size_t *out = pass ? weaknesses : strengths, *count = pass ? nw : ns;
		uint8_t *taken = ec_calloc(m + 1, 1);
		for (size_t r = 0; r < k && r < m; r++) {
			size_t best = m;
			for (size_t j = 0; j < m; j++)
				if (!taken[j] && score[j] > 0 && (best == m || score[j] > score[best]))
					best = j;
			if (best == m)
				break;
			taken[best] = 1;
			out[(*count)++] = best;
		}
		free(taken);
	}
	free(good);
	free(bad);
}
