/*
** Reading the SME digital-level questionnaire (one CSV file per edition,
** shipped in data/digital_EDITION.csv and compiled in, or an official file
** of the same layout) and the answers file an analyst imports. Every row is
** checked; a rejected questionnaire leaves nothing behind.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/digital.h"
#include "echelon/uscc.h"

extern const unsigned char ec_data_digital_2022[], ec_data_digital_2024[], ec_data_digital_actions[];
extern const size_t ec_data_digital_2022_len, ec_data_digital_2024_len, ec_data_digital_actions_len;

static const char *const questionnaire_cols[] = { "kind", "code", "parent", "sectors", "score", "mode",
						  "name_zh", "name_en", "source" };
const char *const ec_digital_answer_columns[] = { "uscc", "year", "edition", "sector", "item", "answer" };
#define answer_cols ec_digital_answer_columns
static const char *const action_cols[] = { "dimension", "kind", "text_zh", "text_en" };
static const char *const action_kinds[] = { "action", "scenario", "service" };

enum { K_EDITION, K_SECTOR, K_LEVEL, K_DIMENSION, K_ITEM, K_OPTION };
static const char *const kind_names[] = { "edition", "sector", "level", "dimension", "item", "option" };

#define PROBLEM(col, code, ...) (ec_diag_problem(d, (code), c->name, c->line, (col), __VA_ARGS__), bad = 1)
#define VALUE(col, code, f) (ec_diag_value(d, (code), c->name, c->line, (col), (f)->p, (f)->n), bad = 1)

/* A code: 1 to 15 of A-Z a-z 0-9 . _ -. */
static int good_code(const struct ec_csv_field *f)
{
	if (f->n == 0 || f->n >= EC_DIGITAL_CODE)
		return 0;
	for (size_t i = 0; i < f->n; i++) {
		char ch = f->p[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
		      ch == '_' || ch == '-'))
			return 0;
	}
	return 1;
}

/* A number >= 0 (and <= max) from f into *out; problems at col. */
static int number_field(struct ec_csv *c, struct ec_diag *d, const struct ec_csv_field *f, const char *col,
			double max, double *out)
{
	const char *why;
	char shown[64], hi[32];
	int bad = 0;

	if (ec_number_parse(f->p, f->n, out, &why) != EC_OK) {
		if (f->n == 0)
			PROBLEM(col, "number.empty", NULL);
		else
			VALUE(col, why, f);
	} else if (*out < 0 || *out > max) {
		ec_number_format(max, hi);
		PROBLEM(col, "number.range", "value", ec_value_shown(f->p, f->n, shown, sizeof shown), "min", "0", "max",
			hi, NULL);
	}
	return bad;
}

static int text_field(struct ec_csv *c, struct ec_diag *d, const struct ec_csv_field *f, const char *col)
{
	int bad = 0;

	if (f->n == 0)
		PROBLEM(col, "field.empty", NULL);
	else if (f->n > 400)
		PROBLEM(col, "field.too_long", "max", "400", NULL);
	return bad;
}

static char *dup_field(const struct ec_csv_field *f)
{
	return ec_strndup(f->p, f->n);
}

static void *grow(void *p, size_t n, size_t size)
{
	/* one more element; arrays grow by doubling at powers of two */
	if ((n & (n - 1)) == 0)
		p = ec_realloc(p, (n ? 2 * n : 1) * size);
	return p;
}

static int parse_rows(struct ec_digital_questionnaire *q, struct ec_csv *c, struct ec_diag *d)
{
	int have_edition = 0;

	while (ec_csv_next_row(c, 9, NULL, NULL, d)) {
		const struct ec_csv_field *f = c->fields;
		int kind = -1, bad = 0;
		double score = NAN;
		char code[EC_DIGITAL_CODE] = "", shown[64], names[96];

		for (int k = 0; k <= K_OPTION; k++)
			if (ec_csv_field_is(&f[0], kind_names[k]))
				kind = k;
		if (kind < 0) {
			PROBLEM("kind", "field.enum", "value", ec_value_shown(f[0].p, f[0].n, shown, sizeof shown),
				"expected", ec_names_join(kind_names, 6, names, sizeof names), NULL);
			continue;
		}
		if (kind != K_EDITION && !have_edition) {
			PROBLEM("kind", "digital.edition_first", NULL);
			continue;
		}
		if (!good_code(&f[1]))
			VALUE("code", "digital.code", &f[1]);
		else
			ec_csv_copy(code, sizeof code, &f[1]);
		bad |= text_field(c, d, &f[6], "name_zh") | text_field(c, d, &f[7], "name_en") |
		       text_field(c, d, &f[8], "source");
		if (kind == K_EDITION) {
			if (have_edition) {
				PROBLEM("kind", "digital.edition_twice", NULL);
			} else if (ec_csv_field_is(&f[5], "points") || ec_csv_field_is(&f[5], "percent")) {
				q->scoring = ec_csv_field_is(&f[5], "points") ? EC_DIGITAL_POINTS : EC_DIGITAL_PERCENT;
			} else {
				PROBLEM("mode", "field.enum", "value", ec_value_shown(f[5].p, f[5].n, shown, sizeof shown),
					"expected", "points or percent", NULL);
			}
			have_edition = 1;
			if (bad)
				continue;
			snprintf(q->edition, sizeof q->edition, "%s", code);
			q->title_zh = dup_field(&f[6]);
			q->title_en = dup_field(&f[7]);
		} else if (kind == K_SECTOR) {
			if (code[0] && ec_digital_sector_find(q, code) >= 0)
				VALUE("code", "import.repeat", &f[1]);
			if (f[1].n > 3)
				VALUE("code", "digital.code", &f[1]);
			if (bad)
				continue;
			q->sectors = grow(q->sectors, q->nsectors, sizeof *q->sectors);
			snprintf(q->sectors[q->nsectors].code, sizeof q->sectors[0].code, "%.3s", code);
			q->sectors[q->nsectors].name_zh = dup_field(&f[6]);
			q->sectors[q->nsectors].name_en = dup_field(&f[7]);
			q->nsectors++;
		} else if (kind == K_LEVEL) {
			int level = (int)(f[1].n == 1 ? f[1].p[0] - '0' : 0);
			if (level != (int)q->nlevels + 1 || q->nlevels >= EC_DIGITAL_MAX_LEVELS) {
				char expected[8];
				snprintf(expected, sizeof expected, "%zu", q->nlevels + 1);
				PROBLEM("code", "digital.level_order", "value",
					ec_value_shown(f[1].p, f[1].n, shown, sizeof shown), "expected", expected, NULL);
			}
			if (!number_field(c, d, &f[4], "score", 100, &score) && q->nlevels &&
			    score <= q->levels[q->nlevels - 1].from)
				PROBLEM("score", "digital.level_from", "value",
					ec_value_shown(f[4].p, f[4].n, shown, sizeof shown), NULL);
			if (bad)
				continue;
			q->levels[q->nlevels].level = level;
			q->levels[q->nlevels].from = score;
			q->levels[q->nlevels].name_zh = dup_field(&f[6]);
			q->levels[q->nlevels].name_en = dup_field(&f[7]);
			q->nlevels++;
		} else if (kind == K_DIMENSION) {
			if (code[0] && ec_digital_dimension_find(q, code) >= 0)
				VALUE("code", "import.repeat", &f[1]);
			if (f[4].n)
				bad |= number_field(c, d, &f[4], "score", 100, &score);
			if (bad)
				continue;
			q->dimensions = grow(q->dimensions, q->ndimensions, sizeof *q->dimensions);
			struct ec_digital_dimension *dm = &q->dimensions[q->ndimensions++];
			memset(dm, 0, sizeof *dm);
			snprintf(dm->code, sizeof dm->code, "%s", code);
			dm->weight = score;
			dm->name_zh = dup_field(&f[6]);
			dm->name_en = dup_field(&f[7]);
			dm->placeholder = ec_csv_field_is(&f[8], "placeholder");
		} else if (kind == K_ITEM) {
			char parent[EC_DIGITAL_CODE];
			int dim = -1;
			enum ec_digital_select select = EC_DIGITAL_ONE;

			if (code[0] && ec_digital_item_find(q, code) >= 0)
				VALUE("code", "import.repeat", &f[1]);
			ec_csv_copy(parent, sizeof parent, &f[2]);
			if (f[2].n >= sizeof parent || (dim = ec_digital_dimension_find(q, parent)) < 0)
				VALUE("parent", "digital.parent", &f[2]);
			if (f[3].n == 0 || f[3].n >= sizeof q->items[0].sectors)
				VALUE("sectors", "digital.sectors", &f[3]);
			for (size_t i = 0; f[3].n < sizeof q->items[0].sectors && i < f[3].n;) {
				size_t n = 0;
				char sector[4];
				while (i + n < f[3].n && f[3].p[i + n] != ';')
					n++;
				snprintf(sector, sizeof sector, "%.*s", (int)(n > 3 ? 3 : n), f[3].p + i);
				if (n == 0 || n > 3 || ec_digital_sector_find(q, sector) < 0) {
					VALUE("sectors", "digital.sectors", &f[3]);
					break;
				}
				i += n + 1;
			}
			bad |= number_field(c, d, &f[4], "score", 100, &score);
			if (ec_csv_field_is(&f[5], "many"))
				select = EC_DIGITAL_MANY;
			else if (!ec_csv_field_is(&f[5], "one"))
				PROBLEM("mode", "field.enum", "value", ec_value_shown(f[5].p, f[5].n, shown, sizeof shown),
					"expected", "one or many", NULL);
			if (bad)
				continue;
			q->items = grow(q->items, q->nitems, sizeof *q->items);
			struct ec_digital_item *it = &q->items[q->nitems++];
			memset(it, 0, sizeof *it);
			snprintf(it->code, sizeof it->code, "%s", code);
			it->dimension = (size_t)dim;
			ec_csv_copy(it->sectors, sizeof it->sectors, &f[3]);
			it->max = score;
			it->select = select;
			it->first_option = q->noptions;
			it->name_zh = dup_field(&f[6]);
			it->name_en = dup_field(&f[7]);
			it->placeholder = ec_csv_field_is(&f[8], "placeholder");
		} else {
			struct ec_digital_item *it = q->nitems ? &q->items[q->nitems - 1] : NULL;

			if (!it || !ec_csv_field_is(&f[2], it->code))
				VALUE("parent", "digital.option_order", &f[2]);
			else if (code[0] && f[1].n < 8) {
				for (size_t k = it->first_option; k < it->first_option + it->noptions; k++)
					if (!strcmp(q->options[k].code, code))
						VALUE("code", "import.repeat", &f[1]);
			}
			if (f[1].n >= 8)
				VALUE("code", "digital.code", &f[1]);
			bad |= number_field(c, d, &f[4], "score", q->scoring == EC_DIGITAL_PERCENT ? 100 : 1000, &score);
			if (bad)
				continue;
			q->options = grow(q->options, q->noptions, sizeof *q->options);
			struct ec_digital_option *o = &q->options[q->noptions++];
			memset(o, 0, sizeof *o);
			snprintf(o->code, sizeof o->code, "%.7s", code);
			o->item = q->nitems - 1;
			o->score = score;
			o->name_zh = dup_field(&f[6]);
			o->name_en = dup_field(&f[7]);
			o->placeholder = ec_csv_field_is(&f[8], "placeholder");
			it->noptions++;
		}
		if (ec_csv_field_is(&f[8], "placeholder"))
			q->placeholders++;
	}
	return EC_OK;
}

/* The checks of the whole: every item scored as its options say, every
** sector table worth 100 points, the dimensions' stated weights. */
static void check_whole(const struct ec_digital_questionnaire *q, const char *name, struct ec_diag *d)
{
	char a[32], b[32];

	if (!q->edition[0])
		ec_diag_problem(d, "digital.edition_first", name, 0, "kind", NULL);
	if (!q->nsectors || !q->nlevels || !q->nitems)
		ec_diag_problem(d, "digital.incomplete", name, 0, NULL, NULL);
	for (size_t i = 0; i < q->nitems; i++) {
		const struct ec_digital_item *it = &q->items[i];
		double top = 0, sum = 0, full = q->scoring == EC_DIGITAL_PERCENT ? 100 : it->max;

		if (it->noptions == 0) {
			ec_diag_problem(d, "digital.item_options", name, 0, "item", "item", it->code, NULL);
			continue;
		}
		for (size_t k = it->first_option; k < it->first_option + it->noptions; k++) {
			sum += q->options[k].score;
			top = q->options[k].score > top ? q->options[k].score : top;
		}
		if (it->select == EC_DIGITAL_ONE ? fabs(top - full) > 1e-9 : sum + 1e-9 < full) {
			ec_number_format(it->select == EC_DIGITAL_ONE ? top : sum, a);
			ec_number_format(full, b);
			ec_diag_problem(d, "digital.item_max", name, 0, "score", "item", it->code, "found", a, "expected", b,
					NULL);
		}
	}
	for (size_t s = 0; s < q->nsectors; s++) {
		double total = 0;

		for (size_t i = 0; i < q->nitems; i++)
			if (ec_digital_item_in(q, i, q->sectors[s].code))
				total += q->items[i].max;
		if (fabs(total - 100) > 1e-6) {
			ec_number_format(total, a);
			ec_diag_problem(d, "digital.sector_total", name, 0, "score", "sector", q->sectors[s].code, "found", a,
					NULL);
		}
		for (size_t m = 0; m < q->ndimensions; m++) {
			double sum = 0;
			if (isnan(q->dimensions[m].weight))
				continue;
			for (size_t i = 0; i < q->nitems; i++)
				if (q->items[i].dimension == m && ec_digital_item_in(q, i, q->sectors[s].code))
					sum += q->items[i].max;
			if (fabs(sum - q->dimensions[m].weight) > 1e-6) {
				ec_number_format(sum, a);
				ec_number_format(q->dimensions[m].weight, b);
				ec_diag_problem(d, "digital.dimension_weight", name, 0, "score", "dimension",
						q->dimensions[m].code, "sector", q->sectors[s].code, "found", a, "expected",
						b, NULL);
			}
		}
	}
}

int ec_digital_parse(struct ec_digital_questionnaire *q, const char *name, const char *data, size_t len,
		     struct ec_diag *d)
{
	struct ec_csv c;
	size_t before = d->total;
	int rc;

	ec_digital_init(q);
	ec_csv_init_mem(&c, name, data, len);
	if ((rc = ec_csv_check_header(&c, questionnaire_cols, 9, d)) == EC_OK)
		rc = parse_rows(q, &c, d);
	ec_csv_release(&c);
	if (rc == EC_OK && d->total == before)
		check_whole(q, name, d);
	if (rc != EC_OK || d->total != before) {
		ec_digital_release(q);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_digital_load_builtin(struct ec_digital_questionnaire *q, const char *edition, struct ec_diag *d)
{
	char names[64];

	ec_digital_init(q);
	if (edition && !strcmp(edition, "2022"))
		return ec_digital_parse(q, "data/digital_2022.csv", (const char *)ec_data_digital_2022,
					ec_data_digital_2022_len, d);
	if (edition && !strcmp(edition, "2024"))
		return ec_digital_parse(q, "data/digital_2024.csv", (const char *)ec_data_digital_2024,
					ec_data_digital_2024_len, d);
	ec_diag_problem(d, "digital.edition", NULL, 0, "edition", "value", edition ? edition : "", "expected",
			ec_names_join(ec_digital_editions, 2, names, sizeof names), NULL);
	return EC_ENOTFOUND;
}

int ec_digital_answers_parse(const char *name, const char *data, size_t len, char delim, ec_digital_row_fn fn,
			     void *ctx, struct ec_diag *d)
{
	struct ec_csv file, *c = &file;
	struct ec_buf norm;
	size_t before = d->total;
	int rc = EC_OK;

	ec_csv_init_mem(c, name, data, len);
	if (delim)
		c->delim = delim;
	ec_buf_init(&norm, 0);
	if (ec_csv_check_header(c, answer_cols, 6, d) != EC_OK) {
		rc = EC_EDATA;
		goto out;
	}
	while (rc == EC_OK && ec_csv_next_row(c, 6, NULL, NULL, d)) {
		struct ec_digital_answer_row row;
		struct ec_uscc_result u;
		const struct ec_csv_field *f;
		double year;
		const char *why;
		int bad = 0;

		if (c->high)
			ec_csv_normalize(c, &norm, -1, 0);
		f = c->fields;
		memset(&row, 0, sizeof row);
		row.line = c->line;
		if (ec_uscc_check(f[0].p, f[0].n, &u) != EC_OK)
			VALUE("uscc", "uscc.invalid", &f[0]);
		else
			ec_csv_copy(row.uscc, sizeof row.uscc, &f[0]);
		if (ec_number_parse(f[1].p, f[1].n, &year, &why) != EC_OK || year != floor(year) || year < 2000 ||
		    year > 2100)
			VALUE("year", "year.invalid", &f[1]);
		else
			row.year = (int)year;
		if (!good_code(&f[2]))
			VALUE("edition", "digital.code", &f[2]);
		else
			ec_csv_copy(row.edition, sizeof row.edition, &f[2]);
		if (f[3].n == 0 || f[3].n > 3)
			VALUE("sector", "digital.code", &f[3]);
		else
			ec_csv_copy(row.sector, sizeof row.sector, &f[3]);
		if (!good_code(&f[4]))
			VALUE("item", "digital.code", &f[4]);
		else
			ec_csv_copy(row.answer.item, sizeof row.answer.item, &f[4]);
		if (f[5].n == 0)
			PROBLEM("answer", "field.empty", NULL);
		else if (f[5].n >= EC_DIGITAL_ANSWER)
			PROBLEM("answer", "field.too_long", "max", "63", NULL);
		else
			ec_csv_copy(row.answer.answer, sizeof row.answer.answer, &f[5]);
		if (!bad)
			rc = fn(ctx, &row, d);
	}
out:
	ec_buf_release(&norm);
	ec_csv_release(c);
	if (rc == EC_OK && d->total != before)
		rc = EC_EDATA;
	return rc;
}

/* ---- recommended actions ---- */

void ec_digital_actions_release(struct ec_digital_actions *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->items[i].text_zh);
		free(a->items[i].text_en);
	}
	free(a->items);
	a->items = NULL;
	a->n = 0;
}

int ec_digital_actions_parse(struct ec_digital_actions *a, const char *name, const char *data, size_t len,
			     struct ec_diag *d)
{
	struct ec_csv file, *c = &file;
	size_t before = d->total;
	int rc = EC_OK;

	a->items = NULL;
	a->n = 0;
	ec_csv_init_mem(c, name, data, len);
	if (ec_csv_check_header(c, action_cols, 4, d) != EC_OK)
		rc = EC_EDATA;
	while (rc == EC_OK && ec_csv_next_row(c, 4, NULL, NULL, d)) {
		const struct ec_csv_field *f = c->fields;
		char shown[64], names[64];
		int bad = 0, kind = -1;

		if (!good_code(&f[0]))
			VALUE("dimension", "digital.code", &f[0]);
		for (int k = 0; k < 3; k++)
			if (ec_csv_field_is(&f[1], action_kinds[k]))
				kind = k;
		if (kind < 0)
			PROBLEM("kind", "field.enum", "value", ec_value_shown(f[1].p, f[1].n, shown, sizeof shown),
				"expected", ec_names_join(action_kinds, 3, names, sizeof names), NULL);
		bad |= text_field(c, d, &f[2], "text_zh") | text_field(c, d, &f[3], "text_en");
		if (bad)
			continue;
		a->items = grow(a->items, a->n, sizeof *a->items);
		ec_csv_copy(a->items[a->n].dimension, sizeof a->items[0].dimension, &f[0]);
		snprintf(a->items[a->n].kind, sizeof a->items[0].kind, "%s", action_kinds[kind]);
		a->items[a->n].text_zh = dup_field(&f[2]);
		a->items[a->n].text_en = dup_field(&f[3]);
		a->n++;
	}
	ec_csv_release(c);
	if (rc != EC_OK || d->total != before) {
		ec_digital_actions_release(a);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_digital_actions_builtin(struct ec_digital_actions *a, struct ec_diag *d)
{
	return ec_digital_actions_parse(a, "data/digital_actions.csv", (const char *)ec_data_digital_actions,
					ec_data_digital_actions_len, d);
}
