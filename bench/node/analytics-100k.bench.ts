// analytics-100k: every pipeline dashboard figure (per-stage count, total and weighted value in
// CNY via dated FX with breakdown, idle deals, time in stage with bottleneck, all-stage and
// any-stage conversion, win rate with stale deals, sales cycle, forecast by category and
// quarter) for every pipeline, over 100,000 opportunities — against one plain pass summing
// amounts by stage over the same deals (the floor: every figure needs at least one read of
// each deal). The figure includes building the deal index (every date and stage history parsed
// once into typed arrays): each round hands over a fresh array. The warm figure — the same
// dashboard recomputed over an unchanged array, as on a filter change — is printed beside it.
import { defineWorkload } from '../types.js';
import type { Book, Opportunity } from '@kamkit/core';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';

const N = 100_000;
const DAY = 86_400_000;
const now = '2026-11-23T00:00:00Z';

interface Ctx { book: Book; opportunities: Opportunity[] }

function shift(iso: string | undefined, days: number): string | undefined {
  return iso === undefined ? undefined : new Date(Date.parse(iso) - days * DAY).toISOString();
}

/** Plain pass: Σ amount by stage (the same deals, no conversion). */
function sumByStage(opps: readonly Opportunity[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of opps) m.set(o.stageId, (m.get(o.stageId) ?? 0) + o.amount.amount);
  return m;
}

function allFigures(book: Book): number {
  let checksum = 0;
  for (const p of book.pipelines) {
    const a = pipelineAnalytics(book, { now, currency: 'CNY', fx: sampleFxTable, pipelineId: p.id, period: 'quarter', countStaleAsLost: true });
    checksum += a.dealCount + a.summary.open.weighted.amount + (a.winRate.rate ?? 0) + a.forecast.rows.length + a.conversion.allStage.length;
  }
  return checksum;
}

export default defineWorkload<Ctx>({
  name: 'analytics-100k',
  unit: 'ms',
  baselineLabel: 'one plain pass summing amounts by stage',
  runs: 5,
  setup() {
    const base = generateSampleBook({ seed: 3, accounts: 2000 });
    const src = base.opportunities;
    const opportunities: Opportunity[] = [];
    // Replicate the sample deals to 100k, each copy moved back in time by a few days.
    for (let k = 0; opportunities.length < N; k++) {
      for (const o of src) {
        if (opportunities.length >= N) break;
        const d = k * 3;
        opportunities.push({
          ...o, id: `${o.id}-${k}`, closeDate: shift(o.closeDate, d)!, createdAt: shift(o.createdAt, d), closedAt: shift(o.closedAt, d),
          stageHistory: o.stageHistory.map((h) => ({ ...h, enteredAt: shift(h.enteredAt, d)!, leftAt: shift(h.leftAt, d) })),
        });
      }
    }
    return { book: { ...base, opportunities }, opportunities };
  },
  measure({ book }) {
    // The machine is shared: three alternating rounds, the fastest of each kept.
    let value = Infinity, baseline = Infinity, warm = Infinity;
    let sink = 0;
    for (let r = 0; r < 3; r++) {
      const fresh = { ...book, opportunities: [...book.opportunities] }; // a new array: no index yet
      const t0 = performance.now();
      sink += allFigures(fresh);
      value = Math.min(value, performance.now() - t0);
      const w0 = performance.now();
      sink += allFigures(fresh);
      warm = Math.min(warm, performance.now() - w0);
      const b0 = performance.now();
      sink += sumByStage(fresh.opportunities).size;
      baseline = Math.min(baseline, performance.now() - b0);
    }
    if (!Number.isFinite(sink)) throw new Error('non-finite figures');
    return { value, baseline, extra: { opportunities: book.opportunities.length, pipelines: book.pipelines.length, warmMs: +warm.toFixed(2), warmRatio: +(warm / baseline).toFixed(2) } };
  },
});
