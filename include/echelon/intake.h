/*
** The data files' format: enterprises, reports and deflators as CSV, read
** with every field checked and written back the same way. The import as a
** use case (one transaction, audited) is ec_app_import in app.h.
*/
#ifndef ECHELON_INTAKE_H
#define ECHELON_INTAKE_H

#include <stdio.h>
#include "catalog.h"
#include "problem.h"
#include "record.h"

enum ec_intake_kind { EC_IN_ENTERPRISES, EC_IN_REPORTS, EC_IN_DEFLATORS, EC_IN_NKINDS };

/* "enterprises" -> EC_IN_ENTERPRISES ...; -1 when unknown. */
int ec_intake_kind_parse(const char *name);
const char *ec_intake_kind_name(enum ec_intake_kind kind);
/* The header line of a kind, "uscc,name,...". */
const char *ec_intake_header(enum ec_intake_kind kind);

/* The template of a kind: the header and an example row as CSV, added to
** b; or a workbook written to path: the data sheet (header, example, the
** columns formatted as the reader expects, data validation) and a notes
** sheet with each column's meaning, unit and rule in lang. Return 0, or
** EC_EUSAGE / EC_EIO (with *err for the workbook). */
int ec_template_csv(enum ec_intake_kind kind, struct ec_buf *b);
int ec_template_xlsx(enum ec_intake_kind kind, enum ec_lang lang, const char *path, char **err);

/* Progress report: rows read so far and the fraction of the input. */
typedef void (*ec_progress_fn)(void *ctx, int64_t rows, double fraction, int done);

struct ec_app;
struct ec_import_result;

struct ec_import_opts {
	int dry_run;               /* check everything, store nothing */
	ec_progress_fn progress;   /* may be NULL */
	void *progress_ctx;
	const int *cancel;         /* when set (by another thread), the read stops: EC_ECANCELLED */
	const char *encoding;      /* NULL or "auto": detected; "utf-8", "utf-16", "gb18030", "gbk" */
	char delimiter;            /* 0: found from the header; ',', ';' or '\t' */
	const char *sheet;         /* a workbook's sheet; NULL: the first */
	/* Called in the import's transaction once every row is stored and the
	** history written, just before the commit: what must be kept with the
	** rows or not at all (a server job's record that it is done). Not
	** EC_OK: the import fails, nothing stored. NULL: nothing. */
	int (*stored)(void *ctx, struct ec_app *app, const struct ec_import_result *res);
	void *stored_ctx;
};

struct ec_import_result {
	int64_t rows;              /* data rows read */
	int64_t inserted, updated; /* rows stored (0 on a dry run or rejection) */
	char sha256[65];
	/* what the file was read as (ec_text_prepare) */
	char format[8];            /* "csv" or "xlsx" */
	char encoding[16];         /* "UTF-8", "UTF-8 BOM", "UTF-16", "GB18030" */
	char delimiter;            /* ',', ';' or '\t' */
	char sheet[128];           /* a workbook's sheet */
};

/* Where the rows of a read go. resolve gives the stored id of an
** enterprise by USCC (n bytes), 0 when there is none (reports must name a
** stored enterprise). The row callbacks get each checked row for as long as
** the input has had no problem; one returning non-zero (having added its
** own problem to the diagnostics) stops the read. */
struct ec_intake_sink {
	void *ctx;
	int64_t (*resolve)(void *ctx, const char *uscc, size_t n);
	int (*enterprise)(void *ctx, struct ec_enterprise *e);
	int (*report)(void *ctx, const struct ec_report *r);
	int (*deflator)(void *ctx, const struct ec_deflator *df);
};

/* Reads the CSV data[0..len) of a kind, named `name` in messages: every row
** checked, every problem in d (file, line, column), the good rows handed to
** sink while there is no problem (none on a dry run; sink may be NULL to
** check alone, then reports cannot be matched to enterprises). res gets the
** rows read, the rows handed on and the SHA-256 of the input. Returns 0;
** EC_EDATA when a row is wrong; EC_EIO when the sink failed. This is the
** format alone: src/app makes an import one transaction (app.h). */
int ec_intake_read(const struct ec_catalog *cat, enum ec_intake_kind kind, const char *name, const char *data,
		   size_t len, const struct ec_intake_sink *sink, const struct ec_import_opts *opts,
		   struct ec_import_result *res /* OUT */, struct ec_diag *d);

/* Writers of the same format, appending to b: the header line of a kind,
** and one line of each record (a report with its enterprise's USCC). What
** they write reads back to the same records, and writing again gives the
** same bytes. Can't fail. */
void ec_intake_write_header(struct ec_buf *b, enum ec_intake_kind kind);
void ec_intake_write_enterprise(struct ec_buf *b, const struct ec_enterprise *e);
void ec_intake_write_report(struct ec_buf *b, const char *uscc, const struct ec_report *r);
void ec_intake_write_deflator(struct ec_buf *b, const struct ec_deflator *df);

#endif
