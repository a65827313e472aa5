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
	{ "account.name", "value", "an account name that is not 1 to 64 letters, digits or . _ @ -",
	  { "'{value}': expected 1 to 64 letters, digits or . _ @ -",
	    "“{value}”不是有效的用户名，应为 1 至 64 个字母、数字或 . _ @ - 字符" } },
	{ "account.no_scope", "", "an admin or analyst account is given a scope",
	  { "admin and analyst accounts have no scope", "管理员和分析员账户没有权限范围" } },
	{ "account.role", "role", "an account's role does not allow the change",
	  { "the role {role} may not make this change", "{role}账户不能进行此项更改" } },
	{ "account.scope_uscc", "value", "an enterprise account's scope is not a valid USCC",
	  { "an enterprise user's scope is its USCC: '{value}' is not a valid USCC",
	    "企业用户的权限范围应为其统一社会信用代码，“{value}”不是有效的统一社会信用代码" } },
	{ "actor.disabled", "name", "the account named to act as (--as) is disabled",
	  { "the account '{name}' is disabled", "账户“{name}”已停用" } },
	{ "actor.unknown", "name", "the account named to act as (--as) does not exist",
	  { "no account '{name}' to act as", "没有可代为操作的账户“{name}”" } },
	{ "ahp.column", "position,value,expected", "a column of an AHP comparison matrix is not the indicator in that place",
	  { "column {position} is '{value}', expected '{expected}' (the indicators in order)",
	    "第 {position} 列为“{value}”，应为“{expected}”（按指标顺序）" } },
	{ "ahp.header", "columns,count", "the header of an AHP comparison matrix is not indicator and the indicators",
	  { "expected a header of {columns} columns: indicator and the {count} indicators",
	    "表头应有 {columns} 列：indicator 及 {count} 个指标" } },
	{ "ahp.row", "indicator,count", "a row of an AHP comparison matrix is not the indicator's in that place",
	  { "expected the row of '{indicator}' with {count} comparisons", "此处应为指标“{indicator}”的一行，含 {count} 个比较值" } },
	{ "ahp.rows", "count,found", "an AHP comparison matrix has too few rows",
	  { "expected {count} rows of comparisons, found {found}", "应有 {count} 行比较值，实有 {found} 行" } },
	{ "ahp.value", "value", "an entry of an AHP comparison matrix is neither a number nor a fraction",
	  { "not a number or a fraction like 1/3", "“{value}”不是数值或形如 1/3 的分数" } },
	{ "alert.funding_gap", "project,plan,total,gap", "a project's funding plan does not cover its total investment",
	  { "{project}: the funding plan {plan} of the total {total} thousand yuan leaves a gap of {gap}",
	    "{project}：资金筹措计划 {plan} 千元，总投资 {total} 千元，缺口 {gap} 千元" } },
	{ "alert.lagging", "project,planned,month,completion,lag,threshold", "a project's investment lags its plan",
	  { "{project}: planned {planned}% by {month}, completed {completion}%: {lag} pp behind (threshold {threshold} pp)",
	    "{project}：计划到 {month} 完成 {planned}%，实际完成 {completion}%，落后 {lag} 个百分点（预警线 {threshold} 个百分点）" } },
	{ "alert.stalled", "project,months,month,threshold", "a project under construction has invested nothing for months",
	  { "{project}: no completed investment for {months} months to {month} (threshold {threshold})",
	    "{project}：截至 {month} 已连续 {months} 个月没有完成投资（预警线 {threshold} 个月）" } },
	{ "amount.negative", "value", "an amount below 0",
	  { "{value}: expected 0 or more", "{value} 有误，应不小于 0" } },
	{ "amount.positive", "value", "an amount that must be more than 0 is not",
	  { "{value}: expected more than 0", "{value} 有误，应大于 0" } },
	{ "application.not_found", "scenario,uscc", "no application of the enterprise to the scenario",
	  { "no application of {uscc} to scenario {scenario}",
	    "企业 {uscc} 没有申报场景 {scenario}" } },
	{ "application.not_own", "uscc", "an enterprise account applies, edits or reads only its own applications",
	  { "an enterprise account acts only for its own USCC, not {uscc}",
	    "企业账户只能办理本企业的申报，不能代 {uscc} 办理" } },
	{ "application.withdrawn", "scenario,uscc", "a withdrawn application is changed or withdrawn again",
	  { "the application of {uscc} to {scenario} was withdrawn",
	    "企业 {uscc} 对场景 {scenario} 的申报已撤回" } },
	{ "areas.empty_item", "expected", "a list of priority areas with an empty item",
	  { "empty area code; expected SEI area codes ({expected}) separated by ';'",
	    "产业领域代码为空，应为以分号“;”分隔的产业领域代码（{expected}）" } },
	{ "areas.too_long", "length,max", "a list of priority areas longer than accepted",
	  { "{length} characters; expected at most {max} (SEI area codes separated by ';')",
	    "长度为 {length} 个字符，最多 {max} 个（以分号“;”分隔的产业领域代码）" } },
	{ "areas.twice", "value", "a priority area given twice",
	  { "area {value} is given twice; expected each area once", "产业领域 {value} 重复，每个领域只能给出一次" } },
	{ "areas.unknown", "value,expected", "a priority area that is not an SEI area",
	  { "'{value}' is not an SEI area; expected one of {expected}", "“{value}”不是战略性新兴产业领域代码，应为 {expected} 之一" } },
	{ "attachment.empty", "", "an attachment with no bytes",
	  { "the file is empty", "文件为空" } },
	{ "attachment.extension", "name,file_type,expected", "an attachment's name does not end as its type, told by its bytes, does",
	  { "'{name}' holds a {file_type} file; its name should end in {expected}",
	    "“{name}”的内容是 {file_type} 文件，文件名后缀应为 {expected}" } },
	{ "attachment.name", "name", "an attachment's name holds a path separator or a control character",
	  { "'{name}' is not a file name (no '/', '\\' or control characters)",
	    "“{name}”不是有效的文件名（不能含“/”“\\”或控制字符）" } },
	{ "attachment.not_found", "id", "no attachment of the number to the scenario",
	  { "no attachment {id}", "没有编号为 {id} 的附件" } },
	{ "attachment.too_large", "max", "an attachment larger than allowed",
	  { "the file is larger than {max} bytes", "文件超过 {max} 字节" } },
	{ "attachment.too_many", "max", "a scenario already has as many attachments as allowed",
	  { "a scenario has at most {max} attachments", "每个场景最多 {max} 个附件" } },
	{ "attachment.type", "name", "an attachment that is not a PDF, an image or an office file by its bytes",
	  { "'{name}' is not a PDF, PNG, JPEG, GIF, WebP, Word, Excel or PowerPoint file (told by its content)",
	    "“{name}”不是 PDF、PNG、JPEG、GIF、WebP、Word、Excel 或 PowerPoint 文件（按文件内容判断）" } },
	{ "audit.allocation", "status,objective,objective_kind,solver,gap", "an allocation was run",
	  { "{status}, objective {objective} ({objective_kind}, {solver}), gap {gap}%",
	    "{status}，目标值 {objective}（{objective_kind}，求解器 {solver}），最优性差距 {gap}%" } },
	{ "audit.application", "scenario,uscc,price,months,application_state", "an application to a scenario was made, changed or withdrawn",
	  { "scenario {scenario}, enterprise {uscc}: price {price} thousand yuan, {months} months, {application_state}",
	    "场景 {scenario}，企业 {uscc}：报价 {price} 千元，周期 {months} 个月，{application_state}" } },
	{ "audit.catalog_install", "categories,mappings,industries,regions", "the built-in catalogues were installed",
	  { "the built-in catalogues: {categories} SEI categories, {mappings} mappings, {industries} industries, {regions} regions",
	    "安装内置目录：战略性新兴产业分类 {categories} 个、对应关系 {mappings} 条、行业 {industries} 个、行政区划 {regions} 个" } },
	{ "audit.catalog_load", "file,categories,mappings,industries,regions", "a catalogue was loaded from a file",
	  { "{file}: {categories} SEI categories, {mappings} mappings, {industries} industries, {regions} regions",
	    "{file}：战略性新兴产业分类 {categories} 个、对应关系 {mappings} 条、行业 {industries} 个、行政区划 {regions} 个" } },
	{ "audit.cluster", "tier,regions,categories,members", "a cluster was registered or changed",
	  { "tier {tier}, regions {regions}, categories {categories}, {members} member rules",
	    "层级 {tier}，地区 {regions}，产业分类 {categories}，成员规则 {members} 条" } },
	{ "audit.demo", "seed,enterprises,reports,clusters,projects,funds,digital,installed", "the demo economy was generated",
	  { "seed {seed}, {enterprises} enterprises, {reports} reports, {clusters} clusters, {projects} projects, {funds} funds, {digital} digital-level questionnaires; built-in catalogues installed: {installed}",
	    "随机种子 {seed}，企业 {enterprises} 家，月度报表 {reports} 条，集群 {clusters} 个，项目 {projects} 个，基金 {funds} 只，数字化水平评测 {digital} 份；安装内置目录：{installed}" } },
	{ "audit.digital", "edition,year,sector,state,revision,answers,score,level", "an SME digital-level questionnaire was answered, submitted, revised or imported",
	  { "edition {edition}, year {year}, table {sector}: {state}, revision {revision}, {answers} answers, score {score}, level {level}",
	    "{edition} 版，{year} 年，{sector} 类评测表：{state}，第 {revision} 次修订，作答 {answers} 题，得分 {score}，等级 {level}" } },
	{ "audit.digital_import", "rows,assessments,file", "SME digital-level answers were imported",
	  { "{rows} answers of {assessments} questionnaires from {file}", "从 {file} 导入 {assessments} 份评测的 {rows} 条答案" } },
	{ "audit.fund", "fund_type,capital", "a fund was registered or changed",
	  { "type {fund_type}, capital {capital} thousand yuan", "类型 {fund_type}，可投资金 {capital} 千元" } },
	{ "audit.import", "rows,file", "data were imported",
	  { "{rows} rows from {file}", "从 {file} 导入 {rows} 行" } },
	{ "audit.import_file", "rows,file,sha256", "a data file was imported",
	  { "{rows} rows from {file}, sha256 {sha256}", "从 {file} 导入 {rows} 行，SHA-256 校验值 {sha256}" } },
	{ "audit.incentive_commitment", "entry,amount,beneficiary,reference", "an incentive award was approved: a commitment in the ledger",
	  { "commitment {entry}: {amount} thousand yuan to {beneficiary} for claim {reference}",
	    "承诺 {entry}：向 {beneficiary} 核定 {amount} 千元，申请编号 {reference}" } },
	{ "audit.incentive_follow_up", "entry_kind,entry,amount,beneficiary,refers", "a payment or a reversal was written in the incentive ledger",
	  { "{entry_kind} {entry}: {amount} thousand yuan, {beneficiary}, concerning entry {refers}",
	    "{entry_kind} {entry}：{amount} 千元，{beneficiary}，涉及台账条目 {refers}" } },
	{ "audit.incentive_programme", "year,budget,rules", "an incentive programme was added",
	  { "year {year}, budget {budget} thousand yuan, {rules} rules", "{year} 年，预算 {budget} 千元，规则 {rules} 条" } },
	{ "audit.incentive_rules", "rules", "an incentive programme's rules were replaced",
	  { "rules replaced: {rules} rules", "规则已替换，共 {rules} 条" } },
	{ "audit.project", "stage,total", "a project was submitted or changed",
	  { "stage {stage}, total investment {total} thousand yuan", "阶段 {stage}，总投资 {total} 千元" } },
	{ "audit.report", "kind,period,region,lang,generation", "a report was published",
	  { "{kind} of {period}, {region}, in {lang}, from data generation {generation}",
	    "{kind}（{period}，{region}，{lang}），数据版本 {generation}" } },
	{ "audit.scenario", "scenario_status,scenario_kind,category,region", "a scenario was added or changed",
	  { "{scenario_status}, kind {scenario_kind}, category {category}, region {region}",
	    "{scenario_status}，类型 {scenario_kind}，产业分类 {category}，地区 {region}" } },
	{ "audit.scenario_assign", "reviewer", "a reviewer was assigned to a scenario",
	  { "reviewer {reviewer} assigned",
	    "指派评审人 {reviewer}" } },
	{ "audit.scenario_attach", "id,name,file_type,size,sha256", "a file was attached to a scenario",
	  { "attachment {id}: {name} ({file_type}, {size} bytes, sha256 {sha256})",
	    "附件 {id}：{name}（{file_type}，{size} 字节，SHA-256 校验值 {sha256}）" } },
	{ "audit.scenario_batch", "number,date,scenarios", "a batch of scenarios was published",
	  { "batch {number} of {date}: {scenarios} scenarios opened",
	    "第 {number} 批（{date}）：发布 {scenarios} 个场景" } },
	{ "audit.scenario_import", "rows,file", "scenarios or applications were imported",
	  { "{rows} rows from {file}",
	    "从 {file} 导入 {rows} 行" } },
	{ "audit.scenario_project", "project,uscc,total", "a selected scenario became a project in the project library",
	  { "project {project} of {uscc}, total investment {total} thousand yuan",
	    "转为项目库项目 {project}（项目单位 {uscc}），总投资 {total} 千元" } },
	{ "audit.scenario_score", "reviewer,uscc,sheet", "a reviewer scored an application",
	  { "{reviewer} scored {uscc}: {sheet} points",
	    "{reviewer} 为 {uscc} 评分：{sheet} 分" } },
	{ "audit.scenario_select", "uscc,decided_by,decision", "an application was selected for a scenario",
	  { "{uscc} selected by {decided_by}: {decision}",
	    "由 {decided_by} 确定立项单位 {uscc}：{decision}" } },
	{ "audit.scenario_transition", "from_scenario_status,scenario_status", "a scenario moved from one status to another",
	  { "{from_scenario_status} → {scenario_status}",
	    "{from_scenario_status} → {scenario_status}" } },
	{ "audit.user_add", "role,scope", "an account was created",
	  { "role {role}, scope '{scope}'", "角色 {role}，权限范围“{scope}”" } },
	{ "audit.user_edit", "from_role,role,from_scope,scope,from_disabled,disabled,password,ended", "an account was changed",
	  { "role {from_role} → {role}, scope '{from_scope}' → '{scope}', disabled {from_disabled} → {disabled}, password changed: {password}, sessions ended: {ended}",
	    "角色 {from_role} → {role}，权限范围“{from_scope}”→“{scope}”，停用 {from_disabled} → {disabled}，修改密码：{password}，结束会话：{ended}" } },
	{ "backup.exists", "file", "a backup is written over a file that exists",
	  { "{file} exists; a backup goes to a new file", "{file} 已存在，备份应写入新文件" } },
	{ "batch.empty", "", "a batch is published when no scenario is a draft ready to open",
	  { "no draft scenario to publish in the batch",
	    "没有可随本批发布的草稿场景" } },
	{ "batch.exists", "number", "a batch number already published",
	  { "batch {number} is already published",
	    "第 {number} 批已经发布" } },
	{ "catalog.before_parent", "value,parent", "a category comes before its parent in the official layout",
	  { "category '{value}' comes before its parent '{parent}'", "分类“{value}”出现在其上级“{parent}”之前" } },
	{ "catalog.industry_first", "value", "an industry code comes before any category in the official layout",
	  { "industry code '{value}' before any category", "行业代码“{value}”之前没有分类" } },
	{ "catalog.level", "value,expected,code", "a catalogue row's level does not match its code",
	  { "'{value}', expected {expected} for code {code}", "“{value}”有误，代码 {code} 的层级应为 {expected}" } },
	{ "catalog.loaded", "", "SEI categories are loaded already (load the mappings, or a new database)",
	  { "SEI categories are already loaded", "战略性新兴产业分类已经载入" } },
	{ "catalog.no_parent", "", "a catalogue entry of the top level names a parent",
	  { "the top level has no parent", "最高层级不应有上级" } },
	{ "catalog.official_empty", "", "a file in the official layout has no category",
	  { "no categories found in the official layout", "按官方格式未读到任何分类" } },
	{ "catalog.parent", "value,expected", "a catalogue entry's parent is not the one its code implies",
	  { "'{value}', expected '{expected}'", "“{value}”有误，上级应为“{expected}”" } },
	{ "catalog.parent_higher", "value", "a region's parent is not a region of a higher level defined before it",
	  { "'{value}' is not a region of a higher level defined on an earlier line", "“{value}”不是前面行中定义的上级行政区划" } },
	{ "catalog.parent_level", "value,level,code", "an industry's parent is not the entry one level above it",
	  { "'{value}' is not the {level} above {code}", "“{value}”不是 {code} 的上一级（{level}）" } },
	{ "catalog.parent_undefined", "value", "a catalogue entry's parent is not defined on an earlier line",
	  { "'{value}' is not defined on an earlier line", "“{value}”未在前面的行中定义" } },
	{ "categories.empty", "", "a cluster without SEI categories",
	  { "empty, expected SEI codes separated by ';'", "不能为空，应为以分号“;”分隔的战略性新兴产业分类代码" } },
	{ "category.code", "value", "a text that is not an SEI category code (1, 1.2, 1.2.3)",
	  { "'{value}' is not a category code like 1, 1.2 or 1.2.3", "“{value}”不是分类代码（应形如 1、1.2 或 1.2.3）" } },
	{ "category.empty_item", "", "a list of SEI categories has nothing between two ';'",
	  { "an empty category between ';' separators", "两个分号“;”之间缺少分类代码" } },
	{ "category.empty_last", "", "a list of SEI categories ends with ';'",
	  { "an empty category after the last ';'", "最后一个分号“;”之后缺少分类代码" } },
	{ "category.is_area", "value", "an area code where a sub-direction (1.2.3) is expected",
	  { "'{value}' is an area, expected a sub-direction code like 1.2.3",
	    "“{value}”是产业领域代码，应为形如 1.2.3 的细分方向代码" } },
	{ "category.is_direction", "value", "a direction code where a sub-direction (1.2.3) is expected",
	  { "'{value}' is a direction, expected a sub-direction code like 1.2.3",
	    "“{value}”是产业方向代码，应为形如 1.2.3 的细分方向代码" } },
	{ "category.not_sub", "value", "a category that is not a sub-direction (level 3) where one is expected",
	  { "'{value}' is not a sub-direction (level 3)", "“{value}”不是细分方向（第三级）代码" } },
	{ "category.twice", "value", "an enterprise declares an SEI category twice",
	  { "'{value}' is declared twice", "“{value}”重复申报" } },
	{ "category.unknown", "value", "a code that is not in the SEI classification",
	  { "unknown SEI category '{value}'", "“{value}”不是战略性新兴产业分类代码" } },
	{ "cli.amount", "value", "a command's amount that is not a number >= 0",
	  { "'{value}': expected a number >= 0", "“{value}”有误，应为不小于 0 的数值" } },
	{ "cli.argument_missing", "name", "a command is missing an argument",
	  { "missing argument {name}", "缺少参数 {name}" } },
	{ "cli.argument_unexpected", "value", "a command is given an argument more than it takes",
	  { "unexpected argument '{value}'", "多余的参数“{value}”" } },
	{ "cli.as_reads", "command", "--as given to a command that only reads",
	  { "--as applies to changes; `echelon {command}` reads as the operator of this machine",
	    "--as 仅用于修改数据的命令；`echelon {command}` 以本机操作员身份读取" } },
	{ "cli.catalogues_damaged", "", "the catalogues built into the program cannot be read (a broken build)",
	  { "the built-in catalogues are damaged", "程序内置的参照目录已损坏" } },
	{ "cli.codes", "value,max", "a list of codes given to the command is empty, too long or has an empty code",
	  { "'{value}': expected up to {max} codes separated by commas", "“{value}”有误，应为以逗号分隔的至多 {max} 个代码" } },
	{ "cli.command_hint", "command,hint", "no command has the name; one is close",
	  { "no command '{command}' (did you mean '{hint}'?); see `echelon help`",
	    "没有命令“{command}”（是否要用“{hint}”？）；详见 `echelon help`" } },
	{ "cli.command_unknown", "command", "no command has the name",
	  { "no command '{command}'; see `echelon help`", "没有命令“{command}”；详见 `echelon help`" } },
	{ "cli.december", "value", "demo data asked to end in another month than a December",
	  { "'{value}': reports cover whole years, the last month must be a December", "“{value}”：报表按整年生成，截止月份应为 12 月" } },
	{ "cli.help_problems", "value", "`echelon help problems` given another word than js",
	  { "`echelon help problems {value}`: expected nothing or js", "`echelon help problems {value}`：其后只能为空或 js" } },
	{ "cli.january", "value", "demo data asked to begin in another month than a January",
	  { "'{value}': reports cover whole years, the first month must be a January", "“{value}”：报表按整年生成，起始月份应为 1 月" } },
	{ "cli.needs", "needs", "an option that goes only with another, given without it",
	  { "needs {needs}", "需要同时给出 {needs}" } },
	{ "cli.one_of", "options", "none of the options of which one is needed",
	  { "give one of {options}", "请给出 {options} 之一" } },
	{ "cli.option_hint", "option,hint", "a command has no such option; one is close",
	  { "unknown option '{option}' (did you mean '{hint}'?)", "未知选项“{option}”（是否要用“{hint}”？）" } },
	{ "cli.option_no_value", "option", "a value given to an option that takes none",
	  { "option '{option}' takes no value", "选项“{option}”不带取值" } },
	{ "cli.option_spelling", "option", "an option spelt with one dash",
	  { "unknown option '{option}' (options are spelt --name)", "未知选项“{option}”（选项写作 --名称）" } },
	{ "cli.option_twice", "option", "an option given twice",
	  { "option '{option}' given twice", "选项“{option}”重复给出" } },
	{ "cli.option_unknown", "option", "a command has no such option",
	  { "unknown option '{option}'", "未知选项“{option}”" } },
	{ "cli.option_value", "option,arg", "an option without its value",
	  { "option '{option}' needs a value ({arg})", "选项“{option}”缺少取值（{arg}）" } },
	{ "cli.option_verb", "option,command", "an option that none of the command's verbs takes",
	  { "option '{option}' does not go with `{command}`", "选项“{option}”不能用于 `{command}`" } },
	{ "cli.option_verb_for", "option,command,for", "an option of another verb of the command",
	  { "option '{option}' does not go with `{command}` (it is for {for})", "选项“{option}”不能用于 `{command}`（它用于 {for}）" } },
	{ "cli.passwords_differ", "", "the password typed twice differs",
	  { "the passwords differ", "两次输入的密码不一致" } },
	{ "cli.read_db", "", "--read-db given where the store is not PostgreSQL",
	  { "--read-db is a streaming replica of a PostgreSQL store: --db and --read-db must both be postgresql:// addresses",
	    "--read-db 是 PostgreSQL 存储的流复制备库：--db 与 --read-db 都须是 postgresql:// 地址" } },
	{ "cli.rejected", "file", "a file given to a command was refused for its problems (printed above)",
	  { "{file}: rejected", "{file}：已拒收" } },
	{ "cli.rejected_allocation", "file", "the quotas file of an allocation was refused; nothing was allocated",
	  { "{file}: rejected; nothing was allocated", "{file}：已拒收，未作任何配置" } },
	{ "cli.rejected_catalog", "file", "a catalogue file was refused; the catalogue was not changed",
	  { "{file}: rejected; the catalogue was not changed", "{file}：已拒收，参照目录未作更改" } },
	{ "cli.required", "option,arg", "a command run without an option it needs",
	  { "{option} {arg} is required", "缺少必需的选项 {option} {arg}" } },
	{ "cli.seconds", "value", "a time limit that is not a number of seconds above 0",
	  { "'{value}': expected seconds > 0", "“{value}”有误，应为大于 0 的秒数" } },
	{ "cli.verb_hint", "value,expected,hint", "a command's verb that is none of its verbs; one is close",
	  { "'{value}': expected {expected} (did you mean '{hint}'?)", "“{value}”不是可选的子命令，应为 {expected}（是否要用“{hint}”？）" } },
	{ "cli.verb_missing", "expected", "a command with verbs run without one",
	  { "missing the verb: {expected}", "缺少子命令：{expected}" } },
	{ "cli.verb_none", "command,verb", "help asked for a verb the command does not have",
	  { "`echelon {command}` has no verb '{verb}'; see `echelon help {command}`",
	    "`echelon {command}` 没有子命令“{verb}”；详见 `echelon help {command}`" } },
	{ "cli.write_workbook", "", "the workbook could not be written to standard output",
	  { "cannot write the workbook to standard output", "无法将工作簿写到标准输出" } },
	{ "cli.xlsx_terminal", "", "a workbook asked for a terminal",
	  { "--format xlsx writes a workbook: send it to a file (> table.xlsx)", "--format xlsx 输出的是工作簿：请重定向到文件（> table.xlsx）" } },
	{ "cluster.exists", "code", "a cluster with the code is registered already",
	  { "cluster {code} exists already", "集群 {code} 已存在" } },
	{ "cluster.indicator_unknown", "value", "a cluster indicator that is not one of those entered by year",
	  { "'{value}' is not an indicator entered by year (see docs/formats.md)",
	    "“{value}”不是按年填报的集群指标（见 docs/formats.md）" } },
	{ "cluster.not_found", "code", "no cluster has the code",
	  { "no cluster '{code}'", "没有集群“{code}”" } },
	{ "cluster.not_in_scope", "code", "an agency account changes only the clusters of its scope",
	  { "an agency changes only its own clusters", "集群推进机构只能更改本机构的集群" } },
	{ "cluster.own_parent", "", "a cluster names itself as its parent",
	  { "a cluster cannot be its own parent", "集群不能以自身为上级" } },
	{ "cluster.parent_unknown", "parent", "the parent named is not a registered cluster",
	  { "no cluster '{parent}'", "没有集群“{parent}”" } },
	{ "cluster_eval.ahp_needed", "method", "the AHP or combined evaluation is asked without the pairwise comparison matrix",
	  { "the {method} method needs the pairwise comparison matrix", "{method}需要两两比较判断矩阵" } },
	{ "cluster_eval.no_clusters", "", "an evaluation is asked while no cluster is registered",
	  { "no clusters registered: add them with `echelon cluster add` or `import`",
	    "尚未登记任何集群：请先用 `echelon cluster add` 或 `import` 登记" } },
	{ "code.immutable", "", "a code identifies what it names and cannot change",
	  { "the code cannot change", "编号不能更改" } },
	{ "code.invalid", "value", "a code that is not 1 to 31 letters, digits or - _ .",
	  { "'{value}': expected a code of 1 to 31 letters, digits or - _ .",
	    "“{value}”不是有效的代码，应为 1 至 31 个字母、数字或 - _ . 字符" } },
	{ "codes.empty", "", "a list of group codes is empty",
	  { "expected one or more codes separated by commas", "应填写一个或多个代码，以逗号分隔" } },
	{ "codes.invalid", "position,max", "a code of a list is not a group's code of digits and dots",
	  { "code {position}: expected a group's code of digits and dots (at most {max}), e.g. 1, 1.2 or 320000",
	    "第 {position} 个代码有误，应为由数字和点组成的分组代码（不超过 {max} 个字符），如 1、1.2 或 320000" } },
	{ "codes.too_many", "max", "a list of group codes is longer than taken",
	  { "at most {max} groups", "最多 {max} 个分组" } },
	{ "codes.twice", "code", "a list of codes names one twice",
	  { "code '{code}' given twice", "代码“{code}”重复" } },
	{ "completed.amount", "month,amount", "the investment completed in a month is below 0 or not a number",
	  { "month {month}: amount {amount}, expected 0 or more", "{month} 的完成投资 {amount} 有误，应不小于 0" } },
	{ "completed.month", "entry", "an entry of the investment completed has no valid month",
	  { "entry {entry}: not a valid month", "第 {entry} 项的年月无效" } },
	{ "completed.over_total", "month,cumulative,total", "the investment completed would exceed the total investment in force",
	  { "month {month}: cumulative {cumulative} exceeds the total investment {total}; revise the total first",
	    "截至 {month} 累计完成投资 {cumulative}，超过当时的总投资 {total}；请先调整总投资" } },
	{ "complexity.category", "value,by", "a category that is not a column of the categories compared",
	  { "'{value}' is not a column of these categories ({by})", "“{value}”不是所比较类别（{by}）中的一列" } },
	{ "complexity.leaders_route", "", "the leaders of a category have their own route",
	  { "the leaders are at /api/v1/complexity/leaders", "领先企业请使用 /api/v1/complexity/leaders" } },
	{ "complexity.no_region", "region,level,year", "the region has no enterprise at the level of the regions compared in the year",
	  { "region {region} has no enterprise at the {level} level in {year}", "{year} 年按{level}比较时，地区 {region} 没有企业" } },
	{ "complexity.no_year", "year", "no reports in the year asked",
	  { "no reports for {year}", "{year} 年没有月度报表" } },
	{ "csv.after_quote", "", "a quoted field of a CSV file goes on after its closing quote",
	  { "unexpected character after a closing quote", "右引号之后不应再有字符" } },
	{ "csv.empty", "header", "a CSV file has no header (it is empty)",
	  { "the file is empty, expected the header {header}", "文件为空，应以表头 {header} 开始" } },
	{ "csv.field_long", "max", "a field of a CSV file is longer than the reader takes",
	  { "field longer than {max} bytes", "字段长度超过 {max} 字节" } },
	{ "csv.fields", "found,count", "a row of a CSV file has another number of fields than the header",
	  { "expected {count} fields, found {found}", "应有 {count} 个字段，实有 {found} 个" } },
	{ "csv.fields_of", "found,count,header", "a row of a CSV file has another number of fields than the header (named)",
	  { "expected {count} fields ({header}), found {found}", "应有 {count} 个字段（{header}），实有 {found} 个" } },
	{ "csv.header_extra", "position,value,expected", "the header of a CSV file has a column too many",
	  { "header: unexpected column {position} '{value}'; expected {expected}",
	    "表头第 {position} 列“{value}”是多余的；表头应为 {expected}" } },
	{ "csv.header_missing", "column,expected", "the header of a CSV file lacks a column",
	  { "header: column '{column}' is missing; expected {expected}", "表头缺少“{column}”列；表头应为 {expected}" } },
	{ "csv.header_wrong", "position,value,column,expected", "a column of the header of a CSV file is not the one expected there",
	  { "header: column {position} is '{value}', expected '{column}'; expected {expected}",
	    "表头第 {position} 列为“{value}”，应为“{column}”；表头应为 {expected}" } },
	{ "csv.quote", "", "a quote inside a field that does not start with one",
	  { "quote inside an unquoted field", "未加引号的字段中出现了引号" } },
	{ "csv.too_many_fields", "max", "a row of a CSV file has more fields than the reader takes",
	  { "more than {max} fields", "字段数超过 {max} 个" } },
	{ "csv.unclosed", "", "a quoted field is still open at the end of the file",
	  { "quoted field not closed before the end of the file", "加引号的字段直到文件末尾仍未闭合" } },
	{ "csv.utf8", "byte", "a field is not valid UTF-8 (and the file was read as UTF-8)",
	  { "invalid UTF-8 at byte {byte} of the field", "字段第 {byte} 字节不是有效的 UTF-8 编码" } },
	{ "data.invalid", "reason", "a value is not what was expected; the reason is given in English until it has a code of its own",
	  { "{reason}", "{reason}" } },
	{ "date.invalid", "value", "a text that is not a date YYYY-MM-DD",
	  { "'{value}' is not a date, expected YYYY-MM-DD", "“{value}”不是有效的日期，应为 YYYY-MM-DD" } },
	{ "demo.not_empty", "enterprises,reports,deflators", "the demo fills only a database without data",
	  { "the database already holds {enterprises} enterprises, {reports} reports and {deflators} deflators; use --force to replace it",
	    "数据库中已有 {enterprises} 家企业、{reports} 条报表和 {deflators} 条价格指数；如需替换请使用 --force" } },
	{ "digital.answer_empty", "item", "an answer of the digital-level questionnaire chooses no option",
	  { "item {item}: no option chosen", "第 {item} 题未选择任何选项" } },
	{ "digital.answer_form", "value", "an answer given to the command is not ITEM=OPTION[;OPTION...]",
	  { "'{value}': expected ITEM=OPTION[;OPTION...], as B01=C", "“{value}”格式有误，应为 题号=选项[;选项...]，如 B01=C" } },
	{ "digital.code", "value", "a code of the digital-level questionnaire or its answers is not 1 to 15 letters, digits or . _ -",
	  { "'{value}': expected a code of 1 to 15 letters, digits or . _ - (a sector: at most 3)",
	    "“{value}”不是有效的代码，应为 1 至 15 个字母、数字或 . _ - 字符（行业类别最多 3 个字符）" } },
	{ "digital.dimension_weight", "dimension,sector,found,expected", "a dimension's items in a sector table do not add up to its stated weight",
	  { "dimension {dimension}, table {sector}: the items give {found} points, the dimension's weight is {expected}",
	    "维度 {dimension} 在 {sector} 类评测表中各题合计 {found} 分，与该维度权重 {expected} 分不符" } },
	{ "digital.edition", "value,expected", "no digital-level questionnaire of the edition named",
	  { "no questionnaire of edition '{value}'; expected {expected}", "没有“{value}”版评测指标，应为 {expected}" } },
	{ "digital.edition_first", "", "a questionnaire file does not begin with its edition row",
	  { "the first row must be the edition row (kind edition)", "第一行数据应为版本行（kind 为 edition）" } },
	{ "digital.edition_twice", "", "a questionnaire file has a second edition row",
	  { "a second edition row; one file holds one edition", "出现第二个版本行；一个文件只能包含一个版本" } },
	{ "digital.incomplete", "", "a questionnaire file lacks sectors, levels or items",
	  { "the questionnaire needs at least one sector, level and item", "评测指标至少应有一个行业类别、一个等级和一道题" } },
	{ "digital.item_max", "item,found,expected", "a questionnaire item's options do not reach its maximum score exactly",
	  { "item {item}: its options reach {found}, expected {expected}", "第 {item} 题各选项最高可得 {found}，应为 {expected}" } },
	{ "digital.item_missing", "item,sector", "a submitted questionnaire leaves an item of its sector table unanswered",
	  { "item {item} of table {sector} is not answered", "{sector} 类评测表第 {item} 题未作答" } },
	{ "digital.item_options", "item", "a questionnaire item has no options",
	  { "item {item} has no options", "第 {item} 题没有选项" } },
	{ "digital.item_repeat", "item", "an item is answered twice in one questionnaire",
	  { "item {item} is answered twice", "第 {item} 题重复作答" } },
	{ "digital.item_sector", "item,sector", "an answered item is not in the enterprise's sector table",
	  { "item {item} is not in table {sector}", "第 {item} 题不属于 {sector} 类评测表" } },
	{ "digital.item_unknown", "item,edition", "an answered item is not in the questionnaire's edition",
	  { "no item {item} in edition {edition}", "{edition} 版评测指标中没有第 {item} 题" } },
	{ "digital.level_from", "value", "a level's lower bound is not above the previous level's",
	  { "{value}: a level must start above the level before it", "{value} 有误，各等级的起始分应逐级升高" } },
	{ "digital.level_order", "value,expected", "the levels of a questionnaire are not numbered 1, 2, ... in order",
	  { "level '{value}', expected {expected}", "等级“{value}”有误，应为 {expected}" } },
	{ "digital.not_found", "uscc,year,edition", "no digital-level answers for the enterprise, year and edition",
	  { "no answers of {uscc} for {year}, edition {edition}", "没有 {uscc} {year} 年 {edition} 版数字化水平评测的填报" } },
	{ "digital.not_own", "uscc", "an enterprise account reads or answers only its own questionnaire",
	  { "an enterprise account answers and sees only its own questionnaire, not {uscc}'s",
	    "企业账户只能填报和查看本企业的评测，不能查看 {uscc} 的评测" } },
	{ "digital.not_submitted", "uscc,year,edition", "what next is asked of answers not yet submitted",
	  { "the answers of {uscc} for {year}, edition {edition}, are not submitted yet: submit them first",
	    "{uscc} {year} 年 {edition} 版评测尚未提交，请先提交" } },
	{ "digital.option_one", "item,value", "several options are chosen for a single-choice item",
	  { "item {item} takes one option, not '{value}'", "第 {item} 题为单选题，不能选择“{value}”" } },
	{ "digital.option_order", "value", "an option row does not follow its item's row",
	  { "option of '{value}': options follow the row of their item", "“{value}”的选项应紧随该题所在行之后" } },
	{ "digital.option_repeat", "item,value", "an option is chosen twice in one answer",
	  { "item {item}: option {value} is chosen twice", "第 {item} 题重复选择了选项 {value}" } },
	{ "digital.option_unknown", "item,value", "an answer names an option its item does not have",
	  { "item {item} has no option '{value}'", "第 {item} 题没有选项“{value}”" } },
	{ "digital.parent", "value", "an item names a dimension not defined on an earlier row",
	  { "'{value}' is not a dimension defined above", "“{value}”不是前面已定义的维度" } },
	{ "digital.pledge", "", "a questionnaire is submitted without the pledge that the answers are true",
	  { "submitting needs the pledge that the answers are true", "提交评测须承诺所填内容真实" } },
	{ "digital.region", "value", "a benchmark's region is not a GB/T 2260 code or its beginning (2 to 6 digits)",
	  { "region '{value}': expected a GB/T 2260 code or its beginning, 2 to 6 digits",
	    "地区“{value}”应为 GB/T 2260 代码或其前 2 至 6 位数字" } },
	{ "digital.revise_draft", "uscc,year,edition", "a revision is asked of answers that were not submitted",
	  { "the answers of {uscc} for {year}, edition {edition} are not submitted; change the draft instead",
	    "{uscc} {year} 年 {edition} 版评测尚未提交，请直接修改草稿" } },
	{ "digital.sector", "value,edition", "a sector is not one of the questionnaire's tables",
	  { "no table '{value}' in edition {edition}", "{edition} 版评测指标中没有“{value}”类评测表" } },
	{ "digital.sector_mismatch", "uscc,value,expected", "one enterprise's answers in a file name different sector tables",
	  { "{uscc}: table '{value}', but its earlier rows say '{expected}'", "{uscc} 的评测表类别为“{value}”，与前面各行的“{expected}”不一致" } },
	{ "digital.sector_total", "sector,found", "a sector table of a questionnaire is not worth 100 points",
	  { "table {sector} is worth {found} points, expected 100", "{sector} 类评测表合计 {found} 分，应为 100 分" } },
	{ "digital.sectors", "value", "an item names a sector table not defined above",
	  { "'{value}': expected sector codes defined above, separated by ';'", "“{value}”有误，应为前面已定义的行业类别代码，以分号“;”分隔" } },
	{ "digital.submitted", "uscc,year,edition", "answers already submitted are changed without an explicit revision",
	  { "the answers of {uscc} for {year}, edition {edition} are submitted; a change is a revision (--revise)",
	    "{uscc} {year} 年 {edition} 版评测已提交，修改须作为修订（--revise）" } },
	{ "discover.area_or_direction", "", "discovery needs an SEI area or direction",
	  { "give an SEI area or a direction", "请指定产业领域或重点方向" } },
	{ "discover.code", "code", "discovery asked for a code that is neither an SEI area nor a direction",
	  { "'{code}' is not an SEI area (1..9) or direction (like 1.2)",
	    "“{code}”不是战略性新兴产业领域（1 至 9）或方向（如 1.2）" } },
	{ "discover.eps", "value", "the radius of a discovery is not a positive number of km",
	  { "dbscan: eps_km is {value}, expected a positive finite number of km", "邻域半径为 {value} 公里，应为大于 0 的有限公里数" } },
	{ "discover.eps_needed", "min_points,max", "no radius given for a minimum of points above those the suggestion covers",
	  { "min points {min_points}: give the radius eps; one is suggested for min points up to {max}",
	    "最少点数为 {min_points}：请给出邻域半径 eps；仅在最少点数不超过 {max} 时给出建议半径" } },
	{ "discover.label", "point,label,count", "a point's label is neither noise nor one of the clusters found (a program's input)",
	  { "dbscan summary: point {point}: label {label} is not -1 or a cluster below {count}",
	    "聚类汇总：第 {point} 个点的标号 {label} 既不是 -1，也不是小于 {count} 的簇号" } },
	{ "discover.latitude", "who,point,value", "a point's latitude is outside -90..90",
	  { "{who}: point {point}: latitude {value} is not in [-90, 90]", "第 {point} 个点的纬度 {value} 不在 -90 至 90 之间" } },
	{ "discover.longitude", "who,point,value", "a point's longitude is outside -180..180",
	  { "{who}: point {point}: longitude {value} is not in [-180, 180]", "第 {point} 个点的经度 {value} 不在 -180 至 180 之间" } },
	{ "discover.min_points", "value", "the minimum of points of a discovery is not a positive number",
	  { "dbscan: min_weight is {value}, expected a positive finite number", "最少点数为 {value}，应为大于 0 的有限数" } },
	{ "discover.no_member", "cluster", "a cluster found has no member (a program's input)",
	  { "dbscan summary: cluster {cluster} has no member", "聚类汇总：第 {cluster} 个簇没有成员" } },
	{ "discover.too_many", "who,count,max", "more points than discovery takes",
	  { "{who}: {count} points, at most {max} can be taken", "共 {count} 个点，最多可处理 {max} 个" } },
	{ "discover.weight", "who,point,value", "a point's weight is not a finite number >= 0",
	  { "{who}: point {point}: weight {value} is not a finite number >= 0", "第 {point} 个点的权重 {value} 不是不小于 0 的有限数" } },
	{ "download.no_table", "", "a job's answer without a table cannot be downloaded",
	  { "this job's answer has no table to download", "该任务的结果没有可下载的表格" } },
	{ "encoding.unknown", "offset,line", "a file is neither UTF-8 (with or without BOM), UTF-16 with a BOM, nor GB18030/GBK",
	  { "byte {offset} (line {line}) is not UTF-8, and the file is not GB18030 either; save it as \"CSV UTF-8\" or name its encoding with --encoding",
	    "第 {offset} 字节（第 {line} 行）不是 UTF-8 编码，文件也不是 GB18030/GBK 编码；请另存为“CSV UTF-8”，或用 --encoding 指定编码" } },
	{ "enterprise.no_year", "", "no year has data to tell an enterprise's size from",
	  { "no year with data to tell the size from", "没有可用于判断企业规模的年度数据" } },
	{ "enterprise.not_found", "uscc", "no enterprise has the code (or it is not the account's own)",
	  { "no enterprise {uscc}", "没有企业 {uscc}" } },
	{ "enterprise.not_own", "", "an enterprise account sees only its own enterprise",
	  { "an enterprise account sees only its own enterprise", "企业账户只能查看本企业" } },
	{ "evaluate.ahp_diagonal", "row,column,indicator,value", "an AHP comparison matrix has another value than 1 on its diagonal",
	  { "pairwise comparison row {row}, column {column} ({indicator} against itself): {value}; expected 1 on the diagonal",
	    "判断矩阵第 {row} 行第 {column} 列（{indicator} 与自身比较）为 {value}，对角线应为 1" } },
	{ "evaluate.ahp_inconsistent", "ratio,limit,indicator,other,given,implied", "an AHP comparison matrix fails the consistency test",
	  { "consistency ratio {ratio} ≥ {limit}: the comparisons contradict each other; revise the matrix, first {indicator} "
	    "against {other} (given {given}, the weights imply {implied})",
	    "一致性比率 {ratio} ≥ {limit}，判断矩阵前后矛盾；请修改矩阵，先调整 {indicator} 对 {other} 的判断（填写 {given}，"
	    "按权重应约为 {implied}）" } },
	{ "evaluate.ahp_positive", "row,column,indicator,other,value", "an entry of an AHP comparison matrix is not a positive number",
	  { "pairwise comparison row {row}, column {column} ({indicator} against {other}): {value}; expected a positive number",
	    "判断矩阵第 {row} 行第 {column} 列（{indicator} 对 {other}）为 {value}，应为正数" } },
	{ "evaluate.ahp_reciprocal", "row,column,indicator,other,value,mirror,expected",
	  "an entry of an AHP comparison matrix is not the reciprocal of its mirror",
	  { "pairwise comparison row {row}, column {column} ({indicator} against {other}): {value} is not the reciprocal of "
	    "{mirror} in row {column}, column {row}; expected {expected}",
	    "判断矩阵第 {row} 行第 {column} 列（{indicator} 对 {other}）为 {value}，不是第 {column} 行第 {row} 列 "
	    "{mirror} 的倒数，应为 {expected}" } },
	{ "evaluate.ahp_too_many", "count,max", "an AHP comparison of more indicators than Saaty's random index covers",
	  { "pairwise comparison of {count} indicators: at most {max} (Saaty's random index table ends there); compare "
	    "groups first, then the indicators within each",
	    "两两比较 {count} 个指标：最多 {max} 个（Saaty 随机一致性指标表到此为止）；请先比较指标组，再比较组内指标" } },
	{ "evaluate.alpha", "value", "the share of the subjective weights in a combination is outside 0..1",
	  { "combination: alpha {value} is outside 0..1", "组合赋权系数 alpha 为 {value}，应在 0 至 1 之间" } },
	{ "evaluate.constant", "count", "every indicator has one value for all alternatives: the entropy method has nothing to weigh",
	  { "every indicator has the same value for all {count} alternatives: the entropy method cannot tell them apart",
	    "所有指标在全部 {count} 个评价对象上取值相同，熵权法无法区分它们" } },
	{ "evaluate.few", "count", "the entropy method is asked for fewer than 2 alternatives",
	  { "the entropy method needs at least 2 alternatives, got {count}", "熵权法至少需要 2 个评价对象，现有 {count} 个" } },
	{ "evaluate.no_indicators", "method", "an evaluation of no indicators",
	  { "{method}: no indicators", "{method}：没有指标" } },
	{ "evaluate.not_finite", "alternative,indicator,value", "a value of the decision matrix is not finite",
	  { "{alternative}, {indicator}: value {value} is not finite", "{alternative} 的 {indicator}：取值 {value} 不是有限数" } },
	{ "evaluate.rank_range", "alternative,rank,count", "a rank outside 1 to the number of alternatives",
	  { "alternative {alternative}: rank {rank} is outside 1..{count}", "第 {alternative} 个评价对象的名次 {rank} 不在 1 至 {count} 之间" } },
	{ "evaluate.rank_twice", "alternative,rank", "two alternatives have one rank",
	  { "alternative {alternative}: rank {rank} is given twice", "第 {alternative} 个评价对象的名次 {rank} 重复" } },
	{ "evaluate.weight_invalid", "weights,indicator,value", "a weight that is not a finite number >= 0",
	  { "{weights} weight of {indicator} is {value}; expected a finite number >= 0", "{indicator} 的{weights}权重为 {value}，应为不小于 0 的有限数" } },
	{ "evaluate.weight_missing", "weights,indicator", "an indicator without a weight",
	  { "{weights} weight of {indicator} is not given", "未给出 {indicator} 的{weights}权重" } },
	{ "evaluate.weight_sum", "weights,sum", "weights that add up to 0 or to no finite number",
	  { "the {weights} weights add up to {sum}; expected a positive finite sum", "{weights}权重合计为 {sum}，应为大于 0 的有限数" } },
	{ "evaluation.method", "value", "the API evaluates clusters with entropy weights only",
	  { "'{value}': the API evaluates with entropy weights; use `echelon cluster evaluate` for AHP, fixed or combined weights", "“{value}”：接口只用熵权法评价；层次分析法、固定权重或组合权重请用 `echelon cluster evaluate`" } },
	{ "field.boolean", "", "a value that is not true or false",
	  { "expected true or false", "应为 true 或 false" } },
	{ "field.choice", "expected", "a value is not one of those allowed (the value itself is not text)",
	  { "expected {expected}", "应为 {expected}" } },
	{ "field.empty", "", "a value that may not be empty is empty",
	  { "empty, expected a value", "不能为空" } },
	{ "field.enum", "value,expected", "a name is not one of those allowed",
	  { "'{value}': expected {expected}", "“{value}”不是可选值，应为 {expected}" } },
	{ "field.exclusive", "with", "two values given where one of them is taken",
	  { "give it or {with}, not both", "不能与 {with} 同时给出" } },
	{ "field.nul", "", "a text holds a NUL byte",
	  { "holds a NUL byte", "含有 NUL 字节" } },
	{ "field.number", "", "a value that is not a number",
	  { "expected a number", "应为数值" } },
	{ "field.object", "", "a request body that is not a JSON object",
	  { "expected a JSON object", "请求内容应为 JSON 对象" } },
	{ "field.period", "", "a value that is not a month YYYY-MM",
	  { "expected a month YYYY-MM", "应为年月（YYYY-MM）" } },
	{ "field.required", "", "a required value is missing",
	  { "missing, expected a value", "缺少取值" } },
	{ "field.string", "", "a value that is not a string",
	  { "expected a string", "应为文本" } },
	{ "field.too_long", "max", "a text is longer than allowed",
	  { "longer than {max} bytes", "长度超过 {max} 字节" } },
	{ "field.utf8", "byte", "a text that is not valid UTF-8",
	  { "invalid UTF-8 at byte {byte}", "第 {byte} 字节不是有效的 UTF-8 编码" } },
	{ "field.year", "", "a value that is not a year",
	  { "expected a year", "应为年份" } },
	{ "file.denied", "reason", "a file may not be read by the account the command runs as",
	  { "permission denied", "没有读取该文件的权限" } },
	{ "file.not_found", "reason", "a file named on the command line does not exist",
	  { "no such file", "找不到该文件" } },
	{ "file.not_regular", "reason", "a name that is not a regular file (a directory, a device)",
	  { "not a regular file", "不是普通文件（可能是目录）" } },
	{ "file.unreadable", "reason", "a file cannot be read; the reason is the system's (in English)",
	  { "cannot be read: {reason}", "无法读取该文件：{reason}" } },
	{ "fund.closed_stages", "", "a fund names completed or cancelled among the stages it invests in",
	  { "completed and cancelled projects take no funds", "已竣工或已取消的项目不再投资，不能作为投资阶段" } },
	{ "fund.digital_level", "value", "a fund's minimum SME digital level is not a whole level from 0 (none) to 4",
	  { "'{value}': expected a level from 0 (none) to 4", "“{value}”有误，应为 0（不要求）至 4 级" } },
	{ "fund.exists", "code", "a fund with the code is registered already",
	  { "fund {code} exists already", "基金 {code} 已存在" } },
	{ "fund.max_share", "value", "a fund's largest share of a project outside (0, 1]",
	  { "{value}: expected more than 0 and at most 1", "{value} 有误，应大于 0 且不超过 1" } },
	{ "fund.not_found", "code", "no fund has the code",
	  { "no fund '{code}'", "没有基金“{code}”" } },
	{ "fund.not_in_scope", "code", "a fund account changes only the funds of its scope",
	  { "a fund account changes only its own funds", "基金账户只能更改本基金" } },
	{ "fund.tickets", "max,min", "a fund's largest ticket is below its smallest",
	  { "{max} is below the min ticket {min}", "最大单笔投资 {max} 低于最小单笔投资 {min}" } },
	{ "geo.latitude", "value", "a latitude that is not a number of degrees from -90 to 90",
	  { "'{value}', expected a latitude in degrees between -90 and 90", "“{value}”不是有效的纬度，应为 -90 至 90 之间的度数" } },
	{ "geo.longitude", "value", "a longitude that is not a number of degrees from -180 to 180",
	  { "'{value}', expected a longitude in degrees between -180 and 180",
	    "“{value}”不是有效的经度，应为 -180 至 180 之间的度数" } },
	{ "import.cluster_unknown", "cluster", "a row names a cluster neither registered nor in the file",
	  { "'{cluster}' is not a registered cluster", "“{cluster}”不是已登记的集群" } },
	{ "import.empty", "", "an uploaded file is empty",
	  { "the file is empty", "文件为空" } },
	{ "import.enterprise_unknown", "uscc", "a report names an enterprise that is not in the database",
	  { "no enterprise {uscc} in the database; import the enterprise directory first",
	    "数据库中没有企业 {uscc}，请先导入企业名录" } },
	{ "import.no_file", "", "a multipart form without the field file",
	  { "no field named file in the form", "表单中没有名为 file 的文件" } },
	{ "import.parent_unknown", "parent", "a cluster's parent is neither registered nor in the file",
	  { "'{parent}' is not a cluster registered or in this file", "“{parent}”既不是已登记的集群，也不在本文件中" } },
	{ "import.project_unknown", "code", "a progress row names a project not in the library",
	  { "'{code}' is not in the project library", "项目库中没有“{code}”" } },
	{ "import.rejected", "file,count,rows", "a file was refused as a whole for its problems; nothing was stored",
	  { "{file}: rejected, problems: {count} in {rows} rows; nothing was stored", "{file}：文件被拒收，{rows} 行中共有 {count} 个问题，未导入任何数据" } },
	{ "import.repeat", "value", "a code appears twice in one file",
	  { "'{value}' appears twice in the file", "“{value}”在文件中出现两次" } },
	{ "incentive.base", "value,base", "a claim's base (purchase amount or R&D spend) is missing, not above 0 or too large",
	  { "the {base} amount {value} must be above 0 and at most 1 000 000 000 thousand yuan",
	    "{base}金额 {value} 应大于 0 且不超过 1 000 000 000 千元" } },
	{ "incentive.beneficiary", "value", "a claim's beneficiary is neither a valid USCC nor an account",
	  { "'{value}' is neither a valid USCC nor an account", "“{value}”既不是有效的统一社会信用代码，也不是已有账户" } },
	{ "incentive.budget", "amount,available", "an award does not fit in what is left of the programme's budget",
	  { "the award {amount} thousand yuan exceeds the budget still available, {available} thousand yuan",
	    "核定金额 {amount} 千元超过预算可用余额 {available} 千元" } },
	{ "incentive.capped", "cap,before", "reason: the award was cut to the rule's cap per award",
	  { "{before} capped at {cap} per award", "{before} 超过单笔上限，按上限 {cap} 计" } },
	{ "incentive.category", "rule,category,expected", "the beneficiary's SEI category is not among those the rule rewards",
	  { "rule {rule}: category {category} is not under {expected}", "规则 {rule}：产业分类 {category} 不在 {expected} 范围内" } },
	{ "incentive.category_code", "value", "a rule's category list holds something that is not an SEI code",
	  { "'{value}' is not an SEI code (digits and dots, as 2 or 2.1)", "“{value}”不是战略性新兴产业分类代码（如 2 或 2.1）" } },
	{ "incentive.category_in", "category,targets", "reason: the beneficiary's category is among those the rule rewards",
	  { "category {category} is under {targets}", "产业分类 {category} 属于 {targets}" } },
	{ "incentive.claim_repeat", "reference,entry", "a claim's reference was approved already in the programme",
	  { "claim {reference} was approved already (entry {entry})", "申请 {reference} 已核定（台账条目 {entry}）" } },
	{ "incentive.code", "value", "a programme's or a rule's code is not 1 to 31 of A-Z a-z 0-9 - _ .",
	  { "'{value}' is not a code (1 to 31 of A-Z a-z 0-9 - _ .)", "“{value}”不是有效代码（1 至 31 个字母、数字或 - _ .）" } },
	{ "incentive.entry_not_found", "entry", "no entry of the programme's ledger has the number",
	  { "no ledger entry {entry} in this programme", "本计划台账中没有条目 {entry}" } },
	{ "incentive.has_payments", "entry,paid", "a commitment with payments is reversed before its payments",
	  { "commitment {entry} has payments of {paid} thousand yuan: reverse them first", "承诺 {entry} 已拨付 {paid} 千元，请先冲销拨付" } },
	{ "incentive.no_commitment", "entry,entry_kind", "a payment names an entry that is not a commitment",
	  { "entry {entry} is a {entry_kind}, not a commitment", "条目 {entry} 是{entry_kind}，不是承诺" } },
	{ "incentive.no_rules", "", "a programme or a rules file without a rule",
	  { "no rule: a programme needs at least one", "没有规则：资助计划至少需要一条规则" } },
	{ "incentive.not_own", "beneficiary", "an enterprise account claims only for itself",
	  { "an enterprise account claims only for itself, not for {beneficiary}", "企业账户只能为本企业申请，不能为 {beneficiary} 申请" } },
	{ "incentive.overpaid", "entry,amount,paid,committed", "a payment would take what is paid on a commitment above it",
	  { "paying {amount} on commitment {entry} ({paid} paid of {committed}) would pay more than committed",
	    "承诺 {entry} 已拨付 {paid}（承诺 {committed}），再拨付 {amount} 将超过承诺金额" } },
	{ "incentive.programme_exists", "code", "a programme with the code exists already",
	  { "programme '{code}' exists already", "资助计划“{code}”已存在" } },
	{ "incentive.programme_not_found", "code", "no programme has the code",
	  { "no incentive programme '{code}'", "没有资助计划“{code}”" } },
	{ "incentive.reason_needed", "", "a reversal without its reason",
	  { "a reversal needs its reason (note)", "冲销须写明原因（备注）" } },
	{ "incentive.reference", "value", "a claim's reference is empty, too long or holds spaces or control bytes",
	  { "'{value}' is not a claim reference (1 to 63 printable characters, no spaces)", "“{value}”不是有效的申请编号（1 至 63 个可见字符，不含空格）" } },
	{ "incentive.region", "rule,region,expected", "the beneficiary's region is not among those the rule rewards",
	  { "rule {rule}: region {region} is not under {expected}", "规则 {rule}：地区 {region} 不在 {expected} 范围内" } },
	{ "incentive.region_in", "region,targets", "reason: the beneficiary's region is among those the rule rewards",
	  { "region {region} is under {targets}", "地区 {region} 属于 {targets}" } },
	{ "incentive.region_prefix", "value", "a rule's region list holds something that is not a prefix of 2, 4 or 6 digits",
	  { "'{value}' is not a region prefix (2, 4 or 6 digits)", "“{value}”不是地区代码前缀（2、4 或 6 位数字）" } },
	{ "incentive.reverse_reversal", "entry", "a reversal is itself reversed",
	  { "entry {entry} is a reversal, which is not reversed: make a new entry instead", "条目 {entry} 是冲销，不能再冲销，请另行登记" } },
	{ "incentive.reversed", "entry", "an entry is reversed already",
	  { "entry {entry} is reversed already", "条目 {entry} 已冲销" } },
	{ "incentive.rule_enum", "rule", "a rule holds a value out of its enumeration",
	  { "rule {rule} holds a value that is not allowed", "规则 {rule} 含有不允许的取值" } },
	{ "incentive.rule_not_found", "rule,programme", "the programme has no rule of the code",
	  { "programme {programme} has no rule '{rule}'", "资助计划 {programme} 没有规则“{rule}”" } },
	{ "incentive.scenario_unknown", "scenario", "a claim names a scenario the list does not hold",
	  { "no scenario {scenario} in the list", "场景清单中没有场景 {scenario}" } },
	{ "incentive.share", "base,amount,share_pct,result", "reason: the share of the base the rule gives",
	  { "{share_pct}% of {amount} ({base}) = {result}", "{base}金额 {amount} × {share_pct}% = {result}" } },
	{ "incentive.side", "rule,side,rule_side", "a claim's side is not the side the rule rewards",
	  { "rule {rule} rewards the {rule_side}, not the {side}", "规则 {rule} 资助对象为{rule_side}，不是{side}" } },
	{ "incentive.size", "rule,size,expected", "the beneficiary's size is not among those the rule rewards",
	  { "rule {rule}: a {size} enterprise is not eligible ({expected})", "规则 {rule}：{size}企业不符合条件（限 {expected}）" } },
	{ "incentive.size_unknown", "", "reason: the rule limits sizes and the claim's size is not known, so not held against it",
	  { "size not known: not checked", "企业规模未知，未作规模审核" } },
	{ "incentive.too_many_rules", "max", "a programme has more rules than allowed",
	  { "more than {max} rules", "规则超过 {max} 条" } },
	{ "incentive.topup", "pilot,topup_pct,topup_amount,before,result", "reason: the top-up of a pilot",
	  { "{pilot} pilot: {before} + {topup_pct}% + {topup_amount} = {result}", "{pilot}试点加计：{before} + {topup_pct}% + {topup_amount} = {result}" } },
	{ "incentive.topup_pilot", "", "a rule has a top-up but names no pilot that earns it",
	  { "a top-up needs topup_pilot (municipal or national)", "加计须指明试点级别 topup_pilot（municipal 或 national）" } },
	{ "incentive.total", "amount", "reason: the award",
	  { "award {amount}", "核定金额 {amount}" } },
	{ "incentive.year_cap", "year_cap,already,before,result", "reason: the award was cut to the room left under the beneficiary's annual cap",
	  { "annual cap {year_cap}, {already} awarded already: {before} cut to {result}", "年度上限 {year_cap}，已核定 {already}：{before} 调减为 {result}" } },
	{ "incentive.year_cap_reached", "beneficiary,year_cap,already", "the beneficiary has reached the rule's annual cap",
	  { "{beneficiary} has {already} awarded under the annual cap {year_cap}: nothing left", "{beneficiary} 已核定 {already}，达到年度上限 {year_cap}" } },
	{ "indicator.direction", "value", "an indicator's direction is neither benefit nor cost",
	  { "'{value}', expected benefit or cost", "“{value}”不是指标方向，应为 benefit（效益型）或 cost（成本型）" } },
	{ "indicator.group", "value", "an indicator's group is not one of the six",
	  { "'{value}' is not a group; expected innovation, integration, scenarios, service, scale or growth",
	    "“{value}”不是指标组，应为 innovation（创新能力）、integration（产城融合）、scenarios（应用场景）、service（公共服务）、scale（规模）或 growth（增长）" } },
	{ "indicator.group_near", "value,suggestion", "an indicator's group is not one of the six, but near one",
	  { "'{value}' is not a group (did you mean {suggestion}?); expected innovation, integration, scenarios, service, scale or growth",
	    "“{value}”不是指标组（是否应为 {suggestion}？），应为 innovation（创新能力）、integration（产城融合）、scenarios（应用场景）、service（公共服务）、scale（规模）或 growth（增长）" } },
	{ "indicator.name", "value,max", "an indicator's name is not a lowercase identifier",
	  { "'{value}' is not a name (a lowercase letter, then lowercase letters, digits and _, at most {max} bytes)",
	    "“{value}”不是有效的指标名（以小写字母开头，由小写字母、数字和下划线组成，不超过 {max} 字节）" } },
	{ "indicator.none", "", "an indicator file has a header and no indicators",
	  { "no indicators after the header", "表头之后没有指标" } },
	{ "indicator.too_many", "max", "an indicator system has more indicators than the evaluation takes",
	  { "more than {max} indicators", "指标超过 {max} 个" } },
	{ "indicator.weight_extra", "line", "an indicator has a weight while another has none",
	  { "a weight, but line {line} leaves it empty; give every indicator a weight or none",
	    "给出了权重，但第 {line} 行留空；请为每个指标都给出权重，或都留空" } },
	{ "indicator.weight_missing", "line", "an indicator has no weight while another has one",
	  { "empty, but line {line} gives a weight; give every indicator a weight or none",
	    "为空，但第 {line} 行给出了权重；请为每个指标都给出权重，或都留空" } },
	{ "indicator.weight_negative", "value", "an indicator's weight is below 0",
	  { "{value} is negative; expected a number >= 0, or empty when a weighting method computes it",
	    "{value} 为负数；权重应为不小于 0 的数值，或留空由赋权方法计算" } },
	{ "indicator.weight_zero", "", "the weights of an indicator system add up to 0",
	  { "the weights add up to 0; give at least one a positive weight", "权重合计为 0，请至少为一个指标给出正的权重" } },
	{ "industry.class_unknown", "value", "an industry class that is not in GB/T 4754-2017",
	  { "unknown industry class '{value}', expected a GB/T 4754-2017 class (4 digits)",
	    "“{value}”不是已知的行业小类，应为 GB/T 4754-2017 行业小类代码（4 位数字）" } },
	{ "industry.code", "value,level", "an industry code that is not of the form of its level (A, 01, 011, 0111)",
	  { "'{value}' is not a {level} code", "“{value}”不是 {level} 级行业代码" } },
	{ "industry.division_unknown", "value", "an industry division that is not in GB/T 4754-2017",
	  { "unknown industry division '{value}', expected a GB/T 4754-2017 division (2 digits)",
	    "“{value}”不是已知的行业大类，应为 GB/T 4754-2017 行业大类代码（2 位数字）" } },
	{ "industry.not_class", "value", "an industry code of another level where a class (4 digits) is expected",
	  { "'{value}' is not a class, expected a GB/T 4754-2017 class (4 digits)",
	    "“{value}”不是行业小类，应为 GB/T 4754-2017 行业小类代码（4 位数字）" } },
	{ "industry.not_division", "value", "an industry code of another level where a division (2 digits) is expected",
	  { "'{value}' is not a division, expected a GB/T 4754-2017 division (2 digits)",
	    "“{value}”不是行业大类，应为 GB/T 4754-2017 行业大类代码（2 位数字）" } },
	{ "job.cancelled", "", "the job was cancelled before it finished; nothing it would have changed was changed",
	  { "cancelled; nothing was changed", "任务已取消，未作任何更改" } },
	{ "job.finished", "state", "a finished job cannot be cancelled",
	  { "the job has finished ({state}); there is nothing to cancel", "任务已结束（{state}），无需取消" } },
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
	{ "job.unfinished", "", "a job that has not finished (or failed) has no answer to download",
	  { "the job has no answer to download: it is not finished, or it failed", "任务尚未完成或已失败，没有可下载的结果" } },
	{ "kdist.curve", "count", "a k-distance curve of fewer than 2 points asked",
	  { "k-distance: a curve of {count} points asked, expected at least 2", "k 距离曲线至少需要 2 个点，现要求 {count} 个" } },
	{ "kdist.min_points", "value,max", "the minimum of points of a k-distance curve outside what is drawn",
	  { "k-distance: min_weight is {value}, expected a number above 0 and at most {max}", "最少点数为 {value}，应大于 0 且不超过 {max}" } },
	{ "list.missing", "count", "a list is said to have entries but none are given",
	  { "{count} entries but none given", "应有 {count} 项，但未给出" } },
	{ "mapping.class_missing", "industry,category", "an industry catalogue lacks a class the SEI mappings use",
	  { "class {industry}, mapped from SEI category {category}, is missing",
	    "战略性新兴产业分类 {category} 对应的行业小类 {industry} 不在行业目录中" } },
	{ "mapping.industry", "value", "a mapping names what is not a class of the industry catalogue",
	  { "'{value}' is not a GB/T 4754-2017 class (4 digits) in the industry catalogue",
	    "“{value}”不是行业目录中的 GB/T 4754-2017 行业小类（4 位数字）" } },
	{ "mapping.twice", "category,industry", "a mapping of a category to a class is given twice",
	  { "{category} maps to {industry} twice", "{category} 与 {industry} 的对应关系重复" } },
	{ "match.any_category", "category", "the fund takes any SEI category",
	  { "category {category}: the fund takes any category", "产业分类 {category}：基金不限产业分类" } },
	{ "match.any_region", "region", "the fund takes any region",
	  { "region {region}: the fund takes any region", "地区 {region}：基金不限地区" } },
	{ "match.any_stage", "stage", "the fund takes any stage",
	  { "stage {stage}: the fund takes any stage", "项目阶段“{stage}”：基金不限投资阶段" } },
	{ "match.capital_below_min", "capital,min", "the fund's capital is below its own smallest ticket",
	  { "capital {capital} thousand yuan is below the smallest ticket {min}", "可投资金 {capital} 千元低于最小单笔投资 {min} 千元" } },
	{ "match.category_is_target", "category", "the project's category is one the fund targets",
	  { "category {category} is a target of the fund", "产业分类 {category} 是基金的投向" } },
	{ "match.category_outside", "category,targets", "the project's category is not under the fund's targets",
	  { "category {category} is not under the fund's targets {targets}", "产业分类 {category} 不在基金投向 {targets} 之内" } },
	{ "match.category_under_target", "category,target", "the project's category is under a category the fund targets",
	  { "category {category} is under the fund's target {target}", "产业分类 {category} 属于基金投向 {target}" } },
	{ "match.cluster_tier", "cluster,tier", "the project is in a registered cluster of that tier",
	  { "in cluster {cluster} ({tier})", "属于{tier} {cluster}" } },
	{ "match.cluster_unregistered", "cluster", "the project names a cluster that is not registered",
	  { "cluster {cluster} is not registered", "集群 {cluster} 未登记" } },
	{ "match.coinvest_with", "fund", "the fund invests alongside a government guidance fund",
	  { "alongside the government guidance fund {fund}", "与政府引导基金 {fund} 联合投资" } },
	{ "match.digital_below", "level,min", "the owner's SME digital level is below the level the fund requires",
	  { "the owner's digital level {level} is below the level {min} the fund requires",
	    "项目业主的数字化水平为 {level} 级，低于基金要求的 {min} 级" } },
	{ "match.digital_level", "level,min", "the owner's SME digital level meets the level the fund requires",
	  { "the owner's digital level {level} meets the fund's level {min}", "项目业主的数字化水平为 {level} 级，达到基金要求的 {min} 级" } },
	{ "match.digital_none", "min", "the owner has no submitted SME digital-level questionnaire and the fund requires a level",
	  { "the fund requires digital level {min}; the owner has submitted no digital-level questionnaire",
	    "基金要求数字化水平达到 {min} 级，项目业主尚未提交数字化水平评测" } },
	{ "match.gap_below_min", "gap,min", "what the project still lacks is below the fund's smallest ticket",
	  { "the open gap {gap} thousand yuan is below the smallest ticket {min}", "尚未落实资金 {gap} 千元低于最小单笔投资 {min} 千元" } },
	{ "match.no_cluster", "", "the project is in no cluster",
	  { "in no cluster", "不属于任何集群" } },
	{ "match.no_guidance_fund", "", "no government guidance fund can invest alongside, as the fund requires",
	  { "no government guidance fund can invest alongside", "没有可以联合投资的政府引导基金" } },
	{ "match.priority_area", "area", "the project's SEI area is a priority area",
	  { "area {area} is a priority area", "产业领域 {area} 是优先领域" } },
	{ "match.region_in_target", "region,target", "the project's region is in a region the fund targets",
	  { "region {region} is in the fund's target {target}", "地区 {region} 属于基金投向地区 {target}" } },
	{ "match.region_outside", "region,targets", "the project's region is not in the fund's targets",
	  { "region {region} is not in the fund's targets {targets}", "地区 {region} 不在基金投向地区 {targets} 之内" } },
	{ "match.share_below_min", "share,total,most,min", "the fund's largest share of the project is below its smallest ticket",
	  { "at most {share} of the total {total} thousand yuan is {most}, below the smallest ticket {min}",
	    "按单个项目最高占比 {share}，总投资 {total} 千元至多可投 {most} 千元，低于最小单笔投资 {min} 千元" } },
	{ "match.stage_in_targets", "stage", "the project's stage is one the fund invests in",
	  { "stage {stage} is one the fund invests in", "项目阶段“{stage}”在基金投资阶段之内" } },
	{ "match.stage_no_funds", "stage", "a project in this stage takes no funds",
	  { "stage {stage} takes no funds", "项目阶段“{stage}”不接受投资" } },
	{ "match.stage_outside", "stage,targets", "the project's stage is not one the fund invests in",
	  { "stage {stage} is not in the fund's stages {targets}", "项目阶段“{stage}”不在基金投资阶段 {targets} 之内" } },
	{ "match.ticket_above", "ticket,min,max", "what the project lacks is above the fund's ticket range",
	  { "the ticket {ticket} thousand yuan is above the range {min}–{max}", "投资额 {ticket} 千元超出单笔投资范围 {min}–{max} 千元" } },
	{ "match.ticket_within", "ticket,min,max", "what the project lacks is within the fund's ticket range",
	  { "the ticket {ticket} thousand yuan is within the range {min}–{max}", "投资额 {ticket} 千元在单笔投资范围 {min}–{max} 千元之内" } },
	{ "member.action", "value", "a member rule's action is neither include nor exclude",
	  { "'{value}', expected include or exclude", "“{value}”不是有效的操作，应为 include（纳入）或 exclude（排除）" } },
	{ "migrate.differs", "table", "a copied table's rows or checksum differ from the source's; the copy is rolled back",
	  { "table {table}: the copy differs from the source (rows or SHA-256); nothing was written",
	    "表 {table} 的副本与源不一致（行数或 SHA-256 校验值），未写入任何数据" } },
	{ "migrate.no_source", "uri", "the store to copy from does not exist",
	  { "no database at {uri}", "{uri} 处没有数据库" } },
	{ "migrate.same", "uri", "a store is copied into itself",
	  { "{uri} is both the source and the target", "{uri} 既是源又是目标" } },
	{ "migrate.target_not_empty", "table,rows", "the store copied into holds data; a copy goes only into an empty store",
	  { "the target is not empty: table {table} has {rows} rows; nothing was written",
	    "目标数据库不为空：表 {table} 有 {rows} 行，未写入任何数据" } },
	{ "monitor.no_data", "", "there are no figures before enterprises, deflators and reports are imported",
	  { "no figures yet: import enterprises, deflators and reports first", "暂无数据：请先导入企业名录、价格指数和月度报表" } },
	{ "monitor.unavailable", "reason", "the stored data cannot make the figures (the server runs on without them)",
	  { "the figures cannot be made from the stored data: {reason}", "无法由已存数据生成统计数字：{reason}" } },
	{ "month.invalid", "", "a month outside 1900-01..2999-12",
	  { "not a valid month", "不是有效的年月" } },
	{ "month.order", "month,previous", "months of a list are not in increasing order",
	  { "month {month} does not follow {previous}", "{month} 应晚于 {previous}" } },
	{ "notice.not_selected", "scenario,title", "an applicant's scenario selected another enterprise",
	  { "scenario {scenario} ({title}) selected another applicant; thank you for applying",
	    "场景 {scenario}（{title}）已确定其他立项单位，感谢参与申报" } },
	{ "notice.selected", "scenario,title", "an applicant was selected for a scenario",
	  { "your application to scenario {scenario} ({title}) was selected",
	    "您对场景 {scenario}（{title}）的申报已被确定立项" } },
	{ "number.empty", "", "a number is missing",
	  { "empty, expected a number", "为空，应填写数值" } },
	{ "number.invalid", "value", "a text that is not a number (plain decimals: 12, -3.5, 1e6)",
	  { "'{value}' is not a number", "“{value}”不是数值" } },
	{ "number.negative", "value", "a number below 0 where none may be",
	  { "{value} is negative, expected a number >= 0", "{value} 为负数，应为不小于 0 的数值" } },
	{ "number.not_finite", "value", "an infinite number",
	  { "'{value}' is not finite", "“{value}”不是有限的数值" } },
	{ "number.not_whole", "value", "a number with a fraction where a count is expected",
	  { "{value} is not a whole number", "{value} 不是整数" } },
	{ "number.range", "value,min,max", "a number outside the range allowed",
	  { "{value} is out of range {min}..{max}", "{value} 超出范围，应在 {min} 至 {max} 之间" } },
	{ "number.too_long", "value", "a number of more digits than are read",
	  { "'{value}' is too long for a number", "“{value}”位数过多，不能作为数值读取" } },
	{ "password.length", "min,max", "a password is too short or too long",
	  { "expected {min} to {max} characters", "密码应为 {min} 至 {max} 个字符" } },
	{ "period.empty", "", "a month is missing",
	  { "empty, expected a period YYYY-MM", "为空，应填写年月（YYYY-MM）" } },
	{ "period.invalid", "value", "a text that is not a month YYYY-MM (1900-2999)",
	  { "'{value}' is not a period, expected YYYY-MM", "“{value}”不是有效的年月，应为 YYYY-MM" } },
	{ "period.order", "from,to", "a range of months that begins after it ends",
	  { "'{from}' is after to '{to}'", "起始年月 {from} 晚于截止年月 {to}" } },
	{ "plan.decreasing", "month,share,previous", "a planned cumulative share falls",
	  { "month {month}: cumulative share {share} falls below {previous}",
	    "{month} 的累计计划进度 {share} 低于前一个月的 {previous}" } },
	{ "plan.last", "month,share", "a project's plan does not end at a share of 1",
	  { "the last month {month} plans a share of {share}, expected 1", "最后一个月 {month} 的累计计划进度为 {share}，应为 1" } },
	{ "plan.outside", "month,start,end", "a month of a project's plan is outside its planned period",
	  { "month {month} is outside the planned {start}..{end}", "{month} 不在计划工期 {start} 至 {end} 之内" } },
	{ "plan.share", "month,share", "a planned cumulative share outside 0..1",
	  { "month {month}: share {share}, expected 0..1", "{month} 的累计计划进度 {share} 有误，应在 0 至 1 之间" } },
	{ "ppi.range", "value", "a price index outside 50..200 (the same month of the previous year = 100)",
	  { "{value} is out of range, expected an index with the same month of the previous year = 100 (50..200)",
	    "{value} 超出范围，应为以上年同月为 100 的指数（50 至 200）" } },
	{ "project.cluster_unknown", "cluster", "the cluster a project names is not registered",
	  { "'{cluster}' is not a registered cluster", "“{cluster}”不是已登记的集群" } },
	{ "project.end_before_start", "end,start", "a project's planned end is before its start",
	  { "{end} is before the start {start}", "计划竣工 {end} 早于计划开工 {start}" } },
	{ "project.exists", "code", "a project with the code is in the library already",
	  { "project {code} exists already", "项目 {code} 已存在" } },
	{ "project.funding_over", "sum,total", "a project's funding by source sums to more than its total investment",
	  { "the plan sums to {sum}, more than the total investment {total}", "资金筹措合计 {sum}，超过总投资 {total}" } },
	{ "project.not_found", "code", "no project has the code (or it is not the account's own)",
	  { "no project '{code}'", "没有项目“{code}”" } },
	{ "project.not_owner", "owner", "an enterprise account submits and changes only its own projects",
	  { "an enterprise submits only its own projects", "企业只能提交本企业的项目" } },
	{ "quota.energy", "value", "an energy quota that is not a number",
	  { "'{value}': expected tonnes of standard coal (empty: none)", "“{value}”不是有效的能耗指标，应为吨标准煤数（留空表示不设）" } },
	{ "quota.energy_negative", "value", "an energy quota below 0",
	  { "energy_tce {value}: expected tonnes of standard coal >= 0", "能耗指标 {value} 有误，应为不小于 0 的吨标准煤数" } },
	{ "quota.land", "value", "a land quota that is not a number",
	  { "'{value}': expected a number of mu (empty: none)", "“{value}”不是有效的用地指标，应为亩数（留空表示不设）" } },
	{ "quota.land_negative", "value", "a land quota below 0",
	  { "land_mu {value}: expected a number of mu >= 0", "用地指标 {value} 有误，应为不小于 0 的亩数" } },
	{ "quota.list", "max", "the quotas are not a list of at most one per province",
	  { "quotas: expected an array of at most {max} quotas (region, land_mu, energy_tce)", "用地能耗指标应为不超过 {max} 项的列表，每项含 region、land_mu、energy_tce" } },
	{ "quota.none", "region", "a province's quota gives neither land nor energy",
	  { "region {region} has neither a land nor an energy quota; expected at least one",
	    "{region} 既无用地指标也无能耗指标，应至少给出一项" } },
	{ "quota.not_province", "value", "a quota's region is not a province of the catalogue",
	  { "region '{value}' is not a province; expected a 6-digit GB/T 2260 province code such as 110000",
	    "“{value}”不是省级行政区划，应为 6 位 GB/T 2260 省级代码（如 110000）" } },
	{ "quota.region", "value", "a quota row's region is not a 6-digit code",
	  { "'{value}': expected a 6-digit province code", "“{value}”不是 6 位省级行政区划代码" } },
	{ "quota.shape", "entry", "a quota is not an object of region, land_mu and energy_tce",
	  { "quotas[{entry}]: expected region (a 6-digit province code), land_mu and energy_tce (each a number or null)",
	    "第 {entry} 项指标有误，应含 region（6 位省级代码）、land_mu（数值或 null）、energy_tce（数值或 null）" } },
	{ "quota.twice", "region", "a province has two quotas",
	  { "region {region} has a quota already; expected one quota per province", "{region} 已有指标，每个省份只能有一行指标" } },
	{ "region.code", "value", "a text that is not a 6-digit GB/T 2260 code",
	  { "'{value}' is not a 6-digit GB/T 2260 code", "“{value}”不是 6 位 GB/T 2260 行政区划代码" } },
	{ "region.prefecture_unknown", "value,prefecture", "a county code whose prefecture is not in the region catalogue either",
	  { "unknown region code '{value}': neither it nor its prefecture {prefecture} is in the region catalogue",
	    "“{value}”及其所属地级代码 {prefecture} 都不在行政区划目录中" } },
	{ "region.prefix", "value", "a region prefix that names no region of the catalogue",
	  { "'{value}' is not a GB/T 2260 prefix of 2, 4 or 6 digits in the catalogue",
	    "“{value}”不是目录中的行政区划代码前缀（2、4 或 6 位 GB/T 2260 代码）" } },
	{ "region.unknown", "value", "a region code that is not in the GB/T 2260 catalogue",
	  { "unknown region code '{value}', expected a GB/T 2260 code (6 digits)",
	    "“{value}”不是已知的行政区划代码，应为 GB/T 2260 代码（6 位数字）" } },
	{ "regions.empty", "", "a cluster without regions",
	  { "empty, expected GB/T 2260 codes separated by ';'", "不能为空，应为以分号“;”分隔的 GB/T 2260 行政区划代码" } },
	{ "report.busy", "max", "as many PDF reports are being made as the server makes at once",
	  { "{max} reports are being printed; try again in a minute", "正在生成的报告已达 {max} 份，请稍后再试" } },
	{ "report.not_found", "id", "no published report has the id",
	  { "no published report {id}", "没有编号为 {id} 的已发布报告" } },
	{ "report.period", "value,first,last", "a report asked for a month the figures do not cover",
	  { "{value}: expected a month from {first} to {last}", "统计期 {value} 没有数据，应在 {first} 至 {last} 之间" } },
	{ "report.render", "cause", "a report could not be rendered",
	  { "the report could not be made: {cause}", "报告未能生成：{cause}" } },
	{ "reports.no_year", "year,first,last", "no reports for the year asked",
	  { "no data for {year}: the reports cover {first} to {last}", "{year} 年没有数据：月度报表覆盖 {first} 至 {last} 年" } },
	{ "request.csrf", "", "a change without the page's CSRF token",
	  { "missing or wrong CSRF token: reload the page", "页面已过期（缺少或错误的 CSRF 令牌），请刷新页面" } },
	{ "request.internal", "", "the server failed; its log has the detail",
	  { "internal error; the server log has the detail", "服务器内部错误，详情见服务器日志" } },
	{ "request.invalid", "detail", "a request's parameter is wrong (the detail is the server's English)",
	  { "{detail}", "参数有误：{detail}" } },
	{ "request.length", "", "a Content-Length that is not a number",
	  { "Content-Length: expected a number of bytes", "Content-Length 应为字节数" } },
	{ "request.no_route", "path", "no route of the API has the path",
	  { "no such API route: {path}", "没有这个接口：{path}" } },
	{ "request.nul", "", "a request line with a NUL byte",
	  { "the request line holds a NUL byte", "请求行含有 NUL 字节" } },
	{ "request.refused", "detail", "the server refused a request; the detail is its English message",
	  { "{detail}", "无法完成：{detail}" } },
	{ "request.role", "role", "the account's role may not use the route",
	  { "the role {role} may not use this", "“{role}”角色无权使用此功能" } },
	{ "request.sign_in", "", "a route for signed-in accounts asked without a session",
	  { "sign in first", "请先登录" } },
	{ "request.too_large", "max", "a request body larger than the route takes",
	  { "the request body is larger than {max} bytes", "请求内容超过 {max} 字节" } },
	{ "request.too_many_params", "count,max", "more query parameters than are taken",
	  { "{count} query parameters; at most {max} are taken", "查询参数有 {count} 个，最多 {max} 个" } },
	{ "request.write", "", "the answer could not be written",
	  { "could not write the answer", "无法写出应答" } },
	{ "revision.before_last", "month,last", "a revision of the total is dated before the last one",
	  { "month {month} precedes the last revision in {last}", "{month} 早于最近一次总投资调整（{last}）" } },
	{ "revision.below_completed", "value,completed", "a new total investment below what is completed already",
	  { "new total {value} is below the {completed} already completed", "新的总投资 {value} 低于已完成投资 {completed}" } },
	{ "revision.below_funding", "value,funding", "a new total investment below the funding planned",
	  { "new total {value} is below the funding plan {funding}", "新的总投资 {value} 低于资金筹措合计 {funding}" } },
	{ "revision.chain", "entry,old,before", "a revision does not start from the total the one before it set",
	  { "revision {entry}: old total {old}, expected {before} from the revision before",
	    "第 {entry} 次总投资调整前的总投资为 {old}，应为上一次调整后的 {before}" } },
	{ "revision.last", "last,total", "the last revision's total is not the project's total",
	  { "the last revision sets {last}, but the total investment is {total}",
	    "最后一次调整后的总投资为 {last}，但当前总投资为 {total}" } },
	{ "revision.month", "entry", "a revision of the total has no valid month",
	  { "revision {entry}: not a valid month", "第 {entry} 次总投资调整的年月无效" } },
	{ "revision.new_positive", "value", "a new total investment that is not more than 0",
	  { "new total {value}: expected more than 0", "新的总投资 {value} 有误，应大于 0" } },
	{ "revision.order", "entry,month", "a revision of the total precedes the one before it",
	  { "revision {entry}: month {month} precedes the revision before it",
	    "第 {entry} 次总投资调整的年月 {month} 早于上一次调整" } },
	{ "revision.positive", "entry", "a revision's totals are not more than 0",
	  { "revision {entry}: totals must be more than 0", "第 {entry} 次总投资调整前后的总投资都应大于 0" } },
	{ "row.repeat", "value,line", "a key appears on two rows of one file",
	  { "'{value}' repeats line {line}", "“{value}”与第 {line} 行重复" } },
	{ "scenario.already_project", "code,project", "a scenario that became a project already is made one again",
	  { "scenario {code} is project {project} already",
	    "场景 {code} 已转为项目 {project}" } },
	{ "scenario.criteria_many", "max", "a scenario with more review criteria than allowed",
	  { "more than {max} criteria",
	    "评审指标超过 {max} 项" } },
	{ "scenario.criteria_sum", "sum", "the weights of a scenario's review criteria do not sum to 100",
	  { "the weights sum to {sum}; expected 100",
	    "评审指标权重之和为 {sum}，应为 100" } },
	{ "scenario.criterion", "value", "a review criterion that is not name:weight with a weight from 0 to 100",
	  { "'{value}': expected name:weight, a name of letters, digits or _ and a weight above 0 up to 100",
	    "“{value}”有误，应为“名称:权重”，名称由字母、数字或下划线组成，权重大于 0 且不超过 100" } },
	{ "scenario.criterion_twice", "value", "a review criterion given twice",
	  { "criterion '{value}' is given twice",
	    "评审指标“{value}”重复" } },
	{ "scenario.deadline_passed", "deadline", "an application is made or changed after the scenario's deadline",
	  { "the deadline {deadline} has passed",
	    "申报截止日期 {deadline} 已过" } },
	{ "scenario.exists", "code", "a scenario code already registered",
	  { "scenario {code} already exists",
	    "场景 {code} 已存在" } },
	{ "scenario.locked", "scenario_status", "a scenario is edited after its call closed",
	  { "a scenario {scenario_status} can no longer be edited",
	    "{scenario_status}的场景不能再修改" } },
	{ "scenario.no_applications", "code", "a scenario goes to selection without an application",
	  { "scenario {code} has no application to select",
	    "场景 {code} 没有可确定立项的申报" } },
	{ "scenario.not_found", "code", "no scenario of the code",
	  { "no scenario {code}",
	    "没有场景 {code}" } },
	{ "scenario.not_open", "code,scenario_status", "an application to a scenario that is not taking applications",
	  { "scenario {code} is {scenario_status}, not taking applications",
	    "场景 {code} 处于{scenario_status}状态，不接受申报" } },
	{ "scenario.not_owner", "owner", "a scenario is changed by an account that neither owns it nor is an analyst",
	  { "only the owner {owner} or an analyst may change this scenario",
	    "只有场景发布方 {owner} 或分析员可以修改此场景" } },
	{ "scenario.not_review", "code,scenario_status", "a score or selection for a scenario that is not in review",
	  { "scenario {code} is {scenario_status}, not in review",
	    "场景 {code} 处于{scenario_status}状态，不在评审中" } },
	{ "scenario.not_reviewer", "reviewer,code", "a score by an account not assigned to review the scenario",
	  { "{reviewer} is not a reviewer of scenario {code}",
	    "{reviewer} 不是场景 {code} 的评审人" } },
	{ "scenario.not_selected", "code,scenario_status", "a scenario becomes a project before an application was selected",
	  { "scenario {code} is {scenario_status}; only a selected or completed scenario becomes a project",
	    "场景 {code} 处于{scenario_status}状态，只有已立项或已完成的场景可以转为项目" } },
	{ "scenario.reviewer_linked", "reviewer,uscc", "a reviewer linked to the applicant (same enterprise, or the scenario's owner)",
	  { "{reviewer} is linked to {uscc} (its own enterprise or the scenario's owner) and may not score it",
	    "{reviewer} 与 {uscc} 存在关联（本企业或场景发布方），不能评分" } },
	{ "scenario.reviewer_role", "reviewer,role", "an account that may not review scenarios is assigned",
	  { "{reviewer} is a {role} account; reviewers are analyst, agency or enterprise accounts",
	    "{reviewer} 是{role}账户，评审人应为分析员、集群促进机构或企业账户" } },
	{ "scenario.score_missing", "criterion", "a reviewer's sheet leaves a criterion unscored",
	  { "no score for criterion {criterion}",
	    "评审指标 {criterion} 未评分" } },
	{ "scenario.transition", "from_scenario_status,scenario_status", "a scenario status change the status machine does not allow",
	  { "a scenario cannot move from {from_scenario_status} to {scenario_status}",
	    "场景不能从{from_scenario_status}变为{scenario_status}" } },
	{ "session.body", "", "a sign-in without a JSON body of a user name and a password",
	  { "send the user name and the password as JSON: username, password", "请以 JSON 发送用户名（username）和密码（password）" } },
	{ "session.refused", "", "a sign-in failed: no such account, a wrong password or a disabled account",
	  { "wrong user name or password, or the account is disabled", "用户名或密码错误，或账户已停用" } },
	{ "stage.completion", "completed,share,total", "a project becomes completed before enough of its investment is",
	  { "completed investment {completed} is less than {share}% of the total {total}",
	    "已完成投资 {completed} 不足总投资 {total} 的 {share}%，不能转为竣工" } },
	{ "stage.final", "from,to", "a completed or cancelled project cannot change its stage",
	  { "a {from} project cannot become {to}", "{from}的项目不能转为{to}" } },
	{ "stage.move", "from,to", "a change of stage that the project library does not allow",
	  { "{from} cannot become {to}", "项目阶段不能由{from}转为{to}" } },
	{ "stage.need_project", "", "a move to completed is checked against the project's investment",
	  { "the project is needed to check completion", "判断能否竣工需要项目的完成投资" } },
	{ "stage.set", "value,expected", "a list of project stages holds a name that is not a stage",
	  { "'{value}': expected stages ({expected}) separated by ';'",
	    "“{value}”不是有效的阶段列表，应为以分号“;”分隔的阶段（{expected}）" } },
	{ "stage.unknown", "", "a stage that is not one of the project stages",
	  { "unknown stage", "未知的项目阶段" } },
	{ "static.method", "", "files are read with GET and HEAD only",
	  { "only GET and HEAD for files", "文件只能用 GET 或 HEAD 读取" } },
	{ "static.no_dashboard", "", "the dashboard is not built",
	  { "the dashboard is not built (run `make`); the API is at /api/v1", "仪表盘尚未构建（请运行 `make`）；接口位于 /api/v1" } },
	{ "static.no_file", "", "no file has the path",
	  { "no such file", "没有这个文件" } },
	{ "static.path", "", "a path outside the dashboard's files",
	  { "path not allowed", "不允许访问此路径" } },
	{ "store.failed", "reason", "the database failed; nothing was changed",
	  { "database: {reason}", "数据库错误：{reason}" } },
	{ "suggest.category_area", "category", "the enterprise's category is in the scenario's SEI area",
	  { "category {category} in the same area",
	    "产业分类 {category} 属同一领域" } },
	{ "suggest.category_direction", "category", "the enterprise's category is in the scenario's SEI direction",
	  { "category {category} in the same direction",
	    "产业分类 {category} 属同一方向" } },
	{ "suggest.category_same", "category", "the enterprise's category is the scenario's or under it",
	  { "category {category} matches",
	    "产业分类 {category} 相符" } },
	{ "suggest.region_city", "region", "the enterprise is in the scenario's city",
	  { "in the same city ({region})",
	    "位于同一城市（{region}）" } },
	{ "suggest.region_other", "region", "the enterprise is outside the scenario's province",
	  { "outside the province ({region})",
	    "位于省外（{region}）" } },
	{ "suggest.region_province", "region", "the enterprise is in the scenario's province",
	  { "in the same province ({region})",
	    "位于同一省份（{region}）" } },
	{ "suggest.region_same", "region", "the enterprise is in the scenario's region",
	  { "in the same region ({region})",
	    "位于同一地区（{region}）" } },
	{ "text", "text", "a message that has no code of its own yet (English)",
	  { "{text}", "{text}" } },
	{ "uscc.alphabet", "value,position,char", "a character of a USCC outside the code's alphabet (lower case is read as upper case)",
	  { "character {position} is '{char}', not in the code alphabet 0-9 A-H J-N P-R T U W-Y",
	    "统一社会信用代码第 {position} 位为“{char}”，不是代码字符（0-9、A-H、J-N、P-R、T、U、W-Y）" } },
	{ "uscc.byte", "value,position,byte", "a byte of a USCC that is not a character of the code",
	  { "character {position} is byte {byte}, not in the code alphabet 0-9 A-H J-N P-R T U W-Y",
	    "统一社会信用代码第 {position} 位为字节 {byte}，不是代码字符（0-9、A-H、J-N、P-R、T、U、W-Y）" } },
	{ "uscc.check", "value,found,expected", "the check character of a USCC (GB 32100-2015) is wrong",
	  { "check character is '{found}', expected '{expected}'", "统一社会信用代码第 18 位校验码为“{found}”，应为“{expected}”" } },
	{ "uscc.invalid", "value", "a text is not a Unified Social Credit Code with a valid check character",
	  { "'{value}' is not a valid USCC", "“{value}”不是有效的统一社会信用代码" } },
	{ "uscc.length", "value,length", "a USCC that is not 18 characters long",
	  { "{length} characters, expected 18", "统一社会信用代码应为 18 位，“{value}”为 {length} 位" } },
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
	{ "year.invalid", "value", "a text that is not a year (four digits)",
	  { "'{value}' is not a year", "“{value}”不是有效的年份" } },
};

const size_t ec_nproblem_codes = sizeof ec_problem_codes / sizeof ec_problem_codes[0];

/* The Chinese names of the fields and columns problems are placed at,
** sorted by name: a Chinese message names a field by these words (and a
** file's column by these words and its header). */
static const struct {
	const char *name, *zh;
} field_names[] = {
	{ "action", "操作" },
	{ "agency", "推进机构" },
	{ "answer", "答案" },
	{ "as", "代为操作的账户" },
	{ "bank_loans", "银行贷款" },
	{ "bonds", "债券" },
	{ "capital", "可投资金" },
	{ "categories", "战略性新兴产业分类" },
	{ "category", "战略性新兴产业分类" },
	{ "cluster", "集群" },
	{ "code", "代码" },
	{ "coinvest", "联合投资" },
	{ "completed", "完成投资" },
	{ "dimension", "维度" },
	{ "direction", "指标方向" },
	{ "disabled", "停用" },
	{ "division", "行业大类" },
	{ "edition", "版本" },
	{ "employees", "从业人员" },
	{ "end", "计划竣工" },
	{ "energy_tce", "能耗" },
	{ "exports", "出口交货值" },
	{ "founded", "成立时间" },
	{ "funding", "资金筹措" },
	{ "funding_bank_loans", "银行贷款" },
	{ "funding_bonds", "债券" },
	{ "funding_government_budget", "政府预算" },
	{ "funding_guidance_fund", "政府引导基金" },
	{ "funding_own_funds", "自有资金" },
	{ "funding_social_capital", "社会资本" },
	{ "government_budget", "政府预算" },
	{ "group", "指标组" },
	{ "guidance_fund", "政府引导基金" },
	{ "indicator", "指标" },
	{ "industry", "行业代码" },
	{ "investment", "固定资产投资" },
	{ "item", "题目" },
	{ "kind", "类型" },
	{ "land_mu", "用地" },
	{ "lat", "纬度" },
	{ "lon", "经度" },
	{ "max_share", "单个项目最高占比" },
	{ "max_ticket", "最大单笔投资" },
	{ "min_ticket", "最小单笔投资" },
	{ "mode", "计分方式" },
	{ "name", "名称" },
	{ "name_en", "英文名称" },
	{ "name_zh", "中文名称" },
	{ "output", "工业总产值" },
	{ "own_funds", "自有资金" },
	{ "owner", "项目业主" },
	{ "parent", "上级" },
	{ "password", "密码" },
	{ "patents", "发明专利授权数" },
	{ "period", "统计期" },
	{ "plan", "投资计划" },
	{ "pledge", "真实性承诺" },
	{ "ppi_yoy", "工业生产者出厂价格指数" },
	{ "priority_areas", "优先领域" },
	{ "project", "项目" },
	{ "quotas", "用地和能耗指标" },
	{ "rd_expense", "研发经费支出" },
	{ "reason", "调整原因" },
	{ "region", "行政区划代码" },
	{ "regions", "地区范围" },
	{ "revenue", "营业收入" },
	{ "revisions", "总投资调整" },
	{ "role", "角色" },
	{ "scope", "权限范围" },
	{ "score", "分值" },
	{ "sector", "行业类别" },
	{ "sectors", "适用行业类别" },
	{ "sei_categories", "战略性新兴产业分类" },
	{ "social_capital", "社会资本" },
	{ "source", "资料来源" },
	{ "stage", "阶段" },
	{ "stages", "投资阶段" },
	{ "start", "计划开工" },
	{ "tier", "层级" },
	{ "time_limit_s", "时间上限" },
	{ "total_investment", "总投资" },
	{ "type", "基金类型" },
	{ "uscc", "统一社会信用代码" },
	{ "value", "数值" },
	{ "value_added", "工业增加值" },
	{ "weight", "权重" },
	{ "year", "年份" },
};

const char *ec_problem_field_zh(const char *name, size_t n)
{
	size_t lo = 0, hi = sizeof field_names / sizeof field_names[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(name, field_names[mid].name, n);
		if (c == 0 && field_names[mid].name[n] != '\0')
			c = -1;
		if (c == 0)
			return field_names[mid].zh;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* A field in Chinese: each of its comma-separated names by its Chinese
** name, "、" between; in a file, the header's names after them. */
static void field_zh(struct ec_buf *b, const char *field, int in_file)
{
	const char *p = field;
	int named = 0;

	if (in_file && field[0] && strspn(field, "0123456789") == strlen(field)) {
		ec_buf_printf(b, "第%s列", field);
		return;
	}
	while (*p) {
		size_t n = strcspn(p, ",");
		const char *zh = ec_problem_field_zh(p, n);
		if (p != field)
			ec_buf_adds(b, "、");
		if (zh) {
			ec_buf_adds(b, zh);
			named = 1;
		} else {
			ec_buf_add(b, p, n);
		}
		p += n + (p[n] == ',');
	}
	if (in_file)
		ec_buf_printf(b, named ? "（%s）列" : " 列", field);
}

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

/* The Chinese names of the values a message names that are codes: the
** project stages ("stage", and "from" and "to" of a change), the roles
** ("role") and the cluster tiers ("tier"), as the dashboard shows them;
** grouped by parameter (the dashboard's table is written from it). */
static const struct {
	const char *param, *name, *zh;
} value_names[] = {
	{ "stage", "reserve", "储备" },
	{ "stage", "preparation", "前期" },
	{ "stage", "under_construction", "在建" },
	{ "stage", "completed", "竣工" },
	{ "stage", "cancelled", "取消" },
	{ "role", "admin", "管理员" },
	{ "role", "analyst", "分析员" },
	{ "role", "agency", "集群促进机构" },
	{ "role", "fund", "基金" },
	{ "role", "enterprise", "企业" },
	{ "by", "areas", "战略性新兴产业领域" },
	{ "by", "directions", "战略性新兴产业方向" },
	{ "by", "industry classes", "国民经济行业小类" },
	{ "by", "sub-directions", "战略性新兴产业子方向" },
	{ "fund_type", "bank", "银行" },
	{ "fund_type", "government_guidance_fund", "政府引导基金" },
	{ "fund_type", "industrial_capital", "产业资本" },
	{ "fund_type", "insurance", "保险" },
	{ "fund_type", "vc_pe", "创投/私募" },
	{ "level", "county", "区县" },
	{ "level", "prefecture", "地市" },
	{ "level", "province", "省份" },
	{ "method", "ahp", "层次分析法" },
	{ "method", "combined", "组合赋权法" },
	{ "method", "entropy", "熵权法" },
	{ "method", "fixed", "固定权重法" },
	{ "method", "matrix", "决策矩阵" },
	{ "objective_kind", "amount", "资金额最大" },
	{ "objective_kind", "share", "缺口覆盖率最大" },
	{ "solver", "coin", "COIN-OR CLP/CBC" },
	{ "solver", "glpk", "GLPK" },
	{ "status", "optimal", "最优解" },
	{ "status", "optimal (LP relaxation)", "线性松弛的最优解" },
	{ "status", "time limit reached", "达到时间上限，给出当前最优可行解" },
	{ "base", "purchase", "采购" },
	{ "base", "rd", "研发投入" },
	{ "entry_kind", "commitment", "承诺" },
	{ "entry_kind", "payment", "拨付" },
	{ "entry_kind", "reversal", "冲销" },
	{ "pilot", "municipal", "市级" },
	{ "pilot", "national", "国家级" },
	{ "rule_side", "owner", "场景发布方" },
	{ "rule_side", "supplier", "供给方" },
	{ "rule_side", "voucher", "需求方（消费券）" },
	{ "side", "owner", "场景发布方" },
	{ "side", "supplier", "供给方" },
	{ "side", "voucher", "需求方（消费券）" },
	{ "size", "large", "大型" },
	{ "size", "medium", "中型" },
	{ "size", "small", "小型" },
	{ "size", "micro", "微型" },
	{ "state", "draft", "草稿" },
	{ "state", "submitted", "已提交" },
	{ "scenario_status", "draft", "草稿" },
	{ "scenario_status", "open", "征集中" },
	{ "scenario_status", "review", "评审中" },
	{ "scenario_status", "selected", "已立项" },
	{ "scenario_status", "completed", "已完成" },
	{ "scenario_status", "closed", "已截止" },
	{ "scenario_status", "withdrawn", "已撤回" },
	{ "scenario_kind", "government", "政府需求" },
	{ "scenario_kind", "enterprise", "企业需求" },
	{ "scenario_kind", "supply", "供给侧机会" },
	{ "application_state", "submitted", "已申报" },
	{ "application_state", "withdrawn", "已撤回" },
	{ "tier", "base", "产业基地" },
	{ "tier", "cluster", "产业集群" },
	{ "tier", "ecosystem", "产业生态" },
	{ "weights", "TOPSIS", "TOPSIS " },
	{ "weights", "fixed", "固定" },
	{ "weights", "objective", "客观" },
	{ "weights", "subjective", "主观" },
	{ "kind", "bulletin", "月度统计公报" },
	{ "region", "national", "全国" },
	{ "lang", "zh", "中文" },
	{ "lang", "en", "英文" },
	{ "cause", "chromium not found", "未找到 Chromium 浏览器（请安装，或设置 ECHELON_CHROMIUM）" },
	{ "cause", "chromium took too long", "Chromium 打印超时" },
	{ "cause", "chromium failed", "Chromium 打印失败" },
	{ "cause", "chromium wrote no PDF", "Chromium 未写出 PDF 文件" },
	{ "cause", "no temporary directory", "无法建立临时目录" },
	{ "cause", "too large", "报告超过允许的大小" },
	{ "cause", "workbook not written", "无法写出工作簿" },
	{ "file_type", "pdf", "PDF" },
	{ "file_type", "png", "PNG" },
	{ "file_type", "jpeg", "JPEG" },
	{ "file_type", "gif", "GIF" },
	{ "file_type", "webp", "WEBP" },
	{ "file_type", "docx", "DOCX" },
	{ "file_type", "xlsx", "XLSX" },
	{ "file_type", "pptx", "PPTX" },
	{ "file_type", "office97", "DOC/XLS/PPT" },
};

/* A parameter's value into a message. The choices of an enumeration
** ("expected": "a, b or c", as ec_names_join writes them) are written
** "a、b 或 c" in Chinese, and stages and roles by their Chinese names. */
static void put_param(struct ec_buf *b, const char *name, const char *value, enum ec_lang lang)
{
	/* "from" and "to" (a stage change) name stages; "from_role" a role */
	const char *param = !strcmp(name, "to") || !strcmp(name, "from") ? "stage"
			    : !strncmp(name, "from_", 5)			  ? name + 5
										  : name;

	if (lang == EC_LANG_ZH && (!strcmp(value, "yes") || !strcmp(value, "no"))) {
		ec_buf_adds(b, value[0] == 'y' ? "是" : "否");
		return;
	}
	if (lang == EC_LANG_ZH)
		for (size_t i = 0; i < sizeof value_names / sizeof value_names[0]; i++)
			if (!strcmp(param, value_names[i].param) && !strcmp(value, value_names[i].name)) {
				ec_buf_adds(b, value_names[i].zh);
				return;
			}
	if (lang != EC_LANG_ZH || strcmp(name, "expected") != 0) {
		ec_buf_adds(b, value);
		return;
	}
	while (*value) {
		if (!strncmp(value, ", ", 2)) {
			ec_buf_adds(b, "、");
			value += 2;
		} else if (!strncmp(value, " or ", 4)) {
			ec_buf_adds(b, " 或 ");
			value += 4;
		} else {
			ec_buf_addc(b, *value++);
		}
	}
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
			put_param(b, name, ec_problem_param(p, name), lang);
			t = close + 1;
		} else {
			size_t n = strcspn(t, "{");
			ec_buf_add(b, t, n ? n : 1);
			t += n ? n : 1;
		}
	}
}

int ec_coded_decode(const char *coded, struct ec_problem *p, char **store)
{
	const struct ec_problem_code *c;
	char *copy, *at;

	if (!coded || !(copy = ec_strdup(coded)))
		return -1;
	if ((at = strchr(copy, '|')))
		*at++ = '\0';
	if (!(c = ec_problem_code_find(copy))) {
		free(copy);
		return -1;
	}
	memset(p, 0, sizeof *p);
	p->code = c->code;
	while (at && *at && p->nparams < EC_PROBLEM_PARAMS) {
		char *name = at, *eq = strchr(at, '=');
		if (!eq)
			break;
		/* the value ends at the next "|name=": a value (a file's name)
		** may hold a '|' not followed by one */
		for (at = strchr(eq, '|'); at; at = strchr(at + 1, '|')) {
			size_t n = strspn(at + 1, "abcdefghijklmnopqrstuvwxyz_0123456789");
			if (n && at[1 + n] == '=')
				break;
		}
		if (at)
			*at++ = '\0';
		*eq = '\0';
		p->params[p->nparams].name = name;
		p->params[p->nparams++].value = eq + 1;
	}
	*store = copy;
	return 0;
}

void ec_coded_message(const char *coded, enum ec_lang lang, struct ec_buf *b)
{
	struct ec_problem p;
	char *store;

	if (ec_coded_decode(coded, &p, &store) != 0) {
		ec_buf_adds(b, coded ? coded : "");
		return;
	}
	ec_problem_message(&p, lang, b);
	free(store);
}

void ec_coded_list(const char *list, enum ec_lang lang, struct ec_buf *b)
{
	for (const char *p = list; *p;) {
		const char *end = strstr(p, "; "); /* a parameter may hold ';', never "; " */
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *one = ec_strndup(p, n);
		if (p != list)
			ec_buf_adds(b, lang == EC_LANG_ZH ? "；" : "; ");
		ec_coded_message(one, lang, b);
		free(one);
		p += n + (end ? 2 : 0);
	}
}

void ec_problem_english(const struct ec_problem *p, char *out, size_t size)
{
	struct ec_buf b;

	ec_buf_init(&b, 0);
	ec_problem_message(p, EC_LANG_EN, &b);
	snprintf(out, size, "%s", b.data ? b.data : "");
	ec_buf_release(&b);
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
		if (p->field) {
			if (p->file)
				ec_buf_adds(b, "，");
			field_zh(b, p->field, p->file != NULL);
		}
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
		       "written from. The command writes them in English or Chinese (`--lang`, else\n"
		       "`ECHELON_LANG`, `LC_ALL`, `LC_MESSAGES` or `LANG`); the API answers the code\n"
		       "and parameters with the message\n"
		       "(`error.problem`, `error.params`; `error.problems[]` for files), so that the\n"
		       "dashboard can write them in the user's language.\n\n"
		       "| code | parameters | meaning | English | 中文 |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < ec_nproblem_codes; i++) {
		const struct ec_problem_code *c = &ec_problem_codes[i];
		ec_buf_printf(b, "| `%s` | %s | %s | %s | %s |\n", c->code, *c->params ? c->params : "—", c->meaning,
			      c->text[EC_LANG_EN], c->text[EC_LANG_ZH]);
	}
}

/* s as a JSON string. */
static void put_json(struct ec_buf *b, const char *s)
{
	ec_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			ec_buf_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			ec_buf_printf(b, "\\u%04x", (unsigned char)*s);
		else
			ec_buf_addc(b, *s);
	}
	ec_buf_addc(b, '"');
}

void ec_problem_codes_js(struct ec_buf *b)
{
	ec_buf_adds(b, "// generated by `echelon help problems js` from src/lib/problem.c: do not edit\n"
		       "// The messages of the problem codes in both languages ({param} where a\n"
		       "// parameter goes), the Chinese names of fields and of project stages.\n\n"
		       "export const problemTexts = {\n");
	for (size_t i = 0; i < ec_nproblem_codes; i++) {
		const struct ec_problem_code *c = &ec_problem_codes[i];
		ec_buf_adds(b, "  ");
		put_json(b, c->code);
		ec_buf_adds(b, ": { en: ");
		put_json(b, c->text[EC_LANG_EN]);
		ec_buf_adds(b, ", zh: ");
		put_json(b, c->text[EC_LANG_ZH]);
		ec_buf_adds(b, " },\n");
	}
	ec_buf_adds(b, "};\n\nexport const fieldNames = {\n");
	for (size_t i = 0; i < sizeof field_names / sizeof field_names[0]; i++) {
		ec_buf_adds(b, "  ");
		put_json(b, field_names[i].name);
		ec_buf_adds(b, ": ");
		put_json(b, field_names[i].zh);
		ec_buf_adds(b, ",\n");
	}
	/* { param: { value: name } }, "to" as "from" */
	ec_buf_adds(b, "};\n\nexport const valueNames = {");
	for (size_t i = 0; i < sizeof value_names / sizeof value_names[0]; i++) {
		if (i == 0 || strcmp(value_names[i - 1].param, value_names[i].param) != 0) {
			ec_buf_adds(b, i ? "\n  },\n  " : "\n  ");
			put_json(b, value_names[i].param);
			ec_buf_adds(b, ": {");
		}
		ec_buf_adds(b, "\n    ");
		put_json(b, value_names[i].name);
		ec_buf_adds(b, ": ");
		put_json(b, value_names[i].zh);
		ec_buf_addc(b, ',');
	}
	ec_buf_adds(b, "\n  },\n");
	ec_buf_adds(b, "};\n");
}
