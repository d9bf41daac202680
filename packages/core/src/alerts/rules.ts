// Alert rules are data: zod-validated, serialisable, each with a severity (red / yellow / blue)
// and a suggested next action. `defaultAlertRules` covers the seeds' warnings.
import * as z from 'zod/mini';
import { KamError, type FieldIssue, formatIssue } from '../errors.js';
import { issuesOf } from '../model/validate.js';

export const AlertSeverity = z.enum(['red', 'yellow', 'blue']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const SuggestedAction = z.object({
  /** Stable id an element can map to a localised label or a button. */
  id: z.string().check(z.minLength(1, 'must not be empty')),
  label: z.string().check(z.minLength(1, 'must not be empty')),
});
export type SuggestedAction = z.infer<typeof SuggestedAction>;

const positive = z.number().check(z.refine((n) => Number.isFinite(n) && n > 0, 'must be a finite number > 0'));
const share = z.number().check(z.refine((n) => Number.isFinite(n) && n > 0 && n <= 1, 'must be a share between 0 and 1'));
const common = {
  id: z.string().check(z.minLength(1, 'must not be empty')),
  enabled: z._default(z.boolean(), true),
  severity: z.optional(AlertSeverity),
  action: z.optional(SuggestedAction),
};

export const AlertRule = z.discriminatedUnion('type', [
  /** Health band below `band` (a band id of the model). Severity defaults to the band's tone. */
  z.object({ ...common, type: z.literal('health_below_band'), band: z.string().check(z.minLength(1, 'must name a band')) }),
  /** Health dropped by at least `points` against the previous snapshot. */
  z.object({ ...common, type: z.literal('health_dropped'), points: positive }),
  /** A contract ends within `withinDays` and is not renewed yet. */
  z.object({ ...common, type: z.literal('renewal_due'), withinDays: positive }),
  /** An invoice is unpaid more than `days` after its due date. */
  z.object({ ...common, type: z.literal('payment_overdue'), days: z.number().check(z.refine((n) => Number.isFinite(n) && n >= 0, 'must be ≥ 0')) }),
  /** Order value down more than `percent` % in the last `periodDays` against the period before. */
  z.object({ ...common, type: z.literal('order_volume_down'), percent: z.number().check(z.refine((n) => Number.isFinite(n) && n > 0 && n <= 100, 'must be a percentage from 0 to 100')), periodDays: z._default(positive, 180) }),
  /** No order for longer than `tolerance` × the account's own median order interval. */
  z.object({ ...common, type: z.literal('purchase_overdue'), tolerance: z._default(positive, 1.5), minOrders: z._default(z.number().check(z.refine((n) => Number.isInteger(n) && n >= 2, 'must be a whole number ≥ 2')), 3) }),
  /** No decision maker / economic buyer engaged in `withinDays` (optionally only where deals are open). */
  z.object({ ...common, type: z.literal('no_decision_maker'), withinDays: z._default(positive, 90), onlyWithOpenDeals: z._default(z.boolean(), false) }),
  /** Portfolio concentration red lines crossed. */
  z.object({ ...common, type: z.literal('concentration'), single: z._default(share, 0.15), top5: z._default(share, 0.4), windowDays: z._default(positive, 365) }),
  /** An open deal sat in its stage beyond the stage's idle threshold; red beyond `redFactor` × threshold. */
  z.object({ ...common, type: z.literal('idle_deal'), redFactor: z._default(positive, 2) }),
]);
export type AlertRule = z.infer<typeof AlertRule>;
export type AlertRuleInput = z.input<typeof AlertRule>;
export type AlertType = AlertRule['type'];

export class KamRuleError extends KamError {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super('invalid_model', `invalid alert rules: ${issues.slice(0, 5).map(formatIssue).join('; ')}`);
    this.name = 'KamRuleError';
    this.issues = issues;
  }
}

const RuleList = z.array(AlertRule);

/** Validates alert rules; throws KamRuleError naming each path (e.g. `2.percent`). */
export function parseAlertRules(raw: unknown): AlertRule[] {
  const r = RuleList.safeParse(raw);
  if (!r.success) throw new KamRuleError(issuesOf('alertRules', raw, r.error as never));
  const seen = new Set<string>();
  const dup: FieldIssue[] = [];
  r.data.forEach((rule, i) => { if (seen.has(rule.id)) dup.push({ entity: 'alertRules', path: `${i}.id`, message: `duplicates rule id "${rule.id}"` }); seen.add(rule.id); });
  if (dup.length) throw new KamRuleError(dup);
  return r.data;
}
