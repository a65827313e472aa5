/*
** This is the help in choosing DBSCAN's eps: the sorted k-distance curve
** (each point's core distance, the radius at which its neighbourhood weighs
** min_weight) and its knee. Neighbours come from a kd-tree on the unit
** vectors, where the chord orders pairs as the great-circle distance does.
*/
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/dbscan.h"
#include "echelon/echelon.h"

#define LEAF 8 /* at most this many points in a leaf of the tree */

struct kpoint {
	double c[3]; /* the unit vector */
	double w;
};

/* A kd-tree kept in the order of its points: the range [lo, hi) splits at
** mid = (lo + hi) / 2 on axis[mid] at split[mid], the points before mid not
** above it on that axis and those after not below. (The split is kept
** apart: building the halves moves the point that was at mid.) */
struct kdtree {
	struct kpoint *pts;
	unsigned char *axis;
	double *split;
};

/* A candidate neighbour of the heap: its squared chord and weight. */
struct near {
	double d2, w;
};

/* The nearest points found so far for one query, a max-heap on d2 holding
** just enough weight: what reaches min_weight without its farthest point
** drops that point. */
struct search {
	const double *q;
	double min_weight, weight;
	struct near *heap;
	size_t n, cap;
};

static void swap_points(struct kpoint *a, struct kpoint *b)
{
	struct kpoint t = *a;
	*a = *b;
	*b = t;
}

/* Puts the k-th point of [lo, hi) by coordinate on axis ax in its place,
** smaller ones before it and larger after (Hoare's selection; with the
** lower middle as pivot, each partition leaves both sides non-empty). */
static void select_kth(struct kpoint *p, size_t lo, size_t hi, size_t k, int ax)
{
	while (hi - lo > 1) {
		double pivot = p[lo + (hi - 1 - lo) / 2].c[ax];
		ptrdiff_t i = (ptrdiff_t)lo - 1, j = (ptrdiff_t)hi;

		for (;;) {
			do
				i++;
			while (p[i].c[ax] < pivot);
			do
				j--;
			while (p[j].c[ax] > pivot);
			if (i >= j)
				break;
			swap_points(&p[i], &p[j]);
		}
		/* [lo, j] <= pivot <= [j + 1, hi) */
		if (k <= (size_t)j)
			hi = (size_t)j + 1;
		else
			lo = (size_t)j + 1;
	}
}

static void build(struct kdtree *t, size_t lo, size_t hi)
{
	double min[3] = { 2, 2, 2 }, max[3] = { -2, -2, -2 };
	size_t mid = lo + (hi - lo) / 2;
	int ax = 0;

	if (hi - lo <= LEAF)
		return;
	for (size_t i = lo; i < hi; i++)
		for (int k = 0; k < 3; k++) {
			if (t->pts[i].c[k] < min[k])
				min[k] = t->pts[i].c[k];
			if (t->pts[i].c[k] > max[k])
				max[k] = t->pts[i].c[k];
		}
	for (int k = 1; k < 3; k++)
		if (max[k] - min[k] > max[ax] - min[ax])
			ax = k;
	select_kth(t->pts, lo, hi, mid, ax);
	t->axis[mid] = (unsigned char)ax;
	t->split[mid] = t->pts[mid].c[ax];
	build(t, lo, mid);
	build(t, mid, hi);
}

static void sift_up(struct near *h, size_t i)
{
	while (i > 0 && h[(i - 1) / 2].d2 < h[i].d2) {
		struct near t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static void pop_top(struct near *h, size_t n)
{
	size_t i = 0;

	h[0] = h[n - 1];
	n--;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, top = i;
		if (l < n && h[l].d2 > h[top].d2)
			top = l;
		if (r < n && h[r].d2 > h[top].d2)
			top = r;
		if (top == i)
			break;
		struct near t = h[i];
		h[i] = h[top];
		h[top] = t;
		i = top;
	}
}

/* The squared chord within which the answer lies: the farthest kept
** point's once the heap weighs enough, else everything. */
static double bound(const struct search *s)
{
	return s->weight >= s->min_weight ? s->heap[0].d2 : 5.0;
}

static void offer(struct search *s, double d2, double w)
{
	if (s->weight >= s->min_weight && d2 >= s->heap[0].d2)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->heap = ec_realloc(s->heap, s->cap * sizeof *s->heap);
	}
	s->heap[s->n] = (struct near){ d2, w };
	sift_up(s->heap, s->n++);
	s->weight += w;
	while (s->n > 1 && s->weight - s->heap[0].w >= s->min_weight) {
		s->weight -= s->heap[0].w;
		pop_top(s->heap, s->n--);
	}
}

static void search(const struct kdtree *t, struct search *s, size_t lo, size_t hi)
{
	size_t mid;
	double diff;

	if (hi - lo <= LEAF) {
		for (size_t i = lo; i < hi; i++) {
			const double *c = t->pts[i].c;
			double dx = c[0] - s->q[0], dy = c[1] - s->q[1], dz = c[2] - s->q[2];
			offer(s, dx * dx + dy * dy + dz * dz, t->pts[i].w);
		}
		return;
	}
	mid = lo + (hi - lo) / 2;
	diff = s->q[t->axis[mid]] - t->split[mid];
	if (diff < 0) {
		search(t, s, lo, mid);
		if (diff * diff < bound(s)) /* equal: nothing there is nearer */
			search(t, s, mid, hi);
	} else {
		search(t, s, mid, hi);
		if (diff * diff < bound(s))
			search(t, s, lo, mid);
	}
}

static int check_points(const double *lat_deg, const double *lon_deg, const double *weight, size_t n,
			double min_weight, size_t max_curve, char **err)
{
	if (!(min_weight > 0) || !(min_weight <= EC_KDIST_MAX_MIN_WEIGHT)) {
		*err = ec_asprintf("kdist.min_points|value=%g|max=%d", min_weight,
				   EC_KDIST_MAX_MIN_WEIGHT);
		return EC_EUSAGE;
	}
	if (max_curve < 2) {
		*err = ec_asprintf("kdist.curve|count=%zu", max_curve);
		return EC_EUSAGE;
	}
	return ec_dbscan_points_check("k-distance", lat_deg, lon_deg, weight, n, err);
}

static int descending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

size_t ec_dbscan_knee(const double *distance, size_t m)
{
	double top, bottom, best = 0;
	size_t knee = 0;

	if (m < 3)
		return 0;
	top = distance[0];
	bottom = distance[m - 1];
	if (!(top > bottom))
		return 0;
	/* Scaled, the chord runs from (0, 1) to (1, 0): a point's distance
	** below it is (1 - x - y) / sqrt(2). */
	for (size_t i = 1; i + 1 < m; i++) {
		double x = (double)i / (double)(m - 1), y = (distance[i] - bottom) / (top - bottom);
		if (1 - x - y > best)
			best = 1 - x - y, knee = i;
	}
	return knee;
}

void ec_dbscan_kdist_release(struct ec_kdist *k)
{
	free(k->share);
	free(k->distance_km);
	memset(k, 0, sizeof *k);
	k->knee_km = NAN;
}

int ec_dbscan_kdist(const double *lat_deg, const double *lon_deg, const double *weight, size_t n,
		    double min_weight, size_t max_curve, double knee_max_km, struct ec_kdist *out, char **err)
{
	const double rad = 3.14159265358979323846 / 180.0;
	struct kdtree t;
	struct search s;
	double *dist, total = 0;
	size_t m, finite = 0, knee = 0, step_count;
	int rc;

	*err = NULL;
	memset(out, 0, sizeof *out);
	out->knee_km = NAN;
	if ((rc = check_points(lat_deg, lon_deg, weight, n, min_weight, max_curve, err)) != EC_OK)
		return rc;
	out->points = n;
	m = n > EC_KDIST_SAMPLE ? EC_KDIST_SAMPLE : n;
	out->sampled = m;

	t.pts = ec_malloc((n ? n : 1) * sizeof *t.pts);
	t.axis = ec_calloc(n ? n : 1, 1);
	t.split = ec_calloc(n ? n : 1, sizeof *t.split);
	for (size_t i = 0; i < n; i++) {
		double lat = lat_deg[i] * rad, lon = lon_deg[i] * rad;
		t.pts[i] = (struct kpoint){ { cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat) }, weight ? weight[i] : 1.0 };
		total += t.pts[i].w;
	}
	/* The sample is taken before the tree reorders the points. */
	dist = ec_malloc((m ? m : 1) * sizeof *dist);
	{
		double (*q)[3] = ec_malloc((m ? m : 1) * sizeof *q);
		for (size_t j = 0; j < m; j++)
			memcpy(q[j], t.pts[(size_t)((double)j * (double)n / (double)m)].c, sizeof q[j]);
		build(&t, 0, n);
		memset(&s, 0, sizeof s);
		s.min_weight = min_weight; /* compared as ec_dbscan compares it */
		for (size_t j = 0; j < m; j++) {
			s.q = q[j];
			s.n = 0;
			s.weight = 0;
			if (total < s.min_weight) {
				out->never_core++;
				continue;
			}
			search(&t, &s, 0, n);
			if (s.weight < s.min_weight) {
				out->never_core++;
				continue;
			}
			/* chord c to the great-circle distance 2R asin(c / 2) */
			{
				double half = 0.5 * sqrt(s.heap[0].d2);
				dist[finite++] = 2.0 * EC_EARTH_RADIUS_KM * asin(half < 1 ? half : 1);
			}
		}
		free(q);
		free(s.heap);
	}
	free(t.pts);
	free(t.axis);
	free(t.split);

	qsort(dist, finite, sizeof *dist, descending);
	if (finite == 0) {
		free(dist);
		return EC_OK;
	}
	if (knee_max_km > 0)
		while (knee < finite && dist[knee] > knee_max_km)
			knee++;
	if (knee == finite)
		knee = 0;
	knee += ec_dbscan_knee(dist + knee, finite - knee);
	/* Up to 10 m: the enterprise at the knee stays core at the radius shown. */
	out->knee_km = ceil(dist[knee] * 100) / 100;
	out->knee_share = finite > 1 ? (double)knee / (double)(finite - 1) : 0;
	/* Evenly spaced ranks; the interior one nearest the knee moves to it. */
	step_count = finite < max_curve ? finite : max_curve;
	out->share = ec_malloc(step_count * sizeof *out->share);
	out->distance_km = ec_malloc(step_count * sizeof *out->distance_km);
	{
		size_t nearest = 0, nearest_gap = (size_t)-1, *rank = ec_malloc(step_count * sizeof *rank);
		int knee_in = 0;

		for (size_t j = 0; j < step_count; j++) {
			size_t gap;
			rank[j] = step_count > 1 ? (size_t)llround((double)j * (double)(finite - 1) / (double)(step_count - 1)) : 0;
			gap = rank[j] > knee ? rank[j] - knee : knee - rank[j];
			knee_in |= gap == 0;
			if (j > 0 && j + 1 < step_count && gap < nearest_gap)
				nearest_gap = gap, nearest = j;
		}
		if (!knee_in && nearest > 0)
			rank[nearest] = knee;
		for (size_t j = 0; j < step_count; j++) {
			out->share[j] = finite > 1 ? (double)rank[j] / (double)(finite - 1) : 0;
			out->distance_km[j] = dist[rank[j]];
		}
		free(rank);
	}
	out->ncurve = step_count;
	free(dist);
	return EC_OK;
}
