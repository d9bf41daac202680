import { css } from 'lit';
import { tokens } from '../shared/tokens.js';

export const styles = [
  tokens,
  css`
    :host { display: block; color: var(--_fg); }
    [part='status'] {
      display: flex; align-items: center; gap: var(--_space); flex-wrap: wrap;
      min-height: 2em; padding: 0.25em var(--_space); margin-bottom: var(--kam-provider-status-gap, var(--_space));
      border: 1px solid var(--_border); border-radius: var(--_radius);
      background: var(--_bg-alt); color: var(--_muted); font-size: 0.9em;
    }
    :host([hide-status]) [part='status'] { display: none; }
    :host([status-position='bottom']) [part='status'] { margin-bottom: 0; margin-top: var(--kam-provider-status-gap, var(--_space)); }
    .dot { width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--_muted); flex: none; }
    .ready .dot { background: var(--_green); }
    .loading .dot { background: var(--_blue); }
    .error .dot, .offline .dot { background: var(--_red); }
    .error [part~='message'] { color: var(--_red); }
    [part~='progress'] { flex: 0 1 8em; min-width: 4em; height: 0.5em; accent-color: var(--_accent); }
    [part~='pending'], [part~='rejected'], [part~='offline'] {
      padding: 0.1em 0.5em; border-radius: 999px; border: 1px solid var(--_border); background: var(--_bg); color: var(--_fg);
    }
    [part~='offline'] { color: var(--_red); border-color: currentColor; }
    [part~='retry'] {
      font: inherit; color: var(--_accent-fg); background: var(--_accent); border: 0;
      border-radius: var(--_radius); padding: 0.2em 0.8em; cursor: pointer; min-height: 24px;
    }
    .layout { display: flex; flex-direction: column; }
    :host([status-position='bottom']) .layout { flex-direction: column-reverse; }
  `,
];
