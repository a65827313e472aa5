// Series over time, for the explorer's "over time" view and the profiles:
// the server's /monitor/series rows (group after group, each by month)
// turned into chart lines and a table of months × groups, and an
// enterprise's own growth from its monthly reports.
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

const pct = (now, before) => (before > 0 && Number.isFinite(now) ? ((now - before) / before) * 100 : null);

/** An enterprise's growth from its reports (at current prices: a single
 *  enterprise has no deflator of its own; docs/methods.md): each month's
 *  value added against the same month a year earlier, and January to the
 *  month against the same months a year earlier (the months reported in
 *  both years). null where the year before has nothing to compare. */
export function reportGrowth(reports) {
  const by = new Map((reports || []).map((r) => [r.period, Number(r.value_added) || 0]));
  const prev = (p) => `${Number(p.slice(0, 4)) - 1}${p.slice(4)}`;
  return [...by.keys()].sort().map((period) => {
    const year = period.slice(0, 4);
    const month = Number(period.slice(5, 7));
    let now = 0;
    let before = 0;
    let both = 0;
    for (let m = 1; m <= month; m++) {
      const p = `${year}-${String(m).padStart(2, '0')}`;
      if (by.has(p) && by.has(prev(p))) {
        now += by.get(p);
        before += by.get(prev(p));
        both++;
      }
    }
    return {
      period,
      value_added: by.get(period),
      growth_pct: by.has(prev(period)) ? pct(by.get(period), by.get(prev(period))) : null,
      cumulative_growth_pct: both ? pct(now, before) : null,
    };
  });
}
