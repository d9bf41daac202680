// Lie-fi over real HTTP, in Node: the REST adapter's backend sits behind a port on 127.0.0.1 that
// refuses connections (the network says "up", nothing answers), for many times retry.max probes.
// No write may be parked or dropped, and the engine must say offline. Then a server listens on that
// port again (forwarding to the REST fake) and, without anyone calling resume(), every write lands
// exactly once, in the order it was made.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conformanceBook } from '@kamkit/adapters';
import { createRestSource } from '@kamkit/adapters/rest';
import { startRestFake, type RestFake } from '@kamkit/adapters/fakes';
import { Store, type WriteEvent } from '@kamkit/core';
import { SyncEngine } from '@kamkit/core/sync';

const RETRY_MAX = 3;
let fake: RestFake;
let port = 0;
let relay: Server | undefined;

/** Listens on `port` (a free one the first time) and forwards every request to the fake. */
async function openRelay(): Promise<void> {
  const target = new URL(fake.url);
  relay = createServer((req, res) => {
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => relay!.listen(port, '127.0.0.1', resolve));
  port = (relay.address() as AddressInfo).port;
}

async function closeRelay(): Promise<void> {
  const r = relay!;
  relay = undefined;
  r.closeAllConnections();
  await new Promise<void>((resolve) => r.close(() => resolve()));
}

beforeAll(async () => {
  fake = await startRestFake({ book: conformanceBook({ accounts: 20, contacts: 0, opportunities: 0, activities: 0, contracts: 0 }) });
  await openRelay();
});

afterAll(async () => {
  if (relay) await closeRelay();
  await fake?.close();
});

describe('lie-fi over real HTTP: connection refused on 127.0.0.1, then a server on that port', () => {
  it('parks nothing while refused, says offline, then lands every write once and in order', async () => {
    const source = createRestSource({ baseUrl: `http://127.0.0.1:${port}/kam/v1`, http: { retries: 1, backoff: { baseDelayMs: 5, maxDelayMs: 10 } } });
    const store = new Store({ source });
    await store.load();
    const ids = store.all('accounts').slice(0, 4).map((a) => a.id);
    const events: WriteEvent[] = [];
    store.onWrite((e) => events.push(structuredClone(e)));
    const engine = new SyncEngine({ store, source, retry: { max: RETRY_MAX, baseMs: 5, capMs: 40 }, connectivityEvents: null });
    await engine.start();

    await closeRelay();
    const keys: string[] = [];
    for (const [i, id] of ids.entries()) keys.push((await store.update('accounts', id, { phone: `+86 10 6666 000${i}` })).idempotencyKey);
    keys.push((await store.update('accounts', ids[0], { phone: '+86 10 6666 0099' })).idempotencyKey);
    await engine.drain();
    expect(engine.status).toBe('offline');

    const refused = () => events.filter((e) => e.entry.state === 'pending' && e.entry.lastError);
    await vi.waitFor(() => expect(refused().length).toBeGreaterThan(4 * RETRY_MAX), { timeout: 10_000, interval: 20 });
    expect(refused().every((e) => e.entry.attempts === 0 && /could not be reached/.test(e.entry.lastError!))).toBe(true);
    expect(engine.status).toBe('offline');
    expect(engine.pending().map((e) => e.idempotencyKey)).toEqual(keys);
    expect(events.some((e) => e.entry.state === 'failed')).toBe(false);
    expect(fake.writesApplied()).toBe(0);

    await openRelay(); // the same port answers again
    await vi.waitFor(() => expect(engine.pending()).toEqual([]), { timeout: 10_000, interval: 20 });
    expect(engine.status).toBe('idle');
    expect(fake.writesApplied()).toBe(keys.length);
    expect(fake.source.writeLog.map((op) => op.idempotencyKey)).toEqual(keys);
    expect(fake.source.peek('accounts', ids[0])?.phone).toBe('+86 10 6666 0099');
    expect(fake.source.peek('accounts', ids[3])?.phone).toBe('+86 10 6666 0003');
    engine.stop();
  });
});
