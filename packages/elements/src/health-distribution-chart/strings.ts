import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'Account health', band: 'Band', accounts: 'Accounts', share: 'Share', previous: 'Previous snapshot', change: 'Change',
  mark: '{band}: {count} accounts ({share})', markTrend: '{band}: {count} accounts ({share}), {change} since the previous snapshot ({previous})',
  legend: 'Dashed outline: previous snapshot', countChange: '{count} ({change})',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const healthDistT = defineStrings({ id: 'health-distribution-chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
