import { describe, expect, it } from 'vitest';
import E from './fixtures/enums.json';
import {
  allocationBody,
  alertCounts, allowedStages, areaOf, filterProjects, fundBody, fundingPlan, mayAddFund, mayAddProject, mayAllocate,
  mayEditFund, mayEditProject, planTotals, progressChartOption, progressLines, projectBody, projectForm, sankeyLinks, stageClosed, stageTotals,
} from '../src/lib/projects.js';
import SERIES from './fixtures/plan_series.json';

// E is the answer of GET /api/v1/enums (the library's enumerations), as the server gives it.

const P = (over = {}) => ({
  code: 'P1', name: 'Wind blades', owner: '91110000000000001X', category: '6.2.1', cluster: 'C01', region: '110108', kind: 'industrial',
  total_investment: 1200, start: '2023-01', end: '2023-12', stage: 'under_construction',
  funding: { government_budget: 100, guidance_fund: 200, bank_loans: 300, bonds: 0, social_capital: 100, own_funds: 300 },
  land_mu: 10, energy_tce: 50, alerts: [], ...over,
});

describe('roles', () => {
  const ent = { role: 'enterprise', scope: '91110000000000001X' };
  it('lets admin and analyst change anything, an enterprise only its own projects', () => {
    expect(mayEditProject({ role: 'admin' }, P())).toBe(true);
    expect(mayEditProject({ role: 'analyst' }, P())).toBe(true);
    expect(mayEditProject(ent, P())).toBe(true);
    expect(mayEditProject(ent, P({ owner: '91110000000000002X' }))).toBe(false);
    expect(mayEditProject({ role: 'enterprise', scope: '' }, P())).toBe(false);
    expect(mayEditProject({ role: 'fund', scope: 'F1' }, P())).toBe(false);
    expect(mayEditProject(null, P())).toBe(false);
    expect(mayAddProject(ent)).toBe(true);
    expect(mayAddProject({ role: 'agency' })).toBe(false);
  });
  it('lets a fund user change only the funds of its scope; only admin and analyst add funds and allocate', () => {
    expect(mayEditFund({ role: 'fund', scope: 'F1;F2' }, 'F2')).toBe(true);
    expect(mayEditFund({ role: 'fund', scope: 'F1;F2' }, 'F3')).toBe(false);
    expect(mayEditFund({ role: 'analyst' }, 'F3')).toBe(true);
    expect(mayEditFund({ role: 'enterprise', scope: 'F3' }, 'F3')).toBe(false);
    expect(mayAddFund({ role: 'fund', scope: 'F1' })).toBe(false);
    expect(mayAllocate({ role: 'admin' })).toBe(true);
    expect(mayAllocate({ role: 'fund' })).toBe(false);
    expect(mayAllocate(null)).toBe(false);
  });
  it('never offers a way back from completed or cancelled', () => {
    expect(allowedStages('completed', E)).toEqual(['completed']);
    expect(allowedStages('cancelled', E)).toEqual(['cancelled']);
    expect(allowedStages('preparation', E)).toContain('reserve');
  });
  it('offers the stage changes the library allows, in its order, and every stage to a new project', () => {
    expect(allowedStages('reserve', E)).toEqual(['reserve', 'preparation', 'cancelled']);
    expect(allowedStages('preparation', E)).toEqual(['reserve', 'preparation', 'under_construction', 'cancelled']);
    expect(allowedStages('under_construction', E)).toEqual(['under_construction', 'completed', 'cancelled']);
    expect(allowedStages(undefined, E)).toEqual(E.stages);
    expect(allowedStages('reserve', null)).toEqual([]);
    expect(stageClosed('completed', E)).toBe(true);
    expect(stageClosed('cancelled', E)).toBe(true);
    expect(stageClosed('under_construction', E)).toBe(false);
    expect(stageClosed('reserve', null)).toBe(false);
  });
});

describe('funding and plan', () => {
  it('adds the funding plan and finds its gap', () => {
    expect(fundingPlan(P(), E).planned).toBe(1000);
    expect(fundingPlan(P(), E).gap).toBe(200);
    expect(fundingPlan(P(), E).parts.map((x) => x.source)).toEqual(E.funding_sources);
    expect(fundingPlan(P({ total_investment: 900 }), E).gap).toBe(0);
    expect(fundingPlan(P({ funding: null }), E).gap).toBe(1200);
  });
});

// SERIES is the plan_series of a project as the server serves it
// (ec_project_progress_series): 2024-01..2024-03, total 1 200 raised to
// 1 500 from 2024-03, 60 completed in 2023-12, 300 in 2024-02, 240 in
// 2024-05. The thirds are C's (1/3)·100 = 33.33333333333333, not
// JavaScript's 100/3 = 33.333333333333336: the page must draw what it is
// given.
describe('the progress chart draws the served series', () => {
  const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  it('maps the plan and completion lines without changing a number', () => {
    const l = progressLines(SERIES);
    expect(l.periods).toEqual(['2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(same(l.planned, SERIES.map((r) => r.planned_pct))).toBe(true);
    expect(same(l.completion, SERIES.map((r) => r.completion_pct))).toBe(true);
    expect(same(l.cumulative, SERIES.map((r) => r.cumulative))).toBe(true);
    expect(same(l.total, SERIES.map((r) => r.total))).toBe(true);
    expect(l.planned[1]).toBe(33.33333333333333);
    expect(l.planned[1]).not.toBe(100 / 3);
  });
  it('puts those lines in the chart as they are', () => {
    const o = progressChartOption(progressLines(SERIES, '2024-05'), { t: (k) => k, L: 'en' });
    expect(o.xAxis.data).toEqual(SERIES.map((r) => r.period));
    expect(o.series.map((x) => x.name)).toEqual(['projects.completion', 'projects.planned']);
    expect(same(o.series[0].data, SERIES.map((r) => r.completion_pct))).toBe(true);
    expect(same(o.series[1].data, SERIES.map((r) => r.planned_pct))).toBe(true);
  });
  it('stops the completion line at the last month reported, not the plan', () => {
    const l = progressLines(SERIES, '2024-02');
    expect(l.completion).toEqual([5, 5, 30, null, null, null]);
    expect(l.cumulative).toEqual([60, 60, 360, null, null, null]);
    expect(same(l.planned, SERIES.map((r) => r.planned_pct))).toBe(true);
  });
  it('is empty without a series (none served, or null: refused by the library)', () => {
    for (const s of [undefined, null, []]) expect(progressLines(s)).toEqual({ periods: [], planned: [], completion: [], cumulative: [], total: [] });
  });
});

describe('filters and counts', () => {
  const rows = [
    P({ code: 'A', stage: 'reserve', cluster: '', alerts: ['funding_gap'] }),
    P({ code: 'B', stage: 'under_construction', alerts: ['lagging', 'stalled'] }),
    P({ code: 'C', stage: 'under_construction', cluster: 'C02', name: 'Battery plant' }),
  ];
  it('filters by stage, cluster, alert and text', () => {
    const codes = (f) => filterProjects(rows, f).map((p) => p.code);
    expect(codes({})).toEqual(['A', 'B', 'C']);
    expect(codes({ stage: 'under_construction' })).toEqual(['B', 'C']);
    expect(codes({ cluster: '' })).toEqual(['A']);
    expect(codes({ cluster: 'C01' })).toEqual(['B']);
    expect(codes({ alert: 'any' })).toEqual(['A', 'B']);
    expect(codes({ alert: 'none' })).toEqual(['C']);
    expect(codes({ alert: 'stalled' })).toEqual(['B']);
    expect(codes({ q: 'battery' })).toEqual(['C']);
  });
  it('counts alerts and stages', () => {
    expect(alertCounts(rows, E)).toEqual({ any: 2, lagging: 1, funding_gap: 1, stalled: 1 });
    const s = stageTotals(rows, E);
    expect(Object.keys(s)).toEqual(E.stages);
    expect(s.under_construction).toEqual({ count: 2, investment: 2400 });
    expect(s.completed.count).toBe(0);
  });
});

describe('sankeyLinks', () => {
  const projects = new Map([
    ['A', { category: '1.2.3', cluster: 'C1' }],
    ['B', { category: '1.4', cluster: '' }],
    ['C', { category: '4.1.1', cluster: 'C1' }],
  ]);
  it('adds flows from fund types to areas and from areas to clusters', () => {
    const s = sankeyLinks([
      { fund: 'F1', fund_type: 'bank', project: 'A', amount: 100 },
      { fund: 'F2', fund_type: 'bank', project: 'B', amount: 50 },
      { fund: 'F3', fund_type: 'vc_pe', project: 'A', amount: 30 },
      { fund: 'F3', fund_type: 'vc_pe', project: 'C', amount: 20 },
      { fund: 'F4', fund_type: 'bank', project: 'C', amount: 0 },
      { fund: 'F5', fund_type: 'bank', project: 'Z', amount: 10 },
    ], projects);
    expect(s.total).toBe(200);
    expect(s.unknown).toBe(1);
    expect(s.nodes.map((n) => n.id)).toEqual(['type:bank', 'type:vc_pe', 'area:1', 'area:4', 'cluster:', 'cluster:C1']);
    const link = (a, b) => s.links.find((l) => l.source === a && l.target === b)?.value;
    expect(link('type:bank', 'area:1')).toBe(150);
    expect(link('type:vc_pe', 'area:1')).toBe(30);
    expect(link('type:vc_pe', 'area:4')).toBe(20);
    expect(link('area:1', 'cluster:C1')).toBe(130);
    expect(link('area:1', 'cluster:')).toBe(50);
    expect(link('area:4', 'cluster:C1')).toBe(20);
    expect(s.links).toHaveLength(6);
    // What flows into each middle node flows out of it.
    for (const n of s.nodes.filter((x) => x.level === 'area')) {
      const into = s.links.filter((l) => l.target === n.id).reduce((a, l) => a + l.value, 0);
      const out = s.links.filter((l) => l.source === n.id).reduce((a, l) => a + l.value, 0);
      expect(into).toBeCloseTo(out, 9);
    }
  });
  it('takes a plain object of projects and is empty for an empty plan', () => {
    expect(sankeyLinks([{ fund_type: 'bank', project: 'A', amount: 5 }], { A: { category: '2', cluster: null } }).links)
      .toEqual([{ source: 'type:bank', target: 'area:2', value: 5 }, { source: 'area:2', target: 'cluster:', value: 5 }]);
    expect(sankeyLinks([], projects)).toEqual({ nodes: [], links: [], total: 0, unknown: 0 });
    expect(sankeyLinks(null, projects).links).toEqual([]);
  });
  it('joins the clusters that receive least into one node when asked', () => {
    const plan = [
      { fund_type: 'bank', project: 'A', amount: 10 }, { fund_type: 'bank', project: 'B', amount: 5 },
      { fund_type: 'bank', project: 'C', amount: 3 }, { fund_type: 'bank', project: 'D', amount: 1 }, { fund_type: 'bank', project: 'E', amount: 2 },
    ];
    const ps = { A: { category: '1', cluster: 'K1' }, B: { category: '1', cluster: 'K2' }, C: { category: '1', cluster: 'K3' }, D: { category: '1', cluster: '' }, E: { category: '2', cluster: 'K2' } };
    const s = sankeyLinks(plan, ps, { maxClusters: 1 });
    expect(s.nodes.filter((n) => n.level === 'cluster').map((n) => n.key)).toEqual(['', 'K1', '*']);
    expect(s.links.find((l) => l.source === 'area:1' && l.target === 'cluster:*').value).toBe(8);
    expect(s.links.find((l) => l.source === 'area:2' && l.target === 'cluster:*').value).toBe(2);
    expect(s.links.find((l) => l.source === 'area:1' && l.target === 'cluster:').value).toBe(1);
    expect(s.total).toBe(21);
  });
  it('keeps a cluster code and an area code apart', () => {
    const s = sankeyLinks([{ fund_type: 'bank', project: 'A', amount: 1 }], { A: { category: '1.1', cluster: '1' } });
    expect(s.nodes.map((n) => n.id)).toEqual(['type:bank', 'area:1', 'cluster:1']);
  });
  it('totals a plan by type and project', () => {
    expect(planTotals([{ fund_type: 'bank', project: 'A', amount: 2 }, { fund_type: 'bank', project: 'B', amount: 3 }, { fund_type: 'vc_pe', project: 'A', amount: 1 }]))
      .toEqual({ byType: { bank: 5, vc_pe: 1 }, byProject: { A: 3, B: 3 }, total: 6, projects: 2 });
  });
  it('reads the area of a category', () => {
    expect(areaOf('4.1.2')).toBe('4');
    expect(areaOf('7')).toBe('7');
    expect(areaOf(null)).toBe('');
  });
});

describe('forms', () => {
  it('turns a project form into the API body and checks it', () => {
    const f = projectForm(P(), E);
    expect(f.isNew).toBe(false);
    expect(f.bank_loans).toBe(300);
    const { body, problems } = projectBody(f, E);
    expect(problems).toEqual([]);
    expect(body.code).toBeUndefined();
    expect(body.funding.bank_loans).toBe(300);
    expect(body.total_investment).toBe(1200);
    expect(projectBody({ ...f, bonds: 500 }, E).problems).toEqual([{ field: 'funding', key: 'overTotal' }]);
    expect(projectBody({ ...f, start: '2024-01' }, E).problems).toEqual([{ field: 'end', key: 'order' }]);
    expect(projectBody({ ...f, total_investment: '' }, E).problems).toEqual([{ field: 'total_investment', key: 'required' }]);
    const n = projectForm(null, E);
    expect(n.isNew).toBe(true);
    expect(n.kind).toBe('industrial'); // the library's first kind and stage, as ec_project_init
    expect(n.stage).toBe('reserve');
    expect(projectBody(n, E).problems.map((p) => p.field)).toContain('code');
    expect(projectBody({ ...f, isNew: true, code: 'P9' }, E).body.code).toBe('P9');
  });
  it('turns a fund form into the API body and checks it', () => {
    const f = { code: 'F1', name: 'Fund', type: 'bank', capital: 1000, categories: '1; 4.1', regions: '', stages: 'preparation,under_construction', min_ticket: 10, max_ticket: 100, max_share: 0.3, coinvest: 'none' };
    const { body, problems } = fundBody(f);
    expect(problems).toEqual([]);
    expect(body.categories).toBe('1;4.1');
    expect(body.stages).toBe('preparation;under_construction');
    expect(body.code).toBeUndefined();
    expect(fundBody(f, true).body.code).toBe('F1');
    expect(fundBody({ ...f, min_ticket: 200 }).problems).toEqual([{ field: 'max_ticket', key: 'order' }]);
    expect(fundBody({ ...f, max_share: 1.5 }).problems).toEqual([{ field: 'max_share', key: 'share' }]);
  });
});

describe('labels of the project pages', () => {
  it('every code of the library\'s enumerations (stage, alert, source, kind, fund type, co-investment rule, tier, role) has a label in both languages', async () => {
    const { messages } = await import('../src/lib/messages.js');
    const keys = [
      ...E.stages.map((k) => `stage.${k}`), ...E.alert_kinds.flatMap((k) => [`alert.${k}`, `alertShort.${k}`]), ...E.funding_sources.map((k) => `source.${k}`),
      ...E.project_kinds.map((k) => `kind.${k}`), ...E.fund_types.map((k) => `fundType.${k}`), ...E.coinvest.map((k) => `coinvest.${k}`),
      ...E.tiers.flatMap((k) => [`tier.${k}`, `tier.${k}s`]), ...E.roles.map((k) => `role.${k}`),
      ...['required', 'positive', 'period', 'order', 'overTotal', 'share'].map((k) => `rule.${k}`),
    ];
    for (const l of ['zh-CN', 'en']) for (const k of keys) expect(messages[l][k], `${l} ${k}`).toBeTruthy();
  });
});

describe('allocationBody', () => {
  it('sends only what differs from the defaults', () => {
    expect(allocationBody({ lp: false, time_limit_s: 30, objective: 'amount', period: '', areas: [], quotas: [] }))
      .toEqual({ lp: false, time_limit_s: 30 });
    expect(allocationBody({ lp: true, time_limit_s: 30 })).toEqual({ lp: true });
  });
  it('joins the areas in code order and keeps the quotas with a province', () => {
    const body = allocationBody({
      lp: false, time_limit_s: '', objective: 'share', period: '2021-06', areas: ['4', '1', '10'],
      quotas: [{ region: '310000', land_mu: 25, energy_tce: '1000' }, { region: '', land_mu: 1, energy_tce: 1 },
        { region: '320000', land_mu: 0, energy_tce: '' }],
    });
    expect(body).toEqual({
      lp: false, time_limit_s: 10, objective: 'share', period: '2021-06', priority_areas: '1;4;10',
      quotas: [{ region: '310000', land_mu: 25, energy_tce: 1000 }, { region: '320000', land_mu: 0, energy_tce: null }],
    });
  });
});
