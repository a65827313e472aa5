// CSV writer (RFC 4180): fields with a comma, quote, CR or LF are quoted,
// quotes doubled; lines end in CRLF; a UTF-8 byte order mark first so that
// Excel opens Chinese text correctly. Numbers are written in full, unformatted.

export function csvField(v) {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** header: array of column titles; rows: arrays of values. */
export function toCsv(header, rows, { bom = true } = {}) {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return (bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}
