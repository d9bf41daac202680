import { defineStrings } from '../shared/i18n.js';

export const paretoT = defineStrings({
  en: {
    title: 'ABC tiers (Pareto)', revenue: 'Revenue', margin: 'Margin', basis: 'Basis', tier: 'Tier', accounts: 'Accounts', accountShare: 'Share of accounts',
    value: 'Value', valueShare: 'Share of value', xAxis: 'Share of accounts', yAxis: 'Cumulative share of value',
    mark: 'Tier {tier}: {count} accounts ({accountShare} of accounts) hold {valueShare} of {basis} ({value})',
  },
  'zh-CN': {
    title: 'ABC 分级(帕累托)', revenue: '收入', margin: '毛利', basis: '口径', tier: '级别', accounts: '客户数', accountShare: '客户占比',
    value: '金额', valueShare: '金额占比', xAxis: '客户占比', yAxis: '累计金额占比',
    mark: '{tier} 级:{count} 个客户(占客户 {accountShare})贡献 {basis}的 {valueShare}({value})',
  },
});
