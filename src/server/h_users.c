/*
** /api/v1/users: accounts, for admins. Every change goes to the audit log
** with a before/after summary; disabling an account or changing its
** password ends its sessions.
*/
#include <string.h>

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
	int rc = ec_app_users(r->app, add_user, list);

	if (rc != EC_OK) {
		json_decref(list);
		reply_status(r, rc, ec_app_errmsg(r->app));
		return;
	}
	reply_json(r, 200, list);
}

/* The change a JSON object asks for; the strings stay in body. Returns 0,
** or -1 having answered 400. */
static int change_of(struct request *r, json_t *body, struct ec_user_change *ch)
{
	static const struct parse_text_field text[] = {
		JSON_TEXT(struct ec_user_change, role), JSON_TEXT(struct ec_user_change, scope),
		JSON_TEXT(struct ec_user_change, password),
	};
	json_t *v;

	ec_user_change_init(ch);
	if (req_json_texts(r, body, text, sizeof text / sizeof text[0], ch))
		return -1;
	if ((v = json_object_get(body, "disabled"))) {
		if (!json_is_boolean(v)) {
			reply_problem(r, 400, "field.boolean", "disabled", NULL);
			return -1;
		}
		ch->disabled = json_is_true(v);
	}
	return 0;
}

void h_user_create(struct request *r)
{
	struct ec_user_change ch;
	struct ec_user u;
	struct ec_diag d;
	json_t *body = req_json_object(r), *name;
	int rc;

	if (!body)
		return;
	name = json_object_get(body, "name");
	if (!json_is_string(name)) {
		reply_problem(r, 400, "field.string", "name", NULL);
	} else if (change_of(r, body, &ch) == 0) {
		ec_diag_init(&d, 8);
		if ((rc = ec_app_user_add(r->app, &r->actor, json_string_value(name), &ch, &u, &d)) != EC_OK)
			reply_refused(r, rc, &d, 400);
		else
			reply_json(r, 201, user_json(&u));
		ec_diag_release(&d);
	}
	json_decref(body);
}

void h_user_update(struct request *r)
{
	struct ec_user_change ch;
	struct ec_user u;
	struct ec_diag d;
	json_t *body = req_json_object(r);
	int rc;

	if (!body)
		return;
	if (change_of(r, body, &ch) == 0) {
		ec_diag_init(&d, 8);
		rc = ec_app_user_edit(r->app, &r->actor, r->path_params[0], &ch, &u, NULL, &d);
		if (rc != EC_OK) {
			reply_refused(r, rc, &d, 400);
		} else {
			server_auth_changed(r->srv);
			reply_json(r, 200, user_json(&u));
		}
		ec_diag_release(&d);
	}
	json_decref(body);
}
