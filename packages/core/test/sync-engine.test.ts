// The sync engine in Node: a real Store, the embedded IndexedDB source (fake-indexeddb) as the
// backend — it keeps a write log, so "applied once" is counted on the backend's side — and
// transport faults injected between them.
import 'fake-indexeddb/auto';
import { describe, it, expect, vi } from 'vitest';
import { KamError, KamValidationError, type WriteEvent, type Opportunity, type DataSource, type WriteOp } from '../src/index.js';
import { SyncEngine, MemoryOutboxStorage, type OutboxStorage } from '../src/sync/index.js';
import { Store } from '../src/store/store.js';
import { createEmbeddedSource, IdbOutboxStorage, type EmbeddedSource } from '../src/persistence/index.js';
import { smallBook, withFaults, T0, type Faults } from './sync-fixtures.js';

let n = 0;
const freshName = (what: string) => `${what}-${process.pid}-${++n}`;

async function setup(opts: { faults?: Faults; online?: () => boolean; storage?: OutboxStorage; retry?: { max?: number; baseMs?: number; capMs?: number }; backend?: EmbeddedSource; events?: EventTarget } = {}) {
  const backend = opts.backend ?? createEmbeddedSource({ dbName: freshName('backend'), seed: smallBook });
  const net = withFaults(backend, opts.faults);
  const store = new Store({ source: net.source, user: 'u-1' });
  await store.load();
  const events: WriteEvent[] = [];
  store.onWrite((e) => events.push(structuredClone(e)));
  const engine = new SyncEngine({
    store, source: net.source, storage: opts.storage ?? new MemoryOutboxStorage(),
    retry: { max: 5, baseMs: 1, ...opts.retry }, online: opts.online, connectivityEvents: opts.events ?? null,
  });
  await engine.start();
  return { backend, net, store, engine, events };
}

/** A stage move and two edits (and a contact's, with `contact`), queued in that order; their idempotency keys. */
async function queueEdits(store: Store, contact = false): Promise<string[]> {
  const entries = [
    (await store.moveStage('opp-1', 'qualify')).entry!,
    await store.update('accounts', 'acc-2', { tier: 'S' }),
    await store.update('opportunities', 'opp-1', { name: 'Deal 1 (revised)' }),
  ];
  if (contact) entries.push(await store.update('contacts', 'con-3', { name: 'Contact 3 (new title)' }));
  return entries.map((e) => e.idempotencyKey);
}

const statesOf = (events: WriteEvent[], key: string) => events.filter((e) => e.entry.idempotencyKey === key).map((e) => e.entry.state);

describe('sync engine: sending', () => {
  it('sends writes in order; a later write to the same record carries the stamp the earlier one got', async () => {
    let online = false;
    const { backend, net, store, engine, events } = await setup({ online: () => online });
    const m1 = await store.moveStage('opp-1', 'qualify');
    const u = await store.update('opportunities', 'opp-1', { nextStep: { text: 'Send the proposal', done: false } });
    const other = await store.update('accounts', 'acc-2', { tier: 'S' });
    const m2 = await store.moveStage('opp-1', 'propose');
    await engine.drain();
    expect(net.sent).toHaveLength(0); // offline: nothing left the page
    expect(engine.pending().map((e) => e.idempotencyKey)).toEqual([m1.entry!.idempotencyKey, u.idempotencyKey, other.idempotencyKey, m2.entry!.idempotencyKey]);
    expect(store.get('opportunities', 'opp-1')!.stageId).toBe('propose'); // optimistic

    online = true;
    await engine.drain();
    expect(net.sent.map((op) => op.idempotencyKey)).toEqual([m1.entry!.idempotencyKey, u.idempotencyKey, other.idempotencyKey, m2.entry!.idempotencyKey]);
    // Each write's precondition is the stamp the previous confirmed write returned.
    const log = await backend.writeLog();
    expect(net.sent[0].ifUnmodifiedSince).toBe(T0);
    const oppStamps = log.filter((l) => l.id === 'opp-1').map((l) => l.at);
    expect(net.sent[1].ifUnmodifiedSince).toBe(oppStamps[0]);
    expect(net.sent[3].ifUnmodifiedSince).toBe(oppStamps[1]);
    expect(engine.pending()).toEqual([]);
    const server = (await backend.get('opportunities', 'opp-1'))!;
    expect(server.stageId).toBe('propose');
    expect(server.nextStep?.text).toBe('Send the proposal');
    expect(server.stageHistory.map((h) => h.stageId)).toEqual(['lead', 'qualify', 'propose']);
    expect(store.get('opportunities', 'opp-1')!.updatedAt).toBe(server.updatedAt);
    expect(statesOf(events, m2.entry!.idempotencyKey)).toEqual(['pending', 'sending', 'confirmed']);
  });

  it('retries a write whose response was lost, and the backend applies it once', async () => {
    const { backend, net, store, engine, events } = await setup({ faults: { loseResponse: 1 } });
    const { entry } = await store.moveStage('opp-2', 'qualify');
    await engine.drain();
    expect(net.sent.map((o) => o.idempotencyKey)).toEqual([entry!.idempotencyKey, entry!.idempotencyKey]);
    const applied = (await backend.writeLog()).filter((l) => l.key === entry!.idempotencyKey);
    expect(applied).toHaveLength(1);
    expect((await backend.get('opportunities', 'opp-2'))!.stageHistory.map((h) => h.stageId)).toEqual(['lead', 'qualify']);
    expect(statesOf(events, entry!.idempotencyKey)).toEqual(['pending', 'sending', 'pending', 'sending', 'confirmed']);
    expect(events.find((e) => e.entry.state === 'pending' && e.entry.lastError)?.entry.lastError).toMatch(/network: connection reset/);
  });

  it('backs off and retries transient failures, recording attempts and the last error', async () => {
    const { net, store, engine, events } = await setup({
      faults: { refuse: 3, error: () => Object.assign(new KamError('data_source', 'HTTP 503 from /opportunities'), { status: 503 }) },
    });
    const entry = await store.update('opportunities', 'opp-3', { name: 'Deal 3 (revised)' });
    await engine.drain();
    expect(net.sent).toHaveLength(4);
    const confirmed = events.find((e) => e.entry.idempotencyKey === entry.idempotencyKey && e.entry.state === 'confirmed')!;
    expect(confirmed.entry.attempts).toBe(4);
    const retrying = events.filter((e) => e.entry.state === 'pending' && e.entry.lastError);
    expect(retrying.map((e) => e.entry.attempts)).toEqual([1, 2, 3]);
    expect(retrying[0].entry.lastError).toMatch(/HTTP 503/);
  });

  it('parks a write after retry.max attempts, keeps it, and sends it on resume()', async () => {
    const { net, store, engine } = await setup({ faults: { refuse: 3, error: () => Object.assign(new KamError('data_source', 'HTTP 503 from /accounts'), { status: 503 }) }, retry: { max: 2 } });
    await store.update('accounts', 'acc-1', { tier: 'S' });
    await engine.drain();
    expect(net.sent).toHaveLength(2);
    expect(engine.status).toBe('blocked');
    expect(engine.pending()).toHaveLength(1);
    expect(engine.pending()[0]).toMatchObject({ state: 'pending', attempts: 2 });
    expect(store.get('accounts', 'acc-1')!.tier).toBe('S'); // still shown: nothing lost
    engine.resume();
    await engine.drain();
    expect(engine.pending()).toEqual([]);
    expect(net.sent).toHaveLength(4);
  });

  it('pauses offline and resumes on the online event', async () => {
    let online = false;
    const connectivity = new EventTarget();
    const { net, store, engine } = await setup({ online: () => online, events: connectivity });
    await store.moveStage('opp-4', 'qualify');
    await engine.drain();
    expect(engine.status).toBe('offline');
    expect(net.sent).toHaveLength(0);
    online = true;
    connectivity.dispatchEvent(new Event('online'));
    await engine.drain();
    expect(net.sent).toHaveLength(1);
    expect(engine.pending()).toEqual([]);
  });
});

describe('sync engine: lie-fi (navigator.onLine says online, no request gets an answer)', () => {
  it('parks nothing and says offline however long it lasts; back online, every write lands once, in order', async () => {
    const { backend, net, store, engine, events } = await setup({ retry: { max: 3, baseMs: 1, capMs: 4 } });
    net.faults.down = true;
    const keys = await queueEdits(store, true);
    await engine.drain();
    expect(engine.status).toBe('offline');
    // Many times retry.max requests refused, and still nothing parked, dropped or rolled back.
    await vi.waitFor(() => expect(net.sent.length).toBeGreaterThan(4 * 3));
    expect(engine.status).toBe('offline');
    expect(engine.pending().map((e) => e.idempotencyKey)).toEqual(keys);
    expect(events.some((e) => e.entry.state === 'failed')).toBe(false);
    const refused = events.filter((e) => e.entry.state === 'pending' && e.entry.lastError);
    expect(refused.length).toBeGreaterThan(4 * 3);
    expect(refused.every((e) => e.entry.attempts === 0 && /^network: connection reset/.test(e.entry.lastError!))).toBe(true);
    // One probe at a time, with the first write — after one check with the next record's write (was
    // the first write itself what the connection died on?), unanswered too: the others wait their turn.
    expect(net.sent.filter((op) => op.idempotencyKey !== keys[0]).map((op) => op.idempotencyKey)).toEqual([keys[1]]);
    expect(store.get('accounts', 'acc-2')!.tier).toBe('S');

    net.faults.down = false;
    await vi.waitFor(() => expect(engine.pending()).toEqual([]));
    expect(engine.status).toBe('idle');
    expect((await backend.writeLog()).map((l) => l.key)).toEqual(keys);
    expect((await backend.get('opportunities', 'opp-1'))!.name).toBe('Deal 1 (revised)');
  });

  it('writes unanswered while reads are answered (a CORS preflight refused): still offline, nothing parked, not a request storm; then every write lands once, in order', async () => {
    const { backend, net, store, engine, events } = await setup({ faults: { refuse: Infinity }, retry: { max: 3, baseMs: 1, capMs: 4 } });
    const loadReads = net.reads;
    const keys = await queueEdits(store);
    await engine.drain();
    expect(engine.status).toBe('offline');
    await vi.waitFor(() => expect(net.sent.length).toBeGreaterThan(4 * 3));
    expect(engine.status).toBe('offline');
    expect(engine.pending().map((e) => e.idempotencyKey)).toEqual(keys);
    expect(engine.pending().every((e) => e.attempts === 0)).toBe(true);
    expect(events.some((e) => e.entry.state === 'failed')).toBe(false);
    // At most one read per write probe; the later writes to a record never go before its first.
    expect(net.reads - loadReads).toBeLessThanOrEqual(net.sent.length);
    expect(net.sent.some((op) => op.idempotencyKey === keys[2])).toBe(false);

    // Back, each lands once and a record's writes in order (the first write, suspected through the
    // answered read, may be counted once and go after another record's).
    net.faults.refuse = 0;
    await vi.waitFor(() => expect(engine.pending()).toEqual([]));
    expect(engine.status).toBe('idle');
    const log = await backend.writeLog();
    expect(log.map((l) => l.key).sort()).toEqual([...keys].sort());
    expect(log.filter((l) => l.id === 'opp-1').map((l) => l.key)).toEqual([keys[0], keys[2]]);
  });

  it('back just as a probe got no answer (the read after it is answered): that write is sent again at once and lands first, not counted', async () => {
    const { backend, net, store, engine, events } = await setup({ retry: { max: 2, baseMs: 1, capMs: 2 } });
    net.faults.down = true;
    const keys = [
      (await store.update('accounts', 'acc-1', { tier: 'S' })).idempotencyKey,
      (await store.update('accounts', 'acc-2', { tier: 'S' })).idempotencyKey,
    ];
    await engine.drain();
    expect(engine.status).toBe('offline');
    const get = net.source.get;
    net.source.get = (k, id, o) => { net.faults.down = false; return get(k, id, o); };
    await vi.waitFor(() => expect(engine.pending()).toEqual([]));
    expect((await backend.writeLog()).map((l) => l.key)).toEqual(keys);
    expect(events.filter((e) => e.entry.state === 'confirmed').map((e) => e.entry.attempts)).toEqual([1, 1]);
    expect(engine.status).toBe('idle');
  });

  it('a fetch TypeError is the network too: the write is not parked', async () => {
    const { backend, net, store, engine } = await setup({ faults: { refuse: 12, error: () => new TypeError('fetch failed') }, retry: { max: 2, baseMs: 1, capMs: 2 } });
    const { idempotencyKey } = await store.update('accounts', 'acc-1', { tier: 'S' });
    await vi.waitFor(() => expect(engine.pending()).toEqual([]));
    expect(net.sent).toHaveLength(13);
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([idempotencyKey]);
  });

  it('with no back-off at all (baseMs 0) drain() still returns after retry.max probes, saying offline', async () => {
    const { backend, net, store, engine } = await setup({ retry: { max: 2, baseMs: 0 } });
    net.faults.down = true;
    const { idempotencyKey } = await store.update('accounts', 'acc-1', { tier: 'S' });
    await engine.drain();
    expect(engine.status).toBe('offline');
    net.faults.down = false;
    await vi.waitFor(() => expect(engine.pending()).toEqual([]));
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([idempotencyKey]);
  });

  it('the online event probes at once instead of waiting out the back-off, and sends parked writes again', async () => {
    const connectivity = new EventTarget();
    const { backend, net, store, engine } = await setup({ faults: { refuse: 1, error: () => Object.assign(new KamError('data_source', 'HTTP 502'), { status: 502 }) }, retry: { max: 1, baseMs: 60_000 }, events: connectivity });
    const parked = await store.update('accounts', 'acc-1', { tier: 'S' });
    await engine.drain();
    expect(engine.status).toBe('blocked'); // a 5xx counts: parked after retry.max
    net.faults.down = true;
    net.faults.error = undefined;
    const other = await store.update('accounts', 'acc-3', { tier: 'A' });
    await engine.drain();
    expect(engine.status).toBe('offline'); // the next probe is 30–60 s away
    const sent = net.sent.length;
    net.faults.down = false;
    connectivity.dispatchEvent(new Event('online'));
    await engine.drain();
    expect(engine.pending()).toEqual([]);
    expect(net.sent.length).toBe(sent + 2);
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([parked.idempotencyKey, other.idempotencyKey]);
  });
});

describe('sync engine: a poison write (the server drops the connection on that write, and only on it)', () => {
  const killsAcc1 = (op: WriteOp) => op.op !== 'create' && op.entity === 'accounts' && op.id === 'acc-1';
  const setsTier = (op: WriteOp) => op.op === 'update' && op.patch.tier === 'S';

  it('does not hold the other records: they land once, it is parked after retry.max counted tries, and the status says blocked, not offline', async () => {
    let online = false;
    const { backend, net, store, engine, events } = await setup({ online: () => online, faults: { kill: killsAcc1 }, retry: { max: 3, baseMs: 1, capMs: 4 } });
    const a = await store.update('accounts', 'acc-1', { tier: 'S' });
    const b = await store.update('accounts', 'acc-2', { tier: 'S' });
    const c = await store.update('contacts', 'con-3', { name: 'Contact 3 (new title)' });
    online = true;
    await engine.drain();
    expect(engine.status).toBe('blocked');
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([b.idempotencyKey, c.idempotencyKey]);
    expect(engine.pending()).toMatchObject([{ idempotencyKey: a.idempotencyKey, state: 'pending', attempts: 3 }]);
    expect(engine.pending()[0].lastError).toMatch(/^network: connection reset/);
    expect(net.sent.filter((op) => op.idempotencyKey === a.idempotencyKey)).toHaveLength(3);
    expect(store.get('accounts', 'acc-1')!.tier).toBe('S'); // parked, not dropped
    expect(events.some((e) => e.entry.state === 'failed')).toBe(false);
  });

  it('alone, it says offline (nothing to tell it from the network by); another record\'s write made later is the next probe, lands, and shows it up', async () => {
    const { backend, net, store, engine } = await setup({ faults: { kill: killsAcc1 }, retry: { max: 2, baseMs: 1, capMs: 2 } });
    const a = await store.update('accounts', 'acc-1', { tier: 'S' });
    await engine.drain();
    expect(engine.status).toBe('offline');
    expect(engine.pending()).toMatchObject([{ idempotencyKey: a.idempotencyKey, attempts: 0 }]);
    const b = await store.update('accounts', 'acc-2', { tier: 'S' });
    await vi.waitFor(() => expect(engine.status).toBe('blocked'));
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([b.idempotencyKey]);
    expect(engine.pending()).toMatchObject([{ idempotencyKey: a.idempotencyKey, attempts: 2 }]);
    expect(net.sent.filter((op) => op.idempotencyKey === b.idempotencyKey)).toHaveLength(1);
  });

  it('probed through an outage, it is shown up once the network is back, with nothing else asked of the engine: the other records land once, in order; it is parked with its error; the status leaves offline', async () => {
    const { backend, net, store, engine, events } = await setup({ faults: { kill: killsAcc1 }, retry: { max: 2, baseMs: 1, capMs: 2 } });
    net.faults.down = true;
    const a = await store.update('accounts', 'acc-1', { tier: 'S' });
    const b1 = await store.update('accounts', 'acc-2', { tier: 'S' });
    const c = await store.update('contacts', 'con-3', { name: 'Contact 3 (new title)' });
    const b2 = await store.update('accounts', 'acc-2', { region: '华北' });
    const a2 = await store.update('accounts', 'acc-1', { region: '华北' });
    await engine.drain();
    expect(engine.status).toBe('offline');
    // The poison write is the probe through the outage, again and again.
    const sent = net.sent.length;
    await vi.waitFor(() => expect(net.sent.length).toBeGreaterThan(sent + 3));
    expect(engine.status).toBe('offline');
    expect(await backend.writeLog()).toEqual([]);
    const reads = net.reads;

    net.faults.down = false; // the network is back; the first write still kills the connection
    await vi.waitFor(() => expect(engine.status).toBe('blocked'));
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([b1.idempotencyKey, c.idempotencyKey, b2.idempotencyKey]);
    expect(engine.pending()).toMatchObject([
      { idempotencyKey: a.idempotencyKey, state: 'pending', attempts: 2 },
      { idempotencyKey: a2.idempotencyKey, state: 'pending', attempts: 0 },
    ]);
    expect(engine.pending()[0].lastError).toMatch(/^network: connection reset/);
    // Its record's later write waits behind it, never sent; nothing was rolled back.
    expect(net.sent.some((op) => op.idempotencyKey === a2.idempotencyKey)).toBe(false);
    expect(events.some((e) => e.entry.state === 'failed')).toBe(false);
    expect(store.get('accounts', 'acc-1')).toMatchObject({ tier: 'S', region: '华北' });
    expect(store.get('accounts', 'acc-2')).toMatchObject({ tier: 'S', region: '华北' });
    // Showing the backend up took at most a read or two, not a sync.
    expect(net.reads - reads).toBeLessThanOrEqual(2);
  });

  it('keeps its record in order: a second write to it is not sent before the first is settled', async () => {
    let online = false;
    let kills = 2;
    const { backend, net, store, engine } = await setup({ online: () => online, faults: { kill: (op) => killsAcc1(op) && setsTier(op) && kills-- > 0 }, retry: { max: 5, baseMs: 1, capMs: 4 } });
    const a1 = await store.update('accounts', 'acc-1', { tier: 'S' });
    const a2 = await store.update('accounts', 'acc-1', { region: '华北' });
    const b = await store.update('accounts', 'acc-2', { tier: 'S' });
    online = true;
    await engine.drain();
    const sent = net.sent.map((op) => op.idempotencyKey);
    expect(sent.filter((k) => k === a1.idempotencyKey)).toHaveLength(3);
    expect(sent.indexOf(a2.idempotencyKey)).toBeGreaterThan(sent.lastIndexOf(a1.idempotencyKey));
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([b.idempotencyKey, a1.idempotencyKey, a2.idempotencyKey]);
    expect(await backend.get('accounts', 'acc-1')).toMatchObject({ tier: 'S', region: '华北' });
    expect(engine.pending()).toEqual([]);
    expect(engine.status).toBe('idle');
  });

  it('parked, it holds the later writes to its record (never sent), not the others; resume() sends them in order', async () => {
    let online = false;
    const { backend, net, store, engine } = await setup({ online: () => online, faults: { kill: (op) => killsAcc1(op) && setsTier(op) }, retry: { max: 2, baseMs: 1, capMs: 4 } });
    const a1 = await store.update('accounts', 'acc-1', { tier: 'S' });
    const a2 = await store.update('accounts', 'acc-1', { region: '华北' });
    const b = await store.update('accounts', 'acc-2', { tier: 'S' });
    online = true;
    await engine.drain();
    expect(engine.status).toBe('blocked');
    expect(net.sent.some((op) => op.idempotencyKey === a2.idempotencyKey)).toBe(false);
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([b.idempotencyKey]);
    expect(engine.pending().map((e) => e.idempotencyKey)).toEqual([a1.idempotencyKey, a2.idempotencyKey]);
    net.faults.kill = undefined;
    engine.resume();
    await engine.drain();
    expect((await backend.writeLog()).map((l) => l.key)).toEqual([b.idempotencyKey, a1.idempotencyKey, a2.idempotencyKey]);
    expect(engine.pending()).toEqual([]);
  });
});

describe('sync engine: conflicts and failures', () => {
  async function conflicted() {
    const ctx = await setup();
    // Someone else renames the deal on the server after we loaded it.
    await ctx.backend.write({ op: 'update', entity: 'opportunities', id: 'opp-1', patch: { name: 'Renamed on the server' }, idempotencyKey: 'other-user-1', ifUnmodifiedSince: T0 });
    const entry = await ctx.store.update('opportunities', 'opp-1', { name: 'Renamed here' });
    await ctx.engine.drain();
    return { ...ctx, entry };
  }

  it('reports a conflict with both versions, shows the server version, and overwrites nothing', async () => {
    const { backend, store, engine, events, entry } = await conflicted();
    const ev = events.find((e) => e.entry.state === 'conflict')!;
    expect(ev.entry.idempotencyKey).toBe(entry.idempotencyKey);
    expect((ev.conflict!.server as Opportunity).name).toBe('Renamed on the server');
    expect((ev.conflict!.local as Opportunity).name).toBe('Renamed here');
    expect(ev.entry.lastError).toMatch(/changed on the server/);
    expect((await backend.get('opportunities', 'opp-1'))!.name).toBe('Renamed on the server');
    expect(store.get('opportunities', 'opp-1')!.name).toBe('Renamed on the server');
    expect(engine.status).toBe('blocked');
    expect(engine.conflicts()).toHaveLength(1);
  });

  it('holds later writes to a conflicted record, but lets other records through', async () => {
    const { net, store, engine, entry } = await conflicted();
    const later = await store.update('opportunities', 'opp-1', { probability: 0.5 });
    const elsewhere = await store.update('accounts', 'acc-3', { tier: 'A' });
    await engine.drain();
    const keys = net.sent.map((o) => o.idempotencyKey);
    expect(keys).toContain(elsewhere.idempotencyKey);
    expect(keys).not.toContain(later.idempotencyKey);
    expect(engine.pending().map((e) => e.idempotencyKey)).toEqual([entry.idempotencyKey, later.idempotencyKey]);
  });

  it('"mine" re-sends on top of the server version', async () => {
    const { backend, net, store, engine, events, entry } = await conflicted();
    const serverStamp = (await backend.get('opportunities', 'opp-1'))!.updatedAt;
    await engine.retryConflict(entry.idempotencyKey, 'mine');
    expect(store.get('opportunities', 'opp-1')!.name).toBe('Renamed here');
    await engine.drain();
    expect(net.sent.at(-1)!.ifUnmodifiedSince).toBe(serverStamp);
    expect((await backend.get('opportunities', 'opp-1'))!.name).toBe('Renamed here');
    expect(statesOf(events, entry.idempotencyKey).slice(-3)).toEqual(['pending', 'sending', 'confirmed']);
    expect(engine.pending()).toEqual([]);
  });

  it('"theirs" drops our write and keeps the server version', async () => {
    const { backend, store, engine, events, entry } = await conflicted();
    await engine.retryConflict(entry.idempotencyKey, 'theirs');
    await engine.drain();
    expect(statesOf(events, entry.idempotencyKey).at(-1)).toBe('rolled_back');
    expect(engine.pending()).toEqual([]);
    expect(store.get('opportunities', 'opp-1')!.name).toBe('Renamed on the server');
    expect((await backend.writeLog()).map((l) => l.key)).toEqual(['other-user-1']);
    await expect(engine.retryConflict(entry.idempotencyKey, 'mine')).rejects.toThrow(/does not exist/);
  });

  it('a create whose id was taken meanwhile: conflict, then "mine" overwrites with our data', async () => {
    let online = false;
    const { backend, store, engine, events } = await setup({ online: () => online });
    const entry = await store.create('accounts', { id: 'acc-new', name: '深圳新客户', tags: [], sourceIds: {} });
    await backend.write({ op: 'create', entity: 'accounts', data: { id: 'acc-new', name: 'Created elsewhere' }, idempotencyKey: 'other-create' });
    online = true;
    await engine.drain();
    const ev = events.find((e) => e.entry.state === 'conflict')!;
    expect((ev.conflict!.server as { name: string }).name).toBe('Created elsewhere');
    expect((ev.conflict!.local as { name: string }).name).toBe('深圳新客户');
    expect(store.get('accounts', 'acc-new')!.name).toBe('Created elsewhere');
    await engine.retryConflict(entry.idempotencyKey, 'mine');
    await engine.drain();
    expect((await backend.get('accounts', 'acc-new'))!.name).toBe('深圳新客户');
    expect(store.get('accounts', 'acc-new')!.name).toBe('深圳新客户');
    expect(engine.pending()).toEqual([]);
  });

  it('rolls back a write the backend refuses, and the writes built on it', async () => {
    const refuse: DataSource['write'] = async () => {
      throw new KamValidationError([{ entity: 'opportunities', id: 'opp-5', path: 'name', message: 'is reserved' }], 'Backend refused');
    };
    let online = false;
    const { backend, net, store, engine, events } = await setup({ online: () => online });
    const realWrite = net.source.write;
    net.source.write = (op, o) => (op.op === 'update' && op.id === 'opp-5' && op.patch.name ? refuse(op, o) : realWrite(op, o));
    const bad = await store.update('opportunities', 'opp-5', { name: 'Reserved' });
    const onTop = await store.moveStage('opp-5', 'qualify');
    const unrelated = await store.update('opportunities', 'opp-6', { name: 'Deal 6 (renamed)' });
    expect(store.get('opportunities', 'opp-5')!.stageId).toBe('qualify');
    online = true;
    await engine.drain();
    expect(statesOf(events, bad.idempotencyKey).at(-1)).toBe('failed');
    expect(statesOf(events, onTop.entry!.idempotencyKey).at(-1)).toBe('failed');
    const failed = events.filter((e) => e.entry.state === 'failed');
    expect(failed[0].entry.lastError).toMatch(/opp-5: name is reserved/);
    expect(failed[1].entry.lastError).toMatch(/earlier change/);
    // Back to the server's state, exactly as before the first refused write.
    expect(store.get('opportunities', 'opp-5')!.name).toBe('Deal 5');
    expect(store.get('opportunities', 'opp-5')!.stageId).toBe('lead');
    expect((await backend.get('opportunities', 'opp-6'))!.name).toBe('Deal 6 (renamed)');
    expect(statesOf(events, unrelated.idempotencyKey).at(-1)).toBe('confirmed');
    expect(engine.pending()).toEqual([]);
  });
});

describe('sync engine: a reload', () => {
  it('replays the IndexedDB outbox after a reload exactly once', async () => {
    const backend = createEmbeddedSource({ dbName: freshName('backend'), seed: smallBook });
    const outboxDb = freshName('client');
    // First page: offline, two writes queued.
    const first = await setup({ backend, online: () => false, storage: new IdbOutboxStorage(outboxDb) });
    const a = await first.store.moveStage('opp-1', 'qualify');
    const b = await first.store.update('accounts', 'acc-1', { tags: ['战略'] });
    first.engine.stop();
    // Second page: a new store loads from the backend, the engine replays what the first left.
    const second = await setup({ backend, storage: new IdbOutboxStorage(outboxDb) });
    await second.engine.start(); // a second start() replays nothing more
    await second.engine.drain();
    expect(second.net.sent.map((o) => o.idempotencyKey)).toEqual([a.entry!.idempotencyKey, b.idempotencyKey]);
    const log = await backend.writeLog();
    expect(log.map((l) => l.key)).toEqual([a.entry!.idempotencyKey, b.idempotencyKey]);
    expect(second.store.get('opportunities', 'opp-1')!.stageId).toBe('qualify');
    expect(second.store.get('accounts', 'acc-1')!.tags).toEqual(['战略']);
    expect(await new IdbOutboxStorage(outboxDb).list()).toEqual([]);
  });

  it('shows queued writes again on the reloaded store before they are sent', async () => {
    const backend = createEmbeddedSource({ dbName: freshName('backend'), seed: smallBook });
    const outboxDb = freshName('client');
    const first = await setup({ backend, online: () => false, storage: new IdbOutboxStorage(outboxDb) });
    await first.store.moveStage('opp-3', 'propose');
    first.engine.stop();
    const second = await setup({ backend, online: () => false, storage: new IdbOutboxStorage(outboxDb) });
    const opp = second.store.get('opportunities', 'opp-3')!;
    expect(opp.stageId).toBe('propose');
    expect(opp.stageHistory.map((h) => h.stageId)).toEqual(['lead', 'propose']);
    expect(second.engine.pending()).toHaveLength(1);
  });
});
