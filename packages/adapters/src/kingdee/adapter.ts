// The Kingdee 金蝶云·星空 (K/3 Cloud) WebAPI DataSource.
// - Auth: session login (ValidateUser / LoginByAppSecret → `kdservice-sessionid`), re-login once
//   on MsgCode 1; or per-request signed headers (X-Api-* / X-Kd-*) as the official SDKs sign them.
// - Reads: ExecuteBillQuery, arrays of arrays in FieldKeys order, paged by StartRow / Limit until a
//   short page; FModifyDate for incremental sync.
// - Writes: Save with NeedUpDateFields and IsDeleteEntry=false (the server's default true would
//   wipe entries missing from the payload); the precondition is read FModifyDate → compare →
//   Save (WebAPI has no version token); MsgCode 13 (网控) → KamConflictError; MsgCode 14 → back-off.
// - Opportunities: 赢单 / 输单 through FDocumentStatus E / F and the Win / Lose operations.
import { KamConflictError, KamNotFoundError, KamValidationError, parseBatch, parseEntity, type Capabilities, type ChangesPage, type DataSource, type EntityKind, type EntityMap, type ListOptions, type Page, type Pipeline, type Rejected, type WriteOp, type WriteResult, type ForecastCategory } from '@kamkit/core';
import { HttpClient, KamHttpError, type AuthProvider, type HttpClientOptions, type ResponseInfo, type VendorSignal } from '../http/index.js';
import {
  DEFAULT_FORMS, DEFAULT_PHASE_FORM, DEFAULT_SALESMAN_FORM, OPPORTUNITY_MOVES, OPPORTUNITY_STAGE_OF_STATUS, opportunityPath,
  type KingdeeEntityKind, type KingdeeFormSpec, type KingdeePhaseFormSpec, type KingdeeSalesmanFormSpec,
} from './forms.js';
import {
  defaultKingdeeContext, filterToKd, fromKd, isKingdeeKind, isoToKdLocal, kdDateTimeToIso, kdLiteral, patchToKd, rowsToObjects,
  KINGDEE_PIPELINE_ID, type KdRow, type KingdeeMappingContext,
} from './mapping.js';
import { kingdeeSignedHeaders } from './sign.js';
import { KD_SERVICE, LOGIN_OK, MSG_CODE, kdPath, responseStatusOf, type KdBillQuery, type KdLoginResult, type KdSave } from './wire.js';

export type KingdeeAuthOptions =
  | { mode: 'password'; password: string }
  | { mode: 'appSecret'; appId: string; appSecret: string }
  | { mode: 'signed'; appId: string; appSecret: string };

export interface KingdeeSourceOptions {
  /** Server URL with its virtual directory, e.g. `https://tenant.ik3cloud.com/k3cloud/`. */
  serverUrl: string;
  /** Data-centre id (账套 ID, `X-KDApi-AcctID`). */
  acctId: string;
  userName: string;
  auth: KingdeeAuthOptions;
  /** 2052 zh-CN (default), 1033 en-US, 3076 zh-TW. */
  lcid?: number;
  orgNum?: string;
  /** The server's UTC offset: K/3 dates carry no zone. Default `+08:00`. */
  offset?: string;
  /** Currency of amounts on forms that carry none. Default `CNY`. */
  defaultCurrency?: string;
  /** Kingdee currency number → ISO code (defaults cover PRE001 人民币 …). */
  currencies?: Record<string, string>;
  /** Rows per ExecuteBillQuery page (≤ 10,000). Default 2,000, the cap of servers before the 23.11 patch; above it, pages the cap cuts are read on. */
  pageSize?: number;
  /** Per-tenant form ids and keys (verify yours with QueryBusinessInfo). */
  forms?: Partial<Record<KingdeeEntityKind, Partial<KingdeeFormSpec>>>;
  /** The sale-phase base data, or `false` to use the FDocumentStatus lifecycle as stages. */
  phaseForm?: KingdeePhaseFormSpec | false;
  /** Customer key holding the key-account tier (a custom field, e.g. `F_KAM_Tier`); unset = tier not mapped. */
  tierKey?: string;
  /** The salespeople base data read as users (owners' names), or `false` to serve no users. */
  salesmanForm?: KingdeeSalesmanFormSpec | false;
  /** Saving an audited (已审核) record: UnAudit → Save → Submit → Audit. Default true. */
  reauditOnWrite?: boolean;
  /** Maps a won/lost reason to the number of its 输赢原因 data; default: the reason text itself. */
  winReasonNumber?: (reason: string) => string;
  http?: Partial<Omit<HttpClientOptions, 'vendor' | 'baseUrl' | 'auth' | 'inspect'>>;
}

/** Kingdee's vendor signals: business errors arrive on HTTP 200 inside ResponseStatus. */
export function inspectKingdee(info: ResponseInfo): VendorSignal | undefined {
  const rs = responseStatusOf(info.body);
  if (!rs || rs.IsSuccess !== false) return undefined;
  const message = rs.Errors?.map((e) => e.Message).filter(Boolean).join('; ') || undefined;
  const vendorCode = String(rs.MsgCode);
  switch (rs.MsgCode) {
    case MSG_CODE.sessionLost: return { kind: 'session_lost', vendorCode, message };
    case MSG_CODE.callLimit: return { kind: 'rate_limited', vendorCode, message };
    case MSG_CODE.noPermission: case MSG_CODE.adminLoginForbidden: case MSG_CODE.licence: return { kind: 'error', vendorCode, message, code: 'auth' };
    case MSG_CODE.dataNotFound: return { kind: 'error', vendorCode, message, code: 'not_found' };
    case MSG_CODE.parameter: case MSG_CODE.fieldNotFound: case MSG_CODE.validation: return { kind: 'error', vendorCode, message, code: 'validation' };
    case MSG_CODE.networkControl: case MSG_CODE.notOperable: return { kind: 'error', vendorCode, message, code: 'conflict' };
    default: return { kind: 'error', vendorCode, message };
  }
}

/** Session or signed-header credentials for the shared HTTP layer. Secrets stay in this closure. */
function kingdeeAuth(opts: KingdeeSourceOptions, login: HttpClient): AuthProvider & { sessionId(): string | undefined } {
  let sid: string | undefined;
  const a = opts.auth;
  const identity = a.mode === 'password' ? undefined : { acctId: opts.acctId, userName: opts.userName, appId: a.appId, appSecret: a.appSecret, lcid: opts.lcid ?? 2052, orgNum: opts.orgNum };

  async function doLogin(signal?: AbortSignal): Promise<void> {
    const lcid = opts.lcid ?? 2052;
    const service = a.mode === 'password' ? KD_SERVICE.validateUser : KD_SERVICE.loginByAppSecret;
    const parameters = a.mode === 'password' ? [opts.acctId, opts.userName, a.password, lcid] : [opts.acctId, opts.userName, a.appId, a.appSecret, lcid];
    const r = await login.post<KdLoginResult>(kdPath(service), { json: { parameters }, safe: true, noAuth: true, signal });
    const body = r.body;
    if (!body || !LOGIN_OK.has(body.LoginResultType) || !body.KDSVCSessionId) {
      throw new KamHttpError({
        code: 'auth', vendor: 'kingdee', endpoint: `POST ${new URL(r.url).pathname}`, reason: 'session_lost', status: r.status, retryable: false,
        vendorCode: body ? `LoginResultType ${body.LoginResultType}` : undefined, vendorMessage: body?.Message ?? undefined,
        detail: 'login refused: check acctId, user name and credentials',
      });
    }
    sid = body.KDSVCSessionId;
  }

  return {
    sessionId: () => sid,
    async ensure(signal) {
      if (a.mode !== 'signed' && !sid) await doLogin(signal);
    },
    async apply(headers, req) {
      if (identity && a.mode === 'signed') {
        for (const [k, v] of Object.entries(await kingdeeSignedHeaders(req.url.pathname, identity))) headers.set(k, v);
        return;
      }
      if (sid) {
        headers.set('kdservice-sessionid', sid);
        headers.set('cookie', `kdservice-sessionid=${sid}`); // ignored by browsers; the header above is read too
      }
    },
    async refresh(signal) {
      // MsgCode 1: log in again (signed mode re-signs each request, so the retry is the refresh).
      sid = undefined;
      if (a.mode !== 'signed') await doLogin(signal);
    },
  };
}

/**
 * `s` rows read so far; `k` / `m` the primary key and raw modify date of the last row, from which
 * the next page is asked by key (StartRow 0): with StartRow alone, a row edited (moved to the end
 * of the FModifyDate order) or deleted during the walk shifts the next row into the page already
 * read, and that row is never read.
 */
interface Cursor { s: number; st?: string; k?: number; m?: string }

/** The keyset condition for the page after `c`, and the cursor fields for the page after `rows`. */
function keyset(c: Cursor, pk: string, modified?: string): string {
  if (c.k === undefined) return '';
  if (modified === undefined) return `${pk} > ${c.k}`;
  if (c.m === undefined) return '';
  const m = kdLiteral(c.m);
  return `${modified} > ${m} OR (${modified} = ${m} AND ${pk} > ${c.k})`;
}
function lastKey(rows: KdRow[], pk: string, modified?: string): Pick<Cursor, 'k' | 'm'> {
  const last = rows[rows.length - 1];
  const k = last?.[pk];
  const m = modified === undefined ? undefined : last?.[modified];
  if (typeof k !== 'number' || !Number.isSafeInteger(k)) return {};
  if (modified === undefined) return { k };
  // A modify date that is not one (a bad row) cannot be a key: that page falls back to StartRow.
  return typeof m === 'string' && /^\d{4}-\d{2}-\d{2}[T ][\d:.]+$/.test(m) ? { k, m } : {};
}
const encodeCursor = (c: Cursor) => btoa(JSON.stringify(c));
function decodeCursor(s: string | undefined): Cursor {
  if (!s) return { s: 0 };
  try {
    const c = JSON.parse(atob(s)) as Cursor;
    if (typeof c.s === 'number' && c.s >= 0) return c;
  } catch { /* fall through */ }
  throw new KamValidationError([{ entity: 'cursor', path: 'cursor', message: 'is not a cursor this kingdee source issued' }]);
}

function matches(item: Record<string, unknown>, filter: Record<string, string | number | boolean>): boolean {
  return Object.entries(filter).every(([k, v]) => item[k] !== undefined && String(item[k]) === String(v));
}

/** Derived forecast category: Kingdee phases carry a win rate but no category. */
export function forecastCategoryForRate(probability: number, kind: 'open' | 'won' | 'lost'): ForecastCategory {
  if (kind === 'won') return 'closed';
  if (kind === 'lost') return 'omitted';
  return probability >= 0.8 ? 'commit' : probability >= 0.5 ? 'best_case' : 'pipeline';
}

/** Stages of the FDocumentStatus lifecycle (used when no sale-phase data exists). */
export const LIFECYCLE_STAGES = [
  { id: 'A', name: '创建', probability: 0.1, kind: 'open' as const },
  { id: 'B', name: '审核中', probability: 0.2, kind: 'open' as const },
  { id: 'G', name: '执行中', probability: 0.5, kind: 'open' as const },
  { id: 'E', name: '赢单', probability: 1, kind: 'won' as const },
  { id: 'F', name: '输单', probability: 0, kind: 'lost' as const },
];

/** The same failure, marked as safe to retry (we checked the write did not land). */
function retryableCopy(e: KamHttpError): KamHttpError {
  return new KamHttpError({
    code: e.code, vendor: e.vendor, endpoint: e.endpoint, reason: e.reason, status: e.status, vendorCode: e.vendorCode,
    vendorMessage: e.vendorMessage, requestId: e.requestId, retryable: true, attempts: e.attempts, cause: e,
    detail: 'the write did not reach the server; it can be sent again',
  });
}

/**
 * Every K/3 Cloud server serves at least 2,000 rows a page: the cap before the 23.11 patch,
 * 10,000 (WebAPIMaxQueryLimit) after it; a larger Limit is cut to the cap.
 */
const KD_MIN_LIMIT_CAP = 2000;

/** Whether a page ends the walk: shorter than asked, and not a page the server's cap cut short. */
const lastPage = (rows: number, limit: number): boolean => rows < Math.min(limit, KD_MIN_LIMIT_CAP);

/** Failures after which a Save may or may not have been applied. */
const outcomeUnknown = (e: KamHttpError): boolean =>
  ['network', 'truncated', 'timeout', 'malformed_json', 'html_page'].includes(e.reason) || (e.reason === 'http_status' && (e.status ?? 0) >= 500);

export class KingdeeSource implements DataSource {
  readonly name = 'kingdee';
  readonly http: HttpClient;
  private readonly opts: KingdeeSourceOptions;
  private readonly ctx: KingdeeMappingContext;
  private readonly forms: Record<KingdeeEntityKind, KingdeeFormSpec>;
  private readonly pageSize: number;
  private phaseInfo?: Promise<{ pipeline: Pipeline; phases?: KingdeeMappingContext['phases'] }>;
  private readonly done = new Map<string, WriteResult>();
  /** Writes sent whose outcome we never learned: idempotency key → FModifyDate before the Save. */
  private readonly unsure = new Map<string, string>();

  constructor(opts: KingdeeSourceOptions) {
    this.opts = opts;
    const serverUrl = opts.serverUrl.endsWith('/') ? opts.serverUrl : `${opts.serverUrl}/`;
    this.ctx = defaultKingdeeContext({
      offset: opts.offset, defaultCurrency: opts.defaultCurrency, ...(opts.currencies ? { currencies: opts.currencies } : {}),
      ...(opts.tierKey ? { tierKey: opts.tierKey } : {}),
    });
    for (const k of Object.keys(this.ctx) as Array<keyof KingdeeMappingContext>) if (this.ctx[k] === undefined) delete this.ctx[k];
    this.ctx.offset ??= '+08:00';
    this.ctx.defaultCurrency ??= 'CNY';
    this.forms = Object.fromEntries(Object.entries(DEFAULT_FORMS).map(([k, spec]) => [k, { ...spec, ...opts.forms?.[k as KingdeeEntityKind] }])) as Record<KingdeeEntityKind, KingdeeFormSpec>;
    this.pageSize = Math.max(1, Math.min(opts.pageSize ?? 2000, 10_000));
    const common = { ...opts.http, vendor: 'kingdee', baseUrl: serverUrl, inspect: inspectKingdee };
    const loginClient = new HttpClient(common);
    this.http = new HttpClient({ ...common, auth: kingdeeAuth(opts, loginClient) });
  }

  async capabilities(): Promise<Capabilities> {
    const kinds: EntityKind[] = ['accounts', 'contacts', 'opportunities', 'activities', 'contracts'];
    // Users (salespeople) are read only: they are HR base data, not the CRM's to change.
    const entities: EntityKind[] = this.opts.salesmanForm === false ? kinds : [...kinds, 'users'];
    return { entities, writable: kinds, changesSince: true, stageHistory: false, maxPageSize: this.pageSize };
  }

  /** One page of salespeople as users; a tenant without the form (MsgCode 4 / 9) has none. */
  private async usersPage(opts: ListOptions, since?: string, number?: string): Promise<ChangesPage<EntityMap['users']>> {
    const f = this.opts.salesmanForm || DEFAULT_SALESMAN_FORM;
    const c = decodeCursor(opts.cursor);
    const limit = Math.max(1, Math.min(opts.limit ?? this.pageSize, this.pageSize));
    const after = keyset(c, f.pk, since ? f.modified : undefined);
    const where = [
      since ? `${f.modified} > '${isoToKdLocal(since, this.ctx.offset)}'` : '',
      number !== undefined ? `${f.number} = ${kdLiteral(number)}` : '',
      after ? `(${after})` : '',
    ].filter(Boolean).join(' AND ');
    let rows: KdRow[];
    try {
      rows = await this.query({ FormId: f.formId, FieldKeys: [f.pk, f.number, f.name, f.modified].join(','), FilterString: where,
        OrderString: since ? `${f.modified} ASC, ${f.pk} ASC` : `${f.pk} ASC`, TopRowCount: 0, StartRow: after ? 0 : c.s, Limit: limit }, opts.signal);
    } catch (e) {
      if (e instanceof KamHttpError && (e.vendorCode === '4' || e.vendorCode === '9')) return { items: [], rejected: [], stamp: since ?? '' };
      throw e;
    }
    let stamp = c.st ?? since ?? '';
    const raws = rows.map((r) => {
      const updatedAt = kdDateTimeToIso(r[f.modified], this.ctx.offset);
      if (updatedAt && !Number.isNaN(Date.parse(updatedAt)) && (!stamp || Date.parse(updatedAt) > Date.parse(stamp))) stamp = updatedAt;
      const num = String(r[f.number] ?? '').trim();
      const name = String(r[f.name] ?? '').trim();
      return { id: num, name: name || num, updatedAt, sourceIds: { kingdee: String(r[f.pk] ?? ''), kingdeeNumber: num } };
    });
    const { valid, rejected } = parseBatch('users', raws);
    const items = (valid as EntityMap['users'][]).filter((u) => matches(u as unknown as Record<string, unknown>, opts.filter ?? {}));
    return { items, rejected, stamp, nextCursor: lastPage(rows.length, limit) ? undefined : encodeCursor({ s: c.s + rows.length, st: stamp, ...lastKey(rows, f.pk, since ? f.modified : undefined) }) };
  }

  private spec(kind: EntityKind): KingdeeFormSpec & { kind: KingdeeEntityKind } {
    if (!isKingdeeKind(kind)) throw new KamValidationError([{ entity: kind, path: '', message: 'is not served by the kingdee adapter (accounts, contacts, opportunities, activities, contracts are)' }]);
    return { ...this.forms[kind], kind };
  }

  private async keysOf(kind: KingdeeEntityKind, signal?: AbortSignal): Promise<string[]> {
    const keys = Object.keys(this.forms[kind].keys);
    if (kind === 'accounts' && this.ctx.tierKey && !keys.includes(this.ctx.tierKey)) return [...keys, this.ctx.tierKey];
    if (kind !== 'opportunities') return keys;
    const { phases } = await this.phases(signal);
    const phaseKey = this.opts.phaseForm === false ? undefined : (this.opts.phaseForm ?? DEFAULT_PHASE_FORM).opportunityKey;
    return keys.filter((k) => k !== DEFAULT_PHASE_FORM.opportunityKey).concat(phases && phaseKey ? [phaseKey] : []);
  }

  /** One ExecuteBillQuery page as keyed rows. */
  async query(q: KdBillQuery, signal?: AbortSignal): Promise<KdRow[]> {
    const r = await this.http.post<unknown>(kdPath(KD_SERVICE.executeBillQuery), { json: { data: q }, safe: true, signal });
    const rows = r.body;
    if (!Array.isArray(rows)) {
      throw new KamHttpError({
        code: 'data_source', vendor: 'kingdee', endpoint: `POST ${new URL(r.url).pathname}`, reason: 'vendor_error', status: r.status,
        retryable: false, requestId: r.requestId, detail: `ExecuteBillQuery ${q.FormId} answered ${rows === null ? 'null' : typeof rows} instead of an array of rows`,
      });
    }
    return rowsToObjects(q.FieldKeys.split(','), rows);
  }

  private phases(signal?: AbortSignal): Promise<{ pipeline: Pipeline; phases?: KingdeeMappingContext['phases'] }> {
    this.phaseInfo ??= this.loadPhases(signal).catch((e) => {
      this.phaseInfo = undefined;
      throw e;
    });
    return this.phaseInfo;
  }

  private async loadPhases(signal?: AbortSignal): Promise<{ pipeline: Pipeline; phases?: KingdeeMappingContext['phases'] }> {
    const rules = { allowSkip: true, allowBackward: true, allowReopen: true, wonRequires: { reason: true, date: true }, lostRequires: { reason: true, date: true } };
    const lifecycle = (): { pipeline: Pipeline } => ({
      pipeline: {
        id: KINGDEE_PIPELINE_ID, name: '商机', rules, sourceIds: { kingdee: KINGDEE_PIPELINE_ID },
        stages: LIFECYCLE_STAGES.map((s, i) => ({ ...s, order: i, forecastCategory: forecastCategoryForRate(s.probability, s.kind), entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] })),
      },
    });
    const pf = this.opts.phaseForm === undefined ? DEFAULT_PHASE_FORM : this.opts.phaseForm;
    if (pf === false) return lifecycle();
    let rows: KdRow[];
    try {
      rows = await this.query({ FormId: pf.formId, FieldKeys: [pf.number, pf.name, pf.winRate, pf.seq, pf.type].join(','), OrderString: `${pf.seq} ASC`, StartRow: 0, Limit: 2000 }, signal);
    } catch (e) {
      // Form or key unknown on this tenant (MsgCode 4 / 9): stages are the status lifecycle.
      if (e instanceof KamHttpError && (e.vendorCode === '4' || e.vendorCode === '9')) return lifecycle();
      throw e;
    }
    if (rows.length === 0) return lifecycle();
    const stages = rows.map((r, i) => {
      const type = String(r[pf.type] ?? '').trim();
      const kind = type === 'E' ? 'won' as const : type === 'F' ? 'lost' as const : 'open' as const;
      const probability = Math.min(1, Math.max(0, Number(r[pf.winRate] ?? 0) / 100));
      return {
        id: String(r[pf.number]).trim(), name: String(r[pf.name] ?? r[pf.number]).trim(), order: Number(r[pf.seq] ?? i), probability, kind,
        forecastCategory: forecastCategoryForRate(probability, kind),
      };
    });
    const { valid, rejected } = parseBatch('pipelines', [{ id: KINGDEE_PIPELINE_ID, name: '商机', stages, rules, sourceIds: { kingdee: pf.formId } }]);
    if (!valid[0]) throw new KamValidationError(rejected.flatMap((r) => r.issues), `kingdee ${pf.formId} phases`);
    const won = stages.find((s) => s.kind === 'won')?.id ?? 'E';
    const lost = stages.find((s) => s.kind === 'lost')?.id ?? 'F';
    return { pipeline: valid[0], phases: { key: pf.opportunityKey, won, lost } };
  }

  async pipelines(opts: { signal?: AbortSignal } = {}): Promise<Pipeline[]> {
    return [(await this.phases(opts.signal)).pipeline];
  }

  private async mapRows<K extends EntityKind>(kind: K & KingdeeEntityKind, rows: KdRow[], signal?: AbortSignal): Promise<{ items: EntityMap[K][]; rejected: Rejected[] }> {
    let ctx = this.ctx;
    if (kind === 'opportunities') ctx = { ...ctx, phases: (await this.phases(signal)).phases };
    if (kind === 'activities') {
      const need = [...new Set(rows.filter((r) => !Number(r.FCustomerId) && Number(r.FOppId)).map((r) => Number(r.FOppId)))];
      if (need.length) {
        const map = new Map<string, string>();
        for (let i = 0; i < need.length; i += 500) {
          const opp = this.forms.opportunities;
          const found = await this.query({ FormId: opp.formId, FieldKeys: `${opp.pk},FCustomerId`, FilterString: `${opp.pk} IN (${need.slice(i, i + 500).join(',')})`, StartRow: 0, Limit: 500 }, signal);
          for (const f of found) if (Number(f.FCustomerId)) map.set(String(f[opp.pk]), String(f.FCustomerId));
        }
        ctx = { ...ctx, opportunityAccounts: map };
      }
    }
    const { valid, rejected } = parseBatch(kind, rows.map((r) => fromKd(kind, r, ctx)));
    return { items: valid as EntityMap[K][], rejected };
  }

  private async page<K extends EntityKind>(kind: K, opts: ListOptions, extraFilter: string | undefined, modified?: string): Promise<{ items: EntityMap[K][]; rejected: Rejected[]; rows: KdRow[]; next?: Cursor }> {
    const spec = this.spec(kind);
    const c = decodeCursor(opts.cursor);
    const limit = Math.max(1, Math.min(opts.limit ?? this.pageSize, this.pageSize));
    const { clause, rest } = filterToKd(spec, opts.filter);
    const after = keyset(c, spec.pk, modified);
    const filter = [spec.baseFilter, clause, extraFilter, after].filter(Boolean).map((f) => `(${f})`).join(' AND ');
    const order = modified ? `${modified} ASC, ${spec.pk} ASC` : `${spec.pk} ASC`;
    const keys = await this.keysOf(spec.kind, opts.signal);
    const rows = await this.query({ FormId: spec.formId, FieldKeys: keys.join(','), FilterString: filter, OrderString: order, TopRowCount: 0, StartRow: after ? 0 : c.s, Limit: limit }, opts.signal);
    const { items, rejected } = await this.mapRows(spec.kind as K & KingdeeEntityKind, rows, opts.signal);
    const kept = Object.keys(rest).length ? items.filter((i) => matches(i as unknown as Record<string, unknown>, rest)) : items;
    // No total count: a short page is the last one, unless the server's Limit cap cut it (then one more ask).
    return { items: kept, rejected, rows, next: lastPage(rows.length, limit) ? undefined : { s: c.s + rows.length, ...lastKey(rows, spec.pk, modified) } };
  }

  async list<K extends EntityKind>(kind: K, opts: ListOptions = {}): Promise<Page<EntityMap[K]>> {
    if (kind === 'users' && this.opts.salesmanForm !== false) {
      const { items, rejected, nextCursor } = await this.usersPage(opts);
      return { items: items as EntityMap[K][], rejected, nextCursor };
    }
    const p = await this.page(kind, opts, undefined);
    return { items: p.items, rejected: p.rejected, nextCursor: p.next === undefined ? undefined : encodeCursor(p.next) };
  }

  async changes<K extends EntityKind>(kind: K, since: string, opts: ListOptions = {}): Promise<ChangesPage<EntityMap[K]>> {
    if (kind === 'users' && this.opts.salesmanForm !== false) return (await this.usersPage(opts, since)) as ChangesPage<EntityMap[K]>;
    const c = decodeCursor(opts.cursor);
    const sinceLocal = isoToKdLocal(since, this.ctx.offset);
    const p = await this.page(kind, opts, `FModifyDate > '${sinceLocal}'`, 'FModifyDate');
    let stamp = c.st ?? since;
    for (const r of p.rows) {
      const iso = kdDateTimeToIso(r.FModifyDate, this.ctx.offset);
      if (iso && !Number.isNaN(Date.parse(iso)) && Date.parse(iso) > Date.parse(stamp)) stamp = iso;
    }
    return { items: p.items, rejected: p.rejected, stamp, nextCursor: p.next === undefined ? undefined : encodeCursor({ ...p.next, st: stamp }) };
  }

  private async readRow(kind: KingdeeEntityKind, id: string, signal?: AbortSignal): Promise<KdRow | undefined> {
    if (!/^\d+$/.test(id)) return undefined; // internal ids are integers
    const spec = this.forms[kind];
    const keys = await this.keysOf(kind, signal);
    const [row] = await this.query({ FormId: spec.formId, FieldKeys: keys.join(','), FilterString: `${spec.pk} = ${id}`, StartRow: 0, Limit: 1 }, signal);
    return row;
  }

  private async mapOne<K extends EntityKind>(kind: K & KingdeeEntityKind, row: KdRow, signal?: AbortSignal): Promise<EntityMap[K]> {
    const { items, rejected } = await this.mapRows(kind, [row], signal);
    if (items[0]) return items[0];
    throw new KamValidationError(rejected.flatMap((r) => r.issues), `kingdee ${this.forms[kind].formId}`);
  }

  async get<K extends EntityKind>(kind: K, id: string, opts: { signal?: AbortSignal } = {}): Promise<EntityMap[K] | undefined> {
    // A user's id is the salesperson's number (what FSELLER / FBEMPID name).
    if (kind === 'users' && this.opts.salesmanForm !== false) return (await this.usersPage({ signal: opts.signal, limit: 1 }, undefined, id)).items[0] as EntityMap[K] | undefined;
    const spec = this.spec(kind);
    const row = await this.readRow(spec.kind, id, opts.signal);
    return row ? this.mapOne(spec.kind as K & KingdeeEntityKind, row, opts.signal) : undefined;
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
    const spec = this.spec(op.entity);
    const kind = spec.kind;
    if (op.op === 'create') {
      const { model } = patchToKd(kind, undefined, op.data, this.ctx);
      if (kind === 'contacts') model.FCompanyType = 'BD_Customer';
      const saved = await this.save(kind, undefined, { Model: { [spec.pk]: 0, ...model }, IsDeleteEntry: false }, op.data, signal);
      const row = await this.readRow(kind, saved, signal);
      if (!row) throw new KamNotFoundError(kind, saved);
      return { record: await this.mapOne(kind, row, signal) };
    }

    const id = op.id;
    const before = await this.readRow(kind, id, signal);
    if (!before) throw new KamNotFoundError(kind, id);
    const attempted = op.op === 'moveStage' ? { stageId: op.toStageId } : op.patch;
    const phases = kind === 'opportunities' ? (await this.phases(signal)).phases : undefined;
    if (this.unsure.has(op.idempotencyKey) && this.alreadyApplied(kind, before, op, phases)) {
      // A retry of a write whose answer was lost, and the record already holds it: done.
      this.unsure.delete(op.idempotencyKey);
      return { record: await this.mapOne(kind, before, signal) };
    }
    if (op.ifUnmodifiedSince !== undefined) {
      const stamp = kdDateTimeToIso(before.FModifyDate, this.ctx.offset);
      if (!stamp || Date.parse(stamp) !== Date.parse(op.ifUnmodifiedSince)) {
        const mapped = parseEntity(kind, fromKd(kind, before, { ...this.ctx, phases }));
        throw new KamConflictError(kind, id, {
          current: mapped.ok ? mapped.value : before, attempted,
          detail: `FModifyDate is ${String(before.FModifyDate)}, the write expected ${op.ifUnmodifiedSince}`,
        });
      }
    }
    this.unsure.set(op.idempotencyKey, String(before.FModifyDate));
    if (this.unsure.size > 1000) this.unsure.delete(this.unsure.keys().next().value as string);
    if (op.op === 'moveStage') await this.moveStage(id, before, op, signal);
    else {
      const { model, keys } = patchToKd(kind, id, op.patch, this.ctx);
      await this.save(kind, id, { Model: { [spec.pk]: Number(id), ...model }, NeedUpDateFields: keys, IsDeleteEntry: false }, op.patch, signal, before);
    }
    this.unsure.delete(op.idempotencyKey);
    const after = await this.readRow(kind, id, signal);
    if (!after) throw new KamNotFoundError(kind, id);
    return { record: await this.mapOne(kind, after, signal) };
  }

  /** Whether `row` already shows this write (the retried write's first attempt landed). */
  private alreadyApplied(kind: KingdeeEntityKind, row: KdRow, op: Extract<WriteOp, { op: 'update' | 'moveStage' }>, phases: KingdeeMappingContext['phases']): boolean {
    if (op.op === 'moveStage') {
      const mapped = parseEntity('opportunities', fromKd('opportunities', row, { ...this.ctx, phases }));
      return mapped.ok && mapped.value.stageId === op.toStageId;
    }
    const { model } = patchToKd(kind, op.id, op.patch, this.ctx);
    return Object.entries(model).every(([k, v]) => typeof v === 'object' || String(row[k] ?? '').trim() === String(v ?? '').trim());
  }

  /** Save with typed failures; re-audits an audited record when allowed; verifies after a lost answer. */
  private async save(kind: KingdeeEntityKind, id: string | undefined, data: KdSave, attempted: unknown, signal?: AbortSignal, before?: KdRow): Promise<string> {
    const spec = this.forms[kind];
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await this.http.post<{ Result?: { Id?: unknown } }>(kdPath(KD_SERVICE.save), { json: { formid: spec.formId, data }, safe: false, signal });
        return String(r.body?.Result?.Id ?? id);
      } catch (e) {
        if (!(e instanceof KamHttpError)) throw e;
        if (e.vendorCode === String(MSG_CODE.networkControl)) {
          throw new KamConflictError(kind, id ?? '', { attempted, detail: `网控 (MsgCode 13): ${e.vendorMessage ?? 'record locked by another user'}`, cause: e });
        }
        if (id && e.vendorCode === String(MSG_CODE.notOperable) && before?.FDocumentStatus === 'C' && this.opts.reauditOnWrite !== false && attempt === 1) {
          await this.op('unAudit', kind, id, signal);
          try {
            await this.http.post(kdPath(KD_SERVICE.save), { json: { formid: spec.formId, data }, safe: false, signal });
          } finally {
            await this.op('submit', kind, id, signal);
            await this.op('audit', kind, id, signal);
          }
          return id;
        }
        if (!outcomeUnknown(e) || !id || !before) throw e;
        // The answer was lost: if FModifyDate moved and the fields hold our values, it landed.
        const now = await this.readRow(kind, id, signal);
        if (!now) throw new KamNotFoundError(kind, id);
        if (now.FModifyDate === before.FModifyDate) {
          // Certainly not applied: send again, or let the caller retry later.
          if (attempt >= 3) throw retryableCopy(e);
          continue;
        }
        const mine = patchToKd(kind, id, attempted as Record<string, unknown>, this.ctx).model;
        const landed = Object.entries(mine).every(([k, v]) => typeof v === 'object' || String(now[k] ?? '').trim() === String(v ?? '').trim());
        if (landed) return id;
        throw new KamConflictError(kind, id, { current: now, attempted, detail: 'the record changed while the answer to this write was lost', cause: e });
      }
    }
  }

  /** A status operation on one record (Submit, Audit, UnAudit, CancelAssign, or ExcuteOperation). */
  private async op(service: 'submit' | 'audit' | 'unAudit' | 'cancelAssign' | 'excuteOperation', kind: KingdeeEntityKind, id: string, signal?: AbortSignal, opNumber?: string): Promise<void> {
    const spec = this.forms[kind];
    const data = { CreateOrgId: 0, Numbers: [], Ids: id, NetworkCtrl: false };
    const json = service === 'excuteOperation' ? { formid: spec.formId, opNumber, data } : { formid: spec.formId, data };
    try {
      await this.http.post(kdPath(KD_SERVICE[service]), { json, safe: false, signal });
    } catch (e) {
      if (e instanceof KamHttpError && (e.vendorCode === String(MSG_CODE.networkControl))) {
        throw new KamConflictError(kind, id, { detail: `网控 (MsgCode 13) during ${opNumber ?? service}: ${e.vendorMessage ?? ''}`, cause: e });
      }
      throw e;
    }
  }

  private async moveStage(id: string, row: KdRow, op: Extract<WriteOp, { op: 'moveStage' }>, signal?: AbortSignal): Promise<void> {
    const { pipeline, phases } = await this.phases(signal);
    const target = pipeline.stages.find((s) => s.id === op.toStageId);
    if (!target) throw new KamValidationError([{ entity: 'opportunities', id, path: 'stageId', message: `is not a stage of ${pipeline.name}: ${JSON.stringify(op.toStageId)}` }]);
    const status = OPPORTUNITY_STAGE_OF_STATUS[String(row.FDocumentStatus ?? '').trim()] ?? 'A';
    const spec = this.forms.opportunities;
    const closing = target.kind !== 'open';
    if (closing) {
      // 赢单 / 输单 need 输赢日期 and 输赢原因 on the bill before the operation.
      const reason = op.reason ?? (target.kind === 'won' ? '赢单' : undefined);
      if (!reason) throw new KamValidationError([{ entity: 'opportunities', id, path: 'lostReason', message: 'is required to close an opportunity as 输单 in Kingdee' }]);
      const date = (op.date ?? new Date().toISOString()).slice(0, 10);
      await this.save('opportunities', id, {
        Model: { [spec.pk]: Number(id), FWinDate: date, FWinReason: { FNumber: this.opts.winReasonNumber?.(reason) ?? reason } },
        NeedUpDateFields: ['FWinDate', 'FWinReason'], IsDeleteEntry: false,
      }, { closeDate: date }, signal, row);
    }
    const lifecycleTarget = target.kind === 'won' ? 'E' : target.kind === 'lost' ? 'F' : phases ? (status === 'E' || status === 'F' ? 'G' : status) : target.id;
    const path = opportunityPath(status, lifecycleTarget);
    if (!path) throw new KamValidationError([{ entity: 'opportunities', id, path: 'stageId', message: `Kingdee has no operation from ${status} to ${lifecycleTarget}` }]);
    for (const step of path) {
      const move = OPPORTUNITY_MOVES[step.from][step.to];
      await this.op(move.service, 'opportunities', id, signal, move.opNumber);
    }
    if (phases && !closing) {
      const base = phases.key.split('.')[0];
      await this.save('opportunities', id, {
        Model: { [spec.pk]: Number(id), [base]: { FNumber: target.id } }, NeedUpDateFields: [base], IsDeleteEntry: false,
      }, { stageId: target.id }, signal);
    }
  }
}

export function createKingdeeSource(opts: KingdeeSourceOptions): KingdeeSource {
  return new KingdeeSource(opts);
}

export { kdLiteral };
