// The sample book behind the chart, KPI and dashboard stories, built once per size and shared:
// those elements only read the store, and switching between their stories (in Storybook's UI or
// the smoke test) would otherwise regenerate and re-index the same book every time.
import { Store } from '@kamkit/core';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';

export const SAMPLE_NOW = '2026-11-23T00:00:00Z';
const stores = new Map<number, Store>();

/** A read-only Store over the seed-5 sample book of `accounts` accounts (FX table, fixed clock). */
export function sampleStore(accounts = 60): Store {
  let store = stores.get(accounts);
  if (!store) {
    store = Store.fromBook(generateSampleBook({ seed: 5, accounts, now: SAMPLE_NOW }), { fx: sampleFxTable, now: () => new Date(SAMPLE_NOW) });
    stores.set(accounts, store);
  }
  return store;
}
