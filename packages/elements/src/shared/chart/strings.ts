import { defineStrings } from '../i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  loading: 'Loading…',
  empty: 'No data to show.',
  emptyHint: 'Nothing matches the current filters.',
  error: 'This chart could not be drawn: {message}',
  showTable: 'Show data table',
  hideTable: 'Hide data table',
  exportCsv: 'Export CSV',
  excluded: '{count} in {currency} ({amount}) left out: no {currency}→{target} exchange rate.',
  missingStages: '{count} deals sit in stages that are not in this pipeline and are left out.',
  negative: '{count} deals have a negative amount; they are included as entered.',
  absurd: '{count} deals have an implausibly large amount (over {limit}); check the source data.',
  negativeOne: 'One deal has a negative amount; it is included as entered.',
  absurdOne: 'One deal has an implausibly large amount (over {limit}); check the source data.',
  single: 'Only one deal: figures are not yet meaningful.',
  negativeOrders: '{count} orders have a negative amount (credits or returns); they are counted as entered.',
  absurdOrders: '{count} orders have an implausibly large amount (over {limit}); check the source data.',
  negativeOrdersOne: 'One order has a negative amount (a credit or a return); it is counted as entered.',
  absurdOrdersOne: 'One order has an implausibly large amount (over {limit}); check the source data.',
  chartOf: '{title} chart',
  tableOf: '{title} data',
  retry: 'Retry',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

/** Strings every chart shares (states, table toggle, export, bad-input notes). */
export const chartT = defineStrings({ id: 'shared/chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
