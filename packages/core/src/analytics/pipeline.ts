// Pipeline analytics over one pipeline: per-stage count, total and weighted value (in a
// reporting currency via dated FX, with the per-currency breakdown), idle deals, time in stage
// and the bottleneck, all-stage and any-stage conversion (skipped stages left out, backward
// moves undoing earlier progress), win rate, sales-cycle length and the forecast by category
// and period. Every figure can be sliced by owner, team, region, industry or pipeline.
import type { FxTable, MoneyTotal } from '../model/money.js';
import { MoneyAccumulator } from '../model/money.js';
import type { EntityMap, ForecastCategory, Opportunity, Pipeline, Stage } from '../model/schemas.js';
import { toSource, type BookInput, type BookSource } from './source.js';
import { categoryIndex, dealIndexOf, forecastCategories, grow } from './deal-index.js';
import { DAY_MS, nowMs, periodKey, type Instant, type Period } from './util.js';

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

export { forecastCategories };

/** A growable buffer of durations (ms). */
class Samples {
  a: Float64Array;
  n = 0;
  constructor(room = 16) { this.a = new Float64Array(Math.max(16, room)); }
  push(x: number): void {
    if (this.n === this.a.length) this.a = grow(this.a, this.n * 2);
    this.a[this.n++] = x;
  }
}

/**
 * Money sums for many accumulators at once, one typed slot per accumulator and currency code,
 * added in deal order like MoneyAccumulator.add (so every sum is bit for bit the same), and
 * handed to a MoneyAccumulator at the end: conversion happens once per total, not per deal.
 */
class MoneySlots {
  sum: Float64Array;
  count: Int32Array;
  /** Order in which each currency first reached the accumulator (the breakdown keeps it). */
  seq: Int32Array;
  distinct: Int32Array;
  size = 0;
  constructor(readonly currencies: readonly unknown[], capacity: number) {
    const C = Math.max(1, currencies.length);
    this.sum = new Float64Array(capacity * C); this.count = new Int32Array(capacity * C); this.seq = new Int32Array(capacity * C); this.distinct = new Int32Array(capacity);
  }
  /** Reserves k more accumulators; returns the first one's id. */
  alloc(k: number): number {
    const at = this.size;
    this.size += k;
    if (this.size > this.distinct.length) {
      const cap = Math.max(this.size, this.distinct.length * 2), C = Math.max(1, this.currencies.length);
      this.sum = grow(this.sum, cap * C); this.count = grow(this.count, cap * C); this.seq = grow(this.seq, cap * C); this.distinct = grow(this.distinct, cap);
    }
    return at;
  }
  add(acc: number, cur: number, v: number): void {
    const j = acc * this.currencies.length + cur;
    if (this.count[j]++ === 0) { this.sum[j] = v; this.seq[j] = this.distinct[acc]++; } else this.sum[j] += v;
  }
  into(acc: number, into: MoneyAccumulator): MoneyAccumulator {
    const C = this.currencies.length, k = this.distinct[acc];
    if (!k) return into;
    const order = new Int32Array(k);
    for (let c = 0; c < C; c++) { const j = acc * C + c; if (this.count[j]) order[this.seq[j]] = c; }
    for (let q = 0; q < k; q++) { const j = acc * C + order[q]; into.addSum(this.currencies[order[q]] as string, this.sum[j], this.count[j]); }
    return into;
  }
}

/** Funnels of up to this many positions (open stages + won) count deals per reached-set bit mask. */
const MASK_MAX_P = 10;

/**
 * All-stage and any-stage conversion counts per funnel position (WON: the won position, last).
 * A deal is given by the positions it reached (`reached`, 1 each) and the one it sits in now
 * (-1: none, a closed deal), with a weight: the number of deals alike.
 */
class FunnelTally {
  readonly anyEntered: Int32Array; readonly anyAdvanced: Int32Array; readonly anyStill: Int32Array;
  readonly allEntered: Int32Array; readonly allAdvanced: Int32Array; readonly allStill: Int32Array;
  readonly reached: Uint8Array;
  constructor(readonly P: number, readonly WON: number) {
    this.anyEntered = new Int32Array(P); this.anyAdvanced = new Int32Array(P); this.anyStill = new Int32Array(P);
    this.allEntered = new Int32Array(P); this.allAdvanced = new Int32Array(P); this.allStill = new Int32Array(P);
    this.reached = new Uint8Array(P + 1); // one past the end stays 0
  }

  /** Adds `w` deals with the reached set in `reached` and current position curPos. */
  add(curPos: number, w: number): void {
    const { P, WON, reached } = this;
    let all = true;
    let lastReached = -1;
    for (let q = 0; q < P; q++) if (reached[q]) lastReached = q;
    for (let q = 0; q < P; q++) {
      if (!reached[q]) { if (q < WON) all = false; continue; }
      this.anyEntered[q] += w;
      if (lastReached > q) this.anyAdvanced[q] += w;
      if (q === curPos) this.anyStill[q] += w;
      if (all) {
        this.allEntered[q] += w;
        if (reached[q + 1]) this.allAdvanced[q] += w;
        if (q === curPos) this.allStill[q] += w;
      }
    }
  }

  /** Adds the deals counted per reached-set mask and current position: hist[mask × (WON + 1) + curPos + 1]. */
  addMasks(hist: Int32Array): void {
    const { P, WON, reached } = this;
    for (let k = 0; k < hist.length; k++) {
      if (!hist[k]) continue;
      const mask = Math.floor(k / (WON + 1));
      for (let q = 0; q < P; q++) reached[q] = (mask >>> q) & 1;
      this.add((k % (WON + 1)) - 1, hist[k]);
    }
  }
}

function emptyStats(): DurationStats { return { count: 0, mean: undefined, median: undefined, p90: undefined, min: undefined, max: undefined }; }

/** Count, mean, median, p90 (linear interpolation), min and max of finite values. */
export function durationStats(days: readonly number[]): DurationStats {
  const s = Float64Array.from(days.filter(Number.isFinite)).sort(); // typed arrays sort numerically
  return sortedStats(s, s.length, 1);
}

/**
 * durationStats in days of durations held in ms (all finite and ≥ 0), sorted in place. Whole
 * milliseconds leave the low bits of each double zero, which the radix sort then skips.
 */
function samplesStats(x: Samples): DurationStats {
  if (!x.n) return emptyStats();
  const a = x.a.subarray(0, x.n);
  if (x.n < 512 || !radixSort(a)) a.sort();
  return sortedStats(a, x.n, DAY_MS);
}

// LSD radix sort for finite doubles ≥ 0, whose bit patterns sort like their values: about twice
// as fast as the built-in sort on the 100k-deal dashboards, where sorting durations is the
// largest cost left (the mean is summed in sorted order, so the order itself is needed).
// Digits: 11, 11 and 10 bits of each 32-bit half; a digit equal in every value is skipped.
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const radixCounts = new Int32Array(6 * 2048);
let radixScratch = new Float64Array(0);

/** Sorts `a` in place; false (untouched) when a value has its sign bit set or the platform is big-endian. */
function radixSort(a: Float64Array): boolean {
  if (!littleEndian) return false;
  const n = a.length;
  if (radixScratch.length < n) radixScratch = new Float64Array(Math.max(n, radixScratch.length * 2));
  const tmp = radixScratch;
  const c = radixCounts;
  const au = new Uint32Array(a.buffer, a.byteOffset, 2 * n), tu = new Uint32Array(tmp.buffer, 0, 2 * n);
  if (radixHistogram(au, n, c) < 0) return false; // a sign bit set: negative (or -0)
  let from: Float64Array = a, to: Float64Array = tmp, fromU: Uint32Array = au, toU: Uint32Array = tu;
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * 2048, word = pass < 3 ? 0 : 1, shift = (pass % 3) * 11, mask = pass % 3 === 2 ? 1023 : 2047;
    if (c[base + ((fromU[word] >>> shift) & mask)] === n) continue;
    radixPass(from, to, fromU, n, c, base, word, shift, mask);
    const t = from; from = to; to = t;
    const tU = fromU; fromU = toU; toU = tU;
  }
  if (from !== a) a.set(from.subarray(0, n));
  return true;
}

// The loops live in functions of their own so that each is optimised as a whole (a long loop
// compiled on the fly inside radixSort kept being thrown away at the code after it).
/** Fills the six digit histograms; returns the OR of the high words (negative when a sign bit is set). */
function radixHistogram(au: Uint32Array, n: number, c: Int32Array): number {
  c.fill(0);
  let any = 0;
  for (let i = 0; i < n; i++) {
    const lo = au[2 * i], hi = au[2 * i + 1];
    c[lo & 2047]++; c[2048 + ((lo >>> 11) & 2047)]++; c[4096 + (lo >>> 22)]++;
    c[6144 + (hi & 2047)]++; c[8192 + ((hi >>> 11) & 2047)]++; c[10240 + (hi >>> 22)]++;
    any |= hi;
  }
  return any;
}

function radixPass(from: Float64Array, to: Float64Array, fromU: Uint32Array, n: number, c: Int32Array, base: number, word: number, shift: number, mask: number): void {
  let sum = 0;
  for (let k = 0; k <= mask; k++) { const x = c[base + k]; c[base + k] = sum; sum += x; }
  for (let i = 0; i < n; i++) to[c[base + ((fromU[2 * i + word] >>> shift) & mask)]++] = from[i];
}

/** Stats of sorted values, each divided by `unit` first (the same numbers as dividing before sorting: x ↦ x / unit keeps the order). */
function sortedStats(s: Float64Array, n: number, unit: number): DurationStats {
  if (!n) return emptyStats();
  const sum = sumOver(s, n, unit);
  return { count: n, mean: sum / n, median: quantileOf(s, n, 0.5, unit), p90: quantileOf(s, n, 0.9, unit), min: s[0] / unit, max: s[n - 1] / unit };
}

/**
 * Σ s[i] / unit in index order. Its own function: when the long loop is compiled on the fly
 * (on-stack replacement) inside sortedStats, V8 kept throwing that code away at the result's
 * object literal, and the loop ran mostly unoptimised.
 */
function sumOver(s: Float64Array, n: number, unit: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i] / unit;
  return sum;
}

/** Linear-interpolated quantile p of n sorted values, in units (no closure: this runs per stage per call). */
function quantileOf(s: Float64Array, n: number, p: number, unit: number): number {
  const pos = (n - 1) * p, lo = Math.floor(pos), hi = Math.ceil(pos), a = s[lo] / unit;
  return a + (s[hi] / unit - a) * (pos - lo);
}

/** The opportunities a slice keeps. */
export function sliceFilter(src: BookSource, slice: Slice | undefined): ((o: Opportunity) => boolean) | undefined {
  if (!slice) return undefined;
  const set = (xs?: readonly string[]) => (xs && xs.length ? new Set(xs) : undefined);
  const owners = set(slice.owners), teams = set(slice.teams), regions = set(slice.regions), industries = set(slice.industries), pipelines = set(slice.pipelines), accounts = set(slice.accounts);
  if (!owners && !teams && !regions && !industries && !pipelines && !accounts) return undefined;
  const acc = regions || industries ? byId(src, 'accounts') : undefined;
  const users = teams ? byId(src, 'users') : undefined;
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

// Keyed by the source's array: a store hands out a new one after every change.
const idIndexes = new WeakMap<object, Map<string, unknown>>();
/** Accounts or users by id, built once per array. */
function byId<K extends 'accounts' | 'users'>(src: BookSource, kind: K): Map<string, EntityMap[K]> {
  const list = src.all(kind);
  let m = idIndexes.get(list) as Map<string, EntityMap[K]> | undefined;
  if (!m) { m = new Map(list.map((r) => [r.id, r])); idIndexes.set(list, m); }
  return m;
}

/** The key a deal falls under for a slice dimension ('' when it has none). */
export function sliceKeyOf(src: BookSource, dim: SliceDimension): (o: Opportunity) => string {
  if (dim === 'owner') return (o) => o.ownerId ?? '';
  if (dim === 'pipeline') return (o) => o.pipelineId;
  if (dim === 'team') { const u = byId(src, 'users'); return (o) => u.get(o.ownerId ?? '')?.team ?? ''; }
  const a = byId(src, 'accounts');
  return dim === 'region' ? (o) => a.get(o.accountId)?.region ?? '' : (o) => a.get(o.accountId)?.industry ?? '';
}

function pickPipeline(src: BookSource, id: string | undefined): Pipeline | undefined {
  const ps = src.pipelines();
  return id === undefined ? ps[0] : ps.find((p) => p.id === id);
}

/**
 * Every pipeline figure in one pass over the deals (plus one over each deal's stage history).
 * Deals on other pipelines and outside the slice are left out.
 */
export function pipelineAnalytics(book: BookInput, opts: PipelineOptions): PipelineAnalytics {
  const src = toSource(book);
  return analyze(src, opts, sliceFilter(src, opts.slice));
}

/** pipelineAnalytics over the deals `keep` accepts (all when undefined). */
function analyze(src: BookSource, opts: PipelineOptions, keep: ((o: Opportunity) => boolean) | undefined): PipelineAnalytics {
  // A pipeline that is not loaded: the same pass over no stages, where no deal is placed, gives
  // every figure empty.
  const pipeline: Pick<Pipeline, 'id' | 'name' | 'stages'> = pickPipeline(src, opts.pipelineId) ?? { id: opts.pipelineId ?? '', name: '', stages: [] };
  const now = nowMs(opts.now);
  const fxAsOf = new Date(opts.fxAsOf !== undefined ? nowMs(opts.fxAsOf) : now).toISOString();
  const acc = () => new MoneyAccumulator(opts.currency, opts.fx, fxAsOf);
  const period = opts.period ?? 'month';
  const stages = [...pipeline.stages].sort((a, b) => a.order - b.order);
  const S = stages.length;
  const stageAt = new Map(stages.map((s, i) => [s.id, i]));
  // Funnel positions: open stages in order, then one "won" position.
  const funnelPos = new Int32Array(S).fill(-1);
  const funnel: Array<{ id: string; name: string }> = [];
  stages.forEach((s, i) => { if (s.kind === 'open') { funnelPos[i] = funnel.length; funnel.push({ id: s.id, name: s.name }); } });
  const WON = funnel.length;
  const P = WON + 1;

  const count = new Int32Array(S);
  const idleIds: string[][] = stages.map(() => []);
  const ageDays = stages.map(() => new Samples());
  const funnelTally = new FunnelTally(P, WON);
  const { reached } = funnelTally;
  // A small funnel keeps each deal's reached set as a bit mask (bit q: position q) and counts
  // deals per (mask, current position), expanded into the conversion counts once at the end.
  const hist = P <= MASK_MAX_P ? new Int32Array((1 << P) * (WON + 1)) : undefined;
  let openCount = 0, idleCount = 0, won = 0, lost = 0, stale = 0, dealCount = 0;
  const staleIds: string[] = [];
  const cycle = new Samples(), lossCycle = new Samples();
  const from = opts.from !== undefined ? nowMs(opts.from) : -Infinity;
  const to = opts.to !== undefined ? nowMs(opts.to) : Infinity;
  const staleAfter = (opts.staleAfterDays ?? 0) * DAY_MS;

  // Maintained by the store when src is one (rows rewritten per changed deal), else built once per array.
  const ix = dealIndexOf(src);
  const list = ix.recs, ids = ix.ids;
  const pcode = ix.pipeCodes.get(pipeline.id) ?? -2; // -1 marks a hole
  const codeToStage = new Int32Array(ix.stageCodes.size).fill(-1);
  for (const [id, code] of ix.stageCodes) { const k = stageAt.get(id); if (k !== undefined) codeToStage[code] = k; }
  const { enter: enterAt, stayStage, stayOff, stayLen, cur: curOf, amount: amountOf, hasProb, prob: probOf } = ix;
  // Room for every stay of each stage up front (unless a slice leaves most out): grown by
  // doubling, the durations of 100,000 deals took about twice their size in fresh memory.
  const staysOf = new Int32Array(S);
  if (!keep) for (let k = 0; k < ix.stayTop; k++) { const x = stayStage[k], si = codeToStage[x < 0 ? ~x : x]; if (si >= 0) staysOf[si]++; }
  const stayDays = stages.map((s, i) => new Samples(s.kind === 'open' ? staysOf[i] : 0)); // only open stages' stays are timed
  const kindOpen = new Uint8Array(S), kindWon = new Uint8Array(S), kindLost = new Uint8Array(S), stageCat = new Int8Array(S);
  // Won stages share the funnel's last position.
  stages.forEach((s, i) => { kindOpen[i] = +(s.kind === 'open'); if ((kindWon[i] = +(s.kind === 'won'))) funnelPos[i] = WON; kindLost[i] = +(s.kind === 'lost'); stageCat[i] = categoryIndex(s.forecastCategory); });
  const hasWon = kindWon.includes(1);

  // Money: accumulator ids in the slots. Per stage total and weighted, the open/won/lost sums,
  // the forecast totals (category × [total, weighted]), then 10 per forecast row.
  const money = new MoneySlots(ix.currencies, 2 * S + 14 + 10 * 16);
  const TOTAL = money.alloc(S), WEIGHTED = money.alloc(S), OPEN_T = money.alloc(1), OPEN_W = money.alloc(1), WON_V = money.alloc(1), LOST_V = money.alloc(1);
  const FTOTALS = money.alloc(10);
  const C = forecastCategories.length;
  const rowKeys: string[] = [];
  const rowBase: number[] = [];
  let cellCount = new Int32Array(16 * C);
  const fCount = new Int32Array(C);
  const rowByKey = new Map<string, number>();
  // Day → forecast row: a direct-mapped cache in front of the key map (a few thousand distinct days).
  const dayOfSlot = new Float64Array(4096).fill(NaN), rowOfSlot = new Int32Array(4096);

  for (let i = 0; i < ix.n; i++) {
    if (ix.pipe[i] !== pcode) continue;
    if (keep && !keep(list[i]!)) continue;
    const si = codeToStage[ix.stage[i]];
    if (si < 0) continue;
    dealCount++;
    const stage = stages[si];
    const s0 = stayOff[i], nStays = stayLen[i], s1 = s0 + nStays;
    const created = ix.created ? ix.created[i] : NaN, close = ix.close[i], closed = ix.closed[i]; // NaN: none (created: the first stay's start)
    const prob = hasProb && hasProb[i] ? probOf![i] : stage.probability;
    const cur = curOf[i], amount = amountOf[i];
    const probOk = Number.isFinite(prob);
    count[si]++;
    if (cur >= 0) {
      money.add(TOTAL + si, cur, amount);
      if (probOk) money.add(WEIGHTED + si, cur, amount * prob);
    }

    // Stays: time in stage and the reached set (a backward move clears later progress).
    if (!hist) for (let q = 0; q < P; q++) reached[q] = 0;
    let maxPos = -1, mask = 0;
    let enteredCurrent = NaN;
    for (let k = s0; k < s1; k++) {
      const x = stayStage[k]; // ~code: the stay has an end of its own
      const idx = codeToStage[x < 0 ? ~x : x];
      if (idx < 0) continue;
      const enter = enterAt[k];
      if (kindOpen[idx]) {
        const d = ix.leaveOf(k, s1) - enter;
        if (d >= 0) stayDays[idx].push(d);
      }
      if (idx === si) enteredCurrent = enter;
      const p = funnelPos[idx];
      if (p < 0) continue;
      if (hist) {
        if (p < maxPos) mask &= (2 << p) - 1; // no bit above maxPos is ever set
        mask |= 1 << p;
      } else {
        if (p < maxPos) for (let q = p + 1; q <= maxPos; q++) reached[q] = 0;
        reached[p] = 1;
      }
      maxPos = p;
    }
    if (!nStays) {
      const p = funnelPos[si];
      if (p >= 0) { if (hist) mask = 1 << p; else reached[p] = 1; }
      enteredCurrent = created;
    }
    const isOpen = kindOpen[si] === 1;
    const curPos = isOpen ? funnelPos[si] : -1;
    if (hist) hist[mask * (WON + 1) + curPos + 1]++;
    else funnelTally.add(curPos, 1);

    if (isOpen) {
      openCount++;
      if (cur >= 0) {
        money.add(OPEN_T, cur, amount);
        if (probOk) money.add(OPEN_W, cur, amount * prob);
      }
      let isIdle = false;
      if (enteredCurrent === enteredCurrent) {
        const age = (now - enteredCurrent) / DAY_MS;
        if (age >= 0) ageDays[si].push(now - enteredCurrent);
        if (stage.idleDays !== undefined && age > stage.idleDays) { isIdle = true; idleIds[si].push(ids[i]); idleCount++; }
      }
      const past = close === close && now - close > staleAfter;
      if ((past || isIdle) && close === close && close >= from && close < to) { stale++; staleIds.push(ids[i]); }
    } else {
      // NaN stands for "none" in each fallback, as undefined did.
      let closedAt = closed;
      if (closedAt !== closedAt) closedAt = nStays ? enterAt[s1 - 1] : close;
      const start = created === created ? created : nStays ? enterAt[s0] : NaN;
      const inWindow = closedAt === closedAt && closedAt >= from && closedAt < to;
      const spanOk = inWindow && start === start && closedAt >= start;
      if (kindWon[si]) {
        if (inWindow) { won++; if (cur >= 0) money.add(WON_V, cur, amount); }
        if (spanOk) cycle.push(closedAt - start);
      } else {
        if (inWindow) { lost++; if (cur >= 0) money.add(LOST_V, cur, amount); }
        if (spanOk) lossCycle.push(closedAt - start);
      }
    }

    // Forecast: open deals by close date, won deals (closed) by when they closed; lost deals have no forecast value.
    if (!kindLost[si]) {
      const isWon = kindWon[si] === 1;
      const when = isWon && closed === closed ? closed : close;
      if (when === when) {
        let cat = isWon ? 3 : ix.fcat[i];
        if (cat === -1) cat = stageCat[si];
        if (cat < 0) throw new RangeError(`opportunity ${list[i]!.id}: forecast category "${String(list[i]!.forecastCategory ?? stage.forecastCategory)}" is not one of ${forecastCategories.join(', ')}`);
        const dayNo = Math.floor(when / DAY_MS);
        const slot = dayNo & 4095;
        let row = rowOfSlot[slot];
        if (dayOfSlot[slot] !== dayNo) {
          const key = periodKey(when, period);
          const known = rowByKey.get(key);
          if (known !== undefined) row = known;
          else {
            row = rowKeys.length;
            rowKeys.push(key); rowBase.push(money.alloc(2 * C)); rowByKey.set(key, row);
            if ((row + 1) * C > cellCount.length) cellCount = grow(cellCount, cellCount.length * 2);
          }
          dayOfSlot[slot] = dayNo; rowOfSlot[slot] = row;
        }
        const w = isWon ? 1 : prob;
        cellCount[row * C + cat]++; fCount[cat]++;
        if (cur >= 0) {
          const r = rowBase[row] + 2 * cat, t = FTOTALS + 2 * cat;
          money.add(r, cur, amount); money.add(t, cur, amount);
          if (Number.isFinite(w)) { const v = amount * w; money.add(r + 1, cur, v); money.add(t + 1, cur, v); }
        }
      }
    }
  }

  if (hist) funnelTally.addMasks(hist);
  const { anyEntered, anyAdvanced, anyStill, allEntered, allAdvanced, allStill } = funnelTally;
  const total = (id: number): MoneyTotal => money.into(id, acc()).total();
  const stageSummaries: StageSummary[] = stages.map((s, i) => ({
    stageId: s.id, name: s.name, kind: s.kind, order: s.order, probability: s.probability, forecastCategory: s.forecastCategory,
    count: count[i], total: total(TOTAL + i), weighted: total(WEIGHTED + i),
    idle: { threshold: s.idleDays, count: idleIds[i].length, opportunityIds: idleIds[i] },
    timeInStage: samplesStats(stayDays[i]), currentAge: samplesStats(ageDays[i]),
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
  const wv = total(WON_V), lv = total(LOST_V);
  const cells = (counts: ArrayLike<number>, at: number, base: number) =>
    Object.fromEntries(forecastCategories.map((k, c) => [k, { count: counts[at + c], total: total(base + 2 * c), weighted: total(base + 2 * c + 1) }])) as Record<ForecastCategory, ForecastCell>;
  const openT = total(OPEN_T);
  return {
    summary: {
      pipelineId: pipeline.id, pipelineName: pipeline.name, currency: opts.currency, fx: openT.fx, stages: stageSummaries,
      open: { count: openCount, total: openT, weighted: total(OPEN_W), idle: idleCount },
    },
    conversion: { allStage: mkSteps(allEntered, allAdvanced, allStill), anyStage: mkSteps(anyEntered, anyAdvanced, anyStill) },
    bottleneck,
    winRate: {
      won, lost, stale,
      rate: opts.countStaleAsLost ? ratio(won, won + lost + stale) : ratio(won, won + lost),
      rateWithoutStale: ratio(won, won + lost), rateWithStale: ratio(won, won + lost + stale),
      wonValue: wv, lostValue: lv, valueRate: ratio(wv.amount, wv.amount + lv.amount), staleOpportunityIds: staleIds,
    },
    salesCycle: samplesStats(cycle), lossCycle: samplesStats(lossCycle),
    forecast: { period, rows: [...rowKeys.keys()].sort((a, b) => (rowKeys[a] < rowKeys[b] ? -1 : rowKeys[a] > rowKeys[b] ? 1 : 0)).map((r) => ({ period: rowKeys[r], categories: cells(cellCount, r * C, rowBase[r]) })), totals: cells(fCount, 0, FTOTALS) },
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
  const base = sliceFilter(src, opts.slice);
  // Each key reads the same deal index (the store's, kept current) through a filter, in the same
  // deal order a filtered copy of the deals would have.
  return [...keys].sort().map((key) => ({
    key,
    analytics: analyze(src, { ...opts, slice: undefined, pipelineId: dimension === 'pipeline' ? key : opts.pipelineId }, (o) => keyOf(o) === key && (!base || base(o))),
  }));
}
