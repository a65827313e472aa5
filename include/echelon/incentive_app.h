/*
** The use cases of incentive programmes and their subsidy ledger
** (src/app/incentives.c), shared by the command and the server: adding a
** programme and its rules, computing a claim, and approving, paying and
** reversing awards, each checked and written in one transaction with its
** audit line. What the functions return is as app.h says.
*/
#ifndef ECHELON_INCENTIVE_APP_H
#define ECHELON_INCENTIVE_APP_H

#include "app.h"
#include "incentive.h"

/* Who may do what. Admins and analysts manage programmes and the ledger.
** An enterprise account reads the programmes (their rules, not their
** balances), computes its own claims and reads its own awards. Agencies
** and funds are refused: a subsidy is a figure about one enterprise, and
** a programme's balances are few awards added up (docs/architecture.md). */
#define EC_MAY_INCENTIVE_MANAGE EC_MAY_ANALYSE
#define EC_MAY_INCENTIVE_READ (EC_MAY_ANALYSE | EC_ROLE_BIT(EC_ROLE_ENTERPRISE))

/* Adds programme p with its rules (copied), after ec_incentive_programme_check,
** each rule's check and the rules' categories against the catalogue.
** Audited as incentive.programme. Refused: incentive.programme_exists. */
int ec_app_programme_add(struct ec_app *app, const struct ec_actor *who, const struct ec_incentive_programme *p,
			 struct ec_diag *d);
/* Replaces the rules of programme code with rules[0..n) (n >= 1). Awards
** already made keep their amounts and reasons. Audited as incentive.rules. */
int ec_app_programme_rules(struct ec_app *app, const struct ec_actor *who, const char *code,
			   const struct ec_incentive_rule *rules, size_t n, struct ec_diag *d);

/* A programme as a face shows it. */
struct ec_programme_view {
	struct ec_incentive_programme p;  /* with its rules (show) or without (list) */
	struct ec_ledger_balance balance; /* only when has_balance */
	int has_balance;                  /* the actor may see balances */
};
struct ec_programme_list {
	struct ec_programme_view *items;
	size_t n;
};
void ec_programme_view_release(struct ec_programme_view *v);
void ec_programme_list_release(struct ec_programme_list *l);

/* Every programme, in registration order, with its balances for those who
** manage them. */
int ec_app_programme_list(struct ec_app *app, const struct ec_actor *who, struct ec_programme_list *out /* OUT */,
			  struct ec_diag *d);
/* One programme with its rules (and balances as for the list);
** EC_ENOTFOUND with incentive.programme_not_found. */
int ec_app_programme_show(struct ec_app *app, const struct ec_actor *who, const char *code,
			  struct ec_programme_view *out /* OUT */, struct ec_diag *d);

/* Computes the award a claim would get under programme's rule, against the
** ledger as it is, writing nothing. An enterprise account claims only for
** itself. The beneficiary's SEI category and region come from the
** enterprise registry when it is registered there, else from the claim.
** Returns 0 with *out, or the refusal (ec_incentive_apply's, or
** incentive.programme_not_found, incentive.rule_not_found,
** incentive.beneficiary). */
int ec_app_incentive_claim(struct ec_app *app, const struct ec_actor *who, const char *programme,
			   const struct ec_incentive_claim *c, struct ec_incentive_award *out /* OUT */, struct ec_diag *d);

/* Approves a claim: computes its award and writes it as a commitment, in
** one write transaction that first takes the database's write lock, so the
** checks (the year cap, the claim's reference unused, the amount within
** the available budget) and the write see the same ledger whichever
** process or thread approves at the same time. Audited as
** incentive.approve. *out is the entry written. */
int ec_app_incentive_approve(struct ec_app *app, const struct ec_actor *who, const char *programme,
			     const struct ec_incentive_claim *c, struct ec_ledger_entry *out /* OUT */,
			     struct ec_diag *d);
/* Pays amount against commitment (ec_ledger_check_payment), audited as
** incentive.pay; note may be NULL. */
int ec_app_incentive_pay(struct ec_app *app, const struct ec_actor *who, const char *programme, int64_t commitment,
			 double amount, const char *note, struct ec_ledger_entry *out /* OUT */, struct ec_diag *d);
/* Reverses entry (ec_ledger_check_reversal) with a reason (note, required),
** audited as incentive.reverse. */
int ec_app_incentive_reverse(struct ec_app *app, const struct ec_actor *who, const char *programme, int64_t entry,
			     const char *note, struct ec_ledger_entry *out /* OUT */, struct ec_diag *d);

/* The entries of a programme (NULL: of every programme) the actor may
** see, by id: all for those who manage, an enterprise's own (its USCC, or
** its account) otherwise; with the programme's balances for those who
** manage when one programme is asked for. */
struct ec_ledger {
	struct ec_ledger_entry *items;
	size_t n;
	struct ec_ledger_balance balance;
	int has_balance;
};
void ec_ledger_release(struct ec_ledger *l);
int ec_app_incentive_ledger(struct ec_app *app, const struct ec_actor *who, const char *programme,
			    struct ec_ledger *out /* OUT */, struct ec_diag *d);

/* The ledger's entries as a table for the command and downloads: id,
** programme, kind, refers, amount, reference, rule, beneficiary, side,
** base_amount, scenario, application, reasons, note, by, at. Fills t
** (uninitialised). Can't fail. */
void ec_ledger_table(const struct ec_ledger *l, struct ec_table *t /* OUT */);

#endif
