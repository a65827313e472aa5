/*
** The application scenarios' files: scenarios and applications, read with
** every field of every row checked for form and handed to a sink, and
** written back the same way. It knows no store: the rules that need one
** (owner, status, one application per enterprise) are the application's
** (src/app/scenarios.c).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/scenario.h"
#include "lib/strmap.h"

static const char *const scenario_cols[] = { "code",        "title",  "owner", "kind",     "category", "region",
					     "description", "budget", "mode",  "deadline", "contact",  "criteria" };
static const char *const application_cols[] = { "scenario", "uscc", "solution", "price", "months" };

static const struct ec_csv_kind kinds[] = {
	{ "scenarios", scenario_cols, 12 },
	{ "applications", application_cols, 5 },
};

#define BAD_VALUE(code, col, f)                                                   \
	do {                                                                      \
		ec_diag_value(d, (code), c->name, c->line, (col), (f)->p, (f)->n); \
		bad = 1;                                                          \
	} while (0)

int ec_scenario_file_kind(const char *what)
{
	return ec_csv_kind_find(kinds, sizeof kinds / sizeof kinds[0], what);
}

/* A field copied whole into dst of size bytes, or field.too_long. */
static int text(struct ec_csv *c, struct ec_diag *d, const char *col, const struct ec_csv_field *f, char *dst,
		size_t size)
{
	char max[24];

	if (f->n >= size) {
		snprintf(max, sizeof max, "%zu", size - 1);
		ec_diag_problem(d, "field.too_long", c->name, c->line, col, "max", max, NULL);
		return 1;
	}
	ec_csv_copy(dst, size, f);
	return 0;
}

static int scenario_row(struct ec_csv *c, struct ec_diag *d, struct ec_scenario *s)
{
	const struct ec_csv_field *f = c->fields;
	char kind[32];
	const char *why;
	int bad = 0, k;

	ec_scenario_init(s);
	bad |= text(c, d, "code", &f[0], s->code, sizeof s->code);
	bad |= text(c, d, "title", &f[1], s->title, sizeof s->title);
	bad |= text(c, d, "owner", &f[2], s->owner, sizeof s->owner);
	if (f[3].n >= sizeof kind || (ec_csv_copy(kind, sizeof kind, &f[3]), (k = ec_scenario_kind_parse(kind)) < 0)) {
		ec_diag_problem(d, "field.enum", c->name, c->line, "kind", "value", f[3].n < sizeof kind ? kind : "",
				"expected", "government, enterprise or supply", NULL);
		bad = 1;
	} else {
		s->kind = (enum ec_scenario_kind)k;
	}
	bad |= text(c, d, "category", &f[4], s->category, sizeof s->category);
	bad |= text(c, d, "region", &f[5], s->region, sizeof s->region);
	bad |= text(c, d, "description", &f[6], s->description, sizeof s->description);
	if (f[7].n && ec_number_parse(f[7].p, f[7].n, &s->budget, &why) != EC_OK)
		BAD_VALUE(why, "budget", &f[7]);
	bad |= text(c, d, "mode", &f[8], s->mode, sizeof s->mode);
	bad |= text(c, d, "deadline", &f[9], s->deadline, sizeof s->deadline);
	bad |= text(c, d, "contact", &f[10], s->contact, sizeof s->contact);
	if (f[11].n)
		bad |= text(c, d, "criteria", &f[11], s->criteria, sizeof s->criteria);
	return bad;
}

static int application_row(struct ec_csv *c, struct ec_diag *d, struct ec_application *a)
{
	const struct ec_csv_field *f = c->fields;
	const char *why;
	double months;
	int bad = 0;

	memset(a, 0, sizeof *a);
	a->total = NAN;
	bad |= text(c, d, "scenario", &f[0], a->scenario, sizeof a->scenario);
	bad |= text(c, d, "uscc", &f[1], a->uscc, sizeof a->uscc);
	bad |= text(c, d, "solution", &f[2], a->solution, sizeof a->solution);
	if (ec_number_parse(f[3].p, f[3].n, &a->price, &why) != EC_OK)
		BAD_VALUE(why, "price", &f[3]);
	if (ec_number_parse(f[4].p, f[4].n, &months, &why) != EC_OK)
		BAD_VALUE(why, "months", &f[4]);
	else if (months != floor(months) || months < 0 || months > 1200)
		BAD_VALUE("number.not_whole", "months", &f[4]);
	else
		a->months = (int)months;
	return bad;
}

int ec_scenario_file_read(int kind, const char *name, const char *data, size_t len,
			  const struct ec_scenario_file_sink *sink, int64_t *rows, struct ec_diag *d)
{
	size_t before = d->total, ncols;
	struct ec_csv csv, *c = &csv;
	struct ec_strmap *seen;
	int rc = EC_OK;

	*rows = 0;
	if (kind < 0 || kind > EC_SCENARIO_FILE_APPLICATIONS)
		return EC_EUSAGE;
	ncols = kinds[kind].ncols;
	ec_csv_init_mem(c, name, data, len);
	c->column_names = kinds[kind].cols;
	c->ncolumn_names = ncols;
	if (ec_csv_check_header(c, kinds[kind].cols, ncols, d) != EC_OK) {
		ec_csv_release(c);
		return EC_EDATA;
	}
	seen = ec_strmap_new(0);
	while (ec_csv_next_row(c, ncols, NULL, rows, d)) {
		const struct ec_csv_field *f = c->fields;
		char key[EC_SCN_CODE + EC_USCC_LEN + 2];
		int bad = 0;

		/* the key: a scenario's code, an application's scenario and uscc */
		if (kind == EC_SCENARIO_FILE_SCENARIOS)
			snprintf(key, sizeof key, "%.*s", (int)(f[0].n < EC_SCN_CODE ? f[0].n : EC_SCN_CODE), f[0].p);
		else
			snprintf(key, sizeof key, "%.*s/%.*s", (int)(f[0].n < EC_SCN_CODE ? f[0].n : EC_SCN_CODE), f[0].p,
				 (int)(f[1].n <= EC_USCC_LEN ? f[1].n : EC_USCC_LEN), f[1].p);
		if (!ec_strmap_put(seen, key, strlen(key), c->line)) {
			ec_diag_problem(d, "import.repeat", c->name, c->line, kind ? "uscc" : "code", "value", key, NULL);
			bad = 1;
		}
		if (kind == EC_SCENARIO_FILE_SCENARIOS) {
			struct ec_scenario s;
			bad |= scenario_row(c, d, &s);
			if (!bad)
				rc = sink->scenario(sink->ctx, &s, name, c->line, d->total == before);
		} else {
			struct ec_application a;
			bad |= application_row(c, d, &a);
			if (!bad)
				rc = sink->application(sink->ctx, &a, name, c->line, d->total == before);
		}
		if (rc == EC_EIO)
			break;
		rc = EC_OK;
	}
	ec_strmap_free(seen);
	ec_csv_release(c);
	if (rc == EC_EIO)
		return EC_EIO;
	return d->total != before ? EC_EDATA : EC_OK;
}

/* ---- writing ---- */

static void num(struct ec_buf *b, double v, int last)
{
	char s[32] = "";

	if (!isnan(v))
		ec_number_format(v, s);
	ec_csv_write_cell(b, s, last);
}

void ec_scenario_file_write_header(struct ec_buf *b, int kind)
{
	ec_csv_write_header(b, kinds[kind].cols, kinds[kind].ncols);
}

void ec_scenario_file_write_scenario(struct ec_buf *b, const struct ec_scenario *s)
{
	ec_csv_write_cell(b, s->code, 0);
	ec_csv_write_cell(b, s->title, 0);
	ec_csv_write_cell(b, s->owner, 0);
	ec_csv_write_cell(b, ec_scenario_kind_name(s->kind), 0);
	ec_csv_write_cell(b, s->category, 0);
	ec_csv_write_cell(b, s->region, 0);
	ec_csv_write_cell(b, s->description, 0);
	num(b, s->budget, 0);
	ec_csv_write_cell(b, s->mode, 0);
	ec_csv_write_cell(b, s->deadline, 0);
	ec_csv_write_cell(b, s->contact, 0);
	ec_csv_write_cell(b, s->criteria, 1);
}

void ec_scenario_file_write_application(struct ec_buf *b, const struct ec_application *a)
{
	char months[16];

	snprintf(months, sizeof months, "%d", a->months);
	ec_csv_write_cell(b, a->scenario, 0);
	ec_csv_write_cell(b, a->uscc, 0);
	ec_csv_write_cell(b, a->solution, 0);
	num(b, a->price, 0);
	ec_csv_write_cell(b, months, 1);
}
