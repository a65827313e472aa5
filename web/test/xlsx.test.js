import { describe, expect, it } from 'vitest';
import { inflateRawSync } from 'node:zlib';
import { crc32, zipStore, toXlsx, columnName, xmlEscape } from '../src/lib/xlsx.js';

// Reads a ZIP through its central directory, checking every CRC.
function unzip(bytes) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (dv.getUint32(end, true) !== 0x06054b50) end--;
  const count = dv.getUint16(end + 10, true);
  let at = dv.getUint32(end + 16, true);
  const files = {};
  for (let i = 0; i < count; i++) {
    expect(dv.getUint32(at, true)).toBe(0x02014b50);
    const method = dv.getUint16(at + 10, true);
    const crc = dv.getUint32(at + 16, true);
    const size = dv.getUint32(at + 20, true);
    const nameLen = dv.getUint16(at + 28, true);
    const local = dv.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLen));
    expect(dv.getUint32(local, true)).toBe(0x04034b50);
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    let data = bytes.subarray(start, start + dv.getUint32(at + 20, true));
    if (method === 8) data = inflateRawSync(data);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files[name] = new TextDecoder().decode(data);
    at += 46 + nameLen + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
  }
  return files;
}

describe('ZIP and XLSX writer', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
  it('a stored ZIP reads back', () => {
    const files = unzip(zipStore([{ name: 'a.txt', data: 'hello' }, { name: '目录/b.txt', data: '你好' }]));
    expect(files).toEqual({ 'a.txt': 'hello', '目录/b.txt': '你好' });
  });
  it('column names run A..Z, AA..', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
  it('escapes XML and drops control characters', () => {
    expect(xmlEscape('a<b & "c">\u0001')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });
  it('writes a workbook with the parts Excel needs, numbers as numbers and text inline', () => {
    const files = unzip(toXlsx(['名称', 'growth %'], [['新一代信息技术产业 & <x>', -4.0136], ['b', null]], { sheet: 'By area' }));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = files['xl/worksheets/sheet1.xml'];
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">新一代信息技术产业 &amp; &lt;x&gt;</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>-4.0136</v></c>');
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1">');
    expect(sheet).not.toContain('r="B3"');
    expect(files['xl/workbook.xml']).toContain('name="By area"');
    for (const xml of Object.values(files)) expect(xml.startsWith('<?xml')).toBe(true);
  });
});
