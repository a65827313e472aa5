import { describe, expect, it } from 'vitest';
import { clampRange, reportGrowth, seriesLines, seriesTable } from '../src/lib/series.js';

describe('series over time', () => {
  it('keeps the months of a range that the data have', () => {
    expect(clampRange('2019-11', '2020-02', '2020-01', '2020-12')).toEqual(['2020-01', '2020-02']);
    expect(clampRange('', '', '2020-11', '2021-01')).toEqual(['2020-11', '2020-12', '2021-01']);
    expect(clampRange('2022-01', '', '2020-01', '2020-12')).toEqual([]);
  });

  it('lines up groups by month, suppressed and missing months as gaps', () => {
    const rows = [
      { group_code: '1', period: '2021-01', growth_pct: 5.04 },
      { group_code: '1', period: '2021-02', growth_pct: 6 },
      { group_code: '2', period: '2021-02', growth_pct: null, suppressed: true },
      { group_code: '2', period: '2021-03', growth_pct: -1.5 },
    ];
    const s = seriesLines(rows, ['2', '1'], 'growth_pct');
    expect(s.periods).toEqual(['2021-01', '2021-02', '2021-03']);
    expect(s.lines.map((l) => l.code)).toEqual(['2', '1']);
    expect(s.lines[0].values).toEqual([null, null, -1.5]);
    expect(s.lines[1].values).toEqual([5.04, 6, null]);
    expect(seriesTable(s)[1]).toEqual({ period: '2021-02', 2: null, 1: 6 });
  });

  it('measures an enterprise against the same months a year earlier', () => {
    const reports = [
      { period: '2020-01', value_added: 100 }, { period: '2020-02', value_added: 200 },
      { period: '2021-01', value_added: 110 }, { period: '2021-02', value_added: 180 },
      { period: '2021-03', value_added: 50 },
    ];
    const g = reportGrowth(reports);
    expect(g.map((x) => x.period)).toEqual(['2020-01', '2020-02', '2021-01', '2021-02', '2021-03']);
    expect(g[0].growth_pct).toBeNull();
    expect(g[2].growth_pct).toBeCloseTo(10);
    expect(g[3].growth_pct).toBeCloseTo(-10);
    expect(g[3].cumulative_growth_pct).toBeCloseTo(((290 - 300) / 300) * 100);
    // March 2020 was not reported: March alone has no growth, January to
    // March counts the months reported in both years.
    expect(g[4].growth_pct).toBeNull();
    expect(g[4].cumulative_growth_pct).toBeCloseTo(((290 - 300) / 300) * 100);
  });
});
