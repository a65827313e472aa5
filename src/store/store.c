/*
** The storage front door: picks a backend by URI, dispatches every
** ec_store_* call to the open backend's ops table, and writes whole
** catalogues through whichever backend is open.
*/
#include <string.h>

#include "store_int.h"

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

/* ---- the calls, one per entry of struct ec_store_ops ---- */

int ec_store_begin(struct ec_store *s)
{
	return s->ops->begin(s);
}

int ec_store_commit(struct ec_store *s)
{
	return s->ops->commit(s);
}

int ec_store_rollback(struct ec_store *s)
{
	return s->ops->rollback(s);
}

int ec_store_schema_version(struct ec_store *s, int *version)
{
	return s->ops->schema_version(s, version);
}

int ec_store_catalog_clear(struct ec_store *s, enum ec_catalog_kind kind)
{
	return s->ops->catalog_clear(s, kind);
}

int ec_store_category_put(struct ec_store *s, const struct ec_category *c, int seq)
{
	return s->ops->category_put(s, c, seq);
}

int ec_store_mapping_put(struct ec_store *s, const struct ec_mapping *m, int seq)
{
	return s->ops->mapping_put(s, m, seq);
}

int ec_store_industry_put(struct ec_store *s, const struct ec_industry *i, int seq)
{
	return s->ops->industry_put(s, i, seq);
}

int ec_store_region_put(struct ec_store *s, const struct ec_region *r, int seq)
{
	return s->ops->region_put(s, r, seq);
}

int ec_store_catalog_load(struct ec_store *s, struct ec_catalog *cat)
{
	return s->ops->catalog_load(s, cat);
}

int ec_store_enterprise_put(struct ec_store *s, struct ec_enterprise *e)
{
	return s->ops->enterprise_put(s, e);
}

int ec_store_enterprise_each(struct ec_store *s, ec_enterprise_fn fn, void *ctx)
{
	return s->ops->enterprise_each(s, fn, ctx);
}

int ec_store_enterprise_reclassify(struct ec_store *s, const struct ec_catalog *cat)
{
	return s->ops->enterprise_reclassify(s, cat);
}

int ec_store_report_put(struct ec_store *s, const struct ec_report *r)
{
	return s->ops->report_put(s, r);
}

int ec_store_report_each(struct ec_store *s, int from, int to, ec_report_fn fn, void *ctx)
{
	return s->ops->report_each(s, from, to, fn, ctx);
}

int ec_store_deflator_put(struct ec_store *s, const struct ec_deflator *d)
{
	return s->ops->deflator_put(s, d);
}

int ec_store_deflator_each(struct ec_store *s, int from, int to, ec_deflator_fn fn, void *ctx)
{
	return s->ops->deflator_each(s, from, to, fn, ctx);
}

int ec_store_import_log_add(struct ec_store *s, struct ec_import_log *l)
{
	return s->ops->import_log_add(s, l);
}

int ec_store_import_log_each(struct ec_store *s, ec_import_log_fn fn, void *ctx)
{
	return s->ops->import_log_each(s, fn, ctx);
}

int ec_store_counts(struct ec_store *s, struct ec_store_counts *out)
{
	return s->ops->counts(s, out);
}

int ec_store_bulk_mode(struct ec_store *s, int on)
{
	return s->ops->bulk_mode(s, on);
}

int ec_store_enterprise_query(struct ec_store *s, const struct ec_enterprise_filter *f, int64_t offset,
			      int64_t limit, ec_enterprise_fn fn, void *ctx, int64_t *total)
{
	return s->ops->enterprise_query(s, f, offset, limit, fn, ctx, total);
}

int ec_store_enterprise_get(struct ec_store *s, const char *uscc, struct ec_enterprise *e)
{
	return s->ops->enterprise_get(s, uscc, e);
}

int ec_store_report_each_enterprise(struct ec_store *s, int64_t enterprise_id, ec_report_fn fn, void *ctx)
{
	return s->ops->report_each_enterprise(s, enterprise_id, fn, ctx);
}

int ec_store_user_add(struct ec_store *s, struct ec_user *u)
{
	return s->ops->user_add(s, u);
}

int ec_store_user_update(struct ec_store *s, const struct ec_user *u)
{
	return s->ops->user_update(s, u);
}

int ec_store_user_get(struct ec_store *s, const char *name, struct ec_user *u)
{
	return s->ops->user_get(s, name, u);
}

int ec_store_user_get_id(struct ec_store *s, int64_t id, struct ec_user *u)
{
	return s->ops->user_get_id(s, id, u);
}

int ec_store_user_each(struct ec_store *s, ec_user_fn fn, void *ctx)
{
	return s->ops->user_each(s, fn, ctx);
}

int ec_store_session_put(struct ec_store *s, const struct ec_session *se)
{
	return s->ops->session_put(s, se);
}

int ec_store_session_get(struct ec_store *s, const char *token_hash, struct ec_session *se)
{
	return s->ops->session_get(s, token_hash, se);
}

int ec_store_session_delete(struct ec_store *s, const char *token_hash)
{
	return s->ops->session_delete(s, token_hash);
}

int ec_store_session_purge(struct ec_store *s, int64_t now, int64_t user_id)
{
	return s->ops->session_purge(s, now, user_id);
}

int ec_store_cluster_put(struct ec_store *s, const struct ec_cluster *c)
{
	return s->ops->cluster_put(s, c);
}

int ec_store_cluster_get(struct ec_store *s, const char *code, struct ec_cluster *c)
{
	return s->ops->cluster_get(s, code, c);
}

int ec_store_cluster_each(struct ec_store *s, ec_cluster_fn fn, void *ctx)
{
	return s->ops->cluster_each(s, fn, ctx);
}

int ec_store_cluster_member_put(struct ec_store *s, const char *cluster, const char *uscc, int include)
{
	return s->ops->cluster_member_put(s, cluster, uscc, include);
}

int ec_store_cluster_member_each(struct ec_store *s, const char *cluster, ec_member_fn fn, void *ctx)
{
	return s->ops->cluster_member_each(s, cluster, fn, ctx);
}

int ec_store_cluster_indicator_put(struct ec_store *s, const char *cluster, int year, const char *indicator,
				   double value)
{
	return s->ops->cluster_indicator_put(s, cluster, year, indicator, value);
}

int ec_store_cluster_indicator_each(struct ec_store *s, const char *cluster, ec_indicator_fn fn, void *ctx)
{
	return s->ops->cluster_indicator_each(s, cluster, fn, ctx);
}

int ec_store_project_put(struct ec_store *s, const struct ec_project *p)
{
	return s->ops->project_put(s, p);
}

int ec_store_project_get(struct ec_store *s, const char *code, struct ec_project *p)
{
	return s->ops->project_get(s, code, p);
}

int ec_store_project_each(struct ec_store *s, ec_project_fn fn, void *ctx)
{
	return s->ops->project_each(s, fn, ctx);
}

int ec_store_fund_put(struct ec_store *s, const struct ec_fund *f)
{
	return s->ops->fund_put(s, f);
}

int ec_store_fund_get(struct ec_store *s, const char *code, struct ec_fund *f)
{
	return s->ops->fund_get(s, code, f);
}

int ec_store_fund_each(struct ec_store *s, ec_fund_fn fn, void *ctx)
{
	return s->ops->fund_each(s, fn, ctx);
}

int ec_store_audit_add(struct ec_store *s, struct ec_audit *a)
{
	return s->ops->audit_add(s, a);
}

int ec_store_audit_each(struct ec_store *s, int64_t limit, ec_audit_fn fn, void *ctx)
{
	return s->ops->audit_each(s, limit, fn, ctx);
}

int ec_store_write_catalog(struct ec_store *s, const struct ec_catalog *cat, int kinds)
{
	int rc;

	if ((rc = ec_store_begin(s)) != EC_OK)
		return rc;
	/* Children first when clearing, parents first when writing. */
	if (kinds & (1 << EC_CAT_SEI_MAPPINGS))
		rc = rc ? rc : ec_store_catalog_clear(s, EC_CAT_SEI_MAPPINGS);
	if (kinds & (1 << EC_CAT_SEI_CATEGORIES))
		rc = rc ? rc : ec_store_catalog_clear(s, EC_CAT_SEI_CATEGORIES);
	if (kinds & (1 << EC_CAT_INDUSTRIES)) {
		rc = rc ? rc : ec_store_catalog_clear(s, EC_CAT_INDUSTRIES);
		for (size_t i = 0; !rc && i < cat->nindustries; i++)
			rc = ec_store_industry_put(s, &cat->industries[i], (int)i);
	}
	if (kinds & (1 << EC_CAT_REGIONS)) {
		rc = rc ? rc : ec_store_catalog_clear(s, EC_CAT_REGIONS);
		for (size_t i = 0; !rc && i < cat->nregions; i++)
			rc = ec_store_region_put(s, &cat->regions[i], (int)i);
	}
	if (kinds & (1 << EC_CAT_SEI_CATEGORIES))
		for (size_t i = 0; !rc && i < cat->ncategories; i++)
			rc = ec_store_category_put(s, &cat->categories[i], (int)i);
	if (kinds & (1 << EC_CAT_SEI_MAPPINGS))
		for (size_t i = 0; !rc && i < cat->nmappings; i++)
			rc = ec_store_mapping_put(s, &cat->mappings[i], (int)i);
	if (!rc && (kinds & ((1 << EC_CAT_SEI_MAPPINGS) | (1 << EC_CAT_SEI_CATEGORIES))))
		rc = ec_store_enterprise_reclassify(s, cat);
	if (rc) {
		ec_store_rollback(s);
		return rc;
	}
	return ec_store_commit(s);
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
