// The context keys <kam-provider> provides and every element consumes. Keys are global symbols
// so two copies of the library on one page still find each other's provider.
import { ContextRoot, createContext } from '@lit/context';
import type { StoreReader, StoreWriter } from '@kamkit/core';
import type { HealthOverride } from '@kamkit/core/health';
import type { Locale } from './i18n.js';

/** What elements see of the Store: reads always, writes when the store allows them. */
export type KamStore = StoreReader & Partial<StoreWriter>;

export interface KamSettings {
  locale: Locale;
  /** ISO 4217 reporting currency for totals. */
  currency: string;
  theme: 'light' | 'dark';
  /**
   * Health overrides the host keeps (the provider's `healthOverrides`); a new array when they
   * change, so every element scoring health re-renders.
   */
  healthOverrides?: readonly HealthOverride[];
  /** The provider's status bar is shown: it announces a failed load (elements' boxes for it are then no live regions). */
  announces?: boolean;
}

export const storeContext = createContext<KamStore | undefined>(Symbol.for('kamkit.context.store'));
export const settingsContext = createContext<KamSettings | undefined>(Symbol.for('kamkit.context.settings'));

// Elements upgraded before <kam-provider> is defined (any import order, e.g. define-all) asked
// for the store before anyone could answer; a ContextRoot replays those requests when a
// provider appears. One per page, even with two copies of the library.
const ROOT_KEY = Symbol.for('kamkit.context.root');
if (typeof document !== 'undefined' && !(globalThis as Record<symbol, unknown>)[ROOT_KEY]) {
  const root = new ContextRoot();
  root.attach(document.documentElement);
  (globalThis as Record<symbol, unknown>)[ROOT_KEY] = root;
}
