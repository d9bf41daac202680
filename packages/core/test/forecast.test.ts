import { describe, expect, it } from 'vitest';
import type { Order } from '@kamkit/core';
import { forecastNextPurchase } from '@kamkit/core/analytics';

const now = '2026-11-23T00:00:00Z';
const o = (orderedAt: string, status: Order['status'] = 'fulfilled'): Order => ({ id: orderedAt, accountId: 'a', orderedAt, amount: { amount: 1, currency: 'CNY' }, status, sourceIds: {} });

describe('forecastNextPurchase', () => {
  it('no orders and a single order give a defined "no forecast"', () => {
    expect(forecastNextPurchase([], now)).toMatchObject({ orders: 0, expectedAt: undefined, overdue: false, confidence: 'none', reason: 'no orders' });
    const one = forecastNextPurchase([o('2026-10-01')], now);
    expect(one).toMatchObject({ orders: 1, lastOrderAt: '2026-10-01T00:00:00.000Z', expectedAt: undefined, daysUntil: undefined, confidence: 'none' });
    expect(one.reason).toMatch(/only one order/);
  });
  it('uses the median interval of the account’s own orders (hand-computed)', () => {
    // Intervals 30, 30, 40, 30 → median 30; last 2026-10-20 → expected 2026-11-19, 4 days ago.
    const f = forecastNextPurchase([o('2026-06-12'), o('2026-07-12'), o('2026-08-11'), o('2026-09-20'), o('2026-10-20')], now);
    expect(f).toMatchObject({ orders: 5, medianIntervalDays: 30, meanIntervalDays: 32.5, expectedAt: '2026-11-19T00:00:00.000Z', daysUntil: -4, overdue: false, confidence: 'medium' });
  });
  it('is overdue past tolerance × the median interval', () => {
    const f = forecastNextPurchase([o('2026-07-01'), o('2026-08-01'), o('2026-09-01')], now); // median 31.5, last 09-01: 83 days ago
    expect(f.overdue).toBe(true); // 83 > 1.5 × 31.5
    expect(forecastNextPurchase([o('2026-07-01'), o('2026-08-01'), o('2026-09-01')], now, { tolerance: 3 }).overdue).toBe(false);
    expect(f.confidence).toBe('low');
  });
  it('ignores cancelled and future orders and counts one day once; regular history is high confidence', () => {
    const days = ['2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01'];
    const f = forecastNextPurchase([...days.map((d) => o(d)), o('2026-11-01T15:00:00Z'), o('2026-11-10', 'cancelled'), o('2026-12-01')], now);
    expect(f.orders).toBe(7);
    expect(f.lastOrderAt).toBe('2026-11-01T00:00:00.000Z');
    expect(f.medianIntervalDays).toBe(31);
    expect(f.confidence).toBe('high');
  });
  it('never returns NaN for unreadable dates', () => {
    const f = forecastNextPurchase([o('not a date'), o('2026-10-01'), o('2026-11-01')], now);
    expect(f.orders).toBe(2);
    expect(Number.isFinite(f.daysUntil!)).toBe(true);
  });
});
