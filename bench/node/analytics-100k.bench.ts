// analytics-100k: every pipeline dashboard figure (per-stage count, total and weighted value in
// CNY via dated FX with breakdown, idle deals, time in stage with bottleneck, all-stage and
// any-stage conversion, win rate with stale deals, sales cycle, forecast by category and
// quarter) for every pipeline, over 100,000 opportunities — against one plain pass summing
// amounts by stage over the same deals (the floor: every figure needs at least one read of
// each deal). The figure includes building the deal index (every date and stage history parsed
// once into typed arrays): each round hands over a fresh array. The warm figure — the same
// dashboard recomputed over an unchanged array, as on a filter change — is printed beside it.
// After each round, outside the timing, every stage's count and per-currency breakdown (cold
// and warm) must equal sums taken deal by deal in setup, to the last bit.
import { defineWorkload } from '../types.js';
import type { Book, Opportunity } from '@kamkit/core';
import type { PipelineAnalytics } from '@kamkit/core/analytics';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';

const N = 100_000;
const DAY = 86_400_000;
const now = '2026-11-23T00:00:00Z';

interface Ctx { book: Book; opportunities: Opportunity[]; ref: Map<string, { count: number; amount: number }> }

function shift(iso: string | undefined, days: number): string | undefined {
  return iso === undefined ? undefined : new Date(Date.parse(iso) - days * DAY).toISOString();
}

/** Plain pass: Σ amount by stage (the same deals, no conversion). */
function sumByStage(opps: readonly Opportunity[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of opps) m.set(o.stageId, (m.get(o.stageId) ?? 0) + o.amount.amount);
  return m;
}

function allFigures(book: Book): PipelineAnalytics[] {
  return book.pipelines.map((p) => pipelineAnalytics(book, { now, currency: 'CNY', fx: sampleFxTable, pipelineId: p.id, period: 'quarter', countStaleAsLost: true }));
}

/** Per pipeline, stage and currency: deal count and Σ amount, summed deal by deal (outside the timing). */
function reference(opps: readonly Opportunity[]): Map<string, { count: number; amount: number }> {
  const m = new Map<string, { count: number; amount: number }>();
  for (const o of opps) {
    const k = `${o.pipelineId}|${o.stageId}|${o.amount.currency}`;
    const c = m.get(k);
    if (c) { c.count++; c.amount += o.amount.amount; } else m.set(k, { count: 1, amount: o.amount.amount });
  }
  return m;
}

/** Throws unless every stage's count and per-currency breakdown equal the deal-by-deal sums exactly. */
function check(book: Book, got: PipelineAnalytics[], ref: Map<string, { count: number; amount: number }>, label: string): void {
  let seen = 0;
  got.forEach((a, pi) => {
    for (const st of a.summary.stages) {
      let n = 0;
      for (const [cur, b] of Object.entries(st.total.breakdown)) {
        const r = ref.get(`${book.pipelines[pi].id}|${st.stageId}|${cur}`);
        if (!r || r.count !== b.count || r.amount !== b.amount) throw new Error(`${label}: ${st.stageId} ${cur} is ${b.count} deals / ${b.amount}, deal by deal ${r?.count} / ${r?.amount}`);
        n += b.count; seen++;
      }
      if (n !== st.count) throw new Error(`${label}: ${st.stageId} counts ${st.count} deals, its breakdown ${n}`);
    }
  });
  if (seen !== ref.size) throw new Error(`${label}: ${seen} stage × currency figures, deal by deal ${ref.size}`);
}

export default defineWorkload<Ctx>({
  name: 'analytics-100k',
  unit: 'ms',
  baselineLabel: 'one plain pass summing amounts by stage',
  goal: 10, // issue 3
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
    return { book: { ...base, opportunities }, opportunities, ref: reference(opportunities) };
  },
  measure({ book, ref }) {
    // The machine is shared: three alternating rounds, the fastest of each kept.
    let value = Infinity, baseline = Infinity, warm = Infinity;
    for (let r = 0; r < 3; r++) {
      const fresh = { ...book, opportunities: [...book.opportunities] }; // a new array: no index yet
      const t0 = performance.now();
      const cold = allFigures(fresh);
      value = Math.min(value, performance.now() - t0);
      const w0 = performance.now();
      const again = allFigures(fresh);
      warm = Math.min(warm, performance.now() - w0);
      const b0 = performance.now();
      const sums = sumByStage(fresh.opportunities);
      baseline = Math.min(baseline, performance.now() - b0);
      // Outside the timing: the figures are right (and the baseline did its work).
      check(book, cold, ref, 'cold');
      check(book, again, ref, 'warm');
      if (sums.size === 0) throw new Error('baseline summed nothing');
    }
    return { value, baseline, extra: { opportunities: book.opportunities.length, pipelines: book.pipelines.length, warmMs: +warm.toFixed(2), warmRatio: +(warm / baseline).toFixed(2) } };
  },
});
