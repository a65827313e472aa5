/*
** echelon cluster discover and echelon cluster evaluate: the command's face
** over the cluster analysis of the application (src/app/cluster_analysis.c).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/cluster.h"
#include "echelon/csv.h"
#include "echelon/dbscan.h"
#include "echelon/evaluate.h"
#include "echelon/output.h"

int cluster_discover(struct cli_args *a);
int cluster_evaluate(struct cli_args *a);

static int number_opt(const struct cli_args *a, const char *name, double lo, double hi, double *out)
{
	const char *v = cli_opt(a, name), *why;

	if (!v)
		return EC_EXIT_OK;
	if (ec_number_parse(v, strlen(v), out, &why) != EC_OK || *out < lo || *out > hi)
		return cli_usage(a, "--%s number.range|value=%s|min=%g|max=%g", name, v, lo, hi);
	return EC_EXIT_OK;
}

/* Rounds a column of numbers for the terminal (csv and json keep them all). */
static void round_column(struct ec_table *t, size_t col, const char *format)
{
	for (size_t r = 0; r < t->nrows; r++) {
		char **cell = &t->cells[r * t->ncols + col], buf[48];
		if (!**cell)
			continue;
		snprintf(buf, sizeof buf, format, strtod(*cell, NULL));
		free(*cell);
		*cell = ec_strdup(buf);
	}
}

/* The yearly sums behind the cluster indicators. Returns 0 (the caller
** releases d) or an exit code, the message printed. */
static int load_data(struct ec_app *app, struct ec_cluster_data *d)
{
	char *err = NULL;
	int status, rc;

	if ((status = ec_app_cluster_data(app, d, &err)) == EC_OK)
		return EC_EXIT_OK;
	rc = cli_fail(ec_exit_code(status), "%s", err);
	free(err);
	return rc;
}

static const char *const kdist_names[] = { "share", "distance_km", "knee" };
static const enum ec_col_kind kdist_kinds[] = { EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_BOOL };

/* discover --k-distance: the curve that helps in choosing --eps-km. As a
** table, every 5 % of the points; as csv or json, up to 200 points. */
static int write_kdist(struct ec_app *app, const struct ec_cluster_data *d, const struct ec_discover_params *p,
		       const char *what, enum ec_format fmt)
{
	struct ec_discover_summary sum;
	struct ec_kdist k;
	struct ec_table t;
	double min_points = p->min_points > 0 ? p->min_points : EC_DISCOVER_MIN_POINTS;
	char *err = NULL;
	int rc;

	rc = ec_app_cluster_discover_kdist(app, d, p, fmt == EC_FMT_TABLE ? 21 : 200, &k, &sum, &err);
	if (rc != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
		return rc;
	}
	if (fmt == EC_FMT_TABLE) {
		printf("k-distance of %zu enterprises of %s %s in %d, min %g%s, k = %g%s\n", sum.points, what, p->code,
		       sum.year, min_points, p->weighted ? " (value-added weighted)" : " points", min_points - 1,
		       k.sampled < k.points ? ", an even sample of 50000" : "");
		if (isnan(k.knee_km))
			printf("no point has min %g within reach: no radius to suggest\n\n", min_points);
		else
			printf("suggested --eps-km %.2f: the knee, %.1f %% of the points farther from their neighbours%s\n\n",
			       k.knee_km, 100 * k.knee_share,
			       k.never_core ? " (and those that never reach min points)" : "");
	}
	ec_table_init(&t, 3, kdist_names, kdist_kinds);
	for (size_t i = 0; i < k.ncurve; i++) {
		char share[32], dist[32];
		snprintf(share, sizeof share, fmt == EC_FMT_TABLE ? "%.2f" : "%.6g", k.share[i]);
		snprintf(dist, sizeof dist, fmt == EC_FMT_TABLE ? "%.2f" : "%.6g", k.distance_km[i]);
		ec_table_addv(&t, share, dist, k.share[i] == k.knee_share ? "true" : "false");
	}
	ec_dbscan_kdist_release(&k);
	return cli_write_table(&t, fmt);
}

int cluster_discover(struct cli_args *a)
{
	const char *area = cli_opt(a, "area"), *direction = cli_opt(a, "direction");
	const struct ec_catalog *cat;
	const struct ec_category *sei;
	struct ec_app *app = NULL;
	struct ec_discover_params p = { NULL, 0, EC_DISCOVER_MIN_POINTS, 0, 0, 0, NULL };
	struct ec_discover_summary sum;
	struct ec_cluster_data d;
	struct ec_table t;
	enum ec_format fmt;
	double year = 0;
	char *err = NULL;
	int rc;

	if (!!area == !!direction)
		return cli_usage(a, "cli.one_of|options=--area CODE, --direction CODE");
	p.code = area ? area : direction;
	if ((rc = number_opt(a, "eps-km", 0.01, 500, &p.eps_km)) || (rc = number_opt(a, "min-points", 1, 1e9, &p.min_points)) ||
	    (rc = number_opt(a, "year", 1900, 2999, &year)) || (rc = cli_format(a, &fmt)) ||
	    (rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	/* The code is checked against the catalogue before the data is loaded. */
	if (ec_app_catalog(app, &cat) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_app_close(app);
		return rc;
	}
	sei = ec_catalog_find_category(cat, p.code, strlen(p.code));
	if (!sei || sei->level != (area ? 1 : 2)) {
		ec_app_close(app);
		return cli_usage(a, "--%s discover.code|code=%s", area ? "area" : "direction", p.code);
	}
	if ((rc = load_data(app, &d)) != EC_EXIT_OK) {
		ec_app_close(app);
		return rc;
	}
	p.weighted = cli_opt(a, "weighted") != NULL;
	p.all = cli_opt(a, "all") != NULL;
	p.year = (int)year;
	if (cli_opt(a, "k-distance")) {
		if (p.min_points > EC_KDIST_MAX_MIN_WEIGHT) {
			ec_cluster_data_release(&d);
			ec_app_close(app);
			return cli_usage(a, "--min-points kdist.min_points|value=%g|max=%d", p.min_points,
					 EC_KDIST_MAX_MIN_WEIGHT);
		}
		rc = write_kdist(app, &d, &p, area ? "area" : "direction", fmt);
		ec_cluster_data_release(&d);
		ec_app_close(app);
		return rc;
	}
	rc = ec_app_cluster_discover(app, &d, &p, &t, &sum, &err);
	if (rc != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
		ec_table_release(&t);
	} else {
		if (fmt == EC_FMT_TABLE)
			printf("DBSCAN on %zu enterprises of %s %s (%s) in %d, eps %.2f km%s, min %g%s: %zu clusters, %zu shown%s\n\n",
			       sum.points, area ? "area" : "direction", p.code, sei->name_zh, sum.year, sum.eps_km,
			       p.eps_km > 0 ? "" : " (suggested: the knee of --k-distance)",
			       p.min_points, p.weighted ? " (value-added weighted)" : " points", sum.clusters, sum.shown,
			       p.all ? "" : " (those no registered cluster covers; --all for every one)");
		rc = cli_write_table(&t, fmt);
	}
	ec_cluster_data_release(&d);
	ec_app_close(app);
	return rc;
}

/* The AHP matrix file: EC_EXIT_OK, or the problems printed and an exit
** code. */
static int read_ahp(const char *path, const struct ec_indicator *ind, size_t m, double *matrix)
{
	struct ec_csv f;
	struct ec_diag d;
	int rc;

	if (ec_csv_open(&f, path) != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", f.error);
	ec_diag_init(&d, 10);
	rc = ec_evaluate_ahp_parse(path, f.data, f.len, ind, m, matrix, &d);
	cli_print_diag(&d);
	ec_diag_release(&d);
	ec_csv_release(&f);
	return rc == EC_OK ? EC_EXIT_OK : cli_fail(EC_EXIT_DATA, "cli.rejected|file=%s", path);
}

int cluster_evaluate(struct cli_args *a)
{
	struct ec_app *app = NULL;
	struct ec_evaluate_params p;
	struct ec_evaluate_summary sum;
	struct ec_indicator_system sys = { NULL, 0, 0 };
	struct ec_cluster_data d;
	struct ec_table rows, weights;
	enum ec_format fmt;
	double year = 0, cnt[3] = { 10, 100, 1000 }, *matrix = NULL;
	const char *file = cli_opt(a, "indicators");
	char *err = NULL;
	int rc;

	memset(&p, 0, sizeof p);
	p.method = cli_opt_or(a, "method", "entropy");
	p.alpha = 0.5;
	if ((rc = number_opt(a, "year", 1900, 2999, &year)) || (rc = number_opt(a, "alpha", 0, 1, &p.alpha)) ||
	    (rc = number_opt(a, "bases", 0, 1e6, &cnt[0])) || (rc = number_opt(a, "clusters", 0, 1e6, &cnt[1])) ||
	    (rc = number_opt(a, "ecosystems", 0, 1e6, &cnt[2])) || (rc = cli_format(a, &fmt)))
		return rc;
	if (year <= 0)
		return cli_usage(a, "cli.required|option=--year|arg=YYYY");
	if (strcmp(p.method, "entropy") && strcmp(p.method, "ahp") && strcmp(p.method, "fixed") && strcmp(p.method, "combined"))
		return cli_usage(a, "--method field.enum|value=%s|expected=entropy, ahp, fixed or combined", p.method);
	if ((!strcmp(p.method, "ahp") || !strcmp(p.method, "combined")) && !cli_opt(a, "ahp"))
		return cli_usage(a, "--method=%s cli.needs|needs=--ahp FILE", p.method);
	p.year = (int)year;
	p.bases = (size_t)cnt[0], p.clusters = (size_t)cnt[1], p.ecosystems = (size_t)cnt[2];
	if (file) {
		struct ec_csv f;
		struct ec_diag dg;
		if (ec_csv_open(&f, file) != EC_OK)
			return cli_fail(EC_EXIT_IO, "%s", f.error);
		ec_diag_init(&dg, 100);
		rc = ec_evaluate_indicators_parse(file, f.data, f.len, &sys, &dg);
		cli_print_diag(&dg);
		ec_diag_release(&dg);
		ec_csv_release(&f);
		if (rc != EC_OK)
			return cli_fail(EC_EXIT_DATA, "cli.rejected|file=%s", file);
		p.indicators = sys.indicators;
		p.nindicators = sys.n;
	} else {
		p.indicators = ec_evaluate_indicators_default(&p.nindicators);
	}
	if (!strcmp(p.method, "fixed") && !(file && sys.has_weights)) {
		ec_evaluate_indicators_release(&sys);
		return cli_usage(a, "--method=fixed cli.needs|needs=--indicators FILE");
	}
	if (cli_opt(a, "ahp")) {
		matrix = ec_malloc(p.nindicators * p.nindicators * sizeof *matrix);
		if ((rc = read_ahp(cli_opt(a, "ahp"), p.indicators, p.nindicators, matrix)) != EC_EXIT_OK) {
			free(matrix);
			ec_evaluate_indicators_release(&sys);
			return rc;
		}
		p.ahp = matrix;
	}
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) || (rc = load_data(app, &d))) {
		ec_app_close(app);
		free(matrix);
		ec_evaluate_indicators_release(&sys);
		return rc;
	}
	rc = ec_app_cluster_evaluate(app, &d, &p, &rows, &weights, &sum, &err);
	if (rc != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
	} else {
		/* As a table, the weights go before the ranking. */
		if (fmt == EC_FMT_TABLE) {
			printf("evaluation of %zu clusters in %d: %s weights, TOPSIS%s\n", sum.alternatives, p.year, p.method,
			       sum.have_previous ? "; movement against the same evaluation of the year before" : "");
			if (p.ahp)
				printf("AHP: lambda_max %.4f, CI %.4f, CR %.4f (< 0.10)\n", sum.ahp_lambda_max, sum.ahp_ci,
				       sum.ahp_cr);
			printf("\n");
			round_column(&weights, 3, "%.4f");
			rc = cli_write_table(&weights, fmt);
			printf("\n");
			round_column(&rows, 7, "%.4f");
			round_column(&rows, 8, "%.1f");
			round_column(&rows, 9, "%.1f");
			round_column(&rows, 10, "%.2f");
		} else {
			ec_table_release(&weights);
		}
		if (rc == EC_EXIT_OK)
			rc = cli_write_table(&rows, fmt);
		else
			ec_table_release(&rows);
	}
	free(matrix);
	ec_cluster_data_release(&d);
	ec_evaluate_indicators_release(&sys);
	ec_app_close(app);
	return rc;
}
