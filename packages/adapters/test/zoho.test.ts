// The Zoho adapter over real HTTP against the Zoho fake: api_domain from the token response,
// paging past the 2,000-record wall with page_token, If-Modified-Since, Stage metadata,
// read-compare-write preconditions, INVALID_TOKEN refresh, rate limits, bad bodies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KamConflictError, KamValidationError, listAll } from '@kamkit/core';
import { KamHttpError } from '../src/http/index.js';
import { stampTime } from '../src/index.js';
import { createZohoSource, type ZohoSource } from '../src/zoho/adapter.js';
import { startZohoFake, type ZohoFake, type ZohoFakeOptions } from '../src/fakes/zoho/server.js';

let fake: ZohoFake;
let source: ZohoSource;

async function setup(opts: ZohoFakeOptions = {}): Promise<void> {
  fake = await startZohoFake(opts);
  source = createZohoSource({
    accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
    defaultCurrency: 'CNY', http: { sleep: async () => {}, retries: 3 },
  });
}

afterEach(async () => {
  await fake?.close();
});

describe('zoho adapter', () => {
  beforeEach(async () => {
    await setup();
  });

  it('sends data calls to the api_domain of the token response with the Zoho-oauthtoken header', async () => {
    fake.org.insert('Accounts', [{ Account_Name: '华东重工' }]);
    const page = await source.list('accounts');
    expect(page.items.map((a) => a.name)).toEqual(['华东重工']);
    const dataCall = fake.state.log.find((l) => l.path === '/crm/v8/Accounts')!;
    expect(dataCall.authorization).toMatch(/^Zoho-oauthtoken 1000\./);
    expect(dataCall.query).toContain('fields=');
  });

  it('pages with page/per_page up to 2,000 records and with page_token beyond', async () => {
    fake.org.insert('Accounts', Array.from({ length: 2450 }, (_, i) => ({ Account_Name: `A${i}` })));
    const names: string[] = [];
    for await (const p of listAll(source, 'accounts')) names.push(...p.items.map((a) => a.name));
    expect(names).toHaveLength(2450);
    expect(new Set(names).size).toBe(2450);
    const queries = fake.state.log.filter((l) => l.path === '/crm/v8/Accounts').map((l) => new URLSearchParams(l.query));
    expect(queries.filter((q) => q.has('page')).map((q) => q.get('page'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(queries.filter((q) => q.has('page_token'))).toHaveLength(3);
  });

  it('reads the org users (owners get names) page by page, by id and since a stamp; never writes them', async () => {
    const stamp = (s: number) => `2026-11-0${s}T10:00:00+08:00`;
    for (let i = 0; i < 5; i++) fake.org.users.push({ id: `41508680000000990${i}`, name: `销售 ${i}`, email: `s${i}@zylker.example`, modified: stamp(i + 1) });
    const names: string[] = [];
    for await (const p of listAll(source, 'users', { limit: 2 })) names.push(...p.items.map((u) => u.name));
    expect(names).toEqual(['Patricia Boyle', '销售 0', '销售 1', '销售 2', '销售 3', '销售 4']);
    expect((await source.get('users', '415086800000009903'))?.name).toBe('销售 3');
    expect(await source.get('users', '999')).toBeUndefined();
    const changed = await source.changes('users', stamp(3));
    expect(changed.items.map((u) => u.name)).toEqual(['销售 3', '销售 4']);
    expect(Date.parse(changed.stamp)).toBe(Date.parse(stamp(5)));
    const caps = await source.capabilities();
    expect([caps.entities.includes('users'), caps.writable.includes('users')]).toEqual([true, false]);
  });

  it('maps the tier from a custom Accounts field (tierField), both ways', async () => {
    const [acc] = fake.org.insert('Accounts', [{ Account_Name: '华东重工', KAM_Tier: 'B' }]);
    const tiered = createZohoSource({
      accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
      defaultCurrency: 'CNY', tierField: 'KAM_Tier', http: { sleep: async () => {}, retries: 3 },
    });
    expect((await tiered.list('accounts')).items[0].tier).toBe('B');
    await tiered.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { tier: 'A' }, idempotencyKey: 't1' });
    expect(fake.org.module('Accounts')!.get(acc.id)!.KAM_Tier).toBe('A');
    expect((await source.list('accounts')).items[0].tier).toBeUndefined();
  });

  it('answers changes with If-Modified-Since and returns the newest Modified_Time as the stamp', async () => {
    const [a, b] = fake.org.insert('Accounts', [{ Account_Name: 'Old' }, { Account_Name: 'Other' }]);
    const since = String(b.Modified_Time);
    const none = await source.changes('accounts', since);
    expect(none.items).toEqual([]);
    expect(none.stamp).toBe(since);
    // Stamps have whole seconds: the edit lands in a later second than the plain time passed.
    const later = fake.org.now() + 1000;
    fake.org.now = () => later;
    await source.write({ op: 'update', entity: 'accounts', id: a.id, patch: { name: 'Renamed' }, idempotencyKey: 'k1' });
    const changed = await source.changes('accounts', since);
    expect(changed.items.map((x) => x.name)).toEqual(['Renamed']);
    expect(Date.parse(stampTime(changed.stamp))).toBeGreaterThan(Date.parse(since));
    const header = fake.state.log.filter((l) => l.ifModifiedSince).at(-1)!.ifModifiedSince!;
    expect(header).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('changes() returns a record saved in the same second as the stamp it returned, after that read, and nothing twice', async () => {
    // One second of the org's clock: the sync reads at .100, other users save at .400 and .700.
    const second = Date.parse('2026-11-24T10:00:00.000Z');
    fake.org.now = () => second + 100;
    const [first] = fake.org.insert('Accounts', [{ Account_Name: 'First in the second' }]);
    const read = await source.changes('accounts', '2026-01-01T00:00:00Z');
    expect(read.items.map((a) => a.name)).toEqual(['First in the second']);

    fake.org.now = () => second + 400;
    const [later] = fake.org.insert('Accounts', [{ Account_Name: 'Saved after the read' }]);
    expect(later.Modified_Time, 'both saved in one second share the stamp').toBe(first.Modified_Time);
    const next = await source.changes('accounts', read.stamp);
    expect(next.items.map((a) => a.id)).toEqual([later.id]);
    expect((await source.changes('accounts', next.stamp)).items, 'nothing new since the returned stamp').toEqual([]);

    // The record read first, saved again within that second, comes back too.
    fake.org.now = () => second + 700;
    await source.write({ op: 'update', entity: 'accounts', id: first.id, patch: { phone: '+86 21 5555 0000' }, idempotencyKey: 'same-second' });
    const again = await source.changes('accounts', next.stamp);
    expect(again.items.map((a) => [a.id, a.phone])).toEqual([[first.id, '+86 21 5555 0000']]);
    expect((await source.changes('accounts', again.stamp)).items).toEqual([]);

    // A plain time (a stamp from before, a record's updatedAt) still means strictly later.
    fake.org.now = () => second + 1000;
    const [nextSecond] = fake.org.insert('Accounts', [{ Account_Name: 'Next second' }]);
    expect((await source.changes('accounts', again.stamp)).items.map((a) => a.id)).toEqual([nextSecond.id]);
    expect((await source.changes('accounts', String(first.Modified_Time))).items.map((a) => a.id)).toEqual([nextSecond.id]);
  });

  it('a record edited in Zoho during a changes walk does not make the walk skip the next record', async () => {
    const rows = fake.org.insert('Accounts', Array.from({ length: 30 }, (_, i) => ({ Account_Name: `客户${i}` })));
    source = createZohoSource({
      accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
      defaultCurrency: 'CNY', pageSize: 10, http: { sleep: async () => {}, retries: 3 },
    });
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await source.changes('accounts', '2000-01-01T00:00:00Z', { cursor });
      for (const a of p.items) seen.add(a.id);
      cursor = p.nextCursor;
      // Someone edits an already-read account: it moves to the end of the Modified_Time order.
      if (++pages === 1) await source.write({ op: 'update', entity: 'accounts', id: p.items[3].id, patch: { phone: '0571-9' }, idempotencyKey: 'edit-during-walk' });
      expect(pages).toBeLessThan(20);
    } while (cursor);
    expect(rows.filter((r) => !seen.has(r.id)).map((r) => r.Account_Name)).toEqual([]);
  });

  it('walks changes to the end when more records than a page share one Modified_Time second (a mass update)', async () => {
    const [first] = fake.org.insert('Accounts', [{ Account_Name: '客户0' }]);
    const rows = [first, ...fake.org.insert('Accounts', Array.from({ length: 29 }, (_, i) => ({ Account_Name: `客户${i + 1}`, Modified_Time: first.Modified_Time })))];
    source = createZohoSource({
      accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
      defaultCurrency: 'CNY', pageSize: 10, http: { sleep: async () => {}, retries: 3 },
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await source.changes('accounts', '2000-01-01T00:00:00Z', { cursor });
      seen.push(...p.items.map((a) => a.id));
      cursor = p.nextCursor;
      expect(++pages).toBeLessThan(20);
    } while (cursor);
    expect([...seen].sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('reads and writes a single-currency org, whose modules have no Currency field', async () => {
    await fake.close();
    await setup({ multiCurrency: false });
    fake.org.insert('Accounts', [{ Account_Name: 'Acme', Annual_Revenue: 5000 }]);
    const one = createZohoSource({
      accountsUrl: fake.url, clientId: fake.client.clientId, clientSecret: fake.client.clientSecret, refreshToken: fake.client.refreshToken,
      defaultCurrency: 'CNY', multiCurrency: false, http: { sleep: async () => {}, retries: 3 },
    });
    const [acc] = (await one.list('accounts')).items;
    expect(acc.annualRevenue).toEqual({ amount: 5000, currency: 'CNY' });
    expect((await one.changes('accounts', '2000-01-01T00:00:00Z')).items).toHaveLength(1);
    const w = await one.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { annualRevenue: { amount: 6000, currency: 'CNY' } }, idempotencyKey: 'sc1' });
    expect((w.record as typeof acc).annualRevenue).toEqual({ amount: 6000, currency: 'CNY' });
    // Another currency cannot be stored there: refused by path before any request.
    const before = fake.state.log.length;
    const e = await one.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { annualRevenue: { amount: 1, currency: 'USD' } }, idempotencyKey: 'sc2' }).catch((x) => x);
    expect(e).toBeInstanceOf(KamValidationError);
    expect(e.issues[0]).toMatchObject({ path: 'annualRevenue.currency' });
    expect(fake.state.log.slice(before).filter((l) => l.method === 'PUT')).toEqual([]);
    // Without the option, the Deals field metadata read for the pipeline tells the adapter.
    await source.pipelines();
    expect((await source.list('accounts')).items[0].annualRevenue).toEqual({ amount: 6000, currency: 'CNY' });
  });

  it('builds the pipeline from the Stage picklist with probability, forecast category and won/lost kinds', async () => {
    const [pipeline] = await source.pipelines();
    const won = pipeline.stages.find((s) => s.id === 'Closed Won')!;
    const lost = pipeline.stages.find((s) => s.id === 'Closed Lost')!;
    const nego = pipeline.stages.find((s) => s.id === 'Negotiation/Review')!;
    expect([won.kind, lost.kind, nego.kind]).toEqual(['won', 'lost', 'open']);
    expect(nego.probability).toBe(0.9);
    expect(nego.forecastCategory).toBe('commit');
    expect(pipeline.stages.map((s) => s.order)).toEqual([...pipeline.stages.keys()]);
  });

  it('uses the layout pipelines when the org has them', async () => {
    fake.org.pipelines = [{
      id: '4150868000000372003', display_value: '大客户', actual_value: 'KAM', default: true,
      maps: [
        { id: '1', display_value: 'Qualification', actual_value: 'Qualification', sequence_number: 1, forecast_type: 'Open' },
        { id: '2', display_value: 'Closed Won', actual_value: 'Closed Won', sequence_number: 2, forecast_type: 'Closed Won' },
      ],
    }];
    const pipelines = await source.pipelines();
    expect(pipelines.map((p) => [p.id, p.name, p.stages.map((s) => s.id)])).toEqual([['KAM', '大客户', ['Qualification', 'Closed Won']]]);
  });

  it('refuses a write whose stamp is stale with KamConflictError carrying the current record', async () => {
    const [deal] = fake.org.insert('Deals', [{ Deal_Name: 'Boiler', Stage: 'Qualification', Amount: 5000, Closing_Date: '2026-12-01', Account_Name: { id: '1', name: 'x' } }]);
    const stale = String(deal.Modified_Time);
    // Modified_Time has whole seconds: a stale stamp is told apart only from a later second.
    const later = fake.org.now() + 1000;
    fake.org.now = () => later;
    await source.write({ op: 'moveStage', entity: 'opportunities', id: deal.id, toStageId: 'Needs Analysis', idempotencyKey: 'm1', ifUnmodifiedSince: stale });
    const err = await source.write({ op: 'update', entity: 'opportunities', id: deal.id, patch: { name: 'Late' }, idempotencyKey: 'm2', ifUnmodifiedSince: stale }).catch((e) => e);
    expect(err).toBeInstanceOf(KamConflictError);
    expect((err.current as { stageId: string }).stageId).toBe('Needs Analysis');
    expect(fake.org.module('Deals')!.get(deal.id)!.Deal_Name).toBe('Boiler');
  });

  it('maps a per-record INVALID_DATA to a typed validation error naming the field', async () => {
    const [deal] = fake.org.insert('Deals', [{ Deal_Name: 'X', Stage: 'Qualification', Amount: 1, Closing_Date: '2026-12-01', Account_Name: { id: '1' } }]);
    const err = await source.write({ op: 'moveStage', entity: 'opportunities', id: deal.id, toStageId: 'No Such Stage', idempotencyKey: 'v1' }).catch((e) => e);
    expect(err).toBeInstanceOf(KamHttpError);
    expect([err.code, err.vendorCode, err.endpoint, err.retryable]).toEqual(['validation', 'INVALID_DATA', 'PUT /crm/v8/Deals', false]);
    expect(err.message).toContain('field Stage');
  });

  it('refuses a field the adapter cannot write before calling Zoho', async () => {
    const [acc] = fake.org.insert('Accounts', [{ Account_Name: 'A' }]);
    const before = fake.state.log.length;
    const err = await source.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { tier: 'A' }, idempotencyKey: 'v2' }).catch((e) => e);
    expect(err).toBeInstanceOf(KamValidationError);
    expect(err.issues[0].path).toBe('tier');
    expect(fake.state.log.slice(before).some((l) => l.method === 'PUT')).toBe(false);
  });

  it('refreshes once after INVALID_TOKEN and carries on', async () => {
    fake.org.insert('Accounts', [{ Account_Name: 'A' }]);
    await source.list('accounts');
    fake.state.expireTokens();
    const page = await source.list('accounts');
    expect(page.items).toHaveLength(1);
    expect(fake.state.log.filter((l) => l.path === '/oauth/v2/token')).toHaveLength(2);
  });

  it('links activities filed against a deal to the deal and its account', async () => {
    const [acc] = fake.org.insert('Accounts', [{ Account_Name: 'Acme' }]);
    const [deal] = fake.org.insert('Deals', [{ Deal_Name: 'D', Stage: 'Qualification', Amount: 1, Closing_Date: '2026-12-01', Account_Name: { id: acc.id, name: 'Acme' } }]);
    fake.org.insert('Calls', [{ Subject: '回访', Call_Type: 'Outbound', Call_Start_Time: '2026-11-20T10:00:00+08:00', What_Id: { id: deal.id, name: 'D' }, $se_module: 'Deals' }]);
    fake.org.insert('Tasks', [{ Subject: 'Send quote', Due_Date: '2026-11-25', What_Id: { id: acc.id, name: 'Acme' }, $se_module: 'Accounts' }]);
    const all = [];
    for await (const p of listAll(source, 'activities')) all.push(...p.items);
    expect(all.map((a) => [a.type, a.accountId, a.opportunityId ?? null, a.direction ?? null])).toEqual([
      ['task', acc.id, null, null], ['call', acc.id, deal.id, 'outbound'],
    ]);
  });

  it('quarantines records that break the schema while the rest load', async () => {
    fake.org.insert('Deals', [
      { Deal_Name: 'Good', Stage: 'Qualification', Amount: 10, Closing_Date: '2026-12-01', Account_Name: { id: '1' } },
      { Deal_Name: 'No account', Stage: 'Qualification', Amount: 10, Closing_Date: '2026-12-01' },
      { Deal_Name: 'Bad date', Stage: 'Qualification', Amount: 10, Closing_Date: 'soon', Account_Name: { id: '1' } },
    ]);
    const page = await source.list('opportunities');
    expect(page.items.map((o) => o.name)).toEqual(['Good']);
    expect(page.rejected.map((r) => r.issues[0].path).sort()).toEqual(['accountId', 'closeDate']);
  });
});

describe('zoho adapter, bad answers', () => {
  beforeEach(async () => {
    await setup();
    fake.org.insert('Accounts', [{ Account_Name: 'A' }]);
  });
  const accountsCall = (r: { path: string }) => r.path === '/crm/v8/Accounts';

  it('names vendor, endpoint and cause for an HTML error page', async () => {
    fake.server.setFaults({ htmlErrorRate: 1 });
    const err = await source.list('accounts').catch((e) => e);
    expect(err).toBeInstanceOf(KamHttpError);
    expect([err.vendor, err.endpoint, err.reason, err.status]).toEqual(['zoho', 'GET /crm/v8/Accounts', 'html_page', 502]);
  });

  it('backs off on 429 TOO_MANY_REQUESTS and succeeds', async () => {
    for (let i = 0; i < 3; i++) {
      fake.server.queueResponse(accountsCall, { status: 429, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'too many requests', status: 'error' } });
    }
    expect((await source.list('accounts')).items).toHaveLength(1);
    expect(fake.server.log.filter((l) => l.status === 429)).toHaveLength(3);
  });

  it('reports malformed and truncated JSON as typed errors naming the endpoint', async () => {
    fake.server.setFaults({ malformedJsonRate: 1 });
    const bad = await source.list('accounts').catch((e) => e);
    expect([bad.vendor, bad.endpoint, bad.reason]).toEqual(['zoho', 'GET /crm/v8/Accounts', 'malformed_json']);
    fake.server.setFaults({ truncatedRate: 1 });
    const cut = await source.list('accounts').catch((e) => e);
    expect([cut.endpoint, cut.reason]).toEqual(['GET /crm/v8/Accounts', 'truncated']);
  });
});

describe('zoho adapter, page size', () => {
  beforeEach(async () => {
    await setup();
  });

  it('honours a smaller page size and still switches to page_token at record 2,000', async () => {
    fake.org.insert('Accounts', Array.from({ length: 2100 }, (_, i) => ({ Account_Name: `A${i}` })));
    let pages = 0;
    let count = 0;
    for await (const p of listAll(source, 'accounts', { limit: 150 })) {
      pages++;
      count += p.items.length;
    }
    expect(count).toBe(2100);
    expect(pages).toBe(14);
    const queries = fake.state.log.filter((l) => l.path === '/crm/v8/Accounts').map((l) => new URLSearchParams(l.query));
    expect(new Set(queries.map((q) => q.get('per_page')))).toEqual(new Set(['150']));
    expect(Math.max(...queries.filter((q) => q.has('page')).map((q) => Number(q.get('page'))))).toBe(13);
    expect(queries.filter((q) => q.has('page_token'))).toHaveLength(1);
  });
});
