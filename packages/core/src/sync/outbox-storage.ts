// Where the sync engine keeps writes that have not been confirmed yet. The engine only needs
// a tiny ordered key/value contract, so it runs the same over memory (Node jobs, tests) and
// IndexedDB (browsers: `IdbOutboxStorage` in `@kamkit/core/persistence`).
import type { OutboxEntry } from '../store/types.js';

/** An outbox entry as stored: the public entry plus what the engine must keep across a reload. */
export interface StoredOutboxEntry extends OutboxEntry {
  /** For an entry in state `conflict`: the server's version and ours, shown again after a reload. */
  conflict?: { server: unknown; local: unknown };
}

export interface OutboxStorage {
  /** Inserts a new entry at the end, or updates an existing one in place (its position is kept). */
  put(entry: StoredOutboxEntry): Promise<void>;
  get(idempotencyKey: string): Promise<StoredOutboxEntry | undefined>;
  delete(idempotencyKey: string): Promise<void>;
  /** Every entry, in the order it was first put. */
  list(): Promise<StoredOutboxEntry[]>;
  /** Removes every entry. */
  clear(): Promise<void>;
}

/** Deep copy through JSON: what is stored must not alias the caller's objects (IDB clones too). */
export function detach<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The outbox in memory: order of first insertion, copies in and out like IndexedDB. */
export class MemoryOutboxStorage implements OutboxStorage {
  readonly #entries = new Map<string, StoredOutboxEntry>();

  async put(entry: StoredOutboxEntry): Promise<void> {
    this.#entries.set(entry.idempotencyKey, detach(entry));
  }
  async get(key: string): Promise<StoredOutboxEntry | undefined> {
    return detach(this.#entries.get(key));
  }
  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
  async list(): Promise<StoredOutboxEntry[]> {
    return [...this.#entries.values()].map(detach);
  }
  async clear(): Promise<void> {
    this.#entries.clear();
  }
}
