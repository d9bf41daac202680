// The one way to register a tag. A page may hold two copies of the library (two bundles, a
// micro-frontend and its host): the second define must not throw, and says so once.
const warnedKey = Symbol.for('kamkit.define.warned');

export function define(tag: string, ctor: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return; // server-side or non-DOM context: nothing to register
  const existing = registry.get(tag);
  if (!existing) {
    registry.define(tag, ctor);
    return;
  }
  if (existing === ctor) return;
  const g = globalThis as unknown as Record<symbol, boolean>;
  if (!g[warnedKey]) {
    g[warnedKey] = true;
    console.warn(`[kamkit] <${tag}> is already defined by another copy of KAM Kit on this page; this copy reuses the first one. Load the library once to avoid version skew.`);
  }
}
