/* Unit tests of the project library: every check of a project and a fund,
** the table of stage changes, revisions of the total, progress, the
** progress series and alerts against hand-computed dates and amounts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/problem.h"
#include "echelon/project.h"

#define OWNER "9144030071526726XG"

/* The checks give a problem; these tests read its field and English words
** (check_* keep the shape of the calls: field, why and its size). */
static const char *last_field(struct ec_problem *found, char *field, size_t size)
{
	snprintf(field, size, "%s", found->field ? found->field : "");
	return field;
}

static char checked_field[64];

static int done(int rc, struct ec_problem *found, const char **field, char *why, size_t size)
{
	if (rc != EC_OK) {
		if (field)
			*field = last_field(found, checked_field, sizeof checked_field);
		if (why)
			ec_problem_english(found, why, size);
		ec_problem_release(found);
	}
	return rc;
}

static int project_check(const struct ec_project *p, const struct ec_catalog *cat, const char **field, char *why,
			 size_t size)
{
	struct ec_problem found;
	return done(ec_project_check(p, cat, &found), &found, field, why, size);
}

static int fund_check(const struct ec_fund *f, const struct ec_catalog *cat, const char **field, char *why,
		      size_t size)
{
	struct ec_problem found;
	return done(ec_fund_check(f, cat, &found), &found, field, why, size);
}

static int record_completed(struct ec_project *p, int period, double amount, char *why, size_t size)
{
	struct ec_problem found;
	return done(ec_project_record_completed(p, period, amount, &found), &found, NULL, why, size);
}

static int revise_total(struct ec_project *p, int period, double total, const char *reason, char *why, size_t size)
{
	struct ec_problem found;
	return done(ec_project_revise_total(p, period, total, reason, &found), &found, NULL, why, size);
}

static int set_plan(struct ec_project *p, const struct ec_plan_point *pts, size_t n, char *why, size_t size)
{
	struct ec_problem found;
	return done(ec_project_set_plan(p, pts, n, &found), &found, NULL, why, size);
}

/* cmocka before 1.1.6 has no assert_double_equal */
#define assert_near(a, b, eps)                                                                               \
	do {                                                                                                  \
		double got_ = (a), want_ = (b);                                                               \
		if (!(fabs(got_ - want_) <= (eps)))                                                           \
			fail_msg("%s = %.12g, expected %.12g", #a, got_, want_);                              \
	} while (0)

static void add_category(struct ec_catalog *cat, const char *code, int level, const char *parent)
{
	struct ec_category c;

	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "%s", code);
	c.level = level;
	snprintf(c.parent, sizeof c.parent, "%s", parent);
	c.name_zh = (char *)code;
	c.name_en = (char *)code;
	ec_catalog_add_category(cat, &c);
}

static void add_region(struct ec_catalog *cat, const char *code, int level, const char *parent)
{
	struct ec_region r;

	memset(&r, 0, sizeof r);
	snprintf(r.code, sizeof r.code, "%s", code);
	r.level = level;
	snprintf(r.parent, sizeof r.parent, "%s", parent);
	r.name_zh = (char *)code;
	r.name_en = (char *)code;
	r.lat = r.lon = NAN;
	ec_catalog_add_region(cat, &r);
}

static void load(struct ec_catalog *cat)
{
	ec_catalog_init(cat);
	add_category(cat, "1", 1, "");
	add_category(cat, "1.2", 2, "1");
	add_category(cat, "1.2.4", 3, "1.2");
	add_region(cat, "310000", EC_PROVINCE, "");
	add_region(cat, "310100", EC_PREFECTURE, "310000");
	add_region(cat, "310115", EC_COUNTY, "310100");
	ec_catalog_index(cat);
}

/* A valid project: 2024-01..2025-12 (24 months), total 120 000, a funding
** plan of 100 000 (gap 20 000), under construction. */
static void base_project(struct ec_project *p)
{
	ec_project_init(p);
	snprintf(p->code, sizeof p->code, "P-001");
	snprintf(p->name, sizeof p->name, "集成电路封装测试基地");
	snprintf(p->owner, sizeof p->owner, OWNER);
	snprintf(p->category, sizeof p->category, "1.2.4");
	snprintf(p->cluster, sizeof p->cluster, "NC2019-01");
	snprintf(p->region, sizeof p->region, "310115");
	p->kind = EC_KIND_INDUSTRIAL;
	p->total_investment = 120000;
	p->start = ec_period_make(2024, 1);
	p->end = ec_period_make(2025, 12);
	p->stage = EC_STAGE_UNDER_CONSTRUCTION;
	p->funding[EC_SRC_BANK_LOANS] = 60000;
	p->funding[EC_SRC_OWN_FUNDS] = 40000;
	p->land_mu = 150;
	p->energy_tce = 8000;
}

static void expect_field(struct ec_project *p, const struct ec_catalog *cat, const char *field)
{
	const char *got = NULL;
	char why[256] = "";

	assert_int_equal(project_check(p, cat, &got, why, sizeof why), EC_EDATA);
	assert_string_equal(got, field);
	assert_true(why[0] != '\0');
	assert_true(why[0] < 'A' || why[0] > 'Z'); /* lowercase */
}

static void test_project_valid(void **state)
{
	struct ec_catalog cat;
	struct ec_project p;
	const char *field = NULL;
	char why[256] = "";

	(void)state;
	load(&cat);
	base_project(&p);
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	/* an unknown county under a known prefecture resolves */
	snprintf(p.region, sizeof p.region, "310199");
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	/* any level of category; no cluster */
	snprintf(p.category, sizeof p.category, "1");
	p.cluster[0] = '\0';
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	/* start == end, plan == total */
	p.end = p.start;
	p.funding[EC_SRC_SOCIAL_CAPITAL] = 20000;
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	ec_project_release(&p);
	ec_catalog_release(&cat);
}

static void test_project_rules(void **state)
{
	struct ec_catalog cat;
	struct ec_project p;
	struct ec_plan_point plan[3];
	struct ec_month_amount months[2];
	struct ec_revision rev[2];
	const char *field;
	char why[256];

	(void)state;
	load(&cat);

#define CASE(mutation, name)                                                                                 \
	do {                                                                                                  \
		base_project(&p);                                                                             \
		mutation;                                                                                     \
		expect_field(&p, &cat, name);                                                                 \
	} while (0)

	CASE(p.code[0] = '\0', "code");
	CASE(snprintf(p.code, sizeof p.code, "P 001"), "code");
	CASE(memset(p.code, 'A', sizeof p.code), "code");
	CASE(p.name[0] = '\0', "name");
	CASE(snprintf(p.name, sizeof p.name, "bad \xff name"), "name");
	CASE(memset(p.name, 'a', sizeof p.name), "name");
	CASE(snprintf(p.owner, sizeof p.owner, "9144030071526726XA"), "owner");
	CASE(snprintf(p.owner, sizeof p.owner, "91440300715267"), "owner");
	CASE(snprintf(p.category, sizeof p.category, "9.9"), "category");
	CASE(p.category[0] = '\0', "category");
	CASE(snprintf(p.cluster, sizeof p.cluster, "bad cluster!"), "cluster");
	CASE(snprintf(p.region, sizeof p.region, "999999"), "region");
	CASE(snprintf(p.region, sizeof p.region, "31011"), "region");
	CASE(snprintf(p.region, sizeof p.region, "320000"), "region");
	CASE(p.kind = (enum ec_project_kind)EC_NKINDS, "kind");
	CASE(p.total_investment = 0, "total_investment");
	CASE(p.total_investment = NAN, "total_investment");
	CASE(p.start = 0, "start");
	CASE(p.end = ec_period_make(3000, 1), "end");
	CASE(p.end = ec_period_make(2023, 12), "end");
	CASE(p.stage = (enum ec_stage)EC_NSTAGES, "stage");
	CASE(p.funding[EC_SRC_BANK_LOANS] = -1, "funding_bank_loans");
	CASE(p.funding[EC_SRC_GOVERNMENT_BUDGET] = INFINITY, "funding_government_budget");
	CASE(p.funding[EC_SRC_SOCIAL_CAPITAL] = 20001, "funding");
	CASE(p.land_mu = -0.5, "land_mu");
	CASE(p.energy_tce = -1, "energy_tce");

	/* the declared plan */
	plan[0] = (struct ec_plan_point){ ec_period_make(2024, 6), 0.3 };
	plan[1] = (struct ec_plan_point){ ec_period_make(2024, 12), 0.6 };
	plan[2] = (struct ec_plan_point){ ec_period_make(2025, 12), 1.0 };
	base_project(&p);
	p.plan = plan;
	p.nplan = 3;
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	CASE((p.plan = plan, p.nplan = 3, plan[2].period = ec_period_make(2026, 1)), "plan"); /* after the end */
	plan[2].period = ec_period_make(2025, 12);
	CASE((p.plan = plan, p.nplan = 3, plan[0].period = ec_period_make(2023, 12)), "plan"); /* before the start */
	plan[0].period = ec_period_make(2024, 6);
	CASE((p.plan = plan, p.nplan = 3, plan[1].period = plan[0].period), "plan"); /* not increasing */
	plan[1].period = ec_period_make(2024, 12);
	CASE((p.plan = plan, p.nplan = 3, plan[1].share = 1.2), "plan"); /* share above 1 */
	CASE((p.plan = plan, p.nplan = 3, plan[1].share = 0.2), "plan"); /* falls */
	plan[1].share = 0.6;
	CASE((p.plan = plan, p.nplan = 2), "plan"); /* the last share is not 1 */
	CASE((p.plan = NULL, p.nplan = 2), "plan");

	/* completed investment */
	months[0] = (struct ec_month_amount){ ec_period_make(2024, 2), 70000 };
	months[1] = (struct ec_month_amount){ ec_period_make(2024, 3), 50000 };
	base_project(&p);
	p.completed = months;
	p.ncompleted = 2;
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK); /* exactly the total */
	CASE((p.completed = months, p.ncompleted = 2, months[1].amount = 50001), "completed");
	months[1].amount = 50000;
	CASE((p.completed = months, p.ncompleted = 2, months[1].period = months[0].period), "completed");
	months[1].period = ec_period_make(2024, 3);
	CASE((p.completed = months, p.ncompleted = 2, months[0].amount = -1), "completed");
	months[0].amount = 70000;
	CASE((p.completed = months, p.ncompleted = 2, months[0].period = -5), "completed");
	months[0].period = ec_period_make(2024, 2);

	/* revisions: 100 000 -> 110 000 (2024-03) -> 120 000 (2024-06) */
	rev[0] = (struct ec_revision){ ec_period_make(2024, 3), 100000, 110000, "" };
	rev[1] = (struct ec_revision){ ec_period_make(2024, 6), 110000, 120000, "" };
	base_project(&p);
	p.revisions = rev;
	p.nrevisions = 2;
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	/* 70 000 in 2024-02 + 40 000 in 2024-03 = 110 000, the total of 2024-03 */
	months[1].amount = 40000;
	p.completed = months;
	p.ncompleted = 2;
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	/* 70 000 + 50 000 is above the 110 000 in force in 2024-03 */
	CASE((p.revisions = rev, p.nrevisions = 2, p.completed = months, p.ncompleted = 2,
	      months[1].amount = 50000),
	     "completed");
	CASE((p.revisions = rev, p.nrevisions = 2, rev[1].old_total = 105000), "revisions");
	rev[1].old_total = 110000;
	CASE((p.revisions = rev, p.nrevisions = 2, p.total_investment = 125000), "revisions");
	CASE((p.revisions = rev, p.nrevisions = 2, rev[1].period = ec_period_make(2024, 1)), "revisions");
	rev[1].period = ec_period_make(2024, 6);
	CASE((p.revisions = rev, p.nrevisions = 2, rev[0].new_total = -1), "revisions");
#undef CASE
	ec_catalog_release(&cat);
}

static void test_project_messages(void **state)
{
	struct ec_catalog cat;
	struct ec_project p;
	const char *field;
	char why[256];

	(void)state;
	load(&cat);
	base_project(&p);
	p.funding[EC_SRC_SOCIAL_CAPITAL] = 30000;
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_EDATA);
	assert_string_equal(field, "funding");
	assert_string_equal(why, "the plan sums to 130 000, more than the total investment 120 000");
	base_project(&p);
	p.end = ec_period_make(2023, 6);
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "2023-06 is before the start 2024-01");
	base_project(&p);
	snprintf(p.owner, sizeof p.owner, "9144030071526726XA");
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_EDATA);
	assert_string_equal(field, "owner");
	assert_non_null(strstr(why, "check character is 'A'"));
	ec_catalog_release(&cat);
}

/* The checks give codes and parameters, which read as Chinese. */
static void test_project_zh(void **state)
{
	struct ec_catalog cat;
	struct ec_project p;
	struct ec_problem found;
	struct ec_buf b;

	(void)state;
	load(&cat);
	ec_buf_init(&b, 0);
	base_project(&p);
	snprintf(p.owner, sizeof p.owner, "9144030071526726XA");
	assert_int_equal(ec_project_check(&p, &cat, &found), EC_EDATA);
	assert_string_equal(found.code, "uscc.check");
	assert_string_equal(ec_problem_param(&found, "value"), "9144030071526726XA");
	ec_problem_format(&found, EC_LANG_ZH, &b);
	assert_string_equal(b.data, "项目业主：统一社会信用代码第 18 位校验码为“A”，应为“G”");
	ec_problem_release(&found);
	ec_buf_clear(&b);
	base_project(&p);
	p.funding[EC_SRC_SOCIAL_CAPITAL] = 30000;
	assert_int_equal(ec_project_check(&p, &cat, &found), EC_EDATA);
	ec_problem_format(&found, EC_LANG_ZH, &b);
	assert_string_equal(b.data, "资金筹措：资金筹措合计 130 000，超过总投资 120 000");
	ec_problem_release(&found);
	ec_buf_clear(&b);
	assert_int_equal(ec_project_stage_problem(EC_STAGE_COMPLETED, EC_STAGE_PREPARATION, &p, &found), EC_EDATA);
	ec_problem_format(&found, EC_LANG_ZH, &b);
	assert_string_equal(b.data, "阶段：竣工的项目不能转为前期");
	ec_problem_release(&found);
	ec_buf_clear(&b);
	assert_int_equal(ec_project_stage_problem(EC_STAGE_RESERVE, EC_STAGE_UNDER_CONSTRUCTION, &p, &found), EC_EDATA);
	ec_problem_format(&found, EC_LANG_ZH, &b);
	assert_string_equal(b.data, "阶段：项目阶段不能由储备转为在建");
	ec_problem_release(&found);
	ec_buf_release(&b);
	ec_catalog_release(&cat);
}

static void test_amount_format(void **state)
{
	char out[40];

	(void)state;
	assert_string_equal(ec_amount_format(0, out), "0");
	assert_string_equal(ec_amount_format(999, out), "999");
	assert_string_equal(ec_amount_format(1000, out), "1 000");
	assert_string_equal(ec_amount_format(50000, out), "50 000");
	assert_string_equal(ec_amount_format(1234567.5, out), "1 234 567.50");
	assert_string_equal(ec_amount_format(-120000, out), "-120 000");
	assert_string_equal(ec_amount_format(0.004, out), "0");
}

static void test_names(void **state)
{
	unsigned mask = 99;
	char why[128], out[128];

	(void)state;
	assert_int_equal(ec_project_kind_parse("application_scenario"), EC_KIND_APPLICATION_SCENARIO);
	assert_int_equal(ec_project_kind_parse("factory"), -1);
	assert_string_equal(ec_project_kind_name(EC_KIND_PUBLIC_SERVICE), "public_service");
	assert_int_equal(ec_project_kind_parse("digital_transformation"), EC_KIND_DIGITAL_TRANSFORMATION);
	assert_int_equal(ec_stage_parse("under_construction"), EC_STAGE_UNDER_CONSTRUCTION);
	assert_string_equal(ec_stage_name((enum ec_stage)9), "?");
	assert_int_equal(ec_source_parse("bonds"), EC_SRC_BONDS);
	assert_int_equal(ec_fund_type_parse("vc_pe"), EC_FUND_VC_PE);
	assert_int_equal(ec_coinvest_parse("requires_government"), EC_COINVEST_REQUIRES_GOVERNMENT);
	assert_string_equal(ec_alert_kind_name(EC_ALERT_FUNDING_GAP), "funding_gap");
	assert_int_equal(ec_fund_source(EC_FUND_INSURANCE), EC_SRC_BONDS);
	assert_int_equal(ec_fund_source(EC_FUND_INDUSTRIAL_CAPITAL), EC_SRC_SOCIAL_CAPITAL);

	assert_int_equal(ec_stage_set_parse("preparation;under_construction", &mask, why, sizeof why), EC_OK);
	assert_int_equal(mask, (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION));
	ec_stage_set_format(mask, out, sizeof out);
	assert_string_equal(out, "preparation;under_construction");
	assert_int_equal(ec_stage_set_parse("", &mask, why, sizeof why), EC_OK);
	assert_int_equal(mask, 0);
	assert_int_equal(ec_stage_set_parse("reserve;building", &mask, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "'building' is not a stage");
	assert_int_equal(mask, 0);
}

static void test_stage_table(void **state)
{
	/* allowed[from][to] for a project with enough completed investment */
	static const int allowed[EC_NSTAGES][EC_NSTAGES] = {
		/*              res prep uc comp canc */
		/* reserve */ { 1, 1, 0, 0, 1 },
		/* prep */    { 1, 1, 1, 0, 1 },
		/* uc */      { 0, 0, 1, 1, 1 },
		/* comp */    { 0, 0, 0, 1, 0 },
		/* canc */    { 0, 0, 0, 0, 1 },
	};
	struct ec_project p;
	char why[256];
	char m[40];

	(void)state;
	base_project(&p);
	/* 95% of 120 000 is 114 000 */
	assert_int_equal(record_completed(&p, ec_period_make(2025, 11), 114000, why, sizeof why), EC_OK);
	for (int from = 0; from < EC_NSTAGES; from++)
		for (int to = 0; to < EC_NSTAGES; to++) {
			int rc = ec_project_stage_check((enum ec_stage)from, (enum ec_stage)to, &p, why, sizeof why);
			snprintf(m, sizeof m, "%d -> %d", from, to);
			if (allowed[from][to] ? rc != EC_OK : rc != EC_EDATA)
				fail_msg("%s: got %d (%s)", m, rc, why);
		}
	assert_int_equal(ec_project_stage_check(EC_STAGE_COMPLETED, EC_STAGE_PREPARATION, &p, why, sizeof why),
			 EC_EDATA);
	assert_string_equal(why, "a completed project cannot become preparation");
	assert_int_equal(ec_project_stage_check(EC_STAGE_RESERVE, EC_STAGE_UNDER_CONSTRUCTION, NULL, why, sizeof why),
			 EC_EDATA);
	assert_string_equal(why, "reserve cannot become under_construction");

	/* 113 999 is short of 95% */
	assert_int_equal(record_completed(&p, ec_period_make(2025, 11), 113999, why, sizeof why), EC_OK);
	assert_int_equal(ec_project_stage_check(EC_STAGE_UNDER_CONSTRUCTION, EC_STAGE_COMPLETED, &p, why, sizeof why),
			 EC_EDATA);
	assert_string_equal(why, "completed investment 113 999 is less than 95% of the total 120 000");
	assert_int_equal(ec_project_stage_check(EC_STAGE_UNDER_CONSTRUCTION, EC_STAGE_COMPLETED, NULL, why, sizeof why),
			 EC_EUSAGE);
	assert_int_equal(ec_project_stage_check((enum ec_stage)-1, EC_STAGE_COMPLETED, &p, why, sizeof why), EC_EDATA);
	ec_project_release(&p);
}

static void test_record_and_revise(void **state)
{
	struct ec_catalog cat;
	struct ec_project p;
	const char *field;
	char why[256];

	(void)state;
	load(&cat);
	base_project(&p);
	/* out of order, then a replacement */
	assert_int_equal(record_completed(&p, ec_period_make(2024, 3), 30000, why, sizeof why), EC_OK);
	assert_int_equal(record_completed(&p, ec_period_make(2024, 1), 10000, why, sizeof why), EC_OK);
	assert_int_equal(record_completed(&p, ec_period_make(2024, 2), 20000, why, sizeof why), EC_OK);
	assert_int_equal(record_completed(&p, ec_period_make(2024, 3), 40000, why, sizeof why), EC_OK);
	assert_int_equal(p.ncompleted, 3);
	assert_int_equal(p.completed[0].period, ec_period_make(2024, 1));
	assert_int_equal(p.completed[2].period, ec_period_make(2024, 3));
	assert_true(ec_project_cumulative(&p, ec_period_make(2024, 2)) == 30000);
	assert_true(ec_project_cumulative(&p, ec_period_make(2030, 1)) == 70000);

	/* 70 000 + 50 001 would exceed 120 000: refused, nothing changes */
	assert_int_equal(record_completed(&p, ec_period_make(2024, 6), 50001, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "month 2024-06: cumulative 120 001 exceeds the total investment 120 000; "
				 "revise the total first");
	assert_int_equal(p.ncompleted, 3);
	assert_int_equal(record_completed(&p, ec_period_make(2024, 6), -1, why, sizeof why), EC_EDATA);
	assert_int_equal(record_completed(&p, ec_period_make(2024, 6), NAN, why, sizeof why), EC_EDATA);
	assert_int_equal(record_completed(&p, -1, 10, why, sizeof why), EC_EDATA);
	assert_int_equal(p.ncompleted, 3);

	/* revise up from 2024-06, then the month fits */
	assert_int_equal(revise_total(&p, ec_period_make(2024, 6), 150000, "scope extended", why, sizeof why),
			 EC_OK);
	assert_true(p.total_investment == 150000);
	assert_int_equal(p.nrevisions, 1);
	assert_true(p.revisions[0].old_total == 120000);
	assert_string_equal(p.revisions[0].reason, "scope extended");
	assert_int_equal(record_completed(&p, ec_period_make(2024, 6), 50001, why, sizeof why), EC_OK);
	assert_true(ec_project_total_at(&p, ec_period_make(2024, 5)) == 120000);
	assert_true(ec_project_total_at(&p, ec_period_make(2024, 6)) == 150000);
	/* a month before the revision is still held to the old total */
	assert_int_equal(record_completed(&p, ec_period_make(2024, 4), 50001, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "month 2024-04: cumulative 120 001 exceeds the total investment 120 000; "
				 "revise the total first");
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);

	/* refused revisions change nothing */
	assert_int_equal(revise_total(&p, ec_period_make(2024, 7), 120000, NULL, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "new total 120 000 is below the 120 001 already completed");
	assert_int_equal(revise_total(&p, ec_period_make(2024, 5), 160000, NULL, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "month 2024-05 precedes the last revision in 2024-06");
	assert_int_equal(revise_total(&p, ec_period_make(2024, 7), 0, NULL, why, sizeof why), EC_EDATA);
	assert_int_equal(revise_total(&p, -3, 160000, NULL, why, sizeof why), EC_EDATA);
	p.funding[EC_SRC_SOCIAL_CAPITAL] = 30000; /* plan 130 000 */
	assert_int_equal(revise_total(&p, ec_period_make(2024, 7), 125000, NULL, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "new total 125 000 is below the funding plan 130 000");
	assert_int_equal(p.nrevisions, 1);
	assert_true(p.total_investment == 150000);
	/* a revision down, still above what is completed and planned */
	assert_int_equal(revise_total(&p, ec_period_make(2024, 7), 140000, NULL, why, sizeof why), EC_OK);
	assert_int_equal(project_check(&p, &cat, &field, why, sizeof why), EC_OK);
	assert_true(ec_project_total_at(&p, ec_period_make(2024, 6)) == 150000);
	assert_true(ec_project_total_at(&p, ec_period_make(2024, 7)) == 140000);
	ec_project_release(&p);
	ec_catalog_release(&cat);
}

/* The gaps by source (docs/methods.md, "Open gap"): total 1 000, plan bank
** 400, guidance 200, own 100 (funding gap 300). */
static void test_source_gaps(void **state)
{
	struct ec_project p;
	double gap[EC_NSOURCES], sum;
	char why[256];

	(void)state;
	base_project(&p);
	p.total_investment = 1000;
	memset(p.funding, 0, sizeof p.funding);
	p.funding[EC_SRC_BANK_LOANS] = 400;
	p.funding[EC_SRC_GUIDANCE_FUND] = 200;
	p.funding[EC_SRC_OWN_FUNDS] = 100;
	/* nothing done: the plan itself, the 300 unplanned open to social capital */
	ec_project_source_gaps(&p, EC_PERIOD_ALL, gap);
	assert_true(gap[EC_SRC_GOVERNMENT_BUDGET] == 0);
	assert_true(gap[EC_SRC_GUIDANCE_FUND] == 200);
	assert_true(gap[EC_SRC_BANK_LOANS] == 400);
	assert_true(gap[EC_SRC_BONDS] == 0);
	assert_true(gap[EC_SRC_SOCIAL_CAPITAL] == 300);
	assert_true(gap[EC_SRC_OWN_FUNDS] == 100);
	/* 100 in 2024-01 and 200 in 2024-02: 700 left, shared 4:2:3:1 */
	assert_int_equal(record_completed(&p, ec_period_make(2024, 1), 100, why, sizeof why), EC_OK);
	assert_int_equal(record_completed(&p, ec_period_make(2024, 2), 200, why, sizeof why), EC_OK);
	ec_project_source_gaps(&p, EC_PERIOD_ALL, gap);
	assert_near(gap[EC_SRC_BANK_LOANS], 280, 1e-9);
	assert_near(gap[EC_SRC_GUIDANCE_FUND], 140, 1e-9);
	assert_near(gap[EC_SRC_OWN_FUNDS], 70, 1e-9);
	assert_near(gap[EC_SRC_SOCIAL_CAPITAL], 210, 1e-9);
	assert_true(gap[EC_SRC_GOVERNMENT_BUDGET] == 0 && gap[EC_SRC_BONDS] == 0);
	sum = 0;
	for (int s = 0; s < EC_NSOURCES; s++)
		sum += gap[s];
	assert_near(sum, 700, 1e-9);
	/* the same at 2024-02; at 2024-01 only 100 is done: 900 left */
	ec_project_source_gaps(&p, ec_period_make(2024, 2), gap);
	assert_near(gap[EC_SRC_BANK_LOANS], 280, 1e-9);
	ec_project_source_gaps(&p, ec_period_make(2024, 1), gap);
	assert_near(gap[EC_SRC_BANK_LOANS], 360, 1e-9);
	assert_near(gap[EC_SRC_GUIDANCE_FUND], 180, 1e-9);
	assert_near(gap[EC_SRC_SOCIAL_CAPITAL], 270, 1e-9);
	assert_near(gap[EC_SRC_OWN_FUNDS], 90, 1e-9);
	/* ec_project_open_gap is the gap after all the progress */
	assert_near(ec_project_open_gap(&p, EC_SRC_BANK_LOANS), 280, 1e-9);
	assert_near(ec_project_open_gap(&p, EC_SRC_SOCIAL_CAPITAL), 210, 1e-9);
	assert_true(ec_project_open_gap(&p, (enum ec_source)EC_NSOURCES) == 0);
	/* a social capital plan and the unplanned part add up */
	p.funding[EC_SRC_SOCIAL_CAPITAL] = 100; /* unplanned 200 */
	ec_project_source_gaps(&p, EC_PERIOD_ALL, gap);
	assert_near(gap[EC_SRC_SOCIAL_CAPITAL], 210, 1e-9);
	/* fully planned: nothing more for social capital */
	p.funding[EC_SRC_SOCIAL_CAPITAL] = 300;
	ec_project_source_gaps(&p, EC_PERIOD_ALL, gap);
	assert_near(gap[EC_SRC_SOCIAL_CAPITAL], 210, 1e-9);
	p.funding[EC_SRC_SOCIAL_CAPITAL] = 0;
	/* all done: nothing is open anywhere */
	assert_int_equal(record_completed(&p, ec_period_make(2024, 3), 700, why, sizeof why), EC_OK);
	ec_project_source_gaps(&p, EC_PERIOD_ALL, gap);
	for (int s = 0; s < EC_NSOURCES; s++)
		assert_true(gap[s] == 0);
	/* a total that is not > 0 opens nothing (unchecked input) */
	p.total_investment = 0;
	ec_project_source_gaps(&p, ec_period_make(2023, 12), gap);
	for (int s = 0; s < EC_NSOURCES; s++)
		assert_true(gap[s] == 0);
	ec_project_release(&p);
}

static void test_set_plan(void **state)
{
	struct ec_project p;
	struct ec_plan_point pts[2] = { { ec_period_make(2024, 12), 0.4 }, { ec_period_make(2025, 12), 1.0 } };
	char why[256];

	(void)state;
	base_project(&p);
	assert_int_equal(set_plan(&p, pts, 2, why, sizeof why), EC_OK);
	assert_int_equal(p.nplan, 2);
	pts[1].share = 0.9;
	assert_int_equal(set_plan(&p, pts, 2, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "the last month 2025-12 plans a share of 0.9, expected 1");
	assert_int_equal(p.nplan, 2);
	assert_true(p.plan[1].share == 1.0);
	assert_int_equal(set_plan(&p, NULL, 0, why, sizeof why), EC_OK);
	assert_null(p.plan);
	assert_int_equal(p.nplan, 0);
	ec_project_release(&p);
}

/* Completed 10 000 in 2024-01 and 5 000 in each of 2024-02 and 2024-03,
** nothing after: 20 000 of 120 000. */
static void progress_project(struct ec_project *p)
{
	char why[256];

	base_project(p);
	assert_int_equal(record_completed(p, ec_period_make(2024, 1), 10000, why, sizeof why), EC_OK);
	assert_int_equal(record_completed(p, ec_period_make(2024, 2), 5000, why, sizeof why), EC_OK);
	assert_int_equal(record_completed(p, ec_period_make(2024, 3), 5000, why, sizeof why), EC_OK);
	assert_int_equal(record_completed(p, ec_period_make(2024, 5), 0, why, sizeof why), EC_OK);
}

static void test_progress_straight_line(void **state)
{
	struct ec_project p;
	struct ec_progress pr;

	(void)state;
	progress_project(&p);
	/* 2024-06: 6 of 24 months -> 25%; 20 000 / 120 000 = 16.667%; lag 8.333 pp;
	** idle since 2024-03 (the zero of 2024-05 is no progress): 3 months */
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 6), &pr), EC_OK);
	assert_true(pr.total == 120000);
	assert_true(pr.cumulative == 20000);
	assert_near(pr.planned, 0.25, 1e-12);
	assert_near(pr.completion, 1.0 / 6.0, 1e-12);
	assert_near(pr.lag_pp, 25.0 - 100.0 / 6.0, 1e-9);
	assert_int_equal(pr.idle_months, 3);
	/* 2024-12: 12 of 24 -> 50%; lag 33.333 pp; idle 9 */
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 12), &pr), EC_OK);
	assert_near(pr.planned, 0.5, 1e-12);
	assert_near(pr.lag_pp, 50.0 - 100.0 / 6.0, 1e-9);
	assert_int_equal(pr.idle_months, 9);
	/* 2024-01: 1 of 24; 10 000 done; idle 0 */
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 1), &pr), EC_OK);
	assert_near(pr.planned, 1.0 / 24.0, 1e-12);
	assert_near(pr.completion, 1.0 / 12.0, 1e-12);
	assert_int_equal(pr.idle_months, 0);
	/* before the start: nothing planned, nothing idle */
	assert_int_equal(ec_project_progress(&p, ec_period_make(2023, 10), &pr), EC_OK);
	assert_near(pr.planned, 0, 0);
	assert_near(pr.cumulative, 0, 0);
	assert_int_equal(pr.idle_months, 0);
	/* past the end: all planned */
	assert_int_equal(ec_project_progress(&p, ec_period_make(2026, 3), &pr), EC_OK);
	assert_near(pr.planned, 1, 0);
	assert_int_equal(pr.idle_months, 24);
	/* a total of 0 is a usage error */
	p.total_investment = 0;
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 6), &pr), EC_EUSAGE);
	ec_project_release(&p);
}

static void test_progress_declared_and_revised(void **state)
{
	struct ec_project p;
	struct ec_progress pr;
	struct ec_plan_point pts[3] = {
		{ ec_period_make(2024, 3), 0.1 }, { ec_period_make(2024, 12), 0.6 }, { ec_period_make(2025, 12), 1.0 }
	};
	char why[256];

	(void)state;
	progress_project(&p);
	assert_int_equal(set_plan(&p, pts, 3, why, sizeof why), EC_OK);
	/* the declared share holds until the next point */
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 2), &pr), EC_OK);
	assert_near(pr.planned, 0, 0);
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 6), &pr), EC_OK);
	assert_near(pr.planned, 0.1, 1e-12);
	assert_near(pr.lag_pp, 10.0 - 100.0 / 6.0, 1e-9);
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 12), &pr), EC_OK);
	assert_near(pr.planned, 0.6, 1e-12);
	/* raising the total to 160 000 from 2024-09: 20 000 / 160 000 = 12.5% */
	assert_int_equal(revise_total(&p, ec_period_make(2024, 9), 160000, NULL, why, sizeof why), EC_OK);
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 8), &pr), EC_OK);
	assert_near(pr.completion, 1.0 / 6.0, 1e-12);
	assert_int_equal(ec_project_progress(&p, ec_period_make(2024, 9), &pr), EC_OK);
	assert_true(pr.total == 160000);
	assert_near(pr.completion, 0.125, 1e-12);
	ec_project_release(&p);
}

/* ---- the progress series ---- */

/* A project of total 1 000 planned over start..end, with no plan, progress
** or revisions. */
static void series_project(struct ec_project *p, int start, int end)
{
	base_project(p);
	p->total_investment = 1000;
	memset(p->funding, 0, sizeof p->funding);
	p->start = start;
	p->end = end;
}

static void record(struct ec_project *p, int year, int month, double amount)
{
	char why[256];

	assert_int_equal(record_completed(p, ec_period_make(year, month), amount, why, sizeof why), EC_OK);
}

/* The item of a series for a month, with its hand-computed figures. */
static void expect_month(const struct ec_progress_month *m, int year, int month, double planned_pct,
			 double cumulative, double completion_pct, double total)
{
	assert_int_equal(m->period, ec_period_make(year, month));
	assert_near(m->planned_pct, planned_pct, 1e-9);
	assert_near(m->cumulative, cumulative, 1e-9);
	assert_near(m->completion_pct, completion_pct, 1e-9);
	assert_near(m->total, total, 1e-9);
}

/* Every item is ec_project_progress of its month, to the bit, and the
** months run one by one from first to last. */
static void expect_same_as_progress(const struct ec_project *p, const struct ec_progress_series *s, int first,
				    int last)
{
	assert_int_equal(s->n, (size_t)(last - first + 1));
	for (size_t i = 0; i < s->n; i++) {
		struct ec_progress pr;
		assert_int_equal(s->items[i].period, first + (int)i);
		assert_int_equal(ec_project_progress(p, s->items[i].period, &pr), EC_OK);
		assert_true(s->items[i].planned_pct == pr.planned * 100);
		assert_true(s->items[i].completion_pct == pr.completion * 100);
		assert_true(s->items[i].cumulative == pr.cumulative);
		assert_true(s->items[i].total == pr.total);
	}
}

static void test_series_straight_line(void **state)
{
	struct ec_project p;
	struct ec_progress_series s;

	(void)state;
	/* 2024-01..2024-04 (D = 4), 100 in 2024-01 and 300 in 2024-03, plus
	** 50 spent in 2023-11 before the start: the series begins there */
	series_project(&p, ec_period_make(2024, 1), ec_period_make(2024, 4));
	record(&p, 2023, 11, 50);
	record(&p, 2024, 1, 100);
	record(&p, 2024, 3, 300);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	assert_int_equal(s.n, 6);
	expect_month(&s.items[0], 2023, 11, 0, 50, 5, 1000);
	expect_month(&s.items[1], 2023, 12, 0, 50, 5, 1000);
	expect_month(&s.items[2], 2024, 1, 25, 150, 15, 1000);
	expect_month(&s.items[3], 2024, 2, 50, 150, 15, 1000);
	expect_month(&s.items[4], 2024, 3, 75, 450, 45, 1000);
	expect_month(&s.items[5], 2024, 4, 100, 450, 45, 1000);
	expect_same_as_progress(&p, &s, ec_period_make(2023, 11), ec_period_make(2024, 4));
	ec_progress_series_release(&s);
	assert_null(s.items);
	assert_int_equal(s.n, 0);
	ec_project_release(&p);

	/* no progress at all: start..end, nothing completed */
	series_project(&p, ec_period_make(2024, 1), ec_period_make(2024, 2));
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	assert_int_equal(s.n, 2);
	expect_month(&s.items[0], 2024, 1, 50, 0, 0, 1000);
	expect_month(&s.items[1], 2024, 2, 100, 0, 0, 1000);
	ec_progress_series_release(&s);
	ec_project_release(&p);
}

static void test_series_declared_plan(void **state)
{
	struct ec_project p;
	struct ec_progress_series s;
	struct ec_plan_point pts[3] = {
		{ ec_period_make(2024, 2), 0.2 }, { ec_period_make(2024, 5), 0.9 }, { ec_period_make(2024, 6), 1.0 }
	};
	char why[256];

	(void)state;
	/* 2024-01..2024-06 with a declared plan (a step function, 0 before its
	** first point), not the straight line's 1/6 a month */
	series_project(&p, ec_period_make(2024, 1), ec_period_make(2024, 6));
	assert_int_equal(set_plan(&p, pts, 3, why, sizeof why), EC_OK);
	record(&p, 2024, 2, 150);
	record(&p, 2024, 5, 250);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	assert_int_equal(s.n, 6);
	expect_month(&s.items[0], 2024, 1, 0, 0, 0, 1000);
	expect_month(&s.items[1], 2024, 2, 20, 150, 15, 1000);
	expect_month(&s.items[2], 2024, 3, 20, 150, 15, 1000);
	expect_month(&s.items[3], 2024, 4, 20, 150, 15, 1000);
	expect_month(&s.items[4], 2024, 5, 90, 400, 40, 1000);
	expect_month(&s.items[5], 2024, 6, 100, 400, 40, 1000);
	expect_same_as_progress(&p, &s, ec_period_make(2024, 1), ec_period_make(2024, 6));
	ec_progress_series_release(&s);
	ec_project_release(&p);
}

static void test_series_revision(void **state)
{
	struct ec_project p;
	struct ec_progress_series s;
	char why[256];

	(void)state;
	/* 2024-01..2024-04, total 1 000 raised to 1 600 from 2024-03: the
	** completion of each month is against the total in force then; the
	** plan is a share, so it keeps its straight line */
	series_project(&p, ec_period_make(2024, 1), ec_period_make(2024, 4));
	record(&p, 2024, 1, 200);
	record(&p, 2024, 2, 200);
	assert_int_equal(revise_total(&p, ec_period_make(2024, 3), 1600, "redesign", why, sizeof why), EC_OK);
	record(&p, 2024, 3, 400);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	assert_int_equal(s.n, 4);
	expect_month(&s.items[0], 2024, 1, 25, 200, 20, 1000);
	expect_month(&s.items[1], 2024, 2, 50, 400, 40, 1000);
	expect_month(&s.items[2], 2024, 3, 75, 800, 50, 1600);
	expect_month(&s.items[3], 2024, 4, 100, 800, 50, 1600);
	expect_same_as_progress(&p, &s, ec_period_make(2024, 1), ec_period_make(2024, 4));
	ec_progress_series_release(&s);
	ec_project_release(&p);
}

static void test_series_after_end(void **state)
{
	struct ec_project p;
	struct ec_progress_series s;

	(void)state;
	/* 2024-01..2024-02, progress recorded until 2024-05: the series runs
	** to 2024-05 with the plan at 100 % after the end */
	series_project(&p, ec_period_make(2024, 1), ec_period_make(2024, 2));
	record(&p, 2024, 1, 500);
	record(&p, 2024, 2, 300);
	record(&p, 2024, 5, 200);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	assert_int_equal(s.n, 5);
	expect_month(&s.items[0], 2024, 1, 50, 500, 50, 1000);
	expect_month(&s.items[1], 2024, 2, 100, 800, 80, 1000);
	expect_month(&s.items[2], 2024, 3, 100, 800, 80, 1000);
	expect_month(&s.items[3], 2024, 4, 100, 800, 80, 1000);
	expect_month(&s.items[4], 2024, 5, 100, 1000, 100, 1000);
	expect_same_as_progress(&p, &s, ec_period_make(2024, 1), ec_period_make(2024, 5));
	ec_progress_series_release(&s);
	ec_project_release(&p);
}

static void test_series_same_as_progress(void **state)
{
	struct ec_project p;
	struct ec_progress_series s;
	struct ec_plan_point pts[3] = {
		{ ec_period_make(2024, 3), 0.1 }, { ec_period_make(2024, 12), 0.6 }, { ec_period_make(2025, 12), 1.0 }
	};
	char why[256];

	(void)state;
	/* the 24-month project of the progress tests: thirds of a month's
	** share that are not exact in binary, a revision, a recorded zero */
	progress_project(&p);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	expect_same_as_progress(&p, &s, ec_period_make(2024, 1), ec_period_make(2025, 12));
	assert_near(s.items[5].planned_pct, 25, 1e-12);
	assert_near(s.items[5].completion_pct, 100.0 / 6.0, 1e-12);
	ec_progress_series_release(&s);
	assert_int_equal(revise_total(&p, ec_period_make(2024, 9), 160000, NULL, why, sizeof why), EC_OK);
	record(&p, 2026, 2, 7000);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	expect_same_as_progress(&p, &s, ec_period_make(2024, 1), ec_period_make(2026, 2));
	ec_progress_series_release(&s);
	assert_int_equal(set_plan(&p, pts, 3, why, sizeof why), EC_OK);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	expect_same_as_progress(&p, &s, ec_period_make(2024, 1), ec_period_make(2026, 2));
	ec_progress_series_release(&s);
	ec_project_release(&p);
}

static void test_series_refused(void **state)
{
	struct ec_project p;
	struct ec_progress_series s;
	struct ec_month_amount swapped[2] = { { ec_period_make(2024, 3), 1 }, { ec_period_make(2024, 2), 1 } };
	struct ec_progress_month stale;

	(void)state;
	/* 600 months is the longest series; 601 is refused */
	series_project(&p, ec_period_make(2000, 1), ec_period_make(2049, 12));
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	assert_int_equal(s.n, EC_PROGRESS_SERIES_MAX);
	ec_progress_series_release(&s);
	p.end = ec_period_make(2050, 1);
	s.items = &stale; /* out is emptied on refusal */
	s.n = 1;
	assert_int_equal(ec_project_progress_series(&p, &s), EC_EUSAGE);
	assert_null(s.items);
	assert_int_equal(s.n, 0);
	/* progress far from the plan makes the series too long as well */
	p.end = ec_period_make(2000, 12);
	record(&p, 2060, 1, 10);
	assert_int_equal(ec_project_progress_series(&p, &s), EC_EUSAGE);
	ec_project_release(&p);
	/* end before start, an invalid month, a total not > 0, months out of order */
	series_project(&p, ec_period_make(2024, 5), ec_period_make(2024, 4));
	assert_int_equal(ec_project_progress_series(&p, &s), EC_EUSAGE);
	p.end = 0;
	assert_int_equal(ec_project_progress_series(&p, &s), EC_EUSAGE);
	p.end = ec_period_make(2024, 6);
	p.total_investment = 0;
	assert_int_equal(ec_project_progress_series(&p, &s), EC_EUSAGE);
	p.total_investment = 1000;
	p.completed = swapped;
	p.ncompleted = 2;
	assert_int_equal(ec_project_progress_series(&p, &s), EC_EUSAGE);
	p.completed = NULL;
	p.ncompleted = 0;
	assert_int_equal(ec_project_progress_series(&p, &s), EC_OK);
	assert_int_equal(s.n, 2);
	ec_progress_series_release(&s);
	ec_project_release(&p);
}

static void test_alerts(void **state)
{
	struct ec_project p;
	struct ec_alert_list l;
	struct ec_alert_params ap;

	(void)state;
	progress_project(&p);
	ec_alert_list_init(&l);
	/* 2024-12, defaults: lagging 33.3 pp >= 20, gap 20 000, idle 9 >= 3 */
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 12), NULL, &l), EC_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.items[0].kind, EC_ALERT_LAGGING);
	assert_string_equal(l.items[0].project, "P-001");
	assert_near(l.items[0].value, 50.0 - 100.0 / 6.0, 1e-9);
	assert_string_equal(l.items[0].message,
			    "alert.lagging|project=P-001|planned=50.0|month=2024-12|completion=16.7|lag=33.3|threshold=20.0");
	assert_int_equal(l.items[1].kind, EC_ALERT_FUNDING_GAP);
	assert_near(l.items[1].value, 20000, 1e-9);
	assert_string_equal(l.items[1].message, "alert.funding_gap|project=P-001|plan=100 000|total=120 000|gap=20 000");
	assert_int_equal(l.items[2].kind, EC_ALERT_STALLED);
	assert_near(l.items[2].value, 9, 0);
	assert_string_equal(l.items[2].message, "alert.stalled|project=P-001|months=9|month=2024-12|threshold=3");
	ec_alert_list_release(&l);

	/* 2024-06: lag 8.333 pp is below 20 but not below 8; idle 3 is below 4 */
	ec_alert_list_init(&l);
	ec_alert_params_default(&ap);
	assert_near(ap.lag_threshold_pp, 20, 0);
	assert_int_equal(ap.stall_months, 3);
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 6), &ap, &l), EC_OK);
	assert_int_equal(l.n, 2); /* gap, stalled (3 >= 3) */
	assert_int_equal(l.items[0].kind, EC_ALERT_FUNDING_GAP);
	assert_int_equal(l.items[1].kind, EC_ALERT_STALLED);
	ec_alert_list_release(&l);
	ap.lag_threshold_pp = 8;
	ap.stall_months = 4;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 6), &ap, &l), EC_OK);
	assert_int_equal(l.n, 2); /* lagging, gap */
	assert_int_equal(l.items[0].kind, EC_ALERT_LAGGING);
	assert_int_equal(l.items[1].kind, EC_ALERT_FUNDING_GAP);
	ec_alert_list_release(&l);
	ap.lag_threshold_pp = 8.34;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 6), &ap, &l), EC_OK);
	assert_int_equal(l.n, 1);
	ec_alert_list_release(&l);

	/* in preparation: no stalled; in reserve: only the gap; completed or cancelled: nothing */
	p.stage = EC_STAGE_PREPARATION;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 12), NULL, &l), EC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[1].kind, EC_ALERT_FUNDING_GAP);
	p.stage = EC_STAGE_RESERVE;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 12), NULL, &l), EC_OK);
	assert_int_equal(l.n, 3); /* appended */
	assert_int_equal(l.items[2].kind, EC_ALERT_FUNDING_GAP);
	p.stage = EC_STAGE_CANCELLED;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 12), NULL, &l), EC_OK);
	p.stage = EC_STAGE_COMPLETED;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 12), NULL, &l), EC_OK);
	assert_int_equal(l.n, 3);

	/* a full plan has no gap */
	p.stage = EC_STAGE_UNDER_CONSTRUCTION;
	p.funding[EC_SRC_BONDS] = 20000;
	ec_alert_list_release(&l);
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 3), NULL, &l), EC_OK);
	assert_int_equal(l.n, 0);

	/* bad parameters change nothing */
	ap.lag_threshold_pp = 0;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 12), &ap, &l), EC_EUSAGE);
	ap.lag_threshold_pp = 20;
	ap.stall_months = 0;
	assert_int_equal(ec_project_alerts(&p, ec_period_make(2024, 12), &ap, &l), EC_EUSAGE);
	assert_int_equal(l.n, 0);
	ec_alert_list_release(&l);
	ec_project_release(&p);
}

static void base_fund(struct ec_fund *f)
{
	ec_fund_init(f);
	snprintf(f->code, sizeof f->code, "GF-SH");
	snprintf(f->name, sizeof f->name, "上海集成电路产业投资基金");
	f->type = EC_FUND_GOVERNMENT_GUIDANCE;
	f->capital = 500000;
	snprintf(f->categories, sizeof f->categories, "1.2;1.2.4");
	snprintf(f->regions, sizeof f->regions, "31;3101;310115;310000");
	f->stages = 1u << EC_STAGE_PREPARATION;
	f->min_ticket = 10000;
	f->max_ticket = 40000;
	f->max_share = 0.3;
}

static void expect_fund_field(struct ec_fund *f, const struct ec_catalog *cat, const char *field)
{
	const char *got = NULL;
	char why[256] = "";

	assert_int_equal(fund_check(f, cat, &got, why, sizeof why), EC_EDATA);
	assert_string_equal(got, field);
	assert_true(why[0] != '\0');
}

static void test_fund_rules(void **state)
{
	struct ec_catalog cat;
	struct ec_fund f;
	const char *field;
	char why[256];

	(void)state;
	load(&cat);
	base_fund(&f);
	assert_int_equal(fund_check(&f, &cat, &field, why, sizeof why), EC_OK);
	f.categories[0] = f.regions[0] = '\0';
	f.stages = 0;
	f.min_ticket = f.max_ticket = 5;
	f.max_share = 1;
	f.coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;
	assert_int_equal(fund_check(&f, &cat, &field, why, sizeof why), EC_OK);

#define CASE(mutation, name)                                                                                 \
	do {                                                                                                  \
		base_fund(&f);                                                                                \
		mutation;                                                                                     \
		expect_fund_field(&f, &cat, name);                                                            \
	} while (0)

	CASE(f.code[0] = '\0', "code");
	CASE(snprintf(f.code, sizeof f.code, "GF/SH"), "code");
	CASE(f.name[0] = '\0', "name");
	CASE(f.type = (enum ec_fund_type)EC_NFUND_TYPES, "type");
	CASE(f.capital = 0, "capital");
	CASE(f.capital = NAN, "capital");
	CASE(snprintf(f.categories, sizeof f.categories, "1.2;7"), "categories");
	CASE(snprintf(f.categories, sizeof f.categories, "1.2;;1.2.4"), "categories");
	CASE(snprintf(f.regions, sizeof f.regions, "32"), "regions");
	CASE(snprintf(f.regions, sizeof f.regions, "310"), "regions");
	CASE(snprintf(f.regions, sizeof f.regions, "3x"), "regions");
	CASE(snprintf(f.regions, sizeof f.regions, "31;;3101"), "regions");
	CASE(f.stages = 1u << 7, "stages");
	CASE(f.stages = 1u << EC_STAGE_COMPLETED, "stages");
	CASE(f.stages = (1u << EC_STAGE_RESERVE) | (1u << EC_STAGE_CANCELLED), "stages");
	CASE(f.min_ticket = 0, "min_ticket");
	CASE(f.max_ticket = -1, "max_ticket");
	CASE(f.max_ticket = 9999, "max_ticket");
	CASE(f.max_share = 0, "max_share");
	CASE(f.max_share = 1.01, "max_share");
	CASE(f.max_share = NAN, "max_share");
	CASE(f.coinvest = (enum ec_coinvest)EC_NCOINVEST, "coinvest");
#undef CASE
	base_fund(&f);
	f.max_ticket = 9999;
	assert_int_equal(fund_check(&f, &cat, &field, why, sizeof why), EC_EDATA);
	assert_string_equal(why, "9 999 is below the min ticket 10 000");
	ec_catalog_release(&cat);
}

/* The library's filter (the command's and the API's list), a field's
** code and what is below it, and a fund naming a field. */
static void test_filter(void **state)
{
	struct ec_project p;
	struct ec_fund f;
	(void)state;

	base_project(&p);
	assert_true(ec_category_within("1.2.4", "1.2.4") && ec_category_within("1.2.4", "1.2") &&
		    ec_category_within("1.2.4", "1"));
	assert_false(ec_category_within("1.2.40", "1.2.4") || ec_category_within("1.20.1", "1.2") ||
		     ec_category_within("1.2", "1.2.4"));
	{
		const struct ec_project_filter any = { 0 }, area = { .category = "1" }, other = { .category = "1.3" };
		const struct ec_project_filter open = { .open = 1, .region = "31", .cluster = "NC2019-01" };
		const struct ec_project_filter stage = { .stage = "reserve" }, q = { .q = "封装" }, code = { .q = "P-0" };
		assert_true(ec_project_filter_match(&any, &p) && ec_project_filter_match(&area, &p));
		assert_false(ec_project_filter_match(&other, &p) || ec_project_filter_match(&stage, &p));
		assert_true(ec_project_filter_match(&open, &p) && ec_project_filter_match(&q, &p) &&
			    ec_project_filter_match(&code, &p));
		p.stage = EC_STAGE_COMPLETED;
		assert_false(ec_project_filter_match(&open, &p));
		p.stage = EC_STAGE_CANCELLED;
		assert_false(ec_project_filter_match(&open, &p));
		p.stage = EC_STAGE_RESERVE;
		assert_true(ec_project_filter_match(&open, &p) && ec_project_filter_match(&stage, &p));
	}
	ec_project_release(&p);
	ec_fund_init(&f);
	assert_false(ec_fund_targets_category(&f, "1.2.4")); /* open to any field: not a fund of the field */
	snprintf(f.categories, sizeof f.categories, "2;1.2");
	assert_true(ec_fund_targets_category(&f, "1.2.4") && ec_fund_targets_category(&f, "2.1.1"));
	assert_false(ec_fund_targets_category(&f, "1.3.1") || ec_fund_targets_category(&f, "1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_project_valid),
		cmocka_unit_test(test_project_rules),
		cmocka_unit_test(test_project_messages),
		cmocka_unit_test(test_project_zh),
		cmocka_unit_test(test_amount_format),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_stage_table),
		cmocka_unit_test(test_record_and_revise),
		cmocka_unit_test(test_source_gaps),
		cmocka_unit_test(test_set_plan),
		cmocka_unit_test(test_progress_straight_line),
		cmocka_unit_test(test_progress_declared_and_revised),
		cmocka_unit_test(test_series_straight_line),
		cmocka_unit_test(test_series_declared_plan),
		cmocka_unit_test(test_series_revision),
		cmocka_unit_test(test_series_after_end),
		cmocka_unit_test(test_series_same_as_progress),
		cmocka_unit_test(test_series_refused),
		cmocka_unit_test(test_alerts),
		cmocka_unit_test(test_fund_rules),
		cmocka_unit_test(test_filter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
