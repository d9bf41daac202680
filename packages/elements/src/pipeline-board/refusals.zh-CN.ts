// Simplified Chinese words of the refusal reasons (refusals.ts) and of the field paths they and
// the cards name (field-labels.ts): loaded on demand with the element's own zh-CN table, never up front.
import type { Translation } from '../shared/i18n.js';
import type { RefusalsEn } from './refusals.js';

export default {
  unknown_opportunity: '此商机已不存在。',
  unknown_stage: '{stage} 不是本管道的阶段。',
  same_stage: '已在 {stage}。',
  skip_not_allowed: '此管道不允许跳过阶段。',
  backward_not_allowed: '此管道不允许回退阶段。',
  reopen_not_allowed: '此管道不允许重新打开已关闭的商机。',
  missing_field: '请先填写“{field}”。',
  checklist_incomplete: '请先勾选“{item}”。',
  reason_required: '请填写原因。',
  date_required: '请填写日期。',
  invalid_date: '日期须为今天或之前的有效日期。',
} satisfies Translation<RefusalsEn>;

/** Field paths in the pipeline's own vocabulary. */
export const fieldLabels: Record<string, string> = {
  'nextStep.text': '下一步',
  'nextStep.dueDate': '下一步截止日期',
  amount: '金额',
  'amount.amount': '金额',
  closeDate: '预计成交日期',
  ownerId: '负责人',
  probability: '赢率',
  forecastCategory: '预测类别',
  name: '名称',
  wonReason: '赢单原因',
  lostReason: '输单原因',
  closedAt: '关闭日期',
};
