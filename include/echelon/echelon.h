/*
** echelon — the public interface of libechelon.
** This header holds what every module shares: status codes, the one
** out-of-memory policy, growable buffers and the diagnostics list.
*/
#ifndef ECHELON_H
#define ECHELON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define EC_VERSION_STRING "0.1.0"

/* Status codes: 0 is success, every failure is negative. */
enum {
	EC_OK = 0,
	EC_EUSAGE = -1,    /* the caller asked for something malformed */
	EC_EDATA = -2,     /* input data rejected */
	EC_EIO = -3,       /* a file or the database failed */
	EC_ENOTFOUND = -4, /* the thing asked for does not exist */
	EC_ESCHEMA = -5,   /* database schema mismatch */
	EC_ELIMIT = -6,    /* an input exceeded a size limit */
	EC_EDENIED = -7,   /* the actor may not do this */
	EC_ECANCELLED = -8 /* the caller stopped the work (a job cancelled) */
};

/* Process exit codes of the command, by status. */
enum { EC_EXIT_OK = 0, EC_EXIT_FAIL = 1, EC_EXIT_USAGE = 2, EC_EXIT_DATA = 3, EC_EXIT_IO = 4 };

/* Maps a status code to the command's exit code. Can't fail. */
int ec_exit_code(int status);

/* Allocation. These never return NULL: on exhaustion they print a message
** and abort the process (one policy, as Redis zmalloc). */
void *ec_malloc(size_t size);
void *ec_calloc(size_t count, size_t size);
/* An array of megabytes that the caller fills at once (a cube, a region x
** category matrix): in huge pages where the kernel gives them, and, with
** ec_big_zeroed, zeroed by writing. calloc's untouched pages are mapped to
** the zero page on the first read and copied on the first write, each copy
** a TLB shootdown across the cores: on a virtual machine that was a third
** of a run. free() releases either. Never returns NULL. */
void *ec_big(size_t size);
void *ec_big_zeroed(size_t size);
void *ec_realloc(void *ptr, size_t size);
/* p (an array of *cap elements of size bytes) with room for element n:
** *cap doubled as needed, so that appending one at a time is amortised
** O(1) (realloc one element longer copies the whole array each time under
** the sanitizers, and on some allocators). Can't fail. */
void *ec_grow(void *p, size_t *cap, size_t n, size_t size);
char *ec_strdup(const char *s);
char *ec_strndup(const char *s, size_t n);
/* Seconds on the monotonic clock (durations and deadlines, not dates). */
double ec_seconds(void);
/* Returns a newly allocated formatted string, caller frees. Can't fail. */
char *ec_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated after the used part.
** A buffer with max > 0 refuses to grow past max bytes. */
struct ec_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* 0: unlimited */
};

void ec_buf_init(struct ec_buf *b, size_t max);
void ec_buf_release(struct ec_buf *b);
void ec_buf_clear(struct ec_buf *b);
/* Appends n bytes. Returns 0, or EC_ELIMIT (buffer unchanged) past max. */
int ec_buf_add(struct ec_buf *b, const void *p, size_t n);
int ec_buf_adds(struct ec_buf *b, const char *s);
int ec_buf_addc(struct ec_buf *b, char c);
int ec_buf_printf(struct ec_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ec_buf_vprintf(struct ec_buf *b, const char *fmt, va_list ap);
/* Hands the bytes to the caller (who frees them) and resets the buffer. */
char *ec_buf_detach(struct ec_buf *b, size_t *len /* OUT, may be NULL */);

/* Problems are data (jq's jv_invalid_with_msg): a stable code listed in
** docs/problems.md, where the problem is, and the parameters its message is
** written from. The words are chosen at the edge, in the user's language,
** by ec_problem_format (problem.h). */
#define EC_PROBLEM_PARAMS 8

/* A number macro as a string, for a problem's parameter. */
#define EC_STR_(x) #x
#define EC_STR(x) EC_STR_(x)

struct ec_problem_param {
	const char *name;  /* static */
	char *value;       /* owned */
};

struct ec_problem {
	const char *code;  /* static: one of the codes of problem.h */
	char *file;        /* owned; NULL when the input is not a file */
	long line;         /* 1-based; 0 when none */
	char *field;       /* owned; a file's column or a request's field; NULL */
	char *cell;        /* owned; a workbook's cell, "Sheet1!C12", written for the line; NULL */
	size_t nparams;
	struct ec_problem_param params[EC_PROBLEM_PARAMS];
};

/* Diagnostics: the list of problems of rejected input. Keeps the first
** `keep` problems and counts the rest. messages[i] is problems[i] written
** in English, one line each ("reports.csv:12: column uscc: ..."). */
/* Problems of one kind (ec_diag_group_on): the same code, field and
** reason with its quoted values and numbers left out. */
#define EC_DIAG_GROUP_LINES 5
struct ec_diag_group {
	char *key;                 /* owned: what the group has in common */
	struct ec_problem first;   /* owned copy of the first of the kind */
	char *message;             /* owned: its English line */
	size_t count;
	long lines[EC_DIAG_GROUP_LINES]; /* the first lines */
	size_t nlines;
};

struct ec_diag {
	char **messages;
	struct ec_problem *problems;
	size_t kept;
	size_t keep;
	size_t total;
	/* optional: every problem, kept or not, grouped by kind and told */
	struct ec_diag_group *groups; /* [ngroups], in order of first sight */
	size_t ngroups, max_groups;
	size_t ungrouped;          /* problems of kinds past max_groups */
	void (*each)(void *ctx, const struct ec_problem *p, const char *message);
	void *each_ctx;
	struct ec_problem spare;   /* where a problem past keep is written */
};

void ec_diag_init(struct ec_diag *d, size_t keep);
/* Groups every problem added from now on by kind (at most max_groups
** kinds; the rest are counted in ungrouped). */
void ec_diag_group_on(struct ec_diag *d, size_t max_groups);
void ec_diag_release(struct ec_diag *d);
void ec_diag_clear(struct ec_diag *d);
/* Moves kept problem i to line, at cell ("Sheet1!C12", may be NULL), and
** writes its English line again. */
void ec_diag_locate(struct ec_diag *d, size_t i, long line, const char *cell);
/* A problem of free text (code "text", whose message is the text as it
** is): for messages that have no code of their own yet. */
void ec_diag_add(struct ec_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A value that is not what was expected, at a place: code "data.invalid"
** with the reason (English) as its parameter, for reasons that have no code
** of their own yet (the allocation solver's). file, field may be NULL and
** line 0. */
void ec_diag_at(struct ec_diag *d, const char *file, long line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A problem with a code of its own: params are name, value pairs of
** strings (copied), ended by a NULL name; at most EC_PROBLEM_PARAMS. file,
** field may be NULL and line 0. */
void ec_diag_problem(struct ec_diag *d, const char *code, const char *file, long line, const char *field, ...);
/* The value of a problem's parameter, or "" when it has none by that name. */
const char *ec_problem_param(const struct ec_problem *p, const char *name);
/* Makes *p (empty: zeroed or released; NULL: nothing is made) a problem of
** code about field (may be NULL), without a place: params are name, value pairs of strings
** (copied), ended by a NULL name; at most EC_PROBLEM_PARAMS. The checks of
** src/lib return their finding this way; the caller places it with
** ec_diag_put or releases it. */
void ec_problem_set(struct ec_problem *p, const char *code, const char *field, ...);
/* The same with the parameters in ap. */
void ec_problem_vset(struct ec_problem *p, const char *code, const char *field, va_list ap);
/* A value as a message quotes it, into out (size >= 48): at most 40 bytes
** of s[0..n), cut between characters, with "..." when cut and control
** bytes as '?'. Returns out. Can't fail. */
char *ec_value_shown(const char *s, size_t n, char *out, size_t size);
/* A problem whose one parameter, "value", is s[0..n) as ec_value_shown
** quotes it; file, field may be NULL and line 0. */
void ec_diag_value(struct ec_diag *d, const char *code, const char *file, long line, const char *field,
		   const char *s, size_t n);
/* Frees what p holds and zeroes it. Can't fail. */
void ec_problem_release(struct ec_problem *p);
/* Adds p to d at file (may be NULL) and line (0: none), taking what p
** holds; p is left empty. */
void ec_diag_put(struct ec_diag *d, const char *file, long line, struct ec_problem *p);

/* Periods are months, held as an int year*12 + (month-1). */
/* Parses "YYYY-MM" of exactly n bytes (years 1900..2999).
** Returns 0 and sets *period, or EC_EDATA. */
int ec_period_parse(const char *s, size_t n, int *period /* OUT */);
/* Writes "YYYY-MM" and a NUL into out (8 bytes). Can't fail. */
void ec_period_format(int period, char out[8]);
static inline int ec_period_year(int period) { return period / 12; }
static inline int ec_period_month(int period) { return period % 12 + 1; }
static inline int ec_period_make(int year, int month) { return year * 12 + month - 1; }

/* Numbers. Parses a plain decimal ("12", "-3.5", "1e6") of exactly n bytes.
** Returns 0, or EC_EDATA with the problem code of the reason in *why
** (static: number.empty, number.invalid, number.not_finite or
** number.too_long; its parameter is the value). */
int ec_number_parse(const char *s, size_t n, double *out /* OUT */, const char **why /* OUT */);
/* Writes the shortest decimal form that reads back as the same double.
** out must hold 32 bytes. Returns the length. Can't fail. */
int ec_number_format(double v, char out[32]);

/* Checks a string is valid UTF-8. Returns 0, or the 1-based byte offset of
** the first invalid byte. */
size_t ec_utf8_check(const char *s, size_t n);
/* Display width of UTF-8 text in a terminal (East Asian wide = 2). */
size_t ec_utf8_width(const char *s);

/* The names of an enumeration as a message says what was expected: "a, b
** or c", into out (cut to size). Returns out. Can't fail. */
char *ec_names_join(const char *const *names, size_t n, char *out, size_t size);

/* Whether the ';'-separated list (NULL: empty) holds s[0..n) as one of its
** items. */
int ec_list_has(const char *list, const char *s, size_t n);

/* Levenshtein distance of two short ASCII words (for "did you mean"). */
size_t ec_edit_distance(const char *a, const char *b);

#endif
