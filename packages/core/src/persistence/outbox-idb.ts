// The outbox in IndexedDB: survives a reload, a crash and a closed tab. Each entry is stored
// with a sequence number so replay keeps the order writes were made in.
import type { OutboxStorage, StoredOutboxEntry } from '../sync/outbox-storage.js';
import { detach } from '../sync/outbox-storage.js';
import { OUTBOX, openKamDb, type KamDb } from './db.js';

type Row = StoredOutboxEntry & { seq: number };

function strip(row: Row): StoredOutboxEntry {
  const { seq: _seq, ...entry } = row;
  return entry;
}

export class IdbOutboxStorage implements OutboxStorage {
  readonly #db: Promise<KamDb>;

  /** `db`: an open KAM Kit database, or the name of one (default `kamkit`). */
  constructor(db: KamDb | string = 'kamkit') {
    this.#db = typeof db === 'string' ? openKamDb(db) : Promise.resolve(db);
  }

  async put(entry: StoredOutboxEntry): Promise<void> {
    const db = await this.#db;
    // Durable: an acknowledged write must be on disk before the user is told it is queued.
    const tx = db.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    const existing = (await tx.store.get(entry.idempotencyKey)) as Row | undefined;
    let seq = existing?.seq;
    if (seq === undefined) {
      const last = await tx.store.index('seq').openCursor(null, 'prev');
      seq = last ? (last.value as Row).seq + 1 : 1;
    }
    await tx.store.put({ ...detach(entry), seq } satisfies Row);
    await tx.done;
  }

  async get(key: string): Promise<StoredOutboxEntry | undefined> {
    const row = (await (await this.#db).get(OUTBOX, key)) as Row | undefined;
    return row ? strip(row) : undefined;
  }

  async delete(key: string): Promise<void> {
    const db = await this.#db;
    const tx = db.transaction(OUTBOX, 'readwrite', { durability: 'strict' });
    await tx.store.delete(key);
    await tx.done;
  }

  async list(): Promise<StoredOutboxEntry[]> {
    const rows = (await (await this.#db).getAllFromIndex(OUTBOX, 'seq')) as Row[];
    return rows.map(strip);
  }

  async clear(): Promise<void> {
    await (await this.#db).clear(OUTBOX);
  }
}
