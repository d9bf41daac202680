import { svg, type PropertyDeclarations } from 'lit';
import { concentration, type BookSource, type Concentration, type RedLine } from '@kamkit/core/analytics';
import type { KamStore } from '../shared/context.js';
import { formatNumber, formatPercent, joinList } from '../shared/i18n.js';
import type { ChartTable } from '../shared/chart/chart-base.js';
import { KamBookChart } from '../shared/chart/book-chart.js';
import { scaleLinear } from '../shared/chart/scale.js';
import { concT } from './strings.js';
import { styles } from './kam-concentration-chart.styles.js';

type Metric = 'top1' | 'top5' | 'top10';
const METRICS: readonly Metric[] = ['top1', 'top5', 'top10'];
const LINE_OF: Record<Metric, RedLine['id'] | undefined> = { top1: 'single_account', top5: 'top5', top10: undefined };

/**
 * Customer concentration from `concentration()`: the largest account's, the top five's and the
 * top ten's share of value against the red lines, and the HHI against its bands.
 *
 * @summary Top-N share and HHI against their red lines and bands.
 * @fires kam-chart-export - when the CSV export is asked for (cancelable; detail {csv, filename})
 * @fires kam-retry - when Retry is pressed on a store that failed to load (the provider loads again; detail {source})
 * @csspart chart - the whole chart
 * @csspart plot - the drawing
 * @csspart tooltip - the tooltip of the focused / hovered mark
 * @csspart table - the data-table alternative
 * @csspart notes - explanations of excluded data
 * @csspart state - the loading / empty / error message
 * @cssprop --kam-color-red - red lines and shares above them
 */
export class KamConcentrationChart extends KamBookChart<Concentration> {
  static override styles = styles;

  static override properties: PropertyDeclarations = { basis: {} };

  /** Store mode: `revenue` or `margin`. */
  basis: 'revenue' | 'margin' = 'revenue';

  protected chartTitle(): string { return concT(this.resolvedLocale, 'title'); }

  protected analyse(src: BookSource, store: KamStore, now: number): Concentration {
    return concentration(src, { now, currency: this.reporting, fx: store.fx, basis: this.basis });
  }

  protected isEmpty(d: Concentration): boolean { return d.accounts === 0; }

  private names(d: Concentration, n: number): string {
    return joinList(this.resolvedLocale, d.ranking.slice(0, n).map((r) => r.name));
  }

  private line(d: Concentration, metric: Metric): RedLine | undefined {
    return d.redLines.find((r) => r.id === LINE_OF[metric]);
  }

  protected table(d: Concentration): ChartTable {
    const l = this.resolvedLocale;
    const rows: ChartTable['rows'] = METRICS.map((metric, i) => {
      const line = this.line(d, metric);
      return [concT(l, metric), d[metric], line?.threshold ?? null, line ? concT(l, line.crossed ? 'crossed' : 'ok') : '', this.names(d, [1, 5, 10][i])];
    });
    rows.push([concT(l, 'hhi'), d.hhi, null, concT(l, d.hhiBand), '']);
    return {
      columns: ['metric', 'value', 'threshold', 'status', 'accounts'].map((k) => concT(l, k as 'metric')),
      rows,
      // the value column: the three shares, then the HHI (a plain number)
      format: [undefined, (v, row) => (row < 3 ? formatPercent(l, v, 1) : formatNumber(l, v, { maximumFractionDigits: 0 })), (v) => formatPercent(l, v, 0)],
    };
  }

  protected plot(d: Concentration, width: number) {
    const l = this.resolvedLocale;
    const values = METRICS.map((metric) => `${formatPercent(l, d[metric], 0)}${this.line(d, metric)?.crossed ? ' ⚠' : ''}`);
    const names = [...METRICS.map((metric) => concT(l, metric)), concT(l, 'hhi')];
    // Row names get what they need up to 35 % of the width; the share after each bar always fits.
    const labelW = Math.min(width * 0.35, this.widest(names) + 10), rowH = 30, h = 3 * rowH + 70;
    const right = width - Math.max(44, this.widest(values) + 8);
    const x = scaleLinear([0, 1], [labelW, right]);
    const bands = [['diversified', 0, 1000], ['moderate', 1000, 1800], ['high', 1800, 2500], ['critical', 2500, 10000]] as const;
    const hx = scaleLinear([0, 10000], [labelW, right]);
    const verdict = `${formatNumber(l, d.hhi, { maximumFractionDigits: 0 })} · ${concT(l, d.hhiBand)}`;
    const half = this.textWidth(verdict, true) / 2;
    const vx = Math.max(half, Math.min(width - half, hx(Math.min(10000, d.hhi)))); // under the pointer, kept inside the drawing
    const hy = 3 * rowH + 16;
    return this.frame(width, h, svg`${METRICS.map((metric, i) => {
        const line = this.line(d, metric);
        const y = i * rowH;
        // the share after its bar, moved past the red line when the line would strike through it
        const lx = line ? x(line.threshold) : -1, vx = x(d[metric]) + 4;
        const tx = lx >= vx - 3 && lx <= vx + this.textWidth(values[i]) + 2 ? lx + 4 : vx;
        const label = concT(l, 'markShare', {
          metric: concT(l, metric), value: formatPercent(l, d[metric], 1), basis: concT(l, d.basis),
          line: line ? concT(l, 'lineText', { threshold: formatPercent(l, line.threshold, 0), status: concT(l, line.crossed ? 'crossed' : 'ok') }) : '',
          names: metric === 'top1' ? concT(l, 'namesText', { names: this.names(d, 1) }) : '',
        });
        return this.mark(label, svg`
          <rect class="bar ${line?.crossed ? 'crossed' : ''}" x=${labelW} y=${y + 5} width=${Math.max(1, x(d[metric]) - labelW)} height=${rowH - 10}></rect>
          <text x=${labelW - 6} y=${y + rowH / 2} dy="0.32em" text-anchor="end">${this.fit(concT(l, metric), labelW - 6)}</text>
          <text class="share" x=${tx} y=${y + rowH / 2} dy="0.32em">${values[i]}</text>
          ${line ? svg`<line class="redline" x1=${lx} x2=${lx} y1=${y} y2=${y + rowH}></line>` : ''}`);
      })}
      ${this.mark(concT(l, 'markHhi', { value: formatNumber(l, d.hhi, { maximumFractionDigits: 0 }), band: concT(l, d.hhiBand) }), svg`
        ${bands.map(([id, a, b]) => svg`<rect class="band-${id}" x=${hx(a)} y=${hy} width=${hx(b) - hx(a)} height="16"></rect>`)}
        <text x=${labelW - 6} y=${hy + 8} dy="0.32em" text-anchor="end">${this.fit(concT(l, 'hhi'), labelW - 6)}</text>
        <path class="hhi" d="M${hx(Math.min(10000, d.hhi))},${hy + 18} l-5,10 h10 z"></path>
        <text class="verdict" x=${vx} y=${hy + 42} text-anchor="middle">${verdict}</text>`)}`);
  }
}
