/*
** echelon user add|passwd|list|disable|enable, and echelon audit: accounts
** from the command line, audited like changes made over the API.
*/
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "echelon/auth.h"

/* Reads a password: from standard input when it is not a terminal (one
** line), else at a prompt without echo, twice. Returns 0 or an exit code. */
static int read_password(char *out, size_t size)
{
	struct termios old, quiet;
	char again[EC_PASSWORD_MAX + 2];
	int tty = isatty(STDIN_FILENO);

	if (tty) {
		fprintf(stderr, "password: ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (!fgets(out, (int)size, stdin))
		out[0] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	if (tty) {
		fprintf(stderr, "\nagain: ");
		if (!fgets(again, sizeof again, stdin))
			again[0] = '\0';
		again[strcspn(again, "\r\n")] = '\0';
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
		if (strcmp(out, again) != 0)
			return cli_fail(EC_EXIT_USAGE, "cli.passwords_differ");
	}
	if (strlen(out) < EC_PASSWORD_MIN || strlen(out) > EC_PASSWORD_MAX)
		return cli_fail(EC_EXIT_USAGE, "password.length|min=%d|max=%d", EC_PASSWORD_MIN, EC_PASSWORD_MAX);
	return EC_EXIT_OK;
}

static int add_row(void *ctx, const struct ec_user *u)
{
	ec_table_addv(ctx, u->name, ec_role_name(u->role), u->scope, u->disabled ? "1" : "0", u->created_at);
	return 0;
}

static int list_run(struct cli_args *a)
{
	static const char *const names[] = { "name", "role", "scope", "disabled", "created_at" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_BOOL, EC_COL_TEXT };
	struct ec_app *app = NULL;
	struct ec_table t;
	enum ec_format fmt;
	int rc;

	if ((rc = cli_format(a, &fmt)) || (rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	ec_table_init(&t, 5, names, kinds);
	if (ec_app_users(app, add_row, &t) != EC_OK) {
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		ec_table_release(&t);
	} else {
		rc = cli_write_table(&t, fmt);
	}
	ec_app_close(app);
	return rc;
}

/* The application over --db, writable, and who acts. Returns 0 (the
** caller closes *app) or an exit code (nothing left open). */
static int open_acting(const struct cli_args *a, struct ec_app **app, struct ec_actor *who)
{
	int rc;

	if (ec_auth_init() != EC_OK)
		return cli_fail(EC_EXIT_FAIL, "could not initialise libsodium");
	if ((rc = cli_open_app(a, 0, app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, *app, who)) != EC_EXIT_OK) {
		ec_app_close(*app);
		*app = NULL;
	}
	return rc;
}

/* The problems of a refused change of account NAME. Returns the exit code. */
static int refused(int status, const struct ec_diag *d, const char *name)
{
	char subject[96];

	snprintf(subject, sizeof subject, "user %.64s", name);
	return cli_refused(status, d, subject);
}

static int add_run(struct cli_args *a)
{
	const char *name = a->positional[1];
	struct ec_user_change ch;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_user u;
	struct ec_diag d;
	char password[EC_PASSWORD_MAX + 2];
	struct ec_problem why;
	int rc, status;

	/* The account is checked before its password is asked for. */
	ec_user_change_init(&ch);
	ch.role = cli_opt_or(a, "role", "");
	ch.scope = cli_opt_or(a, "scope", "");
	if (ec_account_check(name, ec_role_parse(ch.role), ch.scope, &why) != EC_OK) {
		struct ec_buf b;
		ec_buf_init(&b, 0);
		ec_problem_message(&why, cli_lang(), &b);
		rc = cli_usage(a, "--%s: %s", strcmp(why.field, "name") == 0 ? "NAME" : why.field, b.data ? b.data : "");
		ec_buf_release(&b);
		ec_problem_release(&why);
		return rc;
	}
	if ((rc = open_acting(a, &app, &who)) != EC_EXIT_OK)
		return rc;
	if ((rc = read_password(password, sizeof password)) == EC_EXIT_OK) {
		ch.password = password;
		ec_diag_init(&d, 20);
		if ((status = ec_app_user_add(app, &who, name, &ch, &u, &d)) != EC_OK)
			rc = refused(status, &d, name);
		else
			printf("user %s added (%s)\n", u.name, ec_role_name(u.role));
		ec_diag_release(&d);
	}
	memset(password, 0, sizeof password);
	ec_app_close(app);
	return rc;
}

/* A change of account NAME, as who. Returns 0 (u and *ended filled) or the
** exit code, the problems printed. */
static int edit(const struct cli_args *a, struct ec_app *app, const struct ec_actor *who,
		const struct ec_user_change *ch, struct ec_user *u, int *ended)
{
	struct ec_diag d;
	int rc, status;

	ec_diag_init(&d, 20);
	status = ec_app_user_edit(app, who, a->positional[1], ch, u, ended, &d);
	rc = status == EC_OK ? EC_EXIT_OK : refused(status, &d, a->positional[1]);
	ec_diag_release(&d);
	return rc;
}

static int passwd_run(struct cli_args *a)
{
	struct ec_user_change ch;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_user u;
	char password[EC_PASSWORD_MAX + 2];
	int rc, ended = 0;

	if ((rc = open_acting(a, &app, &who)) != EC_EXIT_OK)
		return rc;
	ec_user_change_init(&ch);
	if ((rc = read_password(password, sizeof password)) == EC_EXIT_OK) {
		ch.password = password;
		if ((rc = edit(a, app, &who, &ch, &u, &ended)) == EC_EXIT_OK)
			printf("password of %s changed; its sessions were ended\n", u.name);
	}
	memset(password, 0, sizeof password);
	ec_app_close(app);
	return rc;
}

/* disable NAME, enable NAME. */
static int set_disabled(struct cli_args *a, int disabled)
{
	struct ec_user_change ch;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_user u;
	int rc, ended = 0;

	if ((rc = open_acting(a, &app, &who)) != EC_EXIT_OK)
		return rc;
	ec_user_change_init(&ch);
	ch.disabled = disabled;
	if ((rc = edit(a, app, &who, &ch, &u, &ended)) == EC_EXIT_OK)
		printf("user %s %s%s\n", u.name, u.disabled ? "disabled" : "enabled",
		       ended ? "; its sessions were ended" : "");
	ec_app_close(app);
	return rc;
}

static int disable_run(struct cli_args *a)
{
	return set_disabled(a, 1);
}

static int enable_run(struct cli_args *a)
{
	return set_disabled(a, 0);
}

static int audit_run(struct cli_args *a)
{
	struct ec_app *app = NULL;
	struct ec_table t;
	enum ec_format fmt;
	long limit = 200;
	int rc;

	if (cli_opt(a, "limit")) {
		char *end;
		limit = strtol(cli_opt(a, "limit"), &end, 10);
		if (*end || limit < 1)
			return cli_usage(a, "--limit number.range|value=%s|min=1|max=%ld", cli_opt(a, "limit"), LONG_MAX);
	}
	if ((rc = cli_format(a, &fmt)) || (rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	if (ec_app_audit_table(app, limit, &t) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
	else
		rc = cli_write_table(&t, fmt);
	ec_app_close(app);
	return rc;
}

static const struct cli_option audit_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "limit", "N", "newest N entries (default 200)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (a workbook as shown)" },
	{ NULL, NULL, NULL },
};

const struct cli_command cmd_audit = {
	"audit", audit_run, 0, 0, "--db FILE [--limit N] [--format F]", "list the audit log of changes", NULL,
	audit_opts, NULL, CLI_READS,
};

static const struct cli_option user_opts[] = {
	{ "db", "FILE", "the database file" },
	{ "role", "ROLE", "admin, analyst, agency, fund or enterprise (add)" },
	{ "scope", "SCOPE", "enterprise: its USCC; agency: cluster codes; fund: fund ids (add)" },
	{ "format", "FMT", "table (default), csv, json or xlsx (list)" },
	{ NULL, NULL, NULL },
};

static const struct cli_verb user_verbs[] = {
	{ "add", add_run, 1, 1, "NAME --role ROLE [--scope SCOPE] --db FILE",
	  "add an account (the password from standard input or a prompt)", "db role scope", CLI_ACTS },
	{ "passwd", passwd_run, 1, 1, "NAME --db FILE", "change an account's password; its sessions end", "db",
	  CLI_ACTS },
	{ "list", list_run, 0, 0, "--db FILE [--format F]", "list the accounts", "db format", CLI_READS },
	{ "disable", disable_run, 1, 1, "NAME --db FILE", "disable an account; its sessions end", "db", CLI_ACTS },
	{ "enable", enable_run, 1, 1, "NAME --db FILE", "enable an account again", "db", CLI_ACTS },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, 0 },
};

const struct cli_command cmd_user = {
	"user", NULL, 1, 2, "add|passwd|list|disable|enable [NAME] --db FILE [--role R] [--scope S]",
	"manage accounts",
	"Passwords are read from standard input (one line) or, on a terminal, at a\n"
	"prompt; they are stored as argon2id hashes. Changes are audited.",
	user_opts, user_verbs, CLI_READS,
};
