import { defineStrings } from '../shared/i18n.js';

export const healthDistT = defineStrings({
  en: {
    title: 'Account health', band: 'Band', accounts: 'Accounts', share: 'Share', previous: 'Previous snapshot', change: 'Change',
    mark: '{band}: {count} accounts ({share})', markTrend: '{band}: {count} accounts ({share}), {change} since the previous snapshot ({previous})',
    legend: 'Dashed outline: previous snapshot',
  },
  'zh-CN': {
    title: '客户健康度', band: '区间', accounts: '客户数', share: '占比', previous: '上次快照', change: '变化',
    mark: '{band}:{count} 个客户({share})', markTrend: '{band}:{count} 个客户({share}),较上次快照({previous})变化 {change}',
    legend: '虚线框:上次快照',
  },
});
