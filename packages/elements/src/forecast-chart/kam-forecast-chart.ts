import { html, svg, type PropertyDeclarations, type SVGTemplateResult } from 'lit';
import type { ForecastCategory } from '@kamkit/core';
import { forecastCategories, type PipelineAnalytics } from '@kamkit/core/analytics';
import { formatMoney, formatNumber } from '../shared/i18n.js';
import { yAxis, type ChartTable } from '../shared/chart/chart-base.js';
import { KamPipelineChart } from '../shared/chart/pipeline-chart.js';
import { niceDomain, scaleBand, scaleLinear } from '../shared/chart/scale.js';
import { forecastT } from './strings.js';
import { styles } from './kam-forecast-chart.styles.js';

const SHOWN: readonly ForecastCategory[] = forecastCategories.filter((c) => c !== 'omitted');
/**
 * Each category's texture over its colour, so that none is told by colour alone (forced colours
 * included): pipeline an outlined pale bar, best case stripes, commit dots, closed solid.
 */
const INK: Partial<Record<ForecastCategory, SVGTemplateResult>> = {
  best_case: svg`<rect class="ink" width="2" height="6"></rect>`, commit: svg`<circle class="ink" cx="3" cy="3" r="1.5"></circle>`,
};

/**
 * The forecast by category (pipeline, best case, commit, closed) and period (close-date month,
 * quarter or year) from `pipelineAnalytics().forecast`, total or probability-weighted.
 *
 * @summary Forecast by category and period, with a weighted toggle.
 * @fires kam-chart-export - when the CSV export is asked for (cancelable; detail {csv, filename})
 * @fires kam-retry - when Retry is pressed on a store that failed to load (the provider loads again; detail {source})
 * @csspart chart - the whole chart
 * @csspart plot - the drawing
 * @csspart tooltip - the tooltip of the focused / hovered mark
 * @csspart table - the data-table alternative
 * @csspart notes - explanations of excluded or odd data
 * @csspart state - the loading / empty / error message
 */
export class KamForecastChart extends KamPipelineChart {
  static override styles = styles;

  static override properties: PropertyDeclarations = { weighted: { type: Boolean, reflect: true }, period: {} };

  /** Show probability-weighted values instead of totals. */
  weighted = false;
  /** Store mode: forecast period. */
  period: 'month' | 'quarter' | 'year' = 'month';

  protected override options(store: Parameters<KamPipelineChart['options']>[0]) {
    return { ...super.options(store), period: this.period };
  }

  protected chartTitle(): string { return forecastT(this.resolvedLocale, 'title'); }

  protected isEmpty(a: PipelineAnalytics): boolean { return !a.forecast.rows.length; }

  protected override notes(a: PipelineAnalytics): string[] {
    const t = a.forecast.totals;
    return [...this.excludedNotes(...SHOWN.map((c) => t[c].total)), ...super.notes(a)];
  }

  protected table(a: PipelineAnalytics): ChartTable {
    const l = this.resolvedLocale;
    const money = (v: number) => formatMoney(l, { amount: v, currency: a.summary.currency });
    return {
      columns: ['period', 'category', 'count', 'total', 'weightedValue'].map((k) => forecastT(l, k as 'period')),
      rows: a.forecast.rows.flatMap((r) => SHOWN.map((c) => { const cell = r.categories[c]; return [r.period, forecastT(l, c), cell.count, cell.total.amount, cell.weighted.amount]; })),
      format: [undefined, undefined, (v) => formatNumber(l, v), money, money],
    };
  }

  protected plot(a: PipelineAnalytics, width: number) {
    const l = this.resolvedLocale;
    const cur = a.summary.currency;
    const h = 240, m = { t: 12, r: 8, b: 28, l: 56 };
    const val = (r: (typeof a.forecast.rows)[number], c: ForecastCategory) => (this.weighted ? r.categories[c].weighted : r.categories[c].total).amount;
    let lo = 0, hi = 0;
    for (const r of a.forecast.rows) {
      let pos = 0, neg = 0;
      for (const c of SHOWN) { const v = val(r, c); if (v >= 0) pos += v; else neg += v; }
      hi = Math.max(hi, pos); lo = Math.min(lo, neg);
    }
    const y = scaleLinear(niceDomain([lo, hi || 1]), [h - m.b, m.t]);
    const money = (v: number, compact = false) => formatMoney(l, { amount: v, currency: cur }, { compact });
    const ticks = y.ticks(4);
    m.l = this.axisMargin(ticks.map((v) => money(v, true)), m.l); // the widest money label fits left of the axis
    const x = scaleBand(a.forecast.rows.map((r) => r.period), [m.l, width - m.r], 0.2);
    const every = this.every(a.forecast.rows.map((r) => r.period), x.step());
    return html`
      <label class="toggle"><input type="checkbox" .checked=${this.weighted} @change=${(e: Event) => { this.weighted = (e.target as HTMLInputElement).checked; }}> ${forecastT(l, 'weighted')}</label>
      <ul class="legend" aria-hidden="true">${SHOWN.map((c) => html`<li><svg width="12" height="12"><rect class="c-${c}" fill="url(#f-${c})" width="12" height="12"></rect></svg> ${forecastT(l, c)}</li>`)}</ul>
      ${this.frame(width, h, svg`<defs>${SHOWN.map((c) => svg`<pattern id="f-${c}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="f-${c}" width="6" height="6"></rect>${INK[c]}</pattern>`)}</defs>
        ${yAxis(ticks, y, (v) => money(v, true), m.l, width - m.r)}
        ${a.forecast.rows.map((r, i) => {
          let pos = 0, neg = 0;
          const bx = x(r.period)!, bw = x.bandwidth();
          return svg`${SHOWN.map((c) => {
            const v = val(r, c);
            if (!v && !r.categories[c].count) return '';
            const base = v >= 0 ? pos : neg;
            if (v >= 0) pos += v; else neg += v;
            const y0 = y(base), y1 = y(base + v);
            const one = r.categories[c].count === 1;
            const label = forecastT(l, this.weighted ? (one ? 'markWOne' : 'markW') : one ? 'markOne' : 'mark', { period: r.period, category: forecastT(l, c), value: money(v), count: formatNumber(l, r.categories[c].count) });
            return this.mark(label, svg`<rect class="c-${c}" fill="url(#f-${c})" x=${bx} width=${bw} y=${Math.min(y0, y1)} height=${Math.max(1, Math.abs(y0 - y1))}></rect>`);
          })}
          ${i % every === 0 ? svg`<text class="axis" x=${bx + bw / 2} y=${h - m.b + 14} text-anchor="middle">${r.period}</text>` : ''}`;
        })}`)}`;
  }
}
