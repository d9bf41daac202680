import { afterEach, describe, expect, it } from 'vitest';
import { KamConflictError, KamNotFoundError, listAll } from '@kamkit/core';
import { KamHttpError, conformanceBook } from '../src/index.js';
import { createRestSource, type FieldMapping } from '../src/rest/index.js';
import { startRestFake, type RestFake } from '../src/fakes/index.js';

const book = conformanceBook({ accounts: 60, contacts: 10, opportunities: 20, activities: 5, contracts: 5 });
let fake: RestFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

// An ISV's ERP speaks its own names; the adapter's mapping puts the model over them.
const erpNames: FieldMapping = {
  accounts: { name: 'customer_name', region: 'sales_area.code', industry: 'trade' },
  opportunities: { stageId: 'phase', 'amount.amount': 'deal_value', 'amount.currency': 'currency', accountId: 'customer_id' },
};

describe('rest adapter with a field mapping', () => {
  it('reads, filters and writes through the ERP field names', async () => {
    fake = await startRestFake({ book, mapping: erpNames });
    // What the wire looks like: the ERP's names, not the model's.
    const wire = await (await fetch(`${fake.url}/accounts?limit=1`)).json();
    expect(Object.keys(wire.data[0])).toContain('customer_name');
    expect(wire.data[0].sales_area.code).toBe(book.accounts[0].region);

    const source = createRestSource({ baseUrl: fake.url, mapping: erpNames });
    const energy = [];
    for await (const p of listAll(source, 'accounts', { filter: { industry: 'Energy' }, limit: 7 })) energy.push(...p.items);
    expect(energy.map((a) => a.name).sort()).toEqual(book.accounts.filter((a) => a.industry === 'Energy').map((a) => a.name).sort());
    expect(energy[0].region).toBeDefined();

    const opps = await source.list('opportunities', { filter: { accountId: book.accounts[0].id } });
    expect(opps.items.length).toBeGreaterThan(0);
    expect(opps.items[0].amount.currency).toBe('CNY');

    const acc = energy[0];
    const r = await source.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { name: '华南新材料', region: 'SOUTH' }, ifUnmodifiedSince: acc.updatedAt, idempotencyKey: 'm-1' });
    expect(r.record).toMatchObject({ name: '华南新材料', region: 'SOUTH' });
    const stored = fake.source.peek('accounts', acc.id)!;
    expect(stored.name).toBe('华南新材料');
    expect(stored.region).toBe('SOUTH');

    const stale = await source.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { name: 'x' }, ifUnmodifiedSince: acc.updatedAt, idempotencyKey: 'm-2' }).catch((e) => e);
    expect(stale).toBeInstanceOf(KamConflictError);
    expect((stale as KamConflictError).current).toMatchObject({ name: '华南新材料' });
  });
});

describe('rest contract details', () => {
  it('refuses a reused Idempotency-Key with another body, replays the same one, and requires a key', async () => {
    fake = await startRestFake({ book });
    const acc = book.accounts[2];
    const send = (key: string | undefined, body: unknown) => fetch(`${fake!.url}/accounts/${acc.id}`, {
      method: 'PATCH', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'if-match': `"${acc.updatedAt}"`, ...(key ? { 'idempotency-key': key } : {}) },
    });
    const first = await send('k-1', { phone: '1' });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toMatch(/^"\d{4}-/);
    const replay = await send('k-1', { phone: '1' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const reused = await send('k-1', { phone: '2' });
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe('idempotency_key_reused');
    const none = await send(undefined, { phone: '3' });
    expect(none.status).toBe(428);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
  });

  it('maps 404, a refused stage move and a bad filter to typed errors', async () => {
    fake = await startRestFake({ book });
    const source = createRestSource({ baseUrl: fake.url });
    expect(await source.get('accounts', 'nope')).toBeUndefined();
    const missing = await source.write({ op: 'update', entity: 'accounts', id: 'nope', patch: { phone: '1' }, idempotencyKey: 'n-1' }).catch((e) => e);
    expect(missing).toBeInstanceOf(KamNotFoundError);

    const won = book.opportunities.find((o) => o.stageId === 'Closed Won')!;
    const reopen = await source.write({ op: 'moveStage', entity: 'opportunities', id: won.id, toStageId: 'Prospecting', ifUnmodifiedSince: won.updatedAt, idempotencyKey: 'n-2' }).catch((e) => e);
    expect(reopen).toBeInstanceOf(KamHttpError);
    expect(reopen.vendorCode).toBe('stage_move_refused');
    expect(reopen.status).toBe(422);
    expect(reopen.message).toMatch(/reopen|won/i);

    const bad = await fetch(`${fake.url}/accounts?filter=${encodeURIComponent('{"tags":["a"]}')}`);
    expect(bad.status).toBe(400);
  });

  it('waits out 429 bursts and retries 5xx pages to the end, with nothing lost', async () => {
    fake = await startRestFake({ book, faults: { seed: 5, errorRate: 0.3, rateLimit: { every: 6, windowMs: 1000, retryAfter: 'date' } } });
    const delays: number[] = [];
    const source = createRestSource({ baseUrl: fake.url, http: { retries: 8, backoff: { baseDelayMs: 1, maxDelayMs: 5 }, sleep: async (ms) => { delays.push(ms); await new Promise((r) => setTimeout(r, Math.min(ms, 1100))); } } });
    const ids: string[] = [];
    for await (const p of listAll(source, 'accounts', { limit: 10 })) ids.push(...p.items.map((a) => a.id));
    expect(ids.length).toBe(60);
    expect(new Set(ids).size).toBe(60);
    expect(fake.stats.faults.rate_limited).toBeGreaterThan(0);
    expect(fake.stats.faults.error).toBeGreaterThan(0);
    expect(delays.some((d) => d > 100), 'a Retry-After date was honoured').toBe(true);
  });
});
