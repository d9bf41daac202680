// <kam-dashboard> over 100,000 opportunities: compute every chart's figures from the core
// analytics (pipeline ×3 for the period windows, ABC, concentration, retention, health) and draw
// every chart, against a plain-SVG baseline that computes the same figures in one plain pass
// over the deals and one over the orders and contracts, then draws the same number of marks
// (a rect and a label each) with createElementNS. Health scoring (a model, not an aggregation)
// is the one call both sides make through the core. Both end with a forced layout.
import { defineWorkload } from '../types.js';
import '../../packages/elements/src/dashboard/define.js';
import type { KamDashboard } from '../../packages/elements/src/dashboard/kam-dashboard.js';
import { Store, type Book, type Opportunity } from '@kamkit/core';
import { defaultHealthModel, scoreBook } from '@kamkit/core/health';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';

const N = 100_000;
const NOW = new Date('2026-11-23T00:00:00Z');

interface Ctx { book: Book; store: Store; host: HTMLElement; marks: number }

function grow(book: Book): Book {
  const base = book.opportunities;
  const out: Opportunity[] = [];
  for (let i = 0; out.length < N; i++) {
    const o = base[i % base.length];
    const k = Math.floor(i / base.length);
    out.push(k === 0 ? o : { ...o, id: `${o.id}~${k}`, accountId: book.accounts[(i * 7) % book.accounts.length].id });
  }
  return { ...book, opportunities: out };
}

async function renderDashboard(ctx: Ctx): Promise<{ ms: number; marks: number; nodes: number }> {
  const t0 = performance.now();
  const el = document.createElement('kam-dashboard') as KamDashboard;
  el.locale = 'en';
  el.store = ctx.store;
  ctx.host.append(el);
  await el.updateComplete;
  const kids = [...el.shadowRoot!.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>('.kpis > *, .charts > *')];
  await Promise.all(kids.map((k) => k.updateComplete));
  el.getBoundingClientRect();
  kids[kids.length - 1].shadowRoot!.querySelector('svg')?.getBoundingClientRect();
  const ms = performance.now() - t0;
  let marks = 0, nodes = 0;
  for (const k of kids) { marks += k.shadowRoot!.querySelectorAll('.mark').length; nodes += k.shadowRoot!.querySelectorAll('*').length; }
  el.remove();
  return { ms, marks, nodes };
}

/** One plain pass over deals (stage counts, stays, forecast, wins) and one over orders / contracts; then plain SVG. */
function renderBaseline(ctx: Ctx): { ms: number; healthMs: number } {
  const t0 = performance.now();
  const { book } = ctx;
  const pl = book.pipelines[0];
  const rates = sampleFxTable.snapshots[sampleFxTable.snapshots.length - 1].rates as Record<string, number>;
  const cny = (m: { amount: number; currency: string }) => m.amount * (m.currency === 'CNY' ? 1 : rates[m.currency] ?? NaN);
  const stageIdx = new Map(pl.stages.map((s, i) => [s.id, i]));
  const count = new Int32Array(pl.stages.length), entered = new Int32Array(pl.stages.length);
  const stays: number[][] = pl.stages.map(() => []);
  const forecast = new Map<string, Float64Array>();
  let won = 0, lost = 0, wonValue = 0, cycleDays: number[] = [];
  const now = NOW.getTime();
  for (const o of book.opportunities) {
    if (o.pipelineId !== pl.id) continue;
    const si = stageIdx.get(o.stageId);
    if (si === undefined) continue;
    count[si]++;
    const h = o.stageHistory ?? [];
    for (let k = 0; k < h.length; k++) {
      const j = stageIdx.get(h[k].stageId);
      if (j === undefined) continue;
      entered[j]++;
      const a = Date.parse(h[k].enteredAt), b = h[k].leftAt ? Date.parse(h[k].leftAt!) : k + 1 < h.length ? Date.parse(h[k + 1].enteredAt) : NaN;
      if (b === b) stays[j].push((b - a) / 86_400_000);
    }
    const key = (o.closeDate ?? '').slice(0, 7);
    let row = forecast.get(key);
    if (!row) forecast.set(key, (row = new Float64Array(5)));
    row[['pipeline', 'best_case', 'commit', 'closed', 'omitted'].indexOf(pl.stages[si].forecastCategory)] += cny(o.amount) || 0;
    const kind = pl.stages[si].kind;
    if (kind === 'won') { won++; wonValue += cny(o.amount) || 0; if (o.createdAt && o.closedAt) cycleDays.push((Date.parse(o.closedAt) - Date.parse(o.createdAt)) / 86_400_000); }
    else if (kind === 'lost') lost++;
  }
  const stats = stays.map((s) => { s.sort((a, b) => a - b); return [s[s.length >> 1] ?? 0, s[Math.floor(s.length * 0.9)] ?? 0]; });
  cycleDays = cycleDays.sort((a, b) => a - b);
  const revenue = new Map<string, number>();
  const byQuarter = new Map<string, Map<string, number>>();
  for (const ord of book.orders) {
    const t = Date.parse(ord.orderedAt);
    const v = cny(ord.amount) || 0;
    if (now - t < 365 * 86_400_000) revenue.set(ord.accountId, (revenue.get(ord.accountId) ?? 0) + v);
    const d = new Date(t), q = `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    let m = byQuarter.get(q);
    if (!m) byQuarter.set(q, (m = new Map()));
    m.set(ord.accountId, (m.get(ord.accountId) ?? 0) + v);
  }
  let renewed = 0, due = 0;
  for (const c of book.contracts) if (c.endDate && Date.parse(c.endDate) < now) { due++; if (c.renewalStatus === 'renewed') renewed++; }
  const ranked = [...revenue.values()].sort((a, b) => b - a);
  const total = ranked.reduce((a, b) => a + b, 0);
  let hhi = 0; for (const v of ranked) hhi += (v / total) ** 2;
  const h0 = performance.now();
  const health = scoreBook(book, defaultHealthModel, { now: NOW, currency: 'CNY', fx: sampleFxTable, skipNextBand: true }).distribution;
  const healthMs = performance.now() - h0;
  const figures = [...count, ...entered, ...stats.flat(), ...[...forecast.values()].flatMap((r) => [...r]), won, lost, wonValue, cycleDays[cycleDays.length >> 1] ?? 0,
    ranked[0] ?? 0, hhi, renewed / (due || 1), ...Object.values(health), byQuarter.size];
  // Draw: one plain SVG with the same number of marks as the dashboard, each a rect and a label.
  const ns = 'http://www.w3.org/2000/svg';
  const host = document.createElement('div');
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '1200'); svg.setAttribute('height', String(20 * ctx.marks));
  for (let i = 0; i < ctx.marks; i++) {
    const v = figures[i % figures.length];
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', '100'); r.setAttribute('y', String(i * 20)); r.setAttribute('height', '16');
    r.setAttribute('width', String(Math.max(1, Math.abs(v) % 1000)));
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', '96'); t.setAttribute('y', String(i * 20 + 12)); t.setAttribute('text-anchor', 'end');
    t.textContent = v.toLocaleString('en', { maximumFractionDigits: 1 });
    svg.append(r, t);
  }
  host.append(svg);
  ctx.host.append(host);
  svg.getBoundingClientRect();
  const ms = performance.now() - t0;
  host.remove();
  return { ms, healthMs };
}

export default defineWorkload<Ctx>({
  name: 'dashboard-100k',
  unit: 'ms',
  baselineLabel: 'plain aggregation pass + plain SVG with the same marks',
  runs: 5,
  setup: async () => {
    const book = grow(generateSampleBook({ seed: 7, accounts: 1000, now: NOW.toISOString() }));
    const store = Store.fromBook(book, { fx: sampleFxTable, now: () => NOW });
    const host = document.createElement('div');
    host.style.width = '1200px';
    document.body.append(host);
    const ctx: Ctx = { book, store, host, marks: 0 };
    ctx.marks = (await renderDashboard(ctx)).marks; // warm-up; also counts the marks the baseline draws
    return ctx;
  },
  measure: async (ctx) => {
    const d = await renderDashboard(ctx);
    const b = renderBaseline(ctx);
    return { value: d.ms, baseline: b.ms, extra: { healthScoringMs: Math.round(b.healthMs), opportunities: ctx.book.opportunities.length, marks: d.marks, shadowNodes: d.nodes } };
  },
});
