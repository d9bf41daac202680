// The server side of the KAM Kit REST contract (docs/adapters/rest-openapi.yaml) over any
// DataSource. The relay serves it over a vendor adapter; the REST fake serves it over an
// in-memory book. Platform-neutral: a request in, a response out, no node:http here.
import { KamConflictError, KamError, KamNotFoundError, KamValidationError, entityKinds, type DataSource, type EntityKind, type ListOptions, type Rejected, type WriteOp, type WriteResult } from '@kamkit/core';
import { KamHttpError } from '../http/errors.js';
import { stampTime } from '../mapping/stamp.js';

export interface ContractRequest {
  method: string;
  /** Path below the contract's base, e.g. `/accounts/acc-1`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  signal?: AbortSignal;
}

export interface ContractResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ContractHandlerOptions {
  /** Turns a model record into what goes on the wire (field renaming; the fake's corruption). */
  present?: (kind: EntityKind, record: unknown) => unknown;
  /** Turns a wire record or patch into model fields (the inverse of `present`). */
  accept?: (kind: EntityKind, wire: Record<string, unknown>) => Record<string, unknown>;
  /** Turns a wire filter field into a model field (the inverse of the `present` renaming). */
  filterField?: (kind: EntityKind, wireField: string) => string;
  /** Idempotency-Key replay store size (completed writes remembered). Default 10 000. */
  idempotencyCapacity?: number;
  /** Largest page the contract serves. Default 500. */
  maxPageSize?: number;
  /** Called for every error answered with a 5xx (log it server-side; the body is already safe). */
  onError?: (error: unknown, request: ContractRequest) => void;
}

export const PROBLEM_JSON = 'application/problem+json';

/** `teamMembers` ↔ `team-members`. */
export function collectionOf(kind: EntityKind): string {
  return kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const kindByCollection = new Map<string, EntityKind>(entityKinds.map((k) => [collectionOf(k), k]));

export function kindOfCollection(segment: string): EntityKind | undefined {
  return kindByCollection.get(segment);
}

/** ETag of a record: its `updatedAt` stamp, quoted (a strong validator at millisecond precision). */
export function etagOf(record: unknown): string | undefined {
  const stamp = (record as { updatedAt?: unknown } | undefined)?.updatedAt;
  return typeof stamp === 'string' ? `"${stamp}"` : undefined;
}

/** The stamp inside an If-Match value (`"…"` or `W/"…"`); undefined for `*` or nothing. */
export function stampOfIfMatch(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (v === '*') return undefined;
  const m = /^(?:W\/)?"(.*)"$/.exec(v);
  return m ? m[1] : v;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Machine-readable code: a KAM code (`conflict`, `not_found`, …) or the upstream vendor's code. */
  code: string;
  /** The upstream vendor, when the error came from one (through the relay). */
  vendor?: string;
  errors?: Array<{ path: string; message: string; id?: string }>;
  /** On 412: the record as the server has it now. */
  current?: unknown;
  retryable?: boolean;
}

function problem(status: number, code: string, title: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}): ContractResponse {
  const body: Problem = { type: `https://kamkit.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, code, ...extra };
  return { status, headers: { 'content-type': PROBLEM_JSON, ...headers }, body };
}

class BadRequest extends Error {}

function header(req: ContractRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function parseJsonBody(req: ContractRequest): Record<string, unknown> {
  if (!req.body) return {};
  let v: unknown;
  try {
    v = JSON.parse(req.body);
  } catch {
    throw new BadRequest('the request body is not valid JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new BadRequest('the request body must be a JSON object');
  return v as Record<string, unknown>;
}

function parseFilter(raw: string | null): ListOptions['filter'] {
  if (!raw) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new BadRequest('`filter` must be a JSON object of field → value');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new BadRequest('`filter` must be a JSON object of field → value');
  for (const [k, x] of Object.entries(v)) {
    if (!['string', 'number', 'boolean'].includes(typeof x)) throw new BadRequest(`filter.${k} must be a string, number or boolean`);
  }
  return v as ListOptions['filter'];
}

function parseLimit(raw: string | null, max: number): number | undefined {
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new BadRequest('`limit` must be a whole number ≥ 1');
  return Math.min(n, max);
}

/** Maps any error a DataSource throws to a problem+json answer that carries no secret. */
export function problemFor(error: unknown): ContractResponse {
  if (error instanceof BadRequest) return problem(400, 'bad_request', 'Bad request', { detail: error.message });
  if (error instanceof KamConflictError) {
    return problem(412, 'conflict', 'The record changed since it was loaded', { detail: error.message, current: error.current });
  }
  if (error instanceof KamNotFoundError) return problem(404, 'not_found', 'Not found', { detail: error.message });
  if (error instanceof KamValidationError) {
    return problem(422, 'validation_failed', 'The record is not valid', {
      detail: error.message, errors: error.issues.map((i) => ({ path: i.path, message: i.message, ...(i.id ? { id: i.id } : {}) })),
    });
  }
  if (error instanceof KamHttpError) {
    const base = { detail: error.vendorMessage ?? error.message, vendor: error.vendor, retryable: error.retryable };
    const code = error.vendorCode ?? error.code;
    if (error.code === 'rate_limited') {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000));
      return problem(429, code, 'The upstream system is rate limiting', base, { 'retry-after': String(seconds) });
    }
    if (error.code === 'not_found') return problem(404, code, 'Not found upstream', base);
    // Vendors that refuse on HTTP 200 (Kingdee ResponseStatus) say so by code, not by status.
    if (error.code === 'validation') return problem(422, code, 'The upstream system refused the record', base);
    if (error.code === 'auth') return problem(502, code, 'The relay could not authenticate upstream', base);
    if (error.code === 'aborted') return problem(499, 'aborted', 'The request was cancelled', base);
    if (error.retryable) return problem(error.code === 'timeout' ? 504 : 502, code, 'The upstream system failed', base);
    const status = error.status && error.status >= 400 && error.status < 500 ? (error.status === 400 ? 422 : error.status) : 502;
    return problem(status, code, 'The upstream system refused the request', base);
  }
  if (error instanceof KamError) {
    const status = error.code === 'stage_move_refused' || error.code === 'validation' ? 422 : error.code === 'rate_limited' ? 429 : 500;
    return problem(status, error.code, status === 500 ? 'Server error' : 'Refused', { detail: error.message });
  }
  return problem(500, 'internal', 'Server error', { detail: 'an unexpected error occurred; see the server log' });
}

interface Remembered {
  fingerprint: string;
  response: ContractResponse;
}

/**
 * Builds the handler. Routes (below the base path):
 * `GET /capabilities`, `GET /pipelines`, `GET /{collection}` (`limit`, `cursor`, `filter`,
 * `updated_since`), `GET /{collection}/{id}`, `POST /{collection}`, `PATCH /{collection}/{id}`
 * (If-Match), `POST /opportunities/{id}/move-stage` (If-Match). Writes honour Idempotency-Key.
 */
export function createContractHandler(source: DataSource, opts: ContractHandlerOptions = {}) {
  const present = opts.present ?? ((_k: EntityKind, r: unknown) => r);
  const accept = opts.accept ?? ((_k: EntityKind, w: Record<string, unknown>) => w);
  const capacity = opts.idempotencyCapacity ?? 10_000;
  const maxPage = opts.maxPageSize ?? 500;
  const remembered = new Map<string, Remembered>();
  const inFlight = new Map<string, Promise<ContractResponse>>();

  const remember = (key: string, value: Remembered) => {
    remembered.set(key, value);
    if (remembered.size > capacity) remembered.delete(remembered.keys().next().value as string);
  };

  const recordResponse = (kind: EntityKind, result: WriteResult, status = 200): ContractResponse => {
    const etag = etagOf(result.record);
    return { status, headers: etag ? { etag } : {}, body: present(kind, result.record) };
  };

  const presentRejected = (rejected: Rejected[]) => rejected.map((r) => ({ entity: r.entity, id: r.id, issues: r.issues, raw: r.raw }));

  async function write(req: ContractRequest, kind: EntityKind, op: WriteOp, status: number): Promise<ContractResponse> {
    const key = op.idempotencyKey;
    const slot = `${req.method} ${req.path} ${key}`;
    const fingerprint = `${req.body}|${header(req, 'if-match') ?? ''}`;
    const prior = remembered.get(slot);
    if (prior) {
      if (prior.fingerprint !== fingerprint) {
        return problem(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request', { detail: `key ${key}` });
      }
      return { ...prior.response, headers: { ...prior.response.headers, 'idempotent-replayed': 'true' } };
    }
    const running = inFlight.get(slot);
    if (running) return running;
    const p = (async () => {
      try {
        const response = recordResponse(kind, await source.write(op, { signal: req.signal }), status);
        remember(slot, { fingerprint, response });
        return response;
      } catch (e) {
        const response = problemFor(e);
        // Definite refusals are replayed too (same key ⇒ same answer); conflicts and transient failures are not.
        if (response.status === 422 || response.status === 404) remember(slot, { fingerprint, response });
        return response;
      } finally {
        inFlight.delete(slot);
      }
    })();
    inFlight.set(slot, p);
    return p;
  }

  return async function handle(req: ContractRequest): Promise<ContractResponse> {
    try {
      const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
      const method = req.method.toUpperCase();
      if (segments.length === 1 && segments[0] === 'capabilities' && method === 'GET') {
        return { status: 200, body: await source.capabilities() };
      }
      if (segments.length === 1 && segments[0] === 'pipelines' && method === 'GET') {
        return { status: 200, body: { data: await source.pipelines({ signal: req.signal }) } };
      }
      const kind = segments[0] ? kindOfCollection(segments[0]) : undefined;
      if (!kind) return problem(404, 'not_found', 'No such resource', { detail: `${req.method} ${req.path} is not part of the KAM Kit REST contract` });

      if (segments.length === 1 && method === 'GET') {
        const limit = parseLimit(req.query.get('limit'), maxPage);
        const cursor = req.query.get('cursor') ?? undefined;
        const wireFilter = parseFilter(req.query.get('filter'));
        const filter = wireFilter && opts.filterField
          ? Object.fromEntries(Object.entries(wireFilter).map(([k, v]) => [opts.filterField!(kind, k), v]))
          : wireFilter;
        const since = req.query.get('updated_since');
        if (since !== null) {
          // A stamp is an ISO 8601 date-time, optionally followed by what was read in its second.
          if (Number.isNaN(Date.parse(stampTime(since)))) throw new BadRequest('`updated_since` must be a stamp: an ISO 8601 date-time');
          const page = await source.changes(kind, since, { limit, cursor, filter, signal: req.signal });
          return {
            status: 200,
            body: {
              data: page.items.map((r) => present(kind, r)), stamp: page.stamp,
              ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
              ...(page.total !== undefined ? { total: page.total } : {}),
              ...(page.deleted?.length ? { deleted: page.deleted } : {}),
              ...(page.rejected.length ? { rejected: presentRejected(page.rejected) } : {}),
            },
          };
        }
        const page = await source.list(kind, { limit, cursor, filter, signal: req.signal });
        return {
          status: 200,
          body: {
            data: page.items.map((r) => present(kind, r)),
            ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
            ...(page.total !== undefined ? { total: page.total } : {}),
            ...(page.rejected.length ? { rejected: presentRejected(page.rejected) } : {}),
          },
        };
      }
      if (segments.length === 2 && method === 'GET') {
        const record = await source.get(kind, segments[1], { signal: req.signal });
        if (!record) return problem(404, 'not_found', 'Not found', { detail: `${kind} ${segments[1]} does not exist` });
        const etag = etagOf(record);
        return { status: 200, headers: etag ? { etag } : {}, body: present(kind, record) };
      }

      const isWrite = method === 'POST' || method === 'PATCH';
      if (!isWrite) return problem(405, 'method_not_allowed', 'Method not allowed', { detail: `${method} ${req.path}` });
      const idempotencyKey = header(req, 'idempotency-key');
      if (!idempotencyKey) return problem(428, 'idempotency_key_required', 'Idempotency-Key header required', { detail: 'every write carries an Idempotency-Key so a retry never applies twice' });
      const ifUnmodifiedSince = stampOfIfMatch(header(req, 'if-match'));
      const body = parseJsonBody(req);

      if (segments.length === 1 && method === 'POST') {
        return write(req, kind, { op: 'create', entity: kind, data: accept(kind, body), idempotencyKey }, 201);
      }
      if (segments.length === 2 && method === 'PATCH') {
        const patch = accept(kind, body);
        delete patch.id;
        delete patch.updatedAt;
        return write(req, kind, { op: 'update', entity: kind, id: segments[1], patch, idempotencyKey, ifUnmodifiedSince }, 200);
      }
      if (segments.length === 3 && kind === 'opportunities' && segments[2] === 'move-stage' && method === 'POST') {
        if (typeof body.toStageId !== 'string' || !body.toStageId) throw new BadRequest('`toStageId` is required');
        const opt = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
        return write(req, kind, {
          op: 'moveStage', entity: 'opportunities', id: segments[1], toStageId: body.toStageId,
          reason: opt('reason'), date: opt('date'), by: opt('by'), idempotencyKey, ifUnmodifiedSince,
        }, 200);
      }
      return problem(404, 'not_found', 'No such resource', { detail: `${req.method} ${req.path} is not part of the KAM Kit REST contract` });
    } catch (e) {
      const response = problemFor(e);
      if (response.status >= 500) opts.onError?.(e, req);
      return response;
    }
  };
}

export type ContractHandler = ReturnType<typeof createContractHandler>;
