// Simplified Chinese strings of <kam-forecast-chart>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  title: '预测', weighted: '按赢率加权', period: '期间', category: '类别', count: '商机数', total: '金额', weightedValue: '加权金额',
  pipeline: '管道', best_case: '乐观', commit: '承诺', closed: '已成交', omitted: '排除',
  mark: '{period}，{category}：{value}（{count} 个商机）', markW: '{period}，{category}：加权 {value}（{count} 个商机）',
  markOne: '{period}，{category}：{value}（1 个商机）', markWOne: '{period}，{category}：加权 {value}（1 个商机）',
} satisfies Translation<En>;
