/*
** This is the implementation of the strict CSV reader (RFC 4180). Fields
** that need no unescaping point straight into the input; quoted fields with
** doubled quotes are unescaped into a scratch buffer.
*/
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "echelon/csv.h"
#include "echelon/problem.h"

void ec_csv_init_mem(struct ec_csv *c, const char *name, const char *data, size_t len)
{
	memset(c, 0, sizeof *c);
	c->name = name;
	c->data = data;
	c->len = len;
	c->line = 0;
	c->next_line = 1;
	c->max_field = EC_CSV_MAX_FIELD;
	c->delim = ',';
	ec_buf_init(&c->scratch, 0);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;
}

/* A file that cannot be read: its problem code from errno (0: not a
** regular file), and "path: reason" in c->error. Returns EC_EIO. */
static int open_failed(struct ec_csv *c, const char *path, int err)
{
	ec_csv_init_mem(c, path, "", 0);
	snprintf(c->error, sizeof c->error, "%s: %s", path, err ? strerror(err) : "not a regular file");
	c->error_code = err == ENOENT ? "file.not_found" : err == EACCES || err == EPERM ? "file.denied"
			: err == 0 ? "file.not_regular" : "file.unreadable";
	c->error_number = (size_t)err;
	return EC_EIO;
}

int ec_csv_open(struct ec_csv *c, const char *path)
{
	struct stat st;
	void *map = NULL;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		err = errno;
		if (fd >= 0)
			close(fd);
		return open_failed(c, path, err);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return open_failed(c, path, 0);
	}
	if (st.st_size > 0) {
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED) {
			err = errno;
			close(fd);
			return open_failed(c, path, err);
		}
		madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
	}
	close(fd);
	ec_csv_init_mem(c, path, map ? map : "", map ? (size_t)st.st_size : 0);
	c->map = map;
	c->map_len = map ? (size_t)st.st_size : 0;
	return EC_OK;
}

void ec_csv_release(struct ec_csv *c)
{
	if (c->map)
		munmap(c->map, c->map_len);
	free(c->fields);
	free(c->scratch_at);
	ec_buf_release(&c->scratch);
	c->map = NULL;
	c->fields = NULL;
	c->scratch_at = NULL;
	c->nfields = c->cap = 0;
}

double ec_csv_progress(const struct ec_csv *c)
{
	return c->len ? (double)c->pos / (double)c->len : 1.0;
}

static int push_field(struct ec_csv *c, const char *p, size_t n, size_t scratch_at)
{
	if (c->nfields == c->cap) {
		if (c->cap >= EC_CSV_MAX_FIELDS)
			return EC_ELIMIT;
		c->cap = c->cap ? c->cap * 2 : 16;
		c->fields = ec_realloc(c->fields, c->cap * sizeof *c->fields);
		c->scratch_at = ec_realloc(c->scratch_at, c->cap * sizeof *c->scratch_at);
	}
	c->fields[c->nfields].p = p;
	c->fields[c->nfields].n = n;
	c->scratch_at[c->nfields] = scratch_at;
	c->nfields++;
	return EC_OK;
}

/* Skips to just past the end of the current physical line. */
static void skip_line(struct ec_csv *c)
{
	const char *nl = memchr(c->data + c->pos, '\n', c->len - c->pos);

	c->pos = nl ? (size_t)(nl - c->data) + 1 : c->len;
	c->next_line++;
}

/* The column's name, or its number when the columns have none. */
static const char *column_label(const struct ec_csv *c, size_t column, char *buf, size_t size)
{
	if (c->column_names && column >= 1 && column <= c->ncolumn_names)
		return c->column_names[column - 1];
	snprintf(buf, size, "%zu", column);
	return buf;
}

/* The failure of the record read last as a problem: its code, at column
** (0: none), with its one number parameter (the byte, the limit). */
static void error_problem(const struct ec_csv *c, struct ec_problem *p)
{
	char label[32], number[24];
	const char *field = c->error_column ? column_label(c, c->error_column, label, sizeof label) : NULL;

	snprintf(number, sizeof number, "%zu", c->error_number);
	if (!c->error_code)
		ec_problem_set(p, "text", NULL, "text", c->error, NULL);
	else if (!strncmp(c->error_code, "file.", 5))
		ec_problem_set(p, c->error_code, NULL, "reason", strerror((int)c->error_number), NULL);
	else if (!strcmp(c->error_code, "csv.utf8"))
		ec_problem_set(p, c->error_code, field, "byte", number, NULL);
	else if (!strcmp(c->error_code, "csv.field_long") || !strcmp(c->error_code, "csv.too_many_fields"))
		ec_problem_set(p, c->error_code, field, "max", number, NULL);
	else
		ec_problem_set(p, c->error_code, field, NULL);
}

/* Records the failure: code at column with number, and its English line
** "name:line: column X: reason" in c->error. */
static void set_error(struct ec_csv *c, const char *code, size_t column, size_t number)
{
	struct ec_problem p;
	struct ec_buf b;

	c->error_code = code;
	c->error_column = column;
	c->error_number = number;
	error_problem(c, &p);
	p.file = ec_strdup(c->name ? c->name : "");
	p.line = c->line;
	ec_buf_init(&b, 0);
	ec_problem_format(&p, EC_LANG_EN, &b);
	snprintf(c->error, sizeof c->error, "%s", b.data ? b.data : "");
	ec_buf_release(&b);
	ec_problem_release(&p);
}

void ec_csv_diag(const struct ec_csv *c, struct ec_diag *d)
{
	struct ec_problem p;

	error_problem(c, &p);
	ec_diag_put(d, c->name, c->line, &p);
}

static int fail(struct ec_csv *c, size_t pos, const char *code, size_t column, size_t number, int resync)
	__attribute__((cold));

/* Fails the record with the problem code about column (0: none) at
** position pos; with resync, the reader moves on to the next physical
** line. Returns EC_EDATA. Marked cold, so that the compiler keeps it out of
** the loops that call it and inlines the field bookkeeping instead. */
static int fail(struct ec_csv *c, size_t pos, const char *code, size_t column, size_t number, int resync)
{
	c->pos = pos;
	set_error(c, code, column, number);
	if (resync)
		skip_line(c);
	return EC_EDATA;
}

/* Adds the field [p, p + n) (p NULL: at scratch_at - 1 in scratch) that
** ends at pos. Returns 0, or EC_EDATA when it is too long or one too many. */
static inline int add_field(struct ec_csv *c, const char *p, size_t n, size_t scratch_at, size_t pos)
{
	if (n > c->max_field)
		return fail(c, pos, "csv.field_long", c->nfields + 1, c->max_field, 1);
	if (push_field(c, p, n, scratch_at))
		return fail(c, pos, "csv.too_many_fields", 0, EC_CSV_MAX_FIELDS, 1);
	return EC_OK;
}

/* The fast path, taken by nearly every record of a large import: the line
** [line, line + n), which holds no quote and no carriage return, splits at
** its commas, found with memchr, and is checked for bytes >= 0x80 a word at
** a time (*high gets 0x80 when there is one). next is where the following
** line starts. Returns 1, or EC_EDATA. */
static inline int read_plain_line(struct ec_csv *c, const char *line, size_t n, size_t next, unsigned char *high)
{
	const char *p = line, *end = line + n;
	uint64_t hi = 0;
	size_t k = 0;

	for (; k + 8 <= n; k += 8) {
		uint64_t w;
		memcpy(&w, line + k, 8);
		hi |= w;
	}
	for (; k < n; k++)
		hi |= (unsigned char)line[k];
	for (;;) {
		const char *comma = memchr(p, c->delim, (size_t)(end - p));
		const char *fe = comma ? comma : end;
		if (add_field(c, p, (size_t)(fe - p), 0, (size_t)(fe - c->data)) != EC_OK)
			return EC_EDATA;
		if (!comma)
			break;
		p = comma + 1;
	}
	c->pos = next;
	c->next_line++;
	*high = (hi & 0x8080808080808080ull) ? 0x80 : 0;
	return 1;
}

/* A quoted field starting at *at (on its opening quote), unescaped into
** scratch; *at ends just past the closing quote, *high collects its bytes.
** Returns 0, or EC_EDATA. */
static int read_quoted_field(struct ec_csv *c, size_t *at, unsigned char *high)
{
	const char *d = c->data;
	size_t len = c->len, i = *at + 1, seg = i, from = c->scratch.len;
	unsigned char seen = 0; /* kept here: *high may alias anything */

	for (;;) {
		if (i >= len)
			return fail(c, len, "csv.unclosed", c->nfields + 1, 0, 0);
		if (d[i] == '"') {
			if (i + 1 < len && d[i + 1] == '"') {
				ec_buf_add(&c->scratch, d + seg, i + 1 - seg);
				i += 2;
				seg = i;
				continue;
			}
			ec_buf_add(&c->scratch, d + seg, i - seg);
			i++;
			break;
		}
		if (d[i] == '\n')
			c->next_line++;
		seen |= (unsigned char)d[i];
		i++;
	}
	*at = i;
	*high |= seen;
	if (add_field(c, NULL, c->scratch.len - from, from + 1, i) != EC_OK)
		return EC_EDATA;
	if (i < len && d[i] != c->delim && d[i] != '\n' && d[i] != '\r')
		return fail(c, i, "csv.after_quote", c->nfields, 0, 1);
	return EC_OK;
}

/* The general path: a record with quoted fields or carriage returns,
** which may span lines, read byte by byte from c->pos. Returns 1, or
** EC_EDATA. */
static int read_record(struct ec_csv *c, unsigned char *high)
{
	const char *d = c->data;
	size_t len = c->len, i = c->pos;
	unsigned char seen = 0;

	for (;;) {
		size_t start = i;
		if (i < len && d[i] == '"') {
			if (read_quoted_field(c, &i, &seen) != EC_OK)
				return EC_EDATA;
		} else {
			while (i < len) {
				unsigned char ch = (unsigned char)d[i];
				if (ch == (unsigned char)c->delim || ch == '\n' || ch == '\r')
					break;
				if (ch == '"')
					return fail(c, i, "csv.quote", c->nfields + 1, 0, 1);
				seen |= ch;
				i++;
			}
			if (add_field(c, d + start, i - start, 0, i) != EC_OK)
				return EC_EDATA;
		}
		if (i >= len)
			break;
		if (d[i] == c->delim) {
			i++;
			continue;
		}
		/* End of record: \n, \r\n, or a lone \r. */
		if (d[i] == '\r')
			i++;
		if (i < len && d[i] == '\n')
			i++;
		c->next_line++;
		break;
	}
	c->pos = i;
	*high = seen;

	/* Point quoted fields into the (now stable) scratch buffer. */
	for (size_t f = 0; f < c->nfields; f++)
		if (c->scratch_at[f])
			c->fields[f].p = c->scratch.data + c->scratch_at[f] - 1;
	return 1;
}

/* Checks every field of a record that holds a byte >= 0x80. Returns 1, or
** EC_EDATA naming the column and the byte. */
static int check_utf8(struct ec_csv *c)
{
	for (size_t f = 0; f < c->nfields; f++) {
		size_t bad = ec_utf8_check(c->fields[f].p, c->fields[f].n);
		if (bad) {
			set_error(c, "csv.utf8", f + 1, bad);
			return EC_EDATA;
		}
	}
	return 1;
}

int ec_csv_next(struct ec_csv *c)
{
	const char *d = c->data, *line, *nl;
	size_t len = c->len, n;
	unsigned char high = 0;
	int rc;

	c->nfields = 0;
	ec_buf_clear(&c->scratch);

	/* Skip blank lines. */
	while (c->pos < len && (d[c->pos] == '\n' || d[c->pos] == '\r')) {
		if (d[c->pos] == '\n')
			c->next_line++;
		c->pos++;
	}
	if (c->pos >= len)
		return 0;
	c->line = c->next_line;

	line = d + c->pos;
	nl = memchr(line, '\n', len - c->pos);
	n = nl ? (size_t)(nl - line) : len - c->pos;
	if (!memchr(line, '"', n) && !memchr(line, '\r', n))
		rc = read_plain_line(c, line, n, nl ? (size_t)(nl - d) + 1 : len, &high);
	else
		rc = read_record(c, &high);
	c->high = high & 0x80;
	if (rc == 1 && (high & 0x80))
		rc = check_utf8(c);
	return rc;
}

int ec_csv_write_field(struct ec_buf *b, const char *s, size_t n)
{
	int quote = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
			quote = 1;
			break;
		}
	if (!quote)
		return ec_buf_add(b, s, n);
	if (ec_buf_addc(b, '"'))
		return EC_ELIMIT;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' && ec_buf_addc(b, '"'))
			return EC_ELIMIT;
		if (ec_buf_addc(b, s[i]))
			return EC_ELIMIT;
	}
	return ec_buf_addc(b, '"');
}

int ec_csv_write_cell(struct ec_buf *b, const char *s, int last)
{
	if (ec_csv_write_field(b, s, strlen(s)))
		return EC_ELIMIT;
	return ec_buf_addc(b, last ? '\n' : ',');
}

int ec_csv_write_header(struct ec_buf *b, const char *const *cols, size_t ncols)
{
	for (size_t i = 0; i < ncols; i++)
		if (ec_csv_write_cell(b, cols[i], i + 1 == ncols))
			return EC_ELIMIT;
	return EC_OK;
}

int ec_csv_kind_find(const struct ec_csv_kind *kinds, size_t nkinds, const char *what)
{
	for (size_t k = 0; k < nkinds; k++)
		if (strcmp(what, kinds[k].name) == 0)
			return (int)k;
	return -1;
}

void ec_csv_copy(char *dst, size_t size, const struct ec_csv_field *f)
{
	size_t n = f->n < size - 1 ? f->n : size - 1;

	memcpy(dst, f->p, n);
	dst[n] = '\0';
}

int ec_csv_next_row(struct ec_csv *c, size_t ncols, const char *header, int64_t *rows, struct ec_diag *d)
{
	char found[24], count[24];
	int got;

	while ((got = ec_csv_next(c)) != 0) {
		if (rows)
			(*rows)++;
		if (got < 0) {
			ec_csv_diag(c, d);
			continue;
		}
		if (c->nfields == ncols)
			return 1;
		snprintf(found, sizeof found, "%zu", c->nfields);
		snprintf(count, sizeof count, "%zu", ncols);
		if (header)
			ec_diag_problem(d, "csv.fields_of", c->name, c->line, NULL, "found", found, "count", count, "header",
					header, NULL);
		else
			ec_diag_problem(d, "csv.fields", c->name, c->line, NULL, "found", found, "count", count, NULL);
	}
	return 0;
}

int ec_csv_field_is(const struct ec_csv_field *f, const char *s)
{
	return strlen(s) == f->n && memcmp(f->p, s, f->n) == 0;
}

int ec_csv_check_header(struct ec_csv *c, const char *const *cols, size_t ncols, struct ec_diag *d)
{
	size_t nfound;

	return ec_csv_check_header_opt(c, cols, ncols, ncols, &nfound, d);
}

int ec_csv_check_header_opt(struct ec_csv *c, const char *const *cols, size_t ncols, size_t nrequired, size_t *nfound,
			    struct ec_diag *d)
{
	struct ec_buf expected;
	char position[24], value[64];
	int rc = ec_csv_next(c);
	size_t i;

	ec_buf_init(&expected, 0);
	for (i = 0; i < ncols; i++)
		ec_buf_printf(&expected, "%s%s", i ? "," : "", cols[i]);
	if (rc < 0) {
		ec_csv_diag(c, d);
		goto fail;
	}
	if (rc == 0) {
		ec_diag_problem(d, "csv.empty", c->name, 1, NULL, "header", expected.data, NULL);
		goto fail;
	}
	for (i = 0; i < c->nfields && i < ncols; i++) {
		if (ec_csv_field_is(&c->fields[i], cols[i]))
			continue;
		/* A column left out shifts the rest: name the missing one. */
		if (c->nfields < ncols && i + 1 < ncols && ec_csv_field_is(&c->fields[i], cols[i + 1])) {
			ec_diag_problem(d, "csv.header_missing", c->name, c->line, NULL, "column", cols[i], "expected",
					expected.data, NULL);
		} else {
			snprintf(position, sizeof position, "%zu", i + 1);
			ec_value_shown(c->fields[i].p, c->fields[i].n, value, sizeof value);
			ec_diag_problem(d, "csv.header_wrong", c->name, c->line, NULL, "position", position, "value", value,
					"column", cols[i], "expected", expected.data, NULL);
		}
		goto fail;
	}
	if (c->nfields < nrequired) {
		ec_diag_problem(d, "csv.header_missing", c->name, c->line, NULL, "column", cols[c->nfields], "expected",
				expected.data, NULL);
		goto fail;
	}
	if (c->nfields > ncols) {
		snprintf(position, sizeof position, "%zu", ncols + 1);
		ec_value_shown(c->fields[ncols].p, c->fields[ncols].n, value, sizeof value);
		ec_diag_problem(d, "csv.header_extra", c->name, c->line, NULL, "position", position, "value", value,
				"expected", expected.data, NULL);
		goto fail;
	}
	*nfound = c->nfields;
	ec_buf_release(&expected);
	return EC_OK;
fail:
	ec_buf_release(&expected);
	return EC_EDATA;
}

/* Whether field f needs ec_csv_normalize: a full-width form, or (upper) a
** lower-case letter. */
static int needs_normal(const struct ec_csv_field *f, int high, int upper)
{
	for (size_t i = 0; i < f->n; i++) {
		unsigned char ch = (unsigned char)f->p[i];
		if ((upper && ch >= 'a' && ch <= 'z') || (high && ch == 0xEF && i + 2 < f->n) ||
		    (high && ch == 0xE3 && i + 2 < f->n && (unsigned char)f->p[i + 1] == 0x80 &&
		     (unsigned char)f->p[i + 2] == 0x80))
			return 1;
	}
	return 0;
}

void ec_csv_normalize(struct ec_csv *c, struct ec_buf *norm, int keep_col, int upper_col)
{
	size_t at[EC_CSV_MAX_FIELDS + 1];
	int changed[EC_CSV_MAX_FIELDS + 1];

	ec_buf_clear(norm);
	for (size_t f = 0; f < c->nfields && f <= EC_CSV_MAX_FIELDS; f++) {
		const struct ec_csv_field *fl = &c->fields[f];
		int upper = (int)f == upper_col;
		changed[f] = 0;
		/* a record of ASCII alone (most) has no full-width form to look for */
		if ((int)f == keep_col || (!c->high && !upper) || !needs_normal(fl, c->high, upper))
			continue;
		changed[f] = 1;
		at[f] = norm->len;
		for (size_t i = 0; i < fl->n; i++) {
			const unsigned char *p = (const unsigned char *)fl->p + i;
			char out;
			/* U+FF01..U+FF5E: EF BC 81..EF BC BF, EF BD 80..EF BD 9E */
			if (i + 2 < fl->n && p[0] == 0xEF && ((p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF) ||
								 (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E))) {
				unsigned cp = 0xFF00u + (p[1] == 0xBC ? (unsigned)(p[2] - 0x80) : (unsigned)(p[2] - 0x80 + 0x40));
				out = (char)(cp - 0xFEE0u);
				i += 2;
			} else if (i + 2 < fl->n && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
				out = ' ';
				i += 2;
			} else {
				out = (char)p[0];
			}
			if (upper && out >= 'a' && out <= 'z')
				out = (char)(out - 'a' + 'A');
			ec_buf_addc(norm, out);
		}
		c->fields[f].n = norm->len - at[f];
	}
	for (size_t f = 0; f < c->nfields && f <= EC_CSV_MAX_FIELDS; f++)
		if (changed[f])
			c->fields[f].p = norm->data + at[f];
}
