/*
** This is the implementation of the preparation of data files: workbooks to
** CSV (xlsx.c), encodings to UTF-8 with iconv, and the delimiter found on
** the header line.
*/
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "echelon/problem.h"
#include "echelon/text.h"

enum { ENC_AUTO, ENC_UTF8, ENC_UTF16, ENC_GB18030 };

int ec_text_encoding_parse(const char *name)
{
	if (!name || !*name || strcasecmp(name, "auto") == 0)
		return ENC_AUTO;
	if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
		return ENC_UTF8;
	if (strcasecmp(name, "utf-16") == 0 || strcasecmp(name, "utf16") == 0)
		return ENC_UTF16;
	if (strcasecmp(name, "gb18030") == 0 || strcasecmp(name, "gbk") == 0 || strcasecmp(name, "gb2312") == 0 ||
	    strcasecmp(name, "cp936") == 0)
		return ENC_GB18030;
	return -1;
}

int ec_text_delimiter_parse(const char *name)
{
	if (!name || !*name || strcasecmp(name, "auto") == 0)
		return 0;
	if (strcmp(name, ",") == 0 || strcasecmp(name, "comma") == 0)
		return ',';
	if (strcmp(name, ";") == 0 || strcasecmp(name, "semicolon") == 0)
		return ';';
	if (strcmp(name, "\t") == 0 || strcasecmp(name, "tab") == 0 || strcmp(name, "\\t") == 0)
		return '\t';
	return -1;
}

void ec_text_release(struct ec_text *t)
{
	free(t->owned);
	ec_xlsx_sheet_release(&t->sheet);
	memset(t, 0, sizeof *t);
}

/* Converts data from the encoding from to UTF-8 into t->owned. Returns 0,
** or the offset + 1 of the first byte that is not of the encoding. */
static size_t convert(const char *from, const char *data, size_t len, struct ec_text *t)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = len + len / 2 + 16, used = 0;
	char *out = ec_malloc(cap), *in = (char *)data;
	size_t inleft = len;

	if (cd == (iconv_t)-1) {
		free(out);
		return 1;
	}
	while (inleft) {
		char *o = out + used;
		size_t oleft = cap - used - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		used = (size_t)(o - out);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			cap *= 2;
			out = ec_realloc(out, cap);
			continue;
		}
		/* EILSEQ or EINVAL (cut short at the end) */
		iconv_close(cd);
		free(out);
		return (size_t)(in - data) + 1;
	}
	iconv_close(cd);
	out[used] = '\0';
	t->owned = out;
	t->data = out;
	t->len = used;
	return 0;
}

static long line_of(const char *data, size_t offset)
{
	long line = 1;

	for (size_t i = 0; i < offset; i++)
		line += data[i] == '\n';
	return line;
}

/* The delimiter of the header line: a comma when it has one, else the more
** frequent of semicolon and tab (a comma when neither). */
static char find_delimiter(const char *data, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (size_t i = 0; i < len && (quoted || (data[i] != '\n' && data[i] != '\r')); i++) {
		char c = data[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted)
			comma += c == ',', semi += c == ';', tab += c == '\t';
	}
	if (comma || (!semi && !tab))
		return ',';
	return semi >= tab ? ';' : '\t';
}

int ec_text_prepare(const char *name, const char *data, size_t len, const char *encoding, char delimiter,
		    const char *sheet, size_t max_bytes, struct ec_text *t, struct ec_diag *d)
{
	int enc = ec_text_encoding_parse(encoding);
	size_t bad;

	memset(t, 0, sizeof *t);
	t->data = data;
	t->len = len;
	t->delim = ',';
	snprintf(t->format, sizeof t->format, "csv");
	if (enc < 0) {
		ec_diag_problem(d, "field.enum", NULL, 0, "encoding", "value", encoding, "expected",
				"auto, utf-8, utf-16, gb18030 or gbk", NULL);
		return EC_EUSAGE;
	}
	if (ec_xlsx_is_xls(data, len)) {
		ec_diag_problem(d, "xls.old_format", name, 0, NULL, NULL);
		return EC_EDATA;
	}
	if (ec_xlsx_is_zip(data, len)) {
		int rc = ec_xlsx_read(name, data, len, sheet, max_bytes, &t->sheet, d);
		if (rc != EC_OK)
			return rc;
		snprintf(t->format, sizeof t->format, "xlsx");
		snprintf(t->encoding, sizeof t->encoding, "UTF-8");
		t->data = t->sheet.csv;
		t->len = t->sheet.len;
		return EC_OK;
	}
	if (enc == ENC_UTF16 || (enc == ENC_AUTO && len >= 2 && ((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE)) ||
	    (enc == ENC_AUTO && len >= 2 && (unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)) {
		/* iconv's "UTF-16" takes the byte order from the BOM (big endian without) */
		if ((bad = convert("UTF-16", data, len, t)) != 0)
			goto unknown;
		snprintf(t->encoding, sizeof t->encoding, "UTF-16");
	} else if (enc == ENC_GB18030) {
		if ((bad = convert("GB18030", data, len, t)) != 0)
			goto unknown;
		snprintf(t->encoding, sizeof t->encoding, "GB18030");
	} else if (enc == ENC_UTF8) {
		/* as asked: the reader names each field that is not UTF-8 */
		snprintf(t->encoding, sizeof t->encoding, "UTF-8");
	} else if ((bad = ec_utf8_check(data, len)) == 0) {
		snprintf(t->encoding, sizeof t->encoding, len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? "UTF-8 BOM" : "UTF-8");
	} else if (enc == ENC_AUTO && convert("GB18030", data, len, t) == 0) {
		snprintf(t->encoding, sizeof t->encoding, "GB18030");
	} else {
		goto unknown;
	}
	if (t->len >= 3 && !memcmp(t->data, "\xEF\xBB\xBF", 3) && t->owned) {
		t->data += 3; /* a BOM carried through a conversion */
		t->len -= 3;
	}
	t->delim = delimiter ? delimiter : find_delimiter(t->data, t->len);
	return EC_OK;
unknown: {
		char offset[24], line[24];
		snprintf(offset, sizeof offset, "%zu", bad);
		snprintf(line, sizeof line, "%ld", line_of(data, bad - 1));
		ec_diag_problem(d, "encoding.unknown", name, 0, NULL, "offset", offset, "line", line, NULL);
		free(t->owned);
		t->owned = NULL;
		return EC_EDATA;
	}
}

void ec_text_locate(const struct ec_text *t, struct ec_diag *d, size_t from, const char *const *cols, size_t ncols)
{
	if (strcmp(t->format, "xlsx") != 0)
		return;
	for (size_t i = from; i < d->kept; i++) {
		const struct ec_problem *p = &d->problems[i];
		char cell[200], col[8] = "";
		long row;

		if (p->line < 1 || (size_t)p->line > t->sheet.nrows || p->cell)
			continue;
		row = t->sheet.rows[p->line - 1];
		for (size_t c = 0; p->field && c < ncols; c++)
			if (strcmp(p->field, cols[c]) == 0)
				ec_xlsx_column_name(t->sheet.first_col + (int)c, col);
		if (col[0])
			snprintf(cell, sizeof cell, "%s!%s%ld", t->sheet.name, col, row);
		else /* the whole row, as Excel writes it */
			snprintf(cell, sizeof cell, "%s!%ld:%ld", t->sheet.name, row, row);
		ec_diag_locate(d, i, row, cell);
	}
	/* The groups: their lines, and the cell of the first of each kind. */
	for (size_t g = 0; g < d->ngroups; g++) {
		struct ec_diag_group *gr = &d->groups[g];
		struct ec_problem *p = &gr->first;
		struct ec_buf b;
		char cell[200], col[8] = "";

		for (size_t k = 0; k < gr->nlines; k++)
			if (gr->lines[k] >= 1 && (size_t)gr->lines[k] <= t->sheet.nrows)
				gr->lines[k] = t->sheet.rows[gr->lines[k] - 1];
		if (p->line < 1 || (size_t)p->line > t->sheet.nrows || p->cell)
			continue;
		p->line = t->sheet.rows[p->line - 1];
		for (size_t c = 0; p->field && c < ncols; c++)
			if (strcmp(p->field, cols[c]) == 0)
				ec_xlsx_column_name(t->sheet.first_col + (int)c, col);
		if (col[0])
			snprintf(cell, sizeof cell, "%s!%s%ld", t->sheet.name, col, p->line);
		else
			snprintf(cell, sizeof cell, "%s!%ld:%ld", t->sheet.name, p->line, p->line);
		p->cell = ec_strdup(cell);
		ec_buf_init(&b, 0);
		ec_problem_format(p, EC_LANG_EN, &b);
		free(gr->message);
		gr->message = ec_buf_detach(&b, NULL);
	}
}
