/*
** echelon cluster discover and echelon cluster evaluate: candidate clusters
** found by DBSCAN on enterprise coordinates, and the evaluation of the
** registered clusters (entropy, AHP or fixed weights, TOPSIS) into the
** recommended tiers of the "ten-hundred-thousand" echelon.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/cluster.h"
#include "echelon/csv.h"
#include "echelon/dbscan.h"
#include "echelon/evaluate.h"

int cluster_load_members(struct ec_store *s, const struct ec_cluster_data *d, const struct ec_cluster *c,
			 uint8_t *member);
int cluster_discover(struct cli_args *a, struct ec_store *s, struct ec_catalog *cat);
int cluster_evaluate(struct cli_args *a, struct ec_store *s, struct ec_catalog *cat);

static int number_opt(const struct cli_args *a, const char *name, double lo, double hi, double *out)
{
	const char *v = cli_opt(a, name), *why;

	if (!v)
		return EC_EXIT_OK;
	if (ec_number_parse(v, strlen(v), out, &why) != EC_OK || *out < lo || *out > hi)
		return cli_usage(a, "--%s '%s': expected a number from %g to %g", name, v, lo, hi);
	return EC_EXIT_OK;
}

static int latest_year(const struct ec_cluster_data *d)
{
	for (int y = d->nyears - 1; y >= 0; y--)
		for (size_t f = 0; f < d->nfirms; f++)
			if (d->reported[f * (size_t)d->nyears + (size_t)y])
				return d->first_year + y;
	return d->first_year;
}

struct registered {
	struct ec_cluster *v;
	size_t n;
};

static int collect(void *ctx, const struct ec_cluster *c)
{
	struct registered *r = ctx;
	r->v = ec_realloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n++] = *c;
	return 0;
}

/* ---- discovery ---- */

int cluster_discover(struct cli_args *a, struct ec_store *s, struct ec_catalog *cat)
{
	static const char *const names[] = { "candidate", "covered_by", "lat", "lon", "radius_km", "members",
					     "value_added", "prefecture", "prefecture_name", "lq" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };
	const char *area = cli_opt(a, "area"), *direction = cli_opt(a, "direction"), *code = area ? area : direction;
	double eps = 5, min_points = 20, year_opt = 0;
	struct ec_cluster_data d;
	struct ec_cluster probe;
	struct registered reg = { NULL, 0 };
	struct ec_table t;
	enum ec_format fmt;
	char *err = NULL;
	int rc, year, y;
	size_t n = 0, nclusters = 0, shown = 0;

	if (!!area == !!direction)
		return cli_usage(a, "discover: give --area CODE or --direction CODE");
	if (!ec_catalog_find_category(cat, code, strlen(code)) ||
	    ec_catalog_find_category(cat, code, strlen(code))->level != (area ? 1 : 2))
		return cli_usage(a, "--%s '%s': not an SEI %s code", area ? "area" : "direction", code,
				 area ? "area (1..9)" : "direction (like 1.2)");
	if ((rc = number_opt(a, "eps-km", 0.01, 500, &eps)) || (rc = number_opt(a, "min-points", 1, 1e9, &min_points)) ||
	    (rc = number_opt(a, "year", 1900, 2999, &year_opt)) || (rc = cli_format(a, &fmt)))
		return rc;
	if ((rc = ec_cluster_data_load(s, cat, &d, &err)) != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
		return rc;
	}
	year = year_opt > 0 ? (int)year_opt : latest_year(&d);
	y = year - d.first_year;
	if (y < 0 || y >= d.nyears) {
		ec_cluster_data_release(&d);
		return cli_fail(EC_EXIT_DATA, "no data for %d", year);
	}
	/* The points: enterprises of the area or direction that reported in the
	** year and have coordinates. */
	memset(&probe, 0, sizeof probe);
	snprintf(probe.categories, sizeof probe.categories, "%s", code);
	snprintf(probe.regions, sizeof probe.regions, "%s", "");
	{
		size_t N = d.nfirms, *idx = ec_malloc((N + 1) * sizeof *idx);
		double *lat = ec_malloc((N + 1) * sizeof *lat), *lon = ec_malloc((N + 1) * sizeof *lon);
		double *w = cli_opt(a, "weighted") ? ec_malloc((N + 1) * sizeof *w) : NULL;
		int32_t *labels;
		uint8_t *flags = ec_calloc(cat->ncategories + 1, 1), **members;
		struct ec_dbscan_cluster *out;
		double mean = 0;

		for (size_t k = 0; k < cat->ncategories; k++) {
			const char *cc = cat->categories[k].code;
			size_t len = strlen(code);
			flags[k] = strncmp(cc, code, len) == 0 && (cc[len] == '\0' || cc[len] == '.');
		}
		for (size_t f = 0; f < N; f++) {
			size_t at = f * (size_t)d.nyears + (size_t)y;
			if (d.category[f] < 0 || !flags[d.category[f]] || !d.reported[at] || isnan(d.lat[f]) || isnan(d.lon[f]))
				continue;
			idx[n] = f;
			lat[n] = d.lat[f];
			lon[n] = d.lon[f];
			if (w)
				w[n] = d.va[at] > 0 ? d.va[at] : 0, mean += w[n];
			n++;
		}
		/* Weighted: an enterprise counts in proportion to its value added,
		** the average one counting 1, so --min-points keeps its meaning. */
		if (w && mean > 0)
			for (size_t i = 0; i < n; i++)
				w[i] = w[i] / (mean / (double)n);
		labels = ec_malloc((n + 1) * sizeof *labels);
		if (ec_dbscan(lat, lon, w, n, eps, min_points, labels, &nclusters, &err) != EC_OK) {
			rc = cli_fail(EC_EXIT_USAGE, "%s", err);
			free(err);
			nclusters = 0;
		}
		out = ec_calloc(nclusters + 1, sizeof *out);
		if (nclusters && ec_dbscan_summary(lat, lon, w, labels, NULL, n, nclusters, out, &err) != EC_OK) {
			rc = cli_fail(EC_EXIT_FAIL, "%s", err);
			free(err);
			nclusters = 0;
		}
		/* Registered clusters' members, to tell what is covered. */
		s->ops->cluster_each(s, collect, &reg);
		members = ec_calloc(reg.n + 1, sizeof *members);
		for (size_t r = 0; r < reg.n; r++) {
			members[r] = ec_malloc(N + 1);
			cluster_load_members(s, &d, &reg.v[r], members[r]);
		}
		ec_table_init(&t, 10, names, kinds);
		for (size_t k = 0; k < nclusters; k++) {
			char id[32], v[6][32], pref[8] = "", covered[64] = "";
			const struct ec_region *pr;
			size_t best_count = 0, best_reg = 0;
			double va = 0, lq = NAN;
			/* dominant prefecture: the most members */
			{
				int32_t *codes = ec_malloc(out[k].members * sizeof *codes);
				size_t m = 0, best = 0;
				for (size_t i = 0; i < n; i++)
					if (labels[i] == (int32_t)k) {
						codes[m++] = d.region[idx[i]] / 100;
						va += d.va[idx[i] * (size_t)d.nyears + (size_t)y];
					}
				for (size_t i = 0; i < m; i++) {
					size_t c = 0;
					for (size_t j = 0; j < m; j++)
						c += codes[j] == codes[i];
					if (c > best)
						best = c, snprintf(pref, sizeof pref, "%04d00", codes[i]);
				}
				free(codes);
			}
			/* covered: a registered cluster holding most of its members */
			for (size_t r = 0; r < reg.n; r++) {
				size_t c = 0;
				for (size_t i = 0; i < n; i++)
					c += labels[i] == (int32_t)k && members[r][idx[i]];
				if (c > best_count)
					best_count = c, best_reg = r;
			}
			if (best_count * 2 > out[k].members)
				snprintf(covered, sizeof covered, "%s", reg.v[best_reg].code);
			if (covered[0] && !cli_opt(a, "all"))
				continue;
			/* LQ of the area or direction in the dominant prefecture */
			{
				struct ec_cluster_indicators ind;
				struct ec_cluster q = probe;
				uint8_t *none = ec_calloc(N + 1, 1);
				snprintf(q.regions, sizeof q.regions, "%s", pref);
				if (ec_cluster_indicators(&d, &q, none, year, 20000, &ind, &err) == EC_OK)
					lq = ind.lq;
				else
					free(err);
				free(none);
			}
			pr = ec_catalog_find_region(cat, pref, strlen(pref));
			snprintf(id, sizeof id, "%s-%zu", code, ++shown);
			snprintf(v[0], 32, "%.4f", out[k].lat_deg);
			snprintf(v[1], 32, "%.4f", out[k].lon_deg);
			snprintf(v[2], 32, "%.2f", out[k].radius_km);
			snprintf(v[3], 32, "%zu", out[k].members);
			snprintf(v[4], 32, "%.1f", va);
			if (isnan(lq))
				v[5][0] = '\0';
			else
				snprintf(v[5], 32, "%.2f", lq);
			ec_table_addv(&t, id, covered, v[0], v[1], v[2], v[3], v[4], pref, pr ? pr->name_zh : "", v[5]);
		}
		if (fmt == EC_FMT_TABLE)
			printf("DBSCAN on %zu enterprises of %s %s (%s) in %d, eps %.2f km, min %g %s: %zu clusters, %zu shown%s\n\n",
			       n, area ? "area" : "direction", code,
			       ec_catalog_find_category(cat, code, strlen(code))->name_zh, year, eps, min_points,
			       w ? "(value-added weighted)" : "points", nclusters, shown,
			       cli_opt(a, "all") ? "" : " (those no registered cluster covers; --all for every one)");
		if (rc == EC_EXIT_OK)
			rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
		ec_table_release(&t);
		for (size_t r = 0; r < reg.n; r++)
			free(members[r]);
		free(members);
		free(reg.v);
		free(out);
		free(labels);
		free(flags);
		free(idx);
		free(lat);
		free(lon);
		free(w);
	}
	ec_cluster_data_release(&d);
	return rc;
}

/* ---- evaluation ---- */

struct entered {
	const char *cluster;
	int year;
	const char *indicator;
	double value;
	int found;
};

static int find_entered(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	struct entered *e = ctx;
	(void)cluster;
	if (year == e->year && strcmp(indicator, e->indicator) == 0) {
		e->value = value;
		e->found = 1;
		return 1;
	}
	return 0;
}

/* The value of indicator name for a cluster in a year: computed from its
** members, or entered; missing values are 0 (documented). */
static double value_of(struct ec_store *s, const struct ec_cluster *c, const struct ec_cluster_indicators *ind,
		       const char *name, int year)
{
	struct entered e = { c->code, year, name, 0, 0 };
	double v = NAN;

	if (!strcmp(name, "value_added")) v = ind->value_added;
	else if (!strcmp(name, "enterprises")) v = (double)ind->enterprises;
	else if (!strcmp(name, "enterprises_above_size")) v = (double)ind->above_size;
	else if (!strcmp(name, "lq")) v = ind->lq;
	else if (!strcmp(name, "va_growth_pct")) v = ind->growth_pct;
	else if (!strcmp(name, "rd_intensity_pct")) v = ind->rd_intensity_pct;
	else if (!strcmp(name, "patents_per_1000")) v = ind->patents_per_1000;
	else if (!strcmp(name, "national_share_pct")) v = ind->national_share_pct;
	else if (!strcmp(name, "employees")) v = (double)ind->employees;
	else if (!strcmp(name, "revenue")) v = ind->revenue;
	else {
		s->ops->cluster_indicator_each(s, c->code, find_entered, &e);
		v = e.found ? e.value : 0;
	}
	return isnan(v) ? 0 : v;
}

/* Reads an AHP matrix: header "indicator,NAME,...", then one row per
** indicator with its comparisons (numbers or fractions like 1/3). */
static int read_ahp(const char *path, const struct ec_indicator *ind, size_t m, double *matrix)
{
	struct ec_csv c;
	size_t row = 0;
	int got;

	if (ec_csv_open(&c, path) != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", c.error);
	if (ec_csv_next(&c) != 1 || c.nfields != m + 1) {
		ec_csv_release(&c);
		return cli_fail(EC_EXIT_DATA, "%s:1: expected a header of %zu columns: indicator and the %zu indicators",
				path, m + 1, m);
	}
	for (size_t j = 0; j < m; j++)
		if (!ec_csv_field_is(&c.fields[j + 1], ind[j].name)) {
			ec_csv_release(&c);
			return cli_fail(EC_EXIT_DATA, "%s:1: column %zu is '%.*s', expected '%s' (the indicators in order)", path,
					j + 2, (int)c.fields[j + 1].n, c.fields[j + 1].p, ind[j].name);
		}
	while ((got = ec_csv_next(&c)) == 1 && row < m) {
		if (c.nfields != m + 1 || !ec_csv_field_is(&c.fields[0], ind[row].name)) {
			ec_csv_release(&c);
			return cli_fail(EC_EXIT_DATA, "%s:%ld: expected the row of '%s' with %zu comparisons", path, c.line,
					ind[row].name, m);
		}
		for (size_t j = 0; j < m; j++) {
			char buf[32], *slash;
			double num, den = 1;
			const char *why;
			snprintf(buf, sizeof buf, "%.*s", (int)(c.fields[j + 1].n > 30 ? 30 : c.fields[j + 1].n), c.fields[j + 1].p);
			slash = strchr(buf, '/');
			if (slash)
				*slash = '\0';
			if (ec_number_parse(buf, strlen(buf), &num, &why) ||
			    (slash && ec_number_parse(slash + 1, strlen(slash + 1), &den, &why)) || den == 0) {
				ec_csv_release(&c);
				return cli_fail(EC_EXIT_DATA, "%s:%ld: column %s: '%s' is not a number or a fraction", path,
						c.line, ind[j].name, c.fields[j + 1].p ? buf : "");
			}
			matrix[row * m + j] = num / den;
		}
		row++;
	}
	ec_csv_release(&c);
	if (got < 0 || row != m)
		return cli_fail(EC_EXIT_DATA, "%s: expected %zu rows of comparisons, found %zu", path, m, row);
	return EC_EXIT_OK;
}

int cluster_evaluate(struct cli_args *a, struct ec_store *s, struct ec_catalog *cat)
{
	static const char *const names[] = { "rank", "code", "name_zh", "tier", "recommended", "movement",
					     "previous_rank", "closeness", "value_added", "va_growth_pct", "lq", "stars" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER };
	const char *method = cli_opt_or(a, "method", "entropy"), *file = cli_opt(a, "indicators");
	struct ec_indicator_system sys = { NULL, 0, 0 };
	const struct ec_indicator *ind;
	struct ec_tier_counts counts = EC_TIER_COUNTS_DEFAULT;
	struct registered reg = { NULL, 0 };
	struct ec_cluster_data d;
	struct ec_table t;
	enum ec_format fmt;
	double year_opt = 0, alpha = 0.5, cnt[3] = { 10, 100, 1000 };
	double *values[2] = { NULL, NULL }, *weight = NULL;
	struct ec_cluster_indicators *now = NULL;
	struct ec_topsis top[2];
	struct ec_placement *place = NULL;
	size_t m, *prev_rank = NULL;
	char *err = NULL;
	int rc, year, have_prev = 0;

	memset(top, 0, sizeof top);
	if ((rc = number_opt(a, "year", 1900, 2999, &year_opt)) || (rc = number_opt(a, "alpha", 0, 1, &alpha)) ||
	    (rc = number_opt(a, "bases", 0, 1e6, &cnt[0])) || (rc = number_opt(a, "clusters", 0, 1e6, &cnt[1])) ||
	    (rc = number_opt(a, "ecosystems", 0, 1e6, &cnt[2])) || (rc = cli_format(a, &fmt)))
		return rc;
	if (year_opt <= 0)
		return cli_usage(a, "evaluate: --year YYYY is required");
	if (strcmp(method, "entropy") && strcmp(method, "ahp") && strcmp(method, "fixed") && strcmp(method, "combined"))
		return cli_usage(a, "--method '%s': expected entropy, ahp, fixed or combined", method);
	if ((!strcmp(method, "ahp") || !strcmp(method, "combined")) && !cli_opt(a, "ahp"))
		return cli_usage(a, "--method %s needs --ahp FILE (the pairwise comparison matrix)", method);
	counts.bases = (size_t)cnt[0], counts.clusters = (size_t)cnt[1], counts.ecosystems = (size_t)cnt[2];
	year = (int)year_opt;
	/* The indicator system: a file, or the built-in one. */
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
			return cli_fail(EC_EXIT_DATA, "%s: rejected", file);
		ind = sys.indicators;
		m = sys.n;
	} else {
		ind = ec_evaluate_indicators_default(&m);
	}
	if (!strcmp(method, "fixed") && !(file && sys.has_weights)) {
		ec_evaluate_indicators_release(&sys);
		return cli_usage(a, "--method fixed needs --indicators FILE with a weight for every indicator");
	}
	if ((rc = ec_cluster_data_load(s, cat, &d, &err)) != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
		ec_evaluate_indicators_release(&sys);
		return rc;
	}
	s->ops->cluster_each(s, collect, &reg);
	if (reg.n == 0) {
		rc = cli_fail(EC_EXIT_DATA, "no clusters registered: add them with `echelon cluster add` or `import`");
		goto out;
	}
	now = ec_calloc(reg.n, sizeof *now);
	/* The decision matrices of the year and of the year before. */
	for (int k = 0; k < 2; k++) {
		int yy = year - k;
		values[k] = ec_calloc(reg.n * m, sizeof *values[k]);
		for (size_t r = 0; r < reg.n; r++) {
			struct ec_cluster_indicators ci;
			uint8_t *member = ec_malloc(d.nfirms + 1);
			cluster_load_members(s, &d, &reg.v[r], member);
			if (ec_cluster_indicators(&d, &reg.v[r], member, yy, 20000, &ci, &err) != EC_OK) {
				free(member);
				free(err), err = NULL;
				if (k == 0) {
					rc = cli_fail(EC_EXIT_DATA, "no data for %d", year);
					goto out;
				}
				goto no_previous;
			}
			if (k == 0)
				now[r] = ci;
			for (size_t j = 0; j < m; j++)
				values[k][r * m + j] = value_of(s, &reg.v[r], &ci, ind[j].name, yy);
			free(member);
		}
		if (k == 1)
			have_prev = 1;
	}
no_previous:
	weight = ec_calloc(m, sizeof *weight);
	{
		enum ec_indicator_direction *dirs = ec_malloc(m * sizeof *dirs);
		const char **inames = ec_malloc(m * sizeof *inames);
		struct ec_decision_matrix dm;
		for (size_t j = 0; j < m; j++)
			dirs[j] = ind[j].direction, inames[j] = ind[j].name;
		dm.nalternatives = reg.n;
		dm.nindicators = m;
		dm.directions = dirs;
		dm.alternative_names = NULL;
		dm.indicator_names = inames;
		for (int k = 0; k < 1 + have_prev; k++) {
			dm.values = values[k];
			if (k == 0 || strcmp(method, "entropy") == 0) {
				double *objective = ec_calloc(m, sizeof *objective), *subjective = ec_calloc(m, sizeof *subjective);
				struct ec_ahp cons;
				int wrc = EC_OK;
				if (!strcmp(method, "entropy") || !strcmp(method, "combined"))
					wrc = ec_evaluate_entropy(&dm, objective, NULL, NULL, &err);
				if (wrc == EC_OK && (!strcmp(method, "ahp") || !strcmp(method, "combined"))) {
					double *matrix = ec_malloc(m * m * sizeof *matrix);
					if ((rc = read_ahp(cli_opt(a, "ahp"), ind, m, matrix)) != EC_EXIT_OK) {
						free(matrix), free(objective), free(subjective), free(dirs), free(inames);
						goto out;
					}
					wrc = ec_evaluate_ahp(matrix, m, inames, subjective, &cons, &err);
					if (fmt == EC_FMT_TABLE && k == 0)
						printf("AHP: lambda_max %.4f, CI %.4f, RI %.2f, CR %.4f\n", cons.lambda_max, cons.ci,
						       cons.ri, cons.cr);
					free(matrix);
				}
				if (wrc == EC_OK && !strcmp(method, "fixed")) {
					double *given = ec_malloc(m * sizeof *given);
					for (size_t j = 0; j < m; j++)
						given[j] = ind[j].weight;
					wrc = ec_evaluate_fixed(given, m, inames, weight, &err);
					free(given);
				}
				if (wrc == EC_OK && !strcmp(method, "entropy"))
					memcpy(weight, objective, m * sizeof *weight);
				if (wrc == EC_OK && !strcmp(method, "ahp"))
					memcpy(weight, subjective, m * sizeof *weight);
				if (wrc == EC_OK && !strcmp(method, "combined"))
					wrc = ec_evaluate_combine(subjective, objective, m, alpha, weight, &err);
				free(objective);
				free(subjective);
				if (wrc != EC_OK) {
					rc = cli_fail(ec_exit_code(wrc), "%s", err);
					free(err);
					free(dirs);
					free(inames);
					goto out;
				}
			}
			if (ec_evaluate_topsis(&dm, weight, &top[k], &err) != EC_OK) {
				rc = cli_fail(EC_EXIT_DATA, "%s", err);
				free(err);
				free(dirs);
				free(inames);
				goto out;
			}
		}
		free(dirs);
		free(inames);
	}
	place = ec_calloc(reg.n, sizeof *place);
	if (ec_evaluate_tiers(top[0].rank, have_prev ? top[1].rank : NULL, reg.n, &counts, place, &err) != EC_OK) {
		rc = cli_fail(EC_EXIT_FAIL, "%s", err);
		free(err);
		goto out;
	}
	if (fmt == EC_FMT_TABLE) {
		printf("evaluation of %zu clusters in %d, %s weights, TOPSIS%s\n\n", reg.n, year, method,
		       have_prev ? "; movement against the same method on the year before" : "");
		printf("weights:");
		for (size_t j = 0; j < m; j++)
			printf("%s %s %.3f", j ? "," : "", ind[j].name, weight[j]);
		printf("\n\n");
	}
	ec_table_init(&t, 12, names, kinds);
	for (size_t i = 0; i < reg.n; i++) {
		size_t r = top[0].order[i];
		char v[8][32];
		snprintf(v[0], 32, "%zu", place[r].rank);
		snprintf(v[1], 32, "%zu", place[r].previous_rank);
		snprintf(v[2], 32, fmt == EC_FMT_TABLE ? "%.4f" : "%.17g", top[0].closeness[r]);
		snprintf(v[3], 32, "%.1f", now[r].value_added);
		if (isnan(now[r].growth_pct))
			v[4][0] = '\0';
		else
			snprintf(v[4], 32, fmt == EC_FMT_TABLE ? "%.1f" : "%.17g", now[r].growth_pct);
		if (isnan(now[r].lq))
			v[5][0] = '\0';
		else
			snprintf(v[5], 32, fmt == EC_FMT_TABLE ? "%.2f" : "%.17g", now[r].lq);
		snprintf(v[6], 32, "%d", now[r].stars);
		ec_table_addv(&t, v[0], reg.v[r].code, reg.v[r].name_zh, ec_tier_name(reg.v[r].tier),
			      ec_evaluate_tier_name(place[r].tier), ec_evaluate_movement_name(place[r].movement),
			      place[r].previous_rank ? v[1] : "", v[2], v[3], v[4], v[5], v[6]);
	}
	rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(&t);
out:
	free(prev_rank);
	free(place);
	ec_evaluate_topsis_release(&top[0]);
	ec_evaluate_topsis_release(&top[1]);
	free(weight);
	free(values[0]);
	free(values[1]);
	free(now);
	free(reg.v);
	ec_cluster_data_release(&d);
	ec_evaluate_indicators_release(&sys);
	return rc;
}
