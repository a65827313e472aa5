/*
** This is the implementation of the application's handle, its actors and
** the one sequence every change follows: check, begin, write, audit line,
** commit — or roll back, leaving the database exactly as it was.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/problem.h"

static int open_app(const char *uri, int flags, const struct ec_catalog *shared, struct ec_app **out, char **err)
{
	struct ec_app *app = ec_calloc(1, sizeof *app);
	int rc;

	*out = NULL;
	if ((rc = ec_store_open(uri, flags, &app->store, err)) != EC_OK) {
		free(app);
		return rc;
	}
	ec_catalog_init(&app->own);
	/* The column store lives beside a database file, and a PostgreSQL
	** store's in the cache directory (named by the store's identity). */
	if (ec_store_uri_is_postgres(uri))
		app_facts_cached(app);
	else if (uri[0] && strcmp(uri, ":memory:") != 0 && strncmp(uri, "file:", 5) != 0 && !strstr(uri, "://"))
		app->facts_path = ec_asprintf("%s.facts", uri);
	if (shared) {
		app->cat = shared;
		app->have_catalog = 1;
	}
	*out = app;
	return EC_OK;
}

int ec_app_open(const char *uri, int flags, struct ec_app **out, char **err)
{
	return open_app(uri, flags, NULL, out, err);
}

int ec_app_open_shared(const char *uri, int flags, const struct ec_catalog *cat, struct ec_app **out, char **err)
{
	return open_app(uri, flags, cat, out, err);
}

void ec_app_close(struct ec_app *app)
{
	if (!app)
		return;
	app_facts_close(app);
	ec_store_close(app->store);
	ec_catalog_release(&app->own);
	free(app);
}

const char *ec_app_errmsg(const struct ec_app *app)
{
	return ec_store_errmsg(app->store);
}

int ec_app_catalog_read(struct ec_app *app, struct ec_catalog *cat)
{
	return ec_store_catalog_load(app->store, cat) == EC_OK ? EC_OK : EC_EIO;
}

int ec_app_catalog(struct ec_app *app, const struct ec_catalog **cat)
{
	if (!app->have_catalog) {
		ec_catalog_release(&app->own);
		ec_catalog_init(&app->own);
		if (ec_app_catalog_read(app, &app->own) != EC_OK)
			return EC_EIO;
		app->cat = &app->own;
		app->have_catalog = 1;
	}
	*cat = app->cat;
	return EC_OK;
}

const struct ec_catalog *app_catalog(struct ec_app *app, struct ec_diag *d)
{
	const struct ec_catalog *cat;

	if (ec_app_catalog(app, &cat) != EC_OK) {
		app_store_failed(app, d);
		return NULL;
	}
	return cat;
}

/* ---- actors ---- */

void ec_actor_login(struct ec_actor *a, const char *login)
{
	memset(a, 0, sizeof *a);
	snprintf(a->name, sizeof a->name, "cli:%s", login && *login ? login : "?");
	a->role = EC_ROLE_ADMIN;
	a->user_id = -1;
}

void ec_actor_of(struct ec_actor *a, const struct ec_user *u)
{
	memset(a, 0, sizeof *a);
	snprintf(a->name, sizeof a->name, "%s", u->name);
	a->role = u->role;
	snprintf(a->scope, sizeof a->scope, "%s", u->scope);
	a->user_id = u->id;
}

int ec_app_actor_as(struct ec_app *app, const char *account, struct ec_actor *a, struct ec_diag *d)
{
	struct ec_user u;
	int rc = ec_store_user_get(app->store, account, &u);

	if (rc == EC_ENOTFOUND) {
		ec_diag_problem(d, "actor.unknown", NULL, 0, "as", "name", account, NULL);
		return EC_ENOTFOUND;
	}
	if (rc != EC_OK)
		return app_store_failed(app, d);
	if (u.disabled) {
		ec_diag_problem(d, "actor.disabled", NULL, 0, "as", "name", account, NULL);
		return EC_EDENIED;
	}
	ec_actor_of(a, &u);
	return EC_OK;
}

int ec_scope_has(const char *scope, const char *code)
{
	return ec_list_has(scope, code, strlen(code));
}

int ec_actor_sees_microdata(const struct ec_actor *who)
{
	return who->role == EC_ROLE_ADMIN || who->role == EC_ROLE_ANALYST;
}

int ec_actor_sees_project(const struct ec_actor *who, const struct ec_project *p)
{
	return who->role != EC_ROLE_ENTERPRISE || strcmp(p->owner, who->scope) == 0;
}

int app_allow(const struct ec_actor *who, unsigned mask, struct ec_diag *d)
{
	if (mask & EC_ROLE_BIT(who->role))
		return EC_OK;
	ec_diag_problem(d, "account.role", NULL, 0, NULL, "role", ec_role_name(who->role), NULL);
	return EC_EDENIED;
}

/* ---- the change ---- */

int app_store_failed(struct ec_app *app, struct ec_diag *d)
{
	ec_diag_problem(d, "store.failed", NULL, 0, NULL, "reason", ec_store_errmsg(app->store), NULL);
	return EC_EIO;
}

int app_begin(struct ec_app *app, struct ec_diag *d)
{
	if (ec_store_begin(app->store) != EC_OK || ec_store_facts_generation(app->store, &app->facts_before) != EC_OK) {
		app_store_failed(app, d);
		ec_store_rollback(app->store);
		return EC_EIO;
	}
	return EC_OK;
}

int app_end(struct ec_app *app, int rc, const struct ec_actor *who, struct ec_diag *d, const char *action,
	    const char *target, const char *fmt, ...)
{
	if (rc == EC_OK) {
		struct ec_audit a;
		char summary[1024];
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(summary, sizeof summary, fmt, ap);
		va_end(ap);
		memset(&a, 0, sizeof a);
		a.user = who->name;
		a.action = action;
		a.target = target;
		a.summary = summary;
		if (ec_store_audit_add(app->store, &a) != EC_OK || ec_store_commit(app->store) != EC_OK) {
			rc = app_store_failed(app, d);
		} else {
			app_facts_changed(app, app->facts_before);
			return EC_OK;
		}
	}
	return app_abort(app, rc, d);
}

int app_abort(struct ec_app *app, int rc, struct ec_diag *d)
{
	/* A transaction left open would make every later change fail. */
	if (ec_store_rollback(app->store) != EC_OK && rc != EC_EIO)
		rc = app_store_failed(app, d);
	return rc;
}

int app_text(char *dst, size_t size, const char *text, const char *field, struct ec_diag *d)
{
	size_t n = strlen(text);

	if (n >= size) {
		char max[24];
		snprintf(max, sizeof max, "%zu", size - 1);
		ec_diag_problem(d, "field.too_long", NULL, 0, field, "max", max, NULL);
		return EC_EDATA;
	}
	memcpy(dst, text, n + 1);
	return EC_OK;
}

int app_enum(int value, const char *name, const char *field, const char *expected, int *out, struct ec_diag *d)
{
	if (value < 0) {
		ec_diag_problem(d, "field.enum", NULL, 0, field, "value", name, "expected", expected, NULL);
		return EC_EUSAGE;
	}
	*out = value;
	return EC_OK;
}
