/*
** This is the implementation of the incentive use cases: programmes and
** their rules, claims, and the subsidy ledger's commitments, payments and
** reversals. Every write takes the database's write lock first (app_begin:
** BEGIN IMMEDIATE), reads the ledger, checks and writes in that one
** transaction, so the budget holds under approvals made at the same time.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/incentive_app.h"
#include "echelon/uscc.h"

/* ---- reading the ledger ---- */

struct entries {
	struct ec_ledger_entry *items;
	size_t n, cap;
	const struct ec_actor *only; /* NULL, or keep only this enterprise's entries */
};

/* Whether the actor is the entry's beneficiary: its USCC or its account. */
static int own_entry(const struct ec_actor *who, const struct ec_ledger_entry *e)
{
	return e->beneficiary_account ? !strcmp(e->beneficiary, who->name) : !strcmp(e->beneficiary, who->scope);
}

static int collect_entry(void *ctx, const struct ec_ledger_entry *e)
{
	struct entries *l = ctx;

	if (l->only && !own_entry(l->only, e))
		return 0;
	if (l->n == l->cap)
		l->items = ec_realloc(l->items, (l->cap = l->cap ? 2 * l->cap : 64) * sizeof *l->items);
	l->items[l->n++] = *e;
	return 0;
}

static int read_entries(struct ec_app *app, const char *programme, struct entries *l, struct ec_diag *d)
{
	memset(l, 0, sizeof *l);
	if (ec_store_entry_each(app->store, programme, NULL, collect_entry, l) != EC_OK) {
		free(l->items);
		memset(l, 0, sizeof *l);
		return app_store_failed(app, d);
	}
	return EC_OK;
}

/* The programme with its rules, or EC_ENOTFOUND with the problem. */
static int programme_get(struct ec_app *app, const char *code, struct ec_incentive_programme *p, struct ec_diag *d)
{
	int rc = ec_store_programme_get(app->store, code ? code : "", p);

	if (rc == EC_ENOTFOUND)
		ec_diag_problem(d, "incentive.programme_not_found", NULL, 0, "programme", "code", code ? code : "", NULL);
	else if (rc != EC_OK)
		return app_store_failed(app, d);
	return rc;
}

/* ---- programmes ---- */

/* The rules' own checks and their categories in the catalogue. */
static int check_rules(const struct ec_catalog *cat, const struct ec_incentive_rule *rules, size_t n,
		       struct ec_diag *d)
{
	char max[16];

	if (n == 0 || n > EC_INCENTIVE_RULES_MAX) {
		snprintf(max, sizeof max, "%d", EC_INCENTIVE_RULES_MAX);
		if (n)
			ec_diag_problem(d, "incentive.too_many_rules", NULL, 0, "rules", "max", max, NULL);
		else
			ec_diag_problem(d, "incentive.no_rules", NULL, 0, "rules", NULL);
		return EC_EDATA;
	}
	for (size_t i = 0; i < n; i++) {
		struct ec_problem why = { 0 };
		const char *s = rules[i].categories;
		if (ec_incentive_rule_check(&rules[i], &why) != EC_OK) {
			ec_diag_put(d, NULL, 0, &why);
			return EC_EDATA;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(rules[k].code, rules[i].code)) {
				ec_diag_problem(d, "import.repeat", NULL, 0, "rule", "value", rules[i].code, NULL);
				return EC_EDATA;
			}
		while (*s) {
			const char *e = strchr(s, ';');
			size_t len = e ? (size_t)(e - s) : strlen(s);
			if (!ec_catalog_find_category(cat, s, len)) {
				char code[32];
				snprintf(code, sizeof code, "%.*s", (int)(len < 31 ? len : 31), s);
				ec_diag_problem(d, "category.unknown", NULL, 0, "categories", "value", code, NULL);
				return EC_EDATA;
			}
			s += len;
			if (*s == ';')
				s++;
		}
	}
	return EC_OK;
}

int ec_app_programme_add(struct ec_app *app, const struct ec_actor *who, const struct ec_incentive_programme *p,
			 struct ec_diag *d)
{
	const struct ec_catalog *cat;
	struct ec_problem why = { 0 };
	int rc;

	if ((rc = app_allow(who, EC_MAY_INCENTIVE_MANAGE, d)) != EC_OK)
		return rc;
	if (ec_incentive_programme_check(p, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		return EC_EDATA;
	}
	if (!(cat = app_catalog(app, d)))
		return EC_EIO;
	if ((rc = check_rules(cat, p->rules, p->nrules, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	rc = ec_store_programme_add(app->store, p);
	if (rc == EC_EDATA)
		ec_diag_problem(d, "incentive.programme_exists", NULL, 0, "code", "code", p->code, NULL);
	else if (rc != EC_OK)
		rc = app_store_failed(app, d);
	return app_end(app, rc, who, d, "incentive.programme", p->code,
		       "audit.incentive_programme|year=%d|budget=%.3f|rules=%zu", p->year, p->budget, p->nrules);
}

int ec_app_programme_rules(struct ec_app *app, const struct ec_actor *who, const char *code,
			   const struct ec_incentive_rule *rules, size_t n, struct ec_diag *d)
{
	struct ec_incentive_programme p;
	const struct ec_catalog *cat;
	int rc;

	if ((rc = app_allow(who, EC_MAY_INCENTIVE_MANAGE, d)) != EC_OK)
		return rc;
	if (!(cat = app_catalog(app, d)))
		return EC_EIO;
	if ((rc = check_rules(cat, rules, n, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = programme_get(app, code, &p, d)) == EC_OK) {
		ec_incentive_programme_release(&p);
		if (ec_store_rules_put(app->store, code, rules, n) != EC_OK)
			rc = app_store_failed(app, d);
	}
	return app_end(app, rc, who, d, "incentive.rules", code ? code : "", "audit.incentive_rules|rules=%zu", n);
}

void ec_programme_view_release(struct ec_programme_view *v)
{
	ec_incentive_programme_release(&v->p);
}

void ec_programme_list_release(struct ec_programme_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		ec_programme_view_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

static int collect_programme(void *ctx, const struct ec_incentive_programme *p)
{
	struct ec_programme_list *l = ctx;

	l->items = ec_realloc(l->items, (l->n + 1) * sizeof *l->items);
	memset(&l->items[l->n], 0, sizeof l->items[0]);
	l->items[l->n].p = *p;
	l->items[l->n].p.rules = NULL;
	l->items[l->n].p.nrules = 0;
	l->n++;
	return 0;
}

/* The balances of v's programme, when the actor manages programmes. */
static int view_balance(struct ec_app *app, const struct ec_actor *who, struct ec_programme_view *v,
			struct ec_diag *d)
{
	struct entries l;
	int rc;

	if (!(EC_MAY_INCENTIVE_MANAGE & EC_ROLE_BIT(who->role)))
		return EC_OK;
	if ((rc = read_entries(app, v->p.code, &l, d)) != EC_OK)
		return rc;
	ec_ledger_balance(v->p.budget, l.items, l.n, &v->balance);
	v->has_balance = 1;
	free(l.items);
	return EC_OK;
}

int ec_app_programme_list(struct ec_app *app, const struct ec_actor *who, struct ec_programme_list *out,
			  struct ec_diag *d)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_allow(who, EC_MAY_INCENTIVE_READ, d)) != EC_OK)
		return rc;
	if (ec_store_begin_read(app->store) != EC_OK)
		return app_store_failed(app, d);
	if (ec_store_programme_each(app->store, collect_programme, out) != EC_OK)
		rc = app_store_failed(app, d);
	for (size_t i = 0; rc == EC_OK && i < out->n; i++)
		rc = view_balance(app, who, &out->items[i], d);
	ec_store_commit(app->store);
	if (rc != EC_OK)
		ec_programme_list_release(out);
	return rc;
}

int ec_app_programme_show(struct ec_app *app, const struct ec_actor *who, const char *code,
			  struct ec_programme_view *out, struct ec_diag *d)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_allow(who, EC_MAY_INCENTIVE_READ, d)) != EC_OK)
		return rc;
	if (ec_store_begin_read(app->store) != EC_OK)
		return app_store_failed(app, d);
	if ((rc = programme_get(app, code, &out->p, d)) == EC_OK && (rc = view_balance(app, who, out, d)) != EC_OK)
		ec_programme_view_release(out);
	ec_store_commit(app->store);
	return rc;
}

/* ---- claims ---- */

/* The claim with what the registry knows of its beneficiary, checked
** against the programme: its rule (into *rule) and its beneficiary (a
** valid USCC, or an account that exists). */
static int prepare_claim(struct ec_app *app, const struct ec_actor *who, const struct ec_incentive_programme *p,
			 const struct ec_incentive_claim *c, struct ec_incentive_claim *out,
			 const struct ec_incentive_rule **rule, struct ec_diag *d)
{
	*out = *c;
	if (c->scenario[0]) { /* a claim names a scenario the list holds */
		struct ec_scenario sc;
		int rc = ec_store_scenario_get(app->store, c->scenario, &sc);
		if (rc == EC_ENOTFOUND) {
			ec_diag_problem(d, "incentive.scenario_unknown", NULL, 0, "scenario", "scenario", c->scenario, NULL);
			return EC_EDATA;
		}
		if (rc != EC_OK)
			return app_store_failed(app, d);
	}
	if (!(*rule = ec_incentive_rule_find(p, c->rule))) {
		ec_diag_problem(d, "incentive.rule_not_found", NULL, 0, "rule", "rule", c->rule, "programme", p->code, NULL);
		return EC_EDATA;
	}
	if (c->beneficiary_account) {
		struct ec_user u;
		int rc = ec_store_user_get(app->store, c->beneficiary, &u);
		if (rc == EC_ENOTFOUND) {
			ec_diag_problem(d, "incentive.beneficiary", NULL, 0, "beneficiary", "value", c->beneficiary, NULL);
			return EC_EDATA;
		}
		if (rc != EC_OK)
			return app_store_failed(app, d);
		if (who->role == EC_ROLE_ENTERPRISE && strcmp(c->beneficiary, who->name) != 0) {
			ec_diag_problem(d, "incentive.not_own", NULL, 0, "beneficiary", "beneficiary", c->beneficiary, NULL);
			return EC_EDENIED;
		}
	} else {
		struct ec_uscc_result r;
		struct ec_enterprise e;
		int rc;
		if (ec_uscc_check(c->beneficiary, strlen(c->beneficiary), &r) != EC_OK) {
			ec_diag_problem(d, "incentive.beneficiary", NULL, 0, "beneficiary", "value", c->beneficiary, NULL);
			return EC_EDATA;
		}
		if (who->role == EC_ROLE_ENTERPRISE && strcmp(c->beneficiary, who->scope) != 0) {
			ec_diag_problem(d, "incentive.not_own", NULL, 0, "beneficiary", "beneficiary", c->beneficiary, NULL);
			return EC_EDENIED;
		}
		memset(&e, 0, sizeof e);
		rc = ec_store_enterprise_get(app->store, c->beneficiary, &e);
		if (rc == EC_OK) {
			/* the registry's facts, not the claim's word */
			snprintf(out->region, sizeof out->region, "%s", e.region);
			if (e.sei_primary[0])
				snprintf(out->category, sizeof out->category, "%s", e.sei_primary);
		} else if (rc != EC_ENOTFOUND) {
			return app_store_failed(app, d);
		}
	}
	return EC_OK;
}

/* The award of a claim against entries. */
static int award_of(const struct ec_incentive_rule *rule, const struct ec_incentive_claim *c,
		    const struct entries *l, struct ec_incentive_award *out, struct ec_diag *d)
{
	struct ec_problem why = { 0 };
	double already = ec_ledger_awarded(l->items, l->n, c->beneficiary, c->beneficiary_account, rule->code);

	if (ec_incentive_apply(rule, c, already, out, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		return EC_EDATA;
	}
	return EC_OK;
}

int ec_app_incentive_claim(struct ec_app *app, const struct ec_actor *who, const char *programme,
			   const struct ec_incentive_claim *c, struct ec_incentive_award *out, struct ec_diag *d)
{
	struct ec_incentive_programme p;
	const struct ec_incentive_rule *rule;
	struct ec_incentive_claim claim;
	struct entries l = { 0 };
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_allow(who, EC_MAY_INCENTIVE_READ, d)) != EC_OK)
		return rc;
	if (ec_store_begin_read(app->store) != EC_OK)
		return app_store_failed(app, d);
	if ((rc = programme_get(app, programme, &p, d)) == EC_OK) {
		if ((rc = prepare_claim(app, who, &p, c, &claim, &rule, d)) == EC_OK &&
		    (rc = read_entries(app, p.code, &l, d)) == EC_OK)
			rc = award_of(rule, &claim, &l, out, d);
		ec_incentive_programme_release(&p);
	}
	ec_store_commit(app->store);
	free(l.items);
	return rc;
}

/* A claim's reference: 1..63 printable ASCII bytes. */
static int check_reference(const char *ref, struct ec_diag *d)
{
	size_t n = strlen(ref);

	for (size_t i = 0; i < n; i++)
		if (ref[i] <= ' ' || ref[i] > '~')
			n = 0;
	if (n == 0 || n >= EC_INCENTIVE_REF_MAX) {
		ec_diag_problem(d, "incentive.reference", NULL, 0, "reference", "value", ref, NULL);
		return EC_EDATA;
	}
	return EC_OK;
}

/* Copies a note (NULL: none) into e, refusing one too long. */
static int take_note(struct ec_ledger_entry *e, const char *note, struct ec_diag *d)
{
	return app_text(e->note, sizeof e->note, note ? note : "", "note", d);
}

int ec_app_incentive_approve(struct ec_app *app, const struct ec_actor *who, const char *programme,
			     const struct ec_incentive_claim *c, struct ec_ledger_entry *out, struct ec_diag *d)
{
	struct ec_incentive_programme p;
	const struct ec_incentive_rule *rule;
	struct ec_incentive_claim claim;
	struct ec_incentive_award award;
	struct ec_problem why = { 0 };
	struct entries l = { 0 };
	char amount[32];
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_allow(who, EC_MAY_INCENTIVE_MANAGE, d)) != EC_OK || (rc = check_reference(c->reference, d)) != EC_OK)
		return rc;
	/* the write lock first: what is read below stays true until the commit */
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = programme_get(app, programme, &p, d)) != EC_OK)
		return app_abort(app, rc, d);
	if ((rc = prepare_claim(app, who, &p, c, &claim, &rule, d)) == EC_OK &&
	    (rc = read_entries(app, p.code, &l, d)) == EC_OK && (rc = award_of(rule, &claim, &l, &award, d)) == EC_OK) {
		if (ec_ledger_check_commitment(l.items, l.n, p.budget, claim.reference, award.amount, &why) != EC_OK) {
			ec_diag_put(d, NULL, 0, &why);
			rc = EC_EDATA;
		}
	}
	if (rc == EC_OK) {
		snprintf(out->programme, sizeof out->programme, "%s", p.code);
		out->kind = EC_ENTRY_COMMITMENT;
		out->amount = award.amount;
		snprintf(out->reference, sizeof out->reference, "%s", claim.reference);
		snprintf(out->rule, sizeof out->rule, "%s", rule->code);
		snprintf(out->beneficiary, sizeof out->beneficiary, "%s", claim.beneficiary);
		out->beneficiary_account = claim.beneficiary_account;
		out->side = claim.side;
		out->base_amount = claim.base_amount;
		snprintf(out->scenario, sizeof out->scenario, "%s", claim.scenario);
		out->application = claim.application;
		snprintf(out->reasons, sizeof out->reasons, "%s", award.reasons);
		snprintf(out->by, sizeof out->by, "%s", who->name);
		rc = ec_store_entry_add(app->store, out);
		if (rc == EC_EDATA) /* the unique reference, should a check above have missed it */
			ec_diag_problem(d, "incentive.claim_repeat", NULL, 0, "reference", "reference", claim.reference,
					"entry", "?", NULL);
		else if (rc != EC_OK)
			rc = app_store_failed(app, d);
	}
	ec_incentive_programme_release(&p);
	free(l.items);
	ec_number_format(out->amount, amount);
	return app_end(app, rc, who, d, "incentive.approve", out->programme,
		       "audit.incentive_commitment|entry=%lld|amount=%s|beneficiary=%s|reference=%s",
		       (long long)out->id, amount, out->beneficiary, out->reference);
}

/* A payment or a reversal: checked against the ledger inside the write
** transaction, then written with the beneficiary of the entry it concerns. */
static int follow_up(struct ec_app *app, const struct ec_actor *who, const char *programme, enum ec_entry_kind kind,
		     int64_t refers, double amount, const char *note, struct ec_ledger_entry *out, struct ec_diag *d)
{
	struct ec_incentive_programme p;
	struct ec_problem why = { 0 };
	struct entries l = { 0 };
	char shown[32];
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_allow(who, EC_MAY_INCENTIVE_MANAGE, d)) != EC_OK || (rc = take_note(out, note, d)) != EC_OK)
		return rc;
	if (kind == EC_ENTRY_REVERSAL && !out->note[0]) {
		ec_diag_problem(d, "incentive.reason_needed", NULL, 0, "note", NULL);
		return EC_EDATA;
	}
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	if ((rc = programme_get(app, programme, &p, d)) != EC_OK)
		return app_abort(app, rc, d);
	if ((rc = read_entries(app, p.code, &l, d)) == EC_OK) {
		rc = kind == EC_ENTRY_PAYMENT ? ec_ledger_check_payment(l.items, l.n, refers, amount, &why)
					      : ec_ledger_check_reversal(l.items, l.n, refers, &why);
		if (rc != EC_OK)
			ec_diag_put(d, NULL, 0, &why);
	}
	if (rc == EC_OK) {
		const struct ec_ledger_entry *of = &l.items[ec_ledger_find(l.items, l.n, refers)];
		snprintf(out->programme, sizeof out->programme, "%s", p.code);
		out->kind = kind;
		out->refers = refers;
		out->amount = kind == EC_ENTRY_PAYMENT ? ec_incentive_round(amount) : of->amount;
		snprintf(out->rule, sizeof out->rule, "%s", of->rule);
		snprintf(out->beneficiary, sizeof out->beneficiary, "%s", of->beneficiary);
		out->beneficiary_account = of->beneficiary_account;
		out->side = of->side;
		snprintf(out->scenario, sizeof out->scenario, "%s", of->scenario);
		out->application = of->application;
		snprintf(out->by, sizeof out->by, "%s", who->name);
		if (ec_store_entry_add(app->store, out) != EC_OK)
			rc = app_store_failed(app, d);
	}
	ec_incentive_programme_release(&p);
	free(l.items);
	ec_number_format(out->amount, shown);
	return app_end(app, rc, who, d, kind == EC_ENTRY_PAYMENT ? "incentive.pay" : "incentive.reverse", out->programme,
		       "audit.incentive_follow_up|entry_kind=%s|entry=%lld|amount=%s|beneficiary=%s|refers=%lld",
		       ec_entry_kind_name(kind), (long long)out->id, shown, out->beneficiary, (long long)refers);
}

int ec_app_incentive_pay(struct ec_app *app, const struct ec_actor *who, const char *programme, int64_t commitment,
			 double amount, const char *note, struct ec_ledger_entry *out, struct ec_diag *d)
{
	return follow_up(app, who, programme, EC_ENTRY_PAYMENT, commitment, amount, note, out, d);
}

int ec_app_incentive_reverse(struct ec_app *app, const struct ec_actor *who, const char *programme, int64_t entry,
			     const char *note, struct ec_ledger_entry *out, struct ec_diag *d)
{
	return follow_up(app, who, programme, EC_ENTRY_REVERSAL, entry, NAN, note, out, d);
}

/* ---- the ledger ---- */

void ec_ledger_release(struct ec_ledger *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

int ec_app_incentive_ledger(struct ec_app *app, const struct ec_actor *who, const char *programme,
			    struct ec_ledger *out, struct ec_diag *d)
{
	struct ec_incentive_programme p;
	struct entries l = { 0 };
	int manages = (EC_MAY_INCENTIVE_MANAGE & EC_ROLE_BIT(who->role)) != 0;
	int rc;

	memset(out, 0, sizeof *out);
	ec_incentive_programme_init(&p);
	if ((rc = app_allow(who, EC_MAY_INCENTIVE_READ, d)) != EC_OK)
		return rc;
	if (ec_store_begin_read(app->store) != EC_OK)
		return app_store_failed(app, d);
	if (programme && (rc = programme_get(app, programme, &p, d)) != EC_OK) {
		ec_store_commit(app->store);
		return rc;
	}
	l.only = manages ? NULL : who;
	if (ec_store_entry_each(app->store, programme, NULL, collect_entry, &l) != EC_OK)
		rc = app_store_failed(app, d);
	ec_store_commit(app->store);
	if (rc == EC_OK) {
		out->items = l.items;
		out->n = l.n;
		if (programme && manages) {
			ec_ledger_balance(p.budget, l.items, l.n, &out->balance);
			out->has_balance = 1;
		}
	} else {
		free(l.items);
	}
	if (programme)
		ec_incentive_programme_release(&p);
	return rc;
}

static const char *const ledger_cols[] = { "id",	  "programme", "kind",	  "refers",	  "amount",
					   "reference",	  "rule",      "beneficiary", "side",	  "base_amount",
					   "scenario",	  "application", "reasons",   "note",	  "by",
					   "at" };
static const enum ec_col_kind ledger_kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER,
						 EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						 EC_COL_TEXT,	EC_COL_NUMBER, EC_COL_TEXT, EC_COL_NUMBER,
						 EC_COL_TEXT,	EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT };

void ec_ledger_table(const struct ec_ledger *l, struct ec_table *t)
{
	ec_table_init(t, sizeof ledger_cols / sizeof ledger_cols[0], ledger_cols, ledger_kinds);
	for (size_t i = 0; i < l->n; i++) {
		const struct ec_ledger_entry *e = &l->items[i];
		char id[24], refers[24] = "", amount[32], base[32] = "", application[24] = "";
		snprintf(id, sizeof id, "%lld", (long long)e->id);
		if (e->refers)
			snprintf(refers, sizeof refers, "%lld", (long long)e->refers);
		ec_number_format(e->amount, amount);
		if (e->kind == EC_ENTRY_COMMITMENT)
			ec_number_format(e->base_amount, base);
		if (e->application)
			snprintf(application, sizeof application, "%lld", (long long)e->application);
		ec_table_addv(t, id, e->programme, ec_entry_kind_name(e->kind), refers, amount, e->reference, e->rule,
			      e->beneficiary, ec_incentive_side_name(e->side), base, e->scenario, application, e->reasons,
			      e->note, e->by, e->at);
	}
}

/* ---- the demo's programme ---- */

static const char demo_rules[] =
	"rule,side,base,share_pct,cap,year_cap,categories,regions,sizes,topup_pilot,topup_pct,topup_amount\n"
	"owner,owner,purchase,30,3000,,,,,national,10,\n"
	"supplier,supplier,rd,50,2000,,,,,municipal,,200\n"
	"voucher,voucher,purchase,30,,500,,,medium;small;micro,,,\n";

static int first_sei(void *ctx, const struct ec_enterprise *e)
{
	struct ec_enterprise *firms = ctx;
	int i = 0;

	while (i < 3 && firms[i].uscc[0])
		i++;
	if (e->sei_primary[0] && i < 3)
		firms[i] = *e;
	return i + 1 >= 3 && e->sei_primary[0] ? 1 : 0;
}

/* One demo entry through the same arithmetic and checks as an approval. */
static int demo_commit(struct ec_app *app, const struct ec_incentive_programme *p, const char *ref,
		       const char *rule, const char *uscc, double base, enum ec_pilot pilot, const char *scenario,
		       int64_t *id, struct ec_diag *d)
{
	const struct ec_incentive_rule *r = ec_incentive_rule_find(p, rule);
	struct ec_incentive_claim c;
	struct ec_incentive_award award;
	struct ec_ledger_entry e;
	struct entries l;
	int rc;

	ec_incentive_claim_init(&c);
	snprintf(c.reference, sizeof c.reference, "%s", ref);
	snprintf(c.rule, sizeof c.rule, "%s", rule);
	snprintf(c.beneficiary, sizeof c.beneficiary, "%s", uscc);
	c.side = r->side;
	c.base_amount = base;
	c.pilot = pilot;
	snprintf(c.scenario, sizeof c.scenario, "%s", scenario);
	if ((rc = prepare_claim(app, &(struct ec_actor){ .role = EC_ROLE_ADMIN }, p, &c, &c, &r, d)) != EC_OK ||
	    (rc = read_entries(app, p->code, &l, d)) != EC_OK)
		return rc;
	if ((rc = award_of(r, &c, &l, &award, d)) == EC_OK &&
	    ec_ledger_check_commitment(l.items, l.n, p->budget, ref, award.amount, NULL) != EC_OK)
		rc = EC_EDATA;
	free(l.items);
	if (rc != EC_OK)
		return rc;
	memset(&e, 0, sizeof e);
	snprintf(e.programme, sizeof e.programme, "%s", p->code);
	e.kind = EC_ENTRY_COMMITMENT;
	e.amount = award.amount;
	snprintf(e.reference, sizeof e.reference, "%s", ref);
	snprintf(e.rule, sizeof e.rule, "%s", rule);
	snprintf(e.beneficiary, sizeof e.beneficiary, "%s", uscc);
	e.side = r->side;
	e.base_amount = base;
	snprintf(e.reasons, sizeof e.reasons, "%s", award.reasons);
	snprintf(e.scenario, sizeof e.scenario, "%s", scenario);
	snprintf(e.by, sizeof e.by, "demo");
	if (ec_store_entry_add(app->store, &e) != EC_OK)
		return app_store_failed(app, d);
	*id = e.id;
	return EC_OK;
}

int app_demo_incentives(struct ec_app *app, const struct ec_catalog *cat, int year, struct ec_diag *d)
{
	struct ec_enterprise firms[3];
	struct ec_incentive_programme p;
	struct ec_ledger_entry pay;
	int64_t owner = 0, supplier = 0, voucher = 0;
	char scenario[EC_INCENTIVE_CODE_MAX] = "";
	int rc;

	memset(firms, 0, sizeof firms);
	if (ec_store_enterprise_each(app->store, first_sei, firms) < 0)
		return app_store_failed(app, d);
	if (!firms[2].uscc[0])
		return EC_OK; /* too few SEI enterprises for the example */
	ec_incentive_programme_init(&p);
	snprintf(p.code, sizeof p.code, "SCENE-%d", year);
	snprintf(p.name, sizeof p.name, "%d年应用场景创新资助", year);
	p.year = year;
	p.budget = 50000;
	if ((rc = ec_incentive_rules_parse("demo rules", demo_rules, sizeof demo_rules - 1, &p.rules, &p.nrules, d)) !=
		    EC_OK ||
	    (rc = check_rules(cat, p.rules, p.nrules, d)) != EC_OK)
		goto out;
	if (ec_store_programme_add(app->store, &p) != EC_OK) {
		rc = app_store_failed(app, d);
		goto out;
	}
	/* the owner buys 12 000 in a national pilot: 3 600 capped at 3 000, + 10 % = 3 300;
	** the supplier spends 3 000 on R&D: 1 500; a voucher on 1 200: 360 */
	/* the owner's and the supplier's awards are for the demo's first selected
	** scenario (when there is one), so that its cluster's subsidy paid shows */
	{
		struct ec_scenario *all = NULL;
		size_t n = 0;
		if (ec_store_scenario_list(app->store, &all, &n) != EC_OK) {
			rc = app_store_failed(app, d);
			goto out;
		}
		for (size_t i = 0; i < n && !scenario[0]; i++)
			if (all[i].status == EC_SCN_SELECTED || all[i].status == EC_SCN_COMPLETED)
				snprintf(scenario, sizeof scenario, "%s", all[i].code);
		free(all);
	}
	if ((rc = demo_commit(app, &p, "CJ-001", "owner", firms[0].uscc, 12000, EC_PILOT_NATIONAL, scenario, &owner, d)) ||
	    (rc = demo_commit(app, &p, "CJ-001-S", "supplier", firms[1].uscc, 3000, EC_PILOT_NONE, scenario, &supplier,
			      d)) ||
	    (rc = demo_commit(app, &p, "QJ-017", "voucher", firms[2].uscc, 1200, EC_PILOT_NONE, "", &voucher, d)))
		goto out;
	memset(&pay, 0, sizeof pay);
	snprintf(pay.programme, sizeof pay.programme, "%s", p.code);
	pay.kind = EC_ENTRY_PAYMENT;
	pay.refers = owner;
	pay.amount = 1650;
	snprintf(pay.rule, sizeof pay.rule, "owner");
	snprintf(pay.beneficiary, sizeof pay.beneficiary, "%s", firms[0].uscc);
	snprintf(pay.note, sizeof pay.note, "首期拨付 50%%");
	snprintf(pay.by, sizeof pay.by, "demo");
	if (ec_store_entry_add(app->store, &pay) != EC_OK)
		rc = app_store_failed(app, d);
out:
	ec_incentive_programme_release(&p);
	return rc;
}
