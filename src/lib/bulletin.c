/*
** The monthly bulletin: its figures from the monitoring cube, under the
** disclosure control, and its sentences in the statistics bureau's style
** (docs/methods.md, "The monthly bulletin").
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/bulletin.h"
#include "echelon/catalog.h"

double ec_bulletin_round(double v)
{
	double r;

	if (isnan(v))
		return v;
	r = v < 0 ? -floor(-v * 10 + 0.5) / 10 : floor(v * 10 + 0.5) / 10;
	return r == 0 ? 0.0 : r; /* no -0.0 */
}

void ec_bulletin_range(int period, enum ec_lang lang, char *out, size_t size)
{
	static const char *const months_en[] = { "January", "February", "March", "April", "May", "June",
						  "July", "August", "September", "October", "November", "December" };
	int m = ec_period_month(period);

	if (lang == EC_LANG_ZH)
		snprintf(out, size, m == 1 ? "1月份" : "1—%d月份", m);
	else if (m == 1)
		snprintf(out, size, "January");
	else
		snprintf(out, size, "January–%s", months_en[m - 1]);
}

static void figure_from(struct ec_bulletin_figure *f, const struct ec_monitor_row *r, enum ec_sdc_reason reason)
{
	snprintf(f->code, sizeof f->code, "%s", r->group_code);
	f->enterprises = r->enterprises;
	f->reason = reason;
	f->small = r->enterprises < EC_BULLETIN_SMALL;
	f->growth_previous_pct = NAN;
	if (reason != EC_SDC_SHOWN) {
		f->value_added = f->growth_pct = f->gap_pp = f->share_pct = NAN;
		return;
	}
	f->value_added = r->value_added;
	f->growth_pct = r->growth_pct;
	f->gap_pp = r->gap_pp;
	f->share_pct = r->share_pct;
}

static void name_area(struct ec_bulletin_figure *f, const struct ec_catalog *cat)
{
	const struct ec_category *c = cat ? ec_catalog_find_category(cat, f->code, strlen(f->code)) : NULL;

	snprintf(f->name_zh, sizeof f->name_zh, "%s", c && c->name_zh ? c->name_zh : f->code);
	snprintf(f->name_en, sizeof f->name_en, "%s", c && c->name_en ? c->name_en : f->code);
}

/* The rows of one query (breakdown by) under the rule: reason[n] (caller
** frees). */
static int query(const struct ec_monitor *m, int period, enum ec_monitor_by by, const char *region,
		 struct ec_monitor_row **rows, enum ec_sdc_reason **reason, size_t *n, const struct ec_sdc_rule *rule,
		 char **err)
{
	int rc = ec_monitor_query(m, period, EC_BASIS_CUMULATIVE, by, region, rows, n, err);

	if (rc != EC_OK)
		return rc;
	*reason = ec_malloc((*n ? *n : 1) * sizeof **reason);
	ec_monitor_rows_sdc(*rows, *n, rule, *reason);
	return EC_OK;
}

/* The regions one level below region into b->regions: the monitor's rows
** by province (national) or prefecture (a province), under the rule with
** complementary suppression among them; a prefecture has none. */
static int regions_of(const struct ec_monitor *m, const struct ec_catalog *cat, int period, const char *region,
		      const struct ec_sdc_rule *rule, struct ec_bulletin *b, char **err)
{
	struct ec_monitor_row *rows = NULL;
	enum ec_sdc_reason *reason = NULL;
	size_t n = 0;
	int rc;

	b->regions_kind = *region ? EC_G_PREFECTURE : EC_G_PROVINCE;
	if (*region && (strlen(region) != 6 || strcmp(region + 2, "0000") != 0))
		return EC_OK;
	rc = query(m, period, *region ? EC_BY_PREFECTURE : EC_BY_PROVINCE, region, &rows, &reason, &n, rule, err);
	for (size_t i = 0; rc == EC_OK && i < n; i++) {
		const char *code = rows[i].group_code;
		const struct ec_region *r;
		struct ec_bulletin_figure *f;
		if (rows[i].kind != b->regions_kind || b->nregions == EC_BULLETIN_REGIONS_MAX)
			continue;
		f = &b->regions[b->nregions++];
		figure_from(f, &rows[i], reason[i]);
		r = cat ? ec_catalog_find_region(cat, code, strlen(code)) : NULL;
		snprintf(f->name_zh, sizeof f->name_zh, "%s", r && r->name_zh ? r->name_zh : code);
		snprintf(f->name_en, sizeof f->name_en, "%s", r && r->name_en ? r->name_en : code);
	}
	free(rows);
	free(reason);
	return rc;
}

int ec_bulletin_make(const struct ec_monitor *m, const struct ec_catalog *cat, int period, const char *region,
		     const struct ec_sdc_rule *rule, struct ec_bulletin *b, char **err)
{
	struct ec_monitor_row *rows = NULL, *prev = NULL;
	enum ec_sdc_reason *reason = NULL, *prev_reason = NULL;
	size_t n = 0, nprev = 0;
	int rc, month = ec_period_month(period);

	memset(b, 0, sizeof *b);
	*err = NULL;
	region = region ? region : "";
	if ((rc = query(m, period, EC_BY_AREA, region, &rows, &reason, &n, rule, err)) != EC_OK)
		goto out;
	if (month > 1 && (rc = query(m, period - 1, EC_BY_AREA, region, &prev, &prev_reason, &nprev, rule, err)) != EC_OK)
		goto out;
	if ((rc = regions_of(m, cat, period, region, rule, b, err)) != EC_OK)
		goto out;
	b->period = period;
	snprintf(b->region, sizeof b->region, "%s", region);
	if (!*region) {
		snprintf(b->region_zh, sizeof b->region_zh, "全国");
		snprintf(b->region_en, sizeof b->region_en, "China");
	} else {
		const struct ec_region *r = cat ? ec_catalog_find_region(cat, region, strlen(region)) : NULL;
		snprintf(b->region_zh, sizeof b->region_zh, "%s", r && r->name_zh ? r->name_zh : region);
		snprintf(b->region_en, sizeof b->region_en, "%s", r && r->name_en ? r->name_en : region);
	}
	for (size_t i = 0; i < n; i++) {
		struct ec_bulletin_figure *f;
		if (rows[i].kind == EC_G_ALL)
			f = &b->all;
		else if (rows[i].kind == EC_G_SEI)
			f = &b->sei;
		else if (rows[i].kind == EC_G_AREA && b->nareas < EC_NAREAS_MAX)
			f = &b->areas[b->nareas++];
		else
			continue;
		figure_from(f, &rows[i], reason[i]);
		/* the same group a month earlier, when both are published */
		for (size_t j = 0; j < nprev; j++)
			if (prev[j].kind == rows[i].kind && strcmp(prev[j].group_code, rows[i].group_code) == 0 &&
			    prev_reason[j] == EC_SDC_SHOWN && reason[i] == EC_SDC_SHOWN)
				f->growth_previous_pct = prev[j].growth_pct;
		if (rows[i].kind == EC_G_AREA)
			name_area(f, cat);
	}
	snprintf(b->all.name_zh, sizeof b->all.name_zh, "规模以上工业");
	snprintf(b->all.name_en, sizeof b->all.name_en, "All industry above designated size");
	snprintf(b->sei.name_zh, sizeof b->sei.name_zh, "战略性新兴产业");
	snprintf(b->sei.name_en, sizeof b->sei.name_en, "Strategic emerging industries");
	/* the months of the year, for the chart: the totals only, each under the rule */
	for (int k = 1; k <= month; k++) {
		struct ec_monitor_row *t = NULL;
		struct ec_bulletin_month *bm = &b->months[b->nmonths++];
		char *e = NULL;
		size_t nt = 0;
		bm->period = period - (month - k);
		bm->sei_growth_pct = bm->all_growth_pct = NAN;
		if (ec_monitor_query(m, bm->period, EC_BASIS_CUMULATIVE, EC_BY_NONE, region, &t, &nt, &e) == EC_OK) {
			for (size_t i = 0; i < nt; i++) {
				double g = ec_sdc_cell(rule, t[i].enterprises, NAN, t[i].value_added) == EC_SDC_SHOWN
						   ? t[i].growth_pct
						   : NAN;
				if (t[i].kind == EC_G_ALL)
					bm->all_growth_pct = g;
				else if (t[i].kind == EC_G_SEI)
					bm->sei_growth_pct = g;
			}
		}
		free(t);
		free(e);
	}
	ec_bulletin_rank(b);
out:
	free(rows);
	free(prev);
	free(reason);
	free(prev_reason);
	if (rc != EC_OK) {
		memset(b, 0, sizeof *b);
		b->leading = b->lagging = -1;
	}
	return rc;
}

static int rankable(const struct ec_bulletin_figure *f)
{
	return f->reason == EC_SDC_SHOWN && !f->small && !isnan(f->growth_pct);
}

void ec_bulletin_rank(struct ec_bulletin *b)
{
	int count = 0;

	b->leading = b->lagging = -1;
	for (size_t i = 0; i < b->nareas; i++) {
		double g;
		if (!rankable(&b->areas[i]))
			continue;
		count++;
		g = ec_bulletin_round(b->areas[i].growth_pct);
		if (b->leading < 0 || g > ec_bulletin_round(b->areas[b->leading].growth_pct))
			b->leading = (int)i;
		if (b->lagging < 0 || g < ec_bulletin_round(b->areas[b->lagging].growth_pct))
			b->lagging = (int)i;
	}
	if (count < 2)
		b->lagging = -1;
}

/* ---- the sentences ---- */

/* "增长2.9%", "下降1.3%", "与上年同期持平"; "grew by 2.9%", "fell by
** 1.3%", "was unchanged". */
static void growth_words(struct ec_buf *o, double growth, enum ec_lang lang)
{
	double g = ec_bulletin_round(growth);

	if (lang == EC_LANG_ZH) {
		if (g > 0)
			ec_buf_printf(o, "同比增长%.1f%%", g);
		else if (g < 0)
			ec_buf_printf(o, "同比下降%.1f%%", -g);
		else
			ec_buf_adds(o, "与上年同期持平");
	} else {
		if (g > 0)
			ec_buf_printf(o, "grew by %.1f%% year on year", g);
		else if (g < 0)
			ec_buf_printf(o, "fell by %.1f%% year on year", -g);
		else
			ec_buf_adds(o, "was unchanged year on year");
	}
}

/* The change of growth against the previous range: rounded figures'
** difference, with the bureau's words for growth (加快/回落) and for a
** decline on both sides (降幅收窄/扩大). */
static void change_words(struct ec_buf *o, double growth, double previous, const char *previous_range,
			 enum ec_lang lang)
{
	double g = ec_bulletin_round(growth), p = ec_bulletin_round(previous);
	double d = ec_bulletin_round(g - p);
	int decline = g < 0 && p < 0;

	if (lang == EC_LANG_ZH) {
		if (d == 0)
			ec_buf_printf(o, "%s与%s持平", decline ? "降幅" : "增速", previous_range);
		else if (decline)
			ec_buf_printf(o, "降幅比%s%s%.1f个百分点", previous_range, d > 0 ? "收窄" : "扩大", fabs(d));
		else
			ec_buf_printf(o, "增速比%s%s%.1f个百分点", previous_range, d > 0 ? "加快" : "回落", fabs(d));
	} else {
		if (d == 0)
			ec_buf_printf(o, "%s as in %s", decline ? "the decline was the same" : "growth was at the same pace",
				      previous_range);
		else if (decline)
			ec_buf_printf(o, "the decline %s by %.1f percentage points against %s",
				      d > 0 ? "narrowed" : "widened", fabs(d), previous_range);
		else
			ec_buf_printf(o, "growth was %.1f percentage points %s than in %s", fabs(d),
				      d > 0 ? "faster" : "slower", previous_range);
	}
}

static int shown(const struct ec_bulletin_figure *f)
{
	return f->reason == EC_SDC_SHOWN && !isnan(f->growth_pct);
}

static void headline(const struct ec_bulletin *b, enum ec_lang lang, const char *range, const char *previous_range,
		     struct ec_buf *o)
{
	const struct ec_bulletin_figure *s = &b->sei;
	int zh = lang == EC_LANG_ZH;
	int has_previous = ec_period_month(b->period) > 1 && !isnan(s->growth_previous_pct);

	if (!shown(s)) {
		if (zh)
			ec_buf_printf(o, "%s，%s规模以上战略性新兴产业涉及企业较少，增加值增速不予公布。", range, b->region_zh);
		else
			ec_buf_printf(o, "In %s, the growth of strategic emerging industries above designated size %s%s "
				      "is not published: it covers too few enterprises.", range,
				      *b->region ? "in " : "nationwide", *b->region ? b->region_en : "");
		return;
	}
	if (zh) {
		double gap = ec_bulletin_round(s->gap_pp);
		ec_buf_printf(o, "%s，%s规模以上战略性新兴产业增加值", range, b->region_zh);
		growth_words(o, s->growth_pct, lang);
		if (!isnan(gap)) {
			if (gap == 0)
				ec_buf_adds(o, "，增速与规模以上工业持平");
			else
				ec_buf_printf(o, "，增速比规模以上工业%s%.1f个百分点", gap > 0 ? "快" : "慢", fabs(gap));
		}
		if (has_previous) {
			struct ec_buf c;
			ec_buf_init(&c, 0);
			change_words(&c, s->growth_pct, s->growth_previous_pct, previous_range, lang);
			/* after the gap "增速比…" is understood: "，比1—5月份加快…" */
			ec_buf_adds(o, "，");
			ec_buf_adds(o, !isnan(gap) && strncmp(c.data, "增速比", 9) == 0 ? c.data + 6 : c.data);
			ec_buf_release(&c);
		}
		ec_buf_adds(o, "。");
	} else {
		double gap = ec_bulletin_round(s->gap_pp);
		ec_buf_printf(o, "In %s, value added of strategic emerging industries above designated size %s%s ", range,
			      *b->region ? "in " : "nationwide", *b->region ? b->region_en : "");
		growth_words(o, s->growth_pct, lang);
		if (!isnan(gap)) {
			if (gap == 0)
				ec_buf_adds(o, ", at the same pace as all industry above designated size");
			else
				ec_buf_printf(o, ", %.1f percentage points %s than all industry above designated size",
					      fabs(gap), gap > 0 ? "faster" : "slower");
		}
		if (has_previous) {
			ec_buf_adds(o, "; ");
			change_words(o, s->growth_pct, s->growth_previous_pct, previous_range, lang);
		}
		ec_buf_adds(o, ".");
	}
}

static void totals(const struct ec_bulletin *b, enum ec_lang lang, const char *previous_range, struct ec_buf *o)
{
	int zh = lang == EC_LANG_ZH;

	(void)previous_range;
	if (shown(&b->all)) {
		ec_buf_adds(o, zh ? "规模以上工业增加值" : "Value added of all industry above designated size ");
		growth_words(o, b->all.growth_pct, lang);
		ec_buf_adds(o, zh ? "。" : ".");
	}
	if (b->sei.reason == EC_SDC_SHOWN && !isnan(b->sei.share_pct)) {
		if (zh)
			ec_buf_printf(o, "战略性新兴产业增加值占规模以上工业增加值的比重为%.1f%%。",
				      ec_bulletin_round(b->sei.share_pct));
		else
			ec_buf_printf(o, "%sStrategic emerging industries made up %.1f%% of it.", shown(&b->all) ? " " : "",
				      ec_bulletin_round(b->sei.share_pct));
	}
}

static void areas(const struct ec_bulletin *b, enum ec_lang lang, const char *previous_range, struct ec_buf *o)
{
	int zh = lang == EC_LANG_ZH;
	size_t published = 0, growing = 0, hidden = 0;

	(void)previous_range;
	for (size_t i = 0; i < b->nareas; i++) {
		if (!shown(&b->areas[i])) {
			hidden += b->areas[i].reason != EC_SDC_SHOWN;
			continue;
		}
		published++;
		growing += ec_bulletin_round(b->areas[i].growth_pct) > 0;
	}
	if (published == 0 && hidden == 0)
		return;
	if (published > 0 && zh) {
		if (growing == published)
			ec_buf_printf(o, "分领域看，公布数据的%zu个领域增加值均同比增长。", published);
		else if (growing == 0)
			ec_buf_printf(o, "分领域看，公布数据的%zu个领域增加值均未实现增长。", published);
		else
			ec_buf_printf(o, "分领域看，公布数据的%zu个领域中，%zu个领域增加值同比增长。", published, growing);
	} else if (published > 0) {
		ec_buf_printf(o, "By area, value added grew in %zu of the %zu areas published.", growing, published);
	}
	if (zh && b->leading >= 0) {
		ec_buf_printf(o, "其中，%s增长最快，", b->areas[b->leading].name_zh);
		growth_words(o, b->areas[b->leading].growth_pct, lang);
		if (b->lagging >= 0) {
			const struct ec_bulletin_figure *f = &b->areas[b->lagging];
			ec_buf_printf(o, "；%s%s，", f->name_zh, ec_bulletin_round(f->growth_pct) < 0 ? "降幅最大" : "增速最低");
			growth_words(o, f->growth_pct, lang);
		}
		ec_buf_adds(o, "。");
	} else if (b->leading >= 0) {
		const struct ec_bulletin_figure *f = &b->areas[b->leading];
		ec_buf_printf(o, " Growth was fastest in %s (%.1f%%)", f->name_en, ec_bulletin_round(f->growth_pct));
		if (b->lagging >= 0)
			ec_buf_printf(o, " and lowest in %s (%.1f%%)", b->areas[b->lagging].name_en,
				      ec_bulletin_round(b->areas[b->lagging].growth_pct));
		ec_buf_adds(o, ".");
	}
	if (hidden > 0) {
		if (zh)
			ec_buf_printf(o, "%s%zu个领域涉及企业较少，数据不予公布。", published ? "另有" : "分领域看，", hidden);
		else
			ec_buf_printf(o, "%sThe figures of %zu area%s are not published: %s too few enterprises.",
				      published ? " " : "", hidden, hidden == 1 ? "" : "s", hidden == 1 ? "it covers" : "they cover");
	}
}

/* The areas whose growth moved EC_BULLETIN_NOTABLE_PP or more, the largest
** moves first. */
static void notable(const struct ec_bulletin *b, enum ec_lang lang, const char *previous_range, struct ec_buf *o)
{
	int zh = lang == EC_LANG_ZH;
	size_t order[EC_NAREAS_MAX], n = 0, any = 0;

	if (ec_period_month(b->period) == 1)
		return;
	for (size_t i = 0; i < b->nareas; i++) {
		const struct ec_bulletin_figure *f = &b->areas[i];
		if (!shown(f) || isnan(f->growth_previous_pct))
			continue;
		any++;
		if (fabs(ec_bulletin_round(ec_bulletin_round(f->growth_pct) - ec_bulletin_round(f->growth_previous_pct))) >=
		    EC_BULLETIN_NOTABLE_PP)
			order[n++] = i;
	}
	if (!any)
		return;
	for (size_t i = 1; i < n; i++) /* insertion sort by the size of the move, stable */
		for (size_t j = i; j > 0; j--) {
			const struct ec_bulletin_figure *x = &b->areas[order[j]], *y = &b->areas[order[j - 1]];
			double dx = fabs(ec_bulletin_round(x->growth_pct) - ec_bulletin_round(x->growth_previous_pct));
			double dy = fabs(ec_bulletin_round(y->growth_pct) - ec_bulletin_round(y->growth_previous_pct));
			size_t t;
			if (dx <= dy)
				break;
			t = order[j], order[j] = order[j - 1], order[j - 1] = t;
		}
	if (n > EC_BULLETIN_NOTABLE_MAX)
		n = EC_BULLETIN_NOTABLE_MAX;
	if (n == 0) {
		if (zh)
			ec_buf_printf(o, "与%s相比，各领域增速变化均在%.0f个百分点以内。", previous_range, EC_BULLETIN_NOTABLE_PP);
		else
			ec_buf_printf(o, "Against %s, no area's growth moved by %.0f percentage points or more.",
				      previous_range, EC_BULLETIN_NOTABLE_PP);
		return;
	}
	ec_buf_printf(o, zh ? "与%s相比，" : "Against %s, ", previous_range);
	for (size_t k = 0; k < n; k++) {
		const struct ec_bulletin_figure *f = &b->areas[order[k]];
		double g = ec_bulletin_round(f->growth_pct), p = ec_bulletin_round(f->growth_previous_pct);
		double d = ec_bulletin_round(g - p);
		int decline = g < 0 && p < 0;
		if (k > 0)
			ec_buf_adds(o, zh ? "，" : (k + 1 == n ? " and " : ", "));
		if (zh)
			ec_buf_printf(o, "%s%s%s%.1f个百分点", f->name_zh, decline ? "降幅" : "增速",
				      decline ? (d > 0 ? "收窄" : "扩大") : (d > 0 ? "加快" : "回落"), fabs(d));
		else if (decline)
			ec_buf_printf(o, "the decline of %s %s by %.1f points", f->name_en, d > 0 ? "narrowed" : "widened", fabs(d));
		else
			ec_buf_printf(o, "%s %s by %.1f points", f->name_en, d > 0 ? "quickened" : "slowed", fabs(d));
	}
	ec_buf_adds(o, zh ? "。" : ".");
}

int ec_bulletin_text(const struct ec_bulletin *b, enum ec_lang lang, struct ec_buf *out)
{
	void (*const paragraphs[])(const struct ec_bulletin *, enum ec_lang, const char *, struct ec_buf *) = {
		totals, areas, notable
	};
	char range[48], previous_range[48] = "";
	struct ec_buf o;
	int rc;

	ec_bulletin_range(b->period, lang, range, sizeof range);
	if (ec_period_month(b->period) > 1)
		ec_bulletin_range(b->period - 1, lang, previous_range, sizeof previous_range);
	ec_buf_init(&o, 0);
	headline(b, lang, range, previous_range, &o);
	for (size_t i = 0; i < sizeof paragraphs / sizeof paragraphs[0]; i++) {
		size_t mark = o.len;
		ec_buf_adds(&o, "\n\n");
		paragraphs[i](b, lang, previous_range, &o);
		if (o.len == mark + 2) /* nothing to say */
			o.len = mark, o.data[mark] = '\0';
	}
	rc = ec_buf_add(out, o.data, o.len);
	ec_buf_release(&o);
	return rc;
}
