// Simplified Chinese strings of <kam-stakeholder-map>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  mapLabel: '采购决策链影响力图',
  tableCaption: '采购决策链（表格）',
  showTable: '以表格显示', showMap: '以图显示',
  legend: '图例：',
  decision_maker: '决策者', economic_buyer: '经济决策人', influencer: '影响者',
  champion: '支持者（内线）', user: '使用者', blocker: '反对者', other: '其他',
  name: '姓名', title: '职位', role: '角色', influence: '影响力', relationship: '关系',
  reportsTo: '汇报对象', lastEngaged: '最近接触',
  influenceValue: '{value} / 5', unknown: '未知',
  strength1: '敌对或冷淡', strength2: '较弱', strength3: '一般', strength4: '良好', strength5: '信任的支持者',
  sizeLegend: '圆越大：影响力越大',
  borderLegend: '边框：点线 = 冷淡，虚线 = 较弱，实线 = 一般，越粗 = 关系越强',
  nodeLabel: '{name}，{title}，{role}，影响力：{influence}，关系：{relationship}',
  coverage: '覆盖情况',
  covered: '决策链已覆盖：已接触决策者，已有支持者和经济决策人，无反对者。',
  gap_no_decision_maker: '未识别决策者',
  gap_decision_maker_not_reached: '最近 {days} 天未接触决策者（{names}）',
  gap_no_champion: '没有支持者（内线）',
  gap_no_economic_buyer: '没有经济决策人',
  gap_blockers: '存在反对者：{names}',
  empty: '该客户暂无联系人。',
  loading: '正在加载联系人…',
  gapCount: '{count} 个覆盖缺口',
  gapCountOne: '1 个覆盖缺口',
} satisfies Translation<En>;
