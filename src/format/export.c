/*
** This is the implementation of downloads: a table written as CSV or as an
** Excel workbook, either as the dashboard shows it (names and units in the
** user's language, figures rounded as shown, codes named, Beijing time) or
** raw for programs. The command (--format xlsx), the API (?format=xlsx)
** and the dashboard's download buttons all come here, so a download is
** the same file whichever way it was asked for.
**
** The workbook is written by libxlsxwriter, which writes only to a named
** file (the Debian version has no memory output): a private temporary
** file, read back and removed. Rows are written in order in its
** constant-memory mode, so a large table costs one row of memory.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "echelon/csv.h"
#include "echelon/output.h"

#define WIDTH_MAX 60 /* a column's width in characters, at most */

const char *ec_export_media_type(enum ec_format f)
{
	return f == EC_FMT_XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				: "text/csv; charset=utf-8";
}

const char *ec_export_extension(enum ec_format f)
{
	return f == EC_FMT_XLSX ? "xlsx" : "csv";
}

/* The header of column c: its name and unit in the language. */
void ec_export_header(const struct ec_table *t, size_t c, const struct ec_export *x, char *out, size_t size)
{
	const struct ec_column_words *w = x->raw ? NULL : ec_column_words_find(t->names[c]);
	const char *unit;

	if (!w) {
		snprintf(out, size, "%s", t->names[c]);
		return;
	}
	unit = w->unit[x->lang];
	if (!unit)
		snprintf(out, size, "%s", w->name[x->lang]);
	else if (x->lang == EC_LANG_ZH)
		snprintf(out, size, "%s（%s）", w->name[x->lang], unit);
	else
		snprintf(out, size, "%s (%s)", w->name[x->lang], unit);
}

int ec_beijing_time(const char *cell, char *out, size_t size)
{
	struct tm tm;
	time_t at;

	memset(&tm, 0, sizeof tm);
	if (sscanf(cell, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) != 6 || strlen(cell) != 20)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	at = timegm(&tm) + 8 * 3600;
	gmtime_r(&at, &tm);
	strftime(out, size, "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}

/* A code, or a list of codes joined by ';', by its names. */
static void named(const char *column, const char *cell, enum ec_lang lang, struct ec_buf *b)
{
	/* the columns that list codes joined by ';' */
	const char *list = !strcmp(column, "stages")					 ? "stage"
			   : !strcmp(column, "strengths") || !strcmp(column, "weaknesses") ? "indicator"
											   : NULL;
	const char *name;

	if (ec_column_coded(column)) {
		ec_coded_list(cell, lang, b);
		return;
	}
	if (!list) {
		name = ec_value_name(column, cell, lang);
		ec_buf_adds(b, name ? name : cell);
		return;
	}
	for (const char *p = cell; *p;) {
		size_t n = strcspn(p, ";");
		char one[64];
		snprintf(one, sizeof one, "%.*s", (int)n, p);
		name = n < sizeof one ? ec_value_name(list, one, lang) : NULL;
		if (p != cell)
			ec_buf_adds(b, lang == EC_LANG_ZH ? "、" : ", ");
		if (name)
			ec_buf_adds(b, name);
		else
			ec_buf_add(b, p, n);
		p += n + (p[n] == ';');
	}
}

/* The cell as shown, into b (cleared first). *number is set when the
** cell is a figure (then b holds it in C notation, rounded). */
void ec_export_cell(const struct ec_table *t, size_t c, const char *cell, const struct ec_export *x, struct ec_buf *b,
		    int *number)
{
	const struct ec_column_words *w = ec_column_words_find(t->names[c]);
	enum ec_col_kind kind = t->kinds ? t->kinds[c] : EC_COL_TEXT;

	b->len = 0;
	*number = 0;
	if (x->raw || !*cell) {
		ec_buf_adds(b, cell);
		if (kind == EC_COL_NUMBER && *cell) {
			char *end;
			double v = strtod(cell, &end);
			*number = !*end && isfinite(v);
		}
		return;
	}
	if (kind == EC_COL_BOOL) {
		int yes = !strcmp(cell, "1") || !strcmp(cell, "true");
		ec_buf_adds(b, x->lang == EC_LANG_ZH ? (yes ? "是" : "否") : (yes ? "yes" : "no"));
		return;
	}
	if (w && w->decimals == EC_DECIMALS_TIME) {
		char when[32];
		ec_buf_adds(b, ec_beijing_time(cell, when, sizeof when) == 0 ? when : cell);
		return;
	}
	if (kind == EC_COL_NUMBER) {
		char *end;
		double v = strtod(cell, &end);
		if (*end || !isfinite(v)) { /* not a figure after all: as stored */
			ec_buf_adds(b, cell);
			return;
		}
		*number = 1;
		if (!w || w->decimals < 0) {
			ec_buf_adds(b, cell);
			return;
		}
		v /= w->scale[x->lang];
		ec_buf_printf(b, "%.*f", w->decimals, v);
		if (b->data[0] == '-' && strtod(b->data, NULL) == 0) /* no "-0.0" */
			memmove(b->data, b->data + 1, b->len--);
		return;
	}
	named(t->names[c], cell, x->lang, b);
}

static void csv_write(const struct ec_table *t, const struct ec_export *x, struct ec_buf *out)
{
	struct ec_buf cell;
	char head[256];
	int number;

	ec_buf_adds(out, "\xEF\xBB\xBF"); /* so that Excel opens it as UTF-8 */
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			ec_buf_addc(out, ',');
		ec_export_header(t, c, x, head, sizeof head);
		ec_csv_write_field(out, head, strlen(head));
	}
	ec_buf_adds(out, "\r\n");
	ec_buf_init(&cell, 0);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				ec_buf_addc(out, ',');
			ec_export_cell(t, c, t->cells[r * t->ncols + c], x, &cell, &number);
			ec_csv_write_field(out, cell.data ? cell.data : "", cell.len);
		}
		ec_buf_adds(out, "\r\n");
	}
	ec_buf_release(&cell);
}

/* Excel's rules for a sheet name: at most 31 characters, none of []:*?/\ */
static void sheet_name(const char *name, size_t index, char *out, size_t size)
{
	size_t n = 0, chars = 0;

	for (const char *p = name ? name : ""; *p && n + 4 < size && chars < 31; chars++) {
		size_t len = 1;
		while ((p[len] & 0xC0) == 0x80)
			len++;
		if (len == 1 && strchr("[]:*?/\\", *p))
			out[n++] = '_', p++;
		else
			while (len--)
				out[n++] = *p++;
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "%zu", index + 1);
}

/* The number format of a column with d decimals, grouped by thousands. */
static lxw_format *number_format(lxw_workbook *wb, lxw_format **cache, int d)
{
	static const char *const formats[] = { "#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "#,##0.0000" };

	if (d < 0 || d > 4)
		return NULL;
	if (!cache[d]) {
		cache[d] = workbook_add_format(wb);
		format_set_num_format(cache[d], formats[d]);
	}
	return cache[d];
}

static void sheet_write(lxw_workbook *wb, lxw_worksheet *ws, const struct ec_table *t, const struct ec_export *x,
			lxw_format *bold, lxw_format **formats)
{
	struct ec_buf cell;
	char head[256];
	size_t *width = ec_calloc(t->ncols ? t->ncols : 1, sizeof *width);
	int number;

	for (size_t c = 0; c < t->ncols; c++) {
		ec_export_header(t, c, x, head, sizeof head);
		width[c] = ec_utf8_width(head);
	}
	/* Widths before any row (constant-memory mode writes rows as they
	** come): from the header and the first 1 000 rows, as shown. */
	ec_buf_init(&cell, 0);
	for (size_t r = 0; r < t->nrows && r < 1000; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w;
			ec_export_cell(t, c, t->cells[r * t->ncols + c], x, &cell, &number);
			ec_buf_addc(&cell, '\0');
			w = ec_utf8_width(cell.data) + (number ? cell.len / 3 : 0); /* room for the separators */
			if (w > width[c])
				width[c] = w;
		}
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)(width[c] > WIDTH_MAX ? WIDTH_MAX : width[c] + 2),
				     NULL);
	for (size_t c = 0; c < t->ncols; c++) {
		ec_export_header(t, c, x, head, sizeof head);
		worksheet_write_string(ws, 0, (lxw_col_t)c, head, bold);
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			const struct ec_column_words *w = ec_column_words_find(t->names[c]);
			lxw_row_t row = (lxw_row_t)(r + 1);
			ec_export_cell(t, c, t->cells[r * t->ncols + c], x, &cell, &number);
			if (!cell.len)
				continue;
			ec_buf_addc(&cell, '\0');
			if (number)
				worksheet_write_number(ws, row, (lxw_col_t)c, strtod(cell.data, NULL),
						       x->raw || !w ? NULL : number_format(wb, formats, w->decimals));
			else
				worksheet_write_string(ws, row, (lxw_col_t)c, cell.data, NULL);
		}
	worksheet_freeze_panes(ws, 1, 1);
	ec_buf_release(&cell);
	free(width);
}

/* The whole file at path into out. Returns 0 or -1. */
static int slurp(const char *path, struct ec_buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ec_buf_add(out, chunk, n);
	n = (size_t)ferror(f);
	fclose(f);
	return n ? -1 : 0;
}

static int xlsx_write(const struct ec_table *const *t, const char *const *sheets, size_t n, const struct ec_export *x,
		      struct ec_buf *out, char **err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096], name[128];
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_format *bold, *formats[5] = { NULL };
	lxw_workbook *wb;
	lxw_error e;
	int fd, rc = EC_OK;

	snprintf(path, sizeof path, "%s/echelon-export-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		*err = ec_asprintf("%s: cannot make a temporary file for the workbook", path);
		return EC_EIO;
	}
	close(fd);
	if (!(wb = workbook_new_opt(path, &opts))) {
		unlink(path);
		*err = ec_asprintf("%s: cannot start a workbook", path);
		return EC_EIO;
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_text_wrap(bold);
	for (size_t i = 0; i < n; i++) {
		lxw_worksheet *ws;
		sheet_name(sheets ? sheets[i] : NULL, i, name, sizeof name);
		if (!(ws = workbook_add_worksheet(wb, name)))
			ws = workbook_add_worksheet(wb, NULL); /* a clash: Excel's own name */
		if (ws)
			sheet_write(wb, ws, t[i], x, bold, formats);
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		*err = ec_asprintf("%s: %s", path, lxw_strerror(e));
		rc = EC_EIO;
	} else if (slurp(path, out) != 0) {
		*err = ec_asprintf("%s: cannot read the workbook back", path);
		rc = EC_EIO;
	}
	unlink(path);
	return rc;
}

int ec_tables_export(const struct ec_table *const *t, const char *const *sheets, size_t n, const struct ec_export *x,
		     struct ec_buf *out, char **err)
{
	*err = NULL;
	if (x->format == EC_FMT_XLSX)
		return xlsx_write(t, sheets, n, x, out, err);
	if (n)
		csv_write(t[0], x, out);
	return EC_OK;
}

int ec_table_export(const struct ec_table *t, const char *sheet, const struct ec_export *x, struct ec_buf *out,
		    char **err)
{
	return ec_tables_export(&t, &sheet, 1, x, out, err);
}
