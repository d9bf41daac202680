// An element's state line in place of its content: loading, empty, no store (a status) or an
// error (an alert), announced by assistive technology and styled through part="state".
import { html, type TemplateResult } from 'lit';

export function stateMessage(text: unknown, error = false): TemplateResult {
  return html`<div class=${error ? 'state error' : 'state'} part="state" role=${error ? 'alert' : 'status'}>${text}</div>`;
}
