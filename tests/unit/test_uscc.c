/* Unit tests of the USCC check (GB 32100-2015). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/echelon.h"
#include "echelon/uscc.h"

/* Published codes of real companies (from their business licences). */
static void test_real_codes(void **state)
{
	static const char *const codes[] = { "9144030071526726XG", "91330100716105852F", "914403001922038216",
					     "91110000802100433B" };
	struct ec_uscc_result r;
	(void)state;
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(ec_uscc_check(codes[i], 18, &r), EC_OK);
}

static void test_check_character(void **state)
{
	struct ec_uscc_result r;
	char msg[128];
	(void)state;
	assert_int_equal(ec_uscc_check("9144030071526726XA", 18, &r), EC_EDATA);
	assert_int_equal(r.status, EC_USCC_CHECK);
	assert_int_equal(r.expected, 'G');
	ec_uscc_explain(&r, msg, sizeof msg);
	assert_string_equal(msg, "check character is 'A', expected 'G'");
	/* Sum divisible by 31 gives check character '0'. */
	assert_int_equal(ec_uscc_check_char("00000000000000000"), '0');
}

static void test_alphabet(void **state)
{
	struct ec_uscc_result r;
	char msg[160];
	(void)state;
	/* I, O, S, V, Z and lowercase are not in the alphabet. */
	assert_int_equal(ec_uscc_check("91440300715267I6XG", 18, &r), EC_EDATA);
	assert_int_equal(r.status, EC_USCC_ALPHABET);
	assert_int_equal(r.position, 15);
	ec_uscc_explain(&r, msg, sizeof msg);
	assert_string_equal(msg, "character 15 is 'I', not in the code alphabet 0-9 A-H J-N P-R T U W-Y");
	assert_int_equal(ec_uscc_check("9144030071526726xg", 18, &r), EC_EDATA);
	assert_int_equal(r.position, 17);
	assert_int_equal(ec_uscc_check("91440300715267S6XG", 18, &r), EC_EDATA);
	assert_int_equal(ec_uscc_check("91440300715267\xff" "6XG", 18, &r), EC_EDATA);
	ec_uscc_explain(&r, msg, sizeof msg);
	assert_string_equal(msg, "character 15 is byte 0xFF, not in the code alphabet 0-9 A-H J-N P-R T U W-Y");
	assert_int_equal(ec_uscc_check_char("9144030071526I726"), 0);
}

static void test_length(void **state)
{
	struct ec_uscc_result r;
	char msg[64];
	(void)state;
	assert_int_equal(ec_uscc_check("9144030071526726X", 17, &r), EC_EDATA);
	assert_int_equal(r.status, EC_USCC_LENGTH);
	ec_uscc_explain(&r, msg, sizeof msg);
	assert_string_equal(msg, "17 characters, expected 18");
	assert_int_equal(ec_uscc_check("", 0, &r), EC_EDATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_codes),
		cmocka_unit_test(test_check_character),
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
