// analytics-100k: every pipeline dashboard figure (per-stage count, total and weighted value in
// CNY via dated FX with breakdown, idle deals, time in stage with bottleneck, all-stage and
// any-stage conversion, win rate with stale deals, sales cycle, forecast by category and
// quarter) for every pipeline, over 100,000 opportunities in a live Store — against one plain
// pass summing amounts by stage over the same deals (the floor: every figure needs at least one
// read of each deal).
//
// What is measured (issue 3). The Store keeps a deal index for analytics (every date and stage
// history parsed into typed columns): built by the first analytics call after a load, then kept
// current from the store's change events, a changed deal rewriting only its own rows.
// - `analytics-100k` (the goal line): the dashboard on a live store right after a change — a
//   stage move through the pipeline rules, a backward move and a currency change from the
//   backend, a new deal and a deleted one, applied outside the timing; the timing holds the index
//   catching up on those changes and every figure.
// - `analytics-100k first read`: the first dashboard after Store.loadBook — the whole index build
//   included (loading and validating the book itself is the store's cost with or without
//   analytics, so it is outside the timing). Nothing is built at load time that this leaves out.
//   The index's id → row map, which only applying a change needs, is made by the first read
//   after a change (the first round of the line above pays it; its figure is the fastest round).
// - extra `warmMs`: the dashboard recomputed over an unchanged store, as on a filter change.
// - extra `dateTouchMs`: one pass touching every date string the figures need (a character
//   each, none parsed) — part of any first read's floor, since the model keeps dates as ISO
//   strings; `loadMs`: the untimed Store.loadBook before the first read, for scale.
// After each timing, every stage's count and per-currency breakdown must equal sums taken deal by
// deal over the store's deals at that moment, to the last bit.
import { defineWorkload } from '../types.js';
import { Store, type Book, type Opportunity, type Pipeline } from '@kamkit/core';
import type { BookInput, PipelineAnalytics } from '@kamkit/core/analytics';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';

const N = 100_000;
const DAY = 86_400_000;
const now = '2026-11-23T00:00:00Z';

interface Ctx { book: Book; store: Store; round: number }

function shift(iso: string | undefined, days: number): string | undefined {
  return iso === undefined ? undefined : new Date(Date.parse(iso) - days * DAY).toISOString();
}

/** Plain pass: Σ amount by stage (the same deals, no conversion). */
function sumByStage(opps: readonly Opportunity[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of opps) m.set(o.stageId, (m.get(o.stageId) ?? 0) + o.amount.amount);
  return m;
}

/** Reads one character of every date string of the deals and their stage histories (no parsing). */
function touchDates(opps: readonly Opportunity[]): number {
  let c = 0;
  for (const o of opps) {
    c += o.closeDate.charCodeAt(9) + (o.closedAt?.charCodeAt(9) ?? 0) + (o.createdAt?.charCodeAt(9) ?? 0);
    for (const h of o.stageHistory) c += h.enteredAt.charCodeAt(9) + (h.leftAt?.charCodeAt(9) ?? 0);
  }
  return c;
}

function allFigures(src: BookInput, pipelines: readonly Pipeline[]): PipelineAnalytics[] {
  return pipelines.map((p) => pipelineAnalytics(src, { now, currency: 'CNY', fx: sampleFxTable, pipelineId: p.id, period: 'quarter', countStaleAsLost: true }));
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

/** Throws unless every stage's count and per-currency breakdown equal the deal-by-deal sums over the store exactly. */
function check(store: Store, got: PipelineAnalytics[], label: string): void {
  const ref = reference(store.all('opportunities'));
  const pipelines = store.pipelines();
  let seen = 0;
  got.forEach((a, pi) => {
    for (const st of a.summary.stages) {
      let n = 0;
      for (const [cur, b] of Object.entries(st.total.breakdown)) {
        const r = ref.get(`${pipelines[pi].id}|${st.stageId}|${cur}`);
        if (!r || r.count !== b.count || r.amount !== b.amount) throw new Error(`${label}: ${st.stageId} ${cur} is ${b.count} deals / ${b.amount}, deal by deal ${r?.count} / ${r?.amount}`);
        n += b.count; seen++;
      }
      if (n !== st.count) throw new Error(`${label}: ${st.stageId} counts ${st.count} deals, its breakdown ${n}`);
    }
  });
  if (seen !== ref.size) throw new Error(`${label}: ${seen} stage × currency figures, deal by deal ${ref.size}`);
}

/**
 * What a live store sees between two dashboard refreshes: a user's stage move (through the
 * pipeline rules), a backward move and a currency change synced from the backend, a new deal,
 * and the deletion of the one added a round before.
 */
async function change(store: Store, round: number): Promise<void> {
  const deals = store.all('opportunities');
  const at = (k: number) => deals[(round * 7919 + k * 104_729) % deals.length];
  // A forward move the rules allow (the first candidate that passes them).
  for (let k = 0; k < 200; k++) {
    const d = at(k);
    const p = store.pipeline(d.pipelineId)!;
    const i = p.stages.findIndex((s) => s.id === d.stageId);
    const next = p.stages[i + 1];
    if (d.stageId !== p.stages[i].id || !next || next.kind !== 'open' || p.stages[i].kind !== 'open') continue;
    const r = await store.moveStage(d.id, next.id);
    if (r.ok) break;
  }
  // A backward move made in the CRM, arriving through sync.
  for (let k = 200; k < 400; k++) {
    const d = at(k);
    const p = store.pipeline(d.pipelineId)!;
    const i = p.stages.findIndex((s) => s.id === d.stageId);
    if (i < 1 || p.stages[i].kind !== 'open') continue;
    const when = new Date(Date.parse(now) - DAY).toISOString();
    const hist = d.stageHistory.map((h) => (h.leftAt ? h : { ...h, leftAt: when }));
    store.applyServerRecord('opportunities', { ...d, stageId: p.stages[i - 1].id, stageHistory: [...hist, { stageId: p.stages[i - 1].id, enteredAt: when }] }, 'remote');
    break;
  }
  const d = at(400);
  store.applyServerRecord('opportunities', { ...d, amount: { amount: d.amount.amount + 0.5, currency: d.amount.currency === 'USD' ? 'EUR' : 'USD' } }, 'remote');
  await store.create('opportunities', { ...at(401), id: `bench-new-${round}` });
  store.removeRecord('opportunities', `bench-new-${round - 1}`, 'remote');
}

export default defineWorkload<Ctx>({
  name: 'analytics-100k',
  unit: 'ms',
  baselineLabel: 'one plain pass summing amounts by stage',
  goal: 10, // issue 3
  lines: [{ name: 'analytics-100k first read', unit: 'ms', baselineLabel: 'the same plain pass; index build included' }],
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
    const book = { pipelines: base.pipelines, opportunities, accounts: base.accounts, users: base.users } as Book;
    return { book, store: new Store({ fx: sampleFxTable, now: () => new Date(now) }), round: 0 };
  },
  async measure(ctx) {
    const { store, book } = ctx;
    // A fresh load each run (not timed): the store's own cost, analytics or not.
    const l0 = performance.now();
    store.loadBook(book);
    const loadMs = performance.now() - l0;
    if (store.rejected.length) throw new Error(`the store rejected ${store.rejected.length} records: ${store.rejected[0].issues[0].message}`);
    const f0 = performance.now();
    const first = allFigures(store, store.pipelines());
    const firstMs = performance.now() - f0;
    let firstBaseline = Infinity; // the fastest of three plain passes, as for the rounds below
    for (let r = 0; r < 3; r++) {
      const fb0 = performance.now();
      sumByStage(store.all('opportunities'));
      firstBaseline = Math.min(firstBaseline, performance.now() - fb0);
    }
    // What no first read can skip (for reading the line above): a pass that only touches every date
    // string the figures need, one character each, parsing none.
    let dateTouchMs = Infinity;
    for (let r = 0; r < 3; r++) {
      const d0 = performance.now();
      if (touchDates(store.all('opportunities')) === 0) throw new Error('touched no dates');
      dateTouchMs = Math.min(dateTouchMs, performance.now() - d0);
    }
    check(store, first, 'first read');

    // The machine is shared: five alternating rounds (a change, the figures, the figures again,
    // the plain pass), the fastest of each kept.
    let value = Infinity, baseline = Infinity, warm = Infinity;
    for (let r = 0; r < 5; r++) {
      await change(store, ++ctx.round); // not timed: the writes themselves
      const t0 = performance.now();
      const after = allFigures(store, store.pipelines());
      value = Math.min(value, performance.now() - t0);
      const w0 = performance.now();
      const again = allFigures(store, store.pipelines());
      warm = Math.min(warm, performance.now() - w0);
      const b0 = performance.now();
      const sums = sumByStage(store.all('opportunities'));
      baseline = Math.min(baseline, performance.now() - b0);
      // Outside the timing: the figures are right (and the baseline did its work).
      check(store, after, 'after a change');
      check(store, again, 'unchanged');
      if (sums.size === 0) throw new Error('baseline summed nothing');
    }
    return {
      value, baseline,
      lines: { 'analytics-100k first read': { value: firstMs, baseline: firstBaseline } },
      extra: { opportunities: store.count('opportunities'), pipelines: store.pipelines().length, warmMs: +warm.toFixed(2), warmRatio: +(warm / baseline).toFixed(2),
        dateTouchMs: +dateTouchMs.toFixed(2), loadMs: Math.round(loadMs) },
    };
  },
});
