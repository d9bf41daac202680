// The stage-move flow shared by <kam-pipeline-board> and <kam-stage-path>: check a move against
// the store's rules (or the same rules locally when there is no store), explain refusals in the
// user's language, and ask for the close reason and date in an accessible dialog.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { applyStageMove, checkStageMove, fieldLabel, type MoveCheck, type MoveInput, type MoveRefusal, type Opportunity, type OutboxEntry, type Pipeline, type Stage } from '@kamkit/core';
import type { KamStore } from '../shared/context.js';
import { defineStrings, formatDate, type Locale } from '../shared/i18n.js';

/** detail of `kam-stage-move` (cancellable, fired before a move is checked and applied). */
export interface StageMoveDetail {
  opportunity: Opportunity;
  /** The stage the deal is in (undefined when its stage is not in the pipeline). */
  from?: Stage;
  to: Stage;
  /** Position in the target column chosen by the user (board only). */
  index?: number;
}

/** detail of `kam-stage-moved` (fired after a move was applied). */
export interface StageMovedDetail {
  /** The deal as it is after the move. */
  opportunity: Opportunity;
  from?: Stage;
  to: Stage;
  /** The outbox entry when a store took the write. */
  entry?: OutboxEntry;
  /** Reason and date given for a won / lost move. */
  input?: MoveInput;
}

declare global {
  interface HTMLElementEventMap {
    'kam-stage-move': CustomEvent<StageMoveDetail>;
    'kam-stage-moved': CustomEvent<StageMovedDetail>;
  }
}

const refusalStrings = defineStrings({
  en: {
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
  },
  'zh-CN': {
    unknown_opportunity: '此商机已不存在。',
    unknown_stage: '{stage}不是本管道的阶段。',
    same_stage: '已在{stage}。',
    skip_not_allowed: '此管道不允许跳过阶段。',
    backward_not_allowed: '此管道不允许回退阶段。',
    reopen_not_allowed: '此管道不允许重新打开已关闭的商机。',
    missing_field: '请先填写{field}。',
    checklist_incomplete: '请先勾选“{item}”。',
    reason_required: '请填写原因。',
    date_required: '请填写日期。',
    invalid_date: '日期须为今天或之前的有效日期。',
  },
});

const zhFieldLabels: Record<string, string> = {
  'nextStep.text': '下一步',
  'nextStep.dueDate': '下一步截止日期',
  amount: '金额',
  'amount.amount': '金额',
  closeDate: '预计成交日期',
  ownerId: '负责人',
  probability: '赢率',
  forecastCategory: '预测类别',
  name: '名称',
  wonReason: '赢单原因',
  lostReason: '输单原因',
  closedAt: '关闭日期',
};

/** A field path in words: the pipeline's own vocabulary in zh-CN where known, else the core's label. */
export function localFieldLabel(locale: Locale, path: string): string {
  return (locale === 'zh-CN' && zhFieldLabels[path]) || fieldLabel(path);
}

function checklistLabel(pipeline: Pipeline | undefined, itemId: string | undefined): string | undefined {
  if (!pipeline || !itemId) return undefined;
  for (const s of pipeline.stages) for (const c of s.entryCriteria?.checklist ?? []) if (c.id === itemId) return c.label;
  return undefined;
}

/**
 * One refusal in the user's language. English keeps the store's own sentence (it names skipped
 * stages and fields precisely); other languages are built from the reason code.
 */
export function refusalText(locale: Locale, r: MoveRefusal, pipeline: Pipeline | undefined, to: Stage | undefined): string {
  if (locale === 'en' && r.message) return r.message;
  return refusalStrings(locale, r.code, {
    stage: to?.name ?? '',
    field: r.field ? localFieldLabel(locale, r.field) : '',
    item: checklistLabel(pipeline, r.field) ?? r.field ?? '',
  });
}

/** The refusals that the close dialog answers (reason / date), as opposed to real blockers. */
const closeCodes = new Set<MoveRefusal['code']>(['reason_required', 'date_required', 'invalid_date']);
export function onlyCloseFields(reasons: readonly MoveRefusal[]): boolean {
  return reasons.every((r) => closeCodes.has(r.code));
}

export function closeKind(stage: Stage | undefined): 'won' | 'lost' | undefined {
  const k = stage?.kind ?? 'open';
  return k === 'open' ? undefined : k;
}

/** Checks a move with the store when it can, else with the same rules over the given records. */
export function checkMove(store: KamStore | undefined, opp: Opportunity, pipeline: Pipeline, toStageId: string, input: MoveInput, now: Date): MoveCheck {
  if (store?.checkMove && store.get('opportunities', opp.id)) return store.checkMove(opp.id, toStageId, input);
  return checkStageMove(opp, pipeline, opp.id, toStageId, input, now);
}

/** Applies a move: through the store (optimistic + outbox) when it has one, else to a local copy. */
export async function applyMove(
  store: KamStore | undefined, opp: Opportunity, pipeline: Pipeline, to: Stage, input: MoveInput, now: Date,
): Promise<{ check: MoveCheck; after?: Opportunity; entry?: OutboxEntry }> {
  if (store?.moveStage && store.get('opportunities', opp.id)) {
    const result = await store.moveStage(opp.id, to.id, input);
    return { check: result, after: result.ok ? store.get('opportunities', opp.id) : undefined, entry: result.entry };
  }
  const check = checkStageMove(opp, pipeline, opp.id, to.id, input, now);
  if (!check.ok) return { check };
  return { check, after: applyStageMove(opp, to, input, now) };
}

// ——— the close (won / lost) dialog ———

const dialogStrings = defineStrings({
  en: {
    wonTitle: 'Close “{name}” as won',
    lostTitle: 'Close “{name}” as lost',
    intro: 'Moving to {stage} closes the deal.',
    wonReason: 'Why was it won?',
    lostReason: 'Why was it lost?',
    wonDate: 'Date won',
    lostDate: 'Date lost',
    required: 'required',
    optional: 'optional',
    confirm: 'Close the deal',
    cancel: 'Cancel',
  },
  'zh-CN': {
    wonTitle: '将“{name}”标记为赢单',
    lostTitle: '将“{name}”标记为输单',
    intro: '移至{stage}将关闭此商机。',
    wonReason: '赢单原因',
    lostReason: '输单原因',
    wonDate: '赢单日期',
    lostDate: '输单日期',
    required: '必填',
    optional: '选填',
    confirm: '关闭商机',
    cancel: '取消',
  },
});

export interface CloseDialogState {
  oppId: string;
  oppName: string;
  to: Stage;
  kind: 'won' | 'lost';
  requires: { reason: boolean; date: boolean };
  reason: string;
  date: string;
  errors: MoveRefusal[];
  /** Position in the target column, carried through to the move (board only). */
  index?: number;
  busy?: boolean;
  /** Latest date the picker offers (today by the element's clock). */
  maxDate: string;
}

export function newCloseDialog(opp: Opportunity, pipeline: Pipeline, to: Stage, now: Date, index?: number): CloseDialogState {
  const kind = closeKind(to)!;
  const rules = pipeline.rules;
  const requires = (kind === 'won' ? rules?.wonRequires : rules?.lostRequires) ?? { reason: false, date: false };
  return {
    oppId: opp.id, oppName: opp.name, to, kind, index,
    requires: { reason: !!requires.reason, date: !!requires.date },
    reason: (kind === 'won' ? opp.wonReason : opp.lostReason) ?? '',
    date: now.toISOString().slice(0, 10),
    maxDate: now.toISOString().slice(0, 10),
    errors: [],
  };
}

/**
 * The dialog as a native <dialog> (modal: the browser traps focus and makes the page inert).
 * The host opens it with `showModal()` once rendered (see `syncCloseDialog`).
 */
export function renderCloseDialog(
  locale: Locale,
  state: CloseDialogState | undefined,
  pipeline: Pipeline | undefined,
  handlers: { submit: (reason: string, date: string) => void; cancel: () => void },
): TemplateResult | typeof nothing {
  if (!state) return nothing;
  const s = (k: Parameters<typeof dialogStrings>[1], p?: Record<string, string>) => dialogStrings(locale, k, p);
  const won = state.kind === 'won';
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const reason = (form.elements.namedItem('reason') as HTMLTextAreaElement).value;
    const date = (form.elements.namedItem('date') as HTMLInputElement).value;
    handlers.submit(reason, date);
  };
  const onCancel = (e: Event) => {
    e.preventDefault();
    handlers.cancel();
  };
  const need = (required: boolean) => `(${s(required ? 'required' : 'optional')})`;
  return html`
    <dialog class="close-dialog ${state.kind}" part="close-dialog" aria-labelledby="close-title" aria-describedby="close-intro"
      @cancel=${onCancel}>
      <form @submit=${onSubmit}>
        <h2 id="close-title">${s(won ? 'wonTitle' : 'lostTitle', { name: state.oppName })}</h2>
        <p id="close-intro">${s('intro', { stage: state.to.name })}</p>
        <label class="field">
          <span>${s(won ? 'wonReason' : 'lostReason')} <span class="hint">${need(state.requires.reason)}</span></span>
          <textarea name="reason" rows="3" .value=${live(state.reason)} ?required=${state.requires.reason}
            aria-invalid=${state.errors.some((e) => e.code === 'reason_required') ? 'true' : 'false'}></textarea>
        </label>
        <label class="field">
          <span>${s(won ? 'wonDate' : 'lostDate')} <span class="hint">${need(state.requires.date)}</span></span>
          <input type="date" name="date" .value=${live(state.date)} ?required=${state.requires.date}
            max=${state.maxDate}
            aria-invalid=${state.errors.some((e) => e.code === 'date_required' || e.code === 'invalid_date') ? 'true' : 'false'} />
        </label>
        ${state.errors.length
          ? html`<ul class="dialog-errors" role="alert">${state.errors.map((r) => html`<li>${refusalText(locale, r, pipeline, state.to)}</li>`)}</ul>`
          : nothing}
        <div class="dialog-actions">
          <button type="button" class="secondary" @click=${onCancel}>${s('cancel')}</button>
          <button type="submit" class="primary" ?disabled=${state.busy}>${s('confirm')}</button>
        </div>
      </form>
    </dialog>`;
}

/** Opens the rendered dialog modally (a no-op when already open or absent). */
export function syncCloseDialog(root: ShadowRoot | null): void {
  const dialog = root?.querySelector('dialog.close-dialog') as HTMLDialogElement | null;
  if (dialog && !dialog.open) {
    dialog.showModal();
    (dialog.querySelector('textarea') as HTMLElement | null)?.focus();
  }
}

export function formatShortDate(locale: Locale, iso: string | undefined): string {
  return formatDate(locale, iso, { dateStyle: 'medium' });
}
