/*
** Tabular output shared by every listing of the command: a table of text
** cells written as an aligned terminal table, as CSV or as JSON.
*/
#ifndef ECHELON_OUTPUT_H
#define ECHELON_OUTPUT_H

#include <stdint.h>
#include <stdio.h>
#include "echelon.h"
#include "problem.h"

enum ec_format { EC_FMT_TABLE, EC_FMT_CSV, EC_FMT_JSON, EC_FMT_XLSX };

/* Column kinds: how JSON writes a cell and how a table aligns it. */
enum ec_col_kind { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_BOOL };

struct ec_table {
	size_t ncols;
	const char *const *names;      /* column names (not copied) */
	const enum ec_col_kind *kinds; /* per column (not copied) */
	char **cells;                  /* row-major, owned */
	size_t nrows, cap;
};

/* "table", "csv", "json", "xlsx" -> format; -1 when unknown. */
int ec_format_parse(const char *s);

void ec_table_init(struct ec_table *t, size_t ncols, const char *const *names, const enum ec_col_kind *kinds);
void ec_table_release(struct ec_table *t);
/* Appends a row of ncols cells (copied; NULL is an empty cell). */
void ec_table_add(struct ec_table *t, const char *const *cells);
/* Appends a row of ncols cells given as arguments. */
void ec_table_addv(struct ec_table *t, ...);

/* Writes the table. JSON: an array of objects; an empty number cell is
** null. Returns 0 or EC_EIO when writing failed. */
int ec_table_write(const struct ec_table *t, enum ec_format fmt, FILE *out);

/* Writes s as a JSON string literal (quoted, escaped) to b. */
void ec_json_string(struct ec_buf *b, const char *s);


struct ec_monitor_row;
struct ec_catalog;

/* The columns of monitoring figures, as `echelon monitor --format csv|json`
** and the API give them: group_kind, group_code, group_name, region,
** period, basis, enterprises, value_added, value_added_base,
** value_added_real, growth_pct, gap_pp, share_pct, contribution_pct,
** pull_pp, revenue, employees, rd_intensity_pct, small (a group of fewer
** enterprises than the threshold in the sample: its growth rests on a
** handful, and rankings leave it out unless asked). Numbers unrounded; an
** undefined ratio is empty (null in JSON). */
#define EC_MONITOR_NCOLS 19
#define EC_MONITOR_SMALL_GROUP 10 /* the default threshold of "small" */
extern const char *const ec_monitor_columns[EC_MONITOR_NCOLS];
extern const enum ec_col_kind ec_monitor_column_kinds[EC_MONITOR_NCOLS];

/* Names a group: Chinese (en = 0) or English (en = 1). Never NULL. */
const char *ec_monitor_group_name(const struct ec_monitor_row *r, const struct ec_catalog *cat, int en,
				  char *buf, size_t size);

/* Fills t (uninitialised) with a catalogue: what is "areas", "categories",
** "mappings", "industries" or "regions". Returns 0, or EC_ENOTFOUND for
** another name (t then untouched). */
int ec_catalog_table(const struct ec_catalog *cat, const char *what, struct ec_table *t);

/* Writes the table as text into a new string (caller frees). */
char *ec_table_string(const struct ec_table *t, enum ec_format fmt, size_t *len /* OUT */);

/* Appends one table row per monitoring row to t (initialised with the
** columns above); a group of fewer than small_below enterprises is small.
** Can't fail. */
void ec_monitor_rows_table(const struct ec_monitor_row *rows, size_t n, const struct ec_catalog *cat,
			   int64_t small_below, struct ec_table *t);

/* An enterprise's own growth (monitor.h, ec_firm_growth) as a table of
** months: period, month_value_added, month_revenue, va_month_growth_pct,
** va_cumulative_growth_pct (empty where there is nothing to compare); t
** uninitialised, the caller releases it. Can't fail. */
struct ec_firm_month;
extern const char *const ec_firm_growth_columns[5];
void ec_firm_growth_table(const struct ec_firm_month *months, size_t n, struct ec_table *t /* OUT */);

/* ---- downloads ---- */

/* What a column is called and how it is shown (columns.c): its name and
** unit in each language (en, zh; a unit may be NULL), the stored value is
** divided by scale[lang] and rounded to decimals (-1: the cell as stored;
** EC_DECIMALS_TIME: a UTC time "YYYY-MM-DDTHH:MM:SSZ" shown in Beijing
** time). */
#define EC_DECIMALS_TIME (-2)
struct ec_column_words {
	const char *key;
	const char *name[EC_NLANGS];
	const char *unit[EC_NLANGS];
	double scale[EC_NLANGS];
	int decimals;
};
struct ec_value_words {
	const char *column, *value;
	const char *name[EC_NLANGS];
};

/* A UTC time "2026-12-07T03:04:05Z" as Beijing time "2026-12-07 11:04:05"
** (UTC+8; China has no daylight saving) into out. Returns 0, or -1 when
** cell is not such a time (out then unchanged). */
int ec_beijing_time(const char *cell, char *out, size_t size);
/* The words of a column key, or NULL when the key has none. */
const struct ec_column_words *ec_column_words_find(const char *key);
/* The name of a code in a column ("stage", "under_construction") in a
** language, or NULL when the code has none. */
const char *ec_value_name(const char *column, const char *value, enum ec_lang lang);
/* Whether a column holds coded messages joined by "; " (a match's reasons,
** an alert's message, an audit entry's summary: ec_coded_list says them). */
int ec_column_coded(const char *key);
/* Every column's and every value's words (for tests and documents). */
const struct ec_column_words *ec_column_words_all(size_t *n /* OUT */);
const struct ec_value_words *ec_value_words_all(size_t *n /* OUT */);

/* How a download is written. As shown (raw = 0): the header names each
** column in the language with its unit, figures are in the column's unit
** rounded as the dashboard shows them, codes of enumerations are named,
** yes/no are words, times are Beijing time. Raw (raw = 1): the column
** keys, every figure as stored (thousand yuan, full precision), for
** programs. */
struct ec_export {
	enum ec_format format; /* EC_FMT_CSV or EC_FMT_XLSX */
	enum ec_lang lang;
	int raw;
};

/* Writes n tables into out: XLSX as one workbook with a sheet per table
** (named sheets[i], Excel's rules applied: 31 characters, no []:*?/\);
** CSV writes the first table only, with a byte order mark so that Excel
** reads it as UTF-8. Numbers in XLSX are numbers (grouped by thousands,
** shown with the column's decimals); empty number cells stay empty.
** Returns 0, or EC_EIO with *err (ec_malloc) when the workbook could not
** be written. */
int ec_tables_export(const struct ec_table *const *t, const char *const *sheets, size_t n,
		     const struct ec_export *x, struct ec_buf *out, char **err /* OUT */);

/* One table; sheet names its sheet. */
int ec_table_export(const struct ec_table *t, const char *sheet, const struct ec_export *x, struct ec_buf *out,
		    char **err /* OUT */);

/* The header of column c as a download names it (its name and unit in
** x->lang), into out; and a cell as a download shows it, into b (cleared
** first), *number set when it is a figure. Reports' HTML tables use them
** so that a page and its workbook say a figure the same way. */
void ec_export_header(const struct ec_table *t, size_t c, const struct ec_export *x, char *out, size_t size);
void ec_export_cell(const struct ec_table *t, size_t c, const char *cell, const struct ec_export *x, struct ec_buf *b,
		    int *number /* OUT */);

/* The media type and file extension of a download format. */
const char *ec_export_media_type(enum ec_format f);
const char *ec_export_extension(enum ec_format f);

#endif
