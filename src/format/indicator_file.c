/*
** The evaluation's files: an indicator system (indicator, group,
** direction, weight) read with every row checked and written back, and the
** pairwise comparison matrix of AHP.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/evaluate.h"

static const char *const indicator_cols[] = { "indicator", "group", "direction", "weight" };

/* At most this many bytes of a field are quoted back in a message. */
#define QUOTE_MAX 40
#define QUOTED(f) (int)((f)->n > QUOTE_MAX ? QUOTE_MAX : (f)->n), (f)->p

static int valid_name(const struct ec_csv_field *f)
{
	if (f->n == 0 || f->n >= EC_INDICATOR_NAME_MAX || f->p[0] < 'a' || f->p[0] > 'z')
		return 0;
	for (size_t i = 0; i < f->n; i++) {
		char ch = f->p[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
			return 0;
	}
	return 1;
}

/* " (did you mean innovation?)" for a near miss, else "". */
static const char *group_hint(const struct ec_csv_field *f, char *buf, size_t size)
{
	char word[65];
	size_t n = f->n < 64 ? f->n : 64;

	buf[0] = '\0';
	memcpy(word, f->p, n);
	word[n] = '\0';
	for (int g = 0; g < EC_NGROUPS; g++)
		if (ec_edit_distance(word, ec_evaluate_group_name((enum ec_indicator_group)g)) <= 2) {
			snprintf(buf, size, " (did you mean %s?)", ec_evaluate_group_name((enum ec_indicator_group)g));
			break;
		}
	return buf;
}

int ec_evaluate_indicators_parse(const char *name, const char *data, size_t len, struct ec_indicator_system *sys,
				 struct ec_diag *d)
{
	struct ec_csv c;
	struct ec_indicator *list = NULL;
	long *lines = NULL;
	size_t n = 0, before = d->total;
	long first_given = 0, first_empty = 0;
	double total_weight = 0;

	ec_csv_init_mem(&c, name, data, len);
	c.column_names = indicator_cols;
	c.ncolumn_names = 4;
	if (ec_csv_check_header(&c, indicator_cols, 4, d))
		goto out;
	list = ec_calloc(EC_INDICATORS_MAX, sizeof *list);
	lines = ec_calloc(EC_INDICATORS_MAX, sizeof *lines);
	while (ec_csv_next_row(&c, 4, "indicator,group,direction,weight", NULL, d)) {
		const struct ec_csv_field *f = c.fields;
		struct ec_indicator ind;
		const char *why;
		char hint[64];
		int bad = 0;

		if (n == EC_INDICATORS_MAX) {
			ec_diag_at(d, name, c.line, NULL, "more than %d indicators", EC_INDICATORS_MAX);
			break;
		}
		memset(&ind, 0, sizeof ind);
		if (f[0].n == 0) {
			ec_diag_at(d, name, c.line, "indicator", "empty, expected a name");
			bad = 1;
		} else if (!valid_name(&f[0])) {
			ec_diag_at(d, name, c.line, "indicator",
				   "'%.*s' is not a name (a lowercase letter, then lowercase letters, digits and _, "
				   "at most %d bytes)",
				   QUOTED(&f[0]), EC_INDICATOR_NAME_MAX - 1);
			bad = 1;
		} else {
			memcpy(ind.name, f[0].p, f[0].n);
			for (size_t k = 0; k < n; k++)
				if (strcmp(list[k].name, ind.name) == 0) {
					ec_diag_at(d, name, c.line, "indicator", "'%s' appears twice (first on line %ld)",
						   ind.name, lines[k]);
					bad = 1;
					break;
				}
		}
		if (ec_evaluate_group_parse(f[1].p, f[1].n, &ind.group)) {
			ec_diag_at(d, name, c.line, "group",
				   "'%.*s' is not a group%s; expected innovation, integration, scenarios, service, "
				   "scale or growth",
				   QUOTED(&f[1]), group_hint(&f[1], hint, sizeof hint));
			bad = 1;
		}
		if (ec_csv_field_is(&f[2], "benefit")) {
			ind.direction = EC_BENEFIT;
		} else if (ec_csv_field_is(&f[2], "cost")) {
			ind.direction = EC_COST;
		} else {
			ec_diag_at(d, name, c.line, "direction", "'%.*s', expected benefit or cost", QUOTED(&f[2]));
			bad = 1;
		}
		if (f[3].n == 0) {
			ind.weight = NAN;
			if (!first_empty)
				first_empty = c.line;
		} else if (ec_number_parse(f[3].p, f[3].n, &ind.weight, &why)) {
			ec_diag_at(d, name, c.line, "weight", "'%.*s': %s", QUOTED(&f[3]), why);
			bad = 1;
		} else if (ind.weight < 0) {
			ec_diag_at(d, name, c.line, "weight",
				   "%.*s is negative; expected a number >= 0, or empty when a weighting method "
				   "computes it",
				   QUOTED(&f[3]));
			bad = 1;
		} else {
			total_weight += ind.weight;
			if (!first_given)
				first_given = c.line;
		}
		if (bad)
			continue;
		lines[n] = c.line;
		list[n++] = ind;
	}
	if (d->total > before)
		goto out;
	if (n == 0) {
		ec_diag_at(d, name, 0, NULL, "no indicators after the header");
		goto out;
	}
	if (first_given && first_empty) {
		if (first_empty > first_given)
			ec_diag_at(d, name, first_empty, "weight",
				   "empty, but line %ld gives a weight; give every indicator a weight or none",
				   first_given);
		else
			ec_diag_at(d, name, first_given, "weight",
				   "a weight, but line %ld leaves it empty; give every indicator a weight or none",
				   first_empty);
		goto out;
	}
	if (first_given && !(total_weight > 0)) {
		ec_diag_at(d, name, 0, "weight", "the weights add up to 0; give at least one a positive weight");
		goto out;
	}
	sys->indicators = ec_realloc(list, n * sizeof *list);
	sys->n = n;
	sys->has_weights = first_given != 0;
	list = NULL;
out:
	free(list);
	free(lines);
	ec_csv_release(&c);
	return d->total > before ? EC_EDATA : EC_OK;
}

int ec_evaluate_indicators_format(const struct ec_indicator *indicators, size_t n, struct ec_buf *b)
{
	int rc = ec_buf_adds(b, "indicator,group,direction,weight\n");

	for (size_t i = 0; i < n && rc == EC_OK; i++) {
		char weight[32] = "";
		if (!isnan(indicators[i].weight))
			ec_number_format(indicators[i].weight, weight);
		rc = ec_buf_printf(b, "%s,%s,%s,%s\n", indicators[i].name, ec_evaluate_group_name(indicators[i].group),
				   ec_evaluate_direction_name(indicators[i].direction), weight);
	}
	return rc;
}

/* ---- checks shared by the methods ---- */

/* Every value finite. Returns 0, or EC_EDATA with *err naming the cell. */
/* The AHP matrix: header "indicator,NAME,...", then one row per indicator
** with its comparisons (numbers or fractions like 1/3). */
int ec_evaluate_ahp_parse(const char *name, const char *data, size_t len, const struct ec_indicator *ind, size_t m,
			  double *matrix, struct ec_diag *d)
{
	size_t before = d->total, row = 0;
	struct ec_csv c;
	int got;

	ec_csv_init_mem(&c, name, data, len);
	if (ec_csv_next(&c) != 1 || c.nfields != m + 1) {
		ec_diag_at(d, name, 1, NULL, "expected a header of %zu columns: indicator and the %zu indicators", m + 1, m);
		goto out;
	}
	for (size_t j = 0; j < m; j++)
		if (!ec_csv_field_is(&c.fields[j + 1], ind[j].name)) {
			ec_diag_at(d, name, 1, NULL, "column %zu is '%.*s', expected '%s' (the indicators in order)", j + 2,
				   (int)(c.fields[j + 1].n > 64 ? 64 : c.fields[j + 1].n), c.fields[j + 1].p, ind[j].name);
			goto out;
		}
	while ((got = ec_csv_next(&c)) == 1 && row < m) {
		if (c.nfields != m + 1 || !ec_csv_field_is(&c.fields[0], ind[row].name)) {
			ec_diag_at(d, name, c.line, NULL, "expected the row of '%s' with %zu comparisons", ind[row].name, m);
			goto out;
		}
		for (size_t j = 0; j < m; j++) {
			char buf[32], *slash;
			double num, den = 1;
			const char *why;
			snprintf(buf, sizeof buf, "%.*s", (int)(c.fields[j + 1].n > 30 ? 30 : c.fields[j + 1].n), c.fields[j + 1].p);
			slash = strchr(buf, '/');
			if (slash)
				*slash = '\0';
			if (ec_number_parse(buf, strlen(buf), &num, &why) ||
			    (slash && ec_number_parse(slash + 1, strlen(slash + 1), &den, &why)) || den == 0) {
				ec_diag_at(d, name, c.line, ind[j].name, "not a number or a fraction like 1/3");
				goto out;
			}
			matrix[row * m + j] = num / den;
		}
		row++;
	}
	if (got < 0)
		ec_csv_diag(&c, d);
	else if (row != m)
		ec_diag_at(d, name, 0, NULL, "expected %zu rows of comparisons, found %zu", m, row);
out:
	ec_csv_release(&c);
	return d->total == before ? EC_OK : EC_EDATA;
}
