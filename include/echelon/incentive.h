/*
** Incentive programmes for application scenarios and their subsidy ledger:
** the rules of a programme held as data, applying a rule to a claim (an
** amount with every step of its arithmetic as coded reasons), and the
** balances and checks of a ledger of commitments, payments and reversals,
** all over plain arrays. No I/O: the rules file is read by
** src/format/incentive_file.c, the ledger is kept by src/app/incentives.c.
** The formulas are in docs/methods.md ("Incentives and the subsidy ledger").
*/
#ifndef ECHELON_INCENTIVE_H
#define ECHELON_INCENTIVE_H

#include <stddef.h>
#include <stdint.h>
#include "echelon.h"

#define EC_INCENTIVE_CODE_MAX 32     /* a programme's or a rule's code, NUL included */
#define EC_INCENTIVE_NAME_MAX 256
#define EC_INCENTIVE_REF_MAX 64      /* a claim's reference, NUL included */
#define EC_INCENTIVE_BENEFICIARY_MAX 65 /* a USCC or an account's name */
#define EC_INCENTIVE_REASONS_MAX 640
#define EC_INCENTIVE_NOTE_MAX 256
#define EC_INCENTIVE_RULES_MAX 64    /* rules of one programme */
/* The largest amount, budget or base: a thousand billion yuan. */
#define EC_INCENTIVE_AMOUNT_MAX 1e9

/* Who the rule rewards: the scenario's owner (the demand side buying a
** solution), the supplier (for its R&D), or a demand-side voucher. */
enum ec_incentive_side { EC_SIDE_OWNER, EC_SIDE_SUPPLIER, EC_SIDE_VOUCHER, EC_NSIDES };
/* What the share is taken of: the purchase amount or the R&D spend. */
enum ec_incentive_base { EC_BASE_PURCHASE, EC_BASE_RD, EC_NBASES };
/* An enterprise's size (GB/T statistical division), unknown when not given. */
enum ec_enterprise_size { EC_SIZE_UNKNOWN, EC_SIZE_LARGE, EC_SIZE_MEDIUM, EC_SIZE_SMALL, EC_SIZE_MICRO, EC_NSIZES };
/* The pilot a claim's project is part of; a rule's top-up names the
** lowest that earns it (municipal: a municipal or a national pilot). */
enum ec_pilot { EC_PILOT_NONE, EC_PILOT_MUNICIPAL, EC_PILOT_NATIONAL, EC_NPILOTS };

/* Names as written in files, on the command line and in the API ("owner",
** "rd", "small", "national"). _parse returns the value or -1; _name a
** static string ("?" out of range). "" parses as EC_SIZE_UNKNOWN and
** EC_PILOT_NONE. */
int ec_incentive_side_parse(const char *s);
const char *ec_incentive_side_name(enum ec_incentive_side v);
int ec_incentive_base_parse(const char *s);
const char *ec_incentive_base_name(enum ec_incentive_base v);
int ec_enterprise_size_parse(const char *s);
const char *ec_enterprise_size_name(enum ec_enterprise_size v);
int ec_pilot_parse(const char *s);
const char *ec_pilot_name(enum ec_pilot v);
/* The names allowed, for messages ("owner, supplier or voucher"), into
** out. Return out. Can't fail. */
char *ec_incentive_side_names(char *out, size_t size);
char *ec_incentive_base_names(char *out, size_t size);
char *ec_enterprise_size_names(char *out, size_t size);
char *ec_pilot_names(char *out, size_t size);

/* One rule of a programme. */
struct ec_incentive_rule {
	char code[EC_INCENTIVE_CODE_MAX];
	enum ec_incentive_side side;
	enum ec_incentive_base base;
	double share_pct;      /* of the base, (0, 100] */
	double cap;            /* largest award, 0 = none */
	double year_cap;       /* largest sum of one beneficiary's awards under the rule in the programme's year, 0 = none */
	char categories[256];  /* ';'-separated SEI codes (prefixes by level), "" = any */
	char regions[256];     /* ';'-separated GB/T 2260 prefixes (2, 4 or 6 digits), "" = any */
	unsigned sizes;        /* mask (1u << size) of the sizes eligible, 0 = any */
	enum ec_pilot topup_pilot; /* EC_PILOT_NONE: no top-up */
	double topup_pct;      /* added: this percent of the capped award */
	double topup_amount;   /* added: this amount */
};

/* A programme: a budget for a year and its rules (owned: ec_malloc'd,
** released by ec_incentive_programme_release). */
struct ec_incentive_programme {
	char code[EC_INCENTIVE_CODE_MAX];
	char name[EC_INCENTIVE_NAME_MAX];
	int year;
	double budget;         /* thousand yuan, > 0 */
	struct ec_incentive_rule *rules;
	size_t nrules;
};

void ec_incentive_programme_init(struct ec_incentive_programme *p);
void ec_incentive_programme_release(struct ec_incentive_programme *p);
/* The rule of that code, or NULL. */
const struct ec_incentive_rule *ec_incentive_rule_find(const struct ec_incentive_programme *p, const char *code);

/* Checks a programme's own fields: code (1..31 of A-Z a-z 0-9 - _ .),
** name (1..255 bytes), year (2000..2100), budget (0 < budget <= 1e9).
** Returns 0, or EC_EDATA with the first problem in *why (may be NULL). */
int ec_incentive_programme_check(const struct ec_incentive_programme *p, struct ec_problem *why /* OUT */);
/* Checks a rule's fields (code as a programme's, share, caps, top-up >= 0
** and finite; the category and region lists' form: codes of digits and
** dots, prefixes of 2, 4 or 6 digits). Whether the codes are in the
** catalogue is the caller's to check. Returns 0, or EC_EDATA with the
** problem about its field in *why. */
int ec_incentive_rule_check(const struct ec_incentive_rule *r, struct ec_problem *why /* OUT */);

/* A claim: what an award under a rule is computed from. */
struct ec_incentive_claim {
	char reference[EC_INCENTIVE_REF_MAX];     /* unique within a programme: a claim is approved once */
	char rule[EC_INCENTIVE_CODE_MAX];
	char beneficiary[EC_INCENTIVE_BENEFICIARY_MAX]; /* an enterprise's USCC, or an account's name */
	int beneficiary_account;                  /* 1: beneficiary names an account */
	enum ec_incentive_side side;
	double base_amount;                       /* the purchase or R&D spend, thousand yuan */
	char category[16];                        /* the beneficiary's SEI category, "" unknown */
	char region[8];                           /* its region (6 digits), "" unknown */
	enum ec_enterprise_size size;
	enum ec_pilot pilot;
	char scenario[EC_INCENTIVE_CODE_MAX];     /* the scenario's code, "" none (no link yet) */
	int64_t application;                      /* the application's id, 0 none (no link yet) */
};

void ec_incentive_claim_init(struct ec_incentive_claim *c);

/* An award: the amount and every step that made it, coded reasons joined
** by "; " ("incentive.share|base=purchase|amount=…|share_pct=…|result=…"). */
struct ec_incentive_award {
	double amount;         /* thousand yuan, rounded to the yuan (3 decimals) */
	char reasons[EC_INCENTIVE_REASONS_MAX];
};

/* Rounds an amount to the yuan (0.001 thousand yuan), halves away from
** zero. Can't fail. */
double ec_incentive_round(double amount);

/* Applies rule r to claim c, given already, the sum of the beneficiary's
** live awards under the rule in the programme (ec_ledger_awarded): the
** eligibility (side, category, region, size, a base > 0), then the share,
** the cap per award, the top-up and the room left under the year cap, in
** that order (docs/methods.md). Returns 0 with *out filled, or EC_EDATA
** with the refusal (incentive.side, incentive.category, incentive.region,
** incentive.size, incentive.base, incentive.year_cap_reached) in *why (may
** be NULL) and *out's reasons holding the steps up to the refusal. */
int ec_incentive_apply(const struct ec_incentive_rule *r, const struct ec_incentive_claim *c, double already,
		       struct ec_incentive_award *out /* OUT */, struct ec_problem *why /* OUT */);

/* ---- the ledger ---- */

/* An entry: a commitment (an approved award), a payment against a
** commitment, or a reversal of an entry. Entries are never changed or
** removed; a reversal cancels the entry it names. */
enum ec_entry_kind { EC_ENTRY_COMMITMENT, EC_ENTRY_PAYMENT, EC_ENTRY_REVERSAL, EC_NENTRY_KINDS };
int ec_entry_kind_parse(const char *s);
const char *ec_entry_kind_name(enum ec_entry_kind k);

struct ec_ledger_entry {
	int64_t id;            /* from 1, in the order written */
	char programme[EC_INCENTIVE_CODE_MAX];
	enum ec_entry_kind kind;
	int64_t refers;        /* a payment's commitment, a reversal's entry; 0 for a commitment */
	double amount;         /* > 0, thousand yuan */
	/* a commitment's claim (a payment and a reversal copy the
	** beneficiary of the commitment they concern) */
	char reference[EC_INCENTIVE_REF_MAX];
	char rule[EC_INCENTIVE_CODE_MAX];
	char beneficiary[EC_INCENTIVE_BENEFICIARY_MAX];
	int beneficiary_account;
	enum ec_incentive_side side;
	double base_amount;
	char scenario[EC_INCENTIVE_CODE_MAX];
	int64_t application;
	char reasons[EC_INCENTIVE_REASONS_MAX];
	char note[EC_INCENTIVE_NOTE_MAX];
	char by[96];           /* who wrote it */
	char at[32];           /* UTC, ISO 8601 */
};

/* The balances of a programme's ledger. */
struct ec_ledger_balance {
	double budget;
	double committed;      /* live commitments */
	double paid;           /* live payments */
	double outstanding;    /* committed - paid: approved, not yet paid */
	double available;      /* budget - committed */
	size_t commitments, payments, reversals; /* live commitments and payments; reversals */
};

/* Whether entry id is reversed (a reversal names it). Can't fail. */
int ec_ledger_reversed(const struct ec_ledger_entry *e, size_t n, int64_t id);
/* The balances of entries e[0..n) of one programme with that budget. Can't
** fail. */
void ec_ledger_balance(double budget, const struct ec_ledger_entry *e, size_t n, struct ec_ledger_balance *out /* OUT */);
/* The live payments against commitment id. Can't fail. */
double ec_ledger_paid_on(const struct ec_ledger_entry *e, size_t n, int64_t id);
/* The sum of the live commitments of a beneficiary under a rule (the
** "already" of ec_incentive_apply). Can't fail. */
double ec_ledger_awarded(const struct ec_ledger_entry *e, size_t n, const char *beneficiary, int account,
			 const char *rule);
/* The index of entry id, or -1. */
long ec_ledger_find(const struct ec_ledger_entry *e, size_t n, int64_t id);

/* The checks of a new entry against entries e[0..n) of the programme, the
** one place the ledger's rules are kept. Each returns 0, or EC_EDATA with
** the problem in *why (may be NULL):
**   commitment: its reference not yet used (incentive.claim_repeat), its
**     amount > 0 and within the available budget (incentive.budget);
**   payment: against a live commitment (incentive.no_commitment,
**     incentive.reversed), amount > 0, paid so far + amount <= the
**     commitment (incentive.overpaid);
**   reversal: of a live commitment with no live payment
**     (incentive.has_payments) or of a live payment; never of a reversal
**     (incentive.reverse_reversal) nor twice (incentive.reversed).
** Entry ids that do not exist are EC_ENOTFOUND (incentive.entry_not_found). */
int ec_ledger_check_commitment(const struct ec_ledger_entry *e, size_t n, double budget, const char *reference,
			       double amount, struct ec_problem *why /* OUT */);
int ec_ledger_check_payment(const struct ec_ledger_entry *e, size_t n, int64_t commitment, double amount,
			    struct ec_problem *why /* OUT */);
int ec_ledger_check_reversal(const struct ec_ledger_entry *e, size_t n, int64_t entry, struct ec_problem *why /* OUT */);

/* ---- the rules file (src/format/incentive_file.c) ---- */

/* Reads a rules file (docs/formats.md, "Incentive rules") into rules,
** allocated (caller frees), checking every row (ec_incentive_rule_check,
** codes once each, at most EC_INCENTIVE_RULES_MAX). Returns 0, or EC_EDATA
** with the problems in d at name:line:column and *rules NULL. */
int ec_incentive_rules_parse(const char *name, const char *data, size_t len, struct ec_incentive_rule **rules /* OUT */,
			     size_t *n /* OUT */, struct ec_diag *d);
/* Writes rules as a rules file (its header and one row each) to b, which
** reads back the same. Returns 0, or EC_ELIMIT when b is full. */
int ec_incentive_rules_write(const struct ec_incentive_rule *rules, size_t n, struct ec_buf *b);

#endif
