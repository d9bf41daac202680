import { css } from 'lit';
import { tokens } from '../shared/tokens.js';
import { stateStyles, tableStyles } from './states.js';

export const styles = [tokens, stateStyles, tableStyles, css`
  :host { display: block; container-type: inline-size; background: var(--_bg); }
  .page { display: grid; gap: calc(var(--_space) * 2); }
  header { display: grid; gap: 4px; }
  .title-row { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); }
  h2 { margin: 0; font-size: 1.4em; overflow-wrap: anywhere; }
  .tier { font-weight: 600; padding: 0 8px; border-radius: 999px; border: 1px solid var(--_accent); color: var(--_accent); }
  .meta { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 0; }
  .meta div { display: flex; gap: 6px; }
  .meta dt { color: var(--_muted); }
  .meta dd { margin: 0; overflow-wrap: anywhere; }
  .parent { margin: 0; }
  .figures { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space); grid-template-columns: repeat(2, minmax(0, 1fr)); }
  @container (min-width: 720px) { .figures { grid-template-columns: repeat(4, minmax(0, 1fr)); } }
  .figure-button { all: unset; cursor: help; }
  /* (After .figure-button's all: unset, which would otherwise undo these.) */
  .figure, .figure-button { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
  .figure, .section { border: 1px solid var(--_border); border-radius: var(--_radius); }
  .figure { position: relative; padding: var(--_space); background: var(--_bg-alt); }
  .figure-button:focus-visible { outline: 2px solid var(--_focus); outline-offset: 4px; border-radius: 2px; }
  .figure .label, .figure .sub { color: var(--_muted); font-size: 0.85em; }
  .figure .value { font-size: 1.3em; font-weight: 700; font-variant-numeric: tabular-nums; }
  .figure .value, .figure .sub { overflow-wrap: anywhere; }
  .figure .sub.warn { color: var(--_yellow); font-weight: 600; }
  .figure.alarm { border-color: var(--_red); }
  .figure.alarm .value { color: var(--_red); }
  .muted { color: var(--_muted); }
  .breakdown { display: none; position: absolute; z-index: 5; inset-block-start: 100%; inset-inline-start: 0; margin-top: 4px; min-width: min(320px, 90cqi);
    padding: var(--_space); background: var(--_bg); color: var(--_fg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.2); font-size: 0.9em; }
  .figure:hover .breakdown, .breakdown.open { display: block; }
  .breakdown ul { margin: 4px 0; padding-inline-start: 1.2em; }
  .breakdown .excluded::marker { content: '⚠ '; color: var(--_yellow); }
  .breakdown .fx { margin: 0; color: var(--_muted); }
  .sections { display: grid; gap: calc(var(--_space) * 2); grid-template-columns: minmax(0, 1fr); align-items: start; }
  @container (min-width: 900px) { .sections { grid-template-columns: repeat(2, minmax(0, 1fr)); } .section.wide { grid-column: 1 / -1; } }
  .section { background: var(--_bg); }
  .section h3 { margin: 0; font-size: 1em; }
  .section-toggle { display: flex; align-items: center; gap: 8px; width: 100%; min-height: 44px; padding: 6px var(--_space); font: inherit; font-weight: 600;
    color: var(--_fg); background: var(--_bg-alt); border: none; border-radius: var(--_radius); cursor: pointer; text-align: start; }
  .section-toggle .count { margin-inline-start: auto; color: var(--_muted); font-weight: 400; }
  .body { padding: var(--_space); }
  .empty { margin: 0; color: var(--_muted); }
  .num, .date { white-space: nowrap; } /* an amount or a date split over two lines reads as two */
  .num { text-align: end; }
  table + table { margin-top: var(--_space); }
  tfoot th, tfoot td { font-weight: 700; border-bottom: none; }
  tr.self td { font-style: italic; }
  .tag { display: inline-block; font-size: 0.8em; padding: 0 6px; border-radius: var(--_radius); background: var(--_bg-alt); border: 1px solid var(--_border); }
  .tag.late, span.late { color: var(--_red); }
  .tag.late { background: var(--_red-bg); border-color: var(--_red); font-weight: 600; }
  .sev-critical, .sev-high { color: var(--_red); font-weight: 600; }
  .sev-medium { color: var(--_yellow); font-weight: 600; }
  .team { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
  .team li { display: flex; gap: 8px; flex-wrap: wrap; }
  .member { font-weight: 600; }
  .more { margin-top: var(--_space); }
  .issues { margin: 0; padding-inline-start: 1.2em; }
  .quarantine p { margin: 0 0 4px; font-weight: 600; }
  /* Narrow: tables become stacked cards, each cell labelled. */
  @container (max-width: 560px) {
    table, thead, tbody, tfoot, tr, th, td { display: block; }
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    tr { padding: 6px 0; border-bottom: 1px solid var(--_border); }
    td, tfoot th { border: none; padding: 2px 0; text-align: start; }
    td[data-label]:not([data-label=''])::before { content: attr(data-label) ': '; color: var(--_muted); font-size: 0.85em; }
    .num { text-align: start; }
  }
`];
