// Fault injection through the Kingdee adapter: a full sync of 5,000 customers through the core
// sync engine against a Kingdee fake answering 30 % of requests with a 5xx (`response_error:`
// bodies), opening call-limit bursts (HTTP 200 + MsgCode 14), dropping connections, cutting and
// corrupting bodies and serving 5 % of rows in a shape that violates the model. Nothing lost,
// nothing duplicated, every bad record reported; then an outbox of Saves drains, each applied once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@kamkit/core';
import { SyncEngine } from '@kamkit/core/sync';
import { conformanceBook } from '../src/conformance/index.js';
import { createKingdeeSource, type KingdeeSource } from '../src/kingdee/index.js';
import { startKingdeeFake, type KingdeeFake } from '../src/fakes/index.js';
import { expectFaultSyncOutcome } from './fault-outcome.js';

const N = 5_000;
const book = conformanceBook({ accounts: N, contacts: 0, opportunities: 0, activities: 0, contracts: 0 });
let fake: KingdeeFake;
let source: KingdeeSource;
const retries: string[] = [];
let store: Store;
let engine: SyncEngine;

beforeAll(async () => {
  fake = await startKingdeeFake({ book });
  source = createKingdeeSource({
    serverUrl: fake.url, acctId: fake.user.acctId, userName: fake.user.userName,
    auth: { mode: 'signed', appId: fake.app.appId, appSecret: fake.app.appSecret }, pageSize: 500,
    http: { retries: 8, backoff: { baseDelayMs: 10, maxDelayMs: 200 }, onRetry: (r) => retries.push(r.reason) },
  });
  fake.setFaults({
    seed: 20261123, errorRate: 0.3, invalidRecordRate: 0.05, dropRate: 0.02, truncatedRate: 0.02, malformedJsonRate: 0.02,
    // Pages of 500 mean few requests: limit bursts come often.
    rateLimit: { every: 5, windowMs: 300 },
  });
}, 60_000);

afterAll(() => fake?.close());

const corruptIds = () => [...fake.dc.table('BD_Customer').keys()].map(String).filter((id) => fake.server.isCorrupt('BD_Customer', id)).sort();

describe('kingdee: full sync under faults', () => {
  it('syncs 5,000 customers: every good record once, every bad record reported, nothing lost', async () => {
    store = new Store();
    engine = new SyncEngine({ store, source, pageSize: 500, retry: { max: 20, baseMs: 5, capMs: 50 } });
    const report = await engine.syncChanges({ kinds: ['accounts'] });

    const bad = corruptIds();
    expectFaultSyncOutcome({ store, report, bad, total: N, seeded: book.accounts });

    const f = fake.stats.faults;
    expect(f.error).toBeGreaterThan(0);
    expect(f.rate_limited).toBeGreaterThan(0);
    expect(f.dropped + f.truncated + f.malformed).toBeGreaterThan(0);
    expect(retries, 'MsgCode 14 bursts were waited out').toContain('rate_limited');
    // 5xx answers carry `response_error:` text, so they are retried as unreadable 5xx bodies.
    expect(retries.filter((r) => r === 'malformed_json' || r === 'http_status').length).toBeGreaterThanOrEqual(f.error);
  });

  it('then drains an outbox of Saves through the faults, each applied exactly once', async () => {
    fake.setFaults({ seed: 7, errorRate: 0.3, dropRate: 0.05, truncatedRate: 0.02, malformedJsonRate: 0.02, rateLimit: { every: 25, windowMs: 300 } });
    await engine.start();
    const before = fake.writesApplied();
    const targets = store.all('accounts').slice(0, 25);
    for (const [i, a] of targets.entries()) await store.update('accounts', a.id, { phone: `+86 20 1234 ${String(i).padStart(4, '0')}` });
    await engine.drain();
    expect(engine.pending().filter((e) => e.state !== 'confirmed')).toEqual([]);
    expect(fake.writesApplied() - before, 'one applied Save per outbox entry, despite retries').toBe(25);
    for (const [i, a] of targets.entries()) expect(fake.dc.table('BD_Customer').get(Number(a.id))!.FTEL).toBe(`+86 20 1234 ${String(i).padStart(4, '0')}`);
    engine.stop();
  });
});
