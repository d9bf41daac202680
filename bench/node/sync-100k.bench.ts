// sync-100k: load 100,000 accounts from the Salesforce fake into the Store through the
// salesforce adapter (SOQL paging over nextRecordsUrl, the HTTP layer, field mapping, zod
// validation, Store indexing), against fetching the very same pages raw with fetch + JSON and
// no mapping or validation. Goal: ratio ≤ 1.5. The fake runs in this process, so both sides
// pay for serving the pages.
import { Store, listAll } from '@kamkit/core';
import { SyncEngine } from '@kamkit/core/sync';
import { defineWorkload } from '../types.js';
import { conformanceBook } from '../../packages/adapters/src/conformance/dataset.js';
import { createSalesforceSource } from '../../packages/adapters/src/salesforce/adapter.js';
import { soqlFields } from '../../packages/adapters/src/salesforce/mapping.js';
import { startSalesforceFake, type SalesforceFake } from '../../packages/adapters/src/fakes/salesforce/server.js';

const N = 100_000;
const BATCH = 2000;

interface Ctx {
  fake: SalesforceFake;
  token: string;
  engineMeasured?: boolean;
}

function source(ctx: Ctx) {
  return createSalesforceSource({ instanceUrl: ctx.fake.url, accessToken: ctx.token, currency: 'CNY', pageSize: BATCH });
}

async function rawFetch(ctx: Ctx): Promise<number> {
  const fields = soqlFields('accounts', { fields: {}, currency: 'CNY', pipelineId: 'salesforce' })[0].fields;
  const headers = { authorization: `Bearer ${ctx.token}`, 'sforce-query-options': `batchSize=${BATCH}`, accept: 'application/json' };
  let url: string | undefined = `${ctx.fake.url}/services/data/v62.0/query?q=${encodeURIComponent(`SELECT ${fields.join(', ')} FROM Account`)}`;
  const records: unknown[] = [];
  while (url) {
    const res = await fetch(url, { headers });
    const body = (await res.json()) as { records: unknown[]; nextRecordsUrl?: string };
    for (const r of body.records) records.push(r);
    url = body.nextRecordsUrl ? `${ctx.fake.url}${body.nextRecordsUrl}` : undefined;
  }
  return records.length;
}

export default defineWorkload<Ctx>({
  name: 'sync-100k',
  unit: 'ms',
  baselineLabel: 'the same Salesforce pages fetched raw (fetch + JSON, no mapping, no validation)',
  goal: 1.5,
  runs: 3,
  async setup() {
    const book = conformanceBook({ accounts: N, contacts: 0, opportunities: 0, activities: 0, contracts: 0 });
    const fake = await startSalesforceFake({ book, dailyApiLimit: 10_000_000 });
    const ctx = { fake, token: fake.issueToken() };
    // Warm up both paths (JIT, sockets): every page raw, and 10 pages (20,000 records) through the
    // adapter's mapping and validation, which JIT-compiles them as a full load would.
    await rawFetch(ctx);
    let pages = 0;
    for await (const _ of listAll(source(ctx), 'accounts', { limit: BATCH })) if (++pages === 10) break;
    return ctx;
  },
  async measure(ctx) {
    const t0 = performance.now();
    const raw = await rawFetch(ctx);
    const baseline = performance.now() - t0;

    const store = new Store({ source: source(ctx), pageSize: BATCH });
    const t1 = performance.now();
    const report = await store.load();
    const value = performance.now() - t1;

    if (raw !== N || store.all('accounts').length !== N) {
      throw new Error(`sync-100k: expected ${N} accounts, got raw ${raw}, store ${store.all('accounts').length} (rejected ${report.rejected.length})`);
    }
    // The same 100k through SyncEngine.syncChanges (no stamps yet, so every record), once per
    // bench run: it is printed for reference and would double the workload's time if repeated.
    let extra: Record<string, number> = { accounts: N };
    if (!ctx.engineMeasured) {
      ctx.engineMeasured = true;
      const synced = new Store();
      const engine = new SyncEngine({ store: synced, source: source(ctx), pageSize: BATCH });
      const t2 = performance.now();
      await engine.syncChanges({ kinds: ['accounts'] });
      const engineMs = performance.now() - t2;
      if (synced.all('accounts').length !== N) throw new Error(`sync-100k: SyncEngine.syncChanges left ${synced.all('accounts').length} of ${N} accounts`);
      extra = { ...extra, 'SyncEngine.syncChanges from no stamps, once, ms': Math.round(engineMs) };
    }
    return { value, baseline, extra };
  },
  async teardown(ctx) {
    await ctx.fake.close();
  },
});
