/* Unit tests of the SME digital-level scoring and its questionnaire files:
** the shipped editions load and every sector table is worth 100 points;
** hand-scored questionnaires of both editions give their totals, dimension
** scores and levels exactly (docs/methods.md, "SME digital level"); bad
** answers and bad questionnaire files are refused with their problems. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/digital.h"

#define CLOSE(a, b) assert_true(fabs((a) - (b)) <= 1e-9)

static struct ec_digital_answer A(const char *item, const char *answer)
{
	struct ec_digital_answer a;
	memset(&a, 0, sizeof a);
	snprintf(a.item, sizeof a.item, "%s", item);
	snprintf(a.answer, sizeof a.answer, "%s", answer);
	return a;
}

static void load(struct ec_digital_questionnaire *q, const char *edition)
{
	struct ec_diag d;
	ec_diag_init(&d, 10);
	if (ec_digital_load_builtin(q, edition, &d) != EC_OK)
		fail_msg("edition %s: %s", edition, d.kept ? d.messages[0] : "?");
	ec_diag_release(&d);
}

static void test_builtin(void **state)
{
	struct ec_digital_questionnaire q;
	struct ec_diag d;
	(void)state;

	load(&q, "2022");
	assert_string_equal(q.edition, "2022");
	assert_int_equal(q.scoring, EC_DIGITAL_POINTS);
	assert_int_equal(q.nsectors, 3);
	assert_int_equal(q.ndimensions, 4);
	assert_int_equal(q.nlevels, 4);
	CLOSE(q.levels[0].from, 20);
	CLOSE(q.levels[1].from, 40);
	CLOSE(q.levels[2].from, 60);
	CLOSE(q.levels[3].from, 80);
	assert_true(q.placeholders > 0); /* the item texts are not official: said so */
	ec_digital_release(&q);

	load(&q, "2024");
	assert_int_equal(q.scoring, EC_DIGITAL_PERCENT);
	CLOSE(q.dimensions[ec_digital_dimension_find(&q, "D1")].weight, 50);
	CLOSE(q.dimensions[ec_digital_dimension_find(&q, "D3")].weight, 30);
	CLOSE(q.dimensions[ec_digital_dimension_find(&q, "D4")].weight, 20);
	ec_digital_release(&q);

	ec_diag_init(&d, 10);
	assert_int_equal(ec_digital_load_builtin(&q, "2019", &d), EC_ENOTFOUND);
	assert_string_equal(d.problems[0].code, "digital.edition");
	ec_diag_release(&d);
}

/* 2022, manufacturing table, by hand:
** D1 basis: B01 E 8, B03 C 4, B04 A;B;C 2+2+2 = 6, B05 D 6, B06 B 1 = 25
** D2 operations: O01 C 4, O03 B 2, O05 D 6, O06 A 0 = 12
** D3 management: G01 B 2, G02 C 4, G03 E 8 = 14
** D4 results: R01 D 7, R02 C 4, R03 B 2 = 13
** total 64: level 3 (60 <= 64 < 80). */
static void test_score_2022(void **state)
{
	struct ec_digital_questionnaire q;
	struct ec_digital_answer a[] = { A("B01", "E"), A("B03", "C"), A("B04", "A;B;C"), A("B05", "D"),
					 A("B06", "B"), A("O01", "C"), A("O03", "B"), A("O05", "D"),
					 A("O06", "A"), A("G01", "B"), A("G02", "C"), A("G03", "E"),
					 A("R01", "D"), A("R02", "C"), A("R03", "B") };
	struct ec_digital_result r;
	struct ec_diag d;
	(void)state;

	load(&q, "2022");
	ec_diag_init(&d, 10);
	assert_int_equal(ec_digital_score(&q, "M", a, 15, 1, NULL, NULL, &r, &d), EC_OK);
	CLOSE(r.total, 64);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.answered, 15);
	assert_int_equal(r.expected, 15);
	CLOSE(r.dimension_score[0], 25);
	CLOSE(r.dimension_score[1], 12);
	CLOSE(r.dimension_score[2], 14);
	CLOSE(r.dimension_score[3], 13);
	CLOSE(r.dimension_max[0], 32);
	CLOSE(r.dimension_max[1], 28);
	CLOSE(r.item_score[ec_digital_item_find(&q, "B04")], 6);
	assert_true(isnan(r.item_score[ec_digital_item_find(&q, "B02")])); /* not in table M */
	ec_digital_result_release(&r);

	/* every system ticked: 2+2+2+2+0 = 8, the item's maximum */
	a[2] = A("B04", "A;B;C;D;E");
	assert_int_equal(ec_digital_score(&q, "M", a, 15, 1, NULL, NULL, &r, &d), EC_OK);
	CLOSE(r.total, 66);
	ec_digital_result_release(&r);

	/* the other-industries table has B02 and O02/O04 in place of B01, O01, O03 */
	a[0] = A("B02", "E");
	a[5] = A("O02", "C");
	a[6] = A("O04", "B");
	assert_int_equal(ec_digital_score(&q, "O", a, 15, 1, NULL, NULL, &r, &d), EC_OK);
	CLOSE(r.total, 66);
	ec_digital_result_release(&r);
	assert_int_equal(d.total, 0);
	ec_diag_release(&d);
	ec_digital_release(&q);
}

/* 2024, every table, options at 0/25/50/75/100 % of the item:
** D1 (50): B01..B05 C = 5 x 10 x 50 % = 25
** D2 scenarios: weight 0, recorded, no points
** D3 (30): G01 E 10, G02 D 7.5, G03 A 0 = 17.5
** D4 (20): R01 B 2.5, R02 C 5 = 7.5
** total 50: level 2. */
static void test_score_2024(void **state)
{
	struct ec_digital_questionnaire q;
	struct ec_digital_answer a[] = { A("B01", "C"), A("B02", "C"), A("B03", "C"), A("B04", "C"), A("B05", "C"),
					 A("S01", "E"), A("S02", "B"), A("S03", "A"), A("S04", "D"),
					 A("G01", "E"), A("G02", "D"), A("G03", "A"), A("R01", "B"), A("R02", "C") };
	struct ec_digital_result r;
	struct ec_diag d;
	(void)state;

	load(&q, "2024");
	ec_diag_init(&d, 10);
	for (const char *s = "MSO"; *s; s++) {
		char sector[2] = { *s, 0 };
		assert_int_equal(ec_digital_score(&q, sector, a, 14, 1, NULL, NULL, &r, &d), EC_OK);
		CLOSE(r.total, 50);
		assert_int_equal(r.level, 2);
		CLOSE(r.dimension_score[0], 25);
		CLOSE(r.dimension_score[1], 0);
		CLOSE(r.dimension_score[2], 17.5);
		CLOSE(r.dimension_score[3], 7.5);
		ec_digital_result_release(&r);
	}
	ec_diag_release(&d);
	ec_digital_release(&q);
}

static void test_levels(void **state)
{
	struct ec_digital_questionnaire q;
	(void)state;

	load(&q, "2022");
	assert_int_equal(ec_digital_level_of(&q, 0), 0);
	assert_int_equal(ec_digital_level_of(&q, 19.999), 0);
	assert_int_equal(ec_digital_level_of(&q, 20), 1);
	assert_int_equal(ec_digital_level_of(&q, 39.5), 1);
	assert_int_equal(ec_digital_level_of(&q, 40), 2);
	assert_int_equal(ec_digital_level_of(&q, 60), 3);
	assert_int_equal(ec_digital_level_of(&q, 79.99), 3);
	assert_int_equal(ec_digital_level_of(&q, 80), 4);
	assert_int_equal(ec_digital_level_of(&q, 100), 4);
	ec_digital_release(&q);
}

static void expect_refused(const struct ec_digital_questionnaire *q, const char *sector, struct ec_digital_answer a,
			   const char *code)
{
	struct ec_digital_result r;
	struct ec_diag d;

	ec_diag_init(&d, 10);
	assert_int_equal(ec_digital_score(q, sector, &a, 1, 0, "a.csv", (long[]){ 7 }, &r, &d), EC_EDATA);
	assert_int_equal(d.total, 1);
	assert_string_equal(d.problems[0].code, code);
	assert_int_equal(d.problems[0].line, 7);
	assert_null(r.item_score);
	ec_diag_release(&d);
}

static void test_bad_answers(void **state)
{
	struct ec_digital_questionnaire q;
	struct ec_digital_answer two[] = { A("B01", "A"), A("B01", "B") };
	struct ec_digital_result r;
	struct ec_diag d;
	(void)state;

	load(&q, "2022");
	expect_refused(&q, "M", A("X99", "A"), "digital.item_unknown");
	expect_refused(&q, "M", A("B02", "A"), "digital.item_sector");
	expect_refused(&q, "M", A("B01", "Z"), "digital.option_unknown");
	expect_refused(&q, "M", A("B01", "A;B"), "digital.option_one");
	expect_refused(&q, "M", A("B04", "A;A"), "digital.option_repeat");
	expect_refused(&q, "M", A("B04", ""), "digital.answer_empty");
	expect_refused(&q, "X", A("B01", "A"), "digital.sector");
	ec_diag_init(&d, 20);
	assert_int_equal(ec_digital_score(&q, "M", two, 2, 0, NULL, NULL, &r, &d), EC_EDATA);
	assert_string_equal(d.problems[0].code, "digital.item_repeat");
	ec_diag_clear(&d);
	/* a draft may be partial, a submission may not: 14 items missing */
	assert_int_equal(ec_digital_score(&q, "M", two, 1, 0, NULL, NULL, &r, &d), EC_OK);
	CLOSE(r.total, 0);
	assert_int_equal(r.level, 0);
	ec_digital_result_release(&r);
	assert_int_equal(ec_digital_score(&q, "M", two, 1, 1, NULL, NULL, &r, &d), EC_EDATA);
	assert_int_equal(d.total, 14);
	assert_string_equal(d.problems[0].code, "digital.item_missing");
	ec_diag_release(&d);
	ec_digital_release(&q);
}

#define HEAD "kind,code,parent,sectors,score,mode,name_zh,name_en,source\n"
#define EDITION "edition,T1,,,,percent,试,Test,test\n"
#define SECTOR "sector,M,,,,,制造业,Manufacturing,test\n"
#define LEVEL "level,1,,,50,,一级,Level 1,test\n"
#define DIM "dimension,D1,,,100,,基础,Basis,test\n"

static const char *parse_problem(const char *text)
{
	static char code[64];
	struct ec_digital_questionnaire q;
	struct ec_diag d;
	int rc;

	ec_diag_init(&d, 10);
	rc = ec_digital_parse(&q, "t.csv", text, strlen(text), &d);
	snprintf(code, sizeof code, "%s", rc == EC_OK ? "ok" : d.kept ? d.problems[0].code : "?");
	if (rc == EC_OK)
		ec_digital_release(&q);
	else
		assert_int_equal(q.nitems, 0); /* nothing left behind */
	ec_diag_release(&d);
	return code;
}

static void test_parse(void **state)
{
	struct ec_digital_questionnaire q;
	struct ec_diag d;
	const char *good = HEAD EDITION SECTOR LEVEL "level,2,,,75,,二级,Level 2,test\n" DIM
		"item,I1,D1,M,60,one,甲,A,placeholder\noption,A,I1,,0,,无,none,placeholder\noption,B,I1,,100,,全,all,placeholder\n"
		"item,I2,D1,M,40,many,乙,B,test\noption,A,I2,,50,,一,one,test\noption,B,I2,,50,,二,two,test\n";
	struct ec_digital_answer a[] = { A("I1", "B"), A("I2", "B") };
	struct ec_digital_result r;
	(void)state;

	ec_diag_init(&d, 10);
	assert_int_equal(ec_digital_parse(&q, "t.csv", good, strlen(good), &d), EC_OK);
	assert_int_equal(q.nitems, 2);
	assert_int_equal(q.noptions, 4);
	assert_int_equal(q.placeholders, 3);
	/* 60 x 100 % + 40 x 50 % = 80: level 2 (from 75) */
	assert_int_equal(ec_digital_score(&q, "M", a, 2, 1, NULL, NULL, &r, &d), EC_OK);
	CLOSE(r.total, 80);
	assert_int_equal(r.level, 2);
	ec_digital_result_release(&r);
	ec_digital_release(&q);
	ec_diag_release(&d);

	assert_string_equal(parse_problem(SECTOR), "csv.header_wrong");
	assert_string_equal(parse_problem(HEAD SECTOR), "digital.edition_first");
	assert_string_equal(parse_problem(HEAD EDITION EDITION), "digital.edition_twice");
	assert_string_equal(parse_problem(HEAD EDITION "table,M,,,,,a,b,c\n"), "field.enum");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR "level,2,,,20,,a,b,c\n"), "digital.level_order");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL "level,2,,,40,,a,b,c\n"), "digital.level_from");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL DIM "item,I1,D9,M,100,one,a,b,c\n"), "digital.parent");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL DIM "item,I1,D1,X,100,one,a,b,c\n"), "digital.sectors");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL DIM "option,A,I1,,0,,a,b,c\n"), "digital.option_order");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL DIM "item,I1,D1,M,100,one,a,b,c\noption,A,I1,,80,,a,b,c\n"),
			    "digital.item_max");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL DIM "item,I1,D1,M,90,one,a,b,c\noption,A,I1,,100,,a,b,c\n"),
			    "digital.sector_total");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL "dimension,D1,,,60,,a,b,c\n"
				  "item,I1,D1,M,100,one,a,b,c\noption,A,I1,,100,,a,b,c\n"),
			    "digital.dimension_weight");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL DIM "item,I1,D1,M,100,one,a,b,c\noption,A,I1,,101,,a,b,c\n"),
			    "number.range");
	assert_string_equal(parse_problem(HEAD EDITION SECTOR LEVEL DIM "item,I1,D1,M,100,one,,b,c\n"), "field.empty");
}

static int count_row(void *ctx, const struct ec_digital_answer_row *row, struct ec_diag *d)
{
	(void)d;
	(void)row;
	(*(int *)ctx)++;
	return 0;
}

static void test_answers_file(void **state)
{
	const char *text = "uscc,year,edition,sector,item,answer\n"
			   "91350100M000100Y43,2024,2024,M,B01,C\n"
			   "91350100M000100Y4X,2024,2024,M,B01,C\n"  /* bad check character */
			   "91350100M000100Y43,1999,2024,M,B01,C\n"  /* year */
			   "91350100M000100Y43,2024,2024,M,B01,\n";  /* empty answer */
	struct ec_diag d;
	int rows = 0;
	(void)state;

	ec_diag_init(&d, 10);
	assert_int_equal(ec_digital_answers_parse("a.csv", text, strlen(text), 0, count_row, &rows, &d), EC_EDATA);
	assert_int_equal(rows, 1);
	assert_int_equal(d.total, 3);
	assert_string_equal(d.problems[0].code, "uscc.invalid");
	assert_int_equal(d.problems[0].line, 3);
	assert_string_equal(d.problems[0].field, "uscc");
	assert_string_equal(d.problems[1].code, "year.invalid");
	assert_string_equal(d.problems[2].code, "field.empty");
	assert_string_equal(d.problems[2].field, "answer");
	ec_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_score_2022),
		cmocka_unit_test(test_score_2024),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_bad_answers),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_answers_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
