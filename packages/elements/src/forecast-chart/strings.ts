import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'Forecast', weighted: 'Weighted by probability', period: 'Period', category: 'Category', count: 'Deals', total: 'Total', weightedValue: 'Weighted',
  pipeline: 'Pipeline', best_case: 'Best case', commit: 'Commit', closed: 'Closed', omitted: 'Omitted',
  mark: '{period}, {category}: {value} ({count} deals)', markW: '{period}, {category}: {value} weighted ({count} deals)',
  markOne: '{period}, {category}: {value} (1 deal)', markWOne: '{period}, {category}: {value} weighted (1 deal)',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const forecastT = defineStrings({ id: 'forecast-chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
