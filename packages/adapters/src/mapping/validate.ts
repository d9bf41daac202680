// Mapping vendor records into the model and validating them in one pass: the good ones load,
// the bad ones come back as Rejected with their reasons and the vendor's raw record (so nothing
// is lost and a support engineer can see what the backend actually sent).
import { parseEntity, recordId, type EntityKind, type EntityMap, type Rejected } from '@kamkit/core';
import { fastParser } from './fast-validate.js';

export interface MappedBatch<T> {
  items: T[];
  rejected: Rejected[];
}

/** Maps each vendor record with `map` and validates the result; never throws. */
export function mapAndValidate<K extends EntityKind>(
  kind: K,
  raws: readonly unknown[],
  map: (raw: Record<string, unknown>) => unknown,
  rawId: (raw: Record<string, unknown>) => string | undefined = (r) => recordId(r) ?? str(r.Id) ?? str(r.ID),
): MappedBatch<EntityMap[K]> {
  const items: EntityMap[K][] = [];
  const rejected: Rejected[] = [];
  const fast = fastParser(kind);
  for (const raw of raws) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      rejected.push({ entity: kind, raw, issues: [{ entity: kind, path: '', message: 'is not an object' }] });
      continue;
    }
    const rec = raw as Record<string, unknown>;
    let mapped: unknown;
    try {
      mapped = map(rec);
    } catch (e) {
      const id = rawId(rec);
      rejected.push({ entity: kind, id, raw, issues: [{ entity: kind, id, path: '', message: `could not be mapped: ${(e as Error).message}` }] });
      continue;
    }
    const quick = fast?.(mapped);
    if (quick) {
      items.push(quick.value as EntityMap[K]);
      continue;
    }
    const r = parseEntity(kind, mapped);
    if (r.ok) items.push(r.value as EntityMap[K]);
    else rejected.push({ entity: kind, id: recordId(mapped) ?? rawId(rec), raw, issues: r.issues });
  }
  return { items, rejected };
}

/** `null` (how vendors say "empty") → `undefined` (how the model says it). */
export function opt<T>(v: T | null | undefined): T | undefined {
  return v === null ? undefined : v;
}

/** A non-empty string or undefined. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Drops keys whose value is undefined (keeps records small and comparisons exact). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
