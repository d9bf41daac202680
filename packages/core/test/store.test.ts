import { describe, expect, it } from 'vitest';
import { Store, type Book, type ChangeEvent, type Account, type Pipeline } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { dedupeAccounts } from '@kamkit/core/dedupe';
import { generateSampleBook } from '@kamkit/core/sample';

const pipeline: Pipeline = {
  id: 'p1', name: 'Sales', sourceIds: {},
  rules: { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true } },
  stages: [
    { id: 's1', name: 'Qualify', order: 1, probability: 0.1, forecastCategory: 'pipeline', kind: 'open', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 's2', name: 'Won', order: 2, probability: 1, forecastCategory: 'closed', kind: 'won', entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
  ],
};

function acc(id: string, extra: Partial<Account> = {}): Account {
  return { id, name: `Account ${id}`, tags: [], sourceIds: {}, ...extra };
}

describe('Store loading', () => {
  it('loads plain arrays, keeps good records and quarantines bad ones with reasons', () => {
    const s = Store.fromBook({
      pipelines: [pipeline],
      accounts: [acc('a1'), { id: 'a2', name: '' } as Account, acc('a3')],
      opportunities: [
        { id: 'o1', accountId: 'a1', pipelineId: 'p1', stageId: 's1', name: 'Deal', amount: { amount: 10, currency: 'CNY' }, closeDate: '2026-12-01', stageHistory: [], checklist: {}, sourceIds: {} },
        { id: 'o2', accountId: 'a1', pipelineId: 'p1', stageId: 'nope', name: 'Deal 2', amount: { amount: 10, currency: 'CNY' }, closeDate: '2026-12-01', stageHistory: [], checklist: {}, sourceIds: {} },
        { id: 'o3', accountId: 'a1', pipelineId: 'p1', stageId: 's1', name: 'Deal 3', amount: { amount: 10, currency: 'cny' }, closeDate: '2026-12-01', stageHistory: [], checklist: {}, sourceIds: {} },
      ],
    });
    expect(s.status).toBe('ready');
    expect(s.all('accounts').map((a) => a.id)).toEqual(['a1', 'a3']);
    expect(s.all('opportunities').map((o) => o.id)).toEqual(['o1']);
    const byId = new Map(s.rejected.map((r) => [r.id, r]));
    expect(byId.get('a2')!.issues[0]).toMatchObject({ entity: 'accounts', id: 'a2', path: 'name' });
    expect(byId.get('o2')!.issues[0]).toMatchObject({ path: 'stageId' });
    expect(byId.get('o2')!.issues[0].message).toContain('not a stage of pipeline p1');
    expect(byId.get('o3')!.issues[0]).toMatchObject({ path: 'amount.currency' });
    expect(s.lastLoad!.counts).toMatchObject({ accounts: 2, opportunities: 1, pipelines: 1 });
  });

  it('rejects a second record with the same id', () => {
    const s = Store.fromBook({ accounts: [acc('a1'), acc('a1', { name: 'Other' })] });
    expect(s.all('accounts')).toHaveLength(1);
    expect(s.rejected[0]).toMatchObject({ entity: 'accounts', id: 'a1' });
    expect(s.rejected[0].issues[0].message).toContain('duplicate');
  });

  it('loads from a DataSource page by page with progress events and source rejections', async () => {
    const book = generateSampleBook({ seed: 2, accounts: 60 });
    const bad = { ...book, accounts: [...book.accounts, { id: 'bad-1', name: 42 } as unknown as Account] } as Book;
    const source = new MemorySource(bad, { maxPageSize: 25 });
    const s = new Store({ source });
    const phases: string[] = [];
    s.onProgress((p) => phases.push(p.phase));
    const events: ChangeEvent[] = [];
    s.subscribe((e) => events.push(e));
    const pending = s.load();
    expect(s.status).toBe('loading');
    const report = await pending;
    expect(s.status).toBe('ready');
    expect(s.all('accounts')).toHaveLength(60);
    expect(s.all('activities')).toHaveLength(book.activities.length);
    expect(report.rejected.map((r) => r.id)).toEqual(['bad-1']);
    expect(phases[0]).toBe('metadata');
    expect(phases.filter((p) => p === 'accounts').length).toBe(3); // 60 accounts in pages of 25
    expect(phases.at(-1)).toBe('done');
    expect(events.filter((e) => e.type === 'reset' && e.origin === 'load').map((e) => e.kind)).toContain('opportunities');
  });

  it('reports a failing source as status error, keeping the error', async () => {
    const source = new MemorySource(generateSampleBook({ seed: 2, accounts: 10 }), { fail: (call, d) => (call === 'list' && d.kind === 'contacts' ? new Error('backend down') : undefined) });
    const s = new Store({ source });
    await expect(s.load()).rejects.toThrow('backend down');
    expect(s.status).toBe('error');
    expect(s.error?.message).toBe('backend down');
  });

  it('stops loading when aborted', async () => {
    const source = new MemorySource(generateSampleBook({ seed: 2, accounts: 10 }), { latency: 5 });
    const s = new Store({ source });
    const ac = new AbortController();
    const p = s.load({ signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toThrow(/abort/i);
    expect(s.status).toBe('empty');
  });
});

describe('Store reading', () => {
  const book = generateSampleBook({ seed: 5, accounts: 80 });
  const s = Store.fromBook(book);

  it('gets by id, all, byAccount, pipelines, children', () => {
    const a = book.accounts[3];
    expect(s.get('accounts', a.id)).toEqual(a);
    expect(s.get('accounts', 'missing')).toBeUndefined();
    expect(s.all('contacts')).toHaveLength(book.contacts.length);
    expect(s.byAccount('opportunities', a.id).map((o) => o.id).sort()).toEqual(book.opportunities.filter((o) => o.accountId === a.id).map((o) => o.id).sort());
    expect(s.byAccount('accounts', a.id)).toEqual([a]);
    expect(s.pipelines().map((p) => p.id)).toEqual(['pl-new', 'pl-renewal']);
    expect(s.pipeline('pl-renewal')!.name).toBe('Renewal & expansion');
    const child = book.accounts.find((x) => x.parentId)!;
    expect(s.children(child.parentId!).map((x) => x.id)).toContain(child.id);
  });

  it('snapshot returns every array', () => {
    const snap = s.snapshot();
    expect(snap.accounts).toHaveLength(book.accounts.length);
    expect(snap.pipelines).toHaveLength(2);
    expect(snap.invoices).toHaveLength(book.invoices.length);
    expect(Store.fromBook(snap).all('opportunities')).toHaveLength(book.opportunities.length);
  });
});

describe('Store.load options', () => {
  it('loads only the kinds the source can read, and merges duplicates when asked', async () => {
    const book = generateSampleBook({ seed: 4, accounts: 60 });
    const source = new MemorySource(book, { capabilities: { entities: ['accounts', 'contacts', 'opportunities', 'users'] } });
    const s = new Store({ source, dedupe: dedupeAccounts() });
    const report = await s.load();
    expect(s.all('activities')).toEqual([]);
    expect(report.counts.activities).toBe(0);
    const groups = s.mergeReport!.groups;
    expect(groups.length).toBeGreaterThanOrEqual(5);
    const merged = groups.flatMap((g) => g.mergedIds);
    expect(s.all('accounts')).toHaveLength(60 - merged.length);
    // Nothing points at a merged-away account any more.
    for (const c of s.all('contacts')) expect(merged).not.toContain(c.accountId);
    for (const o of s.all('opportunities')) expect(merged).not.toContain(o.accountId);
    const survivor = s.get('accounts', groups[0].survivorId)!;
    expect(survivor.custom!.mergedFrom).toEqual(groups[0].mergedIds);
  });
});
