/* Unit tests of the column store's format (src/format/facts.c): what is
** written is what is read, through the mapping and through a stream;
** the writer refuses what would make a wrong file and leaves nothing at the
** path then; damage anywhere is found (the header and the small columns
** when opened, a report column as it is streamed, every column by
** ec_facts_verify and ec_facts_check). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "echelon/facts.h"

#define FIRST (2019 * 12)

static void path_of(char *out, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(out, size, "%s/%s_%d.facts", tmp ? tmp : "/tmp", name, (int)getpid());
	unlink(out);
}

static void enterprise(struct ec_enterprise *e, int64_t id, const char *industry, const char *region,
		       const char *primary)
{
	memset(e, 0, sizeof *e);
	e->id = id;
	snprintf(e->uscc, sizeof e->uscc, "91110000MA0000%04d", (int)id);
	snprintf(e->industry, sizeof e->industry, "%s", industry);
	snprintf(e->region, sizeof e->region, "%s", region);
	snprintf(e->sei_primary, sizeof e->sei_primary, "%s", primary);
	e->lat = id == 2 ? NAN : 30.0 + (double)id;
	e->lon = 110.0 + (double)id;
}

static void report(struct ec_report *r, int64_t id, int period, double va)
{
	memset(r, 0, sizeof *r);
	r->enterprise_id = id;
	r->period = period;
	r->value_added = va;
	r->revenue = va * 10;
	r->rd_expense = va / 10;
	r->employees = INT64_C(5000000000); /* clamped to int32 */
	r->patents = 3;
}

/* Three enterprises (ids 1, 2, 5), 24 months; 2 has no report; a report of
** id 4 (not an enterprise given) is not a fact. */
static struct ec_facts *write_three(const char *path)
{
	struct ec_facts_writer *w;
	struct ec_facts *f = NULL;
	struct ec_enterprise e;
	struct ec_report r;
	struct ec_deflator d;
	char *err = NULL;

	assert_int_equal(ec_facts_writer_open(path, 42, 3, FIRST, 24, &w, &err), EC_OK);
	enterprise(&e, 1, "0111", "110108", "1.1.2");
	assert_int_equal(ec_facts_writer_enterprise(w, &e, &err), EC_OK);
	enterprise(&e, 2, "3911", "320506", "");
	assert_int_equal(ec_facts_writer_enterprise(w, &e, &err), EC_OK);
	enterprise(&e, 5, "3911", "320500", "1.1.2");
	assert_int_equal(ec_facts_writer_enterprise(w, &e, &err), EC_OK);
	report(&r, 1, FIRST, 1.5);
	assert_int_equal(ec_facts_writer_report(w, &r, &err), EC_OK);
	report(&r, 1, FIRST + 23, -2.25);
	assert_int_equal(ec_facts_writer_report(w, &r, &err), EC_OK);
	report(&r, 4, FIRST + 1, 99);
	assert_int_equal(ec_facts_writer_report(w, &r, &err), EC_OK);
	report(&r, 5, FIRST + 12, 7);
	assert_int_equal(ec_facts_writer_report(w, &r, &err), EC_OK);
	memset(&d, 0, sizeof d);
	snprintf(d.division, sizeof d.division, "39");
	d.period = FIRST + 12;
	d.ppi_yoy = 101.5;
	assert_int_equal(ec_facts_writer_deflator(w, &d, &err), EC_OK);
	assert_int_equal(ec_facts_writer_finish(w, &f, &err), EC_OK);
	assert_null(err);
	return f;
}

static void check_three(const struct ec_facts *f)
{
	assert_int_equal(f->generation, 42);
	assert_int_equal(f->nenterprises, 3);
	assert_int_equal(f->first_period, FIRST);
	assert_int_equal(f->nmonths, 24);
	assert_int_equal(f->id[2], 5);
	assert_memory_equal(f->uscc[0], "91110000MA00000001", 18);
	assert_int_equal(f->industry[0], 111);
	assert_int_equal(f->region[1], 320506);
	assert_int_equal(f->category[1], EC_FACTS_NO_CATEGORY);
	assert_int_equal(f->category[0], f->category[2]);
	assert_int_equal(f->ncategories, 1);
	assert_string_equal(f->category_codes[0], "1.1.2");
	assert_true(isnan(f->lat[1]));
	assert_true(f->lon[2] == 115.0);
	assert_true(f->value_added[0] == 1.5);
	assert_true(f->value_added[23] == -2.25);
	assert_true(f->revenue[23] == -22.5);
	assert_int_equal(f->employees[0], INT32_MAX);
	assert_int_equal(f->reported[0], 1);
	assert_int_equal(f->reported[1], 0);
	assert_true(f->value_added[24 + 1] == 0); /* id 4's report went nowhere */
	assert_true(f->value_added[2 * 24 + 12] == 7);
	assert_true(f->ppi[39 * 24 + 12] == 101.5);
	assert_true(isnan(f->ppi[39 * 24 + 11]));
}

static void test_roundtrip(void **state)
{
	char path[512], *err = NULL;
	struct ec_facts *f, *g;
	struct ec_facts_stream s;
	(void)state;

	path_of(path, sizeof path, "roundtrip");
	f = write_three(path);
	check_three(f);
	assert_int_equal(ec_facts_open(path, &g, &err), EC_OK);
	check_three(g);
	assert_int_equal(ec_facts_verify(g, &err), EC_OK);
	/* the stream gives the same rows, two at a time */
	ec_facts_stream_begin(&s, g, EC_FACTS_VALUE_ADDED | EC_FACTS_REPORTED | EC_FACTS_EMPLOYEES);
	assert_int_equal(ec_facts_stream_rows(&s, 2, &err), EC_OK);
	assert_int_equal(s.from, 0);
	assert_true(s.value_added[23] == -2.25);
	assert_int_equal(s.employees[0], INT32_MAX);
	assert_int_equal(ec_facts_stream_rows(&s, 3, &err), EC_OK);
	assert_int_equal(s.from, 2);
	assert_true(s.value_added[12] == 7);
	assert_int_equal(s.reported[12], 1);
	ec_facts_stream_end(&s);
	assert_int_equal(ec_facts_damaged(g), 0);
	ec_facts_close(g);
	ec_facts_close(f);
	unlink(path);
}

/* An unnamed store: opened at once, nothing on disk to find. */
static void test_unnamed(void **state)
{
	struct ec_facts *f = write_three(NULL);
	(void)state;
	check_three(f);
	ec_facts_close(f);
}

static void flip(const char *path, long at)
{
	FILE *fp = fopen(path, "r+b");
	int c;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, at, SEEK_SET), 0);
	c = fgetc(fp);
	assert_int_equal(fseek(fp, at, SEEK_SET), 0);
	fputc(c ^ 0x5a, fp);
	fclose(fp);
}

static long column_offset(const char *path, int column)
{
	FILE *fp = fopen(path, "rb");
	uint64_t off;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 64 + column * 48 + 24, SEEK_SET), 0);
	assert_int_equal(fread(&off, 8, 1, fp), 1);
	fclose(fp);
	return (long)off;
}

static void test_damage(void **state)
{
	char path[512], *err = NULL;
	struct ec_facts *f;
	struct ec_facts_stream s;
	(void)state;

	path_of(path, sizeof path, "damage");
	/* the header */
	ec_facts_close(write_three(path));
	flip(path, 40);
	assert_int_equal(ec_facts_open(path, &f, &err), EC_EDATA);
	assert_non_null(strstr(err, "checksum"));
	free(err);
	/* a small column: found on opening */
	ec_facts_close(write_three(path));
	flip(path, column_offset(path, 3) + 1); /* region */
	assert_int_equal(ec_facts_open(path, &f, &err), EC_EDATA);
	assert_non_null(strstr(err, "region"));
	free(err);
	/* a report column: opens, found when streamed to its end */
	ec_facts_close(write_three(path));
	flip(path, column_offset(path, 7) + 8 * 30); /* value_added */
	assert_int_equal(ec_facts_open(path, &f, &err), EC_OK);
	ec_facts_stream_begin(&s, f, EC_FACTS_VALUE_ADDED);
	assert_int_equal(ec_facts_stream_rows(&s, 2, &err), EC_OK);
	assert_int_equal(ec_facts_stream_rows(&s, 3, &err), EC_EDATA);
	assert_non_null(strstr(err, "value_added"));
	free(err);
	ec_facts_stream_end(&s);
	assert_int_equal(ec_facts_damaged(f), 1);
	assert_int_equal(ec_facts_verify(f, &err), EC_EDATA);
	free(err);
	ec_facts_close(f);
	/* truncated */
	assert_int_equal(truncate(path, 5000), 0);
	assert_int_equal(ec_facts_open(path, &f, &err), EC_EDATA);
	free(err);
	/* missing */
	unlink(path);
	assert_int_equal(ec_facts_open(path, &f, &err), EC_ENOTFOUND);
	free(err);
}

/* Whole files in memory, as the fuzz harness gives them. */
static void test_check(void **state)
{
	char path[512], *err = NULL;
	unsigned char *buf;
	struct stat sb;
	FILE *fp;
	(void)state;

	path_of(path, sizeof path, "check");
	ec_facts_close(write_three(path));
	assert_int_equal(stat(path, &sb), 0);
	buf = malloc((size_t)sb.st_size);
	fp = fopen(path, "rb");
	assert_int_equal(fread(buf, 1, (size_t)sb.st_size, fp), (size_t)sb.st_size);
	fclose(fp);
	if (ec_facts_check(buf, (size_t)sb.st_size, &err) != EC_OK)
		fail_msg("%s", err);
	buf[sb.st_size - 10] ^= 1; /* in the dictionary, the last column */
	assert_int_equal(ec_facts_check(buf, (size_t)sb.st_size, &err), EC_EDATA);
	free(err);
	assert_int_equal(ec_facts_check(buf, 100, &err), EC_EDATA);
	free(err);
	free(buf);
	unlink(path);
}

/* What the writer refuses, and that a refused file leaves nothing. */
static void test_writer_refuses(void **state)
{
	char path[512], *err = NULL;
	struct ec_facts_writer *w;
	struct ec_enterprise e;
	struct ec_report r;
	struct stat sb;
	(void)state;

	path_of(path, sizeof path, "refuse");
	assert_int_equal(ec_facts_writer_open(path, 1, 2, FIRST + 1, 24, &w, &err), EC_EUSAGE); /* not a January */
	free(err);
	assert_int_equal(ec_facts_writer_open(path, 1, 2, FIRST, 13, &w, &err), EC_EUSAGE); /* not whole years */
	free(err);
	assert_int_equal(ec_facts_writer_open(path, 1, 2, FIRST, 12, &w, &err), EC_OK);
	enterprise(&e, 3, "3911", "110108", "");
	assert_int_equal(ec_facts_writer_enterprise(w, &e, &err), EC_OK);
	enterprise(&e, 2, "3911", "110108", ""); /* out of order */
	assert_int_equal(ec_facts_writer_enterprise(w, &e, &err), EC_EDATA);
	free(err);
	enterprise(&e, 4, "39X1", "110108", ""); /* not digits */
	assert_int_equal(ec_facts_writer_enterprise(w, &e, &err), EC_EDATA);
	free(err);
	report(&r, 3, FIRST + 12, 1); /* past the months */
	assert_int_equal(ec_facts_writer_report(w, &r, &err), EC_EDATA);
	free(err);
	/* one enterprise of the two counted */
	assert_int_equal(ec_facts_writer_finish(w, NULL, &err), EC_EDATA);
	free(err);
	assert_int_equal(stat(path, &sb), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_unnamed),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_writer_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
