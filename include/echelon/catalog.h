/*
** The reference catalogues held in memory: the SEI classification (areas,
** directions, sub-directions and their industry-class mappings), GB/T
** 4754-2017 industries and GB/T 2260 regions; and classification of an
** enterprise into its SEI categories.
*/
#ifndef ECHELON_CATALOG_H
#define ECHELON_CATALOG_H

#include <stddef.h>
#include "echelon.h"

struct ec_category {
	char code[16];    /* "1", "1.1", "1.1.1" */
	int level;        /* 1 area, 2 direction, 3 sub-direction */
	char parent[16];  /* "" for an area */
	char *name_zh;
	char *name_en;
};

struct ec_mapping {
	char category[16]; /* a level-3 category */
	char industry[8];  /* a GB/T 4754 class, 4 digits */
	int partial;       /* 1: the class belongs only in part ("*") */
};

enum ec_industry_level { EC_SECTION = 1, EC_DIVISION, EC_GROUP, EC_CLASS };

struct ec_industry {
	char code[8];     /* "C", "39", "391", "3911" */
	int level;        /* enum ec_industry_level */
	char parent[8];
	char *name_zh;
	char *name_en;
};

enum ec_region_level { EC_PROVINCE = 1, EC_PREFECTURE, EC_COUNTY };

struct ec_region {
	char code[8];     /* 6 digits */
	int level;        /* enum ec_region_level */
	char parent[8];
	char *name_zh;
	char *name_en;
	double lat, lon;  /* WGS84 degrees; NaN when unknown */
};

struct ec_strmap; /* private: a string-keyed index */

struct ec_catalog {
	struct ec_category *categories;
	size_t ncategories;
	struct ec_mapping *mappings;
	size_t nmappings;
	struct ec_industry *industries;
	size_t nindustries;
	struct ec_region *regions;
	size_t nregions;
	struct ec_strmap *category_index, *industry_index, *region_index;
	struct ec_strmap *class_first; /* class -> first mapping index */
	size_t *class_next;            /* mapping index -> next of same class */
};

/* The kinds of catalogue, as named on the command line. */
enum ec_catalog_kind { EC_CAT_SEI_CATEGORIES, EC_CAT_SEI_MAPPINGS, EC_CAT_INDUSTRIES, EC_CAT_REGIONS };

void ec_catalog_init(struct ec_catalog *cat);
void ec_catalog_release(struct ec_catalog *cat);

/* Appends entries; names are copied. Duplicate codes are the caller's to
** refuse (ec_catalog_find_* first). Can't fail. */
void ec_catalog_add_category(struct ec_catalog *cat, const struct ec_category *c);
void ec_catalog_add_mapping(struct ec_catalog *cat, const struct ec_mapping *m);
void ec_catalog_add_industry(struct ec_catalog *cat, const struct ec_industry *i);
void ec_catalog_add_region(struct ec_catalog *cat, const struct ec_region *r);

/* Rebuilds the indexes after entries were added. Can't fail. */
void ec_catalog_index(struct ec_catalog *cat);

/* Lookups by code (n bytes, not NUL-terminated). NULL when absent. */
const struct ec_category *ec_catalog_find_category(const struct ec_catalog *cat, const char *code, size_t n);
const struct ec_industry *ec_catalog_find_industry(const struct ec_catalog *cat, const char *code, size_t n);
const struct ec_region *ec_catalog_find_region(const struct ec_catalog *cat, const char *code, size_t n);

/* Accepts a 6-digit region code that is in the catalogue, or a county-level
** code whose prefecture is. Returns the region found (the prefecture for an
** unknown county) or NULL. */
const struct ec_region *ec_catalog_resolve_region(const struct ec_catalog *cat, const char *code, size_t n);

/* Compares two dotted category codes part by part as numbers. */
int ec_category_code_cmp(const char *a, const char *b);

/* Loads embedded copies of the shipped catalogues (the data CSV files compiled into
** the library). Returns 0, or EC_EDATA with messages in d. */
int ec_catalog_load_builtin(struct ec_catalog *cat, struct ec_diag *d);

/* Parses one catalogue CSV held in memory into cat (appending). name is used
** in messages. For EC_CAT_SEI_MAPPINGS the official layout (category code,
** category name, industry code with optional "*", industry name, note) is
** accepted too, detected from the header. Checks every code and every
** reference against what cat already holds. Returns 0 or EC_EDATA (cat then
** unchanged) with messages in d. */
int ec_catalog_parse(struct ec_catalog *cat, enum ec_catalog_kind kind, const char *name,
		     const char *data, size_t len, struct ec_diag *d);

/* Classification of one enterprise. */
struct ec_class_match {
	const struct ec_category *category;
	int partial;
};

struct ec_classification {
	struct ec_class_match matches[64]; /* categories the class maps to */
	size_t nmatches;
	const struct ec_category *primary; /* NULL: not SEI */
	const char *reason;                /* why primary was chosen (static) */
};

/* Classifies an enterprise of industry class `industry` that declares the
** categories in `declared` (";"-separated level-3 codes, may be empty).
** The primary category is the first declared one; with none declared, the
** category the class maps to in full, the lowest code when several; with
** neither, none. Returns 0, or EC_ENOTFOUND when the class or a declared
** code is unknown (*bad then points at it, NUL-terminated copy in badbuf). */
int ec_classify(const struct ec_catalog *cat, const char *industry, const char *declared,
		struct ec_classification *out /* OUT */, char *badbuf, size_t badsize);

#endif
