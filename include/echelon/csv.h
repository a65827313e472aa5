/*
** A strict RFC 4180 CSV reader over a memory buffer or a mapped file.
** It tracks the physical line each record starts on, accepts a UTF-8 BOM
** and CRLF line ends, and rejects invalid UTF-8 and over-long fields.
*/
#ifndef ECHELON_CSV_H
#define ECHELON_CSV_H

#include <stddef.h>
#include "echelon.h"

#define EC_CSV_MAX_FIELD (64 * 1024)
#define EC_CSV_MAX_FIELDS 256

struct ec_csv_field {
	const char *p; /* not NUL-terminated */
	size_t n;
};

struct ec_csv {
	const char *name;      /* file name used in messages */
	char delim;            /* the field delimiter: ',' (the default), ';' or '\t' */
	int high;              /* the record read last has a byte >= 0x80 */
	const char *data;
	size_t len;
	size_t pos;            /* offset of the next unread byte */
	long line;             /* line on which the current record starts */
	long next_line;        /* line on which the next record starts */
	struct ec_csv_field *fields;
	size_t nfields;
	size_t cap;
	size_t *scratch_at;    /* per field: offset into scratch + 1, or 0 */
	struct ec_buf scratch; /* unescaped quoted fields */
	size_t max_field;
	char error[256];       /* the last error in English, "name:line: column X: reason" */
	const char *error_code;   /* the last error's problem code (csv.quote, ...) */
	size_t error_column;   /* its column, 1-based; 0: none */
	size_t error_number;   /* its number: the byte (csv.utf8), the limit, errno (file.*) */
	const char *const *column_names; /* optional: name columns in messages */
	size_t ncolumn_names;
	void *map;             /* mmap'd file, if opened by ec_csv_open */
	size_t map_len;
};

/* Reads over data[0..len), which the caller keeps alive. name is used in
** messages and is not copied. Skips a UTF-8 BOM. Can't fail. */
void ec_csv_init_mem(struct ec_csv *c, const char *name, const char *data, size_t len);

/* Maps the file at path. Returns 0, or EC_EIO with the reason in c->error
** and as a problem for ec_csv_diag (file.not_found, file.denied,
** file.not_regular, file.unreadable; the reader is then released). name is
** not copied. */
int ec_csv_open(struct ec_csv *c, const char *path);

/* Releases what the reader holds. Can't fail. */
void ec_csv_release(struct ec_csv *c);

/* Reads the next record into c->fields / c->nfields; blank lines are
** skipped. Returns 1 for a record, 0 at the end, or EC_EDATA for a
** malformed record, with "name:line: reason" in c->error; the reader has
** then moved past the bad record and reading may go on. Field pointers stay
** valid until the next call. */
int ec_csv_next(struct ec_csv *c);

/* Adds the last error of ec_csv_next or ec_csv_open to d as a problem at
** its file, line and column (csv.quote, csv.utf8, file.not_found, ...). */
void ec_csv_diag(const struct ec_csv *c, struct ec_diag *d);

/* Fraction of the input consumed, 0..1. */
double ec_csv_progress(const struct ec_csv *c);

/* Writes one field to b, quoted when it holds a comma, quote, CR or LF. */
int ec_csv_write_field(struct ec_buf *b, const char *s, size_t n);

/* Writes the NUL-terminated s as one field, then ',' or, when last, '\n'.
** Returns 0, or EC_ELIMIT when b is full. */
int ec_csv_write_cell(struct ec_buf *b, const char *s, int last);

/* Writes the header record cols[0..ncols) and its '\n'. Returns 0, or
** EC_ELIMIT when b is full. */
int ec_csv_write_header(struct ec_buf *b, const char *const *cols, size_t ncols);

/* One kind of file of a family (clusters, members, ...): the name a user
** gives it by and its columns in order. */
struct ec_csv_kind {
	const char *name;
	const char *const *cols;
	size_t ncols;
};

/* The index in kinds[0..nkinds) of the kind named what, or -1. */
int ec_csv_kind_find(const struct ec_csv_kind *kinds, size_t nkinds, const char *what);

/* Reads the header record and checks it is exactly cols[0..ncols).
** Returns 0, or EC_EDATA with one message in d that names the first
** difference and lists the expected header. */
int ec_csv_check_header(struct ec_csv *c, const char *const *cols, size_t ncols, struct ec_diag *d);

/* As ec_csv_check_header, but the last ncols - nrequired columns may be left
** out (all those after the first one left out): a column added to a format
** later, so that files written before it still read. *nfound gets the
** number of columns the header has. */
int ec_csv_check_header_opt(struct ec_csv *c, const char *const *cols, size_t ncols, size_t nrequired,
			    size_t *nfound /* OUT */, struct ec_diag *d);

/* Copies a field into dst of size bytes, cut to fit, NUL-terminated. */
void ec_csv_copy(char *dst, size_t size, const struct ec_csv_field *f);

/* The next data row of a file whose rows have ncols fields: malformed rows
** and rows of another width are reported in d at their line ("N fields,
** expected M (header)"; header may be NULL) and passed over. *rows counts
** every data row read, good or not (rows may be NULL). Returns 1 for a
** row, 0 at the end. */
int ec_csv_next_row(struct ec_csv *c, size_t ncols, const char *header, int64_t *rows, struct ec_diag *d);

/* Reads the fields of the record read last as what they mean where Chinese
** input methods and spreadsheets write them otherwise: full-width forms
** (U+FF01..U+FF5E, and U+3000 as a space) as ASCII in every field but
** keep_col (-1: none), and field upper_col (-1: none) in upper case. The
** fields changed point into norm (cleared first), valid until it is used
** again. */
void ec_csv_normalize(struct ec_csv *c, struct ec_buf *norm, int keep_col, int upper_col);

/* True when field f equals the NUL-terminated string s. */
int ec_csv_field_is(const struct ec_csv_field *f, const char *s);
#endif
