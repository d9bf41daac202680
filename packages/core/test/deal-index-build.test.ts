// DealIndex.build reads the deals' dates in batches (parseIsoMany: the strings joined and read
// as bytes) instead of one string at a time. Every date must come out exactly as parseIso reads
// it — valid or malformed, with offsets, leap days, non-ASCII look-alikes of digits — and the
// built rows must equal the rows written deal by deal (the path a live store's changes take).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Opportunity } from '@kamkit/core';
import { generateSampleBook } from '@kamkit/core/sample';
import { parseIso, parseIsoMany } from '../src/analytics/util.js';
import { DealIndex } from '../src/analytics/deal-index.js';

const valid = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
/** What backends and people send, and near misses of it. */
const dateLike = fc.oneof(
  valid,
  valid.map((s) => s.replace(/\.\d{3}Z$/, 'Z')), // no milliseconds
  valid.map((s) => s.slice(0, 10)), // date only
  valid.map((s) => s.replace('Z', '+08:00')), // an offset
  fc.tuple(valid, fc.nat(23), fc.constantFrom('0', '9', ':', '-', 'T', 'Z', 'z', '.', ' ', 'x', '\u0130', '\uff10', '\u00e9', '٣')).map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)), // one character off
  fc.constantFrom('2024-02-29T12:00:00.000Z', '2025-02-29T12:00:00.000Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z', '2026-11-23T24:00:00.000Z',
    '2026-11-23T23:59:60.000Z', '2026-04-31T00:00:00.000Z', '2026-11-23T08:00:00.000+00:00', '', 'yesterday', '2026-11-23T08:00:00.000Zjunk'),
);

function many(strs: string[]): Float64Array {
  const out = new Float64Array(strs.length).fill(-1);
  // Slots in reverse: where each value goes is the caller's to say.
  const at = Int32Array.from(strs, (_, k) => strs.length - 1 - k);
  parseIsoMany(strs.slice(), strs.length, out, at);
  return out;
}

describe('parseIsoMany', () => {
  it('gives every string what parseIso gives it, in any mix', () => {
    fc.assert(fc.property(fc.array(dateLike, { maxLength: 60 }), (strs) => {
      const out = many(strs);
      strs.forEach((s, k) => expect(out[strs.length - 1 - k], JSON.stringify(s)).toBe(parseIso(s) ?? NaN));
    }), { numRuns: 300 });
  });

  it('reads the rest of a batch right when one string is not ASCII (the bytes would no longer line up)', () => {
    const strs = ['2026-11-23T08:00:00.000Z', '2026-11-2\u0130T08:00:00.000Z', '2026-11-24T09:30:00.000Z', '2026-11-25T10:00:00Z'];
    const out = many(strs);
    expect(out[3]).toBe(Date.parse('2026-11-23T08:00:00.000Z'));
    expect(out[2]).toBeNaN(); // U+0130's low byte is '0': read as bytes it would pass for 2026-11-20
    expect(out[1]).toBe(Date.parse('2026-11-24T09:30:00.000Z'));
    expect(out[0]).toBe(Date.parse('2026-11-25T10:00:00Z'));
    // 'é' takes two bytes, so the bytes after it are one place late: the next string's bytes
    // would be read with the last byte of this one in front, '0' + '026-11-23T08:00:00.000Z'.
    const shifted = ['\u00e92026-11-23T08:00:00.000', '026-11-23T08:00:00.000Zx'];
    expect([...many(shifted)]).toEqual([NaN, NaN]);
  });

  it('uses only the first n strings', () => {
    const out = new Float64Array(2).fill(-1);
    parseIsoMany(['2026-11-23T08:00:00.000Z', 'junk', '2026-01-01'], 1, out, Int32Array.of(1));
    expect([...out]).toEqual([-1, Date.parse('2026-11-23T08:00:00.000Z')]);
  });
});

describe('DealIndex.build', () => {
  /** The columns compared as they are (ids by name below, stays by value: their offsets may differ). */
  const columns = ['created', 'close', 'closed', 'amount', 'cur', 'prob', 'hasProb', 'fcat', 'stayLen'] as const;
  const idOf = (codes: Map<string, number>, code: number) => [...codes].find(([, v]) => v === code)?.[0];
  /** Row i of an index: its columns and its stays, in order. */
  const row = (ix: DealIndex, i: number) => ({
    ...Object.fromEntries(columns.map((c) => [c, ix[c]?.[i]])), // prob and hasProb: none until a deal has a probability
    pipe: idOf(ix.pipeCodes, ix.pipe[i]),
    stage: idOf(ix.stageCodes, ix.stage[i]),
    stays: Array.from({ length: ix.stayLen[i] }, (_, k) => {
      const s = ix.stayOff[i] + k;
      const x = ix.stayStage[s]; // ~code: the stay has an end of its own
      return [ix.enter[s], ix.leaveOf(s, ix.stayOff[i] + ix.stayLen[i]), idOf(ix.stageCodes, x < 0 ? ~x : x)];
    }),
  });

  it('keeps the list of deals it is built from instead of a copy', () => {
    // A copy of 100k deals is 800 KB of fresh memory written on every first read after a load
    // (on the bench machine a first write to a fresh page costs ~20 µs of CPU).
    const list = generateSampleBook({ seed: 11, accounts: 30 }).opportunities;
    expect(DealIndex.build(list).recs).toBe(list);
  });

  it('builds the rows that writing the deals one by one gives, malformed and unsorted histories included', () => {
    const deals = generateSampleBook({ seed: 11, accounts: 30 }).opportunities;
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(deals.length - 1), dateLike, dateLike, fc.boolean()), { maxLength: 40 }), (edits) => {
      // Plain arrays are not validated: any string may sit in any date field.
      const list: Opportunity[] = deals.map((d) => ({ ...d, stageHistory: d.stageHistory.map((h) => ({ ...h })) }));
      for (const [k, a, b, flip] of edits) {
        const d = list[k];
        if (d.stageHistory.length && flip) d.stageHistory[0] = { ...d.stageHistory[0], enteredAt: a, leftAt: b };
        else if (d.stageHistory.length > 1) d.stageHistory.reverse();
        else d.closeDate = a;
        if (flip) d.createdAt = b;
      }
      const built = DealIndex.build(list);
      const oneByOne = new DealIndex(0, 0);
      for (const d of list) oneByOne.append(d);
      expect(built.n).toBe(list.length);
      for (let i = 0; i < list.length; i++) expect(row(built, i), list[i].id).toEqual(row(oneByOne, i));
    }), { numRuns: 25 });
  });
});
