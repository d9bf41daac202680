// Simplified Chinese strings of <kam-health-badge>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  label: '健康度 {score}/100，{band}',
  labelNoBand: '健康度 {score}/100',
  band_red: '红色',
  band_yellow: '黄色',
  band_green: '绿色',
  band_blue: '蓝色',
  loading: '健康度加载中',
  none: '暂无健康度评分',
  missingId: '无法显示健康度：未提供客户 ID',
  unknownId: '无法显示健康度：未找到客户 {id}',
  failed: '无法显示健康度：{message}',
  overridden: '（已人工调整）',
} satisfies Translation<En>;
