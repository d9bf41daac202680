// The outbox across a real reload in Chromium: an iframe is one page load (its own JS realm,
// the same origin's IndexedDB); removing it and loading a new one is a reload. Each write must
// land on the backend exactly once, and a conflict must surface after the reload with both versions.
import { expect } from '@open-wc/testing';
import type { Opportunity, OutboxEntry, WriteEvent, WriteOp, Store } from '@kamkit/core';
import type { SyncEngine } from '@kamkit/core/sync';
import { createEmbeddedSource, IdbOutboxStorage, resetEmbeddedSource, type EmbeddedSource } from '@kamkit/core/persistence';
import { smallBook } from '../../packages/core/test/sync-fixtures.js';

interface FramePage {
  iframe: HTMLIFrameElement;
  store: Store;
  engine: SyncEngine;
  events: WriteEvent[];
  sent: WriteOp[];
}

async function openPage(query: Record<string, string>): Promise<FramePage> {
  const iframe = document.createElement('iframe');
  iframe.src = `/tests/browser/outbox-frame.html?${new URLSearchParams(query)}`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  const app = await (iframe.contentWindow as unknown as { kamReady: Promise<Omit<FramePage, 'iframe'>> }).kamReady;
  return { iframe, ...app };
}

function closePage(page: FramePage): void {
  page.iframe.remove(); // the realm is gone: timers, pending promises, in-flight writes
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let run = 0;
function names() {
  run++;
  const tag = `${Date.now().toString(36)}-${run}`;
  return { backend: `wtr-backend-${tag}`, client: `wtr-client-${tag}` };
}

describe('outbox across a reload (real IndexedDB)', () => {
  let backend: EmbeddedSource;
  let db: ReturnType<typeof names>;

  beforeEach(() => {
    db = names();
    // The test's own handle on the backend, as "the server" (same origin, same IndexedDB).
    backend = createEmbeddedSource({ dbName: db.backend, seed: smallBook });
  });
  afterEach(async () => {
    backend.close();
    await resetEmbeddedSource(db.backend);
    await resetEmbeddedSource(db.client);
  });

  it('replays writes queued offline after a reload, each landing once', async () => {
    const first = await openPage({ ...db, transport: 'offline' });
    const move = await first.store.moveStage('opp-1', 'qualify');
    const edit = await first.store.update('accounts', 'acc-2', { tier: 'S', tags: ['重点'] });
    expect(first.sent).to.have.length(0);
    expect((await new IdbOutboxStorage(db.client).list()).map((e) => e.idempotencyKey)).to.deep.equal([move.entry!.idempotencyKey, edit.idempotencyKey]);
    closePage(first);

    const second = await openPage({ ...db, transport: 'ok' });
    await second.engine.drain();
    expect(second.sent.map((o) => o.idempotencyKey)).to.deep.equal([move.entry!.idempotencyKey, edit.idempotencyKey]);
    const log = await backend.writeLog();
    expect(log.map((l) => l.key)).to.deep.equal([move.entry!.idempotencyKey, edit.idempotencyKey]);
    expect((await backend.get('opportunities', 'opp-1'))!.stageHistory.map((h) => h.stageId)).to.deep.equal(['lead', 'qualify']);
    expect((await backend.get('accounts', 'acc-2'))!.tags).to.deep.equal(['重点']);
    expect(second.store.get('opportunities', 'opp-1')!.stageId).to.equal('qualify');
    expect(second.events.filter((e) => e.entry.state === 'confirmed')).to.have.length(2);
    expect(await new IdbOutboxStorage(db.client).list()).to.deep.equal([]);
    closePage(second);

    // A third load finds nothing left to send.
    const third = await openPage({ ...db, transport: 'ok' });
    await third.engine.drain();
    expect(third.sent).to.have.length(0);
    expect((await backend.writeLog()).length).to.equal(2);
    closePage(third);
  });

  it('a write that reached the backend before the page died is not applied twice', async () => {
    const first = await openPage({ ...db, transport: 'hang' });
    const move = await first.store.moveStage('opp-2', 'qualify');
    const later = await first.store.update('opportunities', 'opp-2', { nextStep: { text: '约见采购总监', done: false } });
    // The first write lands on the backend; its response never comes; the tab is closed.
    await until('the backend applied the move', async () => (await backend.writeLog()).some((l) => l.key === move.entry!.idempotencyKey));
    closePage(first);

    const second = await openPage({ ...db, transport: 'ok' });
    await second.engine.drain();
    // The move was sent again (the page could not know it had landed) and deduplicated there.
    expect(second.sent.map((o) => o.idempotencyKey)).to.deep.equal([move.entry!.idempotencyKey, later.idempotencyKey]);
    const log = await backend.writeLog();
    expect(log.filter((l) => l.key === move.entry!.idempotencyKey)).to.have.length(1);
    expect(log.filter((l) => l.key === later.idempotencyKey)).to.have.length(1);
    const opp = (await backend.get('opportunities', 'opp-2'))!;
    expect(opp.stageHistory.map((h) => h.stageId)).to.deep.equal(['lead', 'qualify']);
    expect(opp.nextStep?.text).to.equal('约见采购总监');
    // The later write was sent on the stamp the replayed move returned: no self-conflict.
    expect(second.events.some((e) => e.entry.state === 'conflict')).to.equal(false);
    expect(second.store.get('opportunities', 'opp-2')!.updatedAt).to.equal(opp.updatedAt);
    closePage(second);
  });

  it('surfaces a conflict after the reload with both versions, and again on the next load until resolved', async () => {
    const first = await openPage({ ...db, transport: 'offline' });
    const mine = await first.store.update('opportunities', 'opp-3', { name: '华东扩容项目（我方）' });
    closePage(first);
    // Meanwhile a colleague renames the same deal on the server.
    await backend.write({ op: 'update', entity: 'opportunities', id: 'opp-3', patch: { name: '华东扩容项目（同事）' }, idempotencyKey: 'colleague-1', ifUnmodifiedSince: '2026-11-01T08:00:00.000Z' });

    const second = await openPage({ ...db, transport: 'ok' });
    await second.engine.drain();
    const ev = second.events.find((e) => e.entry.state === 'conflict')!;
    expect(ev.entry.idempotencyKey).to.equal(mine.idempotencyKey);
    expect((ev.conflict!.server as Opportunity).name).to.equal('华东扩容项目（同事）');
    expect((ev.conflict!.local as Opportunity).name).to.equal('华东扩容项目（我方）');
    expect(second.store.get('opportunities', 'opp-3')!.name).to.equal('华东扩容项目（同事）');
    expect((await backend.get('opportunities', 'opp-3'))!.name).to.equal('华东扩容项目（同事）');
    closePage(second);

    const third = await openPage({ ...db, transport: 'ok' });
    await third.engine.drain();
    const again = third.events.find((e) => e.entry.state === 'conflict')!;
    expect((again.conflict!.server as Opportunity).name).to.equal('华东扩容项目（同事）');
    expect((again.conflict!.local as Opportunity).name).to.equal('华东扩容项目（我方）');
    expect(third.sent).to.have.length(0); // a conflict is never re-sent on its own
    const resolved: OutboxEntry = await third.engine.retryConflict(mine.idempotencyKey, 'mine');
    expect(resolved.state).to.equal('pending');
    await third.engine.drain();
    expect((await backend.get('opportunities', 'opp-3'))!.name).to.equal('华东扩容项目（我方）');
    expect((await backend.writeLog()).map((l) => l.key)).to.deep.equal(['colleague-1', mine.idempotencyKey]);
    closePage(third);
  });
});
