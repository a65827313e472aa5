/* Unit tests of fund matching on a hand-made set of 3 funds x 5 projects:
** which pairs are eligible and why not, the exact scores worked out by hand
** (docs/methods.md, "Fund matching"), the reasons and the order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/problem.h"

#include "echelon/funding.h"
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

static void plan_p2(struct ec_project *p)
{
	p->funding[EC_SRC_GUIDANCE_FUND] = 10000;
	p->funding[EC_SRC_BANK_LOANS] = 20000;
	p->funding[EC_SRC_OWN_FUNDS] = 10000;
}

/*
** P1 1.2.4 310115 C-BASE under construction, total 100 000, plan guidance
**    20 000, bank 50 000, social 10 000, own 20 000 (no gap), 10 000 done
** P2 1.3.1 320505 C-CLU  preparation, total 60 000, plan guidance 10 000,
**    bank 20 000, own 10 000 (gap 20 000, open to social capital)
** P3 4.1.1 310115 C-ECO  preparation, total 200 000, plan guidance
**    50 000, bank 150 000; area 4 is a priority area
** The gaps by source (docs/methods.md, "Open gap"): P1 has 90 000 left,
** guidance 18 000, bank 45 000, social 9 000, own 18 000; P2 and P3 have
** all of it left: their plan, and P2's gap 20 000 for social capital.
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

	memset(s, 0, sizeof *s);
	project(&s->projects[P1], "P1", "1.2.4", "310115", "C-BASE", EC_STAGE_UNDER_CONSTRUCTION, 100000);
	s->projects[P1].funding[EC_SRC_GUIDANCE_FUND] = 20000;
	s->projects[P1].funding[EC_SRC_BANK_LOANS] = 50000;
	s->projects[P1].funding[EC_SRC_SOCIAL_CAPITAL] = 10000;
	s->projects[P1].funding[EC_SRC_OWN_FUNDS] = 20000;
	assert_int_equal(ec_project_record_completed(&s->projects[P1], ec_period_make(2024, 3), 10000, NULL),
			 EC_OK);
	project(&s->projects[P2], "P2", "1.3.1", "320505", "C-CLU", EC_STAGE_PREPARATION, 60000);
	plan_p2(&s->projects[P2]);
	project(&s->projects[P3], "P3", "4.1.1", "310115", "C-ECO", EC_STAGE_PREPARATION, 200000);
	s->projects[P3].funding[EC_SRC_GUIDANCE_FUND] = 50000;
	s->projects[P3].funding[EC_SRC_BANK_LOANS] = 150000;
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

/* A reason is a code of the problem table with its parameters, and says
** itself in both languages with every parameter filled. */
static void expect_coded(const char *reason)
{
	struct ec_problem p;
	char *store;

	if (ec_coded_decode(reason, &p, &store) != 0)
		fail_msg("'%s' is not a coded reason", reason);
	for (int lang = 0; lang < EC_NLANGS; lang++) {
		struct ec_buf b;
		ec_buf_init(&b, 0);
		ec_problem_message(&p, (enum ec_lang)lang, &b);
		ec_buf_addc(&b, '\0');
		if (strchr(b.data, '{'))
			fail_msg("'%s' leaves a parameter unfilled: %s", reason, b.data);
		ec_buf_release(&b);
	}
	free(store);
}

/* The words a reason says, in Chinese: stages and tiers by their names. */
static void test_reasons_in_words(void **state)
{
	struct ec_buf b;
	(void)state;

	ec_buf_init(&b, 0);
	ec_coded_list("match.stage_in_targets|stage=under_construction; match.cluster_tier|cluster=C1|tier=base; "
		      "match.category_outside|category=1.3.1|targets=1.2;4",
		      EC_LANG_ZH, &b);
	ec_buf_addc(&b, '\0');
	assert_string_equal(b.data, "项目阶段“在建”在基金投资阶段之内；属于产业基地 C1；"
				    "产业分类 1.3.1 不在基金投向 1.2;4 之内");
	b.len = 0;
	ec_coded_list("match.ticket_within|ticket=18 000|min=10 000|max=40 000; not a code", EC_LANG_EN, &b);
	ec_buf_addc(&b, '\0');
	assert_string_equal(b.data, "the ticket 18 000 thousand yuan is within the range 10 000–40 000; not a code");
	ec_buf_release(&b);
}

static void test_open_gap(void **state)
{
	struct set s;
	struct ec_match m;

	(void)state;
	make_set(&s);
	/* P1: 90 000 left of 100 000, shared as the plan is */
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_GUIDANCE_FUND), 18000, 0);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BANK_LOANS), 45000, 0);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_SOCIAL_CAPITAL), 9000, 0);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BONDS), 0, 0);
	/* P3: nothing done, its plan; nothing unplanned for social capital */
	assert_near(ec_project_open_gap(&s.projects[P3], EC_SRC_BANK_LOANS), 150000, 0);
	assert_near(ec_project_open_gap(&s.projects[P3], EC_SRC_GUIDANCE_FUND), 50000, 0);
	assert_near(ec_project_open_gap(&s.projects[P3], EC_SRC_SOCIAL_CAPITAL), 0, 0);
	/* P2: the unplanned 20 000 is open to social capital only */
	assert_near(ec_project_open_gap(&s.projects[P2], EC_SRC_SOCIAL_CAPITAL), 20000, 0);
	assert_near(ec_project_open_gap(&s.projects[P2], EC_SRC_BANK_LOANS), 20000, 0);
	/* P1 with own funds unplanned (gap 20 000): social 90 000 x (10 000 +
	** 20 000) / 100 000 = 27 000; after 40 000 more, 50 000 left: 15 000 */
	s.projects[P1].funding[EC_SRC_OWN_FUNDS] = 0;
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_SOCIAL_CAPITAL), 27000, 1e-9);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BANK_LOANS), 45000, 0);
	assert_int_equal(ec_project_record_completed(&s.projects[P1], ec_period_make(2024, 4), 40000, NULL), EC_OK);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_SOCIAL_CAPITAL), 15000, 1e-9);
	assert_near(ec_project_open_gap(&s.projects[P1], EC_SRC_BANK_LOANS), 25000, 0);
	/* matching's open gap is the gap of the fund's source */
	assert_int_equal(ec_match_one(&s.in, P1, BK, &m), EC_OK);
	assert_true(m.eligible);
	assert_near(m.open_gap, 25000, 0);
	release_set(&s);
}

/* The open gaps at the month of the input: P1's 10 000 of 2024-03 counts
** from then on; later progress can close a pair. */
static void test_period(void **state)
{
	struct set s;
	struct ec_match m;

	(void)state;
	make_set(&s);
	s.in.period = ec_period_make(2024, 2); /* before any progress: the plan */
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_near(m.open_gap, 20000, 0);
	assert_string_equal(m.reasons[3], "match.ticket_within|ticket=20 000|min=10 000|max=40 000");
	s.in.period = ec_period_make(2024, 3);
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_near(m.open_gap, 18000, 0);
	/* 80 000 more in 2024-06: 10 000 left, 2 000 for the guidance fund */
	assert_int_equal(ec_project_record_completed(&s.projects[P1], ec_period_make(2024, 6), 80000, NULL), EC_OK);
	s.in.period = ec_period_make(2024, 5);
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_true(m.eligible);
	for (int period = 0; period <= 1; period++) {
		s.in.period = period ? EC_PERIOD_ALL : 0; /* both: all the progress */
		assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
		assert_false(m.eligible);
		assert_string_equal(m.reasons[0], "match.gap_below_min|gap=2 000|min=10 000");
		/* and VC-1 loses its partner with it (social 1 000 is below 5 000 anyway) */
		assert_int_equal(ec_match_one(&s.in, P1, VC, &m), EC_OK);
		assert_false(m.eligible);
	}
	/* the minimum ticket is compared exactly, as the allocation does */
	s.in.period = 0;
	s.funds[BK].min_ticket = 5000; /* bank: 10 000 x 50 000 / 100 000 = 5 000 */
	assert_int_equal(ec_match_one(&s.in, P1, BK, &m), EC_OK);
	assert_true(m.eligible);
	s.funds[BK].min_ticket = nextafter(5000, 6000);
	assert_int_equal(ec_match_one(&s.in, P1, BK, &m), EC_OK);
	assert_false(m.eligible);
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
	{ P1, GF, 89, "match.category_under_target|category=1.2.4|target=1.2" },
	{ P1, BK, 76, "match.any_category|category=1.2.4" },
	{ P1, VC, 88, "match.category_is_target|category=1.2.4|target=1.2.4" },
	{ P2, GF, -1, "match.category_outside|category=1.3.1|targets=1.2;4" },
	{ P2, BK, 70, "match.any_category|category=1.3.1" },
	{ P2, VC, -1, "match.no_guidance_fund" },
	{ P3, GF, 74, "match.category_under_target|category=4.1.1|target=4" },
	{ P3, BK, 63.333333, "match.any_category|category=4.1.1" },
	{ P3, VC, -1, "match.category_outside|category=4.1.1|targets=1.2.4;1.3" },
	{ P4, GF, -1, "match.region_outside|region=320505|targets=31" },
	{ P4, BK, -1, "match.share_below_min|share=0.6|total=30 000|most=18 000|min=20 000" },
	{ P4, VC, -1, "match.category_outside|category=1.2.1|targets=1.2.4;1.3" },
	{ P5, GF, -1, "match.stage_no_funds|stage=completed" },
	{ P5, BK, -1, "match.stage_no_funds|stage=completed" },
	{ P5, VC, -1, "match.stage_no_funds|stage=completed" },
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
		expect_coded(m.reasons[0]);
		assert_string_equal(m.project_code, s.projects[e->project].code);
		assert_string_equal(m.fund_code, s.funds[e->fund].code);
		if (e->score < 0)
			assert_int_equal(m.nreasons, 1);
	}
	release_set(&s);
}

static void expect_reasons(const struct ec_match *m, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n && i < m->nreasons; i++) {
		assert_string_equal(m->reasons[i], want[i]);
		expect_coded(m->reasons[i]);
	}
	assert_int_equal(m->nreasons, n);
}

static void test_reasons(void **state)
{
	static const char *const p1_gf[] = {
		"match.category_under_target|category=1.2.4|target=1.2",    "match.region_in_target|region=310115|target=31", "match.stage_in_targets|stage=under_construction",
		"match.ticket_within|ticket=18 000|min=10 000|max=40 000", "match.cluster_tier|cluster=C-BASE|tier=base",
	};
	static const char *const p1_vc[] = {
		"match.category_is_target|category=1.2.4|target=1.2.4",
		"match.any_region|region=310115",
		"match.stage_in_targets|stage=under_construction",
		"match.coinvest_with|fund=GF-SH",
		"match.ticket_within|ticket=9 000|min=5 000|max=15 000",
		"match.cluster_tier|cluster=C-BASE|tier=base",
	};
	static const char *const p3_bk[] = {
		"match.any_category|category=4.1.1",         "match.region_in_target|region=310115|target=3101",  "match.any_stage|stage=preparation",
		"match.ticket_above|ticket=150 000|min=20 000|max=100 000", "match.cluster_tier|cluster=C-ECO|tier=ecosystem", "match.priority_area|area=4",
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
	assert_near(m.open_gap, 18000, 0);
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
	assert_string_equal(m.reasons[0], "match.gap_below_min|gap=0|min=5 000");
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
	plan_p2(&s.projects[NP]);
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
	assert_string_equal(m.reasons[m.nreasons - 1], "match.priority_area|area=1");
	/* P2 in a cluster nobody registered: none, 0.3 */
	s.in.priority_areas = "4";
	snprintf(s.projects[P2].cluster, sizeof s.projects[P2].cluster, "C-GONE");
	assert_int_equal(ec_match_one(&s.in, P2, BK, &m), EC_OK);
	assert_near(m.score, 30, 1e-9);
	assert_string_equal(m.reasons[m.nreasons - 1], "match.cluster_unregistered|cluster=C-GONE");
	/* P4 without a cluster, min ticket lowered so that it is eligible */
	s.funds[BK].min_ticket = 18000;
	assert_int_equal(ec_match_one(&s.in, P4, BK, &m), EC_OK);
	assert_true(m.eligible);
	assert_near(m.score, 30, 1e-9);
	assert_string_equal(m.reasons[m.nreasons - 1], "match.no_cluster");

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
	assert_string_equal(m.reasons[0], "match.stage_outside|stage=reserve|targets=preparation;under_construction");
	/* capital below the min ticket */
	s.funds[BK].capital = 15000;
	assert_int_equal(ec_match_one(&s.in, P1, BK, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "match.capital_below_min|capital=15 000|min=20 000");
	/* P2 1.2.4 in 320505: GF-SH does not take Jiangsu; with region 310115
	** it becomes eligible (guidance gap 10 000, its min ticket) and VC-1
	** gets its partner */
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
	assert_string_equal(m.reasons[1], "match.region_in_target|region=310115|target=3101");
	/* category "1.2" is not under a target "1.20" nor "1.2.4" under "1.2.40" */
	snprintf(s.funds[GF].categories, sizeof s.funds[GF].categories, "1.20;1.2.40");
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_false(m.eligible);
	release_set(&s);
}

/* A fund requiring an SME digital level matches only projects whose owner
** reached it in its latest submitted questionnaire (issue 18); the reason
** says which level was found, or that there was none. The score is as
** without the requirement. */
static void test_digital_level(void **state)
{
	signed char levels[NP] = { -1, -1, -1, -1, -1 };
	struct set s;
	struct ec_match m;
	double score;

	(void)state;
	make_set(&s);
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_true(m.eligible);
	score = m.score;
	s.funds[GF].min_digital_level = 2;
	/* no levels known: nothing matches */
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "match.digital_none|min=2");
	s.in.owner_levels = levels;
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "match.digital_none|min=2");
	levels[P1] = 0; /* submitted, below level one */
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "match.digital_below|level=0|min=2");
	levels[P1] = 1;
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_false(m.eligible);
	assert_string_equal(m.reasons[0], "match.digital_below|level=1|min=2");
	levels[P1] = 2;
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_true(m.eligible);
	assert_near(m.score, score, 0);
	assert_string_equal(m.reasons[3], "match.digital_level|level=2|min=2");
	levels[P1] = 4;
	assert_int_equal(ec_match_quick(&s.in, P1, GF, &m), EC_OK);
	assert_true(m.eligible);
	/* the requirement is the fund's own: another fund is not held to it */
	levels[P1] = -1;
	assert_int_equal(ec_match_one(&s.in, P1, BK, &m), EC_OK);
	assert_false(m.nreasons && strncmp(m.reasons[0], "match.digital", 13) == 0);
	assert_int_equal(ec_match_one(&s.in, P1, GF, &m), EC_OK);
	assert_false(m.eligible);
	release_set(&s);
}

/* The priority is the score's component and the allocation's weight. */
static void test_priority(void **state)
{
	struct set s;
	struct ec_match m;

	(void)state;
	make_set(&s);
	assert_near(ec_match_priority(&s.in, P1), 1, 0);   /* base */
	assert_near(ec_match_priority(&s.in, P2), 0.7, 0); /* cluster */
	assert_near(ec_match_priority(&s.in, P3), 0.7, 1e-15); /* ecosystem 0.5 + area 4 */
	assert_near(ec_match_priority(&s.in, P4), 0.3, 0); /* no cluster */
	assert_near(ec_match_priority(&s.in, NP), 0, 0);   /* out of range */
	for (size_t p = 0; p < NP; p++)
		for (size_t f = 0; f < NF; f++) {
			assert_int_equal(ec_match_one(&s.in, p, f, &m), EC_OK);
			if (m.eligible)
				assert_true(m.priority == ec_match_priority(&s.in, p));
		}
	s.in.priority_areas = "1;4";
	assert_near(ec_match_priority(&s.in, P1), 1, 0);   /* capped */
	assert_near(ec_match_priority(&s.in, P2), 0.9, 1e-15);
	assert_near(ec_match_priority(&s.in, P4), 0.5, 1e-15);
	s.in.weights.area_bonus = 0;
	assert_near(ec_match_priority(&s.in, P4), 0.3, 0);
	s.in.priority_areas = NULL;
	s.in.weights.area_bonus = 0.2;
	assert_near(ec_match_priority(&s.in, P3), 0.5, 0);
	s.in.clusters = NULL; /* nothing registered */
	assert_near(ec_match_priority(&s.in, P1), 0.3, 0);
	release_set(&s);
}

static void add_area(struct ec_catalog *cat, const char *code, int level, const char *parent)
{
	struct ec_category c;

	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "%s", code);
	c.level = level;
	snprintf(c.parent, sizeof c.parent, "%s", parent);
	c.name_zh = c.name_en = (char *)code;
	ec_catalog_add_category(cat, &c);
}

static void small_catalog(struct ec_catalog *cat)
{
	ec_catalog_init(cat);
	add_area(cat, "1", 1, "");
	add_area(cat, "1.2", 2, "1");
	add_area(cat, "1.2.4", 3, "1.2");
	add_area(cat, "4", 1, "");
	ec_catalog_index(cat);
}

static void test_areas_check(void **state)
{
	struct ec_catalog cat;
	char why[256];

	(void)state;
	small_catalog(&cat);
	assert_int_equal(ec_match_areas_check(&cat, NULL, why, sizeof why), EC_OK);
	assert_int_equal(ec_match_areas_check(&cat, "", why, sizeof why), EC_OK);
	assert_int_equal(ec_match_areas_check(&cat, "4", why, sizeof why), EC_OK);
	assert_int_equal(ec_match_areas_check(&cat, "1;4", why, sizeof why), EC_OK);
	assert_int_equal(ec_match_areas_check(&cat, "1;9", why, sizeof why), EC_EDATA);
	assert_string_equal(why, "'9' is not an SEI area; expected one of 1, 4");
	assert_int_equal(ec_match_areas_check(&cat, "1.2", why, sizeof why), EC_EDATA);
	assert_string_equal(why, "'1.2' is not an SEI area; expected one of 1, 4");
	assert_int_equal(ec_match_areas_check(&cat, "1;;4", why, sizeof why), EC_EDATA);
	assert_string_equal(why, "empty area code; expected SEI area codes (1, 4) separated by ';'");
	assert_int_equal(ec_match_areas_check(&cat, "1,4", why, sizeof why), EC_EDATA);
	assert_string_equal(why, "'1,4' is not an SEI area; expected one of 1, 4");
	assert_int_equal(ec_match_areas_check(&cat, "4;1;4", why, sizeof why), EC_EDATA);
	assert_string_equal(why, "area 4 is given twice; expected each area once");
	{
		char longest[EC_MATCH_AREAS_MAX + 2];
		memset(longest, ';', sizeof longest - 1);
		longest[0] = '1';
		longest[sizeof longest - 1] = '\0';
		assert_int_equal(ec_match_areas_check(&cat, longest, why, sizeof why), EC_EDATA);
		assert_string_equal(why, "65 characters; expected at most 64 (SEI area codes separated by ';')");
	}
	ec_catalog_release(&cat);
}

static uint64_t rng;

static uint32_t next(void)
{
	rng = rng * 6364136223846793005u + 1442695040888963407u;
	return (uint32_t)(rng >> 33);
}

static const char *pick(const char *const *from, size_t n)
{
	return from[next() % n];
}

/* A library of np projects and nf funds, deterministic by seed: plans that
** leave some of the total unplanned, monthly progress in 2024, every stage,
** fund types in turn with every kind of target, ticket, share and rule. */
static void make_library(struct ec_funding *f, size_t np, size_t nf, uint64_t seed)
{
	static const char *const categories[] = { "1.2.4", "1.3.1", "4.1.1", "1.2.1", "4.2" };
	static const char *const regions[] = { "310115", "320505", "110101" };
	static const char *const clusters[] = { "C-BASE", "C-CLU", "C-ECO", "", "C-GONE" };
	static const char *const fund_categories[] = { "", "1.2", "4", "1.2.4;1.3", "1;4" };
	static const char *const fund_regions[] = { "", "31", "3205;31", "110000" };
	static const double tickets[] = { 500, 2000, 5000, 10000, 20000 };
	static const double shares[] = { 0.1, 0.2, 0.3, 0.6, 1 };
	unsigned building = (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION);

	rng = seed;
	memset(f, 0, sizeof *f);
	f->projects = ec_calloc(np, sizeof *f->projects);
	f->funds = ec_calloc(nf, sizeof *f->funds);
	f->clusters = ec_calloc(3, sizeof *f->clusters);
	f->nprojects = np;
	f->nfunds = nf;
	f->nclusters = 3;
	cluster(&f->clusters[0], "C-BASE", EC_TIER_BASE);
	cluster(&f->clusters[1], "C-CLU", EC_TIER_CLUSTER);
	cluster(&f->clusters[2], "C-ECO", EC_TIER_ECOSYSTEM);
	for (size_t i = 0; i < np; i++) {
		struct ec_project *p = &f->projects[i];
		char code[32];
		double total = 1000 + next() % 199000, planned = 0, cumulative = 0, weight[EC_NSOURCES], wsum = 0;
		double share = (50 + next() % 51) / 100.0; /* of the total planned */
		snprintf(code, sizeof code, "P%03zu", i);
		project(p, code, pick(categories, 5), pick(regions, 3), pick(clusters, 5),
			(enum ec_stage)(next() % 10 < 8 ? 1 + next() % 2 : next() % EC_NSTAGES), total);
		for (int s2 = 0; s2 < EC_NSOURCES; s2++)
			wsum += weight[s2] = next() % 3 ? (double)(next() % 100) : 0;
		for (int s2 = 0; s2 < EC_NSOURCES && wsum > 0; s2++) {
			p->funding[s2] = floor(total * share * weight[s2] / wsum);
			planned += p->funding[s2];
		}
		assert_true(planned <= total);
		for (int month = 1; month <= 12; month++) {
			double amount = next() % 3 ? floor(total * (next() % 30) / 200.0) : 0;
			if (cumulative + amount > total)
				amount = total - cumulative;
			if (amount > 0) {
				assert_int_equal(ec_project_record_completed(p, ec_period_make(2024, month), amount, NULL),
						 EC_OK);
				cumulative += amount;
			}
		}
	}
	for (size_t j = 0; j < nf; j++) {
		struct ec_fund *x = &f->funds[j];
		char code[32];
		double min_ticket = tickets[next() % 5];
		snprintf(code, sizeof code, "F%02zu", j);
		fund(x, code, (enum ec_fund_type)(j % EC_NFUND_TYPES), pick(fund_categories, 5), pick(fund_regions, 4),
		     next() % 2 ? building : 0, min_ticket, min_ticket * (1 + next() % 5), shares[next() % 5]);
		x->capital = next() % 8 ? min_ticket * (2 + next() % 40) : min_ticket / 2;
		if (x->type != EC_FUND_GOVERNMENT_GUIDANCE && next() % 3 == 0)
			x->coinvest = EC_COINVEST_REQUIRES_GOVERNMENT;
	}
}

/* A cell of a table by row and column name. */
static const char *cell(const struct ec_table *t, size_t row, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (!strcmp(t->names[c], name))
			return t->cells[row * t->ncols + c];
	fail_msg("no column %s", name);
	return NULL;
}

/* Every pair matching calls eligible at a month is one the allocation at
** that month can fund: its gap in the fund's source is matching's open gap,
** at least the minimum ticket, and so is the pair's cap; the allocation's
** objective weighs each project by matching's priority. */
static void test_allocation_agrees(void **state)
{
	static const int months[] = { 3, 8, 12, 0 };
	struct ec_catalog cat;
	struct ec_funding lib;
	struct ec_match_input in;
	struct ec_alloc_options opts;
	size_t np = 80, nf = 15, total_eligible = 0, total_pairs = 0;

	(void)state;
	small_catalog(&cat);
	make_library(&lib, np, nf, 7);
	memset(&in, 0, sizeof in);
	in.projects = lib.projects;
	in.nprojects = np;
	in.funds = lib.funds;
	in.nfunds = nf;
	in.clusters = lib.clusters;
	in.nclusters = lib.nclusters;
	in.priority_areas = "4";
	ec_match_weights_default(&in.weights);
	ec_alloc_options_init(&opts);
	opts.mip = 0;
	for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
		int period = months[k] ? ec_period_make(2024, months[k]) : EC_PERIOD_ALL;
		struct ec_alloc_result res;
		struct ec_table plan, lacking, prices;
		char *err = NULL;
		double objective = 0;
		size_t eligible = 0;

		in.period = period;
		assert_int_equal(ec_funding_allocate(&lib, &cat, period, "4", NULL, 0, &opts, &res, &plan, &lacking, &prices,
						     &err),
				 EC_OK);
		for (size_t p = 0; p < np; p++)
			for (size_t f = 0; f < nf; f++) {
				const struct ec_fund *x = &lib.funds[f];
				const char *source = ec_source_name(ec_fund_source(x->type));
				struct ec_match m;
				double gap = -1, gaps[EC_NSOURCES];
				struct ec_match q;
				assert_int_equal(ec_match_one(&in, p, f, &m), EC_OK);
				/* the quick path (the allocation's) gives the same verdict and numbers */
				assert_int_equal(ec_match_quick(&in, p, f, &q), EC_OK);
				assert_int_equal(q.eligible, m.eligible);
				assert_true(q.score == m.score && q.open_gap == m.open_gap && q.priority == m.priority &&
					    q.category_fit == m.category_fit && q.ticket_fit == m.ticket_fit);
				assert_int_equal(q.nreasons, 0);
				assert_true(m.nreasons > 0);
				if (m.eligible)
					assert_string_equal(q.project_code, m.project_code);
				total_pairs++;
				if (!m.eligible)
					continue;
				eligible++;
				for (size_t r = 0; r < lacking.nrows; r++)
					if (!strcmp(cell(&lacking, r, "project"), lib.projects[p].code) &&
					    !strcmp(cell(&lacking, r, "source"), source))
						gap = strtod(cell(&lacking, r, "gap"), NULL);
				ec_project_source_gaps(&lib.projects[p], period, gaps);
				if (!(gap >= x->min_ticket))
					fail_msg("%s x %s at %d: eligible, open gap %.17g, allocation gap %.17g, min ticket %g",
						 lib.projects[p].code, x->code, period, m.open_gap, gap, x->min_ticket);
				assert_true(gap == m.open_gap);
				assert_true(gaps[ec_fund_source(x->type)] == m.open_gap);
				/* the pair's cap in ec_allocate, min(C, M, share x T, gap), is >= m */
				assert_true(fmin(fmin(x->capital, x->max_ticket),
						 fmin(x->max_share * lib.projects[p].total_investment, gap)) >= x->min_ticket);
			}
		/* the plan funds eligible pairs only, weighted by matching's priority */
		for (size_t r = 0; r < plan.nrows; r++) {
			size_t p, f;
			struct ec_match m;
			for (p = 0; strcmp(lib.projects[p].code, cell(&plan, r, "project")); p++)
				;
			for (f = 0; strcmp(lib.funds[f].code, cell(&plan, r, "fund")); f++)
				;
			assert_int_equal(ec_match_one(&in, p, f, &m), EC_OK);
			assert_true(m.eligible);
			objective += ec_match_priority(&in, p) * strtod(cell(&plan, r, "amount"), NULL);
		}
		assert_near(objective, res.objective, 1e-6 * (1 + res.objective));
		assert_true(plan.nrows > 0);
		total_eligible += eligible;
		ec_table_release(&plan);
		ec_table_release(&lacking);
		ec_table_release(&prices);
		ec_alloc_result_release(&res);
	}
	/* enough pairs for the check to mean something */
	assert_true(total_eligible >= 100);
	assert_true(total_eligible < total_pairs);
	ec_funding_release(&lib);
	ec_catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reasons_in_words),
		cmocka_unit_test(test_open_gap),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_priority),
		cmocka_unit_test(test_areas_check),
		cmocka_unit_test(test_allocation_agrees),
		cmocka_unit_test(test_eligibility_and_scores),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_rankings),
		cmocka_unit_test(test_ties_by_code),
		cmocka_unit_test(test_weights_and_priority),
		cmocka_unit_test(test_more_rules),
		cmocka_unit_test(test_digital_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
