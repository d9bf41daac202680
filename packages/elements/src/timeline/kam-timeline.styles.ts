import { css } from 'lit';
import { tokens } from '../shared/tokens.js';
import { stateStyles } from '../account-360/states.js';

export const styles = [tokens, stateStyles, css`
  :host { display: block; container-type: inline-size; background: var(--_bg); }
  /* A channel's letter in a circle, coloured by its kind of touch point. */
  .glyph { display: inline-grid; place-items: center; flex: none; width: 24px; height: 24px; border-radius: 50%;
    font-weight: 700; font-size: 12px; color: var(--_fg); background: var(--_bg-alt); border: 1px solid var(--_border); }
  .ch-visit, .ch-meeting, .ch-exhibition { background: var(--_blue-bg); border-color: var(--_blue); }
  .ch-call, .ch-email, .ch-web_enquiry { background: var(--_green-bg); border-color: var(--_green); }
  .ch-ticket { background: var(--_red-bg); border-color: var(--_red); }
  .ch-order { background: var(--_yellow-bg); border-color: var(--_yellow); }
  .filters { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; margin-bottom: var(--_space); }
  .chips { display: flex; flex-wrap: wrap; gap: 4px; }
  /* The controls: chips, the contact select, Show more and Clear filters. */
  .chip, select, .more, .link { font: inherit; min-height: 32px; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); }
  .chip { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; padding: 2px 10px 2px 4px; border-radius: 999px; }
  .chip[aria-pressed='true'] { border-color: var(--_accent); box-shadow: inset 0 0 0 1px var(--_accent); font-weight: 600; }
  .chip[aria-pressed='true']::after { content: '✓'; color: var(--_accent); }
  .contact { display: inline-flex; gap: 4px; align-items: center; color: var(--_muted); }
  select { max-width: 60cqi; }
  ol.days, ul.entries { list-style: none; margin: 0; padding: 0; }
  .day h4 { position: sticky; top: 0; z-index: 1; margin: var(--_space) 0 4px; padding: 2px 0; font-size: 0.9em; background: var(--_bg); color: var(--_fg); }
  .day h4 .abs { color: var(--_muted); font-weight: 400; }
  .entry { display: flex; gap: var(--_space); width: 100%; text-align: start; font: inherit; color: var(--_fg); cursor: pointer;
    padding: 6px; border: 1px solid transparent; border-radius: var(--_radius); background: none; }
  .entry:hover { background: var(--_bg-alt); border-color: var(--_border); }
  .body { display: flex; flex-direction: column; gap: 2px; min-width: 0; flex: 1; }
  .line { display: flex; gap: 6px; flex-wrap: wrap; }
  .subject { font-weight: 600; overflow-wrap: anywhere; }
  .chip .count, .type, .who, .meta, time { color: var(--_muted); font-size: 0.85em; }
  .notes { color: var(--_fg); font-size: 0.9em; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow-wrap: anywhere; }
  time { flex: none; }
  .sentinel { height: 1px; }
  .more, .link { cursor: pointer; color: var(--_accent); padding: 4px 12px; margin-top: var(--_space); }
  @container (max-width: 420px) { time { display: none; } .day h4 .abs { display: block; } }
`];
