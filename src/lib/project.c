/*
** This is the implementation of the project library: projects and funds,
** their checks, stage changes, revisions of the total, progress against the
** plan and the alerts it raises. Matching is in match.c.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/problem.h"
#include "echelon/project.h"
#include "echelon/uscc.h"

static const char *const kind_names[EC_NKINDS] = {
	"industrial", "innovation_capability", "industry_city_integration", "application_scenario", "public_service",
	"digital_transformation",
};
static const char *const stage_names[EC_NSTAGES] = {
	"reserve", "preparation", "under_construction", "completed", "cancelled",
};
static const char *const source_names[EC_NSOURCES] = {
	"government_budget", "guidance_fund", "bank_loans", "bonds", "social_capital", "own_funds",
};
static const char *const alert_names[EC_NALERT_KINDS] = { "lagging", "funding_gap", "stalled" };
static const char *const fund_type_names[EC_NFUND_TYPES] = {
	"government_guidance_fund", "bank", "insurance", "vc_pe", "industrial_capital",
};
static const char *const coinvest_names[EC_NCOINVEST] = { "none", "requires_government" };

char *ec_project_kind_names(char *out, size_t size)
{
	return ec_names_join(kind_names, EC_NKINDS, out, size);
}

char *ec_stage_names(char *out, size_t size)
{
	return ec_names_join(stage_names, EC_NSTAGES, out, size);
}

char *ec_fund_type_names(char *out, size_t size)
{
	return ec_names_join(fund_type_names, EC_NFUND_TYPES, out, size);
}

char *ec_coinvest_names(char *out, size_t size)
{
	return ec_names_join(coinvest_names, EC_NCOINVEST, out, size);
}

#define PERIOD_MIN (1900 * 12)
#define PERIOD_MAX (2999 * 12 + 11)
#define CODE_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

static const char *name_of(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "?";
}

int ec_project_kind_parse(const char *s) { return name_index(kind_names, EC_NKINDS, s); }
const char *ec_project_kind_name(enum ec_project_kind k) { return name_of(kind_names, EC_NKINDS, (int)k); }
int ec_stage_parse(const char *s) { return name_index(stage_names, EC_NSTAGES, s); }
const char *ec_stage_name(enum ec_stage s) { return name_of(stage_names, EC_NSTAGES, (int)s); }

int ec_stage_open(enum ec_stage s)
{
	return s != EC_STAGE_COMPLETED && s != EC_STAGE_CANCELLED;
}

int ec_project_filter_match(const struct ec_project_filter *f, const struct ec_project *p)
{
	if (f->stage && strcmp(f->stage, ec_stage_name(p->stage)) != 0)
		return 0;
	if (f->open && !ec_stage_open(p->stage))
		return 0;
	if (f->cluster && strcmp(f->cluster, p->cluster) != 0)
		return 0;
	if (f->region && strncmp(p->region, f->region, strlen(f->region)) != 0)
		return 0;
	if (f->category && !ec_category_within(p->category, f->category))
		return 0;
	if (f->q && !strstr(p->name, f->q) && strncmp(p->code, f->q, strlen(f->q)) != 0)
		return 0;
	return 1;
}
int ec_source_parse(const char *s) { return name_index(source_names, EC_NSOURCES, s); }
const char *ec_source_name(enum ec_source s) { return name_of(source_names, EC_NSOURCES, (int)s); }
const char *ec_alert_kind_name(enum ec_alert_kind k) { return name_of(alert_names, EC_NALERT_KINDS, (int)k); }
int ec_fund_type_parse(const char *s) { return name_index(fund_type_names, EC_NFUND_TYPES, s); }
const char *ec_fund_type_name(enum ec_fund_type t) { return name_of(fund_type_names, EC_NFUND_TYPES, (int)t); }
int ec_coinvest_parse(const char *s) { return name_index(coinvest_names, EC_NCOINVEST, s); }
const char *ec_coinvest_name(enum ec_coinvest c) { return name_of(coinvest_names, EC_NCOINVEST, (int)c); }

char *ec_amount_format(double v, char out[40])
{
	char digits[40];
	const char *frac;
	size_t n, lead, o = 0;
	double rounded = round(v * 100.0) / 100.0;

	if (!isfinite(v)) {
		snprintf(out, 40, "%g", v);
		return out;
	}
	if (fabs(rounded) >= 1e15) {
		snprintf(out, 40, "%.6g", v);
		return out;
	}
	if (rounded == round(rounded))
		snprintf(digits, sizeof digits, "%.0f", fabs(rounded));
	else
		snprintf(digits, sizeof digits, "%.2f", fabs(rounded));
	frac = strchr(digits, '.');
	n = frac ? (size_t)(frac - digits) : strlen(digits);
	if (rounded < 0)
		out[o++] = '-';
	lead = n % 3 ? n % 3 : 3;
	for (size_t i = 0; i < n; i++) {
		if (i >= lead && (i - lead) % 3 == 0)
			out[o++] = ' ';
		out[o++] = digits[i];
	}
	snprintf(out + o, 40 - o, "%s", frac ? frac : "");
	return out;
}

int ec_stage_set_parse(const char *s, unsigned *mask, char *why, size_t size)
{
	unsigned m = 0;

	while (*s) {
		size_t len = strcspn(s, ";");
		int i;
		for (i = 0; i < EC_NSTAGES; i++)
			if (strlen(stage_names[i]) == len && memcmp(stage_names[i], s, len) == 0)
				break;
		if (i == EC_NSTAGES) {
			snprintf(why, size, "'%.*s' is not a stage", (int)(len > 40 ? 40 : len), s);
			return EC_EDATA;
		}
		m |= 1u << i;
		s += len + (s[len] == ';');
	}
	*mask = m;
	return EC_OK;
}

void ec_stage_set_format(unsigned mask, char *out, size_t size)
{
	size_t o = 0;

	if (size)
		out[0] = '\0';
	for (int i = 0; i < EC_NSTAGES; i++) {
		int w;
		if (!(mask & (1u << i)))
			continue;
		w = snprintf(out + o, size - o, "%s%s", o ? ";" : "", stage_names[i]);
		if (w < 0 || (size_t)w >= size - o)
			return;
		o += (size_t)w;
	}
}

void ec_project_init(struct ec_project *p)
{
	memset(p, 0, sizeof *p);
	p->kind = EC_KIND_INDUSTRIAL;
	p->stage = EC_STAGE_RESERVE;
}

void ec_project_release(struct ec_project *p)
{
	free(p->plan);
	free(p->completed);
	free(p->revisions);
	p->plan = NULL;
	p->completed = NULL;
	p->revisions = NULL;
	p->nplan = p->ncompleted = p->nrevisions = 0;
}

static int period_valid(int period)
{
	return period >= PERIOD_MIN && period <= PERIOD_MAX;
}

static const char *period_text(int period, char out[8])
{
	if (period_valid(period))
		ec_period_format(period, out);
	else
		snprintf(out, 8, "?");
	return out;
}

/* A code of 1..31 letters, digits or - _ . */
static int check_code(const char *code, const char *field, struct ec_problem *why)
{
	size_t n = strnlen(code, EC_PROJECT_CODE_MAX);
	char value[48];

	if (n == 0 || n >= EC_PROJECT_CODE_MAX || strspn(code, CODE_CHARS) != n) {
		ec_problem_set(why, "code.invalid", field, "value", ec_value_shown(code, n, value, sizeof value), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

static int check_name(const char *name, struct ec_problem *why)
{
	size_t n = strnlen(name, EC_PROJECT_NAME_MAX);
	char at[24];

	if (n == 0) {
		ec_problem_set(why, "field.empty", "name", NULL);
		return EC_EDATA;
	}
	if (n >= EC_PROJECT_NAME_MAX) {
		snprintf(at, sizeof at, "%d", EC_PROJECT_NAME_MAX - 1);
		ec_problem_set(why, "field.too_long", "name", "max", at, NULL);
		return EC_EDATA;
	}
	if (ec_utf8_check(name, n)) {
		snprintf(at, sizeof at, "%zu", ec_utf8_check(name, n));
		ec_problem_set(why, "field.utf8", "name", "byte", at, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

static int check_amount(double v, int positive, const char *field, struct ec_problem *why)
{
	char a[40];

	if (!isfinite(v)) {
		snprintf(a, sizeof a, "%g", v);
		ec_problem_set(why, "number.not_finite", field, "value", a, NULL);
		return EC_EDATA;
	}
	if (positive ? v <= 0 : v < 0) {
		ec_problem_set(why, positive ? "amount.positive" : "amount.negative", field, "value",
			       ec_amount_format(v, a), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

static double funding_sum(const struct ec_project *p)
{
	double sum = 0;

	for (int s = 0; s < EC_NSOURCES; s++)
		sum += p->funding[s];
	return sum;
}

static int check_plan(const struct ec_project *p, const struct ec_plan_point *pts, size_t n, struct ec_problem *why)
{
	char a[8], b[8], c[8], x[32], y[32];

	for (size_t i = 0; i < n; i++) {
		const struct ec_plan_point *pt = &pts[i];
		if (pt->period < p->start || pt->period > p->end) {
			ec_problem_set(why, "plan.outside", "plan", "month", period_text(pt->period, a), "start",
				       period_text(p->start, b), "end", period_text(p->end, c), NULL);
			return EC_EDATA;
		}
		if (i && pt->period <= pts[i - 1].period) {
			ec_problem_set(why, "month.order", "plan", "month", period_text(pt->period, a), "previous",
				       period_text(pts[i - 1].period, b), NULL);
			return EC_EDATA;
		}
		if (!isfinite(pt->share) || pt->share < 0 || pt->share > 1) {
			snprintf(x, sizeof x, "%g", pt->share);
			ec_problem_set(why, "plan.share", "plan", "month", period_text(pt->period, a), "share", x, NULL);
			return EC_EDATA;
		}
		if (i && pt->share < pts[i - 1].share) {
			snprintf(x, sizeof x, "%g", pt->share);
			snprintf(y, sizeof y, "%g", pts[i - 1].share);
			ec_problem_set(why, "plan.decreasing", "plan", "month", period_text(pt->period, a), "share", x,
				       "previous", y, NULL);
			return EC_EDATA;
		}
	}
	if (n && fabs(pts[n - 1].share - 1.0) > 1e-9) {
		snprintf(x, sizeof x, "%g", pts[n - 1].share);
		ec_problem_set(why, "plan.last", "plan", "month", period_text(pts[n - 1].period, a), "share", x, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

/* The total in force in a month, given the revisions and the current total. */
static double total_at(const struct ec_revision *rev, size_t nrev, double current, int period)
{
	double total;

	if (nrev == 0)
		return current;
	total = rev[0].old_total;
	for (size_t i = 0; i < nrev && rev[i].period <= period; i++)
		total = rev[i].new_total;
	return total;
}

double ec_project_total_at(const struct ec_project *p, int period)
{
	return total_at(p->revisions, p->nrevisions, p->total_investment, period);
}

/* Checks the completed months against the totals in force. */
static int check_completed(const struct ec_month_amount *c, size_t n, const struct ec_revision *rev, size_t nrev,
			   double current, struct ec_problem *why)
{
	char a[8], b[8], x[40], y[40], entry[24];
	double cumulative = 0;

	for (size_t i = 0; i < n; i++) {
		double total;
		if (!period_valid(c[i].period)) {
			snprintf(entry, sizeof entry, "%zu", i + 1);
			ec_problem_set(why, "completed.month", "completed", "entry", entry, NULL);
			return EC_EDATA;
		}
		if (i && c[i].period <= c[i - 1].period) {
			ec_problem_set(why, "month.order", "completed", "month", period_text(c[i].period, a), "previous",
				       period_text(c[i - 1].period, b), NULL);
			return EC_EDATA;
		}
		if (!isfinite(c[i].amount) || c[i].amount < 0) {
			ec_problem_set(why, "completed.amount", "completed", "month", period_text(c[i].period, a), "amount",
				       ec_amount_format(c[i].amount, x), NULL);
			return EC_EDATA;
		}
		cumulative += c[i].amount;
		total = total_at(rev, nrev, current, c[i].period);
		if (cumulative > total + EC_AMOUNT_EPS) {
			ec_problem_set(why, "completed.over_total", "completed", "month", period_text(c[i].period, a),
				       "cumulative", ec_amount_format(cumulative, x), "total", ec_amount_format(total, y),
				       NULL);
			return EC_EDATA;
		}
	}
	return EC_OK;
}

static int check_revisions(const struct ec_project *p, struct ec_problem *why)
{
	char a[8], x[40], y[40], entry[24];

	for (size_t i = 0; i < p->nrevisions; i++) {
		const struct ec_revision *r = &p->revisions[i];
		snprintf(entry, sizeof entry, "%zu", i + 1);
		if (!period_valid(r->period)) {
			ec_problem_set(why, "revision.month", "revisions", "entry", entry, NULL);
			return EC_EDATA;
		}
		if (i && r->period < p->revisions[i - 1].period) {
			ec_problem_set(why, "revision.order", "revisions", "entry", entry, "month", period_text(r->period, a),
				       NULL);
			return EC_EDATA;
		}
		if (!isfinite(r->old_total) || !isfinite(r->new_total) || r->old_total <= 0 || r->new_total <= 0) {
			ec_problem_set(why, "revision.positive", "revisions", "entry", entry, NULL);
			return EC_EDATA;
		}
		if (i && fabs(r->old_total - p->revisions[i - 1].new_total) > EC_AMOUNT_EPS) {
			ec_problem_set(why, "revision.chain", "revisions", "entry", entry, "old",
				       ec_amount_format(r->old_total, x), "before",
				       ec_amount_format(p->revisions[i - 1].new_total, y), NULL);
			return EC_EDATA;
		}
	}
	if (p->nrevisions &&
	    fabs(p->revisions[p->nrevisions - 1].new_total - p->total_investment) > EC_AMOUNT_EPS) {
		ec_problem_set(why, "revision.last", "revisions", "last",
			       ec_amount_format(p->revisions[p->nrevisions - 1].new_total, x), "total",
			       ec_amount_format(p->total_investment, y), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

/* A list of n items (plan points, revisions, months) that has none. */
static int check_given(const void *list, size_t n, const char *field, struct ec_problem *why)
{
	char count[24];

	if (n && !list) {
		snprintf(count, sizeof count, "%zu", n);
		ec_problem_set(why, "list.missing", field, "count", count, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_project_check(const struct ec_project *p, const struct ec_catalog *cat, struct ec_problem *why)
{
	static const char *const funding_fields[EC_NSOURCES] = {
		"funding_government_budget", "funding_guidance_fund", "funding_bank_loans",
		"funding_bonds",             "funding_social_capital", "funding_own_funds",
	};
	struct ec_uscc_result ur;
	char a[8], b[8], x[40], y[40], value[48];
	size_t n;
	double sum;

	if (check_code(p->code, "code", why) || check_name(p->name, why))
		return EC_EDATA;
	n = strnlen(p->owner, sizeof p->owner);
	if (ec_uscc_check(p->owner, n, &ur)) {
		ec_uscc_problem(&ur, p->owner, n, "owner", why);
		return EC_EDATA;
	}
	n = strnlen(p->category, sizeof p->category);
	if (n == 0 || n == sizeof p->category || !ec_catalog_find_category(cat, p->category, n)) {
		ec_problem_set(why, n ? "category.unknown" : "field.empty", "category", "value",
			       ec_value_shown(p->category, n, value, sizeof value), NULL);
		return EC_EDATA;
	}
	if (p->cluster[0] && check_code(p->cluster, "cluster", why))
		return EC_EDATA;
	n = strnlen(p->region, sizeof p->region);
	if (n == sizeof p->region || !ec_catalog_resolve_region(cat, p->region, n)) {
		ec_problem_set(why, n ? "region.unknown" : "field.empty", "region", "value",
			       ec_value_shown(p->region, n, value, sizeof value), NULL);
		return EC_EDATA;
	}
	if ((int)p->kind < 0 || p->kind >= EC_NKINDS) {
		char names[160];
		ec_problem_set(why, "field.choice", "kind", "expected", ec_project_kind_names(names, sizeof names), NULL);
		return EC_EDATA;
	}
	if (check_amount(p->total_investment, 1, "total_investment", why))
		return EC_EDATA;
	if (!period_valid(p->start)) {
		ec_problem_set(why, "month.invalid", "start", NULL);
		return EC_EDATA;
	}
	if (!period_valid(p->end)) {
		ec_problem_set(why, "month.invalid", "end", NULL);
		return EC_EDATA;
	}
	if (p->end < p->start) {
		ec_problem_set(why, "project.end_before_start", "end", "end", period_text(p->end, a), "start",
			       period_text(p->start, b), NULL);
		return EC_EDATA;
	}
	if ((int)p->stage < 0 || p->stage >= EC_NSTAGES) {
		char names[160];
		ec_problem_set(why, "field.choice", "stage", "expected", ec_stage_names(names, sizeof names), NULL);
		return EC_EDATA;
	}
	for (int s = 0; s < EC_NSOURCES; s++)
		if (check_amount(p->funding[s], 0, funding_fields[s], why))
			return EC_EDATA;
	sum = funding_sum(p);
	if (sum > p->total_investment + EC_AMOUNT_EPS) {
		ec_problem_set(why, "project.funding_over", "funding", "sum", ec_amount_format(sum, x), "total",
			       ec_amount_format(p->total_investment, y), NULL);
		return EC_EDATA;
	}
	if (check_amount(p->land_mu, 0, "land_mu", why) || check_amount(p->energy_tce, 0, "energy_tce", why) ||
	    check_given(p->plan, p->nplan, "plan", why) || check_plan(p, p->plan, p->nplan, why) ||
	    check_given(p->revisions, p->nrevisions, "revisions", why) || check_revisions(p, why) ||
	    check_given(p->completed, p->ncompleted, "completed", why) ||
	    check_completed(p->completed, p->ncompleted, p->revisions, p->nrevisions, p->total_investment, why))
		return EC_EDATA;
	return EC_OK;
}

int ec_project_set_plan(struct ec_project *p, const struct ec_plan_point *points, size_t n, struct ec_problem *why)
{
	struct ec_plan_point *copy = NULL;

	if (check_plan(p, points, n, why))
		return EC_EDATA;
	if (n) {
		copy = ec_malloc(n * sizeof *copy);
		memcpy(copy, points, n * sizeof *copy);
	}
	free(p->plan);
	p->plan = copy;
	p->nplan = n;
	return EC_OK;
}

int ec_project_record_completed(struct ec_project *p, int period, double amount, struct ec_problem *why)
{
	struct ec_month_amount *next;
	size_t at = 0, n = p->ncompleted;
	int replace;
	char a[8], x[40];

	if (!period_valid(period)) {
		ec_problem_set(why, "month.invalid", "completed", NULL);
		return EC_EDATA;
	}
	if (!isfinite(amount) || amount < 0) {
		ec_problem_set(why, "completed.amount", "completed", "month", period_text(period, a), "amount",
			       ec_amount_format(amount, x), NULL);
		return EC_EDATA;
	}
	while (at < n && p->completed[at].period < period)
		at++;
	replace = at < n && p->completed[at].period == period;
	/* Build the new list aside, check it, then swap it in. */
	next = ec_malloc((n + 1) * sizeof *next);
	if (at)
		memcpy(next, p->completed, at * sizeof *next);
	next[at].period = period;
	next[at].amount = amount;
	if (n > at + (size_t)replace)
		memcpy(next + at + 1, p->completed + at + replace, (n - at - (size_t)replace) * sizeof *next);
	n = n + 1 - (size_t)replace;
	if (check_completed(next, n, p->revisions, p->nrevisions, p->total_investment, why)) {
		free(next);
		return EC_EDATA;
	}
	free(p->completed);
	p->completed = next;
	p->ncompleted = n;
	return EC_OK;
}

int ec_project_revise_total(struct ec_project *p, int period, double new_total, const char *reason,
			    struct ec_problem *why)
{
	struct ec_revision *r;
	double cumulative, sum;
	char a[8], b[8], x[40], y[40];

	if (!period_valid(period)) {
		ec_problem_set(why, "month.invalid", "total_investment", NULL);
		return EC_EDATA;
	}
	if (!isfinite(new_total) || new_total <= 0) {
		ec_problem_set(why, "revision.new_positive", "total_investment", "value", ec_amount_format(new_total, x),
			       NULL);
		return EC_EDATA;
	}
	if (p->nrevisions && period < p->revisions[p->nrevisions - 1].period) {
		ec_problem_set(why, "revision.before_last", "total_investment", "month", period_text(period, a), "last",
			       period_text(p->revisions[p->nrevisions - 1].period, b), NULL);
		return EC_EDATA;
	}
	cumulative = ec_project_cumulative(p, PERIOD_MAX);
	if (new_total < cumulative - EC_AMOUNT_EPS) {
		ec_problem_set(why, "revision.below_completed", "total_investment", "value", ec_amount_format(new_total, x),
			       "completed", ec_amount_format(cumulative, y), NULL);
		return EC_EDATA;
	}
	sum = funding_sum(p);
	if (new_total < sum - EC_AMOUNT_EPS) {
		ec_problem_set(why, "revision.below_funding", "total_investment", "value", ec_amount_format(new_total, x),
			       "funding", ec_amount_format(sum, y), NULL);
		return EC_EDATA;
	}
	p->revisions = ec_realloc(p->revisions, (p->nrevisions + 1) * sizeof *p->revisions);
	r = &p->revisions[p->nrevisions++];
	memset(r, 0, sizeof *r);
	r->period = period;
	r->old_total = p->total_investment;
	r->new_total = new_total;
	snprintf(r->reason, sizeof r->reason, "%s", reason ? reason : "");
	p->total_investment = new_total;
	return EC_OK;
}

double ec_project_cumulative(const struct ec_project *p, int period)
{
	double sum = 0;

	for (size_t i = 0; i < p->ncompleted && p->completed[i].period <= period; i++)
		sum += p->completed[i].amount;
	return sum;
}

double ec_project_funding_gap(const struct ec_project *p)
{
	double gap = p->total_investment - funding_sum(p);

	return gap > EC_AMOUNT_EPS ? gap : 0;
}

void ec_project_source_gaps(const struct ec_project *p, int period, double gap[EC_NSOURCES])
{
	double total = p->total_investment, left = total - ec_project_cumulative(p, period);

	for (int s = 0; s < EC_NSOURCES; s++)
		gap[s] = 0;
	if (!(total > 0) || !(left > 0))
		return;
	/* in this order, operation by operation, in bench/allocate/match.sql */
	for (int s = 0; s < EC_NSOURCES; s++)
		gap[s] = left * p->funding[s] / total;
	gap[EC_SRC_SOCIAL_CAPITAL] += left * ec_project_funding_gap(p) / total;
}

int ec_project_stage_problem(enum ec_stage from, enum ec_stage to, const struct ec_project *p,
			     struct ec_problem *why)
{
	char x[40], y[40], share[16];

	if ((int)from < 0 || from >= EC_NSTAGES || (int)to < 0 || to >= EC_NSTAGES) {
		ec_problem_set(why, "stage.unknown", "stage", NULL);
		return EC_EDATA;
	}
	if (from == to)
		return EC_OK;
	if (from == EC_STAGE_COMPLETED || from == EC_STAGE_CANCELLED) {
		ec_problem_set(why, "stage.final", "stage", "from", stage_names[from], "to", stage_names[to], NULL);
		return EC_EDATA;
	}
	if (to == EC_STAGE_CANCELLED)
		return EC_OK;
	if (!((from == EC_STAGE_RESERVE && to == EC_STAGE_PREPARATION) ||
	      (from == EC_STAGE_PREPARATION && to == EC_STAGE_UNDER_CONSTRUCTION) ||
	      (from == EC_STAGE_PREPARATION && to == EC_STAGE_RESERVE) ||
	      (from == EC_STAGE_UNDER_CONSTRUCTION && to == EC_STAGE_COMPLETED))) {
		ec_problem_set(why, "stage.move", "stage", "from", stage_names[from], "to", stage_names[to], NULL);
		return EC_EDATA;
	}
	if (to == EC_STAGE_COMPLETED) {
		double cumulative;
		if (!p) {
			ec_problem_set(why, "stage.need_project", "stage", NULL);
			return EC_EUSAGE;
		}
		cumulative = ec_project_cumulative(p, PERIOD_MAX);
		if (!(p->total_investment > 0) ||
		    cumulative < EC_COMPLETION_MIN_SHARE * p->total_investment - EC_AMOUNT_EPS) {
			snprintf(share, sizeof share, "%.0f", EC_COMPLETION_MIN_SHARE * 100);
			ec_problem_set(why, "stage.completion", "stage", "completed", ec_amount_format(cumulative, x),
				       "share", share, "total", ec_amount_format(p->total_investment, y), NULL);
			return EC_EDATA;
		}
	}
	return EC_OK;
}

int ec_project_stage_check(enum ec_stage from, enum ec_stage to, const struct ec_project *p, char *why,
			   size_t size)
{
	struct ec_problem found;
	int rc = ec_project_stage_problem(from, to, p, &found);

	if (rc != EC_OK) {
		ec_problem_english(&found, why, size);
		ec_problem_release(&found);
	}
	return rc;
}

/* The planned share at the end of a month. */
static double planned_share(const struct ec_project *p, int period)
{
	double share = 0;

	if (p->nplan) {
		for (size_t i = 0; i < p->nplan && p->plan[i].period <= period; i++)
			share = p->plan[i].share;
		return share;
	}
	if (period < p->start)
		return 0;
	if (period >= p->end)
		return 1;
	return (double)(period - p->start + 1) / (double)(p->end - p->start + 1);
}

int ec_project_progress(const struct ec_project *p, int period, struct ec_progress *out)
{
	int last = p->start - 1;

	memset(out, 0, sizeof *out);
	out->period = period;
	out->total = ec_project_total_at(p, period);
	if (!(out->total > 0))
		return EC_EUSAGE;
	out->cumulative = ec_project_cumulative(p, period);
	out->completion = out->cumulative / out->total;
	out->planned = planned_share(p, period);
	out->lag_pp = (out->planned - out->completion) * 100.0;
	for (size_t i = 0; i < p->ncompleted && p->completed[i].period <= period; i++)
		if (p->completed[i].amount > 0 && p->completed[i].period > last)
			last = p->completed[i].period;
	out->idle_months = period > last ? period - last : 0;
	return EC_OK;
}

void ec_progress_series_release(struct ec_progress_series *s)
{
	free(s->items);
	s->items = NULL;
	s->n = 0;
}

int ec_project_progress_series(const struct ec_project *p, struct ec_progress_series *out)
{
	struct ec_progress_month *items;
	int first = p->start, last = p->end;
	size_t n;

	out->items = NULL;
	out->n = 0;
	if (!period_valid(p->start) || !period_valid(p->end) || p->end < p->start || (p->ncompleted && !p->completed))
		return EC_EUSAGE;
	for (size_t i = 0; i < p->ncompleted; i++)
		if (!period_valid(p->completed[i].period) || (i && p->completed[i].period <= p->completed[i - 1].period))
			return EC_EUSAGE;
	if (p->ncompleted && p->completed[0].period < first)
		first = p->completed[0].period;
	if (p->ncompleted && p->completed[p->ncompleted - 1].period > last)
		last = p->completed[p->ncompleted - 1].period;
	n = (size_t)(last - first) + 1;
	if (n > EC_PROGRESS_SERIES_MAX)
		return EC_EUSAGE;
	items = ec_malloc(n * sizeof *items);
	for (size_t i = 0; i < n; i++) {
		struct ec_progress pr;
		if (ec_project_progress(p, first + (int)i, &pr) != EC_OK) {
			free(items);
			return EC_EUSAGE;
		}
		items[i].period = pr.period;
		items[i].planned_pct = pr.planned * 100;
		items[i].cumulative = pr.cumulative;
		items[i].completion_pct = pr.completion * 100;
		items[i].total = pr.total;
	}
	out->items = items;
	out->n = n;
	return EC_OK;
}

void ec_alert_params_default(struct ec_alert_params *ap)
{
	ap->lag_threshold_pp = EC_LAG_THRESHOLD_DEFAULT;
	ap->stall_months = EC_STALL_MONTHS_DEFAULT;
}

void ec_alert_list_init(struct ec_alert_list *l)
{
	memset(l, 0, sizeof *l);
}

void ec_alert_list_release(struct ec_alert_list *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

static struct ec_alert *alert_add(struct ec_alert_list *l, enum ec_alert_kind kind, const struct ec_project *p,
				  int period, double value)
{
	struct ec_alert *a;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = ec_realloc(l->items, l->cap * sizeof *l->items);
	}
	a = &l->items[l->n++];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	snprintf(a->project, sizeof a->project, "%s", p->code);
	a->period = period;
	a->value = value;
	return a;
}

int ec_project_alerts(const struct ec_project *p, int period, const struct ec_alert_params *ap,
		      struct ec_alert_list *l)
{
	struct ec_alert_params defaults;
	struct ec_progress pr;
	struct ec_alert *a;
	char m[8], x[40], y[40], z[40];
	double gap;

	if (!ap) {
		ec_alert_params_default(&defaults);
		ap = &defaults;
	}
	if (!(ap->lag_threshold_pp > 0 && ap->lag_threshold_pp <= 100) || ap->stall_months < 1)
		return EC_EUSAGE;
	if (ec_project_progress(p, period, &pr))
		return EC_EUSAGE;
	if (!ec_stage_open(p->stage))
		return EC_OK;
	period_text(period, m);
	if ((p->stage == EC_STAGE_PREPARATION || p->stage == EC_STAGE_UNDER_CONSTRUCTION) &&
	    pr.lag_pp >= ap->lag_threshold_pp - 1e-9) {
		a = alert_add(l, EC_ALERT_LAGGING, p, period, pr.lag_pp);
		snprintf(a->message, sizeof a->message,
			 "alert.lagging|project=%s|planned=%.1f|month=%s|completion=%.1f|lag=%.1f|threshold=%.1f", p->code,
			 pr.planned * 100, m, pr.completion * 100, pr.lag_pp, ap->lag_threshold_pp);
	}
	gap = ec_project_funding_gap(p);
	if (gap > 0) {
		a = alert_add(l, EC_ALERT_FUNDING_GAP, p, period, gap);
		snprintf(a->message, sizeof a->message, "alert.funding_gap|project=%s|plan=%s|total=%s|gap=%s", p->code,
			 ec_amount_format(funding_sum(p), x), ec_amount_format(p->total_investment, y),
			 ec_amount_format(gap, z));
	}
	if (p->stage == EC_STAGE_UNDER_CONSTRUCTION && pr.idle_months >= ap->stall_months) {
		a = alert_add(l, EC_ALERT_STALLED, p, period, pr.idle_months);
		snprintf(a->message, sizeof a->message,
			 "alert.stalled|project=%s|months=%d|month=%s|threshold=%d", p->code, pr.idle_months,
			 m, ap->stall_months);
	}
	return EC_OK;
}

void ec_fund_init(struct ec_fund *f)
{
	memset(f, 0, sizeof *f);
	f->type = EC_FUND_GOVERNMENT_GUIDANCE;
	f->max_share = 1.0;
	f->coinvest = EC_COINVEST_NONE;
}

enum ec_source ec_fund_source(enum ec_fund_type t)
{
	switch (t) {
	case EC_FUND_GOVERNMENT_GUIDANCE:
		return EC_SRC_GUIDANCE_FUND;
	case EC_FUND_BANK:
		return EC_SRC_BANK_LOANS;
	case EC_FUND_INSURANCE:
		return EC_SRC_BONDS;
	case EC_FUND_VC_PE:
	case EC_FUND_INDUSTRIAL_CAPITAL:
	default:
		return EC_SRC_SOCIAL_CAPITAL;
	}
}

/* A region prefix of a fund: 2, 4 or 6 digits whose region is in the
** catalogue ("31" -> 310000, "3101" -> 310100, "310115" as is). */
static int region_prefix_known(const struct ec_catalog *cat, const char *s, size_t len)
{
	char code[7];

	if (len != 2 && len != 4 && len != 6)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	memcpy(code, s, len);
	for (size_t i = len; i < 6; i++)
		code[i] = '0';
	code[6] = '\0';
	return ec_catalog_find_region(cat, code, 6) != NULL;
}

int ec_fund_check(const struct ec_fund *f, const struct ec_catalog *cat, struct ec_problem *why)
{
	const char *p;
	char x[40], y[40], value[48];

	if (check_code(f->code, "code", why) || check_name(f->name, why))
		return EC_EDATA;
	if ((int)f->type < 0 || f->type >= EC_NFUND_TYPES) {
		char names[160];
		ec_problem_set(why, "field.choice", "type", "expected", ec_fund_type_names(names, sizeof names), NULL);
		return EC_EDATA;
	}
	if (check_amount(f->capital, 1, "capital", why))
		return EC_EDATA;
	if (strnlen(f->categories, sizeof f->categories) == sizeof f->categories) {
		snprintf(x, sizeof x, "%zu", sizeof f->categories - 1);
		ec_problem_set(why, "field.too_long", "categories", "max", x, NULL);
		return EC_EDATA;
	}
	for (p = f->categories; *p;) {
		size_t len = strcspn(p, ";");
		if (!ec_catalog_find_category(cat, p, len)) {
			ec_problem_set(why, "category.unknown", "categories", "value",
				       ec_value_shown(p, len > 15 ? 15 : len, value, sizeof value), NULL);
			return EC_EDATA;
		}
		p += len + (p[len] == ';');
	}
	if (strnlen(f->regions, sizeof f->regions) == sizeof f->regions) {
		snprintf(x, sizeof x, "%zu", sizeof f->regions - 1);
		ec_problem_set(why, "field.too_long", "regions", "max", x, NULL);
		return EC_EDATA;
	}
	for (p = f->regions; *p;) {
		size_t len = strcspn(p, ";");
		if (!region_prefix_known(cat, p, len)) {
			ec_problem_set(why, "region.prefix", "regions", "value",
				       ec_value_shown(p, len > 12 ? 12 : len, value, sizeof value), NULL);
			return EC_EDATA;
		}
		p += len + (p[len] == ';');
	}
	if (f->stages & ~((1u << EC_NSTAGES) - 1)) {
		ec_problem_set(why, "stage.unknown", "stages", NULL);
		return EC_EDATA;
	}
	if (f->stages & ((1u << EC_STAGE_COMPLETED) | (1u << EC_STAGE_CANCELLED))) {
		ec_problem_set(why, "fund.closed_stages", "stages", NULL);
		return EC_EDATA;
	}
	if (check_amount(f->min_ticket, 1, "min_ticket", why) || check_amount(f->max_ticket, 1, "max_ticket", why))
		return EC_EDATA;
	if (f->max_ticket < f->min_ticket) {
		ec_problem_set(why, "fund.tickets", "max_ticket", "max", ec_amount_format(f->max_ticket, x), "min",
			       ec_amount_format(f->min_ticket, y), NULL);
		return EC_EDATA;
	}
	if (!isfinite(f->max_share) || f->max_share <= 0 || f->max_share > 1) {
		snprintf(x, sizeof x, "%g", f->max_share);
		ec_problem_set(why, "fund.max_share", "max_share", "value", x, NULL);
		return EC_EDATA;
	}
	if (f->min_digital_level < 0 || f->min_digital_level > EC_FUND_DIGITAL_LEVEL_MAX) {
		snprintf(x, sizeof x, "%d", f->min_digital_level);
		snprintf(y, sizeof y, "%d", EC_FUND_DIGITAL_LEVEL_MAX);
		ec_problem_set(why, "number.range", "min_digital_level", "value", x, "min", "0", "max", y, NULL);
		return EC_EDATA;
	}
	if ((int)f->coinvest < 0 || f->coinvest >= EC_NCOINVEST) {
		char names[160];
		ec_problem_set(why, "field.choice", "coinvest", "expected", ec_coinvest_names(names, sizeof names), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}
