// The retention chart's cohort grid (NRR per first-order cohort and later period): its own chunk,
// fetched the first time a chart shows the cohort view (the default view is by period), and
// shared by every retention chart on the page (see shared/lazy-part.ts). It imports nothing at run
// time: what it needs (lit's `svg` too) comes from its chart, as a module the main bundle shares with
// this chunk would be split into a chunk of its own, one more file up front.
import type { svg as Svg, SVGTemplateResult } from 'lit';
import type { Retention } from '@kamkit/core/analytics';
import type { BandScale } from '../shared/chart/scale.js';

/** What the grid needs of its chart: its keyboard-reachable marks, its text measure, its scales and words. */
export interface CohortHost {
  svg: typeof Svg;
  mark(label: string, body: SVGTemplateResult): SVGTemplateResult;
  every(labels: string[], step: number): number;
  band(domain: string[], range: [number, number], padding: number): BandScale;
  pct(v: number | undefined): string;
  /** The mark's label of a cell. */
  label(cohort: string, p: Retention['cohorts'][number]['periods'][number]): string;
}

/**
 * A clamped colour ramp through `#rrggbb` stops at ascending `domain` values, as
 * `scaleLinear<string>().domain(domain).range(colors).clamp(true)` (RGB interpolation, `rgb(r, g, b)` out).
 * Here, not in scale.ts: only the grid uses it, so it comes with this chunk, not up front.
 */
export function colorRamp(domain: readonly number[], colors: readonly string[]): (x: number) => string {
  const stops = colors.map((c) => { const n = parseInt(c.slice(1), 16); return [n >> 16 & 255, n >> 8 & 255, n & 255]; });
  const j = Math.min(domain.length, colors.length) - 1;
  const lo = domain[0], hi = domain[j];
  const channel = (v: number) => Math.max(0, Math.min(255, Math.round(v) || 0));
  return (x: number) => {
    x = Math.max(lo, Math.min(hi, x));
    let i = 0;
    while (i < j - 1 && x >= domain[i + 1]) i++; // d3's bisectRight(domain, x, 1, j) - 1
    const span = domain[i + 1] - domain[i];
    const t = span ? (x - domain[i]) / span : 0.5;
    const [a, b] = [stops[i], stops[i + 1]];
    return `rgb(${channel(a[0] + t * (b[0] - a[0]))}, ${channel(a[1] + t * (b[1] - a[1]))}, ${channel(a[2] + t * (b[2] - a[2]))})`;
  };
}

/** A cell's colour for its NRR: red at 0, yellow at 100 %, green from 150 %. */
const tone = colorRamp([0, 1, 1.5], ['#b42318', '#f2cc60', '#146c2e']);

/** The grid's drawing (`width` px wide) and its height. */
export function cohortGrid(host: CohortHost, d: Retention, width: number): [SVGTemplateResult, number] {
  const { pct, svg } = host;
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
