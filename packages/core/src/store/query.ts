// Query evaluation: field paths, conditions, text search, sort and grouping. Pure functions over
// records; the Store adds index selection on top (store.ts).
import type { EntityKind } from '../model/schemas.js';
import type { FieldCondition, Query, QueryResult } from './types.js';
import { foldText, matchesTerms, searchTerms } from '../model/normalize.js';

const pathCache = new Map<string, string[]>();

/** Reads a dotted field path (`amount.currency`, `custom.budget`, `nextStep.text`). */
export function getPath(record: unknown, path: string): unknown {
  let parts = pathCache.get(path);
  if (!parts) {
    parts = path.split('.');
    pathCache.set(path, parts);
  }
  let v: unknown = record;
  for (const p of parts) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** A money-like `{ amount, currency }` compares and ranges by its amount. */
function scalar(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { amount?: unknown }).amount === 'number') {
    return (v as { amount: number }).amount;
  }
  return v;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function equals(v: unknown, want: string | number | boolean | null): boolean {
  if (want === null) return v === undefined || v === null;
  if (Array.isArray(v)) return v.includes(want); // tags: ['strategic'] matches 'strategic'
  return scalar(v) === want;
}

type RangeCond = Exclude<FieldCondition, string | number | boolean | null | ReadonlyArray<unknown>>;

function compareForRange(v: unknown, bound: number | string): number | undefined {
  const s = scalar(v);
  if (typeof s === 'number' && typeof bound === 'number') return s - bound;
  if (typeof s === 'string' && typeof bound === 'string') return s < bound ? -1 : s > bound ? 1 : 0;
  if (typeof s === 'number' && typeof bound === 'string' && bound.trim() !== '' && !Number.isNaN(Number(bound))) return s - Number(bound);
  return undefined; // incomparable: the condition fails
}

/** Does one value satisfy one condition? */
export function matchCondition(value: unknown, cond: FieldCondition | undefined): boolean {
  if (cond === undefined) return true;
  if (cond === null || typeof cond !== 'object') return equals(value, cond);
  if (Array.isArray(cond)) {
    for (const c of cond) if (equals(value, c)) return true;
    return false;
  }
  const r = cond as RangeCond;
  if (r.exists !== undefined && r.exists === isEmpty(value)) return false;
  if (r.contains !== undefined) {
    const needle = foldText(r.contains);
    if (Array.isArray(value)) {
      if (!value.some((x) => typeof x === 'string' && foldText(x).includes(needle))) return false;
    } else if (typeof value !== 'string' || !foldText(value).includes(needle)) return false;
  }
  if (r.gte !== undefined) { const c = compareForRange(value, r.gte); if (c === undefined || c < 0) return false; }
  if (r.gt !== undefined) { const c = compareForRange(value, r.gt); if (c === undefined || c <= 0) return false; }
  if (r.lte !== undefined) { const c = compareForRange(value, r.lte); if (c === undefined || c > 0) return false; }
  if (r.lt !== undefined) { const c = compareForRange(value, r.lt); if (c === undefined || c >= 0) return false; }
  return true;
}

/** The fields `search` looks in, per entity kind. */
export const searchFields: Record<EntityKind, readonly string[]> = {
  accounts: ['name', 'domain', 'taxId', 'tags', 'website'],
  contacts: ['name', 'title', 'email'],
  teamMembers: ['name', 'role'],
  users: ['name', 'email', 'team'],
  opportunities: ['name', 'nextStep.text'],
  activities: ['subject', 'notes'],
  contracts: ['name'],
  orders: ['id'],
  invoices: ['id'],
  tickets: ['subject'],
  surveys: ['kind'],
};

const foldCache = new WeakMap<object, string>();

function searchText(kind: EntityKind, record: object): string {
  let s = foldCache.get(record);
  if (s === undefined) {
    const parts: string[] = [];
    for (const f of searchFields[kind]) {
      const v = getPath(record, f);
      if (typeof v === 'string') parts.push(v);
      else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') parts.push(x);
    }
    s = foldText(parts.join(' \u0000 '));
    foldCache.set(record, s);
  }
  return s;
}

/** Builds the per-record test for a query's `where`, `search` and `filter`. */
export function compilePredicate<T extends object>(kind: EntityKind, q: Query): (r: T) => boolean {
  const conds = Object.entries(q.where ?? {}).filter(([, c]) => c !== undefined) as Array<[string, FieldCondition]>;
  const terms = q.search ? searchTerms(q.search) : [];
  const filter = q.filter as ((r: T) => boolean) | undefined;
  return (r: T) => {
    for (const [path, c] of conds) if (!matchCondition(getPath(r, path), c)) return false;
    if (terms.length > 0 && !matchesTerms(searchText(kind, r), terms)) return false;
    return filter ? filter(r) : true;
  };
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });

/** Total order for sorting: numbers and money by value, text by collation; missing values last. */
export function compareValues(a: unknown, b: unknown): number {
  const x = scalar(a);
  const y = scalar(b);
  const xe = x === undefined || x === null;
  const ye = y === undefined || y === null;
  if (xe || ye) return xe === ye ? 0 : xe ? 1 : -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const xs = String(x);
  const ys = String(y);
  // ISO dates and ids compare faster (and exactly) by code unit.
  if (/^\d{4}-\d\d-\d\d/.test(xs) && /^\d{4}-\d\d-\d\d/.test(ys)) return xs < ys ? -1 : xs > ys ? 1 : 0;
  // zh collation orders Han by pinyin but puts it before Latin; lists read better Latin first.
  const xh = HAN.test(xs);
  if (xh !== HAN.test(ys)) return xh ? 1 : -1;
  return collator.compare(xs, ys);
}

const HAN = /^\p{Script=Han}/u;

/** Stable multi-key sort in place (Array.prototype.sort is stable since ES2019). */
export function sortRecords<T>(items: T[], sort: Query['sort']): T[] {
  if (!sort || sort.length === 0) return items;
  const keys = sort.map((s) => ({ field: s.field, sign: s.dir === 'desc' ? -1 : 1 }));
  return items.sort((a, b) => {
    for (const k of keys) {
      const va = getPath(a, k.field);
      const vb = getPath(b, k.field);
      // Missing values stay last in either direction.
      const ae = va === undefined || va === null;
      const be = vb === undefined || vb === null;
      if (ae || be) {
        if (ae !== be) return ae ? 1 : -1;
        continue;
      }
      const c = compareValues(va, vb);
      if (c !== 0) return c * k.sign;
    }
    return 0;
  });
}

/** Sorts, groups and pages already-filtered matches. */
export function finishQuery<T>(matches: T[], q: Query): QueryResult<T> {
  sortRecords(matches, q.sort);
  const total = matches.length;
  const offset = Math.max(0, q.offset ?? 0);
  const end = q.limit === undefined ? undefined : offset + Math.max(0, q.limit);
  const items = offset === 0 && end === undefined ? matches : matches.slice(offset, end);
  const result: QueryResult<T> = { items, total };
  if (q.groupBy) {
    const groups = new Map<string, T[]>();
    for (const r of matches) {
      const v = scalar(getPath(r, q.groupBy));
      const keys = Array.isArray(v) ? (v.length ? v.map(String) : ['']) : [v === undefined || v === null ? '' : String(v)];
      for (const key of keys) {
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        g.push(r);
      }
    }
    result.groups = [...groups.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : compareValues(a, b)))
      .map(([key, its]) => ({ key, count: its.length, items: its }));
  }
  return result;
}
