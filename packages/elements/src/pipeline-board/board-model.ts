// The board's data: one column per stage (plus an "Unknown stage" column for deals whose stage is
// not in the pipeline), each with its deals in display order and running money totals.
// Incremental on purpose: a move or a store update touches two columns, never re-sorts 10,000
// deals, so one committed move stays well under half a frame.
import { MoneyAccumulator, fxRate, type FxTable, type MoneyTotal, type Opportunity, type Pipeline, type Stage } from '@kamkit/core';

export const UNKNOWN_COLUMN = '__unknown__';
/** Space between two cards (the cards' margin-bottom in the board's styles). */
export const GAP = 8;

/**
 * Why a deal's amount needs explaining. Negative and implausible amounts are counted as entered,
 * as the core's pipeline analytics count them (so a column total equals the analytics' stage
 * total); an amount that is not a finite number is left out, as the core leaves it out.
 */
export type AmountFlag = 'negative' | 'implausible' | 'invalid';

/** Per-currency running sums that can be added to and taken from. */
export class CurrencySums {
  private readonly sums = new Map<string, { amount: number; count: number }>();
  #cached?: MoneyTotal;

  add(currency: string, amount: number): void {
    const s = this.sums.get(currency);
    if (s) { s.amount += amount; s.count++; } else this.sums.set(currency, { amount, count: 1 });
    this.#cached = undefined;
  }

  remove(currency: string, amount: number): void {
    const s = this.sums.get(currency);
    if (!s) return;
    s.count--;
    s.amount -= amount;
    if (s.count <= 0) this.sums.delete(currency);
    this.#cached = undefined;
  }

  /** A fresh copy with `extra` amounts added (summed anew: a huge amount never erodes the others through add and remove). */
  plus(extra: Iterable<readonly [string, number]>): CurrencySums {
    const s = new CurrencySums();
    for (const [c, v] of this.sums) s.sums.set(c, { ...v });
    for (const [c, a] of extra) s.add(c, a);
    return s;
  }

  /** The total in `currency`; amounts with no rate are listed as excluded with a reason, never summed (the core's MoneyAccumulator converts). */
  total(currency: string, fx: FxTable | undefined, asOf: string | undefined): MoneyTotal {
    if (this.#cached) return this.#cached;
    const acc = new MoneyAccumulator(currency, fx, asOf);
    for (const [cur, s] of this.sums) acc.addSum(cur, s.amount, s.count);
    return (this.#cached = acc.total());
  }
}

/** Where a column's cards sit when some have their own measured height (cards with a notice); else only the total. */
export interface Layout {
  offsets?: Float64Array;
  heights?: Float64Array;
  total: number;
}

export interface BoardColumn {
  /** The stage id, or UNKNOWN_COLUMN. */
  key: string;
  stage?: Stage;
  /** Deals in display order. */
  items: Opportunity[];
  total: CurrencySums;
  weighted: CurrencySums;
  /** Deals whose amount is flagged (see AmountFlag). They stay out of the running sums and are added afresh by `totals()`. */
  flagged: number;
  odd: Map<string, Opportunity>;
  oddCache?: { base: MoneyTotal; baseW: MoneyTotal; out: { total: MoneyTotal; weighted: MoneyTotal } };
  /** For the unknown column: the stage ids that are not in the pipeline. */
  missingStageIds?: Set<string>;
}

export interface BoardModelOptions {
  currency: string;
  fx?: FxTable;
  /** FX snapshot date (ISO); defaults to the table's latest. */
  asOf?: string;
  /** Amounts above this (in the reporting currency, or raw when there is no rate) are flagged. */
  maxPlausibleAmount: number;
}

/** A column with no deals (the unknown one with no missing stage ids yet). */
function emptyColumn(key: string, stage?: Stage): BoardColumn {
  return {
    key, stage, items: [], total: new CurrencySums(), weighted: new CurrencySums(), flagged: 0, odd: new Map(), oddCache: undefined,
    missingStageIds: stage ? undefined : new Set(),
  };
}

/** Display order within a column: close date, then name, then id (stable and cheap: ISO strings compare as text). */
export function compareDeals(a: Opportunity, b: Opportunity): number {
  if (a.closeDate !== b.closeDate) return a.closeDate < b.closeDate ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class BoardModel {
  readonly stages: Stage[];
  readonly columns: BoardColumn[] = [];
  readonly #byKey = new Map<string, BoardColumn>();
  /** The record each deal was added with (what its totals contributions were computed from). */
  private readonly records = new Map<string, Opportunity>();
  private readonly unknown: BoardColumn;

  constructor(readonly pipeline: Pipeline, readonly options: BoardModelOptions) {
    this.stages = [...pipeline.stages].sort((a, b) => a.order - b.order);
    for (const stage of this.stages) {
      const col = emptyColumn(stage.id, stage);
      this.columns.push(col);
      this.#byKey.set(stage.id, col);
    }
    this.unknown = emptyColumn(UNKNOWN_COLUMN);
  }

  /** Columns to show: the stages, plus the unknown-stage column when it holds deals. */
  get visibleColumns(): BoardColumn[] {
    return this.unknown.items.length ? [...this.columns, this.unknown] : this.columns;
  }

  get size(): number {
    return this.records.size;
  }

  column(key: string): BoardColumn | undefined {
    return key === UNKNOWN_COLUMN ? this.unknown : this.#byKey.get(key);
  }

  columnOf(id: string): BoardColumn | undefined {
    const opp = this.records.get(id);
    return opp ? this.#byKey.get(opp.stageId) ?? this.unknown : undefined;
  }

  get(id: string): Opportunity | undefined {
    return this.records.get(id);
  }

  /** Fills the board from scratch (one sort per column); with `pipelineId`, other pipelines' deals are skipped. */
  reset(deals: Iterable<Opportunity>, pipelineId?: string): void {
    for (const col of [...this.columns, this.unknown]) Object.assign(col, emptyColumn(col.key, col.stage));
    this.records.clear();
    for (const opp of deals) {
      if (pipelineId !== undefined && opp.pipelineId !== pipelineId) continue;
      if (this.records.has(opp.id)) continue; // a duplicate id: first one wins, as in the store
      const col = this.#byKey.get(opp.stageId) ?? this.unknown;
      col.items.push(opp);
      this.#track(col, opp);
    }
    for (const col of this.columns) col.items.sort(compareDeals);
    this.unknown.items.sort(compareDeals);
  }

  /**
   * Adds or replaces one deal. `index` places it at a chosen position in its column (a drop);
   * without it the deal goes to its sorted place, unless it stays in its column with the same sort
   * key (a write confirmed, an amount edited): then it keeps the place it was dropped at.
   */
  upsert(opp: Opportunity, index?: number): void {
    const old = this.records.get(opp.id);
    if (index === undefined && old?.stageId === opp.stageId && !compareDeals(old, opp)) index = this.indexOf(opp.id);
    this.remove(opp.id);
    const col = this.#byKey.get(opp.stageId) ?? this.unknown;
    const at = index === undefined ? this.#sortedIndex(col.items, opp) : Math.max(0, Math.min(index, col.items.length));
    col.items.splice(at, 0, opp);
    this.#track(col, opp);
  }

  remove(id: string): void {
    const col = this.columnOf(id);
    const old = this.records.get(id);
    if (!col || !old) return;
    const i = col.items.findIndex((o) => o.id === id);
    if (i >= 0) col.items.splice(i, 1);
    this.#untrack(col, old);
    if (col === this.unknown) {
      this.unknown.missingStageIds = new Set(this.unknown.items.map((o) => o.stageId));
    }
  }

  indexOf(id: string): number {
    const col = this.columnOf(id);
    return col ? col.items.findIndex((o) => o.id === id) : -1;
  }

  private readonly rates = new Map<string, number | undefined>();

  /** Units of the reporting currency per unit of `currency`, or undefined without a rate (cached). */
  rate(currency: string): number | undefined {
    if (currency === this.options.currency) return 1;
    if (this.rates.has(currency)) return this.rates.get(currency);
    const r = this.options.fx ? fxRate(this.options.fx, currency, this.options.currency, this.options.asOf) : undefined;
    this.rates.set(currency, r);
    return r;
  }

  /** Why an amount needs explaining, if it does. */
  amountFlag(opp: Opportunity): AmountFlag | undefined {
    const { amount, currency } = opp.amount;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) return 'invalid';
    if (amount < 0) return 'negative';
    if (amount * (this.rate(currency) ?? 1) > this.options.maxPlausibleAmount) return 'implausible';
    return undefined;
  }

  /** The column's total and weighted value: the running sums plus its flagged deals (but not invalid amounts), summed afresh. */
  totals(col: BoardColumn, currency: string, fx: FxTable | undefined): { total: MoneyTotal; weighted: MoneyTotal } {
    const total = col.total.total(currency, fx, this.options.asOf), weighted = col.weighted.total(currency, fx, this.options.asOf);
    if (!col.odd.size) return { total, weighted };
    if (col.oddCache?.base === total && col.oddCache.baseW === weighted) return col.oddCache.out;
    const counted = [...col.odd.values()].filter((o) => this.amountFlag(o) !== 'invalid');
    const out = {
      total: col.total.plus(counted.map((o) => [o.amount.currency, o.amount.amount] as const)).total(currency, fx, this.options.asOf),
      weighted: col.weighted.plus(counted.map((o) => [o.amount.currency, o.amount.amount * this.probability(o, col.stage)] as const)).total(currency, fx, this.options.asOf),
    };
    col.oddCache = { base: total, baseW: weighted, out };
    return out;
  }

  /** True when the deal's currency cannot be converted to the reporting currency. */
  lacksRate(opp: Opportunity): boolean {
    return this.rate(opp.amount.currency) === undefined;
  }

  /** The deal's win probability: its own, else its stage's. */
  probability(opp: Opportunity, stage: Stage | undefined): number {
    return opp.probability ?? stage?.probability ?? 0;
  }

  #sortedIndex(items: Opportunity[], opp: Opportunity): number {
    let lo = 0, hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareDeals(items[mid], opp) <= 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  #track(col: BoardColumn, opp: Opportunity): void {
    this.records.set(opp.id, opp);
    if (col === this.unknown) this.unknown.missingStageIds!.add(opp.stageId);
    if (this.amountFlag(opp)) { col.flagged++; col.odd.set(opp.id, opp); col.oddCache = undefined; return; }
    col.total.add(opp.amount.currency, opp.amount.amount);
    col.weighted.add(opp.amount.currency, opp.amount.amount * this.probability(opp, col.stage));
  }

  #untrack(col: BoardColumn, opp: Opportunity): void {
    this.records.delete(opp.id);
    if (this.amountFlag(opp)) { col.flagged--; col.odd.delete(opp.id); col.oddCache = undefined; return; }
    col.total.remove(opp.amount.currency, opp.amount.amount);
    col.weighted.remove(opp.amount.currency, opp.amount.amount * this.probability(opp, col.stage));
  }
}

/**
 * When the deal entered its current stage: its latest history entry for that stage; with no
 * history at all, its creation. (The same rule as the core's pipeline analytics, so the board's
 * idle cards are the analytics' idle deals.)
 */
export function enteredStageAt(opp: Opportunity): string | undefined {
  const h = opp.stageHistory ?? [];
  for (let i = h.length - 1; i >= 0; i--) {
    if (h[i].stageId === opp.stageId) return h[i].enteredAt;
  }
  return h.length ? undefined : opp.createdAt;
}

/** Days (fractional) since the deal entered its stage, or undefined when unknown. */
export function daysInStage(opp: Opportunity, now: Date): number | undefined {
  const at = enteredStageAt(opp);
  if (!at) return undefined;
  const t = Date.parse(at);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, (now.getTime() - t) / 86_400_000);
}

export type NextStepStatus = 'none' | 'due' | 'overdue' | 'done';

/** none: no next step written; done: ticked; overdue: due date before today; due: open. */
export function nextStepStatus(opp: Opportunity, now: Date): NextStepStatus {
  const n = opp.nextStep;
  if (!n || !n.text?.trim()) return 'none';
  if (n.done) return 'done';
  if (n.dueDate && n.dueDate.slice(0, 10) < now.toISOString().slice(0, 10)) return 'overdue';
  return 'due';
}
