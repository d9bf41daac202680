// store-100k-query: 100,000 accounts in the Store, a 3-filter query (region × industry × tier),
// against a plain Array.filter over the same objects. The Store's planner starts from the most
// selective indexed condition and tests the rest, so it should beat the full scan.
import { defineWorkload } from '../types.js';
import { Store } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';

interface Ctx {
  store: Store;
  loadMs: number;
  combos: Array<{ region: string; industry: string; tier: string }>;
}

const REPEAT = 5;

export default defineWorkload<Ctx>({
  name: 'store-100k-query',
  unit: 'ms/query',
  baselineLabel: 'Array.filter over the same 100k accounts',
  runs: 5,
  setup() {
    const book = generateSampleBook({ seed: 1, accounts: 100_000, related: false });
    const regions = ['华东', '华南', 'EMEA', 'Americas'];
    const industries = ['Manufacturing', 'Software', 'Energy'];
    const tiers = ['A', 'B', 'C'];
    const combos = regions.flatMap((region) => industries.flatMap((industry) => tiers.map((tier) => ({ region, industry, tier }))));
    // Indexing is built once (its time is printed as loadMs); queries leave the store unchanged,
    // so every run queries the same store.
    const t0 = performance.now();
    const store = Store.fromBook({ accounts: book.accounts });
    const loadMs = performance.now() - t0;
    return { store, loadMs, combos };
  },
  measure({ store, loadMs, combos }) {

    let storeMatches = 0;
    const s0 = performance.now();
    for (let r = 0; r < REPEAT; r++) for (const where of combos) storeMatches += store.query('accounts', { where }).total;
    const storeMs = (performance.now() - s0) / (REPEAT * combos.length);

    // The baseline filters the very objects the store holds.
    const same = store.all('accounts');
    let baseMatches = 0;
    const b0 = performance.now();
    for (let r = 0; r < REPEAT; r++) {
      for (const { region, industry, tier } of combos) baseMatches += same.filter((a) => a.region === region && a.industry === industry && a.tier === tier).length;
    }
    const baseMs = (performance.now() - b0) / (REPEAT * combos.length);
    if (storeMatches !== baseMatches) throw new Error(`store-100k-query: store found ${storeMatches} matches, Array.filter ${baseMatches}`);
    return {
      value: storeMs,
      baseline: baseMs,
      extra: { loadMs: +loadMs.toFixed(1), accounts: store.count('accounts'), matchesPerQuery: Math.round(storeMatches / (REPEAT * combos.length)) },
    };
  },
});
