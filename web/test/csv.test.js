import { describe, expect, it } from 'vitest';
import { toCsv, csvField } from '../src/lib/csv.js';
import { exportTable } from '../src/lib/columns.js';

describe('CSV writer', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(NaN)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(-1.8020407322954148)).toBe('-1.8020407322954148');
  });
  it('writes a BOM, CRLF lines and full-precision numbers', () => {
    const text = toCsv(['名称', 'growth'], [['新一代信息技术产业', 2.5], ['x, y', null]]);
    expect(text).toBe('\uFEFF名称,growth\r\n新一代信息技术产业,2.5\r\n"x, y",\r\n');
    expect(toCsv(['a'], [], { bom: false })).toBe('a\r\n');
  });
  it('the monitoring export keeps raw thousand-yuan figures and labels in the language', () => {
    const row = { group_kind: 'area', group_code: '1', name: 'Next-generation IT', region: '', period: '2020-06', basis: 'cumulative',
      enterprises: 5, value_added: 282203.2, value_added_base: 299713.6, value_added_real: 287684.1, growth_pct: -4.01, gap_pp: -1.59,
      share_pct: 19.2, contribution_pct: 32.4, pull_pp: -0.79, revenue: 1132801.1, employees: 3373, rd_intensity_pct: NaN };
    const en = exportTable([row], 'en');
    expect(en.header).toContain('Value added (current prices) (thousand yuan)');
    expect(en.rows[0]).toContain(282203.2);
    expect(en.rows[0].at(-1)).toBe(null);
    const zh = exportTable([row], 'zh-CN');
    expect(zh.header).toContain('增加值（现价）（千元）');
    expect(zh.header.length).toBe(zh.rows[0].length);
  });
});
