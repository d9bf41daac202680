// The embedded default DataSource: a whole backend inside the browser, in IndexedDB. It is what
// the demo runs on with no server at all, so a stage move or an edit made in the page survives a
// reload. It behaves like a real backend: cursor paging, filters, changes since a stamp, writes
// with a precondition (conflict on a stale stamp), idempotency keys (a repeated key returns the
// first result and applies nothing), stage history, its own validation, and a write log.
//
// Storage: the seed is kept as one blob per kind (written and read ~10× faster than one row per
// record, which matters on a first visit: ~37k sample records), and every record written since
// lives in its own row in the kind's object store, laid over the seed. The seed never changes
// after seeding, so a page keeps it in memory; the rows are read from IndexedDB on every call,
// so another tab's (or a previous page's) writes are always seen.
import { entityKinds, entityNoun, type Book, type EntityKind, type EntityMap, type Opportunity, type Pipeline } from '../model/schemas.js';
import { parseEntity } from '../model/validate.js';
import { KamConflictError, KamError, KamNotFoundError, KamValidationError } from '../errors.js';
import type { Capabilities, ChangesPage, DataSource, ListOptions, Page, WriteOp, WriteResult } from '../port/datasource.js';
import { applyStageMove, checkStageMove } from '../store/moves.js';
// Static, not a lazy import(): bundlers that inline a dynamic import can leave the module uninitialised.
import { generateSampleBook } from '../sample/index.js';
import { BLOBS, IDEMPOTENCY, META, PIPELINES, WRITE_LOG, deleteKamDb, openKamDb, closeKamDb, type KamDb } from './db.js';

type AnyRecord = { id: string; updatedAt?: string } & Record<string, unknown>;

export interface EmbeddedSourceOptions {
  /** IndexedDB database name. Default `kamkit-demo`. */
  dbName?: string;
  /** The book to seed an empty database with (first open only). Default: the sample book. */
  seed?: () => Book | Promise<Book>;
  /** Clock for stamps and stage history (tests). */
  now?: () => Date;
}

/** One applied write, as the source's audit log keeps it. */
export interface WriteLogEntry {
  key: string;
  op: WriteOp['op'];
  entity: EntityKind;
  id: string;
  at: string;
}

export interface EmbeddedSource extends DataSource {
  readonly dbName: string;
  /** Resolves once the database is open and seeded. */
  ready(): Promise<void>;
  /** Every write applied, in order (a replayed idempotency key adds nothing). */
  writeLog(): Promise<WriteLogEntry[]>;
  close(): void;
}

const SEEDED = 'seeded';
const CLOCK = 'clock';
const MAX_PAGE = 1000;

function iso(stamp: string): string {
  const t = Date.parse(stamp);
  return Number.isNaN(t) ? stamp : new Date(t).toISOString();
}
function sameStamp(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return Date.parse(a) === Date.parse(b);
}
function encodeCursor(v: unknown): string {
  return encodeURIComponent(JSON.stringify(v));
}
function decodeCursor<T>(c: string, what: string): T {
  try {
    return JSON.parse(decodeURIComponent(c)) as T;
  } catch {
    throw new KamError('validation', `The ${what} cursor "${c.slice(0, 40)}" is not one this source issued; start again without a cursor`);
  }
}
function assertKind(kind: string): asserts kind is EntityKind {
  if (!(entityKinds as string[]).includes(kind)) {
    throw new KamError('validation', `Unknown entity kind "${kind}"; expected one of ${entityKinds.join(', ')}`);
  }
}
function pageSize(limit: number | undefined): number {
  return Math.max(1, Math.min(MAX_PAGE, Math.floor(limit ?? 200)));
}
const seedKey = (kind: string) => `seed:${kind}`;
const byStampThenId = (a: AnyRecord, b: AnyRecord) => (a.updatedAt! < b.updatedAt! ? -1 : a.updatedAt! > b.updatedAt! ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The seed of one kind, in memory: by id, ids sorted, and records in stamp order. */
interface Seed {
  byId: Map<string, AnyRecord>;
  ids: string[];
  byStamp: AnyRecord[];
}

/** First index in a sorted array whose key is > `after` (binary search). */
function firstAfter<T>(sorted: readonly T[], after: (x: T) => boolean): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after(sorted[mid])) hi = mid; else lo = mid + 1;
  }
  return lo;
}

function matches(r: AnyRecord, filter: Record<string, string | number | boolean> | undefined): boolean {
  if (!filter) return true;
  for (const [k, v] of Object.entries(filter)) if (r[k] !== v) return false;
  return true;
}

/** Live sources per database, so a reset in this page makes them reopen (and re-seed) on next use. */
const live = new Map<string, Set<EmbeddedSource>>();

/** Opens (seeding on first use) an IndexedDB-backed DataSource. */
export function createEmbeddedSource(opts: EmbeddedSourceOptions = {}): EmbeddedSource {
  const dbName = opts.dbName ?? 'kamkit-demo';
  const clock = opts.now ?? (() => new Date());
  let dbPromise: Promise<KamDb> | undefined;

  const db = (): Promise<KamDb> => (dbPromise ??= openAndSeed());
  const seeds = new Map<EntityKind, Promise<Seed>>();
  const seedOf = (kind: EntityKind): Promise<Seed> => {
    let p = seeds.get(kind);
    if (!p) {
      p = db().then(async (d) => {
        const records = ((await d.get(BLOBS, seedKey(kind))) ?? []) as AnyRecord[];
        const byId = new Map(records.map((r) => [r.id, r]));
        const ids = [...byId.keys()].sort();
        return { byId, ids, byStamp: [...records].sort(byStampThenId) };
      });
      p.catch(() => seeds.delete(kind));
      seeds.set(kind, p);
    }
    return p;
  };
  /** The seed and the rows written since, read together. */
  const current = async (kind: EntityKind): Promise<{ seed: Seed; rows: Map<string, AnyRecord> }> => {
    const [seed, rows] = await Promise.all([seedOf(kind), db().then((d) => d.getAll(kind) as Promise<AnyRecord[]>)]);
    return { seed, rows: new Map(rows.map((r) => [r.id, r])) };
  };

  async function openAndSeed(): Promise<KamDb> {
    const d = await openKamDb(dbName);
    if (await d.get(META, SEEDED)) return d;
    const book = await (opts.seed ?? (() => generateSampleBook()))();
    const stamp = clock().toISOString();
    const tx = d.transaction([BLOBS, PIPELINES, META], 'readwrite');
    // Re-check inside the write transaction: another tab may have seeded meanwhile.
    if (await tx.objectStore(META).get(SEEDED)) { await tx.done; return d; }
    const puts: Promise<unknown>[] = [];
    for (const raw of book.pipelines ?? []) {
      // Pipelines are the rules writes are checked against: store them with their defaults filled.
      const p = parseEntity('pipelines', raw);
      if (!p.ok) throw new KamValidationError(p.issues, `Cannot seed ${dbName}`);
      puts.push(tx.objectStore(PIPELINES).put(p.value));
    }
    for (const kind of entityKinds) {
      // Every record needs a stamp in one format: it is the precondition and the sync cursor.
      const records = ((book[kind] ?? []) as unknown as AnyRecord[]).map((r) => ({ ...r, updatedAt: r.updatedAt ? iso(r.updatedAt) : stamp }));
      puts.push(tx.objectStore(BLOBS).put(records, seedKey(kind)));
    }
    puts.push(tx.objectStore(META).put(stamp, CLOCK), tx.objectStore(META).put(stamp, SEEDED));
    await Promise.all([...puts, tx.done]);
    return d;
  }

  const source: EmbeddedSource = {
    name: 'embedded',
    dbName,

    async ready() {
      await db();
    },

    async capabilities(): Promise<Capabilities> {
      return { entities: [...entityKinds], writable: [...entityKinds], changesSince: true, stageHistory: true, maxPageSize: MAX_PAGE };
    },

    async pipelines(): Promise<Pipeline[]> {
      return (await (await db()).getAll(PIPELINES)) as Pipeline[];
    },

    async list<K extends EntityKind>(kind: K, o: ListOptions = {}): Promise<Page<EntityMap[K]>> {
      assertKind(kind);
      o.signal?.throwIfAborted();
      const limit = pageSize(o.limit);
      const filter = o.filter && Object.keys(o.filter).length ? o.filter : undefined;
      const after = o.cursor ? decodeCursor<string>(o.cursor, kind) : undefined;
      const { seed, rows } = await current(kind);
      // Every id, in order: the seed's, merged with those of rows created since.
      const added = [...rows.keys()].filter((id) => !seed.byId.has(id)).sort();
      const ids = added.length ? [...seed.ids, ...added].sort() : seed.ids;
      const start = after === undefined ? 0 : firstAfter(ids, (id) => id > after);
      const items: AnyRecord[] = [];
      let nextCursor: string | undefined;
      for (let i = start; i < ids.length; i++) {
        const r = rows.get(ids[i]) ?? seed.byId.get(ids[i])!;
        if (!matches(r, filter)) continue;
        if (items.length === limit) { nextCursor = encodeCursor(items[limit - 1].id); break; }
        items.push(r);
      }
      let total: number | undefined;
      if (!o.cursor) {
        if (!filter) total = ids.length;
        else { total = 0; for (const id of ids) if (matches(rows.get(id) ?? seed.byId.get(id)!, filter)) total++; }
      }
      return { items: items as unknown as EntityMap[K][], rejected: [], nextCursor, total };
    },

    async get<K extends EntityKind>(kind: K, id: string): Promise<EntityMap[K] | undefined> {
      assertKind(kind);
      const [seed, row] = await Promise.all([seedOf(kind), db().then((d) => d.get(kind, id))]);
      return (row ?? seed.byId.get(id)) as EntityMap[K] | undefined;
    },

    async changes<K extends EntityKind>(kind: K, since: string, o: ListOptions = {}): Promise<ChangesPage<EntityMap[K]>> {
      assertKind(kind);
      o.signal?.throwIfAborted();
      if (Number.isNaN(Date.parse(since))) throw new KamError('validation', `changes(${kind}): "${since}" is not an ISO 8601 stamp`);
      const limit = pageSize(o.limit);
      const from = o.cursor ? decodeCursor<[string, string]>(o.cursor, `${kind} changes`) : undefined;
      const sinceIso = iso(since);
      const { seed, rows } = await current(kind);
      // Changed after `since` (and after the cursor): seed records not overwritten since, and rows.
      const isAfter = (r: AnyRecord) => from ? (r.updatedAt! > from[0] || (r.updatedAt === from[0] && r.id > from[1])) : r.updatedAt! > sinceIso;
      const changed: AnyRecord[] = [];
      for (let i = firstAfter(seed.byStamp, (r) => r.updatedAt! > sinceIso); i < seed.byStamp.length; i++) {
        const r = seed.byStamp[i];
        if (!rows.has(r.id) && isAfter(r)) changed.push(r);
      }
      for (const r of rows.values()) if (r.updatedAt && r.updatedAt > sinceIso && isAfter(r)) changed.push(r);
      changed.sort(byStampThenId);
      const items = changed.slice(0, limit);
      const nextCursor = changed.length > limit ? encodeCursor([items[limit - 1].updatedAt, items[limit - 1].id]) : undefined;
      const last = items[items.length - 1];
      const stamp = last?.updatedAt ?? (from ? from[0] : sinceIso);
      const total = from ? undefined : changed.length;
      return { items: items as unknown as EntityMap[K][], rejected: [], nextCursor, stamp, total };
    },

    async write(op: WriteOp): Promise<WriteResult> {
      assertKind(op.entity);
      if (!op.idempotencyKey) throw new KamError('validation', `A ${op.op} of ${op.entity} needs an idempotencyKey`);
      const d = await db();
      const kind = op.entity;
      const noun = entityNoun[kind];
      const seed = await seedOf(kind); // before the transaction: it may only wait on its own requests
      const tx = d.transaction([kind, PIPELINES, META, IDEMPOTENCY, WRITE_LOG], 'readwrite', { durability: 'strict' });
      const done = tx.done.catch(() => undefined);
      try {
        const seen = (await tx.objectStore(IDEMPOTENCY).get(op.idempotencyKey)) as { record: unknown } | undefined;
        if (seen) { await done; return { record: seen.record }; }
        const store = tx.objectStore(kind);
        const now = clock();
        const last = (await tx.objectStore(META).get(CLOCK)) as string | undefined;
        // Stamps strictly increase, even for two writes in one millisecond: they order `changes`.
        const stampMs = Math.max(now.getTime(), last ? Date.parse(last) + 1 : 0);
        const stamp = new Date(stampMs).toISOString();
        let id: string;
        let next: unknown;
        if (op.op === 'create') {
          id = typeof op.data.id === 'string' && op.data.id ? op.data.id : `${kind}-${stampMs.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
          const current = ((await store.get(id)) ?? seed.byId.get(id)) as AnyRecord | undefined;
          if (current) throw new KamConflictError(noun, id, { current, attempted: op.data, detail: 'a record with this id already exists' });
          next = { ...op.data, id, createdAt: (op.data.createdAt as string | undefined) ?? stamp, updatedAt: stamp };
        } else {
          id = op.id;
          const current = ((await store.get(id)) ?? seed.byId.get(id)) as AnyRecord | undefined;
          if (!current) throw new KamNotFoundError(noun, id);
          if (op.ifUnmodifiedSince !== undefined && !sameStamp(op.ifUnmodifiedSince, current.updatedAt)) {
            throw new KamConflictError(noun, id, {
              current, attempted: op.op === 'update' ? op.patch : { stageId: op.toStageId },
              detail: `it was modified at ${current.updatedAt}, the write expected ${op.ifUnmodifiedSince}`,
            });
          }
          if (op.op === 'update') {
            next = { ...current, ...op.patch, id, updatedAt: stamp };
          } else {
            const opp = current as unknown as Opportunity;
            if (opp.stageId === op.toStageId) {
              next = undefined; // already there: nothing to apply, but the key is still recorded
            } else {
              const pipe = (await tx.objectStore(PIPELINES).get(opp.pipelineId)) as Pipeline | undefined;
              const input = { reason: op.reason, date: op.date, by: op.by };
              const check = checkStageMove(opp, pipe, id, op.toStageId, input, now);
              if (!check.ok || !check.to) {
                throw new KamValidationError(check.reasons.map((r) => ({ entity: 'opportunities', id, path: r.field ?? 'stageId', message: r.message })), `Cannot move opportunity ${id}`);
              }
              next = { ...applyStageMove(opp, check.to, input, new Date(stampMs)), updatedAt: stamp };
            }
          }
        }
        let record: unknown = (await store.get(id)) ?? seed.byId.get(id);
        if (next !== undefined) {
          const parsed = parseEntity(kind, next);
          if (!parsed.ok) throw new KamValidationError(parsed.issues, `Cannot ${op.op === 'create' ? 'create' : 'update'} ${noun} ${id}`);
          record = parsed.value;
          await store.put(record);
          await tx.objectStore(META).put(stamp, CLOCK);
          await tx.objectStore(WRITE_LOG).add({ key: op.idempotencyKey, op: op.op, entity: kind, id, at: stamp } satisfies WriteLogEntry);
        }
        await tx.objectStore(IDEMPOTENCY).put({ key: op.idempotencyKey, record, at: stamp });
        await tx.done;
        return { record };
      } catch (error) {
        try { tx.abort(); } catch { /* already finished */ }
        await done;
        throw error;
      }
    },

    async writeLog(): Promise<WriteLogEntry[]> {
      return (await (await db()).getAll(WRITE_LOG)) as WriteLogEntry[];
    },

    close() {
      seeds.clear();
      live.get(dbName)?.delete(source);
      void dbPromise?.then((d) => closeKamDb(d, dbName), () => undefined);
      dbPromise = undefined;
    },
  };
  let set = live.get(dbName);
  if (!set) live.set(dbName, (set = new Set()));
  set.add(source);
  return source;
}

/**
 * Deletes the embedded source's database. Sources of this page on it stay usable: their next
 * call reopens the database and seeds it afresh.
 */
export async function resetEmbeddedSource(dbName = 'kamkit-demo'): Promise<void> {
  const sources = [...(live.get(dbName) ?? [])];
  for (const s of sources) s.close();
  await deleteKamDb(dbName);
  // close() unregistered them; they are still the caller's objects and will reopen on use.
  for (const s of sources) {
    let set = live.get(dbName);
    if (!set) live.set(dbName, (set = new Set()));
    set.add(s);
  }
}
