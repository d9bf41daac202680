// A fake backend speaking the KAM Kit REST contract: the contract handler over an in-memory
// book (core's MemorySource: cursor paging, preconditions, stage rules), behind the shared
// fault knobs. An optional field mapping makes it speak an ISV's own field names.
import type { Book, EntityKind } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { createContractHandler, PROBLEM_JSON } from '../../relay/contract.js';
import { createFieldMapper, type FieldMapping } from '../../mapping/field-map.js';
import { FakeHttpServer, type FakeRequest, type FakeStats, type FaultKnobs } from '../shared/server.js';
import type { ConformanceFake } from '../../conformance/suite.js';

export interface RestFakeOptions {
  book: Book;
  faults?: FaultKnobs;
  /** The wire names this backend uses (model path → wire field); identity by default. */
  mapping?: FieldMapping;
  /** Where the contract is mounted. Default `/kam/v1`. */
  basePath?: string;
  /** When set, every request must carry `Authorization: Bearer <token>`. */
  token?: string;
  maxPageSize?: number;
}

const problem = (status: number, code: string, title: string, extra: Record<string, unknown> = {}) => ({
  status, headers: { 'content-type': PROBLEM_JSON }, body: { type: `https://kamkit.dev/problems/${code.replace(/_/g, '-')}`, title, status, code, ...extra },
});

const isWrite = (r: FakeRequest) => r.method === 'POST' || r.method === 'PATCH';

export class RestFake implements ConformanceFake {
  readonly source: MemorySource;
  readonly server: FakeHttpServer;
  private readonly corrupted = new Map<EntityKind, Set<string>>();
  private readonly basePath: string;

  constructor(private readonly opts: RestFakeOptions) {
    this.basePath = (opts.basePath ?? '/kam/v1').replace(/\/$/, '');
    this.source = new MemorySource(opts.book, { name: 'rest-fake', maxPageSize: opts.maxPageSize ?? 500 });
    const mapper = createFieldMapper(opts.mapping);
    const handler = createContractHandler(this.source, {
      maxPageSize: opts.maxPageSize ?? 500,
      present: (kind, record) => mapper.toWire(kind, this.maybeCorrupt(kind, record as Record<string, unknown>)),
      accept: (kind, wire) => mapper.toModel(kind, wire) as Record<string, unknown>,
      filterField: (kind, field) => mapper.modelField(kind, field),
    });
    this.server = new FakeHttpServer(async (req) => {
      if (!req.path.startsWith(`${this.basePath}/`)) return problem(404, 'not_found', 'Not found', { detail: `nothing at ${req.path}` });
      if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) {
        return problem(401, 'unauthorized', 'Missing or invalid bearer token');
      }
      const res = await handler({
        method: req.method, path: req.path.slice(this.basePath.length), query: req.query,
        headers: req.headers, body: req.body,
      });
      return { status: res.status, headers: res.headers, body: res.body };
    }, {
      faults: opts.faults,
      faultBodies: {
        serverError: (status) => problem(status, 'server_error', 'The server failed', { retryable: true }),
        rateLimited: (_h, ms) => problem(429, 'rate_limited', 'Too many requests', { detail: `retry in ${Math.ceil(ms / 1000)} s` }),
      },
    });
  }

  async start(): Promise<this> {
    await this.server.listen();
    return this;
  }

  /** Base URL of the contract (what `createRestSource({ baseUrl })` takes). */
  get url(): string {
    return `${this.server.url}${this.basePath}`;
  }

  get stats(): FakeStats {
    return this.server.stats;
  }

  setFaults(knobs: FaultKnobs): void {
    this.server.setFaults(knobs);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  rejectNextWrite(): string {
    this.server.queueResponse(isWrite, problem(422, 'validation_failed', 'The record is not valid', {
      detail: 'name: the ERP refuses this value', errors: [{ path: 'name', message: 'refused by a validation rule of the ERP' }],
    }));
    return 'validation_failed';
  }

  dropNextWriteResponse(): void {
    this.server.queueDropAfterHandling(isWrite);
  }

  corrupt(kind: 'accounts' | 'opportunities', count: number): string[] {
    const all = this.opts.book[kind];
    const step = Math.max(1, Math.floor(all.length / count));
    const ids = all.filter((_, i) => i % step === step - 1).slice(0, count).map((r) => r.id);
    this.corrupted.set(kind, new Set([...(this.corrupted.get(kind) ?? []), ...ids]));
    return ids;
  }

  writesApplied(): number {
    return this.source.appliedCount;
  }

  private maybeCorrupt(kind: EntityKind, record: Record<string, unknown>): Record<string, unknown> {
    const id = String(record.id);
    if (!this.corrupted.get(kind)?.has(id) && !this.server.isCorrupt(kind, id)) return record;
    if (kind === 'opportunities') return { ...record, amount: { amount: 'lots', currency: 'euro' } };
    if (kind === 'accounts') return { ...record, name: '', employees: -5 };
    return { ...record, updatedAt: 'yesterday-ish' };
  }
}

export function startRestFake(opts: RestFakeOptions): Promise<RestFake> {
  return new RestFake(opts).start();
}
