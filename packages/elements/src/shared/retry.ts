// The Retry every element shows on a store that failed: it emits `kam-retry` (the provider, or a
// host that owns the store, loads again) and keeps a keyboard user's place while the element's
// content comes and goes.
import { emit } from './events.js';

/** Detail of `kam-retry`: which element asks, and for which account (when it shows one). */
export interface RetryDetail {
  /** Tag name of the element whose retry button was pressed. */
  source: string;
  accountId?: string;
}

declare global {
  interface HTMLElementEventMap {
    'kam-retry': CustomEvent<RetryDetail>;
  }
}

/**
 * Emits `kam-retry` from host, keeping a keyboard user's place: the Retry button goes when the
 * reload starts (a loading line takes its place, then the content). Each time the focused node
 * goes, focus that fell out of host moves to its state line, or once the content is back to its
 * first control, instead of the top of the page.
 */
export function retryKeepingFocus(host: HTMLElement, detail: RetryDetail): void {
  const root = host.shadowRoot!;
  let held = root.activeElement as HTMLElement | null;
  emit(host, 'kam-retry', detail);
  if (!held) return;
  const watch = new MutationObserver(() => {
    if (held!.isConnected) return;
    let deep = document.activeElement;
    while (deep?.shadowRoot?.activeElement) deep = deep.shadowRoot.activeElement;
    // Only focus that fell to the page, or to an element host sits in (not when the user went elsewhere).
    const fell = !root.activeElement && (deep === null || deep === document.body || deep.contains(host) || !!deep.shadowRoot?.contains(host));
    const box = root.querySelector<HTMLElement>('[part~="state"]');
    held = fell ? box ?? root.querySelector<HTMLElement>('[tabindex="0"], button, input, select, a[href]') : null;
    if (!held) return watch.disconnect();
    if (held === box) held.tabIndex = -1; else watch.disconnect(); // back on the content: done
    held.focus();
  });
  watch.observe(root, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), 30_000); // a reload that never starts, or never ends
}
