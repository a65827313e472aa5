/*
** The project library's files: projects, their monthly progress and the
** funds, read with every field of every row checked and handed to a sink,
** and written back the same way. It knows no store: the stored project a
** row changes, and the one save sequence, are the application's
** (src/app/imports.c).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/project.h"
#include "lib/strmap.h"

static const char *const project_cols[] = { "code", "name", "owner", "category", "cluster", "region", "kind",
					    "total_investment", "start", "end", "stage", "government_budget",
					    "guidance_fund", "bank_loans", "bonds", "social_capital", "own_funds",
					    "land_mu", "energy_tce" };
static const char *const progress_cols[] = { "project", "period", "completed" };
static const char *const fund_cols[] = { "code", "name", "type", "capital", "categories", "regions", "stages",
					 "min_ticket", "max_ticket", "max_share", "coinvest", "min_digital_level" };
/* min_digital_level came later (issue 18): a funds file may end before it */
#define FUND_REQUIRED_COLS 11

static const struct ec_csv_kind kinds[] = {
	{ "projects", project_cols, 19 },
	{ "progress", progress_cols, 3 },
	{ "funds", fund_cols, 12 },
};

/* A problem of the row being read: code about col, with name, value pairs
** of parameters (strings) after it, ended by NULL. */
#define BAD(code, col, ...)                                                  \
	do {                                                                 \
		ec_diag_problem(d, (code), c->name, c->line, (col), __VA_ARGS__); \
		bad = 1;                                                     \
	} while (0)

/* A problem about col whose one parameter is the field f as quoted. */
#define BAD_VALUE(code, col, f)                                                   \
	do {                                                                      \
		ec_diag_value(d, (code), c->name, c->line, (col), (f)->p, (f)->n); \
		bad = 1;                                                          \
	} while (0)

int ec_project_file_kind(const char *what)
{
	return ec_csv_kind_find(kinds, sizeof kinds / sizeof kinds[0], what);
}

static int number(struct ec_csv *c, struct ec_diag *d, const char *col, const struct ec_csv_field *f, double *out)
{
	const char *why;
	int bad = 0;

	if (ec_number_parse(f->p, f->n, out, &why) != EC_OK)
		BAD_VALUE(why, col, f);
	else if (*out < 0)
		BAD_VALUE("number.negative", col, f);
	return bad;
}

static int period(struct ec_csv *c, struct ec_diag *d, const char *col, const struct ec_csv_field *f, int *out)
{
	int bad = 0;

	if (ec_period_parse(f->p, f->n, out) != EC_OK)
		BAD_VALUE(f->n ? "period.invalid" : "period.empty", col, f);
	return bad;
}

/* A projects row: its fields into p (no plan, progress or revisions) and
** its stage. */
static int project_row(struct ec_csv *c, struct ec_diag *d, struct ec_project *p, enum ec_stage *stage)
{
	const struct ec_csv_field *f = c->fields;
	char buf[64], names[160];
	int bad = 0, kind, s;

	ec_project_init(p);
	ec_csv_copy(p->code, sizeof p->code, &f[0]);
	ec_csv_copy(p->name, sizeof p->name, &f[1]);
	ec_csv_copy(p->owner, sizeof p->owner, &f[2]);
	ec_csv_copy(p->category, sizeof p->category, &f[3]);
	ec_csv_copy(p->cluster, sizeof p->cluster, &f[4]);
	ec_csv_copy(p->region, sizeof p->region, &f[5]);
	ec_csv_copy(buf, sizeof buf, &f[6]);
	if ((kind = ec_project_kind_parse(buf)) < 0)
		BAD("field.enum", "kind", "value", buf, "expected", ec_project_kind_names(names, sizeof names), NULL);
	else
		p->kind = (enum ec_project_kind)kind;
	bad |= number(c, d, "total_investment", &f[7], &p->total_investment);
	bad |= period(c, d, "start", &f[8], &p->start);
	bad |= period(c, d, "end", &f[9], &p->end);
	ec_csv_copy(buf, sizeof buf, &f[10]);
	if ((s = ec_stage_parse(buf)) < 0)
		BAD("field.enum", "stage", "value", buf, "expected", ec_stage_names(names, sizeof names), NULL);
	else
		*stage = (enum ec_stage)s;
	for (int k = 0; k < EC_NSOURCES; k++)
		bad |= number(c, d, project_cols[11 + k], &f[11 + k], &p->funding[k]);
	bad |= number(c, d, "land_mu", &f[17], &p->land_mu);
	bad |= number(c, d, "energy_tce", &f[18], &p->energy_tce);
	return bad;
}

static int fund_row(struct ec_csv *c, struct ec_diag *d, struct ec_fund *fd)
{
	const struct ec_csv_field *f = c->fields;
	char buf[256], why[256], names[160];
	int bad = 0, v;

	ec_fund_init(fd);
	ec_csv_copy(fd->code, sizeof fd->code, &f[0]);
	ec_csv_copy(fd->name, sizeof fd->name, &f[1]);
	ec_csv_copy(buf, sizeof buf, &f[2]);
	if ((v = ec_fund_type_parse(buf)) < 0)
		BAD("field.enum", "type", "value", buf, "expected", ec_fund_type_names(names, sizeof names), NULL);
	else
		fd->type = (enum ec_fund_type)v;
	bad |= number(c, d, "capital", &f[3], &fd->capital);
	ec_csv_copy(fd->categories, sizeof fd->categories, &f[4]);
	ec_csv_copy(fd->regions, sizeof fd->regions, &f[5]);
	ec_csv_copy(buf, sizeof buf, &f[6]);
	if (ec_stage_set_parse(buf, &fd->stages, why, sizeof why) != EC_OK)
		BAD("field.enum", "stages", "value", buf, "expected", ec_stage_names(names, sizeof names), NULL);
	bad |= number(c, d, "min_ticket", &f[7], &fd->min_ticket);
	bad |= number(c, d, "max_ticket", &f[8], &fd->max_ticket);
	bad |= number(c, d, "max_share", &f[9], &fd->max_share);
	ec_csv_copy(buf, sizeof buf, &f[10]);
	if ((v = ec_coinvest_parse(buf)) < 0)
		BAD("field.enum", "coinvest", "value", buf, "expected", ec_coinvest_names(names, sizeof names), NULL);
	else
		fd->coinvest = (enum ec_coinvest)v;
	if (c->nfields > FUND_REQUIRED_COLS && f[11].n) {
		double x;
		const char *not_number;
		if (ec_number_parse(f[11].p, f[11].n, &x, &not_number) != EC_OK)
			BAD_VALUE(not_number, "min_digital_level", &f[11]);
		else if (x != (int)x || x < 0 || x > EC_FUND_DIGITAL_LEVEL_MAX)
			BAD_VALUE("fund.digital_level", "min_digital_level", &f[11]);
		else
			fd->min_digital_level = (int)x;
	}
	return bad;
}

int ec_project_file_read(int kind, const char *name, const char *data, size_t len,
			 const struct ec_project_file_sink *sink, int64_t *rows, struct ec_diag *d)
{
	size_t before = d->total, ncols = kinds[kind].ncols;
	struct ec_csv csv, *c = &csv;
	struct ec_strmap *seen = kind != EC_PROJECT_FILE_PROGRESS ? ec_strmap_new(0) : NULL;
	int rc = EC_OK;

	*rows = 0;
	ec_csv_init_mem(c, name, data, len);
	c->column_names = kinds[kind].cols;
	c->ncolumn_names = ncols;
	if (ec_csv_check_header_opt(c, kinds[kind].cols, ncols, kind == EC_PROJECT_FILE_FUNDS ? FUND_REQUIRED_COLS : ncols,
				    &ncols, d) != EC_OK) {
		ec_csv_release(c);
		ec_strmap_free(seen);
		return EC_EDATA;
	}
	while (ec_csv_next_row(c, ncols, NULL, rows, d)) {
		const struct ec_csv_field *f = c->fields;
		int bad = 0;

		if (kind != EC_PROJECT_FILE_PROGRESS) {
			char code[EC_PROJECT_CODE_MAX];
			ec_csv_copy(code, sizeof code, &f[0]);
			if (!ec_strmap_put(seen, code, strlen(code), c->line))
				BAD("import.repeat", "code", "value", code, NULL);
		}
		if (kind == EC_PROJECT_FILE_PROJECTS) {
			struct ec_project p;
			enum ec_stage stage = EC_STAGE_RESERVE;
			bad |= project_row(c, d, &p, &stage);
			if (!bad)
				rc = sink->project(sink->ctx, &p, stage, name, c->line, d->total == before);
			ec_project_release(&p);
		} else if (kind == EC_PROJECT_FILE_FUNDS) {
			struct ec_fund fd;
			bad |= fund_row(c, d, &fd);
			if (!bad)
				rc = sink->fund(sink->ctx, &fd, name, c->line, d->total == before);
		} else {
			char code[EC_PROJECT_CODE_MAX];
			double amount = 0;
			int per = 0;
			ec_csv_copy(code, sizeof code, &f[0]);
			bad |= period(c, d, "period", &f[1], &per);
			bad |= number(c, d, "completed", &f[2], &amount);
			if (!bad)
				rc = sink->progress(sink->ctx, code, per, amount, name, c->line);
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
	char s[32];
	ec_number_format(v, s);
	ec_csv_write_cell(b, s, last);
}

void ec_project_file_write_header(struct ec_buf *b, int kind)
{
	ec_csv_write_header(b, kinds[kind].cols, kinds[kind].ncols);
}

void ec_project_file_write_project(struct ec_buf *b, const struct ec_project *p)
{
	char per[8];

	ec_csv_write_cell(b, p->code, 0);
	ec_csv_write_cell(b, p->name, 0);
	ec_csv_write_cell(b, p->owner, 0);
	ec_csv_write_cell(b, p->category, 0);
	ec_csv_write_cell(b, p->cluster, 0);
	ec_csv_write_cell(b, p->region, 0);
	ec_csv_write_cell(b, ec_project_kind_name(p->kind), 0);
	num(b, p->total_investment, 0);
	ec_period_format(p->start, per);
	ec_csv_write_cell(b, per, 0);
	ec_period_format(p->end, per);
	ec_csv_write_cell(b, per, 0);
	ec_csv_write_cell(b, ec_stage_name(p->stage), 0);
	for (int k = 0; k < EC_NSOURCES; k++)
		num(b, p->funding[k], 0);
	num(b, p->land_mu, 0);
	num(b, p->energy_tce, 1);
}

void ec_project_file_write_progress(struct ec_buf *b, const struct ec_project *p)
{
	char per[8];

	for (size_t i = 0; i < p->ncompleted; i++) {
		ec_csv_write_cell(b, p->code, 0);
		ec_period_format(p->completed[i].period, per);
		ec_csv_write_cell(b, per, 0);
		num(b, p->completed[i].amount, 1);
	}
}

void ec_project_file_write_fund(struct ec_buf *b, const struct ec_fund *f)
{
	char stages[128];

	ec_stage_set_format(f->stages, stages, sizeof stages);
	ec_csv_write_cell(b, f->code, 0);
	ec_csv_write_cell(b, f->name, 0);
	ec_csv_write_cell(b, ec_fund_type_name(f->type), 0);
	num(b, f->capital, 0);
	ec_csv_write_cell(b, f->categories, 0);
	ec_csv_write_cell(b, f->regions, 0);
	ec_csv_write_cell(b, stages, 0);
	num(b, f->min_ticket, 0);
	num(b, f->max_ticket, 0);
	num(b, f->max_share, 0);
	ec_csv_write_cell(b, ec_coinvest_name(f->coinvest), 0);
	num(b, f->min_digital_level, 1);
}
