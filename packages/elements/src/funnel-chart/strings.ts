import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  title: 'Stage conversion', allStage: 'All-stage (fall-through)', anyStage: 'Any-stage', mode: 'Funnel mode',
  stage: 'Stage', entered: 'Entered', advanced: 'Advanced', stillIn: 'Still in stage', rate: 'Conversion', fromStart: 'From start',
  won: 'Won', mark: '{stage}: {entered} entered, {advanced} advanced, {still} still in stage, conversion {rate}, {fromStart} of the start',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const funnelT = defineStrings({ id: 'funnel-chart', en, 'zh-CN': () => import('./strings.zh-CN.js') });
