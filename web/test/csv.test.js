import { describe, expect, it } from 'vitest';
import { toCsv, csvField } from '../src/lib/csv.js';

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
});
