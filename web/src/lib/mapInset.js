// The South China Sea islands inset of the national map (a box at the lower
// right with the ten-dash line, as standard maps of China draw it): the name
// of its feature in virtual:geo/china (scripts/geo-plugin.js adds it from
// ECharts' own geometry) and how the maps draw it — in ink, not as a region
// with figures: no tooltip, no highlight, no click.
export const NANHAI = '南海诸岛';
// The island groups in the inset, each a feature of its own so that each is
// drawn as its own shape (features named by these keys, in ink too).
export const NANHAI_ISLANDS = ['东沙群岛', '西沙群岛', '中沙群岛', '黄岩岛', '南沙群岛'];
/** Whether a feature of the national map is the inset's (no figures). */
export const isInset = (name) => name === NANHAI || NANHAI_ISLANDS.includes(name);

const ink = { areaColor: '#7b8594', borderColor: '#7b8594', borderWidth: 0.4 };

const inked = (name, style) => ({
  name, itemStyle: style || ink, label: { show: false }, emphasis: { disabled: true }, select: { disabled: true },
  tooltip: { show: false }, silent: true,
});

// For a geo component's regions: [...insetRegions()].
export const insetRegions = (style) => [NANHAI, ...NANHAI_ISLANDS].map((name) => inked(name, style));

// For a map series' data: [...insetData()].
export const insetData = (style) => [NANHAI, ...NANHAI_ISLANDS].map((name) => ({ ...inked(name, style), value: null }));
