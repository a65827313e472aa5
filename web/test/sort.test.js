import { describe, expect, it } from 'vitest';
import { sortRows, nextSort } from '../src/lib/sort.js';

const rows = [
  { name: '上海市', g: 2.5 },
  { name: '北京市', g: null },
  { name: '广东省', g: -1 },
  { name: '江苏省', g: 7 },
  { name: '浙江省', g: NaN },
];

describe('sortRows', () => {
  it('sorts numbers both ways, missing values last', () => {
    expect(sortRows(rows, 'g', 'desc').map((r) => r.g)).toEqual([7, 2.5, -1, null, NaN]);
    expect(sortRows(rows, 'g', 'asc').map((r) => r.g)).toEqual([-1, 2.5, 7, null, NaN]);
  });
  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, 'g', 'asc');
    expect(rows).toEqual(copy);
  });
  it('sorts text in the language given, codes numerically', () => {
    const codes = [{ c: '10' }, { c: '9' }, { c: '1.10' }, { c: '1.9' }];
    expect(sortRows(codes, 'c', 'asc', 'en').map((r) => r.c)).toEqual(['1.9', '1.10', '9', '10']);
    expect(sortRows([{ n: 'b' }, { n: 'A' }, { n: 'a' }], 'n', 'asc', 'en').map((r) => r.n)).toEqual(['a', 'A', 'b']);
  });
  it('is stable for ties and accepts a function as key', () => {
    const ties = [{ id: 1, v: 1 }, { id: 2, v: 1 }, { id: 3, v: 0 }];
    expect(sortRows(ties, (r) => r.v, 'desc').map((r) => r.id)).toEqual([1, 2, 3]);
  });
});

describe('nextSort', () => {
  it('a new numeric column starts descending, text ascending; the same column flips', () => {
    expect(nextSort({ key: 'a', direction: 'desc' }, 'b', true)).toEqual({ key: 'b', direction: 'desc' });
    expect(nextSort({ key: 'a', direction: 'desc' }, 'name', false)).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'b', direction: 'desc' }, 'b', true)).toEqual({ key: 'b', direction: 'asc' });
  });
});
