// Simplified Chinese strings of <kam-pareto-chart>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  title: 'ABC 分级（帕累托）', revenue: '收入', margin: '毛利', tier: '级别', accounts: '客户数', accountShare: '客户占比',
  value: '金额', valueShare: '金额占比', xAxis: '客户占比',
  mark: '{tier} 级：{count} 个客户（占客户 {accountShare}）贡献{basis}的 {valueShare}（{value}）',
} satisfies Translation<En>;
