// The health model is data: factors (signal + scoring function + weight + direction +
// missing-data policy) in nested groups, and configurable bands. `parseHealthModel` refuses
// anything that cannot be scored honestly, naming the zod path of the problem.
import * as z from 'zod/mini';
import { KamError, type FieldIssue, formatIssue } from '../errors.js';
import { issuesOf } from '../model/validate.js';
import { builtInSignalNames } from './signals.js';

const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
const nonNegative = z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0, 'must be a finite number ≥ 0'));
const positive = z.number().check(z.refine((n) => Number.isFinite(n) && n > 0, 'must be a finite number > 0'));
const fraction = z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0 && n <= 1, 'must be between 0 and 1'));
const nodeId = z.string().check(z.regex(/^[A-Za-z0-9_.:-]+$/, 'must be a non-empty id of letters, digits, _ . : -'));

/** What to do when a factor's signal has no data. */
export const MissingPolicy = z.enum(['ignore', 'neutral', 'worst']);
export type MissingPolicy = z.infer<typeof MissingPolicy>;

export const Direction = z.enum(['higher_is_better', 'lower_is_better']);
export type Direction = z.infer<typeof Direction>;

/**
 * How a raw value becomes a fraction 0–1 of the factor's points.
 * - `linear`: 0 at `from`, 1 at `to` (higher_is_better; reversed for lower_is_better), clamped.
 * - `steps`: `scores[i]` applies from `thresholds[i-1]` (inclusive) up to `thresholds[i]`;
 *   scores must not contradict the direction.
 * - `decay`: recency in days; 1 within `graceDays`, then halves every `halfLifeDays` (lower_is_better).
 */
export const ScoringFunction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('linear'), from: finite, to: finite }),
  z.object({ type: z.literal('steps'), thresholds: z.array(finite).check(z.minLength(1, 'needs at least one threshold')), scores: z.array(fraction) }),
  z.object({ type: z.literal('decay'), halfLifeDays: positive, graceDays: z.optional(nonNegative) }),
]);
export type ScoringFunction = z.infer<typeof ScoringFunction>;

export const HealthFactor = z.object({
  id: nodeId,
  label: z.string().check(z.minLength(1, 'must not be empty')),
  /** The signal this factor scores (see `builtInSignals`). */
  signal: z.string().check(z.minLength(1, 'must not be empty')),
  scoring: ScoringFunction,
  /** Relative weight among its siblings (any scale; normalised). */
  weight: nonNegative,
  direction: Direction,
  /** Overrides the model's missing-data policy for this factor. */
  missing: z.optional(MissingPolicy),
  /** Fraction used by the `neutral` policy (default: the model's, 0.5). */
  neutral: z.optional(fraction),
  description: z.optional(z.string()),
});
export type HealthFactor = z.infer<typeof HealthFactor>;

export const HealthGroup = z.object({
  id: nodeId,
  label: z.string().check(z.minLength(1, 'must not be empty')),
  weight: nonNegative,
  /** Ids of factors and groups in this group. */
  children: z.array(z.string()).check(z.minLength(1, 'a group needs at least one child')),
});
export type HealthGroup = z.infer<typeof HealthGroup>;

/** Tone an element paints a band with; `blue` is the seeds' lowest-level warning. */
export const BandTone = z.enum(['red', 'yellow', 'blue', 'green']);
export type BandTone = z.infer<typeof BandTone>;

/** A score band: [min, max) — the last band includes its max (100). */
export const HealthBand = z.object({
  id: nodeId,
  label: z.string().check(z.minLength(1, 'must not be empty')),
  min: finite,
  max: finite,
  tone: BandTone,
});
export type HealthBand = z.infer<typeof HealthBand>;

export const HealthModelShape = z.object({
  id: nodeId,
  label: z.string().check(z.minLength(1, 'must not be empty')),
  version: z.optional(z.string()),
  /** Ids of the top-level factors and groups. */
  root: z.array(z.string()).check(z.minLength(1, 'the model needs at least one top-level factor or group')),
  groups: z._default(z.array(HealthGroup), []),
  factors: z.array(HealthFactor).check(z.minLength(1, 'the model needs at least one factor')),
  /** Ascending, contiguous, from 0 to 100. */
  bands: z.array(HealthBand).check(z.minLength(1, 'needs at least one band')),
  /** Default missing-data policy. */
  missing: z._default(MissingPolicy, 'ignore'),
  /** Default fraction for the `neutral` policy. */
  neutral: z._default(fraction, 0.5),
});
export type HealthModel = z.infer<typeof HealthModelShape>;
/** A model as written by hand (defaults may be left out). */
export type HealthModelInput = z.input<typeof HealthModelShape>;

type Ctx = { addIssue(i: { code: 'custom'; message: string; path: PropertyKey[]; input?: unknown }): void };

function checkModel(m: HealthModel, ctx: Ctx, knownSignals: ReadonlySet<string>): void {
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', message, path, input: undefined });
  // Unique ids across groups and factors.
  const where = new Map<string, PropertyKey[]>();
  m.groups.forEach((g, i) => {
    if (where.has(g.id)) add(['groups', i, 'id'], `duplicates id "${g.id}"`);
    else where.set(g.id, ['groups', i]);
  });
  m.factors.forEach((f, i) => {
    if (where.has(f.id)) add(['factors', i, 'id'], `duplicates id "${f.id}"`);
    else where.set(f.id, ['factors', i]);
  });
  // Signals somebody provides.
  m.factors.forEach((f, i) => {
    if (!knownSignals.has(f.signal)) add(['factors', i, 'signal'], `no signal provider for "${f.signal}" (declare it in options.signals or use one of ${[...knownSignals].slice(0, 6).join(', ')}, …)`);
    const s = f.scoring;
    if (s.type === 'linear' && !(s.from < s.to)) add(['factors', i, 'scoring', 'to'], `must be greater than from (${s.from}); use direction to reverse`);
    if (s.type === 'steps') {
      if (s.scores.length !== s.thresholds.length + 1) add(['factors', i, 'scoring', 'scores'], `must have ${s.thresholds.length + 1} scores (one more than thresholds)`);
      for (let k = 1; k < s.thresholds.length; k++) if (!(s.thresholds[k] > s.thresholds[k - 1])) add(['factors', i, 'scoring', 'thresholds', k], 'must be greater than the threshold before it');
      const up = f.direction === 'higher_is_better';
      for (let k = 1; k < s.scores.length; k++) {
        if (up ? s.scores[k] < s.scores[k - 1] : s.scores[k] > s.scores[k - 1]) { add(['factors', i, 'scoring', 'scores', k], `contradicts direction ${f.direction}`); break; }
      }
    }
    if (s.type === 'decay' && f.direction !== 'lower_is_better') add(['factors', i, 'direction'], 'a decay (recency) function needs direction lower_is_better');
  });
  // Bands: ascending, contiguous, 0 → 100.
  m.bands.forEach((b, i) => {
    if (!(b.max > b.min)) add(['bands', i, 'max'], `must be greater than min (${b.min})`);
    if (i === 0 && b.min !== 0) add(['bands', 0, 'min'], 'the first band must start at 0');
    if (i > 0) {
      const prev = m.bands[i - 1];
      if (b.min < prev.max) add(['bands', i, 'min'], `overlaps band "${prev.id}" (which ends at ${prev.max}); bands must be ascending and not overlap`);
      else if (b.min > prev.max) add(['bands', i, 'min'], `leaves a gap after band "${prev.id}" (which ends at ${prev.max})`);
    }
    if (i === m.bands.length - 1 && b.max !== 100) add(['bands', i, 'max'], 'the last band must end at 100');
  });
  const bandIds = new Set<string>();
  m.bands.forEach((b, i) => { if (bandIds.has(b.id)) add(['bands', i, 'id'], `duplicates band id "${b.id}"`); bandIds.add(b.id); });
  // Cycles first (depth-first over group → child-group edges), so they are named as cycles.
  const groupIndex = new Map(m.groups.map((g, i) => [g.id, i]));
  const cyclic = new Set<string>(); // "groupIndex:childIndex" edges that close a cycle
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const stack: string[] = [];
  const visit = (gid: string) => {
    state.set(gid, 1);
    stack.push(gid);
    const gi = groupIndex.get(gid)!;
    m.groups[gi].children.forEach((c, j) => {
      if (!groupIndex.has(c)) return;
      const st = state.get(c);
      if (st === 1) {
        cyclic.add(`${gi}:${j}`);
        add(['groups', gi, 'children', j], `creates a cycle: ${[...stack.slice(stack.indexOf(c)), c].join(' → ')}`);
      } else if (st === undefined) visit(c);
    });
    stack.pop();
    state.set(gid, 2);
  };
  for (const g of m.groups) if (!state.has(g.id)) visit(g.id);
  // References, single parent, weights.
  const parentOf = new Map<string, string>();
  const checkChildren = (owner: string, ids: string[], path: PropertyKey[], gi?: number) => {
    let weight = 0;
    ids.forEach((c, j) => {
      if (gi !== undefined && cyclic.has(`${gi}:${j}`)) return;
      const w = where.get(c);
      if (!w) { add([...path, j], `refers to "${c}", which is neither a factor nor a group`); return; }
      if (parentOf.has(c)) { add([...path, j], `"${c}" is already in ${parentOf.get(c) === '' ? 'root' : `group "${parentOf.get(c)}"`}; each factor or group has one parent`); return; }
      parentOf.set(c, owner);
      weight += w[0] === 'groups' ? m.groups[w[1] as number].weight : m.factors[w[1] as number].weight;
    });
    if (weight <= 0 && ids.length) add(path, 'the weights of these children sum to 0');
  };
  checkChildren('', m.root, ['root']);
  m.groups.forEach((g, i) => checkChildren(g.id, g.children, ['groups', i, 'children'], i));
  // Everything reachable from root.
  m.factors.forEach((f, i) => { if (!parentOf.has(f.id)) add(['factors', i], `factor "${f.id}" is in no group and not in root`); });
  m.groups.forEach((g, i) => { if (!parentOf.has(g.id)) add(['groups', i], `group "${g.id}" is in no group and not in root`); });
}

/** The error an invalid health model is refused with: every issue names its zod path. */
export class KamModelError extends KamError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    const head = issues.slice(0, 5).map(formatIssue).join('; ');
    super('invalid_model', `invalid health model: ${head}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`);
    this.name = 'KamModelError';
    this.issues = issues;
  }
}

export interface ParseModelOptions {
  /** Extra signal names your own code provides (added to `builtInSignals`). */
  signals?: readonly string[];
}

/** The full schema (shape + cross-field rules) for a given set of known signals. */
export function healthModelSchema(opts: ParseModelOptions = {}) {
  const known = new Set([...builtInSignalNames, ...(opts.signals ?? [])]);
  return HealthModelShape.check(z.superRefine((m, ctx) => checkModel(m as HealthModel, ctx as unknown as Ctx, known)));
}

/** Validates a model; returns the issues instead of throwing. */
export function validateHealthModel(raw: unknown, opts: ParseModelOptions = {}): { ok: true; model: HealthModel } | { ok: false; issues: FieldIssue[] } {
  const r = healthModelSchema(opts).safeParse(raw);
  if (r.success) return { ok: true, model: r.data as HealthModel };
  return { ok: false, issues: issuesOf('healthModel', raw, r.error as never) };
}

/** Validates a model or throws KamModelError naming each bad path (e.g. `bands.1.min`). */
export function parseHealthModel(raw: unknown, opts: ParseModelOptions = {}): HealthModel {
  const r = validateHealthModel(raw, opts);
  if (!r.ok) throw new KamModelError(r.issues);
  return r.model;
}
