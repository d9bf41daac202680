import { html, svg, type PropertyDeclarations } from 'lit';
import { retention, type BookSource, type Retention } from '@kamkit/core/analytics';
import type { KamStore } from '../shared/context.js';
import { formatMoney, formatNumber, formatPercent } from '../shared/i18n.js';
import { chartT, yAxis, type ChartTable } from '../shared/chart/chart-base.js';
import { fetchPart, type LazyPart } from '../shared/lazy-part.js';
import { toError } from '../shared/errors.js';
import { stateMessage } from '../shared/state-message.js';
import { KamBookChart } from '../shared/chart/book-chart.js';
import { linePath, niceDomain, scaleBand, scaleLinear } from '../shared/chart/scale.js';
import { periodStartBack } from '../shared/chart/order-quality.js';
import { selectField } from '../shared/select-field.js';
import { retentionT } from './strings.js';
import { styles } from './kam-retention-chart.styles.js';

/** The cohort grid's chunk (cohort.ts), one for the page. */
export const cohortPart: LazyPart<typeof import('./cohort.js')> = { load: () => import('./cohort.js') };

/**
 * Gross and net revenue retention from `retention()`: by period (two lines) or by first-order
 * cohort (a grid of NRR per later period).
 *
 * @summary GRR / NRR by period or by cohort.
 * @fires kam-chart-export - when the CSV export is asked for (cancelable; detail {csv, filename})
 * @fires kam-retry - when Retry is pressed on a store that failed to load (the provider loads again; detail {source})
 * @csspart chart - the whole chart
 * @csspart plot - the drawing
 * @csspart tooltip - the tooltip of the focused / hovered mark
 * @csspart table - the data-table alternative
 * @csspart notes - explanations of excluded data
 * @csspart state - the loading / empty / error message
 */
export class KamRetentionChart extends KamBookChart<Retention> {
  static override styles = styles;

  static override properties: PropertyDeclarations = { view: { reflect: true }, period: {}, periods: { type: Number } };

  /** `period` (GRR / NRR lines) or `cohort` (NRR grid). */
  view: 'period' | 'cohort' = 'period';
  /** Store mode: period length and how many periods back. */
  period: 'month' | 'quarter' | 'year' = 'quarter';
  periods = 6;
  /** Why the cohort grid's chunk could not be fetched (choosing the cohort view again retries). */
  private cohortError?: Error;

  protected chartTitle(): string { return retentionT(this.resolvedLocale, 'title'); }

  // The orders retention reads: from the period before the first reported one to the end of the last complete one.
  protected override ordersWindow(now: number): [number, number] {
    return [periodStartBack(now, this.period, Math.max(1, this.periods) + 1), periodStartBack(now, this.period, 0)];
  }

  protected analyse(src: BookSource, store: KamStore, now: number): Retention {
    return retention(src, { now, currency: this.reporting, fx: store.fx, period: this.period, periods: this.periods });
  }

  protected isEmpty(d: Retention): boolean {
    return this.view === 'cohort' ? !d.cohorts.length : !d.byPeriod.some((p) => p.start > 0);
  }

  protected table(d: Retention): ChartTable {
    const l = this.resolvedLocale;
    const pct = (v: number) => formatPercent(l, v, 1);
    const money = (v: number) => formatMoney(l, { amount: v, currency: d.currency });
    if (this.view === 'cohort') {
      return {
        columns: ['cohort', 'period', 'accounts', 'nrr', 'grr'].map((k) => retentionT(l, k as 'cohort')),
        rows: d.cohorts.flatMap((c) => c.periods.map((p) => [c.cohort, p.period, p.activeAccounts, p.nrr ?? null, p.grr ?? null])),
        format: [undefined, undefined, (v) => formatNumber(l, v), pct, pct],
      };
    }
    return {
      columns: ['period', 'start', 'expansion', 'churn', 'grr', 'nrr'].map((k) => retentionT(l, k as 'period')),
      rows: d.byPeriod.map((p) => [p.period, p.start, p.expansion, p.churn, p.grr ?? null, p.nrr ?? null]),
      format: [undefined, money, money, money, pct, pct],
    };
  }

  protected plot(d: Retention, width: number) {
    const l = this.resolvedLocale;
    const pct = (v: number | undefined) => formatPercent(l, v);
    const toggle = selectField(retentionT(l, 'view'), 'view', this.view, [['period', retentionT(l, 'byPeriod')], ['cohort', retentionT(l, 'byCohort')]], (v) => { this.view = v; this.cohortError = undefined; });
    if (this.view === 'cohort') {
      // The grid is drawn by its own chunk (cohort.ts), fetched the first time it is shown; until it
      // is here the chart says it is loading (the data table below is already complete).
      const part = cohortPart.loaded;
      if (!part) {
        if (!this.cohortError) fetchPart(cohortPart).then(() => this.requestUpdate(), (err: unknown) => { this.cohortError = toError(err); this.requestUpdate(); });
        return html`${toggle}${stateMessage(this.cohortError ? chartT(l, 'error', { message: this.cohortError.message }) : chartT(l, 'loading'), !!this.cohortError)}`;
      }
      const [grid, h] = part.cohortGrid({
        svg, mark: (label, body) => this.mark(label, body), every: (labels, step) => this.every(labels, step), band: scaleBand, pct,
        label: (cohort, p) => retentionT(l, 'markCohort', { cohort, period: p.period, nrr: pct(p.nrr), grr: pct(p.grr), active: formatNumber(l, p.activeAccounts) }),
      }, d, width);
      return html`${toggle}${this.frame(width, h, grid, retentionT(l, 'byCohort'))}`;
    }
    const h = 220, m = { t: 12, r: 12, b: 28, l: 44 };
    const ps = d.byPeriod;
    const hi = Math.max(1.2, ...ps.map((p) => p.nrr ?? 0));
    const y = scaleLinear(niceDomain([0, hi]), [h - m.b, m.t]);
    const ticks = y.ticks(4);
    m.l = this.axisMargin(ticks.map(pct), m.l);
    const x = scaleBand(ps.map((p) => p.period), [m.l, width - m.r], 0.5);
    const cx = (p: (typeof ps)[number]) => x(p.period)! + x.bandwidth() / 2;
    const skip = this.every(ps.map((p) => p.period), x.step());
    const path = (k: 'grr' | 'nrr') => linePath(ps.map((p) => (p[k] === undefined ? undefined : [cx(p), y(p[k])])));
    return html`${toggle}${this.frame(width, h, svg`${yAxis(ticks, y, pct, m.l, width - m.r)}
      <line class="ref" x1=${m.l} x2=${width - m.r} y1=${y(1)} y2=${y(1)} aria-hidden="true"></line>
      <path class="grr" d=${path('grr')} aria-hidden="true"></path>
      <path class="nrr" d=${path('nrr')} aria-hidden="true"></path>
      ${ps.map((p, i) => this.mark(retentionT(l, 'mark', { period: p.period, grr: pct(p.grr), nrr: pct(p.nrr), start: formatMoney(l, { amount: p.start, currency: d.currency }, { compact: true }) }), svg`
        <rect x=${x(p.period)!} y=${m.t} width=${x.bandwidth()} height=${h - m.b - m.t} fill="transparent"></rect>
        ${p.grr !== undefined ? svg`<circle class="dot-grr" cx=${cx(p)} cy=${y(p.grr)} r="4"></circle>` : ''}
        ${p.nrr !== undefined ? svg`<rect class="dot-nrr" x=${cx(p) - 4} y=${y(p.nrr) - 4} width="8" height="8"></rect>` : ''}
        ${i % skip ? '' : svg`<text class="axis" x=${cx(p)} y=${h - m.b + 14} text-anchor="middle">${p.period}</text>`}`))}
      <text x=${width - m.r} y=${m.t} text-anchor="end">● ${retentionT(l, 'grr')}  ■ ${retentionT(l, 'nrr')}</text>`, retentionT(l, 'byPeriod'))}`;
  }
}
