/*
** Data intake as use cases: importing enterprises, reports and deflators
** (the format of src/format/intake.c read into one transaction with its
** import log entry and audit line), exporting them, loading and installing
** the reference catalogues, and what a database holds.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/csv.h"
#include "lib/strmap.h"

struct import_sink {
	struct ec_app *app;
	struct ec_strmap *ids; /* USCC -> stored id */
	struct ec_diag *d;
	int64_t stored;
};

static int collect_id(void *ctx, const struct ec_enterprise *e)
{
	ec_strmap_put(ctx, e->uscc, strlen(e->uscc), e->id);
	return 0;
}

static int64_t resolve(void *ctx, const char *uscc, size_t n)
{
	struct import_sink *k = ctx;
	int64_t id = 0;

	return k->ids && ec_strmap_get(k->ids, uscc, n, &id) ? id : 0;
}

static int put_enterprise(void *ctx, struct ec_enterprise *e)
{
	struct import_sink *k = ctx;
	return ec_store_enterprise_put(k->app->store, e) == EC_OK ? EC_OK : app_store_failed(k->app, k->d);
}

static int put_report(void *ctx, const struct ec_report *r)
{
	struct import_sink *k = ctx;
	return ec_store_report_put(k->app->store, r) == EC_OK ? EC_OK : app_store_failed(k->app, k->d);
}

static int put_deflator(void *ctx, const struct ec_deflator *df)
{
	struct import_sink *k = ctx;
	return ec_store_deflator_put(k->app->store, df) == EC_OK ? EC_OK : app_store_failed(k->app, k->d);
}

/* ---- reports: read on a second thread, stored on this one ----
**
** A big file of reports takes two steps of about equal weight per row:
** reading and checking it (ec_intake_read), and storing it (the store's
** B-tree). The reader runs on a thread of its own and hands the good rows
** over in batches through a small ring; this thread, the only one that
** touches the store, stores them as they come. All or nothing is the
** transaction's, as before: a bad line anywhere stops the hand-over, the
** reader reads on to report every problem, and the change is rolled back
** (docs/architecture.md, "Importing reports on two cores"). */

#define PIPE_BATCH 4096 /* reports a batch */
#define PIPE_RING 8     /* batches in flight: the reader runs at most this far ahead */

struct report_pipe {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct ec_report *ring[PIPE_RING];
	size_t filled[PIPE_RING];
	uint64_t made, taken;   /* batches handed over and stored, counted from the start */
	int reading;            /* 0 once the reader has returned */
	int stopped;            /* the store failed: the reader takes no more */
	/* the reader's side */
	struct import_sink *k;
	struct ec_intake_sink sink;
	const struct ec_catalog *cat;
	enum ec_intake_kind kind;
	const char *name, *data;
	size_t len;
	const struct ec_import_opts *opts;
	struct ec_import_result *res;
	int rc;
};

/* Hands over the batch being filled, waiting while the ring is full.
** Returns 1 when the store has failed (the reader stops). */
static int pipe_hand_over(struct report_pipe *p)
{
	int stopped;

	pthread_mutex_lock(&p->lock);
	p->made++;
	pthread_cond_broadcast(&p->changed);
	while (!p->stopped && p->made - p->taken >= PIPE_RING)
		pthread_cond_wait(&p->changed, &p->lock);
	stopped = p->stopped;
	pthread_mutex_unlock(&p->lock);
	return stopped;
}

/* The reader's sink for a report: into the batch being filled (the ring's
** slot `made`, which the storer does not touch until it is handed over). */
static int pipe_report(void *ctx, const struct ec_report *r)
{
	struct report_pipe *p = ctx;
	size_t slot = (size_t)(p->made % PIPE_RING);

	p->ring[slot][p->filled[slot]++] = *r;
	if (p->filled[slot] == PIPE_BATCH)
		return pipe_hand_over(p);
	return 0;
}

static int64_t pipe_resolve(void *ctx, const char *uscc, size_t n)
{
	struct report_pipe *p = ctx;
	return resolve(p->k, uscc, n);
}

static void *pipe_reader(void *arg)
{
	struct report_pipe *p = arg;
	size_t slot;

	p->rc = ec_intake_read(p->cat, p->kind, p->name, p->data, p->len, &p->sink, p->opts, p->res, p->k->d);
	pthread_mutex_lock(&p->lock);
	slot = (size_t)(p->made % PIPE_RING);
	if (p->rc == EC_OK && p->filled[slot] > 0)
		p->made++; /* the last batch, not full */
	p->reading = 0;
	pthread_cond_broadcast(&p->changed);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Stores one batch; keeps its rows for the column store (facts.c).
** Returns 0 or EC_EIO (the store's message is kept for the problem). */
static int pipe_store(struct ec_app *app, const struct ec_report *rows, size_t n)
{
	if (ec_store_report_put_many(app->store, rows, n) != EC_OK)
		return EC_EIO;
	for (size_t i = 0; app->facts_rows && i < n; i++)
		app_facts_rows_add(app->facts_rows, &rows[i]);
	return EC_OK;
}

/* ---- rows out of the table's order, held and stored sorted ----
**
** Stored as they come, rows whose keys ascend go to the end of the
** table's B-tree, a few pages a batch. A file in period order (each
** month's reports together) puts each row on another page, and costs 4x
** as much. So once a batch would break the ascending order the rest is
** held (the rows stored so far stay), sorted by key once the file is read
** and checked, and stored in that order. The order rows are stored in does
** not change what is stored: an accepted file holds each key once. */

struct held_row {
	uint64_t key; /* app_report_key, first: app_key_order sorts by it */
	size_t at;
};

struct held {
	struct ec_report *rows;
	size_t n, cap;
	uint64_t last_key; /* of the rows stored as they came */
	int holding;
};

/* Whether a batch goes on from the rows stored before in ascending order
** (every key is above 0: ids start at 1). */
static int ascends(struct held *h, const struct ec_report *rows, size_t n)
{
	uint64_t last = h->last_key;

	for (size_t i = 0; i < n; i++) {
		uint64_t key = app_report_key(&rows[i]);
		if (key <= last)
			return 0;
		last = key;
	}
	h->last_key = last;
	return 1;
}

static void hold(struct held *h, const struct ec_report *rows, size_t n)
{
	if (n == 0)
		return;
	h->rows = ec_grow(h->rows, &h->cap, h->n + n - 1, sizeof *h->rows);
	memcpy(h->rows + h->n, rows, n * sizeof *rows);
	h->n += n;
	h->holding = 1;
}

/* Stores the held rows by key. Returns 0 or EC_EIO. */
static int store_held(struct ec_app *app, struct held *h)
{
	struct held_row *order = ec_malloc((h->n ? h->n : 1) * sizeof *order);
	struct ec_report *batch = ec_malloc(PIPE_BATCH * sizeof *batch);
	int rc = EC_OK;

	for (size_t i = 0; i < h->n; i++)
		order[i] = (struct held_row){ app_report_key(&h->rows[i]), i };
	qsort(order, h->n, sizeof *order, app_key_order);
	for (size_t i = 0; rc == EC_OK && i < h->n; i += PIPE_BATCH) {
		size_t k = h->n - i < PIPE_BATCH ? h->n - i : PIPE_BATCH;
		for (size_t j = 0; j < k; j++)
			batch[j] = h->rows[order[i + j].at];
		rc = pipe_store(app, batch, k);
	}
	free(batch);
	free(order);
	return rc;
}

/* Reads the reports on a second thread while this one stores them.
** Returns as ec_intake_read, with *started 1; *started 0 when the thread
** could not be started (nothing was read: the caller reads on this one). */
static int read_reports_piped(struct import_sink *k, const struct ec_catalog *cat, const char *name,
			      const char *data, size_t len, const struct ec_import_opts *opts,
			      struct ec_import_result *res, int *started /* OUT */)
{
	struct report_pipe p;
	struct held h = { NULL, 0, 0, 0, 0 };
	pthread_t reader;
	int failed = 0;

	memset(&p, 0, sizeof p);
	p.k = k;
	p.sink = (struct ec_intake_sink){ &p, pipe_resolve, put_enterprise, pipe_report, put_deflator };
	p.cat = cat, p.kind = EC_IN_REPORTS, p.name = name, p.data = data, p.len = len, p.opts = opts, p.res = res;
	p.reading = 1;
	for (int i = 0; i < PIPE_RING; i++)
		p.ring[i] = ec_malloc(PIPE_BATCH * sizeof *p.ring[i]);
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	if (!(*started = pthread_create(&reader, NULL, pipe_reader, &p) == 0))
		goto out;
	pthread_mutex_lock(&p.lock);
	for (;;) {
		size_t slot;
		while (p.taken == p.made && p.reading)
			pthread_cond_wait(&p.changed, &p.lock);
		if (p.taken == p.made)
			break; /* read to the end, all stored */
		slot = (size_t)(p.taken % PIPE_RING);
		pthread_mutex_unlock(&p.lock);
		/* A batch after the store failed is not stored; the file is
		** refused whole either way. */
		if (!failed && !h.holding && ascends(&h, p.ring[slot], p.filled[slot]))
			failed = pipe_store(k->app, p.ring[slot], p.filled[slot]) != EC_OK;
		else if (!failed)
			hold(&h, p.ring[slot], p.filled[slot]);
		pthread_mutex_lock(&p.lock);
		p.filled[slot] = 0;
		p.taken++;
		p.stopped |= failed;
		pthread_cond_broadcast(&p.changed);
	}
	pthread_mutex_unlock(&p.lock);
	pthread_join(reader, NULL);
	if (!failed && p.rc == EC_OK && h.n > 0 && store_held(k->app, &h) != EC_OK)
		failed = 1;
	/* The reader stopped on the sink's refusal (EC_EIO) or read to the
	** end; the store's problem is said here, the reader's thread gone. */
	if (failed)
		p.rc = app_store_failed(k->app, k->d);
	free(h.rows);
out:
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.changed);
	for (int i = 0; i < PIPE_RING; i++)
		free(p.ring[i]);
	return p.rc;
}

/* One line of the import history. */
static int log_import(struct ec_app *app, const struct ec_actor *who, enum ec_intake_kind kind, const char *name,
		      size_t len, const struct ec_import_result *res, const char *result, int64_t problems)
{
	struct ec_import_log log;

	memset(&log, 0, sizeof log);
	log.file = name;
	log.kind = ec_intake_kind_name(kind);
	log.rows = res->rows;
	memcpy(log.sha256, res->sha256, sizeof log.sha256);
	log.user = who->name;
	log.size = (int64_t)len;
	log.format = res->format;
	log.encoding = res->encoding;
	log.result = result;
	log.problems = problems;
	return ec_store_import_log_add(app->store, &log);
}

int ec_app_import(struct ec_app *app, const struct ec_actor *who, enum ec_intake_kind kind, const char *name,
		  const char *data, size_t len, const struct ec_import_opts *opts, struct ec_import_result *res,
		  struct ec_diag *d)
{
	struct import_sink k = { app, NULL, d, 0 };
	struct ec_intake_sink sink = { &k, resolve, put_enterprise, put_report, put_deflator };
	const struct ec_catalog *cat;
	int dry = opts && opts->dry_run, piped = 0, rc;

	memset(res, 0, sizeof *res);
	if ((rc = app_allow(who, EC_MAY_IMPORT, d)) != EC_OK)
		return rc;
	if (!(cat = app_catalog(app, d)))
		return EC_EIO;
	if (!dry) {
		if (ec_store_bulk_mode(app->store, 1) != EC_OK)
			return app_store_failed(app, d);
		if ((rc = app_begin(app, d)) != EC_OK) {
			ec_store_bulk_mode(app->store, 0);
			return rc;
		}
	}
	if (kind == EC_IN_REPORTS) {
		/* Read inside the transaction: the enterprises checked against
		** are the ones the reports will refer to. */
		k.ids = ec_strmap_new(1024);
		if (ec_store_enterprise_each(app->store, collect_id, k.ids) != EC_OK)
			rc = app_store_failed(app, d);
	}
	if (rc == EC_OK && kind == EC_IN_REPORTS && !dry) {
		/* The rows stored are kept for the column store's merge, made
		** while the change commits (facts.c): only when there is a file
		** of this generation to merge them into. */
		app->facts_rows = app_facts_rows_new(app);
		rc = read_reports_piped(&k, cat, name, data, len, opts, res, &piped);
		if (!piped) { /* no second thread: read and store on this one, the rows not kept */
			app_facts_rows_free(app->facts_rows);
			app->facts_rows = NULL;
			rc = ec_intake_read(cat, kind, name, data, len, &sink, opts, res, d);
		} else if (rc == EC_OK) {
			app_facts_rows_merge(app->facts_rows); /* while the change commits */
		}
	} else if (rc == EC_OK) {
		rc = ec_intake_read(cat, kind, name, data, len, &sink, opts, res, d);
	}
	if (!dry) {
		if (rc == EC_OK && log_import(app, who, kind, name, len, res, "stored", 0) != EC_OK)
			rc = app_store_failed(app, d);
		if (rc == EC_OK && opts && opts->stored && opts->stored(opts->stored_ctx, app, res) != EC_OK)
			rc = app_store_failed(app, d);
		rc = app_end(app, rc, who, d, "import", ec_intake_kind_name(kind), "audit.import_file|rows=%lld|file=%s|sha256=%s",
			     (long long)res->rows, name, res->sha256);
		ec_store_bulk_mode(app->store, 0);
		app_facts_rows_free(app->facts_rows);
		app->facts_rows = NULL;
		if (rc != EC_OK)
			res->inserted = 0;
		/* A refused file is in the history too, with its problems, in a
		** transaction of its own once the import's is rolled back: the
		** data stays as it was, the attempt is seen. Bookkeeping: a
		** failure to write it does not change the answer. */
		if (rc == EC_EDATA && ec_store_begin(app->store) == EC_OK) {
			if (log_import(app, who, kind, name, len, res, "rejected", (int64_t)d->total) == EC_OK)
				ec_store_commit(app->store);
			else
				ec_store_rollback(app->store);
		}
	}
	ec_strmap_free(k.ids);
	return rc;
}

int ec_app_import_file(struct ec_app *app, const struct ec_actor *who, enum ec_intake_kind kind, const char *path,
		       const struct ec_import_opts *opts, struct ec_import_result *res, struct ec_diag *d)
{
	struct ec_csv file;
	int rc;

	memset(res, 0, sizeof *res);
	if (ec_csv_open(&file, path) != EC_OK) {
		ec_csv_diag(&file, d);
		return EC_EIO;
	}
	rc = ec_app_import(app, who, kind, path, file.data, file.len, opts, res, d);
	ec_csv_release(&file);
	return rc;
}

/* ---- export ---- */

struct exporter {
	FILE *out;
	struct ec_buf line;
	char (*uscc)[EC_USCC_LEN + 1]; /* by enterprise id */
	int64_t max_id;
	int failed;
};

/* Writes what the line holds once it is large (force: whatever it holds). */
static int flush_line(struct exporter *x, int force)
{
	if (!force && x->line.len < 1 << 16)
		return 0;
	if (fwrite(x->line.data, 1, x->line.len, x->out) != x->line.len)
		x->failed = 1;
	ec_buf_clear(&x->line);
	return x->failed;
}

static int export_enterprise(void *ctx, const struct ec_enterprise *e)
{
	struct exporter *x = ctx;
	ec_intake_write_enterprise(&x->line, e);
	return flush_line(x, 0);
}

static int collect_uscc(void *ctx, const struct ec_enterprise *e)
{
	struct exporter *x = ctx;

	if (e->id > x->max_id) {
		int64_t cap = x->max_id ? x->max_id : 1024;
		while (cap < e->id)
			cap *= 2;
		x->uscc = ec_realloc(x->uscc, (size_t)(cap + 1) * sizeof *x->uscc);
		memset(x->uscc + x->max_id + 1, 0, (size_t)(cap - x->max_id) * sizeof *x->uscc);
		x->max_id = cap;
	}
	memcpy(x->uscc[e->id], e->uscc, sizeof *x->uscc);
	return 0;
}

static int export_report(void *ctx, const struct ec_report *r)
{
	struct exporter *x = ctx;
	ec_intake_write_report(&x->line, x->uscc[r->enterprise_id], r);
	return flush_line(x, 0);
}

static int export_deflator(void *ctx, const struct ec_deflator *df)
{
	struct exporter *x = ctx;
	ec_intake_write_deflator(&x->line, df);
	return flush_line(x, 0);
}

int ec_app_export(struct ec_app *app, enum ec_intake_kind kind, int from, int to, FILE *out, char **err)
{
	struct ec_store *s = app->store;
	struct exporter x;
	int rc = EC_OK;

	memset(&x, 0, sizeof x);
	x.out = out;
	ec_buf_init(&x.line, 0);
	*err = NULL;
	ec_intake_write_header(&x.line, kind);
	/* one state of the data: the reports' enterprises and the reports */
	if (ec_store_begin_read(s) != EC_OK) {
		ec_buf_release(&x.line);
		*err = ec_strdup(ec_store_errmsg(s));
		return EC_EIO;
	}
	switch (kind) {
	case EC_IN_ENTERPRISES:
		rc = ec_store_enterprise_each(s, export_enterprise, &x);
		break;
	case EC_IN_REPORTS:
		rc = ec_store_enterprise_each(s, collect_uscc, &x);
		if (rc == EC_OK)
			rc = ec_store_report_each(s, from, to, export_report, &x);
		break;
	case EC_IN_DEFLATORS:
		rc = ec_store_deflator_each(s, from, to, export_deflator, &x);
		break;
	default:
		break;
	}
	ec_store_commit(s);
	flush_line(&x, 1);
	if (x.failed || fflush(out) != 0)
		*err = ec_strdup("writing the output failed");
	else if (rc != EC_OK)
		*err = ec_strdup(ec_store_errmsg(s));
	free(x.uscc);
	ec_buf_release(&x.line);
	return *err ? EC_EIO : EC_OK;
}

/* ---- what a database holds ---- */

int ec_app_counts(struct ec_app *app, struct ec_store_counts *out)
{
	return ec_store_counts(app->store, out) == EC_OK ? EC_OK : EC_EIO;
}

int ec_app_imports(struct ec_app *app, ec_import_log_fn fn, void *ctx)
{
	return app_each_status(ec_store_import_log_each(app->store, fn, ctx));
}
