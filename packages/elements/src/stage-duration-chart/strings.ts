import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'Time in stage', stage: 'Stage', stays: 'Completed stays', mean: 'Mean (days)', median: 'Median (days)', p90: 'P90 (days)',
  bottleneck: 'Bottleneck', days: '{n} d', yes: 'yes',
  mark: '{stage}: median {median} days, mean {mean} days, p90 {p90} days over {count} completed stays',
  markBottleneck: '{stage} (bottleneck): median {median} days, mean {mean} days, p90 {p90} days over {count} completed stays',
  legend: 'Bar: median · dot: mean · line: p90',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const durationT = defineStrings({ id: 'stage-duration-chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
