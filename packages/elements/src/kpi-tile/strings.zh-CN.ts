// Simplified Chinese strings of <kam-kpi-tile>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  'win-rate': '赢单率', 'cycle-length': '销售周期（中位数）', 'avg-deal-size': '平均成交金额', 'renewal-rate': '续约率',
  days: '{n} 天', up: '较上期（{previous}）上升 {delta}', down: '较上期（{previous}）下降 {delta}',
  same: '与上期（{previous}）持平', noPrevious: '上期无数据',
  better: '（向好）', worse: '（变差）', none: '本期无数据', loading: '加载中…', error: '无法计算：{message}',
  pts: '{n} 个百分点',
} satisfies Translation<En>;
