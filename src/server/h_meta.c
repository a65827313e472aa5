/*
** GET /api/v1/enums: the names of the library's enumerations in the
** library's order, which funding source each fund type fills and which
** stage changes are allowed, so that the dashboard keeps no copy of them.
** Every list is built by looping over the C enumeration.
*/
#include <string.h>

#include "echelon/project.h"
#include "server.h"

static const char *stage(int i) { return ec_stage_name((enum ec_stage)i); }
static const char *project_kind(int i) { return ec_project_kind_name((enum ec_project_kind)i); }
static const char *source(int i) { return ec_source_name((enum ec_source)i); }
static const char *fund_type(int i) { return ec_fund_type_name((enum ec_fund_type)i); }
static const char *coinvest(int i) { return ec_coinvest_name((enum ec_coinvest)i); }
static const char *tier(int i) { return ec_tier_name((enum ec_tier)i); }
static const char *role(int i) { return ec_role_name((enum ec_role)i); }
static const char *alert_kind(int i) { return ec_alert_kind_name((enum ec_alert_kind)i); }

static const struct {
	const char *key;
	int count;
	const char *(*name)(int);
} enumerations[] = {
	{ "stages", EC_NSTAGES, stage },
	{ "project_kinds", EC_NKINDS, project_kind },
	{ "funding_sources", EC_NSOURCES, source },
	{ "fund_types", EC_NFUND_TYPES, fund_type },
	{ "coinvest", EC_NCOINVEST, coinvest },
	{ "tiers", EC_NTIERS, tier },
	{ "roles", EC_NROLES, role },
	{ "alert_kinds", EC_NALERT_KINDS, alert_kind },
};

/* The changes from a stage to another that ec_project_stage_check allows
** without a project, and the one it can only decide with the project's
** figures (to completed: needs_project). */
static json_t *stage_changes(void)
{
	json_t *changes = json_array();
	char why[160];

	for (int from = 0; from < EC_NSTAGES; from++)
		for (int to = 0; to < EC_NSTAGES; to++) {
			int rc;
			if (from == to)
				continue;
			rc = ec_project_stage_check((enum ec_stage)from, (enum ec_stage)to, NULL, why, sizeof why);
			if (rc != EC_OK && rc != EC_EUSAGE)
				continue;
			json_array_append_new(changes, json_pack("{s:s, s:s, s:b}", "from", stage(from), "to", stage(to),
								 "needs_project", rc == EC_EUSAGE));
		}
	return changes;
}

/* The answer never changes while the server runs: made once. */
static char *enums_text;
static pthread_once_t enums_once = PTHREAD_ONCE_INIT;

static void make_enums(void)
{
	json_t *body = json_object(), *sources = json_object();

	for (size_t i = 0; i < sizeof enumerations / sizeof enumerations[0]; i++) {
		json_t *names = json_array();
		for (int k = 0; k < enumerations[i].count; k++)
			json_array_append_new(names, json_string(enumerations[i].name(k)));
		json_object_set_new(body, enumerations[i].key, names);
	}
	for (int k = 0; k < EC_NFUND_TYPES; k++)
		json_object_set_new(sources, fund_type(k), json_string(source(ec_fund_source((enum ec_fund_type)k))));
	json_object_set_new(body, "fund_type_sources", sources);
	json_object_set_new(body, "stage_changes", stage_changes());
	enums_text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
}

void h_enums(struct request *r)
{
	pthread_once(&enums_once, make_enums);
	if (!enums_text) {
		reply_status(r, EC_EIO, "the enumerations could not be written");
		return;
	}
	reply_text(r, 200, "application/json; charset=utf-8", enums_text, strlen(enums_text));
}
