// Field paths in words, shared by the cards' extra fields and the refusal reasons.
import { fieldLabel } from '@kamkit/core';
import type { Locale } from '../shared/i18n.js';

const zhFieldLabels: Record<string, string> = {
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

/** A field path in words: the pipeline's own vocabulary in zh-CN where known, else the core's label. */
export function localFieldLabel(locale: Locale, path: string): string {
  return (locale === 'zh-CN' && zhFieldLabels[path]) || fieldLabel(path);
}
