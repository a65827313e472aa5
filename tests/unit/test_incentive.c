/* Unit tests of incentive rules and the ledger's arithmetic against cases
** worked out by hand (docs/methods.md, "Incentives and the subsidy
** ledger"): the share, the cap per award, the top-up, the annual cap,
** eligibility refused, the balances, and the checks of commitments,
** payments and reversals; and the rules file read, refused and written
** back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/incentive.h"
#include "echelon/problem.h"

#define FIRM "91310115000301600R"

/* The three rules of the issue: the owner 30 % of its purchase up to
** 3 000, +10 % for a national pilot; the supplier 50 % of its R&D up to
** 2 000, +200 for a municipal pilot (or a national one), in area 1; a
** voucher 30 % of a purchase, 500 a year, for SMEs in Shanghai (31). */
static const struct ec_incentive_rule owner = { "owner", EC_SIDE_OWNER, EC_BASE_PURCHASE, 30, 3000, 0, "", "", 0,
						  EC_PILOT_NATIONAL, 10, 0 };
static const struct ec_incentive_rule supplier = { "supplier", EC_SIDE_SUPPLIER, EC_BASE_RD, 50, 2000, 0, "1;4.1", "",
						     0, EC_PILOT_MUNICIPAL, 0, 200 };
static const struct ec_incentive_rule voucher = {
	"voucher", EC_SIDE_VOUCHER, EC_BASE_PURCHASE, 30, 0, 500, "", "31",
	(1u << EC_SIZE_MEDIUM) | (1u << EC_SIZE_SMALL) | (1u << EC_SIZE_MICRO), EC_PILOT_NONE, 0, 0
};

static struct ec_incentive_claim claim(enum ec_incentive_side side, double base)
{
	struct ec_incentive_claim c;

	ec_incentive_claim_init(&c);
	snprintf(c.reference, sizeof c.reference, "R1");
	snprintf(c.beneficiary, sizeof c.beneficiary, "%s", FIRM);
	snprintf(c.category, sizeof c.category, "1.2.4");
	snprintf(c.region, sizeof c.region, "310115");
	c.side = side;
	c.base_amount = base;
	return c;
}

static void test_share_cap_topup(void **state)
{
	struct ec_incentive_claim c = claim(EC_SIDE_OWNER, 8000);
	struct ec_incentive_award a;
	struct ec_problem why = { 0 };
	(void)state;

	/* 30 % x 8 000 = 2 400, under the cap, no pilot */
	assert_int_equal(ec_incentive_apply(&owner, &c, 0, &a, &why), EC_OK);
	assert_true(a.amount == 2400);
	assert_string_equal(a.reasons, "incentive.share|base=purchase|amount=8000|share_pct=30|result=2400; "
				       "incentive.total|amount=2400");
	/* 30 % x 20 000 = 6 000, capped at 3 000; national pilot 3 000 x 1.1 = 3 300 */
	c.base_amount = 20000;
	c.pilot = EC_PILOT_NATIONAL;
	assert_int_equal(ec_incentive_apply(&owner, &c, 0, &a, &why), EC_OK);
	assert_true(a.amount == 3300);
	assert_non_null(strstr(a.reasons, "incentive.capped|cap=3000|before=6000"));
	assert_non_null(strstr(a.reasons, "incentive.topup|pilot=national|topup_pct=10|topup_amount=0|before=3000|result=3300"));
	/* a municipal pilot does not earn a national top-up */
	c.pilot = EC_PILOT_MUNICIPAL;
	assert_int_equal(ec_incentive_apply(&owner, &c, 0, &a, &why), EC_OK);
	assert_true(a.amount == 3000);
	assert_null(strstr(a.reasons, "incentive.topup"));
	/* rounded to the yuan: 30 % x 1 234.5675 = 370.37025 -> 370.370 */
	c.base_amount = 1234.5675;
	assert_int_equal(ec_incentive_apply(&owner, &c, 0, &a, &why), EC_OK);
	assert_true(a.amount == 370.37);
}

static void test_supplier(void **state)
{
	struct ec_incentive_claim c = claim(EC_SIDE_SUPPLIER, 5000);
	struct ec_incentive_award a;
	struct ec_problem why = { 0 };
	(void)state;

	/* 50 % x 5 000 = 2 500, capped at 2 000; a national pilot earns the
	** municipal top-up: 2 000 + 200 = 2 200 */
	c.pilot = EC_PILOT_NATIONAL;
	assert_int_equal(ec_incentive_apply(&supplier, &c, 0, &a, &why), EC_OK);
	assert_true(a.amount == 2200);
	assert_non_null(strstr(a.reasons, "incentive.category_in|category=1.2.4|targets=1;4.1"));
	/* 4.1.2 under 4.1; 4.2 not; "11" is not under "1" */
	snprintf(c.category, sizeof c.category, "4.1.2");
	assert_int_equal(ec_incentive_apply(&supplier, &c, 0, &a, &why), EC_OK);
	snprintf(c.category, sizeof c.category, "4.2");
	assert_int_equal(ec_incentive_apply(&supplier, &c, 0, &a, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.category");
	ec_problem_release(&why);
	snprintf(c.category, sizeof c.category, "11");
	assert_int_equal(ec_incentive_apply(&supplier, &c, 0, &a, &why), EC_EDATA);
	ec_problem_release(&why);
	/* an unknown category is not under any */
	c.category[0] = '\0';
	assert_int_equal(ec_incentive_apply(&supplier, &c, 0, &a, &why), EC_EDATA);
	assert_string_equal(ec_problem_param(&why, "category"), "?");
	ec_problem_release(&why);
}

static void test_year_cap(void **state)
{
	struct ec_incentive_claim c = claim(EC_SIDE_VOUCHER, 1000);
	struct ec_incentive_award a;
	struct ec_problem why = { 0 };
	(void)state;

	/* 30 % x 1 000 = 300, nothing awarded before: 300 */
	assert_int_equal(ec_incentive_apply(&voucher, &c, 0, &a, &why), EC_OK);
	assert_true(a.amount == 300);
	/* 300 awarded: room 200, the award cut to it */
	assert_int_equal(ec_incentive_apply(&voucher, &c, 300, &a, &why), EC_OK);
	assert_true(a.amount == 200);
	assert_non_null(strstr(a.reasons, "incentive.year_cap|year_cap=500|already=300|before=300|result=200"));
	/* 500 awarded: nothing left, refused */
	assert_int_equal(ec_incentive_apply(&voucher, &c, 500, &a, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.year_cap_reached");
	assert_string_equal(ec_problem_param(&why, "already"), "500");
	ec_problem_release(&why);
}

static void test_eligibility(void **state)
{
	struct ec_incentive_claim c = claim(EC_SIDE_VOUCHER, 1000);
	struct ec_incentive_award a;
	struct ec_problem why = { 0 };
	(void)state;

	c.side = EC_SIDE_OWNER;
	assert_int_equal(ec_incentive_apply(&voucher, &c, 0, &a, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.side");
	ec_problem_release(&why);
	c.side = EC_SIDE_VOUCHER;
	snprintf(c.region, sizeof c.region, "440305");
	assert_int_equal(ec_incentive_apply(&voucher, &c, 0, &a, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.region");
	assert_string_equal(ec_problem_param(&why, "expected"), "31");
	ec_problem_release(&why);
	snprintf(c.region, sizeof c.region, "310115");
	c.size = EC_SIZE_LARGE;
	assert_int_equal(ec_incentive_apply(&voucher, &c, 0, &a, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.size");
	assert_string_equal(ec_problem_param(&why, "expected"), "medium;small;micro");
	ec_problem_release(&why);
	/* a size not known is not held against the claim, and said so */
	c.size = EC_SIZE_UNKNOWN;
	assert_int_equal(ec_incentive_apply(&voucher, &c, 0, &a, &why), EC_OK);
	assert_non_null(strstr(a.reasons, "incentive.size_unknown"));
	c.size = EC_SIZE_MICRO;
	c.base_amount = 0;
	assert_int_equal(ec_incentive_apply(&voucher, &c, 0, &a, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.base");
	ec_problem_release(&why);
	c.base_amount = NAN;
	assert_int_equal(ec_incentive_apply(&voucher, &c, 0, &a, NULL), EC_EDATA);
}

static void test_reasons_in_words(void **state)
{
	struct ec_incentive_claim c = claim(EC_SIDE_OWNER, 20000);
	struct ec_incentive_award a;
	struct ec_buf b;
	(void)state;

	c.pilot = EC_PILOT_NATIONAL;
	assert_int_equal(ec_incentive_apply(&owner, &c, 0, &a, NULL), EC_OK);
	ec_buf_init(&b, 0);
	ec_coded_list(a.reasons, EC_LANG_EN, &b);
	assert_string_equal(b.data, "30% of 20000 (purchase) = 6000; 6000 capped at 3000 per award; "
				    "national pilot: 3000 + 10% + 0 = 3300; award 3300");
	ec_buf_clear(&b);
	ec_coded_list(a.reasons, EC_LANG_ZH, &b);
	assert_non_null(strstr(b.data, "采购金额 20000 × 30% = 6000"));
	assert_non_null(strstr(b.data, "国家级试点加计"));
	ec_buf_release(&b);
}

static void test_rule_check(void **state)
{
	struct ec_incentive_rule r = owner;
	struct ec_problem why = { 0 };
	(void)state;

	assert_int_equal(ec_incentive_rule_check(&r, NULL), EC_OK);
	r.share_pct = 0;
	assert_int_equal(ec_incentive_rule_check(&r, &why), EC_EDATA);
	assert_string_equal(why.field, "share_pct");
	ec_problem_release(&why);
	r = owner;
	r.topup_pilot = EC_PILOT_NONE;
	assert_int_equal(ec_incentive_rule_check(&r, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.topup_pilot");
	ec_problem_release(&why);
	r = owner;
	snprintf(r.categories, sizeof r.categories, "1;2..1");
	assert_int_equal(ec_incentive_rule_check(&r, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.category_code");
	ec_problem_release(&why);
	r = owner;
	snprintf(r.regions, sizeof r.regions, "310");
	assert_int_equal(ec_incentive_rule_check(&r, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.region_prefix");
	ec_problem_release(&why);
	r = owner;
	r.cap = -1;
	assert_int_equal(ec_incentive_rule_check(&r, NULL), EC_EDATA);
}

/* A ledger by hand: budget 1 000; commitment 1 of 400 (A), payment 2 of 150
** on it, commitment 3 of 300 (B), reversal 4 of commitment 3, payment 5 of
** 100 on 1, reversal 6 of payment 5. */
static void ledger(struct ec_ledger_entry e[6])
{
	static const struct {
		enum ec_entry_kind kind;
		int64_t refers;
		double amount;
		const char *ref, *who;
	} rows[6] = {
		{ EC_ENTRY_COMMITMENT, 0, 400, "A", FIRM }, { EC_ENTRY_PAYMENT, 1, 150, "", FIRM },
		{ EC_ENTRY_COMMITMENT, 0, 300, "B", FIRM }, { EC_ENTRY_REVERSAL, 3, 300, "", FIRM },
		{ EC_ENTRY_PAYMENT, 1, 100, "", FIRM },	    { EC_ENTRY_REVERSAL, 5, 100, "", FIRM },
	};
	memset(e, 0, 6 * sizeof *e);
	for (int i = 0; i < 6; i++) {
		e[i].id = i + 1;
		e[i].kind = rows[i].kind;
		e[i].refers = rows[i].refers;
		e[i].amount = rows[i].amount;
		snprintf(e[i].reference, sizeof e[i].reference, "%s", rows[i].ref);
		snprintf(e[i].beneficiary, sizeof e[i].beneficiary, "%s", rows[i].who);
		snprintf(e[i].rule, sizeof e[i].rule, "owner");
	}
}

static void test_balance(void **state)
{
	struct ec_ledger_entry e[6];
	struct ec_ledger_balance b;
	(void)state;

	ledger(e);
	ec_ledger_balance(1000, e, 6, &b);
	/* committed 400 (B reversed), paid 150 (100 reversed), outstanding 250, available 600 */
	assert_true(b.committed == 400 && b.paid == 150 && b.outstanding == 250 && b.available == 600);
	assert_true(b.commitments == 1 && b.payments == 1 && b.reversals == 2);
	assert_true(ec_ledger_paid_on(e, 6, 1) == 150);
	assert_true(ec_ledger_awarded(e, 6, FIRM, 0, "owner") == 400);
	assert_true(ec_ledger_awarded(e, 6, FIRM, 1, "owner") == 0);
	assert_true(ec_ledger_awarded(e, 6, FIRM, 0, "voucher") == 0);
	ec_ledger_balance(1000, e, 0, &b);
	assert_true(b.committed == 0 && b.available == 1000);
}

static void test_checks(void **state)
{
	struct ec_ledger_entry e[6];
	struct ec_problem why = { 0 };
	(void)state;

	ledger(e);
	/* available 600: 600 fits, 600.01 does not */
	assert_int_equal(ec_ledger_check_commitment(e, 6, 1000, "C", 600, NULL), EC_OK);
	assert_int_equal(ec_ledger_check_commitment(e, 6, 1000, "C", 600.01, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.budget");
	assert_string_equal(ec_problem_param(&why, "available"), "600");
	ec_problem_release(&why);
	/* a reference used once, even reversed (B), is not used again */
	assert_int_equal(ec_ledger_check_commitment(e, 6, 1000, "B", 10, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.claim_repeat");
	assert_string_equal(ec_problem_param(&why, "entry"), "3");
	ec_problem_release(&why);
	assert_int_equal(ec_ledger_check_commitment(e, 6, 1000, "C", 0, NULL), EC_EDATA);
	/* payments: 400 - 150 = 250 left on 1 */
	assert_int_equal(ec_ledger_check_payment(e, 6, 1, 250, NULL), EC_OK);
	assert_int_equal(ec_ledger_check_payment(e, 6, 1, 250.5, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.overpaid");
	ec_problem_release(&why);
	assert_int_equal(ec_ledger_check_payment(e, 6, 3, 10, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.reversed");
	ec_problem_release(&why);
	assert_int_equal(ec_ledger_check_payment(e, 6, 2, 10, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.no_commitment");
	ec_problem_release(&why);
	assert_int_equal(ec_ledger_check_payment(e, 6, 9, 10, &why), EC_ENOTFOUND);
	assert_string_equal(why.code, "incentive.entry_not_found");
	ec_problem_release(&why);
	/* reversals */
	assert_int_equal(ec_ledger_check_reversal(e, 6, 1, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.has_payments");
	ec_problem_release(&why);
	assert_int_equal(ec_ledger_check_reversal(e, 6, 2, NULL), EC_OK);
	assert_int_equal(ec_ledger_check_reversal(e, 6, 4, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.reverse_reversal");
	ec_problem_release(&why);
	assert_int_equal(ec_ledger_check_reversal(e, 6, 5, &why), EC_EDATA);
	assert_string_equal(why.code, "incentive.reversed");
	ec_problem_release(&why);
}

static const char header[] =
	"rule,side,base,share_pct,cap,year_cap,categories,regions,sizes,topup_pilot,topup_pct,topup_amount\n";

static void test_file(void **state)
{
	static const char good[] = "owner,owner,purchase,30,3000,,,,,national,10,\n"
				   "supplier,supplier,rd,50,2000,,1;4.1,,,municipal,,200\n"
				   "voucher,voucher,purchase,30,,500,,31,medium;small;micro,,,\n";
	char text[1024];
	struct ec_incentive_rule *rules;
	struct ec_diag d;
	struct ec_buf b;
	size_t n;
	(void)state;

	snprintf(text, sizeof text, "%s%s", header, good);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_incentive_rules_parse("r.csv", text, strlen(text), &rules, &n, &d), EC_OK);
	assert_int_equal(n, 3);
	assert_memory_equal(&rules[0], &owner, sizeof owner);
	assert_memory_equal(&rules[1], &supplier, sizeof supplier);
	assert_memory_equal(&rules[2], &voucher, sizeof voucher);
	ec_buf_init(&b, 0);
	assert_int_equal(ec_incentive_rules_write(rules, n, &b), EC_OK);
	assert_int_equal(b.len, strlen(text));
	assert_memory_equal(b.data, text, b.len);
	ec_buf_release(&b);
	free(rules);

	/* each bad row named at its line and column; nothing given */
	snprintf(text, sizeof text,
		 "%sowner,owner,purchase,30,3000,,,,,national,10,\n"
		 "owner,owner,purchase,30,,,,,,,,\n"
		 "x,buyer,purchase,30,,,,,,,,\n"
		 "y,owner,rd,130,,,,,,,,\n"
		 "z,owner,rd,,,,,,,,,\n"
		 "w,owner,rd,10,,,,,huge,,,\n",
		 header);
	assert_int_equal(ec_incentive_rules_parse("r.csv", text, strlen(text), &rules, &n, &d), EC_EDATA);
	assert_null(rules);
	assert_int_equal(n, 0);
	assert_int_equal(d.total, 5);
	assert_string_equal(d.messages[0], "r.csv:3: column rule: 'owner' appears twice in the file");
	assert_string_equal(d.problems[1].field, "side");
	assert_int_equal(d.problems[1].line, 4);
	assert_string_equal(d.problems[2].field, "share_pct");
	assert_string_equal(d.problems[3].code, "number.empty");
	assert_string_equal(d.problems[4].field, "sizes");
	ec_diag_release(&d);

	ec_diag_init(&d, 10);
	assert_int_equal(ec_incentive_rules_parse("r.csv", header, strlen(header), &rules, &n, &d), EC_EDATA);
	assert_string_equal(d.problems[0].code, "incentive.no_rules");
	ec_diag_release(&d);

	/* a NUL byte would cut a C string short: "v\0x" is not "v" (found by fuzz_incentive) */
	{
		static const char nul[] = "rule,side,base,share_pct,cap,year_cap,categories,regions,sizes,topup_pilot,topup_pct,topup_amount\n"
					  "v\0x,voucher,purchase,30,,500,,,,,,\n";
		ec_diag_init(&d, 10);
		assert_int_equal(ec_incentive_rules_parse("r.csv", nul, sizeof nul - 1, &rules, &n, &d), EC_EDATA);
		assert_string_equal(d.problems[0].code, "field.nul");
		assert_string_equal(d.problems[0].field, "rule");
		ec_diag_release(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_cap_topup), cmocka_unit_test(test_supplier),
		cmocka_unit_test(test_year_cap),	cmocka_unit_test(test_eligibility),
		cmocka_unit_test(test_reasons_in_words), cmocka_unit_test(test_rule_check),
		cmocka_unit_test(test_balance),		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
