import { defineStrings, type Locale } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  label: 'Health {score} of 100, {band}',
  labelNoBand: 'Health {score} of 100',
  band_red: 'red',
  band_yellow: 'yellow',
  band_green: 'green',
  band_blue: 'blue',
  loading: 'Health loading',
  none: 'No health score',
  missingId: 'Health unavailable: no account id given',
  unknownId: 'Health unavailable: account {id} not found',
  failed: 'Health unavailable: {message}',
  overridden: ' (overridden)', // after the label, brackets and all (full-width in Chinese)
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const t = defineStrings({ id: 'health-badge', en, 'zh-CN': () => import('./strings.zh-CN.js') });

/** A band's word ("yellow" / "黄色"), for the badge and the explainer; a band without one (a model's own) shows its id. */
export function bandWord(locale: Locale, band: string): string {
  const key = `band_${band}` as 'band_red';
  const word = t(locale, key);
  return word === key ? band : word;
}
