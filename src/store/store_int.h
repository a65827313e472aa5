/*
** Private to src/store: the table of function pointers a backend fills in,
** and the handle every backend's own starts with. Nothing outside src/store
** includes this; callers use the ec_store_* calls of echelon/store.h.
*/
#ifndef EC_STORE_INT_H
#define EC_STORE_INT_H

#include "echelon/store.h"

struct ec_store_ops {
	const char *name;
	/* Opens (and with EC_STORE_CREATE creates) the database at uri and
	** applies pending migrations. Refuses a database whose schema is newer
	** than this binary (EC_ESCHEMA). On failure *out is NULL and *err holds
	** a message the caller frees. */
	int (*open)(const char *uri, int flags, struct ec_store **out, char **err);
	void (*close)(struct ec_store *s);
	int (*begin)(struct ec_store *s);
	int (*commit)(struct ec_store *s);
	int (*rollback)(struct ec_store *s);
	int (*schema_version)(struct ec_store *s, int *version);

	int (*catalog_clear)(struct ec_store *s, enum ec_catalog_kind kind);
	int (*category_put)(struct ec_store *s, const struct ec_category *c, int seq);
	int (*mapping_put)(struct ec_store *s, const struct ec_mapping *m, int seq);
	int (*industry_put)(struct ec_store *s, const struct ec_industry *i, int seq);
	int (*region_put)(struct ec_store *s, const struct ec_region *r, int seq);
	/* Loads every catalogue into cat (which the caller has initialised). */
	int (*catalog_load)(struct ec_store *s, struct ec_catalog *cat);

	/* Inserts or updates by uscc; sets e->id. */
	int (*enterprise_put)(struct ec_store *s, struct ec_enterprise *e);
	int (*enterprise_each)(struct ec_store *s, ec_enterprise_fn fn, void *ctx);
	/* Recomputes every enterprise's primary category against cat. */
	int (*enterprise_reclassify)(struct ec_store *s, const struct ec_catalog *cat);

	/* Inserts or updates by (enterprise, period). */
	int (*report_put)(struct ec_store *s, const struct ec_report *r);
	/* n of them, as n report_put calls in order would. */
	int (*report_put_many)(struct ec_store *s, const struct ec_report *rows, size_t n);
	/* Reports with from <= period <= to (-1: unbounded), ordered by
	** enterprise then period. */
	int (*report_each)(struct ec_store *s, int from, int to, ec_report_fn fn, void *ctx);

	int (*deflator_put)(struct ec_store *s, const struct ec_deflator *d);
	int (*deflator_each)(struct ec_store *s, int from, int to, ec_deflator_fn fn, void *ctx);

	int (*import_log_add)(struct ec_store *s, struct ec_import_log *l);
	int (*import_log_each)(struct ec_store *s, ec_import_log_fn fn, void *ctx);

	int (*counts)(struct ec_store *s, struct ec_store_counts *out);
	/* A transaction that only reads, ended by commit: every read in it
	** sees one state of the data. */
	int (*begin_read)(struct ec_store *s);
	/* The generation of the facts (enterprises, reports, deflators): moved
	** by the commit of every change to them, never otherwise. */
	int (*facts_generation)(struct ec_store *s, int64_t *generation);
	/* Tunes the connection for one large write, outside a transaction:
	** a bigger cache, and no row-by-row reference checks (the caller must
	** have checked every reference it writes). Off restores both. */
	int (*bulk_mode)(struct ec_store *s, int on);

	/* Announcements between processes (echelon/store.h): NULL where the
	** backend has none (SQLite). */
	int (*announce)(struct ec_store *s, const char *what);
	int (*listen)(struct ec_store *s, const char *holder);
	int (*announcements)(struct ec_store *s, int timeout_ms, ec_announcement_fn fn, void *ctx);
	/* ec_store_identity: NULL where the backend has none (SQLite). */
	int (*identity)(struct ec_store *s, char *buf, size_t size);
	/* ec_store_log_position: NULL where the backend has none (SQLite). */
	int (*log_position)(struct ec_store *s, uint64_t *pos);

	/* Enterprises matching f, ordered by id, from offset, at most limit;
	** *total is the number matching. */
	int (*enterprise_query)(struct ec_store *s, const struct ec_enterprise_filter *f, int64_t offset,
				int64_t limit, ec_enterprise_fn fn, void *ctx, int64_t *total);
	/* The revenue of every enterprise that reported in a year, by id. */
	int (*revenue_each)(struct ec_store *s, int year, ec_revenue_fn fn, void *ctx);
	/* One enterprise by USCC: 0, or EC_ENOTFOUND. */
	int (*enterprise_get)(struct ec_store *s, const char *uscc, struct ec_enterprise *e);
	/* The reports of one enterprise, by period. */
	int (*report_each_enterprise)(struct ec_store *s, int64_t enterprise_id, ec_report_fn fn, void *ctx);

	/* Accounts: insert (sets u->id; EC_EDATA when the name is taken),
	** update by id, get by name (EC_ENOTFOUND), list by name. */
	int (*user_add)(struct ec_store *s, struct ec_user *u);
	int (*user_update)(struct ec_store *s, const struct ec_user *u);
	int (*user_get)(struct ec_store *s, const char *name, struct ec_user *u);
	int (*user_get_id)(struct ec_store *s, int64_t id, struct ec_user *u);
	int (*user_each)(struct ec_store *s, ec_user_fn fn, void *ctx);

	/* Sessions by token hash; _get returns EC_ENOTFOUND when absent. */
	int (*session_put)(struct ec_store *s, const struct ec_session *se);
	int (*session_get)(struct ec_store *s, const char *token_hash, struct ec_session *se);
	int (*session_delete)(struct ec_store *s, const char *token_hash);
	/* Removes expired sessions, and every session of user_id when >= 0. */
	int (*session_purge)(struct ec_store *s, int64_t now, int64_t user_id);

	/* Clusters: insert or update by code (keeps its place in the list),
	** get by code (EC_ENOTFOUND), list in registration order. */
	int (*cluster_put)(struct ec_store *s, const struct ec_cluster *c);
	int (*cluster_get)(struct ec_store *s, const char *code, struct ec_cluster *c);
	int (*cluster_each)(struct ec_store *s, ec_cluster_fn fn, void *ctx);
	/* Member rules (include 1 / exclude 0; -1 removes the rule) and the
	** indicators entered by year; cluster NULL lists every cluster's. */
	int (*cluster_member_put)(struct ec_store *s, const char *cluster, const char *uscc, int include);
	int (*cluster_member_each)(struct ec_store *s, const char *cluster, ec_member_fn fn, void *ctx);
	int (*cluster_indicator_put)(struct ec_store *s, const char *cluster, int year, const char *indicator,
				     double value);
	int (*cluster_indicator_each)(struct ec_store *s, const char *cluster, ec_indicator_fn fn, void *ctx);

	/* Projects with their plan, monthly completed investment and
	** revisions (replaced as a whole), and funds: insert or update by code,
	** get by code (EC_ENOTFOUND; the caller releases the project), list in
	** registration order. */
	int (*project_put)(struct ec_store *s, const struct ec_project *p);
	int (*project_get)(struct ec_store *s, const char *code, struct ec_project *p);
	int (*project_each)(struct ec_store *s, ec_project_fn fn, void *ctx);
	int (*fund_put)(struct ec_store *s, const struct ec_fund *f);
	int (*fund_get)(struct ec_store *s, const char *code, struct ec_fund *f);
	int (*fund_each)(struct ec_store *s, ec_fund_fn fn, void *ctx);
	/* SME digital-level questionnaires (store.h) */
	int (*digital_put)(struct ec_store *s, const struct ec_digital_assessment *a,
			   const struct ec_digital_answer *answers, size_t n);
	int (*digital_get)(struct ec_store *s, const char *uscc, int year, const char *edition,
			   struct ec_digital_assessment *a, struct ec_digital_answer **answers, size_t *n);
	int (*digital_each)(struct ec_store *s, const char *uscc, ec_digital_fn fn, void *ctx);

	/* Incentive programmes and their ledger (store.h) */
	int (*programme_add)(struct ec_store *s, const struct ec_incentive_programme *p);
	int (*programme_get)(struct ec_store *s, const char *code, struct ec_incentive_programme *p);
	int (*programme_each)(struct ec_store *s, ec_programme_fn fn, void *ctx);
	int (*rules_put)(struct ec_store *s, const char *programme, const struct ec_incentive_rule *rules, size_t n);
	int (*entry_add)(struct ec_store *s, struct ec_ledger_entry *e);
	int (*entry_each)(struct ec_store *s, const char *programme, const char *beneficiary, ec_entry_fn fn,
			  void *ctx);
	/* Application scenarios (store.h, ec_store_scenario_* and the rest) */
	int (*scenario_put)(struct ec_store *s, const struct ec_scenario *sc);
	int (*scenario_get)(struct ec_store *s, const char *code, struct ec_scenario *sc);
	int (*scenario_list)(struct ec_store *s, struct ec_scenario **items, size_t *n);
	int (*batch_put)(struct ec_store *s, const struct ec_scenario_batch *b);
	int (*batch_list)(struct ec_store *s, struct ec_scenario_batch **items, size_t *n);
	int (*application_put)(struct ec_store *s, const struct ec_application *a);
	int (*application_list)(struct ec_store *s, const char *scenario, const char *uscc, struct ec_application **items,
				size_t *n);
	int (*reviewer_put)(struct ec_store *s, const struct ec_scenario_reviewer *r);
	int (*reviewer_list)(struct ec_store *s, const char *scenario, struct ec_scenario_reviewer **items, size_t *n);
	int (*score_put)(struct ec_store *s, const struct ec_scenario_score *sc);
	int (*score_list)(struct ec_store *s, const char *scenario, struct ec_scenario_score **items, size_t *n);
	int (*attachment_add)(struct ec_store *s, struct ec_attachment *a, const void *body, size_t len);
	int (*attachment_list)(struct ec_store *s, const char *scenario, struct ec_attachment **items, size_t *n);
	int (*attachment_get)(struct ec_store *s, const char *scenario, int64_t id, struct ec_attachment *a, void **body,
			      size_t *len);
	int (*notification_add)(struct ec_store *s, struct ec_notification *n);
	int (*notification_list)(struct ec_store *s, const char *account, int64_t limit, struct ec_notification **items,
				 size_t *n);

	/* Whole tables, for migrate and backup (store.h, ec_store_table_*) */
	const char *(*table_name)(struct ec_store *s, int table);
	int (*table_rows)(struct ec_store *s, int table, int64_t *rows);
	int (*table_each)(struct ec_store *s, int table, ec_row_fn fn, void *ctx);
	int (*table_put)(struct ec_store *s, int table, const struct ec_value *row, int ncols);
	int (*table_clear)(struct ec_store *s, int table);
	int (*table_seeded)(struct ec_store *s, int table);
	int (*table_seal)(struct ec_store *s);

	/* The audit log: append (sets a->id and a->at), list newest first. */
	int (*audit_add)(struct ec_store *s, struct ec_audit *a);
	int (*audit_each)(struct ec_store *s, int64_t limit, ec_audit_fn fn, void *ctx);

	/* Jobs (echelon/store.h, ec_store_job_*). */
	int (*job_put)(struct ec_store *s, const struct ec_job *j);
	int (*job_get)(struct ec_store *s, const char *id, int with_result, ec_job_fn fn, void *ctx);
	int (*job_each)(struct ec_store *s, int64_t user_id, int64_t limit, ec_job_fn fn, void *ctx);
	int (*job_settle)(struct ec_store *s, int64_t now, int64_t expires_at, int http_status, const char *result);

	/* Published reports (echelon/store.h, ec_store_published_*). */
	int (*published_add)(struct ec_store *s, struct ec_published *p);
	int (*published_get)(struct ec_store *s, int64_t id, ec_published_fn fn, void *ctx);
	int (*published_each)(struct ec_store *s, int64_t limit, ec_published_fn fn, void *ctx);
};

/* Every backend's handle starts with this. */
struct ec_store {
	const struct ec_store_ops *ops;
	char errmsg[512]; /* the last error, for the caller to show */
};

extern const struct ec_store_ops ec_store_sqlite_ops;
extern const struct ec_store_ops ec_store_pg_ops;

#endif
