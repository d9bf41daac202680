import { html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ChangeEvent } from '@kamkit/core';
import { scoreBook } from '@kamkit/core/health';
import { abcTiers, concentration, pipelineAnalytics, retention, sliceFilter, type AbcResult, type Concentration, type PipelineAnalytics, type Retention, type Slice } from '@kamkit/core/analytics';
import { KamElement } from '../shared/kam-element.js';
import type { KamStore } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { retryKeepingFocus } from '../shared/retry.js';
import { toError } from '../shared/errors.js';
import { stateMessage } from '../shared/state-message.js';
import { selectField } from '../shared/select-field.js';
import { healthModelFor } from '../shared/health.js';
import { accountSlice } from '../shared/chart/slice.js';
import { dealQuality, type DealQuality } from '../shared/chart/pipeline-chart.js';
import { orderQuality, periodStartBack, type OrderQuality } from '../shared/chart/order-quality.js';
import type { HealthDistributionData } from '../health-distribution-chart/kam-health-distribution-chart.js';
import { kpiFigures, type KpiData, type KpiKind, type KpiPeriod } from '../kpi-tile/kam-kpi-tile.js';
import { dashT } from './strings.js';
import { styles } from './kam-dashboard.styles.js';

/** The dashboard's shared filters; '' / undefined means all. */
export interface DashboardFilters {
  period: KpiPeriod;
  pipelineId?: string;
  owner?: string;
  region?: string;
  industry?: string;
}

/** Detail of `kam-dashboard-filter-change`: the new filters and the slice every chart now uses. */
export interface DashboardFilterChangeDetail { filters: DashboardFilters; slice: Slice }

declare global {
  interface HTMLElementEventMap {
    'kam-dashboard-filter-change': CustomEvent<DashboardFilterChangeDetail>;
  }
}

/** Everything the dashboard computed for one set of filters (each from the core analytics). */
export interface DashboardFigures {
  pipeline: PipelineAnalytics;
  quality: DealQuality;
  /** Odd orders behind the portfolio charts, over the windows each reads (as each chart computes alone). */
  orderQuality: { lastYear: OrderQuality; retention: OrderQuality };
  kpis: Record<KpiKind, KpiData>;
  abc: AbcResult;
  concentration: Concentration;
  retention: Retention;
  health: HealthDistributionData;
}

const KPIS: readonly KpiKind[] = ['win-rate', 'cycle-length', 'avg-deal-size', 'renewal-rate'];

/** The chart grid in order: each chart's tag, and its figures and the odd input behind them. */
const pipelineFigures = (f: DashboardFigures) => ({ data: f.pipeline, quality: f.quality });
const CHARTS: ReadonlyArray<readonly [string, (f: DashboardFigures) => { data: unknown; quality?: unknown }]> = [
  ['kam-funnel-chart', pipelineFigures],
  ['kam-forecast-chart', pipelineFigures],
  ['kam-stage-duration-chart', pipelineFigures],
  ['kam-health-distribution-chart', (f) => ({ data: f.health })],
  ['kam-pareto-chart', (f) => ({ data: f.abc, quality: f.orderQuality.lastYear })],
  ['kam-concentration-chart', (f) => ({ data: f.concentration, quality: f.orderQuality.lastYear })],
  ['kam-retention-chart', (f) => ({ data: f.retention, quality: f.orderQuality.retention })],
];

/** The slice the filters select (owner of the deal or account, region and industry of the account). */
export function sliceOf(f: DashboardFilters): Slice {
  const s: Slice = {};
  if (f.owner) s.owners = [f.owner];
  if (f.region) s.regions = [f.region];
  if (f.industry) s.industries = [f.industry];
  return s;
}

/** Computes every chart's figures once for these filters. */
export function dashboardFigures(store: KamStore, f: DashboardFilters, now: Date, currency: string): DashboardFigures {
  const slice = sliceOf(f);
  const fx = store.fx;
  const nowMs = now.getTime();
  const base = { now: nowMs, currency, fx, pipelineId: f.pipelineId, slice };
  const pipeline = pipelineAnalytics(store, { ...base, period: f.period === 'year' ? 'quarter' : 'month' });
  const book = accountSlice(store, slice);
  const portfolio = { now: nowMs, currency, fx };
  const retPeriod = f.period === 'year' ? 'year' : 'quarter', retPeriods = 6;
  const ret = retention(book, { ...portfolio, period: retPeriod, periods: retPeriods });
  const kpis = kpiFigures(store, KPIS, { now: nowMs, currency, period: f.period, pipelineId: f.pipelineId, slice }) as Record<KpiKind, KpiData>;
  const model = healthModelFor(store);
  const accountIds = book === store ? undefined : book.all('accounts').map((a) => a.id);
  const h = scoreBook(store, model, { now: nowMs, currency, fx, accountIds, skipNextBand: true });
  const pl = store.pipelines().find((p) => p.id === pipeline.summary.pipelineId);
  return {
    pipeline, kpis, retention: ret,
    quality: dealQuality(store, pl, sliceFilter(store, slice)),
    orderQuality: {
      lastYear: orderQuality(book, nowMs - 365 * 86_400_000, nowMs + 1), // abcTiers' and concentration's default window
      retention: orderQuality(book, periodStartBack(nowMs, retPeriod, retPeriods + 1), periodStartBack(nowMs, retPeriod, 0)),
    },
    abc: abcTiers(book, portfolio),
    concentration: concentration(book, portfolio),
    health: { distribution: h.distribution, results: h.results, bands: model.bands },
  };
}

/**
 * The KAM dashboard: KPI tiles and every chart over one set of shared filters (period,
 * pipeline, owner, region, industry). The figures are computed once per filter change from the
 * core analytics and handed to each chart; the grid follows the dashboard's own width
 * (container queries; one column at 360 px).
 *
 * @summary KPI tiles and pipeline / portfolio / health charts with shared filters.
 * @fires kam-dashboard-filter-change - when a filter changes; detail {filters, slice}
 * @fires kam-chart-export - bubbles from a chart's CSV export
 * @csspart filters - the filter bar
 * @csspart kpis - the KPI row
 * @csspart charts - the chart grid
 * @csspart state - the loading / error / no-store message
 * @csspart retry - the Retry button on a store that failed to load
 * @fires kam-retry - when Retry is pressed on a store that failed (the provider loads again)
 */
export class KamDashboard extends KamElement {
  static override styles = styles;

  // The reactive properties as one table (as the chart base): a decorator on each is a call apiece in the bundle.
  static override properties: PropertyDeclarations = {
    filters: { attribute: false }, currency: {}, headingLevel: { attribute: 'heading-level', type: Number }, announcement: { attribute: false },
  };

  /** The current filters (set to preselect; changed by the filter bar). */
  filters: DashboardFilters = { period: 'quarter' };
  /** Reporting currency (default: the provider's / store's). */
  declare currency?: string;
  /** The charts' title level in the host page's outline (h3 unless set; e.g. 2 right under the page's h1). */
  headingLevel = 3;

  private announcement = '';
  private figures?: DashboardFigures | Error;
  private dirty = true;
  /** The chart elements, made once and given new figures on each render (the same elements stay in the grid). */
  private readonly charts = new Map<string, HTMLElement>();

  /** The figures the charts show now (undefined before the store is ready). */
  get currentFigures(): DashboardFigures | undefined {
    return this.figures instanceof Error ? undefined : this.figures;
  }

  protected override storeChanged(e: ChangeEvent): void {
    this.dirty = true;
    super.storeChanged(e);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('filters') || changed.has('store') || changed.has('currency') || changed.has('settings')) this.dirty = true;
    const store = this.store;
    if (this.dirty && store?.status === 'ready') {
      this.dirty = false;
      try {
        this.figures = dashboardFigures(store, this.filters, this.now(), this.currency ?? this.reportingCurrency);
      } catch (err) {
        this.figures = toError(err);
      }
    }
  }

  #setFilter(key: keyof DashboardFilters, value: string): void {
    const filters = { ...this.filters, [key]: value || undefined } as DashboardFilters;
    if (key === 'period') filters.period = (value || 'quarter') as KpiPeriod;
    this.filters = filters;
    const l = this.resolvedLocale;
    const parts = (['pipelineId', 'owner', 'region', 'industry'] as const).filter((k) => filters[k]).map((k) => dashT(l, 'pair', { name: dashT(l, k === 'pipelineId' ? 'pipeline' : k), value: this.#optionLabel(k, filters[k]!) }));
    this.announcement = dashT(l, 'updated', { filters: [dashT(l, filters.period), ...parts].join(dashT(l, 'sep')) || dashT(l, 'none') });
    emit(this, 'kam-dashboard-filter-change', { filters, slice: sliceOf(filters) });
  }

  #optionLabel(k: 'pipelineId' | 'owner' | 'region' | 'industry', v: string): string {
    if (k === 'pipelineId') return this.store?.pipelines().find((p) => p.id === v)?.name ?? v;
    if (k === 'owner') return this.store?.get('users', v)?.name ?? v;
    return v;
  }

  private select(key: keyof DashboardFilters, label: string, options: Array<[string, string]>, all = true): TemplateResult {
    return selectField(label, key, this.filters[key] ?? '', all ? [['', dashT(this.resolvedLocale, 'all')], ...options] : options, (v) => this.#setFilter(key, v));
  }

  protected override awaitsStore(): boolean {
    return true;
  }

  protected override render(): TemplateResult {
    const l = this.resolvedLocale;
    const store = this.store;
    if (!store || store.status === 'loading' || store.status === 'empty') return stateMessage(dashT(l, 'loading'));
    if (store.status === 'error') {
      return stateMessage(html`${dashT(l, 'error', { message: store.error?.message ?? '' })} <button type="button" part="retry"
        @click=${() => retryKeepingFocus(this, { source: this.localName })}>${dashT(l, 'retry')}</button>`, this);
    }
    const f = this.figures;
    const distinct = (k: 'region' | 'industry') => [...new Set(store.all('accounts').map((a) => a[k]).filter((x): x is string => !!x))].sort().map((x): [string, string] => [x, x]);
    const theme = this.resolvedTheme, locale = l;
    return html`
      <fieldset class="filters" part="filters"><legend>${dashT(l, 'filters')}</legend>
        ${this.select('period', dashT(l, 'period'), (['month', 'quarter', 'year'] as const).map((p) => [p, dashT(l, p)]), false)}
        ${this.select('pipelineId', dashT(l, 'pipeline'), store.pipelines().map((p) => [p.id, p.name]), false)}
        ${this.select('owner', dashT(l, 'owner'), store.all('users').map((u) => [u.id, u.name]))}
        ${this.select('region', dashT(l, 'region'), distinct('region'))}
        ${this.select('industry', dashT(l, 'industry'), distinct('industry'))}
      </fieldset>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${f instanceof Error ? stateMessage(dashT(l, 'error', { message: f.message }), true) : !f ? stateMessage(dashT(l, 'loading')) : html`
        <section class="kpis" part="kpis" aria-label=${dashT(l, 'kpis')}>
          ${KPIS.map((k) => html`<kam-kpi-tile kind=${k} .data=${f.kpis[k]} .theme=${theme} .locale=${locale}></kam-kpi-tile>`)}
        </section>
        <section class="charts" part="charts" aria-label=${dashT(l, 'charts')}>
          ${CHARTS.map(([tag, figures]) => {
            let el = this.charts.get(tag);
            if (!el) this.charts.set(tag, el = document.createElement(tag));
            return Object.assign(el, figures(f), { theme, locale, headingLevel: this.headingLevel });
          })}
        </section>`}`;
  }
}
