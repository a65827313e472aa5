/*
** echelon user add|passwd|list|disable|enable, and echelon audit: accounts
** from the command line, audited like changes made over the API.
*/
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
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

static void cli_audit(struct ec_store *s, const char *action, const char *target, const char *summary)
{
	struct passwd *pw = getpwuid(getuid());
	char who[96];
	struct ec_audit a;

	snprintf(who, sizeof who, "cli:%s", pw ? pw->pw_name : "?");
	memset(&a, 0, sizeof a);
	a.user = who;
	a.action = action;
	a.target = target;
	a.summary = summary;
	ec_store_audit_add(s, &a);
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
	const char *verb = a->positional[0], *name = a->npositional > 1 ? a->positional[1] : NULL, *field;
	struct ec_store *s = NULL;
	struct ec_user u;
	char password[EC_PASSWORD_MAX + 2], why[256], summary[512];
	enum ec_format fmt;
	int rc;

	if (strcmp(verb, "list") && strcmp(verb, "add") && strcmp(verb, "passwd") && strcmp(verb, "disable") &&
	    strcmp(verb, "enable"))
		return cli_usage(a, "'%s': expected add, passwd, list, disable or enable", verb);
	if (strcmp(verb, "list") && !name)
		return cli_usage(a, "%s: missing the user NAME", verb);
	if ((rc = cli_format(a, &fmt)) != EC_EXIT_OK)
		return rc;
	if (ec_auth_init() != EC_OK)
		return cli_fail(EC_EXIT_FAIL, "could not initialise libsodium");
	if ((rc = cli_open_store(a, 0, &s)) != EC_EXIT_OK)
		return rc;
	memset(&u, 0, sizeof u);
	if (strcmp(verb, "list") == 0) {
		struct ec_table t;
		ec_table_init(&t, 5, names, kinds);
		if (ec_store_user_each(s, add_row, &t) != EC_OK)
			rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
		else
			rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
		ec_table_release(&t);
	} else if (strcmp(verb, "add") == 0) {
		int role = ec_role_parse(cli_opt_or(a, "role", ""));
		const char *scope = cli_opt_or(a, "scope", "");
		if (ec_account_check(name, role, scope, &field, why, sizeof why) != EC_OK) {
			rc = cli_usage(a, "--%s: %s", strcmp(field, "name") == 0 ? "NAME" : field, why);
		} else if ((rc = read_password(password, sizeof password)) == EC_EXIT_OK) {
			snprintf(u.name, sizeof u.name, "%s", name);
			snprintf(u.scope, sizeof u.scope, "%s", scope);
			u.role = (enum ec_role)role;
			if (ec_password_hash(password, u.password_hash) != EC_OK) {
				rc = cli_fail(EC_EXIT_FAIL, "could not hash the password (out of memory?)");
			} else if ((rc = ec_store_user_add(s, &u)) != EC_OK) {
				rc = cli_fail(rc == EC_EDATA ? EC_EXIT_DATA : EC_EXIT_IO, "%s", ec_store_errmsg(s));
			} else {
				snprintf(summary, sizeof summary, "role %s, scope '%s'", ec_role_name(u.role), u.scope);
				cli_audit(s, "user.add", u.name, summary);
				printf("user %s added (%s)\n", u.name, ec_role_name(u.role));
			}
		}
	} else {
		if ((rc = ec_store_user_get(s, name, &u)) != EC_OK) {
			rc = cli_fail(rc == EC_ENOTFOUND ? EC_EXIT_DATA : EC_EXIT_IO, "no user '%s'", name);
		} else if (strcmp(verb, "passwd") == 0) {
			if ((rc = read_password(password, sizeof password)) == EC_EXIT_OK) {
				if (ec_password_hash(password, u.password_hash) != EC_OK || ec_store_user_update(s, &u) != EC_OK) {
					rc = cli_fail(EC_EXIT_IO, "could not change the password: %s", ec_store_errmsg(s));
				} else {
					ec_store_session_purge(s, (int64_t)time(NULL), u.id);
					cli_audit(s, "user.passwd", u.name, "password changed, sessions ended");
					printf("password of %s changed; its sessions were ended\n", u.name);
				}
			}
		} else {
			int disable = strcmp(verb, "disable") == 0;
			u.disabled = disable;
			if (ec_store_user_update(s, &u) != EC_OK) {
				rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
			} else {
				if (disable)
					ec_store_session_purge(s, (int64_t)time(NULL), u.id);
				cli_audit(s, disable ? "user.disable" : "user.enable", u.name, disable ? "disabled" : "enabled");
				printf("user %s %s\n", u.name, disable ? "disabled" : "enabled");
			}
		}
	}
	memset(password, 0, sizeof password);
	ec_store_close(s);
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
	struct ec_store *s = NULL;
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
	if ((rc = cli_format(a, &fmt)) || (rc = cli_open_store(a, EC_STORE_READONLY, &s)))
		return rc;
	ec_table_init(&t, 6, names, kinds);
	if (ec_store_audit_each(s, limit, audit_row, &t) != EC_OK)
		rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
	else
		rc = ec_table_write(&t, fmt, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(&t);
	ec_store_close(s);
	return rc;
}
