import { describe, expect, it } from 'vitest';
import { enterprisePicker, fundPicker } from '../src/lib/pickers.js';
import { joinNames } from '../src/lib/names.js';

describe('pickers with search', () => {
  it('an enterprise is searched on the server and then shown by its name and USCC', async () => {
    const asked = [];
    const get = async (path, query) => {
      asked.push([path, query]);
      return { items: [{ uscc: '91350100M000100Y43', name: '福州某科技有限公司' }] };
    };
    const names = new Map();
    const pick = enterprisePicker(get, names);
    expect(pick.display('91350100M000100Y43')).toBe('91350100M000100Y43');
    const found = await pick.search('福州');
    expect(asked).toEqual([['/enterprises', { q: '福州', per_page: 20 }]]);
    expect(found).toEqual([{ code: '91350100M000100Y43', parent: '', name_zh: '福州某科技有限公司', name_en: '福州某科技有限公司' }]);
    expect(pick.display('91350100M000100Y43')).toBe('福州某科技有限公司 91350100M000100Y43');
    expect(names.get('91350100M000100Y43')).toBe('福州某科技有限公司');
  });
  it('a fund by its name and code', () => {
    const pick = fundPicker([{ code: 'F0001', name: '国家集成电路产业投资基金' }]);
    expect(pick.items).toEqual([{ code: 'F0001', parent: '', name_zh: '国家集成电路产业投资基金', name_en: '国家集成电路产业投资基金' }]);
    expect(pick.display('F0001')).toBe('国家集成电路产业投资基金 F0001');
    expect(pick.display('F9999')).toBe('F9999');
  });
});

describe('lists in the language', () => {
  it('"、" in Chinese, ", " in English', () => {
    expect(joinNames(['在建', '投产'], 'zh-CN')).toBe('在建、投产');
    expect(joinNames(['Under construction', 'In operation'], 'en')).toBe('Under construction, In operation');
  });
});
