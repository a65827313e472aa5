/*
** The words of the columns: what every column a table of echelon can
** carry is called in Chinese and in English, in which unit it is shown,
** how many decimals it is rounded to, and the names of the codes a
** column holds (a stage, a tier, a fund type). Downloads (export.c) write
** their headers and cells from here, so that a column is called and shown
** alike whichever table it is in.
**
** The stored unit of money is the thousand yuan (千元). A table shows one
** unit per column, chosen for what the column holds: the value added of a
** region or a cluster in 亿元 (billion yuan in English), the amounts of a
** project or a fund in 万元 (million yuan). Growth is rounded to one
** decimal as the statistics bureau prints it.
*/
#include <stdlib.h>
#include <string.h>

#include "echelon/output.h"

#define YI { 1e6, 1e5 }     /* thousand yuan -> billion yuan (en), 亿元 (zh) */
#define WAN { 1e3, 10 }     /* thousand yuan -> million yuan (en), 万元 (zh) */
#define ONE { 1, 1 }
#define U_YI { "billion yuan", "亿元" }
#define U_WAN { "million yuan", "万元" }
#define U_PCT { "%", "%" }
#define U_PP { "pp", "百分点" }
#define NONE { NULL, NULL }

/* Sorted by key (ec_column_words_find searches it). */
static const struct ec_column_words words[] = {
	{ "action", { "Action", "操作" }, NONE, ONE, -1 },
	{ "all_growth_pct", { "All industry, cumulative growth", "规模以上工业累计增速" }, U_PCT, ONE, 1 },
	{ "amount", { "Amount", "金额" }, U_WAN, WAN, 2 },
	{ "at", { "Time (Beijing)", "时间（北京时间）" }, NONE, ONE, EC_DECIMALS_TIME },
	{ "basis", { "Basis", "口径" }, NONE, ONE, -1 },
	{ "bound", { "Bound", "约束上限" }, NONE, ONE, 2 },
	{ "candidate", { "Candidate", "候选集聚区" }, NONE, ONE, -1 },
	{ "capital", { "Capital available", "可投资金" }, U_WAN, WAN, 2 },
	{ "categories", { "SEI categories", "战略性新兴产业分类" }, NONE, ONE, -1 },
	{ "category", { "SEI category", "战略性新兴产业分类" }, NONE, ONE, -1 },
	{ "closeness", { "Closeness to the ideal", "贴近度" }, NONE, ONE, 3 },
	{ "cluster", { "Cluster", "集群" }, NONE, ONE, -1 },
	{ "code", { "Code", "代码" }, NONE, ONE, -1 },
	{ "cog", { "Complexity outlook gain", "复杂度前景增益" }, NONE, ONE, 3 },
	{ "coi", { "Complexity outlook", "复杂度前景指数" }, NONE, ONE, 3 },
	{ "coinvest", { "Co-investment rule", "联合投资要求" }, NONE, ONE, -1 },
	{ "completion_pct", { "Completion", "完成率" }, U_PCT, ONE, 1 },
	{ "complexity", { "Complexity", "复杂度" }, NONE, ONE, 3 },
	{ "constraint", { "Constraint", "约束" }, NONE, ONE, -1 },
	{ "contribution_pct", { "Contribution", "贡献率" }, U_PCT, ONE, 1 },
	{ "covered_by", { "Covered by cluster", "已覆盖的集群" }, NONE, ONE, -1 },
	{ "created_at", { "Created (Beijing)", "创建时间（北京时间）" }, NONE, ONE, EC_DECIMALS_TIME },
	{ "cumulative", { "Invested to date", "累计完成投资" }, U_WAN, WAN, 2 },
	{ "density", { "Relatedness density", "关联密度" }, NONE, ONE, 3 },
	{ "direction", { "Direction", "指标方向" }, NONE, ONE, -1 },
	{ "disabled", { "Disabled", "停用" }, NONE, ONE, -1 },
	{ "distance", { "Distance", "距离" }, NONE, ONE, 3 },
	{ "diversity", { "Diversity", "多样性" }, NONE, ONE, 0 },
	{ "eci", { "Economic complexity (ECI)", "经济复杂度（ECI）" }, NONE, ONE, 3 },
	{ "employees", { "Employees", "从业人员" }, { "persons", "人" }, ONE, 0 },
	{ "end", { "Planned completion", "计划竣工" }, NONE, ONE, -1 },
	{ "enterprises", { "Enterprises", "企业数" }, NONE, ONE, 0 },
	{ "file", { "File", "文件" }, NONE, ONE, -1 },
	{ "fitness", { "Fitness", "适应度" }, NONE, ONE, 3 },
	{ "founded", { "Founded", "成立年份" }, NONE, ONE, 0 },
	{ "fund", { "Fund", "基金" }, NONE, ONE, -1 },
	{ "fund_type", { "Fund type", "基金类型" }, NONE, ONE, -1 },
	{ "funds", { "Matching funds", "匹配基金数" }, NONE, ONE, 0 },
	{ "gap", { "Funding gap", "资金缺口" }, U_WAN, WAN, 2 },
	{ "gap_pp", { "Gap to all industry", "增速差" }, U_PP, ONE, 1 },
	{ "generation", { "Data generation", "数据版本" }, NONE, ONE, 0 },
	{ "gini", { "Gini", "基尼系数" }, NONE, ONE, 3 },
	{ "group", { "Group", "指标组" }, NONE, ONE, -1 },
	{ "group_code", { "Code", "代码" }, NONE, ONE, -1 },
	{ "group_kind", { "Grouped by", "分组" }, NONE, ONE, -1 },
	{ "group_name", { "Name", "名称" }, NONE, ONE, -1 },
	{ "growth_change_pp", { "Change of growth", "增速变化" }, U_PP, ONE, 1 },
	{ "growth_pct", { "Growth", "增速" }, U_PCT, ONE, 1 },
	{ "growth_previous_pct", { "Growth to the previous month", "上期累计增速" }, U_PCT, ONE, 1 },
	{ "hhi", { "Herfindahl (HHI)", "赫芬达尔指数" }, NONE, ONE, 3 },
	{ "hoover", { "Hoover", "胡佛指数" }, NONE, ONE, 3 },
	{ "id", { "No.", "编号" }, NONE, ONE, 0 },
	{ "idle_months", { "Months without progress", "停滞月数" }, NONE, ONE, 0 },
	{ "import", { "Import", "导入编号" }, NONE, ONE, 0 },
	{ "indicator", { "Indicator", "指标" }, NONE, ONE, -1 },
	{ "kind", { "Kind", "类型" }, NONE, ONE, -1 },
	{ "krugman", { "Krugman specialisation", "克鲁格曼专业化指数" }, NONE, ONE, 3 },
	{ "lacking", { "Lacking", "缺口" }, U_WAN, WAN, 2 },
	{ "lag_pp", { "Behind plan", "落后计划" }, U_PP, ONE, 1 },
	{ "lang", { "Language", "语言" }, NONE, ONE, -1 },
	{ "lat", { "Latitude", "纬度" }, NONE, ONE, 4 },
	{ "locational_gini", { "Locational Gini", "区位基尼系数" }, NONE, ONE, 3 },
	{ "lon", { "Longitude", "经度" }, NONE, ONE, 4 },
	{ "lq", { "Location quotient", "区位商" }, NONE, ONE, 2 },
	{ "max_share", { "Largest share of a project", "单个项目最高占比" }, U_PCT, { 0.01, 0.01 }, 1 },
	{ "max_ticket", { "Largest ticket", "最大单笔投资" }, U_WAN, WAN, 2 },
	{ "members", { "Members", "成员企业数" }, NONE, ONE, 0 },
	{ "message", { "Message", "说明" }, NONE, ONE, -1 },
	{ "min_ticket", { "Smallest ticket", "最小单笔投资" }, U_WAN, WAN, 2 },
	{ "missing_link", { "Missing link", "缺失环节" }, NONE, ONE, -1 },
	{ "movement", { "Movement", "位次变化" }, NONE, ONE, -1 },
	{ "name", { "Name", "名称" }, NONE, ONE, -1 },
	{ "name_en", { "Name (English)", "英文名称" }, NONE, ONE, -1 },
	{ "name_zh", { "Name", "名称" }, NONE, ONE, -1 },
	{ "open_gap", { "Open funding gap", "尚未落实资金" }, U_WAN, WAN, 2 },
	{ "parent", { "Parent", "上级" }, NONE, ONE, -1 },
	{ "pci", { "Product complexity (PCI)", "产业复杂度（PCI）" }, NONE, ONE, 3 },
	{ "period", { "Period", "统计期" }, NONE, ONE, -1 },
	{ "planned_pct", { "Planned", "计划进度" }, U_PCT, ONE, 1 },
	{ "prefecture", { "Prefecture code", "地市代码" }, NONE, ONE, -1 },
	{ "prefecture_name", { "Prefecture", "地市" }, NONE, ONE, -1 },
	{ "present", { "Present (RCA ≥ 1)", "具有比较优势" }, NONE, ONE, -1 },
	{ "previous_rank", { "Rank last year", "上年位次" }, NONE, ONE, 0 },
	{ "project", { "Project", "项目" }, NONE, ONE, -1 },
	{ "project_name", { "Project name", "项目名称" }, NONE, ONE, -1 },
	{ "projects", { "Projects", "项目数" }, NONE, ONE, 0 },
	{ "pull_pp", { "Pull", "拉动" }, U_PP, ONE, 2 },
	{ "radius_km", { "Radius", "半径" }, { "km", "公里" }, ONE, 1 },
	{ "rank", { "Rank", "位次" }, NONE, ONE, 0 },
	{ "rank_high", { "Rank, best plausible", "位次区间上限" }, NONE, ONE, 0 },
	{ "rank_low", { "Rank, worst plausible", "位次区间下限" }, NONE, ONE, 0 },
	{ "rca", { "Revealed comparative advantage", "显示性比较优势" }, NONE, ONE, 2 },
	{ "rd_intensity_pct", { "R&D intensity", "研发强度" }, U_PCT, ONE, 2 },
	{ "reasons", { "Reasons", "理由" }, NONE, ONE, -1 },
	{ "recommended", { "Recommended tier", "建议层级" }, NONE, ONE, -1 },
	{ "region", { "Region", "地区" }, NONE, ONE, -1 },
	{ "region_name", { "Region name", "地区名称" }, NONE, ONE, -1 },
	{ "regions", { "Regions", "地区范围" }, NONE, ONE, -1 },
	{ "revenue", { "Revenue", "营业收入" }, U_YI, YI, 2 },
	{ "role", { "Role", "角色" }, NONE, ONE, -1 },
	{ "rows", { "Rows", "行数" }, NONE, ONE, 0 },
	{ "scope", { "Scope", "权限范围" }, NONE, ONE, -1 },
	{ "score", { "Score", "得分" }, NONE, ONE, 3 },
	{ "sei_growth_pct", { "SEI, cumulative growth", "战略性新兴产业累计增速" }, U_PCT, ONE, 1 },
	{ "sei_share_pct", { "Share of SEI", "占战略性新兴产业比重" }, U_PCT, ONE, 1 },
	{ "sei_value_added", { "SEI value added, national", "全国战略性新兴产业增加值" }, U_YI, YI, 2 },
	{ "sha256", { "SHA-256", "SHA-256 校验值" }, NONE, ONE, -1 },
	{ "shadow_price", { "Shadow price", "影子价格" }, NONE, ONE, 4 },
	{ "share_pct", { "Share", "占比" }, U_PCT, ONE, 1 },
	{ "small", { "Small sample", "样本偏少" }, NONE, ONE, -1 },
	{ "source", { "Funding source", "资金来源" }, NONE, ONE, -1 },
	{ "specialised", { "Specialised categories", "具有比较优势的分类数" }, NONE, ONE, 0 },
	{ "stage", { "Stage", "阶段" }, NONE, ONE, -1 },
	{ "stages", { "Stages", "投资阶段" }, NONE, ONE, -1 },
	{ "stars", { "Stars", "星级" }, NONE, ONE, 0 },
	{ "start", { "Planned start", "计划开工" }, NONE, ONE, -1 },
	{ "strengths", { "Strengths", "优势" }, NONE, ONE, -1 },
	{ "summary", { "Summary", "摘要" }, NONE, ONE, -1 },
	{ "suppressed", { "Suppressed", "已隐藏" }, NONE, ONE, -1 },
	{ "suppression", { "Why suppressed", "隐藏原因" }, NONE, ONE, -1 },
	{ "target", { "Target", "对象" }, NONE, ONE, -1 },
	{ "theil", { "Theil", "泰尔指数" }, NONE, ONE, 3 },
	{ "tier", { "Tier", "层级" }, NONE, ONE, -1 },
	{ "top_share", { "Largest region's share", "首位地区占比" }, NONE, ONE, 3 },
	{ "total", { "Total investment", "总投资" }, U_WAN, WAN, 2 },
	{ "total_investment", { "Total investment", "总投资" }, U_WAN, WAN, 2 },
	{ "type", { "Fund type", "基金类型" }, NONE, ONE, -1 },
	{ "ubiquity", { "Ubiquity", "普遍度" }, NONE, ONE, 0 },
	{ "uscc", { "Unified social credit code", "统一社会信用代码" }, NONE, ONE, -1 },
	{ "user", { "User", "用户" }, NONE, ONE, -1 },
	{ "va_growth_pct", { "Value added growth", "增加值增速" }, U_PCT, ONE, 1 },
	{ "value", { "Value", "数值" }, NONE, ONE, -1 },
	{ "value_added", { "Value added", "增加值" }, U_YI, YI, 2 },
	{ "value_added_base", { "Value added, same period last year", "上年同期增加值" }, U_YI, YI, 2 },
	{ "value_added_real", { "Value added, comparable prices", "增加值（可比价）" }, U_YI, YI, 2 },
	{ "weaknesses", { "Weaknesses", "短板" }, NONE, ONE, -1 },
	{ "weight", { "Weight", "权重" }, NONE, ONE, 4 },
	{ "year", { "Year", "年份" }, NONE, ONE, 0 },
};

/* The names of the codes a column holds, by column (sorted by column,
** then code). "recommended" names tiers, "type" and "fund_type" fund types,
** "kind" project kinds, alert kinds and import kinds (they do not clash). */
static const struct ec_value_words values[] = {
	{ "action", "allocation", { "Allocation", "资金配置" } },
	{ "action", "catalog.install", { "Built-in catalogues installed", "安装内置目录" } },
	{ "action", "catalog.load", { "Catalogue loaded", "载入目录" } },
	{ "action", "cluster.add", { "Cluster registered", "登记集群" } },
	{ "action", "cluster.edit", { "Cluster changed", "修改集群" } },
	{ "action", "demo.generate", { "Demo data generated", "生成演示数据" } },
	{ "action", "digital.answer", { "Digital assessment answered", "填报数字化水平评测" } },
	{ "action", "digital.import", { "Digital assessments imported", "导入数字化水平评测" } },
	{ "action", "digital.revise", { "Digital assessment revised", "修订数字化水平评测" } },
	{ "action", "digital.submit", { "Digital assessment submitted", "提交数字化水平评测" } },
	{ "action", "fund.add", { "Fund registered", "登记基金" } },
	{ "action", "fund.edit", { "Fund changed", "修改基金" } },
	{ "action", "import", { "Import", "导入数据" } },
	{ "action", "project.add", { "Project submitted", "提交项目" } },
	{ "action", "project.edit", { "Project changed", "修改项目" } },
	{ "action", "project.progress", { "Progress recorded", "填报进度" } },
	{ "action", "report.publish", { "Report published", "发布报告" } },
	{ "action", "user.add", { "Account created", "新增账户" } },
	{ "action", "user.edit", { "Account changed", "修改账户" } },
	{ "basis", "cumulative", { "Year to date", "累计" } },
	{ "basis", "month", { "Month", "当月" } },
	{ "coinvest", "none", { "No requirement", "无要求" } },
	{ "coinvest", "requires_government", { "Only alongside a government guidance fund", "须与政府引导基金联合投资" } },
	{ "direction", "benefit", { "Benefit", "正向" } },
	{ "direction", "cost", { "Cost", "逆向" } },
	{ "fund_type", "bank", { "Bank", "银行" } },
	{ "fund_type", "government_guidance_fund", { "Government guidance fund", "政府引导基金" } },
	{ "fund_type", "industrial_capital", { "Industrial capital", "产业资本" } },
	{ "fund_type", "insurance", { "Insurance", "保险" } },
	{ "fund_type", "vc_pe", { "VC/PE", "创投/私募" } },
	{ "group", "growth", { "Growth", "成长" } },
	{ "group", "innovation", { "Innovation capability", "创新能力" } },
	{ "group", "integration", { "Industry–city integration", "产城融合" } },
	{ "group", "scale", { "Scale", "规模" } },
	{ "group", "scenarios", { "Application scenarios", "应用场景" } },
	{ "group", "service", { "Public service", "公共服务" } },
	{ "group_kind", "all", { "All industry", "规模以上工业" } },
	{ "group_kind", "area", { "SEI area", "产业领域" } },
	{ "group_kind", "direction", { "Direction", "重点方向" } },
	{ "group_kind", "prefecture", { "Prefecture", "地市" } },
	{ "group_kind", "province", { "Province", "省份" } },
	{ "group_kind", "sei", { "Strategic emerging industries", "战略性新兴产业" } },
	{ "indicator", "agency_staff", { "Agency staff", "促进机构人员" } },
	{ "indicator", "employees", { "Employees", "从业人员" } },
	{ "indicator", "enterprises", { "Enterprises", "企业数" } },
	{ "indicator", "enterprises_above_size", { "Enterprises above size", "规模以上企业数" } },
	{ "indicator", "housing_units", { "Housing units", "住房套数" } },
	{ "indicator", "incubators", { "Incubators", "孵化器" } },
	{ "indicator", "innovation_platforms", { "Innovation platforms", "创新平台" } },
	{ "indicator", "lq", { "Location quotient", "区位商" } },
	{ "indicator", "national_share_pct", { "National share", "全国占比" } },
	{ "indicator", "park_area_km2", { "Park area (km²)", "园区面积（平方公里）" } },
	{ "indicator", "patents_per_1000", { "Patents per 1 000 employees", "每千人专利数" } },
	{ "indicator", "rd_institutions", { "R&D institutions", "新型研发机构" } },
	{ "indicator", "rd_intensity_pct", { "R&D intensity", "研发强度" } },
	{ "indicator", "resident_population", { "Resident population", "常住人口" } },
	{ "indicator", "revenue", { "Revenue", "营业收入" } },
	{ "indicator", "scenarios_landed", { "Scenarios landed", "落地应用场景" } },
	{ "indicator", "scenarios_published", { "Scenarios published", "发布应用场景" } },
	{ "indicator", "service_platforms", { "Service platforms", "公共服务平台" } },
	{ "indicator", "standards_led", { "Standards led", "牵头制定标准" } },
	{ "indicator", "transit_lines", { "Transit lines", "公共交通线路" } },
	{ "indicator", "va_growth_pct", { "Growth of value added", "增加值增速" } },
	{ "indicator", "value_added", { "Value added", "增加值" } },
	{ "kind", "application_scenario", { "Application scenario", "应用场景工程" } },
	{ "kind", "bulletin", { "Monthly bulletin", "月度统计公报" } },
	{ "kind", "deflators", { "Price indices", "价格指数" } },
	{ "kind", "enterprises", { "Enterprises", "企业名录" } },
	{ "kind", "funding_gap", { "Funding gap", "资金缺口" } },
	{ "kind", "industrial", { "Industrial project", "产业项目" } },
	{ "kind", "industry_city_integration", { "Industry–city integration", "产城融合工程" } },
	{ "kind", "innovation_capability", { "Innovation capability", "创新能力工程" } },
	{ "kind", "lagging", { "Lagging", "进度滞后" } },
	{ "kind", "public_service", { "Public service", "公共服务工程" } },
	{ "kind", "reports", { "Monthly reports", "月度报表" } },
	{ "kind", "stalled", { "Stalled", "停滞" } },
	{ "movement", "down", { "Down", "下降" } },
	{ "movement", "new", { "New", "新进" } },
	{ "movement", "same", { "Same", "持平" } },
	{ "movement", "up", { "Up", "上升" } },
	{ "recommended", "base", { "Base", "产业基地" } },
	{ "recommended", "cluster", { "Cluster", "产业集群" } },
	{ "recommended", "ecosystem", { "Ecosystem", "产业生态" } },
	{ "recommended", "none", { "None", "未入梯队" } },
	{ "role", "admin", { "Administrator", "管理员" } },
	{ "role", "agency", { "Cluster agency", "集群促进机构" } },
	{ "role", "analyst", { "Analyst", "分析员" } },
	{ "role", "enterprise", { "Enterprise", "企业" } },
	{ "role", "fund", { "Fund", "基金" } },
	{ "source", "bank_loans", { "Bank loans", "银行贷款" } },
	{ "source", "bonds", { "Bonds", "债券" } },
	{ "source", "government_budget", { "Government budget", "政府预算" } },
	{ "source", "guidance_fund", { "Government guidance fund", "政府引导基金" } },
	{ "source", "own_funds", { "Own funds", "自有资金" } },
	{ "source", "social_capital", { "Social capital", "社会资本" } },
	{ "stage", "cancelled", { "Cancelled", "取消" } },
	{ "stage", "completed", { "Completed", "竣工" } },
	{ "stage", "preparation", { "Preparation", "前期" } },
	{ "stage", "reserve", { "Reserve", "储备" } },
	{ "stage", "under_construction", { "Under construction", "在建" } },
	{ "suppression", "complement", { "Complementary suppression", "互补隐藏" } },
	{ "suppression", "dominance", { "Dominance rule", "优势规则" } },
	{ "suppression", "threshold", { "Too few enterprises", "企业数不足" } },
	{ "tier", "base", { "Base", "产业基地" } },
	{ "tier", "cluster", { "Cluster", "产业集群" } },
	{ "tier", "ecosystem", { "Ecosystem", "产业生态" } },
	{ "tier", "none", { "None", "未入梯队" } },
};

static int by_key(const void *key, const void *w)
{
	return strcmp(key, ((const struct ec_column_words *)w)->key);
}

const struct ec_column_words *ec_column_words_find(const char *key)
{
	return bsearch(key, words, sizeof words / sizeof words[0], sizeof words[0], by_key);
}

static int by_column_value(const void *key, const void *v)
{
	const struct ec_value_words *k = key, *w = v;
	int c = strcmp(k->column, w->column);

	return c ? c : strcmp(k->value, w->value);
}

const char *ec_value_name(const char *column, const char *value, enum ec_lang lang)
{
	/* "type" (a fund's) names fund types */
	struct ec_value_words key = { !strcmp(column, "type") ? "fund_type" : column, value, { NULL, NULL } };
	const struct ec_value_words *w = bsearch(&key, values, sizeof values / sizeof values[0], sizeof values[0],
						 by_column_value);

	return w ? w->name[lang] : NULL;
}

int ec_column_coded(const char *key)
{
	return !strcmp(key, "reasons") || !strcmp(key, "message") || !strcmp(key, "summary");
}

const struct ec_column_words *ec_column_words_all(size_t *n)
{
	*n = sizeof words / sizeof words[0];
	return words;
}

const struct ec_value_words *ec_value_words_all(size_t *n)
{
	*n = sizeof values / sizeof values[0];
	return values;
}
