// The app inside the reload iframe: a Store over the embedded IndexedDB source, a SyncEngine
// with the IndexedDB outbox. Query parameters pick the database names and the network:
//   transport=ok       writes go through
//   transport=offline  the engine sees no network: writes stay queued
//   transport=hang     a write reaches the backend, then its response never arrives (the page
//                      dies mid-request)
//   seed=sample        seed the backend with the full sample book (else the small test book)
import type { WriteEvent } from '@kamkit/core';
import { SyncEngine } from '@kamkit/core/sync';
import { Store } from '../../packages/core/src/store/store.js';
import { createEmbeddedSource, IdbOutboxStorage } from '@kamkit/core/persistence';
import { smallBook, withFaults } from '../../packages/core/test/sync-fixtures.js';

const params = new URLSearchParams(location.search);
const transport = params.get('transport') ?? 'ok';
const backend = createEmbeddedSource({ dbName: params.get('backend')!, seed: params.get('seed') === 'sample' ? undefined : smallBook });
const net = withFaults(backend);
if (transport === 'hang') {
  // The backend applies the write; the answer never comes back.
  net.source.write = async (op, o) => {
    net.sent.push(structuredClone(op));
    await backend.write(op, o);
    return new Promise(() => undefined);
  };
}
const events: WriteEvent[] = [];
const store = new Store({ source: net.source, user: 'u-1' });

async function boot() {
  await store.load();
  store.onWrite((e) => events.push(JSON.parse(JSON.stringify(e))));
  const engine = new SyncEngine({
    store, source: net.source, storage: new IdbOutboxStorage(params.get('client')!),
    retry: { max: 5, baseMs: 10 }, online: () => transport !== 'offline',
  });
  await engine.start();
  return { store, engine, backend, events, sent: net.sent };
}

const w = window as unknown as { kamReady: Promise<unknown> };
w.kamReady = boot();
