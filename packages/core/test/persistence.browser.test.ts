// IndexedDB persistence in real Chromium: the book cache, the offline store wiring (cache first,
// then incremental sync), and no credential anywhere in the origin's databases.
import { expect } from '@open-wc/testing';
import { KamError, type Book } from '@kamkit/core';
import { generateSampleBook } from '../src/sample/index.js';
import { Store } from '../src/store/store.js';
import { BookCache, createEmbeddedSource, openOfflineStore, resetEmbeddedSource, deleteKamDb } from '@kamkit/core/persistence';
import { smallBook, withFaults } from './sync-fixtures.js';

const tag = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

describe('BookCache (real IndexedDB)', () => {
  it('saves the sample book and loads it back whole', async function () {
    this.timeout(120_000);
    const name = `wtr-cache-${tag()}`;
    const cache = await BookCache.open(name);
    const book = Store.fromBook(generateSampleBook()).snapshot();
    const t0 = performance.now();
    const { records } = await cache.save(book, { opportunities: '2026-11-22T00:00:00.000Z' });
    const t1 = performance.now();
    const back = (await cache.load())!;
    const t2 = performance.now();
    // Figures for the report, not assertions (timings are never asserted).
    console.log(`BookCache: ${records} records saved in ${(t1 - t0).toFixed(0)} ms, loaded in ${(t2 - t1).toFixed(0)} ms`);
    for (const kind of Object.keys(book) as Array<keyof Book>) expect(back.book[kind].length, kind).to.equal(book[kind].length);
    const sampleOpp = book.opportunities[17];
    expect(back.book.opportunities.find((o) => o.id === sampleOpp.id)).to.deep.equal(sampleOpp);
    expect(back.stamps).to.deep.equal({ opportunities: '2026-11-22T00:00:00.000Z' });
    expect(Store.fromBook(back.book).rejected).to.deep.equal([]);
    cache.close();
    await deleteKamDb(name);
  });
});

describe('openOfflineStore (real IndexedDB)', () => {
  it('starts from the cache on the next load and pulls what changed meanwhile', async () => {
    const names = { backend: `wtr-off-backend-${tag()}`, client: `wtr-off-client-${tag()}` };
    const backend = createEmbeddedSource({ dbName: names.backend, seed: smallBook });
    const first = await openOfflineStore({ source: backend, dbName: names.client });
    expect(first.fromCache).to.equal(false);
    await first.store.moveStage('opp-1', 'qualify');
    await first.engine.drain();
    await first.close();

    // While the page is closed, a colleague edits an account on the server.
    const acc = (await backend.get('accounts', 'acc-3'))!;
    await backend.write({ op: 'update', entity: 'accounts', id: 'acc-3', patch: { tier: 'A' }, idempotencyKey: `colleague-${tag()}`, ifUnmodifiedSince: acc.updatedAt });

    const second = await openOfflineStore({ source: backend, dbName: names.client });
    expect(second.fromCache).to.equal(true);
    // From the cache, before any network: our own confirmed move is there.
    expect(second.store.get('opportunities', 'opp-1')!.stageId).to.equal('qualify');
    expect(second.store.get('accounts', 'acc-3')!.tier).to.equal('B');
    const report = (await second.synced)!;
    expect(report.applied.accounts).to.equal(1);
    expect(second.store.get('accounts', 'acc-3')!.tier).to.equal('A');
    await second.close();
    backend.close();
    await resetEmbeddedSource(names.backend);
    await deleteKamDb(names.client);
  });
});

describe('no credentials in IndexedDB (real Chromium)', () => {
  it('leaves no token in any database of the origin after sync, failed writes and caching', async () => {
    const TOKEN = `tok_${tag()}_SECRETVALUE`;
    const names = { backend: `wtr-cred-backend-${tag()}`, client: `wtr-cred-client-${tag()}` };
    const backend = createEmbeddedSource({ dbName: names.backend, seed: smallBook });
    const net = withFaults(backend, {
      refuse: Infinity,
      error: () => new KamError('network', `fetch failed: 401 for token=${TOKEN}`, { cause: { request: { headers: { Authorization: `Bearer ${TOKEN}` } } } }),
    });
    const source = Object.assign(net.source, { config: { accessToken: TOKEN, password: TOKEN } });
    const app = await openOfflineStore({ source, dbName: names.client, retry: { max: 1, baseMs: 1 } });
    await app.store.update('accounts', 'acc-1', { tier: 'S' });
    await app.engine.drain();
    expect(app.engine.pending()[0].lastError).to.match(/fetch failed/); // unreachable: kept, with its lastError stored
    net.faults.refuse = 0;
    app.engine.resume();
    await app.engine.drain();
    expect(app.engine.pending()).to.deep.equal([]);
    await app.engine.syncChanges();
    await app.close();

    let scanned = 0;
    for (const info of await indexedDB.databases()) {
      const text = await dump(info.name!);
      scanned += text.length;
      expect(text, `database ${info.name}`).to.not.include(TOKEN);
      expect(text, `database ${info.name}`).to.not.include('SECRETVALUE');
    }
    expect(scanned).to.be.greaterThan(1000); // the scan read real content
    backend.close();
    await resetEmbeddedSource(names.backend);
    await deleteKamDb(names.client);
  });
});

async function dump(name: string): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const parts: string[] = [];
  for (const storeName of Array.from(db.objectStoreNames)) {
    const store = db.transaction(storeName, 'readonly').objectStore(storeName);
    const [values, keys] = await Promise.all([store.getAll(), store.getAllKeys()].map((r) => new Promise((res) => { r.onsuccess = () => res(r.result); })));
    parts.push(JSON.stringify(values), JSON.stringify(keys));
  }
  db.close();
  return parts.join('\n');
}
