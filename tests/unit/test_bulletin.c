/* Unit tests of the monthly bulletin's sentences and choices over bulletins
** made by hand: growth and decline, faster and slower, equal, January
** alone, a narrowing decline, hidden and small areas, a hidden total,
** rounding, English; the examples of docs/methods.md. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/bulletin.h"

static void area(struct ec_bulletin *b, const char *code, const char *zh, const char *en, double growth,
		 double previous)
{
	struct ec_bulletin_figure *f = &b->areas[b->nareas++];

	snprintf(f->code, sizeof f->code, "%s", code);
	snprintf(f->name_zh, sizeof f->name_zh, "%s", zh);
	snprintf(f->name_en, sizeof f->name_en, "%s", en);
	f->enterprises = 100;
	f->value_added = 1e6;
	f->growth_pct = growth;
	f->growth_previous_pct = previous;
	f->share_pct = 5;
	f->gap_pp = NAN;
}

/* A national bulletin of 2020 to month: SEI growth, gap, previous growth;
** all industry at growth - gap. No areas. */
static void make(struct ec_bulletin *b, int month, double sei, double gap, double previous)
{
	memset(b, 0, sizeof *b);
	b->period = ec_period_make(2020, month);
	snprintf(b->region_zh, sizeof b->region_zh, "全国");
	snprintf(b->region_en, sizeof b->region_en, "China");
	b->sei.growth_pct = sei;
	b->sei.gap_pp = gap;
	b->sei.share_pct = 26.74;
	b->sei.growth_previous_pct = month > 1 ? previous : NAN;
	b->sei.enterprises = 1000;
	b->all.growth_pct = sei - gap;
	b->all.share_pct = 100;
	b->all.enterprises = 9000;
	b->leading = b->lagging = -1;
}

/* The paragraph i (0: the headline) of the text in lang. */
static void paragraph(const struct ec_bulletin *b, enum ec_lang lang, int i, char *out, size_t size)
{
	struct ec_buf t;
	const char *p;

	ec_buf_init(&t, 0);
	assert_int_equal(ec_bulletin_text(b, lang, &t), 0);
	p = t.data;
	for (int k = 0; k < i && p; k++)
		if ((p = strstr(p, "\n\n")) != NULL)
			p += 2;
	if (!p) {
		out[0] = '\0';
	} else {
		size_t n = strstr(p, "\n\n") ? (size_t)(strstr(p, "\n\n") - p) : strlen(p);
		snprintf(out, size, "%.*s", (int)n, p);
	}
	ec_buf_release(&t);
}

static void test_round(void **state)
{
	(void)state;
	assert_true(ec_bulletin_round(4.25) == 4.3);
	assert_true(ec_bulletin_round(-1.25) == -1.3);
	assert_true(ec_bulletin_round(2.94) == 2.9);
	assert_true(ec_bulletin_round(-0.04) == 0 && !signbit(ec_bulletin_round(-0.04)));
	assert_true(isnan(ec_bulletin_round(NAN)));
}

static void test_range(void **state)
{
	char s[48];
	(void)state;
	ec_bulletin_range(ec_period_make(2020, 1), EC_LANG_ZH, s, sizeof s);
	assert_string_equal(s, "1月份");
	ec_bulletin_range(ec_period_make(2020, 6), EC_LANG_ZH, s, sizeof s);
	assert_string_equal(s, "1—6月份");
	ec_bulletin_range(ec_period_make(2020, 12), EC_LANG_EN, s, sizeof s);
	assert_string_equal(s, "January–December");
	ec_bulletin_range(ec_period_make(2020, 1), EC_LANG_EN, s, sizeof s);
	assert_string_equal(s, "January");
}

static void test_faster(void **state)
{
	struct ec_bulletin b;
	char p[1024];
	(void)state;
	make(&b, 6, 2.94, 4.21, 2.61);
	paragraph(&b, EC_LANG_ZH, 0, p, sizeof p);
	assert_string_equal(p, "1—6月份，全国规模以上战略性新兴产业增加值同比增长2.9%，增速比规模以上工业快4.2个百分点，"
			       "比1—5月份加快0.3个百分点。");
	paragraph(&b, EC_LANG_ZH, 1, p, sizeof p);
	assert_string_equal(p, "规模以上工业增加值同比下降1.3%。战略性新兴产业增加值占规模以上工业增加值的比重为26.7%。");
	paragraph(&b, EC_LANG_EN, 0, p, sizeof p);
	assert_string_equal(p, "In January–June, value added of strategic emerging industries above designated size "
			       "nationwide grew by 2.9% year on year, 4.2 percentage points faster than all industry above "
			       "designated size; growth was 0.3 percentage points faster than in January–May.");
}

static void test_decline_slower(void **state)
{
	struct ec_bulletin b;
	char p[1024];
	(void)state;
	make(&b, 3, -3.04, -1.25, 1.0); /* from growth to decline: 回落 */
	paragraph(&b, EC_LANG_ZH, 0, p, sizeof p);
	assert_string_equal(p, "1—3月份，全国规模以上战略性新兴产业增加值同比下降3.0%，增速比规模以上工业慢1.3个百分点，"
			       "比1—2月份回落4.0个百分点。");
	make(&b, 3, -3.0, 2.0, -5.0); /* a decline on both sides: 降幅收窄 */
	paragraph(&b, EC_LANG_ZH, 0, p, sizeof p);
	assert_string_equal(p, "1—3月份，全国规模以上战略性新兴产业增加值同比下降3.0%，增速比规模以上工业快2.0个百分点，"
			       "降幅比1—2月份收窄2.0个百分点。");
	paragraph(&b, EC_LANG_EN, 0, p, sizeof p);
	assert_non_null(strstr(p, "fell by 3.0% year on year"));
	assert_non_null(strstr(p, "the decline narrowed by 2.0 percentage points against January–February"));
}

static void test_equal(void **state)
{
	struct ec_bulletin b;
	char p[1024];
	(void)state;
	make(&b, 6, 0.04, 0.03, 0.0);
	paragraph(&b, EC_LANG_ZH, 0, p, sizeof p);
	assert_string_equal(p, "1—6月份，全国规模以上战略性新兴产业增加值与上年同期持平，增速与规模以上工业持平，"
			       "增速与1—5月份持平。");
}

static void test_january(void **state)
{
	struct ec_bulletin b;
	char p[1024];
	(void)state;
	make(&b, 1, 5.0, 1.5, NAN);
	area(&b, "1", "新一代信息技术产业", "IT", 9.0, NAN);
	area(&b, "2", "高端装备制造产业", "Equipment", 7.0, NAN);
	ec_bulletin_rank(&b);
	paragraph(&b, EC_LANG_ZH, 0, p, sizeof p);
	assert_string_equal(p, "1月份，全国规模以上战略性新兴产业增加值同比增长5.0%，增速比规模以上工业快1.5个百分点。");
	paragraph(&b, EC_LANG_ZH, 3, p, sizeof p); /* no change from a previous month in January */
	assert_string_equal(p, "");
}

static void test_areas(void **state)
{
	struct ec_bulletin b;
	char p[1024];
	(void)state;
	make(&b, 6, 2.9, 4.2, 2.6);
	area(&b, "1", "新一代信息技术产业", "IT", 8.04, 5.6);
	area(&b, "2", "高端装备制造产业", "Equipment", -3.66, -3.0);
	area(&b, "3", "新材料产业", "Materials", 30.0, 1.0);  /* small: shown, never ranked */
	b.areas[2].small = 1;
	area(&b, "4", "生物产业", "Bio", 50.0, 1.0);          /* hidden */
	b.areas[3].reason = EC_SDC_THRESHOLD;
	b.areas[3].growth_pct = NAN;
	area(&b, "5", "新能源汽车产业", "NEV", 8.0, 8.1);       /* ties the leader rounded: the first leads */
	ec_bulletin_rank(&b);
	assert_int_equal(b.leading, 0);
	assert_int_equal(b.lagging, 1);
	paragraph(&b, EC_LANG_ZH, 2, p, sizeof p);
	assert_string_equal(p, "分领域看，公布数据的4个领域中，3个领域增加值同比增长。其中，新一代信息技术产业增长最快，"
			       "同比增长8.0%；高端装备制造产业降幅最大，同比下降3.7%。另有1个领域涉及企业较少，数据不予公布。");
	/* notable: the small area moved 29 points, IT 2.4; the largest first */
	paragraph(&b, EC_LANG_ZH, 3, p, sizeof p);
	assert_string_equal(p, "与1—5月份相比，新材料产业增速加快29.0个百分点，新一代信息技术产业增速加快2.4个百分点。");
	paragraph(&b, EC_LANG_EN, 2, p, sizeof p);
	assert_string_equal(p, "By area, value added grew in 3 of the 4 areas published. Growth was fastest in IT (8.0%) "
			       "and lowest in Equipment (-3.7%). The figures of 1 area are not published: it covers too few "
			       "enterprises.");
}

static void test_hidden_total(void **state)
{
	struct ec_bulletin b;
	char p[1024];
	(void)state;
	make(&b, 6, NAN, NAN, NAN);
	b.sei.reason = EC_SDC_THRESHOLD;
	snprintf(b.region_zh, sizeof b.region_zh, "某市");
	paragraph(&b, EC_LANG_ZH, 0, p, sizeof p);
	assert_string_equal(p, "1—6月份，某市规模以上战略性新兴产业涉及企业较少，增加值增速不予公布。");
}

static void test_limit(void **state)
{
	struct ec_bulletin b;
	struct ec_buf t;
	(void)state;
	make(&b, 6, 2.9, 4.2, 2.6);
	ec_buf_init(&t, 16);
	assert_int_equal(ec_bulletin_text(&b, EC_LANG_ZH, &t), EC_ELIMIT);
	assert_int_equal((int)t.len, 0);
	ec_buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round),	    cmocka_unit_test(test_range),   cmocka_unit_test(test_faster),
		cmocka_unit_test(test_decline_slower), cmocka_unit_test(test_equal), cmocka_unit_test(test_january),
		cmocka_unit_test(test_areas),	    cmocka_unit_test(test_hidden_total), cmocka_unit_test(test_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
