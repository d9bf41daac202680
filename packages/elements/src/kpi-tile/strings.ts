import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  'win-rate': 'Win rate', 'cycle-length': 'Sales cycle (median)', 'avg-deal-size': 'Average deal size', 'renewal-rate': 'Renewal rate',
  days: '{n} days', up: 'Up {delta} on the previous period ({previous})', down: 'Down {delta} on the previous period ({previous})',
  same: 'Unchanged on the previous period ({previous})', noPrevious: 'No figure for the previous period',
  // The verdict follows the sentence: English's bracket takes a space, a full-width one carries its own.
  better: ' (better)', worse: ' (worse)', none: 'No figure for this period', loading: 'Loading…', error: 'Could not compute: {message}',
  pts: '{n} pts',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const kpiT = defineStrings({ id: 'kpi-tile', en, 'zh-CN': () => import('./strings.zh-CN.js') });
