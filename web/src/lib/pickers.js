// The settings of CodePicker for each catalogue: regions and SEI categories
// as cascades, industries and clusters as searchable lists, each showing a
// code with its name (a region as its full path).
import { translate } from './i18n.js';
import { clusterName, codeName, localName, regionCode, regionPath } from './names.js';

const valuesOf = (m) => (m ? [...m.values()] : []);

/** Regions: province → prefecture → county; a region shown as its path and code. */
export function regionPicker(regions, lang) {
  const tr = (k) => translate(lang, k);
  return {
    items: valuesOf(regions),
    levels: ['province', 'prefecture', 'county'],
    levelLabels: [tr('picker.province'), tr('picker.prefecture'), tr('picker.county')],
    fromValue: regionCode,
    display: (code, o) => (o?.short ? localName(regions?.get(regionCode(code)), lang) || code
      : `${regionPath(code, regions, lang)} ${code}`),
  };
}

/** SEI categories: area → direction → sub-direction, each shown as its code and name. */
export function categoryPicker(categories, lang) {
  const tr = (k) => translate(lang, k);
  return {
    items: valuesOf(categories),
    levels: [1, 2, 3],
    levelLabels: [tr('picker.area'), tr('picker.direction'), tr('picker.subDirection')],
    display: (code) => codeName(code, categories, lang),
  };
}

/** Industry classes (four digits) of GB/T 4754 as a searchable list. */
export function industryPicker(industries, lang) {
  return {
    items: valuesOf(industries).filter((e) => e.level === 'class'),
    display: (code) => codeName(code, industries, lang),
  };
}

/** Clusters (an array or a Map by code) as a searchable list, shown as name and code. */
export function clusterPicker(clusters, lang) {
  const list = Array.isArray(clusters) ? clusters : valuesOf(clusters);
  const byCode = new Map(list.map((c) => [c.code, c]));
  return {
    items: list.map((c) => ({ code: c.code, parent: '', name_zh: c.name_zh, name_en: c.name_en })),
    display: (code) => (byCode.has(code) ? `${clusterName(byCode.get(code), lang)} ${code}` : code),
  };
}

/** Funds (an array of the API's funds) as a searchable list, shown as name and code. */
export function fundPicker(funds) {
  const byCode = new Map((funds || []).map((f) => [f.code, f]));
  return {
    items: (funds || []).map((f) => ({ code: f.code, parent: '', name_zh: f.name, name_en: f.name })),
    display: (code) => (byCode.has(code) ? `${byCode.get(code).name} ${code}` : code),
  };
}

/** Enterprises, too many to hold: searched on the server by name or the
 *  beginning of the USCC (get is api.get). Shown as name and USCC once a
 *  search (or the caller, through names: a reactive Map) has named them. */
export function enterprisePicker(get, names = new Map()) {
  return {
    items: [],
    search: async (text) => {
      const r = await get('/enterprises', { q: text, per_page: 20 });
      return (r.items || []).map((e) => { names.set(e.uscc, e.name); return { code: e.uscc, parent: '', name_zh: e.name, name_en: e.name }; });
    },
    display: (code) => (names.has(code) ? `${names.get(code)} ${code}` : code),
  };
}
