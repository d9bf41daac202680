import { afterEach, describe, expect, it } from 'vitest';
import { KamError, KamValidationError, listAll, type Activity } from '@kamkit/core';
import { KamHttpError, conformanceBook } from '../src/index.js';
import { createSalesforceSource } from '../src/salesforce/index.js';
import { parseSoql, startSalesforceFake, type SalesforceFake, SoqlError } from '../src/fakes/index.js';

const book = conformanceBook({ accounts: 50, contacts: 10, opportunities: 12, activities: 450, contracts: 6 });
let fake: SalesforceFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const oauth = (f: SalesforceFake) => ({
  loginUrl: f.url, clientId: f.clientId, clientSecret: f.clientSecret, refreshToken: f.refreshToken,
  currency: 'CNY', pipelineId: 'standard', fields: { contractValue: 'Contract_Value__c' },
});

describe('SOQL subset of the fake', () => {
  it('parses what the adapter and jsforce send', () => {
    const q = parseSoql("SELECT Id, Name, Account.Name FROM Opportunity WHERE (StageName = 'Closed Won' OR Amount >= 1000.5) AND NOT IsDeleted = true AND SystemModstamp > 2025-01-01T00:00:00.000Z AND Name LIKE 'Acme%' AND Id IN ('006A', '006B') ORDER BY CloseDate DESC NULLS LAST, Id LIMIT 10 OFFSET 5");
    expect(q.object).toBe('Opportunity');
    expect(q.fields).toEqual(['Id', 'Name', 'Account.Name']);
    expect(q.orderBy).toEqual([{ field: 'CloseDate', desc: true, nullsLast: true }, { field: 'Id', desc: false, nullsLast: false }]);
    expect(q.limit).toBe(10);
    expect(q.offset).toBe(5);
    expect(parseSoql("SELECT COUNT() FROM Account WHERE Name = 'O\\'Brien'").count).toBe(true);
    expect(() => parseSoql('SELECT FROM Account')).toThrow(SoqlError);
    expect(() => parseSoql("SELECT Id FROM Account WHERE Name = 'open")).toThrow(/unterminated/);
  });
});

describe('salesforce adapter', () => {
  it('walks activities across Task then Event pages, and reads each kind by id', async () => {
    fake = await startSalesforceFake({ book });
    const source = createSalesforceSource({ ...oauth(fake), pageSize: 200 });
    const items: Activity[] = [];
    let pages = 0;
    for await (const p of listAll(source, 'activities', { limit: 200 })) { items.push(...p.items); pages++; }
    expect(items).toHaveLength(450);
    expect(pages).toBeGreaterThan(2);
    const meetings = items.filter((a) => a.type === 'meeting');
    const calls = items.filter((a) => a.type === 'call');
    expect(meetings.length).toBe(book.activities.filter((a) => a.type === 'meeting').length);
    expect(calls.length).toBe(book.activities.filter((a) => a.type === 'call').length);
    expect(await source.get('activities', meetings[0].id)).toMatchObject({ type: 'meeting', subject: meetings[0].subject });
    expect(await source.get('activities', calls[0].id)).toMatchObject({ type: 'call' });
    const contract = (await source.list('contracts')).items[0];
    expect(contract.value.amount).toBeGreaterThan(0);
    expect(contract.custom).toMatchObject({ status: 'Activated' });
  });

  it('logs a call as a Task linked to the opportunity and its account', async () => {
    fake = await startSalesforceFake({ book });
    const source = createSalesforceSource(oauth(fake));
    const opp = (await source.list('opportunities')).items[0];
    const r = await source.write({
      op: 'create', entity: 'activities', idempotencyKey: 'c-1',
      data: { id: 'tmp', accountId: opp.accountId, opportunityId: opp.id, type: 'call', subject: '回访 follow-up', occurredAt: '2026-11-20', sourceIds: {} },
    });
    expect(r.record).toMatchObject({ type: 'call', subject: '回访 follow-up', accountId: opp.accountId, opportunityId: opp.id });
    const id = (r.record as Activity).id;
    expect(id.startsWith('00T')).toBe(true);
    expect(fake.org.get('Task', id)).toMatchObject({ TaskSubtype: 'Call', Status: 'Completed', WhatId: opp.id });
  });

  it('refuses fields it cannot write and filters it cannot express, by name', async () => {
    fake = await startSalesforceFake({ book });
    const source = createSalesforceSource(oauth(fake));
    const acc = (await source.list('accounts', { limit: 200 })).items[0];
    const e = await source.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { tags: ['vip'] }, idempotencyKey: 'x-1' }).catch((x) => x);
    expect(e).toBeInstanceOf(KamError);
    expect(e.message).toContain('tags');
    const f = await source.list('accounts', { filter: { tags: 'vip' } }).catch((x) => x);
    expect(f.message).toContain('tags');
  });

  it('with an injected token and no refresh, a 401 fails as auth, once', async () => {
    fake = await startSalesforceFake({ book });
    const token = fake.issueToken();
    const source = createSalesforceSource({ instanceUrl: fake.url, accessToken: token });
    expect((await source.list('accounts', { limit: 200 })).items.length).toBe(50);
    fake.expireSessions();
    fake.server.resetStats();
    const e = await source.list('accounts').catch((x) => x);
    expect(e).toBeInstanceOf(KamHttpError);
    expect(e).toMatchObject({ code: 'auth', vendorCode: 'INVALID_SESSION_ID', retryable: false, status: 401 });
    expect(fake.stats.requests).toBe(1);
    expect(`${e.message}${JSON.stringify(e)}`).not.toContain(token);
  });

  it('stops at the daily API limit: 403 REQUEST_LIMIT_EXCEEDED is rate_limited, not retried now', async () => {
    fake = await startSalesforceFake({ book, dailyApiLimit: 1000 });
    const source = createSalesforceSource({ ...oauth(fake), apiReserve: 10 });
    await source.list('accounts');
    expect(source.http.apiUsage?.max).toBe(1000);
    fake.setApiUsage(1000);
    fake.server.resetStats();
    const e = await source.list('contacts').catch((x) => x);
    expect(e).toMatchObject({ code: 'rate_limited', vendorCode: 'REQUEST_LIMIT_EXCEEDED', retryable: true, status: 403 });
    expect(fake.stats.requests).toBe(1);
    fake.setApiUsage(995);
    await source.list('contacts').catch(() => undefined);
    const reserved = await source.list('contacts').catch((x) => x);
    expect(reserved).toMatchObject({ code: 'rate_limited', vendorCode: 'API_RESERVE_REACHED' });
  });

  it('reads and writes a single-currency org, which has no CurrencyIsoCode field (INVALID_FIELD if named)', async () => {
    fake = await startSalesforceFake({ book, multiCurrency: false });
    const source = createSalesforceSource(oauth(fake));
    const accounts: unknown[] = [];
    for await (const p of listAll(source, 'accounts', { limit: 200 })) accounts.push(...p.items);
    expect(accounts).toHaveLength(50);
    const opps = (await source.list('opportunities')).items;
    expect(opps).toHaveLength(12);
    expect(opps.every((o) => o.amount.currency === 'CNY')).toBe(true);
    expect((await source.list('contracts')).items).toHaveLength(6);
    expect((await source.changes('accounts', '2000-01-01T00:00:00Z')).items.length).toBeGreaterThan(0);
    expect((await source.get('opportunities', opps[0].id))?.amount.currency).toBe('CNY');
    const moved = await source.write({
      op: 'update', entity: 'opportunities', id: opps[0].id, idempotencyKey: 'sc-1',
      patch: { amount: { amount: 123_456, currency: 'CNY' } }, ifUnmodifiedSince: opps[0].updatedAt,
    });
    expect((moved.record as { amount: { amount: number } }).amount.amount).toBe(123_456);
    // Another currency cannot be stored in a one-currency org: refused by name, nothing sent.
    fake.server.resetStats();
    const e = await source.write({
      op: 'update', entity: 'opportunities', id: opps[1].id, idempotencyKey: 'sc-2', patch: { amount: { amount: 5, currency: 'USD' } },
    }).catch((x) => x);
    expect(e).toBeInstanceOf(KamValidationError);
    expect(e.issues[0]).toMatchObject({ path: 'amount.currency' });
    expect(fake.stats.requests).toBe(0);
    // A source whose first call is a write learns it from the INVALID_FIELD answer too.
    const fresh = createSalesforceSource(oauth(fake));
    const w = await fresh.write({ op: 'update', entity: 'opportunities', id: opps[2].id, idempotencyKey: 'sc-3', patch: { amount: { amount: 77, currency: 'CNY' } } });
    expect((w.record as { amount: { amount: number; currency: string } }).amount).toEqual({ amount: 77, currency: 'CNY' });
    // Learnt the same way, another currency is still refused on the retry, not sent relabelled.
    const fresh2 = createSalesforceSource(oauth(fake));
    const e2 = await fresh2.write({ op: 'update', entity: 'opportunities', id: opps[3].id, idempotencyKey: 'sc-4', patch: { amount: { amount: 9, currency: 'USD' }, nextStep: 'Call back' } }).catch((x) => x);
    expect(e2).toBeInstanceOf(KamValidationError);
    expect(e2.issues).toEqual([expect.objectContaining({ path: 'amount.currency' })]);
    expect((await fresh2.get('opportunities', opps[3].id))?.amount).toEqual(opps[3].amount);
  });

  it('writes the changes stamp as a documented SOQL dateTime literal (YYYY-MM-DDThh:mm:ssZ) when it has no milliseconds', async () => {
    fake = await startSalesforceFake({ book });
    const soql: string[] = [];
    const spy: typeof fetch = (input, init) => {
      const q = new URL(input instanceof Request ? input.url : String(input)).searchParams.get('q');
      if (q) soql.push(q);
      return fetch(input, init);
    };
    const source = createSalesforceSource({ ...oauth(fake), http: { fetch: spy } });
    await source.changes('accounts', '2026-01-01T08:00:00.000+08:00');
    await source.changes('contacts', '2026-01-01T00:00:00.250Z');
    expect(soql.filter((q) => q.includes('SystemModstamp >')).map((q) => /SystemModstamp > (\S+)/.exec(q)![1]))
      .toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.250Z']);
  });

  it('changes() returns a record saved in the same second as the stamp it returned, after that read, and nothing twice', async () => {
    fake = await startSalesforceFake({ book: conformanceBook({ accounts: 3, contacts: 0, opportunities: 0, activities: 0, contracts: 0 }) });
    const source = createSalesforceSource({ ...oauth(fake), pageSize: 200 });
    const org = fake.org;
    // One second of the org's clock: the sync reads at .100, other users save at .400 and .700.
    const second = Date.parse('2026-11-24T10:00:00.000Z');
    org.now = () => second + 100;
    const first = org.insert('Account', { Name: 'First in the second' });
    const read = await source.changes('accounts', '2026-01-01T00:00:00Z');
    expect(read.items.map((a) => a.name)).toEqual(['First in the second']);

    org.now = () => second + 400;
    const later = org.insert('Account', { Name: 'Saved after the read' });
    expect(later.SystemModstamp, 'both saved in one second share the stamp').toBe(first.SystemModstamp);
    const next = await source.changes('accounts', read.stamp);
    expect(next.items.map((a) => a.id)).toEqual([later.Id]);
    expect((await source.changes('accounts', next.stamp)).items, 'nothing new since the returned stamp').toEqual([]);

    // The record read first, saved again within that second, comes back too.
    org.now = () => second + 700;
    org.update('Account', first, { Phone: '+86 21 5555 0000' });
    const again = await source.changes('accounts', next.stamp);
    expect(again.items.map((a) => [a.id, a.phone])).toEqual([[first.Id, '+86 21 5555 0000']]);
    expect((await source.changes('accounts', again.stamp)).items).toEqual([]);

    // A plain time (a stamp from before, a record's updatedAt) still means strictly later.
    org.now = () => second + 1000;
    const nextSecond = org.insert('Account', { Name: 'Next second' });
    expect((await source.changes('accounts', again.stamp)).items.map((a) => a.id)).toEqual([nextSecond.Id]);
    expect((await source.changes('accounts', '2026-11-24T10:00:00.000Z')).items.map((a) => a.id)).toEqual([nextSecond.Id]);
  });

  it('a mass update within one second keeps the stamp short: that second is read again, whole, instead of listed', async () => {
    fake = await startSalesforceFake({ book: conformanceBook({ accounts: 3, contacts: 0, opportunities: 0, activities: 0, contracts: 0 }) });
    const source = createSalesforceSource({ ...oauth(fake), pageSize: 200 });
    const second = Date.parse('2026-11-24T10:00:00.000Z');
    fake.org.now = () => second + 100;
    for (let i = 0; i < 60; i++) fake.org.insert('Account', { Name: `Bulk ${i}` });
    const read = await source.changes('accounts', '2026-01-01T00:00:00Z');
    expect(read.items).toHaveLength(60);
    expect(read.stamp.length).toBeLessThan(100);
    fake.org.now = () => second + 1000;
    const after = fake.org.insert('Account', { Name: 'After the bulk' });
    const next = await source.changes('accounts', read.stamp);
    expect(next.items.filter((a) => a.id === after.Id)).toHaveLength(1);
    expect(next.items).toHaveLength(61);
    expect((await source.changes('accounts', next.stamp)).items).toEqual([]);
  });

  it('refuses a cursor that is not a query locator of the instance', async () => {
    fake = await startSalesforceFake({ book });
    const source = createSalesforceSource(oauth(fake));
    for (const cursor of ['0~~http://evil.test/services/data/v62.0/query/01g-200', '0~~/services/data/v62.0/sobjects/Account', 'garbage', '7~~']) {
      const e = await source.list('accounts', { cursor }).catch((x) => x);
      expect(e, cursor).toBeInstanceOf(KamError);
      expect(e.code).toBe('validation');
    }
  });
});

describe('query locators of the Salesforce fake (as Salesforce documents them: two days, any page again)', () => {
  const big = conformanceBook({ accounts: 450, contacts: 0, opportunities: 0, activities: 0, contracts: 0 });
  const quick = { retries: 3, backoff: { baseDelayMs: 5, maxDelayMs: 20 } };
  const locatorPath = /^\/services\/data\/v[\d.]+\/query\/\w+-(\d+)$/;
  const pageAt = (offset: number) => (r: { method: string; path: string }) => r.method === 'GET' && locatorPath.exec(r.path)?.[1] === String(offset);

  it('a page whose answer was lost on a dropped connection, the last one included, is asked for again and read once', async () => {
    fake = await startSalesforceFake({ book: big });
    const retries: string[] = [];
    const source = createSalesforceSource({ ...oauth(fake), pageSize: 200, http: { ...quick, onRetry: (r) => retries.push(r.reason) } });
    // Pages start at 0 (the query), 200 and 400 (the last, 50 records): cut the answers of both locator pages.
    fake.server.queueDropAfterHandling(pageAt(200));
    fake.server.queueDropAfterHandling(pageAt(400));
    const ids: string[] = [];
    for await (const p of listAll(source, 'accounts', { limit: 200 })) ids.push(...p.items.map((a) => a.id));
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    expect(retries).toHaveLength(2);
    const last = fake.server.log.filter(pageAt(400));
    expect(last.map((l) => l.fault ?? l.status)).toEqual(['dropped', 200]);
  });

  it('reads the same page again later, and refuses a locator two days old with INVALID_QUERY_LOCATOR, not retried', async () => {
    let clock = Date.parse('2026-11-23T09:00:00Z');
    fake = await startSalesforceFake({ book: big, now: () => clock });
    const source = createSalesforceSource({ ...oauth(fake), pageSize: 200, http: quick });
    const first = await source.list('accounts', { limit: 200 });
    const cursor = first.nextCursor!;
    const second = await source.list('accounts', { cursor, limit: 200 });
    const last = await source.list('accounts', { cursor: second.nextCursor!, limit: 200 });
    expect(last.items).toHaveLength(50);
    expect(last.nextCursor).toBeUndefined();
    // A day later (no activity since), the same locator still serves the same records, the last batch included.
    clock += 24 * 3600_000;
    expect((await source.list('accounts', { cursor, limit: 200 })).items.map((a) => a.id)).toEqual(second.items.map((a) => a.id));
    expect((await source.list('accounts', { cursor: second.nextCursor!, limit: 200 })).items).toEqual(last.items);
    // Two days after the query that opened it, it is gone, however recently it was read.
    clock += 24 * 3600_000;
    fake.server.resetStats();
    const e = await source.list('accounts', { cursor, limit: 200 }).catch((x) => x);
    expect(e).toBeInstanceOf(KamHttpError);
    expect(e).toMatchObject({ status: 400, vendorCode: 'INVALID_QUERY_LOCATOR', retryable: false });
    expect(fake.stats.requests).toBe(1);
    // A new query opens a new locator that works.
    const again = await source.list('accounts', { limit: 200 });
    expect((await source.list('accounts', { cursor: again.nextCursor!, limit: 200 })).items.map((a) => a.id)).toEqual(second.items.map((a) => a.id));
  });

  it('with a cap on open locators (an org before API 56.0 had ten), the oldest is released', async () => {
    fake = await startSalesforceFake({ book: big, maxLocators: 10 });
    const source = createSalesforceSource({ ...oauth(fake), pageSize: 200, http: quick });
    const cursors: string[] = [];
    for (let i = 0; i < 11; i++) cursors.push((await source.list('accounts', { limit: 200 })).nextCursor!);
    expect(await source.list('accounts', { cursor: cursors[0], limit: 200 }).catch((x) => x)).toMatchObject({ vendorCode: 'INVALID_QUERY_LOCATOR' });
    expect((await source.list('accounts', { cursor: cursors[1], limit: 200 })).items).toHaveLength(200);
  });
});
