import { css } from 'lit';
import { tokens } from '../shared/tokens.js';
import { stateStyles, tableStyles } from '../account-360/states.js';

export const styles = [tokens, stateStyles, tableStyles, css`
  :host { display: block; background: var(--_bg); }
  .coverage, .scroll { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); }
  .coverage { padding: var(--_space); margin-bottom: var(--_space); }
  .coverage ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 4px; }
  .coverage p { margin: 0 0 4px; }
  .gap-count { font-weight: 600; }
  .gap { color: var(--_fg); }
  .icon { font-weight: 700; }
  .gap .icon { color: var(--_red); }
  .ok .icon { color: var(--_green); }
  .bar { display: flex; justify-content: flex-end; margin-bottom: 4px; }
  .toggle { font: inherit; cursor: pointer; color: var(--_accent); background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 4px 10px; min-height: 32px; }
  .scroll { overflow: auto; max-height: var(--kam-stakeholder-map-height, 480px); }
  svg { display: block; }
  .links path { fill: none; stroke: var(--_border); stroke-width: 1.5; }
  .node { cursor: pointer; outline: none; }
  /* Each role sets its ring's stroke (--_r) and fill (--_f); a user's, or an unknown role's, is the default. */
  svg .ring { fill: var(--_f, var(--_bg-alt)); stroke: var(--_r, var(--kam-role-user, var(--_muted))); stroke-width: 2; }
  .node .focus-ring { fill: none; stroke: transparent; stroke-width: 3; }
  .node:focus-visible .focus-ring, .node:focus .focus-ring { stroke: var(--_focus); }
  svg .glyph, .labels .name, .labels .title { text-anchor: middle; }
  svg .glyph { font-weight: 700; font-size: 13px; fill: var(--_fg); }
  .labels { cursor: pointer; }
  .labels .flag { font-size: 13px; fill: var(--_red); }
  .labels .name { font-size: 12px; font-weight: 600; fill: var(--_fg); }
  .labels .title { font-size: 11px; fill: var(--_muted); }
  .role-decision_maker { --_r: var(--kam-role-decision-maker, var(--_blue)); --_f: var(--_blue-bg); }
  .role-economic_buyer { --_r: var(--kam-role-economic-buyer, var(--_green)); --_f: var(--_green-bg); }
  .role-champion { --_r: var(--kam-role-champion, #6b3fa0); --_f: var(--_bg); }
  :host([kam-theme='dark']) .role-champion { --_r: var(--kam-role-champion, #c8a4ff); }
  .role-influencer { --_r: var(--kam-role-influencer, var(--_yellow)); --_f: var(--_yellow-bg); }
  .role-blocker { --_r: var(--kam-role-blocker, var(--_red)); --_f: var(--_red-bg); }
  .role-other { --_r: var(--_border); --_f: var(--_bg); }
  .strength-0 .ring { stroke-width: 1.5; stroke-dasharray: 1 4; stroke-linecap: round; }
  .strength-1 .ring { stroke-width: 2; stroke-dasharray: 1 3; stroke-linecap: round; }
  .strength-2 .ring { stroke-width: 2; stroke-dasharray: 5 3; }
  .strength-3 .ring { stroke-width: 2; }
  .strength-4 .ring { stroke-width: 3.5; }
  .strength-5 .ring { stroke-width: 5; }
  .legend { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; margin-top: 4px; font-size: 0.85em; color: var(--_muted); }
  .legend .key { display: inline-flex; align-items: center; gap: 4px; }
  .legend-title { font-weight: 600; }
  /* A narrow box scrolls the table sideways: breaking anywhere (the 360's tables stack instead) shrank names to a letter a line. */
  .table-wrap { overflow-x: auto; } .table-wrap :is(th, td) { overflow-wrap: break-word; }
  caption { text-align: start; font-weight: 600; padding-bottom: 4px; }
  .role-chip { white-space: nowrap; }
  @media (forced-colors: active) { .node .ring { stroke: CanvasText; } .node:focus .focus-ring { stroke: Highlight; } }
`];
