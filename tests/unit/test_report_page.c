/* Unit tests of the page of a report other than the bulletin (the cluster
** profile, the allocation; src/format/report_html.c): cells as a download
** shows them (units, rounding, yes/no, codes named), an empty figure "…"
** in a row the disclosure control hides and "—" in one it does not, text
** escaped, paragraphs and notes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/report.h"

static const char *const names[] = { "year", "value_added", "lq", "strong", "suppression" };
static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_BOOL, EC_COL_TEXT };

static char *page(enum ec_lang lang)
{
	struct ec_table t;
	struct ec_buf o;

	ec_table_init(&t, 5, names, kinds);
	ec_table_addv(&t, "2020", "123456", "1.23456", "1", "shown");
	ec_table_addv(&t, "2021", "", "0.5", "0", "threshold");
	ec_table_addv(&t, "2019", "", "", "0", "shown");
	ec_buf_init(&o, 0);
	ec_report_page_begin(&o, lang, "A & B <title>", "sub");
	ec_report_page_prose(&o, "first\n\nsecond");
	ec_report_page_heading(&o, "Years");
	ec_report_page_table(&o, "table-years", &t, lang);
	ec_report_page_end(&o, "note one\n\nnote two");
	ec_table_release(&t);
	ec_buf_addc(&o, '\0');
	return o.data;
}

static void test_cells(void **state)
{
	char *html = page(EC_LANG_ZH);

	(void)state;
	assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(html, "<title>A &amp; B &lt;title&gt;</title>"));
	assert_non_null(strstr(html, "@page{size:A4"));
	assert_non_null(strstr(html, "<th>增加值（亿元）</th>"));
	/* 123456 thousand yuan = 1.23456 亿元, two decimals; the LQ with two; yes in words */
	assert_non_null(strstr(html, "<td>2020</td><td class=\"n\">1.23</td><td class=\"n\">1.23</td><td>是</td>"));
	/* hidden by the disclosure control: "…"; undefined: "—" */
	assert_non_null(strstr(html, "<td>2021</td><td class=\"n\">…</td>"));
	assert_non_null(strstr(html, "<td>2019</td><td class=\"n\">—</td><td class=\"n\">—</td>"));
	assert_non_null(strstr(html, "<p class=\"prose\">first</p>\n<p class=\"prose\">second</p>"));
	assert_non_null(strstr(html, "<div class=\"notes\"><p>note one</p><p>note two</p></div>"));
	assert_non_null(strstr(html, "<table id=\"table-years\">"));
	free(html);
}

static void test_english(void **state)
{
	char *html = page(EC_LANG_EN);

	(void)state;
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	/* billion yuan in English: 0.12 */
	assert_non_null(strstr(html, "<td>2020</td><td class=\"n\">0.12</td><td class=\"n\">1.23</td><td>yes</td>"));
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_english),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
