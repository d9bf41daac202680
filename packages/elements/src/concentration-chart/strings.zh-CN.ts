// Simplified Chinese strings of <kam-concentration-chart>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  title: '客户集中度', metric: '指标', value: '数值', threshold: '红线', status: '状态', accounts: '客户',
  top1: '最大客户', top5: '前 5 名', top10: '前 10 名', hhi: 'HHI', crossed: '超过红线', ok: '在限度内',
  diversified: '分散', moderate: '适中', high: '较高', critical: '严重',
  markShare: '{metric}：占{basis} {value}{line}{names}', lineText: '，红线 {threshold} — {status}', namesText: '（{names}）',
  markHhi: 'HHI {value}，集中度等级：{band}', revenue: '收入', margin: '毛利',
} satisfies Translation<En>;
