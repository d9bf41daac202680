import type { CSSResult } from 'lit';
import { css, later } from './kit.js';

/** The won / lost dialog, shared by the board and the stage path. */
export let dialogStyles: CSSResult;
later(() => { dialogStyles = css`
  .close-dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    background: var(--_bg);
    color: var(--_fg);
    width: min(420px, calc(100vw - 32px));
    font: inherit;
  }
  .close-dialog::backdrop { background: rgb(0 0 0 / 0.4); }
  .close-dialog.won h2 { color: var(--_green); }
  .close-dialog.lost h2 { color: var(--_red); }
  .close-dialog h2 { margin: 0 0 4px; font-size: 1.1em; }
  .close-dialog p { margin: 0 0 var(--_space); color: var(--_muted); }
  .close-dialog .field { display: flex; flex-direction: column; gap: 4px; margin-bottom: var(--_space); }
  .close-dialog .hint { color: var(--_muted); font-size: 0.9em; }
  .close-dialog textarea, .close-dialog input {
    font: inherit; color: var(--_fg); background: var(--_bg);
    border: 1px solid var(--_border); border-radius: 4px; padding: 6px;
  }
  .close-dialog [aria-invalid='true'] { border-color: var(--_red); }
  .dialog-errors { color: var(--_red); margin: 0 0 var(--_space); padding-inline-start: 18px; }
  .dialog-actions { display: flex; justify-content: flex-end; gap: var(--_space); }
  .dialog-actions button {
    font: inherit; padding: 6px 14px; border-radius: var(--_radius); cursor: pointer;
    border: 1px solid var(--_border); background: var(--_bg); color: var(--_fg);
  }
  .dialog-actions .primary { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
`; });
