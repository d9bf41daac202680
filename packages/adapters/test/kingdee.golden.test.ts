// Fidelity of the Kingdee fake without an official client on npm:
// 1. signed headers computed by the adapter's signer equal golden vectors computed separately in
//    Python from the official SDKs' algorithm (fixtures/kingdee/make_signatures.py), and the fake
//    accepts exactly those headers — and refuses a bad signature, an expired timestamp and an
//    unknown data centre;
// 2. golden request/response exchanges in the official SDKs' wire formats (fixtures/kingdee/
//    exchanges.json) replayed byte for byte against the fake.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { kingdeeSignedHeaders, type KingdeeAppIdentity } from '../src/kingdee/sign.js';
import { startKingdeeFake, type KingdeeFake } from '../src/fakes/kingdee/server.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/kingdee/${name}`, import.meta.url), 'utf8'));

interface SignatureCase {
  name: string;
  path: string;
  timestamp: string;
  timestampUnit: 'ms' | 's';
  identity: KingdeeAppIdentity;
  headers: Record<string, string>;
}
interface Exchange {
  name: string;
  service: string;
  session: boolean;
  headers?: Record<string, string>;
  body: unknown;
  response: { status: number; exact?: boolean; setCookie?: string; body: unknown };
}

const signatures = fixture('signatures.json') as SignatureCase[];
const exchanges = fixture('exchanges.json') as Exchange[];
const QUERY = '/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc';
const queryBody = JSON.stringify({ data: { FormId: 'BD_Customer', FieldKeys: 'FNumber,FName', FilterString: '', OrderString: '', StartRow: 0, Limit: 10 } });

let fake: KingdeeFake;
let clock: number;

beforeEach(async () => {
  clock = Number(signatures[0].timestamp);
  fake = await startKingdeeFake({ now: () => clock });
  fake.dc.insert('BD_Customer', [{ FName: '华东重工有限公司', FTEL: '021-5000-0000' }]);
  fake.dc.insert('CRM_Contract', [{ FBillNo: 'XSHT000001', FDocumentStatus: 'C', FBillAllAmount: 120000 }]);
});
afterEach(async () => {
  await fake.close();
});

const origin = () => fake.url.replace(/\/k3cloud\/$/, '');
const post = (path: string, headers: Record<string, string>, body: string) =>
  fetch(origin() + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('Kingdee signed headers', () => {
  for (const c of signatures) {
    it(`match the golden vector: ${c.name}`, async () => {
      const now = c.timestampUnit === 'ms' ? Number(c.timestamp) : Number(c.timestamp) * 1000;
      const headers = await kingdeeSignedHeaders(c.path, c.identity, { now, timestampUnit: c.timestampUnit });
      expect(headers).toEqual(c.headers);
    });
  }

  it('are accepted by the fake, which answers data and issues a session cookie', async () => {
    const g = signatures[0];
    const res = await post(QUERY, g.headers, queryBody);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([['CUST000001', '华东重工有限公司']]);
    expect(res.headers.get('set-cookie')).toMatch(/^kdservice-sessionid=[0-9a-f-]+; path=\/$/);
    expect(fake.state.log.at(-1)?.auth).toBe('signed');
  });

  it('are accepted in the Python SDK form too (seconds, lower-case sign-header list)', async () => {
    const py = signatures[1];
    clock = Number(py.timestamp) * 1000;
    const headers = await kingdeeSignedHeaders(QUERY, py.identity, { now: clock, timestampUnit: 's' });
    const res = await post(QUERY, headers, queryBody);
    expect(await res.json()).toEqual([['CUST000001', '华东重工有限公司']]);
  });

  const sessionLost = [[{ Result: { ResponseStatus: {
    ErrorCode: 500, IsSuccess: false, Errors: [{ FieldName: null, Message: '会话信息已丢失，请重新登录', DIndex: 0 }], SuccessEntitys: [], SuccessMessages: [], MsgCode: 1,
  } } }]];

  it('are refused with MsgCode 1 when a signature is wrong', async () => {
    const g = signatures[0];
    for (const broken of [
      { ...g.headers, 'X-Kd-Signature': g.headers['X-Api-Signature'] },
      { ...g.headers, 'X-Api-Signature': g.headers['X-Kd-Signature'] },
      { ...g.headers, 'x-api-nonce': String(Number(g.timestamp) + 1) },
    ]) {
      const res = await post(QUERY, broken, queryBody);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(sessionLost);
    }
  });

  it('are refused when signed for another path (the path is part of the signature)', async () => {
    const g = signatures[0];
    const res = await post('/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.BillQuery.common.kdsvc', g.headers, queryBody);
    expect(await res.json()).toEqual(sessionLost);
  });

  it('are refused once the timestamp is older than the accepted skew', async () => {
    const g = signatures[0];
    clock = Number(g.timestamp) + fake.state.knobs.maxClockSkewMs + 60_000;
    expect(await (await post(QUERY, g.headers, queryBody)).json()).toEqual(sessionLost);
    clock = Number(g.timestamp) + fake.state.knobs.maxClockSkewMs - 60_000;
    expect(await (await post(QUERY, g.headers, queryBody)).json()).toEqual([['CUST000001', '华东重工有限公司']]);
  });

  it('with an unknown data centre fail outside HTTP 200, as measured', async () => {
    const headers = await kingdeeSignedHeaders(QUERY, { ...signatures[0].identity, acctId: 'no-such-dc' }, { now: clock });
    const res = await post(QUERY, headers, queryBody);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('Fail to verify thirty passport');
  });
});

/** Pattern match: "$any:<type>" takes any value of that type; otherwise deep equality. */
function matchShape(actual: unknown, pattern: unknown, path = '$'): string[] {
  if (typeof pattern === 'string' && pattern.startsWith('$any:')) {
    const want = pattern.slice(5);
    const got = actual === null ? 'null' : Array.isArray(actual) ? 'array' : typeof actual;
    return got === want ? [] : [`${path}: expected any ${want}, got ${got}`];
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual) || actual.length !== pattern.length) return [`${path}: expected an array of ${pattern.length}, got ${JSON.stringify(actual)?.slice(0, 80)}`];
    return pattern.flatMap((p, i) => matchShape(actual[i], p, `${path}[${i}]`));
  }
  if (pattern && typeof pattern === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object`];
    const a = actual as Record<string, unknown>;
    const p = pattern as Record<string, unknown>;
    const missing = Object.keys(p).filter((k) => !(k in a)).map((k) => `${path}.${k}: missing`);
    return [...missing, ...Object.keys(p).filter((k) => k in a).flatMap((k) => matchShape(a[k], p[k], `${path}.${k}`))];
  }
  return Object.is(actual, pattern) ? [] : [`${path}: expected ${JSON.stringify(pattern)}, got ${JSON.stringify(actual)}`];
}

describe('Kingdee golden exchanges in the official SDKs\' formats', () => {
  for (const ex of exchanges) {
    it(ex.name, async () => {
      const refs: Record<string, number> = {
        customerId: [...fake.dc.table('BD_Customer').keys()][0],
        contractId: [...fake.dc.table('CRM_Contract').keys()][0],
      };
      const headers: Record<string, string> = { ...ex.headers };
      if (ex.session) {
        const login = await post('/k3cloud/Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser.common.kdsvc', {},
          JSON.stringify({ parameters: [fake.user.acctId, fake.user.userName, fake.user.password, 2052] }));
        headers.cookie = `Theme=standard; ${login.headers.get('set-cookie')!.split(';')[0]}`;
      }
      const body = JSON.stringify(ex.body).replace(/\\*"\$ref:(\w+)\\*"/g, (_, name: string) => String(refs[name]));
      const res = await post(`/k3cloud/${ex.service}.common.kdsvc`, headers, body);
      expect(res.status).toBe(ex.response.status);
      const got = await res.json();
      if (ex.response.exact) expect(got).toEqual(ex.response.body);
      else expect(matchShape(got, ex.response.body)).toEqual([]);
      if (ex.response.setCookie) expect(res.headers.get('set-cookie')).toMatch(new RegExp(ex.response.setCookie));
    });
  }
});
