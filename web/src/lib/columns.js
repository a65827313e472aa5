// The columns of a monitoring table, their labels and formats, shared by the
// table and the charts (downloads are the server's: lib/download.js).
import { formatMoney, formatMoneyIn, formatNumber, formatPct, formatPp, formatSigned, moneyLabel } from './format.js';
import { translate } from './i18n.js';

export const METRICS = ['growth_pct', 'gap_pp', 'share_pct', 'contribution_pct', 'pull_pp', 'rd_intensity_pct'];

/** A figure with its unit, for a chart or a sentence. */
export function metricFormat(key, v, lang) {
  if (key === 'gap_pp' || key === 'pull_pp') return formatPp(v, lang, { digits: key === 'pull_pp' ? 2 : 1 });
  if (key === 'growth_pct') return formatPct(v, lang, { signed: true });
  if (key.endsWith('_pct')) return formatPct(v, lang);
  if (key === 'enterprises' || key === 'employees') return formatNumber(v, lang);
  return formatMoney(v, lang);
}

/** A figure in a table cell, whose column header carries the unit of percentage points. */
export function metricCell(key, v, lang) {
  if (key === 'gap_pp' || key === 'pull_pp') return formatSigned(v, lang, key === 'pull_pp' ? 2 : 1);
  return metricFormat(key, v, lang);
}

/** Why the disclosure control hid a row's figures (the API's
 *  "suppression": threshold, dominance or complement), or null when shown. */
export const hiddenWhy = (r) => (r && r.suppressed ? r.suppression || 'threshold' : null);

/** Columns of the monitoring table: name first, then figures (a hidden
 *  figure shows a mark saying why: DataTable, SdcMark). */
export function monitorColumns(lang) {
  const tr = (k) => translate(lang, k);
  const money = (key) => ({ key, label: moneyLabel(tr(`col.${key}`), lang, 'yi'),
    numeric: true, format: (r) => formatMoneyIn(r[key], lang, 'yi'), raw: (r) => r[key], hidden: hiddenWhy });
  return [
    { key: 'name', label: tr('col.name'), numeric: false, format: (r) => r.name, raw: (r) => r.name },
    { key: 'group_code', label: tr('col.code'), numeric: false, format: (r) => r.group_code, raw: (r) => r.group_code },
    { key: 'enterprises', label: tr('col.enterprises'), numeric: true, format: (r) => formatNumber(r.enterprises, lang), raw: (r) => r.enterprises },
    money('value_added'),
    ...METRICS.filter((k) => k !== 'rd_intensity_pct').map((key) => ({ key, label: tr(`col.${key}`), numeric: true, format: (r) => metricCell(key, r[key], lang), raw: (r) => r[key], hidden: hiddenWhy })),
    money('revenue'),
    { key: 'employees', label: tr('col.employees'), numeric: true, format: (r) => formatNumber(r.employees, lang), raw: (r) => r.employees, hidden: hiddenWhy },
    { key: 'rd_intensity_pct', label: tr('col.rd_intensity_pct'), numeric: true, format: (r) => formatPct(r.rd_intensity_pct, lang), raw: (r) => r.rd_intensity_pct, hidden: hiddenWhy },
  ];
}
