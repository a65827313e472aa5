/*
** Migrate, backup and restore: a whole store copied into an empty store of
** either backend, verified equal table by table (counts and SHA-256 over
** the rows in key order, docs/formats.md "Store checksums").
*/
#ifndef ECHELON_MIGRATE_H
#define ECHELON_MIGRATE_H

#include <stdint.h>

#include "echelon.h"

struct ec_migrate_table {
	const char *name;           /* static: the store's table name */
	int64_t rows_from, rows_to; /* rows in the source and in the target */
	char sha_from[65], sha_to[65]; /* hex SHA-256 of each side's rows */
};

struct ec_migrate_result {
	struct ec_migrate_table *tables; /* [n], in the copy's order */
	size_t n;
	int differs;                /* 1: a table's count or checksum differed */
};

/* Told after each table and every 20000 rows: the table, its number from 0,
** how many there are, and the rows copied so far. */
typedef void (*ec_migrate_progress_fn)(void *ctx, const char *table, int index, int ntables, int64_t rows);

/* Copies the store at from_uri into the store at to_uri (each
** "sqlite:FILE", a path, or a PostgreSQL URI; a missing SQLite target is
** created), in one transaction on the target, and checks every table's
** count and checksum on both sides before it commits. Refuses (a problem
** in d, nothing written) a target that holds rows, the same store twice, a
** missing source; a difference rolls the copy back (migrate.differs).
** *out holds the tables' counts and checksums as far as the copy got;
** release it with ec_migrate_result_release. Returns 0, EC_EUSAGE,
** EC_ENOTFOUND, EC_EDATA or EC_EIO. A SQLite file the call created is
** removed when it fails. */
int ec_app_migrate(const char *from_uri, const char *to_uri, ec_migrate_progress_fn progress, void *ctx,
		   struct ec_migrate_result *out /* OUT: ec_migrate_result_release */, struct ec_diag *d);
/* A backup of the store at uri into file, a new SQLite database (refuses
** a file that exists: backup.exists); restore copies such a file into the
** (empty) store at uri. Both as ec_app_migrate. */
int ec_app_backup(const char *uri, const char *file, ec_migrate_progress_fn progress, void *ctx,
		  struct ec_migrate_result *out /* OUT */, struct ec_diag *d);
int ec_app_restore(const char *file, const char *uri, ec_migrate_progress_fn progress, void *ctx,
		   struct ec_migrate_result *out /* OUT */, struct ec_diag *d);
/* Frees what r holds and zeroes it. NULL is a no-op. */
void ec_migrate_result_release(struct ec_migrate_result *r);

#endif
