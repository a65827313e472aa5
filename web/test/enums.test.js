import { afterEach, describe, expect, it, vi } from 'vitest';
import E from './fixtures/enums.json';

// The enumerations come from GET /enums once per page load; a failure is
// not kept, so the next page asks again.
const get = vi.fn();
vi.mock('../src/lib/session.js', () => ({ api: { get: (...a) => get(...a) } }));

describe('loadEnums', () => {
  afterEach(() => { get.mockReset(); vi.resetModules(); });
  it('asks the server once and keeps the answer', async () => {
    const { loadEnums } = await import('../src/lib/enums.js');
    get.mockResolvedValue(E);
    expect(await loadEnums()).toBe(E);
    expect(await loadEnums()).toBe(E);
    expect(get).toHaveBeenCalledTimes(1);
    expect(get).toHaveBeenCalledWith('/enums');
  });
  it('asks again after a failure', async () => {
    const { loadEnums } = await import('../src/lib/enums.js');
    get.mockRejectedValueOnce(new Error('HTTP 500')).mockResolvedValue(E);
    await expect(loadEnums()).rejects.toThrow('HTTP 500');
    expect(await loadEnums()).toBe(E);
    expect(get).toHaveBeenCalledTimes(2);
  });
});

describe('the answer of GET /enums (fixture)', () => {
  it('names every list the dashboard reads, and ties the mappings to its lists', () => {
    for (const k of ['stages', 'project_kinds', 'funding_sources', 'fund_types', 'coinvest', 'tiers', 'roles', 'alert_kinds']) {
      expect(Array.isArray(E[k]) && E[k].length > 0, k).toBe(true);
    }
    expect(Object.keys(E.fund_type_sources)).toEqual(E.fund_types);
    for (const s of Object.values(E.fund_type_sources)) expect(E.funding_sources).toContain(s);
    for (const c of E.stage_changes) {
      expect(E.stages).toContain(c.from);
      expect(E.stages).toContain(c.to);
      expect(c.from).not.toBe(c.to);
      expect(typeof c.needs_project).toBe('boolean');
    }
  });
});
