/*
** Loading the monitoring engine's columns from a store: enterprises with
** their division, direction and prefecture; reports as dense enterprise x
** month arrays; deflators by division and month.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/catalog.h"
#include "echelon/monitor.h"
#include "echelon/store.h"

struct loader {
	const struct ec_catalog *cat;
	/* groups */
	const char **dir_codes, **area_codes, **pref_codes, **prov_codes;
	uint8_t *dir_area;
	uint16_t *pref_prov;
	size_t ndirs, nareas, npref, nprov;
	/* enterprises */
	int64_t *ids;
	uint8_t *division, *direction;
	uint16_t *prefecture;
	size_t n, cap;
	/* reports */
	int first, nmonths;
	double *va, *rev, *rd, *ppi;
	int32_t *emp;
	uint8_t *reported;
	size_t cursor; /* enterprise of the last report: reports come ordered by id */
};

static int index_of(const char **codes, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return (int)i;
	return -1;
}

static void groups(struct loader *l)
{
	const struct ec_catalog *cat = l->cat;

	l->dir_codes = ec_calloc(cat->ncategories + 1, sizeof(char *));
	l->area_codes = ec_calloc(cat->ncategories + 1, sizeof(char *));
	l->dir_area = ec_calloc(cat->ncategories + 1, 1);
	for (size_t i = 0; i < cat->ncategories; i++) {
		const struct ec_category *c = &cat->categories[i];
		if (c->level == 1 && l->nareas < EC_NAREAS_MAX)
			l->area_codes[l->nareas++] = c->code;
	}
	for (size_t i = 0; i < cat->ncategories; i++) {
		const struct ec_category *c = &cat->categories[i];
		int a;
		if (c->level != 2 || l->ndirs >= EC_NOT_SEI - 1)
			continue;
		a = index_of(l->area_codes, l->nareas, c->parent);
		l->dir_area[l->ndirs] = (uint8_t)(a < 0 ? 0 : a);
		l->dir_codes[l->ndirs++] = c->code;
	}
	l->prov_codes = ec_calloc(cat->nregions + 1, sizeof(char *));
	l->pref_codes = ec_calloc(cat->nregions + 1, sizeof(char *));
	l->pref_prov = ec_calloc(cat->nregions + 1, sizeof(uint16_t));
	for (size_t i = 0; i < cat->nregions; i++)
		if (cat->regions[i].level == EC_PROVINCE)
			l->prov_codes[l->nprov++] = cat->regions[i].code;
	/* Prefectures, then each province once more for enterprises registered
	** with a province-level code. */
	for (size_t i = 0; i < cat->nregions; i++) {
		const struct ec_region *r = &cat->regions[i];
		int v;
		if (r->level != EC_PREFECTURE)
			continue;
		v = index_of(l->prov_codes, l->nprov, r->parent);
		l->pref_prov[l->npref] = (uint16_t)(v < 0 ? 0 : v);
		l->pref_codes[l->npref++] = r->code;
	}
	for (size_t v = 0; v < l->nprov; v++) {
		l->pref_prov[l->npref] = (uint16_t)v;
		l->pref_codes[l->npref++] = l->prov_codes[v];
	}
}

static int prefecture_of(struct loader *l, const char *region)
{
	const struct ec_region *r = ec_catalog_resolve_region(l->cat, region, strlen(region));
	char code[8];
	int i;

	if (!r)
		return -1;
	if (r->level == EC_COUNTY)
		r = ec_catalog_find_region(l->cat, r->parent, strlen(r->parent));
	if (!r)
		return -1;
	snprintf(code, sizeof code, "%s", r->code);
	i = index_of(l->pref_codes, l->npref, code);
	return i;
}

static int take_enterprise(void *ctx, const struct ec_enterprise *e)
{
	struct loader *l = ctx;
	int pref = prefecture_of(l, e->region), dir = EC_NOT_SEI;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4096;
		l->ids = ec_realloc(l->ids, l->cap * sizeof *l->ids);
		l->division = ec_realloc(l->division, l->cap);
		l->direction = ec_realloc(l->direction, l->cap);
		l->prefecture = ec_realloc(l->prefecture, l->cap * sizeof *l->prefecture);
	}
	if (e->sei_primary[0]) {
		char direction[16];
		const char *second = strchr(e->sei_primary, '.');
		const char *third = second ? strchr(second + 1, '.') : NULL;
		size_t n = third ? (size_t)(third - e->sei_primary) : strlen(e->sei_primary);
		int d;
		snprintf(direction, sizeof direction, "%.*s", (int)n, e->sei_primary);
		d = index_of(l->dir_codes, l->ndirs, direction);
		dir = d < 0 ? EC_NOT_SEI : d;
	}
	l->ids[l->n] = e->id;
	l->division[l->n] = (uint8_t)((e->industry[0] - '0') * 10 + (e->industry[1] - '0'));
	l->direction[l->n] = (uint8_t)dir;
	l->prefecture[l->n] = (uint16_t)(pref < 0 ? 0 : pref);
	l->n++;
	return pref < 0 ? EC_EDATA : 0;
}

static int take_report(void *ctx, const struct ec_report *r)
{
	struct loader *l = ctx;
	size_t at;

	/* Reports arrive ordered by enterprise id, as the enterprises did. */
	while (l->cursor < l->n && l->ids[l->cursor] < r->enterprise_id)
		l->cursor++;
	if (l->cursor >= l->n || l->ids[l->cursor] != r->enterprise_id)
		return 0;
	at = l->cursor * (size_t)l->nmonths + (size_t)(r->period - l->first);
	l->va[at] = r->value_added;
	l->rev[at] = r->revenue;
	l->rd[at] = r->rd_expense;
	l->emp[at] = r->employees > INT32_MAX ? INT32_MAX : (int32_t)r->employees;
	l->reported[at] = 1;
	return 0;
}

static int take_deflator(void *ctx, const struct ec_deflator *d)
{
	struct loader *l = ctx;
	int div = (d->division[0] - '0') * 10 + (d->division[1] - '0');

	if (div >= 0 && div < 100 && d->period >= l->first && d->period < l->first + l->nmonths)
		l->ppi[(size_t)div * (size_t)l->nmonths + (size_t)(d->period - l->first)] = d->ppi_yoy;
	return 0;
}

static void release(struct loader *l)
{
	free(l->dir_codes);
	free(l->area_codes);
	free(l->pref_codes);
	free(l->prov_codes);
	free(l->dir_area);
	free(l->pref_prov);
	free(l->ids);
	free(l->division);
	free(l->direction);
	free(l->prefecture);
	free(l->va);
	free(l->rev);
	free(l->rd);
	free(l->emp);
	free(l->reported);
	free(l->ppi);
}

int ec_monitor_input_load(struct ec_store *s, const struct ec_catalog *cat, double above_size,
			  struct ec_monitor_input *out, void **owner, char **err)
{
	struct ec_monitor_input in;
	struct ec_store_counts counts;
	struct loader *lp = ec_calloc(1, sizeof *lp);
	struct loader l;
	size_t cells, T;
	int rc;

	*owner = NULL;
	*err = NULL;
	memset(&l, 0, sizeof l);
	l.cat = cat;
	groups(&l);
	if (ec_store_counts(s, &counts) != EC_OK) {
		*err = ec_strdup(ec_store_errmsg(s));
		release(&l);
		free(lp);
		return EC_EIO;
	}
	if (counts.reports <= 0) {
		*err = ec_strdup("the database holds no reports: import them with `echelon import reports`");
		release(&l);
		free(lp);
		return EC_ENOTFOUND;
	}
	rc = ec_store_enterprise_each(s, take_enterprise, &l);
	if (rc == EC_EDATA) {
		*err = ec_asprintf("enterprise %lld: its region is not in the region catalogue", (long long)l.ids[l.n - 1]);
		release(&l);
		free(lp);
		return EC_EDATA;
	}
	if (rc != EC_OK) {
		*err = ec_strdup(ec_store_errmsg(s));
		release(&l);
		free(lp);
		return EC_EIO;
	}
	l.first = ec_period_make(ec_period_year(counts.first_period), 1);
	l.nmonths = (ec_period_year(counts.last_period) - ec_period_year(counts.first_period) + 1) * 12;
	T = (size_t)l.nmonths;
	cells = l.n * T;
	l.va = ec_calloc(cells, sizeof *l.va);
	l.rev = ec_calloc(cells, sizeof *l.rev);
	l.rd = ec_calloc(cells, sizeof *l.rd);
	l.emp = ec_calloc(cells, sizeof *l.emp);
	l.reported = ec_calloc(cells, 1);
	l.ppi = ec_malloc(100 * T * sizeof *l.ppi);
	for (size_t i = 0; i < 100 * T; i++)
		l.ppi[i] = NAN;
	if (ec_store_report_each(s, l.first, l.first + l.nmonths - 1, take_report, &l) != EC_OK ||
	    ec_store_deflator_each(s, l.first, l.first + l.nmonths - 1, take_deflator, &l) != EC_OK) {
		*err = ec_strdup(ec_store_errmsg(s));
		release(&l);
		free(lp);
		return EC_EIO;
	}
	memset(&in, 0, sizeof in);
	in.nenterprises = l.n;
	in.first_period = l.first;
	in.nmonths = l.nmonths;
	in.division = l.division;
	in.direction = l.direction;
	in.prefecture = l.prefecture;
	in.value_added = l.va;
	in.revenue = l.rev;
	in.rd_expense = l.rd;
	in.employees = l.emp;
	in.reported = l.reported;
	in.ppi = l.ppi;
	in.ndirections = l.ndirs;
	in.direction_codes = l.dir_codes;
	in.nareas = l.nareas;
	in.area_codes = l.area_codes;
	in.direction_area = l.dir_area;
	in.nprefectures = l.npref;
	in.prefecture_codes = l.pref_codes;
	in.prefecture_province = l.pref_prov;
	in.nprovinces = l.nprov;
	in.province_codes = l.prov_codes;
	in.above_size = above_size;
	*out = in;
	*lp = l;
	*owner = lp;
	return EC_OK;
}

void ec_monitor_input_free(void *owner)
{
	if (owner) {
		release(owner);
		free(owner);
	}
}

int ec_monitor_load(struct ec_store *s, const struct ec_catalog *cat, double above_size, struct ec_monitor **out,
		    char **err)
{
	struct ec_monitor_input in;
	void *owner;
	int rc;

	*out = NULL;
	if ((rc = ec_monitor_input_load(s, cat, above_size, &in, &owner, err)) != EC_OK)
		return rc;
	rc = ec_monitor_build(&in, out, err);
	ec_monitor_input_free(owner);
	return rc;
}
