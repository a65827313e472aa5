/*
** The demo's SME digital-level questionnaires in the store: a few hundred
** enterprises, spread over the register, answer the 2022 edition in the
** last two years of the demo (src/demo/digital.c draws the answers),
** scored and stored as submitted, inside the caller's transaction.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

struct firms {
	struct ec_enterprise *v;
	size_t n, cap;
};

static int take_firm(void *ctx, const struct ec_enterprise *e)
{
	struct firms *f = ctx;

	f->v = ec_grow(f->v, &f->cap, f->n, sizeof *f->v);
	f->v[f->n++] = *e;
	return 0;
}

int app_demo_digital(struct ec_app *app, uint64_t seed, int last_year, size_t want, size_t *stored, struct ec_diag *d)
{
	struct ec_digital_questionnaire q;
	struct ec_digital_answer *answers = NULL;
	struct firms firms = { NULL, 0, 0 };
	size_t step;
	int rc;

	*stored = 0;
	if ((rc = ec_digital_load_builtin(&q, "2022", d)) != EC_OK)
		return rc;
	if (ec_store_enterprise_each(app->store, take_firm, &firms) != EC_OK) {
		rc = app_store_failed(app, d);
		goto out;
	}
	answers = ec_malloc((q.nitems + 1) * sizeof *answers);
	step = firms.n / want + 1;
	for (size_t i = 0; i < firms.n && rc == EC_OK; i += step) {
		const struct ec_enterprise *e = &firms.v[i];
		const char *sector = ec_demo_digital_sector(e->industry);
		for (int year = last_year - 1; year <= last_year && rc == EC_OK; year++) {
			struct ec_digital_assessment a;
			struct ec_digital_result r;
			size_t n = ec_demo_digital_answers(&q, e->uscc, sector, year, last_year - 1, seed, answers);
			if ((rc = ec_digital_score(&q, sector, answers, n, 1, NULL, NULL, &r, d)) != EC_OK)
				break;
			memset(&a, 0, sizeof a);
			snprintf(a.uscc, sizeof a.uscc, "%s", e->uscc);
			a.year = year;
			snprintf(a.edition, sizeof a.edition, "%s", q.edition);
			snprintf(a.sector, sizeof a.sector, "%s", sector);
			a.state = EC_DIGITAL_SUBMITTED;
			a.score = r.total;
			a.level = r.level;
			snprintf(a.submitted_by, sizeof a.submitted_by, "demo");
			snprintf(a.submitted_at, sizeof a.submitted_at, "%d-12-31T00:00:00Z", year);
			ec_digital_result_release(&r);
			if (ec_store_digital_put(app->store, &a, answers, n) != EC_OK)
				rc = app_store_failed(app, d);
			else
				(*stored)++;
		}
	}
out:
	free(answers);
	free(firms.v);
	ec_digital_release(&q);
	return rc;
}
