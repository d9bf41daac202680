// Checking and applying a stage move: with the store's rules when there is a store, else with the
// same rules over the given records. Also the detail types of the move events.
import type { MoveCheck, MoveInput, MoveRefusal, Opportunity, OutboxEntry, Pipeline, Stage } from '@kamkit/core';
import type { KamStore } from '../shared/context.js';
import type { Locale } from '../shared/i18n.js';
import { formatDate } from './kit.js';
import type { Rules } from './parts.js';

/** What checking and applying a move takes from its element (the board, the stage path). */
export interface MoveHost {
  readonly store?: KamStore;
  /** The core's rules, from the element (parts.ts' `rules`). */
  readonly rules: Rules;
  now(): Date;
}

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

/** The refusals that the close dialog answers (reason / date), as opposed to real blockers. */
const closeCodes = new Set<MoveRefusal['code']>(['reason_required', 'date_required', 'invalid_date']);

/**
 * What stops a move to `to` before it is made, as the user can act on it (none: go on). A won /
 * lost stage's reason and date are the close dialog's to ask, so they stop nothing here — and
 * listed in a refusal, they could not be given (the dialog does not open while a move is blocked).
 */
export function blockers(to: Stage, check: MoveCheck): MoveRefusal[] {
  if (check.ok) return [];
  return closeKind(to) ? check.reasons.filter((r) => !closeCodes.has(r.code)) : check.reasons;
}

export function closeKind(stage: Stage | undefined): 'won' | 'lost' | undefined {
  const k = stage?.kind ?? 'open';
  return k === 'open' ? undefined : k;
}

/** Checks a move with the store when it can, else with the same rules over the given records. */
export function checkMove(host: MoveHost, opp: Opportunity, pipeline: Pipeline, toStageId: string, input: MoveInput): MoveCheck {
  const store = host.store;
  if (store?.checkMove && store.get('opportunities', opp.id)) return store.checkMove(opp.id, toStageId, input);
  return host.rules.checkStageMove(opp, pipeline, opp.id, toStageId, input, host.now());
}

/** Applies a move: through the store (optimistic + outbox) when it has one, else to a local copy. */
export async function applyMove(
  host: MoveHost, opp: Opportunity, pipeline: Pipeline, to: Stage, input: MoveInput,
): Promise<{ check: MoveCheck; after?: Opportunity; entry?: OutboxEntry }> {
  const store = host.store, { checkStageMove, applyStageMove } = host.rules, now = host.now();
  if (store?.moveStage && store.get('opportunities', opp.id)) {
    const result = await store.moveStage(opp.id, to.id, input);
    return { check: result, after: result.ok ? store.get('opportunities', opp.id) : undefined, entry: result.entry };
  }
  const check = checkStageMove(opp, pipeline, opp.id, to.id, input, now);
  if (!check.ok) return { check };
  return { check, after: applyStageMove(opp, to, input, now) };
}

export function formatShortDate(locale: Locale, iso: string | undefined): string {
  return formatDate(locale, iso, { dateStyle: 'medium' });
}
