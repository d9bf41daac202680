// A deal's field shown as text: the value at a dotted path (`custom.budget`, `nextStep.text`),
// formatted for the locale. Used by <kam-stage-path>'s key fields and the board's card fields.
import { formatDate, formatMoney, formatNumber, formatPercent, type Locale } from './i18n.js';

// The value at a dotted path of a record (undefined where the path ends early): the store's own
// query helper, already in every page that has a store.
export { getPath } from '@kamkit/core';

/** A field's value as text: numbers, probabilities, dates, money, `{ text }` and lists; '—' for nothing. */
export function formatFieldValue(v: unknown, path: string, locale: Locale): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'number') return path.endsWith('probability') && v <= 1 ? formatPercent(locale, v) : formatNumber(locale, v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)) ? formatDate(locale, v) : v;
  if (Array.isArray(v)) return v.map((x) => formatFieldValue(x, path, locale)).join(', ');
  if (typeof v === 'object' && typeof (v as { amount?: unknown }).amount === 'number' && typeof (v as { currency?: unknown }).currency === 'string') {
    return formatMoney(locale, v as { amount: number; currency: string });
  }
  if (typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
  return '—';
}
