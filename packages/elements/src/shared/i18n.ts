// The one localisation layer. English and Simplified Chinese ship; each element defines its
// strings next to itself with `defineStrings`, and numbers, money and dates go through Intl.
// English is bundled; each element's zh-CN table is its own module, imported on first use
// (CJK text is 3 bytes a character and compresses poorly: a page in English never loads it).
import type { Money } from '@kamkit/core';
import { errorMessage } from './errors.js';

export type Locale = 'en' | 'zh-CN';
export const supportedLocales: readonly Locale[] = ['en', 'zh-CN'];

/** Maps any BCP 47 tag to a shipped locale: zh, zh-Hans, zh-CN → zh-CN; everything else → en. */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag) return 'en';
  return /^zh(-(cn|hans|sg)|$)/i.test(tag) ? 'zh-CN' : 'en';
}

type Params = Record<string, string | number>;
/** A Chinese character (CJK ideographs: what a Chinese name or sentence is written in). */
const cjk = (c: string | undefined) => !!c && /[\u3400-\u9fff\uf900-\ufaff]/.test(c);

export type Strings<Key extends string> = Record<Locale, Record<Key, string>>;

/**
 * A locale's table for an element, checked against its English one: exactly the same keys, each
 * a string. Write `export default { … } satisfies Translation<En>`: a missing or an extra key is
 * then a type error in the locale's own file.
 */
export type Translation<En> = { readonly [K in keyof En]: string };

/** A table loaded on demand: `() => import('./strings.zh-CN.js')` (its own chunk, fetched only when needed). */
export type TableLoader<En> = () => Promise<{ default: Translation<En> }>;

export interface StringsDefinition<En extends Record<string, string>> {
  /** Names the table in the warning shown when a lazy table cannot be loaded. */
  id?: string;
  /** Always bundled: rendered at once, and the fallback for every other locale. */
  en: En;
  /** The table itself, or a loader that imports its module on first use (its keys come from `en` alone). */
  'zh-CN': Translation<NoInfer<En>> | TableLoader<NoInfer<En>>;
}

export interface Translator<Key extends string> {
  (locale: Locale, key: Key, params?: Params): string;
  /** Loads the locale's table (once; later calls share the promise). Never rejects: a failed load warns and keeps English. */
  load(locale: Locale): Promise<void>;
  /** Whether `locale` renders without waiting (its table is here, or failed for good and English is used). */
  ready(locale: Locale): boolean;
}

// Lazy tables render English until they arrive. An element's update runs inside
// `updateWithTables`, so the element learns which loads it fell back on, waits for them and
// re-renders (KamElement does this, and holds `updateComplete` until then).
let tracking: Set<Promise<void>> | undefined;
const loaders = new Set<(locale: Locale) => Promise<void>>();

/**
 * Runs an element's update; if it rendered English for tables still on their way, `whenLoaded`
 * gets the promise of their arrival (the element renders again then). Elements call this from
 * `performUpdate` (KamElement does, for every element built on it).
 */
export function updateWithTables(update: () => void, whenLoaded: (loads: Promise<unknown>) => void): void {
  const outer = tracking;
  const loads = new Set<Promise<void>>();
  tracking = loads;
  try {
    update();
  } finally {
    tracking = outer;
    if (loads.size) whenLoaded(Promise.all(loads));
  }
}

/**
 * Loads the `locale` tables of every element imported so far. Optional: elements load their own
 * tables when they first render in a locale; a page that knows its language can await this
 * before it renders to skip the English first paint.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  await Promise.all([...loaders].map((load) => load(locale)));
}

/**
 * Declares an element's strings; returns a translator. `{name}` placeholders are filled from
 * params, and are filled as text (never markup). English is bundled; a locale given as a loader
 * is fetched on its first use and shows English until it arrives (or for good, if it fails).
 */
export function defineStrings<En extends Record<string, string>>(strings: StringsDefinition<En>): Translator<Extract<keyof En, string>> {
  type Key = Extract<keyof En, string>;
  const tables = new Map<Locale, Readonly<Record<Key, string>>>([['en', strings.en]]);
  const pending = new Map<Locale, Promise<void>>();
  const zh = strings['zh-CN'];
  if (typeof zh !== 'function') tables.set('zh-CN', zh);

  const load = (locale: Locale): Promise<void> => {
    if (tables.has(locale) || typeof zh !== 'function') return Promise.resolve();
    let p = pending.get(locale);
    if (!p) {
      p = zh().then((m) => { tables.set(locale, m.default); }, (err: unknown) => {
        tables.set(locale, strings.en); // for good: one warning, no retry on every render
        console.warn(`KAM Kit: the ${locale} strings${strings.id ? ` of ${strings.id}` : ''} could not be loaded; English is shown instead. ${errorMessage(err)}`);
      });
      pending.set(locale, p);
    }
    return p;
  };
  loaders.add(load);

  const t = (locale: Locale, key: Key, params?: Params): string => {
    let table = tables.get(locale);
    if (!table) {
      tracking?.add(load(locale));
      table = strings.en;
    }
    const template = table[key] ?? strings.en[key] ?? key;
    // A Chinese table sets a value off by spaces ("移至 {stage}") for Latin words and digits; a
    // Chinese value meets Chinese text without them ("移至需求分析", "移至 Proposal").
    const zh = table !== strings.en;
    return params ? template.replace(/( ?)\{(\w+)\}( ?)/g, (m, before: string, p: string, after: string, at: number) => {
      const v = String(params[p]);
      return p in params ? (zh && cjk(template[at - 1]) && cjk(v[0]) ? '' : before) + v + (zh && cjk(v.at(-1)) && cjk(template[at + m.length]) ? '' : after) : m;
    }) : template;
  };
  return Object.assign(t, { load, ready: (locale: Locale) => tables.has(locale) });
}

// Intl formatters are costly to build and formatted often (every cell, card and row): one of each
// kind, locale and options, built on first use.
const formats = new Map<string, unknown>();
function cached<F>(key: string, make: () => F): F {
  let f = formats.get(key) as F | undefined;
  if (!f) formats.set(key, f = make());
  return f;
}

function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(`n${locale}${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** A run-on list in the locale's way: "a, b" in English, "a、b" in Chinese. */
export const joinList = (locale: Locale, items: string[]): string => items.join(locale === 'zh-CN' ? '、' : ', ');

/** A number for the locale; a missing (undefined, null) or non-finite one is '—'. */
export function formatNumber(locale: Locale, n: number | null | undefined, options: Intl.NumberFormatOptions = {}): string {
  return Number.isFinite(n) ? nf(locale, options).format(n!) : '—';
}

/** A ratio as a percent (0.25 → 25%); a missing one is '—'. */
export function formatPercent(locale: Locale, ratio: number | null | undefined, digits = 0): string {
  return formatNumber(locale, ratio, { style: 'percent', maximumFractionDigits: digits });
}

/**
 * Money in its own currency, with Intl's locale-aware symbol: English reads CN¥ / HK$ / $ / ¥ (JPY),
 * Chinese ¥ (CNY) / HK$ / US$ / JP¥ (narrow symbols made USD and HKD both "$", CNY and JPY both
 * "¥"; the core's English sentences use the same symbols). A code Intl does not know is shown as
 * "1,234 XYZ", never thrown.
 */
export function formatMoney(locale: Locale, money: Money | undefined, options: { compact?: boolean } = {}): string {
  if (!money || !Number.isFinite(money.amount)) return '—';
  const base: Intl.NumberFormatOptions = options.compact
    ? { notation: 'compact', maximumFractionDigits: 1 }
    : { maximumFractionDigits: 0 };
  try {
    return nf(locale, { ...base, style: 'currency', currency: money.currency }).format(money.amount);
  } catch {
    return `${nf(locale, base).format(money.amount)} ${String(money.currency)}`;
  }
}

export function formatDate(locale: Locale, iso: string | undefined, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return cached(`d${locale}${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options })).format(d);
}

/**
 * A relative time from one cached `Intl.RelativeTimeFormat` per locale (cards and timeline rows
 * format often), with a space between a number and Chinese: Intl's "14天前" reads "14 天前", as
 * every table writes "{count} 个" (a digit before any non-ASCII character gets the space).
 */
export function relativeFormat(locale: Locale): (n: number, unit: Intl.RelativeTimeFormatUnit) => string {
  const f = cached(`r${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  return (n, unit) => f.format(n, unit).replace(/\d(?=[^ -~])/g, '$& ');
}

/** "in 3 days" / "3 天后", "2 months ago" / "2 个月前", relative to `now`. */
export function formatRelative(locale: Locale, iso: string | undefined, now: Date): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const days = Math.round((t - now.getTime()) / 86_400_000);
  const rtf = relativeFormat(locale);
  if (Math.abs(days) < 45) return rtf(days, 'day');
  if (Math.abs(days) < 365) return rtf(Math.round(days / 30), 'month');
  return rtf(Math.round(days / 365), 'year');
}
