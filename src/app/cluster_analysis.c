/*
** Cluster analysis shared by the command and the API: candidate clusters
** found by DBSCAN on enterprise coordinates, and the evaluation of the
** registered clusters (entropy, AHP, fixed or combined weights, TOPSIS)
** into the recommended tiers of the "ten-hundred-thousand" echelon. Both
** answer with tables of cells.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/cluster.h"
#include "echelon/dbscan.h"
#include "echelon/evaluate.h"
#include "echelon/monitor.h"
#include "echelon/output.h"
#include "echelon/store.h"

/* The stored rules as two ';' lists: [0] included, [1] excluded. */
static int rules(void *ctx, const char *cluster, const char *uscc, int include)
{
	struct ec_buf *to = &((struct ec_buf *)ctx)[include ? 0 : 1];

	(void)cluster;
	if (to->len)
		ec_buf_addc(to, ';');
	ec_buf_adds(to, uscc);
	return 0;
}

int ec_cluster_members_stored(struct ec_store *s, const struct ec_cluster_data *d, const struct ec_cluster *c,
			      uint8_t *member, size_t *count)
{
	struct ec_buf lists[2];
	int rc;

	ec_buf_init(&lists[0], 0);
	ec_buf_init(&lists[1], 0);
	*count = 0;
	if ((rc = ec_store_cluster_member_each(s, c->code, rules, lists)) == EC_OK)
		*count = ec_cluster_members(d, c, lists[0].data, lists[1].data, member);
	ec_buf_release(&lists[0]);
	ec_buf_release(&lists[1]);
	return rc;
}

int ec_cluster_latest_year(const struct ec_cluster_data *d)
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

/* ---- discovery ---- */

static const char *const discover_names[] = { "candidate", "covered_by", "lat", "lon", "radius_km", "members",
					      "value_added", "prefecture", "prefecture_name", "lq" };
static const enum ec_col_kind discover_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						   EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT,
						   EC_COL_TEXT, EC_COL_NUMBER };

/* The enterprises discovery clusters: those of the area or direction
** p->code that reported in the year (p->year, 0 the latest) and have
** coordinates; with p->weighted, weights by value added, the average one 1.
** Fills the arrays (caller frees; w NULL when unweighted) and sum->points
** and sum->year. Returns 0, or EC_EUSAGE / EC_ENOTFOUND with *err. */
static int select_points(const struct ec_catalog *cat, const struct ec_cluster_data *d,
			 const struct ec_discover_params *p, size_t **idx_out, double **lat_out, double **lon_out,
			 double **w_out, struct ec_discover_summary *sum, char **err)
{
	const struct ec_category *cg = ec_catalog_find_category(cat, p->code, strlen(p->code));
	size_t N = d->nfirms, n = 0, *idx, len = strlen(p->code);
	double *lat, *lon, *w, mean = 0;
	uint8_t *flags;
	int year, y;

	*idx_out = NULL, *lat_out = *lon_out = *w_out = NULL;
	if (!cg || cg->level > 2) {
		*err = ec_asprintf("discover.code|code=%s", p->code);
		return EC_EUSAGE;
	}
	year = p->year > 0 ? p->year : ec_cluster_latest_year(d);
	y = year - d->first_year;
	if (y < 0 || y >= d->nyears) {
		*err = ec_asprintf("reports.no_year|year=%d|first=%d|last=%d", year, d->first_year, d->first_year + d->nyears - 1);
		return EC_ENOTFOUND;
	}
	sum->year = year;
	flags = ec_calloc(cat->ncategories + 1, 1);
	for (size_t k = 0; k < cat->ncategories; k++) {
		const char *cc = cat->categories[k].code;
		flags[k] = strncmp(cc, p->code, len) == 0 && (cc[len] == '\0' || cc[len] == '.');
	}
	idx = ec_malloc((N + 1) * sizeof *idx);
	lat = ec_malloc((N + 1) * sizeof *lat);
	lon = ec_malloc((N + 1) * sizeof *lon);
	w = p->weighted ? ec_malloc((N + 1) * sizeof *w) : NULL;
	for (size_t f = 0; f < N; f++) {
		size_t at = f * (size_t)d->nyears + (size_t)y;
		if (d->category[f] < 0 || !flags[d->category[f]] || !d->reported[at] || isnan(d->lat[f]) || isnan(d->lon[f]))
			continue;
		idx[n] = f;
		lat[n] = d->lat[f];
		lon[n] = d->lon[f];
		if (w)
			w[n] = d->va[at] > 0 ? d->va[at] : 0, mean += w[n];
		n++;
	}
	free(flags);
	/* Weighted: an enterprise counts in proportion to its value added, the
	** average one counting 1, so that min_points keeps its meaning. */
	if (w && mean > 0)
		for (size_t i = 0; i < n; i++)
			w[i] = w[i] / (mean / (double)n);
	sum->points = n;
	*idx_out = idx, *lat_out = lat, *lon_out = lon, *w_out = w;
	return EC_OK;
}

int ec_cluster_discover_kdist(const struct ec_catalog *cat, const struct ec_cluster_data *d,
			      const struct ec_discover_params *p, size_t max_curve, struct ec_kdist *k,
			      struct ec_discover_summary *sum, char **err)
{
	double min_points = p->min_points > 0 ? p->min_points : EC_DISCOVER_MIN_POINTS, *lat, *lon, *w;
	size_t *idx;
	int rc;

	*err = NULL;
	memset(sum, 0, sizeof *sum);
	memset(k, 0, sizeof *k);
	k->knee_km = NAN;
	if ((rc = select_points(cat, d, p, &idx, &lat, &lon, &w, sum, err)) != EC_OK)
		return rc;
	rc = ec_dbscan_kdist(lat, lon, w, sum->points, min_points, max_curve, EC_DISCOVER_KNEE_MAX_KM, k, err);
	if (rc == EC_OK)
		sum->eps_km = k->knee_km;
	free(idx);
	free(lat);
	free(lon);
	free(w);
	return rc;
}

int ec_cluster_discover(struct ec_store *s, const struct ec_catalog *cat, const struct ec_cluster_data *d,
			const struct ec_discover_params *p, struct ec_table *t, struct ec_discover_summary *sum,
			char **err)
{
	double eps = p->eps_km;
	double min_points = p->min_points > 0 ? p->min_points : EC_DISCOVER_MIN_POINTS;
	size_t N = d->nfirms, n = 0, nclusters = 0, *idx;
	double *lat, *lon, *w;
	int32_t *labels = NULL;
	uint8_t **members = NULL;
	struct ec_dbscan_cluster *out = NULL;
	struct registered reg = { NULL, 0 };
	struct ec_cluster probe;
	int year, y, rc = EC_OK;

	*err = NULL;
	memset(sum, 0, sizeof *sum);
	ec_table_init(t, 10, discover_names, discover_kinds);
	if ((rc = select_points(cat, d, p, &idx, &lat, &lon, &w, sum, err)) != EC_OK)
		return rc;
	n = sum->points;
	year = sum->year;
	/* No radius asked: the suggested one, the knee of the k-distance curve. */
	if (!(eps > 0)) {
		struct ec_kdist k;
		if (min_points > EC_KDIST_MAX_MIN_WEIGHT) {
			*err = ec_asprintf("discover.eps_needed|min_points=%g|max=%d",
					   min_points, EC_KDIST_MAX_MIN_WEIGHT);
			rc = EC_EUSAGE;
			goto out;
		}
		if ((rc = ec_dbscan_kdist(lat, lon, w, n, min_points, 2, EC_DISCOVER_KNEE_MAX_KM, &k, err)) != EC_OK)
			goto out;
		eps = isnan(k.knee_km) || !(k.knee_km > 0) ? EC_DISCOVER_EPS_KM : k.knee_km;
		ec_dbscan_kdist_release(&k);
	}
	sum->eps_km = eps;
	y = year - d->first_year;
	labels = ec_malloc((n + 1) * sizeof *labels);
	if ((rc = ec_dbscan(lat, lon, w, n, eps, min_points, labels, &nclusters, err)) == EC_OK) {
		out = ec_calloc(nclusters + 1, sizeof *out);
		if (nclusters)
			rc = ec_dbscan_summary(lat, lon, w, labels, NULL, n, nclusters, out, err);
	}
	if (rc != EC_OK)
		goto out;
	sum->clusters = nclusters;
	/* Registered clusters' members, to tell what is covered. */
	if ((rc = ec_store_cluster_list(s, &reg.v, &reg.n)) != EC_OK)
		goto failed;
	members = ec_calloc(reg.n + 1, sizeof *members);
	for (size_t r = 0; r < reg.n; r++) {
		size_t count;
		members[r] = ec_malloc(N + 1);
		if ((rc = ec_cluster_members_stored(s, d, &reg.v[r], members[r], &count)) != EC_OK)
			goto failed;
	}
	memset(&probe, 0, sizeof probe);
	snprintf(probe.categories, sizeof probe.categories, "%s", p->code);
	for (size_t k = 0; k < nclusters; k++) {
		char id[40], v[6][32], pref[8] = "", covered[EC_CLUSTER_CODE_MAX] = "";
		const struct ec_region *pr;
		size_t best_count = 0, best_reg = 0, m = 0, best = 0;
		enum ec_sdc_reason hidden = EC_SDC_SHOWN;
		double va = 0, lq = NAN;
		int32_t *codes = ec_malloc((out[k].members + 1) * sizeof *codes);

		/* the dominant prefecture: the most members */
		for (size_t i = 0; i < n; i++)
			if (labels[i] == (int32_t)k) {
				codes[m++] = d->region[idx[i]] / 100;
				va += d->va[idx[i] * (size_t)d->nyears + (size_t)y];
			}
		for (size_t i = 0; i < m; i++) {
			size_t c = 0;
			for (size_t j = 0; j < m; j++)
				c += codes[j] == codes[i];
			if (c > best)
				best = c, snprintf(pref, sizeof pref, "%04d00", codes[i]);
		}
		free(codes);
		for (size_t r = 0; r < reg.n; r++) {
			size_t c = 0;
			for (size_t i = 0; i < n; i++)
				c += labels[i] == (int32_t)k && members[r][idx[i]];
			if (c > best_count)
				best_count = c, best_reg = r;
		}
		if (best_count * 2 > out[k].members)
			snprintf(covered, sizeof covered, "%s", reg.v[best_reg].code);
		if (covered[0] && !p->all)
			continue;
		/* Disclosure control: a candidate of too few enterprises is not
		** shown at all (its place would point at them); a dominated one
		** without its value added; every centre to 0.01 degree (~1 km). */
		if (p->sdc) {
			double largest = 0;
			for (size_t i = 0; i < n; i++)
				if (labels[i] == (int32_t)k && d->va[idx[i] * (size_t)d->nyears + (size_t)y] > largest)
					largest = d->va[idx[i] * (size_t)d->nyears + (size_t)y];
			hidden = ec_sdc_cell(p->sdc, (int64_t)out[k].members, largest, va);
			if (hidden == EC_SDC_THRESHOLD)
				continue;
		}
		/* LQ of the area or direction in the dominant prefecture */
		{
			struct ec_cluster_indicators ind;
			struct ec_cluster q = probe;
			uint8_t *none = ec_calloc(N + 1, 1);
			char *e2 = NULL;
			snprintf(q.regions, sizeof q.regions, "%s", pref);
			if (ec_cluster_indicators(d, &q, none, year, EC_ABOVE_SIZE_DEFAULT, &ind, &e2) == EC_OK)
				lq = ind.lq;
			free(e2);
			free(none);
		}
		pr = ec_catalog_find_region(cat, pref, strlen(pref));
		snprintf(id, sizeof id, "%s-%zu", p->code, ++sum->shown);
		snprintf(v[0], 32, p->sdc ? "%.2f" : "%.4f", out[k].lat_deg);
		snprintf(v[1], 32, p->sdc ? "%.2f" : "%.4f", out[k].lon_deg);
		snprintf(v[2], 32, "%.2f", out[k].radius_km);
		snprintf(v[3], 32, "%zu", out[k].members);
		if (hidden != EC_SDC_SHOWN)
			v[4][0] = '\0';
		else
			snprintf(v[4], 32, "%.1f", va);
		if (isnan(lq))
			v[5][0] = '\0';
		else
			snprintf(v[5], 32, "%.4f", lq);
		ec_table_addv(t, id, covered, v[0], v[1], v[2], v[3], v[4], pref, pr ? pr->name_zh : "", v[5]);
	}
failed:
	if (rc != EC_OK && !*err)
		*err = ec_asprintf("the registry could not be read: %s", ec_store_errmsg(s));
	for (size_t r = 0; members && r < reg.n; r++)
		free(members[r]);
	free(members);
out:
	free(reg.v);
	free(out);
	free(labels);
	free(idx);
	free(lat);
	free(lon);
	free(w);
	return rc;
}

/* ---- evaluation ---- */

/* What the registry holds for every cluster, read once for an evaluation
** (one statement each, rather than one a cluster, indicator and year):
** the indicators entered, sorted by cluster, year and indicator, and the
** member rules as two ';' lists a cluster. */
struct entered_row {
	char *cluster, *indicator;
	int year;
	double value;
};

struct registry_reads {
	struct entered_row *entered;
	size_t nentered, cap;
	struct ec_cluster *clusters; /* the registry, in its order */
	size_t nclusters;
	struct ec_buf *lists;        /* [2 * i]: included, [2 * i + 1]: excluded, of clusters[i] */
};

static int keep_entered(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	struct registry_reads *rr = ctx;

	if (rr->nentered == rr->cap) {
		rr->cap = rr->cap ? 2 * rr->cap : 256;
		rr->entered = ec_realloc(rr->entered, rr->cap * sizeof *rr->entered);
	}
	rr->entered[rr->nentered++] = (struct entered_row){ ec_strdup(cluster), ec_strdup(indicator), year, value };
	return 0;
}

static int entered_order(const void *a, const void *b)
{
	const struct entered_row *x = a, *y = b;
	int c = strcmp(x->cluster, y->cluster);

	if (c)
		return c;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return strcmp(x->indicator, y->indicator);
}

/* The cluster's index in rr->clusters (the registry is small), or -1. */
static long cluster_index(const struct registry_reads *rr, const char *code)
{
	for (size_t i = 0; i < rr->nclusters; i++)
		if (!strcmp(rr->clusters[i].code, code))
			return (long)i;
	return -1;
}

static int keep_rule(void *ctx, const char *cluster, const char *uscc, int include)
{
	struct registry_reads *rr = ctx;
	long i = cluster_index(rr, cluster);

	if (i >= 0)
		rules(&rr->lists[2 * i], cluster, uscc, include);
	return 0;
}

/* Reads the entered indicators and member rules of the n clusters of reg
** (kept, not copied: they outlive rr). Returns 0 or the store's status. */
static int registry_read(struct ec_store *s, struct ec_cluster *reg, size_t n, struct registry_reads *rr)
{
	int rc;

	memset(rr, 0, sizeof *rr);
	rr->clusters = reg;
	rr->nclusters = n;
	rr->lists = ec_calloc(2 * n + 1, sizeof *rr->lists);
	for (size_t i = 0; i < 2 * n; i++)
		ec_buf_init(&rr->lists[i], 0);
	if ((rc = ec_store_cluster_indicator_each(s, NULL, keep_entered, rr)) != EC_OK)
		return rc;
	if (rr->nentered) /* none entered: no array (qsort's NULL is undefined) */
		qsort(rr->entered, rr->nentered, sizeof *rr->entered, entered_order);
	return ec_store_cluster_member_each(s, NULL, keep_rule, rr);
}

static void registry_release(struct registry_reads *rr)
{
	for (size_t i = 0; i < rr->nentered; i++)
		free(rr->entered[i].cluster), free(rr->entered[i].indicator);
	free(rr->entered);
	for (size_t i = 0; rr->lists && i < 2 * rr->nclusters; i++)
		ec_buf_release(&rr->lists[i]);
	free(rr->lists);
}

/* The members of clusters[i] by its rules as read (ec_cluster_members_stored's
** answer, without a statement). */
static size_t registry_members(const struct registry_reads *rr, const struct ec_cluster_data *d, size_t i,
			       uint8_t *member)
{
	return ec_cluster_members(d, &rr->clusters[i], rr->lists[2 * i].data, rr->lists[2 * i + 1].data, member);
}

/* The value of an indicator for a cluster in a year: computed from its
** members, from the scenario list (feed: the cluster's rows, by year; a
** year with a published scenario counting for it takes its published and
** landed — selected or completed — scenarios from the list, a year before
** the list the values entered), or entered; a missing or undefined value
** counts as 0. */
static double value_of(const struct registry_reads *rr, const struct ec_cluster *c,
		       const struct ec_cluster_indicators *ind, const struct ec_scenario_feed *feed, size_t nfeed,
		       const char *name, int year)
{
	double v;

	if (ec_scenario_feed_value(feed, nfeed, name, year, &v))
		return v;

	if (!strcmp(name, "value_added")) v = ind->value_added;
	else if (!strcmp(name, "enterprises")) v = (double)ind->enterprises;
	else if (!strcmp(name, "enterprises_above_size")) v = ind->above_size < 0 ? NAN : (double)ind->above_size;
	else if (!strcmp(name, "lq")) v = ind->lq;
	else if (!strcmp(name, "va_growth_pct")) v = ind->growth_pct;
	else if (!strcmp(name, "rd_intensity_pct")) v = ind->rd_intensity_pct;
	else if (!strcmp(name, "patents_per_1000")) v = ind->patents_per_1000;
	else if (!strcmp(name, "national_share_pct")) v = ind->national_share_pct;
	else if (!strcmp(name, "employees")) v = (double)ind->employees;
	else if (!strcmp(name, "revenue")) v = ind->revenue;
	else if (!strcmp(name, "stars")) v = ind->stars;
	else {
		struct entered_row key = { (char *)c->code, (char *)name, year, 0 };
		const struct entered_row *e =
			rr->nentered ? bsearch(&key, rr->entered, rr->nentered, sizeof *rr->entered, entered_order) : NULL;
		v = e ? e->value : 0;
	}
	return isnan(v) ? 0 : v;
}

static const char *const eval_names[] = { "rank", "code", "name_zh", "tier", "recommended", "movement",
					  "previous_rank", "closeness", "value_added", "va_growth_pct", "lq", "stars",
					  "suppressed", "suppression", "small", "rank_low", "rank_high", "parent",
					  "strengths", "weaknesses" };
static const enum ec_col_kind eval_kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
					       EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
					       EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_BOOL, EC_COL_TEXT,
					       EC_COL_BOOL, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT,
					       EC_COL_TEXT };

/* The indicators named by index, joined by ';'. */
static void names_of(const struct ec_decision_matrix *dm, const size_t *idx, size_t n, char *out, size_t size)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s", i ? ";" : "", dm->indicator_names[idx[i]]);
}
static const char *const weight_names[] = { "indicator", "group", "direction", "weight" };
static const enum ec_col_kind weight_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };

/* The weights of the method for one decision matrix. */
static int weigh(const struct ec_evaluate_params *p, const struct ec_decision_matrix *dm, double *weight,
		 struct ec_evaluate_summary *sum, char **err)
{
	size_t m = p->nindicators;
	double *objective = ec_calloc(m, sizeof *objective), *subjective = ec_calloc(m, sizeof *subjective);
	const char *method = p->method ? p->method : "entropy";
	int rc = EC_OK;

	if (!strcmp(method, "entropy") || !strcmp(method, "combined"))
		rc = ec_evaluate_entropy(dm, objective, NULL, NULL, err);
	if (rc == EC_OK && (!strcmp(method, "ahp") || !strcmp(method, "combined"))) {
		struct ec_ahp cons;
		if (!p->ahp) {
			*err = ec_asprintf("cluster_eval.ahp_needed|method=%s", method);
			rc = EC_EUSAGE;
		} else {
			rc = ec_evaluate_ahp(p->ahp, m, dm->indicator_names, subjective, &cons, err);
			sum->ahp_lambda_max = cons.lambda_max, sum->ahp_ci = cons.ci, sum->ahp_cr = cons.cr;
		}
	}
	if (rc == EC_OK && !strcmp(method, "fixed")) {
		double *given = ec_malloc(m * sizeof *given);
		for (size_t j = 0; j < m; j++)
			given[j] = p->indicators[j].weight;
		rc = ec_evaluate_fixed(given, m, dm->indicator_names, weight, err);
		free(given);
	}
	if (rc == EC_OK && !strcmp(method, "entropy"))
		memcpy(weight, objective, m * sizeof *weight);
	if (rc == EC_OK && !strcmp(method, "ahp"))
		memcpy(weight, subjective, m * sizeof *weight);
	if (rc == EC_OK && !strcmp(method, "combined"))
		rc = ec_evaluate_combine(subjective, objective, m, p->alpha, weight, err);
	free(objective);
	free(subjective);
	return rc;
}

int ec_cluster_evaluate(struct ec_store *s, const struct ec_catalog *cat, const struct ec_cluster_data *d,
			const struct ec_evaluate_params *p, struct ec_table *rows, struct ec_table *weights,
			struct ec_evaluate_summary *sum, char **err)
{
	const char *method = p->method ? p->method : "entropy";
	size_t m = p->nindicators;
	struct ec_tier_counts counts = { p->bases, p->clusters, p->ecosystems };
	struct registered reg = { NULL, 0 };
	struct registry_reads rr = { 0 };
	struct app_scenario_records records;
	struct ec_scenario_feed **feeds = NULL;
	size_t *nfeeds = NULL;
	struct ec_cluster_indicators *now = NULL;
	struct ec_topsis top[2];
	struct ec_placement *place = NULL;
	size_t *rank_lo = NULL, *rank_hi = NULL;
	double *values[2] = { NULL, NULL }, *weight = ec_calloc(m + 1, sizeof *weight);
	double *weight_now = ec_calloc(m + 1, sizeof *weight_now); /* this year's: the previous year's weigh() changes weight */
	enum ec_indicator_direction *dirs = ec_malloc((m + 1) * sizeof *dirs);
	const char **inames = ec_malloc((m + 1) * sizeof *inames);
	struct ec_decision_matrix dm;
	uint8_t *member = ec_malloc(d->nfirms + 1);
	int rc = EC_OK;

	(void)cat;
	*err = NULL;
	memset(sum, 0, sizeof *sum);
	memset(top, 0, sizeof top);
	ec_table_init(rows, 20, eval_names, eval_kinds);
	ec_table_init(weights, 4, weight_names, weight_kinds);
	if (strcmp(method, "entropy") && strcmp(method, "ahp") && strcmp(method, "fixed") && strcmp(method, "combined")) {
		*err = ec_asprintf("field.enum|value=%s|expected=entropy, ahp, fixed or combined", method);
		rc = EC_EUSAGE;
		goto out;
	}
	if ((rc = ec_store_cluster_list(s, &reg.v, &reg.n)) != EC_OK) {
		*err = ec_asprintf("the registry could not be read: %s", ec_store_errmsg(s));
		goto out;
	}
	if (reg.n == 0) {
		*err = ec_strdup("cluster_eval.no_clusters");
		rc = EC_ENOTFOUND;
		goto out;
	}
	if (registry_read(s, reg.v, reg.n, &rr) != EC_OK) {
		*err = ec_asprintf("the registry could not be read: %s", ec_store_errmsg(s));
		rc = EC_EIO;
		goto out;
	}
	if (app_scenario_records_load(s, &records) != EC_OK) {
		*err = ec_asprintf("the scenario list could not be read: %s", ec_store_errmsg(s));
		rc = EC_EIO;
		goto out;
	}
	feeds = ec_calloc(reg.n + 1, sizeof *feeds);
	nfeeds = ec_calloc(reg.n + 1, sizeof *nfeeds);
	for (size_t r = 0; r < reg.n; r++)
		nfeeds[r] = app_scenario_feed(&records, &reg.v[r], &feeds[r]);
	app_scenario_records_release(&records);
	now = ec_calloc(reg.n, sizeof *now);
	for (int k = 0; k < 2; k++) {
		int yy = p->year - k, ok = 1;
		values[k] = ec_calloc(reg.n * m + 1, sizeof *values[k]);
		for (size_t r = 0; r < reg.n && ok; r++) {
			struct ec_cluster_indicators ci;
			char *e2 = NULL;
			registry_members(&rr, d, r, member);
			if (ec_cluster_indicators(d, &reg.v[r], member, yy, EC_ABOVE_SIZE_DEFAULT, &ci, &e2) != EC_OK) {
				if (k == 0) {
					*err = e2;
					rc = EC_ENOTFOUND;
					goto out;
				}
				free(e2);
				ok = 0;
				break;
			}
			if (k == 0)
				now[r] = ci;
			for (size_t j = 0; j < m; j++)
				values[k][r * m + j] = value_of(&rr, &reg.v[r], &ci, feeds[r], nfeeds[r], p->indicators[j].name, yy);
		}
		if (k == 1)
			sum->have_previous = ok;
	}
	/* Outliers: each indicator's tails set to its quantiles, so that one
	** cluster's 813 % growth or LQ of 90 cannot carry the ranking. */
	if (p->winsor >= 0)
		for (int k = 0; k < 2; k++)
			ec_evaluate_winsorise(values[k], reg.n, m, p->winsor != 0 ? p->winsor : 0.05,
					      1 - (p->winsor != 0 ? p->winsor : 0.05));
	for (size_t j = 0; j < m; j++)
		dirs[j] = p->indicators[j].direction, inames[j] = p->indicators[j].name;
	dm.nalternatives = reg.n;
	dm.nindicators = m;
	dm.directions = dirs;
	dm.alternative_names = NULL;
	dm.indicator_names = inames;
	sum->alternatives = reg.n;
	/* The weights come from this year's matrix; the year before is ranked
	** with the same method on its own matrix (entropy) or the same weights. */
	for (int k = 0; k < 1 + sum->have_previous; k++) {
		dm.values = values[k];
		if ((k == 0 || !strcmp(method, "entropy")) && (rc = weigh(p, &dm, weight, sum, err)) != EC_OK) {
			if (k == 1) {
				free(*err), *err = NULL;
				sum->have_previous = 0;
				rc = EC_OK;
				break;
			}
			goto out;
		}
		if ((rc = ec_evaluate_topsis(&dm, weight, &top[k], err)) != EC_OK)
			goto out;
		if (k == 0)
			memcpy(weight_now, weight, m * sizeof *weight);
		if (k == 0)
			for (size_t j = 0; j < m; j++) {
				char w[32];
				snprintf(w, sizeof w, "%.17g", weight[j]);
				ec_table_addv(weights, inames[j], ec_evaluate_group_name(p->indicators[j].group),
					      ec_evaluate_direction_name(p->indicators[j].direction), w);
			}
	}
	/* weigh() on the previous year's entropy changed weight; the table
	** already holds this year's. */
	/* How far each rank moves when the weights do. */
	rank_lo = ec_malloc((reg.n + 1) * sizeof *rank_lo);
	rank_hi = ec_malloc((reg.n + 1) * sizeof *rank_hi);
	dm.values = values[0];
	if (p->draws >= 0 &&
	    (rc = ec_evaluate_sensitivity(&dm, weight_now, p->spread > 0 ? p->spread : 0.2, p->draws ? p->draws : 200,
					  (unsigned long long)p->year, rank_lo, rank_hi, err)) != EC_OK)
		goto out;
	place = ec_calloc(reg.n, sizeof *place);
	if ((rc = ec_evaluate_tiers(top[0].rank, sum->have_previous ? top[1].rank : NULL, reg.n, &counts, place, err)) !=
	    EC_OK)
		goto out;
	for (size_t i = 0; i < reg.n; i++) {
		size_t r = top[0].order[i];
		/* the members' own figures are hidden, not the rank they earned */
		enum ec_sdc_reason hidden = p->sdc ? ec_cluster_indicators_sdc(p->sdc, &now[r]) : EC_SDC_SHOWN;
		char v[8][32], lo_hi[32], good[160], bad[160];
		size_t strong[2], weak[2], ns, nw;
		snprintf(v[0], 32, "%zu", place[r].rank);
		snprintf(v[1], 32, "%zu", place[r].previous_rank);
		snprintf(v[2], 32, "%.17g", top[0].closeness[r]);
		if (isnan(now[r].value_added))
			v[3][0] = '\0';
		else
			snprintf(v[3], 32, "%.17g", now[r].value_added);
		if (isnan(now[r].growth_pct))
			v[4][0] = '\0';
		else
			snprintf(v[4], 32, "%.17g", now[r].growth_pct);
		if (isnan(now[r].lq))
			v[5][0] = '\0';
		else
			snprintf(v[5], 32, "%.17g", now[r].lq);
		snprintf(v[6], 32, "%d", now[r].stars);
		if (p->draws >= 0) {
			snprintf(v[7], 32, "%zu", rank_lo[r]);
			snprintf(lo_hi, sizeof lo_hi, "%zu", rank_hi[r]);
		} else {
			v[7][0] = lo_hi[0] = '\0';
		}
		ec_evaluate_explain(&dm, weight_now, r, 2, strong, &ns, weak, &nw);
		names_of(&dm, strong, ns, good, sizeof good);
		names_of(&dm, weak, nw, bad, sizeof bad);
		ec_table_addv(rows, v[0], reg.v[r].code, reg.v[r].name_zh, ec_tier_name(reg.v[r].tier),
			      ec_evaluate_tier_name(place[r].tier), ec_evaluate_movement_name(place[r].movement),
			      place[r].previous_rank ? v[1] : "", v[2], v[3], v[4], v[5], v[6],
			      hidden != EC_SDC_SHOWN ? "true" : "false", ec_sdc_reason_name(hidden),
			      now[r].enterprises < (p->small_below ? p->small_below : 10) ? "true" : "false", v[7], lo_hi,
			      reg.v[r].parent, good, bad);
	}
out:
	if (rc != EC_OK) {
		ec_table_release(rows);
		ec_table_release(weights);
	}
	free(place);
	free(rank_lo);
	free(rank_hi);
	ec_evaluate_topsis_release(&top[0]);
	ec_evaluate_topsis_release(&top[1]);
	free(weight);
	free(weight_now);
	free(values[0]);
	free(values[1]);
	free(now);
	for (size_t r = 0; feeds && r < reg.n; r++)
		free(feeds[r]);
	free(feeds);
	free(nfeeds);
	registry_release(&rr);
	free(reg.v);
	free(dirs);
	free(inames);
	free(member);
	return rc;
}
