/*
** The monthly bulletin as one self-contained HTML page that prints on A4:
** its sentences, charts drawn here as inline SVG (the months' growth, the
** areas' growth, the provinces' map: report_map.c), its tables and notes. Headless Chromium prints this
** page to make the PDF (src/app/reports.c).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "echelon/bulletin.h"
#include "echelon/report.h"

int ec_report_format_parse(const char *s)
{
	static const char *const names[] = { "html", "xlsx", "pdf", "text" };

	for (int i = 0; s && i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

const char *ec_report_media_type(enum ec_report_format f)
{
	switch (f) {
	case EC_REPORT_HTML: return "text/html; charset=utf-8";
	case EC_REPORT_XLSX: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case EC_REPORT_PDF: return "application/pdf";
	default: return "text/plain; charset=utf-8";
	}
}

const char *ec_report_extension(enum ec_report_format f)
{
	switch (f) {
	case EC_REPORT_HTML: return "html";
	case EC_REPORT_XLSX: return "xlsx";
	case EC_REPORT_PDF: return "pdf";
	default: return "txt";
	}
}

/* n bytes of text as HTML: & < > " escaped. */
static void esc_n(struct ec_buf *o, const char *s, size_t n)
{
	for (const char *end = s + n; s < end; s++) {
		switch (*s) {
		case '&': ec_buf_adds(o, "&amp;"); break;
		case '<': ec_buf_adds(o, "&lt;"); break;
		case '>': ec_buf_adds(o, "&gt;"); break;
		case '"': ec_buf_adds(o, "&quot;"); break;
		default: ec_buf_addc(o, *s);
		}
	}
}

static void esc(struct ec_buf *o, const char *s)
{
	esc_n(o, s, strlen(s));
}

/* A figure with one decimal, "…" when not published, "—" when undefined. */
static void cell(struct ec_buf *o, double v, int hidden)
{
	if (hidden)
		ec_buf_adds(o, "<td class=\"n\">…</td>");
	else if (isnan(v))
		ec_buf_adds(o, "<td class=\"n\">—</td>");
	else
		ec_buf_printf(o, "<td class=\"n\">%.1f</td>", ec_bulletin_round(v));
}

static const char *name_of(const struct ec_bulletin_figure *f, enum ec_lang lang)
{
	return lang == EC_LANG_ZH ? f->name_zh : f->name_en;
}

/* A step for axis ticks over span: 1, 2 or 5 times a power of ten, giving
** about five ticks. */
static double tick_step(double span)
{
	double raw = span / 5, p = pow(10, floor(log10(raw))), m = raw / p;

	return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

#define LINE_W 640
#define LINE_H 250
#define PAD_L 48
#define PAD_R 44
#define PAD_T 30
#define PAD_B 34

/* The cumulative growth of SEI and of all industry over the months of the
** year, January at the left, December at the right. */
static void line_chart(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *o)
{
	static const char *const colour[2] = { "#c23531", "#2f4554" };
	int zh = lang == EC_LANG_ZH;
	double lo = 0, hi = 0, step;
	double plot_w = LINE_W - PAD_L - PAD_R, plot_h = LINE_H - PAD_T - PAD_B;

	for (size_t i = 0; i < b->nmonths; i++) {
		double v[2] = { b->months[i].sei_growth_pct, b->months[i].all_growth_pct };
		for (int s = 0; s < 2; s++)
			if (!isnan(v[s])) {
				lo = v[s] < lo ? v[s] : lo;
				hi = v[s] > hi ? v[s] : hi;
			}
	}
	if (hi - lo < 1)
		hi = lo + 1;
	step = tick_step(hi - lo);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	ec_buf_printf(o, "<svg class=\"chart\" id=\"chart-months\" viewBox=\"0 0 %d %d\" role=\"img\" "
			 "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>",
		      LINE_W, LINE_H, zh ? "累计增速（%）" : "Cumulative growth (%)");
	for (double t = lo; t <= hi + step / 2; t += step) {
		double y = PAD_T + plot_h * (hi - t) / (hi - lo);
		ec_buf_printf(o, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>",
			      PAD_L, LINE_W - PAD_R, y, y, fabs(t) < step / 1e6 ? "#555" : "#ddd",
			      fabs(t) < step / 1e6 ? "1" : "0.6");
		ec_buf_printf(o, "<text x=\"%d\" y=\"%.1f\" class=\"ax\" text-anchor=\"end\">%.*f</text>", PAD_L - 6, y + 4,
			      step < 1 ? 1 : 0, fabs(t) < step / 1e6 ? 0.0 : t);
	}
	for (int k = 1; k <= 12; k++) {
		double x = PAD_L + plot_w * (k - 1) / 11;
		ec_buf_printf(o, "<text x=\"%.1f\" y=\"%d\" class=\"ax\" text-anchor=\"middle\">%d%s</text>", x,
			      LINE_H - PAD_B + 18, k, zh ? "月" : "");
	}
	for (int s = 0; s < 2; s++) {
		int open = 0;
		for (size_t i = 0; i < b->nmonths; i++) {
			double v = s == 0 ? b->months[i].sei_growth_pct : b->months[i].all_growth_pct;
			double x = PAD_L + plot_w * (ec_period_month(b->months[i].period) - 1) / 11;
			if (isnan(v)) {
				if (open)
					ec_buf_adds(o, "\"/>");
				open = 0;
				continue;
			}
			if (!open)
				ec_buf_printf(o, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", colour[s]);
			ec_buf_printf(o, "%.1f,%.1f ", x, PAD_T + plot_h * (hi - v) / (hi - lo));
			open = 1;
		}
		if (open)
			ec_buf_adds(o, "\"/>");
		for (size_t i = 0; i < b->nmonths; i++) {
			double v = s == 0 ? b->months[i].sei_growth_pct : b->months[i].all_growth_pct;
			double x = PAD_L + plot_w * (ec_period_month(b->months[i].period) - 1) / 11;
			double y = PAD_T + plot_h * (hi - v) / (hi - lo);
			if (isnan(v))
				continue;
			ec_buf_printf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, colour[s]);
			if (i + 1 == b->nmonths)
				ec_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"lb\" fill=\"%s\">%.1f</text>", x + 6,
					      y + (s == 0 ? -6 : 14), colour[s], ec_bulletin_round(v));
		}
		ec_buf_printf(o, "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"4\" fill=\"%s\"/>"
				 "<text x=\"%d\" y=\"14\" class=\"ax\">",
			      PAD_L + 200 * s, colour[s], PAD_L + 200 * s + 18);
		esc(o, name_of(s == 0 ? &b->sei : &b->all, lang));
		ec_buf_adds(o, "</text>");
	}
	ec_buf_adds(o, "</svg>\n");
}

#define BAR_W 640
#define BAR_ROW 24
#define BAR_LABEL 230

/* A group's row up to its value added: code, name (a * when the group is
** small), enterprises, and value added in 100 million yuan. */
static void row_head(struct ec_buf *o, const struct ec_bulletin_figure *f, enum ec_lang lang, int hide)
{
	ec_buf_printf(o, "<tr data-code=\"%s\"><td>", f->code);
	esc(o, name_of(f, lang));
	if (f->small && !hide)
		ec_buf_adds(o, "<sup>*</sup>");
	ec_buf_printf(o, "</td><td class=\"n\">%lld</td>", (long long)f->enterprises);
	cell(o, f->value_added / 1e5, hide);
}

/* The growth of each area, a bar from zero; an area not published says so. */
static void bar_chart(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *o)
{
	double lo = 0, hi = 0, plot_w = BAR_W - BAR_LABEL - 60, zero;
	int h = (int)b->nareas * BAR_ROW + 16;

	for (size_t i = 0; i < b->nareas; i++) {
		double v = b->areas[i].growth_pct;
		if (b->areas[i].reason != EC_SDC_SHOWN || isnan(v))
			continue;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	if (hi - lo < 1)
		hi = lo + 1;
	zero = BAR_LABEL + plot_w * (0 - lo) / (hi - lo);
	ec_buf_printf(o, "<svg class=\"chart\" id=\"chart-areas\" viewBox=\"0 0 %d %d\" role=\"img\" "
			 "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>",
		      BAR_W, h, lang == EC_LANG_ZH ? "分领域增速（%）" : "Growth by area (%)");
	for (size_t i = 0; i < b->nareas; i++) {
		const struct ec_bulletin_figure *f = &b->areas[i];
		double y = 8 + (double)i * BAR_ROW, v = f->growth_pct;
		ec_buf_printf(o, "<text x=\"%d\" y=\"%.1f\" class=\"ax\" text-anchor=\"end\">", BAR_LABEL - 8, y + 13);
		esc(o, name_of(f, lang));
		ec_buf_adds(o, "</text>");
		if (f->reason != EC_SDC_SHOWN || isnan(v)) {
			ec_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"lb\">…</text>", zero + 4, y + 13);
			continue;
		}
		{
			double x0 = zero, x1 = BAR_LABEL + plot_w * (v - lo) / (hi - lo);
			ec_buf_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
				      x1 < x0 ? x1 : x0, y + 2, fabs(x1 - x0), v < 0 ? "#61a0a8" : "#c23531");
			ec_buf_printf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"lb\" text-anchor=\"%s\">%.1f</text>",
				      v < 0 ? x1 - 4 : x1 + 4, y + 15, v < 0 ? "end" : "start", ec_bulletin_round(v));
		}
	}
	ec_buf_printf(o, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"4\" y2=\"%d\" stroke=\"#555\"/></svg>\n", zero, zero, h - 4);
}

static const char css[] =
	"@page{size:A4;margin:18mm 16mm 18mm 16mm}"
	"body{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",\"Songti SC\",\"SimSun\","
	"\"WenQuanYi Zen Hei\",serif;font-size:11pt;line-height:1.7;color:#111;margin:0 auto;max-width:180mm;"
	"padding:0 8px}"
	"h1,h2,.chart text{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
	"\"Microsoft YaHei\",\"WenQuanYi Zen Hei\",sans-serif}"
	"h1{font-size:18pt;text-align:center;margin:0.6em 0 0.2em}"
	".sub{text-align:center;color:#444;margin:0 0 1em}"
	"h2{font-size:12.5pt;margin:1.2em 0 0.4em;break-after:avoid}"
	"p.prose{text-indent:2em;margin:0.3em 0}"
	".chart{width:100%;height:auto;break-inside:avoid}.map{max-height:150mm}"
	".chart text{font-size:11px}.chart .lb{font-size:11px;font-weight:bold}"
	"table{border-collapse:collapse;width:100%;font-size:9.5pt;break-inside:avoid;margin:0.3em 0}"
	"th,td{border:1px solid #888;padding:2px 6px}th{background:#f0f0f0;font-weight:bold}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}"
	".notes{font-size:9pt;color:#333}.notes p{margin:0.2em 0}"
	"figure{margin:0.5em 0;break-inside:avoid}figcaption{text-align:center;font-size:10pt}"
	"@media print{body{max-width:none;padding:0}"
	/* printed (the PDF): a TrueType CJK face first, which Chromium embeds as a
	** named CID font subset (a CFF face such as Noto CJK becomes Type 3) */
	"body{font-family:\"WenQuanYi Zen Hei\",\"Noto Serif CJK SC\",serif}"
	"h1,h2,.chart text{font-family:\"WenQuanYi Zen Hei\",\"Noto Sans CJK SC\",sans-serif}}"
	"@media (max-width:480px){body{font-size:10.5pt}table{font-size:8.5pt}th,td{padding:2px 3px}}";

static void totals_table(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *o)
{
	int zh = lang == EC_LANG_ZH;
	const struct ec_bulletin_figure *rows[2] = { &b->sei, &b->all };

	ec_buf_printf(o, "<table id=\"table-totals\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
			 "<th>%s</th></tr></thead><tbody>",
		      zh ? "指标" : "Group", zh ? "企业数（家）" : "Enterprises",
		      zh ? "增加值（亿元）" : "Value added (100 million yuan)", zh ? "同比增长（%）" : "Growth (%)",
		      zh ? "增速差（百分点）" : "Gap (pp)", zh ? "占规模以上工业比重（%）" : "Share of all industry (%)");
	for (int i = 0; i < 2; i++) {
		const struct ec_bulletin_figure *f = rows[i];
		int hide = f->reason != EC_SDC_SHOWN;
		ec_buf_printf(o, "<tr data-code=\"%s\"><td>", f->code);
		esc(o, name_of(f, lang));
		ec_buf_printf(o, "</td><td class=\"n\">%lld</td>", (long long)f->enterprises);
		cell(o, f->value_added / 1e5, hide);
		cell(o, f->growth_pct, hide);
		cell(o, i == 0 ? f->gap_pp : NAN, hide || i == 1);
		cell(o, i == 0 ? f->share_pct : 100.0, hide);
		ec_buf_adds(o, "</tr>");
	}
	ec_buf_adds(o, "</tbody></table>\n");
}

static void areas_table(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *o)
{
	int zh = lang == EC_LANG_ZH;

	ec_buf_printf(o, "<table id=\"table-areas\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
			 "<th>%s</th><th>%s</th></tr></thead><tbody>",
		      zh ? "领域" : "Area", zh ? "企业数（家）" : "Enterprises",
		      zh ? "增加值（亿元）" : "Value added (100 million yuan)", zh ? "同比增长（%）" : "Growth (%)",
		      zh ? "上期累计增长（%）" : "Previous range (%)", zh ? "增速变化（百分点）" : "Change (pp)",
		      zh ? "占规模以上工业比重（%）" : "Share of all industry (%)");
	for (size_t i = 0; i < b->nareas; i++) {
		const struct ec_bulletin_figure *f = &b->areas[i];
		int hide = f->reason != EC_SDC_SHOWN;
		double change = ec_bulletin_round(f->growth_pct) - ec_bulletin_round(f->growth_previous_pct);
		row_head(o, f, lang, hide);
		cell(o, f->growth_pct, hide);
		cell(o, f->growth_previous_pct, hide);
		cell(o, change, hide);
		cell(o, f->share_pct, hide);
		ec_buf_adds(o, "</tr>");
	}
	ec_buf_adds(o, "</tbody></table>\n");
}

/* SEI by region one level down: the provinces of the national bulletin,
** the prefectures of a province's. */
static void regions_table(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *o)
{
	int zh = lang == EC_LANG_ZH;

	ec_buf_printf(o, "<table id=\"table-regions\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
			 "<th>%s</th></tr></thead><tbody>",
		      b->regions_kind == EC_G_PROVINCE ? (zh ? "地区" : "Province") : (zh ? "地区" : "Prefecture"),
		      zh ? "企业数（家）" : "Enterprises", zh ? "增加值（亿元）" : "Value added (100 million yuan)",
		      zh ? "同比增长（%）" : "Growth (%)", zh ? "增速差（百分点）" : "Gap (pp)",
		      zh ? "占本地区规模以上工业比重（%）" : "Share of the region's industry (%)");
	for (size_t i = 0; i < b->nregions; i++) {
		const struct ec_bulletin_figure *f = &b->regions[i];
		int hide = f->reason != EC_SDC_SHOWN;
		row_head(o, f, lang, hide);
		cell(o, f->growth_pct, hide);
		cell(o, f->gap_pp, hide);
		cell(o, f->share_pct, hide);
		ec_buf_adds(o, "</tr>");
	}
	ec_buf_adds(o, "</tbody></table>\n");
}

/* The national bulletin's map: the provinces' growth, the figures of the
** regions table. */
static void regions_map(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *o)
{
	const char *code[EC_BULLETIN_REGIONS_MAX];
	double value[EC_BULLETIN_REGIONS_MAX];
	int shown[EC_BULLETIN_REGIONS_MAX];

	for (size_t i = 0; i < b->nregions; i++) {
		code[i] = b->regions[i].code;
		value[i] = b->regions[i].growth_pct;
		shown[i] = b->regions[i].reason == EC_SDC_SHOWN;
	}
	ec_report_map_china(o, "chart-regions", lang == EC_LANG_ZH ? "分地区增速（%）" : "Growth by province (%)", code,
			    value, shown, b->nregions, lang);
}

static void months_table(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *o)
{
	int zh = lang == EC_LANG_ZH;

	ec_buf_printf(o, "<table id=\"table-months\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		      zh ? "时期" : "Months", zh ? "战略性新兴产业累计增长（%）" : "SEI, cumulative growth (%)",
		      zh ? "规模以上工业累计增长（%）" : "All industry, cumulative growth (%)");
	for (size_t i = 0; i < b->nmonths; i++) {
		char range[48];
		ec_bulletin_range(b->months[i].period, lang, range, sizeof range);
		ec_buf_printf(o, "<tr><td>%s</td>", range);
		cell(o, b->months[i].sei_growth_pct, 0);
		cell(o, b->months[i].all_growth_pct, 0);
		ec_buf_adds(o, "</tr>");
	}
	ec_buf_adds(o, "</tbody></table>\n");
}

int ec_bulletin_html(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *out)
{
	int zh = lang == EC_LANG_ZH, small = 0;
	struct ec_buf o, text;
	char range[48];
	int rc;

	ec_buf_init(&o, 0);
	ec_buf_init(&text, 0);
	ec_bulletin_range(b->period, lang, range, sizeof range);
	ec_buf_printf(&o, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
			  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>",
		      zh ? "zh-CN" : "en");
	if (zh) {
		esc(&o, b->region_zh);
		ec_buf_printf(&o, "战略性新兴产业月度统计公报（%d年%s）", ec_period_year(b->period), range);
	} else {
		ec_buf_adds(&o, "Strategic emerging industries: monthly bulletin, ");
		esc(&o, b->region_en);
		ec_buf_printf(&o, ", %s %d", range, ec_period_year(b->period));
	}
	ec_buf_printf(&o, "</title><style>%s</style></head><body>\n<h1>", css);
	if (zh) {
		esc(&o, b->region_zh);
		ec_buf_adds(&o, "战略性新兴产业月度统计公报</h1>\n");
		ec_buf_printf(&o, "<p class=\"sub\">%d年%s · 规模以上 · 可比价格</p>\n", ec_period_year(b->period), range);
	} else {
		ec_buf_adds(&o, "Strategic Emerging Industries: Monthly Bulletin — ");
		esc(&o, b->region_en);
		ec_buf_printf(&o, "</h1>\n<p class=\"sub\">%s %d · above designated size · comparable prices</p>\n", range,
			      ec_period_year(b->period));
	}
	ec_bulletin_text(b, lang, &text);
	{
		const char *p = text.data ? text.data : "";
		int first = 1;
		while (*p) {
			const char *end = strstr(p, "\n\n");
			size_t len = end ? (size_t)(end - p) : strlen(p);
			ec_buf_printf(&o, "<p class=\"prose\"%s>", first ? " id=\"headline\"" : "");
			esc_n(&o, p, len);
			ec_buf_adds(&o, "</p>\n");
			first = 0;
			p += len;
			if (end)
				p += 2;
		}
	}
	ec_buf_printf(&o, "<h2>%s</h2>\n", zh ? "一、主要指标" : "1. Main figures");
	totals_table(b, lang, &o);
	ec_buf_printf(&o, "<figure>");
	line_chart(b, lang, &o);
	ec_buf_printf(&o, "<figcaption>%s %d%s</figcaption></figure>\n", zh ? "图1" : "Figure 1.", ec_period_year(b->period),
		      zh ? "年规模以上战略性新兴产业与规模以上工业增加值累计增速（%）"
			 : ": cumulative growth of value added, SEI and all industry above designated size (%)");
	ec_buf_printf(&o, "<h2>%s</h2>\n", zh ? "二、分领域情况" : "2. By area");
	areas_table(b, lang, &o);
	ec_buf_printf(&o, "<figure>");
	bar_chart(b, lang, &o);
	ec_buf_printf(&o, "<figcaption>%s %s%s</figcaption></figure>\n", zh ? "图2" : "Figure 2.", range,
		      zh ? "战略性新兴产业分领域增加值增速（%）" : ": growth of value added by SEI area (%)");
	if (b->nregions) {
		int map = b->regions_kind == EC_G_PROVINCE;
		ec_buf_printf(&o, "<h2>%s</h2>\n", zh ? "三、分地区情况" : "3. By region");
		if (map) {
			ec_buf_adds(&o, "<figure>");
			regions_map(b, lang, &o);
			ec_buf_printf(&o, "<figcaption>%s %s%s</figcaption></figure>\n", zh ? "图3" : "Figure 3.", range,
				      zh ? "各地区规模以上战略性新兴产业增加值增速（%）"
					 : ": growth of SEI value added above designated size by province (%)");
		}
		regions_table(b, lang, &o);
	}
	ec_buf_printf(&o, "<h2>%s</h2>\n", b->nregions ? (zh ? "四、分月累计增速" : "4. Month by month")
						       : (zh ? "三、分月累计增速" : "3. Month by month"));
	months_table(b, lang, &o);
	for (size_t i = 0; i < b->nareas; i++)
		small |= b->areas[i].small && b->areas[i].reason == EC_SDC_SHOWN;
	ec_buf_printf(&o, "<div class=\"notes\"><h2>%s</h2>", zh ? "附注" : "Notes");
	if (zh) {
		ec_buf_adds(&o, "<p>1. 统计范围为上年主营业务收入2000万元及以上的工业企业（规模以上），同一样本比较；"
				"增加值按企业所属行业大类的工业生产者出厂价格指数缩减为上年价格（可比价格）。</p>"
				"<p>2. 战略性新兴产业按《战略性新兴产业分类（2018）》划分，每家企业计入其主要类别一次。</p>"
				"<p>3. 涉及企业少于3家的数据及可据以推算的数据不予公布，以“…”表示。");
		if (small)
			ec_buf_adds(&o, "标有“*”的领域样本企业少于10家，增速仅供参考，不参与排序。");
		ec_buf_adds(&o, "</p><p>4. 部分数据因四舍五入，存在总计与分项合计不等、增速差与增速之差相差0.1的情况。</p>");
	} else {
		ec_buf_adds(&o, "<p>1. Industrial enterprises with main business revenue of 20 million yuan or more in the "
				"previous year (above designated size), the same sample in both years; value added deflated "
				"to the previous year's prices by the producer price index of each enterprise's division "
				"(comparable prices).</p>"
				"<p>2. Strategic emerging industries as classified in 2018 by the National Bureau of Statistics; "
				"each enterprise counts once, in its primary category.</p>"
				"<p>3. Figures over fewer than 3 enterprises, and figures from which they could be worked out, "
				"are not published (…).");
		if (small)
			ec_buf_adds(&o, " An area marked * has fewer than 10 enterprises in the sample: its growth is "
					"indicative and not ranked.");
		ec_buf_adds(&o, "</p><p>4. Figures are rounded: a gap may differ by 0.1 from the difference of the "
				"rounded growth rates.</p>");
	}
	ec_buf_adds(&o, "</div>\n</body></html>\n");
	rc = ec_buf_add(out, o.data, o.len);
	ec_buf_release(&o);
	ec_buf_release(&text);
	return rc;
}

/* ---- pages of other reports: the cluster profile, the allocation ---- */

void ec_report_page_begin(struct ec_buf *o, enum ec_lang lang, const char *title, const char *subtitle)
{
	ec_buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
			 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>",
		      lang == EC_LANG_ZH ? "zh-CN" : "en");
	esc(o, title);
	ec_buf_printf(o, "</title><style>%s</style></head><body>\n<h1>", css);
	esc(o, title);
	ec_buf_adds(o, "</h1>\n<p class=\"sub\">");
	esc(o, subtitle);
	ec_buf_adds(o, "</p>\n");
}

void ec_report_page_heading(struct ec_buf *o, const char *text)
{
	ec_buf_adds(o, "<h2>");
	esc(o, text);
	ec_buf_adds(o, "</h2>\n");
}

void ec_report_page_prose(struct ec_buf *o, const char *text)
{
	while (*text) {
		const char *end = strstr(text, "\n\n");
		size_t len = end ? (size_t)(end - text) : strlen(text);
		ec_buf_adds(o, "<p class=\"prose\">");
		esc_n(o, text, len);
		ec_buf_adds(o, "</p>\n");
		text += len + (end ? 2 : 0);
	}
}

/* Whether row r of t is hidden by the disclosure control: its
** "suppression" column says a reason. */
static int row_hidden(const struct ec_table *t, size_t r)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (!strcmp(t->names[c], "suppression")) {
			const char *v = t->cells[r * t->ncols + c];
			return *v && strcmp(v, "shown") != 0;
		}
	return 0;
}

void ec_report_page_table(struct ec_buf *o, const char *id, const struct ec_table *t, enum ec_lang lang)
{
	struct ec_export x = { EC_FMT_CSV, lang, 0 };
	struct ec_buf cell;
	char head[256];
	int number;

	ec_buf_printf(o, "<table id=\"%s\"><thead><tr>", id);
	for (size_t c = 0; c < t->ncols; c++) {
		ec_export_header(t, c, &x, head, sizeof head);
		ec_buf_adds(o, "<th>");
		esc(o, head);
		ec_buf_adds(o, "</th>");
	}
	ec_buf_adds(o, "</tr></thead><tbody>");
	ec_buf_init(&cell, 0);
	for (size_t r = 0; r < t->nrows; r++) {
		int hidden = row_hidden(t, r);
		ec_buf_adds(o, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			int figure = t->kinds && t->kinds[c] == EC_COL_NUMBER;
			ec_export_cell(t, c, v, &x, &cell, &number);
			ec_buf_adds(o, figure ? "<td class=\"n\">" : "<td>");
			if (figure && !*v)
				ec_buf_adds(o, hidden ? "…" : "—"); /* not published, or undefined */
			else
				esc_n(o, cell.data ? cell.data : "", cell.len);
			ec_buf_adds(o, "</td>");
		}
		ec_buf_adds(o, "</tr>");
	}
	ec_buf_release(&cell);
	ec_buf_adds(o, "</tbody></table>\n");
}

void ec_report_page_end(struct ec_buf *o, const char *notes)
{
	if (notes && *notes) {
		ec_buf_adds(o, "<div class=\"notes\">");
		for (const char *p = notes; *p;) {
			const char *end = strstr(p, "\n\n");
			size_t len = end ? (size_t)(end - p) : strlen(p);
			ec_buf_adds(o, "<p>");
			esc_n(o, p, len);
			ec_buf_adds(o, "</p>");
			p += len + (end ? 2 : 0);
		}
		ec_buf_adds(o, "</div>\n");
	}
	ec_buf_adds(o, "</body></html>\n");
}
