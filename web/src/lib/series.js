// Series over time, for the explorer's "over time" view and the profiles:
// the server's /monitor/series rows (group after group, each by month)
// turned into chart lines and a table of months × groups.
import { periodRange } from './format.js';

/** The months from..to that lie within first..last (all of them when
 *  from or to is empty); [] when the range and the data do not meet. */
export function clampRange(from, to, first, last) {
  const all = periodRange(first, last);
  return all.filter((p) => (!from || p >= from) && (!to || p <= to));
}

/** Lines of one metric for groups: the months every group has (sorted),
 *  and for each group its values there (null where suppressed or not
 *  measured), and why a hidden one was hidden. rows: the series' rows;
 *  codes: the groups in order. */
export function seriesLines(rows, codes, metric) {
  const periods = [...new Set((rows || []).map((r) => r.period))].sort();
  const at = new Map((rows || []).map((r) => [`${r.group_code}|${r.period}`, r]));
  const lines = (codes || []).map((code) => {
    const first = (rows || []).find((r) => r.group_code === code);
    return {
      code,
      row: first || null,
      values: periods.map((p) => {
        const r = at.get(`${code}|${p}`);
        const v = r && !r.suppressed ? r[metric] : null;
        return v === null || v === undefined || !Number.isFinite(Number(v)) ? null : Number(v);
      }),
      // why the disclosure control hid a month's figure (null where shown)
      hidden: periods.map((p) => {
        const r = at.get(`${code}|${p}`);
        return r && r.suppressed ? r.suppression || 'threshold' : null;
      }),
    };
  });
  return { periods, lines };
}

/** A table of months × groups from seriesLines: one row a month, the
 *  group's value under its code (and why it was hidden under code#hidden). */
export function seriesTable({ periods, lines }) {
  return periods.map((period, i) => {
    const row = { period };
    for (const l of lines) {
      row[l.code] = l.values[i];
      if (l.hidden && l.hidden[i]) row[`${l.code}#hidden`] = l.hidden[i];
    }
    return row;
  });
}
