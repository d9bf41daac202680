import { describe, expect, it } from 'vitest';
import { Store, type Account, type Opportunity, type Pipeline, type ChangeEvent, type QueryResult } from '@kamkit/core';

const pipeline: Pipeline = {
  id: 'p1', name: 'Sales', sourceIds: {},
  rules: { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true } },
  stages: [
    { id: 's1', name: 'Qualify', order: 1, probability: 0.1, forecastCategory: 'pipeline', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 's2', name: 'Proposal', order: 2, probability: 0.5, forecastCategory: 'best_case', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
  ],
};

const a = (id: string, name: string, extra: Partial<Account> = {}): Account => ({ id, name, tags: [], sourceIds: {}, ...extra });
const accounts: Account[] = [
  a('a1', '华为技术有限公司', { region: '华南', industry: 'Telecom', tier: 'A', ownerId: 'u1', employees: 5000, tags: ['strategic'], annualRevenue: { amount: 900, currency: 'CNY' }, createdAt: '2020-01-01' }),
  a('a2', 'Acme Co., Ltd.', { region: 'EMEA', industry: 'Manufacturing', tier: 'B', ownerId: 'u2', employees: 120, domain: 'acme.com', annualRevenue: { amount: 50, currency: 'EUR' }, createdAt: '2021-06-01' }),
  a('a3', 'ＡＣＭＥ Ｓｏｆｔｗａｒｅ', { region: 'EMEA', industry: 'Software', tier: 'A', ownerId: 'u2', employees: 40, createdAt: '2019-03-01' }),
  a('a4', '上海 恒瑞 精密机械', { region: '华东', industry: 'Manufacturing', tier: 'C', ownerId: 'u1', tags: ['at-risk', 'strategic'], createdAt: '2022-02-02' }),
  a('a5', 'Bluewater Inc', { region: '华东', industry: 'Manufacturing', tier: 'A', ownerId: 'u3', employees: 800, parentId: 'a1', custom: { segment: 'auto' }, createdAt: '2023-01-01' }),
  a('a6', '华东精工', { region: '华东', industry: 'Manufacturing', tier: 'A', ownerId: 'u1', employees: 800, createdAt: '2023-01-01' }),
];
const opp = (id: string, accountId: string, amount: number, currency: string, stageId = 's1'): Opportunity => ({
  id, accountId, pipelineId: 'p1', stageId, name: `Deal ${id}`, amount: { amount, currency }, closeDate: '2026-12-01', stageHistory: [], checklist: {}, sourceIds: {},
});

function store(): Store {
  return Store.fromBook({ accounts, pipelines: [pipeline], opportunities: [opp('o1', 'a1', 300, 'CNY'), opp('o2', 'a1', 50, 'USD', 's2'), opp('o3', 'a2', 1000, 'CNY'), opp('o4', 'a4', 10, 'EUR')] });
}
const ids = (r: QueryResult<{ id: string }>) => r.items.map((x) => x.id);

describe('Store.query where', () => {
  const s = store();
  it('equality on several dimensions (region × industry × tier)', () => {
    expect(ids(s.query('accounts', { where: { region: '华东', industry: 'Manufacturing', tier: 'A' } }))).toEqual(['a5', 'a6']);
    expect(s.query('accounts', { where: { region: '华东', tier: 'B' } }).total).toBe(0);
  });
  it('any-of lists', () => {
    expect(ids(s.query('accounts', { where: { tier: ['B', 'C'] } }))).toEqual(['a2', 'a4']);
    expect(ids(s.query('accounts', { where: { ownerId: ['u2', 'u3'], tier: 'A' } }))).toEqual(['a3', 'a5']);
  });
  it('ranges on numbers, dates and money', () => {
    expect(ids(s.query('accounts', { where: { employees: { gte: 800 } } }))).toEqual(['a1', 'a5', 'a6']);
    expect(ids(s.query('accounts', { where: { employees: { gt: 120, lt: 5000 } } }))).toEqual(['a5', 'a6']);
    expect(ids(s.query('accounts', { where: { employees: { lte: 120 } } }))).toEqual(['a2', 'a3']);
    expect(ids(s.query('accounts', { where: { createdAt: { gte: '2022-01-01', lt: '2023-01-01' } } }))).toEqual(['a4']);
    expect(ids(s.query('accounts', { where: { annualRevenue: { gt: 100 } } }))).toEqual(['a1']);
    expect(ids(s.query('opportunities', { where: { 'amount.amount': { gte: 300 } } }))).toEqual(['o1', 'o3']);
  });
  it('nested field paths', () => {
    expect(ids(s.query('opportunities', { where: { 'amount.currency': 'CNY' } }))).toEqual(['o1', 'o3']);
    expect(ids(s.query('accounts', { where: { 'custom.segment': 'auto' } }))).toEqual(['a5']);
  });
  it('contains (case- and width-insensitive), on text and on arrays', () => {
    expect(ids(s.query('accounts', { where: { name: { contains: 'acme' } } }))).toEqual(['a2', 'a3']);
    expect(ids(s.query('accounts', { where: { tags: { contains: 'STRATEGIC' } } }))).toEqual(['a1', 'a4']);
  });
  it('array fields match an equality value they contain', () => {
    expect(ids(s.query('accounts', { where: { tags: 'at-risk' } }))).toEqual(['a4']);
  });
  it('exists and null', () => {
    expect(ids(s.query('accounts', { where: { parentId: { exists: true } } }))).toEqual(['a5']);
    expect(s.query('accounts', { where: { employees: { exists: false } } }).items.map((x) => x.id)).toEqual(['a4']);
    expect(ids(s.query('accounts', { where: { domain: null } }))).toEqual(['a1', 'a3', 'a4', 'a5', 'a6']);
  });
  it('a range against an incomparable value does not match', () => {
    expect(s.query('accounts', { where: { name: { gt: 5 } } }).total).toBe(0);
  });
  it('an indexed value nobody has yields nothing', () => {
    expect(s.query('accounts', { where: { region: 'Mars' } }).total).toBe(0);
  });
});

describe('Store.query search, filter, sort, group, paging', () => {
  const s = store();
  it('search is case-, width- and spacing-insensitive and CJK aware', () => {
    expect(ids(s.query('accounts', { search: 'ACME' }))).toEqual(['a2', 'a3']);
    expect(ids(s.query('accounts', { search: 'acme software' }))).toEqual(['a3']);
    expect(ids(s.query('accounts', { search: '华为' }))).toEqual(['a1']);
    expect(ids(s.query('accounts', { search: '恒瑞精密' }))).toEqual(['a4']); // the record has spaces
    expect(ids(s.query('accounts', { search: 'acme.com' }))).toEqual(['a2']); // domain is searched too
    expect(s.query('accounts', { search: 'zzz' }).total).toBe(0);
  });
  it('filter predicate after where', () => {
    expect(ids(s.query('accounts', { where: { region: '华东' }, filter: (x) => x.name.startsWith('B') }))).toEqual(['a5']);
  });
  it('multi-key stable sort; missing values last; money sorts by amount', () => {
    expect(ids(s.query('accounts', { sort: [{ field: 'tier' }, { field: 'employees', dir: 'desc' }] }))).toEqual(['a1', 'a5', 'a6', 'a3', 'a2', 'a4']);
    // a5 and a6 tie on both keys: insertion order kept.
    expect(ids(s.query('accounts', { where: { employees: 800 }, sort: [{ field: 'employees' }] }))).toEqual(['a5', 'a6']);
    expect(ids(s.query('accounts', { sort: [{ field: 'employees' }] }))).toEqual(['a3', 'a2', 'a5', 'a6', 'a1', 'a4']);
    expect(ids(s.query('accounts', { sort: [{ field: 'employees', dir: 'desc' }] }))).toEqual(['a1', 'a5', 'a6', 'a2', 'a3', 'a4']);
    expect(ids(s.query('opportunities', { sort: [{ field: 'amount', dir: 'desc' }] }))).toEqual(['o3', 'o1', 'o2', 'o4']);
    expect(ids(s.query('accounts', { sort: [{ field: 'createdAt' }] }))[0]).toBe('a3');
  });
  it('groupBy returns every group over all matches, in key order, with missing values last', () => {
    const r = s.query('accounts', { groupBy: 'region', limit: 1 });
    expect(r.items).toHaveLength(1);
    expect(r.total).toBe(6);
    expect(r.groups!.map((g) => [g.key, g.count])).toEqual([['EMEA', 2], ['华东', 3], ['华南', 1]]);
    const byParent = s.query('accounts', { groupBy: 'parentId' });
    expect(byParent.groups!.at(-1)).toMatchObject({ key: '', count: 5 });
    const byTag = s.query('accounts', { groupBy: 'tags' });
    expect(byTag.groups!.find((g) => g.key === 'strategic')!.count).toBe(2);
  });
  it('offset and limit page after sorting; total counts all matches', () => {
    const q = { sort: [{ field: 'id' }] } as const;
    expect(ids(s.query('accounts', { ...q, offset: 2, limit: 2 }))).toEqual(['a3', 'a4']);
    expect(ids(s.query('accounts', { ...q, offset: 5, limit: 10 }))).toEqual(['a6']);
    expect(s.query('accounts', { ...q, offset: 10 }).items).toEqual([]);
    expect(s.query('accounts', { ...q, offset: 2, limit: 2 }).total).toBe(6);
  });
  it('indexed and unindexed paths agree on a larger book', () => {
    const many: Account[] = Array.from({ length: 3000 }, (_, i) => a(`x${i}`, `N${i}`, { region: ['R1', 'R2', 'R3'][i % 3], industry: ['I1', 'I2', 'I3', 'I4'][i % 4], tier: ['A', 'B', 'C', 'D', 'E'][i % 5], ownerId: `u${i % 7}` }));
    const big = Store.fromBook({ accounts: many });
    const where = { region: 'R2', industry: ['I1', 'I3'], tier: 'B', ownerId: { exists: true } };
    const expected = many.filter((x) => x.region === 'R2' && (x.industry === 'I1' || x.industry === 'I3') && x.tier === 'B').map((x) => x.id);
    expect(ids(big.query('accounts', { where }))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });
  it('dense conditions (bitset plan) agree with a scan, before and after adds, updates and removes', async () => {
    const many: Account[] = Array.from({ length: 12_000 }, (_, i) => a(`b${i}`, `N${i}`, { region: ['R1', 'R2', 'R3'][i % 3], industry: ['I1', 'I2'][i % 2], tier: ['A', 'B'][(i >> 1) % 2], employees: i }));
    const s = Store.fromBook({ accounts: many });
    const check = () => {
      const q = { where: { region: ['R1', 'R3'], industry: 'I2', tier: 'A', employees: { gte: 100 } } };
      const scan = ids(s.query('accounts', { filter: (x) => (x.region === 'R1' || x.region === 'R3') && x.industry === 'I2' && x.tier === 'A' && x.employees! >= 100 }));
      const got = ids(s.query('accounts', q));
      expect(got).toEqual(scan);
      return got;
    };
    const first = check();
    expect(first.length).toBeGreaterThan(1000);
    await s.update('accounts', first[0], { tier: 'B' });
    await s.update('accounts', 'b0', { region: 'R3', industry: 'I2', tier: 'A', employees: 5000 });
    s.removeRecord('accounts', first[1], 'remote');
    for (let i = 0; i < 100; i++) await s.create('accounts', a(`new${i}`, `New ${i}`, { region: 'R1', industry: 'I2', tier: 'A', employees: 500 }));
    const after = check();
    expect(after).toContain('b0');
    expect(after).toContain('new99');
    expect(after).not.toContain(first[0]);
    expect(after).not.toContain(first[1]);
  });
  it('index walks keep the store order after updates, as a scan does', async () => {
    const many: Account[] = Array.from({ length: 500 }, (_, i) => a(`y${i}`, `N${i}`, { region: ['R1', 'R2'][i % 2], tier: ['A', 'B', 'C'][i % 3] }));
    const s = Store.fromBook({ accounts: many });
    for (const id of ['y10', 'y4', 'y300', 'y2']) await s.update('accounts', id, { tier: 'A', name: `changed ${id}` });
    const indexed = ids(s.query('accounts', { where: { region: 'R1', tier: ['A', 'B'] } }));
    const scanned = ids(s.query('accounts', { filter: (x) => x.region === 'R1' && (x.tier === 'A' || x.tier === 'B') }));
    expect(indexed).toEqual(scanned);
    expect(indexed.slice(0, 4)).toEqual(['y0', 'y2', 'y4', 'y6']);
    expect(ids(s.query('accounts', { where: { tier: 'A' }, sort: [{ field: 'region' }] }))).toEqual(ids(s.query('accounts', { filter: (x) => x.tier === 'A', sort: [{ field: 'region' }] })));
  });
});

describe('indexes stay right under change', () => {
  it('update moves a record between index buckets; byAccount follows', async () => {
    const s = store();
    await s.update('accounts', 'a4', { region: 'EMEA' });
    expect(ids(s.query('accounts', { where: { region: '华东' } }))).toEqual(['a5', 'a6']);
    expect(ids(s.query('accounts', { where: { region: 'EMEA' } })).sort()).toEqual(['a2', 'a3', 'a4']);
    await s.update('opportunities', 'o3', { accountId: 'a1' });
    expect(s.byAccount('opportunities', 'a1').map((o) => o.id).sort()).toEqual(['o1', 'o2', 'o3']);
    expect(s.byAccount('opportunities', 'a2')).toEqual([]);
    s.removeRecord('opportunities', 'o1', 'remote');
    expect(s.byAccount('opportunities', 'a1').map((o) => o.id).sort()).toEqual(['o2', 'o3']);
    expect(s.get('opportunities', 'o1')).toBeUndefined();
    await s.update('accounts', 'a5', { parentId: 'a2' });
    expect(s.children('a1')).toEqual([]);
    expect(s.children('a2').map((x) => x.id)).toEqual(['a5']);
  });
});

describe('change events and liveQuery', () => {
  it('emits one event per change with kind, type, ids and origin; unsubscribe stops them', async () => {
    const s = store();
    const events: ChangeEvent[] = [];
    const off = s.subscribe((e) => events.push(e));
    await s.update('accounts', 'a1', { tier: 'B' });
    await s.create('accounts', a('a9', 'New Co'));
    s.applyServerRecord('accounts', { ...s.get('accounts', 'a9')!, updatedAt: '2026-11-23T01:00:00Z' }, 'confirm');
    s.applyServerRecord('accounts', a('a10', 'Remote Co'), 'remote');
    s.rollback('accounts', 'a1', accounts[0]);
    s.rollback('accounts', 'a9', undefined);
    s.removeRecord('accounts', 'a10', 'remote');
    expect(events).toEqual([
      { kind: 'accounts', type: 'update', ids: ['a1'], origin: 'local' },
      { kind: 'accounts', type: 'add', ids: ['a9'], origin: 'local' },
      { kind: 'accounts', type: 'update', ids: ['a9'], origin: 'confirm' },
      { kind: 'accounts', type: 'add', ids: ['a10'], origin: 'remote' },
      { kind: 'accounts', type: 'update', ids: ['a1'], origin: 'rollback' },
      { kind: 'accounts', type: 'remove', ids: ['a9'], origin: 'rollback' },
      { kind: 'accounts', type: 'remove', ids: ['a10'], origin: 'remote' },
    ]);
    expect(s.get('accounts', 'a1')!.tier).toBe('A');
    off();
    await s.update('accounts', 'a1', { tier: 'C' });
    expect(events).toHaveLength(7);
  });

  it('liveQuery re-runs on relevant changes only, coalesced, until unsubscribed', async () => {
    const s = store();
    const seen: string[][] = [];
    const off = s.liveQuery('accounts', { where: { tier: 'A' }, sort: [{ field: 'id' }] }, (r) => seen.push(ids(r)));
    expect(seen).toEqual([['a1', 'a3', 'a5', 'a6']]);
    const first = s.update('accounts', 'a1', { tier: 'B' });
    const second = s.update('accounts', 'a4', { tier: 'A' });
    await Promise.all([first, second]);
    expect(seen.at(-1)).toEqual(['a3', 'a4', 'a5', 'a6']);
    expect(seen).toHaveLength(2); // two changes in one tick → one re-run
    await s.update('opportunities', 'o1', { name: 'Renamed' });
    await Promise.resolve();
    expect(seen).toHaveLength(2); // other kinds do not re-run it
    off();
    await s.update('accounts', 'a3', { tier: 'C' });
    await Promise.resolve();
    expect(seen).toHaveLength(2);
  });

  it('a load resets every kind and live queries see the new book', async () => {
    const s = store();
    const seen: number[] = [];
    s.liveQuery('accounts', {}, (r) => seen.push(r.total));
    s.loadBook({ accounts: [a('z1', 'Only')] });
    await Promise.resolve();
    expect(seen).toEqual([6, 1]);
  });
});

describe('batch', () => {
  it('merges the events of a bulk apply into one per kind, type and origin', async () => {
    const s = store();
    const events: ChangeEvent[] = [];
    s.subscribe((e) => events.push(e));
    const seen: number[] = [];
    s.liveQuery('accounts', {}, (r) => seen.push(r.total));
    s.batch(() => {
      s.applyServerRecord('accounts', a('r1', 'R1'), 'remote');
      s.applyServerRecord('accounts', a('r2', 'R2'), 'remote');
      s.applyServerRecord('accounts', { ...accounts[0], tier: 'C' }, 'remote');
      s.removeRecord('accounts', 'a2', 'remote');
      expect(events).toEqual([]); // nothing delivered mid-batch
    });
    expect(events).toEqual([
      { kind: 'accounts', type: 'add', ids: ['r1', 'r2'], origin: 'remote' },
      { kind: 'accounts', type: 'update', ids: ['a1'], origin: 'remote' },
      { kind: 'accounts', type: 'remove', ids: ['a2'], origin: 'remote' },
    ]);
    await Promise.resolve();
    expect(seen).toEqual([6, 7]);
  });
  it('refuses a stage change through update: moveStage applies the rules', async () => {
    const s = store();
    await expect(s.update('opportunities', 'o1', { stageId: 's2' })).rejects.toThrow(/stageId.*moveStage/);
    await expect(s.update('opportunities', 'o1', { stageId: 's1', name: 'ok' })).resolves.toMatchObject({ state: 'confirmed' });
  });
});

describe('sorting at scale', () => {
  const names = ['恒瑞', 'Acme', 'acme', '阿里', 'Zeta', '北京', 'Beta 10', 'Beta 9', undefined];
  const many: Account[] = Array.from({ length: 6000 }, (_, i) => {
    const n = names[(i * 7) % names.length];
    return a(`s${i}`, n ? `${n} ${i % 13}` : `Nameless ${i}`, { industry: n, employees: (i * 7919) % 1000, updatedAt: `2026-0${1 + (i % 9)}-1${i % 10}T00:00:00Z`, tags: [] });
  });
  const s = Store.fromBook({ accounts: many });
  const full = (field: string, dir: 'asc' | 'desc' = 'asc') => ids(s.query('accounts', { sort: [{ field, dir }, { field: 'id', dir: 'desc' }] }));

  it('a page (partial sort) equals the same slice of the full sort, for every key type', () => {
    for (const field of ['industry', 'employees', 'updatedAt', 'name']) {
      for (const dir of ['asc', 'desc'] as const) {
        const all = full(field, dir);
        expect(all).toHaveLength(6000);
        const page = ids(s.query('accounts', { sort: [{ field, dir }, { field: 'id', dir: 'desc' }], offset: 40, limit: 20 }));
        expect(page, `${field} ${dir}`).toEqual(all.slice(40, 60));
      }
    }
  });
  it('large text sorts (cached ranks) order Latin before Han, Han by pinyin, numbers numerically, missing last', () => {
    const order = s.query('accounts', { sort: [{ field: 'industry' }] }).items.map((x) => x.industry);
    const distinct = order.filter((v, i) => v !== order[i - 1]);
    expect(distinct).toEqual(['acme', 'Acme', 'Beta 9', 'Beta 10', 'Zeta', '阿里', '北京', '恒瑞', undefined]);
    // The cache is dropped on change: a renamed record moves.
    void s.update('accounts', 's0', { industry: 'AAA' });
    expect(s.query('accounts', { sort: [{ field: 'industry' }], limit: 1 }).items[0].id).toBe('s0');
  });
  it('ties keep store order (stable) in full and partial sorts', () => {
    const t = Store.fromBook({ accounts: Array.from({ length: 100 }, (_, i) => a(`t${i}`, 'Same', { tier: i % 2 ? 'A' : 'B' })) });
    expect(ids(t.query('accounts', { sort: [{ field: 'name' }], limit: 5 }))).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(ids(t.query('accounts', { sort: [{ field: 'tier' }], limit: 3 }))).toEqual(['t1', 't3', 't5']);
  });
});
