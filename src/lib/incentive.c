/*
** This is the implementation of incentive rules and the subsidy ledger's
** arithmetic: applying a rule to a claim, step by step with coded reasons,
** and the balances and checks of a ledger of commitments, payments and
** reversals (docs/methods.md, "Incentives and the subsidy ledger").
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/incentive.h"
#include "echelon/project.h"

static const char *const side_names[] = { "owner", "supplier", "voucher" };
static const char *const base_names[] = { "purchase", "rd" };
static const char *const size_names[] = { "", "large", "medium", "small", "micro" };
static const char *const pilot_names[] = { "", "municipal", "national" };
static const char *const entry_kind_names[] = { "commitment", "payment", "reversal" };

static int parse_name(const char *const *names, int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int ec_incentive_side_parse(const char *s) { return parse_name(side_names, EC_NSIDES, s); }
int ec_incentive_base_parse(const char *s) { return parse_name(base_names, EC_NBASES, s); }
int ec_enterprise_size_parse(const char *s) { return parse_name(size_names, EC_NSIZES, s); }
int ec_pilot_parse(const char *s) { return parse_name(pilot_names, EC_NPILOTS, s); }
int ec_entry_kind_parse(const char *s) { return parse_name(entry_kind_names, EC_NENTRY_KINDS, s); }

const char *ec_incentive_side_name(enum ec_incentive_side v)
{
	return (unsigned)v < EC_NSIDES ? side_names[v] : "?";
}

const char *ec_incentive_base_name(enum ec_incentive_base v)
{
	return (unsigned)v < EC_NBASES ? base_names[v] : "?";
}

const char *ec_enterprise_size_name(enum ec_enterprise_size v)
{
	return (unsigned)v < EC_NSIZES ? size_names[v] : "?";
}

const char *ec_pilot_name(enum ec_pilot v)
{
	return (unsigned)v < EC_NPILOTS ? pilot_names[v] : "?";
}

const char *ec_entry_kind_name(enum ec_entry_kind k)
{
	return (unsigned)k < EC_NENTRY_KINDS ? entry_kind_names[k] : "?";
}

char *ec_incentive_side_names(char *out, size_t size)
{
	return ec_names_join(side_names, EC_NSIDES, out, size);
}

char *ec_incentive_base_names(char *out, size_t size)
{
	return ec_names_join(base_names, EC_NBASES, out, size);
}

char *ec_enterprise_size_names(char *out, size_t size)
{
	return ec_names_join(size_names + 1, EC_NSIZES - 1, out, size);
}

char *ec_pilot_names(char *out, size_t size)
{
	return ec_names_join(pilot_names + 1, EC_NPILOTS - 1, out, size);
}

void ec_incentive_programme_init(struct ec_incentive_programme *p)
{
	memset(p, 0, sizeof *p);
}

void ec_incentive_programme_release(struct ec_incentive_programme *p)
{
	free(p->rules);
	p->rules = NULL;
	p->nrules = 0;
}

const struct ec_incentive_rule *ec_incentive_rule_find(const struct ec_incentive_programme *p, const char *code)
{
	for (size_t i = 0; i < p->nrules; i++)
		if (!strcmp(p->rules[i].code, code))
			return &p->rules[i];
	return NULL;
}

void ec_incentive_claim_init(struct ec_incentive_claim *c)
{
	memset(c, 0, sizeof *c);
	c->base_amount = NAN;
}

/* ---- checks ---- */

static int good_code(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= EC_INCENTIVE_CODE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
		      ch == '_' || ch == '-'))
			return 0;
	}
	return 1;
}

/* An amount >= 0 (> 0 when positive) and at most EC_INCENTIVE_AMOUNT_MAX. */
static int amount_bad(double v, int positive, const char *field, struct ec_problem *why)
{
	char shown[32], max[32];

	if (isfinite(v) && (positive ? v > 0 : v >= 0) && v <= EC_INCENTIVE_AMOUNT_MAX)
		return 0;
	ec_number_format(v, shown);
	ec_number_format(EC_INCENTIVE_AMOUNT_MAX, max);
	ec_problem_set(why, "number.range", field, "value", shown, "min", positive ? "0 (excluded)" : "0", "max", max,
		       NULL);
	return 1;
}

int ec_incentive_programme_check(const struct ec_incentive_programme *p, struct ec_problem *why)
{
	char year[16];

	if (!good_code(p->code)) {
		ec_problem_set(why, "incentive.code", "code", "value", p->code, NULL);
		return EC_EDATA;
	}
	if (!p->name[0]) {
		ec_problem_set(why, "field.empty", "name", NULL);
		return EC_EDATA;
	}
	if (p->year < 2000 || p->year > 2100) {
		snprintf(year, sizeof year, "%d", p->year);
		ec_problem_set(why, "number.range", "year", "value", year, "min", "2000", "max", "2100", NULL);
		return EC_EDATA;
	}
	if (amount_bad(p->budget, 1, "budget", why))
		return EC_EDATA;
	return EC_OK;
}

/* A ';'-separated list whose items are all good(item, n). */
static int list_good(const char *list, int (*good)(const char *s, size_t n), const char **bad, size_t *badn)
{
	const char *s = list;

	while (*s) {
		const char *e = strchr(s, ';');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (!good(s, n)) {
			*bad = s;
			*badn = n;
			return 0;
		}
		s += n;
		if (*s == ';')
			s++;
	}
	return 1;
}

/* An SEI code: digits in groups separated by single dots ("2", "2.1", "2.1.3"). */
static int good_category(const char *s, size_t n)
{
	int digits = 0;

	if (n == 0 || n > 15)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && digits)
			digits = 0;
		else
			return 0;
	}
	return digits > 0;
}

/* A region prefix: 2, 4 or 6 digits. */
static int good_region(const char *s, size_t n)
{
	if (n != 2 && n != 4 && n != 6)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int ec_incentive_rule_check(const struct ec_incentive_rule *r, struct ec_problem *why)
{
	const char *bad;
	size_t badn;
	char shown[64];

	if (!good_code(r->code)) {
		ec_problem_set(why, "incentive.code", "rule", "value", r->code, NULL);
		return EC_EDATA;
	}
	if ((unsigned)r->side >= EC_NSIDES || (unsigned)r->base >= EC_NBASES || (unsigned)r->topup_pilot >= EC_NPILOTS ||
	    r->sizes >= (1u << EC_NSIZES) || (r->sizes & 1u)) {
		ec_problem_set(why, "incentive.rule_enum", "rule", "rule", r->code, NULL);
		return EC_EDATA;
	}
	if (!isfinite(r->share_pct) || r->share_pct <= 0 || r->share_pct > 100) {
		ec_number_format(r->share_pct, shown);
		ec_problem_set(why, "number.range", "share_pct", "value", shown, "min", "0 (excluded)", "max", "100", NULL);
		return EC_EDATA;
	}
	if (amount_bad(r->cap, 0, "cap", why) || amount_bad(r->year_cap, 0, "year_cap", why) ||
	    amount_bad(r->topup_amount, 0, "topup_amount", why))
		return EC_EDATA;
	if (!isfinite(r->topup_pct) || r->topup_pct < 0 || r->topup_pct > 100) {
		ec_number_format(r->topup_pct, shown);
		ec_problem_set(why, "number.range", "topup_pct", "value", shown, "min", "0", "max", "100", NULL);
		return EC_EDATA;
	}
	if (r->topup_pilot == EC_PILOT_NONE && (r->topup_pct > 0 || r->topup_amount > 0)) {
		ec_problem_set(why, "incentive.topup_pilot", "topup_pilot", NULL);
		return EC_EDATA;
	}
	if (!list_good(r->categories, good_category, &bad, &badn)) {
		ec_problem_set(why, "incentive.category_code", "categories", "value",
			       ec_value_shown(bad, badn, shown, sizeof shown), NULL);
		return EC_EDATA;
	}
	if (!list_good(r->regions, good_region, &bad, &badn)) {
		ec_problem_set(why, "incentive.region_prefix", "regions", "value",
			       ec_value_shown(bad, badn, shown, sizeof shown), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

/* ---- applying a rule ---- */

double ec_incentive_round(double amount)
{
	return round(amount * 1000.0) / 1000.0;
}

static void reason(struct ec_incentive_award *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reason(struct ec_incentive_award *out, const char *fmt, ...)
{
	size_t used = strlen(out->reasons);
	va_list ap;

	if (used && used + 2 < sizeof out->reasons) {
		memcpy(out->reasons + used, "; ", 3);
		used += 2;
	}
	va_start(ap, fmt);
	vsnprintf(out->reasons + used, sizeof out->reasons - used, fmt, ap);
	va_end(ap);
}

/* Whether code falls under one of the ';'-separated SEI codes of list:
** equal, or below it ("2.1.3" under "2.1"). */
static int category_under(const char *code, const char *list)
{
	const char *s = list;
	size_t len = strlen(code);

	while (*s) {
		const char *e = strchr(s, ';');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n <= len && !memcmp(code, s, n) && (code[n] == '\0' || code[n] == '.'))
			return 1;
		s += n;
		if (*s == ';')
			s++;
	}
	return 0;
}

/* Whether region starts with one of the ';'-separated prefixes of list. */
static int region_under(const char *region, const char *list)
{
	const char *s = list;
	size_t len = strlen(region);

	while (*s) {
		const char *e = strchr(s, ';');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n <= len && !memcmp(region, s, n))
			return 1;
		s += n;
		if (*s == ';')
			s++;
	}
	return 0;
}

static const char *num(double v, char out[32])
{
	ec_number_format(v, out);
	return out;
}

int ec_incentive_apply(const struct ec_incentive_rule *r, const struct ec_incentive_claim *c, double already,
		       struct ec_incentive_award *out, struct ec_problem *why)
{
	char a[32], b[32], x[32], y[32];
	double amount;

	memset(out, 0, sizeof *out);
	if (c->side != r->side) {
		ec_problem_set(why, "incentive.side", "side", "rule", r->code, "side", ec_incentive_side_name(c->side),
			       "rule_side", ec_incentive_side_name(r->side), NULL);
		return EC_EDATA;
	}
	if (r->categories[0]) {
		if (!c->category[0] || !category_under(c->category, r->categories)) {
			ec_problem_set(why, "incentive.category", "category", "rule", r->code, "category",
				       c->category[0] ? c->category : "?", "expected", r->categories, NULL);
			return EC_EDATA;
		}
		reason(out, "incentive.category_in|category=%s|targets=%.120s", c->category, r->categories);
	}
	if (r->regions[0]) {
		if (!c->region[0] || !region_under(c->region, r->regions)) {
			ec_problem_set(why, "incentive.region", "region", "rule", r->code, "region",
				       c->region[0] ? c->region : "?", "expected", r->regions, NULL);
			return EC_EDATA;
		}
		reason(out, "incentive.region_in|region=%s|targets=%.120s", c->region, r->regions);
	}
	if (r->sizes) {
		if (c->size == EC_SIZE_UNKNOWN) {
			/* a size the claim does not know is not held against it */
			reason(out, "incentive.size_unknown");
		} else if (!(r->sizes & (1u << c->size))) {
			char sizes[64] = "";
			for (int s = 1; s < EC_NSIZES; s++)
				if (r->sizes & (1u << s))
					snprintf(sizes + strlen(sizes), sizeof sizes - strlen(sizes), "%s%s",
						 sizes[0] ? ";" : "", size_names[s]);
			ec_problem_set(why, "incentive.size", "size", "rule", r->code, "size",
				       ec_enterprise_size_name(c->size), "expected", sizes, NULL);
			return EC_EDATA;
		}
	}
	if (!isfinite(c->base_amount) || c->base_amount <= 0 || c->base_amount > EC_INCENTIVE_AMOUNT_MAX) {
		ec_problem_set(why, "incentive.base", "base_amount", "value", num(c->base_amount, a), "base",
			       ec_incentive_base_name(r->base), NULL);
		return EC_EDATA;
	}
	amount = ec_incentive_round(c->base_amount * r->share_pct / 100.0);
	reason(out, "incentive.share|base=%s|amount=%s|share_pct=%s|result=%s", ec_incentive_base_name(r->base),
	       num(c->base_amount, a), num(r->share_pct, b), num(amount, x));
	if (r->cap > 0 && amount > r->cap) {
		reason(out, "incentive.capped|cap=%s|before=%s", num(r->cap, a), num(amount, b));
		amount = r->cap;
	}
	if (r->topup_pilot != EC_PILOT_NONE && c->pilot >= r->topup_pilot) {
		double before = amount;
		amount = ec_incentive_round(amount + amount * r->topup_pct / 100.0 + r->topup_amount);
		reason(out, "incentive.topup|pilot=%s|topup_pct=%s|topup_amount=%s|before=%s|result=%s",
		       ec_pilot_name(c->pilot), num(r->topup_pct, a), num(r->topup_amount, b), num(before, x),
		       num(amount, y));
	}
	if (r->year_cap > 0) {
		double room = ec_incentive_round(r->year_cap - already);
		if (room <= 0) {
			ec_problem_set(why, "incentive.year_cap_reached", "beneficiary", "beneficiary", c->beneficiary,
				       "year_cap", num(r->year_cap, a), "already", num(already, b), NULL);
			return EC_EDATA;
		}
		if (amount > room) {
			reason(out, "incentive.year_cap|year_cap=%s|already=%s|before=%s|result=%s", num(r->year_cap, a),
			       num(already, b), num(amount, x), num(room, y));
			amount = room;
		}
	}
	out->amount = amount;
	reason(out, "incentive.total|amount=%s", num(amount, a));
	return EC_OK;
}

/* ---- the ledger ---- */

long ec_ledger_find(const struct ec_ledger_entry *e, size_t n, int64_t id)
{
	/* ids increase with the index: a binary search */
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && e[lo].id == id)
		return (long)lo;
	for (size_t i = 0; i < n; i++) /* not in order: look at each */
		if (e[i].id == id)
			return (long)i;
	return -1;
}

int ec_ledger_reversed(const struct ec_ledger_entry *e, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].kind == EC_ENTRY_REVERSAL && e[i].refers == id)
			return 1;
	return 0;
}

/* Marks which entries are reversed: live[i] = 0 for those. */
static unsigned char *live_marks(const struct ec_ledger_entry *e, size_t n)
{
	unsigned char *live = ec_malloc(n ? n : 1);

	memset(live, 1, n);
	for (size_t i = 0; i < n; i++)
		if (e[i].kind == EC_ENTRY_REVERSAL) {
			long k = ec_ledger_find(e, n, e[i].refers);
			if (k >= 0)
				live[k] = 0;
		}
	return live;
}

void ec_ledger_balance(double budget, const struct ec_ledger_entry *e, size_t n, struct ec_ledger_balance *out)
{
	unsigned char *live = live_marks(e, n);

	memset(out, 0, sizeof *out);
	out->budget = budget;
	for (size_t i = 0; i < n; i++) {
		if (e[i].kind == EC_ENTRY_REVERSAL) {
			out->reversals++;
		} else if (live[i] && e[i].kind == EC_ENTRY_COMMITMENT) {
			out->committed += e[i].amount;
			out->commitments++;
		} else if (live[i]) {
			out->paid += e[i].amount;
			out->payments++;
		}
	}
	free(live);
	out->committed = ec_incentive_round(out->committed);
	out->paid = ec_incentive_round(out->paid);
	out->outstanding = ec_incentive_round(out->committed - out->paid);
	out->available = ec_incentive_round(budget - out->committed);
}

double ec_ledger_paid_on(const struct ec_ledger_entry *e, size_t n, int64_t id)
{
	double paid = 0;

	for (size_t i = 0; i < n; i++)
		if (e[i].kind == EC_ENTRY_PAYMENT && e[i].refers == id && !ec_ledger_reversed(e, n, e[i].id))
			paid += e[i].amount;
	return ec_incentive_round(paid);
}

double ec_ledger_awarded(const struct ec_ledger_entry *e, size_t n, const char *beneficiary, int account,
			 const char *rule)
{
	unsigned char *live = live_marks(e, n);
	double sum = 0;

	for (size_t i = 0; i < n; i++)
		if (live[i] && e[i].kind == EC_ENTRY_COMMITMENT && e[i].beneficiary_account == account &&
		    !strcmp(e[i].beneficiary, beneficiary) && !strcmp(e[i].rule, rule))
			sum += e[i].amount;
	free(live);
	return ec_incentive_round(sum);
}

static int positive(double amount, struct ec_problem *why)
{
	char shown[32];

	if (isfinite(amount) && amount > 0 && amount <= EC_INCENTIVE_AMOUNT_MAX)
		return 1;
	ec_problem_set(why, "number.range", "amount", "value", num(amount, shown), "min", "0 (excluded)", "max",
		       "1000000000", NULL);
	return 0;
}

int ec_ledger_check_commitment(const struct ec_ledger_entry *e, size_t n, double budget, const char *reference,
			       double amount, struct ec_problem *why)
{
	struct ec_ledger_balance bal;
	char a[32], b[32], id[24];

	for (size_t i = 0; i < n; i++)
		if (e[i].kind == EC_ENTRY_COMMITMENT && !strcmp(e[i].reference, reference)) {
			snprintf(id, sizeof id, "%lld", (long long)e[i].id);
			ec_problem_set(why, "incentive.claim_repeat", "reference", "reference", reference, "entry", id,
				       NULL);
			return EC_EDATA;
		}
	if (!positive(amount, why))
		return EC_EDATA;
	ec_ledger_balance(budget, e, n, &bal);
	if (amount > bal.available + EC_AMOUNT_EPS) {
		ec_problem_set(why, "incentive.budget", "amount", "amount", num(amount, a), "available",
			       num(bal.available, b), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

static int entry_of(const struct ec_ledger_entry *e, size_t n, int64_t id, struct ec_problem *why, long *at)
{
	char shown[24];

	if ((*at = ec_ledger_find(e, n, id)) < 0) {
		snprintf(shown, sizeof shown, "%lld", (long long)id);
		ec_problem_set(why, "incentive.entry_not_found", "entry", "entry", shown, NULL);
		return EC_ENOTFOUND;
	}
	if (ec_ledger_reversed(e, n, id)) {
		snprintf(shown, sizeof shown, "%lld", (long long)id);
		ec_problem_set(why, "incentive.reversed", "entry", "entry", shown, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_ledger_check_payment(const struct ec_ledger_entry *e, size_t n, int64_t commitment, double amount,
			    struct ec_problem *why)
{
	char a[32], b[32], c[32], id[24];
	double paid;
	long at;
	int rc;

	if ((rc = entry_of(e, n, commitment, why, &at)) != EC_OK)
		return rc;
	if (e[at].kind != EC_ENTRY_COMMITMENT) {
		snprintf(id, sizeof id, "%lld", (long long)commitment);
		ec_problem_set(why, "incentive.no_commitment", "commitment", "entry", id, "entry_kind",
			       ec_entry_kind_name(e[at].kind), NULL);
		return EC_EDATA;
	}
	if (!positive(amount, why))
		return EC_EDATA;
	paid = ec_ledger_paid_on(e, n, commitment);
	if (paid + amount > e[at].amount + EC_AMOUNT_EPS) {
		snprintf(id, sizeof id, "%lld", (long long)commitment);
		ec_problem_set(why, "incentive.overpaid", "amount", "entry", id, "amount", num(amount, a), "paid",
			       num(paid, b), "committed", num(e[at].amount, c), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_ledger_check_reversal(const struct ec_ledger_entry *e, size_t n, int64_t entry, struct ec_problem *why)
{
	char id[24], paid[32];
	long at;
	int rc;

	if ((rc = entry_of(e, n, entry, why, &at)) != EC_OK)
		return rc;
	snprintf(id, sizeof id, "%lld", (long long)entry);
	if (e[at].kind == EC_ENTRY_REVERSAL) {
		ec_problem_set(why, "incentive.reverse_reversal", "entry", "entry", id, NULL);
		return EC_EDATA;
	}
	if (e[at].kind == EC_ENTRY_COMMITMENT && ec_ledger_paid_on(e, n, entry) > 0) {
		ec_problem_set(why, "incentive.has_payments", "entry", "entry", id, "paid",
			       num(ec_ledger_paid_on(e, n, entry), paid), NULL);
		return EC_EDATA;
	}
	return EC_OK;
}
