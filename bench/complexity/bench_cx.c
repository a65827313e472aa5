/*
** bench/complexity/bench_cx.c — echelon's side of the complexity benchmark
** (run.sh): reads an NR x NP float64 matrix, computes the whole set with
** ec_cx_compute (RUNS times; the first run is the headline, the best is
** printed too) and writes the arrays in numpy_cx.py's order for the
** comparison. Prints "key value" lines.
**
**   bench_cx MATRIX.bin NR NP OUT.bin
**   bench_cx --matrix DB YEAR LEVEL AXIS MATRIX.bin   # writes the matrix, prints nr and np
**
** LEVEL is province, prefecture or county; AXIS sei1..sei3 or industry: the
** matrix of value added that `echelon complexity` builds from the column
** store (ec_app_region_matrix, negative cells as 0).
*/
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "echelon/app.h"
#include "echelon/complexity.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void put(FILE *f, const double *v, size_t n)
{
	fwrite(v, sizeof *v, n, f);
}

static void put_int(FILE *f, const int32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double d = v[i];
		fwrite(&d, sizeof d, 1, f);
	}
}

static int write_matrix(char **argv)
{
	static const char *const levels[] = { "", "province", "prefecture", "county" };
	struct ec_matrix_spec spec = { atoi(argv[3]), 0, EC_AXIS_SEI, 3, EC_MEASURE_VALUE_ADDED };
	struct ec_region_matrix m;
	struct ec_app *app;
	char *err = NULL;
	double t0 = now();
	FILE *f;

	for (int i = 1; i <= 3; i++)
		if (strcmp(argv[4], levels[i]) == 0)
			spec.level = i;
	if (strcmp(argv[5], "industry") == 0)
		spec.axis = EC_AXIS_INDUSTRY;
	else
		spec.sei_level = argv[5][3] - '0';
	if (ec_app_open(argv[2], 0, &app, &err) != EC_OK || ec_app_region_matrix(app, &spec, &m, &err) != EC_OK) {
		fprintf(stderr, "bench_cx: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < m.nr * m.np; i++)
		if (m.x[i] < 0)
			m.x[i] = 0;
	if (!(f = fopen(argv[6], "wb")) || fwrite(m.x, sizeof *m.x, m.nr * m.np, f) != m.nr * m.np || fclose(f)) {
		perror(argv[6]);
		return 1;
	}
	printf("nr %zu\nnp %zu\nmatrix_s %.6f\n", m.nr, m.np, now() - t0);
	ec_region_matrix_release(&m);
	ec_app_close(app);
	return 0;
}

int main(int argc, char **argv)
{
	struct ec_cx_result r;
	struct rusage ru;
	size_t nr, np;
	double *x, t0, first = 0, best = 0, load;
	int runs = getenv("RUNS") ? atoi(getenv("RUNS")) : 5;
	char *err = NULL;
	FILE *f;

	if (argc == 7 && strcmp(argv[1], "--matrix") == 0)
		return write_matrix(argv);
	if (argc != 5) {
		fprintf(stderr, "usage: bench_cx MATRIX.bin NR NP OUT.bin\n");
		return 2;
	}
	nr = strtoul(argv[2], NULL, 10);
	np = strtoul(argv[3], NULL, 10);
	t0 = now();
	x = malloc(nr * np * sizeof *x);
	if (!(f = fopen(argv[1], "rb")) || fread(x, sizeof *x, nr * np, f) != nr * np) {
		perror(argv[1]);
		return 1;
	}
	fclose(f);
	load = now() - t0;
	for (int run = 0; run < (runs < 1 ? 1 : runs); run++) {
		double t;
		t0 = now();
		if (ec_cx_compute(x, nr, np, NULL, &r, &err) != EC_OK) {
			fprintf(stderr, "bench_cx: %s\n", err);
			return 1;
		}
		t = now() - t0;
		if (run == 0)
			first = t;
		if (run == 0 || t < best)
			best = t;
		if (run + 1 < runs)
			ec_cx_release(&r);
	}
	if (!(f = fopen(argv[4], "wb"))) {
		perror(argv[4]);
		return 1;
	}
	put(f, r.rca, nr * np);
	for (size_t i = 0; i < nr * np; i++) {
		double d = r.m[i];
		fwrite(&d, sizeof d, 1, f);
	}
	put_int(f, r.diversity, nr);
	put_int(f, r.ubiquity, np);
	put(f, r.eci, nr);
	put(f, r.pci, np);
	put(f, r.proximity, np * np);
	put(f, r.density, nr * np);
	put(f, r.coi, nr);
	put(f, r.cog, nr * np);
	put(f, r.fitness, nr);
	put(f, r.complexity, np);
	fclose(f);
	getrusage(RUSAGE_SELF, &ru);
	printf("load_s %.6f\ncompute_s %.6f\nbest_s %.6f\npeak_rss_kib %ld\neigenvalue %.12g\nfitness_iterations %d\n",
	       load, first, best, ru.ru_maxrss, r.eigenvalue, r.fitness_converged);
	ec_cx_release(&r);
	free(x);
	return 0;
}
