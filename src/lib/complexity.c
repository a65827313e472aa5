/*
** This is the implementation of regional structure and economic complexity
** (complexity.h). The definitions and their sources are in docs/methods.md,
** "Regional structure and complexity"; the complexity measures follow
** Stata's `ecomplexity` (Harvard Growth Lab), whose published ground truth
** the unit test reproduces.
**
** Mcp is binary and sparse (a region has a comparative advantage in a few
** categories of many), so every product with it runs over each region's
** list of its categories rather than over the dense matrix: the category x
** category matrices cost sum over regions of diversity^2, density and COG
** diversity x categories per region. The one dense step is the eigenvector,
** taken from LAPACK (dsyevr, the two largest eigenpairs only) on the
** symmetric form of the category-category matrix.
*/
#include <lapacke.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "echelon/complexity.h"
#include "echelon/evaluate.h"

/* ---- specialisation and concentration ---- */

/* The regions' and categories' totals and the grand total. */
static double totals(const double *x, size_t nr, size_t np, double *rt, double *ct, int *negative)
{
	double all = 0;
	int bad = 0;

	memset(ct, 0, np * sizeof *ct);
	for (size_t r = 0; r < nr; r++) {
		const double *row = x + r * np;
		double sum = 0; /* in a register: rt may not alias x for all the compiler knows */
		for (size_t p = 0; p < np; p++) {
			sum += row[p];
			ct[p] += row[p];
			bad |= !(row[p] >= 0);
		}
		rt[r] = sum;
	}
	if (negative)
		*negative = bad;
	for (size_t r = 0; r < nr; r++)
		all += rt[r];
	return all;
}

void ec_lq(const double *x, size_t nr, size_t np, double *out)
{
	double *rt = ec_malloc((nr + 1) * sizeof *rt), *ct = ec_malloc((np + 1) * sizeof *ct);
	double all = totals(x, nr, np, rt, ct, NULL);

	for (size_t r = 0; r < nr; r++)
		for (size_t p = 0; p < np; p++)
			out[r * np + p] = rt[r] > 0 && ct[p] > 0 ? (x[r * np + p] / rt[r]) / (ct[p] / all) : NAN;
	free(rt);
	free(ct);
}

struct pair {
	double key, s, t;
};

static int by_key(const void *a, const void *b)
{
	double x = ((const struct pair *)a)->key, y = ((const struct pair *)b)->key;
	return x < y ? -1 : x > y;
}

/* Regions whose share of the category is 0 come first in both orders, and
** their order among themselves changes no Lorenz area (they add nothing to
** y): they are one first step, and only the others are sorted. */
static void concentration(const double *x, size_t nr, size_t np, size_t p, const double *rt, double ct, double all,
			  struct pair *v, struct ec_concentration *out)
{
	size_t k = 0;
	double zero_t = 0, area, xs, ys;

	out->hhi = out->gini = out->locational_gini = out->hoover = out->theil = out->top_share = NAN;
	if (!(ct > 0) || nr == 0)
		return;
	out->hhi = out->hoover = out->theil = out->top_share = 0;
	for (size_t r = 0; r < nr; r++) {
		double s = x[r * np + p] / ct, t = rt[r] / all;
		out->hhi += s * s;
		out->hoover += fabs(s - t);
		if (s > 0) {
			out->theil += s * log(s / t);
			v[k].s = s;
			v[k].t = t;
			v[k++].key = s;
		} else {
			zero_t += t;
		}
		if (s > out->top_share)
			out->top_share = s;
	}
	out->hoover /= 2;
	/* the Gini of the shares: regions as equal units, by share; the
	** nr - k regions without any share first */
	qsort(v, k, sizeof *v, by_key);
	xs = (double)(nr - k) / (double)nr;
	ys = 0;
	area = 0;
	for (size_t i = 0; i < k; i++) {
		double nx = xs + 1.0 / (double)nr, ny = ys + v[i].s;
		area += (nx - xs) * (ny + ys);
		xs = nx;
		ys = ny;
	}
	out->gini = 1 - area;
	/* the locational Gini: regions weighted by their share of all
	** activity, ordered by the category's LQ */
	for (size_t i = 0; i < k; i++)
		v[i].key = v[i].t > 0 ? v[i].s / v[i].t : INFINITY;
	qsort(v, k, sizeof *v, by_key);
	xs = zero_t;
	ys = 0;
	area = 0;
	for (size_t i = 0; i < k; i++) {
		double nx = xs + v[i].t, ny = ys + v[i].s;
		area += (nx - xs) * (ny + ys);
		xs = nx;
		ys = ny;
	}
	out->locational_gini = 1 - area;
}

void ec_concentration(const double *x, size_t nr, size_t np, size_t p, struct ec_concentration *out)
{
	double *rt = ec_malloc((nr + 1) * sizeof *rt), *ct = ec_malloc((np + 1) * sizeof *ct);
	struct pair *v = ec_malloc((nr + 1) * sizeof *v);
	double all = totals(x, nr, np, rt, ct, NULL);

	concentration(x, nr, np, p, rt, ct[p], all, v, out);
	free(rt), free(ct), free(v);
}

void ec_concentration_each(const double *x, size_t nr, size_t np, struct ec_concentration *out)
{
	double *rt = ec_malloc((nr + 1) * sizeof *rt), *ct = ec_malloc((np + 1) * sizeof *ct);
	struct pair *v = ec_malloc((nr + 1) * sizeof *v);
	double all = totals(x, nr, np, rt, ct, NULL);

	for (size_t p = 0; p < np; p++)
		concentration(x, nr, np, p, rt, ct[p], all, v, &out[p]);
	free(rt), free(ct), free(v);
}

static void specialisation(const double *x, size_t np, size_t r, double rt, const double *ct, double all,
			   struct ec_specialisation *out)
{
	out->krugman = out->hhi = out->theil = NAN;
	out->specialised = 0;
	if (!(rt > 0))
		return;
	out->krugman = out->hhi = out->theil = 0;
	for (size_t p = 0; p < np; p++) {
		double s = x[r * np + p] / rt, t = ct[p] / all;
		out->krugman += fabs(s - t);
		out->hhi += s * s;
		if (s > 0)
			out->theil += s * log(s / t);
		if (t > 0 && s / t >= 1)
			out->specialised++;
	}
}

void ec_specialisation(const double *x, size_t nr, size_t np, size_t r, struct ec_specialisation *out)
{
	double *rt = ec_malloc((nr + 1) * sizeof *rt), *ct = ec_malloc((np + 1) * sizeof *ct);
	double all = totals(x, nr, np, rt, ct, NULL);

	specialisation(x, np, r, rt[r], ct, all, out);
	free(rt), free(ct);
}

void ec_specialisation_each(const double *x, size_t nr, size_t np, struct ec_specialisation *out)
{
	double *rt = ec_malloc((nr + 1) * sizeof *rt), *ct = ec_malloc((np + 1) * sizeof *ct);
	double all = totals(x, nr, np, rt, ct, NULL);

	for (size_t r = 0; r < nr; r++)
		specialisation(x, np, r, rt[r], ct, all, &out[r]);
	free(rt), free(ct);
}

double ec_ellison_glaeser(const double *s, const double *a, size_t n, const double *z, size_t nz)
{
	double g = 0, a2 = 0, h = 0;

	for (size_t i = 0; i < n; i++) {
		g += (s[i] - a[i]) * (s[i] - a[i]);
		a2 += a[i] * a[i];
	}
	for (size_t j = 0; j < nz; j++)
		h += z[j] * z[j];
	if (a2 >= 1 || h >= 1)
		return NAN;
	return (g - (1 - a2) * h) / ((1 - a2) * (1 - h));
}

/* ---- complexity and relatedness ---- */

void ec_cx_options_init(struct ec_cx_options *o)
{
	o->threshold = 1.0;
	o->method = EC_CX_EIGEN;
	o->reflections = 40;
	o->fitness_iterations = 500;
}

void ec_cx_release(struct ec_cx_result *r)
{
	free(r->rca);
	free(r->m);
	free(r->diversity);
	free(r->ubiquity);
	free(r->eci);
	free(r->pci);
	free(r->proximity);
	free(r->density);
	free(r->coi);
	free(r->cog);
	free(r->fitness);
	free(r->complexity);
	memset(r, 0, sizeof *r);
}

/* Mean and standard deviation as Stata's command takes them: over the
** region x category rows of the year, where each region's value stands
** once for each of the ncat categories, so the mean is the regions' mean
** and the standard deviation is the sample one of n * ncat rows. */
static void mean_sd(const double *v, size_t n, size_t ncat, double *mean, double *sd)
{
	double m = 0, ss = 0, rows = (double)n * (double)ncat;

	for (size_t i = 0; i < n; i++)
		m += v[i];
	m /= (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - m) * (v[i] - m);
	*mean = m;
	*sd = sqrt(ss * (double)ncat / (rows - 1));
}

/* The regions' lists of their categories with Mcp = 1 (CSR over the taking
** part): at[c]..at[c+1] in cat[]; and the same nonzeros by category, each
** category's regions in ascending order: cat_at[p]..cat_at[p+1] in reg[].
** The passes that sum into the categories read the second, so that every
** sum is a gather into one register, not an increment of memory per
** nonzero. */
struct lists {
	size_t *at;
	int32_t *cat;
	size_t *cat_at;
	int32_t *reg;
};

/* The by-category lists of l's nonzeros (nq categories), in one counting
** pass and one placing pass over the regions in order. */
static void lists_by_category(struct lists *l, size_t nc, size_t nq)
{
	size_t *next = ec_calloc(nq + 1, sizeof *next);

	l->cat_at = ec_calloc(nq + 1, sizeof *l->cat_at);
	l->reg = ec_malloc((l->at[nc] + 1) * sizeof *l->reg);
	for (size_t i = 0; i < l->at[nc]; i++)
		l->cat_at[l->cat[i] + 1]++;
	for (size_t p = 0; p < nq; p++) {
		l->cat_at[p + 1] += l->cat_at[p];
		next[p] = l->cat_at[p];
	}
	for (size_t c = 0; c < nc; c++)
		for (size_t i = l->at[c]; i < l->at[c + 1]; i++)
			l->reg[next[l->cat[i]]++] = (int32_t)c;
	free(next);
}

/* sum_i v[idx[i]] over n indices, in four running sums: the additions of
** one sum wait on each other, four keep the adder busy. */
static double gather_sum(const double *v, const int32_t *idx, size_t n)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	size_t i = 0;

	for (; i + 4 <= n; i += 4) {
		s0 += v[idx[i]];
		s1 += v[idx[i + 1]];
		s2 += v[idx[i + 2]];
		s3 += v[idx[i + 3]];
	}
	for (; i < n; i++)
		s0 += v[idx[i]];
	return (s0 + s1) + (s2 + s3);
}

/* y = S x, S = D_p^-1/2 M' D_c^-1 M D_p^-1/2 (below), through the lists:
** two passes over the nonzeros of M, never the dense matrix. t has room
** for nc and nq. */
static void s_times(const struct lists *l, size_t nc, const int32_t *kc, const double *kp_sqrt, size_t nq,
		    const double *x, double *y, double *t)
{
	double *xs = t + nc;

	for (size_t p = 0; p < nq; p++)
		xs[p] = x[p] / kp_sqrt[p];
	for (size_t c = 0; c < nc; c++)
		t[c] = gather_sum(xs, l->cat + l->at[c], l->at[c + 1] - l->at[c]) / kc[c];
	for (size_t p = 0; p < nq; p++)
		y[p] = gather_sum(t, l->reg + l->cat_at[p], l->cat_at[p + 1] - l->cat_at[p]) / kp_sqrt[p];
}

static double dot(const double *a, const double *b, size_t n)
{
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

/* w less its components along the k rows of v (n each), twice over ("twice
** is enough": Parlett), so w stays orthogonal to them to rounding. */
static void orthogonalise(double *w, const double *v, size_t k, size_t n)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < k; i++) {
			double h = dot(w, v + i * n, n);
			for (size_t j = 0; j < n; j++)
				w[j] -= h * v[i * n + j];
		}
}

/* The largest eigenpair of S restricted to the complement of its known
** first eigenvector u = sqrt(k_p) / |sqrt(k_p)| (eigenvalue 1): that is
** S's second eigenpair. Lanczos with full reorthogonalisation against u and
** every earlier vector, the Ritz pair checked every few steps by its
** residual |S z - theta z| = beta_j |y_j| and, at the end, computed anew;
** converged when below 1e-13 (S's norm is 1). Returns 0, or -1 when it
** does not converge within the steps it may take (the caller then reduces
** the dense matrix). Cost: steps x (2 nnz(M) + steps x nq), against nq^3
** for the full reduction. */
static int lanczos_second(const struct lists *l, size_t nc, const int32_t *kc, const double *kp_sqrt, size_t nq,
			  double *z, double *eigenvalue)
{
	size_t most = nq < 400 ? nq : 400, k = 0;
	double *v = ec_malloc((most + 2) * nq * sizeof *v), *w = ec_malloc(nq * sizeof *w);
	double *t = ec_malloc((nc + nq + 1) * sizeof *t), *alpha = ec_malloc((most + 1) * sizeof *alpha);
	double *beta = ec_malloc((most + 1) * sizeof *beta), *d = ec_malloc((most + 1) * sizeof *d);
	double *e = ec_malloc((most + 1) * sizeof *e), *y = ec_malloc((most + 1) * (most + 1) * sizeof *y);
	double norm = 0, theta = 0;
	int done = -1;

	/* v[0] = u; the Krylov vectors from v[1]. The start: a fixed vector
	** with every component, less its u part. */
	for (size_t p = 0; p < nq; p++)
		norm += kp_sqrt[p] * kp_sqrt[p];
	norm = sqrt(norm);
	for (size_t p = 0; p < nq; p++) {
		v[p] = kp_sqrt[p] / norm;
		v[nq + p] = 1.0 + (double)(p % 7) / 7.0;
	}
	orthogonalise(v + nq, v, 1, nq);
	norm = sqrt(dot(v + nq, v + nq, nq));
	for (size_t p = 0; p < nq; p++)
		v[nq + p] /= norm;
	for (k = 1; k <= most && done < 0; k++) {
		double *vk = v + k * nq;
		s_times(l, nc, kc, kp_sqrt, nq, vk, w, t);
		alpha[k - 1] = dot(vk, w, nq);
		orthogonalise(w, v, k + 1, nq);
		beta[k - 1] = sqrt(dot(w, w, nq));
		if (k % 8 == 0 || k == most || beta[k - 1] < 1e-14) {
			lapack_int n = (lapack_int)k;
			memcpy(d, alpha, k * sizeof *d);
			memcpy(e, beta, k * sizeof *e);
			if (LAPACKE_dstev(LAPACK_COL_MAJOR, 'V', n, d, e, y, n) != 0)
				break;
			theta = d[k - 1]; /* ascending: the largest last, its vector y[(k-1)k ..] */
			if (beta[k - 1] * fabs(y[(k - 1) * k + k - 1]) < 1e-13 || beta[k - 1] < 1e-14) {
				/* the Ritz vector z = V y, its residual computed anew */
				double r = 0;
				memset(z, 0, nq * sizeof *z);
				for (size_t i = 0; i < k; i++)
					for (size_t p = 0; p < nq; p++)
						z[p] += y[(k - 1) * k + i] * v[(i + 1) * nq + p];
				s_times(l, nc, kc, kp_sqrt, nq, z, w, t);
				for (size_t p = 0; p < nq; p++)
					r += (w[p] - theta * z[p]) * (w[p] - theta * z[p]);
				if (sqrt(r) < 1e-12)
					done = 0;
				else if (beta[k - 1] < 1e-14)
					break;
				if (done == 0)
					break;
				s_times(l, nc, kc, kp_sqrt, nq, vk, w, t); /* w again for the next step */
				orthogonalise(w, v, k + 1, nq);
			}
		}
		if (k < most)
			for (size_t p = 0; p < nq; p++)
				v[(k + 1) * nq + p] = w[p] / beta[k - 1];
	}
	*eigenvalue = theta;
	free(v), free(w), free(t), free(alpha), free(beta), free(d), free(e), free(y);
	return done;
}

/* The second eigenvector of the category-category matrix Mpp = D_p^-1 M'
** D_c^-1 M (D the diagonals of ubiquity and diversity), through its
** symmetric form S = D_p^-1/2 M' D_c^-1 M D_p^-1/2 (the same eigenvalues;
** an eigenvector v of S is D_p^1/2 times one of Mpp). kp gets it, for the
** categories taking part (nq of them, ubiquity k). By Lanczos
** (lanczos_second); should it not converge, by reducing the dense matrix
** (LAPACK dsyevr for the two largest). */
static int second_eigenvector(const struct lists *l, size_t nc, const int32_t *kc, const double *kp_sqrt, size_t nq,
			      double *kp, double *eigenvalue, char **err)
{
	double *s, *w, *z = ec_malloc(2 * nq * sizeof *z);
	lapack_int *support, found = 0;
	lapack_int n = (lapack_int)nq, rc;

	if (lanczos_second(l, nc, kc, kp_sqrt, nq, z, eigenvalue) == 0) {
		for (size_t p = 0; p < nq; p++)
			kp[p] = z[p] / kp_sqrt[p];
		free(z);
		return EC_OK;
	}
	s = ec_big_zeroed(nq * nq * sizeof(double));
	w = ec_malloc(2 * sizeof *w);
	support = ec_malloc(4 * sizeof *support);
	for (size_t c = 0; c < nc; c++) {
		double inv = 1.0 / kc[c];
		for (size_t i = l->at[c]; i < l->at[c + 1]; i++) {
			double *row = s + (size_t)l->cat[i] * nq;
			for (size_t j = l->at[c]; j < l->at[c + 1]; j++)
				row[l->cat[j]] += inv;
		}
	}
	for (size_t p = 0; p < nq; p++)
		for (size_t q = 0; q < nq; q++)
			s[p * nq + q] /= kp_sqrt[p] * kp_sqrt[q];
	rc = LAPACKE_dsyevr(LAPACK_COL_MAJOR, 'V', 'I', 'U', n, s, n, 0, 0, n - 1, n, 0, &found, w, z, n, support);
	if (rc != 0 || found != 2) {
		*err = ec_asprintf("complexity: the eigenvectors could not be computed (LAPACK dsyevr %d)", (int)rc);
		free(s), free(w), free(z), free(support);
		return EC_EDATA;
	}
	/* w ascending: w[0] is the second largest, its vector z[0 .. nq). */
	*eigenvalue = w[0];
	for (size_t p = 0; p < nq; p++)
		kp[p] = z[p] / kp_sqrt[p];
	free(s), free(w), free(z), free(support);
	return EC_OK;
}

/* The method of reflections, k_c,N = (1/k_c,0) sum_p M_cp k_p,N-1 and k_p,N =
** (1/k_p,0) sum_c M_cp k_c,N-1 from the diversities and ubiquities, with the
** component that the iteration converges to (the constant) taken out at
** each step and the rest rescaled, so that it converges to the eigenvector
** method's k_p rather than to a constant (docs/methods.md). */
static void reflections(const struct lists *l, size_t nc, const int32_t *kc, const int32_t *kq, size_t nq, int n,
			double *kp)
{
	double *cv = ec_malloc(nc * sizeof *cv), wsum = 0;

	for (size_t p = 0; p < nq; p++) {
		kp[p] = kq[p];
		wsum += kq[p];
	}
	for (int it = 0; it < n; it++) {
		double mean = 0, norm = 0;
		for (size_t c = 0; c < nc; c++) {
			double sum = 0;
			for (size_t i = l->at[c]; i < l->at[c + 1]; i++)
				sum += kp[l->cat[i]];
			cv[c] = sum / kc[c];
		}
		memset(kp, 0, nq * sizeof *kp);
		for (size_t c = 0; c < nc; c++)
			for (size_t i = l->at[c]; i < l->at[c + 1]; i++)
				kp[l->cat[i]] += cv[c];
		for (size_t p = 0; p < nq; p++) {
			kp[p] /= kq[p];
			mean += kq[p] * kp[p];
		}
		mean /= wsum; /* the weights of the left eigenvector of 1: ubiquity */
		for (size_t p = 0; p < nq; p++) {
			kp[p] -= mean;
			norm += kp[p] * kp[p];
		}
		norm = sqrt(norm);
		for (size_t p = 0; p < nq && norm > 0; p++)
			kp[p] /= norm;
	}
	free(cv);
}

/* Fitness–Complexity (Tacchella et al. 2012): F_c = sum_p M_cp Q_p, Q_p = 1 /
** sum_c M_cp / F_c, each divided by its mean at every step, from 1, until
** neither moves by more than 1e-12 (relative) or the iterations run out. */
static int fitness_complexity(const struct lists *l, size_t nc, size_t nq, int iterations, double *f, double *q)
{
	double *nf = ec_malloc(nc * sizeof *nf), *nq_ = ec_malloc(nq * sizeof *nq_), *inv = ec_malloc(nc * sizeof *inv);
	int done = -1;

	for (size_t c = 0; c < nc; c++)
		f[c] = 1;
	for (size_t p = 0; p < nq; p++)
		q[p] = 1;
	for (int it = 1; it <= iterations && done < 0; it++) {
		double mf = 0, mq = 0, moved = 0;
		for (size_t c = 0; c < nc; c++) {
			nf[c] = gather_sum(q, l->cat + l->at[c], l->at[c + 1] - l->at[c]);
			mf += nf[c];
			inv[c] = 1.0 / f[c];
		}
		for (size_t p = 0; p < nq; p++) {
			nq_[p] = 1.0 / gather_sum(inv, l->reg + l->cat_at[p], l->cat_at[p + 1] - l->cat_at[p]);
			mq += nq_[p];
		}
		mf /= (double)nc;
		mq /= (double)nq;
		for (size_t c = 0; c < nc; c++) {
			nf[c] /= mf;
			moved = fmax(moved, fabs(nf[c] - f[c]) / fmax(f[c], 1e-300));
			f[c] = nf[c];
		}
		for (size_t p = 0; p < nq; p++) {
			nq_[p] /= mq;
			moved = fmax(moved, fabs(nq_[p] - q[p]) / fmax(q[p], 1e-300));
			q[p] = nq_[p];
		}
		if (moved < 1e-12)
			done = it;
	}
	free(nf);
	free(nq_);
	free(inv);
	return done;
}

/* C = M'M over the taking part (nq x nq, into c): each category's regions
** as a bitset, C_pq the count of the regions both sets hold. Exact, and
** nq^2/2 x nc/64 AND-and-count steps rather than sum_c k_c^2 scattered
** increments (a tenth of the time at 2 800 regions x 666 classes). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("popcnt", "default")))
#endif
static void co_occurrences(const struct lists *l, size_t nc, size_t nq, double *c)
{
	size_t words = (nc + 63) / 64;
	uint64_t *bits = ec_calloc(nq * words + 1, sizeof *bits);

	for (size_t r = 0; r < nc; r++)
		for (size_t i = l->at[r]; i < l->at[r + 1]; i++)
			bits[(size_t)l->cat[i] * words + r / 64] |= (uint64_t)1 << (r % 64);
	for (size_t p = 0; p < nq; p++) {
		const uint64_t *bp = bits + p * words;
		for (size_t q = p; q < nq; q++) {
			const uint64_t *bq = bits + q * words;
			unsigned long long n = 0;
			for (size_t w = 0; w < words; w++)
				n += (unsigned long long)__builtin_popcountll(bp[w] & bq[w]);
			c[p * nq + q] = c[q * nq + p] = (double)n;
		}
	}
	free(bits);
}

/* The pass of density, COI and COG over the regions [from, to) of the
** taking part: the inputs are shared and read only, each region's rows are
** written by the one worker that has it. */
struct pass {
	const struct lists *l;
	const double *phi, *scale, *acol, *inv_row, *kp; /* phi nq x nq, without its diagonal */
	const uint8_t *m;                                /* Mcp, nr x np */
	const size_t *rrow, *pcol;                       /* region and column in the full matrices */
	const size_t *absent;                            /* the columns not taking part (NaN), nabsent */
	size_t nabsent;
	size_t nq, np, from, to;
	double inv_sd;
	double *density, *cog, *coi;
};

/* The inner loops are the compute's hottest (sum_c k_c x nq, twice): on
** x86-64 GCC also builds them for AVX2 and the loader picks the clone the
** processor runs (not under the sanitizers, whose build checks the rest). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define HOT_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define HOT_CLONES
#endif

/* Over the columns [p0, p0 + n) of the taking part: acc_p = sum_i phi_{q_i
** p} and sub_p = sum_i scale_{q_i} phi_{q_i p}, the region's k categories
** q_i. Eight rows of phi at a time, so that the two sums are loaded and
** stored once per eight rows rather than per row (the pass is bound by
** loads and stores, not by the additions). Each sum still adds its terms
** in the categories' order, so the figures are the same to the last bit
** as one row at a time. */
HOT_CLONES static void region_sums(const struct pass *w, const int32_t *cat, size_t k, size_t p0, size_t n,
				   double *restrict acc, double *restrict sub)
{
	const double *phi = w->phi + p0;
	size_t nq = w->nq, i = 0;

	for (; i + 8 <= k; i += 8) {
		const double *restrict r[8];
		double s[8];
		for (int j = 0; j < 8; j++) {
			r[j] = phi + (size_t)cat[i + j] * nq;
			s[j] = w->scale[cat[i + j]];
		}
		for (size_t p = 0; p < n; p++) {
			acc[p] = acc[p] + r[0][p] + r[1][p] + r[2][p] + r[3][p] + r[4][p] + r[5][p] + r[6][p] + r[7][p];
			sub[p] = sub[p] + s[0] * r[0][p] + s[1] * r[1][p] + s[2] * r[2][p] + s[3] * r[3][p] +
				 s[4] * r[4][p] + s[5] * r[5][p] + s[6] * r[6][p] + s[7] * r[7][p];
		}
	}
	for (; i < k; i++) {
		const double *restrict r0 = phi + (size_t)cat[i] * nq;
		double s0 = w->scale[cat[i]];
		for (size_t p = 0; p < n; p++) {
			acc[p] += r0[p];
			sub[p] += s0 * r0[p];
		}
	}
}

/* Region c's density, COG and COI from its sums acc and sub, written in
** its rows of the full matrices (NaN in the columns that take no part). */
static void region_finish(const struct pass *w, size_t c, const double *acc, const double *sub)
{
	size_t r = w->rrow[c];
	double *dens = w->density + r * w->np, *cog = w->cog + r * w->np, coi = 0;
	const uint8_t *m = w->m + r * w->np;

	for (size_t k = 0; k < w->nabsent; k++)
		dens[w->absent[k]] = cog[w->absent[k]] = NAN;
	for (size_t p = 0; p < w->nq; p++) {
		size_t j = w->pcol[p];
		double d = acc[p] * w->inv_row[p];
		dens[j] = d;
		if (m[j]) {
			cog[j] = 0;
		} else {
			coi += d * w->kp[p];
			cog[j] = (w->acol[p] - sub[p]) * w->inv_sd;
		}
	}
	w->coi[c] = coi;
}

/* The worker, over its regions a group of CHUNK at a time: the group's
** sums (in a buffer that stays in the core's cache) made a block of
** columns at a time, so that the block's rows of phi (at most about 1 MiB)
** are read from the cache by every region of the group rather than from
** memory by each; then each region of the group finished. */
static void *region_pass(void *arg)
{
	enum { CHUNK = 32 };
	const struct pass *w = arg;
	size_t nq = w->nq, block = ((size_t)1 << 20) / (nq * sizeof(double)) / 8 * 8;
	double *buf = ec_malloc(CHUNK * 2 * nq * sizeof *buf);

	if (block < 64)
		block = 64;
	for (size_t c0 = w->from; c0 < w->to; c0 += CHUNK) {
		size_t group = w->to - c0 < CHUNK ? w->to - c0 : CHUNK;
		memset(buf, 0, group * 2 * nq * sizeof *buf);
		for (size_t p0 = 0; p0 < nq; p0 += block) {
			size_t n = nq - p0 < block ? nq - p0 : block;
			for (size_t g = 0; g < group; g++) {
				size_t c = c0 + g;
				double *acc = buf + g * 2 * nq;
				region_sums(w, w->l->cat + w->l->at[c], w->l->at[c + 1] - w->l->at[c], p0, n, acc + p0,
					    acc + nq + p0);
			}
		}
		for (size_t g = 0; g < group; g++)
			region_finish(w, c0 + g, buf + g * 2 * nq, buf + g * 2 * nq + nq);
	}
	free(buf);
	return NULL;
}

/* The pass over every region, split across the cores when the work (about
** work additions) is worth a thread; each worker the same share of the
** regions' categories. Inline when a thread cannot be had. */
static void on_cores(const struct pass *all, size_t work)
{
	enum { MOST = 8 };
	struct pass part[MOST];
	pthread_t tid[MOST];
	int started[MOST] = { 0 };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = work < 4000000 || cores < 2 ? 1 : cores > MOST ? MOST : (size_t)cores;
	size_t total = all->l->at[all->to] - all->l->at[all->from], c = all->from;

	for (size_t k = 0; k < n; k++) {
		size_t goal = all->l->at[all->from] + total * (k + 1) / n;
		part[k] = *all;
		part[k].from = c;
		while (c < all->to && (k + 1 == n || all->l->at[c] < goal))
			c++;
		part[k].to = c;
	}
	for (size_t k = 1; k < n; k++)
		started[k] = pthread_create(&tid[k], NULL, region_pass, &part[k]) == 0;
	region_pass(&part[0]);
	for (size_t k = 1; k < n; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			region_pass(&part[k]);
	}
}

/* RCA and Mcp over rows [from, to): each row's diversity, and the
** ubiquity counted into the worker's own array (summed by the caller).
** RCA is missing where the region's or the category's total is 0: the
** rows so are filled apart, the categories so (ncz of them, in cz) are
** mended after the row's division, which is thus a loop without a branch
** that the compiler does four at a time. */
struct rca_part {
	const double *x, *rt, *ct;
	const size_t *cz;
	size_t ncz;
	double threshold;
	size_t np, from, to;
	double *rca;
	uint8_t *m;
	int32_t *diversity, *ubiquity;
};

HOT_CLONES static void *rca_rows(void *arg)
{
	const struct rca_part *w = arg;
	const double *restrict ct = w->ct;
	int32_t *restrict ubiquity = w->ubiquity;
	double threshold = w->threshold;
	size_t np = w->np;

	for (size_t r = w->from; r < w->to; r++) {
		const double *restrict xr = w->x + r * np;
		double *restrict rca = w->rca + r * np, rt = w->rt[r];
		uint8_t *restrict m = w->m + r * np;
		int32_t k = 0;

		if (!(rt > 0)) {
			for (size_t p = 0; p < np; p++)
				rca[p] = NAN;
			memset(m, 0, np);
			w->diversity[r] = 0;
			continue;
		}
		for (size_t p = 0; p < np; p++)
			rca[p] = (xr[p] / rt) / ct[p];
		for (size_t i = 0; i < w->ncz; i++)
			rca[w->cz[i]] = NAN;
		for (size_t p = 0; p < np; p++) {
			int32_t b = rca[p] >= threshold;
			m[p] = (uint8_t)b;
			k += b;
			ubiquity[p] += b;
		}
		w->diversity[r] = k;
	}
	return NULL;
}

/* The RCA pass, its rows split across the cores above a million cells
** (its first touch of the result pages among them). */
static void rca_on_cores(const double *x, size_t nr, size_t np, const double *rt, const double *ct, double threshold,
			 struct ec_cx_result *out)
{
	enum { MOST = 8 };
	struct rca_part part[MOST];
	pthread_t tid[MOST];
	int started[MOST] = { 0 };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = nr * np < 1000000 || cores < 2 ? 1 : cores > MOST ? MOST : (size_t)cores;
	size_t *cz = ec_malloc((np + 1) * sizeof *cz), ncz = 0;

	for (size_t p = 0; p < np; p++)
		if (!(ct[p] > 0))
			cz[ncz++] = p;
	for (size_t k = 0; k < n; k++) {
		part[k] = (struct rca_part){ x, rt, ct, cz, ncz, threshold, np, nr * k / n, nr * (k + 1) / n, out->rca,
					     out->m, out->diversity, k ? ec_calloc(np, sizeof(int32_t)) : out->ubiquity };
		if (k)
			started[k] = pthread_create(&tid[k], NULL, rca_rows, &part[k]) == 0;
	}
	rca_rows(&part[0]);
	for (size_t k = 1; k < n; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			rca_rows(&part[k]);
		for (size_t p = 0; p < np; p++)
			out->ubiquity[p] += part[k].ubiquity[p];
		free(part[k].ubiquity);
	}
	free(cz);
}

int ec_cx_compute(const double *x, size_t nr, size_t np, const struct ec_cx_options *o, struct ec_cx_result *out,
		  char **err)
{
	struct ec_cx_options dflt;
	struct lists l;
	double *rt, *ct, all = 0, *kp, *kc_val, *kp_sqrt, *phi_row, mean, sd, coi_mean, coi_sd, cov = 0;
	int32_t *kc, *kq;
	size_t *crow, *ccol, nc = 0, nq = 0, ncat = 0, n;
	int rc, negative = 0;

	*err = NULL;
	memset(out, 0, sizeof *out);
	if (!o) {
		ec_cx_options_init(&dflt);
		o = &dflt;
	}
	if (nr == 0 || np == 0) {
		*err = ec_strdup("complexity: the matrix is empty");
		return EC_EUSAGE;
	}
	/* Every value >= 0, checked in the one pass that makes the totals
	** (below); the first that is not named. */
	rt = ec_malloc((nr + 1) * sizeof *rt);
	ct = ec_malloc((np + 1) * sizeof *ct);
	all = totals(x, nr, np, rt, ct, &negative);
	for (size_t i = 0; negative && i < nr * np; i++)
		if (!(x[i] >= 0)) {
			*err = ec_asprintf("complexity: region %zu, category %zu is %g; every value must be >= 0", i / np,
					   i % np, x[i]);
			free(rt);
			free(ct);
			return EC_EUSAGE;
		}
	out->nr = nr;
	out->np = np;
	out->rca = ec_big(nr * np * sizeof *out->rca);
	out->m = ec_big(nr * np); /* every row written by the RCA pass */
	out->diversity = ec_calloc(nr, sizeof *out->diversity);
	out->ubiquity = ec_calloc(np, sizeof *out->ubiquity);
	out->eci = ec_malloc(nr * sizeof *out->eci);
	out->pci = ec_malloc(np * sizeof *out->pci);
	out->proximity = ec_big(np * np * sizeof *out->proximity);
	out->density = ec_big(nr * np * sizeof *out->density);
	out->coi = ec_malloc(nr * sizeof *out->coi);
	out->cog = ec_big(nr * np * sizeof *out->cog);
	out->fitness = ec_malloc(nr * sizeof *out->fitness);
	out->complexity = ec_malloc(np * sizeof *out->complexity);
	out->fitness_converged = -1;
	for (size_t i = 0; i < nr; i++)
		out->eci[i] = out->coi[i] = out->fitness[i] = NAN;
	for (size_t i = 0; i < np; i++)
		out->pci[i] = out->complexity[i] = NAN;
	for (size_t i = 0; i < np * np; i++)
		out->proximity[i] = NAN;

	/* RCA and Mcp over the regions and categories with a total. */
	for (size_t p = 0; p < np; p++) {
		ncat += ct[p] > 0;
		ct[p] /= all; /* the category's share, as the formula divides by it */
	}
	rca_on_cores(x, nr, np, rt, ct, o->threshold, out);
	free(rt);
	free(ct);

	/* Those that take part: diversity and ubiquity above 0 (the command
	** leaves the others out of the eigenvector, with ECI/PCI missing). */
	crow = ec_malloc(nr * sizeof *crow);
	ccol = ec_malloc(np * sizeof *ccol);
	for (size_t p = 0; p < np; p++)
		ccol[p] = out->ubiquity[p] > 0 ? nq++ : (size_t)-1;
	for (size_t r = 0; r < nr; r++)
		crow[r] = out->diversity[r] > 0 ? nc++ : (size_t)-1;
	/* Density and COG: NaN in the rows that take no part; the region pass
	** writes the others whole. */
	for (size_t r = 0; r < nr; r++)
		if (crow[r] == (size_t)-1)
			for (size_t p = 0; p < np; p++)
				out->density[r * np + p] = out->cog[r * np + p] = NAN;
	if (nc < 2 || nq < 2) {
		*err = ec_asprintf("complexity: %zu regions and %zu categories have a comparative advantage; "
				   "at least 2 of each are needed", nc, nq);
		free(crow);
		free(ccol);
		ec_cx_release(out);
		return EC_EDATA;
	}
	kc = ec_malloc(nc * sizeof *kc);
	kq = ec_malloc(nq * sizeof *kq);
	l.at = ec_malloc((nc + 1) * sizeof *l.at);
	n = 0;
	for (size_t r = 0; r < nr; r++)
		n += (size_t)out->diversity[r];
	l.cat = ec_malloc((n + 1) * sizeof *l.cat);
	/* Each column written and kept only where Mcp is 1: no branch to
	** mispredict on the one cell in seven that has it. */
	n = 0;
	for (size_t r = 0; r < nr; r++) {
		const uint8_t *m = out->m + r * np;
		if (crow[r] == (size_t)-1)
			continue;
		kc[crow[r]] = out->diversity[r];
		l.at[crow[r]] = n;
		for (size_t p = 0; p < np; p++) {
			l.cat[n] = (int32_t)ccol[p];
			n += m[p];
		}
	}
	l.at[nc] = n;
	lists_by_category(&l, nc, nq);
	for (size_t p = 0; p < np; p++)
		if (ccol[p] != (size_t)-1)
			kq[ccol[p]] = out->ubiquity[p];

	/* ECI and PCI. */
	kp = ec_malloc(nq * sizeof *kp);
	kc_val = ec_malloc(nc * sizeof *kc_val);
	kp_sqrt = ec_malloc(nq * sizeof *kp_sqrt);
	for (size_t p = 0; p < nq; p++)
		kp_sqrt[p] = sqrt((double)kq[p]);
	if (o->method == EC_CX_REFLECTIONS) {
		reflections(&l, nc, kc, kq, nq, o->reflections > 0 ? o->reflections : 40, kp);
		out->eigenvalue = NAN;
		rc = EC_OK;
	} else {
		rc = second_eigenvector(&l, nc, kc, kp_sqrt, nq, kp, &out->eigenvalue, err);
	}
	if (rc != EC_OK) {
		free(kc), free(kq), free(l.at), free(l.cat), free(l.cat_at), free(l.reg), free(kp), free(kc_val), free(kp_sqrt), free(crow), free(ccol);
		ec_cx_release(out);
		return rc;
	}
	for (size_t c = 0; c < nc; c++) {
		double sum = 0;
		for (size_t i = l.at[c]; i < l.at[c + 1]; i++)
			sum += kp[l.cat[i]];
		kc_val[c] = sum / kc[c];
	}
	/* The sign: ECI correlated positively with diversity. */
	{
		double md = 0, me = 0;
		for (size_t c = 0; c < nc; c++) {
			md += kc[c];
			me += kc_val[c];
		}
		md /= (double)nc;
		me /= (double)nc;
		for (size_t c = 0; c < nc; c++)
			cov += (kc[c] - md) * (kc_val[c] - me);
		if (cov < 0) {
			for (size_t c = 0; c < nc; c++)
				kc_val[c] = -kc_val[c];
			for (size_t p = 0; p < nq; p++)
				kp[p] = -kp[p];
		}
	}
	mean_sd(kc_val, nc, ncat, &mean, &sd);

	/* Proximity: phi_pq = C_pq / max(k_p, k_q), C the co-occurrences
	** (over the taking part, nq x nq, for now). */
	co_occurrences(&l, nc, nq, out->proximity);
	for (size_t p = 0; p < nq; p++)
		for (size_t q = 0; q < nq; q++)
			out->proximity[p * nq + q] /= kq[p] > kq[q] ? kq[p] : kq[q];
	/* A category's proximity to itself (1) takes no part in density, COI
	** and COG, as in the command; it is written back at the end. */
	for (size_t p = 0; p < nq; p++)
		out->proximity[p * nq + p] = 0;

	/* Density, COI and COG over the taking part, with the raw k_p (the
	** command normalises afterwards). phi_row = sum_q phi_pq. */
	phi_row = ec_calloc(nq, sizeof *phi_row);
	for (size_t p = 0; p < nq; p++)
		for (size_t q = 0; q < nq; q++)
			phi_row[p] += out->proximity[p * nq + q];
	{
		/* A_qp = phi_qp k_q / phi_row_q = phi_qp scale_q, and its column
		** sums: COG_cp is (1 - M_cp) (sum_q A_qp - sum over the region's
		** categories q of A_qp). Density and COG take one pass over each
		** region's categories (region_pass), on the cores there are. */
		double *acol = ec_calloc(nq, sizeof *acol), *scale = ec_malloc(nq * sizeof *scale);
		double *coi = ec_malloc(nc * sizeof *coi), *inv_row = ec_malloc(nq * sizeof *inv_row);
		size_t *rrow = ec_malloc(nc * sizeof *rrow), *pcol = ec_malloc(nq * sizeof *pcol);
		size_t *absent = ec_malloc((np - nq + 1) * sizeof *absent), nabsent = 0;
		struct pass w = { &l, out->proximity, scale, acol, inv_row, kp, out->m, rrow, pcol, absent, 0, nq, np, 0, nc,
				  1 / sd, out->density, out->cog, coi };

		for (size_t p = 0; p < np; p++)
			if (ccol[p] == (size_t)-1)
				absent[nabsent++] = p;
		w.nabsent = nabsent;

		for (size_t r = 0; r < nr; r++)
			if (crow[r] != (size_t)-1)
				rrow[crow[r]] = r;
		for (size_t p = 0; p < np; p++)
			if (ccol[p] != (size_t)-1)
				pcol[ccol[p]] = p;
		for (size_t q = 0; q < nq; q++) {
			inv_row[q] = 1 / phi_row[q];
			scale[q] = kp[q] * inv_row[q];
			for (size_t p = 0; p < nq; p++)
				acol[p] += out->proximity[q * nq + p] * scale[q];
		}
		on_cores(&w, l.at[nc] * nq);
		mean_sd(coi, nc, ncat, &coi_mean, &coi_sd);
		for (size_t c = 0; c < nc; c++) {
			out->eci[rrow[c]] = (kc_val[c] - mean) / sd;
			out->coi[rrow[c]] = (coi[c] - coi_mean) / coi_sd;
		}
		free(acol), free(scale), free(coi), free(inv_row), free(rrow), free(pcol), free(absent);
	}
	for (size_t p = 0; p < np; p++)
		if (ccol[p] != (size_t)-1)
			out->pci[p] = (kp[ccol[p]] - mean) / sd;
	/* The proximity matrix, spread from the taking part to all np (in
	** place, from the last row back). */
	for (size_t p = np; p-- > 0;)
		for (size_t q = np; q-- > 0;) {
			double v = ccol[p] != (size_t)-1 && ccol[q] != (size_t)-1 ? out->proximity[ccol[p] * nq + ccol[q]] : NAN;
			out->proximity[p * np + q] = p == q && !isnan(v) ? 1 : v;
		}

	/* Fitness–Complexity. */
	{
		double *f = ec_malloc(nc * sizeof *f), *q = ec_malloc(nq * sizeof *q);
		out->fitness_converged = fitness_complexity(&l, nc, nq, o->fitness_iterations > 0 ? o->fitness_iterations : 500, f, q);
		for (size_t r = 0; r < nr; r++)
			if (crow[r] != (size_t)-1)
				out->fitness[r] = f[crow[r]];
		for (size_t p = 0; p < np; p++)
			if (ccol[p] != (size_t)-1)
				out->complexity[p] = q[ccol[p]];
		free(f);
		free(q);
	}
	free(kc), free(kq), free(l.at), free(l.cat), free(l.cat_at), free(l.reg), free(kp), free(kc_val), free(kp_sqrt), free(crow), free(ccol);
	free(phi_row);
	return EC_OK;
}

/* ---- investment priorities ---- */

void ec_priority_weights_init(struct ec_priority_weights *w)
{
	w->density = 0.4;
	w->pci = 0.2;
	w->cog = 0.2;
	w->growth = 0.2;
	w->gap = 0;
}

int ec_priority_weights_parse(const char *s, struct ec_priority_weights *w, char **err)
{
	static const char *const names[] = { "density", "pci", "cog", "growth", "gap" };
	double *slot[] = { &w->density, &w->pci, &w->cog, &w->growth, &w->gap };

	*err = NULL;
	while (*s) {
		size_t n = strcspn(s, ","), k;
		const char *eq = memchr(s, '=', n);
		char *end;
		double v;

		for (k = 0; k < 5 && eq; k++)
			if (strlen(names[k]) == (size_t)(eq - s) && strncmp(s, names[k], (size_t)(eq - s)) == 0)
				break;
		if (!eq || k == 5) {
			*err = ec_asprintf("field.enum|value=%.*s|expected=NAME=WEIGHT with NAME density, pci, cog, growth or gap", (int)n, s);
			return EC_EUSAGE;
		}
		v = strtod(eq + 1, &end);
		if (end != s + n || end == eq + 1 || !isfinite(v)) {
			*err = ec_asprintf("number.invalid|value=%.*s", (int)n, s);
			return EC_EUSAGE;
		}
		*slot[k] = v;
		s += n;
		if (*s == ',')
			s++;
	}
	return EC_OK;
}

struct ranked {
	double key;
	size_t i;
};

static int by_key_desc(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->key, y = ((const struct ranked *)b)->key;
	return x > y ? -1 : x < y;
}

size_t ec_priorities(const struct ec_cx_result *cx, const double *growth, size_t r, const struct ec_priority_weights *w,
		     struct ec_priority *out)
{
	const double weight[EC_PRIORITY_TERMS] = { w->density, w->pci, w->cog, w->growth, w->gap };
	size_t n = 0, np = cx->np;
	struct ranked *order;

	for (size_t p = 0; p < np; p++) {
		size_t at = r * np + p;
		struct ec_priority *o;
		if (cx->m[at] || isnan(cx->density[at]) || isnan(cx->pci[p]))
			continue;
		o = &out[n++];
		memset(o, 0, sizeof *o);
		o->p = p;
		o->value[0] = cx->density[at];
		o->value[1] = cx->pci[p];
		o->value[2] = cx->cog[at];
		o->value[3] = growth ? growth[p] : NAN;
		o->value[4] = isnan(cx->rca[at]) ? 1 : 1 - fmin(cx->rca[at], 1);
	}
	/* z-scores over the candidates, of the values winsorised at the 5th
	** and 95th percentiles of the term (a category that grew 1 000 % from
	** almost nothing counts as much as the 95th percentile, no more); a
	** missing value counts as the mean. The values shown stay as they are. */
	{
		double *v = ec_malloc((n + 1) * sizeof *v);
		size_t *at = ec_malloc((n + 1) * sizeof *at);
		for (int k = 0; k < EC_PRIORITY_TERMS; k++) {
			double sum = 0, ss = 0, m, sd;
			size_t c = 0;
			for (size_t i = 0; i < n; i++)
				if (!isnan(out[i].value[k])) {
					v[c] = out[i].value[k];
					at[c++] = i;
				}
			if (c < 2)
				continue;
			ec_evaluate_winsorise(v, c, 1, EC_PRIORITY_WINSOR, 1 - EC_PRIORITY_WINSOR);
			for (size_t j = 0; j < c; j++)
				sum += v[j];
			m = sum / (double)c;
			for (size_t j = 0; j < c; j++)
				ss += (v[j] - m) * (v[j] - m);
			sd = sqrt(ss / (double)(c - 1));
			for (size_t j = 0; j < c && sd > 0; j++)
				out[at[j]].z[k] = (v[j] - m) / sd;
		}
		free(v);
		free(at);
	}
	order = ec_malloc((n + 1) * sizeof *order);
	for (size_t i = 0; i < n; i++) {
		out[i].score = 0;
		for (int k = 0; k < EC_PRIORITY_TERMS; k++)
			out[i].score += weight[k] * out[i].z[k];
		order[i].key = out[i].value[0];
		order[i].i = i;
	}
	/* missing links: the top quarter by density of what the region lacks */
	qsort(order, n, sizeof *order, by_key_desc);
	for (size_t i = 0; i < (n + 3) / 4; i++)
		out[order[i].i].missing_link = 1;
	for (size_t i = 0; i < n; i++) {
		order[i].key = out[i].score;
		order[i].i = i;
	}
	qsort(order, n, sizeof *order, by_key_desc);
	{
		struct ec_priority *sorted = ec_malloc((n + 1) * sizeof *sorted);
		for (size_t i = 0; i < n; i++)
			sorted[i] = out[order[i].i];
		memcpy(out, sorted, n * sizeof *sorted);
		free(sorted);
	}
	free(order);
	return n;
}

/* ---- the category space ---- */

static int by_strength(const void *a, const void *b)
{
	const struct ec_cx_edge *x = a, *y = b;

	if (x->phi != y->phi)
		return x->phi > y->phi ? -1 : 1;
	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->q < y->q ? -1 : x->q > y->q;
}

/* Prim's algorithm for the maximum spanning forest over the dense matrix
** (O(np^2), as the matrix is dense anyway), then every other link at least
** min_proximity strong, strongest first, at most max_extra of them. */
size_t ec_cx_network(const double *phi, size_t np, double min_proximity, size_t max_extra,
		     struct ec_cx_edge **out)
{
	double *key = ec_malloc((np + 1) * sizeof *key);
	size_t *from = ec_malloc((np + 1) * sizeof *from);
	uint8_t *done = ec_calloc(np + 1, 1), *tree;
	struct ec_cx_edge *e = ec_malloc((np + 1) * sizeof *e), *extra = NULL;
	size_t n = 0, nextra = 0, cap = 0;

	for (size_t p = 0; p < np; p++) {
		done[p] = (uint8_t)(isnan(phi[p * np + p]) != 0); /* takes no part */
		key[p] = -1;
		from[p] = (size_t)-1;
	}
	for (;;) {
		size_t best = (size_t)-1;
		for (size_t p = 0; p < np; p++)
			if (!done[p] && (best == (size_t)-1 || key[p] > key[best]))
				best = p;
		if (best == (size_t)-1)
			break;
		done[best] = 1;
		if (from[best] != (size_t)-1 && key[best] > 0) {
			size_t a = from[best] < best ? from[best] : best, b = from[best] < best ? best : from[best];
			e[n++] = (struct ec_cx_edge){ (uint32_t)a, (uint32_t)b, key[best], 1 };
		}
		for (size_t q = 0; q < np; q++) {
			double v = phi[best * np + q];
			if (!done[q] && !isnan(v) && v > key[q]) {
				key[q] = v;
				from[q] = best;
			}
		}
	}
	/* The tree's links, marked, so the extra ones are the others. */
	tree = ec_calloc(np * np + 1, 1);
	for (size_t i = 0; i < n; i++)
		tree[e[i].p * np + e[i].q] = 1;
	for (size_t p = 0; p < np; p++)
		for (size_t q = p + 1; q < np; q++) {
			double v = phi[p * np + q];
			if (isnan(v) || !(v >= min_proximity) || !(v > 0) || tree[p * np + q])
				continue;
			if (nextra == cap) {
				cap = cap ? 2 * cap : 64;
				extra = ec_realloc(extra, cap * sizeof *extra);
			}
			extra[nextra++] = (struct ec_cx_edge){ (uint32_t)p, (uint32_t)q, v, 0 };
		}
	qsort(e, n, sizeof *e, by_strength);
	if (nextra) {
		qsort(extra, nextra, sizeof *extra, by_strength);
		if (nextra > max_extra)
			nextra = max_extra;
		e = ec_realloc(e, (n + nextra + 1) * sizeof *e);
		memcpy(e + n, extra, nextra * sizeof *e);
		n += nextra;
	}
	free(extra);
	free(tree);
	free(key);
	free(from);
	free(done);
	*out = e;
	return n;
}
