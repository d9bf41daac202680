// Parsing records at the boundary: every failure names the entity, its id and the field path,
// and a batch keeps its good records while returning the rejected ones with their reasons.
import * as z from 'zod/mini';
import { entitySchemas, Pipeline, type EntityKind, type EntityMap } from './schemas.js';
import { KamValidationError, type FieldIssue } from '../errors.js';
import { typeName, wrongType } from './type-name.js';

type Issue = z.core.$ZodIssue;

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function describe(issue: Issue, raw: unknown): string {
  // zod/mini ships no message locale, so each code is worded here.
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  const i = { ...issue, input: valueAt(raw, issue.path) } as Issue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(i.expected as string, i.input);
    case 'invalid_value':
      return `must be one of ${(i.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(i.input)}`;
    case 'too_small':
      return i.origin === 'string' ? `must have at least ${i.minimum} character(s)` : i.origin === 'array' ? `must have at least ${i.minimum} item(s)` : `must be ≥ ${i.minimum}`;
    case 'too_big':
      return i.origin === 'string' ? `must have at most ${i.maximum} character(s)` : `must be ≤ ${i.maximum}`;
    case 'invalid_format':
      return `is not a valid ${i.format}`;
    case 'unrecognized_keys':
      return `has unknown keys ${(i.keys as string[]).join(', ')}`;
    default:
      return 'is invalid';
  }
}

export function issuesOf(entity: string, raw: unknown, error: { issues: Issue[] }): FieldIssue[] {
  const id = recordId(raw);
  return error.issues.map((iss) => ({ entity, id, path: iss.path.map(String).join('.'), message: describe(iss, raw) }));
}

export function recordId(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const v = (raw as { id: unknown }).id;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
  }
  return undefined;
}

/**
 * What parsing a kind gives: an indexed type rather than a conditional one, so that code generic
 * over `K extends EntityKind` (a DataSource's `list<K>`) gets `EntityMap[K]` without a cast.
 */
export type ParsedRecord = EntityMap & { pipelines: Pipeline };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

function schemaFor(kind: EntityKind | 'pipelines'): z.ZodMiniType {
  return (kind === 'pipelines' ? Pipeline : entitySchemas[kind]) as unknown as z.ZodMiniType;
}

/** Parses one record; never throws. */
export function parseEntity<K extends EntityKind | 'pipelines'>(kind: K, raw: unknown): ParseResult<ParsedRecord[K]> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [{ entity: kind, path: '', message: `must be an object, got ${typeName(raw)}` }] };
  }
  const r = schemaFor(kind).safeParse(raw);
  if (r.success) return { ok: true, value: r.data as never };
  return { ok: false, issues: issuesOf(kind, raw, r.error as unknown as { issues: Issue[] }) };
}

/** Parses one record or throws a KamValidationError naming entity, id and path. */
export function assertEntity<K extends EntityKind | 'pipelines'>(kind: K, raw: unknown): ParsedRecord[K] {
  const r = parseEntity(kind, raw);
  if (!r.ok) throw new KamValidationError(r.issues);
  return r.value;
}

/** A record a batch refused, with why. `raw` is kept so nothing is lost. */
export interface Rejected {
  entity: EntityKind | 'pipelines';
  id?: string;
  raw: unknown;
  issues: FieldIssue[];
}

export interface BatchResult<T> {
  valid: T[];
  rejected: Rejected[];
}

/** Parses a batch: the good records load, the bad ones come back with their reasons. */
export function parseBatch<K extends EntityKind | 'pipelines'>(kind: K, raws: readonly unknown[]): BatchResult<ParsedRecord[K]> {
  const valid: never[] = [];
  const rejected: Rejected[] = [];
  for (const raw of raws) {
    const r = parseEntity(kind, raw);
    if (r.ok) valid.push(r.value as never);
    else rejected.push({ entity: kind, id: recordId(raw), raw, issues: r.issues });
  }
  return { valid, rejected };
}
