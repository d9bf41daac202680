// A Salesforce REST API fake faithful enough for jsforce and our adapter (checklist in
// reference/crm-apis.md §11): OAuth token endpoint, versions and resources, SOQL /query with
// query locators and nextRecordsUrl, sObject GET / PATCH (If-Unmodified-Since, If-Match on
// Account) / POST, describe, /updated, /limits, error arrays, 401 INVALID_SESSION_ID,
// 403 REQUEST_LIMIT_EXCEEDED, and Sforce-Limit-Info on every response.
import { createHash, createHmac } from 'node:crypto';
import type { Book } from '@kamkit/core';
import { FakeHttpServer, type FakeRequest, type FakeResponse, type FakeStats, type FaultKnobs } from '../shared/server.js';
import { compareBy, evaluate, fieldsOf, parseSoql, SoqlError, type SoqlQuery } from './soql.js';
import { fieldName, objectOfId, sfDateTime, sobjects } from './schema.js';
import { SalesforceOrg, type SObject } from './org.js';
import type { ConformanceFake } from '../../conformance/suite.js';

export interface SalesforceFakeOptions {
  book?: Partial<Book>;
  faults?: FaultKnobs;
  /** Connected app credentials the token endpoint accepts. */
  clientId?: string;
  clientSecret?: string;
  /** A refresh token the token endpoint accepts. */
  refreshToken?: string;
  /** An access token valid from the start (token injection). */
  accessToken?: string;
  /** Username / password accepted by the password grant. */
  username?: string;
  password?: string;
  /** Daily API allowance; beyond it every call gets 403 REQUEST_LIMIT_EXCEEDED. Default 100 000. */
  dailyApiLimit?: number;
  /**
   * How long a query locator and its results stay readable after the query that opened it.
   * Default two days, as Salesforce documents (see `Locator`).
   */
  locatorTtlMs?: number;
  /**
   * Query locators the fake keeps at most; beyond it the oldest is released. Salesforce itself
   * has no such limit any more: this only bounds the fake's memory in a long-running demo.
   * Default 1,000. Set 10 to play an org from before API 56.0 (ten cursors per user).
   */
  maxLocators?: number;
  /** Clock for locator expiry, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /**
   * Whether the org has multiple currencies turned on. Default true. A single-currency org (the
   * default for a new org) has no `CurrencyIsoCode` field at all: SOQL, field lists and writes
   * naming it get 400 INVALID_FIELD, as on Salesforce (the field exists only with multicurrency,
   * object reference: "available only for organizations with the multicurrency feature enabled").
   */
  multiCurrency?: boolean;
}

/** Two days: how long Salesforce keeps a query locator and its results (see `Locator`). */
const LOCATOR_TTL_MS = 2 * 24 * 60 * 60 * 1000;

const err = (status: number, errorCode: string, message: string, fields?: string[]): FakeResponse =>
  ({ status, body: [{ message, errorCode, ...(fields ? { fields } : {}) }] });

const isWrite = (r: FakeRequest) => (r.method === 'PATCH' || r.method === 'POST') && r.path.includes('/sobjects/');

/**
 * A server-side cursor behind a `nextRecordsUrl`. Salesforce documents that a cursor and its
 * results stay available for two days after the query ran, and that there is no longer a limit
 * on open cursors (API Query Cursor Limits,
 * https://developer.salesforce.com/docs/platform/salesforce-app-limits-cheatsheet/guide/salesforce-app-limits-platform-apicursors.html;
 * the same two days in help article 000384958, https://help.salesforce.com/s/articleView?id=000384958).
 * The older rule (at most 10 cursors per user, expiry after 15 minutes of inactivity, still in the
 * SOAP API's QueryLocator page) ended with API 56.0, for every API version. So reading the last
 * batch does not close a locator: a client that lost the answer to a page, the last one included,
 * asks for the same nextRecordsUrl again and gets the same records. Only an unknown, expired or
 * released locator gets 400 INVALID_QUERY_LOCATOR.
 */
interface Locator {
  /** When it stops being readable (epoch ms). */
  expiresAt: number;
  object: string;
  fields: string[];
  ids: string[];
  version: string;
  /** The batch size of the query that opened the locator (kept for every later batch). */
  batch: number;
}

export class SalesforceFake implements ConformanceFake {
  readonly org = new SalesforceOrg();
  readonly server: FakeHttpServer;
  /** Access tokens currently valid. */
  private readonly tokens = new Set<string>();
  private tokenCounter = 0;
  private apiUsed = 0;
  private readonly locators = new Map<string, Locator>();
  private locatorCounter = 0;
  private writes = 0;
  /** Ids served with a schema violation (records a bad integration wrote). */
  private readonly corrupted = new Set<string>();
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;

  constructor(private readonly opts: SalesforceFakeOptions = {}) {
    this.clientId = opts.clientId ?? '3MVG9kamkit.fake.client';
    this.clientSecret = opts.clientSecret ?? 'fake-client-secret';
    this.refreshToken = opts.refreshToken ?? '5Aep861kamkit.fake.refresh';
    if (opts.accessToken) this.tokens.add(opts.accessToken);
    if (opts.book) this.org.seed(opts.book);
    this.server = new FakeHttpServer((req) => this.route(req), {
      faults: opts.faults,
      exempt: (req) => req.path === '/services/oauth2/token',
      headers: (req): Record<string, string> => (req.path.startsWith('/services/data') ? { 'sforce-limit-info': `api-usage=${this.apiUsed}/${this.dailyLimit}` } : {}),
      faultBodies: {
        serverError: (status) => status === 503
          ? err(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable; please retry.')
          : err(status, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 1730492918-42 (-1424130593)'),
        rateLimited: () => err(429, 'REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'),
      },
    });
  }

  async start(): Promise<this> {
    await this.server.listen();
    return this;
  }

  get url(): string {
    return this.server.url;
  }

  get stats(): FakeStats {
    return this.server.stats;
  }

  private get dailyLimit(): number {
    return this.opts.dailyApiLimit ?? 100_000;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  setFaults(knobs: FaultKnobs): void {
    this.server.setFaults(knobs);
  }

  /** Issues a valid access token (as if a user had logged in). */
  issueToken(): string {
    const t = `${this.org.orgId}!AQ0AQ${createHash('sha256').update(`tok-${++this.tokenCounter}-${this.server.port}`).digest('base64url').slice(0, 40)}`;
    this.tokens.add(t);
    return t;
  }

  /** Ends every session: the next call with an old token gets 401 INVALID_SESSION_ID. */
  expireSessions(): void {
    this.tokens.clear();
  }

  /** Sets the daily API calls used so far (to exercise Sforce-Limit-Info and REQUEST_LIMIT_EXCEEDED). */
  setApiUsage(used: number): void {
    this.apiUsed = used;
  }

  rejectNextWrite(): string {
    this.server.queueResponse(isWrite, err(400, 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Name: KAM validation rule refuses this change', ['Name']));
    return 'FIELD_CUSTOM_VALIDATION_EXCEPTION';
  }

  dropNextWriteResponse(): void {
    this.server.queueDropAfterHandling(isWrite);
  }

  corrupt(kind: 'accounts' | 'opportunities', count: number): string[] {
    const object = kind === 'accounts' ? 'Account' : 'Opportunity';
    const all = [...this.org.records.get(object)!.keys()];
    const step = Math.max(1, Math.floor(all.length / count));
    const ids = all.filter((_, i) => i % step === step - 1).slice(0, count);
    for (const id of ids) this.corrupted.add(id);
    return ids;
  }

  writesApplied(): number {
    return this.writes;
  }

  /** The Salesforce id given to a seeded book record (`kind`, book id). */
  idOf(kind: string, bookId: string): string | undefined {
    return this.org.idMap.get(`${kind}:${bookId}`);
  }

  // ——— routing ———

  private route(req: FakeRequest): FakeResponse {
    if (req.path === '/services/oauth2/token') return this.token(req);
    if (req.path === '/services/data' || req.path === '/services/data/') {
      return { status: 200, body: ['52.0', '58.0', '60.0', '62.0', '64.0'].map((v) => ({ label: `v${v}`, url: `/services/data/v${v}`, version: v })) };
    }
    const m = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(req.path);
    if (!m) return err(404, 'NOT_FOUND', 'The requested resource does not exist');
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && /^(Bearer|OAuth) /i.test(auth) ? auth.replace(/^(Bearer|OAuth) /i, '') : undefined;
    if (!token || !this.tokens.has(token)) return err(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    this.apiUsed++;
    if (this.apiUsed > this.dailyLimit) {
      return err(403, 'REQUEST_LIMIT_EXCEEDED', `TotalRequests Limit exceeded.`);
    }
    const version = m[1];
    const rest = (m[2] ?? '/').replace(/\/$/, '') || '/';
    if (rest === '/') {
      const base = `/services/data/v${version}`;
      return { status: 200, body: { sobjects: `${base}/sobjects`, query: `${base}/query`, queryAll: `${base}/queryAll`, limits: `${base}/limits`, composite: `${base}/composite` } };
    }
    if (rest === '/limits') {
      return { status: 200, body: { DailyApiRequests: { Max: this.dailyLimit, Remaining: Math.max(0, this.dailyLimit - this.apiUsed) } } };
    }
    if ((rest === '/query' || rest === '/queryAll') && req.method === 'GET') return this.query(req, version);
    const loc = /^\/query(?:All)?\/([\w]+)-(\d+)$/.exec(rest);
    if (loc && req.method === 'GET') return this.more(loc[1], Number(loc[2]), req, version);
    if (rest === '/sobjects' && req.method === 'GET') {
      return { status: 200, body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects: Object.entries(sobjects).map(([name, o]) => ({ name, label: name, keyPrefix: o.prefix, queryable: true, updateable: name !== 'OpportunityStage', urls: { sobject: `/services/data/v${version}/sobjects/${name}` } })) } };
    }
    const so = /^\/sobjects\/(\w+)(?:\/([^/]+))?(?:\/(\w+))?$/.exec(rest);
    if (so) {
      const object = Object.keys(sobjects).find((k) => k.toLowerCase() === so[1].toLowerCase());
      if (!object) return err(404, 'NOT_FOUND', `The requested resource does not exist`);
      if (so[2] === 'describe' && !so[3] && req.method === 'GET') return this.describe(object, version);
      if (so[2] === 'updated' && !so[3] && req.method === 'GET') return this.updated(object, req);
      if (!so[2] && req.method === 'POST') return this.create(object, req);
      if (so[2] && !so[3]) {
        if (req.method === 'GET') return this.read(object, so[2], req, version);
        if (req.method === 'PATCH') return this.patch(object, so[2], req);
        if (req.method === 'DELETE') return err(405, 'METHOD_NOT_ALLOWED', 'HTTP Method \'DELETE\' not allowed by this fake');
      }
    }
    return err(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private token(req: FakeRequest): FakeResponse {
    if (req.method !== 'POST') return { status: 405, body: { error: 'invalid_request', error_description: 'must use HTTP POST' } };
    const form = req.form();
    const grant = form.get('grant_type');
    const client = form.get('client_id');
    if (client !== this.clientId) return { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } };
    if (form.has('client_secret') && form.get('client_secret') !== this.clientSecret) {
      return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    }
    if (grant === 'refresh_token') {
      if (form.get('refresh_token') !== this.refreshToken) return { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } };
    } else if (grant === 'password') {
      if (!this.opts.username || form.get('username') !== this.opts.username || form.get('password') !== this.opts.password) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'authentication failure' } };
      }
    } else if (grant === 'client_credentials') {
      if (form.get('client_secret') !== this.clientSecret) return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
    } else {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' } };
    }
    const accessToken = this.issueToken();
    const issuedAt = String(Date.now());
    const id = `${this.url}/id/${this.org.orgId}/0055g00000KAMKIT`;
    return {
      status: 200,
      body: {
        access_token: accessToken, instance_url: this.url, id, token_type: 'Bearer', issued_at: issuedAt,
        signature: createHmac('sha256', this.clientSecret).update(id + issuedAt).digest('base64'), scope: 'api refresh_token',
      },
    };
  }

  /** `fieldName` of the org: no CurrencyIsoCode in a single-currency org. */
  private field(object: string, name: string): string | undefined {
    const f = fieldName(object, name);
    return f === 'CurrencyIsoCode' && this.opts.multiCurrency === false ? undefined : f;
  }

  private fieldsOf(object: string): string[] {
    return Object.keys(sobjects[object].fields).filter((f) => this.field(object, f));
  }

  // ——— query ———

  private typeOf(object: string) {
    return (field: string) => sobjects[object].fields[field]?.type ?? 'string';
  }

  private query(req: FakeRequest, version: string): FakeResponse {
    const q = req.query.get('q');
    if (!q) return err(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    let parsed: SoqlQuery;
    try {
      parsed = parseSoql(q);
    } catch (e) {
      if (e instanceof SoqlError) return err(400, e.errorCode, `\n${q}\nERROR at Row:1:Column:1\n${e.message}`);
      throw e;
    }
    const object = Object.keys(sobjects).find((k) => k.toLowerCase() === parsed.object.toLowerCase());
    if (!object) return err(400, 'INVALID_TYPE', `\n${q}\n${' '.repeat(0)}^\nERROR at Row:1:Column:1\nsObject type '${parsed.object}' is not supported.`);
    // Normalise names (SOQL is case-insensitive) and refuse unknown columns as Salesforce does.
    const resolve = (name: string): string | undefined => {
      if (name.includes('.')) {
        const [rel, f] = name.split('.');
        const parentField = this.field(object, `${rel}Id`);
        if (!parentField) return undefined;
        const parentObject = rel.toLowerCase() === 'owner' ? 'User' : Object.keys(sobjects).find((k) => k.toLowerCase() === rel.toLowerCase());
        const pf = parentObject ? this.field(parentObject, f) : undefined;
        return pf ? `${parentField.slice(0, -2)}.${pf}` : undefined;
      }
      return this.field(object, name);
    };
    const bad = [...parsed.fields, ...fieldsOf(parsed.where), ...parsed.orderBy.map((o) => o.field)].find((f) => !resolve(f));
    if (bad) return err(400, 'INVALID_FIELD', `\n${q}\nERROR at Row:1:Column:1\nNo such column '${bad}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
    const fields = parsed.fields.map((f) => resolve(f)!);
    const where = parsed.where ? renameFields(parsed.where, resolve) : undefined;
    const typeOf = this.typeOf(object);
    let rows = [...this.org.records.get(object)!.values()];
    if (req.path.endsWith('/query')) rows = rows.filter((r) => r.IsDeleted !== true);
    if (where) rows = rows.filter((r) => evaluate(where, r, typeOf));
    if (parsed.orderBy.length) rows.sort(compareBy(parsed.orderBy.map((o) => ({ ...o, field: resolve(o.field)! })), typeOf));
    if (parsed.offset) rows = rows.slice(parsed.offset);
    if (parsed.limit !== undefined) rows = rows.slice(0, parsed.limit);
    if (parsed.count && fields.length === 0) return { status: 200, body: { totalSize: rows.length, done: true, records: [] } };
    const ids = rows.map((r) => r.Id);
    const batch = batchSizeOf(req);
    const first = ids.slice(0, batch);
    const body: Record<string, unknown> = { totalSize: ids.length, done: ids.length <= batch };
    if (ids.length > batch) {
      const id = `01g5g00000${(++this.locatorCounter).toString(36).toUpperCase().padStart(6, '0')}`;
      this.openLocator(id, { expiresAt: this.now() + (this.opts.locatorTtlMs ?? LOCATOR_TTL_MS), object, fields, ids, version, batch });
      body.nextRecordsUrl = `/services/data/v${version}/query/${id}-${batch}`;
    }
    body.records = first.map((rid) => this.present(object, this.org.get(object, rid)!, fields, version));
    return { status: 200, body };
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** Keeps a new locator, first letting go of expired ones and, past the cap, the oldest. */
  private openLocator(id: string, loc: Locator): void {
    // Insertion order is opening order, and every locator lives equally long: expired ones lead.
    for (const [old, l] of this.locators) {
      if (l.expiresAt > this.now()) break;
      this.locators.delete(old);
    }
    this.locators.set(id, loc);
    const max = this.opts.maxLocators ?? 1000;
    while (this.locators.size > max) this.locators.delete(this.locators.keys().next().value as string);
  }

  private more(locatorId: string, offset: number, req: FakeRequest, version: string): FakeResponse {
    let loc = this.locators.get(locatorId);
    if (loc && loc.expiresAt <= this.now()) {
      this.locators.delete(locatorId);
      loc = undefined;
    }
    if (!loc || offset > loc.ids.length) return err(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    const batch = req.headers['sforce-query-options'] ? batchSizeOf(req) : loc.batch;
    const slice = loc.ids.slice(offset, offset + batch);
    const next = offset + batch;
    // Reading the last batch does not close the locator (see `Locator`): a retry gets it again.
    const done = next >= loc.ids.length;
    const records = slice.map((id) => this.org.get(loc.object, id)).filter((r): r is SObject => !!r)
      .map((r) => this.present(loc.object, r, loc.fields, version));
    return {
      status: 200,
      body: { totalSize: loc.ids.length, done, ...(done ? {} : { nextRecordsUrl: `/services/data/v${loc.version}/query/${locatorId}-${next}` }), records },
    };
  }

  private present(object: string, rec: SObject, fields: string[], version: string): Record<string, unknown> {
    const out: Record<string, unknown> = { attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${rec.Id}` } };
    const bad = this.corrupted.has(rec.Id) || this.server.isCorrupt(object, rec.Id);
    for (const f of fields) {
      if (f.includes('.')) {
        const [rel, pf] = f.split('.');
        const parentId = rec[`${rel}Id`];
        const parent = typeof parentId === 'string' ? this.org.find(parentId) : undefined;
        const parentObject = parent ? objectOfId(parent.Id)! : rel;
        const existing = out[rel] as Record<string, unknown> | null | undefined;
        out[rel] = parent ? { ...(existing ?? { attributes: { type: parentObject, url: `/services/data/v${version}/sobjects/${parentObject}/${parent.Id}` } }), [pf]: parent[pf] ?? null } : null;
      } else {
        out[f] = rec[f] === undefined ? null : rec[f];
      }
    }
    if (bad) corruptRecord(object, out);
    return out;
  }

  // ——— sObject rows ———

  private read(object: string, id: string, req: FakeRequest, version: string): FakeResponse {
    const rec = this.org.get(object, id);
    if (!rec) return err(404, 'NOT_FOUND', 'The requested resource does not exist');
    const list = req.query.get('fields');
    const fields = list ? list.split(',').map((f) => this.field(object, f.trim())) : this.fieldsOf(object);
    if (fields.some((f) => !f)) return err(400, 'INVALID_FIELD', `No such column on entity '${object}'`);
    const headers: Record<string, string> = {};
    if (object === 'Account') {
      const etag = etagOf(rec);
      headers.etag = etag;
      if (req.headers['if-none-match'] === etag) return { status: 304, headers };
    }
    return { status: 200, headers, body: this.present(object, rec, fields as string[], version) };
  }

  private validateFields(object: string, body: Record<string, unknown>, forCreate: boolean): FakeResponse | undefined {
    for (const [k, v] of Object.entries(body)) {
      if (k === 'attributes') continue;
      const name = this.field(object, k);
      if (!name) return err(400, 'INVALID_FIELD', `No such column '${k}' on sobject of type ${object}`, [k]);
      const def = sobjects[object].fields[name];
      if (forCreate ? def.createable === false : !def.updateable) {
        return err(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [name]);
      }
      if ((v === null || v === '') && def.nillable === false) return err(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${name}]`, [name]);
      if (v !== null && def.type === 'number' && typeof v !== 'number') return err(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${def.sfType} from VALUE_STRING value ${JSON.stringify(v)}`, [name]);
      if (v !== null && def.type === 'date' && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))) return err(400, 'INVALID_TYPE_ON_FIELD_IN_RECORD', `${name}: value not of required type: ${String(v)}`, [name]);
      if (object === 'Opportunity' && name === 'StageName') {
        const ok = [...this.org.records.get('OpportunityStage')!.values()].some((s) => s.ApiName === v && s.IsActive);
        if (!ok) return err(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Stage: bad value for restricted picklist field: ${String(v)}`, ['StageName']);
      }
      if (def.sfType === 'reference' && v !== null && (typeof v !== 'string' || !objectOfId(v) || !this.org.find(v))) {
        return err(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [name]);
      }
    }
    return undefined;
  }

  private normalise(object: string, body: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) if (k !== 'attributes') out[fieldName(object, k)!] = v === '' ? null : v;
    return out;
  }

  private patch(object: string, id: string, req: FakeRequest): FakeResponse {
    if (object === 'OpportunityStage' || object === 'User') return err(400, 'INVALID_TYPE', `entity type ${object} does not support update`);
    const rec = this.org.get(object, id);
    if (!rec) return err(404, 'NOT_FOUND', 'The requested resource does not exist');
    let body: Record<string, unknown>;
    try {
      body = req.json();
    } catch {
      return err(400, 'JSON_PARSER_ERROR', 'Unexpected character in the request body');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) return err(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
    const ius = req.headers['if-unmodified-since'];
    if (typeof ius === 'string') {
      const at = Date.parse(ius);
      if (Number.isNaN(at)) return err(400, 'INVALID_HEADER_TYPE', `If-Unmodified-Since: invalid date ${ius}`);
      // HTTP dates carry whole seconds: compare at that granularity, as Salesforce does.
      const modified = Math.floor(Date.parse(String(rec.LastModifiedDate).replace('+0000', 'Z')) / 1000) * 1000;
      if (modified > at) return err(412, 'PRECONDITION_FAILED', `The requested resource has been modified since ${ius}`);
    }
    const ifMatch = req.headers['if-match'];
    if (typeof ifMatch === 'string' && object === 'Account' && ifMatch !== etagOf(rec)) {
      return err(412, 'PRECONDITION_FAILED', 'The ETag does not match the current version of the resource');
    }
    const invalid = this.validateFields(object, body, false);
    if (invalid) return invalid;
    this.org.update(object, rec, this.normalise(object, body));
    this.writes++;
    return { status: 204, headers: object === 'Account' ? { etag: etagOf(rec) } : {} };
  }

  private create(object: string, req: FakeRequest): FakeResponse {
    if (object === 'OpportunityStage') return err(400, 'INVALID_TYPE', `entity type ${object} does not support insert`);
    let body: Record<string, unknown>;
    try {
      body = req.json();
    } catch {
      return err(400, 'JSON_PARSER_ERROR', 'Unexpected character in the request body');
    }
    const invalid = this.validateFields(object, body, true);
    if (invalid) return invalid;
    const fields = this.normalise(object, body);
    const missing = Object.entries(sobjects[object].fields).filter(([n, d]) => d.nillable === false && d.createable !== false && fields[n] == null).map(([n]) => n);
    if (missing.length) return err(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    if (object === 'Task' || object === 'Event') {
      const what = fields.WhatId;
      const parent = typeof what === 'string' ? this.org.find(what) : undefined;
      fields.AccountId = parent ? (objectOfId(parent.Id) === 'Account' ? parent.Id : parent.AccountId ?? null) : null;
    }
    const rec = this.org.insert(object, fields);
    this.writes++;
    return { status: 201, body: { id: rec.Id, success: true, errors: [] } };
  }

  private describe(object: string, version: string): FakeResponse {
    const o = sobjects[object];
    const stages = [...this.org.records.get('OpportunityStage')!.values()].sort((a, b) => Number(a.SortOrder) - Number(b.SortOrder));
    return {
      status: 200,
      body: {
        name: object, label: object, keyPrefix: o.prefix, queryable: true, updateable: object !== 'OpportunityStage', createable: object !== 'OpportunityStage',
        urls: { sobject: `/services/data/v${version}/sobjects/${object}`, describe: `/services/data/v${version}/sobjects/${object}/describe`, rowTemplate: `/services/data/v${version}/sobjects/${object}/{ID}` },
        fields: Object.entries(o.fields).filter(([name]) => this.field(object, name)).map(([name, d]) => ({
          name, label: name, type: d.sfType, updateable: d.updateable, createable: d.createable !== false, nillable: d.nillable !== false,
          picklistValues: object === 'Opportunity' && name === 'StageName'
            ? stages.map((s) => ({ active: s.IsActive, defaultValue: false, label: s.MasterLabel, value: s.ApiName, validFor: null }))
            : [],
        })),
      },
    };
  }

  private updated(object: string, req: FakeRequest): FakeResponse {
    const start = Date.parse(req.query.get('start') ?? '');
    const end = Date.parse(req.query.get('end') ?? '');
    if (Number.isNaN(start) || Number.isNaN(end)) return err(400, 'MALFORMED_QUERY', 'start and end must be ISO 8601 date-times');
    if (end < start) return err(400, 'INVALID_REPLICATION_DATE', 'end date must be after start date');
    const floorMin = (ms: number) => Math.floor(ms / 60_000) * 60_000;
    const from = floorMin(start);
    const to = floorMin(end);
    const ids = [...this.org.records.get(object)!.values()]
      .filter((r) => { const t = Date.parse(String(r.SystemModstamp).replace('+0000', 'Z')); return t >= from && t < to; })
      .map((r) => r.Id);
    if (ids.length > 600_000) return err(400, 'EXCEEDED_ID_LIMIT', 'too many ids');
    return { status: 200, body: { ids, latestDateCovered: sfDateTime(to) } };
  }
}

function etagOf(rec: SObject): string {
  return `"${createHash('sha1').update(`${rec.Id}${String(rec.SystemModstamp)}`).digest('base64')}--gzip"`;
}

function batchSizeOf(req: FakeRequest): number {
  const h = req.headers['sforce-query-options'];
  const m = typeof h === 'string' ? /batchSize=(\d+)/i.exec(h) : null;
  const n = m ? Number(m[1]) : 2000;
  return Math.min(2000, Math.max(200, n));
}

function renameFields(e: NonNullable<SoqlQuery['where']>, resolve: (f: string) => string | undefined): NonNullable<SoqlQuery['where']> {
  if (e.t === 'cmp' || e.t === 'in' || e.t === 'like') return { ...e, field: resolve(e.field)! };
  if (e.t === 'not') return { ...e, e: renameFields(e.e, resolve) };
  return { ...e, a: renameFields(e.a, resolve), b: renameFields(e.b, resolve) };
}

/** What a broken integration leaves behind: a required value blanked, a number that is not one. */
function corruptRecord(object: string, out: Record<string, unknown>): void {
  if (object === 'Account') {
    if ('Name' in out) out.Name = null;
    if ('NumberOfEmployees' in out) out.NumberOfEmployees = -12;
  } else if (object === 'Opportunity') {
    if ('CloseDate' in out) out.CloseDate = 'next quarter';
  } else if ('SystemModstamp' in out) {
    out.SystemModstamp = 'not a date';
  }
}

export function startSalesforceFake(opts: SalesforceFakeOptions = {}): Promise<SalesforceFake> {
  return new SalesforceFake(opts).start();
}
