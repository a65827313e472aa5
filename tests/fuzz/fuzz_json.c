/* libFuzzer harness for the server's JSON bodies: the input is parsed as a
** request body is (json_loadb), then read by the allocation body's parsers
** (src/server/parse.c: priority areas, month, quotas) and its string fields
** by the library's field parsers the handlers and the application use
** (periods, project kind and stage, fund type, stages and co-investment,
** role, tier). Any input is read without a crash, leak or undefined
** behaviour; a refusal names a field and says why, and quotas taken are at
** most PARSE_QUOTAS_MAX provinces, each once.
** Run: make fuzz, or build-fuzz/tests/fuzz_json -max_total_time=60 CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/auth.h"
#include "echelon/cluster.h"
#include "echelon/project.h"
#include "builtin_catalog.h"
#include "server/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct ec_catalog *cat;

/* Aborts unless a refusal names its field and says something. */
static void check_problem(int rc, struct parse_problem *pb)
{
	if (rc != 0 && (rc != EC_EUSAGE || !pb->field || !pb->message[0]))
		abort();
	if (rc != 0)
		parse_problem_release(pb);
}

/* The allocation body's parsers, as h_allocation calls them. */
static void allocation_body(json_t *body)
{
	struct ec_quota quotas[PARSE_QUOTAS_MAX];
	struct parse_problem pb;
	const char *areas;
	json_t *v = json_object_get(body, "priority_areas");
	size_t n = 0;
	int period = -1, rc;

	if (json_is_string(v)) {
		rc = parse_priority_areas(cat, json_string_value(v), &areas, &pb);
		check_problem(rc, &pb);
		if (rc == 0 && areas && areas != json_string_value(v))
			abort();
	}
	rc = parse_allocation_period(body, &period, &pb);
	check_problem(rc, &pb);
	if (rc == 0 && period != 0 && (period < ec_period_make(1900, 1) || period > ec_period_make(2999, 12)))
		abort();
	rc = parse_allocation_quotas(cat, body, quotas, &n, &pb);
	check_problem(rc, &pb);
	if (n > PARSE_QUOTAS_MAX || (rc != 0 && n != 0))
		abort();
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (!strcmp(quotas[i].region, quotas[k].region))
				abort();
}

/* The string fields of a change body as req_json_texts reads them, and the
** allocation's options: a field taken points at the body's own string. */
struct change {
	const char *name, *code, *owner, *stage;
};

static void json_fields(json_t *body)
{
	static const struct parse_text_field fields[] = {
		{ "name", offsetof(struct change, name) }, { "code", offsetof(struct change, code) },
		{ "owner", offsetof(struct change, owner) }, { "stage", offsetof(struct change, stage) },
	};
	struct change c = { NULL, NULL, NULL, NULL };
	struct parse_problem pb;
	struct ec_alloc_options opts;
	int rc;

	rc = parse_json_texts(body, fields, 4, &c, &pb);
	check_problem(rc, &pb);
	if (rc == 0 && c.name && c.name != json_string_value(json_object_get(body, "name")))
		abort();
	ec_alloc_options_init(&opts);
	rc = parse_allocation_options(body, 10, &opts, &pb);
	check_problem(rc, &pb);
	if (rc == 0 && !(opts.time_limit_s > 0 && opts.time_limit_s <= 600))
		abort();
	if (rc == 0 && opts.solver != EC_ALLOC_COIN && opts.solver != EC_ALLOC_GLPK)
		abort();
}

/* The field parsers behind the project, fund, user and cluster bodies. */
static void text_fields(json_t *body)
{
	const char *key;
	json_t *v;

	json_object_foreach(body, key, v) {
		const char *s = json_string_value(v);
		char why[160];
		unsigned mask;
		int period;

		if (!s)
			continue;
		if (!strcmp(key, "period") || !strcmp(key, "start") || !strcmp(key, "end"))
			(void)ec_period_parse(s, json_string_length(v), &period);
		else if (!strcmp(key, "kind"))
			(void)ec_project_kind_parse(s);
		else if (!strcmp(key, "stage"))
			(void)ec_stage_parse(s);
		else if (!strcmp(key, "type"))
			(void)ec_fund_type_parse(s);
		else if (!strcmp(key, "coinvest"))
			(void)ec_coinvest_parse(s);
		else if (!strcmp(key, "stages"))
			(void)ec_stage_set_parse(s, &mask, why, sizeof why);
		else if (!strcmp(key, "role"))
			(void)ec_role_parse(s);
		else if (!strcmp(key, "tier"))
			(void)ec_tier_parse(s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *body;

	cat = builtin_catalog();
	body = json_loadb((const char *)data, size, 0, &jerr);
	if (json_is_object(body)) {
		allocation_body(body);
		json_fields(body);
		text_fields(body);
	}
	json_decref(body);
	return 0;
}
