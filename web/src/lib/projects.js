// The project library, the funds and the allocation: the logic that the
// pages share and the tests check — the colours of stages, sources and fund
// types, the stages a project may move to, alerts, the funding plan by
// source, who may change what, filters, the chart of a project's progress
// against its plan (the server's series, mapped), and the Sankey of an
// allocation (fund types → SEI areas → clusters).
//
// The codes of stages, kinds, sources, fund types, co-investment rules and
// alert kinds, their order and the allowed stage changes are the library's:
// the functions that need them take `enums`, the answer of GET /enums
// (loadEnums in enums.js). Colours and labels are keyed by those codes.
import { formatMoney, formatPct, formatPeriod, missing, parsePeriod } from './format.js';
import { C } from './colors.js';
import { splitList } from './clusters.js';
import { t } from './i18n.js';

// Dark enough for 3:1 against the light map and white.
export const STAGE_COLORS = {
  reserve: '#6b7280', preparation: '#b45309', under_construction: '#0b5cad', completed: '#0b7a3e', cancelled: '#9d174d',
};
export const SOURCE_COLORS = {
  government_budget: '#b42318', guidance_fund: '#b45309', bank_loans: '#0b5cad', bonds: '#6d28d9', social_capital: '#0e7490', own_funds: '#0b7a3e',
};
export const GAP_COLOR = '#d1d5db';
export const FUND_TYPE_COLORS = {
  government_guidance_fund: '#b42318', bank: '#0b5cad', insurance: '#6d28d9', vc_pe: '#0e7490', industrial_capital: '#b45309',
};
/** A colour for a code that has none of its own (a code the library added later). */
export const OTHER_COLOR = '#4b5563';
export const NO_CLUSTER = '';

const ROLES_PROJECT_ADD = ['admin', 'analyst', 'enterprise'];
const ROLES_ALL = ['admin', 'analyst'];

/** May this user submit a project (an enterprise only as its own owner)? */
/** A fund's minimum SME digital level in words: 0 none, n "level n or above". */
export function digitalLevelText(n) {
  return n ? t('funds.digitalLevel', { n }) : t('funds.digitalNone');
}

export function mayAddProject(user) {
  return !!user && ROLES_PROJECT_ADD.includes(user.role);
}
/** May this user change the project (an enterprise only its own: owner = its USCC)? */
export function mayEditProject(user, project) {
  if (!user || !project) return false;
  if (ROLES_ALL.includes(user.role)) return true;
  return user.role === 'enterprise' && !!user.scope && splitList(user.scope).includes(project.owner);
}
/** May this user change the fund (a fund user only the codes of its scope)? */
export function mayEditFund(user, code) {
  if (!user) return false;
  if (ROLES_ALL.includes(user.role)) return true;
  return user.role === 'fund' && splitList(user.scope).includes(code);
}
export function mayAddFund(user) {
  return !!user && ROLES_ALL.includes(user.role);
}
export function mayAllocate(user) {
  return !!user && ROLES_ALL.includes(user.role);
}

/**
 * The stages a project at `stage` may be given, in the library's order: its
 * own and those enums.stage_changes allows from it (a change that
 * needs_project is offered: the server checks the project's figures); every
 * stage for a new project (no stage yet).
 */
export function allowedStages(stage, enums) {
  const all = enums?.stages || [];
  if (!stage) return all;
  const to = new Set((enums?.stage_changes || []).filter((c) => c.from === stage).map((c) => c.to));
  return all.filter((s) => s === stage || to.has(s));
}

/** True when no change is allowed from the stage (completed, cancelled): the project is closed. */
export function stageClosed(stage, enums) {
  return !!stage && (enums?.stages || []).includes(stage) && !(enums?.stage_changes || []).some((c) => c.from === stage);
}

/** The SEI area of a category code: "4.1.2" -> "4". */
export function areaOf(category) {
  const s = String(category ?? '').trim();
  return s ? s.split('.')[0] : '';
}

const num = (v) => (missing(v) ? 0 : Number(v));

/** The funding plan by source (enums.funding_sources), its total and its gap against the total investment (never negative). */
export function fundingPlan(project, enums) {
  const f = project?.funding || {};
  const parts = (enums?.funding_sources || []).map((s) => ({ source: s, amount: num(f[s]) }));
  const planned = parts.reduce((a, p) => a + p.amount, 0);
  const gap = Math.max(0, num(project?.total_investment) - planned);
  return { parts, planned, gap };
}

/**
 * The lines of a project's progress chart, mapped from what the server
 * computed: `plan_series` of the project in GET /projects/{code} (and in the
 * answers to a change), [{period, planned_pct, cumulative, completion_pct,
 * total}] from ec_project_progress_series — the declared plan or the
 * straight line, completion against the total in force each month, the very
 * figures planned_pct and completion_pct of ec_project_progress. No rule is
 * computed here. The completion line stops at lastReported (the last month
 * with reported progress, if given): after it there is nothing reported yet,
 * not a standstill. Returns {periods, planned, completion, cumulative, total}
 * (arrays of the same length; empty when the series is missing or null).
 */
export function progressLines(planSeries, lastReported = null) {
  const rows = Array.isArray(planSeries) ? planSeries : [];
  const shown = (r) => !lastReported || r.period <= lastReported;
  return {
    periods: rows.map((r) => r.period),
    planned: rows.map((r) => r.planned_pct),
    completion: rows.map((r) => (shown(r) ? r.completion_pct : null)),
    cumulative: rows.map((r) => (shown(r) ? r.cumulative : null)),
    total: rows.map((r) => r.total),
  };
}

/**
 * The ECharts option of a project's progress chart (ProjectPage): the
 * completion and the planned share in percent, month by month, the data
 * exactly the lines of progressLines. t is the translator, L the locale.
 */
export function progressChartOption(lines, { t, L }) {
  const pct = (v) => formatPct(v, L);
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: C.text } },
    tooltip: {
      trigger: 'axis',
      formatter: (ps) => {
        const i = ps[0].dataIndex;
        const amounts = lines.cumulative[i] === null ? ''
          : `<br>${t('project.progressTip', { cumulative: formatMoney(lines.cumulative[i], L), total: formatMoney(lines.total[i], L) })}`;
        return `${formatPeriod(lines.periods[i], L)}<br>${ps.map((x) => `${x.marker}${x.seriesName}: ${pct(x.value)}`).join('<br>')}${amounts}`;
      },
    },
    xAxis: { type: 'category', data: lines.periods, axisLabel: { color: C.muted } },
    yAxis: { type: 'value', min: 0, name: t('unit.pct'), nameTextStyle: { color: C.muted, align: 'left' }, axisLabel: { color: C.muted }, splitLine: { lineStyle: { color: C.grid } } },
    series: [
      { type: 'line', name: t('projects.completion'), color: C.sei, symbolSize: 4, areaStyle: { opacity: 0.12 }, data: lines.completion },
      { type: 'line', name: t('projects.planned'), color: C.muted, symbol: 'none', lineStyle: { type: 'dashed' }, data: lines.planned },
    ],
  };
}

/** Projects filtered by stage, cluster ('' = no cluster), alert kind ('any', 'none' or a kind) and text. */
export function filterProjects(rows, { stage = 'all', cluster = 'all', alert = 'all', q = '' } = {}) {
  const needle = String(q || '').trim().toLowerCase();
  return (rows || []).filter((p) => {
    if (stage !== 'all' && p.stage !== stage) return false;
    if (cluster !== 'all' && (p.cluster || NO_CLUSTER) !== cluster) return false;
    const alerts = p.alerts || [];
    if (alert === 'any' && !alerts.length) return false;
    if (alert === 'none' && alerts.length) return false;
    if (!['all', 'any', 'none'].includes(alert) && !alerts.includes(alert)) return false;
    if (needle && ![p.code, p.name, p.owner, p.category, p.cluster, p.region].some((s) => String(s || '').toLowerCase().includes(needle))) return false;
    return true;
  });
}

/** Counts of projects by alert kind (enums.alert_kinds), and how many have any. */
export function alertCounts(rows, enums) {
  const n = { any: 0, ...Object.fromEntries((enums?.alert_kinds || []).map((k) => [k, 0])) };
  for (const p of rows || []) {
    const a = p.alerts || [];
    if (a.length) n.any++;
    for (const k of a) if (k in n) n[k]++;
  }
  return n;
}

/** Counts and total investment of projects by stage (enums.stages). */
export function stageTotals(rows, enums) {
  const out = Object.fromEntries((enums?.stages || []).map((s) => [s, { count: 0, investment: 0 }]));
  for (const p of rows || []) {
    if (!out[p.stage]) continue;
    out[p.stage].count++;
    out[p.stage].investment += num(p.total_investment);
  }
  return out;
}

/**
 * The Sankey of an allocation plan: fund types → SEI areas (the first part
 * of each project's category) → clusters (or no cluster). plan: [{fund_type,
 * project, amount}]; projects: Map or object of code → {category, cluster}.
 * Amounts of the same pair add up; rows with no amount, or whose project is
 * unknown, are left out (unknown ones are counted in `unknown`). Node ids
 * are prefixed by level ("type:", "area:", "cluster:") so that a code can
 * never meet itself at another level. With maxClusters, only the clusters
 * receiving the most keep their own node; the rest (but "no cluster") join
 * one node with the key OTHER_CLUSTERS. Returns {nodes: [{id, level, key}],
 * links: [{source, target, value}], total, unknown}.
 */
export const OTHER_CLUSTERS = '*';
export function sankeyLinks(plan, projects, { maxClusters = Infinity } = {}) {
  const get = (code) => (projects instanceof Map ? projects.get(code) : projects?.[code]);
  const links = new Map();
  const nodes = new Map();
  let total = 0;
  let unknown = 0;
  const node = (level, key) => {
    const id = `${level}:${key}`;
    if (!nodes.has(id)) nodes.set(id, { id, level, key });
    return id;
  };
  const add = (a, b, v) => {
    const k = `${a}\u0000${b}`;
    links.set(k, (links.get(k) || 0) + v);
  };
  const byCluster = new Map();
  for (const r of plan || []) {
    const p = num(r.amount) > 0 ? get(r.project) : null;
    if (p?.cluster) byCluster.set(p.cluster, (byCluster.get(p.cluster) || 0) + num(r.amount));
  }
  const kept = new Set([...byCluster.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, maxClusters).map(([k]) => k));
  for (const r of plan || []) {
    const v = num(r.amount);
    if (!(v > 0)) continue;
    const p = get(r.project);
    if (!p) { unknown++; continue; }
    const type = node('type', r.fund_type || 'unknown');
    const area = node('area', areaOf(p.category) || '?');
    const cluster = node('cluster', !p.cluster ? NO_CLUSTER : kept.has(p.cluster) ? p.cluster : OTHER_CLUSTERS);
    add(type, area, v);
    add(area, cluster, v);
    total += v;
  }
  const order = { type: 0, area: 1, cluster: 2 };
  return {
    nodes: [...nodes.values()].sort((a, b) => order[a.level] - order[b.level] || (a.key === OTHER_CLUSTERS) - (b.key === OTHER_CLUSTERS)
      || a.key.localeCompare(b.key, 'en', { numeric: true })),
    links: [...links.entries()].map(([k, value]) => {
      const [source, target] = k.split('\u0000');
      return { source, target, value: Math.round(value * 1000) / 1000 };
    }),
    total: Math.round(total * 1000) / 1000,
    unknown,
  };
}

/** Totals of an allocation plan by fund type and by project. */
export function planTotals(plan) {
  const byType = {};
  const byProject = {};
  let total = 0;
  for (const r of plan || []) {
    const v = num(r.amount);
    byType[r.fund_type] = (byType[r.fund_type] || 0) + v;
    byProject[r.project] = (byProject[r.project] || 0) + v;
    total += v;
  }
  return { byType, byProject, total, projects: Object.keys(byProject).length };
}

/**
 * A project form's values as the API's body: numbers as numbers, the
 * funding plan nested, empty optional fields left out. Returns {body,
 * problems: [{field, key}]} where key names the rule broken (checked
 * before sending; the server checks again).
 */
export function projectBody(form, enums) {
  const sources = enums?.funding_sources || [];
  const problems = [];
  const body = {};
  for (const k of ['code', 'name', 'owner', 'category', 'region', 'kind', 'start', 'end', 'stage']) {
    const v = String(form[k] ?? '').trim();
    if (v) body[k] = v;
    else if (k !== 'code' || form.isNew) problems.push({ field: k, key: 'required' });
  }
  body.cluster = String(form.cluster ?? '').trim();
  for (const k of ['total_investment', 'land_mu', 'energy_tce']) {
    const v = form[k];
    if (missing(v)) { if (k === 'total_investment') problems.push({ field: k, key: 'required' }); continue; }
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || (k === 'total_investment' && n <= 0)) problems.push({ field: k, key: 'positive' });
    body[k] = n;
  }
  body.funding = {};
  for (const s of sources) {
    const n = missing(form[s]) ? 0 : Number(form[s]);
    if (!Number.isFinite(n) || n < 0) problems.push({ field: s, key: 'positive' });
    body.funding[s] = n;
  }
  if (body.start && body.end && (!parsePeriod(body.start) || !parsePeriod(body.end))) problems.push({ field: 'start', key: 'period' });
  else if (body.start && body.end && body.start > body.end) problems.push({ field: 'end', key: 'order' });
  const planned = sources.reduce((a, s) => a + (body.funding[s] || 0), 0);
  if (body.total_investment > 0 && planned > body.total_investment + 1e-9) problems.push({ field: 'funding', key: 'overTotal' });
  if (!form.isNew) delete body.code;
  return { body, problems };
}

/**
 * A project's values as a flat form (funding sources at the top level). A
 * new project starts as the library's does (ec_project_init): the first
 * kind and the first stage.
 */
export function projectForm(p, enums) {
  const f = p?.funding || {};
  return {
    code: p?.code ?? '', name: p?.name ?? '', owner: p?.owner ?? '', category: p?.category ?? '', cluster: p?.cluster ?? '',
    region: p?.region ?? '', kind: p?.kind ?? enums?.project_kinds?.[0] ?? '', total_investment: p?.total_investment ?? null,
    start: p?.start ?? '', end: p?.end ?? '', stage: p?.stage ?? enums?.stages?.[0] ?? '',
    ...Object.fromEntries((enums?.funding_sources || []).map((s) => [s, f[s] ?? 0])),
    land_mu: p?.land_mu ?? 0, energy_tce: p?.energy_tce ?? 0,
    isNew: !p,
  };
}

/** A fund form as the API's body; lists stay `;`-separated text. */
export function fundBody(form, isNew = false) {
  const problems = [];
  const body = {};
  for (const k of ['code', 'name', 'type']) {
    const v = String(form[k] ?? '').trim();
    if (v) body[k] = v;
    else if (k !== 'code' || isNew) problems.push({ field: k, key: 'required' });
  }
  for (const k of ['categories', 'regions', 'stages']) body[k] = splitList(form[k]).join(';');
  for (const k of ['capital', 'min_ticket', 'max_ticket', 'max_share']) {
    const n = Number(form[k]);
    if (missing(form[k]) || !Number.isFinite(n) || n <= 0) { problems.push({ field: k, key: 'positive' }); continue; }
    body[k] = n;
  }
  if (body.min_ticket > 0 && body.max_ticket > 0 && body.min_ticket > body.max_ticket) problems.push({ field: 'max_ticket', key: 'order' });
  if (body.max_share > 1) problems.push({ field: 'max_share', key: 'share' });
  body.coinvest = form.coinvest || 'none';
  body.min_digital_level = Number(form.min_digital_level) || 0;
  if (!isNew) delete body.code;
  return { body, problems };
}

/**
 * The body of POST /allocation from the allocation form: the time limit only
 * for the MIP, the objective when not the default, the month ("2021-06") when
 * one is chosen, the priority areas joined with ';' in code order, and the
 * quotas whose province is chosen (a blank amount: no quota of that kind).
 */
export function allocationBody(form) {
  const body = { lp: !!form.lp };
  if (!form.lp) body.time_limit_s = Number(form.time_limit_s) || 10;
  if (form.objective && form.objective !== 'amount') body.objective = form.objective;
  if (form.period) body.period = form.period;
  const areas = [...(form.areas || [])].sort((a, b) => Number(a) - Number(b));
  if (areas.length) body.priority_areas = areas.join(';');
  // a blank amount is no quota of that kind (null), not a quota of 0
  const amount = (v) => (v === '' || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v));
  const quotas = (form.quotas || []).filter((q) => q.region)
    .map((q) => ({ region: q.region, land_mu: amount(q.land_mu), energy_tce: amount(q.energy_tce) }));
  if (quotas.length) body.quotas = quotas;
  return body;
}
