// Loading the cached sample book (~37k records) back from IndexedDB, as a page does on every
// reload before it can render: BookCache's layout (one array per kind, plus delta rows) against
// the plain layout (one row per record, `getAll` per object store, one read transaction).
// Note: the harness's Playwright context keeps IndexedDB in memory, so both figures are lower than
// on a disk profile; the ratio is what compares.
import { defineWorkload, time } from '../types.js';
import { Store, entityKinds, type Book } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { BookCache, deleteKamDb } from '@kamkit/core/persistence';

interface Ctx { cache: BookCache; rows: IDBDatabase; records: number; saveMs: number; rowsSaveMs: number }

const stores = [...entityKinds, 'pipelines'] as const;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

export default defineWorkload<Ctx>({
  name: 'book-cache-load',
  unit: 'ms',
  baselineLabel: 'same book, one IDB row per record, getAll per store',
  runs: 5,
  async setup() {
    await deleteKamDb('bench-book-cache');
    await req(indexedDB.deleteDatabase('bench-book-rows') as unknown as IDBRequest<unknown>);
    const book = Store.fromBook(generateSampleBook()).snapshot();
    const cache = await BookCache.open('bench-book-cache');
    let records = 0;
    const saveMs = await time(async () => { records = (await cache.save(book)).records; });
    const open = indexedDB.open('bench-book-rows', 1);
    open.onupgradeneeded = () => { for (const k of stores) open.result.createObjectStore(k, { keyPath: 'id' }); };
    const rows = await req(open);
    const rowsSaveMs = await time(async () => {
      const tx = rows.transaction([...stores], 'readwrite', { durability: 'relaxed' });
      for (const k of stores) for (const r of book[k as keyof Book] as unknown[]) tx.objectStore(k).put(r);
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    });
    return { cache, rows, records, saveMs, rowsSaveMs };
  },
  async measure(ctx) {
    let n = 0;
    const value = await time(async () => {
      const got = (await ctx.cache.load())!;
      n = stores.reduce((s, k) => s + (got.book[k as keyof Book] as unknown[]).length, 0);
    });
    const baseline = await time(async () => {
      const tx = ctx.rows.transaction([...stores], 'readonly');
      await Promise.all(stores.map((k) => req(tx.objectStore(k).getAll())));
    });
    if (n !== ctx.records) throw new Error(`BookCache loaded ${n} records, saved ${ctx.records}`);
    return { value, baseline, extra: { records: ctx.records, saveMs: Math.round(ctx.saveMs), rowsSaveMs: Math.round(ctx.rowsSaveMs) } };
  },
  async teardown(ctx) {
    ctx.cache.close();
    ctx.rows.close();
    await deleteKamDb('bench-book-cache');
    await req(indexedDB.deleteDatabase('bench-book-rows') as unknown as IDBRequest<unknown>);
  },
});
