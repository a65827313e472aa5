/*
** This is the implementation of tabular output: aligned tables for a
** terminal (display width aware for Chinese text), CSV and JSON.
*/
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/output.h"

int ec_format_parse(const char *s)
{
	if (strcmp(s, "table") == 0)
		return EC_FMT_TABLE;
	if (strcmp(s, "csv") == 0)
		return EC_FMT_CSV;
	if (strcmp(s, "json") == 0)
		return EC_FMT_JSON;
	if (strcmp(s, "xlsx") == 0)
		return EC_FMT_XLSX;
	return -1;
}

void ec_table_init(struct ec_table *t, size_t ncols, const char *const *names, const enum ec_col_kind *kinds)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->names = names;
	t->kinds = kinds;
}

void ec_table_release(struct ec_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

void ec_table_add(struct ec_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = ec_realloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = ec_strdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

void ec_table_addv(struct ec_table *t, ...)
{
	const char *cells[64];
	va_list ap;

	va_start(ap, t);
	for (size_t c = 0; c < t->ncols && c < 64; c++)
		cells[c] = va_arg(ap, const char *);
	va_end(ap);
	ec_table_add(t, cells);
}

void ec_json_string(struct ec_buf *b, const char *s)
{
	ec_buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': ec_buf_adds(b, "\\\""); break;
		case '\\': ec_buf_adds(b, "\\\\"); break;
		case '\n': ec_buf_adds(b, "\\n"); break;
		case '\r': ec_buf_adds(b, "\\r"); break;
		case '\t': ec_buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20)
				ec_buf_printf(b, "\\u%04x", c);
			else
				ec_buf_addc(b, (char)c);
		}
	}
	ec_buf_addc(b, '"');
}

static void pad(struct ec_buf *b, size_t n)
{
	while (n--)
		ec_buf_addc(b, ' ');
}

static void table_render(const struct ec_table *t, enum ec_format fmt, struct ec_buf *bp);

int ec_table_write(const struct ec_table *t, enum ec_format fmt, FILE *out)
{
	struct ec_buf b;
	int rc = EC_OK;

	ec_buf_init(&b, 0);
	table_render(t, fmt, &b);
	if (b.len && fwrite(b.data, 1, b.len, out) != b.len)
		rc = EC_EIO;
	if (fflush(out) != 0)
		rc = EC_EIO;
	ec_buf_release(&b);
	return rc;
}

char *ec_table_string(const struct ec_table *t, enum ec_format fmt, size_t *len)
{
	struct ec_buf b;

	ec_buf_init(&b, 0);
	table_render(t, fmt, &b);
	return ec_buf_detach(&b, len);
}

static void table_render(const struct ec_table *t, enum ec_format fmt, struct ec_buf *bp)
{
	struct ec_buf b = *bp;

	if (fmt == EC_FMT_CSV) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				ec_buf_addc(&b, ',');
			ec_buf_adds(&b, t->names[c]);
		}
		ec_buf_addc(&b, '\n');
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *cell = t->cells[r * t->ncols + c];
				if (c)
					ec_buf_addc(&b, ',');
				ec_csv_write_field(&b, cell, strlen(cell));
			}
			ec_buf_addc(&b, '\n');
		}
	} else if (fmt == EC_FMT_JSON) {
		ec_buf_addc(&b, '[');
		for (size_t r = 0; r < t->nrows; r++) {
			ec_buf_adds(&b, r ? ",\n {" : "\n {");
			for (size_t c = 0; c < t->ncols; c++) {
				const char *cell = t->cells[r * t->ncols + c];
				if (c)
					ec_buf_addc(&b, ',');
				ec_json_string(&b, t->names[c]);
				ec_buf_addc(&b, ':');
				if (t->kinds && t->kinds[c] == EC_COL_NUMBER)
					ec_buf_adds(&b, *cell ? cell : "null");
				else if (t->kinds && t->kinds[c] == EC_COL_BOOL)
					ec_buf_adds(&b, strcmp(cell, "1") == 0 || strcmp(cell, "true") == 0 ? "true" : "false");
				else
					ec_json_string(&b, cell);
			}
			ec_buf_addc(&b, '}');
		}
		ec_buf_adds(&b, t->nrows ? "\n]\n" : "]\n");
	} else {
		size_t *width = ec_calloc(t->ncols, sizeof *width);
		for (size_t c = 0; c < t->ncols; c++)
			width[c] = ec_utf8_width(t->names[c]);
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++) {
				size_t w = ec_utf8_width(t->cells[r * t->ncols + c]);
				if (w > width[c])
					width[c] = w;
			}
		for (size_t r = 0; r <= t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *cell = r == 0 ? t->names[c] : t->cells[(r - 1) * t->ncols + c];
				size_t w = ec_utf8_width(cell);
				int right = r > 0 && t->kinds && t->kinds[c] == EC_COL_NUMBER;
				if (right)
					pad(&b, width[c] - w);
				ec_buf_adds(&b, cell);
				if (!right && c + 1 < t->ncols)
					pad(&b, width[c] - w);
				if (c + 1 < t->ncols)
					ec_buf_adds(&b, "  ");
			}
			ec_buf_addc(&b, '\n');
			if (r == 0) {
				for (size_t c = 0; c < t->ncols; c++) {
					for (size_t k = 0; k < width[c]; k++)
						ec_buf_addc(&b, '-');
					if (c + 1 < t->ncols)
						ec_buf_adds(&b, "  ");
				}
				ec_buf_addc(&b, '\n');
			}
		}
		free(width);
	}
	*bp = b;
}
