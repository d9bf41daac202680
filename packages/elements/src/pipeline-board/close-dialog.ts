// The won / lost dialog: asks for the close reason and date in an accessible modal dialog. Shared
// by <kam-pipeline-board> (which loads it on demand, the first time a deal is closed) and
// <kam-stage-path>.
import type { LitElement, TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.js';
import { html, nothing, defineStrings, formatDate } from './kit.js';
import type { MoveInput, MoveRefusal, Opportunity, Pipeline, Stage } from '@kamkit/core';
import { checkMove, type MoveHost } from './move-checks.js';
import type { Rules } from './parts.js';
import { refusalText } from './refusals.js';

export { refusalText };
/** The dialog's styles, for a host that adopts them when this module arrives. */
export { dialogStyles as styles } from './dialog.styles.js';

const dialogStrings = defineStrings({
  en: {
    wonTitle: 'Close “{name}” as won',
    lostTitle: 'Close “{name}” as lost',
    intro: 'Moving to {stage} closes the deal.',
    wonReason: 'Why was it won?',
    lostReason: 'Why was it lost?',
    wonDate: 'Date won',
    lostDate: 'Date lost',
    required: '(required)',
    optional: '(optional)',
    confirm: 'Close the deal',
    cancel: 'Cancel',
  },
  'zh-CN': {
    wonTitle: '将“{name}”标记为赢单',
    lostTitle: '将“{name}”标记为输单',
    intro: '移至 {stage} 将关闭此商机。',
    wonReason: '赢单原因',
    lostReason: '输单原因',
    wonDate: '赢单日期',
    lostDate: '输单日期',
    required: '（必填）',
    optional: '（选填）',
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
  /** Latest date the picker offers (today by the element's clock). */
  maxDate: string;
}

export function newCloseDialog(opp: Opportunity, pipeline: Pipeline, to: Stage, now: Date, index?: number): CloseDialogState {
  const kind = to.kind === 'lost' ? 'lost' : 'won'; // only called for a won or lost stage
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
 * Shows `state` in the host's dialog. A dialog still open for another move is taken down first:
 * the fields' bindings keep what the user typed (so a render does not wipe it), which would
 * otherwise carry the first deal's reason into the second's.
 */
export async function openCloseDialog(host: { dialog?: CloseDialogState; readonly updateComplete: Promise<boolean> }, state: CloseDialogState): Promise<void> {
  if (host.dialog) {
    host.dialog = undefined;
    await host.updateComplete;
  }
  host.dialog = state;
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
  rules: Rules,
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
  const need = (required: boolean) => s(required ? 'required' : 'optional');
  // The fields' values are plain bindings, set when the state changes (the dialog opens, Confirm is
  // refused): a render meanwhile (picking the date) keeps what the user typed.
  // The native date field shows the browser's language, not the element's: the day picked is
  // written out beside it in the element's (kept in the state, so a render keeps it).
  const onDate = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    state.date = input.value;
    ((input.getRootNode() as ShadowRoot).host as LitElement).requestUpdate();
  };
  return html`
    <dialog class="close-dialog ${state.kind}" part="close-dialog" aria-labelledby="close-title" aria-describedby="close-intro"
      @cancel=${onCancel}>
      <form @submit=${onSubmit}>
        <h2 id="close-title">${s(won ? 'wonTitle' : 'lostTitle', { name: state.oppName })}</h2>
        <p id="close-intro">${s('intro', { stage: state.to.name })}</p>
        <label class="field">
          <span>${s(won ? 'wonReason' : 'lostReason')} <span class="hint">${need(state.requires.reason)}</span></span>
          <textarea name="reason" rows="3" .value=${state.reason} ?required=${state.requires.reason}
            aria-invalid=${state.errors.some((e) => e.code === 'reason_required') ? 'true' : 'false'}></textarea>
        </label>
        <label class="field">
          <span>${s(won ? 'wonDate' : 'lostDate')} <span class="hint">${need(state.requires.date)}</span></span>
          <input type="date" name="date" lang=${locale} .value=${state.date} ?required=${state.requires.date}
            max=${state.maxDate} aria-describedby="close-date" @input=${onDate}
            aria-invalid=${state.errors.some((e) => e.code === 'date_required' || e.code === 'invalid_date') ? 'true' : 'false'} />
          <span class="hint" id="close-date" aria-hidden="true">${state.date ? formatDate(locale, state.date, { dateStyle: 'full' }) : ''}</span>
        </label>
        ${state.errors.length
          ? html`<ul class="dialog-errors" role="alert">${state.errors.map((r) => html`<li>${refusalText(locale, r, pipeline, state.to, rules)}</li>`)}</ul>`
          : nothing}
        <div class="dialog-actions">
          <button type="button" class="secondary" @click=${onCancel}>${s('cancel')}</button>
          <button type="submit" class="primary">${s('confirm')}</button>
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

/** The host's members the dialog's Confirm and close use (the board and <kam-stage-path> pass themselves). */
export interface CloseDialogHost extends MoveHost {
  dialog?: CloseDialogState;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
}

/** Closes the dialog and forgets its state. */
export function closeCloseDialog(host: CloseDialogHost): void {
  const dialog = host.renderRoot.querySelector<HTMLDialogElement>('dialog.close-dialog');
  if (dialog?.open) dialog.close();
  host.dialog = undefined;
}

/**
 * Confirm: checks the move with the reason and date given. Refused, the dialog stays open with the
 * reasons (which are returned); else it closes and `commit` makes the move.
 */
export async function submitCloseDialog(
  host: CloseDialogHost, opp: Opportunity, pipeline: Pipeline, reason: string, date: string,
  commit: (input: MoveInput) => Promise<unknown>,
): Promise<MoveRefusal[] | undefined> {
  const d = host.dialog;
  if (!d) return undefined;
  const input: MoveInput = {};
  if (reason.trim()) input.reason = reason.trim();
  if (date) input.date = date;
  const check = checkMove(host, opp, pipeline, d.to.id, input);
  if (!check.ok) {
    host.dialog = { ...d, reason, date, errors: check.reasons };
    return check.reasons;
  }
  // Close the modal first: focus can only return to the card once the page is no longer inert.
  // (So Confirm is never disabled while the move saves: a disabled button in focus drops focus.)
  closeCloseDialog(host);
  await host.updateComplete;
  await commit(input);
  return undefined;
}
