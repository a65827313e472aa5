/*
** echelon demo generate: create a database holding the synthetic national
** economy of libechelon's demo generator (demo.h), written in one
** transaction.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/cluster.h"
#include "echelon/funding.h"
#include "echelon/demo.h"

struct demo_sink {
	struct ec_store *s;
	struct timespec start, last;
	int terminal, shown;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static int put_enterprise(void *ctx, struct ec_enterprise *e)
{
	struct demo_sink *d = ctx;
	return ec_store_enterprise_put(d->s, e);
}

static int put_report(void *ctx, const struct ec_report *r)
{
	struct demo_sink *d = ctx;
	return ec_store_report_put(d->s, r);
}

static int put_deflator(void *ctx, const struct ec_deflator *df)
{
	struct demo_sink *d = ctx;
	return ec_store_deflator_put(d->s, df);
}

/* A progress line on stderr once the run has taken a second, at most four
** times a second; only on a terminal. */
static void show_progress(void *ctx, enum ec_demo_phase phase, int64_t done, int64_t total, int64_t reports,
			  int finished)
{
	struct demo_sink *d = ctx;
	double fraction = total > 0 ? (double)done / (double)total : 1.0;

	if (!d->terminal)
		return;
	if (finished) {
		if (d->shown)
			fprintf(stderr, "\rdemo: %lld enterprises, %lld reports written, 100%%          \n",
				(long long)done, (long long)reports);
		return;
	}
	if (seconds_since(&d->start) < 1.0 || (d->shown && seconds_since(&d->last) < 0.25))
		return;
	clock_gettime(CLOCK_MONOTONIC, &d->last);
	d->shown = 1;
	if (phase == EC_DEMO_GENERATING)
		fprintf(stderr, "\rdemo: generating month %lld of %lld          ", (long long)done, (long long)total);
	else
		fprintf(stderr, "\rdemo: writing %lld of %lld enterprises, %lld reports, %.0f%%   ", (long long)done,
			(long long)total, (long long)reports, fraction * 100.0);
	fflush(stderr);
}

/* Parses a whole decimal number in [min, max]. Returns 0 or -1. */
static int parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	if (errno || *end || *out > max)
		return -1;
	return 0;
}

/* Removes the database file and its WAL companions. */
static int remove_database(const char *db)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *path = ec_asprintf("%s%s", db, suffixes[i]);
		int failed = unlink(path) != 0 && errno != ENOENT;
		if (failed)
			cli_fail(EC_EXIT_IO, "%s: cannot remove: %s", path, strerror(errno));
		free(path);
		if (failed)
			return -1;
	}
	return 0;
}

/* Writes the built-in catalogues into a store that has none. */
static int ensure_catalogues(struct ec_store *s)
{
	struct ec_diag d;
	int installed, rc;

	ec_diag_init(&d, 100);
	rc = ec_store_install_catalogs(s, &installed, &d);
	cli_print_diag(&d);
	ec_diag_release(&d);
	if (rc == EC_EDATA)
		return cli_fail(EC_EXIT_FAIL, "the built-in catalogues are damaged");
	if (rc != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
	return EC_EXIT_OK;
}

int cmd_demo(struct cli_args *a)
{
	struct ec_demo_opts opts;
	struct ec_demo_stats stats;
	struct ec_demo_sink sink;
	struct demo_sink ds;
	struct ec_store_counts counts;
	struct ec_store *s = NULL;
	struct ec_catalog cat;
	unsigned long long n;
	const char *db = cli_opt(a, "db");
	char why[160], *err = NULL;
	int from, to, rc, status;

	if (strcmp(a->positional[0], "generate") != 0)
		return cli_usage(a, "'%s': expected generate", a->positional[0]);
	if (!db || !*db)
		return cli_usage(a, "--db FILE is required");
	ec_demo_opts_init(&opts);
	if (cli_opt(a, "enterprises")) {
		if (parse_count(cli_opt(a, "enterprises"), EC_DEMO_ENTERPRISES_MAX, &n) || n < 1)
			return cli_usage(a, "--enterprises '%s': expected a whole number from 1 to %d",
					 cli_opt(a, "enterprises"), EC_DEMO_ENTERPRISES_MAX);
		opts.enterprises = (int64_t)n;
	}
	if (cli_opt(a, "seed")) {
		if (parse_count(cli_opt(a, "seed"), UINT64_MAX, &n))
			return cli_usage(a, "--seed '%s': expected a whole number from 0 to %llu", cli_opt(a, "seed"),
					 (unsigned long long)UINT64_MAX);
		opts.seed = (uint64_t)n;
	}
	if ((rc = cli_period(a, "from", &from)) || (rc = cli_period(a, "to", &to)))
		return rc;
	if (from >= 0)
		opts.first_period = from;
	if (to >= 0)
		opts.last_period = to;
	if (ec_period_month(opts.first_period) != 1)
		return cli_usage(a, "--from %s: reports cover whole years, the first month must be a January",
				 cli_opt(a, "from"));
	if (ec_period_month(opts.last_period) != 12)
		return cli_usage(a, "--to %s: reports cover whole years, the last month must be a December",
				 cli_opt(a, "to"));
	if (ec_demo_opts_check(&opts, why, sizeof why) != EC_OK)
		return cli_usage(a, "%s", why);

	if (cli_opt(a, "force") && strstr(db, "://") == NULL && remove_database(db) != 0)
		return EC_EXIT_IO;
	if ((rc = cli_open_store(a, EC_STORE_CREATE, &s)) != EC_EXIT_OK)
		return rc;
	if (ec_store_counts(s, &counts) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
		goto out;
	}
	if (counts.enterprises > 0 || counts.reports > 0 || counts.deflators > 0) {
		rc = cli_fail(EC_EXIT_FAIL,
			      "%s already holds %lld enterprises, %lld reports and %lld deflators; "
			      "use --force to replace the database",
			      db, (long long)counts.enterprises, (long long)counts.reports, (long long)counts.deflators);
		goto out;
	}
	if ((rc = ensure_catalogues(s)) != EC_EXIT_OK)
		goto out;
	if ((rc = cli_load_catalog(s, &cat)) != EC_EXIT_OK)
		goto out;

	memset(&ds, 0, sizeof ds);
	ds.s = s;
	ds.terminal = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &ds.start);
	sink.ctx = &ds;
	sink.enterprise = put_enterprise;
	sink.report = put_report;
	sink.deflator = put_deflator;
	sink.progress = show_progress;

	if (ec_store_bulk_mode(s, 1) != EC_OK || ec_store_begin(s) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
		goto release;
	}
	status = ec_demo_generate(&opts, &cat, &sink, &stats, &err);
	if (status == EC_OK && ec_store_commit(s) == EC_OK) {
		char first[8], last[8];
		ec_period_format(opts.first_period, first);
		ec_period_format(opts.last_period, last);
		printf("%s: demo economy (seed %llu, %s..%s): %lld enterprises, %lld reports, %lld deflators "
		       "in %.1f s; %lld above designated size in %d, SEI %.1f%% of their value added\n",
		       db, (unsigned long long)opts.seed, first, last, (long long)stats.enterprises,
		       (long long)stats.reports, (long long)stats.deflators, seconds_since(&ds.start),
		       (long long)stats.above_size_last, ec_period_year(opts.last_period), stats.sei_share_last);
		rc = EC_EXIT_OK;
		/* The cluster echelon over it: national clusters, bases, ecosystems. */
		{
			size_t nclusters = 0;
			char *cerr = NULL;
			if (ec_demo_clusters(s, &cat, opts.seed, 150, &nclusters, &cerr) != EC_OK) {
				rc = cli_fail(EC_EXIT_IO, "demo clusters: %s", cerr);
				free(cerr);
			} else {
				printf("%s: %zu clusters registered (the 2019 national SEI clusters, bases, ecosystems)\n", db,
				       nclusters);
				/* The project library and the funds over them. */
				size_t nprojects = (size_t)(opts.enterprises / 20 < 3000 ? opts.enterprises / 20 : 3000);
				if (ec_demo_projects(s, &cat, opts.seed, nprojects, 200, opts.last_period, &cerr) != EC_OK) {
					rc = cli_fail(EC_EXIT_IO, "demo projects: %s", cerr);
					free(cerr);
				} else {
					printf("%s: %zu projects and 200 funds registered\n", db, nprojects);
				}
			}
		}
	} else {
		if (ds.shown)
			fputc('\n', stderr);
		if (err)
			rc = cli_fail(ec_exit_code(status), "demo: %s", err);
		else
			rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
		ec_store_rollback(s);
		free(err);
	}
	ec_store_bulk_mode(s, 0);
release:
	ec_catalog_release(&cat);
out:
	ec_store_close(s);
	return rc;
}
