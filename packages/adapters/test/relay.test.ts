import { afterEach, describe, expect, it } from 'vitest';
import { KamHttpError, conformanceBook } from '../src/index.js';
import { createRestSource } from '../src/rest/index.js';
import { createSalesforceSource } from '../src/salesforce/index.js';
import { startSalesforceFake, type SalesforceFake } from '../src/fakes/index.js';
import { createRelay, type Relay, type RelayOptions } from '../src/relay/index.js';

const book = conformanceBook({ accounts: 30, contacts: 10, opportunities: 12, activities: 6, contracts: 3 });
let fake: SalesforceFake | undefined;
let relay: Relay | undefined;

afterEach(async () => {
  await relay?.close();
  await fake?.close();
  relay = undefined;
  fake = undefined;
});

async function setup(extra: Partial<RelayOptions> = {}) {
  fake = await startSalesforceFake({ book });
  const tokens: string[] = [];
  const upstream = createSalesforceSource({
    loginUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: fake.refreshToken,
    currency: 'CNY', pipelineId: 'standard', onToken: (t) => tokens.push(t.access_token),
    http: { backoff: { baseDelayMs: 1, maxDelayMs: 5 }, retries: 1 },
  });
  relay = createRelay({ source: upstream, allowOrigins: ['https://intranet.example.com', 'https://*.erp.example.cn'], ...extra });
  const url = await relay.listen();
  return { url, tokens };
}

describe('relay CORS allowlist', () => {
  it('answers a preflight from an allowed origin, and refuses other origins', async () => {
    const { url } = await setup();
    const pre = await fetch(`${url}/accounts`, {
      method: 'OPTIONS',
      headers: { origin: 'https://intranet.example.com', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'if-match, idempotency-key' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://intranet.example.com');
    expect(pre.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(pre.headers.get('access-control-allow-headers')).toContain('idempotency-key');

    const wild = await fetch(`${url}/accounts?limit=5`, { headers: { origin: 'https://sales.erp.example.cn' } });
    expect(wild.status).toBe(200);
    expect(wild.headers.get('access-control-allow-origin')).toBe('https://sales.erp.example.cn');
    expect(wild.headers.get('access-control-expose-headers')).toContain('etag');

    for (const origin of ['https://evil.example.com', 'https://erp.example.cn.evil.com', 'http://intranet.example.com']) {
      const res = await fetch(`${url}/accounts`, { headers: { origin } });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await res.json()).code).toBe('origin_not_allowed');
    }
  });
});

describe('relay keeps credentials on the server', () => {
  it('never sends the vendor token to the browser, in any answer', async () => {
    const { url, tokens } = await setup();
    const source = createRestSource({ baseUrl: url });
    const page = await source.list('accounts', { limit: 200 });
    expect(page.items).toHaveLength(30);
    const acc = page.items[0];
    await source.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { phone: '1' }, ifUnmodifiedSince: acc.updatedAt, idempotencyKey: 'r-1' });
    expect(tokens.length).toBeGreaterThan(0);
    const answers: string[] = [];
    for (const path of ['/accounts?limit=5', `/accounts/${acc.id}`, '/pipelines', '/capabilities', '/nope']) {
      const res = await fetch(`${url}${path}`);
      answers.push(JSON.stringify([...res.headers]) + (await res.text()));
    }
    fake!.expireSessions();
    const conflict = await fetch(`${url}/accounts/${acc.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': '"2020-01-01T00:00:00.000Z"', 'idempotency-key': 'r-2' }, body: '{"phone":"2"}',
    });
    expect(conflict.status).toBe(412);
    answers.push(await conflict.text());
    for (const a of answers) for (const t of tokens) expect(a).not.toContain(t);
    expect(answers.join('')).not.toContain(fake!.refreshToken);
    expect(answers.join('')).not.toContain(fake!.clientSecret);
  });

  it('reports an upstream credential failure as 502 naming the vendor code, without secrets', async () => {
    fake = await startSalesforceFake({ book });
    const upstream = createSalesforceSource({ instanceUrl: fake.url, accessToken: 'expired-token-XYZ', pipelineId: 'standard' });
    relay = createRelay({ source: upstream, allowOrigins: [] });
    const url = await relay.listen();
    const res = await fetch(`${url}/accounts`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: 'INVALID_SESSION_ID', vendor: 'salesforce', retryable: false });
    expect(text).not.toContain('expired-token-XYZ');
  });

  it('passes the org API limit through as 429 with Retry-After', async () => {
    fake = await startSalesforceFake({ book, dailyApiLimit: 5 });
    const upstream = createSalesforceSource({ instanceUrl: fake.url, accessToken: fake.issueToken(), pipelineId: 'standard' });
    relay = createRelay({ source: upstream, allowOrigins: [] });
    const url = await relay.listen();
    fake.setApiUsage(5);
    const res = await fetch(`${url}/accounts`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).code).toBe('REQUEST_LIMIT_EXCEEDED');
    const e = await createRestSource({ baseUrl: url, http: { rateLimitRetries: 0 } }).list('accounts').catch((x) => x);
    expect(e).toBeInstanceOf(KamHttpError);
    expect(e.code).toBe('rate_limited');
    expect(e.retryable).toBe(true);
  });
});

describe('relay guards', () => {
  it('asks the host app whether a request may pass, and can be read-only', async () => {
    const { url } = await setup({ authenticate: (req) => req.headers.cookie === 'session=ok', readOnly: true });
    expect((await fetch(`${url}/accounts`)).status).toBe(401);
    expect((await fetch(`${url}/accounts?limit=1`, { headers: { cookie: 'session=ok' } })).status).toBe(200);
    const write = await fetch(`${url}/accounts`, { method: 'POST', headers: { cookie: 'session=ok', 'idempotency-key': 'k' }, body: '{}' });
    expect(write.status).toBe(405);
  });

  it('refuses oversized bodies, unknown paths, writes without an idempotency key and a forged cursor', async () => {
    const { url } = await setup({ maxBodyBytes: 1000 });
    const big = await fetch(`${url}/accounts`, { method: 'POST', headers: { 'idempotency-key': 'k' }, body: JSON.stringify({ name: 'x'.repeat(5000) }) });
    expect(big.status).toBe(413);
    expect((await fetch(`${url.replace(/\/kam$/, '')}/other`)).status).toBe(404);
    expect((await fetch(`${url}/widgets`)).status).toBe(404);
    const noKey = await fetch(`${url}/accounts`, { method: 'POST', body: '{"name":"x"}' });
    expect(noKey.status).toBe(428);
    // A cursor is opaque, but the relay must not let it point the vendor adapter (and its token) elsewhere.
    const forged = await fetch(`${url}/accounts?cursor=${encodeURIComponent('0~~http://attacker.test/services/data/v62.0/query/x-1')}`);
    expect(forged.status).toBe(422);
    const forged2 = await fetch(`${url}/accounts?cursor=${encodeURIComponent('http://attacker.test/steal')}`);
    expect(forged2.status).toBe(422);
  });
});
