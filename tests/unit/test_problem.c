/* Unit tests of problems as data: the table of codes (sorted, both
** languages, parameters declared), the English and Chinese formatter with
** its place, and the diagnostics list that keeps both. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/problem.h"

static void test_table(void **state)
{
	(void)state;
	assert_true(ec_nproblem_codes > 10);
	for (size_t i = 0; i < ec_nproblem_codes; i++) {
		const struct ec_problem_code *c = &ec_problem_codes[i];
		if (i > 0)
			assert_true(strcmp(ec_problem_codes[i - 1].code, c->code) < 0); /* sorted, once each */
		assert_ptr_equal(ec_problem_code_find(c->code), c);
		assert_true(*c->meaning && *c->text[EC_LANG_EN] && *c->text[EC_LANG_ZH]);
		/* every {param} of a text is declared */
		for (int l = 0; l < EC_NLANGS; l++)
			for (const char *t = strchr(c->text[l], '{'); t; t = strchr(t + 1, '{')) {
				size_t n = strcspn(t + 1, "}");
				char name[32];
				snprintf(name, sizeof name, "%.*s", (int)n, t + 1);
				assert_non_null(strstr(c->params, name));
			}
	}
	assert_null(ec_problem_code_find("no.such.code"));
}

static void test_format(void **state)
{
	struct ec_diag d;
	struct ec_buf b;
	(void)state;
	ec_diag_init(&d, 10);
	ec_diag_problem(&d, "cluster.not_found", NULL, 0, "code", "code", "X1", NULL);
	ec_diag_at(&d, "r.csv", 12, "uscc", "check character is '%c', expected '%c'", 'X', '7');
	ec_diag_problem(&d, "uscc.invalid", "m.csv", 3, "uscc", "value", "BAD", NULL);
	ec_diag_add(&d, "free %s", "text");
	assert_int_equal(d.total, 4);
	assert_string_equal(d.messages[0], "code: no cluster 'X1'");
	assert_string_equal(d.messages[1], "r.csv:12: column uscc: check character is 'X', expected '7'");
	assert_string_equal(d.messages[2], "m.csv:3: column uscc: 'BAD' is not a valid USCC");
	assert_string_equal(d.messages[3], "free text");
	assert_string_equal(d.problems[1].code, "data.invalid");
	assert_string_equal(ec_problem_param(&d.problems[1], "reason"), "check character is 'X', expected '7'");
	assert_int_equal(d.problems[2].line, 3);
	assert_string_equal(d.problems[2].field, "uscc");

	ec_buf_init(&b, 0);
	ec_problem_format(&d.problems[0], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "代码：没有集群“X1”");
	ec_buf_clear(&b);
	ec_problem_format(&d.problems[2], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "m.csv 第3行，统一社会信用代码（uscc）列：“BAD”不是有效的统一社会信用代码");
	ec_buf_clear(&b);
	ec_problem_message(&d.problems[2], EC_LANG_EN, &b);
	assert_string_equal(b.data, "'BAD' is not a valid USCC");
	ec_buf_release(&b);
	ec_diag_release(&d);
}

/* Chinese names fields by their Chinese names (and a file's column by its
** header too), and writes the choices of an enumeration in Chinese. */
static void test_zh(void **state)
{
	struct ec_diag d;
	struct ec_buf b;
	(void)state;
	assert_string_equal(ec_problem_field_zh("revenue", 7), "营业收入");
	assert_string_equal(ec_problem_field_zh("uscc,period", 4), "统一社会信用代码");
	assert_null(ec_problem_field_zh("region", 3));
	assert_null(ec_problem_field_zh("no_such_field", 13));
	ec_diag_init(&d, 10);
	ec_diag_problem(&d, "period.invalid", "r.csv", 4, "period", "value", "2020-13", NULL);
	ec_diag_problem(&d, "row.repeat", "r.csv", 5, "uscc,period", "value", "X,2021-01", "line", "2", NULL);
	ec_diag_problem(&d, "field.enum", NULL, 0, "tier", "value", "x", "expected", "base, cluster or ecosystem", NULL);
	ec_diag_problem(&d, "csv.quote", "r.csv", 6, "3", NULL);
	ec_diag_problem(&d, "number.negative", "r.csv", 7, "no_such_column", "value", "-1", NULL);
	ec_buf_init(&b, 0);
	ec_problem_format(&d.problems[0], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "r.csv 第4行，统计期（period）列：“2020-13”不是有效的年月，应为 YYYY-MM");
	ec_buf_clear(&b);
	ec_problem_format(&d.problems[1], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "r.csv 第5行，统一社会信用代码、统计期（uscc,period）列：“X,2021-01”与第 2 行重复");
	ec_buf_clear(&b);
	ec_problem_format(&d.problems[2], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "层级：“x”不是可选值，应为 base、cluster 或 ecosystem");
	assert_string_equal(d.messages[2], "tier: 'x': expected base, cluster or ecosystem");
	ec_buf_clear(&b);
	ec_problem_format(&d.problems[3], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "r.csv 第6行，第3列：未加引号的字段中出现了引号");
	assert_string_equal(d.messages[3], "r.csv:6: column 3: quote inside an unquoted field");
	ec_buf_clear(&b);
	ec_problem_format(&d.problems[4], EC_LANG_ZH, &b);
	assert_string_equal(b.data, "r.csv 第7行，no_such_column 列：-1 为负数，应为不小于 0 的数值");
	ec_buf_release(&b);
	ec_diag_release(&d);
}

/* A check of src/lib returns its finding as a problem without a place;
** the caller places it. */
static void test_put(void **state)
{
	struct ec_problem p;
	struct ec_diag d;
	char text[64], shown[64];
	(void)state;
	ec_diag_init(&d, 1);
	ec_problem_set(&p, "uscc.check", "owner", "value", "91110114000399001A", "found", "A", "expected", "E", NULL);
	ec_problem_english(&p, text, sizeof text);
	assert_string_equal(text, "check character is 'A', expected 'E'");
	ec_diag_put(&d, "p.csv", 9, &p);
	assert_null(p.field);
	assert_int_equal(p.nparams, 0);
	assert_string_equal(d.messages[0], "p.csv:9: column owner: check character is 'A', expected 'E'");
	assert_string_equal(ec_problem_param(&d.problems[0], "expected"), "E");
	/* past what is kept: counted, released */
	ec_problem_set(&p, "field.empty", "name", NULL);
	ec_diag_put(&d, NULL, 0, &p);
	assert_int_equal(d.total, 2);
	assert_int_equal(d.kept, 1);
	ec_diag_release(&d);
	/* a value as quoted: cut between characters, control bytes shown */
	assert_string_equal(ec_value_shown("a\tb", 3, shown, sizeof shown), "a?b");
	assert_string_equal(ec_value_shown("一二三四五六七八九十一二三四", 42, shown, sizeof shown),
			    "一二三四五六七八九十一二三...");
}

static void test_keep(void **state)
{
	struct ec_diag d;
	(void)state;
	ec_diag_init(&d, 2);
	for (int i = 0; i < 5; i++)
		ec_diag_problem(&d, "field.required", "f.csv", i + 2, "name", NULL);
	assert_int_equal(d.kept, 2);
	assert_int_equal(d.total, 5);
	assert_string_equal(d.messages[1], "f.csv:3: column name: missing, expected a value");
	ec_diag_clear(&d);
	assert_int_equal(d.kept, 0);
	ec_diag_release(&d);
}

static void test_lang(void **state)
{
	(void)state;
	assert_int_equal(ec_lang_parse("zh_CN.UTF-8"), EC_LANG_ZH);
	assert_int_equal(ec_lang_parse("zh-CN"), EC_LANG_ZH);
	assert_int_equal(ec_lang_parse("zh"), EC_LANG_ZH);
	assert_int_equal(ec_lang_parse("en_US.UTF-8"), EC_LANG_EN);
	assert_int_equal(ec_lang_parse("C.UTF-8"), EC_LANG_EN);
	assert_int_equal(ec_lang_parse("zhx"), -1);
	assert_int_equal(ec_lang_parse("fr_FR"), -1);
	assert_int_equal(ec_lang_parse(NULL), -1);
}

/* Coded messages (a match's reasons, an alert, an audit summary): decoded
** with a value that holds '|', said in both languages, yes/no and codes
** by their Chinese names; text that is no code stays as it is. */
static void test_coded(void **state)
{
	struct ec_problem p;
	struct ec_buf b;
	char *store;
	(void)state;

	assert_int_equal(ec_coded_decode("audit.import|rows=3|file=a|b.csv", &p, &store), 0);
	assert_string_equal(p.code, "audit.import");
	assert_int_equal(p.nparams, 2);
	assert_string_equal(ec_problem_param(&p, "file"), "a|b.csv");
	free(store);
	assert_int_equal(ec_coded_decode("audit.import_file|rows=3|file=a|b.csv|sha256=00ff", &p, &store), 0);
	assert_string_equal(ec_problem_param(&p, "file"), "a|b.csv");
	assert_string_equal(ec_problem_param(&p, "sha256"), "00ff");
	free(store);
	assert_int_equal(ec_coded_decode("no such code|x=1", &p, &store), -1);
	ec_buf_init(&b, 0);
	ec_coded_message("audit.user_edit|from_role=analyst|role=admin|from_scope=|scope=|from_disabled=no|disabled=no"
			 "|password=yes|ended=no",
			 EC_LANG_ZH, &b);
	ec_buf_addc(&b, '\0');
	assert_string_equal(b.data, "角色 分析员 → 管理员，权限范围“”→“”，停用 否 → 否，修改密码：是，结束会话：否");
	b.len = 0;
	ec_coded_message("audit.fund|fund_type=vc_pe|capital=5000", EC_LANG_ZH, &b);
	ec_buf_addc(&b, '\0');
	assert_string_equal(b.data, "类型 创投/私募，可投资金 5000 千元");
	b.len = 0;
	ec_coded_message("objective 3.08624e+07", EC_LANG_ZH, &b);
	ec_buf_addc(&b, '\0');
	assert_string_equal(b.data, "objective 3.08624e+07");
	ec_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_coded),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_zh),
		cmocka_unit_test(test_put),
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_lang),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
