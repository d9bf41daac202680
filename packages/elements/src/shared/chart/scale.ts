// The charts' scales. d3-scale's scaleLinear brings d3-interpolate, d3-color and d3-format
// (~21 KB minified) for what the charts use of it: a number-to-number map, nice() and ticks();
// and d3-scale's and d3-array's single-file builds do not tree-shake (scaleBand and ticks() alone
// cost ~5.5 KB minified). These do the same arithmetic as d3-scale 4 and d3-array 3 (same
// operations in the same order, so the same pixels and ticks); scale.test.ts checks them against
// d3 itself. d3-array's tick logic (ISC licence, © Mike Bostock) is transcribed below.

const e10 = Math.sqrt(50), e5 = Math.sqrt(10), e2 = Math.sqrt(2);

function tickSpec(start: number, stop: number, count: number): [number, number, number] {
  const step = (stop - start) / Math.max(0, count),
    power = Math.floor(Math.log10(step)),
    error = step / Math.pow(10, power),
    factor = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1;
  let i1: number, i2: number, inc: number;
  if (power < 0) {
    inc = Math.pow(10, -power) / factor;
    i1 = Math.round(start * inc);
    i2 = Math.round(stop * inc);
    if (i1 / inc < start) ++i1;
    if (i2 / inc > stop) --i2;
    inc = -inc;
  } else {
    inc = Math.pow(10, power) * factor;
    i1 = Math.round(start / inc);
    i2 = Math.round(stop / inc);
    if (i1 * inc < start) ++i1;
    if (i2 * inc > stop) --i2;
  }
  if (i2 < i1 && 0.5 <= count && count < 2) return tickSpec(start, stop, count * 2);
  return [i1, i2, inc];
}

/** d3-array's tickIncrement: the tick step, negative for the inverse of a step below 1. */
export function tickIncrement(start: number, stop: number, count: number): number {
  return tickSpec(start, stop, count)[2];
}

/** d3-array's ticks(): about `count` round values from `start` to `stop`. */
export function ticks(start: number, stop: number, count: number): number[] {
  if (!(count > 0)) return [];
  if (start === stop) return [start];
  const reverse = stop < start, [i1, i2, inc] = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count);
  if (!(i2 >= i1)) return [];
  const n = i2 - i1 + 1, out = new Array<number>(n);
  for (let i = 0; i < n; ++i) {
    const k = reverse ? i2 - i : i1 + i;
    out[i] = inc < 0 ? k / -inc : k * inc;
  }
  return out;
}

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

/** The domain widened to round values, as d3-scale's linear.nice(count). */
export function niceDomain(domain: readonly [number, number], count = 10): [number, number] {
  const d: [number, number] = [domain[0], domain[1]];
  let i0 = 0, i1 = 1, start = d[0], stop = d[1];
  if (stop < start) { [start, stop] = [stop, start]; [i0, i1] = [1, 0]; }
  let prestep: number | undefined;
  for (let maxIter = 10; maxIter-- > 0;) {
    const step = tickIncrement(start, stop, count);
    if (step === prestep) { d[i0] = start; d[i1] = stop; return d; }
    if (step > 0) { start = Math.floor(start / step) * step; stop = Math.ceil(stop / step) * step; }
    else if (step < 0) { start = Math.ceil(start * step) / step; stop = Math.floor(stop * step) / step; }
    else break;
    prestep = step;
  }
  return d;
}

/**
 * A clamped colour ramp through `#rrggbb` stops at ascending `domain` values, as
 * `scaleLinear<string>().domain(domain).range(colors).clamp(true)` (RGB interpolation, `rgb(r, g, b)` out).
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

/** A band scale: each key's band start, with the band's width and the step between bands. */
export interface BandScale {
  (key: string): number | undefined;
  bandwidth(): number;
  step(): number;
}

/** As d3-scale's `scaleBand().domain(keys).range(range).padding(padding)` (centred, not rounded). */
export function scaleBand(keys: readonly string[], range: readonly [number, number], padding = 0): BandScale {
  const order = [...new Set(keys)];
  const n = order.length, [r0, r1] = range, reverse = r1 < r0;
  const inner = Math.min(1, padding);
  let start = reverse ? r1 : r0;
  const stop = reverse ? r0 : r1;
  const step = (stop - start) / Math.max(1, n - inner + padding * 2);
  start += (stop - start - step * (n - inner)) * 0.5;
  const bandwidth = step * (1 - inner);
  const at = new Map(order.map((k, i) => [k, start + step * (reverse ? n - 1 - i : i)]));
  return Object.assign((key: string) => at.get(key), { bandwidth: () => bandwidth, step: () => step });
}
