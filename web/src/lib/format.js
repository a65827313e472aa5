// Number, money and date formats for both languages. Money arrives in
// thousand yuan (千元): zh-CN shows 亿元 (= 100 000 thousand yuan) or 万元
// (= 10 thousand yuan); en shows billion, million or thousand yuan.
// Every formatter turns null, undefined and NaN into an em dash.

export const DASH = '—';
const nf = new Map();

function numberFormat(locale, digits, sign = false) {
  const key = `${locale}|${digits}|${sign}`;
  if (!nf.has(key)) {
    nf.set(key, new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: sign ? 'exceptZero' : 'auto',
    }));
  }
  return nf.get(key);
}

export function missing(v) {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v));
}

/** A plain number with a fixed count of decimals, grouped by thousands. */
export function formatNumber(v, locale, digits = 0) {
  if (missing(v)) return DASH;
  return numberFormat(locale, digits).format(Number(v));
}

/** Money from thousand yuan, with its unit chosen by size. */
export function formatMoney(thousandYuan, locale, digits = 2) {
  if (missing(thousandYuan)) return DASH;
  const v = Number(thousandYuan);
  const a = Math.abs(v);
  if (locale === 'en') {
    if (a >= 1e6) return `${numberFormat(locale, digits).format(v / 1e6)} billion yuan`;
    if (a >= 1e3) return `${numberFormat(locale, digits).format(v / 1e3)} million yuan`;
    return `${numberFormat(locale, digits).format(v)} thousand yuan`;
  }
  if (a >= 1e5) return `${numberFormat(locale, digits).format(v / 1e5)}亿元`;
  return `${numberFormat(locale, digits).format(v / 10)}万元`;
}

// One unit per column, as the downloads choose it (src/format/columns.c):
// 亿元 (billion yuan) for the value added and revenue of regions, areas and
// clusters; 万元 (million yuan) for the amounts of projects, funds, matches
// and allocations. Money arrives in thousand yuan.
export const MONEY_UNITS = {
  yi: { divisor: { zh: 1e5, en: 1e6 }, name: { zh: '亿元', en: 'billion yuan' } },
  wan: { divisor: { zh: 10, en: 1e3 }, name: { zh: '万元', en: 'million yuan' } },
};
const unitOf = (unit) => MONEY_UNITS[unit] || MONEY_UNITS.yi;
const langOf = (locale) => (locale === 'en' ? 'en' : 'zh');

/** The name of a money unit ('yi' or 'wan') in the language: "亿元" / "billion yuan". */
export function moneyUnit(locale, unit = 'yi') {
  return unitOf(unit).name[langOf(locale)];
}
/** Thousand yuan in a money unit, as a number; null when missing. */
export function toMoneyUnit(thousandYuan, locale, unit = 'yi') {
  if (missing(thousandYuan)) return null;
  return Number(thousandYuan) / unitOf(unit).divisor[langOf(locale)];
}
/** A cell of a money column: the figure in the column's unit, grouped, without the unit. */
export function formatMoneyIn(thousandYuan, locale, unit = 'yi', digits = 2) {
  return formatNumber(toMoneyUnit(thousandYuan, locale, unit), locale, digits);
}
/** A column header with its unit: "总投资（万元）" / "Total investment, million yuan". */
export function withUnit(label, unitName, locale) {
  return locale === 'en' ? `${label}, ${unitName}` : `${label}（${unitName}）`;
}
/** A money column's header: the label with the unit's name. */
export function moneyLabel(label, locale, unit = 'yi') {
  return withUnit(label, moneyUnit(locale, unit), locale);
}
/** A signed figure for a column whose header carries the unit (percentage points): "+4.2". */
export function formatSigned(v, locale, digits = 1) {
  if (missing(v)) return DASH;
  return numberFormat(locale, digits, true).format(Number(v));
}

/** A percentage: 2.9 -> "2.9%"; signed adds "+" to growth. */
export function formatPct(v, locale, { digits = 1, signed = false } = {}) {
  if (missing(v)) return DASH;
  return `${numberFormat(locale, digits, signed).format(Number(v))}%`;
}

/** Percentage points: "+4.2 pp" / "+4.2个百分点" (never "pp" in Chinese). */
export function formatPp(v, locale, { digits = 1 } = {}) {
  if (missing(v)) return DASH;
  const n = numberFormat(locale, digits, true).format(Number(v));
  return locale === 'en' ? `${n} pp` : `${n}个百分点`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function parsePeriod(p) {
  const m = /^(\d{4})-(\d{2})$/.exec(p || '');
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: Number(m[1]), month };
}

/** "2020-06" -> "2020年6月" / "Jun 2020". */
export function formatPeriod(p, locale) {
  const x = parsePeriod(p);
  if (!x) return p ? String(p) : DASH;
  return locale === 'en' ? `${MONTHS_EN[x.month - 1]} ${x.year}` : `${x.year}年${x.month}月`;
}

/** The months a cumulative figure covers: "2020年1—6月" / "Jan–Jun 2020". */
export function formatCumulative(p, locale) {
  const x = parsePeriod(p);
  if (!x) return formatPeriod(p, locale);
  if (x.month === 1) return formatPeriod(p, locale);
  return locale === 'en' ? `Jan–${MONTHS_EN[x.month - 1]} ${x.year}` : `${x.year}年1—${x.month}月`;
}

/** Short month label for chart axes: "6月" / "Jun". */
export function formatMonth(p, locale) {
  const x = parsePeriod(p);
  if (!x) return String(p);
  return locale === 'en' ? MONTHS_EN[x.month - 1] : `${x.month}月`;
}

/** An ISO date or timestamp in the reader's language. */
export function formatDate(iso, locale, withTime = false) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric',
    // a moment in Beijing time (the server keeps UTC); a date as written
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai', timeZoneName: 'short' } : { timeZone: 'UTC' }),
  }).format(d);
}

/** Every period from first to last inclusive, "YYYY-MM". */
export function periodRange(first, last) {
  const a = parsePeriod(first);
  const b = parsePeriod(last);
  if (!a || !b) return [];
  const out = [];
  for (let y = a.year, m = a.month; y < b.year || (y === b.year && m <= b.month);) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}
