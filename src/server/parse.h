/*
** Private to the server: the parsers of request input that need no request
** (the file part of a multipart form, the fields of the allocation's JSON
** body), pure functions so that tests/fuzz can drive them without a server.
*/
#ifndef EC_SERVER_PARSE_H
#define EC_SERVER_PARSE_H

#include <jansson.h>
#include <stddef.h>

#include "echelon/catalog.h"
#include "echelon/funding.h"
#include "echelon/monitor.h"
#include "echelon/output.h"

/* What is wrong with a request's input, as the handler answers it with
** reply_parse_problem(r, pb). */
struct parse_problem {
	const char *field;  /* static: the body's field or query parameter */
	struct ec_problem coded; /* coded.code NULL, or the problem as a code (owned: parse_problem_release) */
	char message[512];  /* English: the detail of request.invalid */
};

/* Frees what a problem holds (its coded form). */
void parse_problem_release(struct parse_problem *pb);

/* The longest file name kept from a multipart form, in bytes. */
#define PARSE_FILENAME_MAX 100

/* Finds the part named "file" of a multipart/form-data body body[0..len)
** (which need not end with a NUL), the boundary taken from content_type (a
** NUL-terminated header value). Returns 0 and sets *data and *dlen to the
** part's content (pointing into body); when the part has a non-empty
** filename, writes it into filename[0..fsize) as a base name: '/', '\\' and
** control characters become '_', invalid UTF-8 too, cut to at most
** PARSE_FILENAME_MAX bytes on a character boundary (filename is left as it
** was otherwise). Returns -1, *data and *dlen unchanged, when there is no
** such part or the form is malformed. */
int parse_multipart_file(const char *content_type, const char *body, size_t len, const char **data /* OUT */,
			 size_t *dlen /* OUT */, char *filename /* OUT */, size_t fsize);

/* The priority areas of a matching or an allocation, checked against the
** catalogue's SEI areas. Returns 0 with *out the areas (NULL when areas is
** NULL or "": none; else areas itself, not copied), or EC_EUSAGE with
** *pb naming the field "priority_areas". */
int parse_priority_areas(const struct ec_catalog *cat, const char *areas, const char **out /* OUT */,
			 struct parse_problem *pb /* OUT */);

/* The month of an allocation from the body's "period" ("2021-06") or
** "year" (its December); 0 when neither is given. Returns 0 with *period,
** or EC_EUSAGE with *pb. */
int parse_allocation_period(json_t *body, int *period /* OUT */, struct parse_problem *pb /* OUT */);

/* The most quotas an allocation takes: one per province, and a margin. */
#define PARSE_QUOTAS_MAX 64

/* The body's "quotas": [{"region": "110000", "land_mu": 100, "energy_tce":
** 50}, ...], at most one per province, each checked against the catalogue
** (ec_quota_check); a land or energy quota missing or null is none (NaN).
** out has room for PARSE_QUOTAS_MAX. Returns 0 with out[0..*n) (*n 0 when
** the body has no quotas), or EC_EUSAGE with *pb and *n 0. */
int parse_allocation_quotas(const struct ec_catalog *cat, json_t *body, struct ec_quota *out /* OUT */,
			    size_t *n /* OUT */, struct parse_problem *pb /* OUT */);

/* A table route's download: ?format=json (or none: *wanted 0, the JSON
** answer), csv or xlsx (*wanted 1, x filled); ?lang=zh (default) or en;
** ?raw=1|true|0|false (default 0: as shown). Returns 0, or EC_EUSAGE with
** *pb naming the parameter. */
int parse_download(const char *format, const char *lang, const char *raw, int *wanted /* OUT */,
		   struct ec_export *x /* OUT */, struct parse_problem *pb /* OUT */);

/* The most path parameters a route has. */
#define PARSE_PATH_PARAMS 4

/* A path parameter: where it is in the path, and how long. */
struct parse_segment {
	const char *p;
	size_t n;
};

/* Whether path matches the route pattern ("/api/v1/jobs/{id}": a "{name}"
** matches one non-empty segment). Returns 1 with params[0..*n) pointing
** into path, else 0. */
int parse_route(const char *pattern, const char *path, struct parse_segment params[PARSE_PATH_PARAMS], int *n);

/* A whole number in lo..hi from a query parameter's text. Returns 0 with
** *out, or EC_EUSAGE with *pb ("expected a whole number from LO to HI",
** naming field). */
int parse_whole(const char *text, const char *field, long lo, long hi, long *out, struct parse_problem *pb);

/* A month from a query parameter's text, YYYY-MM. Returns 0 with *period
** (ec_period_make), or EC_EUSAGE with *pb naming field. */
int parse_month(const char *text, const char *field, int *period /* OUT */, struct parse_problem *pb /* OUT */);

/* A range of months from two optional query parameters' texts (NULL: not
** given), fields "from" and "to", each YYYY-MM. Returns 0 with *from and
** *to (-1 where not given), or EC_EUSAGE with *pb naming the parameter
** that is not a month, or "from" when it is after to. */
int parse_month_range(const char *from_text, const char *to_text, int *from /* OUT */, int *to /* OUT */,
		      struct parse_problem *pb /* OUT */);

/* The basis of a figure from a query parameter's text (NULL: not given,
** cumulative): "cumulative" or "month". Returns 0 with *basis, or
** EC_EUSAGE with *pb naming field. */
int parse_monitor_basis(const char *text, const char *field, enum ec_monitor_basis *basis /* OUT */,
		struct parse_problem *pb /* OUT */);

/* The most groups a series compares, and the longest code of one. */
#define PARSE_GROUPS_MAX 24
#define PARSE_GROUP_CODE_MAX 16

/* The groups of a series from a query parameter's text: codes separated by
** commas, each of digits and dots ("1", "1.2", "320000"), at most
** PARSE_GROUP_CODE_MAX bytes, at most PARSE_GROUPS_MAX of them, none
** twice. Returns 0 with codes[0..*n) (NUL-terminated), or EC_EUSAGE with *pb
** naming field and *n 0. */
int parse_group_codes(const char *text, const char *field, char codes[][PARSE_GROUP_CODE_MAX + 1], size_t *n /* OUT */,
		      struct parse_problem *pb /* OUT */);

/* Groups of different kinds compared, from a query parameter's text:
** kind:code separated by commas, the kind one of area, direction, province
** or prefecture and the code as parse_group_codes takes one, at most
** PARSE_GROUPS_MAX of them, none twice. Returns 0 with kinds[0..*n) and
** codes[0..*n), or EC_EUSAGE with *pb naming field and *n 0. */
int parse_series_groups(const char *text, const char *field, enum ec_group_kind kinds[PARSE_GROUPS_MAX],
			char codes[][PARSE_GROUP_CODE_MAX + 1], size_t *n /* OUT */, struct parse_problem *pb /* OUT */);

/* A string field of a JSON body, and where it goes: the const char * at
** offset in a change struct. */
struct parse_text_field {
	const char *key;
	size_t offset;
};

/* Points the change's fields at the strings present in body (which must
** outlive the change): 0, or EC_EUSAGE with *pb when a field is not a
** string or holds a NUL. */
int parse_json_texts(json_t *body, const struct parse_text_field *fields, size_t n, void *change,
		     struct parse_problem *pb);

/* The allocation's "time_limit_s" (more than 0, at most 600; default def),
** "objective" ("amount" or "share") and "solver" ("coin" or "glpk") into
** opts, the others left as they are; a field absent or null: the default
** (def, amount, coin). Returns 0, or EC_EUSAGE with *pb. */
int parse_allocation_options(json_t *body, double def, struct ec_alloc_options *opts /* OUT */,
			     struct parse_problem *pb);

/* Whether an Accept-Encoding header value takes gzip: "gzip" (or
** "x-gzip") listed with a quality above 0, or, when gzip is not listed,
** "*" with a quality above 0 (RFC 9110, 12.5.3; names are compared
** without case). NULL or "" takes nothing but the identity. */
int parse_accepts_gzip(const char *accept_encoding);

#endif
