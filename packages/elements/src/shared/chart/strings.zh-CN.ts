// Simplified Chinese strings of the shared chart strings: loaded on demand by strings.ts, never up front.
import type { Translation } from '../i18n.js';
import type { En } from './strings.js';

export default {
  loading: '加载中…',
  empty: '暂无数据。',
  emptyHint: '当前筛选条件下没有数据。',
  error: '图表无法绘制：{message}',
  showTable: '显示数据表',
  hideTable: '隐藏数据表',
  exportCsv: '导出 CSV',
  excluded: '{currency} 计价的 {count} 笔（{amount}）未计入：缺少 {currency}→{target} 汇率。',
  missingStages: '{count} 个商机所在阶段不属于此管道，未计入。',
  negative: '{count} 个商机金额为负数，按原值计入。',
  absurd: '{count} 个商机金额大得不合理（超过 {limit}），请检查源数据。',
  negativeOne: '1 个商机金额为负数，按原值计入。',
  absurdOne: '1 个商机金额大得不合理（超过 {limit}），请检查源数据。',
  single: '只有一个商机：数字尚无参考意义。',
  negativeOrders: '{count} 笔订单金额为负数（退款或退货），按原值计入。',
  absurdOrders: '{count} 笔订单金额大得不合理（超过 {limit}），请检查源数据。',
  negativeOrdersOne: '1 笔订单金额为负数（退款或退货），按原值计入。',
  absurdOrdersOne: '1 笔订单金额大得不合理（超过 {limit}），请检查源数据。',
  chartOf: '{title}图表',
  tableOf: '{title}数据',
  retry: '重试',
} satisfies Translation<En>;
