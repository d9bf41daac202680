// The board's `dialog` part: the won / lost dialog (close-dialog.ts, shared with <kam-stage-path>)
// and what its Confirm and Cancel do on the board. Fetched the first time a deal is closed.
import type { MoveInput, Opportunity, Pipeline, Stage } from '@kamkit/core';
import type { Locale } from '../shared/i18n.js';
import type { BoardColumn, BoardModel } from './board-model.js';
import { closeCloseDialog, refusalText, submitCloseDialog, type CloseDialogHost } from './close-dialog.js';
import { t } from './strings.js';

export * from './close-dialog.js';

/** The board's members the dialog uses (private in the board, which passes itself; its dialog tests cover them). */
export interface DialogBoard extends CloseDialogHost {
  readonly model?: BoardModel;
  readonly currentPipeline?: Pipeline;
  readonly resolvedLocale: Locale;
  say(text: string, urgent?: boolean): void;
  columnName(col: BoardColumn): string;
  focusCard(id: string): Promise<void>;
  commitMove(opp: Opportunity, to: Stage, input: MoveInput, index?: number): Promise<boolean>;
}

export async function submitDialog(b: DialogBoard, reason: string, date: string): Promise<void> {
  const d = b.dialog;
  if (!d) return;
  const opp = b.model?.get(d.oppId);
  const pipeline = b.currentPipeline;
  if (!opp || !pipeline) { b.dialog = undefined; return; }
  const refused = await submitCloseDialog(b, opp, pipeline, reason, date, (input) => b.commitMove(opp, d.to, input, d.index));
  if (refused) b.say(refused.map((r) => refusalText(b.resolvedLocale, r, pipeline, d.to)).join(' '), true);
}

export function cancelDialog(b: DialogBoard): void {
  const d = b.dialog;
  closeCloseDialog(b);
  const opp = d && b.model?.get(d.oppId);
  const col = opp && b.model?.columnOf(opp.id);
  if (opp && col) b.say(t(b.resolvedLocale, 'cancelled', { name: opp.name, stage: b.columnName(col) }));
  if (d) void b.focusCard(d.oppId);
}
