import { describe, it, expect } from 'vitest';
// @ts-expect-error plain ESM script without types
import { measureSizes, formatTable } from '../../scripts/size.mjs';

interface Row { name: string; raw: number; gzip: number; budget?: number; ok: boolean; ceiling?: number; withinCeiling: boolean }

describe('size budgets (minified + gzip)', () => {
  it('every entry stays within its budget', async () => {
    const rows: Row[] = await measureSizes();
    // print the table so every run (and a failing one above all) shows what grew
    console.log(formatTable(rows));
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['@kamkit/core', '@kamkit/elements/pipeline-board', '@kamkit/elements/dashboard (+ d3)', 'whole library']));
    const over = rows.filter((r) => !r.ok);
    if (over.length) console.warn(`over budget (known, tracked by issue 8): ${over.map((r) => r.name).join(', ')}`);
    // over budget with no recorded ceiling, or grown past its ceiling: fail
    expect(rows.filter((r) => !r.withinCeiling).map((r) => `${r.name} ${(r.gzip / 1024).toFixed(1)} KB > ${((r.ceiling ?? r.budget ?? 0) / 1024).toFixed(1)} KB`)).toEqual([]);
    // every entry within its budget stays so
    expect(rows.filter((r) => r.ceiling === undefined && !r.ok).map((r) => r.name)).toEqual([]);
    // the main core entry has no ceiling: it fits
    expect(rows.find((r) => r.name === '@kamkit/core')).toMatchObject({ ok: true, ceiling: undefined });
  }, 300_000); // ~35 bundles, each through esbuild and terser: ~30 s on a busy 2-CPU machine
});
