import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KamValidationError, type Book } from '@kamkit/core';
import { parseHealthModel, validateHealthModel, KamModelError, defaultHealthModel, warningBands, scoreAccount, whatIf, compileHealthModel, signalMatrix, scoreBatch, explainRow, rollUpHealth, OverrideLedger, scoreBook, computeSignals, builtInSignalNames, builtInSignals, builtInSignalUnits, pointsEarned, pointsLost, treatmentOf, topDriverOf, type HealthModel, type HealthModelInput, type Signals } from '@kamkit/core/health';

// A hand-computable model: g1 (weight 3) holds f1 (linear 0→100, higher better) and f2 (steps,
// lower better); f3 (weight 1) is recency decay (grace 5 days, half-life 10).
const golden: HealthModelInput = {
  id: 'golden', label: 'Golden',
  bands: [
    { id: 'red', label: 'Red', min: 0, max: 50, tone: 'red' },
    { id: 'yellow', label: 'Yellow', min: 50, max: 75, tone: 'yellow' },
    { id: 'green', label: 'Green', min: 75, max: 100, tone: 'green' },
  ],
  root: ['g1', 'f3'],
  groups: [{ id: 'g1', label: 'Group one', weight: 3, children: ['f1', 'f2'] }],
  factors: [
    { id: 'f1', label: 'Usage', signal: 's1', weight: 1, direction: 'higher_is_better', scoring: { type: 'linear', from: 0, to: 100 } },
    { id: 'f2', label: 'Tickets', signal: 's2', weight: 1, direction: 'lower_is_better', scoring: { type: 'steps', thresholds: [10, 20], scores: [1, 0.5, 0] } },
    { id: 'f3', label: 'Recency', signal: 's3', weight: 1, direction: 'lower_is_better', scoring: { type: 'decay', halfLifeDays: 10, graceDays: 5 } },
  ],
};
const custom = { signals: ['s1', 's2', 's3'] };
const model = parseHealthModel(golden, custom);
const withPolicy = (p: 'ignore' | 'neutral' | 'worst') => parseHealthModel({ ...golden, missing: p }, custom);

describe('health model validation', () => {
  const bad = (patch: (m: HealthModelInput) => void, opts = custom) => {
    const m = structuredClone(golden);
    patch(m);
    return validateHealthModel(m, opts);
  };
  it('accepts the default model and the golden one', () => {
    expect(defaultHealthModel.factors.length).toBeGreaterThanOrEqual(7);
    expect(model.missing).toBe('ignore');
  });
  it('ships the default model as parsing returns it (valid, every default filled in)', () => {
    expect(parseHealthModel(defaultHealthModel)).toEqual(defaultHealthModel);
  });
  it('refuses a negative weight naming its path', () => {
    const r = bad((m) => { m.factors[1].weight = -1; });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: 'factors.1.weight' });
  });
  it('refuses overlapping and unsorted bands', () => {
    const r = bad((m) => { m.bands[1].min = 40; });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('bands.1.min');
    const u = bad((m) => { m.bands = [m.bands[1], m.bands[0], m.bands[2]]; });
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.issues.map((i) => i.path)).toContain('bands.0.min');
  });
  it('refuses a signal nobody provides', () => {
    const r = bad((m) => { m.factors[0].signal = 'usage.logins'; }, { signals: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.find((i) => i.path === 'factors.0.signal')?.message).toMatch(/no signal provider for "usage\.logins"/);
  });
  it('refuses a cycle in groups', () => {
    const r = bad((m) => {
      m.groups!.push({ id: 'g2', label: 'Two', weight: 1, children: ['g3'] }, { id: 'g3', label: 'Three', weight: 1, children: ['g2'] });
      m.root.push('g2');
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => /cycle/.test(i.message) && i.path.startsWith('groups.'))).toBe(true);
    const self = bad((m) => { m.groups![0].children.push('g1'); });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.issues[0]).toMatchObject({ path: 'groups.0.children.2' });
  });
  it('refuses steps that contradict the direction, decay that is not lower-is-better, and unknown children', () => {
    expect(bad((m) => { (m.factors[1].scoring as { scores: number[] }).scores = [0, 0.5, 1]; }).ok).toBe(false);
    expect(bad((m) => { m.factors[2].direction = 'higher_is_better'; }).ok).toBe(false);
    const r = bad((m) => { m.groups![0].children.push('nope'); });
    expect(!r.ok && r.issues[0].path).toBe('groups.0.children.2');
  });
  it('parseHealthModel throws a KamModelError (code invalid_model) with the path in its message', () => {
    const m = structuredClone(golden);
    m.factors[0].weight = -2;
    expect(() => parseHealthModel(m, custom)).toThrow(KamModelError);
    try { parseHealthModel(m, custom); } catch (e) {
      expect((e as KamModelError).code).toBe('invalid_model');
      expect((e as Error).message).toMatch(/factors\.0\.weight/);
    }
  });
  it('expresses the three-tier red / yellow / blue warning', () => {
    const m = parseHealthModel({ ...golden, bands: warningBands }, custom);
    expect(scoreAccount(m, { s1: 80, s2: 15, s3: 40 }).band.tone).toBe('yellow'); // 100·(.375·.8+.375·.5+.25·.088) ≈ 50.9
    expect(scoreAccount(m, { s1: 100, s2: 15, s3: 15 }).band.tone).toBe('blue'); // 37.5+18.75+12.5 = 68.75
  });
});

describe('scoreAccount (hand-computed)', () => {
  // f1 = 0.8, f2 = 1 (5 < 10), f3 = 0.5^((25−5)/10) = 0.25; effective weights 3/8, 3/8, 1/4.
  const r = scoreAccount(model, { s1: 80, s2: 5, s3: 25 });
  it('scores, bands and explains each factor', () => {
    expect(r.score).toBeCloseTo(73.75, 10);
    expect(r.band.id).toBe('yellow');
    expect(r.coverage).toBeCloseTo(1, 12);
    const by = Object.fromEntries(r.factors.map((f) => [f.id, f]));
    expect(by.f1).toMatchObject({ raw: 80, treatment: 'scored', groupPath: ['g1'] });
    expect(by.f1.pointsEarned).toBeCloseTo(30, 10);
    expect(by.f1.pointsLost).toBeCloseTo(7.5, 10);
    expect(by.f2.pointsLost).toBeCloseTo(0, 10);
    expect(by.f3.pointsEarned).toBeCloseTo(6.25, 10);
    expect(by.f3.pointsLost).toBeCloseTo(18.75, 10);
    expect(r.factors.reduce((s, f) => s + f.pointsLost, 0) + r.score).toBeCloseTo(100, 10);
    expect(r.groups[0]).toMatchObject({ id: 'g1' });
    expect(r.groups[0].score).toBeCloseTo(90, 10);
  });
  it('names the drivers', () => {
    expect(r.drivers.negative.map((f) => f.id)).toEqual(['f3', 'f1']);
    expect(r.drivers.positive[0].id).toBe('f2');
  });
  it('says what it takes to reach the next band, smallest change first', () => {
    // 1.25 points short of green: f1 to ≥ 83.33 (effort 0.033) or f3 to ≤ 5 + 10·log2(1/0.3) days (effort 0.05).
    const plan = r.nextBand!;
    expect(plan.band.id).toBe('green');
    expect(plan.pointsNeeded).toBeCloseTo(1.25, 10);
    expect(plan.singleFactor.map((s) => s.factorId)).toEqual(['f1', 'f3']);
    expect(plan.singleFactor[0]).toMatchObject({ op: 'at_least' });
    expect(plan.singleFactor[0].target).toBeCloseTo(83.3333333, 5);
    expect(plan.singleFactor[1].op).toBe('at_most');
    expect(plan.singleFactor[1].target).toBeCloseTo(5 + 10 * Math.log2(1 / 0.3), 8);
    // Applying the suggested change really reaches green.
    expect(scoreAccount(model, { s1: plan.singleFactor[0].target + 1e-9, s2: 5, s3: 25 }).band.id).toBe('green');
    expect(scoreAccount(model, { s1: 80, s2: 5, s3: plan.singleFactor[1].target - 1e-9 }).band.id).toBe('green');
  });
  it('combines factors when none reaches the next band alone', () => {
    // f1 = 0.2, f2 = 0.5 (15), f3 = 1: 7.5 + 18.75 + 25 = 51.25; green needs 23.75; f1 can give 30 → alone.
    // Make f1 unable: f1 = 0.9 (gives at most 3.75), f2 = 0 (25 → at most 37.5 via steps), f3 = 0.125 (35 days).
    const x = scoreAccount(model, { s1: 90, s2: 25, s3: 35 });
    // 33.75 + 0 + 3.125 = 36.875 (red) → next is yellow at 50: needs 13.125; f2 alone (to < 10) gives 37.5.
    expect(x.score).toBeCloseTo(36.875, 10);
    expect(x.nextBand!.singleFactor[0]).toMatchObject({ factorId: 'f2', op: 'below', target: 20 });
    // No single factor reaches green from 51.25 when f1 = 0.99, f2 = 0.5, f3 = 0.5^(1) …
    const y = scoreAccount(model, { s1: 99, s2: 15, s3: 15 }); // 37.125 + 18.75 + 12.5 = 68.375
    expect(y.score).toBeCloseTo(68.375, 10);
    const plan = y.nextBand!; // needs 6.625: f2 → <10 gives 18.75 alone
    expect(plan.singleFactor.map((s) => s.factorId)).toContain('f2');
    const z = scoreAccount(parseHealthModel({ ...golden, bands: [{ id: 'low', label: 'Low', min: 0, max: 95, tone: 'red' }, { id: 'top', label: 'Top', min: 95, max: 100, tone: 'green' }] }, custom), { s1: 90, s2: 15, s3: 15 });
    // 33.75 + 18.75 + 12.5 = 65 → needs 30; max single gains: f1 3.75, f2 18.75, f3 12.5 → combination f2 + f3.
    expect(z.nextBand!.singleFactor).toEqual([]);
    expect(z.nextBand!.combination.map((s) => s.factorId)).toEqual(['f2', 'f3']);
    expect(z.nextBand!.reachable).toBe(true);
  });
});

describe('missing-data policies (hand-computed)', () => {
  it('ignore renormalises over the factors with data', () => {
    const r = scoreAccount(withPolicy('ignore'), { s2: 5, s3: 25 });
    expect(r.score).toBeCloseTo(81.25, 10); // 0.75·1 + 0.25·0.25
    expect(r.coverage).toBeCloseTo(0.625, 12);
    const f1 = r.factors[0];
    expect(f1).toMatchObject({ missing: true, treatment: 'ignored', pointsEarned: 0, pointsLost: 0 });
  });
  it('neutral gives the neutral fraction', () => {
    const r = scoreAccount(withPolicy('neutral'), { s2: 5, s3: 25 });
    expect(r.score).toBeCloseTo(62.5, 10);
    expect(r.factors[0]).toMatchObject({ treatment: 'neutral' });
    expect(r.factors[0].pointsLost).toBeCloseTo(18.75, 10);
  });
  it('worst gives zero', () => {
    const r = scoreAccount(withPolicy('worst'), { s2: 5, s3: 25 });
    expect(r.score).toBeCloseTo(43.75, 10);
    expect(r.factors[0].pointsLost).toBeCloseTo(37.5, 10);
  });
  it('NaN and Infinity count as missing, never as numbers', () => {
    const r = scoreAccount(model, { s1: NaN, s2: Infinity, s3: -Infinity });
    expect(Number.isFinite(r.score)).toBe(true);
    expect(r.noData).toBe(true);
    expect(r.score).toBe(50);
    expect(r.factors.every((f) => f.treatment === 'no_data_fallback')).toBe(true);
    expect(r.factors.reduce((s, f) => s + f.pointsLost, 0) + r.score).toBeCloseTo(100, 10);
  });
});

describe('trend, what-if, overrides', () => {
  it('reports the trend against the previous snapshot', () => {
    const r = scoreAccount(model, { s1: 80, s2: 5, s3: 25 }, { previous: { score: 80, at: '2026-10-01' } });
    expect(r.trend).toMatchObject({ previous: 80, direction: 'down', previousBand: 'green', since: '2026-10-01' });
    expect(r.trend!.delta).toBeCloseTo(-6.25, 10);
    expect(scoreAccount(model, { s1: 80, s2: 5, s3: 25 }, { previous: 73.6 }).trend!.direction).toBe('same');
  });
  it('what-if re-scores changed signals without touching the originals', () => {
    const signals: Signals = { s1: 80, s2: 5, s3: 25 };
    const w = whatIf(model, signals, { s3: 5 });
    expect(signals.s3).toBe(25);
    expect(w.before.score).toBeCloseTo(73.75, 10);
    expect(w.after.score).toBeCloseTo(92.5, 10);
    expect(w.delta).toBeCloseTo(18.75, 10);
    expect(w.bandChanged).toBe(true);
  });
  it('applies an override with reason and author, stops at expiry, and keeps the audit trail', () => {
    const ledger = new OverrideLedger();
    ledger.set({ id: 'o1', accountId: 'a1', value: 30, reason: 'CFO left; budget frozen', author: 'lin', expiresAt: '2026-12-01T00:00:00Z' }, '2026-11-01T00:00:00Z');
    const sig = { s1: 80, s2: 5, s3: 25 };
    const during = scoreAccount(model, sig, { accountId: 'a1', overrides: ledger, now: '2026-11-15T00:00:00Z' });
    expect(during.score).toBe(30);
    expect(during.band.id).toBe('red');
    expect(during.computedScore).toBeCloseTo(73.75, 10);
    expect(during.override).toMatchObject({ applied: true, override: { reason: 'CFO left; budget frozen', author: 'lin' } });
    const after = scoreAccount(model, sig, { accountId: 'a1', overrides: ledger, now: '2026-12-02T00:00:00Z' });
    expect(after.score).toBeCloseTo(73.75, 10);
    expect(after.override).toBeNull();
    expect(ledger.audit('2026-12-02T00:00:00Z').map((e) => e.action)).toEqual(['set', 'expired']);
    expect(ledger.audit('2026-11-20T00:00:00Z').map((e) => e.action)).toEqual(['set']);
  });
  it('an only-lower override never raises the score', () => {
    const ledger = new OverrideLedger();
    ledger.set({ id: 'o1', accountId: 'a1', value: 95, reason: 'Feels fine', author: 'lin', onlyLower: true }, '2026-11-01');
    const r = scoreAccount(model, { s1: 80, s2: 5, s3: 25 }, { accountId: 'a1', overrides: ledger, now: '2026-11-02' });
    expect(r.score).toBeCloseTo(73.75, 10);
    expect(r.override).toMatchObject({ applied: false });
    expect(r.override!.note).toMatch(/only lower/);
    ledger.set({ id: 'o2', accountId: 'a1', value: 40, reason: 'Escalation open', author: 'wang', onlyLower: true }, '2026-11-03');
    expect(scoreAccount(model, { s1: 80, s2: 5, s3: 25 }, { accountId: 'a1', overrides: ledger, now: '2026-11-04' }).score).toBe(40);
    ledger.revoke('o2', 'lin', 'resolved', '2026-11-05');
    expect(scoreAccount(model, { s1: 80, s2: 5, s3: 25 }, { accountId: 'a1', overrides: ledger, now: '2026-11-06' }).score).toBeCloseTo(73.75, 10);
    expect(ledger.audit('2026-11-06').map((e) => e.action)).toEqual(['set', 'replaced', 'set', 'revoked']);
  });
  it('refuses an override without a reason', () => {
    expect(() => new OverrideLedger().set({ id: 'o', accountId: 'a', value: 10, reason: '  ', author: 'x' }, '2026-11-01')).toThrow(KamValidationError);
  });
});

describe('roll-up', () => {
  it('revenue-weighted and worst-child (hand-computed)', () => {
    const kids = [{ accountId: 'c1', score: 80, weight: 300 }, { accountId: 'c2', score: 40, weight: 100 }];
    expect(rollUpHealth(kids, 'revenue_weighted').score).toBeCloseTo(70, 12);
    expect(rollUpHealth(kids, 'worst_child')).toMatchObject({ score: 40, worstChildId: 'c2' });
    expect(rollUpHealth([{ accountId: 'c1', score: 80, weight: 0 }, { accountId: 'c2', score: 40, weight: 0 }], 'revenue_weighted').score).toBe(60);
  });
  it('rolls a parent up from its children in scoreBook', () => {
    const book: Partial<Book> = {
      accounts: [
        { id: 'p', name: 'Parent', tags: [], sourceIds: {} },
        { id: 'c1', name: 'Child 1', parentId: 'p', tags: [], sourceIds: {} },
        { id: 'c2', name: 'Child 2', parentId: 'p', tags: [], sourceIds: {} },
      ],
      orders: [
        { id: 'o1', accountId: 'c1', orderedAt: '2026-10-01', amount: { amount: 300, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} },
        { id: 'o2', accountId: 'c2', orderedAt: '2026-10-01', amount: { amount: 100, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} },
      ],
      activities: [{ id: 'x1', accountId: 'c1', type: 'visit', subject: 'Visit', occurredAt: '2026-11-20', sourceIds: {} }],
    };
    const h = scoreBook(book, defaultHealthModel, { now: '2026-11-23T00:00:00Z' });
    const s1 = h.results.get('c1')!.score, s2 = h.results.get('c2')!.score;
    expect(s1).toBeGreaterThan(s2);
    expect(h.rollUps.get('p')!.score).toBeCloseTo((3 * s1 + s2) / 4, 10);
    const w = scoreBook(book, defaultHealthModel, { now: '2026-11-23T00:00:00Z', rollUp: 'worst_child' });
    expect(w.rollUps.get('p')).toMatchObject({ score: s2, worstChildId: 'c2' });
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests: random models (nested groups, every scoring type and policy) and random signals.

interface Gen { model: HealthModel; signals: string[] }

const scoringFor = (dir: 'higher_is_better' | 'lower_is_better') => fc.oneof(
  fc.tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 200 })).map(([a, w]) => ({ type: 'linear' as const, from: a, to: a + w })),
  fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 4 }).chain((th) => {
    const thresholds = [...th].sort((a, b) => a - b);
    return fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: thresholds.length + 1, maxLength: thresholds.length + 1 }).map((s) => {
      const scores = [...s].sort((a, b) => (dir === 'higher_is_better' ? a - b : b - a));
      return { type: 'steps' as const, thresholds, scores };
    });
  }),
  ...(dir === 'lower_is_better' ? [fc.tuple(fc.double({ min: 0.5, max: 90, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true })).map(([h, g]) => ({ type: 'decay' as const, halfLifeDays: h, graceDays: g }))] : []),
);

const factorArb = fc.constantFrom('higher_is_better' as const, 'lower_is_better' as const).chain((direction) =>
  fc.record({
    direction: fc.constant(direction),
    scoring: scoringFor(direction),
    weight: fc.oneof(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.constant(0)),
    missing: fc.constantFrom('ignore' as const, 'neutral' as const, 'worst' as const, undefined),
    neutral: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  }));

/** A tree: each group has 1–3 children; depth ≤ 3; at least one positive weight per group. */
const modelArb: fc.Arbitrary<Gen> = fc.record({
  shape: fc.array(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  factors: fc.array(factorArb, { minLength: 12, maxLength: 12 }),
  groupWeights: fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 9, maxLength: 9 }),
  missing: fc.constantFrom('ignore' as const, 'neutral' as const, 'worst' as const),
}).map(({ shape, factors, groupWeights, missing }) => {
  // shape[i] = sizes of factor-holding subgroups of top-level group i (depth 2), plus one root factor.
  const groups: HealthModelInput['groups'] = [];
  const fs: HealthModelInput['factors'] = [];
  const root: string[] = [];
  let fi = 0, gi = 0;
  const nextFactor = () => {
    const f = factors[fi % factors.length];
    const id = `f${fi++}`;
    fs.push({ id, label: id, signal: `sig.${id}`, weight: f.weight, direction: f.direction, scoring: f.scoring, missing: f.missing, neutral: f.neutral });
    return id;
  };
  for (const sub of shape) {
    const gid = `g${gi}`;
    const w = groupWeights[gi++ % groupWeights.length];
    const kids: string[] = [];
    for (const n of sub) {
      const sid = `g${gi}`;
      const sw = groupWeights[gi++ % groupWeights.length];
      const leaves = Array.from({ length: n }, nextFactor);
      fs.find((f) => f.id === leaves[0])!.weight ||= 1; // a group needs some weight
      groups.push({ id: sid, label: sid, weight: sw, children: leaves });
      kids.push(sid);
    }
    groups.push({ id: gid, label: gid, weight: w, children: kids });
    root.push(gid);
  }
  const lone = nextFactor();
  root.push(lone);
  const input: HealthModelInput = { id: 'gen', label: 'Generated', bands: defaultHealthModel.bands, root, groups, factors: fs, missing };
  const signals = fs.map((f) => f.signal);
  return { model: parseHealthModel(input, { signals }), signals };
});

const valueArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -500, max: 500, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, NaN, Infinity, -Infinity) },
);
const caseArb = modelArb.chain((g) => fc.tuple(fc.constant(g), fc.array(valueArb, { minLength: g.signals.length, maxLength: g.signals.length })));
const toSignals = (g: Gen, values: Array<number | undefined>): Signals => Object.fromEntries(g.signals.map((s, i) => [s, values[i]]));

/** Straightforward recursive reference implementation of the documented maths. */
function reference(m: HealthModel, sig: Signals): number {
  const c = compileHealthModel(m);
  const fById = new Map(m.factors.map((f, j) => [f.id, { f, j }]));
  const gById = new Map(m.groups.map((g) => [g.id, g]));
  const leaf = (id: string, fallback: boolean): { w: number; v: number } | undefined => {
    const { f, j } = fById.get(id)!;
    const x = sig[f.signal];
    const neutral = f.neutral ?? m.neutral;
    if (fallback) return { w: f.weight, v: neutral };
    if (typeof x === 'number' && Number.isFinite(x)) return { w: f.weight, v: c.fraction(j, x) };
    const p = f.missing ?? m.missing;
    return p === 'ignore' ? undefined : { w: f.weight, v: p === 'neutral' ? neutral : 0 };
  };
  const node = (ids: string[], fallback: boolean): number | undefined => {
    let ws = 0, vs = 0;
    for (const id of ids) {
      const g = gById.get(id);
      const r = g ? (() => { const v = node(g.children, fallback); return v === undefined ? undefined : { w: g.weight, v }; })() : leaf(id, fallback);
      if (!r || r.w <= 0) continue;
      ws += r.w; vs += r.w * r.v;
    }
    return ws > 0 ? vs / ws : undefined;
  };
  const v = node(m.root, false) ?? node(m.root, true)!;
  return 100 * v;
}

describe('scoring invariants (property-based)', () => {
  it('score is finite and in [0, 100]; points lost + score = 100; equals the reference maths', () => {
    fc.assert(fc.property(caseArb, ([g, values]) => {
      const r = scoreAccount(g.model, toSignals(g, values));
      expect(Number.isFinite(r.score)).toBe(true);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      const lost = r.factors.reduce((s, f) => s + f.pointsLost, 0);
      expect(Math.abs(lost + r.computedScore - 100)).toBeLessThan(1e-9);
      for (const f of r.factors) {
        expect(Number.isFinite(f.pointsEarned) && Number.isFinite(f.pointsLost)).toBe(true);
        expect(f.pointsLost).toBeGreaterThanOrEqual(-1e-12);
      }
      expect(Math.abs(r.score - reference(g.model, toSignals(g, values)))).toBeLessThan(1e-9);
      expect(r.coverage).toBeGreaterThanOrEqual(0);
      expect(r.coverage).toBeLessThanOrEqual(1);
    }), { numRuns: 150 });
  });

  it('is monotonic in each factor’s direction', () => {
    fc.assert(fc.property(caseArb, fc.nat(), fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), ([g, values], k, a, b) => {
      const j = k % g.model.factors.length;
      const f = g.model.factors[j];
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const sLo = scoreAccount(g.model, { ...toSignals(g, values), [f.signal]: lo }).score;
      const sHi = scoreAccount(g.model, { ...toSignals(g, values), [f.signal]: hi }).score;
      if (f.direction === 'higher_is_better') expect(sHi).toBeGreaterThanOrEqual(sLo - 1e-9);
      else expect(sHi).toBeLessThanOrEqual(sLo + 1e-9);
    }), { numRuns: 150 });
  });

  it('scaling every weight by the same factor changes nothing', () => {
    fc.assert(fc.property(caseArb, fc.double({ min: 0.001, max: 1000, noNaN: true }), ([g, values], k) => {
      const scaled = parseHealthModel({
        ...g.model,
        groups: g.model.groups.map((x) => ({ ...x, weight: x.weight * k })),
        factors: g.model.factors.map((x) => ({ ...x, weight: x.weight * k })),
      }, { signals: g.signals });
      const s = toSignals(g, values);
      expect(Math.abs(scoreAccount(scaled, s).score - scoreAccount(g.model, s).score)).toBeLessThan(1e-9);
    }), { numRuns: 100 });
  });

  it('the missing-data policy holds for every factor without data', () => {
    fc.assert(fc.property(caseArb, ([g, values]) => {
      const r = scoreAccount(g.model, toSignals(g, values));
      r.factors.forEach((f, j) => {
        if (!f.missing || r.noData) return;
        const def = g.model.factors[j];
        const policy = def.missing ?? g.model.missing;
        if (policy === 'ignore') { expect(f.treatment).toBe('ignored'); expect(f.maxPoints).toBe(0); }
        if (policy === 'worst') { expect(f.treatment).toBe('worst'); expect(f.pointsEarned).toBe(0); }
        if (policy === 'neutral') {
          expect(f.treatment).toBe('neutral');
          if (f.maxPoints > 0) expect(f.fraction).toBeCloseTo(def.neutral ?? g.model.neutral, 9);
        }
      });
    }), { numRuns: 150 });
  });

  it('roll-up lies within the children’s range', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ accountId: fc.string(), score: fc.double({ min: 0, max: 100, noNaN: true }), weight: fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constant(NaN)) }), { minLength: 1, maxLength: 20 }),
      fc.constantFrom('revenue_weighted' as const, 'worst_child' as const),
      (kids, method) => {
        const r = rollUpHealth(kids, method);
        const scores = kids.map((k) => k.score);
        expect(r.score).toBeGreaterThanOrEqual(Math.min(...scores));
        expect(r.score).toBeLessThanOrEqual(Math.max(...scores));
      }), { numRuns: 150 });
  });

  it('batch scoring equals one-by-one scoring, explanation included', () => {
    fc.assert(fc.property(modelArb.chain((g) => fc.tuple(fc.constant(g), fc.array(fc.array(valueArb, { minLength: g.signals.length, maxLength: g.signals.length }), { minLength: 1, maxLength: 8 }))), ([g, rows]) => {
      const c = compileHealthModel(g.model);
      const sigs = rows.map((v) => toSignals(g, v));
      const batch = scoreBatch(c, signalMatrix(c, sigs));
      sigs.forEach((s, i) => {
        const one = scoreAccount(g.model, s);
        expect(batch.score[i]).toBe(one.score);
        const ex = explainRow(c, batch, i, s);
        expect(ex.factors.map((f) => f.pointsLost)).toEqual(one.factors.map((f) => f.pointsLost));
        ex.factors.forEach((f, j) => {
          expect(pointsEarned(batch, i, j)).toBeCloseTo(f.pointsEarned, 12);
          expect(pointsLost(batch, i, j)).toBeCloseTo(f.pointsLost, 12);
          expect(treatmentOf(c, batch, i, j)).toBe(f.treatment);
        });
        const top = topDriverOf(batch, i);
        if (top >= 0) expect(ex.factors[top].pointsLost).toBeCloseTo(Math.max(...ex.factors.map((f) => f.pointsLost)), 12);
      });
    }), { numRuns: 100 });
  });

  // Past 16 factors the weights are keyed by activity pattern, one 32-bit word per 32 factors: 17 (the
  // first past the table), 32 (bit 31 is the sign bit), 33 (one bit in a second word), 40, 64 (two full words).
  it.each([17, 32, 33, 40, 64])('a model of %i factors follows the same maths, batch and one by one', (n) => {
    // n factors in five groups: every policy and scoring type.
    const factors: HealthModelInput['factors'] = Array.from({ length: n }, (_, j) => ({
      id: `f${j}`, label: `f${j}`, signal: `sig.f${j}`, weight: 1 + (j % 3),
      direction: j % 2 ? 'lower_is_better' as const : 'higher_is_better' as const,
      scoring: j % 4 === 1 ? { type: 'decay' as const, halfLifeDays: 30, graceDays: 5 } : j % 4 === 2 ? { type: 'steps' as const, thresholds: [0, 50], scores: [0, 0.5, 1] } : { type: 'linear' as const, from: -100, to: 100 },
      missing: (['ignore', 'neutral', 'worst'] as const)[j % 3],
    }));
    const groups = Array.from({ length: 5 }, (_, g) => ({ id: `g${g}`, label: `g${g}`, weight: g + 1, children: factors.slice(Math.round((g * n) / 5), Math.round(((g + 1) * n) / 5)).map((f) => f.id) }));
    const g: Gen = { model: parseHealthModel({ id: 'wide', label: 'Wide', bands: defaultHealthModel.bands, root: groups.map((x) => x.id), groups, factors, missing: 'ignore' }, { signals: factors.map((f) => f.signal) }), signals: factors.map((f) => f.signal) };
    const c = compileHealthModel(g.model);
    fc.assert(fc.property(fc.array(fc.array(valueArb, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }), (rows) => {
      const sigs = rows.map((v) => toSignals(g, v));
      const batch = scoreBatch(c, signalMatrix(c, sigs));
      expect(batch.words).toBe(Math.ceil(n / 32));
      sigs.forEach((s, i) => {
        const one = scoreAccount(g.model, s);
        expect(batch.score[i]).toBe(one.score);
        expect(Math.abs(one.score - reference(g.model, s))).toBeLessThan(1e-9);
        expect(Math.abs(one.factors.reduce((n, f) => n + f.pointsLost, 0) + one.computedScore - 100)).toBeLessThan(1e-9);
        one.factors.forEach((f, j) => {
          expect(treatmentOf(c, batch, i, j)).toBe(f.treatment);
          expect(f.treatment === 'scored').toBe(!f.missing && !one.noData);
        });
      });
    }), { numRuns: 100 });
  });
});

describe('signals from a book (hand-computed)', () => {
  const now = '2026-11-23T00:00:00Z';
  const book: Partial<Book> = {
    accounts: [{ id: 'a', name: 'A', tags: [], sourceIds: {} }, { id: 'empty', name: 'Empty', tags: [], sourceIds: {} }],
    contracts: [
      { id: 'k1', accountId: 'a', name: 'Main', startDate: '2025-12-01', endDate: '2026-12-23', value: { amount: 100, currency: 'CNY' }, renewalStatus: 'upcoming', sourceIds: {} },
      { id: 'k0', accountId: 'a', name: 'Old', startDate: '2024-12-01', endDate: '2025-11-30', value: { amount: 100, currency: 'CNY' }, renewalStatus: 'renewed', sourceIds: {} },
    ],
    tickets: [
      { id: 't1', accountId: 'a', subject: 'Down', severity: 'critical', status: 'resolved', openedAt: '2026-11-01', sourceIds: {} },
      { id: 't2', accountId: 'a', subject: 'Slow', severity: 'low', status: 'open', openedAt: '2026-01-01', sourceIds: {} },
      { id: 't3', accountId: 'a', subject: 'Old', severity: 'high', status: 'closed', openedAt: '2025-01-01', sourceIds: {} },
    ],
    activities: [
      { id: 'x1', accountId: 'a', contactId: 'c1', type: 'visit', subject: 'Visit', occurredAt: '2026-11-13T00:00:00Z', sourceIds: {} },
      { id: 'x2', accountId: 'a', type: 'call', subject: 'Call', occurredAt: '2026-06-01', sourceIds: {} },
      { id: 'x3', accountId: 'a', type: 'call', subject: 'Future', occurredAt: '2026-12-01', sourceIds: {} },
    ],
    contacts: [
      { id: 'c1', accountId: 'a', name: 'Zhang', role: 'decision_maker', sourceIds: {} },
      { id: 'c2', accountId: 'a', name: 'Li', role: 'user', lastEngagedAt: '2026-11-01', sourceIds: {} },
      { id: 'c3', accountId: 'a', name: 'Wu', role: 'champion', lastEngagedAt: '2026-01-01', sourceIds: {} },
    ],
    teamMembers: [{ id: 'm1', accountId: 'a', userId: 'u1', role: 'executive_sponsor' }],
    invoices: [
      { id: 'i1', accountId: 'a', amount: { amount: 100, currency: 'CNY' }, issuedAt: '2026-08-01', dueDate: '2026-09-01', paidDate: '2026-09-11', sourceIds: {} },
      { id: 'i2', accountId: 'a', amount: { amount: 300, currency: 'CNY' }, issuedAt: '2026-10-01', dueDate: '2026-11-13', sourceIds: {} },
      { id: 'i3', accountId: 'a', amount: { amount: 100, currency: 'CNY' }, issuedAt: '2026-11-01', dueDate: '2026-12-01', sourceIds: {} },
    ],
    orders: [
      { id: 'o1', accountId: 'a', orderedAt: '2026-10-01', amount: { amount: 50, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} },
      { id: 'o2', accountId: 'a', orderedAt: '2026-03-01', amount: { amount: 100, currency: 'CNY' }, status: 'fulfilled', sourceIds: {} },
      { id: 'o3', accountId: 'a', orderedAt: '2026-04-01', amount: { amount: 900, currency: 'CNY' }, status: 'cancelled', sourceIds: {} },
    ],
    surveys: [
      { id: 'n1', accountId: 'a', kind: 'nps', score: 10, answeredAt: '2026-10-01' },
      { id: 'n2', accountId: 'a', kind: 'nps', score: 9, answeredAt: '2026-10-01' },
      { id: 'n3', accountId: 'a', kind: 'nps', score: 3, answeredAt: '2026-10-01' },
      { id: 'n4', accountId: 'a', kind: 'nps', score: 8, answeredAt: '2026-10-01' },
      { id: 'q1', accountId: 'a', kind: 'csat', score: 4, answeredAt: '2026-10-01' },
      { id: 'q2', accountId: 'a', kind: 'csat', score: 5, answeredAt: '2026-10-01' },
    ],
  };
  it('computes every built-in signal', () => {
    const s = computeSignals(book, 'a', now);
    expect(s['renewal.daysToRenewal']).toBe(30);
    expect(s['tickets.count90d']).toBe(1);
    expect(s['tickets.severity90d']).toBe(9); // critical 8 (recent) + low 1 (still open)
    expect(s['activity.daysSinceLast']).toBe(10);
    expect(s['activity.count90d']).toBe(1);
    expect(s['contacts.engaged']).toBe(2); // c1 via the visit, c2 by lastEngagedAt
    expect(s['relationship.decisionMakerReached']).toBe(1);
    expect(s['relationship.execSponsor']).toBe(1);
    expect(s['payment.avgDaysLate']).toBe(10); // i1 10 days late, i2 10 days overdue so far, i3 not due
    expect(s['payment.overdueShare']).toBe(0.75); // 300 of 400 outstanding
    expect(s['orders.trend']).toBe(-0.5); // last 180 days 50 vs 100 before (cancelled ignored)
    expect(s['satisfaction.nps']).toBe(25); // 2 promoters, 1 detractor of 4
    expect(s['satisfaction.csat']).toBe(4.5);
    expect(Object.keys(s).sort()).toEqual([...builtInSignalNames].sort());
    // the units table and the described list name the same signals, each with a unit
    expect(builtInSignals.map((x) => x.name)).toEqual(builtInSignalNames);
    for (const x of builtInSignals) expect(x.unit).toBe(builtInSignalUnits[x.name]);
    expect(builtInSignals.every((x) => x.unit && x.label && x.description)).toBe(true);
  });
  it('an account with no data gets defined values and a defined score', () => {
    const s = computeSignals(book, 'empty', now);
    expect(s['activity.daysSinceLast']).toBeUndefined();
    expect(s['tickets.count90d']).toBe(0);
    const r = scoreAccount(defaultHealthModel, s);
    expect(Number.isFinite(r.score)).toBe(true);
    expect(r.factors.reduce((a, f) => a + f.pointsLost, 0) + r.score).toBeCloseTo(100, 9);
  });
  it('an empty book scores to nothing without throwing', () => {
    const h = scoreBook({}, defaultHealthModel, { now });
    expect(h.results.size).toBe(0);
    expect(h.averageScore).toBeUndefined();
  });
});
