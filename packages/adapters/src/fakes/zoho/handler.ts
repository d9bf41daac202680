// The Zoho CRM fake's request handler: OAuth token endpoint, v8 records (list with `fields`,
// `page`/`per_page`, `page_token` past 2,000, `If-Modified-Since` → 304, 204 when empty),
// PUT/POST with per-record results (200 / 207 / 400), settings metadata, and the
// `{code, details, message, status}` error shape. Wire facts: reference/crm-apis.md §2.
import { randomBytes } from 'node:crypto';
import type { FakeRequest, FakeResponse } from '../shared/server.js';
import type { ZohoActionResult, ZohoError, ZohoRecord } from '../../zoho/wire.js';
import { ZOHO_DISCRETE_PAGING_LIMIT, ZOHO_MAX_PER_PAGE, ZOHO_MAX_WRITE_BATCH } from '../../zoho/wire.js';
import { ZOHO_FAKE_FIELDS, formatZohoDateTime, type ZohoOrg } from './state.js';

export interface ZohoClientCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface ZohoFakeAuth {
  clients: ZohoClientCredentials[];
  /** Seconds an access token lives (Zoho: 3600). */
  tokenTtlSec: number;
}

interface PageTokenState {
  key: string;
  offset: number;
  expires: number;
}

/** Everything the fake remembers between requests. */
export class ZohoFakeServerState {
  readonly tokens = new Map<string, { expires: number; clientId: string }>();
  readonly pageTokens = new Map<string, PageTokenState>();
  /** Requests seen: method, path, query, the headers tests look at. */
  readonly log: Array<{ method: string; path: string; query: string; authorization?: string; ifModifiedSince?: string }> = [];
  /** Applied record writes (a retried write that lands twice counts twice). */
  writesApplied = 0;
  /** The next PUT/POST is refused per record with this code (conformance: vendor error mapping). */
  rejectNext?: { code: string; message: string; apiName: string };
  /** Ids served in a shape that breaks the core model (bad-record quarantine tests). */
  readonly corruptIds = new Set<string>();
  /** Extra corruption rule (the shared `invalidRecordRate` knob). */
  isCorrupt: (module: string, id: string) => boolean = () => false;
  /**
   * A single-currency org (multi-currency never activated, or the free edition): its modules have
   * no Currency / Exchange_Rate fields (Zoho CRM help, Manage Multiple Currencies: the Currency
   * field is available in records only after multi-currency is activated).
   */
  singleCurrency = false;
  constructor(readonly org: ZohoOrg, readonly auth: ZohoFakeAuth, public baseUrl = '') {}

  /** Invalidates every live access token: the next call gets 401 INVALID_TOKEN. */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Issues a token directly (for tests that inject one rather than refresh). */
  issueToken(clientId = this.auth.clients[0]?.clientId ?? 'client'): string {
    const token = `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
    this.tokens.set(token, { expires: this.org.now() + this.auth.tokenTtlSec * 1000, clientId });
    return token;
  }
}

export function zohoError(code: string, message: string, details: Record<string, unknown> = {}): ZohoError {
  return { code, details, message, status: 'error' };
}

const sendJson = (status: number, body: unknown): FakeResponse => ({ status, body });
const sendEmpty = (status: 204 | 304): FakeResponse => ({ status, text: '' });

/** Form fields from urlencoded or multipart/form-data (the official SDK posts multipart). */
export function parseForm(text: string, contentType: string | undefined): Record<string, string> {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (boundary) {
    const out: Record<string, string> = {};
    for (const part of text.split(`--${boundary}`)) {
      const m = /name="([^"]+)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n?$/.exec(part);
      if (m) out[m[1]] = m[2].replace(/\r?\n$/, '');
    }
    return out;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const MODULE_PATH = /^\/crm\/v\d+\/([A-Za-z_]+)(?:\/(\d+))?$/;

export function createZohoHandler(state: ZohoFakeServerState): (req: FakeRequest) => FakeResponse {
  const { org } = state;

  return (req) => {
    const url = req.url;
    const method = req.method;
    state.log.push({
      method, path: url.pathname, query: url.search,
      authorization: req.headers.authorization, ifModifiedSince: req.headers['if-modified-since'] as string | undefined,
    });

    if (url.pathname === '/oauth/v2/token' && method === 'POST') return token(req);

    if (!url.pathname.startsWith('/crm/')) return sendJson(404, zohoError('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'));

    const auth = req.headers.authorization;
    if (!auth) return sendJson(401, zohoError('AUTHENTICATION_FAILURE', 'Authentication failed'));
    const m = /^Zoho-oauthtoken\s+(\S+)$/.exec(auth);
    const live = m ? state.tokens.get(m[1]) : undefined;
    if (!live || live.expires <= org.now()) {
      if (m && live) state.tokens.delete(m[1]);
      return sendJson(401, zohoError('INVALID_TOKEN', 'invalid oauth token'));
    }

    const path = url.pathname.replace(/^\/crm\/v\d+/, '');
    if (path.startsWith('/users') && method === 'GET') return users(path, url, req.headers['if-modified-since'] as string | undefined);
    if (path === '/org' && method === 'GET') return sendJson(200, { org: [{ id: '4150868000000006034', zgid: '10234695', company_name: 'Zylker', currency: 'CNY', time_zone: 'Asia/Shanghai' }] });
    if (path === '/settings/fields' && method === 'GET') return fields(url);
    if (path === '/settings/layouts' && method === 'GET') return layouts(url);
    if (path === '/settings/pipeline' && method === 'GET') return pipelines(url);

    const mm = MODULE_PATH.exec(url.pathname);
    if (!mm) return sendJson(404, zohoError('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'));
    const [, moduleName, recordId] = mm;
    const records = org.module(moduleName);
    if (!records) return sendJson(400, zohoError('INVALID_MODULE', 'the module name given seems to be invalid', {}));

    if (method === 'GET' && recordId) {
      const rec = records.get(recordId);
      return rec ? sendJson(200, { data: [serve(moduleName, rec)] }) : sendEmpty(204);
    }
    if (method === 'GET') return list(moduleName, records, url, req);
    if (method === 'PUT' || method === 'POST') {
      let body: unknown;
      try {
        body = JSON.parse(req.body || 'null');
      } catch {
        return sendJson(400, zohoError('INVALID_DATA', 'body is not valid JSON', {}));
      }
      const data = (body as { data?: unknown })?.data;
      if (!Array.isArray(data) || data.length === 0) return sendJson(400, zohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'data' }));
      if (data.length > ZOHO_MAX_WRITE_BATCH) return sendJson(400, zohoError('LIMIT_EXCEEDED', `you can update only ${ZOHO_MAX_WRITE_BATCH} records in a single request`, { limit: ZOHO_MAX_WRITE_BATCH }));
      const items = recordId ? data.map((d) => ({ ...(d as object), id: recordId })) : data;
      const reject = state.rejectNext;
      state.rejectNext = undefined;
      const results = items.map((item) => (reject ? actionError(reject.code, reject.message, { api_name: reject.apiName })
        : method === 'PUT' ? updateOne(moduleName, records, item) : createOne(moduleName, records, item)));
      state.writesApplied += results.filter((r) => r.status === 'success').length;
      const ok = results.filter((r) => r.status === 'success').length;
      const status = ok === results.length ? (method === 'POST' ? 201 : 200) : ok === 0 ? 400 : 207;
      return sendJson(status, { data: results });
    }
    return sendJson(405, zohoError('INVALID_REQUEST_METHOD', 'The http request method type is not a valid one'));
  };

  function token(req: FakeRequest): FakeResponse {
    const form = parseForm(req.body, req.headers['content-type']);
    const client = state.auth.clients.find((c) => c.clientId === form.client_id);
    // Zoho Accounts answers bad grants with HTTP 200 and an `error` field.
    if (!client || client.clientSecret !== form.client_secret) return sendJson(200, { error: 'invalid_client' });
    if (form.grant_type !== 'refresh_token') return sendJson(200, { error: 'unsupported_grant_type' });
    if (form.refresh_token !== client.refreshToken) return sendJson(200, { error: 'invalid_code' });
    const access = state.issueToken(client.clientId);
    return sendJson(200, {
      access_token: access, scope: 'ZohoCRM.modules.ALL ZohoCRM.settings.ALL', api_domain: state.baseUrl,
      token_type: 'Bearer', expires_in: state.auth.tokenTtlSec,
    });
  }

  /** The module's fields in this org. */
  function metaOf(module: string) {
    const meta = ZOHO_FAKE_FIELDS[module];
    return meta && state.singleCurrency ? meta.filter((m) => m.api_name !== 'Currency' && m.api_name !== 'Exchange_Rate') : meta;
  }

  function fields(url: URL): FakeResponse {
    const module = url.searchParams.get('module');
    if (!module) return sendJson(400, zohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'module' }));
    const meta = metaOf(module);
    if (!meta) return sendJson(400, zohoError('INVALID_MODULE', 'the module name given seems to be invalid', { param: 'module' }));
    const out = meta.map((m, i) => {
      const field: Record<string, unknown> = {
        api_name: m.api_name, data_type: m.data_type, field_label: m.api_name.replace(/_/g, ' '), id: String(4150868000000002000n + BigInt(i)),
        json_type: m.data_type === 'lookup' || m.data_type === 'ownerlookup' ? 'jsonobject' : m.data_type === 'integer' || m.data_type === 'currency' || m.data_type === 'double' ? (m.data_type === 'integer' ? 'integer' : 'double') : m.data_type === 'boolean' ? 'boolean' : m.data_type === 'multiselectpicklist' ? 'jsonarray' : 'string',
        system_mandatory: !!m.mandatory, read_only: !!m.read_only, visible: true,
      };
      if (m.data_type === 'lookup' && m.lookup) field.lookup = { module: { api_name: m.lookup, id: '1' }, display_label: m.lookup, api_name: m.api_name };
      if (module === 'Deals' && m.api_name === 'Stage') field.pick_list_values = org.stages;
      else if (module === 'Deals' && m.api_name === 'Pipeline') {
        field.pick_list_values = (org.pipelines.length ? org.pipelines : [{ display_value: 'Standard', actual_value: 'Standard', id: '4150868000000091023' }])
          .map((p, j) => ({ display_value: p.display_value, actual_value: p.actual_value, id: p.id, sequence_number: j + 1, type: 'used' }));
      } else if (m.data_type === 'picklist') {
        field.pick_list_values = [];
        field.restricted_picklist = false;
      }
      return field;
    });
    return sendJson(200, { fields: out });
  }

  function layouts(url: URL): FakeResponse {
    if (url.searchParams.get('module') !== 'Deals') return sendJson(200, { layouts: [] });
    return sendJson(200, { layouts: [{ id: org.layoutId, name: 'Standard', api_name: 'Standard', status: 'active', visible: true, source: 'crm' }] });
  }

  /** `GET /users[/{id}]`: `type` (AllUsers / ActiveUsers), `page` / `per_page`, If-Modified-Since → 304. */
  function users(path: string, url: URL, ims: string | undefined): FakeResponse {
    const shape = (u: (typeof org.users)[number]) => ({
      id: u.id, full_name: u.name, email: u.email, status: u.active === false ? 'disabled' : 'active',
      role: { name: u.role ?? 'CEO', id: '4150868000000026005' }, Modified_Time: u.modified ?? null,
    });
    const one = /^\/users\/(\d+)$/.exec(path);
    if (one) {
      const u = org.users.find((x) => x.id === one[1]);
      return u ? sendJson(200, { users: [shape(u)] }) : sendEmpty(204);
    }
    if (path !== '/users') return sendJson(404, zohoError('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one'));
    const type = url.searchParams.get('type') ?? 'AllUsers';
    let rows = type === 'ActiveUsers' ? org.users.filter((u) => u.active !== false) : org.users;
    if (ims) {
      const since = Date.parse(ims);
      rows = rows.filter((u) => u.modified && Date.parse(u.modified) > since);
      if (rows.length === 0) return sendEmpty(304);
    }
    const perPage = Math.min(Math.max(1, Number(url.searchParams.get('per_page') ?? 200)), 200);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const slice = rows.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return sendEmpty(204);
    return sendJson(200, { users: slice.map(shape), info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < rows.length } });
  }

  function pipelines(url: URL): FakeResponse {
    const layoutId = url.searchParams.get('layout_id');
    if (!layoutId) return sendJson(400, zohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'layout_id' }));
    if (layoutId !== org.layoutId) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { param: 'layout_id' }));
    if (org.pipelines.length === 0) return sendEmpty(204);
    return sendJson(200, { pipeline: org.pipelines });
  }

  function list(module: string, records: Map<string, ZohoRecord>, url: URL, req: FakeRequest): FakeResponse {
    const q = url.searchParams;
    const fieldsParam = q.get('fields');
    if (!fieldsParam) return sendJson(400, zohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param: 'fields' }));
    const wanted = fieldsParam.split(',').map((s) => s.trim()).filter(Boolean);
    const known = new Set(['id', ...metaOf(module).map((m) => m.api_name)]);
    if (wanted.length > 50) return sendJson(400, zohoError('LIMIT_EXCEEDED', 'fields limit exceeded', { param: 'fields', limit: 50 }));
    const unknown = wanted.find((w) => !known.has(w));
    if (unknown) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { api_name: unknown, param: 'fields' }));

    const perPage = q.has('per_page') ? Number(q.get('per_page')) : 200;
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > ZOHO_MAX_PER_PAGE) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { param: 'per_page', maximum_length: ZOHO_MAX_PER_PAGE }));
    const sortBy = q.get('sort_by') ?? 'id';
    const sortOrder = q.get('sort_order') ?? 'desc';
    if (!['id', 'Created_Time', 'Modified_Time'].includes(sortBy)) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { param: 'sort_by' }));
    if (!['asc', 'desc'].includes(sortOrder)) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { param: 'sort_order' }));

    let rows = [...records.values()];
    const ids = q.get('ids');
    if (ids) {
      const set = new Set(ids.split(','));
      rows = rows.filter((r) => set.has(r.id));
    }
    const ims = req.headers['if-modified-since'];
    if (typeof ims === 'string') {
      const since = Date.parse(ims);
      if (Number.isNaN(since)) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { header: 'If-Modified-Since' }));
      rows = rows.filter((r) => Date.parse(String(r.Modified_Time)) > since);
      if (rows.length === 0) return sendEmpty(304);
    }
    const dir = sortOrder === 'asc' ? 1 : -1;
    const byId = (a: ZohoRecord, b: ZohoRecord) => a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const time = (r: ZohoRecord) => Date.parse(String(r[sortBy])) || 0;
    rows.sort((a, b) => (sortBy === 'id' ? byId(a, b) : time(a) - time(b) || byId(a, b)) * dir);

    const key = `${module}|${fieldsParam}|${perPage}|${sortBy}|${sortOrder}|${ids ?? ''}|${ims ?? ''}`;
    let offset: number;
    let page: number;
    const pageToken = q.get('page_token');
    if (pageToken) {
      if (q.has('page')) return sendJson(400, zohoError('INVALID_REQUEST', 'page and page_token cannot be given together', { param: 'page_token' }));
      const t = state.pageTokens.get(pageToken);
      if (!t || t.expires <= org.now()) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { param: 'page_token' }));
      if (t.key !== key) return sendJson(400, zohoError('INVALID_DATA', 'page_token was issued for other parameters', { param: 'page_token' }));
      offset = t.offset;
      page = Math.floor(offset / perPage) + 1;
    } else {
      page = q.has('page') ? Number(q.get('page')) : 1;
      if (!Number.isInteger(page) || page < 1) return sendJson(400, zohoError('INVALID_DATA', 'invalid data', { param: 'page' }));
      if (page * perPage > ZOHO_DISCRETE_PAGING_LIMIT) {
        return sendJson(400, zohoError('DISCRETE_PAGINATION_LIMIT_EXCEEDED', `only the first ${ZOHO_DISCRETE_PAGING_LIMIT} records can be fetched with page and per_page; use page_token`, { limit: ZOHO_DISCRETE_PAGING_LIMIT }));
      }
      offset = (page - 1) * perPage;
    }
    const slice = rows.slice(offset, offset + perPage);
    if (slice.length === 0) return sendEmpty(204);
    const more = offset + slice.length < rows.length;
    let next: string | null = null;
    let expiry: string | null = null;
    if (more) {
      next = randomBytes(24).toString('hex');
      const expires = org.now() + 24 * 3600_000;
      state.pageTokens.set(next, { key, offset: offset + slice.length, expires });
      expiry = formatZohoDateTime(expires, org.offset);
    }
    const data = slice.map((stored) => {
      const r = serve(module, stored);
      const out: Record<string, unknown> = { id: r.id };
      for (const w of wanted) out[w] = r[w] ?? null;
      if ('What_Id' in out && r.$se_module) out.$se_module = r.$se_module;
      return out;
    });
    return sendJson(200, {
      data,
      info: {
        per_page: perPage, next_page_token: next, count: slice.length, sort_by: sortBy, page,
        previous_page_token: pageToken ?? null, page_token_expiry: expiry, sort_order: sortOrder, more_records: more,
      },
    });
  }

  /** A stored record as served: broken on purpose when the corruption knobs pick it. */
  function serve(module: string, stored: ZohoRecord): ZohoRecord {
    let r = stored;
    if (state.singleCurrency && ('Currency' in r || 'Exchange_Rate' in r)) {
      const { Currency: _c, Exchange_Rate: _x, ...rest } = r;
      r = rest as ZohoRecord;
    }
    if (!state.corruptIds.has(r.id) && !state.isCorrupt(module, r.id)) return r;
    if (module === 'Accounts') return { ...r, Account_Name: null, Employees: 'many' };
    if (module === 'Deals') return { ...r, Closing_Date: 'next quarter', Amount: 'lots' };
    return { ...r, Account_Name: null, Account: null, What_Id: null, Subject: null, Name: null };
  }

  function validate(module: string, item: Record<string, unknown>, creating: boolean): ZohoActionResult | undefined {
    const meta = metaOf(module);
    for (const [k, v] of Object.entries(item)) {
      if (k === 'id' || k === '$se_module') continue;
      const fm = meta.find((m) => m.api_name === k);
      if (!fm) return actionError('INVALID_DATA', 'invalid data', { api_name: k });
      if (fm.read_only) return actionError('INVALID_DATA', 'the field is read only', { api_name: k });
      if (v === null) {
        if (fm.mandatory) return actionError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: k });
        continue;
      }
      const bad = () => actionError('INVALID_DATA', 'invalid data', { api_name: k, expected_data_type: fm.data_type });
      switch (fm.data_type) {
        case 'integer': case 'bigint': if (!Number.isInteger(v)) return bad(); break;
        case 'currency': case 'double': case 'percent': if (typeof v !== 'number' || !Number.isFinite(v)) return bad(); break;
        case 'boolean': if (typeof v !== 'boolean') return bad(); break;
        case 'date': if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return bad(); break;
        case 'datetime': if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) return bad(); break;
        case 'lookup': case 'ownerlookup': if (!v || typeof v !== 'object' || !(v as { id?: unknown }).id) return bad(); break;
        case 'picklist':
          if (typeof v !== 'string') return bad();
          if (module === 'Deals' && k === 'Stage' && !org.stageByValue(v)) return actionError('INVALID_DATA', 'invalid data', { api_name: k });
          if (module === 'Deals' && k === 'Pipeline' && org.pipelines.length && !org.pipelines.some((p) => p.actual_value === v)) return actionError('INVALID_DATA', 'invalid data', { api_name: k });
          break;
        default: if (typeof v !== 'string' && k !== 'Tag') return bad();
      }
    }
    if (creating) {
      const missing = meta.find((m) => m.mandatory && (item[m.api_name] === undefined || item[m.api_name] === null || item[m.api_name] === ''));
      if (missing) return actionError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: missing.api_name });
    }
    return undefined;
  }

  function resolveLookups(module: string, item: Record<string, unknown>): Record<string, unknown> {
    const out = { ...item };
    for (const fm of ZOHO_FAKE_FIELDS[module]) {
      const v = out[fm.api_name] as { id?: string } | null | undefined;
      if (!v || typeof v !== 'object') continue;
      if (fm.data_type === 'ownerlookup') out[fm.api_name] = { id: String(v.id), name: org.user.name, email: org.user.email };
      else if (fm.data_type === 'lookup') {
        const target = fm.lookup ? org.module(fm.lookup)?.get(String(v.id)) : undefined;
        out[fm.api_name] = { id: String(v.id), name: target ? String(target.Account_Name ?? target.Deal_Name ?? target.Full_Name ?? target.Name ?? '') : (v as { name?: string }).name ?? null };
      }
    }
    return out;
  }

  function updateOne(module: string, records: Map<string, ZohoRecord>, raw: unknown): ZohoActionResult {
    const item = raw as Record<string, unknown>;
    const id = item?.id === undefined ? undefined : String(item.id);
    if (!id) return actionError('MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'id' });
    const current = records.get(id);
    if (!current) return actionError('INVALID_DATA', 'the related id given seems to be invalid', { api_name: 'id', id });
    const invalid = validate(module, item, false);
    if (invalid) return invalid;
    const patch = resolveLookups(module, item);
    delete patch.id;
    if (module === 'Deals' && typeof patch.Stage === 'string' && patch.Probability === undefined && patch.Stage !== current.Stage) {
      patch.Probability = org.stageByValue(patch.Stage)?.probability ?? current.Probability;
    }
    if (module === 'Contacts' && (patch.First_Name !== undefined || patch.Last_Name !== undefined)) {
      patch.Full_Name = [patch.First_Name ?? current.First_Name, patch.Last_Name ?? current.Last_Name].filter(Boolean).join(' ');
    }
    const stamp = org.stamp();
    const by = { name: org.user.name, id: org.user.id };
    records.set(id, { ...current, ...patch, id, Modified_Time: stamp, Modified_By: by });
    return {
      code: 'SUCCESS',
      details: { Modified_Time: stamp, Modified_By: by, Created_Time: current.Created_Time, id, Created_By: current.Created_By ?? by },
      message: 'record updated', status: 'success',
    };
  }

  function createOne(module: string, records: Map<string, ZohoRecord>, raw: unknown): ZohoActionResult {
    const item = (raw ?? {}) as Record<string, unknown>;
    const invalid = validate(module, { ...item, id: undefined }, true);
    if (invalid) return invalid;
    const fields = resolveLookups(module, item);
    delete fields.id;
    if (module === 'Deals' && typeof fields.Stage === 'string' && fields.Probability === undefined) fields.Probability = org.stageByValue(fields.Stage)?.probability;
    if (module === 'Contacts') fields.Full_Name = [fields.First_Name, fields.Last_Name].filter(Boolean).join(' ');
    const by = { name: org.user.name, id: org.user.id };
    const [rec] = org.insert(module, [{ ...fields, Created_By: by, Modified_By: by }]);
    records.set(rec.id, rec);
    return {
      code: 'SUCCESS',
      details: { Modified_Time: rec.Modified_Time, Modified_By: by, Created_Time: rec.Created_Time, id: rec.id, Created_By: by },
      message: 'record added', status: 'success',
    };
  }
}

function actionError(code: string, message: string, details: Record<string, unknown>): ZohoActionResult {
  return { code, details, message, status: 'error' };
}
