import { defineStrings } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  mapLabel: 'Influence map of the buying committee',
  tableCaption: 'Buying committee as a table',
  showTable: 'Show as table', showMap: 'Show as map',
  legend: 'Legend:',
  decision_maker: 'Decision maker', economic_buyer: 'Economic buyer', influencer: 'Influencer',
  champion: 'Champion', user: 'User', blocker: 'Blocker', other: 'Other',
  name: 'Name', title: 'Title', role: 'Role', influence: 'Influence', relationship: 'Relationship',
  reportsTo: 'Reports to', lastEngaged: 'Last engaged',
  influenceValue: '{value} of 5', unknown: 'unknown',
  strength1: 'hostile or cold', strength2: 'weak', strength3: 'neutral', strength4: 'good', strength5: 'trusted advocate',
  sizeLegend: 'Larger circle: more influence',
  borderLegend: 'Border: dotted = cold, dashed = weak, solid = neutral, thicker = stronger relationship',
  nodeLabel: '{name}, {title}, {role}, influence {influence}, relationship {relationship}',
  coverage: 'Coverage',
  covered: 'Committee covered: decision maker reached, champion and economic buyer known, no blockers.',
  gap_no_decision_maker: 'No decision maker identified',
  gap_decision_maker_not_reached: 'Decision maker not reached in the last {days} days ({names})',
  gap_no_champion: 'No champion',
  gap_no_economic_buyer: 'No economic buyer',
  gap_blockers: 'Blockers present: {names}',
  empty: 'No contacts recorded for this account.',
  loading: 'Loading contacts…',
  gapCount: '{count} coverage gaps',
  gapCountOne: 'One coverage gap',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const t = defineStrings({ id: 'stakeholder-map', en, 'zh-CN': () => import('./strings.zh-CN.js') });
export type StakeholderKey = Parameters<typeof t>[1];
