// Simplified Chinese strings of <kam-funnel-chart>: loaded on demand by strings.ts, never up front.
import type { Translation } from '../shared/i18n.js';
import type { En } from './strings.js';

export default {
  title: '阶段转化', allStage: '逐级漏斗', anyStage: '任意阶段', mode: '漏斗口径',
  stage: '阶段', entered: '进入', advanced: '推进', stillIn: '仍在本阶段', rate: '转化率', fromStart: '占起点',
  won: '赢单', mark: '{stage}：进入 {entered}，推进 {advanced}，仍在本阶段 {still}，转化率 {rate}，占起点 {fromStart}',
} satisfies Translation<En>;
