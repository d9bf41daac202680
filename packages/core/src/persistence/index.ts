// @kamkit/core/persistence — IndexedDB (via idb): the book cache, the persistent outbox and the
// embedded data source. Browser-only (in Node, load fake-indexeddb first); kept out of the main
// entry so Node jobs and pages without offline support never load idb.
export { openKamDb, deleteKamDb, closeKamDb, KAM_DB_VERSION, type KamDb } from './db.js';
export { IdbOutboxStorage } from './outbox-idb.js';
export { BookCache, type CachedBook, type CacheableStore } from './book-cache.js';
export {
  createEmbeddedSource, resetEmbeddedSource,
  type EmbeddedSource, type EmbeddedSourceOptions, type WriteLogEntry,
} from './embedded-source.js';
export { openOfflineStore, stampsOf, type OfflineStore, type OfflineStoreOptions } from './offline.js';
