/*
** echelon incentive: incentive programmes for application scenarios and
** their subsidy ledger — programmes and rules, the award a claim would get,
** and approving, paying and reversing awards (src/app/incentives.c).
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/incentive_app.h"

static const char *words(const char *zh, const char *en)
{
	return cli_lang() == EC_LANG_ZH ? zh : en;
}

/* A whole number option in [lo, hi] into *out (unchanged when absent). */
static int int_opt(const struct cli_args *a, const char *name, long long lo, long long hi, long long *out)
{
	const char *s = cli_opt(a, name);
	char *end;
	long long v;

	if (!s)
		return EC_EXIT_OK;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return cli_usage(a, "--%s number.range|value=%s|min=%lld|max=%lld", name, s, lo, hi);
	*out = v;
	return EC_EXIT_OK;
}

/* A positional entry number. */
static int entry_arg(const struct cli_args *a, const char *s, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 1)
		return cli_usage(a, "number.range|value=%s|min=1|max=9223372036854775807", s);
	*out = v;
	return EC_EXIT_OK;
}

/* Reads a rules file. Returns 0 or an exit code (problems printed). */
static int read_rules(const char *path, struct ec_incentive_rule **rules, size_t *n)
{
	struct ec_csv file;
	struct ec_diag d;
	int rc, status;

	if (ec_csv_open(&file, path) != EC_OK)
		return cli_fail(EC_EXIT_IO, "%s", file.error);
	ec_diag_init(&d, 100);
	status = ec_incentive_rules_parse(path, file.data, file.len, rules, n, &d);
	ec_csv_release(&file);
	rc = status == EC_OK ? EC_EXIT_OK : cli_refused(status, &d, NULL);
	ec_diag_release(&d);
	return rc;
}

static void print_rules(const struct ec_incentive_rule *rules, size_t n)
{
	struct ec_buf b;

	ec_buf_init(&b, 0);
	ec_incentive_rules_write(rules, n, &b);
	fwrite(b.data, 1, b.len, stdout);
	ec_buf_release(&b);
}

static void print_balance(const struct ec_ledger_balance *bal)
{
	char budget[40], committed[40], paid[40], outstanding[40], available[40];

	printf(words("预算 %s 千元，已承诺 %s，已拨付 %s，待拨付 %s，可用 %s\n",
		     "budget %s thousand yuan, committed %s, paid %s, outstanding %s, available %s\n"),
	       ec_amount_format(bal->budget, budget), ec_amount_format(bal->committed, committed),
	       ec_amount_format(bal->paid, paid), ec_amount_format(bal->outstanding, outstanding),
	       ec_amount_format(bal->available, available));
}

static int programme_add(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	struct ec_incentive_programme p;
	struct ec_diag d;
	long long year = 0;
	int rc;

	ec_incentive_programme_init(&p);
	if (a->npositional != 3 || !cli_opt(a, "name") || !cli_opt(a, "year") || !cli_opt(a, "budget") ||
	    !cli_opt(a, "rules"))
		return cli_usage(a, "programme add CODE --name N --year Y --budget B --rules FILE");
	snprintf(p.code, sizeof p.code, "%s", a->positional[2]);
	if (strlen(a->positional[2]) >= sizeof p.code || strlen(cli_opt(a, "name")) >= sizeof p.name)
		return cli_usage(a, "the code is at most %zu bytes, the name %zu", sizeof p.code - 1, sizeof p.name - 1);
	snprintf(p.name, sizeof p.name, "%s", cli_opt(a, "name"));
	if ((rc = int_opt(a, "year", 2000, 2100, &year)) || (rc = cli_amount(a, "budget", &p.budget)))
		return rc;
	p.year = (int)year;
	if ((rc = read_rules(cli_opt(a, "rules"), &p.rules, &p.nrules)) != EC_EXIT_OK)
		return rc;
	ec_diag_init(&d, 100);
	rc = cli_changed(ec_app_programme_add(app, who, &p, &d), &d, words("资助计划", "programme"), p.code,
			 words("已新增", "added"));
	ec_diag_release(&d);
	ec_incentive_programme_release(&p);
	return rc;
}

static int programme_list(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	static const char *const cols[] = { "code", "name", "year", "budget", "committed", "paid", "outstanding",
					    "available" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT,	 EC_COL_TEXT,	EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER };
	struct ec_programme_list l;
	struct ec_diag d;
	struct ec_table t;
	enum ec_format fmt;
	int rc, status;

	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	ec_diag_init(&d, 10);
	if ((status = ec_app_programme_list(app, who, &l, &d)) != EC_OK) {
		rc = cli_refused(status, &d, NULL);
		ec_diag_release(&d);
		return rc;
	}
	ec_diag_release(&d);
	ec_table_init(&t, 8, cols, kinds);
	for (size_t i = 0; i < l.n; i++) {
		const struct ec_programme_view *v = &l.items[i];
		char year[16], budget[32], c[32] = "", p[32] = "", o[32] = "", av[32] = "";
		snprintf(year, sizeof year, "%d", v->p.year);
		ec_number_format(v->p.budget, budget);
		if (v->has_balance) {
			ec_number_format(v->balance.committed, c);
			ec_number_format(v->balance.paid, p);
			ec_number_format(v->balance.outstanding, o);
			ec_number_format(v->balance.available, av);
		}
		ec_table_addv(&t, v->p.code, v->p.name, year, budget, c, p, o, av);
	}
	ec_programme_list_release(&l);
	return cli_write_table(&t, fmt);
}

static int programme_show(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	struct ec_programme_view v;
	struct ec_diag d;
	int rc = EC_EXIT_OK, status;

	if (a->npositional != 3)
		return cli_usage(a, "programme show CODE");
	ec_diag_init(&d, 10);
	status = ec_app_programme_show(app, who, a->positional[2], &v, &d);
	if (status != EC_OK) {
		rc = cli_refused(status, &d, a->positional[2]);
	} else {
		printf("%s  %s  %d\n", v.p.code, v.p.name, v.p.year);
		if (v.has_balance)
			print_balance(&v.balance);
		print_rules(v.p.rules, v.p.nrules);
		ec_programme_view_release(&v);
	}
	ec_diag_release(&d);
	return rc;
}

/* Runs fn over the application and the actor. */
static int with_app(struct cli_args *a, int flags,
		    int (*fn)(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who))
{
	struct ec_actor who;
	struct ec_app *app;
	int rc;

	if ((rc = cli_open_app(a, flags, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) == EC_EXIT_OK)
		rc = fn(a, app, &who);
	ec_app_close(app);
	return rc;
}

static int programme(struct cli_args *a)
{
	const char *what = a->positional[1];

	if (!strcmp(what, "add"))
		return with_app(a, 0, programme_add);
	if (!strcmp(what, "list"))
		return with_app(a, EC_STORE_READONLY, programme_list);
	if (!strcmp(what, "show"))
		return with_app(a, EC_STORE_READONLY, programme_show);
	return cli_usage(a, "programme add|list|show, not '%s'", what);
}

static int rules_run(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	struct ec_incentive_rule *rules = NULL;
	struct ec_diag d;
	size_t n = 0;
	int rc;

	if (a->npositional == 2) { /* print the programme's rules */
		struct ec_programme_view v;
		int status;
		ec_diag_init(&d, 10);
		if ((status = ec_app_programme_show(app, who, a->positional[1], &v, &d)) == EC_OK) {
			print_rules(v.p.rules, v.p.nrules);
			ec_programme_view_release(&v);
			rc = EC_EXIT_OK;
		} else {
			rc = cli_refused(status, &d, a->positional[1]);
		}
		ec_diag_release(&d);
		return rc;
	}
	if ((rc = read_rules(a->positional[2], &rules, &n)) != EC_EXIT_OK)
		return rc;
	ec_diag_init(&d, 100);
	rc = cli_changed(ec_app_programme_rules(app, who, a->positional[1], rules, n, &d), &d,
			 words("资助计划", "programme"), a->positional[1], words("的规则已替换", "rules replaced"));
	ec_diag_release(&d);
	free(rules);
	return rc;
}

static int rules(struct cli_args *a)
{
	if (a->npositional == 2 && !cli_opt(a, "db")) { /* a file alone: check it and print it back */
		struct ec_incentive_rule *r;
		size_t n;
		int rc = read_rules(a->positional[1], &r, &n);
		if (rc == EC_EXIT_OK) {
			print_rules(r, n);
			free(r);
		}
		return rc;
	}
	return with_app(a, 0, rules_run);
}

/* The claim the options describe. */
static int claim_of(const struct cli_args *a, struct ec_incentive_claim *c)
{
	static const struct {
		const char *opt;
		size_t size;
		size_t off;
	} texts[] = {
		{ "reference", EC_INCENTIVE_REF_MAX, offsetof(struct ec_incentive_claim, reference) },
		{ "rule", EC_INCENTIVE_CODE_MAX, offsetof(struct ec_incentive_claim, rule) },
		{ "beneficiary", EC_INCENTIVE_BENEFICIARY_MAX, offsetof(struct ec_incentive_claim, beneficiary) },
		{ "category", 16, offsetof(struct ec_incentive_claim, category) },
		{ "region", 8, offsetof(struct ec_incentive_claim, region) },
		{ "scenario", EC_INCENTIVE_CODE_MAX, offsetof(struct ec_incentive_claim, scenario) },
	};
	long long application = 0;
	const char *s;
	char names[96];
	int v, rc;

	ec_incentive_claim_init(c);
	if (!cli_opt(a, "rule") || !cli_opt(a, "beneficiary") || !cli_opt(a, "side") || !cli_opt(a, "base-amount"))
		return cli_usage(a, "cli.required|option=--rule, --beneficiary, --side, --base-amount|arg=");
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		if (!(s = cli_opt(a, texts[i].opt)))
			continue;
		if (strlen(s) >= texts[i].size)
			return cli_usage(a, "--%s field.too_long|max=%zu", texts[i].opt, texts[i].size - 1);
		snprintf((char *)c + texts[i].off, texts[i].size, "%s", s);
	}
	c->beneficiary_account = cli_opt(a, "account") != NULL;
	if ((v = ec_incentive_side_parse(cli_opt(a, "side"))) < 0)
		return cli_usage(a, "--side field.enum|value=%s|expected=%s", cli_opt(a, "side"), ec_incentive_side_names(names, sizeof names));
	c->side = (enum ec_incentive_side)v;
	if ((v = ec_enterprise_size_parse(cli_opt_or(a, "size", ""))) < 0)
		return cli_usage(a, "--size field.enum|value=%s|expected=%s", cli_opt(a, "size"), ec_enterprise_size_names(names, sizeof names));
	c->size = (enum ec_enterprise_size)v;
	if ((v = ec_pilot_parse(cli_opt_or(a, "pilot", ""))) < 0)
		return cli_usage(a, "--pilot field.enum|value=%s|expected=%s", cli_opt(a, "pilot"), ec_pilot_names(names, sizeof names));
	c->pilot = (enum ec_pilot)v;
	if ((rc = cli_amount(a, "base-amount", &c->base_amount)) ||
	    (rc = int_opt(a, "application", 1, INT64_MAX, &application)))
		return rc;
	c->application = application;
	return EC_EXIT_OK;
}

static int claim_run(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	struct ec_incentive_claim c;
	struct ec_incentive_award award;
	struct ec_diag d;
	struct ec_buf b;
	char amount[32];
	int rc, status;

	if ((rc = claim_of(a, &c)) != EC_EXIT_OK)
		return rc;
	ec_diag_init(&d, 10);
	status = ec_app_incentive_claim(app, who, a->positional[1], &c, &award, &d);
	if (status != EC_OK) {
		rc = cli_refused(status, &d, c.beneficiary);
	} else {
		ec_buf_init(&b, 0);
		ec_coded_list(award.reasons, cli_lang(), &b);
		ec_number_format(award.amount, amount);
		printf("%s %s\n%.*s\n", words("核定金额（千元）", "award (thousand yuan)"), amount, (int)b.len,
		       b.data ? b.data : "");
		ec_buf_release(&b);
	}
	ec_diag_release(&d);
	return rc;
}

static int claim(struct cli_args *a)
{
	return with_app(a, EC_STORE_READONLY, claim_run);
}

static int print_entry(const struct ec_ledger_entry *e, enum ec_format fmt)
{
	struct ec_ledger l = { 0 };
	struct ec_table t;

	l.items = (struct ec_ledger_entry *)e;
	l.n = 1;
	ec_ledger_table(&l, &t);
	return cli_write_table(&t, fmt);
}

static int approve_run(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	struct ec_incentive_claim c;
	struct ec_ledger_entry e;
	struct ec_diag d;
	enum ec_format fmt;
	int rc, status;

	if ((rc = cli_format(a, &fmt)) || (rc = claim_of(a, &c)))
		return rc;
	if (!c.reference[0])
		return cli_usage(a, "cli.required|option=--reference|arg=REF");
	ec_diag_init(&d, 10);
	status = ec_app_incentive_approve(app, who, a->positional[1], &c, &e, &d);
	rc = status == EC_OK ? print_entry(&e, fmt) : cli_refused(status, &d, c.reference);
	ec_diag_release(&d);
	return rc;
}

static int approve(struct cli_args *a)
{
	return with_app(a, 0, approve_run);
}

static int pay_run(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	struct ec_ledger_entry e;
	struct ec_diag d;
	enum ec_format fmt;
	int64_t commitment;
	double amount = NAN;
	int rc, status;

	if ((rc = cli_format(a, &fmt)) || (rc = entry_arg(a, a->positional[2], &commitment)))
		return rc;
	if (!cli_opt(a, "amount"))
		return cli_usage(a, "cli.required|option=--amount|arg=AMOUNT");
	if ((rc = cli_amount(a, "amount", &amount)))
		return rc;
	ec_diag_init(&d, 10);
	status = ec_app_incentive_pay(app, who, a->positional[1], commitment, amount, cli_opt(a, "note"), &e, &d);
	rc = status == EC_OK ? print_entry(&e, fmt) : cli_refused(status, &d, a->positional[2]);
	ec_diag_release(&d);
	return rc;
}

static int pay(struct cli_args *a)
{
	return with_app(a, 0, pay_run);
}

static int reverse_run(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	struct ec_ledger_entry e;
	struct ec_diag d;
	enum ec_format fmt;
	int64_t entry;
	int rc, status;

	if ((rc = cli_format(a, &fmt)) || (rc = entry_arg(a, a->positional[2], &entry)))
		return rc;
	ec_diag_init(&d, 10);
	status = ec_app_incentive_reverse(app, who, a->positional[1], entry, cli_opt(a, "note"), &e, &d);
	rc = status == EC_OK ? print_entry(&e, fmt) : cli_refused(status, &d, a->positional[2]);
	ec_diag_release(&d);
	return rc;
}

static int reverse(struct cli_args *a)
{
	return with_app(a, 0, reverse_run);
}

static int ledger_run(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who)
{
	const char *programme = a->npositional > 1 ? a->positional[1] : NULL;
	struct ec_ledger l;
	struct ec_diag d;
	struct ec_table t;
	enum ec_format fmt;
	int rc, status;

	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	ec_diag_init(&d, 10);
	if ((status = ec_app_incentive_ledger(app, who, programme, &l, &d)) != EC_OK) {
		rc = cli_refused(status, &d, programme);
		ec_diag_release(&d);
		return rc;
	}
	ec_diag_release(&d);
	if (l.has_balance && fmt == EC_FMT_TABLE)
		print_balance(&l.balance);
	ec_ledger_table(&l, &t);
	ec_ledger_release(&l);
	return cli_write_table(&t, fmt);
}

static int ledger(struct cli_args *a)
{
	return with_app(a, EC_STORE_READONLY, ledger_run);
}

static const struct cli_option incentive_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "name", "NAME", "the programme's name (programme add)" },
	{ "year", "YYYY", "the programme's year (programme add)" },
	{ "budget", "AMOUNT", "the programme's budget, thousand yuan (programme add)" },
	{ "rules", "FILE", "the rules file, as docs/formats.md says (programme add)" },
	{ "reference", "REF", "the claim's own reference: a claim is approved once (approve)" },
	{ "rule", "CODE", "the programme's rule the claim is made under" },
	{ "beneficiary", "USCC", "the enterprise (USCC) or, with --account, the account the award goes to" },
	{ "account", NULL, "the beneficiary names an account, not an enterprise" },
	{ "side", "SIDE", "owner, supplier or voucher" },
	{ "base-amount", "AMOUNT", "the purchase amount or R&D spend, thousand yuan" },
	{ "category", "CODE", "the beneficiary's SEI category, when it is not in the enterprise registry" },
	{ "region", "CODE", "the beneficiary's region, when it is not in the enterprise registry" },
	{ "size", "SIZE", "large, medium, small or micro (omit when not known)" },
	{ "pilot", "LEVEL", "municipal or national: the claim is part of such a pilot" },
	{ "scenario", "CODE", "the application scenario the claim concerns" },
	{ "application", "ID", "the application the claim concerns" },
	{ "amount", "AMOUNT", "the amount paid, thousand yuan (pay)" },
	{ "note", "TEXT", "a note; a reversal's reason (required there)" },
	{ "format", "FMT", "table (default), csv, json or xlsx" },
	{ NULL, NULL, NULL },
};

#define CLAIM_OPTS "db rule beneficiary account side base-amount category region size pilot scenario application"

static const struct cli_verb incentive_verbs[] = {
	{ "programme", programme, 1, 2, "add CODE --name N --year Y --budget B --rules FILE | list | show CODE --db FILE",
	  "add, list or show incentive programmes (a budget, a year and rules)", "db name year budget rules format",
	  CLI_ACTS },
	{ "rules", rules, 1, 2, "FILE | PROGRAMME [FILE] --db FILE",
	  "check and print a rules file; print a programme's rules, or replace them with a file's", "db", CLI_ACTS },
	{ "claim", claim, 1, 1, "PROGRAMME --rule R --beneficiary B --side S --base-amount X [...] --db FILE",
	  "the award a claim would get, with every step of its arithmetic, writing nothing", CLAIM_OPTS, CLI_ACTS },
	{ "approve", approve, 1, 1, "PROGRAMME --reference REF --rule R --beneficiary B --side S --base-amount X [...] --db FILE",
	  "approve a claim: its award is committed, within the budget and the annual cap", CLAIM_OPTS " reference format",
	  CLI_ACTS },
	{ "pay", pay, 2, 2, "PROGRAMME COMMITMENT --amount X [--note T] --db FILE",
	  "pay against a commitment, never more than it", "db amount note format", CLI_ACTS },
	{ "reverse", reverse, 2, 2, "PROGRAMME ENTRY --note REASON --db FILE",
	  "reverse a commitment (without payments) or a payment; entries are never changed", "db note format",
	  CLI_ACTS },
	{ "ledger", ledger, 0, 1, "[PROGRAMME] [--format F] --db FILE",
	  "the ledger's entries, and a programme's balances", "db format", CLI_ACTS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};

const struct cli_command cmd_incentive = {
	"incentive", NULL, 1, CLI_MAX_ARGS, "programme|rules|claim|approve|pay|reverse|ledger ... --db FILE",
	"incentive programmes for application scenarios and their subsidy ledger",
	"A programme has a budget (thousand yuan), a year and rules held as data:\n"
	"the share of a purchase or of R&D spend, a cap per award and per\n"
	"beneficiary a year, eligibility (side, SEI category, region, size) and a\n"
	"top-up for a municipal or national pilot (docs/formats.md, docs/methods.md).\n"
	"The ledger holds commitments (approved awards), payments and reversals;\n"
	"no entry is changed or removed. An approval is checked against the budget\n"
	"and the annual cap in the transaction that writes it, so the budget holds\n"
	"when several approve at once. Admins and analysts manage; an enterprise\n"
	"account (--as) reads the programmes, claims for itself and reads its own\n"
	"awards; agencies and funds are refused.",
	incentive_opts, incentive_verbs, CLI_READS,
};
