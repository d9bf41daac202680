// The retention chart's cohort grid (NRR per first-order cohort and later period): its own chunk,
// fetched the first time a chart shows the cohort view (the default view is by period), and
// shared by every retention chart on the page (see shared/lazy-part.ts). It imports only lit: what else
// it needs comes from its chart, as a module the main bundle shares with this chunk would be split
// into a chunk of its own, one more file up front.
import { svg, type SVGTemplateResult } from 'lit';
import type { Retention } from '@kamkit/core/analytics';
import type { BandScale } from '../shared/chart/scale.js';

/** What the grid needs of its chart: its keyboard-reachable marks, its text measure, its scales and words. */
export interface CohortHost {
  mark(label: string, body: SVGTemplateResult): SVGTemplateResult;
  every(labels: string[], step: number): number;
  band(domain: string[], range: [number, number], padding: number): BandScale;
  /** The cell's colour for an NRR. */
  tone(nrr: number): string;
  pct(v: number | undefined): string;
  /** The mark's label of a cell. */
  label(cohort: string, p: Retention['cohorts'][number]['periods'][number]): string;
}

/** The grid's drawing (`width` px wide) and its height. */
export function cohortGrid(host: CohortHost, d: Retention, width: number): [SVGTemplateResult, number] {
  const { pct, tone } = host;
  const cols = [...new Set(d.cohorts.flatMap((c) => c.periods.map((p) => p.period)))].sort();
  const rowH = 22, h = d.cohorts.length * rowH + 24, lw = 64;
  const x = host.band(cols, [lw, width - 4], 0.05);
  // The figure on a cell is dark on the light (yellowish) cells, white on the dark (red, green) ones, in
  // either theme (the theme's text colour was white on yellow in the dark theme): the ramp's relative
  // luminance passes 0.2, where white and the dark ink contrast about equally, at NRR 33 % and 136 %.
  const ink = (nrr: number) => (nrr > 0.33 && nrr < 1.36 ? 'ink-dark' : 'ink-light');
  const skip = host.every(cols, x.step());
  return [svg`
    <g class="axis" aria-hidden="true">
      ${cols.map((p, i) => i % skip ? '' : svg`<text x=${x(p)! + x.bandwidth() / 2} y=${h - 8} text-anchor="middle">${p}</text>`)}
    </g>
    ${d.cohorts.map((c, i) => svg`
      <text x=${lw - 4} y=${i * rowH + 11} dy="0.32em" text-anchor="end">${c.cohort}</text>
      ${c.periods.map((p) => host.mark(host.label(c.cohort, p), svg`
        <rect x=${x(p.period)!} y=${i * rowH + 1} width=${x.bandwidth()} height=${rowH - 2} fill=${p.nrr === undefined ? 'none' : tone(p.nrr)}></rect>
        ${x.bandwidth() > 34 ? svg`<text class=${p.nrr === undefined ? '' : ink(p.nrr)} x=${x(p.period)! + x.bandwidth() / 2} y=${i * rowH + 11} dy="0.32em" text-anchor="middle">${pct(p.nrr)}</text>` : ''}`))}`)}`, h];
}
