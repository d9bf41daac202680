import { defineStrings } from '../shared/i18n.js';

export const t = defineStrings({
  en: {
    label: 'Health {score} of 100, {band}',
    labelNoBand: 'Health {score} of 100',
    band_red: 'red',
    band_yellow: 'yellow',
    band_green: 'green',
    band_blue: 'blue',
    loading: 'Health loading',
    none: 'No health score',
    missingId: 'Health unavailable: no account id given',
    unknownId: 'Health unavailable: account {id} not found',
    failed: 'Health unavailable: {message}',
    overridden: 'overridden',
  },
  'zh-CN': {
    label: '健康度 {score}/100,{band}',
    labelNoBand: '健康度 {score}/100',
    band_red: '红色',
    band_yellow: '黄色',
    band_green: '绿色',
    band_blue: '蓝色',
    loading: '健康度加载中',
    none: '暂无健康度评分',
    missingId: '无法显示健康度:未提供客户 ID',
    unknownId: '无法显示健康度:未找到客户 {id}',
    failed: '无法显示健康度:{message}',
    overridden: '已人工调整',
  },
});
