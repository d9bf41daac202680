import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  label: 'Alerts',
  filter: 'Filter by severity',
  red: 'Red', yellow: 'Yellow', blue: 'Blue',
  redMeaning: 'urgent', yellowMeaning: 'warning', blueMeaning: 'for information',
  severityLabel: '{severity} ({meaning})',
  dismiss: 'Dismiss', snooze: 'Snooze {days} days',
  dismissLabel: 'Dismiss: {title}', snoozeLabel: 'Snooze {days} days: {title}',
  empty: 'No alerts. Nothing needs attention right now.',
  emptyFiltered: 'No alerts of the selected severity.',
  showAll: 'Show all',
  loading: 'Evaluating alerts…',
  error: 'Alerts could not be evaluated: {message}',
  facts: 'The numbers behind it',
  account: 'Account',
  nba: 'Next best actions',
  because: 'Because',
  dismissed: 'Alert dismissed: {title}', snoozed: 'Alert snoozed until {date}: {title}',
  count: '{count} alerts',
  // titles by type
  health_below_band: 'Health {band}', health_dropped: 'Health dropped', renewal_due: 'Renewal due',
  payment_overdue: 'Payment overdue', order_volume_down: 'Orders down', purchase_overdue: 'Purchase overdue',
  no_decision_maker: 'No engaged decision maker', concentration: 'Concentration red line', idle_deal: 'Idle deal',
  // fact labels
  f_score: 'Score', f_band: 'Band', f_threshold: 'Threshold', f_coverage: 'Data coverage', f_topDriver: 'Biggest loss',
  f_topDriverPointsLost: 'Points lost', f_previous: 'Previous score', f_drop: 'Drop', f_daysLeft: 'Days left',
  f_endDate: 'Ends', f_contractValue: 'Contract value', f_health: 'Health', f_openTickets: 'Open tickets', f_nps: 'NPS',
  f_csat: 'CSAT', f_renewalStatus: 'Renewal status', f_invoices: 'Invoices', f_maxDaysOverdue: 'Longest overdue (days)',
  f_outstanding: 'Outstanding', f_changePercent: 'Change (%)', f_periodDays: 'Period (days)',
  f_daysSinceLastOrder: 'Days since last order', f_medianIntervalDays: 'Usual interval (days)', f_expectedAt: 'Expected',
  f_tolerance: 'Tolerance', f_orders: 'Orders', f_confidence: 'Confidence', f_decisionMakers: 'Decision makers',
  f_engagedContacts: 'Engaged contacts', f_withinDays: 'Window (days)', f_share: 'Revenue share', f_hhi: 'HHI',
  f_top5: 'Top-5 share', f_hhiBand: 'HHI band', f_accounts: 'Accounts', f_daysInStage: 'Days in stage',
  f_stageId: 'Stage', f_amount: 'Amount',
  yes: 'yes', no: 'no',
  // actions by id
  a_review_account_plan: 'Review the account plan with the team', a_check_in: 'Schedule a check-in call',
  a_investigate_drop: 'Find out what changed since the last score', a_start_renewal: 'Start the renewal conversation',
  a_collect_payment: 'Call finance about the overdue invoices', a_review_orders: 'Review the order decline with the buyer',
  a_reorder_call: 'Call about the next order', a_reach_decision_maker: 'Arrange a meeting with the decision maker',
  a_diversify: 'Plan to diversify the revenue base', a_advance_deal: 'Agree the next step on the deal',
  a_exec_visit: 'Arrange an executive visit before the renewal', a_renewal_rescue: 'Run a renewal-risk review with the account team',
  a_visit: 'Plan a visit: the account has gone quiet', a_service_review: 'Hold a service review on the open tickets',
  a_send_survey: 'Ask for feedback (NPS / CSAT survey)', a_expansion_plan: 'Plan an expansion proposal',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

/** A Chinese reason composed from an alert's facts and the account name. */
export type ZhReason = (f: Record<string, unknown>, name: string) => string;

/**
 * Chinese reasons by alert type (the core writes its reasons in English). They live in the zh-CN
 * module too: empty until it has loaded, so the English reason shows until then.
 */
export const zhReason: Record<string, ZhReason> = {};

export const t = defineStrings({
  id: 'alerts', en,
  'zh-CN': async () => {
    const m = await import('./strings.zh-CN.js');
    Object.assign(zhReason, m.zhReason);
    return m;
  },
});
export type AlertKey = Parameters<typeof t>[1];
