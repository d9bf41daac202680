// The `rest` adapter: the KAM Kit REST contract (docs/adapters/rest-openapi.yaml) as a
// DataSource. It is how a browser page reaches the relay, and how an ISV puts KAM Kit over
// their own ERP — with a field mapping when their names differ from the model's.
import { KamConflictError, KamNotFoundError, KamValidationError, entityNoun, parseBatch, type Capabilities, type ChangesPage, type DataSource, type EntityKind, type EntityMap, type ListOptions, type Page, type Pipeline, type Rejected, type WriteOp, type WriteResult } from '@kamkit/core';
import { HttpClient, type AuthProvider, type HttpClientOptions } from '../http/client.js';
import { bearerToken } from '../http/auth.js';
import { createFieldMapper, type FieldMapping } from '../mapping/field-map.js';
import { collectionOf, etagOf } from '../relay/contract.js';

export interface RestSourceOptions {
  /** Base URL of the contract, e.g. `https://erp.example.com/kam/v1` or the relay's `/kam`. */
  baseUrl: string;
  /** A bearer token, or any AuthProvider. Omit behind a relay that authenticates by cookie. */
  token?: string;
  auth?: AuthProvider;
  /** Model path → wire field, per entity kind; identity by default. */
  mapping?: FieldMapping;
  /** Page size asked for when the caller does not say. Default 200. */
  pageSize?: number;
  /** Name in messages and on errors. Default `rest`. */
  name?: string;
  /** Send cookies to a relay on another origin (`credentials: 'include'`). */
  withCredentials?: boolean;
  /** Tuning of the HTTP layer (timeouts, retries, …). */
  http?: Partial<Omit<HttpClientOptions, 'vendor' | 'baseUrl' | 'auth'>>;
}

interface ListBody {
  data?: unknown[];
  next_cursor?: string;
  total?: number;
  stamp?: string;
  deleted?: string[];
  rejected?: Rejected[];
}

interface ProblemBody {
  code?: string;
  detail?: string;
  current?: unknown;
}

function ensureArray(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`${what} is not an array`);
  return v;
}

export class RestSource implements DataSource {
  readonly name: string;
  readonly http: HttpClient;
  private readonly mapper;
  private readonly pageSize: number;

  constructor(private readonly opts: RestSourceOptions) {
    this.name = opts.name ?? 'rest';
    this.mapper = createFieldMapper(opts.mapping);
    this.pageSize = opts.pageSize ?? 200;
    const auth = opts.auth ?? (opts.token ? bearerToken({ token: opts.token, vendor: this.name }) : undefined);
    const credentialsFetch: typeof fetch | undefined = opts.withCredentials
      ? (input, init) => fetch(input, { ...init, credentials: 'include' })
      : undefined;
    this.http = new HttpClient({
      vendor: this.name, baseUrl: opts.baseUrl, auth, idempotencyHeader: 'Idempotency-Key',
      fetch: credentialsFetch, ...opts.http,
    });
  }

  async capabilities(): Promise<Capabilities> {
    const res = await this.http.get<Capabilities>('capabilities');
    return res.body;
  }

  async pipelines(opts: { signal?: AbortSignal } = {}): Promise<Pipeline[]> {
    const res = await this.http.get<{ data: unknown[] }>('pipelines', { signal: opts.signal });
    const raws = ensureArray(res.body?.data, 'pipelines.data').map((p) => this.mapper.toModel('pipelines', p));
    const { valid, rejected } = parseBatch('pipelines', raws);
    if (rejected.length && !valid.length) {
      throw new KamValidationError(rejected.flatMap((r) => r.issues), `${this.name}: no valid pipeline`);
    }
    return valid as Pipeline[];
  }

  private query(opts: ListOptions, kind: EntityKind): Record<string, string | number | undefined> {
    const filter = opts.filter
      ? JSON.stringify(Object.fromEntries(Object.entries(opts.filter).map(([k, v]) => [this.mapper.wireField(kind, k), v])))
      : undefined;
    return { limit: opts.limit ?? this.pageSize, cursor: opts.cursor, filter };
  }

  private page<K extends EntityKind>(kind: K, body: ListBody): Page<EntityMap[K]> {
    const raws = ensureArray(body?.data, `${collectionOf(kind)}.data`).map((r) => this.mapper.toModel(kind, r));
    const { valid, rejected } = parseBatch(kind, raws);
    const upstream = Array.isArray(body.rejected) ? body.rejected.map((r) => ({ ...r, entity: r.entity ?? kind })) : [];
    return {
      items: valid as EntityMap[K][],
      rejected: [...upstream, ...rejected],
      ...(body.next_cursor ? { nextCursor: body.next_cursor } : {}),
      ...(typeof body.total === 'number' ? { total: body.total } : {}),
    };
  }

  async list<K extends EntityKind>(kind: K, opts: ListOptions = {}): Promise<Page<EntityMap[K]>> {
    const res = await this.http.get<ListBody>(collectionOf(kind), { query: this.query(opts, kind), signal: opts.signal });
    return this.page(kind, res.body);
  }

  async get<K extends EntityKind>(kind: K, id: string, opts: { signal?: AbortSignal } = {}): Promise<EntityMap[K] | undefined> {
    const res = await this.http.get(`${collectionOf(kind)}/${encodeURIComponent(id)}`, { accept: [404], signal: opts.signal });
    if (res.status === 404) return undefined;
    const page = this.page(kind, { data: [res.body] });
    if (page.rejected.length) {
      throw new KamValidationError(page.rejected[0].issues, `${this.name}: ${entityNoun[kind]} ${id} is not valid`);
    }
    return page.items[0];
  }

  async changes<K extends EntityKind>(kind: K, since: string, opts: ListOptions = {}): Promise<ChangesPage<EntityMap[K]>> {
    const res = await this.http.get<ListBody>(collectionOf(kind), {
      query: { ...this.query(opts, kind), updated_since: since }, signal: opts.signal,
    });
    const page = this.page(kind, res.body);
    let stamp = typeof res.body.stamp === 'string' ? res.body.stamp : since;
    if (typeof res.body.stamp !== 'string') {
      for (const r of page.items as Array<{ updatedAt?: string }>) if (r.updatedAt && r.updatedAt > stamp) stamp = r.updatedAt;
    }
    return { ...page, stamp, ...(res.body.deleted?.length ? { deleted: res.body.deleted } : {}) };
  }

  async write(op: WriteOp, opts: { signal?: AbortSignal } = {}): Promise<WriteResult> {
    const kind = op.entity;
    const headers: Record<string, string> = {};
    if (op.ifUnmodifiedSince && op.op !== 'create') headers['if-match'] = etagOf({ updatedAt: op.ifUnmodifiedSince })!;
    let path: string;
    let method: 'POST' | 'PATCH';
    let json: unknown;
    if (op.op === 'create') {
      path = collectionOf(kind);
      method = 'POST';
      json = this.mapper.toWire(kind, op.data);
    } else if (op.op === 'update') {
      path = `${collectionOf(kind)}/${encodeURIComponent(op.id)}`;
      method = 'PATCH';
      json = this.mapper.toWire(kind, op.patch);
    } else {
      path = `opportunities/${encodeURIComponent(op.id)}/move-stage`;
      method = 'POST';
      json = { toStageId: op.toStageId, reason: op.reason, date: op.date, by: op.by };
    }
    const res = await this.http.request<unknown>({
      method, path, json, headers, idempotencyKey: op.idempotencyKey, accept: [404, 412], signal: opts.signal,
    });
    const id = op.op === 'create' ? String((op.data as { id?: unknown }).id ?? '') : op.id;
    if (res.status === 412) {
      const p = res.body as ProblemBody;
      const current = p?.current !== undefined ? this.mapper.toModel(kind, p.current) : undefined;
      throw new KamConflictError(entityNoun[kind], id, {
        current, attempted: op.op === 'update' ? op.patch : op.op === 'create' ? op.data : { toStageId: op.toStageId },
        detail: p?.detail ? undefined : `If-Match ${headers['if-match'] ?? ''} no longer matches`,
      });
    }
    if (res.status === 404) throw new KamNotFoundError(entityNoun[kind], id);
    return { record: this.mapper.toModel(kind, res.body) };
  }
}

/** Builds the `rest` DataSource (the entry `<kam-provider endpoint>` uses). */
export function createRestSource(opts: RestSourceOptions): RestSource {
  return new RestSource(opts);
}
