/*
** /api/v1/clusters: the cluster echelon — the registry, a cluster's profile
** with its indicators by year, registration and changes (an agency only its
** own clusters), discovery of candidates and the evaluation into tiers,
** from the same library functions as `echelon cluster`.
*/
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/dbscan.h"
#include "echelon/evaluate.h"
#include "echelon/output.h"
#include "echelon/scenario_app.h"
#include "server.h"


/* Drops a reference; the last one frees. Call with cluster_lock held. */
static void unref(struct cluster_data *cd)
{
	if (--cd->refs == 0) {
		ec_cluster_data_release(&cd->d);
		free(cd);
	}
}

struct cluster_data *cluster_data_acquire(struct request *r)
{
	struct server *s = r->srv;
	uint64_t generation = server_generation(s);
	struct cluster_data *cd;
	char *err = NULL;

	pthread_mutex_lock(&s->cluster_lock);
	if ((cd = s->cluster_data) && cd->generation == generation) {
		cd->refs++;
		pthread_mutex_unlock(&s->cluster_lock);
		return cd;
	}
	if (cd) {
		/* another generation's: freed by its last reader */
		s->cluster_data = NULL;
		unref(cd);
	}
	/* Loaded under the lock: whoever needs the data now waits for it. */
	cd = ec_calloc(1, sizeof *cd);
	if (ec_app_cluster_data(r->app, &cd->d, &err) != EC_OK) {
		pthread_mutex_unlock(&s->cluster_lock);
		free(cd);
		reply_status(r, EC_ENOTFOUND, err);
		free(err);
		return NULL;
	}
	cd->generation = generation;
	cd->refs = 2; /* the server's and the caller's */
	s->cluster_data = cd;
	pthread_mutex_unlock(&s->cluster_lock);
	return cd;
}

void cluster_data_release(struct server *s, struct cluster_data *cd)
{
	pthread_mutex_lock(&s->cluster_lock);
	unref(cd);
	pthread_mutex_unlock(&s->cluster_lock);
}

static json_t *number(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

static json_t *cluster_json(const struct ec_catalog *cat, const struct ec_cluster *c)
{
	char first[8];
	const struct ec_region *g;

	snprintf(first, sizeof first, "%.6s", c->regions);
	g = ec_catalog_find_region(cat, first, strlen(first));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:o, s:o}", "code", c->code, "name_zh",
			 c->name_zh, "name_en", c->name_en, "tier", ec_tier_name(c->tier), "parent", c->parent, "regions",
			 c->regions, "categories", c->categories, "agency", c->agency, "founded", c->founded, "source",
			 c->source, "lat", number(g ? g->lat : NAN), "lon", number(g ? g->lon : NAN));
}

struct lister {
	const struct ec_catalog *cat;
	json_t *list;
	int tier;
};

static int add_cluster(void *ctx, const struct ec_cluster *c)
{
	struct lister *l = ctx;
	if (l->tier < 0 || (int)c->tier == l->tier)
		json_array_append_new(l->list, cluster_json(l->cat, c));
	return 0;
}

void h_clusters(struct request *r)
{
	const char *tier = req_arg(r, "tier");
	struct lister l = { &r->srv->catalog, NULL, -1 };
	struct ec_export x;
	int rc, file;

	if (tier && (l.tier = ec_tier_parse(tier)) < 0) {
		char names[64];
		reply_problem(r, 400, "field.enum", "tier", "value", tier, "expected", ec_tier_names(names, sizeof names), NULL);
		return;
	}
	if ((file = req_download(r, &x)) < 0)
		return;
	if (file) {
		struct ec_table t;
		if ((rc = ec_app_clusters_table(r->app, l.tier, &t)) != EC_OK) {
			reply_status(r, rc, ec_app_errmsg(r->app));
			return;
		}
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "集群" : "clusters", &x, "clusters");
		ec_table_release(&t);
		return;
	}
	l.list = json_array();
	if ((rc = ec_app_clusters(r->app, add_cluster, &l)) != EC_OK) {
		json_decref(l.list);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	reply_json(r, 200, l.list);
}

static int add_entered(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	(void)cluster;
	json_array_append_new(ctx, json_pack("{s:i, s:s, s:f}", "year", year, "indicator", indicator, "value", value));
	return 0;
}

/* The cluster's application-scenario indicators by year
** (ec_app_cluster_scenarios). The counts are of the public list; the
** subsidy paid is money of a few beneficiaries, so a role that may not
** see single enterprises gets it through the disclosure control. An
** empty array when the store fails (the profile still answers). */
static json_t *scenarios_json(struct request *r, const char *code, int restricted)
{
	struct ec_scenario_feed *rows;
	struct ec_diag d;
	json_t *out = json_array();
	size_t n;

	ec_diag_init(&d, 1);
	if (ec_app_cluster_scenarios(r->app, code, &rows, &n, &d) != EC_OK) {
		ec_diag_release(&d);
		return out;
	}
	ec_diag_release(&d);
	for (size_t i = 0; i < n; i++) {
		enum ec_sdc_reason why = restricted ? ec_sdc_cell(&r->srv->sdc, rows[i].paid_to, rows[i].paid_largest,
								  rows[i].paid)
						    : EC_SDC_SHOWN;
		int hidden = why != EC_SDC_SHOWN && rows[i].paid_to > 0;
		json_array_append_new(out, json_pack("{s:i, s:I, s:I, s:I, s:o, s:o, s:b, s:s}", "year", rows[i].year,
						     "published", (json_int_t)rows[i].published, "selected",
						     (json_int_t)rows[i].selected, "completed",
						     (json_int_t)rows[i].completed, "subsidy_paid",
						     hidden ? json_null() : number(rows[i].paid), "subsidy_paid_to",
						     hidden ? json_null() : json_integer(rows[i].paid_to), "suppressed",
						     hidden, "suppression", hidden ? ec_sdc_reason_name(why) : ""));
	}
	free(rows);
	return out;
}

void h_cluster(struct request *r)
{
	struct server *s = r->srv;
	struct ec_cluster c;
	struct cluster_data *cd;
	const struct ec_cluster_data *d;
	json_t *years, *entered;
	uint8_t *member;
	size_t n;
	int restricted = !ec_actor_sees_microdata(&r->actor);

	if (ec_app_cluster(r->app, r->path_params[0], &c) != EC_OK) {
		reply_problem(r, 404, "cluster.not_found", "code", "code", r->path_params[0], NULL);
		return;
	}
	if (!(cd = cluster_data_acquire(r)))
		return;
	d = &cd->d;
	member = ec_malloc(d->nfirms + 1);
	if (ec_app_cluster_members(r->app, d, &c, member, &n) != EC_OK) {
		free(member);
		cluster_data_release(s, cd);
		reply_status(r, EC_EIO, ec_app_errmsg(r->app));
		return;
	}
	years = json_array();
	for (int y = d->first_year; y < d->first_year + d->nyears; y++) {
		struct ec_cluster_indicators ind;
		char *err = NULL;
		enum ec_sdc_reason why;
		if (ec_cluster_indicators(d, &c, member, y, EC_ABOVE_SIZE_DEFAULT, &ind, &err) != EC_OK) {
			free(err);
			continue;
		}
		why = restricted ? ec_cluster_indicators_sdc(&s->sdc, &ind) : EC_SDC_SHOWN;
		json_array_append_new(years, json_pack(
			"{s:i, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b, s:b, s:b, s:i, s:b, s:s}", "year",
			y, "enterprises", (json_int_t)ind.enterprises, "above_size",
			ind.above_size < 0 ? json_null() : json_integer(ind.above_size), "value_added",
			number(ind.value_added), "growth_pct", number(ind.growth_pct), "revenue", number(ind.revenue),
			"employees", number(ind.employees < 0 ? NAN : (double)ind.employees), "rd_intensity_pct",
			number(ind.rd_intensity_pct), "patents_per_1000", number(ind.patents_per_1000), "national_share_pct",
			number(ind.national_share_pct), "lq", number(ind.lq), "lq_p75", number(ind.lq_p75), "strong",
			ind.strong, "star_size", ind.star_size, "star_specialisation", ind.star_specialisation,
			"star_performance", ind.star_performance, "stars", ind.stars, "suppressed", why != EC_SDC_SHOWN,
			"suppression", ec_sdc_reason_name(why)));
	}
	free(member);
	cluster_data_release(s, cd);
	entered = json_array();
	ec_app_cluster_entered(r->app, c.code, add_entered, entered);
	reply_json(r, 200, json_pack("{s:o, s:I, s:o, s:o, s:o}", "cluster", cluster_json(&s->catalog, &c), "members",
				     (json_int_t)n, "indicators", years, "entered", entered, "scenarios",
				     scenarios_json(r, c.code, restricted)));
}

/* The change a JSON object asks for (only the fields present; the strings
** stay in body). Returns 0, or -1 having answered 400. */
static int change_of(struct request *r, json_t *body, struct ec_cluster_change *ch)
{
	static const struct parse_text_field text[] = {
		JSON_TEXT(struct ec_cluster_change, name_zh), JSON_TEXT(struct ec_cluster_change, name_en),
		JSON_TEXT(struct ec_cluster_change, tier), JSON_TEXT(struct ec_cluster_change, parent),
		JSON_TEXT(struct ec_cluster_change, regions), JSON_TEXT(struct ec_cluster_change, categories),
		JSON_TEXT(struct ec_cluster_change, agency), JSON_TEXT(struct ec_cluster_change, include),
		JSON_TEXT(struct ec_cluster_change, exclude),
	};
	json_t *v;

	ec_cluster_change_init(ch);
	if (req_json_texts(r, body, text, sizeof text / sizeof text[0], ch))
		return -1;
	if ((v = json_object_get(body, "founded")) && !json_is_null(v)) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 9999) {
			reply_problem(r, 400, "field.year", "founded", NULL);
			return -1;
		}
		ch->founded = (int)json_integer_value(v);
	}
	return 0;
}

/* POST /clusters and PATCH /clusters/{code}: one change through the
** application, as `echelon cluster add|edit`. */
static void change(struct request *r, const char *code, int adding)
{
	struct ec_cluster_change ch;
	struct ec_cluster c;
	struct ec_diag d;
	json_t *body;
	int rc;

	if (!(body = req_json_object(r)))
		return;
	if (!adding && json_object_get(body, "code")) {
		json_decref(body);
		reply_problem(r, 400, "code.immutable", "code", NULL);
		return;
	}
	if (adding) {
		json_t *jc = json_object_get(body, "code");
		code = json_is_string(jc) ? json_string_value(jc) : NULL;
	}
	if (change_of(r, body, &ch) == 0) {
		ec_diag_init(&d, 20);
		rc = adding ? ec_app_cluster_add(r->app, &r->actor, code, &ch, &c, &d)
			    : ec_app_cluster_edit(r->app, &r->actor, code, &ch, &c, &d);
		if (rc != EC_OK) {
			reply_refused(r, rc, &d, 400);
		} else {
			server_data_changed(r->srv);
			reply_json(r, adding ? 201 : 200, cluster_json(&r->srv->catalog, &c));
		}
		ec_diag_release(&d);
	}
	json_decref(body);
}

void h_cluster_create(struct request *r)
{
	change(r, NULL, 1);
}

void h_cluster_update(struct request *r)
{
	change(r, r->path_params[0], 0);
}

static int boolean_arg(struct request *r, const char *name)
{
	const char *v = req_arg(r, name);
	return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

static int number_arg(struct request *r, const char *name, double lo, double hi, double *out)
{
	const char *v = req_arg(r, name), *why;

	if (!v)
		return 0;
	if (ec_number_parse(v, strlen(v), out, &why) != EC_OK || *out < lo || *out > hi) {
		char min[32], max[32];
		snprintf(min, sizeof min, "%g", lo);
		snprintf(max, sizeof max, "%g", hi);
		reply_problem(r, 400, "number.range", name, "value", v, "min", min, "max", max, NULL);
		return -1;
	}
	return 0;
}

/* The parameters discovery and its k-distance curve share: area or
** direction, min_points, weighted, year (and eps_km, all for discovery).
** Returns 0, or -1 with the 400 sent. */
static int discover_args(struct request *r, struct ec_discover_params *p)
{
	double year = 0;

	p->code = req_arg(r, "area") ? req_arg(r, "area") : req_arg(r, "direction");
	if (!p->code || (req_arg(r, "area") && req_arg(r, "direction"))) {
		reply_problem(r, 400, "discover.area_or_direction", "area", NULL);
		return -1;
	}
	if (strlen(p->code) > 8 || number_arg(r, "eps_km", 0.01, 500, &p->eps_km) ||
	    number_arg(r, "min_points", 1, 1e9, &p->min_points) || number_arg(r, "year", 1900, 2999, &year)) {
		if (!r->answered)
			reply_problem(r, 400, "category.code", "area", "value", p->code, NULL);
		return -1;
	}
	p->weighted = boolean_arg(r, "weighted");
	p->year = (int)year;
	return 0;
}

void h_cluster_discover_kdist(struct request *r)
{
	struct server *s = r->srv;
	struct ec_discover_params p = { NULL, 0, EC_DISCOVER_MIN_POINTS, 0, 0, 0, NULL };
	struct ec_discover_summary sum;
	struct cluster_data *cd;
	struct ec_kdist k;
	char *err = NULL, *body, key[200];
	uint64_t generation = server_generation(s);
	size_t len;
	struct ec_buf b;
	int rc;

	if (discover_args(r, &p))
		return;
	if (p.min_points > EC_KDIST_MAX_MIN_WEIGHT) {
		char value[32], max[16];
		snprintf(value, sizeof value, "%g", p.min_points);
		snprintf(max, sizeof max, "%d", EC_KDIST_MAX_MIN_WEIGHT);
		reply_problem(r, 400, "number.range", "min_points", "value", value, "min", "1", "max", max, NULL);
		return;
	}
	snprintf(key, sizeof key, "k|%s|%g|%d|%d", p.code, p.min_points, p.weighted, p.year);
	if (cache_reply(s->cache, r, key, generation, 0))
		return;
	if (!(cd = cluster_data_acquire(r)))
		return;
	rc = ec_app_cluster_discover_kdist(r->app, &cd->d, &p, 200, &k, &sum, &err);
	cluster_data_release(s, cd);
	if (rc != EC_OK) {
		reply_status(r, rc, err);
		free(err);
		return;
	}
	ec_buf_init(&b, 0);
	ec_buf_printf(&b, "{\"year\":%d,\"points\":%zu,\"sampled\":%zu,\"never_core\":%zu,\"min_points\":%g,\"k\":%g,"
			  "\"weighted\":%s,\"knee_max_km\":%d,",
		      sum.year, k.points, k.sampled, k.never_core, p.min_points, p.min_points - 1,
		      p.weighted ? "true" : "false", EC_DISCOVER_KNEE_MAX_KM);
	if (isnan(k.knee_km))
		ec_buf_adds(&b, "\"suggested_eps_km\":null,\"knee_share\":null,\"curve\":[");
	else
		ec_buf_printf(&b, "\"suggested_eps_km\":%.4f,\"knee_share\":%.6f,\"curve\":[", k.knee_km, k.knee_share);
	for (size_t i = 0; i < k.ncurve; i++)
		ec_buf_printf(&b, "%s[%.6f,%.4f]", i ? "," : "", k.share[i], k.distance_km[i]);
	ec_buf_adds(&b, "]}");
	ec_dbscan_kdist_release(&k);
	cache_put(s->cache, key, generation, "application/json; charset=utf-8", b.data, b.len);
	body = ec_buf_detach(&b, &len);
	reply_owned(r, 200, "application/json; charset=utf-8", body, len);
}

void h_cluster_discover(struct request *r)
{
	struct server *s = r->srv;
	struct ec_discover_params p = { NULL, 0, EC_DISCOVER_MIN_POINTS, 0, 0, 0, NULL };
	struct ec_discover_summary sum;
	struct cluster_data *cd;
	struct ec_table t;
	char *err = NULL, *rows, key[200];
	uint64_t generation = server_generation(s);
	size_t len;
	struct ec_buf b;
	int rc;

	if (discover_args(r, &p))
		return;
	p.all = boolean_arg(r, "all");
	if (!ec_actor_sees_microdata(&r->actor))
		p.sdc = &s->sdc;
	snprintf(key, sizeof key, "d|%d|%s|%g|%g|%d|%d|%d", p.sdc != NULL, p.code, p.eps_km, p.min_points, p.weighted,
		 p.all, p.year);
	if (cache_reply(s->cache, r, key, generation, 0) || job_defer(r, "discovery", p.code))
		return;
	job_step(r, "loading the enterprises and their reports", -1);
	if (!(cd = cluster_data_acquire(r)))
		return;
	job_step(r, "clustering (DBSCAN)", -1);
	rc = ec_app_cluster_discover(r->app, &cd->d, &p, &t, &sum, &err);
	cluster_data_release(s, cd);
	if (rc != EC_OK) {
		reply_status(r, rc, err);
		free(err);
		ec_table_release(&t);
		return;
	}
	rows = ec_table_string(&t, EC_FMT_JSON, &len);
	ec_table_release(&t);
	ec_buf_init(&b, 0);
	ec_buf_printf(&b, "{\"year\":%d,\"points\":%zu,\"clusters\":%zu,\"eps_km\":%.4f,\"min_points\":%g,\"rows\":",
		      sum.year, sum.points, sum.clusters, sum.eps_km, p.min_points);
	ec_buf_add(&b, rows, len);
	ec_buf_addc(&b, '}');
	free(rows);
	cache_put(s->cache, key, generation, "application/json; charset=utf-8", b.data, b.len);
	rows = ec_buf_detach(&b, &len);
	reply_owned(r, 200, "application/json; charset=utf-8", rows, len);
}

void h_cluster_evaluation(struct request *r)
{
	struct server *s = r->srv;
	struct ec_evaluate_params p;
	struct ec_evaluate_summary sum;
	struct cluster_data *cd;
	struct ec_table rows, weights;
	const char *method = req_arg(r, "method");
	uint64_t generation = server_generation(s);
	double year = 0;
	char *err = NULL, *a, *w, key[96], label[32];
	size_t alen, wlen, len;
	struct ec_export x;
	struct ec_buf b;
	int rc, file;

	if (number_arg(r, "year", 1900, 2999, &year))
		return;
	if (year <= 0) {
		reply_problem(r, 400, "field.year", "year", NULL);
		return;
	}
	if (method && strcmp(method, "entropy")) {
		reply_problem(r, 400, "evaluation.method", "method", "value", method, NULL);
		return;
	}
	if ((file = req_download(r, &x)) < 0)
		return;
	/* Cached per year and per the disclosure control applied. */
	snprintf(key, sizeof key, "e|%d|%d", (int)year, !ec_actor_sees_microdata(&r->actor));
	snprintf(label, sizeof label, "evaluation-%d", (int)year);
	if (file && (a = cache_copy(s->cache, key, generation))) {
		reply_download_json(r, a, &x, label);
		free(a);
		return;
	}
	if (!file && cache_reply(s->cache, r, key, generation, 0))
		return;
	/* A download the dashboard asks for has been evaluated just before
	** (and is kept); one that is not is made here, not as a job, so that
	** the link gives the file. */
	if (!file && job_defer(r, "evaluation", label + strlen("evaluation-")))
		return;
	memset(&p, 0, sizeof p);
	p.year = (int)year;
	p.method = "entropy";
	p.indicators = ec_evaluate_indicators_default(&p.nindicators);
	p.bases = 10, p.clusters = 100, p.ecosystems = 1000;
	if (!ec_actor_sees_microdata(&r->actor))
		p.sdc = &s->sdc;
	job_step(r, "loading the enterprises and their reports", -1);
	if (!(cd = cluster_data_acquire(r)))
		return;
	job_step(r, "weighing and ranking the clusters", -1);
	rc = ec_app_cluster_evaluate(r->app, &cd->d, &p, &rows, &weights, &sum, &err);
	cluster_data_release(s, cd);
	if (rc != EC_OK) {
		reply_status(r, rc, err);
		free(err);
		return;
	}
	a = ec_table_string(&rows, EC_FMT_JSON, &alen);
	w = ec_table_string(&weights, EC_FMT_JSON, &wlen);
	ec_table_release(&rows);
	ec_table_release(&weights);
	ec_buf_init(&b, 0);
	ec_buf_printf(&b, "{\"year\":%d,\"method\":\"entropy\",\"have_previous\":%s,\"weights\":", p.year,
		      sum.have_previous ? "true" : "false");
	ec_buf_add(&b, w, wlen);
	ec_buf_adds(&b, ",\"rows\":");
	ec_buf_add(&b, a, alen);
	ec_buf_addc(&b, '}');
	free(a);
	free(w);
	cache_put(s->cache, key, generation, "application/json; charset=utf-8", b.data, b.len);
	a = ec_buf_detach(&b, &len);
	if (file) {
		reply_download_json(r, a, &x, label);
		free(a);
		return;
	}
	reply_owned(r, 200, "application/json; charset=utf-8", a, len);
}
