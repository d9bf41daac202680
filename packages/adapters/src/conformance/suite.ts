// The adapter conformance suite, in the spirit of Lion's reusable test suites: one set of
// behaviour every DataSource must show over real HTTP against its fake, run by whatever test
// framework the caller injects. It uses only chai-style assertions that vitest's `expect` and
// chai's `expect` (web-test-runner / @open-wc/testing) both understand.
import { KamConflictError, KamError, Store, listAll, type Book, type DataSource, type EntityKind, type EntityMap, type Rejected } from '@kamkit/core';
import { SyncEngine, stampsOf } from '@kamkit/core/sync';
import { conformanceBook, type ConformanceBookOptions } from './dataset.js';
import { stampTime } from '../mapping/stamp.js';
import type { FakeStats, FaultKnobs } from '../fakes/shared/server.js';

/** What a vendor fake offers the suite beyond serving its seeded book. */
export interface ConformanceFake {
  readonly url: string;
  /** The next write is refused the way this vendor refuses invalid data; returns the vendor error code it will send. */
  rejectNextWrite(): string;
  /** The next write is applied, then its connection is cut before the answer arrives. */
  dropNextWriteResponse(): void;
  /** Serves `count` records of `kind` in a shape that violates the model; returns the ids the adapter should report. */
  corrupt(kind: 'accounts' | 'opportunities', count: number): string[];
  /** Writes the fake has applied so far (a retried write must count once). */
  writesApplied(): number;
  setFaults(knobs: FaultKnobs): void;
  readonly stats: FakeStats;
}

export interface ConformanceContext {
  source: DataSource;
  fake: ConformanceFake;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 seeded with `book` and returns a DataSource pointed at it. */
export type MakeConformanceContext = (book: Book) => Promise<ConformanceContext>;

interface Assertion {
  to: {
    equal(v: unknown, msg?: string): void;
    deep: { equal(v: unknown, msg?: string): void };
    be: {
      greaterThan(n: number, msg?: string): void;
      instanceOf(c: abstract new (...args: never[]) => unknown, msg?: string): void;
    };
  };
}

export interface ConformanceTestApi {
  describe(name: string, fn: () => void): void;
  it(name: string, fn: () => Promise<void>, timeoutMs?: number): void;
  expect(actual: unknown, message?: string): Assertion;
}

export interface ConformanceOptions {
  /** Page size asked for while paging (Salesforce serves at least 200). Default 200. */
  pageSize?: number;
  /** Shape of the seeded book. */
  book?: ConformanceBookOptions;
  /** Per-test timeout (ms). Default 30 000. */
  timeoutMs?: number;
  /** Resolution of the backend's modification stamps (Zoho: 1000, whole seconds). Default 1. */
  stampResolutionMs?: number;
}

async function drain<K extends EntityKind>(source: DataSource, kind: K, opts: { limit?: number; filter?: Record<string, string | number | boolean> } = {}) {
  const items: EntityMap[K][] = [];
  const rejected: Rejected[] = [];
  let pages = 0;
  for await (const page of listAll(source, kind, opts)) {
    pages++;
    items.push(...page.items);
    rejected.push(...page.rejected);
    if (pages > 10_000) throw new Error(`${source.name} ${kind}: paging does not end`);
  }
  return { items, rejected, pages };
}

async function drainChanges<K extends EntityKind>(source: DataSource, kind: K, since: string, limit?: number) {
  const items: EntityMap[K][] = [];
  let cursor: string | undefined;
  let stamp = since;
  let guard = 0;
  do {
    const page = await source.changes(kind, since, { cursor, limit });
    items.push(...page.items);
    stamp = page.stamp;
    cursor = page.nextCursor;
    if (++guard > 10_000) throw new Error(`${source.name} ${kind}: changes paging does not end`);
  } while (cursor);
  return { items, stamp };
}

const names = (rs: ReadonlyArray<{ name?: string }>) => rs.map((r) => r.name ?? '').sort();

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * Registers the conformance cases for one adapter.
 *
 * ```ts
 * import { describe, it, expect } from 'vitest';
 * runConformance('salesforce', async (book) => { … return { source, fake, close }; }, { describe, it, expect });
 * ```
 */
export function runConformance(name: string, makeContext: MakeConformanceContext, api: ConformanceTestApi, options: ConformanceOptions = {}): void {
  const { describe, it, expect } = api;
  const pageSize = options.pageSize ?? 200;
  const timeout = options.timeoutMs ?? 30_000;
  const book = conformanceBook(options.book);

  /** A fresh fake and source per case: cases never see each other's writes. */
  const withContext = (fn: (ctx: ConformanceContext) => Promise<void>) => async () => {
    const ctx = await makeContext(book);
    try {
      await fn(ctx);
    } finally {
      await ctx.close();
    }
  };

  const findAccount = async (source: DataSource, accountName: string) => {
    const { items } = await drain(source, 'accounts', { limit: pageSize });
    const acc = items.find((a) => a.name === accountName);
    if (!acc) throw new Error(`${source.name}: account "${accountName}" from the seeded book was not served`);
    return acc;
  };

  describe(`${name} adapter conformance`, () => {
    it('pages through every account across more than two pages, with no duplicates and no gaps', withContext(async ({ source }) => {
      const { items, rejected, pages } = await drain(source, 'accounts', { limit: pageSize });
      expect(pages > 2, `expected more than two pages of ${pageSize}, got ${pages}`).to.equal(true);
      expect(rejected.length, 'no account of the seeded book is invalid').to.equal(0);
      expect(items.length, 'every account served exactly once').to.equal(book.accounts.length);
      expect(new Set(items.map((a) => a.id)).size, 'ids are unique').to.equal(items.length);
      expect(names(items)).to.deep.equal(names(book.accounts));
      const sample = items.find((a) => a.name === book.accounts[7].name)!;
      expect(sample.industry).to.equal(book.accounts[7].industry);
      expect(typeof sample.updatedAt, 'updatedAt carries the backend stamp').to.equal('string');
    }), timeout);

    it('filters by field: accounts by industry, opportunities and contacts by account', withContext(async ({ source }) => {
      const industry = book.accounts[3].industry!;
      const { items } = await drain(source, 'accounts', { limit: pageSize, filter: { industry } });
      expect(names(items)).to.deep.equal(names(book.accounts.filter((a) => a.industry === industry)));

      const bookAcc = book.accounts[4];
      const acc = await findAccount(source, bookAcc.name);
      const opps = await drain(source, 'opportunities', { limit: pageSize, filter: { accountId: acc.id } });
      const expectedOpps = book.opportunities.filter((o) => o.accountId === bookAcc.id);
      expect(expectedOpps.length > 0).to.equal(true);
      expect(names(opps.items)).to.deep.equal(names(expectedOpps));
      expect(opps.items.every((o) => o.accountId === acc.id), 'opportunities point at the account by its source id').to.equal(true);

      const contacts = await drain(source, 'contacts', { limit: pageSize, filter: { accountId: acc.id } });
      expect(names(contacts.items)).to.deep.equal(names(book.contacts.filter((c) => c.accountId === bookAcc.id)));
    }), timeout);

    it('reads one record by id and answers undefined for an id that does not exist', withContext(async ({ source }) => {
      const acc = await findAccount(source, book.accounts[11].name);
      const got = await source.get('accounts', acc.id);
      expect(got?.name).to.equal(acc.name);
      expect(got?.id).to.equal(acc.id);
      expect(await source.get('accounts', 'does-not-exist-000')).to.equal(undefined);
    }), timeout);

    it('serves changes since a stamp: exactly the later records, and a stamp that moves forward', withContext(async ({ source }) => {
      const sorted = [...book.accounts].sort((a, b) => Date.parse(a.updatedAt!) - Date.parse(b.updatedAt!));
      const since = sorted[sorted.length - 11].updatedAt!;
      const expected = sorted.filter((a) => Date.parse(a.updatedAt!) > Date.parse(since));
      const first = await drainChanges(source, 'accounts', since, pageSize);
      expect(names(first.items)).to.deep.equal(names(expected));
      const resolution = options.stampResolutionMs ?? 1;
      expect(Date.parse(stampTime(first.stamp)) + resolution - 1 >= Date.parse(sorted[sorted.length - 1].updatedAt!), 'stamp reaches the newest record').to.equal(true);

      const again = await drainChanges(source, 'accounts', first.stamp, pageSize);
      expect(again.items.length, 'nothing new since the returned stamp').to.equal(0);

      const acc = first.items[0];
      const written = await source.write({
        op: 'update', entity: 'accounts', id: acc.id, patch: { phone: '+86 21 6000 0001' },
        ifUnmodifiedSince: acc.updatedAt, idempotencyKey: `conf-changes-${acc.id}`,
      });
      const after = await drainChanges(source, 'accounts', first.stamp, pageSize);
      expect(after.items.map((a) => a.id)).to.deep.equal([acc.id]);
      expect(after.items[0].updatedAt).to.equal((written.record as { updatedAt?: string }).updatedAt);
    }), timeout);

    it('after a full load, the first incremental sync brings a record saved in the same second as the newest loaded one', withContext(async ({ source }) => {
      // The Store's full load of accounts (nothing else, so it fits in a second), then the stamps
      // an offline store resumes from, then a save by someone else in that same second.
      const accountsOnly: DataSource = {
        name: source.name,
        capabilities: async () => ({ ...(await source.capabilities()), entities: ['accounts'] }),
        pipelines: (o) => source.pipelines(o),
        list: (k, o) => source.list(k, o),
        get: (k, id, o) => source.get(k, id, o),
        changes: (k, since, o) => source.changes(k, since, o),
        write: (op, o) => source.write(op, o),
      };
      const [first, second] = await Promise.all([findAccount(source, book.accounts[50].name), findAccount(source, book.accounts[51].name)]);
      let a = first, b = second;
      const sec = (t?: string) => Math.floor(Date.parse(t ?? '') / 1000);
      for (let attempt = 1; ; attempt++) {
        await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
        const wa = await source.write({ op: 'update', entity: 'accounts', id: a.id, patch: { phone: `+86 21 6100 000${attempt}` }, ifUnmodifiedSince: a.updatedAt, idempotencyKey: `conf-full-a-${attempt}` });
        a = wa.record as EntityMap['accounts'];
        const store = new Store({ source: accountsOnly });
        await store.load();
        const stamps = stampsOf(store.snapshot());
        const phone = `+86 21 6200 000${attempt}`;
        const wb = await source.write({ op: 'update', entity: 'accounts', id: b.id, patch: { phone }, ifUnmodifiedSince: b.updatedAt, idempotencyKey: `conf-full-b-${attempt}` });
        b = wb.record as EntityMap['accounts'];
        if (sec(b.updatedAt) !== sec(a.updatedAt)) {
          // The two saves fell in different seconds (a slow machine): that case is not the one under test.
          if (attempt < 5) continue;
          throw new Error(`${source.name}: could not save two records within one second in 5 tries`);
        }
        const engine = new SyncEngine({ store, source: accountsOnly, stamps, connectivityEvents: null });
        const report = await engine.syncChanges({ kinds: ['accounts'] });
        expect((store.get('accounts', b.id) as EntityMap['accounts'] | undefined)?.phone, `the record saved in the load's newest second (${b.updatedAt}) arrives`).to.equal(phone);
        expect(report.applied.accounts, 'the records the load already held, unchanged, are not applied again').to.equal(1);
        const again = await engine.syncChanges({ kinds: ['accounts'] });
        expect(again.applied.accounts, 'nothing new on the next sync').to.equal(0);
        return;
      }
    }), timeout);

    it('writes with a precondition: a fresh stamp succeeds, a stale stamp is a conflict carrying the current version', withContext(async ({ source }) => {
      const acc = await findAccount(source, book.accounts[20].name);
      const first = await source.write({
        op: 'update', entity: 'accounts', id: acc.id, patch: { phone: '+86 10 8888 0001' },
        ifUnmodifiedSince: acc.updatedAt, idempotencyKey: 'conf-pre-1',
      });
      const rec = first.record as EntityMap['accounts'];
      expect(rec.phone).to.equal('+86 10 8888 0001');
      expect(rec.name, 'the whole record comes back').to.equal(acc.name);
      expect(Date.parse(rec.updatedAt!) > Date.parse(acc.updatedAt!), 'the write returns the new stamp').to.equal(true);
      expect((await source.get('accounts', acc.id))?.phone, 'the write is visible to reads').to.equal('+86 10 8888 0001');

      const err = await rejection(source.write({
        op: 'update', entity: 'accounts', id: acc.id, patch: { phone: '+86 10 8888 0002' },
        ifUnmodifiedSince: acc.updatedAt, idempotencyKey: 'conf-pre-2',
      }));
      expect(err, 'a stale stamp is refused').to.be.instanceOf(KamConflictError);
      const conflict = err as KamConflictError;
      expect(conflict.id).to.equal(acc.id);
      const current = conflict.current as EntityMap['accounts'] | undefined;
      expect(current?.phone, 'the conflict carries the server version').to.equal('+86 10 8888 0001');
      expect(current?.updatedAt).to.equal(rec.updatedAt);
      expect((await source.get('accounts', acc.id))?.phone, 'the refused write changed nothing').to.equal('+86 10 8888 0001');

      const third = await source.write({
        op: 'update', entity: 'accounts', id: acc.id, patch: { phone: '+86 10 8888 0003' },
        ifUnmodifiedSince: rec.updatedAt, idempotencyKey: 'conf-pre-3',
      });
      expect((third.record as EntityMap['accounts']).phone, 'the fresh stamp from the last write succeeds').to.equal('+86 10 8888 0003');
    }), timeout);

    it('moves an opportunity to another stage with its precondition', withContext(async ({ source }) => {
      const [pipeline] = await source.pipelines();
      const { items } = await drain(source, 'opportunities', { limit: pageSize });
      const opp = items.find((o) => pipeline.stages.find((s) => s.id === o.stageId)?.kind === 'open')!;
      const target = pipeline.stages.find((s) => s.kind === 'open' && s.id !== opp.stageId)!;
      const moved = await source.write({
        op: 'moveStage', entity: 'opportunities', id: opp.id, toStageId: target.id,
        ifUnmodifiedSince: opp.updatedAt, idempotencyKey: `conf-move-${opp.id}`,
      });
      expect((moved.record as EntityMap['opportunities']).stageId).to.equal(target.id);
      expect((await source.get('opportunities', opp.id))?.stageId).to.equal(target.id);
      const stale = await rejection(source.write({
        op: 'moveStage', entity: 'opportunities', id: opp.id, toStageId: opp.stageId,
        ifUnmodifiedSince: opp.updatedAt, idempotencyKey: `conf-move-back-${opp.id}`,
      }));
      expect(stale).to.be.instanceOf(KamConflictError);
    }), timeout);

    it('serves stage metadata: ordered stages with probabilities, forecast categories and won/lost kinds', withContext(async ({ source }) => {
      const pipelines = await source.pipelines();
      expect(pipelines.length > 0, 'at least one pipeline').to.equal(true);
      const stages = [...pipelines[0].stages].sort((a, b) => a.order - b.order);
      const want = book.pipelines[0].stages;
      expect(stages.map((s) => s.name)).to.deep.equal(want.map((s) => s.name));
      expect(stages.map((s) => s.probability)).to.deep.equal(want.map((s) => s.probability));
      expect(stages.map((s) => s.kind)).to.deep.equal(want.map((s) => s.kind));
      expect(stages.map((s) => s.forecastCategory)).to.deep.equal(want.map((s) => s.forecastCategory));
      const { items } = await drain(source, 'opportunities', { limit: pageSize });
      const ids = new Set(stages.map((s) => s.id));
      expect(items.every((o) => ids.has(o.stageId) && o.pipelineId === pipelines[0].id), 'every opportunity sits in a served stage').to.equal(true);
    }), timeout);

    it('maps a vendor error to a typed error carrying the vendor code', withContext(async ({ source, fake }) => {
      const acc = await findAccount(source, book.accounts[30].name);
      const vendorCode = fake.rejectNextWrite();
      const err = await rejection(source.write({
        op: 'update', entity: 'accounts', id: acc.id, patch: { name: 'Renamed' },
        ifUnmodifiedSince: acc.updatedAt, idempotencyKey: 'conf-err-1',
      }));
      expect(err).to.be.instanceOf(KamError);
      const e = err as KamError & { vendor?: string; vendorCode?: string; retryable?: boolean; endpoint?: string };
      expect(e.vendorCode).to.equal(vendorCode);
      expect(e.vendor).to.equal(source.name);
      expect(e.retryable, 'a refused write is not retryable').to.equal(false);
      expect(typeof e.endpoint).to.equal('string');
      expect(e.message.includes(vendorCode), 'the message names the vendor code').to.equal(true);
      expect((await source.get('accounts', acc.id))?.name, 'nothing changed').to.equal(acc.name);
    }), timeout);

    it('quarantines records that violate the model while the good ones load', withContext(async ({ source, fake }) => {
      const bad = fake.corrupt('accounts', 7);
      expect(bad.length).to.equal(7);
      const { items, rejected } = await drain(source, 'accounts', { limit: pageSize });
      expect(rejected.map((r) => r.id).sort(), 'every bad record is reported by id').to.deep.equal([...bad].sort());
      expect(items.length + rejected.length, 'nothing is lost').to.equal(book.accounts.length);
      expect(items.some((a) => bad.includes(a.id)), 'no bad record loads').to.equal(false);
      for (const r of rejected) {
        expect(r.entity).to.equal('accounts');
        expect(r.issues.length > 0, `rejected ${r.id} says why`).to.equal(true);
        expect(r.issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).to.equal(true);
        expect(r.raw !== undefined, 'the raw record is kept').to.equal(true);
      }
    }), timeout);

    it('applies a retried write once: a repeated idempotency key and a lost response both count one write', withContext(async ({ source, fake }) => {
      const acc = await findAccount(source, book.accounts[40].name);
      const op = {
        op: 'update' as const, entity: 'accounts' as const, id: acc.id, patch: { phone: '+86 755 0000 0001' },
        ifUnmodifiedSince: acc.updatedAt, idempotencyKey: 'conf-idem-1',
      };
      const before = fake.writesApplied();
      const a = await source.write(op);
      const b = await source.write(op);
      expect((b.record as EntityMap['accounts']).updatedAt, 'the repeat returns the first result').to.equal((a.record as EntityMap['accounts']).updatedAt);
      expect(fake.writesApplied() - before, 'a repeated key applies once').to.equal(1);

      const acc2 = await findAccount(source, book.accounts[41].name);
      fake.dropNextWriteResponse();
      const c = await source.write({
        op: 'update', entity: 'accounts', id: acc2.id, patch: { phone: '+86 755 0000 0002' },
        ifUnmodifiedSince: acc2.updatedAt, idempotencyKey: 'conf-idem-2',
      });
      expect((c.record as EntityMap['accounts']).phone).to.equal('+86 755 0000 0002');
      expect(fake.writesApplied() - before, 'a write whose answer was lost is retried and still applied once').to.equal(2);
    }), timeout);
  });
}
