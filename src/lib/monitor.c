/*
** This is the implementation of the SEI monitoring engine. The cube holds,
** for every year that has a previous year, every month and every cell
** (prefecture x direction, with one more "direction" for enterprises that
** are not SEI), the sums over the year's above-size sample of current,
** base-year and real value added, revenue, R&D expense and employees, both
** for the month alone and cumulated from January. A query adds up cells.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/monitor.h"
#include "echelon/sdc.h"

struct cell {
	double va, base, real, revenue, rd;
	int64_t employees;
};

struct ec_monitor {
	int first_period, nmonths, nyears;
	size_t ndirs;   /* SEI directions; index ndirs is "not SEI" */
	size_t npref, nprov, nareas, ncells;
	struct cell *month; /* [(y * ncells + c) * 12 + k]: a cell's months side by side */
	struct cell *cum;
	int64_t *count;     /* [y * ncells + c]: enterprises in the sample */
	int *missing_div;   /* [y * 12 + k]: a division lacking a deflator, or -1 */
	uint8_t *has_data;  /* [t]: some enterprise reported in month t */
	char **dir_codes, **area_codes, **pref_codes, **prov_codes;
	uint8_t *dir_area;
	uint16_t *pref_prov;
};

static char **copy_codes(const char *const *codes, size_t n)
{
	char **out = ec_calloc(n ? n : 1, sizeof *out);
	for (size_t i = 0; i < n; i++)
		out[i] = ec_strdup(codes[i]);
	return out;
}

static void free_codes(char **codes, size_t n)
{
	if (!codes)
		return;
	for (size_t i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
}

void ec_monitor_free(struct ec_monitor *m)
{
	if (!m)
		return;
	free(m->month);
	free(m->cum);
	free(m->count);
	free(m->missing_div);
	free(m->has_data);
	free_codes(m->dir_codes, m->ndirs);
	free_codes(m->area_codes, m->nareas);
	free_codes(m->pref_codes, m->npref);
	free_codes(m->prov_codes, m->nprov);
	free(m->dir_area);
	free(m->pref_prov);
	free(m);
}

int ec_above_size(double revenue_previous_year, double threshold)
{
	return revenue_previous_year >= threshold;
}

double ec_deflate(double value, double ppi)
{
	if (value == 0)
		return 0;
	if (!isfinite(ppi) || ppi <= 0)
		return NAN;
	return value / (ppi / 100.0);
}

static void add_cell(struct cell *to, const struct cell *from)
{
	to->va += from->va;
	to->base += from->base;
	to->real += from->real;
	to->revenue += from->revenue;
	to->rd += from->rd;
	to->employees += from->employees;
}

#define ROWS_READ 8192 /* enterprises between two calls of rows */

int ec_monitor_build(const struct ec_monitor_input *in, struct ec_monitor **out, char **err)
{
	struct ec_monitor *m;
	struct ec_monitor_rows blk;
	size_t ndir1, T;

	*out = NULL;
	*err = NULL;
	if (in->nmonths <= 0 || in->nmonths % 12 || ec_period_month(in->first_period) != 1) {
		*err = ec_strdup("monitor: the months must cover whole years from a January");
		return EC_EUSAGE;
	}
	if (in->ndirections >= EC_NOT_SEI || in->nareas > EC_NAREAS_MAX || in->nprefectures > 65535) {
		*err = ec_strdup("monitor: too many groups");
		return EC_EUSAGE;
	}
	for (size_t e = 0; e < in->nenterprises; e++)
		if ((in->direction[e] != EC_NOT_SEI && in->direction[e] >= in->ndirections) ||
		    in->prefecture[e] >= in->nprefectures || in->division[e] >= 100) {
			*err = ec_asprintf("monitor: enterprise %zu has a group index out of range", e);
			return EC_EUSAGE;
		}

	m = ec_calloc(1, sizeof *m);
	m->first_period = in->first_period;
	m->nmonths = in->nmonths;
	m->nyears = in->nmonths / 12;
	m->ndirs = in->ndirections;
	m->npref = in->nprefectures;
	m->nprov = in->nprovinces;
	m->nareas = in->nareas;
	ndir1 = m->ndirs + 1;
	m->ncells = m->npref * ndir1;
	T = (size_t)m->nmonths;
	m->month = ec_big_zeroed((size_t)m->nyears * 12 * m->ncells * sizeof *m->month);
	m->cum = ec_big_zeroed((size_t)m->nyears * 12 * m->ncells * sizeof *m->cum);
	m->count = ec_calloc((size_t)m->nyears * m->ncells, sizeof *m->count);
	m->missing_div = ec_malloc((size_t)m->nyears * 12 * sizeof *m->missing_div);
	m->has_data = ec_calloc(T, 1);
	for (int i = 0; i < m->nyears * 12; i++)
		m->missing_div[i] = -1;
	m->dir_codes = copy_codes(in->direction_codes, in->ndirections);
	m->area_codes = copy_codes(in->area_codes, in->nareas);
	m->pref_codes = copy_codes(in->prefecture_codes, in->nprefectures);
	m->prov_codes = copy_codes(in->province_codes, in->nprovinces);
	m->dir_area = ec_malloc(in->ndirections + 1);
	if (in->ndirections) /* none (a cluster's cube): the arrays may be NULL */
		memcpy(m->dir_area, in->direction_area, in->ndirections);
	m->pref_prov = ec_malloc((in->nprefectures + 1) * sizeof *m->pref_prov);
	if (in->nprefectures)
		memcpy(m->pref_prov, in->prefecture_province, in->nprefectures * sizeof *m->pref_prov);

	blk.from = 0;
	blk.value_added = in->value_added;
	blk.revenue = in->revenue;
	blk.rd_expense = in->rd_expense;
	blk.employees = in->employees;
	blk.reported = in->reported;
	for (size_t e = 0; e < in->nenterprises; e++) {
		const double *va, *rev, *rd, *ppi = in->ppi + (size_t)in->division[e] * T;
		const int32_t *emp;
		const uint8_t *reported;
		size_t c = (size_t)in->prefecture[e] * ndir1 +
			   (in->direction[e] == EC_NOT_SEI ? m->ndirs : in->direction[e]);
		size_t row;
		int rc;

		if (in->rows && e % ROWS_READ == 0 &&
		    (rc = in->rows(in->rows_ctx, e + ROWS_READ < in->nenterprises ? e + ROWS_READ : in->nenterprises,
				   &blk, err)) != 0) {
			ec_monitor_free(m);
			return rc;
		}
		row = (e - blk.from) * T;
		va = blk.value_added + row;
		rev = blk.revenue + row;
		rd = blk.rd_expense + row;
		emp = blk.employees + row;
		reported = blk.reported ? blk.reported + row : NULL;

		for (size_t t = 0; t < T; t++)
			if (reported ? reported[t] : (va[t] != 0 || rev[t] != 0))
				m->has_data[t] = 1;
		for (int y = 1; y < m->nyears; y++) {
			double previous = 0;
			/* The sample of year y: revenue of y-1 at or above the threshold. */
			for (int k = 0; k < 12; k++)
				previous += rev[(y - 1) * 12 + k];
			if (!ec_above_size(previous, in->above_size))
				continue;
			m->count[(size_t)y * m->ncells + c]++;
			for (int k = 0; k < 12; k++) {
				size_t t = (size_t)(y * 12 + k);
				struct cell *cl = &m->month[((size_t)y * m->ncells + c) * 12 + (size_t)k];
				double real = ec_deflate(va[t], ppi[t]);

				cl->va += va[t];
				cl->base += va[t - 12];
				cl->revenue += rev[t];
				cl->rd += rd[t];
				cl->employees += emp[t];
				if (isnan(real)) {
					/* Undefined: the queries that need month t refuse,
					** naming the lowest division lacking its PPI. */
					int *missing = &m->missing_div[t];
					if (*missing < 0 || in->division[e] < *missing)
						*missing = in->division[e];
					continue;
				}
				cl->real += real;
			}
		}
	}
	/* Cumulate from January; employees stay those of the month. */
	for (int y = 1; y < m->nyears; y++)
		for (size_t c = 0; c < m->ncells; c++) {
			struct cell run = { 0, 0, 0, 0, 0, 0 };
			for (int k = 0; k < 12; k++) {
				size_t at = ((size_t)y * m->ncells + c) * 12 + (size_t)k;
				add_cell(&run, &m->month[at]);
				m->cum[at] = run;
				m->cum[at].employees = m->month[at].employees;
			}
		}
	*out = m;
	return EC_OK;
}

void ec_monitor_range(const struct ec_monitor *m, int *first, int *last)
{
	*first = *last = -1;
	for (int t = 12; t < m->nmonths; t++)
		if (m->has_data[t] && m->has_data[t - 12]) {
			if (*first < 0)
				*first = m->first_period + t;
			*last = m->first_period + t;
		}
}

static const char *const by_names[] = { "none", "area", "direction", "province", "prefecture", "area,province" };
static const char *const kind_names[] = { "all", "sei", "area", "direction", "province", "prefecture", "area_province" };

const char *ec_monitor_by_name(enum ec_monitor_by by)
{
	return by_names[by];
}

int ec_monitor_by_parse(const char *s)
{
	for (int i = 0; i < (int)(sizeof by_names / sizeof by_names[0]); i++)
		if (strcmp(s, by_names[i]) == 0)
			return i;
	if (strcmp(s, "province,area") == 0)
		return EC_BY_AREA_PROVINCE;
	return -1;
}

const char *ec_group_kind_name(enum ec_group_kind kind)
{
	return kind_names[kind];
}

/* A set of prefectures (the region) and of directions (the group). */
struct selection {
	uint8_t *pref;  /* npref flags */
	uint8_t *dir;   /* ndirs + 1 flags */
};

/* Sums month k of year y over the cells of the selection. */
static struct cell sum(const struct ec_monitor *m, const struct cell *table, size_t k, const uint8_t *pref,
		       const uint8_t *dir, int y, int64_t *count)
{
	struct cell total = { 0, 0, 0, 0, 0, 0 };
	size_t ndir1 = m->ndirs + 1;

	*count = 0;
	for (size_t p = 0; p < m->npref; p++) {
		if (!pref[p])
			continue;
		for (size_t d = 0; d < ndir1; d++) {
			size_t c = p * ndir1 + d;
			if (!dir[d])
				continue;
			add_cell(&total, &table[((size_t)y * m->ncells + c) * 12 + k]);
			*count += m->count[(size_t)y * m->ncells + c];
		}
	}
	return total;
}

static double ratio_pct(double num, double den)
{
	return den != 0 ? num / den * 100.0 : NAN;
}

/* Fills a row from the group's sums and those of all industry in its
** region. */
static void fill(struct ec_monitor_row *r, const struct cell *g, int64_t count, const struct cell *all)
{
	double all_growth = ratio_pct(all->real - all->base, all->base);

	r->enterprises = count;
	r->value_added = g->va;
	r->value_added_base = g->base;
	r->value_added_real = g->real;
	r->growth_pct = ratio_pct(g->real - g->base, g->base);
	r->gap_pp = r->growth_pct - all_growth;
	r->share_pct = ratio_pct(g->va, all->va);
	r->contribution_pct = ratio_pct(g->real - g->base, all->real - all->base);
	r->pull_pp = ratio_pct(g->real - g->base, all->base);
	r->revenue = g->revenue;
	r->employees = g->employees;
	r->rd_intensity_pct = ratio_pct(g->rd, g->revenue);
}

struct rows {
	struct ec_monitor_row *v;
	size_t n, cap;
};

static struct ec_monitor_row *push(struct rows *rs)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = ec_realloc(rs->v, rs->cap * sizeof *rs->v);
	}
	memset(&rs->v[rs->n], 0, sizeof *rs->v);
	return &rs->v[rs->n++];
}

static int find_code(char **codes, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return (int)i;
	return -1;
}

/* Marks the prefectures of region ("" national, a province or a
** prefecture). Returns 0 or EC_ENOTFOUND. */
static int select_region(const struct ec_monitor *m, const char *region, uint8_t *pref)
{
	int i;

	if (!region || !*region) {
		memset(pref, 1, m->npref);
		return EC_OK;
	}
	memset(pref, 0, m->npref);
	if ((i = find_code(m->prov_codes, m->nprov, region)) >= 0) {
		for (size_t p = 0; p < m->npref; p++)
			pref[p] = m->pref_prov[p] == i;
		return EC_OK;
	}
	if ((i = find_code(m->pref_codes, m->npref, region)) >= 0) {
		pref[i] = 1;
		return EC_OK;
	}
	return EC_ENOTFOUND;
}

/* Checks the period can be answered. Returns 0 or an error with *err. */
static int check_period(const struct ec_monitor *m, int period, enum ec_monitor_basis basis, char **err)
{
	int t = period - m->first_period, first, last;
	char p[8], a[8], b[8];

	ec_period_format(period, p);
	ec_monitor_range(m, &first, &last);
	if (t < 12 || t >= m->nmonths || !m->has_data[t] || !m->has_data[t - 12]) {
		if (first < 0) {
			*err = ec_asprintf("no data for %s: growth needs reports for two years running", p);
		} else {
			ec_period_format(first, a);
			ec_period_format(last, b);
			*err = ec_asprintf("no data for %s: growth needs reports for the month and the same month a "
					   "year earlier; the periods that can be measured run from %s to %s", p, a, b);
		}
		return EC_ENOTFOUND;
	}
	for (int k = basis == EC_BASIS_MONTH ? t : t - t % 12; k <= t; k++)
		if (m->missing_div[k] >= 0) {
			char month[8];
			ec_period_format(m->first_period + k, month);
			*err = ec_asprintf("no deflator for division %02d in %s: import the PPI of that division "
					   "(previous year = 100) with `echelon import deflators`",
					   m->missing_div[k], month);
			return EC_EDATA;
		}
	return EC_OK;
}

/* One row: group (dirs) within a region (prefs); compared against all
** industry in that region. */
static void add_row(const struct ec_monitor *m, struct rows *rs, const struct cell *table, size_t at, int y,
		    const uint8_t *prefs, const uint8_t *dirs, const struct cell *region_all, const uint8_t *all_dirs,
		    enum ec_group_kind kind, const char *code, const char *region, int period, enum ec_monitor_basis basis,
		    int keep_empty)
{
	struct cell g, all;
	int64_t count, all_count;
	struct ec_monitor_row *r;

	g = sum(m, table, at, prefs, dirs, y, &count);
	if (!count && !keep_empty)
		return;
	/* All industry of the row's region: given when it is the query's. */
	all = region_all ? *region_all : sum(m, table, at, prefs, all_dirs, y, &all_count);
	r = push(rs);
	r->kind = kind;
	snprintf(r->group_code, sizeof r->group_code, "%s", code);
	snprintf(r->region, sizeof r->region, "%s", region ? region : "");
	r->period = period;
	r->basis = basis;
	fill(r, &g, count, &all);
}

int ec_monitor_query(const struct ec_monitor *m, int period, enum ec_monitor_basis basis, enum ec_monitor_by by,
		     const char *region, struct ec_monitor_row **rows, size_t *nrows, char **err)
{
	size_t ndir1 = m->ndirs + 1;
	uint8_t *prefs, *sub, *all_dirs, *sei_dirs, *dirs;
	const struct cell *table;
	struct rows rs = { NULL, 0, 0 };
	struct cell region_all, province_all;
	int64_t region_count;
	int rc, y, t;
	size_t at;

	*rows = NULL;
	*nrows = 0;
	*err = NULL;
	if ((rc = check_period(m, period, basis, err)) != EC_OK)
		return rc;
	prefs = ec_malloc(m->npref + 1);
	sub = ec_malloc(m->npref + 1);
	if (select_region(m, region, prefs) != EC_OK) {
		*err = ec_asprintf("unknown region '%s': expected a province or prefecture code (GB/T 2260)", region);
		free(prefs);
		free(sub);
		return EC_ENOTFOUND;
	}
	all_dirs = ec_malloc(ndir1);
	sei_dirs = ec_malloc(ndir1);
	dirs = ec_malloc(ndir1);
	memset(all_dirs, 1, ndir1);
	memset(sei_dirs, 1, ndir1);
	sei_dirs[m->ndirs] = 0;

	t = period - m->first_period;
	y = t / 12;
	at = (size_t)(t % 12);
	table = basis == EC_BASIS_MONTH ? m->month : m->cum;
	region = region ? region : "";

	region_all = sum(m, table, at, prefs, all_dirs, y, &region_count);
	add_row(m, &rs, table, at, y, prefs, all_dirs, &region_all, all_dirs, EC_G_ALL, "all", region, period, basis, 1);
	add_row(m, &rs, table, at, y, prefs, sei_dirs, &region_all, all_dirs, EC_G_SEI, "sei", region, period, basis, 1);
	switch (by) {
	case EC_BY_AREA:
		for (size_t a = 0; a < m->nareas; a++) {
			for (size_t d = 0; d < ndir1; d++)
				dirs[d] = d < m->ndirs && m->dir_area[d] == a;
			add_row(m, &rs, table, at, y, prefs, dirs, &region_all, all_dirs, EC_G_AREA, m->area_codes[a], region,
				period, basis, 0);
		}
		break;
	case EC_BY_DIRECTION:
		for (size_t d0 = 0; d0 < m->ndirs; d0++) {
			memset(dirs, 0, ndir1);
			dirs[d0] = 1;
			add_row(m, &rs, table, at, y, prefs, dirs, &region_all, all_dirs, EC_G_DIRECTION, m->dir_codes[d0], region,
				period, basis, 0);
		}
		break;
	case EC_BY_PROVINCE:
	case EC_BY_AREA_PROVINCE:
		for (size_t v = 0; v < m->nprov; v++) {
			int any = 0;
			for (size_t p = 0; p < m->npref; p++)
				any |= (sub[p] = prefs[p] && m->pref_prov[p] == v);
			if (!any)
				continue;
			province_all = sum(m, table, at, sub, all_dirs, y, &region_count);
			if (by == EC_BY_PROVINCE) {
				add_row(m, &rs, table, at, y, sub, sei_dirs, &province_all, all_dirs, EC_G_PROVINCE, m->prov_codes[v],
					m->prov_codes[v], period, basis, 0);
				continue;
			}
			for (size_t a = 0; a < m->nareas; a++) {
				for (size_t d = 0; d < ndir1; d++)
					dirs[d] = d < m->ndirs && m->dir_area[d] == a;
				add_row(m, &rs, table, at, y, sub, dirs, &province_all, all_dirs, EC_G_AREA_PROVINCE, m->area_codes[a],
					m->prov_codes[v], period, basis, 0);
			}
		}
		break;
	case EC_BY_PREFECTURE:
		for (size_t p0 = 0; p0 < m->npref; p0++) {
			if (!prefs[p0])
				continue;
			memset(sub, 0, m->npref);
			sub[p0] = 1;
			add_row(m, &rs, table, at, y, sub, sei_dirs, NULL, all_dirs, EC_G_PREFECTURE, m->pref_codes[p0],
				m->pref_codes[p0], period, basis, 0);
		}
		break;
	case EC_BY_NONE:
		break;
	}
	free(prefs);
	free(sub);
	free(all_dirs);
	free(sei_dirs);
	free(dirs);
	*rows = rs.v;
	*nrows = rs.n;
	return EC_OK;
}

int ec_monitor_series_groups(const struct ec_monitor *m, const struct ec_monitor_series_query *q,
			     const struct ec_sdc_rule *rule, struct ec_monitor_row **rows, enum ec_sdc_reason **reason,
			     size_t *nrows, char **err)
{
	static const enum ec_monitor_by by_of[] = { EC_BY_NONE, EC_BY_NONE, EC_BY_AREA, EC_BY_DIRECTION,
						    EC_BY_PROVINCE, EC_BY_PREFECTURE, EC_BY_AREA_PROVINCE };
	struct rows found = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	enum ec_sdc_reason *found_reason = NULL, *out_reason = NULL;
	size_t *found_group = NULL, cap = 0;
	int first, last, from, to, rc = EC_OK;

	*rows = NULL;
	*reason = NULL;
	*nrows = 0;
	*err = NULL;
	if (!q->ncodes || q->kind > EC_G_PREFECTURE) {
		*err = ec_asprintf(q->ncodes ? "a series is of all, sei, areas, directions, provinces or prefectures"
					     : "no group named for the series");
		return EC_EUSAGE;
	}
	ec_monitor_range(m, &first, &last);
	from = q->from < 0 ? first : q->from;
	to = q->to < 0 ? last : q->to;
	if (q->from >= 0 && q->to >= 0 && from > to) {
		char a[8], b[8];
		ec_period_format(from, a);
		ec_period_format(to, b);
		*err = ec_asprintf("the series runs from %s to %s: the first month is after the last", a, b);
		return EC_EUSAGE;
	}
	if (first >= 0 && (from > last || to < first || from > to)) {
		char a[8], b[8], c[8], d[8];
		ec_period_format(from, a);
		ec_period_format(to, b);
		ec_period_format(first, c);
		ec_period_format(last, d);
		*err = ec_asprintf("no figures from %s to %s: the periods that can be measured run from %s to %s", a, b,
				   c, d);
		return EC_ENOTFOUND;
	}
	if (from < first)
		from = first;
	if (to > last)
		to = last;
	for (int p = from; first >= 0 && p <= to; p++) {
		struct ec_monitor_row *all;
		enum ec_sdc_reason *all_reason = NULL;
		size_t n;
		char *e = NULL;
		rc = ec_monitor_query(m, p, q->basis, by_of[q->kind], q->region, &all, &n, &e);
		if (rc == EC_ENOTFOUND && e && strncmp(e, "unknown region", 14) == 0) {
			*err = e;
			goto out;
		}
		free(e);
		if (rc != EC_OK)
			continue;
		if (rule) {
			all_reason = ec_malloc((n ? n : 1) * sizeof *all_reason);
			ec_monitor_rows_sdc(all, n, rule, all_reason);
		}
		for (size_t i = 0; i < n; i++) {
			size_t g;
			if (all[i].kind != q->kind)
				continue;
			for (g = 0; g < q->ncodes && strcmp(all[i].group_code, q->codes[g]) != 0; g++)
				;
			if (g == q->ncodes)
				continue;
			*push(&found) = all[i];
			if (found.cap != cap) {
				cap = found.cap;
				found_group = ec_realloc(found_group, cap * sizeof *found_group);
				found_reason = ec_realloc(found_reason, cap * sizeof *found_reason);
			}
			found_group[found.n - 1] = g;
			found_reason[found.n - 1] = all_reason ? all_reason[i] : EC_SDC_SHOWN;
		}
		free(all);
		free(all_reason);
	}
	rc = EC_OK;
	/* group after group, each in period order (found is in period order) */
	out_reason = ec_malloc((found.n ? found.n : 1) * sizeof *out_reason);
	for (size_t g = 0; g < q->ncodes; g++) {
		size_t before = out.n;
		for (size_t i = 0; i < found.n; i++)
			if (found_group[i] == g) {
				out_reason[out.n] = found_reason[i];
				*push(&out) = found.v[i];
			}
		if (out.n == before) {
			*err = ec_asprintf("no figures for %s '%s'%s%s: unknown group, or no enterprise of it in the sample",
					   kind_names[q->kind], q->codes[g], q->region && *q->region ? " in " : "",
					   q->region ? q->region : "");
			rc = EC_ENOTFOUND;
			goto out;
		}
	}
	*rows = out.v;
	*nrows = out.n;
	out.v = NULL;
	if (rule) {
		*reason = out_reason;
		out_reason = NULL;
	}
out:
	free(found.v);
	free(found_group);
	free(found_reason);
	free(out.v);
	free(out_reason);
	return rc;
}

int ec_monitor_series(const struct ec_monitor *m, enum ec_monitor_basis basis, enum ec_group_kind kind,
		      const char *code, const char *region, struct ec_monitor_row **rows, size_t *nrows, char **err)
{
	struct ec_monitor_series_query q = { basis, kind, &code, 1, region, -1, -1 };
	enum ec_sdc_reason *reason;

	return ec_monitor_series_groups(m, &q, NULL, rows, &reason, nrows, err);
}

/* ---- disclosure control of rows ---- */

/* The siblings of row i in dimension dim (0: its breakdown; 1: the area of
** an area x province row; 2: its province), as a key; "" for none. */
static void sibling_key(const struct ec_monitor_row *r, int dim, char *key, size_t size)
{
	const char *colon = strchr(r->group_code, ':');

	key[0] = '\0';
	if (r->kind == EC_G_ALL || r->kind == EC_G_SEI)
		return;
	if (r->kind != EC_G_AREA_PROVINCE) {
		/* areas and directions within the region compared; provinces and
		** prefectures are themselves the regions */
		int regional = r->kind == EC_G_PROVINCE || r->kind == EC_G_PREFECTURE;
		if (dim == 0)
			snprintf(key, size, "%d|%s|%d|%d", (int)r->kind, regional ? "" : r->region, r->period,
				 (int)r->basis);
		return;
	}
	if (dim == 1)
		snprintf(key, size, "a|%.*s|%d|%d", (int)(colon ? colon - r->group_code : 0), r->group_code, r->period,
			 (int)r->basis);
	else if (dim == 2)
		snprintf(key, size, "p|%s|%d|%d", r->region, r->period, (int)r->basis);
}

void ec_monitor_rows_sdc(const struct ec_monitor_row *rows, size_t n, const struct ec_sdc_rule *rule,
			 enum ec_sdc_reason *reason)
{
	size_t *members = ec_malloc((n ? n : 1) * sizeof *members);
	int64_t *count = ec_malloc((n ? n : 1) * sizeof *count);
	enum ec_sdc_reason *sub = ec_malloc((n ? n : 1) * sizeof *sub);
	uint8_t *done = ec_malloc(n ? n : 1);

	for (size_t i = 0; i < n; i++)
		reason[i] = ec_sdc_cell(rule, rows[i].enterprises, NAN, rows[i].value_added);
	/* A cell hidden for one sibling set may expose another: go round
	** until nothing changes (each round hides one more cell at least). */
	for (int changed = 1, round = 0; changed && round < 8; round++) {
		changed = 0;
		for (int dim = 0; dim < 3; dim++) {
			memset(done, 0, n);
			for (size_t i = 0; i < n; i++) {
				char key[64], other[64];
				size_t m = 0;
				sibling_key(&rows[i], dim, key, sizeof key);
				if (done[i] || !key[0])
					continue;
				for (size_t j = i; j < n; j++) {
					sibling_key(&rows[j], dim, other, sizeof other);
					if (!done[j] && strcmp(key, other) == 0) {
						done[j] = 1;
						members[m] = j;
						count[m] = rows[j].enterprises;
						sub[m++] = reason[j];
					}
				}
				ec_sdc_complement(count, m, sub);
				for (size_t k = 0; k < m; k++)
					if (sub[k] != reason[members[k]]) {
						reason[members[k]] = sub[k];
						changed = 1;
					}
			}
		}
	}
	free(members);
	free(count);
	free(sub);
	free(done);
}
