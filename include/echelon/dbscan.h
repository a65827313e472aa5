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

#endif
