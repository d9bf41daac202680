import { defineStrings } from '../shared/i18n.js';

export const forecastT = defineStrings({
  en: {
    title: 'Forecast', weighted: 'Weighted by probability', period: 'Period', category: 'Category', count: 'Deals', total: 'Total', weightedValue: 'Weighted',
    pipeline: 'Pipeline', best_case: 'Best case', commit: 'Commit', closed: 'Closed', omitted: 'Omitted',
    mark: '{period}, {category}: {value} ({count} deals)', markW: '{period}, {category}: {value} weighted ({count} deals)',
    markOne: '{period}, {category}: {value} (1 deal)', markWOne: '{period}, {category}: {value} weighted (1 deal)',
  },
  'zh-CN': {
    title: '预测', weighted: '按赢率加权', period: '期间', category: '类别', count: '商机数', total: '金额', weightedValue: '加权金额',
    pipeline: '管道', best_case: '乐观', commit: '承诺', closed: '已成交', omitted: '排除',
    mark: '{period},{category}:{value}({count} 个商机)', markW: '{period},{category}:加权 {value}({count} 个商机)',
    markOne: '{period},{category}:{value}(1 个商机)', markWOne: '{period},{category}:加权 {value}(1 个商机)',
  },
});
