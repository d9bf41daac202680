// What an element in store mode shows when no store will come: no <kam-provider> above it (through
// shadow roots) and no `store` set. Without it, the 360 view said "Loading account…" and the list
// "No accounts yet." for ever, where the developer needs to hear how to wire it. KamElement shows
// it in place of an element's content (see `awaitsStore`).
import { defineStrings, type Locale } from './i18n.js';

const en = { noProvider: 'Place <{tag}> inside <kam-provider> or set its store.' };
/** Every locale's table has exactly these keys (unprovided.zh-CN.ts is checked against it). */
export type UnprovidedEn = typeof en;

const t = defineStrings({ id: 'unprovided', en, 'zh-CN': () => import('./unprovided.zh-CN.js') });

/** The wiring hint when `host` has no store and no provider above it (one not upgraded yet counts: its store is on its way). */
export function unprovided(host: HTMLElement & { store?: unknown }, locale: Locale): string | undefined {
  if (host.store) return;
  for (let n: Node | null = host; n; n = n.parentNode ?? (n as ShadowRoot).host) if (n.nodeName === 'KAM-PROVIDER') return;
  return t(locale, 'noProvider', { tag: host.localName });
}
