// What a card shows after a refused, conflicting, rolled back or failed move, with its actions.
// Its own module, loaded the first time a card needs it: most sessions never see one.
import type { CSSResult, TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.js';
import { later, css, html, nothing, defineStrings, formatDate, formatMoney, errorMessage } from './kit.js';
export { fill } from './kit.js';
import type { MoveRefusal, Opportunity, Pipeline, Stage, WriteEvent } from '@kamkit/core';
// A notice comes from a move or a write, both followed by the moves' part: it is here already.
import { say, words as moveWords } from './move.js';
import { refusalText } from './refusals.js';
import { sentences } from './sentences.js';
import type { emit as Emit } from '../shared/events.js';
import type { BoardColumn, Layout } from './board-model.js';
import type { Rules } from './parts.js';

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
    conflictAnnounce: 'Conflict on “{name}”: someone else changed it. Both versions are shown on the card.',
    rolledBack: 'The move of “{name}” was undone: {error}',
    unknownError: 'the server did not accept it',
    refused: 'Cannot move “{name}” to {stage}: {reasons}',
  },
  'zh-CN': {
    refusedTitle: '无法移至 {stage}：',
    dismiss: '关闭',
    conflictTitle: '其他人同时修改了此商机。',
    conflictTheirs: '对方版本',
    conflictYours: '您的版本',
    useTheirs: '采用对方版本',
    keepMine: '保留我的版本',
    conflictAnnounce: '“{name}”存在冲突：其他人修改了它。卡片上显示了两个版本。',
    rolledBack: '“{name}”的移动已撤销：{error}',
    unknownError: '服务器未接受',
    refused: '无法将“{name}”移至 {stage}：{reasons}',
  },
});

export { refusalText };

/** What a card says about its last move when it did not simply go through. */
export type Notice =
  | { kind: 'refused'; stage: Stage; reasons: MoveRefusal[] }
  | { kind: 'conflict'; key: string; server: unknown; local: unknown }
  | { kind: 'rolled_back' | 'failed'; message: string };

/** The board's members a notice uses (private in the board, which passes itself; its notice tests cover them). */
export interface NoticeBoard extends HTMLElement {
  readonly notices: Map<string, Notice>;
  /** Heights of the cards with a notice, as laid out. */
  readonly measured: Map<string, number>;
  cardElement(id: string): HTMLElement | undefined;
  readonly model?: { get(id: string): Opportunity | undefined };
  readonly resolvedLocale: Locale;
  announcement: string;
  alertText: string;
  readonly store?: unknown;
  readonly currentPipeline?: Pipeline;
  requestUpdate(): void;
  focusCard(id: string): Promise<void>;
  readonly cardHeight: number;
  readonly gap: number;
  readonly rules: Rules;
  readonly emit: typeof Emit;
}

/** A conflict, a rollback or a failed save reported by the store's write queue: the card's notice and what is said. */
export function noteWrite(b: NoticeBoard, e: WriteEvent): void {
  const id = (e.entry.op as { id: string }).id;
  const name = b.model?.get(id)?.name ?? id;
  const locale = b.resolvedLocale;
  const message = e.entry.lastError || words(locale, 'unknownError');
  const state = e.entry.state;
  if (state === 'conflict') {
    b.notices.set(id, { kind: 'conflict', key: e.entry.idempotencyKey, server: e.conflict?.server, local: e.conflict?.local });
    say(b, words(locale, 'conflictAnnounce', { name }), true);
  } else if (state === 'rolled_back' && b.notices.get(id)?.kind === 'conflict' && !e.entry.lastError) {
    b.notices.delete(id); // the conflict was settled with their version
  } else {
    const kind = state === 'rolled_back' ? 'rolled_back' : 'failed';
    b.notices.set(id, { kind, message });
    say(b, kind === 'failed' ? moveWords(locale, 'failed', { name, error: message }) : words(locale, 'rolledBack', { name, error: message }), true);
  }
  b.requestUpdate();
}

/** What is said when a move is refused: the deal, the stage and every reason. */
export function refusedText(locale: Locale, opp: Opportunity, to: Stage, reasons: readonly MoveRefusal[], pipeline: Pipeline | undefined, rules: Rules): string {
  return words(locale, 'refused', { name: opp.name, stage: to.name, reasons: sentences(locale, reasons.map((r) => refusalText(locale, r, pipeline, to, rules))) });
}

/** Where a column's cards sit when some of them have a notice (their measured height); undefined when none has. */
export function measuredLayout(b: NoticeBoard, col: BoardColumn): Layout | undefined {
  const items = col.items, n = items.length;
  if (!items.some((o) => b.measured.has(o.id))) return undefined;
  const offsets = new Float64Array(n + 1);
  const heights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    heights[i] = b.measured.get(items[i].id) ?? b.cardHeight;
    offsets[i + 1] = offsets[i] + heights[i] + b.gap;
  }
  return { offsets, heights, total: n ? offsets[n] - b.gap : 0 };
}

/** Measures the cards with a notice (they grow), and forgets the others; renders again when a height changed. */
export function measureNotices(b: NoticeBoard): void {
  let changed = false;
  for (const id of b.notices.keys()) {
    const h = b.cardElement(id)?.offsetHeight;
    if (h && Math.abs((b.measured.get(id) ?? 0) - h) > 1) { b.measured.set(id, h); changed = true; }
  }
  for (const id of [...b.measured.keys()]) if (!b.notices.has(id)) { b.measured.delete(id); changed = true; }
  if (changed) b.requestUpdate();
}

type ConflictSink = { retryConflict?: (key: string, r: 'mine' | 'theirs') => Promise<unknown> };

async function resolve(b: NoticeBoard, opp: Opportunity, resolution: 'theirs' | 'mine'): Promise<void> {
  const id = opp.id;
  const n = b.notices.get(id);
  if (n?.kind !== 'conflict') return;
  if (!b.emit(b, 'kam-conflict-resolve', { opportunity: opp, idempotencyKey: n.key, resolution }, { cancelable: true })) return;
  b.notices.delete(id);
  // The button pressed goes with the notice: focus goes to its card (as after Dismiss), not to the page.
  void b.focusCard(id);
  try {
    await sink(b)?.retryConflict?.(n.key, resolution);
  } catch (err) {
    b.notices.set(id, { kind: 'failed', message: errorMessage(err) });
    b.requestUpdate();
  }
}

const sink = (b: NoticeBoard) => (b.store as { writes?: ConflictSink } | undefined)?.writes;

export function renderNotice(locale: Locale, opp: Opportunity, n: Notice, id: string, b: NoticeBoard): TemplateResult {
  const pipeline = b.currentPipeline;
  const onDismiss = () => {
    b.notices.delete(opp.id);
    b.requestUpdate();
    void b.focusCard(opp.id);
  };
  const dismiss = html`<button type="button" class="link" @click=${onDismiss}>${words(locale, 'dismiss')}</button>`;
  if (n.kind === 'refused') {
    return html`<div class="notice refused" id=${id}>
      <p>${words(locale, 'refusedTitle', { stage: n.stage.name })}</p>
      <ul>${n.reasons.map((r) => html`<li>${refusalText(locale, r, pipeline, n.stage, b.rules)}</li>`)}</ul>
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
        <button type="button" class="link" @click=${() => void resolve(b, opp, 'theirs')}>${words(locale, 'useTheirs')}</button>
        ${sink(b)?.retryConflict ? html`<button type="button" class="link" @click=${() => void resolve(b, opp, 'mine')}>${words(locale, 'keepMine')}</button>` : nothing}
        ${dismiss}
      </div></div>`;
  }
  return html`<div class="notice ${n.kind}" id=${id}>
    <p>${n.kind === 'rolled_back' ? words(locale, 'rolledBack', { name: opp.name, error: n.message }) : moveWords(locale, 'failed', { name: opp.name, error: n.message })}</p>${dismiss}</div>`;
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

export let styles: CSSResult;
later(() => { styles = css`
  /* A notice may hold a focus ring at its edge: no paint containment, nothing clipped. */
  .card.has-notice { contain: layout style; overflow: visible; }
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
    min-height: 24px; /* a touch target */
  }
`; });
