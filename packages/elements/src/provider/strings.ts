import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  statusLabel: 'Data status',
  idle: 'No data source',
  connecting: 'Connecting…',
  loadingPhase: 'Loading {phase}…',
  loadingCount: 'Loading {phase}: {done} of {total}',
  loadingCountOpen: 'Loading {phase}: {done}',
  ready: 'Up to date',
  readyCounts: 'Up to date · {accounts} accounts',
  rejected: '{count} record{s} skipped (invalid)',
  offline: 'Offline — changes are kept and sent when you reconnect',
  pending: '{count} change{s} waiting to sync',
  conflicts: '{count} change{s} needing attention',
  error: 'Could not load data: {message}',
  retry: 'Retry',
  noAdapter: 'The REST adapter (@kamkit/adapters) could not be loaded for {endpoint}: {message}. Install @kamkit/adapters, or give <kam-provider> a `source` instead.',
  phase_metadata: 'pipelines',
  phase_accounts: 'accounts',
  phase_contacts: 'contacts',
  phase_teamMembers: 'account teams',
  phase_users: 'users',
  phase_opportunities: 'opportunities',
  phase_activities: 'activities',
  phase_contracts: 'contracts',
  phase_orders: 'orders',
  phase_invoices: 'invoices',
  phase_tickets: 'tickets',
  phase_surveys: 'surveys',
  phase_outbox: 'pending changes',
  phase_done: 'data',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const t = defineStrings({ id: 'provider', en, 'zh-CN': () => import('./strings.zh-CN.js') });
