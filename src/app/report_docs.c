/*
** The cluster profile and the allocation as reports: sentences written from
** the figures, then tables, as an HTML page that prints on A4, a workbook
** (a sheet per table) or a PDF (the page printed as the bulletin is,
** reports.c). Nothing is computed again: the figures are those of the
** cluster profile (ec_cluster_indicators under the disclosure control), of
** the evaluation (ec_app_cluster_evaluate), of the project library and of
** the allocation (ec_app_allocate), as the command line and the API give
** them. A report is a publication: the disclosure control applies whoever
** reads it.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/report.h"
#include "echelon/sdc.h"

#define DOC_TABLES 5

/* A report before it is rendered: its words and its tables. */
struct doc {
	enum ec_lang lang;
	char title[600], subtitle[300];
	struct ec_buf prose;
	size_t n;
	struct ec_table t[DOC_TABLES];
	const char *heading[DOC_TABLES], *sheet[DOC_TABLES], *id[DOC_TABLES];
	const char *notes;
};

static void doc_init(struct doc *x, enum ec_lang lang)
{
	memset(x, 0, sizeof *x);
	x->lang = lang;
	ec_buf_init(&x->prose, 0);
}

static void doc_release(struct doc *x)
{
	for (size_t i = 0; i < x->n; i++)
		ec_table_release(&x->t[i]);
	ec_buf_release(&x->prose);
}

/* The next table of x, initialised with the columns given. */
static struct ec_table *doc_table(struct doc *x, const char *id, const char *heading_zh, const char *heading_en,
				  size_t ncols, const char *const *names, const enum ec_col_kind *kinds)
{
	struct ec_table *t = &x->t[x->n];

	x->id[x->n] = id;
	x->heading[x->n] = x->lang == EC_LANG_ZH ? heading_zh : heading_en;
	x->sheet[x->n] = x->heading[x->n];
	ec_table_init(t, ncols, names, kinds);
	x->n++;
	return t;
}

static void doc_html(const struct doc *x, struct ec_buf *out)
{
	ec_report_page_begin(out, x->lang, x->title, x->subtitle);
	ec_report_page_prose(out, x->prose.data ? x->prose.data : "");
	for (size_t i = 0; i < x->n; i++) {
		ec_report_page_heading(out, x->heading[i]);
		ec_report_page_table(out, x->id[i], &x->t[i], x->lang);
	}
	ec_report_page_end(out, x->notes);
}

/* Renders x as format into out. Returns 0, or EC_EIO with report.render. */
static int doc_render(const struct doc *x, enum ec_report_format format, struct ec_buf *out, struct ec_diag *d)
{
	const struct ec_table *tp[DOC_TABLES];
	struct ec_export ex = { EC_FMT_XLSX, x->lang, 0 };
	struct ec_buf html;
	char *err = NULL;
	int rc = EC_OK;

	switch (format) {
	case EC_REPORT_TEXT:
		if (x->prose.len)
			ec_buf_add(out, x->prose.data, x->prose.len);
		ec_buf_addc(out, '\n');
		break;
	case EC_REPORT_HTML:
		doc_html(x, out);
		break;
	case EC_REPORT_XLSX:
		for (size_t i = 0; i < x->n; i++)
			tp[i] = &x->t[i];
		if ((rc = ec_tables_export(tp, x->sheet, x->n, &ex, out, &err)) != EC_OK) {
			ec_diag_problem(d, "report.render", NULL, 0, NULL, "cause", "workbook not written", NULL);
			rc = EC_EIO;
		}
		free(err);
		break;
	case EC_REPORT_PDF:
		ec_buf_init(&html, 0);
		doc_html(x, &html);
		rc = app_print_pdf(html.data, html.len, EC_REPORT_RENDER_TIMEOUT_S, out, d);
		ec_buf_release(&html);
		break;
	}
	return rc;
}

static void say(struct doc *x, const char *zh, const char *en)
{
	ec_buf_adds(&x->prose, x->lang == EC_LANG_ZH ? zh : en);
}

/* A list of codes (';'-separated) by their names: regions or categories. */
static void names_of(const struct ec_catalog *cat, const char *list, int regions, enum ec_lang lang, struct ec_buf *b)
{
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ";");
		const char *name = NULL;
		if (regions) {
			const struct ec_region *g = ec_catalog_find_region(cat, p, n);
			name = g ? (lang == EC_LANG_ZH ? g->name_zh : g->name_en) : NULL;
		} else {
			const struct ec_category *c = ec_catalog_find_category(cat, p, n);
			name = c ? (lang == EC_LANG_ZH ? c->name_zh : c->name_en) : NULL;
		}
		if (p != list)
			ec_buf_adds(b, lang == EC_LANG_ZH ? "、" : ", ");
		if (name)
			ec_buf_adds(b, name);
		else
			ec_buf_add(b, p, n);
		p += n + (p[n] == ';');
	}
}

static void num(char *out, size_t size, double v)
{
	if (isnan(v) || isinf(v))
		out[0] = '\0';
	else
		snprintf(out, size, "%.17g", v);
}

/* ---- the cluster profile ---- */

static const char *const year_names[] = { "year", "enterprises", "above_size", "value_added", "growth_pct",
					  "revenue", "employees", "rd_intensity_pct", "patents_per_1000",
					  "national_share_pct", "lq", "lq_p75", "strong", "stars", "suppression" };
static const enum ec_col_kind year_kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
					       EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
					       EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
					       EC_COL_BOOL, EC_COL_NUMBER, EC_COL_TEXT };
/* the evaluation's columns kept in the report (cluster_analysis.c names them) */
static const char *const eval_keep[] = { "rank", "recommended", "movement", "previous_rank", "closeness", "stars",
					 "rank_low", "rank_high", "strengths", "weaknesses" };
static const enum ec_col_kind eval_kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
					       EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
					       EC_COL_TEXT, EC_COL_TEXT };
static const char *const member_names[] = { "group_code", "group_name", "enterprises", "value_added", "suppression" };
static const enum ec_col_kind member_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER,
						 EC_COL_TEXT };

/* The indicators by year, each year under the disclosure control
** (ec_cluster_indicators_sdc); the latest year measured into *last. */
static void cluster_years(struct doc *x, const struct ec_cluster_data *cd, const struct ec_cluster *c,
			  const uint8_t *member, const struct ec_sdc_rule *rule, struct ec_cluster_indicators *last,
			  enum ec_sdc_reason *last_why)
{
	struct ec_table *t = doc_table(x, "table-years", "逐年指标", "Indicators by year", 15, year_names, year_kinds);

	last->year = 0;
	for (int y = cd->first_year; y < cd->first_year + cd->nyears; y++) {
		struct ec_cluster_indicators ind;
		enum ec_sdc_reason why;
		char v[13][40];
		char *err = NULL;
		if (ec_cluster_indicators(cd, c, member, y, EC_ABOVE_SIZE_DEFAULT, &ind, &err) != EC_OK) {
			free(err);
			continue;
		}
		why = ec_cluster_indicators_sdc(rule, &ind);
		snprintf(v[0], 40, "%d", y);
		snprintf(v[1], 40, "%lld", (long long)ind.enterprises);
		if (ind.above_size < 0)
			v[2][0] = '\0';
		else
			snprintf(v[2], 40, "%lld", (long long)ind.above_size);
		num(v[3], 40, ind.value_added);
		num(v[4], 40, ind.growth_pct);
		num(v[5], 40, ind.revenue);
		num(v[6], 40, ind.employees < 0 ? NAN : (double)ind.employees);
		num(v[7], 40, ind.rd_intensity_pct);
		num(v[8], 40, ind.patents_per_1000);
		num(v[9], 40, ind.national_share_pct);
		num(v[10], 40, ind.lq);
		num(v[11], 40, ind.lq_p75);
		snprintf(v[12], 40, "%d", ind.stars);
		ec_table_addv(t, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
			      ind.strong ? "1" : "0", v[12], ec_sdc_reason_name(why));
		*last = ind;
		*last_why = why;
	}
}

/* The members of the latest year by their SEI category: the count, and
** their value added where the disclosure control lets it be published
** (the primary rules, then the complement so that no hidden cell follows
** from the total). */
static void cluster_members(struct doc *x, const struct ec_catalog *cat, const struct ec_cluster_data *cd,
			    const uint8_t *member, int year, const struct ec_sdc_rule *rule)
{
	struct ec_table *t = doc_table(x, "table-members", "成员企业构成", "Members by category", 5, member_names,
				       member_kinds);
	size_t nc = cat->ncategories, k = 0;
	int64_t *count = ec_calloc(nc + 1, sizeof *count), *shown_count = ec_calloc(nc + 1, sizeof *shown_count);
	double *va = ec_calloc(nc + 1, sizeof *va), *largest = ec_calloc(nc + 1, sizeof *largest);
	enum ec_sdc_reason *why = ec_calloc(nc + 1, sizeof *why);
	size_t *index = ec_calloc(nc + 1, sizeof *index);
	int yi = year - cd->first_year;

	for (size_t f = 0; yi >= 0 && yi < cd->nyears && f < cd->nfirms; f++) {
		size_t at = f * (size_t)cd->nyears + (size_t)yi;
		int16_t g = cd->category[f];
		if (!member[f] || g < 0 || !cd->reported[at])
			continue;
		count[g]++;
		va[g] += cd->va[at];
		largest[g] = cd->va[at] > largest[g] ? cd->va[at] : largest[g];
	}
	for (size_t g = 0; g < nc; g++)
		if (count[g]) {
			index[k] = g;
			shown_count[k] = count[g];
			why[k] = ec_sdc_cell(rule, count[g], largest[g], va[g]);
			k++;
		}
	ec_sdc_complement(shown_count, k, why);
	for (size_t i = 0; i < k; i++) {
		const struct ec_category *c = &cat->categories[index[i]];
		char n[24], v[40];
		snprintf(n, sizeof n, "%lld", (long long)count[index[i]]);
		num(v, sizeof v, why[i] == EC_SDC_SHOWN ? va[index[i]] : NAN);
		ec_table_addv(t, c->code, x->lang == EC_LANG_ZH ? c->name_zh : c->name_en, n, v, ec_sdc_reason_name(why[i]));
	}
	free(count), free(shown_count), free(va), free(largest), free(why), free(index);
}

/* The cluster's row of the evaluation of year (ec_app_cluster_evaluate,
** under the disclosure control), its kept columns; *of the clusters
** ranked. Returns 0, or the evaluation's failure (the report then says
** there is none). */
static int cluster_evaluation(struct doc *x, struct ec_app *app, const struct ec_cluster_data *cd,
			      const struct ec_cluster *c, int year, const struct ec_sdc_rule *rule, size_t *of)
{
	struct ec_table *t = doc_table(x, "table-evaluation", "综合评价", "Evaluation", 10, eval_keep, eval_kinds);
	struct ec_evaluate_params p;
	struct ec_evaluate_summary sum;
	struct ec_table rows, weights;
	char *err = NULL;
	int rc;

	memset(&p, 0, sizeof p);
	p.year = year;
	p.method = "entropy";
	p.indicators = ec_evaluate_indicators_default(&p.nindicators);
	p.bases = 10, p.clusters = 100, p.ecosystems = 1000; /* as the API's evaluation */
	p.sdc = rule;
	*of = 0;
	if ((rc = ec_app_cluster_evaluate(app, cd, &p, &rows, &weights, &sum, &err)) != EC_OK) {
		free(err);
		return rc;
	}
	*of = rows.nrows;
	for (size_t r = 0; r < rows.nrows; r++) {
		const char *cells[10];
		size_t code_col = 0;
		for (size_t k = 0; k < rows.ncols; k++)
			if (!strcmp(rows.names[k], "code"))
				code_col = k;
		if (strcmp(rows.cells[r * rows.ncols + code_col], c->code) != 0)
			continue;
		for (size_t j = 0; j < 10; j++) {
			cells[j] = "";
			for (size_t k = 0; k < rows.ncols; k++)
				if (!strcmp(rows.names[k], eval_keep[j]))
					cells[j] = rows.cells[r * rows.ncols + k];
		}
		ec_table_add(t, cells);
	}
	ec_table_release(&rows);
	ec_table_release(&weights);
	return EC_OK;
}

/* The projects of the library in the cluster; their number and total
** investment into *n and *total. */
static void cluster_projects(struct doc *x, struct ec_app *app, const struct ec_cluster *c, size_t *n, double *total)
{
	struct ec_table *t = &x->t[x->n];
	struct ec_funding f;
	char *err = NULL;

	x->id[x->n] = "table-projects";
	x->heading[x->n] = x->sheet[x->n] = x->lang == EC_LANG_ZH ? "集群内项目" : "Projects in the cluster";
	ec_projects_table_init(t);
	x->n++;
	*n = 0, *total = 0;
	if (ec_app_funding(app, &f, &err) != EC_OK) {
		free(err);
		return;
	}
	for (size_t i = 0; i < f.nprojects; i++) {
		char owner[256];
		if (strcmp(f.projects[i].cluster, c->code) != 0)
			continue;
		ec_app_owner_name(app, f.projects[i].owner, owner, sizeof owner);
		ec_projects_table_add(t, &f.projects[i], owner);
		(*n)++;
		*total += f.projects[i].total_investment;
	}
	ec_funding_release(&f);
}

/* A cell of table t (row r, column key) as a download shows it, into b. */
static const char *shown(const struct ec_table *t, size_t r, const char *key, enum ec_lang lang, struct ec_buf *b)
{
	struct ec_export ex = { EC_FMT_CSV, lang, 0 };
	int number;

	for (size_t c = 0; c < t->ncols; c++)
		if (!strcmp(t->names[c], key)) {
			ec_export_cell(t, c, t->cells[r * t->ncols + c], &ex, b, &number);
			ec_buf_addc(b, '\0');
			return b->data;
		}
	return "";
}

/* The sentences of the profile. */
static void cluster_prose(struct doc *x, const struct ec_catalog *cat, const struct ec_cluster *c, size_t members,
			  const struct ec_cluster_indicators *ind, enum ec_sdc_reason why, size_t ranked,
			  size_t nprojects, double investment)
{
	int zh = x->lang == EC_LANG_ZH;
	const struct ec_table *ev = NULL;
	struct ec_buf regions, cats, cell;
	struct ec_buf *p = &x->prose;

	for (size_t i = 0; i < x->n; i++)
		if (!strcmp(x->id[i], "table-evaluation"))
			ev = &x->t[i];
	ec_buf_init(&regions, 0), ec_buf_init(&cats, 0), ec_buf_init(&cell, 0);
	names_of(cat, c->regions, 1, x->lang, &regions);
	names_of(cat, c->categories, 0, x->lang, &cats);
	ec_buf_addc(&regions, '\0'), ec_buf_addc(&cats, '\0');
	if (zh)
		ec_buf_printf(p, "%s（%s）为%s，位于%s，涵盖%s", c->name_zh, c->code,
			      ec_value_name("tier", ec_tier_name(c->tier), EC_LANG_ZH)
				      ? ec_value_name("tier", ec_tier_name(c->tier), EC_LANG_ZH) : ec_tier_name(c->tier),
			      regions.data, cats.data);
	else
		ec_buf_printf(p, "%s (%s) is a %s in %s, covering %s", c->name_en, c->code, ec_tier_name(c->tier),
			      regions.data, cats.data);
	if (c->founded > 0)
		ec_buf_printf(p, zh ? "，%d年设立" : ", founded in %d", c->founded);
	if (zh)
		ec_buf_printf(p, "。按所在地区、所属领域和成员规则，共有成员企业%zu家。", members);
	else
		ec_buf_printf(p, ". Its regions, categories and member rules give it %zu member enterprise%s.", members,
			      members == 1 ? "" : "s");
	if (ind->year > 0) {
		ec_buf_adds(p, "\n\n");
		if (why == EC_SDC_SHOWN && !isnan(ind->value_added)) {
			ec_buf_printf(p, zh ? "%d年，报告期内有数据的成员企业%lld家，实现增加值%.1f亿元" : "In %d, %lld members reported; their value added was %.1f billion yuan",
				      ind->year, (long long)ind->enterprises, ind->value_added / (zh ? 1e5 : 1e6));
			if (!isnan(ind->growth_pct))
				ec_buf_printf(p, zh ? "，按可比价格计算比上年增长%.1f%%" : ", %.1f%% more than the year before at comparable prices",
					      ind->growth_pct);
			if (!isnan(ind->national_share_pct))
				ec_buf_printf(p, zh ? "，占全国同领域增加值的%.1f%%" : ", %.1f%% of the national value added of its categories",
					      ind->national_share_pct);
			ec_buf_adds(p, zh ? "。" : ". ");
		} else {
			ec_buf_printf(p, zh ? "%d年，成员企业的增加值等数据涉及企业过少或个别企业占比过大，不予公布（…）。"
					    : "In %d, the members' own figures are not published: too few enterprises, or one too large (…). ",
				      ind->year);
		}
		if (!isnan(ind->lq))
			ec_buf_printf(p, zh ? "区位商为%.2f（同级地区第75百分位数为%.2f），%s强集群标准，获评%d星（规模%d、专业化%d、绩效%d）。"
					    : "Its location quotient is %.2f (the 75th percentile of regions of its level: %.2f); it %s the strong-cluster rule, with %d stars (size %d, specialisation %d, performance %d).",
				      ind->lq, ind->lq_p75, ind->strong ? (zh ? "达到" : "meets") : (zh ? "未达到" : "does not meet"),
				      ind->stars, ind->star_size, ind->star_specialisation, ind->star_performance);
	}
	if (ev && ev->nrows) {
		ec_buf_adds(p, "\n\n");
		if (zh) {
			ec_buf_printf(p, "%d年%zu个登记集群的熵权TOPSIS综合评价中，排名第%s位", ind->year, ranked,
				      shown(ev, 0, "rank", x->lang, &cell));
			ec_buf_printf(p, "（权重扰动下第%s", shown(ev, 0, "rank_low", x->lang, &cell));
			ec_buf_printf(p, "至%s位），建议梯队为", shown(ev, 0, "rank_high", x->lang, &cell));
			ec_buf_printf(p, "%s。", shown(ev, 0, "recommended", x->lang, &cell));
			ec_buf_printf(p, "相对优势：%s；", *shown(ev, 0, "strengths", x->lang, &cell) ? cell.data : "无");
			ec_buf_printf(p, "相对短板：%s。", *shown(ev, 0, "weaknesses", x->lang, &cell) ? cell.data : "无");
		} else {
			ec_buf_printf(p, "In the entropy-weighted TOPSIS evaluation of %zu registered clusters for %d it ranks %s",
				      ranked, ind->year, shown(ev, 0, "rank", x->lang, &cell));
			ec_buf_printf(p, " (%s", shown(ev, 0, "rank_low", x->lang, &cell));
			ec_buf_printf(p, " to %s when the weights move); its recommended tier is ", shown(ev, 0, "rank_high", x->lang, &cell));
			ec_buf_printf(p, "%s. ", shown(ev, 0, "recommended", x->lang, &cell));
			ec_buf_printf(p, "Strengths: %s; ", *shown(ev, 0, "strengths", x->lang, &cell) ? cell.data : "none");
			ec_buf_printf(p, "weaknesses: %s.", *shown(ev, 0, "weaknesses", x->lang, &cell) ? cell.data : "none");
		}
	}
	ec_buf_adds(p, "\n\n");
	if (nprojects)
		ec_buf_printf(p, zh ? "项目库中属于该集群的项目%zu个，计划总投资%.2f亿元。" : "The project library holds %zu projects of the cluster, %.2f billion yuan of planned investment.",
			      nprojects, investment / (zh ? 1e5 : 1e6));
	else
		say(x, "项目库中暂无属于该集群的项目。", "The project library holds no project of the cluster.");
	ec_buf_release(&regions), ec_buf_release(&cats), ec_buf_release(&cell);
}

/* The profile of code into x (doc_init'ed here; the caller releases it),
** its latest year into *year. With counted not NULL, one of the prints at
** once is taken once the request is checked, before the work (*counted
** set; the caller gives it back). Returns as ec_app_report_cluster. */
static int cluster_doc(struct ec_app *app, const struct ec_actor *who, const char *code, enum ec_lang lang,
		       int *counted, struct doc *x, int *year, struct ec_diag *d)
{
	const struct ec_catalog *cat;
	struct ec_cluster c;
	struct ec_cluster_data cd;
	struct ec_cluster_indicators last = { 0 };
	enum ec_sdc_reason why = EC_SDC_SHOWN;
	struct ec_sdc_rule rule;
	uint8_t *member;
	char *err = NULL;
	size_t members, ranked = 0, nprojects;
	double investment;
	int rc;

	doc_init(x, lang);
	if (!app_report_may_read(who)) {
		ec_diag_problem(d, "request.role", NULL, 0, NULL, "role", ec_role_name(who->role), NULL);
		return EC_EDENIED;
	}
	if ((rc = ec_app_cluster(app, code, &c)) != EC_OK) {
		if (rc == EC_ENOTFOUND)
			ec_diag_problem(d, "cluster.not_found", NULL, 0, "code", "code", code, NULL);
		return rc == EC_ENOTFOUND ? rc : app_store_failed(app, d);
	}
	if (!(cat = app_catalog(app, d)))
		return EC_EIO;
	if (counted) {
		if ((rc = app_render_begin(d)) != EC_OK)
			return rc;
		*counted = 1;
	}
	if ((rc = ec_app_cluster_data(app, &cd, &err)) != EC_OK) {
		ec_diag_at(d, NULL, 0, NULL, "%s", err ? err : "the figures cannot be made");
		free(err);
		return rc;
	}
	member = ec_malloc(cd.nfirms + 1);
	if (ec_app_cluster_members(app, &cd, &c, member, &members) != EC_OK) {
		rc = app_store_failed(app, d);
	} else {
		ec_sdc_rule_default(&rule);
		cluster_years(x, &cd, &c, member, &rule, &last, &why);
		if (last.year <= 0 || cluster_evaluation(x, app, &cd, &c, last.year, &rule, &ranked) != EC_OK)
			ranked = 0;
		cluster_members(x, cat, &cd, member, last.year, &rule);
		cluster_projects(x, app, &c, &nprojects, &investment);
		if (lang == EC_LANG_ZH) {
			snprintf(x->title, sizeof x->title, "%s概况报告", c.name_zh);
			snprintf(x->subtitle, sizeof x->subtitle, "%s · %d年", c.code, last.year);
		} else {
			snprintf(x->title, sizeof x->title, "Cluster profile: %s", c.name_en);
			snprintf(x->subtitle, sizeof x->subtitle, "%s · %d", c.code, last.year);
		}
		cluster_prose(x, cat, &c, members, &last, why, ranked, nprojects, investment);
		x->notes = lang == EC_LANG_ZH
				   ? "1. 成员企业为集群所在地区、所属领域的企业，加上纳入、减去排除的企业；指标方法见方法说明（集群指标、星级与综合评价）。\n\n"
				     "2. 涉及企业少于3家或个别企业占比过大的数据及可据以推算的数据不予公布，以“…”表示；区位商、强集群规则与星级反映地区排位，照常公布。"
				   : "1. Members are the enterprises of the cluster's categories in its regions, with the included and without the excluded; the methods are in the methods document (cluster indicators, stars, evaluation).\n\n"
				     "2. Figures over fewer than 3 enterprises or dominated by one, and figures from which they could be worked out, are not published (…); the location quotient, the strong-cluster rule and the stars rank regions and are published.";
		*year = last.year;
	}
	free(member);
	ec_cluster_data_release(&cd);
	return rc;
}

int ec_app_report_cluster(struct ec_app *app, const struct ec_actor *who, const char *code,
			  const struct ec_report_query *q, struct ec_buf *out, struct ec_diag *d)
{
	struct doc x;
	int counted = 0, year = 0;
	int rc = cluster_doc(app, who, code, q->lang, q->format == EC_REPORT_PDF ? &counted : NULL, &x, &year, d);

	if (rc == EC_OK)
		rc = doc_render(&x, q->format, out, d);
	doc_release(&x);
	if (counted)
		app_render_end();
	return rc;
}

/* ---- the allocation ---- */

static const char *const plan_names[] = { "project", "fund", "fund_type", "amount" };
static const enum ec_col_kind plan_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };

/* The plan by project: what each project gets from whom (the run's plan,
** whose rows are fund, fund_type, project, amount, ordered by project,
** then fund). */
static int by_project(const void *a, const void *b)
{
	char *const *x = *(char *const *const *)a, *const *y = *(char *const *const *)b;
	int c = strcmp(x[2], y[2]);
	return c ? c : strcmp(x[0], y[0]);
}

static void allocation_plan(struct doc *x, const struct ec_table *plan, double *total, size_t *projects)
{
	struct ec_table *t = doc_table(x, "table-plan", "分配方案（按项目）", "The plan, by project", 4, plan_names,
				       plan_kinds);
	char ***rows = ec_malloc((plan->nrows + 1) * sizeof *rows);
	const char *previous = "";

	for (size_t r = 0; r < plan->nrows; r++)
		rows[r] = &plan->cells[r * plan->ncols];
	qsort(rows, plan->nrows, sizeof *rows, by_project);
	*total = 0, *projects = 0;
	for (size_t r = 0; r < plan->nrows; r++) {
		char **cell = rows[r];
		ec_table_addv(t, cell[2], cell[0], cell[1], cell[3]);
		*total += strtod(cell[3], NULL);
		*projects += strcmp(previous, cell[2]) != 0;
		previous = cell[2];
	}
	free(rows);
}

/* Copies table src (the same columns) into the next table of x. */
static void copy_table(struct doc *x, const struct ec_table *src, const char *id, const char *zh, const char *en)
{
	struct ec_table *t = doc_table(x, id, zh, en, src->ncols, src->names, src->kinds);

	for (size_t r = 0; r < src->nrows; r++)
		ec_table_add(t, (const char *const *)&src->cells[r * src->ncols]);
}

#define BINDING_SAID 12 /* binding constraints said one by one; the table has them all */

/* What a price means, said once: the objective gained per unit more. */
static void gain(struct doc *x, double price, const char *unit_zh, const char *unit_en)
{
	if (fabs(price) < 1e-9)
		ec_buf_printf(&x->prose, x->lang == EC_LANG_ZH ? "，影子价格为0（再增加%s不提高目标值）"
							 : ", with a shadow price of 0 (one %s more adds nothing)",
			      x->lang == EC_LANG_ZH ? unit_zh : unit_en);
	else
		ec_buf_printf(&x->prose, x->lang == EC_LANG_ZH ? "，每增加%s可使目标值提高%.4g" : ": one %s more would add %.4g to the objective",
			      x->lang == EC_LANG_ZH ? unit_zh : unit_en, price);
}

/* Each binding constraint and its shadow price in words: the funds, quotas
** and required amounts one by one, the gaps covered in full counted. */
static void allocation_binding(struct doc *x, const struct ec_table *prices)
{
	int zh = x->lang == EC_LANG_ZH;
	struct ec_buf *p = &x->prose;
	size_t said = 0, covered = 0;

	if (!prices->nrows) {
		say(x, "\n\n没有紧约束。", "\n\nNo constraint binds.");
		return;
	}
	ec_buf_printf(p, zh ? "\n\n紧约束%zu个（影子价格取自线性松弛）" : "\n\n%zu constraints bind (shadow prices of the LP relaxation)",
		      prices->nrows);
	for (size_t r = 0; r < prices->nrows; r++) {
		const char *const *c = (const char *const *)&prices->cells[r * prices->ncols];
		double bound = strtod(c[2], NULL), price = strtod(c[3], NULL);
		if (!strcmp(c[0], "project_source")) {
			covered++;
			continue;
		}
		if (said++ == BINDING_SAID)
			continue;
		ec_buf_adds(p, said == 1 ? (zh ? "：" : ": ") : (zh ? "；" : "; "));
		if (!strcmp(c[0], "fund_capacity")) {
			ec_buf_printf(p, zh ? "基金%s的资金（%.2f万元）已全部分配" : "fund %s is used in full (%.2f million yuan)", c[1], bound / (zh ? 10 : 1e3));
			gain(x, price * (zh ? 10 : 1e3), "1万元", "million yuan");
		} else if (!strcmp(c[0], "land_quota")) {
			ec_buf_printf(p, zh ? "地区%s的用地指标（%.2f亩）已用尽" : "the land quota of %s (%.2f mu) is used up", c[1], bound);
			gain(x, price, "1亩", "mu");
		} else if (!strcmp(c[0], "energy_quota")) {
			ec_buf_printf(p, zh ? "地区%s的能耗指标（%.2f吨标准煤）已用尽" : "the energy quota of %s (%.2f tce) is used up", c[1], bound);
			gain(x, price, "1吨标准煤", "tonne");
		} else {
			ec_buf_printf(p, zh ? "项目%s须按所需金额（%.2f万元）足额安排，每多安排1万元使目标值减少%.4g"
					    : "project %s must get exactly its required amount (%.2f million yuan): each million yuan costs %.4g",
				      c[1], bound / (zh ? 10 : 1e3), fabs(price) * (zh ? 10 : 1e3));
		}
	}
	if (said > BINDING_SAID)
		ec_buf_printf(p, zh ? "；另有%zu个，见下表" : "; %zu more in the table below", said - BINDING_SAID);
	if (covered)
		ec_buf_printf(p, zh ? "%s%zu项项目资金来源的缺口已全部补足" : "%s%zu gaps of a project's source are covered in full",
			      said ? (zh ? "；" : "; ") : (zh ? "：" : ": "), covered);
	say(x, "。", ".");
}

/* The solver's status in the report's language. */
static const char *status_words(const char *status, enum ec_lang lang)
{
	if (lang != EC_LANG_ZH)
		return status;
	if (!strcmp(status, "optimal"))
		return "最优解";
	if (!strcmp(status, "optimal (LP relaxation)"))
		return "线性松弛的最优解";
	return "达到时间上限，为已找到的最好方案";
}

/* The allocation of rq into x (doc_init'ed here; the caller releases it),
** its month into period; counted as cluster_doc's. Returns as
** ec_app_report_allocation. */
static int allocation_doc(struct ec_app *app, const struct ec_actor *who, const struct ec_allocation_request *rq,
			  enum ec_lang lang, int *counted, struct doc *x, char period[8], struct ec_diag *d)
{
	struct ec_allocation run;
	double total = 0, lacking = 0;
	size_t projects = 0, short_projects = 0;
	int zh = lang == EC_LANG_ZH, rc;

	doc_init(x, lang);
	if ((rc = app_allow(who, EC_MAY_ALLOCATE, d)) != EC_OK)
		return rc;
	if (counted) { /* the limit, before the solver */
		if ((rc = app_render_begin(d)) != EC_OK)
			return rc;
		*counted = 1;
	}
	if ((rc = ec_app_allocate(app, who, rq, &run, d)) != EC_OK)
		return rc;
	ec_period_format(run.period, period);
	allocation_plan(x, &run.plan, &total, &projects);
	copy_table(x, &run.lacking, "table-lacking", ec_allocation_sheets[EC_LANG_ZH][1], ec_allocation_sheets[EC_LANG_EN][1]);
	copy_table(x, &run.prices, "table-binding", ec_allocation_sheets[EC_LANG_ZH][2], ec_allocation_sheets[EC_LANG_EN][2]);
	for (size_t r = 0; r < run.lacking.nrows; r++) {
		const char *const *c = (const char *const *)&run.lacking.cells[r * run.lacking.ncols];
		double l = strtod(c[3], NULL);
		lacking += l;
		short_projects += l > 1e-6 && (r == 0 || strcmp(c[0], run.lacking.cells[(r - 1) * run.lacking.ncols]) != 0);
	}
	snprintf(x->title, sizeof x->title, "%s", zh ? "基金投向项目分配报告" : "Allocation of funds to projects");
	snprintf(x->subtitle, sizeof x->subtitle, "%s · %s · %s", period, ec_alloc_solver_name(rq->opts.solver),
		 status_words(run.result.status, lang));
	ec_buf_printf(&x->prose, zh ? "按%s期末各项目的资金缺口，以%s为目标求解基金向项目的分配（%s，%s）：向%zu个项目分配资金合计%.2f万元，目标值%.1f（线性松弛上界%.1f，差距%.2f%%）。"
				   : "The funds allocated to the projects' gaps at %s, maximising %s (%s, %s): %zu projects get %.2f million yuan in all; the objective is %.1f (LP bound %.1f, gap %.2f%%).",
		      period,
		      rq->opts.objective == EC_ALLOC_SHARE ? (zh ? "优先级加权的缺口补足比例" : "the priority-weighted share of each gap covered")
							   : (zh ? "优先级加权的补足金额" : "the priority-weighted amount covered"),
		      ec_alloc_solver_name(rq->opts.solver), status_words(run.result.status, lang), projects, total / (zh ? 10 : 1e3), run.result.objective,
		      run.result.lp_bound, run.result.gap_pct);
	ec_buf_printf(&x->prose, zh ? "\n\n分配后仍有%zu个项目存在资金缺口，合计%.2f万元。" : "\n\nAfterwards %zu projects still lack %.2f million yuan in all.",
		      short_projects, lacking / (zh ? 10 : 1e3));
	allocation_binding(x, &run.prices);
	x->notes = zh ? "1. 金额单位为万元；模型、约束与影子价格的含义见方法说明（资金分配）。影子价格为线性松弛的对偶值：整数投资额下资金的边际价值可能不同。\n\n"
		       "2. 本报告的数字来自项目库与基金名录，不含企业统计调查数据，无需披露控制。"
		     : "1. Amounts in million yuan; the model, its constraints and the meaning of the shadow prices are in the methods document (allocation). Shadow prices are the LP relaxation's duals: with whole tickets the marginal value of capital can differ.\n\n"
		       "2. The figures come from the project library and the fund registry, not from the enterprises' statistical reports: no disclosure control applies.";
	ec_allocation_release(&run);
	return EC_OK;
}

int ec_app_report_allocation(struct ec_app *app, const struct ec_actor *who, const struct ec_allocation_request *rq,
			     const struct ec_report_query *q, struct ec_buf *out, struct ec_diag *d)
{
	struct doc x;
	char period[8];
	int counted = 0;
	int rc = allocation_doc(app, who, rq, q->lang, q->format == EC_REPORT_PDF ? &counted : NULL, &x, period, d);

	if (rc == EC_OK)
		rc = doc_render(&x, q->format, out, d);
	doc_release(&x);
	if (counted)
		app_render_end();
	return rc;
}

/* ---- kept in the library of published reports ---- */

/* Keeps x's page and workbook in the library as kind, with the month (or
** year) and the subject (a cluster's code) it is of; audited as the
** bulletin's publication. Returns 0 with *id, or EC_EIO with a problem. */
static int publish_doc(struct ec_app *app, const struct ec_actor *who, const char *kind, const char *period,
		       const char *subject, const struct doc *x, int64_t *id, struct ec_diag *d)
{
	struct ec_published p;
	struct ec_buf html, xlsx;
	char id_text[24];
	int rc;

	ec_buf_init(&html, 0);
	ec_buf_init(&xlsx, 0);
	if ((rc = doc_render(x, EC_REPORT_HTML, &html, d)) == EC_OK)
		rc = doc_render(x, EC_REPORT_XLSX, &xlsx, d);
	if (rc == EC_OK && (rc = app_begin(app, d)) == EC_OK) {
		memset(&p, 0, sizeof p);
		snprintf(p.kind, sizeof p.kind, "%s", kind);
		snprintf(p.period, sizeof p.period, "%s", period);
		snprintf(p.region, sizeof p.region, "%s", subject);
		snprintf(p.lang, sizeof p.lang, "%s", x->lang == EC_LANG_EN ? "en" : "zh");
		p.generation = app->facts_before;
		snprintf(p.made_by, sizeof p.made_by, "%s", who->name);
		p.html = html.data, p.html_len = html.len;
		p.xlsx = xlsx.data, p.xlsx_len = xlsx.len;
		rc = ec_store_published_add(app->store, &p) == EC_OK ? EC_OK : app_store_failed(app, d);
		snprintf(id_text, sizeof id_text, "%lld", (long long)p.id);
		rc = app_end(app, rc, who, d, "report.publish", id_text,
			     "audit.report|kind=%s|period=%s|region=%s|lang=%s|generation=%lld", kind, p.period,
			     *p.region ? p.region : "national", p.lang, (long long)p.generation);
		if (rc == EC_OK)
			*id = p.id;
	}
	ec_buf_release(&html);
	ec_buf_release(&xlsx);
	return rc;
}

int ec_app_report_publish_cluster(struct ec_app *app, const struct ec_actor *who, const char *code, enum ec_lang lang,
				  int64_t *id, struct ec_diag *d)
{
	struct doc x;
	char year[8] = "";
	int y = 0, rc;

	*id = 0;
	if ((rc = app_allow(who, EC_MAY_PUBLISH, d)) != EC_OK)
		return rc;
	rc = cluster_doc(app, who, code, lang, NULL, &x, &y, d);
	if (y > 0 && y < 10000)
		snprintf(year, sizeof year, "%d", y % 10000);
	if (rc == EC_OK)
		rc = publish_doc(app, who, "cluster", year, code, &x, id, d);
	doc_release(&x);
	return rc;
}

int ec_app_report_publish_allocation(struct ec_app *app, const struct ec_actor *who,
				     const struct ec_allocation_request *rq, enum ec_lang lang, int64_t *id,
				     struct ec_diag *d)
{
	struct doc x;
	char period[8] = "";
	int rc;

	*id = 0;
	if ((rc = app_allow(who, EC_MAY_PUBLISH, d)) != EC_OK)
		return rc;
	if ((rc = allocation_doc(app, who, rq, lang, NULL, &x, period, d)) == EC_OK)
		rc = publish_doc(app, who, "allocation", period, "", &x, id, d);
	doc_release(&x);
	return rc;
}
