import { describe, expect, it } from 'vitest';
import { codeName, joinNames, listNames, regionCode, regionPath, regionPrefix } from '../src/lib/names.js';
import { formatMoneyIn, formatPp, formatSigned, moneyLabel, moneyUnit } from '../src/lib/format.js';
import { metricCell } from '../src/lib/columns.js';

const regions = new Map([
  ['430000', { code: '430000', level: 'province', parent: '', name_zh: '湖南省', name_en: 'Hunan' }],
  ['430200', { code: '430200', level: 'prefecture', parent: '430000', name_zh: '株洲市', name_en: 'Zhuzhou' }],
  ['430202', { code: '430202', level: 'county', parent: '430200', name_zh: '荷塘区', name_en: 'Hetang District' }],
  ['110000', { code: '110000', level: 'province', parent: '', name_zh: '北京市', name_en: 'Beijing' }],
  ['110100', { code: '110100', level: 'prefecture', parent: '110000', name_zh: '北京市市辖区', name_en: 'Beijing Municipal Districts' }],
  ['110101', { code: '110101', level: 'county', parent: '110100', name_zh: '东城区', name_en: 'Dongcheng District' }],
]);
const cats = new Map([
  ['1', { code: '1', name_zh: '新一代信息技术产业', name_en: 'Next-generation information technology industry' }],
  ['1.2', { code: '1.2', name_zh: '电子核心产业', name_en: 'Core electronics industry' }],
]);

describe('region paths', () => {
  it('a county as province·prefecture·county, in both languages', () => {
    expect(regionPath('430202', regions, 'zh-CN')).toBe('湖南省·株洲市·荷塘区');
    expect(regionPath('430202', regions, 'en')).toBe('Hetang District, Zhuzhou, Hunan');
  });
  it('leaves out a grouping-only prefecture (市辖区)', () => {
    expect(regionPath('110101', regions, 'zh-CN')).toBe('北京市·东城区');
    expect(regionPath('110100', regions, 'zh-CN')).toBe('北京市·北京市市辖区');
  });
  it('reads a fund target prefix as its region, and an unknown code as itself', () => {
    expect(regionCode('43')).toBe('430000');
    expect(regionCode('4302')).toBe('430200');
    expect(regionPath('4302', regions, 'zh-CN')).toBe('湖南省·株洲市');
    expect(regionPath('999999', regions, 'zh-CN')).toBe('999999');
    expect(regionPrefix('430000')).toBe('43');
    expect(regionPrefix('430200')).toBe('4302');
    expect(regionPrefix('430202')).toBe('430202');
  });
});

describe('codes with names', () => {
  it('a code with its name, or the code alone', () => {
    expect(codeName('1.2', cats, 'zh-CN')).toBe('1.2 电子核心产业');
    expect(codeName('1.2', cats, 'en')).toBe('1.2 Core electronics industry');
    expect(codeName('9.9', cats, 'zh-CN')).toBe('9.9');
  });
  it('a list of codes as names', () => {
    const names = listNames('1.2;1', (c) => codeName(c, cats, 'zh-CN'));
    expect(names).toEqual(['1.2 电子核心产业', '1 新一代信息技术产业']);
    expect(joinNames(names, 'zh-CN')).toBe('1.2 电子核心产业、1 新一代信息技术产业');
    expect(joinNames(['a', 'b'], 'en')).toBe('a, b');
    expect(listNames('43;4302', (c) => regionPath(c, regions, 'zh-CN'))).toEqual(['湖南省', '湖南省·株洲市']);
  });
});

describe('one unit per column', () => {
  it('money in the column unit, grouped, without the unit in the cell', () => {
    // 1.32亿元 and 7,729.06万元 in one column become 13,200.00 and 7,729.06 in 万元
    expect(formatMoneyIn(132000, 'zh-CN', 'wan')).toBe('13,200.00');
    expect(formatMoneyIn(77290.6, 'zh-CN', 'wan')).toBe('7,729.06');
    expect(formatMoneyIn(132000, 'en', 'wan')).toBe('132.00');
    expect(formatMoneyIn(241564726.1, 'zh-CN', 'yi')).toBe('2,415.65');
    expect(formatMoneyIn(241564726.1, 'en', 'yi')).toBe('241.56');
    expect(formatMoneyIn(null, 'zh-CN', 'wan')).toBe('—');
  });
  it('the unit in the header', () => {
    expect(moneyUnit('zh-CN', 'wan')).toBe('万元');
    expect(moneyUnit('en', 'yi')).toBe('billion yuan');
    expect(moneyLabel('总投资', 'zh-CN', 'wan')).toBe('总投资（万元）');
    expect(moneyLabel('Total investment', 'en', 'wan')).toBe('Total investment, million yuan');
  });
  it('percentage points: plain signed cells under a header with the unit, never "pp" in Chinese', () => {
    expect(formatSigned(13.0377, 'zh-CN')).toBe('+13.0');
    expect(metricCell('gap_pp', -0.62, 'zh-CN')).toBe('-0.6');
    expect(metricCell('growth_pct', 2.94, 'zh-CN')).toBe('+2.9%');
    expect(formatPp(4.2, 'zh-CN')).toBe('+4.2个百分点');
    expect(formatPp(4.2, 'zh-CN')).not.toMatch(/pp/);
  });
});
