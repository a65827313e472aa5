/*
** The views of regional structure and complexity that the command and the
** API give (complexity.h): the query and its one parser (options of the
** command, parameters of the API), the regions, the categories, a region's
** opportunities and priorities as tables, and the leaders of a category.
** Names come from the catalogue in the user's language.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/complexity.h"
#include "echelon/funding.h"
#include "echelon/output.h"
#include "echelon/sdc.h"

static const char *const levels[] = { "", "province", "prefecture", "county" };

void ec_cx_query_init(struct ec_cx_query *q)
{
	memset(q, 0, sizeof *q);
	q->spec.level = 2; /* prefecture */
	q->spec.axis = EC_AXIS_SEI;
	q->spec.sei_level = 3;
	q->spec.measure = EC_MEASURE_VALUE_ADDED;
	ec_cx_options_init(&q->options);
	ec_priority_weights_init(&q->weights);
	q->view = EC_CX_VIEW_REGIONS;
	q->min_proximity = NAN;
}

#define WHY(f, ...) (*field = (f), *why = ec_asprintf(__VA_ARGS__), EC_EUSAGE)

static const char *const views[EC_CX_NVIEWS] = { "regions",  "categories", "opportunities",
						 "priorities", "leaders",    "network" };

const char *ec_cx_view_name(enum ec_cx_view v)
{
	return (unsigned)v < EC_CX_NVIEWS ? views[v] : "";
}

int ec_cx_query_parse(struct ec_cx_query *q, const char *(*get)(void *ctx, const char *name), void *ctx,
		      const char **field, char **why)
{
	const char *v;
	char *err = NULL;

	*field = NULL;
	*why = NULL;
	if (!(v = get(ctx, "year")) || strlen(v) != 4 || strspn(v, "0123456789") != 4)
		return WHY("year", "year.invalid|value=%s", v ? v : "");
	q->spec.year = atoi(v);
	if ((v = get(ctx, "regions"))) {
		q->spec.level = 0;
		for (int i = 1; i <= 3; i++)
			if (strcmp(v, levels[i]) == 0)
				q->spec.level = i;
		if (!q->spec.level)
			return WHY("regions", "field.enum|value=%s|expected=province, prefecture or county", v);
	}
	if ((v = get(ctx, "by"))) {
		if (strcmp(v, "industry") == 0)
			q->spec.axis = EC_AXIS_INDUSTRY;
		else if (strlen(v) == 4 && strncmp(v, "sei", 3) == 0 && v[3] >= '1' && v[3] <= '3')
			q->spec.sei_level = v[3] - '0';
		else
			return WHY("by", "field.enum|value=%s|expected=sei1 (areas), sei2 (directions), sei3 or industry", v);
	}
	if ((v = get(ctx, "measure")) && (int)(q->spec.measure = ec_cx_measure_parse(v)) < 0)
		return WHY("measure", "field.enum|value=%s|expected=value_added, revenue, employees or enterprises", v);
	if ((v = get(ctx, "show"))) {
		int k = 0;
		while (k < EC_CX_NVIEWS && strcmp(v, views[k]) != 0)
			k++;
		if (k == EC_CX_NVIEWS)
			return WHY("show", "field.enum|value=%s|expected=regions, categories, opportunities, priorities, leaders or network", v);
		q->view = (enum ec_cx_view)k;
	}
	q->region = get(ctx, "region");
	q->category = get(ctx, "category");
	if ((q->view == EC_CX_VIEW_OPPORTUNITIES || q->view == EC_CX_VIEW_PRIORITIES) && !q->region)
		return WHY("region", "field.required");
	if (q->view == EC_CX_VIEW_LEADERS && !q->category)
		return WHY("category", "field.required");
	if (q->category) {
		const char *c = q->category;
		int dots = 0;
		for (const char *p = c; *p; p++)
			dots += *p == '.';
		if (q->spec.axis == EC_AXIS_INDUSTRY ? strlen(c) != 4 || strspn(c, "0123456789") != 4
						     : dots + 1 != q->spec.sei_level)
			return WHY("category", "complexity.category|value=%s|by=%s", c,
				   q->spec.axis == EC_AXIS_INDUSTRY ? "industry classes" :
				   q->spec.sei_level == 1 ? "areas" : q->spec.sei_level == 2 ? "directions" : "sub-directions");
	}
	if ((v = get(ctx, "weights")) && ec_priority_weights_parse(v, &q->weights, &err) != EC_OK) {
		*field = "weights";
		*why = err;
		return EC_EUSAGE;
	}
	if ((v = get(ctx, "top"))) {
		char *end;
		q->top = strtol(v, &end, 10);
		if (*end || end == v || q->top < 1 || q->top > 10000)
			return WHY("top", "number.range|value=%s|min=1|max=10000", v);
	}
	if ((v = get(ctx, "threshold"))) {
		char *end;
		q->options.threshold = strtod(v, &end);
		if (*end || end == v || !(q->options.threshold > 0) || q->options.threshold > 1e6)
			return WHY("threshold", "number.range|value=%s|min=0|max=1000000", v);
	}
	if ((v = get(ctx, "min_proximity"))) {
		char *end;
		q->min_proximity = strtod(v, &end);
		if (*end || end == v || !(q->min_proximity >= 0 && q->min_proximity <= 1))
			return WHY("min_proximity", "number.range|value=%s|min=0|max=1", v);
	}
	if ((v = get(ctx, "method"))) {
		if (strcmp(v, "reflections") == 0)
			q->options.method = EC_CX_REFLECTIONS;
		else if (strcmp(v, "eigen") != 0)
			return WHY("method", "field.enum|value=%s|expected=eigen or reflections", v);
	}
	return EC_OK;
}

const char *ec_cx_level_name(int level)
{
	return level >= 1 && level <= 3 ? levels[level] : "?";
}

static void num(char *out, size_t size, double v, int decimals)
{
	if (isnan(v))
		out[0] = '\0';
	else
		snprintf(out, size, "%.*f", decimals, v);
}

/* A value that spans many magnitudes (Fitness, Complexity), empty when
** undefined. */
static void general(char *out, size_t size, double v)
{
	if (isnan(v))
		out[0] = '\0';
	else
		snprintf(out, size, "%.4g", v);
}

static const char *region_name(const struct ec_catalog *cat, const char *code, int zh)
{
	const struct ec_region *r = ec_catalog_find_region(cat, code, strlen(code));
	return r ? (zh ? r->name_zh : r->name_en) : "";
}

static const char *column_name(const struct ec_catalog *cat, enum ec_cx_axis axis, const char *code, int zh)
{
	if (axis == EC_AXIS_INDUSTRY) {
		const struct ec_industry *i = ec_catalog_find_industry(cat, code, strlen(code));
		return i ? (zh ? i->name_zh : i->name_en) : "";
	} else {
		const struct ec_category *c = ec_catalog_find_category(cat, code, strlen(code));
		return c ? (zh ? c->name_zh : c->name_en) : "";
	}
}

static int show_regions(const struct ec_region_matrix *m, const struct ec_cx_result *r, const struct ec_catalog *cat,
			int zh, struct ec_table *t)
{
	static const char *const names[] = { "region", "name", "diversity", "eci", "coi", "fitness", "krugman",
					     "hhi", "specialised" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER };
	struct ec_specialisation *all = ec_malloc((m->nr + 1) * sizeof *all);

	ec_specialisation_each(m->x, m->nr, m->np, all);
	ec_table_init(t, 9, names, kinds);
	for (size_t i = 0; i < m->nr; i++) {
		const struct ec_specialisation s = all[i];
		char d[16], eci[32], coi[32], fit[32], kr[32], hhi[32], sp[16];
		snprintf(d, sizeof d, "%d", r->diversity[i]);
		num(eci, sizeof eci, r->eci[i], 4);
		num(coi, sizeof coi, r->coi[i], 4);
		general(fit, sizeof fit, r->fitness[i]);
		num(kr, sizeof kr, s.krugman, 4);
		num(hhi, sizeof hhi, s.hhi, 4);
		snprintf(sp, sizeof sp, "%zu", s.specialised);
		ec_table_addv(t, m->region[i], region_name(cat, m->region[i], zh), d, eci, coi,
			      fit, kr, hhi, sp);
	}
	free(all);
	return EC_OK;
}

static int show_categories(const struct ec_region_matrix *m, const struct ec_cx_result *r,
			   const struct ec_catalog *cat, enum ec_cx_axis axis, int zh, struct ec_table *t)
{
	static const char *const names[] = { "category", "name", "ubiquity", "pci", "complexity", "hhi", "gini",
					     "locational_gini", "hoover", "theil", "top_share" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };
	struct ec_concentration *all = ec_malloc((m->np + 1) * sizeof *all);

	ec_concentration_each(m->x, m->nr, m->np, all);
	ec_table_init(t, 11, names, kinds);
	for (size_t p = 0; p < m->np; p++) {
		const struct ec_concentration c = all[p];
		char u[16], pci[32], cx[32], hhi[32], g[32], lg[32], ho[32], th[32], top[32];
		snprintf(u, sizeof u, "%d", r->ubiquity[p]);
		num(pci, sizeof pci, r->pci[p], 4);
		general(cx, sizeof cx, r->complexity[p]);
		num(hhi, sizeof hhi, c.hhi, 4);
		num(g, sizeof g, c.gini, 4);
		num(lg, sizeof lg, c.locational_gini, 4);
		num(ho, sizeof ho, c.hoover, 4);
		num(th, sizeof th, c.theil, 4);
		num(top, sizeof top, c.top_share, 4);
		ec_table_addv(t, m->column[p], column_name(cat, axis, m->column[p], zh), u, pci,
			      cx, hhi, g, lg, ho, th, top);
	}
	free(all);
	return EC_OK;
}

struct opportunity {
	size_t p;
	double cog;
};

static int by_cog(const void *a, const void *b)
{
	double x = ((const struct opportunity *)a)->cog, y = ((const struct opportunity *)b)->cog;
	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y);
	return x > y ? -1 : x < y;
}

/* One region's categories, those it lacks first, by the gain they would
** bring (COG), with how close they are (density; distance = 1 - density). */
static int show_opportunities(const struct ec_region_matrix *m, const struct ec_cx_result *r,
			      const struct ec_catalog *cat, enum ec_cx_axis axis, size_t row, int zh, struct ec_table *t)
{
	static const char *const names[] = { "category", "name", "rca", "present", "density", "distance", "pci",
					     "cog" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_BOOL,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };
	struct opportunity *o = ec_malloc((m->np + 1) * sizeof *o);

	for (size_t p = 0; p < m->np; p++) {
		o[p].p = p;
		o[p].cog = r->m[row * m->np + p] ? -INFINITY : r->cog[row * m->np + p];
	}
	qsort(o, m->np, sizeof *o, by_cog);
	ec_table_init(t, 8, names, kinds);
	for (size_t i = 0; i < m->np; i++) {
		size_t p = o[i].p, at = row * m->np + p;
		char rca[32], dens[32], dist[32], pci[32], cog[32];
		num(rca, sizeof rca, r->rca[at], 3);
		num(dens, sizeof dens, r->density[at], 4);
		num(dist, sizeof dist, 1 - r->density[at], 4);
		num(pci, sizeof pci, r->pci[p], 4);
		num(cog, sizeof cog, r->cog[at], 4);
		ec_table_addv(t, m->column[p], column_name(cat, axis, m->column[p], zh), rca,
			      r->m[at] ? "true" : "false", dens, dist, pci, cog);
	}
	free(o);
	return EC_OK;
}

/* The category space: its links, the tree's first (ec_cx_network). Unless
** a least proximity is given, the strongest other links as many as the
** categories taking part, so the average degree is about 4, as in the
** Atlas's product space; a threshold given lets through up to three times
** that. The categories themselves (PCI, ubiquity) are the categories
** view's. */
static int show_network(const struct ec_region_matrix *m, const struct ec_cx_result *r, const struct ec_catalog *cat,
			enum ec_cx_axis axis, double min_proximity, int zh, struct ec_table *t)
{
	static const char *const names[] = { "source", "source_name", "target", "target_name", "proximity", "tree" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT,   EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_NUMBER, EC_COL_BOOL };
	struct ec_cx_edge *e;
	size_t taking = 0, n;

	for (size_t p = 0; p < m->np; p++)
		taking += !isnan(r->proximity[p * m->np + p]);
	n = isnan(min_proximity) ? ec_cx_network(r->proximity, m->np, 0, taking, &e)
				 : ec_cx_network(r->proximity, m->np, min_proximity, 3 * taking, &e);

	ec_table_init(t, 6, names, kinds);
	for (size_t i = 0; i < n; i++) {
		char phi[32];
		num(phi, sizeof phi, e[i].phi, 4);
		ec_table_addv(t, m->column[e[i].p], column_name(cat, axis, m->column[e[i].p], zh), m->column[e[i].q],
			      column_name(cat, axis, m->column[e[i].q], zh), phi, e[i].tree ? "true" : "false");
	}
	free(e);
	return EC_OK;
}

/* The national growth of each column from the year before, at current
** prices, percent; NaN where the column had nothing then. */
static double *column_growth(struct ec_app *app, const struct ec_matrix_spec *spec, const struct ec_region_matrix *m)
{
	struct ec_matrix_spec before = *spec;
	struct ec_region_matrix b;
	double *g = ec_malloc((m->np + 1) * sizeof *g);
	char *err = NULL;

	for (size_t p = 0; p < m->np; p++)
		g[p] = NAN;
	before.year--;
	if (ec_app_region_matrix(app, &before, &b, &err) != EC_OK) {
		free(err);
		return g;
	}
	for (size_t p = 0; p < m->np; p++) {
		double now = 0, then = 0;
		for (size_t q = 0; q < b.np; q++)
			if (strcmp(b.column[q], m->column[p]) == 0) {
				for (size_t r = 0; r < b.nr; r++)
					then += b.x[r * b.np + q];
				break;
			}
		for (size_t r = 0; r < m->nr; r++)
			now += m->x[r * m->np + p];
		if (then > 0)
			g[p] = (now / then - 1) * 100;
	}
	ec_region_matrix_release(&b);
	return g;
}

/* Why a category ranks where it does: its two strongest terms, in words. */
static void reasons(const struct ec_priority *o, const struct ec_priority_weights *w, int zh, char *out, size_t size)
{
	static const char *const en[] = { "close to its strengths (density %.2f)", "complex (PCI %.2f)",
					  "raises its outlook (COG %.2f)", "growing nationally (%+.1f%%)",
					  "far from specialising (gap %.2f)" };
	static const char *const zh_text[] = { "与本地优势产业关联紧密（密度 %.2f）", "复杂度高（PCI %.2f）",
					  "带动潜力大（COG %.2f）", "全国增长快（%+.1f%%）", "专业化差距大（%.2f）" };
	const double weight[EC_PRIORITY_TERMS] = { w->density, w->pci, w->cog, w->growth, w->gap };
	int first = -1, second = -1;
	size_t at = 0;

	for (int k = 0; k < EC_PRIORITY_TERMS; k++) {
		double c = weight[k] * o->z[k];
		if (c <= 0 || isnan(o->value[k]))
			continue;
		if (first < 0 || c > weight[first] * o->z[first]) {
			second = first;
			first = k;
		} else if (second < 0 || c > weight[second] * o->z[second]) {
			second = k;
		}
	}
	out[0] = '\0';
	for (int i = 0; i < 2; i++) {
		int k = i == 0 ? first : second;
		if (k < 0)
			break;
		if (i > 0 && at < size)
			at += (size_t)snprintf(out + at, size - at, "%s", zh ? "；" : "; ");
		if (at < size)
			at += (size_t)snprintf(out + at, size - at, zh ? zh_text[k] : en[k], o->value[k]);
	}
	if (o->missing_link && at < size)
		snprintf(out + at, size - at, "%s", zh ? "（缺失环节）" : " (a missing link)");
}

static int show_priorities(struct ec_app *app, const struct ec_matrix_spec *spec, const struct ec_region_matrix *m,
			   const struct ec_cx_result *r, const struct ec_catalog *cat, size_t row,
			   const struct ec_priority_weights *w, long top, int zh, struct ec_table *t)
{
	static const char *const names[] = { "rank", "category", "name", "score", "density", "pci", "cog",
					     "growth_pct", "missing_link", "projects", "funds", "reasons" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_BOOL, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_priority *o = ec_malloc((m->np + 1) * sizeof *o);
	double *growth = column_growth(app, spec, m);
	struct ec_funding lib;
	char *err = NULL;
	size_t n = ec_priorities(r, growth, row, w, o);
	int have_lib = ec_app_funding(app, &lib, &err) == EC_OK;

	free(err);
	ec_table_init(t, 12, names, kinds);
	for (size_t i = 0; i < n && (top <= 0 || (long)i < top); i++) {
		const char *code = m->column[o[i].p];
		char rank[24], score[32], d[32], pci[32], cog[32], g[32], np_[24], nf[24], why[512];
		const struct ec_project_filter in_field = { .category = code, .open = 1 };
		size_t projects = 0, funds = 0;

		/* the library's open projects in the category (or below it), and
		** the funds whose targets name it: the lists that GET
		** /projects?category=&open=1 and /funds?category= give */
		for (size_t j = 0; have_lib && spec->axis == EC_AXIS_SEI && j < lib.nprojects; j++)
			projects += ec_project_filter_match(&in_field, &lib.projects[j]);
		for (size_t j = 0; have_lib && spec->axis == EC_AXIS_SEI && j < lib.nfunds; j++)
			funds += ec_fund_targets_category(&lib.funds[j], code);
		snprintf(rank, sizeof rank, "%zu", i + 1);
		num(score, sizeof score, o[i].score, 3);
		num(d, sizeof d, o[i].value[0], 4);
		num(pci, sizeof pci, o[i].value[1], 3);
		num(cog, sizeof cog, o[i].value[2], 3);
		num(g, sizeof g, o[i].value[3], 1);
		snprintf(np_, sizeof np_, "%zu", projects);
		snprintf(nf, sizeof nf, "%zu", funds);
		reasons(&o[i], w, zh, why, sizeof why);
		ec_table_addv(t, rank, code, column_name(cat, spec->axis, code, zh), score, d, pci,
			      cog, g, o[i].missing_link ? "true" : "false", np_, nf, why);
	}
	if (have_lib)
		ec_funding_release(&lib);
	free(growth);
	free(o);
	return EC_OK;
}


/* RCA reveals a cell against its totals: for accounts that may not see
** single enterprises, the RCA of a cell the disclosure control would hide
** (too few enterprises, or one dominating) is left empty; a cell without
** any enterprise reveals nothing. */
static void cells_sdc(const struct ec_cx_query *q, const struct ec_region_matrix *m, struct ec_cx_result *r)
{
	if (!q->sdc)
		return;
	for (size_t i = 0; i < m->nr * m->np; i++)
		if (m->count[i] > 0 && ec_sdc_cell(q->sdc, m->count[i], m->largest[i], m->x[i]) != EC_SDC_SHOWN)
			r->rca[i] = NAN;
}

int ec_app_complexity(struct ec_app *app, const struct ec_cx_query *q, struct ec_table *t, struct ec_cx_summary *sum,
		      char **err)
{
	const struct ec_catalog *cat;
	struct ec_region_matrix m;
	struct ec_cx_result r;
	size_t row = 0;
	int zh = q->lang == EC_LANG_ZH, rc;

	*err = NULL;
	memset(sum, 0, sizeof *sum);
	if (ec_app_catalog(app, &cat) != EC_OK) {
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	if ((rc = ec_app_region_matrix(app, &q->spec, &m, err)) != EC_OK)
		return rc;
	/* A cell whose sum is negative (losses) has no advantage to reveal. */
	for (size_t i = 0; i < m.nr * m.np; i++)
		if (m.x[i] < 0)
			m.x[i] = 0;
	if (q->region) {
		while (row < m.nr && strcmp(m.region[row], q->region) != 0)
			row++;
		if (row == m.nr) {
			*err = ec_asprintf("complexity.no_region|region=%s|level=%s|year=%d", q->region,
					   levels[q->spec.level], q->spec.year);
			ec_region_matrix_release(&m);
			return EC_ENOTFOUND;
		}
	}
	if ((rc = ec_cx_compute(m.x, m.nr, m.np, &q->options, &r, err)) != EC_OK) {
		ec_region_matrix_release(&m);
		return rc;
	}
	cells_sdc(q, &m, &r);
	sum->nr = m.nr;
	sum->np = m.np;
	sum->eigenvalue = r.eigenvalue;
	switch (q->view) {
	case EC_CX_VIEW_REGIONS: rc = show_regions(&m, &r, cat, zh, t); break;
	case EC_CX_VIEW_CATEGORIES: rc = show_categories(&m, &r, cat, q->spec.axis, zh, t); break;
	case EC_CX_VIEW_OPPORTUNITIES: rc = show_opportunities(&m, &r, cat, q->spec.axis, row, zh, t); break;
	case EC_CX_VIEW_NETWORK: rc = show_network(&m, &r, cat, q->spec.axis, q->min_proximity, zh, t); break;
	case EC_CX_VIEW_PRIORITIES:
		rc = show_priorities(app, &q->spec, &m, &r, cat, row, &q->weights, q->top ? q->top : 20, zh, t);
		break;
	default:
		*err = ec_strdup("complexity: the leaders are ec_app_complexity_leaders's");
		rc = EC_EUSAGE;
	}
	ec_cx_release(&r);
	ec_region_matrix_release(&m);
	return rc;
}

int ec_app_complexity_leaders(struct ec_app *app, const struct ec_cx_query *q, struct ec_table *t, char **err)
{
	static const char *const names[] = { "rank", "uscc", "name", "region", "region_name", "value" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_NUMBER };
	const struct ec_catalog *cat;
	size_t k = q->top > 0 ? (size_t)q->top : 10, n;
	struct ec_leader *l;
	int rc;

	*err = NULL;
	if (ec_app_catalog(app, &cat) != EC_OK) {
		*err = ec_strdup(ec_app_errmsg(app));
		return EC_EIO;
	}
	l = ec_malloc(k * sizeof *l);
	if ((rc = ec_app_region_leaders(app, &q->spec, q->category, q->region, k, l, &n, err)) != EC_OK) {
		free(l);
		return rc;
	}
	ec_table_init(t, 6, names, kinds);
	for (size_t i = 0; i < n; i++) {
		struct ec_enterprise e;
		char rank[24], v[32];
		snprintf(rank, sizeof rank, "%zu", i + 1);
		snprintf(v, sizeof v, "%.1f", l[i].value);
		if (ec_app_enterprise(app, l[i].uscc, &e) != EC_OK)
			e.name[0] = '\0';
		ec_table_addv(t, rank, l[i].uscc, e.name, l[i].region, region_name(cat, l[i].region, q->lang == EC_LANG_ZH), v);
	}
	free(l);
	return EC_OK;
}
