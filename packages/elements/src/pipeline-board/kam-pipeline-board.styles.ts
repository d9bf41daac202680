import { css } from 'lit';
import { tokens } from '../shared/tokens.js';

// The close dialog, the card notices, the "Move to…" menu, the drag ghost, the pick-up (grabbed
// card, target column, drop indicator, "Saving…") and the totals' tooltip bring their own styles with their
// modules (loaded on demand).
export const styles = [
  tokens,
  css`
    :host {
      display: block;
      position: relative;
      height: var(--kam-pipeline-board-height, 640px);
      --_col-width: var(--kam-pipeline-board-column-width, 272px);
    }
    /* The board, its columns, cards and picker: one border; the columns, cards and picker on the page's background. */
    .board, .column, .card, select { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); }
    .board {
      position: relative;
      display: flex;
      flex-flow: column;
      height: 100%;
      container-type: inline-size;
      background: var(--_bg-alt);
      color: var(--_fg);
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      padding: var(--_space) calc(var(--_space)*1.5);
      background: var(--_bg);
    }
    .toolbar, .column-header { border-bottom: 1px solid var(--_border); border-radius: var(--_radius) var(--_radius) 0 0; }
    .title { font-size: 1.05em; margin: 0; font-weight: 600; }
    /* A select is as wide as its longest option: in a narrow board the picker shrinks instead. */
    .picker { display: inline-flex; align-items: center; gap: 6px; max-width: 100%; }
    select { font: inherit; color: var(--_fg); padding: 4px 6px; min-width: 0; }
    .summary { margin-inline-start: auto; }
    /* Secondary text. */
    .muted, .summary, .state, .count, .column-empty, .close, .chip.next-none { color: var(--_muted); }
    .warn { color: var(--_yellow); }
    .state { padding: calc(var(--_space)*2); }
    .state.error { color: var(--_red); display: flex; flex-flow: column; gap: 4px; }
    .state.inline { padding: var(--_space) calc(var(--_space)*1.5) 0; margin: 0; }
    .columns {
      flex: 1 1 auto;
      min-height: 0;
      display: flex;
      gap: var(--_space);
      padding: var(--_space);
      overflow: auto hidden;
    }
    .column {
      flex: 0 0 var(--_col-width);
      display: flex;
      flex-flow: column;
      /* Its width is the token's, whatever the length of the stage's name. */
      min-width: 0;
      min-height: 0;
    }
    .column.kind-won .column-header { border-top: 3px solid var(--_green); }
    .column.kind-lost .column-header { border-top: 3px solid var(--_red); }
    .column.unknown { border-style: dashed; }
    .column-header { position: relative; padding: var(--_space); }
    .column-title { display: flex; align-items: baseline; gap: 6px; }
    .column-title h3, .row>span { overflow: hidden; text-overflow: ellipsis; min-width: 0; }
    .column-title h3 { margin: 0; font-size: 1em; font-weight: 600; white-space: nowrap; flex: 1 1 auto; }
    .count { white-space: nowrap; font-size: .9em; }
    .totals {
      display: flex; flex-wrap: wrap; gap: 2px 10px; margin-top: 4px; font-size: .9em;
      border-radius: 4px; cursor: help; font-variant-numeric: tabular-nums;
    }
    .tooltip { display: none; }
    .explain { margin: 0; padding: var(--_space); font-size: .85em; color: var(--_yellow); background: var(--_yellow-bg); }
    .column-body {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
      padding: var(--_space);
      contain: strict;
      /* The cards are placed by the board: the browser must not scroll to keep one in view. */
      overflow-anchor: none;
    }
    /* Out of the column's flow: a relayout boundary, a card coming or going lays out this list only. */
    .cards { list-style: none; margin: 0; padding: 0; position: absolute; inset: var(--_space) var(--_space) auto; }
    .column-empty { margin: 0; text-align: center; font-size: .9em; }
    .card {
      /* GAP in the board's code. */
      margin-bottom: 8px;
      display: flex;
      flex-flow: column;
      padding: 8px 10px;
      overflow: hidden;
      cursor: grab;
      user-select: none;
      -webkit-user-select: none;
      -webkit-touch-callout: none;
      contain: layout style paint;
    }
    .card.far { position: absolute; inset: 0 0 auto; }
    .card:hover { border-color: var(--_muted); }
    .card.idle { border-inline-start: 4px solid var(--_yellow); }
    .row {
      display: flex; align-items: center; gap: 6px; height: 20px;
      white-space: nowrap; overflow: hidden; flex: none;
    }
    /* Not clipped: the Move button's focus ring shows whole (the name clips itself). */
    .name-row { height: 24px; overflow: visible; }
    .name, .account { flex: 1 1 auto; }
    .name, .amount { font-weight: 600; }
    .amount { font-variant-numeric: tabular-nums; flex: none; }
    .amount.bad { color: var(--_red); }
    .field { font-size: 0.9em; }
    .close { margin-inline-start: auto; font-size: .9em; }
    .owner-row { font-size: .9em; }
    /* The idle chip sits at the end of the owner's row: beside the next step it was cut off. */
    .owner-row .chip { font-size: .89em; margin-inline-start: auto; }
    .chips { gap: 4px; height: 22px; }
    .chip {
      flex: none; font-size: .8em; line-height: 18px; padding: 0 6px; border-radius: 9px;
      border: 1px solid currentColor; white-space: nowrap;
    }
    .chip.next-due { color: var(--_blue); background: var(--_blue-bg); }
    .chip.next-overdue, .chip.bad { color: var(--_red); background: var(--_red-bg); }
    .chip.next-done { color: var(--_green); background: var(--_green-bg); }
    .chip.idle, .chip.warn { color: var(--_yellow); background: var(--_yellow-bg); }
    .move-btn {
      flex: none; font: inherit; line-height: 1; padding: 2px 8px; min-width: 28px; min-height: 24px;
      border: 1px solid var(--_border); border-radius: 4px; background: var(--_bg); color: var(--_fg); cursor: pointer;
    }
    .move-btn:hover { border-color: var(--_accent); }
    @container (max-width: 480px) {
      .column { flex-basis: 82cqw; }
      .summary { margin-inline-start: 0; }
    }
  `,
];
