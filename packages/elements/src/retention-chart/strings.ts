import { defineStrings } from '../shared/i18n.js';

export const retentionT = defineStrings({
  en: {
    title: 'Revenue retention', byPeriod: 'By period', byCohort: 'By cohort', view: 'View', period: 'Period', cohort: 'Cohort', start: 'Starting revenue',
    grr: 'GRR', nrr: 'NRR', churn: 'Churn', expansion: 'Expansion', accounts: 'Accounts',
    mark: '{period}: GRR {grr}, NRR {nrr} on {start}', markCohort: 'Cohort {cohort}, {period}: NRR {nrr}, GRR {grr}, {active} active accounts',
  },
  'zh-CN': {
    title: '收入留存', byPeriod: '按期间', byCohort: '按同期群', view: '视图', period: '期间', cohort: '同期群', start: '期初收入',
    grr: 'GRR', nrr: 'NRR', churn: '流失', expansion: '扩展', accounts: '客户数',
    mark: '{period}:GRR {grr},NRR {nrr},期初 {start}', markCohort: '同期群 {cohort},{period}:NRR {nrr},GRR {grr},活跃客户 {active}',
  },
});
