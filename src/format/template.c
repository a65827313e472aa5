/*
** This is the implementation of the import templates: for each data kind,
** a CSV with the header and an example row, or a workbook (libxlsxwriter)
** whose data sheet has the header, the example, the columns formatted as
** the reader expects (codes as text, so that Excel keeps 06 and does not
** turn 2020-06 into a date; dates as yyyy-mm-dd) and data validation, and
** a notes sheet with each column's meaning, unit and rule in the user's
** language. The columns are documented once, here, beside docs/formats.md.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "echelon/csv.h"
#include "echelon/intake.h"

enum check { TEXT, LENGTH, DECIMAL, WHOLE, DATE };

struct column {
	const char *name, *example;
	enum check check;
	double lo, hi;              /* LENGTH: the length; DECIMAL, WHOLE: the range */
	const char *meaning[2], *unit[2], *rule[2];
};

#define NONE { "", "" }

static const struct column enterprise_cols[] = {
	{ "uscc", "91110114000399001E", LENGTH, 18, 18, { "Unified Social Credit Code", "统一社会信用代码" }, NONE,
	  { "18 characters, GB 32100-2015, with a valid check character; lower case and full-width are read as upper-case ASCII",
	    "18 位，符合 GB 32100-2015，校验码正确；小写及全角字符按大写半角读取" } },
	{ "name", "北京示例科技有限公司", TEXT, 0, 0, { "registered name", "企业名称" }, NONE,
	  { "not empty, at most 200 bytes", "不能为空，不超过 200 字节" } },
	{ "industry", "3973", LENGTH, 4, 4, { "industry class", "国民经济行业小类" }, NONE,
	  { "a GB/T 4754-2017 class, 4 digits", "GB/T 4754-2017 行业小类，4 位数字" } },
	{ "region", "110114", LENGTH, 6, 6, { "county-level region", "县级行政区划" }, NONE,
	  { "a GB/T 2260 code, 6 digits", "GB/T 2260 行政区划代码，6 位数字" } },
	{ "lat", "40.2", DECIMAL, -90, 90, { "latitude", "纬度" }, { "degrees", "度" },
	  { "-90 to 90; empty when unknown, then lon is empty too", "-90 至 90；未知时与经度同时留空" } },
	{ "lon", "116.2", DECIMAL, -180, 180, { "longitude", "经度" }, { "degrees", "度" },
	  { "-180 to 180; empty when unknown", "-180 至 180；未知时留空" } },
	{ "founded", "2010-01-01", DATE, 0, 0, { "date founded", "成立日期" }, NONE,
	  { "YYYY-MM-DD, or empty", "YYYY-MM-DD，可留空" } },
	{ "sei_categories", "1.2.1", TEXT, 0, 0, { "declared SEI sub-directions", "自报战略性新兴产业细分方向" }, NONE,
	  { "codes like 1.2.3 separated by ';', or empty (then classified by industry)",
	    "形如 1.2.3 的代码，以 ; 分隔；留空则按行业归类" } },
};

#define MONEY { "thousand yuan", "千元" }
#define GE0 { ">= 0", "不小于 0" }

static const struct column report_cols[] = {
	{ "uscc", "91110114000399001E", LENGTH, 18, 18, { "the enterprise (in the directory already)", "企业（须已在企业名录中）" },
	  NONE, { "18 characters, GB 32100-2015", "18 位统一社会信用代码" } },
	{ "period", "2020-06", LENGTH, 7, 7, { "month", "月份" }, NONE, { "YYYY-MM", "YYYY-MM" } },
	{ "revenue", "12345.6", DECIMAL, 0, 1e15, { "operating revenue", "营业收入" }, MONEY, GE0 },
	{ "output", "12000", DECIMAL, 0, 1e15, { "gross industrial output at current prices", "工业总产值（当年价）" }, MONEY, GE0 },
	{ "value_added", "2500.5", DECIMAL, 0, 1e15, { "value added at current prices", "工业增加值（当年价）" }, MONEY, GE0 },
	{ "employees", "120", WHOLE, 0, 1e9, { "employees at the month's end", "月末从业人员" }, { "persons", "人" },
	  { "a whole number >= 0", "不小于 0 的整数" } },
	{ "rd_expense", "300.2", DECIMAL, 0, 1e15, { "R&D expenditure", "研发经费支出" }, MONEY, GE0 },
	{ "patents", "3", WHOLE, 0, 1e9, { "invention patents granted", "发明专利授权数" }, { "patents", "件" },
	  { "a whole number >= 0", "不小于 0 的整数" } },
	{ "investment", "800", DECIMAL, 0, 1e15, { "fixed-asset investment completed", "固定资产投资完成额" }, MONEY, GE0 },
	{ "exports", "0", DECIMAL, 0, 1e15, { "export delivery value", "出口交货值" }, MONEY, GE0 },
};

static const struct column deflator_cols[] = {
	{ "division", "39", LENGTH, 2, 2, { "industry division", "国民经济行业大类" }, NONE,
	  { "a GB/T 4754-2017 division, 2 digits", "GB/T 4754-2017 行业大类，2 位数字" } },
	{ "period", "2020-06", LENGTH, 7, 7, { "month", "月份" }, NONE, { "YYYY-MM", "YYYY-MM" } },
	{ "ppi_yoy", "99.2", DECIMAL, 50, 200, { "producer price index, same month of the previous year = 100",
						  "工业生产者出厂价格指数（上年同月 = 100）" },
	  NONE, { "50 to 200", "50 至 200" } },
};

static const struct {
	const struct column *cols;
	size_t ncols;
} kinds[EC_IN_NKINDS] = {
	[EC_IN_ENTERPRISES] = { enterprise_cols, sizeof enterprise_cols / sizeof enterprise_cols[0] },
	[EC_IN_REPORTS] = { report_cols, sizeof report_cols / sizeof report_cols[0] },
	[EC_IN_DEFLATORS] = { deflator_cols, sizeof deflator_cols / sizeof deflator_cols[0] },
};

int ec_template_csv(enum ec_intake_kind kind, struct ec_buf *b)
{
	if ((unsigned)kind >= EC_IN_NKINDS)
		return EC_EUSAGE;
	ec_buf_adds(b, ec_intake_header(kind));
	ec_buf_addc(b, '\n');
	for (size_t i = 0; i < kinds[kind].ncols; i++)
		ec_csv_write_cell(b, kinds[kind].cols[i].example, i + 1 == kinds[kind].ncols);
	return EC_OK;
}

static void validate(lxw_worksheet *ws, int col, const struct column *c, int zh)
{
	lxw_data_validation v;

	memset(&v, 0, sizeof v);
	switch (c->check) {
	case LENGTH:
		v.validate = LXW_VALIDATION_TYPE_LENGTH;
		v.criteria = LXW_VALIDATION_CRITERIA_EQUAL_TO;
		v.value_number = c->lo;
		break;
	case DECIMAL:
		v.validate = LXW_VALIDATION_TYPE_DECIMAL;
		v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		v.minimum_number = c->lo;
		v.maximum_number = c->hi;
		break;
	case WHOLE:
		v.validate = LXW_VALIDATION_TYPE_INTEGER;
		v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		v.minimum_number = c->lo;
		v.maximum_number = c->hi;
		break;
	case DATE:
		v.validate = LXW_VALIDATION_TYPE_DATE;
		v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		v.minimum_datetime = (lxw_datetime){ 1800, 1, 1, 0, 0, 0 };
		v.maximum_datetime = (lxw_datetime){ 2999, 12, 31, 0, 0, 0 };
		break;
	default:
		return;
	}
	v.ignore_blank = LXW_VALIDATION_ON;
	v.show_error = LXW_VALIDATION_ON;
	v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	v.error_title = (char *)c->name;
	v.error_message = (char *)c->rule[zh];
	worksheet_data_validation_range(ws, 1, (lxw_col_t)col, 1048575, (lxw_col_t)col, &v);
}

int ec_template_xlsx(enum ec_intake_kind kind, enum ec_lang lang, const char *path, char **err)
{
	static const char *const heads[2][4] = { { "column", "meaning", "unit", "rule" }, { "列名", "含义", "单位", "规则" } };
	int zh = lang == EC_LANG_ZH;
	lxw_workbook *wb;
	lxw_worksheet *data, *notes;
	lxw_format *text, *date, *bold;
	lxw_error e;

	*err = NULL;
	if ((unsigned)kind >= EC_IN_NKINDS) {
		*err = ec_strdup("no such import kind");
		return EC_EUSAGE;
	}
	if (!(wb = workbook_new(path))) {
		*err = ec_asprintf("%s: cannot be written", path);
		return EC_EIO;
	}
	data = workbook_add_worksheet(wb, ec_intake_kind_name(kind));
	notes = workbook_add_worksheet(wb, zh ? "说明" : "notes");
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (size_t i = 0; i < kinds[kind].ncols; i++) {
		const struct column *c = &kinds[kind].cols[i];
		lxw_col_t col = (lxw_col_t)i;
		worksheet_set_column(data, col, col, c->check == LENGTH || c->check == TEXT ? 22 : 14,
				     c->check == DATE ? date : c->check == LENGTH || c->check == TEXT ? text : NULL);
		worksheet_write_string(data, 0, col, c->name, bold);
		if (c->check == DECIMAL || c->check == WHOLE)
			worksheet_write_number(data, 1, col, atof(c->example), NULL);
		else if (c->check == DATE) {
			lxw_datetime dt = { 0, 0, 0, 0, 0, 0 };
			sscanf(c->example, "%d-%d-%d", &dt.year, &dt.month, &dt.day);
			worksheet_write_datetime(data, 1, col, &dt, date);
		} else
			worksheet_write_string(data, 1, col, c->example, text);
		validate(data, (int)i, c, zh);
		worksheet_write_string(notes, (lxw_row_t)(i + 1), 0, c->name, NULL);
		worksheet_write_string(notes, (lxw_row_t)(i + 1), 1, c->meaning[zh], NULL);
		worksheet_write_string(notes, (lxw_row_t)(i + 1), 2, c->unit[zh], NULL);
		worksheet_write_string(notes, (lxw_row_t)(i + 1), 3, c->rule[zh], NULL);
	}
	worksheet_freeze_panes(data, 1, 0);
	for (int k = 0; k < 4; k++)
		worksheet_write_string(notes, 0, (lxw_col_t)k, heads[zh][k], bold);
	worksheet_set_column(notes, 0, 0, 16, NULL);
	worksheet_set_column(notes, 1, 1, 40, NULL);
	worksheet_set_column(notes, 2, 2, 14, NULL);
	worksheet_set_column(notes, 3, 3, 70, NULL);
	worksheet_write_string(notes, (lxw_row_t)(kinds[kind].ncols + 2), 0,
			       zh ? "第 2 行是示例，导入前请删除或替换。也可导入 CSV（UTF-8 或 GBK）。详见 docs/formats.md。"
				  : "Row 2 is an example: delete or replace it before importing. CSV (UTF-8 or GBK) is read too; see docs/formats.md.",
			       NULL);
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		*err = ec_asprintf("%s: %s", path, lxw_strerror(e));
		return EC_EIO;
	}
	return EC_OK;
}
