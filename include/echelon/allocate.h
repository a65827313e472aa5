/*
** Allocation of funds to projects ("funds follow the project"): the plan
** that maximises the priority-weighted funding covered, under fund
** capacities, tickets, shares, co-investment rules and regional land and
** energy quotas, solved with COIN-OR CLP and CBC or with GLPK (LP
** relaxation, then the MIP). No store: the caller hands in arrays (and, to
** have the model written out, a stream). The model is written out in
** docs/methods.md ("Allocation").
*/
#ifndef ECHELON_ALLOCATE_H
#define ECHELON_ALLOCATE_H

#include <stddef.h>
#include <stdio.h>
#include "echelon.h"
#include "project.h"

/* Status of a solver failure that is no fault of the input (a solver's
** error other than "no feasible plan"). Move to echelon.h's list when a
** second module needs it. */
#define EC_ESOLVER (-9)

/* The sources of a funding plan and the fund types are those of the
** project library (project.h): enum ec_source and enum ec_fund_type. */

/* The least amount (thousand yuan) by which a guidance fund counts as a
** co-investor when its own minimum ticket is lower. */
#define EC_ALLOC_COINVEST_MIN 1.0

/* The source a fund of this type fills: guidance fund -> guidance fund,
** bank -> bank loans, insurance -> bonds (insurers lend through debt
** investment plans, which are fixed income like bonds), VC/PE and
** industrial capital -> social capital. Returns -1 for an unknown type. */
int ec_alloc_source_of(enum ec_fund_type type);
/* "government budget", "government guidance fund", "bank loans", "bonds",
** "social capital", "own funds". Can't fail ("?" for an unknown value). */
const char *ec_alloc_source_name(enum ec_source source);
/* "guidance", "bank", "insurance", "vcpe", "industrial". Can't fail ("?"). */
const char *ec_alloc_fund_type_name(enum ec_fund_type type);

/* Amounts are in thousand yuan throughout. */
struct ec_alloc_project {
	const char *code;          /* used in messages; may be NULL ("project <index>") */
	double priority;           /* weight p_j, finite and > 0 */
	size_t region;             /* index into the problem's regions */
	double gap[EC_NSOURCES];   /* still lacking, by source; finite, >= 0 */
	double total;              /* total investment, for the funds' maximum share; finite, >= 0 */
	double land_mu;            /* land needed in full; finite, >= 0 */
	double energy_tce;         /* energy needed in full (tonnes of standard coal); finite, >= 0 */
	double required;           /* the plan must cover at least this much (0: no requirement);
				      at most the gap the funds can fill */
};

struct ec_alloc_fund {
	const char *name;          /* used in messages; may be NULL ("fund <index>") */
	enum ec_fund_type type;
	double capacity;           /* capital available; finite, >= 0 */
	double min_ticket;         /* finite, >= 0 (0: none) */
	double max_ticket;         /* > 0, INFINITY for none; >= min_ticket */
	double max_share;          /* of one project's total investment, in (0, 1] (1: none) */
	int needs_government_coinvestor; /* nonzero: invests in a project only with a guidance fund */
};

struct ec_alloc_region {
	const char *code;          /* used in messages; may be NULL ("region <index>") */
	double land_quota_mu;      /* finite and >= 0, or NaN or +INFINITY for no quota */
	double energy_quota_tce;   /* likewise */
};

/* The most fund f can put in project j: the least of its capacity, its
** maximum ticket, its maximum share of the project's total and the
** project's gap in the source the fund fills. A pair whose cap is below the
** fund's minimum ticket (or 0) can never carry money and is left out of the
** model. Can't fail. */
double ec_alloc_pair_cap(const struct ec_alloc_project *project, const struct ec_alloc_fund *fund);

/* A problem: the caller's arrays, not copied. eligible[f * nprojects + j]
** is nonzero when fund f may invest in project j by its hard rules
** (categories, regions, stages: the caller applies them); NULL makes every
** pair eligible. */
struct ec_alloc_problem {
	size_t nprojects, nfunds, nregions;
	const struct ec_alloc_project *projects; /* [nprojects] */
	const struct ec_alloc_fund *funds;       /* [nfunds] */
	const struct ec_alloc_region *regions;   /* [nregions] */
	const unsigned char *eligible;           /* [nfunds * nprojects] or NULL */
};

/* How the priorities weigh the funding covered. */
enum ec_alloc_objective {
	EC_ALLOC_AMOUNT, /* sum_j p_j * covered_j: priority per thousand yuan */
	EC_ALLOC_SHARE   /* sum_j p_j * covered_j / fillable gap_j: priority per share of the gap */
};

/* The solvers the allocation can run on. Both give the same optimum and,
** where the LP's duals are unique, the same shadow prices. */
enum ec_alloc_solver {
	EC_ALLOC_COIN, /* COIN-OR: CLP for the LP, CBC for the MIP (default) */
	EC_ALLOC_GLPK  /* GLPK: glp_simplex and glp_intopt */
};

/* "coin", "glpk". Can't fail ("?" for an unknown value). */
const char *ec_alloc_solver_name(enum ec_alloc_solver solver);
/* The solver named name ("coin" or "glpk") into *out. Returns 0, or
** EC_EUSAGE (*out untouched) for any other name or NULL. */
int ec_alloc_solver_parse(const char *name, enum ec_alloc_solver *out /* OUT */);

struct ec_alloc_options {
	double time_limit_s;   /* branch and bound time limit; > 0, INFINITY for none */
	int mip;               /* 1: whole tickets (the MIP); 0: the LP relaxation only */
	enum ec_alloc_objective objective;
	enum ec_alloc_solver solver;
	/* When not NULL, the model (the MIP, or the LP relaxation when mip is
	** 0) is written here in free MPS before it is solved, so that any
	** solver can check it (docs/methods.md, "The model as MPS"). The
	** caller opens and closes the stream. */
	FILE *write_mps;
	/* When not NULL, called as each step starts, with a line that says
	** what it is and how large ("LP relaxation: 127320 columns, 35462
	** rows"), for a terminal's progress display. Not called for steps that
	** are skipped. */
	void (*progress)(void *ctx, const char *step);
	void *progress_ctx;
	/* When not NULL and set (by another thread), the run stops at the next
	** step or branch-and-bound node and returns EC_ECANCELLED. No simplex
	** can be interrupted (CLP's or GLPK's): a relaxation under way finishes
	** first, and so does CBC's root node (its preprocessing and cuts);
	** a run waiting for CBC (one at a time per process) gives up. */
	const int *cancel;
};

/* Sets the defaults: 60 s, the MIP, EC_ALLOC_AMOUNT, EC_ALLOC_COIN, no
** MPS, no progress. Can't fail. */
void ec_alloc_options_init(struct ec_alloc_options *opts);

/* The kinds of constraint that can bind. */
enum ec_alloc_constraint {
	EC_BIND_FUND_CAPACITY,   /* index: fund */
	EC_BIND_PROJECT_SOURCE,  /* index: project, source: the source whose gap is covered */
	EC_BIND_LAND_QUOTA,      /* index: region */
	EC_BIND_ENERGY_QUOTA,    /* index: region */
	EC_BIND_PROJECT_REQUIRED /* index: project, covered exactly at its required amount */
};

/* A constraint at its bound in the plan (slack ~ 0), with the shadow price
** of its row in the LP relaxation (objective per unit of the bound, >= 0
** for the <= rows, <= 0 for a required amount). */
struct ec_alloc_binding {
	enum ec_alloc_constraint kind;
	size_t index;
	enum ec_source source; /* EC_BIND_PROJECT_SOURCE only, else EC_SRC_GOVERNMENT_BUDGET */
	double bound;               /* the right-hand side */
	double dual;
};

struct ec_alloc_result {
	size_t nprojects, nfunds, nregions;
	double *amount;            /* [nfunds * nprojects]: amount[f * nprojects + j] */
	double *funded;            /* [nprojects]: sum over funds */
	double *lacking;           /* [nprojects * EC_NSOURCES]: gap left, lacking[j * EC_NSOURCES + s] */
	double *fund_used;         /* [nfunds] */
	double *land_used_mu;      /* [nregions]: sum of land_mu * covered share */
	double *energy_used_tce;   /* [nregions] */
	double *fund_capacity_dual;/* [nfunds]: LP shadow price of each fund's capacity */
	double *land_dual;         /* [nregions]: per mu; 0 for no quota */
	double *energy_dual;       /* [nregions]: per tonne; 0 for no quota */
	struct ec_alloc_binding *binding; /* [nbinding], in the order of the kinds above */
	size_t nbinding;
	double objective;          /* of the plan */
	double lp_bound;           /* optimum of the LP relaxation */
	double best_bound;         /* the best proven bound on the MIP optimum (<= lp_bound) */
	double gap_pct;            /* 100 * (best_bound - objective) / best_bound; 0 when optimal */
	int optimal;               /* 1: proven optimal (the MIP, or the LP when opts->mip is 0) */
	int time_limit_reached;
	char *status;              /* "optimal", "optimal (LP relaxation)", or
				      "time limit reached, best found, gap 1.25%" */
};

/* Computes the allocation plan. The LP relaxation is solved first (its row
** duals are the shadow prices); with opts->mip the MIP is then solved by
** branch and bound within opts->time_limit_s, starting from a plan rounded
** down from the LP, and the best plan found is returned with its gap when
** time runs out. opts may be NULL for the defaults. The solver prints
** nothing.
**
** Returns 0 and fills *out (the caller releases it with
** ec_alloc_result_release), or, with a message in *err (caller frees) and
** *out untouched:
**   EC_EUSAGE  a NULL array for a non-zero count, or bad options;
**   EC_EDATA   a value out of range (the message names the project, fund or
**              region), or the rules leave no feasible plan ("the rules
**              leave no feasible plan: ..."; only possible with required
**              amounts);
**   EC_EIO     opts->write_mps failed;
**   EC_ELIMIT  too many fund-project pairs for the solver, or the time limit ran
**              out before any plan meeting the required amounts was found
**              (or before the relaxation was solved); out->time_limit_reached
**              tells the time (1) from the size (0), nothing else of *out
**              is set;
**   EC_ESOLVER the solver failed (its code is in the message). */
int ec_allocate(const struct ec_alloc_problem *problem, const struct ec_alloc_options *opts,
		struct ec_alloc_result *out /* OUT: caller releases */,
		char **err /* OUT: message, caller frees */);

/* Frees what the result holds (not the result itself) and zeroes it.
** Can't fail; a zeroed result is fine. */
void ec_alloc_result_release(struct ec_alloc_result *result);

#endif
