// The South China Sea islands inset of the national map (a box at the lower
// right with the ten-dash line, as standard maps of China draw it): the name
// of its feature in virtual:geo/china (scripts/geo-plugin.js adds it from
// ECharts' own geometry) and how the maps draw it — in ink, not as a region
// with figures: no tooltip, no highlight, no click.
export const NANHAI = '南海诸岛';

const ink = { areaColor: '#7b8594', borderColor: '#7b8594', borderWidth: 0.4 };

// For a geo component's regions: [...].
export const insetRegion = () => ({
  name: NANHAI, itemStyle: ink, label: { show: false }, emphasis: { disabled: true }, select: { disabled: true },
  tooltip: { show: false }, silent: true,
});

// For a map series' data: [...].
export const insetDatum = () => ({
  name: NANHAI, value: null, itemStyle: ink, label: { show: false }, emphasis: { disabled: true }, select: { disabled: true },
  tooltip: { show: false }, silent: true,
});
