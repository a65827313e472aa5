/*
** The storage front door: picks a backend by URI and writes whole
** catalogues through whichever backend is open.
*/
#include <string.h>

#include "echelon/store.h"

int ec_store_open(const char *uri, int flags, struct ec_store **out, char **err)
{
	if (strncmp(uri, "postgres://", 11) == 0 || strncmp(uri, "postgresql://", 13) == 0) {
		*out = NULL;
		*err = ec_asprintf("%s: the PostgreSQL backend is not built into this echelon yet", uri);
		return EC_EUSAGE;
	}
	return ec_store_sqlite_ops.open(uri, flags, out, err);
}

void ec_store_close(struct ec_store *s)
{
	if (s)
		s->ops->close(s);
}

const char *ec_store_errmsg(const struct ec_store *s)
{
	return s && s->errmsg[0] ? s->errmsg : "unknown error";
}

int ec_store_write_catalog(struct ec_store *s, const struct ec_catalog *cat, int kinds)
{
	const struct ec_store_ops *ops = s->ops;
	int rc;

	if ((rc = ops->begin(s)) != EC_OK)
		return rc;
	/* Children first when clearing, parents first when writing. */
	if (kinds & (1 << EC_CAT_SEI_MAPPINGS))
		rc = rc ? rc : ops->catalog_clear(s, EC_CAT_SEI_MAPPINGS);
	if (kinds & (1 << EC_CAT_SEI_CATEGORIES))
		rc = rc ? rc : ops->catalog_clear(s, EC_CAT_SEI_CATEGORIES);
	if (kinds & (1 << EC_CAT_INDUSTRIES)) {
		rc = rc ? rc : ops->catalog_clear(s, EC_CAT_INDUSTRIES);
		for (size_t i = 0; !rc && i < cat->nindustries; i++)
			rc = ops->industry_put(s, &cat->industries[i], (int)i);
	}
	if (kinds & (1 << EC_CAT_REGIONS)) {
		rc = rc ? rc : ops->catalog_clear(s, EC_CAT_REGIONS);
		for (size_t i = 0; !rc && i < cat->nregions; i++)
			rc = ops->region_put(s, &cat->regions[i], (int)i);
	}
	if (kinds & (1 << EC_CAT_SEI_CATEGORIES))
		for (size_t i = 0; !rc && i < cat->ncategories; i++)
			rc = ops->category_put(s, &cat->categories[i], (int)i);
	if (kinds & (1 << EC_CAT_SEI_MAPPINGS))
		for (size_t i = 0; !rc && i < cat->nmappings; i++)
			rc = ops->mapping_put(s, &cat->mappings[i], (int)i);
	if (!rc && (kinds & ((1 << EC_CAT_SEI_MAPPINGS) | (1 << EC_CAT_SEI_CATEGORIES))))
		rc = ops->enterprise_reclassify(s, cat);
	if (rc) {
		ops->rollback(s);
		return rc;
	}
	return ops->commit(s);
}

int ec_store_install_catalogs(struct ec_store *s, int *installed, struct ec_diag *d)
{
	struct ec_store_counts counts;
	struct ec_catalog cat;
	int rc;

	*installed = 0;
	if (s->ops->counts(s, &counts) != EC_OK)
		return EC_EIO;
	if (counts.industries > 0)
		return EC_OK;
	ec_catalog_init(&cat);
	if ((rc = ec_catalog_load_builtin(&cat, d)) == EC_OK && (rc = ec_store_write_catalog(s, &cat, 0xf)) == EC_OK)
		*installed = 1;
	ec_catalog_release(&cat);
	return rc;
}
