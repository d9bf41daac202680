// The embedded IndexedDB DataSource, in Node over fake-indexeddb (the Chromium suite runs it on
// the real IndexedDB). A "reload" here is a second source object opening the same database.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { generateSampleBook } from '../src/sample/index.js';
import { KamConflictError, KamValidationError, KamNotFoundError, listAll, type Opportunity } from '../src/index.js';
import { createEmbeddedSource, resetEmbeddedSource } from '../src/persistence/index.js';
import { smallBook, T0 } from './sync-fixtures.js';

let n = 0;
const freshName = () => `embedded-${process.pid}-${++n}`;
const key = () => `k-${Math.random().toString(36).slice(2)}`;

describe('embedded source', () => {
  it('seeds on first open only, and keeps edits across a reopen', async () => {
    const dbName = freshName();
    let seeded = 0;
    const seed = () => { seeded++; return smallBook(); };
    const a = createEmbeddedSource({ dbName, seed });
    expect((await a.get('accounts', 'acc-1'))?.name).toBe('华为技术有限公司');
    await a.write({ op: 'update', entity: 'accounts', id: 'acc-1', patch: { tier: 'S' }, idempotencyKey: key(), ifUnmodifiedSince: T0 });
    a.close();
    const b = createEmbeddedSource({ dbName, seed });
    expect((await b.get('accounts', 'acc-1'))?.tier).toBe('S');
    expect(seeded).toBe(1);
    // A reset deletes the database; this page's source reopens and seeds afresh on its next call.
    await resetEmbeddedSource(dbName);
    expect((await b.get('accounts', 'acc-1'))?.tier).toBe('A');
    expect(await b.writeLog()).toEqual([]);
    expect(seeded).toBe(2);
    b.close();
  });

  it('seeds the sample book by default and pages through it with a cursor', async () => {
    // Accounts and pipelines of the default sample book (the full book seeds in the Chromium suite).
    const src = createEmbeddedSource({ dbName: freshName(), seed: () => generateSampleBook({ related: false }) });
    const first = await src.list('accounts', { limit: 200 });
    expect(first.total).toBeGreaterThanOrEqual(500);
    const ids: string[] = [];
    let pages = 0;
    for await (const page of listAll(src, 'accounts', { limit: 200 })) { ids.push(...page.items.map((a) => a.id)); pages++; }
    expect(pages).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(first.total);
    const pipes = await src.pipelines();
    expect(pipes.length).toBe(2);
    src.close();
  });

  it('filters: by account through the index, and by any field', async () => {
    const src = createEmbeddedSource({ dbName: freshName(), seed: smallBook });
    const byAcc: string[] = [];
    for await (const p of listAll(src, 'opportunities', { limit: 1, filter: { accountId: 'acc-1' } })) byAcc.push(...p.items.map((o) => o.id));
    expect(byAcc).toEqual(['opp-1', 'opp-5']);
    const huadong = await src.list('accounts', { filter: { region: '华东' } });
    expect(huadong.items.map((a) => a.id)).toEqual(['acc-2', 'acc-4']);
    const both = await src.list('accounts', { filter: { region: '华东', tier: 'A' } });
    expect(both.items.map((a) => a.id)).toEqual(['acc-2']);
    await expect(src.list('accounts', { cursor: 'not%a%cursor' })).rejects.toThrow(/cursor/);
    src.close();
  });

  it('reports changes since a stamp, in order, with the next stamp', async () => {
    let t = Date.parse('2026-11-20T10:00:00.000Z');
    const src = createEmbeddedSource({ dbName: freshName(), seed: smallBook, now: () => new Date(t) });
    const none = await src.changes('accounts', '2026-11-20T00:00:00Z');
    expect(none.items).toEqual([]);
    await src.write({ op: 'update', entity: 'accounts', id: 'acc-3', patch: { tier: 'A' }, idempotencyKey: key() });
    await src.write({ op: 'update', entity: 'accounts', id: 'acc-1', patch: { tier: 'B' }, idempotencyKey: key() }); // same ms: stamp still increases
    t += 5000;
    await src.write({ op: 'create', entity: 'accounts', data: { id: 'acc-9', name: 'New Co' }, idempotencyKey: key() });
    const ch = await src.changes('accounts', '2026-11-20T00:00:00Z', { limit: 2 });
    expect(ch.items.map((a) => a.id)).toEqual(['acc-3', 'acc-1']);
    expect(ch.nextCursor).toBeDefined();
    const rest = await src.changes('accounts', '2026-11-20T00:00:00Z', { limit: 2, cursor: ch.nextCursor });
    expect(rest.items.map((a) => a.id)).toEqual(['acc-9']);
    expect(rest.nextCursor).toBeUndefined();
    const after = await src.changes('accounts', rest.stamp);
    expect(after.items).toEqual([]);
    const stamps = [...ch.items, ...rest.items].map((a) => a.updatedAt!);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
    src.close();
  });

  it('refuses a write on a stale stamp with both versions', async () => {
    const src = createEmbeddedSource({ dbName: freshName(), seed: smallBook });
    const first = await src.write({ op: 'update', entity: 'opportunities', id: 'opp-1', patch: { name: 'Renamed by Zhang' }, idempotencyKey: key(), ifUnmodifiedSince: T0 });
    expect((first.record as Opportunity).updatedAt).not.toBe(T0);
    const err = await src.write({ op: 'update', entity: 'opportunities', id: 'opp-1', patch: { name: 'Renamed by Li' }, idempotencyKey: key(), ifUnmodifiedSince: T0 }).catch((e) => e);
    expect(err).toBeInstanceOf(KamConflictError);
    expect((err.current as Opportunity).name).toBe('Renamed by Zhang');
    expect(err.attempted).toEqual({ name: 'Renamed by Li' });
    expect((await src.get('opportunities', 'opp-1'))?.name).toBe('Renamed by Zhang');
    src.close();
  });

  it('applies a repeated idempotency key once and returns the first result', async () => {
    const src = createEmbeddedSource({ dbName: freshName(), seed: smallBook });
    const op = { op: 'moveStage' as const, entity: 'opportunities' as const, id: 'opp-2', toStageId: 'qualify', idempotencyKey: key(), ifUnmodifiedSince: T0, by: 'u-1' };
    const a = await src.write(op);
    const b = await src.write(op);
    expect(b.record).toEqual(a.record);
    const log = await src.writeLog();
    expect(log.filter((l) => l.key === op.idempotencyKey)).toHaveLength(1);
    const opp = (await src.get('opportunities', 'opp-2'))!;
    expect(opp.stageHistory.map((h) => h.stageId)).toEqual(['lead', 'qualify']);
    expect(opp.stageHistory[0].leftAt).toBeDefined();
    expect(opp.stageHistory[1].by).toBe('u-1');
    src.close();
  });

  it('validates writes like a backend: refused moves, bad records, unknown ids', async () => {
    const src = createEmbeddedSource({ dbName: freshName(), seed: smallBook });
    const lost = await src.write({ op: 'moveStage', entity: 'opportunities', id: 'opp-3', toStageId: 'lost', idempotencyKey: key() }).catch((e) => e);
    expect(lost).toBeInstanceOf(KamValidationError);
    expect(lost.message).toMatch(/reason/);
    const bad = await src.write({ op: 'update', entity: 'opportunities', id: 'opp-3', patch: { amount: { amount: 1, currency: 'yuan' } }, idempotencyKey: key() }).catch((e) => e);
    expect(bad).toBeInstanceOf(KamValidationError);
    expect(bad.issues[0]).toMatchObject({ entity: 'opportunities', id: 'opp-3', path: 'amount.currency' });
    expect((await src.get('opportunities', 'opp-3'))?.amount.currency).toBe('CNY');
    await expect(src.write({ op: 'update', entity: 'accounts', id: 'nope', patch: {}, idempotencyKey: key() })).rejects.toBeInstanceOf(KamNotFoundError);
    const dup = await src.write({ op: 'create', entity: 'accounts', data: { id: 'acc-1', name: 'Clash' }, idempotencyKey: key() }).catch((e) => e);
    expect(dup).toBeInstanceOf(KamConflictError);
    // A refused write leaves nothing behind: not in the log, and its key is free to succeed later.
    expect(await src.writeLog()).toEqual([]);
    src.close();
  });
});
