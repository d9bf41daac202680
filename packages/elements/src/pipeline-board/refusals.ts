// Why a move is refused, in the user's language. Loaded with the parts that show refusals (the
// card notices and the close dialog), not with the board itself.
import type { MoveRefusal, Pipeline, Stage } from '@kamkit/core';
import type { Locale, Translator } from '../shared/i18n.js';
import type { Rules } from './parts.js';

const en = {
  unknown_opportunity: 'This deal no longer exists.',
  unknown_stage: '{stage} is not a stage of this pipeline.',
  same_stage: 'It is already in {stage}.',
  skip_not_allowed: 'This pipeline does not allow skipping stages.',
  backward_not_allowed: 'This pipeline does not allow moving back.',
  reopen_not_allowed: 'This pipeline does not allow reopening closed deals.',
  missing_field: 'Fill in {field} first.',
  checklist_incomplete: 'Tick “{item}” first.',
  reason_required: 'Give a reason.',
  date_required: 'Give the date.',
  invalid_date: 'The date must be a valid date on or before today.',
};
/** The refusal reasons' strings (refusals.zh-CN.ts is checked against them). */
export type RefusalsEn = typeof en;
// The field paths' zh-CN words come in the same module (its own copy of field-labels.ts' lookup:
// imported from here, field-labels.ts, which the elements have up front, would be one more file
// loaded up front). The elements fetch them for their own fields with their zh-CN table.
let zhFieldLabels: Record<string, string> = {};
let refusalStrings: Translator<keyof RefusalsEn> | undefined;
/**
 * The refusals' translator, made the first time it is needed with the element's `defineStrings`
 * (parts.ts' `rules`): imported here, shared/i18n.ts would be shared with the page as a file of its own.
 */
const strings = (define: Rules['defineStrings']) =>
  (refusalStrings ??= define<RefusalsEn>({ id: 'refusals', en, 'zh-CN': () => import('./refusals.zh-CN.js').then((m) => { zhFieldLabels = m.fieldLabels; return m; }) }));

/**
 * An element's zh-CN table, ready once the refusals' and field paths' words are here too: a
 * refusal is also said outside a render (announcements), where a table on its way would give English.
 */
export const withRefusalWords = <M>(table: Promise<M>, define: Rules['defineStrings']): Promise<M> => strings(define).load('zh-CN').then(() => table);

function checklistLabel(pipeline: Pipeline | undefined, itemId: string | undefined): string | undefined {
  if (!pipeline || !itemId) return undefined;
  for (const s of pipeline.stages) for (const c of s.entryCriteria?.checklist ?? []) if (c.id === itemId) return c.label;
  return undefined;
}

/**
 * One refusal in the user's language. English keeps the store's own sentence (it names skipped
 * stages and fields precisely); other languages are built from the reason code. `rules` are the
 * element's (parts.ts: imported here, the core's modules would be a file of their own up front).
 */
export function refusalText(locale: Locale, r: MoveRefusal, pipeline: Pipeline | undefined, to: Stage | undefined, rules: Rules): string {
  if (locale === 'en' && r.message) return r.message;
  return strings(rules.defineStrings)(locale, r.code, {
    stage: to?.name ?? '',
    field: r.field ? (locale === 'zh-CN' && zhFieldLabels[r.field]) || rules.fieldLabel(r.field) : '',
    item: checklistLabel(pipeline, r.field) ?? r.field ?? '',
  });
}
