import { describe, expect, it } from 'vitest';
import { clampRange, seriesLines, seriesTable } from '../src/lib/series.js';

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
    expect(seriesTable(s)[1]).toEqual({ period: '2021-02', 2: null, '2#hidden': 'threshold', 1: 6 });
    // why a month was hidden, as the API says it
    expect(seriesLines([{ ...rows[2], suppression: 'complement' }], ['2'], 'growth_pct').lines[0].hidden).toEqual(['complement']);
  });
});
