// The deal index a Store keeps for analytics: after any sequence of edits, stage moves (forward
// and backward), creates, deletes, re-adds, rollbacks and batched remote changes, every
// pipeline figure over the store equals the same figure computed from scratch over a copy of
// its deals — bit for bit, mixed currencies included — and a change rewrites only its own rows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Store, type Book, type Opportunity } from '@kamkit/core';
import { pipelineAnalytics, pipelineBy, type PipelineOptions } from '@kamkit/core/analytics';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import { dealIndexStats } from '../src/analytics/deal-index.js';

const now = '2026-11-23T00:00:00Z';
const DAY = 86_400_000;
const iso = (daysAgo: number) => new Date(Date.parse(now) - daysAgo * DAY).toISOString();
// CHF has no rate in the sample FX table: its amounts land in `excluded`, never in a sum.
const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'CHF'] as const;

const base = generateSampleBook({ seed: 5, accounts: 40 });
const book = (): Partial<Book> => ({ pipelines: base.pipelines, opportunities: base.opportunities, accounts: base.accounts, users: base.users });

const variants: Array<Omit<PipelineOptions, 'pipelineId'>> = [
  { now, currency: 'CNY', fx: sampleFxTable, period: 'quarter', countStaleAsLost: true },
  { now, currency: 'USD', fx: sampleFxTable, period: 'month', from: '2026-01-01', to: '2026-12-01', staleAfterDays: 7 },
  { now, currency: 'CNY', fx: sampleFxTable, slice: { owners: ['u-01', 'u-02', 'u-03'] } },
];

/** Every figure of every pipeline and variant: over the store, and from scratch over a copy of its deals. */
function figures(store: Store): { live: unknown[]; fresh: unknown[] } {
  const copy = (): Partial<Book> => ({ pipelines: [...store.pipelines()], opportunities: [...store.all('opportunities')], accounts: [...store.all('accounts')], users: [...store.all('users')] });
  const live: unknown[] = [], fresh: unknown[] = [];
  for (const p of store.pipelines()) {
    for (const v of variants) {
      live.push(pipelineAnalytics(store, { ...v, pipelineId: p.id }));
      fresh.push(pipelineAnalytics(copy(), { ...v, pipelineId: p.id }));
    }
  }
  return { live, fresh };
}

function expectFresh(store: Store): void {
  const { live, fresh } = figures(store);
  expect(live).toEqual(fresh);
}

type Op =
  | { t: 'amount'; pick: number; amount: number; cur: number }
  | { t: 'prob'; pick: number; p: number | null; cat: number }
  | { t: 'remote'; pick: number; to: number; days: number }
  | { t: 'move'; pick: number; to: number }
  | { t: 'create'; to: number; amount: number; cur: number; days: number; created: boolean }
  | { t: 'remove'; pick: number }
  | { t: 'readd'; pick: number }
  | { t: 'rollback'; pick: number }
  | { t: 'batch'; ops: Op[] }
  | { t: 'read' }
  | { t: 'readInBatch'; pick: number; amount: number };

const pick = fc.nat(10_000);
const simple: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('amount' as const), pick, amount: fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.double({ min: 0, max: 1e7, noNaN: true })), cur: fc.nat(CURRENCIES.length - 1) }),
  fc.record({ t: fc.constant('prob' as const), pick, p: fc.option(fc.double({ min: 0, max: 1, noNaN: true })), cat: fc.nat(5) }),
  fc.record({ t: fc.constant('remote' as const), pick, to: fc.nat(20), days: fc.integer({ min: -30, max: 400 }) }),
  fc.record({ t: fc.constant('move' as const), pick, to: fc.nat(20) }),
  fc.record({ t: fc.constant('create' as const), to: fc.nat(20), amount: fc.integer({ min: 1, max: 2_000_000 }), cur: fc.nat(CURRENCIES.length - 1), days: fc.integer({ min: 0, max: 300 }), created: fc.boolean() }),
  fc.record({ t: fc.constant('remove' as const), pick }),
  fc.record({ t: fc.constant('readd' as const), pick }),
  fc.record({ t: fc.constant('rollback' as const), pick }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: simple },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('batch' as const), ops: fc.array(simple, { maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.constant({ t: 'read' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('readInBatch' as const), pick, amount: fc.integer({ min: 1, max: 1_000_000 }) }) },
);

let created = 0;
/** Applies one op; only synchronous store calls, so it can run inside Store.batch. */
function apply(store: Store, o: Op, history: Map<string, Opportunity>): void {
  const deals = store.all('opportunities');
  const deal = (k: number) => deals[k % deals.length];
  if (o.t === 'batch') { store.batch(() => { for (const x of o.ops) apply(store, x, history); }); return; }
  if (o.t === 'read') { for (const p of store.pipelines()) pipelineAnalytics(store, { ...variants[0], pipelineId: p.id }); return; }
  if (o.t === 'create') {
    const p = store.pipelines()[o.to % 2];
    const s = p.stages[o.to % p.stages.length];
    const id = `new-${++created}`;
    const rec: Opportunity = {
      id, accountId: base.accounts[0].id, pipelineId: p.id, stageId: s.id, name: id, ownerId: 'u-01',
      amount: { amount: o.amount, currency: CURRENCIES[o.cur] }, closeDate: iso(o.days - 60).slice(0, 10),
      stageHistory: o.created ? [{ stageId: p.stages[0].id, enteredAt: iso(o.days + 20), leftAt: iso(o.days) }, { stageId: s.id, enteredAt: iso(o.days) }] : [],
      checklist: {}, sourceIds: {}, ...(o.created ? { createdAt: iso(o.days + 20) } : {}), ...(s.kind !== 'open' ? { closedAt: iso(o.days) } : {}),
    };
    store.applyServerRecord('opportunities', rec, 'remote');
    return;
  }
  if (deals.length === 0) return;
  const d = deal(o.pick);
  switch (o.t) {
    case 'amount':
      history.set(d.id, d);
      store.applyServerRecord('opportunities', { ...d, amount: { amount: o.amount, currency: CURRENCIES[o.cur] } }, 'remote');
      break;
    case 'prob': {
      history.set(d.id, d);
      const cat = (['pipeline', 'best_case', 'commit', 'closed', 'omitted', undefined] as const)[o.cat];
      const { probability: _p, forecastCategory: _f, ...rest } = d;
      store.applyServerRecord('opportunities', { ...rest, ...(o.p === null ? {} : { probability: o.p }), ...(cat ? { forecastCategory: cat } : {}) }, 'remote');
      break;
    }
    case 'remote': case 'move': {
      // A stage change the backend made: any stage, backward moves included, with its stay recorded.
      const p = store.pipeline(d.pipelineId)!;
      const s = p.stages[o.to % p.stages.length];
      const at = iso(o.t === 'remote' ? o.days : 1);
      const hist = d.stageHistory.map((h) => (h.leftAt ? h : { ...h, leftAt: at }));
      history.set(d.id, d);
      store.applyServerRecord('opportunities', { ...d, stageId: s.id, stageHistory: [...hist, { stageId: s.id, enteredAt: at }], ...(s.kind !== 'open' ? { closedAt: at } : {}) }, 'remote');
      break;
    }
    case 'remove':
      store.removeRecord('opportunities', d.id, 'remote');
      break;
    case 'readd':
      // Removed and added again: the store now lists it last.
      store.removeRecord('opportunities', d.id, 'remote');
      store.applyServerRecord('opportunities', d, 'remote');
      break;
    case 'rollback': {
      const before = history.get(d.id);
      store.rollback('opportunities', d.id, before);
      break;
    }
    case 'readInBatch':
      store.batch(() => {
        store.applyServerRecord('opportunities', { ...d, amount: { amount: o.amount, currency: 'USD' } }, 'remote');
        expectFresh(store); // the change events come after the batch: the index must not answer from stale rows
      });
      break;
  }
}

describe('the deal index a Store maintains for analytics', () => {
  it('after any sequence of changes, every figure equals a computation from scratch, bit for bit', () => {
    fc.assert(fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
      const store = Store.fromBook(book(), { fx: sampleFxTable });
      const history = new Map<string, Opportunity>();
      expectFresh(store); // the first read builds the index
      for (const o of ops) apply(store, o, history);
      expectFresh(store);
      // Row by row, not rebuilt: only a read inside a batch (its events not yet delivered) or
      // more changes than a quarter of the rows may rebuild.
      const changes = ops.reduce((n, o) => n + (o.t === 'batch' ? o.ops.length : 1), 0);
      if (changes * 4 < base.opportunities.length) expect(dealIndexStats(store)!.builds).toBeLessThanOrEqual(1 + ops.filter((o) => o.t === 'readInBatch').length);
    }), { numRuns: 30 });
  });

  it('moves, backward moves and currency changes through the Store API rewrite only the changed rows', async () => {
    const store = Store.fromBook(book(), { fx: sampleFxTable, now: () => new Date(now) });
    const opts = { ...variants[0], pipelineId: 'pl-renewal' };
    const before = pipelineAnalytics(store, opts);
    expect(dealIndexStats(store)).toEqual({ builds: 1, rewritten: 0, appended: 0, removed: 0 });

    // A backward move on the renewal pipeline (allowed there), through the pipeline rules.
    const d = store.all('opportunities').find((o) => o.pipelineId === 'pl-renewal' && o.stageId === 'rn-quote')!;
    const back = await store.moveStage(d.id, 'rn-identified');
    expect(back.ok).toBe(true);
    const after = pipelineAnalytics(store, opts);
    expect(dealIndexStats(store)).toEqual({ builds: 1, rewritten: 1, appended: 0, removed: 0 });
    const stage = (a: typeof after, id: string) => a.summary.stages.find((s) => s.stageId === id)!;
    expect(stage(after, 'rn-quote').count).toBe(stage(before, 'rn-quote').count - 1);
    expect(stage(after, 'rn-identified').count).toBe(stage(before, 'rn-identified').count + 1);
    expectFresh(store);

    // A currency change: the old currency's breakdown loses the deal, the new one gains it.
    await store.update('opportunities', d.id, { amount: { amount: 1000, currency: 'EUR' } });
    const eur = stage(pipelineAnalytics(store, opts), 'rn-identified').total.breakdown.EUR;
    expect(eur.count).toBe((stage(after, 'rn-identified').total.breakdown.EUR?.count ?? 0) + 1);
    expect(dealIndexStats(store)).toMatchObject({ builds: 1, rewritten: 2 });

    // A create and a delete: one row appended, one row removed, nothing rebuilt.
    await store.create('opportunities', { ...d, id: 'opp-new', stageId: 'rn-identified', stageHistory: [{ stageId: 'rn-identified', enteredAt: iso(3) }] });
    store.removeRecord('opportunities', base.opportunities[0].id, 'remote');
    pipelineAnalytics(store, opts);
    expect(dealIndexStats(store)).toEqual({ builds: 1, rewritten: 2, appended: 1, removed: 1 });
    expectFresh(store);
    expect(dealIndexStats(store)!.builds).toBe(1);
  });

  it('a change leaves the array of deals the store handed out before it as it was (the index built over it copies it first)', () => {
    const store = new Store({ fx: sampleFxTable, now: () => new Date(now) });
    store.loadBook(book());
    const opts = { now, currency: 'CNY', fx: sampleFxTable, pipelineId: store.pipelines()[0].id };
    pipelineAnalytics(store, opts);
    const before = store.all('opportunities');
    const copy = before.slice();
    store.applyServerRecord('opportunities', { ...before[1], amount: { amount: 7, currency: 'USD' } }, 'remote');
    store.removeRecord('opportunities', before[0].id, 'remote');
    store.applyServerRecord('opportunities', { ...before[2], id: 'added' }, 'remote');
    pipelineAnalytics(store, opts);
    expect(dealIndexStats(store)).toMatchObject({ builds: 1, rewritten: 1, removed: 1, appended: 1 });
    expect(before.length).toBe(copy.length);
    expect(before.every((d, k) => d === copy[k])).toBe(true);
    expectFresh(store);
  });

  it('a reload rebuilds the index; reading twice with no change does no work', () => {
    const store = Store.fromBook(book(), { fx: sampleFxTable });
    const opts = { ...variants[0], pipelineId: 'pl-new' };
    const first = pipelineAnalytics(store, opts);
    expect(pipelineAnalytics(store, opts)).toEqual(first);
    expect(dealIndexStats(store)).toEqual({ builds: 1, rewritten: 0, appended: 0, removed: 0 });
    store.loadBook({ ...book(), opportunities: base.opportunities.slice(0, 50) });
    const reloaded = pipelineAnalytics(store, opts);
    expect(dealIndexStats(store)!.builds).toBe(2);
    expect(reloaded.dealCount).toBe(base.opportunities.slice(0, 50).filter((o) => o.pipelineId === 'pl-new').length);
    expectFresh(store);
  });

  it('many deletes and rewrites squeeze the index without changing a figure', () => {
    const store = Store.fromBook(book(), { fx: sampleFxTable });
    expectFresh(store);
    const ids = store.all('opportunities').map((o) => o.id);
    // Small steps (each under a quarter of the rows, so applied row by row) until most are gone.
    for (let k = 0; store.count('opportunities') > 80; k += 10) {
      for (const id of ids.slice(k, k + 10)) store.removeRecord('opportunities', id, 'remote');
      for (const o of store.all('opportunities').slice(-3)) store.applyServerRecord('opportunities', { ...o, amount: { amount: o.amount.amount + 1, currency: o.amount.currency } }, 'remote');
      expectFresh(store);
    }
    expect(dealIndexStats(store)!.builds).toBe(1);
  });

  it('pipelineBy over a live Store: each owner’s figures equal pipelineAnalytics over that owner’s deals alone', async () => {
    const store = Store.fromBook(book(), { fx: sampleFxTable });
    const opts = { ...variants[0], pipelineId: 'pl-new' };
    pipelineBy(store, 'owner', opts);
    const d = store.all('opportunities').find((o) => o.pipelineId === 'pl-new')!;
    await store.update('opportunities', d.id, { ownerId: 'u-02', amount: { amount: 12.34, currency: 'HKD' } });
    const by = pipelineBy(store, 'owner', opts);
    expect(by.map((x) => x.key)).toEqual([...new Set(store.all('opportunities').filter((o) => o.pipelineId === 'pl-new').map((o) => o.ownerId))].sort());
    for (const { key, analytics } of by) {
      expect(analytics).toEqual(pipelineAnalytics({ pipelines: base.pipelines, opportunities: store.all('opportunities').filter((o) => o.ownerId === key) }, opts));
    }
    expect(dealIndexStats(store)).toMatchObject({ builds: 1, rewritten: 1 });
  });
});
