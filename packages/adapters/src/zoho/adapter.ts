// The Zoho CRM v8 DataSource. Reads go to the `api_domain` the token endpoint names; lists
// page with `page`/`per_page` and switch to `page_token` before the 2,000-record wall;
// incremental reads send `If-Modified-Since`; writes are PUT `{data:[…]}` with per-record status.
// Zoho has no If-Match: the precondition is read Modified_Time → compare → write (a short race
// window remains; see docs/adapters/zoho.md).
import { KamConflictError, KamNotFoundError, KamValidationError, parseBatch, parseEntity, type Capabilities, type ChangesPage, type DataSource, type EntityKind, type EntityMap, type ListOptions, type Page, type Pipeline, type Rejected, type WriteOp, type WriteResult } from '@kamkit/core';
import { HttpClient, KamHttpError, oauthRefreshToken, type HttpClientOptions, type ResponseInfo, type VendorSignal } from '../http/index.js';
import { ChangeStamp, stampTime } from '../mapping/stamp.js';
import { fromZoho, patchToZoho, pipelinesFromZoho, userFromZoho, type ZohoMappingContext } from './mapping.js';
import {
  ZOHO_API_PATH, ZOHO_DISCRETE_PAGING_LIMIT, ZOHO_FIELDS, ZOHO_MAX_PER_PAGE, ZOHO_MODULES,
  type ZohoActionResult, type ZohoField, type ZohoPipeline, type ZohoRecord, type ZohoRecordsPage, type ZohoEntityKind,
} from './wire.js';

export interface ZohoSourceOptions {
  /** Zoho Accounts server of the org's data centre, e.g. `https://accounts.zoho.com.cn`. */
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** An access token already at hand (with `apiDomain`), to skip the first refresh. */
  accessToken?: string;
  /** API domain until a token response names one, e.g. `https://www.zohoapis.com.cn`. */
  apiDomain?: string;
  /** Currency for single-currency orgs whose records carry no `Currency`. Default `USD`. */
  defaultCurrency?: string;
  /** Records per page, ≤ 200. Default 200. */
  pageSize?: number;
  /** API name of the custom Accounts field holding the key-account tier (e.g. `KAM_Tier`); unset = tier not mapped. */
  tierField?: string;
  /**
   * False for a single-currency org (multi-currency never activated; the free edition): its
   * modules have no Currency field, so none is asked for or written and amounts are in
   * `defaultCurrency`. Unset, it is learnt from the Deals field metadata `pipelines()` reads.
   */
  multiCurrency?: boolean;
  /** API name of the module holding contracts (a custom module in Zoho). Default `Contracts`. */
  contractsModule?: string;
  /** Tuning of the shared HTTP layer (retries, back-off, timeouts, fetch). */
  http?: Partial<Omit<HttpClientOptions, 'vendor' | 'baseUrl' | 'auth' | 'inspect'>>;
  /** Called after each token refresh (persist `refresh_token` if a new one came back). */
  onToken?: (token: { access_token: string; api_domain?: string; expires_in?: unknown }) => void;
}

interface Cursor {
  /** Index into the kind's module list (activities span Tasks, Events, Calls). */
  m: number;
  /** Next page number, or… */
  p?: number;
  /** …the next page token past the 2,000-record wall. */
  t?: string;
  /** Latest Modified_Time seen so far (changes only). */
  s?: string;
  /** per_page the paging started with (page numbers only mean something with the same size). */
  n?: number;
  /**
   * changes only: If-Modified-Since of this walk's later pages, a second before the last record
   * read (page numbers count from it), and the ids read in that last second and the one before.
   * Re-anchoring each page keeps an edit made during the walk (the record moves to the end of the
   * Modified_Time order) from shifting an unread record into a page already read.
   */
  a?: string;
  x?: string[];
}

const encodeCursor = (c: Cursor): string => btoa(unescape(encodeURIComponent(JSON.stringify(c))));
function decodeCursor(s: string | undefined): Cursor {
  if (!s) return { m: 0, p: 1 };
  try {
    const c = JSON.parse(decodeURIComponent(escape(atob(s)))) as Cursor;
    if (typeof c.m === 'number') return c;
  } catch { /* fall through */ }
  throw new KamValidationError([{ entity: 'cursor', path: 'cursor', message: 'is not a cursor this zoho source issued' }]);
}

/** Zoho's vendor signals beyond the status line. */
function inspectZoho(info: ResponseInfo): VendorSignal | undefined {
  const b = info.body as { code?: unknown; message?: unknown } | undefined;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return undefined;
  const code = typeof b.code === 'string' ? b.code : undefined;
  const message = typeof b.message === 'string' ? b.message : undefined;
  if (code === 'INVALID_TOKEN' || code === 'AUTHENTICATION_FAILURE') return { kind: 'session_lost', vendorCode: code, message };
  if (code === 'TOO_MANY_REQUESTS' || (info.status === 429 && code)) return { kind: 'rate_limited', vendorCode: code, message };
  return undefined;
}

/** If-Modified-Since as the official SDK sends it: ISO 8601 UTC, no milliseconds. */
export function zohoIfModifiedSince(since: string): string {
  const t = Date.parse(stampTime(since));
  if (Number.isNaN(t)) throw new KamValidationError([{ entity: 'changes', path: 'since', message: `must be an ISO 8601 stamp, got ${JSON.stringify(since)}` }]);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const laterOf = (a: string | undefined, b: string | undefined): string | undefined =>
  !a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a;

function matches(item: Record<string, unknown>, filter: ListOptions['filter']): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([k, v]) => item[k] !== undefined && String(item[k]) === String(v));
}

export class ZohoSource implements DataSource {
  readonly name = 'zoho';
  readonly http: HttpClient;
  private readonly opts: ZohoSourceOptions;
  private readonly ctx: ZohoMappingContext;
  private readonly pageSize: number;
  private readonly modules: Record<ZohoEntityKind, readonly string[]>;
  /** Completed writes by idempotency key: Zoho has no server-side key, so a repeat is answered here. */
  private readonly done = new Map<string, WriteResult>();
  /** Writes sent whose outcome we never learned, by idempotency key. */
  private readonly unsure = new Set<string>();

  constructor(opts: ZohoSourceOptions) {
    this.opts = opts;
    this.pageSize = Math.min(Math.max(1, opts.pageSize ?? ZOHO_MAX_PER_PAGE), ZOHO_MAX_PER_PAGE);
    this.ctx = {
      defaultCurrency: opts.defaultCurrency ?? 'USD', ...(opts.tierField ? { tierField: opts.tierField } : {}),
      ...(opts.multiCurrency !== undefined ? { multiCurrency: opts.multiCurrency } : {}),
    };
    this.modules = { ...ZOHO_MODULES, contracts: [opts.contractsModule ?? 'Contracts'] };
    const auth = oauthRefreshToken({
      vendor: 'zoho', tokenUrl: `${opts.accountsUrl.replace(/\/$/, '')}/oauth/v2/token`, clientId: opts.clientId,
      clientSecret: opts.clientSecret, refreshToken: opts.refreshToken, accessToken: opts.accessToken, scheme: 'Zoho-oauthtoken',
      baseUrl: opts.apiDomain, fetch: opts.http?.fetch, onToken: opts.onToken,
    });
    this.http = new HttpClient({
      requestIdHeaders: ['x-zcrm-request-id', 'x-request-id'],
      ...opts.http,
      vendor: 'zoho', baseUrl: opts.apiDomain ?? opts.accountsUrl, auth, inspect: inspectZoho,
    });
  }

  async capabilities(): Promise<Capabilities> {
    const kinds = Object.keys(ZOHO_MODULES) as EntityKind[];
    // Users are read (owners get names), never written: Zoho users are managed in its admin UI.
    return { entities: [...kinds, 'users'], writable: kinds, changesSince: true, stageHistory: false, maxPageSize: ZOHO_MAX_PER_PAGE };
  }

  /** One page of `GET /users` (all users, active or not: owners of old records may have left). */
  private async usersPage(opts: ListOptions, since?: string): Promise<ChangesPage<EntityMap['users']>> {
    const c = decodeCursor(opts.cursor);
    const perPage = this.perPage(c, opts.limit);
    const r = await this.http.get<{ users?: ZohoRecord[]; info?: { more_records?: boolean; page?: number } } | undefined>(`${ZOHO_API_PATH}/users`, {
      query: { type: 'AllUsers', page: c.p ?? 1, per_page: perPage },
      headers: since ? { 'If-Modified-Since': zohoIfModifiedSince(since) } : undefined, signal: opts.signal, accept: [204, 304],
    });
    const raws = r.status === 200 ? r.body?.users ?? [] : [];
    let stamp = c.s ?? since ?? '';
    for (const u of raws) stamp = laterOf(stamp || undefined, typeof u.Modified_Time === 'string' && !Number.isNaN(Date.parse(u.Modified_Time)) ? u.Modified_Time : undefined) ?? stamp;
    const { valid, rejected } = parseBatch('users', raws.map(userFromZoho));
    const items = (valid as EntityMap['users'][]).filter((v) => matches(v as unknown as Record<string, unknown>, opts.filter));
    const more = r.status === 200 && r.body?.info?.more_records;
    const next = more ? encodeCursor({ m: 0, p: (r.body?.info?.page ?? c.p ?? 1) + 1, s: stamp, n: perPage }) : undefined;
    return { items, rejected, stamp, nextCursor: next };
  }

  private modulesOf(kind: EntityKind): readonly string[] {
    const m = (this.modules as Record<string, readonly string[] | undefined>)[kind];
    if (!m) throw new KamValidationError([{ entity: kind, path: '', message: 'is not served by the zoho adapter (accounts, contacts, opportunities, activities, contracts are)' }]);
    return m;
  }

  private fieldsOf(module: string): string {
    let fields = ZOHO_FIELDS[module] ?? ZOHO_FIELDS.Contracts;
    if (this.ctx.multiCurrency === false) fields = fields.filter((f) => f !== 'Currency');
    return (module === 'Accounts' && this.ctx.tierField ? [...fields, this.ctx.tierField] : fields).join(',');
  }

  async pipelines(opts: { signal?: AbortSignal } = {}): Promise<Pipeline[]> {
    const { signal } = opts;
    const fields = await this.http.get<{ fields?: ZohoField[] }>(`${ZOHO_API_PATH}/settings/fields`, { query: { module: 'Deals' }, signal });
    const stage = fields.body?.fields?.find((f) => f.api_name === 'Stage');
    // Currency is an org-wide setting: Deals without a Currency field means a single-currency org.
    if (this.opts.multiCurrency === undefined && fields.body?.fields?.length) this.ctx.multiCurrency = fields.body.fields.some((f) => f.api_name === 'Currency');
    const layouts = await this.http.get<{ layouts?: Array<{ id: string; status?: string }> }>(`${ZOHO_API_PATH}/settings/layouts`, { query: { module: 'Deals' }, signal, accept: [204] });
    const pipes: ZohoPipeline[] = [];
    for (const layout of layouts.body?.layouts ?? []) {
      if (layout.status && layout.status !== 'active') continue;
      const r = await this.http.get<{ pipeline?: ZohoPipeline[]; code?: string }>(`${ZOHO_API_PATH}/settings/pipeline`, { query: { layout_id: layout.id }, signal, accept: [204, 400] });
      if (r.status === 400) {
        // Editions without pipelines answer FEATURE_NOT_SUPPORTED / FEATURE_NOT_ENABLED: the Stage picklist alone is the pipeline.
        if (/^FEATURE_NOT_/.test(String(r.body?.code))) continue;
        throw new KamHttpError({ code: 'data_source', vendor: 'zoho', endpoint: `GET ${ZOHO_API_PATH}/settings/pipeline`, reason: 'http_status', status: 400, vendorCode: r.body?.code, retryable: false, requestId: r.requestId });
      }
      for (const p of r.body?.pipeline ?? []) if (!pipes.some((q) => q.actual_value === p.actual_value)) pipes.push(p);
    }
    const { valid, rejected } = parseBatch('pipelines', pipelinesFromZoho(stage, pipes));
    if (valid.length === 0) throw new KamValidationError(rejected.flatMap((r) => r.issues), 'zoho Deals stage metadata');
    return valid;
  }

  /** Maps, links and validates one page of raw records of `module`. */
  private async load<K extends EntityKind>(kind: K, module: string, raws: ZohoRecord[], filter: ListOptions['filter'], signal?: AbortSignal): Promise<{ items: EntityMap[K][]; rejected: Rejected[] }> {
    let ctx = this.ctx;
    if (kind === 'activities') {
      const dealIds = [...new Set(raws.filter((r) => r.$se_module === 'Deals').map((r) => (r.What_Id as { id?: string } | null)?.id).filter((x): x is string => !!x))];
      if (dealIds.length) ctx = { ...ctx, dealAccounts: await this.dealAccounts(dealIds, signal) };
    }
    const { valid, rejected } = parseBatch(kind, raws.map((r) => fromZoho(kind, module, r, ctx)));
    return { items: (valid as EntityMap[K][]).filter((v) => matches(v as unknown as Record<string, unknown>, filter)), rejected };
  }

  /** Accounts of the deals that activities are filed against (`ids=` takes up to 100). */
  private async dealAccounts(ids: string[], signal?: AbortSignal): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 100) {
      const r = await this.http.get<ZohoRecordsPage | undefined>(`${ZOHO_API_PATH}/Deals`, {
        query: { fields: 'Account_Name', ids: ids.slice(i, i + 100).join(','), per_page: 100 }, signal, accept: [204],
      });
      for (const d of r.body?.data ?? []) {
        const acc = (d.Account_Name as { id?: string } | null)?.id;
        if (acc) out.set(d.id, String(acc));
      }
    }
    return out;
  }

  /** The page size for a listing: the cursor's, else the caller's wish capped at 200. */
  private perPage(c: Cursor, limit: number | undefined): number {
    return c.n ?? Math.min(Math.max(1, limit ?? this.pageSize), this.pageSize);
  }

  private async page(module: string, c: Cursor, extra: { headers?: Record<string, string>; sortBy: string; signal?: AbortSignal }): Promise<{ status: number; body?: ZohoRecordsPage }> {
    const query: Record<string, string | number> = { fields: this.fieldsOf(module), per_page: c.n ?? this.pageSize, sort_by: extra.sortBy, sort_order: 'asc' };
    if (c.t) query.page_token = c.t;
    else query.page = c.p ?? 1;
    const r = await this.http.get<ZohoRecordsPage | undefined>(`${ZOHO_API_PATH}/${module}`, { query, headers: extra.headers, signal: extra.signal, accept: [204, 304] });
    return { status: r.status, body: r.status === 200 ? r.body : undefined };
  }

  /** The cursor after a page, or undefined when the kind is exhausted. */
  private nextCursor(kind: EntityKind, c: Cursor, body: ZohoRecordsPage | undefined, stamp?: string): Cursor | undefined {
    const info = body?.info;
    if (info?.more_records) {
      const nextPage = (info.page ?? c.p ?? 1) + 1;
      // page × per_page must stay within the first 2,000 records; past that only the token works.
      if (!c.t && nextPage * (c.n ?? this.pageSize) <= ZOHO_DISCRETE_PAGING_LIMIT) return { m: c.m, p: nextPage, s: stamp, n: c.n };
      if (info.next_page_token) return { m: c.m, t: info.next_page_token, s: stamp, n: c.n };
      throw new KamHttpError({
        code: 'data_source', vendor: 'zoho', endpoint: `GET ${ZOHO_API_PATH}/${this.modulesOf(kind)[c.m]}`, reason: 'vendor_error', retryable: false,
        detail: 'more records than page/per_page can reach and no next_page_token was returned',
      });
    }
    if (c.m + 1 < this.modulesOf(kind).length) return { m: c.m + 1, p: 1, s: stamp, n: c.n };
    return undefined;
  }

  async list<K extends EntityKind>(kind: K, opts: ListOptions = {}): Promise<Page<EntityMap[K]>> {
    if (kind === 'users') {
      const { items, rejected, nextCursor } = await this.usersPage(opts);
      return { items: items as EntityMap[K][], rejected, nextCursor };
    }
    const modules = this.modulesOf(kind);
    const c = decodeCursor(opts.cursor);
    c.n = this.perPage(c, opts.limit);
    const module = modules[c.m];
    const { body } = await this.page(module, c, { sortBy: 'id', signal: opts.signal });
    const { items, rejected } = await this.load(kind, module, body?.data ?? [], opts.filter, opts.signal);
    const next = this.nextCursor(kind, c, body);
    return { items, rejected, nextCursor: next ? encodeCursor(next) : undefined };
  }

  async changes<K extends EntityKind>(kind: K, since: string, opts: ListOptions = {}): Promise<ChangesPage<EntityMap[K]>> {
    if (kind === 'users') return (await this.usersPage(opts, since)) as ChangesPage<EntityMap[K]>;
    const modules = this.modulesOf(kind);
    const c = decodeCursor(opts.cursor);
    c.n = this.perPage(c, opts.limit);
    const module = modules[c.m];
    const tracker = new ChangeStamp(since, c.s);
    // Modified_Time has whole seconds and If-Modified-Since answers what is later than it: a stamp
    // naming what it read in its second asks from the second before, to read that second again.
    const from = tracker.from;
    const fromHeader = from.inclusive ? new Date(Date.parse(from.time) - 1000).toISOString() : from.time;
    const { body } = await this.page(module, c, { sortBy: 'Modified_Time', headers: { 'If-Modified-Since': zohoIfModifiedSince(c.a ?? fromHeader) }, signal: opts.signal });
    const page = body?.data ?? [];
    const timeOf = (r: ZohoRecord) => (typeof r.Modified_Time === 'string' ? Date.parse(r.Modified_Time) : NaN);
    // Records read on the page before the anchor moved, and not changed since, come back once only.
    const anchorMs = c.a ? Date.parse(c.a) : NaN;
    const unread = c.x ? page.filter((r) => !(c.x!.includes(r.id) && timeOf(r) <= anchorMs + 1000)) : page;
    const raws = unread.filter((r) => tracker.keep(r.id, typeof r.Modified_Time === 'string' ? r.Modified_Time : '', r));
    const stamp = tracker.stamp();
    const { items, rejected } = await this.load(kind, module, raws, opts.filter, opts.signal);
    let next = this.nextCursor(kind, c, body, stamp);
    const last = page.length ? timeOf(page[page.length - 1]) : NaN;
    if (next && next.m === c.m && !Number.isNaN(last)) {
      const a = last - 1000;
      // Anchor a second before the last record (a second later ones may share); page 1 again from
      // there. If that is no later than the current anchor (a whole page within two seconds), page on.
      if (Number.isNaN(anchorMs) || a > anchorMs) {
        next = { m: c.m, p: 1, s: stamp, n: c.n, a: new Date(a).toISOString(), x: page.filter((r) => timeOf(r) >= a).map((r) => r.id) };
      } else {
        next = { ...next, a: c.a, x: c.x };
      }
    }
    return { items, rejected, stamp, nextCursor: next ? encodeCursor(next) : undefined };
  }

  /** The raw record and its module, or undefined. */
  private async fetchRaw(kind: EntityKind, id: string, signal?: AbortSignal): Promise<{ module: string; raw: ZohoRecord } | undefined> {
    if (!/^\d+$/.test(id)) return undefined; // Zoho ids are digits; anything else cannot exist
    for (const module of this.modulesOf(kind)) {
      const r = await this.http.get<{ data?: ZohoRecord[] } | undefined>(`${ZOHO_API_PATH}/${module}/${id}`, { signal, accept: [204] });
      const raw = r.status === 200 ? r.body?.data?.[0] : undefined;
      if (raw) return { module, raw };
    }
    return undefined;
  }

  private async mapOne<K extends EntityKind>(kind: K, module: string, raw: ZohoRecord, signal?: AbortSignal): Promise<EntityMap[K]> {
    const { items, rejected } = await this.load(kind, module, [raw], undefined, signal);
    if (items[0]) return items[0];
    throw new KamValidationError(rejected.flatMap((r) => r.issues), `zoho ${module} ${raw.id}`);
  }

  async get<K extends EntityKind>(kind: K, id: string, opts: { signal?: AbortSignal } = {}): Promise<EntityMap[K] | undefined> {
    if (kind === 'users') {
      if (!/^\d+$/.test(id)) return undefined;
      const r = await this.http.get<{ users?: ZohoRecord[] } | undefined>(`${ZOHO_API_PATH}/users/${id}`, { signal: opts.signal, accept: [204, 404] });
      const raw = r.status === 200 ? r.body?.users?.[0] : undefined;
      if (!raw) return undefined;
      const { valid, rejected } = parseBatch('users', [userFromZoho(raw)]);
      if (valid[0]) return valid[0] as EntityMap[K];
      throw new KamValidationError(rejected.flatMap((x) => x.issues), `zoho users ${id}`);
    }
    const found = await this.fetchRaw(kind, id, opts.signal);
    return found ? this.mapOne(kind, found.module, found.raw, opts.signal) : undefined;
  }

  async write(op: WriteOp, opts: { signal?: AbortSignal } = {}): Promise<WriteResult> {
    const earlier = this.done.get(op.idempotencyKey);
    if (earlier) return earlier;
    const result = await this.writeOnce(op, opts.signal);
    this.done.set(op.idempotencyKey, result);
    if (this.done.size > 1000) this.done.delete(this.done.keys().next().value as string);
    return result;
  }

  private async writeOnce(op: WriteOp, signal?: AbortSignal): Promise<WriteResult> {
    const kind = op.entity;
    const modules = this.modulesOf(kind);
    if (op.op === 'create') {
      const module = typeof op.data.type === 'string' && kind === 'activities'
        ? ({ call: 'Calls', meeting: 'Events' } as Record<string, string>)[op.data.type] ?? 'Tasks'
        : modules[0];
      const { type: _t, ...data } = op.data;
      const fields = patchToZoho(kind, module, undefined, kind === 'activities' ? data : op.data, this.ctx);
      // POST is not repeatable: Zoho has no idempotency key, a blind retry could create twice.
      const r = await this.http.post<{ data?: ZohoActionResult[] }>(`${ZOHO_API_PATH}/${module}`, { json: { data: [fields] }, safe: false, accept: [207, 400], signal });
      const id = this.actionResult(kind, module, undefined, r.body, r.status, op.data);
      const created = await this.fetchRaw(kind, id, signal);
      if (!created) throw new KamNotFoundError(kind, id);
      return { record: await this.mapOne(kind, created.module, created.raw, signal) };
    }

    const id = op.id;
    const current = await this.fetchRaw(kind, id, signal);
    if (!current) throw new KamNotFoundError(kind, id);
    const patch = op.op === 'moveStage'
      ? { stageId: op.toStageId, ...(op.date ? { closeDate: op.date } : {}), ...(op.reason && /lost/i.test(op.toStageId) ? { lostReason: op.reason } : {}) }
      : op.patch;
    const fields = patchToZoho(kind, current.module, id, patch, this.ctx);
    if (this.unsure.has(op.idempotencyKey) && Object.entries(fields).every(([k, v]) => sameValue(current.raw[k], v))) {
      // A retry of a write whose answer was lost, and the record already holds it: done.
      this.unsure.delete(op.idempotencyKey);
      return { record: await this.mapOne(kind, current.module, current.raw, signal) };
    }
    if (op.ifUnmodifiedSince !== undefined) {
      const stamp = current.raw.Modified_Time;
      if (typeof stamp !== 'string' || Date.parse(stamp) !== Date.parse(op.ifUnmodifiedSince)) {
        const mapped = parseEntity(kind, fromZoho(kind, current.module, current.raw, this.ctx));
        throw new KamConflictError(kind, id, {
          current: mapped.ok ? mapped.value : current.raw, attempted: patch,
          detail: `Modified_Time is ${String(stamp)}, the write expected ${op.ifUnmodifiedSince}`,
        });
      }
    }
    this.unsure.add(op.idempotencyKey);
    if (this.unsure.size > 1000) this.unsure.delete(this.unsure.values().next().value as string);
    for (let attempt = 1; ; attempt++) {
      try {
        // Not marked safe: after a lost answer the record is re-read below instead of blindly re-sent.
        const r = await this.http.put<{ data?: ZohoActionResult[] }>(`${ZOHO_API_PATH}/${current.module}`, {
          json: { data: [{ id, ...fields }] }, safe: false, accept: [207, 400], signal,
        });
        this.actionResult(kind, current.module, id, r.body, r.status, patch);
        break;
      } catch (e) {
        if (!(e instanceof KamHttpError) || !outcomeUnknown(e)) throw e;
        // The answer was lost: did the write land? Same stamp → it did not, send again.
        const now = await this.fetchRaw(kind, id, signal);
        if (!now) throw new KamNotFoundError(kind, id);
        if (now.raw.Modified_Time === current.raw.Modified_Time) {
          if (attempt >= 3) {
            throw new KamHttpError({
              code: e.code, vendor: e.vendor, endpoint: e.endpoint, reason: e.reason, status: e.status, vendorCode: e.vendorCode,
              vendorMessage: e.vendorMessage, requestId: e.requestId, retryable: true, attempts: e.attempts, cause: e,
              detail: 'the write did not reach Zoho; it can be sent again',
            });
          }
          continue;
        }
        const landed = Object.entries(fields).every(([k, v]) => sameValue(now.raw[k], v));
        if (landed) break;
        throw new KamConflictError(kind, id, { current: now.raw, attempted: patch, detail: 'the record changed while the answer to this write was lost', cause: e });
      }
    }
    this.unsure.delete(op.idempotencyKey);
    const after = await this.fetchRaw(kind, id, signal);
    if (!after) throw new KamNotFoundError(kind, id);
    return { record: await this.mapOne(kind, after.module, after.raw, signal) };
  }

  /** Reads the per-record result of a PUT/POST; returns the record id or throws a typed error. */
  private actionResult(kind: EntityKind, module: string, id: string | undefined, body: { data?: ZohoActionResult[]; code?: string; message?: string } | undefined, status: number, attempted: unknown): string {
    const endpoint = `${id ? 'PUT' : 'POST'} ${ZOHO_API_PATH}/${module}`;
    const res = body?.data?.[0];
    if (!res) {
      throw new KamHttpError({ code: 'data_source', vendor: 'zoho', endpoint, reason: status >= 400 ? 'http_status' : 'vendor_error', status, vendorCode: body?.code, vendorMessage: body?.message, retryable: false, detail: res ? undefined : 'no per-record result in the response' });
    }
    if (res.status === 'success') return String(res.details?.id ?? id);
    const apiName = typeof res.details?.api_name === 'string' ? res.details.api_name : undefined;
    if (res.code === 'INVALID_DATA' || res.code === 'MANDATORY_NOT_FOUND' || res.code === 'DUPLICATE_DATA') {
      // Refused by Zoho (not by our mapping): a vendor error of kind `validation` naming the field.
      throw new KamHttpError({
        code: 'validation', vendor: 'zoho', endpoint, reason: 'vendor_error', status, vendorCode: res.code, vendorMessage: res.message,
        retryable: false, detail: apiName ? `field ${apiName}${id ? ` of record ${id}` : ''}` : undefined,
      });
    }
    if (res.code === 'RECORD_LOCKED' || res.code === 'CANNOT_PROCESS') throw new KamConflictError(kind, id ?? '', { attempted, detail: `${res.code}: ${res.message}` });
    throw new KamHttpError({ code: 'data_source', vendor: 'zoho', endpoint, reason: 'vendor_error', status, vendorCode: res.code, vendorMessage: res.message, retryable: false });
  }
}

/** Failures after which a write may or may not have been applied. */
const outcomeUnknown = (e: KamHttpError): boolean =>
  ['network', 'truncated', 'timeout', 'malformed_json', 'html_page'].includes(e.reason) || (e.reason === 'http_status' && (e.status ?? 0) >= 500);

/** A written value compared with what the server now holds (lookups compare by id). */
function sameValue(stored: unknown, written: unknown): boolean {
  if (written && typeof written === 'object' && 'id' in written) return (stored as { id?: unknown } | null)?.id === (written as { id: unknown }).id;
  return JSON.stringify(stored ?? null) === JSON.stringify(written ?? null);
}

export function createZohoSource(opts: ZohoSourceOptions): ZohoSource {
  return new ZohoSource(opts);
}
