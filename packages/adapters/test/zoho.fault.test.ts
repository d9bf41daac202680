// Fault injection through the Zoho adapter: a full sync of 5,000 accounts through the core sync
// engine against a Zoho fake answering 30 % of requests with a 5xx, opening 429 bursts, dropping
// connections, cutting and corrupting bodies and serving 5 % of records in a shape that violates
// the model — past the 2,000-record page wall. Nothing lost, nothing duplicated, every bad record
// reported; then an outbox of writes drains through the same faults, each applied once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store, listAll } from '@kamkit/core';
import { SyncEngine } from '@kamkit/core/sync';
import { conformanceBook } from '../src/conformance/index.js';
import { createZohoSource, type ZohoSource } from '../src/zoho/index.js';
import { startZohoFake, type ZohoFake } from '../src/fakes/index.js';
import { expectFaultSyncOutcome } from './fault-outcome.js';

const N = 5_000;
const book = conformanceBook({ accounts: N, contacts: 0, opportunities: 0, activities: 0, contracts: 0 });
let fake: ZohoFake;
let source: ZohoSource;
const retries: string[] = [];
let store: Store;
let engine: SyncEngine;

beforeAll(async () => {
  fake = await startZohoFake({ book });
  source = createZohoSource({
    accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
    defaultCurrency: 'CNY', http: { retries: 8, backoff: { baseDelayMs: 10, maxDelayMs: 200 }, onRetry: (r) => retries.push(r.reason) },
  });
  fake.setFaults({
    seed: 20261123, errorRate: 0.3, invalidRecordRate: 0.05, dropRate: 0.02, truncatedRate: 0.02, malformedJsonRate: 0.02,
    rateLimit: { every: 25, windowMs: 300 },
  });
}, 60_000);

afterAll(() => fake?.close());

const corruptIds = () => [...fake.org.module('Accounts')!.keys()].filter((id) => fake.server.isCorrupt('Accounts', id)).sort();

describe('zoho: full sync under faults', () => {
  it('syncs 5,000 accounts: every good record once, every bad record reported, nothing lost', async () => {
    store = new Store();
    engine = new SyncEngine({ store, source, pageSize: 200, retry: { max: 20, baseMs: 5, capMs: 50 } });
    const report = await engine.syncChanges({ kinds: ['accounts'] });

    const bad = corruptIds();
    expectFaultSyncOutcome({ store, report, bad, total: N, seeded: book.accounts });

    const f = fake.stats.faults;
    expect(f.error).toBeGreaterThan(5);
    expect(f.rate_limited).toBeGreaterThan(0);
    expect(f.dropped + f.truncated + f.malformed).toBeGreaterThan(0);
    expect(retries).toContain('rate_limited');
    expect(retries).toContain('http_status');
    // A changes walk moves its If-Modified-Since up each page (it never reaches page 11); a full
    // list walks past the 2,000-record wall with page_token, through the same faults.
    const listed = new Set<string>();
    for await (const p of listAll(source, 'accounts')) for (const a of p.items) listed.add(a.id);
    expect(listed.size).toBe(N - bad.length);
    expect(fake.state.log.some((l) => l.query.includes('page_token='))).toBe(true);
  });

  it('then drains an outbox of writes through the faults, each applied exactly once', async () => {
    await engine.start();
    const before = fake.writesApplied();
    const targets = store.all('accounts').slice(0, 25);
    for (const [i, a] of targets.entries()) await store.update('accounts', a.id, { phone: `+86 20 1234 ${String(i).padStart(4, '0')}` });
    await engine.drain();
    expect(engine.pending().filter((e) => e.state !== 'confirmed')).toEqual([]);
    expect(fake.writesApplied() - before, 'one applied write per outbox entry, despite retries').toBe(25);
    for (const [i, a] of targets.entries()) expect(fake.org.module('Accounts')!.get(a.id)!.Phone).toBe(`+86 20 1234 ${String(i).padStart(4, '0')}`);
    engine.stop();
  });
});
