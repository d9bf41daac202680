import { describe, expect, it } from 'vitest';
import { KamConflictError, KamError, KamNotFoundError, listAll, Store, type WriteOp, type Opportunity } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { generateSampleBook } from '@kamkit/core/sample';

const book = generateSampleBook({ seed: 11, accounts: 40 });
let clock = Date.parse('2026-11-23T09:00:00Z');
const now = () => new Date((clock += 1000));
const key = () => crypto.randomUUID();

describe('MemorySource reading', () => {
  it('pages with a cursor until the last page, every record exactly once', async () => {
    const src = new MemorySource(book, { maxPageSize: 7 });
    const pages = [];
    for await (const p of listAll(src, 'contacts', { limit: 100 })) pages.push(p);
    expect(pages.length).toBe(Math.ceil(book.contacts.length / 7));
    expect(pages[0].total).toBe(book.contacts.length);
    expect(pages.at(-1)!.nextCursor).toBeUndefined();
    expect(pages.flatMap((p) => p.items.map((c) => c.id))).toEqual(book.contacts.map((c) => c.id));
  });
  it('filters on equality', async () => {
    const src = new MemorySource(book);
    const acc = book.accounts[0].id;
    const p = await src.list('opportunities', { filter: { accountId: acc } });
    expect(p.items.map((o) => o.id)).toEqual(book.opportunities.filter((o) => o.accountId === acc).map((o) => o.id));
    expect((await src.list('accounts', { filter: { region: '华东', tier: 'A' } })).items.every((x) => x.region === '华东' && x.tier === 'A')).toBe(true);
  });
  it('refuses a cursor it did not issue, naming it', async () => {
    await expect(new MemorySource(book).list('accounts', { cursor: 'garbage' })).rejects.toThrow('cursor "garbage"');
  });
  it('returns copies: callers cannot change the server by mutating', async () => {
    const src = new MemorySource(book);
    const a = (await src.get('accounts', book.accounts[0].id))!;
    a.name = 'changed';
    expect((await src.get('accounts', a.id))!.name).toBe(book.accounts[0].name);
    expect(await src.get('accounts', 'nope')).toBeUndefined();
  });
  it('serves invalid records as rejected, with reasons', async () => {
    const src = new MemorySource({ ...book, accounts: [...book.accounts, { id: 'x', name: '' } as never] });
    const p = await src.list('accounts', { limit: 1000 });
    expect(p.items).toHaveLength(40);
    expect(p.rejected[0]).toMatchObject({ entity: 'accounts', id: 'x', issues: [{ path: 'name' }] });
  });
  it('reports capabilities, with overrides', async () => {
    const caps = await new MemorySource(book, { maxPageSize: 50, capabilities: { changesSince: false } }).capabilities();
    expect(caps).toMatchObject({ changesSince: false, stageHistory: true, maxPageSize: 50 });
    expect(caps.entities).toContain('opportunities');
  });
  it('changes since a stamp, including deletions', async () => {
    const src = new MemorySource(book, { now });
    const since = '2026-11-23T08:59:59Z';
    expect((await src.changes('accounts', since)).items).toEqual([]);
    const edited = src.serverEdit('accounts', book.accounts[2].id, { tier: 'A' });
    src.serverDelete('accounts', book.accounts[3].id);
    const ch = await src.changes('accounts', since);
    expect(ch.items.map((a) => a.id)).toEqual([edited.id]);
    expect(ch.deleted).toEqual([book.accounts[3].id]);
    expect(ch.stamp > edited.updatedAt!).toBe(true);
    expect((await src.changes('accounts', ch.stamp)).items).toEqual([]);
  });
});

describe('MemorySource writes', () => {
  const opp = book.opportunities.find((o) => o.stageId === 'st-qualify')!;

  it('update with a current precondition applies and bumps updatedAt', async () => {
    const src = new MemorySource(book, { now });
    const { record } = await src.write({ op: 'update', entity: 'opportunities', id: opp.id, patch: { name: 'New name' }, ifUnmodifiedSince: opp.updatedAt, idempotencyKey: key() });
    const r = record as Opportunity;
    expect(r.name).toBe('New name');
    expect(r.updatedAt! > opp.updatedAt!).toBe(true);
    expect(src.peek('opportunities', opp.id)!.name).toBe('New name');
  });

  it('a stale precondition is a KamConflictError carrying current and attempted', async () => {
    const src = new MemorySource(book, { now });
    const server = src.serverEdit('opportunities', opp.id, { name: 'Edited elsewhere' });
    const err = await src.write({ op: 'update', entity: 'opportunities', id: opp.id, patch: { name: 'Mine' }, ifUnmodifiedSince: opp.updatedAt, idempotencyKey: key() }).catch((e) => e);
    expect(err).toBeInstanceOf(KamConflictError);
    expect(err.current).toEqual(server);
    expect(err.attempted).toEqual({ name: 'Mine' });
    expect(src.peek('opportunities', opp.id)!.name).toBe('Edited elsewhere');
  });

  it('the same idempotency key twice applies once and answers the same', async () => {
    const src = new MemorySource(book, { now });
    const op: WriteOp = { op: 'update', entity: 'accounts', id: book.accounts[0].id, patch: { employees: 999 }, ifUnmodifiedSince: book.accounts[0].updatedAt, idempotencyKey: 'k-1' };
    const first = await src.write(op);
    const second = await src.write(op); // its precondition is stale now, yet it is the same write
    expect(second).toEqual(first);
    expect(src.appliedCount).toBe(1);
    const create: WriteOp = { op: 'create', entity: 'contacts', data: { id: 'c-new', accountId: book.accounts[0].id, name: 'Neo' }, idempotencyKey: 'k-2' };
    await src.write(create);
    await src.write(create);
    expect((await src.list('contacts', { filter: { accountId: book.accounts[0].id }, limit: 500 })).items.filter((c) => c.id === 'c-new')).toHaveLength(1);
  });

  it('moveStage enforces the pipeline rules and keeps stage history', async () => {
    const src = new MemorySource(book, { now });
    const refused = await src.write({ op: 'moveStage', entity: 'opportunities', id: opp.id, toStageId: 'st-proposal', idempotencyKey: key() }).catch((e) => e);
    expect(refused).toBeInstanceOf(KamError);
    expect(refused.code).toBe('stage_move_refused');
    expect(refused.message).toContain('does not allow skipping');
    const { record } = await src.write({ op: 'moveStage', entity: 'opportunities', id: opp.id, toStageId: 'st-lost', reason: '预算取消', date: '2026-11-20', by: 'u-01', ifUnmodifiedSince: opp.updatedAt, idempotencyKey: key() });
    const r = record as Opportunity;
    expect(r).toMatchObject({ stageId: 'st-lost', lostReason: '预算取消', closedAt: '2026-11-20T00:00:00.000Z' });
    expect(r.stageHistory.at(-2)!.leftAt).toBeDefined();
    expect(r.stageHistory.at(-1)).toMatchObject({ stageId: 'st-lost', by: 'u-01' });
  });

  it('create validates and refuses a taken id; update of a missing record is not found', async () => {
    const src = new MemorySource(book, { now });
    await expect(src.write({ op: 'create', entity: 'accounts', data: { id: 'n1' }, idempotencyKey: key() })).rejects.toThrow(/name/);
    await expect(src.write({ op: 'create', entity: 'accounts', data: { ...book.accounts[0] }, idempotencyKey: key() })).rejects.toBeInstanceOf(KamConflictError);
    await expect(src.write({ op: 'update', entity: 'accounts', id: 'ghost', patch: {}, idempotencyKey: key() })).rejects.toBeInstanceOf(KamNotFoundError);
  });
});

describe('MemorySource knobs', () => {
  it('fails on demand, per call and attempt', async () => {
    const src = new MemorySource(book, { fail: (call, d) => (call === 'write' && d.attempt < 3 ? new KamError('network', 'offline') : undefined) });
    const op: WriteOp = { op: 'update', entity: 'accounts', id: book.accounts[0].id, patch: { tier: 'C' }, idempotencyKey: 'retry-me' };
    await expect(src.write(op)).rejects.toThrow('offline');
    await expect(src.write(op)).rejects.toThrow('offline');
    await expect(src.write(op)).resolves.toMatchObject({ record: { tier: 'C' } });
    expect(src.writeLog).toHaveLength(3);
  });
  it('latency can be aborted', async () => {
    const src = new MemorySource(book, { latency: 50 });
    const ac = new AbortController();
    const p = src.list('accounts', { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
  it('a Store loads everything from it and round-trips to an equal book', async () => {
    const s = new Store({ source: new MemorySource(book, { maxPageSize: 13 }) });
    await s.load();
    const snap = s.snapshot();
    for (const k of ['accounts', 'opportunities', 'activities', 'invoices'] as const) expect(snap[k]).toEqual(book[k]);
  });
});
