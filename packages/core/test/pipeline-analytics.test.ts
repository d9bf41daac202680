import { describe, expect, it } from 'vitest';
import { Store, type Book, type Opportunity, type Pipeline, type Stage, type FxTable } from '@kamkit/core';
import { pipelineAnalytics, pipelineSummary, pipelineBy, stageConversion, winRate, salesCycle, pipelineForecast, durationStats } from '@kamkit/core/analytics';
import { generateSampleBook, mulberry32, sampleFxTable } from '@kamkit/core/sample';

const stage = (id: string, order: number, probability: number, forecastCategory: Stage['forecastCategory'], kind: Stage['kind'] = 'open', idleDays?: number): Stage =>
  ({ id, name: id.toUpperCase(), order, probability, forecastCategory, kind, idleDays, entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] });
const rules = { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true } };
const p: Pipeline = {
  id: 'p', name: 'New business', sourceIds: {}, rules,
  stages: [stage('s1', 1, 0.1, 'pipeline', 'open', 10), stage('s2', 2, 0.5, 'best_case', 'open', 20), stage('s3', 3, 0.8, 'commit'), stage('won', 4, 1, 'closed', 'won'), stage('lost', 5, 0, 'omitted', 'lost')],
};
const p2: Pipeline = { ...p, id: 'p2', name: 'Renewals', stages: [stage('r1', 1, 0.5, 'pipeline'), stage('rw', 2, 1, 'closed', 'won')] };
const fx: FxTable = { name: 'Treasury', snapshots: [{ date: '2026-01-01', base: 'CNY', rates: { USD: 6.5 } }, { date: '2026-11-01', base: 'CNY', rates: { USD: 7 } }] };
const now = '2026-11-23T00:00:00Z';
const h = (stageId: string, enteredAt: string, leftAt?: string) => ({ stageId, enteredAt, leftAt });
const deal = (id: string, stageId: string, amount: number, currency: string, closeDate: string, history: Opportunity['stageHistory'], extra: Partial<Opportunity> = {}): Opportunity => ({
  id, accountId: 'a1', pipelineId: 'p', stageId, name: id, amount: { amount, currency }, closeDate, stageHistory: history, checklist: {}, sourceIds: {}, ownerId: 'u1', ...extra,
});

const opportunities: Opportunity[] = [
  deal('d1', 's1', 1000, 'CNY', '2026-12-15', [h('s1', '2026-11-01')]),
  deal('d2', 's2', 100, 'USD', '2026-12-20', [h('s1', '2026-10-01', '2026-10-11'), h('s2', '2026-10-11')], { probability: 0.6 }),
  deal('d3', 's3', 200, 'EUR', '2027-01-10', [h('s1', '2026-09-01'), h('s3', '2026-09-21')], { ownerId: 'u2' }), // skipped s2
  deal('d4', 'won', 500, 'CNY', '2026-07-11', [h('s1', '2026-06-01'), h('s2', '2026-06-11'), h('s3', '2026-07-01'), h('won', '2026-07-11')], { createdAt: '2026-06-01', closedAt: '2026-07-11', accountId: 'a2' }),
  deal('d5', 'lost', 300, 'CNY', '2026-08-25', [h('s1', '2026-08-01'), h('s2', '2026-08-05'), h('lost', '2026-08-25')], { createdAt: '2026-08-01', closedAt: '2026-08-25', ownerId: 'u2', accountId: 'a2' }),
  // moved back from s3 to s2: its s3 progress no longer counts
  deal('d6', 's2', 1000, 'CNY', '2026-11-10', [h('s1', '2026-09-01'), h('s2', '2026-09-11'), h('s3', '2026-09-21'), h('s2', '2026-10-01')], { ownerId: 'u2', accountId: 'a2' }),
  deal('d7', 'won', 200, 'USD', '2026-05-31', [h('s2', '2026-05-01'), h('won', '2026-05-31')], { createdAt: '2026-05-01', closedAt: '2026-05-31', ownerId: 'u2', accountId: 'a2' }),
  { ...deal('r', 'r1', 999, 'CNY', '2026-12-01', []), pipelineId: 'p2' },
];
const book: Partial<Book> = {
  pipelines: [p, p2], opportunities,
  accounts: [{ id: 'a1', name: 'A1', region: '华东', industry: 'Manufacturing', tags: [], sourceIds: {} }, { id: 'a2', name: 'A2', region: '华南', industry: 'Retail', tags: [], sourceIds: {} }],
  users: [{ id: 'u1', name: 'Lin', team: 'East' }, { id: 'u2', name: 'Wang', team: 'West' }],
};
const opts = { now, currency: 'CNY', fx };

describe('pipeline summary (hand-computed, mixed currencies)', () => {
  const s = pipelineSummary(book, opts);
  const by = Object.fromEntries(s.stages.map((x) => [x.stageId, x]));
  it('counts and converts each stage at the dated rate, with breakdown and exclusions', () => {
    expect(s.stages.map((x) => x.count)).toEqual([1, 2, 1, 2, 1]);
    expect(by.s2.total.amount).toBeCloseTo(1700, 9); // 100 USD × 7 + 1000 CNY
    expect(by.s2.total.breakdown.USD).toEqual({ amount: 100, converted: 700, count: 1 });
    expect(by.s2.weighted.amount).toBeCloseTo(920, 9); // 700 × 0.6 (deal's own) + 1000 × 0.5
    expect(by.s1.weighted.amount).toBeCloseTo(100, 9);
    expect(by.s3.total.amount).toBe(0);
    expect(by.s3.total.excluded).toEqual([expect.objectContaining({ currency: 'EUR', amount: 200, count: 1 })]);
    expect(by.s3.total.excluded[0].reason).toMatch(/no EUR→CNY rate in FX table “Treasury” \(2026-11-01\)/);
    expect(by.won.total.amount).toBeCloseTo(1900, 9);
    expect(s.fx).toEqual({ table: 'Treasury', date: '2026-11-01' });
    expect(s.open.count).toBe(4);
    expect(s.open.total.amount).toBeCloseTo(2700, 9); // 1000 + 1700 + (200 EUR excluded)
  });
  it('uses the snapshot in force on fxAsOf', () => {
    const old = pipelineSummary(book, { ...opts, fxAsOf: '2026-06-30' });
    expect(old.stages[1].total.amount).toBeCloseTo(1650, 9);
  });
  it('flags idle deals against each stage’s threshold from the last entry into the stage', () => {
    expect(by.s1.idle).toEqual({ threshold: 10, count: 1, opportunityIds: ['d1'] });
    expect(by.s2.idle.opportunityIds.sort()).toEqual(['d2', 'd6']); // d6 re-entered s2 on 10-01: 53 days
    expect(by.s3.idle.count).toBe(0); // no threshold
    expect(s.open.idle).toBe(3);
  });
  it('measures time in stage over completed stays only', () => {
    expect(by.s1.timeInStage).toMatchObject({ count: 5, mean: 10.8, median: 10, min: 4, max: 20 });
    expect(by.s1.timeInStage.p90).toBeCloseTo(16, 9);
    expect(by.s2.timeInStage).toMatchObject({ count: 4, mean: 20, median: 20 });
    expect(by.s2.timeInStage.p90).toBeCloseTo(27, 9);
    expect(by.s3.timeInStage).toMatchObject({ count: 2, median: 10 });
    expect(by.s1.currentAge).toMatchObject({ count: 1, median: 22 });
  });
});

describe('pipeline analytics', () => {
  const a = pipelineAnalytics(book, opts);
  it('finds the bottleneck', () => {
    expect(a.bottleneck).toMatchObject({ stageId: 's2', medianDays: 20 });
  });
  it('any-stage conversion leaves skipped stages out and undoes progress on backward moves', () => {
    const rows = a.conversion.anyStage.map((x) => [x.stageId, x.entered, x.advanced, x.stillIn, x.rate]);
    expect(rows).toEqual([
      ['s1', 6, 5, 1, 1],
      ['s2', 5, 2, 2, 2 / 3], // d3 skipped s2; d6's s3 visit undone
      ['s3', 2, 1, 1, 1],
      ['won', 2, 0, 0, undefined],
    ]);
    expect(a.conversion.anyStage[2].fromStart).toBeCloseTo(2 / 6, 12);
  });
  it('all-stage conversion follows only deals that passed every earlier stage', () => {
    const rows = a.conversion.allStage.map((x) => [x.stageId, x.entered, x.advanced, x.stillIn, x.rate]);
    expect(rows).toEqual([
      ['s1', 6, 4, 1, 0.8],
      ['s2', 4, 1, 2, 0.5],
      ['s3', 1, 1, 0, 1],
      ['won', 1, 0, 0, undefined],
    ]);
  });
  it('win rate, optionally counting stale deals as lost', () => {
    expect(a.winRate).toMatchObject({ won: 2, lost: 1, stale: 3 });
    expect(a.winRate.rate).toBeCloseTo(2 / 3, 12);
    expect(a.winRate.staleOpportunityIds.sort()).toEqual(['d1', 'd2', 'd6']);
    expect(a.winRate.valueRate).toBeCloseTo(1900 / 2200, 12);
    expect(winRate(book, { ...opts, countStaleAsLost: true }).rate).toBeCloseTo(2 / 6, 12);
    expect(winRate(book, { ...opts, from: '2026-07-01' })).toMatchObject({ won: 1, lost: 1 });
  });
  it('sales-cycle length from creation to close', () => {
    expect(salesCycle(book, opts)).toMatchObject({ count: 2, mean: 35, median: 35, min: 30, max: 40 });
    expect(a.lossCycle).toMatchObject({ count: 1, mean: 24 });
  });
  it('forecast by category and period', () => {
    const f = pipelineForecast(book, opts);
    expect(f.rows.map((r) => r.period)).toEqual(['2026-05', '2026-07', '2026-11', '2026-12', '2027-01']);
    const dec = f.rows[3].categories;
    expect(dec.pipeline.count).toBe(1);
    expect(dec.pipeline.weighted.amount).toBeCloseTo(100, 9);
    expect(dec.best_case.total.amount).toBeCloseTo(700, 9);
    expect(f.totals.closed).toMatchObject({ count: 2 });
    expect(f.totals.closed.total.amount).toBeCloseTo(1900, 9);
    expect(f.totals.best_case.weighted.amount).toBeCloseTo(920, 9);
    expect(f.totals.commit.count).toBe(1);
    expect(f.totals.commit.total.excluded[0].currency).toBe('EUR');
    expect(f.totals.omitted.count).toBe(0); // lost deals carry no forecast value
    const q = pipelineForecast(book, { ...opts, period: 'quarter' });
    expect(q.rows.map((r) => r.period)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
  });
  it('slices by owner, team, region, industry and pipeline', () => {
    expect(pipelineBy(book, 'owner', opts).map((x) => [x.key, x.analytics.dealCount])).toEqual([['u1', 3], ['u2', 4]]);
    expect(pipelineBy(book, 'pipeline', opts).map((x) => [x.key, x.analytics.dealCount])).toEqual([['p', 7], ['p2', 1]]);
    expect(pipelineAnalytics(book, { ...opts, slice: { teams: ['East'] } }).dealCount).toBe(3);
    expect(pipelineAnalytics(book, { ...opts, slice: { regions: ['华南'] } }).winRate).toMatchObject({ won: 2, lost: 1 });
    expect(pipelineAnalytics(book, { ...opts, slice: { industries: ['Manufacturing'] } }).summary.open.count).toBe(3);
    expect(pipelineBy(book, 'team', opts).map((x) => x.key)).toEqual(['East', 'West']);
    expect(pipelineAnalytics(book, { ...opts, pipelineId: 'p2' }).summary.stages[0].count).toBe(1);
  });
  it('reads a Store the same as plain arrays', () => {
    const store = Store.fromBook(book, { reportingCurrency: 'CNY', fx });
    expect(store.rejected).toEqual([]);
    expect(stageConversion(store, opts)).toEqual(a.conversion);
    expect(pipelineSummary(store, opts).stages.map((x) => x.weighted.amount)).toEqual(a.summary.stages.map((x) => x.weighted.amount));
  });
  it('an empty book gives defined, empty figures', () => {
    const e = pipelineAnalytics({}, opts);
    expect(e.summary.stages).toEqual([]);
    expect(e.winRate.rate).toBeUndefined();
    const noDeals = pipelineAnalytics({ pipelines: [p] }, opts);
    expect(noDeals.summary.stages.map((x) => x.count)).toEqual([0, 0, 0, 0, 0]);
    expect(noDeals.conversion.anyStage[0].rate).toBeUndefined();
    expect(noDeals.bottleneck).toBeUndefined();
    expect(noDeals.salesCycle.mean).toBeUndefined();
  });
  it('a pipeline that is not loaded gives every figure empty, however many deals name it', () => {
    const zero = { amount: 0, currency: 'CNY', breakdown: {}, excluded: [], fx: { table: 'Treasury', date: '2026-11-01' } };
    const cell = { count: 0, total: zero, weighted: zero };
    const stats = { count: 0, mean: undefined, median: undefined, p90: undefined, min: undefined, max: undefined };
    const gone = { ...book, opportunities: opportunities.map((o) => ({ ...o, pipelineId: 'gone' })) };
    expect(pipelineAnalytics(gone, { ...opts, pipelineId: 'gone', period: 'quarter' })).toEqual({
      summary: { pipelineId: 'gone', pipelineName: '', currency: 'CNY', fx: zero.fx, stages: [], open: { count: 0, total: zero, weighted: zero, idle: 0 } },
      conversion: { allStage: [], anyStage: [] }, bottleneck: undefined,
      winRate: { won: 0, lost: 0, stale: 0, rate: undefined, rateWithoutStale: undefined, rateWithStale: undefined, wonValue: zero, lostValue: zero, valueRate: undefined, staleOpportunityIds: [] },
      salesCycle: stats, lossCycle: stats,
      forecast: { period: 'quarter', rows: [], totals: { pipeline: cell, best_case: cell, commit: cell, closed: cell, omitted: cell } },
      dealCount: 0,
    });
    expect(pipelineAnalytics({ opportunities }, opts).summary).toMatchObject({ pipelineId: '', pipelineName: '', stages: [] });
  });
});

describe('a large book (typed per-currency sums, radix-sorted durations) matches a deal-by-deal reckoning', () => {
  const big = generateSampleBook({ seed: 4, accounts: 2500 });
  const DAY = 86_400_000;
  const at = (s: string | undefined) => (s === undefined ? undefined : Date.parse(s));
  it('per stage: count, the per-currency breakdown bit for bit, and time in stage', () => {
    for (const pl of big.pipelines) {
      const a = pipelineAnalytics(big, { now, currency: 'CNY', fx: sampleFxTable, pipelineId: pl.id });
      const deals = big.opportunities.filter((o) => o.pipelineId === pl.id);
      expect(a.dealCount).toBe(deals.length);
      for (const st of a.summary.stages) {
        const mine = deals.filter((o) => o.stageId === st.stageId);
        expect(st.count).toBe(mine.length);
        const byCur = new Map<string, { amount: number; count: number }>();
        for (const o of mine) { const c = byCur.get(o.amount.currency) ?? { amount: 0, count: 0 }; c.amount += o.amount.amount; c.count++; byCur.set(o.amount.currency, c); }
        for (const [cur, c] of byCur) expect({ amount: st.total.breakdown[cur].amount, count: st.total.breakdown[cur].count }).toEqual(c);
        // Completed stays in this (open) stage: left at leftAt, else at the next entry.
        const days: number[] = [];
        if (st.kind === 'open') {
          for (const o of deals) {
            const h = [...o.stageHistory].sort((x, y) => at(x.enteredAt)! - at(y.enteredAt)!);
            h.forEach((e, k) => {
              if (e.stageId !== st.stageId) return;
              const left = at(e.leftAt) ?? at(h[k + 1]?.enteredAt);
              if (left !== undefined && left >= at(e.enteredAt)!) days.push((left - at(e.enteredAt)!) / DAY);
            });
          }
        }
        expect(st.timeInStage).toEqual(durationStats(days));
      }
    }
    // The book is big enough for the radix path (≥ 512 durations in a stage).
    const counts = big.pipelines.flatMap((pl) => pipelineAnalytics(big, { now, currency: 'CNY', pipelineId: pl.id }).summary.stages.map((x) => x.timeInStage.count));
    expect(Math.max(...counts)).toBeGreaterThan(512);
  });
});

describe('conversion on random histories matches a deal-by-deal reckoning', () => {
  // Small funnels count deals per reached-set bit mask, large ones (over 10 positions) position by
  // position: both must give what the definitions give, deal by deal.
  const steps = (entered: number[], advanced: number[], still: number[]) => entered.map((e, q) => [e, advanced[q], still[q]]);
  function reckon(pl: Pipeline, deals: Opportunity[]) {
    const open = pl.stages.filter((s) => s.kind === 'open').sort((x, y) => x.order - y.order);
    const W = open.length, P = W + 1;
    const pos = (id: string) => { const s = pl.stages.find((x) => x.id === id); return !s ? -1 : s.kind === 'won' ? W : s.kind === 'open' ? open.indexOf(s) : -1; };
    const z = () => new Array<number>(P).fill(0);
    const any = [z(), z(), z()], all = [z(), z(), z()];
    for (const o of deals) {
      if (!pl.stages.some((s) => s.id === o.stageId)) continue;
      const reached = new Set<number>();
      const hist = [...o.stageHistory].sort((x, y) => Date.parse(x.enteredAt) - Date.parse(y.enteredAt));
      if (!hist.length && pos(o.stageId) >= 0) reached.add(pos(o.stageId));
      for (const e of hist) {
        const p = pos(e.stageId);
        if (p < 0) continue;
        for (const q of [...reached]) if (q > p) reached.delete(q); // a backward move undoes later progress
        reached.add(p);
      }
      const cur = pl.stages.find((s) => s.id === o.stageId)!.kind === 'open' ? pos(o.stageId) : -1;
      const last = Math.max(-1, ...reached);
      for (let q = 0; q < P; q++) {
        if (!reached.has(q)) continue;
        any[0][q]++; if (last > q) any[1][q]++; if (q === cur) any[2][q]++;
        let passed = true;
        for (let r = 0; r < Math.min(q, W); r++) if (!reached.has(r)) passed = false;
        if (passed) { all[0][q]++; if (reached.has(q + 1)) all[1][q]++; if (q === cur) all[2][q]++; }
      }
    }
    return { any: steps(any[0], any[1], any[2]), all: steps(all[0], all[1], all[2]) };
  }
  for (const nOpen of [1, 3, 9, 10, 14]) {
    it(`${nOpen} open stage(s): every step's entered, advanced and still-in counts`, () => {
      const r = mulberry32(nOpen);
      const stages = [...Array.from({ length: nOpen }, (_, k) => stage(`o${k}`, k + 1, 0.5, 'pipeline')), stage('w', nOpen + 1, 1, 'closed', 'won'), stage('l', nOpen + 2, 0, 'omitted', 'lost')];
      const pl: Pipeline = { ...p, id: 'rp', stages: [...stages].reverse() }; // order, not position, decides
      const ids = [...stages.map((s) => s.id), 'elsewhere'];
      const pick = () => ids[Math.floor(r() * ids.length)];
      const day = () => `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T00:00:00.000Z`; // ties are common
      const deals = Array.from({ length: 600 }, (_, i) => {
        const history = Array.from({ length: Math.floor(r() * 7) }, () => h(pick(), day()));
        return { ...deal(`x${i}`, pick(), 10, 'CNY', '2026-12-01', history), pipelineId: 'rp' };
      });
      const got = pipelineAnalytics({ pipelines: [pl], opportunities: deals }, { ...opts, pipelineId: 'rp' }).conversion;
      const want = reckon(pl, deals);
      expect(got.anyStage.map((s) => [s.entered, s.advanced, s.stillIn])).toEqual(want.any);
      expect(got.allStage.map((s) => [s.entered, s.advanced, s.stillIn])).toEqual(want.all);
      expect(want.any[0][0]).toBeGreaterThan(0);
    });
  }
});
