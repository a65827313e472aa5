/*
** This is the implementation of fund matching: the hard rules that make a
** project eligible for a fund, the score (category, region, stage, ticket
** and priority fit) with the reasons behind it, and the ranked lists both
** ways. The rules and weights are in docs/methods.md ("Fund matching").
*/
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/problem.h"
#include "echelon/project.h"

void ec_match_weights_default(struct ec_match_weights *w)
{
	w->category = 0.25;
	w->region = 0.20;
	w->stage = 0.15;
	w->ticket = 0.20;
	w->priority = 0.20;
	w->area_bonus = 0.2;
}

void ec_match_list_release(struct ec_match_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static int weight_ok(double w)
{
	return isfinite(w) && w >= 0;
}

static int weights_valid(const struct ec_match_weights *w)
{
	return weight_ok(w->category) && weight_ok(w->region) && weight_ok(w->stage) && weight_ok(w->ticket) &&
	       weight_ok(w->priority) && w->category + w->region + w->stage + w->ticket + w->priority > 0 &&
	       weight_ok(w->area_bonus) && w->area_bonus <= 1;
}

double ec_project_open_gap(const struct ec_project *p, enum ec_source s)
{
	double gap[EC_NSOURCES];

	if ((int)s < 0 || s >= EC_NSOURCES)
		return 0;
	ec_project_source_gaps(p, EC_PERIOD_ALL, gap);
	return gap[s];
}

/* The month of the input as ec_project_source_gaps takes it. */
static int input_period(const struct ec_match_input *in)
{
	return in->period == 0 ? EC_PERIOD_ALL : in->period;
}

static int level_of(const char *code, size_t n)
{
	int level = 1;

	for (size_t i = 0; i < n; i++)
		level += code[i] == '.';
	return level;
}

/* The best category fit of the project under the fund's targets, 0 when
** under none; the target that gave it in *target (len *tlen). */
static double category_fit(const char *category, const char *targets, const char **target, size_t *tlen)
{
	size_t clen = strlen(category);
	double best = 0;

	for (const char *t = targets; *t;) {
		size_t len = strcspn(t, ";");
		double fit = 0;
		if (len == clen && memcmp(t, category, len) == 0)
			fit = EC_FIT_CATEGORY_EXACT;
		else if (len && len < clen && memcmp(t, category, len) == 0 && category[len] == '.')
			fit = level_of(t, len) == 1 ? EC_FIT_CATEGORY_AREA : EC_FIT_CATEGORY_DIRECTION;
		if (fit > best) {
			best = fit;
			*target = t;
			*tlen = len;
		}
		t += len + (t[len] == ';');
	}
	return best;
}

double ec_category_fit(const char *category, const char *targets)
{
	const char *target;
	size_t tlen;

	return targets[0] ? category_fit(category, targets, &target, &tlen) : EC_FIT_ANY;
}

int ec_category_within(const char *category, const char *code)
{
	size_t len = strlen(code);

	return strncmp(category, code, len) == 0 && (category[len] == '\0' || category[len] == '.');
}

int ec_fund_targets_category(const struct ec_fund *f, const char *category)
{
	return ec_category_fit(category, f->categories) > EC_FIT_ANY;
}

/* A target region as the prefix it stands for ("310000" -> "31"). */
static size_t region_target_prefix(const char *t, size_t len, char out[7])
{
	if (len > 6)
		len = 6;
	memcpy(out, t, len);
	out[len] = '\0';
	if (len == 6) {
		char code[7];
		memcpy(code, out, 7);
		ec_region_prefix(code, out);
	}
	return strlen(out);
}

static double region_fit(const char *region, const char *targets, char prefix_out[7])
{
	double best = 0;

	for (const char *t = targets; *t;) {
		size_t len = strcspn(t, ";");
		char prefix[7];
		size_t plen = region_target_prefix(t, len, prefix);
		if (plen && strncmp(region, prefix, plen) == 0) {
			double fit = plen >= 4 ? EC_FIT_REGION_PREFECTURE : EC_FIT_REGION_PROVINCE;
			if (fit > best) {
				best = fit;
				memcpy(prefix_out, prefix, 7);
			}
		}
		t += len + (t[len] == ';');
	}
	return best;
}

/* A reason is coded, as a problem is: "match.code|name=value|…", its code
** one of problem.c's with its parameters, so that each face writes it in
** its user's language (ec_coded_message; the API as {code, params}). */
static void reason(struct ec_match *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void reason(struct ec_match *m, const char *fmt, ...)
{
	va_list ap;

	if (m->nreasons == EC_MATCH_REASONS)
		return;
	va_start(ap, fmt);
	vsnprintf(m->reasons[m->nreasons++], EC_MATCH_REASON_MAX, fmt, ap);
	va_end(ap);
}

/* A reason, its arguments formatted only when there is room for it: a
** quick evaluation (no reasons) fills the list up front and formats
** nothing. */
#define REASON(m, ...)                                       \
	do {                                                 \
		if ((m)->nreasons < EC_MATCH_REASONS)        \
			reason((m), __VA_ARGS__);            \
	} while (0)

/* The hard rules but co-investment, with the open gaps at period. Returns 1
** when the project is eligible for the fund; fills the fits on the way, and
** the one reason that failed when m is not NULL. The amounts are compared
** with the minimum ticket exactly, as ec_allocate compares a pair's cap with
** it: an eligible pair is always a pair the allocation can fund. */
static int hard_rules(const struct ec_match_input *in, const struct ec_project *p, const struct ec_fund *f,
		      struct ec_match *m, int why)
{
	int period = input_period(in), level = in->owner_levels ? in->owner_levels[p - in->projects] : -1;
	struct ec_match scratch;
	const char *target = NULL;
	size_t tlen = 0;
	char prefix[7] = "", x[40], y[40], z[40];
	double gap[EC_NSOURCES], open, cap;

	if (!m) { /* only the verdict: a full list of reasons writes nothing */
		memset(&scratch, 0, sizeof scratch);
		scratch.nreasons = EC_MATCH_REASONS;
		m = &scratch;
		why = 0;
	}
	if (!ec_stage_open(p->stage)) {
		REASON(m, "match.stage_no_funds|stage=%s", ec_stage_name(p->stage));
		return 0;
	}
	if (f->categories[0]) {
		m->category_fit = category_fit(p->category, f->categories, &target, &tlen);
		if (m->category_fit == 0) {
			REASON(m, "match.category_outside|category=%s|targets=%.60s", p->category, f->categories);
			return 0;
		}
	} else {
		m->category_fit = EC_FIT_ANY;
	}
	if (f->regions[0]) {
		m->region_fit = region_fit(p->region, f->regions, prefix);
		if (m->region_fit == 0) {
			REASON(m, "match.region_outside|region=%s|targets=%.60s", p->region, f->regions);
			return 0;
		}
	} else {
		m->region_fit = EC_FIT_ANY;
	}
	if (f->stages) {
		if (!(f->stages & (1u << p->stage))) {
			if (m->nreasons < EC_MATCH_REASONS) {
				char set[96];
				ec_stage_set_format(f->stages, set, sizeof set);
				reason(m, "match.stage_outside|stage=%s|targets=%s", ec_stage_name(p->stage), set);
			}
			return 0;
		}
		m->stage_fit = EC_FIT_STAGE_TARGET;
	} else {
		m->stage_fit = EC_FIT_ANY;
	}
	if (f->min_digital_level && level < f->min_digital_level) {
		if (level >= 0)
			REASON(m, "match.digital_below|level=%d|min=%d", level, f->min_digital_level);
		else
			REASON(m, "match.digital_none|min=%d", f->min_digital_level);
		return 0;
	}
	ec_project_source_gaps(p, period, gap);
	open = gap[ec_fund_source(f->type)];
	m->open_gap = open;
	if (open < f->min_ticket) {
		REASON(m, "match.gap_below_min|gap=%s|min=%s", ec_amount_format(open, x), ec_amount_format(f->min_ticket, y));
		return 0;
	}
	cap = f->max_share * p->total_investment;
	if (cap < f->min_ticket) {
		REASON(m, "match.share_below_min|share=%g|total=%s|most=%s|min=%s", f->max_share,
		       ec_amount_format(p->total_investment, x), ec_amount_format(cap, y),
		       ec_amount_format(f->min_ticket, z));
		return 0;
	}
	if (f->capital < f->min_ticket) {
		REASON(m, "match.capital_below_min|capital=%s|min=%s", ec_amount_format(f->capital, x),
		       ec_amount_format(f->min_ticket, y));
		return 0;
	}
	/* Eligible: say why, component by component. */
	if (!why)
		return 1;
	m->nreasons = 0;
	if (!f->categories[0])
		REASON(m, "match.any_category|category=%s", p->category);
	else if (m->category_fit == EC_FIT_CATEGORY_EXACT)
		REASON(m, "match.category_is_target|category=%s|target=%.*s", p->category, (int)tlen, target);
	else
		REASON(m, "match.category_under_target|category=%s|target=%.*s", p->category, (int)tlen, target);
	if (f->regions[0])
		REASON(m, "match.region_in_target|region=%s|target=%s", p->region, prefix);
	else
		REASON(m, "match.any_region|region=%s", p->region);
	if (f->stages)
		REASON(m, "match.stage_in_targets|stage=%s", ec_stage_name(p->stage));
	else
		REASON(m, "match.any_stage|stage=%s", ec_stage_name(p->stage));
	if (f->min_digital_level)
		REASON(m, "match.digital_level|level=%d|min=%d", level, f->min_digital_level);
	return 1;
}

/* The government guidance fund (other than f) for which p is eligible, or
** NULL. */
static const struct ec_fund *government_partner(const struct ec_match_input *in, const struct ec_project *p,
						 const struct ec_fund *f)
{
	for (size_t i = 0; i < in->nfunds; i++) {
		const struct ec_fund *g = &in->funds[i];
		if (g != f && g->type == EC_FUND_GOVERNMENT_GUIDANCE && hard_rules(in, p, g, NULL, 0))
			return g;
	}
	return NULL;
}

/* The priority of a project with its reasons (in m, which may be NULL for
** the value alone). */
static double priority(const struct ec_match_input *in, const struct ec_project *p, struct ec_match *m)
{
	static const double tier_priority[EC_NTIERS] = { EC_PRIORITY_BASE, EC_PRIORITY_CLUSTER, EC_PRIORITY_ECOSYSTEM };
	struct ec_match scratch;
	double value = EC_PRIORITY_NONE;
	size_t alen = strcspn(p->category, ".");

	if (!m) { /* a full list of reasons writes nothing */
		memset(&scratch, 0, sizeof scratch);
		scratch.nreasons = EC_MATCH_REASONS;
		m = &scratch;
	}
	if (!p->cluster[0]) {
		REASON(m, "match.no_cluster");
	} else {
		const struct ec_cluster *c = NULL;
		for (size_t i = 0; i < in->nclusters && in->clusters; i++)
			if (strcmp(in->clusters[i].code, p->cluster) == 0) {
				c = &in->clusters[i];
				break;
			}
		if (!c) {
			REASON(m, "match.cluster_unregistered|cluster=%s", p->cluster);
		} else {
			value = (int)c->tier >= 0 && c->tier < EC_NTIERS ? tier_priority[c->tier] : EC_PRIORITY_NONE;
			REASON(m, "match.cluster_tier|cluster=%s|tier=%s", c->code, ec_tier_name(c->tier));
		}
	}
	if (in->weights.area_bonus > 0 && ec_list_has(in->priority_areas, p->category, alen)) {
		value += in->weights.area_bonus;
		if (value > 1)
			value = 1;
		REASON(m, "match.priority_area|area=%.*s", (int)alen, p->category);
	}
	return value;
}

double ec_match_priority(const struct ec_match_input *in, size_t project)
{
	if (project >= in->nprojects)
		return 0;
	return priority(in, &in->projects[project], NULL);
}

/* Whether the code t[0..len) appears in the ';'-list before t. */
static int in_list_before(const char *list, const char *t, size_t len)
{
	for (const char *u = list; u < t;) {
		size_t n = strcspn(u, ";");
		if (n == len && memcmp(u, t, len) == 0)
			return 1;
		u += n + (u[n] == ';');
	}
	return 0;
}

int ec_match_areas_problem(const struct ec_catalog *cat, const char *areas, struct ec_problem *why)
{
	char length[24], value[48];

	if (!areas)
		return EC_OK;
	if (strlen(areas) > EC_MATCH_AREAS_MAX) {
		snprintf(length, sizeof length, "%zu", strlen(areas));
		ec_problem_set(why, "areas.too_long", "priority_areas", "length", length, "max", EC_STR(EC_MATCH_AREAS_MAX),
			       NULL);
		return EC_EDATA;
	}
	for (const char *t = areas; *t;) {
		size_t len = strcspn(t, ";");
		const struct ec_category *c = len ? ec_catalog_find_category(cat, t, len) : NULL;

		ec_value_shown(t, len, value, sizeof value);
		if (c && c->level == 1 && in_list_before(areas, t, len)) {
			ec_problem_set(why, "areas.twice", "priority_areas", "value", value, NULL);
			return EC_EDATA;
		}
		if (!c || c->level != 1) {
			char expected[160] = "";
			size_t n = 0;
			for (size_t i = 0; i < cat->ncategories && n < sizeof expected; i++)
				if (cat->categories[i].level == 1)
					n += (size_t)snprintf(expected + n, sizeof expected - n, "%s%s", n ? ", " : "",
							      cat->categories[i].code);
			if (!len)
				ec_problem_set(why, "areas.empty_item", "priority_areas", "expected", expected, NULL);
			else
				ec_problem_set(why, "areas.unknown", "priority_areas", "value", value, "expected", expected,
					       NULL);
			return EC_EDATA;
		}
		t += len + (t[len] == ';');
	}
	return EC_OK;
}

int ec_match_areas_check(const struct ec_catalog *cat, const char *areas, char *why, size_t size)
{
	struct ec_problem found;
	int rc = ec_match_areas_problem(cat, areas, &found);

	if (rc != EC_OK) {
		ec_problem_english(&found, why, size);
		ec_problem_release(&found);
	}
	return rc;
}

static void copy_code(char *to, const char *from)
{
	size_t n = strnlen(from, EC_PROJECT_CODE_MAX - 1);

	memcpy(to, from, n);
	to[n] = '\0';
}

/* The rules and the score of a pair into m, whose scalar fields are zero;
** the reasons when m->nreasons starts at 0, none when it starts full. */
static void judge(const struct ec_match_input *in, const struct ec_project *p, const struct ec_fund *f, int *coinvest,
		  const struct ec_fund **partner, struct ec_match *m)
{
	const struct ec_match_weights *w = &in->weights;
	int why = m->nreasons == 0;
	char x[40], y[40], z[40];
	double score;

	if (!hard_rules(in, p, f, m, why))
		return;
	if (f->coinvest == EC_COINVEST_REQUIRES_GOVERNMENT && f->type != EC_FUND_GOVERNMENT_GUIDANCE) {
		const struct ec_fund *g;
		if (*coinvest < 0) {
			*partner = government_partner(in, p, f);
			*coinvest = *partner != NULL;
		}
		g = *partner;
		if (!g) {
			if (why)
				m->nreasons = 0;
			m->category_fit = m->region_fit = m->stage_fit = 0;
			REASON(m, "match.no_guidance_fund");
			return;
		}
		REASON(m, "match.coinvest_with|fund=%s", g->code);
	}
	if (m->open_gap <= f->max_ticket + EC_AMOUNT_EPS) {
		m->ticket_fit = 1;
		REASON(m, "match.ticket_within|ticket=%s|min=%s|max=%s", ec_amount_format(m->open_gap, x), ec_amount_format(f->min_ticket, y),
		       ec_amount_format(f->max_ticket, z));
	} else {
		m->ticket_fit = f->max_ticket / m->open_gap;
		REASON(m, "match.ticket_above|ticket=%s|min=%s|max=%s", ec_amount_format(m->open_gap, x), ec_amount_format(f->min_ticket, y),
		       ec_amount_format(f->max_ticket, z));
	}
	m->priority = priority(in, p, m);
	score = (w->category * m->category_fit + w->region * m->region_fit + w->stage * m->stage_fit +
		 w->ticket * m->ticket_fit + w->priority * m->priority) /
		(w->category + w->region + w->stage + w->ticket + w->priority);
	m->score = round(score * 100.0 * 1e6) / 1e6;
	m->eligible = 1;
}

/* Fills m for project pi and fund fi, with the reasons when why. coinvest
** caches, for the project, whether a government guidance fund is eligible
** alongside (-1 unknown, 0, 1) and partner which one: the answer does not
** depend on the fund asking, which is never a government fund itself. */
static void evaluate(const struct ec_match_input *in, size_t pi, size_t fi, int *coinvest,
		     const struct ec_fund **partner, struct ec_match *m, int why)
{
	const struct ec_project *p = &in->projects[pi];
	const struct ec_fund *f = &in->funds[fi];

	/* every field but the reasons past nreasons, which nobody reads */
	m->project = pi;
	m->fund = fi;
	m->eligible = 0;
	m->score = m->category_fit = m->region_fit = m->stage_fit = m->ticket_fit = m->priority = m->open_gap = 0;
	m->nreasons = why ? 0 : EC_MATCH_REASONS;
	judge(in, p, f, coinvest, partner, m);
	if (!why)
		m->nreasons = 0;
	if (why || m->eligible) {
		copy_code(m->project_code, p->code);
		copy_code(m->fund_code, f->code);
	} else {
		m->project_code[0] = m->fund_code[0] = '\0';
	}
}

int ec_match_one(const struct ec_match_input *in, size_t project, size_t fund, struct ec_match *m)
{
	int coinvest = -1;
	const struct ec_fund *partner = NULL;

	if (project >= in->nprojects || fund >= in->nfunds || !weights_valid(&in->weights))
		return EC_EUSAGE;
	evaluate(in, project, fund, &coinvest, &partner, m, 1);
	return EC_OK;
}

int ec_match_quick(const struct ec_match_input *in, size_t project, size_t fund, struct ec_match *m)
{
	int coinvest = -1;
	const struct ec_fund *partner = NULL;

	if (project >= in->nprojects || fund >= in->nfunds || !weights_valid(&in->weights))
		return EC_EUSAGE;
	evaluate(in, project, fund, &coinvest, &partner, m, 0);
	return EC_OK;
}

static int by_score_then_project(const void *a, const void *b)
{
	const struct ec_match *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->project_code, y->project_code);
}

static int by_score_then_fund(const void *a, const void *b)
{
	const struct ec_match *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->fund_code, y->fund_code);
}

int ec_match_for_fund(const struct ec_match_input *in, size_t fund, struct ec_match_list *out)
{
	out->items = NULL;
	out->n = 0;
	if (fund >= in->nfunds || !weights_valid(&in->weights))
		return EC_EUSAGE;
	out->items = ec_malloc((in->nprojects ? in->nprojects : 1) * sizeof *out->items);
	for (size_t i = 0; i < in->nprojects; i++) {
		int coinvest = -1;
		const struct ec_fund *partner = NULL;
		/* the verdict first; the reasons only for the few that pass */
		evaluate(in, i, fund, &coinvest, &partner, &out->items[out->n], 0);
		if (out->items[out->n].eligible)
			evaluate(in, i, fund, &coinvest, &partner, &out->items[out->n++], 1);
	}
	qsort(out->items, out->n, sizeof *out->items, by_score_then_project);
	return EC_OK;
}

int ec_match_for_project(const struct ec_match_input *in, size_t project, struct ec_match_list *out)
{
	int coinvest = -1;
	const struct ec_fund *partner = NULL;

	out->items = NULL;
	out->n = 0;
	if (project >= in->nprojects || !weights_valid(&in->weights))
		return EC_EUSAGE;
	out->items = ec_malloc((in->nfunds ? in->nfunds : 1) * sizeof *out->items);
	for (size_t i = 0; i < in->nfunds; i++) {
		evaluate(in, project, i, &coinvest, &partner, &out->items[out->n], 0);
		if (out->items[out->n].eligible)
			evaluate(in, project, i, &coinvest, &partner, &out->items[out->n++], 1);
	}
	qsort(out->items, out->n, sizeof *out->items, by_score_then_fund);
	return EC_OK;
}
