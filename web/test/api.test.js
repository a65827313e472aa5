import { describe, expect, it, vi } from 'vitest';
import { createApi, ApiError, errorFromResponse, queryString } from '../src/lib/api.js';

function response(status, body, { statusText = '', headers = {} } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { ok: status >= 200 && status < 300, status, statusText, text: async () => text, headers: { get: (n) => headers[n] ?? null } };
}

describe('API client', () => {
  it('follows a job (202) to its answer, telling each state', async () => {
    const job = { id: 'j1', state: 'queued', position: 1 };
    const answers = [
      response(202, { job }),
      response(200, { ...job, state: 'running', step: 'LP relaxation', fraction: null }),
      response(200, { ...job, state: 'done', http_status: 200, result: { plan: [1] } }),
    ];
    const fetchImpl = vi.fn(async () => answers.shift());
    const api = createApi({ fetchImpl, sleep: async () => {} });
    const seen = [];
    expect(await api.post('/allocation', {}, undefined, { onJob: (j) => seen.push(j.state) })).toEqual({ plan: [1] });
    expect(seen).toEqual(['queued', 'running', 'done']);
    expect(fetchImpl.mock.calls.map((c) => c[0])).toEqual(['/api/v1/allocation', '/api/v1/jobs/j1', '/api/v1/jobs/j1']);
  });

  it('throws a failed job\'s error as the route would have, and marks a cancelled one', async () => {
    const failed = { id: 'j2', state: 'failed', http_status: 422, error: { code: 'rejected', message: 'r.csv: rejected', problems: [{ line: 2 }] } };
    let api = createApi({ fetchImpl: async () => response(202, { job: failed }), sleep: async () => {} });
    let e = await api.post('/import/reports', 'x').catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.problems).toEqual([{ line: 2 }]);
    const cancelled = { id: 'j3', state: 'cancelled', http_status: 409, error: { code: 'conflict', message: 'cancelled; nothing was changed', problem: 'job.cancelled' } };
    api = createApi({ fetchImpl: async () => response(202, { job: cancelled }), sleep: async () => {} });
    e = await api.post('/allocation', {}).catch((x) => x);
    expect(e.code).toBe('cancelled');
    expect(e.problem).toBe('job.cancelled');
  });

  it('builds query strings without empty parameters', () => {
    expect(queryString({ period: '2020-06', by: 'area', region: '', x: null })).toBe('?period=2020-06&by=area');
    expect(queryString({})).toBe('');
  });

  it('GETs same-origin JSON without a CSRF token', async () => {
    const fetchImpl = vi.fn(async () => response(200, { first: '2020-01', last: '2020-12' }));
    const api = createApi({ fetchImpl });
    api.setCsrf('tok');
    expect(await api.get('/monitor/periods')).toEqual({ first: '2020-01', last: '2020-12' });
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe('/api/v1/monitor/periods');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('sends the CSRF token and JSON on POST, PATCH and DELETE', async () => {
    const fetchImpl = vi.fn(async () => response(200, {}));
    const api = createApi({ fetchImpl });
    api.setCsrf('tok');
    await api.post('/users', { name: 'a' });
    await api.patch('/users/a', { role: 'analyst' });
    await api.del('/session');
    for (const [, init] of fetchImpl.mock.calls) expect(init.headers['X-CSRF-Token']).toBe('tok');
    expect(fetchImpl.mock.calls[0][1].body).toBe('{"name":"a"}');
    expect(fetchImpl.mock.calls[0][1].headers['Content-Type']).toBe('application/json');
    expect(fetchImpl.mock.calls.map((c) => c[1].method)).toEqual(['POST', 'PATCH', 'DELETE']);
  });

  it('turns an error answer into an ApiError with the server\'s message and field', async () => {
    const api = createApi({ fetchImpl: async () => response(400, { error: { code: 'bad_request', message: 'period: expected YYYY-MM', field: 'period' } }) });
    const e = await api.get('/monitor', { period: 'x' }).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('period: expected YYYY-MM');
    expect(e.status).toBe(400);
    expect(e.code).toBe('bad_request');
    expect(e.field).toBe('period');
  });

  it('keeps every problem of a rejected import', () => {
    const problems = [{ line: 2, column: 'industry', message: "unknown industry class '3999'" }, { line: 7, column: 'uscc', message: 'bad check character' }];
    const e = errorFromResponse(422, 'Unprocessable Entity', JSON.stringify({ error: { code: 'rejected', message: 'rejected', problems, total: 140 } }));
    expect(e.code).toBe('rejected');
    expect(e.problems).toEqual(problems);
    expect(e.total).toBe(140);
  });

  it('says something readable when the answer is not JSON or has no body', async () => {
    const api = createApi({ fetchImpl: async () => response(502, '<html>Bad Gateway</html>', { statusText: 'Bad Gateway' }) });
    const e = await api.get('/health').catch((x) => x);
    expect(e.message).toBe('HTTP 502 Bad Gateway');
    expect(e.code).toBe('internal');
    expect(errorFromResponse(404, '', '').message).toBe('HTTP 404');
    expect(errorFromResponse(404, '', '').code).toBe('not_found');
  });

  it('reports Retry-After on 429', () => {
    const e = errorFromResponse(429, '', JSON.stringify({ error: { code: 'too_many_requests', message: 'too many failed sign-ins' } }), (n) => (n === 'Retry-After' ? '30' : null));
    expect(e.retryAfter).toBe(30);
  });

  it('a network failure is an ApiError too', async () => {
    const api = createApi({ fetchImpl: async () => { throw new TypeError('Failed to fetch'); } });
    const e = await api.get('/health').catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('network');
    expect(e.message).toContain('Failed to fetch');
  });

  it('a 2xx answer that is not JSON is an error', async () => {
    const api = createApi({ fetchImpl: async () => response(200, 'not json') });
    await expect(api.get('/health')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('a 401 outside /session signals the sign-out; a wrong password does not', async () => {
    const onUnauthorized = vi.fn();
    const api = createApi({ fetchImpl: async () => response(401, { error: { code: 'unauthorized', message: 'not signed in' } }), onUnauthorized });
    await api.get('/monitor').catch(() => {});
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await api.post('/session', { username: 'a', password: 'b' }).catch(() => {});
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('uploads with progress and parses a rejection', async () => {
    class FakeXHR {
      constructor() { this.headers = {}; this.upload = {}; }
      open(method, url) { this.method = method; this.url = url; }
      setRequestHeader(k, v) { this.headers[k] = v; }
      getResponseHeader() { return null; }
      send(body) {
        FakeXHR.last = this;
        this.body = body;
        this.upload.onprogress({ lengthComputable: true, loaded: 50, total: 100 });
        this.status = 422;
        this.responseText = JSON.stringify({ error: { code: 'rejected', message: 'reports: rejected', problems: [{ line: 3, column: 'period', message: 'expected YYYY-MM' }], total: 1 } });
        this.onload();
      }
    }
    const api = createApi();
    api.setCsrf('tok');
    const seen = [];
    const e = await api.upload('/import/reports', new Blob(['a,b\n']), { params: { dry_run: 1 }, onProgress: (p) => seen.push(p), XHR: FakeXHR }).catch((x) => x);
    expect(FakeXHR.last.url).toBe('/api/v1/import/reports?dry_run=1');
    expect(FakeXHR.last.headers['X-CSRF-Token']).toBe('tok');
    expect(FakeXHR.last.body).toBeInstanceOf(FormData);
    expect(seen).toEqual([0.5]);
    expect(e.problems[0]).toEqual({ line: 3, column: 'period', message: 'expected YYYY-MM' });
  });
});
