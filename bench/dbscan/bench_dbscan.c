/*
** bench/dbscan/bench_dbscan.c — echelon's side of the DBSCAN benchmark:
** reads "lat,lon" lines, writes them as doubles for scikit-learn (so both
** cluster the very same numbers), then times ec_dbscan_detail for each eps:
**
**   bench_dbscan COORDS.csv OUTDIR MIN_POINTS RUNS EPS_KM...
**
** Writes OUTDIR/coords.f64 (n latitudes then n longitudes, native doubles)
** and for each eps OUTDIR/echelon-<eps>.labels (int32) and .core (uint8).
** Prints one "key value" line per figure: n, and for each eps
** eps_km, seconds (first run), best_seconds (best of RUNS), clusters,
** core, border, noise; then peak_rss_kib.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "echelon/dbscan.h"
#include "echelon/echelon.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_dbscan: %s\n", what);
	exit(1);
}

static void write_file(const char *dir, const char *name, const void *p, size_t size)
{
	char *path = ec_asprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, size, f) != size || fclose(f) != 0)
		die(path);
	free(path);
}

static double parse_number(const char *s, const char *what)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || (*end && *end != '\n' && *end != '\r' && *end != ','))
		die(what);
	return v;
}

int main(int argc, char **argv)
{
	FILE *in;
	char line[256];
	double *lat = NULL, *lon = NULL, min_points;
	size_t n = 0, cap = 0;
	long runs;
	struct rusage ru;

	if (argc < 6)
		die("usage: bench_dbscan COORDS.csv OUTDIR MIN_POINTS RUNS EPS_KM...");
	min_points = parse_number(argv[3], "MIN_POINTS is not a number");
	runs = (long)parse_number(argv[4], "RUNS is not a number");
	if (runs < 1)
		die("RUNS must be 1 or more");
	in = fopen(argv[1], "r");
	if (!in)
		die(argv[1]);
	while (fgets(line, sizeof line, in)) {
		char *comma = strchr(line, ',');
		if (!comma)
			die("a line without a comma in the coordinates");
		if (n == cap) {
			cap = cap ? 2 * cap : 1 << 16;
			lat = ec_realloc(lat, cap * sizeof *lat);
			lon = ec_realloc(lon, cap * sizeof *lon);
		}
		lat[n] = parse_number(line, "a bad latitude");
		lon[n] = parse_number(comma + 1, "a bad longitude");
		n++;
	}
	fclose(in);
	printf("n %zu\n", n);
	{
		double *both = ec_malloc(2 * n * sizeof *both + 1);
		memcpy(both, lat, n * sizeof *lat);
		memcpy(both + n, lon, n * sizeof *lon);
		write_file(argv[2], "coords.f64", both, 2 * n * sizeof *both);
		free(both);
	}

	for (int a = 5; a < argc; a++) {
		double eps_km = parse_number(argv[a], "EPS_KM is not a number"), first = 0, best = 1e300;
		int32_t *labels = ec_malloc(n * sizeof *labels + 1);
		unsigned char *core = ec_malloc(n + 1);
		size_t nclusters = 0, ncore = 0, nborder = 0, nnoise = 0;
		char *err = NULL, name[64];

		for (long r = 0; r < runs; r++) {
			double t0 = now(), t;
			if (ec_dbscan_detail(lat, lon, NULL, n, eps_km, min_points, labels, core, &nclusters, &err) !=
			    EC_OK)
				die(err);
			t = now() - t0;
			if (r == 0)
				first = t;
			if (t < best)
				best = t;
		}
		for (size_t i = 0; i < n; i++) {
			ncore += core[i];
			nborder += !core[i] && labels[i] >= 0;
			nnoise += labels[i] < 0;
		}
		printf("eps_km %g\nseconds %.4f\nbest_seconds %.4f\nclusters %zu\ncore %zu\nborder %zu\nnoise %zu\n",
		       eps_km, first, best, nclusters, ncore, nborder, nnoise);
		snprintf(name, sizeof name, "echelon-%g.labels", eps_km);
		write_file(argv[2], name, labels, n * sizeof *labels);
		snprintf(name, sizeof name, "echelon-%g.core", eps_km);
		write_file(argv[2], name, core, n);
		free(labels);
		free(core);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("peak_rss_kib %ld\n", ru.ru_maxrss);
	free(lat);
	free(lon);
	return 0;
}
