/*
** Office Open XML workbooks (.xlsx) read as CSV text, so that a workbook
** passes the same checks and gives the same problems as a CSV file, each
** located by its cell. The zip is read with libzip and the sheet streamed
** through expat, never held whole as XML.
*/
#ifndef ECHELON_XLSX_H
#define ECHELON_XLSX_H

#include <stddef.h>
#include "echelon.h"

/* One sheet as CSV: every non-empty row a line, from the first column of
** the first non-empty row (the header) on. */
struct ec_xlsx_sheet {
	char *csv;             /* UTF-8, comma-separated, '\n' after each line */
	size_t len;
	char name[128];        /* the sheet's name, as the workbook gives it */
	long *rows;            /* rows[i]: the sheet's row number of CSV line i + 1 */
	size_t nrows;
	int first_col;         /* the sheet column (0: A) of the first CSV field */
};

/* Whether data starts as a zip archive (an .xlsx is one), or as an OLE2
** compound file (the old binary .xls). */
int ec_xlsx_is_zip(const char *data, size_t len);
int ec_xlsx_is_xls(const char *data, size_t len);

/* Reads the sheet named sheet (NULL: the first) of the workbook data[0..len)
** into out. Shared and inline strings, numbers as stored, booleans, the
** cached values of formulas, dates (by their cell's number format: a format
** without a day gives YYYY-MM, one with a day YYYY-MM-DD); empty rows are
** left out. A header with merged cells, a cell holding an error value (#N/A)
** and a sheet that is not there are refused. CSV text beyond max_bytes is
** refused (EC_ELIMIT), as a guard against a small zip that inflates to a
** huge sheet. Returns 0, or EC_EDATA / EC_ELIMIT with problems in d, named
** after name. */
int ec_xlsx_read(const char *name, const char *data, size_t len, const char *sheet, size_t max_bytes,
		 struct ec_xlsx_sheet *out, struct ec_diag *d);
void ec_xlsx_sheet_release(struct ec_xlsx_sheet *s);

/* "A" for 0, "AB" for 27. */
void ec_xlsx_column_name(int col, char out[8]);

#endif
