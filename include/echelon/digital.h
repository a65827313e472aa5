/*
** SME digital transformation: MIIT's evaluation indicators for the digital
** level of small and medium enterprises (中小企业数字化水平评测指标) as a
** questionnaire held in plain arrays, and the scoring of one enterprise's
** answers into a total, a level and a breakdown by dimension and item.
** No I/O: the questionnaire files are read by src/format/digital_file.c.
*/
#ifndef ECHELON_DIGITAL_H
#define ECHELON_DIGITAL_H

#include <stddef.h>
#include <stdint.h>
#include "echelon.h"

#define EC_DIGITAL_CODE 16      /* an edition, dimension or item code, NUL included */
#define EC_DIGITAL_ANSWER 64    /* an answer: option codes separated by ';' */
#define EC_DIGITAL_MAX_LEVELS 8

/* How an option's score is read: points of the item (2022 edition), or a
** percentage of the item's maximum (2024 edition: 0, 25, 50, 75, 100). */
enum ec_digital_scoring { EC_DIGITAL_POINTS, EC_DIGITAL_PERCENT };
/* An item answered by one option, or by several whose scores add up to at
** most the item's maximum. */
enum ec_digital_select { EC_DIGITAL_ONE, EC_DIGITAL_MANY };

struct ec_digital_sector {
	char code[4];          /* M manufacturing, S producer services, O other */
	char *name_zh, *name_en;
};

struct ec_digital_dimension {
	char code[EC_DIGITAL_CODE];
	double weight;         /* the points every sector table gives it; NaN: not stated */
	char *name_zh, *name_en;
	int placeholder;       /* the wording is not official text */
};

struct ec_digital_item {
	char code[EC_DIGITAL_CODE];
	size_t dimension;      /* index into dimensions */
	char sectors[16];      /* the sector tables holding it: codes separated by ';' */
	double max;            /* points */
	enum ec_digital_select select;
	size_t first_option, noptions; /* its options are options[first_option ..] */
	char *name_zh, *name_en;
	int placeholder;
};

struct ec_digital_option {
	char code[8];          /* within its item: A, B, ... */
	size_t item;
	double score;          /* points, or percent of the item (scoring) */
	char *name_zh, *name_en;
	int placeholder;
};

struct ec_digital_level {
	int level;             /* 1.. */
	double from;           /* the lowest total of the level */
	char *name_zh, *name_en;
};

/* One edition of the questionnaire. */
struct ec_digital_questionnaire {
	char edition[EC_DIGITAL_CODE];
	char *title_zh, *title_en;
	enum ec_digital_scoring scoring;
	struct ec_digital_sector *sectors;
	size_t nsectors;
	struct ec_digital_dimension *dimensions;
	size_t ndimensions;
	struct ec_digital_item *items;
	size_t nitems;
	struct ec_digital_option *options;
	size_t noptions;
	struct ec_digital_level levels[EC_DIGITAL_MAX_LEVELS]; /* ascending */
	size_t nlevels;
	size_t placeholders;   /* rows whose wording is not official text */
};

/* One answer: an item and the codes of the options chosen, ';'-separated. */
struct ec_digital_answer {
	char item[EC_DIGITAL_CODE];
	char answer[EC_DIGITAL_ANSWER];
};

/* The score of one set of answers. Arrays are indexed as the
** questionnaire's dimensions and items and owned by the result. */
struct ec_digital_result {
	double total;          /* points out of 100 */
	int level;             /* 0: below level 1 */
	size_t answered, expected; /* items of the sector answered / in its table */
	size_t ndimensions, nitems;
	double *dimension_score, *dimension_max;
	double *item_score;    /* NaN: the item is not in the sector's table, or unanswered */
};

void ec_digital_init(struct ec_digital_questionnaire *q);
/* Frees what q holds and leaves it empty. Can't fail. */
void ec_digital_release(struct ec_digital_questionnaire *q);

/* The sector, dimension or item of that code, or -1. */
int ec_digital_sector_find(const struct ec_digital_questionnaire *q, const char *code);
int ec_digital_dimension_find(const struct ec_digital_questionnaire *q, const char *code);
int ec_digital_item_find(const struct ec_digital_questionnaire *q, const char *code);
/* Whether item i belongs to the table of sector. */
int ec_digital_item_in(const struct ec_digital_questionnaire *q, size_t i, const char *sector);

/* The level a total reaches: the highest whose lower bound it meets (a
** tolerance of 1e-9 for sums of decimals), 0 below the first. */
int ec_digital_level_of(const struct ec_digital_questionnaire *q, double total);

/* Checks one answer against the questionnaire for the table of sector:
** the item exists and is in the table, every option exists, one option
** for a single-choice item, none repeated. Returns the item's index, or
** -1 with the problem in *why (field "item" or "answer"). */
int ec_digital_answer_check(const struct ec_digital_questionnaire *q, const char *sector,
			    const struct ec_digital_answer *a, struct ec_problem *why /* OUT */);

/* The points an answer that passed ec_digital_answer_check earns. */
double ec_digital_answer_points(const struct ec_digital_questionnaire *q, const struct ec_digital_answer *a, size_t item);

/* Scores answers[0..n) for the table of sector (docs/methods.md, "SME
** digital level"). Every answer is checked; with complete, every item of
** the table must be answered. Returns 0 with *r filled (release it), or
** EC_EDATA with a problem per answer in d at file:line (file may be NULL;
** lines[i] is answer i's line, or lines NULL) and *r empty. */
int ec_digital_score(const struct ec_digital_questionnaire *q, const char *sector,
		     const struct ec_digital_answer *answers, size_t n, int complete, const char *file,
		     const long *lines, struct ec_digital_result *r /* OUT */, struct ec_diag *d);
void ec_digital_result_release(struct ec_digital_result *r);

/* One enterprise's questionnaire of a year and edition, as stored: a
** draft, or submitted (once per year and edition; a change after that is a
** revision, counted). score and level are those of the last submission
** (NaN and 0 for a draft never submitted). */
enum ec_digital_state { EC_DIGITAL_DRAFT, EC_DIGITAL_SUBMITTED };
struct ec_digital_assessment {
	char uscc[19];
	int year;
	char edition[EC_DIGITAL_CODE];
	char sector[4];
	enum ec_digital_state state;
	int revision;          /* 0, then one more for each revision */
	double score;
	int level;
	char submitted_by[96]; /* who submitted or imported it; "" for none */
	char submitted_at[32]; /* UTC, ISO 8601; "" for none */
};

/* "draft" or "submitted". Can't fail. */
const char *ec_digital_state_name(enum ec_digital_state s);

/* The editions shipped in data/ ("2022", "2024"), ended by NULL. */
extern const char *const ec_digital_editions[];
/* The newest shipped edition. */
#define EC_DIGITAL_DEFAULT_EDITION "2024"

/* Reads a questionnaire file (docs/formats.md, "Digital-level
** questionnaire") into q, empty. Returns 0, or EC_EDATA with the problems
** in d and q left empty. name is used in problems. */
int ec_digital_parse(struct ec_digital_questionnaire *q, const char *name, const char *data, size_t len,
		     struct ec_diag *d);
/* The shipped edition, from data/digital_EDITION.csv compiled in. Returns
** 0, or EC_ENOTFOUND (problem digital.edition) or EC_EDATA. */
int ec_digital_load_builtin(struct ec_digital_questionnaire *q, const char *edition, struct ec_diag *d);

/* A row of an answers file: one item of one enterprise's questionnaire. */
struct ec_digital_answer_row {
	char uscc[19];
	int year;
	char edition[EC_DIGITAL_CODE];
	char sector[4];
	struct ec_digital_answer answer;
	long line;
};
typedef int (*ec_digital_row_fn)(void *ctx, const struct ec_digital_answer_row *row, struct ec_diag *d);
/* Reads an answers file (uscc,year,edition,sector,item,answer), checking
** each row's own fields; a good row goes to fn, a bad one is a problem in d
** at its line and column. Returns 0, EC_EDATA (problems in d), or what fn
** returned when not 0. */
int ec_digital_answers_parse(const char *name, const char *data, size_t len, char delim /* 0: ',' */,
			     ec_digital_row_fn fn, void *ctx, struct ec_diag *d);

/* ---- benchmarks, position among peers, what next (src/lib/digital_bench.c) ---- */

/* The figures of one group of submitted assessments (docs/methods.md,
** "Digital-level benchmarks"). */
struct ec_digital_bench {
	int64_t count;          /* enterprises */
	double mean, median;    /* of the total score; NaN when count is 0 or hidden */
	int64_t at_level[5];    /* enterprises at level 0 (not graded), 1, 2, 3, 4 and above */
	double level2_pct, level3_pct; /* share at level >= 2 and >= 3, percent */
	int hidden;             /* enum ec_sdc_reason: why the figures are withheld (0: shown) */
};

struct ec_sdc_rule;
/* Groups assessments 0..n) (score[i], level[i], group[i] < ngroups, or
** (size_t)-1 for none) into out[0..ngroups). With rule, a group of fewer
** enterprises than rule->min_count is hidden (threshold), and among the
** sibling groups one more where a single hidden group could be worked out
** (complement); a hidden group keeps its reason, its figures are still
** filled (the caller decides who reads them). Can't fail. */
void ec_digital_bench_groups(const double *score, const int *level, const size_t *group, size_t n,
			     size_t ngroups, const struct ec_sdc_rule *rule, struct ec_digital_bench *out /* OUT */);

/* The percentile rank of score among peers[0..n) (the enterprise among
** them): 100 × (peers below + ½ × peers equal) / n, ties within 1e-9.
** NaN when n is 0. Can't fail. */
double ec_digital_percentile(const double *peers, size_t n, double score);

/* The dimensions of r that carry points (max > 0), weakest first: by the
** share of their maximum reached, then in the questionnaire's order.
** Writes their indices into order (r->ndimensions entries at most) and
** returns how many. Can't fail. */
size_t ec_digital_weakest(const struct ec_digital_result *r, size_t *order /* OUT */);

/* A recommended action for a weak dimension (data/digital_actions.csv:
** echelon's own wording, not official text). */
struct ec_digital_action {
	char dimension[EC_DIGITAL_CODE];
	char kind[16];          /* action, scenario or service */
	char *text_zh, *text_en;
};
struct ec_digital_actions {
	struct ec_digital_action *items;
	size_t n;
};
/* Reads an actions file (dimension,kind,text_zh,text_en) into a, empty.
** Returns 0, or EC_EDATA with problems in d at line and column and a left
** empty. */
int ec_digital_actions_parse(struct ec_digital_actions *a, const char *name, const char *data, size_t len,
			     struct ec_diag *d);
/* The shipped data/digital_actions.csv. Returns as ec_digital_actions_parse. */
int ec_digital_actions_builtin(struct ec_digital_actions *a, struct ec_diag *d);
void ec_digital_actions_release(struct ec_digital_actions *a);

/* A fund of the registry that fits an enterprise's transformation: its
** targets cover the enterprise's primary SEI category and region. */
struct ec_digital_fund_fit {
	size_t fund;            /* index into the funds given */
	double fit;             /* category fit × region fit, as matching scores them (project.h) */
	char category_reason[160], region_reason[160]; /* coded: "match.…|name=value|…" */
};
struct ec_fund;
/* The funds of funds[0..n) whose target categories cover category (any
** level; "" for none: only funds that target any category) and whose
** target regions cover region, and whose minimum digital level (if any)
** level reaches, best fit first, then in registry order. out has room for
** n. Returns how many. Can't fail. */
size_t ec_digital_funds_fit(const struct ec_fund *funds, size_t n, const char *category, const char *region,
			    int level, struct ec_digital_fund_fit *out /* OUT */);

/* The column names of an answers file, in order (6). */
extern const char *const ec_digital_answer_columns[];

#endif
