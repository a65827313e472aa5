/*
** The project library's and the fund registry's use cases: adding and
** changing a project (its stage, a revision of its total, the investment
** completed in a month) and a fund, and importing their files — one save
** sequence each (check, references, put) for every way in.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"


void ec_project_change_init(struct ec_project_change *c)
{
	memset(c, 0, sizeof *c);
	c->total = NAN;
	c->revision_period = -1;
	c->start = c->end = -1;
	for (int s = 0; s < EC_NSOURCES; s++)
		c->funding[s] = NAN;
	c->land_mu = c->energy_tce = NAN;
	c->completed_period = -1;
	c->completed = NAN;
}

void ec_fund_change_init(struct ec_fund_change *c)
{
	memset(c, 0, sizeof *c);
	c->capital = c->min_ticket = c->max_ticket = c->max_share = c->min_digital_level = NAN;
}

int app_project_save(struct ec_app *app, const struct ec_catalog *cat, const struct ec_project *p, const char *file,
		     long line, int store, struct ec_diag *d)
{
	struct ec_cluster c;
	struct ec_problem why;
	int rc;

	if (ec_project_check(p, cat, &why) != EC_OK) {
		ec_diag_put(d, file, line, &why);
		return EC_EDATA;
	}
	if (p->cluster[0]) {
		rc = ec_store_cluster_get(app->store, p->cluster, &c);
		if (rc == EC_ENOTFOUND) {
			ec_diag_problem(d, "project.cluster_unknown", file, line, "cluster", "cluster", p->cluster, NULL);
			return EC_EDATA;
		}
		if (rc != EC_OK)
			return app_store_failed(app, d);
	}
	if (!store)
		return EC_OK;
	return ec_store_project_put(app->store, p) == EC_OK ? EC_OK : app_store_failed(app, d);
}

int app_project_stage(struct ec_project *p, enum ec_stage to, int had, const char *file, long line, struct ec_diag *d)
{
	struct ec_problem why;

	if (had && to != p->stage && ec_project_stage_problem(p->stage, to, p, &why) != EC_OK) {
		ec_diag_put(d, file, line, &why);
		return EC_EDATA;
	}
	p->stage = to;
	return EC_OK;
}

/* The fields of a change onto p (had: p is the stored project). Returns 0
** or the first failing status; every problem is in d. */
static int apply(const struct ec_project_change *ch, struct ec_project *p, int had, struct ec_diag *d)
{
	int rc = EC_OK, r, v;
	struct ec_problem why;
	char names[160];

#define KEEP(status) (rc = rc ? rc : (status))
#define TEXT(f)                                                                 \
	if (ch->f && (r = app_text(p->f, sizeof p->f, ch->f, #f, d)) != EC_OK) \
		KEEP(r);
	TEXT(name)
	TEXT(owner)
	TEXT(category)
	TEXT(cluster)
	TEXT(region)
#undef TEXT
	if (ch->kind) {
		if ((r = app_enum(ec_project_kind_parse(ch->kind), ch->kind, "kind", ec_project_kind_names(names, sizeof names),
				  &v, d)) != EC_OK)
			KEEP(r);
		else
			p->kind = (enum ec_project_kind)v;
	}
	if (ch->start >= 0)
		p->start = ch->start;
	if (ch->end >= 0)
		p->end = ch->end;
	for (int s = 0; s < EC_NSOURCES; s++)
		if (!isnan(ch->funding[s]))
			p->funding[s] = ch->funding[s];
	if (!isnan(ch->land_mu))
		p->land_mu = ch->land_mu;
	if (!isnan(ch->energy_tce))
		p->energy_tce = ch->energy_tce;
	if (!isnan(ch->total) && (!had || ch->total != p->total_investment)) {
		if (!had) {
			p->total_investment = ch->total;
		} else {
			/* An explicit revision, so that amounts invested are held to
			** the total then in force. */
			int period = ch->revision_period >= 0 ? ch->revision_period
				     : p->ncompleted ? p->completed[p->ncompleted - 1].period : p->start;
			if (ec_project_revise_total(p, period, ch->total, ch->reason ? ch->reason : "", &why)) {
				ec_diag_put(d, NULL, 0, &why);
				KEEP(EC_EDATA);
			}
		}
	}
	if (ch->completed_period >= 0 && !isnan(ch->completed) &&
	    ec_project_record_completed(p, ch->completed_period, ch->completed, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		KEEP(EC_EDATA);
	}
	if (ch->stage) {
		if ((r = app_enum(ec_stage_parse(ch->stage), ch->stage, "stage", ec_stage_names(names, sizeof names), &v,
				  d)) != EC_OK)
			KEEP(r);
		else if ((r = app_project_stage(p, (enum ec_stage)v, had, NULL, 0, d)) != EC_OK)
			KEEP(r);
	}
#undef KEEP
	return rc;
}

static int project_change(struct ec_app *app, const struct ec_actor *who, const char *code,
			  const struct ec_project_change *ch, const char *action, struct ec_project *out,
			  struct ec_diag *d)
{
	int adding = !strcmp(action, "project.add");
	const struct ec_catalog *cat;
	struct ec_project p;
	int rc, had, exists;

	if (out)
		ec_project_init(out);
	if ((rc = app_allow(who, EC_MAY_PROJECT_EDIT, d)) != EC_OK)
		return rc;
	if (!code || !*code) {
		ec_diag_problem(d, "field.required", NULL, 0, "code", NULL);
		return EC_EUSAGE;
	}
	ec_project_init(&p);
	if ((rc = app_text(p.code, sizeof p.code, code, "code", d)) != EC_OK)
		return rc;
	if (!(cat = app_catalog(app, d)) || (rc = app_begin(app, d)) != EC_OK)
		return EC_EIO;
	rc = ec_store_project_get(app->store, code, &p);
	exists = rc == EC_OK;
	/* another's project is, to an enterprise, as if there were none */
	had = exists && ec_actor_sees_project(who, &p);
	if (adding && exists) {
		ec_diag_problem(d, "project.exists", NULL, 0, "code", "code", code, NULL);
		rc = EC_EDATA;
	} else if (!adding && !had && (rc == EC_OK || rc == EC_ENOTFOUND)) {
		ec_diag_problem(d, "project.not_found", NULL, 0, "code", "code", code, NULL);
		rc = EC_ENOTFOUND;
	} else if (rc != EC_OK && rc != EC_ENOTFOUND) {
		rc = app_store_failed(app, d);
	} else {
		if (adding) {
			ec_project_release(&p);
			ec_project_init(&p);
			snprintf(p.code, sizeof p.code, "%s", code);
		}
		rc = apply(ch, &p, had, d);
		if (rc == EC_OK && !ec_actor_sees_project(who, &p)) {
			ec_diag_problem(d, "project.not_owner", NULL, 0, "owner", "owner", p.owner, NULL);
			rc = EC_EDENIED;
		}
		if (rc == EC_OK)
			rc = app_project_save(app, cat, &p, NULL, 0, 1, d);
	}
	rc = app_end(app, rc, who, d, action, code, "audit.project|stage=%s|total=%.0f", ec_stage_name(p.stage), p.total_investment);
	if (rc == EC_OK && out)
		*out = p;
	else
		ec_project_release(&p);
	return rc;
}

int ec_app_project_add(struct ec_app *app, const struct ec_actor *who, const char *code,
		       const struct ec_project_change *ch, struct ec_project *out, struct ec_diag *d)
{
	return project_change(app, who, code, ch, "project.add", out, d);
}

int ec_app_project_edit(struct ec_app *app, const struct ec_actor *who, const char *code,
			const struct ec_project_change *ch, struct ec_project *out, struct ec_diag *d)
{
	return project_change(app, who, code, ch, "project.edit", out, d);
}

int ec_app_project_progress(struct ec_app *app, const struct ec_actor *who, const char *code, int period,
			    double amount, struct ec_project *out, struct ec_diag *d)
{
	struct ec_project_change ch;

	ec_project_change_init(&ch);
	ch.completed_period = period;
	ch.completed = amount;
	return project_change(app, who, code, &ch, "project.progress", out, d);
}

/* ---- funds ---- */

int app_fund_save(struct ec_app *app, const struct ec_catalog *cat, const struct ec_fund *f, const char *file,
		  long line, int store, struct ec_diag *d)
{
	struct ec_problem why;

	if (ec_fund_check(f, cat, &why) != EC_OK) {
		ec_diag_put(d, file, line, &why);
		return EC_EDATA;
	}
	if (!store)
		return EC_OK;
	return ec_store_fund_put(app->store, f) == EC_OK ? EC_OK : app_store_failed(app, d);
}

static int apply_fund(const struct ec_fund_change *ch, struct ec_fund *f, struct ec_diag *d)
{
	int rc = EC_OK, r, v;
	char why[160], names[160];

#define KEEP(status) (rc = rc ? rc : (status))
#define TEXT(x)                                                                 \
	if (ch->x && (r = app_text(f->x, sizeof f->x, ch->x, #x, d)) != EC_OK) \
		KEEP(r);
#define AMOUNT(x)             \
	if (!isnan(ch->x))    \
		f->x = ch->x;
	TEXT(name)
	TEXT(categories)
	TEXT(regions)
	AMOUNT(capital)
	AMOUNT(min_ticket)
	AMOUNT(max_ticket)
	AMOUNT(max_share)
#undef TEXT
#undef AMOUNT
	/* a whole level or nothing: ec_fund_check sees only the int */
	if (!isnan(ch->min_digital_level)) {
		double x = ch->min_digital_level;
		if (x != floor(x) || x < 0 || x > EC_FUND_DIGITAL_LEVEL_MAX) {
			char value[32], max[8];
			snprintf(value, sizeof value, "%g", x);
			snprintf(max, sizeof max, "%d", EC_FUND_DIGITAL_LEVEL_MAX);
			ec_diag_problem(d, "number.range", NULL, 0, "min_digital_level", "value", value, "min", "0", "max",
					max, NULL);
			KEEP(EC_EUSAGE);
		} else {
			f->min_digital_level = (int)x;
		}
	}
	if (ch->type) {
		if ((r = app_enum(ec_fund_type_parse(ch->type), ch->type, "type", ec_fund_type_names(names, sizeof names),
				  &v, d)))
			KEEP(r);
		else
			f->type = (enum ec_fund_type)v;
	}
	if (ch->coinvest) {
		if ((r = app_enum(ec_coinvest_parse(ch->coinvest), ch->coinvest, "coinvest",
				  ec_coinvest_names(names, sizeof names), &v, d)))
			KEEP(r);
		else
			f->coinvest = (enum ec_coinvest)v;
	}
	if (ch->stages && ec_stage_set_parse(ch->stages, &f->stages, why, sizeof why) != EC_OK) {
		ec_diag_problem(d, "stage.set", NULL, 0, "stages", "value", ch->stages, "expected",
				ec_stage_names(names, sizeof names), NULL);
		KEEP(EC_EUSAGE);
	}
#undef KEEP
	return rc;
}

static int fund_change(struct ec_app *app, const struct ec_actor *who, const char *code,
		       const struct ec_fund_change *ch, int adding, struct ec_fund *out, struct ec_diag *d)
{
	const struct ec_catalog *cat;
	struct ec_fund f;
	int rc;

	if ((rc = app_allow(who, adding ? EC_MAY_FUND_ADD : EC_MAY_FUND_EDIT, d)) != EC_OK)
		return rc;
	if (!code || !*code) {
		ec_diag_problem(d, "field.required", NULL, 0, "code", NULL);
		return EC_EUSAGE;
	}
	ec_fund_init(&f);
	if ((rc = app_text(f.code, sizeof f.code, code, "code", d)) != EC_OK)
		return rc;
	if (!adding && who->role == EC_ROLE_FUND && !ec_scope_has(who->scope, code)) {
		ec_diag_problem(d, "fund.not_in_scope", NULL, 0, "code", "code", code, NULL);
		return EC_EDENIED;
	}
	if (!(cat = app_catalog(app, d)) || (rc = app_begin(app, d)) != EC_OK)
		return EC_EIO;
	rc = ec_store_fund_get(app->store, code, &f);
	if (adding && rc == EC_OK) {
		ec_diag_problem(d, "fund.exists", NULL, 0, "code", "code", code, NULL);
		rc = EC_EDATA;
	} else if (!adding && rc == EC_ENOTFOUND) {
		ec_diag_problem(d, "fund.not_found", NULL, 0, "code", "code", code, NULL);
	} else if (rc != EC_OK && rc != EC_ENOTFOUND) {
		rc = app_store_failed(app, d);
	} else {
		if (adding) {
			ec_fund_init(&f);
			snprintf(f.code, sizeof f.code, "%s", code);
		}
		if ((rc = apply_fund(ch, &f, d)) == EC_OK)
			rc = app_fund_save(app, cat, &f, NULL, 0, 1, d);
	}
	rc = app_end(app, rc, who, d, adding ? "fund.add" : "fund.edit", code, "audit.fund|fund_type=%s|capital=%.0f",
		     ec_fund_type_name(f.type), f.capital);
	if (rc == EC_OK && out)
		*out = f;
	return rc;
}

int ec_app_fund_add(struct ec_app *app, const struct ec_actor *who, const char *code, const struct ec_fund_change *ch,
		    struct ec_fund *out, struct ec_diag *d)
{
	return fund_change(app, who, code, ch, 1, out, d);
}

int ec_app_fund_edit(struct ec_app *app, const struct ec_actor *who, const char *code, const struct ec_fund_change *ch,
		     struct ec_fund *out, struct ec_diag *d)
{
	return fund_change(app, who, code, ch, 0, out, d);
}
