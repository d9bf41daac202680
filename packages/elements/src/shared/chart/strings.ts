import { defineStrings } from '../i18n.js';

/** Strings every chart shares (states, table toggle, export, bad-input notes). */
export const chartT = defineStrings({
  en: {
    loading: 'Loading…',
    empty: 'No data to show.',
    emptyHint: 'Nothing matches the current filters.',
    error: 'This chart could not be drawn: {message}',
    showTable: 'Show data table',
    hideTable: 'Hide data table',
    exportCsv: 'Export CSV',
    excluded: '{count} in {currency} ({amount}) left out: no {currency}→{target} exchange rate.',
    missingStages: '{count} deals sit in stages that are not in this pipeline and are left out.',
    negative: '{count} deals have a negative amount; they are included as entered.',
    absurd: '{count} deals have an implausibly large amount (over {limit}); check the source data.',
    single: 'Only one deal: figures are not yet meaningful.',
    chartOf: '{title} chart',
    tableOf: '{title} data',
  },
  'zh-CN': {
    loading: '加载中…',
    empty: '暂无数据。',
    emptyHint: '当前筛选条件下没有数据。',
    error: '图表无法绘制:{message}',
    showTable: '显示数据表',
    hideTable: '隐藏数据表',
    exportCsv: '导出 CSV',
    excluded: '{currency} 计价的 {count} 笔({amount})未计入:缺少 {currency}→{target} 汇率。',
    missingStages: '{count} 个商机所在阶段不属于此管道,未计入。',
    negative: '{count} 个商机金额为负数,按原值计入。',
    absurd: '{count} 个商机金额大得不合理(超过 {limit}),请检查源数据。',
    single: '只有一个商机:数字尚无参考意义。',
    chartOf: '{title}图表',
    tableOf: '{title}数据',
  },
});
