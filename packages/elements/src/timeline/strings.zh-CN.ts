// Simplified Chinese strings of <kam-timeline>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  label: '活动时间线',
  channels: '按渠道筛选',
  allContacts: '全部联系人',
  contact: '联系人',
  visit: '拜访', call: '电话', meeting: '会议', email: '邮件', exhibition: '展会',
  web_enquiry: '网站询盘', note: '备注', task: '任务', other: '其他', ticket: '服务工单', order: '订单',
  inbound: '客户发起', outbound: '我方发起',
  loading: '正在加载活动…',
  empty: '暂无活动记录。',
  emptyFiltered: '没有符合筛选条件的活动。',
  clearFilters: '清除筛选',
  showMore: '显示更多',
  shown: '接触记录：{total} 条',
  orderSubject: '订单 {amount}',
  ticketMeta: '{severity} · {status}',
  withContact: '联系人：{name}',
} satisfies Translation<En>;
