// <kam-alerts>' next best actions for one account, with why each is suggested: its own chunk (see
// actions-loader.ts), fetched the first time there are actions to show. They come after the
// alerts, so the alerts do not wait for it and nothing above them moves when it is here.
import { html, type TemplateResult } from 'lit';
import type { NextBestAction } from '@kamkit/core/alerts';
import { emit } from '../shared/events.js';
import { formatNumber, type Locale } from '../shared/i18n.js';
import { t, zhAction, zhRationale } from './strings.js';

/** Why an action is suggested: the rule's rationale in words; a rule without one lists its facts. */
function because(locale: Locale, n: NextBestAction): string {
  if (n.rationale) return (locale === 'zh-CN' && zhRationale[n.ruleId]) || n.rationale;
  return n.because.map((b) => `${b.fact} ${b.op === 'missing' || b.op === 'present' ? b.op : `= ${typeof b.actual === 'number' ? formatNumber(locale, b.actual, { maximumFractionDigits: 2 }) : String(b.actual ?? '—')} (${b.op} ${String(b.value)})`}`).join('; ');
}

export function renderActions(host: HTMLElement & { accountId?: string }, locale: Locale, actions: NextBestAction[]): TemplateResult {
  return html`<section class="nba" part="nba" aria-label=${t(locale, 'nba')}>
    <strong class="nba-title">${t(locale, 'nba')}</strong>
    <ol>${actions.map((n) => html`<li data-rule=${n.ruleId}>
      <button type="button" class="btn secondary" @click=${() => emit(host, 'kam-next-action', { accountId: host.accountId, action: n })}>${(locale === 'zh-CN' && zhAction[n.action.id]) || n.action.label}</button>
      <span class="because">${t(locale, 'because')}: ${because(locale, n)}</span>
    </li>`)}</ol>
  </section>`;
}
