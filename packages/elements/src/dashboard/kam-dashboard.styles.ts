import { css } from 'lit';
import { tokens } from '../shared/tokens.js';

export const styles = [tokens, css`
  :host { display: block; container-type: inline-size; min-width: 0; background: var(--_bg-alt); padding: var(--_space); }
  .filters { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: end; margin-bottom: calc(var(--_space) * 1.5); border: 0; padding: 0; }
  .filters legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
  label { display: flex; flex-direction: column; font-size: 0.85em; color: var(--_muted); gap: 2px; min-width: 120px; flex: 1 1 120px; }
  select { font: inherit; font-size: 1rem; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 4px; }
  .kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: var(--_space); margin-bottom: var(--_space); }
  .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: var(--_space); }
  .charts > ::part(chart) { height: 100%; } /* every card in a row as tall as the tallest (border-box: the tokens) */
  .state { padding: calc(var(--_space) * 3); text-align: center; color: var(--_muted); }
  .state.error { color: var(--_red); }
  .state button { font: inherit; min-height: 24px; }
  @container (max-width: 760px) {
    .charts { grid-template-columns: minmax(0, 1fr); }
    .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  }
  @container (max-width: 420px) {
    .kpis { grid-template-columns: minmax(0, 1fr); }
  }
`];
