import { css } from 'lit';
import { tokens } from '../shared/tokens.js';

export const styles = [
  tokens,
  css`
    :host { display: inline-flex; vertical-align: middle; line-height: 1; }
    [part='badge'] {
      display: inline-flex; align-items: center; gap: 0.35em;
      padding: 0.2em 0.55em; border-radius: 999px; white-space: nowrap;
      border: 1px solid var(--_border);
      font-variant-numeric: tabular-nums; font-weight: 600;
      font-size: var(--kam-health-badge-font-size, 0.9em);
      background: var(--_bg-alt); color: var(--_muted);
    }
    [part~='dot'] { width: 0.6em; height: 0.6em; border-radius: 50%; background: currentColor; flex: none; }
    [part~='band'] { font-weight: 500; }
    :host([band-label='none']) [part~='band'] { display: none; }
    .red { background: var(--kam-health-red-bg, var(--_red-bg)); color: var(--kam-health-red, var(--_red)); }
    .yellow { background: var(--kam-health-yellow-bg, var(--_yellow-bg)); color: var(--kam-health-yellow, var(--_yellow)); }
    .green { background: var(--kam-health-green-bg, var(--_green-bg)); color: var(--kam-health-green, var(--_green)); }
    .blue { background: var(--_blue-bg); color: var(--_blue); }
    .red, .yellow, .green, .blue { border-color: currentColor; }
    .error { border-style: dashed; }
    .loading [part~='dot'] { animation: pulse 1.2s ease-in-out infinite; }
    @keyframes pulse { 50% { opacity: 0.3; } }
    @media (prefers-reduced-motion: reduce) { .loading [part~='dot'] { animation: none; } }
    @media (forced-colors: active) { [part='badge'] { border-color: CanvasText; } }
  `,
];
