import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'Revenue retention', byPeriod: 'By period', byCohort: 'By cohort', view: 'View', period: 'Period', cohort: 'Cohort', start: 'Starting revenue',
  grr: 'GRR', nrr: 'NRR', churn: 'Churn', expansion: 'Expansion', accounts: 'Accounts',
  mark: '{period}: GRR {grr}, NRR {nrr} on {start}', markCohort: 'Cohort {cohort}, {period}: NRR {nrr}, GRR {grr}, {active} active accounts',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const retentionT = defineStrings({ id: 'retention-chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
