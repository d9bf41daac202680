// Scoring. A model is compiled once into flat typed arrays and one tight loop; explanations for
// many accounts go into preallocated typed arrays (`scoreBatch`), and a single account's full
// HealthResult is materialised from the same numbers (`scoreAccount`), so the two never differ.
//
// The maths: each factor gets a fraction f ∈ [0,1] of its points. Its effective weight W is the
// product of its own and its ancestors' weights, each normalised over the siblings that are
// *active* (have data, or are imputed by the neutral / worst policy). Active W sum to 1, so
// earned = 100·W·f, lost = 100·W·(1−f), and Σ lost + score = 100 under every policy.
import type { HealthModel, ScoringFunction } from './model.js';
import type { Signals } from './signals.js';
import type { HealthOverride, OverrideLedger } from './overrides.js';
import { activeOverride } from './in-force.js';
import { bandRef, type BandRef } from './band-ref.js';
import { toMs, type Instant } from '../analytics/util.js';

const LINEAR = 0, STEPS = 1, DECAY = 2;

/** How a factor was treated for one account. */
export type FactorTreatment = 'scored' | 'neutral' | 'worst' | 'ignored' | 'no_data_fallback';

/**
 * Preallocated explanations for many accounts (row i, factor j at i·factors + j). Points are
 * stored compactly — each factor's fraction plus the row's effective-weight vector — and read
 * with `pointsEarned` / `pointsLost` / `treatmentOf` (or in full with `explainRow`).
 */
export interface ScoreBatch {
  size: number;
  factors: number;
  /** 32-bit words per row in `dataMask`. */
  words: number;
  score: Float64Array;
  /** Index into model.bands. */
  band: Uint8Array;
  /** Share of the model's nominal weight whose signal had data, 0–1. */
  coverage: Float64Array;
  /** Fraction 0–1 of its points each factor earned. */
  fraction: Float64Array;
  /** Bit j of row i set when factor j's signal had data. */
  dataMask: Uint32Array;
  /** Per row: which effective-weight vector (in `weightSets`) applies. */
  weightSet: Uint32Array;
  /** Effective-weight vectors shared by rows with the same pattern of active factors. */
  weightSets: Float64Array[];
  /** Per row: 1 when nothing had data and the neutral fallback applied. */
  fallback: Uint8Array;
}

export function allocateBatch(size: number, factors: number): ScoreBatch {
  const words = Math.max(1, Math.ceil(factors / 32));
  return {
    size, factors, words,
    score: new Float64Array(size), band: new Uint8Array(size), coverage: new Float64Array(size),
    fraction: new Float64Array(size * factors), dataMask: new Uint32Array(size * words),
    weightSet: new Uint32Array(size), weightSets: [], fallback: new Uint8Array(size),
  };
}

/** The factor of row i losing the most points (−1 when none lost any). */
export function topDriverOf(batch: ScoreBatch, i: number): number {
  const w = batch.weightSets[batch.weightSet[i]];
  const F = batch.factors;
  let worst = -1, worstLost = 1e-12;
  for (let j = 0; j < F; j++) {
    const lost = w[j] * (1 - batch.fraction[i * F + j]);
    if (lost > worstLost) { worstLost = lost; worst = j; }
  }
  return worst;
}

/** How factor j of row i was treated (scored, neutral, worst, ignored, no_data_fallback). */
export function treatmentOf(c: CompiledHealthModel, batch: ScoreBatch, i: number, j: number): FactorTreatment {
  if (batch.fallback[i]) return 'no_data_fallback';
  if ((batch.dataMask[i * batch.words + (j >>> 5)] >>> (j & 31)) & 1) return 'scored';
  const f = c.model.factors[j];
  const p = f.missing ?? c.model.missing;
  return p === 'ignore' ? 'ignored' : p;
}

/** Points factor j earned for row i of a batch. */
export function pointsEarned(batch: ScoreBatch, i: number, j: number): number {
  return 100 * batch.weightSets[batch.weightSet[i]][j] * batch.fraction[i * batch.factors + j];
}

/** Points factor j lost for row i of a batch (its maximum minus what it earned). */
export function pointsLost(batch: ScoreBatch, i: number, j: number): number {
  const max = 100 * batch.weightSets[batch.weightSet[i]][j];
  return max - max * batch.fraction[i * batch.factors + j];
}

export interface CompiledHealthModel {
  readonly model: HealthModel;
  /** Signal names in input-column order. */
  readonly signals: readonly string[];
  /** Factor ids in explanation order. */
  readonly factorIds: readonly string[];
  /** For each factor, its signal's column. */
  readonly factorSignal: Int32Array;
  /** Each factor's weight share when every factor is active. */
  readonly nominalWeight: Float64Array;
  /** Group ids along each factor's path (outermost first). */
  readonly factorPath: readonly (readonly string[])[];
  /** Fraction 0–1 that factor j gives raw value x (x must be finite). */
  fraction(j: number, x: number): number;
  /** Scores rows [from, from+count) of `input` (row-major, one column per signal, NaN = no data) into `out` at the same rows. */
  run(input: Float64Array, out: ScoreBatch, from?: number, count?: number): void;
  bandIndex(score: number): number;
}

const compiled = new WeakMap<HealthModel, CompiledHealthModel>();

/** Compiles a (validated) model into flat arrays and one scoring loop. Memoised per model object. */
export function compileHealthModel(model: HealthModel): CompiledHealthModel {
  const hit = compiled.get(model);
  if (hit) return hit;
  const c = buildCompiled(model);
  compiled.set(model, c);
  return c;
}

function buildCompiled(model: HealthModel): CompiledHealthModel {
  const F = model.factors.length;
  const factorIndex = new Map(model.factors.map((f, i) => [f.id, i]));
  const groupById = new Map(model.groups.map((g) => [g.id, g]));
  // Groups: 0 is the virtual root; others in pre-order.
  const gIds: string[] = [''];
  const gParent: number[] = [-1];
  const gWeight: number[] = [1];
  const fParentArr = new Int32Array(F);
  const factorPath: string[][] = new Array(F);
  const walk = (children: string[], g: number, path: string[]) => {
    for (const id of children) {
      const fi = factorIndex.get(id);
      if (fi !== undefined) { fParentArr[fi] = g; factorPath[fi] = path; continue; }
      const grp = groupById.get(id)!;
      const gi = gIds.length;
      gIds.push(grp.id); gParent.push(g); gWeight.push(grp.weight);
      walk(grp.children, gi, [...path, grp.id]);
    }
  };
  walk(model.root, 0, []);
  const G = gIds.length;
  const gParentArr = Int32Array.from(gParent);
  const gWeightArr = Float64Array.from(gWeight);

  const signals: string[] = [];
  const col = new Map<string, number>();
  const fSignal = new Int32Array(F);
  const fType = new Uint8Array(F);
  const fWeight = new Float64Array(F);
  const fNeutral = new Float64Array(F);
  /** Each factor's fraction when its signal has no data (neutral: its neutral value, else 0). */
  const missingFrac = new Float64Array(F);
  // Linear: fraction = clamp(x·slope + intercept) (direction folded in); decay: 0.5^((x − grace)·slope),
  // grace in `intercept`; steps: thresholds and scores flattened, both from stepOffset.
  const slope = new Float64Array(F);
  const intercept = new Float64Array(F);
  const stepOffset = new Int32Array(F);
  const stepCount = new Int32Array(F);
  const flatTh: number[] = [];
  const flatSc: number[] = [];
  // Words of 32 activity bits per row; bit j set when factor j is active.
  const W = Math.max(1, Math.ceil(F / 32));
  /** Factors whose missing-data policy keeps them active without data (neutral / worst). */
  const alwaysActive = new Int32Array(W);
  model.factors.forEach((f, j) => {
    let c = col.get(f.signal);
    if (c === undefined) { c = signals.length; signals.push(f.signal); col.set(f.signal, c); }
    fSignal[j] = c;
    const s: ScoringFunction = f.scoring;
    if (s.type === 'linear') {
      const span = s.to - s.from, up = f.direction === 'higher_is_better';
      slope[j] = up ? 1 / span : -1 / span;
      intercept[j] = up ? -s.from / span : 1 + s.from / span;
    } else if (s.type === 'decay') {
      fType[j] = DECAY;
      slope[j] = 1 / s.halfLifeDays;
      intercept[j] = s.graceDays ?? 0;
    } else {
      fType[j] = STEPS;
      stepOffset[j] = flatTh.length;
      stepCount[j] = s.thresholds.length;
      // scores has one more entry than thresholds: pad thresholds so both share one offset.
      flatTh.push(...s.thresholds, Infinity);
      flatSc.push(...s.scores);
    }
    const p = f.missing ?? model.missing;
    fNeutral[j] = f.neutral ?? model.neutral;
    missingFrac[j] = p === 'neutral' ? fNeutral[j] : 0;
    if (p !== 'ignore') alwaysActive[j >>> 5] |= 1 << (j & 31);
    fWeight[j] = f.weight;
  });
  const stTh = Float64Array.from(flatTh);
  const stSc = Float64Array.from(flatSc);

  const fraction = (j: number, x: number): number => {
    const t = fType[j];
    if (t === LINEAR) { const v = x * slope[j] + intercept[j]; return v < 0 ? 0 : v > 1 ? 1 : v; }
    if (t === DECAY) return x <= intercept[j] ? 1 : Math.pow(0.5, (x - intercept[j]) * slope[j]);
    let k = stepOffset[j];
    const stop = k + stepCount[j];
    while (k < stop && x >= stTh[k]) k++;
    return stSc[k];
  };

  // Effective weights depend only on which factors are active. With up to 16 factors the
  // weights of each activity pattern are computed once and kept (lazily), so a row costs one
  // pass to score its factors and one to write its explanation.
  const sum = new Float64Array(G);
  const eff = new Float64Array(G);
  /** Effective weights of the factors whose bit is set in words [at, at + W) of `bits`; returns their total. */
  const effectiveWeights = (bits: Int32Array, at: number, out: Float64Array): number => {
    const active = (j: number) => (bits[at + (j >>> 5)] >>> (j & 31)) & 1;
    sum.fill(0);
    for (let j = 0; j < F; j++) if (active(j)) sum[fParentArr[j]] += fWeight[j];
    for (let g = G - 1; g > 0; g--) if (sum[g] > 0) sum[gParentArr[g]] += gWeightArr[g];
    eff[0] = 1;
    for (let g = 1; g < G; g++) { const p = gParentArr[g]; eff[g] = sum[g] > 0 && sum[p] > 0 ? (eff[p] * gWeightArr[g]) / sum[p] : 0; }
    let total = 0;
    for (let j = 0; j < F; j++) {
      const p = fParentArr[j];
      const w = active(j) && sum[p] > 0 ? (eff[p] * fWeight[j]) / sum[p] : 0;
      out[j] = w;
      total += w;
    }
    return total;
  };
  // Nominal weights (every factor active) for coverage.
  const nominalWeight = new Float64Array(F);
  effectiveWeights(new Int32Array(W).fill(-1), 0, nominalWeight);

  const bandMin = Float64Array.from(model.bands.map((b) => b.min));
  const bandIndex = (score: number): number => {
    let b = 0;
    for (let k = 1; k < bandMin.length; k++) if (score >= bandMin[k]) b = k;
    return b;
  };

  // Rows go in blocks; within a block each factor is scored for every row in one tight loop
  // (its scoring type decided once per block, the block's inputs still in cache), then each
  // row's activity bits index its effective weights.
  const BLOCK = 256;
  const blockMask = new Int32Array(BLOCK * W);
  const activeBits = new Int32Array(W);
  // Weight vectors: up to 16 factors, index = activity mask (filled lazily) and the last slot is
  // the all-active (nominal) vector used by the no-data fallback; bigger models key by pattern.
  const useTable = F <= 16;
  const FALLBACK = useTable ? 1 << F : 0;
  const weightSets: Float64Array[] = useTable ? new Array<Float64Array>((1 << F) + 1) : [nominalWeight];
  const weightTotals = new Float64Array(useTable ? (1 << F) + 1 : 1).fill(NaN);
  if (useTable) { weightSets[FALLBACK] = nominalWeight; weightTotals[FALLBACK] = 1; }
  const bigIndex = new Map<string, number>();
  /** Index of the weight vector for a block row's data bits (at `mo`) plus the always-active factors; −1 when nothing active carries weight. */
  const weightIndex = (mo: number): number => {
    if (useTable) {
      const mask = blockMask[mo] | alwaysActive[0];
      if (weightTotals[mask] !== weightTotals[mask]) { // NaN: not computed yet
        activeBits[0] = mask;
        weightTotals[mask] = effectiveWeights(activeBits, 0, weightSets[mask] = new Float64Array(F));
      }
      return weightTotals[mask] > 0 ? mask : -1;
    }
    for (let k = 0; k < W; k++) activeBits[k] = blockMask[mo + k] | alwaysActive[k];
    const key = activeBits.join();
    let k = bigIndex.get(key);
    if (k === undefined) {
      const w = new Float64Array(F);
      k = effectiveWeights(activeBits, 0, w) > 0 ? weightSets.push(w) - 1 : -1;
      bigIndex.set(key, k);
    }
    return k;
  };
  // Coverage per data mask (≤ 16 factors), filled lazily.
  const coverageByMask = new Float64Array(useTable ? 1 << F : 0).fill(NaN);
  const coverageOf = (mo: number): number => {
    let c = useTable ? coverageByMask[blockMask[mo]] : NaN;
    if (c !== c) {
      c = 0;
      for (let j = 0; j < F; j++) if ((blockMask[mo + (j >>> 5)] >>> (j & 31)) & 1) c += nominalWeight[j];
      if (c > 1) c = 1;
      if (useTable) coverageByMask[blockMask[mo]] = c;
    }
    return c;
  };
  const S = signals.length;

  /** Scores rows [from, from + count) of `input` into `out`. */
  const run = (input: Float64Array, out: ScoreBatch, from = 0, count = out.size - from): void => {
    out.weightSets = weightSets;
    const end = from + count;
    const fracOut = out.fraction, maskOut = out.dataMask, covOut = out.coverage;
    const fallbackOut = out.fallback, scoreOut = out.score, wsOut = out.weightSet, bandOut = out.band;
    for (let i0 = from; i0 < end; i0 += BLOCK) {
      const i1 = Math.min(end, i0 + BLOCK), nb = i1 - i0;
      blockMask.fill(0, 0, nb * W);
      for (let j = 0; j < F; j++) {
        const t = fType[j], bit = 1 << (j & 31), miss = missingFrac[j];
        let at = i0 * S + fSignal[j], row = i0 * F + j, mi = j >>> 5;
        if (t === LINEAR) {
          const m = slope[j], q = intercept[j];
          for (let r = 0; r < nb; r++, at += S, row += F, mi += W) {
            const x = input[at];
            if (x - x !== 0) { fracOut[row] = miss; continue; } // NaN / ±Infinity: no data
            const v = x * m + q;
            fracOut[row] = v < 0 ? 0 : v > 1 ? 1 : v;
            blockMask[mi] |= bit;
          }
        } else if (t === DECAY) {
          const a = intercept[j], rate = slope[j];
          for (let r = 0; r < nb; r++, at += S, row += F, mi += W) {
            const x = input[at];
            if (x - x !== 0) { fracOut[row] = miss; continue; }
            fracOut[row] = x <= a ? 1 : Math.pow(0.5, (x - a) * rate);
            blockMask[mi] |= bit;
          }
        } else {
          const k0 = stepOffset[j], stop = k0 + stepCount[j];
          for (let r = 0; r < nb; r++, at += S, row += F, mi += W) {
            const x = input[at];
            if (x - x !== 0) { fracOut[row] = miss; continue; }
            let k = k0;
            while (k < stop && x >= stTh[k]) k++;
            fracOut[row] = stSc[k];
            blockMask[mi] |= bit;
          }
        }
      }
      for (let r = 0; r < nb; r++) {
        const i = i0 + r, mo = r * W, row = i * F;
        for (let k = 0; k < W; k++) maskOut[i * W + k] = blockMask[mo + k];
        covOut[i] = coverageOf(mo);
        let ws = weightIndex(mo);
        if (ws < 0) {
          // No data at all and every factor ignorable: a defined neutral score, flagged as fallback.
          ws = FALLBACK;
          fallbackOut[i] = 1;
          for (let j = 0; j < F; j++) fracOut[row + j] = fNeutral[j];
        } else fallbackOut[i] = 0;
        const w = weightSets[ws];
        let sum = 0;
        for (let j = 0; j < F; j++) sum += w[j] * fracOut[row + j];
        let score = 100 * sum;
        score = score < 0 ? 0 : score > 100 ? 100 : score;
        scoreOut[i] = score;
        wsOut[i] = ws;
        bandOut[i] = bandIndex(score);
      }
    }
  };

  return {
    model, signals, factorIds: model.factors.map((f) => f.id), factorSignal: fSignal, nominalWeight,
    factorPath, fraction, run, bandIndex,
  };
}

/** Builds the input matrix for `scoreBatch`: one row per signal record (undefined → NaN). */
export function signalMatrix(c: CompiledHealthModel, rows: readonly Signals[]): Float64Array {
  const S = c.signals.length;
  const m = new Float64Array(rows.length * S);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let k = 0; k < S; k++) {
      const v = r[c.signals[k]];
      m[i * S + k] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
    }
  }
  return m;
}

/**
 * Scores `size` accounts whose signals are rows of `input` (see `signalMatrix`; NaN = no data),
 * writing score, band, coverage and every factor's points into `out` (allocated when absent).
 */
export function scoreBatch(model: HealthModel | CompiledHealthModel, input: Float64Array, size?: number, out?: ScoreBatch): ScoreBatch {
  const c = 'run' in model ? model : compileHealthModel(model);
  const n = size ?? Math.floor(input.length / Math.max(1, c.signals.length));
  const batch = out ?? allocateBatch(n, c.factorIds.length);
  if (batch.size < n || batch.factors !== c.factorIds.length) throw new RangeError(`ScoreBatch holds ${batch.size}×${batch.factors}; need ${n}×${c.factorIds.length}`);
  c.run(input, batch, 0, n);
  return batch;
}

// ---------------------------------------------------------------------------------------------
// The full explanation of one account.

export type { BandRef } from './band-ref.js';

export interface FactorExplanation {
  id: string;
  label: string;
  signal: string;
  /** Ids of the groups the factor sits in, outermost first. */
  groupPath: readonly string[];
  direction: 'higher_is_better' | 'lower_is_better';
  /** The signal's value; undefined when there was no data. */
  raw: number | undefined;
  missing: boolean;
  treatment: FactorTreatment;
  /** Fraction of its points the factor earned, 0–1. */
  fraction: number;
  /** Share of the score this factor carries for this account (0–1; active factors sum to 1). */
  weight: number;
  maxPoints: number;
  pointsEarned: number;
  pointsLost: number;
}

export interface GroupExplanation {
  id: string;
  label: string;
  groupPath: readonly string[];
  weight: number;
  maxPoints: number;
  pointsEarned: number;
  pointsLost: number;
  /** Group score 0–100 (earned / max); undefined when the group had no active factor. */
  score: number | undefined;
}

/** One change to one factor: move `signal` to `target` (`op` says which side) to gain points. */
export interface ImprovementStep {
  factorId: string;
  label: string;
  signal: string;
  from: number | undefined;
  op: 'at_least' | 'at_most' | 'below';
  target: number;
  /** Fraction of its scale the factor must climb (0–1): how big the change is. */
  effort: number;
  pointsGained: number;
}

export interface NextBandPlan {
  band: BandRef;
  pointsNeeded: number;
  /** Factors that reach the next band alone, smallest change first. */
  singleFactor: ImprovementStep[];
  /** When no factor suffices alone: the fewest changes that together get there. */
  combination: ImprovementStep[];
  reachable: boolean;
}

export interface HealthTrend {
  previous: number;
  delta: number;
  direction: 'up' | 'down' | 'same';
  previousBand?: string;
  since?: string;
}

export interface AppliedOverride {
  override: HealthOverride;
  applied: boolean;
  /** Why an override in force did not apply (e.g. it would have raised an only-lower score). */
  note?: string;
}

export interface HealthResult {
  accountId?: string;
  modelId: string;
  /** The score shown: the override when one applies, else the computed score. 0–100. */
  score: number;
  /** What the model computed; Σ factors' pointsLost + computedScore = 100. */
  computedScore: number;
  band: BandRef;
  coverage: number;
  /** True when no signal had data and no policy imputed one: the score is the neutral fallback. */
  noData: boolean;
  factors: FactorExplanation[];
  groups: GroupExplanation[];
  /** Biggest point losses (negative drivers) and biggest earners (positive), three each. */
  drivers: { negative: FactorExplanation[]; positive: FactorExplanation[] };
  nextBand: NextBandPlan | null;
  trend: HealthTrend | null;
  override: AppliedOverride | null;
  at?: string;
}

export interface PreviousScore { score: number; at?: string; band?: string }

export interface ScoreOptions {
  accountId?: string;
  /** The previous snapshot, for the trend. */
  previous?: PreviousScore | HealthResult | number;
  /** Overrides (a ledger or a list); the latest in force for accountId applies. */
  overrides?: OverrideLedger | readonly HealthOverride[];
  /** Needed for overrides and stamped on the result. */
  now?: Instant;
  /** |delta| below this counts as "same". Default 0.5 points. */
  trendEpsilon?: number;
  /** Skip the next-band plan (faster). */
  skipNextBand?: boolean;
}

const single = new WeakMap<CompiledHealthModel, { input: Float64Array; out: ScoreBatch }>();

/** Scores one account and explains it in full. */
export function scoreAccount(model: HealthModel | CompiledHealthModel, signals: Signals, opts: ScoreOptions = {}): HealthResult {
  const c = 'run' in model ? model : compileHealthModel(model);
  let scratch = single.get(c);
  if (!scratch) { scratch = { input: new Float64Array(c.signals.length), out: allocateBatch(1, c.factorIds.length) }; single.set(c, scratch); }
  for (let k = 0; k < c.signals.length; k++) {
    const v = signals[c.signals[k]];
    scratch.input[k] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }
  c.run(scratch.input, scratch.out, 0, 1);
  return explainRow(c, scratch.out, 0, signals, opts);
}

/** Materialises the full HealthResult of row i of a batch (signals give the raw values). */
export function explainRow(c: CompiledHealthModel, batch: ScoreBatch, i: number, signals: Signals | ((signal: string) => number | undefined), opts: ScoreOptions = {}): HealthResult {
  const m = c.model;
  const F = c.factorIds.length;
  const read = typeof signals === 'function' ? signals : (s: string) => signals[s];
  const factors: FactorExplanation[] = new Array(F);
  let noData = true;
  for (let j = 0; j < F; j++) {
    const f = m.factors[j];
    const rawV = read(f.signal);
    const raw = typeof rawV === 'number' && Number.isFinite(rawV) ? rawV : undefined;
    const max = 100 * batch.weightSets[batch.weightSet[i]][j];
    const earned = max * batch.fraction[i * F + j];
    const lost = max - earned;
    const treatment = treatmentOf(c, batch, i, j);
    if (treatment !== 'no_data_fallback') noData = false;
    factors[j] = {
      id: f.id, label: f.label, signal: f.signal, groupPath: c.factorPath[j], direction: f.direction,
      raw, missing: raw === undefined, treatment,
      fraction: treatment === 'ignored' ? 0 : batch.fraction[i * F + j],
      weight: max / 100, maxPoints: max, pointsEarned: earned, pointsLost: lost,
    };
  }
  const groups: GroupExplanation[] = m.groups.map((g) => {
    let earned = 0, lost = 0, any = false;
    let path: readonly string[] = [];
    factors.forEach((f, j) => {
      const at = f.groupPath.indexOf(g.id);
      if (at < 0) return;
      if (!path.length) path = c.factorPath[j].slice(0, at);
      earned += f.pointsEarned; lost += f.pointsLost;
      if (f.maxPoints > 0) any = true;
    });
    const max = earned + lost;
    return { id: g.id, label: g.label, groupPath: path, weight: max / 100, maxPoints: max, pointsEarned: earned, pointsLost: lost, score: any && max > 0 ? (100 * earned) / max : undefined };
  });
  const computed = batch.score[i];
  const top3 = (k: 'pointsLost' | 'pointsEarned') => factors.filter((f) => f[k] > 1e-9).sort((a, b) => b[k] - a[k]).slice(0, 3);

  // Override.
  let score = computed;
  let override: AppliedOverride | null = null;
  if (opts.overrides && opts.accountId !== undefined && opts.now !== undefined) {
    const list = Array.isArray(opts.overrides) ? opts.overrides : (opts.overrides as OverrideLedger).overrides();
    const o = activeOverride(list, opts.accountId, opts.now);
    if (o) {
      if (o.onlyLower && o.value > computed) override = { override: o, applied: false, note: `may only lower the score; ${o.value} is above the computed ${round2(computed)}` };
      else { override = { override: o, applied: true }; score = o.value; }
    }
  }
  const band = bandRef(m.bands[c.bandIndex(score)]);

  // Trend.
  let trend: HealthTrend | null = null;
  const prev = opts.previous;
  if (prev !== undefined) {
    const p = typeof prev === 'number' ? { score: prev } : prev;
    if (Number.isFinite(p.score)) {
      const delta = score - p.score;
      const eps = opts.trendEpsilon ?? 0.5;
      trend = {
        previous: p.score, delta, direction: Math.abs(delta) < eps ? 'same' : delta > 0 ? 'up' : 'down',
        previousBand: 'band' in p && p.band !== undefined ? (typeof p.band === 'string' ? p.band : (p.band as BandRef).id) : m.bands[c.bandIndex(p.score)].id,
        since: 'at' in p ? p.at : undefined,
      };
    }
  }

  return {
    accountId: opts.accountId, modelId: m.id, score, computedScore: computed, band,
    coverage: batch.coverage[i], noData, factors, groups, drivers: { negative: top3('pointsLost'), positive: top3('pointsEarned') },
    nextBand: opts.skipNextBand ? null : planNextBand(c, factors, computed),
    trend, override,
    at: opts.now !== undefined ? new Date(toMs(opts.now) ?? 0).toISOString() : undefined,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The raw value that gives factor j at least fraction `want`, and the fraction it really gives. */
function invert(c: CompiledHealthModel, j: number, want: number, current: number): { op: ImprovementStep['op']; target: number; fraction: number } | undefined {
  const f = c.model.factors[j];
  const s = f.scoring;
  const up = f.direction === 'higher_is_better';
  if (want > 1 + 1e-12) return undefined;
  if (s.type === 'linear') {
    const target = up ? s.from + want * (s.to - s.from) : s.to - want * (s.to - s.from);
    return { op: up ? 'at_least' : 'at_most', target, fraction: want };
  }
  if (s.type === 'decay') {
    if (want <= 0) return undefined;
    const target = (s.graceDays ?? 0) + s.halfLifeDays * Math.log2(1 / Math.min(1, want));
    return { op: 'at_most', target, fraction: Math.min(1, want) };
  }
  // Steps: the nearest interval (from the current one, in the better direction) scoring enough.
  const th = s.thresholds;
  const sc = s.scores;
  let k = 0;
  while (k < th.length && current >= th[k]) k++;
  if (up) {
    for (let q = k; q < sc.length; q++) if (sc[q] >= want - 1e-12) return q === 0 ? undefined : { op: 'at_least', target: th[q - 1], fraction: sc[q] };
  } else {
    for (let q = k; q >= 0; q--) if (sc[q] >= want - 1e-12) return q === th.length ? undefined : { op: 'below', target: th[q], fraction: sc[q] };
  }
  return undefined;
}

function planNextBand(c: CompiledHealthModel, factors: FactorExplanation[], computed: number): NextBandPlan | null {
  const bands = c.model.bands;
  const bi = c.bandIndex(computed);
  if (bi >= bands.length - 1) return null;
  const next = bands[bi + 1];
  const needed = next.min - computed;
  const candidates = factors
    .map((f, j) => ({ f, j }))
    .filter(({ f }) => f.treatment !== 'ignored' && f.treatment !== 'no_data_fallback' && f.maxPoints > 0 && f.pointsLost > 1e-9);
  const step = (j: number, f: FactorExplanation, gain: number): ImprovementStep | undefined => {
    const want = f.fraction + gain / f.maxPoints;
    const cur = f.raw ?? (f.direction === 'higher_is_better' ? -Infinity : Infinity);
    const inv = invert(c, j, Math.min(1, want), cur);
    if (!inv) return undefined;
    const got = (inv.fraction - f.fraction) * f.maxPoints;
    return { factorId: f.id, label: f.label, signal: f.signal, from: f.raw, op: inv.op, target: inv.target, effort: Math.max(0, inv.fraction - f.fraction), pointsGained: got };
  };
  const singleFactor: ImprovementStep[] = [];
  for (const { f, j } of candidates) {
    if (f.pointsLost + 1e-9 < needed) continue;
    const s = step(j, f, needed);
    if (s && s.pointsGained + 1e-9 >= needed) singleFactor.push(s);
  }
  singleFactor.sort((a, b) => a.effort - b.effort || b.pointsGained - a.pointsGained);
  const combination: ImprovementStep[] = [];
  let reachable = singleFactor.length > 0;
  if (!reachable) {
    // Fewest factors: take the biggest possible gains first, the last one only as far as needed.
    let rest = needed;
    for (const { f, j } of [...candidates].sort((a, b) => b.f.pointsLost - a.f.pointsLost)) {
      const s = step(j, f, Math.min(rest, f.pointsLost));
      if (!s || s.pointsGained <= 1e-9) continue;
      combination.push(s);
      rest -= s.pointsGained;
      if (rest <= 1e-9) { reachable = true; break; }
    }
    if (!reachable) combination.length = 0;
  }
  return { band: bandRef(next), pointsNeeded: needed, singleFactor, combination, reachable };
}

/** What-if: scores the same signals with some changed, without touching any store. */
export function whatIf(model: HealthModel | CompiledHealthModel, signals: Signals, changes: Signals, opts: ScoreOptions = {}): { before: HealthResult; after: HealthResult; delta: number; bandChanged: boolean } {
  const before = scoreAccount(model, signals, opts);
  const after = scoreAccount(model, { ...signals, ...changes }, { ...opts, previous: before.score });
  return { before, after, delta: after.score - before.score, bandChanged: before.band.id !== after.band.id };
}
