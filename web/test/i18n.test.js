import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { messages, LOCALES } from '../src/lib/messages.js';
import { interpolate, translate } from '../src/lib/i18n.js';

const SRC = path.resolve(__dirname, '../src');
function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : /\.(vue|js)$/.test(d.name) ? [p] : [];
  });
}

describe('labels', () => {
  it('both languages have exactly the same keys', () => {
    const zh = Object.keys(messages['zh-CN']).sort();
    const en = Object.keys(messages.en).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(LOCALES).toEqual(['zh-CN', 'en']);
  });
  it('no label is empty and both languages use the same parameters', () => {
    for (const k of Object.keys(messages.en)) {
      for (const l of LOCALES) expect(messages[l][k].trim(), `${l} ${k}`).not.toBe('');
      const params = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(messages.en[k]), k).toEqual(params(messages['zh-CN'][k]));
    }
  });
  it('every key the code uses exists', () => {
    const used = new Set();
    const dynamic = [];
    for (const f of sources(SRC)) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt(?:ranslate)?\((?:lang, |L\(\), |locale\.value, )?'([a-zA-Z]+\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\bt\(`([a-zA-Z]+)\.\$\{/g)) dynamic.push(m[1]);
      for (const m of text.matchAll(/label: '([a-zA-Z]+\.[a-zA-Z0-9_]+)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const k of used) expect(messages.en[k], k).toBeDefined();
    // Prefixes used with a computed suffix must have entries.
    for (const p of dynamic) expect(Object.keys(messages.en).some((k) => k.startsWith(`${p}.`)), p).toBe(true);
  });
  it('the computed keys exist in both languages', () => {
    const keys = [
      ...['admin', 'analyst', 'agency', 'fund', 'enterprise'].map((r) => `role.${r}`),
      ...['area', 'direction', 'province', 'prefecture'].map((b) => `by.${b}`),
      ...['enterprises', 'reports', 'deflators'].map((k) => `kind.${k}`),
      ...['growth_pct', 'gap_pp', 'share_pct', 'contribution_pct', 'pull_pp', 'rd_intensity_pct', 'value_added', 'revenue', 'employees', 'enterprises'].map((c) => `col.${c}`),
      ...['revenue', 'output', 'value_added', 'employees', 'rd_expense', 'patents', 'investment', 'exports'].map((c) => `report.${c}`),
      // clusters: tiers, movements, projects, stars, the evaluation's groups, directions and indicators
      ...['base', 'cluster', 'ecosystem', 'none', 'bases', 'clusters', 'ecosystems'].map((k) => `tier.${k}`),
      ...['new', 'same', 'up', 'down'].map((k) => `movement.${k}`),
      ...['innovation', 'integration', 'scenarios', 'service'].map((k) => `project.${k}`),
      ...['size', 'specialisation', 'performance'].map((k) => `star.${k}`),
      ...['scale', 'growth', 'innovation', 'integration', 'scenarios', 'service'].map((k) => `group.${k}`),
      ...['benefit', 'cost'].map((k) => `direction.${k}`),
      ...['value_added', 'va_growth_pct', 'enterprises', 'enterprises_above_size', 'employees', 'revenue', 'lq', 'national_share_pct',
        'rd_intensity_pct', 'patents_per_1000', 'innovation_platforms', 'rd_institutions', 'incubators', 'park_area_km2',
        'resident_population', 'housing_units', 'transit_lines', 'scenarios_published', 'scenarios_landed', 'agency_staff',
        'service_platforms', 'standards_led'].map((k) => `ind.${k}`),
    ];
    for (const k of keys) for (const l of LOCALES) expect(messages[l][k], `${l} ${k}`).toBeDefined();
  });
  it('interpolates parameters and leaves unknown ones visible', () => {
    expect(interpolate('{n} rows', { n: 3 })).toBe('3 rows');
    expect(interpolate('{n} rows', {})).toBe('{n} rows');
    expect(translate('en', 'explorer.rows', { n: 12 })).toBe('12 rows');
    expect(translate('zh-CN', 'explorer.rows', { n: 12 })).toBe('共 12 行');
  });
  it('the Chinese labels are Chinese', () => {
    const latinOnly = Object.entries(messages['zh-CN']).filter(([k, v]) => !/[\u4e00-\u9fff]/.test(v)
      && !['app.name', 'lang.switchTo', 'col.sha256', 'unit.pct', 'group.allShort'].includes(k) && !/^[\s\S]*\{/.test(v));
    expect(latinOnly.map(([k]) => k)).toEqual([]);
  });
});
