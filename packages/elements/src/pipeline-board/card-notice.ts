// What a card shows after a refused, conflicting, rolled back or failed move, with its actions.
// Its own module, loaded the first time a card needs it: most sessions never see one.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { MoveRefusal, Opportunity, Pipeline, Stage } from '@kamkit/core';
import { defineStrings, formatDate, formatMoney, type Locale } from '../shared/i18n.js';
import { t } from './strings.js';
import { refusalText } from './refusals.js';

// Its words come with it (both languages: they are few), not in the board's up-front table.
const words = defineStrings({
  en: {
    refusedTitle: 'Cannot move to {stage}:',
    dismiss: 'Dismiss',
    conflictTitle: 'Someone else changed this deal at the same time.',
    conflictTheirs: 'Theirs',
    conflictYours: 'Yours',
    useTheirs: 'Use their version',
    keepMine: 'Keep mine',
  },
  'zh-CN': {
    refusedTitle: '无法移至{stage}：',
    dismiss: '关闭',
    conflictTitle: '其他人同时修改了此商机。',
    conflictTheirs: '对方版本',
    conflictYours: '您的版本',
    useTheirs: '采用对方版本',
    keepMine: '保留我的版本',
  },
});

export { refusalText };

/** What a card says about its last move when it did not simply go through. */
export type Notice =
  | { kind: 'refused'; stage: Stage; reasons: MoveRefusal[] }
  | { kind: 'conflict'; key: string; server: unknown; local: unknown }
  | { kind: 'rolled_back' | 'failed'; message: string };

export interface NoticeActions {
  dismiss: () => void;
  resolve: (side: 'theirs' | 'mine') => void;
  /** Whether the store can send "mine" again (its sync engine retries conflicts). */
  canKeepMine: boolean;
}

export function renderNotice(locale: Locale, opp: Opportunity, n: Notice, id: string, pipeline: Pipeline | undefined, a: NoticeActions): TemplateResult {
  const dismiss = html`<button type="button" class="link" @click=${a.dismiss}>${words(locale, 'dismiss')}</button>`;
  if (n.kind === 'refused') {
    return html`<div class="notice refused" id=${id}>
      <p>${words(locale, 'refusedTitle', { stage: n.stage.name })}</p>
      <ul>${n.reasons.map((r) => html`<li>${refusalText(locale, r, pipeline, n.stage)}</li>`)}</ul>
      ${dismiss}</div>`;
  }
  if (n.kind === 'conflict') {
    return html`<div class="notice conflict" id=${id}>
      <p>${words(locale, 'conflictTitle')}</p>
      <dl>
        <dt>${words(locale, 'conflictTheirs')}</dt><dd>${describeVersion(n.server, locale, pipeline)}</dd>
        <dt>${words(locale, 'conflictYours')}</dt><dd>${describeVersion(n.local, locale, pipeline)}</dd>
      </dl>
      <div class="notice-actions">
        <button type="button" class="link" @click=${() => a.resolve('theirs')}>${words(locale, 'useTheirs')}</button>
        ${a.canKeepMine ? html`<button type="button" class="link" @click=${() => a.resolve('mine')}>${words(locale, 'keepMine')}</button>` : nothing}
        ${dismiss}
      </div></div>`;
  }
  return html`<div class="notice ${n.kind}" id=${id}>
    <p>${t(locale, n.kind === 'rolled_back' ? 'rolledBack' : 'failed', { name: opp.name, error: n.message })}</p>${dismiss}</div>`;
}

/** One side of a conflict in a line: stage · amount · close date · when it was changed. */
function describeVersion(v: unknown, locale: Locale, pipeline: Pipeline | undefined): string {
  if (!v || typeof v !== 'object') return '—';
  const o = v as Partial<Opportunity>;
  const parts = [pipeline?.stages.find((s) => s.id === o.stageId)?.name ?? o.stageId ?? '—'];
  if (o.amount) parts.push(formatMoney(locale, o.amount));
  if (o.closeDate) parts.push(formatDate(locale, o.closeDate));
  if (o.updatedAt) parts.push(formatDate(locale, o.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }));
  return parts.join(' · ');
}

export const styles = css`
  .notice {
    margin-top: 6px; padding: 6px 8px; font-size: 0.85em; border-radius: 4px; white-space: normal;
    cursor: auto; user-select: text;
  }
  .notice p { margin: 0 0 4px; }
  .notice ul { margin: 0 0 4px; padding-inline-start: 16px; }
  .notice.refused, .notice.rolled_back, .notice.failed { color: var(--_red); background: var(--_red-bg); }
  .notice.conflict { color: var(--_fg); background: var(--_yellow-bg); border: 1px solid var(--_yellow); }
  .notice dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 0 0 4px; }
  .notice dt { font-weight: 600; }
  .notice dd { margin: 0; }
  .notice-actions { display: flex; flex-wrap: wrap; gap: 8px; }
  .link {
    font: inherit; background: none; border: none; padding: 0; color: inherit; text-decoration: underline; cursor: pointer;
  }
`;
