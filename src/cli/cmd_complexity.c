/*
** echelon complexity: regional structure and economic complexity over the
** regions x categories of a year, from the column store: the regions
** (diversity, ECI, COI, Fitness, specialisation), the categories
** (ubiquity, PCI, Complexity, concentration), or one region's
** opportunities (RCA, density, distance, COG: what it could move into).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/complexity.h"
#include "echelon/funding.h"

static void num(char *out, size_t size, double v, int decimals)
{
	if (isnan(v))
		out[0] = '\0';
	else
		snprintf(out, size, "%.*f", decimals, v);
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
			enum ec_format fmt)
{
	static const char *const names[] = { "region", "name", "diversity", "eci", "coi", "fitness", "krugman",
					     "hhi", "specialised" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER };
	struct ec_specialisation *all = ec_malloc((m->nr + 1) * sizeof *all);
	struct ec_table t;

	ec_specialisation_each(m->x, m->nr, m->np, all);
	ec_table_init(&t, 9, names, kinds);
	for (size_t i = 0; i < m->nr; i++) {
		const struct ec_specialisation s = all[i];
		char d[16], eci[32], coi[32], fit[32], kr[32], hhi[32], sp[16];
		snprintf(d, sizeof d, "%d", r->diversity[i]);
		num(eci, sizeof eci, r->eci[i], 4);
		num(coi, sizeof coi, r->coi[i], 4);
		snprintf(fit, sizeof fit, isnan(r->fitness[i]) ? "" : "%.4g", r->fitness[i]);
		num(kr, sizeof kr, s.krugman, 4);
		num(hhi, sizeof hhi, s.hhi, 4);
		snprintf(sp, sizeof sp, "%zu", s.specialised);
		ec_table_addv(&t, m->region[i], region_name(cat, m->region[i], cli_lang() == EC_LANG_ZH), d, eci, coi,
			      fit, kr, hhi, sp);
	}
	free(all);
	return cli_write_table(&t, fmt);
}

static int show_categories(const struct ec_region_matrix *m, const struct ec_cx_result *r,
			   const struct ec_catalog *cat, enum ec_cx_axis axis, enum ec_format fmt)
{
	static const char *const names[] = { "category", "name", "ubiquity", "pci", "complexity", "hhi", "gini",
					     "locational_gini", "hoover", "theil", "top_share" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };
	struct ec_concentration *all = ec_malloc((m->np + 1) * sizeof *all);
	struct ec_table t;

	ec_concentration_each(m->x, m->nr, m->np, all);
	ec_table_init(&t, 11, names, kinds);
	for (size_t p = 0; p < m->np; p++) {
		const struct ec_concentration c = all[p];
		char u[16], pci[32], cx[32], hhi[32], g[32], lg[32], ho[32], th[32], top[32];
		snprintf(u, sizeof u, "%d", r->ubiquity[p]);
		num(pci, sizeof pci, r->pci[p], 4);
		snprintf(cx, sizeof cx, isnan(r->complexity[p]) ? "" : "%.4g", r->complexity[p]);
		num(hhi, sizeof hhi, c.hhi, 4);
		num(g, sizeof g, c.gini, 4);
		num(lg, sizeof lg, c.locational_gini, 4);
		num(ho, sizeof ho, c.hoover, 4);
		num(th, sizeof th, c.theil, 4);
		num(top, sizeof top, c.top_share, 4);
		ec_table_addv(&t, m->column[p], column_name(cat, axis, m->column[p], cli_lang() == EC_LANG_ZH), u, pci,
			      cx, hhi, g, lg, ho, th, top);
	}
	free(all);
	return cli_write_table(&t, fmt);
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
			      const struct ec_catalog *cat, enum ec_cx_axis axis, size_t row, enum ec_format fmt)
{
	static const char *const names[] = { "category", "name", "rca", "present", "density", "distance", "pci",
					     "cog" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_BOOL,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };
	struct opportunity *o = ec_malloc((m->np + 1) * sizeof *o);
	struct ec_table t;

	for (size_t p = 0; p < m->np; p++) {
		o[p].p = p;
		o[p].cog = r->m[row * m->np + p] ? -INFINITY : r->cog[row * m->np + p];
	}
	qsort(o, m->np, sizeof *o, by_cog);
	ec_table_init(&t, 8, names, kinds);
	for (size_t i = 0; i < m->np; i++) {
		size_t p = o[i].p, at = row * m->np + p;
		char rca[32], dens[32], dist[32], pci[32], cog[32];
		num(rca, sizeof rca, r->rca[at], 3);
		num(dens, sizeof dens, r->density[at], 4);
		num(dist, sizeof dist, 1 - r->density[at], 4);
		num(pci, sizeof pci, r->pci[p], 4);
		num(cog, sizeof cog, r->cog[at], 4);
		ec_table_addv(&t, m->column[p], column_name(cat, axis, m->column[p], cli_lang() == EC_LANG_ZH), rca,
			      r->m[at] ? "true" : "false", dens, dist, pci, cog);
	}
	free(o);
	return cli_write_table(&t, fmt);
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
static void reasons(const struct ec_priority *o, const struct ec_priority_weights *w, char *out, size_t size)
{
	static const char *const en[] = { "close to its strengths (density %.2f)", "complex (PCI %.2f)",
					  "raises its outlook (COG %.2f)", "growing nationally (%+.1f%%)",
					  "far from specialising (gap %.2f)" };
	static const char *const zh[] = { "与本地优势产业关联紧密（密度 %.2f）", "复杂度高（PCI %.2f）",
					  "带动潜力大（COG %.2f）", "全国增长快（%+.1f%%）", "专业化差距大（%.2f）" };
	const double weight[EC_PRIORITY_TERMS] = { w->density, w->pci, w->cog, w->growth, w->gap };
	int first = -1, second = -1, zh_ = cli_lang() == EC_LANG_ZH;
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
			at += (size_t)snprintf(out + at, size - at, "%s", zh_ ? "；" : "; ");
		if (at < size)
			at += (size_t)snprintf(out + at, size - at, zh_ ? zh[k] : en[k], o->value[k]);
	}
	if (o->missing_link && at < size)
		snprintf(out + at, size - at, "%s", zh_ ? "（缺失环节）" : " (a missing link)");
}

static int show_priorities(struct ec_app *app, const struct ec_matrix_spec *spec, const struct ec_region_matrix *m,
			   const struct ec_cx_result *r, const struct ec_catalog *cat, size_t row,
			   const struct ec_priority_weights *w, long top, enum ec_format fmt)
{
	static const char *const names[] = { "rank", "category", "name", "score", "density", "pci", "cog",
					     "growth_pct", "missing_link", "projects", "funds", "reasons" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_BOOL, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT };
	struct ec_priority *o = ec_malloc((m->np + 1) * sizeof *o);
	double *growth = column_growth(app, spec, m);
	struct ec_funding lib;
	struct ec_table t;
	char *err = NULL;
	size_t n = ec_priorities(r, growth, row, w, o);
	int have_lib = ec_app_funding(app, &lib, &err) == EC_OK;

	free(err);
	ec_table_init(&t, 12, names, kinds);
	for (size_t i = 0; i < n && (top <= 0 || (long)i < top); i++) {
		const char *code = m->column[o[i].p];
		char rank[24], score[32], d[32], pci[32], cog[32], g[32], np_[24], nf[24], why[512];
		size_t projects = 0, funds = 0, len = strlen(code);

		/* the library's open projects in the category (or below it), and
		** the funds that may invest in it */
		for (size_t j = 0; have_lib && spec->axis == EC_AXIS_SEI && j < lib.nprojects; j++)
			projects += strncmp(lib.projects[j].category, code, len) == 0 &&
				    (lib.projects[j].category[len] == '\0' || lib.projects[j].category[len] == '.') &&
				    lib.projects[j].stage != EC_STAGE_COMPLETED && lib.projects[j].stage != EC_STAGE_CANCELLED;
		for (size_t j = 0; have_lib && spec->axis == EC_AXIS_SEI && j < lib.nfunds; j++)
			funds += ec_category_fit(code, lib.funds[j].categories) > 0;
		snprintf(rank, sizeof rank, "%zu", i + 1);
		num(score, sizeof score, o[i].score, 3);
		num(d, sizeof d, o[i].value[0], 4);
		num(pci, sizeof pci, o[i].value[1], 3);
		num(cog, sizeof cog, o[i].value[2], 3);
		num(g, sizeof g, o[i].value[3], 1);
		snprintf(np_, sizeof np_, "%zu", projects);
		snprintf(nf, sizeof nf, "%zu", funds);
		reasons(&o[i], w, why, sizeof why);
		ec_table_addv(&t, rank, code, column_name(cat, spec->axis, code, cli_lang() == EC_LANG_ZH), score, d, pci,
			      cog, g, o[i].missing_link ? "true" : "false", np_, nf, why);
	}
	if (have_lib)
		ec_funding_release(&lib);
	free(growth);
	free(o);
	return cli_write_table(&t, fmt);
}

static int show_leaders(struct ec_app *app, const struct ec_matrix_spec *spec, const struct ec_catalog *cat,
			const char *column, const char *except, long top, enum ec_format fmt)
{
	static const char *const names[] = { "rank", "uscc", "name", "region", "region_name", "value" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_NUMBER };
	size_t k = top > 0 ? (size_t)top : 10, n;
	struct ec_leader *l = ec_malloc(k * sizeof *l);
	struct ec_table t;
	char *err = NULL;
	int rc;

	if ((rc = ec_app_region_leaders(app, spec, column, except, k, l, &n, &err)) != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
		free(l);
		return rc;
	}
	ec_table_init(&t, 6, names, kinds);
	for (size_t i = 0; i < n; i++) {
		struct ec_enterprise e;
		char rank[24], v[32];
		snprintf(rank, sizeof rank, "%zu", i + 1);
		snprintf(v, sizeof v, "%.1f", l[i].value);
		if (ec_app_enterprise(app, l[i].uscc, &e) != EC_OK)
			e.name[0] = '\0';
		ec_table_addv(&t, rank, l[i].uscc, e.name, l[i].region,
			      region_name(cat, l[i].region, cli_lang() == EC_LANG_ZH), v);
	}
	free(l);
	return cli_write_table(&t, fmt);
}

static int complexity_run(struct cli_args *a)
{
	static const char *const levels[] = { "", "province", "prefecture", "county" };
	struct ec_matrix_spec spec = { 0, EC_PREFECTURE, EC_AXIS_SEI, 3, EC_MEASURE_VALUE_ADDED };
	struct ec_cx_options o;
	struct ec_region_matrix m;
	struct ec_cx_result r;
	struct ec_app *app = NULL;
	const struct ec_catalog *cat;
	const char *show = cli_opt_or(a, "show", "regions"), *by = cli_opt_or(a, "by", "sei3");
	const char *region = cli_opt(a, "region");
	struct ec_priority_weights weights;
	long top = 0;
	enum ec_format fmt;
	char *err = NULL;
	size_t row = 0;
	int rc, status;

	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	if (!cli_opt(a, "year") || (spec.year = atoi(cli_opt(a, "year"))) < 1900 || spec.year > 2999)
		return cli_usage(a, "--year YYYY is required");
	spec.level = 0;
	for (int i = 1; i <= 3; i++)
		if (strcmp(cli_opt_or(a, "regions", "prefecture"), levels[i]) == 0)
			spec.level = i;
	if (!spec.level)
		return cli_usage(a, "--regions '%s': expected province, prefecture or county", cli_opt(a, "regions"));
	if (strcmp(by, "industry") == 0)
		spec.axis = EC_AXIS_INDUSTRY;
	else if (strlen(by) == 4 && strncmp(by, "sei", 3) == 0 && by[3] >= '1' && by[3] <= '3')
		spec.sei_level = by[3] - '0';
	else
		return cli_usage(a, "--by '%s': expected sei1 (areas), sei2 (directions), sei3 or industry", by);
	if (cli_opt(a, "measure") && (int)(spec.measure = ec_cx_measure_parse(cli_opt(a, "measure"))) < 0)
		return cli_usage(a, "--measure '%s': expected value_added, revenue, employees or enterprises",
				 cli_opt(a, "measure"));
	if (strcmp(show, "regions") && strcmp(show, "categories") && strcmp(show, "opportunities") &&
	    strcmp(show, "priorities") && strcmp(show, "leaders"))
		return cli_usage(a, "--show '%s': expected regions, categories, opportunities, priorities or leaders",
				 show);
	if ((strcmp(show, "opportunities") == 0 || strcmp(show, "priorities") == 0) && !region)
		return cli_usage(a, "--show %s needs --region CODE", show);
	if (strcmp(show, "leaders") == 0 && !cli_opt(a, "category"))
		return cli_usage(a, "--show leaders needs --category CODE (and --region CODE to leave a region out)");
	if (cli_opt(a, "category")) {
		const char *c = cli_opt(a, "category");
		int dots = 0;
		for (const char *p = c; *p; p++)
			dots += *p == '.';
		if (spec.axis == EC_AXIS_INDUSTRY ? strlen(c) != 4 || strspn(c, "0123456789") != 4 : dots + 1 != spec.sei_level)
			return cli_usage(a, "--category '%s' is not a column of --by %s (%s)", c, by,
					 spec.axis == EC_AXIS_INDUSTRY ? "a class of 4 digits" :
					 spec.sei_level == 1 ? "an area like 3" : spec.sei_level == 2 ? "a direction like 3.1" :
					 "a sub-direction like 3.1.2");
	}
	ec_priority_weights_init(&weights);
	if (cli_opt(a, "weights") && ec_priority_weights_parse(cli_opt(a, "weights"), &weights, &err) != EC_OK) {
		rc = cli_usage(a, "--weights %s", err);
		free(err);
		return rc;
	}
	if (cli_opt(a, "top") && (top = atol(cli_opt(a, "top"))) <= 0)
		return cli_usage(a, "--top '%s': expected a whole number >= 1", cli_opt(a, "top"));
	ec_cx_options_init(&o);
	if ((rc = cli_amount(a, "threshold", &o.threshold)) != EC_EXIT_OK)
		return rc;
	if (cli_opt(a, "method")) {
		if (strcmp(cli_opt(a, "method"), "reflections") == 0)
			o.method = EC_CX_REFLECTIONS;
		else if (strcmp(cli_opt(a, "method"), "eigen") != 0)
			return cli_usage(a, "--method '%s': expected eigen or reflections", cli_opt(a, "method"));
	}
	if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
		return rc;
	if (ec_app_catalog(app, &cat) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_app_close(app);
		return rc;
	}
	if (strcmp(show, "leaders") == 0) {
		rc = show_leaders(app, &spec, cat, cli_opt(a, "category"), region, top, fmt);
		ec_app_close(app);
		return rc;
	}
	status = ec_app_region_matrix(app, &spec, &m, &err);
	if (status != EC_OK) {
		rc = cli_fail(ec_exit_code(status), "%s", err);
		free(err);
		ec_app_close(app);
		return rc;
	}
	/* A cell whose sum is negative (losses) has no advantage to reveal. */
	for (size_t i = 0; i < m.nr * m.np; i++)
		if (m.x[i] < 0)
			m.x[i] = 0;
	if (region) {
		for (row = 0; row < m.nr && strcmp(m.region[row], region) != 0; row++)
			;
		if (row == m.nr) {
			rc = cli_fail(EC_EXIT_DATA, "region %s has no enterprise at the %s level in %d", region,
				      levels[spec.level], spec.year);
			ec_region_matrix_release(&m);
			ec_app_close(app);
			return rc;
		}
	}
	status = ec_cx_compute(m.x, m.nr, m.np, &o, &r, &err);
	if (status != EC_OK) {
		rc = cli_fail(ec_exit_code(status), "%s", err);
		free(err);
	} else {
		if (fmt == EC_FMT_TABLE)
			printf("%d, %zu %ss x %zu %s, %s; Mcp: RCA >= %g; ECI/PCI by %s\n\n", spec.year, m.nr,
			       levels[spec.level], m.np,
			       spec.axis == EC_AXIS_INDUSTRY ? "industry classes" : "SEI categories",
			       ec_cx_measure_name(spec.measure), o.threshold,
			       o.method == EC_CX_EIGEN ? "the eigenvector" : "reflections");
		if (strcmp(show, "regions") == 0)
			rc = show_regions(&m, &r, cat, fmt);
		else if (strcmp(show, "categories") == 0)
			rc = show_categories(&m, &r, cat, spec.axis, fmt);
		else if (strcmp(show, "priorities") == 0)
			rc = show_priorities(app, &spec, &m, &r, cat, row, &weights, top ? top : 20, fmt);
		else
			rc = show_opportunities(&m, &r, cat, spec.axis, row, fmt);
		ec_cx_release(&r);
	}
	ec_region_matrix_release(&m);
	ec_app_close(app);
	return rc;
}

static const struct cli_option complexity_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "year", "YYYY", "the year of the reports" },
	{ "regions", "LEVEL", "province, prefecture (default) or county" },
	{ "by", "AXIS", "sei1 (areas), sei2 (directions), sei3 (default, sub-directions) or industry (classes)" },
	{ "measure", "NAME", "value_added (default), revenue, employees or enterprises" },
	{ "show", "WHAT", "regions (default), categories, or opportunities (with --region)" },
	{ "region", "CODE", "the region whose opportunities or priorities to show (leaders: the region left out)" },
	{ "category", "CODE", "the category whose leading enterprises to show (--show leaders)" },
	{ "weights", "LIST", "priority score weights, e.g. density=0.4,pci=0.2,cog=0.2,growth=0.2,gap=0" },
	{ "top", "N", "rows of priorities (default 20) or leaders (default 10)" },
	{ "threshold", "RCA", "Mcp = 1 where RCA >= this (default 1)" },
	{ "method", "NAME", "ECI and PCI by eigen (default) or reflections" },
	{ "format", "FMT", "table (default), csv or json" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_complexity = {
	"complexity", complexity_run, 0, 0,
	"--db FILE --year YYYY [--regions province|prefecture|county] [--by sei1|sei2|sei3|industry]\n"
	"       [--measure value_added|revenue|employees|enterprises]\n"
	"       [--show regions|categories|opportunities|priorities|leaders] [--region CODE] [--category CODE]\n"
	"       [--weights LIST] [--top N] [--threshold RCA] [--method eigen|reflections] [--format table|csv|json]",
	"regional structure and economic complexity: ECI, PCI, density, COG",
	"The regions x categories of a year's reports: each region's diversity,\n"
	"economic complexity (ECI), complexity outlook (COI), Fitness and\n"
	"specialisation; each category's ubiquity, complexity (PCI), Complexity\n"
	"and concentration (HHI, Gini, locational Gini, Hoover, Theil); and a\n"
	"region's opportunities: the categories it lacks, by the complexity they\n"
	"would add (COG), with their density; its investment priorities, each\n"
	"with its reasons, the projects and funds that fit it; and the\n"
	"enterprises elsewhere that lead a category (whom to attract).\n"
	"Normalised as Stata's ecomplexity; every formula is in docs/methods.md.",
	complexity_opts, NULL, CLI_READS,
};
