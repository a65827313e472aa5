// The client of echelon's JSON API (/api/v1, docs/api/README.md). Every
// failure becomes an ApiError carrying the server's error.message, so that a
// page can always say what went wrong. State-changing requests carry the
// session's CSRF token; cookies are HttpOnly and sent same-origin.

export class ApiError extends Error {
  constructor({ status = 0, code = 'network', message, field = null, line = null, problems = null, total = null }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.line = line;
    this.problems = problems;
    this.total = total;
  }
}

const CODES = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  409: 'conflict', 413: 'too_large', 422: 'rejected', 429: 'too_many_requests', 500: 'internal', 503: 'unavailable' };

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** The error of a finished job that did not succeed, as the route would have thrown it. */
export function jobError(job) {
  const err = errorFromResponse(job.http_status || 500, '', JSON.stringify({ error: job.error || {} }));
  if (job.state === 'cancelled') err.code = 'cancelled';
  err.job = job;
  return err;
}

/** Turns a non-2xx answer (status, body text, headers.get) into an ApiError. */
export function errorFromResponse(status, statusText, text, getHeader = () => null) {
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  const e = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : null;
  let message = e && typeof e.message === 'string' && e.message ? e.message : `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const retry = status === 429 ? Number(getHeader('Retry-After')) : NaN;
  const err = new ApiError({
    status,
    code: (e && e.code) || CODES[status] || (status >= 500 ? 'internal' : 'bad_request'),
    message,
    field: e?.field ?? null,
    line: e?.line ?? null,
    problems: Array.isArray(e?.problems) ? e.problems : null,
    total: typeof e?.total === 'number' ? e.total : Array.isArray(e?.problems) ? e.problems.length : null,
  });
  if (Number.isFinite(retry)) err.retryAfter = retry;
  // the first problem's code and parameters, for its words in the user's language (problems.js)
  err.problem = typeof e?.problem === 'string' ? e.problem : null;
  err.params = e?.params && typeof e.params === 'object' ? e.params : null;
  // a rejected import: every kind of problem with its count (docs/api/README.md)
  err.groups = Array.isArray(e?.groups) ? e.groups : null;
  err.other_kinds = typeof e?.other_kinds === 'number' ? e.other_kinds : 0;
  return err;
}

export function queryString(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function createApi({ base = '/api/v1', fetchImpl = (...a) => globalThis.fetch(...a), onUnauthorized = () => {}, sleep = wait } = {}) {
  let csrf = null;

  /**
   * Long work answers 202 with a job (docs/api/README.md, "Jobs"): polls it
   * until it finishes, telling onJob each state (step, fraction, eta_s,
   * position), and gives the route's answer, or throws its error.
   */
  async function waitJob(job, onJob = () => {}) {
    let delay = 200;
    for (;;) {
      onJob(job);
      if (FINISHED.has(job.state)) {
        if (job.state === 'done') return job.result;
        throw jobError(job);
      }
      await sleep(delay);
      delay = Math.min(2000, Math.round(delay * 1.5));
      job = await request('GET', `/jobs/${encodeURIComponent(job.id)}`);
    }
  }

  async function request(method, path, { params, body, headers = {}, onJob } = {}) {
    const h = { Accept: 'application/json', ...headers };
    if (method !== 'GET' && method !== 'HEAD' && csrf) h['X-CSRF-Token'] = csrf;
    let payload = body;
    if (body !== undefined && !(typeof body === 'string') && !(body instanceof Blob) && !(typeof FormData !== 'undefined' && body instanceof FormData)) {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetchImpl(base + path + queryString(params), { method, headers: h, body: payload, credentials: 'same-origin' });
    } catch (cause) {
      throw new ApiError({ status: 0, code: 'network', message: `network error: ${cause?.message || cause}` });
    }
    const text = await res.text();
    if (!res.ok) {
      const err = errorFromResponse(res.status, res.statusText, text, (n) => res.headers?.get?.(n));
      if (res.status === 401 && path !== '/session') onUnauthorized(err);
      throw err;
    }
    if (!text) return null;
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError({ status: res.status, code: 'bad_response', message: `${path}: the server's answer is not JSON` });
    }
    if (res.status === 202 && parsed && parsed.job && method !== 'DELETE') return waitJob(parsed.job, onJob);
    return parsed;
  }

  /** Sends a file as multipart/form-data with upload progress (0..1). */
  function upload(path, file, { params, onProgress = () => {}, onJob, XHR = globalThis.XMLHttpRequest } = {}) {
    return new Promise((resolve, reject) => {
      const xhr = new XHR();
      xhr.open('POST', base + path + queryString(params));
      xhr.withCredentials = false; // same-origin cookies are sent regardless
      xhr.setRequestHeader('Accept', 'application/json');
      if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) onProgress(ev.loaded / ev.total); };
      xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', message: 'network error: the upload did not reach the server' }));
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          let answer;
          try { answer = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch {
            reject(new ApiError({ status: xhr.status, code: 'bad_response', message: `${path}: the server's answer is not JSON` }));
            return;
          }
          if (xhr.status === 202 && answer && answer.job) waitJob(answer.job, onJob).then(resolve, reject);
          else resolve(answer);
          return;
        }
        const err = errorFromResponse(xhr.status, xhr.statusText, xhr.responseText, (n) => xhr.getResponseHeader(n));
        if (xhr.status === 401) onUnauthorized(err);
        reject(err);
      };
      const form = new FormData();
      form.append('file', file, file.name || 'upload.csv');
      xhr.send(form);
    });
  }

  return {
    setCsrf(token) { csrf = token || null; },
    get csrf() { return csrf; },
    get: (path, params, opts = {}) => request('GET', path, { params, ...opts }),
    post: (path, body, params, opts = {}) => request('POST', path, { body, params, ...opts }),
    /** Follows a job already under way (after a page was left and come back to). */
    resumeJob: (id, onJob) => request('GET', `/jobs/${encodeURIComponent(id)}`).then((job) => waitJob(job, onJob)),
    cancelJob: (id) => request('DELETE', `/jobs/${encodeURIComponent(id)}`),
    patch: (path, body) => request('PATCH', path, { body }),
    del: (path) => request('DELETE', path),
    upload,
    request,
  };
}
