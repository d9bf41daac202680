// Storybook's controls on an element: each arg is set on it as a property where the element has
// one (mode, loading, error, theme, locale), else as its attribute (heading-level, pipeline-id);
// a --kam-* custom property on its style.
// Action args (functions) are Storybook's own. Without this a story that renders its element by
// hand shows controls that change nothing.
import { ref } from 'lit/directives/ref.js';
import type { ArgTypes } from '@storybook/web-components-vite';

export function applyArgs<T extends Element>(el: T, args: Record<string, unknown> = {}): T {
  for (const [k, v] of Object.entries(args)) {
    if (v === undefined || typeof v === 'function') continue;
    // a design token from the CSS custom properties rows
    if (k.startsWith('--')) (el as unknown as ElementCSSInlineStyle).style.setProperty(k, v === '' ? null : String(v));
    else if (k in el) {
      try { (el as unknown as Record<string, unknown>)[k] = v; } catch { /* a read-only getter (resolvedLocale) */ }
    }
    else if (typeof v === 'object') continue; // not an attribute: no '[object Object]'
    else if (v === false) el.removeAttribute(k);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return el;
}

/** The same for an element in a Lit template: `<kam-dashboard ${withArgs(args)}>`. */
export const withArgs = (args: Record<string, unknown>) => ref((el) => { if (el) applyArgs(el, args); });

/** Args every element has: with them the Controls panel is live (each other row offers "Set …"). */
export const commonArgs = { locale: 'en', theme: 'light' };
export const commonArgTypes: ArgTypes = {
  locale: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  theme: { control: 'inline-radio', options: ['light', 'dark'] },
};
