// Fidelity: Salesforce's most used JavaScript client, jsforce, pointed at our fake. If the fake
// drifted from the real wire format (query locators, error arrays, token responses), jsforce
// would stop working against it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from 'jsforce';
import { conformanceBook } from '../src/index.js';
import { startSalesforceFake, type SalesforceFake } from '../src/fakes/index.js';

let fake: SalesforceFake;
const book = conformanceBook({ accounts: 4_500, contacts: 20, opportunities: 30, activities: 10, contracts: 5 });

beforeAll(async () => {
  fake = await startSalesforceFake({ book });
});
afterAll(() => fake?.close());

describe('jsforce against the Salesforce fake', () => {
  it('queries with autoFetch across query locators and gets every record once', async () => {
    const conn = new Connection({ instanceUrl: fake.url, accessToken: fake.issueToken(), version: '62.0' });
    fake.server.resetStats();
    const result = await conn.query<{ Id: string; Name: string; SystemModstamp: string }>('SELECT Id, Name, SystemModstamp FROM Account ORDER BY Name')
      .run({ autoFetch: true, maxFetch: 100_000 });
    expect(result.totalSize).toBe(4_500);
    expect(result.records).toHaveLength(4_500);
    expect(new Set(result.records.map((r) => r.Id)).size).toBe(4_500);
    expect(result.records.map((r) => r.Name)).toEqual(book.accounts.map((a) => a.name).sort());
    expect(result.records[0].SystemModstamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    // One SOQL request, then jsforce followed two nextRecordsUrl locators.
    const paths = fake.server.log.map((l) => l.path);
    expect(paths.filter((p) => p === '/services/data/v62.0/query')).toHaveLength(1);
    expect(paths.filter((p) => /^\/services\/data\/v62\.0\/query\/01g\w+-\d+$/.test(p))).toHaveLength(2);
  });

  it("runs the SOQL jsforce's query builder writes (conditions, sort, limit) and its describe", async () => {
    const conn = new Connection({ instanceUrl: fake.url, accessToken: fake.issueToken(), version: '62.0' });
    const energy = await conn.sobject('Account')
      .find<{ Id: string; Name: string; Industry: string }>({ Industry: 'Energy', NumberOfEmployees: { $gte: 1000 } }, ['Id', 'Name', 'Industry'])
      .sort({ Name: -1 })
      .limit(5);
    const expected = book.accounts.filter((a) => a.industry === 'Energy' && (a.employees ?? 0) >= 1000).map((a) => a.name).sort().reverse().slice(0, 5);
    expect(energy.map((r) => r.Name)).toEqual(expected);
    expect(await conn.sobject('Account').count({ Industry: 'Retail' })).toBe(book.accounts.filter((a) => a.industry === 'Retail').length);

    const describe = await conn.sobject('Opportunity').describe();
    const stage = describe.fields.find((f) => f.name === 'StageName')!;
    expect(stage.picklistValues?.map((p) => p.value)).toEqual(book.pipelines[0].stages.map((s) => s.name));
  });

  it('updates a record, reads it back, and gets Salesforce error arrays for a bad value', async () => {
    const conn = new Connection({ instanceUrl: fake.url, accessToken: fake.issueToken(), version: '62.0' });
    const accId = fake.idOf('accounts', book.accounts[3].id)!;
    const before = await conn.sobject('Account').retrieve(accId) as { SystemModstamp: string };
    const res = await conn.sobject('Account').update({ Id: accId, Phone: '+86 21 7777 0000' });
    expect(res).toMatchObject({ id: accId, success: true, errors: [] });
    const after = await conn.sobject('Account').retrieve(accId) as { Phone: string; SystemModstamp: string };
    expect(after.Phone).toBe('+86 21 7777 0000');
    expect(Date.parse(after.SystemModstamp.replace('+0000', 'Z'))).toBeGreaterThan(Date.parse(before.SystemModstamp.replace('+0000', 'Z')));

    const oppId = fake.idOf('opportunities', book.opportunities[0].id)!;
    const bad = await conn.sobject('Opportunity').update({ Id: oppId, StageName: 'No Such Stage' }).catch((e: unknown) => e);
    const errorCode = (bad as { errorCode?: string; name?: string }).errorCode ?? (bad as { name?: string }).name
      ?? (bad as { errors?: Array<{ errorCode?: string; statusCode?: string }> }).errors?.[0]?.errorCode;
    expect(String(errorCode)).toContain('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');

    const moved = await conn.sobject('Opportunity').update({ Id: oppId, StageName: 'Closed Won' });
    expect(moved.success).toBe(true);
    const opp = await conn.sobject('Opportunity').retrieve(oppId) as { IsWon: boolean; IsClosed: boolean; Probability: number; ForecastCategoryName: string };
    expect(opp).toMatchObject({ IsWon: true, IsClosed: true, Probability: 100, ForecastCategoryName: 'Closed' });
  });

  it('refreshes an expired session (401 INVALID_SESSION_ID) through the fake token endpoint and carries on', async () => {
    const refreshed: string[] = [];
    const conn = new Connection({
      oauth2: { clientId: fake.clientId, clientSecret: fake.clientSecret, loginUrl: fake.url, redirectUri: 'http://localhost/callback' },
      instanceUrl: fake.url, accessToken: fake.issueToken(), refreshToken: fake.refreshToken, version: '62.0',
    });
    conn.on('refresh', (accessToken: string) => refreshed.push(accessToken));
    expect((await conn.query('SELECT COUNT() FROM Contact')).totalSize).toBe(20);
    fake.expireSessions();
    fake.server.resetStats();
    const again = await conn.query<{ Id: string }>('SELECT Id FROM Contact');
    expect(again.records).toHaveLength(20);
    expect(refreshed).toHaveLength(1);
    const statuses = fake.server.log.map((l) => `${l.status} ${l.path}`);
    expect(statuses[0]).toBe('401 /services/data/v62.0/query');
    expect(statuses[1]).toBe('200 /services/oauth2/token');
    expect(statuses[2]).toBe('200 /services/data/v62.0/query');
  });
});
