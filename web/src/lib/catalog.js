// Reference names from the catalogue, fetched once and kept: regions and
// SEI categories by code, in both languages.
import { api } from './session.js';
import { translate } from './i18n.js';

let regions = null;
let categories = null;

export function loadRegions() {
  regions ||= api.get('/catalog/regions').then((rows) => new Map(rows.map((r) => [r.code, r])))
    .catch((e) => { regions = null; throw e; });
  return regions;
}

export function loadCategories() {
  categories ||= api.get('/catalog/categories').then((rows) => new Map(rows.map((r) => [r.code, r])))
    .catch((e) => { categories = null; throw e; });
  return categories;
}

export function localName(entry, lang) {
  if (!entry) return null;
  return (lang === 'en' ? entry.name_en : entry.name_zh) || entry.name_zh || entry.name_en || entry.code;
}

/** The name of a monitoring row's group in lang, given the catalogues. */
export function groupName(row, lang, regionMap, categoryMap) {
  switch (row.group_kind) {
    case 'all': return translate(lang, 'group.all');
    case 'sei': return translate(lang, 'group.sei');
    case 'area':
    case 'direction':
      return localName(categoryMap?.get(row.group_code), lang) || row.group_name || row.group_code;
    case 'province':
    case 'prefecture':
      return localName(regionMap?.get(row.group_code), lang) || row.group_name || row.group_code;
    case 'area_province': {
      const c = localName(categoryMap?.get(row.group_code), lang) || row.group_code;
      const r = localName(regionMap?.get(row.region), lang) || row.region;
      return lang === 'en' ? `${c}, ${r}` : `${c}·${r}`;
    }
    default: return row.group_name || row.group_code;
  }
}
