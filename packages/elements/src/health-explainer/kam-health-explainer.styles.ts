import { css } from 'lit';
import { tokens } from '../shared/tokens.js';
import { stateStyles } from '../account-360/states.js';

export const styles = [
  tokens,
  stateStyles, // the state boxes every account element shows
  css`
    :host { display: block; container-type: inline-size; }
    .explainer { display: flex; flex-direction: column; gap: calc(var(--_space) * 2); }
    h3 { font-size: 1em; margin: 0 0 calc(var(--_space) * 0.5); }
    p { margin: 0 0 calc(var(--_space) * 0.5); }
    .muted { color: var(--_muted); }
    .small { font-size: 0.85em; }
    .warn, .score.yellow { color: var(--_yellow); }
    .error, .score.red, .trend.down .arrow { color: var(--_red); }
    .score.green, .trend.up .arrow { color: var(--_green); }
    .score.blue { color: var(--_blue); }
    .header { display: grid; grid-template-columns: auto 1fr; gap: 0 var(--_space); align-items: center; }
    .header p { grid-column: 1 / -1; }
    .headline { display: flex; align-items: baseline; gap: 0.4em; }
    .score { font-size: 2em; font-weight: 700; font-variant-numeric: tabular-nums; }
    .losses-head { display: flex; justify-content: space-between; align-items: center; gap: var(--_space); flex-wrap: wrap; }
    .toggle { display: inline-flex; border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden; }
    button {
      font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border);
      border-radius: var(--_radius); padding: 0.25em 0.8em; cursor: pointer; min-height: 2em;
    }
    .toggle button { border: 0; border-radius: 0; }
    .toggle button[aria-pressed='true'] { background: var(--_accent); color: var(--_accent-fg); }
    .toggle button[aria-pressed='true']::before { content: '✓ '; } /* not colour alone: forced colours paint both alike */
    button.link { border: 0; background: none; color: var(--_accent); padding: 0.25em 0; text-decoration: underline; }
    .explainer > button.link { align-self: start; } /* a link, not a bar across the column with its text centred */
    figure { margin: 0; }
    .wf-grid { display: grid; grid-template-columns: minmax(6em, 12em) 1fr auto; gap: 0 var(--_space); align-items: start; }
    .wf-labels, .wf-values { list-style: none; margin: 0; padding: 0; }
    .wf-labels li, .wf-values li { margin: 0; height: var(--row-h); line-height: var(--row-h); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font-size: 0.9em; }
    .wf-values li { text-align: end; font-variant-numeric: tabular-nums; color: var(--_red); }
    .wf-values li:first-child { color: var(--_muted); }
    .wf-values li.strong, .wf-labels li.strong { font-weight: 600; color: var(--_fg); }
    .wf-svg { width: 100%; display: block; }
    .wf-svg .full { fill: var(--_border); }
    .wf-svg .lost { fill: var(--kam-health-explainer-bar, var(--_red)); }
    .wf-svg .final { fill: var(--kam-health-explainer-score-bar, var(--_accent)); }
    .cols { display: grid; grid-template-columns: 1fr 1fr; gap: calc(var(--_space) * 2); }
    @container (max-width: 520px) { .cols { grid-template-columns: 1fr; } .wf-grid { grid-template-columns: minmax(5em, 9em) 1fr auto; } }
    ul { margin: 0; padding-inline-start: 1.2em; }
    li { margin-bottom: 0.2em; }
  `,
];
