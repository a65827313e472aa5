/*
** The cluster registry's files: clusters, member rules and the indicators
** entered by year, read with every field of every row checked and handed
** to a sink, and written back the same way. It knows no store: what a row
** refers to, and the one save sequence, are the application's
** (src/app/imports.c).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/csv.h"
#include "echelon/uscc.h"
#include "lib/strmap.h"

static const char *const cluster_cols[] = { "code", "name_zh", "name_en", "tier", "parent", "regions",
					    "categories", "agency", "founded", "source" };
static const char *const member_cols[] = { "cluster", "uscc", "action" };
static const char *const indicator_cols[] = { "cluster", "year", "indicator", "value" };

static const struct ec_csv_kind kinds[] = {
	{ "clusters", cluster_cols, 10 },
	{ "members", member_cols, 3 },
	{ "indicators", indicator_cols, 4 },
};

/* A problem of the row being read: code about col, with name, value pairs
** of parameters (strings) after it, ended by NULL. */
#define BAD(code, col, ...)                                                  \
	do {                                                                 \
		ec_diag_problem(d, (code), c->name, c->line, (col), __VA_ARGS__); \
		bad = 1;                                                     \
	} while (0)

int ec_cluster_file_kind(const char *what)
{
	return ec_csv_kind_find(kinds, sizeof kinds / sizeof kinds[0], what);
}

int ec_cluster_file_codes(const char *name, const char *data, size_t len, char (**codes)[EC_CLUSTER_CODE_MAX],
			  size_t *n)
{
	char (*listed)[EC_CLUSTER_CODE_MAX] = NULL;
	size_t nlisted = 0, cap = 0;
	struct ec_csv pre;
	int got;

	ec_csv_init_mem(&pre, name, data, len);
	ec_csv_next(&pre);
	while ((got = ec_csv_next(&pre)) != 0) {
		if (got < 0 || pre.nfields < 1 || pre.fields[0].n >= EC_CLUSTER_CODE_MAX)
			continue;
		if (nlisted == cap) {
			cap = cap ? cap * 2 : 64;
			listed = ec_realloc(listed, cap * sizeof *listed);
		}
		ec_csv_copy(listed[nlisted++], EC_CLUSTER_CODE_MAX, &pre.fields[0]);
	}
	ec_csv_release(&pre);
	*codes = listed;
	*n = nlisted;
	return EC_OK;
}

/* A clusters row into cl; row-local problems in d. seen holds the codes of
** the rows before, and gets this row's code when the row is good. */
static int cluster_row(struct ec_csv *c, struct ec_strmap *seen, struct ec_cluster *cl, struct ec_diag *d)
{
	const struct ec_csv_field *f = c->fields;
	char tier[16], founded[16];
	int64_t first_line;
	int bad = 0;

	memset(cl, 0, sizeof *cl);
	ec_csv_copy(cl->code, sizeof cl->code, &f[0]);
	ec_csv_copy(cl->name_zh, sizeof cl->name_zh, &f[1]);
	ec_csv_copy(cl->name_en, sizeof cl->name_en, &f[2]);
	ec_csv_copy(tier, sizeof tier, &f[3]);
	cl->tier = (enum ec_tier)ec_tier_parse(tier); /* -1: the check names it */
	ec_csv_copy(cl->parent, sizeof cl->parent, &f[4]);
	ec_csv_copy(cl->regions, sizeof cl->regions, &f[5]);
	ec_csv_copy(cl->categories, sizeof cl->categories, &f[6]);
	ec_csv_copy(cl->agency, sizeof cl->agency, &f[7]);
	ec_csv_copy(founded, sizeof founded, &f[8]);
	ec_csv_copy(cl->source, sizeof cl->source, &f[9]);
	cl->founded = founded[0] ? (int)strtol(founded, NULL, 10) : 0;
	if (founded[0] && strspn(founded, "0123456789") != strlen(founded))
		BAD("year.invalid", "founded", "value", founded, NULL);
	else if (ec_strmap_get(seen, cl->code, strlen(cl->code), &first_line))
		BAD("import.repeat", "code", "value", cl->code, NULL);
	if (!bad)
		ec_strmap_put(seen, cl->code, strlen(cl->code), c->line);
	return bad;
}

/* The cluster a members or indicators row names, known to the sink. */
static int cluster_ref(struct ec_csv *c, const struct ec_cluster_file_sink *sink, char *code, size_t size,
		       struct ec_diag *d)
{
	int bad = 0;

	ec_csv_copy(code, size, &c->fields[0]);
	if (!sink->known(sink->ctx, code))
		BAD("import.cluster_unknown", "cluster", "cluster", code, NULL);
	return bad;
}

static int member_row(struct ec_csv *c, char *uscc, int *include, struct ec_diag *d)
{
	const struct ec_csv_field *f = c->fields;
	struct ec_uscc_result u;
	struct ec_problem p;
	char shown[64];
	int bad = 0;

	*include = ec_csv_field_is(&f[2], "include") ? 1 : ec_csv_field_is(&f[2], "exclude") ? 0 : -1;
	if (ec_uscc_check(f[1].p, f[1].n, &u) != EC_OK) {
		ec_uscc_problem(&u, f[1].p, f[1].n, "uscc", &p);
		ec_diag_put(d, c->name, c->line, &p);
		bad = 1;
	}
	if (*include < 0)
		BAD("member.action", "action", "value", ec_value_shown(f[2].p, f[2].n, shown, sizeof shown), NULL);
	ec_csv_copy(uscc, EC_USCC_LEN + 1, &f[1]);
	return bad;
}

static int indicator_row(struct ec_csv *c, int *year, char *indicator, size_t size, double *value,
			 struct ec_diag *d)
{
	const struct ec_csv_field *f = c->fields;
	const char *why;
	char y[8], shown[64];
	int bad = 0;

	ec_csv_copy(y, sizeof y, &f[1]);
	ec_csv_copy(indicator, size, &f[2]);
	if (f[1].n != 4 || strspn(y, "0123456789") != 4)
		BAD("year.invalid", "year", "value", ec_value_shown(f[1].p, f[1].n, shown, sizeof shown), NULL);
	if (!ec_entered_indicator_known(indicator))
		BAD("cluster.indicator_unknown", "indicator", "value", ec_value_shown(f[2].p, f[2].n, shown, sizeof shown),
		    NULL);
	if (ec_number_parse(f[3].p, f[3].n, value, &why) != EC_OK)
		BAD(why, "value", "value", ec_value_shown(f[3].p, f[3].n, shown, sizeof shown), NULL);
	else if (*value < 0)
		BAD("number.negative", "value", "value", ec_value_shown(f[3].p, f[3].n, shown, sizeof shown), NULL);
	*year = (int)strtol(y, NULL, 10);
	return bad;
}

int ec_cluster_file_read(int kind, const char *name, const char *data, size_t len,
			 const struct ec_cluster_file_sink *sink, int64_t *rows, struct ec_diag *d)
{
	size_t before = d->total, ncols = kinds[kind].ncols;
	struct ec_strmap *seen = kind == EC_CLUSTER_FILE_CLUSTERS ? ec_strmap_new(0) : NULL;
	struct ec_csv c;
	int rc = EC_OK;

	*rows = 0;
	ec_csv_init_mem(&c, name, data, len);
	c.column_names = kinds[kind].cols;
	c.ncolumn_names = ncols;
	if (ec_csv_check_header(&c, kinds[kind].cols, ncols, d) != EC_OK) {
		ec_csv_release(&c);
		ec_strmap_free(seen);
		return EC_EDATA;
	}
	while (ec_csv_next_row(&c, ncols, NULL, rows, d)) {
		int bad = 0, store;
		if (kind == EC_CLUSTER_FILE_CLUSTERS) {
			struct ec_cluster cl;
			if (!cluster_row(&c, seen, &cl, d)) {
				store = d->total == before;
				rc = sink->cluster(sink->ctx, &cl, name, c.line, store);
			}
		} else {
			char code[EC_CLUSTER_CODE_MAX];
			bad = cluster_ref(&c, sink, code, sizeof code, d);
			if (kind == EC_CLUSTER_FILE_MEMBERS) {
				char uscc[EC_USCC_LEN + 1];
				int include;
				bad |= member_row(&c, uscc, &include, d);
				if (!bad && d->total == before)
					rc = sink->member(sink->ctx, code, uscc, include);
			} else {
				char indicator[64];
				double value = 0;
				int year = 0;
				bad |= indicator_row(&c, &year, indicator, sizeof indicator, &value, d);
				if (!bad && d->total == before)
					rc = sink->indicator(sink->ctx, code, year, indicator, value);
			}
		}
		if (rc == EC_EIO)
			break;
		rc = EC_OK;
	}
	ec_strmap_free(seen);
	ec_csv_release(&c);
	if (rc == EC_EIO)
		return EC_EIO;
	return d->total != before ? EC_EDATA : EC_OK;
}

/* ---- writing ---- */

void ec_cluster_file_write_header(struct ec_buf *b, int kind)
{
	ec_csv_write_header(b, kinds[kind].cols, kinds[kind].ncols);
}

void ec_cluster_file_write_cluster(struct ec_buf *b, const struct ec_cluster *c)
{
	char founded[16];

	snprintf(founded, sizeof founded, "%d", c->founded);
	ec_csv_write_cell(b, c->code, 0);
	ec_csv_write_cell(b, c->name_zh, 0);
	ec_csv_write_cell(b, c->name_en, 0);
	ec_csv_write_cell(b, ec_tier_name(c->tier), 0);
	ec_csv_write_cell(b, c->parent, 0);
	ec_csv_write_cell(b, c->regions, 0);
	ec_csv_write_cell(b, c->categories, 0);
	ec_csv_write_cell(b, c->agency, 0);
	ec_csv_write_cell(b, c->founded ? founded : "", 0);
	ec_csv_write_cell(b, c->source, 1);
}

void ec_cluster_file_write_member(struct ec_buf *b, const char *cluster, const char *uscc, int include)
{
	ec_csv_write_cell(b, cluster, 0);
	ec_csv_write_cell(b, uscc, 0);
	ec_csv_write_cell(b, include ? "include" : "exclude", 1);
}

void ec_cluster_file_write_indicator(struct ec_buf *b, const char *cluster, int year, const char *indicator,
				     double value)
{
	char y[16], v[32];

	snprintf(y, sizeof y, "%d", year);
	ec_number_format(value, v);
	ec_csv_write_cell(b, cluster, 0);
	ec_csv_write_cell(b, y, 0);
	ec_csv_write_cell(b, indicator, 0);
	ec_csv_write_cell(b, v, 1);
}
