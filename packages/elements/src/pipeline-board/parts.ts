// The board's rarely used parts, each its own module (and chunk), loaded the first time they are
// needed: the won / lost dialog, the card notices (refusals, conflicts, rollbacks), the
// "Move to…" menu, pointer dragging, the totals' breakdown by currency, the keyboard and the move
// itself. A module of its own so that tests can swap a loader (to prove a failed fetch is shown)
// without the loaders becoming part of the package's API.
import { applyStageMove, checkStageMove, fieldLabel } from '@kamkit/core';
import { adoptStyles, css, html, nothing } from 'lit';
import { fetchPart, type LazyPart } from '../shared/lazy-part.js';
import { defineStrings, formatDate, formatMoney, formatNumber } from '../shared/i18n.js';
import { errorMessage } from '../shared/errors.js';
import type { Kit } from './kit.js';

/**
 * The core's move rules and field names as the parts (and the stage path's actions) use them,
 * handed over by their element as its `rules`: imported by the parts themselves, the core's
 * modules they need would be shared with the page as a chunk of their own, one more file loaded
 * up front. Likewise lit's template tags, the translator maker and the formatters (kit.ts): imported
 * by the parts, lit and shared/i18n.ts would be a file of their own up front.
 */
export const rules = { checkStageMove, applyStageMove, fieldLabel, defineStrings, html, css, nothing, adoptStyles, formatDate, formatMoney, formatNumber, errorMessage } satisfies Kit & Record<string, unknown>;
export type Rules = typeof rules;

/** A part's loader that hands the parts the element's kit (kit.ts) as the part arrives. */
export const withKit = <M extends { fill(k: Kit): void }>(load: () => Promise<M>) => (): Promise<M> => load().then((m) => (m.fill(rules), m));

const part = <M extends { fill(k: Kit): void }>(load: () => Promise<M>): LazyPart<M> => ({ load: withKit(load) });

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
