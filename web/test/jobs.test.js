import { describe, expect, it } from 'vitest';
import { stepText } from '../src/lib/jobs.js';

// The allocation's step lines (src/lib/allocate.c, its progress calls) as
// the server sends them: each has a label in both languages, none is shown
// as the server's English on a Chinese page.
const ALLOCATION_STEPS = [
  'LP relaxation: 122993 columns, 28991 rows (116502 fund-project pairs)',
  'whole tickets: 116502 binaries, 252665 rows',
  'improving the rounded plan: open tickets 295 (at most 30 s)',
  'branch and bound (at most 60 s)',
  'branch and bound (no time limit)',
];

describe('job steps', () => {
  it('every allocation step has a Chinese label', () => {
    for (const step of ALLOCATION_STEPS) {
      const zh = stepText(step, 'zh-CN');
      expect(zh, step).not.toBe(step);
      expect(zh, step).not.toMatch(/[A-Za-z]{3,}/);
    }
  });
  it('the neighbourhood search step keeps its figures', () => {
    expect(stepText('improving the rounded plan: open tickets 295 (at most 0.5 s)', 'zh-CN')).toBe(
      '改进取整方案：295 张票额待定（至多 0.5 秒）');
  });
});
