/*
** The storage front door: picks a backend by URI, dispatches every
** ec_store_* call to the open backend's ops table, and writes whole
** catalogues through whichever backend is open.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

/* PostgreSQL's URIs, and its "key=value" connection strings that name a
** host or database; anything else is a SQLite file. */
int ec_store_uri_is_postgres(const char *uri)
{
	return strncmp(uri, "postgres://", 11) == 0 || strncmp(uri, "postgresql://", 13) == 0 ||
	       strncmp(uri, "host=", 5) == 0 || strncmp(uri, "dbname=", 7) == 0;
}

int ec_store_open(const char *uri, int flags, struct ec_store **out, char **err)
{
	if (ec_store_uri_is_postgres(uri))
		return ec_store_pg_ops.open(uri, flags, out, err);
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

int ec_store_report_put_many(struct ec_store *s, const struct ec_report *rows, size_t n)
{
	return s->ops->report_put_many(s, rows, n);
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

int ec_store_begin_read(struct ec_store *s)
{
	return s->ops->begin_read(s);
}

int ec_store_facts_generation(struct ec_store *s, int64_t *generation)
{
	return s->ops->facts_generation(s, generation);
}

int ec_store_identity(struct ec_store *s, char *buf, size_t size)
{
	if (!s->ops->identity) {
		snprintf(s->errmsg, sizeof s->errmsg, "the %s store has no identity of its own", s->ops->name);
		return EC_EUSAGE;
	}
	return s->ops->identity(s, buf, size);
}

int ec_store_log_position(struct ec_store *s, uint64_t *pos)
{
	*pos = 0;
	if (!s->ops->log_position) {
		snprintf(s->errmsg, sizeof s->errmsg, "the %s store has no log to follow", s->ops->name);
		return EC_EUSAGE;
	}
	return s->ops->log_position(s, pos);
}

int ec_store_announce(struct ec_store *s, const char *what)
{
	return s->ops->announce ? s->ops->announce(s, what) : EC_OK;
}

int ec_store_listen(struct ec_store *s, const char *holder)
{
	if (!s->ops->listen) {
		snprintf(s->errmsg, sizeof s->errmsg, "the %s store has no announcements", s->ops->name);
		return EC_EUSAGE;
	}
	return s->ops->listen(s, holder);
}

int ec_store_announcements(struct ec_store *s, int timeout_ms, ec_announcement_fn fn, void *ctx)
{
	if (!s->ops->announcements) {
		snprintf(s->errmsg, sizeof s->errmsg, "the %s store has no announcements", s->ops->name);
		return EC_EUSAGE;
	}
	return s->ops->announcements(s, timeout_ms, fn, ctx);
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

int ec_store_revenue_each(struct ec_store *s, int year, ec_revenue_fn fn, void *ctx)
{
	return s->ops->revenue_each(s, year, fn, ctx);
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

int ec_store_digital_put(struct ec_store *s, const struct ec_digital_assessment *a,
			 const struct ec_digital_answer *answers, size_t n)
{
	return s->ops->digital_put(s, a, answers, n);
}

int ec_store_digital_get(struct ec_store *s, const char *uscc, int year, const char *edition,
			 struct ec_digital_assessment *a, struct ec_digital_answer **answers, size_t *n)
{
	*answers = NULL;
	*n = 0;
	return s->ops->digital_get(s, uscc, year, edition, a, answers, n);
}

int ec_store_digital_each(struct ec_store *s, const char *uscc, ec_digital_fn fn, void *ctx)
{
	return s->ops->digital_each(s, uscc, fn, ctx);
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

int ec_store_job_put(struct ec_store *s, const struct ec_job *j)
{
	return s->ops->job_put(s, j);
}

int ec_store_job_get(struct ec_store *s, const char *id, int with_result, ec_job_fn fn, void *ctx)
{
	return s->ops->job_get(s, id, with_result, fn, ctx);
}

int ec_store_job_each(struct ec_store *s, int64_t user_id, int64_t limit, ec_job_fn fn, void *ctx)
{
	return s->ops->job_each(s, user_id, limit, fn, ctx);
}

int ec_store_job_settle(struct ec_store *s, int64_t now, int64_t expires_at, int http_status, const char *result)
{
	return s->ops->job_settle(s, now, expires_at, http_status, result);
}

int ec_store_published_add(struct ec_store *s, struct ec_published *p)
{
	return s->ops->published_add(s, p);
}

int ec_store_published_get(struct ec_store *s, int64_t id, ec_published_fn fn, void *ctx)
{
	return s->ops->published_get(s, id, fn, ctx);
}

int ec_store_published_each(struct ec_store *s, int64_t limit, ec_published_fn fn, void *ctx)
{
	return s->ops->published_each(s, limit, fn, ctx);
}

int ec_store_write_catalog(struct ec_store *s, const struct ec_catalog *cat, int kinds)
{
	int rc = EC_OK;

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
	return rc;
}

/* ---- list calls that hand back arrays ----
**
** One growable array collects what an iterator hands out, whatever the
** kind: a kind says only how big an entry is, how to copy one into the
** array (deeply, for the kinds whose entries point at memory the iterator
** owns) and how to release a copied one. Every iterator callback below is
** a one-line adapter from the iterator's typed callback to collect(). */

struct collector {
	char *items;
	size_t n, cap;
	size_t size;                              /* bytes of one entry */
	void (*copy)(void *dst, const void *src); /* NULL: a plain copy */
	void (*release)(void *item);              /* NULL: an entry holds nothing */
};

static void collector_init(struct collector *c, size_t size, void (*copy)(void *, const void *),
			   void (*release)(void *))
{
	memset(c, 0, sizeof *c);
	c->size = size;
	c->copy = copy;
	c->release = release;
}

/* Appends a copy of item. Returns 0 so that the iterator goes on; can't
** fail otherwise (out of memory aborts; a size past SIZE_MAX asks
** ec_realloc for SIZE_MAX bytes, which aborts too). */
static int collect(struct collector *c, const void *item)
{
	void *dst;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		c->items = ec_realloc(c->items, cap > SIZE_MAX / c->size ? SIZE_MAX : cap * c->size);
		c->cap = cap;
	}
	dst = c->items + c->n * c->size;
	if (c->copy)
		c->copy(dst, item);
	else
		memcpy(dst, item, c->size);
	c->n++;
	return 0;
}

/* Releases n entries of size bytes and frees the array. NULL is a no-op. */
static void release_all(void *items, size_t n, size_t size, void (*release)(void *))
{
	if (!items)
		return;
	for (size_t i = 0; release && i < n; i++)
		release((char *)items + i * size);
	free(items);
}

/* Ends a collection with the iterator's status rc. On success hands the
** array to the caller (NULL when empty) with *n entries; on failure
** releases what was collected and returns NULL with *n = 0. */
static void *collect_end(struct collector *c, int rc, size_t *n)
{
	if (rc != EC_OK) {
		release_all(c->items, c->n, c->size, c->release);
		*n = 0;
		return NULL;
	}
	*n = c->n;
	return c->items; /* NULL when nothing was collected */
}

static void *dup_array(const void *items, size_t n, size_t size)
{
	void *copy;

	if (n == 0 || !items)
		return NULL;
	copy = ec_malloc(n * size);
	memcpy(copy, items, n * size);
	return copy;
}

static char *dup_or_null(const char *s)
{
	return s ? ec_strdup(s) : NULL;
}

static void copy_project(void *dst, const void *src)
{
	const struct ec_project *p = src;
	struct ec_project *q = dst;

	*q = *p;
	q->plan = dup_array(p->plan, p->nplan, sizeof *p->plan);
	q->nplan = q->plan ? p->nplan : 0;
	q->completed = dup_array(p->completed, p->ncompleted, sizeof *p->completed);
	q->ncompleted = q->completed ? p->ncompleted : 0;
	q->revisions = dup_array(p->revisions, p->nrevisions, sizeof *p->revisions);
	q->nrevisions = q->revisions ? p->nrevisions : 0;
}

static void release_project(void *item)
{
	ec_project_release(item);
}

static void copy_audit(void *dst, const void *src)
{
	const struct ec_audit *a = src;
	struct ec_audit *b = dst;

	*b = *a;
	b->user = dup_or_null(a->user);
	b->action = dup_or_null(a->action);
	b->target = dup_or_null(a->target);
	b->summary = dup_or_null(a->summary);
}

/* The strings are the list's own copies; they are const only in the
** struct that the iterator shares. */
static void release_audit(void *item)
{
	struct ec_audit *a = item;

	free((void *)a->user);
	free((void *)a->action);
	free((void *)a->target);
	free((void *)a->summary);
}

static void copy_import_log(void *dst, const void *src)
{
	const struct ec_import_log *l = src;
	struct ec_import_log *m = dst;

	*m = *l;
	m->file = dup_or_null(l->file);
	m->kind = dup_or_null(l->kind);
	m->user = dup_or_null(l->user);
	m->format = dup_or_null(l->format);
	m->encoding = dup_or_null(l->encoding);
	m->result = dup_or_null(l->result);
}

static void release_import_log(void *item)
{
	struct ec_import_log *l = item;

	free((void *)l->file);
	free((void *)l->kind);
	free((void *)l->user);
	free((void *)l->format);
	free((void *)l->encoding);
	free((void *)l->result);
}

static int take_cluster(void *ctx, const struct ec_cluster *c)
{
	return collect(ctx, c);
}

static int take_project(void *ctx, const struct ec_project *p)
{
	return collect(ctx, p);
}

static int take_fund(void *ctx, const struct ec_fund *f)
{
	return collect(ctx, f);
}

static int take_user(void *ctx, const struct ec_user *u)
{
	return collect(ctx, u);
}

static int take_audit(void *ctx, const struct ec_audit *a)
{
	return collect(ctx, a);
}

static int take_import_log(void *ctx, const struct ec_import_log *l)
{
	return collect(ctx, l);
}

int ec_store_cluster_list(struct ec_store *s, struct ec_cluster **items, size_t *n)
{
	struct collector c;
	int rc;

	collector_init(&c, sizeof **items, NULL, NULL);
	rc = ec_store_cluster_each(s, take_cluster, &c);
	*items = collect_end(&c, rc, n);
	return rc;
}

int ec_store_project_list(struct ec_store *s, struct ec_project **items, size_t *n)
{
	struct collector c;
	int rc;

	collector_init(&c, sizeof **items, copy_project, release_project);
	rc = ec_store_project_each(s, take_project, &c);
	*items = collect_end(&c, rc, n);
	return rc;
}

void ec_store_project_list_free(struct ec_project *items, size_t n)
{
	release_all(items, n, sizeof *items, release_project);
}

int ec_store_fund_list(struct ec_store *s, struct ec_fund **items, size_t *n)
{
	struct collector c;
	int rc;

	collector_init(&c, sizeof **items, NULL, NULL);
	rc = ec_store_fund_each(s, take_fund, &c);
	*items = collect_end(&c, rc, n);
	return rc;
}

int ec_store_user_list(struct ec_store *s, struct ec_user **items, size_t *n)
{
	struct collector c;
	int rc;

	collector_init(&c, sizeof **items, NULL, NULL);
	rc = ec_store_user_each(s, take_user, &c);
	*items = collect_end(&c, rc, n);
	return rc;
}

int ec_store_audit_list(struct ec_store *s, int64_t limit, struct ec_audit **items, size_t *n)
{
	struct collector c;
	int rc;

	collector_init(&c, sizeof **items, copy_audit, release_audit);
	rc = ec_store_audit_each(s, limit < 0 ? INT64_MAX : limit, take_audit, &c);
	*items = collect_end(&c, rc, n);
	return rc;
}

void ec_store_audit_list_free(struct ec_audit *items, size_t n)
{
	release_all(items, n, sizeof *items, release_audit);
}

int ec_store_import_log_list(struct ec_store *s, struct ec_import_log **items, size_t *n)
{
	struct collector c;
	int rc;

	collector_init(&c, sizeof **items, copy_import_log, release_import_log);
	rc = ec_store_import_log_each(s, take_import_log, &c);
	*items = collect_end(&c, rc, n);
	return rc;
}

void ec_store_import_log_list_free(struct ec_import_log *items, size_t n)
{
	release_all(items, n, sizeof *items, release_import_log);
}

/* ---- end of the list calls ---- */

int ec_store_programme_add(struct ec_store *s, const struct ec_incentive_programme *p)
{
	return s->ops->programme_add(s, p);
}

int ec_store_programme_get(struct ec_store *s, const char *code, struct ec_incentive_programme *p)
{
	ec_incentive_programme_init(p);
	return s->ops->programme_get(s, code, p);
}

int ec_store_programme_each(struct ec_store *s, ec_programme_fn fn, void *ctx)
{
	return s->ops->programme_each(s, fn, ctx);
}

int ec_store_rules_put(struct ec_store *s, const char *programme, const struct ec_incentive_rule *rules, size_t n)
{
	return s->ops->rules_put(s, programme, rules, n);
}

int ec_store_entry_add(struct ec_store *s, struct ec_ledger_entry *e)
{
	return s->ops->entry_add(s, e);
}

int ec_store_entry_each(struct ec_store *s, const char *programme, const char *beneficiary, ec_entry_fn fn,
			void *ctx)
{
	return s->ops->entry_each(s, programme, beneficiary, fn, ctx);
}

/* ---- application scenarios ---- */

int ec_store_scenario_put(struct ec_store *s, const struct ec_scenario *sc)
{
	return s->ops->scenario_put(s, sc);
}

int ec_store_scenario_get(struct ec_store *s, const char *code, struct ec_scenario *sc)
{
	return s->ops->scenario_get(s, code, sc);
}

int ec_store_scenario_list(struct ec_store *s, struct ec_scenario **items, size_t *n)
{
	return s->ops->scenario_list(s, items, n);
}

int ec_store_batch_put(struct ec_store *s, const struct ec_scenario_batch *b)
{
	return s->ops->batch_put(s, b);
}

int ec_store_batch_list(struct ec_store *s, struct ec_scenario_batch **items, size_t *n)
{
	return s->ops->batch_list(s, items, n);
}

int ec_store_application_put(struct ec_store *s, const struct ec_application *a)
{
	return s->ops->application_put(s, a);
}

int ec_store_application_list(struct ec_store *s, const char *scenario, const char *uscc,
			      struct ec_application **items, size_t *n)
{
	return s->ops->application_list(s, scenario, uscc, items, n);
}

int ec_store_reviewer_put(struct ec_store *s, const struct ec_scenario_reviewer *r)
{
	return s->ops->reviewer_put(s, r);
}

int ec_store_reviewer_list(struct ec_store *s, const char *scenario, struct ec_scenario_reviewer **items, size_t *n)
{
	return s->ops->reviewer_list(s, scenario, items, n);
}

int ec_store_score_put(struct ec_store *s, const struct ec_scenario_score *sc)
{
	return s->ops->score_put(s, sc);
}

int ec_store_score_list(struct ec_store *s, const char *scenario, struct ec_scenario_score **items, size_t *n)
{
	return s->ops->score_list(s, scenario, items, n);
}

int ec_store_attachment_add(struct ec_store *s, struct ec_attachment *a, const void *body, size_t len)
{
	return s->ops->attachment_add(s, a, body, len);
}

int ec_store_attachment_list(struct ec_store *s, const char *scenario, struct ec_attachment **items, size_t *n)
{
	return s->ops->attachment_list(s, scenario, items, n);
}

int ec_store_attachment_get(struct ec_store *s, const char *scenario, int64_t id, struct ec_attachment *a, void **body,
			    size_t *len)
{
	return s->ops->attachment_get(s, scenario, id, a, body, len);
}

int ec_store_notification_add(struct ec_store *s, struct ec_notification *n)
{
	return s->ops->notification_add(s, n);
}

int ec_store_notification_list(struct ec_store *s, const char *account, int64_t limit,
			       struct ec_notification **items, size_t *n)
{
	return s->ops->notification_list(s, account, limit, items, n);
}

const char *ec_store_table_name(struct ec_store *s, int table)
{
	return s->ops->table_name(s, table);
}

int ec_store_table_rows(struct ec_store *s, int table, int64_t *rows)
{
	return s->ops->table_rows(s, table, rows);
}

int ec_store_table_each(struct ec_store *s, int table, ec_row_fn fn, void *ctx)
{
	return s->ops->table_each(s, table, fn, ctx);
}

int ec_store_table_put(struct ec_store *s, int table, const struct ec_value *row, int ncols)
{
	return s->ops->table_put(s, table, row, ncols);
}

int ec_store_table_seeded(struct ec_store *s, int table)
{
	return s->ops->table_seeded(s, table);
}

int ec_store_table_clear(struct ec_store *s, int table)
{
	return s->ops->table_clear(s, table);
}

int ec_store_table_seal(struct ec_store *s)
{
	return s->ops->table_seal(s);
}
