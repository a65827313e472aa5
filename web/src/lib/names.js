// Names for codes, from the catalogues: a region as its full path
// (省·市·区县, or "County, Prefecture, Province" in English), an industry,
// SEI category or cluster as its code with its name, a list of codes
// ("1.2;4") as names. Pure functions over the catalogue maps (code -> entry).
import { splitList } from './clusters.js';

/** An entry's name in lang, falling back to the other language and the code. */
export function localName(entry, lang) {
  if (!entry) return null;
  return (lang === 'en' ? entry.name_en : entry.name_zh) || entry.name_zh || entry.name_en || entry.code;
}

/** A region code as its six digits: a target prefix "51" -> "510000", "5101" -> "510100". */
export function regionCode(code) {
  const c = String(code ?? '').trim();
  return /^\d{2}$|^\d{4}$/.test(c) ? c.padEnd(6, '0') : c;
}

/** A region code as the prefix a fund targets: "510000" -> "51", "510100" -> "5101" (as the library's ec_region_prefix). */
export function regionPrefix(code) {
  const c = String(code ?? '');
  if (/^\d{2}0000$/.test(c)) return c.slice(0, 2);
  if (/^\d{4}00$/.test(c)) return c.slice(0, 4);
  return c;
}

// Prefectures that are only an administrative grouping (北京市市辖区, 省直辖县级行政区划, 重庆市县): left out of paths.
const groupingOnly = (e) => e.level === 'prefecture' && (/辖/.test(e.name_zh || '') || /^.+市县$/.test(e.name_zh || ''));

/** The catalogue entries from the province down to the region, or [] when the code is not known. */
export function regionChain(code, regions) {
  const chain = [];
  for (let e = regions?.get(regionCode(code)), n = 0; e && n < 4; e = e.parent ? regions.get(e.parent) : null, n++) chain.unshift(e);
  return chain;
}

/** "湖南省·株洲市·荷塘区" / "Hetang District, Zhuzhou, Hunan"; the code itself when not in the catalogue. */
export function regionPath(code, regions, lang) {
  const chain = regionChain(code, regions).filter((e, i, all) => i === all.length - 1 || !groupingOnly(e));
  if (!chain.length) return code ? String(code) : '';
  const names = chain.map((e) => localName(e, lang));
  return lang === 'en' ? names.reverse().join(', ') : names.join('·');
}

/** A code with its name: "3445 泵及真空设备制造"; the code alone when not known. */
export function codeName(code, map, lang) {
  if (!code) return '';
  const name = localName(map?.get(String(code)), lang);
  return name && name !== code ? `${code} ${name}` : String(code);
}

/** A cluster's name in lang (a cluster entry carries name_zh and name_en). */
export function clusterName(cluster, lang) {
  if (!cluster) return '';
  return (lang === 'en' ? cluster.name_en || cluster.name_zh : cluster.name_zh || cluster.name_en) || cluster.code;
}

/** A list of codes ("1.2;4", "11;5101") as their names, one per code, in the list's order. */
export function listNames(list, nameOf) {
  return splitList(list).map((code) => nameOf(code) || code);
}

/** The list separator of the language: "、" in Chinese, ", " in English. */
export function joinNames(names, lang) {
  return names.join(lang === 'en' ? ', ' : '、');
}
