/*
** DBSCAN on the sphere: density-based clusters of points given by latitude
** and longitude, with the great-circle (haversine) distance. Used by cluster
** discovery on enterprise coordinates; no I/O.
*/
#ifndef ECHELON_DBSCAN_H
#define ECHELON_DBSCAN_H

#include <stddef.h>
#include <stdint.h>

/* The mean Earth radius (IUGG) that turns angles into kilometres. */
#define EC_EARTH_RADIUS_KM 6371.0088

/* Clusters points on the sphere by DBSCAN with haversine distance (Earth
** radius EC_EARTH_RADIUS_KM). A point is a core point when the weights of
** the points within eps_km of it (itself included) add up to at least
** min_weight (with weight NULL every point weighs 1, so min_weight is minPts,
** as in scikit-learn's min_samples with sample_weight). labels[i] gets the
** cluster (0..k-1, numbered in order of their first core point by index) or
** -1 for noise; a border point reachable from two clusters joins the first
** that reaches it (the lowest-numbered), which is also what scikit-learn does.
**
** Input: lat_deg in [-90, 90], lon_deg in [-180, 180], weights finite and
** not negative, eps_km finite and positive (an eps_km of half the
** circumference or more makes every pair neighbours), min_weight finite and
** positive, n at most INT32_MAX. "Within eps_km" means haversine distance
** <= eps_km, computed as scikit-learn computes it.
**
** Time about linear in n for realistic data (a grid on the unit vectors);
** memory about 100 bytes per point, freed before returning. Below about
** 10 m, eps_km gets slower, not wrong.
**
** Returns 0 with labels[0..n) and *nclusters set, or EC_EUSAGE (bad eps_km
** or min_weight, a NaN or out-of-range coordinate, a bad weight; labels and
** *nclusters untouched) or EC_ELIMIT (n too large) with a message in *err
** (caller frees). */
int ec_dbscan(const double *lat_deg, const double *lon_deg, const double *weight, size_t n, double eps_km,
	      double min_weight, int32_t *labels /* OUT: n entries */, size_t *nclusters /* OUT */,
	      char **err /* OUT: message, caller frees */);

/* As ec_dbscan, and also sets is_core[i] to 1 for a core point and 0 for any
** other (is_core may be NULL). Same returns; on failure is_core is untouched. */
int ec_dbscan_detail(const double *lat_deg, const double *lon_deg, const double *weight, size_t n,
		     double eps_km, double min_weight, int32_t *labels /* OUT: n entries */,
		     unsigned char *is_core /* OUT: n entries, may be NULL */, size_t *nclusters /* OUT */,
		     char **err /* OUT: message, caller frees */);

/* Great-circle distance in km between two points given in degrees, by the
** haversine formula on EC_EARTH_RADIUS_KM. Can't fail (NaN in, NaN out). */
double ec_dbscan_distance_km(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg);

/* One cluster found by ec_dbscan, as ec_dbscan_summary describes it. */
struct ec_dbscan_cluster {
	double lat_deg, lon_deg; /* centroid: the mean of the members' unit vectors, back on the sphere */
	double radius_km;        /* the largest distance of a member from the centroid */
	size_t members;          /* core and border points */
	size_t core_members;     /* only set when is_core was given, else 0 */
	double weight_sum;       /* the members' weights (their count when weight is NULL) */
	size_t first;            /* index of the first member */
};

/* Describes the clusters of a labelling made by ec_dbscan on the same
** points: out[c] for c in 0..nclusters-1 (caller's array). is_core and
** weight may be NULL. The centroid of members spread so evenly over the
** sphere that their unit vectors cancel out is the first member.
** Returns 0, or EC_EUSAGE with a message in *err (caller frees) when a label
** is below -1 or at least nclusters, or a cluster has no member; out is then
** untouched. */
int ec_dbscan_summary(const double *lat_deg, const double *lon_deg, const double *weight,
		      const int32_t *labels, const unsigned char *is_core, size_t n, size_t nclusters,
		      struct ec_dbscan_cluster *out /* OUT: nclusters entries */,
		      char **err /* OUT: message, caller frees */);

/* ---- choosing eps: the k-distance curve (src/lib/dbscan_kdist.c) ---- */

/* Above this many points the core distances are measured on an even sample
** of this many (every point still counts as a neighbour). */
#define EC_KDIST_SAMPLE 50000
/* The largest min_weight the curve is drawn for: each distance costs a
** search for that many neighbours. */
#define EC_KDIST_MAX_MIN_WEIGHT 1000

/* The sorted k-distance curve of Ester et al. (1996), as Schubert et al.
** (2017) draw it: each point's core distance, the smallest radius at which
** the weights within it (itself included) reach min_weight. Unweighted, it
** is the distance to the k-th nearest other point, k = min_weight - 1, and
** a point is a core point of ec_dbscan(eps_km, min_weight) exactly when its
** core distance is at most eps_km. */
struct ec_kdist {
	size_t points;        /* the points given */
	size_t sampled;       /* those measured: all, or EC_KDIST_SAMPLE evenly spaced by index */
	size_t never_core;    /* measured points whose neighbourhood never weighs min_weight; left off the curve */
	double knee_km;       /* the suggested eps: the distance at the knee (ec_dbscan_knee) rounded up to
			      ** 0.01 km, so that the point there is core at that radius; NAN when no curve */
	double knee_share;    /* the knee's place on the curve, as share */
	size_t ncurve;        /* entries of share and distance_km: at most the max_curve asked */
	double *share;        /* [ncurve]: rank / (measured - 1) in [0, 1], increasing */
	double *distance_km;  /* [ncurve]: the core distance at that rank, decreasing */
};

/* Fills *out with the k-distance curve of the points (arguments as for
** ec_dbscan, without eps), kept to at most max_curve (>= 2) entries evenly
** spaced by rank; the first and last ranks are always among them, and the
** knee too when max_curve >= 3. The knee is sought on the part of the curve at or below knee_max_km
** (0 or a curve all above it: the whole curve). Time O(n log n) for the index and O(s k log n) for s measured points;
** memory about 45 bytes a point and 32 more a measured one. Returns 0 (release *out with
** ec_dbscan_kdist_release), or EC_EUSAGE (a bad coordinate or weight,
** min_weight not in (0, EC_KDIST_MAX_MIN_WEIGHT], max_curve < 2) or
** EC_ELIMIT (n above INT32_MAX) with a message in *err (caller frees), *out
** then empty. */
int ec_dbscan_kdist(const double *lat_deg, const double *lon_deg, const double *weight, size_t n,
		    double min_weight, size_t max_curve, double knee_max_km, struct ec_kdist *out /* OUT */,
		    char **err /* OUT: message, caller frees */);

/* Frees the arrays of a curve and empties it; can't fail. */
void ec_dbscan_kdist_release(struct ec_kdist *k);

/* The knee of a decreasing curve distance[0..m): both axes scaled to
** [0, 1] (rank / (m - 1), and the distance between its smallest and largest),
** the point farthest below the chord joining the first point to the last.
** This is the maximum of the difference curve of the Kneedle method
** (Satopaa et al. 2011) without its smoothing. Returns its index; 0 when m
** < 3 or the curve is flat. Can't fail. */
size_t ec_dbscan_knee(const double *distance, size_t m);

/* Checks points as clustering takes them: at most INT32_MAX, latitudes in
** [-90, 90], longitudes in [-180, 180], weights (may be NULL) finite and
** >= 0. Returns 0, or EC_EUSAGE / EC_ELIMIT with *err (ec_malloc) naming
** who and the point. */
int ec_dbscan_points_check(const char *who, const double *lat_deg, const double *lon_deg, const double *weight,
			   size_t n, char **err /* OUT */);

#endif
