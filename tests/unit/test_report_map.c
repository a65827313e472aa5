/* Unit tests of the choropleth map of China by province
** (src/format/report_map.c): a path per province of the embedded geometry
** and the South China Sea inset; each province filled by the class of its
** rounded figure, classes of a nice step with zero an edge, reds above
** zero and blues below, darker away from zero; a figure not published or
** undefined drawn as "no figure", a province without a figure as "not
** covered", both in the legend. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/report.h"

static const char *const codes[] = { "110000", "320000", "440000", "650000", "540000", "630000", "120000" };
static const double values[] = { 3.04, 12.96, 7.5, -4.2, 1.0, NAN, 0.0 };
static const int shown[] = { 1, 1, 1, 1, 0, 1, 1 };
#define N (sizeof codes / sizeof codes[0])

static char *map(enum ec_lang lang)
{
	struct ec_buf o;

	ec_buf_init(&o, 0);
	ec_report_map_china(&o, "m", "title", codes, values, shown, N, lang);
	ec_buf_addc(&o, '\0');
	return o.data;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

/* The attribute name="..." of the path of code, into out. */
static void attribute(const char *svg, const char *code, const char *name, char *out, size_t size)
{
	char key[64];
	const char *p, *end, *a;

	snprintf(key, sizeof key, "<path data-code=\"%s\"", code);
	p = strstr(svg, key);
	assert_non_null(p);
	end = strchr(p, '>');
	snprintf(key, sizeof key, " %s=\"", name);
	a = strstr(p, key);
	out[0] = '\0';
	if (a && a < end) {
		a += strlen(key);
		snprintf(out, size, "%.*s", (int)strcspn(a, "\""), a);
	}
}

static void test_paths(void **state)
{
	char *svg = map(EC_LANG_ZH);

	(void)state;
	assert_non_null(strstr(svg, "<svg class=\"chart map\" id=\"m\""));
	/* the 34 provincial-level regions of GB/T 2260, and the inset */
	assert_int_equal(count(svg, "<path data-code=\""), 34);
	for (const char *const *c = (const char *const[]){ "110000", "460000", "540000", "650000", "710000", "810000",
							     "820000", NULL };
	     *c; c++) {
		char key[40];
		snprintf(key, sizeof key, "<path data-code=\"%s\"", *c);
		assert_int_equal(count(svg, key), 1);
	}
	assert_int_equal(count(svg, "<path class=\"inset\""), 1);
	free(svg);
}

static void test_colours(void **state)
{
	char *svg = map(EC_LANG_ZH);
	char a[32], b[32], fill[32];

	(void)state;
	/* figures -4.2 .. 13.0: a step of 5 from -5, four classes */
	attribute(svg, "650000", "data-class", a, sizeof a);
	assert_string_equal(a, "0");
	attribute(svg, "120000", "data-class", a, sizeof a); /* 0.0: zero is an edge, the class above it */
	assert_string_equal(a, "1");
	attribute(svg, "110000", "data-class", a, sizeof a); /* 3.04 */
	assert_string_equal(a, "1");
	attribute(svg, "440000", "data-class", a, sizeof a); /* 7.5 */
	assert_string_equal(a, "2");
	attribute(svg, "320000", "data-class", a, sizeof a); /* 12.96 rounds to 13.0 */
	assert_string_equal(a, "3");
	attribute(svg, "320000", "data-value", a, sizeof a);
	assert_string_equal(a, "13.0");
	/* the colours follow the classes: a class's colour, and darker reds
	** away from zero */
	attribute(svg, "110000", "fill", a, sizeof a);
	attribute(svg, "120000", "fill", b, sizeof b);
	assert_string_equal(a, b);
	attribute(svg, "440000", "fill", b, sizeof b);
	assert_string_not_equal(a, b);
	assert_true(strcmp(a, "#fde0c5") == 0 && strcmp(b, "#f9b98f") == 0);
	attribute(svg, "650000", "fill", fill, sizeof fill);
	assert_string_equal(fill, "#d4e4f1"); /* below zero: blue */
	/* not published, undefined: no figure; not given: not covered */
	attribute(svg, "540000", "fill", a, sizeof a);
	attribute(svg, "630000", "fill", b, sizeof b);
	assert_string_equal(a, "#c8c8c8");
	assert_string_equal(b, "#c8c8c8");
	attribute(svg, "540000", "data-value", a, sizeof a);
	assert_string_equal(a, "");
	attribute(svg, "710000", "fill", a, sizeof a);
	assert_string_equal(a, "#f4f4f4");
	/* the legend: every class, and both kinds without a figure */
	assert_non_null(strstr(svg, ">-5至0<"));
	assert_non_null(strstr(svg, ">10及以上<"));
	assert_non_null(strstr(svg, ">数据不予公布（…）<"));
	assert_non_null(strstr(svg, ">未纳入统计<"));
	free(svg);
}

static void test_english_and_nothing_shown(void **state)
{
	static const int none[N] = { 0 };
	struct ec_buf o;
	char *svg = map(EC_LANG_EN);

	(void)state;
	assert_non_null(strstr(svg, ">10 and over<"));
	assert_non_null(strstr(svg, ">No figure (…)<"));
	free(svg);
	ec_buf_init(&o, 0);
	ec_report_map_china(&o, "m", "t", codes, values, none, N, EC_LANG_EN);
	ec_buf_addc(&o, '\0');
	assert_int_equal(count(o.data, "data-class"), 0);
	assert_int_equal(count(o.data, "fill=\"#c8c8c8\" stroke=\"#fff\""), 7);
	ec_buf_release(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_colours),
		cmocka_unit_test(test_english_and_nothing_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
