// The Store: every record of a book in memory, indexed for the queries the elements make, with
// change events, stage-move rules and optimistic writes handed to the sync engine (WriteSink).
import { entityKinds, entityNoun, type Book, type EntityKind, type EntityMap, type Pipeline, type Account } from '../model/schemas.js';
import { parseBatch, parseEntity, type Rejected } from '../model/validate.js';
import type { FxTable } from '../model/money.js';
import { KamError, KamNotFoundError, KamValidationError } from '../errors.js';
import { listAll, type Capabilities, type DataSource, type SyncProgress, type WriteOp } from '../port/datasource.js';
import type {
  ChangeEvent, ChangeOrigin, LoadReport, MoveCheck, MoveInput, OutboxEntry, Query, QueryResult,
  StoreReader, StoreWriter, WriteEvent, WriteSink, FieldCondition,
} from './types.js';
import { compilePredicate, finishQuery, textRanks } from './query.js';
import { applyStageMove, checkStageMove } from './moves.js';
import { keepStageHistory } from './apply-move.js';
import type { AccountDeduper, MergeReport } from './dedupe.js';

export interface StoreOptions {
  source?: DataSource;
  /** Currency totals are reported in. Default `CNY`. */
  reportingCurrency?: string;
  fx?: FxTable;
  /** Clock; inject a fixed one for deterministic analytics and tests. */
  now?: () => Date;
  /** The current user's id, recorded as `by` on stage moves. */
  user?: string;
  /** Where writes go after their optimistic apply (the sync engine). Without one, writes are local only. */
  writes?: WriteSink;
  /**
   * Merge duplicate accounts on load: `dedupe: dedupeAccounts(options?)` from `@kamkit/core/dedupe`
   * (a separate entry: the merge rules are not code every page needs). The report is `store.mergeReport`.
   */
  dedupe?: AccountDeduper;
  /** Page size asked of the source when loading. Default 1000. */
  pageSize?: number;
}

/** Fields indexed per kind: equality and any-of conditions on them use the index. */
const indexedFields: Record<EntityKind, readonly string[]> = {
  accounts: ['ownerId', 'region', 'industry', 'tier', 'parentId'],
  contacts: ['accountId', 'reportsToId'],
  teamMembers: ['accountId', 'userId'],
  users: ['team', 'region'],
  opportunities: ['accountId', 'ownerId', 'pipelineId', 'stageId'],
  activities: ['accountId', 'ownerId', 'opportunityId', 'contactId'],
  contracts: ['accountId'],
  orders: ['accountId', 'contractId'],
  invoices: ['accountId', 'orderId'],
  tickets: ['accountId', 'severity', 'status'],
  surveys: ['accountId'],
};

type AnyRecord = { id: string } & Record<string, unknown>;
/** Field value → the records holding it. Records (not ids) so a lookup needs no second hop. */
type FieldIndex = Map<string, Set<AnyRecord>>;

/**
 * How a query uses the indexes. `walk`: iterate the smallest matching bucket(s) and keep the
 * records every other indexed condition's buckets hold. `bits`: when every indexed condition
 * matches many records, AND their bitsets word by word (32 records per operation) instead.
 */
type IndexPlan =
  | { type: 'walk'; driver: Set<AnyRecord>[]; others: Set<AnyRecord>[][]; covered: Set<string> }
  | { type: 'bits'; conds: Array<{ field: string; keys: string[] }>; covered: Set<string> };

/** Below this many candidates a walk is as fast as bitsets and builds nothing. */
const WALK_LIMIT = 1024;

class Collection {
  readonly byId = new Map<string, AnyRecord>();
  readonly indexes = new Map<string, FieldIndex>();
  /** Insertion position per id; a replaced record keeps its position. */
  readonly #pos = new Map<string, number>();
  /** Record per position (holes where records were removed). */
  #slots: Array<AnyRecord | undefined> = [];
  #nextPos = 0;
  /** Bitsets of dense buckets (`field\0value` → bit per position), built on first use, kept current. */
  readonly #bits = new Map<string, Uint32Array>();
  /** Set once a record was replaced: its buckets then no longer list it in insertion order. */
  reordered = false;
  #list: AnyRecord[] | null = null;
  #accountLists: Map<string, AnyRecord[]> | null = null;
  /** Text sort ranks per field over the whole collection, until the next change. */
  #ranks: Map<string, Map<object, number>> | null = null;

  constructor(kind: EntityKind) {
    for (const f of indexedFields[kind]) this.indexes.set(f, new Map());
  }

  all(): AnyRecord[] {
    return (this.#list ??= [...this.byId.values()]);
  }

  /** Records of one index bucket, in insertion order. */
  bucket(field: string, value: string): AnyRecord[] {
    const s = this.indexes.get(field)?.get(value);
    return s ? (this.reordered ? this.inOrder([...s]) : [...s]) : [];
  }

  byAccount(accountId: string): AnyRecord[] {
    this.#accountLists ??= new Map();
    let l = this.#accountLists.get(accountId);
    if (!l) {
      l = this.bucket('accountId', accountId);
      this.#accountLists.set(accountId, l);
    }
    return l;
  }

  inOrder(records: AnyRecord[]): AnyRecord[] {
    const pos = this.#pos;
    return records.sort((a, b) => pos.get(a.id)! - pos.get(b.id)!);
  }

  // Fields are #private (the minifier shortens their names); methods stay TS-private: #methods
  // made store-100k-query about a tenth slower.
  #touched(): void {
    this.#list = null;
    this.#accountLists = null;
    this.#ranks = null;
  }

  /** Collation ranks of a text field: large sorts compare numbers instead of collating strings. */
  rankOf(field: string): (r: object) => number {
    this.#ranks ??= new Map();
    let m = this.#ranks.get(field);
    if (!m) this.#ranks.set(field, (m = textRanks(this.all(), field)));
    const ranks = m;
    return (r) => ranks.get(r) ?? Number.MAX_SAFE_INTEGER;
  }

  put(r: AnyRecord): 'add' | 'update' {
    const prev = this.byId.get(r.id);
    let p: number;
    if (prev) {
      this.index(prev, false);
      this.reordered = true;
      p = this.#pos.get(r.id)!;
    } else {
      p = this.#nextPos++;
      this.#pos.set(r.id, p);
    }
    this.#slots[p] = r;
    this.byId.set(r.id, r);
    this.index(r, true);
    this.#touched();
    return prev ? 'update' : 'add';
  }

  remove(id: string): boolean {
    const prev = this.byId.get(id);
    if (!prev) return false;
    this.index(prev, false);
    this.#slots[this.#pos.get(id)!] = undefined;
    this.byId.delete(id);
    this.#pos.delete(id);
    this.#touched();
    return true;
  }

  clear(): void {
    this.byId.clear();
    this.#pos.clear();
    this.#slots = [];
    this.#nextPos = 0;
    this.#bits.clear();
    this.reordered = false;
    for (const m of this.indexes.values()) m.clear();
    this.#touched();
  }

  /** Adds `r` to (`on`) or removes it from its index buckets, and the dense bitsets built so far. */
  private index(r: AnyRecord, on: boolean): void {
    const p = this.#pos.get(r.id)!;
    for (const [f, m] of this.indexes) {
      const v = r[f];
      if (v === undefined || v === null) continue;
      const key = String(v);
      let s = m.get(key);
      if (on) {
        if (!s) m.set(key, (s = new Set()));
        s.add(r);
      } else {
        if (!s) continue;
        s.delete(r);
        if (s.size === 0) {
          m.delete(key);
          this.#bits.delete(f + '\0' + key);
          continue;
        }
      }
      if (this.#bits.size) this.#flip(f, key, p, on);
    }
  }

  #flip(field: string, key: string, p: number, on: boolean): void {
    const k = field + '\0' + key;
    let b = this.#bits.get(k);
    if (!b) return;
    const w = p >>> 5;
    if (w >= b.length) {
      const grown = new Uint32Array(Math.max(b.length * 2, w + 1));
      grown.set(b);
      this.#bits.set(k, (b = grown));
    }
    if (on) b[w] |= 1 << (p & 31);
    else b[w] &= ~(1 << (p & 31));
  }

  #bitsOf(field: string, key: string): Uint32Array | undefined {
    const k = field + '\0' + key;
    let b = this.#bits.get(k);
    if (!b) {
      const s = this.indexes.get(field)?.get(key);
      if (!s) return undefined;
      b = new Uint32Array((this.#nextPos >>> 5) + 1);
      for (const r of s) {
        const p = this.#pos.get(r.id)!;
        b[p >>> 5] |= 1 << (p & 31);
      }
      this.#bits.set(k, b);
    }
    return b;
  }

  /**
   * Plans a query on the indexes: every equality / any-of condition on an indexed field is
   * answered by its buckets. Undefined when no condition is indexed.
   */
  plan(where: Query['where']): IndexPlan | undefined {
    if (!where) return undefined;
    const conds: Array<{ field: string; keys: string[]; sets: Set<AnyRecord>[]; size: number }> = [];
    for (const field in where) {
      const cond = where[field];
      const m = this.indexes.get(field);
      if (!m || cond === undefined || cond === null) continue;
      let values: ReadonlyArray<unknown>;
      if (Array.isArray(cond)) values = cond;
      else if (typeof cond === 'object') continue; // ranges, contains, exists: tested per record
      else values = [cond];
      if (values.length === 0 || values.some((v) => v === null)) continue;
      const keys: string[] = [];
      const sets: Set<AnyRecord>[] = [];
      let size = 0;
      for (const v of values) {
        const key = String(v);
        const s = m.get(key);
        if (s && !keys.includes(key)) { keys.push(key); sets.push(s); size += s.size; }
      }
      conds.push({ field, keys, sets, size });
    }
    if (conds.length === 0) return undefined;
    conds.sort((a, b) => a.size - b.size);
    const covered = new Set(conds.map((c) => c.field));
    const smallest = conds[0].size;
    if (smallest <= Math.max(WALK_LIMIT, this.byId.size / 64) || (conds.length === 1 && conds[0].keys.length === 1)) {
      return { type: 'walk', driver: conds[0].sets, others: conds.slice(1).map((c) => c.sets), covered };
    }
    return { type: 'bits', conds: conds.map((c) => ({ field: c.field, keys: c.keys })), covered };
  }

  /** Runs a plan; records come back in store order. */
  run(plan: IndexPlan, test: ((r: AnyRecord) => boolean) | undefined): AnyRecord[] {
    const out: AnyRecord[] = [];
    if (plan.type === 'walk') {
      const { others } = plan;
      for (const set of plan.driver) {
        walk: for (const r of set) {
          for (const sets of others) {
            let held = false;
            for (const s of sets) if (s.has(r)) { held = true; break; }
            if (!held) continue walk;
          }
          if (!test || test(r)) out.push(r);
        }
      }
      // Buckets list records in the order they were (re)indexed; give back the store's order.
      if (plan.driver.length > 1 || this.reordered) this.inOrder(out);
      return out;
    }
    const words = (this.#nextPos >>> 5) + 1;
    let acc: Uint32Array | undefined;
    for (const c of plan.conds) {
      let cb: Uint32Array;
      if (c.keys.length === 1) cb = this.#bitsOf(c.field, c.keys[0])!;
      else {
        cb = new Uint32Array(words);
        for (const k of c.keys) {
          const b = this.#bitsOf(c.field, k)!;
          for (let i = 0; i < b.length && i < words; i++) cb[i] |= b[i];
        }
      }
      if (!acc) {
        acc = new Uint32Array(words);
        acc.set(cb.length > words ? cb.subarray(0, words) : cb);
      } else {
        for (let i = 0; i < words; i++) acc[i] &= i < cb.length ? cb[i] : 0;
      }
    }
    const slots = this.#slots;
    for (let i = 0; i < words; i++) {
      let w = acc![i];
      while (w !== 0) {
        const low = w & -w;
        const r = slots[(i << 5) + 31 - Math.clz32(low)];
        if (r && (!test || test(r))) out.push(r);
        w ^= low;
      }
    }
    return out;
  }
}

let fallbackCounter = 0;
function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `kam-${Date.now().toString(36)}-${(++fallbackCounter).toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A write's idempotency key, and its precondition: the backend stamp of the record it changes. */
function stamp(before: { updatedAt?: string } | undefined): { idempotencyKey: string; ifUnmodifiedSince?: string } {
  return { idempotencyKey: newIdempotencyKey(), ...(before?.updatedAt ? { ifUnmodifiedSince: before.updatedAt } : {}) };
}

/** Adds a listener to a set; returns its removal. */
function listen<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => set.delete(listener);
}

/** Calls every listener, over a copy: a listener may unsubscribe while being called. */
function tell<T>(set: Set<(e: T) => void>, e: T): void {
  for (const l of [...set]) l(e);
}

/** The change event of a (re)load: every record of `kind` may have changed. */
function loadReset(kind: ChangeEvent['kind']): ChangeEvent {
  return { kind, type: 'reset', ids: [], origin: 'load' };
}

/** A record a load refuses, with the one reason why. */
function refusal(entity: EntityKind, r: AnyRecord, path: string, message: string): Rejected {
  return { entity, id: r.id, raw: r, issues: [{ entity, id: r.id, path, message }] };
}

function clone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

export class Store implements StoreReader, StoreWriter {
  status: 'empty' | 'loading' | 'ready' | 'error' = 'empty';
  error?: Error;
  rejected: Rejected[] = [];
  /** Every merge decision of the last load with `dedupe` on. */
  mergeReport?: MergeReport;
  readonly reportingCurrency: string;
  fx?: FxTable;
  /** Counts of the last load. */
  lastLoad?: LoadReport;

  readonly #opts: StoreOptions;
  readonly #collections = new Map<EntityKind, Collection>();
  #pipelineList: Pipeline[] = [];
  readonly #pipelineById = new Map<string, Pipeline>();
  readonly #changeListeners = new Set<(e: ChangeEvent) => void>();
  readonly #progressListeners = new Set<(p: SyncProgress) => void>();
  readonly #writeListeners = new Set<(e: WriteEvent) => void>();
  readonly #clock: () => Date;
  #batchDepth = 0;
  /** The source keeps no stage history (its capabilities, read by load()): the store's is kept. */
  #ownHistory = false;
  #batched: ChangeEvent[] | null = null;

  constructor(opts: StoreOptions = {}) {
    this.#opts = opts;
    this.reportingCurrency = opts.reportingCurrency ?? 'CNY';
    this.fx = opts.fx;
    this.#clock = opts.now ?? (() => new Date());
    for (const k of entityKinds) this.#collections.set(k, new Collection(k));
  }

  /** A store loaded from plain arrays (validated; bad records land in `rejected`). */
  static fromBook(book: Partial<Book>, opts: StoreOptions = {}): Store {
    const s = new Store(opts);
    s.loadBook(book);
    return s;
  }

  /** The write sink; the sync engine may attach itself after construction. */
  get writes(): WriteSink | undefined {
    return this.#opts.writes;
  }
  set writes(sink: WriteSink | undefined) {
    this.#opts.writes = sink;
  }

  get user(): string | undefined {
    return this.#opts.user;
  }

  now(): Date {
    return this.#clock();
  }

  // ——— reading ———

  get<K extends EntityKind>(kind: K, id: string): EntityMap[K] | undefined {
    return this.#col(kind).byId.get(id) as EntityMap[K] | undefined;
  }

  all<K extends EntityKind>(kind: K): readonly EntityMap[K][] {
    return this.#col(kind).all() as unknown as EntityMap[K][];
  }

  byAccount<K extends EntityKind>(kind: K, accountId: string): readonly EntityMap[K][] {
    if (kind === 'accounts') {
      const a = this.get('accounts', accountId);
      return (a ? [a] : []) as EntityMap[K][];
    }
    return this.#col(kind).byAccount(accountId) as unknown as EntityMap[K][];
  }

  pipelines(): readonly Pipeline[] {
    return this.#pipelineList;
  }

  pipeline(id: string): Pipeline | undefined {
    return this.#pipelineById.get(id);
  }

  children(accountId: string): readonly Account[] {
    return this.#col('accounts').bucket('parentId', accountId) as unknown as Account[];
  }

  /** Number of records of a kind. */
  count(kind: EntityKind): number {
    return this.#col(kind).byId.size;
  }

  query<K extends EntityKind>(kind: K, q: Query<K> = {}): QueryResult<EntityMap[K]> {
    const c = this.#col(kind);
    const plan = c.plan(q.where);
    let matches: AnyRecord[];
    if (!plan) {
      const test = compilePredicate<AnyRecord>(kind, q as Query);
      matches = [];
      for (const r of c.all()) if (test(r)) matches.push(r);
    } else {
      // Conditions the plan answered are not tested again per record.
      const rest: Query['where'] = {};
      for (const f in q.where) if (!plan.covered.has(f)) rest[f] = q.where[f];
      const residual = Object.keys(rest).length > 0 || q.search || q.filter;
      matches = c.run(plan, residual ? compilePredicate<AnyRecord>(kind, { ...q, where: rest } as Query) : undefined);
    }
    return finishQuery(matches, q as Query, { rank: (field) => c.rankOf(field) }) as unknown as QueryResult<EntityMap[K]>;
  }

  /**
   * Runs `q` now and again after every change to `kind` (coalesced per microtask); returns the
   * unsubscribe function.
   */
  liveQuery<K extends EntityKind>(kind: K, q: Query<K>, cb: (r: QueryResult<EntityMap[K]>) => void): () => void {
    let scheduled = false;
    let active = true;
    cb(this.query(kind, q));
    const off = this.subscribe((e) => {
      if (e.kind !== kind || scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        if (active) cb(this.query(kind, q));
      });
    });
    return () => {
      active = false;
      off();
    };
  }

  subscribe(listener: (e: ChangeEvent) => void): () => void {
    return listen(this.#changeListeners, listener);
  }

  onProgress(listener: (p: SyncProgress) => void): () => void {
    return listen(this.#progressListeners, listener);
  }

  onWrite(listener: (e: WriteEvent) => void): () => void {
    return listen(this.#writeListeners, listener);
  }

  // ——— loading ———

  /** Loads plain arrays: each record is validated; bad ones go to `rejected`, good ones load. */
  loadBook(book: Partial<Book>): LoadReport {
    const rejected: Rejected[] = [];
    const pipes = parseBatch('pipelines', book.pipelines ?? []);
    rejected.push(...pipes.rejected);
    const data = new Map<EntityKind, AnyRecord[]>();
    for (const kind of entityKinds) {
      const raws = book[kind] ?? [];
      if (raws.length === 0) { data.set(kind, []); continue; }
      const r = parseBatch(kind, raws);
      rejected.push(...r.rejected);
      data.set(kind, r.valid as unknown as AnyRecord[]);
      this.emitProgress({ phase: kind, done: r.valid.length, total: raws.length });
    }
    return this.#install(pipes.valid, data, rejected);
  }

  /** Pages through the source: pipelines, then every entity kind it can read. */
  async load(opts: { signal?: AbortSignal } = {}): Promise<LoadReport> {
    const source = this.#opts.source;
    if (!source) throw new KamError('data_source', 'Store.load() needs a `source`; use loadBook(book) for plain arrays');
    const prevStatus = this.status;
    this.status = 'loading';
    this.error = undefined;
    this.#emit(loadReset('pipelines'));
    try {
      this.emitProgress({ phase: 'metadata', done: 0 });
      const caps = await source.capabilities();
      this.useCapabilities(caps);
      const rawPipes = await source.pipelines({ signal: opts.signal });
      const pipes = parseBatch('pipelines', rawPipes);
      const rejected: Rejected[] = [...pipes.rejected];
      this.emitProgress({ phase: 'metadata', done: 1, total: 1 });
      const data = new Map<EntityKind, AnyRecord[]>();
      for (const kind of entityKinds) {
        const items: AnyRecord[] = [];
        data.set(kind, items);
        if (!caps.entities.includes(kind)) continue;
        const limit = Math.min(this.#opts.pageSize ?? 1000, caps.maxPageSize || 1000);
        for await (const page of listAll(source, kind, { limit, signal: opts.signal })) {
          opts.signal?.throwIfAborted();
          for (const it of page.items) items.push(this.#keepHistory(kind, it as unknown as AnyRecord));
          rejected.push(...page.rejected);
          this.emitProgress({ phase: kind, done: items.length, total: page.total });
        }
      }
      return this.#install(pipes.valid, data, rejected);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      if (e.name === 'AbortError' || opts.signal?.aborted) {
        this.status = prevStatus === 'loading' ? 'empty' : prevStatus;
      } else {
        this.status = 'error';
        this.error = e;
      }
      this.#emit(loadReset('pipelines'));
      throw e;
    }
  }

  #install(pipes: Pipeline[], data: Map<EntityKind, AnyRecord[]>, rejected: Rejected[]): LoadReport {
    // Opportunities must sit in a stage of a known pipeline, else no board can place them.
    const opps = data.get('opportunities') ?? [];
    if (opps.length > 0) {
      const stageIds = new Map(pipes.map((p) => [p.id, new Set(p.stages.map((s) => s.id))]));
      const kept: AnyRecord[] = [];
      for (const o of opps) {
        const stages = stageIds.get(o.pipelineId as string);
        if (!stages) {
          rejected.push(refusal('opportunities', o, 'pipelineId', `refers to pipeline ${String(o.pipelineId)}, which is not loaded`));
        } else if (!stages.has(o.stageId as string)) {
          rejected.push(refusal('opportunities', o, 'stageId', `refers to stage ${String(o.stageId)}, which is not a stage of pipeline ${String(o.pipelineId)}`));
        } else kept.push(o);
      }
      data.set('opportunities', kept);
    }
    if (this.#opts.dedupe) {
      const related: Partial<Book> = {};
      for (const [k, v] of data) (related as Record<string, unknown>)[k] = v;
      const merged = this.#opts.dedupe(data.get('accounts') as unknown as Account[] ?? [], related);
      data.set('accounts', merged.accounts as unknown as AnyRecord[]);
      for (const [k, v] of Object.entries(merged.related)) data.set(k as EntityKind, v as unknown as AnyRecord[]);
      this.mergeReport = merged.report;
    }
    this.#setPipelines(pipes);
    const counts: LoadReport['counts'] = { pipelines: pipes.length };
    for (const kind of entityKinds) {
      const c = this.#col(kind);
      c.clear();
      for (const r of data.get(kind) ?? []) {
        if (c.byId.has(r.id)) {
          rejected.push(refusal(kind, r, 'id', `is a duplicate: another ${entityNoun[kind]} with id ${r.id} was already loaded`));
          continue;
        }
        c.put(r);
      }
      counts[kind] = c.byId.size;
    }
    this.rejected = rejected;
    this.status = 'ready';
    this.error = undefined;
    this.lastLoad = { counts, rejected };
    this.emitProgress({ phase: 'done', done: 1, total: 1 });
    this.#emit(loadReset('pipelines'));
    for (const kind of entityKinds) this.#emit(loadReset(kind));
    return this.lastLoad;
  }

  /** Every record as plain arrays (for the IndexedDB cache). */
  snapshot(): Book {
    const book = { pipelines: [...this.#pipelineList] } as Book;
    for (const kind of entityKinds) (book as Record<string, unknown>)[kind] = [...this.#col(kind).all()];
    return book;
  }

  // ——— stage moves and writes ———

  checkMove(opportunityId: string, toStageId: string, input: MoveInput = {}): MoveCheck {
    const opp = this.get('opportunities', opportunityId);
    const pipe = opp ? this.pipeline(opp.pipelineId) : undefined;
    return checkStageMove(opp, pipe, opportunityId, toStageId, input, this.now());
  }

  async moveStage(opportunityId: string, toStageId: string, input: MoveInput = {}): Promise<MoveCheck & { entry?: OutboxEntry }> {
    const by = input.by ?? this.#opts.user;
    const check = this.checkMove(opportunityId, toStageId, { ...input, by });
    if (!check.ok || !check.to) return check;
    const before = this.get('opportunities', opportunityId)!;
    const after = applyStageMove(before, check.to, { ...input, by }, this.now());
    this.#putRecord('opportunities', after as unknown as AnyRecord, 'local');
    const op: WriteOp = {
      op: 'moveStage', entity: 'opportunities', id: opportunityId, toStageId,
      ...stamp(before),
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.date || check.to.kind !== 'open' ? { date: input.date || after.closedAt } : {}),
      ...(by ? { by } : {}),
    };
    const entry = await this.hand(op, before);
    return { ...check, entry };
  }

  async update<K extends EntityKind>(kind: K, id: string, patch: Partial<EntityMap[K]>): Promise<OutboxEntry> {
    const before = this.get(kind, id);
    if (!before) throw new KamNotFoundError(entityNoun[kind], id);
    if ('id' in patch && (patch as { id?: unknown }).id !== id) {
      throw new KamValidationError([{ entity: kind, id, path: 'id', message: 'cannot be changed by an update' }]);
    }
    if (kind === 'opportunities' && 'stageId' in patch && (patch as { stageId?: unknown }).stageId !== (before as { stageId: string }).stageId) {
      // Stage changes go through the pipeline rules and stage history.
      throw new KamValidationError([{ entity: kind, id, path: 'stageId', message: 'cannot be changed by an update; use moveStage(), which checks the pipeline rules and records stage history' }]);
    }
    const parsed = parseEntity(kind, { ...before, ...patch, id });
    if (!parsed.ok) throw new KamValidationError(parsed.issues, `Cannot update ${entityNoun[kind]} ${id}`);
    this.#putRecord(kind, parsed.value as unknown as AnyRecord, 'local');
    const op: WriteOp = {
      op: 'update', entity: kind, id, patch: clone(patch) as Record<string, unknown>,
      ...stamp(before),
    };
    return this.hand(op, before);
  }

  async create<K extends EntityKind>(kind: K, data: EntityMap[K]): Promise<OutboxEntry> {
    const parsed = parseEntity(kind, data);
    if (!parsed.ok) throw new KamValidationError(parsed.issues, `Cannot create ${entityNoun[kind]}`);
    const rec = parsed.value as unknown as AnyRecord;
    if (this.#col(kind).byId.has(rec.id)) {
      throw new KamValidationError([{ entity: kind, id: rec.id, path: 'id', message: `is already used by another ${entityNoun[kind]}` }], `Cannot create ${entityNoun[kind]}`);
    }
    if (kind === 'opportunities') {
      const p = this.pipeline(rec.pipelineId as string);
      if (!p || !p.stages.some((s) => s.id === rec.stageId)) {
        throw new KamValidationError([{ entity: kind, id: rec.id, path: p ? 'stageId' : 'pipelineId', message: p ? `is not a stage of pipeline "${p.name}"` : 'is not a loaded pipeline' }], 'Cannot create opportunity');
      }
    }
    this.#putRecord(kind, rec, 'local');
    const op: WriteOp = { op: 'create', entity: kind, data: clone(rec), ...stamp(undefined) };
    return this.hand(op, undefined);
  }

  private async hand(op: WriteOp, before: unknown): Promise<OutboxEntry> {
    const sink = this.#opts.writes;
    if (sink) {
      try {
        return await sink.enqueue(op, before);
      } catch (e) {
        // The outbox could not keep the write (storage full or closed): nothing will send it,
        // so the optimistic change must not stay as if saved.
        this.rollback(op.entity, op.op === 'create' ? (op.data.id as string) : op.id, before);
        throw e;
      }
    }
    // Local-only store: the write is final the moment it is applied.
    const entry: OutboxEntry = { idempotencyKey: op.idempotencyKey, op, before, state: 'confirmed', attempts: 0, createdAt: this.now().toISOString() };
    this.emitWrite({ entry });
    return entry;
  }

  /** Puts a record in (an add or an update, as its id says) and tells the listeners. */
  #putRecord(kind: EntityKind, rec: AnyRecord, origin: ChangeOrigin): void {
    this.#emit({ kind, type: this.#col(kind).put(rec), ids: [rec.id], origin });
  }

  // ——— for the sync engine ———

  /**
   * What the source keeps, from its `capabilities()`: read by `load()`, and by the sync engine's
   * `syncChanges` (a store started from its offline cache never loads). Over a source that keeps no
   * stage history, the store's own is kept through confirms, syncs and reloads.
   */
  useCapabilities(caps: Pick<Capabilities, 'stageHistory'>): void {
    this.#ownHistory = caps.stageHistory === false;
  }

  /**
   * Replaces a record by id with the server's version (validated), re-indexes, emits. Over a source
   * that keeps no stage history, an opportunity keeps the history of `base` (default: the record
   * held; a conflict passes the one before the refused write).
   */
  applyServerRecord<K extends EntityKind>(kind: K, record: unknown, origin: 'confirm' | 'remote', base?: unknown): EntityMap[K] {
    const parsed = parseEntity(kind, record);
    if (!parsed.ok) throw new KamValidationError(parsed.issues, `Server sent an invalid ${entityNoun[kind]}`);
    const rec = this.#keepHistory(kind, parsed.value as unknown as AnyRecord, base as AnyRecord | undefined);
    this.#putRecord(kind, rec, origin);
    return rec as unknown as EntityMap[K];
  }

  /** An incoming opportunity keeps the stage history the store holds when the source keeps none. */
  #keepHistory(kind: EntityKind, rec: AnyRecord, base?: AnyRecord): AnyRecord {
    const held = kind === 'opportunities' && this.#ownHistory && (base ?? this.#col(kind).byId.get(rec.id));
    return held ? keepStageHistory(held as never, rec as never, this.now()) as never : rec;
  }

  /** Replaces the pipelines (e.g. after a metadata refresh). */
  applyPipelines(pipelines: Pipeline[], origin: ChangeOrigin = 'remote'): void {
    this.#setPipelines([...pipelines]);
    this.#emit({ kind: 'pipelines', type: 'reset', ids: pipelines.map((p) => p.id), origin });
  }

  #setPipelines(pipelines: Pipeline[]): void {
    this.#pipelineList = pipelines;
    this.#pipelineById.clear();
    for (const p of pipelines) this.#pipelineById.set(p.id, p);
  }

  removeRecord(kind: EntityKind, id: string, origin: ChangeOrigin): boolean {
    const removed = this.#col(kind).remove(id);
    if (removed) this.#emit({ kind, type: 'remove', ids: [id], origin });
    return removed;
  }

  /** Restores the record as it was before an optimistic write (`before` undefined: it was a create). */
  rollback(kind: EntityKind, id: string, before: unknown): void {
    if (before === undefined || before === null) this.removeRecord(kind, id, 'rollback');
    else this.#putRecord(kind, before as AnyRecord, 'rollback');
  }

  emitWrite(e: WriteEvent): void {
    tell(this.#writeListeners, e);
  }

  emitProgress(p: SyncProgress): void {
    tell(this.#progressListeners, p);
  }

  /**
   * Runs `fn` and delivers the change events it causes afterwards, merged per kind, type and
   * origin (one event with many ids instead of many events): for bulk applies such as a sync.
   */
  batch<T>(fn: () => T): T {
    this.#batchDepth++;
    try {
      return fn();
    } finally {
      if (--this.#batchDepth === 0 && this.#batched) {
        const events = this.#batched;
        this.#batched = null;
        for (const e of events) this.#emit(e);
      }
    }
  }

  #emit(e: ChangeEvent): void {
    if (this.#batchDepth > 0) {
      this.#batched ??= [];
      const same = this.#batched.find((b) => b.kind === e.kind && b.type === e.type && b.origin === e.origin);
      if (same && e.type !== 'reset') same.ids.push(...e.ids);
      else if (!same) this.#batched.push({ ...e, ids: [...e.ids] });
      return;
    }
    tell(this.#changeListeners, e);
  }

  #col(kind: EntityKind): Collection {
    const c = this.#collections.get(kind);
    if (!c) throw new KamError('invalid_model', `Unknown entity kind "${String(kind)}"; expected one of ${entityKinds.join(', ')}`);
    return c;
  }
}
