// Simplified Chinese strings of <kam-health-distribution-chart>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  title: '客户健康度', band: '等级', accounts: '客户数', share: '占比', previous: '上次快照', change: '变化',
  mark: '{band}：{count} 个客户（{share}）', markTrend: '{band}：{count} 个客户（{share}），较上次快照（{previous}）变化 {change}',
  legend: '虚线框：上次快照', countChange: '{count}（{change}）',
} satisfies Translation<En>;
