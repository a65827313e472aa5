/* Unit tests of the catalogues: parsing with checks, the official SEI
** layout, code ordering and the classification of an enterprise. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/catalog.h"
#include "echelon/problem.h"

static const char industries[] =
	"code,level,parent,name_zh,name_en\n"
	"C,section,,制造业,Manufacturing\n"
	"39,division,C,计算机、通信和其他电子设备制造业,Electronics\n"
	"391,group,39,计算机制造,Computers\n"
	"3911,class,391,计算机整机制造,Computers\n"
	"3912,class,391,计算机零部件制造,Computer parts\n"
	"397,group,39,电子器件制造,Electronic devices\n"
	"3973,class,397,集成电路制造,Integrated circuits\n";

static const char categories[] =
	"code,level,parent,name_zh,name_en\n"
	"1,1,,新一代信息技术产业,Next-generation IT\n"
	"1.1,2,1,下一代信息网络产业,Networks\n"
	"1.1.1,3,1.1,网络设备制造,Network equipment\n"
	"1.1.2,3,1.1,新型计算机及信息终端设备制造,Computers\n"
	"1.2,2,1,电子核心产业,Core electronics\n"
	"1.2.1,3,1.2,新型电子元器件及设备制造,Components\n"
	"1.10,2,1,测试方向,Ordering test\n"
	"1.10.1,3,1.10,测试,Ordering test\n";

static const char mappings[] =
	"category,industry,partial\n"
	"1.1.2,3911,0\n"
	"1.1.1,3912,1\n"
	"1.1.2,3912,1\n"
	"1.10.1,3973,0\n"
	"1.2.1,3973,0\n";

static void load(struct ec_catalog *cat)
{
	struct ec_diag d;

	ec_catalog_init(cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_parse(cat, EC_CAT_INDUSTRIES, "i.csv", industries, strlen(industries), &d), EC_OK);
	assert_int_equal(ec_catalog_parse(cat, EC_CAT_SEI_CATEGORIES, "c.csv", categories, strlen(categories), &d), EC_OK);
	assert_int_equal(ec_catalog_parse(cat, EC_CAT_SEI_MAPPINGS, "m.csv", mappings, strlen(mappings), &d), EC_OK);
	assert_int_equal(d.total, 0);
	ec_diag_release(&d);
}

static void test_code_order(void **state)
{
	(void)state;
	assert_true(ec_category_code_cmp("1.2.1", "1.10.1") < 0);
	assert_true(ec_category_code_cmp("1.10", "1.9") > 0);
	assert_true(ec_category_code_cmp("2", "10") < 0);
	assert_true(ec_category_code_cmp("1.1", "1.1.1") < 0);
	assert_int_equal(ec_category_code_cmp("4.1.2", "4.1.2"), 0);
}

static void test_classify(void **state)
{
	struct ec_catalog cat;
	struct ec_classification cl;
	char bad[32];
	(void)state;
	load(&cat);

	/* A class mapped in full to one category. */
	assert_int_equal(ec_classify(&cat, "3911", "", &cl, bad, sizeof bad), EC_OK);
	assert_int_equal(cl.nmatches, 1);
	assert_string_equal(cl.primary->code, "1.1.2");

	/* Several full mappings: the lowest code compared as numbers. */
	assert_int_equal(ec_classify(&cat, "3973", "", &cl, bad, sizeof bad), EC_OK);
	assert_int_equal(cl.nmatches, 2);
	assert_string_equal(cl.primary->code, "1.2.1");

	/* A partial class without a declaration is not SEI ... */
	assert_int_equal(ec_classify(&cat, "3912", "", &cl, bad, sizeof bad), EC_OK);
	assert_int_equal(cl.nmatches, 2);
	assert_null(cl.primary);
	/* ... and with one it is, in the first declared category. */
	assert_int_equal(ec_classify(&cat, "3912", "1.1.2;1.1.1", &cl, bad, sizeof bad), EC_OK);
	assert_string_equal(cl.primary->code, "1.1.2");
	/* A declaration wins over the class mapping. */
	assert_int_equal(ec_classify(&cat, "3973", "1.10.1", &cl, bad, sizeof bad), EC_OK);
	assert_string_equal(cl.primary->code, "1.10.1");

	/* Unknown class or category. */
	assert_int_equal(ec_classify(&cat, "9999", "", &cl, bad, sizeof bad), EC_ENOTFOUND);
	assert_string_equal(bad, "9999");
	assert_int_equal(ec_classify(&cat, "39", "", &cl, bad, sizeof bad), EC_ENOTFOUND);
	assert_int_equal(ec_classify(&cat, "3911", "1.1.2;7.7.7", &cl, bad, sizeof bad), EC_ENOTFOUND);
	assert_string_equal(bad, "7.7.7");
	ec_catalog_release(&cat);
}

static void test_rejects(void **state)
{
	static const char bad_cats[] =
		"code,level,parent,name_zh,name_en\n"
		"1,1,,甲,A\n"
		"1.1,3,1,乙,B\n"        /* wrong level */
		"1.2.1,3,1.2,丙,C\n"    /* parent not defined */
		"1,1,,丁,D\n"          /* repeated */
		"x.1,2,x,戊,E\n";      /* not a code */
	struct ec_catalog cat;
	struct ec_diag d;
	(void)state;
	load(&cat);
	ec_diag_init(&d, 10);
	/* Categories already loaded: a second load is refused. */
	assert_int_equal(ec_catalog_parse(&cat, EC_CAT_SEI_CATEGORIES, "c.csv", categories, strlen(categories), &d),
			 EC_EDATA);
	ec_catalog_release(&cat);
	ec_diag_clear(&d);

	ec_catalog_init(&cat);
	assert_int_equal(ec_catalog_parse(&cat, EC_CAT_SEI_CATEGORIES, "c.csv", bad_cats, strlen(bad_cats), &d),
			 EC_EDATA);
	assert_int_equal(d.total, 4);
	assert_string_equal(d.messages[0], "c.csv:3: column level: '3', expected 2 for code 1.1");
	assert_string_equal(d.messages[1], "c.csv:4: column parent: '1.2' is not defined on an earlier line");
	assert_string_equal(d.messages[2], "c.csv:5: column code: '1' appears twice in the file");
	assert_string_equal(d.messages[3], "c.csv:6: column code: 'x.1' is not a category code like 1, 1.2 or 1.2.3");
	/* A rejected file leaves the catalogue as it was. */
	assert_int_equal(cat.ncategories, 0);
	ec_catalog_release(&cat);
	ec_diag_release(&d);
}

static void test_official_layout(void **state)
{
	static const char official[] =
		"分类代码,分类名称,国民经济行业代码,国民经济行业名称,备注\n"
		"1,新一代信息技术产业,,,\n"
		"1.1,下一代信息网络产业,,,\n"
		"1.1.1,网络设备制造,3912*,计算机零部件制造,\n"
		",,3973,集成电路制造,\n"
		"1.1.2,新型计算机及信息终端设备制造,3911,计算机整机制造,\n"
		",,3912*,计算机零部件制造,含有说明\n";
	static const char bad[] =
		"分类代码,分类名称,国民经济行业代码,国民经济行业名称,备注\n"
		"1,新一代信息技术产业,,,\n"
		"1.1,下一代信息网络产业,,,\n"
		"1.1.1,网络设备制造,3999,不存在,\n";
	struct ec_catalog cat;
	struct ec_classification cl;
	struct ec_diag d;
	char badcode[16];
	(void)state;
	load(&cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_parse(&cat, EC_CAT_SEI_MAPPINGS, "o.csv", official, strlen(official), &d), EC_OK);
	assert_int_equal(cat.ncategories, 4);
	assert_int_equal(cat.nmappings, 4);
	assert_int_equal(cat.mappings[0].partial, 1);
	assert_string_equal(cat.mappings[1].industry, "3973");
	assert_string_equal(cat.mappings[1].category, "1.1.1");
	assert_int_equal(ec_classify(&cat, "3973", "", &cl, badcode, sizeof badcode), EC_OK);
	assert_string_equal(cl.primary->code, "1.1.1");

	assert_int_equal(ec_catalog_parse(&cat, EC_CAT_SEI_MAPPINGS, "b.csv", bad, strlen(bad), &d), EC_EDATA);
	assert_string_equal(d.messages[0],
			    "b.csv:4: column 3: '3999' is not a GB/T 4754-2017 class (4 digits) in the industry catalogue");
	assert_int_equal(cat.ncategories, 4); /* unchanged */
	ec_catalog_release(&cat);
	ec_diag_release(&d);
}

/* Industry codes of one or two bytes are refused, not read before their
** start while looking for a full-width "＊" (found by fuzz_catalog). */
static void test_official_short_codes(void **state)
{
	static const char shorts[] =
		"分类代码,分类名称,国民经济行业代码,国民经济行业名称,备注\n"
		"1,新一代信息技术产业,,,\n"
		"1.1,下一代信息网络产业,,,\n"
		"1.1.1,网络设备制造,3,不存在,\n"
		",,39,不存在,\n"
		",,*,不存在,\n"
		",,＊,不存在,\n";
	struct ec_catalog cat;
	struct ec_diag d;
	(void)state;
	load(&cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_parse(&cat, EC_CAT_SEI_MAPPINGS, "s.csv", shorts, strlen(shorts), &d), EC_EDATA);
	assert_int_equal(d.total, 4);
	assert_string_equal(d.messages[0],
			    "s.csv:4: column 3: '3' is not a GB/T 4754-2017 class (4 digits) in the industry catalogue");
	assert_string_equal(d.messages[1],
			    "s.csv:5: column 3: '39' is not a GB/T 4754-2017 class (4 digits) in the industry catalogue");
	ec_catalog_release(&cat);
	ec_diag_release(&d);
}

static void test_regions(void **state)
{
	static const char regions[] =
		"code,level,parent,name_zh,name_en,lat,lon\n"
		"320000,province,,江苏省,Jiangsu,32.06,118.79\n"
		"320500,prefecture,320000,苏州市,Suzhou,31.30,120.62\n"
		"320506,county,320500,吴中区,Wuzhong District,31.26,120.63\n";
	struct ec_catalog cat;
	struct ec_diag d;
	(void)state;
	ec_catalog_init(&cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_parse(&cat, EC_CAT_REGIONS, "r.csv", regions, strlen(regions), &d), EC_OK);
	assert_non_null(ec_catalog_resolve_region(&cat, "320506", 6));
	/* An unlisted county of a known prefecture resolves to the prefecture. */
	assert_string_equal(ec_catalog_resolve_region(&cat, "320583", 6)->code, "320500");
	assert_null(ec_catalog_resolve_region(&cat, "330583", 6));
	assert_null(ec_catalog_resolve_region(&cat, "320600", 6));
	assert_null(ec_catalog_resolve_region(&cat, "32050", 5));
	ec_catalog_release(&cat);
	ec_diag_release(&d);
}

/* A row's problem keeps its file, line and column as data, so that it can
** be written in the user's language; the English line is unchanged. */
static void test_row_problem_is_data(void **state)
{
	static const char bad_regions[] =
		"code,level,parent,name_zh,name_en,lat,lon\n"
		"32000,province,,江苏省,Jiangsu,32.06,118.79\n"
		"320500,prefecture,320000,苏州市,Suzhou,31.30,120.62,9\n";
	struct ec_catalog cat;
	struct ec_diag d;
	struct ec_buf b;
	(void)state;
	ec_catalog_init(&cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_parse(&cat, EC_CAT_REGIONS, "badreg.csv", bad_regions, strlen(bad_regions), &d),
			 EC_EDATA);
	assert_int_equal(d.total, 2);
	assert_string_equal(d.problems[0].code, "region.code");
	assert_string_equal(d.problems[0].file, "badreg.csv");
	assert_int_equal(d.problems[0].line, 2);
	assert_string_equal(d.problems[0].field, "code");
	assert_string_equal(d.messages[0], "badreg.csv:2: column code: '32000' is not a 6-digit GB/T 2260 code");
	ec_buf_init(&b, 0);
	ec_problem_format(&d.problems[0], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "badreg.csv 第2行，代码（code）列：“32000”不是 6 位 GB/T 2260 行政区划代码");
	ec_buf_release(&b);
	/* A row of the wrong width: at its line, no column. */
	assert_string_equal(d.problems[1].code, "csv.fields");
	assert_int_equal(d.problems[1].line, 3);
	assert_null(d.problems[1].field);
	assert_string_equal(d.messages[1], "badreg.csv:3: expected 7 fields, found 8");
	ec_catalog_release(&cat);
	ec_diag_release(&d);
}

/* The catalogues shipped in data/ load without a single complaint. */
static void test_builtin(void **state)
{
	struct ec_catalog cat;
	struct ec_diag d;
	size_t areas = 0, directions = 0;
	(void)state;
	ec_catalog_init(&cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_load_builtin(&cat, &d), EC_OK);
	for (size_t i = 0; i < cat.ncategories; i++)
		areas += cat.categories[i].level == 1, directions += cat.categories[i].level == 2;
	assert_int_equal(areas, 9);
	assert_int_equal(directions, 40);
	assert_non_null(ec_catalog_find_region(&cat, "310000", 6));
	assert_non_null(ec_catalog_find_industry(&cat, "3973", 4));
	/* Issue 15's data: 中成药生产 (2740) is wholly 4.1.3 现代中药与民族药制造;
	** 2614 reaches 3.3.2 聚氨酯材料及原料制造 in part; every class the
	** transcription gave is mapped. */
	{
		struct ec_classification cl;
		char bad[16];
		const struct ec_category *c = ec_catalog_find_category(&cat, "3.3.2", 5);
		const char *classes[] = { "2612", "2613", "2646", "2664", "2740", "3089", "3481" };
		int found332 = 0;

		assert_int_equal(ec_classify(&cat, "2740", "", &cl, bad, sizeof bad), EC_OK);
		assert_non_null(cl.primary);
		assert_string_equal(cl.primary->code, "4.1.3");
		assert_non_null(c);
		assert_string_equal(c->name_zh, "聚氨酯材料及原料制造");
		assert_int_equal(ec_classify(&cat, "2614", "", &cl, bad, sizeof bad), EC_OK);
		for (size_t i = 0; i < cl.nmatches; i++)
			found332 |= strcmp(cl.matches[i].category->code, "3.3.2") == 0 && cl.matches[i].partial;
		assert_true(found332);
		for (size_t i = 0; i < sizeof classes / sizeof *classes; i++) {
			assert_int_equal(ec_classify(&cat, classes[i], "", &cl, bad, sizeof bad), EC_OK);
			assert_true(cl.nmatches > 0);
		}
	}
	ec_catalog_release(&cat);
	ec_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_order),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_official_layout),
		cmocka_unit_test(test_official_short_codes),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_row_problem_is_data),
		cmocka_unit_test(test_builtin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
