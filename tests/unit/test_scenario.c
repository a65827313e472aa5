/* Unit tests of application scenarios' domain: every pair (from, to) of
** the status machine allowed or refused as docs/methods.md lists it, the
** scenario's and the application's checks, the review criteria, the
** weighted totals and ranking with its ties rule, and the fit of an
** enterprise to a scenario with its reasons. */
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
#include "echelon/scenario.h"

#define CLOSE(a, b) assert_true(fabs((a) - (b)) <= 1e-9)

/* The machine written out in full, independently of the table in
** src/lib/scenario.c: each line is from, then the statuses allowed. */
static const char *const expected_moves[] = {
	"draft open withdrawn",
	"open review closed withdrawn",
	"review selected closed",
	"selected completed",
	"completed",
	"closed",
	"withdrawn",
};

static int listed(const char *line, const char *to)
{
	const char *at = strchr(line, ' ');

	while (at) {
		size_t n;
		at++;
		n = strcspn(at, " ");
		if (strlen(to) == n && !strncmp(at, to, n))
			return 1;
		at = strchr(at, ' ');
	}
	return 0;
}

static void test_every_transition(void **state)
{
	int allowed = 0, refused = 0;

	(void)state;
	for (int from = 0; from < EC_SCN_NSTATUS; from++) {
		const char *name = ec_scenario_status_name((enum ec_scenario_status)from);
		assert_int_equal(strncmp(expected_moves[from], name, strlen(name)), 0);
		for (int to = 0; to < EC_SCN_NSTATUS; to++) {
			struct ec_problem p;
			const char *to_name = ec_scenario_status_name((enum ec_scenario_status)to);
			int want = listed(expected_moves[from], to_name), rc;

			memset(&p, 0, sizeof p);
			assert_int_equal(ec_scenario_transition_allowed((enum ec_scenario_status)from,
									(enum ec_scenario_status)to), want);
			rc = ec_scenario_transition_check((enum ec_scenario_status)from, (enum ec_scenario_status)to, &p);
			if (want) {
				assert_int_equal(rc, EC_OK);
				assert_null(p.code);
				allowed++;
			} else {
				assert_int_equal(rc, EC_EDATA);
				assert_string_equal(p.code, "scenario.transition");
				assert_string_equal(ec_problem_param(&p, "from_scenario_status"), name);
				assert_string_equal(ec_problem_param(&p, "scenario_status"), to_name);
				refused++;
				ec_problem_release(&p);
			}
		}
	}
	assert_int_equal(allowed, 8);
	assert_int_equal(refused, 49 - 8);
	/* out of range is refused, never read past the table */
	assert_int_equal(ec_scenario_transition_allowed((enum ec_scenario_status)-1, EC_SCN_OPEN), 0);
	assert_int_equal(ec_scenario_transition_allowed(EC_SCN_DRAFT, EC_SCN_NSTATUS), 0);
}

static void test_transition_words(void **state)
{
	struct ec_problem p;
	struct ec_buf b;

	(void)state;
	memset(&p, 0, sizeof p);
	assert_int_equal(ec_scenario_transition_check(EC_SCN_COMPLETED, EC_SCN_OPEN, &p), EC_EDATA);
	ec_buf_init(&b, 0);
	ec_problem_message(&p, EC_LANG_ZH, &b);
	assert_string_equal(b.data, "场景不能从已完成变为征集中");
	ec_buf_clear(&b);
	ec_problem_message(&p, EC_LANG_EN, &b);
	assert_string_equal(b.data, "a scenario cannot move from completed to open");
	ec_buf_release(&b);
	ec_problem_release(&p);
}

static void test_names(void **state)
{
	(void)state;
	for (int s = 0; s < EC_SCN_NSTATUS; s++)
		assert_int_equal(ec_scenario_status_parse(ec_scenario_status_name((enum ec_scenario_status)s)), s);
	for (int k = 0; k < EC_SCN_NKINDS; k++)
		assert_int_equal(ec_scenario_kind_parse(ec_scenario_kind_name((enum ec_scenario_kind)k)), k);
	assert_int_equal(ec_scenario_status_parse("Open"), -1);
	assert_int_equal(ec_scenario_kind_parse(NULL), -1);
}

static void criteria_refused(const char *text, const char *code)
{
	struct ec_scenario_criterion c[EC_SCN_CRITERIA];
	struct ec_problem p;
	size_t n;

	memset(&p, 0, sizeof p);
	if (ec_scenario_criteria_parse(text, c, &n, &p) != EC_EDATA)
		fail_msg("criteria '%s' accepted", text);
	assert_string_equal(p.code, code);
	ec_problem_release(&p);
}

static void test_criteria(void **state)
{
	struct ec_scenario_criterion c[EC_SCN_CRITERIA];
	struct ec_problem p;
	size_t n;

	(void)state;
	memset(&p, 0, sizeof p);
	assert_int_equal(ec_scenario_criteria_parse(EC_SCN_DEFAULT_CRITERIA, c, &n, &p), EC_OK);
	assert_int_equal(n, 4);
	assert_string_equal(c[1].name, "price");
	CLOSE(c[1].weight, 30);
	assert_int_equal(ec_scenario_criteria_parse("a:33.5;b:66.5", c, &n, &p), EC_OK);
	assert_int_equal(n, 2);
	criteria_refused("", "field.empty");
	criteria_refused("a:50;b:40", "scenario.criteria_sum");
	criteria_refused("a:50;a:50", "scenario.criterion_twice");
	criteria_refused("a:0;b:100", "scenario.criterion");
	criteria_refused("a-b:100", "scenario.criterion");
	criteria_refused("a100", "scenario.criterion");
	criteria_refused("a:10;b:10;c:10;d:10;e:10;f:10;g:10;h:10;i:20", "scenario.criteria_many");
}

static struct ec_scenario_score S(const char *uscc, const char *reviewer, const char *criterion, double score)
{
	struct ec_scenario_score s;

	memset(&s, 0, sizeof s);
	snprintf(s.uscc, sizeof s.uscc, "%s", uscc);
	snprintf(s.reviewer, sizeof s.reviewer, "%s", reviewer);
	snprintf(s.criterion, sizeof s.criterion, "%s", criterion);
	s.score = score;
	return s;
}

static struct ec_application A(const char *uscc, double price, enum ec_application_state state)
{
	struct ec_application a;

	memset(&a, 0, sizeof a);
	snprintf(a.uscc, sizeof a.uscc, "%s", uscc);
	a.price = price;
	a.months = 6;
	a.state = state;
	return a;
}

static void test_rank(void **state)
{
	struct ec_scenario_criterion c[EC_SCN_CRITERIA];
	struct ec_problem p;
	size_t n;
	/* criteria tech 60, price 40 */
	struct ec_scenario_score scores[] = {
		/* A: r1 sheet 0.6*80+0.4*50 = 68; r2 sheet 0.6*90+0.4*70 = 82; mean 75 */
		S("A", "r1", "tech", 80), S("A", "r1", "price", 50), S("A", "r2", "tech", 90), S("A", "r2", "price", 70),
		/* B: r1 sheet 0.6*75+0.4*75 = 75, r2 incomplete (not counted) */
		S("B", "r1", "tech", 75), S("B", "r1", "price", 75), S("B", "r2", "tech", 100),
		/* C: 75 too, and cheaper than B */
		S("C", "r1", "tech", 75), S("C", "r1", "price", 75),
		/* W: withdrawn, scored high: no rank */
		S("W", "r1", "tech", 100), S("W", "r1", "price", 100),
	};
	struct ec_application apps[] = {
		A("W", 10, EC_APP_WITHDRAWN), A("N", 1, EC_APP_SUBMITTED), A("B", 300, EC_APP_SUBMITTED),
		A("A", 500, EC_APP_SUBMITTED), A("C", 200, EC_APP_SUBMITTED),
	};

	(void)state;
	memset(&p, 0, sizeof p);
	assert_int_equal(ec_scenario_criteria_parse("tech:60;price:40", c, &n, &p), EC_OK);
	ec_scenario_rank(c, n, scores, sizeof scores / sizeof scores[0], apps, 5);
	/* A and C and B tie at 75: the lower price first, then the USCC */
	assert_string_equal(apps[0].uscc, "C");
	CLOSE(apps[0].total, 75);
	assert_int_equal(apps[0].rank, 1);
	assert_string_equal(apps[1].uscc, "B");
	assert_int_equal(apps[1].reviewers, 1);
	assert_string_equal(apps[2].uscc, "A");
	CLOSE(apps[2].total, 75);
	assert_int_equal(apps[2].reviewers, 2);
	assert_int_equal(apps[2].rank, 3);
	/* N not scored: after every scored one */
	assert_string_equal(apps[3].uscc, "N");
	assert_true(isnan(apps[3].total));
	assert_int_equal(apps[3].rank, 4);
	assert_string_equal(apps[4].uscc, "W");
	assert_int_equal(apps[4].rank, 0);
}

static void test_rank_total_orders(void **state)
{
	struct ec_scenario_criterion c[1] = { { "all", 100 } };
	struct ec_scenario_score scores[] = { S("X", "r", "all", 60), S("Y", "r", "all", 61) };
	struct ec_application apps[] = { A("X", 1, EC_APP_SUBMITTED), A("Y", 1000, EC_APP_SUBMITTED) };

	(void)state;
	ec_scenario_rank(c, 1, scores, 2, apps, 2);
	assert_string_equal(apps[0].uscc, "Y");
	assert_string_equal(apps[1].uscc, "X");
}

static struct ec_enterprise E(const char *uscc, const char *region, const char *declared, const char *primary)
{
	struct ec_enterprise e;

	memset(&e, 0, sizeof e);
	snprintf(e.uscc, sizeof e.uscc, "%s", uscc);
	snprintf(e.region, sizeof e.region, "%s", region);
	snprintf(e.sei_categories, sizeof e.sei_categories, "%s", declared);
	snprintf(e.sei_primary, sizeof e.sei_primary, "%s", primary);
	return e;
}

static void test_fit(void **state)
{
	struct ec_scenario s;
	struct ec_scenario_fit f[4];
	struct ec_enterprise e;

	(void)state;
	ec_scenario_init(&s);
	snprintf(s.code, sizeof s.code, "S1");
	snprintf(s.category, sizeof s.category, "1.5");
	snprintf(s.region, sizeof s.region, "430102");
	e = E("E1", "430102", "", "1.5.1");
	assert_int_equal(ec_scenario_fit(&s, &e, &f[0]), 100);
	assert_string_equal(f[0].reasons, "suggest.category_same|category=1.5.1; suggest.region_same|region=430102");
	e = E("E2", "430104", "2.1.1;1.3.2", "2.1.1");
	assert_int_equal(ec_scenario_fit(&s, &e, &f[1]), 50);
	assert_string_equal(f[1].reasons, "suggest.category_area|category=1.3.2; suggest.region_city|region=430104");
	e = E("E3", "110101", "", "5.1.1");
	assert_int_equal(ec_scenario_fit(&s, &e, &f[2]), 0);
	e = E("E4", "431000", "", "1.5");
	assert_int_equal(ec_scenario_fit(&s, &e, &f[2]), 80);
	e = E("E5", "440300", "", "1.9.9");
	assert_int_equal(ec_scenario_fit(&s, &e, &f[3]), 20);
	ec_scenario_fit_sort(f, 4);
	assert_string_equal(f[0].uscc, "E1");
	assert_string_equal(f[1].uscc, "E4");
	assert_string_equal(f[2].uscc, "E2");
	assert_string_equal(f[3].uscc, "E5");
}

static void test_application_check(void **state)
{
	struct ec_application a = A("91110000100000000A", 100, EC_APP_SUBMITTED);
	struct ec_problem p;

	(void)state;
	memset(&p, 0, sizeof p);
	snprintf(a.uscc, sizeof a.uscc, "91350100M000100Y43");
	snprintf(a.solution, sizeof a.solution, "方案");
	assert_int_equal(ec_application_check(&a, &p), EC_OK);
	a.price = 0;
	assert_int_equal(ec_application_check(&a, &p), EC_EDATA);
	assert_string_equal(p.code, "amount.positive");
	ec_problem_release(&p);
	a.price = 10;
	a.months = 0;
	assert_int_equal(ec_application_check(&a, &p), EC_EDATA);
	assert_string_equal(p.code, "number.range");
	ec_problem_release(&p);
	a.months = 3;
	a.solution[0] = '\0';
	assert_int_equal(ec_application_check(&a, &p), EC_EDATA);
	assert_string_equal(p.code, "field.empty");
	ec_problem_release(&p);
	snprintf(a.solution, sizeof a.solution, "x");
	snprintf(a.uscc, sizeof a.uscc, "91350100M000100Y44");
	assert_int_equal(ec_application_check(&a, &p), EC_EDATA);
	assert_string_equal(p.code, "uscc.check");
	ec_problem_release(&p);
}

/* The rule of which scenario counts for which cluster (docs/methods.md,
** "Scenarios of a cluster"), case by case. */
static void test_counts_for(void **state)
{
	(void)state;
	const char *cats = "1.2;5", *regions = "430100;440000";

	assert_int_equal(ec_scenario_counts_for(cats, regions, "1.2", "430102"), 1);
	assert_int_equal(ec_scenario_counts_for(cats, regions, "1.2.3", "430104"), 1);
	assert_int_equal(ec_scenario_counts_for(cats, regions, "5.1.1", "440300"), 1);
	assert_int_equal(ec_scenario_counts_for(cats, regions, "1", "430102"), 0);      /* broader than 1.2 */
	assert_int_equal(ec_scenario_counts_for(cats, regions, "1.21", "430102"), 0);   /* not below 1.2 */
	assert_int_equal(ec_scenario_counts_for(cats, regions, "2.1", "430102"), 0);
	assert_int_equal(ec_scenario_counts_for(cats, regions, "1.2", "430200"), 0);    /* another city */
	assert_int_equal(ec_scenario_counts_for(cats, regions, "1.2", "430000"), 0);    /* the whole province */
	assert_int_equal(ec_scenario_counts_for(cats, regions, "1.2", ""), 0);
}

static void scenario_at(struct ec_scenario *s, const char *code, int batch, const char *category,
			const char *region, enum ec_scenario_status status)
{
	ec_scenario_init(s);
	snprintf(s->code, sizeof s->code, "%s", code);
	s->batch = batch;
	snprintf(s->category, sizeof s->category, "%s", category);
	snprintf(s->region, sizeof s->region, "%s", region);
	s->status = status;
}

static void entry_at(struct ec_ledger_entry *e, int64_t id, enum ec_entry_kind kind, int64_t refers, double amount,
		     const char *scenario, const char *beneficiary, const char *at)
{
	memset(e, 0, sizeof *e);
	e->id = id;
	e->kind = kind;
	e->refers = refers;
	e->amount = amount;
	snprintf(e->scenario, sizeof e->scenario, "%s", scenario);
	snprintf(e->beneficiary, sizeof e->beneficiary, "%s", beneficiary);
	snprintf(e->at, sizeof e->at, "%s", at);
}

/* A cluster of 1.2 and 5 in Changsha (430100) and Guangdong (440000),
** worked by hand:
**   2024: A (1.2.1, 430102, selected) and B (5.1, 440300, completed) ->
**         published 2, selected 2, completed 1; paid 60 to X (A's first
**         payment);
**   2025: C (1.2, 430100, open) and F (1.2, 430102, withdrawn after
**         publication) -> published 2; paid 40 to X (A's second payment)
**         and 20 to W (C's), 60 to 2 beneficiaries, the largest 40.
** Not counted: D (category 2.1), E (a draft), B's payment of 50 (reversed),
** D's payment of 30. */
/* The evaluation takes a year's scenario indicators from the feed when a
** scenario counting for the cluster was published that year; otherwise (a
** year of payments only, a year before the list, another indicator) the
** value entered counts. */
static void test_feed_value(void **state)
{
	const struct ec_scenario_feed feed[] = {
		{ 2024, 0, 0, 0, 120, 1, 120 }, /* payments only */
		{ 2025, 3, 2, 1, 0, 0, 0 },
	};
	double v = -1;

	(void)state;
	assert_int_equal(ec_scenario_feed_value(feed, 2, "scenarios_published", 2025, &v), 1);
	assert_true(v == 3);
	assert_int_equal(ec_scenario_feed_value(feed, 2, "scenarios_landed", 2025, &v), 1);
	assert_true(v == 2);
	v = -1;
	assert_int_equal(ec_scenario_feed_value(feed, 2, "scenarios_published", 2024, &v), 0);
	assert_int_equal(ec_scenario_feed_value(feed, 2, "scenarios_landed", 2023, &v), 0);
	assert_int_equal(ec_scenario_feed_value(feed, 2, "incubators", 2025, &v), 0);
	assert_int_equal(ec_scenario_feed_value(NULL, 0, "scenarios_published", 2025, &v), 0);
	assert_true(v == -1);
}

static void test_feed(void **state)
{
	(void)state;
	struct ec_scenario s[6];
	struct ec_scenario_batch b[2] = { { 1, "2024-03-01", "", "", 0 }, { 2, "2025-01-10", "", "", 0 } };
	struct ec_ledger_entry e[10];
	struct ec_scenario_feed *rows;
	size_t n;

	scenario_at(&s[0], "A", 1, "1.2.1", "430102", EC_SCN_SELECTED);
	scenario_at(&s[1], "B", 1, "5.1", "440300", EC_SCN_COMPLETED);
	scenario_at(&s[2], "C", 2, "1.2", "430100", EC_SCN_OPEN);
	scenario_at(&s[3], "D", 2, "2.1", "430102", EC_SCN_SELECTED);
	scenario_at(&s[4], "E", 0, "1.2", "430102", EC_SCN_DRAFT);
	scenario_at(&s[5], "F", 2, "1.2", "430102", EC_SCN_WITHDRAWN);
	entry_at(&e[0], 1, EC_ENTRY_COMMITMENT, 0, 100, "A", "X", "2024-05-01T00:00:00Z");
	entry_at(&e[1], 2, EC_ENTRY_PAYMENT, 1, 60, "", "X", "2024-06-01T00:00:00Z");
	entry_at(&e[2], 3, EC_ENTRY_PAYMENT, 1, 40, "", "X", "2025-02-01T00:00:00Z");
	entry_at(&e[3], 4, EC_ENTRY_COMMITMENT, 0, 50, "B", "Y", "2024-07-01T00:00:00Z");
	entry_at(&e[4], 5, EC_ENTRY_PAYMENT, 4, 50, "", "Y", "2025-03-01T00:00:00Z");
	entry_at(&e[5], 6, EC_ENTRY_REVERSAL, 5, 50, "", "Y", "2025-04-01T00:00:00Z");
	entry_at(&e[6], 7, EC_ENTRY_COMMITMENT, 0, 30, "D", "Z", "2025-02-01T00:00:00Z");
	entry_at(&e[7], 8, EC_ENTRY_PAYMENT, 7, 30, "", "Z", "2025-03-01T00:00:00Z");
	entry_at(&e[8], 9, EC_ENTRY_COMMITMENT, 0, 20, "C", "W", "2025-05-01T00:00:00Z");
	entry_at(&e[9], 10, EC_ENTRY_PAYMENT, 9, 20, "", "W", "2025-06-01T00:00:00Z");
	n = ec_scenario_feed("1.2;5", "430100;440000", s, 6, b, 2, e, 10, &rows);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].year, 2024);
	assert_int_equal(rows[0].published, 2);
	assert_int_equal(rows[0].selected, 2);
	assert_int_equal(rows[0].completed, 1);
	CLOSE(rows[0].paid, 60);
	assert_int_equal(rows[0].paid_to, 1);
	CLOSE(rows[0].paid_largest, 60);
	assert_int_equal(rows[1].year, 2025);
	assert_int_equal(rows[1].published, 2);
	assert_int_equal(rows[1].selected, 0);
	assert_int_equal(rows[1].completed, 0);
	CLOSE(rows[1].paid, 60);
	assert_int_equal(rows[1].paid_to, 2);
	CLOSE(rows[1].paid_largest, 40);
	free(rows);
	/* a cluster nothing counts for has no rows */
	assert_int_equal(ec_scenario_feed("9", "110000", s, 6, b, 2, e, 10, &rows), 0);
	assert_null(rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_transition), cmocka_unit_test(test_transition_words),
		cmocka_unit_test(test_names),            cmocka_unit_test(test_criteria),
		cmocka_unit_test(test_rank),             cmocka_unit_test(test_rank_total_orders),
		cmocka_unit_test(test_fit),              cmocka_unit_test(test_application_check),
		cmocka_unit_test(test_counts_for),       cmocka_unit_test(test_feed), cmocka_unit_test(test_feed_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
