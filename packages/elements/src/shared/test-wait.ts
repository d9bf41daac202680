// Waiting in tests (not shipped: test-* files never reach dist/). A check made one frame or one
// update after an action passes on an idle machine and fails on a loaded one (CI: 2 CPUs shared by
// Chromium, the dev server and the other suites), where a layout, an observer or a lazily loaded
// table can come a frame or a fetch later. These poll the very condition instead, up to a bound.

import { waitUntil } from '@open-wc/testing';

/**
 * open-wc's `waitUntil` (checked now, then every 16 ms, up to `ms`), whose failure also says, from
 * `seen()`, what was there instead, so a failure names the condition that never came and what the
 * page showed. Compare elements with `===` inside `ok` (chai's diff of two elements hangs the runner).
 */
export async function until(ok: () => boolean, what: string, seen?: () => string, ms = 5000): Promise<void> {
  try {
    await waitUntil(ok, `waited ${ms} ms for ${what}`, { interval: 16, timeout: ms });
  } catch (e) {
    throw new Error(`${(e as Error).message}${seen ? `; last seen: ${seen()}` : ''}`);
  }
}

/** A short name for an element in a failure message (never the element itself: see `until`). */
export function describeEl(e: Element | null | undefined): string {
  if (!e) return 'nothing';
  const label = e.getAttribute('aria-label') ?? e.textContent?.trim().slice(0, 40);
  const cls = e.getAttribute('class');
  return `<${e.localName}${cls ? ` class="${cls}"` : ''}>${label ? ` "${label}"` : ''}`;
}
