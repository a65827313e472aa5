/*
** The column store of the facts: the enterprises and their monthly reports
** and the deflators, as columns in one file beside the database
** (DATABASE.facts), memory-mapped when opened. The analytics (monitoring,
** the cluster indicators, evaluation, discovery) read the facts from here,
** not row by row from the database. The database stays the record: the
** file names the facts' generation it was made from
** (ec_store_facts_generation), carries a checksum per column, and is made
** again from the database when it is missing, stale or damaged.
**
** The layout (version 1) is written out in docs/formats.md, "The column
** store". In short: a 4096-byte header (magic, version, byte order, the
** generation, the sizes, the column table with each column's offset,
** length and XXH3-64 checksum, the header's own checksum), then the
** columns, each starting on a 4096-byte boundary, in host byte order.
** Matrices are enterprise-major: [e * nmonths + t].
**
** No store here: src/app makes the file from the store (app_facts).
*/
#ifndef ECHELON_FACTS_H
#define ECHELON_FACTS_H

#include <stddef.h>
#include <stdint.h>
#include "echelon.h"
#include "record.h"

#define EC_FACTS_VERSION 1
#define EC_FACTS_NO_CATEGORY 0xffff
#define EC_FACTS_CODE 16 /* bytes of a category code in the dictionary, NUL-padded */

struct ec_facts_map; /* private: the mapping */

/* An open column store; read-only. */
struct ec_facts {
	int64_t generation;        /* of the database's facts it was made from */
	size_t nenterprises;
	int first_period;          /* a January; 0 when there are no reports */
	int nmonths;               /* whole years; 0 when there are no reports */
	/* per enterprise, in id order */
	const int64_t *id;
	const char (*uscc)[EC_USCC_LEN]; /* not NUL-terminated */
	const uint16_t *industry;  /* GB/T 4754 class as a number (0111 -> 111) */
	const uint32_t *region;    /* GB/T 2260 code as a number */
	const uint16_t *category;  /* primary SEI category: index into category_codes, or EC_FACTS_NO_CATEGORY */
	const double *lat, *lon;   /* NaN when not given */
	/* per enterprise x month, [e * nmonths + t]; 0 where not reported */
	const double *value_added, *revenue, *rd_expense;
	const int32_t *employees, *patents; /* clamped to INT32_MAX */
	const uint8_t *reported;   /* 1 where a report exists */
	/* per division x month, [division * nmonths + t]; NaN when none */
	const double *ppi;
	size_t ncategories;
	const char (*category_codes)[EC_FACTS_CODE];
	struct ec_facts_map *map;
};

/* Opens the column store at path and checks its header (the magic, the
** version, the byte order, the header's checksum, the file's size and
** every column's place) and the checksums of the small columns; the
** matrix columns are checked as they are streamed (ec_facts_stream_rows)
** or by ec_facts_verify. Returns 0 and *out (close with ec_facts_close),
** EC_ENOTFOUND when there is no file, EC_EDATA when it is not a column
** store of this version or is damaged, EC_EIO; *err says which (caller
** frees). */
int ec_facts_open(const char *path, struct ec_facts **out /* OUT */, char **err /* OUT */);

/* Checks a whole file held in memory as ec_facts_open and ec_facts_verify
** do (the fuzz harness's way in). Returns 0 or EC_EDATA with *err. */
int ec_facts_check(const void *data, size_t size, char **err /* OUT */);

/* Checks every column against its checksum, reading the whole file once;
** the pages read leave the process's memory again. Returns 0 or EC_EDATA
** with *err naming the first damaged column. */
int ec_facts_verify(const struct ec_facts *f, char **err /* OUT */);

/* Whether a stream found a column damaged (the file is to be made again). */
int ec_facts_damaged(const struct ec_facts *f);

/* Reading the matrix columns once through, enterprise by enterprise in
** order, in flat memory: ec_facts_stream_rows reads the rows from where
** the last call stopped up to `to` into the stream's buffers (rows [from,
** to), [(e - from) * nmonths + t]) and checks each column of mask against
** its checksum as it passes; at the last row, a column that does not match
** returns EC_EDATA with *err and marks the file damaged. The small columns
** (per enterprise, the deflators, the dictionary) were checked when the
** file was opened. */
enum {
	EC_FACTS_VALUE_ADDED = 1, EC_FACTS_REVENUE = 2, EC_FACTS_RD_EXPENSE = 4,
	EC_FACTS_EMPLOYEES = 8, EC_FACTS_PATENTS = 16, EC_FACTS_REPORTED = 32, EC_FACTS_NSTREAM = 6
};

struct ec_facts_stream {
	const struct ec_facts *f;
	unsigned mask;
	size_t from, to;          /* the rows in the buffers */
	const double *value_added, *revenue, *rd_expense;
	const int32_t *employees, *patents;
	const uint8_t *reported;
	void *hash[EC_FACTS_NSTREAM], *buf[EC_FACTS_NSTREAM];
	size_t cap[EC_FACTS_NSTREAM];
};

void ec_facts_stream_begin(struct ec_facts_stream *s, const struct ec_facts *f, unsigned mask);
int ec_facts_stream_rows(struct ec_facts_stream *s, size_t to, char **err /* OUT */);
void ec_facts_stream_end(struct ec_facts_stream *s);

void ec_facts_close(struct ec_facts *f);

/* Writing: the enterprises in id order, then their reports in (id,
** period) order, and the deflators in any order; finish writes the
** checksums and the header, syncs, and moves the file into place
** atomically (a crash leaves the old file or the new one). path NULL
** writes an unnamed temporary file, for a database that cannot have one
** beside it. Periods outside [first_period, first_period + nmonths) are
** refused. Memory: the enterprise columns and a block of 4096
** enterprises' months. */
struct ec_facts_writer;

int ec_facts_writer_open(const char *path, int64_t generation, size_t nenterprises, int first_period, int nmonths,
			 struct ec_facts_writer **out /* OUT */, char **err /* OUT */);
int ec_facts_writer_enterprise(struct ec_facts_writer *w, const struct ec_enterprise *e, char **err /* OUT */);
int ec_facts_writer_report(struct ec_facts_writer *w, const struct ec_report *r, char **err /* OUT */);
int ec_facts_writer_deflator(struct ec_facts_writer *w, const struct ec_deflator *d, char **err /* OUT */);
/* Finishes the file; with opened, also opens it (the only way to open an
** unnamed one). The writer is freed whatever the result. */
int ec_facts_writer_finish(struct ec_facts_writer *w, struct ec_facts **opened /* OUT, may be NULL */,
			   char **err /* OUT */);
/* finish in two steps, for a file made ahead of the change it is a copy
** of (an import's merge, made while the import commits): seal writes the
** checksums and the header and syncs, the file still under its temporary
** name (on failure the writer is freed, the file removed); install then
** gives it its name as finish does (and frees the writer whatever the
** result), or abort removes it. */
int ec_facts_writer_seal(struct ec_facts_writer *w, char **err /* OUT */);
int ec_facts_writer_install(struct ec_facts_writer *w, struct ec_facts **opened /* OUT, may be NULL */,
			    char **err /* OUT */);
/* Gives up: removes the partial file and frees the writer. */
void ec_facts_writer_abort(struct ec_facts_writer *w);

/* ---- from the store (implemented in src/app) ---- */

struct ec_store;
typedef void (*ec_facts_progress_fn)(void *ctx, double fraction);

/* Makes the column store of what s holds, as of now (inside the caller's
** transaction, if any), at path (NULL: unnamed), and opens it. progress
** (may be NULL) hears the fraction of the reports written. Returns 0 and
** *out, or EC_EIO / EC_EDATA with *err (caller frees). */
int ec_facts_from_store(struct ec_store *s, const char *path, ec_facts_progress_fn progress, void *ctx,
			struct ec_facts **out /* OUT */, char **err /* OUT */);

#endif
