import { describe, expect, it } from 'vitest';
import { formatMoney, formatNumber, formatPct, formatPp, formatPeriod, formatCumulative, formatMonth, formatDate, periodRange, parsePeriod, DASH } from '../src/lib/format.js';

describe('money from thousand yuan', () => {
  it('zh-CN: 亿元 from 100 000 thousand yuan, 万元 below', () => {
    expect(formatMoney(100000, 'zh-CN')).toBe('1.00亿元');
    expect(formatMoney(1466993.4, 'zh-CN')).toBe('14.67亿元');
    expect(formatMoney(123456789, 'zh-CN')).toBe('1,234.57亿元');
    expect(formatMoney(99999, 'zh-CN')).toBe('9,999.90万元');
    expect(formatMoney(25, 'zh-CN')).toBe('2.50万元');
    expect(formatMoney(-250000, 'zh-CN')).toBe('-2.50亿元');
  });
  it('en: billion from a million thousand yuan, then million, then thousand', () => {
    expect(formatMoney(1e6, 'en')).toBe('1.00 billion yuan');
    expect(formatMoney(1466993.4, 'en')).toBe('1.47 billion yuan');
    expect(formatMoney(868913.4, 'en')).toBe('868.91 million yuan');
    expect(formatMoney(999, 'en')).toBe('999.00 thousand yuan');
    expect(formatMoney(12345678, 'en', 1)).toBe('12.3 billion yuan');
  });
  it('missing values are a dash in both languages', () => {
    for (const v of [null, undefined, NaN, Infinity, '']) {
      expect(formatMoney(v, 'zh-CN')).toBe(DASH);
      expect(formatMoney(v, 'en')).toBe(DASH);
    }
  });
});

describe('percentages and points', () => {
  it('growth is signed with one decimal', () => {
    expect(formatPct(2.94, 'zh-CN', { signed: true })).toBe('+2.9%');
    expect(formatPct(-1.8020407322954148, 'en', { signed: true })).toBe('-1.8%');
    expect(formatPct(0, 'en', { signed: true })).toBe('0.0%');
    expect(formatPct(59.2309, 'zh-CN')).toBe('59.2%');
  });
  it('percentage points in each language', () => {
    expect(formatPp(4.2, 'zh-CN')).toBe('+4.2个百分点');
    expect(formatPp(-0.62, 'en')).toBe('-0.6 pp');
    expect(formatPp(null, 'en')).toBe(DASH);
  });
  it('numbers group thousands', () => {
    expect(formatNumber(17187, 'en')).toBe('17,187');
    expect(formatNumber(17187, 'zh-CN')).toBe('17,187');
    expect(formatNumber(1.25, 'en', 1)).toBe('1.3');
  });
});

describe('periods and dates', () => {
  it('a month in each language', () => {
    expect(formatPeriod('2020-06', 'zh-CN')).toBe('2020年6月');
    expect(formatPeriod('2020-06', 'en')).toBe('Jun 2020');
    expect(formatMonth('2020-11', 'zh-CN')).toBe('11月');
    expect(formatMonth('2020-11', 'en')).toBe('Nov');
  });
  it('a cumulative period names its months', () => {
    expect(formatCumulative('2020-06', 'zh-CN')).toBe('2020年1—6月');
    expect(formatCumulative('2020-06', 'en')).toBe('Jan–Jun 2020');
    expect(formatCumulative('2020-01', 'en')).toBe('Jan 2020');
  });
  it('bad periods are shown as given', () => {
    expect(parsePeriod('2020-13')).toBe(null);
    expect(formatPeriod('2020-13', 'en')).toBe('2020-13');
    expect(formatPeriod(null, 'en')).toBe(DASH);
  });
  it('dates', () => {
    expect(formatDate('2004-03-18', 'zh-CN')).toBe('2004年3月18日');
    expect(formatDate('2004-03-18', 'en')).toBe('18 Mar 2004');
    expect(formatDate('', 'en')).toBe(DASH);
    // a moment is shown in Beijing time: 23:30 UTC is 07:30 the next day
    expect(formatDate('2026-12-06T23:30:00Z', 'zh-CN', true)).toContain('2026年12月7日');
    expect(formatDate('2026-12-06T23:30:00Z', 'zh-CN', true)).toContain('07:30');
  });
  it('a range of periods crosses years', () => {
    expect(periodRange('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(periodRange('2020-02', '2020-01')).toEqual([]);
    expect(periodRange(null, '2020-01')).toEqual([]);
  });
});
