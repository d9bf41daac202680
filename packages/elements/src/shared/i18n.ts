// The one localisation layer. English and Simplified Chinese ship; each element defines its
// strings next to itself with `defineStrings`, and numbers, money and dates go through Intl.
import type { Money } from '@kamkit/core';

export type Locale = 'en' | 'zh-CN';
export const supportedLocales: readonly Locale[] = ['en', 'zh-CN'];

/** Maps any BCP 47 tag to a shipped locale: zh, zh-Hans, zh-CN → zh-CN; everything else → en. */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag) return 'en';
  const t = tag.toLowerCase();
  if (t === 'zh' || t.startsWith('zh-cn') || t.startsWith('zh-hans') || t.startsWith('zh-sg')) return 'zh-CN';
  return 'en';
}

type Params = Record<string, string | number>;
export type Strings<Key extends string> = Record<Locale, Record<Key, string>>;

/**
 * Declares an element's strings; returns a translator. `{name}` placeholders are filled from
 * params, and are filled as text (never markup).
 */
export function defineStrings<Key extends string>(strings: { en: Record<Key, string>; 'zh-CN': Record<Key, string> }) {
  return (locale: Locale, key: Key, params?: Params): string => {
    const template = strings[locale]?.[key] ?? strings.en[key] ?? key;
    return params ? template.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m)) : template;
  };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = numberFormats.get(key);
  if (!f) { f = new Intl.NumberFormat(locale, options); numberFormats.set(key, f); }
  return f;
}

export function formatNumber(locale: Locale, n: number, options: Intl.NumberFormatOptions = {}): string {
  return Number.isFinite(n) ? nf(locale, options).format(n) : '—';
}

export function formatPercent(locale: Locale, ratio: number, digits = 0): string {
  return formatNumber(locale, ratio, { style: 'percent', maximumFractionDigits: digits });
}

/** Money in its own currency. A code Intl does not know is shown as "1,234 XYZ", never thrown. */
export function formatMoney(locale: Locale, money: Money | undefined, options: { compact?: boolean } = {}): string {
  if (!money || !Number.isFinite(money.amount)) return '—';
  const base: Intl.NumberFormatOptions = options.compact
    ? { notation: 'compact', maximumFractionDigits: 1 }
    : { maximumFractionDigits: 0 };
  try {
    return nf(locale, { ...base, style: 'currency', currency: money.currency, currencyDisplay: 'narrowSymbol' }).format(money.amount);
  } catch {
    return `${nf(locale, base).format(money.amount)} ${String(money.currency)}`;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function formatDate(locale: Locale, iso: string | undefined, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const key = locale + JSON.stringify(options);
  let f = dateFormats.get(key);
  if (!f) { f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }); dateFormats.set(key, f); }
  return f.format(d);
}

const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
/** One cached `Intl.RelativeTimeFormat` per locale (cards and timeline rows format often). */
export function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(locale);
  if (!f) { f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }); relativeFormats.set(locale, f); }
  return f;
}

/** "in 3 days" / "3 天后", "2 months ago" / "2 个月前", relative to `now`. */
export function formatRelative(locale: Locale, iso: string | undefined, now: Date): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const days = Math.round((t - now.getTime()) / 86_400_000);
  const rtf = relativeFormat(locale);
  if (Math.abs(days) < 45) return rtf.format(days, 'day');
  if (Math.abs(days) < 365) return rtf.format(Math.round(days / 30), 'month');
  return rtf.format(Math.round(days / 365), 'year');
}
