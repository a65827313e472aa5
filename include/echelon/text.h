/*
** A data file as the CSV reader takes it: a workbook (.xlsx) read as CSV,
** a text in UTF-16 or GB18030/GBK converted to UTF-8, the delimiter found
** (comma, semicolon or tab), and what was read said, so that the files users
** actually have (saved by Excel on a Chinese Windows) just work.
*/
#ifndef ECHELON_TEXT_H
#define ECHELON_TEXT_H

#include <stddef.h>
#include "echelon.h"
#include "xlsx.h"

struct ec_text {
	const char *data;          /* UTF-8 CSV to read: the input, or converted */
	size_t len;
	char delim;                /* ',', ';' or '\t' */
	char format[8];            /* "csv" or "xlsx" */
	char encoding[16];         /* "UTF-8", "UTF-8 BOM", "UTF-16", "GB18030" */
	struct ec_xlsx_sheet sheet; /* the workbook's sheet when format is xlsx */
	char *owned;               /* a conversion's text */
};

/* Prepares data[0..len) (named name in messages): encoding NULL or "auto"
** detects it (UTF-8 with or without BOM, UTF-16 with a BOM, else
** GB18030 when the bytes are that), or forces "utf-8", "utf-16", "gb18030"
** ("gbk" is read as GB18030, its superset); delimiter 0 finds it from the
** header line (a comma; else the more frequent of ';' and tab), or forces
** one; sheet names a workbook's sheet (NULL: the first). An .xls is
** refused (xls.old_format), a text in no known encoding refused naming the
** first byte that is not UTF-8 (encoding.unknown). max_bytes bounds a
** workbook's CSV. Returns 0, or EC_EDATA / EC_ELIMIT / EC_EUSAGE (an unknown
** encoding or delimiter name) with problems in d. */
int ec_text_prepare(const char *name, const char *data, size_t len, const char *encoding, char delimiter,
		    const char *sheet, size_t max_bytes, struct ec_text *t, struct ec_diag *d);
void ec_text_release(struct ec_text *t);

/* For a workbook: moves the problems of d kept from index from on, found
** at CSV lines, to their sheet rows and cells ("Sheet1!C12"), the column
** found by the problem's field among cols[0..ncols). */
void ec_text_locate(const struct ec_text *t, struct ec_diag *d, size_t from, const char *const *cols, size_t ncols);

/* "utf-8" ... as the option gives it; -1 when unknown (0 auto). */
int ec_text_encoding_parse(const char *name);
/* ",", ";", "tab" / "\t" as the option gives it; -1 when unknown. */
int ec_text_delimiter_parse(const char *name);

#endif
