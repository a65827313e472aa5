/*
** A choropleth map of China by province as inline SVG, for reports that
** print (the bulletin's regions map): the provinces' outlines come from
** data/geo/china_provinces.csv, compiled into the binary (tools/embed.c),
** so that the map prints the same from the command as from the server,
** without the dashboard's build (docs/architecture.md, "Reports").
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "echelon/bulletin.h"
#include "echelon/report.h"

extern const unsigned char ec_data_china_provinces[];
extern const size_t ec_data_china_provinces_len;

/* The picture of data/geo/china_provinces.csv (web/scripts/geo-svg.js
** draws into it) and the frame of its South China Sea inset. */
#define MAP_W 656
#define MAP_H 507
#define INSET_X 548
#define INSET_Y 396
#define INSET_W 78
#define INSET_H 104

#define MAX_CLASSES 6 /* as many shades as each side has */
static const char *const reds[] = { "#fde0c5", "#f9b98f", "#f08a5d", "#d9573a", "#b02a23", "#7f1715" };
static const char *const blues[] = { "#d4e4f1", "#9ec4e0", "#5f9bc9", "#2f6ea6", "#174a7c", "#0b2f57" };
#define NO_FIGURE "#c8c8c8"
#define NOT_COVERED "#f4f4f4"
#define INK "#7b8594"

/* The classes of the figures: count equal steps from lo, zero an edge. */
struct classes {
	double lo, step;
	int count;
};

static double nice_step(double span)
{
	double raw = span / 5, p = pow(10, floor(log10(raw))), m = raw / p;

	return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/* The next nice step above step: 1, 2, 5, 10, 20 ... */
static double next_step(double step)
{
	double p = pow(10, floor(log10(step) + 1e-9)), m = step / p;

	return (m < 1.5 ? 2 : m < 3.5 ? 5 : 10) * p;
}

/* The classes of the published figures (rounded as printed): from lo, the
** figure's floor to a step, count classes, the last holding the highest
** figure; the step as nice_step gives it, widened until there are at most
** MAX_CLASSES. */
static void classes_of(const double *value, const int *shown, size_t n, struct classes *c)
{
	double lo = NAN, hi = NAN;

	c->lo = 0, c->step = 1, c->count = 0;
	for (size_t i = 0; i < n; i++) {
		double v = ec_bulletin_round(value[i]);
		if (!shown[i] || isnan(v))
			continue;
		lo = isnan(lo) || v < lo ? v : lo;
		hi = isnan(hi) || v > hi ? v : hi;
	}
	if (isnan(lo))
		return;
	for (c->step = nice_step(hi - lo > 1 ? hi - lo : 1);; c->step = next_step(c->step)) {
		c->lo = floor(lo / c->step + 1e-9) * c->step;
		c->count = (int)floor((hi - c->lo) / c->step + 1e-9) + 1;
		if (c->count <= MAX_CLASSES)
			break;
	}
}

/* The class of v: k such that lo + k step <= v < lo + (k + 1) step. */
static int class_of(const struct classes *c, double v)
{
	int k = (int)floor((ec_bulletin_round(v) - c->lo) / c->step + 1e-9);

	return k < 0 ? 0 : k >= c->count ? c->count - 1 : k;
}

/* A class's colour: reds from zero up, blues from zero down, darker away
** from zero. */
static const char *colour_of(const struct classes *c, int k)
{
	double bottom = c->lo + k * c->step;
	int from_zero = (int)floor(fabs(bottom) / c->step + 0.5);

	if (bottom >= -1e-9)
		return reds[from_zero < MAX_CLASSES ? from_zero : MAX_CLASSES - 1];
	return blues[from_zero - 1 < MAX_CLASSES ? from_zero - 1 : MAX_CLASSES - 1];
}

/* The figure of code, or -1 when none was given. */
static long find(const char *const *code, size_t n, const char *c, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(code[i]) == len && memcmp(code[i], c, len) == 0)
			return (long)i;
	return -1;
}

static void legend_entry(struct ec_buf *o, int row, const char *fill, const char *text)
{
	double y = MAP_H - 14 - 17.0 * row;

	ec_buf_printf(o, "<rect x=\"10\" y=\"%.1f\" width=\"18\" height=\"11\" fill=\"%s\" stroke=\"#888\" "
			 "stroke-width=\"0.5\"/><text x=\"34\" y=\"%.1f\" class=\"ax\">%s</text>",
		      y - 10, fill, y, text);
}

static void legend(struct ec_buf *o, const struct classes *c, enum ec_lang lang)
{
	int zh = lang == EC_LANG_ZH, row = 0, decimals = c->step < 1 ? 1 : 0;

	legend_entry(o, row++, NOT_COVERED, zh ? "未纳入统计" : "Not covered");
	legend_entry(o, row++, NO_FIGURE, zh ? "数据不予公布（…）" : "No figure (…)");
	for (int k = 0; k < c->count; k++) {
		char text[64];
		double from = c->lo + k * c->step, to = from + c->step;
		if (k == c->count - 1 && c->count > 1)
			snprintf(text, sizeof text, zh ? "%.*f及以上" : "%.*f and over", decimals, from);
		else
			snprintf(text, sizeof text, zh ? "%.*f至%.*f" : "%.*f to %.*f", decimals, from, decimals, to);
		legend_entry(o, row++, colour_of(c, k), text);
	}
	ec_buf_printf(o, "<text x=\"10\" y=\"%.1f\" class=\"ax\">%s</text>", MAP_H - 14 - 17.0 * row,
		      zh ? "增速（%）" : "Growth (%)");
}

void ec_report_map_china(struct ec_buf *o, const char *id, const char *title, const char *const *code,
			 const double *value, const int *shown, size_t n, enum ec_lang lang)
{
	const char *p = (const char *)ec_data_china_provinces, *end = p + ec_data_china_provinces_len;
	struct classes c;

	classes_of(value, shown, n, &c);
	ec_buf_printf(o, "<svg class=\"chart map\" id=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" "
			 "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>",
		      id, MAP_W, MAP_H, title);
	p += strcspn(p, "\n") + 1; /* the header */
	while (p < end && *p) {
		size_t line = strcspn(p, "\n"), len = strcspn(p, ",");
		const char *d = p + len + 1;
		if (len >= line) {
			p += line + 1;
			continue;
		}
		if (len == 15 && memcmp(p, "south_china_sea", 15) == 0) {
			ec_buf_printf(o, "<path class=\"inset\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.6\" d=\"%.*s\"/>",
				      INK, INK, (int)(line - len - 1), d);
		} else {
			long i = find(code, n, p, len);
			int figure = i >= 0 && shown[i] && !isnan(value[i]) && c.count > 0;
			ec_buf_printf(o, "<path data-code=\"%.*s\"", (int)len, p);
			if (figure)
				ec_buf_printf(o, " data-class=\"%d\" data-value=\"%.1f\"", class_of(&c, value[i]),
					      ec_bulletin_round(value[i]));
			ec_buf_printf(o, " fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.7\" d=\"%.*s\"/>",
				      figure ? colour_of(&c, class_of(&c, value[i])) : i >= 0 ? NO_FIGURE : NOT_COVERED,
				      (int)(line - len - 1), d);
		}
		p += line + 1;
	}
	ec_buf_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"%s\" "
			 "stroke-width=\"0.8\"/>",
		      INSET_X, INSET_Y, INSET_W, INSET_H, INK);
	legend(o, &c, lang);
	ec_buf_adds(o, "</svg>\n");
}
