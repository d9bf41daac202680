// The extra fields a page asks every card to show (`card-fields`): each a label and a value in
// words. Its own module, fetched when a board is given card fields.
import { css, html, type TemplateResult } from 'lit';
import type { Opportunity } from '@kamkit/core';
import type { Locale } from '../shared/i18n.js';
import { formatFieldValue, getPath } from '../shared/field-value.js';
import { localFieldLabel } from './field-labels.js';
import type { CardField } from './kam-pipeline-board.js';

export function renderFields(locale: Locale, opp: Opportunity, fields: readonly CardField[]): TemplateResult[] {
  return fields.map((f) => {
    const path = typeof f === 'string' ? f : f.field;
    const label = (typeof f === 'string' ? undefined : f.label) ?? localFieldLabel(locale, path);
    return html`<div class="row field"><span class="muted">${label}</span> <span>${formatFieldValue(getPath(opp, path), path, locale)}</span></div>`;
  });
}

export const styles = css`
  .field { font-size: 0.9em; }
`;
