/*
** Data intake: validated, all-or-nothing import of enterprises, reports and
** deflators from CSV, and export in the same formats.
*/
#ifndef ECHELON_INTAKE_H
#define ECHELON_INTAKE_H

#include <stdio.h>
#include "catalog.h"
#include "store.h"

enum ec_intake_kind { EC_IN_ENTERPRISES, EC_IN_REPORTS, EC_IN_DEFLATORS, EC_IN_NKINDS };

/* "enterprises" -> EC_IN_ENTERPRISES ...; -1 when unknown. */
int ec_intake_kind_parse(const char *name);
const char *ec_intake_kind_name(enum ec_intake_kind kind);
/* The header line of a kind, "uscc,name,...". */
const char *ec_intake_header(enum ec_intake_kind kind);

/* Progress report: rows read so far and the fraction of the input. */
typedef void (*ec_progress_fn)(void *ctx, int64_t rows, double fraction, int done);

struct ec_import_opts {
	int dry_run;               /* check everything, store nothing */
	ec_progress_fn progress;   /* may be NULL */
	void *progress_ctx;
};

struct ec_import_result {
	int64_t rows;              /* data rows read */
	int64_t inserted, updated; /* rows stored (0 on a dry run or rejection) */
	char sha256[65];
};

/* Imports the CSV data[0..len), named `name` in messages, as one
** transaction: every row is checked, every problem goes to d, and one bad
** row rejects the whole input, leaving the database exactly as it was.
** Returns 0; EC_EDATA when rejected; EC_EIO when the store failed (message
** in d). */
int ec_import(struct ec_store *s, const struct ec_catalog *cat, enum ec_intake_kind kind,
	      const char *name, const char *data, size_t len, const struct ec_import_opts *opts,
	      struct ec_import_result *res /* OUT */, struct ec_diag *d);

/* Imports the file at path (mapped, not read into memory). As ec_import;
** EC_EIO when the file can't be read. */
int ec_import_file(struct ec_store *s, const struct ec_catalog *cat, enum ec_intake_kind kind,
		   const char *path, const struct ec_import_opts *opts,
		   struct ec_import_result *res /* OUT */, struct ec_diag *d);

/* Writes the kind's CSV (header and rows) to out; reports and deflators
** restricted to from..to (-1: unbounded). The output imports back to the
** same rows, and exporting again gives the same bytes. Returns 0, or EC_EIO
** with a message in *err (caller frees). */
int ec_export(struct ec_store *s, enum ec_intake_kind kind, int from, int to, FILE *out, char **err);

#endif
