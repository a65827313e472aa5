import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { errorFromResponse } from '../src/lib/api.js';
import { errorText, fieldLabel, fieldProblems, problemMessage } from '../src/lib/problems.js';
import { problemTexts } from '../src/lib/problemTexts.js';

describe('problems in the user\'s language', () => {
  it('writes a problem from its code and parameters, as the command line does', () => {
    const p = { code: 'period.invalid', params: { value: '2020-13' }, message: "'2020-13' is not a period, expected YYYY-MM" };
    expect(problemMessage(p, 'zh-CN')).toBe('“2020-13”不是有效的年月，应为 YYYY-MM');
    expect(problemMessage(p, 'en')).toBe(p.message);
    const check = { code: 'uscc.check', params: { value: '91110114000399001A', found: 'A', expected: 'E' } };
    expect(problemMessage(check, 'zh-CN')).toBe('统一社会信用代码第 18 位校验码为“A”，应为“E”');
  });
  it('writes choices, stages and roles in Chinese', () => {
    expect(problemMessage({ code: 'field.enum', params: { value: 'x', expected: 'base, cluster or ecosystem' } }, 'zh-CN'))
      .toBe('“x”不是可选值，应为 base、cluster 或 ecosystem');
    expect(problemMessage({ code: 'stage.move', params: { from: 'reserve', to: 'under_construction' } }, 'zh-CN'))
      .toBe('项目阶段不能由储备转为在建');
    expect(problemMessage({ code: 'account.role', params: { role: 'enterprise' } }, 'zh-CN')).toBe('企业账户不能进行此项更改');
    expect(problemMessage({ code: 'stage.move', params: { from: 'reserve', to: 'under_construction' } }, 'en'))
      .toBe('reserve cannot become under_construction');
  });
  it('keeps the server\'s words for a code it does not know', () => {
    expect(problemMessage({ code: 'no.such_code', params: {}, message: 'as the server said' }, 'zh-CN')).toBe('as the server said');
  });
  it('names fields and a file\'s columns in Chinese', () => {
    expect(fieldLabel('revenue', 'zh-CN', true)).toBe('营业收入（revenue）');
    expect(fieldLabel('uscc,period', 'zh-CN', true)).toBe('统一社会信用代码、统计期（uscc,period）');
    expect(fieldLabel('total_investment', 'zh-CN')).toBe('总投资');
    expect(fieldLabel('3', 'zh-CN', true)).toBe('第 3 列');
    expect(fieldLabel('no_such_field', 'zh-CN', true)).toBe('no_such_field');
    expect(fieldLabel('revenue', 'en', true)).toBe('revenue');
  });
  it('writes a refusal from its first problem', () => {
    const body = JSON.stringify({ error: { code: 'rejected', message: "no cluster 'X1'", problem: 'cluster.not_found', params: { code: 'X1' }, field: 'code' } });
    const err = errorFromResponse(404, 'Not Found', body);
    expect(errorText(err, 'zh-CN')).toBe('没有集群“X1”');
    expect(errorText(err, 'en')).toBe("no cluster 'X1'");
    const plain = errorFromResponse(400, 'Bad Request', JSON.stringify({ error: { code: 'bad_request', message: 'period: expected YYYY-MM' } }));
    expect(errorText(plain, 'zh-CN')).toBe('period: expected YYYY-MM');
    const bad = errorFromResponse(400, 'Bad Request', JSON.stringify({ error: { code: 'bad_request', message: "'2021-13' is not a period, expected YYYY-MM",
      problem: 'period.invalid', params: { value: '2021-13' }, field: 'period' } }));
    expect(errorText(bad, 'zh-CN')).toBe('统计期：“2021-13”不是有效的年月，应为 YYYY-MM');
    expect(errorText(bad, 'en')).toBe("period: '2021-13' is not a period, expected YYYY-MM");
    const role = errorFromResponse(403, 'Forbidden', JSON.stringify({ error: { code: 'forbidden', message: 'the role fund may not use this',
      problem: 'request.role', params: { role: 'fund' } } }));
    expect(errorText(role, 'zh-CN')).toBe('“基金”角色无权使用此功能');
  });
  it('the table is the one docs/problems.md lists, every code in both languages', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/problems.md'), 'utf8');
    const codes = [...doc.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(Object.keys(problemTexts)).toEqual(codes);
    for (const [code, t] of Object.entries(problemTexts)) {
      expect(t.en, code).not.toBe('');
      expect(t.zh, code).not.toBe('');
    }
  });
  it('puts each problem of a refused change beside its field, in the user\'s language', () => {
    const one = errorFromResponse(400, '', JSON.stringify({ error: { code: 'bad_request', problem: 'scenario.criteria_sum', field: 'criteria',
      params: { sum: '50' }, message: 'the weights sum to 50; expected 100' } }));
    expect(fieldProblems(one, 'zh-CN')).toEqual({ criteria: '评审指标权重之和为 50，应为 100' });
    expect(fieldProblems(one, 'en')).toEqual({ criteria: 'the weights sum to 50; expected 100' });
    const two = errorFromResponse(400, '', JSON.stringify({ error: { code: 'bad_request', problem: 'scenario.not_found', field: 'code',
      params: { code: 'X' }, message: 'no scenario X', problems: [
        { code: 'scenario.not_found', field: 'code', params: { code: 'X' }, message: 'no scenario X' },
        { code: 'no.such_code', field: null, params: {}, message: 'as the server said' }] } }));
    expect(fieldProblems(two, 'zh-CN')).toEqual({ code: '没有场景 X', '': 'as the server said' });
    expect(fieldProblems(null)).toEqual({});
  });
});
