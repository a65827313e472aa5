/*
** The cluster registry's use cases: registering and changing a cluster with
** its member rules, and importing the registry's files — one save sequence
** (check, parent registered, put) for every way in.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "echelon/uscc.h"

void ec_cluster_change_init(struct ec_cluster_change *c)
{
	memset(c, 0, sizeof *c);
	c->founded = -1;
}

int app_cluster_save(struct ec_app *app, const struct ec_catalog *cat, const struct ec_cluster *c, const char *file,
		     long line, int (*known_parent)(void *ctx, const char *code), void *ctx, int store,
		     struct ec_diag *d)
{
	struct ec_cluster parent;
	struct ec_problem why;
	int rc;

	if (ec_cluster_check(c, cat, &why) != EC_OK) {
		ec_diag_put(d, file, line, &why);
		return EC_EDATA;
	}
	if (c->parent[0] && !(known_parent && known_parent(ctx, c->parent))) {
		rc = ec_store_cluster_get(app->store, c->parent, &parent);
		if (rc == EC_ENOTFOUND) {
			if (file)
				ec_diag_problem(d, "import.parent_unknown", file, line, "parent", "parent", c->parent, NULL);
			else
				ec_diag_problem(d, "cluster.parent_unknown", NULL, 0, "parent", "parent", c->parent, NULL);
			return EC_EDATA;
		}
		if (rc != EC_OK)
			return app_store_failed(app, d);
	}
	if (!store)
		return EC_OK;
	return ec_store_cluster_put(app->store, c) == EC_OK ? EC_OK : app_store_failed(app, d);
}

/* The fields a change gives, onto c. Returns 0 or the first failing status
** (every problem is in d). */
static int apply(const struct ec_cluster_change *ch, struct ec_cluster *c, struct ec_diag *d)
{
	int rc = EC_OK, r, tier;

#define TEXT(f)                                                                 \
	if (ch->f && (r = app_text(c->f, sizeof c->f, ch->f, #f, d)) != EC_OK) \
		rc = rc ? rc : r;
	TEXT(name_zh)
	TEXT(name_en)
	TEXT(parent)
	TEXT(regions)
	TEXT(categories)
	TEXT(agency)
#undef TEXT
	if (ch->tier) {
		char names[64];
		if ((r = app_enum(ec_tier_parse(ch->tier), ch->tier, "tier", ec_tier_names(names, sizeof names), &tier, d)))
			rc = rc ? rc : r;
		else
			c->tier = (enum ec_tier)tier;
	}
	if (ch->founded >= 0)
		c->founded = ch->founded;
	return rc;
}

/* The member rules of a change, checked: every USCC valid. Returns 0 or
** EC_EDATA with a problem for each bad one. */
static int check_members(const char *list, const char *field, struct ec_diag *d)
{
	int rc = EC_OK;

	for (const char *p = list ? list : ""; *p;) {
		size_t n = strcspn(p, ";");
		struct ec_uscc_result u;
		char uscc[32];

		snprintf(uscc, sizeof uscc, "%.*s", (int)(n > 30 ? 30 : n), p);
		if (ec_uscc_check(p, n, &u) != EC_OK) {
			ec_diag_problem(d, "uscc.invalid", NULL, 0, field, "value", uscc, NULL);
			rc = EC_EDATA;
		}
		p += n + (p[n] == ';');
	}
	return rc;
}

static int put_members(struct ec_app *app, const char *code, const char *list, int include, int *count)
{
	for (const char *p = list ? list : ""; *p;) {
		size_t n = strcspn(p, ";");
		char uscc[EC_USCC_LEN + 1];

		snprintf(uscc, sizeof uscc, "%.*s", (int)n, p);
		if (ec_store_cluster_member_put(app->store, code, uscc, include) != EC_OK)
			return EC_EIO;
		(*count)++;
		p += n + (p[n] == ';');
	}
	return EC_OK;
}

static int save_change(struct ec_app *app, const struct ec_actor *who, const char *code,
		       const struct ec_cluster_change *ch, int adding, struct ec_cluster *out, struct ec_diag *d)
{
	const struct ec_catalog *cat;
	struct ec_cluster c;
	int rc, members = 0;

	if ((rc = app_allow(who, adding ? EC_MAY_CLUSTER_ADD : EC_MAY_CLUSTER_EDIT, d)) != EC_OK)
		return rc;
	if (!code || !*code) {
		ec_diag_problem(d, "field.required", NULL, 0, "code", NULL);
		return EC_EUSAGE;
	}
	if (strlen(code) >= sizeof c.code)
		return app_text(c.code, sizeof c.code, code, "code", d);
	if (!adding && who->role == EC_ROLE_AGENCY && !ec_scope_has(who->scope, code)) {
		ec_diag_problem(d, "cluster.not_in_scope", NULL, 0, "code", "code", code, NULL);
		return EC_EDENIED;
	}
	if (!(cat = app_catalog(app, d)))
		return EC_EIO;
	if ((rc = app_begin(app, d)) != EC_OK)
		return rc;
	memset(&c, 0, sizeof c);
	rc = ec_store_cluster_get(app->store, code, &c);
	if (adding && rc == EC_OK) {
		ec_diag_problem(d, "cluster.exists", NULL, 0, "code", "code", code, NULL);
		rc = EC_EDATA;
	} else if (!adding && rc == EC_ENOTFOUND) {
		ec_diag_problem(d, "cluster.not_found", NULL, 0, "code", "code", code, NULL);
	} else if (rc != EC_OK && rc != EC_ENOTFOUND) {
		rc = app_store_failed(app, d);
	} else {
		if (adding) {
			memset(&c, 0, sizeof c);
			snprintf(c.code, sizeof c.code, "%s", code);
			c.tier = EC_TIER_CLUSTER;
		}
		rc = apply(ch, &c, d);
		if (check_members(ch->include, "include", d) != EC_OK || check_members(ch->exclude, "exclude", d) != EC_OK)
			rc = rc ? rc : EC_EDATA;
		if (rc == EC_OK)
			rc = app_cluster_save(app, cat, &c, NULL, 0, NULL, NULL, 1, d);
		if (rc == EC_OK && (put_members(app, code, ch->include, 1, &members) != EC_OK ||
				    put_members(app, code, ch->exclude, 0, &members) != EC_OK))
			rc = app_store_failed(app, d);
	}
	rc = app_end(app, rc, who, d, adding ? "cluster.add" : "cluster.edit", code,
		     "audit.cluster|tier=%s|regions=%s|categories=%s|members=%d", ec_tier_name(c.tier), c.regions,
		     c.categories, members);
	if (rc == EC_OK && out)
		*out = c;
	return rc;
}

int ec_app_cluster_add(struct ec_app *app, const struct ec_actor *who, const char *code,
		       const struct ec_cluster_change *ch, struct ec_cluster *out, struct ec_diag *d)
{
	return save_change(app, who, code, ch, 1, out, d);
}

int ec_app_cluster_edit(struct ec_app *app, const struct ec_actor *who, const char *code,
			const struct ec_cluster_change *ch, struct ec_cluster *out, struct ec_diag *d)
{
	return save_change(app, who, code, ch, 0, out, d);
}
