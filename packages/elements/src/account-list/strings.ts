import { defineStrings, type Locale } from '../shared/i18n.js';

// English is bundled; the zh-CN table (strings.zh-CN.ts) is its own module, imported the
// first time an element renders in zh-CN.
const en = {
  gridLabel: 'Accounts',
  search: 'Search accounts',
  searchPlaceholder: 'Search by name, tag, domain…',
  filters: 'Filters',
  any: 'All', facetCount: ' ({count})', // after a filter option: how many accounts have it (full-width brackets in Chinese)
  clear: 'Clear filters',
  col_name: 'Account',
  col_region: 'Region',
  col_industry: 'Industry',
  col_tier: 'Tier',
  col_owner: 'Owner',
  col_health: 'Health',
  col_annualRevenue: 'Annual revenue',
  dim_band: 'Health band',
  band_red: 'Red',
  band_yellow: 'Yellow',
  band_green: 'Green',
  band_blue: 'Blue',
  band_none: 'No score',
  count: '{shown} of {total} accounts',
  countAll: '{total} accounts',
  selected: '{count} selected',
  loading: 'Loading accounts…',
  empty: 'No accounts yet.',
  noMatch: 'No accounts match these filters.',
  error: 'Could not show accounts: {message}',
  retry: 'Retry',
  sortHint: 'Sort by {label}',
  keysFailed: 'Selecting, sorting and filtering accounts is not available right now ({message}). Try again.',
  none: '—',
};
/** Every locale's table has exactly these keys (strings.zh-CN.ts is checked against it). */
export type En = typeof en;

export const t = defineStrings({ id: 'account-list', en, 'zh-CN': () => import('./strings.zh-CN.js') });

/** The built-in label of a column key (`col_name`) or a band (`band_red`), else the key itself. */
export function builtInLabel(locale: Locale, prefix: 'col_' | 'band_', key: string): string {
  const k = `${prefix}${key}` as 'col_name';
  const s = t(locale, k);
  return s === k ? key : s;
}
