// Pipeline analytics over one pipeline: per-stage count, total and weighted value (in a
// reporting currency via dated FX, with the per-currency breakdown), idle deals, time in stage
// and the bottleneck, all-stage and any-stage conversion (skipped stages left out, backward
// moves undoing earlier progress), win rate, sales-cycle length and the forecast by category
// and period. Every figure can be sliced by owner, team, region, industry or pipeline.
import type { FxTable, MoneyTotal } from '../model/money.js';
import { MoneyAccumulator } from '../model/money.js';
import type { Account, ForecastCategory, Opportunity, Pipeline, Stage, User } from '../model/schemas.js';
import { toSource, type BookInput, type BookSource } from './source.js';
import { DAY_MS, nowMs, parseIso, periodKey, type Instant, type Period } from './util.js';

export interface Slice {
  owners?: readonly string[];
  /** Teams of the deal owners (User.team). */
  teams?: readonly string[];
  /** Regions of the deals' accounts. */
  regions?: readonly string[];
  industries?: readonly string[];
  pipelines?: readonly string[];
  accounts?: readonly string[];
}

export type SliceDimension = 'owner' | 'team' | 'region' | 'industry' | 'pipeline';

export interface PipelineOptions {
  now: Instant;
  /** Reporting currency. */
  currency: string;
  fx?: FxTable;
  /** Date of the FX snapshot to use (default: now). */
  fxAsOf?: Instant;
  /** Which pipeline (default: the first). */
  pipelineId?: string;
  slice?: Slice;
  /** Win-rate window on the close date (inclusive from, exclusive to). */
  from?: Instant;
  to?: Instant;
  /** Count stale open deals (past close date, or idle) as lost in the win rate. Default false. */
  countStaleAsLost?: boolean;
  /** An open deal is stale once its close date is this many days past. Default 0. */
  staleAfterDays?: number;
  /** Forecast period. Default month. */
  period?: Period;
}

export interface DurationStats { count: number; mean: number | undefined; median: number | undefined; p90: number | undefined; min: number | undefined; max: number | undefined }

export interface StageSummary {
  stageId: string;
  name: string;
  kind: Stage['kind'];
  order: number;
  probability: number;
  forecastCategory: ForecastCategory;
  count: number;
  total: MoneyTotal;
  /** Σ amount × probability (deal's own probability, else the stage's). */
  weighted: MoneyTotal;
  idle: { threshold: number | undefined; count: number; opportunityIds: string[] };
  /** Completed stays in this stage, in days (deals still sitting here are left out). */
  timeInStage: DurationStats;
  /** Deals in this stage now, and how long they have sat (days). */
  currentAge: DurationStats;
}

export interface PipelineSummary {
  pipelineId: string;
  pipelineName: string;
  currency: string;
  fx: { table: string; date: string } | null;
  stages: StageSummary[];
  open: { count: number; total: MoneyTotal; weighted: MoneyTotal; idle: number };
}

export interface ConversionStep {
  /** Stage id, or `won` for the won outcome (all won stages together). */
  stageId: string;
  name: string;
  /** Deals that reached the stage (skipped it: not counted; a backward move undoes later progress). */
  entered: number;
  /** Of those, deals that reached a later stage or won. */
  advanced: number;
  /** Of those, deals sitting in this stage now (undecided; left out of the rate). */
  stillIn: number;
  /** advanced / (entered − stillIn); undefined when nothing was decided. */
  rate: number | undefined;
  /** entered / entered at the first step. */
  fromStart: number | undefined;
}

export interface Conversion {
  /** Fall-through funnel: only deals that passed through every earlier stage. */
  allStage: ConversionStep[];
  /** Every deal that touched the stage. */
  anyStage: ConversionStep[];
}

export interface WinRate {
  won: number;
  lost: number;
  stale: number;
  /** won / (won + lost [+ stale when countStaleAsLost]); undefined when the denominator is 0. */
  rate: number | undefined;
  rateWithoutStale: number | undefined;
  rateWithStale: number | undefined;
  wonValue: MoneyTotal;
  lostValue: MoneyTotal;
  /** wonValue / (wonValue + lostValue) in the reporting currency. */
  valueRate: number | undefined;
  staleOpportunityIds: string[];
}

export interface ForecastCell { count: number; total: MoneyTotal; weighted: MoneyTotal }
export interface ForecastRow { period: string; categories: Record<ForecastCategory, ForecastCell> }
export interface Forecast {
  period: Period;
  rows: ForecastRow[];
  totals: Record<ForecastCategory, ForecastCell>;
}

export interface PipelineAnalytics {
  summary: PipelineSummary;
  conversion: Conversion;
  /** The open stage with the longest median time in stage (mean breaks ties). */
  bottleneck: { stageId: string; name: string; medianDays: number; meanDays: number } | undefined;
  winRate: WinRate;
  /** Days from creation to won. */
  salesCycle: DurationStats;
  /** Days from creation to lost. */
  lossCycle: DurationStats;
  forecast: Forecast;
  dealCount: number;
}

export const forecastCategories: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];

// ---- A numeric index of the deals' dates and stage histories, built once per opportunities
// array (the Store hands out the same array until something changes; treat plain arrays as
// immutable too), so dashboards recomputing figures, slices and pipelines parse nothing twice.

interface DealIndex {
  n: number;
  /** Interned ids: stage ids and pipeline ids, each its own dictionary. */
  stageCodes: Map<string, number>;
  pipeCodes: Map<string, number>;
  pipe: Int32Array;
  stage: Int32Array;
  created: Float64Array;
  close: Float64Array;
  closed: Float64Array;
  /** Stays of deal i are [stayOff[i], stayOff[i+1]), sorted by entry; leave falls back to the next entry. */
  stayOff: Int32Array;
  enter: Float64Array;
  leave: Float64Array;
  stayStage: Int32Array;
}

const dealIndexes = new WeakMap<readonly Opportunity[], DealIndex>();

function intern(m: Map<string, number>, key: string): number {
  let c = m.get(key);
  if (c === undefined) { c = m.size; m.set(key, c); }
  return c;
}

function dealIndex(list: readonly Opportunity[]): DealIndex {
  const hit = dealIndexes.get(list);
  if (hit && hit.n === list.length) return hit;
  const n = list.length;
  let stays = 0;
  for (let i = 0; i < n; i++) stays += list[i].stageHistory?.length ?? 0;
  const ix: DealIndex = {
    n, stageCodes: new Map(), pipeCodes: new Map(),
    pipe: new Int32Array(n), stage: new Int32Array(n), created: new Float64Array(n), close: new Float64Array(n), closed: new Float64Array(n),
    stayOff: new Int32Array(n + 1), enter: new Float64Array(stays), leave: new Float64Array(stays), stayStage: new Int32Array(stays),
  };
  const { enter, leave, stayStage } = ix;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const o = list[i];
    ix.pipe[i] = intern(ix.pipeCodes, o.pipelineId);
    ix.stage[i] = intern(ix.stageCodes, o.stageId);
    ix.created[i] = parseIso(o.createdAt) ?? NaN;
    ix.close[i] = parseIso(o.closeDate) ?? NaN;
    ix.closed[i] = parseIso(o.closedAt) ?? NaN;
    ix.stayOff[i] = at;
    const hist = o.stageHistory ?? [];
    const first = at;
    let sorted = true;
    for (let k = 0; k < hist.length; k++) {
      const e = hist[k];
      const t = parseIso(e.enteredAt);
      if (t === undefined) continue;
      enter[at] = t;
      leave[at] = e.leftAt ? parseIso(e.leftAt) ?? NaN : NaN;
      stayStage[at] = intern(ix.stageCodes, e.stageId);
      if (at > first && t < enter[at - 1]) sorted = false;
      at++;
    }
    if (!sorted) { // insertion sort by entry time (histories are short and nearly always sorted)
      for (let k = first + 1; k < at; k++) {
        const e = enter[k], l = leave[k], x = stayStage[k];
        let q = k - 1;
        while (q >= first && enter[q] > e) { enter[q + 1] = enter[q]; leave[q + 1] = leave[q]; stayStage[q + 1] = stayStage[q]; q--; }
        enter[q + 1] = e; leave[q + 1] = l; stayStage[q + 1] = x;
      }
    }
    for (let k = first; k + 1 < at; k++) if (leave[k] !== leave[k]) leave[k] = enter[k + 1];
  }
  ix.stayOff[n] = at;
  dealIndexes.set(list, ix);
  return ix;
}

function emptyStats(): DurationStats { return { count: 0, mean: undefined, median: undefined, p90: undefined, min: undefined, max: undefined }; }

/** Count, mean, median, p90 (linear interpolation), min and max of finite values. */
export function durationStats(days: readonly number[]): DurationStats {
  const s = Float64Array.from(days.filter(Number.isFinite)).sort(); // typed arrays sort numerically
  const n = s.length;
  if (!n) return emptyStats();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  const q = (p: number) => { const pos = (n - 1) * p, lo = Math.floor(pos), hi = Math.ceil(pos); return s[lo] + (s[hi] - s[lo]) * (pos - lo); };
  return { count: n, mean: sum / n, median: q(0.5), p90: q(0.9), min: s[0], max: s[n - 1] };
}

/** The opportunities a slice keeps. */
export function sliceFilter(src: BookSource, slice: Slice | undefined): ((o: Opportunity) => boolean) | undefined {
  if (!slice) return undefined;
  const set = (xs?: readonly string[]) => (xs && xs.length ? new Set(xs) : undefined);
  const owners = set(slice.owners), teams = set(slice.teams), regions = set(slice.regions), industries = set(slice.industries), pipelines = set(slice.pipelines), accounts = set(slice.accounts);
  if (!owners && !teams && !regions && !industries && !pipelines && !accounts) return undefined;
  const acc = regions || industries ? accountIndex(src) : undefined;
  const users = teams ? userIndex(src) : undefined;
  return (o) => {
    if (owners && !owners.has(o.ownerId ?? '')) return false;
    if (pipelines && !pipelines.has(o.pipelineId)) return false;
    if (accounts && !accounts.has(o.accountId)) return false;
    if (teams && !teams.has(users!.get(o.ownerId ?? '')?.team ?? '')) return false;
    if (regions || industries) {
      const a = acc!.get(o.accountId);
      if (regions && !regions.has(a?.region ?? '')) return false;
      if (industries && !industries.has(a?.industry ?? '')) return false;
    }
    return true;
  };
}

const accIdx = new WeakMap<object, Map<string, Account>>();
function accountIndex(src: BookSource): Map<string, Account> {
  const list = src.all('accounts');
  let m = accIdx.get(list);
  if (!m) { m = new Map(list.map((a) => [a.id, a])); accIdx.set(list, m); }
  return m;
}
const userIdx = new WeakMap<object, Map<string, User>>();
function userIndex(src: BookSource): Map<string, User> {
  const list = src.all('users');
  let m = userIdx.get(list);
  if (!m) { m = new Map(list.map((u) => [u.id, u])); userIdx.set(list, m); }
  return m;
}

/** The key a deal falls under for a slice dimension ('' when it has none). */
export function sliceKeyOf(src: BookSource, dim: SliceDimension): (o: Opportunity) => string {
  if (dim === 'owner') return (o) => o.ownerId ?? '';
  if (dim === 'pipeline') return (o) => o.pipelineId;
  if (dim === 'team') { const u = userIndex(src); return (o) => u.get(o.ownerId ?? '')?.team ?? ''; }
  const a = accountIndex(src);
  return dim === 'region' ? (o) => a.get(o.accountId)?.region ?? '' : (o) => a.get(o.accountId)?.industry ?? '';
}

function pickPipeline(src: BookSource, id: string | undefined): Pipeline | undefined {
  const ps = src.pipelines();
  return id === undefined ? ps[0] : ps.find((p) => p.id === id);
}

function emptyCells(make: () => ForecastCell): Record<ForecastCategory, ForecastCell> {
  return { pipeline: make(), best_case: make(), commit: make(), closed: make(), omitted: make() };
}

/**
 * Every pipeline figure in one pass over the deals (plus one over each deal's stage history).
 * Deals on other pipelines and outside the slice are left out.
 */
export function pipelineAnalytics(book: BookInput, opts: PipelineOptions): PipelineAnalytics {
  const src = toSource(book);
  const pipeline = pickPipeline(src, opts.pipelineId);
  const now = nowMs(opts.now);
  const fxAsOf = new Date(opts.fxAsOf !== undefined ? nowMs(opts.fxAsOf) : now).toISOString();
  const acc = () => new MoneyAccumulator(opts.currency, opts.fx, fxAsOf);
  const cell = (): ForecastCell & { t: MoneyAccumulator; w: MoneyAccumulator } => ({ count: 0, total: null as never, weighted: null as never, t: acc(), w: acc() });
  const period = opts.period ?? 'month';
  if (!pipeline) {
    const none = (): MoneyTotal => acc().total();
    const f = emptyCells(() => ({ count: 0, total: none(), weighted: none() }));
    return {
      summary: { pipelineId: opts.pipelineId ?? '', pipelineName: '', currency: opts.currency, fx: none().fx, stages: [], open: { count: 0, total: none(), weighted: none(), idle: 0 } },
      conversion: { allStage: [], anyStage: [] }, bottleneck: undefined,
      winRate: { won: 0, lost: 0, stale: 0, rate: undefined, rateWithStale: undefined, rateWithoutStale: undefined, wonValue: none(), lostValue: none(), valueRate: undefined, staleOpportunityIds: [] },
      salesCycle: emptyStats(), lossCycle: emptyStats(), forecast: { period, rows: [], totals: f }, dealCount: 0,
    };
  }
  const stages = [...pipeline.stages].sort((a, b) => a.order - b.order);
  const S = stages.length;
  const stageAt = new Map(stages.map((s, i) => [s.id, i]));
  // Funnel positions: open stages in order, then one "won" position.
  const funnelPos = new Int32Array(S).fill(-1);
  const funnel: Array<{ id: string; name: string }> = [];
  stages.forEach((s, i) => { if (s.kind === 'open') { funnelPos[i] = funnel.length; funnel.push({ id: s.id, name: s.name }); } });
  const WON = funnel.length;
  const hasWon = stages.some((s) => s.kind === 'won');
  stages.forEach((s, i) => { if (s.kind === 'won') funnelPos[i] = WON; });
  const P = WON + 1;

  const count = new Int32Array(S);
  const totals = stages.map(acc);
  const weighted = stages.map(acc);
  const idleIds: string[][] = stages.map(() => []);
  const stayDays: number[][] = stages.map(() => []);
  const ageDays: number[][] = stages.map(() => []);
  const anyEntered = new Int32Array(P), anyAdvanced = new Int32Array(P), anyStill = new Int32Array(P);
  const allEntered = new Int32Array(P), allAdvanced = new Int32Array(P), allStill = new Int32Array(P);
  const reached = new Uint8Array(P);
  const openTotal = acc(), openWeighted = acc(), wonValue = acc(), lostValue = acc();
  let openCount = 0, idleCount = 0, won = 0, lost = 0, stale = 0, dealCount = 0;
  const staleIds: string[] = [];
  const cycle: number[] = [], lossCycle: number[] = [];
  const rows = new Map<string, Record<ForecastCategory, ReturnType<typeof cell>>>();
  const fTotals = emptyCells(cell) as Record<ForecastCategory, ReturnType<typeof cell>>;
  const from = opts.from !== undefined ? nowMs(opts.from) : -Infinity;
  const to = opts.to !== undefined ? nowMs(opts.to) : Infinity;
  const staleAfter = (opts.staleAfterDays ?? 0) * DAY_MS;
  const keep = sliceFilter(src, opts.slice);
  const keyByDay = new Map<number, string>();

  const list = src.all('opportunities');
  const ix = dealIndex(list);
  const pcode = ix.pipeCodes.get(pipeline.id) ?? -1;
  const codeToStage = new Int32Array(ix.stageCodes.size).fill(-1);
  for (const [id, code] of ix.stageCodes) { const k = stageAt.get(id); if (k !== undefined) codeToStage[code] = k; }
  const { enter: enterAt, leave: leaveAt, stayStage, stayOff } = ix;

  for (let i = 0; i < ix.n; i++) {
    if (ix.pipe[i] !== pcode) continue;
    const o = list[i];
    if (keep && !keep(o)) continue;
    const si = codeToStage[ix.stage[i]];
    if (si < 0) continue;
    dealCount++;
    const stage = stages[si];
    const s0 = stayOff[i], s1 = stayOff[i + 1], nStays = s1 - s0;
    const cr = ix.created[i], cl = ix.close[i], cd = ix.closed[i];
    const created = cr === cr ? cr : undefined, close = cl === cl ? cl : undefined, closed = cd === cd ? cd : undefined;
    const prob = o.probability ?? stage.probability;
    count[si]++;
    totals[si].add(o.amount);
    weighted[si].add(o.amount, prob);

    // Stays: time in stage and the reached set (a backward move clears later progress).
    reached.fill(0);
    let maxPos = -1;
    let enteredCurrent: number | undefined;
    for (let k = s0; k < s1; k++) {
      const idx = codeToStage[stayStage[k]];
      if (idx < 0) continue;
      const enter = enterAt[k], leave = leaveAt[k];
      if (leave === leave && stages[idx].kind === 'open') {
        const d = (leave - enter) / DAY_MS;
        if (d >= 0) stayDays[idx].push(d);
      }
      if (idx === si) enteredCurrent = enter;
      const p = funnelPos[idx];
      if (p < 0) continue;
      if (p < maxPos) for (let q = p + 1; q <= maxPos; q++) reached[q] = 0;
      reached[p] = 1;
      maxPos = p;
    }
    if (!nStays) {
      const p = funnelPos[si];
      if (p >= 0) { reached[p] = 1; maxPos = p; }
      enteredCurrent = created;
    }
    const isOpen = stage.kind === 'open';
    const curPos = isOpen ? funnelPos[si] : -1;
    let all = true;
    let lastReached = -1;
    for (let q = 0; q < P; q++) if (reached[q]) lastReached = q;
    for (let q = 0; q < P; q++) {
      if (!reached[q]) { if (q < WON) all = false; continue; }
      anyEntered[q]++;
      if (lastReached > q) anyAdvanced[q]++;
      if (q === curPos) anyStill[q]++;
      if (all) {
        allEntered[q]++;
        if (reached[q + 1] && q + 1 < P) allAdvanced[q]++;
        if (q === curPos) allStill[q]++;
      }
    }

    if (isOpen) {
      openCount++;
      openTotal.add(o.amount);
      openWeighted.add(o.amount, prob);
      let isIdle = false;
      if (enteredCurrent !== undefined) {
        const age = (now - enteredCurrent) / DAY_MS;
        if (age >= 0) ageDays[si].push(age);
        if (stage.idleDays !== undefined && age > stage.idleDays) { isIdle = true; idleIds[si].push(o.id); idleCount++; }
      }
      const past = close !== undefined && now - close > staleAfter;
      if ((past || isIdle) && close !== undefined && close >= from && close < to) { stale++; staleIds.push(o.id); }
    } else {
      const closedAt = closed ?? (nStays ? enterAt[s1 - 1] : undefined) ?? close;
      const start = created ?? (nStays ? enterAt[s0] : undefined);
      const inWindow = closedAt !== undefined && closedAt >= from && closedAt < to;
      if (stage.kind === 'won') {
        if (inWindow) { won++; wonValue.add(o.amount); }
        if (inWindow && start !== undefined && closedAt !== undefined && closedAt >= start) cycle.push((closedAt - start) / DAY_MS);
      } else {
        if (inWindow) { lost++; lostValue.add(o.amount); }
        if (inWindow && start !== undefined && closedAt !== undefined && closedAt >= start) lossCycle.push((closedAt - start) / DAY_MS);
      }
    }

    // Forecast: open deals by close date, won deals (closed) by when they closed; lost deals have no forecast value.
    if (stage.kind !== 'lost') {
      const when = stage.kind === 'won' ? closed ?? close : close;
      if (when !== undefined) {
        const cat = stage.kind === 'won' ? 'closed' : o.forecastCategory ?? stage.forecastCategory;
        const dayNo = Math.floor(when / DAY_MS);
        let key = keyByDay.get(dayNo);
        if (key === undefined) { key = periodKey(when, period); keyByDay.set(dayNo, key); }
        let row = rows.get(key);
        if (!row) { row = emptyCells(cell) as Record<ForecastCategory, ReturnType<typeof cell>>; rows.set(key, row); }
        const w = stage.kind === 'won' ? 1 : prob;
        const c1 = row[cat], c2 = fTotals[cat];
        c1.count++; c1.t.add(o.amount); c1.w.add(o.amount, w);
        c2.count++; c2.t.add(o.amount); c2.w.add(o.amount, w);
      }
    }
  }

  const stageSummaries: StageSummary[] = stages.map((s, i) => ({
    stageId: s.id, name: s.name, kind: s.kind, order: s.order, probability: s.probability, forecastCategory: s.forecastCategory,
    count: count[i], total: totals[i].total(), weighted: weighted[i].total(),
    idle: { threshold: s.idleDays, count: idleIds[i].length, opportunityIds: idleIds[i] },
    timeInStage: durationStats(stayDays[i]), currentAge: durationStats(ageDays[i]),
  }));
  const mkSteps = (entered: Int32Array, advanced: Int32Array, still: Int32Array): ConversionStep[] => {
    const steps: ConversionStep[] = [];
    for (let q = 0; q < P; q++) {
      if (q === WON && !hasWon) break;
      const decided = entered[q] - still[q];
      steps.push({
        stageId: q === WON ? 'won' : funnel[q].id, name: q === WON ? 'Won' : funnel[q].name,
        entered: entered[q], advanced: q === WON ? 0 : advanced[q], stillIn: still[q],
        rate: q === WON ? undefined : decided > 0 ? advanced[q] / decided : undefined,
        fromStart: entered[0] > 0 ? entered[q] / entered[0] : undefined,
      });
    }
    return steps;
  };
  let bottleneck: PipelineAnalytics['bottleneck'];
  for (const s of stageSummaries) {
    if (s.kind !== 'open' || s.timeInStage.median === undefined) continue;
    if (!bottleneck || s.timeInStage.median > bottleneck.medianDays || (s.timeInStage.median === bottleneck.medianDays && s.timeInStage.mean! > bottleneck.meanDays)) {
      bottleneck = { stageId: s.stageId, name: s.name, medianDays: s.timeInStage.median, meanDays: s.timeInStage.mean! };
    }
  }
  const ratio = (a: number, b: number) => (b > 0 ? a / b : undefined);
  const wv = wonValue.total(), lv = lostValue.total();
  const finish = (c: ReturnType<typeof cell>): ForecastCell => ({ count: c.count, total: c.t.total(), weighted: c.w.total() });
  const finishRow = (r: Record<ForecastCategory, ReturnType<typeof cell>>) =>
    Object.fromEntries(forecastCategories.map((k) => [k, finish(r[k])])) as Record<ForecastCategory, ForecastCell>;
  const openT = openTotal.total();
  return {
    summary: {
      pipelineId: pipeline.id, pipelineName: pipeline.name, currency: opts.currency, fx: openT.fx, stages: stageSummaries,
      open: { count: openCount, total: openT, weighted: openWeighted.total(), idle: idleCount },
    },
    conversion: { allStage: mkSteps(allEntered, allAdvanced, allStill), anyStage: mkSteps(anyEntered, anyAdvanced, anyStill) },
    bottleneck,
    winRate: {
      won, lost, stale,
      rate: opts.countStaleAsLost ? ratio(won, won + lost + stale) : ratio(won, won + lost),
      rateWithoutStale: ratio(won, won + lost), rateWithStale: ratio(won, won + lost + stale),
      wonValue: wv, lostValue: lv, valueRate: ratio(wv.amount, wv.amount + lv.amount), staleOpportunityIds: staleIds,
    },
    salesCycle: durationStats(cycle), lossCycle: durationStats(lossCycle),
    forecast: { period, rows: [...rows.keys()].sort().map((k) => ({ period: k, categories: finishRow(rows.get(k)!) })), totals: finishRow(fTotals) },
    dealCount,
  };
}

/** Per-stage count, total, weighted value and idle deals (the board's column headers). */
export function pipelineSummary(book: BookInput, opts: PipelineOptions): PipelineSummary {
  return pipelineAnalytics(book, opts).summary;
}

export function stageConversion(book: BookInput, opts: PipelineOptions): Conversion {
  return pipelineAnalytics(book, opts).conversion;
}

export function winRate(book: BookInput, opts: PipelineOptions): WinRate {
  return pipelineAnalytics(book, opts).winRate;
}

export function salesCycle(book: BookInput, opts: PipelineOptions): DurationStats {
  return pipelineAnalytics(book, opts).salesCycle;
}

export function pipelineForecast(book: BookInput, opts: PipelineOptions): Forecast {
  return pipelineAnalytics(book, opts).forecast;
}

/**
 * The same analytics per value of a dimension (owner, team, region, industry, pipeline).
 * Keys are sorted; deals without a value fall under ''.
 */
export function pipelineBy(book: BookInput, dimension: SliceDimension, opts: PipelineOptions): Array<{ key: string; analytics: PipelineAnalytics }> {
  const src = toSource(book);
  const keyOf = sliceKeyOf(src, dimension);
  const pipelineId = opts.pipelineId ?? src.pipelines()[0]?.id;
  const keys = new Set<string>();
  for (const o of src.all('opportunities')) if (dimension === 'pipeline' || o.pipelineId === pipelineId) keys.add(keyOf(o));
  return [...keys].sort().map((key) => {
    const base = sliceFilter(src, opts.slice);
    const sub: BookSource = {
      all: ((kind: string) => kind === 'opportunities' ? src.all('opportunities').filter((o) => keyOf(o) === key && (!base || base(o))) : src.all(kind as never)) as BookSource['all'],
      byAccount: src.byAccount.bind(src) as BookSource['byAccount'],
      pipelines: () => src.pipelines(),
    };
    return { key, analytics: pipelineAnalytics(sub, { ...opts, slice: undefined, pipelineId: dimension === 'pipeline' ? key : opts.pipelineId }) };
  });
}
