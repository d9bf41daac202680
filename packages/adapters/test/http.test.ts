import { afterEach, describe, expect, it } from 'vitest';
import { KamError } from '@kamkit/core';
import { HttpClient, KamHttpError, bearerToken, parseRetryAfter, parseSforceLimitInfo, type HttpClientOptions } from '../src/index.js';
import { FakeHttpServer, startFakeServer, type FakeHandler, type FakeRequest } from '../src/fakes/index.js';

const SECRET = 'tok-SECRET-9f8e7d6c5b4a';
let server: FakeHttpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: FakeHandler, opts: ConstructorParameters<typeof FakeHttpServer>[1] = {}) {
  server = await startFakeServer(handler, opts);
  return server;
}

function client(extra: Partial<HttpClientOptions> = {}) {
  const delays: number[] = [];
  const c = new HttpClient({
    vendor: 'acme', baseUrl: server!.url, random: () => 0.5,
    sleep: async (ms) => { delays.push(ms); },
    ...extra,
  });
  return { c, delays };
}

const ok: FakeHandler = () => ({ status: 200, body: { ok: true }, headers: { 'x-request-id': 'req-42' } });

async function caught(p: Promise<unknown>): Promise<KamHttpError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(KamHttpError);
    expect(e).toBeInstanceOf(KamError);
    return e as KamHttpError;
  }
  throw new Error('expected the request to fail');
}

describe('HttpClient retries', () => {
  it('retries a GET through 5xx answers with growing, jittered back-off, then succeeds', async () => {
    const s = await serve(ok);
    for (let i = 0; i < 3; i++) s.queueResponse(() => true, { status: 503, body: { message: 'busy' } });
    const { c, delays } = client({ backoff: { baseDelayMs: 100, maxDelayMs: 10_000 } });
    const res = await c.get<{ ok: boolean }>('/things');
    expect(res.body.ok).toBe(true);
    expect(res.requestId).toBe('req-42');
    expect(s.stats.requests).toBe(4);
    // equal jitter with random()=0.5: 3/4 of each exponential step
    expect(delays).toEqual([75, 150, 300]);
  });

  it('gives up after the retry budget with a retryable error naming vendor, endpoint and status', async () => {
    const s = await serve(() => ({ status: 502, body: { error: { code: 'UPSTREAM', message: 'upstream died' } } }));
    const { c } = client({ retries: 2 });
    const e = await caught(c.get('/things', { query: { q: 'x' } }));
    expect(s.stats.requests).toBe(3);
    expect(e.code).toBe('data_source');
    expect(e.retryable).toBe(true);
    expect(e.status).toBe(502);
    expect(e.vendor).toBe('acme');
    expect(e.endpoint).toBe('GET /things');
    expect(e.vendorCode).toBe('UPSTREAM');
    expect(e.attempts).toBe(3);
    expect(e.message).toContain('acme GET /things');
    expect(e.message).toContain('UPSTREAM');
  });

  it('does not repeat a POST without an idempotency key, and does repeat one that carries a key', async () => {
    const seen: Array<string | undefined> = [];
    const s = await serve((r) => {
      seen.push(r.headers['idempotency-key'] as string | undefined);
      return seen.length === 1 || seen.length === 2 ? { status: 500, body: {} } : { status: 201, body: { id: 'n1' } };
    });
    const { c } = client({ idempotencyHeader: 'Idempotency-Key' });
    const e = await caught(c.post('/things', { json: { a: 1 } }));
    expect(e.retryable).toBe(false);
    expect(s.stats.requests).toBe(1);
    const res = await c.post<{ id: string }>('/things', { json: { a: 1 }, idempotencyKey: 'k-1' });
    expect(res.status).toBe(201);
    expect(seen).toEqual([undefined, 'k-1', 'k-1']);
  });

  it('retries a dropped connection for a GET, and reports a network error when every try is dropped', async () => {
    const s = await serve(ok);
    s.setFaults({ dropRate: 1 });
    const { c } = client({ retries: 1 });
    const e = await caught(c.get('/x'));
    expect(e.reason).toBe('network');
    expect(e.code).toBe('network');
    expect(e.retryable).toBe(true);
    expect(e.attempts).toBe(2);
    expect(s.stats.faults.dropped).toBe(2);
    s.setFaults({ dropRate: 0.5, seed: 3 });
    const { c: patient } = client({ retries: 10 });
    for (let i = 0; i < 5; i++) expect((await patient.get<{ ok: boolean }>('/x')).body.ok).toBe(true);
    expect(s.stats.faults.dropped).toBeGreaterThan(2);
  });
});

describe('HttpClient rate limits', () => {
  it('waits as long as Retry-After says (seconds and HTTP date), then retries', async () => {
    const s = await serve(ok);
    s.queueResponse(() => true, { status: 429, headers: { 'retry-after': '3' }, body: { message: 'slow down' } });
    s.queueResponse(() => true, { status: 429, headers: { 'retry-after': new Date(Date.now() + 5_000).toUTCString() }, body: {} });
    const { c, delays } = client();
    await c.get('/x');
    expect(delays[0]).toBe(3000);
    expect(delays[1]).toBeGreaterThan(3000);
    expect(delays[1]).toBeLessThanOrEqual(5000);
  });

  it('fails as rate_limited (retryable) when the server asks for a longer wait than allowed', async () => {
    await serve(() => ({ status: 429, headers: { 'retry-after': '3600' }, body: {} }));
    const { c, delays } = client({ maxRetryAfterMs: 60_000 });
    const e = await caught(c.get('/x'));
    expect(e.code).toBe('rate_limited');
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBe(3_600_000);
    expect(delays).toEqual([]);
  });

  it('reads Sforce-Limit-Info and stops before eating the reserved daily calls', async () => {
    await serve(ok, { headers: () => ({ 'sforce-limit-info': 'api-usage=99990/100000; api-bursts=1/750' }) });
    const usages: number[] = [];
    const { c } = client({ apiReserve: 10, onApiUsage: (u) => usages.push(u.remaining) });
    await c.get('/x');
    expect(c.apiUsage).toEqual({ used: 99990, max: 100000, remaining: 10, extra: { 'api-bursts': { used: 1, max: 750 } } });
    expect(usages).toEqual([10]);
    const e = await caught(c.get('/x'));
    expect(e.code).toBe('rate_limited');
    expect(e.vendorCode).toBe('API_RESERVE_REACHED');
  });

  it('lets a vendor hook turn a 200 envelope into a rate limit or an error', async () => {
    const s = await serve(ok);
    s.queueResponse(() => true, { status: 200, body: { Result: { ResponseStatus: { IsSuccess: false, MsgCode: 14 } } } });
    s.queueResponse(() => true, { status: 200, body: { Result: { ResponseStatus: { IsSuccess: false, MsgCode: 11, Errors: [{ Message: 'bad field' }] } } } });
    const { c, delays } = client({
      inspect: ({ body }) => {
        const rs = (body as { Result?: { ResponseStatus?: { IsSuccess: boolean; MsgCode: number; Errors?: Array<{ Message: string }> } } }).Result?.ResponseStatus;
        if (!rs || rs.IsSuccess) return undefined;
        if (rs.MsgCode === 14) return { kind: 'rate_limited', vendorCode: '14', retryAfterMs: 1234 };
        return { kind: 'error', vendorCode: String(rs.MsgCode), message: rs.Errors?.[0]?.Message };
      },
    });
    const e = await caught(c.get('/x'));
    expect(delays).toEqual([1234]);
    expect(e.reason).toBe('vendor_error');
    expect(e.vendorCode).toBe('11');
    expect(e.message).toContain('bad field');
    expect(e.retryable).toBe(false);
  });
});

describe('HttpClient auth', () => {
  it('refreshes exactly once on 401, then retries with the new token', async () => {
    let valid = 'old';
    const s = await serve((r: FakeRequest) => r.headers.authorization === `Bearer ${valid}`
      ? { status: 200, body: { ok: true } }
      : { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] });
    let renewals = 0;
    const auth = bearerToken({ token: 'old', renew: async () => { renewals++; valid = `new-${renewals}`; return valid; } });
    const { c } = client({ auth });
    valid = 'new-1';
    const res = await c.get<{ ok: boolean }>('/x');
    expect(res.body.ok).toBe(true);
    expect(renewals).toBe(1);
    expect(s.stats.requests).toBe(2);
  });

  it('shares one refresh between parallel requests that all hit 401', async () => {
    let valid = 'v0';
    await serve((r) => r.headers.authorization === `Bearer ${valid}` ? { status: 200, body: { ok: 1 } } : { status: 401, body: {} });
    let renewals = 0;
    const auth = bearerToken({ token: 'stale', renew: async () => { renewals++; await new Promise((r) => setTimeout(r, 20)); return valid; } });
    const { c } = client({ auth });
    const all = await Promise.all([c.get('/a'), c.get('/b'), c.get('/c'), c.get('/d')]);
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(renewals).toBe(1);
  });

  it('fails as auth when the refreshed token is refused too, without ever showing the token', async () => {
    await serve(() => ({ status: 401, body: [{ message: `Session expired or invalid for Bearer ${SECRET}`, errorCode: 'INVALID_SESSION_ID' }] }));
    let renewals = 0;
    const auth = bearerToken({ token: SECRET, renew: async () => { renewals++; return SECRET; } });
    const { c } = client({ auth });
    const e = await caught(c.get('/x', { query: { password: 'hunter2', access_token: SECRET } }));
    expect(renewals).toBe(1);
    expect(e.code).toBe('auth');
    expect(e.reason).toBe('session_lost');
    expect(e.vendorCode).toBe('INVALID_SESSION_ID');
    expect(e.endpoint).toBe('GET /x');
    const everything = `${e.message} ${e.stack} ${JSON.stringify(e)} ${String(e)}`;
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('hunter2');
    expect(everything.toLowerCase()).not.toContain('authorization');
  });
});

describe('HttpClient bad bodies', () => {
  it('names malformed JSON, an HTML error page and a truncated body, with vendor and endpoint', async () => {
    const s = await serve(ok);
    const { c } = client({ retries: 0 });
    s.queueResponse(() => true, { status: 200, text: '{"records": [1, 2,, 3]}', headers: { 'content-type': 'application/json' } });
    const malformed = await caught(c.get('/records'));
    expect(malformed.reason).toBe('malformed_json');
    expect(malformed.message).toMatch(/^acme GET \/records returned malformed JSON/);
    expect(malformed.retryable).toBe(true);

    s.queueResponse(() => true, { status: 200, text: '<!DOCTYPE html><html><head><title>Sign in</title></head></html>', headers: { 'content-type': 'text/html' } });
    const html = await caught(c.get('/records'));
    expect(html.reason).toBe('html_page');
    expect(html.message).toContain('Sign in');

    s.queueResponse(() => true, { status: 200, text: '{"records": [{"id": "1"}, {"id": "2', headers: { 'content-type': 'application/json' } });
    const cut = await caught(c.get('/records'));
    expect(cut.reason).toBe('truncated');
  });

  it('recovers from each body fault knob on a GET (malformed, HTML, truncated mid-body)', async () => {
    for (const knob of ['malformedJsonRate', 'htmlErrorRate', 'truncatedRate'] as const) {
      const s = await serve(() => ({ status: 200, body: { n: [1, 2, 3, 4, 5, 6, 7, 8] } }));
      s.setFaults({ [knob]: 0.5, seed: 7 });
      const { c } = client({ retries: 8 });
      for (let i = 0; i < 6; i++) expect((await c.get<{ n: number[] }>('/n')).body.n).toHaveLength(8);
      const faults = s.stats.faults;
      expect(faults.malformed + faults.html + faults.truncated).toBeGreaterThan(0);
      await s.close();
      server = undefined;
    }
  });

  it('reports a non-JSON 404 (a mistyped endpoint) by its status and path, once, never as malformed JSON', async () => {
    // What most web servers and proxies answer for a path that does not exist: plain text or an HTML page.
    const s = await serve((r) => (r.path.startsWith('/html')
      ? { status: 404, text: '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>nginx</body></html>', headers: { 'content-type': 'text/html' } }
      : { status: 404, text: `Cannot GET ${r.path}?token=${SECRET}`, headers: { 'content-type': 'text/plain' } }));
    const { c, delays } = client();
    for (const accept of [undefined, [404]]) {
      for (const path of ['/acounts/7', '/html/acounts/7']) {
        const before = s.stats.requests;
        const e = await caught(c.get(path, { query: { token: SECRET }, accept }));
        expect(e.message).toMatch(new RegExp(`^acme GET ${path} failed · HTTP 404 Not Found`));
        expect(e.message).not.toMatch(/JSON/);
        expect(e.message).not.toContain(SECRET);
        expect(JSON.stringify(e)).not.toContain(SECRET);
        expect([e.reason, e.code, e.status, e.retryable, e.attempts]).toEqual(['http_status', 'not_found', 404, false, 1]);
        expect(s.stats.requests - before).toBe(1);
      }
    }
    expect(delays).toEqual([]);
  });

  it('classifies a non-JSON error body by status: 400 is not retried, 503 is retried as before', async () => {
    const s = await serve(() => ({ status: 400, text: 'Bad Request', headers: { 'content-type': 'text/plain' } }));
    const { c } = client({ retries: 2 });
    const bad = await caught(c.get('/things'));
    expect([bad.reason, bad.code, bad.status, bad.retryable]).toEqual(['http_status', 'data_source', 400, false]);
    expect(bad.message).toContain('HTTP 400 Bad Request');
    expect(s.stats.requests).toBe(1);
    await s.close();

    const s2 = await serve(() => ({ status: 503, text: 'Service Unavailable', headers: { 'content-type': 'text/plain' } }));
    const { c: c2 } = client({ retries: 2 });
    const busy = await caught(c2.get('/things'));
    expect(busy.retryable).toBe(true);
    expect(busy.status).toBe(503);
    expect([busy.reason, busy.code]).toEqual(['http_status', 'data_source']);
    expect(busy.message).toMatch(/^acme GET \/things failed · HTTP 503 Service Unavailable/);
    expect(busy.message).not.toMatch(/JSON/);
    expect(s2.stats.requests).toBe(3);
  });

  it('a truncated body on a non-repeatable POST fails without a retry', async () => {
    const s = await serve(() => ({ status: 200, body: { created: true, pad: 'x'.repeat(200) } }));
    s.setFaults({ truncatedRate: 1 });
    const { c } = client();
    const e = await caught(c.post('/things', { json: {} }));
    expect(e.reason).toBe('truncated');
    expect(e.retryable).toBe(false);
    expect(s.stats.requests).toBe(1);
  });
});

describe('HttpClient cancellation and timeouts', () => {
  it('stops at once when the AbortSignal fires during a back-off wait', async () => {
    await serve(() => ({ status: 503, body: {} }));
    const c = new HttpClient({ vendor: 'acme', baseUrl: server!.url, backoff: { baseDelayMs: 60_000 } });
    const ctrl = new AbortController();
    const p = caught(c.get('/x', { signal: ctrl.signal }));
    setTimeout(() => ctrl.abort(), 50);
    const e = await p;
    expect(e.code).toBe('aborted');
    expect(e.retryable).toBe(false);
  });

  it('times out a request that gets no answer, as a retryable timeout', async () => {
    const s = await serve(ok);
    s.setFaults({ latencyMs: 2_000 });
    const { c } = client({ timeoutMs: 100, retries: 1 });
    const e = await caught(c.get('/slow'));
    expect(e.code).toBe('timeout');
    expect(e.retryable).toBe(true);
    expect(e.attempts).toBe(2);
  });
});

describe('signal parsing', () => {
  it('reads Retry-After in both forms and Sforce-Limit-Info', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseSforceLimitInfo('api-usage=18/5000')).toEqual({ used: 18, max: 5000, remaining: 4982 });
    expect(parseSforceLimitInfo(null)).toBeUndefined();
  });

  it('resolves paths against a base URL that has its own prefix', async () => {
    await serve(ok);
    const c = new HttpClient({ vendor: 'acme', baseUrl: `${server!.url}/kam/api/` });
    expect(c.url('/accounts', { limit: 5 }).pathname).toBe('/kam/api/accounts');
    expect(c.url('accounts').pathname).toBe('/kam/api/accounts');
    expect(c.url('/kam/api/accounts?cursor=a').search).toBe('?cursor=a');
    expect(c.url('http://other.test/x').host).toBe('other.test');
  });

  it('resolves a relative base URL (`/kam`) against the page, and names the problem outside one', async () => {
    await serve(ok);
    const g = globalThis as { location?: { href: string } };
    g.location = { href: `${server!.url}/app/index.html` };
    try {
      const c = new HttpClient({ vendor: 'rest', baseUrl: '/kam/v1' });
      expect(c.url('accounts').href).toBe(`${server!.url}/kam/v1/accounts`);
      expect((await c.get<{ ok: boolean }>('accounts')).body.ok).toBe(true);
    } finally {
      delete g.location;
    }
    const e = await caught(new HttpClient({ vendor: 'rest', baseUrl: '/kam/v1' }).get('accounts'));
    expect(e.code).toBe('validation');
    expect(e.message).toContain('/kam/v1');
  });
});

describe('fake server fault knobs', () => {
  it('replays the same faults for the same seed', async () => {
    const runs: string[] = [];
    for (let r = 0; r < 2; r++) {
      const s = await serve(ok);
      s.setFaults({ seed: 42, errorRate: 0.3, malformedJsonRate: 0.1, dropRate: 0.05 });
      const { c } = client({ retries: 20 });
      for (let i = 0; i < 20; i++) await c.get('/x');
      runs.push(JSON.stringify(s.log.map((l) => `${l.status}${l.fault ?? ''}`)));
      await s.close();
      server = undefined;
    }
    expect(runs[0]).toBe(runs[1]);
    expect(runs[0]).toContain('error');
  });
});
