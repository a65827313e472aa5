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

struct demo_progress {
	struct timespec start, last;
	int terminal, shown;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* A progress line on stderr once the run has taken a second, at most four
** times a second; only on a terminal. */
static void show_progress(void *ctx, enum ec_demo_phase phase, int64_t done, int64_t total, int64_t reports,
			  int finished)
{
	struct demo_progress *d = ctx;
	double fraction = total > 0 ? (double)done / (double)total : 1.0;
	int zh = cli_lang() == EC_LANG_ZH;

	if (!d->terminal)
		return;
	if (finished) {
		if (d->shown)
			fprintf(stderr, zh ? "\rdemo：已写入 %lld 家企业、%lld 条报表，100%%          \n"
					   : "\rdemo: %lld enterprises, %lld reports written, 100%%          \n",
				(long long)done, (long long)reports);
		return;
	}
	if (seconds_since(&d->start) < 1.0 || (d->shown && seconds_since(&d->last) < 0.25))
		return;
	clock_gettime(CLOCK_MONOTONIC, &d->last);
	d->shown = 1;
	if (phase == EC_DEMO_GENERATING)
		fprintf(stderr, zh ? "\rdemo：正在生成第 %lld 个月，共 %lld 个月          "
				   : "\rdemo: generating month %lld of %lld          ",
			(long long)done, (long long)total);
	else
		fprintf(stderr, zh ? "\rdemo：正在写入 %lld / %lld 家企业，%lld 条报表，%.0f%%   "
				   : "\rdemo: writing %lld of %lld enterprises, %lld reports, %.0f%%   ",
			(long long)done, (long long)total, (long long)reports, fraction * 100.0);
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

static int generate_run(struct cli_args *a)
{
	struct ec_demo_opts opts;
	struct ec_demo_progress prog;
	struct ec_demo_result res;
	struct demo_progress dp;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_diag d;
	unsigned long long n;
	const char *db = cli_opt(a, "db");
	char why[160];
	int from, to, rc, status;

	if (!db || !*db)
		return cli_usage(a, "cli.required|option=--db|arg=FILE");
	ec_demo_opts_init(&opts);
	if (cli_opt(a, "enterprises")) {
		if (parse_count(cli_opt(a, "enterprises"), EC_DEMO_ENTERPRISES_MAX, &n) || n < 1)
			return cli_usage(a, "--enterprises number.range|value=%s|min=1|max=%d", cli_opt(a, "enterprises"),
					 EC_DEMO_ENTERPRISES_MAX);
		opts.enterprises = (int64_t)n;
	}
	if (cli_opt(a, "seed")) {
		if (parse_count(cli_opt(a, "seed"), UINT64_MAX, &n))
			return cli_usage(a, "--seed number.range|value=%s|min=0|max=%llu", cli_opt(a, "seed"),
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
		return cli_usage(a, "--from cli.january|value=%s", cli_opt(a, "from"));
	if (ec_period_month(opts.last_period) != 12)
		return cli_usage(a, "--to cli.december|value=%s", cli_opt(a, "to"));
	if (ec_demo_opts_check(&opts, why, sizeof why) != EC_OK)
		return cli_usage(a, "%s", why);

	if (cli_opt(a, "force") && strstr(db, "://") == NULL && remove_database(db) != 0)
		return EC_EXIT_IO;
	if ((rc = cli_open_app(a, EC_STORE_CREATE, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK) {
		ec_app_close(app);
		return rc;
	}
	memset(&dp, 0, sizeof dp);
	dp.terminal = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &dp.start);
	prog.fn = show_progress;
	prog.ctx = &dp;
	ec_diag_init(&d, 20);
	status = ec_app_demo(app, &who, &opts, &prog, &res, &d);
	if (dp.shown && status != EC_OK)
		fputc('\n', stderr);
	if (status != EC_OK) {
		/* demo.not_empty (a database holding data) is data refused: exit 3 */
		rc = cli_refused(status, &d, db);
	} else {
		char first[8], last[8];
		ec_period_format(opts.first_period, first);
		ec_period_format(opts.last_period, last);
		printf(cli_lang() == EC_LANG_ZH
			       ? "%s：示例经济（随机种子 %llu，%s 至 %s）：%lld 家企业、%lld 条月度报表、%lld 条价格指数"
				 "（连同下列集群和项目用时 %.1f 秒）；%lld 家为 %d 年规模以上企业，战略性新兴产业占其增加值的 %.1f%%\n"
			       : "%s: demo economy (seed %llu, %s..%s): %lld enterprises, %lld reports, %lld deflators "
				 "(%.1f s with the clusters and projects below); %lld above designated size in %d, SEI %.1f%% "
				 "of their value added\n",
		       db, (unsigned long long)opts.seed, first, last, (long long)res.stats.enterprises,
		       (long long)res.stats.reports, (long long)res.stats.deflators, seconds_since(&dp.start),
		       (long long)res.stats.above_size_last, ec_period_year(opts.last_period), res.stats.sei_share_last);
		printf(cli_lang() == EC_LANG_ZH ? "%s：已登记 %zu 个集群（2019 年国家战略性新兴产业集群、产业基地、产业生态）\n"
						: "%s: %zu clusters registered (the 2019 national SEI clusters, bases, ecosystems)\n",
		       db, res.clusters);
		printf(cli_lang() == EC_LANG_ZH ? "%s：已登记 %zu 个项目、%zu 只基金\n" : "%s: %zu projects and %zu funds registered\n",
		       db, res.projects, res.funds);
		printf(cli_lang() == EC_LANG_ZH ? "%s：已提交 %zu 份数字化水平问卷\n" : "%s: %zu digital-level questionnaires submitted\n",
		       db, res.digital);
		rc = EC_EXIT_OK;
	}
	ec_diag_release(&d);
	ec_app_close(app);
	return rc;
}

static const struct cli_option demo_opts[] = {
	{ "db", "FILE", "the database file to create" },
	{ "enterprises", "N", "number of enterprises (default 50000)" },
	{ "from", "YYYY-MM", "first month of reports (default 2018-01)" },
	{ "to", "YYYY-MM", "last month of reports (default 2021-12)" },
	{ "seed", "S", "random seed (default 2020); the same seed gives the same data" },
	{ "force", NULL, "replace the data of an existing database" },
	{ NULL, NULL, NULL },
};

static const struct cli_verb demo_verbs[] = {
	{ "generate", generate_run, 0, 0, "--db FILE [--enterprises N] [--from 2018-01] [--to 2021-12] [--seed S] [--force]",
	  "fill a new database with the demo economy, its clusters and its project library",
	  "db enterprises from to seed force", CLI_ACTS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};

const struct cli_command cmd_demo = {
	"demo", NULL, 1, 1, "generate --db FILE [--enterprises N] [--from 2018-01] [--to 2021-12] [--seed S]",
	"generate a realistic synthetic national economy",
	"Creates a database holding enterprises in all 31 provinces, monthly reports\n"
	"and PPI deflators, calibrated to published growth figures (2019: all\n"
	"above-size industry +5.7%, SEI +8.4%; 2020 H1: -1.3% and +2.9%). The same\n"
	"seed gives byte-identical exports.",
	demo_opts, demo_verbs, CLI_READS,
};
