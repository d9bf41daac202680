import { html, svg } from 'lit';
import { defaultHealthModel, scoreBook, type BookHealth, type HealthResult } from '@kamkit/core/health';
import type { KamStore } from '../shared/context.js';
import { healthModelFor } from '../shared/health.js';
import { bandName } from '../shared/band-name.js';
import { formatNumber, formatPercent } from '../shared/i18n.js';
import { KamChart, accountSlice, yAxis, type ChartTable } from '../shared/chart/chart-base.js';
import { niceDomain, scaleBand, scaleLinear } from '../shared/chart/scale.js';
import { healthDistT } from './strings.js';
import { styles } from './kam-health-distribution-chart.styles.js';

/** What the chart draws: `scoreBook()`'s distribution, and its results for the trend. */
export interface HealthDistributionData {
  distribution: BookHealth['distribution'];
  /** Per-account results; those with a trend give the previous snapshot's distribution. */
  results?: ReadonlyMap<string, Pick<HealthResult, 'trend'>>;
  /** The model's bands, in order (default: the default model's). */
  bands?: ReadonlyArray<{ id: string; label: string; tone: string }>;
}

/**
 * Accounts per health band from `scoreBook()`, with the previous snapshot's counts (the trend)
 * when results carry one.
 *
 * @summary Accounts per health band and its trend.
 * @fires kam-chart-export - when the CSV export is asked for (cancelable; detail {csv, filename})
 * @fires kam-retry - when Retry is pressed on a store that failed to load (the provider loads again; detail {source})
 * @csspart chart - the whole chart
 * @csspart plot - the drawing
 * @csspart tooltip - the tooltip of the focused / hovered mark
 * @csspart table - the data-table alternative
 * @csspart state - the loading / empty / error message
 */
export class KamHealthDistributionChart extends KamChart<HealthDistributionData> {
  static override styles = styles;

  protected chartTitle(): string { return healthDistT(this.resolvedLocale, 'title'); }

  protected compute(store: KamStore): HealthDistributionData {
    const model = healthModelFor(store);
    const book = accountSlice(store, this.slice);
    const ids = book === store ? undefined : book.all('accounts').map((a) => a.id);
    const r = scoreBook(store, model, { now: this.now(), currency: this.reporting, fx: store.fx, accountIds: ids, skipNextBand: true });
    return { distribution: r.distribution, results: r.results, bands: model.bands };
  }

  private bands(d: HealthDistributionData) {
    return d.bands ?? defaultHealthModel.bands;
  }

  /** Counts per band in the previous snapshot, when any result has a trend. */
  private previous(d: HealthDistributionData): Record<string, number> | undefined {
    if (!d.results) return undefined;
    const prev: Record<string, number> = {};
    let any = false;
    for (const r of d.results.values()) {
      const b = r.trend?.previousBand;
      if (b) { prev[b] = (prev[b] ?? 0) + 1; any = true; }
    }
    return any ? prev : undefined;
  }

  protected isEmpty(d: HealthDistributionData): boolean { return !Object.values(d.distribution).some((n) => n > 0); }

  protected table(d: HealthDistributionData): ChartTable {
    const l = this.resolvedLocale;
    const total = Object.values(d.distribution).reduce((a, b) => a + b, 0);
    const prev = this.previous(d);
    const bands = this.bands(d);
    const cols = ['band', 'accounts', 'share', ...(prev ? ['previous', 'change'] : [])];
    const n = (v: number) => formatNumber(l, v);
    return {
      columns: cols.map((k) => healthDistT(l, k as 'band')),
      rows: bands.map((b) => { const c = d.distribution[b.id] ?? 0; return [bandName(l, b), c, total ? c / total : 0, ...(prev ? [prev[b.id] ?? 0, c - (prev[b.id] ?? 0)] : [])]; }),
      format: [undefined, n, (v) => formatPercent(l, v, 1), n, (v) => formatNumber(l, v, { signDisplay: 'exceptZero' })],
    };
  }

  protected plot(d: HealthDistributionData, width: number) {
    const l = this.resolvedLocale;
    const bands = this.bands(d);
    const prev = this.previous(d);
    const total = Object.values(d.distribution).reduce((a, b) => a + b, 0);
    const h = 212, m = { t: 12, r: 8, b: 40, l: 44 };
    const max = Math.max(1, ...bands.map((b) => Math.max(d.distribution[b.id] ?? 0, prev?.[b.id] ?? 0)));
    const y = scaleLinear(niceDomain([0, max]), [h - m.b, m.t]);
    const ticks = y.ticks(4).filter(Number.isInteger);
    m.l = this.axisMargin(ticks.map((v) => formatNumber(l, v)), m.l);
    const x = scaleBand(bands.map((b) => b.id), [m.l, width - m.r], 0.3);
    return html`${prev ? html`<p class="legend">${healthDistT(l, 'legend')}</p>` : ''}
      ${this.frame(width, h, svg`${yAxis(ticks, y, (v) => formatNumber(l, v), m.l, width - m.r)}
      ${bands.map((b) => {
        const n = d.distribution[b.id] ?? 0, p = prev?.[b.id] ?? 0, bx = x(b.id)!, bw = x.bandwidth();
        const params = { band: bandName(l, b), count: formatNumber(l, n), share: formatPercent(l, total ? n / total : 0, 0), previous: formatNumber(l, p), change: formatNumber(l, n - p, { signDisplay: 'exceptZero' }) };
        // The band's name, cut to the room a bar has, and its count on a line of its own so that a narrow chart never cuts the figure.
        return this.mark(healthDistT(l, prev ? 'markTrend' : 'mark', params), svg`
          <rect class="tone-${b.tone}" x=${bx} y=${y(n)} width=${bw} height=${Math.max(0, y(0) - y(n))}></rect>
          ${prev ? svg`<rect class="prev" x=${bx + 2} y=${y(p)} width=${bw - 4} height=${Math.max(0, y(0) - y(p))}></rect>` : ''}
          <text x=${bx + bw / 2} y=${h - m.b + 14} text-anchor="middle">${this.fit(params.band, x.step() - 4)}</text>
          <text class="count" x=${bx + bw / 2} y=${h - m.b + 28} text-anchor="middle">${prev ? healthDistT(l, 'countChange', params) : params.count}</text>`);
      })}`)}`;
  }
}
