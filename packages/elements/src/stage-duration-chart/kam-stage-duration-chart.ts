import { html, svg } from 'lit';
import type { PipelineAnalytics, StageSummary } from '@kamkit/core/analytics';
import { formatNumber } from '../shared/i18n.js';
import { yAxis, type ChartTable } from '../shared/chart/chart-base.js';
import { KamPipelineChart } from '../shared/chart/pipeline-chart.js';
import { niceDomain, scaleBand, scaleLinear } from '../shared/chart/scale.js';
import { durationT } from './strings.js';
import { styles } from './kam-stage-duration-chart.styles.js';

/**
 * Time in stage per open stage (mean, median, p90 of completed stays, in days) from
 * `pipelineAnalytics()`, with the core's bottleneck marked (in red and by a text label).
 *
 * @summary How long deals sit in each stage; the bottleneck marked.
 * @fires kam-chart-export - when the CSV export is asked for (cancelable; detail {csv, filename})
 * @fires kam-retry - when Retry is pressed on a store that failed to load (the provider loads again; detail {source})
 * @csspart chart - the whole chart
 * @csspart plot - the drawing
 * @csspart tooltip - the tooltip of the focused / hovered mark
 * @csspart table - the data-table alternative
 * @csspart notes - explanations of excluded or odd data
 * @csspart state - the loading / empty / error message
 * @cssprop --kam-color-red - the bottleneck
 */
export class KamStageDurationChart extends KamPipelineChart {
  static override styles = styles;

  protected chartTitle(): string { return durationT(this.resolvedLocale, 'title'); }

  private stages(a: PipelineAnalytics): StageSummary[] { return a.summary.stages.filter((s) => s.kind === 'open'); }

  protected isEmpty(a: PipelineAnalytics): boolean { return !this.stages(a).some((s) => s.timeInStage.count > 0); }

  protected table(a: PipelineAnalytics): ChartTable {
    const l = this.resolvedLocale;
    const d = (v: number) => formatNumber(l, v, { maximumFractionDigits: 1 });
    return {
      columns: ['stage', 'stays', 'mean', 'median', 'p90', 'bottleneck'].map((k) => durationT(l, k as 'stage')),
      rows: this.stages(a).map(({ name, timeInStage: t, stageId }) => [name, t.count, t.mean ?? null, t.median ?? null, t.p90 ?? null, a.bottleneck?.stageId === stageId ? durationT(l, 'yes') : '']),
      format: [undefined, (v) => formatNumber(l, v), d, d, d],
    };
  }

  protected plot(a: PipelineAnalytics, width: number) {
    const l = this.resolvedLocale;
    const st = this.stages(a);
    const h = 220, m = { t: 16, r: 8, b: 36, l: 40 };
    const max = Math.max(1, ...st.map((s) => s.timeInStage.p90 ?? s.timeInStage.max ?? 0));
    const y = scaleLinear(niceDomain([0, max]), [h - m.b, m.t]);
    const ticks = y.ticks(4), days = (v: number) => durationT(l, 'days', { n: formatNumber(l, v) });
    m.l = this.axisMargin(ticks.map(days), m.l);
    const x = scaleBand(st.map((s) => s.stageId), [m.l, width - m.r], 0.3);
    // Stage names under their bars, cut to the room a bar has (the full name is in the mark's label and the table).
    const room = Math.max(0, x.step() - 4);
    const d = (v: number | undefined) => formatNumber(l, v, { maximumFractionDigits: 1 });
    // The flag under the bottleneck's bar says it in words; where the bar is too narrow for them it is
    // the ▲ alone, and the legend says what ▲ means.
    const flag = `▲ ${durationT(l, 'bottleneck')}`, flagFits = this.textWidth(flag) <= room;
    return html`<p class="legend">${durationT(l, 'legend')}${a.bottleneck && !flagFits ? ` · ${flag}` : ''}</p>
      ${this.frame(width, h, svg`${yAxis(ticks, y, days, m.l, width - m.r)}
      ${st.map((s) => {
        const t = s.timeInStage, bx = x(s.stageId)!, bw = x.bandwidth(), b = a.bottleneck?.stageId === s.stageId;
        const params = { stage: s.name, median: d(t.median), mean: d(t.mean), p90: d(t.p90), count: formatNumber(l, t.count) };
        return this.mark(durationT(l, b ? 'markBottleneck' : 'mark', params), svg`
          <rect class="bar ${b ? 'bottleneck' : ''}" x=${bx} y=${y(t.median ?? 0)} width=${bw} height=${Math.max(0, y(0) - y(t.median ?? 0))}></rect>
          ${t.p90 !== undefined ? svg`<line class="p90" x1=${bx + bw / 2} x2=${bx + bw / 2} y1=${y(t.median ?? 0)} y2=${y(t.p90)}></line>` : ''}
          ${t.mean !== undefined ? svg`<circle class="median" cx=${bx + bw / 2} cy=${y(t.mean)} r="3.5"></circle>` : ''}
          <text x=${bx + bw / 2} y=${h - m.b + 14} text-anchor="middle">${this.fit(s.name, room)}</text>
          ${b ? svg`<text class="flag" x=${bx + bw / 2} y=${h - m.b + 28} text-anchor="middle">${flagFits ? flag : '▲'}</text>` : ''}`);
      })}`)}`;
  }
}
