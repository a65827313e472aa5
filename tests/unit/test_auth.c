/* Unit tests of the sign-in limiter: the limit, the growing delay, the
** window, attempts in flight, success forgetting, and bounded memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "echelon/auth.h"

static void fail_once(struct ec_limiter *l, const char *key, int64_t now)
{
	assert_int_equal(ec_limiter_begin(l, key, now), 0);
	ec_limiter_end(l, key, now, EC_ATTEMPT_FAILED);
}

static void test_limit_and_delay(void **state)
{
	struct ec_limiter *l = ec_limiter_new(3, 900);
	(void)state;
	for (int i = 0; i < 3; i++)
		fail_once(l, "k", 1000);
	/* past the limit: 2 s after the latest failure, then 4, 8 ... */
	assert_int_equal(ec_limiter_begin(l, "k", 1000), 2);
	assert_int_equal(ec_limiter_begin(l, "k", 1001), 1);
	assert_int_equal(ec_limiter_check(l, "other", 1000), 0);
	fail_once(l, "k", 1002);
	assert_int_equal(ec_limiter_begin(l, "k", 1002), 4);
	fail_once(l, "k", 1006);
	assert_int_equal(ec_limiter_begin(l, "k", 1006), 8);
	/* never more than the window; gone once the window has passed */
	for (int i = 0; i < 30; i++)
		ec_limiter_fail(l, "k", 2000);
	assert_int_equal(ec_limiter_check(l, "k", 2000), 900);
	assert_int_equal(ec_limiter_begin(l, "k", 2900), 0);
	ec_limiter_end(l, "k", 2900, EC_ATTEMPT_SUCCEEDED); /* a success forgets */
	assert_int_equal(ec_limiter_check(l, "k", 2900), 0);
	ec_limiter_free(l);
}

static void test_inflight(void **state)
{
	struct ec_limiter *l = ec_limiter_new(2, 900);
	(void)state;
	fail_once(l, "k", 100);
	assert_int_equal(ec_limiter_begin(l, "k", 100), 0); /* the last place */
	assert_true(ec_limiter_begin(l, "k", 100) > 0);     /* held by the attempt in flight */
	ec_limiter_end(l, "k", 100, EC_ATTEMPT_SUCCEEDED);
	assert_int_equal(ec_limiter_begin(l, "k", 100), 0);
	ec_limiter_end(l, "k", 100, EC_ATTEMPT_FAILED);
	ec_limiter_free(l);
}

static void test_memory(void **state)
{
	struct ec_limiter *l = ec_limiter_new(5, 60);
	char key[32];
	(void)state;
	/* a flood of names, each failing once: old ones are forgotten */
	for (int i = 0; i < 200000; i++) {
		snprintf(key, sizeof key, "name-%d", i);
		ec_limiter_fail(l, key, i / 1000);
	}
	assert_int_equal(ec_limiter_check(l, "name-199999", 199), 0);
	ec_limiter_free(l);
}

/* An attempt stopped before its password was judged (another limit said
** no, the store failed) neither counts nor forgets the key's failures. */
static void test_aborted(void **state)
{
	struct ec_limiter *l = ec_limiter_new(3, 900);
	(void)state;
	for (int i = 0; i < 3; i++)
		fail_once(l, "k", 1000);
	assert_int_equal(ec_limiter_begin(l, "k", 1010), 0);
	ec_limiter_end(l, "k", 1010, EC_ATTEMPT_ABORTED);
	assert_int_equal(ec_limiter_check(l, "k", 1010), 0);
	fail_once(l, "k", 1010); /* the fourth failure: the delay goes on growing */
	assert_int_equal(ec_limiter_begin(l, "k", 1010), 4);
	ec_limiter_free(l);
}

/* Every place remembering a recent failure: a new key waits rather than
** going uncounted. */
static void test_full(void **state)
{
	struct ec_limiter *l = ec_limiter_new(5, 60);
	char key[32];
	(void)state;
	for (int i = 0; i < 65536; i++) {
		snprintf(key, sizeof key, "name-%d", i);
		ec_limiter_fail(l, key, 100);
	}
	for (int i = 0; i < 1000; i++)
		assert_int_equal(ec_limiter_begin(l, "newcomer", 100), 1);
	assert_int_equal(ec_limiter_begin(l, "newcomer", 160), 0); /* the window has passed */
	ec_limiter_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limit_and_delay),
		cmocka_unit_test(test_inflight),
		cmocka_unit_test(test_memory),
		cmocka_unit_test(test_aborted),
		cmocka_unit_test(test_full),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
