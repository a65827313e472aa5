/*
** The SME digital-level use cases: an enterprise (or an analyst for it)
** answers the questionnaire as a draft, submits it once per year and
** edition with the pledge that it is true, revises it explicitly; an
** analyst imports answers files all or nothing. Scores come from
** src/lib/digital.c, the one formula every face shows.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_int.h"
#include "echelon/text.h"
#include "echelon/uscc.h"

void ec_digital_view_init(struct ec_digital_view *v)
{
	memset(v, 0, sizeof *v);
}

void ec_digital_view_release(struct ec_digital_view *v)
{
	free(v->answers);
	ec_digital_release(&v->q);
	ec_digital_result_release(&v->r);
	ec_digital_view_init(v);
}

static void utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The actor may see and answer uscc's questionnaire, uscc and year are
** valid, and the edition exists (loaded into q). */
static int check_target(const struct ec_actor *who, const char *uscc, int year, const char *edition,
			struct ec_digital_questionnaire *q, struct ec_diag *d)
{
	struct ec_uscc_result u;
	char number[16];
	int rc;

	if ((rc = app_allow(who, EC_MAY_DIGITAL, d)) != EC_OK)
		return rc;
	if (!uscc || ec_uscc_check(uscc, strlen(uscc), &u) != EC_OK) {
		ec_diag_problem(d, "uscc.invalid", NULL, 0, "uscc", "value", uscc ? uscc : "", NULL);
		return EC_EUSAGE;
	}
	if (who->role == EC_ROLE_ENTERPRISE && strcmp(who->scope, uscc) != 0) {
		ec_diag_problem(d, "digital.not_own", NULL, 0, "uscc", "uscc", uscc, NULL);
		return EC_EDENIED;
	}
	if (year < 2000 || year > 2100) {
		snprintf(number, sizeof number, "%d", year);
		ec_diag_problem(d, "year.invalid", NULL, 0, "year", "value", number, NULL);
		return EC_EUSAGE;
	}
	return ec_digital_load_builtin(q, edition, d) == EC_OK ? EC_OK : EC_EUSAGE;
}

static int audit_end(struct ec_app *app, int rc, const struct ec_actor *who, struct ec_diag *d, const char *action,
		     const struct ec_digital_assessment *a, size_t nanswers)
{
	char target[64], score[32];

	snprintf(target, sizeof target, "%s/%d/%s", a->uscc, a->year, a->edition);
	if (isnan(a->score))
		snprintf(score, sizeof score, "-");
	else
		ec_number_format(a->score, score);
	return app_end(app, rc, who, d, action, target, "audit.digital|edition=%s|year=%d|sector=%s|state=%s|revision=%d|answers=%zu|score=%s|level=%d",
		       a->edition, a->year, a->sector, ec_digital_state_name(a->state), a->revision, nanswers, score,
		       a->level);
}

/* Fills v's score from its answers (complete: all must be there). */
static int score_view(struct ec_digital_view *v, int complete, struct ec_diag *d)
{
	ec_digital_result_release(&v->r);
	return ec_digital_score(&v->q, v->a.sector, v->answers, v->nanswers, complete, NULL, NULL, &v->r, d);
}

int ec_app_digital_answer(struct ec_app *app, const struct ec_actor *who, const char *uscc, int year,
			  const char *edition, const char *sector, const struct ec_digital_answer *answers, size_t n,
			  int revise, struct ec_digital_view *out, struct ec_diag *d)
{
	struct ec_digital_view v;
	const char *action = "digital.answer";
	char number[16];
	int rc;

	ec_digital_view_init(&v);
	if ((rc = check_target(who, uscc, year, edition, &v.q, d)) != EC_OK)
		goto out;
	if ((rc = app_begin(app, d)) != EC_OK)
		goto out;
	snprintf(number, sizeof number, "%d", year);
	rc = ec_store_digital_get(app->store, uscc, year, v.q.edition, &v.a, &v.answers, &v.nanswers);
	if (rc == EC_ENOTFOUND) {
		memset(&v.a, 0, sizeof v.a);
		snprintf(v.a.uscc, sizeof v.a.uscc, "%s", uscc);
		v.a.year = year;
		snprintf(v.a.edition, sizeof v.a.edition, "%s", v.q.edition);
		v.a.state = EC_DIGITAL_DRAFT;
		rc = EC_OK;
		if (revise) {
			ec_diag_problem(d, "digital.revise_draft", NULL, 0, "revise", "uscc", uscc, "year", number, "edition",
					v.q.edition, NULL);
			rc = EC_EDATA;
		}
	} else if (rc != EC_OK) {
		rc = app_store_failed(app, d);
	} else if (v.a.state == EC_DIGITAL_SUBMITTED && !revise) {
		ec_diag_problem(d, "digital.submitted", NULL, 0, NULL, "uscc", uscc, "year", number, "edition", v.q.edition,
				NULL);
		rc = EC_EDATA;
	} else if (v.a.state == EC_DIGITAL_DRAFT && revise) {
		ec_diag_problem(d, "digital.revise_draft", NULL, 0, "revise", "uscc", uscc, "year", number, "edition",
				v.q.edition, NULL);
		rc = EC_EDATA;
	} else if (revise) {
		v.a.state = EC_DIGITAL_DRAFT;
		v.a.revision++;
		action = "digital.revise";
	}
	if (rc == EC_OK && sector && *sector)
		rc = app_text(v.a.sector, sizeof v.a.sector, sector, "sector", d);
	if (rc == EC_OK && !v.a.sector[0]) {
		ec_diag_problem(d, "field.required", NULL, 0, "sector", NULL);
		rc = EC_EUSAGE;
	}
	if (rc == EC_OK) {
		/* each answer replaces the one to its item */
		for (size_t k = 0; k < n; k++) {
			size_t i = 0;
			while (i < v.nanswers && strcmp(v.answers[i].item, answers[k].item) != 0)
				i++;
			if (i == v.nanswers)
				v.answers = ec_realloc(v.answers, ++v.nanswers * sizeof *v.answers);
			v.answers[i] = answers[k];
		}
		v.a.score = NAN;
		v.a.level = 0;
		rc = score_view(&v, 0, d);
	}
	if (rc == EC_OK && ec_store_digital_put(app->store, &v.a, v.answers, v.nanswers) != EC_OK)
		rc = app_store_failed(app, d);
	rc = audit_end(app, rc, who, d, action, &v.a, v.nanswers);
out:
	if (rc == EC_OK && out)
		*out = v;
	else
		ec_digital_view_release(&v);
	return rc;
}

int ec_app_digital_submit(struct ec_app *app, const struct ec_actor *who, const char *uscc, int year,
			  const char *edition, int pledge, struct ec_digital_view *out, struct ec_diag *d)
{
	struct ec_digital_view v;
	char number[16];
	int rc;

	ec_digital_view_init(&v);
	if ((rc = check_target(who, uscc, year, edition, &v.q, d)) != EC_OK)
		goto out;
	if (!pledge) {
		ec_diag_problem(d, "digital.pledge", NULL, 0, "pledge", NULL);
		rc = EC_EDATA;
		goto out;
	}
	if ((rc = app_begin(app, d)) != EC_OK)
		goto out;
	snprintf(number, sizeof number, "%d", year);
	rc = ec_store_digital_get(app->store, uscc, year, v.q.edition, &v.a, &v.answers, &v.nanswers);
	if (rc == EC_ENOTFOUND) {
		ec_diag_problem(d, "digital.not_found", NULL, 0, NULL, "uscc", uscc, "year", number, "edition", v.q.edition,
				NULL);
	} else if (rc != EC_OK) {
		rc = app_store_failed(app, d);
	} else if (v.a.state == EC_DIGITAL_SUBMITTED) {
		ec_diag_problem(d, "digital.submitted", NULL, 0, NULL, "uscc", uscc, "year", number, "edition", v.q.edition,
				NULL);
		rc = EC_EDATA;
	} else if ((rc = score_view(&v, 1, d)) == EC_OK) {
		v.a.state = EC_DIGITAL_SUBMITTED;
		v.a.score = v.r.total;
		v.a.level = v.r.level;
		snprintf(v.a.submitted_by, sizeof v.a.submitted_by, "%s", who->name);
		utc_now(v.a.submitted_at);
		if (ec_store_digital_put(app->store, &v.a, v.answers, v.nanswers) != EC_OK)
			rc = app_store_failed(app, d);
	}
	rc = audit_end(app, rc, who, d, "digital.submit", &v.a, v.nanswers);
out:
	if (rc == EC_OK && out)
		*out = v;
	else
		ec_digital_view_release(&v);
	return rc;
}

int ec_app_digital_show(struct ec_app *app, const struct ec_actor *who, const char *uscc, int year,
			const char *edition, struct ec_digital_view *out, struct ec_diag *d)
{
	struct ec_digital_view v;
	char number[16];
	int rc;

	ec_digital_view_init(&v);
	if ((rc = check_target(who, uscc, year, edition, &v.q, d)) != EC_OK)
		goto out;
	rc = ec_store_digital_get(app->store, uscc, year, v.q.edition, &v.a, &v.answers, &v.nanswers);
	if (rc == EC_ENOTFOUND) {
		snprintf(number, sizeof number, "%d", year);
		ec_diag_problem(d, "digital.not_found", NULL, 0, NULL, "uscc", uscc, "year", number, "edition", v.q.edition,
				NULL);
	} else if (rc != EC_OK) {
		rc = app_store_failed(app, d);
	} else {
		rc = score_view(&v, 0, d);
	}
out:
	if (rc == EC_OK)
		*out = v;
	else
		ec_digital_view_release(&v);
	return rc;
}

/* ---- import ---- */

struct group {
	struct ec_digital_assessment a;
	struct ec_digital_answer *answers;
	long *lines;
	size_t n;
	const struct ec_digital_questionnaire *q; /* NULL: edition unknown */
};

struct import_ctx {
	const char *name;
	struct group *groups;
	size_t ngroups;
	struct ec_digital_questionnaire editions[4];
	int have[4];   /* 1 loaded, -1 unknown */
	int64_t rows;
};

static const struct ec_digital_questionnaire *edition_of(struct import_ctx *x, const char *edition, long line,
							  struct ec_diag *d)
{
	for (int i = 0; ec_digital_editions[i] && i < 4; i++) {
		if (strcmp(ec_digital_editions[i], edition) != 0)
			continue;
		if (!x->have[i])
			x->have[i] = ec_digital_load_builtin(&x->editions[i], edition, d) == EC_OK ? 1 : -1;
		return x->have[i] > 0 ? &x->editions[i] : NULL;
	}
	{
		char names[64];
		ec_diag_problem(d, "digital.edition", x->name, line, "edition", "value", edition, "expected",
				ec_names_join(ec_digital_editions, 2, names, sizeof names), NULL);
	}
	return NULL;
}

static int take_row(void *ctx, const struct ec_digital_answer_row *row, struct ec_diag *d)
{
	struct import_ctx *x = ctx;
	struct group *g = NULL;

	for (size_t i = x->ngroups; i-- > 0;)
		if (x->groups[i].a.year == row->year && !strcmp(x->groups[i].a.uscc, row->uscc) &&
		    !strcmp(x->groups[i].a.edition, row->edition)) {
			g = &x->groups[i];
			break;
		}
	if (!g) {
		const struct ec_digital_questionnaire *q = edition_of(x, row->edition, row->line, d);
		if (!q)
			return EC_OK;
		x->groups = ec_realloc(x->groups, (x->ngroups + 1) * sizeof *x->groups);
		g = &x->groups[x->ngroups++];
		memset(g, 0, sizeof *g);
		snprintf(g->a.uscc, sizeof g->a.uscc, "%s", row->uscc);
		g->a.year = row->year;
		snprintf(g->a.edition, sizeof g->a.edition, "%s", row->edition);
		snprintf(g->a.sector, sizeof g->a.sector, "%s", row->sector);
		g->q = q;
	} else if (strcmp(g->a.sector, row->sector) != 0) {
		ec_diag_problem(d, "digital.sector_mismatch", x->name, row->line, "sector", "uscc", row->uscc, "value",
				row->sector, "expected", g->a.sector, NULL);
		return EC_OK;
	}
	g->answers = ec_realloc(g->answers, (g->n + 1) * sizeof *g->answers);
	g->lines = ec_realloc(g->lines, (g->n + 1) * sizeof *g->lines);
	g->answers[g->n] = row->answer;
	g->lines[g->n] = row->line;
	g->n++;
	x->rows++;
	return EC_OK;
}

int ec_app_digital_import(struct ec_app *app, const struct ec_actor *who, const char *what, const char *name,
			  const char *data, size_t len, int64_t *rows, struct ec_diag *d)
{
	struct import_ctx x;
	struct ec_text text;
	int revise = what && !strcmp(what, "revisions"), rc;
	size_t before = d->total;
	char at[32];

	*rows = 0;
	memset(&x, 0, sizeof x);
	x.name = name;
	if ((rc = app_allow(who, EC_MAY_DIGITAL_IMPORT, d)) != EC_OK)
		return rc;
	if (!what || (!revise && strcmp(what, "answers") != 0)) {
		ec_diag_problem(d, "field.enum", NULL, 0, "kind", "value", what ? what : "", "expected",
				"answers or revisions", NULL);
		return EC_EUSAGE;
	}
	/* a workbook, or a text in another encoding or with another delimiter,
	** read as the other imports read them; problems located at its cells */
	memset(&text, 0, sizeof text);
	rc = ec_text_prepare(name, data, len, NULL, 0, NULL, (size_t)256 << 20, &text, d);
	if (rc == EC_OK)
		rc = ec_digital_answers_parse(name, text.data, text.len, text.delim, take_row, &x, d);
	if (rc == EC_OK && d->total != before)
		rc = EC_EDATA;
	if ((rc == EC_OK || rc == EC_EDATA) && app_begin(app, d) != EC_OK) {
		rc = EC_EIO;
	} else if (rc == EC_OK || rc == EC_EDATA) {
		utc_now(at);
		/* every questionnaire checked, even after a problem, so that one
		** reading of the file names them all */
		for (size_t i = 0; i < x.ngroups && rc != EC_EIO; i++) {
			struct group *g = &x.groups[i];
			struct ec_digital_assessment had;
			struct ec_digital_answer *old = NULL;
			struct ec_digital_result r;
			size_t nold = 0;
			int got;

			if (ec_digital_score(g->q, g->a.sector, g->answers, g->n, 1, name, g->lines, &r, d) != EC_OK) {
				rc = EC_EDATA;
				continue;
			}
			g->a.state = EC_DIGITAL_SUBMITTED;
			g->a.score = r.total;
			g->a.level = r.level;
			snprintf(g->a.submitted_by, sizeof g->a.submitted_by, "%s", who->name);
			snprintf(g->a.submitted_at, sizeof g->a.submitted_at, "%s", at);
			ec_digital_result_release(&r);
			got = ec_store_digital_get(app->store, g->a.uscc, g->a.year, g->a.edition, &had, &old, &nold);
			free(old);
			if (got == EC_OK && had.state == EC_DIGITAL_SUBMITTED && !revise) {
				char number[16];
				snprintf(number, sizeof number, "%d", g->a.year);
				ec_diag_problem(d, "digital.submitted", name, g->lines[0], "uscc", "uscc", g->a.uscc, "year",
						number, "edition", g->a.edition, NULL);
				rc = EC_EDATA;
				continue;
			}
			if (got != EC_OK && got != EC_ENOTFOUND) {
				rc = app_store_failed(app, d);
				break;
			}
			g->a.revision = got == EC_OK ? had.revision + (had.state == EC_DIGITAL_SUBMITTED) : 0;
			if (rc == EC_OK && ec_store_digital_put(app->store, &g->a, g->answers, g->n) != EC_OK)
				rc = app_store_failed(app, d);
		}
		if (rc == EC_OK)
			*rows = x.rows;
		rc = app_end(app, rc, who, d, "digital.import", name, "audit.digital_import|rows=%lld|assessments=%zu|file=%s",
			     (long long)x.rows, x.ngroups, name);
	}
	ec_text_locate(&text, d, before, ec_digital_answer_columns, 6);
	ec_text_release(&text);
	for (size_t i = 0; i < x.ngroups; i++)
		free(x.groups[i].answers), free(x.groups[i].lines);
	free(x.groups);
	for (int i = 0; i < 4; i++)
		ec_digital_release(&x.editions[i]);
	if (rc != EC_OK)
		*rows = 0;
	return rc;
}
