// The period and basis chosen on any page, shared by all of them, and the
// periods the server can measure (fetched once).
import { reactive } from 'vue';
import { api } from './session.js';
import { periodRange } from './format.js';

export const filters = reactive({ period: null, basis: 'cumulative', first: null, last: null, data: null });

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
