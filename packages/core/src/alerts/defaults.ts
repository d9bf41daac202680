// The built-in alert rules: plain data in the form `parseAlertRules` returns (every default filled
// in), not parsed on every page load, which would ship the rule schemas to pages that never
// validate rules of their own; the tests parse them and require the result to equal them.
import type { AlertRule, AlertType } from './rules.js';

type Params<T extends AlertType> = Omit<Extract<AlertRule, { type: T }>, 'id' | 'enabled' | 'type' | 'action'>;

/** A built-in rule: enabled, with its parameters (typed per rule type) and suggested action. */
const rule = <T extends AlertType>(id: string, type: T, params: Params<T>, action: string, label: string): AlertRule =>
  ({ id, enabled: true, type, ...params, action: { id: action, label } }) as unknown as AlertRule;

/** The seeds' warnings. */
export const defaultAlertRules: AlertRule[] = [
  rule('health-red', 'health_below_band', { band: 'yellow' }, 'review_account_plan', 'Review the account plan with the team'),
  rule('health-yellow', 'health_below_band', { band: 'green', severity: 'blue' }, 'check_in', 'Schedule a check-in call'),
  rule('health-drop', 'health_dropped', { points: 10, severity: 'yellow' }, 'investigate_drop', 'Find out what changed since the last score'),
  rule('renewal-90', 'renewal_due', { withinDays: 90 }, 'start_renewal', 'Start the renewal conversation'),
  rule('payment-30', 'payment_overdue', { days: 30 }, 'collect_payment', 'Call finance about the overdue invoice'),
  rule('orders-down-30', 'order_volume_down', { percent: 30, periodDays: 180 }, 'review_orders', 'Review the order decline with the buyer'),
  rule('purchase-overdue', 'purchase_overdue', { tolerance: 1.5, minOrders: 3 }, 'reorder_call', 'Call about the next order'),
  rule('no-decision-maker', 'no_decision_maker', { withinDays: 90, onlyWithOpenDeals: false, severity: 'yellow' }, 'reach_decision_maker', 'Arrange a meeting with the decision maker'),
  rule('concentration', 'concentration', { single: 0.15, top5: 0.4, windowDays: 365, severity: 'yellow' }, 'diversify', 'Grow other key accounts to reduce dependence'),
  rule('idle-deal', 'idle_deal', { redFactor: 2 }, 'advance_deal', 'Agree the next step on the deal'),
];
