/*
** The allocation of funds to projects as a use case: the library read,
** the plan solved (funding.h, allocate.h) and the run written to the audit
** log with its objective, whichever face asked for it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"

void ec_allocation_request_init(struct ec_allocation_request *rq)
{
	memset(rq, 0, sizeof *rq);
	ec_alloc_options_init(&rq->opts);
}

const char *const ec_allocation_sheets[EC_NLANGS][3] = {
	{ "plan", "still lacking", "binding constraints" },
	{ "分配方案", "资金缺口", "紧约束与影子价格" },
};

void ec_allocation_release(struct ec_allocation *a)
{
	ec_table_release(&a->plan);
	ec_table_release(&a->lacking);
	ec_table_release(&a->prices);
	ec_alloc_result_release(&a->result);
	memset(a, 0, sizeof *a);
}

int ec_app_allocate(struct ec_app *app, const struct ec_actor *who, const struct ec_allocation_request *rq,
		    struct ec_allocation *out, struct ec_diag *d)
{
	const struct ec_catalog *cat;
	struct ec_funding f;
	struct ec_problem why;
	char *err = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = app_allow(who, EC_MAY_ALLOCATE, d)) != EC_OK)
		return rc;
	if (!(cat = app_catalog(app, d)))
		return EC_EIO;
	if (ec_match_areas_problem(cat, rq->priority_areas, &why) != EC_OK) {
		ec_diag_put(d, NULL, 0, &why);
		return EC_EUSAGE;
	}
	if (ec_funding_load(app->store, &f, &err) != EC_OK) {
		free(err);
		return app_store_failed(app, d);
	}
	out->period = rq->period > 0 ? rq->period : ec_funding_latest_period(&f);
	rc = ec_funding_allocate(&f, cat, out->period, rq->priority_areas, rq->quotas, rq->nquotas, &rq->opts,
				 &out->result, &out->plan, &out->lacking, &out->prices, &err);
	ec_funding_release(&f);
	if (rc != EC_OK) {
		/* A limit of the solver is its time (raise time_limit_s) or the
		** size of the problem (narrow the funds). */
		const char *field = rc == EC_ELIMIT && out->result.time_limit_reached ? "time_limit_s" : NULL;
		ec_diag_at(d, NULL, 0, field, "%s", err ? err : "the allocation failed");
		free(err);
		return rc == EC_ELIMIT || rc == EC_EUSAGE || rc == EC_EDATA || rc == EC_ECANCELLED ? rc : EC_EIO;
	}
	/* The run is audited on its own: it changes no data. */
	if ((rc = app_begin(app, d)) == EC_OK)
		rc = app_end(app, EC_OK, who, d, "allocation", "all",
			     "audit.allocation|status=%s|objective=%.2f|objective_kind=%s|solver=%s|gap=%.2f",
			     !out->result.optimal ? "time limit reached" : rq->opts.mip ? "optimal" : "optimal (LP relaxation)",
			     out->result.objective, rq->opts.objective == EC_ALLOC_SHARE ? "share" : "amount",
			     ec_alloc_solver_name(rq->opts.solver), out->result.gap_pct);
	if (rc != EC_OK)
		ec_allocation_release(out);
	return rc;
}
