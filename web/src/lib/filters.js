// The period and basis chosen on any page, shared by all of them, and the
// periods the server can measure (fetched once).
import { reactive } from 'vue';
import { api } from './session.js';
import { periodRange } from './format.js';

// small: the size under which a group of enterprises is a small sample
// (flagged, left out of rankings unless asked), sent to the server as
// ?small=; kept in the browser, as the language is.
export const SMALL_DEFAULT = 10;
const SMALL_KEY = 'echelon.small';
function storedSmall() {
  try {
    const n = Number(globalThis.localStorage?.getItem(SMALL_KEY));
    return Number.isInteger(n) && n > 0 && n <= 1000000 ? n : SMALL_DEFAULT;
  } catch { return SMALL_DEFAULT; }
}
export const filters = reactive({ period: null, basis: 'cumulative', first: null, last: null, data: null, small: storedSmall() });

/** The small-sample size to send: the setting when it is a whole number in 0..1 000 000, else the default. */
export function smallSize() {
  const n = Number(filters.small);
  return Number.isInteger(n) && n >= 0 && n <= 1000000 ? n : SMALL_DEFAULT;
}
/** Keeps the setting for the next visit. */
export function keepSmall() {
  try { globalThis.localStorage?.setItem(SMALL_KEY, String(smallSize())); } catch { /* private mode: kept for this visit only */ }
}

let pending = null;
export function loadPeriods() {
  pending ||= api.get('/monitor/periods').then((p) => {
    filters.first = p.first;
    filters.last = p.last;
    filters.data = p.data || null; // {demo, enterprises}: the synthetic demo economy is said so on every page
    if (!filters.period || !periodRange(p.first, p.last).includes(filters.period)) filters.period = p.last;
    return p;
  }).catch((e) => { pending = null; throw e; });
  return pending;
}

/** Forget the cached periods (after an import changes the data). */
export function resetPeriods() {
  pending = null;
}
