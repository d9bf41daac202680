// The built-in health model and bands: plain data in the form the validator returns, in a module
// of their own so that using them loads no zod schema (see model.ts for the schemas and checks).
import type { Direction, HealthBand, HealthFactor, HealthModel, MissingPolicy, ScoringFunction } from './model.js';

type FactorRow = [id: string, label: string, signal: string, direction: Direction, weight: number, scoring: ScoringFunction, missing: MissingPolicy, description?: string];
const UP = 'higher_is_better', DOWN = 'lower_is_better';
const linear = (from: number, to: number): ScoringFunction => ({ type: 'linear', from, to });
const steps = (thresholds: number[], scores: number[]): ScoringFunction => ({ type: 'steps', thresholds, scores });

/** Default bands: red < 50 ≤ yellow < 75 ≤ green. */
export const defaultBands: HealthBand[] = [
  { id: 'red', label: 'At risk', min: 0, max: 50, tone: 'red' },
  { id: 'yellow', label: 'Needs attention', min: 50, max: 75, tone: 'yellow' },
  { id: 'green', label: 'Healthy', min: 75, max: 100, tone: 'green' },
];

/** The seeds' three-tier warning: red (severe) < 40 ≤ yellow < 60 ≤ blue (watch) < 75 ≤ green. */
export const warningBands: HealthBand[] = [
  { id: 'red', label: 'Red warning', min: 0, max: 40, tone: 'red' },
  { id: 'yellow', label: 'Yellow warning', min: 40, max: 60, tone: 'yellow' },
  { id: 'blue', label: 'Blue warning', min: 60, max: 75, tone: 'blue' },
  { id: 'green', label: 'No warning', min: 75, max: 100, tone: 'green' },
];

/**
 * The default model, following the seeds: renewal proximity, service requests, engagement,
 * payment behaviour, order trend, relationship breadth and satisfaction.
 *
 * Written as `parseHealthModel` returns it (every default filled in) rather than parsed on every
 * page load, which would ship the model validator to pages that never validate a model of their
 * own; the tests parse it and require the result to equal it.
 */
export const defaultHealthModel: HealthModel = {
  id: 'kam-default',
  label: 'Key account health',
  version: '1',
  missing: 'ignore',
  neutral: 0.5,
  bands: defaultBands,
  root: ['commercial', 'service', 'engagement', 'relationship', 'satisfaction'],
  groups: [
    { id: 'commercial', label: 'Commercial', weight: 35, children: ['renewal', 'payment', 'orderTrend'] },
    { id: 'payment', label: 'Payment behaviour', weight: 12, children: ['daysLate', 'overdueShare'] },
    { id: 'service', label: 'Service requests', weight: 15, children: ['ticketVolume', 'ticketSeverity'] },
    { id: 'engagement', label: 'Engagement', weight: 20, children: ['activityRecency', 'activityVolume'] },
    { id: 'relationship', label: 'Relationship breadth', weight: 15, children: ['engagedContacts', 'execSponsor', 'decisionMaker'] },
    { id: 'satisfaction', label: 'Satisfaction', weight: 15, children: ['nps', 'csat'] },
  ],
  // id, label, signal, direction, weight, scoring, missing-data policy[, description]
  factors: ([
    ['renewal', 'Renewal proximity', 'renewal.daysToRenewal', UP, 10, linear(0, 180), 'ignore',
      'A renewal due soon (or lapsed) is a risk until it is secured.'],
    ['daysLate', 'Days late', 'payment.avgDaysLate', DOWN, 1, linear(0, 60), 'ignore'],
    ['overdueShare', 'Overdue share', 'payment.overdueShare', DOWN, 1, linear(0, 0.5), 'ignore'],
    ['orderTrend', 'Order trend', 'orders.trend', UP, 13, linear(-0.5, 0.1), 'ignore'],
    ['ticketVolume', 'Service-request frequency', 'tickets.count90d', DOWN, 1, steps([3, 6, 10], [1, 0.7, 0.35, 0]), 'neutral'],
    ['ticketSeverity', 'Service-request severity', 'tickets.severity90d', DOWN, 1, linear(0, 24), 'neutral'],
    ['activityRecency', 'Last touch point', 'activity.daysSinceLast', DOWN, 3, { type: 'decay', halfLifeDays: 30, graceDays: 14 }, 'worst'],
    ['activityVolume', 'Touch points (90 days)', 'activity.count90d', UP, 2, linear(0, 12), 'worst'],
    ['engagedContacts', 'Engaged contacts', 'contacts.engaged', UP, 2, steps([1, 3, 5], [0, 0.4, 0.8, 1]), 'worst'],
    ['execSponsor', 'Executive sponsor', 'relationship.execSponsor', UP, 1, steps([1], [0, 1]), 'worst'],
    ['decisionMaker', 'Decision maker reached', 'relationship.decisionMakerReached', UP, 2, steps([1], [0, 1]), 'worst'],
    ['nps', 'NPS', 'satisfaction.nps', UP, 1, linear(-50, 50), 'ignore'],
    ['csat', 'CSAT', 'satisfaction.csat', UP, 1, linear(2, 4.5), 'ignore'],
  ] satisfies FactorRow[]).map(([id, label, signal, direction, weight, scoring, missing, description]): HealthFactor =>
    description ? { id, label, signal, direction, weight, scoring, missing, description } : { id, label, signal, direction, weight, scoring, missing }),
};
