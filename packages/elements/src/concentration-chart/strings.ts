import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'Customer concentration', metric: 'Measure', value: 'Value', threshold: 'Red line', status: 'Status', accounts: 'Accounts',
  top1: 'Largest account', top5: 'Top 5', top10: 'Top 10', hhi: 'HHI', crossed: 'Above the red line', ok: 'Within limits',
  diversified: 'Diversified', moderate: 'Moderate', high: 'High', critical: 'Critical',
  markShare: '{metric}: {value} of {basis}{line}{names}', lineText: ', red line {threshold} — {status}', namesText: ' ({names})',
  markHhi: 'HHI {value}: {band} concentration', revenue: 'revenue', margin: 'margin',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const concT = defineStrings({ id: 'concentration-chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
