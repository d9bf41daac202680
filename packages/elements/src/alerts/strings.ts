import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  filter: 'Filter by severity',
  red: 'Red', yellow: 'Yellow', blue: 'Blue',
  redMeaning: 'urgent', yellowMeaning: 'warning', blueMeaning: 'for information',
  severityLabel: '{severity} ({meaning})',
  dismiss: 'Dismiss', snooze: 'Snooze {days} days',
  dismissLabel: 'Dismiss: {title}', snoozeLabel: 'Snooze {days} days: {title}',
  empty: 'No alerts. Nothing needs attention right now.',
  emptyFiltered: 'No alerts of the selected severity.',
  showAll: 'Show all',
  more: 'Show {count} more',
  actionsFailed: 'Dismissing, snoozing and filtering alerts is not available right now ({message}). Try again.',
  loading: 'Evaluating alerts…',
  error: 'Alerts could not be evaluated: {message}',
  facts: 'The numbers behind it',
  account: 'Account',
  nba: 'Next best actions',
  because: 'Because: {why}', factLabel: '{label}:',
  dismissed: 'Alert dismissed: {title}', snoozed: 'Alert snoozed until {date}: {title}',
  count: '{count} alerts',
  // fact labels (not currency, stageId, accounts: never shown)
  f_score: 'Score', f_band: 'Band', f_threshold: 'Threshold', f_coverage: 'Data coverage', f_topDriver: 'Biggest loss',
  f_topDriverPointsLost: 'Points lost', f_previous: 'Previous score', f_drop: 'Drop', f_daysLeft: 'Days left',
  f_endDate: 'Ends', f_contractValue: 'Contract value', f_health: 'Health', f_openTickets: 'Open tickets', f_nps: 'NPS',
  f_csat: 'CSAT', f_renewalStatus: 'Renewal status', f_invoices: 'Invoices', f_maxDaysOverdue: 'Longest overdue (days)',
  f_outstanding: 'Outstanding', f_changePercent: 'Change (%)', f_periodDays: 'Period (days)',
  f_daysSinceLastOrder: 'Days since last order', f_medianIntervalDays: 'Usual interval (days)', f_expectedAt: 'Expected',
  f_tolerance: 'Tolerance', f_orders: 'Orders', f_confidence: 'Confidence', f_decisionMakers: 'Decision makers',
  f_engagedContacts: 'Engaged contacts', f_withinDays: 'Window (days)', f_share: 'Revenue share', f_hhi: 'HHI',
  f_top5: 'Top-5 share', f_hhiBand: 'HHI band', f_daysInStage: 'Days in stage', f_amount: 'Amount',
  yes: 'yes', no: 'no',
  green: 'Green',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

/**
 * A Chinese reason composed from an alert's facts and the account name; `v(key)` is a fact's
 * value as the facts list shows it (money and dates through Intl, numbers rounded).
 */
export type ZhReason = (f: Record<string, unknown>, name: string, v: (key: string) => string) => string;

/**
 * Chinese reasons and titles by alert type (`{band}`: the band's word) and action labels by
 * action id: the core writes these in English, so English needs no table of its own. They live
 * in the zh-CN module: empty until it has loaded, so the core's English shows until then.
 */
// No prototype: a host's own alert type or action id ("constructor", say) finds nothing here.
export const zhReason: Record<string, ZhReason> = Object.create(null);
export const zhTitle: Record<string, string> = Object.create(null);
export const zhAction: Record<string, string> = Object.create(null);
/** Chinese reasons of the built-in next best actions, by rule id (others show the rule's own rationale). */
export const zhRationale: Record<string, string> = Object.create(null);
/** Chinese words of a fact's value: renewal statuses, confidence levels (English shows the value, '_' as ' '). */
export const zhValue: Record<string, string> = Object.create(null);
/** Chinese names of the default health model's factors, by id (a fact's "biggest loss"). */
export const zhFactor: Record<string, string> = Object.create(null);

export const t = defineStrings({
  id: 'alerts', en,
  'zh-CN': async () => {
    const m = await import('./strings.zh-CN.js');
    for (const [k, table] of Object.entries({ zhReason, zhTitle, zhAction, zhFactor, zhRationale, zhValue })) Object.assign(table, m[k as keyof typeof m]);
    return m;
  },
});
export type AlertKey = Parameters<typeof t>[1];
