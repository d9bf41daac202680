// A column total's breakdown by currency (what was converted at which rate, what was left out and
// why, the amounts to check): the tooltip of the column's totals. Its own module, fetched the
// first time the pointer or focus comes near a total.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { MoneyTotal } from '@kamkit/core';
import { formatDate, formatMoney, formatNumber, type Locale } from '../shared/i18n.js';
import type { BoardColumn, BoardModel } from './board-model.js';
import { t } from './strings.js';

export function renderBreakdown(locale: Locale, total: MoneyTotal, col: BoardColumn, model: BoardModel): TemplateResult {
  const money = (amount: number, currency: string) => formatMoney(locale, { amount, currency });
  const rows = Object.entries(total.breakdown);
  const only = rows.length <= 1 && total.excluded.length === 0;
  return html`
    <p class="tip-title">${t(locale, 'breakdownTitle')}</p>
    <ul>
      ${rows.map(([currency, b]) => html`<li>${t(locale, 'breakdownRow', {
        currency, original: money(b.amount, currency), count: formatNumber(locale, b.count), converted: money(b.converted, total.currency),
      })}</li>`)}
      ${total.excluded.map((x) => html`<li class="warn">${t(locale, 'excludedRow', {
        currency: x.currency, original: money(x.amount, x.currency), count: formatNumber(locale, x.count), reason: x.reason,
      })}</li>`)}
      ${col.flagged ? (['negative', 'implausible', 'invalid'] as const).map((f) => {
        const n = [...col.odd.values()].filter((o) => model.amountFlag(o) === f).length;
        return n ? html`<li class="warn">${t(locale, `${f}Row`, { count: n })}</li>` : nothing;
      }) : nothing}
    </ul>
    ${rows.length === 0 && total.excluded.length === 0 && !col.flagged ? html`<p class="muted">${t(locale, 'columnEmpty')}</p>` : nothing}
    ${total.fx && !only ? html`<p class="muted">${t(locale, 'fxSource', { table: total.fx.table, date: formatDate(locale, total.fx.date) })}</p>` : nothing}
    ${only && rows.length === 1 && rows[0][0] === total.currency ? html`<p class="muted">${t(locale, 'noConversion', { currency: total.currency })}</p>` : nothing}`;
}

export const styles = css`
  .tooltip {
    display: none;
    position: absolute;
    z-index: 5;
    top: 100%;
    left: var(--_space);
    right: var(--_space);
    padding: var(--_space);
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
    font-size: 0.85em;
  }
  .totals:hover + .tooltip, .totals:focus + .tooltip { display: block; }
  .totals.tip-off + .tooltip { display: none; }
  .tooltip ul { margin: 4px 0; padding-inline-start: 16px; }
  .tooltip p { margin: 0; }
  .tip-title { font-weight: 600; }
`;
