// The board's `dialog` part: the won / lost dialog (close-dialog.ts, shared with <kam-stage-path>)
// and what its Confirm and Cancel do on the board. Fetched the first time a deal is closed.
import type { MoveInput, Opportunity, Pipeline, Stage } from '@kamkit/core';
import type { KamStore } from '../shared/context.js';
import type { Locale } from '../shared/i18n.js';
import type { BoardColumn, BoardModel } from './board-model.js';
import { refusalText, type CloseDialogState } from './close-dialog.js';
import { checkMove } from './move-checks.js';
import { t } from './strings.js';

export * from './close-dialog.js';

/** The board's members the dialog uses (private in the board, which passes itself; its dialog tests cover them). */
export interface DialogBoard {
  dialog?: CloseDialogState;
  readonly model?: BoardModel;
  readonly currentPipeline?: Pipeline;
  readonly store?: KamStore;
  readonly resolvedLocale: Locale;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  now(): Date;
  say(text: string, urgent?: boolean): void;
  columnName(col: BoardColumn): string;
  focusCard(id: string): Promise<void>;
  commitMove(opp: Opportunity, to: Stage, input: MoveInput, index?: number): Promise<boolean>;
}

function close(b: DialogBoard): void {
  const dialog = b.renderRoot.querySelector<HTMLDialogElement>('dialog.close-dialog');
  if (dialog?.open) dialog.close();
  b.dialog = undefined;
}

export async function submitDialog(b: DialogBoard, reason: string, date: string): Promise<void> {
  const d = b.dialog;
  if (!d) return;
  const opp = b.model?.get(d.oppId);
  const pipeline = b.currentPipeline;
  if (!opp || !pipeline) { b.dialog = undefined; return; }
  const input: MoveInput = {};
  if (reason.trim()) input.reason = reason.trim();
  if (date) input.date = date;
  const check = checkMove(b.store, opp, pipeline, d.to.id, input, b.now());
  if (!check.ok) {
    b.dialog = { ...d, reason, date, errors: check.reasons };
    b.say(check.reasons.map((r) => refusalText(b.resolvedLocale, r, pipeline, d.to)).join(' '), true);
    return;
  }
  // Close the modal first: focus can only return to the card once the page is no longer inert.
  close(b);
  await b.updateComplete;
  await b.commitMove(opp, d.to, input, d.index);
}

export function cancelDialog(b: DialogBoard): void {
  const d = b.dialog;
  close(b);
  const opp = d && b.model?.get(d.oppId);
  const col = opp && b.model?.columnOf(opp.id);
  if (opp && col) b.say(t(b.resolvedLocale, 'cancelled', { name: opp.name, stage: b.columnName(col) }));
  if (d) void b.focusCard(d.oppId);
}
