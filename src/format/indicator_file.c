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

/* The group a near miss was meant to be, or NULL. */
static const char *group_near(const struct ec_csv_field *f)
{
	char word[65];
	size_t n = f->n < 64 ? f->n : 64;

	memcpy(word, f->p, n);
	word[n] = '\0';
	for (int g = 0; g < EC_NGROUPS; g++)
		if (ec_edit_distance(word, ec_evaluate_group_name((enum ec_indicator_group)g)) <= 2)
			return ec_evaluate_group_name((enum ec_indicator_group)g);
	return NULL;
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
		const char *why, *near;
		char shown[64], at[24];
		int bad = 0;

		if (n == EC_INDICATORS_MAX) {
			ec_diag_problem(d, "indicator.too_many", name, c.line, NULL, "max", EC_STR(EC_INDICATORS_MAX), NULL);
			break;
		}
		memset(&ind, 0, sizeof ind);
		if (f[0].n == 0) {
			ec_diag_problem(d, "field.empty", name, c.line, "indicator", NULL);
			bad = 1;
		} else if (!valid_name(&f[0])) {
			snprintf(at, sizeof at, "%d", EC_INDICATOR_NAME_MAX - 1);
			ec_diag_problem(d, "indicator.name", name, c.line, "indicator", "value",
					ec_value_shown(f[0].p, f[0].n, shown, sizeof shown), "max", at, NULL);
			bad = 1;
		} else {
			memcpy(ind.name, f[0].p, f[0].n);
			for (size_t k = 0; k < n; k++)
				if (strcmp(list[k].name, ind.name) == 0) {
					snprintf(at, sizeof at, "%ld", lines[k]);
					ec_diag_problem(d, "row.repeat", name, c.line, "indicator", "value", ind.name, "line",
							at, NULL);
					bad = 1;
					break;
				}
		}
		if (ec_evaluate_group_parse(f[1].p, f[1].n, &ind.group)) {
			ec_value_shown(f[1].p, f[1].n, shown, sizeof shown);
			if ((near = group_near(&f[1])) != NULL)
				ec_diag_problem(d, "indicator.group_near", name, c.line, "group", "value", shown, "suggestion",
						near, NULL);
			else
				ec_diag_problem(d, "indicator.group", name, c.line, "group", "value", shown, NULL);
			bad = 1;
		}
		if (ec_csv_field_is(&f[2], "benefit")) {
			ind.direction = EC_BENEFIT;
		} else if (ec_csv_field_is(&f[2], "cost")) {
			ind.direction = EC_COST;
		} else {
			ec_diag_value(d, "indicator.direction", name, c.line, "direction", f[2].p, f[2].n);
			bad = 1;
		}
		if (f[3].n == 0) {
			ind.weight = NAN;
			if (!first_empty)
				first_empty = c.line;
		} else if (ec_number_parse(f[3].p, f[3].n, &ind.weight, &why)) {
			ec_diag_value(d, why, name, c.line, "weight", f[3].p, f[3].n);
			bad = 1;
		} else if (ind.weight < 0) {
			ec_diag_value(d, "indicator.weight_negative", name, c.line, "weight", f[3].p, f[3].n);
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
		ec_diag_problem(d, "indicator.none", name, 0, NULL, NULL);
		goto out;
	}
	if (first_given && first_empty) {
		char at[24];
		if (first_empty > first_given) {
			snprintf(at, sizeof at, "%ld", first_given);
			ec_diag_problem(d, "indicator.weight_missing", name, first_empty, "weight", "line", at, NULL);
		} else {
			snprintf(at, sizeof at, "%ld", first_empty);
			ec_diag_problem(d, "indicator.weight_extra", name, first_given, "weight", "line", at, NULL);
		}
		goto out;
	}
	if (first_given && !(total_weight > 0)) {
		ec_diag_problem(d, "indicator.weight_zero", name, 0, "weight", NULL);
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
	char count[24], other[24], shown[64];
	int got;

	snprintf(count, sizeof count, "%zu", m);
	ec_csv_init_mem(&c, name, data, len);
	if (ec_csv_next(&c) != 1 || c.nfields != m + 1) {
		snprintf(other, sizeof other, "%zu", m + 1);
		ec_diag_problem(d, "ahp.header", name, 1, NULL, "columns", other, "count", count, NULL);
		goto out;
	}
	for (size_t j = 0; j < m; j++)
		if (!ec_csv_field_is(&c.fields[j + 1], ind[j].name)) {
			snprintf(other, sizeof other, "%zu", j + 2);
			ec_diag_problem(d, "ahp.column", name, 1, NULL, "position", other, "value",
					ec_value_shown(c.fields[j + 1].p, c.fields[j + 1].n, shown, sizeof shown), "expected",
					ind[j].name, NULL);
			goto out;
		}
	while ((got = ec_csv_next(&c)) == 1 && row < m) {
		if (c.nfields != m + 1 || !ec_csv_field_is(&c.fields[0], ind[row].name)) {
			ec_diag_problem(d, "ahp.row", name, c.line, NULL, "indicator", ind[row].name, "count", count, NULL);
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
				ec_diag_value(d, "ahp.value", name, c.line, ind[j].name, c.fields[j + 1].p, c.fields[j + 1].n);
				goto out;
			}
			matrix[row * m + j] = num / den;
		}
		row++;
	}
	if (got < 0)
		ec_csv_diag(&c, d);
	else if (row != m) {
		snprintf(other, sizeof other, "%zu", row);
		ec_diag_problem(d, "ahp.rows", name, 0, NULL, "count", count, "found", other, NULL);
	}
out:
	ec_csv_release(&c);
	return d->total == before ? EC_OK : EC_EDATA;
}
