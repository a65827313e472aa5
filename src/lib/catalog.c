/*
** This is the implementation of the in-memory reference catalogues and of
** the classification of an enterprise into SEI categories.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/catalog.h"
#include "strmap.h"

void ec_catalog_init(struct ec_catalog *cat)
{
	memset(cat, 0, sizeof *cat);
}

static void drop_indexes(struct ec_catalog *cat)
{
	ec_strmap_free(cat->category_index);
	ec_strmap_free(cat->industry_index);
	ec_strmap_free(cat->region_index);
	ec_strmap_free(cat->class_first);
	free(cat->class_next);
	cat->category_index = cat->industry_index = cat->region_index = cat->class_first = NULL;
	cat->class_next = NULL;
}

void ec_catalog_release(struct ec_catalog *cat)
{
	for (size_t i = 0; i < cat->ncategories; i++)
		free(cat->categories[i].name_zh), free(cat->categories[i].name_en);
	for (size_t i = 0; i < cat->nindustries; i++)
		free(cat->industries[i].name_zh), free(cat->industries[i].name_en);
	for (size_t i = 0; i < cat->nregions; i++)
		free(cat->regions[i].name_zh), free(cat->regions[i].name_en);
	free(cat->categories);
	free(cat->mappings);
	free(cat->industries);
	free(cat->regions);
	drop_indexes(cat);
	ec_catalog_init(cat);
}

/* Grows an array to hold one more element when n is a power of two. */
static void *grow_for(void *p, size_t n, size_t size)
{
	if (n == 0)
		return ec_malloc(16 * size);
	if (n >= 16 && (n & (n - 1)) == 0)
		return ec_realloc(p, 2 * n * size);
	return p;
}

void ec_catalog_add_category(struct ec_catalog *cat, const struct ec_category *c)
{
	struct ec_category *dst;

	cat->categories = grow_for(cat->categories, cat->ncategories, sizeof *dst);
	dst = &cat->categories[cat->ncategories++];
	*dst = *c;
	dst->name_zh = ec_strdup(c->name_zh);
	dst->name_en = ec_strdup(c->name_en);
	if (cat->category_index) /* keep the index current; ec_catalog_index rebuilds it all */
		ec_strmap_put(cat->category_index, dst->code, strlen(dst->code), (int64_t)(cat->ncategories - 1));
}

void ec_catalog_add_mapping(struct ec_catalog *cat, const struct ec_mapping *m)
{
	cat->mappings = grow_for(cat->mappings, cat->nmappings, sizeof *m);
	cat->mappings[cat->nmappings++] = *m;
}

void ec_catalog_add_industry(struct ec_catalog *cat, const struct ec_industry *i)
{
	struct ec_industry *dst;

	cat->industries = grow_for(cat->industries, cat->nindustries, sizeof *dst);
	dst = &cat->industries[cat->nindustries++];
	*dst = *i;
	dst->name_zh = ec_strdup(i->name_zh);
	dst->name_en = ec_strdup(i->name_en);
	if (cat->industry_index) /* keep the index current; ec_catalog_index rebuilds it all */
		ec_strmap_put(cat->industry_index, dst->code, strlen(dst->code), (int64_t)(cat->nindustries - 1));
}

void ec_catalog_add_region(struct ec_catalog *cat, const struct ec_region *r)
{
	struct ec_region *dst;

	cat->regions = grow_for(cat->regions, cat->nregions, sizeof *dst);
	dst = &cat->regions[cat->nregions++];
	*dst = *r;
	dst->name_zh = ec_strdup(r->name_zh);
	dst->name_en = ec_strdup(r->name_en);
	if (cat->region_index) /* keep the index current; ec_catalog_index rebuilds it all */
		ec_strmap_put(cat->region_index, dst->code, strlen(dst->code), (int64_t)(cat->nregions - 1));
}

void ec_catalog_index(struct ec_catalog *cat)
{
	drop_indexes(cat);
	cat->category_index = ec_strmap_new(cat->ncategories);
	for (size_t i = 0; i < cat->ncategories; i++)
		ec_strmap_put(cat->category_index, cat->categories[i].code,
			      strlen(cat->categories[i].code), (int64_t)i);
	cat->industry_index = ec_strmap_new(cat->nindustries);
	for (size_t i = 0; i < cat->nindustries; i++)
		ec_strmap_put(cat->industry_index, cat->industries[i].code,
			      strlen(cat->industries[i].code), (int64_t)i);
	cat->region_index = ec_strmap_new(cat->nregions);
	for (size_t i = 0; i < cat->nregions; i++)
		ec_strmap_put(cat->region_index, cat->regions[i].code, strlen(cat->regions[i].code),
			      (int64_t)i);
	/* Chains of mappings by class, in catalogue order. */
	cat->class_first = ec_strmap_new(cat->nmappings);
	cat->class_next = ec_malloc((cat->nmappings + 1) * sizeof *cat->class_next);
	for (size_t i = cat->nmappings; i-- > 0;) {
		const char *cls = cat->mappings[i].industry;
		int64_t first;
		cat->class_next[i] = ec_strmap_get(cat->class_first, cls, strlen(cls), &first)
					     ? (size_t)first : (size_t)-1;
		ec_strmap_put(cat->class_first, cls, strlen(cls), (int64_t)i);
	}
}

const struct ec_category *ec_catalog_find_category(const struct ec_catalog *cat, const char *code, size_t n)
{
	int64_t i;
	return cat->category_index && ec_strmap_get(cat->category_index, code, n, &i)
		       ? &cat->categories[i] : NULL;
}

const struct ec_industry *ec_catalog_find_industry(const struct ec_catalog *cat, const char *code, size_t n)
{
	int64_t i;
	return cat->industry_index && ec_strmap_get(cat->industry_index, code, n, &i)
		       ? &cat->industries[i] : NULL;
}

const struct ec_region *ec_catalog_find_region(const struct ec_catalog *cat, const char *code, size_t n)
{
	int64_t i;
	return cat->region_index && ec_strmap_get(cat->region_index, code, n, &i)
		       ? &cat->regions[i] : NULL;
}

const struct ec_region *ec_catalog_resolve_region(const struct ec_catalog *cat, const char *code, size_t n)
{
	const struct ec_region *r;
	char prefecture[7];

	if (n != 6)
		return NULL;
	for (size_t i = 0; i < 6; i++)
		if (code[i] < '0' || code[i] > '9')
			return NULL;
	if ((r = ec_catalog_find_region(cat, code, n)))
		return r;
	if (code[4] == '0' && code[5] == '0')
		return NULL; /* an unknown prefecture or province */
	memcpy(prefecture, code, 4);
	prefecture[4] = prefecture[5] = '0';
	prefecture[6] = '\0';
	r = ec_catalog_find_region(cat, prefecture, 6);
	return r && r->level == EC_PREFECTURE ? r : NULL;
}

int ec_category_code_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		long x = 0, y = 0;
		if (!*a)
			return -1;
		if (!*b)
			return 1;
		while (*a >= '0' && *a <= '9')
			x = x * 10 + (*a++ - '0');
		while (*b >= '0' && *b <= '9')
			y = y * 10 + (*b++ - '0');
		if (x != y)
			return x < y ? -1 : 1;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return 0;
}

int ec_classify(const struct ec_catalog *cat, const char *industry, const char *declared,
		struct ec_classification *out, char *badbuf, size_t badsize)
{
	int64_t first;
	const char *p;

	memset(out, 0, sizeof *out);
	if (!ec_catalog_find_industry(cat, industry, strlen(industry)) ||
	    strlen(industry) != 4) {
		snprintf(badbuf, badsize, "%s", industry);
		return EC_ENOTFOUND;
	}
	if (cat->class_first && ec_strmap_get(cat->class_first, industry, strlen(industry), &first)) {
		for (size_t i = (size_t)first; i != (size_t)-1 && out->nmatches < 64; i = cat->class_next[i]) {
			const struct ec_mapping *m = &cat->mappings[i];
			const struct ec_category *c = ec_catalog_find_category(cat, m->category,
										 strlen(m->category));
			if (!c)
				continue;
			out->matches[out->nmatches].category = c;
			out->matches[out->nmatches].partial = m->partial;
			out->nmatches++;
		}
	}
	/* Declared categories: every one must be known; the first is primary. */
	for (p = declared ? declared : ""; *p;) {
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const struct ec_category *c = ec_catalog_find_category(cat, p, n);
		if (!c) {
			snprintf(badbuf, badsize, "%.*s", (int)n, p);
			return EC_ENOTFOUND;
		}
		if (!out->primary) {
			out->primary = c;
			out->reason = "first declared category";
		}
		p += n;
		if (*p == ';')
			p++;
	}
	if (!out->primary) {
		for (size_t i = 0; i < out->nmatches; i++) {
			const struct ec_category *c = out->matches[i].category;
			if (out->matches[i].partial)
				continue;
			if (!out->primary || ec_category_code_cmp(c->code, out->primary->code) < 0)
				out->primary = c;
		}
		if (out->primary)
			out->reason = "the class maps to it in full";
		else if (out->nmatches)
			out->reason = "the class belongs to SEI only in part and no category is declared";
		else
			out->reason = "the class is not in the SEI classification";
	}
	return EC_OK;
}
