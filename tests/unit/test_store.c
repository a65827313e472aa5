/* Unit tests of the SQLite store: creation, migrations, refusing a newer
** schema, catalogue round trip and transactions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <cmocka.h>

#include "echelon/store.h"
#include "testdb.h"

static char path[256];

static int setup(void **state)
{
	(void)state;
	testdb_path(path, sizeof path, "test_store");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_remove(path);
	return 0;
}

static void test_create_and_version(void **state)
{
	struct ec_store *s;
	char *err = NULL;
	int version;
	(void)state;
	/* Without CREATE a missing file is an error naming the way out. */
	assert_int_equal(ec_store_open(path, 0, &s, &err), EC_EIO);
	assert_non_null(strstr(err, "echelon init"));
	free(err);
	assert_int_equal(ec_store_open(path, EC_STORE_CREATE, &s, &err), EC_OK);
	assert_int_equal(ec_store_schema_version(s, &version), EC_OK);
	assert_int_equal(version, EC_SCHEMA_VERSION);
	ec_store_close(s);
	/* Reopening applies nothing and keeps the version. */
	assert_int_equal(ec_store_open(path, 0, &s, &err), EC_OK);
	assert_int_equal(ec_store_schema_version(s, &version), EC_OK);
	assert_int_equal(version, EC_SCHEMA_VERSION);
	ec_store_close(s);
}

static void test_newer_schema_refused(void **state)
{
	struct ec_store *s;
	sqlite3 *db;
	char *err = NULL;
	(void)state;
	assert_int_equal(ec_store_open(path, EC_STORE_CREATE, &s, &err), EC_OK);
	ec_store_close(s);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(ec_store_open(path, 0, &s, &err), EC_ESCHEMA);
	assert_null(s);
	assert_non_null(strstr(err, "schema version 99 is newer"));
	free(err);
}

static void test_not_a_database(void **state)
{
	struct ec_store *s;
	char *err = NULL;
	FILE *f = fopen(path, "w");
	(void)state;
	fputs("this is not a database, just some text that is long enough to fill a header page", f);
	fclose(f);
	assert_int_equal(ec_store_open(path, 0, &s, &err), EC_EIO);
	assert_non_null(strstr(err, "not an echelon database"));
	free(err);
}

static void test_catalog_roundtrip(void **state)
{
	struct ec_store *s;
	struct ec_catalog cat, back;
	struct ec_diag d;
	char *err = NULL;
	(void)state;
	ec_catalog_init(&cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_load_builtin(&cat, &d), EC_OK);
	assert_int_equal(ec_store_open(path, EC_STORE_CREATE, &s, &err), EC_OK);
	assert_int_equal(ec_store_write_catalog(s, &cat, 0xf), EC_OK);
	ec_catalog_init(&back);
	assert_int_equal(ec_store_catalog_load(s, &back), EC_OK);
	assert_int_equal(back.ncategories, cat.ncategories);
	assert_int_equal(back.nmappings, cat.nmappings);
	assert_int_equal(back.nindustries, cat.nindustries);
	assert_int_equal(back.nregions, cat.nregions);
	for (size_t i = 0; i < cat.nregions; i += 97) {
		assert_string_equal(back.regions[i].code, cat.regions[i].code);
		assert_string_equal(back.regions[i].name_en, cat.regions[i].name_en);
	}
	ec_catalog_release(&back);
	ec_catalog_release(&cat);
	ec_diag_release(&d);
	ec_store_close(s);
}

static int count_deflators(void *ctx, const struct ec_deflator *df)
{
	(void)df;
	++*(int *)ctx;
	return 0;
}

static void test_rollback(void **state)
{
	struct ec_store *s;
	struct ec_catalog cat;
	struct ec_diag d;
	struct ec_deflator df = { "39", 24240, 99.5 };
	char *err = NULL;
	int n = 0;
	(void)state;
	ec_catalog_init(&cat);
	ec_diag_init(&d, 10);
	assert_int_equal(ec_catalog_load_builtin(&cat, &d), EC_OK);
	assert_int_equal(ec_store_open(path, EC_STORE_CREATE, &s, &err), EC_OK);
	assert_int_equal(ec_store_write_catalog(s, &cat, 0xf), EC_OK);
	assert_int_equal(ec_store_begin(s), EC_OK);
	assert_int_equal(ec_store_deflator_put(s, &df), EC_OK);
	assert_int_equal(ec_store_rollback(s), EC_OK);
	assert_int_equal(ec_store_deflator_each(s, -1, -1, count_deflators, &n), EC_OK);
	assert_int_equal(n, 0);
	/* A division that is not in the catalogue breaks a foreign key. */
	assert_int_equal(ec_store_begin(s), EC_OK);
	strcpy(df.division, "00");
	assert_int_equal(ec_store_deflator_put(s, &df), EC_EIO);
	assert_non_null(strstr(ec_store_errmsg(s), "FOREIGN KEY"));
	assert_int_equal(ec_store_rollback(s), EC_OK);
	ec_catalog_release(&cat);
	ec_diag_release(&d);
	ec_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_and_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_catalog_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
