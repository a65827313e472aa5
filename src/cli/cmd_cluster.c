/*
** echelon cluster: the registry of SEI bases, clusters and ecosystems
** (add, edit, list, show, import, export), their indicators by year,
** discovery of candidate clusters and their evaluation into tiers.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "echelon/cluster.h"
#include "echelon/csv.h"
#include "echelon/uscc.h"

int cluster_discover(struct cli_args *a, struct ec_store *s, struct ec_catalog *cat);
int cluster_evaluate(struct cli_args *a, struct ec_store *s, struct ec_catalog *cat);

/* The change the options give (only those present). Returns 0 or an exit
** code. */
static int from_options(const struct cli_args *a, struct ec_cluster_change *ch)
{
	const char *founded = cli_opt(a, "founded");

	ec_cluster_change_init(ch);
	ch->name_zh = cli_opt(a, "name-zh");
	ch->name_en = cli_opt(a, "name-en");
	ch->tier = cli_opt(a, "tier");
	ch->parent = cli_opt(a, "parent");
	ch->regions = cli_opt(a, "regions");
	ch->categories = cli_opt(a, "categories");
	ch->agency = cli_opt(a, "agency");
	ch->include = cli_opt(a, "include");
	ch->exclude = cli_opt(a, "exclude");
	if (founded) {
		char *end;
		long y = strtol(founded, &end, 10);
		if (*end || y < 1900 || y > 2999)
			return cli_usage(a, "--founded '%s': expected a year", founded);
		ch->founded = (int)y;
	}
	return EC_EXIT_OK;
}

/* cluster add CODE / cluster edit CODE: one change, all or nothing. */
static int change(struct cli_args *a, const char *code, int adding)
{
	struct ec_cluster_change ch;
	struct ec_actor who;
	struct ec_app *app;
	struct ec_diag d;
	char subject[64];
	int rc;

	if ((rc = from_options(a, &ch)) || (rc = cli_open_app(a, 0, &app)))
		return rc;
	if ((rc = cli_actor(a, app, &who)) == EC_EXIT_OK) {
		ec_diag_init(&d, 100);
		rc = adding ? ec_app_cluster_add(app, &who, code, &ch, NULL, &d)
			    : ec_app_cluster_edit(app, &who, code, &ch, NULL, &d);
		snprintf(subject, sizeof subject, "cluster %.40s", code);
		if (rc == EC_OK)
			printf("cluster %s %s\n", code, adding ? "added" : "changed");
		rc = rc == EC_OK ? EC_EXIT_OK : cli_refused(rc, &d, subject);
		ec_diag_release(&d);
	}
	ec_app_close(app);
	return rc;
}

struct lister {
	struct ec_table *t;
	int tier;
};

static int list_row(void *ctx, const struct ec_cluster *c)
{
	struct lister *l = ctx;
	char founded[16];

	if (l->tier >= 0 && (int)c->tier != l->tier)
		return 0;
	snprintf(founded, sizeof founded, "%d", c->founded);
	ec_table_addv(l->t, c->code, ec_tier_name(c->tier), c->name_zh, c->name_en, c->regions, c->categories, c->parent,
		      c->founded ? founded : "");
	return 0;
}

static int entered_row(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	char y[8], v[32];
	(void)cluster;
	snprintf(y, sizeof y, "%d", year);
	ec_number_format(value, v);
	ec_table_addv(ctx, y, indicator, v);
	return 0;
}

static void fmt(char *out, size_t size, const char *f, double v)
{
	if (isnan(v))
		snprintf(out, size, "%s", "");
	else
		snprintf(out, size, f, v);
}

static int show(const struct cli_args *a, struct ec_store *s, struct ec_catalog *cat, const char *code,
		enum ec_format format)
{
	static const char *const names[] = { "year", "enterprises", "above_size", "value_added", "growth_pct",
					     "revenue", "employees", "rd_intensity_pct", "patents_per_1000",
					     "national_share_pct", "lq", "lq_p75", "strong", "stars" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_NUMBER,
						  EC_COL_BOOL, EC_COL_NUMBER };
	static const char *const enames[] = { "year", "indicator", "value" };
	static const enum ec_col_kind ekinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };
	struct ec_cluster c;
	struct ec_cluster_data d;
	struct ec_table t, e;
	uint8_t *member;
	char *err = NULL;
	int rc, n;

	if (ec_store_cluster_get(s, code, &c) != EC_OK)
		return cli_fail(EC_EXIT_DATA, "no cluster '%s'", code);
	if ((rc = ec_cluster_data_load(s, cat, &d, &err)) != EC_OK) {
		rc = cli_fail(ec_exit_code(rc), "%s", err);
		free(err);
		return rc;
	}
	member = ec_malloc(d.nfirms + 1);
	n = (int)ec_cluster_members_stored(s, &d, &c, member);
	if (format == EC_FMT_TABLE) {
		printf("%s  %s / %s\ntier %s%s%s, regions %s, categories %s%s%s, founded %d\n%d members (enterprises of "
		       "its categories in its regions, with the include and exclude rules)\n\n",
		       c.code, c.name_zh, c.name_en, ec_tier_name(c.tier), c.parent[0] ? ", inside " : "", c.parent,
		       c.regions, c.categories, c.agency[0] ? ", agency " : "", c.agency, c.founded, n);
	}
	ec_table_init(&t, 14, names, kinds);
	for (int y = d.first_year; y < d.first_year + d.nyears; y++) {
		struct ec_cluster_indicators ind;
		char v[14][32];
		if (ec_cluster_indicators(&d, &c, member, y, 20000, &ind, &err) != EC_OK) {
			free(err);
			continue;
		}
		snprintf(v[0], 32, "%d", y);
		snprintf(v[1], 32, "%lld", (long long)ind.enterprises);
		snprintf(v[2], 32, "%lld", (long long)ind.above_size);
		fmt(v[3], 32, "%.1f", ind.value_added);
		fmt(v[4], 32, format == EC_FMT_TABLE ? "%.1f" : "%.17g", ind.growth_pct);
		fmt(v[5], 32, "%.1f", ind.revenue);
		snprintf(v[6], 32, "%lld", (long long)ind.employees);
		fmt(v[7], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.rd_intensity_pct);
		fmt(v[8], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.patents_per_1000);
		fmt(v[9], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.national_share_pct);
		fmt(v[10], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.lq);
		fmt(v[11], 32, format == EC_FMT_TABLE ? "%.2f" : "%.17g", ind.lq_p75);
		snprintf(v[12], 32, "%d", ind.strong);
		snprintf(v[13], 32, "%d", ind.stars);
		ec_table_addv(&t, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]);
	}
	rc = ec_table_write(&t, format, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
	ec_table_release(&t);
	if (format == EC_FMT_TABLE) {
		ec_table_init(&e, 3, enames, ekinds);
		ec_store_cluster_indicator_each(s, c.code, entered_row, &e);
		if (e.nrows) {
			printf("\nentered by year (the four projects):\n");
			ec_table_write(&e, format, stdout);
		}
		ec_table_release(&e);
	}
	free(member);
	ec_cluster_data_release(&d);
	(void)a;
	return rc;
}

int cmd_cluster(struct cli_args *a)
{
	static const char *const names[] = { "code", "tier", "name_zh", "name_en", "regions", "categories", "parent",
					     "founded" };
	static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT,
						  EC_COL_TEXT, EC_COL_TEXT, EC_COL_TEXT, EC_COL_NUMBER };
	const char *verb = a->positional[0], *arg = a->npositional > 1 ? a->positional[1] : NULL;
	struct ec_store *s = NULL;
	struct ec_catalog cat;
	enum ec_format format;
	int rc, readonly;

	static const char *const verbs[] = { "add", "edit", "list", "show", "import", "export", "discover", "evaluate" };
	int known = 0;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		known |= strcmp(verb, verbs[i]) == 0;
	if (!known)
		return cli_usage(a, "'%s': expected add, edit, list, show, import, export, discover or evaluate", verb);
	if ((!strcmp(verb, "add") || !strcmp(verb, "edit") || !strcmp(verb, "show") || !strcmp(verb, "import") ||
	     !strcmp(verb, "export")) && !arg)
		return cli_usage(a, "%s: missing %s", verb,
				 !strcmp(verb, "import") ? "clusters|members|indicators FILE" :
				 !strcmp(verb, "export") ? "clusters|members|indicators" : "the cluster CODE");
	if ((rc = cli_format(a, &format)) != EC_EXIT_OK)
		return rc;
	if (!strcmp(verb, "add") || !strcmp(verb, "edit"))
		return change(a, arg, !strcmp(verb, "add"));
	readonly = !strcmp(verb, "list") || !strcmp(verb, "show") || !strcmp(verb, "export") ||
		   !strcmp(verb, "discover");
	if ((rc = cli_open_store(a, readonly ? EC_STORE_READONLY : 0, &s)) != EC_EXIT_OK)
		return rc;
	if ((rc = cli_load_catalog(s, &cat)) != EC_EXIT_OK) {
		ec_store_close(s);
		return rc;
	}
	if (!strcmp(verb, "add") || !strcmp(verb, "edit")) {
		rc = change(a, arg, !strcmp(verb, "add"));	} else if (!strcmp(verb, "list")) {
		struct ec_table t;
		struct lister l = { &t, -1 };
		if (cli_opt(a, "tier") && (l.tier = ec_tier_parse(cli_opt(a, "tier"))) < 0) {
			rc = cli_usage(a, "--tier '%s': expected base, cluster or ecosystem", cli_opt(a, "tier"));
		} else {
			ec_table_init(&t, 8, names, kinds);
			if (ec_store_cluster_each(s, list_row, &l) != EC_OK)
				rc = cli_fail(EC_EXIT_IO, "%s", ec_store_errmsg(s));
			else
				rc = ec_table_write(&t, format, stdout) ? EC_EXIT_IO : EC_EXIT_OK;
			ec_table_release(&t);
		}
	} else if (!strcmp(verb, "show")) {
		rc = show(a, s, &cat, arg, format);
	} else if (!strcmp(verb, "import")) {
		rc = a->npositional < 3 ? cli_usage(a, "import %s: missing FILE", arg)
					: cli_import(a, ec_app_cluster_import, arg, a->positional[2]);
	} else if (!strcmp(verb, "export")) {
		rc = cli_export(a, ec_app_cluster_export, arg);
	} else if (!strcmp(verb, "discover")) {
		rc = cluster_discover(a, s, &cat);
	} else {
		rc = cluster_evaluate(a, s, &cat);
	}
	ec_catalog_release(&cat);
	ec_store_close(s);
	return rc;
}
