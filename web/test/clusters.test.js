import { describe, expect, it } from 'vitest';
import E from './fixtures/enums.json';
import {
  PROJECTS, bubbleSize, circleCoords, enteredByYear, fitView, joinEvaluation, mayEdit, movementMark, radarSeries,
  rankHistory, splitList, spreadPoints, starText, tierCounts, yearsOf,
} from '../src/lib/clusters.js';

describe('lists and years', () => {
  it('splits the registry\'s ;-separated lists', () => {
    expect(splitList('310000;320500; 330100')).toEqual(['310000', '320500', '330100']);
    expect(splitList('')).toEqual([]);
    expect(splitList(null)).toEqual([]);
    expect(splitList(['1.2', ' 4.1 '])).toEqual(['1.2', '4.1']);
  });
  it('lists the years between two periods', () => {
    expect(yearsOf('2019-01', '2021-12')).toEqual([2019, 2020, 2021]);
    expect(yearsOf('2021-03', '2021-06')).toEqual([2021]);
    expect(yearsOf(null, '2021-06')).toEqual([]);
    expect(yearsOf('2022-01', '2021-06')).toEqual([]);
  });
});

describe('rankHistory', () => {
  const ev = (year, rows) => ({ year, rows });
  it('picks the cluster\'s rank from each year, in year order, and skips failed years', () => {
    const h = rankHistory([
      ev(2021, [{ code: 'A', rank: 2, recommended: 'base', closeness: 0.5, movement: 'up' }, { code: 'B', rank: 1 }]),
      new Error('no data for 2018'),
      ev(2019, [{ code: 'B', rank: 1 }, { code: 'A', rank: 24, recommended: 'cluster', movement: 'new' }, { code: 'C', rank: 3 }]),
      null,
      ev(2020, [{ code: 'B', rank: 1 }]),
    ], 'A');
    expect(h).toEqual([
      { year: 2019, rank: 24, of: 3, recommended: 'cluster', closeness: null, movement: 'new' },
      { year: 2020, rank: null, of: 1, recommended: null, closeness: null, movement: null },
      { year: 2021, rank: 2, of: 2, recommended: 'base', closeness: 0.5, movement: 'up' },
    ]);
  });
  it('is empty without evaluations', () => {
    expect(rankHistory([], 'A')).toEqual([]);
    expect(rankHistory([new Error('x')], 'A')).toEqual([]);
  });
});

describe('radarSeries', () => {
  const entered = [
    { year: 2020, indicator: 'innovation_platforms', value: 2 },
    { year: 2020, indicator: 'rd_institutions', value: 4 },
    { year: 2020, indicator: 'scenarios_published', value: 10 },
    { year: 2021, indicator: 'innovation_platforms', value: 4 },
    { year: 2021, indicator: 'rd_institutions', value: 2 },
    { year: 2021, indicator: 'scenarios_published', value: 5 },
    { year: 2021, indicator: 'agency_staff', value: 0 },
    { year: 2021, indicator: 'service_platforms', value: null },
  ];
  it('scales each indicator by its largest value over the cluster\'s years and averages within a project', () => {
    const r = radarSeries(entered);
    expect(r.years).toEqual([2020, 2021]);
    // innovation: 2020 (2/4 + 4/4)/2 = 0.75; 2021 (4/4 + 2/4)/2 = 0.75
    // integration: nothing entered -> null; scenarios: 1 then 0.5; service: 2021 agency_staff 0 of max 0 -> 0
    expect(r.series).toEqual([
      { year: 2020, values: [0.75, null, 1, null] },
      { year: 2021, values: [0.75, null, 0.5, 0] },
    ]);
  });
  it('keeps every value within 0..1', () => {
    for (const s of radarSeries(entered).series) for (const v of s.values) if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
  });
  it('has nothing to draw without entered indicators', () => {
    expect(radarSeries([])).toEqual({ years: [], series: [] });
    expect(radarSeries(undefined)).toEqual({ years: [], series: [] });
  });
  it('knows the four projects\' twelve indicators', () => {
    expect(Object.keys(PROJECTS)).toEqual(['innovation', 'integration', 'scenarios', 'service']);
    expect(Object.values(PROJECTS).flat()).toHaveLength(12);
    expect(enteredByYear(entered).get(2021)).toEqual({ innovation_platforms: 4, rd_institutions: 2, scenarios_published: 5, agency_staff: 0 });
  });
});

describe('the map', () => {
  it('sizes bubbles by the square root of value added, within bounds', () => {
    expect(bubbleSize(100, 100)).toBe(34);
    expect(bubbleSize(25, 100)).toBe(20); // 6 + 28 * 0.5
    expect(bubbleSize(0, 100)).toBe(6);
    expect(bubbleSize(null, 100)).toBe(6);
    expect(bubbleSize(50, 0)).toBe(6);
    expect(bubbleSize(200, 100)).toBe(34);
  });
  it('spreads clusters on the same point around it and drops those without coordinates', () => {
    const out = spreadPoints([
      { code: 'a', lat: 30, lon: 120 }, { code: 'b', lat: 30, lon: 120 }, { code: 'c', lat: 40, lon: 116 }, { code: 'd', lat: null, lon: null },
    ]);
    expect(out.map((x) => x.code).sort()).toEqual(['a', 'b', 'c']);
    const c = out.find((x) => x.code === 'c');
    expect(c.at).toEqual([116, 40]);
    const [a, b] = ['a', 'b'].map((k) => out.find((x) => x.code === k).at);
    expect(a).not.toEqual(b);
    for (const p of [a, b]) expect(Math.hypot(p[0] - 120, p[1] - 30)).toBeCloseTo(0.35, 3);
  });
  it('draws a circle of the given radius in km', () => {
    const ring = circleCoords(30, 120, 10, 36);
    expect(ring).toHaveLength(37);
    expect(ring[0]).toEqual(ring[36]);
    const R = 6371.0088;
    const hav = ([lon, lat]) => {
      const f1 = (30 * Math.PI) / 180; const f2 = (lat * Math.PI) / 180;
      const dl = ((lon - 120) * Math.PI) / 180; const df = f2 - f1;
      return 2 * R * Math.asin(Math.sqrt(Math.sin(df / 2) ** 2 + Math.cos(f1) * Math.cos(f2) * Math.sin(dl / 2) ** 2));
    };
    for (const p of ring) expect(hav(p)).toBeCloseTo(10, 1);
    expect(ring[0][1]).toBeGreaterThan(30); // bearing 0 is north
  });
  it('fits the view to the points', () => {
    expect(fitView([])).toEqual({ zoom: 1, center: null });
    const v = fitView([[120, 30], [121, 31]]);
    expect(v.center).toEqual([120.5, 30.5]);
    expect(v.zoom).toBe(12);
    expect(fitView([[75, 20], [135, 50]]).zoom).toBe(1);
  });
});

describe('the tables', () => {
  it('joins the registry with the evaluation by code', () => {
    const rows = joinEvaluation([{ code: 'A', tier: 'base' }, { code: 'B', tier: 'cluster' }],
      { rows: [{ code: 'A', rank: 3, value_added: 10, lq: 2, stars: 1, recommended: 'cluster', movement: 'down', va_growth_pct: 5 }] });
    expect(rows[0]).toMatchObject({ code: 'A', rank: 3, value_added: 10, lq: 2, stars: 1, recommended: 'cluster', movement: 'down' });
    expect(rows[1]).toMatchObject({ code: 'B', rank: null, value_added: null, stars: null });
    expect(joinEvaluation(null, null)).toEqual([]);
  });
  it('counts the tiers', () => {
    expect(tierCounts([{ tier: 'base' }, { tier: 'cluster' }, { tier: 'cluster' }, { tier: 'ecosystem' }], E))
      .toEqual({ all: 4, base: 1, cluster: 2, ecosystem: 1 });
  });
  it('writes stars and movement marks', () => {
    expect(starText(2)).toBe('★★☆');
    expect(starText(0)).toBe('☆☆☆');
    expect(starText(7)).toBe('★★★');
    expect(starText(null)).toBe('☆☆☆');
    expect(['up', 'down', 'same', 'new', 'x'].map(movementMark)).toEqual(['▲', '▼', '▬', '●', '']);
  });
  it('lets admins, analysts and an agency in its scope change a cluster', () => {
    expect(mayEdit({ role: 'admin' }, 'A')).toBe(true);
    expect(mayEdit({ role: 'analyst' }, 'A')).toBe(true);
    expect(mayEdit({ role: 'agency', scope: 'B;A' }, 'A')).toBe(true);
    expect(mayEdit({ role: 'agency', scope: 'B' }, 'A')).toBe(false);
    expect(mayEdit({ role: 'fund', scope: 'A' }, 'A')).toBe(false);
    expect(mayEdit(null, 'A')).toBe(false);
  });
});
