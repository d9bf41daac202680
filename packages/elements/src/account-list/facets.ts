// <kam-account-list>'s filter options and their counts: what the toolbar's selects list.
import type { Account } from '@kamkit/core';
import { toneOf, type HealthLike } from '../shared/health.js';
import type { Locale } from '../shared/i18n.js';
import { builtInLabel } from './strings.js';
import type { AccountFilters } from './kam-account-list.js';

export type Facets = Record<keyof AccountFilters, Array<{ value: string; label: string; count: number }>>;

const bandOrder = ['red', 'yellow', 'blue', 'green', 'none'];

/** Each dimension's values in the accounts, with how many accounts have each, sorted for a reader. */
export function countFacets(accounts: readonly Account[], health: ReadonlyMap<string, HealthLike> | undefined, locale: Locale,
  ownerName: (id: string) => string | undefined, dims: ReadonlyArray<keyof AccountFilters>): Facets {
  const counts: Record<keyof AccountFilters, Map<string, number>> = {
    region: new Map(), industry: new Map(), tier: new Map(), owner: new Map(), band: new Map(),
  };
  const bump = (m: Map<string, number>, v: string | undefined) => { if (v) m.set(v, (m.get(v) ?? 0) + 1); };
  for (const a of accounts) {
    bump(counts.region, a.region);
    bump(counts.industry, a.industry);
    bump(counts.tier, a.tier);
    bump(counts.owner, a.ownerId);
    if (health) bump(counts.band, toneOf(health.get(a.id)));
  }
  const collator = new Intl.Collator(locale, { numeric: true });
  const options = {} as Facets;
  for (const dim of dims) {
    const list = [...counts[dim]].map(([value, count]) => ({
      value, count,
      label: dim === 'owner' ? ownerName(value) ?? value
        : dim === 'band' ? builtInLabel(locale, 'band_', value) : value,
    }));
    if (dim === 'band') list.sort((x, y) => bandOrder.indexOf(x.value) - bandOrder.indexOf(y.value));
    else list.sort((x, y) => collator.compare(x.label, y.label));
    options[dim] = list;
  }
  return options;
}
