import { describe, expect, it } from 'vitest';
import { downloadUrl } from '../src/lib/download.js';

describe('download addresses', () => {
  it('carry the route query, the format and the language, leaving out empty values', () => {
    expect(downloadUrl('/monitor', { period: '2021-06', by: 'area', region: '' }, 'xlsx', 'zh-CN'))
      .toBe('/api/v1/monitor?period=2021-06&by=area&format=xlsx&lang=zh');
    expect(downloadUrl('/funds', undefined, 'csv', 'en')).toBe('/api/v1/funds?format=csv&lang=en');
  });
  it('override a lang the route query already had', () => {
    expect(downloadUrl('/complexity', { year: 2021, lang: 'zh' }, 'csv', 'en')).toBe('/api/v1/complexity?year=2021&lang=en&format=csv');
  });
});
