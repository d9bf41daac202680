// The English reasons' numbers, money, percentages and dates, as people write them ("CN¥329,000",
// "35%", "Apr 27, 2026", "1 invoice"): Intl with `en`, one formatter per kind built on first use.
// Elements localise from the facts (zh-CN composes its own sentence); these serve English
// wherever the core runs (a page, a nightly job's e-mail).
const cache: Record<string, Intl.NumberFormat> = {};
const nf = (o: Intl.NumberFormatOptions): Intl.NumberFormat => (cache[JSON.stringify(o)] ??= new Intl.NumberFormat('en', o));
let dates: Intl.DateTimeFormat | undefined;

/** A number, rounded to `digits` decimals (1,234.5). */
export const num = (n: number, digits = 1): string => nf({ maximumFractionDigits: digits }).format(n);

/** A quantity and its noun, singular when it reads one ("1 invoice", "3 invoices", "12.5 points"; 0.96 to one digit is "1 point"). */
export function count(n: number, noun: string, digits = 0): string {
  const s = num(n, digits);
  return `${s} ${noun}${s === '1' ? '' : 's'}`;
}

/** A ratio as a percent (0.35 → "35%"). */
export const pct = (ratio: number): string => nf({ style: 'percent', maximumFractionDigits: 1 }).format(ratio);

/** Money in whole units of its own currency; a code Intl does not know reads "1,234 XYZ". */
export function money(amount: number, currency: string): string {
  try {
    return nf({ style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${num(amount, 0)} ${currency}`;
  }
}

/** An ISO date or time as a calendar date in UTC ("Apr 27, 2026"); an unreadable one as given. */
export function date(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : (dates ??= new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })).format(t);
}
