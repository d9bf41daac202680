// The board's `dialog` part: the won / lost dialog (close-dialog.ts, shared with <kam-stage-path>)
// and what its Confirm and Cancel do on the board. Fetched the first time a deal is closed.
import { closeCloseDialog, refusalText, renderCloseDialog, submitCloseDialog, type CloseDialogHost } from './close-dialog.js';
import type { MoveBoard } from './move.js';
import type { Parts } from './parts.js';
import { sentences } from './sentences.js';

export * from './close-dialog.js';
export { fill } from './kit.js';

/** The board's members the dialog uses (private in the board, which passes itself; its dialog tests cover them). */
export interface DialogBoard extends CloseDialogHost, MoveBoard {}

// The board opens its dialog from a move (move.ts), so that part is here: the board hands it over
// (withExtra runs at once). Not imported, so that <kam-stage-path>, which shows this dialog too,
// does not fetch the board's moves with it; nor parts.ts, which the board has up front (a module
// both import is one more file loaded up front).
const move = <R>(b: DialogBoard, fn: (m: Parts['move']) => R) => b.withExtra('move', fn);

/** The dialog on the board, its Confirm and Cancel wired to the board. */
export function renderBoardDialog(b: DialogBoard): ReturnType<typeof renderCloseDialog> {
  return renderCloseDialog(b.resolvedLocale, b.dialog, b.currentPipeline, {
    submit: (reason, date) => void submitDialog(b, reason, date),
    cancel: () => cancelDialog(b),
  }, b.rules);
}

export async function submitDialog(b: DialogBoard, reason: string, date: string): Promise<void> {
  const d = b.dialog;
  if (!d) return;
  const opp = b.model?.get(d.oppId);
  const pipeline = b.currentPipeline;
  // The deal left the board meanwhile (a sync removed it): nothing to close.
  if (!opp || !pipeline) { closeCloseDialog(b); focusBack(b, d.oppId); return; }
  const refused = await submitCloseDialog(b, opp, pipeline, reason, date, (input) => move(b, (m) => m.commitMove(b, opp, d.to, input, d.index)));
  if (refused) move(b, (m) => m.say(b, sentences(b.resolvedLocale, refused.map((r) => refusalText(b.resolvedLocale, r, pipeline, d.to, b.rules))), true));
}

export function cancelDialog(b: DialogBoard): void {
  const d = b.dialog;
  closeCloseDialog(b);
  const opp = d && b.model?.get(d.oppId);
  const col = opp && b.model?.columnOf(opp.id);
  if (opp && col) move(b, (m) => m.say(b, m.cancelledText(b, opp, col)));
  if (d) focusBack(b, d.oppId);
}

/** Focus back on the deal's card or, when it has left the board, on the board's first card. */
function focusBack(b: DialogBoard, id: string): void {
  const m = b.model;
  const to = m?.get(id) ? id : m?.visibleColumns.find((c) => c.items.length)?.items[0].id;
  if (to) void b.focusCard(to);
}
