import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  filters: 'Filters', period: 'Period', pipeline: 'Pipeline', owner: 'Owner', region: 'Region', industry: 'Industry',
  all: 'All', month: 'Month', quarter: 'Quarter', year: 'Year',
  loading: 'Loading…', error: 'The dashboard could not be computed: {message}', updated: 'Dashboard updated: {filters}', none: 'no filters',
  kpis: 'Key figures', charts: 'Charts', pair: '{name}: {value}', sep: ', ', retry: 'Retry',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const dashT = defineStrings({ id: 'dashboard', en, 'zh-CN': () => import('./strings.zh-CN.js') });
