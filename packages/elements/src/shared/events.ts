// The one way to emit a `kam-*` event. Each element declares its events' detail types by
// augmenting HTMLElementEventMap, so listeners are typed:
//   declare global { interface HTMLElementEventMap { 'kam-select': CustomEvent<SelectDetail> } }
type DetailOf<E> = E extends CustomEvent<infer D> ? D : never;
export type KamEventName = Extract<keyof HTMLElementEventMap, `kam-${string}`>;

/**
 * Dispatches a bubbling, composed `kam-*` CustomEvent from `target`.
 * Returns false when a listener called `preventDefault()` on a cancelable event.
 */
export function emit<K extends KamEventName>(
  target: EventTarget,
  type: K,
  detail: DetailOf<HTMLElementEventMap[K]>,
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
  return target.dispatchEvent(event);
}
