// A slice of the book as a BookSource: what the portfolio charts, the dashboard and the KPI tile
// read when the user narrows the book by region, industry, owner or accounts. A module without
// the chart base class, so that the KPI tile can use it alone.
import type { BookSource, Slice } from '@kamkit/core/analytics';
import type { KamStore } from '../context.js';

/** A BookSource limited to the accounts a slice keeps (region, industry, owner, account ids) and their records. */
export function accountSlice(store: BookSource & { all: KamStore['all'] }, slice: Slice | undefined): BookSource {
  if (!slice || !(slice.regions?.length || slice.industries?.length || slice.owners?.length || slice.accounts?.length)) return store;
  const keep = new Set<string>();
  for (const a of store.all('accounts')) {
    if (slice.regions?.length && !slice.regions.includes(a.region ?? '')) continue;
    if (slice.industries?.length && !slice.industries.includes(a.industry ?? '')) continue;
    if (slice.owners?.length && !slice.owners.includes(a.ownerId ?? '')) continue;
    if (slice.accounts?.length && !slice.accounts.includes(a.id)) continue;
    keep.add(a.id);
  }
  const cache = new Map<string, readonly unknown[]>();
  return {
    all: ((kind: string) => {
      let r = cache.get(kind);
      if (!r) {
        const rows = store.all(kind as never) as ReadonlyArray<{ id: string; accountId?: string }>;
        r = kind === 'accounts' ? rows.filter((x) => keep.has(x.id)) : rows.filter((x) => x.accountId === undefined || keep.has(x.accountId));
        cache.set(kind, r);
      }
      return r;
    }) as BookSource['all'],
    byAccount: ((kind: string, id: string) => (keep.has(id) ? store.byAccount(kind as never, id) : [])) as BookSource['byAccount'],
    pipelines: () => store.pipelines(),
  };
}
