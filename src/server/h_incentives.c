/*
** The incentive routes: programmes and their rules, a claim's award, and
** the subsidy ledger's commitments, payments and reversals, each through
** one use case of src/app/incentives.c; the ledger as JSON or a download.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/incentive_app.h"
#include "server.h"

static json_t *balance_json(const struct ec_ledger_balance *b)
{
	return json_pack("{s:f, s:f, s:f, s:f, s:f, s:I, s:I, s:I}", "budget", b->budget, "committed", b->committed,
			 "paid", b->paid, "outstanding", b->outstanding, "available", b->available, "commitments",
			 (json_int_t)b->commitments, "payments", (json_int_t)b->payments, "reversals",
			 (json_int_t)b->reversals);
}

static json_t *rule_json(const struct ec_incentive_rule *r)
{
	json_t *sizes = json_array();

	for (int s = 1; s < EC_NSIZES; s++)
		if (r->sizes & (1u << s))
			json_array_append_new(sizes, json_string(ec_enterprise_size_name((enum ec_enterprise_size)s)));
	return json_pack("{s:s, s:s, s:s, s:f, s:f, s:f, s:s, s:s, s:o, s:s, s:f, s:f}", "rule", r->code, "side",
			 ec_incentive_side_name(r->side), "base", ec_incentive_base_name(r->base), "share_pct",
			 r->share_pct, "cap", r->cap, "year_cap", r->year_cap, "categories", r->categories, "regions",
			 r->regions, "sizes", sizes, "topup_pilot", ec_pilot_name(r->topup_pilot), "topup_pct",
			 r->topup_pct, "topup_amount", r->topup_amount);
}

static json_t *programme_json(const struct ec_programme_view *v, int with_rules)
{
	json_t *o = json_pack("{s:s, s:s, s:i, s:f}", "code", v->p.code, "name", v->p.name, "year", v->p.year,
			      "budget", v->p.budget);

	json_object_set_new(o, "balance", v->has_balance ? balance_json(&v->balance) : json_null());
	if (with_rules) {
		json_t *rules = json_array();
		for (size_t i = 0; i < v->p.nrules; i++)
			json_array_append_new(rules, rule_json(&v->p.rules[i]));
		json_object_set_new(o, "rules", rules);
	}
	return o;
}

static json_t *entry_json(const struct ec_ledger_entry *e)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:f, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id,
			      "programme", e->programme, "kind", ec_entry_kind_name(e->kind), "amount", e->amount,
			      "reference", e->reference, "rule", e->rule, "beneficiary", e->beneficiary,
			      "beneficiary_kind", e->beneficiary_account ? "account" : "enterprise", "side",
			      ec_incentive_side_name(e->side), "note", e->note, "by", e->by, "at", e->at);

	json_object_set_new(o, "refers", e->refers ? json_integer(e->refers) : json_null());
	json_object_set_new(o, "base_amount", e->kind == EC_ENTRY_COMMITMENT ? json_real(e->base_amount) : json_null());
	json_object_set_new(o, "scenario", e->scenario[0] ? json_string(e->scenario) : json_null());
	json_object_set_new(o, "application", e->application ? json_integer(e->application) : json_null());
	json_object_set_new(o, "reasons", coded_list_json(e->reasons));
	return o;
}

void h_incentive_programmes(struct request *r)
{
	struct ec_programme_list l;
	struct ec_diag d;
	json_t *list;
	int rc;

	ec_diag_init(&d, 10);
	if ((rc = ec_app_programme_list(r->app, &r->actor, &l, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 422);
		ec_diag_release(&d);
		return;
	}
	ec_diag_release(&d);
	list = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(list, programme_json(&l.items[i], 0));
	ec_programme_list_release(&l);
	reply_json(r, 200, list);
}

void h_incentive_programme(struct request *r)
{
	struct ec_programme_view v;
	struct ec_diag d;
	int rc;

	ec_diag_init(&d, 10);
	if ((rc = ec_app_programme_show(r->app, &r->actor, r->path_params[0], &v, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		reply_json(r, 200, programme_json(&v, 1));
		ec_programme_view_release(&v);
	}
	ec_diag_release(&d);
}

/* A string field into dst: absent leaves dst as it is; required absent,
** not a string or too long answers 400. Returns 0 or -1. */
static int text_of(struct request *r, json_t *body, const char *key, int required, char *dst, size_t size)
{
	json_t *v = json_object_get(body, key);
	char max[16];

	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		reply_problem(r, 400, "field.required", key, NULL);
		return -1;
	}
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v)) {
		reply_problem(r, 400, "field.string", key, NULL);
		return -1;
	}
	if (json_string_length(v) >= size) {
		snprintf(max, sizeof max, "%zu", size - 1);
		reply_problem(r, 400, "field.too_long", key, "max", max, NULL);
		return -1;
	}
	memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int number_of(struct request *r, json_t *body, const char *key, int required, double *out)
{
	json_t *v = json_object_get(body, key);

	if (!v || json_is_null(v)) {
		if (!required)
			return 0;
		reply_problem(r, 400, "field.required", key, NULL);
		return -1;
	}
	if (!json_is_number(v)) {
		reply_problem(r, 400, "field.number", key, NULL);
		return -1;
	}
	*out = json_number_value(v);
	return 0;
}

/* An entry's number (a positive integer). */
static int id_of(struct request *r, json_t *body, const char *key, int64_t *out)
{
	json_t *v = json_object_get(body, key);

	if (!v) {
		reply_problem(r, 400, "field.required", key, NULL);
		return -1;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 1) {
		reply_problem(r, 400, "field.number", key, NULL);
		return -1;
	}
	*out = json_integer_value(v);
	return 0;
}

/* A name among those parse knows. */
static int enum_of(struct request *r, json_t *body, const char *key, int required, int (*parse)(const char *),
		   char *(*names)(char *, size_t), int *out)
{
	char value[32] = "", expected[96];

	if (text_of(r, body, key, required, value, sizeof value))
		return -1;
	if (!json_object_get(body, key) && !required)
		return 0;
	if ((*out = parse(value)) < 0) {
		reply_problem(r, 400, "field.enum", key, "value", value, "expected", names(expected, sizeof expected), NULL);
		return -1;
	}
	return 0;
}

/* The rules of a body's "rules": the text of a rules file. */
static int rules_of(struct request *r, json_t *body, struct ec_incentive_rule **rules, size_t *n)
{
	json_t *v = json_object_get(body, "rules");
	struct ec_diag d;
	int rc;

	if (!v || !json_is_string(v)) {
		reply_problem(r, 400, v ? "field.string" : "field.required", "rules", NULL);
		return -1;
	}
	ec_diag_init(&d, 20);
	if ((rc = ec_incentive_rules_parse("rules", json_string_value(v), json_string_length(v), rules, n, &d)) != EC_OK)
		reply_refused(r, rc, &d, 422);
	ec_diag_release(&d);
	return rc == EC_OK ? 0 : -1;
}

void h_incentive_programme_create(struct request *r)
{
	struct ec_incentive_programme p;
	struct ec_programme_view v;
	struct ec_diag d;
	json_t *body = req_json_object(r), *year;
	int rc;

	if (!body)
		return;
	ec_incentive_programme_init(&p);
	year = json_object_get(body, "year");
	if (text_of(r, body, "code", 1, p.code, sizeof p.code) || text_of(r, body, "name", 1, p.name, sizeof p.name) ||
	    number_of(r, body, "budget", 1, &p.budget))
		goto out;
	if (!json_is_integer(year) || json_integer_value(year) < 2000 || json_integer_value(year) > 2100) {
		reply_problem(r, 400, "field.year", "year", NULL);
		goto out;
	}
	p.year = (int)json_integer_value(year);
	if (rules_of(r, body, &p.rules, &p.nrules))
		goto out;
	ec_diag_init(&d, 20);
	if ((rc = ec_app_programme_add(r->app, &r->actor, &p, &d)) != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else {
		memset(&v, 0, sizeof v);
		v.p = p;
		reply_json(r, 201, programme_json(&v, 1));
	}
	ec_diag_release(&d);
out:
	ec_incentive_programme_release(&p);
	json_decref(body);
}

void h_incentive_rules(struct request *r)
{
	struct ec_incentive_rule *rules = NULL;
	struct ec_programme_view v;
	struct ec_diag d;
	json_t *body = req_json_object(r);
	size_t n = 0;
	int rc;

	if (!body)
		return;
	if (rules_of(r, body, &rules, &n) == 0) {
		ec_diag_init(&d, 20);
		rc = ec_app_programme_rules(r->app, &r->actor, r->path_params[0], rules, n, &d);
		if (rc == EC_OK)
			rc = ec_app_programme_show(r->app, &r->actor, r->path_params[0], &v, &d);
		if (rc != EC_OK) {
			reply_refused(r, rc, &d, 422);
		} else {
			reply_json(r, 200, programme_json(&v, 1));
			ec_programme_view_release(&v);
		}
		ec_diag_release(&d);
		free(rules);
	}
	json_decref(body);
}

/* The claim a body describes. Returns 0, or -1 having answered 400. */
static int claim_of(struct request *r, json_t *body, struct ec_incentive_claim *c)
{
	json_t *application = json_object_get(body, "application"), *kind = json_object_get(body, "beneficiary_kind");
	int side = 0, size = 0, pilot = 0;

	ec_incentive_claim_init(c);
	if (text_of(r, body, "reference", 0, c->reference, sizeof c->reference) ||
	    text_of(r, body, "rule", 1, c->rule, sizeof c->rule) ||
	    text_of(r, body, "beneficiary", 1, c->beneficiary, sizeof c->beneficiary) ||
	    text_of(r, body, "category", 0, c->category, sizeof c->category) ||
	    text_of(r, body, "region", 0, c->region, sizeof c->region) ||
	    text_of(r, body, "scenario", 0, c->scenario, sizeof c->scenario) ||
	    enum_of(r, body, "side", 1, ec_incentive_side_parse, ec_incentive_side_names, &side) ||
	    enum_of(r, body, "size", 0, ec_enterprise_size_parse, ec_enterprise_size_names, &size) ||
	    enum_of(r, body, "pilot", 0, ec_pilot_parse, ec_pilot_names, &pilot) ||
	    number_of(r, body, "base_amount", 1, &c->base_amount))
		return -1;
	if (kind && !(json_is_string(kind) && (!strcmp(json_string_value(kind), "enterprise") ||
					       !strcmp(json_string_value(kind), "account")))) {
		reply_problem(r, 400, "field.enum", "beneficiary_kind", "value",
			      json_is_string(kind) ? json_string_value(kind) : "?", "expected", "enterprise or account",
			      NULL);
		return -1;
	}
	c->beneficiary_account = kind && !strcmp(json_string_value(kind), "account");
	if (application && !json_is_null(application)) {
		if (!json_is_integer(application) || json_integer_value(application) < 1) {
			reply_problem(r, 400, "field.number", "application", NULL);
			return -1;
		}
		c->application = json_integer_value(application);
	}
	c->side = (enum ec_incentive_side)side;
	c->size = (enum ec_enterprise_size)size;
	c->pilot = (enum ec_pilot)pilot;
	return 0;
}

void h_incentive_claim(struct request *r)
{
	struct ec_incentive_claim c;
	struct ec_incentive_award award;
	struct ec_diag d;
	json_t *body = req_json_object(r);
	int rc;

	if (!body)
		return;
	if (claim_of(r, body, &c) == 0) {
		ec_diag_init(&d, 10);
		if ((rc = ec_app_incentive_claim(r->app, &r->actor, r->path_params[0], &c, &award, &d)) != EC_OK)
			reply_refused(r, rc, &d, 422);
		else
			reply_json(r, 200, json_pack("{s:f, s:o}", "amount", award.amount, "reasons",
						     coded_list_json(award.reasons)));
		ec_diag_release(&d);
	}
	json_decref(body);
}

static void entry_answer(struct request *r, int rc, struct ec_diag *d, const struct ec_ledger_entry *e)
{
	if (rc != EC_OK)
		reply_refused(r, rc, d, 422);
	else
		reply_json(r, 201, entry_json(e));
}

void h_incentive_commitment(struct request *r)
{
	struct ec_incentive_claim c;
	struct ec_ledger_entry e;
	struct ec_diag d;
	json_t *body = req_json_object(r);

	if (!body)
		return;
	if (claim_of(r, body, &c) == 0) {
		ec_diag_init(&d, 10);
		entry_answer(r, ec_app_incentive_approve(r->app, &r->actor, r->path_params[0], &c, &e, &d), &d, &e);
		ec_diag_release(&d);
	}
	json_decref(body);
}

void h_incentive_payment(struct request *r)
{
	struct ec_ledger_entry e;
	struct ec_diag d;
	json_t *body = req_json_object(r);
	char note[EC_INCENTIVE_NOTE_MAX] = "";
	int64_t commitment;
	double amount = NAN;

	if (!body)
		return;
	if (!id_of(r, body, "commitment", &commitment) && !number_of(r, body, "amount", 1, &amount) &&
	    !text_of(r, body, "note", 0, note, sizeof note)) {
		ec_diag_init(&d, 10);
		entry_answer(r, ec_app_incentive_pay(r->app, &r->actor, r->path_params[0], commitment, amount, note, &e, &d),
			     &d, &e);
		ec_diag_release(&d);
	}
	json_decref(body);
}

void h_incentive_reversal(struct request *r)
{
	struct ec_ledger_entry e;
	struct ec_diag d;
	json_t *body = req_json_object(r);
	char note[EC_INCENTIVE_NOTE_MAX] = "";
	int64_t entry;

	if (!body)
		return;
	if (!id_of(r, body, "entry", &entry) && !text_of(r, body, "note", 0, note, sizeof note)) {
		ec_diag_init(&d, 10);
		entry_answer(r, ec_app_incentive_reverse(r->app, &r->actor, r->path_params[0], entry, note, &e, &d), &d,
			     &e);
		ec_diag_release(&d);
	}
	json_decref(body);
}

/* The ledger of one programme (code) or the actor's awards in every
** programme (NULL). */
static void ledger(struct request *r, const char *code)
{
	struct ec_export x;
	struct ec_ledger l;
	struct ec_diag d;
	int file, rc;

	if ((file = req_download(r, &x)) < 0)
		return;
	ec_diag_init(&d, 10);
	rc = ec_app_incentive_ledger(r->app, &r->actor, code, &l, &d);
	if (rc != EC_OK) {
		reply_refused(r, rc, &d, 422);
	} else if (file) {
		struct ec_table t;
		char base[64];
		snprintf(base, sizeof base, "ledger-%.40s", code ? code : "awards");
		ec_ledger_table(&l, &t);
		reply_download_one(r, &t, x.lang == EC_LANG_ZH ? "资助台账" : "ledger", &x, base);
		ec_table_release(&t);
	} else {
		json_t *entries = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(entries, entry_json(&l.items[i]));
		reply_json(r, 200, json_pack("{s:o, s:o}", "balance", l.has_balance ? balance_json(&l.balance) : json_null(),
					     "entries", entries));
	}
	if (rc == EC_OK)
		ec_ledger_release(&l);
	ec_diag_release(&d);
}

void h_incentive_ledger(struct request *r)
{
	ledger(r, r->path_params[0]);
}

void h_incentive_awards(struct request *r)
{
	ledger(r, NULL);
}
