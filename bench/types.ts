// The contract every `npm run bench` workload file meets (bench/node/*.bench.ts run in Node,
// bench/browser/*.bench.ts run in headless Chromium). Each run measures the workload and its
// baseline in the same process; the harness reports medians and ratio = value / baseline.
export interface Measurement {
  /** The workload's figure (e.g. milliseconds). */
  value: number;
  /** The baseline's figure, measured in the same run (or a fixed budget such as 8.33 ms). */
  baseline: number;
  /** Extra figures worth printing (e.g. DOM node counts); numbers are reported as medians. */
  extra?: Record<string, number | string>;
  /** The figures of the further lines the workload declares in `lines`, keyed by line name. */
  lines?: Record<string, { value: number; baseline: number }>;
}

/** A further figure a workload reports as a line of its own (median over the same runs). */
export interface Line {
  name: string;
  unit: string;
  baselineLabel: string;
  /** The ratio the figure should stay at or under. */
  goal?: number;
}

export interface Workload<Ctx = unknown> {
  name: string;
  unit: string;
  /** What the baseline is, in a few words. */
  baselineLabel: string;
  /** The ratio (value / baseline) the workload should stay at or under, from its issue. */
  goal?: number;
  /** Further figures reported as lines of their own; each run's `lines` gives them. */
  lines?: Line[];
  /** How many measured runs (median reported). Default 5. */
  runs?: number;
  /** Built once, before the runs (data generation is not measured). */
  setup?: () => Promise<Ctx> | Ctx;
  measure: (ctx: Ctx) => Promise<Measurement> | Measurement;
  teardown?: (ctx: Ctx) => Promise<void> | void;
}

export function defineWorkload<Ctx>(w: Workload<Ctx>): Workload<Ctx> {
  return w;
}

/** High-resolution milliseconds for an async or sync function. */
export async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
