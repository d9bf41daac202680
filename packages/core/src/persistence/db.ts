// One versioned IndexedDB schema for everything KAM Kit keeps in a browser: per-kind snapshots
// (one blob per kind) plus one object store per entity kind for the records changed since, the
// outbox, and — for the embedded data source, which uses a database of its own name — the
// idempotency ledger and the write log. No store holds, or is
// ever handed, a credential: auth lives in the adapters' HTTP layer and never reaches here.
import { openDB, deleteDB, type IDBPDatabase } from 'idb';
import { entityKinds } from '../model/schemas.js';
import { KamError } from '../errors.js';

export type KamDb = IDBPDatabase<unknown>;

/** Current schema version; `upgrade` below migrates from every earlier one. */
export const KAM_DB_VERSION = 1;

/** Object stores beside the one per entity kind. */
export const META = 'meta';
export const PIPELINES = 'pipelines';
export const OUTBOX = 'outbox';
export const IDEMPOTENCY = 'idempotency';
export const WRITE_LOG = 'writeLog';
/** Whole arrays under one key each: bulk snapshots load ~10× faster than one row per record. */
export const BLOBS = 'blobs';

const open = new Map<string, Set<KamDb>>();

/**
 * Opens (creating or upgrading) a KAM Kit database. A connection closes itself when another
 * page upgrades or deletes the database, so a newer tab or `resetEmbeddedSource` is never blocked.
 */
export async function openKamDb(name: string): Promise<KamDb> {
  if (typeof indexedDB === 'undefined') {
    throw new KamError('data_source', `IndexedDB is not available here, so the database "${name}" cannot be opened (in Node, load fake-indexeddb first)`);
  }
  const db = await openDB(name, KAM_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        // Rows of records changed since the last snapshot / seed (few): no indexes to maintain.
        for (const kind of entityKinds) db.createObjectStore(kind, { keyPath: 'id' });
        db.createObjectStore(PIPELINES, { keyPath: 'id' });
        db.createObjectStore(META);
        db.createObjectStore(OUTBOX, { keyPath: 'idempotencyKey' }).createIndex('seq', 'seq', { unique: true });
        db.createObjectStore(IDEMPOTENCY, { keyPath: 'key' });
        db.createObjectStore(WRITE_LOG, { autoIncrement: true }).createIndex('key', 'key');
        db.createObjectStore(BLOBS);
      }
    },
    blocking() {
      db.close();
      forget(name, db);
    },
    terminated() {
      forget(name, db);
    },
  });
  let set = open.get(name);
  if (!set) open.set(name, (set = new Set()));
  set.add(db);
  return db;
}

function forget(name: string, db: KamDb): void {
  open.get(name)?.delete(db);
}

/** Closes this page's connections to `name`, then deletes the database. */
export async function deleteKamDb(name: string): Promise<void> {
  for (const db of open.get(name) ?? []) db.close();
  open.delete(name);
  await deleteDB(name);
}

export function closeKamDb(db: KamDb, name = db.name): void {
  db.close();
  forget(name, db);
}
