/*
** bench/monitor/bench_monitor.c — echelon's side of the monitoring cube
** benchmark: loads the engine's columns from a database's column store
** (DB.facts, made first when missing), then times building
** the cube and answering every period x every breakdown x both bases
** nationally, and compares that with the memory-bandwidth bound of the build:
**
**   bench_monitor DB ROWS.csv
**
** Prints "key value" lines on standard output (load_s, build_s, query_s,
** compute_s, peak_rss_kib, bytes, bandwidth_gbs, bound_s, ratio_bound, ...)
** and writes every row to ROWS.csv for the comparison with the other tools
** (all and sei once per period and basis, then each breakdown's groups).
*/
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "echelon/app.h"
#include "echelon/catalog.h"
#include "echelon/monitor.h"
#include "echelon/store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds (user + system) of this process so far. */
static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec * 1e-6;
}

static long peak_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Single-thread streaming read bandwidth in bytes per second: the best of a
** few passes summing a 1 GiB buffer of 64-bit words (four accumulators, so
** the adds are not the limit; the compiler vectorises the loop). */
static double read_bandwidth(double *checksum)
{
	const size_t bytes = (size_t)1 << 30, n = bytes / sizeof(uint64_t);
	uint64_t *buf = malloc(bytes);
	double best = 0;
	uint64_t total = 0;

	if (!buf)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = i * 0x9e3779b97f4a7c15ull;
	for (int pass = 0; pass < 5; pass++) {
		uint64_t a = 0, b = 0, c = 0, d = 0;
		double t0 = now(), dt;
		for (size_t i = 0; i < n; i += 4) {
			a += buf[i];
			b += buf[i + 1];
			c += buf[i + 2];
			d += buf[i + 3];
		}
		dt = now() - t0;
		total += a ^ b ^ c ^ d;
		if ((double)bytes / dt > best)
			best = (double)bytes / dt;
	}
	free(buf);
	*checksum = (double)(total & 0xffff);
	return best;
}

static void put_number(FILE *f, double v)
{
	if (isnan(v))
		fputc(',', f);
	else
		fprintf(f, ",%.17g", v);
}

static void put_row(FILE *f, const struct ec_monitor_row *r)
{
	char period[8];

	ec_period_format(r->period, period);
	fprintf(f, "%s,%s,%s,%s,%s,%lld", period, r->basis == EC_BASIS_MONTH ? "month" : "cumulative",
		ec_group_kind_name(r->kind), r->group_code, r->region, (long long)r->enterprises);
	put_number(f, r->value_added);
	put_number(f, r->value_added_base);
	put_number(f, r->value_added_real);
	put_number(f, r->growth_pct);
	fputc('\n', f);
}

struct answer {
	struct ec_monitor_row *rows;
	size_t nrows;
	enum ec_monitor_by by;
};

/* Builds the cube and answers every period x breakdown x basis nationally;
** frees the cube. Returns 0, or 1 after printing why. */
static int compute(const struct ec_monitor_input *in, struct answer **answers /* OUT */, size_t *nanswers /* OUT */,
		   size_t *nrows /* OUT */, double *build_s /* OUT */, double *query_s /* OUT */)
{
	static const enum ec_monitor_by breakdowns[] = { EC_BY_AREA, EC_BY_DIRECTION, EC_BY_PROVINCE,
							 EC_BY_PREFECTURE, EC_BY_AREA_PROVINCE };
	const size_t nbreakdowns = sizeof breakdowns / sizeof breakdowns[0];
	struct ec_monitor *m = NULL;
	char *err = NULL;
	int first, last;
	double t0 = now();

	if (ec_monitor_build(in, &m, &err) != EC_OK) {
		fprintf(stderr, "bench_monitor: %s\n", err);
		return 1;
	}
	*build_s = now() - t0;
	ec_monitor_range(m, &first, &last);
	if (first < 0) {
		fprintf(stderr, "bench_monitor: no period can be measured (reports for two years are needed)\n");
		return 1;
	}
	*answers = calloc((size_t)(last - first + 1) * 2 * nbreakdowns, sizeof **answers);
	*nanswers = *nrows = 0;
	t0 = now();
	for (int period = first; period <= last; period++)
		for (int basis = EC_BASIS_CUMULATIVE; basis <= EC_BASIS_MONTH; basis++)
			for (size_t b = 0; b < nbreakdowns; b++) {
				struct answer *a = &(*answers)[(*nanswers)++];
				a->by = breakdowns[b];
				if (ec_monitor_query(m, period, (enum ec_monitor_basis)basis, breakdowns[b], "",
						     &a->rows, &a->nrows, &err) != EC_OK) {
					fprintf(stderr, "bench_monitor: %s\n", err);
					return 1;
				}
				*nrows += a->nrows;
			}
	*query_s = now() - t0;
	ec_monitor_free(m);
	return 0;
}

int main(int argc, char **argv)
{
	struct ec_app *app = NULL;
	const struct ec_catalog *cat;
	const struct ec_facts *facts;
	struct ec_monitor_input in;
	struct answer *answers = NULL;
	size_t nanswers = 0, total_rows = 0;
	void *owner = NULL;
	char *err = NULL;
	double t0, t_load, t_build = 0, t_query = 0, best_build = 0, best_query = 0, cpu_compute = 0, bandwidth, checksum = 0, bytes;
	long rss_loaded, rss_peak = 0;
	int runs = getenv("RUNS") ? atoi(getenv("RUNS")) : 5;
	FILE *f;

	if (runs < 1)
		runs = 1;
	if (argc != 3) {
		fprintf(stderr, "usage: bench_monitor DB ROWS.csv\n");
		return 2;
	}
	if (ec_app_open(argv[1], 0, &app, &err) != EC_OK) {
		fprintf(stderr, "bench_monitor: %s\n", err);
		return 1;
	}
	if (ec_app_catalog(app, &cat) != EC_OK) {
		fprintf(stderr, "bench_monitor: %s\n", ec_app_errmsg(app));
		return 1;
	}

	/* load: the column store opened and checked (made first when it is
	** missing or stale: run it once before timing), the groups worked out */
	t0 = now();
	if (ec_app_facts(app, &facts, &err) != EC_OK ||
	    ec_monitor_input_facts(facts, cat, EC_ABOVE_SIZE_DEFAULT, &in, &owner, &err) != EC_OK) {
		fprintf(stderr, "bench_monitor: %s\n", err);
		return 1;
	}
	t_load = now() - t0;
	rss_loaded = peak_rss_kib();

	/* The timed compute, RUNS times (the first run's figures are the
	** headline; the best shows the noise). */
	for (int run = 0; run < runs; run++) {
		struct answer *these = NULL;
		size_t nthese = 0, nrows = 0;
		double build_s, query_s, cpu0;
		/* The input streams the report columns once through (the build
		** reads them as it goes): each further run gets one of its own,
		** made outside the timing as the first run's was. */
		if (run > 0 && (ec_monitor_input_free(owner),
				ec_monitor_input_facts(facts, cat, EC_ABOVE_SIZE_DEFAULT, &in, &owner, &err) != EC_OK)) {
			fprintf(stderr, "bench_monitor: %s\n", err);
			return 1;
		}
		cpu0 = cpu_seconds();
		if (compute(&in, &these, &nthese, &nrows, &build_s, &query_s) != 0)
			return 1;
		if (run == 0) {
			answers = these;
			nanswers = nthese;
			total_rows = nrows;
			t_build = build_s;
			t_query = query_s;
			cpu_compute = cpu_seconds() - cpu0;
			rss_peak = peak_rss_kib();
		} else {
			for (size_t i = 0; i < nthese; i++)
				free(these[i].rows);
			free(these);
		}
		if (run == 0 || build_s + query_s < best_build + best_query) {
			best_build = build_s;
			best_query = query_s;
		}
	}

	if (!(f = fopen(argv[2], "w"))) {
		perror(argv[2]);
		return 1;
	}
	fprintf(f, "period,basis,group_kind,group_code,region,enterprises,value_added,value_added_base,"
		   "value_added_real,growth_pct\n");
	for (size_t i = 0; i < nanswers; i++)
		for (size_t r = 0; r < answers[i].nrows; r++) {
			const struct ec_monitor_row *row = &answers[i].rows[r];
			/* all and sei come with every breakdown: write them once */
			if ((row->kind == EC_G_ALL || row->kind == EC_G_SEI) && answers[i].by != EC_BY_AREA)
				continue;
			put_row(f, row);
		}
	if (fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}

	/* What the build must read at least once: the five report columns for
	** every enterprise and month, and the deflators. */
	bytes = (double)in.nenterprises * in.nmonths * (3 * sizeof(double) + sizeof(int32_t) + 1) +
		100.0 * in.nmonths * sizeof(double);
	for (size_t i = 0; i < nanswers; i++)
		free(answers[i].rows);
	free(answers);
	ec_monitor_input_free(owner);
	/* BENCH_MONITOR_BANDWIDTH=0 skips the read loop (for profiling the rest). */
	bandwidth = getenv("BENCH_MONITOR_BANDWIDTH") && strcmp(getenv("BENCH_MONITOR_BANDWIDTH"), "0") == 0
			    ? NAN
			    : read_bandwidth(&checksum);

	printf("enterprises %zu\n", in.nenterprises);
	printf("months %d\n", in.nmonths);
	printf("periods %zu\n", nanswers / 10);
	printf("queries %zu\n", nanswers);
	printf("rows %zu\n", total_rows);
	printf("load_s %.6f\n", t_load);
	printf("build_s %.6f\n", t_build);
	printf("query_s %.6f\n", t_query);
	printf("compute_s %.6f\n", t_build + t_query);
	printf("compute_cpu_s %.6f\n", cpu_compute);
	printf("runs %d\n", runs);
	printf("best_build_s %.6f\n", best_build);
	printf("best_query_s %.6f\n", best_query);
	printf("best_compute_s %.6f\n", best_build + best_query);
	printf("rss_after_load_kib %ld\n", rss_loaded);
	printf("peak_rss_kib %ld\n", rss_peak);
	printf("bytes %.0f\n", bytes);
	printf("bandwidth_gbs %.3f\n", bandwidth / 1e9);
	printf("bound_s %.6f\n", bytes / bandwidth);
	printf("ratio_bound %.2f\n", (t_build + t_query) / (bytes / bandwidth));
	printf("best_ratio_bound %.2f\n", (best_build + best_query) / (bytes / bandwidth));
	printf("checksum %.0f\n", checksum);
	ec_app_close(app);
	return 0;
}
