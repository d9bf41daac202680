import { defineStrings } from '../shared/i18n.js';

export const kpiT = defineStrings({
  en: {
    'win-rate': 'Win rate', 'cycle-length': 'Sales cycle (median)', 'avg-deal-size': 'Average deal size', 'renewal-rate': 'Renewal rate',
    days: '{n} days', up: 'Up {delta} on the previous period ({previous})', down: 'Down {delta} on the previous period ({previous})',
    same: 'Unchanged on the previous period ({previous})', noPrevious: 'No figure for the previous period',
    better: 'better', worse: 'worse', none: 'No figure for this period', loading: 'Loading…', error: 'Could not compute: {message}',
    pts: '{n} pts', current: 'This period', previous: 'Previous period', kpi: 'Measure',
  },
  'zh-CN': {
    'win-rate': '赢单率', 'cycle-length': '销售周期(中位数)', 'avg-deal-size': '平均成交金额', 'renewal-rate': '续约率',
    days: '{n} 天', up: '较上期({previous})上升 {delta}', down: '较上期({previous})下降 {delta}',
    same: '与上期({previous})持平', noPrevious: '上期无数据',
    better: '向好', worse: '变差', none: '本期无数据', loading: '加载中…', error: '无法计算:{message}',
    pts: '{n} 个百分点', current: '本期', previous: '上期', kpi: '指标',
  },
});
