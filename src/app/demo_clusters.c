/*
** The demo's cluster echelon: the national SEI clusters of 2019
** (data/clusters.csv, compiled in), ten SEI bases that hold them, and
** ecosystems where the demo economy concentrates, each with the four
** projects' indicators entered by year.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "lib/strmap.h"

extern const unsigned char ec_data_clusters[];
extern const size_t ec_data_clusters_len;

static const struct {
	const char *code, *name_zh, *name_en, *regions, *categories;
} bases[] = {
	{ "BASE-YRD-IC", "长三角集成电路产业基地", "Yangtze River Delta integrated circuit base", "310000;320500;320200;330100", "1.2" },
	{ "BASE-GBA-ICT", "粤港澳大湾区新一代信息技术产业基地", "Greater Bay Area next-generation IT base", "440300;440100;441900;440600", "1.1;1.2" },
	{ "BASE-HF-DISP", "合肥新型显示与新能源汽车产业基地", "Hefei new display and new-energy vehicle base", "340100", "1.2;5" },
	{ "BASE-WH-OPTO", "武汉光电子信息产业基地", "Wuhan optoelectronic information base", "420100", "1.1;1.2" },
	{ "BASE-JJJ-BIO", "京津冀生物医药产业基地", "Beijing-Tianjin-Hebei biomedicine base", "110000;120000", "4.1;4.2" },
	{ "BASE-SZ-BIO", "苏州生物医药产业基地", "Suzhou biomedicine base", "320500", "4.1;4.2" },
	{ "BASE-NW-WIND", "西北风电装备产业基地", "Northwest wind power equipment base", "650000;150000", "6.2" },
	{ "BASE-CY-ELEC", "成渝电子信息产业基地", "Chengdu-Chongqing electronic information base", "510100;500000", "1.1;1.2" },
	{ "BASE-XA-AERO", "西安航空航天产业基地", "Xi'an aerospace base", "610100", "2.2;2.3" },
	{ "BASE-ZZ-RAIL", "株洲轨道交通装备产业基地", "Zhuzhou rail transit equipment base", "430200", "2.4" },
};

/* A deterministic number in [0, 1) from the seed and a label. */
static double draw(uint64_t seed, const char *a, int year, const char *b)
{
	uint64_t h = seed * 0x9e3779b97f4a7c15ull + (uint64_t)year;
	for (const char *p = a; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	for (const char *p = b; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 29;
	return (double)(h >> 11) / 9007199254740992.0;
}

/* True when every region of child lies in one of parent's, and their
** categories overlap. */
static int inside(const char *child_regions, const char *child_cats, const char *parent_regions,
		  const char *parent_cats)
{
	int all = 1, overlap = 0;

	for (const char *p = child_regions; *p && all;) {
		size_t n = strcspn(p, ";");
		char code[8], pre[7];
		int found = 0;
		snprintf(code, sizeof code, "%.*s", (int)(n > 6 ? 6 : n), p);
		for (const char *q = parent_regions; *q && !found;) {
			size_t m = strcspn(q, ";");
			char pc[8];
			snprintf(pc, sizeof pc, "%.*s", (int)(m > 6 ? 6 : m), q);
			ec_region_prefix(pc, pre);
			found = strncmp(code, pre, strlen(pre)) == 0;
			q += m + (q[m] == ';');
		}
		all = found;
		p += n + (p[n] == ';');
	}
	for (const char *p = child_cats; *p && !overlap;) {
		size_t n = strcspn(p, ";");
		for (const char *q = parent_cats; *q && !overlap;) {
			size_t m = strcspn(q, ";");
			size_t k = n < m ? n : m;
			overlap = strncmp(p, q, k) == 0 && (n == m || (n > m ? p[m] == '.' : q[n] == '.'));
			q += m + (q[m] == ';');
		}
		p += n + (p[n] == ';');
	}
	return all && overlap;
}

struct pair {
	int32_t prefecture;
	int direction; /* index into cat->categories */
	double va;
};

static int by_va(const void *a, const void *b)
{
	double x = ((const struct pair *)a)->va, y = ((const struct pair *)b)->va;
	return (x < y) - (x > y);
}

static int enter(struct ec_store *s, const struct ec_cluster *c, const struct ec_cluster_data *d, uint64_t seed,
		 uint8_t *member)
{
	size_t n = ec_cluster_members_stored(s, d, c, member);
	double scale = 1 + log1p((double)n);

	for (int y = d->first_year; y < d->first_year + d->nyears; y++) {
		double t = (double)(y - d->first_year), v;
		for (int k = 0; k < EC_NENTERED; k++) {
			const char *ind = ec_entered_indicators[k];
			double u = draw(seed, c->code, y, ind);
			if (!strcmp(ind, "innovation_platforms") || !strcmp(ind, "rd_institutions") || !strcmp(ind, "incubators"))
				v = floor(scale * (2 + 4 * u) * (1 + 0.08 * t));
			else if (!strcmp(ind, "park_area_km2"))
				v = floor((5 + 40 * u) * scale) / 2;
			else if (!strcmp(ind, "resident_population"))
				v = floor((20000 + 180000 * u) * (1 + 0.02 * t));
			else if (!strcmp(ind, "housing_units"))
				v = floor((3000 + 20000 * u) * (1 + 0.03 * t));
			else if (!strcmp(ind, "scenarios_published"))
				v = floor(scale * (1 + 6 * u) * (1 + 0.15 * t));
			else if (!strcmp(ind, "scenarios_landed"))
				v = floor(scale * (0.5 + 3 * u) * (1 + 0.15 * t));
			else if (!strcmp(ind, "agency_staff"))
				v = floor(5 + 40 * u);
			else if (!strcmp(ind, "transit_lines"))
				v = floor(1 + 8 * u);
			else
				v = floor(scale * (0.5 + 3 * u) * (1 + 0.1 * t));
			if (ec_store_cluster_indicator_put(s, c->code, y, ind, v) != EC_OK)
				return EC_EIO;
		}
	}
	return EC_OK;
}

struct registry {
	struct ec_cluster *v;
	size_t n;
};

static int collect_all(void *ctx, const struct ec_cluster *c)
{
	struct registry *r = ctx;
	r->v = ec_realloc(r->v, (r->n + 1) * sizeof *r->v);
	r->v[r->n++] = *c;
	return 0;
}

int app_demo_clusters(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, size_t ecosystems,
		      size_t *count, struct ec_diag *diag)
{
	struct ec_store *s = app->store;
	struct ec_cluster_data d;
	struct registry all = { NULL, 0 };
	size_t nall = 0, npairs = 0, cap = 0;
	struct pair *pairs = NULL;
	uint8_t *member = NULL;
	int64_t rows = 0;
	char *err = NULL;
	int rc, year, y;

	*count = 0;
	rc = app_cluster_import(app, cat, EC_CLUSTER_FILE_CLUSTERS, "data/clusters.csv", (const char *)ec_data_clusters,
				ec_data_clusters_len, &rows, diag);
	if (rc != EC_OK)
		return rc;
	if ((rc = ec_cluster_data_load(s, cat, &d, &err)) != EC_OK) {
		ec_diag_add(diag, "demo clusters: %s", err);
		free(err);
		return rc;
	}
	/* Bases, and the national clusters inside them. */
	for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
		struct ec_cluster b;
		memset(&b, 0, sizeof b);
		snprintf(b.code, sizeof b.code, "%s", bases[i].code);
		snprintf(b.name_zh, sizeof b.name_zh, "%s", bases[i].name_zh);
		snprintf(b.name_en, sizeof b.name_en, "%s", bases[i].name_en);
		b.tier = EC_TIER_BASE;
		snprintf(b.regions, sizeof b.regions, "%s", bases[i].regions);
		snprintf(b.categories, sizeof b.categories, "%s", bases[i].categories);
		snprintf(b.agency, sizeof b.agency, "%s", "demo");
		b.founded = 2020;
		snprintf(b.source, sizeof b.source, "%s", "demo");
		if (ec_store_cluster_put(s, &b) != EC_OK)
			goto io;
	}
	/* Everything registered, and the bases the national clusters lie in. */
	if (ec_store_cluster_each(s, collect_all, &all) != EC_OK)
		goto io;
	nall = all.n;
	for (size_t i = 0; i < nall; i++) {
		struct ec_cluster *c = &all.v[i];
		if (c->tier != EC_TIER_CLUSTER || c->parent[0])
			continue;
		for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++)
			if (inside(c->regions, c->categories, bases[b].regions, bases[b].categories)) {
				snprintf(c->parent, sizeof c->parent, "%s", bases[b].code);
				if (ec_store_cluster_put(s, c) != EC_OK)
					goto io;
				break;
			}
	}
	/* Ecosystems: the largest prefecture x direction concentrations of SEI
	** value added in the latest year that no national cluster covers. */
	year = ec_cluster_latest_year(&d);
	y = year - d.first_year;
	{
		struct ec_strmap *index = ec_strmap_new(1024);
		for (size_t f = 0; f < d.nfirms; f++) {
			const struct ec_category *cg;
			const char *second;
			char dir[16], key[32];
			int64_t at;
			double va = d.va[f * (size_t)d.nyears + (size_t)y];
			int dindex;
			if (d.category[f] < 0 || va <= 0)
				continue;
			cg = &cat->categories[d.category[f]];
			second = strchr(cg->code, '.');
			second = second ? strchr(second + 1, '.') : NULL;
			snprintf(dir, sizeof dir, "%.*s", (int)(second ? (size_t)(second - cg->code) : strlen(cg->code)), cg->code);
			cg = ec_catalog_find_category(cat, dir, strlen(dir));
			if (!cg || cg->level != 2)
				continue;
			dindex = (int)(cg - cat->categories);
			snprintf(key, sizeof key, "%d:%d", d.region[f] / 100, dindex);
			if (!ec_strmap_get(index, key, strlen(key), &at)) {
				if (npairs == cap) {
					cap = cap ? cap * 2 : 256;
					pairs = ec_realloc(pairs, cap * sizeof *pairs);
				}
				pairs[npairs].prefecture = d.region[f] / 100 * 100;
				pairs[npairs].direction = dindex;
				pairs[npairs].va = 0;
				at = (int64_t)npairs++;
				ec_strmap_put(index, key, strlen(key), at);
			}
			pairs[at].va += va;
		}
		ec_strmap_free(index);
	}
	qsort(pairs, npairs, sizeof *pairs, by_va);
	for (size_t i = 0, made = 0; i < npairs && made < ecosystems; i++) {
		struct ec_cluster e;
		const struct ec_category *dir = &cat->categories[pairs[i].direction];
		const struct ec_region *pref;
		char code[8];
		int covered = 0;
		snprintf(code, sizeof code, "%06d", pairs[i].prefecture);
		pref = ec_catalog_find_region(cat, code, 6);
		if (!pref)
			continue;
		for (size_t k = 0; k < nall && !covered; k++)
			covered = all.v[k].tier == EC_TIER_CLUSTER && inside(code, dir->code, all.v[k].regions, all.v[k].categories);
		if (covered)
			continue;
		memset(&e, 0, sizeof e);
		snprintf(e.code, sizeof e.code, "ECO-%s-%s", code, dir->code);
		snprintf(e.name_zh, sizeof e.name_zh, "%s%s生态", pref->name_zh, dir->name_zh);
		snprintf(e.name_en, sizeof e.name_en, "%s: %s ecosystem", pref->name_en, dir->name_en);
		e.tier = EC_TIER_ECOSYSTEM;
		snprintf(e.regions, sizeof e.regions, "%s", code);
		snprintf(e.categories, sizeof e.categories, "%s", dir->code);
		snprintf(e.agency, sizeof e.agency, "%s", "demo");
		e.founded = 2020;
		snprintf(e.source, sizeof e.source, "%s", "demo");
		for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++)
			if (inside(e.regions, e.categories, bases[b].regions, bases[b].categories)) {
				snprintf(e.parent, sizeof e.parent, "%s", bases[b].code);
				break;
			}
		if (ec_store_cluster_put(s, &e) != EC_OK)
			goto io;
		made++;
	}
	/* The four projects' indicators, entered for every cluster and year. */
	free(all.v);
	all.v = NULL;
	all.n = 0;
	if (ec_store_cluster_each(s, collect_all, &all) != EC_OK)
		goto io;
	member = ec_malloc(d.nfirms + 1);
	for (size_t i = 0; i < all.n; i++)
		if (enter(s, &all.v[i], &d, seed, member) != EC_OK)
			goto io;
	*count = all.n;
	free(pairs);
	free(member);
	free(all.v);
	ec_cluster_data_release(&d);
	return EC_OK;
io:
	rc = app_store_failed(app, diag);
	free(pairs);
	free(member);
	free(all.v);
	ec_cluster_data_release(&d);
	return rc;
}
