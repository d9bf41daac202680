// What every analytics function reads: a Store (StoreReader satisfies BookSource) or plain
// arrays. `bookSource` indexes arrays once so per-account look-ups stay O(1).
import type { Book, EntityKind, EntityMap, Pipeline } from '../model/schemas.js';

/** The read side analytics need. The Store satisfies it; `bookSource` builds one from arrays. */
export interface BookSource {
  all<K extends EntityKind>(kind: K): readonly EntityMap[K][];
  byAccount<K extends EntityKind>(kind: K, accountId: string): readonly EntityMap[K][];
  pipelines(): readonly Pipeline[];
}

/** A BookSource, or a (partial) book of plain arrays. */
export type BookInput = BookSource | Partial<Book>;

const EMPTY: readonly never[] = Object.freeze([]);

/** Indexes a book of plain arrays once (by account, lazily per kind). Missing kinds read as empty. */
export function bookSource(book: Partial<Book>): BookSource {
  const byAcc = new Map<EntityKind, Map<string, unknown[]>>();
  const index = (kind: EntityKind): Map<string, unknown[]> => {
    let m = byAcc.get(kind);
    if (m) return m;
    m = new Map();
    for (const r of (book[kind] ?? []) as Array<{ accountId?: string }>) {
      const key = r.accountId;
      if (key === undefined) continue;
      const list = m.get(key);
      if (list) list.push(r);
      else m.set(key, [r]);
    }
    byAcc.set(kind, m);
    return m;
  };
  return {
    all: <K extends EntityKind>(kind: K) => (book[kind] ?? EMPTY) as readonly EntityMap[K][],
    byAccount: <K extends EntityKind>(kind: K, accountId: string) =>
      (index(kind).get(accountId) ?? EMPTY) as readonly EntityMap[K][],
    pipelines: () => book.pipelines ?? EMPTY,
  };
}

const sources = new WeakMap<object, BookSource>();

/** The BookSource behind an input: itself when it is one, else an (memoised) index of the arrays. */
export function toSource(input: BookInput): BookSource {
  if (typeof (input as BookSource).all === 'function' && typeof (input as BookSource).byAccount === 'function') {
    return input as BookSource;
  }
  let s = sources.get(input);
  if (!s) {
    s = bookSource(input as Partial<Book>);
    sources.set(input, s);
  }
  return s;
}
