// Reference names from the catalogue, fetched once and kept: regions and
// SEI categories by code, in both languages.
import { api } from './session.js';
import { translate } from './i18n.js';
import { localName } from './names.js';

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

export { localName };

let industries = null;
/** The industry classification (GB/T 4754) by code: sections, divisions, groups and classes. */
export function loadIndustries() {
  industries ||= api.get('/catalog/industries').then((rows) => new Map(rows.map((r) => [r.code, r])))
    .catch((e) => { industries = null; throw e; });
  return industries;
}

// Enterprise names by USCC, asked for once each (GET /enterprises/{uscc}).
const owners = new Map();
/** The names of the enterprises with these USCCs: a Map uscc -> name; unknown ones are left out. */
export async function loadOwnerNames(usccs) {
  const wanted = [...new Set(usccs.filter(Boolean))];
  await Promise.all(wanted.filter((u) => !owners.has(u)).map((u) => {
    const p = api.get(`/enterprises/${encodeURIComponent(u)}`).then((r) => (r?.enterprise || r)?.name || null).catch(() => null);
    owners.set(u, p);
    return p;
  }));
  const out = new Map();
  for (const u of wanted) { const name = await owners.get(u); if (name) out.set(u, name); }
  return out;
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
