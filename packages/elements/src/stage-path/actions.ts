// What the stage path does when the user acts — a move (through the board's rules and its won /
// lost dialog) and a checklist tick — in its own chunk: the path renders without it and fetches
// it the first time one of those is asked for (see `act()` in kam-stage-path.ts).
import type { LitElement } from 'lit';
import type { Locale } from '../shared/i18n.js';
import { adoptStyles, defineStrings, errorMessage } from '../pipeline-board/kit.js';
export { fill } from '../pipeline-board/kit.js';
import type { MoveInput, MoveRefusal, Opportunity, OutboxEntry, Pipeline, Stage } from '@kamkit/core';
import type { emit as Emit } from '../shared/events.js';
import { applyMove, blockers, checkMove, closeKind, type MoveHost } from '../pipeline-board/move-checks.js';
import { refusalText } from '../pipeline-board/refusals.js';
import type { CloseDialogHost, CloseDialogState } from '../pipeline-board/close-dialog.js';
import type { Parts, Rules } from '../pipeline-board/parts.js';
import { sentences } from '../pipeline-board/sentences.js';

// What the actions say (announcements, refusals, a failed dialog fetch); zh-CN in actions.zh-CN.ts.
const en = {
  moved: 'Moved “{name}” to {stage}.',
  blocked: 'The move of “{name}” to {stage} was stopped by the page.',
  refused: 'Cannot move “{name}” to {stage}: {reasons}',
  cancelled: 'Move cancelled. “{name}” stays in {stage}.',
  ticked: '“{item}” ticked.',
  unticked: '“{item}” unticked.',
  toggleFailed: 'Could not save “{item}”: {error}',
  failed: 'Could not move “{name}” to {stage}: {error}',
  conflict: 'Your move of “{name}” to {to} was not saved: someone else changed the deal meanwhile. It shows their version ({stage}).',
  undone: 'Your move of “{name}” to {to} could not be saved and was undone: {error}',
  undoneSilent: 'Your move of “{name}” to {to} could not be saved and was undone.',
  partFailed: 'The form to close the deal could not be loaded ({error}). Check the connection and try again.',
};
/** Every locale's table of the actions has exactly these keys (actions.zh-CN.ts is checked against it). */
export type ActionsEn = typeof en;
export const t = defineStrings({ id: 'stage-path actions', en, 'zh-CN': () => import('./actions.zh-CN.js') });

/**
 * Why the last move of a deal did not happen or was not kept, as data: worded at each render, so a
 * switch of language words it again (the stage names and the store's error stay as they came).
 */
export interface Refusal {
  opp: Opportunity;
  key: 'blocked' | 'refused' | 'failed' | 'conflict' | 'undone' | 'undoneSilent';
  params: Record<string, string>;
  /** `refused`: the rules' reasons, for the pipeline and stage they were checked against. */
  reasons?: MoveRefusal[];
  pipeline?: Pipeline;
  to?: Stage;
}

/** A refusal in `locale`'s words. */
export function refusalWords(locale: Locale, r: Refusal, rules: Rules): string {
  return t(locale, r.key, { ...r.params, reasons: sentences(locale, r.reasons?.map((x) => refusalText(locale, x, r.pipeline, r.to, rules)) ?? []) });
}

/** The element's state the actions read and write (its private members, seen from here). */
export interface PathHost extends LitElement, MoveHost {
  /** shared/events.ts' `emit`, from the element: imported here, that module would be one more file up front. */
  readonly emit: typeof Emit;
  readonly resolvedLocale: Locale;
  readonly opp?: Opportunity;
  opportunity?: Opportunity;
  dialog?: CloseDialogState;
  refusal?: Refusal;
  busy: boolean;
  partError: string;
  dialogStyled: boolean;
  pipelineOf(opp: Opportunity | undefined): Pipeline | undefined;
  say(text: string): void;
  renderAfter(load: Promise<unknown>): void;
  /** The won / lost dialog's module, fetched once for the page (parts.ts is the host's: imported here too, it would be one more file up front). */
  loadDialog(): Promise<Parts['dialog']>;
}

/** The dialog's module once a dialog was opened here (it opens only once the module is here). */
let dialogPart: Parts['dialog'] | undefined;

/** Moves the opportunity to a stage through the same flow as the board. Resolves true when applied. */
export async function requestMove(host: PathHost, toStageId: string): Promise<boolean> {
  const opp = host.opp;
  const pipeline = host.pipelineOf(opp);
  const to = pipeline?.stages.find((s) => s.id === toStageId);
  if (!opp || !pipeline || !to) return false;
  const from = pipeline.stages.find((s) => s.id === opp.stageId);
  if (!host.emit(host, 'kam-stage-move', { opportunity: opp, from, to }, { cancelable: true })) {
    return tell(host, { opp, key: 'blocked', params: { name: opp.name, stage: to.name } });
  }
  const check = checkMove(host, opp, pipeline, to.id, {});
  const stops = blockers(to, check);
  if (stops.length) return refuse(host, opp, pipeline, to, stops);
  if (closeKind(to)) {
    openDialog(host, opp, pipeline, to);
    return false;
  }
  return commit(host, opp, pipeline, to, {});
}

/** Opens the won / lost dialog, fetching its module first when this page has not yet. */
function openDialog(host: PathHost, opp: Opportunity, pipeline: Pipeline, to: Stage): void {
  host.renderAfter(host.loadDialog().then((m) => {
    dialogPart = m;
    if (!host.dialogStyled && host.renderRoot instanceof ShadowRoot) {
      host.dialogStyled = true;
      adoptStyles(host.renderRoot, [...(host.constructor as typeof LitElement).elementStyles, m.styles]);
    }
    return m.openCloseDialog(host, m.newCloseDialog(opp, pipeline, to, host.now()));
  }, (err: unknown) => {
    host.partError = t(host.resolvedLocale, 'partFailed', { error: errorMessage(err) });
  }));
}

/** Why a move did not happen: shown by the button (until the deal changes) and said; always false (nothing moved). */
function tell(host: PathHost, refusal: Refusal): false {
  host.refusal = refusal;
  host.say(refusalWords(host.resolvedLocale, refusal, host.rules));
  return false;
}

function refuse(host: PathHost, opp: Opportunity, pipeline: Pipeline, to: Stage, reasons: MoveRefusal[]): false {
  return tell(host, { opp, key: 'refused', params: { name: opp.name, stage: to.name }, reasons, pipeline, to });
}

async function commit(host: PathHost, opp: Opportunity, pipeline: Pipeline, to: Stage, input: MoveInput): Promise<boolean> {
  const from = pipeline.stages.find((s) => s.id === opp.stageId);
  // `busy` disables the button in focus while the move saves, which drops focus to the page.
  const focused = host.shadowRoot?.activeElement;
  host.busy = true;
  try {
    const result = await applyMove(host, opp, pipeline, to, input);
    if (!result.check.ok || !result.after) return refuse(host, opp, pipeline, to, result.check.reasons);
    if (host.opportunity) host.opportunity = result.after;
    host.refusal = undefined;
    host.say(t(host.resolvedLocale, 'moved', { name: opp.name, stage: to.name }));
    if (result.entry) follow(host, opp, to, result.entry);
    host.emit(host, 'kam-stage-moved', { opportunity: result.after, from, to, entry: result.entry, input: Object.keys(input).length ? input : undefined });
    return true;
  } catch (err) {
    // Said in the user's language with the store's own message (not as a refusal code).
    return tell(host, { opp, key: 'failed', params: { name: opp.name, stage: to.name, error: errorMessage(err) } });
  } finally {
    host.busy = false;
    if (focused) void refocus(host);
  }
}

/** Focus back in the path after a move: on its button, or on the outcome when the move closed the deal (and took the button away). */
async function refocus(host: PathHost): Promise<void> {
  await host.updateComplete;
  if (document.activeElement !== document.body) return;
  const outcome = host.renderRoot.querySelector<HTMLElement>('[part=outcome]');
  if (outcome) outcome.tabIndex = -1;
  (outcome ?? host.renderRoot.querySelector<HTMLElement>('.next button'))?.focus();
}

/**
 * Follows the write of a move made here until the backend settles it: a conflict (the store then
 * shows the server's version) or a write refused for good (the store undoes it) would otherwise
 * change the path with no word said.
 */
function follow(host: PathHost, opp: Opportunity, to: Stage, entry: OutboxEntry): void {
  const off = host.store!.onWrite((e) => {
    const s = e.entry.state;
    if (e.entry.idempotencyKey !== entry.idempotencyKey || s === 'pending' || s === 'sending') return;
    off();
    const now = host.opp;
    if (s === 'confirmed' || !now || !host.isConnected) return;
    const stage = host.pipelineOf(now)?.stages.find((x) => x.id === now.stageId)?.name ?? now.stageId;
    const error = e.entry.lastError;
    // A write undone with no word from the backend ends its sentence there (no dangling colon).
    tell(host, { opp: now, key: s === 'conflict' ? 'conflict' : error ? 'undone' : 'undoneSilent', params: { name: opp.name, to: to.name, stage, error: error ?? '' } });
  });
}

/** The won / lost dialog's confirm (the dialog is only open once this module and its own are here). */
export async function submitDialog(host: PathHost, reason: string, date: string): Promise<void> {
  const d = host.dialog;
  const opp = host.opp;
  const pipeline = host.pipelineOf(opp);
  const m = dialogPart;
  if (!d || !opp || !pipeline || !m) { host.dialog = undefined; return; }
  await m.submitCloseDialog(host as CloseDialogHost, opp, pipeline, reason, date, (input) => commit(host, opp, pipeline, d.to, input));
}

export function cancelDialog(host: PathHost): void {
  const d = host.dialog;
  const opp = host.opp;
  if (dialogPart) dialogPart.closeCloseDialog(host as CloseDialogHost);
  else host.dialog = undefined;
  const stage = opp && host.pipelineOf(opp)?.stages.find((s) => s.id === opp.stageId);
  if (d && opp) host.say(t(host.resolvedLocale, 'cancelled', { name: opp.name, stage: stage?.name ?? opp.stageId }));
}

/** A checklist item ticked or unticked: the cancellable event, then the store (or `.opportunity`). */
export async function toggle(host: PathHost, itemId: string, label: string, checked: boolean, input: HTMLInputElement): Promise<void> {
  const opp = host.opp;
  if (!opp) return;
  const locale = host.resolvedLocale;
  if (!host.emit(host, 'kam-checklist-toggle', { opportunity: opp, itemId, checked }, { cancelable: true })) {
    input.checked = !checked;
    return;
  }
  const checklist = { ...(opp.checklist ?? {}), [itemId]: checked };
  try {
    if (host.store?.update && host.store.get('opportunities', opp.id)) {
      await host.store.update('opportunities', opp.id, { checklist });
    }
    if (host.opportunity) host.opportunity = { ...opp, checklist };
    host.refusal = undefined;
    host.say(t(locale, checked ? 'ticked' : 'unticked', { item: label }));
  } catch (err) {
    input.checked = !checked;
    host.say(t(locale, 'toggleFailed', { item: label, error: errorMessage(err) }));
  }
  host.requestUpdate();
}
