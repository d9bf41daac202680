import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isIsoDateTime } from '../src/index.js';

describe('isIsoDateTime', () => {
  it('accepts the ISO 8601 shapes backends send', () => {
    for (const s of ['2026-11-23', '2026-11-23T08:00Z', '2026-11-23T08:00:00Z', '2026-11-23T08:00:00.123Z', '2026-11-23T08:00:00.123456+08:00',
      '2026-11-23 08:00:00', '2026-11-23T08:00:00+0800', '2024-02-29', '2026-11-23T08:00:00.000+0000']) expect(isIsoDateTime(s), s).toBe(true);
  });
  it('refuses what is not a calendar date-time', () => {
    for (const s of ['', '2026-13-01', '2026-02-30', '2025-02-29', '2026-11-23T25:00Z', '2026-11-23T08:60Z', '26-11-23', '2026/11/23',
      '2026-11-23T', '2026-11-23T08:00:00.Z', '2026-11-23T08:00:00+8', 'yesterday', '2026-11-23Tx', '2026-11-23T08:00:00Zjunk']) expect(isIsoDateTime(s), s).toBe(false);
  });
  it('agrees with Date for every generated UTC instant', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString();
      expect(isIsoDateTime(iso)).toBe(true);
      expect(isIsoDateTime(iso.slice(0, 10))).toBe(true);
    }));
  });
});
