/* Unit tests of downloads: a table as shown in Chinese and English (names,
** units, rounding, codes named, Beijing time), raw, and as a workbook read
** back by the import's own reader equal to the CSV; every code of the
** library's enumerations has a name in both languages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "echelon/auth.h"
#include "echelon/cluster.h"
#include "echelon/incentive.h"
#include "echelon/output.h"
#include "echelon/project.h"
#include "echelon/scenario.h"
#include "echelon/xlsx.h"

static const char *const names[] = { "code", "value_added", "growth_pct", "stage", "stages", "small", "at",
				     "unknown_key" };
static const enum ec_col_kind kinds[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_NUMBER, EC_COL_TEXT,
					  EC_COL_TEXT, EC_COL_BOOL, EC_COL_TEXT, EC_COL_NUMBER };

static void fill(struct ec_table *t)
{
	ec_table_init(t, 8, names, kinds);
	/* 241 564 726.1 thousand yuan = 2 415.65 亿元 = 241.56 billion yuan */
	ec_table_addv(t, "P1", "241564726.10000014", "2.95", "under_construction", "reserve;preparation", "1",
		      "2026-12-07T17:30:00Z", "0.125");
	ec_table_addv(t, "P2", "", "-0.04", "done_by_magic", "", "0", "not a time", "");
}

static char *as_text(const struct ec_table *t, enum ec_lang lang, int raw)
{
	struct ec_export x = { EC_FMT_CSV, lang, raw };
	struct ec_buf b;
	char *err = NULL;

	ec_buf_init(&b, 0);
	assert_int_equal(ec_table_export(t, "data", &x, &b, &err), 0);
	assert_null(err);
	ec_buf_addc(&b, '\0');
	return ec_buf_detach(&b, NULL);
}

static void test_shown_zh(void **state)
{
	struct ec_table t;
	char *s;
	(void)state;

	fill(&t);
	s = as_text(&t, EC_LANG_ZH, 0);
	assert_string_equal(s, "\xEF\xBB\xBF"
			       "代码,增加值（亿元）,增速（%）,阶段,投资阶段,样本偏少,时间（北京时间）,unknown_key\r\n"
			       "P1,2415.65,3.0,在建,储备、前期,是,2026-12-08 01:30:00,0.125\r\n"
			       "P2,,0.0,done_by_magic,,否,not a time,\r\n");
	free(s);
	ec_table_release(&t);
}

static void test_shown_en(void **state)
{
	struct ec_table t;
	char *s;
	(void)state;

	fill(&t);
	s = as_text(&t, EC_LANG_EN, 0);
	assert_string_equal(s, "\xEF\xBB\xBF"
			       "Code,Value added (billion yuan),Growth (%),Stage,Stages,Small sample,Time (Beijing),unknown_key\r\n"
			       "P1,241.56,3.0,Under construction,\"Reserve, Preparation\",yes,2026-12-08 01:30:00,0.125\r\n"
			       "P2,,0.0,done_by_magic,,no,not a time,\r\n");
	free(s);
	ec_table_release(&t);
}

static void test_raw(void **state)
{
	struct ec_table t;
	char *s;
	(void)state;

	fill(&t);
	s = as_text(&t, EC_LANG_ZH, 1);
	assert_string_equal(s, "\xEF\xBB\xBF"
			       "code,value_added,growth_pct,stage,stages,small,at,unknown_key\r\n"
			       "P1,241564726.10000014,2.95,under_construction,reserve;preparation,1,2026-12-07T17:30:00Z,0.125\r\n"
			       "P2,,-0.04,done_by_magic,,0,not a time,\r\n");
	free(s);
	ec_table_release(&t);
}

/* The workbook read back by the import's reader: the same cells as the
** CSV (the reader writes numbers as stored: 3 for 3.0, so the test's
** figures are chosen to need no trailing zero), the sheet named. */
static void test_workbook(void **state)
{
	static const char *const cols[] = { "code", "value_added", "stage", "suppressed" };
	static const enum ec_col_kind ck[] = { EC_COL_TEXT, EC_COL_NUMBER, EC_COL_TEXT, EC_COL_BOOL };
	const struct ec_table *tables[2];
	const char *sheets[2] = { "计划/plan", "second" };
	struct ec_export x = { EC_FMT_XLSX, EC_LANG_ZH, 0 };
	struct ec_table t, u;
	struct ec_xlsx_sheet sh;
	struct ec_diag d;
	struct ec_buf b;
	char *err = NULL;
	(void)state;

	ec_table_init(&t, 4, cols, ck);
	ec_table_addv(&t, "A,1", "12345678.9", "completed", "1");
	ec_table_addv(&t, "B\"2", "", "reserve", "0");
	ec_table_init(&u, 4, cols, ck);
	ec_table_addv(&u, "C", "100000", "cancelled", "0");
	tables[0] = &t;
	tables[1] = &u;
	ec_buf_init(&b, 0);
	assert_int_equal(ec_tables_export(tables, sheets, 2, &x, &b, &err), 0);
	assert_true(ec_xlsx_is_zip(b.data, b.len));
	ec_diag_init(&d, 4);
	assert_int_equal(ec_xlsx_read("t.xlsx", b.data, b.len, NULL, 1 << 20, &sh, &d), 0);
	assert_string_equal(sh.name, "计划_plan");
	assert_memory_equal(sh.csv, "代码,增加值（亿元）,阶段,已隐藏\n\"A,1\",123.46,竣工,是\n\"B\"\"2\",,储备,否\n", sh.len);
	ec_xlsx_sheet_release(&sh);
	assert_int_equal(ec_xlsx_read("t.xlsx", b.data, b.len, "second", 1 << 20, &sh, &d), 0);
	assert_memory_equal(sh.csv, "代码,增加值（亿元）,阶段,已隐藏\nC,1,取消,否\n", sh.len);
	ec_xlsx_sheet_release(&sh);
	ec_diag_release(&d);
	ec_buf_release(&b);
	ec_table_release(&t);
	ec_table_release(&u);
}

/* A long cell comes out whole, in both formats. */
static void test_long_cells(void **state)
{
	static const char *const cols[] = { "name", "reasons" };
	static const enum ec_col_kind ck[] = { EC_COL_TEXT, EC_COL_TEXT };
	struct ec_export x = { EC_FMT_CSV, EC_LANG_EN, 0 };
	struct ec_table t;
	struct ec_buf b;
	char *err = NULL, name[5001];
	(void)state;

	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	ec_table_init(&t, 2, cols, ck);
	ec_table_addv(&t, name, "match.no_cluster; match.ticket_within|ticket=18 000|min=10 000|max=40 000");
	ec_buf_init(&b, 0);
	assert_int_equal(ec_table_export(&t, NULL, &x, &b, &err), 0);
	ec_buf_addc(&b, '\0');
	assert_non_null(strstr(b.data, name));
	assert_non_null(strstr(b.data, ",in no cluster; the ticket 18 000 thousand yuan is within the range 10 000–40 000\r\n"));
	ec_buf_release(&b);
	ec_table_release(&t);
}

/* Lookups are binary searches: the lists must stay sorted. */
static void test_sorted(void **state)
{
	size_t n, m;
	const struct ec_column_words *w = ec_column_words_all(&n);
	const struct ec_value_words *v = ec_value_words_all(&m);
	(void)state;

	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(w[i - 1].key, w[i].key) < 0);
	for (size_t i = 1; i < m; i++) {
		int c = strcmp(v[i - 1].column, v[i].column);
		assert_true(c < 0 || (c == 0 && strcmp(v[i - 1].value, v[i].value) < 0));
	}
	for (size_t i = 0; i < n; i++) {
		assert_non_null(w[i].name[EC_LANG_EN]);
		assert_non_null(w[i].name[EC_LANG_ZH]);
		assert_true(w[i].scale[0] > 0 && w[i].scale[1] > 0);
	}
}

/* Every code of an enumeration a table shows has a name in both
** languages, so that no internal name reaches a download. */
static void expect_named(const char *column, const char *code)
{
	if (!ec_value_name(column, code, EC_LANG_ZH) || !ec_value_name(column, code, EC_LANG_EN))
		fail_msg("no name for %s '%s'", column, code);
}

static void test_enumerations_named(void **state)
{
	(void)state;
	for (int i = 0; i < EC_NSTAGES; i++)
		expect_named("stage", ec_stage_name((enum ec_stage)i));
	for (int i = 0; i < EC_NKINDS; i++)
		expect_named("kind", ec_project_kind_name((enum ec_project_kind)i));
	for (int i = 0; i < EC_NSOURCES; i++)
		expect_named("source", ec_source_name((enum ec_source)i));
	for (int i = 0; i < EC_NFUND_TYPES; i++)
		expect_named("type", ec_fund_type_name((enum ec_fund_type)i));
	for (int i = 0; i < EC_NCOINVEST; i++)
		expect_named("coinvest", ec_coinvest_name((enum ec_coinvest)i));
	for (int i = 0; i < EC_NALERT_KINDS; i++)
		expect_named("kind", ec_alert_kind_name((enum ec_alert_kind)i));
	for (int i = 0; i < EC_NTIERS; i++)
		expect_named("tier", ec_tier_name((enum ec_tier)i));
	for (int i = 0; i < EC_NROLES; i++)
		expect_named("role", ec_role_name((enum ec_role)i));
	for (int i = 0; i < EC_NENTRY_KINDS; i++)
		expect_named("kind", ec_entry_kind_name((enum ec_entry_kind)i));
	for (int i = 0; i < EC_NSIDES; i++)
		expect_named("side", ec_incentive_side_name((enum ec_incentive_side)i));
	for (int i = 0; i < EC_SCN_NSTATUS; i++)
		expect_named("scenario_status", ec_scenario_status_name((enum ec_scenario_status)i));
	for (int i = 0; i < EC_SCN_NKINDS; i++)
		expect_named("scenario_kind", ec_scenario_kind_name((enum ec_scenario_kind)i));
	expect_named("application_state", ec_application_state_name(EC_APP_SUBMITTED));
	expect_named("application_state", ec_application_state_name(EC_APP_WITHDRAWN));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shown_zh),
		cmocka_unit_test(test_shown_en),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_workbook),
		cmocka_unit_test(test_long_cells),
		cmocka_unit_test(test_sorted),
		cmocka_unit_test(test_enumerations_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
