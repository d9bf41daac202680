// The sync engine over the core's in-memory DataSource (which counts the writes it applies):
// lost responses, rate limits, server deletions and quarantined records.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { KamError, Store, KamConflictError, KamValidationError, type SyncProgress, type WriteEvent } from '../src/index.js';
import { MemorySource } from '../src/memory/index.js';
import { MemoryOutboxStorage, SyncEngine, classifyFailure, backoffDelay, describeError } from '../src/sync/index.js';
import { smallBook, withFaults } from './sync-fixtures.js';

async function setup(source: MemorySource, faults = {}) {
  const net = withFaults(source, faults);
  const store = new Store({ source: net.source });
  await store.load();
  const events: WriteEvent[] = [];
  store.onWrite((e) => events.push(structuredClone(e)));
  const engine = new SyncEngine({ store, source: net.source, retry: { max: 6, baseMs: 1 }, connectivityEvents: null });
  await engine.start();
  return { net, store, engine, events };
}

describe('sync engine over MemorySource', () => {
  it('applies each write once although three responses were lost', async () => {
    const source = new MemorySource(smallBook());
    const { net, store, engine } = await setup(source, { loseResponse: 3 });
    await store.moveStage('opp-1', 'qualify');
    await store.update('opportunities', 'opp-1', { probability: 0.4 });
    await store.update('accounts', 'acc-1', { tier: 'S' });
    await engine.drain();
    expect(net.sent.length).toBe(6); // three retries on top of three writes
    expect(source.appliedCount).toBe(3);
    expect(source.peek('opportunities', 'opp-1')!.stageHistory.map((h) => h.stageId)).toEqual(['lead', 'qualify']);
    expect(source.peek('opportunities', 'opp-1')!.probability).toBe(0.4);
    expect(engine.pending()).toEqual([]);
  });

  it('aborts a write that never answers and retries it under the same key', async () => {
    const source = new MemorySource(smallBook());
    const net = withFaults(source);
    let calls = 0;
    const signals: Array<AbortSignal | undefined> = [];
    const write = net.source.write;
    net.source.write = async (op, o) => {
      signals.push(o?.signal);
      if (++calls === 1) { await source.write(op); return new Promise(() => undefined); } // applied, answer lost in a hung request
      return write(op, o);
    };
    const store = new Store({ source: net.source });
    await store.load();
    const engine = new SyncEngine({ store, source: net.source, retry: { max: 3, baseMs: 1 }, writeTimeoutMs: 30, connectivityEvents: null });
    const events: WriteEvent[] = [];
    store.onWrite((e) => events.push(structuredClone(e)));
    await store.moveStage('opp-2', 'qualify');
    await engine.drain();
    expect(calls).toBe(2);
    expect(signals[0]!.aborted).toBe(true);
    expect(source.appliedCount).toBe(1);
    expect(events.find((e) => e.entry.lastError)!.entry.lastError).toMatch(/^timeout: no answer from memory after 30 ms/);
    expect(events.at(-1)!.entry.state).toBe('confirmed');
  });

  it('stop() then start() replays from storage at once, even with a write still hanging', async () => {
    const source = new MemorySource(smallBook());
    const net = withFaults(source);
    let calls = 0;
    const write = net.source.write;
    net.source.write = async (op, o) => (++calls === 1 ? new Promise(() => undefined) : write(op, o));
    const store = new Store({ source: net.source });
    await store.load();
    const engine = new SyncEngine({ store, source: net.source, storage: new MemoryOutboxStorage(), connectivityEvents: null });
    await store.update('accounts', 'acc-1', { tier: 'S' });
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toBe(1);
    engine.stop();
    await engine.start();
    await engine.drain();
    expect(calls).toBe(2);
    expect(source.appliedCount).toBe(1);
    expect(engine.pending()).toEqual([]);
    expect(engine.status).toBe('idle');
  });

  it('waits as long as a 429 says before retrying', async () => {
    const source = new MemorySource(smallBook(), {
      fail: (call, d) => (call === 'write' && d.attempt === 1 ? Object.assign(new KamError('rate_limited', 'Too many requests'), { retryAfterMs: 40 }) : undefined),
    });
    const { store, engine, events } = await setup(source);
    await store.update('accounts', 'acc-2', { tier: 'S' });
    const t0 = Date.now();
    await engine.drain();
    const waited = Date.now() - t0;
    expect(source.appliedCount).toBe(1);
    expect(events.some((e) => e.entry.lastError?.startsWith('rate_limited'))).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(35); // Retry-After honoured (a lower bound, not a timing budget)
  });

  it('removes records the server deleted, and reports quarantined ones', async () => {
    const book = smallBook();
    (book.contacts as unknown[]).push({ id: 'con-bad', accountId: 'acc-1', name: 'Bad', influence: 9 });
    const source = new MemorySource(book, { capabilities: { changesSince: false } });
    const store = Store.fromBook(smallBook());
    const engine = new SyncEngine({ store, source, connectivityEvents: null });
    const progress: SyncProgress[] = [];
    store.onProgress((p) => progress.push(p));
    const full = await engine.syncChanges();
    expect(full.fullRefresh.length).toBeGreaterThan(0);
    expect(full.rejected.map((r) => r.id)).toEqual(['con-bad']);
    expect(full.rejected[0].issues[0].path).toBe('influence');
    expect(progress.find((p) => p.phase === 'contacts')).toEqual({ phase: 'contacts', done: 4, total: 4 });

    const diffing = new MemorySource(smallBook());
    const store2 = Store.fromBook(smallBook());
    const engine2 = new SyncEngine({ store: store2, source: diffing, connectivityEvents: null });
    await engine2.syncChanges();
    diffing.serverDelete('opportunities', 'opp-6');
    diffing.serverEdit('opportunities', 'opp-5', { name: 'Deal 5 (server)' });
    const r = await engine2.syncChanges();
    expect(r.removed).toEqual({ opportunities: 1 });
    expect(r.applied.opportunities).toBe(1);
    expect(store2.get('opportunities', 'opp-6')).toBeUndefined();
    expect(store2.get('opportunities', 'opp-5')!.name).toBe('Deal 5 (server)');
  });
});

describe('probing an unreachable backend (the engine\'s clock faked)', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('waits longer between probes, never past retry.capMs, and starts again from baseMs after an answer', async () => {
    const source = new MemorySource(smallBook());
    const net = withFaults(source, { error: () => new TypeError('fetch failed') });
    const sentAt: number[] = [];
    const write = net.source.write;
    net.source.write = (op, o) => { sentAt.push(Date.now()); return write(op, o); };
    const store = new Store({ source: net.source });
    await store.load();
    net.faults.down = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const engine = new SyncEngine({ store, source: net.source, retry: { max: 3, baseMs: 1_000, capMs: 8_000 }, connectivityEvents: null });
    await store.update('accounts', 'acc-1', { tier: 'S' });
    await vi.advanceTimersByTimeAsync(60_000);
    const waits = sentAt.slice(1).map((t, i) => t - sentAt[i]);
    expect(waits.length).toBeGreaterThan(6);
    // The k-th wait is between half and all of min(capMs, baseMs · 2^(k-1)) (jitter).
    waits.forEach((wait, k) => {
      const full = Math.min(8_000, 1_000 * 2 ** k);
      expect(wait).toBeGreaterThanOrEqual(full / 2);
      expect(wait).toBeLessThanOrEqual(full);
    });
    expect(engine.status).toBe('offline');
    expect(engine.pending()).toMatchObject([{ state: 'pending', attempts: 0 }]);

    net.faults.down = false;
    await vi.advanceTimersByTimeAsync(8_000);
    expect(engine.pending()).toEqual([]);
    expect(source.appliedCount).toBe(1);

    // Down again: after that success the first probe waits baseMs again, not capMs.
    net.faults.down = true;
    sentAt.length = 0;
    await store.update('accounts', 'acc-2', { tier: 'S' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sentAt).toHaveLength(2);
    expect(sentAt[1] - sentAt[0]).toBeGreaterThanOrEqual(500);
    engine.stop();
  });
});

describe('the online event and a server\'s Retry-After (the engine\'s clock faked)', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('keeps the wait a 429 asked for: the online event cuts only the probing back-off and un-parks writes', async () => {
    const source = new MemorySource(smallBook(), {
      fail: (call, d) => (call === 'write' && d.attempt === 1 ? Object.assign(new KamError('rate_limited', 'Too many requests'), { retryAfterMs: 10_000 }) : undefined),
    });
    const net = withFaults(source);
    const store = new Store({ source: net.source });
    await store.load();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const connectivity = new EventTarget();
    const engine = new SyncEngine({ store, source: net.source, retry: { max: 3, baseMs: 1_000 }, connectivityEvents: connectivity });
    await store.update('accounts', 'acc-2', { tier: 'S' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(net.sent).toHaveLength(1);
    connectivity.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(8_000);
    expect(net.sent).toHaveLength(1); // 9 s in; the server said 10
    expect(engine.status).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(net.sent).toHaveLength(2);
    expect(source.appliedCount).toBe(1);
    expect(engine.pending()).toEqual([]);
    engine.stop();
  });
});

describe('outbox storage failing in the send loop (IndexedDB closed or full)', () => {
  class BreakingStorage extends MemoryOutboxStorage {
    broken = false;
    override async put(entry: Parameters<MemoryOutboxStorage['put']>[0]): Promise<void> {
      if (this.broken) throw new DOMException('The database connection is closing.', 'InvalidStateError');
      return super.put(entry);
    }
  }

  it('while probing a lie-fi backend: no unhandled rejection, drain() resolves, the write is kept (lastError says it was not saved) and lands later', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
    process.on('unhandledRejection', onUnhandled);
    try {
      const source = new MemorySource(smallBook());
      const net = withFaults(source, { error: () => new TypeError('fetch failed') });
      const store = new Store({ source: net.source });
      await store.load();
      net.faults.down = true;
      const storage = new BreakingStorage();
      const engine = new SyncEngine({ store, source: net.source, storage, retry: { max: 2, baseMs: 1, capMs: 2 }, connectivityEvents: null });
      await engine.start();
      const { idempotencyKey } = await store.update('accounts', 'acc-1', { tier: 'S' });
      storage.broken = true;
      await engine.drain();
      expect(engine.status).toBe('offline');
      // The probes go on on their timer, each failing to store its outcome.
      const sent = net.sent.length;
      await vi.waitFor(() => expect(net.sent.length).toBeGreaterThan(sent + 3));
      expect(engine.status).toBe('offline');
      expect(engine.pending()).toMatchObject([{ idempotencyKey, state: 'pending', attempts: 0 }]);
      expect(engine.pending()[0].lastError).toMatch(/^TypeError: fetch failed \(not saved to the outbox storage: InvalidStateError/);
      storage.broken = false;
      net.faults.down = false;
      await vi.waitFor(() => expect(engine.pending()).toEqual([]));
      expect(source.appliedCount).toBe(1);
      expect(await storage.list()).toEqual([]);
      expect(engine.status).toBe('idle');
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('retry classification', () => {
  it('no answer at all is the network, not the write: unreachable', () => {
    expect(classifyFailure(new KamError('network', 'connect ECONNREFUSED 127.0.0.1:9'))).toBe('unreachable');
    expect(classifyFailure(new TypeError('Failed to fetch'))).toBe('unreachable');
    expect(classifyFailure(new TypeError('fetch failed'))).toBe('unreachable');
    expect(classifyFailure(new TypeError('Load failed'))).toBe('unreachable');
    // The status line arrived and the body was cut: the server was reached, so it is a try.
    expect(classifyFailure(Object.assign(new KamError('network', 'truncated body'), { status: 200 }))).toBe('transient');
    // A timeout may have reached the server (and the write may be what hangs it): a try.
    expect(classifyFailure(new KamError('timeout', 'no answer after 60000 ms'))).toBe('transient');
    expect(classifyFailure(new TypeError('x.map is not a function'))).toBe('permanent');
  });

  it('retries transport trouble and nothing else', () => {
    expect(classifyFailure(new KamError('timeout', 'slow'))).toBe('transient');
    expect(classifyFailure(new KamError('rate_limited', '429'))).toBe('transient');
    expect(classifyFailure(Object.assign(new KamError('data_source', 'HTTP 502'), { status: 502 }))).toBe('transient');
    expect(classifyFailure(Object.assign(new KamError('data_source', 'HTTP 500'), { retryable: false }))).toBe('permanent');
    expect(classifyFailure(Object.assign(new KamError('data_source', 'HTTP 400'), { status: 400 }))).toBe('permanent');
    expect(classifyFailure(new KamConflictError('opportunity', 'o1'))).toBe('conflict');
    expect(classifyFailure(new KamValidationError([{ entity: 'accounts', path: 'name', message: 'x' }]))).toBe('permanent');
    expect(classifyFailure(new KamError('auth', 'refresh failed'))).toBe('permanent');
    expect(classifyFailure(new Error('boom'))).toBe('permanent');
  });

  it('backs off exponentially with jitter, capped, and honours retryAfterMs', () => {
    const p = { max: 5, baseMs: 100, capMs: 1000 };
    expect(backoffDelay(p, 1, undefined, () => 0)).toBe(50);
    expect(backoffDelay(p, 1, undefined, () => 1)).toBe(100);
    expect(backoffDelay(p, 3, undefined, () => 1)).toBe(400);
    expect(backoffDelay(p, 10, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(p, 1, { retryAfterMs: 700 })).toBe(700);
  });

  it('scrubs anything shaped like a secret from stored error text', () => {
    const text = describeError(new KamError('auth', 'token=abc123 rejected; Authorization: Bearer eyJ.x.y; password: hunter2'));
    expect(text).not.toMatch(/abc123|eyJ|hunter2/);
    expect(text).toMatch(/^auth: /);
  });
});
