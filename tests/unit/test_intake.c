/* Unit tests of data intake through the application (ec_app_import):
** all-or-nothing imports, idempotent updates, dry runs and export round
** trips, on a real SQLite file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "echelon/app.h"
#include "testdb.h"

static char path[256];
static struct ec_app *store;
static struct ec_actor who;

static const char enterprises[] =
	"uscc,name,industry,region,lat,lon,founded,sei_categories\n"
	"9144030071526726XG,\"示例, 有限公司\",3973,440305,22.54,113.95,1999-09-09,\n"
	"91330100716105852F,另一家企业,3911,330106,,,,\n";

static const char reports[] =
	"uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n"
	"9144030071526726XG,2020-01,100.5,99,25,10,3,0,1,0\n"
	"9144030071526726XG,2020-02,80,80,20,10,3,1,0,0\n"
	"91330100716105852F,2020-01,50,50,12.25,5,0,0,0,0\n";

static int setup(void **state)
{
	struct ec_diag d;
	char *err = NULL;
	int installed;
	(void)state;
	testdb_path(path, sizeof path, "test_intake");
	ec_actor_login(&who, "test");
	ec_diag_init(&d, 10);
	if (ec_app_open(path, EC_STORE_CREATE, &store, &err) || ec_app_catalog_install(store, &who, &installed, &d))
		return -1;
	ec_diag_release(&d);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ec_app_close(store);
	testdb_remove(path);
	return 0;
}

static int import(enum ec_intake_kind kind, const char *data, struct ec_diag *d, int dry)
{
	struct ec_import_opts opts = { .dry_run = dry };
	struct ec_import_result res;
	return ec_app_import(store, &who, kind, "t.csv", data, strlen(data), &opts, &res, d);
}

static char *export(enum ec_intake_kind kind)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(ec_app_export(store, kind, -1, -1, f, &err), EC_OK);
	fclose(f);
	return buf;
}

static void test_roundtrip_and_idempotence(void **state)
{
	struct ec_diag d;
	struct ec_store_counts c;
	char *out;
	(void)state;
	ec_diag_init(&d, 100);
	assert_int_equal(import(EC_IN_ENTERPRISES, enterprises, &d, 0), EC_OK);
	assert_int_equal(import(EC_IN_REPORTS, reports, &d, 0), EC_OK);
	out = export(EC_IN_REPORTS);
	assert_string_equal(out, reports);
	free(out);
	out = export(EC_IN_ENTERPRISES);
	assert_string_equal(out, enterprises);
	free(out);
	/* The same rows again update in place. */
	assert_int_equal(import(EC_IN_REPORTS, reports, &d, 0), EC_OK);
	assert_int_equal(ec_app_counts(store, &c), EC_OK);
	assert_int_equal(c.reports, 3);
	assert_int_equal(c.enterprises, 2);
	assert_int_equal(c.imports, 3);
	assert_int_equal(d.total, 0);
	ec_diag_release(&d);
}

static void test_all_or_nothing(void **state)
{
	static const char bad[] =
		"uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n"
		"9144030071526726XG,2020-03,1,1,1,1,1,1,1,1\n"
		"9144030071526726XG,2020-04,1,1,-1,1,1,1,1,1\n";
	struct ec_diag d;
	struct ec_store_counts before, after;
	(void)state;
	ec_diag_init(&d, 100);
	assert_int_equal(import(EC_IN_ENTERPRISES, enterprises, &d, 0), EC_OK);
	assert_int_equal(ec_app_counts(store, &before), EC_OK);
	assert_int_equal(import(EC_IN_REPORTS, bad, &d, 0), EC_EDATA);
	assert_int_equal(d.total, 1);
	assert_string_equal(d.messages[0], "t.csv:3: column value_added: -1 is negative, expected a number >= 0");
	assert_int_equal(ec_app_counts(store, &after), EC_OK);
	assert_int_equal(after.reports, before.reports);
	assert_int_equal(after.imports, before.imports);
	ec_diag_release(&d);
}

static void test_dry_run(void **state)
{
	struct ec_diag d;
	struct ec_store_counts c;
	(void)state;
	ec_diag_init(&d, 100);
	assert_int_equal(import(EC_IN_ENTERPRISES, enterprises, &d, 1), EC_OK);
	assert_int_equal(ec_app_counts(store, &c), EC_OK);
	assert_int_equal(c.enterprises, 0);
	assert_int_equal(c.imports, 0);
	ec_diag_release(&d);
}

static void test_messages(void **state)
{
	static const char bad[] =
		"uscc,name,industry,region,lat,lon,founded,sei_categories\n"
		"9144030071526726XA,a,3973,440305,,,,\n"
		"9144030071526726XG,b,39,440305,,,,\n"
		"9144030071526726XG,c,3973,999999,,,2020-02-30,\n"
		"91330100716105852F,d,3973,440305,91,,,1\n";
	struct ec_diag d;
	(void)state;
	ec_diag_init(&d, 100);
	assert_int_equal(import(EC_IN_ENTERPRISES, bad, &d, 0), EC_EDATA);
	assert_int_equal(d.total, 8);
	assert_string_equal(d.messages[0], "t.csv:2: column uscc: check character is 'A', expected 'G'");
	assert_string_equal(d.messages[1],
			    "t.csv:3: column industry: '39' is not a class, expected a GB/T 4754-2017 class (4 digits)");
	assert_string_equal(d.messages[2], "t.csv:4: column uscc: '9144030071526726XG' repeats line 3");
	assert_string_equal(d.messages[3],
			    "t.csv:4: column region: unknown region code '999999': neither it nor its prefecture 999900 is in the region catalogue");
	assert_string_equal(d.messages[4], "t.csv:4: column founded: '2020-02-30' is not a date, expected YYYY-MM-DD");
	assert_string_equal(d.messages[5], "t.csv:5: column lat: '91', expected a latitude in degrees between -90 and 90");
	assert_string_equal(d.messages[6], "t.csv:5: column lon: '', expected a longitude in degrees between -180 and 180");
	assert_string_equal(d.messages[7],
			    "t.csv:5: column sei_categories: '1' is an area, expected a sub-direction code like 1.2.3");
	ec_diag_release(&d);
}

/* A cancelled import (a job's DELETE) stops within 4096 rows and stores
** nothing. */
static void test_cancel(void **state)
{
	struct ec_buf b;
	struct ec_diag d;
	struct ec_store_counts before, after;
	struct ec_import_result res;
	int stop = 1;
	struct ec_import_opts opts = { .cancel = &stop };
	(void)state;
	ec_diag_init(&d, 100);
	assert_int_equal(import(EC_IN_ENTERPRISES, enterprises, &d, 0), EC_OK);
	assert_int_equal(ec_app_counts(store, &before), EC_OK);
	ec_buf_init(&b, 0);
	ec_buf_adds(&b, "uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n");
	for (int y = 1901; y <= 2300; y++)
		for (int m = 1; m <= 12; m++)
			ec_buf_printf(&b, "9144030071526726XG,%04d-%02d,1,1,1,1,1,1,1,1\n", y, m);
	assert_int_equal(ec_app_import(store, &who, EC_IN_REPORTS, "t.csv", b.data, b.len, &opts, &res, &d), EC_ECANCELLED);
	assert_int_equal(res.rows, 4096);
	assert_int_equal(ec_app_counts(store, &after), EC_OK);
	assert_int_equal(after.reports, before.reports);
	assert_int_equal(after.imports, before.imports);
	stop = 0;
	assert_int_equal(ec_app_import(store, &who, EC_IN_REPORTS, "t.csv", b.data, b.len, &opts, &res, &d), EC_OK);
	assert_int_equal(res.rows, 400 * 12);
	ec_buf_release(&b);
	ec_diag_release(&d);
}

/* What the caller keeps with the rows (ec_import_opts.stored, a server
** job's record that it is done): written in the import's transaction, so
** kept with the rows or not at all; not called for a refused file. */
struct hook {
	int calls, fail;
	int64_t rows;
};

static int keep_job(void *ctx, struct ec_app *app, const struct ec_import_result *res)
{
	struct hook *h = ctx;
	struct ec_job j = { .user_id = 1, .kind = "import", .label = "t.csv", .state = "done", .created_at = 1,
			    .started_at = 1, .finished_at = 2, .expires_at = 4000000000, .http_status = 200,
			    .result = "{}" };
	h->calls++;
	h->rows = res->rows;
	snprintf(j.id, sizeof j.id, "%032d", h->calls);
	assert_int_equal(ec_app_job_put(app, &j), EC_OK);
	return h->fail ? EC_EIO : EC_OK;
}

static int job_seen(void *ctx, const struct ec_job *j)
{
	*(int *)ctx = strcmp(j->state, "done") == 0;
	return 0;
}

static void test_stored_hook(void **state)
{
	static const char bad[] =
		"uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n"
		"9144030071526726XG,2020-03,1,1,-1,1,1,1,1,1\n";
	static const char more[] =
		"uscc,period,revenue,output,value_added,employees,rd_expense,patents,investment,exports\n"
		"9144030071526726XG,2020-05,1,1,1,1,1,1,1,1\n";
	struct hook h = { 0 };
	struct ec_import_opts opts = { .stored = keep_job, .stored_ctx = &h };
	struct ec_import_result res;
	struct ec_store_counts before, after;
	struct ec_diag d;
	char id[33];
	int done = 0;
	(void)state;
	ec_diag_init(&d, 100);
	assert_int_equal(import(EC_IN_ENTERPRISES, enterprises, &d, 0), EC_OK);
	/* kept with the rows */
	assert_int_equal(ec_app_import(store, &who, EC_IN_REPORTS, "t.csv", reports, strlen(reports), &opts, &res, &d), EC_OK);
	assert_int_equal(h.calls, 1);
	assert_int_equal(h.rows, 3);
	snprintf(id, sizeof id, "%032d", 1);
	assert_int_equal(ec_app_job_get(store, id, 0, job_seen, &done), EC_OK);
	assert_int_equal(done, 1);
	/* failing, it fails the import: neither the rows nor what it wrote */
	assert_int_equal(ec_app_counts(store, &before), EC_OK);
	h.fail = 1;
	assert_int_equal(ec_app_import(store, &who, EC_IN_REPORTS, "t.csv", more, strlen(more), &opts, &res, &d), EC_EIO);
	assert_int_equal(h.calls, 2);
	snprintf(id, sizeof id, "%032d", 2);
	assert_int_equal(ec_app_job_get(store, id, 0, job_seen, &done), EC_ENOTFOUND);
	assert_int_equal(ec_app_counts(store, &after), EC_OK);
	assert_int_equal(after.reports, before.reports);
	assert_int_equal(after.imports, before.imports);
	/* a refused file: not called */
	h.fail = 0;
	assert_int_equal(ec_app_import(store, &who, EC_IN_REPORTS, "t.csv", bad, strlen(bad), &opts, &res, &d), EC_EDATA);
	assert_int_equal(h.calls, 2);
	ec_diag_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roundtrip_and_idempotence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stored_hook, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
