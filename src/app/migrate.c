/*
** Migrate, backup and restore: a whole store copied into an empty one of
** either backend through the store's whole-table calls, in one transaction
** on the target, and verified equal, table by table, by row counts and a
** SHA-256 over a canonical text of the rows in key order (docs/formats.md,
** "Store checksums") before that transaction commits.
*/
#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_int.h"
#include "echelon/migrate.h"

/* "sqlite:FILE" is FILE; anything else (a path, a PostgreSQL URI) is the
** store's own. */
static const char *store_uri(const char *uri)
{
	return strncmp(uri, "sqlite:", 7) == 0 ? uri + 7 : uri;
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* One table's copy or check: its rows hashed as they pass. */
struct table_pass {
	crypto_hash_sha256_state sha;
	int64_t rows;
	struct ec_store *to;  /* NULL: only count and hash */
	int table;
	const char *name;
	int index, ntables;
	ec_migrate_progress_fn progress;
	void *ctx;
	int put_failed;       /* the target refused a row */
};

/* The canonical text of a row: per value N; I<int>; R<%.17g>; T<n>:<bytes>;
** or B<n>:<bytes>;, then a newline. */
static void hash_row(crypto_hash_sha256_state *sha, const struct ec_value *row, int ncols)
{
	char head[40];
	int n;

	for (int i = 0; i < ncols; i++) {
		const struct ec_value *v = &row[i];
		switch (v->kind) {
		case EC_VALUE_INT: n = snprintf(head, sizeof head, "I%" PRId64 ";", v->i); break;
		case EC_VALUE_REAL: n = snprintf(head, sizeof head, "R%.17g;", v->r); break;
		case EC_VALUE_TEXT: n = snprintf(head, sizeof head, "T%zu:", v->n); break;
		case EC_VALUE_BLOB: n = snprintf(head, sizeof head, "B%zu:", v->n); break;
		default: n = snprintf(head, sizeof head, "N;"); break;
		}
		crypto_hash_sha256_update(sha, (const unsigned char *)head, (unsigned long long)n);
		if (v->kind == EC_VALUE_TEXT || v->kind == EC_VALUE_BLOB) {
			if (v->n)
				crypto_hash_sha256_update(sha, v->p, v->n);
			crypto_hash_sha256_update(sha, (const unsigned char *)";", 1);
		}
	}
	crypto_hash_sha256_update(sha, (const unsigned char *)"\n", 1);
}

static int pass_row(void *arg, const struct ec_value *row, int ncols)
{
	struct table_pass *p = arg;

	hash_row(&p->sha, row, ncols);
	if (p->to && ec_store_table_put(p->to, p->table, row, ncols) != EC_OK) {
		p->put_failed = 1;
		return EC_EIO;
	}
	if (++p->rows % 20000 == 0 && p->progress)
		p->progress(p->ctx, p->name, p->index, p->ntables, p->rows);
	return 0;
}

static void hex(const unsigned char digest[32], char out[65])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* Reads (and with to, copies) one table of s; the count and digest into
** *rows and sha. On failure *failed is the store that failed. */
static int table_pass(struct ec_store *s, struct ec_store *to, int table, int ntables, ec_migrate_progress_fn progress,
		      void *ctx, int64_t *rows, char sha[65], struct ec_store **failed)
{
	struct table_pass p = { .to = to, .table = table, .name = ec_store_table_name(s, table), .index = table,
				.ntables = ntables, .progress = progress, .ctx = ctx };
	unsigned char digest[32];
	int rc;

	crypto_hash_sha256_init(&p.sha);
	rc = ec_store_table_each(s, table, pass_row, &p);
	crypto_hash_sha256_final(&p.sha, digest);
	hex(digest, sha);
	*rows = p.rows;
	*failed = p.put_failed ? to : s;
	if (progress)
		progress(ctx, p.name, table, ntables, p.rows);
	return rc ? EC_EIO : EC_OK;
}

static void store_failed(struct ec_diag *d, struct ec_store *s, const char *err)
{
	ec_diag_problem(d, "store.failed", NULL, 0, NULL, "reason", s ? ec_store_errmsg(s) : err, NULL);
}

/* The target is empty when every table the migrations leave empty is. */
static int target_empty(struct ec_store *to, struct ec_diag *d)
{
	for (int t = 0; ec_store_table_name(to, t); t++) {
		int64_t rows = 0;
		char shown[24];
		if (ec_store_table_seeded(to, t))
			continue;
		if (ec_store_table_rows(to, t, &rows) != EC_OK) {
			store_failed(d, to, NULL);
			return EC_EIO;
		}
		if (rows > 0) {
			snprintf(shown, sizeof shown, "%" PRId64, rows);
			ec_diag_problem(d, "migrate.target_not_empty", NULL, 0, "to", "table", ec_store_table_name(to, t),
					"rows", shown, NULL);
			return EC_EDATA;
		}
	}
	return EC_OK;
}

/* Copies every table of from into to (in to's open transaction), hashing
** on both sides, into out. */
static int copy_tables(struct ec_store *from, struct ec_store *to, ec_migrate_progress_fn progress, void *ctx,
		       struct ec_migrate_result *out, struct ec_diag *d)
{
	struct ec_store *failed = NULL;
	int n = 0;

	while (ec_store_table_name(from, n))
		n++;
	out->tables = ec_calloc((size_t)n, sizeof *out->tables);
	out->n = (size_t)n;
	for (int t = 0; t < n; t++) {
		struct ec_migrate_table *m = &out->tables[t];
		m->name = ec_store_table_name(from, t);
		if (ec_store_table_seeded(to, t) && ec_store_table_clear(to, t) != EC_OK) {
			store_failed(d, to, NULL);
			return EC_EIO;
		}
		if (table_pass(from, to, t, n, progress, ctx, &m->rows_from, m->sha_from, &failed) != EC_OK) {
			store_failed(d, failed, NULL);
			return EC_EIO;
		}
	}
	if (ec_store_table_seal(to) != EC_OK) {
		store_failed(d, to, NULL);
		return EC_EIO;
	}
	/* the check reads the target back, inside the copy's transaction */
	for (int t = 0; t < n; t++) {
		struct ec_migrate_table *m = &out->tables[t];
		if (table_pass(to, NULL, t, n, NULL, NULL, &m->rows_to, m->sha_to, &failed) != EC_OK) {
			store_failed(d, to, NULL);
			return EC_EIO;
		}
		if (m->rows_to != m->rows_from || strcmp(m->sha_to, m->sha_from) != 0) {
			ec_diag_problem(d, "migrate.differs", NULL, 0, "to", "table", m->name, NULL);
			out->differs = 1;
		}
	}
	return out->differs ? EC_EDATA : EC_OK;
}

int ec_app_migrate(const char *from_uri, const char *to_uri, ec_migrate_progress_fn progress, void *ctx,
		   struct ec_migrate_result *out, struct ec_diag *d)
{
	const char *from_path = store_uri(from_uri), *to_path = store_uri(to_uri);
	int to_sqlite = !ec_store_uri_is_postgres(to_path);
	int created = to_sqlite && !file_exists(to_path);
	struct ec_store *from = NULL, *to = NULL;
	char *err = NULL;
	int rc, to_began = 0, from_began = 0;

	memset(out, 0, sizeof *out);
	if (strcmp(from_path, to_path) == 0) {
		ec_diag_problem(d, "migrate.same", NULL, 0, "to", "uri", to_uri, NULL);
		return EC_EUSAGE;
	}
	if (!ec_store_uri_is_postgres(from_path) && !file_exists(from_path)) {
		ec_diag_problem(d, "migrate.no_source", NULL, 0, "from", "uri", from_uri, NULL);
		return EC_ENOTFOUND;
	}
	if ((rc = ec_store_open(from_path, EC_STORE_READONLY, &from, &err)) != EC_OK) {
		store_failed(d, NULL, err);
		goto out;
	}
	if ((rc = ec_store_open(to_path, EC_STORE_CREATE, &to, &err)) != EC_OK) {
		store_failed(d, NULL, err);
		goto out;
	}
	if ((rc = target_empty(to, d)) != EC_OK)
		goto out;
	/* one state of the source, read while the target is written */
	if (ec_store_begin_read(from) != EC_OK) {
		store_failed(d, from, NULL);
		rc = EC_EIO;
		goto out;
	}
	from_began = 1;
	if (ec_store_begin(to) != EC_OK) {
		store_failed(d, to, NULL);
		rc = EC_EIO;
		goto out;
	}
	to_began = 1;
	rc = copy_tables(from, to, progress, ctx, out, d);
	if (rc == EC_OK && ec_store_commit(to) != EC_OK) {
		store_failed(d, to, NULL);
		rc = EC_EIO;
	}
	to_began = rc != EC_OK;
out:
	if (to_began)
		ec_store_rollback(to);
	if (from_began)
		ec_store_rollback(from);
	ec_store_close(from);
	ec_store_close(to);
	free(err);
	/* a SQLite file this call made and did not fill goes again */
	if (rc != EC_OK && created && file_exists(to_path)) {
		char side[4096];
		unlink(to_path);
		snprintf(side, sizeof side, "%s-wal", to_path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", to_path);
		unlink(side);
	}
	return rc;
}

int ec_app_backup(const char *uri, const char *file, ec_migrate_progress_fn progress, void *ctx,
		  struct ec_migrate_result *out, struct ec_diag *d)
{
	char target[4096];

	memset(out, 0, sizeof *out);
	if (file_exists(file)) {
		ec_diag_problem(d, "backup.exists", NULL, 0, "output", "file", file, NULL);
		return EC_EUSAGE;
	}
	snprintf(target, sizeof target, "sqlite:%s", file);
	return ec_app_migrate(uri, target, progress, ctx, out, d);
}

int ec_app_restore(const char *file, const char *uri, ec_migrate_progress_fn progress, void *ctx,
		   struct ec_migrate_result *out, struct ec_diag *d)
{
	char source[4096];

	memset(out, 0, sizeof *out);
	if (!file_exists(file)) {
		ec_diag_problem(d, "migrate.no_source", NULL, 0, "file", "uri", file, NULL);
		return EC_ENOTFOUND;
	}
	snprintf(source, sizeof source, "sqlite:%s", file);
	return ec_app_migrate(source, uri, progress, ctx, out, d);
}

void ec_migrate_result_release(struct ec_migrate_result *r)
{
	if (!r)
		return;
	free(r->tables);
	memset(r, 0, sizeof *r);
}
