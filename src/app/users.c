/*
** Accounts and sessions: adding and changing accounts (admins only,
** audited, sessions ended when the password, the role or the state
** changes), signing in and out.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app_int.h"

void ec_user_change_init(struct ec_user_change *c)
{
	memset(c, 0, sizeof *c);
	c->disabled = -1;
}

/* The account's name, role and scope against the rules of auth.h. */
static int check_account(const struct ec_user *u, struct ec_diag *d)
{
	struct ec_problem why;

	if (ec_account_check(u->name, (int)u->role, u->scope, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		return EC_EUSAGE;
	}
	return EC_OK;
}

static int hash_password(const char *password, struct ec_user *u, struct ec_diag *d)
{
	char min[16], max[16];

	if (ec_password_hash(password, u->password_hash) == EC_OK)
		return EC_OK;
	snprintf(min, sizeof min, "%d", EC_PASSWORD_MIN);
	snprintf(max, sizeof max, "%d", EC_PASSWORD_MAX);
	ec_diag_problem(d, "password.length", NULL, 0, "password", "min", min, "max", max, NULL);
	return EC_EUSAGE;
}

int ec_app_user_add(struct ec_app *app, const struct ec_actor *who, const char *name,
		    const struct ec_user_change *ch, struct ec_user *out, struct ec_diag *d)
{
	struct ec_user u;
	int rc, role;

	if ((rc = app_allow(who, EC_MAY_USERS, d)) != EC_OK)
		return rc;
	memset(&u, 0, sizeof u);
	if ((rc = app_text(u.name, sizeof u.name, name ? name : "", "name", d)) ||
	    (rc = app_text(u.scope, sizeof u.scope, ch->scope ? ch->scope : "", "scope", d)))
		return rc;
	role = ec_role_parse(ch->role ? ch->role : "");
	u.role = (enum ec_role)(role < 0 ? EC_NROLES : role);
	if ((rc = check_account(&u, d)) != EC_OK)
		return rc;
	if (!ch->password) {
		ec_diag_problem(d, "field.required", NULL, 0, "password", NULL);
		return EC_EUSAGE;
	}
	if ((rc = hash_password(ch->password, &u, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	rc = ec_store_user_add(app->store, &u);
	if (rc == EC_EDATA)
		ec_diag_problem(d, "user.exists", NULL, 0, "name", "name", u.name, NULL);
	else if (rc != EC_OK)
		rc = app_store_failed(app, d);
	rc = app_end(app, rc, who, d, "user.add", u.name, "audit.user_add|role=%s|scope=%s", ec_role_name(u.role), u.scope);
	if (rc == EC_OK && out)
		*out = u;
	return rc;
}

int ec_app_user_edit(struct ec_app *app, const struct ec_actor *who, const char *name,
		     const struct ec_user_change *ch, struct ec_user *out, int *sessions_ended, struct ec_diag *d)
{
	struct ec_user u, before;
	int rc, role, ended = 0;

	if (sessions_ended)
		*sessions_ended = 0;
	if ((rc = app_allow(who, EC_MAY_USERS, d)) != EC_OK)
		return rc;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	rc = ec_store_user_get(app->store, name, &u);
	if (rc == EC_ENOTFOUND) {
		ec_diag_problem(d, "user.not_found", NULL, 0, "name", "name", name, NULL);
		return app_abort(app, rc, d);
	}
	if (rc != EC_OK)
		return app_abort(app, app_store_failed(app, d), d);
	before = u;
	if (ch->role) {
		role = ec_role_parse(ch->role);
		u.role = (enum ec_role)(role < 0 ? EC_NROLES : role);
	}
	if (ch->scope)
		rc = app_text(u.scope, sizeof u.scope, ch->scope, "scope", d);
	if (ch->disabled >= 0)
		u.disabled = ch->disabled;
	if (rc == EC_OK)
		rc = check_account(&u, d);
	if (rc == EC_OK && u.id == who->user_id && (u.disabled || u.role != EC_ROLE_ADMIN)) {
		ec_diag_problem(d, "user.self", NULL, 0, "disabled", NULL);
		rc = EC_EDATA;
	}
	if (rc == EC_OK && ch->password)
		rc = hash_password(ch->password, &u, d);
	if (rc == EC_OK && ec_store_user_update(app->store, &u) != EC_OK)
		rc = app_store_failed(app, d);
	ended = ch->password || (u.disabled && !before.disabled) || u.role != before.role;
	if (rc == EC_OK && ended && ec_store_session_purge(app->store, (int64_t)time(NULL), u.id) != EC_OK)
		rc = app_store_failed(app, d);
	rc = app_end(app, rc, who, d, "user.edit", u.name, "audit.user_edit|from_role=%s|role=%s|from_scope=%s|scope=%s|from_disabled=%s|disabled=%s|password=%s|ended=%s",
		     ec_role_name(before.role), ec_role_name(u.role), before.scope, u.scope, before.disabled ? "yes" : "no",
		     u.disabled ? "yes" : "no", ch->password ? "yes" : "no", ended ? "yes" : "no");
	if (rc == EC_OK) {
		if (out)
			*out = u;
		if (sessions_ended)
			*sessions_ended = ended;
	}
	return rc;
}

int ec_app_sign_in(struct ec_app *app, const char *name, const char *password, int hours, int64_t now,
		   struct ec_user *user, struct ec_session *se, char token[65], struct ec_diag *d)
{
	int rc = strlen(name) > 64 ? EC_ENOTFOUND : ec_store_user_get(app->store, name, user);

	if (rc != EC_OK && rc != EC_ENOTFOUND)
		return app_store_failed(app, d);
	/* The same work whatever the reason, so that the time taken does not
	** tell a name without an account from a wrong password. */
	if (rc == EC_ENOTFOUND)
		ec_password_spend(password);
	if (rc == EC_ENOTFOUND || !ec_password_verify(user->password_hash, password) || user->disabled) {
		ec_diag_problem(d, "session.refused", NULL, 0, NULL, NULL);
		return EC_EDENIED;
	}
	memset(se, 0, sizeof *se);
	ec_random_token(token);
	ec_sha256_hex(token, 64, se->token_hash);
	ec_random_token(se->csrf_token);
	se->user_id = user->id;
	se->created_at = now;
	se->expires_at = now + (int64_t)hours * 3600;
	if (ec_store_session_purge(app->store, now, -1) != EC_OK || ec_store_session_put(app->store, se) != EC_OK)
		return app_store_failed(app, d);
	return EC_OK;
}

int ec_app_session(struct ec_app *app, const char *token, int64_t now, struct ec_user *user,
		   struct ec_session *se)
{
	char hash[65];
	int rc;

	ec_sha256_hex(token, strlen(token), hash);
	if ((rc = ec_store_session_get(app->store, hash, se)) != EC_OK)
		return rc == EC_ENOTFOUND ? EC_ENOTFOUND : EC_EIO;
	if (se->expires_at <= now)
		return EC_ENOTFOUND;
	if ((rc = ec_store_user_get_id(app->store, se->user_id, user)) != EC_OK)
		return rc == EC_ENOTFOUND ? EC_ENOTFOUND : EC_EIO;
	return user->disabled ? EC_ENOTFOUND : EC_OK;
}

int ec_app_sign_out(struct ec_app *app, const char *token_hash)
{
	return ec_store_session_delete(app->store, token_hash) == EC_OK ? EC_OK : EC_EIO;
}

int ec_app_users(struct ec_app *app, ec_user_fn fn, void *ctx)
{
	return app_each_status(ec_store_user_each(app->store, fn, ctx));
}

int ec_app_audit(struct ec_app *app, int64_t limit, ec_audit_fn fn, void *ctx)
{
	return app_each_status(ec_store_audit_each(app->store, limit, fn, ctx));
}
