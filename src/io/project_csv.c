/*
** The project library's files: projects, their monthly progress and the
** funds, imported all or nothing with every row checked, and exported in
** the same formats.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/project.h"
#include "echelon/store.h"

static const char *const project_cols[] = { "code", "name", "owner", "category", "cluster", "region", "kind",
					    "total_investment", "start", "end", "stage", "government_budget",
					    "guidance_fund", "bank_loans", "bonds", "social_capital", "own_funds",
					    "land_mu", "energy_tce" };
static const char *const progress_cols[] = { "project", "period", "completed" };
static const char *const fund_cols[] = { "code", "name", "type", "capital", "categories", "regions", "stages",
					 "min_ticket", "max_ticket", "max_share", "coinvest" };

#define BAD(col, ...)                                                                                   \
	do {                                                                                            \
		char why_[320];                                                                         \
		snprintf(why_, sizeof why_, __VA_ARGS__);                                               \
		ec_diag_add(d, "%s:%ld: column %s: %s", c->name, c->line, (col), why_);               \
		bad = 1;                                                                                \
	} while (0)

static void copy(char *dst, size_t size, const struct ec_csv_field *f)
{
	size_t n = f->n < size - 1 ? f->n : size - 1;
	memcpy(dst, f->p, n);
	dst[n] = '\0';
}

static int number(struct ec_csv *c, struct ec_diag *d, const char *col, const struct ec_csv_field *f, double *out)
{
	const char *why;
	int bad = 0;

	if (ec_number_parse(f->p, f->n, out, &why) != EC_OK)
		BAD(col, "%s", why);
	else if (*out < 0)
		BAD(col, "negative, expected a number >= 0");
	return bad;
}

static int period(struct ec_csv *c, struct ec_diag *d, const char *col, const struct ec_csv_field *f, int *out)
{
	int bad = 0;

	if (ec_period_parse(f->p, f->n, out) != EC_OK)
		BAD(col, "'%.*s' is not a period, expected YYYY-MM", (int)(f->n > 16 ? 16 : f->n), f->p);
	return bad;
}

/* One projects row into p (which may hold the stored project). */
static int project_row(struct ec_store *s, const struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d,
		       struct ec_project *p)
{
	const struct ec_csv_field *f = c->fields;
	struct ec_project old;
	struct ec_cluster cl;
	char buf[64], why[256];
	const char *field;
	int bad = 0, had, kind, stage;

	copy(buf, sizeof buf, &f[0]);
	ec_project_init(&old);
	had = ec_store_project_get(s, buf, &old) == EC_OK;
	ec_project_init(p);
	if (had) {
		*p = old; /* keep the plan, progress and revisions */
		ec_project_init(&old);
	}
	copy(p->code, sizeof p->code, &f[0]);
	copy(p->name, sizeof p->name, &f[1]);
	copy(p->owner, sizeof p->owner, &f[2]);
	copy(p->category, sizeof p->category, &f[3]);
	copy(p->cluster, sizeof p->cluster, &f[4]);
	copy(p->region, sizeof p->region, &f[5]);
	copy(buf, sizeof buf, &f[6]);
	if ((kind = ec_project_kind_parse(buf)) < 0)
		BAD("kind", "'%.64s': expected industrial, innovation_capability, industry_city_integration, application_scenario or public_service", buf);
	else
		p->kind = (enum ec_project_kind)kind;
	bad |= number(c, d, "total_investment", &f[7], &p->total_investment);
	bad |= period(c, d, "start", &f[8], &p->start);
	bad |= period(c, d, "end", &f[9], &p->end);
	copy(buf, sizeof buf, &f[10]);
	stage = ec_stage_parse(buf);
	if (stage < 0)
		BAD("stage", "'%.64s': expected reserve, preparation, under_construction, completed or cancelled", buf);
	for (int k = 0; k < EC_NSOURCES; k++)
		bad |= number(c, d, project_cols[11 + k], &f[11 + k], &p->funding[k]);
	bad |= number(c, d, "land_mu", &f[17], &p->land_mu);
	bad |= number(c, d, "energy_tce", &f[18], &p->energy_tce);
	if (!bad && had && (enum ec_stage)stage != p->stage &&
	    ec_project_stage_check(p->stage, (enum ec_stage)stage, p, why, sizeof why) != EC_OK)
		BAD("stage", "%s", why);
	if (!bad)
		p->stage = (enum ec_stage)stage;
	if (!bad && ec_project_check(p, cat, &field, why, sizeof why) != EC_OK)
		BAD(field, "%s", why);
	if (!bad && p->cluster[0] && ec_store_cluster_get(s, p->cluster, &cl) != EC_OK)
		BAD("cluster", "'%s' is not a registered cluster", p->cluster);
	return bad;
}

static int fund_row(const struct ec_catalog *cat, struct ec_csv *c, struct ec_diag *d, struct ec_fund *fd)
{
	const struct ec_csv_field *f = c->fields;
	char buf[256], why[256];
	const char *field;
	int bad = 0, v;

	ec_fund_init(fd);
	copy(fd->code, sizeof fd->code, &f[0]);
	copy(fd->name, sizeof fd->name, &f[1]);
	copy(buf, sizeof buf, &f[2]);
	if ((v = ec_fund_type_parse(buf)) < 0)
		BAD("type", "'%.64s': expected government_guidance_fund, bank, insurance, vc_pe or industrial_capital", buf);
	else
		fd->type = (enum ec_fund_type)v;
	bad |= number(c, d, "capital", &f[3], &fd->capital);
	copy(fd->categories, sizeof fd->categories, &f[4]);
	copy(fd->regions, sizeof fd->regions, &f[5]);
	copy(buf, sizeof buf, &f[6]);
	if (ec_stage_set_parse(buf, &fd->stages, why, sizeof why) != EC_OK)
		BAD("stages", "%s", why);
	bad |= number(c, d, "min_ticket", &f[7], &fd->min_ticket);
	bad |= number(c, d, "max_ticket", &f[8], &fd->max_ticket);
	bad |= number(c, d, "max_share", &f[9], &fd->max_share);
	copy(buf, sizeof buf, &f[10]);
	if ((v = ec_coinvest_parse(buf)) < 0)
		BAD("coinvest", "'%.64s': expected none or requires_government", buf);
	else
		fd->coinvest = (enum ec_coinvest)v;
	if (!bad && ec_fund_check(fd, cat, &field, why, sizeof why) != EC_OK)
		BAD(field, "%s", why);
	return bad;
}

int ec_project_import(struct ec_store *s, const struct ec_catalog *cat, const char *what, const char *name,
		      const char *data, size_t len, struct ec_diag *d, int64_t *rows)
{
	const char *const *cols;
	size_t ncols, before = d->total;
	struct ec_csv csv, *c = &csv;
	/* progress: the projects touched, kept until the end */
	struct ec_project *touched = NULL;
	size_t ntouched = 0;
	char (*seen)[EC_PROJECT_CODE_MAX] = NULL;
	size_t nseen = 0;
	int kind, got, rc = EC_OK;

	*rows = 0;
	if (!strcmp(what, "projects"))
		kind = 0, cols = project_cols, ncols = 19;
	else if (!strcmp(what, "progress"))
		kind = 1, cols = progress_cols, ncols = 3;
	else if (!strcmp(what, "funds"))
		kind = 2, cols = fund_cols, ncols = 11;
	else {
		ec_diag_add(d, "%s: '%s': expected projects, progress or funds", name, what);
		return EC_EUSAGE;
	}
	ec_csv_init_mem(c, name, data, len);
	c->column_names = cols;
	c->ncolumn_names = ncols;
	if (ec_csv_check_header(c, cols, ncols, d) != EC_OK) {
		ec_csv_release(c);
		return EC_EDATA;
	}
	if (ec_store_begin(s) != EC_OK) {
		ec_diag_add(d, "%s: database: %s", name, ec_store_errmsg(s));
		ec_csv_release(c);
		return EC_EIO;
	}
	while ((got = ec_csv_next(c)) != 0) {
		const struct ec_csv_field *f = c->fields;
		int bad = 0;

		if (got < 0) {
			ec_diag_add(d, "%s", c->error);
			continue;
		}
		(*rows)++;
		if (c->nfields != ncols) {
			ec_diag_add(d, "%s:%ld: %zu field%s, expected %zu", name, c->line, c->nfields, c->nfields == 1 ? "" : "s",
				    ncols);
			continue;
		}
		if (kind != 1) {
			char code[EC_PROJECT_CODE_MAX];
			copy(code, sizeof code, &f[0]);
			for (size_t i = 0; i < nseen && !bad; i++)
				if (!strcmp(seen[i], code))
					BAD("code", "'%s' appears twice in the file", code);
			seen = ec_realloc(seen, (nseen + 1) * sizeof *seen);
			memcpy(seen[nseen++], code, sizeof code);
		}
		if (kind == 0) {
			struct ec_project p;
			bad |= project_row(s, cat, c, d, &p);
			if (!bad && d->total == before && ec_store_project_put(s, &p) != EC_OK) {
				ec_project_release(&p);
				goto io;
			}
			ec_project_release(&p);
		} else if (kind == 2) {
			struct ec_fund fd;
			bad |= fund_row(cat, c, d, &fd);
			if (!bad && d->total == before && ec_store_fund_put(s, &fd) != EC_OK)
				goto io;
		} else {
			char code[EC_PROJECT_CODE_MAX], why[256];
			struct ec_project *p = NULL;
			double amount = 0;
			int per = 0;
			copy(code, sizeof code, &f[0]);
			for (size_t i = 0; i < ntouched && !p; i++)
				if (!strcmp(touched[i].code, code))
					p = &touched[i];
			if (!p) {
				touched = ec_realloc(touched, (ntouched + 1) * sizeof *touched);
				ec_project_init(&touched[ntouched]);
				if (ec_store_project_get(s, code, &touched[ntouched]) != EC_OK) {
					BAD("project", "'%s' is not in the project library", code);
					continue;
				}
				p = &touched[ntouched++];
			}
			bad |= period(c, d, "period", &f[1], &per);
			bad |= number(c, d, "completed", &f[2], &amount);
			if (!bad && ec_project_record_completed(p, per, amount, why, sizeof why) != EC_OK)
				BAD("completed", "%s", why);
		}
	}
	for (size_t i = 0; i < ntouched && d->total == before; i++)
		if (ec_store_project_put(s, &touched[i]) != EC_OK)
			goto io;
	if (d->total != before) {
		ec_store_rollback(s);
		rc = EC_EDATA;
	} else if (ec_store_commit(s) != EC_OK) {
		ec_diag_add(d, "%s: database: %s", name, ec_store_errmsg(s));
		ec_store_rollback(s);
		rc = EC_EIO;
	}
	goto out;
io:
	ec_diag_add(d, "%s:%ld: database: %s", name, c->line, ec_store_errmsg(s));
	ec_store_rollback(s);
	rc = EC_EIO;
out:
	for (size_t i = 0; i < ntouched; i++)
		ec_project_release(&touched[i]);
	free(touched);
	free(seen);
	ec_csv_release(c);
	return rc;
}

struct exporter {
	struct ec_buf b;
	int progress;
};

static void field(struct ec_buf *b, const char *s, int last)
{
	ec_csv_write_field(b, s, strlen(s));
	ec_buf_addc(b, last ? '\n' : ',');
}

static void num(struct ec_buf *b, double v, int last)
{
	char s[32];
	ec_number_format(v, s);
	field(b, s, last);
}

static int put_project(void *ctx, const struct ec_project *p)
{
	struct exporter *x = ctx;
	char per[8];

	if (x->progress) {
		for (size_t i = 0; i < p->ncompleted; i++) {
			field(&x->b, p->code, 0);
			ec_period_format(p->completed[i].period, per);
			field(&x->b, per, 0);
			num(&x->b, p->completed[i].amount, 1);
		}
		return 0;
	}
	field(&x->b, p->code, 0);
	field(&x->b, p->name, 0);
	field(&x->b, p->owner, 0);
	field(&x->b, p->category, 0);
	field(&x->b, p->cluster, 0);
	field(&x->b, p->region, 0);
	field(&x->b, ec_project_kind_name(p->kind), 0);
	num(&x->b, p->total_investment, 0);
	ec_period_format(p->start, per);
	field(&x->b, per, 0);
	ec_period_format(p->end, per);
	field(&x->b, per, 0);
	field(&x->b, ec_stage_name(p->stage), 0);
	for (int k = 0; k < EC_NSOURCES; k++)
		num(&x->b, p->funding[k], 0);
	num(&x->b, p->land_mu, 0);
	num(&x->b, p->energy_tce, 1);
	return 0;
}

static int put_fund(void *ctx, const struct ec_fund *f)
{
	struct exporter *x = ctx;
	char stages[128];

	ec_stage_set_format(f->stages, stages, sizeof stages);
	field(&x->b, f->code, 0);
	field(&x->b, f->name, 0);
	field(&x->b, ec_fund_type_name(f->type), 0);
	num(&x->b, f->capital, 0);
	field(&x->b, f->categories, 0);
	field(&x->b, f->regions, 0);
	field(&x->b, stages, 0);
	num(&x->b, f->min_ticket, 0);
	num(&x->b, f->max_ticket, 0);
	num(&x->b, f->max_share, 0);
	field(&x->b, ec_coinvest_name(f->coinvest), 1);
	return 0;
}

static void header(struct ec_buf *b, const char *const *cols, size_t n)
{
	for (size_t i = 0; i < n; i++)
		field(b, cols[i], i + 1 == n);
}

int ec_project_export(struct ec_store *s, const char *what, FILE *out, char **err)
{
	struct exporter x;
	int rc;

	*err = NULL;
	ec_buf_init(&x.b, 0);
	x.progress = 0;
	if (!strcmp(what, "projects")) {
		header(&x.b, project_cols, 19);
		rc = ec_store_project_each(s, put_project, &x);
	} else if (!strcmp(what, "progress")) {
		header(&x.b, progress_cols, 3);
		x.progress = 1;
		rc = ec_store_project_each(s, put_project, &x);
	} else if (!strcmp(what, "funds")) {
		header(&x.b, fund_cols, 11);
		rc = ec_store_fund_each(s, put_fund, &x);
	} else {
		*err = ec_asprintf("'%s': expected projects, progress or funds", what);
		ec_buf_release(&x.b);
		return EC_EUSAGE;
	}
	if (rc != EC_OK)
		*err = ec_strdup(ec_store_errmsg(s));
	else if (fwrite(x.b.data, 1, x.b.len, out) != x.b.len || fflush(out) != 0)
		*err = ec_strdup("writing the output failed");
	ec_buf_release(&x.b);
	return *err ? EC_EIO : EC_OK;
}
