/*
** The allocation's linear model in a form no solver owns, and the small
** interface its solvers share: an LP (simplex: values, row duals, basis)
** and a MIP (branch and bound from a start, within a time limit, with a
** stop flag). Backends: solver_coin.c (COIN-OR CLP and CBC, the default)
** and solver_glpk.c (GLPK). Private to libechelon; allocate.c is the user.
*/
#ifndef ECHELON_SOLVER_H
#define ECHELON_SOLVER_H

#include <stddef.h>
#include <stdio.h>

/* A model whose objective is maximised: columns with bounds, a cost and a
** kind, rows with bounds (-INFINITY / INFINITY where there is none), and
** the matrix as triplets, 0-based, in the order they were added. A model
** whose first ncols columns, nrows rows and nz entries are kept is again a
** model (allocate.c solves the relaxation as such a prefix of the MIP). */
struct lp_model {
	int ncols, nrows;
	size_t nz;
	double *obj, *col_lo, *col_hi; /* [ncols] */
	unsigned char *integer;        /* [ncols]: 1 for an integer column */
	double *row_lo, *row_hi;       /* [nrows] */
	int *ti, *tj;                  /* [nz]: row and column of entry t */
	double *tv;                    /* [nz] */
	size_t col_cap, row_cap, nz_cap;
};

/* The state of a column or row in a simplex basis. */
enum lp_basis { LP_BASIC, LP_AT_LOWER, LP_AT_UPPER, LP_FREE, LP_FIXED };

void lp_model_init(struct lp_model *m);
void lp_model_release(struct lp_model *m);
/* Appends a column or a row and returns its index. Can't fail (memory
** through ec_realloc). */
int lp_add_col(struct lp_model *m, double lo, double hi, double obj, int integer);
int lp_add_row(struct lp_model *m, double lo, double hi);
void lp_add_nz(struct lp_model *m, int row, int col, double value);
/* The prefix of m with its first ncols columns, nrows rows and nz entries:
** a view sharing m's arrays, not to be released. */
struct lp_model lp_model_prefix(const struct lp_model *m, int ncols, int nrows, size_t nz);
/* The matrix by column (CSC), for the backends that load it so: start
** [ncols + 1], index [nz], value [nz], caller frees the three. Can't fail. */
void lp_model_by_column(const struct lp_model *m, int **start, int **index, double **value);

/* Writes m as free MPS to out: the objective negated (to be minimised,
** as every reader does), integer markers, every bound written. name(ctx, is_row, i, buf) names column or row i in buf
** (at most 63 characters, no spaces). Returns 0, or EC_EIO when out
** fails. */
int lp_write_mps(const struct lp_model *m, const char *title,
		 void (*name)(void *ctx, int is_row, int i, char buf[64]), void *ctx, FILE *out);

enum lp_status {
	LP_OPTIMAL,
	LP_INFEASIBLE,
	LP_UNBOUNDED,
	LP_TIME_LIMIT,
	LP_FAILED /* detail says how */
};

struct lp_params {
	double time_limit_s; /* INFINITY for none */
};

/* What solve_lp fills; the caller allocates the arrays it wants (x is
** required, the others may be NULL). */
struct lp_result {
	enum lp_status status;
	double objective;
	double *x;                    /* [ncols] */
	double *dual;                 /* [nrows]: d objective / d bound, as the maximising problem has it */
	unsigned char *col_stat;      /* [ncols]: enum lp_basis */
	unsigned char *row_stat;      /* [nrows] */
	char detail[160];             /* LP_FAILED: the solver's own words */
};

enum mip_status {
	MIP_OPTIMAL,
	MIP_FEASIBLE,   /* the time limit came first: x is the best plan found */
	MIP_NO_PLAN,    /* the time limit came first, before any plan */
	MIP_INFEASIBLE,
	MIP_CANCELLED,
	MIP_FAILED      /* detail says how */
};

struct mip_params {
	double time_limit_s;          /* INFINITY for none */
	const int *cancel;            /* the caller's stop flag, or NULL */
	const double *start;          /* [ncols]: a plan keeping every row, or NULL */
	/* An optimal basis of the relaxation, or NULL; a backend may use it
	** to skip solving the relaxation again. */
	const unsigned char *col_stat, *row_stat;
};

struct mip_result {
	enum mip_status status;
	double objective;
	double bound;                 /* best proven bound on the optimum; INFINITY when unknown */
	double *x;                    /* [ncols], caller allocates */
	char detail[160];
};

/* A backend. Each call builds its solver's problem from the model, solves
** it and frees it; the solver prints nothing. Returns the status also
** found in the result. */
struct solver_ops {
	const char *name;
	enum lp_status (*solve_lp)(const struct lp_model *m, const struct lp_params *p, struct lp_result *r);
	enum mip_status (*solve_mip)(const struct lp_model *m, const struct mip_params *p, struct mip_result *r);
};

extern const struct solver_ops solver_glpk;
extern const struct solver_ops solver_coin;

#endif
