// Everything offline wired together, for a page: the Store starts from the IndexedDB cache (fast,
// no network), the outbox left by the last page replays, changes since the cached stamps are
// pulled in the background, and the cache follows the store from then on.
import type { EntityKind } from '../model/schemas.js';
import type { DataSource } from '../port/datasource.js';
import { Store, type StoreOptions } from '../store/store.js';
import { SyncEngine, stampsOf, type SyncReport } from '../sync/engine.js';
import type { RetryPolicy } from '../sync/retry.js';
import { BookCache } from './book-cache.js';
import { IdbOutboxStorage } from './outbox-idb.js';

export { stampsOf };

export interface OfflineStoreOptions {
  source: DataSource;
  /** Client database (cache + outbox). Default `kamkit`. Use one per backend / tenant / user. */
  dbName?: string;
  store?: Omit<StoreOptions, 'source' | 'writes'>;
  retry?: Partial<RetryPolicy>;
  online?: () => boolean;
}

export interface OfflineStore {
  store: Store;
  engine: SyncEngine;
  cache: BookCache;
  /** True when the store started from the cache (then `synced` brings it up to date). */
  fromCache: boolean;
  /** Resolves with the background incremental sync's report (started from the cache), else with undefined. */
  synced: Promise<SyncReport | undefined>;
  /** Stops sending and following; flushes the cache. */
  close(): Promise<void>;
}

export async function openOfflineStore(opts: OfflineStoreOptions): Promise<OfflineStore> {
  const cache = await BookCache.open(opts.dbName ?? 'kamkit');
  const cached = await cache.load();
  const store = new Store({ ...opts.store, source: opts.source });
  let stamps: Partial<Record<EntityKind, string>>;
  if (cached) {
    store.loadBook(cached.book);
    stamps = cached.stamps;
  } else {
    await store.load();
    const book = store.snapshot();
    stamps = stampsOf(book);
    await cache.save(book, stamps);
  }
  const engine = new SyncEngine({ store, source: opts.source, storage: new IdbOutboxStorage(cache.db), stamps, retry: opts.retry, online: opts.online });
  await engine.start();
  const stopFollowing = cache.follow(store, { stamps: () => engine.stamps });
  const synced = cached ? engine.syncChanges() : Promise.resolve(undefined);
  // A failed background sync leaves the cached book in place; the caller sees the error on `synced`.
  synced.catch(() => undefined);
  return {
    store, engine, cache, fromCache: !!cached, synced,
    async close() {
      engine.stop();
      await stopFollowing();
      cache.close();
    },
  };
}
