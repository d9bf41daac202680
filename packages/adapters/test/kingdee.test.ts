// The Kingdee adapter over real HTTP against the Kingdee fake: login and re-login on MsgCode 1,
// signed headers, ExecuteBillQuery paging, FModifyDate sync, Save with NeedUpDateFields and
// IsDeleteEntry=false, 网控 conflicts, call limits, audited records, 赢单 / 输单, bad bodies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KamConflictError, KamValidationError, listAll } from '@kamkit/core';
import { KamHttpError } from '../src/http/index.js';
import { createKingdeeSource, type KingdeeSource, type KingdeeSourceOptions } from '../src/kingdee/adapter.js';
import { startKingdeeFake, type KingdeeFake } from '../src/fakes/kingdee/server.js';

let fake: KingdeeFake;
let source: KingdeeSource;

function connect(over: Partial<KingdeeSourceOptions> = {}): KingdeeSource {
  return createKingdeeSource({
    serverUrl: fake.url, acctId: fake.user.acctId, userName: fake.user.userName,
    auth: { mode: 'password', password: fake.user.password }, http: { sleep: async () => {}, retries: 3 }, ...over,
  });
}

function seedPhases(): void {
  fake.dc.insert('CRM_SalePhase', [
    { FNumber: 'P1', FName: '初步接洽', FWinRate: 10, FSeq: 1, FPhaseType: 'A' },
    { FNumber: 'P2', FName: '需求确认', FWinRate: 30, FSeq: 2, FPhaseType: 'A' },
    { FNumber: 'P3', FName: '商务谈判', FWinRate: 80, FSeq: 3, FPhaseType: 'A' },
    { FNumber: 'W', FName: '赢单', FWinRate: 100, FSeq: 4, FPhaseType: 'E' },
    { FNumber: 'L', FName: '输单', FWinRate: 0, FSeq: 5, FPhaseType: 'F' },
  ]);
}

function customer(name: string, extra: Record<string, unknown> = {}) {
  return fake.dc.insert('BD_Customer', [{ FName: name, ...extra }])[0];
}

beforeEach(async () => {
  fake = await startKingdeeFake();
  source = connect();
});
afterEach(async () => {
  await fake.close();
});

describe('kingdee adapter', () => {
  it('reads salespeople (销售员) as users by number — the ids FSELLER names — page by page, by id and since a stamp', async () => {
    fake.dc.insert('BD_Saleman', [1, 2, 3, 4, 5].map((i) => ({ FNumber: `XS0${i}`, FName: `销售 ${i}`, FModifyDate: `2026-11-0${i}T10:00:00` })));
    customer('华东重工', { FSELLER: { Id: 0, FNumber: 'XS03', FName: '销售 3' } });
    const names: string[] = [];
    for await (const p of listAll(source, 'users', { limit: 2 })) names.push(...p.items.map((u) => u.name));
    expect(names).toEqual(['销售 1', '销售 2', '销售 3', '销售 4', '销售 5']);
    const [acc] = (await source.list('accounts')).items;
    expect((await source.get('users', acc.ownerId!))?.name).toBe('销售 3');
    expect(await source.get('users', 'nobody')).toBeUndefined();
    const changed = await source.changes('users', '2026-11-03T10:00:00+08:00');
    expect(changed.items.map((u) => u.id)).toEqual(['XS04', 'XS05']);
    expect(Date.parse(changed.stamp)).toBe(Date.parse('2026-11-05T10:00:00+08:00'));
    const caps = await source.capabilities();
    expect([caps.entities.includes('users'), caps.writable.includes('users')]).toEqual([true, false]);
    expect((await connect({ salesmanForm: false }).capabilities()).entities).not.toContain('users');
  });

  it('maps the tier from a custom customer key (tierKey) and the group customer (集团客户) as the parent, both ways', async () => {
    const group = customer('华东集团', { F_KAM_Tier: 'A' });
    const sub = customer('华东重工', { F_KAM_Tier: 'B', FGROUPCUSTID: { Id: group.FCUSTID } });
    const tiered = connect({ tierKey: 'F_KAM_Tier' });
    const byName = new Map((await tiered.list('accounts')).items.map((a) => [a.name, a]));
    expect([byName.get('华东集团')!.tier, byName.get('华东重工')!.tier]).toEqual(['A', 'B']);
    expect(byName.get('华东重工')!.parentId).toBe(String(group.FCUSTID));
    await tiered.write({ op: 'update', entity: 'accounts', id: String(sub.FCUSTID), patch: { tier: 'A' }, idempotencyKey: 't1' });
    expect((await tiered.get('accounts', String(sub.FCUSTID)))?.tier).toBe('A');
    // Without a tier key the tier is neither read nor writable.
    expect((await source.list('accounts')).items.every((a) => a.tier === undefined)).toBe(true);
    expect(await source.write({ op: 'update', entity: 'accounts', id: String(sub.FCUSTID), patch: { tier: 'C' }, idempotencyKey: 't2' }).catch((e) => e)).toBeInstanceOf(KamValidationError);
  });

  it('logs in with ValidateUser and sends the kdservice-sessionid it got', async () => {
    customer('华东重工');
    const page = await source.list('accounts');
    expect(page.items.map((a) => a.name)).toEqual(['华东重工']);
    const [login, ...calls] = fake.state.log;
    expect([login.service.split('.').at(-1), login.auth]).toEqual(['ValidateUser', 'login']);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.auth === 'session')).toBe(true);
  });

  it('logs in again once when the session is lost (MsgCode 1) and carries on', async () => {
    customer('A');
    await source.list('accounts');
    fake.dc.expireSessions();
    expect((await source.list('accounts')).items).toHaveLength(1);
    expect(fake.state.log.filter((l) => l.auth === 'login')).toHaveLength(2);
  });

  it('fails with a typed auth error when the password is wrong, without the password in the message', async () => {
    source = connect({ auth: { mode: 'password', password: 'not-the-password' } });
    const err = await source.list('accounts').catch((e) => e);
    expect(err).toBeInstanceOf(KamHttpError);
    expect([err.code, err.vendor, err.vendorCode]).toEqual(['auth', 'kingdee', 'LoginResultType 0']);
    expect(err.message).not.toContain('not-the-password');
  });

  it('signs every request in signed-header mode and never logs in', async () => {
    customer('A');
    source = connect({ auth: { mode: 'signed', appId: fake.app.appId, appSecret: fake.app.appSecret } });
    await source.list('accounts');
    expect(fake.state.log.every((l) => l.auth === 'signed')).toBe(true);
  });

  it('pages ExecuteBillQuery with StartRow / Limit until a short page', async () => {
    fake.dc.insert('BD_Customer', Array.from({ length: 1234 }, (_, i) => ({ FName: `客户${i}` })));
    source = connect({ pageSize: 500 });
    const names: string[] = [];
    let pages = 0;
    for await (const p of listAll(source, 'accounts')) {
      pages++;
      names.push(...p.items.map((a) => a.name));
    }
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(1234);
  });

  it('with a page size above the server\'s Limit cap (2,000 before the 23.11 patch) reads every row, not the first capped page', async () => {
    fake.dc.insert('BD_Customer', Array.from({ length: 4500 }, (_, i) => ({ FName: `客户${i}` })));
    source = connect({ pageSize: 5000 });
    const names: string[] = [];
    for await (const p of listAll(source, 'accounts')) names.push(...p.items.map((a) => a.name));
    expect(new Set(names).size).toBe(4500);
    const changed: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await source.changes('accounts', '2000-01-01T00:00:00Z', { cursor });
      changed.push(...p.items.map((a) => a.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(new Set(changed).size).toBe(4500);
  });

  it('a record edited in Kingdee during a changes walk does not make the walk skip the next record', async () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const rows = fake.dc.insert('BD_Customer', Array.from({ length: 30 }, (_, i) => ({ FName: `客户${i}`, FModifyDate: `2026-10-01T09:${pad(i)}:00.000` })));
    source = connect({ pageSize: 10 });
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await source.changes('accounts', '2026-01-01T00:00:00Z', { cursor });
      for (const a of p.items) seen.add(a.id);
      cursor = p.nextCursor;
      // Someone edits an already-read customer: it moves to the end of the FModifyDate order.
      if (++pages === 1) {
        const acc = p.items[3];
        await source.write({ op: 'update', entity: 'accounts', id: acc.id, patch: { phone: '0571-9' }, idempotencyKey: 'edit-during-walk' });
      }
    } while (cursor);
    expect(rows.filter((r) => !seen.has(String(r.FCUSTID))).map((r) => r.FName)).toEqual([]);
  });

  it('a customer deleted in Kingdee during a list walk does not make the walk skip another', async () => {
    const rows = fake.dc.insert('BD_Customer', Array.from({ length: 30 }, (_, i) => ({ FName: `客户${i}` })));
    source = connect({ pageSize: 10 });
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await source.list('accounts', { cursor });
      for (const a of p.items) seen.add(a.id);
      cursor = p.nextCursor;
      if (++pages === 1) fake.dc.table('BD_Customer').delete(Number(p.items[2].id));
    } while (cursor);
    const deleted = rows[2];
    expect(rows.filter((r) => r !== deleted && !seen.has(String(r.FCUSTID))).map((r) => r.FName)).toEqual([]);
  });

  it('reads FModifyDate as the server-local stamp and syncs changes after it', async () => {
    const [a] = [customer('Old', { FModifyDate: '2026-11-01T09:00:00.000' }), customer('Older', { FModifyDate: '2026-10-01T09:00:00.000' })];
    const acc = await source.get('accounts', String(a.FCUSTID));
    expect(acc?.updatedAt).toBe('2026-11-01T09:00:00.000+08:00');
    const since = '2026-11-01T01:00:00.000Z'; // = 09:00 in Shanghai: nothing is later
    expect((await source.changes('accounts', since)).items).toEqual([]);
    await source.write({ op: 'update', entity: 'accounts', id: acc!.id, patch: { phone: '0571-1' }, idempotencyKey: 'k', ifUnmodifiedSince: acc!.updatedAt });
    const changed = await source.changes('accounts', since);
    expect(changed.items.map((x) => x.phone)).toEqual(['0571-1']);
    expect(Date.parse(changed.stamp)).toBeGreaterThan(Date.parse(since));
  });

  it('saves only the changed keys (NeedUpDateFields) and keeps entries (IsDeleteEntry false)', async () => {
    seedPhases();
    const c = customer('Acme');
    const [opp] = fake.dc.insert('CRM_OPP_Opportunity', [{
      FOPPName: 'Pump line', FCustomerId: { Id: c.FCUSTID }, FEstimateIncome: 100, FStartDate: '2026-12-01T00:00:00', FDocumentStatus: 'G',
      FSalePhase: { Id: 1, FNumber: 'P1', FName: '初步接洽' }, $entries: { FProductEntity: [{ FEntryID: 1 }, { FEntryID: 2 }] },
    }]);
    const o = await source.get('opportunities', String(opp.FID));
    await source.write({ op: 'update', entity: 'opportunities', id: o!.id, patch: { name: 'Pump line II' }, idempotencyKey: 'u', ifUnmodifiedSince: o!.updatedAt });
    const stored = fake.dc.table('CRM_OPP_Opportunity').get(opp.FID as number)!;
    expect(stored.FOPPName).toBe('Pump line II');
    expect(stored.FEstimateIncome).toBe(100);
    expect(stored.$entries!.FProductEntity).toHaveLength(2);
  });

  it('maps 网控 (MsgCode 13) on Save to KamConflictError', async () => {
    const c = customer('Locked Co');
    fake.dc.locked.add(`BD_Customer:${String(c.FCUSTID)}`);
    const err = await source.write({ op: 'update', entity: 'accounts', id: String(c.FCUSTID), patch: { phone: '1' }, idempotencyKey: 'l' }).catch((e) => e);
    expect(err).toBeInstanceOf(KamConflictError);
    expect(err.message).toContain('MsgCode 13');
  });

  it('backs off on the call limit (MsgCode 14) and succeeds once the window passes', async () => {
    customer('A');
    fake.state.knobs.callLimit = { max: 1, windowMs: 60_000 };
    let waited = 0;
    source = connect({
      http: {
        sleep: async (ms) => {
          waited += ms;
          fake.state.knobs.callLimit = { max: 0, windowMs: 60_000 };
        },
      },
    });
    await source.list('accounts'); // the one call the window allows
    const page = await source.list('accounts');
    expect(page.items).toHaveLength(1);
    expect(waited).toBeGreaterThan(0);
  });

  it('re-audits an audited customer to save it: UnAudit → Save → Submit → Audit', async () => {
    const c = customer('Audited', { FDocumentStatus: 'C' });
    const acc = await source.get('accounts', String(c.FCUSTID));
    const r = await source.write({ op: 'update', entity: 'accounts', id: acc!.id, patch: { phone: '0755-2' }, idempotencyKey: 'a', ifUnmodifiedSince: acc!.updatedAt });
    expect((r.record as { phone?: string }).phone).toBe('0755-2');
    expect(fake.dc.table('BD_Customer').get(c.FCUSTID as number)!.FDocumentStatus).toBe('C');
    expect(fake.state.log.map((l) => l.service.split('.').at(-1)).filter((s) => s !== 'ExecuteBillQuery' && s !== 'ValidateUser'))
      .toEqual(['Save', 'UnAudit', 'Save', 'Submit', 'Audit']);
  });

  it('closes an opportunity as 赢单 through FWinDate / FWinReason and the Win operation', async () => {
    seedPhases();
    const c = customer('Acme');
    const [opp] = fake.dc.insert('CRM_OPP_Opportunity', [{
      FOPPName: 'Chiller', FCustomerId: { Id: c.FCUSTID }, FEstimateIncome: 880000, FStartDate: '2026-12-01T00:00:00', FDocumentStatus: 'G',
      FSalePhase: { Id: 3, FNumber: 'P3', FName: '商务谈判' },
    }]);
    const [pipeline] = await source.pipelines();
    expect(pipeline.stages.map((s) => [s.id, s.kind, s.probability, s.forecastCategory])).toEqual([
      ['P1', 'open', 0.1, 'pipeline'], ['P2', 'open', 0.3, 'pipeline'], ['P3', 'open', 0.8, 'commit'], ['W', 'won', 1, 'closed'], ['L', 'lost', 0, 'omitted'],
    ]);
    const o = await source.get('opportunities', String(opp.FID));
    expect(o?.stageId).toBe('P3');
    const won = await source.write({ op: 'moveStage', entity: 'opportunities', id: o!.id, toStageId: 'W', reason: '价格优势', date: '2026-11-20', idempotencyKey: 'w', ifUnmodifiedSince: o!.updatedAt });
    const rec = won.record as { stageId: string; closedAt?: string; wonReason?: string };
    expect([rec.stageId, rec.closedAt, rec.wonReason]).toEqual(['W', '2026-11-20', '价格优势']);
    expect(fake.dc.table('CRM_OPP_Opportunity').get(opp.FID as number)!.FDocumentStatus).toBe('E');
    const reopened = await source.write({ op: 'moveStage', entity: 'opportunities', id: o!.id, toStageId: 'P2', idempotencyKey: 'r' });
    expect((reopened.record as { stageId: string }).stageId).toBe('P2');
    expect(fake.dc.table('CRM_OPP_Opportunity').get(opp.FID as number)!.FDocumentStatus).toBe('G');
  });

  it('refuses 输单 without a reason, before calling the server', async () => {
    seedPhases();
    const [opp] = fake.dc.insert('CRM_OPP_Opportunity', [{ FOPPName: 'X', FCustomerId: { Id: customer('A').FCUSTID }, FDocumentStatus: 'G', FSalePhase: { Id: 1, FNumber: 'P1' } }]);
    const err = await source.write({ op: 'moveStage', entity: 'opportunities', id: String(opp.FID), toStageId: 'L', idempotencyKey: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(KamValidationError);
    expect(fake.dc.table('CRM_OPP_Opportunity').get(opp.FID as number)!.FDocumentStatus).toBe('G');
  });

  it('falls back to the FDocumentStatus lifecycle when the tenant has no sale-phase form data', async () => {
    const [opp] = fake.dc.insert('CRM_OPP_Opportunity', [{ FOPPName: 'Y', FCustomerId: { Id: customer('A').FCUSTID }, FStartDate: '2026-12-01T00:00:00', FDocumentStatus: 'A' }]);
    const [pipeline] = await source.pipelines();
    expect(pipeline.stages.map((s) => s.name)).toEqual(['创建', '审核中', '执行中', '赢单', '输单']);
    const moved = await source.write({ op: 'moveStage', entity: 'opportunities', id: String(opp.FID), toStageId: 'G', idempotencyKey: 'g' });
    expect((moved.record as { stageId: string }).stageId).toBe('G');
    expect(fake.state.log.map((l) => l.service.split('.').at(-1)).filter((s) => s === 'Submit' || s === 'Audit')).toEqual(['Submit', 'Audit']);
  });

  it('links an activity that names only an opportunity to that opportunity\'s customer', async () => {
    const c = customer('Acme');
    const [opp] = fake.dc.insert('CRM_OPP_Opportunity', [{ FOPPName: 'Z', FCustomerId: { Id: c.FCUSTID }, FDocumentStatus: 'G' }]);
    fake.dc.insert('CRM_ACTIVITY', [{ FName: '上门拜访', FActStartTime: '2026-11-18T14:00:00', FOppId: { Id: opp.FID } }]);
    const [act] = (await source.list('activities')).items;
    expect([act.type, act.subject, act.accountId, act.opportunityId, act.occurredAt]).toEqual(['visit', '上门拜访', String(c.FCUSTID), String(opp.FID), '2026-11-18T14:00:00+08:00']);
  });

  it('pushes equality filters into FilterString and quotes values safely', async () => {
    customer("O'Brien 贸易");
    customer('Other');
    const page = await source.list('accounts', { filter: { name: "O'Brien 贸易" } });
    expect(page.items.map((a) => a.name)).toEqual(["O'Brien 贸易"]);
  });
});

describe('kingdee adapter, bad answers', () => {
  beforeEach(() => {
    customer('A');
  });

  it('names vendor, endpoint and cause for an HTML error page', async () => {
    fake.server.setFaults({ htmlErrorRate: 1 });
    const err = await source.list('accounts').catch((e) => e);
    expect(err).toBeInstanceOf(KamHttpError);
    expect([err.vendor, err.endpoint, err.reason]).toEqual(['kingdee', 'POST /k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc', 'html_page']);
  });

  it('reports malformed and truncated JSON as typed errors', async () => {
    const query = (r: { path: string }) => r.path.endsWith('.ExecuteBillQuery.common.kdsvc');
    fake.server.queueResponse(query, { status: 200, text: '[["CUST000001","A",]]', headers: { 'content-type': 'application/json' } });
    fake.server.queueResponse(query, { status: 200, text: '[["CUST000001","A",]]', headers: { 'content-type': 'application/json' } });
    const bad = await connect({ http: { sleep: async () => {}, retries: 1 } }).list('accounts').catch((e) => e);
    expect([bad.vendor, bad.reason]).toEqual(['kingdee', 'malformed_json']);
    expect(bad.endpoint).toMatch(/ExecuteBillQuery\.common\.kdsvc$/);
    fake.server.setFaults({ truncatedRate: 1 });
    expect((await source.list('accounts').catch((e) => e)).reason).toBe('truncated');
  });

  it('turns a query error wrapped in [[…]] into a typed error with the MsgCode', async () => {
    source = connect({ forms: { accounts: { formId: 'BD_NoSuchForm' } } });
    const err = await source.list('accounts').catch((e) => e);
    expect([err.vendor, err.vendorCode]).toEqual(['kingdee', '4']);
    expect(err.message).toContain('BD_NoSuchForm');
  });

  it('quarantines rows that break the model and loads the rest', async () => {
    customer('B', { FModifyDate: 'yesterday' });
    customer('');
    const page = await source.list('accounts');
    expect(page.items.map((a) => a.name)).toEqual(['A']);
    expect(page.rejected.map((r) => r.issues.map((i) => i.path))).toEqual([['updatedAt', 'createdAt'], ['name']]);
    expect(page.rejected[0].issues[0].message).toContain('ISO 8601');
  });
});
