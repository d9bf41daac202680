// Fault injection: a full sync of 10,000 records through the core sync engine and the
// salesforce adapter, against a fake that answers 30 % of requests with a 5xx, opens 429
// bursts with Retry-After, drops connections, cuts bodies short and serves 5 % of records in a
// shape that violates the model. Nothing may be lost, nothing duplicated, and every bad record
// must be reported. Loopback only, bounded (seeded faults, capped retries).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@kamkit/core';
import { SyncEngine } from '@kamkit/core/sync';
import { conformanceBook, stampTime } from '../src/index.js';
import { createSalesforceSource, type SalesforceSource } from '../src/salesforce/index.js';
import { startSalesforceFake, type SalesforceFake } from '../src/fakes/index.js';
import { expectFaultSyncOutcome } from './fault-outcome.js';

const N = 10_000;
const book = conformanceBook({ accounts: N, contacts: 0, opportunities: 0, activities: 0, contracts: 0 });
let fake: SalesforceFake;
let source: SalesforceSource;
const retries: string[] = [];
let store: Store;
let engine: SyncEngine;

beforeAll(async () => {
  fake = await startSalesforceFake({ book });
  source = createSalesforceSource({
    loginUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: fake.refreshToken,
    currency: 'CNY', pipelineId: 'standard', pageSize: 500,
    // Real back-off and Retry-After handling; short base delays keep the test quick.
    http: { retries: 8, backoff: { baseDelayMs: 10, maxDelayMs: 200 }, onRetry: (r) => retries.push(r.reason) },
  });
  fake.setFaults({
    seed: 20261123, errorRate: 0.3, invalidRecordRate: 0.05, dropRate: 0.02, truncatedRate: 0.02, malformedJsonRate: 0.02,
    rateLimit: { every: 25, windowMs: 1000 },
  });
}, 60_000);

afterAll(() => fake?.close());

const corruptIds = () => [...fake.org.records.get('Account')!.keys()].filter((id) => fake.server.isCorrupt('Account', id)).sort();

describe('full sync under faults', () => {
  it('syncs 10,000 accounts: every good record once, every bad record reported, nothing lost', async () => {
    store = new Store();
    engine = new SyncEngine({ store, source, pageSize: 500, retry: { max: 20, baseMs: 5, capMs: 50 } });
    const progress: number[] = [];
    store.onProgress((p) => { if (p.phase === 'accounts') progress.push(p.done); });
    const report = await engine.syncChanges({ kinds: ['accounts'] });

    const bad = corruptIds();
    const { loaded } = expectFaultSyncOutcome({ store, report, bad, total: N, seeded: book.accounts });
    expect(loaded.length).toBe(N - bad.length);

    // The faults really happened, and the HTTP layer recovered from each kind.
    const f = fake.stats.faults;
    expect(f.error).toBeGreaterThan(5);
    expect(f.rate_limited).toBeGreaterThan(0);
    expect(f.dropped + f.truncated + f.malformed).toBeGreaterThan(0);
    expect(retries).toContain('rate_limited');
    expect(retries).toContain('http_status');
    expect(progress.at(-1)).toBeGreaterThanOrEqual(loaded.length);
    expect(report.stamps.accounts).toBeDefined();
  });

  it('then drains an outbox of writes through the faults, each applied exactly once', async () => {
    await engine.start();
    const before = fake.writesApplied();
    const targets = store.all('accounts').slice(0, 25);
    for (const [i, a] of targets.entries()) await store.update('accounts', a.id, { phone: `+86 20 1234 ${String(i).padStart(4, '0')}` });
    await engine.drain();
    expect(engine.pending().filter((e) => e.state !== 'confirmed')).toEqual([]);
    expect(fake.writesApplied() - before, 'one applied write per outbox entry, despite retries').toBe(25);
    for (const [i, a] of targets.entries()) {
      expect(fake.org.get('Account', a.id)!.Phone).toBe(`+86 20 1234 ${String(i).padStart(4, '0')}`);
      expect(store.get('accounts', a.id)?.phone).toBe(`+86 20 1234 ${String(i).padStart(4, '0')}`);
    }

    // Incremental: only what changed is applied — our own 25 writes come back as the store already
    // holds them (confirmed), so none is applied again but the stamp moves past them; then nothing;
    // then the 3 records someone else edited — with a stamp that moves forward.
    const stamp = engine.stamps.accounts!;
    const ours = await engine.syncChanges({ kinds: ['accounts'] });
    expect(ours.applied.accounts).toBe(0);
    expect(Date.parse(stampTime(ours.stamps.accounts!))).toBeGreaterThan(Date.parse(stampTime(stamp)));
    expect((await engine.syncChanges({ kinds: ['accounts'] })).applied.accounts).toBe(0);
    const changedIds = targets.slice(0, 3).map((a) => a.id);
    for (const id of changedIds) fake.org.update('Account', fake.org.get('Account', id)!, { Industry: 'Aerospace' });
    const next = await engine.syncChanges({ kinds: ['accounts'] });
    expect(next.applied.accounts).toBe(3);
    expect(Date.parse(stampTime(next.stamps.accounts!))).toBeGreaterThan(Date.parse(stampTime(stamp)));
    for (const id of changedIds) expect(store.get('accounts', id)?.industry).toBe('Aerospace');
    engine.stop();
  });
});
