// The sync engine: takes the Store's optimistic writes, keeps them in a persistent outbox, sends
// them through the DataSource in order with their idempotency keys and preconditions, and
// confirms, retries, rolls back or surfaces a conflict — reporting every step as a WriteEvent.
// It also pulls incremental changes (`syncChanges`) and reports progress.
import type { Book, Pipeline } from '../model/schemas.js';
import { entityKinds, type EntityKind } from '../model/entity-kinds.js';
import { parseEntity, type Rejected } from '../model/validate.js';
import { KamConflictError, KamError, KamNotFoundError } from '../errors.js';
import type { Capabilities, DataSource, SyncProgress, WriteOp } from '../port/datasource.js';
import type { OutboxEntry, WriteEvent, WriteSink } from '../store/types.js';
import { applyStageMove } from '../store/apply-move.js';
import { MemoryOutboxStorage, detach, type OutboxStorage, type StoredOutboxEntry } from './outbox-storage.js';
import { backoffDelay, classifyFailure, defaultRetry, describeError, type RetryPolicy } from './retry.js';

type AnyRecord = { id: string; updatedAt?: string } & Record<string, unknown>;

/** What the engine needs of the Store (the `Store` class satisfies it). */
export interface SyncTarget {
  get(kind: EntityKind, id: string): unknown;
  pipeline(id: string): Pipeline | undefined;
  now(): Date;
  /** `base`: the record whose stage history an opportunity keeps when the source keeps none (default: the one held). */
  applyServerRecord(kind: EntityKind, record: unknown, origin: 'confirm' | 'remote', base?: unknown): unknown;
  /** Told the source's capabilities by each sync (whether the source keeps stage history). */
  useCapabilities?(caps: Capabilities): void;
  applyPipelines(pipelines: Pipeline[], origin?: 'remote'): void;
  removeRecord(kind: EntityKind, id: string, origin: 'remote'): unknown;
  rollback(kind: EntityKind, id: string, before: unknown): void;
  emitWrite(e: WriteEvent): void;
  emitProgress(p: SyncProgress): void;
  /** When present, a page of a sync is applied inside it: one change event per kind, not per record. */
  batch?<T>(fn: () => T): T;
  /** The engine attaches itself here unless the store already has a sink. */
  writes?: WriteSink | undefined;
}

export interface SyncEngineOptions {
  store: SyncTarget;
  source: DataSource;
  /** Where the outbox lives. Default: memory (use `IdbOutboxStorage` in browsers so a reload loses nothing). */
  storage?: OutboxStorage;
  retry?: Partial<RetryPolicy>;
  /** Is the network up? Default: `navigator.onLine` (true where there is no navigator). */
  online?: () => boolean;
  /** Where `online` / `offline` events arrive. Default: `window` in a browser, none in Node. */
  connectivityEvents?: EventTarget | null;
  /** Per-kind stamps from a previous sync (e.g. restored from `BookCache`), for `syncChanges`. */
  stamps?: Partial<Record<EntityKind, string>>;
  /** Page size asked of the source by `syncChanges`. Default 500. */
  pageSize?: number;
  /**
   * A write with no answer after this long is aborted and retried under the same idempotency
   * key (a hung request must not block the outbox). Default 60 000 ms.
   */
  writeTimeoutMs?: number;
}

export type EngineStatus = 'idle' | 'sending' | 'retrying' | 'offline' | 'blocked' | 'stopped';

export interface SyncReport {
  /** Records applied per kind. */
  applied: Partial<Record<EntityKind | 'pipelines', number>>;
  /** Records removed per kind (deletions the backend reported). */
  removed: Partial<Record<EntityKind, number>>;
  /** Records that failed their schema: quarantined, with reasons; the rest were applied. */
  rejected: Rejected[];
  /** Records not applied because a local write to them is still in the outbox (its confirm or conflict will bring the server's version). */
  deferred: Array<{ kind: EntityKind; id: string }>;
  /** The stamp per kind to pass as `since` next time. */
  stamps: Partial<Record<EntityKind, string>>;
  /** Kinds the backend cannot diff (`changesSince: false`): they were listed in full instead. */
  fullRefresh: EntityKind[];
}

const EPOCH = '1970-01-01T00:00:00.000Z';

function recordIdOf(op: WriteOp): string {
  if (op.op === 'create') return String((op.data as { id?: unknown }).id ?? '');
  return op.id;
}
function recordKey(op: WriteOp): string {
  return `${op.entity}\u0000${recordIdOf(op)}`;
}
function laterStamp(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  // A stamp is an ISO time or starts with one (`<time>|…`); times in other zones compare by instant.
  const ta = Date.parse(a.split('|')[0]), tb = Date.parse(b.split('|')[0]);
  if (Number.isNaN(ta) || Number.isNaN(tb) || ta === tb) return a >= b ? a : b;
  return tb > ta ? b : a;
}

/**
 * Where an incremental sync resumes after a full load: per kind, a plain time one second before
 * the newest `updatedAt` loaded. A plain time means "strictly later", and Salesforce and Zoho keep
 * whole seconds: a record saved after the load in the newest record's second carries that same
 * time, so the first sync reads that second again (the engine drops what it already holds, unchanged).
 */
export function stampsOf(book: Partial<Book>): Partial<Record<EntityKind, string>> {
  const stamps: Partial<Record<EntityKind, string>> = {};
  for (const kind of entityKinds) {
    let best = -Infinity;
    for (const r of (book[kind] ?? []) as Array<{ updatedAt?: string }>) {
      const t = r.updatedAt ? Date.parse(r.updatedAt) : NaN;
      if (t > best) best = t;
    }
    if (best > -Infinity) stamps[kind] = new Date(best - 1000).toISOString();
  }
  return stamps;
}

/** A record read again holds what the store already has (compared as the store would hold it). */
function unchanged(kind: EntityKind, held: unknown, raw: unknown): boolean {
  const parsed = parseEntity(kind, raw);
  return parsed.ok && same(held, parsed.value);
}

/** Same data, whatever the key order (a record re-read unchanged is not applied again). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The public shape of an entry (what events and `pending()` carry): a snapshot of its state, so
 * later steps do not change an event already delivered. `before` is shared, not copied: read-only.
 */
function publicEntry(e: StoredOutboxEntry): OutboxEntry {
  const { conflict: _conflict, op, ...rest } = e;
  return { ...rest, op: { ...op } };
}

export class SyncEngine implements WriteSink {
  readonly store: SyncTarget;
  readonly source: DataSource;
  readonly storage: OutboxStorage;
  readonly retry: RetryPolicy;
  /** Per-kind stamp of the latest change seen by `syncChanges`. */
  readonly stamps: Partial<Record<EntityKind, string>>;

  readonly #online: () => boolean;
  readonly #events: EventTarget | null;
  readonly #pageSize: number;
  readonly #writeTimeoutMs: number;
  /** The outbox in order; mirrors `storage`. */
  #queue: StoredOutboxEntry[] = [];
  /** The same entries by idempotency key, and per record in order (keeps each send O(1)-ish). */
  #byKey = new Map<string, StoredOutboxEntry>();
  #byRecord = new Map<string, StoredOutboxEntry[]>();
  /** Attempts in this session per key: parks an entry after `retry.max` until `resume()`, the online event or a reload. */
  readonly #tries = new Map<string, number>();
  /** When each backed-off entry may be tried again (epoch ms). */
  readonly #notBefore = new Map<string, number>();
  /** Keys whose `#notBefore` is the server's (a Retry-After): kept through the online event. */
  readonly #serverWait = new Set<string>();
  /** Network-level failures in a row (no answer at all): the backend is unreachable while > 0. */
  #unreachable = 0;
  /**
   * A write that got no answer right after the backend had answered: the network, or the write
   * itself (a poison write that makes the server drop the connection)? The next probe is another
   * record's write; if that one is answered, this failure counts as a try (see `#answered`).
   */
  #suspect?: StoredOutboxEntry;
  /** Unreachable, but a read was just answered: the next write's no-answer failure is suspect (see `#run`). */
  #heard = false;
  /** Writes whose no-answer failure was shown to be theirs: while the backend answers, each such failure counts. */
  readonly #poison = new Set<string>();
  /** When the next probe may go while unreachable (epoch ms), and its timer once `drain()` has given up waiting. */
  #probeAt?: number;
  #probeTimer?: ReturnType<typeof setTimeout>;
  #started?: Promise<void>;
  #running?: Promise<void>;
  #runningGeneration = -1;
  #stopped = false;
  /** Bumped by stop(): a send that outlives its session must not touch the next one. */
  #generation = 0;
  #wake?: () => void;
  #status: EngineStatus = 'idle';
  readonly #onOnline = () => {
    // Like resume(), but a wait the server asked for (Retry-After) still holds.
    this.#status = 'idle';
    this.#tries.clear();
    for (const key of this.#notBefore.keys()) if (!this.#serverWait.has(key)) this.#notBefore.delete(key);
    this.#poison.clear();
    this.#reachable();
    this.#kick();
  };
  readonly #onOffline = () => { this.#status = 'offline'; };

  constructor(opts: SyncEngineOptions) {
    this.store = opts.store;
    this.source = opts.source;
    this.storage = opts.storage ?? new MemoryOutboxStorage();
    this.retry = { ...defaultRetry, ...opts.retry };
    this.stamps = { ...opts.stamps };
    this.#pageSize = opts.pageSize ?? 500;
    this.#writeTimeoutMs = opts.writeTimeoutMs ?? 60_000;
    this.#online = opts.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
    const g = globalThis as unknown as { window?: EventTarget };
    this.#events = opts.connectivityEvents !== undefined ? opts.connectivityEvents : (typeof g.window?.addEventListener === 'function' ? g.window : null);
    if (!this.store.writes) this.store.writes = this;
  }

  /** idle · sending · retrying (backing off) · offline · blocked (only conflicts / parked writes left) · stopped. */
  get status(): EngineStatus {
    return this.#status;
  }

  /**
   * Loads the outbox from storage (writes left by a previous page), shows their optimistic
   * changes again, re-reports stored conflicts, listens for online/offline and starts sending.
   * Idempotent: a second call returns the first call's promise, so nothing is replayed twice.
   */
  start(): Promise<void> {
    // A failed load (IndexedDB unavailable, say) may be retried by the next call.
    this.#started ??= this.#load().catch((error: unknown) => { this.#started = undefined; throw error; });
    return this.#started;
  }

  async #load(): Promise<void> {
    this.#stopped = false;
    const stored = await this.storage.list();
    // A write that was in flight when the page died may or may not have landed: send it again
    // with the same idempotency key, and the backend applies it at most once.
    for (const e of stored) if (e.state === 'sending') e.state = 'pending';
    for (const e of stored) this.#add(e);
    for (const e of stored) {
      if (e.state === 'conflict') {
        this.store.emitWrite({ entry: publicEntry(e), conflict: e.conflict });
      } else {
        this.#reapply(e);
        this.store.emitWrite({ entry: publicEntry(e) });
      }
    }
    this.#events?.addEventListener('online', this.#onOnline);
    this.#events?.addEventListener('offline', this.#onOffline);
    this.#kick();
  }

  /** Stops sending (an in-flight write finishes) and detaches listeners. `start()` again to go on. */
  stop(): void {
    this.#stopped = true;
    this.#generation++;
    this.#status = 'stopped';
    this.#events?.removeEventListener('online', this.#onOnline);
    this.#events?.removeEventListener('offline', this.#onOffline);
    this.#wake?.();
    this.#started = undefined;
    this.#queue = [];
    this.#byKey.clear();
    this.#byRecord.clear();
    this.#tries.clear();
    this.#notBefore.clear();
    this.#serverWait.clear();
    this.#poison.clear();
    this.#reachable();
  }

  /** WriteSink: persists the write, then sends it in order. Resolves once it is safely stored. */
  async enqueue(op: WriteOp, before: unknown): Promise<OutboxEntry> {
    await this.start();
    const existing = this.#byKey.get(op.idempotencyKey);
    if (existing) return publicEntry(existing);
    const entry: StoredOutboxEntry = {
      idempotencyKey: op.idempotencyKey, op: detach(op), before: detach(before),
      state: 'pending', attempts: 0, createdAt: this.store.now().toISOString(),
    };
    await this.storage.put(entry);
    this.#add(entry);
    const queued = publicEntry(entry);
    this.store.emitWrite({ entry: queued });
    this.#kick();
    return queued;
  }

  /** Writes not yet confirmed, in send order (conflicts included). */
  pending(): OutboxEntry[] {
    return this.#queue.map(publicEntry);
  }

  /** Conflicts waiting for a decision, with both versions. */
  conflicts(): Array<{ entry: OutboxEntry; server: unknown; local: unknown }> {
    return this.#queue.filter((e) => e.state === 'conflict').map((e) => ({ entry: publicEntry(e), server: e.conflict?.server, local: e.conflict?.local }));
  }

  /**
   * Sends until the outbox is empty or blocked (offline, or only conflicts and parked writes
   * left), waiting through back-offs. Resolves; never rejects because of a failed write.
   */
  async drain(): Promise<void> {
    await this.start();
    this.#kick();
    while (this.#running) await this.#running;
  }

  /**
   * Retries parked writes now (after `retry.max` attempts, or when back-off is too slow for the
   * user), and probes an unreachable backend now — a server's Retry-After included. The window's
   * `online` event does the same except that a Retry-After still holds.
   */
  resume(): void {
    this.#tries.clear();
    this.#notBefore.clear();
    this.#serverWait.clear();
    this.#poison.clear();
    this.#reachable();
    this.#kick();
  }

  /**
   * Resolves a conflict the user has seen. `theirs`: drop our write, keep the server's version.
   * `mine`: send our write again on top of the server's version (its stamp as the precondition).
   */
  async retryConflict(idempotencyKey: string, resolution: 'mine' | 'theirs'): Promise<OutboxEntry> {
    await this.start();
    const entry = this.#byKey.get(idempotencyKey);
    if (!entry) throw new KamNotFoundError('outbox entry', idempotencyKey);
    if (entry.state !== 'conflict') {
      throw new KamError('validation', `Outbox entry ${idempotencyKey} is ${entry.state}, not in conflict; only a conflict can be resolved`);
    }
    const kind = entry.op.entity;
    const id = recordIdOf(entry.op);
    let server = entry.conflict?.server as AnyRecord | undefined;
    if (!server) server = (await this.source.get(kind, id)) as AnyRecord | undefined;
    if (resolution === 'theirs') {
      if (server) this.store.applyServerRecord(kind, server, 'remote');
      else this.store.rollback(kind, id, entry.before);
      entry.state = 'rolled_back';
      await this.storage.delete(entry.idempotencyKey);
      this.#remove(entry);
      const dropped = publicEntry(entry);
      this.store.emitWrite({ entry: dropped });
      this.#kick();
      return dropped;
    }
    const staleStamp = entry.op.ifUnmodifiedSince;
    const freshStamp = server?.updatedAt;
    if (entry.op.op === 'create' && server) {
      // The id exists on the server now: "keep mine" means overwrite it with our data.
      const { id: _id, ...patch } = entry.op.data as AnyRecord;
      entry.op = { op: 'update', entity: kind, id, patch, idempotencyKey: entry.op.idempotencyKey };
    }
    if (freshStamp) entry.op.ifUnmodifiedSince = freshStamp;
    else delete entry.op.ifUnmodifiedSince;
    // Our write goes on top of the server's version as the store keeps it: over a source that keeps
    // no stage history, with the store's (the server's copy has none).
    if (server) try { server = this.store.applyServerRecord(kind, server, 'remote') as AnyRecord; } catch { /* put as sent */ }
    entry.before = server;
    entry.state = 'pending';
    entry.conflict = undefined;
    await this.storage.put(entry);
    // Writes queued after this one were built on our version: they follow it onto the new stamp.
    for (const later of this.#laterSameRecord(entry)) {
      if (later.op.ifUnmodifiedSince === staleStamp) {
        if (freshStamp) later.op.ifUnmodifiedSince = freshStamp;
        await this.storage.put(later);
      }
    }
    this.#reapply(entry, server);
    this.#tries.delete(entry.idempotencyKey);
    this.#notBefore.delete(entry.idempotencyKey);
    this.#serverWait.delete(entry.idempotencyKey);
    const requeued = publicEntry(entry);
    this.store.emitWrite({ entry: requeued });
    this.#kick();
    return requeued;
  }

  // ——— the send loop ———

  #kick(): void {
    this.#wake?.();
    if (this.#stopped || !this.#started) return;
    // One loop per session; a loop left over from before stop() (a hung write) does not count.
    if (this.#running && this.#runningGeneration === this.#generation) return;
    const generation = (this.#runningGeneration = this.#generation);
    // Never rejects: nothing awaits a loop started by a timer or an event (drain() may not either).
    const run: Promise<void> = this.#run().catch((error: unknown) => this.#crashed(error)).finally(() => {
      if (this.#running === run) this.#running = undefined;
      // An entry enqueued while the loop was finishing must not wait for the next write.
      if (generation === this.#generation && !this.#stopped && this.#pick().entry && this.#online() && !this.#probeTimer) this.#kick();
    });
    this.#running = run;
  }

  async #run(): Promise<void> {
    const generation = this.#generation;
    for (;;) {
      if (this.#stopped || generation !== this.#generation) return;
      if (!this.#online()) { this.#status = 'offline'; return; }
      // Unreachable, the next probe on a timer: see below.
      if (this.#probeTimer) { this.#status = 'offline'; return; }
      // Unreachable, one of the first `retry.max` probes: a back-off `drain()` waits through.
      if (this.#probeWaiting()) {
        this.#status = 'retrying';
        await this.#sleep(this.#probeAt! - Date.now());
        continue;
      }
      const { entry, wakeAt } = this.#pick(this.#suspect);
      if (entry) {
        // While unreachable this send is the probe: the first sendable write, nothing behind it —
        // or, right after a write failed that way, another record's first (see `#suspect`).
        this.#status = this.#unreachable >= this.retry.max ? 'offline' : 'sending';
        const outage = this.#unreachable > 0 && !this.#suspect;
        await this.#send(entry);
        // A probe through an outage got no answer. If it is a poison write, it fails the same way
        // once the network is back, and nothing else would show that: ask a read. Answered, send
        // the write again now, as right after an answer: it lands (the network was just back), or
        // it is suspect and another record's write is the next probe. The back-off count stays, so
        // writes refused while reads pass (a CORS preflight) still back off and say 'offline'.
        const unanswered = () => generation === this.#generation && this.#unreachable > 0 && !this.#suspect && this.#byKey.get(entry.idempotencyKey) === entry;
        if (outage && unanswered() && await this.#answers(entry) && unanswered()) {
          this.#heard = true;
          this.#probeAt = undefined;
          continue;
        }
        if (this.#unreachable >= this.retry.max && this.#probeAt !== undefined && !this.#stopped && generation === this.#generation) {
          // Still no answer after `retry.max` probes: say offline, let `drain()` return, and probe
          // on a timer — one that does not keep a Node job alive while its backend is down. Fired,
          // the probe is due (a timer may fire a little before `Date.now()` says so: no 'retrying').
          this.#status = 'offline';
          const timer = setTimeout(() => { this.#probeTimer = undefined; this.#probeAt = undefined; this.#kick(); }, Math.max(0, this.#probeAt - Date.now()));
          (timer as { unref?: () => void }).unref?.();
          this.#probeTimer = timer;
          return;
        }
        continue;
      }
      if (wakeAt === undefined) {
        this.#status = this.#queue.length ? 'blocked' : 'idle';
        return;
      }
      this.#status = 'retrying';
      await this.#sleep(Math.max(0, wakeAt - Date.now()));
    }
  }

  /** Is the backend unreachable, with the next probe still to wait for? */
  #probeWaiting(): boolean {
    return this.#probeAt !== undefined && this.#probeAt > Date.now();
  }

  /** An unexpected error in the send loop (not a failed write): say so, and let the next kick go on. */
  #crashed(error: unknown): void {
    if (this.#stopped) return;
    this.#status = this.#queue.length ? 'blocked' : 'idle';
    const head = this.#queue.find((e) => e.state !== 'conflict');
    if (head) head.lastError = describeError(error);
  }

  /**
   * The backend answered a write (success, or any failure but no answer at all / a timeout). A
   * suspect write's failure (another record's write was the probe) was its own, not the network's:
   * it counts as a try, backs off like a 5xx, and its later no-answer failures count at once.
   */
  #answered(by: StoredOutboxEntry): void {
    const s = this.#suspect;
    if (s && s !== by && this.#byKey.get(s.idempotencyKey) === s) {
      const tries = (this.#tries.get(s.idempotencyKey) ?? 0) + 1;
      this.#tries.set(s.idempotencyKey, tries);
      s.attempts += 1;
      this.#poison.add(s.idempotencyKey);
      if (tries < this.retry.max) this.#notBefore.set(s.idempotencyKey, Date.now() + backoffDelay(this.retry, tries));
    }
    this.#reachable();
  }

  /**
   * Does the backend answer a read of the write's record (one record by id: the least a DataSource
   * asks of its backend; `capabilities()` may never leave the page)? Any answer counts, an error
   * status too; no answer or a timeout does not.
   */
  async #answers(entry: StoredOutboxEntry): Promise<boolean> {
    try {
      await this.#timed((signal) => this.source.get(entry.op.entity, recordIdOf(entry.op), { signal }));
      return true;
    } catch (error) {
      return classifyFailure(error) !== 'unreachable' && !(error instanceof KamError && error.code === 'timeout');
    }
  }

  /** A request that gets no answer within `writeTimeoutMs` is aborted, and rejects with a `timeout` KamError. */
  async #timed<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const e = new KamError('timeout', `no answer from ${this.source.name} after ${this.#writeTimeoutMs} ms`);
        abort.abort(e);
        reject(e);
      }, this.#writeTimeoutMs);
    });
    try {
      return await Promise.race([request(abort.signal), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The backend answered (or the network is said to be back): no more waiting between probes. */
  #reachable(): void {
    this.#suspect = undefined;
    this.#heard = false;
    this.#unreachable = 0;
    this.#probeAt = undefined;
    clearTimeout(this.#probeTimer);
    this.#probeTimer = undefined;
  }

  /**
   * The first sendable entry, honouring per-record order; else when the next back-off ends.
   * With `avoid`: the first sendable entry of another record, if there is one.
   */
  #pick(avoid?: StoredOutboxEntry): { entry?: StoredOutboxEntry; wakeAt?: number } {
    if (avoid) {
      const other = this.#pickFrom(new Set([recordKey(avoid.op)]));
      if (other.entry) return other;
    }
    return this.#pickFrom(new Set<string>());
  }

  #pickFrom(blocked: Set<string>): { entry?: StoredOutboxEntry; wakeAt?: number } {
    let wakeAt: number | undefined;
    const now = Date.now();
    for (const e of this.#queue) {
      const rk = recordKey(e.op);
      if (blocked.has(rk)) continue;
      if (e.state === 'conflict' || (this.#tries.get(e.idempotencyKey) ?? 0) >= this.retry.max) { blocked.add(rk); continue; }
      const nb = this.#notBefore.get(e.idempotencyKey);
      if (nb !== undefined && nb > now) {
        blocked.add(rk);
        wakeAt = wakeAt === undefined ? nb : Math.min(wakeAt, nb);
        continue;
      }
      return { entry: e };
    }
    return { wakeAt };
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      const self = this;
      function done() { clearTimeout(t); if (self.#wake === done) self.#wake = undefined; resolve(); }
      this.#wake = done;
    });
  }

  async #send(entry: StoredOutboxEntry): Promise<void> {
    const generation = this.#generation;
    entry.state = 'sending';
    entry.attempts += 1;
    this.#tries.set(entry.idempotencyKey, (this.#tries.get(entry.idempotencyKey) ?? 0) + 1);
    // Not persisted: after a reload a 'sending' entry is sent again anyway (same key), and the
    // outcome (retry, conflict, confirm) is persisted — one storage write per send saved.
    this.store.emitWrite({ entry: publicEntry(entry) });
    let record: AnyRecord;
    try {
      const result = await this.#timed((signal) => this.source.write(detach(entry.op), { signal }));
      record = result.record as AnyRecord;
    } catch (error) {
      if (this.#stopped || generation !== this.#generation) return;
      await this.#failed(entry, error);
      return;
    }
    if (this.#stopped || generation !== this.#generation) return;
    this.#answered(entry);
    await this.#confirmed(entry, record);
  }

  async #confirmed(entry: StoredOutboxEntry, record: AnyRecord): Promise<void> {
    const kind = entry.op.entity;
    const sentStamp = entry.op.ifUnmodifiedSince;
    const newStamp = record?.updatedAt;
    // The next write to this record must carry the stamp this one produced, or it would conflict
    // with ourselves.
    for (const later of this.#laterSameRecord(entry)) {
      if (newStamp && (later.op.ifUnmodifiedSince === sentStamp || later.op.ifUnmodifiedSince === undefined) && later.op.op !== 'create') {
        later.op.ifUnmodifiedSince = newStamp;
        await this.#save(later);
      }
    }
    entry.state = 'confirmed';
    entry.lastError = undefined;
    await this.#save(entry, 'delete');
    this.#remove(entry);
    let applied = false;
    try {
      this.store.applyServerRecord(kind, record, 'confirm');
      applied = true;
    } catch (error) {
      // The backend accepted the write but returned a record our schema refuses: the write stands,
      // the local copy is kept, and the reason travels with the event.
      entry.lastError = `confirmed, but the returned ${kind} record is invalid: ${describeError(error)}`;
    }
    // Later writes to the same record are still optimistic: show them on top of the server's version.
    if (applied) for (const later of this.#laterSameRecord(entry, true)) this.#reapply(later);
    this.store.emitWrite({ entry: publicEntry(entry) });
  }

  async #failed(entry: StoredOutboxEntry, error: unknown): Promise<void> {
    const kind = entry.op.entity;
    const id = recordIdOf(entry.op);
    entry.lastError = describeError(error);
    const failure = classifyFailure(error);
    const key = entry.idempotencyKey;
    const heard = this.#heard;
    this.#heard = false;
    // A write already shown to kill the connection, sent while the backend answers: its own failure.
    const own = failure === 'unreachable' && this.#unreachable === 0 && this.#poison.has(key);
    if (failure === 'unreachable' && !own) {
      // The network, not this write (as far as we know): the try does not count, and the whole
      // outbox (order kept) waits for the next probe, which backs off up to `retry.capMs`.
      entry.state = 'pending';
      entry.attempts -= 1;
      this.#tries.set(key, (this.#tries.get(key) ?? 1) - 1);
      // Right after an answer: suspect this write, and probe with another record's next. Another
      // write unanswered too: the network is down, and no one is suspected.
      if (this.#suspect !== entry) this.#suspect = this.#suspect === undefined && (this.#unreachable === 0 || heard) ? entry : undefined;
      this.#unreachable += 1;
      this.#probeAt = Date.now() + backoffDelay(this.retry, this.#unreachable);
      await this.#save(entry);
      this.store.emitWrite({ entry: publicEntry(entry) });
      return;
    }
    // A timeout is no answer either: it proves nothing about another write.
    if (failure === 'unreachable' || (error instanceof KamError && error.code === 'timeout')) this.#reachable();
    else this.#answered(entry);
    if (failure === 'transient' || failure === 'unreachable') {
      entry.state = 'pending';
      const tries = this.#tries.get(key) ?? 0;
      // A wait the server asked for (Retry-After) holds even once the write is parked: the online
      // event un-parks it but does not cut that wait.
      const serverWait = typeof (error as { retryAfterMs?: unknown }).retryAfterMs === 'number';
      if (serverWait) this.#serverWait.add(key); else this.#serverWait.delete(key);
      if (tries < this.retry.max || serverWait) this.#notBefore.set(key, Date.now() + backoffDelay(this.retry, tries, error));
      await this.#save(entry);
      this.store.emitWrite({ entry: publicEntry(entry) });
      return;
    }
    if (failure === 'conflict') {
      const c = error as KamConflictError;
      let server = c.current as AnyRecord | undefined;
      if (server === undefined) {
        try { server = (await this.source.get(kind, id)) as AnyRecord | undefined; } catch { /* shown without it */ }
      }
      const local = this.store.get(kind, id) ?? c.attempted ?? (entry.op.op === 'create' ? entry.op.data : undefined);
      entry.state = 'conflict';
      entry.conflict = detach({ server, local });
      await this.#save(entry);
      // Show the server's truth until the user decides; ours travels with the event.
      let shown = false;
      if (server) {
        // Over the record as it was before the write: the refused move leaves no stay behind.
        try { this.store.applyServerRecord(kind, server, 'remote', entry.before); shown = true; } catch { /* invalid: fall back */ }
      }
      if (!shown) this.store.rollback(kind, id, entry.before);
      this.store.emitWrite({ entry: publicEntry(entry), conflict: entry.conflict });
      return;
    }
    // Permanent: this write and every later write to the same record (built on it) are undone.
    const chain = [entry, ...this.#laterSameRecord(entry)];
    this.store.rollback(kind, id, entry.before);
    for (const e of chain) {
      e.state = 'failed';
      if (e !== entry) e.lastError = `an earlier change to this ${kind} record failed (${entry.lastError})`;
      await this.#save(e, 'delete');
      this.#remove(e);
      this.store.emitWrite({ entry: publicEntry(e) });
    }
  }

  /**
   * Stores an entry's new state (or deletes it) from the send loop. Storage failing (IndexedDB
   * closed or full) does not stop sending: the outbox goes on in memory, what was not stored is
   * at worst sent again after a reload under its idempotency key, and `lastError` says so.
   */
  async #save(entry: StoredOutboxEntry, how: 'put' | 'delete' = 'put'): Promise<void> {
    try {
      if (how === 'put') await this.storage.put(entry);
      else await this.storage.delete(entry.idempotencyKey);
    } catch (error) {
      const note = `not saved to the outbox storage: ${describeError(error)}`;
      entry.lastError = entry.lastError ? `${entry.lastError} (${note})` : note;
    }
  }

  /** Entries for the same record queued after `entry` (all of them when `entry` was just removed). */
  #laterSameRecord(entry: StoredOutboxEntry, includeRemoved = false): StoredOutboxEntry[] {
    const list = this.#byRecord.get(recordKey(entry.op)) ?? [];
    const at = list.indexOf(entry);
    if (at < 0 && !includeRemoved) return [];
    return list.slice(at + 1).filter((e) => e.state !== 'conflict');
  }

  #add(entry: StoredOutboxEntry): void {
    this.#queue.push(entry);
    this.#byKey.set(entry.idempotencyKey, entry);
    const rk = recordKey(entry.op);
    const list = this.#byRecord.get(rk);
    if (list) list.push(entry); else this.#byRecord.set(rk, [entry]);
  }

  #remove(entry: StoredOutboxEntry): void {
    const at = this.#queue.indexOf(entry);
    if (at >= 0) this.#queue.splice(at, 1);
    this.#byKey.delete(entry.idempotencyKey);
    const rk = recordKey(entry.op);
    const list = this.#byRecord.get(rk);
    if (list) {
      const i = list.indexOf(entry);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.#byRecord.delete(rk);
    }
    this.#tries.delete(entry.idempotencyKey);
    this.#notBefore.delete(entry.idempotencyKey);
    this.#serverWait.delete(entry.idempotencyKey);
    this.#poison.delete(entry.idempotencyKey);
  }

  /** Shows a queued write's effect on the store's current record (after a reload or a confirm). */
  #reapply(entry: StoredOutboxEntry, base?: AnyRecord): void {
    const op = entry.op;
    const kind = op.entity;
    const current = (base ?? this.store.get(kind, recordIdOf(op))) as AnyRecord | undefined;
    let next: AnyRecord | undefined;
    if (op.op === 'create') next = current ? undefined : (op.data as AnyRecord);
    else if (!current) return;
    else if (op.op === 'update') next = { ...current, ...op.patch, id: current.id };
    else {
      const opp = current as unknown as Parameters<typeof applyStageMove>[0];
      if (opp.stageId === op.toStageId) return;
      const stage = this.store.pipeline(opp.pipelineId)?.stages.find((s) => s.id === op.toStageId);
      if (!stage) return;
      next = applyStageMove(opp, stage, { reason: op.reason, date: op.date, by: op.by }, this.store.now()) as unknown as AnyRecord;
    }
    if (!next) return;
    // Keep the server's stamp: the optimistic copy is not a new server version.
    if (current?.updatedAt) next = { ...next, updatedAt: current.updatedAt };
    try { this.store.rollback(kind, next.id, next); } catch { /* an unknown kind cannot be shown */ }
  }

  // ——— incremental sync ———

  /**
   * Pulls what changed since the last sync (or `since`) for every kind the backend serves, and
   * the pipelines; applies it to the store; reports progress through `store.emitProgress`.
   * Bad records are quarantined and reported; the rest are applied.
   */
  async syncChanges(opts: { since?: string; kinds?: EntityKind[]; signal?: AbortSignal } = {}): Promise<SyncReport> {
    const report: SyncReport = { applied: {}, removed: {}, rejected: [], deferred: [], stamps: {}, fullRefresh: [] };
    const { signal } = opts;
    this.store.emitProgress({ phase: 'metadata', done: 0 });
    const caps = await this.source.capabilities();
    this.store.useCapabilities?.(caps);
    const pipelines = await this.source.pipelines({ signal });
    // The backend answered: if the outbox was held as unreachable, probe now, suspecting afresh
    // (a write probed through an outage may be what the connection dies on now).
    if (this.#unreachable > 0 && !this.#stopped) { this.#reachable(); this.#kick(); }
    this.store.applyPipelines(pipelines, 'remote');
    report.applied.pipelines = pipelines.length;
    this.store.emitProgress({ phase: 'metadata', done: 1, total: 1 });
    const kinds = (opts.kinds ?? entityKinds).filter((k) => caps.entities.includes(k));
    const pendingRecords = new Set(this.#queue.map((e) => recordKey(e.op)));
    const limit = Math.min(this.#pageSize, caps.maxPageSize || this.#pageSize);
    let grand = 0;
    for (const kind of kinds) {
      signal?.throwIfAborted();
      const since = opts.since ?? this.stamps[kind] ?? EPOCH;
      let stamp = this.stamps[kind];
      let done = 0;
      let removed = 0;
      let total: number | undefined;
      let cursor: string | undefined;
      if (!caps.changesSince) report.fullRefresh.push(kind);
      do {
        const page = caps.changesSince
          ? await this.source.changes(kind, since, { cursor, limit, signal })
          : { ...(await this.source.list(kind, { cursor, limit, signal })), stamp: undefined, deleted: undefined };
        const applyPage = () => {
          for (const raw of page.items) {
            const rec = raw as unknown as AnyRecord;
            if (pendingRecords.has(`${kind}\u0000${rec.id}`)) { report.deferred.push({ kind, id: rec.id }); continue; }
            // Re-read from a full load's stamp (see stampsOf) and unchanged: already held, not applied again.
            const held = this.store.get(kind, rec.id) as AnyRecord | undefined;
            if (caps.changesSince && held && held.updatedAt === rec.updatedAt && unchanged(kind, held, rec)) continue;
            try {
              this.store.applyServerRecord(kind, rec, 'remote');
              done++;
            } catch (error) {
              const issues = (error as { issues?: Rejected['issues'] }).issues ?? [{ entity: kind, id: rec.id, path: '', message: describeError(error) }];
              report.rejected.push({ entity: kind, id: rec.id, raw, issues });
            }
            if (!caps.changesSince) stamp = laterStamp(stamp, rec.updatedAt);
          }
          for (const id of page.deleted ?? []) {
            if (pendingRecords.has(`${kind}\u0000${id}`)) { report.deferred.push({ kind, id }); continue; }
            if (this.store.removeRecord(kind, id, 'remote')) removed++;
          }
        };
        if (this.store.batch) this.store.batch(applyPage); else applyPage();
        report.rejected.push(...page.rejected);
        if (page.stamp) stamp = laterStamp(stamp, page.stamp);
        cursor = page.nextCursor;
        total = page.total ?? total;
        this.store.emitProgress({ phase: kind, done, total });
      } while (cursor);
      report.applied[kind] = done;
      if (removed) report.removed[kind] = removed;
      if (stamp) { this.stamps[kind] = stamp; report.stamps[kind] = stamp; }
      grand += done;
    }
    this.store.emitProgress({ phase: 'done', done: grand, total: grand });
    return report;
  }
}

