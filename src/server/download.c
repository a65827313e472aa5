/*
** Downloads of the table routes: ?format=csv|xlsx on a route that answers
** a table gives the same rows as its JSON, after the same disclosure
** control, written by export.c as the dashboard shows them (or raw). The
** file is made for the request and not kept with the kept answers: a
** download is asked for far less often than the figures it holds.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "server.h"

int req_download(struct request *r, struct ec_export *x)
{
	struct parse_problem pb;
	int wanted;

	if (parse_download(req_arg(r, "format"), req_arg(r, "lang"), req_arg(r, "raw"), &wanted, x, &pb) != EC_OK) {
		reply_parse_problem(r, &pb);
		return -1;
	}
	return wanted;
}

void reply_download(struct request *r, const struct ec_table *const *t, const char *const *sheets, size_t n,
		    const struct ec_export *x, const char *base)
{
	char disposition[160], *err = NULL, *body;
	struct ec_buf b;
	size_t len;

	ec_buf_init(&b, 0);
	if (ec_tables_export(t, sheets, n, x, &b, &err) != EC_OK) {
		ec_buf_release(&b);
		reply_status(r, EC_EIO, err);
		free(err);
		return;
	}
	body = ec_buf_detach(&b, &len);
	snprintf(disposition, sizeof disposition, "attachment; filename=\"%s.%s\"", base, ec_export_extension(x->format));
	r->disposition = req_strdup(r, disposition);
	reply_owned(r, 200, ec_export_media_type(x->format), body, len);
}

void reply_download_one(struct request *r, const struct ec_table *t, const char *sheet, const struct ec_export *x,
			const char *base)
{
	reply_download(r, &t, &sheet, 1, x, base);
}

/* ---- a job's result as a download ----
** A finished job's answer (an evaluation, an allocation) is JSON whose
** members that are arrays of flat objects are tables (they were written
** from ec_tables): each becomes a sheet, its columns the first object's
** keys in their order, a number column where the values are numbers. */

#define JSON_TABLES_MAX 8

/* The names of the tables jobs answer with, as sheet names, in the order
** the sheets go. */
static const struct {
	const char *key;
	const char *name[EC_NLANGS];
} sheet_words[] = {
	{ "rows", { "results", "结果" } },
	{ "plan", { "plan", "分配方案" } },
	{ "lacking", { "still lacking", "资金缺口" } },
	{ "binding", { "binding constraints", "紧约束与影子价格" } },
	{ "weights", { "weights", "权重" } },
};

static const char *sheet_of(const char *key, enum ec_lang lang)
{
	for (size_t i = 0; i < sizeof sheet_words / sizeof sheet_words[0]; i++)
		if (!strcmp(sheet_words[i].key, key))
			return sheet_words[i].name[lang];
	return key;
}

/* A JSON value as a cell: numbers in full, arrays joined by ';'. */
static void cell_text(json_t *v, struct ec_buf *b)
{
	b->len = 0;
	if (json_is_string(v))
		ec_buf_add(b, json_string_value(v), json_string_length(v));
	else if (json_is_integer(v))
		ec_buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		ec_buf_printf(b, "%.17g", json_real_value(v));
	else if (json_is_boolean(v))
		ec_buf_addc(b, json_is_true(v) ? '1' : '0');
	else if (json_is_array(v)) {
		size_t i;
		json_t *e;
		struct ec_buf one;
		ec_buf_init(&one, 0);
		json_array_foreach(v, i, e) {
			cell_text(e, &one);
			if (i)
				ec_buf_addc(b, ';');
			ec_buf_add(b, one.data ? one.data : "", one.len);
		}
		ec_buf_release(&one);
	} else if (json_is_object(v)) {
		char *text = json_dumps(v, JSON_COMPACT);
		ec_buf_adds(b, text ? text : "");
		free(text);
	}
	ec_buf_addc(b, '\0');
	b->len--;
}

/* The table of an array of objects (names and kinds in the request's
** arena). Returns 0, or -1 when the array is not one of flat objects. */
static int json_table(struct request *r, json_t *array, struct ec_table *t)
{
	json_t *first = json_array_get(array, 0), *row, *v;
	const char **names;
	enum ec_col_kind *kinds;
	struct ec_buf cell;
	const char **cells;
	const char *key;
	size_t ncols = 0, i, c;

	if (!json_is_object(first) || !json_object_size(first))
		return -1;
	names = req_alloc(r, json_object_size(first) * sizeof *names);
	kinds = req_alloc(r, json_object_size(first) * sizeof *kinds);
	json_object_foreach(first, key, v) {
		names[ncols] = req_strdup(r, key);
		kinds[ncols] = EC_COL_TEXT;
		ncols++;
	}
	/* A column is a number or a yes/no where every value that is there is one. */
	for (c = 0; c < ncols; c++) {
		int numbers = 0, bools = 0, others = 0;
		json_array_foreach(array, i, row) {
			v = json_object_get(row, names[c]);
			if (json_is_number(v))
				numbers++;
			else if (json_is_boolean(v))
				bools++;
			else if (v && !json_is_null(v))
				others++;
		}
		kinds[c] = others ? EC_COL_TEXT : numbers && !bools ? EC_COL_NUMBER : bools && !numbers ? EC_COL_BOOL
									     : EC_COL_TEXT;
	}
	ec_table_init(t, ncols, names, kinds);
	cells = ec_malloc(ncols * sizeof *cells);
	ec_buf_init(&cell, 0);
	json_array_foreach(array, i, row) {
		char **texts = ec_calloc(ncols, sizeof *texts);
		for (c = 0; c < ncols; c++) {
			cell_text(json_object_get(row, names[c]), &cell);
			texts[c] = ec_strdup(cell.data ? cell.data : "");
			cells[c] = texts[c];
		}
		ec_table_add(t, cells);
		for (c = 0; c < ncols; c++)
			free(texts[c]);
		free(texts);
	}
	ec_buf_release(&cell);
	free(cells);
	return 0;
}

void reply_download_json(struct request *r, const char *json_text, const struct ec_export *x, const char *base)
{
	struct ec_table tables[JSON_TABLES_MAX];
	const struct ec_table *tp[JSON_TABLES_MAX];
	const char *sheets[JSON_TABLES_MAX], *key;
	json_error_t e;
	json_t *answer = json_loads(json_text ? json_text : "", 0, &e), *v;
	size_t n = 0;

	/* The answer's own tables first, in sheet_words' order, then the rest. */
	for (size_t i = 0; i < sizeof sheet_words / sizeof sheet_words[0]; i++) {
		v = json_object_get(answer, sheet_words[i].key);
		if (v && json_is_array(v) && json_table(r, v, &tables[n]) == 0) {
			tp[n] = &tables[n];
			sheets[n++] = sheet_words[i].name[x->lang];
		}
	}
	json_object_foreach(answer, key, v) {
		if (sheet_of(key, x->lang) != key || n == JSON_TABLES_MAX || !json_is_array(v) ||
		    json_table(r, v, &tables[n]) != 0)
			continue;
		tp[n] = &tables[n];
		sheets[n++] = key;
	}
	json_decref(answer);
	if (!n)
		reply_problem(r, 404, "download.no_table", "format", NULL);
	else
		reply_download(r, tp, sheets, n, x, base);
	for (size_t i = 0; i < n; i++)
		ec_table_release(&tables[i]);
}
