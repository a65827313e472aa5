/*
** The server's parsers of request input that need no request: the file
** part of a multipart/form-data upload, the allocation body's priority
** areas, month and quotas, routes, whole numbers and the encodings a client
** accepts. The handlers answer the problems these return;
** tests/fuzz/fuzz_multipart.c, fuzz_json.c and fuzz_params.c drive them
** directly.
*/
#include <math.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "echelon/project.h"
#include "parse.h"

void parse_problem_release(struct parse_problem *pb)
{
	if (pb->coded.code)
		ec_problem_release(&pb->coded);
	pb->coded.code = NULL;
}

/* Fills *pb with the problem code and its parameters (name, value pairs
** ended by NULL), its English in pb->message. Returns EC_EUSAGE, for the
** caller to return. */
static int problem(struct parse_problem *pb, const char *field, const char *code, ...)
{
	va_list ap;

	pb->field = field;
	va_start(ap, code);
	ec_problem_vset(&pb->coded, code, field, ap);
	va_end(ap);
	ec_problem_english(&pb->coded, pb->message, sizeof pb->message);
	return EC_EUSAGE;
}

/* ---- multipart/form-data ---- */

/* Whether a part's headers h[0..n) name it "file": a name="file" parameter
** that is not the tail of another (filename="file" of a part named
** otherwise). */
static int names_file(const char *h, size_t n)
{
	const char *p = h, *end = h + n, *q;

	while ((q = memmem(p, (size_t)(end - p), "name=\"file\"", 11)) != NULL) {
		if (q == h || q[-1] == ' ' || q[-1] == '\t' || q[-1] == ';')
			return 1;
		p = q + 1;
	}
	return 0;
}

/* The length of the UTF-8 character s[0..n) starts with, or 0 when it is
** not a valid one (or is cut off by n). */
static size_t utf8_char(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	if (len > n || ec_utf8_check(s, len) != 0)
		return 0;
	return len;
}

/* Copies the filename parameter of a part's headers h[0..n), if any and not
** empty, into out[0..size) as parse_multipart_file says; out is untouched
** otherwise. A quote, CR, LF or the end of the headers ends the name. */
static void copy_filename(const char *h, size_t n, char *out, size_t size)
{
	const char *fn = memmem(h, n, "filename=\"", 10), *end = h + n;
	size_t limit = size ? size - 1 : 0, k = 0;

	if (!fn)
		return;
	fn += 10;
	if (limit > PARSE_FILENAME_MAX)
		limit = PARSE_FILENAME_MAX;
	for (const char *p = fn; p < end && *p != '"' && *p != '\r' && *p != '\n';) {
		size_t c = utf8_char(p, (size_t)(end - p));
		if (c > 1) {
			if (k + c > limit)
				break; /* never half a character */
			memcpy(out + k, p, c);
			k += c;
			p += c;
			continue;
		}
		if (k + 1 > limit)
			break;
		/* only the base name, and nothing odd */
		out[k++] = c == 0 || *p == '/' || *p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f ? '_' : *p;
		p++;
	}
	if (k > 0)
		out[k] = '\0';
}

int parse_multipart_file(const char *content_type, const char *body, size_t len, const char **data, size_t *dlen,
			 char *filename, size_t fsize)
{
	const char *b = content_type ? strstr(content_type, "boundary=") : NULL, *end, *p;
	char delim[2 + 100];
	size_t n;

	/* no body is no form (and NULL + 0 is not a pointer to compute with) */
	if (!b || !body)
		return -1;
	b += 9;
	if (*b == '"')
		b++;
	n = strcspn(b, "\";");
	if (n == 0 || n > 100)
		return -1;
	delim[0] = delim[1] = '-';
	memcpy(delim + 2, b, n);
	n += 2;
	end = body + len;
	for (p = body; p < end;) {
		const char *part = memmem(p, (size_t)(end - p), delim, n), *headers_end, *content, *next;
		if (!part)
			break;
		part += n;
		if (end - part >= 2 && part[0] == '-' && part[1] == '-')
			break; /* the closing delimiter */
		headers_end = memmem(part, (size_t)(end - part), "\r\n\r\n", 4);
		if (!headers_end)
			break;
		content = headers_end + 4;
		next = memmem(content, (size_t)(end - content), delim, n);
		if (!next)
			break;
		if (names_file(part, (size_t)(headers_end - part))) {
			size_t k = (size_t)(next - content);
			/* the CRLF before the delimiter belongs to it */
			if (k >= 2 && content[k - 2] == '\r' && content[k - 1] == '\n')
				k -= 2;
			copy_filename(part, (size_t)(headers_end - part), filename, fsize);
			*data = content;
			*dlen = k;
			return 0;
		}
		p = next;
	}
	return -1;
}

/* ---- the allocation's body ---- */

int parse_priority_areas(const struct ec_catalog *cat, const char *areas, const char **out, struct parse_problem *pb)
{
	char why[256];

	*out = areas && *areas ? areas : NULL;
	if (*out && ec_match_areas_check(cat, *out, why, sizeof why) != EC_OK) {
		pb->field = "priority_areas";
		ec_match_areas_problem(cat, *out, &pb->coded);
		ec_problem_english(&pb->coded, pb->message, sizeof pb->message);
		return EC_EUSAGE;
	}
	return 0;
}

int parse_allocation_period(json_t *body, int *period, struct parse_problem *pb)
{
	json_t *p = json_object_get(body, "period"), *y = json_object_get(body, "year");

	*period = 0;
	if (p && !json_is_null(p) && y && !json_is_null(y))
		return problem(pb, "period", "field.exclusive", "with", "year", NULL);
	if (p && !json_is_null(p)) {
		if (!json_is_string(p) || ec_period_parse(json_string_value(p), json_string_length(p), period) != EC_OK)
		{
			return problem(pb, "period", "field.period", NULL);
		}
	} else if (y && !json_is_null(y)) {
		if (!json_is_integer(y) || json_integer_value(y) < 1900 || json_integer_value(y) > 2999)
		{
			return problem(pb, "year", "field.year", NULL);
		}
		*period = ec_period_make((int)json_integer_value(y), 12);
	}
	return 0;
}

int parse_allocation_quotas(const struct ec_catalog *cat, json_t *body, struct ec_quota *out, size_t *n,
			    struct parse_problem *pb)
{
	json_t *a = json_object_get(body, "quotas"), *q;
	size_t i;

	*n = 0;
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > PARSE_QUOTAS_MAX)
		return problem(pb, "quotas", "quota.list", "max", EC_STR(PARSE_QUOTAS_MAX), NULL);
	json_array_foreach(a, i, q) {
		json_t *region = json_object_get(q, "region"), *land = json_object_get(q, "land_mu"),
		       *energy = json_object_get(q, "energy_tce");
		struct ec_quota *x = &out[i];
		char why[160];

		if (!json_is_object(q) || !json_is_string(region) || json_string_length(region) != 6 ||
		    (land && !json_is_null(land) && !json_is_number(land)) ||
		    (energy && !json_is_null(energy) && !json_is_number(energy)))
		{
			char entry[24];
			snprintf(entry, sizeof entry, "%zu", i);
			return problem(pb, "quotas", "quota.shape", "entry", entry, NULL);
		}
		memset(x, 0, sizeof *x);
		snprintf(x->region, sizeof x->region, "%s", json_string_value(region));
		/* missing or null: no quota of that kind */
		x->land_mu = json_is_number(land) ? json_number_value(land) : NAN;
		x->energy_tce = json_is_number(energy) ? json_number_value(energy) : NAN;
		if (ec_quota_check(cat, x, out, i, why, sizeof why) != EC_OK) {
			pb->field = "quotas";
			ec_quota_problem(cat, x, out, i, &pb->coded);
			ec_problem_english(&pb->coded, pb->message, sizeof pb->message);
			return EC_EUSAGE;
		}
	}
	*n = i;
	return 0;
}

/* ---- routes, query parameters, JSON fields ---- */

int parse_route(const char *pattern, const char *path, struct parse_segment params[PARSE_PATH_PARAMS], int *n)
{
	*n = 0;
	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++, path++;
		if (*pattern == '{') {
			const char *seg_end = strchr(path, '/'), *pat_end = strchr(pattern, '/');
			size_t len = seg_end ? (size_t)(seg_end - path) : strlen(path);
			if (len == 0 || *n >= PARSE_PATH_PARAMS)
				return 0;
			params[*n].p = path;
			params[*n].n = len;
			++*n;
			path += len;
			pattern = pat_end ? pat_end : pattern + strlen(pattern);
		} else {
			size_t len = strcspn(pattern, "/");
			if (strncmp(pattern, path, len) != 0 || (path[len] != '/' && path[len] != '\0'))
				return 0;
			pattern += len, path += len;
		}
	}
	return *pattern == '\0' && *path == '\0';
}

int parse_whole(const char *text, const char *field, long lo, long hi, long *out, struct parse_problem *pb)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (*end || end == text || errno == ERANGE || v < lo || v > hi) {
		char min[24], max[24];
		snprintf(min, sizeof min, "%ld", lo);
		snprintf(max, sizeof max, "%ld", hi);
		return problem(pb, field, "number.range", "value", text, "min", min, "max", max, NULL);
	}
	*out = v;
	return EC_OK;
}

int parse_month(const char *text, const char *field, int *period, struct parse_problem *pb)
{
	if (text && ec_period_parse(text, strlen(text), period) == EC_OK)
		return EC_OK;
	return problem(pb, field, "period.invalid", "value", text ? text : "", NULL);
}

int parse_month_range(const char *from_text, const char *to_text, int *from, int *to, struct parse_problem *pb)
{
	*from = *to = -1;
	if ((from_text && parse_month(from_text, "from", from, pb) != EC_OK) ||
	    (to_text && parse_month(to_text, "to", to, pb) != EC_OK)) {
		*from = *to = -1;
		return EC_EUSAGE;
	}
	if (*from >= 0 && *to >= 0 && *from > *to) {
		*from = *to = -1;
		return problem(pb, "from", "period.order", "from", from_text, "to", to_text, NULL);
	}
	return EC_OK;
}

int parse_monitor_basis(const char *text, const char *field, enum ec_monitor_basis *basis, struct parse_problem *pb)
{
	*basis = EC_BASIS_CUMULATIVE;
	if (!text || strcmp(text, "cumulative") == 0)
		return EC_OK;
	if (strcmp(text, "month") == 0) {
		*basis = EC_BASIS_MONTH;
		return EC_OK;
	}
	return problem(pb, field, "field.enum", "value", text, "expected", "cumulative or month", NULL);
}

int parse_group_codes(const char *text, const char *field, char codes[][PARSE_GROUP_CODE_MAX + 1], size_t *n,
		      struct parse_problem *pb)
{
	const char *p = text;

	*n = 0;
	if (!text || !*text)
		return problem(pb, field, "codes.empty", NULL);
	for (;;) {
		size_t len = strcspn(p, ",");
		if (len == 0 || len > PARSE_GROUP_CODE_MAX || strspn(p, "0123456789.") != len) {
			char position[24];
			snprintf(position, sizeof position, "%zu", *n + 1);
			problem(pb, field, "codes.invalid", "position", position, "max", EC_STR(PARSE_GROUP_CODE_MAX), NULL);
			goto bad;
		}
		if (*n == PARSE_GROUPS_MAX) {
			problem(pb, field, "codes.too_many", "max", EC_STR(PARSE_GROUPS_MAX), NULL);
			goto bad;
		}
		memcpy(codes[*n], p, len);
		codes[*n][len] = '\0';
		for (size_t i = 0; i < *n; i++)
			if (strcmp(codes[i], codes[*n]) == 0) {
				problem(pb, field, "codes.twice", "code", codes[*n], NULL);
				goto bad;
			}
		++*n;
		if (!p[len])
			return EC_OK;
		p += len + 1;
	}
bad:
	*n = 0;
	return EC_EUSAGE;
}

int parse_series_groups(const char *text, const char *field, enum ec_group_kind kinds[PARSE_GROUPS_MAX],
			char codes[][PARSE_GROUP_CODE_MAX + 1], size_t *n, struct parse_problem *pb)
{
	const char *p = text;

	*n = 0;
	if (!text || !*text)
		return problem(pb, field, "codes.empty", NULL);
	for (;;) {
		size_t len = strcspn(p, ","), klen = strcspn(p, ":");
		char item[64], one[1][PARSE_GROUP_CODE_MAX + 1];
		size_t got;
		int k = -1;

		snprintf(item, sizeof item, "%.*s", (int)(len < sizeof item ? len : sizeof item - 1), p);
		for (int i = EC_G_AREA; klen < len && i <= EC_G_PREFECTURE; i++) {
			const char *name = ec_group_kind_name((enum ec_group_kind)i);
			if (strlen(name) == klen && strncmp(p, name, klen) == 0)
				k = i;
		}
		if (k < 0) {
			problem(pb, field, "field.enum", "value", item, "expected",
				"area, direction, province or prefecture, then a colon and the code", NULL);
			goto bad;
		}
		if (*n == PARSE_GROUPS_MAX) {
			problem(pb, field, "codes.too_many", "max", EC_STR(PARSE_GROUPS_MAX), NULL);
			goto bad;
		}
		snprintf(item, sizeof item, "%.*s", (int)(len - klen - 1 < sizeof item ? len - klen - 1 : sizeof item - 1),
			 p + klen + 1);
		if (parse_group_codes(item, field, one, &got, pb) != EC_OK) /* too long is cut, and still too long */
			goto bad;
		for (size_t i = 0; i < *n; i++)
			if (kinds[i] == (enum ec_group_kind)k && strcmp(codes[i], one[0]) == 0) {
				problem(pb, field, "codes.twice", "code", one[0], NULL);
				goto bad;
			}
		kinds[*n] = (enum ec_group_kind)k;
		memcpy(codes[*n], one[0], sizeof one[0]);
		++*n;
		if (!p[len])
			return EC_OK;
		p += len + 1;
	}
bad:
	*n = 0;
	return EC_EUSAGE;
}

int parse_download(const char *format, const char *lang, const char *raw, int *wanted, struct ec_export *x,
		   struct parse_problem *pb)
{
	*wanted = 0;
	x->format = EC_FMT_CSV;
	x->lang = EC_LANG_ZH;
	x->raw = 0;
	if (format && strcmp(format, "json") != 0) {
		if (strcmp(format, "csv") && strcmp(format, "xlsx")) {
			return problem(pb, "format", "field.enum", "value", format, "expected", "json, csv or xlsx", NULL);
		}
		*wanted = 1;
		x->format = format[0] == 'x' ? EC_FMT_XLSX : EC_FMT_CSV;
	}
	if (lang) {
		int l = ec_lang_parse(lang);
		if (l < 0 || (strcmp(lang, "zh") && strcmp(lang, "en"))) {
			return problem(pb, "lang", "field.enum", "value", lang, "expected", "zh or en", NULL);
		}
		x->lang = (enum ec_lang)l;
	}
	if (raw) {
		if (!strcmp(raw, "1") || !strcmp(raw, "true")) {
			x->raw = 1;
		} else if (strcmp(raw, "0") && strcmp(raw, "false")) {
			return problem(pb, "raw", "field.enum", "value", raw, "expected", "1, true, 0 or false", NULL);
		}
	}
	return EC_OK;
}

int parse_json_texts(json_t *body, const struct parse_text_field *fields, size_t n, void *change,
		     struct parse_problem *pb)
{
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(body, fields[i].key);
		if (!v)
			continue;
		if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v)) {
			return problem(pb, fields[i].key, "field.string", NULL);
		}
		*(const char **)((char *)change + fields[i].offset) = json_string_value(v);
	}
	return EC_OK;
}

int parse_allocation_options(json_t *body, double def, struct ec_alloc_options *opts, struct parse_problem *pb)
{
	json_t *v;

	opts->time_limit_s = def;
	opts->objective = EC_ALLOC_AMOUNT;
	opts->solver = EC_ALLOC_COIN;
	if ((v = json_object_get(body, "time_limit_s")) && !json_is_null(v)) {
		if (!json_is_number(v) || !(json_number_value(v) > 0) || json_number_value(v) > 600) {
		{
			char given[32];
			snprintf(given, sizeof given, "%g", json_is_number(v) ? json_number_value(v) : 0.0);
			return problem(pb, "time_limit_s", "number.range", "value", json_is_number(v) ? given : "?", "min",
				       "0", "max", "600", NULL);
		}
		}
		opts->time_limit_s = json_number_value(v);
	}
	if ((v = json_object_get(body, "objective")) && !json_is_null(v)) {
		const char *o = json_is_string(v) ? json_string_value(v) : "";
		if (strcmp(o, "amount") && strcmp(o, "share")) {
			return problem(pb, "objective", "field.enum", "value", o, "expected", "amount or share", NULL);
		}
		opts->objective = strcmp(o, "share") == 0 ? EC_ALLOC_SHARE : EC_ALLOC_AMOUNT;
	}
	if ((v = json_object_get(body, "solver")) && !json_is_null(v)) {
		if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v) ||
		    ec_alloc_solver_parse(json_string_value(v), &opts->solver) != EC_OK) {
			return problem(pb, "solver", "field.enum", "value", json_is_string(v) ? json_string_value(v) : "",
				       "expected", "coin or glpk", NULL);
		}
	}
	return EC_OK;
}

/* ---- Accept-Encoding ---- */

/* Whether the quality of a list element's parameters p[0..n) is above 0:
** "q=0", "q=0.", "q=0.0" up to three zeros are 0; anything else, or no q,
** is not. */
static int quality_above_zero(const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			const char *v = p + 2, *stop = v;
			while (stop < end && *stop != ';' && *stop != ' ' && *stop != '\t')
				stop++;
			if (v == stop || *v != '0')
				return 1;
			v++;
			if (v < stop && *v == '.')
				v++;
			while (v < stop && *v == '0')
				v++;
			return v != stop;
		}
		while (p < end && *p != ';')
			p++;
	}
	return 1;
}

int parse_accepts_gzip(const char *accept_encoding)
{
	const char *p = accept_encoding;
	int gzip = -1, any = -1;

	if (!p)
		return 0;
	while (*p) {
		size_t n = strcspn(p, ","), name;
		const char *item = p;
		while (n && (*item == ' ' || *item == '\t'))
			item++, n--;
		name = 0;
		while (name < n && item[name] != ';' && item[name] != ' ' && item[name] != '\t')
			name++;
		if ((name == 4 && strncasecmp(item, "gzip", 4) == 0) || (name == 6 && strncasecmp(item, "x-gzip", 6) == 0))
			gzip = quality_above_zero(item + name, n - name);
		else if (name == 1 && item[0] == '*')
			any = quality_above_zero(item + name, n - name);
		p = item + n;
		if (*p == ',')
			p++;
	}
	return gzip >= 0 ? gzip : any > 0;
}
