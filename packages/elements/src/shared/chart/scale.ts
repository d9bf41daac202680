// The charts' linear map, band scale, colour ramp and line path. d3-scale's scaleLinear is not used:
// it drags in d3-interpolate, d3-color and d3-format (~7.8 KB gzip) for a one-line map (the charts
// format with Intl); ticks and nice() are d3-array's. Nor is its scaleBand (with d3-scale's ordinal,
// InternMap and d3-array's range, ~2.5 KB minified, for a dozen lines of arithmetic), nor d3-shape's
// line(): with d3-path it is ~3.7 KB (minified) for a string of M / L commands. scale.test.ts checks
// them against d3's own.
import { nice, ticks } from 'd3-array';

/** A linear map from `domain` to `range` (not clamped), with d3's ticks(). */
export interface LinearScale {
  (x: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** About `count` round values spanning the domain (d3-array's ticks). */
  ticks(count?: number): number[];
}

export function scaleLinear(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  let [d0, d1] = domain, [r0, r1] = range;
  if (d1 < d0) [d0, d1, r0, r1] = [d1, d0, r1, r0]; // as d3's bimap: a descending domain maps reversed
  const span = d1 - d0;
  // d3-scale's normalize (a zero-width domain maps to the middle) and d3-interpolate's number interpolation
  const f = ((x: number) => {
    const t = span ? (x - d0) / span : isNaN(span) ? NaN : 0.5;
    return r0 * (1 - t) + r1 * t;
  }) as LinearScale;
  return Object.assign(f, {
    domain: [domain[0], domain[1]] as const,
    range: [range[0], range[1]] as const,
    ticks: (count = 10) => ticks(domain[0], domain[1], count),
  });
}

/** A band scale: each domain value's band start, as d3-scale's `scaleBand(domain, range).padding(padding)`. */
export interface BandScale {
  /** Where `x`'s band starts (undefined for a value not in the domain). */
  (x: string): number | undefined;
  bandwidth(): number;
  /** Band plus the padding between two bands. */
  step(): number;
}

/** d3-scale's band rescale to the float (unrounded, centred: align 0.5), a repeated domain value counted once. */
export function scaleBand(domain: readonly string[], range: readonly [number, number], padding: number): BandScale {
  const keys = [...new Set(domain)], n = keys.length, inner = Math.min(1, padding);
  const [r0, r1] = range, reverse = r1 < r0, stop = reverse ? r0 : r1;
  let start = reverse ? r1 : r0;
  const step = (stop - start) / Math.max(1, n - inner + padding * 2);
  start += (stop - start - step * (n - inner)) * 0.5;
  const bandwidth = step * (1 - inner);
  const at = new Map(keys.map((k, i) => [k, start + step * (reverse ? n - 1 - i : i)]));
  return Object.assign((x: string) => at.get(x), { bandwidth: () => bandwidth, step: () => step });
}

/** The domain widened to round values, as d3-scale's linear.nice(count): d3-array's nice(), which wants start ≤ stop. */
export function niceDomain(domain: readonly [number, number], count = 10): [number, number] {
  const [d0, d1] = domain;
  if (d1 < d0) { const [a, b] = nice(d1, d0, count); return [b, a]; }
  return nice(d0, d1, count);
}

/**
 * The SVG path through `points`, broken where one is missing: d3-shape's line().defined() with its
 * linear curve, to the character (3 decimals, as its default digits; a lone point is `M x,y Z`).
 */
export function linePath(points: ReadonlyArray<readonly [number, number] | undefined>): string {
  let d = '', n = 0;
  const r = (v: number) => Math.round(v * 1e3) / 1e3;
  for (const p of [...points, undefined]) {
    if (p) d += `${n++ ? 'L' : 'M'}${r(p[0])},${r(p[1])}`;
    else { if (n === 1) d += 'Z'; n = 0; }
  }
  return d;
}
