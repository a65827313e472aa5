// Sorting table rows by one column. Missing values (null, NaN, '') always
// go last, whichever the direction; text compares in the reader's language;
// ties keep their order (Array.prototype.sort is stable).
import { missing } from './format.js';

export function compareValues(a, b, locale) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), locale === 'en' ? 'en' : 'zh-CN', { numeric: true });
}

export function sortRows(rows, key, direction = 'desc', locale = 'zh-CN') {
  const sign = direction === 'asc' ? 1 : -1;
  const get = typeof key === 'function' ? key : (r) => r[key];
  return [...rows].sort((ra, rb) => {
    const a = get(ra);
    const b = get(rb);
    const ma = missing(a);
    const mb = missing(b);
    if (ma || mb) return ma === mb ? 0 : ma ? 1 : -1;
    return sign * compareValues(a, b, locale);
  });
}

/** The next sort state when a column header is pressed. */
export function nextSort(current, key, numeric = true) {
  if (current.key !== key) return { key, direction: numeric ? 'desc' : 'asc' };
  return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}
