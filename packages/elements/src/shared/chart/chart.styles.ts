import { css } from 'lit';
import { tokens } from '../tokens.js';

/** Styles every chart shares; each chart adds its own marks' styles. */
export const chartStyles = [tokens, css`
  :host { display: block; container-type: inline-size; min-width: 0; }
  .chart { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 1.5); }
  .header { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; justify-content: space-between; margin-bottom: var(--_space); }
  h3 { margin: 0; font-size: 1em; font-weight: 600; }
  .actions { display: flex; gap: calc(var(--_space) / 2); }
  button { font: inherit; font-size: 0.85em; color: var(--_fg); background: var(--_bg-alt); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 2px 8px; cursor: pointer; min-height: 24px; }
  select { min-height: 24px; }
  button[aria-pressed='true'] { background: var(--_blue-bg); }
  .state { padding: calc(var(--_space) * 3) var(--_space); text-align: center; color: var(--_muted); }
  .state.error { color: var(--_red); background: var(--_red-bg); border-radius: var(--_radius); }
  .notes { margin: 0 0 var(--_space); padding: 0 0 0 1.2em; color: var(--_yellow); font-size: 0.85em; }
  .plot { position: relative; }
  svg { display: block; overflow: visible; font-size: 11px; fill: var(--_fg); }
  svg text { fill: var(--_fg); }
  .axis text { fill: var(--_muted); }
  .grid { stroke: var(--_border); stroke-width: 1; }
  .mark { cursor: default; outline: none; }
  .mark:focus-visible > :first-child, .mark:hover > :first-child { stroke: var(--_focus); stroke-width: 3; }
  .bar { fill: var(--_accent); }
  .tooltip { position: absolute; transform: translateY(calc(-100% - 6px)); pointer-events: none; z-index: 1; max-width: 260px; white-space: normal;
    background: var(--_fg); color: var(--_bg); padding: 4px 8px; border-radius: var(--_radius); font-size: 0.85em; }
  .tooltip[hidden] { display: none; }
  .table-wrap { overflow-x: auto; }
  .data-table { width: 100%; border-collapse: collapse; margin-top: var(--_space); font-size: 0.85em; }
  .data-table caption { text-align: start; font-weight: 600; padding-bottom: 4px; }
  .data-table th, .data-table td { border-bottom: 1px solid var(--_border); padding: 2px 6px; text-align: end; }
  .data-table th:first-child { text-align: start; }
  /* SVG fills and strokes are not forced: marks drawn in red or green (the stage-duration bottleneck,
     the NRR line) kept the palette's colours, about 3.3:1 on a High Contrast black canvas. As
     tokens.ts does for text; the accent (other bars, GRR) is Highlight, so they stay apart. */
  @media (forced-colors: active) { :host { --_red: CanvasText; --_green: CanvasText; } }
`];
