/*
** Reading the reference catalogues from CSV: the files shipped in data/
** (compiled in) and official tables a user loads in their place. Every code
** and every reference is checked; a rejected file changes nothing.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/catalog.h"
#include "echelon/csv.h"

extern const unsigned char ec_data_industries[], ec_data_regions[];
extern const unsigned char ec_data_sei_categories[], ec_data_sei_mappings[];
extern const size_t ec_data_industries_len, ec_data_regions_len;
extern const size_t ec_data_sei_categories_len, ec_data_sei_mappings_len;

static const char *const category_cols[] = { "code", "level", "parent", "name_zh", "name_en" };
static const char *const mapping_cols[] = { "category", "industry", "partial" };
static const char *const industry_cols[] = { "code", "level", "parent", "name_zh", "name_en" };
static const char *const region_cols[] = { "code", "level", "parent", "name_zh", "name_en", "lat", "lon" };

/* A problem with the field col of the current row: its code, then name,
** value pairs of parameters (strings) ended by NULL. */
#define FIELD_ERR(code, col, ...)                                            \
	do {                                                                 \
		ec_diag_problem(d, (code), c->name, c->line, (col), __VA_ARGS__); \
		bad = 1;                                                     \
	} while (0)

/* A problem about col whose one parameter is the field f as quoted. */
#define FIELD_VALUE(code, col, f)                                                 \
	do {                                                                      \
		ec_diag_value(d, (code), c->name, c->line, (col), (f)->p, (f)->n); \
		bad = 1;                                                          \
	} while (0)

/* s[0..n) as a message quotes it (at most 40 bytes). */
#define SHOWN(s, n) ec_value_shown((s), (n), shown, sizeof shown)

static int all_digits(const struct ec_csv_field *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->p[i] < '0' || f->p[i] > '9')
			return 0;
	return f->n > 0;
}

/* A dotted category code "1", "1.2", "1.2.3": returns its level or 0. */
static int category_level(const char *p, size_t n)
{
	int level = 1, digits = 0;

	if (n == 0 || n >= 16)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9') {
			if (digits == 0 && p[i] == '0')
				return 0;
			digits++;
		} else if (p[i] == '.' && digits) {
			level++, digits = 0;
		} else {
			return 0;
		}
	}
	return digits && level <= 3 ? level : 0;
}

static int check_names(struct ec_csv *c, struct ec_diag *d, const struct ec_csv_field *zh,
		       const struct ec_csv_field *en)
{
	int bad = 0;
	if (zh->n == 0)
		FIELD_ERR("field.empty", "name_zh", NULL);
	else if (zh->n > 400)
		FIELD_ERR("field.too_long", "name_zh", "max", "400", NULL);
	if (en->n == 0)
		FIELD_ERR("field.empty", "name_en", NULL);
	else if (en->n > 400)
		FIELD_ERR("field.too_long", "name_en", "max", "400", NULL);
	return bad;
}

static int parse_categories(struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d)
{
	while (ec_csv_next_row(c, 5, NULL, NULL, d)) {
		struct ec_category cg;
		const struct ec_csv_field *f = c->fields;
		int bad = 0, level;
		char namezh[512], nameen[512], shown[64], other[64], number[8];

		memset(&cg, 0, sizeof cg);
		level = category_level(f[0].p, f[0].n);
		if (!level)
			FIELD_VALUE("category.code", "code", &f[0]);
		else if (ec_catalog_find_category(cat, f[0].p, f[0].n))
			FIELD_VALUE("import.repeat", "code", &f[0]);
		if (!(f[1].n == 1 && f[1].p[0] - '0' == level) && level) {
			snprintf(number, sizeof number, "%d", level);
			FIELD_ERR("catalog.level", "level", "value", SHOWN(f[1].p, f[1].n), "expected", number, "code",
				  ec_value_shown(f[0].p, f[0].n, other, sizeof other), NULL);
		}
		if (level == 1 && f[2].n)
			FIELD_ERR("catalog.no_parent", "parent", NULL);
		if (level > 1) {
			size_t plen = f[0].n;
			while (plen > 0 && f[0].p[plen - 1] != '.')
				plen--;
			if (plen == 0 || f[2].n != plen - 1 || memcmp(f[2].p, f[0].p, plen - 1) != 0)
				FIELD_ERR("catalog.parent", "parent", "value", SHOWN(f[2].p, f[2].n), "expected",
					  ec_value_shown(f[0].p, plen ? plen - 1 : 0, other, sizeof other), NULL);
			else if (!ec_catalog_find_category(cat, f[2].p, f[2].n))
				FIELD_VALUE("catalog.parent_undefined", "parent", &f[2]);
		}
		bad |= check_names(c, d, &f[3], &f[4]);
		if (bad)
			continue;
		ec_csv_copy(cg.code, sizeof cg.code, &f[0]);
		ec_csv_copy(cg.parent, sizeof cg.parent, &f[2]);
		cg.level = level;
		ec_csv_copy(namezh, sizeof namezh, &f[3]);
		ec_csv_copy(nameen, sizeof nameen, &f[4]);
		cg.name_zh = namezh;
		cg.name_en = nameen;
		ec_catalog_add_category(cat, &cg);
	}
	return d->total ? EC_EDATA : EC_OK;
}

static int add_mapping(struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d, const char *column,
		       const char *category, const struct ec_csv_field *industry, int partial)
{
	const struct ec_category *cg = ec_catalog_find_category(cat, category, strlen(category));
	const struct ec_industry *ind;
	struct ec_mapping m;
	int bad = 0;

	if (!cg || cg->level != 3) {
		FIELD_ERR(cg ? "category.not_sub" : "category.unknown", "category", "value", category, NULL);
		return bad;
	}
	ind = ec_catalog_find_industry(cat, industry->p, industry->n);
	if (!ind || ind->level != EC_CLASS) {
		FIELD_VALUE("mapping.industry", column, industry);
		return bad;
	}
	for (size_t i = 0; i < cat->nmappings; i++)
		if (strcmp(cat->mappings[i].category, category) == 0 &&
		    strcmp(cat->mappings[i].industry, ind->code) == 0) {
			FIELD_ERR("mapping.twice", column, "category", category, "industry", ind->code, NULL);
			return bad;
		}
	memset(&m, 0, sizeof m);
	snprintf(m.category, sizeof m.category, "%s", category);
	snprintf(m.industry, sizeof m.industry, "%s", ind->code);
	m.partial = partial;
	ec_catalog_add_mapping(cat, &m);
	return 0;
}

static int parse_mappings(struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d)
{
	while (ec_csv_next_row(c, 3, NULL, NULL, d)) {
		const struct ec_csv_field *f = c->fields;
		char category[16];
		int bad = 0;

		(void)bad;
		if (!(f[2].n == 1 && (f[2].p[0] == '0' || f[2].p[0] == '1'))) {
			char shown[64];
			FIELD_ERR("field.enum", "partial", "value", SHOWN(f[2].p, f[2].n), "expected", "0 or 1", NULL);
			continue;
		}
		ec_csv_copy(category, sizeof category, &f[0]);
		add_mapping(cat, c, d, "industry", category, &f[1], f[2].p[0] == '1');
	}
	return d->total ? EC_EDATA : EC_OK;
}

/* The official layout: category code, category name, industry code with an
** optional "*", industry name, note. A row with a category code opens that
** category (areas and directions carry no industry); a row without one
** continues the category above. Loads categories and mappings together. */
static int parse_official(struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d)
{
	char current[16] = "";

	while (ec_csv_next_row(c, 5, "category code, category name, industry code, industry name, note", NULL, d)) {
		const struct ec_csv_field *f = c->fields;
		struct ec_csv_field ind;
		int bad = 0, partial = 0;

		(void)bad;
		if (f[0].n) {
			struct ec_category cg;
			char name[512], shown[64], parent[64];
			int level = category_level(f[0].p, f[0].n);
			size_t plen = f[0].n;

			memset(&cg, 0, sizeof cg);
			if (!level) {
				FIELD_VALUE("category.code", "1", &f[0]);
				current[0] = '\0';
				continue;
			}
			if (ec_catalog_find_category(cat, f[0].p, f[0].n)) {
				FIELD_VALUE("import.repeat", "1", &f[0]);
				continue;
			}
			while (plen > 0 && f[0].p[plen - 1] != '.')
				plen--;
			if (level > 1 && !ec_catalog_find_category(cat, f[0].p, plen - 1)) {
				FIELD_ERR("catalog.before_parent", "1", "value", SHOWN(f[0].p, f[0].n), "parent",
					  ec_value_shown(f[0].p, plen - 1, parent, sizeof parent), NULL);
				continue;
			}
			if (f[1].n == 0) {
				FIELD_ERR("field.empty", "2", NULL);
				continue;
			}
			if (f[1].n > 400) {
				FIELD_ERR("field.too_long", "2", "max", "400", NULL);
				continue;
			}
			ec_csv_copy(cg.code, sizeof cg.code, &f[0]);
			if (level > 1)
				snprintf(cg.parent, sizeof cg.parent, "%.*s", (int)(plen - 1), f[0].p);
			cg.level = level;
			ec_csv_copy(name, sizeof name, &f[1]);
			cg.name_zh = name;
			cg.name_en = name; /* the official table is Chinese only */
			ec_catalog_add_category(cat, &cg);
			snprintf(current, sizeof current, "%s", cg.code);
		}
		if (f[2].n == 0)
			continue;
		if (!current[0]) {
			FIELD_VALUE("catalog.industry_first", "3", &f[2]);
			continue;
		}
		ind = f[2];
		/* A partial class is marked "*" or by the full-width "＊" (3 bytes). */
		if (ind.n >= 1 && ind.p[ind.n - 1] == '*') {
			ind.n -= 1;
			partial = 1;
		} else if (ind.n >= 3 && !memcmp(ind.p + ind.n - 3, "\xEF\xBC\x8A", 3)) {
			ind.n -= 3;
			partial = 1;
		}
		while (ind.n && ind.p[ind.n - 1] == ' ')
			ind.n--;
		add_mapping(cat, c, d, "3", current, &ind, partial);
	}
	return d->total ? EC_EDATA : EC_OK;
}

static int parse_industries(struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d)
{
	static const char *const levels[] = { "", "section", "division", "group", "class" };

	while (ec_csv_next_row(c, 5, NULL, NULL, d)) {
		const struct ec_csv_field *f = c->fields;
		const struct ec_industry *parent = NULL;
		struct ec_industry ind;
		char namezh[512], nameen[512], shown[64], code[64];
		int bad = 0, level = 0;

		for (int l = 1; l <= 4; l++)
			if (ec_csv_field_is(&f[1], levels[l]))
				level = l;
		if (!level) {
			FIELD_ERR("field.enum", "level", "value", SHOWN(f[1].p, f[1].n), "expected",
				  "section, division, group or class", NULL);
			continue;
		}
		if (level == EC_SECTION ? !(f[0].n == 1 && f[0].p[0] >= 'A' && f[0].p[0] <= 'Z')
					: !(f[0].n == (size_t)level && all_digits(&f[0]))) {
			FIELD_ERR("industry.code", "code", "value", SHOWN(f[0].p, f[0].n), "level", levels[level], NULL);
			continue;
		}
		if (ec_catalog_find_industry(cat, f[0].p, f[0].n)) {
			FIELD_VALUE("import.repeat", "code", &f[0]);
			continue;
		}
		if (level > EC_SECTION) {
			parent = ec_catalog_find_industry(cat, f[2].p, f[2].n);
			if (!parent || parent->level != level - 1 ||
			    (level > EC_DIVISION && memcmp(parent->code, f[0].p, (size_t)level - 1) != 0))
				FIELD_ERR("catalog.parent_level", "parent", "value", SHOWN(f[2].p, f[2].n), "level",
					  levels[level - 1], "code", ec_value_shown(f[0].p, f[0].n, code, sizeof code),
					  NULL);
		} else if (f[2].n) {
			FIELD_ERR("catalog.no_parent", "parent", NULL);
		}
		bad |= check_names(c, d, &f[3], &f[4]);
		if (bad)
			continue;
		memset(&ind, 0, sizeof ind);
		ec_csv_copy(ind.code, sizeof ind.code, &f[0]);
		ec_csv_copy(ind.parent, sizeof ind.parent, &f[2]);
		ind.level = level;
		ec_csv_copy(namezh, sizeof namezh, &f[3]);
		ec_csv_copy(nameen, sizeof nameen, &f[4]);
		ind.name_zh = namezh;
		ind.name_en = nameen;
		ec_catalog_add_industry(cat, &ind);
	}
	return d->total ? EC_EDATA : EC_OK;
}

static int parse_coordinate(struct ec_csv *c, struct ec_diag *d, const char *col,
			    const struct ec_csv_field *f, double lo, double hi, double *out)
{
	const char *why;
	char shown[64], min[32], max[32];
	int bad = 0;

	*out = NAN;
	if (f->n == 0)
		return 0;
	if (ec_number_parse(f->p, f->n, out, &why)) {
		FIELD_VALUE(why, col, f);
	} else if (*out < lo || *out > hi) {
		ec_number_format(lo, min);
		ec_number_format(hi, max);
		FIELD_ERR("number.range", col, "value", SHOWN(f->p, f->n), "min", min, "max", max, NULL);
	}
	return bad;
}

static int parse_regions(struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d)
{
	static const char *const levels[] = { "", "province", "prefecture", "county" };

	while (ec_csv_next_row(c, 7, NULL, NULL, d)) {
		const struct ec_csv_field *f = c->fields;
		struct ec_region r;
		char namezh[512], nameen[512], shown[64];
		int bad = 0, level = 0;

		for (int l = 1; l <= 3; l++)
			if (ec_csv_field_is(&f[1], levels[l]))
				level = l;
		if (!level)
			FIELD_ERR("field.enum", "level", "value", SHOWN(f[1].p, f[1].n), "expected",
				  "province, prefecture or county", NULL);
		if (!(f[0].n == 6 && all_digits(&f[0])))
			FIELD_VALUE("region.code", "code", &f[0]);
		else if (ec_catalog_find_region(cat, f[0].p, 6))
			FIELD_VALUE("import.repeat", "code", &f[0]);
		if (level == EC_PROVINCE && f[2].n)
			FIELD_ERR("catalog.no_parent", "parent", NULL);
		if (level > EC_PROVINCE) {
			const struct ec_region *p = ec_catalog_find_region(cat, f[2].p, f[2].n);
			if (!p || p->level >= level)
				FIELD_VALUE("catalog.parent_higher", "parent", &f[2]);
		}
		bad |= check_names(c, d, &f[3], &f[4]);
		memset(&r, 0, sizeof r);
		bad |= parse_coordinate(c, d, "lat", &f[5], -90, 90, &r.lat);
		bad |= parse_coordinate(c, d, "lon", &f[6], -180, 180, &r.lon);
		if (bad)
			continue;
		ec_csv_copy(r.code, sizeof r.code, &f[0]);
		ec_csv_copy(r.parent, sizeof r.parent, &f[2]);
		r.level = level;
		ec_csv_copy(namezh, sizeof namezh, &f[3]);
		ec_csv_copy(nameen, sizeof nameen, &f[4]);
		r.name_zh = namezh;
		r.name_en = nameen;
		ec_catalog_add_region(cat, &r);
	}
	return d->total ? EC_EDATA : EC_OK;
}

/* Copies one kind's entries from src into dst (dst holds none of them). */
static void take_kind(struct ec_catalog *dst, const struct ec_catalog *src, enum ec_catalog_kind kind)
{
	switch (kind) {
	case EC_CAT_SEI_CATEGORIES:
		for (size_t i = 0; i < src->ncategories; i++)
			ec_catalog_add_category(dst, &src->categories[i]);
		break;
	case EC_CAT_SEI_MAPPINGS:
		for (size_t i = 0; i < src->nmappings; i++)
			ec_catalog_add_mapping(dst, &src->mappings[i]);
		break;
	case EC_CAT_INDUSTRIES:
		for (size_t i = 0; i < src->nindustries; i++)
			ec_catalog_add_industry(dst, &src->industries[i]);
		break;
	case EC_CAT_REGIONS:
		for (size_t i = 0; i < src->nregions; i++)
			ec_catalog_add_region(dst, &src->regions[i]);
		break;
	}
}

int ec_catalog_parse(struct ec_catalog *cat, enum ec_catalog_kind kind, const char *name, const char *data,
		     size_t len, struct ec_diag *d)
{
	struct ec_catalog work;
	struct ec_csv c;
	size_t before = d->total;
	int rc = EC_OK, official = 0;

	/* Parse into a copy, so that a rejected file leaves cat unchanged. */
	ec_catalog_init(&work);
	for (int k = EC_CAT_SEI_CATEGORIES; k <= EC_CAT_REGIONS; k++)
		take_kind(&work, cat, (enum ec_catalog_kind)k);
	ec_catalog_index(&work);

	ec_csv_init_mem(&c, name, data, len);
	switch (kind) {
	case EC_CAT_SEI_CATEGORIES:
		if (work.ncategories) {
			ec_diag_problem(d, "catalog.loaded", name, 0, NULL, NULL);
			rc = EC_EDATA;
			break;
		}
		if ((rc = ec_csv_check_header(&c, category_cols, 5, d)) == 0)
			rc = parse_categories(&work, &c, d);
		break;
	case EC_CAT_SEI_MAPPINGS:
		/* Our layout or the official one, told apart by the header. */
		if (ec_csv_next(&c) == 1 && c.nfields == 5) {
			official = 1;
			for (size_t i = 0; i < work.ncategories; i++)
				free(work.categories[i].name_zh), free(work.categories[i].name_en);
			free(work.categories), work.categories = NULL;
			work.ncategories = 0;
			free(work.mappings), work.mappings = NULL;
			work.nmappings = 0;
			ec_catalog_index(&work);
			rc = parse_official(&work, &c, d);
		} else {
			ec_csv_release(&c);
			ec_csv_init_mem(&c, name, data, len);
			if ((rc = ec_csv_check_header(&c, mapping_cols, 3, d)) == 0)
				rc = parse_mappings(&work, &c, d);
		}
		break;
	case EC_CAT_INDUSTRIES:
		if ((rc = ec_csv_check_header(&c, industry_cols, 5, d)) == 0)
			rc = parse_industries(&work, &c, d);
		break;
	case EC_CAT_REGIONS:
		if ((rc = ec_csv_check_header(&c, region_cols, 7, d)) == 0)
			rc = parse_regions(&work, &c, d);
		break;
	}
	ec_csv_release(&c);
	if (rc == EC_OK && d->total != before)
		rc = EC_EDATA;
	if (rc == EC_OK && official && work.ncategories == 0) {
		ec_diag_problem(d, "catalog.official_empty", name, 0, NULL, NULL);
		rc = EC_EDATA;
	}
	if (rc != EC_OK) {
		ec_catalog_release(&work);
		return rc;
	}
	ec_catalog_release(cat);
	*cat = work;
	ec_catalog_index(cat);
	return EC_OK;
}

int ec_catalog_load_builtin(struct ec_catalog *cat, struct ec_diag *d)
{
	static const struct {
		enum ec_catalog_kind kind;
		const char *name;
		const unsigned char *data;
		const size_t *len;
	} files[] = {
		{ EC_CAT_INDUSTRIES, "data/industries.csv", ec_data_industries, &ec_data_industries_len },
		{ EC_CAT_REGIONS, "data/regions.csv", ec_data_regions, &ec_data_regions_len },
		{ EC_CAT_SEI_CATEGORIES, "data/sei_categories.csv", ec_data_sei_categories, &ec_data_sei_categories_len },
		{ EC_CAT_SEI_MAPPINGS, "data/sei_mappings.csv", ec_data_sei_mappings, &ec_data_sei_mappings_len },
	};

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		int rc = ec_catalog_parse(cat, files[i].kind, files[i].name, (const char *)files[i].data,
					  *files[i].len, d);
		if (rc)
			return rc;
	}
	return EC_OK;
}
