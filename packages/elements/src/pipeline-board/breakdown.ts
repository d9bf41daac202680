// A column total's breakdown by currency (what was converted at which rate, what was left out and
// why, the amounts to check): the tooltip of the column's totals. Its own module, fetched the
// first time the pointer or focus comes near a total.
import type { CSSResult, TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.js';
import { later, css, html, nothing, defineStrings, formatDate, formatMoney, formatNumber } from './kit.js';
export { fill } from './kit.js';
import type { MoneyTotal } from '@kamkit/core';
import type { BoardColumn, BoardModel } from './board-model.js';

// Its words come with it (both languages: they are few), not in the board's up-front table.
const words = defineStrings({
  en: {
    breakdownTitle: 'By currency',
    breakdownRow: '{currency}: {original} ({count}) = {converted}',
    excludedRow: 'Not included — {currency}: {original} ({count}): {reason}',
    negativeRow: '{count} with a negative amount: counted as entered, as in the pipeline analytics',
    implausibleRow: '{count} with an implausibly large amount: counted as entered; check the source data',
    invalidRow: '{count} with an amount that is not a number: left out',
    fxSource: 'Rates: {table}, {date}',
    noConversion: 'All amounts are in {currency}.',
  },
  'zh-CN': {
    breakdownTitle: '按币种',
    breakdownRow: '{currency}：{original}（{count}）= {converted}',
    excludedRow: '未计入 — {currency}：{original}（{count}）：{reason}',
    negativeRow: '{count} 笔金额为负：按原值计入，与管道分析一致',
    implausibleRow: '{count} 笔金额大得不合理：按原值计入，请检查源数据',
    invalidRow: '{count} 笔金额不是有效数字：未计入',
    fxSource: '汇率：{table}，{date}',
    noConversion: '所有金额均为 {currency}。',
  },
});

/** A column's total by currency; `empty` is the board's own 'no deals' text (its table stays in the board's up-front strings). */
export function renderBreakdown(locale: Locale, total: MoneyTotal, col: BoardColumn, model: BoardModel, empty: string): TemplateResult {
  const money = (amount: number, currency: string) => formatMoney(locale, { amount, currency });
  const rows = Object.entries(total.breakdown);
  const only = rows.length <= 1 && total.excluded.length === 0;
  return html`
    <p class="tip-title">${words(locale, 'breakdownTitle')}</p>
    <ul>
      ${rows.map(([currency, b]) => html`<li>${words(locale, 'breakdownRow', {
        currency, original: money(b.amount, currency), count: formatNumber(locale, b.count), converted: money(b.converted, total.currency),
      })}</li>`)}
      ${total.excluded.map((x) => html`<li class="warn">${words(locale, 'excludedRow', {
        currency: x.currency, original: money(x.amount, x.currency), count: formatNumber(locale, x.count), reason: x.reason,
      })}</li>`)}
      ${col.flagged ? (['negative', 'implausible', 'invalid'] as const).map((f) => {
        const n = [...col.odd.values()].filter((o) => model.amountFlag(o) === f).length;
        return n ? html`<li class="warn">${words(locale, `${f}Row`, { count: formatNumber(locale, n) })}</li>` : nothing;
      }) : nothing}
    </ul>
    ${rows.length === 0 && total.excluded.length === 0 && !col.flagged ? html`<p class="muted">${empty}</p>` : nothing}
    ${total.fx && !only ? html`<p class="muted">${words(locale, 'fxSource', { table: total.fx.table, date: formatDate(locale, total.fx.date) })}</p>` : nothing}
    ${only && rows.length === 1 && rows[0][0] === total.currency ? html`<p class="muted">${words(locale, 'noConversion', { currency: total.currency })}</p>` : nothing}`;
}

export let styles: CSSResult;
later(() => { styles = css`
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
`; });
