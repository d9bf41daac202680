// Design tokens. Public tokens are `--kam-*` custom properties the host page sets (they inherit
// through shadow roots); each element reads them through private `--_*` aliases whose defaults
// are light-dark() pairs: the host's color-scheme (set from kam-theme) picks one, so the dark
// palette is not written out a second time. No global CSS is ever injected.
import { css } from 'lit';

export const tokens = css`
  :host {
    --_fg: var(--kam-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--kam-color-text-muted, light-dark(#57606a, #a8b3bd));
    --_bg: var(--kam-color-surface, light-dark(#ffffff, #161b22));
    --_bg-alt: var(--kam-color-surface-alt, light-dark(#f6f8fa, #0d1117));
    --_border: var(--kam-color-border, light-dark(#d0d7de, #3d444d));
    --_accent: var(--kam-color-accent, light-dark(#0a5bb5, #4c9aff));
    --_accent-fg: var(--kam-color-accent-text, light-dark(#ffffff, #0d1117));
    --_focus: var(--kam-color-focus, light-dark(#0a5bb5, #79b8ff));
    --_red: var(--kam-color-red, light-dark(#b42318, #ff8a80));
    --_red-bg: var(--kam-color-red-bg, light-dark(#fdecea, #3d1512));
    --_yellow: var(--kam-color-yellow, light-dark(#7a5200, #f2cc60));
    --_yellow-bg: var(--kam-color-yellow-bg, light-dark(#fff4d6, #3a2c05));
    --_green: var(--kam-color-green, light-dark(#146c2e, #6fdd8b));
    --_green-bg: var(--kam-color-green-bg, light-dark(#e6f4ea, #0f2e19));
    --_blue: var(--kam-color-blue, light-dark(#0b57a4, #79b8ff));
    --_blue-bg: var(--kam-color-blue-bg, light-dark(#e3effb, #0c2a4d));
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
  :host([kam-theme='dark']) { color-scheme: dark; }
  :host([hidden]) { display: none !important; }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  /* !important throughout: an element's own later rule for the same node (a chart's
     .data-table { width: 100% }) must not make the hidden box page-wide again. */
  .visually-hidden {
    position: absolute !important; width: 1px !important; height: 1px !important; padding: 0 !important; margin: -1px !important;
    overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; border: 0 !important;
    table-layout: fixed !important;
  }
  /* Text too: SVG fills (charts' labels) are not forced, and the palette's greys vanish on a dark canvas. */
  @media (forced-colors: active) {
    :host { --_accent: Highlight; --_focus: Highlight; --_border: CanvasText; --_fg: CanvasText; --_muted: CanvasText; }
  }
`;
