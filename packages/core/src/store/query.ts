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

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true });
const HAN = /^\p{Script=Han}/u;
const ISO_DATE = /^\d{4}-\d\d-\d\d/;

/** Text order: Latin before Han (zh collation alone puts Han first), Han by pinyin, numbers numerically. */
function compareText(xs: string, ys: string, xh = HAN.test(xs), yh = HAN.test(ys)): number {
  if (xh !== yh) return xh ? 1 : -1;
  return collator.compare(xs, ys);
}

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
  // ISO dates compare exactly (and fast) by code unit.
  if (ISO_DATE.test(xs) && ISO_DATE.test(ys)) return xs < ys ? -1 : xs > ys ? 1 : 0;
  return compareText(xs, ys);
}

/** How one sort key's values compare, decided once per sort instead of once per comparison. */
type KeyType = 'number' | 'code' | 'text' | 'mixed';

function keyTypeOf(values: unknown[]): KeyType {
  let t: KeyType | undefined;
  for (const v of values) {
    if (v === undefined || v === null) continue;
    const k: KeyType = typeof v === 'number' ? 'number' : typeof v === 'string' ? (ISO_DATE.test(v) ? 'code' : 'text') : 'mixed';
    if (t === undefined) t = k;
    else if (t !== k) {
      if ((t === 'code' || t === 'text') && (k === 'code' || k === 'text')) t = 'text';
      else return 'mixed';
    }
  }
  return t ?? 'number';
}

export interface SortOptions {
  /** Only the first `keep` results are needed (offset + limit): a partial sort suffices. */
  keep?: number;
  /** Precomputed text ranks for a field (the Store caches them for large collections). */
  rank?: (field: string) => ((record: object) => number) | undefined;
}

/**
 * Stable multi-key sort in place. Each key is read once per record (not once per comparison),
 * its comparison chosen once by value type; when only the first `keep` are wanted, a bounded
 * heap selects them in O(n log keep).
 */
export function sortRecords<T>(items: T[], sort: Query['sort'], opts: SortOptions = {}): T[] {
  if (!sort || sort.length === 0 || items.length < 2) return items;
  const n = items.length;
  const keys = sort.map((s) => {
    const values: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = scalar(getPath(items[i], s.field));
      values[i] = typeof v === 'boolean' ? Number(v) : v;
    }
    let type = keyTypeOf(values);
    let han: boolean[] | undefined;
    if (type === 'text') {
      const ranker = n >= 2000 ? opts.rank?.(s.field) : undefined;
      if (ranker) {
        for (let i = 0; i < n; i++) if (values[i] !== undefined && values[i] !== null) values[i] = ranker(items[i] as object);
        type = 'number';
      } else {
        han = values.map((v) => typeof v === 'string' && HAN.test(v));
      }
    }
    return { values, type, han, sign: s.dir === 'desc' ? -1 : 1 };
  });
  const cmp = (i: number, j: number): number => {
    for (const k of keys) {
      const a = k.values[i];
      const b = k.values[j];
      const ae = a === undefined || a === null;
      const be = b === undefined || b === null;
      if (ae || be) {
        if (ae !== be) return ae ? 1 : -1; // missing values last in either direction
        continue;
      }
      let c: number;
      if (k.type === 'number') c = (a as number) - (b as number);
      else if (k.type === 'code') c = (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
      else if (k.type === 'text') c = compareText(a as string, b as string, k.han![i], k.han![j]);
      else c = compareValues(a, b);
      if (c !== 0) return c * k.sign;
    }
    return i - j; // stable
  };
  let order: number[];
  const keep = opts.keep;
  if (keep !== undefined && keep < n / 4) {
    order = selectTop(n, Math.max(0, keep), cmp);
  } else {
    order = Array.from({ length: n }, (_, i) => i);
    order.sort(cmp);
  }
  const copy = items.slice();
  for (let i = 0; i < order.length; i++) items[i] = copy[order[i]];
  if (order.length < n) items.length = order.length;
  return items;
}

/** The `keep` smallest indices under `cmp`, sorted: a bounded max-heap. */
function selectTop(n: number, keep: number, cmp: (i: number, j: number) => number): number[] {
  if (keep === 0) return [];
  const heap: number[] = [];
  const up = (k: number) => {
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (cmp(heap[k], heap[p]) <= 0) break;
      [heap[k], heap[p]] = [heap[p], heap[k]];
      k = p;
    }
  };
  const down = (k: number) => {
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < heap.length && cmp(heap[l], heap[m]) > 0) m = l;
      if (r < heap.length && cmp(heap[r], heap[m]) > 0) m = r;
      if (m === k) return;
      [heap[k], heap[m]] = [heap[m], heap[k]];
      k = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < keep) {
      heap.push(i);
      up(heap.length - 1);
    } else if (cmp(i, heap[0]) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(cmp);
}

/** Ranks of every record's text value under the sort order (equal values share a rank). */
export function textRanks(records: readonly object[], field: string): Map<object, number> {
  // Collate each distinct value once (tiers, regions, owners repeat a lot).
  const byValue = new Map<string, object[]>();
  for (const r of records) {
    const v = scalar(getPath(r, field));
    if (v === undefined || v === null) continue;
    const key = String(v);
    const list = byValue.get(key);
    if (list) list.push(r);
    else byValue.set(key, [r]);
  }
  const distinct = [...byValue.keys()].map((v) => ({ v, h: HAN.test(v) }));
  distinct.sort((a, b) => compareText(a.v, b.v, a.h, b.h));
  const ranks = new Map<object, number>();
  let rank = 0;
  for (let i = 0; i < distinct.length; i++) {
    // Values the collation calls equal (e.g. width variants) share a rank, so ties stay stable.
    if (i > 0 && compareText(distinct[i - 1].v, distinct[i].v, distinct[i - 1].h, distinct[i].h) !== 0) rank = i;
    for (const r of byValue.get(distinct[i].v)!) ranks.set(r, rank);
  }
  return ranks;
}

/** Sorts, groups and pages already-filtered matches. */
export function finishQuery<T>(matches: T[], q: Query, opts: Pick<SortOptions, 'rank'> = {}): QueryResult<T> {
  const total = matches.length;
  // Groups need every match in order; a page alone needs only its first offset + limit.
  const keep = q.limit !== undefined && !q.groupBy ? Math.max(0, q.offset ?? 0) + Math.max(0, q.limit) : undefined;
  sortRecords(matches, q.sort, { ...opts, keep });
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
