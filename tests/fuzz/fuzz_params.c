/* libFuzzer harness for the parsers of query and path parameters: the
** input is one parameter's value, read by every public parser a handler
** or the application gives such a value to (numbers, periods, languages,
** USCCs, a series' groups (of one kind, or kind:code of several) and months, the names of kinds, stages, roles, tiers and groups, stage sets,
** priority areas, region and category codes, UTF-8), and the server's
** reading of an Accept-Encoding header. Besides no crash,
** leak or undefined behaviour, what is accepted reads back the same:
** parse(format(parse(s))) == parse(s).
** Run: make fuzz, or build-fuzz/tests/fuzz_params -max_total_time=60 CORPUS */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/app.h"
#include "echelon/auth.h"
#include "echelon/catalog.h"
#include "echelon/cluster.h"
#include "echelon/evaluate.h"
#include "echelon/intake.h"
#include "echelon/monitor.h"
#include "echelon/output.h"
#include "echelon/problem.h"
#include "echelon/project.h"
#include "echelon/uscc.h"
#include "builtin_catalog.h"
#include "server/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct ec_catalog *cat;

/* A number and a period of s[0..n): what is accepted is formatted and
** read back to the same value. */
static void number_and_period(const char *s, size_t n)
{
	const char *why = NULL;
	char text[32];
	double v, back;
	int period, again;

	if (ec_number_parse(s, n, &v, &why) == EC_OK) {
		int len = ec_number_format(v, text);
		if (!isfinite(v) || len <= 0 || len >= 32 || ec_number_parse(text, (size_t)len, &back, &why) != EC_OK ||
		    back != v)
			abort();
	} else if (!why) {
		abort();
	}
	if (ec_period_parse(s, n, &period) == EC_OK) {
		ec_period_format(period, text);
		if (memcmp(text, s, 7) != 0 || ec_period_parse(text, 7, &again) != EC_OK || again != period)
			abort();
	}
}

/* A USCC: a valid one carries its own check character. */
static void uscc(const char *s, size_t n)
{
	struct ec_uscc_result res;
	char why[160];

	if (ec_uscc_check(s, n, &res) == EC_OK) {
		if (n != EC_USCC_LEN || ec_uscc_check_char(s) != s[17])
			abort();
	} else {
		ec_uscc_explain(&res, why, sizeof why);
	}
	if (n >= 17)
		(void)ec_uscc_check_char(s);
}

/* The names of enumerations (NUL-terminated s): a name accepted is the
** name of what it parses to, or an alias of it. */
static void names(const char *s, size_t n)
{
	enum ec_indicator_group group, group_back;
	char why[160], text[160];
	unsigned mask, back;
	int k;

	if ((k = ec_intake_kind_parse(s)) >= 0 && ec_intake_kind_parse(ec_intake_kind_name((enum ec_intake_kind)k)) != k)
		abort();
	if ((k = ec_monitor_by_parse(s)) >= 0 && ec_monitor_by_parse(ec_monitor_by_name((enum ec_monitor_by)k)) != k)
		abort();
	if ((k = ec_tier_parse(s)) >= 0 && ec_tier_parse(ec_tier_name((enum ec_tier)k)) != k)
		abort();
	if ((k = ec_role_parse(s)) >= 0 && ec_role_parse(ec_role_name((enum ec_role)k)) != k)
		abort();
	if ((k = ec_project_kind_parse(s)) >= 0 && ec_project_kind_parse(ec_project_kind_name((enum ec_project_kind)k)) != k)
		abort();
	if ((k = ec_stage_parse(s)) >= 0 && ec_stage_parse(ec_stage_name((enum ec_stage)k)) != k)
		abort();
	if ((k = ec_source_parse(s)) >= 0 && ec_source_parse(ec_source_name((enum ec_source)k)) != k)
		abort();
	if ((k = ec_fund_type_parse(s)) >= 0 && ec_fund_type_parse(ec_fund_type_name((enum ec_fund_type)k)) != k)
		abort();
	if ((k = ec_coinvest_parse(s)) >= 0 && ec_coinvest_parse(ec_coinvest_name((enum ec_coinvest)k)) != k)
		abort();
	(void)ec_format_parse(s);
	(void)ec_app_catalog_kind_parse(s);
	(void)ec_lang_parse(s);
	if (ec_evaluate_group_parse(s, n, &group) == EC_OK &&
	    (ec_evaluate_group_parse(ec_evaluate_group_name(group), strlen(ec_evaluate_group_name(group)), &group_back) !=
		     EC_OK ||
	     group_back != group))
		abort();
	if (ec_stage_set_parse(s, &mask, why, sizeof why) == EC_OK) {
		ec_stage_set_format(mask, text, sizeof text);
		if (ec_stage_set_parse(text, &back, why, sizeof why) != EC_OK || back != mask)
			abort();
	}
}

/* Codes of s[0..n) looked up in the catalogue: regions, categories and
** industries. */
static void codes(const char *s, size_t n)
{
	(void)ec_catalog_resolve_region(cat, s, n);
	(void)ec_catalog_find_region(cat, s, n);
	(void)ec_catalog_find_category(cat, s, n);
	(void)ec_catalog_find_industry(cat, s, n);
}

/* A list of priority areas (NUL-terminated s): a refusal says why. */
static void areas(const char *s)
{
	char why[256] = "";

	if (ec_match_areas_check(cat, s, why, sizeof why) != EC_OK && !why[0])
		abort();
}

/* The path of a request against the route patterns it could meet, and a
** whole-number query parameter: a match's parameters lie inside the path,
** are non-empty and hold no '/'; a whole number accepted is in range. */
static void route_and_whole(const char *path)
{
	static const char *const patterns[] = { "/api/v1/jobs/{id}", "/api/v1/clusters/{code}",
						"/api/v1/import/{kind}", "/api/v1/projects/{code}/progress",
						"/api/v1/{a}/{b}/{c}/{d}/{e}", "/api/v1/health" };
	struct parse_segment params[PARSE_PATH_PARAMS];
	struct parse_problem pb;
	size_t len = strlen(path);
	long v;
	int n;

	for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
		if (!parse_route(patterns[i], path, params, &n))
			continue;
		if (n < 0 || n > PARSE_PATH_PARAMS)
			abort();
		for (int k = 0; k < n; k++)
			if (params[k].n == 0 || params[k].p < path || params[k].p + params[k].n > path + len ||
			    memchr(params[k].p, '/', params[k].n))
				abort();
	}
	{
		struct ec_export x;
		int wanted = -1;
		if (parse_download(path, path, path, &wanted, &x, &pb) == EC_OK) {
			if (wanted != 0 && wanted != 1)
				abort();
			if (wanted && x.format != EC_FMT_CSV && x.format != EC_FMT_XLSX)
				abort();
		} else if (!pb.field || !pb.message[0]) {
			abort();
		} else {
			parse_problem_release(&pb);
		}
	}
	if (parse_whole(path, "limit", 1, 10000, &v, &pb) == EC_OK) {
		if (v < 1 || v > 10000)
			abort();
	} else if (!pb.field || !pb.message[0]) {
		abort();
	} else {
		parse_problem_release(&pb);
	}
}

/* Groups of different kinds compared: what is accepted is kind:code
** pairs of the four kinds, each code as parse_group_codes takes it, none
** twice, and joined again reads back the same; a refusal names the field. */
static void series_groups(const char *text)
{
	char codes[PARSE_GROUPS_MAX][PARSE_GROUP_CODE_MAX + 1], joined[PARSE_GROUPS_MAX * (PARSE_GROUP_CODE_MAX + 12) + 1];
	enum ec_group_kind kinds[PARSE_GROUPS_MAX], again_kinds[PARSE_GROUPS_MAX];
	char again[PARSE_GROUPS_MAX][PARSE_GROUP_CODE_MAX + 1];
	struct parse_problem pb;
	size_t n, m, at = 0;

	if (parse_series_groups(text, "groups", kinds, codes, &n, &pb) == EC_OK) {
		if (n < 1 || n > PARSE_GROUPS_MAX)
			abort();
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(codes[i]);
			if (kinds[i] < EC_G_AREA || kinds[i] > EC_G_PREFECTURE || !len || len > PARSE_GROUP_CODE_MAX ||
			    strspn(codes[i], "0123456789.") != len)
				abort();
			for (size_t j = 0; j < i; j++)
				if (kinds[i] == kinds[j] && strcmp(codes[i], codes[j]) == 0)
					abort();
			at += (size_t)snprintf(joined + at, sizeof joined - at, "%s%s:%s", i ? "," : "",
					       ec_group_kind_name(kinds[i]), codes[i]);
		}
		if (strcmp(joined, text) != 0 || parse_series_groups(joined, "groups", again_kinds, again, &m, &pb) != EC_OK ||
		    m != n || memcmp(again_kinds, kinds, n * sizeof *kinds) != 0)
			abort();
	} else if (n != 0 || !pb.field || !pb.message[0]) {
		abort();
	} else {
		parse_problem_release(&pb);
	}
}

/* A series' groups and months: what is accepted is at most
** PARSE_GROUPS_MAX distinct codes of digits and dots, and joined with
** commas reads back the same; a month accepted formats back to the text. */
static void series_params(const char *text)
{
	char codes[PARSE_GROUPS_MAX][PARSE_GROUP_CODE_MAX + 1], again[PARSE_GROUPS_MAX][PARSE_GROUP_CODE_MAX + 1];
	char joined[PARSE_GROUPS_MAX * (PARSE_GROUP_CODE_MAX + 1) + 1], month[8];
	struct parse_problem pb;
	size_t n, m, at = 0;
	int period;

	if (parse_group_codes(text, "codes", codes, &n, &pb) == EC_OK) {
		if (n < 1 || n > PARSE_GROUPS_MAX)
			abort();
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(codes[i]);
			if (!len || len > PARSE_GROUP_CODE_MAX || strspn(codes[i], "0123456789.") != len)
				abort();
			for (size_t j = 0; j < i; j++)
				if (strcmp(codes[i], codes[j]) == 0)
					abort();
			at += (size_t)snprintf(joined + at, sizeof joined - at, "%s%s", i ? "," : "", codes[i]);
		}
		if (strcmp(joined, text) != 0 || parse_group_codes(joined, "codes", again, &m, &pb) != EC_OK || m != n)
			abort();
	} else if (n != 0 || !pb.field || !pb.message[0]) {
		abort();
	} else {
		parse_problem_release(&pb);
	}
	series_groups(text);
	if (parse_month(text, "from", &period, &pb) == EC_OK) {
		ec_period_format(period, month);
		if (strcmp(month, text) != 0)
			abort();
	} else if (!pb.field || !pb.message[0]) {
		abort();
	} else {
		parse_problem_release(&pb);
	}
}

/* A cluster series' range and basis: a range accepted has its months in
** order, each formatting back to its text; a basis accepted is one of the
** two words; anything refused names a parameter. The text is split at its
** first '~' into from and to. */
static void range_and_basis(const char *text)
{
	const char *tilde = strchr(text, '~');
	size_t len = strlen(text);
	char *from_text = malloc(len + 1), month[8];
	const char *to_text = tilde ? tilde + 1 : NULL;
	enum ec_monitor_basis basis;
	struct parse_problem pb;
	int from, to;

	memcpy(from_text, text, len + 1);
	if (tilde)
		from_text[tilde - text] = '\0';
	if (parse_month_range(from_text, to_text, &from, &to, &pb) == EC_OK) {
		if (from < 0 || (to_text && to < 0) || (!to_text && to >= 0) || (to >= 0 && from > to))
			abort();
		ec_period_format(from, month);
		if (strcmp(month, from_text) != 0)
			abort();
	} else if (from != -1 || to != -1 || !pb.field || !pb.message[0] ||
		   (strcmp(pb.field, "from") != 0 && strcmp(pb.field, "to") != 0)) {
		abort();
	} else {
		parse_problem_release(&pb);
	}
	if (parse_month_range(NULL, NULL, &from, &to, &pb) != EC_OK || from != -1 || to != -1)
		abort();
	if (parse_monitor_basis(text, "basis", &basis, &pb) == EC_OK) {
		if (strcmp(text, basis == EC_BASIS_MONTH ? "month" : "cumulative") != 0)
			abort();
	} else if (!pb.field || strcmp(pb.field, "basis") != 0 || !pb.message[0]) {
		abort();
	} else {
		parse_problem_release(&pb);
	}
	free(from_text);
}

/* An Accept-Encoding value: gzip is taken or not, and "gzip;q=0" added
** after anything refuses it (the last listing of gzip decides). */
static void accept_encoding(const char *value)
{
	size_t n = strlen(value);
	char *refused = malloc(n + 16);
	int takes = parse_accepts_gzip(value);

	if (takes != 0 && takes != 1)
		abort();
	memcpy(refused, value, n);
	memcpy(refused + n, ",gzip;q=0", 10);
	if (parse_accepts_gzip(refused))
		abort();
	free(refused);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly the input's size for the parsers that take a
	** length, so that a read past it is caught; a NUL-terminated one, as a
	** handler has a parameter, for the others. */
	char *exact = malloc(size ? size : 1), *text = malloc(size + 1);
	size_t n;

	cat = builtin_catalog();
	memcpy(exact, data, size);
	memcpy(text, data, size);
	text[size] = '\0';
	n = strlen(text);
	number_and_period(exact, size);
	uscc(exact, size);
	names(text, n);
	codes(exact, size);
	codes(text, n);
	areas(text);
	route_and_whole(text);
	series_params(text);
	range_and_basis(text);
	accept_encoding(text);
	(void)ec_utf8_check(exact, size);
	(void)ec_utf8_width(text);
	(void)ec_list_has(text, exact, size);
	(void)ec_edit_distance(text, "reports");
	free(exact);
	free(text);
	return 0;
}
