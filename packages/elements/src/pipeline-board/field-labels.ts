// Field paths in words: the cards' extra fields, the stage path's key fields.
import { fieldLabel } from '@kamkit/core';
import type { Locale } from '../shared/i18n.js';

// The zh-CN words (CJK is 3 bytes a character): with the refusals' in refusals.zh-CN.ts, fetched
// with the element's own zh-CN table (its strings.ts). Up front with the elements only: refusals.ts
// (lazy) keeps its own lookup of the same words, not an import of this module.
let zhFieldLabels: Record<string, string> = {};

/** The zh-CN words of the refusals and the field paths: one module, fetched once. */
export const loadZhWords = () => import('./refusals.zh-CN.js').then((m) => { zhFieldLabels = m.fieldLabels; return m; });

/** A field path in words: the pipeline's own vocabulary in zh-CN where known, else the core's label. */
export function localFieldLabel(locale: Locale, path: string): string {
  return (locale === 'zh-CN' && zhFieldLabels[path]) || fieldLabel(path);
}
