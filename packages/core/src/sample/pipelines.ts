// The two sample pipelines: Chinese new-business (Kingdee-style gates: no skipping, 赢单 needs a
// date, 输单 a reason and a date) and an English renewal / expansion pipeline that allows skips.
import type { Pipeline } from '../model/schemas.js';

export const newBusinessPipeline: Pipeline = {
  id: 'pl-new',
  name: '新客户销售',
  sourceIds: {},
  rules: {
    allowSkip: false, allowBackward: true, allowReopen: false,
    wonRequires: { reason: false, date: true },
    lostRequires: { reason: true, date: true },
  },
  stages: [
    { id: 'st-qualify', name: '线索确认', order: 1, probability: 0.1, forecastCategory: 'pipeline', kind: 'open', idleDays: 21,
      entryCriteria: { requiredFields: [], checklist: [] }, guidance: '确认客户预算、决策人和时间表', keyFields: ['nextStep.text'] },
    { id: 'st-needs', name: '需求分析', order: 2, probability: 0.25, forecastCategory: 'pipeline', kind: 'open', idleDays: 21,
      entryCriteria: { requiredFields: ['nextStep.text'], checklist: [{ id: 'needs_call', label: '完成需求调研 / Discovery call held' }] },
      guidance: '梳理客户痛点，识别关键联系人', keyFields: ['nextStep.text', 'custom.budget'] },
    { id: 'st-proposal', name: '方案报价', order: 3, probability: 0.5, forecastCategory: 'best_case', kind: 'open', idleDays: 30,
      entryCriteria: { requiredFields: ['nextStep.text', 'custom.budget'], checklist: [{ id: 'dm_met', label: '已拜访决策人 / Decision maker met' }] },
      guidance: '提交方案与报价，安排演示', keyFields: ['amount', 'custom.budget', 'closeDate'] },
    { id: 'st-negotiation', name: '商务谈判', order: 4, probability: 0.75, forecastCategory: 'commit', kind: 'open', idleDays: 20,
      entryCriteria: { requiredFields: ['nextStep.text', 'custom.budget', 'custom.decisionMaker'], checklist: [{ id: 'quote_approved', label: '报价已审批 / Quote approved' }] },
      guidance: '谈判价格与合同条款', keyFields: ['amount', 'closeDate', 'custom.decisionMaker'] },
    { id: 'st-won', name: '赢单', order: 5, probability: 1, forecastCategory: 'closed', kind: 'won',
      entryCriteria: { requiredFields: [], checklist: [{ id: 'contract_signed', label: '合同已签署 / Contract signed' }] }, keyFields: [] },
    { id: 'st-lost', name: '输单', order: 6, probability: 0, forecastCategory: 'omitted', kind: 'lost',
      entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
  ],
};

export const renewalPipeline: Pipeline = {
  id: 'pl-renewal',
  name: 'Renewal & expansion',
  sourceIds: {},
  rules: {
    allowSkip: true, allowBackward: true, allowReopen: false,
    wonRequires: { reason: false, date: true },
    lostRequires: { reason: true, date: true },
  },
  stages: [
    { id: 'rn-identified', name: 'Identified', order: 1, probability: 0.3, forecastCategory: 'pipeline', kind: 'open', idleDays: 30,
      entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'rn-review', name: 'Value review', order: 2, probability: 0.5, forecastCategory: 'best_case', kind: 'open', idleDays: 30,
      entryCriteria: { requiredFields: ['nextStep.text'], checklist: [{ id: 'usage_reviewed', label: 'Usage and value reviewed with customer' }] }, keyFields: [] },
    { id: 'rn-quote', name: 'Quote sent', order: 3, probability: 0.7, forecastCategory: 'commit', kind: 'open', idleDays: 14,
      entryCriteria: { requiredFields: ['nextStep.text'], checklist: [] }, keyFields: ['amount', 'closeDate'] },
    { id: 'rn-commit', name: 'Verbal commit', order: 4, probability: 0.9, forecastCategory: 'commit', kind: 'open', idleDays: 14,
      entryCriteria: { requiredFields: ['nextStep.text', 'custom.decisionMaker'], checklist: [] }, keyFields: ['closeDate'] },
    { id: 'rn-won', name: 'Renewed', order: 5, probability: 1, forecastCategory: 'closed', kind: 'won',
      entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
    { id: 'rn-lost', name: 'Churned', order: 6, probability: 0, forecastCategory: 'omitted', kind: 'lost',
      entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] },
  ],
};
