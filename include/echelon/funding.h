/*
** "Funds follow the project": the project library and the fund registry
** read from a store and turned into the tables that the command and the API
** give — progress and alerts, matches, and the optimal allocation of funds
** to projects (allocate.h) with what each project still lacks and the
** shadow prices of fund capacities and quotas.
*/
#ifndef ECHELON_FUNDING_H
#define ECHELON_FUNDING_H

#include "allocate.h"
#include "output.h"
#include "project.h"
#include "store.h"

struct ec_funding {
	struct ec_project *projects;
	size_t nprojects;
	struct ec_fund *funds;
	size_t nfunds;
	struct ec_cluster *clusters;
	size_t nclusters;
	signed char *owner_levels;   /* per project: its owner's SME digital level (0 to 4) in
					its latest submitted questionnaire, -1 for none */
};

/* Reads every project, fund and cluster, and the owners' digital levels,
** in one read transaction (call it outside a transaction). Returns 0, or EC_EIO with *err. */
int ec_funding_load(struct ec_store *s, struct ec_funding *out /* OUT */, char **err /* OUT */);
void ec_funding_release(struct ec_funding *f);

/* The latest month with recorded progress in the library, or December 2021
** when there is none. Can't fail. */
int ec_funding_latest_period(const struct ec_funding *f);

/* Progress of every open project at period: a table (project, name, stage,
** total, cumulative, completion_pct, planned_pct, lag_pp, idle_months); and
** the alerts (project, kind, value, message). */
void ec_funding_progress(const struct ec_funding *f, int period, struct ec_table *t /* OUT */);
void ec_funding_alerts(const struct ec_funding *f, int period, const struct ec_alert_params *ap,
		       struct ec_table *t /* OUT */);

/* Ranked eligible matches for one fund (fund_code) or one project
** (project_code; the other NULL): (project, fund, score, open_gap, reasons),
** with the open gaps left after the progress up to period (< 0: the latest
** month with progress, ec_funding_latest_period) and the area bonus for the
** priority_areas (';'-separated SEI areas, NULL or "" for none; the caller
** checks them with ec_match_areas_check). Returns 0, or EC_ENOTFOUND with
** *err. */
int ec_funding_matches(const struct ec_funding *f, const char *fund_code, const char *project_code, int period,
		       const char *priority_areas, struct ec_table *t /* OUT */, char **err /* OUT */);

/* Land and energy quotas by province ("region,land_mu,energy_tce"), may be
** NULL for none. NaN: no quota of that kind in the province. */
struct ec_quota {
	char region[8];
	double land_mu, energy_tce;
};

/* Checks one quota against the catalogue: its region a province of cat
** ("110000"), its land and energy finite and >= 0 or NaN (none; not both),
** and not a province
** already among the n before it (quotas[0..n-1]). Returns 0, or EC_EDATA
** with why set to what is wrong and what was expected, naming the field. */
int ec_quota_check(const struct ec_catalog *cat, const struct ec_quota *q, const struct ec_quota *before, size_t n,
		   char *why, size_t size);
/* The same check, its finding as a problem (quota.*) about its field in
** *why (the caller places or releases it). Returns 0, or EC_EDATA. */
int ec_quota_problem(const struct ec_catalog *cat, const struct ec_quota *q, const struct ec_quota *before, size_t n,
		     struct ec_problem *why /* OUT */);

/* Reads a quotas file ("region,land_mu,energy_tce"; an empty cell: no
** quota of that kind), every row checked as ec_quota_check says, named
** `name` in problems. Returns 0 with *out (caller frees) and *n, or
** EC_EDATA with every problem in d and nothing kept. */
int ec_quota_file_read(const struct ec_catalog *cat, const char *name, const char *data, size_t len,
		       struct ec_quota **out /* OUT */, size_t *n /* OUT */, struct ec_diag *d);

/* The allocation problem of a library (allocate.h) and what maps it back:
** the open projects (not completed or cancelled), each with its gaps by
** source at period (ec_project_source_gaps) and matching's priority; every
** fund; the provinces of the open projects with their quotas (none where
** quotas has no row); eligibility by the matching rules at period. */
struct ec_funding_problem {
	struct ec_alloc_problem problem; /* points into the arrays below */
	size_t *project_index;           /* [problem.nprojects]: index into the library's projects */
	char (*region_code)[8];          /* [problem.nregions]: "110000" */
	struct ec_alloc_project *projects;
	struct ec_alloc_fund *funds;
	struct ec_alloc_region *regions;
	unsigned char *eligible;
};

/* Builds it. period 0 means all recorded progress. Returns 0, or EC_EUSAGE
** with *err for a priority area that is not an SEI area of cat. */
int ec_funding_problem_build(const struct ec_funding *f, const struct ec_catalog *cat, int period,
			     const char *priority_areas, const struct ec_quota *quotas, size_t nquotas,
			     struct ec_funding_problem *out /* OUT: caller releases */, char **err /* OUT */);
void ec_funding_problem_release(struct ec_funding_problem *fp);

/* The allocation at period: each open project's gaps by source
** (ec_project_source_gaps at period: what is left to invest shared in the
** proportions of the plan, the unplanned rest open to social capital), its
** priority as matching scores it (ec_match_priority, with the area bonus for
** priority_areas, NULL or "" for none), the funds' eligibility from the
** matching rules at the same period (so that every eligible pair can carry
** money), the provinces' quotas; solved by GLPK. Fills plan (fund,
** fund_type, project, amount), lacking (project, source, gap, lacking) and
** prices (constraint, name, bound, shadow_price) and *res (caller
** releases). Returns as ec_allocate, or EC_EUSAGE with *err when a
** priority area is not an SEI area of cat. */
int ec_funding_allocate(const struct ec_funding *f, const struct ec_catalog *cat, int period,
			const char *priority_areas, const struct ec_quota *quotas, size_t nquotas, const struct ec_alloc_options *opts,
			struct ec_alloc_result *res /* OUT */, struct ec_table *plan /* OUT */,
			struct ec_table *lacking /* OUT */, struct ec_table *prices /* OUT */, char **err /* OUT */);


#endif
