/*
** The column store of the facts (facts.h): its writer, which streams the
** enterprises' months through a block of 4096 enterprises, and its reader,
** which maps the file and checks it. The layout is docs/formats.md's "The
** column store"; the checksums are XXH3-64 (libxxhash), per column, so
** that a damaged file is found and made again rather than read.
*/
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "echelon/facts.h"

#define PAGE 4096u
#define HEADER 4096u
#define BLOCK 4096u          /* enterprises per written block */
#define MAX_MONTHS (12 * 200)
#define MAX_ENTERPRISES ((uint64_t)1 << 32)
#define ORDER 0x01020304u
static const char magic[8] = "ECFACTS";

enum shape { PER_ENT, PER_CELL, PER_DIV, PER_CODE };

enum col {
	C_ID, C_USCC, C_INDUSTRY, C_REGION, C_CATEGORY, C_LAT, C_LON,
	C_VA, C_REV, C_RD, C_EMP, C_PAT, C_REPORTED, C_PPI, C_CODES, NCOLS
};

static const struct {
	const char *name;
	unsigned width;
	enum shape shape;
} cols[NCOLS] = {
	[C_ID] = { "id", 8, PER_ENT },
	[C_USCC] = { "uscc", EC_USCC_LEN, PER_ENT },
	[C_INDUSTRY] = { "industry", 2, PER_ENT },
	[C_REGION] = { "region", 4, PER_ENT },
	[C_CATEGORY] = { "category", 2, PER_ENT },
	[C_LAT] = { "lat", 8, PER_ENT },
	[C_LON] = { "lon", 8, PER_ENT },
	[C_VA] = { "value_added", 8, PER_CELL },
	[C_REV] = { "revenue", 8, PER_CELL },
	[C_RD] = { "rd_expense", 8, PER_CELL },
	[C_EMP] = { "employees", 4, PER_CELL },
	[C_PAT] = { "patents", 4, PER_CELL },
	[C_REPORTED] = { "reported", 1, PER_CELL },
	[C_PPI] = { "ppi", 8, PER_DIV },
	[C_CODES] = { "categories", EC_FACTS_CODE, PER_CODE },
};

struct disk_col {
	char name[16];
	uint32_t width, shape;
	uint64_t offset, bytes, hash;
};

struct disk_header {
	char magic[8];
	uint32_t version, order;
	uint32_t header_size, ncolumns;
	int64_t generation;
	uint64_t nenterprises;
	int32_t first_period, nmonths;
	uint64_t ncategories, file_size;
	struct disk_col col[NCOLS];
};

_Static_assert(sizeof(struct disk_header) + 8 <= HEADER, "the header fits its page");

struct ec_facts_map {
	void *data;
	size_t size;
	int mapped;
	int fd;                  /* the file, for the streams; -1 for memory */
	int damaged;             /* a stream found a column that does not match */
	struct disk_header h;
};

/* The matrix columns by the stream's mask bits. */
static const enum col stream_col[EC_FACTS_NSTREAM] = { C_VA, C_REV, C_RD, C_EMP, C_PAT, C_REPORTED };

static uint64_t align_up(uint64_t v)
{
	return (v + PAGE - 1) / PAGE * PAGE;
}

static uint64_t column_bytes(enum col c, uint64_t n, uint64_t months, uint64_t ncat)
{
	switch (cols[c].shape) {
	case PER_ENT:
		return n * cols[c].width;
	case PER_CELL:
		return n * months * cols[c].width;
	case PER_DIV:
		return 100 * months * cols[c].width;
	case PER_CODE:
		return ncat * cols[c].width;
	}
	return 0;
}

/* Fills the column table's places for the sizes in h; returns the file's
** size. */
static uint64_t lay_out(struct disk_header *h)
{
	uint64_t at = HEADER, end = HEADER;

	h->ncolumns = NCOLS;
	for (int c = 0; c < NCOLS; c++) {
		struct disk_col *d = &h->col[c];
		memset(d->name, 0, sizeof d->name);
		memcpy(d->name, cols[c].name, strlen(cols[c].name));
		d->width = cols[c].width;
		d->shape = (uint32_t)cols[c].shape;
		d->offset = at;
		d->bytes = column_bytes(c, h->nenterprises, (uint64_t)h->nmonths, h->ncategories);
		end = at + d->bytes;
		at = align_up(end);
	}
	return end;
}

/* ---- reading ---- */

static int bad(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(char **err, const char *fmt, ...)
{
	va_list ap;
	char msg[256];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	*err = ec_asprintf("column store: %s", msg);
	return EC_EDATA;
}

/* Checks a header against the file's size; on success *h is a copy the
** caller may trust: every column lies inside the file, where the layout
** of its sizes puts it. */
static int check_header(const unsigned char *data, size_t size, struct disk_header *h, char **err)
{
	struct disk_header want;
	uint64_t hash;

	if (size < HEADER)
		return bad(err, "the file is %zu bytes, shorter than its header", size);
	memcpy(h, data, sizeof *h);
	if (memcmp(h->magic, magic, sizeof magic) != 0)
		return bad(err, "not a column store (no ECFACTS magic)");
	if (h->order != ORDER)
		return bad(err, "written on a machine of another byte order");
	if (h->version != EC_FACTS_VERSION)
		return bad(err, "version %u, this echelon reads version %d", h->version, EC_FACTS_VERSION);
	memcpy(&hash, data + HEADER - 8, 8);
	if (hash != XXH3_64bits(data, HEADER - 8))
		return bad(err, "the header's checksum does not match: the file is damaged");
	if (h->header_size != HEADER || h->ncolumns != NCOLS)
		return bad(err, "header of %u bytes and %u columns, expected %u and %d", h->header_size, h->ncolumns,
			   HEADER, NCOLS);
	if (h->nenterprises > MAX_ENTERPRISES || h->ncategories > EC_FACTS_NO_CATEGORY)
		return bad(err, "%llu enterprises and %llu categories are beyond the limits",
			   (unsigned long long)h->nenterprises, (unsigned long long)h->ncategories);
	if (h->nmonths < 0 || h->nmonths > MAX_MONTHS || h->nmonths % 12 ||
	    (h->nmonths > 0 && (h->first_period < 0 || ec_period_month(h->first_period) != 1)))
		return bad(err, "%d months from period %d: not whole years from a January", h->nmonths,
			   h->first_period);
	want = *h;
	if (lay_out(&want) != h->file_size || h->file_size != size)
		return bad(err, "the file is %zu bytes, its header says %llu and its sizes %llu", size,
			   (unsigned long long)h->file_size, (unsigned long long)lay_out(&want));
	for (int c = 0; c < NCOLS; c++) {
		const struct disk_col *a = &h->col[c], *b = &want.col[c];
		if (memcmp(a->name, b->name, sizeof a->name) != 0 || a->width != b->width || a->shape != b->shape ||
		    a->offset != b->offset || a->bytes != b->bytes)
			return bad(err, "column %d is not where version %d puts %s", c, EC_FACTS_VERSION,
				   cols[c].name);
	}
	for (uint64_t i = 0; i < h->ncategories; i++) {
		const char *code = (const char *)data + h->col[C_CODES].offset + i * EC_FACTS_CODE;
		if (memchr(code, 0, EC_FACTS_CODE) == NULL)
			return bad(err, "category %llu of the dictionary is not terminated", (unsigned long long)i);
	}
	return EC_OK;
}

static void point(struct ec_facts *f, const unsigned char *data, const struct disk_header *h)
{
#define AT(c) ((const void *)(data + h->col[c].offset))
	f->generation = h->generation;
	f->nenterprises = (size_t)h->nenterprises;
	f->first_period = h->first_period;
	f->nmonths = h->nmonths;
	f->id = AT(C_ID);
	f->uscc = AT(C_USCC);
	f->industry = AT(C_INDUSTRY);
	f->region = AT(C_REGION);
	f->category = AT(C_CATEGORY);
	f->lat = AT(C_LAT);
	f->lon = AT(C_LON);
	f->value_added = AT(C_VA);
	f->revenue = AT(C_REV);
	f->rd_expense = AT(C_RD);
	f->employees = AT(C_EMP);
	f->patents = AT(C_PAT);
	f->reported = AT(C_REPORTED);
	f->ppi = AT(C_PPI);
	f->ncategories = (size_t)h->ncategories;
	f->category_codes = AT(C_CODES);
#undef AT
}

static void drop_bytes(const struct ec_facts_map *m, uint64_t from, uint64_t to)
{
	uint64_t a = align_up(from), b = to / PAGE * PAGE;

	if (m->mapped && b > a)
		madvise((char *)m->data + a, (size_t)(b - a), MADV_DONTNEED);
}

#define SMALL_COLUMNS (1u << C_ID | 1u << C_USCC | 1u << C_INDUSTRY | 1u << C_REGION | 1u << C_CATEGORY | \
		       1u << C_LAT | 1u << C_LON | 1u << C_PPI | 1u << C_CODES)
#define ALL_COLUMNS ((1u << NCOLS) - 1)

/* Checks the columns of mask against their checksums, in slices that leave
** memory once read. */
static int verify(const struct ec_facts_map *m, const struct disk_header *h, unsigned mask, char **err)
{
	const size_t slice = 8u << 20;
	XXH3_state_t *st = XXH3_createState();

	for (int c = 0; c < NCOLS; c++) {
		const unsigned char *p = (const unsigned char *)m->data + h->col[c].offset;
		uint64_t left = h->col[c].bytes, done = 0;

		if (!(mask & 1u << c))
			continue;
		XXH3_64bits_reset(st);
		while (left > 0) {
			size_t k = left < slice ? (size_t)left : slice;
			XXH3_64bits_update(st, p + done, k);
			drop_bytes(m, h->col[c].offset + done, h->col[c].offset + done + k);
			done += k;
			left -= k;
		}
		if (XXH3_64bits_digest(st) != h->col[c].hash) {
			XXH3_freeState(st);
			return bad(err, "column %s does not match its checksum: the file is damaged", cols[c].name);
		}
	}
	XXH3_freeState(st);
	return EC_OK;
}

static int open_fd(int fd, const char *name, struct ec_facts **out, char **err)
{
	struct stat sb;
	struct ec_facts_map *m;
	struct ec_facts *f;
	void *data;
	int rc;

	if (fstat(fd, &sb) != 0) {
		*err = ec_asprintf("%s: %s", name, strerror(errno));
		return EC_EIO;
	}
	if (sb.st_size < (off_t)HEADER) {
		*err = ec_asprintf("%s: column store: the file is %lld bytes, shorter than its header", name,
				   (long long)sb.st_size);
		return EC_EDATA;
	}
	data = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
	if (data == MAP_FAILED) {
		*err = ec_asprintf("%s: cannot map the column store: %s", name, strerror(errno));
		return EC_EIO;
	}
	m = ec_calloc(1, sizeof *m);
	m->data = data;
	m->size = (size_t)sb.st_size;
	m->mapped = 1;
	m->fd = fd;
	if ((rc = check_header(data, m->size, &m->h, err)) != EC_OK ||
	    (rc = verify(m, &m->h, SMALL_COLUMNS, err)) != EC_OK) {
		char *why = *err;
		*err = ec_asprintf("%s: %s", name, why);
		free(why);
		munmap(data, m->size);
		m->fd = -1;
		free(m);
		return rc;
	}
	f = ec_calloc(1, sizeof *f);
	point(f, data, &m->h);
	f->map = m;
	*out = f;
	return EC_OK;
}

int ec_facts_open(const char *path, struct ec_facts **out, char **err)
{
	int fd, rc;

	*out = NULL;
	*err = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		*err = ec_asprintf("%s: %s", path, strerror(errno));
		return errno == ENOENT ? EC_ENOTFOUND : EC_EIO;
	}
	if ((rc = open_fd(fd, path, out, err)) != EC_OK)
		close(fd);
	return rc;
}

int ec_facts_check(const void *data, size_t size, char **err)
{
	struct ec_facts_map m;
	int rc;

	*err = NULL;
	memset(&m, 0, sizeof m);
	m.data = (void *)data;
	m.size = size;
	m.fd = -1;
	if ((rc = check_header(data, size, &m.h, err)) != EC_OK)
		return rc;
	return verify(&m, &m.h, ALL_COLUMNS, err);
}

int ec_facts_verify(const struct ec_facts *f, char **err)
{
	*err = NULL;
	return verify(f->map, &f->map->h, ALL_COLUMNS, err);
}

int ec_facts_damaged(const struct ec_facts *f)
{
	return f->map->damaged;
}

/* ---- streaming through the enterprises ----
**
** The matrix columns are read with pread into the stream's buffers, not
** through the mapping: on the machines measured (docs/performance.md),
** reading a mapped file runs at a third of the speed of copying it out
** (a TLB miss every 4 KiB page), and the buffers keep memory flat. */

void ec_facts_stream_begin(struct ec_facts_stream *s, const struct ec_facts *f, unsigned mask)
{
	memset(s, 0, sizeof *s);
	s->f = f;
	s->mask = mask;
	for (int k = 0; k < EC_FACTS_NSTREAM; k++)
		if (mask & 1u << k) {
			s->hash[k] = XXH3_createState();
			XXH3_64bits_reset(s->hash[k]);
		}
}

int ec_facts_stream_rows(struct ec_facts_stream *s, size_t to, char **err)
{
	const struct ec_facts *f = s->f;
	struct ec_facts_map *m = f->map;
	size_t from = s->to;
	int rc = EC_OK;

	*err = NULL;
	if (to > f->nenterprises)
		to = f->nenterprises;
	if (to < from)
		to = from;
	for (int k = 0; k < EC_FACTS_NSTREAM; k++) {
		const struct disk_col *c = &m->h.col[stream_col[k]];
		uint64_t row = (uint64_t)f->nmonths * c->width, at = c->offset + from * row;
		size_t len = (size_t)((to - from) * row);
		void *dst;

		if (!(s->mask & 1u << k))
			continue;
		if (len > s->cap[k]) {
			free(s->buf[k]);
			s->buf[k] = ec_malloc(len);
			s->cap[k] = len;
		}
		dst = s->buf[k];
		if (m->fd >= 0) {
			size_t got = 0;
			while (got < len) {
				ssize_t r = pread(m->fd, (char *)dst + got, len - got, (off_t)(at + got));
				if (r < 0 && errno == EINTR)
					continue;
				if (r <= 0) {
					*err = ec_asprintf("column store: reading column %s: %s", cols[stream_col[k]].name,
							   r < 0 ? strerror(errno) : "the file is shorter than its header says");
					return EC_EIO;
				}
				got += (size_t)r;
			}
		} else {
			memcpy(dst, (const char *)m->data + at, len);
		}
		XXH3_64bits_update(s->hash[k], dst, len);
		if (to == f->nenterprises && XXH3_64bits_digest(s->hash[k]) != c->hash && rc == EC_OK) {
			m->damaged = 1;
			rc = bad(err, "column %s does not match its checksum: the file is damaged",
				 cols[stream_col[k]].name);
		}
	}
	s->from = from;
	s->to = to;
	s->value_added = s->buf[0];
	s->revenue = s->buf[1];
	s->rd_expense = s->buf[2];
	s->employees = s->buf[3];
	s->patents = s->buf[4];
	s->reported = s->buf[5];
	return rc;
}

void ec_facts_stream_end(struct ec_facts_stream *s)
{
	for (int k = 0; k < EC_FACTS_NSTREAM; k++) {
		XXH3_freeState(s->hash[k]);
		free(s->buf[k]);
		s->hash[k] = s->buf[k] = NULL;
	}
}

void ec_facts_close(struct ec_facts *f)
{
	if (!f)
		return;
	if (f->map) {
		if (f->map->mapped)
			munmap(f->map->data, f->map->size);
		if (f->map->fd >= 0)
			close(f->map->fd);
		free(f->map);
	}
	free(f);
}

/* ---- writing ---- */

struct ec_facts_writer {
	char *path, *tmp;           /* tmp NULL: an unnamed file */
	int fd;
	struct disk_header h;
	XXH3_state_t *hash[NCOLS];
	size_t n, given, cursor;
	int first, months;
	/* per enterprise */
	int64_t *id;
	char (*uscc)[EC_USCC_LEN];
	uint16_t *industry, *category;
	uint32_t *region;
	double *lat, *lon;
	/* the category dictionary: codes, and an open-addressed index */
	char (*codes)[EC_FACTS_CODE];
	size_t ncodes, capcodes;
	uint16_t slot[4096];        /* code index + 1, 0 = empty */
	/* the block of enterprises being filled */
	size_t block;               /* its first enterprise */
	double *va, *rev, *rd;
	int32_t *emp, *pat;
	uint8_t *reported;
	double *ppi;
};

static int write_all(int fd, const void *buf, size_t len, uint64_t at)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t k = pwrite(fd, p, len, (off_t)at);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		len -= (size_t)k;
		at += (uint64_t)k;
	}
	return 0;
}

static int io_failed(struct ec_facts_writer *w, char **err, const char *what)
{
	*err = ec_asprintf("%s: %s the column store: %s", w->path ? w->path : "(temporary file)", what,
			   strerror(errno));
	return EC_EIO;
}

/* Appends len bytes of column c at its place `at` bytes in. */
static int put(struct ec_facts_writer *w, enum col c, const void *buf, size_t len, uint64_t at, char **err)
{
	if (len == 0)
		return EC_OK;
	XXH3_64bits_update(w->hash[c], buf, len);
	if (write_all(w->fd, buf, len, w->h.col[c].offset + at) != 0)
		return io_failed(w, err, "writing");
	return EC_OK;
}

static size_t block_size(const struct ec_facts_writer *w)
{
	return w->n - w->block < BLOCK ? w->n - w->block : BLOCK;
}

/* Writes the block being filled and starts the next. */
static int flush_block(struct ec_facts_writer *w, char **err)
{
	size_t cells = block_size(w) * (size_t)w->months;
	uint64_t at = (uint64_t)w->block * (uint64_t)w->months;
	int rc = EC_OK;

	if (cells > 0 &&
	    ((rc = put(w, C_VA, w->va, cells * 8, at * 8, err)) != EC_OK ||
	     (rc = put(w, C_REV, w->rev, cells * 8, at * 8, err)) != EC_OK ||
	     (rc = put(w, C_RD, w->rd, cells * 8, at * 8, err)) != EC_OK ||
	     (rc = put(w, C_EMP, w->emp, cells * 4, at * 4, err)) != EC_OK ||
	     (rc = put(w, C_PAT, w->pat, cells * 4, at * 4, err)) != EC_OK ||
	     (rc = put(w, C_REPORTED, w->reported, cells, at, err)) != EC_OK))
		return rc;
	w->block += BLOCK;
	if (cells > 0) {
		memset(w->va, 0, cells * 8);
		memset(w->rev, 0, cells * 8);
		memset(w->rd, 0, cells * 8);
		memset(w->emp, 0, cells * 4);
		memset(w->pat, 0, cells * 4);
		memset(w->reported, 0, cells);
	}
	return EC_OK;
}

int ec_facts_writer_open(const char *path, int64_t generation, size_t nenterprises, int first_period, int nmonths,
			 struct ec_facts_writer **out, char **err)
{
	struct ec_facts_writer *w;
	size_t cells;

	*out = NULL;
	*err = NULL;
	if (nmonths < 0 || nmonths > MAX_MONTHS || nmonths % 12 ||
	    (nmonths > 0 && ec_period_month(first_period) != 1) || (uint64_t)nenterprises > MAX_ENTERPRISES) {
		*err = ec_asprintf("column store: %zu enterprises over %d months from period %d are beyond its limits",
				   nenterprises, nmonths, first_period);
		return EC_EUSAGE;
	}
	w = ec_calloc(1, sizeof *w);
	w->n = nenterprises;
	w->first = nmonths > 0 ? first_period : 0;
	w->months = nmonths;
	if (path) {
		w->path = ec_strdup(path);
		w->tmp = ec_asprintf("%s.XXXXXX", path);
		w->fd = mkostemp(w->tmp, O_CLOEXEC);
	} else {
		const char *dir = getenv("TMPDIR");
		w->tmp = ec_asprintf("%s/echelon-facts.XXXXXX", dir && *dir ? dir : "/tmp");
		w->fd = mkostemp(w->tmp, O_CLOEXEC);
		if (w->fd >= 0)
			unlink(w->tmp);
		free(w->tmp);
		w->tmp = NULL;
	}
	if (w->fd < 0) {
		int rc = io_failed(w, err, "creating");
		free(w->path);
		free(w->tmp);
		free(w);
		return rc;
	}
	memcpy(w->h.magic, magic, sizeof magic);
	w->h.version = EC_FACTS_VERSION;
	w->h.order = ORDER;
	w->h.header_size = HEADER;
	w->h.generation = generation;
	w->h.nenterprises = nenterprises;
	w->h.first_period = w->first;
	w->h.nmonths = nmonths;
	lay_out(&w->h); /* the dictionary is last: its size does not move the others */
	for (int c = 0; c < NCOLS; c++) {
		w->hash[c] = XXH3_createState();
		XXH3_64bits_reset(w->hash[c]);
	}
	w->id = ec_malloc((nenterprises + 1) * sizeof *w->id);
	w->uscc = ec_malloc((nenterprises + 1) * sizeof *w->uscc);
	w->industry = ec_malloc((nenterprises + 1) * sizeof *w->industry);
	w->category = ec_malloc((nenterprises + 1) * sizeof *w->category);
	w->region = ec_malloc((nenterprises + 1) * sizeof *w->region);
	w->lat = ec_malloc((nenterprises + 1) * sizeof *w->lat);
	w->lon = ec_malloc((nenterprises + 1) * sizeof *w->lon);
	cells = (size_t)BLOCK * (size_t)nmonths + 1;
	w->va = ec_calloc(cells, 8);
	w->rev = ec_calloc(cells, 8);
	w->rd = ec_calloc(cells, 8);
	w->emp = ec_calloc(cells, 4);
	w->pat = ec_calloc(cells, 4);
	w->reported = ec_calloc(cells, 1);
	w->ppi = ec_malloc((100 * (size_t)nmonths + 1) * sizeof *w->ppi);
	for (size_t i = 0; i < 100 * (size_t)nmonths; i++)
		w->ppi[i] = NAN;
	*out = w;
	return EC_OK;
}

/* A code of digits as a number; -1 when it is not all digits. */
static long digits(const char *s, size_t max)
{
	long v = 0;
	size_t i;

	for (i = 0; s[i] && i < max; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return i == 0 || s[i] ? -1 : v;
}

static int category_index(struct ec_facts_writer *w, const char *code, uint16_t *out, char **err)
{
	uint32_t hash = 2166136261u;
	size_t len = strlen(code), i;

	if (len == 0) {
		*out = EC_FACTS_NO_CATEGORY;
		return EC_OK;
	}
	if (len >= EC_FACTS_CODE) {
		*err = ec_asprintf("column store: category code '%s' is longer than %d bytes", code, EC_FACTS_CODE - 1);
		return EC_EDATA;
	}
	for (i = 0; i < len; i++)
		hash = (hash ^ (unsigned char)code[i]) * 16777619u;
	for (i = hash % 4096;; i = (i + 1) % 4096) {
		uint16_t s = w->slot[i];
		if (s == 0)
			break;
		if (strcmp(w->codes[s - 1], code) == 0) {
			*out = (uint16_t)(s - 1);
			return EC_OK;
		}
	}
	if (w->ncodes >= 2048) { /* half the index: it never fills */
		*err = ec_strdup("column store: more than 2048 distinct primary categories");
		return EC_EDATA;
	}
	if (w->ncodes == w->capcodes) {
		w->capcodes = w->capcodes ? 2 * w->capcodes : 64;
		w->codes = ec_realloc(w->codes, w->capcodes * sizeof *w->codes);
	}
	memset(w->codes[w->ncodes], 0, EC_FACTS_CODE);
	memcpy(w->codes[w->ncodes], code, len);
	w->slot[i] = (uint16_t)(w->ncodes + 1);
	*out = (uint16_t)w->ncodes++;
	return EC_OK;
}

int ec_facts_writer_enterprise(struct ec_facts_writer *w, const struct ec_enterprise *e, char **err)
{
	size_t i = w->given;
	long industry = digits(e->industry, 4), region = digits(e->region, 6);

	*err = NULL;
	if (i >= w->n) {
		*err = ec_asprintf("column store: more enterprises than the %zu counted", w->n);
		return EC_EDATA;
	}
	if (i > 0 && e->id <= w->id[i - 1]) {
		*err = ec_asprintf("column store: enterprise %lld comes after %lld, not in id order", (long long)e->id,
				   (long long)w->id[i - 1]);
		return EC_EDATA;
	}
	if (industry < 0 || region < 0 || strlen(e->uscc) != EC_USCC_LEN) {
		*err = ec_asprintf("column store: enterprise %s has industry '%s' and region '%s', not codes of digits",
				   e->uscc, e->industry, e->region);
		return EC_EDATA;
	}
	if (category_index(w, e->sei_primary, &w->category[i], err) != EC_OK)
		return EC_EDATA;
	w->id[i] = e->id;
	memcpy(w->uscc[i], e->uscc, EC_USCC_LEN);
	w->industry[i] = (uint16_t)industry;
	w->region[i] = (uint32_t)region;
	w->lat[i] = e->lat;
	w->lon[i] = e->lon;
	w->given++;
	return EC_OK;
}

static int32_t clamp32(int64_t v)
{
	return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int32_t)v;
}

int ec_facts_writer_report(struct ec_facts_writer *w, const struct ec_report *r, char **err)
{
	size_t at;
	int rc;

	*err = NULL;
	if (r->period < w->first || r->period >= w->first + w->months) {
		*err = ec_asprintf("column store: a report of period %d lies outside the %d months from %d", r->period,
				   w->months, w->first);
		return EC_EDATA;
	}
	/* Reports come ordered by enterprise id, as the enterprises did; a
	** report of an enterprise not given is not a fact of the store. */
	while (w->cursor < w->given && w->id[w->cursor] < r->enterprise_id)
		w->cursor++;
	if (w->cursor >= w->given || w->id[w->cursor] != r->enterprise_id)
		return EC_OK;
	while (w->cursor >= w->block + BLOCK)
		if ((rc = flush_block(w, err)) != EC_OK)
			return rc;
	at = (w->cursor - w->block) * (size_t)w->months + (size_t)(r->period - w->first);
	w->va[at] = r->value_added;
	w->rev[at] = r->revenue;
	w->rd[at] = r->rd_expense;
	w->emp[at] = clamp32(r->employees);
	w->pat[at] = clamp32(r->patents);
	w->reported[at] = 1;
	return EC_OK;
}

int ec_facts_writer_deflator(struct ec_facts_writer *w, const struct ec_deflator *d, char **err)
{
	long div = digits(d->division, 2);

	*err = NULL;
	if (div < 0 || div >= 100) {
		*err = ec_asprintf("column store: division '%s' is not two digits", d->division);
		return EC_EDATA;
	}
	if (d->period >= w->first && d->period < w->first + w->months)
		w->ppi[(size_t)div * (size_t)w->months + (size_t)(d->period - w->first)] = d->ppi_yoy;
	return EC_OK;
}

static void writer_free(struct ec_facts_writer *w)
{
	for (int c = 0; c < NCOLS; c++)
		XXH3_freeState(w->hash[c]);
	free(w->path);
	free(w->tmp);
	free(w->id);
	free(w->uscc);
	free(w->industry);
	free(w->category);
	free(w->region);
	free(w->lat);
	free(w->lon);
	free(w->codes);
	free(w->va);
	free(w->rev);
	free(w->rd);
	free(w->emp);
	free(w->pat);
	free(w->reported);
	free(w->ppi);
	free(w);
}

void ec_facts_writer_abort(struct ec_facts_writer *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	if (w->tmp)
		unlink(w->tmp);
	writer_free(w);
}

static int sync_dir(const char *path)
{
	char *dir = ec_strdup(path), *slash = strrchr(dir, '/');
	int fd, rc = 0;

	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		rc = fsync(fd);
		close(fd);
	}
	free(dir);
	return rc;
}

int ec_facts_writer_seal(struct ec_facts_writer *w, char **err)
{
	unsigned char header[HEADER];
	size_t n = w->n;
	uint64_t hash;
	int rc = EC_OK;

	*err = NULL;
	if (w->given != n) {
		*err = ec_asprintf("column store: %zu enterprises given of the %zu counted", w->given, n);
		ec_facts_writer_abort(w);
		return EC_EDATA;
	}
	while (rc == EC_OK && w->block < n)
		rc = flush_block(w, err);
	if (rc == EC_OK) {
		w->h.ncategories = w->ncodes;
		w->h.file_size = lay_out(&w->h);
	}
	if (rc != EC_OK || (rc = put(w, C_ID, w->id, n * 8, 0, err)) != EC_OK ||
	    (rc = put(w, C_USCC, w->uscc, n * EC_USCC_LEN, 0, err)) != EC_OK ||
	    (rc = put(w, C_INDUSTRY, w->industry, n * 2, 0, err)) != EC_OK ||
	    (rc = put(w, C_REGION, w->region, n * 4, 0, err)) != EC_OK ||
	    (rc = put(w, C_CATEGORY, w->category, n * 2, 0, err)) != EC_OK ||
	    (rc = put(w, C_LAT, w->lat, n * 8, 0, err)) != EC_OK ||
	    (rc = put(w, C_LON, w->lon, n * 8, 0, err)) != EC_OK ||
	    (rc = put(w, C_PPI, w->ppi, 100 * (size_t)w->months * 8, 0, err)) != EC_OK ||
	    (rc = put(w, C_CODES, w->codes, w->ncodes * EC_FACTS_CODE, 0, err)) != EC_OK) {
		ec_facts_writer_abort(w);
		return rc;
	}
	for (int c = 0; c < NCOLS; c++)
		w->h.col[c].hash = XXH3_64bits_digest(w->hash[c]);
	memset(header, 0, sizeof header);
	memcpy(header, &w->h, sizeof w->h);
	hash = XXH3_64bits(header, HEADER - 8);
	memcpy(header + HEADER - 8, &hash, 8);
	/* The file is its full size before the header says so; the header is
	** written last, and the whole synced before it takes the name. */
	if (ftruncate(w->fd, (off_t)w->h.file_size) != 0 || write_all(w->fd, header, HEADER, 0) != 0 ||
	    (w->tmp && fsync(w->fd) != 0)) {
		rc = io_failed(w, err, "writing");
		ec_facts_writer_abort(w);
		return rc;
	}
	return EC_OK;
}

int ec_facts_writer_install(struct ec_facts_writer *w, struct ec_facts **opened, char **err)
{
	int rc = EC_OK;

	*err = NULL;
	if (opened)
		*opened = NULL;
	if (w->tmp) {
		if (rename(w->tmp, w->path) != 0) {
			rc = io_failed(w, err, "renaming");
			ec_facts_writer_abort(w);
			return rc;
		}
		free(w->tmp);
		w->tmp = NULL;
		sync_dir(w->path);
	}
	if (opened && (rc = open_fd(w->fd, w->path ? w->path : "(temporary file)", opened, err)) == EC_OK)
		w->fd = -1; /* the store keeps it */
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	writer_free(w);
	return rc;
}

int ec_facts_writer_finish(struct ec_facts_writer *w, struct ec_facts **opened, char **err)
{
	int rc;

	if (opened)
		*opened = NULL;
	if ((rc = ec_facts_writer_seal(w, err)) != EC_OK)
		return rc;
	return ec_facts_writer_install(w, opened, err);
}
