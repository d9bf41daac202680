import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  missingId: 'No account selected. Set the account-id attribute, or give the element a .data bundle.',
  noAccountInData: 'The data bundle has no account.',
  quarantined: 'Account {id} was quarantined: its record failed validation.',
  quarantinedRecords: '{count} record{s} of this account quarantined, not shown', // {s}: 's' but for one
  loading: 'Loading account…',
  tierCol: 'Tier', tier: 'Tier {tier}', owner: 'Owner', region: 'Region', industry: 'Industry', none: '—',
  parent: 'Part of {name}',
  figures: 'Key figures',
  revenue12m: '12-month revenue', openPipeline: 'Open pipeline', nextRenewal: 'Next renewal', overdue: 'Overdue',
  deals: '{count} open deal{s}', noRenewal: 'No renewal due',
  invoicesOverdue: '{count} invoice{s} overdue, oldest {days} day{ds}', nothingOverdue: 'Nothing overdue',
  breakdown: 'Breakdown by currency',
  breakdownLine: '{original} → {converted} ({count})',
  excludedLine: '{original} left out: no {currency}→{target} rate in FX table “{table}”',
  excludedNoTable: '{original} left out: no FX table to convert {currency} to {target}',
  excludedBadge: 'excludes {count} currency code{s}',
  fxLine: 'Converted with “{table}” rates of {date}',
  group: 'Group incl. subsidiaries: {amount}',
  contacts: 'Contacts and buying committee', opportunities: 'Opportunities', timeline: 'Activity timeline',
  contracts: 'Contracts and renewals', orders: 'Orders and payments', tickets: 'Tickets', team: 'Account team',
  alerts: 'Alerts and next best actions', children: 'Subsidiaries', quarantine: 'Quarantined records',
  // A section with no records shows empty_<section>.
  empty_contacts: 'No contacts recorded.', empty_opportunities: 'No opportunities.', empty_contracts: 'No contracts.',
  empty_orders: 'No orders or invoices.', empty_tickets: 'No tickets.', empty_team: 'No account team assigned.',
  name: 'Name', stage: 'Stage', amount: 'Amount', closeDate: 'Close date', status: 'Status',
  period: 'Period', value: 'Value', renewal: 'Renewal', ends: 'Ends {when}', ended: 'Ended {when}',
  date: 'Date', invoice: 'Invoice', due: 'Due', outstanding: 'Outstanding', payment: 'Payment',
  subject: 'Subject', severity: 'Severity', firstResponse: 'First response', resolution: 'Resolution',
  account: 'Account',
  won: 'won', lost: 'lost',
  not_due: 'not due', upcoming: 'upcoming', in_negotiation: 'in negotiation', renewed: 'renewed', churned: 'churned',
  paid: 'paid', paidLate: 'paid {days} day{ds} late', overdueDays: 'overdue {days} day{ds}', notDue: 'due {date}', partly: 'part paid',
  hours: '{n} h', days: '{n} d', noResponse: 'no response yet', unresolved: 'unresolved',
  account_manager: 'Account manager', technical_expert: 'Technical expert', service_rep: 'Service rep',
  executive_sponsor: 'Executive sponsor', other: 'Other',
  total: 'Group total',
  orderCount: '{count} order{s}', invoiceCount: '{count} invoice{s}',
  late: 'late',
  showAll: 'Show all {count}',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const t = defineStrings({ id: 'account-360', en, 'zh-CN': () => import('./strings.zh-CN.js') });
export type A360Key = Parameters<typeof t>[1];
