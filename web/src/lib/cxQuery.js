// The question the pages on regional structure share (opportunities, the
// category space, a region's profile): the year, the level of the regions,
// the categories and the region. Module state, so a region chosen on one
// page is the region of the next; each page asks the API with it.
import { computed, reactive, watch } from 'vue';
import { api } from './session.js';
import { filters } from './filters.js';
import { loadRegions, localName } from './catalog.js';
import { locale } from './i18n.js';
import { useAsync } from './useAsync.js';

export const cx = reactive({ level: 'province', by: 'sei3', region: '' });

/** The last whole year with reports: the period's year, or the one before when the period is not a December. */
export const cxYear = computed(() => {
  const p = filters.period || filters.last;
  if (!p) return null;
  const [y, m] = p.split('-').map(Number);
  return m === 12 ? y : y - 1;
});

export const cxLang = () => (locale.value === 'en' ? 'en' : 'zh');

/** The API's query for a view of the shared question, plus extra parameters. */
export function cxParams(show, extra = {}) {
  const q = { year: cxYear.value, regions: cx.level, by: cx.by, lang: cxLang(), ...extra };
  if (show) q.show = show;
  return q;
}

/** The level of a region code: a province ends in 0000, a prefecture in 00. */
export function levelOf(code) {
  if (/^\d{2}0000$/.test(code)) return 'province';
  if (/^\d{4}00$/.test(code)) return 'prefecture';
  return 'county';
}

/**
 * The regions of the shared question (GET /complexity, the regions view) and
 * their names; when the region chosen is not among them, the most diverse
 * (a good first example) unless keep says to leave it.
 */
export function useCxRegions({ keep = false } = {}) {
  const regions = useAsync(loadRegions);
  const list = useAsync(async () => (cxYear.value ? api.get('/complexity', cxParams(null)) : null),
    () => [cxYear.value, cx.level, cx.by, locale.value]);
  if (!keep) {
    watch(() => list.data.value, (d) => {
      const rows = d?.rows || [];
      if (!rows.some((r) => r.region === cx.region)) {
        const first = [...rows].sort((a, b) => (b.diversity || 0) - (a.diversity || 0))[0];
        cx.region = first ? first.region : '';
      }
    });
  }
  const name = (code) => localName(regions.data.value?.get(code), locale.value) || code;
  const options = computed(() => (list.data.value?.rows || [])
    .map((r) => ({ code: r.region, name: name(r.region), eci: r.eci }))
    .sort((a, b) => a.code.localeCompare(b.code)));
  return { regions, list, name, options };
}
