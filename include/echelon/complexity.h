/*
** Regional structure and economic complexity (issue 16): over a matrix of
** regions × categories (SEI categories or industry classes) of one measure,
** the specialisation and concentration indices, the complexity measures of
** Hidalgo and Hausmann with the normalisation of Stata's `ecomplexity`
** command, Fitness–Complexity, and relatedness (proximity, density,
** distance, COI, COG). Every formula is written out, with its source, in
** docs/methods.md, "Regional structure and complexity". No I/O: plain
** arrays in, plain arrays out.
*/
#ifndef ECHELON_COMPLEXITY_H
#define ECHELON_COMPLEXITY_H

#include <stddef.h>
#include <stdint.h>
#include "echelon.h"
#include "uscc.h"

/* ---- specialisation and concentration ---- */

/* x is nr × np, row-major ([r * np + p]), every value >= 0. */

/* The location quotient (Balassa's RCA) of every cell: (x_rp / x_r) / (x_p
** / x). NaN where a region's or a category's total is 0. out: nr × np. */
void ec_lq(const double *x, size_t nr, size_t np, double *out);

/* For category p across the regions: the Herfindahl–Hirschman index of its
** regional shares (sum of squared shares, 1/nr..1), the Gini coefficient of
** those shares, the locational Gini (Krugman 1991: the Gini of the category's
** Lorenz curve against total activity, regions ordered by LQ), the Hoover
** index (half the sum of |share of the category - share of all|), the Theil
** index of the category against all activity (sum of s ln(s / t)), and the
** share of the largest region. NaN when the category's total is 0. */
struct ec_concentration {
	double hhi, gini, locational_gini, hoover, theil, top_share;
};
void ec_concentration(const double *x, size_t nr, size_t np, size_t p, struct ec_concentration *out);
/* The same for every category at once (out: np), the totals taken once. */
void ec_concentration_each(const double *x, size_t nr, size_t np, struct ec_concentration *out);

/* For region r across the categories: the Krugman specialisation index
** (sum over categories of |the region's share - the country's share|), the
** HHI of the region's structure, the Theil index of its structure against
** the country's, and the number of categories with LQ >= 1. NaN when the
** region's total is 0. */
struct ec_specialisation {
	double krugman, hhi, theil;
	size_t specialised;
};
void ec_specialisation(const double *x, size_t nr, size_t np, size_t r, struct ec_specialisation *out);
/* The same for every region at once (out: nr). */
void ec_specialisation_each(const double *x, size_t nr, size_t np, struct ec_specialisation *out);

/* The Ellison–Glaeser index of geographic concentration of one category:
** s[i] its share in region i, a[i] region i's share of all activity (n
** regions; each sums to 1), z[j] the share of plant j in the category (nz
** plants; the plant Herfindahl H = sum z_j^2). gamma = (G - (1 - sum a^2) H)
** / ((1 - sum a^2)(1 - H)) with G = sum (s_i - a_i)^2. NaN when H = 1 or
** sum a^2 = 1. */
double ec_ellison_glaeser(const double *s, const double *a, size_t n, const double *z, size_t nz);

/* ---- complexity and relatedness ---- */

enum ec_cx_method { EC_CX_EIGEN, EC_CX_REFLECTIONS };

struct ec_cx_options {
	double threshold;          /* Mcp = 1 where RCA >= threshold (1) */
	enum ec_cx_method method;  /* ECI and PCI by the eigenvector (default) or reflections */
	int reflections;           /* iterations of the method of reflections (40) */
	int fitness_iterations;    /* Fitness–Complexity iterations at most (500) */
};

void ec_cx_options_init(struct ec_cx_options *o);

/* Every array is owned by the result (ec_cx_release). Regions whose total is
** 0 and categories whose total is 0 take no part (as in Stata's command):
** their RCA, ECI/PCI, density and COG are NaN. */
struct ec_cx_result {
	size_t nr, np;
	double *rca;           /* nr × np */
	uint8_t *m;            /* nr × np: Mcp */
	int32_t *diversity;    /* nr: categories with Mcp = 1 */
	int32_t *ubiquity;     /* np: regions with Mcp = 1 */
	double *eci;           /* nr: (k_c - mean k_c) / sd k_c, sign as diversity */
	double *pci;           /* np: (k_p - mean k_c) / sd k_c (Stata's normalisation) */
	double *proximity;     /* np × np: min(P(p|q), P(q|p)), 1 on the diagonal */
	double *density;       /* nr × np: sum_q M_cq phi_pq / sum_q phi_pq */
	double *coi;           /* nr: complexity outlook, z-scored */
	double *cog;           /* nr × np: complexity outlook gain, / sd k_c; 0 where Mcp = 1 */
	double *fitness;       /* nr: Fitness (mean 1) */
	double *complexity;    /* np: Complexity of Fitness–Complexity (mean 1) */
	double eigenvalue;     /* the second eigenvalue of the category-category matrix */
	int fitness_converged; /* iterations Fitness–Complexity took, or -1 */
};

/* Computes the whole set over x (nr × np, values >= 0). Returns 0, EC_EUSAGE
** (an empty or negative input) or EC_EDATA (fewer than 2 regions or
** categories take part: no complexity can be measured) with *err (caller
** frees); on error *out is empty. */
int ec_cx_compute(const double *x, size_t nr, size_t np, const struct ec_cx_options *o,
		  struct ec_cx_result *out /* OUT */, char **err /* OUT */);
void ec_cx_release(struct ec_cx_result *r);

/* ---- the category space ---- */

/* A link of the category space: categories p < q, their proximity, and
** whether it belongs to the maximum spanning tree. */
struct ec_cx_edge {
	uint32_t p, q;
	double phi;
	int tree;
};

/* The category space as the Atlas draws its product space (Hidalgo et al.
** 2007; docs/methods.md): the maximum spanning forest of the proximity
** matrix phi (np x np, NaN for categories taking no part), so each category
** hangs on its strongest links, then the other links of proximity >=
** min_proximity, strongest first, at most max_extra of them. *out (caller
** frees) holds the tree's links, strongest first, then the extra ones.
** Returns how many. */
size_t ec_cx_network(const double *phi, size_t np, double min_proximity, size_t max_extra,
		     struct ec_cx_edge **out /* OUT */);

/* ---- investment priorities of a region ---- */

/* The weights of a category's priority score (docs/methods.md): each term
** is z-scored across the categories the region lacks. */
struct ec_priority_weights {
	double density;   /* relatedness to the region's strengths */
	double pci;       /* the category's complexity */
	double cog;       /* what it would add to the region's outlook */
	double growth;    /* the category's national growth */
	double gap;       /* how far the region is from specialising (1 - LQ) */
};

void ec_priority_weights_init(struct ec_priority_weights *w); /* 0.4, 0.2, 0.2, 0.2, 0 */
/* "density=0.5,pci=0.2,...": the names given replace those weights.
** Returns 0, or EC_EUSAGE with *err naming the bad part. */
int ec_priority_weights_parse(const char *s, struct ec_priority_weights *w, char **err /* OUT */);

enum { EC_PRIORITY_TERMS = 5 };
#define EC_PRIORITY_WINSOR 0.05 /* each term's tails set to its 5th and 95th percentiles before the z-score */

struct ec_priority {
	size_t p;               /* the category's column */
	double score;
	double value[EC_PRIORITY_TERMS]; /* density, PCI, COG, growth (%), gap */
	double z[EC_PRIORITY_TERMS];     /* z-scores of the winsorised values (0 where a value is missing) */
	int missing_link;       /* density in the top quarter of what the region lacks */
};

/* Ranks the categories region r lacks (Mcp = 0, taking part), best first,
** into out (room for np); growth (np, percent; NaN where unknown) may be
** NULL. Returns how many. */
size_t ec_priorities(const struct ec_cx_result *cx, const double *growth, size_t r, const struct ec_priority_weights *w,
		     struct ec_priority *out /* OUT */);

/* ---- the matrix, from the column store (implemented in src/app) ---- */

struct ec_table;

enum ec_cx_axis { EC_AXIS_SEI, EC_AXIS_INDUSTRY };
enum ec_cx_measure { EC_MEASURE_VALUE_ADDED, EC_MEASURE_REVENUE, EC_MEASURE_EMPLOYEES, EC_MEASURE_ENTERPRISES };

struct ec_matrix_spec {
	int year;
	int level;                 /* enum ec_region_level: the rows */
	enum ec_cx_axis axis;      /* the columns: SEI categories or industry classes */
	int sei_level;             /* 1 area, 2 direction, 3 sub-direction (EC_AXIS_SEI) */
	enum ec_cx_measure measure;
};

/* Regions × categories of one measure for a year: the enterprises that
** reported in the year, each in its region at the level (a county-level
** code counts in its prefecture, and so on up) and in its primary SEI
** category at the level (enterprises outside the SEI left out) or its
** industry class. Value added and revenue are the year's sums (thousand
** yuan, current prices), employees those of the last month reported,
** enterprises a count. Rows and columns without any enterprise are left
** out; both are in code order. count and largest (the largest enterprise's
** value) go with each cell, for the disclosure control. */
struct ec_region_matrix {
	size_t nr, np;
	char (*region)[8];
	char (*column)[16];
	double *x;                 /* nr × np */
	int64_t *count;            /* nr × np: enterprises in the cell */
	double *largest;           /* nr × np */
};

struct ec_facts;
struct ec_catalog;

int ec_region_matrix_facts(const struct ec_facts *f, const struct ec_catalog *cat, const struct ec_matrix_spec *s,
			   struct ec_region_matrix *out /* OUT */, char **err /* OUT */);
void ec_region_matrix_release(struct ec_region_matrix *m);
const char *ec_cx_measure_name(enum ec_cx_measure m);

/* The k enterprises with the largest value of the measure in column `column`
** of the matrix s describes, outside region `except` (a row code, "" for
** none), largest first: the ones to attract. Returns 0 and *n (<= k). */
struct ec_leader {
	char uscc[EC_USCC_LEN + 1];
	char region[8];          /* its registered region code */
	double value;
};
int ec_region_leaders(const struct ec_facts *f, const struct ec_catalog *cat, const struct ec_matrix_spec *s,
		      const char *column, const char *except, size_t k, struct ec_leader *out /* OUT: k */,
		      size_t *n /* OUT */, char **err /* OUT */);
int ec_cx_measure_parse(const char *s); /* -1 when unknown */

/* ---- the views the command and the API give (src/app/complexity_view.c) ---- */

enum ec_cx_view { EC_CX_VIEW_REGIONS, EC_CX_VIEW_CATEGORIES, EC_CX_VIEW_OPPORTUNITIES, EC_CX_VIEW_PRIORITIES,
		  EC_CX_VIEW_LEADERS, EC_CX_VIEW_NETWORK, EC_CX_NVIEWS };
/* "regions", "categories", "opportunities", "priorities", "leaders" or
** "network". */
const char *ec_cx_view_name(enum ec_cx_view v);

struct ec_sdc_rule;

struct ec_cx_query {
	struct ec_matrix_spec spec;
	struct ec_cx_options options;
	struct ec_priority_weights weights;
	enum ec_cx_view view;
	const char *region;            /* opportunities, priorities; leaders: left out */
	const char *category;          /* leaders */
	long top;                      /* priorities (20) and leaders (10); 0: the default */
	double min_proximity;          /* network: links beside the tree at least this strong; NaN: the strongest */
	int lang;                      /* enum ec_lang: names and reasons */
	const struct ec_sdc_rule *sdc; /* NULL, or: cells it hides have no RCA */
};

struct ec_cx_summary {
	size_t nr, np;
	double eigenvalue;
};

/* Defaults: prefectures x SEI sub-directions, value added, RCA >= 1, the
** eigenvector, the default priority weights, the regions view. */
void ec_cx_query_init(struct ec_cx_query *q);
/* Fills q from named values (the command's options, the API's query):
** year (required), regions, by, measure, show, region, category, weights,
** top, threshold, method, min_proximity; get returns NULL for a name not given. Returns 0,
** or EC_EUSAGE with *field (the name) and *why (caller frees). The strings
** q keeps are get's. */
int ec_cx_query_parse(struct ec_cx_query *q, const char *(*get)(void *ctx, const char *name), void *ctx,
		      const char **field /* OUT */, char **why /* OUT */);
const char *ec_cx_level_name(int level);

#endif
