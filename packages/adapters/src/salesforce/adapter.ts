// The `salesforce` adapter: the REST API (SOQL through /query with nextRecordsUrl paging,
// sObject PATCH with If-Unmodified-Since, error arrays, SystemModstamp for incremental sync,
// Sforce-Limit-Info) as a DataSource. Facts: reference/crm-apis.md §1; mapping:
// docs/adapters/salesforce.md.
import { KamConflictError, KamError, KamNotFoundError, KamValidationError, entityNoun, type Capabilities, type ChangesPage, type DataSource, type EntityKind, type EntityMap, type ListOptions, type Page, type Pipeline, type Stage, type WriteOp, type WriteResult } from '@kamkit/core';
import { KamHttpError } from '../http/errors.js';
import { HttpClient, type AuthProvider, type HttpClientOptions, type ResponseInfo, type VendorSignal } from '../http/client.js';
import { bearerToken, oauthRefreshToken, type OAuthTokenResponse } from '../http/auth.js';
import type { ApiUsage } from '../http/signals.js';
import { mapAndValidate } from '../mapping/validate.js';
import { ChangeStamp } from '../mapping/stamp.js';
import {
  filterField, fromSalesforce, isoFromSalesforce, pipelineFromStages, soqlDateTime, soqlFields, soqlString, toSalesforce, withoutCurrency,
  type SalesforceFieldOptions, type SalesforceMappingContext,
} from './mapping.js';

export interface SalesforceSourceOptions {
  /** `https://<my-domain>.my.salesforce.com`; with OAuth it is learned from the token response. */
  instanceUrl?: string;
  /** A session / access token (token injection). */
  accessToken?: string;
  /** OAuth refresh-token flow: the login host (default `https://login.salesforce.com`), connected app and refresh token. */
  loginUrl?: string;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
  /** Called after each token refresh (persist a rotated refresh token). Never log it. */
  onToken?: (token: OAuthTokenResponse) => void;
  /** Any other credentials strategy. */
  auth?: AuthProvider;
  /** REST API version. Default `62.0`. */
  apiVersion?: string;
  /** Currency for records without `CurrencyIsoCode` (single-currency orgs). Default `USD`. */
  currency?: string;
  /**
   * Whether the org has multiple currencies. A single-currency org has no `CurrencyIsoCode` field
   * (naming it is 400 INVALID_FIELD): false reads every amount in `currency`. Unset, the adapter
   * asks with the field and learns from the first INVALID_FIELD on it.
   */
  multiCurrency?: boolean;
  /** Id and name of the one pipeline the OpportunityStage picklist becomes. */
  pipelineId?: string;
  pipelineName?: string;
  /** Custom fields this org uses for tier, contract value, close reason, buying role. */
  fields?: SalesforceFieldOptions;
  /** Records per batch asked of /query (200–2000). Default 2000. */
  pageSize?: number;
  /** Stop before the org's remaining daily API calls fall to this many. */
  apiReserve?: number;
  onApiUsage?: (usage: ApiUsage) => void;
  http?: Partial<Omit<HttpClientOptions, 'vendor' | 'baseUrl' | 'auth'>>;
}

interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<Record<string, unknown>>;
}

type SfError = { errorCode?: string; message?: string; fields?: string[] };

const CURSOR = /^(\d)~([^~]*)~(\/services\/data\/v\d+\.\d+\/query(?:All)?\/[\w-]+)?$/;
const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const readable: EntityKind[] = ['accounts', 'contacts', 'opportunities', 'activities', 'contracts', 'users'];
const writable: EntityKind[] = ['accounts', 'contacts', 'opportunities', 'activities'];

function salesforceSignal(info: ResponseInfo): VendorSignal | undefined {
  const first = Array.isArray(info.body) ? (info.body[0] as SfError | undefined) : undefined;
  const code = first?.errorCode;
  if (!code) return undefined;
  if (code === 'INVALID_SESSION_ID') return { kind: 'session_lost', vendorCode: code, message: first?.message };
  // The org's rolling 24-hour API allowance is spent: retrying now cannot help, later can.
  if (code === 'REQUEST_LIMIT_EXCEEDED' && info.status === 403) {
    return { kind: 'error', code: 'rate_limited', vendorCode: code, message: first?.message, retryable: true, retryNow: false };
  }
  return undefined;
}

export class SalesforceSource implements DataSource {
  readonly name = 'salesforce';
  readonly http: HttpClient;
  private readonly version: string;
  private readonly ctx: SalesforceMappingContext;
  private readonly pipelineName: string;
  private readonly batch: number;
  private stagesPromise?: Promise<Pipeline>;
  /** Completed writes by idempotency key: a repeated key answers without writing again. */
  private readonly done = new Map<string, WriteResult>();

  constructor(private readonly opts: SalesforceSourceOptions) {
    this.version = (opts.apiVersion ?? '62.0').replace(/^v/, '');
    this.ctx = {
      fields: opts.fields ?? {}, currency: opts.currency ?? 'USD', pipelineId: opts.pipelineId ?? 'salesforce',
      ...(opts.multiCurrency !== undefined ? { multiCurrency: opts.multiCurrency } : {}),
    };
    this.pipelineName = opts.pipelineName ?? 'Salesforce opportunities';
    this.batch = Math.min(2000, Math.max(200, opts.pageSize ?? 2000));
    let auth = opts.auth;
    if (!auth && opts.clientId && opts.refreshToken) {
      auth = oauthRefreshToken({
        vendor: 'salesforce', tokenUrl: `${(opts.loginUrl ?? 'https://login.salesforce.com').replace(/\/$/, '')}/services/oauth2/token`,
        clientId: opts.clientId, clientSecret: opts.clientSecret, refreshToken: opts.refreshToken,
        accessToken: opts.accessToken, baseUrl: opts.instanceUrl, onToken: opts.onToken,
      });
    } else if (!auth && opts.accessToken) {
      auth = bearerToken({ token: opts.accessToken, vendor: 'salesforce' });
    }
    if (!auth) throw new KamError('auth', 'salesforce adapter needs an accessToken, an OAuth refresh token (clientId + refreshToken), or an auth provider');
    if (!opts.instanceUrl && !auth.baseUrl) throw new KamError('auth', 'salesforce adapter needs instanceUrl when the auth provider does not supply one');
    this.http = new HttpClient({
      vendor: 'salesforce', baseUrl: opts.instanceUrl ?? 'https://login.salesforce.com', auth,
      inspect: salesforceSignal, apiReserve: opts.apiReserve, onApiUsage: opts.onApiUsage,
      requestIdHeaders: ['sforce-request-id', 'x-request-id'], ...opts.http,
    });
  }

  private get api(): string {
    return `/services/data/v${this.version}`;
  }

  async capabilities(): Promise<Capabilities> {
    return { entities: [...readable], writable: [...writable], changesSince: true, stageHistory: false, maxPageSize: 2000 };
  }

  async pipelines(opts: { signal?: AbortSignal } = {}): Promise<Pipeline[]> {
    const res = await this.query(
      'SELECT Id, ApiName, MasterLabel, SortOrder, IsActive, IsClosed, IsWon, DefaultProbability, ForecastCategoryName FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder',
      this.batch, opts.signal,
    );
    const rows = [...res.records];
    let next = res.nextRecordsUrl;
    while (next) {
      const more = await this.follow(next, opts.signal);
      rows.push(...more.records);
      next = more.nextRecordsUrl;
    }
    const pipeline = pipelineFromStages(rows, { pipelineId: this.ctx.pipelineId, pipelineName: this.pipelineName });
    this.ctx.stages = new Map(pipeline.stages.map((s: Stage) => [s.id, s]));
    this.stagesPromise = Promise.resolve(pipeline);
    return [pipeline];
  }

  private async stages(signal?: AbortSignal): Promise<Pipeline> {
    if (!this.stagesPromise) {
      this.stagesPromise = this.pipelines({ signal }).then((p) => p[0]);
      this.stagesPromise.catch(() => { this.stagesPromise = undefined; });
    }
    return this.stagesPromise;
  }

  private query(soql: string, batch: number, signal?: AbortSignal): Promise<QueryResult> {
    return this.http
      .get<QueryResult>(`${this.api}/query`, { query: { q: soql }, headers: { 'Sforce-Query-Options': `batchSize=${batch}` }, signal })
      .then((r) => checkQueryResult(r.body, `GET ${this.api}/query`));
  }

  private follow(nextRecordsUrl: string, signal?: AbortSignal, batch = this.batch): Promise<QueryResult> {
    if (!CURSOR.test(`0~~${nextRecordsUrl}`)) {
      throw new KamError('validation', `salesforce: "${nextRecordsUrl.slice(0, 80)}" is not a Salesforce query locator`);
    }
    return this.http
      .get<QueryResult>(nextRecordsUrl, { headers: { 'Sforce-Query-Options': `batchSize=${batch}` }, signal })
      .then((r) => checkQueryResult(r.body, `GET ${nextRecordsUrl}`));
  }

  /** Runs `fn` again without CurrencyIsoCode when the org turns out to have a single currency. */
  private async currencyAware<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const noField = e instanceof KamHttpError && e.vendorCode === 'INVALID_FIELD' && /No such column 'CurrencyIsoCode'/.test(e.vendorMessage ?? '');
      if (!noField || this.ctx.multiCurrency !== undefined) throw e;
      this.ctx.multiCurrency = false;
      return fn();
    }
  }

  private objectsOf(kind: EntityKind) {
    const objects = soqlFields(kind, this.ctx);
    if (!objects.length) throw new KamError('data_source', `salesforce adapter does not read ${kind} (it reads ${readable.join(', ')})`);
    return objects;
  }

  private where(kind: EntityKind, filter: ListOptions['filter'], extra: string[] = []): string {
    const clauses = [...extra];
    for (const [field, value] of Object.entries(filter ?? {})) {
      const sf = filterField(kind, field, this.ctx);
      if (!sf) {
        throw new KamValidationError([{ entity: kind, path: field, message: 'cannot be used as a Salesforce filter (no mapped field)' }], 'salesforce');
      }
      clauses.push(`${sf} = ${soqlString(value)}`);
    }
    return clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
  }

  /** One page over the kind's sObjects (activities span Task then Event). */
  private async read<K extends EntityKind>(kind: K, opts: ListOptions, since?: string): Promise<ChangesPage<EntityMap[K]>> {
    const objects = this.objectsOf(kind);
    if (kind === 'opportunities') await this.stages(opts.signal);
    let index = 0;
    let walked: string | undefined;
    let url: string | undefined;
    if (opts.cursor) {
      const m = CURSOR.exec(opts.cursor);
      if (!m || Number(m[1]) >= objects.length) throw new KamError('validation', `salesforce: cursor for ${kind} is not one this adapter issued`);
      index = Number(m[1]);
      walked = m[2] || undefined;
      url = m[3];
    }
    const tracker = since !== undefined ? new ChangeStamp(since, walked) : undefined;
    const batch = Math.min(2000, Math.max(200, opts.limit ?? this.batch));
    let result: QueryResult;
    if (url) {
      result = await this.follow(url, opts.signal, batch);
    } else {
      // SystemModstamp has whole seconds: a stamp naming what it read in its second reads that second again.
      const from = tracker?.from;
      const incremental = from ? [`SystemModstamp ${from.inclusive ? '>=' : '>'} ${soqlDateTime(from.time)}`] : [];
      const order = since !== undefined ? ' ORDER BY SystemModstamp ASC, Id ASC' : '';
      result = await this.currencyAware(() => {
        const { object, fields } = this.objectsOf(kind)[index];
        return this.query(`SELECT ${fields.join(', ')} FROM ${object}${this.where(kind, opts.filter, incremental)}${order}`, batch, opts.signal);
      });
    }
    const records = tracker
      ? result.records.filter((r) => typeof r.Id !== 'string' || tracker.keep(r.Id, isoFromSalesforce(r.SystemModstamp) ?? '', r))
      : result.records;
    const { items, rejected } = mapAndValidate(kind, records, (r) => fromSalesforce(kind, r, this.ctx), (r) => (typeof r.Id === 'string' ? r.Id : undefined));
    const running = tracker?.stamp() ?? '';
    let nextCursor: string | undefined;
    if (result.nextRecordsUrl) nextCursor = `${index}~${running}~${result.nextRecordsUrl}`;
    else if (index + 1 < objects.length) nextCursor = `${index + 1}~${running}~`;
    const multi = objects.length > 1;
    return {
      items, rejected,
      ...(nextCursor ? { nextCursor } : {}),
      ...(!multi && !url ? { total: result.totalSize } : {}),
      // A multi-object walk only moves the stamp at its end, so a stop half-way never skips records.
      stamp: multi && nextCursor ? (since ?? running) : (running || since || ''),
    };
  }

  async list<K extends EntityKind>(kind: K, opts: ListOptions = {}): Promise<Page<EntityMap[K]>> {
    const { stamp: _stamp, ...page } = await this.read(kind, opts);
    return page;
  }

  async changes<K extends EntityKind>(kind: K, since: string, opts: ListOptions = {}): Promise<ChangesPage<EntityMap[K]>> {
    return this.read(kind, opts, since);
  }

  private objectForId(kind: EntityKind, id: string): { object: string; fields: string[] } {
    const objects = this.objectsOf(kind);
    if (kind === 'activities') return objects[id.startsWith('00U') ? 1 : 0];
    return objects[0];
  }

  /** The raw sObject, or undefined when it does not exist. */
  private async fetchRecord(kind: EntityKind, id: string, signal?: AbortSignal): Promise<Record<string, unknown> | undefined> {
    if (!SF_ID.test(id)) return undefined;
    const res = await this.currencyAware(() => {
      const { object, fields } = this.objectForId(kind, id);
      return this.http.get<Record<string, unknown>>(`${this.api}/sobjects/${object}/${id}`, { query: { fields: fields.join(',') }, accept: [404], signal });
    });
    return res.status === 404 ? undefined : res.body;
  }

  private mapOne<K extends EntityKind>(kind: K, raw: Record<string, unknown>): EntityMap[K] {
    const { items, rejected } = mapAndValidate(kind, [raw], (r) => fromSalesforce(kind, r, this.ctx));
    if (rejected.length) throw new KamValidationError(rejected[0].issues, `salesforce ${entityNoun[kind]} ${String(raw.Id)}`);
    return items[0];
  }

  async get<K extends EntityKind>(kind: K, id: string, opts: { signal?: AbortSignal } = {}): Promise<EntityMap[K] | undefined> {
    if (kind === 'opportunities') await this.stages(opts.signal);
    const raw = await this.fetchRecord(kind, id, opts.signal);
    return raw ? this.mapOne(kind, raw) : undefined;
  }

  async write(op: WriteOp, opts: { signal?: AbortSignal } = {}): Promise<WriteResult> {
    const prior = this.done.get(op.idempotencyKey);
    if (prior) return structuredClone(prior);
    const kind = op.entity;
    if (!writable.includes(kind)) throw new KamError('data_source', `salesforce adapter does not write ${kind}`);
    if (kind === 'opportunities') await this.stages(opts.signal);
    const result = op.op === 'create' ? await this.create(op, opts.signal) : await this.update(op, opts.signal);
    this.done.set(op.idempotencyKey, result);
    if (this.done.size > 2000) this.done.delete(this.done.keys().next().value as string);
    return structuredClone(result);
  }

  private async create(op: Extract<WriteOp, { op: 'create' }>, signal?: AbortSignal): Promise<WriteResult> {
    const kind = op.entity;
    const object = this.objectsOf(kind)[0].object;
    // A create cannot be made conditional or idempotent on the wire: it is never repeated blindly.
    // (An INVALID_FIELD answer created nothing, so sending it again without the currency is safe.)
    const res = await this.currencyAware(() => this.http.post<{ id: string }>(`${this.api}/sobjects/${object}`, { json: toSalesforce(kind, op.data, this.ctx), signal }));
    const raw = await this.fetchRecord(kind, res.body.id, signal);
    if (!raw) throw new KamNotFoundError(entityNoun[kind], res.body.id);
    return { record: this.mapOne(kind, raw) };
  }

  private async update(op: Extract<WriteOp, { op: 'update' | 'moveStage' }>, signal?: AbortSignal): Promise<WriteResult> {
    const kind = op.entity;
    let body: Record<string, unknown>;
    if (op.op === 'moveStage') {
      const pipeline = await this.stages(signal);
      const target = pipeline.stages.find((s) => s.id === op.toStageId);
      body = { StageName: op.toStageId };
      if (target && target.kind !== 'open' && op.date) body.CloseDate = op.date.slice(0, 10);
      if (target && target.kind !== 'open' && op.reason && this.ctx.fields.closeReason) body[this.ctx.fields.closeReason] = op.reason;
    } else {
      body = toSalesforce(kind, op.patch, this.ctx);
    }
    if (!SF_ID.test(op.id)) throw new KamNotFoundError(entityNoun[kind], op.id);
    const { object } = this.objectForId(kind, op.id);
    const headers: Record<string, string> = {};
    if (op.ifUnmodifiedSince) {
      const ms = Date.parse(op.ifUnmodifiedSince);
      if (Number.isNaN(ms)) throw new KamValidationError([{ entity: kind, id: op.id, path: 'ifUnmodifiedSince', message: 'must be an ISO 8601 date-time' }]);
      headers['If-Unmodified-Since'] = new Date(ms).toUTCString();
    }
    // Setting fields to values is idempotent, and a repeat after a lost answer is recognised
    // below (412 with our values already in place), so the PATCH may be retried.
    // The body is built once; a single-currency org (learnt from INVALID_FIELD) gets it without CurrencyIsoCode.
    const res = await this.currencyAware(() => {
      if (op.op === 'update' && this.ctx.multiCurrency === false) body = withoutCurrency(kind, body, op.patch, this.ctx);
      return this.http.patch(`${this.api}/sobjects/${object}/${op.id}`, { json: body, headers, safe: true, accept: [404, 412], signal });
    });
    if (res.status === 404) throw new KamNotFoundError(entityNoun[kind], op.id);
    const raw = await this.fetchRecord(kind, op.id, signal);
    if (!raw) throw new KamNotFoundError(entityNoun[kind], op.id);
    if (res.status === 412) {
      const landed = Object.entries(body).every(([k, v]) => sameValue(raw[k], v));
      if (!landed) {
        let current: unknown = raw;
        try { current = this.mapOne(kind, raw); } catch { /* keep the raw record */ }
        throw new KamConflictError(entityNoun[kind], op.id, {
          current, attempted: op.op === 'update' ? op.patch : { toStageId: op.toStageId },
          detail: `Salesforce refused If-Unmodified-Since ${headers['If-Unmodified-Since']}`,
        });
      }
    }
    return { record: this.mapOne(kind, raw) };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9;
  return false;
}

function checkQueryResult(body: unknown, endpoint: string): QueryResult {
  const b = body as QueryResult | undefined;
  if (!b || !Array.isArray(b.records) || typeof b.done !== 'boolean') {
    throw new KamHttpError({
      code: 'data_source', vendor: 'salesforce', endpoint, reason: 'vendor_error', retryable: false,
      detail: 'the query answer has no `records` array or `done` flag',
    });
  }
  return b;
}

/** Builds the `salesforce` DataSource. */
export function createSalesforceSource(opts: SalesforceSourceOptions): SalesforceSource {
  return new SalesforceSource(opts);
}
