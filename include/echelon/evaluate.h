/*
** Evaluation of the cluster echelon: the indicator system, weights by the
** entropy method, by AHP, fixed or combined, TOPSIS closeness and rank, and
** the recommended tier with the movement since the previous year. No I/O:
** the caller hands in matrices and file contents. The formulas are written
** out in docs/methods.md ("Evaluation and tiers").
*/
#ifndef ECHELON_EVALUATE_H
#define ECHELON_EVALUATE_H

#include <stddef.h>
#include "echelon.h"

/* ---- the indicator system ---- */

/* The groups: the four projects of the policy, plus scale and growth. */
enum ec_indicator_group {
	EC_GROUP_INNOVATION,  /* innovation capability */
	EC_GROUP_INTEGRATION, /* industry-city integration */
	EC_GROUP_SCENARIOS,   /* application scenarios */
	EC_GROUP_SERVICE,     /* public service */
	EC_GROUP_SCALE,
	EC_GROUP_GROWTH,
	EC_NGROUPS
};

/* Whether more is better (benefit) or worse (cost). */
enum ec_indicator_direction { EC_BENEFIT, EC_COST };

#define EC_INDICATOR_NAME_MAX 32 /* with the NUL */
#define EC_INDICATORS_MAX 64

struct ec_indicator {
	char name[EC_INDICATOR_NAME_MAX]; /* lowercase letters, digits and _ */
	enum ec_indicator_group group;
	enum ec_indicator_direction direction;
	double weight; /* >= 0, or NaN when a weighting method computes it */
};

struct ec_indicator_system {
	struct ec_indicator *indicators;
	size_t n;
	int has_weights; /* 1: every indicator has a weight; 0: none has */
};

/* "innovation", "integration", "scenarios", "service", "scale", "growth".
** Can't fail (an unknown value gives "?"). */
const char *ec_evaluate_group_name(enum ec_indicator_group group);
/* Parses a group name of n bytes. Returns 0 and sets *group, or EC_EDATA. */
int ec_evaluate_group_parse(const char *s, size_t n, enum ec_indicator_group *group /* OUT */);
/* "benefit" or "cost". Can't fail. */
const char *ec_evaluate_direction_name(enum ec_indicator_direction direction);

/* The built-in indicator system (documented in docs/methods.md), with no
** weights: a weighting method computes them. Returns a static table of *n
** entries; the caller must not free it. Can't fail. */
const struct ec_indicator *ec_evaluate_indicators_default(size_t *n /* OUT */);

/* The files (src/format/indicator_file.c). Parses an indicator system file of len bytes (header
** indicator,group,direction,weight). name is used in messages
** ("file:line: column weight: ...") and is not copied. Every indicator
** carries a weight or none does. Returns 0 and fills *sys (caller releases
** with ec_evaluate_indicators_release), or EC_EDATA with the messages in d;
** *sys is then untouched. */
int ec_evaluate_indicators_parse(const char *name, const char *data, size_t len,
				 struct ec_indicator_system *sys /* OUT */, struct ec_diag *d);

/* Frees what sys holds and empties it. Can't fail. */
void ec_evaluate_indicators_release(struct ec_indicator_system *sys);

/* Parses an AHP pairwise comparison matrix of the m indicators ind (header
** "indicator,NAME,..." in their order, then one row per indicator; a
** comparison is a number or a fraction like 1/3) into matrix[m x m],
** row-major. Returns 0, or EC_EDATA with the problem in d (file, line). The
** matrix's consistency is ec_evaluate_ahp's to judge. */
int ec_evaluate_ahp_parse(const char *name, const char *data, size_t len, const struct ec_indicator *ind, size_t m,
			  double *matrix /* OUT */, struct ec_diag *d);

/* Appends the indicators as a file that ec_evaluate_indicators_parse reads
** back (weights NaN are written empty). Returns 0, or EC_ELIMIT when b has
** a size cap that the text exceeds (b then holds part of it). */
int ec_evaluate_indicators_format(const struct ec_indicator *indicators, size_t n, struct ec_buf *b);

/* ---- weights ---- */

/* A decision matrix: alternatives (clusters) x indicators, owned by the
** caller. The names are used in messages only and may be NULL. */
struct ec_decision_matrix {
	size_t nalternatives;
	size_t nindicators;
	const double *values;                          /* [i * nindicators + j] */
	const enum ec_indicator_direction *directions; /* [nindicators] */
	const char *const *alternative_names;          /* [nalternatives] or NULL */
	const char *const *indicator_names;            /* [nindicators] or NULL */
};

/* Entropy weights of the indicators (min-max normalisation by direction,
** 0 ln 0 = 0). An indicator whose values are all equal carries no
** information: it gets weight 0, entropy 1 and constant[j] = 1.
** Returns 0 with weight[] summing to 1, or EC_EDATA with *err (caller frees)
** when there are fewer than 2 alternatives, a value is not finite, or every
** indicator is constant; EC_EUSAGE when there are no indicators. On error
** the OUT arrays are untouched. */
int ec_evaluate_entropy(const struct ec_decision_matrix *dm, double *weight /* OUT: [nindicators] */,
			double *entropy /* OUT: [nindicators] e_j, may be NULL */,
			unsigned char *constant /* OUT: [nindicators] 0/1, may be NULL */,
			char **err /* OUT: message, caller frees */);

#define EC_AHP_MAX 15          /* Saaty's random index table ends here */
#define EC_AHP_TOLERANCE 1e-6  /* reciprocity and diagonal */
#define EC_AHP_CR_LIMIT 0.10

struct ec_ahp {
	double lambda_max; /* principal eigenvalue */
	double ci;         /* consistency index (lambda_max - m) / (m - 1) */
	double ri;         /* Saaty's random index for m */
	double cr;         /* consistency ratio ci / ri; 0 for m <= 2 */
	size_t worst_row, worst_col; /* the comparison furthest from w_row / w_col */
};

/* AHP weights from an m x m pairwise comparison matrix (row-major; entry
** (i, j) says how much more important indicator i is than j): the principal
** eigenvector by power iteration, normalised to sum 1, and the consistency.
** names (m entries, may be NULL) are used in messages. Returns
**   0          weight[] and *consistency filled, CR < 0.10;
**   EC_EDATA   CR >= 0.10: weight[] and *consistency are still filled so that
**              the caller can show them, and *err says to revise the matrix;
**   EC_EDATA   an entry is not finite and positive, the diagonal is not 1 or
**              the matrix is not reciprocal (within 1e-6): *err names the
**              first bad entry, OUT untouched;
**   EC_ELIMIT  m > 15; EC_EUSAGE m = 0 (OUT untouched).
** *err is set on every error, caller frees. */
int ec_evaluate_ahp(const double *pairwise, size_t m, const char *const *names, double *weight /* OUT: [m] */,
		    struct ec_ahp *consistency /* OUT */, char **err /* OUT: message, caller frees */);

/* Combined weights w = alpha * subjective + (1 - alpha) * objective, each
** input first normalised to sum 1, the result renormalised. Returns 0, or
** EC_EUSAGE (alpha outside 0..1) or EC_EDATA (a weight negative or not
** finite, an input adding up to 0) with *err (caller frees); weight[] is
** then untouched. */
int ec_evaluate_combine(const double *subjective, const double *objective, size_t m, double alpha,
			double *weight /* OUT: [m] */, char **err /* OUT: message, caller frees */);

/* Fixed weights, normalised to sum 1. names (may be NULL) are used in
** messages. Returns 0, or EC_EDATA with *err (caller frees) when a weight is
** negative or not finite (NaN: not given) or all are 0; weight[] is then
** untouched. given and weight may be the same array. */
int ec_evaluate_fixed(const double *given, size_t m, const char *const *names, double *weight /* OUT: [m] */,
		      char **err /* OUT: message, caller frees */);

/* ---- TOPSIS ---- */

struct ec_topsis {
	size_t n;               /* alternatives */
	double *closeness;      /* C_i = D-_i / (D+_i + D-_i); 0.5 when both are 0 */
	double *distance_best;  /* D+_i, to the ideal best */
	double *distance_worst; /* D-_i, to the ideal worst */
	size_t *rank;           /* 1 = best; equal closeness: the lower index first */
	size_t *order;          /* alternative indexes, best first */
};

/* TOPSIS with vector normalisation. weight[] (nindicators, >= 0, not all 0)
** is normalised to sum 1. An indicator that is 0 for every alternative
** contributes nothing. Returns 0 and fills *out (caller releases with
** ec_evaluate_topsis_release), or EC_EDATA (a value or weight not finite, a
** weight negative, all weights 0) or EC_EUSAGE (no indicators) with *err
** (caller frees); *out is then untouched. No alternatives is not an error. */
int ec_evaluate_topsis(const struct ec_decision_matrix *dm, const double *weight, struct ec_topsis *out /* OUT */,
		       char **err /* OUT: message, caller frees */);

/* Frees what t holds. Can't fail. */
void ec_evaluate_topsis_release(struct ec_topsis *t);

/* ---- trust: outliers, sensitivity, explanation (docs/methods.md) ---- */

/* Winsorises each indicator (column) of values (n x m, row-major) in place:
** values below the lo quantile or above the hi quantile of the column
** (type 7, as ec_quantile) are set to it. lo = 0 and hi = 1 change nothing.
** Returns how many values were changed. Can't fail. */
size_t ec_evaluate_winsorise(double *values, size_t n, size_t m, double lo, double hi);

/* How stable each alternative's rank is under the weights: draws times, each
** weight multiplied by a factor drawn uniformly from [1 - spread, 1 +
** spread] (a fixed generator seeded with seed, so the answer repeats) and
** the TOPSIS ranking made again; rank_lo and rank_hi get the 5th and 95th
** percentiles of each alternative's ranks. Returns 0, or an error of
** ec_evaluate_topsis with *err (caller frees). */
int ec_evaluate_sensitivity(const struct ec_decision_matrix *dm, const double *weight, double spread, int draws,
			    unsigned long long seed, size_t *rank_lo /* OUT: [n] */, size_t *rank_hi /* OUT: [n] */,
			    char **err /* OUT */);

/* Where an alternative stands on each indicator, as TOPSIS sees it: the
** position of its weighted normalised value between the worst (0) and the
** best (1) of all alternatives, and what that indicator weighs. strengths
** get up to k indicators above the middle (position > 0.5), the largest
** w_j * position first; weaknesses up to k below it, the largest w_j * (1 -
** position) first; *ns and *nw their counts.
** Can't fail. */
void ec_evaluate_explain(const struct ec_decision_matrix *dm, const double *weight, size_t i, size_t k,
			 size_t *strengths /* OUT: k */, size_t *ns /* OUT */, size_t *weaknesses /* OUT: k */,
			 size_t *nw /* OUT */);

/* ---- tiers ---- */

/* The recommended tier. The first three have the values of enum ec_tier in
** cluster.h. */
enum ec_recommended_tier { EC_RECOMMEND_BASE, EC_RECOMMEND_CLUSTER, EC_RECOMMEND_ECOSYSTEM, EC_RECOMMEND_NONE };

/* Movement in rank since the previous year. */
enum ec_movement { EC_MOVE_NEW, EC_MOVE_SAME, EC_MOVE_UP, EC_MOVE_DOWN };

/* How many alternatives each tier takes, best ranks first. */
struct ec_tier_counts {
	size_t bases;
	size_t clusters;
	size_t ecosystems;
};

#define EC_TIER_COUNTS_DEFAULT { 10, 100, 1000 }

struct ec_placement {
	size_t rank;
	enum ec_recommended_tier tier;
	size_t previous_rank;                   /* 0: not ranked the previous year */
	enum ec_recommended_tier previous_tier; /* EC_RECOMMEND_NONE when new */
	enum ec_movement movement;
	long rank_change;                       /* previous_rank - rank: > 0 up; 0 when new */
};

/* "base", "cluster", "ecosystem", "none". Can't fail. */
const char *ec_evaluate_tier_name(enum ec_recommended_tier tier);
/* "new", "same", "up", "down". Can't fail. */
const char *ec_evaluate_movement_name(enum ec_movement movement);

/* The recommended tier of each of n alternatives from its rank (a
** permutation of 1..n) and the movement against previous_rank (0 where the
** alternative was not ranked; previous_rank may be NULL: all new). counts
** NULL means 10, 100, 1000. Returns 0 and fills out[0..n), or EC_EUSAGE with
** *err (caller frees) when rank is not a permutation of 1..n; out is then
** untouched. */
int ec_evaluate_tiers(const size_t *rank, const size_t *previous_rank, size_t n,
		      const struct ec_tier_counts *counts, struct ec_placement *out /* OUT: [n] */,
		      char **err /* OUT: message, caller frees */);

#endif
