// Health scores for elements: one scored book per store, recomputed lazily after the store
// changes, so a list of 100,000 accounts and every badge on the page share one computation.
import type { ChangeEvent } from '@kamkit/core';
import { defaultHealthModel, scoreBook, type HealthModel, type HealthOverride, type HealthResult } from '@kamkit/core/health';
import type { KamStore } from './context.js';
import { toError } from './errors.js';

/** What a badge needs of a health result; the core's HealthResult satisfies it. */
export interface HealthLike {
  score: number;
  /** A band name (`red`), or the core's band reference (its `tone` picks the colour). */
  band?: string | { id: string; label: string; tone: string };
  /** The core's applied override, when one is in force. */
  override?: { applied?: boolean } | null;
  noData?: boolean;
}

/** Default bands (red < 50 ≤ yellow < 75 ≤ green), used when a result carries no band. */
export function bandForScore(score: number): 'red' | 'yellow' | 'green' {
  return score < 50 ? 'red' : score < 75 ? 'yellow' : 'green';
}

/** The colour tone of a result's band: `red`, `yellow`, `green`, `blue`, or `none` without a score. */
export function toneOf(h: HealthLike | undefined): string {
  if (!h || typeof h.score !== 'number' || !Number.isFinite(h.score)) return 'none';
  if (typeof h.band === 'string' && h.band) return h.band;
  if (h.band && typeof h.band === 'object' && h.band.tone) return h.band.tone;
  return bandForScore(h.score);
}

export function isOverridden(h: HealthLike | undefined): boolean {
  return !!h?.override && h.override.applied !== false;
}

export type AccountHealth =
  | { state: 'ok'; result: HealthLike }
  | { state: 'no-store' }
  | { state: 'loading' }
  | { state: 'missing-id' }
  | { state: 'unknown-id'; id: string }
  | { state: 'error'; error: Error };

interface Cache {
  version: number;
  scoredAt: number;
  /** Accounts scored one at a time (a badge or two on a page). */
  results: Map<string, HealthResult>;
  /** Every account scored, once per store version (lists, filters by band, sort by health). */
  book?: ReadonlyMap<string, HealthResult>;
}
const caches = new WeakMap<KamStore, Cache>();
const overridesByStore = new WeakMap<KamStore, readonly HealthOverride[]>();

/**
 * Overrides applied wherever health is scored from `store` (badges, lists, explainers).
 * The provider sets them from its `healthOverrides`; scores computed before are dropped.
 */
export function setHealthOverrides(store: KamStore, overrides: readonly HealthOverride[] | undefined): void {
  if ((overridesByStore.get(store) ?? []) === (overrides ?? [])) return;
  if (overrides?.length) overridesByStore.set(store, overrides);
  else overridesByStore.delete(store);
  const c = caches.get(store);
  if (c) c.version++;
}

/** The overrides set for `store`, if any. */
export function healthOverridesFor(store: KamStore): readonly HealthOverride[] | undefined {
  return overridesByStore.get(store);
}

// Users and pipelines feed no health signal.
const irrelevant = new Set<ChangeEvent['kind']>(['users', 'pipelines']);

function cacheFor(store: KamStore): Cache {
  let c = caches.get(store);
  if (!c) {
    const cache: Cache = { version: 0, scoredAt: 0, results: new Map() };
    store.subscribe((e) => { if (!irrelevant.has(e.kind)) cache.version++; });
    caches.set(store, cache);
    c = cache;
  }
  if (c.scoredAt !== c.version) {
    c.results = new Map();
    c.book = undefined;
    c.scoredAt = c.version;
  }
  return c;
}

/** The health model elements score with. */
export function healthModelFor(_store: KamStore): HealthModel {
  return defaultHealthModel;
}

function score(store: KamStore, accountIds?: readonly string[]): Map<string, HealthResult> {
  return scoreBook(store, healthModelFor(store), {
    now: store.now(), currency: store.reportingCurrency, fx: store.fx, accountIds, skipNextBand: true,
    overrides: overridesByStore.get(store),
  }).results;
}

/**
 * Health of every account in a ready store, by account id, computed once per store version.
 * Returns an empty map when the store is not ready or scoring fails (callers show "no score").
 */
export function bookHealth(store: KamStore): ReadonlyMap<string, HealthResult> {
  if (store.status !== 'ready') return new Map();
  const cache = cacheFor(store);
  if (!cache.book) {
    try { cache.book = score(store); } catch { cache.book = new Map(); }
  }
  return cache.book;
}

/** The book's scores if they are already computed for the store's current version, else undefined. */
export function peekBookHealth(store: KamStore): ReadonlyMap<string, HealthResult> | undefined {
  if (store.status !== 'ready') return undefined;
  return cacheFor(store).book;
}

/** The health of one account in a store, or why there is none. Never throws. */
export function accountHealth(store: KamStore | undefined, accountId: string | undefined | null): AccountHealth {
  if (!store) return { state: 'no-store' };
  if (store.status === 'loading' || store.status === 'empty') return { state: 'loading' };
  if (store.status === 'error') return { state: 'error', error: store.error ?? new Error('the store failed to load') };
  if (accountId === undefined || accountId === null || accountId === '') return { state: 'missing-id' };
  if (!store.get('accounts', accountId)) return { state: 'unknown-id', id: accountId };
  try {
    const cache = cacheFor(store);
    let r = cache.book?.get(accountId) ?? cache.results.get(accountId);
    if (!r) {
      r = score(store, [accountId]).get(accountId);
      if (!r) throw new Error(`account ${accountId} could not be scored`);
      cache.results.set(accountId, r);
    }
    return { state: 'ok', result: r };
  } catch (err) {
    return { state: 'error', error: toError(err) };
  }
}
