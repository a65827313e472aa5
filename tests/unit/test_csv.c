/* Unit tests of the CSV reader: quoting, separators and newlines inside
** fields, empty fields, long fields, BOM, CRLF, line numbers, UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/csv.h"

static void expect_field(const struct ec_csv *c, size_t i, const char *s)
{
	assert_true(i < c->nfields);
	assert_int_equal(c->fields[i].n, strlen(s));
	assert_memory_equal(c->fields[i].p, s, strlen(s));
}

static void test_plain(void **state)
{
	struct ec_csv c;
	static const char in[] = "a,b,c\n1,,3\n";
	(void)state;
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(c.nfields, 3);
	expect_field(&c, 2, "c");
	assert_int_equal(c.line, 1);
	assert_int_equal(ec_csv_next(&c), 1);
	expect_field(&c, 0, "1");
	expect_field(&c, 1, "");
	expect_field(&c, 2, "3");
	assert_int_equal(c.line, 2);
	assert_int_equal(ec_csv_next(&c), 0);
	ec_csv_release(&c);
}

static void test_quotes(void **state)
{
	struct ec_csv c;
	static const char in[] = "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\"\nnext,row\n";
	(void)state;
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(c.nfields, 4);
	expect_field(&c, 0, "a,b");
	expect_field(&c, 1, "say \"hi\"");
	expect_field(&c, 2, "line1\nline2");
	expect_field(&c, 3, "");
	/* The record spanned two physical lines: the next starts on line 3. */
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(c.line, 3);
	expect_field(&c, 1, "row");
	ec_csv_release(&c);
}

static void test_bom_crlf_trailing(void **state)
{
	struct ec_csv c;
	static const char in[] = "\xEF\xBB\xBFx,y\r\n1,2\r\n\r\n3,\r\n";
	(void)state;
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next(&c), 1);
	expect_field(&c, 0, "x");
	expect_field(&c, 1, "y");
	assert_int_equal(ec_csv_next(&c), 1);
	expect_field(&c, 1, "2");
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(c.line, 4); /* the blank line is skipped but counted */
	expect_field(&c, 0, "3");
	expect_field(&c, 1, "");
	assert_int_equal(ec_csv_next(&c), 0);
	ec_csv_release(&c);
}

static void test_no_final_newline(void **state)
{
	struct ec_csv c;
	static const char in[] = "a,b\n1,2";
	(void)state;
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(ec_csv_next(&c), 1);
	expect_field(&c, 1, "2");
	assert_int_equal(ec_csv_next(&c), 0);
	ec_csv_release(&c);
}

static void test_errors(void **state)
{
	struct ec_csv c;
	static const char bad_quote[] = "a,b\"c\nok,1\n";
	static const char unclosed[] = "a,\"open\n";
	static const char after_quote[] = "\"a\"b,c\n";
	static const char bad_utf8[] = "ok\nname,\xff\xfe\n";
	(void)state;
	ec_csv_init_mem(&c, "t.csv", bad_quote, strlen(bad_quote));
	assert_int_equal(ec_csv_next(&c), EC_EDATA);
	assert_string_equal(c.error, "t.csv:1: column 2: quote inside an unquoted field");
	/* Reading goes on at the next line. */
	assert_int_equal(ec_csv_next(&c), 1);
	expect_field(&c, 0, "ok");
	assert_int_equal(c.line, 2);
	ec_csv_release(&c);

	ec_csv_init_mem(&c, "t.csv", unclosed, strlen(unclosed));
	assert_int_equal(ec_csv_next(&c), EC_EDATA);
	assert_string_equal(c.error, "t.csv:1: column 2: quoted field not closed before the end of the file");
	assert_int_equal(ec_csv_next(&c), 0);
	ec_csv_release(&c);

	ec_csv_init_mem(&c, "t.csv", after_quote, strlen(after_quote));
	assert_int_equal(ec_csv_next(&c), EC_EDATA);
	assert_string_equal(c.error, "t.csv:1: column 1: unexpected character after a closing quote");
	ec_csv_release(&c);

	ec_csv_init_mem(&c, "t.csv", bad_utf8, strlen(bad_utf8));
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(ec_csv_next(&c), EC_EDATA);
	assert_string_equal(c.error, "t.csv:2: column 2: invalid UTF-8 at byte 1 of the field");
	ec_csv_release(&c);
}

static void test_long_field(void **state)
{
	struct ec_csv c;
	size_t n = EC_CSV_MAX_FIELD + 10;
	char *in = malloc(n + 16);
	(void)state;
	memset(in, 'x', n);
	memcpy(in + n, "\nok\n", 5);
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next(&c), EC_EDATA);
	assert_string_equal(c.error, "t.csv:1: column 1: field longer than 65536 bytes");
	assert_int_equal(ec_csv_next(&c), 1);
	expect_field(&c, 0, "ok");
	ec_csv_release(&c);
	/* Exactly at the limit is accepted. */
	memset(in, 'y', EC_CSV_MAX_FIELD);
	in[EC_CSV_MAX_FIELD] = '\0';
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(c.fields[0].n, EC_CSV_MAX_FIELD);
	ec_csv_release(&c);
	free(in);
}

/* A line without quotes or carriage returns takes the fast path, one with
** them the general one: both split alike and fail alike. */
static void test_both_paths(void **state)
{
	struct ec_csv c;
	static const char plain[] = "a,,b\xc3\xa9\n";
	static const char general[] = "a,,b\xc3\xa9\r\n\"a\",,\"b\xc3\xa9\"\n";
	static const char bad_utf8_quoted[] = "ok\n\"x\",\"\xc3\"\n";
	size_t n = EC_CSV_MAX_FIELD + 10;
	char *in = malloc(n + 16), many[600];
	(void)state;

	ec_csv_init_mem(&c, "t.csv", plain, strlen(plain));
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(c.nfields, 3);
	expect_field(&c, 2, "b\xc3\xa9");
	ec_csv_release(&c);
	ec_csv_init_mem(&c, "t.csv", general, strlen(general));
	for (int k = 0; k < 2; k++) {
		assert_int_equal(ec_csv_next(&c), 1);
		assert_int_equal(c.line, k + 1);
		assert_int_equal(c.nfields, 3);
		expect_field(&c, 0, "a");
		expect_field(&c, 1, "");
		expect_field(&c, 2, "b\xc3\xa9");
	}
	assert_int_equal(ec_csv_next(&c), 0);
	ec_csv_release(&c);

	ec_csv_init_mem(&c, "t.csv", bad_utf8_quoted, strlen(bad_utf8_quoted));
	assert_int_equal(ec_csv_next(&c), 1);
	assert_int_equal(ec_csv_next(&c), EC_EDATA);
	assert_string_equal(c.error, "t.csv:2: column 2: invalid UTF-8 at byte 1 of the field");
	ec_csv_release(&c);

	/* A quoted field over the limit; reading goes on at the next line. */
	in[0] = '"';
	memset(in + 1, 'x', n);
	memcpy(in + 1 + n, "\"\nok\n", 6);
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next(&c), EC_EDATA);
	assert_string_equal(c.error, "t.csv:1: column 1: field longer than 65536 bytes");
	assert_int_equal(ec_csv_next(&c), 1);
	expect_field(&c, 0, "ok");
	assert_int_equal(c.line, 2);
	ec_csv_release(&c);
	free(in);

	/* 257 fields, on either path. */
	for (int quoted = 0; quoted < 2; quoted++) {
		size_t len = 0;
		for (int f = 0; f < EC_CSV_MAX_FIELDS + 1; f++)
			len += (size_t)snprintf(many + len, sizeof many - len, f ? ",x" : "%s", quoted ? "\"x\"" : "x");
		snprintf(many + len, sizeof many - len, "\nok\n");
		ec_csv_init_mem(&c, "t.csv", many, strlen(many));
		assert_int_equal(ec_csv_next(&c), EC_EDATA);
		assert_string_equal(c.error, "t.csv:1: more than 256 fields");
		assert_int_equal(ec_csv_next(&c), 1);
		expect_field(&c, 0, "ok");
		ec_csv_release(&c);
	}
}

static void test_header(void **state)
{
	static const char *const cols[] = { "uscc", "period", "revenue" };
	struct ec_csv c;
	struct ec_diag d;
	(void)state;
	ec_diag_init(&d, 10);
	ec_csv_init_mem(&c, "r.csv", "uscc,period,revenu\n", 19);
	assert_int_equal(ec_csv_check_header(&c, cols, 3, &d), EC_EDATA);
	assert_string_equal(d.messages[0],
			    "r.csv:1: header: column 3 is 'revenu', expected 'revenue'; expected uscc,period,revenue");
	assert_string_equal(d.problems[0].code, "csv.header_wrong");
	assert_string_equal(ec_problem_param(&d.problems[0], "value"), "revenu");
	ec_csv_release(&c);
	ec_diag_clear(&d);
	ec_csv_init_mem(&c, "r.csv", "uscc,revenue\n", 13);
	assert_int_equal(ec_csv_check_header(&c, cols, 3, &d), EC_EDATA);
	assert_string_equal(d.messages[0], "r.csv:1: header: column 'period' is missing; expected uscc,period,revenue");
	ec_csv_release(&c);
	ec_diag_clear(&d);
	ec_csv_init_mem(&c, "r.csv", "uscc,period,revenue,x\n", 22);
	assert_int_equal(ec_csv_check_header(&c, cols, 3, &d), EC_EDATA);
	assert_string_equal(d.messages[0], "r.csv:1: header: unexpected column 4 'x'; expected uscc,period,revenue");
	ec_csv_release(&c);
	ec_diag_release(&d);
}

static void test_write_field(void **state)
{
	struct ec_buf b;
	(void)state;
	ec_buf_init(&b, 0);
	ec_csv_write_field(&b, "plain", 5);
	ec_buf_addc(&b, ',');
	ec_csv_write_field(&b, "a,\"b\"\n", 6);
	assert_string_equal(b.data, "plain,\"a,\"\"b\"\"\n\"");
	ec_buf_release(&b);
}

/* The helpers the file formats share: a header, cells, a kind by name. */
static void test_write_header_kinds(void **state)
{
	static const char *const cols[] = { "code", "name" };
	static const struct ec_csv_kind kinds[] = { { "things", cols, 2 }, { "others", cols, 1 } };
	struct ec_buf b;
	(void)state;
	ec_buf_init(&b, 0);
	assert_int_equal(ec_csv_write_header(&b, cols, 2), EC_OK);
	assert_int_equal(ec_csv_write_cell(&b, "a,b", 0), EC_OK);
	assert_int_equal(ec_csv_write_cell(&b, "c", 1), EC_OK);
	assert_string_equal(b.data, "code,name\n\"a,b\",c\n");
	ec_buf_release(&b);
	assert_int_equal(ec_csv_kind_find(kinds, 2, "others"), 1);
	assert_int_equal(ec_csv_kind_find(kinds, 2, "thing"), -1);
}

/* ec_csv_next_row passes over bad rows, reporting each at its line. */
static void test_next_row(void **state)
{
	static const char in[] = "a,b\n1,2\n3\n4,\"5\n6,7\n";
	struct ec_csv c;
	struct ec_diag d;
	int64_t rows = 0;
	(void)state;
	ec_diag_init(&d, 10);
	ec_csv_init_mem(&c, "t.csv", in, strlen(in));
	assert_int_equal(ec_csv_next_row(&c, 2, NULL, NULL, &d), 1); /* the header; rows may be NULL */
	assert_int_equal(ec_csv_next_row(&c, 2, "a,b", &rows, &d), 1);
	expect_field(&c, 1, "2");
	assert_int_equal(ec_csv_next_row(&c, 2, "a,b", &rows, &d), 0);
	assert_int_equal(rows, 3);
	assert_int_equal(d.total, 2);
	assert_string_equal(d.messages[0], "t.csv:3: expected 2 fields (a,b), found 1");
	assert_string_equal(d.problems[0].code, "csv.fields_of");
	assert_string_equal(ec_problem_param(&d.problems[0], "found"), "1");
	assert_int_equal(d.problems[0].line, 3);
	assert_int_equal(d.problems[1].line, 4);
	ec_csv_release(&c);
	ec_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_bom_crlf_trailing),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_long_field),
		cmocka_unit_test(test_both_paths),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_write_field),
		cmocka_unit_test(test_write_header_kinds),
		cmocka_unit_test(test_next_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
