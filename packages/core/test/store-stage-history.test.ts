// Stage history over a backend that keeps none (Salesforce, Zoho and Kingdee answer
// `capabilities().stageHistory: false` and map every opportunity with `stageHistory: []`): the
// store records the moves, and a confirm, a remote change or a reload must not wipe them.
import { describe, it, expect } from 'vitest';
import { Store, KamConflictError, type Book, type DataSource, type WriteEvent } from '../src/index.js';
import { MemorySource } from '../src/memory/index.js';
import { SyncEngine } from '../src/sync/index.js';
import { pipelineAnalytics } from '../src/analytics/index.js';
import { smallBook, T0 } from './sync-fixtures.js';

const MOVE = '2026-11-05T08:00:00.000Z'; // the store's clock: when the user moves a deal
const REMOTE = '2026-11-07T08:00:00.000Z'; // the backend's clock: when someone else moves one

/** A CRM-like source: the memory backend, but every opportunity it sends has no stage history. */
function crm(stageHistory: boolean) {
  const book = smallBook();
  for (const st of book.pipelines[0].stages) st.kind ??= 'open';
  for (const o of book.opportunities) Object.assign(o, { stageHistory: [], createdAt: T0 });
  const mem = new MemorySource(book as Book, { capabilities: { stageHistory }, now: () => new Date(REMOTE) });
  const strip = <T>(r: T): T => (r && (r as { stageHistory?: unknown }).stageHistory ? { ...r, stageHistory: [] } : r);
  const source: DataSource = {
    name: 'crm',
    capabilities: () => mem.capabilities(),
    pipelines: (o) => mem.pipelines(o),
    list: async (k, o) => { const p = await mem.list(k, o); return { ...p, items: p.items.map(strip) }; },
    get: async (k, id, o) => strip(await mem.get(k, id, o)),
    changes: async (k, s, o) => { const p = await mem.changes(k, s, o); return { ...p, items: p.items.map(strip) }; },
    async write(op, o) {
      try {
        return { record: strip((await mem.write(op, o)).record) };
      } catch (e) {
        // A conflict's server version is the CRM's too: no history.
        if (e instanceof KamConflictError) throw new KamConflictError(e.entity, e.id, { current: strip(e.current), attempted: e.attempted });
        throw e;
      }
    },
  };
  return { mem, source };
}

async function setup(stageHistory: boolean) {
  const { mem, source } = crm(stageHistory);
  const store = new Store({ source, now: () => new Date(MOVE) });
  await store.load();
  const engine = new SyncEngine({ store, source, retry: { max: 2, baseMs: 1 }, connectivityEvents: null });
  await engine.start();
  return { mem, source, store, engine };
}

const history = (store: Store, id: string) => store.get('opportunities', id)!.stageHistory;
const leadStay = { stageId: 'lead', enteredAt: T0, leftAt: MOVE };

describe('stage history over a backend that keeps none', () => {
  it('a move the backend confirms keeps the stay the store recorded', async () => {
    const { store, engine } = await setup(false);
    await store.moveStage('opp-1', 'qualify');
    await engine.drain();
    expect(engine.pending()).toEqual([]);
    const opp = store.get('opportunities', 'opp-1')!;
    expect(opp.stageId).toBe('qualify');
    expect(opp.updatedAt).toBe(REMOTE); // the backend's record (its stamp), with the store's history
    expect(opp.stageHistory).toEqual([{ stageId: 'lead', enteredAt: T0, leftAt: MOVE }, { stageId: 'qualify', enteredAt: MOVE }]);
  });

  it('a remote stage change appends a stay closed and opened at its updatedAt', async () => {
    const { mem, store, engine } = await setup(false);
    await store.moveStage('opp-1', 'qualify');
    await engine.drain();
    // Someone else moves it on in the CRM; the store hears of it through sync.
    const at = mem.peek('opportunities', 'opp-1')!.updatedAt!;
    await mem.write({ op: 'moveStage', entity: 'opportunities', id: 'opp-1', toStageId: 'propose', idempotencyKey: 'other-user' });
    const stamp = mem.peek('opportunities', 'opp-1')!.updatedAt!;
    await engine.syncChanges({ since: at, kinds: ['opportunities'] });
    expect(history(store, 'opp-1')).toEqual([
      { stageId: 'lead', enteredAt: T0, leftAt: MOVE },
      { stageId: 'qualify', enteredAt: MOVE, leftAt: stamp },
      { stageId: 'propose', enteredAt: stamp },
    ]);
    // A deal with no recorded history: the stage it was in since its creation, then the new one,
    // as moveStage records it.
    await mem.write({ op: 'moveStage', entity: 'opportunities', id: 'opp-2', toStageId: 'qualify', idempotencyKey: 'other-2' });
    const stamp2 = mem.peek('opportunities', 'opp-2')!.updatedAt!;
    await engine.syncChanges({ since: stamp, kinds: ['opportunities'] });
    expect(history(store, 'opp-2')).toEqual([{ stageId: 'lead', enteredAt: T0, leftAt: stamp2 }, { stageId: 'qualify', enteredAt: stamp2 }]);
  });

  it('a reload over records the store holds keeps their history, and records a move made meanwhile', async () => {
    const { mem, store, engine } = await setup(false);
    await store.moveStage('opp-1', 'qualify');
    await engine.drain();
    await mem.write({ op: 'moveStage', entity: 'opportunities', id: 'opp-3', toStageId: 'qualify', idempotencyKey: 'other-3' });
    const stamp = mem.peek('opportunities', 'opp-3')!.updatedAt!;
    await store.load();
    expect(history(store, 'opp-1')).toEqual([leadStay, { stageId: 'qualify', enteredAt: MOVE }]);
    expect(history(store, 'opp-3').map((h) => [h.stageId, h.leftAt])).toEqual([['lead', stamp], ['qualify', undefined]]);
    expect(history(store, 'opp-4')).toEqual([]); // unmoved: what the backend sent
  });

  it('a move refused by a conflict leaves no stay behind, and one sent again after "keep mine" keeps the history', async () => {
    const { mem, store, engine } = await setup(false);
    await store.moveStage('opp-1', 'qualify');
    await engine.drain();
    mem.serverEdit('opportunities', 'opp-1', { probability: 0.5 }); // someone else edits it in the CRM
    const events: WriteEvent[] = [];
    store.onWrite((e) => events.push(e));
    await store.moveStage('opp-1', 'propose');
    await engine.drain();
    const conflict = events.find((e) => e.entry.state === 'conflict')!;
    expect(conflict).toBeDefined();
    // The server's version is shown (stage Qualify), with the history as it was before the move.
    expect(store.get('opportunities', 'opp-1')!.stageId).toBe('qualify');
    expect(history(store, 'opp-1')).toEqual([leadStay, { stageId: 'qualify', enteredAt: MOVE }]);
    await engine.retryConflict(conflict.entry.idempotencyKey, 'mine');
    await engine.drain();
    const opp = store.get('opportunities', 'opp-1')!;
    expect([opp.stageId, opp.probability]).toEqual(['propose', 0.5]);
    expect(history(store, 'opp-1')).toEqual([leadStay, { stageId: 'qualify', enteredAt: MOVE, leftAt: MOVE }, { stageId: 'propose', enteredAt: MOVE }]);
  });

  it('a store started from its offline cache (loadBook, then sync) keeps the history too', async () => {
    const first = await setup(false);
    await first.store.moveStage('opp-1', 'qualify');
    await first.engine.drain();
    const cached = first.store.snapshot(); // what the offline cache keeps
    // The next visit: the book from the cache, then an incremental sync; load() never runs.
    const store = new Store({ source: first.source, now: () => new Date(MOVE) });
    store.loadBook(cached);
    const engine = new SyncEngine({ store, source: first.source, retry: { max: 2, baseMs: 1 }, connectivityEvents: null });
    await engine.start();
    first.mem.serverEdit('opportunities', 'opp-1', { probability: 0.5 });
    await engine.syncChanges({ since: REMOTE, kinds: ['opportunities'] });
    expect(store.get('opportunities', 'opp-1')!.probability).toBe(0.5);
    expect(history(store, 'opp-1')).toEqual([leadStay, { stageId: 'qualify', enteredAt: MOVE }]);
    await store.moveStage('opp-1', 'propose');
    await engine.drain();
    expect(history(store, 'opp-1').map((h) => h.stageId)).toEqual(['lead', 'qualify', 'propose']);
  });

  it('a backend that keeps stage history still has the last word on it', async () => {
    const { store, engine } = await setup(true);
    await store.moveStage('opp-1', 'qualify');
    expect(history(store, 'opp-1')).toHaveLength(2); // recorded optimistically
    await engine.drain();
    expect(store.get('opportunities', 'opp-1')!.stageId).toBe('qualify');
    expect(history(store, 'opp-1')).toEqual([]); // the backend's (this one sends none)
  });

  it('time in stage and conversion see the moves the store recorded', async () => {
    const { mem, store, engine } = await setup(false);
    await store.moveStage('opp-1', 'qualify');
    await engine.drain();
    await mem.write({ op: 'moveStage', entity: 'opportunities', id: 'opp-2', toStageId: 'qualify', idempotencyKey: 'other-2' });
    await engine.syncChanges({ since: T0, kinds: ['opportunities'] });
    const a = pipelineAnalytics(store, { pipelineId: 'std', now: '2026-11-10T08:00:00Z', currency: 'CNY' });
    const stage = (id: string) => a.summary.stages.find((s) => s.stageId === id)!;
    // opp-1 sat 4 days in Lead, opp-2 (moved in the CRM) 6 days: from its creation to the move.
    const days = (d: number | undefined) => Math.round(d ?? NaN);
    expect([stage('lead').timeInStage.count, days(stage('lead').timeInStage.min), days(stage('lead').timeInStage.max)]).toEqual([2, 4, 6]);
    expect([stage('qualify').currentAge.count, days(stage('qualify').currentAge.min), days(stage('qualify').currentAge.max)]).toEqual([2, 3, 5]);
    expect(a.conversion.anyStage.find((s) => s.stageId === 'lead')).toMatchObject({ entered: 6, advanced: 2, stillIn: 4 });
  });
});
