import { css } from 'lit';
import { tokens } from '../shared/tokens.js';

export const styles = [
  tokens,
  css`
    :host { display: block; container-type: inline-size; }
    .wrap {
      display: flex; flex-direction: column; gap: calc(var(--_space) * 1.5);
      padding: calc(var(--_space) * 1.5); background: var(--_bg); color: var(--_fg);
      border: 1px solid var(--_border); border-radius: var(--_radius);
    }
    .title { margin: 0; font-size: 1.1em; font-weight: 600; }
    .muted { color: var(--_muted); }
    .warn { margin: 0; padding: var(--_space); color: var(--_yellow); background: var(--_yellow-bg); border-radius: 4px; }
    .state { padding: calc(var(--_space) * 2); color: var(--_muted); border: 1px solid var(--_border); border-radius: var(--_radius); }
    .state.error { color: var(--_red); display: flex; flex-direction: column; gap: 4px; }
    .path {
      list-style: none; margin: 0; padding: 0 0 4px; display: flex; gap: 4px; overflow-x: auto;
    }
    .step {
      flex: 1 1 0; min-width: var(--kam-stage-path-step-min-width, 96px);
      display: flex; flex-direction: column; gap: 2px; padding: 6px 10px 6px 16px;
      background: var(--_bg-alt); border: 1px solid var(--_border);
      clip-path: polygon(0 0, calc(100% - 10px) 0, 100% 50%, calc(100% - 10px) 100%, 0 100%, var(--_notch, 10px) 50%);
    }
    .step:first-child { --_notch: 0; padding-left: 10px; } /* no notch: its left edge straight */
    .step-name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .step-time { font-size: 0.8em; }
    .step.done { background: var(--_blue-bg); color: var(--_blue); }
    .step.skipped { color: var(--_muted); border-style: dashed; }
    .step.current { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
    .step.current.kind-won, .outcome.won { background: var(--_green-bg); color: var(--_green); }
    .step.current.kind-lost, .outcome.lost { background: var(--_red-bg); color: var(--_red); }
    .step.current:not(.kind-open) { border: 2px solid; }
    .step.upcoming { color: var(--_muted); }
    .outcome {
      display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline;
      padding: var(--_space); border-radius: 4px; border: 1px solid currentColor;
    }
    .details { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: var(--_space) calc(var(--_space) * 2); }
    .block h3, .next h3 { margin: 0 0 4px; font-size: 0.95em; }
    .guidance { margin: 0; }
    .fields { margin: 0; display: flex; flex-direction: column; gap: 2px; }
    .fields div { display: flex; gap: 8px; }
    .fields dt { color: var(--_muted); min-width: 8em; }
    .fields dd { margin: 0; }
    .checklist { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
    .checklist label { display: inline-flex; gap: 6px; align-items: center; cursor: pointer; min-height: 24px; }
    .next { border-top: 1px solid var(--_border); padding-top: var(--_space); display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
    .missing { margin: 0; padding-inline-start: 18px; color: var(--_red); }
    .ready { margin: 0; color: var(--_green); }
    button.primary {
      font: inherit; padding: 6px 14px; border-radius: var(--_radius); cursor: pointer;
      background: var(--_accent); color: var(--_accent-fg); border: 1px solid var(--_accent);
    }
    button.primary:disabled { opacity: 0.6; cursor: default; }
    @container (max-width: 480px) {
      .path { flex-direction: column; }
      .step { clip-path: none; padding-left: 10px; min-width: 0; }
    }
    @media (forced-colors: active) {
      .step.current { outline: 2px solid Highlight; }
    }
  `,
];
