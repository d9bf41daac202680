import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'ABC tiers (Pareto)', revenue: 'Revenue', margin: 'Margin', tier: 'Tier', accounts: 'Accounts', accountShare: 'Share of accounts',
  value: 'Value', valueShare: 'Share of value', xAxis: 'Share of accounts',
  mark: 'Tier {tier}: {count} accounts ({accountShare} of accounts) hold {valueShare} of {basis} ({value})',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const paretoT = defineStrings({ id: 'pareto-chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
