// Charts that stay readable on a phone: the viewport's width as a reactive
// value, and labels shortened to the room they have (the full text goes in
// the chart's tooltip).
import { ref } from 'vue';

// Narrower than this, charts lay themselves out for a phone.
export const NARROW_PX = 600;

export const isNarrow = (widthPx) => Number(widthPx) > 0 && Number(widthPx) < NARROW_PX;

// The width of text in pixels, estimated: CJK characters and full-width
// forms take a whole em, other characters a little over half of one.
export function textWidth(text, fontSizePx = 12) {
  let em = 0;
  for (const ch of String(text ?? '')) {
    const c = ch.codePointAt(0);
    const wide = (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)
      || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0x20000 && c <= 0x3ffff);
    em += wide ? 1 : 0.56;
  }
  return em * fontSizePx;
}

// The text, cut to fit maxWidthPx with an ellipsis at the end; the text
// itself when it fits. Never cuts inside a surrogate pair.
export function shortenLabel(text, maxWidthPx, fontSizePx = 12) {
  const s = String(text ?? '');
  if (textWidth(s, fontSizePx) <= maxWidthPx) return s;
  const room = maxWidthPx - textWidth('…', fontSizePx);
  let out = '';
  for (const ch of s) {
    if (textWidth(out + ch, fontSizePx) > room) break;
    out += ch;
  }
  return `${out.replace(/[\s,，、·-]+$/u, '')}…`;
}

// The width/height ratio that shows a map of this bbox [west, south, east,
// north] undistorted, as ECharts draws it (its default aspectScale 0.75).
export function mapAspect(bbox, aspectScale = 0.75) {
  if (!Array.isArray(bbox) || bbox.length !== 4) return null;
  const [w, s, e, n] = bbox.map(Number);
  if (!(e > w) || !(n > s)) return null;
  return ((e - w) * aspectScale) / (n - s);
}

// The viewport's width, kept current (one listener for the whole app).
export const viewportWidth = ref(globalThis.innerWidth || 1366);
if (typeof globalThis.addEventListener === 'function') {
  let pending = false;
  globalThis.addEventListener('resize', () => {
    if (pending) return;
    pending = true;
    globalThis.requestAnimationFrame(() => { pending = false; viewportWidth.value = globalThis.innerWidth; });
  });
}

// The item of list shown at the tick-th turn of a rotation (the big screen
// turns its maps and charts): list[tick mod length], null for no list.
export function rotate(list, tick) {
  if (!Array.isArray(list) || !list.length) return null;
  const n = list.length;
  return list[((Math.trunc(Number(tick) || 0) % n) + n) % n];
}
