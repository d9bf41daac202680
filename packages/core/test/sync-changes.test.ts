// Incremental sync, the book cache and the no-credentials rule, in Node over fake-indexeddb.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { KamError, type SyncProgress, type Book, type DataSource } from '../src/index.js';
import { SyncEngine } from '../src/sync/index.js';
import { Store } from '../src/store/store.js';
import { BookCache, IdbOutboxStorage, createEmbeddedSource, openKamDb } from '../src/persistence/index.js';
import { generateSampleBook } from '../src/sample/index.js';
import { smallBook, withFaults, T0 } from './sync-fixtures.js';

let n = 0;
const freshName = (what: string) => `${what}-${process.pid}-${++n}`;
const key = () => `k-${Math.random().toString(36).slice(2)}`;

describe('syncChanges', () => {
  it('pulls only what changed, applies it, keeps the stamps and reports progress', async () => {
    let clock = Date.parse('2026-11-20T09:00:00.000Z');
    const backend = createEmbeddedSource({ dbName: freshName('backend'), seed: smallBook, now: () => new Date(clock) });
    const store = new Store({ source: backend });
    await store.load();
    const engine = new SyncEngine({ store, source: backend, connectivityEvents: null, pageSize: 2 });
    const progress: SyncProgress[] = [];
    store.onProgress((p) => progress.push(p));

    // The store was loaded at T0: the first sync finds nothing newer.
    const first = await engine.syncChanges({ since: T0 });
    expect(first.applied.accounts).toBe(0);
    expect(engine.stamps.accounts).toBe(T0);

    // Three other people change the backend.
    clock += 60_000;
    for (let i = 1; i <= 3; i++) {
      await backend.write({ op: 'update', entity: 'accounts', id: `acc-${i}`, patch: { tier: 'S' }, idempotencyKey: key(), ifUnmodifiedSince: T0 });
    }
    await backend.write({ op: 'create', entity: 'contacts', data: { id: 'con-9', accountId: 'acc-1', name: '王芳', role: 'champion' }, idempotencyKey: key() });
    progress.length = 0;
    const changes: string[] = [];
    store.subscribe((e) => { if (e.origin === 'remote' && e.kind !== 'pipelines') changes.push(...e.ids.map((id) => `${e.kind}:${id}`)); });

    const report = await engine.syncChanges();
    expect(report.applied).toMatchObject({ accounts: 3, contacts: 1, opportunities: 0 });
    expect(changes).toEqual(['accounts:acc-1', 'accounts:acc-2', 'accounts:acc-3', 'contacts:con-9']);
    expect(store.get('accounts', 'acc-2')!.tier).toBe('S');
    expect(store.get('contacts', 'con-9')!.role).toBe('champion');
    // Page size 2: accounts arrive in two pages, and progress counts up.
    expect(progress.filter((p) => p.phase === 'accounts').map((p) => p.done)).toEqual([2, 3]);
    expect(progress[0]).toEqual({ phase: 'metadata', done: 0 });
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 4, total: 4 });
    expect(report.stamps.accounts).toBe(store.get('accounts', 'acc-3')!.updatedAt);

    const again = await engine.syncChanges();
    expect(again.applied.accounts).toBe(0);
    expect(again.applied.contacts).toBe(0);
  });

  it('quarantines bad records and applies the rest', async () => {
    const book = smallBook();
    (book.accounts as unknown[]).push({ id: 'acc-bad', name: '', updatedAt: '2026-11-21T00:00:00.000Z' });
    (book.accounts as unknown[]).push({ id: 'acc-ok', name: 'Fine Co', updatedAt: '2026-11-21T00:00:00.000Z' });
    const backend = createEmbeddedSource({ dbName: freshName('backend'), seed: () => book });
    const store = Store.fromBook(smallBook());
    const engine = new SyncEngine({ store, source: backend, connectivityEvents: null });
    const report = await engine.syncChanges({ since: '2026-11-20T00:00:00Z' });
    expect(report.applied.accounts).toBe(1);
    expect(store.get('accounts', 'acc-ok')?.name).toBe('Fine Co');
    expect(store.get('accounts', 'acc-bad')).toBeUndefined();
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]).toMatchObject({ entity: 'accounts', id: 'acc-bad' });
    expect(report.rejected[0].issues[0]).toMatchObject({ path: 'name' });
  });

  it('defers records with a queued local write instead of overwriting them', async () => {
    let online = false;
    const backend = createEmbeddedSource({ dbName: freshName('backend'), seed: smallBook });
    const store = new Store({ source: backend });
    await store.load();
    const engine = new SyncEngine({ store, source: backend, online: () => online, connectivityEvents: null });
    await store.update('accounts', 'acc-1', { tier: 'C' });
    await backend.write({ op: 'update', entity: 'accounts', id: 'acc-1', patch: { name: 'Changed remotely' }, idempotencyKey: key() });
    const report = await engine.syncChanges({ since: T0 });
    expect(report.deferred).toEqual([{ kind: 'accounts', id: 'acc-1' }]);
    expect(store.get('accounts', 'acc-1')!.tier).toBe('C');
    online = true;
    await engine.drain();
    expect(engine.conflicts()).toHaveLength(1); // the queued write then meets the remote change
  });

  it('falls back to full listing when the backend cannot diff', async () => {
    const backend = createEmbeddedSource({ dbName: freshName('backend'), seed: smallBook });
    const noDiff: DataSource = { ...backend, name: 'nodiff', capabilities: async () => ({ ...(await backend.capabilities()), changesSince: false }), changes: () => { throw new Error('must not be called'); } };
    const store = Store.fromBook({ pipelines: smallBook().pipelines });
    const engine = new SyncEngine({ store, source: noDiff, connectivityEvents: null });
    const report = await engine.syncChanges();
    expect(report.fullRefresh).toContain('accounts');
    expect(report.applied.accounts).toBe(4);
    expect(store.all('opportunities')).toHaveLength(6);
  });
});

describe('BookCache', () => {
  it('saves a book with stamps and loads it back identical', async () => {
    const cache = await BookCache.open(freshName('cache'));
    expect(await cache.load()).toBeUndefined();
    const store = Store.fromBook(generateSampleBook({ accounts: 200, related: 0.2 }));
    const book = store.snapshot();
    const { records } = await cache.save(book, { accounts: '2026-11-20T00:00:00.000Z' });
    expect(records).toBeGreaterThan(1000);
    const back = (await cache.load())!;
    expect(back.stamps).toEqual({ accounts: '2026-11-20T00:00:00.000Z' });
    const byId = <T extends { id: string }>(a: T[]) => [...a].sort((x, y) => (x.id < y.id ? -1 : 1));
    for (const kind of Object.keys(book) as Array<keyof Book>) expect(byId(back.book[kind] as { id: string }[])).toEqual(byId(book[kind] as { id: string }[]));
    const reloaded = Store.fromBook(back.book);
    expect(reloaded.rejected).toEqual([]);
    expect(reloaded.all('opportunities').length).toBe(store.all('opportunities').length);
  });

  it('follows a store: changed records and stamps are written through', async () => {
    const cache = await BookCache.open(freshName('cache'));
    const store = Store.fromBook(smallBook());
    await cache.save(store.snapshot());
    const stamps = { accounts: '2026-11-22T00:00:00.000Z' };
    const stop = cache.follow(store, { delayMs: 5, stamps: () => stamps });
    await store.update('accounts', 'acc-4', { tier: 'A' });
    store.removeRecord('contacts', 'con-1', 'remote');
    await stop();
    const back = (await cache.load())!;
    expect(back.book.accounts.find((a) => a.id === 'acc-4')!.tier).toBe('A');
    expect(back.book.contacts.map((c) => c.id)).not.toContain('con-1');
    expect(back.stamps).toEqual(stamps);
    expect(await cache.deltaCount()).toBe(2); // written as two delta rows over the snapshot

    // Past `compactAfter`, the deltas are folded into a fresh snapshot.
    const stop2 = cache.follow(store, { delayMs: 5, compactAfter: 2 });
    await store.update('accounts', 'acc-3', { tier: 'A' });
    await stop2();
    expect(await cache.deltaCount()).toBe(0);
    const compacted = (await cache.load())!;
    expect(compacted.book.accounts.find((a) => a.id === 'acc-3')!.tier).toBe('A');
    expect(compacted.book.accounts.find((a) => a.id === 'acc-4')!.tier).toBe('A');
    expect(compacted.book.contacts.map((c) => c.id)).not.toContain('con-1');
  });
});

describe('no credentials in IndexedDB', () => {
  it('stores nothing of a token after syncing and failing writes through an authenticated source', async () => {
    const TOKEN = 'eyJhbGciOi.SECRET-token-4711';
    const backend = createEmbeddedSource({ dbName: freshName('backend'), seed: smallBook });
    // An authenticated source: the token sits in its config, and its transport errors carry the
    // request (with the Authorization header) as their cause, as HTTP clients do.
    const authed = withFaults(backend, {
      refuse: Infinity,
      error: () => new KamError('network', `socket hang up (Authorization: Bearer ${TOKEN})`, { cause: { headers: { authorization: `Bearer ${TOKEN}` } } }),
    });
    const source = Object.assign(authed.source, { auth: { token: TOKEN } });
    const clientDb = freshName('client');
    const store = new Store({ source });
    await store.load();
    const engine = new SyncEngine({ store, source, storage: new IdbOutboxStorage(clientDb), retry: { max: 1, baseMs: 1 }, connectivityEvents: null });
    const cache = await BookCache.open(clientDb);
    await store.moveStage('opp-1', 'qualify');
    await engine.drain(); // unreachable: kept, with its lastError stored
    expect(engine.pending()[0].lastError).toMatch(/socket hang up/);
    expect(engine.pending()[0].lastError).not.toContain(TOKEN);
    await engine.syncChanges();
    await cache.save(store.snapshot(), engine.stamps);
    const dump = await dumpDb(clientDb);
    expect(dump).toContain('socket hang up'); // the scan does see the stored outbox
    expect(dump).toContain('opp-1');
    expect(dump).not.toContain(TOKEN);
    expect(dump).not.toMatch(/SECRET/);
    authed.faults.refuse = 0;
    engine.resume();
    await engine.drain();
    expect(engine.pending()).toEqual([]);
    expect(await dumpDb(clientDb)).not.toContain(TOKEN);
  });
});

async function dumpDb(name: string): Promise<string> {
  const db = await openKamDb(name);
  const parts: string[] = [];
  for (const storeName of db.objectStoreNames) {
    const tx = db.transaction(storeName, 'readonly');
    parts.push(JSON.stringify(await tx.store.getAll()), JSON.stringify(await tx.store.getAllKeys()));
  }
  return parts.join('\n');
}


