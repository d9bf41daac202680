// A labelled drop-down: a chart's view or mode switch, the dashboard's filters.
import { html, type TemplateResult } from 'lit';

/** `<label>` with its `<select>` (named `name`); `set` gets the chosen option's value. */
export function selectField<V extends string>(label: string, name: string, value: string, options: ReadonlyArray<readonly [V, string]>, set: (v: V) => void): TemplateResult {
  // the space keeps an inline label off its select (a stacked label drops it)
  return html`<label class="toggle">${label} <select name=${name} @change=${(e: Event) => set((e.target as HTMLSelectElement).value as V)}>
    ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
  </select></label>`;
}
