// Design tokens. Public tokens are `--kam-*` custom properties the host page sets (they inherit
// through shadow roots); each element reads them through private `--_*` aliases with light and
// dark defaults. No global CSS is ever injected.
import { css } from 'lit';

export const tokens = css`
  :host {
    --_fg: var(--kam-color-text, #1f2328);
    --_muted: var(--kam-color-text-muted, #57606a);
    --_bg: var(--kam-color-surface, #ffffff);
    --_bg-alt: var(--kam-color-surface-alt, #f6f8fa);
    --_border: var(--kam-color-border, #d0d7de);
    --_accent: var(--kam-color-accent, #0a5bb5);
    --_accent-fg: var(--kam-color-accent-text, #ffffff);
    --_focus: var(--kam-color-focus, #0a5bb5);
    --_red: var(--kam-color-red, #b42318);
    --_red-bg: var(--kam-color-red-bg, #fdecea);
    --_yellow: var(--kam-color-yellow, #7a5200);
    --_yellow-bg: var(--kam-color-yellow-bg, #fff4d6);
    --_green: var(--kam-color-green, #146c2e);
    --_green-bg: var(--kam-color-green-bg, #e6f4ea);
    --_blue: var(--kam-color-blue, #0b57a4);
    --_blue-bg: var(--kam-color-blue-bg, #e3effb);
    --_radius: var(--kam-radius, 6px);
    --_space: var(--kam-space, 8px);
    --_font: var(--kam-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_font-size: var(--kam-font-size, 14px);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_fg);
    color-scheme: light;
    box-sizing: border-box;
  }
  :host([kam-theme='dark']) {
    --_fg: var(--kam-color-text, #e6edf3);
    --_muted: var(--kam-color-text-muted, #a8b3bd);
    --_bg: var(--kam-color-surface, #161b22);
    --_bg-alt: var(--kam-color-surface-alt, #0d1117);
    --_border: var(--kam-color-border, #3d444d);
    --_accent: var(--kam-color-accent, #4c9aff);
    --_accent-fg: var(--kam-color-accent-text, #0d1117);
    --_focus: var(--kam-color-focus, #79b8ff);
    --_red: var(--kam-color-red, #ff8a80);
    --_red-bg: var(--kam-color-red-bg, #3d1512);
    --_yellow: var(--kam-color-yellow, #f2cc60);
    --_yellow-bg: var(--kam-color-yellow-bg, #3a2c05);
    --_green: var(--kam-color-green, #6fdd8b);
    --_green-bg: var(--kam-color-green-bg, #0f2e19);
    --_blue: var(--kam-color-blue, #79b8ff);
    --_blue-bg: var(--kam-color-blue-bg, #0c2a4d);
    color-scheme: dark;
  }
  :host([hidden]) { display: none !important; }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  @media (forced-colors: active) {
    :host { --_accent: Highlight; --_focus: Highlight; --_border: CanvasText; }
  }
`;
