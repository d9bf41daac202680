// Typed errors every layer throws. Messages name what was wrong and where, in words a developer
// can act on; none ever carries a credential.

export type KamErrorCode =
  | 'validation' | 'conflict' | 'not_found' | 'stage_move_refused' | 'fx_missing'
  | 'data_source' | 'network' | 'timeout' | 'rate_limited' | 'auth' | 'aborted' | 'invalid_model';

export class KamError extends Error {
  readonly code: KamErrorCode;
  constructor(code: KamErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KamError';
    this.code = code;
  }
}

/** One problem in one field of one record. `path` is the zod path inside the record. */
export interface FieldIssue {
  /** Entity kind, e.g. `opportunities`. */
  entity: string;
  /** Record id when the record has one. */
  id?: string;
  /** Path inside the record, e.g. `amount.currency` or `stages.2.probability`. */
  path: string;
  message: string;
}

export function formatIssue(i: FieldIssue): string {
  return `${i.entity}${i.id ? ` ${i.id}` : ''}: ${i.path || '(record)'} ${i.message}`;
}

export class KamValidationError extends KamError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[], lead?: string) {
    const head = issues.slice(0, 5).map(formatIssue).join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super('validation', `${lead ? lead + ': ' : ''}${head}${more}`);
    this.name = 'KamValidationError';
    this.issues = issues;
  }
}

/** A write found the record changed underneath it. Both versions travel with the error. */
export class KamConflictError extends KamError {
  readonly entity: string;
  readonly id: string;
  /** The server's current version, when the backend returned it. */
  readonly current?: unknown;
  /** What this write tried to apply. */
  readonly attempted?: unknown;
  constructor(entity: string, id: string, opts: { current?: unknown; attempted?: unknown; detail?: string; cause?: unknown } = {}) {
    super('conflict', `${entity} ${id} changed on the server since it was loaded${opts.detail ? ` (${opts.detail})` : ''}; reload it and apply the change again`, { cause: opts.cause });
    this.name = 'KamConflictError';
    this.entity = entity;
    this.id = id;
    this.current = opts.current;
    this.attempted = opts.attempted;
  }
}

export class KamNotFoundError extends KamError {
  readonly entity: string;
  readonly id: string;
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} does not exist`);
    this.name = 'KamNotFoundError';
    this.entity = entity;
    this.id = id;
  }
}
