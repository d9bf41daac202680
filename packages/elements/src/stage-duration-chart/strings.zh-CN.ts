// Simplified Chinese strings of <kam-stage-duration-chart>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  title: '阶段停留时长', stage: '阶段', stays: '已完成停留', mean: '平均（天）', median: '中位数（天）', p90: 'P90（天）',
  bottleneck: '瓶颈', days: '{n} 天', yes: '是',
  mark: '{stage}：中位数 {median} 天，平均 {mean} 天，P90 {p90} 天，共 {count} 次完成停留',
  markBottleneck: '{stage}（瓶颈）：中位数 {median} 天，平均 {mean} 天，P90 {p90} 天，共 {count} 次完成停留',
  legend: '条：中位数 · 点：平均 · 线：P90',
} satisfies Translation<En>;
