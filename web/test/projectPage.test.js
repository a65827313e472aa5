// The project page draws its progress chart from the series the server
// serves (project.plan_series), number for number: the page is rendered
// (Vue's server renderer: no browser) once its data has come, the API
// answering a fixed project, and the chart component replaced by one that
// keeps the options it is given.
import { describe, expect, it, vi } from 'vitest';
import { createSSRApp, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import E from './fixtures/enums.json';
import SERIES from './fixtures/plan_series.json';

const { drawn, detail } = vi.hoisted(() => ({ drawn: [], detail: { value: null } }));

vi.mock('vue-router', () => ({ useRoute: () => ({ params: { code: 'P1' } }) }));
vi.mock('../src/lib/session.js', () => ({
  session: { user: null },
  api: { get: async (path) => { if (path !== '/projects/P1') throw new Error(`unexpected GET ${path}`); return detail.value; }, post: async () => ({}) },
}));
vi.mock('../src/lib/catalog.js', () => ({ loadRegions: async () => new Map(), loadCategories: async () => new Map(), localName: () => '' }));
vi.mock('../src/lib/clusterData.js', () => ({ loadClusters: async () => [] }));
vi.mock('../src/lib/enums.js', () => ({ loadEnums: async () => E }));
vi.mock('../src/components/EChart.vue', () => ({
  default: {
    props: { option: Object, label: String, height: String, maps: Array },
    setup(props) {
      return () => { drawn.push({ label: props.label, option: props.option }); return null; };
    },
  },
}));

const { default: ProjectPage } = await import('../src/views/ProjectPage.vue');
const { t } = await import('../src/lib/i18n.js');

// Renders the page after its loads have settled (a prefetch hook that waits
// a few turns of the event loop holds the rendering back). Returns the
// options given to the progress chart.
async function render(answer) {
  drawn.length = 0;
  detail.value = answer;
  const app = createSSRApp(ProjectPage);
  app.component('RouterLink', { setup: (_, { slots }) => () => h('a', slots.default?.()) });
  app.mixin({ async serverPrefetch() { for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0)); } });
  const html = await renderToString(app);
  expect(html).toContain('Wind blades');
  return drawn.filter((d) => d.label === t('project.progressLabel')).map((d) => d.option);
}

const project = {
  code: 'P1', name: 'Wind blades', owner: '91110000000000001X', category: '6.2.1', cluster: '', region: '110108', kind: 'industrial',
  total_investment: 1500, start: '2024-01', end: '2024-03', stage: 'under_construction',
  funding: { government_budget: 0, guidance_fund: 0, bank_loans: 1000, bonds: 0, social_capital: 0, own_funds: 500 },
  land_mu: 0, energy_tce: 0, cumulative: 600, completion_pct: 40, planned_pct: 100, lag_pp: 60, idle_months: 0, alerts: [],
  plan_series: SERIES,
};
const progress = [
  { period: '2023-12', completed: 60, cumulative: 60 },
  { period: '2024-02', completed: 300, cumulative: 360 },
  { period: '2024-05', completed: 240, cumulative: 600 },
];

describe('the project page', () => {
  it('draws the plan and completion lines exactly as served', async () => {
    const options = await render({ project, progress, alerts: [], matches: [] });
    expect(options.length).toBeGreaterThan(0);
    const o = options[options.length - 1];
    expect(o.xAxis.data).toEqual(SERIES.map((r) => r.period));
    const [completion, planned] = o.series;
    expect(planned.name).toBe(t('projects.planned'));
    expect(completion.name).toBe(t('projects.completion'));
    expect(planned.data.length).toBe(SERIES.length);
    expect(completion.data.length).toBe(SERIES.length);
    planned.data.forEach((v, i) => expect(Object.is(v, SERIES[i].planned_pct), `${SERIES[i].period}: ${v}`).toBe(true));
    completion.data.forEach((v, i) => expect(Object.is(v, SERIES[i].completion_pct), `${SERIES[i].period}: ${v}`).toBe(true));
  });
  it('ends the completion line at the last month reported and draws no chart without a series', async () => {
    const options = await render({ project, progress: progress.slice(0, 2), alerts: [], matches: [] });
    const o = options[options.length - 1];
    expect(o.series[0].data).toEqual([5, 5, 30, null, null, null]);
    expect(o.series[1].data).toEqual(SERIES.map((r) => r.planned_pct));
    expect(await render({ project: { ...project, plan_series: null }, progress, alerts: [], matches: [] })).toEqual([]);
  });
});
