/*
** The regions × categories matrix of regional structure and complexity
** (complexity.h), from the column store: one pass over the enterprises'
** months of the year, streamed as monitoring streams them.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/catalog.h"
#include "echelon/complexity.h"
#include "echelon/facts.h"

static const char *const measure_names[] = { "value_added", "revenue", "employees", "enterprises" };

const char *ec_cx_measure_name(enum ec_cx_measure m)
{
	return (unsigned)m < 4 ? measure_names[m] : "?";
}

int ec_cx_measure_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, measure_names[i]) == 0)
			return i;
	return -1;
}

void ec_region_matrix_release(struct ec_region_matrix *m)
{
	free(m->region);
	free(m->column);
	free(m->x);
	free(m->count);
	free(m->largest);
	memset(m, 0, sizeof *m);
}

/* A sorted set of codes, with the index each code gets. */
struct codes {
	char (*code)[16];
	size_t n, cap;
};

static int add_code(struct codes *c, const char *code)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->code[i], code) == 0)
			return (int)i;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->code = ec_realloc(c->code, c->cap * sizeof *c->code);
	}
	snprintf(c->code[c->n], sizeof c->code[c->n], "%s", code);
	return (int)c->n++;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The row code of a region code at the level, or "" when it has none. */
static void region_at(const struct ec_catalog *cat, uint32_t code, int level, char out[8])
{
	char text[16];
	const struct ec_region *r;

	snprintf(text, sizeof text, "%06u", code);
	r = ec_catalog_resolve_region(cat, text, strlen(text));
	out[0] = '\0';
	while (r && r->level > level)
		r = ec_catalog_find_region(cat, r->parent, strlen(r->parent));
	if (r && r->level == level)
		snprintf(out, 8, "%s", r->code);
}

/* The column code of an enterprise: its category truncated to the level
** ("1.2.3" at 2 is "1.2"), or its class; "" when it has none. */
static void column_of(const struct ec_facts *f, size_t e, const struct ec_matrix_spec *s, char out[16])
{
	out[0] = '\0';
	if (s->axis == EC_AXIS_INDUSTRY) {
		snprintf(out, 16, "%04u", f->industry[e]);
		return;
	}
	if (f->category[e] != EC_FACTS_NO_CATEGORY) {
		const char *code = f->category_codes[f->category[e]], *p = code;
		int dots = 0;
		while (*p && !(*p == '.' && ++dots == s->sei_level))
			p++;
		snprintf(out, 16, "%.*s", (int)(p - code), code);
	}
}

/* An enterprise's measure for the year whose January is at row (in the
** stream's buffers): the sum of the months reported (value added,
** revenue), the last month's employees, or 1. Returns 0 when it reported
** in no month of the year. */
static int year_value(const struct ec_facts_stream *st, size_t row, enum ec_cx_measure measure, double *v)
{
	int reported = 0;

	*v = 0;
	for (size_t k = 0; k < 12; k++) {
		if (!st->reported[row + k])
			continue;
		reported = 1;
		switch (measure) {
		case EC_MEASURE_VALUE_ADDED: *v += st->value_added[row + k]; break;
		case EC_MEASURE_REVENUE: *v += st->revenue[row + k]; break;
		case EC_MEASURE_EMPLOYEES: *v = st->employees[row + k]; break;
		case EC_MEASURE_ENTERPRISES: *v = 1; break;
		}
	}
	return reported;
}

/* Leaves out the rows and columns in which no enterprise reported. */
static void prune(struct ec_region_matrix *m)
{
	size_t nr = 0, np = 0, *keep_c = ec_malloc((m->np + 1) * sizeof *keep_c);
	int64_t *rc = ec_calloc(m->nr + 1, sizeof *rc), *cc = ec_calloc(m->np + 1, sizeof *cc);

	for (size_t r = 0; r < m->nr; r++)
		for (size_t p = 0; p < m->np; p++) {
			rc[r] += m->count[r * m->np + p];
			cc[p] += m->count[r * m->np + p];
		}
	for (size_t p = 0; p < m->np; p++)
		if (cc[p] > 0) {
			keep_c[np] = p;
			memmove(m->column[np++], m->column[p], sizeof m->column[p]);
		}
	for (size_t r = 0; r < m->nr; r++) {
		if (rc[r] == 0)
			continue;
		for (size_t j = 0; j < np; j++) {
			size_t from = r * m->np + keep_c[j], to = nr * np + j;
			m->x[to] = m->x[from];
			m->count[to] = m->count[from];
			m->largest[to] = m->largest[from];
		}
		memmove(m->region[nr++], m->region[r], sizeof m->region[r]);
	}
	m->nr = nr;
	m->np = np;
	free(keep_c);
	free(rc);
	free(cc);
}

int ec_region_matrix_facts(const struct ec_facts *f, const struct ec_catalog *cat, const struct ec_matrix_spec *s,
			   struct ec_region_matrix *out, char **err)
{
	struct codes rows = { 0 }, cols = { 0 };
	struct ec_facts_stream st;
	int *row_of = NULL, *col_of = NULL, *rmap, *cmap;
	size_t n = f->nenterprises, T = (size_t)f->nmonths, t0;
	int rc = EC_OK;

	*err = NULL;
	memset(out, 0, sizeof *out);
	if (s->axis == EC_AXIS_SEI && (s->sei_level < 1 || s->sei_level > 3)) {
		*err = ec_asprintf("structure: SEI level %d, expected 1 (areas), 2 (directions) or 3", s->sei_level);
		return EC_EUSAGE;
	}
	if (f->nmonths <= 0 || s->year < ec_period_year(f->first_period) ||
	    s->year >= ec_period_year(f->first_period) + f->nmonths / 12) {
		*err = ec_asprintf("complexity.no_year|year=%d", s->year);
		return EC_ENOTFOUND;
	}
	t0 = (size_t)(ec_period_make(s->year, 1) - f->first_period);
	/* The rows and columns each enterprise falls in: each distinct region
	** code resolved once (a hash of the codes seen), each industry class or
	** dictionary category once (a table). */
	row_of = ec_malloc((n + 1) * sizeof *row_of);
	col_of = ec_malloc((n + 1) * sizeof *col_of);
	{
		enum { SLOTS = 16384 };
		uint32_t *key = ec_malloc(SLOTS * sizeof *key);
		int *val = ec_malloc(SLOTS * sizeof *val);
		size_t ntab = s->axis == EC_AXIS_INDUSTRY ? 10000 : f->ncategories + 1;
		int *col_tab = ec_malloc(ntab * sizeof *col_tab);

		for (size_t i = 0; i < SLOTS; i++)
			val[i] = -2; /* empty */
		for (size_t i = 0; i < ntab; i++)
			col_tab[i] = -2; /* not seen */
		for (size_t e = 0; e < n; e++) {
			uint32_t code = f->region[e];
			size_t h = (code * 2654435761u) % SLOTS, k = f->category[e];
			char r[8], c[16];

			while (val[h] != -2 && key[h] != code)
				h = (h + 1) % SLOTS;
			if (val[h] == -2) { /* the table holds a few thousand of 16 384 */
				region_at(cat, code, s->level, r);
				key[h] = code;
				val[h] = r[0] ? add_code(&rows, r) : -1;
			}
			row_of[e] = val[h];
			if (s->axis == EC_AXIS_INDUSTRY)
				k = f->industry[e] % 10000;
			else if (k == EC_FACTS_NO_CATEGORY)
				k = f->ncategories;
			if (col_tab[k] == -2) {
				column_of(f, e, s, c);
				col_tab[k] = c[0] ? add_code(&cols, c) : -1;
			}
			col_of[e] = col_tab[k];
		}
		free(key);
		free(val);
		free(col_tab);
	}
	/* Code order: sort the codes, and map the first-seen indices. */
	rmap = ec_malloc((rows.n + 1) * sizeof *rmap);
	cmap = ec_malloc((cols.n + 1) * sizeof *cmap);
	{
		char (*sorted)[16] = ec_malloc((rows.n + cols.n + 1) * sizeof *sorted);
		memcpy(sorted, rows.code, rows.n * sizeof *sorted);
		qsort(sorted, rows.n, sizeof *sorted, by_code);
		for (size_t i = 0; i < rows.n; i++)
			rmap[i] = (int)(((char(*)[16])bsearch(rows.code[i], sorted, rows.n, sizeof *sorted, by_code)) - sorted);
		out->region = ec_malloc((rows.n + 1) * sizeof *out->region);
		for (size_t i = 0; i < rows.n; i++)
			snprintf(out->region[i], sizeof out->region[i], "%s", sorted[i]);
		memcpy(sorted, cols.code, cols.n * sizeof *sorted);
		qsort(sorted, cols.n, sizeof *sorted, by_code);
		for (size_t i = 0; i < cols.n; i++)
			cmap[i] = (int)(((char(*)[16])bsearch(cols.code[i], sorted, cols.n, sizeof *sorted, by_code)) - sorted);
		out->column = ec_malloc((cols.n + 1) * sizeof *out->column);
		memcpy(out->column, sorted, cols.n * sizeof *sorted);
		free(sorted);
	}
	out->nr = rows.n;
	out->np = cols.n;
	out->x = ec_big_zeroed((rows.n * cols.n + 1) * sizeof *out->x);
	out->count = ec_big_zeroed((rows.n * cols.n + 1) * sizeof *out->count);
	out->largest = ec_big_zeroed((rows.n * cols.n + 1) * sizeof *out->largest);
	/* The year's months, streamed. */
	/* Only the column the measure needs, and whether each month was
	** reported. */
	ec_facts_stream_begin(&st, f,
			      EC_FACTS_REPORTED | (s->measure == EC_MEASURE_VALUE_ADDED ? EC_FACTS_VALUE_ADDED :
						   s->measure == EC_MEASURE_REVENUE   ? EC_FACTS_REVENUE :
						   s->measure == EC_MEASURE_EMPLOYEES ? EC_FACTS_EMPLOYEES : 0));
	for (size_t e = 0; e < n && rc == EC_OK; e++) {
		size_t cell;
		double v;

		if (e % 8192 == 0 && (rc = ec_facts_stream_rows(&st, e + 8192, err)) != EC_OK)
			break;
		if (row_of[e] < 0 || col_of[e] < 0)
			continue;
		if (!year_value(&st, (e - st.from) * T + t0, s->measure, &v))
			continue;
		cell = (size_t)rmap[row_of[e]] * cols.n + (size_t)cmap[col_of[e]];
		out->x[cell] += v;
		out->count[cell]++;
		if (v > out->largest[cell])
			out->largest[cell] = v;
	}
	ec_facts_stream_end(&st);
	free(row_of), free(col_of), free(rmap), free(cmap), free(rows.code), free(cols.code);
	if (rc != EC_OK)
		ec_region_matrix_release(out);
	else
		prune(out);
	return rc;
}

int ec_region_leaders(const struct ec_facts *f, const struct ec_catalog *cat, const struct ec_matrix_spec *s,
		      const char *column, const char *except, size_t k, struct ec_leader *out, size_t *n, char **err)
{
	struct ec_facts_stream st;
	size_t T = (size_t)f->nmonths, t0, have = 0;
	int rc = EC_OK;

	*err = NULL;
	*n = 0;
	if (f->nmonths <= 0 || s->year < ec_period_year(f->first_period) ||
	    s->year >= ec_period_year(f->first_period) + f->nmonths / 12) {
		*err = ec_asprintf("complexity.no_year|year=%d", s->year);
		return EC_ENOTFOUND;
	}
	t0 = (size_t)(ec_period_make(s->year, 1) - f->first_period);
	ec_facts_stream_begin(&st, f, EC_FACTS_REPORTED | EC_FACTS_VALUE_ADDED | EC_FACTS_REVENUE | EC_FACTS_EMPLOYEES);
	for (size_t e = 0; e < f->nenterprises && rc == EC_OK; e++) {
		char c[16], r[8];
		size_t i;
		double v;

		if (e % 8192 == 0 && (rc = ec_facts_stream_rows(&st, e + 8192, err)) != EC_OK)
			break;
		column_of(f, e, s, c);
		if (strcmp(c, column) != 0)
			continue;
		region_at(cat, f->region[e], s->level, r);
		if (!r[0] || (except && *except && strcmp(r, except) == 0))
			continue;
		if (!year_value(&st, (e - st.from) * T + t0, s->measure, &v) || (have == k && v <= out[k - 1].value) ||
		    k == 0)
			continue;
		/* insert in order, the smallest falling off */
		i = have < k ? have++ : k - 1;
		while (i > 0 && out[i - 1].value < v) {
			out[i] = out[i - 1];
			i--;
		}
		memcpy(out[i].uscc, f->uscc[e], EC_USCC_LEN);
		out[i].uscc[EC_USCC_LEN] = '\0';
		snprintf(out[i].region, sizeof out[i].region, "%06u", f->region[e]);
		out[i].value = v;
	}
	ec_facts_stream_end(&st);
	*n = rc == EC_OK ? have : 0;
	return rc;
}
