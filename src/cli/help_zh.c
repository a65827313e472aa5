/*
** The command's help in Chinese: the commands' and verbs' summaries and the
** options' help, each found by its English text (as gettext finds a
** message by its msgid), so that the command tables keep one text each and
** `echelon help` speaks the user's language. A text missing here is shown
** in English; tests/integration/cli_lang.sh finds those.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct help_text {
	const char *en, *zh;
};

/* Sorted by the English, bytewise (bsearch). */
static const struct help_text texts[] = {
	{ "',', ';' or tab (default: found from the header line)", "','、';' 或制表符（默认：由表头行判断）" },
	{ "A programme has a budget (thousand yuan), a year and rules held as data:\n"
	  "the share of a purchase or of R&D spend, a cap per award and per\n"
	  "beneficiary a year, eligibility (side, SEI category, region, size) and a\n"
	  "top-up for a municipal or national pilot (docs/formats.md, docs/methods.md).\n"
	  "The ledger holds commitments (approved awards), payments and reversals;\n"
	  "no entry is changed or removed. An approval is checked against the budget\n"
	  "and the annual cap in the transaction that writes it, so the budget holds\n"
	  "when several approve at once. Admins and analysts manage; an enterprise\n"
	  "account (--as) reads the programmes, claims for itself and reads its own\n"
	  "awards; agencies and funds are refused.",
	  "资助计划有预算（千元）、年度和以数据保存的规则：采购额或研发投入的补贴比例、单笔上限和每个\n"
	  "受益方每年的上限、申请条件（角色、战略性新兴产业分类、地区、规模），以及市级或国家级试点的\n"
	  "加计（docs/formats.md、docs/methods.md）。台账记录承诺（已核定的资助）、拨付和冲销；条目不修改、\n"
	  "不删除。核定时在写入的同一事务中按预算和年度上限校验，多人同时核定时预算也不会超支。管理员和\n"
	  "分析员负责管理；企业账户（--as）可查看资助计划、为本企业申请并查看本企业所获资助；服务机构和\n"
	  "基金账户无权操作。" },
	{ "Application scenarios (应用场景): demands of governments and enterprises and\n"
	  "supply-side opportunities, published in batches (第N批). A scenario moves\n"
	  "draft -> open (征集中) -> review (评审中) -> selected (已立项) -> completed\n"
	  "(已完成); open or in review it may close without selection (已截止);\n"
	  "draft or open it may be withdrawn. Enterprises (--as an enterprise\n"
	  "account) apply to open scenarios until the deadline, one application each;\n"
	  "reviewers assigned by an analyst score every criterion; the owner or an\n"
	  "analyst selects with a reason, and every applicant is notified. Budgets\n"
	  "and prices are shown only to the owner, reviewers and analysts.",
	  "应用场景：政府与企业的需求及供给侧机会，分批（第N批）发布。场景状态依次为\n"
	  "草稿 -> 征集中 -> 评审中 -> 已立项 -> 已完成；征集中或评审中的场景可未经遴选而截止（已截止）；\n"
	  "草稿或征集中的场景可撤回。企业（--as 企业账户）在截止日前申报征集中的场景，每个场景申报一次；\n"
	  "分析员指派的评审人按每项评审标准打分；发布方或分析员遴选并说明理由，每个申报企业都会收到通知。\n"
	  "预算与报价仅向发布方、评审人和分析员显示。" },
	{ "Bases, clusters and ecosystems with their regions, SEI categories, members and\n"
	  "the indicators entered by year; their profiles, discovery of candidates and\n"
	  "the evaluation into tiers. Every change is checked whole and audited.",
	  "产业基地、产业集群与产业生态，及其地区、战略性新兴产业分类、成员和逐年录入的指标；\n"
	  "其概况、候选集群识别与梯队评价。每项修改都整体校验并记入审计。" },
	{ "Chinese name (add, edit)", "中文名称（add、edit）" },
	{ "Copies every table of the database at --from into the database at --to,\n"
	  "in one transaction, then counts and checksums every table on both sides\n"
	  "(SHA-256 over the rows in key order) and commits only when all are equal.\n"
	  "Each URI is sqlite:FILE, a file, or a PostgreSQL URI. The target must hold\n"
	  "no data (a new SQLite file is created); otherwise nothing is written.",
	  "在一个事务中将 --from 数据库的每个数据表复制到 --to 数据库，然后在两端逐表计数并计算校验值\n"
	  "（按主键顺序对各行计算 SHA-256），全部一致才提交。URI 可为 sqlite:文件、文件路径或\n"
	  "PostgreSQL URI。目标数据库不得有数据（SQLite 文件不存在时新建），否则不写入任何数据。" },
	{ "Copies the backup FILE (written by `echelon backup`) into the database at\n"
	  "--db, which must hold no data, verified equal as `echelon migrate` does.",
	  "将备份文件 FILE（由 `echelon backup` 写出）复制到 --db 数据库；该数据库不得有数据，\n"
	  "并像 `echelon migrate` 一样校验一致。" },
	{ "Creates FILE (SQLite, WAL mode) with the current schema and loads the built-in\n"
	  "catalogues: the SEI classification (2018), GB/T 4754-2017 industries and\n"
	  "GB/T 2260 regions. On an existing database it applies pending migrations\n"
	  "and leaves the data as it is.",
	  "按当前结构新建 FILE（SQLite，WAL 模式）并载入内置参照目录：战略性新兴产业分类（2018）、\n"
	  "GB/T 4754-2017 国民经济行业分类和 GB/T 2260 行政区划。对已有数据库，执行尚未执行的迁移，\n"
	  "数据保持不变。" },
	{ "Creates a database holding enterprises in all 31 provinces, monthly reports\n"
	  "and PPI deflators, calibrated to published growth figures (2019: all\n"
	  "above-size industry +5.7%, SEI +8.4%; 2020 H1: -1.3% and +2.9%). The same\n"
	  "seed gives byte-identical exports.",
	  "新建数据库，生成全国 31 个省份的企业、月度报表和 PPI 价格指数，按公开发布的增速校准\n"
	  "（2019 年：规模以上工业 +5.7%，战略性新兴产业 +8.4%；2020 年上半年：-1.3% 与 +2.9%）。\n"
	  "相同的随机种子导出的数据逐字节相同。" },
	{ "DBSCAN core threshold, the point itself counted (discover; default 4)",
	  "DBSCAN 核心点阈值，含该点本身（discover；默认 4）" },
	{ "DBSCAN neighbourhood radius (discover; default: the knee of --k-distance)",
	  "DBSCAN 邻域半径（discover；默认取 --k-distance 曲线的拐点）" },
	{ "ECI and PCI by eigen (default) or reflections", "ECI 与 PCI 的算法：eigen（特征向量法，默认）或 reflections（反射法）" },
	{ "English name (add, edit)", "英文名称（add、edit）" },
	{ "Every row is checked; every problem is printed as FILE:LINE: column NAME: what\n"
	  "(the first 100, then a count of the rest), or FILE:Sheet1!C12: for a cell\n"
	  "of a workbook. One bad row rejects the whole file and the database stays\n"
	  "exactly as it was. Importing the same rows again updates them. The file\n"
	  "may be an .xlsx workbook (its first sheet, or --sheet), a CSV in UTF-8\n"
	  "(with or without BOM), UTF-16 with BOM, or GB18030/GBK as Excel saves it\n"
	  "on a Chinese Windows, separated by commas, semicolons or tabs: what was\n"
	  "read is said. The formats are in docs/formats.md.\n"
	  "\n"
	  "Exit status: 0 stored, 2 usage, 3 data rejected, 4 file or database error.",
	  "逐行校验；每个问题输出为 FILE:LINE: column NAME: 问题（前 100 个，其余计数），工作簿的\n"
	  "单元格为 FILE:Sheet1!C12:。只要有一行有误，整个文件即被拒收，数据库保持原样。重复导入相同\n"
	  "的行会更新这些行。文件可以是 .xlsx 工作簿（第一个工作表，或 --sheet 指定）、UTF-8 CSV\n"
	  "（带或不带 BOM）、带 BOM 的 UTF-16，或中文版 Windows 上 Excel 保存的 GB18030/GBK，以逗号、\n"
	  "分号或制表符分隔；读取方式会注明。格式见 docs/formats.md。\n"
	  "\n"
	  "退出状态：0 已导入，2 用法错误，3 数据被拒收，4 文件或数据库错误。" },
	{ "Funds with their type, capital, targets, tickets and co-investment rules;\n"
	  "matches CODE [--period P] [--priority-areas '1;4']: the projects that fit a\n"
	  "fund, ranked, with the reasons (as for `project matches`). Every change is\n"
	  "checked whole and audited.",
	  "基金及其类型、资金规模、投资范围、单笔投资额和联合投资规则；matches CODE [--period P]\n"
	  "[--priority-areas '1;4']：与基金相符的项目，按匹配度排序并说明理由（同 `project matches`）。\n"
	  "每项修改都整体校验并记入审计。" },
	{ "GB/T 2260 codes separated by ';' (add, edit)", "GB/T 2260 行政区划代码，以 ';' 分隔（add、edit）" },
	{ "GB/T 2260 region (add, edit; list: a prefix)", "GB/T 2260 行政区划代码（add、edit；list：按代码前缀筛选）" },
	{ "Lists a catalogue, or loads a replacement from FILE into the database.\n"
	  "`catalog load sei FILE` takes the official layout of the SEI table (category\n"
	  "code, category name, industry code with an optional *, industry name, note)\n"
	  "and replaces the categories and mappings at once; the other kinds take the\n"
	  "formats of data/*.csv. Enterprises are reclassified after a load.",
	  "列出参照目录，或用 FILE 替换数据库中的目录。`catalog load sei FILE` 读取战略性新兴产业\n"
	  "分类表的官方格式（分类代码、分类名称、行业代码（可带 *）、行业名称、备注），一次替换分类\n"
	  "及对应关系；其他目录读取 data/*.csv 的格式。替换后企业随之重新分类。" },
	{ "Maximises the priority-weighted funding covered, within fund capacities,\n"
	  "per-project and per-source gaps, minimum tickets (whole choices), the fund\n"
	  "rules and land and energy quotas by province; reports what each project\n"
	  "still lacks and the shadow prices of the binding constraints. The gaps and\n"
	  "the eligible pairs are those of `fund matches` at the same --period; a\n"
	  "project's priority is its matching priority (cluster tier, plus 0.2 in a\n"
	  "--priority-areas area, at most 1). Every run is audited.",
	  "在基金可投额度、各项目及各来源的缺口、最低投资额（整笔选择）、基金规则和各省用地、\n"
	  "能耗指标的约束下，使按优先级加权的资金覆盖额最大；给出各项目仍缺的资金和紧约束的\n"
	  "影子价格。缺口和可匹配的组合与同一 --period 下 `fund matches` 的相同；项目的优先级\n"
	  "即其匹配优先级（集群梯队，属 --priority-areas 所列领域再加 0.2，至多为 1）。每次运行都记入审计。" },
	{ "Mcp = 1 where RCA >= this (default 1)", "RCA 不小于此值时 Mcp = 1（默认 1）" },
	{ "Passwords are read from standard input (one line) or, on a terminal, at a\n"
	  "prompt; they are stored as argon2id hashes. Changes are audited.",
	  "密码从标准输入读取（一行），在终端上则提示输入；以 argon2id 哈希保存。修改记入审计。" },
	{ "Projects with their funding plan by source, land and energy needs and the\n"
	  "investment completed by month (docs/formats.md). progress: completion\n"
	  "against the straight-line or declared plan; alerts: lagging, funding gaps,\n"
	  "stalled projects; matches CODE [--period P] [--priority-areas '1;4']: the\n"
	  "funds that fit a project, ranked, with the gap left after the progress up\n"
	  "to P (default the latest month with progress) and the priority bonus for\n"
	  "projects in the given SEI areas. Every change is checked whole and audited.",
	  "项目及其分来源资金计划、用地和能耗需求、逐月完成投资（docs/formats.md）。progress：对照\n"
	  "直线计划或申报计划的完成情况；alerts：进度滞后、资金缺口、停滞的项目；matches CODE\n"
	  "[--period P] [--priority-areas '1;4']：与项目相符的基金，按匹配度排序，给出截至 P 月（默认为\n"
	  "有进度数据的最近月份）进度后的剩余缺口，所列领域的项目另加优先分。每项修改都整体校验并记入审计。" },
	{ "SEI area to cluster (discover)", "要识别集群的战略性新兴产业领域（discover）" },
	{ "SEI areas whose projects get the priority bonus (+0.2, at most 1), e.g. '1;4'",
	  "项目可获优先加分（+0.2，至多为 1）的战略性新兴产业领域，如 '1;4'" },
	{ "SEI areas whose projects get the priority bonus, e.g. '1;4' (matches)",
	  "项目可获优先加分的战略性新兴产业领域，如 '1;4'（matches）" },
	{ "SEI category (add, edit; list: it and below it)", "战略性新兴产业分类（add、edit；list：该分类及其下级）" },
	{ "SEI codes of any level separated by ';' (add, edit)", "任意层级的战略性新兴产业分类代码，以 ';' 分隔（add、edit）" },
	{ "SEI direction to cluster (discover)", "要识别集群的战略性新兴产业方向（discover）" },
	{ "SME digital level: MIIT's self-assessment, score and level", "中小企业数字化水平：工信部自评估、得分与等级" },
	{ "Serves /api/v1 (docs/api/README.md, docs/api/openapi.yaml) and the dashboard's\n"
	  "files until SIGINT or SIGTERM, then finishes the requests in flight and\n"
	  "closes the database. One access-log line per request. Long work runs as\n"
	  "jobs (202 and GET /api/v1/jobs/ID) on their own threads; a stop cancels\n"
	  "those running and records them as failed.",
	  "提供 /api/v1（docs/api/README.md、docs/api/openapi.yaml）和数据看板的文件，直至收到\n"
	  "SIGINT 或 SIGTERM，然后完成处理中的请求并关闭数据库。每个请求记一行访问日志。长任务以\n"
	  "作业方式在各自的线程上运行（202 与 GET /api/v1/jobs/ID）；停止时取消运行中的作业并记为失败。" },
	{ "TOPSIS ranking and the recommended tiers, with movement", "TOPSIS 排序与建议梯队，含升降变化" },
	{ "The evaluation indicators for the digital level of SMEs (中小企业数字化水平评测指标,\n"
	  "editions 2022 and 2024): four dimensions (basis, operations, management,\n"
	  "results), a table per sector, levels 1 to 4 by total score. An enterprise\n"
	  "account (--as) answers and sees only its own questionnaire; analysts and\n"
	  "admins any, and only they import. One submission per enterprise, year and\n"
	  "edition; a later change is a revision (--revise), audited. The item and\n"
	  "option wording shipped is placeholder text, not the official tables\n"
	  "(data/README.md). Benchmarks group the submitted questionnaires of a year\n"
	  "by province, prefecture, SEI area, size class or cluster under the\n"
	  "disclosure control; `next` gives an enterprise's percentile among its\n"
	  "peers, its weakest dimensions with recommended actions (echelon's own\n"
	  "wording, data/digital_actions.csv) and the funds that fit.",
	  "中小企业数字化水平评测指标（2022 年版与 2024 年版）：四个维度（数字化基础、经营、管理、成效），\n"
	  "每个行业一张评测表，按总分分为一至四级。企业账户（--as）填答并只能查看本企业的问卷；分析员和\n"
	  "管理员可查看全部问卷，且只有他们可以导入。每家企业每年每个版本提交一次；之后的修改为修订\n"
	  "（--revise），并记入审计。随附的题目与选项文字为占位文本，并非官方评测表（data/README.md）。\n"
	  "对标分析在统计披露控制下，按省份、地市、战略性新兴产业领域、规模或集群汇总某一年已提交的问卷；\n"
	  "`next` 给出企业在同类企业中的百分位、最薄弱的维度及建议措施（echelon 自拟，\n"
	  "data/digital_actions.csv）和适合的基金。" },
	{ "The header and an example row. As a workbook (--format xlsx), the data\n"
	  "sheet has its columns formatted as the import reads them (codes as text,\n"
	  "dates as dates) with data validation, and a notes sheet gives each\n"
	  "column's meaning, unit and rule, in the language of --lang or LANG.",
	  "表头和一行示例。以工作簿输出时（--format xlsx），数据表的各列按导入的读取方式设置格式\n"
	  "（代码为文本，日期为日期）并带数据验证，说明表按 --lang 或 LANG 的语言给出各列的含义、\n"
	  "单位和规则。" },
	{ "The monthly bulletin of a region (national, a province or a prefecture)\n"
	  "for January to a month: value added of strategic emerging industries\n"
	  "above designated size at comparable prices against all industry, the\n"
	  "gap, the share, the leading and lagging areas and notable changes from\n"
	  "the previous month, written in the statistics bureau's words (Chinese by\n"
	  "default; --lang en for English), with tables and charts. Every figure\n"
	  "passes the disclosure control, whoever reads it: a figure over fewer than\n"
	  "3 enterprises is not published (…). The sentence rules are in\n"
	  "docs/methods.md; the PDF is the HTML printed by headless Chromium\n"
	  "(docs/architecture.md, \"Reports\"). A published bulletin is kept as it\n"
	  "was, with who published it and the data generation it was made from.\n"
	  "A cluster's profile (report cluster CODE) and the allocation (report\n"
	  "allocation, with the options of `echelon allocate`) are reports too:\n"
	  "sentences from the figures, then tables, as HTML, XLSX or PDF.",
	  "某一地区（全国、省或地市）1 月至某月的月度统计公报：规模以上战略性新兴产业按可比价格计算的增加值\n"
	  "增速与全部工业的对比、增速差、占比、领先与落后的领域以及与上月相比的显著变化，按统计局的表述\n"
	  "撰写（默认中文；--lang en 为英文），附表格与图表。无论由谁阅读，每个数字都经过统计披露控制：\n"
	  "涉及企业少于 3 家的数字不予发布（…）。语句规则见 docs/methods.md；PDF 为无界面 Chromium 打印的\n"
	  "HTML（docs/architecture.md，“Reports”）。已发布的公报按发布时原样保存，并记录发布人及所依据的数据版本。\n"
	  "集群概况（report cluster CODE）与资金分配（report allocation，选项同 `echelon allocate`）也是报告：\n"
	  "由数字生成的文字与表格，可输出为 HTML、XLSX 或 PDF。" },
	{ "The primary category is the first declared one; with none declared, the\n"
	  "category the class maps to in full (the lowest code when several); with\n"
	  "neither, the enterprise is not SEI.",
	  "主分类为申报的第一个分类；未申报时，为该行业小类完全对应的分类（有多个时取代码最小者）；\n"
	  "二者皆无，则该企业不属于战略性新兴产业。" },
	{ "The regions x categories of a year's reports: each region's diversity,\n"
	  "economic complexity (ECI), complexity outlook (COI), Fitness and\n"
	  "specialisation; each category's ubiquity, complexity (PCI), Complexity\n"
	  "and concentration (HHI, Gini, locational Gini, Hoover, Theil); and a\n"
	  "region's opportunities: the categories it lacks, by the complexity they\n"
	  "would add (COG), with their density; its investment priorities, each\n"
	  "with its reasons, the projects and funds that fit it; and the\n"
	  "enterprises elsewhere that lead a category (whom to attract).\n"
	  "Normalised as Stata's ecomplexity; every formula is in docs/methods.md.",
	  "某年报表的地区 × 分类矩阵：各地区的多样性、经济复杂度（ECI）、复杂度前景（COI）、\n"
	  "适应度（Fitness）与专业化；各分类的普遍性、复杂度（PCI）、Complexity 与集中度（HHI、\n"
	  "基尼系数、区位基尼系数、胡佛指数、泰尔指数）；地区的发展机会：其尚缺的分类，按其可增加的\n"
	  "复杂度（COG）及关联密度排列；地区的投资优先方向及理由、相符的项目和基金；以及在其他地区\n"
	  "领先某一分类的企业（招商对象）。按 Stata ecomplexity 的方式标准化；全部公式见 docs/methods.md。" },
	{ "Value added of enterprises above designated size (revenue of the previous\n"
	  "year >= 20 000 thousand yuan), deflated by the PPI of each enterprise's\n"
	  "division, against the same months of the previous year for the same\n"
	  "sample; SEI against all industry, with gap, share, contribution and pull.\n"
	  "The method is in docs/methods.md.",
	  "规模以上企业（上年营业收入不低于 20 000 千元）的增加值，按各企业所属行业大类的 PPI 平减，\n"
	  "与同一样本上年同期比较；战略性新兴产业与全部工业比较，给出增速差、占比、贡献率和拉动。\n"
	  "方法见 docs/methods.md。" },
	{ "Writes the import format, so that export and import round-trip.",
	  "按导入格式输出，导出的文件可原样导入。" },
	{ "Writes the whole database into FILE, a SQLite echelon database of the\n"
	  "same schema, verified equal as `echelon migrate` does. FILE must not\n"
	  "exist. `echelon restore` copies it back into either backend.",
	  "将整个数据库写入 FILE（相同结构版本的 SQLite echelon 数据库），并像 `echelon migrate`\n"
	  "一样校验一致。FILE 不得已存在。`echelon restore` 可将其恢复到任一种后端。" },
	{ "`echelon help problems` writes the table of problem codes (docs/problems.md); `echelon help problems js`\n"
	  "the same texts for the dashboard (web/src/lib/problemTexts.js).",
	  "`echelon help problems` 输出问题代码表（docs/problems.md）；`echelon help problems js`\n"
	  "输出供数据看板使用的同一组文字（web/src/lib/problemTexts.js）。" },
	{ "a GB/T 2260 region, or the beginning of one", "GB/T 2260 行政区划代码或其开头部分" },
	{ "a cluster's profile: indicators by year, stars, LQ, its evaluation explained, members and projects",
	  "集群概况：逐年指标、星级、区位熵、综合评价及其解释、成员企业与项目" },
	{ "a fund and the projects that fit it", "一只基金及与其相符的项目" },
	{ "a group of fewer enterprises is flagged small (default 10; csv and json)",
	  "企业数少于此值的分组标为样本过小（默认 10；csv 与 json）" },
	{ "a note; a reversal's reason (required there)", "备注；冲销的理由（冲销时必填）" },
	{ "a province or prefecture code (GB/T 2260; default: national)",
	  "省或地市代码（GB/T 2260；默认：全国）" },
	{ "a province or prefecture code (default: national)", "省级或地市级行政区划代码（默认：全国）" },
	{ "a proxy on this machine (nginx) sends the requests: the sign-in limits count the address it names last in X-Forwarded-For",
	  "请求由本机上的代理（nginx）转发：登录限制按其在 X-Forwarded-For 中最后列出的地址计数" },
	{ "a published report as it was published (a PDF is its page printed now)",
	  "按发布时原样显示已发布的报告（PDF 为此时打印的页面）" },
	{ "a questionnaire file of the same layout as data/digital_*.csv to check and show (questionnaire)",
	  "与 data/digital_*.csv 格式相同、需校验并显示的问卷文件（questionnaire）" },
	{ "a scenario with the applications the account may see, ranked",
	  "某一场景及本账户可见的申报（按排名）" },
	{ "a streaming replica of the PostgreSQL --db: the dashboard's reads go to it once it has replayed every change the server knows of",
	  "PostgreSQL --db 的流复制备库：备库回放完本服务器已知的每项更改后，仪表盘的读取改由它应答" },
	{ "a workbook's (.xlsx) sheet to read (default: the first)", "要读取的工作簿（.xlsx）工作表（默认：第一个）" },
	{ "access log file (default standard error; - for none)", "访问日志文件（默认标准错误；- 表示不记录）" },
	{ "add a draft scenario", "新增场景草稿" },
	{ "add a project to the library", "向项目库新增项目" },
	{ "add an account (the password from standard input or a prompt)", "新增账户（密码取自标准输入或提示输入）" },
	{ "add enterprises as members (edit)", "将企业加为成员（edit）" },
	{ "add, list or show incentive programmes (a budget, a year and rules)",
	  "新增、列出或显示资助计划（预算、年度和规则）" },
	{ "address to listen on (default 127.0.0.1:8080; port 0 picks one)", "监听地址（默认 127.0.0.1:8080；端口 0 表示自动选择）" },
	{ "admin, analyst, agency, fund or enterprise (add)", "admin、analyst、agency、fund 或 enterprise（add）" },
	{ "alerts: lagging from this many percentage points behind plan (default 20)", "预警：落后计划达到此百分点数即为滞后（默认 20）" },
	{ "alerts: stalled after this many months without investment (default 3)", "预警：连续此月数无投资即为停滞（默认 3）" },
	{ "also write the model (the MIP, or the LP with --lp) to FILE as free MPS, for any solver to check",
	  "同时将模型（MIP，或带 --lp 时的 LP）以自由格式 MPS 写入 FILE，供任一求解器核验" },
	{ "amount (default: priority x thousand yuan covered) or share (priority x share of each gap)",
	  "amount（默认：优先级 × 覆盖金额（千元））或 share（优先级 × 各缺口覆盖比例）" },
	{ "an SEI category, or the beginning of one", "战略性新兴产业分类代码或其开头部分" },
	{ "application scenarios: lists, batches, applications, review",
	  "应用场景：清单、批次、申报与评审" },
	{ "apply to an open scenario, or change the application (an enterprise account)",
	  "申报征集中的场景，或修改申报（企业账户）" },
	{ "approve a claim: its award is committed, within the budget and the annual cap",
	  "核定一项申请：在预算和年度上限内承诺其资助" },
	{ "area, direction, province, prefecture or area,province",
	  "area、direction、province、prefecture 或 area,province" },
	{ "assign a reviewer account (an analyst)", "指派评审人账户（分析员）" },
	{ "at most N suggestions (default 20)", "最多 N 条推荐（默认 20）" },
	{ "attach a PDF, image or office file to a scenario (owner or analyst; at most 10 MiB)", "为场景上传 PDF、图片或办公文档附件（发布方或分析员；不超过 10 MiB）" },
	{ "auto (default: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030), utf-8, utf-16, gb18030 or gbk",
	  "auto（默认：带或不带 BOM 的 UTF-8、带 BOM 的 UTF-16，否则 GB18030）、utf-8、utf-16、gb18030 或 gbk" },
	{ "back a database up into a new SQLite file",
	  "将数据库备份到新的 SQLite 文件" },
	{ "base, cluster or ecosystem (add, edit, list)", "base、cluster 或 ecosystem（add、edit、list）" },
	{ "bases in the echelon (evaluate; default 10)", "梯队中产业基地的个数（evaluate；默认 10）" },
	{ "bulletin: text (default: the sentences), html (a page that prints on A4), xlsx (a sheet per table) or pdf (the page printed by headless Chromium); show: html (default), xlsx or pdf; list: table (default), csv, json or xlsx",
	  "bulletin：text（默认：公报文字）、html（按 A4 打印的页面）、xlsx（每张表一个工作表）或 pdf（无界面 Chromium 打印的页面）；show：html（默认）、xlsx 或 pdf；list：table（默认）、csv、json 或 xlsx" },
	{ "by month over a range, for the groups of --kind named by --codes", "按月给出一段时间的序列，分组由 --kind 与 --codes 指定" },
	{ "by month: value added, growth at comparable prices and share of SEI; several clusters (up to 6) compared",
	  "按月：增加值、可比价增速与占战略性新兴产业比重；可对比多个集群（至多 6 个）" },
	{ "candidate clusters by DBSCAN (haversine) on coordinates", "按坐标用 DBSCAN（球面距离）识别候选集群" },
	{ "capital available (fund add, edit)", "可投资金（fund add、edit）" },
	{ "change a cluster and its member rules, all or nothing", "修改集群及其成员规则，要么全部生效，要么不生效" },
	{ "change a draft or open scenario (owner or analyst)",
	  "修改草稿或征集中的场景（发布方或分析员）" },
	{ "change a fund", "修改基金" },
	{ "change a project: fields, stage, a revision of its total, the investment completed in a month",
	  "修改项目：字段、阶段、总投资调整、某月完成投资" },
	{ "change an account's password; its sessions end", "修改账户密码；其会话随即结束" },
	{ "change answers already submitted: a revision, counted and audited (answer, import)",
	  "修改已提交的答案：记为一次修订并计入审计（answer、import）" },
	{ "check a CSV file or an Excel workbook and load it, all or nothing", "校验 CSV 文件或 Excel 工作簿并导入，要么全部导入，要么不导入" },
	{ "check and print a rules file; print a programme's rules, or replace them with a file's",
	  "校验并打印规则文件；打印资助计划的规则，或用文件中的规则替换" },
	{ "check the file and report every problem, store nothing", "只校验文件并列出全部问题，不导入" },
	{ "cluster the project belongs to (add, edit, list)", "项目所属集群（add、edit、list）" },
	{ "clusters in the echelon (evaluate; default 100)", "梯队中产业集群的个数（evaluate；默认 100）" },
	{ "coin (default: COIN-OR CLP for the LP, CBC for the MIP) or glpk",
	  "coin（默认：LP 用 COIN-OR CLP，MIP 用 CBC）或 glpk" },
	{ "completion against the straight-line or declared plan", "对照直线计划或申报计划的完成情况" },
	{ "copy a database into an empty one, verified equal",
	  "将数据库复制到空数据库并校验一致" },
	{ "create a database holding the reference catalogues", "新建数据库，载入参照目录" },
	{ "csv (default) or xlsx", "csv（默认）或 xlsx" },
	{ "disable an account; its sessions end", "停用账户；其会话随即结束" },
	{ "each month alone instead of January to the month (series)", "按当月计算，而非 1 月至当月累计（series）" },
	{ "ecosystems in the echelon (evaluate; default 1000)", "梯队中产业生态的个数（evaluate；默认 1000）" },
	{ "enable an account again", "重新启用账户" },
	{ "energy needed, tonnes of standard coal (add, edit)", "所需能耗，吨标准煤（add、edit）" },
	{ "enterprise: its USCC; agency: cluster codes; fund: fund ids (add)",
	  "enterprise：其统一社会信用代码；agency：集群代码；fund：基金编号（add）" },
	{ "entropy (default), ahp, fixed or combined (evaluate)", "entropy（默认）、ahp、fixed 或 combined（evaluate）" },
	{ "fill a new database with the demo economy, its clusters and its project library", "在新数据库中生成示例经济及其集群和项目库" },
	{ "first month of reports (default 2018-01)", "报表起始月份（默认 2018-01）" },
	{ "first period (reports, deflators)", "起始统计期（reports、deflators）" },
	{ "founding year (add, edit)", "成立年份（add、edit）" },
	{ "fund type (fund add, edit)", "基金类型（fund add、edit）" },
	{ "funding plan: bank loans", "资金计划：银行贷款" },
	{ "funding plan: bonds", "资金计划：债券" },
	{ "funding plan: government budget", "资金计划：财政预算" },
	{ "funding plan: government guidance fund", "资金计划：政府引导基金" },
	{ "funding plan: own funds", "资金计划：自有资金" },
	{ "funding plan: social capital", "资金计划：社会资本" },
	{ "generate a realistic synthetic national economy", "生成仿真的全国示例经济数据" },
	{ "government (demand), enterprise (demand) or supply (opportunity)",
	  "government（政府需求）、enterprise（企业需求）或 supply（供给侧机会）" },
	{ "growth of SEI value added against all industry, at comparable prices", "按可比价计算的战略性新兴产业增加值增速及其与全部工业的比较" },
	{ "how long a finished job's answer is kept (default 24)", "已完成任务的结果保留小时数（默认 24）" },
	{ "idle connection timeout, seconds (default 30)", "空闲连接超时，秒（默认 30）" },
	{ "import a funds file, all or nothing", "导入基金文件，要么全部导入，要么不导入" },
	{ "import a library file, all or nothing", "导入项目库文件，要么全部导入，要么不导入" },
	{ "import a registry file (docs/formats.md), all or nothing", "导入集群名录文件（docs/formats.md），要么全部导入，要么不导入" },
	{ "import answers (uscc,year,edition,sector,item,answer), all or nothing, as submitted",
	  "导入答卷（uscc,year,edition,sector,item,answer），要么全部导入，要么不导入，按已提交处理" },
	{ "import scenarios (as drafts) or applications, all or nothing",
	  "导入场景（作为草稿）或申报，全部导入或全部不导入" },
	{ "incentive programmes for application scenarios and their subsidy ledger",
	  "应用场景激励计划及其补贴台账" },
	{ "indicator system file (evaluate; default built in)", "指标体系文件（evaluate；默认内置）" },
	{ "industrial or one of the four cluster projects (add, edit)", "产业项目或四类集群工程之一（add、edit）" },
	{ "investment completed in --period (edit)", "--period 当月完成投资（edit）" },
	{ "jobs an account may have waiting or running (default 4; more get 429)", "每个账户可同时排队或运行的任务数（默认 4；超出返回 429）" },
	{ "keep the bulletin as it is now in the library of published reports (admins and analysts; audited); prints its number",
	  "将当前公报原样存入已发布报告库（管理员和分析员；记入审计）；输出其编号" },
	{ "lagging projects, funding gaps, stalled projects", "进度滞后、资金缺口、停滞的项目" },
	{ "land and energy quotas by province: region,land_mu,energy_tce", "各省用地与能耗指标：region,land_mu,energy_tce" },
	{ "land needed (add, edit)", "所需用地，亩（add、edit）" },
	{ "large, medium, small or micro (omit when not known)",
	  "large、medium、small 或 micro（未知时省略）" },
	{ "largest investment (fund add, edit)", "单笔投资上限（fund add、edit）" },
	{ "largest request body, KiB (default 1024)", "请求体上限，KiB（默认 1024）" },
	{ "largest share of one project, 0..1 (fund add, edit)", "占单个项目的最高比例，0 至 1（fund add、edit）" },
	{ "largest upload, MiB (default 64)", "上传文件上限，MiB（默认 64）" },
	{ "last month of reports (default 2021-12)", "报表截止月份（默认 2021-12）" },
	{ "last period (reports, deflators)", "截止统计期（reports、deflators）" },
	{ "levels and scores of the submitted questionnaires by group, under the disclosure control",
	  "已提交问卷按组汇总的等级与得分，受统计披露控制" },
	{ "list GB/T 2260 regions with their coordinates", "列出 GB/T 2260 行政区划及其坐标" },
	{ "list GB/T 4754-2017 industries", "列出 GB/T 4754-2017 国民经济行业分类" },
	{ "list every cluster found, registered or not (discover)", "列出识别出的全部集群，无论是否已登记（discover）" },
	{ "list or replace the reference catalogues", "查看或替换参照目录" },
	{ "list the 9 SEI areas with their directions and sub-directions counted", "列出 9 个战略性新兴产业领域及其方向、子方向数" },
	{ "list the SEI classification: areas, directions, sub-directions", "列出战略性新兴产业分类：领域、方向、子方向" },
	{ "list the accounts", "列出账户" },
	{ "list the audit log of changes", "查看数据修改的审计日志" },
	{ "list the industry classes each SEI sub-direction maps to (partial: *)", "列出各战略性新兴产业子方向对应的行业小类（部分对应：*）" },
	{ "long work (allocations, imports, cluster analysis) run at once, at idle priority (default: one per core and one more, at least 3)",
	  "同时以低优先级运行的长任务数（资金配置、导入、集群分析）（默认：每核一个再加一个，至少 3 个）" },
	{ "make a selected scenario a project in the project library (owner or analyst)",
	  "将已立项的场景转为项目库中的项目（发布方或分析员）" },
	{ "manage accounts", "管理账户" },
	{ "mark cookies Secure on loopback too (always so on any other address)",
	  "在回环地址上也将 Cookie 标为 Secure（其他地址总是如此）" },
	{ "move a scenario: open, review, completed, closed or withdrawn",
	  "变更场景状态：open（征集）、review（评审）、completed（完成）、closed（截止）或 withdrawn（撤回）" },
	{ "municipal or national: the claim is part of such a pilot",
	  "municipal 或 national：申请属于该级别的试点" },
	{ "name (add, edit)", "名称（add、edit）" },
	{ "network: links beside the spanning tree at least this strong (default: the strongest, one per category)",
	  "network：生成树之外的连边，邻近度不低于此值（默认：最强的连边，每个分类一条）" },
	{ "newest N entries (default 200)", "最近的 N 条（默认 200）" },
	{ "none or requires_government (fund add, edit)", "none 或 requires_government（fund add、edit）" },
	{ "number of enterprises (default 50000)", "企业数（默认 50000）" },
	{ "one project's progress against its plan", "单个项目对照计划的进度" },
	{ "only batch N (list)", "仅第 N 批（list）" },
	{ "only enterprises in the region: a GB/T 2260 code or its beginning (benchmark)",
	  "仅该地区的企业：GB/T 2260 代码或其开头部分（benchmark）" },
	{ "only status S: draft, open, review, selected, completed, closed, withdrawn (list)",
	  "仅状态 S：draft、open、review、selected、completed、closed、withdrawn（list）" },
	{ "only the funds whose targets name this SEI category, its direction or its area (list)", "只列出投资目标包含该战略性新兴产业分类（或其所属方向、领域）的基金（list）" },
	{ "only the projects neither completed nor cancelled (list)", "只列出未竣工、未取消的项目（list）" },
	{ "open connections from one address (default 64; more are refused)", "同一地址的最大连接数（默认 64；超出即拒绝）" },
	{ "owner, supplier or voucher", "owner（业主）、supplier（供给方）或 voucher（券）" },
	{ "pairwise comparison matrix (evaluate --method ahp|combined)", "两两比较判断矩阵（evaluate --method ahp|combined）" },
	{ "pay against a commitment, never more than it", "按承诺拨付，不超过承诺金额" },
	{ "planned end (add, edit)", "计划竣工（add、edit）" },
	{ "planned start (add, edit)", "计划开工（add、edit）" },
	{ "print nothing on success", "成功时不输出任何内容" },
	{ "print the OpenAPI description of the routes and exit", "输出接口的 OpenAPI 描述后退出" },
	{ "print the k-distance curve and the suggested --eps-km instead (discover)",
	  "改为输出 k 距离曲线和建议的 --eps-km（discover）" },
	{ "print the route table and exit", "输出路由表后退出" },
	{ "print the version", "显示版本号" },
	{ "priority score weights, e.g. density=0.4,pci=0.2,cog=0.2,growth=0.2,gap=0",
	  "优先级得分的权重，如 density=0.4,pci=0.2,cog=0.2,growth=0.2,gap=0" },
	{ "profile and indicators by year (LQ, strong rule, stars)", "概况与逐年指标（区位熵、强集群规则、星级）" },
	{ "project owner (add, edit)", "项目业主（统一社会信用代码）（add、edit）" },
	{ "province (default), prefecture, area, size or cluster (benchmark)",
	  "province（省份，默认）、prefecture（地市）、area（领域）、size（规模）或 cluster（集群）（benchmark）" },
	{ "province, prefecture (default) or county", "province、prefecture（默认）或 county" },
	{ "publish --kind cluster: the cluster whose profile is kept",
	  "发布 --kind cluster：保存其概况报告的集群" },
	{ "publish: bulletin (default), cluster (with --cluster CODE) or allocation (with allocate's options)",
	  "publish：bulletin（默认，月度公报）、cluster（集群概况，需 --cluster CODE）或 allocation（资金分配，选项同 allocate）" },
	{ "random seed (default 2020); the same seed gives the same data", "随机种子（默认 2020）；相同种子生成相同数据" },
	{ "regional structure and economic complexity: ECI, PCI, density, COG", "区域产业结构与经济复杂度：ECI、PCI、关联密度、COG" },
	{ "regions (default), categories, opportunities or priorities (with --region), leaders, network",
	  "regions（地区，默认）、categories（分类）、opportunities 或 priorities（机会或优先方向，需 --region）、leaders（领先企业）、network（产业空间网络）" },
	{ "regions (default), categories, or opportunities (with --region)",
	  "regions（默认）、categories 或 opportunities（需 --region）" },
	{ "register a cluster", "登记集群" },
	{ "register a fund with its mandate", "登记基金及其投资范围" },
	{ "remove enterprises from the members (edit)", "将企业移出成员（edit）" },
	{ "replace a catalogue from a file, all or nothing; enterprises are reclassified",
	  "用文件替换参照目录，要么全部替换，要么不替换；企业随之重新分类" },
	{ "replace the data of an existing database", "替换已有数据库中的数据" },
	{ "reports to publish: the monthly bulletin, a cluster's profile, the allocation, as HTML, XLSX or PDF",
	  "发布用报告：月度统计公报、集群概况、资金分配，可为 HTML、XLSX 或 PDF" },
	{ "reserve, preparation, under_construction, completed, cancelled (add, edit, list)",
	  "reserve（储备）、preparation（前期）、under_construction（在建）、completed（竣工）、cancelled（取消）（add、edit、list）" },
	{ "restore a backup into an empty database",
	  "将备份恢复到空数据库" },
	{ "revenue threshold of the previous year, thousand yuan (default 20000)", "上年营业收入门槛，千元（默认 20000）" },
	{ "reverse a commitment (without payments) or a payment; entries are never changed",
	  "冲销一项承诺（尚无拨付）或一笔拨付；条目本身从不修改" },
	{ "review criteria name:weight;... summing to 100 (default technology:40;price:30;delivery:20;record:10)",
	  "评审标准 名称:权重;...，权重合计 100（默认 technology:40;price:30;delivery:20;record:10）" },
	{ "rows of priorities (default 20) or leaders (default 10)", "优先方向的行数（默认 20）或领先企业的行数（默认 10）" },
	{ "save answers into the enterprise's draft (made when there is none)", "将答案保存到企业的草稿（没有时新建）" },
	{ "score an application on every criterion, 0 to 100 (an assigned reviewer)",
	  "按每项评审标准为申报打分，0 至 100（受指派的评审人）" },
	{ "sei1 (areas), sei2 (directions), sei3 (default, sub-directions) or industry (classes)",
	  "sei1（领域）、sei2（方向）、sei3（默认，子方向）或 industry（行业小类）" },
	{ "select an application; every applicant is notified (owner or analyst)",
	  "遴选一项申报；每个申报企业都会收到通知（发布方或分析员）" },
	{ "serve the JSON API and the dashboard", "提供 JSON 接口和数据看板" },
	{ "session lifetime (default 12)", "会话有效小时数（默认 12）" },
	{ "share of the AHP weights in combined (default 0.5)", "组合赋权中层次分析法权重的比例（默认 0.5）" },
	{ "show help for echelon, a command or a verb", "显示 echelon、某一命令或子命令的帮助" },
	{ "show the SEI categories of an industry class and the primary category", "显示某一行业小类对应的战略性新兴产业分类及主分类" },
	{ "smallest investment (fund add, edit)", "单笔投资下限（fund add、edit）" },
	{ "solve the LP relaxation only (no whole-ticket choices)", "只求解线性松弛（不作整笔投资选择）" },
	{ "submit the draft, complete, with the pledge: its score and level are kept", "提交完整的草稿并作出承诺：保存其得分和等级" },
	{ "suggested suppliers of a scenario, or scenarios for an enterprise, with reasons",
	  "推荐某一场景的供给方，或推荐适合某一企业的场景，并说明理由" },
	{ "summarise what a database holds", "汇总数据库中的内容" },
	{ "table (default), csv (the plan) or json", "table（默认）、csv（配置方案）或 json" },
	{ "table (default), csv, json or xlsx", "table（默认）、csv、json 或 xlsx" },
	{ "table (default), csv, json or xlsx (a workbook as shown)", "table（默认）、csv、json 或 xlsx（与看板下载相同的工作簿）" },
	{ "table (default), csv, json or xlsx (list)", "table（默认）、csv、json 或 xlsx（list）" },
	{ "target SEI categories (fund add, edit)", "投资的战略性新兴产业分类（fund add、edit）" },
	{ "target regions (fund add, edit)", "投资地区（fund add、edit）" },
	{ "target stages (fund add, edit)", "投资阶段（fund add、edit）" },
	{ "the SEI categories the enterprise declares", "企业申报的战略性新兴产业分类" },
	{ "the account's notifications", "本账户的通知" },
	{ "the allocation of funds to projects: the plan by project, what is lacking, what binds and its shadow price in words (audited)",
	  "基金向项目的资金分配：按项目的分配方案、资金缺口、紧约束及其影子价格的文字说明（记入审计日志）" },
	{ "the amount paid, thousand yuan (pay)", "拨付金额，千元（pay）" },
	{ "the answers with their score by item and dimension, total and level", "答卷及其按题目和维度的得分、总分与等级" },
	{ "the application scenario the claim concerns", "申请涉及的应用场景" },
	{ "the application the claim concerns", "申请涉及的场景申报" },
	{ "the application's price, thousand yuan (apply)", "申报报价，千元（apply）" },
	{ "the application's solution (apply)", "申报的解决方案（apply）" },
	{ "the application's timeline in months (apply)", "申报的实施周期，月（apply）" },
	{ "the applications the account may see", "本账户可见的申报" },
	{ "the attachment's file name (default: the file's own) (attach)", "附件的文件名（默认：文件本身的名称）（attach）" },
	{ "the attachments of a scenario", "场景的附件" },
	{ "the award a claim would get, with every step of its arithmetic, writing nothing",
	  "试算一项申请可获得的资助及每一步计算，不写入任何数据" },
	{ "the backup to write, a new SQLite file",
	  "要写入的备份，一个新的 SQLite 文件" },
	{ "the base it lies in (add, edit)", "所属产业基地（add、edit）" },
	{ "the batch's date (batch)", "批次日期（batch）" },
	{ "the batches, or publish batch N: its drafts (all, or those named) open",
	  "列出批次，或发布第 N 批：其草稿（全部或指定者）开始征集" },
	{ "the beneficiary names an account, not an enterprise", "受益方为账户而非企业" },
	{ "the beneficiary's SEI category, when it is not in the enterprise registry",
	  "受益方的战略性新兴产业分类（不在企业名录中时）" },
	{ "the beneficiary's region, when it is not in the enterprise registry",
	  "受益方所在地区（不在企业名录中时）" },
	{ "the budget, thousand yuan (shown only to owner, reviewers and analysts)",
	  "预算，千元（仅向发布方、评审人和分析员显示）" },
	{ "the category whose leading enterprises to show (--show leaders)", "要显示领先企业的分类（--show leaders）" },
	{ "the claim's own reference: a claim is approved once (approve)",
	  "申请的自有编号：同一申请只核定一次（approve）" },
	{ "the co-operation mode", "合作方式" },
	{ "the contact", "联系人" },
	{ "the dashboard's files (default: web/dist of the source tree)", "数据看板的文件目录（默认：源码树中的 web/dist）" },
	{ "the database file", "数据库文件" },
	{ "the database file (default for listing: the catalogues built in)", "数据库文件（列出时默认：内置目录）" },
	{ "the database file (default: the catalogues built in)", "数据库文件（默认：内置目录）" },
	{ "the database file to create", "要新建的数据库文件" },
	{ "the database to back up: a file or postgres://...",
	  "要备份的数据库：文件或 postgres://..." },
	{ "the database to copy: sqlite:FILE or postgres://...",
	  "要复制的数据库：sqlite:文件 或 postgres://..." },
	{ "the echelon of SEI bases, clusters and ecosystems", "战略性新兴产业基地、集群和生态的梯次管理" },
	{ "the empty database to copy into: sqlite:FILE (created) or postgres://...",
	  "复制目标空数据库：sqlite:文件（新建）或 postgres://..." },
	{ "the empty database to restore into: a file or postgres://...",
	  "恢复目标空数据库：文件或 postgres://..." },
	{ "the enterprise", "企业" },
	{ "the enterprise (USCC) or, with --account, the account the award goes to",
	  "资助的受益企业（统一社会信用代码），或配合 --account 为受益账户" },
	{ "the enterprise's questionnaires over the years: state, score and level",
	  "企业历年的问卷：状态、得分与等级" },
	{ "the first month (series; default: the first measured)", "起始月份（series；默认：最早的可测算月份）" },
	{ "the fund registry", "基金名录" },
	{ "the funds that fit a project, ranked, with the gap left after the progress up to P",
	  "与项目相符的基金，按匹配度排序，并给出截至 P 月进度后的剩余缺口" },
	{ "the gaps left at the end of that year", "该年年末的剩余资金缺口" },
	{ "the last day of applications (Beijing time)", "申报截止日（北京时间）" },
	{ "the last month (series; default: the last measured)", "截止月份（series；默认：最近的可测算月份）" },
	{ "the ledger's entries, and a programme's balances", "台账条目及资助计划的余额" },
	{ "the library", "项目库" },
	{ "the library of key SEI investment projects", "战略性新兴产业重点投资项目库" },
	{ "the library of published reports: number, kind, period, region, language, data generation, who, when",
	  "已发布报告库：编号、种类、统计期、地区、语言、数据版本、发布人、发布时间" },
	{ "the list as the public sees it: published only, no budget or owner (list)",
	  "公众所见的清单：仅已发布者，不含预算与发布方（list）" },
	{ "the lowest SME digital level, 1 to 4, of the owners of projects it matches; 0 none (fund add, edit)",
	  "所匹配项目的业主应达到的最低中小企业数字化水平等级，1 至 4；0 为不要求（fund add、edit）" },
	{ "the month alone instead of January to the month", "只计当月，而非 1 月至当月累计" },
	{ "the month to measure progress and matches' open gaps at (default: the latest with progress); with --completed, the month",
	  "测算进度和匹配缺口的月份（默认：有进度数据的最近月份）；与 --completed 一起时为完成投资的月份" },
	{ "the month whose remaining gaps are funded (default: the latest with progress)",
	  "为其剩余缺口配置资金的月份（默认：有进度数据的最近月份）" },
	{ "the month: growth from January to it (or of it alone with --month)", "统计月份：1 月至该月累计增速（带 --month 时为当月）" },
	{ "the month: the bulletin covers January to it", "月份：公报覆盖 1 月至该月" },
	{ "the monthly bulletin: SEI growth against all industry, the areas, in the bureau's words",
	  "月度统计公报：战略性新兴产业与全部工业的增速对比及各领域情况，按统计局的表述" },
	{ "the optimal allocation of funds to projects (COIN-OR CLP/CBC, or GLPK)",
	  "资金向项目的最优配置（COIN-OR CLP/CBC 或 GLPK）" },
	{ "the owner's account (an analyst's choice; default the one acting)",
	  "发布方账户（由分析员指定；默认为当前操作的账户）" },
	{ "the pledge that the answers are true, required to submit (submit)", "承诺答案真实，提交时必需（submit）" },
	{ "the programme's budget, thousand yuan (programme add)",
	  "资助计划预算，千元（programme add）" },
	{ "the programme's name (programme add)", "资助计划名称（programme add）" },
	{ "the programme's rule the claim is made under", "申请所依据的资助计划规则" },
	{ "the programme's year (programme add)", "资助计划年度（programme add）" },
	{ "the projects that fit a fund, ranked, with the reasons", "与基金相符的项目，按匹配度排序，并说明理由" },
	{ "the promotion agency (add, edit)", "集群促进机构（add、edit）" },
	{ "the purchase amount or R&D spend, thousand yuan", "采购额或研发投入，千元" },
	{ "the questionnaire of an edition: dimensions, items, options and scores", "某一版本的问卷：维度、题目、选项与分值" },
	{ "the questionnaire's edition: 2022 or 2024 (default 2024)", "问卷版本：2022 或 2024（默认 2024）" },
	{ "the region whose opportunities or priorities to show (leaders: the region left out)",
	  "要显示机会或优先方向的地区（leaders：排除的地区）" },
	{ "the registry", "名录" },
	{ "the rules file, as docs/formats.md says (programme add)",
	  "规则文件，格式见 docs/formats.md（programme add）" },
	{ "the scenario's title", "场景名称" },
	{ "the scenarios the account may see", "本账户可见的场景" },
	{ "the sector table: M manufacturing, S producer services, O other industries", "行业表：M 制造业，S 生产性服务业，O 其他行业" },
	{ "the year (discover, evaluate)", "年份（discover、evaluate）" },
	{ "the year assessed", "评估年份" },
	{ "the year of the reports", "报表年份" },
	{ "time for a request's headers to arrive, from the connection's start or its last answer, however slowly they trickle (default 15)",
	  "请求头到达的时限，自连接建立或上次应答起算，无论传输多慢（默认 15）" },
	{ "time limit of the MIP in seconds (default 60); the best plan found is reported with its gap",
	  "MIP 求解时限，秒（默认 60）；到时给出已找到的最优方案及其间隙" },
	{ "total investment, thousand yuan (add, edit)", "总投资，千元（add、edit）" },
	{ "value_added (default), revenue, employees or enterprises",
	  "value_added（默认）、revenue、employees 或 enterprises" },
	{ "weight enterprises by value added (discover)", "按增加值为企业加权（discover）" },
	{ "what is needed", "需求内容" },
	{ "what next: the percentile among peers, the weakest dimensions with actions, the funds that fit",
	  "下一步：同类企业中的百分位、最薄弱的维度及措施、适合的基金" },
	{ "why the total changes: a new --total is recorded as a revision (edit)", "总投资变更的原因：新的 --total 记为一次调整（edit）" },
	{ "why this application was selected (select)", "遴选该申报的理由（select）" },
	{ "with --routes: table (default) or json", "与 --routes 一起：table（默认）或 json" },
	{ "with --series: all, sei (default), area, direction, province or prefecture",
	  "与 --series 一起：all、sei（默认）、area、direction、province 或 prefecture" },
	{ "with --series: the first month (default: the first measured)", "与 --series 一起：起始月份（默认：最早的可测算月份）" },
	{ "with --series: the groups compared (areas 1,2; provinces 320000,330000 ...)",
	  "与 --series 一起：比较的分组（领域 1,2；省份 320000,330000 …）" },
	{ "with --series: the last month (default: the last measured)", "与 --series 一起：截止月份（默认：最近的可测算月份）" },
	{ "withdraw the enterprise's application", "撤回企业的申报" },
	{ "worker threads (default: one per core)", "工作线程数（默认：每核一个）" },
	{ "write a file to fill in for an import", "生成导入用的填报模板" },
	{ "write a kind of data as CSV to standard output", "将一类数据以 CSV 写到标准输出" },
	{ "write a library file to standard output", "将项目库文件写到标准输出" },
	{ "write a registry file to standard output", "将集群名录文件写到标准输出" },
	{ "write an attachment's bytes to standard output", "将附件内容写到标准输出" },
	{ "write every problem, not only the first 100, to FILE as CSV (file,line,cell,column,code,message)",
	  "将全部问题（不只前 100 个）以 CSV 写入 FILE（file,line,cell,column,code,message）" },
	{ "write the funds file to standard output", "将基金文件写到标准输出" },
	{ "write the scenarios or applications the account may see as the import's CSV",
	  "将本账户可见的场景或申报按导入格式写成 CSV" },
	{ "write to FILE (default: standard output)", "写入 FILE（默认：标准输出）" },
	{ "write to FILE instead of standard output (also -o FILE)",
	  "写入 FILE 而非标准输出（亦可用 -o FILE）" },
};

static int by_english(const void *key, const void *entry)
{
	return strcmp(key, ((const struct help_text *)entry)->en);
}

const char *cli_help_text(const char *english)
{
	const struct help_text *found;

	if (!english || cli_lang() != EC_LANG_ZH)
		return english;
	found = bsearch(english, texts, sizeof texts / sizeof texts[0], sizeof texts[0], by_english);
	return found ? found->zh : english;
}
