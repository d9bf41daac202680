// Simplified Chinese strings of the explainer's editors: loaded on demand by editors.ts (itself
// loaded on demand), never up front.
import type { Translation } from '../shared/i18n.js';
import type { EditorEn } from './editors.js';

export default {
  overrideValue: '分数（0–100）',
  overrideReason: '原因',
  overrideExpiry: '到期日',
  overrideOnlyLower: '仅在调低分数时生效',
  submit: '提交申请',
  cancel: '取消',
  overrideInvalidValue: '请输入 0 到 100 之间的分数。',
  overrideInvalidReason: '请说明调整原因。',
  whatIfHint: '调整某个信号，查看分数变化。不会保存任何修改。',
  whatIfResult: '分数将为 {score}（{delta}），{band}',
  whatIfBandChanged: '等级变化',
  reset: '重置',
  close: '关闭',
  colFactor: '因子',
  colValue: '数值',
  colEarned: '得分',
  colLost: '扣分',
  colWeight: '权重',
  treat_ignored: '已忽略（无数据）',
  treat_neutral: '按中性计（无数据）',
  treat_worst: '按最差计（无数据）',
  treat_no_data_fallback: '无数据',
} satisfies Translation<EditorEn>;
