/*
** This is the SQLite implementation of struct ec_store_ops: one connection
** in WAL mode with foreign keys on, every statement prepared once with
** bound parameters, the schema migrated forward on open.
*/
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_int.h"
#include "schema.h"

/* The shared op code's driver (store_sql.inc), mapped onto sqlite3_*. */
#define DB_CONN sqlite3
#define db_stmt sqlite3_stmt
#define DB_ROW SQLITE_ROW
#define DB_DONE SQLITE_DONE
#define DB_STATIC SQLITE_STATIC
#define DB_TRANSIENT SQLITE_TRANSIENT
#define db_step sqlite3_step
#define db_reset sqlite3_reset
#define db_clear_bindings sqlite3_clear_bindings
#define db_bind_int sqlite3_bind_int
#define db_bind_int64 sqlite3_bind_int64
#define db_bind_double sqlite3_bind_double
#define db_bind_null sqlite3_bind_null
#define db_bind_text sqlite3_bind_text
#define db_bind_blob sqlite3_bind_blob
#define db_column_int sqlite3_column_int
#define db_column_int64 sqlite3_column_int64
#define db_column_double sqlite3_column_double
#define db_column_text sqlite3_column_text
#define db_column_blob sqlite3_column_blob
#define db_column_bytes sqlite3_column_bytes
#define db_column_is_null(st, i) (sqlite3_column_type(st, i) == SQLITE_NULL)
#define db_errmsg sqlite3_errmsg
#define db_in_transaction(db) (!sqlite3_get_autocommit(db))
#define db_unique_violation(db)                                        \
	(sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE ||   \
	 sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_PRIMARYKEY)
/* BEGIN IMMEDIATE takes the write lock at once: no separate lock. */
#define DB_BEGIN_WRITE "BEGIN IMMEDIATE"
#define DB_WRITE_LOCK NULL
#define DB_DEFER_REFERENCES "PRAGMA defer_foreign_keys = ON"
/* Text compares bytewise already (BINARY); the rowid needs no reseeding. */
#define DB_BYTE_ORDER ""
/* The page size of a new database, in bytes. 16 KiB against SQLite's 4:
** a quarter of the pages, so a quarter of the B-tree's splits and of the
** WAL's frames, each frame two writes at the commit and a read and a write
** at the checkpoint; a big import's commit took about half the time
** (docs/performance.md, "Import"). A database keeps the size it was made
** with (VACUUM would change it; nothing here runs one). */
#define DB_PAGE_SIZE "16384"
/* A larger page cache keeps the B-tree of a big import in memory (it grows
** only as pages are used). References are not checked row by row: the bulk
** writer (intake) has checked every reference against the catalogues and
** the enterprises it read inside the same transaction. */
#define DB_BULK_ON "PRAGMA cache_size = -2097152; PRAGMA foreign_keys = OFF"
#define DB_BULK_OFF "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON"
#define db_bulk_mode(db, on, msg, size) db_exec(db, (on) ? DB_BULK_ON : DB_BULK_OFF, msg, size)

/* A batch of reports is stored by one statement (ec_store_report_put_many):
** an upsert from ec_report_batch, an eponymous virtual table over the
** caller's array (below), in place of a bind, step and reset per row;
** SQLite runs the same upsert row by row inside it, a later row of a key
** winning. Half the time of a big import's inserts (docs/performance.md,
** "Import"). */
#define DB_REPORT_PUT_MANY sqlite_report_put_many
#define DB_REPORT_PUT_MANY_SQL                                                                          \
	"INSERT INTO report(enterprise_id, period, revenue, output, value_added, employees, rd_expense," \
	" patents, investment, exports) SELECT enterprise_id, period, revenue, output, value_added,"     \
	" employees, rd_expense, patents, investment, exports FROM ec_report_batch WHERE true"           \
	" ON CONFLICT(enterprise_id, period) DO UPDATE SET revenue = excluded.revenue,"                  \
	" output = excluded.output, value_added = excluded.value_added, employees = excluded.employees," \
	" rd_expense = excluded.rd_expense, patents = excluded.patents,"                                 \
	" investment = excluded.investment, exports = excluded.exports"

static int db_exec(sqlite3 *db, const char *sql, char *msg, size_t size)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK)
		return 0;
	snprintf(msg, size, "%s", err ? err : "failed");
	sqlite3_free(err);
	return -1;
}

#include "store_sql.inc"

_Static_assert(EC_SCHEMA_VERSION == EC_NMIGRATIONS, "schema version and migrations disagree");

/* ---- ec_report_batch: the reports being put, as a table ----
**
** Read-only, one per connection, over the rows of the one
** sqlite_report_put_many call running on it (none between calls). */

struct report_batch {
	const struct ec_report *rows;
	size_t n;
};

struct batch_table {
	sqlite3_vtab base;
	const struct report_batch *b;
};

struct batch_cursor {
	sqlite3_vtab_cursor base;
	size_t at;
};

static int batch_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err)
{
	struct batch_table *t;
	int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(enterprise_id, period, revenue, output, value_added,"
					  " employees, rd_expense, patents, investment, exports)");

	(void)argc, (void)argv, (void)err;
	if (rc != SQLITE_OK)
		return rc;
	if (!(t = sqlite3_malloc(sizeof *t)))
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->b = aux;
	*out = &t->base;
	return SQLITE_OK;
}

static int batch_disconnect(sqlite3_vtab *t)
{
	sqlite3_free(t);
	return SQLITE_OK;
}

static int batch_best_index(sqlite3_vtab *t, sqlite3_index_info *info)
{
	(void)t;
	info->estimatedCost = 4096;
	info->estimatedRows = 4096;
	return SQLITE_OK;
}

static int batch_open(sqlite3_vtab *t, sqlite3_vtab_cursor **out)
{
	struct batch_cursor *c = sqlite3_malloc(sizeof *c);

	(void)t;
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof *c);
	*out = &c->base;
	return SQLITE_OK;
}

static int batch_close(sqlite3_vtab_cursor *c)
{
	sqlite3_free(c);
	return SQLITE_OK;
}

static int batch_filter(sqlite3_vtab_cursor *c, int idx, const char *idx_str, int argc, sqlite3_value **argv)
{
	(void)idx, (void)idx_str, (void)argc, (void)argv;
	((struct batch_cursor *)c)->at = 0;
	return SQLITE_OK;
}

static int batch_next(sqlite3_vtab_cursor *c)
{
	((struct batch_cursor *)c)->at++;
	return SQLITE_OK;
}

static int batch_eof(sqlite3_vtab_cursor *c)
{
	const struct batch_table *t = (const struct batch_table *)c->pVtab;
	return ((struct batch_cursor *)c)->at >= t->b->n;
}

static int batch_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int col)
{
	const struct batch_table *t = (const struct batch_table *)c->pVtab;
	const struct ec_report *r = &t->b->rows[((struct batch_cursor *)c)->at];

	switch (col) {
	case 0: sqlite3_result_int64(ctx, r->enterprise_id); break;
	case 1: sqlite3_result_int(ctx, r->period); break;
	case 2: sqlite3_result_double(ctx, r->revenue); break;
	case 3: sqlite3_result_double(ctx, r->output); break;
	case 4: sqlite3_result_double(ctx, r->value_added); break;
	case 5: sqlite3_result_int64(ctx, r->employees); break;
	case 6: sqlite3_result_double(ctx, r->rd_expense); break;
	case 7: sqlite3_result_int64(ctx, r->patents); break;
	case 8: sqlite3_result_double(ctx, r->investment); break;
	default: sqlite3_result_double(ctx, r->exports); break;
	}
	return SQLITE_OK;
}

static int batch_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64)((struct batch_cursor *)c)->at;
	return SQLITE_OK;
}

static const sqlite3_module batch_module = {
	.xConnect = batch_connect, /* no xCreate: eponymous, never made by CREATE VIRTUAL TABLE */
	.xBestIndex = batch_best_index,
	.xDisconnect = batch_disconnect,
	.xOpen = batch_open,
	.xClose = batch_close,
	.xFilter = batch_filter,
	.xNext = batch_next,
	.xEof = batch_eof,
	.xColumn = batch_column,
	.xRowid = batch_rowid,
};

/* Whether the rows of a batch lie apart in the table: fewer than 8 of an
** enterprise's months together on average (a file in period order, a
** month's file). One statement over many rows keeps a statement journal,
** a copy of every page it changes that existed before it; over rows that
** lie apart that is a page a row (5 M reports in period order: 14 s,
** against 9.5 s row by row), over an enterprise's months together a few
** pages a batch. */
static int scattered(const struct ec_report *rows, size_t n)
{
	size_t runs = 1;

	for (size_t i = 1; i < n; i++)
		runs += rows[i].enterprise_id != rows[i - 1].enterprise_id;
	return runs * 8 > n;
}

static int sqlite_report_put_many(struct ec_store *base, const struct ec_report *rows, size_t n)
{
	struct sql_store *s = (struct sql_store *)base;
	struct report_batch *b = s->own;
	sqlite3_stmt *st = s->stmt[S_REP_PUT_MANY];
	int rc;

	if (n == 0)
		return EC_OK;
	if (scattered(rows, n))
		return sql_report_put_many(base, rows, n);
	b->rows = rows;
	b->n = n;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		fail(s, "storing reports");
	sqlite3_reset(st);
	b->rows = NULL;
	b->n = 0;
	if (rc != SQLITE_DONE)
		return EC_EIO;
	return s->facts_dirty ? EC_OK : facts_touched(s);
}

/* ---- the "echelon" VFS: the unix one, with writeback started early ----
**
** A big import's commit writes the whole table into the WAL, and its
** checkpoint copies it into the database; each ends in a sync. Written
** dirty pages sit in the kernel's cache (a background write starts at a
** tenth of the memory), so each sync then waited for the disk to write
** 380 MB. Here every 8 MiB written to the WAL starts the disk writing it
** (sync_file_range, which waits for nothing and promises nothing), so the
** commit's sync finds most of it done. The syncs themselves are SQLite's,
** unchanged: durability is the same.
**
** The WAL only, not the database: sync_file_range needs a descriptor of
** its own, and closing any descriptor of a file drops every POSIX lock
** the process holds on it. SQLite locks the database file (each
** connection keeps a shared lock on it in WAL mode) and defers its own
** closes for that reason; ours would drop the locks of the process's
** other connections, and a reader in another process could then think
** itself the last one, checkpoint past them and delete the WAL. SQLite
** takes no lock on the WAL file itself (its locks are in the -shm). */

#define WB_KICK (8 << 20) /* bytes written between two starts */

struct wb_file {
	sqlite3_file base;
	sqlite3_file *real; /* the unix VFS's file, after this struct */
	const char *name;   /* watched: the WAL; else NULL */
	int fd;             /* a descriptor of our own, opened at the first start */
	sqlite3_int64 written;
};

static sqlite3_vfs *wb_unix; /* the VFS wrapped */

#define WB_REAL(f) (((struct wb_file *)(f))->real)

static int wb_close(sqlite3_file *f)
{
	struct wb_file *p = (struct wb_file *)f;
	int rc = p->real->pMethods->xClose(p->real);

	if (p->fd >= 0)
		close(p->fd);
	return rc;
}

static int wb_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return WB_REAL(f)->pMethods->xRead(WB_REAL(f), buf, n, off);
}

static int wb_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	struct wb_file *p = (struct wb_file *)f;
	int rc = p->real->pMethods->xWrite(p->real, buf, n, off);

	if (rc == SQLITE_OK && p->name && (p->written += n) >= WB_KICK) {
		p->written = 0;
		if (p->fd < 0 && (p->fd = open(p->name, O_RDONLY | O_CLOEXEC)) < 0)
			p->name = NULL; /* not watched after all */
#ifdef SYNC_FILE_RANGE_WRITE
		else
			sync_file_range(p->fd, 0, 0, SYNC_FILE_RANGE_WRITE); /* a hint: its failure changes nothing */
#endif
	}
	return rc;
}

static int wb_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return WB_REAL(f)->pMethods->xTruncate(WB_REAL(f), size);
}

static int wb_sync(sqlite3_file *f, int flags)
{
	((struct wb_file *)f)->written = 0;
	return WB_REAL(f)->pMethods->xSync(WB_REAL(f), flags);
}

static int wb_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return WB_REAL(f)->pMethods->xFileSize(WB_REAL(f), size);
}

static int wb_lock(sqlite3_file *f, int level)
{
	return WB_REAL(f)->pMethods->xLock(WB_REAL(f), level);
}

static int wb_unlock(sqlite3_file *f, int level)
{
	return WB_REAL(f)->pMethods->xUnlock(WB_REAL(f), level);
}

static int wb_check_reserved(sqlite3_file *f, int *out)
{
	return WB_REAL(f)->pMethods->xCheckReservedLock(WB_REAL(f), out);
}

static int wb_file_control(sqlite3_file *f, int op, void *arg)
{
	return WB_REAL(f)->pMethods->xFileControl(WB_REAL(f), op, arg);
}

static int wb_sector_size(sqlite3_file *f)
{
	return WB_REAL(f)->pMethods->xSectorSize(WB_REAL(f));
}

static int wb_device_characteristics(sqlite3_file *f)
{
	return WB_REAL(f)->pMethods->xDeviceCharacteristics(WB_REAL(f));
}

static int wb_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
	return WB_REAL(f)->pMethods->xShmMap(WB_REAL(f), region, size, extend, out);
}

static int wb_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return WB_REAL(f)->pMethods->xShmLock(WB_REAL(f), offset, n, flags);
}

static void wb_shm_barrier(sqlite3_file *f)
{
	WB_REAL(f)->pMethods->xShmBarrier(WB_REAL(f));
}

static int wb_shm_unmap(sqlite3_file *f, int del)
{
	return WB_REAL(f)->pMethods->xShmUnmap(WB_REAL(f), del);
}

static int wb_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
	return WB_REAL(f)->pMethods->xFetch(WB_REAL(f), off, n, out);
}

static int wb_unfetch(sqlite3_file *f, sqlite3_int64 off, void *page)
{
	return WB_REAL(f)->pMethods->xUnfetch(WB_REAL(f), off, page);
}

static const sqlite3_io_methods wb_methods = {
	.iVersion = 3,
	.xClose = wb_close,
	.xRead = wb_read,
	.xWrite = wb_write,
	.xTruncate = wb_truncate,
	.xSync = wb_sync,
	.xFileSize = wb_file_size,
	.xLock = wb_lock,
	.xUnlock = wb_unlock,
	.xCheckReservedLock = wb_check_reserved,
	.xFileControl = wb_file_control,
	.xSectorSize = wb_sector_size,
	.xDeviceCharacteristics = wb_device_characteristics,
	.xShmMap = wb_shm_map,
	.xShmLock = wb_shm_lock,
	.xShmBarrier = wb_shm_barrier,
	.xShmUnmap = wb_shm_unmap,
	.xFetch = wb_fetch,
	.xUnfetch = wb_unfetch,
};

/* Only the WAL is watched (see above): what the commit writes in bulk.
** The descriptor is opened when 8 MiB have been written (SQLite keeps the
** name until the close), so the server's many readers hold none. */
static int wb_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	struct wb_file *p = (struct wb_file *)f;
	int rc;

	(void)vfs;
	memset(p, 0, sizeof *p);
	p->real = (sqlite3_file *)&p[1];
	p->fd = -1;
	rc = wb_unix->xOpen(wb_unix, name, p->real, flags, out_flags);
	if (!p->real->pMethods)
		return rc; /* nothing to close: f stays without methods */
	f->pMethods = &wb_methods;
	if (rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) && !(flags & SQLITE_OPEN_READONLY))
		p->name = name;
	return rc;
}

static sqlite3_vfs wb_vfs;

static void wb_register(void)
{
	/* Its files' methods are of version 3 (shared memory, mmap), which
	** wb_methods forwards; another VFS is left alone. */
	if (!(wb_unix = sqlite3_vfs_find(NULL)) || strcmp(wb_unix->zName, "unix") != 0) {
		wb_unix = NULL;
		return;
	}
	wb_vfs = *wb_unix;
	wb_vfs.szOsFile = (int)sizeof(struct wb_file) + wb_unix->szOsFile;
	wb_vfs.zName = "echelon";
	wb_vfs.xOpen = wb_open;
	wb_vfs.pNext = NULL;
	if (sqlite3_vfs_register(&wb_vfs, 0) != SQLITE_OK)
		wb_unix = NULL; /* the unix VFS as it is */
}

/* SQLite's count of the memory it holds takes a lock around every
** allocation, a tenth of a big import's inserts; nothing here reads it.
** A statement journal (a batch's upsert keeps one, a copy of the few
** pages it changes that existed before it) stays in memory up to 1 MiB:
** SQLite's 64 KiB are four pages of DB_PAGE_SIZE, so every batch of an
** import wrote a temporary file. Set before SQLite starts (later it is
** refused, harmlessly). */
static pthread_once_t sqlite_setup_once = PTHREAD_ONCE_INIT;

static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 1 << 20);
	wb_register();
}


static int user_version(struct sql_store *s, int *version)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return fail(s, "reading the schema version");
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? EC_OK : fail(s, "reading the schema version");
}

static int migrate(struct sql_store *s, const char *path, int readonly)
{
	int version;
	char sql[64];

	if (user_version(s, &version))
		return EC_EIO;
	if (version > EC_SCHEMA_VERSION) {
		snprintf(s->base.errmsg, sizeof s->base.errmsg,
			 "%s: database schema version %d is newer than this echelon understands (%d); "
			 "use a newer echelon", path, version, EC_SCHEMA_VERSION);
		return EC_ESCHEMA;
	}
	if (version == EC_SCHEMA_VERSION)
		return EC_OK;
	if (readonly) {
		snprintf(s->base.errmsg, sizeof s->base.errmsg,
			 "%s: database schema version %d is older than %d; open it read-write once to upgrade",
			 path, version, EC_SCHEMA_VERSION);
		return EC_ESCHEMA;
	}
	/* Each migration and its version bump commit together. */
	for (int v = version; v < EC_SCHEMA_VERSION; v++) {
		if (exec(s, "BEGIN IMMEDIATE", "migrating"))
			return EC_EIO;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if (exec(s, ec_migrations[v].sql, "migrating") ||
		    (ec_migrations[v].sqlite && exec(s, ec_migrations[v].sqlite, "migrating")) || exec(s, sql, "migrating") ||
		    exec(s, "COMMIT", "migrating")) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return EC_EIO;
		}
	}
	return EC_OK;
}

static void sqlite_close(struct ec_store *base)
{
	struct sql_store *s = (struct sql_store *)base;

	if (!s)
		return;
	for (int i = 0; i < S_NSTMT; i++)
		sqlite3_finalize(s->stmt[i]);
	sqlite3_finalize(s->put);
	sqlite3_close(s->db);
	free(s);
}

static int sqlite_open(const char *path, int flags, struct ec_store **out, char **err);
static void sqlite_close(struct ec_store *base);

static int sqlite_open(const char *path, int flags, struct ec_store **out, char **err)
{
	struct sql_store *s = ec_calloc(1, sizeof *s);
	int oflags = (flags & EC_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	int rc = EC_EIO, version = 0;

	*out = NULL;
	*err = NULL;
	s->base.ops = &ec_store_sqlite_ops;
	pthread_once(&sqlite_setup_once, sqlite_setup);
	if (flags & EC_STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, wb_unix ? "echelon" : NULL) != SQLITE_OK) {
		*err = ec_asprintf("%s: cannot open the database: %s%s", path,
				   s->db ? sqlite3_errmsg(s->db) : "out of memory",
				   (flags & EC_STORE_CREATE) ? "" : " (create it with `echelon init`)");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 1);
	/* The page size before WAL mode writes the first page; on a database
	** that has pages already it does nothing (DB_PAGE_SIZE). */
	if (((flags & EC_STORE_CREATE) && exec(s, "PRAGMA page_size = " DB_PAGE_SIZE, "setting the page size")) ||
	    (!(flags & EC_STORE_READONLY) && exec(s, "PRAGMA journal_mode = WAL", "setting WAL mode")) ||
	    exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", "configuring")) {
		if (sqlite3_errcode(s->db) == SQLITE_NOTADB) {
			*err = ec_asprintf("%s: not an echelon database (%s)", path, sqlite3_errmsg(s->db));
			goto fail;
		}
		goto failmsg;
	}
	/* A file that is not a database fails here, on its first read. */
	if (user_version(s, &version)) {
		*err = ec_asprintf("%s: not an echelon database: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (version == 0 && !(flags & EC_STORE_CREATE)) {
		*err = ec_asprintf("%s: not an echelon database (create one with `echelon init --db %s`)", path, path);
		goto fail;
	}
	if ((rc = migrate(s, path, flags & EC_STORE_READONLY)) == EC_ESCHEMA && (flags & EC_STORE_READONLY) &&
	    version < EC_SCHEMA_VERSION) {
		/* An older database opened to be read: upgrade it once through a
		** writable connection, then read. */
		struct ec_store *rw = NULL;
		char *rw_err = NULL;
		if (sqlite_open(path, flags & ~EC_STORE_READONLY, &rw, &rw_err) == EC_OK) {
			sqlite_close(rw);
			rc = migrate(s, path, 1);
		}
		free(rw_err);
	}
	if (rc != EC_OK)
		goto failmsg;
	s->own = ec_calloc(1, sizeof(struct report_batch));
	if (sqlite3_create_module_v2(s->db, "ec_report_batch", &batch_module, s->own, free) != SQLITE_OK) {
		s->own = NULL; /* freed by SQLite */
		rc = fail(s, "registering the report batch");
		goto failmsg;
	}
	for (int i = 0; i < S_NSTMT; i++)
		if (stmt_sql[i] && sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[i], NULL) !=
		    SQLITE_OK) {
			rc = fail(s, "preparing a statement");
			goto failmsg;
		}
	*out = &s->base;
	return EC_OK;
failmsg:
	*err = ec_strdup(s->base.errmsg);
fail:
	sqlite_close(&s->base);
	return rc == EC_OK ? EC_EIO : rc;
}

static int sqlite_schema_version(struct ec_store *base, int *version)
{
	return user_version((struct sql_store *)base, version);
}

static int count_one(struct sql_store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(s, "counting");
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? EC_OK : fail(s, "counting");
}

static sqlite3_stmt *db_prepare_once(struct sql_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

	return sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK ? st : NULL;
}

static void db_finalize_once(struct sql_store *s, sqlite3_stmt *st)
{
	(void)s;
	sqlite3_finalize(st);
}

const struct ec_store_ops ec_store_sqlite_ops = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.schema_version = sqlite_schema_version,
	SQL_STORE_OPS
};
