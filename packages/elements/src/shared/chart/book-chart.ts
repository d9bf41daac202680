// The base of the portfolio charts (Pareto, concentration, retention): in store mode the core
// result is computed over the slice of the book, and the orders it reads are checked once for odd
// amounts (negative, implausibly large) so the chart can explain them beside the figures.
import type { PropertyDeclarations } from 'lit';
import type { MoneyTotal } from '@kamkit/core';
import type { BookSource } from '@kamkit/core/analytics';
import type { KamStore } from '../context.js';
import { KamChart } from './chart-base.js';
import { orderQuality, orderQualityNotes, type OrderQuality } from './order-quality.js';
import { accountSlice } from './slice.js';

type BookTotal = { currency: string; excluded?: MoneyTotal['excluded'] };

export abstract class KamBookChart<D> extends KamChart<D> {
  static override properties: PropertyDeclarations = { quality: { attribute: false } };

  /** Negative and implausibly large orders behind the figures; computed in store mode, may be set with `.data`. */
  declare quality?: OrderQuality;
  private computedQuality?: OrderQuality;

  /** Store mode: the core result over `src` (the book, or the slice of it). */
  protected abstract analyse(src: BookSource, store: KamStore, now: number): D;

  /** The orders' window [from, to) the result reads (UTC ms); default: the year up to now, abcTiers' and concentration's. */
  protected ordersWindow(now: number): [number, number] { return [now - 365 * 86_400_000, now + 1]; }

  protected compute(store: KamStore): D {
    const src = accountSlice(store, this.slice);
    const now = this.now().getTime();
    this.computedQuality = orderQuality(src, ...this.ordersWindow(now));
    return this.analyse(src, store, now);
  }

  /**
   * Notes for the total's amounts left out (no FX rate) and for the odd orders behind it: the
   * result's `total` (abcTiers, concentration), else the result's own currency and exclusions (retention).
   */
  protected override notes(d: D): string[] {
    const r = d as unknown as BookTotal & { total?: BookTotal };
    const total = r.total ?? r;
    const q = this.quality ?? (this.data === undefined ? this.computedQuality : undefined);
    return [...this.excludedNotes(total), ...orderQualityNotes(this.resolvedLocale, q, total.currency)];
  }
}
