// Shared by the sync / outbox tests (Node and Chromium): a small book with one pipeline, and a
// DataSource decorator that injects the transport failures a real network produces.
import type { Book, DataSource, WriteOp, WriteResult } from '../src/index.js';
import { KamError } from '../src/index.js';

export const T0 = '2026-11-01T08:00:00.000Z';

export function smallBook(): Book {
  const stages = [
    { id: 'lead', name: 'Lead', order: 1, probability: 0.1, forecastCategory: 'pipeline' as const },
    { id: 'qualify', name: 'Qualify', order: 2, probability: 0.3, forecastCategory: 'pipeline' as const },
    { id: 'propose', name: 'Propose', order: 3, probability: 0.6, forecastCategory: 'best_case' as const },
    { id: 'won', name: 'Won', order: 4, probability: 1, forecastCategory: 'closed' as const, kind: 'won' as const },
    { id: 'lost', name: 'Lost', order: 5, probability: 0, forecastCategory: 'omitted' as const, kind: 'lost' as const },
  ];
  const accounts = ['华为技术有限公司', 'ACME Industrial', '上海电气', 'Globex'].map((name, i) => ({ id: `acc-${i + 1}`, name, region: i % 2 ? '华东' : '华南', tier: i < 2 ? 'A' : 'B', updatedAt: T0 }));
  const opportunities = Array.from({ length: 6 }, (_, i) => ({
    id: `opp-${i + 1}`, accountId: `acc-${(i % 4) + 1}`, pipelineId: 'std', stageId: 'lead', name: `Deal ${i + 1}`,
    amount: { amount: 10_000 * (i + 1), currency: 'CNY' }, closeDate: '2026-12-31', updatedAt: T0,
    stageHistory: [{ stageId: 'lead', enteredAt: T0 }],
  }));
  const contacts = accounts.map((a, i) => ({ id: `con-${i + 1}`, accountId: a.id, name: `Contact ${i + 1}`, updatedAt: T0 }));
  return {
    pipelines: [{ id: 'std', name: 'Standard', stages }],
    accounts, contacts, opportunities,
    teamMembers: [], users: [{ id: 'u-1', name: 'Li Wei', updatedAt: T0 }], activities: [], contracts: [], orders: [], invoices: [], tickets: [], surveys: [],
  } as unknown as Book;
}

export interface Faults {
  /**
   * The network is down: every request fails before it reaches the backend, reads included (what
   * an outage does). Set it after the store has loaded.
   */
  down?: boolean;
  /** Fail this many upcoming writes before they reach the backend (connection refused); reads pass. */
  refuse?: number;
  /** Apply this many upcoming writes, then lose the response (the caller sees a network error). */
  loseResponse?: number;
  /** The error thrown; default a retryable KamError('network'). */
  error?: () => unknown;
  /** Hold writes until released (`release()`), as a slow network does. */
  hold?: boolean;
  /**
   * A "poison" write: those this picks make the server drop the connection (a crashing handler, a
   * proxy's body-size reset) — they fail like `refuse`, every time, and never reach the backend.
   */
  kill?: (op: WriteOp) => boolean;
}

/**
 * Wraps a source; every write goes through the fault knobs first. `sent` records each write
 * attempt, `reads` counts the reads asked.
 */
export function withFaults<S extends DataSource>(source: S, faults: Faults = {}) {
  const sent: WriteOp[] = [];
  let waiting: Array<() => void> = [];
  const err = () => (faults.error ? faults.error() : new KamError('network', 'connection reset by peer'));
  const counts = { reads: 0 };
  const read = async <T>(call: () => Promise<T>): Promise<T> => {
    counts.reads++;
    if (faults.down) throw err();
    return call();
  };
  const wrapped: DataSource = {
    name: source.name,
    capabilities: () => read(() => source.capabilities()),
    pipelines: (o) => read(() => source.pipelines(o)),
    list: (k, o) => read(() => source.list(k, o)),
    get: (k, id, o) => read(() => source.get(k, id, o)),
    changes: (k, s, o) => read(() => source.changes(k, s, o)),
    async write(op, o): Promise<WriteResult> {
      sent.push(structuredClone(op));
      if (faults.hold) await new Promise<void>((r) => waiting.push(r));
      if (faults.down) throw err();
      if (faults.kill?.(op)) throw err();
      if (faults.refuse && faults.refuse > 0) { faults.refuse--; throw err(); }
      const result = await source.write(op, o);
      if (faults.loseResponse && faults.loseResponse > 0) { faults.loseResponse--; throw err(); }
      return result;
    },
  };
  return {
    source: wrapped, sent, faults,
    get reads() { return counts.reads; },
    release() { faults.hold = false; const w = waiting; waiting = []; w.forEach((r) => r()); },
  };
}
