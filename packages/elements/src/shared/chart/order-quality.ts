// Odd order amounts behind the portfolio charts (Pareto, concentration, retention). The core
// counts a negative order (a credit or a return) and an implausibly large one as entered; the
// chart shows the same figures and says why they may look wrong. The notes for odd amounts and
// for amounts left out for lack of an FX rate are written here once, for the charts and the KPI tile.
import type { MoneyTotal } from '@kamkit/core';
import type { BookSource } from '@kamkit/core/analytics';
import { formatMoney, formatNumber, type Locale } from '../i18n.js';
import { ABSURD_AMOUNT } from './limits.js';
import { chartT } from './strings.js';

/** Orders in a window whose amount is negative, or above ABSURD_AMOUNT in its own currency. */
export interface OrderQuality { negative: number; absurd: number }

/** One pass over the non-cancelled orders dated in [from, to) (UTC ms). */
export function orderQuality(src: BookSource, from: number, to: number): OrderQuality {
  const q: OrderQuality = { negative: 0, absurd: 0 };
  for (const o of src.all('orders')) {
    if (o.status === 'cancelled') continue;
    const at = Date.parse(o.orderedAt);
    if (!(at >= from && at < to)) continue;
    const a = o.amount.amount;
    if (a < 0) q.negative++;
    else if (a > ABSURD_AMOUNT) q.absurd++;
  }
  return q;
}

/** Start (UTC ms) of the month / quarter / year `back` periods before the one holding `ms`. */
export function periodStartBack(ms: number, period: 'month' | 'quarter' | 'year', back: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear(), m = d.getUTCMonth();
  if (period === 'year') return Date.UTC(y - back, 0, 1);
  const len = period === 'quarter' ? 3 : 1;
  return Date.UTC(y, m - (m % len) - back * len, 1);
}

/** Notes for negative and implausibly large amounts, of deals or of orders. */
export function amountNotes(locale: Locale, q: Partial<OrderQuality> | undefined, currency: string, of: 'deals' | 'orders'): string[] {
  const out: string[] = [];
  const key = (k: 'negative' | 'absurd', n: number) => `${k}${of === 'orders' ? 'Orders' : ''}${n === 1 ? 'One' : ''}` as 'negative';
  if (q?.negative) out.push(chartT(locale, key('negative', q.negative), { count: formatNumber(locale, q.negative) }));
  if (q?.absurd) out.push(chartT(locale, key('absurd', q.absurd), { count: formatNumber(locale, q.absurd), limit: formatMoney(locale, { amount: ABSURD_AMOUNT, currency }, { compact: true }) }));
  return out;
}

export function orderQualityNotes(locale: Locale, q: OrderQuality | undefined, currency: string): string[] {
  return amountNotes(locale, q, currency, 'orders');
}

/** Notes for the parts of money totals left out for lack of an FX rate (each currency once, its largest count). */
export function excludedNotes(locale: Locale, ...totals: Array<{ currency: string; excluded?: MoneyTotal['excluded'] } | undefined>): string[] {
  const seen = new Map<string, { amount: number; count: number; target: string }>();
  for (const t of totals) for (const x of t?.excluded ?? []) {
    const s = seen.get(x.currency);
    if (!s || x.count > s.count) seen.set(x.currency, { amount: x.amount, count: x.count, target: t!.currency });
  }
  return [...seen].map(([currency, s]) => chartT(locale, 'excluded', {
    count: formatNumber(locale, s.count), currency, target: s.target, amount: formatMoney(locale, { amount: s.amount, currency }, { compact: true }),
  }));
}
