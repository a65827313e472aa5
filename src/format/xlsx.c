/*
** This is the implementation of the workbook reader: an .xlsx is a zip of
** XML parts. xl/workbook.xml names the sheets and xl/_rels/workbook.xml.rels
** where each is; xl/sharedStrings.xml holds the strings cells point to by
** index, and xl/styles.xml the number formats that tell a date from a
** number. The sheet itself is inflated a block at a time into expat and
** written out as CSV row by row.
**
** Why CSV: the checks and problems of every import kind are written once,
** over CSV records (intake.c); a workbook becomes the same records, and the
** map from CSV lines to sheet rows lets a problem name its cell.
*/
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "echelon/csv.h"
#include "echelon/xlsx.h"

#define PART_MAX (256u << 20)   /* the parts read whole: workbook, rels, strings, styles */
#define CELL_MAX (64u << 10)    /* one cell's text */
#define COLS_MAX 16384          /* Excel's own limit (XFD) */

int ec_xlsx_is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

int ec_xlsx_is_xls(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

void ec_xlsx_column_name(int col, char out[8])
{
	char tmp[8];
	int n = 0;

	if (col < 0)
		col = 0;
	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

void ec_xlsx_sheet_release(struct ec_xlsx_sheet *s)
{
	free(s->csv);
	free(s->rows);
	memset(s, 0, sizeof *s);
}

/* ---- reading the zip ---- */

struct book {
	const char *name;          /* the file, for messages */
	struct ec_diag *d;
	zip_t *zip;
	char **strings;            /* the shared strings */
	size_t nstrings, cap_strings;
	unsigned char *date_kind;  /* per cell style: 0 not a date, 1 YYYY-MM, 2 YYYY-MM-DD */
	size_t nstyles;
	int date1904;
};

static int damaged(struct book *b, const char *what)
{
	ec_diag_problem(b->d, "xlsx.damaged", b->name, 0, NULL, "reason", what, NULL);
	return EC_EDATA;
}

/* Streams the part at path through parser p. Returns 0, EC_ENOTFOUND when
** the part is absent, EC_EDATA when it is not well-formed or the zip fails,
** or the status the handlers left in *status. */
static int stream_part(struct book *b, const char *path, XML_Parser p, const int *status, size_t max)
{
	zip_file_t *f = zip_fopen(b->zip, path, 0);
	char buf[65536];
	size_t total = 0;
	zip_int64_t n;

	if (!f)
		return EC_ENOTFOUND;
	do {
		n = zip_fread(f, buf, sizeof buf);
		if (n < 0) {
			zip_fclose(f);
			return damaged(b, "a part of the zip cannot be inflated");
		}
		total += (size_t)n;
		if (total > max) {
			zip_fclose(f);
			ec_diag_problem(b->d, "xlsx.damaged", b->name, 0, NULL, "reason", "a part inflates beyond the size taken", NULL);
			return EC_ELIMIT;
		}
		if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
			zip_fclose(f);
			if (status && *status != EC_OK)
				return *status;
			char why[160];
			snprintf(why, sizeof why, "%s, line %lu: %s", path, (unsigned long)XML_GetCurrentLineNumber(p),
				 XML_ErrorString(XML_GetErrorCode(p)));
			return damaged(b, why);
		}
	} while (n > 0);
	zip_fclose(f);
	return status ? *status : EC_OK;
}

/* The local name of an element: "x:row" and "row" are both "row". */
static const char *local(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon ? colon + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* ---- workbook.xml and its relations: which part is the sheet ---- */

struct sheets {
	struct book *b;
	const char *want;       /* the sheet asked for, or NULL */
	char found_name[128], found_rid[64];
	struct ec_buf all;      /* every sheet's name, for the message */
	char target[512];       /* from the relations */
	int found;
};

static void XMLCALL workbook_start(void *ctx, const char *el, const char **atts)
{
	struct sheets *s = ctx;
	const char *n = local(el);

	if (strcmp(n, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");
		s->b->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(n, "sheet") == 0) {
		const char *name = attr(atts, "name"), *rid = attr(atts, "id");
		if (!name || !rid)
			return;
		ec_buf_printf(&s->all, "%s%s", s->all.len ? ", " : "", name);
		if (!s->found && (!s->want || strcmp(s->want, name) == 0)) {
			s->found = 1;
			snprintf(s->found_name, sizeof s->found_name, "%s", name);
			snprintf(s->found_rid, sizeof s->found_rid, "%s", rid);
		}
	}
}

static void XMLCALL rels_start(void *ctx, const char *el, const char **atts)
{
	struct sheets *s = ctx;
	const char *id, *target;

	if (strcmp(local(el), "Relationship") != 0)
		return;
	id = attr(atts, "Id");
	target = attr(atts, "Target");
	if (id && target && strcmp(id, s->found_rid) == 0) {
		/* relative to xl/, or absolute from the package root */
		if (target[0] == '/')
			snprintf(s->target, sizeof s->target, "%s", target + 1);
		else
			snprintf(s->target, sizeof s->target, "xl/%s", target);
	}
}

static int find_sheet(struct book *b, const char *want, char *path, size_t psize, char *name, size_t nsize)
{
	struct sheets s;
	XML_Parser p;
	int rc;

	memset(&s, 0, sizeof s);
	s.b = b;
	s.want = want;
	ec_buf_init(&s.all, 0);
	p = XML_ParserCreate(NULL);
	XML_SetUserData(p, &s);
	XML_SetStartElementHandler(p, workbook_start);
	rc = stream_part(b, "xl/workbook.xml", p, NULL, PART_MAX);
	XML_ParserFree(p);
	if (rc == EC_ENOTFOUND)
		rc = damaged(b, "xl/workbook.xml is missing: this zip is not an Excel workbook");
	if (rc == EC_OK && !s.found) {
		ec_diag_problem(b->d, "xlsx.no_sheet", b->name, 0, NULL, "sheet", want ? want : "", "sheets",
				s.all.data ? s.all.data : "", NULL);
		rc = EC_EDATA;
	}
	if (rc == EC_OK) {
		p = XML_ParserCreate(NULL);
		XML_SetUserData(p, &s);
		XML_SetStartElementHandler(p, rels_start);
		rc = stream_part(b, "xl/_rels/workbook.xml.rels", p, NULL, PART_MAX);
		XML_ParserFree(p);
		if (rc == EC_ENOTFOUND || (rc == EC_OK && !s.target[0]))
			rc = damaged(b, "the workbook does not say where its sheet is (xl/_rels/workbook.xml.rels)");
	}
	if (rc == EC_OK) {
		snprintf(path, psize, "%s", s.target);
		snprintf(name, nsize, "%s", s.found_name);
	}
	ec_buf_release(&s.all);
	return rc;
}

/* ---- sharedStrings.xml ---- */

struct strings {
	struct book *b;
	struct ec_buf text;
	int in_si, in_t, in_phonetic;
	int status;
	XML_Parser p;
};

static void XMLCALL strings_start(void *ctx, const char *el, const char **atts)
{
	struct strings *s = ctx;
	const char *n = local(el);

	(void)atts;
	if (strcmp(n, "si") == 0) {
		s->in_si = 1;
		ec_buf_clear(&s->text);
	} else if (strcmp(n, "rPh") == 0) {
		s->in_phonetic = 1; /* a reading aid (furigana), not the text */
	} else if (strcmp(n, "t") == 0 && s->in_si && !s->in_phonetic) {
		s->in_t = 1;
	}
}

static void XMLCALL strings_end(void *ctx, const char *el)
{
	struct strings *s = ctx;
	struct book *b = s->b;
	const char *n = local(el);

	if (strcmp(n, "t") == 0) {
		s->in_t = 0;
	} else if (strcmp(n, "rPh") == 0) {
		s->in_phonetic = 0;
	} else if (strcmp(n, "si") == 0) {
		if (b->nstrings == b->cap_strings) {
			b->cap_strings = b->cap_strings ? 2 * b->cap_strings : 256;
			b->strings = ec_realloc(b->strings, b->cap_strings * sizeof *b->strings);
		}
		b->strings[b->nstrings++] = ec_strdup(s->text.data ? s->text.data : "");
		s->in_si = 0;
	}
}

static void XMLCALL strings_text(void *ctx, const char *t, int n)
{
	struct strings *s = ctx;

	if (!s->in_t)
		return;
	if (s->text.len + (size_t)n > CELL_MAX) {
		s->status = EC_ELIMIT;
		ec_diag_problem(s->b->d, "xlsx.damaged", s->b->name, 0, NULL, "reason", "a shared string is longer than 65536 bytes", NULL);
		XML_StopParser(s->p, XML_FALSE);
		return;
	}
	ec_buf_add(&s->text, t, (size_t)n);
}

static int read_strings(struct book *b)
{
	struct strings s;
	int rc;

	memset(&s, 0, sizeof s);
	s.b = b;
	ec_buf_init(&s.text, 0);
	s.p = XML_ParserCreate(NULL);
	XML_SetUserData(s.p, &s);
	XML_SetElementHandler(s.p, strings_start, strings_end);
	XML_SetCharacterDataHandler(s.p, strings_text);
	rc = stream_part(b, "xl/sharedStrings.xml", s.p, &s.status, PART_MAX);
	XML_ParserFree(s.p);
	ec_buf_release(&s.text);
	return rc == EC_ENOTFOUND ? EC_OK : rc; /* a workbook without strings has none */
}

/* ---- styles.xml: which cell styles are dates ---- */

/* 0 when the number format is not a date, 1 when it shows a month without
** a day, 2 when it shows a day. Built-in formats by id (ECMA-376 18.8.30,
** with the ids Excel uses for Chinese dates), custom ones by their code. */
static int builtin_date(int id)
{
	switch (id) {
	case 14: case 15: case 16: case 22: case 27: case 30: case 31: case 36: case 50: case 52: case 53:
	case 54: case 56: case 58:
		return 2;
	case 17: case 28: case 29: case 55: case 57:
		return 1;
	default:
		return 0;
	}
}

static int custom_date(const char *code)
{
	int y = 0, m = 0, d = 0, time = 0, quoted = 0, bracket = 0;

	for (const char *c = code; *c; c++) {
		if (*c == '"') {
			quoted = !quoted;
			continue;
		}
		if (quoted)
			continue;
		if (*c == '\\' && c[1]) {
			c++;
			continue;
		}
		if (*c == '[') {
			bracket = 1;
			continue;
		}
		if (bracket) {
			bracket = *c != ']';
			continue;
		}
		switch (*c) {
		case 'y': case 'Y': case 'e': y = 1; break;
		case 'd': case 'D': d = 1; break;
		case 'm': case 'M': m = 1; break;
		case 'h': case 'H': case 's': case 'S': time = 1; break;
		case ';': goto out; /* the format of positive numbers is enough */
		default: break;
		}
	}
out:
	if (d || (y && m))
		return d ? 2 : 1;
	(void)time;
	return 0;
}

struct styles {
	struct book *b;
	int *custom_id;       /* custom number formats: id and kind */
	unsigned char *custom_kind;
	size_t ncustom;
	int in_cell_xfs;
	size_t cap;
};

static void XMLCALL styles_start(void *ctx, const char *el, const char **atts)
{
	struct styles *s = ctx;
	struct book *b = s->b;
	const char *n = local(el);

	if (strcmp(n, "numFmt") == 0) {
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (!id || !code)
			return;
		s->custom_id = ec_realloc(s->custom_id, (s->ncustom + 1) * sizeof *s->custom_id);
		s->custom_kind = ec_realloc(s->custom_kind, s->ncustom + 1);
		s->custom_id[s->ncustom] = atoi(id);
		s->custom_kind[s->ncustom] = (unsigned char)custom_date(code);
		s->ncustom++;
	} else if (strcmp(n, "cellXfs") == 0) {
		s->in_cell_xfs = 1;
	} else if (strcmp(n, "xf") == 0 && s->in_cell_xfs) {
		const char *v = attr(atts, "numFmtId");
		int id = v ? atoi(v) : 0, kind = builtin_date(id);
		for (size_t i = 0; i < s->ncustom; i++)
			if (s->custom_id[i] == id)
				kind = s->custom_kind[i];
		if (b->nstyles == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 64;
			b->date_kind = ec_realloc(b->date_kind, s->cap);
		}
		b->date_kind[b->nstyles++] = (unsigned char)kind;
	}
}

static void XMLCALL styles_end(void *ctx, const char *el)
{
	struct styles *s = ctx;

	if (strcmp(local(el), "cellXfs") == 0)
		s->in_cell_xfs = 0;
}

static int read_styles(struct book *b)
{
	struct styles s;
	XML_Parser p = XML_ParserCreate(NULL);
	int rc;

	memset(&s, 0, sizeof s);
	s.b = b;
	XML_SetUserData(p, &s);
	XML_SetElementHandler(p, styles_start, styles_end);
	rc = stream_part(b, "xl/styles.xml", p, NULL, PART_MAX);
	XML_ParserFree(p);
	free(s.custom_id);
	free(s.custom_kind);
	return rc == EC_ENOTFOUND ? EC_OK : rc;
}

/* ---- the sheet ---- */

struct cell {
	int col;
	size_t at;  /* its text, NUL-terminated, in the row's buffer */
};

struct sheet {
	struct book *b;
	struct ec_xlsx_sheet *out;
	XML_Parser p;
	struct ec_buf csv;
	size_t max_bytes;
	long row, rows_cap;         /* the current row's number */
	int next_col;
	struct cell *cells;         /* the current row's */
	size_t ncells, cap_cells;
	struct ec_buf row_text;     /* their texts, one after another */
	/* the cell being read */
	int col, style, in_v, in_t, in_is;
	char type[12];
	struct ec_buf text;
	int have_header;
	int header_last;            /* the header's last non-empty column */
	long header_row;
	struct ec_buf merged;       /* merged ranges that touch the header */
	int status;
};

static void stop(struct sheet *s, int status)
{
	if (s->status == EC_OK)
		s->status = status;
	XML_StopParser(s->p, XML_FALSE);
}

/* "C12" -> column 2, row 12; -1 when there is none. */
static int parse_ref(const char *r, long *row)
{
	int col = 0, letters = 0;

	for (; *r >= 'A' && *r <= 'Z'; r++, letters++)
		col = col * 26 + (*r - 'A' + 1);
	if (!letters || col > COLS_MAX)
		return -1;
	if (row)
		*row = strtol(r, NULL, 10);
	return col - 1;
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* An Excel date serial as text, or 0 when it is no date in range. */
static int serial_date(struct book *b, const char *v, int kind, char *out, size_t size)
{
	char *end;
	double serial = strtod(v, &end);
	long days;
	int y, m, d;

	if (end == v || *end || serial < 1 || serial > 2958465)
		return 0;
	days = (long)serial;
	/* 1900 system: day 1 is 1900-01-01, and Excel counts a 29 February
	** 1900 that was not (day 60); 1904 system: day 0 is 1904-01-01. */
	if (b->date1904)
		days += 24107 - 1; /* 1904-01-01 is day 1462 of the 1900 system */
	else if (days < 60)
		days += 1;
	days -= 25569; /* 1970-01-01 */
	civil(days, &y, &m, &d);
	if (kind == 1)
		snprintf(out, size, "%04d-%02d", y, m);
	else
		snprintf(out, size, "%04d-%02d-%02d", y, m, d);
	return 1;
}

static void end_row(struct sheet *s)
{
	int first, last = -1;
	size_t mark = s->csv.len;

	for (size_t i = 0; i < s->ncells; i++)
		if (s->row_text.data[s->cells[i].at] && s->cells[i].col > last)
			last = s->cells[i].col;
	if (last < 0)
		goto done; /* an empty row */
	if (!s->have_header) {
		first = COLS_MAX;
		for (size_t i = 0; i < s->ncells; i++)
			if (s->row_text.data[s->cells[i].at] && s->cells[i].col < first)
				first = s->cells[i].col;
		s->out->first_col = first;
		s->header_last = last;
		s->header_row = s->row;
		s->have_header = 1;
	}
	first = s->out->first_col;
	if (last < s->header_last)
		last = s->header_last;
	if (last - first >= EC_CSV_MAX_FIELDS)
		last = first + EC_CSV_MAX_FIELDS; /* one too many: the reader names it */
	for (int col = first, next = 0; col <= last; col++) {
		char *t = "";
		/* cells come in column order: look from where the last one was */
		for (size_t k = 0; k < s->ncells; k++) {
			size_t i = ((size_t)next + k) % s->ncells;
			if (s->cells[i].col == col) {
				t = s->row_text.data + s->cells[i].at;
				/* one row, one line: a line break in a cell is a space */
				for (char *q = t; (q = strpbrk(q, "\r\n")) != NULL;)
					*q = ' ';
				next = (int)i + 1;
				break;
			}
		}
		ec_csv_write_field(&s->csv, t, strlen(t));
		ec_buf_addc(&s->csv, col == last ? '\n' : ',');
	}
	if (s->csv.len > s->max_bytes) {
		ec_diag_problem(s->b->d, "xlsx.damaged", s->b->name, 0, NULL, "reason", "the sheet is larger than the size taken", NULL);
		s->csv.len = mark;
		stop(s, EC_ELIMIT);
		goto done;
	}
	if (s->out->nrows == (size_t)s->rows_cap) {
		s->rows_cap = s->rows_cap ? 2 * s->rows_cap : 1024;
		s->out->rows = ec_realloc(s->out->rows, (size_t)s->rows_cap * sizeof *s->out->rows);
	}
	s->out->rows[s->out->nrows++] = s->row;
done:
	s->ncells = 0;
	ec_buf_clear(&s->row_text);
}

static void end_cell(struct sheet *s)
{
	struct book *b = s->b;
	const char *v = s->text.data ? s->text.data : "";
	char buf[32], cell[16];
	const char *text = NULL;

	if (strcmp(s->type, "s") == 0) {
		char *end;
		unsigned long i = strtoul(v, &end, 10);
		if (end == v || *end || i >= b->nstrings) {
			stop(s, damaged(b, "a cell points to a shared string that is not there"));
			return;
		}
		text = b->strings[i];
	} else if (strcmp(s->type, "b") == 0) {
		text = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
	} else if (strcmp(s->type, "e") == 0) {
		char at[200];
		size_t k = b->d->kept;
		ec_xlsx_column_name(s->col, cell);
		snprintf(buf, sizeof buf, "%s%ld", cell, s->row);
		snprintf(at, sizeof at, "%s!%s", s->out->name, buf);
		ec_diag_problem(b->d, "xlsx.cell_error", b->name, s->row, NULL, "cell", buf, "value", v, NULL);
		if (b->d->kept > k)
			ec_diag_locate(b->d, k, s->row, at);
		if (s->status == EC_OK)
			s->status = EC_EDATA; /* go on: every such cell is named */
		text = "";
	} else if ((s->type[0] == '\0' || strcmp(s->type, "n") == 0) && s->style >= 0 &&
		   (size_t)s->style < b->nstyles && b->date_kind[s->style] &&
		   serial_date(b, v, b->date_kind[s->style], buf, sizeof buf)) {
		text = buf;
	} else {
		text = v; /* numbers as stored, strings of formulas, inline strings */
	}
	if (s->ncells == s->cap_cells) {
		s->cap_cells = s->cap_cells ? 2 * s->cap_cells : 32;
		s->cells = ec_realloc(s->cells, s->cap_cells * sizeof *s->cells);
	}
	s->cells[s->ncells].col = s->col;
	s->cells[s->ncells].at = s->row_text.len;
	ec_buf_add(&s->row_text, text, strlen(text) + 1);
	s->ncells++;
}

static void XMLCALL sheet_start(void *ctx, const char *el, const char **atts)
{
	struct sheet *s = ctx;
	const char *n = local(el), *v;

	if (strcmp(n, "row") == 0) {
		v = attr(atts, "r");
		s->row = v ? strtol(v, NULL, 10) : s->row + 1;
		s->next_col = 0;
		s->ncells = 0;
	} else if (strcmp(n, "c") == 0) {
		long row = 0;
		v = attr(atts, "r");
		s->col = v ? parse_ref(v, &row) : s->next_col;
		if (s->col < 0) {
			stop(s, damaged(s->b, "a cell reference is not a column and row like C12"));
			return;
		}
		s->next_col = s->col + 1;
		v = attr(atts, "t");
		s->type[0] = '\0';
		if (v && strlen(v) < sizeof s->type)
			memcpy(s->type, v, strlen(v) + 1);
		v = attr(atts, "s");
		s->style = v ? atoi(v) : -1;
		ec_buf_clear(&s->text);
		s->in_v = s->in_t = s->in_is = 0;
	} else if (strcmp(n, "v") == 0) {
		s->in_v = 1;
	} else if (strcmp(n, "is") == 0) {
		s->in_is = 1;
	} else if (strcmp(n, "t") == 0 && s->in_is) {
		s->in_t = 1;
	} else if (strcmp(n, "mergeCell") == 0 && s->have_header) {
		long r1 = 0, r2 = 0;
		v = attr(atts, "ref");
		if (v && parse_ref(v, &r1) >= 0) {
			const char *colon = strchr(v, ':');
			if (colon)
				parse_ref(colon + 1, &r2);
			else
				r2 = r1;
			if (r1 <= s->header_row && s->header_row <= r2)
				ec_buf_printf(&s->merged, "%s%s", s->merged.len ? ", " : "", v);
		}
	}
}

static void XMLCALL sheet_end(void *ctx, const char *el)
{
	struct sheet *s = ctx;
	const char *n = local(el);

	if (strcmp(n, "c") == 0)
		end_cell(s);
	else if (strcmp(n, "row") == 0)
		end_row(s);
	else if (strcmp(n, "v") == 0)
		s->in_v = 0;
	else if (strcmp(n, "t") == 0)
		s->in_t = 0;
	else if (strcmp(n, "is") == 0)
		s->in_is = 0;
}

static void XMLCALL sheet_text(void *ctx, const char *t, int n)
{
	struct sheet *s = ctx;

	if (!s->in_v && !s->in_t)
		return;
	if (s->text.len + (size_t)n > CELL_MAX) {
		ec_diag_problem(s->b->d, "xlsx.damaged", s->b->name, s->row, NULL, "reason", "a cell is longer than 65536 bytes", NULL);
		stop(s, EC_ELIMIT);
		return;
	}
	ec_buf_add(&s->text, t, (size_t)n);
}

int ec_xlsx_read(const char *name, const char *data, size_t len, const char *sheet, size_t max_bytes,
		 struct ec_xlsx_sheet *out, struct ec_diag *d)
{
	struct book b;
	struct sheet s;
	zip_error_t zerr;
	zip_source_t *src;
	char path[512];
	int rc;

	memset(out, 0, sizeof *out);
	memset(&b, 0, sizeof b);
	b.name = name;
	b.d = d;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (!src || !(b.zip = zip_open_from_source(src, ZIP_RDONLY, &zerr))) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&zerr);
		return damaged(&b, "the zip archive cannot be read");
	}
	zip_error_fini(&zerr);
	if ((rc = find_sheet(&b, sheet, path, sizeof path, out->name, sizeof out->name)) != EC_OK ||
	    (rc = read_strings(&b)) != EC_OK || (rc = read_styles(&b)) != EC_OK)
		goto done;

	memset(&s, 0, sizeof s);
	s.b = &b;
	s.out = out;
	s.max_bytes = max_bytes;
	ec_buf_init(&s.csv, 0);
	ec_buf_init(&s.text, 0);
	ec_buf_init(&s.merged, 0);
	ec_buf_init(&s.row_text, 0);
	s.p = XML_ParserCreate(NULL);
	XML_SetUserData(s.p, &s);
	XML_SetElementHandler(s.p, sheet_start, sheet_end);
	XML_SetCharacterDataHandler(s.p, sheet_text);
	rc = stream_part(&b, path, s.p, &s.status, SIZE_MAX);
	if (rc == EC_ENOTFOUND)
		rc = damaged(&b, "the sheet's part is missing from the zip");
	if (rc == EC_OK && s.merged.len) {
		char row[24];
		snprintf(row, sizeof row, "%ld", s.header_row);
		ec_diag_problem(d, "xlsx.merged_header", name, s.header_row, NULL, "ranges", s.merged.data, "row", row, NULL);
		rc = EC_EDATA;
	}
	XML_ParserFree(s.p);
	free(s.cells);
	ec_buf_release(&s.row_text);
	ec_buf_release(&s.text);
	ec_buf_release(&s.merged);
	if (rc == EC_OK) {
		out->csv = ec_buf_detach(&s.csv, &out->len);
		if (!out->csv) {
			out->csv = ec_strdup("");
			out->len = 0;
		}
	} else {
		ec_buf_release(&s.csv);
	}
done:
	if (rc != EC_OK)
		ec_xlsx_sheet_release(out);
	zip_close(b.zip);
	for (size_t i = 0; i < b.nstrings; i++)
		free(b.strings[i]);
	free(b.strings);
	free(b.date_kind);
	return rc;
}
