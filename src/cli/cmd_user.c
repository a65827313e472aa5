/*
** echelon user add|passwd|list|disable|enable, and echelon audit: accounts
** from the command line, audited like changes made over the API.
*/
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
			return cli_fail(EC_EXIT_USAGE, "the passwords differ");
	}
	if (strlen(out) < EC_PASSWORD_MIN || strlen(out) > EC_PASSWORD_MAX)
		return cli_fail(EC_EXIT_USAGE, "a password has %d to %d characters", EC_PASSWORD_MIN, EC_PASSWORD_MAX);
	return EC_EXIT_OK;
}

static int add_row(void *ctx, const struct ec_user *u)
{
	ec_table_addv(ctx, u->name, ec_role_name(u->role), u->scope, u->disabled ? "1" : "0", u->created_at);
	return 0;
}

int cmd_user(struct cli_args *a)
{
	static const char *const names[] = { "name", "role", "scope", "disabled", "created_at" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_BOOL, EC_COL_TEXT };
	const char *verb = a->positional[0], *name = a->npositional > 1 ? a->positional[1] : NULL;
	struct ec_user_change ch;
	struct ec_actor who;
	struct ec_app *app = NULL;
	struct ec_user u;
	struct ec_diag d;
	char password[EC_PASSWORD_MAX + 2], subject[96];
	enum ec_format fmt;
	int rc, status, ended = 0;

	if (strcmp(verb, "list") && strcmp(verb, "add") && strcmp(verb, "passwd") && strcmp(verb, "disable") &&
	    strcmp(verb, "enable"))
		return cli_usage(a, "'%s': expected add, passwd, list, disable or enable", verb);
	if (strcmp(verb, "list") && !name)
		return cli_usage(a, "%s: missing the user NAME", verb);
	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	if (ec_auth_init() != EC_OK)
		return cli_fail(EC_EXIT_FAIL, "could not initialise libsodium");
	if (strcmp(verb, "list") == 0) {
		struct ec_table t;
		if ((rc = cli_open_app(a, EC_STORE_READONLY, &app)) != EC_EXIT_OK)
			return rc;
		ec_table_init(&t, 5, names, kinds);
		if (ec_app_users(app, add_row, &t) != EC_OK)
			rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
		else
			rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
		ec_table_release(&t);
		ec_app_close(app);
		return rc;
	}
	ec_user_change_init(&ch);
	if (strcmp(verb, "add") == 0) {
		/* The account is checked before its password is asked for. */
		const char *field;
		char why[256];
		ch.role = cli_opt_or(a, "role", "");
		ch.scope = cli_opt_or(a, "scope", "");
		if (ec_account_check(name, ec_role_parse(ch.role), ch.scope, &field, why, sizeof why) != EC_OK)
			return cli_usage(a, "--%s: %s", strcmp(field, "name") == 0 ? "NAME" : field, why);
	} else if (strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0) {
		ch.disabled = strcmp(verb, "disable") == 0;
	}
	if ((rc = cli_open_app(a, 0, &app)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_actor(a, app, &who)) != EC_EXIT_OK)
		goto out;
	if (strcmp(verb, "add") == 0 || strcmp(verb, "passwd") == 0) {
		if ((rc = read_password(password, sizeof password)) != EC_EXIT_OK)
			goto out;
		ch.password = password;
	}
	ec_diag_init(&d, 20);
	status = strcmp(verb, "add") == 0 ? ec_app_user_add(app, &who, name, &ch, &u, &d)
					  : ec_app_user_edit(app, &who, name, &ch, &u, &ended, &d);
	snprintf(subject, sizeof subject, "user %.64s", name);
	if (status != EC_OK)
		rc = cli_refused(status, &d, subject);
	else if (strcmp(verb, "add") == 0)
		printf("user %s added (%s)\n", u.name, ec_role_name(u.role));
	else if (strcmp(verb, "passwd") == 0)
		printf("password of %s changed; its sessions were ended\n", u.name);
	else
		printf("user %s %s%s\n", u.name, u.disabled ? "disabled" : "enabled", ended ? "; its sessions were ended" : "");
	ec_diag_release(&d);
out:
	memset(password, 0, sizeof password);
	ec_app_close(app);
	return rc;
}

static int audit_row(void *ctx, const struct ec_audit *e)
{
	char id[24];

	snprintf(id, sizeof id, "%lld", (long long)e->id);
	ec_table_addv(ctx, id, e->at, e->user, e->action, e->target, e->summary);
	return 0;
}

int cmd_audit(struct cli_args *a)
{
	static const char *const names[] = { "id", "at", "user", "action", "target", "summary" };
	static const enum ec_col_kind kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT };
	struct ec_app *app = NULL;
	struct ec_table t;
	enum ec_format fmt;
	long limit = 200;
	int rc;

	if (cli_opt(a, "limit")) {
		char *end;
		limit = strtol(cli_opt(a, "limit"), &end, 10);
		if (*end || limit < 1)
			return cli_usage(a, "--limit: expected a whole number >= 1");
	}
	if ((rc = cli_format(a, &fmt)) || (rc = cli_open_app(a, EC_STORE_READONLY, &app)))
		return rc;
	ec_table_init(&t, 6, names, kinds);
	if (ec_app_audit(app, limit, audit_row, &t) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", ec_app_errmsg(app));
	else
		rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(&t);
	ec_app_close(app);
	return rc;
}
