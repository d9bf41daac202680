// Odd order amounts behind the portfolio charts (Pareto, concentration, retention). The core
// counts a negative order (a credit or a return) and an implausibly large one as entered; the
// chart shows the same figures and says why they may look wrong.
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

export function orderQualityNotes(locale: Locale, q: OrderQuality | undefined, currency: string): string[] {
  const out: string[] = [];
  if (q?.negative) out.push(chartT(locale, q.negative === 1 ? 'negativeOrdersOne' : 'negativeOrders', { count: formatNumber(locale, q.negative) }));
  if (q?.absurd) out.push(chartT(locale, q.absurd === 1 ? 'absurdOrdersOne' : 'absurdOrders', { count: formatNumber(locale, q.absurd), limit: formatMoney(locale, { amount: ABSURD_AMOUNT, currency }, { compact: true }) }));
  return out;
}
