import { svg, type PropertyDeclarations } from 'lit';
import { abcTiers, type AbcResult, type AbcTier, type BookSource } from '@kamkit/core/analytics';
import type { KamStore } from '../shared/context.js';
import { formatMoney, formatNumber, formatPercent } from '../shared/i18n.js';
import { yAxis, type ChartTable } from '../shared/chart/chart-base.js';
import { KamBookChart } from '../shared/chart/book-chart.js';
import { linePath, scaleLinear } from '../shared/chart/scale.js';
import { paretoT } from './strings.js';
import { styles } from './kam-pareto-chart.styles.js';

const TIERS: readonly AbcTier[] = ['A', 'B', 'C'];
/** Points drawn on the curve at most (the curve is exact at every tier boundary). */
const MAX_POINTS = 600;

/**
 * ABC tiers on the Pareto curve (cumulative share of value over the share of accounts) from
 * `abcTiers()`, by revenue or margin.
 *
 * @summary Pareto curve with the A / B / C tiers marked.
 * @fires kam-chart-export - when the CSV export is asked for (cancelable; detail {csv, filename})
 * @fires kam-retry - when Retry is pressed on a store that failed to load (the provider loads again; detail {source})
 * @csspart chart - the whole chart
 * @csspart plot - the drawing
 * @csspart tooltip - the tooltip of the focused / hovered mark
 * @csspart table - the data-table alternative
 * @csspart notes - explanations of excluded data
 * @csspart state - the loading / empty / error message
 */
export class KamParetoChart extends KamBookChart<AbcResult> {
  static override styles = styles;

  static override properties: PropertyDeclarations = { basis: {} };

  /** Store mode: `revenue` or `margin`. */
  basis: 'revenue' | 'margin' = 'revenue';

  protected chartTitle(): string { return paretoT(this.resolvedLocale, 'title'); }

  protected analyse(src: BookSource, store: KamStore, now: number): AbcResult {
    return abcTiers(src, { now, currency: this.reporting, fx: store.fx, basis: this.basis });
  }

  protected isEmpty(d: AbcResult): boolean { return !d.accounts.some((a) => a.value > 0); }

  protected table(d: AbcResult): ChartTable {
    const l = this.resolvedLocale;
    const pct = (v: number) => formatPercent(l, v, 1);
    return {
      columns: ['tier', 'accounts', 'accountShare', 'value', 'valueShare'].map((k) => paretoT(l, k as 'tier')),
      rows: TIERS.map((t) => [t, d.tiers[t].count, d.tiers[t].accountShare, d.tiers[t].value, d.tiers[t].valueShare]),
      format: [undefined, (v) => formatNumber(l, v), pct, (v) => formatMoney(l, { amount: v, currency: d.total.currency }), pct],
    };
  }

  protected plot(d: AbcResult, width: number) {
    const l = this.resolvedLocale;
    const pct = (v: number) => formatPercent(l, v, 0);
    // the x axis's last label is centred on the right edge of the plot: half of it needs room
    const h = 240, m = { t: 12, r: Math.max(12, Math.ceil(this.textWidth(pct(1)) / 2) + 2), b: 30, l: this.axisMargin([pct(1)], 44) };
    const x = scaleLinear([0, 1], [m.l, width - m.r]);
    const y = scaleLinear([0, 1], [h - m.b, m.t]);
    const step = Math.max(1, Math.ceil(d.curve.length / MAX_POINTS));
    const ends = new Set<number>();
    let k = 0;
    for (const t of TIERS) { k += d.tiers[t].count; ends.add(k); }
    const pts = d.curve.filter((p, i) => i % step === 0 || ends.has(p.accounts) || i === d.curve.length - 1);
    const path = linePath(pts.map((p) => [x(p.accountShare), y(p.valueShare)]));
    let start = 0;
    const quarters = [0, 0.25, 0.5, 0.75, 1];
    return this.frame(width, h, svg`${yAxis(quarters, y, pct, m.l, width - m.r)}
      <g class="axis" aria-hidden="true">
        ${quarters.map((v) => svg`<text x=${x(v)} y=${h - m.b + 14} text-anchor="middle">${pct(v)}</text>`)}
        <text x=${width - m.r} y=${h - 4} text-anchor="end">${paretoT(l, 'xAxis')}</text>
      </g>
      ${TIERS.map((t) => {
        const tier = d.tiers[t];
        const s0 = start, s1 = start + tier.accountShare;
        start = s1;
        if (!tier.count) return '';
        const label = paretoT(l, 'mark', { tier: t, count: formatNumber(l, tier.count), accountShare: pct(tier.accountShare), valueShare: formatPercent(l, tier.valueShare, 1), basis: paretoT(l, d.basis), value: formatMoney(l, { amount: tier.value, currency: d.total.currency }, { compact: true }) });
        return this.mark(label, svg`<rect class="t-${t}" opacity="0.35" x=${x(s0)} y=${m.t} width=${Math.max(1, x(s1) - x(s0))} height=${h - m.b - m.t}></rect>
          <text x=${(x(s0) + x(s1)) / 2} y=${m.t + 12} text-anchor="middle">${t}</text>`);
      })}
      <path class="curve" d=${path} aria-hidden="true"></path>`);
  }
}
