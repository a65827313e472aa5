// The palette: dark enough on white to pass WCAG AA for text (4.5:1) and
// chart marks (3:1).
export const C = {
  sei: '#0b5cad',     // blue, SEI
  all: '#6b7280',     // grey, all industry
  up: '#0b7a3e',
  down: '#b42318',
  grid: '#e5e7eb',
  text: '#1f2937',
  muted: '#4b5563',
};

// Diverging scale for growth and gap (negative red, positive blue-green).
export const DIVERGING = ['#b42318', '#e8836f', '#f4f1ea', '#6fa8dc', '#0b5cad'];
// Sequential scale for shares.
export const SEQUENTIAL = ['#eef4fb', '#9ec3e6', '#4a8bc9', '#0b5cad', '#06325f'];

// The nine SEI areas, one hue each (a qualitative scale after Tableau 10,
// each 3:1 on white), for charts that colour categories by their area.
export const AREAS = ['#1f77b4', '#d9480f', '#2b8a3e', '#c92a2a', '#7048e8', '#8c564b', '#c2255c', '#5c6b73', '#a27400'];
export const areaColor = (code) => AREAS[(parseInt(String(code), 10) - 1 + AREAS.length) % AREAS.length] || C.muted;
