// When will the account order next? From the intervals between its own past orders.
import type { Order } from '../model/schemas.js';
import { DAY_MS, nowMs, parseIso, quantile, type Instant } from './util.js';

export interface PurchaseForecast {
  /** Distinct order days used. */
  orders: number;
  lastOrderAt: string | undefined;
  medianIntervalDays: number | undefined;
  meanIntervalDays: number | undefined;
  /** Last order + median interval. Undefined with fewer than two order days. */
  expectedAt: string | undefined;
  /** Days from now to expectedAt (negative: overdue). */
  daysUntil: number | undefined;
  /** Now past expectedAt + tolerance × median interval. */
  overdue: boolean;
  /** none (< 2 order days), low (2–3), medium, high (≥ 6 and regular: coefficient of variation ≤ 0.35). */
  confidence: 'none' | 'low' | 'medium' | 'high';
  /** Why there is no forecast, when there is none. */
  reason?: string;
}

/**
 * Forecasts the next purchase from the account's order history (cancelled orders and orders
 * after `now` are ignored; several orders on one day count once).
 */
export function forecastNextPurchase(orders: readonly Order[], now: Instant, opts: { tolerance?: number } = {}): PurchaseForecast {
  const t = nowMs(now);
  const days = new Set<number>();
  for (const o of orders) {
    if (o.status === 'cancelled') continue;
    const at = parseIso(o.orderedAt);
    if (at === undefined || at > t) continue;
    days.add(Math.floor(at / DAY_MS));
  }
  const sorted = [...days].sort((a, b) => a - b);
  const last = sorted.length ? sorted[sorted.length - 1] * DAY_MS : undefined;
  const base = { orders: sorted.length, lastOrderAt: last !== undefined ? new Date(last).toISOString() : undefined };
  if (sorted.length < 2) {
    return { ...base, medianIntervalDays: undefined, meanIntervalDays: undefined, expectedAt: undefined, daysUntil: undefined, overdue: false, confidence: 'none',
      reason: sorted.length ? 'only one order: no interval to learn from yet' : 'no orders' };
  }
  const intervals: number[] = [];
  for (let i = 1; i < sorted.length; i++) intervals.push(sorted[i] - sorted[i - 1]);
  const median = quantile(intervals, 0.5)!;
  const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
  const sd = Math.sqrt(intervals.reduce((a, b) => a + (b - mean) ** 2, 0) / intervals.length);
  const cv = mean > 0 ? sd / mean : 0;
  const expected = last! + median * DAY_MS;
  const tolerance = opts.tolerance ?? 1.5;
  return {
    ...base, medianIntervalDays: median, meanIntervalDays: mean,
    expectedAt: new Date(expected).toISOString(), daysUntil: (expected - t) / DAY_MS,
    overdue: t > last! + tolerance * median * DAY_MS,
    confidence: sorted.length < 4 ? 'low' : sorted.length >= 6 && cv <= 0.35 ? 'high' : 'medium',
  };
}
