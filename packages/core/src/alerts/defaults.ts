// The built-in alert rules: plain data in the form `parseAlertRules` returns (every default filled
// in), not parsed on every page load, which would ship the rule schemas to pages that never
// validate rules of their own; the tests parse them and require the result to equal them.
import type { AlertRule } from './rules.js';

/** The seeds' warnings. */
export const defaultAlertRules: AlertRule[] = [
  { id: 'health-red', enabled: true, type: 'health_below_band', band: 'yellow', action: { id: 'review_account_plan', label: 'Review the account plan with the team' } },
  { id: 'health-yellow', enabled: true, type: 'health_below_band', band: 'green', severity: 'blue', action: { id: 'check_in', label: 'Schedule a check-in call' } },
  { id: 'health-drop', enabled: true, type: 'health_dropped', points: 10, severity: 'yellow', action: { id: 'investigate_drop', label: 'Find out what changed since the last score' } },
  { id: 'renewal-90', enabled: true, type: 'renewal_due', withinDays: 90, action: { id: 'start_renewal', label: 'Start the renewal conversation' } },
  { id: 'payment-30', enabled: true, type: 'payment_overdue', days: 30, action: { id: 'collect_payment', label: 'Call finance about the overdue invoice' } },
  { id: 'orders-down-30', enabled: true, type: 'order_volume_down', percent: 30, periodDays: 180, action: { id: 'review_orders', label: 'Review the order decline with the buyer' } },
  { id: 'purchase-overdue', enabled: true, type: 'purchase_overdue', tolerance: 1.5, minOrders: 3, action: { id: 'reorder_call', label: 'Call about the next order' } },
  { id: 'no-decision-maker', enabled: true, type: 'no_decision_maker', withinDays: 90, onlyWithOpenDeals: false, severity: 'yellow', action: { id: 'reach_decision_maker', label: 'Arrange a meeting with the decision maker' } },
  { id: 'concentration', enabled: true, type: 'concentration', single: 0.15, top5: 0.4, windowDays: 365, severity: 'yellow', action: { id: 'diversify', label: 'Grow other key accounts to reduce dependence' } },
  { id: 'idle-deal', enabled: true, type: 'idle_deal', redFactor: 2, action: { id: 'advance_deal', label: 'Agree the next step on the deal' } },
];
