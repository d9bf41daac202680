import { html, svg, type PropertyDeclarations } from 'lit';
import type { ConversionStep, PipelineAnalytics } from '@kamkit/core/analytics';
import { formatNumber, formatPercent } from '../shared/i18n.js';
import type { ChartTable } from '../shared/chart/chart-base.js';
import { KamPipelineChart } from '../shared/chart/pipeline-chart.js';
import { scaleLinear } from '../shared/chart/scale.js';
import { selectField } from '../shared/select-field.js';
import { funnelT } from './strings.js';
import { styles } from './kam-funnel-chart.styles.js';

/**
 * Stage conversion as a funnel, from `pipelineAnalytics().conversion`: all-stage (only deals
 * that passed every earlier stage) or any-stage (every deal that touched the stage).
 *
 * @summary Pipeline funnel: deals entering each stage and the conversion to the next.
 * @fires kam-chart-export - when the CSV export is asked for (cancelable; detail {csv, filename})
 * @fires kam-retry - when Retry is pressed on a store that failed to load (the provider loads again; detail {source})
 * @csspart chart - the whole chart
 * @csspart header - title and actions
 * @csspart plot - the drawing
 * @csspart tooltip - the tooltip of the focused / hovered mark
 * @csspart table - the data-table alternative
 * @csspart notes - explanations of excluded or odd data
 * @csspart state - the loading / empty / error message
 * @cssprop --kam-color-accent - bar colour
 */
export class KamFunnelChart extends KamPipelineChart {
  static override styles = styles;

  static override properties: PropertyDeclarations = { mode: { reflect: true } };

  /** `all-stage` (fall-through) or `any-stage`. */
  mode: 'all-stage' | 'any-stage' = 'all-stage';

  protected chartTitle(): string { return funnelT(this.resolvedLocale, 'title'); }

  private steps(a: PipelineAnalytics): ConversionStep[] {
    return this.mode === 'any-stage' ? a.conversion.anyStage : a.conversion.allStage;
  }

  /**
   * The steps' stage names. The core merges every won stage into one last step named 'Won': a
   * pipeline with one won stage shows that stage's own name ('Renewed', '赢单'), as every other
   * stage does; only several merged won stages read as the localised "Won".
   */
  private stepNames(a: PipelineAnalytics, steps: ConversionStep[]): string[] {
    const won = a.summary.stages.filter((x) => x.kind === 'won');
    const wonName = won.length === 1 ? won[0].name : funnelT(this.resolvedLocale, 'won');
    return steps.map((s) => s.stageId === 'won' ? wonName : s.name);
  }

  protected isEmpty(a: PipelineAnalytics): boolean { return !this.steps(a).some((s) => s.entered > 0); }

  protected table(a: PipelineAnalytics): ChartTable {
    const l = this.resolvedLocale;
    const steps = this.steps(a), names = this.stepNames(a, steps);
    const n = (v: number) => formatNumber(l, v), pct = (v: number) => formatPercent(l, v, 1);
    return {
      columns: ['stage', 'entered', 'advanced', 'stillIn', 'rate', 'fromStart'].map((k) => funnelT(l, k as 'stage')),
      rows: steps.map((s, i) => [names[i], s.entered, s.advanced, s.stillIn, s.rate ?? null, s.fromStart ?? null]),
      format: [undefined, n, n, n, pct, pct],
    };
  }

  protected plot(a: PipelineAnalytics, width: number) {
    const l = this.resolvedLocale;
    const steps = this.steps(a), names = this.stepNames(a, steps);
    const pct = (v: number | undefined) => formatPercent(l, v, 0);
    const rates = steps.map((s) => `${formatNumber(l, s.entered)} · ${pct(s.rate)}`);
    // Stage names get what they need up to 30 % of the width (then an ellipsis); the figures at the right always fit.
    const labelW = Math.min(140, width * 0.3, this.widest(names) + 10);
    const rateW = this.widest(rates) + 8;
    const rowH = 30, h = steps.length * rowH;
    const x = scaleLinear([0, Math.max(1, ...steps.map((s) => s.entered))], [0, Math.max(10, width - labelW - rateW)]);
    return html`
      ${selectField(funnelT(l, 'mode'), 'mode', this.mode, [['all-stage', funnelT(l, 'allStage')], ['any-stage', funnelT(l, 'anyStage')]], (v) => { this.mode = v; })}
      ${this.frame(width, h, steps.map((s, i) => {
          const w = x(s.entered), y = i * rowH;
          const label = funnelT(l, 'mark', { stage: names[i], entered: formatNumber(l, s.entered), advanced: formatNumber(l, s.advanced), still: formatNumber(l, s.stillIn), rate: pct(s.rate), fromStart: pct(s.fromStart) });
          return this.mark(label, svg`
            <rect class="bar ${s.stageId === 'won' ? 'won' : ''}" x=${labelW + (x.range[1] - w) / 2} y=${y + 3} width=${Math.max(1, w)} height=${rowH - 6}></rect>
            <text x=${labelW - 6} y=${y + rowH / 2} dy="0.32em" text-anchor="end">${this.fit(names[i], labelW - 6)}</text>
            <text class="rate" x=${labelW + x.range[1] + 4} y=${y + rowH / 2} dy="0.32em">${rates[i]}</text>`);
        }))}`;
  }
}
