import { css } from 'lit';
import { tokens } from '../shared/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: flex; flex-direction: column; min-height: 12em; height: 480px;
      background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius);
      overflow: hidden;
    }
    /* The toolbar, not the host, is the size container: Chromium resolves style changes inside a
       size container as part of its layout, and with the host as the container that made every
       scroll step's row updates cost about twice the style time (measured in a trace). */
    [part='toolbar'] {
      container-type: inline-size;
      display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 0.75); align-items: end;
      padding: var(--_space); border-bottom: 1px solid var(--_border); background: var(--_bg-alt);
    }
    label.field { display: flex; flex-direction: column; gap: 2px; font-size: 0.85em; color: var(--_muted); min-width: 0; }
    label.search { flex: 1 1 14em; }
    input, select, button {
      font: inherit; font-size: var(--_font-size); color: var(--_fg); background: var(--_bg);
      border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.3em 0.5em; min-height: 2.2em;
    }
    select { max-width: 11em; }
    button { cursor: pointer; }
    [part~='clear'] { color: var(--_accent); }
    [part='summary'] { flex: 1 0 100%; font-size: 0.85em; color: var(--_muted); }
    [part='grid'] {
      position: relative; flex: 1 1 auto; min-height: 0; overflow: auto; overscroll-behavior: contain;
    }
    /* The shared focus ring (tokens), drawn inside: the grid scrolls, an outer ring is clipped. */
    [part='grid']:focus-visible { outline-offset: -2px; }
    /* Header and rows share one width (at least the columns' minimum), so columns line up
       and narrow hosts scroll sideways. */
    .head, .body { width: max(100%, var(--min-w, 0px)); }
    .head {
      position: sticky; top: 0; z-index: 1; background: var(--_bg-alt);
      border-bottom: 1px solid var(--_border);
    }
    .row { display: grid; grid-template-columns: var(--cols); align-items: center; width: 100%; }
    .body { position: relative; }
    .body .row {
      position: absolute; top: 0; left: 0; height: var(--row-h);
      border-bottom: 1px solid var(--_border); cursor: default; contain: strict;
    }
    [role='columnheader'], [role='gridcell'] {
      padding: 0 calc(var(--_space) * 0.75); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0;
    }
    [role='columnheader'] { font-weight: 600; height: 2.5em; display: flex; align-items: center; color: var(--_fg); }
    [role='columnheader'] button {
      all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 0.3em; max-width: 100%;
      overflow: hidden; text-overflow: ellipsis; border-radius: 3px;
    }
    [role='columnheader'] button:focus-visible { outline: 2px solid var(--_focus); outline-offset: 1px; }
    .arrow { font-size: 0.8em; color: var(--_muted); }
    .num { text-align: end; justify-content: flex-end; font-variant-numeric: tabular-nums; }
    .body .row:hover { background: var(--_bg-alt); }
    .body .row[aria-selected='true'] { background: var(--kam-account-list-selected-bg, var(--_blue-bg)); }
    .body .row.active { box-shadow: inset 3px 0 0 var(--_accent); }
    [part='grid']:focus-visible .body .row.active { outline: 2px solid var(--_focus); outline-offset: -2px; }
    .name { font-weight: 500; }
    /* Narrow: the columns that gave way, on a second line under the name (inside the fixed row height). */
    .main, .more { display: block; overflow: hidden; text-overflow: ellipsis; }
    .more { font-size: 0.8em; color: var(--_muted); }
    .more > span + span::before { content: ' · ' / ''; }
    [part~='state'] { padding: calc(var(--_space) * 2); color: var(--_muted); text-align: center; }
    [part~='state'].error { color: var(--_red); }
    [part~='retry'] { margin-inline-start: 0.75em; }
    /* The same 480 px of host as before: the toolbar's content box is its padding (2 × 8 px) narrower. */
    @container (max-width: 464px) {
      select { max-width: 100%; }
      label.field:not(.search) { flex: 1 1 40%; }
    }
    /* Forced colours drop backgrounds and shadows: a selected row gets a thick bar at its start, a
       shape that the focused row's outline does not cover (an outline alone was hidden by it). */
    @media (forced-colors: active) {
      .body .row[aria-selected='true'] { border-inline-start: 6px solid Highlight; }
    }
  `,
];
