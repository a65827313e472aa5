/*
** This is the implementation of DBSCAN on the sphere. Points become unit
** vectors; two points are within eps when the chord between them is at most
** c = 2 sin(eps / 2R). A grid of cubes of side c/sqrt(3) on the vectors
** (kept as a sorted array of occupied cells) finds neighbours: every point
** of a cell is within eps of every other, so a cell weighing min_weight is
** all core, the core points of a cell are one cluster, and two cells join
** when one pair of their core points is within eps (Gunawan's grid DBSCAN).
** Clusters are then numbered by their first core point, and a border point
** takes the lowest-numbered cluster among the core points near it: the same
** labels as the classic expansion, with no recursion and O(n) memory.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/dbscan.h"
#include "echelon/echelon.h"

#define KEY_BITS 21
#define KEY_MASK ((UINT64_C(1) << KEY_BITS) - 1)
#define KEY_PAD 2 /* cell coordinates are stored +2, so that neighbours at -2 stay >= 0 */
#define NO_LABEL INT32_MAX
#define PI 3.14159265358979323846

/* A point in grid order: its unit vector and weight. */
struct point {
	double x, y, z, w;
};

struct dbscan {
	size_t n;
	struct point *pts;     /* [n], in cell order */
	uint32_t *orig;        /* [n]: the caller's index of each point */
	unsigned char *core;   /* [n]: 1 for a core point */
	uint32_t *parent;      /* [n]: union-find over core points */
	int32_t *label;        /* [n]: the cluster of a core point */
	size_t ncells;
	uint64_t *cell_key;    /* [ncells], increasing */
	uint32_t *cell_start;  /* [ncells + 1]: a cell's points are cell_start[c] .. cell_start[c+1] */
	uint32_t *cell_ncore;  /* [ncells]: its core points come first */
	double side;           /* cell side on the unit vectors */
	int reach;             /* neighbour cells are within +-reach on each axis */
	int small_cells;       /* 1 when a cell's diameter is below the chord: all its points are neighbours */
	double chord2_sure;    /* chord^2 below which a pair is surely within eps */
	double chord2_never;   /* chord^2 above which it surely is not */
	double hav_eps;        /* sin^2(eps / 2R): the test on the borderline */
	double min_weight;
	const double *lat_deg, *lon_deg;
};

/* Walks the occupied cells near each cell, visited in increasing order:
** for each column (dx, dy) a cursor into the sorted keys only moves forward. */
struct neighbour_walk {
	size_t cursor[25];
};

static uint64_t key_of(uint32_t ix, uint32_t iy, uint32_t iz)
{
	return ((uint64_t)ix << (2 * KEY_BITS)) | ((uint64_t)iy << KEY_BITS) | iz;
}

static uint32_t axis_cell(double v, double side)
{
	double u = floor((v + 1.0) / side);

	if (u < 0)
		u = 0;
	if (u > (double)(KEY_MASK - 2 * KEY_PAD))
		u = (double)(KEY_MASK - 2 * KEY_PAD);
	return (uint32_t)u + KEY_PAD;
}

/* Haversine test exactly as scikit-learn's ball tree does it, for the pairs
** whose chord is too close to eps to trust. */
static int borderline_within(const struct dbscan *d, uint32_t a, uint32_t b)
{
	const double rad = PI / 180.0;
	double lat1 = d->lat_deg[a] * rad, lat2 = d->lat_deg[b] * rad;
	double s0 = sin(0.5 * (lat1 - lat2));
	double s1 = sin(0.5 * (d->lon_deg[a] * rad - d->lon_deg[b] * rad));

	return s0 * s0 + cos(lat1) * cos(lat2) * s1 * s1 <= d->hav_eps;
}

static inline int within(const struct dbscan *d, uint32_t p, uint32_t q)
{
	const struct point *a = &d->pts[p], *b = &d->pts[q];
	double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
	double d2 = dx * dx + dy * dy + dz * dz;

	if (d2 <= d->chord2_sure)
		return 1;
	if (d2 > d->chord2_never)
		return 0;
	return borderline_within(d, d->orig[p], d->orig[q]);
}

/* Whether point p may be within eps of some point of cell c: the distance
** from p to the cell's cube, which is widened a little for rounding. */
static inline int may_reach(const struct dbscan *d, uint32_t p, size_t c)
{
	const struct point *a = &d->pts[p];
	uint64_t key = d->cell_key[c];
	double coord[3] = { a->x, a->y, a->z };
	uint32_t cell[3] = { (uint32_t)(key >> (2 * KEY_BITS)), (uint32_t)((key >> KEY_BITS) & KEY_MASK),
			     (uint32_t)(key & KEY_MASK) };
	double gap2 = 0;

	for (int k = 0; k < 3; k++) {
		double lo = (double)(cell[k] - KEY_PAD) * d->side - 1.0 - 1e-12;
		double hi = lo + d->side + 2e-12;
		double gap = coord[k] < lo ? lo - coord[k] : coord[k] > hi ? coord[k] - hi : 0;
		gap2 += gap * gap;
	}
	return gap2 <= d->chord2_never;
}

/* Writes the occupied cells near cell c (c included) into out, in
** increasing order, and returns their count. Cells must be asked for in
** increasing order after the walk was zeroed. */
static size_t neighbour_cells(const struct dbscan *d, struct neighbour_walk *walk, size_t c, uint32_t *out)
{
	uint64_t key = d->cell_key[c];
	uint32_t ix = (uint32_t)(key >> (2 * KEY_BITS)), iy = (uint32_t)((key >> KEY_BITS) & KEY_MASK);
	uint32_t iz = (uint32_t)(key & KEY_MASK), r = (uint32_t)d->reach;
	size_t count = 0, column = 0;

	for (uint32_t x = ix - r; x <= ix + r; x++) {
		for (uint32_t y = iy - r; y <= iy + r; y++, column++) {
			uint64_t lo = key_of(x, y, iz - r), hi = key_of(x, y, iz + r);
			size_t j = walk->cursor[column];

			while (j < d->ncells && d->cell_key[j] < lo)
				j++;
			walk->cursor[column] = j;
			for (; j < d->ncells && d->cell_key[j] <= hi; j++)
				out[count++] = (uint32_t)j;
		}
	}
	return count;
}

static uint32_t find_root(uint32_t *parent, uint32_t p)
{
	while (parent[p] != p) {
		parent[p] = parent[parent[p]];
		p = parent[p];
	}
	return p;
}

static void join(uint32_t *parent, uint32_t p, uint32_t q)
{
	p = find_root(parent, p);
	q = find_root(parent, q);
	if (p < q)
		parent[q] = p;
	else if (q < p)
		parent[p] = q;
}

/* Sorts keys (with their indexes alongside) by least-significant-digit
** radix sort, skipping the bytes all keys share. */
static void sort_keys(uint64_t *key, uint32_t *idx, size_t n)
{
	uint64_t *key2 = ec_malloc((n ? n : 1) * sizeof *key2);
	uint32_t *idx2 = ec_malloc((n ? n : 1) * sizeof *idx2);
	uint64_t *swap_key;
	uint32_t *swap_idx;
	int swaps = 0;

	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[256] = { 0 }, sum = 0;

		for (size_t i = 0; i < n; i++)
			count[(key[i] >> shift) & 0xff]++;
		if (n == 0 || count[(key[0] >> shift) & 0xff] == n)
			continue;
		for (int b = 0; b < 256; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++) {
			size_t to = count[(key[i] >> shift) & 0xff]++;
			key2[to] = key[i];
			idx2[to] = idx[i];
		}
		swap_key = key, key = key2, key2 = swap_key;
		swap_idx = idx, idx = idx2, idx2 = swap_idx;
		swaps++;
	}
	if (swaps % 2) {
		memcpy(key2, key, n * sizeof *key);
		memcpy(idx2, idx, n * sizeof *idx);
		free(key);
		free(idx);
	} else {
		free(key2);
		free(idx2);
	}
}

static int check_input(const double *lat_deg, const double *lon_deg, const double *weight, size_t n,
		       double eps_km, double min_weight, char **err)
{
	if (!(eps_km > 0) || !isfinite(eps_km)) {
		*err = ec_asprintf("discover.eps|value=%g", eps_km);
		return EC_EUSAGE;
	}
	if (!(min_weight > 0) || !isfinite(min_weight)) {
		*err = ec_asprintf("discover.min_points|value=%g", min_weight);
		return EC_EUSAGE;
	}
	return ec_dbscan_points_check("dbscan", lat_deg, lon_deg, weight, n, err);
}

int ec_dbscan_points_check(const char *who, const double *lat_deg, const double *lon_deg, const double *weight,
			   size_t n, char **err)
{
	if (n > (size_t)INT32_MAX) {
		*err = ec_asprintf("discover.too_many|who=%s|count=%zu|max=%d", who, n, INT32_MAX);
		return EC_ELIMIT;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(lat_deg[i] >= -90.0 && lat_deg[i] <= 90.0)) {
			*err = ec_asprintf("discover.latitude|who=%s|point=%zu|value=%g", who, i, lat_deg[i]);
			return EC_EUSAGE;
		}
		if (!(lon_deg[i] >= -180.0 && lon_deg[i] <= 180.0)) {
			*err = ec_asprintf("discover.longitude|who=%s|point=%zu|value=%g", who, i, lon_deg[i]);
			return EC_EUSAGE;
		}
		if (weight && (!(weight[i] >= 0) || !isfinite(weight[i]))) {
			*err = ec_asprintf("discover.weight|who=%s|point=%zu|value=%g", who, i, weight[i]);
			return EC_EUSAGE;
		}
	}
	return EC_OK;
}

/* Sets up the distances and the grid: unit vectors, cells, points in cell order. */
static void build_grid(struct dbscan *d, const double *weight, double eps_km)
{
	const double rad = PI / 180.0;
	double eps_rad = eps_km / EC_EARTH_RADIUS_KM, chord, min_side;
	size_t n = d->n;
	uint64_t *key = ec_malloc((n ? n : 1) * sizeof *key);
	uint32_t *idx = ec_malloc((n ? n : 1) * sizeof *idx);

	if (eps_rad >= PI) {
		chord = 2.0; /* every pair is within eps */
		d->chord2_sure = d->chord2_never = 5.0; /* above any chord^2 */
		d->hav_eps = 2.0;
	} else {
		double s = sin(0.5 * eps_rad);
		chord = 2.0 * s;
		d->chord2_sure = chord * chord * (1 - 1e-8);
		d->chord2_never = chord * chord * (1 + 1e-8);
		d->hav_eps = s * s;
	}
	/* A cube of side chord/sqrt(3) has a diameter below the chord; the key
	** has 21 bits an axis, which bounds the side from below (eps ~ 10 m). */
	d->side = chord / sqrt(3.0) * (1 - 1e-6);
	min_side = 2.0 / (double)(KEY_MASK - 2 * KEY_PAD - 4);
	d->small_cells = d->side >= min_side;
	if (!d->small_cells)
		d->side = min_side;
	d->reach = (int)floor(chord / d->side * (1 + 1e-9)) + 1;
	if (d->reach > 2)
		d->reach = 2; /* can't happen: side >= chord / sqrt(3) */

	d->pts = ec_malloc((n ? n : 1) * sizeof *d->pts);
	for (size_t i = 0; i < n; i++) {
		double lat = d->lat_deg[i] * rad, lon = d->lon_deg[i] * rad;
		double x = cos(lat) * cos(lon), y = cos(lat) * sin(lon), z = sin(lat);
		key[i] = key_of(axis_cell(x, d->side), axis_cell(y, d->side), axis_cell(z, d->side));
		idx[i] = (uint32_t)i;
		d->pts[i] = (struct point){ x, y, z, weight ? weight[i] : 1.0 };
	}
	sort_keys(key, idx, n);

	/* Points in cell order, so that a cell's points lie side by side. */
	{
		struct point *sorted = ec_malloc((n ? n : 1) * sizeof *sorted);
		for (size_t i = 0; i < n; i++)
			sorted[i] = d->pts[idx[i]];
		free(d->pts);
		d->pts = sorted;
	}
	d->orig = idx;
	d->ncells = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || key[i] != key[i - 1])
			d->ncells++;
	d->cell_key = ec_malloc((d->ncells ? d->ncells : 1) * sizeof *d->cell_key);
	d->cell_start = ec_malloc((d->ncells + 1) * sizeof *d->cell_start);
	d->cell_ncore = ec_calloc(d->ncells ? d->ncells : 1, sizeof *d->cell_ncore);
	for (size_t i = 0, c = 0; i < n; i++) {
		if (i == 0 || key[i] != key[i - 1]) {
			d->cell_key[c] = key[i];
			d->cell_start[c++] = (uint32_t)i;
		}
	}
	d->cell_start[d->ncells] = (uint32_t)n;
	free(key);
}

/* Finds the core points, then puts them first in their cell. */
static void find_cores(struct dbscan *d, uint32_t *near)
{
	struct neighbour_walk walk = { { 0 } };
	double *cell_weights = ec_calloc(d->ncells ? d->ncells : 1, sizeof *cell_weights);

	for (size_t c = 0; c < d->ncells; c++)
		for (uint32_t p = d->cell_start[c]; p < d->cell_start[c + 1]; p++)
			cell_weights[c] += d->pts[p].w;
	d->core = ec_calloc(d->n ? d->n : 1, 1);
	for (size_t c = 0; c < d->ncells; c++) {
		uint32_t start = d->cell_start[c], end = d->cell_start[c + 1], lo, hi;
		size_t nnear = 0;
		double cell_weight = cell_weights[c], near_weight = 0;

		if (d->small_cells && cell_weight >= d->min_weight) {
			memset(d->core + start, 1, end - start);
			goto partition;
		}
		nnear = neighbour_cells(d, &walk, c, near);
		for (size_t k = 0; k < nnear; k++)
			near_weight += cell_weights[near[k]];
		if (near_weight < d->min_weight * (1 - 1e-12)) {
			memset(d->core + start, 0, end - start); /* not enough weight around */
		} else {
			for (uint32_t p = start; p < end; p++) {
				double sum = d->small_cells ? cell_weight : 0;

				for (size_t k = 0; k < nnear && sum < d->min_weight; k++) {
					size_t other = near[k];
					if ((d->small_cells && other == c) || !may_reach(d, p, other))
						continue;
					for (uint32_t q = d->cell_start[other]; q < d->cell_start[other + 1]; q++) {
						if (within(d, p, q)) {
							sum += d->pts[q].w;
							if (sum >= d->min_weight)
								break;
						}
					}
				}
				d->core[p] = sum >= d->min_weight;
			}
		}
	partition:
		/* Core points first: swap the non-core ones to the back. */
		lo = start;
		hi = end;
		while (lo < hi) {
			if (d->core[lo]) {
				lo++;
			} else {
				hi--;
				struct point pt = d->pts[lo];
				uint32_t o = d->orig[lo];
				d->pts[lo] = d->pts[hi];
				d->orig[lo] = d->orig[hi];
				d->core[lo] = d->core[hi];
				d->pts[hi] = pt;
				d->orig[hi] = o;
				d->core[hi] = 0;
			}
		}
		d->cell_ncore[c] = lo - start;
	}
	free(cell_weights);
}

/* Whether some core point of cell a is within eps of one of cell b. */
static int cells_touch(const struct dbscan *d, size_t a, size_t b)
{
	uint32_t a_end = d->cell_start[a] + d->cell_ncore[a], b_end = d->cell_start[b] + d->cell_ncore[b];

	for (uint32_t p = d->cell_start[a]; p < a_end; p++) {
		if (!may_reach(d, p, b))
			continue;
		for (uint32_t q = d->cell_start[b]; q < b_end; q++)
			if (within(d, p, q))
				return 1;
	}
	return 0;
}

/* Joins core points within eps of each other into clusters (union-find). */
static void join_cores(struct dbscan *d, uint32_t *near)
{
	struct neighbour_walk walk = { { 0 } };

	d->parent = ec_malloc((d->n ? d->n : 1) * sizeof *d->parent);
	for (size_t c = 0; c < d->ncells; c++) {
		/* With small cells, a cell's core points are one cluster already. */
		uint32_t start = d->cell_start[c], ncore = d->cell_ncore[c];
		for (uint32_t p = start; p < d->cell_start[c + 1]; p++)
			d->parent[p] = d->small_cells && p < start + ncore ? start : p;
	}
	for (size_t c = 0; c < d->ncells; c++) {
		uint32_t start = d->cell_start[c], ncore = d->cell_ncore[c];
		size_t nnear;

		if (ncore == 0)
			continue;
		nnear = neighbour_cells(d, &walk, c, near);
		for (size_t k = 0; k < nnear; k++) {
			size_t other = near[k];
			uint32_t ostart = d->cell_start[other], oend = ostart + d->cell_ncore[other];

			if (other < c || d->cell_ncore[other] == 0)
				continue;
			if (d->small_cells) {
				if (other != c && find_root(d->parent, start) != find_root(d->parent, ostart) &&
				    cells_touch(d, c, other))
					join(d->parent, start, ostart);
				continue;
			}
			for (uint32_t p = start; p < start + ncore; p++)
				for (uint32_t q = other == c ? p + 1 : ostart; q < oend; q++)
					if (within(d, p, q))
						join(d->parent, p, q);
		}
	}
}

struct root_first {
	uint32_t first; /* the smallest caller's index among the cluster's core points */
	uint32_t root;
};

static int cmp_first(const void *a, const void *b)
{
	uint32_t x = ((const struct root_first *)a)->first, y = ((const struct root_first *)b)->first;
	return (x > y) - (x < y);
}

/* Numbers the clusters by their first core point and labels the core points. */
static size_t number_clusters(struct dbscan *d, int32_t *labels)
{
	uint32_t *first = ec_malloc((d->n ? d->n : 1) * sizeof *first);
	struct root_first *roots;
	size_t nroots = 0;

	for (size_t p = 0; p < d->n; p++) {
		if (!d->core[p])
			continue;
		uint32_t r = find_root(d->parent, (uint32_t)p);
		if (r == p) {
			first[p] = d->orig[p];
			nroots++;
		}
	}
	for (size_t p = 0; p < d->n; p++) {
		uint32_t r;
		if (!d->core[p])
			continue;
		r = find_root(d->parent, (uint32_t)p);
		if (d->orig[p] < first[r])
			first[r] = d->orig[p];
	}
	roots = ec_malloc((nroots ? nroots : 1) * sizeof *roots);
	nroots = 0;
	for (size_t p = 0; p < d->n; p++)
		if (d->core[p] && d->parent[p] == p)
			roots[nroots++] = (struct root_first){ first[p], (uint32_t)p };
	qsort(roots, nroots, sizeof *roots, cmp_first);

	d->label = (int32_t *)first; /* reused: a root's label, then every core point's */
	for (size_t k = 0; k < nroots; k++)
		d->label[roots[k].root] = (int32_t)k;
	for (size_t p = 0; p < d->n; p++) {
		if (d->core[p]) {
			d->label[p] = d->label[find_root(d->parent, (uint32_t)p)];
			labels[d->orig[p]] = d->label[p];
		}
	}
	free(roots);
	return nroots;
}

/* Gives each non-core point the lowest-numbered cluster with a core point
** within eps, or -1. */
static void label_borders(const struct dbscan *d, uint32_t *near, int32_t *labels)
{
	struct neighbour_walk walk = { { 0 } };

	for (size_t c = 0; c < d->ncells; c++) {
		uint32_t start = d->cell_start[c] + d->cell_ncore[c], end = d->cell_start[c + 1];
		size_t nnear;

		if (start == end)
			continue;
		nnear = neighbour_cells(d, &walk, c, near);
		for (uint32_t p = start; p < end; p++) {
			int32_t best = NO_LABEL;

			for (size_t k = 0; k < nnear; k++) {
				size_t other = near[k];
				uint32_t ostart = d->cell_start[other], oend = ostart + d->cell_ncore[other];

				if (ostart == oend || !may_reach(d, p, other))
					continue;
				if (d->small_cells) {
					if (d->label[ostart] >= best)
						continue;
					if (other == c) {
						best = d->label[ostart];
						continue;
					}
				}
				for (uint32_t q = ostart; q < oend; q++) {
					if (d->label[q] < best && within(d, p, q)) {
						best = d->label[q];
						if (d->small_cells)
							break; /* one cluster a cell */
					}
				}
			}
			labels[d->orig[p]] = best == NO_LABEL ? -1 : best;
		}
	}
}

int ec_dbscan_detail(const double *lat_deg, const double *lon_deg, const double *weight, size_t n,
		     double eps_km, double min_weight, int32_t *labels, unsigned char *is_core, size_t *nclusters,
		     char **err)
{
	struct dbscan d;
	uint32_t *near;
	int rc;

	*err = NULL;
	rc = check_input(lat_deg, lon_deg, weight, n, eps_km, min_weight, err);
	if (rc != EC_OK)
		return rc;

	memset(&d, 0, sizeof d);
	d.n = n;
	d.lat_deg = lat_deg;
	d.lon_deg = lon_deg;
	d.min_weight = min_weight;
	build_grid(&d, weight, eps_km);
	near = ec_malloc(125 * sizeof *near);
	find_cores(&d, near);
	join_cores(&d, near);
	*nclusters = number_clusters(&d, labels);
	label_borders(&d, near, labels);
	if (is_core)
		for (size_t p = 0; p < n; p++)
			is_core[d.orig[p]] = d.core[p];

	free(near);
	free(d.pts);
	free(d.orig);
	free(d.core);
	free(d.parent);
	free(d.label);
	free(d.cell_key);
	free(d.cell_start);
	free(d.cell_ncore);
	return EC_OK;
}

int ec_dbscan(const double *lat_deg, const double *lon_deg, const double *weight, size_t n, double eps_km,
	      double min_weight, int32_t *labels, size_t *nclusters, char **err)
{
	return ec_dbscan_detail(lat_deg, lon_deg, weight, n, eps_km, min_weight, labels, NULL, nclusters, err);
}

double ec_dbscan_distance_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg)
{
	const double rad = PI / 180.0;
	double lat1 = lat1_deg * rad, lat2 = lat2_deg * rad;
	double s0 = sin(0.5 * (lat1 - lat2)), s1 = sin(0.5 * (lon1_deg - lon2_deg) * rad);
	double hav = s0 * s0 + cos(lat1) * cos(lat2) * s1 * s1;

	return 2.0 * EC_EARTH_RADIUS_KM * asin(sqrt(hav < 1.0 ? hav : 1.0));
}

int ec_dbscan_summary(const double *lat_deg, const double *lon_deg, const double *weight, const int32_t *labels,
		      const unsigned char *is_core, size_t n, size_t nclusters, struct ec_dbscan_cluster *out,
		      char **err)
{
	const double rad = PI / 180.0;
	double *sum = NULL;
	size_t *count = NULL;
	int rc = EC_OK;

	*err = NULL;
	count = ec_calloc(nclusters ? nclusters : 1, sizeof *count);
	for (size_t i = 0; i < n; i++) {
		if (labels[i] < -1 || (labels[i] >= 0 && (size_t)labels[i] >= nclusters)) {
			*err = ec_asprintf("discover.label|point=%zu|label=%d|count=%zu", i,
					   (int)labels[i], nclusters);
			rc = EC_EUSAGE;
			goto out;
		}
		if (labels[i] >= 0)
			count[labels[i]]++;
	}
	for (size_t c = 0; c < nclusters; c++) {
		if (count[c] == 0) {
			*err = ec_asprintf("discover.no_member|cluster=%zu", c);
			rc = EC_EUSAGE;
			goto out;
		}
	}

	sum = ec_calloc(3 * (nclusters ? nclusters : 1), sizeof *sum);
	for (size_t c = 0; c < nclusters; c++)
		out[c] = (struct ec_dbscan_cluster){ 0 };
	for (size_t i = 0; i < n; i++) {
		double lat = lat_deg[i] * rad, lon = lon_deg[i] * rad;
		struct ec_dbscan_cluster *cl;

		if (labels[i] < 0)
			continue;
		cl = &out[labels[i]];
		if (cl->members == 0)
			cl->first = i;
		cl->members++;
		cl->core_members += is_core && is_core[i];
		cl->weight_sum += weight ? weight[i] : 1.0;
		sum[3 * labels[i]] += cos(lat) * cos(lon);
		sum[3 * labels[i] + 1] += cos(lat) * sin(lon);
		sum[3 * labels[i] + 2] += sin(lat);
	}
	for (size_t c = 0; c < nclusters; c++) {
		double x = sum[3 * c], y = sum[3 * c + 1], z = sum[3 * c + 2];

		if (sqrt(x * x + y * y + z * z) < 1e-12 * (double)out[c].members) {
			out[c].lat_deg = lat_deg[out[c].first];
			out[c].lon_deg = lon_deg[out[c].first];
		} else {
			out[c].lat_deg = atan2(z, sqrt(x * x + y * y)) / rad;
			out[c].lon_deg = atan2(y, x) / rad;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct ec_dbscan_cluster *cl;
		double dist;

		if (labels[i] < 0)
			continue;
		cl = &out[labels[i]];
		dist = ec_dbscan_distance_km(cl->lat_deg, cl->lon_deg, lat_deg[i], lon_deg[i]);
		if (dist > cl->radius_km)
			cl->radius_km = dist;
	}
out:
	free(sum);
	free(count);
	return rc;
}
