// A score band as results name it, shared by one account's result (score.ts) and the parents'
// roll-ups (book.ts). Internal: the package exports the BandRef type through score.ts.
import type { HealthBand } from './model.js';

export interface BandRef { id: string; label: string; tone: HealthBand['tone']; min: number; max: number }

/** A copy of the band: results never share the model's objects. */
export function bandRef(b: HealthBand): BandRef {
  return { id: b.id, label: b.label, tone: b.tone, min: b.min, max: b.max };
}
