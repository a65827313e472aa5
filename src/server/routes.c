/*
** The route table: every route the server answers, the roles it allows and
** what it takes and gives. The OpenAPI description (docs/api/openapi.yaml)
** is generated from this table, so the two cannot drift apart. The roles
** of a route that changes data are the application's (EC_MAY_* in app.h),
** which the application checks again whichever face asks.
*/
#include <stdio.h>
#include <string.h>

#include "echelon/incentive_app.h"
#include "echelon/scenario_app.h"
#include "server.h"

#define PERIOD "period:query:string:required:the month, YYYY-MM"
#define BASIS "basis:query:string:optional:cumulative (January to the month, default) or month"
#define REGION "region:query:string:optional:a province or prefecture code (GB/T 2260); default national"
#define CX_QUERY "year:query:integer:required:the year|" \
	"regions:query:string:optional:province, prefecture (default) or county|" \
	"by:query:string:optional:sei1, sei2, sei3 (default) or industry|" \
	"measure:query:string:optional:value_added (default), revenue, employees or enterprises|" \
	"threshold:query:number:optional:Mcp where RCA >= this (default 1)|" \
	"method:query:string:optional:eigen (default) or reflections|lang:query:string:optional:zh (default) or en"
#define FILE_FORMAT "format:query:string:optional:json (default); csv or xlsx for a download of the table as the dashboard shows it (names and units in the language, figures rounded, codes named, Beijing time)|" \
	"raw:query:boolean:optional:1 or true: a download with the column keys and the figures as stored (thousand yuan, full precision)"
#define DOWNLOAD FILE_FORMAT "|lang:query:string:optional:zh (default) or en: the language of a download"
#define PRIORITY_AREAS "priority_areas:query:string:optional:SEI areas separated by ';' (e.g. 1;4) whose projects get the priority bonus in the scores"

const struct route ec_routes[] = {
	{ "GET", "/api/v1/health", h_health, R_PUBLIC, F_KEEP, "liveness and version", "", "{status, version}" },
	{ "POST", "/api/v1/session", h_session_create, R_PUBLIC, F_NO_CSRF, "sign in",
	  "body:body:object:required:{username, password}",
	  "{user: {name, role, scope}, csrf_token}; sets the session cookie" },
	{ "GET", "/api/v1/session", h_session_get, R_ALL, 0, "the signed-in user", "", "{user, csrf_token}" },
	{ "DELETE", "/api/v1/session", h_session_delete, R_ALL, 0, "sign out", "", "204, clears the cookie" },
	{ "GET", "/api/v1/catalog/{kind}", h_catalog, R_ALL, F_KEEP, "a reference catalogue",
	  "kind:path:string:required:areas, categories, mappings, industries or regions",
	  "an array of entries, as `echelon catalog KIND --format json`" },
	{ "GET", "/api/v1/enums", h_enums, R_ALL, F_KEEP,
	  "the names of the library's enumerations, in its order, and the allowed stage changes", "",
	  "{stages, project_kinds, funding_sources, fund_types, coinvest, tiers, roles, alert_kinds, "
	  "fund_type_sources: {fund type: the funding source it fills}, "
	  "stage_changes: [{from, to, needs_project}] (needs_project: allowed only when the project's figures allow it)}" },
	{ "GET", "/api/v1/monitor/periods", h_monitor_periods, R_ALL, F_KEEP, "the periods that can be measured", "",
	  "{first, last, data: {demo: the synthetic demo economy, enterprises}}" },
	{ "GET", "/api/v1/monitor", h_monitor, R_ALL, F_KEEP, "SEI growth against all industry",
	  PERIOD "|" BASIS "|by:query:string:optional:area, direction, province, prefecture or area,province|" REGION
	  "|small:query:integer:optional:a group of fewer enterprises is flagged small (default 10)|" DOWNLOAD,
	  "{period, basis, by, region, rows}; rows as `echelon monitor --format json`, each with small" },
	{ "GET", "/api/v1/monitor/series", h_monitor_series, R_ALL, F_KEEP,
	  "growth and share of one or several groups by month, over a range",
	  "kind:query:string:optional:all, sei, area, direction, province or prefecture (required unless groups)|"
	  "groups:query:string:optional:groups of different kinds compared, kind:code separated by commas "
	  "(area, direction, province or prefecture; a prefecture measured within its province, the others nationally; "
	  "a group without figures has no rows), "
	  "instead of kind, codes and region|"
	  "codes:query:string:optional:the groups' codes separated by commas, at most 24 (all and sei need none)|"
	  "code:query:string:optional:one group's code (instead of codes)|"
	  "from:query:string:optional:the first month, YYYY-MM (default: the first measured)|"
	  "to:query:string:optional:the last month, YYYY-MM (default: the last measured)|" REGION "|" BASIS
	  "|small:query:integer:optional:a group of fewer enterprises is flagged small (default 10)|" DOWNLOAD,
	  "{kind (groups when asked by groups), code, codes, region, basis, from, to, rows}; rows group after group in the order of codes, each "
	  "in period order, as /monitor's rows (the same figures and disclosure control as /monitor for the period)" },
	{ "GET", "/api/v1/reports/bulletin", h_report_bulletin, R_ADMIN | R_ANALYST | R_AGENCY | R_FUND, 0,
	  "the monthly bulletin: SEI growth against all industry, gap, share, leading and lagging areas and notable "
	  "changes in the statistics bureau's words, with tables and charts; every figure under the disclosure "
	  "control whoever reads it",
	  PERIOD "|region:query:string:optional:a province or prefecture code (GB/T 2260); default national|"
	  "lang:query:string:optional:zh (default) or en|"
	  "format:query:string:optional:html (default: a page that prints on A4), xlsx (a sheet per table) or pdf "
	  "(the page printed by headless Chromium; 503 report.busy when as many are being printed as allowed)"
	  "|job:query:boolean:optional:1 with format pdf: print as a job (202 {job}; GET /api/v1/jobs/{id} answers {file: {media_type, filename, size, base64}})",
	  "the bulletin as text/html, an XLSX workbook or application/pdf" },
	{ "GET", "/api/v1/reports/cluster/{code}", h_report_cluster, R_ADMIN | R_ANALYST | R_AGENCY | R_FUND, 0,
	  "a cluster's profile as a report: sentences from its figures, its indicators by year (stars, LQ), its row of "
	  "the evaluation of the latest year with strengths and weaknesses, its members by category and its projects; "
	  "the members' figures under the disclosure control whoever reads it",
	  "code:path:string:required:the cluster's code|lang:query:string:optional:zh (default) or en|"
	  "format:query:string:optional:html (default: a page that prints on A4), xlsx (a sheet per table) or pdf "
	  "(the page printed by headless Chromium; 503 report.busy when as many are being printed as allowed)"
	  "|job:query:boolean:optional:1 with format pdf: print as a job (202 {job}; GET /api/v1/jobs/{id} answers {file: {media_type, filename, size, base64}})",
	  "the report as text/html, an XLSX workbook or application/pdf" },
	{ "GET", "/api/v1/reports/allocation", h_report_allocation, EC_MAY_ALLOCATE, 0,
	  "the allocation of funds to projects as a report (solved as POST /api/v1/allocation, and audited): the plan by "
	  "project, what is still lacking, the binding constraints and their shadow prices in words and tables",
	  "period:query:string:optional:YYYY-MM (default the latest month with progress)|"
	  "year:query:integer:optional:the gaps left at the end of that year|"
	  "time_limit_s:query:number:optional:branch and bound, more than 0 and at most 600 s (default 10)|"
	  "lp:query:boolean:optional:1 for the LP relaxation only|objective:query:string:optional:amount (default) or share|"
	  "solver:query:string:optional:coin (default) or glpk|"
	  "priority_areas:query:string:optional:SEI areas separated by ';' whose projects get the priority bonus|"
	  "lang:query:string:optional:zh (default) or en|"
	  "format:query:string:optional:html (default), xlsx (a sheet per table) or pdf (503 report.busy when as many "
	  "are being printed as allowed)"
	  "|job:query:boolean:optional:1 with format pdf: print as a job (202 {job}; GET /api/v1/jobs/{id} answers {file: {media_type, filename, size, base64}})",
	  "the report as text/html, an XLSX workbook or application/pdf" },
	{ "POST", "/api/v1/reports/published", h_report_publish, EC_MAY_PUBLISH, 0,
	  "publish a report: its HTML and XLSX as they are now, kept in the library of published reports "
	  "with who published it and the data generation it was made from (audited)",
	  "body:body:object:required:{kind?: bulletin (default), cluster or allocation, lang?: zh (default) or en; "
	  "a bulletin: period: YYYY-MM, region?: a province or prefecture code; a cluster's profile: code; "
	  "the allocation: the fields of POST /api/v1/allocation but quotas}",
	  "201 {id, kind, period?, region, lang}" },
	{ "GET", "/api/v1/reports/published", h_reports_published, R_ADMIN | R_ANALYST | R_AGENCY | R_FUND, 0,
	  "the library of published reports, the newest first (at most 500)", DOWNLOAD,
	  "an array of {id, kind, period, region, lang, generation, user, created_at}" },
	{ "GET", "/api/v1/reports/published/{id}", h_report_published, R_ADMIN | R_ANALYST | R_AGENCY | R_FUND, 0,
	  "a published report as it was published",
	  "id:path:integer:required:the report's number|"
	  "format:query:string:optional:html (default), xlsx, or pdf (the published page printed now)"
	  "|job:query:boolean:optional:1 with format pdf: print as a job (202 {job}; GET /api/v1/jobs/{id} answers {file: {media_type, filename, size, base64}})",
	  "the report as text/html, an XLSX workbook or application/pdf" },
	{ "GET", "/api/v1/complexity", h_complexity, R_ALL, F_KEEP,
	  "regional structure and complexity: regions (ECI, COI, fitness, specialisation), categories (PCI, "
	  "concentration), a region's opportunities (RCA, density, distance, COG) or investment priorities",
	  CX_QUERY "|show:query:string:optional:regions (default), categories, opportunities, priorities or network "
	  "(the category space: the maximum spanning tree of proximity and the strongest other links)|"
	  "min_proximity:query:number:optional:network: links beside the tree at least this strong (default: the strongest ones, as many as the categories)|"
	  "region:query:string:optional:the region (opportunities and priorities)|"
	  "weights:query:string:optional:priority weights, e.g. density=0.4,pci=0.2,cog=0.2,growth=0.2,gap=0|"
	  "top:query:integer:optional:priorities to give (default 20)|" FILE_FORMAT,
	  "{year, regions, by, measure, nregions, ncategories, rows}; rows as `echelon complexity --format json` "
	  "(names in lang; RCA empty where the disclosure control hides the cell, for accounts that may not see "
	  "single enterprises)" },
	{ "GET", "/api/v1/complexity/leaders", h_complexity_leaders, R_ADMIN | R_ANALYST, F_KEEP,
	  "the enterprises elsewhere that lead a category (whom to attract)",
	  CX_QUERY "|category:query:string:required:the category (a column of by)|"
	  "region:query:string:optional:a region left out|top:query:integer:optional:how many (default 10)|" FILE_FORMAT,
	  "{year, regions, by, measure, rows: [{rank, uscc, name, region, region_name, value}]}" },
	{ "GET", "/api/v1/enterprises", h_enterprises, R_ADMIN | R_ANALYST | R_ENTERPRISE, F_KEEP_BRIEF,
	  "enterprises, filtered and paged (an enterprise user sees only itself)",
	  "q:query:string:optional:part of the name, or the beginning of the USCC|region:query:string:optional:a GB/T 2260 code prefix|"
	  "category:query:string:optional:an SEI code; its enterprises and those below it|"
	  "industry:query:string:optional:a GB/T 4754 industry code or its beginning (2 to 4 digits)|"
	  "above_size:query:boolean:optional:above designated size in the latest year with data|"
	  "page:query:integer:optional:from 1|per_page:query:integer:optional:1..500, default 50",
	  "{total, page, per_page, items}" },
	{ "GET", "/api/v1/enterprises/{uscc}", h_enterprise, R_ADMIN | R_ANALYST | R_ENTERPRISE, F_KEEP_BRIEF,
	  "one enterprise and its monthly reports", "uscc:path:string:required:the enterprise's USCC",
	  "{enterprise, reports}" },
	{ "GET", "/api/v1/enterprises/{uscc}/series", h_enterprise_series, R_ADMIN | R_ANALYST | R_ENTERPRISE, F_KEEP_BRIEF,
	  "the enterprise's own growth by month, at current prices (docs/methods.md)",
	  "uscc:path:string:required:the enterprise's USCC|" DOWNLOAD,
	  "{uscc, rows: [{period, month_value_added, month_revenue, va_month_growth_pct, va_cumulative_growth_pct}]} "
	  "(growth null where a year earlier has nothing to compare)" },
	{ "POST", "/api/v1/import/{kind}", h_import, EC_MAY_IMPORT, F_UPLOAD,
	  "import a CSV file, all or nothing",
	  "kind:path:string:required:enterprises, reports or deflators|"
	  "dry_run:query:boolean:optional:check only|encoding:query:string:optional:auto (default), utf-8, utf-16, gb18030 or gbk|"
	  "delimiter:query:string:optional:',', ';' or tab (default: found from the header)|sheet:query:string:optional:a workbook's sheet (default: the first)|"
	  "body:body:file:required:the CSV or .xlsx workbook, raw or as the field file of multipart/form-data",
	  "a job (202 {job}; GET /api/v1/jobs/{id}): its result {kind, rows, inserted, sha256, dry_run, format, encoding, delimiter, sheet, bulletin: {id, period} of the national bulletin published when the import made a new month measurable, else null}, or its error with error.problems (the first 1000, each with line, column and a workbook's cell) and error.groups (every kind: count, first lines, first problem) when rejected" },
	{ "GET", "/api/v1/templates/{kind}", h_template, R_ADMIN | R_ANALYST, 0,
	  "the file to fill in for an import: the header and an example row; as a workbook, with formats, data validation and a notes sheet",
	  "kind:path:string:required:enterprises, reports or deflators|format:query:string:optional:csv (default) or xlsx|"
	  "lang:query:string:optional:the notes' language, zh (default) or en",
	  "the file (Content-Disposition: attachment)" },
	{ "GET", "/api/v1/imports", h_imports, R_ADMIN | R_ANALYST, 0, "the import history", "",
	  "[{id, at, kind, file, rows, sha256, user, size, format, encoding, result, problems}]: every import, and every file refused (result rejected, with its problem count)" },
	{ "GET", "/api/v1/clusters", h_clusters, R_ALL, F_KEEP_BRIEF, "the registry of bases, clusters and ecosystems",
	  "tier:query:string:optional:base, cluster or ecosystem|" DOWNLOAD,
	  "[{code, name_zh, name_en, tier, parent, regions, categories, agency, founded, source, lat, lon}]" },
	{ "POST", "/api/v1/clusters", h_cluster_create, EC_MAY_CLUSTER_ADD, 0, "register a cluster",
	  "body:body:object:required:{code, name_zh, name_en, tier, parent?, regions, categories, agency?, founded?}",
	  "the cluster" },
	{ "GET", "/api/v1/clusters/discover", h_cluster_discover, R_ADMIN | R_ANALYST | R_AGENCY, 0,
	  "candidate clusters by DBSCAN on enterprise coordinates",
	  "area:query:string:optional:an SEI area (give area or direction)|direction:query:string:optional:an SEI direction|"
	  "eps_km:query:number:optional:neighbourhood radius, default the suggested one (the knee of the k-distance curve)|"
	  "min_points:query:number:optional:default 4, the point itself counted|"
	  "weighted:query:boolean:optional:weight by value added|all:query:boolean:optional:also registered ones|"
	  "year:query:integer:optional:default the latest",
	  "a job (202 {job}; GET /api/v1/jobs/{id}) whose result is {year, points, clusters, eps_km, min_points, rows}; rows as `echelon cluster discover --format json`" },
	{ "GET", "/api/v1/clusters/discover/k-distance", h_cluster_discover_kdist, R_ADMIN | R_ANALYST | R_AGENCY, 0,
	  "the k-distance curve that helps in choosing discovery's radius, with the suggested one at its knee",
	  "area:query:string:optional:an SEI area (give area or direction)|direction:query:string:optional:an SEI direction|"
	  "min_points:query:number:optional:default 4, at most 1000; k = min_points - 1|"
	  "weighted:query:boolean:optional:weight by value added|year:query:integer:optional:default the latest",
	  "{year, points, sampled, never_core, min_points, k, weighted, knee_max_km, suggested_eps_km, knee_share, "
	  "curve: [[share, distance_km]] at most 200, distance decreasing}" },
	{ "GET", "/api/v1/clusters/evaluation", h_cluster_evaluation, R_ALL, 0,
	  "the evaluation: weights, TOPSIS ranking and recommended tiers",
	  "year:query:integer:required:the year|method:query:string:optional:entropy (default)|" DOWNLOAD,
	  "{year, method, have_previous, weights, rows} when computed already, else a job (202 {job}) with that result; a download (format) is the file at once, the ranking then the weights" },
	{ "GET", "/api/v1/clusters/series", h_cluster_series, R_ALL, F_KEEP_BRIEF,
	  "several clusters by month, compared: each as /api/v1/clusters/{code}/series gives it, in one answer",
	  "codes:query:string:required:the clusters' codes, separated by commas (at most 6)|"
	  "from:query:string:optional:the first month, YYYY-MM|to:query:string:optional:the last month, YYYY-MM|" BASIS
	  "|" DOWNLOAD,
	  "{clusters: [{code, members}], basis, from, to, rows}; rows as one cluster's, each naming its cluster" },
	{ "GET", "/api/v1/clusters/{code}", h_cluster, R_ALL, F_KEEP_BRIEF,
	  "a cluster's profile: indicators by year (LQ, strong rule, stars), entered indicators and its application scenarios by year (published, selected, completed, subsidy paid; computed from the scenarios and the ledger)",
	  "code:path:string:required:the cluster's code", "{cluster, members, indicators, entered, scenarios}" },
	{ "GET", "/api/v1/clusters/{code}/series", h_cluster_series, R_ALL, F_KEEP_BRIEF,
	  "a cluster by month: its members' value added, growth by the monitoring method and share of SEI, over a range",
	  "code:path:string:required:the cluster's code|"
	  "from:query:string:optional:the first month, YYYY-MM (default: the first measured)|"
	  "to:query:string:optional:the last month, YYYY-MM (default: the last measured)|" BASIS "|" DOWNLOAD,
	  "{cluster, members, basis, from, to, rows}; rows as `echelon cluster series --format json` (period, "
	  "enterprises, value_added, value_added_base, value_added_real, growth_pct, sei_value_added, "
	  "sei_share_pct; suppressed and suppression for roles that may not see microdata)" },
	{ "PATCH", "/api/v1/clusters/{code}", h_cluster_update, EC_MAY_CLUSTER_EDIT, 0,
	  "change a cluster (an agency only its own)",
	  "code:path:string:required:the cluster's code|body:body:object:required:the fields to change",
	  "the cluster" },
	{ "GET", "/api/v1/projects", h_projects, R_ALL, F_KEEP_BRIEF,
	  "the project library with progress and alerts (an enterprise sees only its own)",
	  "stage:query:string:optional:a stage|cluster:query:string:optional:a cluster code|"
	  "region:query:string:optional:a GB/T 2260 prefix|category:query:string:optional:an SEI code|"
	  "q:query:string:optional:part of the name or the code's beginning|"
	  "open:query:string:optional:1 for only the projects neither completed nor cancelled|" DOWNLOAD,
	  "[{code, name, owner, category, cluster, region, kind, total_investment, start, end, stage, funding, land_mu, energy_tce, lat, lon, cumulative, completion_pct, planned_pct, lag_pp, idle_months, alerts}]" },
	{ "POST", "/api/v1/projects", h_project_create, EC_MAY_PROJECT_EDIT, 0,
	  "submit a project (an enterprise only as the owner)", "body:body:object:required:the project's fields",
	  "the project" },
	{ "GET", "/api/v1/projects/{code}", h_project, R_ALL, F_KEEP_BRIEF, "a project: progress, alerts and matching funds",
	  "code:path:string:required:the project's code|" PRIORITY_AREAS "|" DOWNLOAD,
	  "{project, progress, alerts, matches}; a download holds the matches" },
	{ "PATCH", "/api/v1/projects/{code}", h_project_update, EC_MAY_PROJECT_EDIT, 0,
	  "change a project (stage changes are checked; an enterprise only its own)",
	  "code:path:string:required:the project's code|body:body:object:required:the fields to change", "the project" },
	{ "POST", "/api/v1/projects/{code}/progress", h_project_progress, EC_MAY_PROJECT_EDIT, 0,
	  "record the investment completed in a month",
	  "code:path:string:required:the project's code|body:body:object:required:{period, completed}", "the project" },
	{ "GET", "/api/v1/funds", h_funds, R_ALL, F_KEEP_BRIEF, "the fund registry",
	  "category:query:string:optional:an SEI code: only the funds whose targets name it, its direction or its area|" DOWNLOAD,
	  "[{code, name, type, capital, categories, regions, stages, min_ticket, max_ticket, max_share, coinvest, min_digital_level}]" },
	{ "POST", "/api/v1/funds", h_fund_create, EC_MAY_FUND_ADD, 0, "register a fund",
	  "body:body:object:required:the fund's fields", "the fund" },
	{ "GET", "/api/v1/funds/{code}", h_fund, R_ALL, F_KEEP_BRIEF, "a fund and the projects that match it, ranked",
	  "code:path:string:required:the fund's code|" PRIORITY_AREAS "|" DOWNLOAD, "{fund, matches}; a download holds the matches" },
	{ "PATCH", "/api/v1/funds/{code}", h_fund_update, EC_MAY_FUND_EDIT, 0,
	  "change a fund (a fund account only its own)",
	  "code:path:string:required:the fund's code|body:body:object:required:the fields to change", "the fund" },
	{ "GET", "/api/v1/incentives/programmes", h_incentive_programmes, EC_MAY_INCENTIVE_READ, 0,
	  "incentive programmes (balances only for those who manage them; agencies and funds are refused)", "",
	  "[{code, name, year, budget, balance: {budget, committed, paid, outstanding, available, commitments, payments, reversals} or null}]" },
	{ "POST", "/api/v1/incentives/programmes", h_incentive_programme_create, EC_MAY_INCENTIVE_MANAGE, 0,
	  "add an incentive programme with its rules",
	  "body:body:object:required:{code, name, year, budget (thousand yuan), rules: the text of a rules file (docs/formats.md)}",
	  "the programme with its rules" },
	{ "GET", "/api/v1/incentives/programmes/{code}", h_incentive_programme, EC_MAY_INCENTIVE_READ, 0,
	  "an incentive programme with its rules (and balances for those who manage it)",
	  "code:path:string:required:the programme's code",
	  "{code, name, year, budget, balance, rules: [{rule, side, base, share_pct, cap, year_cap, categories, regions, sizes, topup_pilot, topup_pct, topup_amount}]}" },
	{ "PUT", "/api/v1/incentives/programmes/{code}/rules", h_incentive_rules, EC_MAY_INCENTIVE_MANAGE, 0,
	  "replace a programme's rules (awards made keep their amounts)",
	  "code:path:string:required:the programme's code|body:body:object:required:{rules: the text of a rules file}",
	  "the programme with its rules" },
	{ "POST", "/api/v1/incentives/programmes/{code}/claims", h_incentive_claim, EC_MAY_INCENTIVE_READ, 0,
	  "the award a claim would get under a rule, with every step, writing nothing (an enterprise only for itself)",
	  "code:path:string:required:the programme's code|body:body:object:required:{rule, beneficiary (USCC or account), "
	  "beneficiary_kind? (enterprise or account), side (owner, supplier or voucher), base_amount (thousand yuan), "
	  "category?, region?, size? (large, medium, small or micro), pilot? (municipal or national), scenario?, application?}",
	  "{amount, reasons: [{code, params, message}]}" },
	{ "POST", "/api/v1/incentives/programmes/{code}/commitments", h_incentive_commitment, EC_MAY_INCENTIVE_MANAGE, 0,
	  "approve a claim: its award committed within the budget and the annual cap, checked in the transaction that writes it",
	  "code:path:string:required:the programme's code|body:body:object:required:the claim as for claims, with reference (the claim's own, approved once)",
	  "201, the ledger entry {id, programme, kind, refers, amount, reference, rule, beneficiary, beneficiary_kind, side, base_amount, scenario, application, reasons, note, by, at}" },
	{ "POST", "/api/v1/incentives/programmes/{code}/payments", h_incentive_payment, EC_MAY_INCENTIVE_MANAGE, 0,
	  "pay against a commitment, never more than it",
	  "code:path:string:required:the programme's code|body:body:object:required:{commitment (entry id), amount (thousand yuan), note?}",
	  "201, the ledger entry" },
	{ "POST", "/api/v1/incentives/programmes/{code}/reversals", h_incentive_reversal, EC_MAY_INCENTIVE_MANAGE, 0,
	  "reverse a commitment without payments, or a payment; entries are never changed or removed",
	  "code:path:string:required:the programme's code|body:body:object:required:{entry (entry id), note (the reason)}",
	  "201, the ledger entry" },
	{ "GET", "/api/v1/incentives/programmes/{code}/ledger", h_incentive_ledger, EC_MAY_INCENTIVE_READ, 0,
	  "a programme's ledger and balances (an enterprise sees only its own entries, no balances)",
	  "code:path:string:required:the programme's code|" DOWNLOAD,
	  "{balance or null, entries: [ledger entry]}; a download holds the entries" },
	{ "GET", "/api/v1/incentives/awards", h_incentive_awards, EC_MAY_INCENTIVE_READ, 0,
	  "the ledger entries of every programme the account may see (an enterprise: its own awards)", DOWNLOAD,
	  "{balance: null, entries: [ledger entry]}" },
	{ "POST", "/api/v1/allocation", h_allocation, EC_MAY_ALLOCATE, 0,
	  "the optimal allocation of funds to projects (COIN-OR CLP/CBC, or GLPK)",
	  "body:body:object:optional:{time_limit_s?, lp?, objective?, solver?, period?, year?, quotas?, priority_areas?}; "
	  "time_limit_s: branch and bound, more than 0 and at most 600 s (default 10); objective: amount (default) or share; "
	  "solver: coin (default) or glpk; period: "
	  "YYYY-MM or year: YYYY (default the latest month with progress); quotas: [{region, land_mu, energy_tce}] by "
	  "province; priority_areas: SEI areas separated by ';' whose projects get the priority bonus",
	  "a job (202 {job}; GET /api/v1/jobs/{id}) whose result is {status, period, solver, objective_kind, objective, lp_bound, gap_pct, plan, lacking, binding}" },
	{ "GET", "/api/v1/public/scenarios", h_public_scenarios, R_PUBLIC, 0,
	  "the published list of application scenarios, anonymous and read-only: no budget, price, owner or applicant",
	  "batch:query:integer:optional:only this batch|status:query:string:optional:open, review, selected, completed, "
	  "closed or withdrawn|category:query:string:optional:an SEI code or its beginning|"
	  "region:query:string:optional:a GB/T 2260 code or its beginning|"
	  "format:query:string:optional:json (default); csv or xlsx (a download), html (a printable page)|"
	  "lang:query:string:optional:zh (default) or en: the language of a download or page|"
	  "raw:query:boolean:optional:1 or true: a download with the column keys and the figures as stored",
	  "{total, items: [{code, batch, title, kind, category, region, description, mode, deadline, contact, status}]}" },
	{ "GET", "/api/v1/scenarios", h_scenarios, R_ALL, 0,
	  "the scenarios the account may see: published ones and its own drafts (analysts all); budgets only for "
	  "owner, reviewers and analysts",
	  "batch:query:integer:optional:only this batch|status:query:string:optional:a status|"
	  "category:query:string:optional:an SEI code or its beginning|region:query:string:optional:a region code or its "
	  "beginning|" DOWNLOAD,
	  "{total, items: [{code, batch, title, kind, category, region, description, mode, deadline, contact, status, "
	  "budget, owner, criteria, selected, decided_by, decision, updated_at}]}" },
	{ "POST", "/api/v1/scenarios", h_scenario_create, EC_MAY_SCENARIO_ADD, 0, "add a draft scenario (owned by the account, or the owner an analyst names)",
	  "body:body:object:required:{code, title, kind, category, region, description?, budget?, mode?, deadline, "
	  "contact?, criteria?, owner?}",
	  "201 {scenario, applications, reviewers, sees_prices, moves}" },
	{ "GET", "/api/v1/scenarios/{code}", h_scenario, R_ALL, 0,
	  "a scenario with the applications the account may see, ranked (owner, reviewers, analysts: all; an "
	  "enterprise: its own)",
	  "code:path:string:required:the scenario's code",
	  "{scenario, applications, reviewers, sees_prices, moves: the statuses the machine allows next, selection aside}" },
	{ "PATCH", "/api/v1/scenarios/{code}", h_scenario_update, EC_MAY_SCENARIO_ADD, 0,
	  "change a draft or open scenario (its owner or an analyst)",
	  "code:path:string:required:the scenario's code|body:body:object:required:the fields to change",
	  "{scenario, applications, reviewers, sees_prices, moves}" },
	{ "POST", "/api/v1/scenarios/{code}/transition", h_scenario_transition, EC_MAY_SCENARIO_ADD, 0,
	  "move a scenario by its status machine (owner or analyst; opening is an analyst's)",
	  "code:path:string:required:the scenario's code|body:body:object:required:{status}: open, review, completed, "
	  "closed or withdrawn",
	  "{scenario, applications, reviewers, sees_prices, moves}" },
	{ "POST", "/api/v1/scenarios/{code}/applications", h_scenario_apply, EC_MAY_SCENARIO_APPLY, 0,
	  "apply to an open scenario, or change the application, until the deadline (an enterprise, for itself)",
	  "code:path:string:required:the scenario's code|body:body:object:required:{solution, price, months, uscc?}",
	  "{scenario, applications, reviewers, sees_prices, moves}" },
	{ "DELETE", "/api/v1/scenarios/{code}/applications/{uscc}", h_scenario_withdraw, EC_MAY_SCENARIO_APPLY, 0,
	  "withdraw the enterprise's application while the scenario is open",
	  "code:path:string:required:the scenario's code|uscc:path:string:required:the enterprise",
	  "{scenario, applications, reviewers, sees_prices, moves}" },
	{ "POST", "/api/v1/scenarios/{code}/applications/{uscc}/scores", h_scenario_score, EC_MAY_SCENARIO_REVIEW, 0,
	  "an assigned reviewer's scores of an application, every criterion 0 to 100 (a reviewer linked to the "
	  "applicant is refused)",
	  "code:path:string:required:the scenario's code|uscc:path:string:required:the applicant|"
	  "body:body:object:required:{scores: {criterion: score}}",
	  "{scenario, applications, reviewers, sees_prices, moves}" },
	{ "POST", "/api/v1/scenarios/{code}/reviewers", h_scenario_assign, EC_MAY_SCENARIO_ASSIGN, 0,
	  "assign a reviewer account (analyst, agency or enterprise)",
	  "code:path:string:required:the scenario's code|body:body:object:required:{reviewer}",
	  "{scenario, applications, reviewers, sees_prices, moves}" },
	{ "POST", "/api/v1/scenarios/{code}/selection", h_scenario_select, EC_MAY_SCENARIO_ADD, 0,
	  "select an application with the reason (owner or analyst); every applicant is notified",
	  "code:path:string:required:the scenario's code|body:body:object:required:{uscc, reason}",
	  "{scenario, applications, reviewers, sees_prices, moves}" },
	{ "POST", "/api/v1/scenarios/{code}/project", h_scenario_project, EC_MAY_SCENARIO_ADD, 0,
	  "make a selected (or completed) scenario a project in the project library (owner or analyst): its code, "
	  "title, category, region, budget as total investment, owner's enterprise or the selected supplier",
	  "code:path:string:required:the scenario's code",
	  "201 {scenario (naming its project), applications, reviewers, sees_prices, moves}" },
	{ "POST", "/api/v1/scenarios/{code}/attachments", h_scenario_attach, EC_MAY_SCENARIO_ADD, F_ATTACHMENT,
	  "attach a file to a draft, open or in-review scenario (owner or analyst): a PDF, an image (PNG, JPEG, GIF, "
	  "WebP) or an office file (docx, xlsx, pptx, doc, xls, ppt), told by its bytes, the name's extension agreeing; "
	  "at most 10 MiB (a larger Content-Length is refused before the body is read) and 20 files a scenario",
	  "code:path:string:required:the scenario's code|name:query:string:optional:the file name (else the form's)|"
	  "body:body:file:required:the file, raw or as the field file of multipart/form-data",
	  "201 {id, scenario, name, type, size, sha256, added_by, added_at}" },
	{ "GET", "/api/v1/scenarios/{code}/attachments", h_scenario_attachments, R_ALL, 0,
	  "the attachments of a scenario the account may see", "code:path:string:required:the scenario's code",
	  "[{id, scenario, name, type, size, sha256, added_by, added_at}]" },
	{ "GET", "/api/v1/scenarios/{code}/attachments/{id}", h_scenario_attachment, R_ALL, 0,
	  "an attachment's bytes, as a download with its checked type, for whoever may see the scenario",
	  "code:path:string:required:the scenario's code|id:path:integer:required:the attachment's number",
	  "the file (Content-Disposition: attachment)" },
	{ "GET", "/api/v1/scenarios/{code}/suppliers", h_scenario_suppliers, R_ADMIN | R_ANALYST | R_AGENCY | R_ENTERPRISE, 0,
	  "suggested suppliers of a scenario, with coded reasons (owner, reviewers, analysts)",
	  "code:path:string:required:the scenario's code", "[{scenario, uscc, points, reasons: [{code, params, message}]}]" },
	{ "GET", "/api/v1/scenario-batches", h_scenario_batches, R_ALL, 0, "the published batches", "",
	  "[{number, date, title, published_by, scenarios}]" },
	{ "POST", "/api/v1/scenario-batches", h_scenario_batch_create, EC_MAY_SCENARIO_PUBLISH, 0,
	  "publish batch N: its drafts (all, or those named) open",
	  "body:body:object:required:{number, date, title?, codes?}", "201 {number, date, title, published_by, scenarios}" },
	{ "GET", "/api/v1/scenario-applications", h_scenario_applications, R_ALL, 0,
	  "the applications the account may see (an enterprise its own; owners and reviewers their scenarios'; "
	  "analysts all)",
	  "scenario:query:string:optional:one scenario|uscc:query:string:optional:one enterprise",
	  "[{scenario, uscc, applicant, solution, price, months, state, updated_at}]" },
	{ "GET", "/api/v1/scenario-suggestions", h_scenario_suggestions, R_ADMIN | R_ANALYST | R_AGENCY | R_ENTERPRISE, 0,
	  "open scenarios that fit an enterprise, with coded reasons (an enterprise only for itself)",
	  "uscc:query:string:required:the enterprise", "[{scenario, uscc, points, reasons: [{code, params, message}]}]" },
	{ "GET", "/api/v1/notifications", h_notifications, R_ALL, 0, "the signed-in account's notifications, newest first",
	  "", "[{id, at, target, message (coded: code|name=value...), notice: {code, params, message}}]" },
	{ "GET", "/api/v1/jobs", h_jobs, R_ALL, 0, "the account's jobs, newest first (at most 50)", "",
	  "{jobs: [{id, kind, label, state, created_at, started_at, finished_at, expires_at, http_status, step?, fraction?, eta_s?, position?}]}" },
	{ "GET", "/api/v1/jobs/{id}", h_job, R_ALL, 0,
	  "a job: its state (queued, running, done, failed, cancelled), progress, and its answer once finished",
	  "id:path:string:required:the job's id|" DOWNLOAD,
	  "{id, kind, label, state, step, fraction, eta_s, position, ..., result (done) or error (failed, cancelled)}" },
	{ "DELETE", "/api/v1/jobs/{id}", h_job_cancel, R_ALL, 0,
	  "cancel a job: a queued one at once, a running one at its next step (nothing it changed is kept)",
	  "id:path:string:required:the job's id", "202 {job}" },
	{ "GET", "/api/v1/digital/questionnaire", h_digital_questionnaire, R_ALL, F_KEEP,
	  "the SME digital-level questionnaire of an edition: sector tables, levels, dimensions, items and options",
	  "edition:query:string:optional:2022 or 2024 (default)|sector:query:string:optional:only the items of a sector table: M, S or O",
	  "{edition, title_zh, title_en, scoring, placeholders, sectors, levels, dimensions: [{code, weight, name_zh, name_en, items: [{code, sectors, max, select, name_zh, name_en, options: [{code, score, name_zh, name_en}]}]}]}" },
	{ "GET", "/api/v1/digital/benchmark", h_digital_benchmark, EC_MAY_DIGITAL_BENCH, 0,
	  "digital-level benchmarks: levels and scores of the submitted questionnaires by group, under the disclosure control (a hidden group is blanked for accounts that may not see single enterprises)",
	  "year:query:integer:optional:the year assessed (default: the newest with submissions, of the edition when one is given)|"
	  "edition:query:string:optional:2022 or 2024 (default: the newest year's edition, else 2024)|"
	  "by:query:string:optional:province (default), prefecture, area, size or cluster|"
	  "region:query:string:optional:only enterprises in the region: a GB/T 2260 code or its beginning|"
	  "sector:query:string:optional:only a sector table: M, S or O|" DOWNLOAD,
	  "{year, edition, by, sees_microdata, years: [{year, edition, enterprises}] (every year and edition with submissions, newest first), rows: [{code, name, enterprises, mean_score, median_score, level0..level4, level2_pct, level3_pct, suppressed, suppression}]}; the first row is all" },
	{ "POST", "/api/v1/digital/import", h_digital_import, EC_MAY_DIGITAL_IMPORT, F_UPLOAD,
	  "import digital-level answers (uscc,year,edition,sector,item,answer; CSV or .xlsx), all or nothing, as submitted",
	  "revise:query:boolean:optional:1 or true: replace questionnaires already submitted (a revision each)|"
	  "body:body:file:required:the CSV or .xlsx workbook, raw or as the field file of multipart/form-data",
	  "{file, rows}; or 422 with error.problems, each with line, column and a workbook's cell" },
	{ "GET", "/api/v1/digital/{uscc}", h_digital_history, EC_MAY_DIGITAL, 0,
	  "an enterprise's digital-level questionnaires over the years (an enterprise account only its own)",
	  "uscc:path:string:required:the enterprise's USCC",
	  "{uscc, items: [{uscc, year, edition, sector, state, revision, score, level, submitted_by, submitted_at}]}" },
	{ "GET", "/api/v1/digital/{uscc}/{year}", h_digital_show, EC_MAY_DIGITAL, 0,
	  "an enterprise's questionnaire of a year: answers, score by item and dimension, total and level",
	  "uscc:path:string:required:the enterprise's USCC|year:path:integer:required:the year assessed|"
	  "edition:query:string:optional:2022 or 2024 (default)",
	  "{assessment, answers: {item: options}, result: {total, level, answered, expected, dimensions, items}}" },
	{ "POST", "/api/v1/digital/{uscc}/{year}/answers", h_digital_answer, EC_MAY_DIGITAL, 0,
	  "save answers into the draft (made when there is none); a submitted questionnaire only with revise, a revision counted and audited",
	  "uscc:path:string:required:the enterprise's USCC|year:path:integer:required:the year assessed|"
	  "body:body:object:required:{edition?, sector?, answers: {item: 'A' or 'A;B'}, revise?}",
	  "the questionnaire, as GET" },
	{ "POST", "/api/v1/digital/{uscc}/{year}/submit", h_digital_submit, EC_MAY_DIGITAL, 0,
	  "submit the draft, every item answered, with the pledge that the answers are true: score and level kept",
	  "uscc:path:string:required:the enterprise's USCC|year:path:integer:required:the year assessed|"
	  "body:body:object:required:{edition?, pledge: true}",
	  "the questionnaire, as GET" },
	{ "GET", "/api/v1/digital/{uscc}/{year}/next", h_digital_next, EC_MAY_DIGITAL, 0,
	  "what next: the percentile among peers (under the disclosure control), the weakest dimensions with recommended actions, the funds that fit (their minimum digital level met), the open application scenarios that fit",
	  "uscc:path:string:required:the enterprise's USCC|year:path:integer:required:the year assessed|"
	  "edition:query:string:optional:2022 or 2024 (default)",
	  "the questionnaire as GET, with position {category, region, peer_area, peers, percentile, suppression}, weakest [{code, name_zh, name_en, share_pct, actions}], funds [{code, name, type, fit, reasons}]" },
	{ "GET", "/api/v1/users", h_users, R_ADMIN, 0, "accounts", "", "[{name, role, scope, disabled, created_at}]" },
	{ "POST", "/api/v1/users", h_user_create, EC_MAY_USERS, 0, "create an account",
	  "body:body:object:required:{name, password, role, scope}", "the account" },
	{ "PATCH", "/api/v1/users/{name}", h_user_update, EC_MAY_USERS, 0, "change an account",
	  "name:path:string:required:the account|body:body:object:required:{password?, role?, scope?, disabled?}",
	  "the account" },
	{ "GET", "/api/v1/audit", h_audit, R_ADMIN, 0, "the audit log, newest first",
	  "limit:query:integer:optional:default 200|" DOWNLOAD, "[{id, at, user, action, target, summary}]" },
};

const size_t ec_nroutes = sizeof ec_routes / sizeof ec_routes[0];

static void roles_text(unsigned roles, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	if (roles == R_PUBLIC) {
		snprintf(out, size, "public");
		return;
	}
	for (int i = 0; i < EC_NROLES; i++)
		if (roles & (1u << i))
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", ec_role_name((enum ec_role)i));
}

void ec_server_routes(FILE *out, int json)
{
	char roles[96];

	if (json)
		fputc('[', out);
	for (size_t i = 0; i < ec_nroutes; i++) {
		roles_text(ec_routes[i].roles, roles, sizeof roles);
		if (json)
			fprintf(out, "%s\n {\"method\":\"%s\",\"path\":\"%s\",\"roles\":\"%s\",\"csrf\":%s}", i ? "," : "",
				ec_routes[i].method, ec_routes[i].path, roles,
				strcmp(ec_routes[i].method, "GET") && !(ec_routes[i].flags & F_NO_CSRF) ? "true" : "false");
		else
			fprintf(out, "%-7s %-32s %s\n", ec_routes[i].method, ec_routes[i].path, roles);
	}
	if (json)
		fputs("\n]\n", out);
}

/* Writes s as a YAML double-quoted scalar. */
static void yq(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n && s[i]; i++) {
		if (s[i] == '"' || s[i] == '\\')
			fputc('\\', out);
		fputc(s[i], out);
	}
	fputc('"', out);
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

void ec_server_openapi(FILE *out)
{
	fprintf(out, "# generated by `echelon serve --openapi` from src/server/routes.c — do not edit\n"
		     "openapi: 3.0.3\n"
		     "info:\n"
		     "  title: echelon API\n"
		     "  version: \"%s\"\n"
		     "  description: \"SEI monitoring, catalogues, enterprises and data intake. Conventions in docs/api/README.md.\"\n"
		     "components:\n"
		     "  securitySchemes:\n"
		     "    session:\n"
		     "      type: apiKey\n"
		     "      in: cookie\n"
		     "      name: echelon_session\n"
		     "paths:\n", EC_VERSION_STRING);
	for (size_t i = 0; i < ec_nroutes; i++) {
		const struct route *rt = &ec_routes[i];
		char method[8], roles[96];
		const char *p;
		int body = 0;

		if (i == 0 || strcmp(ec_routes[i - 1].path, rt->path) != 0) {
			/* Routes of one path are next to each other in the table. */
			int seen = 0;
			for (size_t k = 0; k < i; k++)
				seen |= strcmp(ec_routes[k].path, rt->path) == 0;
			if (!seen)
				fprintf(out, "  %s:\n", rt->path);
		}
		snprintf(method, sizeof method, "%s", rt->method);
		lower(method);
		roles_text(rt->roles, roles, sizeof roles);
		fprintf(out, "    %s:\n      summary: ", method);
		yq(out, rt->summary, strlen(rt->summary));
		fprintf(out, "\n      x-roles: \"%s\"\n", roles);
		if (rt->roles != R_PUBLIC)
			fprintf(out, "      security:\n        - session: []\n");
		if (rt->params[0]) {
			int any = 0;
			for (p = rt->params; *p;) {
				const char *end = strchr(p, '|'), *f[5];
				size_t len = end ? (size_t)(end - p) : strlen(p), flen[5];
				const char *q = p;
				for (int k = 0; k < 5; k++) {
					const char *c = k < 4 ? memchr(q, ':', len - (size_t)(q - p)) : NULL;
					f[k] = q;
					flen[k] = c ? (size_t)(c - q) : len - (size_t)(q - p);
					q = c ? c + 1 : p + len;
				}
				if (flen[1] == 4 && !strncmp(f[1], "body", 4)) {
					body = 1;
					fprintf(out, "      requestBody:\n        required: true\n        description: ");
					yq(out, f[4], flen[4]);
					fprintf(out, "\n        content:\n");
					if (flen[2] == 4 && !strncmp(f[2], "file", 4))
						fprintf(out, "          text/csv:\n            schema: {type: string}\n"
							     "          multipart/form-data:\n            schema:\n"
							     "              type: object\n              properties:\n"
							     "                file: {type: string, format: binary}\n");
					else
						fprintf(out, "          application/json:\n            schema: {type: object}\n");
				} else {
					if (!any++)
						fprintf(out, "      parameters:\n");
					fprintf(out, "        - name: %.*s\n          in: %.*s\n          required: %s\n"
						     "          schema: {type: %.*s}\n          description: ",
						(int)flen[0], f[0], (int)flen[1], f[1],
						flen[3] == 8 && !strncmp(f[3], "required", 8) ? "true" : "false",
						(int)flen[2], f[2]);
					yq(out, f[4], flen[4]);
					fputc('\n', out);
				}
				p += len + (end ? 1 : 0);
			}
		}
		(void)body;
		fprintf(out, "      responses:\n        \"%s\":\n          description: ",
			strcmp(rt->method, "DELETE") == 0 ? "204" : "200");
		yq(out, rt->responds, strlen(rt->responds));
		fprintf(out, "\n        default:\n          description: \"{error: {code, message, field?, line?}}\"\n");
	}
}
