/*
** The monitoring engine's columns from the column store (facts.h): the
** enterprises' division, direction and prefecture worked out against the
** catalogue; the reports and deflators read where the file maps them.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/catalog.h"
#include "echelon/facts.h"
#include "echelon/monitor.h"
#include "echelon/store.h"

struct loader {
	const struct ec_catalog *cat;
	/* groups */
	const char **dir_codes, **area_codes, **pref_codes, **prov_codes;
	uint8_t *dir_area;
	uint16_t *pref_prov;
	size_t ndirs, nareas, npref, nprov;
	/* per enterprise */
	uint8_t *division, *direction;
	uint16_t *prefecture;
	struct ec_facts_stream stream; /* the engine's pass through the reports */
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

/* The prefecture index of a region code (a county counts in its
** prefecture), or -1; remembered per code, as the enterprises share a few
** thousand codes. */
struct region_memo {
	uint32_t code[8192];
	int32_t pref[8192]; /* index + 1; 0 = empty slot */
};

static int prefecture_of(struct loader *l, struct region_memo *memo, uint32_t code)
{
	size_t i = (code * 2654435761u) % 8192;
	const struct ec_region *r;
	char text[16];
	int found = -1;

	for (size_t probes = 0; probes < 8192; probes++, i = (i + 1) % 8192) {
		if (memo->pref[i] == 0)
			break;
		if (memo->code[i] == code)
			return memo->pref[i] - 1;
	}
	snprintf(text, sizeof text, "%06u", code);
	r = ec_catalog_resolve_region(l->cat, text, strlen(text));
	if (r && r->level == EC_COUNTY)
		r = ec_catalog_find_region(l->cat, r->parent, strlen(r->parent));
	if (r)
		found = index_of(l->pref_codes, l->npref, r->code);
	if (memo->pref[i] == 0) { /* a full memo only stops remembering */
		memo->code[i] = code;
		memo->pref[i] = found + 1;
	}
	return found;
}

/* The direction index of each code of the facts' category dictionary. */
static uint8_t *directions_of(struct loader *l, const struct ec_facts *f)
{
	uint8_t *dir = ec_malloc(f->ncategories + 1);

	for (size_t k = 0; k < f->ncategories; k++) {
		const char *code = f->category_codes[k];
		const char *second = strchr(code, '.');
		const char *third = second ? strchr(second + 1, '.') : NULL;
		size_t n = third ? (size_t)(third - code) : strlen(code);
		char direction[EC_FACTS_CODE];
		int d;

		snprintf(direction, sizeof direction, "%.*s", (int)n, code);
		d = index_of(l->dir_codes, l->ndirs, direction);
		dir[k] = (uint8_t)(d < 0 ? EC_NOT_SEI : d);
	}
	return dir;
}

static void release(struct loader *l)
{
	free(l->dir_codes);
	free(l->area_codes);
	free(l->pref_codes);
	free(l->prov_codes);
	free(l->dir_area);
	free(l->pref_prov);
	free(l->division);
	free(l->direction);
	free(l->prefecture);
}

static int stream_rows(void *ctx, size_t to, struct ec_monitor_rows *block, char **err)
{
	struct ec_facts_stream *s = ctx;
	int rc = ec_facts_stream_rows(s, to, err);

	block->from = s->from;
	block->value_added = s->value_added;
	block->revenue = s->revenue;
	block->rd_expense = s->rd_expense;
	block->employees = s->employees;
	block->reported = s->reported;
	return rc;
}

int ec_monitor_input_facts(const struct ec_facts *f, const struct ec_catalog *cat, double above_size,
			   struct ec_monitor_input *out, void **owner, char **err)
{
	struct ec_monitor_input in;
	struct region_memo *memo;
	struct loader *l = ec_calloc(1, sizeof *l);
	uint8_t *dir_of;
	size_t n = f->nenterprises;

	*owner = NULL;
	*err = NULL;
	if (f->nmonths <= 0) {
		*err = ec_strdup("the database holds no reports: import them with `echelon import reports`");
		free(l);
		return EC_ENOTFOUND;
	}
	l->cat = cat;
	groups(l);
	dir_of = directions_of(l, f);
	memo = ec_calloc(1, sizeof *memo);
	l->division = ec_malloc(n + 1);
	l->direction = ec_malloc(n + 1);
	l->prefecture = ec_malloc((n + 1) * sizeof *l->prefecture);
	for (size_t e = 0; e < n; e++) {
		int pref = prefecture_of(l, memo, f->region[e]);
		if (pref < 0) {
			*err = ec_asprintf("enterprise %lld: its region %06u is not in the region catalogue",
					   (long long)f->id[e], f->region[e]);
			free(memo);
			free(dir_of);
			release(l);
			free(l);
			return EC_EDATA;
		}
		l->division[e] = (uint8_t)(f->industry[e] / 100);
		l->direction[e] = f->category[e] == EC_FACTS_NO_CATEGORY ? EC_NOT_SEI : dir_of[f->category[e]];
		l->prefecture[e] = (uint16_t)pref;
	}
	free(memo);
	free(dir_of);
	ec_facts_stream_begin(&l->stream, f,
			      EC_FACTS_VALUE_ADDED | EC_FACTS_REVENUE | EC_FACTS_RD_EXPENSE | EC_FACTS_EMPLOYEES |
				      EC_FACTS_REPORTED);
	memset(&in, 0, sizeof in);
	in.nenterprises = n;
	in.first_period = f->first_period;
	in.nmonths = f->nmonths;
	in.division = l->division;
	in.direction = l->direction;
	in.prefecture = l->prefecture;
	in.value_added = f->value_added;
	in.revenue = f->revenue;
	in.rd_expense = f->rd_expense;
	in.employees = f->employees;
	in.reported = f->reported;
	in.ppi = f->ppi;
	in.ndirections = l->ndirs;
	in.direction_codes = l->dir_codes;
	in.nareas = l->nareas;
	in.area_codes = l->area_codes;
	in.direction_area = l->dir_area;
	in.nprefectures = l->npref;
	in.prefecture_codes = l->pref_codes;
	in.prefecture_province = l->pref_prov;
	in.nprovinces = l->nprov;
	in.province_codes = l->prov_codes;
	in.above_size = above_size;
	in.rows = stream_rows;
	in.rows_ctx = &l->stream;
	*out = in;
	*owner = l;
	return EC_OK;
}

void ec_monitor_input_free(void *owner)
{
	if (owner) {
		ec_facts_stream_end(&((struct loader *)owner)->stream);
		release(owner);
		free(owner);
	}
}

int ec_monitor_load_facts(const struct ec_facts *f, const struct ec_catalog *cat, double above_size,
			  struct ec_monitor **out, char **err)
{
	struct ec_monitor_input in;
	void *owner;
	int rc;

	*out = NULL;
	if ((rc = ec_monitor_input_facts(f, cat, above_size, &in, &owner, err)) != EC_OK)
		return rc;
	rc = ec_monitor_build(&in, out, err);
	ec_monitor_input_free(owner);
	return rc;
}

int ec_monitor_load(struct ec_store *s, const struct ec_catalog *cat, double above_size, struct ec_monitor **out,
		    char **err)
{
	struct ec_facts *f;
	int rc;

	*out = NULL;
	if ((rc = ec_facts_from_store(s, NULL, NULL, NULL, &f, err)) != EC_OK)
		return rc;
	rc = ec_monitor_load_facts(f, cat, above_size, out, err);
	ec_facts_close(f);
	return rc;
}
