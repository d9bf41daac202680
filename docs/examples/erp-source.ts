// A DataSource over a backend that does not speak the REST contract: the worked example of
// docs/guides/data-sources.md ("Your own DataSource"). The ERP has its own field names
// (customers.code/title/area/grade, deals.no/customer/subject/value/cur/phase), offset paging
// (`?offset=&size=` → `{ rows, count }`), one stage list, and a stage-move call that checks the
// record's last-modified stamp. tests/node/docs-custom-source.test.ts runs it against such a server.
import {
  KamConflictError, KamError, KamNotFoundError, parseBatch, parseEntity,
  type Capabilities, type ChangesPage, type DataSource, type EntityKind, type EntityMap,
  type ListOptions, type Page, type Pipeline, type WriteOp, type WriteResult,
} from '@kamkit/core';

type Row = Record<string, any>;

// ERP rows → the model's shape. parseBatch/parseEntity below judge the result.
const toAccount = (r: Row) => ({
  id: r.code, name: r.title, region: r.area, tier: r.grade, updatedAt: r.modified, tags: [], sourceIds: { erp: r.code },
});
const toDeal = (r: Row) => ({
  id: r.no, accountId: r.customer, pipelineId: 'erp', stageId: r.phase, name: r.subject,
  amount: { amount: r.value, currency: r.cur }, closeDate: r.close, updatedAt: r.modified,
});
const tables: Partial<Record<EntityKind, { path: string; map: (r: Row) => unknown }>> = {
  accounts: { path: 'customers', map: toAccount },
  opportunities: { path: 'deals', map: toDeal },
};

/** An HTTP error as the sync engine reads it: `status` and `retryable` decide whether a write is retried. */
function httpError(status: number, message: string, body: unknown): KamError {
  const code = status === 404 ? 'not_found' : status === 401 || status === 403 ? 'auth' : 'data_source';
  return Object.assign(new KamError(code, message), { status, retryable: status === 408 || status === 429 || status >= 500, body });
}

export function createErpSource(baseUrl: string): DataSource {
  async function call(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<any> {
    let res: Response;
    try {
      res = await fetch(baseUrl + path, { ...init, signal, headers: { 'content-type': 'application/json' } });
    } catch (e) {
      if (signal?.aborted) throw e;
      // No answer at all: the engine keeps the write and probes until the ERP answers again.
      throw new KamError('network', `ERP unreachable: ${(e as Error).message}`, { cause: e });
    }
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw httpError(res.status, `ERP ${res.status}: ${body.error ?? res.statusText}`, body);
    return body;
  }

  const source: DataSource = {
    name: 'erp',

    async capabilities(): Promise<Capabilities> {
      return { entities: ['accounts', 'opportunities'], writable: ['opportunities'], changesSince: false, stageHistory: false, maxPageSize: 100 };
    },

    async pipelines({ signal } = {}): Promise<Pipeline[]> {
      const phases: Array<[string, string, number, string, string]> = await call('/phases', {}, signal);
      const raw = {
        id: 'erp', name: 'Sales',
        stages: phases.map(([id, name, probability, forecastCategory, kind], order) => ({ id, name, order, probability, forecastCategory, kind })),
      };
      const r = parseEntity('pipelines', raw);
      if (!r.ok) throw new KamError('invalid_model', `ERP stages: ${r.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
      return [r.value];
    },

    async list<K extends EntityKind>(kind: K, opts: ListOptions = {}): Promise<Page<EntityMap[K]>> {
      const table = tables[kind];
      if (!table) return { items: [], rejected: [] };   // a kind not in capabilities().entities
      // The cursor is whatever string you need to find the next page: here the offset.
      const offset = Number(opts.cursor ?? 0);
      const size = Math.min(opts.limit ?? 100, 100);
      const { rows, count } = await call(`/${table.path}?offset=${offset}&size=${size}`, {}, opts.signal);
      const { valid, rejected } = parseBatch(kind, rows.map(table.map));
      const next = offset + rows.length;
      return { items: valid, rejected, total: count, nextCursor: rows.length > 0 && next < count ? String(next) : undefined };
    },

    async get<K extends EntityKind>(kind: K, id: string, { signal }: { signal?: AbortSignal } = {}): Promise<EntityMap[K] | undefined> {
      const table = tables[kind];
      if (!table) return undefined;
      try {
        const r = parseEntity(kind, table.map(await call(`/${table.path}/${encodeURIComponent(id)}`, {}, signal)));
        return r.ok ? r.value : undefined;
      } catch (e) {
        if (e instanceof KamError && e.code === 'not_found') return undefined;
        throw e;
      }
    },

    // capabilities().changesSince is false: the engine lists every kind in full instead and never
    // calls this. It is part of the interface all the same.
    async changes<K extends EntityKind>(kind: K, since: string, opts?: ListOptions): Promise<ChangesPage<EntityMap[K]>> {
      return { ...(await source.list(kind, opts)), stamp: since };
    },

    async write(op: WriteOp, { signal }: { signal?: AbortSignal } = {}): Promise<WriteResult> {
      if (op.op !== 'moveStage') throw new KamError('validation', `the ERP takes stage moves only, not ${op.op} on ${op.entity}`);
      try {
        const row = await call(`/deals/${encodeURIComponent(op.id)}/move`, {
          method: 'POST',
          body: JSON.stringify({ phase: op.toStageId, expected: op.ifUnmodifiedSince, reason: op.reason, key: op.idempotencyKey }),
        }, signal);
        return { record: toDeal(row) };             // the record as the ERP now has it, new stamp included
      } catch (e) {
        const { status, body } = e as { status?: number; body?: { current?: Row } };
        if (status === 409) throw new KamConflictError('opportunities', op.id, { current: body?.current && toDeal(body.current), attempted: op });
        if (status === 404) throw new KamNotFoundError('opportunities', op.id);
        throw e;
      }
    },
  };
  return source;
}
