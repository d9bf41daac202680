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

type Condition = [fact: string, op: FactCondition['op'], value?: FactCondition['value']];

/** A built-in rule; each condition is `[fact, op, value]` (no value for `missing` / `present`). */
function nba(id: string, priority: number, action: string, label: string, rationale: string, ...when: Condition[]): NbaRule {
  return { id, priority, action: { id: action, label }, rationale, when: when.map(([fact, op, value]) => (value === undefined ? { fact, op } : { fact, op, value })) };
}

/** Written as `parseNbaRules` returns them, not parsed on every page load (as `defaultAlertRules`); the tests parse them. */
export const defaultNbaRules: NbaRule[] = [
  nba('exec-sponsor-before-renewal', 90, 'exec_visit', 'Arrange an executive visit before the renewal',
    'A renewal is near and nobody senior on our side owns the relationship.',
    ['renewal.daysToRenewal', '<=', 120], ['relationship.execSponsor', '==', 0]),
  nba('renewal-at-risk', 100, 'renewal_rescue', 'Run a renewal-risk review with the account team',
    'The renewal is near and the account is unhealthy.',
    ['renewal.daysToRenewal', '<=', 90], ['health.band', '==', 'red']),
  nba('collect-overdue', 80, 'collect_payment', 'Call finance about the overdue invoices',
    'A large share of the receivable is overdue.',
    ['payment.overdueShare', '>=', 0.3]),
  nba('reach-decision-maker', 70, 'reach_decision_maker', 'Arrange a meeting with the decision maker',
    'No decision maker was engaged recently.',
    ['relationship.decisionMakerReached', '==', 0]),
  nba('re-engage', 60, 'visit', 'Plan a visit: the account has gone quiet',
    'No touch point for over a month.',
    ['activity.daysSinceLast', '>', 30]),
  nba('service-review', 65, 'service_review', 'Hold a service review on the open tickets',
    'Severe or many recent service requests.',
    ['tickets.severity90d', '>=', 12]),
  nba('order-decline', 75, 'review_orders', 'Review the order decline with the buyer',
    'Orders fell sharply against the previous period.',
    ['orders.trend', '<=', -0.3]),
  nba('ask-feedback', 20, 'send_survey', 'Ask for feedback (NPS / CSAT survey)',
    'There is no satisfaction data for this account.',
    ['satisfaction.nps', 'missing'], ['satisfaction.csat', 'missing']),
  nba('expand', 30, 'expansion_plan', 'Plan an expansion proposal',
    'The account is healthy and orders are growing.',
    ['health.band', '==', 'green'], ['orders.trend', '>=', 0.1]),
];
