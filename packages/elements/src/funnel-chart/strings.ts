import { defineStrings } from '../shared/i18n.js';

export const funnelT = defineStrings({
  en: {
    title: 'Stage conversion', allStage: 'All-stage (fall-through)', anyStage: 'Any-stage', mode: 'Funnel mode',
    stage: 'Stage', entered: 'Entered', advanced: 'Advanced', stillIn: 'Still in stage', rate: 'Conversion', fromStart: 'From start',
    won: 'Won', mark: '{stage}: {entered} entered, {advanced} advanced, {still} still in stage, conversion {rate}, {fromStart} of the start',
  },
  'zh-CN': {
    title: '阶段转化', allStage: '逐级漏斗', anyStage: '任意阶段', mode: '漏斗口径',
    stage: '阶段', entered: '进入', advanced: '推进', stillIn: '仍在本阶段', rate: '转化率', fromStart: '占起点',
    won: '赢单', mark: '{stage}:进入 {entered},推进 {advanced},仍在本阶段 {still},转化率 {rate},占起点 {fromStart}',
  },
});
