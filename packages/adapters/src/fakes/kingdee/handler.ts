// The Kingdee K/3 Cloud fake's request handler: `*.common.kdsvc` services, positional / legacy /
// named bodies, session login with the `kdservice-sessionid` cookie, signed headers verified the
// way the official SDKs sign them (independently of the adapter's signer: node:crypto here),
// ExecuteBillQuery arrays of arrays, Save with NeedUpDateFields / IsDeleteEntry, status
// operations, and ResponseStatus errors with MsgCodes — business errors on HTTP 200, as the real
// server sends them. Wire facts: reference/crm-apis.md §3 and kingdee-crm.md.
import { createHmac } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '../shared/server.js';
import { KD_SERVICE, MSG_CODE, SESSION_LOST_MESSAGE, failStatus, okStatus, type KdSuccessEntity } from '../../kingdee/wire.js';
import { FilterSyntaxError, evalFilter, filterKeys, parseFilter, type Value } from './filter.js';
import { KD_FORMS, type KdFormMeta, type KdRecord, type KdRef, type KdSession, type KingdeeDataCentre } from './state.js';

export interface KingdeeFakeKnobs {
  /** Largest `Limit` served; larger asks are cut silently (older servers 2,000; ≥ 23.11 patch 10,000). */
  maxLimit: number;
  /** Signed-header timestamps further than this from the server clock are refused (ms). */
  maxClockSkewMs: number;
  /** Calls allowed per window before MsgCode 14 (调用限制); 0 = unlimited. */
  callLimit: { max: number; windowMs: number };
}

export class KingdeeFakeState {
  readonly knobs: KingdeeFakeKnobs = { maxLimit: 2000, maxClockSkewMs: 24 * 3600_000, callLimit: { max: 0, windowMs: 60_000 } };
  /** Save / status operations applied (a retried Save that lands twice counts twice). */
  writesApplied = 0;
  /** The next Save is refused with this MsgCode and message (conformance: vendor error mapping). */
  rejectNext?: { msgCode: number; message: string; field: string };
  readonly corruptIds = new Set<string>();
  isCorrupt: (formId: string, id: string) => boolean = () => false;
  /** Services called, with how the caller authenticated. */
  readonly log: Array<{ service: string; auth: 'session' | 'signed' | 'login' | 'none'; formId?: string }> = [];
  private calls: number[] = [];
  constructor(readonly dc: KingdeeDataCentre) {}

  /** True when this call breaks the call limit. */
  overLimit(): boolean {
    const { max, windowMs } = this.knobs.callLimit;
    if (!max) return false;
    const now = this.dc.now();
    this.calls = this.calls.filter((t) => t > now - windowMs);
    this.calls.push(now);
    return this.calls.length > max;
  }
}

const json = (body: unknown, status = 200, headers?: Record<string, string>): FakeResponse => ({ status, body, headers });
const result = (rs: ReturnType<typeof okStatus>, extra: Record<string, unknown> = {}) => ({ Result: { ResponseStatus: rs, ...extra } });
const fail = (msgCode: number, message: string, field: string | null = null) => result(failStatus(msgCode, message, field));
/** A failed ExecuteBillQuery wraps the envelope in `[[…]]`. */
const failQuery = (msgCode: number, message: string) => [[fail(msgCode, message)]];

function hmacB64Hex(data: string, key: string): string {
  return Buffer.from(createHmac('sha256', Buffer.from(key, 'utf8')).update(data, 'utf8').digest('hex'), 'utf8').toString('base64');
}

/** The gateway secret the SDKs derive from the appId's 32-char part (XOR with their fixed key). */
function gatewaySecret(part: string): string {
  if (part.length !== 32) return part;
  const buf = Buffer.from(part, 'base64');
  const key = Buffer.from('0054f397c6234378b09ca7d3e5debce7', 'utf8');
  for (let i = 0; i < buf.length; i++) buf[i] ^= key[i];
  return buf.toString('base64');
}

/** Java URLEncoder / Python quote(…).replace('/', '%2F') of a path. */
function encodePath(path: string): string {
  return encodeURIComponent(path).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Arguments of a call in any body form: `{parameters:[…]}` (positional, legacy envelope) or named keys, any case. */
export function callArgs(body: unknown, names: string[]): unknown[] {
  const parse = (v: unknown) => {
    if (typeof v !== 'string') return v;
    const t = v.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return JSON.parse(t);
      } catch {
        return v;
      }
    }
    return v;
  };
  if (body && typeof body === 'object' && Array.isArray((body as { parameters?: unknown }).parameters)) {
    return ((body as { parameters: unknown[] }).parameters).map(parse);
  }
  const lower = new Map(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v]));
  return names.map((n) => parse(lower.get(n.toLowerCase())));
}

export function createKingdeeHandler(state: KingdeeFakeState): (req: FakeRequest) => FakeResponse {
  const { dc } = state;

  return (req) => {
    const m = /\/([\w.]+)\.common\.kdsvc$/.exec(req.path);
    if (req.method !== 'POST' || !m) return { status: 404, text: '<html><head><title>404 - Not Found</title></head><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } };
    const service = m[1];
    let body: unknown;
    try {
      body = req.body.trim() ? JSON.parse(req.body) : {};
    } catch {
      return json(fail(MSG_CODE.parameter, '请求参数格式不正确'));
    }
    if (service.startsWith('Kingdee.BOS.WebApi.ServicesStub.AuthService.')) return auth(service, body);
    if (!service.startsWith('Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.')) return json(fail(MSG_CODE.exception, `服务 ${service} 不存在`));

    const isQuery = service === KD_SERVICE.executeBillQuery || service === KD_SERVICE.billQuery;
    const session = authenticate(req);
    if ('response' in session) {
      state.log.push({ service, auth: 'none' });
      return session.response;
    }
    if (!session.ok) {
      state.log.push({ service, auth: 'none' });
      return json(isQuery ? failQuery(MSG_CODE.sessionLost, SESSION_LOST_MESSAGE) : fail(MSG_CODE.sessionLost, SESSION_LOST_MESSAGE));
    }
    const headers = session.issued ? { 'set-cookie': `kdservice-sessionid=${session.s.sid}; path=/` } : undefined;
    if (state.overLimit()) {
      state.log.push({ service, auth: session.how });
      return json(isQuery ? failQuery(MSG_CODE.callLimit, '调用限制：超出接口调用频率限制，请稍后再试') : fail(MSG_CODE.callLimit, '调用限制：超出接口调用频率限制，请稍后再试'), 200, headers);
    }
    const op = service.slice('Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.'.length);
    const out = dispatch(op, body);
    state.log.push({ service, auth: session.how, formId: out.formId });
    return { ...out.response, headers: { ...out.response.headers, ...headers } };
  };

  function auth(service: string, body: unknown): FakeResponse {
    const op = service.slice('Kingdee.BOS.WebApi.ServicesStub.AuthService.'.length);
    state.log.push({ service, auth: 'login' });
    if (op === 'Logout') return json(true);
    let acctId: unknown; let userName: unknown; let lcid: unknown; let okCred = false;
    if (op === 'ValidateUser' || op === 'ValidateUser2') {
      const a = callArgs(body, ['acctID', 'username', 'password', 'lcid']);
      [acctId, userName] = a;
      lcid = a[a.length - 1];
      okCred = dc.users.some((u) => u.acctId === acctId && u.userName === userName && u.password === a[2]);
    } else if (op === 'LoginByAppSecret' || op === 'LoginByAppSecret2') {
      const a = callArgs(body, ['acctID', 'username', 'appId', 'appSecret', 'lcid']);
      [acctId, userName] = a;
      lcid = a[a.length - 1];
      okCred = dc.users.some((u) => u.acctId === acctId && u.userName === userName) && dc.apps.some((p) => p.appId === a[2] && p.appSecret === a[3]);
    } else {
      return json(fail(MSG_CODE.exception, `服务 ${service} 不存在`));
    }
    if (!dc.acctIds.has(String(acctId))) return json(loginResult(-1, '数据中心不存在或已停用'));
    if (!okCred) return json(loginResult(0, '用户名或密码错误！'));
    const s = dc.login(String(acctId), String(userName), Number(lcid) || 2052);
    return json(loginResult(1, null, s), 200, { 'set-cookie': `kdservice-sessionid=${s.sid}; path=/` });
  }

  function loginResult(type: number, message: string | null, s?: KdSession) {
    return {
      Message: message, MessageCode: type === 1 ? 'CheckPasswordPolicy' : null, LoginResultType: type,
      Context: s ? {
        UserLocale: 'zh-CN', LogLocale: 'zh-CN', DBid: s.acctId, DatabaseType: 3, SessionId: s.sid.replace(/-/g, '').slice(0, 24),
        UseLanguages: [{ LocaleId: 2052, LocaleName: '中文(简体)', Alias: 'CN', LicenseType: 0 }], UserId: dc.users.find((u) => u.userName === s.userName)?.userId ?? 0,
        UserName: s.userName, CustomName: 'KAM Kit fake', DisplayVersion: '9.0.553.10', DataCenterName: 'fake', UserToken: s.sid,
        CurrentOrganizationInfo: { ID: 1, AcctOrgType: '1', Name: '总部', FunctionIds: [101, 102, 103, 104, 107, 108, 109, 110, 111, 112, 113, 114] },
        IsCH_ZH_AutoTrans: false, ClientType: 32, DataCenterNumber: s.acctId, ContextResultType: 0, TenantId: '', IsDeployAsPublicCloud: false,
      } : null,
      KDSVCSessionId: s?.sid ?? null, FormId: null, RedirectFormParam: null, FormInputObject: null, ErrorStackTrace: null, Lcid: 0,
      AccessToken: null, CustomParam: {}, KdAccessResult: null, IsSuccessByAPI: type === 1,
    };
  }

  /** The caller's session: a live SID (cookie, `kdservice-sessionid` or `SID` header) or valid signed headers. */
  function authenticate(req: FakeRequest): { ok: true; s: KdSession; issued: boolean; how: 'session' | 'signed' } | { ok: false } | { response: FakeResponse } {
    const h = req.headers;
    const sid = cookie(h.cookie, 'kdservice-sessionid') ?? (h['kdservice-sessionid'] as string | undefined) ?? (h.sid as string | undefined);
    const live = dc.liveSession(sid);
    // A live session is accepted without re-checking a signature (as measured on a real deployment).
    if (live) return { ok: true, s: live, issued: false, how: 'session' };
    const appKey = h['x-kd-appkey'] as string | undefined;
    if (!appKey) return { ok: false };
    const app = dc.apps.find((a) => a.appId === appKey);
    const appDataB64 = String(h['x-kd-appdata'] ?? '');
    const appData = Buffer.from(appDataB64, 'base64').toString('utf8');
    const [acctId, userName, lcid] = appData.split(',');
    if (!dc.acctIds.has(acctId)) {
      return { response: { status: 500, text: 'response_error:Fail to verify thirty passport.', headers: { 'content-type': 'text/plain; charset=utf-8' } } };
    }
    if (!app || !dc.users.some((u) => u.acctId === acctId && u.userName === userName)) return { ok: false };
    if (h['x-kd-signature'] !== hmacB64Hex(app.appId + appData, app.appSecret)) return { ok: false };
    const [clientId, part] = app.appId.split('_');
    const ts = String(h['x-api-timestamp'] ?? '');
    const nonce = String(h['x-api-nonce'] ?? '');
    if (h['x-api-clientid'] !== clientId || h['x-api-auth-version'] !== '2.0') return { ok: false };
    const signHeaders = String(h['x-api-signheaders'] ?? '').toLowerCase().split(',').map((s) => s.trim()).sort().join(',');
    if (signHeaders !== 'x-api-nonce,x-api-timestamp') return { ok: false };
    const base = `POST\n${encodePath(req.path)}\n\nx-api-nonce:${nonce}\nx-api-timestamp:${ts}\n`;
    if (h['x-api-signature'] !== hmacB64Hex(base, gatewaySecret(part ?? ''))) return { ok: false };
    const tsNum = Number(ts);
    const tsMs = tsNum > 1e12 ? tsNum : tsNum * 1000; // Java SDK sends ms, Python SDK seconds
    if (!Number.isFinite(tsMs) || Math.abs(dc.now() - tsMs) > state.knobs.maxClockSkewMs) return { ok: false };
    return { ok: true, s: dc.login(acctId, userName, Number(lcid) || 2052), issued: true, how: 'signed' };
  }

  function dispatch(op: string, body: unknown): { response: FakeResponse; formId?: string } {
    switch (op) {
      case 'ExecuteBillQuery': case 'BillQuery': {
        const [data] = callArgs(body, ['data']);
        return query(op === 'BillQuery', data as Record<string, unknown>);
      }
      case 'Save': {
        const [formId, data] = callArgs(body, ['formid', 'data']);
        return { response: json(save(String(formId), (data ?? {}) as Record<string, unknown>)), formId: String(formId) };
      }
      case 'View': {
        const [formId, data] = callArgs(body, ['formid', 'data']);
        return { response: json(view(String(formId), (data ?? {}) as Record<string, unknown>)), formId: String(formId) };
      }
      case 'Submit': case 'Audit': case 'UnAudit': case 'CancelAssign': case 'Delete': {
        const [formId, data] = callArgs(body, ['formid', 'data']);
        return { response: json(statusOp(op, String(formId), (data ?? {}) as Record<string, unknown>)), formId: String(formId) };
      }
      case 'ExcuteOperation': {
        const [formId, opNumber, data] = callArgs(body, ['formid', 'opNumber', 'data']);
        return { response: json(statusOp(String(opNumber), String(formId), (data ?? {}) as Record<string, unknown>)), formId: String(formId) };
      }
      case 'QueryBusinessInfo': {
        const [data] = callArgs(body, ['data']);
        const meta = dc.form(String((data as { FormId?: unknown } | undefined)?.FormId ?? ''));
        if (!meta) return { response: json(fail(MSG_CODE.exception, '业务对象不存在')) };
        return {
          response: json(result(okStatus(), {
            NeedReturnData: {
              Id: meta.formId, Name: [{ Key: 2052, Value: meta.name }], PkFieldName: meta.pk,
              Entrys: [{ Key: 'FBillHead', EntryName: null, Fields: Object.entries(meta.fields).map(([k, f]) => ({ Key: k, FieldName: k.toUpperCase(), PropertyName: k.slice(1), MustInput: !!f.mustInput, IsViewVisible: true })) },
                ...(meta.entries ?? []).map((e) => ({ Key: e, EntryName: e, Fields: [] }))],
            },
          })),
          formId: meta.formId,
        };
      }
      default:
        return { response: json(fail(MSG_CODE.exception, `操作 ${op} 不存在`)) };
    }
  }

  /** Canonical key and sub-key for a requested key (case-insensitive), or undefined. */
  function resolveKey(meta: KdFormMeta, key: string): { base: string; sub?: string } | undefined {
    const [b, sub, extra] = key.trim().split('.');
    if (extra !== undefined) return undefined;
    const base = Object.keys(meta.fields).find((k) => k.toLowerCase() === b.toLowerCase());
    if (!base) return undefined;
    if (sub === undefined) return { base };
    if (meta.fields[base].type !== 'ref') return undefined;
    const s = ['FNumber', 'FName', 'FDataValue', 'FID'].find((k) => k.toLowerCase() === sub.toLowerCase());
    return s ? { base, sub: s } : undefined;
  }

  function valueOf(meta: KdFormMeta, rec: KdRecord, k: { base: string; sub?: string }, forFilter = false): Value {
    const f = meta.fields[k.base];
    const v = rec[k.base];
    if (f.type === 'ref') {
      const ref = v as KdRef | number | null | undefined;
      const r = typeof ref === 'number' ? { Id: ref } : ref;
      if (!k.sub || k.sub === 'FID') return r?.Id ?? 0;
      const s = (r as Record<string, unknown> | null | undefined)?.[k.sub];
      return typeof s === 'string' && s !== '' ? s : forFilter ? null : ' ';
    }
    if (f.type === 'pk' || f.type === 'number') return typeof v === 'number' ? v : v == null || v === '' ? (forFilter ? null : 0) : (v as Value);
    if (f.type === 'date') return typeof v === 'string' && v ? `${v.slice(0, 10)}T00:00:00` : forFilter ? null : '';
    if (f.type === 'datetime') return typeof v === 'string' && v ? v : forFilter ? null : '';
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? v : forFilter ? null : ' ';
  }

  function served(meta: KdFormMeta, rec: KdRecord): KdRecord {
    const id = String(rec[meta.pk]);
    // Stage metadata is exempt, as the other fakes exempt their metadata endpoints.
    if (meta.formId === 'CRM_SalePhase' || (!state.corruptIds.has(id) && !state.isCorrupt(meta.formId, id))) return rec;
    // Breaks the core model: no name, a date that is not one.
    return { ...rec, FName: '', FOPPName: '', FModifyDate: '上周', FActStartTime: '上周', FValiEndDate: '明年' };
  }

  function query(asObjects: boolean, data: Record<string, unknown> | undefined): { response: FakeResponse; formId?: string } {
    const failQ = (code: number, msg: string) => ({ response: json(failQuery(code, msg)) });
    if (!data || typeof data !== 'object') return failQ(MSG_CODE.parameter, '参数data不能为空');
    const meta = dc.form(String(data.FormId ?? data.formid ?? ''));
    if (!meta) return failQ(MSG_CODE.exception, `业务对象标识${String(data.FormId ?? '')}不存在`);
    const keysText = String(data.FieldKeys ?? '').trim();
    if (!keysText) return failQ(MSG_CODE.parameter, 'FieldKeys不能为空');
    const keys = keysText.split(',').map((k) => k.trim());
    const resolved: Array<{ base: string; sub?: string }> = [];
    for (const k of keys) {
      const r = resolveKey(meta, k);
      if (!r) return failQ(MSG_CODE.fieldNotFound, `元数据中标识为${k}的字段不存在`);
      resolved.push(r);
    }
    let filter;
    try {
      const fs = data.FilterString;
      if (Array.isArray(fs)) return failQ(MSG_CODE.exception, '过滤条件数组格式暂不支持');
      filter = parseFilter(typeof fs === 'string' ? fs : '');
      for (const k of filterKeys(filter)) if (!resolveKey(meta, k)) return failQ(MSG_CODE.fieldNotFound, `元数据中标识为${k}的字段不存在`);
    } catch (e) {
      if (e instanceof FilterSyntaxError) return failQ(MSG_CODE.exception, `过滤条件语法错误：${e.message}`);
      throw e;
    }
    const keyCache = new Map<string, { base: string; sub?: string }>();
    const cached = (k: string) => {
      let r = keyCache.get(k);
      if (!r) keyCache.set(k, (r = resolveKey(meta, k)!));
      return r;
    };
    // A point read by primary key (`FID = 123`) needs no scan.
    const table = dc.table(meta.formId);
    const pkHit = filter?.t === 'cmp' && filter.op === '=' && cached(filter.key).base === meta.pk && !cached(filter.key).sub;
    const source = pkHit ? [table.get(Number((filter as { v: unknown }).v))].filter((r): r is KdRecord => !!r) : [...table.values()];
    let rows = source.map((r) => served(meta, r));
    if (filter) rows = rows.filter((r) => evalFilter(filter, (k) => valueOf(meta, r, cached(k), true)));
    const order = String(data.OrderString ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const [k, dir] = s.split(/\s+/);
      const r = resolveKey(meta, k);
      return r ? { r, dir: (dir ?? 'ASC').toUpperCase() === 'DESC' ? -1 : 1 } : undefined;
    });
    if (order.some((o) => !o)) return failQ(MSG_CODE.fieldNotFound, 'OrderString中的字段不存在');
    const sortBy = [...(order as Array<{ r: { base: string; sub?: string }; dir: number }>), { r: { base: meta.pk }, dir: 1 }];
    // Decorate once, sort, undecorate: the sort keys of 10,000 rows are computed 10,000 times, not n·log n.
    const decorated = rows.map((r) => ({ r, k: sortBy.map((o) => valueOf(meta, r, o.r)) }));
    decorated.sort((a, b) => {
      for (let i = 0; i < sortBy.length; i++) {
        const x = a.k[i];
        const y = b.k[i];
        if (x === y) continue;
        if (x === null || x === undefined) return -sortBy[i].dir;
        if (y === null || y === undefined) return sortBy[i].dir;
        return (x < y ? -1 : 1) * sortBy[i].dir;
      }
      return 0;
    });
    rows = decorated.map((d) => d.r);
    const start = Math.max(0, Number(data.StartRow ?? 0) || 0);
    const top = Number(data.TopRowCount ?? 0) || 0;
    const limit = Math.min(Number(data.Limit ?? 0) || state.knobs.maxLimit, state.knobs.maxLimit);
    const end = Math.min(start + limit, top > 0 ? top : Number.POSITIVE_INFINITY);
    const page = rows.slice(start, Math.max(start, end));
    const out = page.map((r) => {
      const values = resolved.map((k) => valueOf(meta, r, k));
      return asObjects ? Object.fromEntries(keys.map((k, i) => [k, values[i]])) : values;
    });
    return { response: json(out), formId: meta.formId };
  }

  function findRecord(meta: KdFormMeta, data: Record<string, unknown>): KdRecord | undefined {
    const table = dc.table(meta.formId);
    const id = Number(data.Id ?? data.id ?? 0);
    if (id) return table.get(id);
    const number = String(data.Number ?? data.number ?? '');
    return [...table.values()].find((r) => r[meta.numberKey] === number);
  }

  function view(formId: string, data: Record<string, unknown>) {
    const meta = dc.form(formId);
    if (!meta) return fail(MSG_CODE.exception, `业务对象标识${formId}不存在`);
    const rec = findRecord(meta, data);
    if (!rec) return fail(MSG_CODE.dataNotFound, '单据不存在或已被删除');
    const model: Record<string, unknown> = { Id: rec[meta.pk] };
    for (const [k, f] of Object.entries(meta.fields)) {
      const v = rec[k];
      const prop = k.replace(/^F/, '');
      if (f.type === 'ref') {
        const r = v as KdRef | undefined;
        model[prop] = r ? { Id: r.Id, Number: r.FNumber ?? '', Name: [{ Key: 2052, Value: r.FName ?? '' }] } : null;
        model[`${prop}_Id`] = r?.Id ?? 0;
      } else if (k === 'FName' || k === 'FOPPName') model[prop] = [{ Key: 2052, Value: v ?? '' }];
      else model[prop] = v ?? null;
    }
    return result(okStatus(), { Result: model });
  }

  function save(formId: string, data: Record<string, unknown>) {
    const meta = dc.form(formId);
    if (!meta) return fail(MSG_CODE.exception, `业务对象标识${formId}不存在`);
    const model = data.Model as Record<string, unknown> | undefined;
    if (!model || typeof model !== 'object') return fail(MSG_CODE.parameter, 'Model不能为空');
    if (state.rejectNext) {
      const r = state.rejectNext;
      state.rejectNext = undefined;
      return fail(r.msgCode, r.message, r.field);
    }
    const pkKey = Object.keys(model).find((k) => k.toLowerCase() === meta.pk.toLowerCase());
    const id = pkKey ? Number(model[pkKey]) || 0 : 0;
    const need = Array.isArray(data.NeedUpDateFields) ? (data.NeedUpDateFields as string[]) : [];
    const table = dc.table(meta.formId);
    const current = id ? table.get(id) : undefined;
    if (id && !current) return fail(MSG_CODE.dataNotFound, `单据内码${id}不存在或已被删除`);
    if (current && dc.locked.has(`${meta.formId}:${id}`)) {
      return fail(MSG_CODE.networkControl, `网控冲突：${meta.name}${String(current[meta.numberKey])}正在被其他用户编辑，请稍后再试`);
    }
    if (current && (current.FDocumentStatus === 'C' || current.FDocumentStatus === 'B')) {
      return fail(MSG_CODE.notOperable, current.FDocumentStatus === 'C' ? '单据已审核，不允许修改' : '单据正在审核中，不允许修改');
    }
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(model)) {
      if (k === pkKey) continue;
      const r = resolveKey(meta, k);
      if (!r || r.sub) {
        if (meta.entries?.some((e) => e.toLowerCase() === k.toLowerCase())) continue;
        return fail(MSG_CODE.fieldNotFound, `元数据中标识为${k}的字段不存在`, k);
      }
      if (current && need.length && !need.some((n) => n.toLowerCase() === k.toLowerCase())) continue;
      const f = meta.fields[r.base];
      if (f.type === 'ref') {
        const o = v as Record<string, unknown> | null;
        const refId = Number(o?.FID ?? o?.Id ?? 0);
        const num = typeof o?.FNumber === 'string' ? o.FNumber : undefined;
        if (f.refForm && (refId || num)) {
          const targetMeta = dc.form(f.refForm)!;
          const target = refId ? dc.table(f.refForm).get(refId) : [...dc.table(f.refForm).values()].find((x) => x[targetMeta.numberKey] === num);
          if (!target) return fail(MSG_CODE.validation, `字段${k}的值${num ?? refId}不存在`, k);
          changes[r.base] = { Id: target[targetMeta.pk], FNumber: target[targetMeta.numberKey], FName: target.FName ?? target.FOPPName };
        } else if (num !== undefined) {
          changes[r.base] = num ? { Id: hashId(num), FNumber: num, FName: num, FDataValue: num } : null;
        } else changes[r.base] = null;
      } else if (f.type === 'number') {
        if (typeof v !== 'number' || !Number.isFinite(v)) return fail(MSG_CODE.validation, `字段${k}的值不是有效数值`, k);
        changes[r.base] = v;
      } else if (f.type === 'date' || f.type === 'datetime') {
        if (v !== '' && (typeof v !== 'string' || Number.isNaN(Date.parse(v)))) return fail(MSG_CODE.validation, `字段${k}的值不是有效日期`, k);
        changes[r.base] = v === '' ? '' : f.type === 'date' ? `${(v as string).slice(0, 10)}T00:00:00` : (v as string).replace(' ', 'T');
      } else if (f.type === 'pk' || f.type === 'status') {
        continue;
      } else changes[r.base] = v == null ? '' : String(v);
    }
    const stamp = dc.stamp();
    let rec: KdRecord;
    if (current) {
      rec = { ...current, ...changes, FModifyDate: stamp };
      // IsDeleteEntry defaults to true: entries missing from the payload are deleted.
      if (data.IsDeleteEntry !== false && rec.$entries) {
        rec.$entries = Object.fromEntries(Object.entries(rec.$entries).map(([e, rows]) => [e, Object.keys(model).some((k) => k.toLowerCase() === e.toLowerCase()) ? rows : []]));
      }
      table.set(id, rec);
    } else {
      const missing = Object.entries(meta.fields).find(([k, f]) => f.mustInput && !changes[k]);
      if (missing) return fail(MSG_CODE.validation, `字段${missing[0]}是必录字段`, missing[0]);
      [rec] = dc.insert(meta.formId, [{ ...changes, FDocumentStatus: 'A' }]);
    }
    state.writesApplied++;
    const entity: KdSuccessEntity = { Id: rec[meta.pk] as number, Number: String(rec[meta.numberKey] ?? ''), DIndex: 0 };
    const ret = Array.isArray(data.NeedReturnFields)
      ? [Object.fromEntries((data.NeedReturnFields as string[]).map((k) => { const r = resolveKey(meta, k); return [k, r ? valueOf(meta, rec, r) : null]; }))]
      : [];
    return result(okStatus([entity]), { Id: entity.Id, Number: entity.Number, NeedReturnData: ret });
  }

  function statusOp(op: string, formId: string, data: Record<string, unknown>) {
    const meta = dc.form(formId);
    if (!meta) return fail(MSG_CODE.exception, `业务对象标识${formId}不存在`);
    const table = dc.table(meta.formId);
    const ids = String(data.Ids ?? '').split(',').map((s) => Number(s.trim())).filter(Boolean);
    const numbers = Array.isArray(data.Numbers) ? (data.Numbers as string[]) : [];
    const recs = [...ids.map((i) => table.get(i)), ...numbers.map((n) => [...table.values()].find((r) => r[meta.numberKey] === n))];
    if (recs.length === 0) return fail(MSG_CODE.billIdEmpty, '单据编码或内码不能为空');
    const isOpp = meta.formId === 'CRM_OPP_Opportunity';
    const errors: Array<{ FieldName: string | null; Message: string; DIndex: number }> = [];
    const ok: KdSuccessEntity[] = [];
    recs.forEach((rec, i) => {
      if (!rec) return errors.push({ FieldName: null, Message: '单据不存在或已被删除', DIndex: i });
      if (dc.locked.has(`${meta.formId}:${String(rec[meta.pk])}`)) return errors.push({ FieldName: null, Message: '网控冲突：单据正在被其他用户操作', DIndex: i });
      const s = String(rec.FDocumentStatus);
      const set = (to: string) => {
        rec.FDocumentStatus = to;
        rec.FModifyDate = dc.stamp();
        state.writesApplied++;
        ok.push({ Id: rec[meta.pk] as number, Number: String(rec[meta.numberKey]), DIndex: i });
      };
      switch (op) {
        case 'Submit': return ['A', 'D', 'Z'].includes(s) ? set('B') : errors.push({ FieldName: null, Message: '单据不是创建或重新审核状态，不能提交', DIndex: i });
        case 'CancelAssign': return s === 'B' ? set('A') : errors.push({ FieldName: null, Message: '单据不是审核中状态，不能撤销', DIndex: i });
        // The one public CRM deployment moves an audited opportunity straight to G (执行中).
        case 'Audit': return s === 'B' ? set(isOpp ? 'G' : 'C') : errors.push({ FieldName: null, Message: '单据不是审核中状态，不能审核', DIndex: i });
        case 'UnAudit': return s === 'C' || (isOpp && s === 'G') ? set('D') : errors.push({ FieldName: null, Message: '单据不是已审核状态，不能反审核', DIndex: i });
        case 'Delete':
          if (!['A', 'D', 'Z'].includes(s)) return errors.push({ FieldName: null, Message: '单据已提交或审核，不能删除', DIndex: i });
          table.delete(rec[meta.pk] as number);
          state.writesApplied++;
          return ok.push({ Id: rec[meta.pk] as number, Number: String(rec[meta.numberKey]), DIndex: i });
        case 'Win': case 'Lose': {
          if (!isOpp) return errors.push({ FieldName: null, Message: `操作${op}不适用于${meta.name}`, DIndex: i });
          if (rec.FCloseStatus === '1') return errors.push({ FieldName: null, Message: '商机已关闭，不能赢单或输单', DIndex: i });
          if (s !== 'G') return errors.push({ FieldName: null, Message: '只有执行中的商机才能赢单或输单', DIndex: i });
          if (!rec.FWinDate) return errors.push({ FieldName: 'FWinDate', Message: '输赢日期不能为空', DIndex: i });
          if (!(rec.FWinReason as KdRef | null)?.FNumber) return errors.push({ FieldName: 'FWinReason', Message: '输赢原因不能为空', DIndex: i });
          return set(op === 'Win' ? 'E' : 'F');
        }
        case 'UnWin': return isOpp && s === 'E' ? set('G') : errors.push({ FieldName: null, Message: '只有赢单的商机才能反赢单', DIndex: i });
        case 'UnLose': return isOpp && s === 'F' ? set('G') : errors.push({ FieldName: null, Message: '只有输单的商机才能反输单', DIndex: i });
        case 'Forbid': rec.FForbidStatus = 'B'; return set(s);
        case 'Enable': rec.FForbidStatus = 'A'; return set(s);
        default: return errors.push({ FieldName: null, Message: `操作${op}不存在`, DIndex: i });
      }
    });
    if (errors.length) {
      const locked = errors.some((e) => e.Message.startsWith('网控'));
      return result({ ...failStatus(locked ? MSG_CODE.networkControl : MSG_CODE.notOperable, ''), Errors: errors, SuccessEntitys: ok });
    }
    return result(okStatus(ok));
  }
}

function hashId(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return 100_000 + (Math.abs(h) % 900_000);
}

export { KD_FORMS };
