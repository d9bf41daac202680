import { describe, expect, it } from 'vitest';
import type { Book, Order, FxTable, Stage } from '@kamkit/core';
import { abcTiers, concentration, retention, contributionRanking, breakdownBy, teamEfficiency } from '@kamkit/core/analytics';

const now = '2026-11-23T00:00:00Z';
const fx: FxTable = { name: 'Treasury', snapshots: [{ date: '2026-11-01', base: 'CNY', rates: { USD: 7 } }] };
let n = 0;
const order = (accountId: string, orderedAt: string, amount: number, currency = 'CNY', margin?: number): Order => ({
  id: `o${++n}`, accountId, orderedAt, amount: { amount, currency }, margin: margin === undefined ? undefined : { amount: margin, currency }, status: 'fulfilled', sourceIds: {},
});
const acc = (id: string, region: string, industry = 'Manufacturing') => ({ id, name: id.toUpperCase(), region, industry, tags: [], sourceIds: {} });

// Revenue in the last 365 days (CNY): c 700 (100 USD), a 400, b 250, d 150; e only EUR (no rate); f nothing.
const book: Partial<Book> = {
  accounts: [acc('a', '华东'), acc('b', '华东'), acc('c', 'EMEA', 'Software'), acc('d', '华南'), acc('e', '华南'), acc('f', '华南')],
  orders: [
    order('c', '2026-03-15', 50, 'USD', 5), order('c', '2026-09-10', 50, 'USD', 5),
    order('a', '2026-06-01', 400, 'CNY', 40), order('b', '2026-06-01', 250, 'CNY', 100), order('d', '2026-06-01', 150, 'CNY', 60),
    order('e', '2026-06-01', 50, 'EUR', 10),
    order('a', '2025-01-01', 9999, 'CNY'), // outside the window
    { ...order('b', '2026-07-01', 5000), status: 'cancelled' },
  ],
};
const opts = { now, currency: 'CNY', fx };

describe('ABC / Pareto', () => {
  it('tiers by revenue with the classic cut-offs (hand-computed)', () => {
    const r = abcTiers(book, opts);
    expect(r.total.amount).toBeCloseTo(1500, 9);
    expect(r.total.excluded).toEqual([expect.objectContaining({ currency: 'EUR', amount: 50 })]);
    expect(r.accounts.map((x) => [x.accountId, x.tier])).toEqual([['c', 'A'], ['a', 'A'], ['b', 'A'], ['d', 'B'], ['e', 'C'], ['f', 'C']]);
    expect(r.accounts[0].share).toBeCloseTo(7 / 15, 12);
    expect(r.tiers.A.count).toBe(3);
    expect(r.tiers.A.valueShare).toBeCloseTo(0.9, 12);
    expect(r.tiers.B.accountIds).toEqual(['d']);
    expect(r.tiers.C.accountShare).toBeCloseTo(2 / 6, 12);
    expect(r.curve.map((p) => [p.accounts, +p.valueShare.toFixed(4)])).toEqual([[0, 0], [1, 0.4667], [2, 0.7333], [3, 0.9], [4, 1], [5, 1], [6, 1]]);
  });
  it('tiers by margin and honours configurable cut-offs', () => {
    // Margins: b 100, c 70, d 60, a 40 → cumulative .370, .630, .852, 1.
    const m = abcTiers(book, { ...opts, basis: 'margin' });
    expect(m.accounts.slice(0, 4).map((x) => [x.accountId, x.tier])).toEqual([['b', 'A'], ['c', 'A'], ['d', 'A'], ['a', 'B']]);
    const tight = abcTiers(book, { ...opts, cutoffs: { a: 0.5, b: 0.8 } });
    expect(tight.accounts.slice(0, 4).map((x) => x.tier)).toEqual(['A', 'A', 'B', 'C']);
    expect(() => abcTiers(book, { ...opts, cutoffs: { a: 0.9, b: 0.5 } })).toThrow(/cut-offs/);
  });
});

describe('concentration', () => {
  it('top-N shares, HHI and red lines (hand-computed)', () => {
    const c = concentration(book, opts);
    expect(c.accounts).toBe(4);
    expect(c.top1).toBeCloseTo(7 / 15, 12);
    expect(c.top5).toBeCloseTo(1, 12);
    expect(c.hhi).toBeCloseTo((73.5 / 225) * 10_000, 6); // (49 + 16 + 6.25 + 2.25) / 15²
    expect(c.hhiBand).toBe('critical');
    expect(c.redLines[0]).toMatchObject({ id: 'single_account', crossed: true, accountIds: ['c', 'a', 'b'] });
    expect(c.redLines[1]).toMatchObject({ id: 'top5', crossed: true });
    const loose = concentration(book, { ...opts, redLines: { single: 0.5, top5: 1 } });
    expect(loose.redLines.map((r) => r.crossed)).toEqual([false, false]);
  });
  it('an even book is diversified', () => {
    const even: Partial<Book> = { orders: Array.from({ length: 20 }, (_, i) => order(`x${i}`, '2026-06-01', 10)) };
    const c = concentration(even, opts);
    expect(c.hhi).toBeCloseTo(500, 9);
    expect(c.hhiBand).toBe('diversified');
    expect(c.top10).toBeCloseTo(0.5, 12);
  });
});

describe('retention', () => {
  const r = retention({
    orders: [
      order('x', '2023-05-01', 100), order('x', '2024-05-01', 120), order('x', '2025-05-01', 90),
      order('y', '2023-05-01', 200),
      order('z', '2024-05-01', 50), order('z', '2025-05-01', 80),
      order('w', '2023-05-01', 100), order('w', '2024-05-01', 100),
      order('v', '2025-02-01', 40),
    ],
    contracts: [
      { id: 'k1', accountId: 'x', name: 'K1', startDate: '2023-07-01', endDate: '2024-06-30', value: { amount: 100, currency: 'CNY' }, renewalStatus: 'renewed', sourceIds: {} },
      { id: 'k2', accountId: 'y', name: 'K2', startDate: '2024-04-01', endDate: '2025-03-31', value: { amount: 300, currency: 'CNY' }, renewalStatus: 'churned', sourceIds: {} },
      { id: 'k3', accountId: 'z', name: 'K3', startDate: '2025-01-01', endDate: '2025-12-31', value: { amount: 80, currency: 'CNY' }, renewalStatus: 'in_negotiation', sourceIds: {} },
      { id: 'k4', accountId: 'w', name: 'K4', startDate: '2025-07-01', endDate: '2026-06-30', value: { amount: 100, currency: 'CNY' }, renewalStatus: 'renewed', sourceIds: {} },
    ],
  }, { now, currency: 'CNY', period: 'year', periods: 2 });
  it('GRR and NRR per period (hand-computed)', () => {
    expect(r.byPeriod.map((p) => p.period)).toEqual(['2024', '2025']);
    const [y24, y25] = r.byPeriod;
    expect(y24).toMatchObject({ start: 400, expansion: 20, downgrade: 0, churn: 200, churnedAccounts: ['y'], newRevenue: 50 });
    expect(y24.grr).toBeCloseTo(0.5, 12);
    expect(y24.nrr).toBeCloseTo(0.55, 12);
    expect(y25).toMatchObject({ start: 270, expansion: 30, downgrade: 30, churn: 100, churnedAccounts: ['w'], newRevenue: 40 });
    expect(y25.grr).toBeCloseTo(140 / 270, 12);
    expect(y25.nrr).toBeCloseTo(170 / 270, 12);
  });
  it('GRR and NRR by first-order cohort', () => {
    expect(r.cohorts.map((c) => [c.cohort, c.accounts, c.base])).toEqual([['2024', 1, 50], ['2025', 1, 40]]);
    expect(r.cohorts[0].periods.map((p) => [p.period, p.nrr, p.grr])).toEqual([['2024', 1, 1], ['2025', 1.6, 1]]);
  });
  it('renewal rate over decided contracts that ended in the window', () => {
    expect(r.renewal).toMatchObject({ due: 2, renewed: 1, churned: 1, rate: 0.5, valueRate: 0.25 });
  });
  it('an empty book gives undefined rates, not NaN', () => {
    const e = retention({}, { now, currency: 'CNY' });
    expect(e.byPeriod).toHaveLength(4);
    expect(e.byPeriod.every((p) => p.grr === undefined && p.nrr === undefined)).toBe(true);
    expect(e.renewal.rate).toBeUndefined();
  });
});

describe('contribution, breakdowns, team efficiency', () => {
  it('ranks contribution by revenue with profit and repurchase rate beside it', () => {
    const rows = contributionRanking(book, opts);
    expect(rows.map((x) => x.accountId)).toEqual(['c', 'a', 'b', 'd']);
    expect(rows[0]).toMatchObject({ revenue: 700, profit: 70, orders: 2, revenueRank: 1, profitRank: 2 });
    expect(rows[0].margin).toBeCloseTo(0.1, 12);
    expect(rows[0].repurchaseRate).toBeCloseTo(1 / 8, 12); // ordered in 2 of the 9 months since March
    expect(rows[1].repurchaseRate).toBe(0);
    expect(contributionRanking(book, { ...opts, sortBy: 'profit' })[0].accountId).toBe('b');
  });
  it('breaks revenue down by region and industry', () => {
    const r = breakdownBy(book, 'region', opts);
    expect(r.map((x) => [x.key, x.accounts, x.revenue.amount])).toEqual([['EMEA', 1, 700], ['华东', 2, 650], ['华南', 3, 150]]);
    expect(r[2].revenue.excluded[0]).toMatchObject({ currency: 'EUR', amount: 50 });
    expect(breakdownBy(book, 'industry', opts).map((x) => x.key)).toEqual(['Manufacturing', 'Software']);
  });
  it('deals won per person and average cycle per team', () => {
    const st = (id: string, kind: Stage['kind'], order: number): Stage => ({ id, name: id, order, probability: kind === 'won' ? 1 : 0.2, forecastCategory: 'pipeline', kind, entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] });
    const deal = (id: string, ownerId: string, stageId: string, createdAt: string, closedAt: string) => ({
      id, accountId: 'a', pipelineId: 'p', stageId, name: id, amount: { amount: 100, currency: 'CNY' }, closeDate: closedAt, closedAt, createdAt, ownerId, stageHistory: [], checklist: {}, sourceIds: {},
    });
    const team: Partial<Book> = {
      pipelines: [{ id: 'p', name: 'P', stages: [st('o', 'open', 1), st('w', 'won', 2), st('l', 'lost', 3)], rules: { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true } }, sourceIds: {} }],
      users: [{ id: 'u1', name: 'Lin', team: 'T1' }, { id: 'u2', name: 'Wang', team: 'T1' }, { id: 'u3', name: 'Zhao', team: 'T2' }],
      opportunities: [
        deal('1', 'u1', 'w', '2026-01-01', '2026-01-11'), deal('2', 'u1', 'w', '2026-02-01', '2026-02-21'), deal('3', 'u1', 'l', '2026-03-01', '2026-03-05'),
        deal('4', 'u2', 'w', '2026-04-01', '2026-05-01'), deal('5', 'u3', 'l', '2026-04-01', '2026-05-01'), deal('6', 'u3', 'o', '2026-04-01', '2026-12-01'),
      ],
    };
    const t = teamEfficiency(team, 'team', opts);
    expect(t.map((x) => [x.key, x.people, x.won, x.lost, x.wonPerPerson, x.averageCycleDays, x.winRate])).toEqual([
      ['T1', 2, 3, 1, 1.5, 20, 0.75],
      ['T2', 1, 0, 1, 0, undefined, 0],
    ]);
    expect(teamEfficiency(team, 'owner', opts).map((x) => [x.key, x.won])).toEqual([['u1', 2], ['u2', 1], ['u3', 0]]);
  });
  it('empty books give defined results', () => {
    const a = abcTiers({}, opts);
    expect(a.accounts).toEqual([]);
    expect(a.tiers.A.count).toBe(0);
    const c = concentration({}, opts);
    expect([c.top1, c.hhi, c.hhiBand]).toEqual([0, 0, 'diversified']);
    expect(contributionRanking({}, opts)).toEqual([]);
  });
});
