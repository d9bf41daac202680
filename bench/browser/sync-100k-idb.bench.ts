// sync-100k-idb: a first sync of 100,000 accounts from the Salesforce fake into IndexedDB, in
// Chromium, on an on-disk profile. Goal: ratio ≤ 1.5.
//   value    the library's own path for a page with offline support: openOfflineStore() on an
//            empty database, with the salesforce adapter as its source. That pages through SOQL
//            (2,000 a batch over nextRecordsUrl) with the HTTP layer, maps and validates every
//            record, indexes the Store, saves the book to the BookCache in IndexedDB and starts
//            the sync engine with its IndexedDB outbox; timed until it resolves, then close().
//   baseline what a careful developer writes by hand for the same result: the same SOQL pages
//            fetched with fetch() (same fields, same batch size, same headers, so the same CORS
//            preflights), JSON-parsed, and each page's records put with idb into an object store
//            in one relaxed-durability transaction per page, issued while the next page is
//            fetched; timed until every transaction has committed, then close().
// Printed beside it, not a baseline: the same fetches with one idb row per page holding the page's
// array (the hand-written form of the library's blob layout).
// Both pay for the network and the fake serving the pages (it runs in the companion,
// sync-100k-idb.node.ts, in the harness's process); the baseline does no mapping, no validation,
// no indexing and keeps vendor-shaped records. Each run starts from deleted databases.
import { defineWorkload } from '../types.js';
import { listAll } from '@kamkit/core';
import { deleteDB, openDB } from 'idb';
import { BookCache, deleteKamDb, openOfflineStore } from '@kamkit/core/persistence';
import { createSalesforceSource } from '../../packages/adapters/src/salesforce/adapter.js';
import { soqlFields } from '../../packages/adapters/src/salesforce/mapping.js';

const BATCH = 2000;
const KAM_DB = 'bench-sync-kam';
const RAW_DB = 'bench-sync-raw';

interface Env { instanceUrl: string; accessToken: string; accounts: number }

let round = 0;

const env = (): Env => (window as unknown as { __BENCH_ENV: Env }).__BENCH_ENV;

function source(e: Env) {
  return createSalesforceSource({ instanceUrl: e.instanceUrl, accessToken: e.accessToken, currency: 'CNY', pageSize: BATCH });
}

async function librarySync(e: Env): Promise<number> {
  const t0 = performance.now();
  const offline = await openOfflineStore({ source: source(e), dbName: KAM_DB, store: { pageSize: BATCH } });
  await offline.close();
  return performance.now() - t0;
}

/**
 * The baseline's time, and when its last page had been fetched and parsed (writes still pending).
 * `rows`: one row per record (the baseline); otherwise one row per page holding the page's array
 * (a variant printed for reference: the hand-written form of the library's blob layout).
 */
async function rawSync(e: Env, rows = true): Promise<{ ms: number; fetchedMs: number }> {
  const t0 = performance.now();
  const fields = soqlFields('accounts', { fields: {}, currency: 'CNY', pipelineId: 'salesforce' })[0].fields;
  const headers = { authorization: `Bearer ${e.accessToken}`, 'sforce-query-options': `batchSize=${BATCH}`, accept: 'application/json' };
  const db = await openRaw();
  let url: string | undefined = `${e.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(`SELECT ${fields.join(', ')} FROM Account`)}`;
  const committed: Promise<void>[] = [];
  let page = 0;
  while (url) {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`sync-100k-idb baseline: ${res.status} from ${url}`);
    const body = (await res.json()) as { records: Array<{ Id: string }>; nextRecordsUrl?: string };
    if (rows) {
      const tx = db.transaction('Account', 'readwrite', { durability: 'relaxed' });
      for (const r of body.records) void tx.store.put(r).catch(() => undefined); // a failure rejects tx.done
      committed.push(tx.done);
    } else {
      const tx = db.transaction('AccountPages', 'readwrite', { durability: 'relaxed' });
      void tx.store.put(body.records, page++).catch(() => undefined);
      committed.push(tx.done);
    }
    url = body.nextRecordsUrl ? `${e.instanceUrl}${body.nextRecordsUrl}` : undefined;
  }
  const fetchedMs = performance.now() - t0;
  await Promise.all(committed);
  db.close();
  return { ms: performance.now() - t0, fetchedMs };
}

function openRaw() {
  return openDB(RAW_DB, 1, { upgrade(d) { d.createObjectStore('Account', { keyPath: 'Id' }); d.createObjectStore('AccountPages'); } });
}

async function fresh(): Promise<void> {
  await deleteKamDb(KAM_DB);
  await deleteDB(RAW_DB);
}

/** Checks, untimed, that both databases hold every account after the run. */
async function landed(e: Env): Promise<void> {
  const cache = await BookCache.open(KAM_DB);
  const cached = await cache.load();
  cache.close();
  const raw = await openRaw();
  const rawCount = await raw.count('Account');
  const pagedCount = ((await raw.getAll('AccountPages')) as unknown[][]).reduce((n, p) => n + p.length, 0);
  raw.close();
  const kam = cached?.book.accounts.length ?? 0;
  if (kam !== e.accounts || rawCount !== e.accounts || pagedCount !== e.accounts) {
    throw new Error(`sync-100k-idb: expected ${e.accounts} accounts in IndexedDB, the library left ${kam}, the baseline ${rawCount}, its one-row-per-page variant ${pagedCount}`);
  }
}

export default defineWorkload<Env>({
  name: 'sync-100k-idb',
  unit: 'ms',
  baselineLabel: 'the same SOQL pages via fetch + JSON, idb puts (one relaxed tx per page)',
  goal: 1.5,
  runs: 3,
  async setup() {
    const e = env();
    // Warm both paths on a few pages (JIT, sockets, the preflight cache for the first URL) without
    // a full sync each: a full baseline costs tens of seconds on a 2-core machine.
    await fresh();
    const fields = soqlFields('accounts', { fields: {}, currency: 'CNY', pipelineId: 'salesforce' })[0].fields;
    const first = `${e.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(`SELECT ${fields.join(', ')} FROM Account`)}`;
    await (await fetch(first, { headers: { authorization: `Bearer ${e.accessToken}`, 'sforce-query-options': `batchSize=${BATCH}` } })).json();
    let pages = 0;
    for await (const _ of listAll(source(e), 'accounts', { limit: BATCH })) if (++pages === 5) break;
    return e;
  },
  async measure(e) {
    // Alternate which side goes first, so neither always runs on a warmer (or more fragmented) disk.
    let value: number, raw: { ms: number; fetchedMs: number };
    if (++round % 2) { raw = await rawSync(e); value = await librarySync(e); } else { value = await librarySync(e); raw = await rawSync(e); }
    const paged = await rawSync(e, false);
    await landed(e);
    await fresh();
    return {
      value, baseline: raw.ms,
      extra: {
        accounts: e.accounts, 'accounts/s (library)': Math.round(e.accounts / (value / 1000)), 'accounts/s (baseline)': Math.round(e.accounts / (raw.ms / 1000)),
        'baseline: all pages fetched at ms': Math.round(raw.fetchedMs),
        'variant, one idb row per page (ms)': Math.round(paged.ms),
      },
    };
  },
  async teardown() { await fresh(); },
});
