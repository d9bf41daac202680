import { defineStrings } from '../shared/i18n.js';

export const durationT = defineStrings({
  en: {
    title: 'Time in stage', stage: 'Stage', stays: 'Completed stays', mean: 'Mean (days)', median: 'Median (days)', p90: 'P90 (days)',
    bottleneck: 'Bottleneck', days: '{n} d', yes: 'yes', no: '',
    mark: '{stage}: median {median} days, mean {mean} days, p90 {p90} days over {count} completed stays',
    markBottleneck: '{stage} (bottleneck): median {median} days, mean {mean} days, p90 {p90} days over {count} completed stays',
    legend: 'Bar: median · dot: mean · line: p90',
  },
  'zh-CN': {
    title: '阶段停留时长', stage: '阶段', stays: '已完成停留', mean: '平均(天)', median: '中位数(天)', p90: 'P90(天)',
    bottleneck: '瓶颈', days: '{n} 天', yes: '是', no: '',
    mark: '{stage}:中位数 {median} 天,平均 {mean} 天,P90 {p90} 天,共 {count} 次完成停留',
    markBottleneck: '{stage}(瓶颈):中位数 {median} 天,平均 {mean} 天,P90 {p90} 天,共 {count} 次完成停留',
    legend: '条:中位数 · 点:平均 · 线:P90',
  },
});
