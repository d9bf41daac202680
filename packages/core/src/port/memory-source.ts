// An in-memory DataSource over a Book: the reference implementation of the port, the demo's
// default backend, and a test double with the real semantics (cursor paging, preconditions,
// idempotency, stage history) plus knobs for latency and failures.
import { entityKinds, entityNoun, type Book, type EntityKind, type EntityMap, type Opportunity, type Pipeline } from '../model/schemas.js';
import { parseEntity, type Rejected } from '../model/validate.js';
import { KamConflictError, KamError, KamNotFoundError, KamValidationError } from '../errors.js';
import type { Capabilities, ChangesPage, DataSource, ListOptions, Page, WriteOp, WriteResult } from './datasource.js';
import { checkStageMove, applyStageMove } from '../store/moves.js';

export interface MemorySourceOptions {
  /** Short name for messages. Default `memory`. */
  name?: string;
  /** Milliseconds each call waits (or a function of the call), to exercise loading states. */
  latency?: number | ((call: string) => number);
  /**
   * Makes a call fail: return an Error to throw it, or undefined to proceed. Called with the
   * call name (`list`, `get`, `changes`, `write`, `pipelines`, `capabilities`) and its details.
   */
  fail?: (call: string, detail: { kind?: EntityKind; op?: WriteOp; attempt: number }) => Error | undefined;
  /** Clock for `updatedAt` stamps on writes. Default: real time, strictly increasing. */
  now?: () => Date;
  /** Largest page served. Default 500. */
  maxPageSize?: number;
  /** Capability overrides (e.g. `{ changesSince: false }`). */
  capabilities?: Partial<Capabilities>;
  /** Validate the book's records when constructed; invalid ones are served as `rejected`. Default true. */
  validate?: boolean;
}

type AnyRecord = { id: string; updatedAt?: string } & Record<string, unknown>;

interface Cursor { offset: number; n: number }

function encodeCursor(c: Cursor): string {
  return `${c.offset}:${c.n}`;
}
function decodeCursor(s: string, kind: EntityKind): Cursor {
  const m = /^(\d+):(\d+)$/.exec(s);
  if (!m) throw new KamError('data_source', `memory source: cursor "${s}" for ${kind} is not one this source issued`);
  return { offset: Number(m[1]), n: Number(m[2]) };
}

function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

export class MemorySource implements DataSource {
  readonly name: string;
  private readonly data = new Map<EntityKind, AnyRecord[]>();
  private readonly byId = new Map<EntityKind, Map<string, AnyRecord>>();
  private readonly invalid = new Map<EntityKind, Rejected[]>();
  private pipes: Pipeline[];
  private readonly applied = new Map<string, { op: WriteOp; result?: WriteResult; error?: unknown }>();
  private readonly deletedLog: Array<{ kind: EntityKind; id: string; at: string }> = [];
  private readonly attempts = new Map<string, number>();
  private lastStamp = 0;
  /** Every write call received (including retries and refused ones), for tests and demos. */
  readonly writeLog: WriteOp[] = [];

  constructor(book: Partial<Book> = {}, private readonly opts: MemorySourceOptions = {}) {
    this.name = opts.name ?? 'memory';
    const validate = opts.validate !== false;
    this.pipes = structuredClone(book.pipelines ?? []);
    for (const kind of entityKinds) {
      const good: AnyRecord[] = [];
      const bad: Rejected[] = [];
      for (const raw of book[kind] ?? []) {
        if (!validate) { good.push(structuredClone(raw) as unknown as AnyRecord); continue; }
        const r = parseEntity(kind, raw);
        if (r.ok) good.push(structuredClone(r.value) as unknown as AnyRecord);
        else bad.push({ entity: kind, id: (raw as { id?: string })?.id, raw, issues: r.issues });
      }
      this.data.set(kind, good);
      this.byId.set(kind, new Map(good.map((r) => [r.id, r])));
      this.invalid.set(kind, bad);
    }
  }

  async capabilities(): Promise<Capabilities> {
    await this.gate('capabilities', {});
    return {
      entities: [...entityKinds],
      writable: [...entityKinds],
      changesSince: true,
      stageHistory: true,
      maxPageSize: this.opts.maxPageSize ?? 500,
      ...this.opts.capabilities,
    };
  }

  async pipelines(opts: { signal?: AbortSignal } = {}): Promise<Pipeline[]> {
    await this.gate('pipelines', {}, opts.signal);
    return structuredClone(this.pipes);
  }

  async list<K extends EntityKind>(kind: K, opts: ListOptions = {}): Promise<Page<EntityMap[K]>> {
    await this.gate('list', { kind }, opts.signal);
    const all = this.filtered(kind, opts.filter);
    const max = this.opts.maxPageSize ?? 500;
    const limit = Math.max(1, Math.min(opts.limit ?? max, max));
    const cur = opts.cursor ? decodeCursor(opts.cursor, kind) : { offset: 0, n: 0 };
    const items = all.slice(cur.offset, cur.offset + limit).map((r) => structuredClone(r)) as unknown as EntityMap[K][];
    const next = cur.offset + limit;
    // Records that failed validation travel with the first page, as a backend's would.
    const rejected = cur.offset === 0 && !opts.filter ? [...(this.invalid.get(kind) ?? [])] : [];
    return { items, rejected, total: all.length, ...(next < all.length ? { nextCursor: encodeCursor({ offset: next, n: cur.n + 1 }) } : {}) };
  }

  async get<K extends EntityKind>(kind: K, id: string, opts: { signal?: AbortSignal } = {}): Promise<EntityMap[K] | undefined> {
    await this.gate('get', { kind }, opts.signal);
    const r = this.byId.get(kind)!.get(id);
    return r ? (structuredClone(r) as unknown as EntityMap[K]) : undefined;
  }

  async changes<K extends EntityKind>(kind: K, since: string, opts: ListOptions = {}): Promise<ChangesPage<EntityMap[K]>> {
    await this.gate('changes', { kind }, opts.signal);
    const changed = this.filtered(kind, opts.filter)
      .filter((r) => (r.updatedAt ?? '') > since)
      .sort((a, b) => (a.updatedAt! < b.updatedAt! ? -1 : a.updatedAt! > b.updatedAt! ? 1 : 0));
    const max = this.opts.maxPageSize ?? 500;
    const limit = Math.max(1, Math.min(opts.limit ?? max, max));
    const cur = opts.cursor ? decodeCursor(opts.cursor, kind) : { offset: 0, n: 0 };
    const items = changed.slice(cur.offset, cur.offset + limit);
    const deleted = this.deletedLog.filter((d) => d.kind === kind && d.at > since);
    let stamp = since;
    for (const r of changed) if (r.updatedAt! > stamp) stamp = r.updatedAt!;
    for (const d of deleted) if (d.at > stamp) stamp = d.at;
    const next = cur.offset + limit;
    return {
      items: items.map((r) => structuredClone(r)) as unknown as EntityMap[K][],
      rejected: [],
      stamp,
      total: changed.length,
      ...(cur.offset === 0 && deleted.length ? { deleted: deleted.map((d) => d.id) } : {}),
      ...(next < changed.length ? { nextCursor: encodeCursor({ offset: next, n: cur.n + 1 }) } : {}),
    };
  }

  async write(op: WriteOp, opts: { signal?: AbortSignal } = {}): Promise<WriteResult> {
    this.writeLog.push(structuredClone(op));
    await this.gate('write', { kind: op.entity, op }, opts.signal);
    const prior = this.applied.get(op.idempotencyKey);
    if (prior) {
      // Same key ⇒ same write: answer as the first time, apply nothing.
      if (prior.error) throw prior.error;
      return structuredClone(prior.result!);
    }
    try {
      const result = this.apply(op);
      this.applied.set(op.idempotencyKey, { op, result });
      return structuredClone(result);
    } catch (err) {
      // Conflicts are not remembered: the client may reload and retry under the same key.
      if (!(err instanceof KamConflictError)) this.applied.set(op.idempotencyKey, { op, error: err });
      throw err;
    }
  }

  // ——— test helpers ———

  /** Changes a record as if another user edited it on the server (bumps updatedAt). */
  serverEdit<K extends EntityKind>(kind: K, id: string, patch: Partial<EntityMap[K]>): EntityMap[K] {
    const cur = this.byId.get(kind)!.get(id);
    if (!cur) throw new KamNotFoundError(entityNoun[kind], id);
    const next = { ...cur, ...(patch as object), id, updatedAt: this.stamp() } as AnyRecord;
    this.replace(kind, next);
    return structuredClone(next) as unknown as EntityMap[K];
  }

  /** Deletes a record on the server (reported by `changes` as deleted). */
  serverDelete(kind: EntityKind, id: string): boolean {
    const list = this.data.get(kind)!;
    const i = list.findIndex((r) => r.id === id);
    if (i < 0) return false;
    list.splice(i, 1);
    this.byId.get(kind)!.delete(id);
    this.deletedLog.push({ kind, id, at: this.stamp() });
    return true;
  }

  /** The current server copy of a record (no latency, no failures). */
  peek<K extends EntityKind>(kind: K, id: string): EntityMap[K] | undefined {
    const r = this.byId.get(kind)!.get(id);
    return r ? (structuredClone(r) as unknown as EntityMap[K]) : undefined;
  }

  /** Number of distinct writes applied (idempotent repeats not counted). */
  get appliedCount(): number {
    let n = 0;
    for (const a of this.applied.values()) if (a.result) n++;
    return n;
  }

  // ——— internals ———

  private apply(op: WriteOp): WriteResult {
    const kind = op.entity;
    if (!this.byId.has(kind)) throw new KamError('data_source', `memory source: unknown entity kind "${String(kind)}"`);
    const caps = this.opts.capabilities?.writable;
    if (caps && !caps.includes(kind)) throw new KamError('data_source', `memory source: ${kind} are read-only here`);
    if (op.op === 'create') {
      const data = { ...op.data, updatedAt: this.stamp() };
      const r = parseEntity(kind, data);
      if (!r.ok) throw new KamValidationError(r.issues, `Cannot create ${entityNoun[kind]}`);
      const rec = r.value as unknown as AnyRecord;
      if (this.byId.get(kind)!.has(rec.id)) {
        throw new KamConflictError(entityNoun[kind], rec.id, { current: structuredClone(this.byId.get(kind)!.get(rec.id)), attempted: op.data, detail: 'a record with this id already exists' });
      }
      this.data.get(kind)!.push(rec);
      this.byId.get(kind)!.set(rec.id, rec);
      return { record: structuredClone(rec) };
    }
    const cur = this.byId.get(kind)!.get(op.id);
    if (!cur) throw new KamNotFoundError(entityNoun[kind], op.id);
    if (op.ifUnmodifiedSince !== undefined && cur.updatedAt !== undefined && cur.updatedAt !== op.ifUnmodifiedSince) {
      throw new KamConflictError(entityNoun[kind], op.id, {
        current: structuredClone(cur),
        attempted: op.op === 'update' ? op.patch : { toStageId: op.toStageId, reason: op.reason, date: op.date },
        detail: `loaded at ${op.ifUnmodifiedSince}, now ${cur.updatedAt}`,
      });
    }
    if (op.op === 'update') {
      const r = parseEntity(kind, { ...cur, ...op.patch, id: op.id, updatedAt: this.stamp() });
      if (!r.ok) throw new KamValidationError(r.issues, `Cannot update ${entityNoun[kind]} ${op.id}`);
      this.replace(kind, r.value as unknown as AnyRecord);
      return { record: structuredClone(r.value) };
    }
    // moveStage: the same rules the Store applies, enforced server-side too.
    const opp = cur as unknown as Opportunity;
    const pipe = this.pipes.find((p) => p.id === opp.pipelineId);
    const now = this.opts.now?.() ?? new Date();
    const check = checkStageMove(opp, pipe, op.id, op.toStageId, { reason: op.reason, date: op.date, by: op.by }, now);
    if (!check.ok) {
      throw new KamError('stage_move_refused', `Cannot move opportunity ${op.id}: ${check.reasons.map((r) => r.message).join('; ')}`);
    }
    const moved = applyStageMove(opp, check.to!, { reason: op.reason, date: op.date, by: op.by }, now);
    const next = { ...moved, updatedAt: this.stamp() } as unknown as AnyRecord;
    this.replace(kind, next);
    return { record: structuredClone(next) };
  }

  private replace(kind: EntityKind, rec: AnyRecord): void {
    const list = this.data.get(kind)!;
    const i = list.findIndex((r) => r.id === rec.id);
    if (i >= 0) list[i] = rec;
    else list.push(rec);
    this.byId.get(kind)!.set(rec.id, rec);
  }

  /** A fresh, strictly increasing ISO stamp. */
  private stamp(): string {
    let ms = (this.opts.now?.() ?? new Date()).getTime();
    if (ms <= this.lastStamp) ms = this.lastStamp + 1;
    this.lastStamp = ms;
    return new Date(ms).toISOString();
  }

  private filtered(kind: EntityKind, filter?: ListOptions['filter']): AnyRecord[] {
    const all = this.data.get(kind);
    if (!all) throw new KamError('data_source', `memory source: unknown entity kind "${String(kind)}"`);
    if (!filter) return all;
    const entries = Object.entries(filter);
    return all.filter((r) => entries.every(([k, v]) => r[k] === v));
  }

  private async gate(call: string, detail: { kind?: EntityKind; op?: WriteOp }, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortError();
    const key = detail.op ? `write:${detail.op.idempotencyKey}` : `${call}:${detail.kind ?? ''}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const l = typeof this.opts.latency === 'function' ? this.opts.latency(call) : this.opts.latency ?? 0;
    if (l > 0) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, l);
        signal?.addEventListener('abort', () => { clearTimeout(t); reject(abortError()); }, { once: true });
      });
    }
    const err = this.opts.fail?.(call, { ...detail, attempt });
    if (err) throw err;
  }
}
