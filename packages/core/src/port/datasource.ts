// The DataSource port: what every backend adapter implements, and what the Store and the sync
// engine call. It knows nothing of HTTP or of any vendor.
import type { EntityKind, EntityMap, Pipeline, Opportunity } from '../model/schemas.js';
import type { Rejected } from '../model/validate.js';

export interface ListOptions {
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor?: string;
  /** Page size wish; the source may return fewer. */
  limit?: number;
  /** Equality filters on model fields, e.g. `{ accountId: 'acc-1' }` or `{ region: '华东' }`. */
  filter?: Record<string, string | number | boolean>;
  signal?: AbortSignal;
}

export interface Page<T> {
  items: T[];
  /** Records the source returned that failed their schema: quarantined, with reasons. */
  rejected: Rejected[];
  /** Absent on the last page. */
  nextCursor?: string;
  /** Total count when the backend tells it. */
  total?: number;
}

export interface ChangesPage<T> extends Page<T> {
  /**
   * Stamp to pass as `since` next time: opaque to callers. An ISO time (the latest modification
   * seen), or an adapter's own form that starts with one (Salesforce and Zoho add the records read
   * in the last second: `<time>|…`; `stampTime()` of @kamkit/adapters reads its time).
   */
  stamp: string;
  /** Ids deleted since `since`, when the backend reports deletions. */
  deleted?: string[];
}

export interface Capabilities {
  /** Entity kinds this backend can read. */
  entities: EntityKind[];
  /** Entity kinds this backend can write. */
  writable: EntityKind[];
  /** Supports `changes(kind, since)`. */
  changesSince: boolean;
  /** Backend keeps stage history itself (else the Store records it). */
  stageHistory: boolean;
  /** Largest page the backend serves. */
  maxPageSize: number;
}

interface WriteBase {
  /** Same key ⇒ same write: a retried write must not apply twice. */
  idempotencyKey: string;
  /** The record's `updatedAt` when it was loaded; a mismatch is a KamConflictError. */
  ifUnmodifiedSince?: string;
}

export type WriteOp =
  | (WriteBase & { op: 'create'; entity: EntityKind; data: Record<string, unknown> })
  | (WriteBase & { op: 'update'; entity: EntityKind; id: string; patch: Record<string, unknown> })
  | (WriteBase & {
      op: 'moveStage'; entity: 'opportunities'; id: string; toStageId: string;
      /** Won/lost reason when the target stage is closed. */
      reason?: string;
      /** Close date when the target stage is won/lost. */
      date?: string;
      /** Who moved it (user id). */
      by?: string;
    });

export interface WriteResult<T = unknown> {
  /** The record as the backend now has it (with its new `updatedAt`). */
  record: T;
}

/** Progress of a long read, for a status element. */
export interface SyncProgress {
  phase: 'metadata' | EntityKind | 'outbox' | 'done';
  done: number;
  total?: number;
}

export interface DataSource {
  /** Short name for messages: `rest`, `salesforce`, `zoho`, `kingdee`, `memory`. */
  readonly name: string;
  capabilities(): Promise<Capabilities>;
  pipelines(opts?: { signal?: AbortSignal }): Promise<Pipeline[]>;
  list<K extends EntityKind>(kind: K, opts?: ListOptions): Promise<Page<EntityMap[K]>>;
  get<K extends EntityKind>(kind: K, id: string, opts?: { signal?: AbortSignal }): Promise<EntityMap[K] | undefined>;
  /**
   * Records created or modified after `since`: a stamp a ChangesPage returned, or an ISO time
   * (strictly later than it). After a full load there is no stamp yet: the engine resumes from a
   * plain time one second before the newest `updatedAt` loaded (`stampsOf`), since vendors with
   * whole-second stamps give a later save in that second the same time; re-read records it already
   * holds unchanged are not applied again.
   */
  changes<K extends EntityKind>(kind: K, since: string, opts?: ListOptions): Promise<ChangesPage<EntityMap[K]>>;
  /** Applies one write with its precondition; throws KamConflictError on a stale stamp. */
  write(op: WriteOp, opts?: { signal?: AbortSignal }): Promise<WriteResult>;
}

/** Pages through every record of a kind. */
export async function* listAll<K extends EntityKind>(source: DataSource, kind: K, opts: ListOptions = {}): AsyncGenerator<Page<EntityMap[K]>> {
  let cursor = opts.cursor;
  do {
    const page = await source.list(kind, { ...opts, cursor });
    yield page;
    cursor = page.nextCursor;
  } while (cursor);
}

export type { Opportunity };
