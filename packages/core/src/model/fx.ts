// The FX table schemas (re-exported by money.ts): validation for a table you load yourself.
import * as z from 'zod/mini';
import { CurrencyCode, IsoDateTime } from './schemas.js';
import { mapOf } from './map-of.js';

const positiveRate = z.number().check(z.refine((n) => Number.isFinite(n) && n > 0, 'must be a positive number'));

/** Rates on one date: `rates[C]` is how many units of `base` one unit of `C` buys. */
export const FxSnapshot = z.object({
  date: IsoDateTime,
  base: CurrencyCode,
  rates: mapOf(positiveRate, CurrencyCode),
});
export type FxSnapshot = z.infer<typeof FxSnapshot>;

/** A named FX table ("Treasury month-end", "Budget 2026"), with one or more dated snapshots. */
export const FxTable = z.object({
  // refinements rather than minLength checks: see schemas.ts
  name: z.string().check(z.refine((s) => s.length > 0, 'must not be empty')),
  snapshots: z.array(FxSnapshot).check(z.refine((a) => a.length > 0, 'needs at least one dated snapshot')),
});
export type FxTable = z.infer<typeof FxTable>;
