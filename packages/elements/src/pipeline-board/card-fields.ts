// The extra fields a page asks every card to show (`card-fields`): each a label and a value in
// words. Its own module, fetched when a board is given card fields.
import { css, html, type TemplateResult } from 'lit';
import type { Opportunity } from '@kamkit/core';
import { formatDate, formatMoney, formatNumber, formatPercent, type Locale } from '../shared/i18n.js';
import { localFieldLabel } from './field-labels.js';
import type { CardField } from './kam-pipeline-board.js';

function getPath(record: unknown, path: string): unknown {
  let v: unknown = record;
  for (const p of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function formatValue(v: unknown, path: string, locale: Locale): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'number') return path.endsWith('probability') && v <= 1 ? formatPercent(locale, v) : formatNumber(locale, v);
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)) ? formatDate(locale, v) : v;
  if (Array.isArray(v)) return v.map((x) => formatValue(x, path, locale)).join(', ');
  if (typeof v === 'object' && typeof (v as { amount?: unknown }).amount === 'number' && typeof (v as { currency?: unknown }).currency === 'string') {
    return formatMoney(locale, v as { amount: number; currency: string });
  }
  if (typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string') return (v as { text: string }).text;
  return '—';
}

export function renderFields(locale: Locale, opp: Opportunity, fields: readonly CardField[]): TemplateResult[] {
  return fields.map((f) => {
    const path = typeof f === 'string' ? f : f.field;
    const label = (typeof f === 'string' ? undefined : f.label) ?? localFieldLabel(locale, path);
    return html`<div class="row field"><span class="muted">${label}</span> <span>${formatValue(getPath(opp, path), path, locale)}</span></div>`;
  });
}

export const styles = css`
  .field { font-size: 0.9em; }
`;
