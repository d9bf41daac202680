// A cache of the loaded book in IndexedDB, so a page shows data at once after a reload and syncs
// only what changed since (the per-kind stamps are kept with it).
//
// Layout, chosen by measurement (Chromium, sample book of ~37k records): one row per record took
// ~10 s to save and ~5 s to load back; one array per kind ("blob") took ~0.5 s and ~0.8 s. So a
// save writes one blob per kind, and later changes go to per-record delta rows (cheap to write
// one by one); a load reads the blobs and lays the deltas over them; `follow` compacts the
// deltas into fresh blobs once there are many.
import { entityKinds, type Book, type EntityKind } from '../model/schemas.js';
import type { ChangeEvent } from '../store/types.js';
import { BLOBS, META, PIPELINES, openKamDb, closeKamDb, type KamDb } from './db.js';

export interface CachedBook {
  book: Book;
  /** Per-kind stamps of the last incremental sync, for `SyncEngine({ stamps })`. */
  stamps: Partial<Record<EntityKind, string>>;
  savedAt: string;
}

/** What `follow` needs of a Store. */
export interface CacheableStore {
  get(kind: EntityKind, id: string): unknown;
  snapshot(): Book;
  pipelines(): readonly unknown[];
  subscribe(listener: (e: ChangeEvent) => void): () => void;
}

const STAMPS = 'stamps';
const SAVED_AT = 'savedAt';
/** Marks a delta row that says "this record was removed". */
const REMOVED = '__kamRemoved';
const kinds: ReadonlyArray<EntityKind | typeof PIPELINES> = [...entityKinds, PIPELINES];
const blobKey = (kind: string) => `cache:${kind}`;

type Row = { id: string } & Record<string, unknown>;

export class BookCache {
  readonly db: KamDb;

  constructor(db: KamDb) {
    this.db = db;
  }

  /** Opens the cache in the database `name` (default `kamkit`, shared with the outbox). */
  static async open(name = 'kamkit'): Promise<BookCache> {
    return new BookCache(await openKamDb(name));
  }

  /** Replaces the cached book and stamps in one transaction (and drops older deltas). */
  async save(book: Partial<Book>, stamps: Partial<Record<EntityKind, string>> = {}): Promise<{ records: number }> {
    const tx = this.db.transaction([BLOBS, META, ...kinds], 'readwrite', { durability: 'relaxed' });
    let records = 0;
    const writes: Promise<unknown>[] = [];
    for (const kind of kinds) {
      const list = (book[kind] ?? []) as unknown[];
      records += list.length;
      writes.push(tx.objectStore(BLOBS).put(list, blobKey(kind)), tx.objectStore(kind).clear());
    }
    writes.push(tx.objectStore(META).put(stamps, STAMPS), tx.objectStore(META).put(new Date().toISOString(), SAVED_AT));
    await Promise.all([...writes, tx.done]);
    return { records };
  }

  /** The cached book, or undefined when nothing was ever saved. One read transaction. */
  async load(): Promise<CachedBook | undefined> {
    const tx = this.db.transaction([BLOBS, META, ...kinds], 'readonly');
    const savedAt = (await tx.objectStore(META).get(SAVED_AT)) as string | undefined;
    if (!savedAt) { await tx.done; return undefined; }
    const [stamps, blobs, deltas] = await Promise.all([
      tx.objectStore(META).get(STAMPS) as Promise<CachedBook['stamps'] | undefined>,
      Promise.all(kinds.map((k) => tx.objectStore(BLOBS).get(blobKey(k)) as Promise<Row[] | undefined>)),
      Promise.all(kinds.map((k) => tx.objectStore(k).getAll() as Promise<Row[]>)),
    ]);
    await tx.done;
    const book = {} as Record<string, unknown[]>;
    kinds.forEach((k, i) => { book[k] = overlay(blobs[i] ?? [], deltas[i]); });
    return { book: book as unknown as Book, stamps: stamps ?? {}, savedAt };
  }

  /** Writes some records of one kind (after a sync or a confirmed write) as delta rows. */
  async putRecords(kind: EntityKind | 'pipelines', records: readonly unknown[]): Promise<void> {
    const tx = this.db.transaction(kind, 'readwrite', { durability: 'relaxed' });
    await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  }

  async removeRecords(kind: EntityKind | 'pipelines', ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction(kind, 'readwrite', { durability: 'relaxed' });
    await Promise.all([...ids.map((id) => tx.store.put({ id, [REMOVED]: true })), tx.done]);
  }

  /** Number of delta rows laid over the snapshot. */
  async deltaCount(): Promise<number> {
    const tx = this.db.transaction([...kinds], 'readonly');
    const counts = await Promise.all(kinds.map((k) => tx.objectStore(k).count()));
    return counts.reduce((a, b) => a + b, 0);
  }

  async saveStamps(stamps: Partial<Record<EntityKind, string>>): Promise<void> {
    const tx = this.db.transaction(META, 'readwrite');
    await Promise.all([tx.store.put(stamps, STAMPS), tx.store.put(new Date().toISOString(), SAVED_AT), tx.done]);
  }

  /** Empties the cache (snapshot, deltas, stamps); the outbox in the same database is left alone. */
  async clear(): Promise<void> {
    const tx = this.db.transaction([BLOBS, META, ...kinds], 'readwrite');
    await Promise.all([
      ...kinds.map((k) => tx.objectStore(k).clear()), ...kinds.map((k) => tx.objectStore(BLOBS).delete(blobKey(k))),
      tx.objectStore(META).delete(STAMPS), tx.objectStore(META).delete(SAVED_AT), tx.done,
    ]);
  }

  /**
   * Keeps the cache in step with a store: changed records are written as delta rows in batches
   * (one transaction per `delayMs`); a reload of the store, or more than `compactAfter` deltas,
   * saves a full snapshot instead. `stamps` supplies the engine's per-kind stamps. Returns a
   * function that stops following (and flushes).
   */
  follow(store: CacheableStore, opts: { stamps?: () => Partial<Record<EntityKind, string>>; delayMs?: number; compactAfter?: number; onError?: (e: unknown) => void } = {}): () => Promise<void> {
    const delay = opts.delayMs ?? 250;
    const compactAfter = opts.compactAfter ?? 5000;
    const dirty = new Map<EntityKind, Set<string>>();
    let full = false;
    let pipelines = false;
    let deltas = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let chain: Promise<void> = this.deltaCount().then((n) => { deltas = n; }, () => undefined);
    const flush = (): Promise<void> => {
      timer = undefined;
      const batch = new Map(dirty);
      let doFull = full;
      const doPipelines = pipelines;
      full = false;
      pipelines = false;
      dirty.clear();
      chain = chain.then(async () => {
        let pending = 0;
        for (const ids of batch.values()) pending += ids.size;
        if (deltas + pending > compactAfter) doFull = true;
        if (doFull) {
          await this.save(store.snapshot(), opts.stamps?.() ?? {});
          deltas = 0;
          return;
        }
        if (doPipelines) {
          const tx = this.db.transaction([BLOBS, PIPELINES], 'readwrite');
          await Promise.all([tx.objectStore(BLOBS).put([...store.pipelines()], blobKey(PIPELINES)), tx.objectStore(PIPELINES).clear(), tx.done]);
        }
        for (const [kind, ids] of batch) {
          const put: unknown[] = [];
          const gone: string[] = [];
          for (const id of ids) {
            const r = store.get(kind, id);
            if (r === undefined) gone.push(id); else put.push(r);
          }
          if (put.length) await this.putRecords(kind, put);
          if (gone.length) await this.removeRecords(kind, gone);
          deltas += ids.size;
        }
        if (opts.stamps) await this.saveStamps(opts.stamps());
      }).catch((e) => opts.onError?.(e));
      return chain;
    };
    const unsubscribe = store.subscribe((e) => {
      if (e.kind === 'pipelines') pipelines = true;
      else if (e.type === 'reset') full = true;
      else {
        let set = dirty.get(e.kind);
        if (!set) dirty.set(e.kind, (set = new Set()));
        for (const id of e.ids) set.add(id);
      }
      timer ??= setTimeout(flush, delay);
    });
    return async () => {
      unsubscribe();
      if (timer !== undefined) { clearTimeout(timer); await flush(); }
      await chain;
    };
  }

  close(): void {
    closeKamDb(this.db);
  }
}

/** The snapshot with delta rows laid over it: replaced, added, or removed (tombstones). */
function overlay(base: Row[], deltas: Row[]): Row[] {
  if (deltas.length === 0) return base;
  const byId = new Map<string, Row>();
  for (const d of deltas) byId.set(d.id, d);
  const out: Row[] = [];
  for (const r of base) {
    const d = byId.get(r.id);
    if (!d) out.push(r);
    else {
      byId.delete(r.id);
      if (!d[REMOVED]) out.push(d);
    }
  }
  for (const d of byId.values()) if (!d[REMOVED]) out.push(d);
  return out;
}
