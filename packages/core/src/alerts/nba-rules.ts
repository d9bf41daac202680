// Next-best-action rules as data: their schemas and validation (the rules themselves, and what
// fires them, are in nba.ts; using those loads none of this).
import * as z from 'zod/mini';
import { KamRuleError, SuggestedAction } from './rules.js';
import { issuesOf } from '../model/validate.js';

const FactValue = z.union([z.number(), z.string(), z.boolean()]);

export const FactCondition = z.object({
  /** A fact name: a signal (`activity.daysSinceLast`), `health.score`, `health.band`, `health.delta`, `alerts.<type>` (count), `alerts.red` … */
  fact: z.string().check(z.minLength(1, 'must not be empty')),
  op: z.enum(['<', '<=', '>', '>=', '==', '!=', 'missing', 'present']),
  value: z.optional(FactValue),
});
export type FactCondition = z.infer<typeof FactCondition>;

export const NbaRule = z.object({
  id: z.string().check(z.minLength(1, 'must not be empty')),
  action: SuggestedAction,
  /** Higher comes first. */
  priority: z.number().check(z.refine(Number.isFinite, 'must be a finite number')),
  /** All must hold. */
  when: z.array(FactCondition).check(z.minLength(1, 'needs at least one condition')),
  /** Why, in words (shown beside the facts). */
  rationale: z.optional(z.string()),
});
export type NbaRule = z.infer<typeof NbaRule>;

export function parseNbaRules(raw: unknown): NbaRule[] {
  const r = z.array(NbaRule).safeParse(raw);
  if (!r.success) throw new KamRuleError(issuesOf('nbaRules', raw, r.error as never));
  r.data.forEach((rule, i) => rule.when.forEach((c, j) => {
    if (c.op !== 'missing' && c.op !== 'present' && c.value === undefined) throw new KamRuleError([{ entity: 'nbaRules', path: `${i}.when.${j}.value`, message: `is required for op "${c.op}"` }]);
  }));
  return r.data;
}
