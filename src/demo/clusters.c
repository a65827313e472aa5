/*
** The demo's cluster echelon, generated over plain data: ten SEI bases that
** hold the national clusters of 2019, ecosystems where the demo economy
** concentrates, and the four projects' indicators entered by year. The
** records go to the caller through a sink; no store here.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/demo.h"
#include "lib/strmap.h"

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
#define NBASES (sizeof bases / sizeof bases[0])

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

/* The first base that holds a cluster of these regions and categories, or
** NULL. */
static const char *base_of(const char *regions, const char *categories)
{
	for (size_t b = 0; b < NBASES; b++)
		if (inside(regions, categories, bases[b].regions, bases[b].categories))
			return bases[b].code;
	return NULL;
}

int ec_demo_bases(const struct ec_demo_cluster_sink *sink)
{
	int rc;

	for (size_t i = 0; i < NBASES; i++) {
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
		if ((rc = sink->cluster(sink->ctx, &b)) != 0)
			return rc;
	}
	return 0;
}

int ec_demo_cluster_parents(struct ec_cluster *v, size_t n, const struct ec_demo_cluster_sink *sink)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct ec_cluster *c = &v[i];
		const char *base;
		if (c->tier != EC_TIER_CLUSTER || c->parent[0])
			continue;
		if (!(base = base_of(c->regions, c->categories)))
			continue;
		snprintf(c->parent, sizeof c->parent, "%s", base);
		if ((rc = sink->cluster(sink->ctx, c)) != 0)
			return rc;
	}
	return 0;
}

/* A prefecture x direction and the SEI value added found there. */
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

/* The direction (level 2) a category lies in, as an index into
** cat->categories; -1 when it has none. */
static int direction_of(const struct ec_catalog *cat, const struct ec_category *cg)
{
	const char *second = strchr(cg->code, '.');
	char dir[16];

	second = second ? strchr(second + 1, '.') : NULL;
	snprintf(dir, sizeof dir, "%.*s", (int)(second ? (size_t)(second - cg->code) : strlen(cg->code)), cg->code);
	cg = ec_catalog_find_category(cat, dir, strlen(dir));
	return cg && cg->level == 2 ? (int)(cg - cat->categories) : -1;
}

/* The SEI value added of year by prefecture x direction, largest first,
** in order of appearance among equals. *n gets the count; caller frees. */
static struct pair *concentrations(const struct ec_catalog *cat, const struct ec_cluster_data *d, int year,
				   size_t *n /* OUT */)
{
	struct ec_strmap *index = ec_strmap_new(1024);
	struct pair *pairs = NULL;
	size_t npairs = 0, cap = 0;
	int y = year - d->first_year;

	for (size_t f = 0; f < d->nfirms; f++) {
		char key[32];
		int64_t at;
		double va = d->va[f * (size_t)d->nyears + (size_t)y];
		int dindex;
		if (d->category[f] < 0 || va <= 0)
			continue;
		if ((dindex = direction_of(cat, &cat->categories[d->category[f]])) < 0)
			continue;
		snprintf(key, sizeof key, "%d:%d", d->region[f] / 100, dindex);
		if (!ec_strmap_get(index, key, strlen(key), &at)) {
			if (npairs == cap) {
				cap = cap ? cap * 2 : 256;
				pairs = ec_realloc(pairs, cap * sizeof *pairs);
			}
			pairs[npairs].prefecture = d->region[f] / 100 * 100;
			pairs[npairs].direction = dindex;
			pairs[npairs].va = 0;
			at = (int64_t)npairs++;
			ec_strmap_put(index, key, strlen(key), at);
		}
		pairs[at].va += va;
	}
	ec_strmap_free(index);
	if (npairs > 1)
		qsort(pairs, npairs, sizeof *pairs, by_va);
	*n = npairs;
	return pairs;
}

int ec_demo_ecosystems(const struct ec_catalog *cat, const struct ec_cluster_data *d, int year,
		       const struct ec_cluster *registered, size_t n, size_t max, const struct ec_demo_cluster_sink *sink)
{
	size_t npairs;
	struct pair *pairs = concentrations(cat, d, year, &npairs);
	int rc = 0;

	for (size_t i = 0, made = 0; i < npairs && made < max; i++) {
		struct ec_cluster e;
		const struct ec_category *dir = &cat->categories[pairs[i].direction];
		const struct ec_region *pref;
		const char *base;
		char code[8];
		int covered = 0;
		snprintf(code, sizeof code, "%06d", pairs[i].prefecture);
		pref = ec_catalog_find_region(cat, code, 6);
		if (!pref)
			continue;
		for (size_t k = 0; k < n && !covered; k++)
			covered = registered[k].tier == EC_TIER_CLUSTER &&
				  inside(code, dir->code, registered[k].regions, registered[k].categories);
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
		if ((base = base_of(e.regions, e.categories)))
			snprintf(e.parent, sizeof e.parent, "%s", base);
		if ((rc = sink->cluster(sink->ctx, &e)) != 0)
			break;
		made++;
	}
	free(pairs);
	return rc;
}

/* The value of an entered indicator in year t years after the first, for
** a cluster of scale 1 + ln(1 + members), from the draw u in [0, 1). */
static double indicator_value(const char *ind, double scale, double t, double u)
{
	if (!strcmp(ind, "innovation_platforms") || !strcmp(ind, "rd_institutions") || !strcmp(ind, "incubators"))
		return floor(scale * (2 + 4 * u) * (1 + 0.08 * t));
	if (!strcmp(ind, "park_area_km2"))
		return floor((5 + 40 * u) * scale) / 2;
	if (!strcmp(ind, "resident_population"))
		return floor((20000 + 180000 * u) * (1 + 0.02 * t));
	if (!strcmp(ind, "housing_units"))
		return floor((3000 + 20000 * u) * (1 + 0.03 * t));
	if (!strcmp(ind, "scenarios_published"))
		return floor(scale * (1 + 6 * u) * (1 + 0.15 * t));
	if (!strcmp(ind, "scenarios_landed"))
		return floor(scale * (0.5 + 3 * u) * (1 + 0.15 * t));
	if (!strcmp(ind, "agency_staff"))
		return floor(5 + 40 * u);
	if (!strcmp(ind, "transit_lines"))
		return floor(1 + 8 * u);
	return floor(scale * (0.5 + 3 * u) * (1 + 0.1 * t));
}

int ec_demo_cluster_indicators(uint64_t seed, const struct ec_cluster *c, size_t members, int first_year, int nyears,
			       const struct ec_demo_cluster_sink *sink)
{
	double scale = 1 + log1p((double)members);
	int rc;

	for (int y = first_year; y < first_year + nyears; y++) {
		double t = (double)(y - first_year);
		for (int k = 0; k < EC_NENTERED; k++) {
			const char *ind = ec_entered_indicators[k];
			double v = indicator_value(ind, scale, t, draw(seed, c->code, y, ind));
			if ((rc = sink->indicator(sink->ctx, c->code, y, ind, v)) != 0)
				return rc;
		}
	}
	return 0;
}
