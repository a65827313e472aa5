/*
** Storage. Every access to the database goes through one table of
** function pointers, the way SQLite hides the OS behind its VFS: the SQLite
** backend (store_sqlite.c) implements it now, a PostgreSQL one can later.
** Every statement is prepared with bound parameters.
*/
#ifndef ECHELON_STORE_H
#define ECHELON_STORE_H

#include <stdint.h>
#include "catalog.h"
#include "record.h"

struct ec_store;

/* Iteration callbacks return 0 to go on, anything else to stop (and that
** value is returned by the iterator). */
typedef int (*ec_enterprise_fn)(void *ctx, const struct ec_enterprise *e);
typedef int (*ec_report_fn)(void *ctx, const struct ec_report *r);
typedef int (*ec_deflator_fn)(void *ctx, const struct ec_deflator *d);

struct ec_import_log {
	int64_t id;
	char at[32];         /* UTC, ISO 8601 */
	const char *file;
	const char *kind;
	int64_t rows;
	char sha256[65];     /* hex */
};
typedef int (*ec_import_log_fn)(void *ctx, const struct ec_import_log *l);

struct ec_store_counts {
	int64_t categories, mappings, industries, regions;
	int64_t enterprises, reports, deflators, imports;
	int first_period, last_period; /* of reports; -1 when none */
};

/* Open flags. */
enum { EC_STORE_CREATE = 1, EC_STORE_READONLY = 2 };

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
	/* Reports with from <= period <= to (-1: unbounded), ordered by
	** enterprise then period. */
	int (*report_each)(struct ec_store *s, int from, int to, ec_report_fn fn, void *ctx);

	int (*deflator_put)(struct ec_store *s, const struct ec_deflator *d);
	int (*deflator_each)(struct ec_store *s, int from, int to, ec_deflator_fn fn, void *ctx);

	int (*import_log_add)(struct ec_store *s, struct ec_import_log *l);
	int (*import_log_each)(struct ec_store *s, ec_import_log_fn fn, void *ctx);

	int (*counts)(struct ec_store *s, struct ec_store_counts *out);
	/* Tunes the connection for one large write (bigger cache). */
	int (*bulk_mode)(struct ec_store *s, int on);
};

/* Every backend's handle starts with this. */
struct ec_store {
	const struct ec_store_ops *ops;
	char errmsg[512]; /* the last error, for the caller to show */
};

extern const struct ec_store_ops ec_store_sqlite_ops;

/* The schema version this binary writes. */
#define EC_SCHEMA_VERSION 1

/* Opens a store by URI: a path (SQLite) or, later, postgres://...
** Returns 0, or an error status with *err set (caller frees). */
int ec_store_open(const char *uri, int flags, struct ec_store **out /* OUT */, char **err /* OUT */);
void ec_store_close(struct ec_store *s);

/* The last error message of the store; never NULL. */
const char *ec_store_errmsg(const struct ec_store *s);

/* Writes the catalogues in cat into the store in one transaction, replacing
** what is there for each kind present. Returns 0 or EC_EIO. */
int ec_store_write_catalog(struct ec_store *s, const struct ec_catalog *cat, int kinds /* bit per kind */);

#endif
