import { css } from 'lit';
import { tokens } from '../shared/tokens.js';

export const styles = [tokens, css`
  :host { display: block; min-width: 0; }
  .tile { background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: calc(var(--_space) * 1.5); height: 100%; }
  .label { color: var(--_muted); font-size: 0.85em; }
  .value { font-size: 1.8em; font-weight: 600; margin: 2px 0; font-variant-numeric: tabular-nums; }
  .value.muted { font-size: 1em; color: var(--_muted); }
  .change { font-size: 0.85em; color: var(--_muted); }
  .change.better { color: var(--_green); }
  .change.worse { color: var(--_red); }
  .verdict { font-weight: 600; }
  .error { color: var(--_red); }
  button { font: inherit; min-height: 24px; }
  .note { margin-top: 4px; font-size: 0.8em; color: var(--_yellow); }
`];
