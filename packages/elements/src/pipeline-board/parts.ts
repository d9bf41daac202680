// The board's rarely used parts, each its own module (and chunk), loaded the first time they are
// needed: the won / lost dialog, the card notices (refusals, conflicts, rollbacks), the
// "Move to…" menu, pointer dragging, the totals' breakdown by currency, the keyboard and the move
// itself. A module of its own so that tests can swap a loader (to prove a failed fetch is shown)
// without the loaders becoming part of the package's API.
import { applyStageMove, checkStageMove, fieldLabel } from '@kamkit/core';
import { fetchPart, type LazyPart } from '../shared/lazy-part.js';
import { defineStrings } from '../shared/i18n.js';

/**
 * The core's move rules and field names as the parts (and the stage path's actions) use them,
 * handed over by their element as its `rules`: imported by the parts themselves, the core's
 * modules they need would be shared with the page as a chunk of their own, one more file loaded
 * up front. Likewise `defineStrings` for the refusals (refusals.ts), which import nothing at run time.
 */
export const rules = { checkStageMove, applyStageMove, fieldLabel, defineStrings };
export type Rules = typeof rules;

const part = <M>(load: () => Promise<M>): LazyPart<M> => ({ load });

const all = {
  dialog: part(() => import('./board-dialog.js')),
  notice: part(() => import('./card-notice.js')),
  menu: part(() => import('./move-menu.js')),
  drag: part(() => import('./drag.js')),
  breakdown: part(() => import('./breakdown.js')),
  move: part(() => import('./move.js')),
};
export type Parts = { [K in keyof typeof all]: NonNullable<(typeof all)[K]['loaded']> };
export type PartName = keyof Parts;
/** Each part's loader and, once fetched, its module (shared by every board on the page). */
export const parts: { [K in PartName]: LazyPart<Parts[K]> } = all;

/** The part's module; a failed load is tried again on the next use. */
export const loadPart = <K extends PartName>(name: K): Promise<Parts[K]> => fetchPart(parts[name]);
