/*
** Tabular output shared by every listing of the command: a table of text
** cells written as an aligned terminal table, as CSV or as JSON.
*/
#ifndef ECHELON_OUTPUT_H
#define ECHELON_OUTPUT_H

#include <stdio.h>
#include "echelon.h"

enum ec_format { EC_FMT_TABLE, EC_FMT_CSV, EC_FMT_JSON };

/* Column kinds: how JSON writes a cell and how a table aligns it. */
enum ec_col_kind { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_BOOL };

struct ec_table {
	size_t ncols;
	const char *const *names;      /* column names (not copied) */
	const enum ec_col_kind *kinds; /* per column (not copied) */
	char **cells;                  /* row-major, owned */
	size_t nrows, cap;
};

/* "table", "csv", "json" -> format; -1 when unknown. */
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

#endif
