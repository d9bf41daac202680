import { describe, it, expect } from 'vitest';
// @ts-expect-error plain ESM script without types
import { measureSizes } from '../../scripts/size.mjs';

interface Row { name: string; raw: number; gzip: number; budget: number; ok: boolean }

describe('size budgets (minified + gzip)', () => {
  it('every entry stays within its budget', async () => {
    const rows: Row[] = await measureSizes();
    // print the sizes so a failing run shows what grew
    console.log(rows.map((r) => `${r.name}: ${(r.gzip / 1024).toFixed(1)} KB of ${(r.budget / 1024).toFixed(0)} KB`).join('\n'));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.filter((r) => !r.ok).map((r) => `${r.name} ${(r.gzip / 1024).toFixed(1)} KB > ${(r.budget / 1024).toFixed(0)} KB`)).toEqual([]);
  }, 120_000);
});
