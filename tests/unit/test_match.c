/* Unit tests of fund matching on a hand-made set of 3 funds x 5 projects:
** which pairs are eligible and why not, the exact scores worked out by hand
** (docs/methods.md, "Fund matching"), the reasons and the order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/project.h"

#define assert_near(a, b, eps)                                                                               \
	do {                                                                                                  \
		double got_ = (a), want_ = (b);                                                               \
		if (!(fabs(got_ - want_) <= (eps)))                                                           \
			fail_msg("%s = %.12g, expected %.12g", #a, got_, want_);                              \
	} while (0)

enum { P1, P2, P3, P4, P5, NP };
enum { GF, BK, VC, NF };

struct set {
	struct ec_project projects[NP + 1];
	struct ec_fund funds[NF];
	struct ec_cluster clusters[3];
	struct ec_match_input in;
};

static void project(struct ec_project *p, const char *code, const char *category, const char *region,
		    const char *cluster, enum ec_stage stage, double total)
{
	ec_project_init(p);
	snprintf(p->code, sizeof p->code, "%s", code);
	snprintf(p->name, sizeof p->name, "project %s", code);
	snprintf(p->owner, sizeof p->owner, "9144030071526726XG");
	snprintf(p->category, sizeof p->category, "%s", category);
	snprintf(p->region, sizeof p->region, "%s", region);
	snprintf(p->cluster, sizeof p->cluster, "%s", cluster);
	p->stage = stage;
	p->total_investment = total;
	p->start = ec_period_make(2024, 1);
	p->end = ec_period_make(2026, 12);
}

static void fund(struct ec_fund *f, const char *code, enum ec_fund_type type, const char *categories,
		 const char *regions, unsigned stages, double min_ticket, double max_ticket, double max_share)
{
	ec_fund_init(f);
	snprintf(f->code, sizeof f->code, "%s", code);
	snprintf(f->name, sizeof f->name, "fund %s", code);
	f->type = type;
	f->capital = 500000;
	snprintf(f->categories, sizeof f->categories, "%s", categories);
	snprintf(f->regions, sizeof f->regions, "%s", regions);
	f->stages = stages;
	f->min_ticket = min_ticket;
	f->max_ticket = max_ticket;
	f->max_share = max_share;
}

static void cluster(struct ec_cluster *c, const char *code, enum ec_tier tier)
{
	memset(c, 0, sizeof *c);
	snprintf(c->code, sizeof c->code, "%s", code);
	c->tier = tier;
}

/*
** P1 1.2.4 310115 C-BASE under construction, total 100 000, plan guidance
**    20 000, bank 50 000, social 10 000, own 20 000 (no gap), 10 000 done
** P2 1.3.1 320505 C-CLU  preparation, total 60 000, plan social 20 000,
**    own 20 000 (gap 20 000)
** P3 4.1.1 310115 C-ECO  preparation, total 200 000, plan bank 100 000,
**    own 50 000 (gap 50 000); area 4 is a priority area
** P4 1.2.1 320505 none   reserve, total 30 000, plan bank 20 000, own 10 000
** P5 1.2.4 310115 C-BASE completed, total 80 000
** GF-SH government guidance: 1.2;4, region 31, preparation and under
**    construction, tickets 10 000..40 000, max share 0.3
** BK-1 bank: any category, regions 3101;3205, any stage, 20 000..100 000,
**    max share 0.6
** VC-1 VC/PE: 1.2.4;1.3, any region, preparation and under construction,
**    5 000..15 000, max share 0.2, needs a government fund alongside
*/
static void make_set(struct set *s)
{
	unsigned building = (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION);
	char why[128];

	memset(s, 0, sizeof *s);
	project(&s->projects[P1], "P1", "1.2.4", "310115", "C-BASE", EC_STAGE_UNDER_CONSTRUCTION, 100000);
	s->projects[P1].funding[EC_SRC_GUIDANCE_FUND] = 20000;
	s->projects[P1].funding[EC_SRC_BANK_LOANS] = 50000;
	s->projects[P1].funding[EC_SRC_SOCIAL_CAPITAL] = 10000;
	s->projects[P1].funding[EC_SRC_OWN_FUNDS] = 20000;
	assert_int_equal(ec_project_record_completed(&s->projects[P1], ec_period_make(2024, 3), 10000, why, sizeof why),
			 EC_OK);
	project(&s->projects[P2], "P2", "1.3.1", "320505", "C-CLU", EC_STAGE_PREPARATION, 60000);
	s->projects[P2].funding[EC_SRC_SOCIAL_CAPITAL] = 20000;
	s->projects[P2].funding[EC_SRC_OWN_FUNDS] = 20000;
	project(&s->projects[P3], "P3", "4.1.1", "310115", "C-ECO", EC_STAGE_PREPARATION, 200000);
	s->projects[P3].funding[EC_SRC_BANK_LOANS] = 100000;
	s->projects[P3].funding[EC_SRC_OWN_FUNDS] = 50000;
	project(&s->projects[P4], "P4", "1.2.1", "320505", "", EC_STAGE_RESERVE, 30000);
	s->projects[P4].funding[EC_SRC_BANK_LOANS] = 20000;
	s->projects[P4].funding[EC_SRC_OWN_FUNDS] = 10000;
	project(&s->projects[P5], "P5", "1.2.4", "310115", "C-BASE", EC_STAGE_COMPLETED, 80000);

	fund(&s->funds[GF], "GF-SH", EC_FUND_GOVERNMENT_GUIDANCE, "1.2;4", "31", building, 10000, 40000, 0.3);
	fund(&s->funds[BK], "BK-1", EC_FUND_BANK, "", "3101;3205", 0, 20000, 100000, 0.6);
	fund(&s->funds[VC], "VC-1", EC_FUND_VC_PE, "1.2.4;1.3", "", building, 5000, 15000, 0.2);
	s->funds[VC].capital = 50000;
	s->funds[VC].coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;

	cluster(&s->clusters[0], "C-BASE", EC_TIER_BASE);
	cluster(&s->clusters[1], "C-CLU", EC_TIER_CLUSTER);
	cluster(&s->clusters[2], "C-ECO", EC_TIER_ECOSYSTEM);

	s->in.projects = s->projects;
	s->in.nprojects = NP;
	s->in.funds = s->funds;
	s->in.nfunds = NF;
	s->in.clusters = s->clusters;
	s->in.nclusters = 3;
	s->in.priority_areas = "4";
	ec_match_weights_default(&s->in.weights);
}

static void release_set(struct set *s)
{
	for (size_t i = 0; i < NP + 1; i++)
		ec_project_release(&s->projects[i]);
}

static void test_open_gap(void **state)
{
	struct set s;

	(void)state;
	make_set(&s);
	/* P1: no gap; its own source, capped by the 90 000 not yet done */
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_GUIDANCE_FUND), 20000, 0);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BANK_LOANS), 50000, 0);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BONDS), 0, 0);
	/* P3: gap 50 000 + bank 100 000 */
	assert_near(ec_project_open_gap(&s.projects[P3], EC_SRC_BANK_LOANS), 150000, 0);
	assert_near(ec_project_open_gap(&s.projects[P3], EC_SRC_SOCIAL_CAPITAL), 50000, 0);
	/* capped by what is left to invest */
	s.projects[P1].funding[EC_SRC_OWN_FUNDS] = 0; /* gap 20 000 */
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BANK_LOANS), 70000, 0);
	assert_int_equal(ec_project_record_completed(&s.projects[P1], ec_period_make(2024, 4), 40000, NULL, 0), EC_OK);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BANK_LOANS), 50000, 0);
	release_set(&s);
}

struct expected {
	int project, fund;
	double score;      /* < 0: not eligible */
	const char *reason; /* the first reason */
};

/* Worked by hand with the default weights .25 .20 .15 .20 .20:
** P1 GF: .25x.8 + .2x.7 + .15x1 + .2x1 + .2x1 = .89
** P1 BK: .25x.4 + .2x1 + .15x.4 + .2x1 + .2x1 = .76
** P1 VC: .25x1 + .2x.4 + .15x1 + .2x1 + .2x1 = .88 (with GF-SH alongside)
** P2 BK: .25x.4 + .2x1 + .15x.4 + .2x1 + .2x.7 = .70
** P3 GF: .25x.6 + .2x.7 + .15x1 + .2x(40/50) + .2x(.5+.2) = .74
** P3 BK: .25x.4 + .2x1 + .15x.4 + .2x(100/150) + .2x.7 = .633333 */
static const struct expected table[] = {
	{ P1, GF, 89, "category 1.2.4 under target 1.2" },
	{ P1, BK, 76, "category 1.2.4: any category" },
	{ P1, VC, 88, "category 1.2.4 is target 1.2.4" },
	{ P2, GF, -1, "category 1.3.1 not under targets 1.2;4" },
	{ P2, BK, 70, "category 1.3.1: any category" },
	{ P2, VC, -1, "no government guidance fund eligible alongside" },
	{ P3, GF, 74, "category 4.1.1 under target 4" },
	{ P3, BK, 63.333333, "category 4.1.1: any category" },
	{ P3, VC, -1, "category 4.1.1 not under targets 1.2.4;1.3" },
	{ P4, GF, -1, "region 320505 not in targets 31" },
	{ P4, BK, -1, "max share 0.6 of total 30 000 is 18 000, below min ticket 20 000" },
	{ P4, VC, -1, "category 1.2.1 not under targets 1.2.4;1.3" },
	{ P5, GF, -1, "stage completed takes no funds" },
	{ P5, BK, -1, "stage completed takes no funds" },
	{ P5, VC, -1, "stage completed takes no funds" },
};

static void test_eligibility_and_scores(void **state)
{
	struct set s;
	struct ec_match m;

	(void)state;
	make_set(&s);
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		const struct expected *e = &table[i];
		assert_int_equal(ec_match_one(&s.in, (size_t)e->project, (size_t)e->fund, &m), EC_OK);
		if (m.eligible != (e->score >= 0))
			fail_msg("P%d x %s: eligible %d (%s)", e->project + 1, s.funds[e->fund].code, m.eligible,
				 m.nreasons ? m.reasons[0] : "");
		assert_near(m.score, e->score < 0 ? 0 : e->score, 1e-9);
		assert_true(m.nreasons >= 1);
		assert_string_equal(m.reasons[0], e->reason);
		assert_string_equal(m.project_code, s.projects[e->project].code);
		assert_string_equal(m.fund_code, s.funds[e->fund].code);
		if (e->score < 0)
			assert_int_equal(m.nreasons, 1);
	}
	release_set(&s);
}

static void expect_reasons(const struct ec_match *m, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n && i < m->nreasons; i++)
		assert_string_equal(m->reasons[i], want[i]);
	assert_int_equal(m->nreasons, n);
}

static void test_reasons(void **state)
{
	static const char *const p1_gf[] = {
		"category 1.2.4 under target 1.2",    "region 310115 in target 31", "stage under_construction in targets",
		"ticket 20 000 within 10 000..40 000", "cluster C-BASE tier base",
	};
	static const char *const p1_vc[] = {
		"category 1.2.4 is target 1.2.4",
		"region 310115: any region",
		"stage under_construction in targets",
		"co-investment with government guidance fund GF-SH",
		"ticket 10 000 within 5 000..15 000",
		"cluster C-BASE tier base",
	};
	static const char *const p3_bk[] = {
		"category 4.1.1: any category",         "region 310115 in target 3101",  "stage preparation: any stage",
		"ticket 150 000 above 20 000..100 000", "cluster C-ECO tier ecosystem", "area 4 is a priority area",
	};
	struct set s;
	struct ec_match m;

	(void)state;
	make_set(&s);
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	expect_reasons(&m, p1_gf, 5);
	assert_near(m.category_fit, 0.8, 0);
	assert_near(m.region_fit, 0.7, 0);
	assert_near(m.stage_fit, 1, 0);
	assert_near(m.ticket_fit, 1, 0);
	assert_near(m.priority, 1, 0);
	assert_near(m.open_gap, 20000, 0);
	assert_int_equal(ec_match_one(&s.in, P1, VC, &m), EC_OK);
	expect_reasons(&m, p1_vc, 6);
	assert_int_equal(ec_match_one(&s.in, P3, BK, &m), EC_OK);
	expect_reasons(&m, p3_bk, 6);
	assert_near(m.ticket_fit, 2.0 / 3.0, 1e-12);
	assert_near(m.priority, 0.7, 1e-12);
	assert_near(m.open_gap, 150000, 0);
	/* P1 x VC-1 with the social capital planned as own funds: nothing open to VC */
	s.projects[P1].funding[EC_SRC_SOCIAL_CAPITAL] = 0;
	s.projects[P1].funding[EC_SRC_OWN_FUNDS] = 30000;
	assert_int_equal(ec_match_one(&s.in, P1, VC, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "open gap 0 below min ticket 5 000");
	release_set(&s);
}

static void test_rankings(void **state)
{
	struct set s;
	struct ec_match_list l;

	(void)state;
	make_set(&s);
	assert_int_equal(ec_match_for_fund(&s.in, GF, &l), EC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].project_code, "P1");
	assert_near(l.items[0].score, 89, 1e-9);
	assert_string_equal(l.items[1].project_code, "P3");
	assert_near(l.items[1].score, 74, 1e-9);
	ec_match_list_release(&l);

	assert_int_equal(ec_match_for_fund(&s.in, BK, &l), EC_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].project_code, "P1");
	assert_string_equal(l.items[1].project_code, "P2");
	assert_string_equal(l.items[2].project_code, "P3");
	assert_near(l.items[2].score, 63.333333, 1e-9);
	ec_match_list_release(&l);

	assert_int_equal(ec_match_for_fund(&s.in, VC, &l), EC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].project_code, "P1");
	assert_near(l.items[0].score, 88, 1e-9);
	assert_int_equal(l.items[0].project, P1);
	assert_int_equal(l.items[0].fund, VC);
	ec_match_list_release(&l);

	assert_int_equal(ec_match_for_project(&s.in, P1, &l), EC_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].fund_code, "GF-SH");
	assert_string_equal(l.items[1].fund_code, "VC-1");
	assert_string_equal(l.items[2].fund_code, "BK-1");
	ec_match_list_release(&l);
	assert_int_equal(ec_match_for_project(&s.in, P3, &l), EC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].fund_code, "GF-SH");
	assert_string_equal(l.items[1].fund_code, "BK-1");
	ec_match_list_release(&l);
	assert_int_equal(ec_match_for_project(&s.in, P5, &l), EC_OK);
	assert_int_equal(l.n, 0);
	ec_match_list_release(&l);

	/* out of range */
	assert_int_equal(ec_match_for_fund(&s.in, NF, &l), EC_EUSAGE);
	assert_int_equal(l.n, 0);
	assert_int_equal(ec_match_for_project(&s.in, NP, &l), EC_EUSAGE);
	release_set(&s);
}

static void test_ties_by_code(void **state)
{
	struct set s;
	struct ec_match_list l;

	(void)state;
	make_set(&s);
	/* P0, a copy of P2, ties with it at 70 and comes first by code */
	project(&s.projects[NP], "P0", "1.3.1", "320505", "C-CLU", EC_STAGE_PREPARATION, 60000);
	s.projects[NP].funding[EC_SRC_SOCIAL_CAPITAL] = 20000;
	s.projects[NP].funding[EC_SRC_OWN_FUNDS] = 20000;
	s.in.nprojects = NP + 1;
	assert_int_equal(ec_match_for_fund(&s.in, BK, &l), EC_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.items[0].project_code, "P1");
	assert_string_equal(l.items[1].project_code, "P0");
	assert_string_equal(l.items[2].project_code, "P2");
	assert_near(l.items[1].score, l.items[2].score, 0);
	ec_match_list_release(&l);

	/* two funds that tie on P1: A-BK, a copy of BK-1, comes first */
	{
		struct ec_fund funds[NF + 1];
		memcpy(funds, s.funds, sizeof s.funds);
		funds[NF] = s.funds[BK];
		snprintf(funds[NF].code, sizeof funds[NF].code, "A-BK");
		s.in.funds = funds;
		s.in.nfunds = NF + 1;
		assert_int_equal(ec_match_for_project(&s.in, P1, &l), EC_OK);
		assert_int_equal(l.n, 4);
		assert_string_equal(l.items[2].fund_code, "A-BK");
		assert_string_equal(l.items[3].fund_code, "BK-1");
		ec_match_list_release(&l);
	}
	release_set(&s);
}

static void test_weights_and_priority(void **state)
{
	struct set s;
	struct ec_match m;

	(void)state;
	make_set(&s);
	/* only the ticket counts: P3 x BK-1 = 100 x 100 000 / 150 000 */
	memset(&s.in.weights, 0, sizeof s.in.weights);
	s.in.weights.ticket = 3;
	assert_int_equal(ec_match_one(&s.in, P3, BK, &m), EC_OK);
	assert_near(m.score, 66.666667, 1e-9);
	/* only the priority: P3 without priority areas is an ecosystem, 0.5 */
	memset(&s.in.weights, 0, sizeof s.in.weights);
	s.in.weights.priority = 1;
	s.in.priority_areas = NULL;
	assert_int_equal(ec_match_one(&s.in, P3, BK, &m), EC_OK);
	assert_near(m.score, 50, 1e-9);
	/* the bonus is capped at 1: P1 is a base in priority area 1 */
	s.in.priority_areas = "1;4";
	s.in.weights.area_bonus = 0.2;
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_near(m.score, 100, 1e-9);
	assert_string_equal(m.reasons[m.nreasons - 1], "area 1 is a priority area");
	/* P2 in a cluster nobody registered: none, 0.3 */
	s.in.priority_areas = "4";
	snprintf(s.projects[P2].cluster, sizeof s.projects[P2].cluster, "C-GONE");
	assert_int_equal(ec_match_one(&s.in, P2, BK, &m), EC_OK);
	assert_near(m.score, 30, 1e-9);
	assert_string_equal(m.reasons[m.nreasons - 1], "cluster C-GONE not registered");
	/* P4 without a cluster, min ticket lowered so that it is eligible */
	s.funds[BK].min_ticket = 18000;
	assert_int_equal(ec_match_one(&s.in, P4, BK, &m), EC_OK);
	assert_true(m.eligible);
	assert_near(m.score, 30, 1e-9);
	assert_string_equal(m.reasons[m.nreasons - 1], "no cluster");

	/* invalid weights */
	memset(&s.in.weights, 0, sizeof s.in.weights);
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_EUSAGE);
	s.in.weights.category = -1;
	s.in.weights.region = 2;
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_EUSAGE);
	ec_match_weights_default(&s.in.weights);
	s.in.weights.area_bonus = 1.5;
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_EUSAGE);
	ec_match_weights_default(&s.in.weights);
	assert_int_equal(ec_match_one(&s.in, NP, GF, &m), EC_EUSAGE);
	release_set(&s);
}

static void test_more_rules(void **state)
{
	struct set s;
	struct ec_match m;

	(void)state;
	make_set(&s);
	/* stage outside the targets */
	s.projects[P2].stage = EC_STAGE_RESERVE;
	snprintf(s.projects[P2].category, sizeof s.projects[P2].category, "1.2.4");
	assert_int_equal(ec_match_one(&s.in, P2, VC, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "stage reserve not in targets preparation;under_construction");
	/* capital below the min ticket */
	s.funds[BK].capital = 15000;
	assert_int_equal(ec_match_one(&s.in, P1, BK, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "capital 15 000 below min ticket 20 000");
	/* the gap of P2 1.2.4 in 320505: GF-SH does not take Jiangsu; with
	** region 310115 it becomes eligible and VC-1 gets its partner */
	snprintf(s.projects[P2].region, sizeof s.projects[P2].region, "310115");
	s.projects[P2].stage = EC_STAGE_PREPARATION;
	assert_int_equal(ec_match_one(&s.in, P2, VC, &m), EC_OK);
	assert_true(m.eligible);
	/* a government fund is not held to the co-investment rule */
	s.funds[GF].coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_true(m.eligible);
	/* a region target given as a 6-digit prefecture code is that prefecture */
	snprintf(s.funds[GF].regions, sizeof s.funds[GF].regions, "310100");
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_near(m.region_fit, 1, 0);
	assert_string_equal(m.reasons[1], "region 310115 in target 3101");
	/* category "1.2" is not under a target "1.20" nor "1.2.4" under "1.2.40" */
	snprintf(s.funds[GF].categories, sizeof s.funds[GF].categories, "1.20;1.2.40");
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_false(m.eligible);
	release_set(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_gap),
		cmocka_unit_test(test_eligibility_and_scores),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_rankings),
		cmocka_unit_test(test_ties_by_code),
		cmocka_unit_test(test_weights_and_priority),
		cmocka_unit_test(test_more_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
