// Simplified Chinese strings of <kam-retention-chart>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  title: '收入留存', byPeriod: '按期间', byCohort: '按同期群', view: '视图', period: '期间', cohort: '同期群', start: '期初收入',
  grr: 'GRR', nrr: 'NRR', churn: '流失', expansion: '扩展', accounts: '客户数',
  mark: '{period}：GRR {grr}，NRR {nrr}，期初 {start}', markCohort: '同期群 {cohort}，{period}：NRR {nrr}，GRR {grr}，活跃客户 {active}',
} satisfies Translation<En>;
