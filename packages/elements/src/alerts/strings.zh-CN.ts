// Simplified Chinese strings of <kam-alerts>: loaded on demand by strings.ts, never up front.
import type { AlertType } from '@kamkit/core/alerts';
import type { Translation } from '../shared/i18n.js';
import type { En, ZhReason } from './strings.js';

export default {
  filter: '按严重程度筛选',
  red: '红色', yellow: '黄色', blue: '蓝色',
  redMeaning: '紧急', yellowMeaning: '警告', blueMeaning: '提示',
  severityLabel: '{severity}（{meaning}）',
  dismiss: '忽略', snooze: '暂缓 {days} 天',
  dismissLabel: '忽略：{title}', snoozeLabel: '暂缓 {days} 天：{title}',
  empty: '暂无预警，目前没有需要处理的事项。',
  emptyFiltered: '没有所选级别的预警。',
  showAll: '显示全部',
  more: '再显示 {count} 条',
  actionsFailed: '暂时无法忽略、暂缓和筛选预警（{message}）。请重试。',
  loading: '正在计算预警…',
  error: '无法计算预警：{message}',
  facts: '依据数据',
  account: '客户',
  nba: '下一步最佳行动',
  because: '依据：{why}', factLabel: '{label}：',
  dismissed: '已忽略预警：{title}', snoozed: '预警已暂缓至 {date}：{title}',
  count: '{count} 条预警',
  f_score: '得分', f_band: '等级', f_threshold: '阈值', f_coverage: '数据覆盖率', f_topDriver: '最大失分项',
  f_topDriverPointsLost: '失分', f_previous: '上次得分', f_drop: '下降', f_daysLeft: '剩余天数',
  f_endDate: '到期日', f_contractValue: '合同金额', f_health: '健康度', f_openTickets: '未结工单', f_nps: 'NPS',
  f_csat: 'CSAT', f_renewalStatus: '续约状态', f_invoices: '发票数', f_maxDaysOverdue: '最长逾期（天）',
  f_outstanding: '未付金额', f_changePercent: '变化（%）', f_periodDays: '周期（天）',
  f_daysSinceLastOrder: '距上次下单（天）', f_medianIntervalDays: '通常间隔（天）', f_expectedAt: '预计下单',
  f_tolerance: '容差', f_orders: '订单数', f_confidence: '置信度', f_decisionMakers: '决策者人数',
  f_engagedContacts: '已接触联系人', f_withinDays: '时间窗（天）', f_share: '收入占比', f_hhi: 'HHI',
  f_top5: '前五占比', f_hhiBand: '集中度等级', f_daysInStage: '停留天数', f_amount: '金额',
  yes: '是', no: '否',
  green: '绿色',
} satisfies Translation<En>;

/** Chinese words of a fact's value: renewal statuses, confidence levels (HHI bands are the concentration chart's words). */
export const zhValue: Record<string, string> = {
  not_due: '未到期', upcoming: '即将到期', in_negotiation: '谈判中', renewed: '已续约', churned: '已流失',
  low: '低', medium: '中', high: '高',
};

// The explainer's names of the factors: one wording for a factor on the page.
export { factorLabelsZh as zhFactor } from '../health-explainer/strings.zh-CN.js';

/** Chinese titles by alert type (`{band}`: the band's word). */
export const zhTitle: Record<AlertType, string> = {
  health_below_band: '健康度偏低（{band}）', health_dropped: '健康度下降', renewal_due: '合同即将到期',
  payment_overdue: '回款逾期', order_volume_down: '订单量下降', purchase_overdue: '采购逾期',
  no_decision_maker: '未接触决策者', concentration: '客户集中度超红线', idle_deal: '商机停滞',
};

/** Chinese labels of the built-in actions, by action id (others show the rule's own label). */
export const zhAction: Record<string, string> = {
  review_account_plan: '与团队复盘客户计划', check_in: '安排一次回访电话',
  investigate_drop: '查明自上次评分以来的变化', start_renewal: '启动续约沟通',
  collect_payment: '联系财务催收逾期发票', review_orders: '与采购方复盘订单下降',
  reorder_call: '致电询问下一笔订单', reach_decision_maker: '安排与决策者会面',
  diversify: '制定分散收入来源的计划', advance_deal: '商定商机的下一步',
  exec_visit: '续约前安排高层拜访', renewal_rescue: '与客户团队进行续约风险评审',
  visit: '安排拜访：客户近期沉默', service_review: '就未结工单召开服务复盘会',
  send_survey: '收集反馈（NPS / CSAT 调研）', expansion_plan: '制定扩展销售方案',
};

/** Chinese reasons of the built-in next best actions, by rule id. */
export const zhRationale: Record<string, string> = {
  'exec-sponsor-before-renewal': '续约临近，而我方没有高层负责这段客户关系。',
  'renewal-at-risk': '续约临近，且客户健康度偏低。',
  'collect-overdue': '应收账款中逾期的比例较高。',
  'reach-decision-maker': '近期没有接触过决策者。',
  're-engage': '超过一个月没有任何跟进。',
  'service-review': '近期服务工单严重或数量较多。',
  'order-decline': '订单额较前一周期大幅下降。',
  'ask-feedback': '该客户没有满意度数据。',
  'expand': '客户健康，且订单在增长。',
};

/** Chinese reasons composed from the facts (the core writes its reasons in English). */
export const zhReason: Record<string, ZhReason> = {
  health_below_band: (f, n, v) => `${n} 的健康度得分为 ${v('score')}，低于阈值 ${v('threshold')}。`,
  health_dropped: (f, n, v) => `${n} 的健康度从 ${v('previous')} 降至 ${v('score')}，下降 ${v('drop')} 分（阈值 ${v('threshold')}）。`,
  renewal_due: (f, n, v) => `${n} 的合同将在 ${v('daysLeft')} 天后到期${f.health != null ? `；健康度 ${v('health')}` : ''}，未结工单 ${v('openTickets')} 个。`,
  payment_overdue: (f, n, v) => `${n} 有 ${v('invoices')} 张发票逾期超过 ${v('threshold')} 天（最长 ${v('maxDaysOverdue')} 天），未付 ${v('outstanding')}。`,
  order_volume_down: (f, n, v) => `${n} 最近 ${v('periodDays')} 天的订单额较前一周期下降 ${Math.abs(Number(f.changePercent))}%（阈值 ${v('threshold')}%）。`,
  purchase_overdue: (f, n, v) => `${n} 通常每 ${v('medianIntervalDays')} 天下单一次，但已 ${v('daysSinceLastOrder')} 天未下单。`,
  no_decision_maker: (f, n, v) => Number(f.decisionMakers) ? `${n} 的 ${v('decisionMakers')} 位决策者在最近 ${v('withinDays')} 天内均未接触。` : `${n} 没有登记为决策者或经济决策人的联系人。`,
  concentration: (f, n) => f.share != null ? `${n} 贡献了 ${Math.round(Number(f.share) * 100)}% 的收入，超过 ${Math.round(Number(f.threshold) * 100)}% 红线。` : `前五大客户贡献了 ${Math.round(Number(f.top5) * 100)}% 的收入，超过 ${Math.round(Number(f.threshold) * 100)}% 红线。`,
  idle_deal: (f, n, v) => `${n} 的商机${f.deal != null ? `“${f.deal}”已在 ${f.stage} 阶段` : '已在当前阶段'}停留 ${v('daysInStage')} 天（阈值 ${v('threshold')} 天）。`,
};
