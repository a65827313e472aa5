/*
** The reference catalogues as use cases: installing the built-in ones in a
** new database, and loading an official replacement of one kind (checked
** against what stays, written with the enterprises reclassified, audited)
** in one transaction.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

int app_catalog_write(struct ec_app *app, const struct ec_catalog *cat, int kinds, struct ec_diag *d)
{
	return ec_store_write_catalog(app->store, cat, kinds) == EC_OK ? EC_OK : app_store_failed(app, d);
}

int ec_app_catalog_install(struct ec_app *app, const struct ec_actor *who, int *installed, struct ec_diag *d)
{
	struct ec_store_counts counts;
	struct ec_catalog cat;
	int rc;

	*installed = 0;
	if ((rc = app_allow(who, EC_MAY_CATALOG, d)) != EC_OK)
		return rc;
	if (ec_store_counts(app->store, &counts) != EC_OK)
		return app_store_failed(app, d);
	if (counts.industries > 0)
		return EC_OK;
	ec_catalog_init(&cat);
	if ((rc = ec_catalog_load_builtin(&cat, d)) == EC_OK && (rc = app_begin(app, d)) == EC_OK) {
		rc = app_catalog_write(app, &cat, 0xf, d);
		rc = app_end(app, rc, who, d, "catalog.install", "all",
			     "audit.catalog_install|categories=%zu|mappings=%zu|industries=%zu|regions=%zu",
			     cat.ncategories, cat.nmappings, cat.nindustries, cat.nregions);
		*installed = rc == EC_OK;
	}
	ec_catalog_release(&cat);
	if (app->cat == &app->own)
		app->have_catalog = 0; /* read again on next use */
	return rc;
}

/* Empties the kinds a load replaces, keeping what stays to check against. */
static void clear_kind(struct ec_catalog *cat, enum ec_catalog_kind kind, int mappings_only)
{
	if (kind == EC_CAT_SEI_CATEGORIES) {
		/* Replacing categories drops the mappings that hang on them. */
		for (size_t i = 0; i < cat->ncategories; i++)
			free(cat->categories[i].name_zh), free(cat->categories[i].name_en);
		cat->ncategories = 0;
		cat->nmappings = 0;
	} else if (kind == EC_CAT_SEI_MAPPINGS && mappings_only) {
		cat->nmappings = 0;
	} else if (kind == EC_CAT_INDUSTRIES) {
		for (size_t i = 0; i < cat->nindustries; i++)
			free(cat->industries[i].name_zh), free(cat->industries[i].name_en);
		cat->nindustries = 0;
	} else if (kind == EC_CAT_REGIONS) {
		for (size_t i = 0; i < cat->nregions; i++)
			free(cat->regions[i].name_zh), free(cat->regions[i].name_en);
		cat->nregions = 0;
	}
	ec_catalog_index(cat);
}

/* What each name loads, and what the load writes. The SEI mappings may
** come in the official layout, which carries the categories too: both are
** written, so that the store holds what the file said. */
static const struct {
	const char *name;
	enum ec_catalog_kind kind;
	int mappings_only; /* keep the categories to check the mappings against */
	int writes;        /* bit per kind */
} loads[] = {
	{ "sei", EC_CAT_SEI_MAPPINGS, 0, (1 << EC_CAT_SEI_CATEGORIES) | (1 << EC_CAT_SEI_MAPPINGS) },
	{ "sei-mappings", EC_CAT_SEI_MAPPINGS, 1, (1 << EC_CAT_SEI_CATEGORIES) | (1 << EC_CAT_SEI_MAPPINGS) },
	{ "sei-categories", EC_CAT_SEI_CATEGORIES, 0, (1 << EC_CAT_SEI_CATEGORIES) | (1 << EC_CAT_SEI_MAPPINGS) },
	{ "industries", EC_CAT_INDUSTRIES, 0, 1 << EC_CAT_INDUSTRIES },
	{ "regions", EC_CAT_REGIONS, 0, 1 << EC_CAT_REGIONS },
};

int ec_app_catalog_kind_parse(const char *what)
{
	for (int k = 0; k < (int)(sizeof loads / sizeof loads[0]); k++)
		if (!strcmp(what, loads[k].name))
			return k;
	return -1;
}

int ec_app_catalog_load(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			const char *data, size_t len, struct ec_catalog_counts *out, struct ec_diag *d)
{
	struct ec_catalog cat;
	int k = ec_app_catalog_kind_parse(what), rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_allow(who, EC_MAY_CATALOG, d)) != EC_OK)
		return rc;
	if (k < 0) {
		ec_diag_problem(d, "field.enum", NULL, 0, "kind", "value", what, "expected",
				"sei, sei-categories, sei-mappings, industries or regions", NULL);
		return EC_EUSAGE;
	}
	ec_catalog_init(&cat);
	if (ec_app_catalog_read(app, &cat) != EC_OK) {
		ec_catalog_release(&cat);
		return app_store_failed(app, d);
	}
	clear_kind(&cat, loads[k].kind, loads[k].mappings_only);
	rc = ec_catalog_parse(&cat, loads[k].kind, name, data, len, d);
	if (rc == EC_OK && loads[k].kind == EC_CAT_INDUSTRIES) {
		/* Mappings must still point at classes. */
		for (size_t i = 0; i < cat.nmappings; i++)
			if (!ec_catalog_find_industry(&cat, cat.mappings[i].industry, strlen(cat.mappings[i].industry))) {
				ec_diag_problem(d, "mapping.class_missing", name, 0, NULL, "industry",
						cat.mappings[i].industry, "category", cat.mappings[i].category, NULL);
				rc = EC_EDATA;
			}
	}
	if (rc == EC_OK && (rc = app_begin(app, d)) == EC_OK) {
		rc = app_catalog_write(app, &cat, loads[k].writes, d);
		rc = app_end(app, rc, who, d, "catalog.load", what,
			     "audit.catalog_load|file=%s|categories=%zu|mappings=%zu|industries=%zu|regions=%zu", name, cat.ncategories,
			     cat.nmappings, cat.nindustries, cat.nregions);
	}
	if (rc == EC_OK) {
		out->categories = cat.ncategories;
		out->mappings = cat.nmappings;
		out->industries = cat.nindustries;
		out->regions = cat.nregions;
		if (app->cat == &app->own)
			app->have_catalog = 0; /* read again on next use */
	}
	ec_catalog_release(&cat);
	return rc;
}
