import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { pipelineAnalytics, retention, sliceFilter, type PipelineAnalytics, type Retention, type Slice } from '@kamkit/core/analytics';
import type { MoneyTotal } from '@kamkit/core';
import { KamElement } from '../shared/kam-element.js';
import { errorMessage } from '../shared/errors.js';
import { liveRole } from '../shared/state-message.js';
import { emit } from '../shared/events.js';
import { formatMoney, formatNumber, formatPercent, type Locale } from '../shared/i18n.js';
import { dealQuality } from '../shared/chart/pipeline-chart.js';
import { amountNotes, excludedNotes, periodStartBack } from '../shared/chart/order-quality.js';
import { accountSlice } from '../shared/chart/slice.js';
import { chartT } from '../shared/chart/strings.js';
import type { KamStore } from '../shared/context.js';
import { kpiT } from './strings.js';
import { styles } from './kam-kpi-tile.styles.js';

export type KpiKind = 'win-rate' | 'cycle-length' | 'avg-deal-size' | 'renewal-rate';
export type KpiPeriod = 'month' | 'quarter' | 'year';

/** A KPI figure for this period and the previous one. */
export interface KpiData {
  value: number | undefined;
  previous: number | undefined;
  currency?: string;
  /** This period's amounts left out for lack of an FX rate (the average deal size), shown with the reason. */
  excluded?: MoneyTotal['excluded'];
  /** This period's won deals with a negative / implausibly large amount (counted as entered, as the core does). */
  negative?: number;
  absurd?: number;
}

/** The KPI's figure read from a core analytics result (pipelineAnalytics for the pipeline kinds, retention for the renewal rate). */
export function kpiValue(kind: KpiKind, result: PipelineAnalytics | Retention): number | undefined {
  if (kind === 'renewal-rate') return (result as Retention).renewal.rate;
  const a = result as PipelineAnalytics;
  if (kind === 'win-rate') return a.winRate.rate;
  if (kind === 'cycle-length') return a.salesCycle.median;
  // Won value in the reporting currency over the won deals it converted (excluded currencies are left out of both).
  const converted = Object.values(a.winRate.wonValue.breakdown).reduce((n, b) => n + b.count, 0);
  return converted ? a.winRate.wonValue.amount / converted : undefined;
}

/** Start of the calendar period holding `ms` (UTC), and of the one before it. */
export function periodWindows(ms: number, period: KpiPeriod): { current: [number, number]; previous: [number, number] } {
  const start = periodStartBack(ms, period, 0);
  return { current: [start, ms], previous: [periodStartBack(ms, period, 1), start] };
}

/**
 * The KPIs of `kinds` for the period holding `now` and the one before (store mode of the tile, and
 * the dashboard's row of tiles): the pipeline kinds from one `pipelineAnalytics()` per period, the
 * renewal rate from `retention()` over the slice's accounts.
 */
export function kpiFigures(
  store: KamStore, kinds: readonly KpiKind[],
  o: { now: number; currency: string; period: KpiPeriod; pipelineId?: string; slice?: Slice },
): Partial<Record<KpiKind, KpiData>> {
  const out: Partial<Record<KpiKind, KpiData>> = {};
  const { now, currency, period } = o;
  if (kinds.some((k) => k !== 'renewal-rate')) {
    const w = periodWindows(now, period);
    const analyse = (from: number, to: number) => pipelineAnalytics(store, { now, currency, fx: store.fx, pipelineId: o.pipelineId, slice: o.slice, from, to });
    // `to` is exclusive: the current period runs up to and including now, the previous one ends where it starts.
    const cur = analyse(w.current[0], w.current[1] + 1), prev = analyse(...w.previous);
    for (const k of kinds) if (k !== 'renewal-rate') out[k] = { value: kpiValue(k, cur), previous: kpiValue(k, prev), currency };
    if (out['avg-deal-size']) Object.assign(out['avg-deal-size'], avgDealSizeNotes(store, cur, w.current, o.slice));
  }
  if (kinds.includes('renewal-rate')) {
    const book = accountSlice(store, o.slice);
    const base = { now, currency, fx: store.fx, period, periods: 1 };
    out['renewal-rate'] = { value: kpiValue('renewal-rate', retention(book, { ...base, includeCurrent: true })), previous: kpiValue('renewal-rate', retention(book, base)) };
  }
  return out;
}

/**
 * One KPI with its change against the previous period: win rate, median sales-cycle length,
 * average won deal size (from `pipelineAnalytics()` over each period's close dates) or
 * renewal rate (from `retention()`). The change is shown by an arrow and words, not by colour alone.
 *
 * @summary A KPI tile with the change against the previous period.
 * @csspart tile - the tile
 * @csspart label - the KPI's name
 * @csspart value - the figure
 * @csspart change - the change against the previous period
 * @csspart note - why the figure may be missing or look odd (no FX rate, negative or implausible amounts)
 * @csspart retry - the Retry button on a store that failed to load (also part `button`, as on the charts)
 * @csspart state - the "Place `<kam-kpi-tile>` inside `<kam-provider>`" message, when it has no store
 * @fires kam-retry - when Retry is pressed on a store that failed (the provider loads again); detail `{ source }`
 */
export class KamKpiTile extends KamElement {
  static override styles = styles;

  // The reactive properties as one table (as the chart base): a decorator on each is a call apiece in the bundle.
  static override properties: PropertyDeclarations = {
    kind: { reflect: true }, data: { attribute: false }, period: {}, pipelineId: { attribute: 'pipeline-id' },
    slice: { attribute: false }, currency: {}, loading: { type: Boolean }, error: { attribute: false },
  };

  /** Which KPI. */
  kind: KpiKind = 'win-rate';
  /** The figures (else computed from the store). */
  declare data?: KpiData;
  /** Store mode: the period compared with the one before. */
  period: KpiPeriod = 'quarter';
  declare pipelineId?: string;
  declare slice?: import('@kamkit/core/analytics').Slice;
  declare currency?: string;
  loading = false;
  declare error?: Error | string;

  protected override awaitsStore(): boolean {
    return !this.data && !this.loading && !this.error;
  }

  private resolve(): { state: 'ok'; data: KpiData } | { state: 'loading' } | { state: 'error'; message: string; retry?: boolean } {
    if (this.error) return { state: 'error', message: errorMessage(this.error) };
    if (this.loading) return { state: 'loading' };
    if (this.data) return { state: 'ok', data: this.data };
    const store = this.store;
    if (!store) return { state: 'ok', data: { value: undefined, previous: undefined } };
    if (store.status === 'loading' || store.status === 'empty') return { state: 'loading' };
    if (store.status === 'error') return { state: 'error', message: store.error?.message ?? 'the store failed to load', retry: true };
    try {
      const o = { now: this.now().getTime(), currency: this.currency ?? this.reportingCurrency, period: this.period, pipelineId: this.pipelineId, slice: this.slice };
      return { state: 'ok', data: kpiFigures(store, [this.kind], o)[this.kind]! };
    } catch (err) {
      return { state: 'error', message: errorMessage(err) };
    }
  }

  /** Why the figure may be missing or look wrong: excluded currencies, negative or absurd amounts. */
  private notes(l: Locale, d: KpiData): string[] {
    const currency = d.currency ?? this.reportingCurrency;
    return [...excludedNotes(l, { currency, excluded: d.excluded }), ...amountNotes(l, d, currency, 'deals')];
  }

  private fmt(l: Locale, v: number, currency: string): string {
    if (this.kind === 'cycle-length') return kpiT(l, 'days', { n: formatNumber(l, v, { maximumFractionDigits: 0 }) });
    if (this.kind === 'avg-deal-size') return formatMoney(l, { amount: v, currency }, { compact: true });
    return formatPercent(l, v, 0);
  }

  private delta(l: Locale, d: number, currency: string): string {
    const a = Math.abs(d);
    if (this.kind === 'win-rate' || this.kind === 'renewal-rate') return kpiT(l, 'pts', { n: formatNumber(l, a * 100, { maximumFractionDigits: 1 }) });
    return this.fmt(l, a, currency);
  }

  protected override render(): TemplateResult {
    const l = this.resolvedLocale;
    const s = this.resolve();
    const label = kpiT(l, this.kind);
    let body: TemplateResult;
    if (s.state === 'loading') body = html`<div class="value muted" part="value" role="status">${kpiT(l, 'loading')}</div>`;
    else if (s.state === 'error') {
      // A Retry as on the charts: alone (a provider with hide-status shows no status bar) it is the one way to load again.
      // (the store's failed load, with its Retry: no live region under a provider that says it, see liveRole)
      body = html`<div class="error" part="value" role=${liveRole(!s.retry || this)}>${kpiT(l, 'error', { message: s.message })}${s.retry ? html` <button type="button" part="button retry"
        @click=${this.retry}>${chartT(l, 'retry')}</button>` : nothing}</div>`;
    }
    else {
      const { value, previous } = s.data;
      const currency = s.data.currency ?? this.currency ?? this.reportingCurrency;
      let change: TemplateResult;
      if (value === undefined || previous === undefined) change = html`<div class="change" part="change">${kpiT(l, value === undefined ? 'none' : 'noPrevious')}</div>`;
      else {
        const d = value - previous;
        const dir = Math.abs(d) < 1e-9 ? 'same' : d > 0 ? 'up' : 'down';
        // lower is better for the cycle length; higher for the others
        const good = dir === 'same' ? '' : (dir === 'down') === (this.kind === 'cycle-length') ? 'better' : 'worse';
        change = html`<div class="change ${good}" part="change" data-direction=${dir}>
          <span aria-hidden="true">${{ up: '▲', down: '▼', same: '＝' }[dir]}</span>
          ${kpiT(l, dir, { delta: this.delta(l, d, currency), previous: this.fmt(l, previous, currency) })}${good ? html`<span class="verdict">${kpiT(l, good)}</span>` : nothing}</div>`;
      }
      const notes = this.notes(l, s.data);
      body = html`<div class="value" part="value">${value === undefined ? '—' : this.fmt(l, value, currency)}</div>
        ${change}
        ${notes.length ? html`<div class="note" part="note">${notes.map((n) => html`<div>${n}</div>`)}</div>` : nothing}`;
    }
    // A named group, not a labelled <section> (a region landmark: four of them on every dashboard)
    // Focusable from script only: it takes the focus from Retry, and keeps it while the figure comes.
    return html`<div class="tile" part="tile" role="group" aria-label=${label} tabindex="-1"><div class="label" part="label">${label}</div>${body}</div>`;
  }

  private retry(): void {
    this.shadowRoot!.querySelector<HTMLElement>('.tile')!.focus();
    emit(this, 'kam-retry', { source: this.localName });
  }
}

/**
 * What the average deal size tile explains beside its figure: the won value's excluded currencies,
 * and the won deals closed in the window (closedAt, else the close date) with a negative or
 * implausibly large amount.
 */
export function avgDealSizeNotes(store: KamStore, cur: PipelineAnalytics, [from, to]: [number, number], slice: Slice | undefined): Pick<KpiData, 'excluded' | 'negative' | 'absurd'> {
  const pipeline = store.pipelines().find((p) => p.id === cur.summary.pipelineId);
  const won = new Set(pipeline?.stages.filter((s) => s.kind === 'won').map((s) => s.id));
  const keep = sliceFilter(store, slice);
  // dealQuality's amount counts, over the won deals this window and slice keep
  const { negative, absurd } = dealQuality(store, pipeline, (o) => {
    if (!won.has(o.stageId) || (keep && !keep(o))) return false; // a date parsed for won deals only
    const at = Date.parse(o.closedAt ?? o.closeDate);
    return at >= from && at <= to;
  });
  return { excluded: cur.winRate.wonValue.excluded, negative, absurd };
}
