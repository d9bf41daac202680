import { loadZhWords } from './field-labels.js';
import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  boardLabel: 'Pipeline board: {pipeline}',
  pipelinePicker: 'Pipeline',
  loading: 'Loading the pipeline…',
  errorTitle: 'The pipeline board could not be shown',
  partFailed: 'Part of the board could not be loaded ({error}). Check the connection and try again.',
  breakdownFailed: 'The breakdown could not be loaded. Reach this total to try again.',
  noPipeline: 'No pipeline to show. Give the board a pipeline, or load one into the store.',
  emptyPipeline: 'No deals in this pipeline yet.',
  columnEmpty: 'No deals',
  countOne: '1 deal',
  countMany: '{count} deals',
  total: 'Total',
  weighted: 'Weighted',
  excludedShort: '{count} not converted',
  flaggedShort: '{count} to check',
  unknownColumn: 'Unknown stage',
  unknownExplain: 'These deals are in stages that are not part of “{pipeline}” ({ids}). Move each to a stage of this pipeline.',
  unassigned: 'Unassigned',
  closeDate: 'Close {date}',
  'next-none': 'No next step',
  'next-due': 'Next step due {when}',
  'next-planned': 'Next step planned',
  'next-overdue': 'Next step overdue',
  'next-done': 'Next step done',
  idle: 'Idle {days} d (limit {limit})',
  noRate: 'No {currency} rate',
  negative: 'Negative amount',
  implausible: 'Implausible amount',
  invalid: 'Invalid amount',
  flaggedHint: 'Counted in the column totals as entered; check the source data',
  invalidHint: 'Left out of the column totals: the amount is not a number',
  noRateHint: 'Left out of the column totals: no exchange rate to {currency}',
  moveToLabel: 'Move “{name}” to…',
  cardHelp: 'Space or Enter picks the deal up, arrow keys then move it, Space or Enter drops it and Escape cancels. Arrow keys move between deals; M opens the Move to menu.',
  cardRole: 'deal',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

// The refusals' zh-CN words come with the table (a refusal is also said outside a render); their
// module is fetched, not bundled: only a move shows them, and a page with the board alone need not load them.
export const t = defineStrings({
  id: 'pipeline-board', en, 'zh-CN': () => Promise.all([import('./refusals.js').then((r) => r.withRefusalWords(import('./strings.zh-CN.js'), defineStrings)), loadZhWords()]).then((a) => a[0]),
});
