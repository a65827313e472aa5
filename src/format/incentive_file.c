/*
** Reading and writing an incentive programme's rules file: one CSV row per
** rule (docs/formats.md, "Incentive rules"). Every row is checked; a file
** with a problem gives no rules at all.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/csv.h"
#include "echelon/incentive.h"

static const char *const rule_cols[] = { "rule",	 "side",    "base",	   "share_pct",
					 "cap",		 "year_cap", "categories", "regions",
					 "sizes",	 "topup_pilot", "topup_pct", "topup_amount" };
#define NCOLS (sizeof rule_cols / sizeof rule_cols[0])

/* An optional number (empty: 0) from f into *out. Returns 1 when bad
** (the problem in d). */
static int number_field(struct ec_csv *c, struct ec_diag *d, const struct ec_csv_field *f, const char *col,
			double *out)
{
	const char *why;

	*out = 0;
	if (f->n == 0)
		return 0;
	if (ec_number_parse(f->p, f->n, out, &why) != EC_OK) {
		ec_diag_value(d, why, c->name, c->line, col, f->p, f->n);
		return 1;
	}
	if (*out == 0)
		*out = 0; /* "-0" is 0, and is written back as 0 */
	return 0;
}

/* A name among names (parse), the field empty allowed when empty_ok. */
static int enum_field(struct ec_csv *c, struct ec_diag *d, const struct ec_csv_field *f, const char *col,
		      int (*parse)(const char *), char *(*names)(char *, size_t), int *out)
{
	char value[32], shown[64], expected[96];

	ec_csv_copy(value, sizeof value, f);
	if (f->n < sizeof value && (*out = parse(value)) >= 0)
		return 0;
	ec_diag_problem(d, "field.enum", c->name, c->line, col, "value", ec_value_shown(f->p, f->n, shown, sizeof shown),
			"expected", names(expected, sizeof expected), NULL);
	return 1;
}

/* The sizes, ';'-separated, as a mask. */
static int sizes_field(struct ec_csv *c, struct ec_diag *d, const struct ec_csv_field *f, unsigned *mask)
{
	size_t i = 0;

	*mask = 0;
	while (i < f->n) {
		size_t j = i;
		char value[16], shown[64], expected[96];
		int s;
		while (j < f->n && f->p[j] != ';')
			j++;
		if (j - i < sizeof value) {
			memcpy(value, f->p + i, j - i);
			value[j - i] = '\0';
		} else {
			value[0] = '\0';
		}
		s = value[0] ? ec_enterprise_size_parse(value) : -1;
		if (s <= 0) {
			ec_diag_problem(d, "field.enum", c->name, c->line, "sizes", "value",
					ec_value_shown(f->p + i, j - i, shown, sizeof shown), "expected",
					ec_enterprise_size_names(expected, sizeof expected), NULL);
			return 1;
		}
		*mask |= 1u << s;
		i = j + 1;
	}
	return 0;
}

static int text_field(struct ec_csv *c, struct ec_diag *d, const struct ec_csv_field *f, const char *col, char *dst,
		      size_t size)
{
	char max[16];

	if (f->n >= size) {
		snprintf(max, sizeof max, "%zu", size - 1);
		ec_diag_problem(d, "field.too_long", c->name, c->line, col, "max", max, NULL);
		return 1;
	}
	ec_csv_copy(dst, size, f);
	return 0;
}

int ec_incentive_rules_parse(const char *name, const char *data, size_t len, struct ec_incentive_rule **rules,
			     size_t *n, struct ec_diag *d)
{
	struct ec_incentive_rule *out = NULL;
	size_t count = 0, before = d->total;
	struct ec_csv c;

	*rules = NULL;
	*n = 0;
	ec_csv_init_mem(&c, name, data, len);
	if (ec_csv_check_header(&c, rule_cols, NCOLS, d) != EC_OK) {
		ec_csv_release(&c);
		return EC_EDATA;
	}
	while (ec_csv_next_row(&c, NCOLS, NULL, NULL, d)) {
		const struct ec_csv_field *f = c.fields;
		struct ec_incentive_rule r;
		struct ec_problem why = { 0 };
		int bad = 0, side = 0, base = 0, pilot = 0;

		if (count >= EC_INCENTIVE_RULES_MAX) {
			char max[16];
			snprintf(max, sizeof max, "%d", EC_INCENTIVE_RULES_MAX);
			ec_diag_problem(d, "incentive.too_many_rules", name, c.line, NULL, "max", max, NULL);
			break;
		}
		for (size_t k = 0; k < NCOLS; k++)
			if (memchr(f[k].p, '\0', f[k].n)) { /* a C string would end there */
				ec_diag_problem(d, "field.nul", name, c.line, rule_cols[k], NULL);
				bad = 1;
			}
		if (bad)
			continue;
		memset(&r, 0, sizeof r);
		bad |= text_field(&c, d, &f[0], "rule", r.code, sizeof r.code);
		bad |= enum_field(&c, d, &f[1], "side", ec_incentive_side_parse, ec_incentive_side_names, &side);
		bad |= enum_field(&c, d, &f[2], "base", ec_incentive_base_parse, ec_incentive_base_names, &base);
		if (f[3].n == 0) {
			ec_diag_problem(d, "number.empty", name, c.line, "share_pct", NULL);
			bad = 1;
		} else {
			bad |= number_field(&c, d, &f[3], "share_pct", &r.share_pct);
		}
		bad |= number_field(&c, d, &f[4], "cap", &r.cap);
		bad |= number_field(&c, d, &f[5], "year_cap", &r.year_cap);
		bad |= text_field(&c, d, &f[6], "categories", r.categories, sizeof r.categories);
		bad |= text_field(&c, d, &f[7], "regions", r.regions, sizeof r.regions);
		bad |= sizes_field(&c, d, &f[8], &r.sizes);
		if (f[9].n)
			bad |= enum_field(&c, d, &f[9], "topup_pilot", ec_pilot_parse, ec_pilot_names, &pilot);
		bad |= number_field(&c, d, &f[10], "topup_pct", &r.topup_pct);
		bad |= number_field(&c, d, &f[11], "topup_amount", &r.topup_amount);
		if (bad)
			continue;
		r.side = (enum ec_incentive_side)side;
		r.base = (enum ec_incentive_base)base;
		r.topup_pilot = (enum ec_pilot)pilot;
		if (ec_incentive_rule_check(&r, &why) != EC_OK) {
			ec_diag_put(d, name, c.line, &why);
			continue;
		}
		for (size_t i = 0; i < count; i++)
			if (!strcmp(out[i].code, r.code)) {
				ec_diag_problem(d, "import.repeat", name, c.line, "rule", "value", r.code, NULL);
				bad = 1;
			}
		if (bad)
			continue;
		out = ec_realloc(out, (count + 1) * sizeof *out);
		out[count] = r;
		count++;
	}
	ec_csv_release(&c);
	if (d->total == before && count == 0)
		ec_diag_problem(d, "incentive.no_rules", name, 0, NULL, NULL);
	if (d->total != before) {
		free(out);
		return EC_EDATA;
	}
	*rules = out;
	*n = count;
	return EC_OK;
}

/* A number cell, empty for 0 when zero_empty. */
static int number_cell(struct ec_buf *b, double v, int zero_empty, int last)
{
	char s[32] = "";

	if (!(zero_empty && v == 0))
		ec_number_format(v, s);
	return ec_csv_write_cell(b, s, last);
}

int ec_incentive_rules_write(const struct ec_incentive_rule *rules, size_t n, struct ec_buf *b)
{
	if (ec_csv_write_header(b, rule_cols, NCOLS) != EC_OK)
		return EC_ELIMIT;
	for (size_t i = 0; i < n; i++) {
		const struct ec_incentive_rule *r = &rules[i];
		char sizes[64] = "";
		for (int s = 1; s < EC_NSIZES; s++)
			if (r->sizes & (1u << s))
				snprintf(sizes + strlen(sizes), sizeof sizes - strlen(sizes), "%s%s", sizes[0] ? ";" : "",
					 ec_enterprise_size_name((enum ec_enterprise_size)s));
		if (ec_csv_write_cell(b, r->code, 0) || ec_csv_write_cell(b, ec_incentive_side_name(r->side), 0) ||
		    ec_csv_write_cell(b, ec_incentive_base_name(r->base), 0) || number_cell(b, r->share_pct, 0, 0) ||
		    number_cell(b, r->cap, 1, 0) || number_cell(b, r->year_cap, 1, 0) ||
		    ec_csv_write_cell(b, r->categories, 0) || ec_csv_write_cell(b, r->regions, 0) ||
		    ec_csv_write_cell(b, sizes, 0) || ec_csv_write_cell(b, ec_pilot_name(r->topup_pilot), 0) ||
		    number_cell(b, r->topup_pct, 1, 0) || number_cell(b, r->topup_amount, 1, 1))
			return EC_ELIMIT;
	}
	return EC_OK;
}
