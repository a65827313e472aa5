/*
** /api/v1/users: accounts, for admins. Every change goes to the audit log
** with a before/after summary; disabling an account or changing its
** password ends its sessions.
*/
#include <string.h>
#include <time.h>

#include "server.h"

static json_t *user_json(const struct ec_user *u)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:s}", "name", u->name, "role", ec_role_name(u->role), "scope", u->scope,
			 "disabled", u->disabled, "created_at", u->created_at);
}

static int add_user(void *ctx, const struct ec_user *u)
{
	json_array_append_new(ctx, user_json(u));
	return 0;
}

void h_users(struct request *r)
{
	json_t *list = json_array();
	int rc = ec_store_user_each(r->store, add_user, list);

	if (rc != EC_OK) {
		json_decref(list);
		reply_status(r, rc, ec_store_errmsg(r->store));
		return;
	}
	reply_json(r, 200, list);
}


void h_user_create(struct request *r)
{
	struct ec_user *u = req_alloc(r, sizeof *u);
	const char *name = NULL, *password = NULL, *role = NULL, *scope = "", *field;
	char why[256];
	json_t *body = req_json_object(r);
	int role_id, rc;

	if (!body)
		return;
	if (json_unpack(body, "{s:s, s:s, s:s, s?:s}", "name", &name, "password", &password, "role", &role, "scope",
			&scope) != 0) {
		json_decref(body);
		reply_error(r, 400, "body", "expected {name, password, role, scope?} as strings");
		return;
	}
	memset(u, 0, sizeof *u);
	role_id = ec_role_parse(role);
	if (ec_account_check(name, role_id, scope, &field, why, sizeof why) != EC_OK) {
		json_decref(body);
		reply_error(r, 400, field, "%s", why);
		return;
	}
	if (ec_password_hash(password, u->password_hash) != EC_OK) {
		json_decref(body);
		reply_error(r, 400, "password", "expected %d to %d characters", EC_PASSWORD_MIN, EC_PASSWORD_MAX);
		return;
	}
	snprintf(u->name, sizeof u->name, "%s", name);
	snprintf(u->scope, sizeof u->scope, "%s", scope);
	u->role = (enum ec_role)role_id;
	json_decref(body);
	if ((rc = ec_store_user_add(r->store, u)) == EC_EDATA) {
		reply_error(r, 400, "name", "%s", ec_store_errmsg(r->store));
		return;
	}
	if (rc != EC_OK) {
		reply_status(r, rc, ec_store_errmsg(r->store));
		return;
	}
	audit(r, "user.add", u->name, "role %s, scope '%s'", ec_role_name(u->role), u->scope);
	if (!r->answered)
		reply_json(r, 201, user_json(u));
}

void h_user_update(struct request *r)
{
	struct ec_user *u = req_alloc(r, sizeof *u), before;
	const char *password = NULL, *role = NULL, *scope = NULL, *field;
	char why[256];
	int disabled = -1, rc;
	json_t *body, *jd;

	if ((rc = ec_store_user_get(r->store, r->path_params[0], u)) != EC_OK) {
		reply_status(r, rc, rc == EC_ENOTFOUND ? "no such user" : ec_store_errmsg(r->store));
		return;
	}
	if (!(body = req_json_object(r)))
		return;
	before = *u;
	if (json_unpack(body, "{s?:s, s?:s, s?:s}", "password", &password, "role", &role, "scope", &scope) != 0 ||
	    ((jd = json_object_get(body, "disabled")) && !json_is_boolean(jd))) {
		json_decref(body);
		reply_error(r, 400, "body", "expected {password?, role?, scope?} as strings and disabled? as a boolean");
		return;
	}
	if (jd)
		disabled = json_is_true(jd);
	if (role)
		u->role = (enum ec_role)ec_role_parse(role);
	if (scope)
		snprintf(u->scope, sizeof u->scope, "%s", scope);
	if (disabled >= 0)
		u->disabled = disabled;
	if (ec_account_check(u->name, role ? ec_role_parse(role) : (int)u->role, u->scope, &field, why, sizeof why) != EC_OK) {
		json_decref(body);
		reply_error(r, 400, field, "%s", why);
		return;
	}
	if (u->id == r->user.id && (u->disabled || u->role != EC_ROLE_ADMIN)) {
		json_decref(body);
		reply_error(r, 400, "disabled", "an admin cannot disable or demote their own account");
		return;
	}
	if (password && ec_password_hash(password, u->password_hash) != EC_OK) {
		json_decref(body);
		reply_error(r, 400, "password", "expected %d to %d characters", EC_PASSWORD_MIN, EC_PASSWORD_MAX);
		return;
	}
	json_decref(body);
	if ((rc = ec_store_user_update(r->store, u)) != EC_OK) {
		reply_status(r, rc, ec_store_errmsg(r->store));
		return;
	}
	if (password || u->disabled || u->role != before.role)
		ec_store_session_purge(r->store, (int64_t)time(NULL), u->id);
	server_auth_changed(r->srv);
	audit(r, "user.edit", u->name, "role %s -> %s, scope '%s' -> '%s', disabled %d -> %d%s", ec_role_name(before.role),
	      ec_role_name(u->role), before.scope, u->scope, before.disabled, u->disabled,
	      password ? ", password changed" : "");
	if (!r->answered)
		reply_json(r, 200, user_json(u));
}
