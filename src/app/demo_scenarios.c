/*
** The demo's application scenarios: two published batches and a few
** drafts, in the directions and regions of the demo's SEI enterprises,
** with applications from the enterprises that fit them best, reviewers'
** scores and selections, in every status of the machine — written inside
** the caller's transaction, the same for the same seed.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

#define CANDIDATES 4000 /* SEI enterprises considered, the first by id */

static const char *const templates[EC_SCN_NKINDS][3] = {
	{ "智慧城市示范应用", "公共服务数字化升级", "重点场所安全监测" },
	{ "产线智能化改造", "供应链协同平台建设", "节能降碳技术改造" },
	{ "新产品首批次应用推广", "技术成果转化对接", "首台（套）装备示范应用" },
};

static const char *const modes[] = { "公开招标", "揭榜挂帅", "联合攻关", "政府采购", "应用示范" };

/* A batch's scenarios end in these statuses, in turn. */
static const enum ec_scenario_status first_batch[] = {
	EC_SCN_COMPLETED, EC_SCN_SELECTED, EC_SCN_SELECTED, EC_SCN_REVIEW, EC_SCN_CLOSED, EC_SCN_SELECTED,
	EC_SCN_COMPLETED, EC_SCN_REVIEW, EC_SCN_WITHDRAWN, EC_SCN_SELECTED, EC_SCN_CLOSED, EC_SCN_REVIEW,
};

static uint64_t next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int below(uint64_t *state, int n)
{
	return (int)(next(state) % (uint64_t)n);
}

struct firms {
	struct ec_enterprise *v;
	size_t n;
};

static int take_sei(void *ctx, const struct ec_enterprise *e)
{
	struct firms *f = ctx;

	if (e->sei_primary[0] && f->n < CANDIDATES)
		f->v[f->n++] = *e;
	return 0;
}

/* The scenario made from enterprise e: its direction and region. */
static void make(struct ec_scenario *s, const struct ec_catalog *cat, const struct ec_enterprise *e, int number,
		 uint64_t *rng, const char *owner)
{
	const struct ec_category *dir;
	const struct ec_region *reg = ec_catalog_find_region(cat, e->region, strlen(e->region));
	char direction[16];
	size_t dots;
	int kind = below(rng, EC_SCN_NKINDS);

	ec_scenario_init(s);
	dots = strcspn(e->sei_primary, ".");
	dots += e->sei_primary[dots] ? 1 + strcspn(e->sei_primary + dots + 1, ".") : 0;
	snprintf(direction, sizeof direction, "%.*s", (int)dots, e->sei_primary);
	dir = ec_catalog_find_category(cat, direction, strlen(direction));
	snprintf(s->code, sizeof s->code, "CJ%04d", number);
	s->kind = (enum ec_scenario_kind)kind;
	snprintf(s->title, sizeof s->title, "%s·%s", dir ? dir->name_zh : direction, templates[kind][below(rng, 3)]);
	snprintf(s->owner, sizeof s->owner, "%s", owner);
	snprintf(s->category, sizeof s->category, "%s", direction);
	snprintf(s->region, sizeof s->region, "%s", e->region);
	snprintf(s->description, sizeof s->description, "面向%s，征集%s方向的解决方案与产品，要求可在一年内落地并形成可复制的应用模式。",
		 reg ? reg->name_zh : e->region, dir ? dir->name_zh : direction);
	s->budget = (double)(500 + 100 * below(rng, 96)); /* 50 万 to 1 000 万元 */
	snprintf(s->mode, sizeof s->mode, "%s", modes[below(rng, 5)]);
	snprintf(s->contact, sizeof s->contact, "%s场景办 0%03d-%04d", reg ? reg->name_zh : "", 10 + below(rng, 900),
		 below(rng, 10000));
	snprintf(s->criteria, sizeof s->criteria, "%s", EC_SCN_DEFAULT_CRITERIA);
	snprintf(s->updated_at, sizeof s->updated_at, "2026-01-01T00:00:00Z");
}

/* Applications from the best-fitting enterprises, scored when reviewed. */
static int applications(struct ec_app *app, struct ec_scenario *s, const struct firms *f, uint64_t *rng)
{
	static const char *const reviewers[] = { "reviewer1", "reviewer2" };
	struct ec_scenario_fit *fits = ec_malloc(f->n * sizeof *fits);
	struct ec_scenario_criterion c[EC_SCN_CRITERIA];
	struct ec_problem why;
	size_t nfits = 0, nc;
	int napps = 2 + below(rng, 4), rc = EC_OK;
	double best = -1;

	memset(&why, 0, sizeof why);
	ec_scenario_criteria_parse(s->criteria, c, &nc, &why);
	for (size_t i = 0; i < f->n; i++)
		if (ec_scenario_fit(s, &f->v[i], &fits[nfits]) > 0)
			nfits++;
	ec_scenario_fit_sort(fits, nfits);
	for (int k = 0; k < 2 && s->status >= EC_SCN_REVIEW && s->status != EC_SCN_WITHDRAWN; k++) {
		struct ec_scenario_reviewer r;
		memset(&r, 0, sizeof r);
		snprintf(r.scenario, sizeof r.scenario, "%s", s->code);
		snprintf(r.reviewer, sizeof r.reviewer, "%s", reviewers[k]);
		if (ec_store_reviewer_put(app->store, &r) != EC_OK)
			rc = EC_EIO;
	}
	for (size_t i = 0; i < nfits && i < (size_t)napps && rc == EC_OK; i++) {
		struct ec_application a;
		double total = 0;
		memset(&a, 0, sizeof a);
		snprintf(a.scenario, sizeof a.scenario, "%s", s->code);
		snprintf(a.uscc, sizeof a.uscc, "%s", fits[i].uscc);
		snprintf(a.applicant, sizeof a.applicant, "%s", s->owner);
		snprintf(a.solution, sizeof a.solution, "基于自主研发产品的整体解决方案，含部署、培训与一年运维。");
		a.price = round(s->budget * (0.6 + 0.4 * below(rng, 100) / 100.0));
		a.months = 3 + below(rng, 16);
		a.state = i == 3 ? EC_APP_WITHDRAWN : EC_APP_SUBMITTED;
		snprintf(a.updated_at, sizeof a.updated_at, "2026-01-01T00:00:00Z");
		if (ec_store_application_put(app->store, &a) != EC_OK) {
			rc = EC_EIO;
			break;
		}
		if (s->status < EC_SCN_REVIEW || s->status == EC_SCN_WITHDRAWN || a.state == EC_APP_WITHDRAWN)
			continue;
		for (int k = 0; k < 2 && rc == EC_OK; k++)
			for (size_t j = 0; j < nc && rc == EC_OK; j++) {
				struct ec_scenario_score sc;
				memset(&sc, 0, sizeof sc);
				snprintf(sc.scenario, sizeof sc.scenario, "%s", s->code);
				snprintf(sc.uscc, sizeof sc.uscc, "%s", a.uscc);
				snprintf(sc.reviewer, sizeof sc.reviewer, "%s", reviewers[k]);
				snprintf(sc.criterion, sizeof sc.criterion, "%.*s", (int)sizeof sc.criterion - 1, c[j].name);
				sc.score = 60 + below(rng, 41);
				total += c[j].weight * sc.score / 100;
				if (ec_store_score_put(app->store, &sc) != EC_OK)
					rc = EC_EIO;
			}
		if (total > best && (s->status == EC_SCN_SELECTED || s->status == EC_SCN_COMPLETED)) {
			best = total;
			snprintf(s->selected, sizeof s->selected, "%s", a.uscc);
		}
	}
	free(fits);
	if (s->selected[0]) {
		snprintf(s->decided_by, sizeof s->decided_by, "%s", s->owner);
		snprintf(s->decision, sizeof s->decision, "评审综合得分第一，方案成熟、报价合理");
	} else if (s->status == EC_SCN_SELECTED || s->status == EC_SCN_COMPLETED) {
		s->status = EC_SCN_CLOSED; /* nobody fitted: closed without selection */
	}
	return rc;
}

int app_demo_scenarios(struct ec_app *app, const struct ec_catalog *cat, uint64_t seed, const char *owner,
		       struct ec_diag *d)
{
	static const struct ec_scenario_batch batches[] = {
		{ 1, "2026-03-15", "2026年第一批应用场景清单", "", 0 },
		{ 2, "2026-09-20", "2026年第二批应用场景清单", "", 0 },
	};
	struct firms f = { ec_malloc(CANDIDATES * sizeof *f.v), 0 };
	uint64_t rng = seed ^ 0x5ce7a210ull;
	int number = 1, rc = EC_OK;

	if (ec_store_enterprise_each(app->store, take_sei, &f) != EC_OK) {
		free(f.v);
		return app_store_failed(app, d);
	}
	for (int b = 0; b < 2 && f.n && rc == EC_OK; b++) {
		struct ec_scenario_batch batch = batches[b];
		snprintf(batch.published_by, sizeof batch.published_by, "%s", owner);
		if (ec_store_batch_put(app->store, &batch) != EC_OK)
			rc = EC_EIO;
		for (size_t i = 0; i < 12 && rc == EC_OK; i++, number++) {
			struct ec_scenario s;
			make(&s, cat, &f.v[(size_t)below(&rng, (int)f.n)], number, &rng, owner);
			s.batch = batch.number;
			s.status = b == 0 ? first_batch[i] : EC_SCN_OPEN;
			snprintf(s.deadline, sizeof s.deadline, "%s", b == 0 ? "2026-05-31" : "2027-06-30");
			/* the scenario first (its applications refer to it), then
			** again with the selection */
			if (ec_store_scenario_put(app->store, &s) != EC_OK)
				rc = EC_EIO;
			if (rc == EC_OK)
				rc = applications(app, &s, &f, &rng);
			if (rc == EC_OK && ec_store_scenario_put(app->store, &s) != EC_OK)
				rc = EC_EIO;
		}
	}
	for (int i = 0; i < 3 && f.n && rc == EC_OK; i++, number++) {
		struct ec_scenario s;
		make(&s, cat, &f.v[(size_t)below(&rng, (int)f.n)], number, &rng, owner);
		snprintf(s.deadline, sizeof s.deadline, "2027-12-31");
		if (ec_store_scenario_put(app->store, &s) != EC_OK)
			rc = EC_EIO;
	}
	free(f.v);
	return rc == EC_OK ? EC_OK : app_store_failed(app, d);
}
