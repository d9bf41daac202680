// The Store: every record of a book in memory, indexed for the queries the elements make, with
// change events, stage-move rules and optimistic writes handed to the sync engine (WriteSink).
import { entityKinds, entityNoun, type Book, type EntityKind, type EntityMap, type Pipeline, type Account } from '../model/schemas.js';
import { parseBatch, parseEntity, type Rejected } from '../model/validate.js';
import type { FxTable } from '../model/money.js';
import { KamError, KamNotFoundError, KamValidationError } from '../errors.js';
import { listAll, type DataSource, type SyncProgress, type WriteOp } from '../port/datasource.js';
import type {
  ChangeEvent, ChangeOrigin, LoadReport, MoveCheck, MoveInput, OutboxEntry, Query, QueryResult,
  StoreReader, StoreWriter, WriteEvent, WriteSink, FieldCondition,
} from './types.js';
import { compilePredicate, finishQuery } from './query.js';
import { applyStageMove, checkStageMove } from './moves.js';
import { mergeAccounts, type MergeOptions, type MergeReport } from './dedupe.js';

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
  /** Merge duplicate accounts on load (see dedupe.ts); the report is `store.mergeReport`. */
  dedupe?: boolean | MergeOptions;
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
type FieldIndex = Map<string, Set<string>>;

class Collection {
  readonly byId = new Map<string, AnyRecord>();
  readonly indexes = new Map<string, FieldIndex>();
  private list: AnyRecord[] | null = null;
  private accountLists: Map<string, AnyRecord[]> | null = null;

  constructor(readonly kind: EntityKind) {
    for (const f of indexedFields[kind]) this.indexes.set(f, new Map());
  }

  all(): AnyRecord[] {
    return (this.list ??= [...this.byId.values()]);
  }

  byAccount(accountId: string): AnyRecord[] {
    this.accountLists ??= new Map();
    let l = this.accountLists.get(accountId);
    if (!l) {
      const ids = this.indexes.get('accountId')?.get(accountId);
      l = ids ? [...ids].map((id) => this.byId.get(id)!) : [];
      this.accountLists.set(accountId, l);
    }
    return l;
  }

  private touched(): void {
    this.list = null;
    this.accountLists = null;
  }

  put(r: AnyRecord): 'add' | 'update' {
    const prev = this.byId.get(r.id);
    if (prev) this.unindex(prev);
    this.byId.set(r.id, r);
    this.index(r);
    this.touched();
    return prev ? 'update' : 'add';
  }

  remove(id: string): boolean {
    const prev = this.byId.get(id);
    if (!prev) return false;
    this.unindex(prev);
    this.byId.delete(id);
    this.touched();
    return true;
  }

  clear(): void {
    this.byId.clear();
    for (const m of this.indexes.values()) m.clear();
    this.touched();
  }

  private index(r: AnyRecord): void {
    for (const [f, m] of this.indexes) {
      const v = r[f];
      if (v === undefined || v === null) continue;
      const key = String(v);
      let s = m.get(key);
      if (!s) m.set(key, (s = new Set()));
      s.add(r.id);
    }
  }

  private unindex(r: AnyRecord): void {
    for (const [f, m] of this.indexes) {
      const v = r[f];
      if (v === undefined || v === null) continue;
      const s = m.get(String(v));
      if (s) {
        s.delete(r.id);
        if (s.size === 0) m.delete(String(v));
      }
    }
  }

  /** Candidate ids from the most selective indexed equality / any-of condition, or undefined. */
  candidates(where: Query['where']): AnyRecord[] | undefined {
    if (!where) return undefined;
    let best: Set<string>[] | undefined;
    let bestSize = Infinity;
    for (const [field, cond] of Object.entries(where)) {
      const m = this.indexes.get(field);
      if (!m || cond === undefined || cond === null) continue;
      const values: Array<FieldCondition> = Array.isArray(cond) ? cond : typeof cond === 'object' ? [] : [cond];
      if (values.length === 0 || values.some((v) => v === null)) continue;
      const sets: Set<string>[] = [];
      let size = 0;
      for (const v of values) {
        const s = m.get(String(v));
        if (s) { sets.push(s); size += s.size; }
      }
      if (size < bestSize) { best = sets; bestSize = size; }
    }
    if (!best) return undefined;
    const out: AnyRecord[] = [];
    for (const s of best) for (const id of s) out.push(this.byId.get(id)!);
    return out;
  }
}

let fallbackCounter = 0;
function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `kam-${Date.now().toString(36)}-${(++fallbackCounter).toString(36)}-${Math.random().toString(36).slice(2)}`;
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

  private readonly opts: StoreOptions;
  private readonly collections = new Map<EntityKind, Collection>();
  private pipelineList: Pipeline[] = [];
  private readonly pipelineById = new Map<string, Pipeline>();
  private readonly changeListeners = new Set<(e: ChangeEvent) => void>();
  private readonly progressListeners = new Set<(p: SyncProgress) => void>();
  private readonly writeListeners = new Set<(e: WriteEvent) => void>();
  private readonly clock: () => Date;

  constructor(opts: StoreOptions = {}) {
    this.opts = opts;
    this.reportingCurrency = opts.reportingCurrency ?? 'CNY';
    this.fx = opts.fx;
    this.clock = opts.now ?? (() => new Date());
    for (const k of entityKinds) this.collections.set(k, new Collection(k));
  }

  /** A store loaded from plain arrays (validated; bad records land in `rejected`). */
  static fromBook(book: Partial<Book>, opts: StoreOptions = {}): Store {
    const s = new Store(opts);
    s.loadBook(book);
    return s;
  }

  /** The write sink; the sync engine may attach itself after construction. */
  get writes(): WriteSink | undefined {
    return this.opts.writes;
  }
  set writes(sink: WriteSink | undefined) {
    this.opts.writes = sink;
  }

  get user(): string | undefined {
    return this.opts.user;
  }

  now(): Date {
    return this.clock();
  }

  // ——— reading ———

  get<K extends EntityKind>(kind: K, id: string): EntityMap[K] | undefined {
    return this.col(kind).byId.get(id) as EntityMap[K] | undefined;
  }

  all<K extends EntityKind>(kind: K): readonly EntityMap[K][] {
    return this.col(kind).all() as unknown as EntityMap[K][];
  }

  byAccount<K extends EntityKind>(kind: K, accountId: string): readonly EntityMap[K][] {
    if (kind === 'accounts') {
      const a = this.get('accounts', accountId);
      return (a ? [a] : []) as EntityMap[K][];
    }
    return this.col(kind).byAccount(accountId) as unknown as EntityMap[K][];
  }

  pipelines(): readonly Pipeline[] {
    return this.pipelineList;
  }

  pipeline(id: string): Pipeline | undefined {
    return this.pipelineById.get(id);
  }

  children(accountId: string): readonly Account[] {
    const ids = this.col('accounts').indexes.get('parentId')!.get(accountId);
    return ids ? [...ids].map((id) => this.get('accounts', id)!) : [];
  }

  /** Number of records of a kind. */
  count(kind: EntityKind): number {
    return this.col(kind).byId.size;
  }

  query<K extends EntityKind>(kind: K, q: Query<K> = {}): QueryResult<EntityMap[K]> {
    const c = this.col(kind);
    const test = compilePredicate<AnyRecord>(kind, q as Query);
    const source = c.candidates(q.where) ?? c.all();
    const matches: AnyRecord[] = [];
    for (const r of source) if (test(r)) matches.push(r);
    return finishQuery(matches, q as Query) as unknown as QueryResult<EntityMap[K]>;
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
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onProgress(listener: (p: SyncProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  onWrite(listener: (e: WriteEvent) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
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
    return this.install(pipes.valid, data, rejected);
  }

  /** Pages through the source: pipelines, then every entity kind it can read. */
  async load(opts: { signal?: AbortSignal } = {}): Promise<LoadReport> {
    const source = this.opts.source;
    if (!source) throw new KamError('data_source', 'Store.load() needs a `source`; use loadBook(book) for plain arrays');
    const prevStatus = this.status;
    this.status = 'loading';
    this.error = undefined;
    this.emit({ kind: 'pipelines', type: 'reset', ids: [], origin: 'load' });
    try {
      this.emitProgress({ phase: 'metadata', done: 0 });
      const caps = await source.capabilities();
      const rawPipes = await source.pipelines({ signal: opts.signal });
      const pipes = parseBatch('pipelines', rawPipes);
      const rejected: Rejected[] = [...pipes.rejected];
      this.emitProgress({ phase: 'metadata', done: 1, total: 1 });
      const data = new Map<EntityKind, AnyRecord[]>();
      for (const kind of entityKinds) {
        const items: AnyRecord[] = [];
        data.set(kind, items);
        if (!caps.entities.includes(kind)) continue;
        const limit = Math.min(this.opts.pageSize ?? 1000, caps.maxPageSize || 1000);
        for await (const page of listAll(source, kind, { limit, signal: opts.signal })) {
          opts.signal?.throwIfAborted();
          for (const it of page.items) items.push(it as unknown as AnyRecord);
          rejected.push(...page.rejected);
          this.emitProgress({ phase: kind, done: items.length, total: page.total });
        }
      }
      return this.install(pipes.valid, data, rejected);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      if (e.name === 'AbortError' || opts.signal?.aborted) {
        this.status = prevStatus === 'loading' ? 'empty' : prevStatus;
      } else {
        this.status = 'error';
        this.error = e;
      }
      this.emit({ kind: 'pipelines', type: 'reset', ids: [], origin: 'load' });
      throw e;
    }
  }

  private install(pipes: Pipeline[], data: Map<EntityKind, AnyRecord[]>, rejected: Rejected[]): LoadReport {
    // Opportunities must sit in a stage of a known pipeline, else no board can place them.
    const opps = data.get('opportunities') ?? [];
    if (opps.length > 0) {
      const stageIds = new Map(pipes.map((p) => [p.id, new Set(p.stages.map((s) => s.id))]));
      const kept: AnyRecord[] = [];
      for (const o of opps) {
        const stages = stageIds.get(o.pipelineId as string);
        if (!stages) {
          rejected.push({ entity: 'opportunities', id: o.id, raw: o, issues: [{ entity: 'opportunities', id: o.id, path: 'pipelineId', message: `refers to pipeline ${String(o.pipelineId)}, which is not loaded` }] });
        } else if (!stages.has(o.stageId as string)) {
          rejected.push({ entity: 'opportunities', id: o.id, raw: o, issues: [{ entity: 'opportunities', id: o.id, path: 'stageId', message: `refers to stage ${String(o.stageId)}, which is not a stage of pipeline ${String(o.pipelineId)}` }] });
        } else kept.push(o);
      }
      data.set('opportunities', kept);
    }
    if (this.opts.dedupe) {
      const mo = typeof this.opts.dedupe === 'object' ? this.opts.dedupe : {};
      const related: Partial<Book> = {};
      for (const [k, v] of data) (related as Record<string, unknown>)[k] = v;
      const merged = mergeAccounts(data.get('accounts') as unknown as Account[] ?? [], { ...mo, related });
      data.set('accounts', merged.accounts as unknown as AnyRecord[]);
      for (const [k, v] of Object.entries(merged.related)) data.set(k as EntityKind, v as unknown as AnyRecord[]);
      this.mergeReport = merged.report;
    }
    this.pipelineList = pipes;
    this.pipelineById.clear();
    for (const p of pipes) this.pipelineById.set(p.id, p);
    const counts: LoadReport['counts'] = { pipelines: pipes.length };
    for (const kind of entityKinds) {
      const c = this.col(kind);
      c.clear();
      for (const r of data.get(kind) ?? []) {
        if (c.byId.has(r.id)) {
          rejected.push({ entity: kind, id: r.id, raw: r, issues: [{ entity: kind, id: r.id, path: 'id', message: `is a duplicate: another ${entityNoun[kind]} with id ${r.id} was already loaded` }] });
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
    this.emit({ kind: 'pipelines', type: 'reset', ids: [], origin: 'load' });
    for (const kind of entityKinds) this.emit({ kind, type: 'reset', ids: [], origin: 'load' });
    return this.lastLoad;
  }

  /** Every record as plain arrays (for the IndexedDB cache). */
  snapshot(): Book {
    const book = { pipelines: [...this.pipelineList] } as Book;
    for (const kind of entityKinds) (book as Record<string, unknown>)[kind] = [...this.col(kind).all()];
    return book;
  }

  // ——— stage moves and writes ———

  checkMove(opportunityId: string, toStageId: string, input: MoveInput = {}): MoveCheck {
    const opp = this.get('opportunities', opportunityId);
    const pipe = opp ? this.pipeline(opp.pipelineId) : undefined;
    return checkStageMove(opp, pipe, opportunityId, toStageId, input, this.now());
  }

  async moveStage(opportunityId: string, toStageId: string, input: MoveInput = {}): Promise<MoveCheck & { entry?: OutboxEntry }> {
    const by = input.by ?? this.opts.user;
    const check = this.checkMove(opportunityId, toStageId, { ...input, by });
    if (!check.ok || !check.to) return check;
    const before = this.get('opportunities', opportunityId)!;
    const after = applyStageMove(before, check.to, { ...input, by }, this.now());
    this.putLocal('opportunities', after as unknown as AnyRecord, 'update');
    const op: WriteOp = {
      op: 'moveStage', entity: 'opportunities', id: opportunityId, toStageId,
      idempotencyKey: newIdempotencyKey(),
      ...(before.updatedAt ? { ifUnmodifiedSince: before.updatedAt } : {}),
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
    const parsed = parseEntity(kind, { ...before, ...patch, id });
    if (!parsed.ok) throw new KamValidationError(parsed.issues, `Cannot update ${entityNoun[kind]} ${id}`);
    this.putLocal(kind, parsed.value as unknown as AnyRecord, 'update');
    const op: WriteOp = {
      op: 'update', entity: kind, id, patch: clone(patch) as Record<string, unknown>,
      idempotencyKey: newIdempotencyKey(),
      ...(before.updatedAt ? { ifUnmodifiedSince: before.updatedAt } : {}),
    };
    return this.hand(op, before);
  }

  async create<K extends EntityKind>(kind: K, data: EntityMap[K]): Promise<OutboxEntry> {
    const parsed = parseEntity(kind, data);
    if (!parsed.ok) throw new KamValidationError(parsed.issues, `Cannot create ${entityNoun[kind]}`);
    const rec = parsed.value as unknown as AnyRecord;
    if (this.col(kind).byId.has(rec.id)) {
      throw new KamValidationError([{ entity: kind, id: rec.id, path: 'id', message: `is already used by another ${entityNoun[kind]}` }], `Cannot create ${entityNoun[kind]}`);
    }
    if (kind === 'opportunities') {
      const p = this.pipeline(rec.pipelineId as string);
      if (!p || !p.stages.some((s) => s.id === rec.stageId)) {
        throw new KamValidationError([{ entity: kind, id: rec.id, path: p ? 'stageId' : 'pipelineId', message: p ? `is not a stage of pipeline "${p.name}"` : 'is not a loaded pipeline' }], 'Cannot create opportunity');
      }
    }
    this.putLocal(kind, rec, 'add');
    const op: WriteOp = { op: 'create', entity: kind, data: clone(rec), idempotencyKey: newIdempotencyKey() };
    return this.hand(op, undefined);
  }

  private async hand(op: WriteOp, before: unknown): Promise<OutboxEntry> {
    const sink = this.opts.writes;
    if (sink) return sink.enqueue(op, before);
    // Local-only store: the write is final the moment it is applied.
    const entry: OutboxEntry = { idempotencyKey: op.idempotencyKey, op, before, state: 'confirmed', attempts: 0, createdAt: this.now().toISOString() };
    this.emitWrite({ entry });
    return entry;
  }

  private putLocal(kind: EntityKind, rec: AnyRecord, type: 'add' | 'update'): void {
    this.col(kind).put(rec);
    this.emit({ kind, type, ids: [rec.id], origin: 'local' });
  }

  // ——— for the sync engine ———

  /** Replaces a record by id with the server's version (validated), re-indexes, emits. */
  applyServerRecord<K extends EntityKind>(kind: K, record: unknown, origin: 'confirm' | 'remote'): EntityMap[K] {
    const parsed = parseEntity(kind, record);
    if (!parsed.ok) throw new KamValidationError(parsed.issues, `Server sent an invalid ${entityNoun[kind]}`);
    const rec = parsed.value as unknown as AnyRecord;
    const type = this.col(kind).put(rec);
    this.emit({ kind, type, ids: [rec.id], origin });
    return rec as unknown as EntityMap[K];
  }

  /** Replaces the pipelines (e.g. after a metadata refresh). */
  applyPipelines(pipelines: Pipeline[], origin: ChangeOrigin = 'remote'): void {
    this.pipelineList = [...pipelines];
    this.pipelineById.clear();
    for (const p of pipelines) this.pipelineById.set(p.id, p);
    this.emit({ kind: 'pipelines', type: 'reset', ids: pipelines.map((p) => p.id), origin });
  }

  removeRecord(kind: EntityKind, id: string, origin: ChangeOrigin): boolean {
    const removed = this.col(kind).remove(id);
    if (removed) this.emit({ kind, type: 'remove', ids: [id], origin });
    return removed;
  }

  /** Restores the record as it was before an optimistic write (`before` undefined: it was a create). */
  rollback(kind: EntityKind, id: string, before: unknown): void {
    if (before === undefined || before === null) {
      if (this.col(kind).remove(id)) this.emit({ kind, type: 'remove', ids: [id], origin: 'rollback' });
      return;
    }
    const type = this.col(kind).put(before as AnyRecord);
    this.emit({ kind, type, ids: [id], origin: 'rollback' });
  }

  emitWrite(e: WriteEvent): void {
    for (const l of [...this.writeListeners]) l(e);
  }

  emitProgress(p: SyncProgress): void {
    for (const l of [...this.progressListeners]) l(p);
  }

  private emit(e: ChangeEvent): void {
    for (const l of [...this.changeListeners]) l(e);
  }

  private col(kind: EntityKind): Collection {
    const c = this.collections.get(kind);
    if (!c) throw new KamError('invalid_model', `Unknown entity kind "${String(kind)}"; expected one of ${entityKinds.join(', ')}`);
    return c;
  }
}
