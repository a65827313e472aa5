/*
** This is the implementation of application scenarios' domain: the names,
** the checks of a scenario and an application, the one table of the status
** machine, the review's weighted scores and ranking, and the fit of an
** enterprise to a scenario. The formulas are in docs/methods.md
** ("Application scenarios").
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/cluster.h"
#include "echelon/incentive.h"
#include "echelon/project.h"
#include "echelon/scenario.h"
#include "echelon/uscc.h"

#define CODE_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
#define NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"

static const char *const status_names[EC_SCN_NSTATUS] = {
	"draft", "open", "review", "selected", "completed", "closed", "withdrawn",
};

static const char *const kind_names[EC_SCN_NKINDS] = { "government", "enterprise", "supply" };

static int name_index(const char *const *names, int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *ec_scenario_status_name(enum ec_scenario_status s)
{
	return (int)s >= 0 && s < EC_SCN_NSTATUS ? status_names[s] : "?";
}

int ec_scenario_status_parse(const char *name)
{
	return name_index(status_names, EC_SCN_NSTATUS, name);
}

const char *ec_scenario_kind_name(enum ec_scenario_kind k)
{
	return (int)k >= 0 && k < EC_SCN_NKINDS ? kind_names[k] : "?";
}

int ec_scenario_kind_parse(const char *name)
{
	return name_index(kind_names, EC_SCN_NKINDS, name);
}

const char *ec_application_state_name(enum ec_application_state s)
{
	return s == EC_APP_SUBMITTED ? "submitted" : s == EC_APP_WITHDRAWN ? "withdrawn" : "?";
}

void ec_scenario_init(struct ec_scenario *s)
{
	memset(s, 0, sizeof *s);
	s->budget = NAN;
	s->kind = EC_SCN_GOVERNMENT;
	s->status = EC_SCN_DRAFT;
	snprintf(s->criteria, sizeof s->criteria, "%s", EC_SCN_DEFAULT_CRITERIA);
}

/* The machine, the one place it is written: allowed[from] is the set of
** statuses reachable in one step. A draft opens (with its batch) or is
** withdrawn; an open call goes to review, closes without selection or is
** withdrawn; a review selects or closes; a selected scenario completes.
** Completed, closed and withdrawn are final. */
#define BIT(s) (1u << (s))
static const unsigned allowed[EC_SCN_NSTATUS] = {
	[EC_SCN_DRAFT] = BIT(EC_SCN_OPEN) | BIT(EC_SCN_WITHDRAWN),
	[EC_SCN_OPEN] = BIT(EC_SCN_REVIEW) | BIT(EC_SCN_CLOSED) | BIT(EC_SCN_WITHDRAWN),
	[EC_SCN_REVIEW] = BIT(EC_SCN_SELECTED) | BIT(EC_SCN_CLOSED),
	[EC_SCN_SELECTED] = BIT(EC_SCN_COMPLETED),
	[EC_SCN_COMPLETED] = 0,
	[EC_SCN_CLOSED] = 0,
	[EC_SCN_WITHDRAWN] = 0,
};

int ec_scenario_transition_allowed(enum ec_scenario_status from, enum ec_scenario_status to)
{
	if ((int)from < 0 || from >= EC_SCN_NSTATUS || (int)to < 0 || to >= EC_SCN_NSTATUS)
		return 0;
	return (allowed[from] & BIT(to)) != 0;
}

int ec_scenario_transition_check(enum ec_scenario_status from, enum ec_scenario_status to, struct ec_problem *p)
{
	if (ec_scenario_transition_allowed(from, to))
		return EC_OK;
	ec_problem_set(p, "scenario.transition", "status", "from_scenario_status", ec_scenario_status_name(from),
		       "scenario_status", ec_scenario_status_name(to), NULL);
	return EC_EDATA;
}

static int check_text(const char *text, size_t size, int required, const char *field, struct ec_problem *why)
{
	size_t n = strnlen(text, size);
	char at[24];

	if (required && n == 0) {
		ec_problem_set(why, "field.empty", field, NULL);
		return EC_EDATA;
	}
	if (n >= size) {
		snprintf(at, sizeof at, "%zu", size - 1);
		ec_problem_set(why, "field.too_long", field, "max", at, NULL);
		return EC_EDATA;
	}
	if (ec_utf8_check(text, n)) {
		snprintf(at, sizeof at, "%zu", ec_utf8_check(text, n));
		ec_problem_set(why, "field.utf8", field, "byte", at, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_scenario_date_valid(const char *s)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || strspn(s, "0123456789-") != 10)
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

int ec_scenario_check(const struct ec_scenario *s, const struct ec_catalog *cat, struct ec_problem *why)
{
	struct ec_scenario_criterion crit[EC_SCN_CRITERIA];
	char value[48], names[64], a[40];
	size_t n, ncrit;

	n = strnlen(s->code, sizeof s->code);
	if (n == 0 || n >= sizeof s->code || strspn(s->code, CODE_CHARS) != n) {
		ec_problem_set(why, "code.invalid", "code", "value", ec_value_shown(s->code, n, value, sizeof value), NULL);
		return EC_EDATA;
	}
	if (check_text(s->title, sizeof s->title, 1, "title", why) ||
	    check_text(s->description, sizeof s->description, 0, "description", why) ||
	    check_text(s->mode, sizeof s->mode, 0, "mode", why) || check_text(s->contact, sizeof s->contact, 0, "contact", why))
		return EC_EDATA;
	if ((int)s->kind < 0 || s->kind >= EC_SCN_NKINDS) {
		snprintf(names, sizeof names, "government, enterprise or supply");
		ec_problem_set(why, "field.choice", "kind", "expected", names, NULL);
		return EC_EDATA;
	}
	n = strnlen(s->category, sizeof s->category);
	if (n == 0 || n == sizeof s->category || !ec_catalog_find_category(cat, s->category, n)) {
		ec_problem_set(why, n ? "category.unknown" : "field.empty", "category", "value",
			       ec_value_shown(s->category, n, value, sizeof value), NULL);
		return EC_EDATA;
	}
	n = strnlen(s->region, sizeof s->region);
	if (n == 0 || n == sizeof s->region || !ec_catalog_resolve_region(cat, s->region, n)) {
		ec_problem_set(why, n ? "region.unknown" : "field.empty", "region", "value",
			       ec_value_shown(s->region, n, value, sizeof value), NULL);
		return EC_EDATA;
	}
	if (!isnan(s->budget) && (!isfinite(s->budget) || s->budget <= 0)) {
		if (isfinite(s->budget))
			ec_amount_format(s->budget, a);
		else
			snprintf(a, sizeof a, "%g", s->budget);
		ec_problem_set(why, isfinite(s->budget) ? "amount.positive" : "number.not_finite", "budget", "value", a,
			       NULL);
		return EC_EDATA;
	}
	if (!ec_scenario_date_valid(s->deadline)) {
		n = strnlen(s->deadline, sizeof s->deadline);
		ec_problem_set(why, "date.invalid", "deadline", "value", ec_value_shown(s->deadline, n, value, sizeof value),
			       NULL);
		return EC_EDATA;
	}
	if ((int)s->status < 0 || s->status >= EC_SCN_NSTATUS) {
		ec_problem_set(why, "field.choice", "status", "expected",
			       "draft, open, review, selected, completed, closed or withdrawn", NULL);
		return EC_EDATA;
	}
	return ec_scenario_criteria_parse(s->criteria, crit, &ncrit, why);
}

int ec_scenario_criteria_parse(const char *text, struct ec_scenario_criterion out[EC_SCN_CRITERIA], size_t *n,
			       struct ec_problem *p)
{
	const char *at = text;
	char value[48], sum_text[32];
	double sum = 0;

	*n = 0;
	if (!*text) {
		ec_problem_set(p, "field.empty", "criteria", NULL);
		return EC_EDATA;
	}
	for (;;) {
		const char *end = strchr(at, ';'), *colon;
		size_t len = end ? (size_t)(end - at) : strlen(at), name_len;
		struct ec_scenario_criterion *c;
		const char *why;
		double w;

		colon = memchr(at, ':', len);
		name_len = colon ? (size_t)(colon - at) : 0;
		if (!colon || name_len == 0 || name_len >= sizeof out[0].name || strspn(at, NAME_CHARS) < name_len ||
		    ec_number_parse(colon + 1, len - name_len - 1, &w, &why) || !(w > 0) || w > 100) {
			ec_problem_set(p, "scenario.criterion", "criteria", "value", ec_value_shown(at, len, value, sizeof value),
				       NULL);
			return EC_EDATA;
		}
		for (size_t i = 0; i < *n; i++)
			if (strlen(out[i].name) == name_len && !memcmp(out[i].name, at, name_len)) {
				ec_problem_set(p, "scenario.criterion_twice", "criteria", "value",
					       ec_value_shown(at, name_len, value, sizeof value), NULL);
				return EC_EDATA;
			}
		if (*n == EC_SCN_CRITERIA) {
			ec_problem_set(p, "scenario.criteria_many", "criteria", "max", EC_STR(EC_SCN_CRITERIA), NULL);
			return EC_EDATA;
		}
		c = &out[(*n)++];
		memcpy(c->name, at, name_len);
		c->name[name_len] = '\0';
		c->weight = w;
		sum += w;
		if (!end)
			break;
		at = end + 1;
	}
	if (fabs(sum - 100) > 1e-9) {
		ec_number_format(sum, sum_text);
		ec_problem_set(p, "scenario.criteria_sum", "criteria", "sum", sum_text, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_application_check(const struct ec_application *a, struct ec_problem *why)
{
	struct ec_uscc_result ur;
	size_t n = strnlen(a->uscc, sizeof a->uscc);
	char v[40];

	if (ec_uscc_check(a->uscc, n, &ur)) {
		ec_uscc_problem(&ur, a->uscc, n, "uscc", why);
		return EC_EDATA;
	}
	if (check_text(a->solution, sizeof a->solution, 1, "solution", why))
		return EC_EDATA;
	if (!isfinite(a->price) || a->price <= 0) {
		if (isfinite(a->price))
			ec_amount_format(a->price, v);
		else
			snprintf(v, sizeof v, "%g", a->price);
		ec_problem_set(why, isfinite(a->price) ? "amount.positive" : "number.not_finite", "price", "value", v, NULL);
		return EC_EDATA;
	}
	if (a->months < 1 || a->months > 120) {
		snprintf(v, sizeof v, "%d", a->months);
		ec_problem_set(why, "number.range", "months", "value", v, "min", "1", "max", "120", NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

/* ---- review ---- */

static int criterion_index(const struct ec_scenario_criterion *c, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(c[i].name, name))
			return (int)i;
	return -1;
}

/* One application's total: the mean over reviewers of their complete
** sheets' weighted sums. */
static void application_total(const struct ec_scenario_criterion *criteria, size_t ncriteria,
			      const struct ec_scenario_score *scores, size_t nscores, struct ec_application *a)
{
	double sum_of_sheets = 0;
	int sheets = 0;

	for (size_t i = 0; i < nscores; i++) {
		double sheet = 0;
		unsigned seen = 0;
		int first = 1;

		if (strcmp(scores[i].uscc, a->uscc) != 0)
			continue;
		/* the reviewer's first score of this application opens the sheet */
		for (size_t j = 0; j < i; j++)
			if (!strcmp(scores[j].uscc, a->uscc) && !strcmp(scores[j].reviewer, scores[i].reviewer))
				first = 0;
		if (!first)
			continue;
		for (size_t j = i; j < nscores; j++) {
			int c;
			if (strcmp(scores[j].uscc, a->uscc) != 0 || strcmp(scores[j].reviewer, scores[i].reviewer) != 0)
				continue;
			if ((c = criterion_index(criteria, ncriteria, scores[j].criterion)) < 0 || (seen & (1u << c)))
				continue;
			seen |= 1u << c;
			sheet += criteria[c].weight * scores[j].score / 100;
		}
		if (seen == (1u << ncriteria) - 1) {
			sum_of_sheets += sheet;
			sheets++;
		}
	}
	a->reviewers = sheets;
	a->total = sheets ? sum_of_sheets / sheets : NAN;
}

static int rank_cmp(const void *pa, const void *pb)
{
	const struct ec_application *a = pa, *b = pb;
	int a_scored = !isnan(a->total), b_scored = !isnan(b->total);

	if (a->state != b->state)
		return a->state == EC_APP_SUBMITTED ? -1 : 1;
	if (a_scored != b_scored)
		return a_scored ? -1 : 1;
	if (a_scored && a->total != b->total)
		return a->total > b->total ? -1 : 1;
	if (a->price != b->price)
		return a->price < b->price ? -1 : 1;
	return strcmp(a->uscc, b->uscc);
}

void ec_scenario_rank(const struct ec_scenario_criterion *criteria, size_t ncriteria,
		      const struct ec_scenario_score *scores, size_t nscores, struct ec_application *apps, size_t n)
{
	int rank = 0;

	for (size_t i = 0; i < n; i++)
		application_total(criteria, ncriteria, scores, nscores, &apps[i]);
	if (n > 1)
		qsort(apps, n, sizeof *apps, rank_cmp);
	for (size_t i = 0; i < n; i++)
		apps[i].rank = apps[i].state == EC_APP_SUBMITTED ? ++rank : 0;
}

/* ---- fit ---- */

/* The number of leading dotted parts a and b share ("1.2.3", "1.2.4": 2). */
static int common_levels(const char *a, const char *b)
{
	int levels = 0;

	for (;;) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		if (la == 0 || la != lb || memcmp(a, b, la) != 0)
			return levels;
		levels++;
		if (!a[la] || !b[lb])
			return levels;
		a += la + 1;
		b += lb + 1;
	}
}

static int levels_of(const char *code)
{
	int levels = *code ? 1 : 0;

	for (; *code; code++)
		levels += *code == '.';
	return levels;
}

static void add_reason(struct ec_scenario_fit *out, const char *fmt, const char *value)
{
	size_t len = strlen(out->reasons);

	snprintf(out->reasons + len, sizeof out->reasons - len, "%s%s%s", len ? "; " : "", fmt, value);
}

int ec_scenario_fit(const struct ec_scenario *s, const struct ec_enterprise *e, struct ec_scenario_fit *out)
{
	char category[16] = "", list[sizeof e->sei_categories + sizeof e->sei_primary + 2];
	int best = 0, points;
	const char *at;

	memset(out, 0, sizeof *out);
	snprintf(out->uscc, sizeof out->uscc, "%s", e->uscc);
	snprintf(out->code, sizeof out->code, "%s", s->code);
	snprintf(list, sizeof list, "%s;%s", e->sei_categories, e->sei_primary);
	/* the enterprise's category that meets the scenario's best */
	for (at = list; *at; at += strcspn(at, ";") + (at[strcspn(at, ";")] ? 1 : 0)) {
		size_t len = strcspn(at, ";");
		char code[16];
		int shared, fit;

		if (len == 0 || len >= sizeof code)
			continue;
		memcpy(code, at, len);
		code[len] = '\0';
		shared = common_levels(s->category, code);
		fit = shared >= levels_of(s->category) ? 60 : shared == 2 ? 40 : shared == 1 ? 20 : 0;
		if (fit > best) {
			best = fit;
			snprintf(category, sizeof category, "%s", code);
		}
	}
	if (best == 0)
		return 0;
	add_reason(out,
		   best == 60   ? "suggest.category_same|category="
		   : best == 40 ? "suggest.category_direction|category="
				: "suggest.category_area|category=",
		   category);
	points = best;
	if (!strcmp(e->region, s->region)) {
		points += 40;
		add_reason(out, "suggest.region_same|region=", e->region);
	} else if (!strncmp(e->region, s->region, 4)) {
		points += 30;
		add_reason(out, "suggest.region_city|region=", e->region);
	} else if (!strncmp(e->region, s->region, 2)) {
		points += 20;
		add_reason(out, "suggest.region_province|region=", e->region);
	} else {
		add_reason(out, "suggest.region_other|region=", e->region);
	}
	out->points = points;
	return points;
}

static int fit_cmp(const void *pa, const void *pb)
{
	const struct ec_scenario_fit *a = pa, *b = pb;
	int c;

	if (a->points != b->points)
		return a->points > b->points ? -1 : 1;
	if ((c = strcmp(a->code, b->code)) != 0)
		return c;
	return strcmp(a->uscc, b->uscc);
}

void ec_scenario_fit_sort(struct ec_scenario_fit *fits, size_t n)
{
	if (n > 1)
		qsort(fits, n, sizeof *fits, fit_cmp);
}

/* ---- the feed to the clusters ---- */

/* Whether code equals one of the ';'-separated codes of list or lies
** below one at a dot. */
static int category_in(const char *code, const char *list)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ";");
		if (len && strncmp(code, p, len) == 0 && (code[len] == '\0' || code[len] == '.'))
			return 1;
		p += len + (p[len] == ';');
	}
	return 0;
}

/* Whether region lies in one of the ';'-separated regions of list, each
** read as its prefix (ec_region_prefix), the rule of cluster members. */
static int region_in(const char *region, const char *list)
{
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ";");
		char code[8], prefix[7];
		snprintf(code, sizeof code, "%.*s", (int)(len > 6 ? 6 : len), p);
		ec_region_prefix(code, prefix);
		if (len && strncmp(region, prefix, strlen(prefix)) == 0)
			return 1;
		p += len + (p[len] == ';');
	}
	return 0;
}

int ec_scenario_counts_for(const char *categories, const char *regions, const char *category, const char *region)
{
	return category[0] && region[0] && category_in(category, categories) && region_in(region, regions);
}

/* The row of year in *rows, added (zeroed) when missing. */
static struct ec_scenario_feed *feed_row(struct ec_scenario_feed **rows, size_t *n, int year)
{
	for (size_t i = 0; i < *n; i++)
		if ((*rows)[i].year == year)
			return &(*rows)[i];
	*rows = ec_realloc(*rows, (*n + 1) * sizeof **rows);
	memset(&(*rows)[*n], 0, sizeof **rows);
	(*rows)[*n].year = year;
	return &(*rows)[(*n)++];
}

static int feed_cmp(const void *pa, const void *pb)
{
	const struct ec_scenario_feed *a = pa, *b = pb;

	return (a->year > b->year) - (a->year < b->year);
}

/* The scenario of code in s[0..n), or NULL. */
static const struct ec_scenario *scenario_of(const struct ec_scenario *s, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].code, code) == 0)
			return &s[i];
	return NULL;
}

/* One beneficiary's payments in a year. */
struct paid_to {
	int year;
	const char *beneficiary;
	double amount;
};

/* The live payments of e[0..ne) against commitments naming a scenario
** that counts for the cluster, summed by year and beneficiary into *out
** (caller frees). Returns their number. */
static size_t cluster_payments(const char *categories, const char *regions, const struct ec_scenario *s, size_t n,
			       const struct ec_ledger_entry *e, size_t ne, struct paid_to **out)
{
	unsigned char *reversed = ec_calloc(ne + 1, 1);
	struct paid_to *p = NULL;
	size_t np = 0;

	for (size_t i = 0; i < ne; i++)
		if (e[i].kind == EC_ENTRY_REVERSAL) {
			long k = ec_ledger_find(e, ne, e[i].refers);
			if (k >= 0)
				reversed[k] = 1;
		}
	for (size_t i = 0; i < ne; i++) {
		const struct ec_scenario *sc;
		long k;
		size_t j;
		int year;
		if (e[i].kind != EC_ENTRY_PAYMENT || reversed[i] || (k = ec_ledger_find(e, ne, e[i].refers)) < 0 ||
		    !e[k].scenario[0] || !(sc = scenario_of(s, n, e[k].scenario)) ||
		    !ec_scenario_counts_for(categories, regions, sc->category, sc->region))
			continue;
		year = (int)strtol(e[i].at, NULL, 10);
		for (j = 0; j < np && (p[j].year != year || strcmp(p[j].beneficiary, e[k].beneficiary) != 0); j++)
			;
		if (j == np) {
			p = ec_realloc(p, (np + 1) * sizeof *p);
			p[np++] = (struct paid_to){ year, e[k].beneficiary, 0 };
		}
		p[j].amount += e[i].amount;
	}
	free(reversed);
	*out = p;
	return np;
}

int ec_scenario_feed_value(const struct ec_scenario_feed *feed, size_t n, const char *indicator, int year,
			   double *value)
{
	int published = !strcmp(indicator, "scenarios_published");

	if (!published && strcmp(indicator, "scenarios_landed") != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (feed[i].year == year && feed[i].published > 0) {
			*value = (double)(published ? feed[i].published : feed[i].selected);
			return 1;
		}
	return 0;
}

size_t ec_scenario_feed(const char *categories, const char *regions, const struct ec_scenario *s, size_t n,
			const struct ec_scenario_batch *b, size_t nb, const struct ec_ledger_entry *e, size_t ne,
			struct ec_scenario_feed **rows)
{
	struct ec_scenario_feed *out = NULL;
	struct paid_to *paid;
	size_t nout = 0, npaid;

	for (size_t i = 0; i < n; i++) {
		struct ec_scenario_feed *row;
		const char *date = NULL;
		if (s[i].batch <= 0 || !ec_scenario_counts_for(categories, regions, s[i].category, s[i].region))
			continue;
		for (size_t k = 0; k < nb && !date; k++)
			if (b[k].number == s[i].batch)
				date = b[k].date;
		if (!date)
			continue; /* a batch the store does not hold: no year to count it in */
		row = feed_row(&out, &nout, (int)strtol(date, NULL, 10));
		row->published++;
		row->selected += s[i].status == EC_SCN_SELECTED || s[i].status == EC_SCN_COMPLETED;
		row->completed += s[i].status == EC_SCN_COMPLETED;
	}
	npaid = cluster_payments(categories, regions, s, n, e, ne, &paid);
	for (size_t i = 0; i < npaid; i++) {
		struct ec_scenario_feed *row = feed_row(&out, &nout, paid[i].year);
		row->paid += paid[i].amount;
		row->paid_to++;
		if (paid[i].amount > row->paid_largest)
			row->paid_largest = paid[i].amount;
	}
	free(paid);
	for (size_t i = 0; i < nout; i++) {
		out[i].paid = ec_incentive_round(out[i].paid);
		out[i].paid_largest = ec_incentive_round(out[i].paid_largest);
	}
	if (nout > 1)
		qsort(out, nout, sizeof *out, feed_cmp);
	*rows = out;
	return nout;
}
