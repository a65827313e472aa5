/*
** The application's column store (facts.h): made from the store, kept
** beside the database as DATABASE.facts, made again when the store's facts
** generation has moved past it, when it is missing or damaged; and made
** after every committed change that moved the generation (app_end), so
** that the next reader finds it ready. The database is the record: the
** file is only ever a copy of one generation of it, and a crash between
** the commit and the file's rename leaves an older copy that the next
** reader finds stale and replaces.
*/
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app_int.h"
#include "echelon/facts.h"
#include "echelon/store.h"

struct build {
	struct ec_facts_writer *w;
	char *err;
	int64_t done, total, step;
	ec_facts_progress_fn progress;
	void *ctx;
};

static int put_enterprise(void *ctx, const struct ec_enterprise *e)
{
	struct build *b = ctx;
	return ec_facts_writer_enterprise(b->w, e, &b->err) == EC_OK ? 0 : 1;
}

static int put_report(void *ctx, const struct ec_report *r)
{
	struct build *b = ctx;

	if (ec_facts_writer_report(b->w, r, &b->err) != EC_OK)
		return 1;
	if (b->progress && ++b->done % b->step == 0)
		b->progress(b->ctx, (double)b->done / (double)b->total);
	return 0;
}

static int put_deflator(void *ctx, const struct ec_deflator *d)
{
	struct build *b = ctx;
	return ec_facts_writer_deflator(b->w, d, &b->err) == EC_OK ? 0 : 1;
}

int ec_facts_from_store(struct ec_store *s, const char *path, ec_facts_progress_fn progress, void *ctx,
			struct ec_facts **out, char **err)
{
	struct ec_store_counts c;
	struct build b;
	int64_t generation;
	int first = 0, months = 0, rc;

	*out = NULL;
	*err = NULL;
	memset(&b, 0, sizeof b);
	if (ec_store_facts_generation(s, &generation) != EC_OK || ec_store_counts(s, &c) != EC_OK) {
		*err = ec_strdup(ec_store_errmsg(s));
		return EC_EIO;
	}
	if (c.reports > 0) {
		first = ec_period_make(ec_period_year(c.first_period), 1);
		months = (ec_period_year(c.last_period) - ec_period_year(c.first_period) + 1) * 12;
	}
	if ((rc = ec_facts_writer_open(path, generation, (size_t)c.enterprises, first, months, &b.w, err)) != EC_OK)
		return rc;
	b.progress = progress;
	b.ctx = ctx;
	b.total = c.reports > 0 ? c.reports : 1;
	b.step = b.total / 100 > 0 ? b.total / 100 : 1;
	rc = ec_store_enterprise_each(s, put_enterprise, &b);
	if (rc == EC_OK && months > 0)
		rc = ec_store_report_each(s, first, first + months - 1, put_report, &b);
	if (rc == EC_OK && months > 0)
		rc = ec_store_deflator_each(s, first, first + months - 1, put_deflator, &b);
	if (rc != EC_OK) {
		ec_facts_writer_abort(b.w);
		*err = b.err ? b.err : ec_strdup(ec_store_errmsg(s));
		return b.err ? EC_EDATA : EC_EIO;
	}
	if (progress)
		progress(ctx, 1.0);
	return ec_facts_writer_finish(b.w, out, err);
}

/* One rebuild at a time in a process: the server's threads each hold an
** application, and a stale file found by several must be made once. */
static pthread_mutex_t rebuilding = PTHREAD_MUTEX_INITIALIZER;

static void close_facts(struct ec_app *app)
{
	ec_facts_close(app->facts);
	app->facts = NULL;
}

/* Opens the file beside the database when it is of generation g, its
** header and small columns whole. Returns 0 when it is; FACTS_NEWER when
** it is of a later generation than g (this reader is behind the file's
** maker: a streaming replica that has not yet replayed it); otherwise
** EC_ENOTFOUND, and the file is to be made again. */
#define FACTS_NEWER 1

static int open_current(struct ec_app *app, int64_t g)
{
	struct ec_facts *f;
	char *err = NULL;

	if (!app->facts_path || ec_facts_open(app->facts_path, &f, &err) != EC_OK) {
		free(err);
		return EC_ENOTFOUND;
	}
	/* The matrix columns are checked as they are read (a damaged one
	** makes the reader remake the file: views.c). */
	if (f->generation != g) {
		int newer = f->generation > g;
		ec_facts_close(f);
		return newer ? FACTS_NEWER : EC_ENOTFOUND;
	}
	close_facts(app);
	app->facts = f;
	return EC_OK;
}

/* The copy is as private as the record: the file takes the database's
** permissions (it is made 0600). */
static void same_mode(const char *facts_path)
{
	size_t n = strlen(facts_path) - strlen(".facts");
	char *db = ec_strdup(facts_path);
	struct stat sb;

	db[n] = '\0';
	if (stat(db, &sb) == 0)
		chmod(facts_path, sb.st_mode & 0777);
	free(db);
}

/* A schema made again under the same name is a new store (a new identity,
** database-schema-hash): the copies of the old one are of use to no one,
** and go when the new one's is made. */
static void prune_cached(const char *path)
{
	const char *base = strrchr(path, '/') + 1, *dash = strrchr(base, '-');
	size_t prefix = (size_t)(dash - base) + 1;
	char *dir = ec_strndup(path, (size_t)(base - path));
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > prefix + 6 && strncmp(e->d_name, base, prefix) == 0 && strcmp(e->d_name, base) != 0 &&
		    !strchr(e->d_name + prefix, '-') && strcmp(e->d_name + n - 6, ".facts") == 0) {
			char *old = ec_asprintf("%s%s", dir, e->d_name);
			unlink(old);
			free(old);
		}
	}
	if (d)
		closedir(d);
	free(dir);
}

static char *cache_dir(void)
{
	const char *v;

	if ((v = getenv("ECHELON_FACTS_DIR")) && *v)
		return ec_strdup(v);
	if ((v = getenv("XDG_CACHE_HOME")) && *v == '/')
		return ec_asprintf("%s/echelon", v);
	if ((v = getenv("HOME")) && *v == '/')
		return ec_asprintf("%s/.cache/echelon", v);
	return NULL;
}

/* mkdir -p, the last one 0700 (the copies hold the store's microdata). */
static int make_dir(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(dir, 0755);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

void app_facts_cached(struct ec_app *app)
{
	char *dir = cache_dir(), name[160];

	if (dir && make_dir(dir) == 0 && ec_store_identity(app->store, name, sizeof name) == EC_OK) {
		app->facts_path = ec_asprintf("%s/%s.facts", dir, name);
		app->facts_cached = 1;
	}
	free(dir);
}

/* Makes the column store of the store's facts, in a read transaction so
** that it is one generation's. Beside the database when it can be, else
** unnamed. */
static int rebuild(struct ec_app *app, int named, char **err)
{
	struct ec_facts *f = NULL;
	int rc;

	if (ec_store_begin_read(app->store) != EC_OK) {
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	rc = ec_facts_from_store(app->store, named ? app->facts_path : NULL, app->facts_progress, app->facts_progress_ctx,
				 &f, err);
	if (rc == EC_EIO && named) {
		/* A database whose directory cannot take the file (read-only)
		** still gets its figures, from an unnamed copy. */
		free(*err);
		*err = NULL;
		named = 0;
		rc = ec_facts_from_store(app->store, NULL, app->facts_progress, app->facts_progress_ctx, &f, err);
	}
	ec_store_commit(app->store);
	if (rc != EC_OK)
		return rc;
	if (named && app->facts_cached)
		prune_cached(app->facts_path);
	else if (named)
		same_mode(app->facts_path);
	close_facts(app);
	app->facts = f;
	return EC_OK;
}

int ec_app_facts(struct ec_app *app, const struct ec_facts **out, char **err)
{
	int64_t g;
	int rc = EC_OK;

	*out = NULL;
	*err = NULL;
	if (ec_store_facts_generation(app->store, &g) != EC_OK) {
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	if (app->facts && app->facts->generation == g) {
		*out = app->facts;
		return EC_OK;
	}
	pthread_mutex_lock(&rebuilding);
	/* A file newer than this reader's data is another's, and stays: the
	** reader makes a copy of its own (never putting older facts over
	** newer ones for every other reader to make again). */
	if ((rc = open_current(app, g)) != EC_OK)
		rc = rebuild(app, rc != FACTS_NEWER && app->facts_path, err);
	pthread_mutex_unlock(&rebuilding);
	*out = app->facts;
	return rc;
}

int app_facts_remake(struct ec_app *app, const struct ec_facts **out, char **err)
{
	int rc;

	*out = NULL;
	*err = NULL;
	pthread_mutex_lock(&rebuilding);
	rc = rebuild(app, app->facts_path != NULL, err);
	pthread_mutex_unlock(&rebuilding);
	*out = app->facts;
	return rc;
}

char *ec_app_facts_describe(struct ec_app *app, enum ec_lang lang)
{
	struct ec_facts *f;
	struct stat sb;
	char *err = NULL, *out;
	int64_t g;
	int zh = lang == EC_LANG_ZH, rc;

	if (!app->facts_path && ec_store_identity(app->store, (char[160]){ 0 }, 160) == EC_OK)
		return ec_strdup(zh ? "列存储：无缓存目录（设置 ECHELON_FACTS_DIR 或 HOME），每次读取时临时生成" :
				      "column store: no cache directory (set ECHELON_FACTS_DIR or HOME): made for each read");
	if (!app->facts_path)
		return ec_strdup(zh ? "列存储：无（内存数据库，每次读取时临时生成）" :
				      "column store: none (an in-memory database: made for each read)");
	if (ec_store_facts_generation(app->store, &g) != EC_OK)
		return ec_asprintf("%s: %s", zh ? "列存储" : "column store", ec_app_errmsg(app));
	rc = ec_facts_open(app->facts_path, &f, &err);
	if (rc == EC_ENOTFOUND)
		out = ec_asprintf(zh ? "列存储：%s 不存在，下次读取时生成" :
				       "column store: %s is missing; it is made at the next read",
				  app->facts_path);
	else if (rc != EC_OK && zh)
		out = ec_asprintf("列存储：已损坏（%s），下次读取时重新生成", err);
	else if (rc != EC_OK)
		out = ec_asprintf("column store: damaged (%s); it is made again at the next read", err);
	else {
		stat(app->facts_path, &sb);
		if (f->generation == g)
			out = ec_asprintf(zh ? "列存储：%s，%.1f MB，第 %lld 代（最新）" :
					       "column store: %s, %.1f MB, generation %lld (current)",
					  app->facts_path, (double)sb.st_size / 1e6, (long long)g);
		else
			out = ec_asprintf(zh ? "列存储：%s，第 %lld 代，数据库已是第 %lld 代，下次读取时重新生成" :
					       "column store: %s, generation %lld, the database is at %lld: made again at the next read",
					  app->facts_path, (long long)f->generation, (long long)g);
		ec_facts_close(f);
	}
	free(err);
	return out;
}

void ec_app_facts_progress(struct ec_app *app, ec_facts_progress_fn fn, void *ctx)
{
	app->facts_progress = fn;
	app->facts_progress_ctx = ctx;
}

/* ---- an import merged into the file before ----
**
** Making the file again after an import of reports reads every report
** back out of the store, the imported ones and all the others: at 5 M
** reports most of the import's time after its commit. The file of the
** generation before holds all the others already; the new file is that
** one with the import's reports put over it (an import adds or replaces
** an enterprise's months, it removes none, and it changes no enterprise
** and no deflator). It is written on a thread of its own while the import
** commits, as the file of the generation the commit makes (the one before
** plus one: the import holds the write lock from its start), sealed under
** a temporary name, and named only once the commit is seen to have made
** that generation; otherwise it is removed and the file made whole as
** before (docs/architecture.md, "The column store after an import"). */

struct facts_row {
	uint64_t key; /* app_report_key, first: app_key_order sorts by it */
	double value_added, revenue, rd_expense;
	int64_t employees, patents;
};

struct app_facts_rows {
	struct facts_row *rows;
	size_t n, cap;
	int unsorted;
	int first, last;                  /* the periods kept */
	struct ec_deflator *deflators;    /* all of them, read as the import began */
	size_t ndeflators, deflators_cap;
	/* the merge */
	struct ec_app *app;
	pthread_t merger;
	int merging;                      /* merger to be joined */
	struct ec_facts_writer *sealed;   /* the merged file, not yet named */
};

static int keep_deflator(void *ctx, const struct ec_deflator *d)
{
	struct app_facts_rows *k = ctx;

	k->deflators = ec_grow(k->deflators, &k->deflators_cap, k->ndeflators, sizeof *k->deflators);
	k->deflators[k->ndeflators++] = *d;
	return 0;
}

struct app_facts_rows *app_facts_rows_new(struct ec_app *app)
{
	struct app_facts_rows *k;
	int current;

	if (!app->facts_path)
		return NULL;
	pthread_mutex_lock(&rebuilding);
	current = (app->facts && app->facts->generation == app->facts_before) ||
		  open_current(app, app->facts_before) == EC_OK;
	pthread_mutex_unlock(&rebuilding);
	if (!current)
		return NULL;
	k = ec_calloc(1, sizeof *k);
	k->app = app;
	k->first = INT_MAX;
	k->last = INT_MIN;
	/* The deflators now, in the import's transaction: the merge runs
	** beside the store, and may not read it. */
	if (ec_store_deflator_each(app->store, -1, -1, keep_deflator, k) != EC_OK) {
		app_facts_rows_free(k);
		return NULL;
	}
	return k;
}

void app_facts_rows_add(struct app_facts_rows *k, const struct ec_report *r)
{
	struct facts_row *row;

	k->rows = ec_grow(k->rows, &k->cap, k->n, sizeof *k->rows);
	row = &k->rows[k->n];
	row->key = app_report_key(r);
	if (k->n > 0 && row->key < row[-1].key)
		k->unsorted = 1;
	k->n++;
	row->value_added = r->value_added;
	row->revenue = r->revenue;
	row->rd_expense = r->rd_expense;
	row->employees = r->employees;
	row->patents = r->patents;
	k->first = r->period < k->first ? r->period : k->first;
	k->last = r->period > k->last ? r->period : k->last;
}

/* Waits for the merge, if one runs. */
static void merge_join(struct app_facts_rows *k)
{
	if (k->merging)
		pthread_join(k->merger, NULL);
	k->merging = 0;
}

void app_facts_rows_free(struct app_facts_rows *k)
{
	if (!k)
		return;
	merge_join(k);
	ec_facts_writer_abort(k->sealed); /* a merge the change did not get to name */
	free(k->rows);
	free(k->deflators);
	free(k);
}

int app_key_order(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The whole years from a January that hold both the file's months and the
** kept ones: what ec_facts_from_store would count from the store. */
static void merged_months(const struct ec_facts *old, const struct app_facts_rows *k, int *first, int *months)
{
	int lo = ec_period_make(ec_period_year(k->first), 1), hi = ec_period_make(ec_period_year(k->last), 12);

	if (old->nmonths > 0) {
		lo = old->first_period < lo ? old->first_period : lo;
		hi = old->first_period + old->nmonths - 1 > hi ? old->first_period + old->nmonths - 1 : hi;
	}
	*first = lo;
	*months = hi - lo + 1;
}

/* The file's enterprise i as the store gives it, as far as the file keeps
** it (the writer reads no more). */
static void old_enterprise(const struct ec_facts *old, size_t i, struct ec_enterprise *e)
{
	e->id = old->id[i];
	memcpy(e->uscc, old->uscc[i], EC_USCC_LEN);
	e->uscc[EC_USCC_LEN] = '\0';
	snprintf(e->industry, sizeof e->industry, "%04u", (unsigned)old->industry[i]);
	snprintf(e->region, sizeof e->region, "%06u", (unsigned)old->region[i]);
	e->lat = old->lat[i];
	e->lon = old->lon[i];
	if (old->category[i] == EC_FACTS_NO_CATEGORY)
		e->sei_primary[0] = '\0';
	else
		snprintf(e->sei_primary, sizeof e->sei_primary, "%s", old->category_codes[old->category[i]]);
}

/* Enterprise i's months: the file's, then the kept ones over them (from
** *next on, sorted). Returns 0, or EC_EDATA when a kept report is of an
** enterprise the file does not have (it cannot be: the generations say
** the store had the same enterprises). */
static int merge_months(struct ec_facts_writer *w, const struct ec_facts *old, const struct ec_facts_stream *st,
			size_t i, const struct app_facts_rows *k, size_t *next, char **err)
{
	struct ec_report r;
	size_t row = (i - st->from) * (size_t)old->nmonths;
	int rc;

	memset(&r, 0, sizeof r);
	r.enterprise_id = old->id[i];
	for (int t = 0; t < old->nmonths; t++) {
		if (!st->reported[row + (size_t)t])
			continue;
		r.period = old->first_period + t;
		r.value_added = st->value_added[row + (size_t)t];
		r.revenue = st->revenue[row + (size_t)t];
		r.rd_expense = st->rd_expense[row + (size_t)t];
		r.employees = st->employees[row + (size_t)t];
		r.patents = st->patents[row + (size_t)t];
		if ((rc = ec_facts_writer_report(w, &r, err)) != EC_OK)
			return rc;
	}
	if (*next < k->n && (int64_t)(k->rows[*next].key >> 16) < old->id[i]) {
		*err = ec_strdup("column store: an imported report's enterprise is not in the file before");
		return EC_EDATA;
	}
	for (; *next < k->n && (int64_t)(k->rows[*next].key >> 16) == old->id[i]; ++*next) {
		const struct facts_row *kr = &k->rows[*next];
		r.period = (int)(kr->key & 0xffff);
		r.value_added = kr->value_added;
		r.revenue = kr->revenue;
		r.rd_expense = kr->rd_expense;
		r.employees = kr->employees;
		r.patents = kr->patents;
		if ((rc = ec_facts_writer_report(w, &r, err)) != EC_OK)
			return rc;
	}
	return EC_OK;
}

/* Writes and seals the file of generation g: old with the kept reports
** over it, the deflators of its months. Returns 0 with k->sealed, or an
** error with *err (nothing left behind). Reads old and k alone. */
static int merge(struct app_facts_rows *k, const struct ec_facts *old, const char *path, int64_t g, char **err)
{
	struct ec_facts_writer *w;
	struct ec_facts_stream st;
	struct ec_enterprise e;
	size_t next = 0;
	int first, months, rc;

	if (k->unsorted)
		qsort(k->rows, k->n, sizeof *k->rows, app_key_order);
	k->unsorted = 0;
	merged_months(old, k, &first, &months);
	if ((rc = ec_facts_writer_open(path, g, old->nenterprises, first, months, &w, err)) != EC_OK)
		return rc;
	memset(&e, 0, sizeof e);
	for (size_t i = 0; rc == EC_OK && i < old->nenterprises; i++) {
		old_enterprise(old, i, &e);
		rc = ec_facts_writer_enterprise(w, &e, err);
	}
	ec_facts_stream_begin(&st, old, old->nmonths > 0 ? (1u << EC_FACTS_NSTREAM) - 1 : 0);
	for (size_t i = 0; rc == EC_OK && i < old->nenterprises; i++) {
		if (i == st.to) /* the next block of the file's months, checked as read */
			rc = ec_facts_stream_rows(&st, i + 4096, err);
		if (rc == EC_OK)
			rc = merge_months(w, old, &st, i, k, &next, err);
	}
	ec_facts_stream_end(&st);
	if (rc == EC_OK && next != k->n) {
		*err = ec_strdup("column store: an imported report's enterprise is not in the file before");
		rc = EC_EDATA;
	}
	for (size_t i = 0; rc == EC_OK && i < k->ndeflators; i++)
		if (k->deflators[i].period >= first && k->deflators[i].period < first + months)
			rc = ec_facts_writer_deflator(w, &k->deflators[i], err);
	if (rc != EC_OK) {
		ec_facts_writer_abort(w);
		return rc;
	}
	if ((rc = ec_facts_writer_seal(w, err)) == EC_OK)
		k->sealed = w;
	return rc;
}

static void *merge_thread(void *arg)
{
	struct app_facts_rows *k = arg;
	char *err = NULL;

	merge(k, k->app->facts, k->app->facts_path, k->app->facts_before + 1, &err);
	free(err); /* no file: the change makes it whole */
	return NULL;
}

void app_facts_rows_merge(struct app_facts_rows *k)
{
	if (k && k->n > 0 && !k->merging && !k->sealed)
		k->merging = pthread_create(&k->merger, NULL, merge_thread, k) == 0;
}

/* Names the merged file when the commit made the generation it was
** written as. Returns 0 with app->facts the new file. */
static int install_merged(struct ec_app *app, struct app_facts_rows *k, int64_t g)
{
	struct ec_facts *f = NULL;
	char *err = NULL;
	int rc;

	merge_join(k);
	if (!k->sealed || g != app->facts_before + 1)
		return EC_ENOTFOUND;
	rc = ec_facts_writer_install(k->sealed, &f, &err);
	k->sealed = NULL;
	free(err);
	if (rc != EC_OK)
		return rc;
	if (app->facts_cached)
		prune_cached(app->facts_path);
	else
		same_mode(app->facts_path);
	close_facts(app);
	app->facts = f;
	return EC_OK;
}

void app_facts_changed(struct ec_app *app, int64_t before)
{
	const struct ec_facts *f;
	int64_t g;
	char *err = NULL;
	int rc = EC_ENOTFOUND;

	/* Nothing to do unless the change moved the facts; a failure here
	** leaves the file stale, and the next reader makes it. */
	if (ec_store_facts_generation(app->store, &g) != EC_OK || g == before)
		return;
	/* An import's reports merged into the file before, and the commit
	** the one change since. Kept rows mean rows stored, so the commit
	** moved the generation by one. */
	if (app->facts_rows) {
		pthread_mutex_lock(&rebuilding);
		rc = install_merged(app, app->facts_rows, g);
		pthread_mutex_unlock(&rebuilding);
	}
	if (rc != EC_OK)
		ec_app_facts(app, &f, &err);
	free(err);
}

void app_facts_close(struct ec_app *app)
{
	close_facts(app);
	free(app->facts_path);
	app->facts_path = NULL;
}
