// The built-in health model and bands: plain data in the form the validator returns, in a module
// of their own so that using them loads no zod schema (see model.ts for the schemas and checks).
import type { HealthBand, HealthModel } from './model.js';

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
  factors: [
    { id: 'renewal', label: 'Renewal proximity', signal: 'renewal.daysToRenewal', direction: 'higher_is_better', weight: 10,
      scoring: { type: 'linear', from: 0, to: 180 }, missing: 'ignore',
      description: 'A renewal due soon (or lapsed) is a risk until it is secured.' },
    { id: 'daysLate', label: 'Days late', signal: 'payment.avgDaysLate', direction: 'lower_is_better', weight: 1,
      scoring: { type: 'linear', from: 0, to: 60 }, missing: 'ignore' },
    { id: 'overdueShare', label: 'Overdue share', signal: 'payment.overdueShare', direction: 'lower_is_better', weight: 1,
      scoring: { type: 'linear', from: 0, to: 0.5 }, missing: 'ignore' },
    { id: 'orderTrend', label: 'Order trend', signal: 'orders.trend', direction: 'higher_is_better', weight: 13,
      scoring: { type: 'linear', from: -0.5, to: 0.1 }, missing: 'ignore' },
    { id: 'ticketVolume', label: 'Service-request frequency', signal: 'tickets.count90d', direction: 'lower_is_better', weight: 1,
      scoring: { type: 'steps', thresholds: [3, 6, 10], scores: [1, 0.7, 0.35, 0] }, missing: 'neutral' },
    { id: 'ticketSeverity', label: 'Service-request severity', signal: 'tickets.severity90d', direction: 'lower_is_better', weight: 1,
      scoring: { type: 'linear', from: 0, to: 24 }, missing: 'neutral' },
    { id: 'activityRecency', label: 'Last touch point', signal: 'activity.daysSinceLast', direction: 'lower_is_better', weight: 3,
      scoring: { type: 'decay', halfLifeDays: 30, graceDays: 14 }, missing: 'worst' },
    { id: 'activityVolume', label: 'Touch points (90 days)', signal: 'activity.count90d', direction: 'higher_is_better', weight: 2,
      scoring: { type: 'linear', from: 0, to: 12 }, missing: 'worst' },
    { id: 'engagedContacts', label: 'Engaged contacts', signal: 'contacts.engaged', direction: 'higher_is_better', weight: 2,
      scoring: { type: 'steps', thresholds: [1, 3, 5], scores: [0, 0.4, 0.8, 1] }, missing: 'worst' },
    { id: 'execSponsor', label: 'Executive sponsor', signal: 'relationship.execSponsor', direction: 'higher_is_better', weight: 1,
      scoring: { type: 'steps', thresholds: [1], scores: [0, 1] }, missing: 'worst' },
    { id: 'decisionMaker', label: 'Decision maker reached', signal: 'relationship.decisionMakerReached', direction: 'higher_is_better', weight: 2,
      scoring: { type: 'steps', thresholds: [1], scores: [0, 1] }, missing: 'worst' },
    { id: 'nps', label: 'NPS', signal: 'satisfaction.nps', direction: 'higher_is_better', weight: 1,
      scoring: { type: 'linear', from: -50, to: 50 }, missing: 'ignore' },
    { id: 'csat', label: 'CSAT', signal: 'satisfaction.csat', direction: 'higher_is_better', weight: 1,
      scoring: { type: 'linear', from: 2, to: 4.5 }, missing: 'ignore' },
  ],
};
