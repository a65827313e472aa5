import { describe, expect, it } from 'vitest';
import { isNarrow, mapAspect, rotate, shortenLabel, textWidth } from '../src/lib/responsive.js';

describe('label shortening', () => {
  it('keeps a label that fits', () => {
    expect(shortenLabel('新能源产业', 100)).toBe('新能源产业');
    expect(shortenLabel('New energy', 100)).toBe('New energy');
  });
  it('cuts a long English label to the room, with an ellipsis', () => {
    const s = shortenLabel('Energy conservation and environmental protection industry', 120);
    expect(s.endsWith('…')).toBe(true);
    expect(textWidth(s)).toBeLessThanOrEqual(120);
    expect(s.startsWith('Energy conserv')).toBe(true);
  });
  it('counts a Chinese character as a whole em', () => {
    expect(textWidth('节能环保', 12)).toBe(48);
    expect(shortenLabel('节能环保产业', 48, 12)).toBe('节能环…');
  });
  it('drops a trailing space or separator before the ellipsis', () => {
    expect(shortenLabel('High-end equipment manufacturing', 80)).not.toMatch(/\s…$/);
  });
  it('copes with nothing and with numbers', () => {
    expect(shortenLabel(null, 50)).toBe('');
    expect(shortenLabel(12345, 100)).toBe('12345');
  });
});

describe('narrow layouts and map shapes', () => {
  it('is narrow under 600 px', () => {
    expect(isNarrow(390)).toBe(true);
    expect(isNarrow(1366)).toBe(false);
    expect(isNarrow(0)).toBe(false);
  });
  it('gives China its width-to-height ratio as ECharts draws it', () => {
    expect(mapAspect([73.5, 18.1, 135.1, 53.6])).toBeCloseTo(1.301, 2);
    expect(mapAspect(null)).toBe(null);
    expect(mapAspect([1, 1, 1, 2])).toBe(null);
  });
});

describe('the big screen\'s rotation', () => {
  it('turns through the list and starts again', () => {
    const m = ['growth_pct', 'share_pct', 'gap_pp'];
    expect([0, 1, 2, 3, 4].map((i) => rotate(m, i))).toEqual(['growth_pct', 'share_pct', 'gap_pp', 'growth_pct', 'share_pct']);
  });
  it('copes with an empty list and a bad tick', () => {
    expect(rotate([], 3)).toBe(null);
    expect(rotate(['a', 'b'], -1)).toBe('b');
    expect(rotate(['a', 'b'], NaN)).toBe('a');
  });
});
