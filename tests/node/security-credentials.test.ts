// Security suite, credentials: a full sync through the Salesforce and Kingdee adapters into the
// client database (BookCache + IndexedDB outbox, fake-indexeddb here; the same code runs on the
// browser's IndexedDB), then forced failures (wrong secrets, a server that keeps failing, writes
// that fail). No secret — client secret, refresh token, issued access tokens, Kingdee password,
// app secret, session ids — may appear in any IndexedDB store, in any error message, String(error),
// JSON of an error, its stack or cause chain, or in anything logged to the console.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openOfflineStore, type OfflineStore } from '@kamkit/core/persistence';
import { conformanceBook } from '../../packages/adapters/src/conformance/index.js';
import { createSalesforceSource } from '../../packages/adapters/src/salesforce/index.js';
import { createKingdeeSource } from '../../packages/adapters/src/kingdee/index.js';
import { startKingdeeFake, startSalesforceFake, type KingdeeFake, type SalesforceFake } from '../../packages/adapters/src/fakes/index.js';

const book = conformanceBook({ accounts: 300, contacts: 300, opportunities: 200, activities: 200, contracts: 50 });
const fastHttp = { retries: 2, backoff: { baseDelayMs: 1, maxDelayMs: 5 } };

let sf: SalesforceFake;
let kd: KingdeeFake;
const logged: string[] = [];
const consoleSpies: Array<{ mockRestore(): void }> = [];

beforeAll(async () => {
  sf = await startSalesforceFake({ book });
  kd = await startKingdeeFake({ book });
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    consoleSpies.push(vi.spyOn(console, m).mockImplementation((...args: unknown[]) => { logged.push(args.map(describeValue).join(' ')); }));
  }
}, 60_000);

afterAll(async () => {
  for (const s of consoleSpies) s.mockRestore();
  await Promise.all([sf?.close(), kd?.close()]);
});

/** Everything an error shows: message, String(), JSON, stack, and the same for its causes. */
function describeValue(value: unknown, depth = 0): string {
  if (value instanceof Error) {
    const own: Record<string, unknown> = {};
    for (const key of Object.getOwnPropertyNames(value)) own[key] = (value as unknown as Record<string, unknown>)[key];
    let json = '';
    try { json = JSON.stringify(value) + JSON.stringify(own, (_k, v) => (typeof v === 'bigint' ? String(v) : v)); } catch { json = '(circular)'; }
    const cause = depth < 4 && 'cause' in value ? describeValue((value as { cause?: unknown }).cause, depth + 1) : '';
    return [value.message, String(value), json, value.stack ?? '', cause].join('\n');
  }
  try { return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value); } catch { return String(value); }
}

/** Every record of every object store of every IndexedDB database, as JSON. */
async function dumpIndexedDb(): Promise<{ text: string; stores: number; records: number }> {
  const dbs = await indexedDB.databases();
  let text = '';
  let stores = 0;
  let records = 0;
  for (const info of dbs) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const name of db.objectStoreNames) {
      stores++;
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name, 'readonly').objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const req = db.transaction(name, 'readonly').objectStore(name).getAllKeys();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      // The cache keeps each kind as one array row: count the records inside.
      records += all.reduce<number>((n, row) => n + (Array.isArray(row) ? row.length : 1), 0);
      text += `${info.name}/${name}\n${JSON.stringify(keys)}\n${JSON.stringify(all)}\n`;
    }
    db.close();
  }
  return { text, stores, records };
}

// Issued tokens and sessions are collected as they appear (a fake may expire and forget them).
const seen = new Set<string>();
function secrets(): string[] {
  for (const t of (sf as unknown as { tokens: Set<string> }).tokens) seen.add(t);
  for (const sid of kd.dc.sessions.keys()) seen.add(sid);
  for (const s of [sf.clientSecret, sf.refreshToken, kd.user.password, kd.app.appSecret]) seen.add(s);
  return [...seen].filter((s) => s && s.length >= 6);
}

function leaks(text: string, list = secrets()): string[] {
  return list.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 4)}… (${s.length} chars)`);
}

describe('security: no credential at rest or in errors after a full sync', () => {
  const stores: OfflineStore[] = [];
  const errors: unknown[] = [];

  it('syncs the whole book through Salesforce and Kingdee (password and signed app auth) into IndexedDB', async () => {
    const salesforce = createSalesforceSource({
      loginUrl: sf.url, clientId: sf.clientId, clientSecret: sf.clientSecret, refreshToken: sf.refreshToken,
      currency: 'CNY', pipelineId: 'standard', pageSize: 200, http: fastHttp,
    });
    const kingdeePassword = createKingdeeSource({
      serverUrl: kd.url, acctId: kd.user.acctId, userName: kd.user.userName, auth: { mode: 'password', password: kd.user.password }, http: fastHttp,
    });
    const kingdeeSigned = createKingdeeSource({
      serverUrl: kd.url, acctId: kd.user.acctId, userName: kd.user.userName,
      auth: { mode: 'signed', appId: kd.app.appId, appSecret: kd.app.appSecret }, http: fastHttp,
    });
    for (const [dbName, source] of [['creds-salesforce', salesforce], ['creds-kingdee-pw', kingdeePassword], ['creds-kingdee-app', kingdeeSigned]] as const) {
      const offline = await openOfflineStore({ source, dbName, retry: { max: 2, baseMs: 1, capMs: 5 } });
      stores.push(offline);
      expect(offline.store.all('accounts').length, `${dbName} loaded the accounts`).toBeGreaterThan(250);
      // A write goes through the outbox (IndexedDB) to the vendor and back.
      const first = offline.store.all('accounts')[0];
      await offline.store.update('accounts', first.id, { phone: '+86 21 5555 0101' });
      await offline.engine.drain();
      await offline.engine.syncChanges();
      secrets();
    }
    expect(secrets().length, 'the fakes issued tokens and sessions').toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('forced failures name what failed without carrying a secret', async () => {
    const attempts: Array<() => Promise<unknown>> = [
      // wrong secrets: the vendor refuses the login
      () => createSalesforceSource({ loginUrl: sf.url, clientId: sf.clientId, clientSecret: `${sf.clientSecret}-wrong`, refreshToken: sf.refreshToken, currency: 'CNY', http: fastHttp }).list('accounts', { limit: 10 }),
      () => createSalesforceSource({ loginUrl: sf.url, clientId: sf.clientId, clientSecret: sf.clientSecret, refreshToken: `${sf.refreshToken}x`, currency: 'CNY', http: fastHttp }).list('accounts', { limit: 10 }),
      () => createKingdeeSource({ serverUrl: kd.url, acctId: kd.user.acctId, userName: kd.user.userName, auth: { mode: 'password', password: `${kd.user.password}!` }, http: fastHttp }).list('accounts', { limit: 10 }),
      () => createKingdeeSource({ serverUrl: kd.url, acctId: kd.user.acctId, userName: kd.user.userName, auth: { mode: 'signed', appId: kd.app.appId, appSecret: `${kd.app.appSecret}0` }, http: fastHttp }).list('accounts', { limit: 10 }),
      // a server that keeps failing, after a good login
      async () => {
        sf.setFaults({ errorRate: 1, seed: 3 });
        try { return await stores[0].engine.syncChanges(); } finally { sf.setFaults({}); }
      },
      async () => {
        kd.setFaults({ errorRate: 1, seed: 3 });
        try { return await stores[1].engine.syncChanges(); } finally { kd.setFaults({}); }
      },
      async () => {
        kd.setFaults({ malformedJsonRate: 1, seed: 4 });
        try { return await stores[2].engine.syncChanges(); } finally { kd.setFaults({}); }
      },
      // a write the vendor refuses
      async () => {
        const s = stores[0];
        const id = s.store.all('accounts')[1].id;
        sf.setFaults({ errorRate: 1, seed: 5 });
        try {
          await s.store.update('accounts', id, { phone: '+86 21 5555 0102' }).catch((e: unknown) => errors.push(e));
          await s.engine.drain();
          for (const entry of s.engine.pending()) if (entry.lastError) errors.push(entry.lastError);
        } finally { sf.setFaults({}); }
      },
    ];
    for (const attempt of attempts) {
      try {
        const result = await attempt();
        // A sync that swallows failures reports them; keep those too.
        const report = result as { errors?: unknown[]; failed?: unknown[] } | undefined;
        for (const e of [...(report?.errors ?? []), ...(report?.failed ?? [])]) errors.push(e);
      } catch (e) {
        errors.push(e);
      }
    }
    expect(errors.length, 'the forced failures produced errors').toBeGreaterThanOrEqual(4);
    const text = errors.map((e) => describeValue(e)).join('\n');
    expect(text).toMatch(/salesforce|kingdee/i);
    expect(leaks(text), 'a secret in an error').toEqual([]);
  }, 60_000);

  it('no secret in any IndexedDB store nor anything logged', async () => {
    for (const s of stores) await s.close();
    const dump = await dumpIndexedDb();
    expect(dump.stores, 'cache, outbox and metadata stores were written').toBeGreaterThanOrEqual(6);
    expect(dump.records).toBeGreaterThan(500);
    // The data really is there (so the scan looks at the right place) …
    expect(dump.text).toContain(book.accounts[0].name);
    // … and no credential is.
    expect(leaks(dump.text), 'a secret in IndexedDB').toEqual([]);
    expect(leaks(logged.join('\n')), 'a secret in the console').toEqual([]);
  });
});
