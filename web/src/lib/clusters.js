// The cluster echelon's logic that the pages share and the tests check:
// the colours of tiers, list fields, the years to evaluate, rank history,
// the radar of the four projects, bubble sizes on the map, spreading
// clusters that sit on the same point, and circles of a radius in km. The
// tiers themselves and their order are the library's (enums.tiers, GET
// /enums).
import { missing } from './format.js';

// Dark enough for 3:1 against the light map and white; keyed by tier code.
export const TIER_COLORS = { base: '#b45309', cluster: '#0b5cad', ecosystem: '#0b7a3e', none: '#6b7280' };
export const CANDIDATE_COLOR = '#b42318';

/** The four projects of the policy and the entered indicators of each. */
export const PROJECTS = {
  innovation: ['innovation_platforms', 'rd_institutions', 'incubators'],
  integration: ['park_area_km2', 'resident_population', 'housing_units', 'transit_lines'],
  scenarios: ['scenarios_published', 'scenarios_landed'],
  service: ['agency_staff', 'service_platforms', 'standards_led'],
};
export const PROJECT_KEYS = Object.keys(PROJECTS);

/** "110108;110114" or ["110108"] -> ["110108", "110114"]. */
export function splitList(v) {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  return String(v ?? '').split(/[;,\s]+/).map((x) => x.trim()).filter(Boolean);
}

/** Every year from the first period's to the last's ("YYYY-MM"), ascending. */
export function yearsOf(first, last) {
  const a = Number(String(first || '').slice(0, 4));
  const b = Number(String(last || '').slice(0, 4));
  if (!a || !b || a > b) return [];
  const out = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

/**
 * A cluster's rank by year from the evaluations of several years (each
 * {year, rows} or an Error / null when that year could not be evaluated).
 * Returns [{year, rank, of, recommended, closeness, movement}] in year
 * order; rank is null when the year is missing or the cluster not ranked.
 */
export function rankHistory(evaluations, code) {
  return evaluations
    .filter((e) => e && !(e instanceof Error) && Number.isFinite(Number(e.year)))
    .map((e) => {
      const rows = Array.isArray(e.rows) ? e.rows : [];
      const r = rows.find((x) => x.code === code);
      return {
        year: Number(e.year),
        rank: r && !missing(r.rank) ? Number(r.rank) : null,
        of: rows.length,
        recommended: r?.recommended ?? null,
        closeness: r && !missing(r.closeness) ? Number(r.closeness) : null,
        movement: r?.movement ?? null,
      };
    })
    .sort((a, b) => a.year - b.year);
}

/** {indicator: value} of one year from the entered rows [{year, indicator, value}]. */
export function enteredByYear(entered) {
  const m = new Map();
  for (const e of entered || []) {
    if (missing(e.value)) continue;
    if (!m.has(e.year)) m.set(e.year, {});
    m.get(e.year)[e.indicator] = Number(e.value);
  }
  return m;
}

/**
 * The radar of the four projects, scaled within the cluster's own years:
 * each entered indicator is divided by its largest value over the years
 * (so the best year is 1), and a project's score is the mean of its
 * indicators that have a value. Returns {years, series: [{year, values:
 * [innovation, integration, scenarios, service] (null when the project has
 * no indicator that year)}]} in year order.
 */
export function radarSeries(entered) {
  const byYear = enteredByYear(entered);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const max = {};
  for (const y of years) {
    for (const [k, v] of Object.entries(byYear.get(y))) max[k] = Math.max(max[k] ?? 0, v);
  }
  const series = years.map((year) => {
    const got = byYear.get(year);
    return {
      year,
      values: PROJECT_KEYS.map((p) => {
        const parts = PROJECTS[p].filter((k) => k in got).map((k) => (max[k] > 0 ? got[k] / max[k] : 0));
        return parts.length ? Math.round((parts.reduce((s, x) => s + x, 0) / parts.length) * 1000) / 1000 : null;
      }),
    };
  });
  return { years, series };
}

/** Bubble diameter in pixels for value added, by area (square root), between lo and hi. */
export function bubbleSize(value, maxValue, lo = 6, hi = 34) {
  if (missing(value) || !(Number(value) > 0) || !(Number(maxValue) > 0)) return lo;
  return Math.round((lo + (hi - lo) * Math.sqrt(Math.min(1, Number(value) / Number(maxValue)))) * 10) / 10;
}

/**
 * Points that share a position (several clusters in one city) are placed
 * on a small ring around it so that each can be seen and pointed at.
 * items: [{lat, lon, ...}]; returns copies with `at: [lon, lat]`; items
 * without coordinates are left out.
 */
export function spreadPoints(items, step = 0.35) {
  const groups = new Map();
  for (const it of items) {
    if (missing(it.lat) || missing(it.lon)) continue;
    const key = `${Number(it.lat).toFixed(3)},${Number(it.lon).toFixed(3)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(it);
  }
  const out = [];
  for (const list of groups.values()) {
    list.forEach((it, i) => {
      const lon = Number(it.lon);
      const lat = Number(it.lat);
      if (list.length === 1) { out.push({ ...it, at: [lon, lat] }); return; }
      const angle = (2 * Math.PI * i) / list.length;
      const r = step * (1 + Math.floor(list.length / 8) * 0.5);
      out.push({ ...it, at: [Math.round((lon + r * Math.cos(angle)) * 1e4) / 1e4, Math.round((lat + r * Math.sin(angle)) * 1e4) / 1e4] });
    });
  }
  return out;
}

/** A circle of radiusKm around (lat, lon) as n+1 [lon, lat] points (closed), on a sphere. */
export function circleCoords(lat, lon, radiusKm, n = 48) {
  const R = 6371.0088;
  const d = Math.max(0, Number(radiusKm) || 0) / R;
  const phi1 = (Number(lat) * Math.PI) / 180;
  const lam1 = (Number(lon) * Math.PI) / 180;
  const out = [];
  for (let i = 0; i <= n; i++) {
    const b = (2 * Math.PI * (i % n)) / n;
    const phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(b));
    const lam2 = lam1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(phi1), Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
    out.push([Math.round(((lam2 * 180) / Math.PI) * 1e5) / 1e5, Math.round(((phi2 * 180) / Math.PI) * 1e5) / 1e5]);
  }
  return out;
}

/** A zoom and centre for the map that show every point given ([lon, lat]), within China's extent. */
export function fitView(points, { minZoom = 1, maxZoom = 12 } = {}) {
  const ok = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (!ok.length) return { zoom: minZoom, center: null };
  const lons = ok.map((p) => p[0]);
  const lats = ok.map((p) => p[1]);
  const w = Math.max(...lons) - Math.min(...lons);
  const h = Math.max(...lats) - Math.min(...lats);
  // China spans about 62 degrees of longitude and 36 of latitude.
  const zoom = Math.max(minZoom, Math.min(maxZoom, 0.8 * Math.min(62 / Math.max(w, 0.5), 36 / Math.max(h, 0.5))));
  return { zoom: Math.round(zoom * 100) / 100, center: [(Math.max(...lons) + Math.min(...lons)) / 2, (Math.max(...lats) + Math.min(...lats)) / 2] };
}

/** Stars as text: 2 -> "★★☆". */
export function starText(n, of = 3) {
  const k = Math.max(0, Math.min(of, Number(n) || 0));
  return '★'.repeat(k) + '☆'.repeat(of - k);
}

/** The arrow for an evaluation's movement. */
export function movementMark(m) {
  return { up: '▲', down: '▼', same: '▬', new: '●' }[m] || '';
}

/**
 * Rows of the registry joined with the latest evaluation (by code):
 * value added, growth, LQ, stars, rank, recommended tier.
 */
export function joinEvaluation(clusters, evaluation) {
  const byCode = new Map((evaluation?.rows || []).map((r) => [r.code, r]));
  return (clusters || []).map((c) => {
    const e = byCode.get(c.code);
    return {
      ...c,
      value_added: e?.value_added ?? null,
      va_growth_pct: e?.va_growth_pct ?? null,
      lq: e?.lq ?? null,
      stars: e?.stars ?? null,
      rank: e?.rank ?? null,
      recommended: e?.recommended ?? null,
      movement: e?.movement ?? null,
    };
  });
}

/** Counts of clusters by tier (enums.tiers) and in all. */
export function tierCounts(clusters, enums) {
  const n = { all: 0, ...Object.fromEntries((enums?.tiers || []).map((tr) => [tr, 0])) };
  for (const c of clusters || []) {
    n.all++;
    if (c.tier in n) n[c.tier]++;
  }
  return n;
}

/** Who may run discovery and who may change clusters (the server enforces the same). */
export const DISCOVER_ROLES = ['admin', 'analyst', 'agency'];
export function mayEdit(user, code) {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'analyst') return true;
  if (user.role !== 'agency') return false;
  return String(user.scope || '').split(/[;,\s]+/).filter(Boolean).includes(code);
}
