// Scoring a whole book: every account's signals, score and explanation, and roll-ups for
// parent accounts (revenue-weighted or worst-child).
import type { FxTable } from '../model/money.js';
import { fxRate } from '../model/money.js';
import type { HealthModel } from './model.js';
import { computeSignals, type SignalOptions, type Signals } from './signals.js';
import { compileHealthModel, scoreAccount, type HealthResult, type PreviousScore } from './score.js';
import { bandRef, type BandRef } from './band-ref.js';
import type { HealthOverride, OverrideLedger } from './overrides.js';
import { toSource, type BookInput } from '../analytics/source.js';
import { DAY_MS, nowMs, toMs, type Instant } from '../analytics/util.js';

export type RollUpMethod = 'revenue_weighted' | 'worst_child';

export interface RollUpChild {
  accountId: string;
  score: number;
  /** Revenue weight (reporting currency) — 0 when the child had none. */
  weight: number;
}

export interface HealthRollUp {
  accountId: string;
  method: RollUpMethod;
  score: number;
  band: BandRef;
  /** Direct children, each with the score that went in (their own roll-up when they are parents). */
  children: RollUpChild[];
  min: number;
  max: number;
  /** The child that set a worst-child roll-up. */
  worstChildId?: string;
}

/**
 * Combines children's scores: weighted by revenue (equal weights when no child has revenue),
 * or the worst child. The result always lies within [min, max] of the children.
 */
export function rollUpHealth(children: readonly RollUpChild[], method: RollUpMethod): { score: number; min: number; max: number; worstChildId?: string } {
  const valid = children.filter((c) => Number.isFinite(c.score));
  if (!valid.length) return { score: NaN, min: NaN, max: NaN };
  let min = Infinity, max = -Infinity, worst = valid[0];
  for (const c of valid) { if (c.score < min) { min = c.score; worst = c; } if (c.score > max) max = c.score; }
  if (method === 'worst_child') return { score: min, min, max, worstChildId: worst.accountId };
  let wSum = 0, sSum = 0;
  for (const c of valid) { const w = Number.isFinite(c.weight) && c.weight > 0 ? c.weight : 0; wSum += w; sSum += w * c.score; }
  let score = wSum > 0 ? sSum / wSum : valid.reduce((a, c) => a + c.score, 0) / valid.length;
  score = Math.min(max, Math.max(min, score)); // float noise must not leave the children's range
  return { score, min, max };
}

export interface ScoreBookOptions {
  now: Instant;
  /** Previous snapshot per account, for trends. */
  previous?: ReadonlyMap<string, PreviousScore | number> | Record<string, PreviousScore | number>;
  overrides?: OverrideLedger | readonly HealthOverride[];
  /** Parent roll-up method. Default revenue_weighted. */
  rollUp?: RollUpMethod;
  /** Reporting currency and FX for revenue weights (default: the first order currency seen). */
  currency?: string;
  fx?: FxTable;
  /** Revenue window for roll-up weights. Default 365 days. */
  revenueDays?: number;
  signalOptions?: SignalOptions;
  /** Your own signals per account, merged over the built-in ones. */
  extraSignals?: (accountId: string) => Signals;
  /** Score only these accounts (default: all). */
  accountIds?: readonly string[];
  /** Leave out next-band plans (faster for big books). */
  skipNextBand?: boolean;
}

export interface BookHealth {
  modelId: string;
  at: string;
  results: Map<string, HealthResult>;
  signals: Map<string, Signals>;
  rollUps: Map<string, HealthRollUp>;
  /** Accounts per band id. */
  distribution: Record<string, number>;
  /** Mean score over scored accounts (NaN-free: undefined when none). */
  averageScore: number | undefined;
}

/** Scores every account of a book; parents also get a roll-up of their children. */
export function scoreBook(book: BookInput, model: HealthModel, opts: ScoreBookOptions): BookHealth {
  const src = toSource(book);
  const t = nowMs(opts.now);
  const c = compileHealthModel(model);
  const accounts = src.all('accounts');
  const ids = opts.accountIds ?? accounts.map((a) => a.id);
  const prevOf = (id: string): PreviousScore | number | undefined => {
    const p = opts.previous;
    if (!p) return undefined;
    return p instanceof Map ? p.get(id) : (p as Record<string, PreviousScore | number>)[id];
  };
  const results = new Map<string, HealthResult>();
  const signalsById = new Map<string, Signals>();
  const distribution: Record<string, number> = Object.fromEntries(model.bands.map((b) => [b.id, 0]));
  let total = 0;
  for (const id of ids) {
    const sig = { ...computeSignals(src, id, t, { ...opts.signalOptions, fx: opts.signalOptions?.fx ?? opts.fx }), ...(opts.extraSignals?.(id) ?? {}) };
    signalsById.set(id, sig);
    const r = scoreAccount(c, sig, { accountId: id, now: t, overrides: opts.overrides, previous: prevOf(id), skipNextBand: opts.skipNextBand });
    results.set(id, r);
    distribution[r.band.id]++;
    total += r.score;
  }

  // Roll-ups, children first.
  const method = opts.rollUp ?? 'revenue_weighted';
  const childrenOf = new Map<string, string[]>();
  for (const a of accounts) if (a.parentId && a.parentId !== a.id) {
    const l = childrenOf.get(a.parentId);
    if (l) l.push(a.id); else childrenOf.set(a.parentId, [a.id]);
  }
  const revenue = revenueByAccount(src, t, opts);
  const rollUps = new Map<string, HealthRollUp>();
  const visiting = new Set<string>();
  const effective = (id: string): number | undefined => {
    if (rollUps.has(id)) return rollUps.get(id)!.score;
    if (childrenOf.has(id) && !visiting.has(id)) {
      visiting.add(id);
      const kids: RollUpChild[] = [];
      for (const k of childrenOf.get(id)!) {
        const s = effective(k);
        if (s !== undefined) kids.push({ accountId: k, score: s, weight: subtreeRevenue(k) });
      }
      visiting.delete(id);
      if (kids.length) {
        const r = rollUpHealth(kids, method);
        rollUps.set(id, { accountId: id, method, score: r.score, band: bandRef(model.bands[c.bandIndex(r.score)]), children: kids, min: r.min, max: r.max, worstChildId: r.worstChildId });
        return r.score;
      }
    }
    return results.get(id)?.score;
  };
  const revMemo = new Map<string, number>();
  const subtreeRevenue = (id: string, depth = 0): number => {
    if (revMemo.has(id)) return revMemo.get(id)!;
    let r = revenue.get(id) ?? 0;
    if (depth < 32) for (const k of childrenOf.get(id) ?? []) r += subtreeRevenue(k, depth + 1);
    revMemo.set(id, r);
    return r;
  };
  for (const id of childrenOf.keys()) effective(id);

  return {
    modelId: model.id, at: new Date(t).toISOString(), results, signals: signalsById, rollUps, distribution,
    averageScore: results.size ? total / results.size : undefined,
  };
}

/** Revenue per account over the window, in one currency (FX-converted; unconvertible left out). */
export function revenueByAccount(book: BookInput, now: Instant, opts: { currency?: string; fx?: FxTable; revenueDays?: number } = {}): Map<string, number> {
  const src = toSource(book);
  const t = nowMs(now);
  const from = t - (opts.revenueDays ?? 365) * DAY_MS;
  const out = new Map<string, number>();
  const asOf = new Date(t).toISOString();
  let currency = opts.currency;
  for (const o of src.all('orders')) {
    if (o.status === 'cancelled') continue;
    const at = toMs(o.orderedAt);
    if (at === undefined || at > t || at < from || !Number.isFinite(o.amount.amount)) continue;
    currency ??= o.amount.currency;
    const rate = o.amount.currency === currency ? 1 : opts.fx ? fxRate(opts.fx, o.amount.currency, currency, asOf) : undefined;
    if (rate === undefined) continue;
    out.set(o.accountId, (out.get(o.accountId) ?? 0) + o.amount.amount * rate);
  }
  return out;
}
