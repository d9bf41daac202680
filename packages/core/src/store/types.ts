// The Store's public contract. Elements program against this; `Store` (store.ts) implements it.
import type { EntityKind, EntityMap, Pipeline, Opportunity, Stage } from '../model/schemas.js';
import type { Rejected } from '../model/validate.js';
import type { FxTable } from '../model/money.js';
import type { SyncProgress, WriteOp } from '../port/datasource.js';

/** A condition on one field: a value (equality), a list (any of), or a range / text test. */
export type FieldCondition =
  | string | number | boolean | null
  | ReadonlyArray<string | number | boolean | null>
  | { gte?: number | string; lte?: number | string; gt?: number | string; lt?: number | string; contains?: string; exists?: boolean };

export interface Query<K extends EntityKind = EntityKind> {
  /** Field path → condition; all must hold (region × industry × tier × owner × any field). */
  where?: Partial<Record<string, FieldCondition>>;
  /** Case- and width-insensitive text search over the entity's name-like fields. */
  search?: string;
  /** Custom predicate applied after `where`. */
  filter?: (record: EntityMap[K]) => boolean;
  sort?: ReadonlyArray<{ field: string; dir?: 'asc' | 'desc' }>;
  /** Field path to group by. */
  groupBy?: string;
  offset?: number;
  limit?: number;
}

export interface QueryResult<T> {
  /** The page of matching records (after sort, offset, limit). */
  items: T[];
  /** Matching records before paging. */
  total: number;
  /** When `groupBy` was given: every group over all matches, in key order. */
  groups?: Array<{ key: string; count: number; items: T[] }>;
}

export type ChangeOrigin = 'load' | 'local' | 'remote' | 'confirm' | 'rollback';

export interface ChangeEvent {
  kind: EntityKind | 'pipelines';
  type: 'add' | 'update' | 'remove' | 'reset';
  ids: string[];
  origin: ChangeOrigin;
}

/** One reason a stage move is refused, in words a user can act on. */
export interface MoveRefusal {
  code:
    | 'unknown_opportunity' | 'unknown_stage' | 'same_stage' | 'skip_not_allowed' | 'backward_not_allowed'
    | 'reopen_not_allowed' | 'missing_field' | 'checklist_incomplete' | 'reason_required' | 'date_required' | 'invalid_date';
  /** Plain-language explanation, e.g. "Fill in Next step before moving to Proposal". */
  message: string;
  /** The field path or checklist item id concerned, when there is one. */
  field?: string;
}

export interface MoveInput {
  /** Won / lost reason. */
  reason?: string;
  /** Won / lost (close) date, ISO. */
  date?: string;
  /** User id making the move. */
  by?: string;
}

export interface MoveCheck {
  ok: boolean;
  /** Every reason the move is refused (empty when ok). */
  reasons: MoveRefusal[];
  from?: Stage;
  to?: Stage;
}

export type WriteState = 'pending' | 'sending' | 'confirmed' | 'conflict' | 'failed' | 'rolled_back';

/** A write as the sync engine tracks it (persisted in the outbox). */
export interface OutboxEntry {
  idempotencyKey: string;
  op: WriteOp;
  /** The record before the optimistic change, for rollback. */
  before?: unknown;
  state: WriteState;
  attempts: number;
  lastError?: string;
  createdAt: string;
}

export interface WriteEvent {
  entry: OutboxEntry;
  /** For a conflict: the server's version and ours. */
  conflict?: { server: unknown; local: unknown };
}

export interface LoadReport {
  counts: Partial<Record<EntityKind | 'pipelines', number>>;
  rejected: Rejected[];
}

/** The read side the elements need; Store implements it. */
export interface StoreReader {
  readonly status: 'empty' | 'loading' | 'ready' | 'error';
  readonly error?: Error;
  /** Records quarantined at load time, with reasons. */
  readonly rejected: readonly Rejected[];
  readonly reportingCurrency: string;
  readonly fx?: FxTable;
  /** Injectable clock so analytics and tests are deterministic. */
  now(): Date;
  get<K extends EntityKind>(kind: K, id: string): EntityMap[K] | undefined;
  all<K extends EntityKind>(kind: K): readonly EntityMap[K][];
  /** Records of a kind that belong to an account (indexed). */
  byAccount<K extends EntityKind>(kind: K, accountId: string): readonly EntityMap[K][];
  pipelines(): readonly Pipeline[];
  pipeline(id: string): Pipeline | undefined;
  /** Child accounts of a parent (one level). */
  children(accountId: string): readonly EntityMap['accounts'][];
  query<K extends EntityKind>(kind: K, q?: Query<K>): QueryResult<EntityMap[K]>;
  /** Every change; returns an unsubscribe function. */
  subscribe(listener: (e: ChangeEvent) => void): () => void;
  /** Progress of loading / syncing, for a status element. */
  onProgress(listener: (p: SyncProgress) => void): () => void;
  /** Write lifecycle (pending → confirmed / conflict / rolled_back). */
  onWrite(listener: (e: WriteEvent) => void): () => void;
}

export interface StoreWriter {
  checkMove(opportunityId: string, toStageId: string, input?: MoveInput): MoveCheck;
  /** Validates, applies optimistically, queues in the outbox. Resolves with the check; refused moves change nothing. */
  moveStage(opportunityId: string, toStageId: string, input?: MoveInput): Promise<MoveCheck & { entry?: OutboxEntry }>;
  update<K extends EntityKind>(kind: K, id: string, patch: Partial<EntityMap[K]>): Promise<OutboxEntry>;
  create<K extends EntityKind>(kind: K, data: EntityMap[K]): Promise<OutboxEntry>;
}

export type { Opportunity };

/** Where Store writes go after their optimistic apply: the sync engine implements it. */
export interface WriteSink {
  /** Takes a write (and the record before it, for rollback); resolves with its outbox entry. */
  enqueue(op: WriteOp, before: unknown): Promise<OutboxEntry>;
}
