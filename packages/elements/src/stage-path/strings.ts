import { defineStrings } from '../shared/i18n.js';
import { loadZhWords } from '../pipeline-board/field-labels.js';
import type * as Refusals from '../pipeline-board/refusals.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  pathLabel: 'Stages of “{name}”',
  loading: 'Loading the opportunity…',
  errorTitle: 'The stage path could not be shown',
  noOpportunity: 'No opportunity to show. Give the path an opportunity id, or an opportunity and its pipeline.',
  notFound: 'Opportunity {id} is not loaded.',
  noPipeline: 'The pipeline {id} of this opportunity is not loaded.',
  unknownStage: 'Its stage {id} is not part of “{pipeline}”. Move it to one of the stages below.',
  done: 'completed',
  current: 'current stage',
  upcoming: 'not reached',
  skipped: 'skipped',
  closed: 'Closed',
  spent: 'Time in stage: {time}',
  days: '{n} d',
  lessThanDay: '< 1 d',
  never: 'not reached',
  guidance: 'Guidance',
  keyFields: 'Key fields',
  checklist: 'Checklist',
  nextTitle: 'To enter {stage}',
  ready: 'Everything needed to enter {stage} is in place.',
  moveNext: 'Move to {stage}',
  won: 'Won',
  lost: 'Lost',
  wonOn: 'Won on {date}',
  lostOn: 'Lost on {date}',
  reason: 'Reason: {reason}',
  lastStage: 'This is the last stage.',
  actionsFailed: 'This action could not be loaded ({error}). Check the connection and try again.',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

/**
 * The refusals' words (pipeline-board/refusals.ts), fetched with the zh-CN table and not bundled:
 * in English a refusal is the store's own sentence (`refusalText` gives `message`), so a page in
 * English never needs them up front, and the lazy parts that import the module (the actions, the
 * board's) share it instead of it being one more file loaded up front.
 */
export let refusals: typeof Refusals | undefined;

export const t = defineStrings({
  id: 'stage-path', en, 'zh-CN': () => Promise.all([import('../pipeline-board/refusals.js').then((r) => (refusals = r).withRefusalWords(import('./strings.zh-CN.js'), defineStrings)), loadZhWords()]).then((a) => a[0]),
});
