/*
** The reference catalogues as tables of cells, the one place that shapes
** what `echelon catalog` prints and the API's /catalog routes answer.
*/
#include <stdio.h>
#include <string.h>

#include "echelon/catalog.h"
#include "echelon/output.h"

static const char *const industry_levels[] = { "", "section", "division", "group", "class" };
static const char *const region_levels[] = { "", "province", "prefecture", "county" };

static const char *const cat_names[] = { "code", "level", "parent", "name_zh", "name_en" };
static const enum ec_col_kind cat_kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT };
static const char *const area_names[] = { "code", "name_zh", "name_en", "directions", "sub_directions" };
static const enum ec_col_kind area_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER };
static const char *const map_names[] = { "category", "industry", "partial" };
static const enum ec_col_kind map_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_BOOL };
static const char *const ind_names[] = { "code", "level", "parent", "name_zh", "name_en" };
static const enum ec_col_kind ind_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT };
static const char *const reg_names[] = { "code", "level", "parent", "name_zh", "name_en", "lat", "lon" };
static const enum ec_col_kind reg_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
					      EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER };

static void fmt_coord(char *out, double v)
{
	if (v != v)
		out[0] = '\0';
	else
		ec_number_format(v, out);
}

int ec_catalog_table(const struct ec_catalog *cat, const char *what, struct ec_table *t)
{
	char n1[16], n2[16], lat[32], lon[32];

	if (strcmp(what, "areas") == 0) {
		ec_table_init(t, 5, area_names, area_kinds);
		for (size_t i = 0; i < cat->ncategories; i++) {
			const struct ec_category *c = &cat->categories[i];
			size_t dirs = 0, subs = 0, len = strlen(c->code);
			if (c->level != 1)
				continue;
			for (size_t j = 0; j < cat->ncategories; j++) {
				const struct ec_category *k = &cat->categories[j];
				if (strncmp(k->code, c->code, len) == 0 && k->code[len] == '.')
					k->level == 2 ? dirs++ : subs++;
			}
			snprintf(n1, sizeof n1, "%zu", dirs);
			snprintf(n2, sizeof n2, "%zu", subs);
			ec_table_addv(t, c->code, c->name_zh, c->name_en, n1, n2);
		}
	} else if (strcmp(what, "categories") == 0) {
		ec_table_init(t, 5, cat_names, cat_kinds);
		for (size_t i = 0; i < cat->ncategories; i++) {
			const struct ec_category *c = &cat->categories[i];
			snprintf(n1, sizeof n1, "%d", c->level);
			ec_table_addv(t, c->code, n1, c->parent, c->name_zh, c->name_en);
		}
	} else if (strcmp(what, "mappings") == 0) {
		ec_table_init(t, 3, map_names, map_kinds);
		for (size_t i = 0; i < cat->nmappings; i++)
			ec_table_addv(t, cat->mappings[i].category, cat->mappings[i].industry,
				      cat->mappings[i].partial ? "1" : "0");
	} else if (strcmp(what, "industries") == 0) {
		ec_table_init(t, 5, ind_names, ind_kinds);
		for (size_t i = 0; i < cat->nindustries; i++) {
			const struct ec_industry *k = &cat->industries[i];
			ec_table_addv(t, k->code, industry_levels[k->level], k->parent, k->name_zh, k->name_en);
		}
	} else if (strcmp(what, "regions") == 0) {
		ec_table_init(t, 7, reg_names, reg_kinds);
		for (size_t i = 0; i < cat->nregions; i++) {
			const struct ec_region *r = &cat->regions[i];
			fmt_coord(lat, r->lat);
			fmt_coord(lon, r->lon);
			ec_table_addv(t, r->code, region_levels[r->level], r->parent, r->name_zh, r->name_en, lat, lon);
		}
	} else {
		return EC_ENOTFOUND;
	}
	return EC_OK;
}
