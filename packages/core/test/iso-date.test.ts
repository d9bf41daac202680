import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isIsoDateTime } from '../src/index.js';
import { parseIso } from '../src/analytics/index.js';

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

describe('parseIso', () => {
  it('reads what toISOString writes (with and without milliseconds) exactly as Date.parse does', () => {
    fc.assert(fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString();
      expect(parseIso(iso)).toBe(d.getTime());
      const noMs = iso.replace(/\.\d{3}Z$/, 'Z');
      expect(parseIso(noMs)).toBe(Date.parse(noMs));
    }));
  });
  it('reads a date alone, and a time with an offset, exactly as Date.parse does (years 0000–9999, leap days)', () => {
    const day = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
    const leapDay = fc.integer({ min: 0, max: 9999 }).map((y) => `${String(y).padStart(4, '0')}-02-29T12:00:00.000Z`);
    fc.assert(fc.property(fc.oneof(day, leapDay), fc.integer({ min: -14 * 60, max: 14 * 60 }), (iso, off) => {
      const date = iso.slice(0, 10);
      const zone = `${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
      for (const s of [date, iso.slice(0, 23) + zone, iso.slice(0, 16) + 'Z']) {
        const t = Date.parse(s);
        expect(parseIso(s), s).toBe(Number.isFinite(t) ? t : undefined);
      }
    }), { numRuns: 1000 });
  });
  it('agrees with Date.parse on near misses of that shape', () => {
    for (const s of ['2026-11-23T24:00:00.000Z', '2026-02-29T00:00:00.000Z', '2024-02-29T12:00:00Z', '2026-11-23T08:60:00.000Z', '2026-11-23T08:00:00.000z',
      '2026-11-23T08:00:00,000Z', '2026-11-23 08:00:00.000Z', '2026-13-01T00:00:00.000Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '0000-01-01T00:00:00.000Z']) {
      const t = Date.parse(s);
      expect(parseIso(s), s).toBe(Number.isFinite(t) ? t : undefined);
    }
  });
});
