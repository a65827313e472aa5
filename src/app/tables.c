/*
** The registries as tables: clusters, projects, funds and the audit log,
** as `echelon … list --format csv|json|xlsx` writes them and the API's
** downloads (?format=csv|xlsx) give them. One builder per registry, so the
** command's listing and the dashboard's download are the same columns.
*/
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "echelon/output.h"

static const char *const cluster_names[] = { "code", "tier", "name_zh", "name_en", "regions", "categories", "parent",
					     "founded" };
static const enum ec_col_kind cluster_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };

struct lister {
	struct ec_table *t;
	int tier;
};

static int cluster_row(void *ctx, const struct ec_cluster *c)
{
	struct lister *l = ctx;
	char founded[16];

	if (l->tier >= 0 && (int)c->tier != l->tier)
		return 0;
	snprintf(founded, sizeof founded, "%d", c->founded);
	ec_table_addv(l->t, c->code, ec_tier_name(c->tier), c->name_zh, c->name_en, c->regions, c->categories, c->parent,
		      c->founded ? founded : "");
	return 0;
}

int ec_app_clusters_table(struct ec_app *app, int tier, struct ec_table *t)
{
	struct lister l = { t, tier };
	int rc;

	ec_table_init(t, 8, cluster_names, cluster_kinds);
	if ((rc = ec_app_clusters(app, cluster_row, &l)) != EC_OK)
		ec_table_release(t);
	return rc;
}

static const char *const project_names[] = { "code", "name", "owner_name", "owner", "kind", "category", "cluster",
					     "region", "stage", "total_investment", "start", "end" };
static const enum ec_col_kind project_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT };

void ec_projects_table_init(struct ec_table *t)
{
	ec_table_init(t, 12, project_names, project_kinds);
}

void ec_app_owner_name(struct ec_app *app, const char *uscc, char *name, size_t size)
{
	struct ec_enterprise e;

	name[0] = '\0';
	if (uscc && *uscc && ec_app_enterprise(app, uscc, &e) == EC_OK)
		snprintf(name, size, "%s", e.name);
}

void ec_projects_table_add(struct ec_table *t, const struct ec_project *p, const char *owner_name)
{
	char total[32], start[8], end[8];

	ec_number_format(p->total_investment, total);
	ec_period_format(p->start, start);
	ec_period_format(p->end, end);
	ec_table_addv(t, p->code, p->name, owner_name ? owner_name : "", p->owner, ec_project_kind_name(p->kind),
		      p->category, p->cluster, p->region, ec_stage_name(p->stage), total, start, end);
}

static const char *const fund_names[] = { "code", "name", "type", "capital", "categories", "regions", "stages",
					  "min_ticket", "max_ticket", "max_share", "coinvest", "min_digital_level" };
static const enum ec_col_kind fund_kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT,
					       EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
					       EC_COL_TEXT, EC_COL_NUMBER };

void ec_funds_table_init(struct ec_table *t)
{
	ec_table_init(t, 12, fund_names, fund_kinds);
}

void ec_funds_table_add(struct ec_table *t, const struct ec_fund *x)
{
	char v[5][32], stages[128];

	ec_number_format(x->capital, v[0]);
	snprintf(v[4], sizeof v[4], "%d", x->min_digital_level);
	ec_number_format(x->min_ticket, v[1]);
	ec_number_format(x->max_ticket, v[2]);
	ec_number_format(x->max_share, v[3]);
	ec_stage_set_format(x->stages, stages, sizeof stages);
	ec_table_addv(t, x->code, x->name, ec_fund_type_name(x->type), v[0], x->categories, x->regions, stages, v[1], v[2],
		      v[3], ec_coinvest_name(x->coinvest), v[4]);
}

static const char *const audit_names[] = { "id", "at", "user", "action", "target", "summary" };
static const enum ec_col_kind audit_kinds[] = { EC_COL_NUMBER, EC_COL_TEXT, EC_COL_TEXT,
						EC_COL_TEXT,   EC_COL_TEXT, EC_COL_TEXT };

static int audit_row(void *ctx, const struct ec_audit *e)
{
	char id[24];

	snprintf(id, sizeof id, "%lld", (long long)e->id);
	ec_table_addv(ctx, id, e->at, e->user, e->action, e->target, e->summary);
	return 0;
}

int ec_app_audit_table(struct ec_app *app, int64_t limit, struct ec_table *t)
{
	int rc;

	ec_table_init(t, 6, audit_names, audit_kinds);
	if ((rc = ec_app_audit(app, limit, audit_row, t)) != EC_OK)
		ec_table_release(t);
	return rc;
}
