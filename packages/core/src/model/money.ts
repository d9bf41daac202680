// Money and FX. Conversion uses a named, dated rate table; every total keeps its per-currency
// breakdown, and an amount in a currency with no rate is excluded with a reason, never summed.
import type { Money } from './schemas.js';
import type { FxSnapshot, FxTable } from './fx.js';
import { KamError } from '../errors.js';

// The FX schemas live in a module of their own: a page that converts money never validates an FX
// table, so it loads none of their zod code.
export { FxSnapshot, FxTable } from './fx.js';

export class KamFxError extends KamError {
  constructor(message: string) {
    super('fx_missing', message);
    this.name = 'KamFxError';
  }
}

/** The snapshot in force on `asOf` (the latest dated on or before it; else the earliest). */
export function snapshotOn(table: FxTable, asOf?: string): FxSnapshot {
  const sorted = [...table.snapshots].sort((a, b) => a.date.localeCompare(b.date));
  if (!asOf) return sorted[sorted.length - 1];
  let pick = sorted[0];
  for (const s of sorted) if (s.date.slice(0, 10) <= asOf.slice(0, 10)) pick = s;
  return pick;
}

/** Units of snapshot base per one unit of `currency`, or undefined when the table lacks it. */
function toBase(s: FxSnapshot, currency: string): number | undefined {
  if (currency === s.base) return 1;
  return s.rates[currency];
}

/** The rate that converts one unit of `from` into `to`, or undefined. */
export function fxRate(table: FxTable, from: string, to: string, asOf?: string): number | undefined {
  if (from === to) return 1;
  const s = snapshotOn(table, asOf);
  const a = toBase(s, from);
  const b = toBase(s, to);
  if (a === undefined || b === undefined) return undefined;
  return a / b;
}

/** Converts money; throws KamFxError naming the table, date and currency when no rate exists. */
export function convert(money: Money, to: string, table: FxTable, asOf?: string): Money {
  const r = fxRate(table, money.currency, to, asOf);
  if (r === undefined) {
    const s = snapshotOn(table, asOf);
    throw new KamFxError(`FX table "${table.name}" (${s.date}) has no rate from ${money.currency} to ${to}`);
  }
  return { amount: money.amount * r, currency: to };
}

/** A converted total that keeps where it came from. */
export interface MoneyTotal {
  /** Sum in the reporting currency of every amount that had a rate. */
  amount: number;
  currency: string;
  /** Per original currency: the original sum and its converted value. */
  breakdown: Record<string, { amount: number; converted: number; count: number }>;
  /** Amounts left out because the table has no rate for their currency. */
  excluded: Array<{ currency: string; amount: number; count: number; reason: string }>;
  /** Which table and snapshot date did the conversion. */
  fx: { table: string; date: string } | null;
}

/** Accumulates amounts in many currencies into one reporting-currency total with breakdown. */
export class MoneyAccumulator {
  private readonly sums = new Map<string, { amount: number; count: number }>();
  constructor(readonly currency: string, readonly table?: FxTable, readonly asOf?: string) {}

  add(money: Money | undefined, factor = 1): void {
    if (!money || !Number.isFinite(money.amount) || !Number.isFinite(factor)) return;
    const cur = this.sums.get(money.currency);
    if (cur) { cur.amount += money.amount * factor; cur.count++; }
    else this.sums.set(money.currency, { amount: money.amount * factor, count: 1 });
  }

  /**
   * Adds `count` amounts already summed elsewhere in `currency` (the same figures `count` calls
   * of add would have left), so a hot loop can sum per currency in typed arrays and convert once.
   */
  addSum(currency: string, amount: number, count: number): void {
    if (!(count > 0)) return;
    const cur = this.sums.get(currency);
    if (cur) { cur.amount += amount; cur.count += count; }
    else this.sums.set(currency, { amount, count });
  }

  total(): MoneyTotal {
    const breakdown: MoneyTotal['breakdown'] = {};
    const excluded: MoneyTotal['excluded'] = [];
    let amount = 0;
    const snap = this.table ? snapshotOn(this.table, this.asOf) : undefined;
    for (const [currency, s] of this.sums) {
      const rate = currency === this.currency ? 1 : this.table ? fxRate(this.table, currency, this.currency, this.asOf) : undefined;
      if (rate === undefined) {
        excluded.push({
          currency, amount: s.amount, count: s.count,
          reason: this.table
            ? `no ${currency}→${this.currency} rate in FX table “${this.table.name}” (${snap!.date})`
            : `no FX table given to convert ${currency} to ${this.currency}`,
        });
        continue;
      }
      const converted = s.amount * rate;
      breakdown[currency] = { amount: s.amount, converted, count: s.count };
      amount += converted;
    }
    return { amount, currency: this.currency, breakdown, excluded, fx: this.table && snap ? { table: this.table.name, date: snap.date } : null };
  }
}

/** Sums amounts into the reporting currency, keeping the breakdown and the excluded part. */
export function sumMoney(items: Iterable<Money | undefined>, currency: string, table?: FxTable, asOf?: string): MoneyTotal {
  const acc = new MoneyAccumulator(currency, table, asOf);
  for (const m of items) acc.add(m);
  return acc.total();
}
