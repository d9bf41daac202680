// Simplified Chinese words of status-words.ts: loaded on demand, never up front.
import type { Translation } from './i18n.js';
import type { StatusWordsEn } from './status-words.js';

export default {
  // an open ticket or order is being handled: 处理中 (进行中 is a deal's word, in account-360's table)
  open: '处理中', pending: '待处理', resolved: '已解决', closed: '已关闭',
  fulfilled: '已履行', cancelled: '已取消',
  critical: '紧急', high: '高', medium: '中', low: '低',
} satisfies Translation<StatusWordsEn>;
