/* Unit tests of the shared helpers: periods, numbers, UTF-8, buffers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/echelon.h"
#include "lib/strmap.h"

static void test_period(void **state)
{
	int p;
	char out[8];
	(void)state;
	assert_int_equal(ec_period_parse("2020-06", 7, &p), EC_OK);
	assert_int_equal(ec_period_year(p), 2020);
	assert_int_equal(ec_period_month(p), 6);
	ec_period_format(p, out);
	assert_string_equal(out, "2020-06");
	assert_int_equal(ec_period_parse("2020-13", 7, &p), EC_EDATA);
	assert_int_equal(ec_period_parse("2020-00", 7, &p), EC_EDATA);
	assert_int_equal(ec_period_parse("2020-1", 6, &p), EC_EDATA);
	assert_int_equal(ec_period_parse("2020/01", 7, &p), EC_EDATA);
	assert_int_equal(ec_period_parse("1899-12", 7, &p), EC_EDATA);
	assert_int_equal(ec_period_make(2020, 1) - ec_period_make(2019, 12), 1);
}

static void test_number(void **state)
{
	double v;
	const char *why;
	(void)state;
	assert_int_equal(ec_number_parse("12345.6", 7, &v, &why), EC_OK);
	assert_true(v == 12345.6);
	assert_int_equal(ec_number_parse("0.1", 3, &v, &why), EC_OK);
	assert_true(v == 0.1);
	assert_int_equal(ec_number_parse("-3", 2, &v, &why), EC_OK);
	assert_true(v == -3);
	assert_int_equal(ec_number_parse("1e6", 3, &v, &why), EC_OK);
	assert_true(v == 1e6);
	assert_int_equal(ec_number_parse("12345678901234567.5", 19, &v, &why), EC_OK);
	assert_true(v == 12345678901234567.5);
	assert_int_equal(ec_number_parse("1e999", 5, &v, &why), EC_EDATA);
	assert_string_equal(why, "number.not_finite");
	assert_int_equal(ec_number_parse("nan", 3, &v, &why), EC_EDATA);
	assert_string_equal(why, "number.invalid");
	assert_int_equal(ec_number_parse("inf", 3, &v, &why), EC_EDATA);
	assert_int_equal(ec_number_parse("0x10", 4, &v, &why), EC_EDATA);
	assert_int_equal(ec_number_parse("1.2.3", 5, &v, &why), EC_EDATA);
	assert_int_equal(ec_number_parse("1e", 2, &v, &why), EC_EDATA);
	assert_int_equal(ec_number_parse(".", 1, &v, &why), EC_EDATA);
	assert_int_equal(ec_number_parse("", 0, &v, &why), EC_EDATA);
	assert_string_equal(why, "number.empty");
}

/* Formatting gives the shortest text that parses back to the same value. */
static void test_number_roundtrip(void **state)
{
	static const double values[] = { 0, 1, 0.1, 123.4, 1e15, 1e-7, 2.0 / 3.0, 98765.4321, 1e300 };
	char out[32];
	double back;
	const char *why;
	(void)state;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		int n = ec_number_format(values[i], out);
		assert_int_equal(ec_number_parse(out, (size_t)n, &back, &why), EC_OK);
		assert_true(back == values[i]);
	}
	ec_number_format(123.4, out);
	assert_string_equal(out, "123.4");
	ec_number_format(100, out);
	assert_string_equal(out, "100");
	ec_number_format(-0.0, out);
	assert_string_equal(out, "0");
}

static void test_utf8(void **state)
{
	(void)state;
	assert_int_equal(ec_utf8_check("abc", 3), 0);
	assert_int_equal(ec_utf8_check("集成电路", strlen("集成电路")), 0);
	assert_int_equal(ec_utf8_check("a\xff", 2), 2);
	assert_int_equal(ec_utf8_check("\xc0\x80", 2), 1);       /* overlong */
	assert_int_equal(ec_utf8_check("\xed\xa0\x80", 3), 1);   /* surrogate */
	assert_int_equal(ec_utf8_check("\xe9\x9b", 2), 1);       /* truncated */
	/* Long runs of ASCII are stepped over 16 bytes at a time: a bad byte
	** or a good sequence anywhere in or after one, up to the very end. */
	for (size_t at = 0; at < 48; at++) {
		char s[64];
		memset(s, 'a', sizeof s);
		s[at] = '\xff';
		assert_int_equal(ec_utf8_check(s, sizeof s), at + 1);
		assert_int_equal(ec_utf8_check(s, at), 0);
		memcpy(s + at, "\xe9\x9b\x86", 3);
		assert_int_equal(ec_utf8_check(s, sizeof s), 0);
		assert_int_equal(ec_utf8_check(s, at + 2), at + 1); /* cut short by the end */
	}
	assert_int_equal(ec_utf8_width("集成ab"), 6);
}

static void test_buf_limit(void **state)
{
	struct ec_buf b;
	(void)state;
	ec_buf_init(&b, 8);
	assert_int_equal(ec_buf_adds(&b, "12345678"), EC_OK);
	assert_int_equal(ec_buf_adds(&b, "9"), EC_ELIMIT);
	assert_string_equal(b.data, "12345678"); /* unchanged after the refusal */
	ec_buf_release(&b);
}

static void test_diag(void **state)
{
	struct ec_diag d;
	(void)state;
	ec_diag_init(&d, 2);
	for (int i = 0; i < 5; i++)
		ec_diag_add(&d, "problem %d", i);
	assert_int_equal(d.kept, 2);
	assert_int_equal(d.total, 5);
	assert_string_equal(d.messages[1], "problem 1");
	ec_diag_release(&d);
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(ec_edit_distance("dryrun", "dry-run"), 1);
	assert_int_equal(ec_edit_distance("imprt", "import"), 1);
	assert_int_equal(ec_edit_distance("", "abc"), 3);
}

static void test_list_has(void **state)
{
	(void)state;
	assert_true(ec_list_has("1;4;12", "4", 1));
	assert_true(ec_list_has("1;4;12", "12", 2));
	assert_true(ec_list_has("1;4;12", "1", 1));
	assert_false(ec_list_has("1;4;12", "2", 1)); /* not a prefix of 12 */
	assert_false(ec_list_has("1;4;12", "1;4", 3));
	assert_true(ec_list_has("1;4;12", "12x", 2)); /* s[0..n) only */
	assert_false(ec_list_has("", "", 0));
	assert_false(ec_list_has(NULL, "1", 1));
	assert_true(ec_list_has("a;;b", "", 0)); /* an empty item */
}

/* The string map: an empty key is a key like any other, also the first one
** put (found by fuzz_files: it used to add to a NULL key block). */
static void test_strmap(void **state)
{
	struct ec_strmap *m = ec_strmap_new(0);
	int64_t v = 0;
	char key[16];

	(void)state;
	assert_int_equal(ec_strmap_get(m, "", 0, &v), 0);
	assert_int_equal(ec_strmap_put(m, "", 0, 7), 1);
	assert_int_equal(ec_strmap_get(m, "", 0, &v), 1);
	assert_int_equal(v, 7);
	assert_int_equal(ec_strmap_put(m, "", 0, 8), 0); /* replaced, not added */
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(ec_strmap_put(m, key, strlen(key), i), 1);
	}
	for (int i = 0; i < 5000; i += 499) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(ec_strmap_get(m, key, strlen(key), &v), 1);
		assert_int_equal(v, i);
	}
	assert_int_equal(ec_strmap_get(m, "", 0, &v), 1);
	assert_int_equal(v, 8);
	assert_int_equal(ec_strmap_get(m, "k5000", 5, &v), 0);
	ec_strmap_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_number_roundtrip),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_buf_limit),
		cmocka_unit_test(test_diag),
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_list_has),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
