// Downloads are made by the server (GET …?format=csv|xlsx&lang=zh|en), the
// same file that `echelon … --format xlsx` writes: names and units in the
// language, figures rounded as shown, codes named, Beijing time, and the
// disclosure control applied. The dashboard only builds the address.

/** The address of a table route's download: path under /api/v1, the
 *  route's own query, the format and the dashboard's language. */
export function downloadUrl(path, query, format, locale) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  q.set('format', format);
  q.set('lang', locale === 'en' ? 'en' : 'zh');
  return `/api/v1${path}?${q}`;
}

/** Saves text made in the browser (a list of problems) as a file. */
export function saveText(filename, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves a file a job answered ({media_type, filename, base64}: a report's
 *  PDF printed as a job). */
export function saveJobFile(file) {
  const text = atob(file.base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.media_type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
