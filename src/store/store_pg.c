/*
** This is the PostgreSQL implementation of struct ec_store_ops, on libpq:
** the op code of store_sql.inc over a small driver that prepares every
** statement once per connection (PQprepare, then PQexecPrepared with text
** parameters), rewriting SQLite's words that PostgreSQL spells otherwise.
** The store lives in the connection's current schema (search_path).
*/
#include <ctype.h>
#include <libpq-fe.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "store_int.h"
#include "schema.h"

_Static_assert(EC_SCHEMA_VERSION == EC_NMIGRATIONS, "schema version and migrations disagree");

#define PG_MAXPARAMS 24
/* Type OIDs of the parameters the driver binds (catalog/pg_type.h). */
#define PG_INT8OID 20
#define PG_FLOAT8OID 701
#define PG_BYTEAOID 17

/* One connection and what the driver's calls report on (not libpq's
** struct pg_conn, which PGconn names). */
struct pg_link {
	PGconn *conn;
	char errmsg[400];  /* the last error */
	char sqlstate[6];  /* its SQLSTATE, "" when none */
	int nprepared;     /* names the next prepared statement */
	int epoch;         /* counts the connections made: a statement prepared
			   ** in an earlier one is prepared again */
	int lost_in_txn;   /* the connection broke inside a transaction */
	char settings[160]; /* the session's SETs, made again on reconnecting */
	int bulk;          /* ec_store_bulk_mode: the deferrable statements copied */
	int copying;       /* a COPY is under way: of deferred rows, or a copy's */
	int copy_table_rows; /* that COPY is a whole-table copy's (pg_table_put) */
	int copy_table;    /* the temporary table is there in this transaction */
	int copy_rows;     /* rows copied since the last merge */
	int deferred_failed; /* a merge failed: what follows in the transaction fails */
	char schema[128];  /* ec_store_listen: the store's, whose announcements count */
};

/* One statement: its text in PostgreSQL's words, prepared on first use
** with the types of the parameters then bound, and the result of its last
** execution, stepped through row by row. */
struct pg_stmt {
	struct pg_link *c;
	char *sql;
	char name[16];
	int prepared_epoch;            /* the connection's epoch it was prepared in; -1 */
	int starts;                    /* BEGIN or ROLLBACK: may run on a new connection */
	int reads;                     /* a SELECT: may be sent again */
	int deferrable;                /* a write whose answer nobody reads (a report) */
	int merges;                    /* reads or ends what the copied rows change */
	int sent;                      /* copied since the last reset */
	int nparams;
	char *values[PG_MAXPARAMS];    /* owned copies; NULL is SQL NULL */
	int lengths[PG_MAXPARAMS];
	int formats[PG_MAXPARAMS];     /* 1 for bytea, sent as it is */
	unsigned types[PG_MAXPARAMS];  /* 0: the server infers it */
	unsigned used;                 /* a bit per parameter the text names */
	PGresult *res;
	int row;                       /* the current row; -1 before the first */
	unsigned char *blob[2];        /* decoded bytea columns of the current row */
	int blob_col[2];
	size_t blob_len[2];
};

#define DB_CONN struct pg_link
#define db_stmt struct pg_stmt
#define DB_ROW 100
#define DB_DONE 101
#define DB_ERROR 1
#define DB_STATIC 0
#define DB_TRANSIENT 0
/* Plain BEGIN, then a transaction-scoped advisory lock named by the
** store's schema: writers follow one another as under SQLite's BEGIN
** IMMEDIATE (so the incentive ledger's budget check holds at commit),
** readers never wait (begin_read takes no lock). */
#define DB_BEGIN_WRITE "BEGIN"
#define DB_WRITE_LOCK "SELECT pg_advisory_xact_lock(hashtext(current_schema()))"
/* The catalogues' references are DEFERRABLE (pg_rewrite below). */
#define DB_DEFER_REFERENCES "SET CONSTRAINTS ALL DEFERRED"
/* A copy's key order and keys (the whole-table calls of store_sql.inc):
** text ordered bytewise as SQLite's BINARY does, whatever the database's
** collation; an identity column moved past the largest key copied. */
#define DB_BYTE_ORDER " COLLATE \"C\""
#define DB_RESEED "SELECT setval(pg_get_serial_sequence('\"%s\"', '%s'), coalesce(max(%s), 0) + 1, false) FROM \"%s\""

/* Keeps the server's message on one line: its primary text and, when it
** has one, its detail (which key, which row), without "ERROR:". */
static void pg_error(struct pg_link *c, const PGresult *res)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (primary)
		snprintf(c->errmsg, sizeof c->errmsg, "%s%s%s%s", primary, detail ? " (" : "", detail ? detail : "",
			 detail ? ")" : "");
	else
		snprintf(c->errmsg, sizeof c->errmsg, "%s", *PQerrorMessage(c->conn) ? PQerrorMessage(c->conn) : "failed");
	for (char *p = c->errmsg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	for (size_t n = strlen(c->errmsg); n && c->errmsg[n - 1] == ' '; n--)
		c->errmsg[n - 1] = '\0';
	snprintf(c->sqlstate, sizeof c->sqlstate, "%s", state ? state : "");
}

static const char *db_errmsg(struct pg_link *c)
{
	return c->errmsg;
}

static int db_in_transaction(struct pg_link *c)
{
	return PQtransactionStatus(c->conn) != PQTRANS_IDLE;
}

/* unique_violation: a taken key, primary or unique */
static int db_unique_violation(struct pg_link *c)
{
	return strcmp(c->sqlstate, "23505") == 0;
}

/* A connection the server dropped (a restart, a failover) is made again
** before the next statement, with the session's settings, unless it broke
** inside a transaction: then only what ends it (ROLLBACK) or begins the
** next (starting) may go on, so that no write meant for the lost
** transaction runs on its own. Returns 0, or -1 with the message. */
static int pg_revive(struct pg_link *c, int starting)
{
	PGresult *res;

	/* Between transactions, read what the server may have sent: a server
	** that stopped has said so (one read) and closed the socket (the next),
	** which a statement sent now would find only by failing. */
	if (PQstatus(c->conn) == CONNECTION_OK && PQtransactionStatus(c->conn) == PQTRANS_IDLE &&
	    PQconsumeInput(c->conn))
		PQconsumeInput(c->conn);
	if (PQstatus(c->conn) == CONNECTION_OK)
		return 0;
	if (c->lost_in_txn && !starting) {
		snprintf(c->errmsg, sizeof c->errmsg, "the connection to the server was lost inside a transaction");
		c->sqlstate[0] = '\0';
		return -1;
	}
	PQreset(c->conn);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		pg_error(c, NULL);
		return -1;
	}
	c->lost_in_txn = 0;
	c->epoch++;
	res = PQexec(c->conn, c->settings);
	PQclear(res);
	return 0;
}

/* After a call failed: was it the connection, and inside a transaction? */
static void pg_note_loss(struct pg_link *c, int was_in_txn)
{
	if (PQstatus(c->conn) != CONNECTION_OK)
		c->lost_in_txn = was_in_txn;
}

/* ---- the bulk writer's COPY ----
**
** Under ec_store_bulk_mode, inside a transaction, a report's upsert (the
** bulk of an import or of the demo, and a write whose answer nobody reads)
** is not run as it comes: its row goes by COPY into a temporary table, and
** from there into report in one upsert (the last row of a key winning, as
** row-by-row upserts would) every PG_COPY_ROWS rows and before a statement
** that reads reports or ends the transaction. Any other statement only
** ends the COPY under way (the connection runs one thing at a time), so an
** enterprise written between its reports costs a round trip, not a merge. The rows are data on COPY's stream, never SQL text. A
** failure (the bulk writer has checked every reference, so it would be the
** server's) fails the next call and, PostgreSQL having aborted the
** transaction, everything after it until the rollback. */
#define PG_COPY_ROWS 65536
#define PG_REPORT_COLS "enterprise_id, period, revenue, output, value_added, employees, rd_expense, patents," \
		       " investment, exports"
static const char pg_copy_table[] = "CREATE TEMP TABLE IF NOT EXISTS ec_report_in (LIKE report, seq BIGSERIAL)";
static const char pg_copy_start[] = "COPY ec_report_in (" PG_REPORT_COLS ") FROM STDIN";
static const char pg_copy_merge[] =
	"INSERT INTO report (" PG_REPORT_COLS ") SELECT DISTINCT ON (enterprise_id, period) " PG_REPORT_COLS
	" FROM ec_report_in ORDER BY enterprise_id, period, seq DESC"
	" ON CONFLICT (enterprise_id, period) DO UPDATE SET revenue = excluded.revenue, output = excluded.output,"
	" value_added = excluded.value_added, employees = excluded.employees, rd_expense = excluded.rd_expense,"
	" patents = excluded.patents, investment = excluded.investment, exports = excluded.exports";
static const char pg_copy_clear[] = "TRUNCATE ec_report_in";

/* Runs fixed SQL, expecting status; 0, or -1 with the message. */
static int pg_run(struct pg_link *c, const char *sql, ExecStatusType status)
{
	PGresult *res = PQexec(c->conn, sql);
	int ok = PQresultStatus(res) == status;

	if (!ok)
		pg_error(c, res);
	PQclear(res);
	return ok ? 0 : -1;
}

/* Ends the COPY under way, and with merge moves the copied rows into
** report. keep 0 throws them away (the transaction is being rolled back).
** Returns 0, or -1 with the message of the first failure since the
** transaction began. */
static int pg_flush(struct pg_link *c, int keep, int merge)
{
	PGresult *res;
	int failed = 0, table = 0;

	if (c->copying) {
		c->copying = 0;
		table = c->copy_table_rows;
		c->copy_table_rows = 0;
		if (PQputCopyEnd(c->conn, keep ? NULL : "rolled back") != 1) {
			pg_error(c, NULL);
			failed = 1;
		}
		while ((res = PQgetResult(c->conn))) {
			if (keep && !failed && PQresultStatus(res) != PGRES_COMMAND_OK) {
				pg_error(c, res);
				failed = 1;
			}
			PQclear(res);
		}
	}
	if (!keep)
		c->copy_rows = 0;
	if (keep && merge && !failed && !c->deferred_failed && c->copy_rows > 0) {
		c->copy_rows = 0;
		failed = pg_run(c, pg_copy_merge, PGRES_COMMAND_OK) || pg_run(c, pg_copy_clear, PGRES_COMMAND_OK);
	}
	if (failed) {
		char first[sizeof c->errmsg];
		snprintf(first, sizeof first, "%s: %.370s", table ? "rows copied before" : "reports written before",
			 c->errmsg);
		memcpy(c->errmsg, first, sizeof first);
		c->deferred_failed = 1;
	}
	return c->deferred_failed && keep ? -1 : 0;
}

static int db_bulk_mode(struct pg_link *c, int on, char *msg, size_t size)
{
	int rc = pg_flush(c, 1, 1);

	c->bulk = on;
	if (rc != 0)
		snprintf(msg, size, "%s", c->errmsg);
	return rc;
}

/* A transaction's end forgets its deferred failure, and its temporary
** table (a rollback may have taken it). */
static void pg_txn_ended(struct pg_link *c)
{
	c->deferred_failed = 0;
	c->copy_table = 0;
}

/* Fixed SQL without parameters: transaction control and settings. */
static int db_exec(struct pg_link *c, const char *sql, char *msg, size_t size)
{
	int starting = strncmp(sql, "BEGIN", 5) == 0 || strncmp(sql, "ROLLBACK", 8) == 0;
	int ending = strncmp(sql, "ROLLBACK", 8) == 0 || strncmp(sql, "COMMIT", 6) == 0;
	int was_in_txn, ok = 0;
	PGresult *res = NULL;

	if (pg_flush(c, strncmp(sql, "ROLLBACK", 8) != 0, 1) != 0) {
		snprintf(msg, size, "%s", c->errmsg);
		return -1;
	}
	if (ending)
		pg_txn_ended(c);
	if (pg_revive(c, starting) == 0) {
		was_in_txn = PQtransactionStatus(c->conn) != PQTRANS_IDLE;
		res = PQexec(c->conn, sql);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
		if (!ok) {
			pg_error(c, res);
			pg_note_loss(c, was_in_txn);
		}
	}
	if (!ok)
		snprintf(msg, size, "%s", c->errmsg);
	PQclear(res);
	return ok ? 0 : -1;
}

/* ---- the dialect: SQLite's words as PostgreSQL spells them ---- */

static const char *const pg_rewrites[][2] = {
	/* the clock, as text in ISO 8601 UTC */
	{ "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" },
	{ "instr(", "strpos(" },
	/* "?1 IS NULL OR x = ?1" leaves PostgreSQL no type to infer; all are text */
	{ "?1 IS NULL", "?1::text IS NULL" },
	{ "?2 IS NULL", "?2::text IS NULL" },
	{ "SELECT value FROM json_each(?6)", "SELECT value::bigint FROM json_array_elements_text(?6::json)" },
	/* SQLite reads a negative LIMIT as none; PostgreSQL reads NULL so */
	{ "LIMIT ?1", "LIMIT (CASE WHEN ?1 < 0 THEN NULL ELSE ?1 END)" },
	{ "LIMIT ?2", "LIMIT (CASE WHEN ?2 < 0 THEN NULL ELSE ?2 END)" },
	{ "LIMIT ?8", "LIMIT (CASE WHEN ?8 < 0 THEN NULL ELSE ?8 END)" },
	/* the schema's types: 64-bit integers, doubles, bytes */
	{ "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
	{ "INTEGER", "BIGINT" },
	{ " REAL", " DOUBLE PRECISION" },
	{ " BLOB", " BYTEA" },
	{ ") WITHOUT ROWID", ")" },
	/* session_user is a word of PostgreSQL's (the index's name only) */
	{ "CREATE INDEX session_user ON", "CREATE INDEX session_by_user ON" },
	/* a catalogue is replaced whole inside one transaction, its references
	** checked at commit (DB_DEFER_REFERENCES) */
	{ "REFERENCES sei_category(code)", "REFERENCES sei_category(code) DEFERRABLE" },
	{ "REFERENCES industry(code)", "REFERENCES industry(code) DEFERRABLE" },
	{ "REFERENCES region(code)", "REFERENCES region(code) DEFERRABLE" },
};


/* Returns sql with every rewrite applied and ?N made $N (caller frees);
** *nparams is the highest N, *used a bit per N named. */
static char *pg_rewrite(const char *sql, int *nparams, unsigned *used)
{
	struct ec_buf b, out;

	ec_buf_init(&b, 0);
	ec_buf_add(&b, sql, strlen(sql));
	ec_buf_addc(&b, '\0');
	for (size_t r = 0; r < sizeof pg_rewrites / sizeof pg_rewrites[0]; r++) {
		const char *from = pg_rewrites[r][0], *to = pg_rewrites[r][1], *p = b.data, *hit;
		if (!strstr(p, from))
			continue;
		ec_buf_init(&out, 0);
		while ((hit = strstr(p, from))) {
			ec_buf_add(&out, p, (size_t)(hit - p));
			ec_buf_add(&out, to, strlen(to));
			p = hit + strlen(from);
		}
		ec_buf_add(&out, p, strlen(p) + 1);
		ec_buf_release(&b);
		b = out;
	}
	*nparams = 0;
	*used = 0;
	for (char *p = b.data; (p = strchr(p, '?')); p++) {
		char *end;
		long n = strtol(p + 1, &end, 10);
		if (end == p + 1)
			continue;
		*p = '$';
		if (n >= 1 && n <= 32)
			*used |= 1u << (n - 1);
		if (n > *nparams)
			*nparams = (int)n;
	}
	return b.data;
}

/* ---- the driver's statements ---- */

static struct pg_stmt *pg_stmt_new(struct pg_link *c, const char *sql)
{
	struct pg_stmt *st = ec_calloc(1, sizeof *st);

	st->c = c;
	st->sql = pg_rewrite(sql, &st->nparams, &st->used);
	st->row = -1;
	st->prepared_epoch = -1;
	st->reads = strncmp(st->sql, "SELECT", 6) == 0;
	st->merges = strstr(st->sql, "report") || strncmp(st->sql, "COMMIT", 6) == 0 ||
		     strncmp(st->sql, "BEGIN", 5) == 0 || strncmp(st->sql, "ROLLBACK", 8) == 0;
	snprintf(st->name, sizeof st->name, "ec%d", c->nprepared++);
	return st;
}

static void pg_clear_blobs(struct pg_stmt *st)
{
	for (int i = 0; i < 2; i++) {
		PQfreemem(st->blob[i]);
		st->blob[i] = NULL;
		st->blob_col[i] = -1;
	}
}

static void db_reset(struct pg_stmt *st)
{
	st->sent = 0;
	pg_clear_blobs(st);
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
}

static void db_clear_bindings(struct pg_stmt *st)
{
	for (int i = 0; i < PG_MAXPARAMS; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
		st->types[i] = 0;
	}
}

static void pg_stmt_free(struct pg_stmt *st)
{
	if (!st)
		return;
	db_reset(st);
	db_clear_bindings(st);
	free(st->sql);
	free(st);
}

static void pg_bind(struct pg_stmt *st, int i, char *value, int length, int format, unsigned type)
{
	if (i < 1 || i > PG_MAXPARAMS) {
		free(value);
		return;
	}
	free(st->values[i - 1]);
	st->values[i - 1] = value;
	st->lengths[i - 1] = length;
	st->formats[i - 1] = format;
	st->types[i - 1] = type;
}

static void db_bind_int64(struct pg_stmt *st, int i, int64_t v)
{
	pg_bind(st, i, ec_asprintf("%lld", (long long)v), 0, 0, PG_INT8OID);
}

static void db_bind_int(struct pg_stmt *st, int i, int v)
{
	db_bind_int64(st, i, v);
}

static void db_bind_double(struct pg_stmt *st, int i, double v)
{
	pg_bind(st, i, ec_asprintf("%.17g", v), 0, 0, PG_FLOAT8OID);
}

static void db_bind_null(struct pg_stmt *st, int i)
{
	pg_bind(st, i, NULL, 0, 0, 0);
}

/* Text is copied (so DB_STATIC and DB_TRANSIENT are one); its type is left
** for the server to infer from where the parameter stands. */
static void db_bind_text(struct pg_stmt *st, int i, const char *v, int n, int how)
{
	(void)how;
	if (!v) {
		db_bind_null(st, i);
		return;
	}
	pg_bind(st, i, n < 0 ? ec_strdup(v) : ec_strndup(v, (size_t)n), 0, 0, 0);
}

static void db_bind_blob(struct pg_stmt *st, int i, const void *v, int n, int how)
{
	char *copy = ec_malloc((size_t)n + 1);

	(void)how;
	memcpy(copy, v, (size_t)n);
	pg_bind(st, i, copy, n, 1, PG_BYTEAOID);
}

/* Prepares st once, with the types of the parameters bound now. */
static int pg_prepare(struct pg_stmt *st)
{
	unsigned types[PG_MAXPARAMS];
	PGresult *res;
	int ok;

	/* A parameter the text leaves out (?7 of the enterprise filter) must
	** still have a type; any does. One not bound is NULL, as in SQLite. */
	for (int i = 0; i < st->nparams; i++)
		types[i] = (st->used >> i) & 1 ? st->types[i] : PG_INT8OID;
	res = PQprepare(st->c->conn, st->name, st->sql, st->nparams, types);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		pg_error(st->c, res);
	PQclear(res);
	st->prepared_epoch = ok ? st->c->epoch : -1;
	return ok ? 0 : -1;
}

/* Copies the row of a deferrable statement (its parameters, in the order
** of COPY's columns): DB_DONE at once, or DB_ERROR when an earlier merge
** failed or the row cannot be sent. */
static int pg_send_deferred(struct pg_stmt *st)
{
	struct pg_link *c = st->c;
	struct ec_buf line;
	int ok;

	if (c->deferred_failed)
		return DB_ERROR;
	if (c->copy_table_rows && pg_flush(c, 1, 0) != 0)
		return DB_ERROR;
	if (!c->copying) {
		if (!c->copy_table && pg_run(c, pg_copy_table, PGRES_COMMAND_OK))
			return DB_ERROR;
		c->copy_table = 1;
		if (pg_run(c, pg_copy_start, PGRES_COPY_IN))
			return DB_ERROR;
		c->copying = 1;
	}
	ec_buf_init(&line, 0);
	for (int i = 0; i < st->nparams; i++) {
		const char *v = st->values[i];
		if (i)
			ec_buf_addc(&line, '\t');
		if (!v) {
			ec_buf_add(&line, "\\N", 2);
			continue;
		}
		for (; *v; v++) {
			if (*v == '\\' || *v == '\t' || *v == '\n' || *v == '\r')
				ec_buf_addc(&line, '\\');
			ec_buf_addc(&line, *v == '\t' ? 't' : *v == '\n' ? 'n' : *v == '\r' ? 'r' : *v);
		}
	}
	ec_buf_addc(&line, '\n');
	ok = PQputCopyData(c->conn, line.data, (int)line.len) == 1;
	ec_buf_release(&line);
	if (!ok) {
		pg_error(c, NULL);
		return DB_ERROR;
	}
	st->sent = 1;
	if (++c->copy_rows >= PG_COPY_ROWS && pg_flush(c, 1, 1) != 0)
		return DB_ERROR;
	return DB_DONE;
}

/* The first step runs the statement and keeps its rows; every step moves
** to the next. Returns DB_ROW, DB_DONE or DB_ERROR (the message on the
** connection). */
static int db_step(struct pg_stmt *st)
{
	ExecStatusType status;
	int was_in_txn;

	pg_clear_blobs(st);
	if (st->sent)
		return DB_DONE;
	if (!st->res && st->deferrable && st->c->bulk &&
	    (st->c->copying || PQtransactionStatus(st->c->conn) == PQTRANS_INTRANS))
		return pg_send_deferred(st);
	if (!st->res) {
		/* the rows copied before go in first; a BEGIN or ROLLBACK goes on
		** whatever became of them */
		if (pg_flush(st->c, !st->starts, st->merges) != 0)
			return DB_ERROR;
		if (st->starts && !st->reads)
			pg_txn_ended(st->c);
		if (pg_revive(st->c, st->starts) != 0)
			return DB_ERROR;
		was_in_txn = PQtransactionStatus(st->c->conn) != PQTRANS_IDLE;
		if (st->prepared_epoch != st->c->epoch && pg_prepare(st) != 0) {
			pg_note_loss(st->c, was_in_txn);
			return DB_ERROR;
		}
		st->res = PQexecPrepared(st->c->conn, st->name, st->nparams, (const char *const *)st->values,
					 st->lengths, st->formats, 0);
		/* A read outside a transaction that found the connection gone is
		** sent once more on a new one; a write is not (it may have run). */
		if (PQstatus(st->c->conn) != CONNECTION_OK && !was_in_txn && st->reads) {
			PQclear(st->res);
			st->res = NULL;
			if (pg_revive(st->c, 0) != 0 || pg_prepare(st) != 0)
				return DB_ERROR;
			st->res = PQexecPrepared(st->c->conn, st->name, st->nparams, (const char *const *)st->values,
						 st->lengths, st->formats, 0);
		}
		status = PQresultStatus(st->res);
		if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
			pg_error(st->c, st->res);
			pg_note_loss(st->c, was_in_txn);
			PQclear(st->res);
			st->res = NULL;
			return DB_ERROR;
		}
		st->c->sqlstate[0] = '\0';
		st->row = -1;
	}
	if (st->row + 1 < PQntuples(st->res)) {
		st->row++;
		return DB_ROW;
	}
	st->row = PQntuples(st->res);
	return DB_DONE;
}

static int db_column_is_null(struct pg_stmt *st, int i)
{
	return !st->res || st->row < 0 || st->row >= PQntuples(st->res) || PQgetisnull(st->res, st->row, i);
}

static const unsigned char *db_column_text(struct pg_stmt *st, int i)
{
	return db_column_is_null(st, i) ? NULL : (const unsigned char *)PQgetvalue(st->res, st->row, i);
}

static int64_t db_column_int64(struct pg_stmt *st, int i)
{
	const char *v = (const char *)db_column_text(st, i);

	if (!v)
		return 0;
	if (strcmp(v, "t") == 0 || strcmp(v, "f") == 0)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static int db_column_int(struct pg_stmt *st, int i)
{
	return (int)db_column_int64(st, i);
}

static double db_column_double(struct pg_stmt *st, int i)
{
	const char *v = (const char *)db_column_text(st, i);

	return v ? strtod(v, NULL) : 0.0;
}

/* bytea comes as text (\x hex); decoded once per column and row. */
static int pg_blob_slot(struct pg_stmt *st, int i)
{
	int slot = st->blob_col[0] == i ? 0 : st->blob_col[1] == i ? 1 : -1;
	const unsigned char *text;

	if (slot >= 0)
		return slot;
	slot = st->blob[0] ? 1 : 0;
	PQfreemem(st->blob[slot]);
	st->blob[slot] = NULL;
	st->blob_len[slot] = 0;
	st->blob_col[slot] = i;
	if ((text = db_column_text(st, i)))
		st->blob[slot] = PQunescapeBytea(text, &st->blob_len[slot]);
	return slot;
}

static const void *db_column_blob(struct pg_stmt *st, int i)
{
	return st->blob[pg_blob_slot(st, i)];
}

static int db_column_bytes(struct pg_stmt *st, int i)
{
	return (int)st->blob_len[pg_blob_slot(st, i)];
}

/* The reports are read by binary COPY, streamed, and a copy's rows put by
** COPY (below). */
static int pg_report_each(struct ec_store *base, int from, int to, ec_report_fn fn, void *ctx);
#define DB_REPORT_EACH pg_report_each
static int pg_table_put(struct ec_store *base, int table, const struct ec_value *row, int ncols);
#define DB_TABLE_PUT pg_table_put

#include "store_sql.inc"

/* Statements whose SQLite text no rewrite fits: a read's snapshot, and
** SQLite's rowid, which INSERT OR REPLACE renews, that orders the jobs put
** at the same second. */
static const char *const pg_statements[S_NSTMT] = {
	/* one snapshot for every read in it, and no lock that keeps writers out */
	[S_BEGIN_READ] = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
	/* the move is announced in its transaction: listeners hear of it at
	** the commit, never of a move rolled back (ec_store_announce) */
	[S_FACTS_BUMP] = "UPDATE facts_state SET generation = generation + 1 WHERE id = 1"
			 " RETURNING pg_notify('echelon', current_schema() || ' facts')",
	[S_JOB_PUT] = "INSERT INTO job(" JOB_COLS ", result) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		      " ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, kind = excluded.kind,"
		      " label = excluded.label, state = excluded.state, created_at = excluded.created_at,"
		      " started_at = excluded.started_at, finished_at = excluded.finished_at,"
		      " expires_at = excluded.expires_at, http_status = excluded.http_status, result = excluded.result,"
		      " seq = nextval(pg_get_serial_sequence('job', 'seq'))",
	[S_JOB_ALL] = "SELECT " JOB_COLS ", NULL FROM job WHERE ?1 < 0 OR user_id = ?1"
		      " ORDER BY created_at DESC, seq DESC LIMIT ?2",
	/* a job whose server holds its name (pg_listen) runs still */
	/* asked before each replica read (--read-db): kept prepared */
	[S_LOG_POS] = "SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
		      " ELSE pg_current_wal_insert_lsn() END - '0/0'::pg_lsn)::bigint",
	[S_JOB_SETTLE] = "UPDATE job SET state = 'failed', finished_at = ?1, expires_at = ?2, http_status = ?3,"
			 " result = ?4 WHERE state IN ('queued', 'running')"
			 " AND pg_try_advisory_xact_lock(hashtext(current_schema()), hashtext(substr(id, 1, 16)))",
};

/* ---- the reports by binary COPY ----
**
** The column store reads every report (22.5 M at national scale). An
** answer of PQexecPrepared is held whole by the client, as text: gigabytes,
** each number parsed from its digits. COPY ... TO STDOUT (FORMAT binary)
** streams the rows, one message each, with every number in network byte
** order; they are read as they come and the memory stays one row's. The
** casts fix each column's wire type whatever the table says. The two
** periods are the only values in the text, printed from ints (COPY takes
** no parameters). */
#define PG_COPY_REPORTS "COPY (SELECT enterprise_id::int8, period::int4, revenue::float8, output::float8," \
	" value_added::float8, employees::int8, rd_expense::float8, patents::int8, investment::float8," \
	" exports::float8 FROM report WHERE period BETWEEN %d AND %d ORDER BY enterprise_id, period)" \
	" TO STDOUT (FORMAT binary)"

static const unsigned char pg_copy_signature[11] = "PGCOPY\n\377\r\n";

static uint32_t pg_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t pg_be64(const unsigned char *p)
{
	return (uint64_t)pg_be32(p) << 32 | pg_be32(p + 4);
}

/* One field of a binary row: its bytes (n -1: NULL). */
struct pg_field {
	const unsigned char *p;
	int n;
};

/* Reads one row of want fields at *p (advanced past it). Returns 1 for a
** row, 0 for the trailer, -1 for anything else. */
static int pg_copy_row(const unsigned char **p, const unsigned char *end, struct pg_field *f, int want)
{
	const unsigned char *q = *p;
	int nfields;

	if (end - q < 2)
		return -1;
	nfields = (int16_t)(q[0] << 8 | q[1]);
	q += 2;
	if (nfields == -1) {
		*p = q;
		return 0;
	}
	if (nfields != want)
		return -1;
	for (int i = 0; i < want; i++) {
		if (end - q < 4)
			return -1;
		f[i].n = (int32_t)pg_be32(q);
		f[i].p = q + 4;
		q += 4;
		if (f[i].n < -1 || (f[i].n > 0 && end - q < f[i].n))
			return -1;
		if (f[i].n > 0)
			q += f[i].n;
	}
	*p = q;
	return 1;
}

static int64_t pg_field_int(const struct pg_field *f)
{
	return f->n == 8 ? (int64_t)pg_be64(f->p) : f->n == 4 ? (int32_t)pg_be32(f->p) : 0;
}

static double pg_field_double(const struct pg_field *f)
{
	uint64_t bits;
	double d;

	if (f->n != 8)
		return 0;
	bits = pg_be64(f->p);
	memcpy(&d, &bits, sizeof d);
	return d;
}

/* One COPY message: the header first (in the first message), then rows
** for fn until it stops. Returns 0, the callback's stop, or -1 when the
** bytes are not COPY's binary format. */
static int pg_copy_reports_message(const unsigned char *p, const unsigned char *end, int *header, ec_report_fn fn,
				   void *ctx)
{
	struct pg_field f[10];
	int rc, stop;

	if (!*header) {
		if (end - p < 19 || memcmp(p, pg_copy_signature, sizeof pg_copy_signature) != 0)
			return -1;
		p += 15;
		if ((uint32_t)(end - p) < 4 + pg_be32(p))
			return -1;
		p += 4 + pg_be32(p); /* the header's extension, unused */
		*header = 1;
	}
	while (p < end && (rc = pg_copy_row(&p, end, f, 10)) != 0) {
		struct ec_report r;
		if (rc < 0)
			return -1;
		r.enterprise_id = pg_field_int(&f[0]);
		r.period = (int)pg_field_int(&f[1]);
		r.revenue = pg_field_double(&f[2]);
		r.output = pg_field_double(&f[3]);
		r.value_added = pg_field_double(&f[4]);
		r.employees = pg_field_int(&f[5]);
		r.rd_expense = pg_field_double(&f[6]);
		r.patents = pg_field_int(&f[7]);
		r.investment = pg_field_double(&f[8]);
		r.exports = pg_field_double(&f[9]);
		if ((stop = fn(ctx, &r)) != 0)
			return stop;
	}
	return 0;
}

static int pg_report_each(struct ec_store *base, int from, int to, ec_report_fn fn, void *ctx)
{
	struct sql_store *s = (struct sql_store *)base;
	struct pg_link *c = s->db;
	char sql[sizeof PG_COPY_REPORTS + 32];
	PGresult *res;
	char *buf;
	int n, header = 0, stop = 0, broken = 0, was_in_txn;

	/* the rows copied in before go in first, as for any read of reports */
	if (pg_flush(c, 1, 1) != 0 || pg_revive(c, 0) != 0)
		return fail(s, "reading reports");
	snprintf(sql, sizeof sql, PG_COPY_REPORTS, from < 0 ? 0 : from, to < 0 ? 1 << 30 : to);
	was_in_txn = PQtransactionStatus(c->conn) != PQTRANS_IDLE;
	res = PQexec(c->conn, sql);
	if (PQresultStatus(res) != PGRES_COPY_OUT) {
		pg_error(c, res);
		PQclear(res);
		pg_note_loss(c, was_in_txn);
		return fail(s, "reading reports");
	}
	PQclear(res);
	/* A callback that stops, or bytes not understood, leave the rest
	** read and dropped: a cancel would abort the transaction around. */
	while ((n = PQgetCopyData(c->conn, &buf, 0)) > 0) {
		if (!stop && !broken) {
			int rc = pg_copy_reports_message((const unsigned char *)buf, (const unsigned char *)buf + n,
							 &header, fn, ctx);
			if (rc < 0)
				broken = 1;
			else
				stop = rc;
		}
		PQfreemem(buf);
	}
	if (n == -2)
		pg_error(c, NULL);
	while ((res = PQgetResult(c->conn))) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && n != -2) {
			pg_error(c, res);
			n = -2;
		}
		PQclear(res);
	}
	if (n == -2) {
		pg_note_loss(c, was_in_txn);
		return fail(s, "reading reports");
	}
	if (broken) {
		snprintf(c->errmsg, sizeof c->errmsg, "the server's COPY is not in the binary format expected");
		return fail(s, "reading reports");
	}
	return stop;
}

/* ---- a whole-table copy's rows by COPY ----
**
** echelon migrate and restore put every row of every table: 22.5 M
** reports at national scale, at a round trip each as INSERTs. They go on
** one COPY ... FROM STDIN per table instead, in COPY's text format (which
** reads each value as the column's type, as an INSERT's text parameter
** would). The COPY ends at the next statement (pg_flush), and a row the
** server refuses fails that statement and the transaction, as the insert
** would have. */
static void pg_copy_text(struct ec_buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = p[i];
		if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r')
			ec_buf_addc(b, '\\');
		ec_buf_addc(b, ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : ch);
	}
}

static int pg_table_put(struct ec_store *base, int table, const struct ec_value *row, int ncols)
{
	static const char hexdigit[] = "0123456789abcdef";
	struct sql_store *s = (struct sql_store *)base;
	struct pg_link *c = s->db;
	const struct sql_table *t = sql_table_at(s, table);
	struct ec_buf line;
	int ok;

	if (!t)
		return EC_EUSAGE;
	if (ncols != (int)strlen(t->kinds)) {
		snprintf(s->base.errmsg, sizeof s->base.errmsg, "%s: %d columns, expected %d", t->name, ncols,
			 (int)strlen(t->kinds));
		return EC_EUSAGE;
	}
	if (c->deferred_failed)
		return fail(s, t->name);
	if (!c->copying || !c->copy_table_rows || s->put_table != table) {
		char sql[512];
		if (pg_flush(c, 1, 1) != 0)
			return fail(s, t->name);
		/* a catalogue's parent may sort after its child ("39" under "C") */
		if (!s->copying && exec(s, DB_DEFER_REFERENCES, "deferring references"))
			return EC_EIO;
		s->copying = 1;
		snprintf(sql, sizeof sql, "COPY \"%s\"(%s) FROM STDIN", t->name, t->cols);
		if (pg_run(c, sql, PGRES_COPY_IN) != 0)
			return fail(s, t->name);
		c->copying = 1;
		c->copy_table_rows = 1;
		s->put_table = table;
	}
	ec_buf_init(&line, 0);
	for (int i = 0; i < ncols; i++) {
		const struct ec_value *v = &row[i];
		if (i)
			ec_buf_addc(&line, '\t');
		switch (v->kind) {
		case EC_VALUE_INT: ec_buf_printf(&line, "%lld", (long long)v->i); break;
		case EC_VALUE_REAL: ec_buf_printf(&line, "%.17g", v->r); break;
		case EC_VALUE_TEXT: pg_copy_text(&line, v->p ? v->p : "", v->n); break;
		case EC_VALUE_BLOB:
			/* bytea's input \x and hex digits, its backslash escaped */
			ec_buf_add(&line, "\\\\x", 3);
			for (size_t k = 0; k < v->n; k++) {
				ec_buf_addc(&line, hexdigit[((const unsigned char *)v->p)[k] >> 4]);
				ec_buf_addc(&line, hexdigit[((const unsigned char *)v->p)[k] & 15]);
			}
			break;
		default: ec_buf_add(&line, "\\N", 2); break;
		}
	}
	ec_buf_addc(&line, '\n');
	ok = PQputCopyData(c->conn, line.data, (int)line.len) == 1;
	ec_buf_release(&line);
	if (!ok) {
		pg_error(c, NULL);
		return fail(s, t->name);
	}
	return EC_OK;
}

/* ---- the store's identity ----
**
** The cluster's system identifier, the database's and the schema's oids:
** what no other store has, and what a schema dropped and made again under
** the same name does not keep (so a column store of the old one is never
** taken for the new one's). Shown as database-schema-hash. */
static int pg_identity(struct ec_store *base, char *buf, size_t size)
{
	struct sql_store *s = (struct sql_store *)base;
	struct pg_stmt *st =
		pg_stmt_new(s->db, "SELECT current_database(), current_schema(),"
				   " (SELECT system_identifier FROM pg_control_system())::text || '.' ||"
				   " (SELECT oid FROM pg_database WHERE datname = current_database())::text || '.' ||"
				   " (SELECT oid FROM pg_namespace WHERE nspname = current_schema())::text");
	int rc = db_step(st);

	if (rc == DB_ROW) {
		const char *id = (const char *)db_column_text(st, 2);
		char name[2][48];
		for (int i = 0; i < 2; i++) {
			const char *t = (const char *)db_column_text(st, i);
			size_t k = 0;
			for (; t && *t && k + 1 < sizeof name[i]; t++)
				name[i][k++] = (isalnum((unsigned char)*t) || *t == '_') ? *t : '_';
			name[i][k] = '\0';
		}
		snprintf(buf, size, "%s-%s-%016llx", name[0], name[1],
			 (unsigned long long)XXH3_64bits(id ? id : "", id ? strlen(id) : 0));
		rc = EC_OK;
	} else
		rc = fail(s, "naming the store");
	db_finalize_once(s, st);
	return rc;
}

/* ---- the log's position, for readers on a streaming replica ---- */
static int pg_log_position(struct ec_store *base, uint64_t *pos)
{
	struct sql_store *s = (struct sql_store *)base;
	db_stmt *st = stmt(s, S_LOG_POS);
	int rc = db_step(st);

	*pos = rc == DB_ROW && !db_column_is_null(st, 0) ? (uint64_t)db_column_int64(st, 0) : 0;
	db_reset(st);
	return rc == DB_ROW ? EC_OK : fail(s, "reading the log's position");
}

/* ---- connection, schema and migrations ---- */

static int count_one(struct sql_store *s, const char *sql, int64_t *out)
{
	struct pg_stmt *st = pg_stmt_new(s->db, sql);
	int rc = db_step(st);

	*out = rc == DB_ROW && !db_column_is_null(st, 0) ? db_column_int64(st, 0) : -1;
	rc = rc == DB_ROW ? EC_OK : fail(s, "counting");
	if (st->prepared_epoch == st->c->epoch) {
		char dealloc[40];
		char msg[64];
		snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", st->name);
		db_exec(s->db, dealloc, msg, sizeof msg);
	}
	pg_stmt_free(st);
	return rc;
}

static struct pg_stmt *db_prepare_once(struct sql_store *s, const char *sql)
{
	return pg_stmt_new(s->db, sql);
}

/* Frees st and the server's prepared statement, if it was made. */
static void db_finalize_once(struct sql_store *s, struct pg_stmt *st)
{
	char dealloc[40], msg[64];

	if (!st)
		return;
	if (st->prepared_epoch == st->c->epoch) {
		snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", st->name);
		db_exec(s->db, dealloc, msg, sizeof msg);
	}
	pg_stmt_free(st);
}

/* The schema version of the store in the current schema: 0 when it has
** none yet. */
static int pg_version(struct sql_store *s, int *version)
{
	int64_t v = 0, exists = 0;

	*version = -1;
	if (count_one(s, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'ec_schema'",
		      &exists))
		return EC_EIO;
	if (exists && count_one(s, "SELECT max(version) FROM ec_schema", &v))
		return EC_EIO;
	*version = exists && v > 0 ? (int)v : 0;
	return EC_OK;
}

static int pg_schema_version(struct ec_store *base, int *version)
{
	return pg_version((struct sql_store *)base, version);
}

/* Applies the pending migrations, each with its version in one
** transaction, under a lock that keeps two servers from migrating the same
** store at once. */
static int pg_migrate(struct sql_store *s, const char *uri, int readonly)
{
	int version;

	if (exec(s, "BEGIN", "migrating") || exec(s, DB_WRITE_LOCK, "migrating"))
		goto fail;
	if (pg_version(s, &version))
		goto fail;
	if (version > EC_SCHEMA_VERSION) {
		exec(s, "ROLLBACK", "migrating");
		snprintf(s->base.errmsg, sizeof s->base.errmsg,
			 "%s: database schema version %d is newer than this echelon understands (%d); "
			 "use a newer echelon", uri, version, EC_SCHEMA_VERSION);
		return EC_ESCHEMA;
	}
	if (version < EC_SCHEMA_VERSION && readonly) {
		exec(s, "ROLLBACK", "migrating");
		snprintf(s->base.errmsg, sizeof s->base.errmsg,
			 "%s: database schema version %d is older than %d; open it read-write once to upgrade",
			 uri, version, EC_SCHEMA_VERSION);
		return EC_ESCHEMA;
	}
	if (version == 0 && exec(s, "CREATE TABLE ec_schema(version INTEGER NOT NULL)", "migrating"))
		goto fail;
	for (int v = version; v < EC_SCHEMA_VERSION; v++) {
		int n;
		unsigned used;
		char *sql = pg_rewrite(ec_migrations[v].sql, &n, &used);
		char bump[80];
		int rc = exec(s, sql, "migrating");
		free(sql);
		if (rc == EC_OK && ec_migrations[v].pg)
			rc = exec(s, ec_migrations[v].pg, "migrating");
		snprintf(bump, sizeof bump, "DELETE FROM ec_schema; INSERT INTO ec_schema VALUES (%d)", v + 1);
		if (rc || exec(s, bump, "migrating"))
			goto fail;
	}
	return exec(s, "COMMIT", "migrating") ? EC_EIO : EC_OK;
fail:
	if (db_in_transaction(s->db)) {
		char keep[sizeof s->base.errmsg];
		memcpy(keep, s->base.errmsg, sizeof keep);
		exec(s, "ROLLBACK", "migrating");
		memcpy(s->base.errmsg, keep, sizeof keep);
	}
	return EC_EIO;
}

static void pg_close(struct ec_store *base)
{
	struct sql_store *s = (struct sql_store *)base;

	if (!s)
		return;
	for (int i = 0; i < S_NSTMT; i++)
		pg_stmt_free(s->stmt[i]);
	pg_stmt_free(s->put);
	if (s->db) {
		PQfinish(s->db->conn);
		free(s->db);
	}
	free(s);
}

/* The URI without its password, for messages: user:PASSWORD@ of a URI,
** password=VALUE of a connection string. */
static char *pg_uri_shown(const char *uri)
{
	const char *at = strchr(uri, '@'), *scheme = strstr(uri, "://"), *colon, *pw;

	if ((pw = strstr(uri, "password=")) != NULL) {
		const char *end = pw + 9;
		while (*end && *end != ' ' && *end != '&')
			end++;
		return ec_asprintf("%.*s***%s", (int)(pw + 9 - uri), uri, end);
	}
	if (!at || !scheme || at < scheme)
		return ec_strdup(uri);
	colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
	if (!colon)
		return ec_strdup(uri);
	return ec_asprintf("%.*s:***%s", (int)(colon - uri), uri, at);
}

/* The server's notices (a NOTICE from DROP ... IF EXISTS) are not the
** user's business: the store reports what failed through its errors. */
static void pg_quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Times are UTC text made by the server; a waiting writer gives up after
** 10 s, as SQLite's busy timeout does; notices stay quiet. */
#define PG_SETTINGS "SET TIME ZONE 'UTC'; SET lock_timeout = '10s'; SET client_min_messages = warning"

static int pg_open(const char *uri, int flags, struct ec_store **out, char **err)
{
	struct sql_store *s = ec_calloc(1, sizeof *s);
	char *shown = pg_uri_shown(uri);
	int rc = EC_EIO, version = 0;

	*out = NULL;
	*err = NULL;
	s->base.ops = &ec_store_pg_ops;
	s->db = ec_calloc(1, sizeof *s->db);
	s->db->conn = PQconnectdb(uri);
	if (PQstatus(s->db->conn) != CONNECTION_OK) {
		pg_error(s->db, NULL);
		*err = ec_asprintf("%s: cannot connect to the database: %s", shown, s->db->errmsg);
		goto fail;
	}
	PQsetNoticeProcessor(s->db->conn, pg_quiet, NULL);
	snprintf(s->db->settings, sizeof s->db->settings, "%s%s", PG_SETTINGS,
		 (flags & EC_STORE_READONLY) ? "; SET default_transaction_read_only = on" : "");
	if (exec(s, PG_SETTINGS, "configuring"))
		goto failmsg;
	if (pg_version(s, &version))
		goto failmsg;
	if (version == 0 && !(flags & EC_STORE_CREATE)) {
		*err = ec_asprintf("%s: not an echelon database (create one with `echelon init --db %s`)", shown, shown);
		goto fail;
	}
	if ((rc = pg_migrate(s, shown, flags & EC_STORE_READONLY)) != EC_OK)
		goto failmsg;
	if ((flags & EC_STORE_READONLY) &&
	    exec(s, "SET default_transaction_read_only = on", "opening read-only")) {
		rc = EC_EIO;
		goto failmsg;
	}
	for (int i = 0; i < S_NSTMT; i++) {
		const char *sql = pg_statements[i] ? pg_statements[i] : stmt_sql[i];
		if (sql)
			s->stmt[i] = pg_stmt_new(s->db, sql);
		if (s->stmt[i] && s->stmt[i]->nparams > PG_MAXPARAMS) {
			snprintf(s->base.errmsg, sizeof s->base.errmsg, "statement %d has %d parameters, more than %d", i,
				 s->stmt[i]->nparams, PG_MAXPARAMS);
			rc = EC_EIO;
			goto failmsg;
		}
	}
	for (int i = 0; i < S_NSTMT; i++) {
		if (s->stmt[i] && (i == S_BEGIN || i == S_BEGIN_READ || i == S_ROLLBACK))
			s->stmt[i]->starts = 1;
		if (s->stmt[i] && i == S_REP_PUT)
			s->stmt[i]->deferrable = 1;
	}
	free(shown);
	*out = &s->base;
	return EC_OK;
failmsg:
	*err = ec_strdup(s->base.errmsg);
fail:
	free(shown);
	pg_close(&s->base);
	return rc == EC_OK ? EC_EIO : rc;
}

/* ---- announcements: LISTEN/NOTIFY on the channel "echelon" ----
**
** One channel for every store in the database; the text is the store's
** schema, a space, and what is announced, so that a listener skips the
** other stores' (a channel per schema would need its name quoted as an
** identifier, and the conformance suite makes hundreds). */

static int pg_announce(struct ec_store *base, const char *what)
{
	struct sql_store *s = (struct sql_store *)base;
	const char *values[1] = { what };
	PGresult *res;
	int ok;

	if (!db_in_transaction(s->db) && pg_revive(s->db, 1) != 0)
		return fail(s, "announcing");
	res = PQexecParams(s->db->conn, "SELECT pg_notify('echelon', current_schema() || ' ' || $1::text)", 1, NULL,
			   values, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		pg_error(s->db, res);
	PQclear(res);
	return ok ? EC_OK : fail(s, "announcing");
}

/* A holder's name is a session advisory lock on (the schema, the name),
** two keys, so never the store's write lock (one key, store_pg.c's
** begin); S_JOB_SETTLE skips the jobs whose lock it cannot take. */
static int pg_listen(struct ec_store *base, const char *holder)
{
	struct sql_store *s = (struct sql_store *)base;
	const char *values[1] = { holder };
	PGresult *res = PQexec(s->db->conn, "LISTEN echelon; SELECT current_schema()");
	int ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;

	if (ok)
		snprintf(s->db->schema, sizeof s->db->schema, "%s", PQgetvalue(res, 0, 0));
	else
		pg_error(s->db, res);
	PQclear(res);
	if (ok && holder) {
		res = PQexecParams(s->db->conn, "SELECT pg_advisory_lock(hashtext(current_schema()), hashtext($1::text))",
				   1, NULL, values, NULL, NULL, 0);
		ok = PQresultStatus(res) == PGRES_TUPLES_OK;
		if (!ok)
			pg_error(s->db, res);
		PQclear(res);
	}
	return ok ? EC_OK : fail(s, "listening");
}

/* Hands fn the texts of the store's announcements that have arrived. */
static int pg_deliver(struct sql_store *s, ec_announcement_fn fn, void *ctx)
{
	size_t n = strlen(s->db->schema);
	PGnotify *note;
	int got = 0;

	while ((note = PQnotifies(s->db->conn)) != NULL) {
		if (strncmp(note->extra, s->db->schema, n) == 0 && note->extra[n] == ' ') {
			fn(ctx, note->extra + n + 1);
			got++;
		}
		PQfreemem(note);
	}
	return got;
}

static int pg_announcements(struct ec_store *base, int timeout_ms, ec_announcement_fn fn, void *ctx)
{
	struct sql_store *s = (struct sql_store *)base;
	struct pollfd p = { .fd = PQsocket(s->db->conn), .events = POLLIN };

	if (p.fd < 0 || !PQconsumeInput(s->db->conn))
		goto lost;
	if (pg_deliver(s, fn, ctx) > 0)
		return EC_OK;
	if (poll(&p, 1, timeout_ms) < 0 || !PQconsumeInput(s->db->conn))
		goto lost;
	pg_deliver(s, fn, ctx);
	if (PQstatus(s->db->conn) == CONNECTION_OK)
		return EC_OK;
lost:
	pg_error(s->db, NULL);
	return fail(s, "waiting for announcements");
}

const struct ec_store_ops ec_store_pg_ops = {
	.name = "postgres",
	.open = pg_open,
	.close = pg_close,
	.schema_version = pg_schema_version,
	.announce = pg_announce,
	.listen = pg_listen,
	.announcements = pg_announcements,
	.identity = pg_identity,
	.log_position = pg_log_position,
	SQL_STORE_OPS
};
