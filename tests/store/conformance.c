/*
** The store's conformance suite: every call of echelon/store.h, refused
** writes and rollbacks included, against whichever backend the URI prefix
** in EC_STORE_URI_PREFIX names, with a fresh empty store per case. It talks
** to the store only through echelon/store.h, so a new backend (PostgreSQL,
** store_pg.c) must pass these same cases. See tests/store/README.md.
*/
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <libpq-fe.h>

#include "echelon/store.h"
#include "echelon/uscc.h"
#include "../unit/testdb.h"

#define URI_MAX 1024

/* ---- where a case's store lives ---- */

static const char *uri_prefix;

static int is_postgres(const char *uri)
{
	return strncmp(uri, "postgres://", 11) == 0 || strncmp(uri, "postgresql://", 13) == 0;
}

/* Creates dir and its missing parents. Returns 0, or -1 with errno. */
static int make_dirs(const char *dir)
{
	char path[URI_MAX];

	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
		return -1;
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

/* struct NAME_list, up to cap copies of T, and collect_NAME, the store's
** callback that fills it. */
#define COPY_LIST(name, T, cap)                                   \
	struct name##_list {                                      \
		T items[cap];                                     \
		int n;                                            \
	};                                                        \
	static int collect_##name(void *ctx, const T *x)          \
	{                                                         \
		struct name##_list *l = ctx;                      \
		assert_true(l->n < (cap));                        \
		l->items[l->n++] = *x;                            \
		return 0;                                         \
	}

/* The fresh schema of a case on PostgreSQL (fresh_store_uri below). */
static int fresh_pg_schema(const char *name, char *uri, size_t size)
{
	char schema[64], sql[256];
	unsigned hash = 5381;
	size_t n = 0;
	PGconn *conn;
	PGresult *res;
	int ok;

	for (const char *p = name; *p; p++) {
		hash = hash * 33 + (unsigned char)*p;
		if (n < 40)
			schema[n++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a')
				    : ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) ? *p : '_';
	}
	snprintf(schema + n, sizeof schema - n, "_%08x", hash);
	conn = PQconnectdb(uri_prefix);
	if (PQstatus(conn) != CONNECTION_OK) {
		fprintf(stderr, "conformance: %s: %s", uri_prefix, PQerrorMessage(conn));
		PQfinish(conn);
		return -1;
	}
	snprintf(sql, sizeof sql, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s",
		 schema, schema);
	res = PQexec(conn, sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "conformance: %s: %s", schema, PQresultErrorMessage(res));
	PQclear(res);
	PQfinish(conn);
	if (!ok)
		return -1;
	if (snprintf(uri, size, "%s%soptions=-csearch_path%%3D%s", uri_prefix, strchr(uri_prefix, '?') ? "&" : "?",
		     schema) >= (int)size) {
		fprintf(stderr, "conformance: %s: the prefix is too long\n", uri_prefix);
		return -1;
	}
	return 0;
}

/* Writes into uri the URI of a fresh, empty store named name (a case's
** name), made from the prefix in EC_STORE_URI_PREFIX. This is the ONE
** function of the suite that knows how a backend names its stores; a new
** backend changes only this:
**
**   SQLite: the prefix is a directory (created when missing) and the store
**   is the file PREFIX/NAME.db, removed first with its -wal and -shm.
**
**   PostgreSQL: the prefix is a server URI (postgres://...); a fresh store
**   is a fresh schema: drop schema NAME if it exists, create it, and hand
**   back the prefix with the schema as search path
**   ("PREFIX?options=-csearch_path%3DNAME", or &options= when the prefix
**   has a query already). NAME is the case's name in lower case, letters,
**   digits and _, shortened with a hash to fit PostgreSQL's 63 bytes.
**
** The store is not created here: the case opens it with EC_STORE_CREATE.
** Returns 0, or -1 with a message on stderr. */
static int fresh_store_uri(const char *name, char *uri, size_t size)
{
	if (is_postgres(uri_prefix))
		return fresh_pg_schema(name, uri, size);
	if (make_dirs(uri_prefix) != 0) {
		fprintf(stderr, "conformance: %s: cannot create the directory: %s\n", uri_prefix, strerror(errno));
		return -1;
	}
	if (snprintf(uri, size, "%s/%s.db", uri_prefix, name) >= (int)size) {
		fprintf(stderr, "conformance: %s: the prefix is too long\n", uri_prefix);
		return -1;
	}
	testdb_remove(uri);
	return 0;
}

/* Opens a fresh empty store named name. */
static struct ec_store *open_fresh(const char *name, char *uri, size_t size)
{
	struct ec_store *s = NULL;
	char *err = NULL;

	assert_int_equal(fresh_store_uri(name, uri, size), 0);
	if (ec_store_open(uri, EC_STORE_CREATE, &s, &err) != EC_OK)
		fail_msg("%s: %s", uri, err ? err : "(no message)");
	assert_non_null(s);
	assert_null(err);
	return s;
}

/* Opens another connection to an existing store. */
static struct ec_store *open_again(const char *uri, int flags)
{
	struct ec_store *s = NULL;
	char *err = NULL;

	if (ec_store_open(uri, flags, &s, &err) != EC_OK)
		fail_msg("%s: %s", uri, err ? err : "(no message)");
	assert_non_null(s);
	return s;
}

struct fixture {
	char uri[URI_MAX];
	struct ec_store *s; /* opened fresh by setup, closed by teardown */
};

/* The case's name comes in as the initial state (CASE below). */
static int setup(void **state)
{
	const char *name = *state;
	struct fixture *fx = ec_calloc(1, sizeof *fx);

	fx->s = open_fresh(name, fx->uri, sizeof fx->uri);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	ec_store_close(fx->s);
	free(fx);
	return 0;
}

/* ---- deviations: behaviour of a backend known to break the contract ----
**
** EC_STORE_KNOWN_DEVIATIONS lists, ','-separated, the names of deviations
** that the backend under test is known to have (reported, not yet mended).
** A case written to the contract that finds a listed deviation is skipped
** with a message instead of failing; finding an unlisted deviation fails,
** and so does a listed one that is gone (take it off the list). */

static int deviation_listed(const char *name)
{
	const char *list = getenv("EC_STORE_KNOWN_DEVIATIONS");
	size_t n = strlen(name);

	for (const char *p = list ? list : ""; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

static void conform(int ok, const char *deviation, const char *what)
{
	if (ok && deviation_listed(deviation))
		fail_msg("deviation %s is listed in EC_STORE_KNOWN_DEVIATIONS but the store now keeps the contract: "
			 "take it off the list", deviation);
	if (ok)
		return;
	if (deviation_listed(deviation)) {
		print_message("[ KNOWN    ] deviation %s: %s\n", deviation, what);
		skip();
	}
	fail_msg("%s: %s", deviation, what);
}

/* ---- small helpers ---- */

#define assert_double_exact(a, b)                                                                    \
	do {                                                                                         \
		double a_ = (a), b_ = (b);                                                           \
		if (!(a_ == b_ || (isnan(a_) && isnan(b_))))                                         \
			fail_msg("%s = %.17g, expected %.17g", #a, a_, b_);                          \
	} while (0)

#define assert_failed(expr)                                                                          \
	do {                                                                                         \
		int rc_ = (expr);                                                                    \
		if (rc_ >= 0)                                                                        \
			fail_msg("%s returned %d, expected a refusal (< 0)", #expr, rc_);            \
	} while (0)

/* An 18-character USCC with a right check character. */
static void make_uscc(char out[EC_USCC_LEN + 1], const char *region, int serial)
{
	char body[64];

	snprintf(body, sizeof body, "91%.6s%09d", region, serial % 1000000000);
	body[17] = ec_uscc_check_char(body);
	body[18] = '\0';
	memcpy(out, body, EC_USCC_LEN + 1);
}

/* The token hash of session i: 64 characters, as a hex SHA-256 is. */
static void token(char out[65], int i)
{
	snprintf(out, 65, "%064d", i);
}

#define NTOKENS 16 /* tokens 0..NTOKENS-1 are the ones the cases use */

static int period(int year, int month)
{
	return ec_period_make(year, month);
}

/* 1 when at reads as a UTC time in ISO 8601: YYYY-MM-DDTHH:MM:SS then Z or +00:00. */
static int iso_utc(const char *at)
{
	size_t n = strlen(at);

	if (n < 20 || at[4] != '-' || at[7] != '-' || (at[10] != 'T' && at[10] != ' ') || at[13] != ':' ||
	    at[16] != ':')
		return 0;
	return at[n - 1] == 'Z' || (n >= 6 && strcmp(at + n - 6, "+00:00") == 0);
}

/* ---- the catalogue the cases share: small, every kind, NaN coordinates ---- */

struct code_row {
	const char *code;
	int level;
	const char *parent, *name_zh, *name_en;
};

static const struct code_row industry_rows[] = {
	{ "C", 1, "", "制造业", "Manufacturing" },
	{ "27", 2, "C", "医药制造业", "Manufacture of medicines" },
	{ "271", 3, "27", "化学药品原料药制造", "Chemical active ingredients" },
	{ "2710", 4, "271", "化学药品原料药制造", "Chemical active ingredients" },
	{ "39", 2, "C", "计算机、通信和其他电子设备制造业", "Computers, communication and other electronics" },
	{ "391", 3, "39", "计算机制造", "Computers" },
	{ "3911", 4, "391", "计算机整机制造", "Whole computers" },
	{ "3912", 4, "391", "计算机零部件制造", "Computer parts" },
};

static const struct code_row category_rows[] = {
	{ "1", 1, "", "新一代信息技术产业", "Next-generation information technology" },
	{ "1.1", 2, "1", "下一代信息网络产业", "Next-generation networks" },
	{ "1.1.1", 3, "1.1", "网络设备制造", "Network equipment" },
	{ "1.1.2", 3, "1.1", "新型计算机及信息终端设备制造", "New computers and terminals" },
	{ "1.10", 2, "1", "测试方向", "A direction whose code extends 1.1" },
	{ "1.10.1", 3, "1.10", "测试子方向", "A sub-direction under 1.10" },
	{ "4", 1, "", "生物产业", "Biotechnology" },
	{ "4.1", 2, "4", "生物医药产业", "Biomedicine" },
	{ "4.1.1", 3, "4.1", "生物药品制品制造", "Biological medicines" },
};

struct region_row {
	const char *code;
	int level;
	const char *parent, *name_zh, *name_en;
	double lat, lon;
};

static const struct region_row region_rows[] = {
	{ "310000", 1, "", "上海市", "Shanghai", 31.230416, 121.473701 },
	{ "320000", 1, "", "江苏省", "Jiangsu", 32.0603, 118.7969 },
	{ "320500", 2, "320000", "苏州市", "Suzhou", 31.298886, 120.585316 },
	{ "320506", 3, "320500", "吴中区", "Wuzhong", NAN, NAN },
	{ "320583", 3, "320500", "昆山市", "Kunshan", 31.385598, NAN },
};

static const struct ec_mapping mapping_rows[] = {
	{ "1.1.1", "3911", 0 },
	{ "1.1.2", "3912", 1 },
	{ "4.1.1", "3912", 0 },
	{ "1.10.1", "2710", 0 },
};

#define NROWS(a) (sizeof(a) / sizeof((a)[0]))

static void fixture_catalog(struct ec_catalog *cat)
{
	ec_catalog_init(cat);
	for (size_t i = 0; i < NROWS(industry_rows); i++) {
		struct ec_industry in = { 0 };
		snprintf(in.code, sizeof in.code, "%s", industry_rows[i].code);
		in.level = industry_rows[i].level;
		snprintf(in.parent, sizeof in.parent, "%s", industry_rows[i].parent);
		in.name_zh = (char *)industry_rows[i].name_zh;
		in.name_en = (char *)industry_rows[i].name_en;
		ec_catalog_add_industry(cat, &in);
	}
	for (size_t i = 0; i < NROWS(region_rows); i++) {
		struct ec_region r = { 0 };
		snprintf(r.code, sizeof r.code, "%s", region_rows[i].code);
		r.level = region_rows[i].level;
		snprintf(r.parent, sizeof r.parent, "%s", region_rows[i].parent);
		r.name_zh = (char *)region_rows[i].name_zh;
		r.name_en = (char *)region_rows[i].name_en;
		r.lat = region_rows[i].lat;
		r.lon = region_rows[i].lon;
		ec_catalog_add_region(cat, &r);
	}
	for (size_t i = 0; i < NROWS(category_rows); i++) {
		struct ec_category c = { 0 };
		snprintf(c.code, sizeof c.code, "%s", category_rows[i].code);
		c.level = category_rows[i].level;
		snprintf(c.parent, sizeof c.parent, "%s", category_rows[i].parent);
		c.name_zh = (char *)category_rows[i].name_zh;
		c.name_en = (char *)category_rows[i].name_en;
		ec_catalog_add_category(cat, &c);
	}
	for (size_t i = 0; i < NROWS(mapping_rows); i++)
		ec_catalog_add_mapping(cat, &mapping_rows[i]);
	ec_catalog_index(cat);
}

/* Writes cat through the single-row calls, parents first, seq = position. */
static void put_catalog(struct ec_store *s, const struct ec_catalog *cat)
{
	for (size_t i = 0; i < cat->nindustries; i++)
		assert_int_equal(ec_store_industry_put(s, &cat->industries[i], (int)i), EC_OK);
	for (size_t i = 0; i < cat->nregions; i++)
		assert_int_equal(ec_store_region_put(s, &cat->regions[i], (int)i), EC_OK);
	for (size_t i = 0; i < cat->ncategories; i++)
		assert_int_equal(ec_store_category_put(s, &cat->categories[i], (int)i), EC_OK);
	for (size_t i = 0; i < cat->nmappings; i++)
		assert_int_equal(ec_store_mapping_put(s, &cat->mappings[i], (int)i), EC_OK);
}

/* ---- the records the cases share ---- */

struct enterprise_row {
	const char *name, *industry, *region;
	double lat, lon;
	const char *founded, *declared, *primary;
};

/* Primary categories as the fixture catalogue classifies them. */
static const struct enterprise_row enterprise_rows[] = {
	{ "苏州纳米材料有限公司", "3911", "320506", 31.2712345678901, 120.62, "2015-03-02", "", "1.1.1" },
	{ "Suzhou_Photonics Co., Ltd.", "3912", "320500", NAN, NAN, "", "1.1.2", "1.1.2" },
	{ "上海电池科技有限公司", "2710", "310115", 31.19, 121.5, "2009-11-30", "", "1.10.1" },
	{ "SuzhouXPhotonics Co., Ltd.", "3912", "320583", 31.385598, NAN, "2020-01-01", "", "4.1.1" },
	{ "无锡纳米科技有限公司", "C", "320200", NAN, 120.3, "", "", "" },
};

#define NENTERPRISES ((int)NROWS(enterprise_rows))

static void make_enterprise(struct ec_enterprise *e, int i)
{
	const struct enterprise_row *r = &enterprise_rows[i];

	memset(e, 0, sizeof *e);
	make_uscc(e->uscc, r->region, i + 1);
	snprintf(e->name, sizeof e->name, "%s", r->name);
	snprintf(e->industry, sizeof e->industry, "%s", r->industry);
	snprintf(e->region, sizeof e->region, "%s", r->region);
	e->lat = r->lat;
	e->lon = r->lon;
	snprintf(e->founded, sizeof e->founded, "%s", r->founded);
	snprintf(e->sei_categories, sizeof e->sei_categories, "%s", r->declared);
	snprintf(e->sei_primary, sizeof e->sei_primary, "%s", r->primary);
}

static void make_report(struct ec_report *r, int64_t enterprise_id, int when, int k)
{
	memset(r, 0, sizeof *r);
	r->enterprise_id = enterprise_id;
	r->period = when;
	r->revenue = 1234.5678901234567 + k;
	r->output = 2000.125 * (k + 1);
	r->value_added = -17.75 + k; /* a loss is a value too */
	r->employees = INT64_C(5000000000) + k; /* past 32 bits */
	r->rd_expense = 0.1 + k;
	r->patents = INT64_C(4294967297) + k;
	r->investment = 1e12 + k;
	r->exports = 0;
}

static void make_user(struct ec_user *u, const char *name, enum ec_role role, const char *scope, int disabled)
{
	memset(u, 0, sizeof *u);
	snprintf(u->name, sizeof u->name, "%s", name);
	snprintf(u->password_hash, sizeof u->password_hash,
		 "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$%s-hash", name);
	u->role = role;
	snprintf(u->scope, sizeof u->scope, "%s", scope);
	u->disabled = disabled;
}

static void make_session(struct ec_session *se, int i, int64_t user_id, int64_t created_at, int64_t expires_at)
{
	memset(se, 0, sizeof *se);
	token(se->token_hash, i);
	se->user_id = user_id;
	snprintf(se->csrf_token, sizeof se->csrf_token, "csrf-%d-%s", i, "0123456789abcdef0123456789abcdef");
	se->created_at = created_at;
	se->expires_at = expires_at;
}

static void make_cluster(struct ec_cluster *c, const char *code, enum ec_tier tier, const char *parent,
			 const char *name_en)
{
	memset(c, 0, sizeof *c);
	snprintf(c->code, sizeof c->code, "%s", code);
	snprintf(c->name_zh, sizeof c->name_zh, "苏州纳米新材料集群 %s", code);
	snprintf(c->name_en, sizeof c->name_en, "%s", name_en);
	c->tier = tier;
	snprintf(c->parent, sizeof c->parent, "%s", parent);
	snprintf(c->regions, sizeof c->regions, "%s", "320500;320583");
	snprintf(c->categories, sizeof c->categories, "%s", "1.1;4.1.1");
	snprintf(c->agency, sizeof c->agency, "%s", "苏州市工业和信息化局");
	c->founded = 2019;
	snprintf(c->source, sizeof c->source, "%s", "MIIT 2019 list");
}

/* P-001 has every array; P-002 none. */
static void make_project(struct ec_project *p, const char *code, int full)
{
	ec_project_init(p);
	snprintf(p->code, sizeof p->code, "%s", code);
	snprintf(p->name, sizeof p->name, "纳米材料中试基地 %s", code);
	make_uscc(p->owner, "320506", 1);
	snprintf(p->category, sizeof p->category, "%s", "1.1.1");
	snprintf(p->cluster, sizeof p->cluster, "%s", full ? "SZ-NANO" : "");
	snprintf(p->region, sizeof p->region, "%s", "320506");
	p->kind = full ? EC_KIND_INNOVATION_CAPABILITY : EC_KIND_INDUSTRIAL;
	p->total_investment = full ? 120000.5 : 8000;
	p->start = period(2023, 1);
	p->end = period(2025, 12);
	p->stage = full ? EC_STAGE_UNDER_CONSTRUCTION : EC_STAGE_RESERVE;
	for (int k = 0; k < EC_NSOURCES; k++)
		p->funding[k] = full ? 10000.25 * (k + 1) : 0;
	p->land_mu = full ? 35.5 : 0;
	p->energy_tce = full ? 1200.125 : 0;
	if (!full)
		return;
	p->nplan = 3;
	p->plan = ec_malloc(p->nplan * sizeof *p->plan);
	p->plan[0] = (struct ec_plan_point){ period(2023, 6), 0.2 };
	p->plan[1] = (struct ec_plan_point){ period(2024, 6), 0.6 };
	p->plan[2] = (struct ec_plan_point){ period(2025, 12), 1.0 };
	p->ncompleted = 2;
	p->completed = ec_malloc(p->ncompleted * sizeof *p->completed);
	p->completed[0] = (struct ec_month_amount){ period(2023, 3), 1500.5 };
	p->completed[1] = (struct ec_month_amount){ period(2023, 4), 2500 };
	p->nrevisions = 1;
	p->revisions = ec_malloc(p->nrevisions * sizeof *p->revisions);
	memset(p->revisions, 0, sizeof *p->revisions);
	p->revisions[0].period = period(2023, 5);
	p->revisions[0].old_total = 100000;
	p->revisions[0].new_total = 120000.5;
	snprintf(p->revisions[0].reason, sizeof p->revisions[0].reason, "%s", "扩建二期厂房");
}

static void make_fund(struct ec_fund *f, const char *code, int variant)
{
	ec_fund_init(f);
	snprintf(f->code, sizeof f->code, "%s", code);
	snprintf(f->name, sizeof f->name, "苏州天使投资基金 %s", code);
	f->type = variant ? EC_FUND_BANK : EC_FUND_VC_PE;
	f->capital = variant ? 1e6 : 500000.5;
	snprintf(f->categories, sizeof f->categories, "%s", variant ? "" : "1;4.1");
	snprintf(f->regions, sizeof f->regions, "%s", variant ? "" : "3205;31");
	f->stages = variant ? 0 : (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION);
	f->min_ticket = 1000;
	f->max_ticket = variant ? 200000 : 50000.5;
	f->max_share = variant ? 1 : 0.3;
	f->coinvest = variant ? EC_COINVEST_NONE : EC_COINVEST_REQUIRES_GOVERNMENT;
	f->min_digital_level = variant ? 0 : 3;
}

/* What seed() writes, for the cases to look up. */
struct seeded {
	int64_t enterprise_id[NENTERPRISES];
	char uscc[NENTERPRISES][EC_USCC_LEN + 1];
	struct ec_user alice, bob;
	int64_t now;
};

/* Fills a store with a little of everything through the single-row calls
** (no transaction of its own, so that a case may wrap it in one): the
** catalogue, enterprises, reports, deflators, the import log, users,
** sessions, clusters with rules and indicators, projects, funds, audit. */
static void seed(struct ec_store *s, struct seeded *out)
{
	struct ec_catalog cat;
	struct ec_report r;
	struct ec_session se;
	struct ec_cluster c;
	struct ec_project p;
	struct ec_fund f;

	memset(out, 0, sizeof *out);
	out->now = 1700000000;
	fixture_catalog(&cat);
	put_catalog(s, &cat);
	ec_catalog_release(&cat);
	for (int i = 0; i < NENTERPRISES; i++) {
		struct ec_enterprise e;
		make_enterprise(&e, i);
		assert_int_equal(ec_store_enterprise_put(s, &e), EC_OK);
		out->enterprise_id[i] = e.id;
		memcpy(out->uscc[i], e.uscc, sizeof out->uscc[i]);
	}
	for (int i = 0; i < 3; i++)
		for (int m = 1; m <= 2; m++) {
			make_report(&r, out->enterprise_id[i], period(2023, m), i * 10 + m);
			assert_int_equal(ec_store_report_put(s, &r), EC_OK);
		}
	assert_int_equal(ec_store_deflator_put(s, &(struct ec_deflator){ "39", period(2023, 1), 101.5 }), EC_OK);
	assert_int_equal(ec_store_deflator_put(s, &(struct ec_deflator){ "27", period(2023, 1), 99.25 }), EC_OK);
	{
		struct ec_import_log l = { .file = "reports-2023-01.csv", .kind = "reports", .rows = 6 };
		snprintf(l.sha256, sizeof l.sha256, "%064d", 7);
		assert_int_equal(ec_store_import_log_add(s, &l), EC_OK);
		l.file = "enterprises.csv";
		l.kind = "enterprises";
		l.rows = 5;
		assert_int_equal(ec_store_import_log_add(s, &l), EC_OK);
	}
	make_user(&out->alice, "alice", EC_ROLE_ADMIN, "", 0);
	assert_int_equal(ec_store_user_add(s, &out->alice), EC_OK);
	make_user(&out->bob, "bob", EC_ROLE_AGENCY, "320500;310000", 0);
	assert_int_equal(ec_store_user_add(s, &out->bob), EC_OK);
	make_session(&se, 0, out->alice.id, out->now, out->now + 3600);
	assert_int_equal(ec_store_session_put(s, &se), EC_OK);
	make_session(&se, 1, out->alice.id, out->now - 7200, out->now - 3600);
	assert_int_equal(ec_store_session_put(s, &se), EC_OK);
	make_session(&se, 2, out->bob.id, out->now, out->now + 60);
	assert_int_equal(ec_store_session_put(s, &se), EC_OK);
	make_cluster(&c, "SZ-NANO", EC_TIER_CLUSTER, "", "Suzhou nano materials");
	assert_int_equal(ec_store_cluster_put(s, &c), EC_OK);
	make_cluster(&c, "SZ-NANO-B1", EC_TIER_BASE, "SZ-NANO", "Suzhou nano base");
	assert_int_equal(ec_store_cluster_put(s, &c), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(s, "SZ-NANO", out->uscc[0], 1), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(s, "SZ-NANO", out->uscc[1], 0), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(s, "SZ-NANO-B1", out->uscc[0], 1), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(s, "SZ-NANO", 2022, "platforms", 3), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(s, "SZ-NANO", 2023, "platforms", 4), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(s, "SZ-NANO-B1", 2023, "talent", 12.5), EC_OK);
	make_project(&p, "P-001", 1);
	assert_int_equal(ec_store_project_put(s, &p), EC_OK);
	ec_project_release(&p);
	make_project(&p, "P-002", 0);
	assert_int_equal(ec_store_project_put(s, &p), EC_OK);
	make_fund(&f, "F-01", 0);
	assert_int_equal(ec_store_fund_put(s, &f), EC_OK);
	make_fund(&f, "F-02", 1);
	assert_int_equal(ec_store_fund_put(s, &f), EC_OK);
	assert_int_equal(ec_store_audit_add(s, &(struct ec_audit){ .user = "alice", .action = "user.add",
								   .target = "bob", .summary = "role agency" }),
			 EC_OK);
	assert_int_equal(ec_store_audit_add(s, &(struct ec_audit){ .user = "bob", .action = "import",
								   .target = "reports", .summary = "6 rows" }),
			 EC_OK);
}

/* ---- a store's whole content as text, through every iterator ----
**
** Two dumps of stores holding the same data are equal. Sessions have no
** iterator: the dump looks up every token the cases use. */

static void add_num(struct ec_buf *b, double v)
{
	if (isnan(v))
		ec_buf_adds(b, " NaN");
	else
		ec_buf_printf(b, " %.17g", v);
}

static int dump_enterprise(void *ctx, const struct ec_enterprise *e)
{
	struct ec_buf *b = ctx;

	ec_buf_printf(b, "enterprise %lld %s %s %s %s", (long long)e->id, e->uscc, e->name, e->industry, e->region);
	add_num(b, e->lat);
	add_num(b, e->lon);
	ec_buf_printf(b, " [%s] [%s] [%s]\n", e->founded, e->sei_categories, e->sei_primary);
	return 0;
}

static int dump_report(void *ctx, const struct ec_report *r)
{
	struct ec_buf *b = ctx;

	ec_buf_printf(b, "report %lld %d", (long long)r->enterprise_id, r->period);
	add_num(b, r->revenue);
	add_num(b, r->output);
	add_num(b, r->value_added);
	ec_buf_printf(b, " %lld", (long long)r->employees);
	add_num(b, r->rd_expense);
	ec_buf_printf(b, " %lld", (long long)r->patents);
	add_num(b, r->investment);
	add_num(b, r->exports);
	ec_buf_addc(b, '\n');
	return 0;
}

static int dump_deflator(void *ctx, const struct ec_deflator *d)
{
	struct ec_buf *b = ctx;

	ec_buf_printf(b, "deflator %s %d", d->division, d->period);
	add_num(b, d->ppi_yoy);
	ec_buf_addc(b, '\n');
	return 0;
}

static int dump_import_log(void *ctx, const struct ec_import_log *l)
{
	ec_buf_printf(ctx, "import %lld %s %s %s %lld %s\n", (long long)l->id, l->at, l->file, l->kind,
		      (long long)l->rows, l->sha256);
	return 0;
}

static int dump_user(void *ctx, const struct ec_user *u)
{
	ec_buf_printf(ctx, "user %lld %s %s %d [%s] %d %s\n", (long long)u->id, u->name, u->password_hash, (int)u->role,
		      u->scope, u->disabled, u->created_at);
	return 0;
}

static int dump_cluster(void *ctx, const struct ec_cluster *c)
{
	ec_buf_printf(ctx, "cluster %s %s %s %d [%s] %s %s %s %d %s\n", c->code, c->name_zh, c->name_en, (int)c->tier,
		      c->parent, c->regions, c->categories, c->agency, c->founded, c->source);
	return 0;
}

static int dump_member(void *ctx, const char *cluster, const char *uscc, int include)
{
	ec_buf_printf(ctx, "member %s %s %d\n", cluster, uscc, include);
	return 0;
}

static int dump_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	ec_buf_printf(ctx, "indicator %s %d %s", cluster, year, indicator);
	add_num(ctx, value);
	ec_buf_addc(ctx, '\n');
	return 0;
}

static void dump_project_into(struct ec_buf *b, const struct ec_project *p)
{
	ec_buf_printf(b, "project %s %s %s %s [%s] %s %d", p->code, p->name, p->owner, p->category, p->cluster,
		      p->region, (int)p->kind);
	add_num(b, p->total_investment);
	ec_buf_printf(b, " %d %d %d", p->start, p->end, (int)p->stage);
	for (int k = 0; k < EC_NSOURCES; k++)
		add_num(b, p->funding[k]);
	add_num(b, p->land_mu);
	add_num(b, p->energy_tce);
	ec_buf_adds(b, "\n plan");
	for (size_t i = 0; i < p->nplan; i++) {
		ec_buf_printf(b, " %d", p->plan[i].period);
		add_num(b, p->plan[i].share);
	}
	ec_buf_adds(b, "\n completed");
	for (size_t i = 0; i < p->ncompleted; i++) {
		ec_buf_printf(b, " %d", p->completed[i].period);
		add_num(b, p->completed[i].amount);
	}
	ec_buf_adds(b, "\n revisions");
	for (size_t i = 0; i < p->nrevisions; i++) {
		ec_buf_printf(b, " %d", p->revisions[i].period);
		add_num(b, p->revisions[i].old_total);
		add_num(b, p->revisions[i].new_total);
		ec_buf_printf(b, " [%s]", p->revisions[i].reason);
	}
	ec_buf_addc(b, '\n');
}

static int dump_project(void *ctx, const struct ec_project *p)
{
	dump_project_into(ctx, p);
	return 0;
}

static void dump_fund_into(struct ec_buf *b, const struct ec_fund *f)
{
	ec_buf_printf(b, "fund %s %s %d", f->code, f->name, (int)f->type);
	add_num(b, f->capital);
	ec_buf_printf(b, " [%s] [%s] %u", f->categories, f->regions, f->stages);
	add_num(b, f->min_ticket);
	add_num(b, f->max_ticket);
	add_num(b, f->max_share);
	ec_buf_printf(b, " %d %d\n", (int)f->coinvest, f->min_digital_level);
}

static int dump_fund(void *ctx, const struct ec_fund *f)
{
	dump_fund_into(ctx, f);
	return 0;
}

static int dump_audit(void *ctx, const struct ec_audit *a)
{
	ec_buf_printf(ctx, "audit %lld %s %s %s %s %s\n", (long long)a->id, a->at, a->user, a->action, a->target,
		      a->summary);
	return 0;
}

/* The dump, caller frees. */
static char *dump(struct ec_store *s)
{
	struct ec_buf b;
	struct ec_catalog cat;
	struct ec_store_counts n;

	ec_buf_init(&b, 0);
	assert_int_equal(ec_store_counts(s, &n), EC_OK);
	ec_buf_printf(&b, "counts %lld %lld %lld %lld %lld %lld %lld %lld %d %d\n", (long long)n.categories,
		      (long long)n.mappings, (long long)n.industries, (long long)n.regions, (long long)n.enterprises,
		      (long long)n.reports, (long long)n.deflators, (long long)n.imports, n.first_period,
		      n.last_period);
	ec_catalog_init(&cat);
	assert_int_equal(ec_store_catalog_load(s, &cat), EC_OK);
	for (size_t i = 0; i < cat.nindustries; i++)
		ec_buf_printf(&b, "industry %s %d [%s] %s %s\n", cat.industries[i].code, cat.industries[i].level,
			      cat.industries[i].parent, cat.industries[i].name_zh, cat.industries[i].name_en);
	for (size_t i = 0; i < cat.nregions; i++) {
		ec_buf_printf(&b, "region %s %d [%s] %s %s", cat.regions[i].code, cat.regions[i].level,
			      cat.regions[i].parent, cat.regions[i].name_zh, cat.regions[i].name_en);
		add_num(&b, cat.regions[i].lat);
		add_num(&b, cat.regions[i].lon);
		ec_buf_addc(&b, '\n');
	}
	for (size_t i = 0; i < cat.ncategories; i++)
		ec_buf_printf(&b, "category %s %d [%s] %s %s\n", cat.categories[i].code, cat.categories[i].level,
			      cat.categories[i].parent, cat.categories[i].name_zh, cat.categories[i].name_en);
	for (size_t i = 0; i < cat.nmappings; i++)
		ec_buf_printf(&b, "mapping %s %s %d\n", cat.mappings[i].category, cat.mappings[i].industry,
			      cat.mappings[i].partial);
	ec_catalog_release(&cat);
	assert_int_equal(ec_store_enterprise_each(s, dump_enterprise, &b), EC_OK);
	assert_int_equal(ec_store_report_each(s, -1, -1, dump_report, &b), EC_OK);
	assert_int_equal(ec_store_deflator_each(s, -1, -1, dump_deflator, &b), EC_OK);
	assert_int_equal(ec_store_import_log_each(s, dump_import_log, &b), EC_OK);
	assert_int_equal(ec_store_user_each(s, dump_user, &b), EC_OK);
	for (int i = 0; i < NTOKENS; i++) {
		struct ec_session se;
		char t[65];
		int rc;
		token(t, i);
		rc = ec_store_session_get(s, t, &se);
		if (rc == EC_ENOTFOUND)
			continue;
		assert_int_equal(rc, EC_OK);
		ec_buf_printf(&b, "session %s %lld %s %lld %lld\n", se.token_hash, (long long)se.user_id, se.csrf_token,
			      (long long)se.created_at, (long long)se.expires_at);
	}
	assert_int_equal(ec_store_cluster_each(s, dump_cluster, &b), EC_OK);
	assert_int_equal(ec_store_cluster_member_each(s, NULL, dump_member, &b), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_each(s, NULL, dump_indicator, &b), EC_OK);
	assert_int_equal(ec_store_project_each(s, dump_project, &b), EC_OK);
	assert_int_equal(ec_store_fund_each(s, dump_fund, &b), EC_OK);
	assert_int_equal(ec_store_audit_each(s, INT32_MAX, dump_audit, &b), EC_OK);
	return ec_buf_detach(&b, NULL);
}

/* Fails unless the store's dump is want. */
static void assert_dump(struct ec_store *s, const char *want)
{
	char *got = dump(s);

	if (strcmp(got, want) != 0) {
		print_message("store holds:\n%s\nexpected:\n%s\n", got, want);
		free(got);
		fail_msg("the store's content differs from what was expected");
	}
	free(got);
}

/* ---- collecting iterators' output for the cases ---- */

struct lines {
	struct ec_buf b;
	int n;
};

static int collect_member(void *ctx, const char *cluster, const char *uscc, int include)
{
	struct lines *l = ctx;

	ec_buf_printf(&l->b, "%s %s %d\n", cluster, uscc, include);
	l->n++;
	return 0;
}

static int collect_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	struct lines *l = ctx;

	ec_buf_printf(&l->b, "%s %d %s %.17g\n", cluster, year, indicator, value);
	l->n++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines collected, sorted, as one string (for lists whose order the
** contract leaves open). Releases l. Caller frees. */
static char *sorted_lines(struct lines *l)
{
	char *text = ec_buf_detach(&l->b, NULL), **v = ec_calloc((size_t)l->n + 1, sizeof *v);
	struct ec_buf out;
	size_t n = 0;

	for (char *line = text, *end; *line; line = end + 1) {
		end = strchr(line, '\n');
		assert_non_null(end);
		*end = '\0';
		assert_true(n < (size_t)l->n);
		v[n++] = line;
	}
	qsort(v, n, sizeof *v, cmp_str);
	ec_buf_init(&out, 0);
	for (size_t i = 0; i < n; i++)
		ec_buf_printf(&out, "%s\n", v[i]);
	free(v);
	free(text);
	return ec_buf_detach(&out, NULL);
}

static void assert_lines(struct lines *l, const char *want_sorted)
{
	char *got = sorted_lines(l);

	assert_string_equal(got, want_sorted);
	free(got);
}

/* ======================================================================
** Cases
** ====================================================================== */

/* Open with create, the schema version, reopen an existing store. */
static void test_open_create_reopen(void **state)
{
	struct fixture *fx = *state;
	struct ec_store *again;
	struct ec_enterprise e, back;
	struct ec_catalog cat;
	int version = -1;
	char *before;

	assert_int_equal(ec_store_schema_version(fx->s, &version), EC_OK);
	assert_int_equal(version, EC_SCHEMA_VERSION);
	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	ec_catalog_release(&cat);
	make_enterprise(&e, 0);
	assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
	before = dump(fx->s);
	ec_store_close(fx->s);
	fx->s = NULL;

	/* Reopen without flags: the same version and content. */
	fx->s = open_again(fx->uri, 0);
	version = -1;
	assert_int_equal(ec_store_schema_version(fx->s, &version), EC_OK);
	assert_int_equal(version, EC_SCHEMA_VERSION);
	assert_dump(fx->s, before);
	assert_int_equal(ec_store_enterprise_get(fx->s, e.uscc, &back), EC_OK);
	assert_int_equal(back.id, e.id);

	/* EC_STORE_CREATE on an existing store opens it as it is. */
	again = open_again(fx->uri, EC_STORE_CREATE);
	assert_dump(again, before);
	ec_store_close(again);
	free(before);
}

/* A store that does not exist is not made without EC_STORE_CREATE. */
static void test_open_missing_without_create(void **state)
{
	static char sentinel;
	struct ec_store *s = (struct ec_store *)(void *)&sentinel; /* anything but NULL */
	char uri[URI_MAX], *err = NULL;
	(void)state;

	assert_int_equal(fresh_store_uri("open_missing_without_create-absent", uri, sizeof uri), 0);
	assert_true(ec_store_open(uri, 0, &s, &err) < 0);
	assert_null(s);
	assert_non_null(err);
	assert_true(strlen(err) > 0);
	free(err);
	err = NULL;
	s = (struct ec_store *)(void *)&sentinel;
	assert_true(ec_store_open(uri, EC_STORE_READONLY, &s, &err) < 0);
	assert_null(s);
	assert_non_null(err);
	free(err);
}

/* A read-only connection refuses every write, says why, and nothing changes. */
static void test_readonly_refuses_every_write(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_store *ro;
	struct ec_catalog cat, empty;
	struct ec_enterprise e;
	struct ec_report r;
	struct ec_user u;
	struct ec_session se;
	struct ec_cluster c;
	struct ec_project p;
	struct ec_fund f;
	struct ec_import_log l = { .file = "x.csv", .kind = "reports", .rows = 1 };
	struct ec_audit a = { .user = "alice", .action = "x", .target = "y", .summary = "z" };
	struct ec_diag d;
	char *before;
	char t[65];

	seed(fx->s, &sd);
	before = dump(fx->s);
	ro = open_again(fx->uri, EC_STORE_READONLY);
	assert_dump(ro, before);

	fixture_catalog(&cat);
	ec_catalog_init(&empty);
	ec_catalog_index(&empty);
	assert_failed(ec_store_catalog_clear(ro, EC_CAT_REGIONS));
	assert_true(strlen(ec_store_errmsg(ro)) > 0);
	assert_failed(ec_store_catalog_clear(ro, EC_CAT_SEI_MAPPINGS));
	assert_failed(ec_store_industry_put(ro, &(struct ec_industry){ "D", 1, "", "电力", "Power", }, 99));
	assert_failed(ec_store_region_put(ro, &(struct ec_region){ "330000", 1, "", "浙江省", "Zhejiang", NAN, NAN },
					  99));
	assert_failed(ec_store_category_put(ro, &(struct ec_category){ "9", 1, "", "九", "Nine" }, 99));
	assert_failed(ec_store_mapping_put(ro, &(struct ec_mapping){ "1.1.1", "3912", 1 }, 99));
	assert_failed(ec_store_write_catalog(ro, &cat, 0xf));
	make_enterprise(&e, 0);
	snprintf(e.name, sizeof e.name, "%s", "renamed");
	assert_failed(ec_store_enterprise_put(ro, &e));
	make_uscc(e.uscc, "320500", 999);
	assert_failed(ec_store_enterprise_put(ro, &e));
	assert_failed(ec_store_enterprise_reclassify(ro, &empty)); /* would clear every primary */
	make_report(&r, sd.enterprise_id[0], period(2023, 1), 99);
	assert_failed(ec_store_report_put(ro, &r));
	make_report(&r, sd.enterprise_id[0], period(2030, 1), 99);
	assert_failed(ec_store_report_put(ro, &r));
	assert_failed(ec_store_deflator_put(ro, &(struct ec_deflator){ "39", period(2023, 1), 50 }));
	assert_failed(ec_store_import_log_add(ro, &l));
	make_user(&u, "dave", EC_ROLE_ANALYST, "", 0);
	assert_failed(ec_store_user_add(ro, &u));
	u = sd.bob;
	u.disabled = 1;
	assert_failed(ec_store_user_update(ro, &u));
	make_session(&se, 9, sd.alice.id, sd.now, sd.now + 10);
	assert_failed(ec_store_session_put(ro, &se));
	token(t, 0);
	assert_failed(ec_store_session_delete(ro, t));
	assert_failed(ec_store_session_purge(ro, sd.now, sd.alice.id));
	make_cluster(&c, "SZ-NANO", EC_TIER_ECOSYSTEM, "", "renamed");
	assert_failed(ec_store_cluster_put(ro, &c));
	assert_failed(ec_store_cluster_member_put(ro, "SZ-NANO", sd.uscc[2], 1));
	assert_failed(ec_store_cluster_member_put(ro, "SZ-NANO", sd.uscc[0], -1));
	assert_failed(ec_store_cluster_indicator_put(ro, "SZ-NANO", 2022, "platforms", 30));
	make_project(&p, "P-002", 1);
	assert_failed(ec_store_project_put(ro, &p));
	ec_project_release(&p);
	make_fund(&f, "F-03", 0);
	assert_failed(ec_store_fund_put(ro, &f));
	assert_failed(ec_store_audit_add(ro, &a));
	assert_failed(ec_store_job_put(ro, &(struct ec_job){ .id = "j", .kind = "import", .state = "queued" }));
	/* Writing catalogues is a write too. */
	{
		char uri[URI_MAX];
		struct ec_store *empty_rw = open_fresh("readonly_refuses_every_write-empty", uri, sizeof uri), *empty_ro;
		struct ec_catalog builtin;
		char *empty_before = dump(empty_rw);
		empty_ro = open_again(uri, EC_STORE_READONLY);
		ec_catalog_init(&builtin);
		ec_diag_init(&d, 10);
		assert_int_equal(ec_catalog_load_builtin(&builtin, &d), EC_OK);
		assert_failed(ec_store_write_catalog(empty_ro, &builtin, 0xf));
		ec_diag_release(&d);
		ec_catalog_release(&builtin);
		assert_dump(empty_ro, empty_before);
		assert_dump(empty_rw, empty_before);
		ec_store_close(empty_ro);
		ec_store_close(empty_rw);
		free(empty_before);
	}

	/* Nothing changed, seen from either connection; the read-only one still reads. */
	assert_dump(ro, before);
	assert_dump(fx->s, before);
	ec_catalog_release(&cat);
	ec_catalog_release(&empty);
	ec_store_close(ro);
	free(before);
}

/* Every catalogue kind round-trips every field, in the order of seq. */
static void test_catalog_roundtrip(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat, back;
	struct ec_store_counts n;
	size_t nreg = NROWS(region_rows);

	fixture_catalog(&cat);
	for (size_t i = 0; i < cat.nindustries; i++)
		assert_int_equal(ec_store_industry_put(fx->s, &cat.industries[i], (int)i), EC_OK);
	/* Regions are put parents first but numbered backwards: the store
	** hands them back in the order of seq. */
	for (size_t i = 0; i < nreg; i++)
		assert_int_equal(ec_store_region_put(fx->s, &cat.regions[i], (int)(nreg - 1 - i)), EC_OK);
	for (size_t i = 0; i < cat.ncategories; i++)
		assert_int_equal(ec_store_category_put(fx->s, &cat.categories[i], (int)i), EC_OK);
	for (size_t i = 0; i < cat.nmappings; i++)
		assert_int_equal(ec_store_mapping_put(fx->s, &cat.mappings[i], (int)i), EC_OK);

	ec_catalog_init(&back);
	assert_int_equal(ec_store_catalog_load(fx->s, &back), EC_OK);
	assert_int_equal(back.nindustries, cat.nindustries);
	for (size_t i = 0; i < cat.nindustries; i++) {
		assert_string_equal(back.industries[i].code, cat.industries[i].code);
		assert_int_equal(back.industries[i].level, cat.industries[i].level);
		assert_string_equal(back.industries[i].parent, cat.industries[i].parent);
		assert_string_equal(back.industries[i].name_zh, cat.industries[i].name_zh);
		assert_string_equal(back.industries[i].name_en, cat.industries[i].name_en);
	}
	assert_int_equal(back.nregions, nreg);
	for (size_t i = 0; i < nreg; i++) {
		const struct ec_region *want = &cat.regions[nreg - 1 - i], *got = &back.regions[i];
		assert_string_equal(got->code, want->code);
		assert_int_equal(got->level, want->level);
		assert_string_equal(got->parent, want->parent);
		assert_string_equal(got->name_zh, want->name_zh);
		assert_string_equal(got->name_en, want->name_en);
		assert_double_exact(got->lat, want->lat);
		assert_double_exact(got->lon, want->lon);
	}
	assert_int_equal(back.ncategories, cat.ncategories);
	for (size_t i = 0; i < cat.ncategories; i++) {
		assert_string_equal(back.categories[i].code, cat.categories[i].code);
		assert_int_equal(back.categories[i].level, cat.categories[i].level);
		assert_string_equal(back.categories[i].parent, cat.categories[i].parent);
		assert_string_equal(back.categories[i].name_zh, cat.categories[i].name_zh);
		assert_string_equal(back.categories[i].name_en, cat.categories[i].name_en);
	}
	assert_int_equal(back.nmappings, cat.nmappings);
	for (size_t i = 0; i < cat.nmappings; i++) {
		assert_string_equal(back.mappings[i].category, cat.mappings[i].category);
		assert_string_equal(back.mappings[i].industry, cat.mappings[i].industry);
		assert_int_equal(back.mappings[i].partial, cat.mappings[i].partial);
	}
	/* The loaded catalogue is indexed: lookups work. */
	assert_non_null(ec_catalog_find_region(&back, "320506", 6));
	assert_non_null(ec_catalog_find_category(&back, "1.10.1", 6));
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.industries, (int64_t)cat.nindustries);
	assert_int_equal(n.regions, (int64_t)nreg);
	assert_int_equal(n.categories, (int64_t)cat.ncategories);
	assert_int_equal(n.mappings, (int64_t)cat.nmappings);
	ec_catalog_release(&back);
	ec_catalog_release(&cat);
}

/* catalog_clear empties one kind and leaves the others. */
static void test_catalog_clear(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat, back;
	struct ec_store_counts n;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	assert_int_equal(ec_store_catalog_clear(fx->s, EC_CAT_SEI_MAPPINGS), EC_OK);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.mappings, 0);
	assert_int_equal(n.categories, (int64_t)cat.ncategories);
	assert_int_equal(n.industries, (int64_t)cat.nindustries);
	assert_int_equal(n.regions, (int64_t)cat.nregions);
	assert_int_equal(ec_store_catalog_clear(fx->s, EC_CAT_SEI_CATEGORIES), EC_OK);
	assert_int_equal(ec_store_catalog_clear(fx->s, EC_CAT_REGIONS), EC_OK);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.categories, 0);
	assert_int_equal(n.regions, 0);
	assert_int_equal(n.industries, (int64_t)cat.nindustries);
	assert_int_equal(ec_store_catalog_clear(fx->s, EC_CAT_INDUSTRIES), EC_OK);
	ec_catalog_init(&back);
	assert_int_equal(ec_store_catalog_load(fx->s, &back), EC_OK);
	assert_int_equal(back.nindustries + back.nregions + back.ncategories + back.nmappings, 0);
	ec_catalog_release(&back);
	/* Cleared kinds take new entries again; clearing in a transaction and
	** writing anew is what replacing a catalogue does. */
	put_catalog(fx->s, &cat);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	assert_int_equal(ec_store_catalog_clear(fx->s, EC_CAT_SEI_MAPPINGS), EC_OK);
	assert_int_equal(ec_store_mapping_put(fx->s, &cat.mappings[0], 0), EC_OK);
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.mappings, 1);
	ec_catalog_release(&cat);
}

/* write_catalog replaces the kinds asked for and keeps the rest. */
static void test_write_catalogs(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat, other, back;
	char *before;

	fixture_catalog(&cat);
	assert_int_equal(ec_store_write_catalog(fx->s, &cat, 0xf), EC_OK);
	ec_catalog_init(&back);
	assert_int_equal(ec_store_catalog_load(fx->s, &back), EC_OK);
	assert_int_equal(back.nregions, cat.nregions);
	assert_int_equal(back.nmappings, cat.nmappings);
	ec_catalog_release(&back);
	/* Only the regions, replaced by one province. */
	ec_catalog_init(&other);
	ec_catalog_add_region(&other, &(struct ec_region){ "330000", 1, "", "浙江省", "Zhejiang", 30.27, 120.15 });
	ec_catalog_index(&other);
	assert_int_equal(ec_store_write_catalog(fx->s, &other, 1 << EC_CAT_REGIONS), EC_OK);
	ec_catalog_init(&back);
	assert_int_equal(ec_store_catalog_load(fx->s, &back), EC_OK);
	assert_int_equal(back.nregions, 1);
	assert_string_equal(back.regions[0].code, "330000");
	assert_double_exact(back.regions[0].lat, 30.27);
	assert_int_equal(back.nindustries, cat.nindustries);
	assert_int_equal(back.ncategories, cat.ncategories);
	assert_int_equal(back.nmappings, cat.nmappings);
	ec_catalog_release(&back);
	/* Inside a transaction that rolls back, nothing changes. */
	before = dump(fx->s);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	assert_int_equal(ec_store_write_catalog(fx->s, &cat, 0xf), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	assert_dump(fx->s, before);
	free(before);
	ec_catalog_release(&other);
	ec_catalog_release(&cat);
}

static void assert_enterprise_equal(const struct ec_enterprise *got, const struct ec_enterprise *want)
{
	assert_int_equal(got->id, want->id);
	assert_string_equal(got->uscc, want->uscc);
	assert_string_equal(got->name, want->name);
	assert_string_equal(got->industry, want->industry);
	assert_string_equal(got->region, want->region);
	assert_double_exact(got->lat, want->lat);
	assert_double_exact(got->lon, want->lon);
	assert_string_equal(got->founded, want->founded);
	assert_string_equal(got->sei_categories, want->sei_categories);
	assert_string_equal(got->sei_primary, want->sei_primary);
}

COPY_LIST(enterprise, struct ec_enterprise, 16)

/* Enterprises: every field, NaN coordinates, update by USCC keeps the id. */
static void test_enterprise_roundtrip(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat;
	struct ec_enterprise e[NENTERPRISES], got, *full = &e[0];
	struct enterprise_list all = { .n = 0 };
	int64_t id0;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	ec_catalog_release(&cat);
	for (int i = 0; i < NENTERPRISES; i++) {
		make_enterprise(&e[i], i);
		e[i].id = -1;
		assert_int_equal(ec_store_enterprise_put(fx->s, &e[i]), EC_OK);
		assert_true(e[i].id > 0);
		for (int j = 0; j < i; j++)
			assert_true(e[j].id != e[i].id);
	}
	for (int i = 0; i < NENTERPRISES; i++) {
		memset(&got, 0x5a, sizeof got);
		assert_int_equal(ec_store_enterprise_get(fx->s, e[i].uscc, &got), EC_OK);
		assert_enterprise_equal(&got, &e[i]);
	}
	/* Every field at its longest: a name of EC_NAME_MAX bytes of UTF-8. */
	id0 = full->id;
	memset(full->name, 0, sizeof full->name);
	for (size_t k = 0; k + 3 <= EC_NAME_MAX - 2; k += 3)
		memcpy(full->name + k, "纳", 3);
	memcpy(full->name + strlen(full->name), "AB", 3);
	assert_int_equal(strlen(full->name), EC_NAME_MAX);
	snprintf(full->sei_categories, sizeof full->sei_categories, "%s", "1.1.2");
	while (strlen(full->sei_categories) + 6 <= EC_DECLARED_MAX)
		memcpy(full->sei_categories + strlen(full->sei_categories), ";1.1.1", 7);
	snprintf(full->industry, sizeof full->industry, "%s", "3912");
	snprintf(full->region, sizeof full->region, "%s", "320583");
	full->lat = -0.000123456789012345;
	full->lon = 179.99999999999997;
	snprintf(full->founded, sizeof full->founded, "%s", "1999-12-31");
	snprintf(full->sei_primary, sizeof full->sei_primary, "%s", "1.1.2");
	full->id = 0;
	assert_int_equal(ec_store_enterprise_put(fx->s, full), EC_OK);
	assert_int_equal(full->id, id0); /* an update by USCC keeps the id */
	assert_int_equal(ec_store_enterprise_get(fx->s, full->uscc, &got), EC_OK);
	assert_enterprise_equal(&got, full);
	/* And back to NaN. */
	full->lat = NAN;
	full->lon = NAN;
	assert_int_equal(ec_store_enterprise_put(fx->s, full), EC_OK);
	assert_int_equal(ec_store_enterprise_get(fx->s, full->uscc, &got), EC_OK);
	assert_true(isnan(got.lat) && isnan(got.lon));

	assert_int_equal(ec_store_enterprise_each(fx->s, collect_enterprise, &all), EC_OK);
	assert_int_equal(all.n, NENTERPRISES);
	for (int i = 0; i < NENTERPRISES; i++) {
		int found = 0;
		for (int j = 0; j < all.n; j++)
			if (all.items[j].id == e[i].id) {
				assert_enterprise_equal(&all.items[j], &e[i]);
				found++;
			}
		assert_int_equal(found, 1);
	}
	assert_int_equal(ec_store_enterprise_get(fx->s, "91000000000000000X", &got), EC_ENOTFOUND);
}

/* reclassify recomputes every primary category against the catalogue given. */
static void test_enterprise_reclassify(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat, fewer;
	struct ec_enterprise e[NENTERPRISES], got;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	for (int i = 0; i < NENTERPRISES; i++) {
		make_enterprise(&e[i], i);
		snprintf(e[i].sei_primary, sizeof e[i].sei_primary, "%s", "9.9.9"); /* stale */
		assert_int_equal(ec_store_enterprise_put(fx->s, &e[i]), EC_OK);
	}
	assert_int_equal(ec_store_enterprise_reclassify(fx->s, &cat), EC_OK);
	for (int i = 0; i < NENTERPRISES; i++) {
		assert_int_equal(ec_store_enterprise_get(fx->s, e[i].uscc, &got), EC_OK);
		assert_string_equal(got.sei_primary, enterprise_rows[i].primary);
		assert_string_equal(got.name, e[i].name); /* nothing else moves */
		assert_string_equal(got.sei_categories, e[i].sei_categories);
	}
	/* Against a catalogue without the mapping of 3911, the first enterprise
	** is not SEI any more; the others keep theirs. The catalogue given is
	** what counts, not the stored one. */
	ec_catalog_init(&fewer);
	for (size_t i = 0; i < cat.nindustries; i++)
		ec_catalog_add_industry(&fewer, &cat.industries[i]);
	for (size_t i = 0; i < cat.ncategories; i++)
		ec_catalog_add_category(&fewer, &cat.categories[i]);
	for (size_t i = 1; i < cat.nmappings; i++)
		ec_catalog_add_mapping(&fewer, &cat.mappings[i]);
	ec_catalog_index(&fewer);
	assert_int_equal(ec_store_enterprise_reclassify(fx->s, &fewer), EC_OK);
	assert_int_equal(ec_store_enterprise_get(fx->s, e[0].uscc, &got), EC_OK);
	assert_string_equal(got.sei_primary, "");
	for (int i = 1; i < NENTERPRISES; i++) {
		assert_int_equal(ec_store_enterprise_get(fx->s, e[i].uscc, &got), EC_OK);
		assert_string_equal(got.sei_primary, enterprise_rows[i].primary);
	}
	ec_catalog_release(&fewer);
	ec_catalog_release(&cat);
}

/* Runs a query; returns the indexes (into enterprise_rows) of what it gave,
** in its order, as a string "0 2 4" (sorted: as a set), with *total. Checks
** that the enterprises come ordered by id. Caller frees. */
static char *query(struct ec_store *s, const struct seeded *sd, const struct ec_enterprise_filter *f,
		   int64_t offset, int64_t limit, int sorted, int64_t *total)
{
	struct enterprise_list got = { .n = 0 };
	struct ec_buf b;
	int which[16];

	*total = -1;
	assert_int_equal(ec_store_enterprise_query(s, f, offset, limit, collect_enterprise, &got, total), EC_OK);
	for (int i = 0; i < got.n; i++) {
		which[i] = -1;
		for (int j = 0; j < NENTERPRISES; j++)
			if (sd->enterprise_id[j] == got.items[i].id)
				which[i] = j;
		assert_true(which[i] >= 0);
		if (i > 0 && got.items[i - 1].id >= got.items[i].id)
			fail_msg("enterprise_query gave id %lld after %lld: not ordered by id",
				 (long long)got.items[i].id, (long long)got.items[i - 1].id);
	}
	if (sorted)
		for (int i = 1; i < got.n; i++)
			for (int j = i; j > 0 && which[j - 1] > which[j]; j--) {
				int t = which[j];
				which[j] = which[j - 1];
				which[j - 1] = t;
			}
	ec_buf_init(&b, 0);
	for (int i = 0; i < got.n; i++)
		ec_buf_printf(&b, "%s%d", i ? " " : "", which[i]);
	return ec_buf_detach(&b, NULL);
}

/* A filter with the given fields, the rest "any". The above_size fields
** are the application's (the store ignores them); they are set to "any"
** here and only here. */
#define FILTER(...) (&(struct ec_enterprise_filter){ .above_size_year = -1, __VA_ARGS__ })
#define NO_FILTER (&(struct ec_enterprise_filter){ .above_size_year = -1 })

/* The filter gives the enterprises want ("0 2": indexes into
** enterprise_rows, as a set) and a total of as many. */
static void expect_query(struct ec_store *s, const struct seeded *sd, const struct ec_enterprise_filter *f,
			 const char *want, int64_t want_total)
{
	int64_t total;
	char *got = query(s, sd, f, 0, 100, 1, &total);

	if (strcmp(got, want) != 0 || total != want_total)
		fail_msg("query (name '%s', region '%s', category '%s', uscc '%s') gave [%s] of %lld, expected [%s] "
			 "of %lld",
			 f->name_contains ? f->name_contains : "(null)", f->region_prefix ? f->region_prefix : "(null)",
			 f->category ? f->category : "(null)", f->uscc ? f->uscc : "(null)", got, (long long)total,
			 want, (long long)want_total);
	free(got);
}

/* enterprise_query: each filter alone and together (the id lists below). */
static void test_enterprise_query_filters(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_store *s = fx->s;
	char prefix[12];

	seed(s, &sd);
	expect_query(s, &sd, NO_FILTER, "0 1 2 3 4", 5);
	expect_query(s, &sd, FILTER(.name_contains = "", .region_prefix = "", .category = "", .uscc = ""),
		     "0 1 2 3 4", 5);
	/* name_contains: a part of the name, taken literally */
	expect_query(s, &sd, FILTER(.name_contains = "纳米"), "0 4", 2);
	expect_query(s, &sd, FILTER(.name_contains = "Photonics"), "1 3", 2);
	expect_query(s, &sd, FILTER(.name_contains = "_"), "1", 1);
	expect_query(s, &sd, FILTER(.name_contains = "%"), "", 0);
	expect_query(s, &sd, FILTER(.name_contains = "Ltd.，"), "", 0);
	/* ... or the beginning of the USCC, not a part from its middle */
	memcpy(prefix, sd.uscc[2], 10);
	prefix[10] = '\0';
	expect_query(s, &sd, FILTER(.name_contains = prefix), "2", 1);
	expect_query(s, &sd, FILTER(.name_contains = sd.uscc[3]), "3", 1);
	expect_query(s, &sd, FILTER(.name_contains = sd.uscc[3] + 8), "", 0);
	/* region_prefix: GB/T 2260 code prefixes */
	expect_query(s, &sd, FILTER(.region_prefix = "32"), "0 1 3 4", 4);
	expect_query(s, &sd, FILTER(.region_prefix = "3205"), "0 1 3", 3);
	expect_query(s, &sd, FILTER(.region_prefix = "320506"), "0", 1);
	expect_query(s, &sd, FILTER(.region_prefix = "31"), "2", 1);
	expect_query(s, &sd, FILTER(.region_prefix = "33"), "", 0);
	/* category: the primary category or below it, by whole code parts */
	expect_query(s, &sd, FILTER(.category = "1"), "0 1 2", 3);
	expect_query(s, &sd, FILTER(.category = "1.1"), "0 1", 2);
	expect_query(s, &sd, FILTER(.category = "1.10"), "2", 1);
	expect_query(s, &sd, FILTER(.category = "1.1.1"), "0", 1);
	expect_query(s, &sd, FILTER(.category = "4"), "3", 1);
	expect_query(s, &sd, FILTER(.category = "4.1.1"), "3", 1);
	expect_query(s, &sd, FILTER(.category = "2"), "", 0);
	/* uscc: exactly one enterprise */
	expect_query(s, &sd, FILTER(.uscc = sd.uscc[3]), "3", 1);
	expect_query(s, &sd, FILTER(.uscc = prefix), "", 0);
	/* together: every filter holds */
	expect_query(s, &sd, FILTER(.region_prefix = "3205", .category = "1.1"), "0 1", 2);
	expect_query(s, &sd, FILTER(.name_contains = "纳米", .region_prefix = "3205"), "0", 1);
	expect_query(s, &sd, FILTER(.name_contains = "Photonics", .category = "4"), "3", 1);
	expect_query(s, &sd, FILTER(.uscc = sd.uscc[0], .region_prefix = "31"), "", 0);
}

struct revenue_rows {
	int64_t id[8];
	double revenue[8];
	int n;
};

static int take_revenue(void *ctx, int64_t id, double revenue)
{
	struct revenue_rows *r = ctx;

	assert_true(r->n < 8);
	r->id[r->n] = id;
	r->revenue[r->n++] = revenue;
	return 0;
}

static int stop_revenue(void *ctx, int64_t id, double revenue)
{
	(void)ctx, (void)id, (void)revenue;
	return 42;
}

/* revenue_each sums a year's revenue by enterprise; an id list (only these,
** all but these) filters the enterprise list, alone and with the others. */
static void test_enterprise_ids_and_revenue(void **state)
{
	struct fixture *fx = *state;
	struct revenue_rows rows = { .n = 0 };
	struct ec_store *s = fx->s;
	struct seeded sd;
	int64_t some[2], none[1] = { 0 };

	seed(s, &sd);
	assert_int_equal(ec_store_revenue_each(s, 2023, take_revenue, &rows), EC_OK);
	assert_int_equal(rows.n, 3); /* enterprises 0, 1 and 2 reported in January and February */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rows.id[i], sd.enterprise_id[i]);
		double want = (1234.5678901234567 + i * 10 + 1) + (1234.5678901234567 + i * 10 + 2);
		assert_true(fabs(rows.revenue[i] - want) < 1e-9);
	}
	rows.n = 0;
	assert_int_equal(ec_store_revenue_each(s, 2022, take_revenue, &rows), EC_OK);
	assert_int_equal(rows.n, 0);
	assert_int_equal(ec_store_revenue_each(s, 2023, stop_revenue, NULL), 42);

	some[0] = sd.enterprise_id[1] < sd.enterprise_id[3] ? sd.enterprise_id[1] : sd.enterprise_id[3];
	some[1] = sd.enterprise_id[1] < sd.enterprise_id[3] ? sd.enterprise_id[3] : sd.enterprise_id[1];
	expect_query(s, &sd, FILTER(.ids = some, .nids = 2, .ids_mode = EC_IDS_ONLY), "1 3", 2);
	expect_query(s, &sd, FILTER(.ids = some, .nids = 2, .ids_mode = EC_IDS_EXCEPT), "0 2 4", 3);
	expect_query(s, &sd, FILTER(.ids = some, .nids = 2, .ids_mode = EC_IDS_ANY), "0 1 2 3 4", 5);
	expect_query(s, &sd, FILTER(.ids = none, .nids = 0, .ids_mode = EC_IDS_ONLY), "", 0);
	expect_query(s, &sd, FILTER(.ids = none, .nids = 0, .ids_mode = EC_IDS_EXCEPT), "0 1 2 3 4", 5);
	/* no list at all: the mode alone decides */
	expect_query(s, &sd, FILTER(.ids = NULL, .nids = 0, .ids_mode = EC_IDS_ONLY), "", 0);
	expect_query(s, &sd, FILTER(.ids = NULL, .nids = 0, .ids_mode = EC_IDS_EXCEPT), "0 1 2 3 4", 5);
	expect_query(s, &sd, FILTER(.ids = some, .nids = 2, .ids_mode = EC_IDS_ONLY, .region_prefix = "3205"), "1 3", 2);
	expect_query(s, &sd, FILTER(.ids = some, .nids = 2, .ids_mode = EC_IDS_EXCEPT, .category = "1"), "0 2", 2);
}

/* The page (offset, limit) of the list f gives, as query() writes it. */
static char *page(struct ec_store *s, const struct seeded *sd, const struct ec_enterprise_filter *f,
		  int64_t offset, int64_t limit, int64_t want_total)
{
	int64_t total;
	char *got = query(s, sd, f, offset, limit, 0, &total);

	assert_int_equal(total, want_total); /* the total does not depend on the page */
	return got;
}

/* enterprise_query: offset and limit page the list, total counts it all. */
static void test_enterprise_query_paging(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_store *s = fx->s;
	char *all, *p[4], joined[64], first_two[16];

	seed(s, &sd);
	all = page(s, &sd, NO_FILTER, 0, 100, 5); /* "a b c d e" in id order */
	assert_int_equal(strlen(all), 9);
	p[0] = page(s, &sd, NO_FILTER, 0, 2, 5);
	p[1] = page(s, &sd, NO_FILTER, 2, 2, 5);
	p[2] = page(s, &sd, NO_FILTER, 4, 2, 5);
	p[3] = page(s, &sd, NO_FILTER, 5, 2, 5);
	snprintf(joined, sizeof joined, "%s %s %s", p[0], p[1], p[2]);
	assert_string_equal(joined, all);
	assert_string_equal(p[3], "");
	for (int i = 0; i < 4; i++)
		free(p[i]);
	p[0] = page(s, &sd, NO_FILTER, 1, 1, 5);
	assert_int_equal(strlen(p[0]), 1);
	assert_int_equal(p[0][0], all[2]);
	free(p[0]);
	p[0] = page(s, &sd, NO_FILTER, 0, 0, 5);
	assert_string_equal(p[0], "");
	free(p[0]);
	p[0] = page(s, &sd, NO_FILTER, 100, 10, 5);
	assert_string_equal(p[0], "");
	free(p[0]);
	free(all);
	/* With a filter: pages of what it matches. */
	all = page(s, &sd, FILTER(.region_prefix = "32"), 0, 100, 4);
	p[0] = page(s, &sd, FILTER(.region_prefix = "32"), 0, 2, 4);
	p[1] = page(s, &sd, FILTER(.region_prefix = "32"), 2, 2, 4);
	snprintf(joined, sizeof joined, "%s %s", p[0], p[1]);
	assert_string_equal(joined, all);
	snprintf(first_two, sizeof first_two, "%.3s", all);
	assert_string_equal(p[0], first_two);
	free(p[0]);
	free(p[1]);
	free(all);
	p[0] = page(s, &sd, FILTER(.category = "9"), 0, 10, 0);
	assert_string_equal(p[0], "");
	free(p[0]);
}

COPY_LIST(report, struct ec_report, 32)

static void assert_report_equal(const struct ec_report *got, const struct ec_report *want)
{
	assert_int_equal(got->enterprise_id, want->enterprise_id);
	assert_int_equal(got->period, want->period);
	assert_double_exact(got->revenue, want->revenue);
	assert_double_exact(got->output, want->output);
	assert_double_exact(got->value_added, want->value_added);
	assert_true(got->employees == want->employees);
	assert_double_exact(got->rd_expense, want->rd_expense);
	assert_true(got->patents == want->patents);
	assert_double_exact(got->investment, want->investment);
	assert_double_exact(got->exports, want->exports);
}

static int cmp_report(const void *a, const void *b)
{
	const struct ec_report *x = a, *y = b;

	if (x->enterprise_id != y->enterprise_id)
		return x->enterprise_id < y->enterprise_id ? -1 : 1;
	return (x->period > y->period) - (x->period < y->period);
}

/* The reports of want[0..n) with from <= period <= to (-1 unbounded), in
** the order the contract gives: by enterprise, then period. */
static void expect_reports(struct ec_store *s, const struct ec_report *want, int n, int from, int to)
{
	struct report_list exp = { .n = 0 }, got = { .n = 0 };

	for (int i = 0; i < n; i++)
		if ((from < 0 || want[i].period >= from) && (to < 0 || want[i].period <= to))
			exp.items[exp.n++] = want[i];
	qsort(exp.items, (size_t)exp.n, sizeof exp.items[0], cmp_report);
	assert_int_equal(ec_store_report_each(s, from, to, collect_report, &got), EC_OK);
	assert_int_equal(got.n, exp.n);
	for (int i = 0; i < got.n; i++)
		assert_report_equal(&got.items[i], &exp.items[i]);
}

/* Reports: every field (employees and patents past 32 bits), update by
** (enterprise, period), bounds and order of report_each, one enterprise's. */
static void test_report_roundtrip(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat;
	struct ec_enterprise e[3];
	struct ec_report want[6];
	struct report_list one = { .n = 0 };
	struct ec_store_counts n;
	int nwant = 0;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	ec_catalog_release(&cat);
	for (int i = 0; i < 3; i++) {
		make_enterprise(&e[i], i);
		assert_int_equal(ec_store_enterprise_put(fx->s, &e[i]), EC_OK);
	}
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.first_period, -1);
	assert_int_equal(n.last_period, -1);
	/* Put out of order. */
	make_report(&want[nwant++], e[1].id, period(2023, 2), 1);
	make_report(&want[nwant++], e[0].id, period(2023, 3), 2);
	make_report(&want[nwant++], e[0].id, period(2023, 1), 3);
	make_report(&want[nwant++], e[1].id, period(2023, 1), 4);
	make_report(&want[nwant++], e[0].id, period(2024, 1), 5);
	make_report(&want[nwant++], e[2].id, period(2022, 12), 6);
	for (int i = 0; i < nwant; i++)
		assert_int_equal(ec_store_report_put(fx->s, &want[i]), EC_OK);
	expect_reports(fx->s, want, nwant, -1, -1);
	/* An update by (enterprise, period) replaces every figure. */
	make_report(&want[2], e[0].id, period(2023, 1), 70);
	want[2].exports = 123.25;
	want[2].employees = INT64_MAX;
	want[2].patents = 0;
	assert_int_equal(ec_store_report_put(fx->s, &want[2]), EC_OK);
	expect_reports(fx->s, want, nwant, -1, -1);
	/* Bounds, both inclusive. */
	expect_reports(fx->s, want, nwant, period(2023, 1), period(2023, 2));
	expect_reports(fx->s, want, nwant, period(2023, 2), -1);
	expect_reports(fx->s, want, nwant, -1, period(2023, 1));
	expect_reports(fx->s, want, nwant, period(2024, 1), period(2024, 1));
	expect_reports(fx->s, want, nwant, period(2025, 1), -1);
	/* One enterprise's, by period. */
	assert_int_equal(ec_store_report_each_enterprise(fx->s, e[0].id, collect_report, &one), EC_OK);
	assert_int_equal(one.n, 3);
	assert_report_equal(&one.items[0], &want[2]);
	assert_report_equal(&one.items[1], &want[1]);
	assert_report_equal(&one.items[2], &want[4]);
	one.n = 0;
	assert_int_equal(ec_store_report_each_enterprise(fx->s, e[2].id + 1000, collect_report, &one), EC_OK);
	assert_int_equal(one.n, 0);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.reports, nwant);
	assert_int_equal(n.first_period, period(2022, 12));
	assert_int_equal(n.last_period, period(2024, 1));
}

/* Reports put as a batch (the bulk writer's way): the same rows as one by
** one, inside a transaction and outside, a later row of a key winning, an
** existing row updated, an empty batch a no-op; the facts' generation moves
** once for the transaction. Rows of enterprises apart (put row by row on
** SQLite) and an enterprise's months together (one statement). */
static void test_report_put_many(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat;
	struct ec_enterprise e[2];
	struct ec_report batch[5], want[3];
	struct ec_store_counts n;
	int64_t g0, g1;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	ec_catalog_release(&cat);
	for (int i = 0; i < 2; i++) {
		make_enterprise(&e[i], i);
		assert_int_equal(ec_store_enterprise_put(fx->s, &e[i]), EC_OK);
	}
	make_report(&batch[0], e[1].id, period(2023, 2), 1);
	make_report(&batch[1], e[0].id, period(2023, 1), 2);
	make_report(&batch[2], e[1].id, period(2023, 2), 3); /* the same key again: wins */
	batch[2].employees = INT64_MAX;
	make_report(&batch[3], e[0].id, period(2024, 5), 4);
	assert_int_equal(ec_store_facts_generation(fx->s, &g0), EC_OK);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	assert_int_equal(ec_store_report_put_many(fx->s, batch, 4), EC_OK);
	assert_int_equal(ec_store_report_put_many(fx->s, batch, 0), EC_OK);
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	assert_int_equal(ec_store_facts_generation(fx->s, &g1), EC_OK);
	assert_int_equal(g1, g0 + 1);
	want[0] = batch[1], want[1] = batch[3], want[2] = batch[2];
	expect_reports(fx->s, want, 3, -1, -1);
	/* Outside a transaction: an update of a stored row. */
	make_report(&batch[4], e[0].id, period(2023, 1), 50);
	batch[4].exports = 0.125;
	assert_int_equal(ec_store_report_put_many(fx->s, &batch[4], 1), EC_OK);
	want[0] = batch[4];
	expect_reports(fx->s, want, 3, -1, -1);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.reports, 3);
	/* Rolled back: nothing of the batch stays. */
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	make_report(&batch[0], e[1].id, period(2025, 1), 9);
	assert_int_equal(ec_store_report_put_many(fx->s, batch, 1), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	expect_reports(fx->s, want, 3, -1, -1);
	/* An enterprise's months together: 20 months of e[1], the last of
	** them (2023-02) stored already, then the first month's key again. */
	{
		struct ec_report months[21], all[22];
		for (int i = 0; i < 20; i++)
			make_report(&months[i], e[1].id, period(2021, 7) + i, 100 + i);
		months[20] = months[0];
		months[20].revenue = 4242.5;
		assert_int_equal(ec_store_begin(fx->s), EC_OK);
		assert_int_equal(ec_store_report_put_many(fx->s, months, 21), EC_OK);
		assert_int_equal(ec_store_commit(fx->s), EC_OK);
		all[0] = want[0], all[1] = want[1];
		for (int i = 0; i < 20; i++)
			all[2 + i] = i == 0 ? months[20] : months[i];
		expect_reports(fx->s, all, 22, -1, -1);
	}
}

/* A reader that counts, checks the order of what it is given, and stops
** with `stop` at row `at` (0: never). */
struct counted {
	int64_t n, last_id;
	int last_period, ordered, at, stop;
};

static int count_enterprise(void *ctx, const struct ec_enterprise *e)
{
	struct counted *c = ctx;

	if (c->n > 0 && e->id <= c->last_id)
		c->ordered = 0;
	c->last_id = e->id;
	return ++c->n == c->at ? c->stop : 0;
}

static int count_report(void *ctx, const struct ec_report *r)
{
	struct counted *c = ctx;

	if (c->n > 0 && (r->enterprise_id < c->last_id || (r->enterprise_id == c->last_id && r->period <= c->last_period)))
		c->ordered = 0;
	c->last_id = r->enterprise_id;
	c->last_period = r->period;
	return ++c->n == c->at ? c->stop : 0;
}

/* The whole-table reads at more rows than a backend reads at once (the
** enterprises go in batches; PostgreSQL streams the reports by COPY):
** every row once, in order; a reader's stop returned as it is, the rest
** dropped, and the store usable at once after, inside a read transaction
** and outside one. */
static void test_reads_in_batches_and_stops(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat;
	struct ec_enterprise e;
	struct ec_report r;
	struct ec_store_counts n;
	const int firms = 8192 * 2 + 5, months = 3;
	struct counted c;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	ec_catalog_release(&cat);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	for (int i = 0; i < firms; i++) {
		make_enterprise(&e, 0);
		make_uscc(e.uscc, e.region, i + 1);
		assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
		for (int m = 1; i % 7 == 0 && m <= months; m++) {
			make_report(&r, e.id, period(2023, m), i + m);
			assert_int_equal(ec_store_report_put(fx->s, &r), EC_OK);
		}
	}
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	for (int txn = 0; txn < 2; txn++) {
		if (txn)
			assert_int_equal(ec_store_begin_read(fx->s), EC_OK);
		c = (struct counted){ .ordered = 1 };
		assert_int_equal(ec_store_enterprise_each(fx->s, count_enterprise, &c), EC_OK);
		assert_int_equal(c.n, firms);
		assert_true(c.ordered);
		c = (struct counted){ .ordered = 1, .at = 8192 + 3, .stop = 7 };
		assert_int_equal(ec_store_enterprise_each(fx->s, count_enterprise, &c), 7);
		assert_int_equal(c.n, 8192 + 3);
		c = (struct counted){ .ordered = 1 };
		assert_int_equal(ec_store_report_each(fx->s, -1, -1, count_report, &c), EC_OK);
		assert_int_equal(c.n, (int64_t)((firms + 6) / 7) * months);
		assert_true(c.ordered);
		c = (struct counted){ .ordered = 1, .at = 5, .stop = 9 };
		assert_int_equal(ec_store_report_each(fx->s, -1, -1, count_report, &c), 9);
		assert_int_equal(c.n, 5);
		assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
		assert_int_equal(n.enterprises, firms);
		assert_int_equal(n.reports, (int64_t)((firms + 6) / 7) * months);
		if (txn)
			assert_int_equal(ec_store_commit(fx->s), EC_OK);
	}
}

/* A store's identity: none on SQLite (its path names it); on PostgreSQL
** the same through every connection, another store's not, and a schema
** dropped and made again under its name is a store of its own. */
static void test_identity(void **state)
{
	struct fixture *fx = *state;
	char a[160], b[160], again[160], uri[URI_MAX];
	struct ec_store *other;

	if (!is_postgres(fx->uri)) {
		assert_int_equal(ec_store_identity(fx->s, a, sizeof a), EC_EUSAGE);
		return;
	}
	assert_int_equal(ec_store_identity(fx->s, a, sizeof a), EC_OK);
	for (const char *p = a; *p; p++)
		assert_true(isalnum((unsigned char)*p) || *p == '_' || *p == '-');
	other = open_again(fx->uri, 0);
	assert_int_equal(ec_store_identity(other, b, sizeof b), EC_OK);
	assert_string_equal(a, b);
	ec_store_close(other);
	other = open_fresh("identity-other", uri, sizeof uri);
	assert_int_equal(ec_store_identity(other, b, sizeof b), EC_OK);
	assert_string_not_equal(a, b);
	ec_store_close(other);
	other = open_fresh("identity-other", uri, sizeof uri);
	assert_int_equal(ec_store_identity(other, again, sizeof again), EC_OK);
	assert_string_not_equal(b, again);
	ec_store_close(other);
}

COPY_LIST(deflator, struct ec_deflator, 16)

/* 1 when l holds exactly (division, period, ppi) once. */
static int has_deflator(const struct deflator_list *l, const char *division, int when, double ppi)
{
	int found = 0;

	for (int i = 0; i < l->n; i++)
		if (strcmp(l->items[i].division, division) == 0 && l->items[i].period == when &&
		    l->items[i].ppi_yoy == ppi)
			found++;
	return found == 1;
}

/* Deflators: put, update by (division, period), bounds. */
static void test_deflator_roundtrip(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat;
	struct deflator_list l = { .n = 0 };
	struct ec_store_counts n;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	ec_catalog_release(&cat);
	assert_int_equal(ec_store_deflator_put(fx->s, &(struct ec_deflator){ "39", period(2023, 1), 101.5 }), EC_OK);
	assert_int_equal(ec_store_deflator_put(fx->s, &(struct ec_deflator){ "39", period(2023, 2), 99.25 }), EC_OK);
	assert_int_equal(ec_store_deflator_put(fx->s, &(struct ec_deflator){ "27", period(2023, 1), 100.0 }), EC_OK);
	assert_int_equal(ec_store_deflator_put(fx->s, &(struct ec_deflator){ "39", period(2023, 1), 102.0625 }), EC_OK);
	assert_int_equal(ec_store_deflator_each(fx->s, -1, -1, collect_deflator, &l), EC_OK);
	assert_int_equal(l.n, 3);
	assert_true(has_deflator(&l, "39", period(2023, 1), 102.0625));
	assert_true(has_deflator(&l, "39", period(2023, 2), 99.25));
	assert_true(has_deflator(&l, "27", period(2023, 1), 100.0));
	l.n = 0;
	assert_int_equal(ec_store_deflator_each(fx->s, period(2023, 2), -1, collect_deflator, &l), EC_OK);
	assert_int_equal(l.n, 1);
	assert_true(has_deflator(&l, "39", period(2023, 2), 99.25));
	l.n = 0;
	assert_int_equal(ec_store_deflator_each(fx->s, -1, period(2023, 1), collect_deflator, &l), EC_OK);
	assert_int_equal(l.n, 2);
	l.n = 0;
	assert_int_equal(ec_store_deflator_each(fx->s, period(2023, 1), period(2023, 1), collect_deflator, &l), EC_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.deflators, 3);
}

struct log_list {
	int64_t id[8];
	char at[8][32], file[8][64], kind[8][32], sha[8][65], user[8][32], format[8][8], encoding[8][16], result[8][16];
	int64_t rows[8], size[8], problems[8];
	int n;
};

static int collect_log(void *ctx, const struct ec_import_log *l)
{
	struct log_list *out = ctx;
	int i = out->n++;

	assert_true(i < 8);
	out->id[i] = l->id;
	snprintf(out->at[i], sizeof out->at[i], "%s", l->at);
	snprintf(out->file[i], sizeof out->file[i], "%s", l->file);
	snprintf(out->kind[i], sizeof out->kind[i], "%s", l->kind);
	snprintf(out->sha[i], sizeof out->sha[i], "%s", l->sha256);
	out->rows[i] = l->rows;
	snprintf(out->user[i], sizeof out->user[i], "%s", l->user);
	snprintf(out->format[i], sizeof out->format[i], "%s", l->format);
	snprintf(out->encoding[i], sizeof out->encoding[i], "%s", l->encoding);
	snprintf(out->result[i], sizeof out->result[i], "%s", l->result);
	out->size[i] = l->size;
	out->problems[i] = l->problems;
	return 0;
}

/* The import log: add sets id and at; the list holds every field. */
static void test_import_log(void **state)
{
	struct fixture *fx = *state;
	struct ec_import_log a = { .file = "企业名录.csv", .kind = "enterprises", .rows = INT64_C(3000000000),
				   .user = "张三", .size = INT64_C(5000000000), .format = "xlsx", .encoding = "UTF-8",
				   .result = "stored" };
	struct ec_import_log b = { .file = "reports.csv", .kind = "reports", .rows = 0, .user = "cli:root",
				   .size = 12, .format = "csv", .encoding = "GB18030", .result = "rejected", .problems = 7 };
	struct log_list got = { .n = 0 };
	struct ec_store_counts n;

	snprintf(a.sha256, sizeof a.sha256, "%s", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	snprintf(b.sha256, sizeof b.sha256, "%064d", 1);
	a.id = b.id = -1;
	assert_int_equal(ec_store_import_log_add(fx->s, &a), EC_OK);
	assert_int_equal(ec_store_import_log_add(fx->s, &b), EC_OK);
	assert_true(a.id > 0 && b.id > 0 && a.id != b.id);
	assert_true(iso_utc(a.at));
	assert_true(iso_utc(b.at));
	assert_int_equal(ec_store_import_log_each(fx->s, collect_log, &got), EC_OK);
	assert_int_equal(got.n, 2);
	for (int k = 0; k < 2; k++) {
		const struct ec_import_log *want = k ? &b : &a;
		int i = got.id[0] == want->id ? 0 : 1;
		assert_int_equal(got.id[i], want->id);
		assert_string_equal(got.at[i], want->at);
		assert_string_equal(got.file[i], want->file);
		assert_string_equal(got.kind[i], want->kind);
		assert_true(got.rows[i] == want->rows);
		assert_string_equal(got.sha[i], want->sha256);
		assert_string_equal(got.user[i], want->user);
		assert_true(got.size[i] == want->size);
		assert_string_equal(got.format[i], want->format);
		assert_string_equal(got.encoding[i], want->encoding);
		assert_string_equal(got.result[i], want->result);
		assert_true(got.problems[i] == want->problems);
	}
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.imports, 1); /* the stored ones */
}

static void assert_user_equal(const struct ec_user *got, const struct ec_user *want)
{
	assert_int_equal(got->id, want->id);
	assert_string_equal(got->name, want->name);
	assert_string_equal(got->password_hash, want->password_hash);
	assert_int_equal(got->role, want->role);
	assert_string_equal(got->scope, want->scope);
	assert_int_equal(got->disabled, want->disabled);
	assert_string_equal(got->created_at, want->created_at);
}

COPY_LIST(user, struct ec_user, 8)

/* Users: every role, EC_EDATA on a taken name, get by name and id,
** EC_ENOTFOUND, update by id, the list by name. */
static void test_user_roundtrip(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[EC_NROLES] = { "erin", "carol", "alice", "dave", "bob" };
	struct ec_user u[EC_NROLES], got, dup;
	struct user_list all = { .n = 0 };
	char long_name[65];

	for (int r = 0; r < EC_NROLES; r++) {
		make_user(&u[r], names[r], (enum ec_role)r, r == EC_ROLE_ENTERPRISE ? "91320506000000001X" : "", r == 3);
		if (r == EC_ROLE_AGENCY || r == EC_ROLE_FUND)
			snprintf(u[r].scope, sizeof u[r].scope, "%s", r == EC_ROLE_FUND ? "F-01;F-02" : "320500;SZ-NANO");
		u[r].id = -1;
		assert_int_equal(ec_store_user_add(fx->s, &u[r]), EC_OK);
		assert_true(u[r].id > 0);
		assert_true(iso_utc(u[r].created_at));
	}
	for (int r = 0; r < EC_NROLES; r++) {
		memset(&got, 0, sizeof got);
		assert_int_equal(ec_store_user_get(fx->s, names[r], &got), EC_OK);
		assert_user_equal(&got, &u[r]);
		memset(&got, 0, sizeof got);
		assert_int_equal(ec_store_user_get_id(fx->s, u[r].id, &got), EC_OK);
		assert_user_equal(&got, &u[r]);
	}
	/* A taken name: EC_EDATA, and the account is as it was. */
	make_user(&dup, "alice", EC_ROLE_ANALYST, "", 1);
	assert_int_equal(ec_store_user_add(fx->s, &dup), EC_EDATA);
	assert_true(strlen(ec_store_errmsg(fx->s)) > 0);
	assert_int_equal(ec_store_user_get(fx->s, "alice", &got), EC_OK);
	assert_user_equal(&got, &u[EC_ROLE_AGENCY]);
	/* Not there. */
	assert_int_equal(ec_store_user_get(fx->s, "nobody", &got), EC_ENOTFOUND);
	assert_int_equal(ec_store_user_get(fx->s, "Alice", &got), EC_ENOTFOUND);
	assert_int_equal(ec_store_user_get_id(fx->s, u[0].id + u[1].id + u[2].id + u[3].id + u[4].id, &got),
			 EC_ENOTFOUND);
	/* Update by id: hash, role, scope, disabled. */
	got = u[EC_ROLE_ANALYST];
	snprintf(got.password_hash, sizeof got.password_hash, "%s", "$argon2id$v=19$m=65536,t=2,p=1$bmV3$bmV3aGFzaA");
	got.role = EC_ROLE_FUND;
	snprintf(got.scope, sizeof got.scope, "%s", "F-09");
	got.disabled = 1;
	assert_int_equal(ec_store_user_update(fx->s, &got), EC_OK);
	u[EC_ROLE_ANALYST] = got;
	assert_int_equal(ec_store_user_get_id(fx->s, got.id, &got), EC_OK);
	assert_user_equal(&got, &u[EC_ROLE_ANALYST]);
	assert_int_equal(ec_store_user_get(fx->s, "dave", &got), EC_OK); /* the others untouched */
	assert_user_equal(&got, &u[EC_ROLE_FUND]);
	/* The longest name. */
	memset(long_name, 'z', 64);
	long_name[64] = '\0';
	make_user(&dup, long_name, EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(fx->s, &dup), EC_OK);
	assert_int_equal(ec_store_user_get(fx->s, long_name, &got), EC_OK);
	assert_user_equal(&got, &dup);
	/* The list, by name. */
	assert_int_equal(ec_store_user_each(fx->s, collect_user, &all), EC_OK);
	assert_int_equal(all.n, EC_NROLES + 1);
	assert_string_equal(all.items[0].name, "alice");
	assert_string_equal(all.items[1].name, "bob");
	assert_string_equal(all.items[2].name, "carol");
	assert_string_equal(all.items[3].name, "dave");
	assert_string_equal(all.items[4].name, "erin");
	assert_string_equal(all.items[5].name, long_name);
	assert_user_equal(&all.items[3], &u[EC_ROLE_FUND]);
	assert_user_equal(&all.items[2], &u[EC_ROLE_ANALYST]);
}

static int session_exists(struct ec_store *s, int i)
{
	struct ec_session se;
	char t[65];
	int rc;

	token(t, i);
	rc = ec_store_session_get(s, t, &se);
	assert_true(rc == EC_OK || rc == EC_ENOTFOUND);
	return rc == EC_OK;
}

/* Sessions: put, get, delete, purge by time and by user. */
static void test_sessions(void **state)
{
	struct fixture *fx = *state;
	struct ec_user alice, bob;
	struct ec_session se[8], got;
	const int64_t now = 1700000000;
	char t[65];

	make_user(&alice, "alice", EC_ROLE_ADMIN, "", 0);
	make_user(&bob, "bob", EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(fx->s, &alice), EC_OK);
	assert_int_equal(ec_store_user_add(fx->s, &bob), EC_OK);
	make_session(&se[0], 0, alice.id, now - 100, now + 3600);
	make_session(&se[1], 1, alice.id, now - 7200, now - 10);  /* expired */
	make_session(&se[2], 2, bob.id, now - 100, now + 3600);
	make_session(&se[3], 3, bob.id, now - 7200, now - 1);     /* expired */
	make_session(&se[4], 4, alice.id, now, INT64_C(4102444800));
	for (int i = 0; i < 5; i++)
		assert_int_equal(ec_store_session_put(fx->s, &se[i]), EC_OK);
	for (int i = 0; i < 5; i++) {
		memset(&got, 0, sizeof got);
		token(t, i);
		assert_int_equal(ec_store_session_get(fx->s, t, &got), EC_OK);
		assert_string_equal(got.token_hash, se[i].token_hash);
		assert_int_equal(got.user_id, se[i].user_id);
		assert_string_equal(got.csrf_token, se[i].csrf_token);
		assert_true(got.created_at == se[i].created_at);
		assert_true(got.expires_at == se[i].expires_at);
	}
	token(t, 9);
	assert_int_equal(ec_store_session_get(fx->s, t, &got), EC_ENOTFOUND);
	/* Delete one. */
	token(t, 0);
	assert_int_equal(ec_store_session_delete(fx->s, t), EC_OK);
	assert_false(session_exists(fx->s, 0));
	assert_true(session_exists(fx->s, 4));
	/* Purge by time alone (user -1): the expired ones go. */
	assert_int_equal(ec_store_session_purge(fx->s, now, -1), EC_OK);
	assert_false(session_exists(fx->s, 1));
	assert_false(session_exists(fx->s, 3));
	assert_true(session_exists(fx->s, 2));
	assert_true(session_exists(fx->s, 4));
	/* Purge by user: every session of alice, expired or not; bob's stay. */
	make_session(&se[5], 5, alice.id, now, now + 10);
	assert_int_equal(ec_store_session_put(fx->s, &se[5]), EC_OK);
	assert_int_equal(ec_store_session_purge(fx->s, now, alice.id), EC_OK);
	assert_false(session_exists(fx->s, 4));
	assert_false(session_exists(fx->s, 5));
	assert_true(session_exists(fx->s, 2));
	/* A later time expires bob's too. */
	assert_int_equal(ec_store_session_purge(fx->s, now + 3601, -1), EC_OK);
	assert_false(session_exists(fx->s, 2));
}

static void assert_cluster_equal(const struct ec_cluster *got, const struct ec_cluster *want)
{
	assert_string_equal(got->code, want->code);
	assert_string_equal(got->name_zh, want->name_zh);
	assert_string_equal(got->name_en, want->name_en);
	assert_int_equal(got->tier, want->tier);
	assert_string_equal(got->parent, want->parent);
	assert_string_equal(got->regions, want->regions);
	assert_string_equal(got->categories, want->categories);
	assert_string_equal(got->agency, want->agency);
	assert_int_equal(got->founded, want->founded);
	assert_string_equal(got->source, want->source);
}

COPY_LIST(cluster, struct ec_cluster, 8)

/* Clusters: every field, get, EC_ENOTFOUND, registration order kept on update. */
static void test_clusters(void **state)
{
	struct fixture *fx = *state;
	struct ec_cluster c[3], got;
	struct cluster_list all = { .n = 0 };

	make_cluster(&c[0], "ZZ-LAST-CODE", EC_TIER_CLUSTER, "", "Registered first");
	make_cluster(&c[1], "AA-CHILD", EC_TIER_BASE, "ZZ-LAST-CODE", "Registered second");
	make_cluster(&c[2], "MM-ECO", EC_TIER_ECOSYSTEM, "", "Registered third");
	c[2].founded = 0;
	c[2].agency[0] = c[2].source[0] = '\0';
	for (int i = 0; i < 3; i++)
		assert_int_equal(ec_store_cluster_put(fx->s, &c[i]), EC_OK);
	for (int i = 0; i < 3; i++) {
		memset(&got, 0, sizeof got);
		assert_int_equal(ec_store_cluster_get(fx->s, c[i].code, &got), EC_OK);
		assert_cluster_equal(&got, &c[i]);
	}
	assert_int_equal(ec_store_cluster_get(fx->s, "NOPE", &got), EC_ENOTFOUND);
	/* Update the first: every field changes, its place does not. */
	snprintf(c[0].name_zh, sizeof c[0].name_zh, "%s", "改名后的集群");
	snprintf(c[0].name_en, sizeof c[0].name_en, "%s", "Renamed");
	c[0].tier = EC_TIER_ECOSYSTEM;
	snprintf(c[0].regions, sizeof c[0].regions, "%s", "310000");
	snprintf(c[0].categories, sizeof c[0].categories, "%s", "4");
	snprintf(c[0].agency, sizeof c[0].agency, "%s", "上海市经信委");
	c[0].founded = 2021;
	snprintf(c[0].source, sizeof c[0].source, "%s", "local");
	assert_int_equal(ec_store_cluster_put(fx->s, &c[0]), EC_OK);
	assert_int_equal(ec_store_cluster_each(fx->s, collect_cluster, &all), EC_OK);
	assert_int_equal(all.n, 3);
	for (int i = 0; i < 3; i++)
		assert_cluster_equal(&all.items[i], &c[i]);
}

/* Member rules: include, exclude, change, -1 removes; one cluster or all. */
static void test_cluster_members(void **state)
{
	struct fixture *fx = *state;
	struct ec_cluster a, b;
	struct lines l = { .n = 0 };
	char u1[EC_USCC_LEN + 1], u2[EC_USCC_LEN + 1], want[512];

	make_cluster(&a, "A", EC_TIER_CLUSTER, "", "A");
	make_cluster(&b, "B", EC_TIER_BASE, "A", "B");
	assert_int_equal(ec_store_cluster_put(fx->s, &a), EC_OK);
	assert_int_equal(ec_store_cluster_put(fx->s, &b), EC_OK);
	make_uscc(u1, "320500", 1);
	make_uscc(u2, "320500", 2);
	assert_int_equal(ec_store_cluster_member_put(fx->s, "A", u1, 1), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(fx->s, "A", u2, 0), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(fx->s, "B", u1, 1), EC_OK);
	ec_buf_init(&l.b, 0);
	assert_int_equal(ec_store_cluster_member_each(fx->s, "A", collect_member, &l), EC_OK);
	snprintf(want, sizeof want, "A %s 1\nA %s 0\n", u1, u2);
	assert_lines(&l, want);
	ec_buf_init(&l.b, 0);
	l.n = 0;
	assert_int_equal(ec_store_cluster_member_each(fx->s, NULL, collect_member, &l), EC_OK);
	snprintf(want, sizeof want, "A %s 1\nA %s 0\nB %s 1\n", u1, u2, u1);
	assert_lines(&l, want);
	/* A rule changes in place; -1 removes one. */
	assert_int_equal(ec_store_cluster_member_put(fx->s, "A", u2, 1), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(fx->s, "A", u1, -1), EC_OK);
	ec_buf_init(&l.b, 0);
	l.n = 0;
	assert_int_equal(ec_store_cluster_member_each(fx->s, NULL, collect_member, &l), EC_OK);
	snprintf(want, sizeof want, "A %s 1\nB %s 1\n", u2, u1);
	assert_lines(&l, want);
	ec_buf_init(&l.b, 0);
	l.n = 0;
	assert_int_equal(ec_store_cluster_member_put(fx->s, "B", u1, -1), EC_OK);
	assert_int_equal(ec_store_cluster_member_each(fx->s, "B", collect_member, &l), EC_OK);
	assert_int_equal(l.n, 0);
	ec_buf_release(&l.b);
}

/* Indicators by year: put, replace, one cluster or all. */
static void test_cluster_indicators(void **state)
{
	struct fixture *fx = *state;
	struct ec_cluster a, b;
	struct lines l = { .n = 0 };

	make_cluster(&a, "A", EC_TIER_CLUSTER, "", "A");
	make_cluster(&b, "B", EC_TIER_CLUSTER, "", "B");
	assert_int_equal(ec_store_cluster_put(fx->s, &a), EC_OK);
	assert_int_equal(ec_store_cluster_put(fx->s, &b), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(fx->s, "A", 2022, "platforms", 3), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(fx->s, "A", 2023, "platforms", 4), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(fx->s, "A", 2023, "talent", 12.5), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(fx->s, "B", 2023, "platforms", -0.125), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(fx->s, "A", 2023, "platforms", 5.000000000000001), EC_OK);
	ec_buf_init(&l.b, 0);
	assert_int_equal(ec_store_cluster_indicator_each(fx->s, "A", collect_indicator, &l), EC_OK);
	assert_lines(&l, "A 2022 platforms 3\nA 2023 platforms 5.0000000000000009\nA 2023 talent 12.5\n");
	ec_buf_init(&l.b, 0);
	l.n = 0;
	assert_int_equal(ec_store_cluster_indicator_each(fx->s, NULL, collect_indicator, &l), EC_OK);
	assert_int_equal(l.n, 4);
	assert_lines(&l, "A 2022 platforms 3\nA 2023 platforms 5.0000000000000009\nA 2023 talent 12.5\n"
			 "B 2023 platforms -0.125\n");
	ec_buf_init(&l.b, 0);
	l.n = 0;
	assert_int_equal(ec_store_cluster_indicator_each(fx->s, "C", collect_indicator, &l), EC_OK);
	assert_int_equal(l.n, 0);
	ec_buf_release(&l.b);
}

static void assert_project_equal(const struct ec_project *got, const struct ec_project *want)
{
	struct ec_buf a, b;

	ec_buf_init(&a, 0);
	ec_buf_init(&b, 0);
	dump_project_into(&a, got);
	dump_project_into(&b, want);
	assert_string_equal(a.data, b.data);
	ec_buf_release(&a);
	ec_buf_release(&b);
}

struct project_list {
	struct ec_buf text;
	int n;
};

static int collect_project(void *ctx, const struct ec_project *p)
{
	struct project_list *l = ctx;

	dump_project_into(&l->text, p);
	l->n++;
	return 0;
}

/* Projects: every field and array; a put replaces the arrays as a whole;
** registration order kept on update. */
static void test_projects(void **state)
{
	struct fixture *fx = *state;
	struct ec_project p1, p2, got;
	struct project_list all = { .n = 0 };
	struct ec_buf want;

	make_project(&p1, "P-001", 1);
	make_project(&p2, "P-002", 0);
	assert_int_equal(ec_store_project_put(fx->s, &p1), EC_OK);
	assert_int_equal(ec_store_project_put(fx->s, &p2), EC_OK);
	assert_int_equal(ec_store_project_get(fx->s, "P-001", &got), EC_OK);
	assert_project_equal(&got, &p1);
	ec_project_release(&got);
	assert_int_equal(ec_store_project_get(fx->s, "P-002", &got), EC_OK);
	assert_project_equal(&got, &p2);
	assert_null(got.plan);
	assert_null(got.completed);
	assert_null(got.revisions);
	ec_project_release(&got);
	assert_int_equal(ec_store_project_get(fx->s, "P-404", &got), EC_ENOTFOUND);

	/* Replace P-001: other figures, one plan point, three months, no revisions. */
	ec_project_release(&p1);
	p1.total_investment = 90000;
	p1.stage = EC_STAGE_COMPLETED;
	p1.kind = EC_KIND_PUBLIC_SERVICE;
	snprintf(p1.name, sizeof p1.name, "%s", "改名的项目");
	p1.cluster[0] = '\0';
	p1.nplan = 1;
	p1.plan = ec_malloc(sizeof *p1.plan);
	p1.plan[0] = (struct ec_plan_point){ period(2025, 12), 1.0 };
	p1.ncompleted = 3;
	p1.completed = ec_malloc(3 * sizeof *p1.completed);
	for (int i = 0; i < 3; i++)
		p1.completed[i] = (struct ec_month_amount){ period(2024, i + 1), 100.5 * (i + 1) };
	assert_int_equal(ec_store_project_put(fx->s, &p1), EC_OK);
	assert_int_equal(ec_store_project_get(fx->s, "P-001", &got), EC_OK);
	assert_project_equal(&got, &p1);
	assert_int_equal(got.nrevisions, 0);
	ec_project_release(&got);
	/* And back to straight-line with no progress. */
	ec_project_release(&p1);
	assert_int_equal(ec_store_project_put(fx->s, &p1), EC_OK);
	assert_int_equal(ec_store_project_get(fx->s, "P-001", &got), EC_OK);
	assert_project_equal(&got, &p1);
	ec_project_release(&got);
	/* Registration order, kept by the updates. */
	ec_buf_init(&all.text, 0);
	assert_int_equal(ec_store_project_each(fx->s, collect_project, &all), EC_OK);
	assert_int_equal(all.n, 2);
	ec_buf_init(&want, 0);
	dump_project_into(&want, &p1);
	dump_project_into(&want, &p2);
	assert_string_equal(all.text.data, want.data);
	ec_buf_release(&want);
	ec_buf_release(&all.text);
	ec_project_release(&p1);
	ec_project_release(&p2);
}

/* A project put that the store refuses leaves the project as it was
** (STYLE: after an error the object is unchanged; store.h: arrays are
** "replaced as a whole"). A negative completed amount is refused by the
** schema (CHECK amount >= 0). */
static void test_project_put_refused_leaves_project(void **state)
{
	struct fixture *fx = *state;
	struct ec_project p, bad, got;
	struct ec_buf want, have;
	int same;

	make_project(&p, "P-001", 1);
	assert_int_equal(ec_store_project_put(fx->s, &p), EC_OK);
	make_project(&bad, "P-001", 1);
	snprintf(bad.name, sizeof bad.name, "%s", "half-written");
	bad.completed[1].amount = -1;
	assert_failed(ec_store_project_put(fx->s, &bad));
	assert_int_equal(ec_store_project_get(fx->s, "P-001", &got), EC_OK);
	ec_buf_init(&want, 0);
	ec_buf_init(&have, 0);
	dump_project_into(&want, &p);
	dump_project_into(&have, &got);
	same = strcmp(want.data, have.data) == 0;
	if (!same)
		print_message("after the refused put the store holds:\n%sexpected:\n%s", have.data, want.data);
	ec_buf_release(&want);
	ec_buf_release(&have);
	ec_project_release(&got);
	ec_project_release(&bad);
	ec_project_release(&p);
	conform(same, "project_put_not_atomic",
		"a refused ec_store_project_put outside a transaction left the project half-written");
}

struct fund_list {
	struct ec_buf text;
	int n;
};

static int collect_fund(void *ctx, const struct ec_fund *f)
{
	struct fund_list *l = ctx;

	dump_fund_into(&l->text, f);
	l->n++;
	return 0;
}

static void assert_fund_equal(const struct ec_fund *got, const struct ec_fund *want)
{
	struct ec_buf a, b;

	ec_buf_init(&a, 0);
	ec_buf_init(&b, 0);
	dump_fund_into(&a, got);
	dump_fund_into(&b, want);
	assert_string_equal(a.data, b.data);
	ec_buf_release(&a);
	ec_buf_release(&b);
}

/* Funds: every field, get, EC_ENOTFOUND, registration order kept on update. */
/* ---- SME digital-level questionnaires ---- */

static void make_assessment(struct ec_digital_assessment *a, const char *uscc, int year, const char *edition)
{
	memset(a, 0, sizeof *a);
	snprintf(a->uscc, sizeof a->uscc, "%s", uscc);
	a->year = year;
	snprintf(a->edition, sizeof a->edition, "%s", edition);
	snprintf(a->sector, sizeof a->sector, "M");
	a->state = EC_DIGITAL_DRAFT;
	a->score = NAN;
}

static void assert_assessment_equal(const struct ec_digital_assessment *got, const struct ec_digital_assessment *want)
{
	assert_string_equal(got->uscc, want->uscc);
	assert_int_equal(got->year, want->year);
	assert_string_equal(got->edition, want->edition);
	assert_string_equal(got->sector, want->sector);
	assert_int_equal(got->state, want->state);
	assert_int_equal(got->revision, want->revision);
	if (isnan(want->score))
		assert_true(isnan(got->score));
	else
		assert_true(got->score == want->score);
	assert_int_equal(got->level, want->level);
	assert_string_equal(got->submitted_by, want->submitted_by);
	assert_string_equal(got->submitted_at, want->submitted_at);
}

static int collect_digital(void *ctx, const struct ec_digital_assessment *a)
{
	struct ec_buf *b = ctx;
	ec_buf_printf(b, "%s/%d/%s/%s;", a->uscc, a->year, a->edition, ec_digital_state_name(a->state));
	return 0;
}

static void test_digital(void **state)
{
	struct fixture *fx = *state;
	struct ec_digital_assessment a, b, c, got;
	struct ec_digital_answer ans[3] = { { "B01", "C" }, { "B04", "A;B" }, { "A02", "E" } }, *out = NULL;
	struct ec_buf list;
	char u1[EC_USCC_LEN + 1], u2[EC_USCC_LEN + 1];
	size_t n = 0;

	make_uscc(u1, "110000", 1);
	make_uscc(u2, "310000", 2);
	make_assessment(&a, u2, 2024, "2024");
	make_assessment(&b, u1, 2024, "2024");
	make_assessment(&c, u1, 2023, "2022");
	assert_int_equal(ec_store_digital_get(fx->s, u1, 2024, "2024", &got, &out, &n), EC_ENOTFOUND);
	assert_null(out);
	assert_int_equal(n, 0);
	assert_int_equal(ec_store_digital_put(fx->s, &a, ans, 2), EC_OK);
	assert_int_equal(ec_store_digital_put(fx->s, &b, NULL, 0), EC_OK);
	assert_int_equal(ec_store_digital_put(fx->s, &c, ans, 3), EC_OK);
	assert_int_equal(ec_store_digital_get(fx->s, u2, 2024, "2024", &got, &out, &n), EC_OK);
	assert_assessment_equal(&got, &a);
	assert_int_equal(n, 2);
	assert_string_equal(out[0].item, "B01");
	assert_string_equal(out[1].answer, "A;B");
	free(out);
	/* the answers are in item order, and replaced as a whole */
	assert_int_equal(ec_store_digital_get(fx->s, u1, 2023, "2022", &got, &out, &n), EC_OK);
	assert_int_equal(n, 3);
	assert_string_equal(out[0].item, "A02");
	free(out);
	c.state = EC_DIGITAL_SUBMITTED;
	c.revision = 2;
	c.score = 64.5;
	c.level = 3;
	snprintf(c.submitted_by, sizeof c.submitted_by, "ent1");
	snprintf(c.submitted_at, sizeof c.submitted_at, "2024-05-01T08:00:00Z");
	assert_int_equal(ec_store_digital_put(fx->s, &c, &ans[2], 1), EC_OK);
	assert_int_equal(ec_store_digital_get(fx->s, u1, 2023, "2022", &got, &out, &n), EC_OK);
	assert_assessment_equal(&got, &c);
	assert_int_equal(n, 1);
	assert_string_equal(out[0].answer, "E");
	free(out);
	/* the same enterprise and year in another edition is another questionnaire */
	assert_int_equal(ec_store_digital_get(fx->s, u1, 2023, "2024", &got, &out, &n), EC_ENOTFOUND);
	/* listed by uscc, year, edition; or one enterprise's */
	ec_buf_init(&list, 0);
	assert_int_equal(ec_store_digital_each(fx->s, NULL, collect_digital, &list), EC_OK);
	{
		char *want = ec_asprintf("%s/2023/2022/submitted;%s/2024/2024/draft;%s/2024/2024/draft;", u1, u1, u2);
		assert_string_equal(list.data, want);
		free(want);
	}
	ec_buf_clear(&list);
	assert_int_equal(ec_store_digital_each(fx->s, u2, collect_digital, &list), EC_OK);
	assert_non_null(strstr(list.data, u2));
	assert_null(strstr(list.data, u1));
	ec_buf_release(&list);
}

/* Incentive programmes: added once with their rules, read back, listed in
** registration order; rules replaced as a whole. Ledger entries: appended
** with their id and time, listed by programme and beneficiary in id order;
** a claim's reference committed once per programme and an entry reversed
** once (EC_EDATA, nothing written); a rolled-back entry leaves nothing. */
static int collect_programme_code(void *ctx, const struct ec_incentive_programme *p)
{
	ec_buf_printf(ctx, "%s/%d;", p->code, p->nrules ? -1 : p->year);
	return 0;
}

static int collect_entry_id(void *ctx, const struct ec_ledger_entry *e)
{
	ec_buf_printf(ctx, "%lld:%s:%s:%g:%lld;", (long long)e->id, ec_entry_kind_name(e->kind), e->beneficiary,
		      e->amount, (long long)e->refers);
	return 0;
}

static void test_incentives(void **state)
{
	int64_t other_id, pay_id, rev_id;
	struct fixture *fx = *state;
	struct ec_incentive_rule rules[2] = {
		{ "owner", EC_SIDE_OWNER, EC_BASE_PURCHASE, 30, 3000, 0, "1;4.1", "31", 0, EC_PILOT_NATIONAL, 10, 0 },
		{ "voucher", EC_SIDE_VOUCHER, EC_BASE_PURCHASE, 30, 0, 500, "", "",
		  (1u << EC_SIZE_SMALL) | (1u << EC_SIZE_MICRO), EC_PILOT_NONE, 0, 0 },
	};
	struct ec_incentive_programme p, q, got;
	struct ec_ledger_entry e, f;
	struct ec_buf list;
	char u1[EC_USCC_LEN + 1], u2[EC_USCC_LEN + 1];

	make_uscc(u1, "110000", 1);
	make_uscc(u2, "310000", 2);
	ec_incentive_programme_init(&p);
	snprintf(p.code, sizeof p.code, "P2");
	snprintf(p.name, sizeof p.name, "场景资助");
	p.year = 2026;
	p.budget = 5000;
	p.rules = rules;
	p.nrules = 2;
	q = p;
	snprintf(q.code, sizeof q.code, "P1");
	q.nrules = 1;
	assert_int_equal(ec_store_programme_get(fx->s, "P2", &got), EC_ENOTFOUND);
	assert_int_equal(ec_store_programme_add(fx->s, &p), EC_OK);
	assert_int_equal(ec_store_programme_add(fx->s, &q), EC_OK);
	assert_int_equal(ec_store_programme_add(fx->s, &p), EC_EDATA);
	assert_int_equal(ec_store_programme_get(fx->s, "P2", &got), EC_OK);
	assert_string_equal(got.name, "场景资助");
	assert_int_equal(got.year, 2026);
	assert_true(got.budget == 5000);
	assert_int_equal(got.nrules, 2);
	assert_memory_equal(&got.rules[0], &rules[0], sizeof rules[0]);
	assert_memory_equal(&got.rules[1], &rules[1], sizeof rules[1]);
	ec_incentive_programme_release(&got);
	ec_buf_init(&list, 0);
	assert_int_equal(ec_store_programme_each(fx->s, collect_programme_code, &list), EC_OK);
	assert_string_equal(list.data, "P2/2026;P1/2026;");
	assert_int_equal(ec_store_rules_put(fx->s, "P2", &rules[1], 1), EC_OK);
	assert_int_equal(ec_store_programme_get(fx->s, "P2", &got), EC_OK);
	assert_int_equal(got.nrules, 1);
	assert_string_equal(got.rules[0].code, "voucher");
	ec_incentive_programme_release(&got);

	memset(&e, 0, sizeof e);
	snprintf(e.programme, sizeof e.programme, "P2");
	e.kind = EC_ENTRY_COMMITMENT;
	e.amount = 300;
	snprintf(e.reference, sizeof e.reference, "R1");
	snprintf(e.rule, sizeof e.rule, "voucher");
	snprintf(e.beneficiary, sizeof e.beneficiary, "%s", u1);
	e.side = EC_SIDE_VOUCHER;
	e.base_amount = 1000;
	snprintf(e.scenario, sizeof e.scenario, "S-1");
	e.application = 7;
	snprintf(e.reasons, sizeof e.reasons, "incentive.total|amount=300");
	snprintf(e.by, sizeof e.by, "ana");
	assert_int_equal(ec_store_entry_add(fx->s, &e), EC_OK);
	assert_true(e.id > 0);
	assert_int_equal((int)strlen(e.at), 20);
	f = e;
	snprintf(f.beneficiary, sizeof f.beneficiary, "%s", u2);
	assert_int_equal(ec_store_entry_add(fx->s, &f), EC_EDATA); /* R1 again in P2 */
	snprintf(f.programme, sizeof f.programme, "P1");
	assert_int_equal(ec_store_entry_add(fx->s, &f), EC_OK);    /* R1 in another programme */
	other_id = f.id;
	f = e;
	f.kind = EC_ENTRY_PAYMENT;
	f.refers = e.id;
	f.amount = 100;
	f.reference[0] = '\0';
	assert_int_equal(ec_store_entry_add(fx->s, &f), EC_OK);
	pay_id = f.id;
	f.kind = EC_ENTRY_REVERSAL;
	f.refers = f.id;
	assert_int_equal(ec_store_entry_add(fx->s, &f), EC_OK);
	rev_id = f.id;
	/* Ids rise; a refused insert may take one (a PostgreSQL sequence does) */
	assert_true(e.id < other_id && other_id < pay_id && pay_id < rev_id);
	assert_int_equal(ec_store_entry_add(fx->s, &f), EC_EDATA); /* reversed once */
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	f.kind = EC_ENTRY_PAYMENT;
	f.refers = e.id;
	assert_int_equal(ec_store_entry_add(fx->s, &f), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	ec_buf_clear(&list);
	assert_int_equal(ec_store_entry_each(fx->s, "P2", NULL, collect_entry_id, &list), EC_OK);
	{
		char *want = ec_asprintf("%lld:commitment:%s:300:0;%lld:payment:%s:100:%lld;%lld:reversal:%s:100:%lld;",
					 (long long)e.id, u1, (long long)pay_id, u1, (long long)e.id, (long long)rev_id, u1,
					 (long long)pay_id);
		assert_string_equal(list.data, want);
		free(want);
	}
	ec_buf_clear(&list);
	assert_int_equal(ec_store_entry_each(fx->s, NULL, u2, collect_entry_id, &list), EC_OK);
	{
		char *want = ec_asprintf("%lld:commitment:%s:300:0;", (long long)other_id, u2);
		assert_string_equal(list.data, want);
		free(want);
	}
	ec_buf_release(&list);
}

/* A put inside a transaction that is rolled back leaves nothing, and a
** rolled-back replacement leaves the answers as they were. */
static void test_digital_rollback(void **state)
{
	struct fixture *fx = *state;
	struct ec_digital_assessment a, got;
	struct ec_digital_answer ans[2] = { { "B01", "C" }, { "B02", "D" } }, *out = NULL;
	char u[EC_USCC_LEN + 1];
	size_t n = 0;

	make_uscc(u, "110000", 7);
	make_assessment(&a, u, 2024, "2024");
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	assert_int_equal(ec_store_digital_put(fx->s, &a, ans, 2), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	assert_int_equal(ec_store_digital_get(fx->s, u, 2024, "2024", &got, &out, &n), EC_ENOTFOUND);
	assert_int_equal(ec_store_digital_put(fx->s, &a, ans, 2), EC_OK);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	a.state = EC_DIGITAL_SUBMITTED;
	assert_int_equal(ec_store_digital_put(fx->s, &a, ans, 1), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	assert_int_equal(ec_store_digital_get(fx->s, u, 2024, "2024", &got, &out, &n), EC_OK);
	assert_int_equal(got.state, EC_DIGITAL_DRAFT);
	assert_int_equal(n, 2);
	free(out);
}

/* ---- application scenarios ---- */

static void make_scenario(struct ec_scenario *sc, const char *code, const char *title)
{
	ec_scenario_init(sc);
	snprintf(sc->code, sizeof sc->code, "%s", code);
	snprintf(sc->title, sizeof sc->title, "%s", title);
	snprintf(sc->owner, sizeof sc->owner, "ag");
	snprintf(sc->category, sizeof sc->category, "1.5");
	snprintf(sc->region, sizeof sc->region, "310115");
	snprintf(sc->deadline, sizeof sc->deadline, "2099-12-31");
	snprintf(sc->updated_at, sizeof sc->updated_at, "2026-01-01T00:00:00Z");
}

static void make_application(struct ec_application *a, const char *scenario, const char *uscc, double price)
{
	memset(a, 0, sizeof *a);
	snprintf(a->scenario, sizeof a->scenario, "%s", scenario);
	snprintf(a->uscc, sizeof a->uscc, "%s", uscc);
	snprintf(a->applicant, sizeof a->applicant, "ent");
	snprintf(a->solution, sizeof a->solution, "方案");
	a->price = price;
	a->months = 6;
	snprintf(a->updated_at, sizeof a->updated_at, "2026-01-02T00:00:00Z");
}

/* Scenarios by code keeping their place, a NaN budget kept as none,
** applications keyed by (scenario, uscc), reviewers once, scores replaced
** by key, batches by number with their scenarios counted, notifications
** an account's newest first. */
static void test_scenarios(void **state)
{
	struct fixture *fx = *state;
	struct ec_scenario s1, s2, got, *list = NULL;
	struct ec_application a, *apps = NULL;
	struct ec_scenario_reviewer r, *revs = NULL;
	struct ec_scenario_score sc, *scores = NULL;
	struct ec_scenario_batch b = { 3, "2026-12-01", "第三批", "ana", 0 }, *batches = NULL;
	struct ec_notification nt, *notes = NULL;
	char u1[EC_USCC_LEN + 1], u2[EC_USCC_LEN + 1];
	size_t n = 0;

	make_uscc(u1, "110000", 1);
	make_uscc(u2, "310000", 2);
	make_scenario(&s1, "S-B", "城市大脑");
	make_scenario(&s2, "S-A", "工业视觉");
	s2.budget = 1234.5;
	s2.kind = EC_SCN_SUPPLY;
	assert_int_equal(ec_store_scenario_get(fx->s, "S-B", &got), EC_ENOTFOUND);
	assert_int_equal(ec_store_scenario_put(fx->s, &s1), EC_OK);
	assert_int_equal(ec_store_scenario_put(fx->s, &s2), EC_OK);
	assert_int_equal(ec_store_scenario_get(fx->s, "S-B", &got), EC_OK);
	assert_string_equal(got.title, "城市大脑");
	assert_true(isnan(got.budget));
	assert_int_equal(got.status, EC_SCN_DRAFT);
	s1.status = EC_SCN_OPEN;
	s1.batch = 3;
	assert_int_equal(ec_store_scenario_put(fx->s, &s1), EC_OK);
	assert_int_equal(ec_store_scenario_list(fx->s, &list, &n), EC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].code, "S-B"); /* registration order, kept by an update */
	assert_int_equal(list[0].status, EC_SCN_OPEN);
	assert_int_equal(list[1].kind, EC_SCN_SUPPLY);
	assert_true(list[1].budget == 1234.5);
	free(list);
	assert_int_equal(ec_store_batch_put(fx->s, &b), EC_OK);
	assert_int_equal(ec_store_batch_list(fx->s, &batches, &n), EC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(batches[0].scenarios, 1);
	assert_string_equal(batches[0].title, "第三批");
	free(batches);

	make_application(&a, "S-B", u1, 100);
	assert_int_equal(ec_store_application_put(fx->s, &a), EC_OK);
	a.price = 90;
	a.state = EC_APP_WITHDRAWN;
	assert_int_equal(ec_store_application_put(fx->s, &a), EC_OK);
	make_application(&a, "S-B", u2, 80);
	assert_int_equal(ec_store_application_put(fx->s, &a), EC_OK);
	assert_int_equal(ec_store_application_list(fx->s, "S-B", NULL, &apps, &n), EC_OK);
	assert_int_equal(n, 2); /* one per enterprise and scenario */
	assert_string_equal(apps[0].uscc, u1);
	assert_true(apps[0].price == 90);
	assert_int_equal(apps[0].state, EC_APP_WITHDRAWN);
	free(apps);
	assert_int_equal(ec_store_application_list(fx->s, NULL, u2, &apps, &n), EC_OK);
	assert_int_equal(n, 1);
	free(apps);
	assert_int_equal(ec_store_application_list(fx->s, "S-A", NULL, &apps, &n), EC_OK);
	assert_int_equal(n, 0);
	assert_null(apps);

	memset(&r, 0, sizeof r);
	snprintf(r.scenario, sizeof r.scenario, "S-B");
	snprintf(r.reviewer, sizeof r.reviewer, "rev");
	assert_int_equal(ec_store_reviewer_put(fx->s, &r), EC_OK);
	assert_int_equal(ec_store_reviewer_put(fx->s, &r), EC_OK);
	assert_int_equal(ec_store_reviewer_list(fx->s, "S-B", &revs, &n), EC_OK);
	assert_int_equal(n, 1);
	free(revs);

	memset(&sc, 0, sizeof sc);
	snprintf(sc.scenario, sizeof sc.scenario, "S-B");
	snprintf(sc.uscc, sizeof sc.uscc, "%s", u2);
	snprintf(sc.reviewer, sizeof sc.reviewer, "rev");
	snprintf(sc.criterion, sizeof sc.criterion, "price");
	sc.score = 70;
	assert_int_equal(ec_store_score_put(fx->s, &sc), EC_OK);
	sc.score = 75;
	assert_int_equal(ec_store_score_put(fx->s, &sc), EC_OK);
	assert_int_equal(ec_store_score_list(fx->s, "S-B", &scores, &n), EC_OK);
	assert_int_equal(n, 1);
	assert_true(scores[0].score == 75);
	free(scores);

	memset(&nt, 0, sizeof nt);
	snprintf(nt.account, sizeof nt.account, "ent");
	snprintf(nt.at, sizeof nt.at, "2026-01-03T00:00:00Z");
	snprintf(nt.message, sizeof nt.message, "notice.selected|scenario=S-B|title=x");
	snprintf(nt.target, sizeof nt.target, "S-B");
	assert_int_equal(ec_store_notification_add(fx->s, &nt), EC_OK);
	assert_true(nt.id > 0);
	snprintf(nt.message, sizeof nt.message, "second");
	assert_int_equal(ec_store_notification_add(fx->s, &nt), EC_OK);
	assert_int_equal(ec_store_notification_list(fx->s, "ent", -1, &notes, &n), EC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(notes[0].message, "second");
	free(notes);
	assert_int_equal(ec_store_notification_list(fx->s, "ent", 1, &notes, &n), EC_OK);
	assert_int_equal(n, 1);
	free(notes);
	assert_int_equal(ec_store_notification_list(fx->s, "other", -1, &notes, &n), EC_OK);
	assert_int_equal(n, 0);
}

/* A scenario and its application written in a transaction rolled back
** leave nothing. */
/* Attachments: appended with their bytes (a NUL inside kept), listed by
** scenario in the order added without them, read back only through their
** own scenario, and a scenario's project column kept by the put. */
static void test_scenario_attachments(void **state)
{
	struct fixture *fx = *state;
	static const char body[] = "%PDF-1.4\n\0binary";
	struct ec_scenario s, got;
	struct ec_attachment a, b, *list = NULL;
	void *bytes = NULL;
	size_t n = 0, len = 0;

	make_scenario(&s, "S-ATT", "附件");
	snprintf(s.project, sizeof s.project, "%s", "P-ATT");
	assert_int_equal(ec_store_scenario_put(fx->s, &s), EC_OK);
	assert_int_equal(ec_store_scenario_get(fx->s, "S-ATT", &got), EC_OK);
	assert_string_equal(got.project, "P-ATT");
	memset(&a, 0, sizeof a);
	snprintf(a.scenario, sizeof a.scenario, "%s", "S-ATT");
	snprintf(a.name, sizeof a.name, "%s", "说明.pdf");
	snprintf(a.type, sizeof a.type, "%s", "pdf");
	a.size = (int64_t)sizeof body;
	snprintf(a.sha256, sizeof a.sha256, "%064d", 0);
	snprintf(a.added_by, sizeof a.added_by, "%s", "ana");
	snprintf(a.added_at, sizeof a.added_at, "%s", "2026-12-07T00:00:00Z");
	assert_int_equal(ec_store_attachment_add(fx->s, &a, body, sizeof body), EC_OK);
	assert_true(a.id > 0);
	b = a;
	snprintf(b.name, sizeof b.name, "%s", "second.pdf");
	assert_int_equal(ec_store_attachment_add(fx->s, &b, body, 5), EC_OK);
	assert_true(b.id > a.id);
	assert_int_equal(ec_store_attachment_list(fx->s, "S-ATT", &list, &n), EC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "说明.pdf");
	assert_int_equal(list[0].size, (int64_t)sizeof body);
	free(list);
	assert_int_equal(ec_store_attachment_get(fx->s, "S-ATT", a.id, &b, &bytes, &len), EC_OK);
	assert_int_equal(len, sizeof body);
	assert_memory_equal(bytes, body, sizeof body);
	free(bytes);
	assert_int_equal(ec_store_attachment_get(fx->s, "S-OTHER", a.id, &b, &bytes, &len), EC_ENOTFOUND);
	assert_null(bytes);
	assert_int_equal(ec_store_attachment_list(fx->s, "S-OTHER", &list, &n), EC_OK);
	assert_int_equal(n, 0);
	free(list);
}

static void test_scenarios_rollback(void **state)
{
	struct fixture *fx = *state;
	struct ec_scenario s, got;
	struct ec_application a, *apps = NULL;
	char u[EC_USCC_LEN + 1];
	size_t n = 0;

	make_uscc(u, "110000", 3);
	make_scenario(&s, "S-R", "回滚");
	make_application(&a, "S-R", u, 10);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	assert_int_equal(ec_store_scenario_put(fx->s, &s), EC_OK);
	assert_int_equal(ec_store_application_put(fx->s, &a), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	assert_int_equal(ec_store_scenario_get(fx->s, "S-R", &got), EC_ENOTFOUND);
	assert_int_equal(ec_store_application_list(fx->s, "S-R", NULL, &apps, &n), EC_OK);
	assert_int_equal(n, 0);
}

static void test_funds(void **state)
{
	struct fixture *fx = *state;
	struct ec_fund f1, f2, f3, got;
	struct fund_list all = { .n = 0 };
	struct ec_buf want;

	make_fund(&f1, "F-01", 0);
	make_fund(&f2, "F-02", 1);
	make_fund(&f3, "A-03", 0);
	f3.type = EC_FUND_INDUSTRIAL_CAPITAL;
	f3.stages = 1u << EC_STAGE_RESERVE;
	assert_int_equal(ec_store_fund_put(fx->s, &f1), EC_OK);
	assert_int_equal(ec_store_fund_put(fx->s, &f2), EC_OK);
	assert_int_equal(ec_store_fund_put(fx->s, &f3), EC_OK);
	assert_int_equal(ec_store_fund_get(fx->s, "F-01", &got), EC_OK);
	assert_fund_equal(&got, &f1);
	assert_int_equal(ec_store_fund_get(fx->s, "F-02", &got), EC_OK);
	assert_fund_equal(&got, &f2);
	assert_int_equal(ec_store_fund_get(fx->s, "F-404", &got), EC_ENOTFOUND);
	/* Update the first. */
	f1.type = EC_FUND_GOVERNMENT_GUIDANCE;
	f1.capital = 7.5e6;
	snprintf(f1.regions, sizeof f1.regions, "%s", "");
	f1.stages = (1u << EC_STAGE_RESERVE) | (1u << EC_STAGE_PREPARATION) | (1u << EC_STAGE_UNDER_CONSTRUCTION);
	f1.max_share = 1;
	f1.coinvest = EC_COINVEST_NONE;
	assert_int_equal(ec_store_fund_put(fx->s, &f1), EC_OK);
	assert_int_equal(ec_store_fund_get(fx->s, "F-01", &got), EC_OK);
	assert_fund_equal(&got, &f1);
	ec_buf_init(&all.text, 0);
	assert_int_equal(ec_store_fund_each(fx->s, collect_fund, &all), EC_OK);
	assert_int_equal(all.n, 3);
	ec_buf_init(&want, 0);
	dump_fund_into(&want, &f1);
	dump_fund_into(&want, &f2);
	dump_fund_into(&want, &f3);
	assert_string_equal(all.text.data, want.data);
	ec_buf_release(&want);
	ec_buf_release(&all.text);
}

struct audit_list {
	int64_t id[40];
	char at[40][32], action[40][32], user[40][32], target[40][32], summary[40][64];
	int n;
};

static int collect_audit(void *ctx, const struct ec_audit *a)
{
	struct audit_list *l = ctx;
	int i = l->n++;

	assert_true(i < 40);
	l->id[i] = a->id;
	snprintf(l->at[i], sizeof l->at[i], "%s", a->at);
	snprintf(l->user[i], sizeof l->user[i], "%s", a->user);
	snprintf(l->action[i], sizeof l->action[i], "%s", a->action);
	snprintf(l->target[i], sizeof l->target[i], "%s", a->target);
	snprintf(l->summary[i], sizeof l->summary[i], "%s", a->summary);
	return 0;
}

struct job_list {
	char id[8][33], state[8][12], result[8][64];
	int has_result[8], http[8];
	int64_t expires[8];
	int n;
};

static int collect_job(void *ctx, const struct ec_job *j)
{
	struct job_list *l = ctx;
	int i = l->n++;

	assert_true(i < 8);
	snprintf(l->id[i], sizeof l->id[i], "%s", j->id);
	snprintf(l->state[i], sizeof l->state[i], "%s", j->state);
	l->has_result[i] = j->result != NULL;
	snprintf(l->result[i], sizeof l->result[i], "%s", j->result ? j->result : "");
	l->http[i] = j->http_status;
	l->expires[i] = j->expires_at;
	return 0;
}

/* Jobs: put replaces by id; get with or without the answer; a user's
** newest first; settle fails what a stopped server left and drops what
** expired. */
/* Published reports: kept as published, the newest first, documents only
** when one is asked for by id. */
struct published_list {
	int n;
	int64_t id[4], generation[4];
	char period[4][8], made_by[4][96], made_at[4][32];
	int has_docs[4];
	char html[64];
	size_t xlsx_len;
};

static int collect_published(void *ctx, const struct ec_published *p)
{
	struct published_list *l = ctx;

	l->id[l->n] = p->id;
	l->generation[l->n] = p->generation;
	snprintf(l->period[l->n], sizeof l->period[0], "%s", p->period);
	snprintf(l->made_by[l->n], sizeof l->made_by[0], "%s", p->made_by);
	snprintf(l->made_at[l->n], sizeof l->made_at[0], "%s", p->made_at);
	l->has_docs[l->n] = p->html != NULL;
	if (p->html)
		snprintf(l->html, sizeof l->html, "%.*s", (int)p->html_len, p->html);
	l->xlsx_len = p->xlsx_len;
	l->n++;
	return 0;
}

static void test_published(void **state)
{
	struct fixture *fx = *state;
	struct published_list l = { .n = 0 };
	const char xlsx[] = { 'P', 'K', 0, 1, 2 }; /* a document may hold NUL bytes */
	struct ec_published a = { .kind = "bulletin", .period = "2020-06", .region = "", .lang = "zh", .generation = 7,
				  .made_by = "ana", .html = "<p>一</p>", .html_len = 11, .xlsx = xlsx, .xlsx_len = 5 };
	struct ec_published b = a;

	snprintf(b.period, sizeof b.period, "2020-07");
	b.generation = 8;
	assert_int_equal(ec_store_published_add(fx->s, &a), EC_OK);
	assert_int_equal(ec_store_published_add(fx->s, &b), EC_OK);
	assert_true(a.id > 0 && b.id > a.id);
	assert_int_equal((int)strlen(a.made_at), 20); /* YYYY-MM-DDTHH:MM:SSZ */
	assert_int_equal(ec_store_published_get(fx->s, a.id, collect_published, &l), EC_OK);
	assert_int_equal(l.n, 1);
	assert_true(l.has_docs[0]);
	assert_string_equal(l.html, "<p>一</p>");
	assert_int_equal((int)l.xlsx_len, 5);
	assert_int_equal((int)l.generation[0], 7);
	assert_string_equal(l.made_by[0], "ana");
	assert_int_equal(ec_store_published_get(fx->s, b.id + 100, collect_published, &l), EC_ENOTFOUND);
	l.n = 0;
	assert_int_equal(ec_store_published_each(fx->s, 10, collect_published, &l), EC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.period[0], "2020-07");
	assert_false(l.has_docs[0]);
	l.n = 0;
	assert_int_equal(ec_store_published_each(fx->s, 1, collect_published, &l), EC_OK);
	assert_int_equal(l.n, 1);
}

static void test_jobs(void **state)
{
	struct fixture *fx = *state;
	struct job_list l = { .n = 0 };
	struct ec_job j[4] = {
		{ .id = "a1", .user_id = 1, .kind = "import", .label = "reports: r.csv", .state = "done",
		  .created_at = 100, .started_at = 101, .finished_at = 102, .expires_at = 500, .http_status = 200,
		  .result = "{\"rows\":3}" },
		{ .id = "a2", .user_id = 1, .kind = "allocation", .label = "2020-06", .state = "queued", .created_at = 110 },
		{ .id = "b1", .user_id = 2, .kind = "evaluation", .label = "2020", .state = "running", .created_at = 120,
		  .started_at = 121 },
		{ .id = "a0", .user_id = 1, .kind = "import", .label = "old", .state = "failed", .created_at = 50,
		  .finished_at = 60, .expires_at = 150, .http_status = 422, .result = "{\"error\":{}}" },
	};

	for (int i = 0; i < 4; i++)
		assert_int_equal(ec_store_job_put(fx->s, &j[i]), EC_OK);
	j[1].label[0] = '\0';
	snprintf(j[1].label, sizeof j[1].label, "2020-07");
	assert_int_equal(ec_store_job_put(fx->s, &j[1]), EC_OK); /* replaced, not added */
	assert_int_equal(ec_store_job_get(fx->s, "a1", 1, collect_job, &l), EC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.result[0], "{\"rows\":3}");
	assert_int_equal(l.http[0], 200);
	l.n = 0;
	assert_int_equal(ec_store_job_get(fx->s, "a1", 0, collect_job, &l), EC_OK);
	assert_false(l.has_result[0]);
	assert_int_equal(ec_store_job_get(fx->s, "zz", 1, collect_job, &l), EC_ENOTFOUND);
	l.n = 0;
	assert_int_equal(ec_store_job_each(fx->s, 1, 10, collect_job, &l), EC_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.id[0], "a2");
	assert_string_equal(l.id[1], "a1");
	assert_string_equal(l.id[2], "a0");
	assert_false(l.has_result[1]);
	l.n = 0;
	assert_int_equal(ec_store_job_each(fx->s, -1, 2, collect_job, &l), EC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.id[0], "b1");

	/* At 200: a2 and b1 were left unfinished, a0 expired at 150. */
	assert_int_equal(ec_store_job_settle(fx->s, 200, 900, 503, "{\"error\":{\"problem\":\"job.stopped\"}}"), EC_OK);
	l.n = 0;
	assert_int_equal(ec_store_job_each(fx->s, -1, 10, collect_job, &l), EC_OK);
	assert_int_equal(l.n, 3);
	for (int i = 0; i < 3; i++) {
		if (strcmp(l.id[i], "a1") == 0) {
			assert_string_equal(l.state[i], "done");
			assert_int_equal(l.expires[i], 500);
		} else {
			assert_string_equal(l.state[i], "failed");
			assert_int_equal(l.http[i], 503);
			assert_int_equal(l.expires[i], 900);
		}
	}
	l.n = 0;
	assert_int_equal(ec_store_job_get(fx->s, "b1", 1, collect_job, &l), EC_OK);
	assert_string_equal(l.result[0], "{\"error\":{\"problem\":\"job.stopped\"}}");
	assert_int_equal(ec_store_job_get(fx->s, "a0", 1, collect_job, &l), EC_ENOTFOUND);
}

/* On PostgreSQL the settling of a starting server leaves the unfinished
** jobs of a server alive (whose id begins with a name a connection holds),
** and settles them once that connection is gone. */
static void test_jobs_held(void **state)
{
	struct fixture *fx = *state;
	struct ec_store *holder;
	struct job_list l = { .n = 0 };
	struct ec_job live = { .id = "0123456789abcdef0000000000000001", .user_id = 1, .kind = "import",
			       .label = "live", .state = "running", .created_at = 100, .started_at = 101 };
	struct ec_job gone = { .id = "fedcba98765432100000000000000002", .user_id = 1, .kind = "import",
			       .label = "gone", .state = "running", .created_at = 100, .started_at = 101 };

	if (!is_postgres(fx->uri))
		return; /* one SQLite file: one server, every unfinished job its own */
	holder = open_again(fx->uri, 0);
	assert_int_equal(ec_store_listen(holder, "0123456789abcdef"), EC_OK);
	assert_int_equal(ec_store_job_put(fx->s, &live), EC_OK);
	assert_int_equal(ec_store_job_put(fx->s, &gone), EC_OK);
	assert_int_equal(ec_store_job_settle(fx->s, 200, 900, 503, "{}"), EC_OK);
	assert_int_equal(ec_store_job_get(fx->s, live.id, 0, collect_job, &l), EC_OK);
	assert_int_equal(ec_store_job_get(fx->s, gone.id, 0, collect_job, &l), EC_OK);
	assert_string_equal(l.state[0], "running");
	assert_string_equal(l.state[1], "failed");
	ec_store_close(holder);
	/* the closed session's backend ends, and its locks with it, soon after */
	for (int i = 0; i < 100; i++) {
		assert_int_equal(ec_store_job_settle(fx->s, 300, 900, 503, "{}"), EC_OK);
		l.n = 0;
		assert_int_equal(ec_store_job_get(fx->s, live.id, 0, collect_job, &l), EC_OK);
		if (strcmp(l.state[0], "failed") == 0)
			break;
		usleep(50000);
	}
	assert_string_equal(l.state[0], "failed");
}

/* The audit log: add sets id and at; newest first, at most limit. */
static void test_audit(void **state)
{
	struct fixture *fx = *state;
	struct ec_audit a[4];
	struct audit_list l = { .n = 0 };
	char action[4][16], summary[4][32];

	for (int i = 0; i < 4; i++) {
		snprintf(action[i], sizeof action[i], "action.%d", i);
		snprintf(summary[i], sizeof summary[i], "第 %d 条", i);
		a[i] = (struct ec_audit){ .id = -1, .user = i % 2 ? "bob" : "alice", .action = action[i],
					  .target = i == 3 ? "" : "P-001", .summary = summary[i] };
		assert_int_equal(ec_store_audit_add(fx->s, &a[i]), EC_OK);
		assert_true(a[i].id > 0);
		assert_true(iso_utc(a[i].at));
		for (int j = 0; j < i; j++)
			assert_true(a[j].id != a[i].id);
	}
	assert_int_equal(ec_store_audit_each(fx->s, 100, collect_audit, &l), EC_OK);
	assert_int_equal(l.n, 4);
	for (int i = 0; i < 4; i++) {
		const struct ec_audit *want = &a[3 - i]; /* newest first */
		assert_int_equal(l.id[i], want->id);
		assert_string_equal(l.at[i], want->at);
		assert_string_equal(l.user[i], want->user);
		assert_string_equal(l.action[i], want->action);
		assert_string_equal(l.target[i], want->target);
		assert_string_equal(l.summary[i], want->summary);
	}
	l.n = 0;
	assert_int_equal(ec_store_audit_each(fx->s, 2, collect_audit, &l), EC_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.action[0], "action.3");
	assert_string_equal(l.action[1], "action.2");
	l.n = 0;
	assert_int_equal(ec_store_audit_each(fx->s, 1, collect_audit, &l), EC_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.action[0], "action.3");
}

/* counts: all zero on an empty store, every kind once seeded. */
static void test_counts(void **state)
{
	struct fixture *fx = *state;
	struct ec_store_counts n;
	struct seeded sd;

	memset(&n, 0x5a, sizeof n);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.categories + n.mappings + n.industries + n.regions, 0);
	assert_int_equal(n.enterprises + n.reports + n.deflators + n.imports, 0);
	assert_int_equal(n.first_period, -1);
	assert_int_equal(n.last_period, -1);
	seed(fx->s, &sd);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.categories, (int64_t)NROWS(category_rows));
	assert_int_equal(n.mappings, (int64_t)NROWS(mapping_rows));
	assert_int_equal(n.industries, (int64_t)NROWS(industry_rows));
	assert_int_equal(n.regions, (int64_t)NROWS(region_rows));
	assert_int_equal(n.enterprises, NENTERPRISES);
	assert_int_equal(n.reports, 6);
	assert_int_equal(n.deflators, 2);
	assert_int_equal(n.imports, 2);
	assert_int_equal(n.first_period, period(2023, 1));
	assert_int_equal(n.last_period, period(2023, 2));
}

/* bulk_mode on, a large write in a transaction, off: the data is there
** and reference checks are back. */
static void test_bulk_mode(void **state)
{
	struct fixture *fx = *state;
	struct ec_catalog cat;
	struct ec_enterprise e;
	struct ec_report r;
	struct ec_store_counts n;
	int64_t max_id = 0;

	fixture_catalog(&cat);
	put_catalog(fx->s, &cat);
	ec_catalog_release(&cat);
	/* References are checked in the ordinary mode: no report of an
	** enterprise that does not exist. */
	make_report(&r, 424242, period(2023, 1), 0);
	assert_failed(ec_store_report_put(fx->s, &r));
	assert_int_equal(ec_store_bulk_mode(fx->s, 1), EC_OK);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	for (int i = 0; i < 200; i++) {
		make_enterprise(&e, i % NENTERPRISES);
		make_uscc(e.uscc, e.region, 1000 + i);
		assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
		max_id = e.id > max_id ? e.id : max_id;
		for (int m = 1; m <= 12; m++) {
			make_report(&r, e.id, period(2023, m), i + m);
			assert_int_equal(ec_store_report_put(fx->s, &r), EC_OK);
		}
	}
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	assert_int_equal(ec_store_bulk_mode(fx->s, 0), EC_OK);
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.enterprises, 200);
	assert_int_equal(n.reports, 200 * 12);
	make_report(&r, max_id + 424242, period(2023, 1), 0);
	assert_failed(ec_store_report_put(fx->s, &r));
	assert_int_equal(ec_store_counts(fx->s, &n), EC_OK);
	assert_int_equal(n.reports, 200 * 12);
	/* On and off again without writing is harmless. */
	assert_int_equal(ec_store_bulk_mode(fx->s, 1), EC_OK);
	assert_int_equal(ec_store_bulk_mode(fx->s, 0), EC_OK);
}

/* Writes one of everything over a seeded store: new rows and updates. */
static void write_everything(struct ec_store *s, const struct seeded *sd)
{
	struct ec_catalog empty;
	struct ec_enterprise e;
	struct ec_report r;
	struct ec_user u;
	struct ec_session se;
	struct ec_cluster c;
	struct ec_project p;
	struct ec_fund f;
	struct ec_import_log l = { .file = "more.csv", .kind = "reports", .rows = 3 };
	struct ec_audit a = { .user = "alice", .action = "project.update", .target = "P-001", .summary = "x" };
	char t[65];

	assert_int_equal(ec_store_catalog_clear(s, EC_CAT_SEI_MAPPINGS), EC_OK);
	assert_int_equal(ec_store_category_put(s, &(struct ec_category){ "9", 1, "", "九", "Nine" }, 99), EC_OK);
	assert_int_equal(ec_store_region_put(s, &(struct ec_region){ "330000", 1, "", "浙江省", "Zhejiang", 1, 2 }, 99),
			 EC_OK);
	assert_int_equal(ec_store_industry_put(s, &(struct ec_industry){ "D", 1, "", "电力", "Power" }, 99), EC_OK);
	make_enterprise(&e, 1);
	snprintf(e.name, sizeof e.name, "%s", "renamed");
	assert_int_equal(ec_store_enterprise_put(s, &e), EC_OK);
	make_uscc(e.uscc, "330000", 77);
	assert_int_equal(ec_store_enterprise_put(s, &e), EC_OK);
	ec_catalog_init(&empty);
	ec_catalog_index(&empty);
	assert_int_equal(ec_store_enterprise_reclassify(s, &empty), EC_OK);
	ec_catalog_release(&empty);
	make_report(&r, sd->enterprise_id[0], period(2023, 1), 999);
	assert_int_equal(ec_store_report_put(s, &r), EC_OK);
	make_report(&r, e.id, period(2030, 1), 1);
	assert_int_equal(ec_store_report_put(s, &r), EC_OK);
	assert_int_equal(ec_store_deflator_put(s, &(struct ec_deflator){ "39", period(2023, 1), 50 }), EC_OK);
	assert_int_equal(ec_store_deflator_put(s, &(struct ec_deflator){ "39", period(2023, 9), 50 }), EC_OK);
	assert_int_equal(ec_store_import_log_add(s, &l), EC_OK);
	make_user(&u, "dave", EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(s, &u), EC_OK);
	u = sd->bob;
	u.disabled = 1;
	assert_int_equal(ec_store_user_update(s, &u), EC_OK);
	make_session(&se, 9, sd->alice.id, sd->now, sd->now + 10);
	assert_int_equal(ec_store_session_put(s, &se), EC_OK);
	token(t, 0);
	assert_int_equal(ec_store_session_delete(s, t), EC_OK);
	assert_int_equal(ec_store_session_purge(s, sd->now, sd->bob.id), EC_OK);
	make_cluster(&c, "SZ-NANO", EC_TIER_ECOSYSTEM, "", "renamed");
	assert_int_equal(ec_store_cluster_put(s, &c), EC_OK);
	make_cluster(&c, "NEW", EC_TIER_BASE, "SZ-NANO", "new");
	assert_int_equal(ec_store_cluster_put(s, &c), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(s, "SZ-NANO", sd->uscc[2], 1), EC_OK);
	assert_int_equal(ec_store_cluster_member_put(s, "SZ-NANO", sd->uscc[0], -1), EC_OK);
	assert_int_equal(ec_store_cluster_indicator_put(s, "SZ-NANO", 2022, "platforms", 30), EC_OK);
	make_project(&p, "P-002", 1); /* P-002 gains arrays */
	assert_int_equal(ec_store_project_put(s, &p), EC_OK);
	ec_project_release(&p);
	make_project(&p, "P-001", 0); /* P-001 loses its */
	assert_int_equal(ec_store_project_put(s, &p), EC_OK);
	make_project(&p, "P-003", 0);
	assert_int_equal(ec_store_project_put(s, &p), EC_OK);
	make_fund(&f, "F-01", 1);
	assert_int_equal(ec_store_fund_put(s, &f), EC_OK);
	make_fund(&f, "F-03", 0);
	assert_int_equal(ec_store_fund_put(s, &f), EC_OK);
	assert_int_equal(ec_store_audit_add(s, &a), EC_OK);
}

/* begin, every kind of write, rollback: everything as before. */
static void test_rollback_restores(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_store_counts before_n, after_n;
	struct ec_user u;
	struct ec_project p, want;
	struct ec_enterprise e;
	char *before, *during;

	seed(fx->s, &sd);
	before = dump(fx->s);
	assert_int_equal(ec_store_counts(fx->s, &before_n), EC_OK);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	write_everything(fx->s, &sd);
	during = dump(fx->s);
	assert_string_not_equal(during, before); /* the writes were seen inside */
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	assert_dump(fx->s, before);
	assert_int_equal(ec_store_counts(fx->s, &after_n), EC_OK);
	assert_memory_equal(&after_n, &before_n, sizeof before_n);
	assert_int_equal(ec_store_user_get(fx->s, "dave", &u), EC_ENOTFOUND);
	assert_int_equal(ec_store_user_get(fx->s, "bob", &u), EC_OK);
	assert_int_equal(u.disabled, 0);
	assert_int_equal(ec_store_project_get(fx->s, "P-001", &p), EC_OK);
	make_project(&want, "P-001", 1);
	assert_project_equal(&p, &want);
	ec_project_release(&p);
	ec_project_release(&want);
	assert_int_equal(ec_store_project_get(fx->s, "P-003", &p), EC_ENOTFOUND);
	assert_int_equal(ec_store_enterprise_get(fx->s, sd.uscc[0], &e), EC_OK);
	assert_string_equal(e.sei_primary, enterprise_rows[0].primary);
	/* The same writes outside a transaction do stick. (Not compared with
	** the dump inside: ids and times may differ the second time.) */
	write_everything(fx->s, &sd);
	assert_int_equal(ec_store_user_get(fx->s, "dave", &u), EC_OK);
	assert_int_equal(ec_store_project_get(fx->s, "P-003", &p), EC_OK);
	ec_project_release(&p);
	free(during);
	free(before);
}

/* The facts' generation: moved by the commit of a change to enterprises,
** reports or deflators (and by such a write outside a transaction), not by
** a rollback, not by other changes, not by reads; a second connection sees
** the new generation once committed; a read transaction sees one. */
static void test_facts_generation(void **state)
{
	struct fixture *fx = *state;
	struct ec_store *other = open_again(fx->uri, 0);
	struct ec_enterprise e;
	struct ec_report r;
	struct ec_deflator df;
	struct ec_user u;
	struct seeded sd;
	int64_t g0, g, h;

	seed(fx->s, &sd);
	assert_int_equal(ec_store_facts_generation(fx->s, &g0), EC_OK);
	/* a rollback leaves it */
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	make_enterprise(&e, 0);
	assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	assert_int_equal(ec_store_facts_generation(fx->s, &g), EC_OK);
	assert_true(g == g0);
	/* a change that is not a fact leaves it */
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	make_user(&u, "gen-user", EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(fx->s, &u), EC_OK);
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	assert_int_equal(ec_store_facts_generation(fx->s, &g), EC_OK);
	assert_true(g == g0);
	/* a committed report moves it, once per commit, and the other
	** connection sees it after the commit, not before */
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	make_report(&r, sd.enterprise_id[0], ec_period_make(2021, 1), 1);
	assert_int_equal(ec_store_report_put(fx->s, &r), EC_OK);
	make_report(&r, sd.enterprise_id[0], ec_period_make(2021, 2), 2);
	assert_int_equal(ec_store_report_put(fx->s, &r), EC_OK);
	assert_int_equal(ec_store_facts_generation(other, &h), EC_OK);
	assert_true(h == g0);
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	assert_int_equal(ec_store_facts_generation(fx->s, &g), EC_OK);
	assert_true(g == g0 + 1);
	assert_int_equal(ec_store_facts_generation(other, &h), EC_OK);
	assert_true(h == g);
	/* a deflator and an enterprise outside a transaction move it at once */
	memset(&df, 0, sizeof df);
	snprintf(df.division, sizeof df.division, "39");
	df.period = ec_period_make(2021, 1);
	df.ppi_yoy = 101.5;
	assert_int_equal(ec_store_deflator_put(fx->s, &df), EC_OK);
	assert_int_equal(ec_store_facts_generation(fx->s, &h), EC_OK);
	assert_true(h == g + 1);
	make_enterprise(&e, 0);
	assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
	assert_int_equal(ec_store_facts_generation(fx->s, &g), EC_OK);
	assert_true(g == h + 1);
	/* a read transaction sees one state, and moves nothing */
	assert_int_equal(ec_store_begin_read(other), EC_OK);
	assert_int_equal(ec_store_facts_generation(other, &h), EC_OK);
	make_enterprise(&e, 0);
	assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
	assert_int_equal(ec_store_facts_generation(other, &h), EC_OK);
	assert_true(h == g);
	assert_int_equal(ec_store_commit(other), EC_OK);
	assert_int_equal(ec_store_facts_generation(other, &h), EC_OK);
	assert_true(h == g + 1);
	ec_store_close(other);
}

struct heard {
	char what[8][32];
	int n;
};

static void on_heard(void *ctx, const char *what)
{
	struct heard *h = ctx;

	if (h->n < 8)
		snprintf(h->what[h->n++], sizeof h->what[0], "%s", what);
}

/* Waits up to 2 s for the first announcement, then takes what else came. */
static void hear(struct ec_store *s, struct heard *h)
{
	memset(h, 0, sizeof *h);
	for (int i = 0; i < 8 && h->n == 0; i++)
		assert_int_equal(ec_store_announcements(s, 250, on_heard, h), EC_OK);
	assert_int_equal(ec_store_announcements(s, 50, on_heard, h), EC_OK);
}

/* Announcements: on PostgreSQL a listener hears what another connection
** announces (at its commit, inside a transaction), and "facts" when a
** commit moves the facts' generation, not when a rollback undoes the move;
** SQLite has none (listening refused, announcing a no-op). */
static void test_announcements(void **state)
{
	struct fixture *fx = *state;
	struct ec_store *listener = open_again(fx->uri, 0);
	struct ec_enterprise e;
	struct seeded sd;
	struct heard h;

	seed(fx->s, &sd);
	if (!is_postgres(fx->uri)) {
		assert_int_equal(ec_store_listen(listener, NULL), EC_EUSAGE);
		assert_int_equal(ec_store_announce(fx->s, "auth x"), EC_OK);
		ec_store_close(listener);
		return;
	}
	assert_int_equal(ec_store_listen(listener, NULL), EC_OK);
	assert_int_equal(ec_store_announce(fx->s, "auth 1"), EC_OK);
	hear(listener, &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.what[0], "auth 1");
	/* in a transaction: sent at the commit, not at all after a rollback */
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	assert_int_equal(ec_store_announce(fx->s, "library 1"), EC_OK);
	make_enterprise(&e, 0);
	assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	memset(&h, 0, sizeof h);
	assert_int_equal(ec_store_announcements(listener, 300, on_heard, &h), EC_OK);
	assert_int_equal(h.n, 0);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	make_enterprise(&e, 0);
	assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	hear(listener, &h);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.what[0], "facts");
	ec_store_close(listener);
}

/* begin, writes, commit: a second connection sees them, and not before. */
static void test_commit_visible_to_second_connection(void **state)
{
	struct fixture *fx = *state;
	struct ec_store *other = open_again(fx->uri, 0);
	struct seeded sd;
	char *empty = dump(other), *mine, *theirs;

	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	seed(fx->s, &sd);
	assert_dump(other, empty); /* not committed: not seen */
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	mine = dump(fx->s);
	theirs = dump(other);
	assert_string_equal(theirs, mine);
	free(theirs);
	free(mine);
	/* A third connection, opened after the commit, sees it too. */
	ec_store_close(other);
	other = open_again(fx->uri, EC_STORE_READONLY);
	mine = dump(fx->s);
	assert_dump(other, mine);
	free(mine);
	ec_store_close(other);
	free(empty);
}

/* A write refused inside a transaction, then rollback: nothing of the
** transaction is left. */
static void test_refused_write_in_transaction(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_user dave, again;
	struct ec_enterprise e;
	struct ec_cluster c;
	char *before;

	seed(fx->s, &sd);
	before = dump(fx->s);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	make_user(&dave, "dave", EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(fx->s, &dave), EC_OK);
	make_enterprise(&e, 0);
	make_uscc(e.uscc, "320500", 555);
	assert_int_equal(ec_store_enterprise_put(fx->s, &e), EC_OK);
	make_cluster(&c, "IN-TX", EC_TIER_CLUSTER, "", "in the transaction");
	assert_int_equal(ec_store_cluster_put(fx->s, &c), EC_OK);
	make_user(&again, "alice", EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(fx->s, &again), EC_EDATA);
	assert_true(strlen(ec_store_errmsg(fx->s)) > 0);
	assert_int_equal(ec_store_rollback(fx->s), EC_OK);
	assert_dump(fx->s, before);
	assert_int_equal(ec_store_user_get(fx->s, "dave", &dave), EC_ENOTFOUND);
	assert_int_equal(ec_store_enterprise_get(fx->s, e.uscc, &e), EC_ENOTFOUND);
	assert_int_equal(ec_store_cluster_get(fx->s, "IN-TX", &c), EC_ENOTFOUND);
	/* The store goes on: a new transaction commits. */
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	make_user(&dave, "dave", EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(fx->s, &dave), EC_OK);
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	assert_int_equal(ec_store_user_get(fx->s, "dave", &again), EC_OK);
	free(before);
}

/* ---- iterators stop when their callback says so ---- */

#define STOP_VALUE 42

static int stop_enterprise(void *ctx, const struct ec_enterprise *e)
{
	(void)e;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_report(void *ctx, const struct ec_report *r)
{
	(void)r;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_deflator(void *ctx, const struct ec_deflator *d)
{
	(void)d;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_import_log(void *ctx, const struct ec_import_log *l)
{
	(void)l;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_user(void *ctx, const struct ec_user *u)
{
	(void)u;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_audit(void *ctx, const struct ec_audit *a)
{
	(void)a;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_cluster(void *ctx, const struct ec_cluster *c)
{
	(void)c;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_member(void *ctx, const char *cluster, const char *uscc, int include)
{
	(void)cluster, (void)uscc, (void)include;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_indicator(void *ctx, const char *cluster, int year, const char *indicator, double value)
{
	(void)cluster, (void)year, (void)indicator, (void)value;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_project(void *ctx, const struct ec_project *p)
{
	(void)p;
	return ++*(int *)ctx, STOP_VALUE;
}

static int stop_fund(void *ctx, const struct ec_fund *f)
{
	(void)f;
	return ++*(int *)ctx, STOP_VALUE;
}

static int negative_enterprise(void *ctx, const struct ec_enterprise *e)
{
	(void)e;
	return ++*(int *)ctx, -77;
}

/* Every iterator over a seeded store (each lists two or more) stops at
** the first callback that returns non-zero and returns that value. */
static void test_iterator_stop(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	int64_t total = -1;
	char *before;
	int calls;

#define EXPECT_STOP(call)                                                                            \
	do {                                                                                         \
		calls = 0;                                                                           \
		int rc_ = (call);                                                                    \
		if (rc_ != STOP_VALUE || calls != 1)                                                 \
			fail_msg("%s returned %d after %d calls, expected %d after 1", #call, rc_,   \
				 calls, STOP_VALUE);                                                 \
	} while (0)

	seed(fx->s, &sd);
	before = dump(fx->s);
	EXPECT_STOP(ec_store_enterprise_each(fx->s, stop_enterprise, &calls));
	EXPECT_STOP(ec_store_enterprise_query(fx->s, NO_FILTER, 0, 10, stop_enterprise, &calls, &total));
	assert_int_equal(total, NENTERPRISES);
	EXPECT_STOP(ec_store_report_each(fx->s, -1, -1, stop_report, &calls));
	EXPECT_STOP(ec_store_report_each_enterprise(fx->s, sd.enterprise_id[0], stop_report, &calls));
	EXPECT_STOP(ec_store_deflator_each(fx->s, -1, -1, stop_deflator, &calls));
	EXPECT_STOP(ec_store_import_log_each(fx->s, stop_import_log, &calls));
	EXPECT_STOP(ec_store_user_each(fx->s, stop_user, &calls));
	EXPECT_STOP(ec_store_audit_each(fx->s, 10, stop_audit, &calls));
	EXPECT_STOP(ec_store_cluster_each(fx->s, stop_cluster, &calls));
	EXPECT_STOP(ec_store_cluster_member_each(fx->s, NULL, stop_member, &calls));
	EXPECT_STOP(ec_store_cluster_member_each(fx->s, "SZ-NANO", stop_member, &calls));
	EXPECT_STOP(ec_store_cluster_indicator_each(fx->s, NULL, stop_indicator, &calls));
	EXPECT_STOP(ec_store_cluster_indicator_each(fx->s, "SZ-NANO", stop_indicator, &calls));
	EXPECT_STOP(ec_store_project_each(fx->s, stop_project, &calls));
	EXPECT_STOP(ec_store_fund_each(fx->s, stop_fund, &calls));
	/* Any non-zero value, a negative one too. */
	calls = 0;
	assert_int_equal(ec_store_enterprise_each(fx->s, negative_enterprise, &calls), -77);
	assert_int_equal(calls, 1);
#undef EXPECT_STOP
	/* Stopping leaves nothing behind: the store reads whole lists, writes
	** and commits, inside a transaction and out. */
	assert_dump(fx->s, before);
	assert_int_equal(ec_store_begin(fx->s), EC_OK);
	calls = 0;
	assert_int_equal(ec_store_report_each(fx->s, -1, -1, stop_report, &calls), STOP_VALUE);
	assert_int_equal(ec_store_deflator_put(fx->s, &(struct ec_deflator){ "39", period(2023, 9), 98 }), EC_OK);
	assert_int_equal(ec_store_commit(fx->s), EC_OK);
	{
		struct ec_store *other = open_again(fx->uri, EC_STORE_READONLY);
		char *mine = dump(fx->s);
		assert_dump(other, mine);
		free(mine);
		ec_store_close(other);
	}
	free(before);
}

/* The store's own message after a failure, and the opener's. */
static void test_errmsg(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_user dup;
	struct ec_report r;
	struct ec_store *s;
	char *first, *err = NULL, uri[URI_MAX];

	assert_non_null(ec_store_errmsg(fx->s)); /* never NULL, even before a failure */
	seed(fx->s, &sd);
	make_user(&dup, "alice", EC_ROLE_ANALYST, "", 0);
	assert_int_equal(ec_store_user_add(fx->s, &dup), EC_EDATA);
	assert_non_null(ec_store_errmsg(fx->s));
	assert_true(strlen(ec_store_errmsg(fx->s)) > 0);
	assert_string_not_equal(ec_store_errmsg(fx->s), "unknown error");
	first = ec_strdup(ec_store_errmsg(fx->s));
	/* Another failure, another message: it is the last error's. */
	make_report(&r, sd.enterprise_id[NENTERPRISES - 1] + 999, period(2023, 1), 0);
	assert_failed(ec_store_report_put(fx->s, &r));
	assert_true(strlen(ec_store_errmsg(fx->s)) > 0);
	assert_string_not_equal(ec_store_errmsg(fx->s), first);
	free(first);
	/* A failed open: no store, a message for the caller to free. */
	assert_int_equal(fresh_store_uri("errmsg-absent", uri, sizeof uri), 0);
	s = fx->s;
	assert_true(ec_store_open(uri, 0, &s, &err) < 0);
	assert_null(s);
	assert_non_null(err);
	assert_true(strlen(err) > 0);
	free(err);
}

/* ---- the list calls that hand back arrays ---- */

/* Every list call on an empty store: OK, NULL, 0. */
static void test_lists_empty(void **state)
{
	static char sentinel; /* the calls must set NULL over whatever was there */
	struct fixture *fx = *state;
	struct ec_cluster *c = (void *)&sentinel;
	struct ec_project *p = (void *)&sentinel;
	struct ec_fund *f = (void *)&sentinel;
	struct ec_user *u = (void *)&sentinel;
	struct ec_audit *a = (void *)&sentinel;
	struct ec_import_log *l = (void *)&sentinel;
	size_t n;

	n = 9;
	assert_int_equal(ec_store_cluster_list(fx->s, &c, &n), EC_OK);
	assert_null(c);
	assert_int_equal(n, 0);
	n = 9;
	assert_int_equal(ec_store_project_list(fx->s, &p, &n), EC_OK);
	assert_null(p);
	assert_int_equal(n, 0);
	n = 9;
	assert_int_equal(ec_store_fund_list(fx->s, &f, &n), EC_OK);
	assert_null(f);
	assert_int_equal(n, 0);
	n = 9;
	assert_int_equal(ec_store_user_list(fx->s, &u, &n), EC_OK);
	assert_null(u);
	assert_int_equal(n, 0);
	n = 9;
	assert_int_equal(ec_store_audit_list(fx->s, -1, &a, &n), EC_OK);
	assert_null(a);
	assert_int_equal(n, 0);
	n = 9;
	assert_int_equal(ec_store_import_log_list(fx->s, &l, &n), EC_OK);
	assert_null(l);
	assert_int_equal(n, 0);
	/* The free functions take what an empty list gives. */
	ec_store_project_list_free(NULL, 0);
	ec_store_audit_list_free(NULL, 0);
	ec_store_import_log_list_free(NULL, 0);
}

/* Clusters, funds, users: arrays equal to what the iterators give, in
** their order; plain free(). */
static void test_lists_plain(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_cluster *c = NULL, extra;
	struct ec_fund *f = NULL;
	struct ec_user *u = NULL, carol;
	struct fund_list fl = { .n = 0 };
	struct user_list ul = { .n = 0 };
	struct ec_buf text;
	size_t n = 0;

	seed(fx->s, &sd);
	/* More clusters than one growth step holds. */
	for (int i = 0; i < 40; i++) {
		char code[16];
		snprintf(code, sizeof code, "X-%02d", 39 - i);
		make_cluster(&extra, code, EC_TIER_CLUSTER, "", code);
		assert_int_equal(ec_store_cluster_put(fx->s, &extra), EC_OK);
	}
	make_user(&carol, "carol", EC_ROLE_FUND, "F-01", 1);
	assert_int_equal(ec_store_user_add(fx->s, &carol), EC_OK);

	assert_int_equal(ec_store_cluster_list(fx->s, &c, &n), EC_OK);
	assert_int_equal(n, 42);
	assert_non_null(c);
	{
		struct ec_buf want;
		ec_buf_init(&want, 0);
		ec_buf_init(&text, 0);
		for (size_t i = 0; i < n; i++)
			dump_cluster(&text, &c[i]);
		assert_int_equal(ec_store_cluster_each(fx->s, dump_cluster, &want), EC_OK);
		assert_string_equal(text.data, want.data);
		ec_buf_release(&want);
		ec_buf_release(&text);
	}
	assert_string_equal(c[0].code, "SZ-NANO");
	assert_string_equal(c[2].code, "X-39");
	assert_string_equal(c[41].code, "X-00");
	free(c);

	assert_int_equal(ec_store_fund_list(fx->s, &f, &n), EC_OK);
	assert_int_equal(n, 2);
	ec_buf_init(&fl.text, 0);
	assert_int_equal(ec_store_fund_each(fx->s, collect_fund, &fl), EC_OK);
	ec_buf_init(&text, 0);
	for (size_t i = 0; i < n; i++)
		dump_fund_into(&text, &f[i]);
	assert_string_equal(text.data, fl.text.data);
	ec_buf_release(&text);
	ec_buf_release(&fl.text);
	free(f);

	assert_int_equal(ec_store_user_list(fx->s, &u, &n), EC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(ec_store_user_each(fx->s, collect_user, &ul), EC_OK);
	assert_int_equal(ul.n, 3);
	for (size_t i = 0; i < n; i++)
		assert_user_equal(&u[i], &ul.items[i]);
	assert_string_equal(u[0].name, "alice");
	assert_string_equal(u[1].name, "bob");
	assert_string_equal(u[2].name, "carol");
	free(u);
}

/* Projects: deep copies, equal to project_get's, freed by the list's free. */
static void test_lists_projects(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_project *p = NULL, got, extra;
	size_t n = 0;

	seed(fx->s, &sd);
	for (int i = 0; i < 20; i++) {
		char code[16];
		snprintf(code, sizeof code, "Q-%02d", i);
		make_project(&extra, code, i % 2);
		assert_int_equal(ec_store_project_put(fx->s, &extra), EC_OK);
		ec_project_release(&extra);
	}
	assert_int_equal(ec_store_project_list(fx->s, &p, &n), EC_OK);
	assert_int_equal(n, 22);
	assert_string_equal(p[0].code, "P-001");
	assert_string_equal(p[1].code, "P-002");
	assert_string_equal(p[21].code, "Q-19");
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(ec_store_project_get(fx->s, p[i].code, &got), EC_OK);
		assert_project_equal(&p[i], &got);
		ec_project_release(&got);
	}
	assert_int_equal(p[0].nplan, 3);
	assert_int_equal(p[0].nrevisions, 1);
	assert_null(p[1].plan);
	/* The copies outlive the store's connection. */
	ec_store_close(fx->s);
	fx->s = NULL;
	assert_string_equal(p[0].revisions[0].reason, "扩建二期厂房");
	assert_double_exact(p[0].plan[2].share, 1.0);
	ec_store_project_list_free(p, n);
	/* Releasing each and freeing the array is the other way. */
	fx->s = open_again(fx->uri, 0);
	assert_int_equal(ec_store_project_list(fx->s, &p, &n), EC_OK);
	for (size_t i = 0; i < n; i++)
		ec_project_release(&p[i]);
	free(p);
}

/* Audit and import log: the list owns copies of the strings. */
static void test_lists_audit_import_log(void **state)
{
	struct fixture *fx = *state;
	struct seeded sd;
	struct ec_audit *a = NULL;
	struct ec_import_log *l = NULL;
	struct audit_list al = { .n = 0 };
	struct log_list ll = { .n = 0 };
	size_t n = 0, nl = 0;

	seed(fx->s, &sd);
	for (int i = 0; i < 30; i++) {
		char summary[32];
		snprintf(summary, sizeof summary, "entry %d", i);
		assert_int_equal(ec_store_audit_add(fx->s, &(struct ec_audit){ .user = "carol", .action = "bulk",
									    .target = "", .summary = summary }),
				 EC_OK);
	}
	assert_int_equal(ec_store_audit_each(fx->s, 100, collect_audit, &al), EC_OK);
	assert_int_equal(al.n, 32);
	assert_int_equal(ec_store_audit_list(fx->s, -1, &a, &n), EC_OK);
	assert_int_equal(n, 32);
	assert_string_equal(a[0].summary, "entry 29"); /* newest first */
	assert_string_equal(a[31].action, "user.add");
	ec_store_audit_list_free(a, n);
	assert_int_equal(ec_store_audit_list(fx->s, 3, &a, &n), EC_OK);
	assert_int_equal(n, 3);
	assert_int_equal(ec_store_import_log_list(fx->s, &l, &nl), EC_OK);
	assert_int_equal(nl, 2);
	assert_int_equal(ec_store_import_log_each(fx->s, collect_log, &ll), EC_OK);
	/* The copies outlive the connection, and match what the iterators gave. */
	ec_store_close(fx->s);
	fx->s = NULL;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(a[i].id, al.id[i]);
		assert_string_equal(a[i].at, al.at[i]);
		assert_string_equal(a[i].user, al.user[i]);
		assert_string_equal(a[i].action, al.action[i]);
		assert_string_equal(a[i].target, al.target[i]);
		assert_string_equal(a[i].summary, al.summary[i]);
	}
	for (size_t i = 0; i < nl; i++) {
		assert_int_equal(l[i].id, ll.id[i]);
		assert_string_equal(l[i].at, ll.at[i]);
		assert_string_equal(l[i].file, ll.file[i]);
		assert_string_equal(l[i].kind, ll.kind[i]);
		assert_true(l[i].rows == ll.rows[i]);
		assert_string_equal(l[i].sha256, ll.sha[i]);
	}
	ec_store_audit_list_free(a, n);
	ec_store_import_log_list_free(l, nl);
}

/* ---- whole tables: a copy into a fresh store equals the source ---- */

/* A row as text, appended to the buffer: the kinds and values exactly. */
static int dump_row(void *ctx, const struct ec_value *row, int ncols)
{
	struct ec_buf *b = ctx;

	for (int i = 0; i < ncols; i++) {
		const struct ec_value *v = &row[i];
		if (v->kind == EC_VALUE_INT)
			ec_buf_printf(b, "I%lld|", (long long)v->i);
		else if (v->kind == EC_VALUE_REAL)
			ec_buf_printf(b, "R%.17g|", v->r);
		else if (v->kind == EC_VALUE_TEXT || v->kind == EC_VALUE_BLOB) {
			ec_buf_printf(b, "%c%zu:", v->kind == EC_VALUE_TEXT ? 'T' : 'B', v->n);
			ec_buf_add(b, v->p, v->n);
			ec_buf_addc(b, '|');
		} else
			ec_buf_adds(b, "N|");
	}
	ec_buf_addc(b, '\n');
	return 0;
}

struct put_ctx {
	struct ec_store *to;
	int table;
};

static int put_row(void *ctx, const struct ec_value *row, int ncols)
{
	struct put_ctx *p = ctx;
	return ec_store_table_put(p->to, p->table, row, ncols) == EC_OK ? 0 : 1;
}

static void dump_store(struct ec_store *s, struct ec_buf *b)
{
	for (int t = 0; ec_store_table_name(s, t); t++) {
		ec_buf_printf(b, "[%s]\n", ec_store_table_name(s, t));
		assert_int_equal(ec_store_table_each(s, t, dump_row, b), EC_OK);
	}
}

static void test_table_copy(void **state)
{
	struct fixture *fx = *state;
	const char xlsx[] = { 'P', 'K', 0, 1, 2 };
	struct ec_published doc = { .kind = "bulletin", .period = "2020-06", .region = "", .lang = "zh",
				    .generation = 7, .made_by = "ana", .html = "", .html_len = 0, .xlsx = xlsx,
				    .xlsx_len = 5 };
	struct ec_user u = { .name = "ana", .password_hash = "h", .role = EC_ROLE_ANALYST };
	struct ec_user later = { .name = "bo", .password_hash = "h", .role = EC_ROLE_ANALYST };
	struct ec_audit a = { .user = "ana", .action = "user.add", .target = "ana", .summary = "名" };
	/* what a copy's text format must escape (PostgreSQL's COPY) */
	struct ec_audit odd = { .user = "ana", .action = "user.add", .target = "\\N",
				.summary = "tab\there\nnewline\rcr\\backslash \\N \\x00 end\\" };
	struct ec_buf from, to;
	struct ec_store *copy;
	char uri[URI_MAX];
	int64_t rows = -1;
	int n = 0;

	assert_int_equal(ec_store_user_add(fx->s, &u), EC_OK);
	assert_int_equal(ec_store_audit_add(fx->s, &a), EC_OK);
	assert_int_equal(ec_store_audit_add(fx->s, &odd), EC_OK);
	assert_int_equal(ec_store_published_add(fx->s, &doc), EC_OK);
	while (ec_store_table_name(fx->s, n))
		n++;
	assert_true(n > 30);
	copy = open_fresh("test_table_copy_target", uri, sizeof uri);
	assert_int_equal(ec_store_begin(copy), EC_OK);
	for (int t = 0; t < n; t++) {
		struct put_ctx p = { copy, t };
		if (ec_store_table_seeded(copy, t))
			assert_int_equal(ec_store_table_clear(copy, t), EC_OK);
		assert_int_equal(ec_store_table_each(fx->s, t, put_row, &p), EC_OK);
	}
	assert_int_equal(ec_store_table_seal(copy), EC_OK);
	assert_int_equal(ec_store_commit(copy), EC_OK);
	ec_buf_init(&from, 0);
	ec_buf_init(&to, 0);
	dump_store(fx->s, &from);
	dump_store(copy, &to);
	assert_int_equal((int)from.len, (int)to.len);
	assert_memory_equal(from.data, to.data, from.len);
	ec_buf_release(&from);
	ec_buf_release(&to);
	for (int t = 0; t < n; t++)
		if (strcmp(ec_store_table_name(copy, t), "published_report") == 0)
			assert_int_equal(ec_store_table_rows(copy, t, &rows), EC_OK);
	assert_int_equal((int)rows, 1);
	/* the keys the store gives go on after the copied ones */
	assert_int_equal(ec_store_user_add(copy, &later), EC_OK);
	assert_true(later.id > u.id);
	ec_store_close(copy);
}

/* Each case gets its name as initial state; setup opens a fresh store. */
#define CASE(f) cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, (void *)#f)

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(test_open_create_reopen),
		cmocka_unit_test(test_open_missing_without_create),
		CASE(test_readonly_refuses_every_write),
		CASE(test_catalog_roundtrip),
		CASE(test_catalog_clear),
		CASE(test_write_catalogs),
		CASE(test_enterprise_ids_and_revenue),
		CASE(test_enterprise_roundtrip),
		CASE(test_enterprise_reclassify),
		CASE(test_enterprise_query_filters),
		CASE(test_enterprise_query_paging),
		CASE(test_report_roundtrip),
		CASE(test_report_put_many),
		CASE(test_reads_in_batches_and_stops),
		CASE(test_identity),
		CASE(test_deflator_roundtrip),
		CASE(test_import_log),
		CASE(test_user_roundtrip),
		CASE(test_sessions),
		CASE(test_clusters),
		CASE(test_cluster_members),
		CASE(test_cluster_indicators),
		CASE(test_projects),
		CASE(test_project_put_refused_leaves_project),
		CASE(test_funds),
		CASE(test_digital),
		CASE(test_digital_rollback),
		CASE(test_incentives),
		CASE(test_scenarios),
		CASE(test_scenarios_rollback),
		CASE(test_scenario_attachments),
		CASE(test_audit),
		CASE(test_jobs),
		CASE(test_published),
		CASE(test_counts),
		CASE(test_bulk_mode),
		CASE(test_rollback_restores),
		CASE(test_facts_generation),
		CASE(test_announcements),
		CASE(test_jobs_held),
		CASE(test_commit_visible_to_second_connection),
		CASE(test_refused_write_in_transaction),
		CASE(test_iterator_stop),
		CASE(test_errmsg),
		CASE(test_lists_empty),
		CASE(test_lists_plain),
		CASE(test_lists_projects),
		CASE(test_lists_audit_import_log),
		CASE(test_table_copy),
	};

	uri_prefix = getenv("EC_STORE_URI_PREFIX");
	if (!uri_prefix || !*uri_prefix) {
		fprintf(stderr, "conformance: set EC_STORE_URI_PREFIX to where fresh stores may be made "
				"(a directory for SQLite)\n");
		return 2;
	}
	print_message("store conformance on %s\n", uri_prefix);
	return cmocka_run_group_tests_name("store conformance", tests, NULL, NULL);
}
