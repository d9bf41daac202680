// outbox-drain: 2,000 stage moves and edits made offline, then sent when the network returns —
// through the SyncEngine (outbox bookkeeping, per-record ordering, stamp chaining, confirm into the
// Store) against calling source.write for the same operations directly in a loop. Both write to
// a fresh MemorySource over the same book; the ratio is the engine's overhead.
import { defineWorkload } from '../types.js';
import { Store, type Book, type WriteOp } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import { MemoryOutboxStorage, SyncEngine } from '@kamkit/core/sync';
import { generateSampleBook } from '@kamkit/core/sample';

interface Ctx { book: Book; oppIds: string[]; accIds: string[] }
const N = 2000;

export default defineWorkload<Ctx>({
  name: 'outbox-drain',
  unit: 'ms',
  baselineLabel: 'the same writes as direct source.write calls',
  runs: 5,
  setup() {
    const book = generateSampleBook({ seed: 3, accounts: 500 });
    return { book, oppIds: book.opportunities.map((o) => o.id), accIds: book.accounts.map((a) => a.id) };
  },
  async measure({ book, accIds }) {
    // Engine: writes queue while offline, then drain.
    const source = new MemorySource(book);
    let online = false;
    const store = new Store({ source });
    await store.load();
    const engine = new SyncEngine({ store, source, storage: new MemoryOutboxStorage(), online: () => online, connectivityEvents: null });
    await engine.start();
    const ops: WriteOp[] = [];
    for (let i = 0; i < N; i++) {
      const id = accIds[i % accIds.length];
      const entry = await store.update('accounts', id, { tags: [`t${i}`] });
      ops.push(entry.op);
    }
    online = true;
    const t0 = performance.now();
    await engine.drain();
    const value = performance.now() - t0;
    if (source.appliedCount !== N || engine.pending().length) throw new Error(`engine applied ${source.appliedCount} of ${N}`);

    // Baseline: the same operations, sent one after the other, stamps chained by hand.
    const direct = new MemorySource(book);
    const stamps = new Map<string, string | undefined>();
    const t1 = performance.now();
    for (const op of ops) {
      const id = (op as { id: string }).id;
      const res = await direct.write({ ...op, ifUnmodifiedSince: stamps.has(id) ? stamps.get(id) : op.ifUnmodifiedSince });
      stamps.set(id, (res.record as { updatedAt?: string }).updatedAt);
    }
    const baseline = performance.now() - t1;
    return { value, baseline, extra: { writes: N } };
  },
});
