// The deal index stores as little as it can, since a first read writes all of it into fresh
// memory: a stay's end only where it differs from the next stay's start, codes and stay counts
// in one byte until one does not fit, a probability column only once a deal has its own. These
// tests hold the figures a user reads (time in stage, age in stage, cycle length, counts and
// sums per stage, pipeline and currency) to a deal-by-deal reckoning over the deal objects.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FxTable, Opportunity, Pipeline, Stage } from '@kamkit/core';
import { durationStats, pipelineAnalytics } from '@kamkit/core/analytics';

const now = '2026-11-23T00:00:00Z';
const DAY = 86_400_000;
const stage = (id: string, order: number, kind: Stage['kind'] = 'open'): Stage =>
  ({ id, name: id, order, probability: 0.5, forecastCategory: kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline', kind, entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] });
const rules = { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: true, date: true } };
const pipeline = (id: string, stages: Stage[]): Pipeline => ({ id, name: id, sourceIds: {}, rules, stages });
const deal = (id: string, pipelineId: string, stageId: string, amount: number, currency: string, stageHistory: Opportunity['stageHistory'], extra: Partial<Opportunity> = {}): Opportunity =>
  ({ id, accountId: 'a1', pipelineId, stageId, name: id, amount: { amount, currency }, closeDate: '2026-12-01', stageHistory, checklist: {}, sourceIds: {}, ownerId: 'u1', ...extra });

describe('stays stored without their ends (an end kept only where it is not the next start)', () => {
  const stages = [stage('s1', 1), stage('s2', 2), stage('s3', 3), stage('won', 4, 'won'), stage('lost', 5, 'lost')];
  const p = pipeline('p', stages);
  const day = (d: number) => new Date(Date.parse('2026-06-01T00:00:00Z') + d * DAY).toISOString();
  // Few distinct days, so that moves on the same day (the same instant) are common.
  const when = fc.oneof(
    { weight: 8, arbitrary: fc.nat(12).map(day) },
    { weight: 1, arbitrary: fc.nat(12).map((d) => day(d).slice(0, 10)) },
    { weight: 1, arbitrary: fc.constantFrom('junk', '') },
  );
  /** An end as CRMs send it: none, the next entry, another time, or unreadable. */
  const end = fc.oneof(fc.constant(undefined), fc.constant('next' as const), when);
  const stay = fc.tuple(fc.constantFrom('s1', 's2', 's3', 'won', 'lost'), when, end);
  const dealArb = fc.record({
    stageId: fc.constantFrom('s1', 's2', 's3', 'won', 'lost'),
    stays: fc.array(stay, { maxLength: 6 }),
    createdAt: fc.option(when, { nil: undefined }),
    closedAt: fc.option(when, { nil: undefined }),
  });

  const at = (s: string | undefined) => (s ? Date.parse(s) : NaN);
  const ok = (t: number) => t === t;

  it('time in stage, age in stage and cycle lengths equal a reckoning over the stage histories', () => {
    fc.assert(fc.property(fc.array(dealArb, { minLength: 1, maxLength: 30 }), (raw) => {
      const deals = raw.map((r, k) => deal(`d${k}`, 'p', r.stageId, 100, 'CNY',
        r.stays.map(([stageId, enteredAt, e], q) => ({ stageId, enteredAt, leftAt: e === 'next' ? r.stays[q + 1]?.[1] : e })),
        { createdAt: r.createdAt, closedAt: r.closedAt }));
      const a = pipelineAnalytics({ pipelines: [p], opportunities: deals }, { now, currency: 'CNY' });

      const inStage = new Map<string, number[]>(stages.map((s) => [s.id, []]));
      const age = new Map<string, number[]>(stages.map((s) => [s.id, []]));
      const cycle: number[] = [], loss: number[] = [];
      for (const o of deals) {
        // Unreadable entries are dropped; the rest in order of entry (ties keep their order).
        const h = o.stageHistory.filter((e) => ok(at(e.enteredAt))).sort((x, y) => at(x.enteredAt) - at(y.enteredAt));
        h.forEach((e, k) => {
          const left = ok(at(e.leftAt)) ? at(e.leftAt) : k + 1 < h.length ? at(h[k + 1].enteredAt) : NaN;
          const d = left - at(e.enteredAt);
          if (stages.find((s) => s.id === e.stageId)!.kind === 'open' && d >= 0) inStage.get(e.stageId)!.push(d / DAY);
        });
        const kind = stages.find((s) => s.id === o.stageId)!.kind;
        if (kind === 'open') {
          const entered = h.length ? at(h.filter((e) => e.stageId === o.stageId).pop()?.enteredAt) : at(o.createdAt);
          const since = Date.parse(now) - entered;
          if (since >= 0) age.get(o.stageId)!.push(since / DAY);
        } else {
          const closed = ok(at(o.closedAt)) ? at(o.closedAt) : h.length ? at(h[h.length - 1].enteredAt) : at(o.closeDate);
          const start = ok(at(o.createdAt)) ? at(o.createdAt) : h.length ? at(h[0].enteredAt) : NaN;
          if (closed >= start) (kind === 'won' ? cycle : loss).push((closed - start) / DAY);
        }
      }
      for (const s of a.summary.stages) {
        expect(s.timeInStage, `time in ${s.stageId}`).toEqual(durationStats(inStage.get(s.stageId)!));
        expect(s.currentAge, `age in ${s.stageId}`).toEqual(durationStats(age.get(s.stageId)!));
      }
      expect(a.salesCycle).toEqual(durationStats(cycle));
      expect(a.lossCycle).toEqual(durationStats(loss));
    }), { numRuns: 300 });
  });

  it('a stay left later than the next one starts, and one moved back the same day, keep their own ends', () => {
    const deals = [
      // s1 left on day 10 although s2 was entered on day 5 (the CRM kept both open a while).
      deal('late', 'p', 's2', 1, 'CNY', [{ stageId: 's1', enteredAt: day(0), leftAt: day(10) }, { stageId: 's2', enteredAt: day(5) }]),
      // Forward to s2 and back to s1 on one day: s2 lasted no time at all.
      deal('back', 'p', 's1', 1, 'CNY', [{ stageId: 's1', enteredAt: day(0), leftAt: day(3) }, { stageId: 's2', enteredAt: day(3), leftAt: day(3) }, { stageId: 's1', enteredAt: day(3) }]),
      // The last stay ended (the deal was closed elsewhere) and nothing came after it.
      deal('ended', 'p', 's3', 1, 'CNY', [{ stageId: 's3', enteredAt: day(1), leftAt: day(4) }]),
    ];
    const a = pipelineAnalytics({ pipelines: [p], opportunities: deals }, { now, currency: 'CNY' });
    const days = (id: string) => a.summary.stages.find((s) => s.stageId === id)!.timeInStage;
    expect(days('s1')).toMatchObject({ count: 2, min: 3, max: 10 });
    expect(days('s2')).toMatchObject({ count: 1, min: 0, max: 0 });
    expect(days('s3')).toMatchObject({ count: 1, min: 3, max: 3 });
  });
});

describe('codes and stay counts past what one byte holds', () => {
  // 300 stages, 200 pipelines, 150 currencies and a deal with 200 stays: every code and the
  // stay count outgrow a one-byte column while the index is built.
  const stages = Array.from({ length: 300 }, (_, k) => stage(`s${k}`, k));
  const pipelines = Array.from({ length: 200 }, (_, k) => pipeline(`p${k}`, stages));
  const currencies = Array.from({ length: 150 }, (_, k) => `C${String(k).padStart(3, '0')}`);
  const fx: FxTable = { name: 'all', snapshots: [{ date: '2026-01-01', base: 'CNY', rates: Object.fromEntries(currencies.map((c, k) => [c, 1 + k / 100])) }] };
  const t = (d: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + d * DAY).toISOString();
  const deals = Array.from({ length: 900 }, (_, k) => {
    const st = `s${(k * 7) % 300}`;
    const stays = k === 0 ? stages.slice(0, 200).map((s, q) => ({ stageId: s.id, enteredAt: t(q) })) : [{ stageId: 's5', enteredAt: t(0) }, { stageId: st, enteredAt: t(k % 50) }];
    return deal(`d${k}`, `p${(k * 13) % 200}`, k === 0 ? 's199' : st, 1000 + k / 8, currencies[(k * 11) % 150], stays);
  });
  const book = { pipelines, opportunities: deals };

  it('counts and sums each stage of each pipeline per currency as the deals say', () => {
    for (const pid of ['p0', 'p127', 'p128', 'p199']) {
      const a = pipelineAnalytics(book, { now, currency: 'CNY', fx, pipelineId: pid });
      const mine = deals.filter((o) => o.pipelineId === pid);
      expect(mine.length).toBeGreaterThan(0);
      expect(a.dealCount).toBe(mine.length);
      for (const s of a.summary.stages) {
        const here = mine.filter((o) => o.stageId === s.stageId);
        expect(s.count, `${pid} ${s.stageId}`).toBe(here.length);
        const want: Record<string, { amount: number; count: number }> = {};
        for (const o of here) { const c = (want[o.amount.currency] ??= { amount: 0, count: 0 }); c.amount += o.amount.amount; c.count++; }
        expect(Object.fromEntries(Object.entries(s.total.breakdown).map(([c, b]) => [c, { amount: b.amount, count: b.count }]))).toEqual(want);
      }
    }
  });

  it('reads all 200 stays of the long history', () => {
    const a = pipelineAnalytics(book, { now, currency: 'CNY', fx, pipelineId: 'p0' });
    const byId = new Map(a.summary.stages.map((s) => [s.stageId, s]));
    // Stages s0..s198 each lasted one day in d0 (s5 and others also in shorter deals).
    for (const k of [0, 100, 127, 128, 198]) expect(byId.get(`s${k}`)!.timeInStage.max, `s${k}`).toBeGreaterThanOrEqual(1);
    expect(byId.get('s198')!.timeInStage).toMatchObject({ count: 1, min: 1, max: 1 });
    expect(byId.get('s199')!.currentAge.count).toBe(1);
    expect(a.conversion.anyStage.find((x) => x.stageId === 's198')!.entered).toBe(1);
  });
});

describe('a probability of its own', () => {
  it('applies where a deal has one, the stage’s elsewhere, whichever deal comes first', () => {
    const p = pipeline('p', [stage('s1', 1)]);
    const deals = [deal('a', 'p', 's1', 100, 'CNY', []), deal('b', 'p', 's1', 100, 'CNY', [], { probability: 0.9 }), deal('c', 'p', 's1', 100, 'CNY', [])];
    for (const list of [deals, [...deals].reverse()]) {
      const a = pipelineAnalytics({ pipelines: [p], opportunities: list }, { now, currency: 'CNY' });
      expect(a.summary.stages[0].weighted.amount).toBe(50 + 90 + 50);
    }
  });
});
