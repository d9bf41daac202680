// Simplified Chinese strings of the shared state boxes (states.ts): loaded on demand, never up front.
import type { Translation } from '../shared/i18n.js';
import type { StatesEn } from './states.js';

export default {
  loading: '正在加载…', retry: '重试', storeError: '数据加载失败。', details: '详情：{message}', renderError: '无法显示此视图。',
  missingId: '未选择客户：请设置 account-id 属性。', notFound: '未找到客户 {id}。',
} satisfies Translation<StatesEn>;
