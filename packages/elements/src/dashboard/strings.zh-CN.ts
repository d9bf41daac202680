// Simplified Chinese strings of <kam-dashboard>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  filters: '筛选', period: '期间', pipeline: '销售管道', owner: '负责人', region: '区域', industry: '行业',
  all: '全部', month: '月', quarter: '季度', year: '年',
  loading: '加载中…', error: '仪表盘无法计算：{message}', updated: '仪表盘已更新：{filters}', none: '无筛选',
  kpis: '关键指标', charts: '图表', pair: '{name}：{value}', sep: '，', retry: '重试',
} satisfies Translation<En>;
