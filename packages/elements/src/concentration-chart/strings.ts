import { defineStrings } from '../shared/i18n.js';

export const concT = defineStrings({
  en: {
    title: 'Customer concentration', metric: 'Measure', value: 'Value', threshold: 'Red line', status: 'Status', accounts: 'Accounts',
    top1: 'Largest account', top5: 'Top 5', top10: 'Top 10', hhi: 'HHI', crossed: 'Above the red line', ok: 'Within limits',
    diversified: 'Diversified', moderate: 'Moderate', high: 'High', critical: 'Critical', band: 'HHI band',
    markShare: '{metric}: {value} of {basis}{line}{names}', lineText: ', red line {threshold} — {status}', namesText: ' ({names})',
    markHhi: 'HHI {value}: {band} concentration', revenue: 'revenue', margin: 'margin',
  },
  'zh-CN': {
    title: '客户集中度', metric: '指标', value: '数值', threshold: '红线', status: '状态', accounts: '客户',
    top1: '最大客户', top5: '前 5 名', top10: '前 10 名', hhi: 'HHI', crossed: '超过红线', ok: '在限度内',
    diversified: '分散', moderate: '适中', high: '较高', critical: '严重', band: 'HHI 区间',
    markShare: '{metric}:占{basis} {value}{line}{names}', lineText: ',红线 {threshold} — {status}', namesText: '({names})',
    markHhi: 'HHI {value}:集中度{band}', revenue: '收入', margin: '毛利',
  },
});
