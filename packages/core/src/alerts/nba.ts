// Next best actions: rules as data over an account's facts (its signals, health and alerts).
// Every suggestion says which facts fired it, with their actual values. The rules' schemas and
// validation (`parseNbaRules`) are in nba-rules.ts.
import type { FactCondition, NbaRule } from './nba-rules.js';
import type { SuggestedAction } from './rules.js';
import type { Signals } from '../health/signals.js';
import type { HealthResult } from '../health/score.js';
import type { Alert } from './evaluate.js';

export type Facts = Record<string, number | string | boolean | undefined>;

/** The facts NBA rules read: signals, health and alert counts. */
export function accountFacts(signals: Signals, health?: HealthResult, alerts: readonly Alert[] = []): Facts {
  const f: Facts = { ...signals };
  if (health) {
    f['health.score'] = health.score;
    f['health.band'] = health.band.id;
    f['health.coverage'] = health.coverage;
    if (health.trend) f['health.delta'] = health.trend.delta;
  }
  f['alerts.red'] = 0; f['alerts.yellow'] = 0; f['alerts.blue'] = 0;
  for (const a of alerts) {
    f[`alerts.${a.type}`] = ((f[`alerts.${a.type}`] as number | undefined) ?? 0) + 1;
    f[`alerts.${a.severity}`] = (f[`alerts.${a.severity}`] as number) + 1;
  }
  return f;
}

export interface FiredCondition { fact: string; op: FactCondition['op']; value?: number | string | boolean; actual: number | string | boolean | undefined }

export interface NextBestAction {
  ruleId: string;
  action: SuggestedAction;
  priority: number;
  rationale?: string;
  /** The facts that fired the rule, with their values. */
  because: FiredCondition[];
}

function holds(c: FactCondition, actual: number | string | boolean | undefined): boolean {
  if (c.op === 'missing') return actual === undefined || (typeof actual === 'number' && !Number.isFinite(actual));
  if (c.op === 'present') return actual !== undefined && !(typeof actual === 'number' && !Number.isFinite(actual));
  if (actual === undefined) return false;
  if (c.op === '==') return actual === c.value;
  if (c.op === '!=') return actual !== c.value;
  if (typeof actual !== 'number' || typeof c.value !== 'number' || !Number.isFinite(actual)) return false;
  return c.op === '<' ? actual < c.value : c.op === '<=' ? actual <= c.value : c.op === '>' ? actual > c.value : actual >= c.value;
}

/** Every rule whose conditions all hold, highest priority first, each with the facts behind it. */
export function nextBestActions(facts: Facts, rules: readonly NbaRule[] = defaultNbaRules): NextBestAction[] {
  const out: NextBestAction[] = [];
  for (const r of rules) {
    if (!r.when.every((c) => holds(c, facts[c.fact]))) continue;
    out.push({ ruleId: r.id, action: r.action, priority: r.priority, rationale: r.rationale, because: r.when.map((c) => ({ fact: c.fact, op: c.op, value: c.value, actual: facts[c.fact] })) });
  }
  return out.sort((a, b) => b.priority - a.priority || a.ruleId.localeCompare(b.ruleId));
}

/** Written as `parseNbaRules` returns them, not parsed on every page load (as `defaultAlertRules`); the tests parse them. */
export const defaultNbaRules: NbaRule[] = [
  { id: 'exec-sponsor-before-renewal', priority: 90, action: { id: 'exec_visit', label: 'Arrange an executive visit before the renewal' },
    rationale: 'A renewal is near and nobody senior on our side owns the relationship.',
    when: [{ fact: 'renewal.daysToRenewal', op: '<=', value: 120 }, { fact: 'relationship.execSponsor', op: '==', value: 0 }] },
  { id: 'renewal-at-risk', priority: 100, action: { id: 'renewal_rescue', label: 'Run a renewal-risk review with the account team' },
    rationale: 'The renewal is near and the account is unhealthy.',
    when: [{ fact: 'renewal.daysToRenewal', op: '<=', value: 90 }, { fact: 'health.band', op: '==', value: 'red' }] },
  { id: 'collect-overdue', priority: 80, action: { id: 'collect_payment', label: 'Call finance about the overdue invoices' },
    rationale: 'A large share of the receivable is overdue.',
    when: [{ fact: 'payment.overdueShare', op: '>=', value: 0.3 }] },
  { id: 'reach-decision-maker', priority: 70, action: { id: 'reach_decision_maker', label: 'Arrange a meeting with the decision maker' },
    rationale: 'No decision maker was engaged recently.',
    when: [{ fact: 'relationship.decisionMakerReached', op: '==', value: 0 }] },
  { id: 're-engage', priority: 60, action: { id: 'visit', label: 'Plan a visit: the account has gone quiet' },
    rationale: 'No touch point for over a month.',
    when: [{ fact: 'activity.daysSinceLast', op: '>', value: 30 }] },
  { id: 'service-review', priority: 65, action: { id: 'service_review', label: 'Hold a service review on the open tickets' },
    rationale: 'Severe or many recent service requests.',
    when: [{ fact: 'tickets.severity90d', op: '>=', value: 12 }] },
  { id: 'order-decline', priority: 75, action: { id: 'review_orders', label: 'Review the order decline with the buyer' },
    rationale: 'Orders fell sharply against the previous period.',
    when: [{ fact: 'orders.trend', op: '<=', value: -0.3 }] },
  { id: 'ask-feedback', priority: 20, action: { id: 'send_survey', label: 'Ask for feedback (NPS / CSAT survey)' },
    rationale: 'There is no satisfaction data for this account.',
    when: [{ fact: 'satisfaction.nps', op: 'missing' }, { fact: 'satisfaction.csat', op: 'missing' }] },
  { id: 'expand', priority: 30, action: { id: 'expansion_plan', label: 'Plan an expansion proposal' },
    rationale: 'The account is healthy and orders are growing.',
    when: [{ fact: 'health.band', op: '==', value: 'green' }, { fact: 'orders.trend', op: '>=', value: 0.1 }] },
];
