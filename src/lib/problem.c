/*
** Problems in the user's language: the one table of problem codes, from
** which docs/problems.md is generated (`echelon help problems`), and the
** formatter that writes a problem in English or Chinese with its place.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "echelon/problem.h"

/* Sorted by code. A message says what is wrong and what was expected; the
** place (file, line, field) is written by ec_problem_format, not here. */
const struct ec_problem_code ec_problem_codes[] = {
	{ "account.role", "role", "an account's role does not allow the change",
	  { "the role {role} may not make this change", "角色 {role} 不能进行此项更改" } },
	{ "actor.disabled", "name", "the account named to act as (--as) is disabled",
	  { "the account '{name}' is disabled", "账户“{name}”已停用" } },
	{ "actor.unknown", "name", "the account named to act as (--as) does not exist",
	  { "no account '{name}' to act as", "没有可代为操作的账户“{name}”" } },
	{ "cluster.exists", "code", "a cluster with the code is registered already",
	  { "cluster {code} exists already", "集群 {code} 已存在" } },
	{ "cluster.not_found", "code", "no cluster has the code",
	  { "no cluster '{code}'", "没有集群“{code}”" } },
	{ "cluster.not_in_scope", "code", "an agency account changes only the clusters of its scope",
	  { "an agency changes only its own clusters", "集群推进机构只能更改本机构的集群" } },
	{ "cluster.parent_unknown", "parent", "the parent named is not a registered cluster",
	  { "no cluster '{parent}'", "没有集群“{parent}”" } },
	{ "code.immutable", "", "a code identifies what it names and cannot change",
	  { "the code cannot change", "编号不能更改" } },
	{ "data.invalid", "reason", "a value is not what was expected; the reason is given in English until it has a code of its own",
	  { "{reason}", "{reason}" } },
	{ "demo.not_empty", "enterprises,reports,deflators", "the demo fills only a database without data",
	  { "the database already holds {enterprises} enterprises, {reports} reports and {deflators} deflators; use --force to replace it",
	    "数据库中已有 {enterprises} 家企业、{reports} 条报表和 {deflators} 条价格指数；如需替换请使用 --force" } },
	{ "encoding.unknown", "offset,line", "a file is neither UTF-8 (with or without BOM), UTF-16 with a BOM, nor GB18030/GBK",
	  { "byte {offset} (line {line}) is not UTF-8, and the file is not GB18030 either; save it as \"CSV UTF-8\" or name its encoding with --encoding",
	    "第 {offset} 字节（第 {line} 行）不是 UTF-8 编码，文件也不是 GB18030/GBK 编码；请另存为“CSV UTF-8”，或用 --encoding 指定编码" } },
	{ "field.enum", "value,expected", "a name is not one of those allowed",
	  { "'{value}': expected {expected}", "“{value}”不是可选值，应为 {expected}" } },
	{ "field.required", "", "a required value is missing",
	  { "missing, expected a value", "缺少取值" } },
	{ "field.too_long", "max", "a text is longer than allowed",
	  { "longer than {max} bytes", "长度超过 {max} 字节" } },
	{ "fund.exists", "code", "a fund with the code is registered already",
	  { "fund {code} exists already", "基金 {code} 已存在" } },
	{ "fund.not_found", "code", "no fund has the code",
	  { "no fund '{code}'", "没有基金“{code}”" } },
	{ "fund.not_in_scope", "code", "a fund account changes only the funds of its scope",
	  { "a fund account changes only its own funds", "基金账户只能更改本基金" } },
	{ "import.cluster_unknown", "cluster", "a row names a cluster neither registered nor in the file",
	  { "'{cluster}' is not a registered cluster", "“{cluster}”不是已登记的集群" } },
	{ "import.enterprise_unknown", "uscc", "a report names an enterprise that is not in the database",
	  { "no enterprise {uscc} in the database; import the enterprise directory first",
	    "数据库中没有企业 {uscc}，请先导入企业名录" } },
	{ "import.parent_unknown", "parent", "a cluster's parent is neither registered nor in the file",
	  { "'{parent}' is not a cluster registered or in this file", "“{parent}”既不是已登记的集群，也不在本文件中" } },
	{ "import.project_unknown", "code", "a progress row names a project not in the library",
	  { "'{code}' is not in the project library", "项目库中没有“{code}”" } },
	{ "import.repeat", "value", "a code appears twice in one file",
	  { "'{value}' appears twice in the file", "“{value}”在文件中出现两次" } },
	{ "job.cancelled", "", "the job was cancelled before it finished; nothing it would have changed was changed",
	  { "cancelled; nothing was changed", "任务已取消，未作任何更改" } },
	{ "job.not_found", "id,hours", "no job has the id, or it is another account's, or its answer expired",
	  { "no job '{id}' (answers are kept for {hours} hours)", "没有任务“{id}”（结果保留 {hours} 小时）" } },
	{ "job.queue_full", "max", "the server has as many jobs waiting as it takes",
	  { "the server has {max} jobs waiting; try again in a minute", "服务器已有 {max} 个任务在排队，请稍后再试" } },
	{ "job.stopped", "", "the server stopped while the job was waiting or running; nothing it would have changed was changed",
	  { "the server stopped before the job finished; nothing was changed, start it again",
	    "任务完成前服务器已停止，未作任何更改，请重新提交" } },
	{ "job.too_many", "max", "an account has as many jobs waiting or running as it may",
	  { "you have {max} jobs waiting or running; wait for one to finish or cancel one",
	    "您已有 {max} 个任务在排队或运行，请等待完成或取消其中一个" } },
	{ "password.length", "min,max", "a password is too short or too long",
	  { "expected {min} to {max} characters", "密码应为 {min} 至 {max} 个字符" } },
	{ "project.cluster_unknown", "cluster", "the cluster a project names is not registered",
	  { "'{cluster}' is not a registered cluster", "“{cluster}”不是已登记的集群" } },
	{ "project.exists", "code", "a project with the code is in the library already",
	  { "project {code} exists already", "项目 {code} 已存在" } },
	{ "project.not_found", "code", "no project has the code (or it is not the account's own)",
	  { "no project '{code}'", "没有项目“{code}”" } },
	{ "project.not_owner", "owner", "an enterprise account submits and changes only its own projects",
	  { "an enterprise submits only its own projects", "企业只能提交本企业的项目" } },
	{ "session.refused", "", "a sign-in failed: no such account, a wrong password or a disabled account",
	  { "wrong user name or password, or the account is disabled", "用户名或密码错误，或账户已停用" } },
	{ "store.failed", "reason", "the database failed; nothing was changed",
	  { "database: {reason}", "数据库错误：{reason}" } },
	{ "text", "text", "a message that has no code of its own yet (English)",
	  { "{text}", "{text}" } },
	{ "uscc.invalid", "value", "a text is not a Unified Social Credit Code with a valid check character",
	  { "'{value}' is not a valid USCC", "“{value}”不是有效的统一社会信用代码" } },
	{ "user.exists", "name", "an account with the name exists already",
	  { "user {name} exists already", "用户 {name} 已存在" } },
	{ "user.not_found", "name", "no account has the name",
	  { "no user '{name}'", "没有用户“{name}”" } },
	{ "user.self", "", "an admin may not disable or demote the account it is signed in with",
	  { "an admin cannot disable or demote their own account", "管理员不能停用或降级自己的账户" } },
	{ "xls.old_format", "", "a workbook in the old binary Excel format (.xls)",
	  { "this is an old Excel workbook (.xls); save it as .xlsx or CSV UTF-8", "这是旧版 Excel 工作簿（.xls），请另存为 .xlsx 或“CSV UTF-8”" } },
	{ "xlsx.cell_error", "cell,value", "a cell of a workbook holds an error value instead of a value",
	  { "cell {cell} holds the error {value}; correct the formula or enter the value", "单元格 {cell} 的值是错误 {value}，请修正公式或填入数值" } },
	{ "xlsx.damaged", "reason", "a workbook cannot be read",
	  { "the workbook cannot be read: {reason}", "无法读取该工作簿：{reason}" } },
	{ "xlsx.merged_header", "ranges,row", "the header row of a sheet has merged cells",
	  { "the header (row {row}) has merged cells ({ranges}); give each column its own name in one row",
	    "表头（第 {row} 行）有合并单元格（{ranges}），请让每列在同一行有各自的列名" } },
	{ "xlsx.no_sheet", "sheet,sheets", "the workbook has no sheet of the name given",
	  { "no sheet '{sheet}' in the workbook; it has: {sheets}", "工作簿中没有工作表“{sheet}”，现有：{sheets}" } },
};

const size_t ec_nproblem_codes = sizeof ec_problem_codes / sizeof ec_problem_codes[0];

int ec_lang_parse(const char *name)
{
	if (!name)
		return -1;
	if (!strncmp(name, "zh", 2) && (name[2] == '\0' || name[2] == '-' || name[2] == '_' || name[2] == '.'))
		return EC_LANG_ZH;
	if ((!strncmp(name, "en", 2) && (name[2] == '\0' || name[2] == '-' || name[2] == '_' || name[2] == '.')) ||
	    !strcmp(name, "C") || !strncmp(name, "C.", 2) || !strcmp(name, "POSIX"))
		return EC_LANG_EN;
	return -1;
}

const struct ec_problem_code *ec_problem_code_find(const char *code)
{
	size_t lo = 0, hi = ec_nproblem_codes;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(code, ec_problem_codes[mid].code);
		if (c == 0)
			return &ec_problem_codes[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *ec_problem_param(const struct ec_problem *p, const char *name)
{
	for (size_t i = 0; i < p->nparams; i++)
		if (!strcmp(p->params[i].name, name))
			return p->params[i].value;
	return "";
}

void ec_problem_message(const struct ec_problem *p, enum ec_lang lang, struct ec_buf *b)
{
	const struct ec_problem_code *c = ec_problem_code_find(p->code);
	const char *t;

	if (!c) { /* a code missing from the table is a bug; show what there is */
		ec_buf_adds(b, p->code);
		for (size_t i = 0; i < p->nparams; i++)
			ec_buf_printf(b, " %s=%s", p->params[i].name, p->params[i].value);
		return;
	}
	for (t = c->text[lang]; *t;) {
		const char *close;
		if (*t == '{' && (close = strchr(t, '}')) != NULL) {
			char name[32];
			snprintf(name, sizeof name, "%.*s", (int)(close - t - 1), t + 1);
			ec_buf_adds(b, ec_problem_param(p, name));
			t = close + 1;
		} else {
			size_t n = strcspn(t, "{");
			ec_buf_add(b, t, n ? n : 1);
			t += n ? n : 1;
		}
	}
}

void ec_problem_format(const struct ec_problem *p, enum ec_lang lang, struct ec_buf *b)
{
	if (lang == EC_LANG_ZH) {
		if (p->file && p->cell)
			ec_buf_printf(b, "%s 单元格 %s", p->file, p->cell);
		else if (p->file && p->line)
			ec_buf_printf(b, "%s 第%ld行", p->file, p->line);
		else if (p->file)
			ec_buf_adds(b, p->file);
		if (p->field)
			ec_buf_printf(b, p->file ? "，%s 列" : "%s", p->field);
		if (p->file || p->field)
			ec_buf_adds(b, "：");
	} else {
		if (p->file && p->cell)
			ec_buf_printf(b, "%s:%s: ", p->file, p->cell);
		else if (p->file && p->line)
			ec_buf_printf(b, "%s:%ld: ", p->file, p->line);
		else if (p->file)
			ec_buf_printf(b, "%s: ", p->file);
		if (p->field)
			ec_buf_printf(b, p->file ? "column %s: " : "%s: ", p->field);
	}
	ec_problem_message(p, lang, b);
}

void ec_problem_codes_markdown(struct ec_buf *b)
{
	ec_buf_adds(b, "<!-- generated by `echelon help problems` from src/lib/problem.c: do not edit -->\n"
		       "# Problem codes\n\n"
		       "Every refusal echelon gives is a list of problems: a stable code, where the\n"
		       "problem is (file, line, column or field) and the parameters its message is\n"
		       "written from. The command writes them in English or Chinese (`--lang`, or\n"
		       "`LANG`); the API answers the code and parameters with the message\n"
		       "(`error.problem`, `error.params`; `error.problems[]` for files), so that the\n"
		       "dashboard can write them in the user's language.\n\n"
		       "| code | parameters | meaning | English | 中文 |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < ec_nproblem_codes; i++) {
		const struct ec_problem_code *c = &ec_problem_codes[i];
		ec_buf_printf(b, "| `%s` | %s | %s | %s | %s |\n", c->code, *c->params ? c->params : "—", c->meaning,
			      c->text[EC_LANG_EN], c->text[EC_LANG_ZH]);
	}
}
