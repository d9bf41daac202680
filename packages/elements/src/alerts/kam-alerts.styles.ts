import { css } from 'lit';
import { tokens } from '../shared/tokens.js';
import { stateStyles } from '../account-360/states.js';

export const styles = [tokens, stateStyles, css`
  :host { display: block; background: var(--_bg); container-type: inline-size; }
  .filters { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: var(--_space); }
  .filter { display: inline-flex; align-items: center; gap: 4px; font: inherit; cursor: pointer; min-height: 32px; padding: 2px 10px;
    border-radius: 999px; border: 1px solid var(--_border); background: var(--_bg); color: var(--_fg); }
  .filter[aria-pressed='true'] { border-color: var(--_accent); box-shadow: inset 0 0 0 1px var(--_accent); font-weight: 600; }
  .filter[aria-pressed='true']::after { content: '✓'; color: var(--_accent); }
  .count { color: var(--_muted); font-size: 0.85em; }
  .list, .nba ol { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space); }
  .alert { border: 1px solid var(--_border); border-inline-start: 6px solid var(--_sev); border-radius: var(--_radius); padding: var(--_space); background: var(--_bg); }
  /* A severity's colours, on the alert and on its filter button. */
  .sev-red { --_sev: var(--_red); --_sev-bg: var(--_red-bg); }
  .sev-yellow { --_sev: var(--_yellow); --_sev-bg: var(--_yellow-bg); }
  .sev-blue { --_sev: var(--_blue); --_sev-bg: var(--_blue-bg); }
  .alert.sev-yellow { border-inline-start-style: double; }
  .alert.sev-blue { border-inline-start-style: dashed; }
  .head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; }
  .sev { display: inline-flex; gap: 4px; align-items: center; font-size: 0.85em; font-weight: 600; padding: 0 6px; border-radius: var(--_radius); background: var(--_sev-bg); }
  .sev, .filter .glyph { color: var(--_sev); }
  .title { font-weight: 600; overflow-wrap: anywhere; }
  .account { color: var(--_muted); font-size: 0.9em; overflow-wrap: anywhere; }
  .reason { margin: 4px 0; overflow-wrap: anywhere; }
  .facts { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; margin: 4px 0; font-size: 0.9em; }
  .facts div { display: flex; gap: 4px; align-items: baseline; } /* a CJK label's taller line box must not lift its value */
  .facts dt { color: var(--_muted); }
  .facts dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
  .buttons { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
  .nba { margin-top: calc(var(--_space) * 2); }
  .nba-title { display: block; margin-bottom: 4px; }
  .nba li { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; }
  .because { color: var(--_muted); font-size: 0.85em; overflow-wrap: anywhere; }
  .more, .link { font: inherit; cursor: pointer; color: var(--_accent); background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 4px 12px; min-height: 32px; margin-top: var(--_space); }
  @media (forced-colors: active) { .alert { border-inline-start-color: CanvasText; } }
`];
