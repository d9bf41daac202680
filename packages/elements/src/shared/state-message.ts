// An element's state line in place of its content: loading, empty, no store (a status) or an
// error (an alert), announced by assistive technology and styled through part="state".
import { html, nothing, type TemplateResult } from 'lit';

/**
 * The live role of a state box: `status`, or for an error (`error` true) `alert`. For the failed
 * load of the element's store, `error` is the element: its box is then no live region when a
 * provider above announces that failure (KamElement's `failureAnnounced`): the provider's status
 * bar says it once, where each element's alert said it again (a page of six elements, six times).
 */
export const liveRole = (error: ErrorOf) => (!error ? 'status' : (error as { failureAnnounced?: boolean }).failureAnnounced ? nothing : 'alert');

/** `true` for an error of the element's own, the element itself for its store's failed load. */
export type ErrorOf = boolean | { failureAnnounced?: boolean };

export function stateMessage(text: unknown, error: ErrorOf = false): TemplateResult {
  return html`<div class=${error ? 'state error' : 'state'} part="state" role=${liveRole(error)}>${text}</div>`;
}
