// The board's `move` part: the keyboard (moving between cards, the pick-up mode and its
// announcements), the move itself (the rules, the won / lost dialog, the store or the board's own
// copy) and a deal's write lifecycle after it. Its own module: none of it runs before a key press,
// a drop, a menu pick, a call of requestMove or a write, and focus entering the columns fetches it
// ahead of the first key.
import type { CSSResult, TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.js';
import { later, css, html, defineStrings, formatNumber, errorMessage } from './kit.js';
export { fill } from './kit.js';
import type { MoveCheck, MoveInput, MoveRefusal, Opportunity, OutboxEntry, Pipeline, Stage, WriteEvent } from '@kamkit/core';
import type { emit as Emit } from '../shared/events.js';
import type { KamStore } from '../shared/context.js';
import type { BoardColumn, BoardModel, Layout } from './board-model.js';
import { blockers, checkMove, closeKind, type MoveHost } from './move-checks.js';
import type { CloseDialogState } from './close-dialog.js';
import type { Notice, NoticeBoard } from './card-notice.js';
import type { Drag } from './drag.js';
import type { PartName, Parts } from './parts.js';

// What the pick-up mode says comes with it (both languages), not in the board's up-front table.
export const words = defineStrings({
  en: {
    pickedUp: 'Picked up “{name}” in {stage}, position {pos} of {count}. Arrow keys move it, Space or Enter drops it, Escape cancels.',
    over: 'Over {stage}, position {pos} of {count}.',
    dropped: 'Moved “{name}” to {stage}, position {pos}.',
    reordered: '“{name}” is now at position {pos} in {stage}.',
    cancelled: 'Move cancelled. “{name}” stays in {stage}.',
    blocked: 'The move of “{name}” to {stage} was stopped by the page.',
    failed: 'The move of “{name}” could not be saved: {error}',
    saving: 'Saving…',
  },
  'zh-CN': {
    pickedUp: '已拿起“{name}”（{stage}，第 {pos} / {count} 位）。用方向键移动，空格或回车放下，Esc 取消。',
    over: '位于 {stage}，第 {pos} / {count} 位。',
    dropped: '已将“{name}”移至 {stage}，第 {pos} 位。',
    reordered: '“{name}”现位于 {stage} 第 {pos} 位。',
    cancelled: '已取消移动。“{name}”仍在 {stage}。',
    blocked: '页面阻止了将“{name}”移至 {stage}。',
    failed: '“{name}”的移动未能保存：{error}',
    saving: '保存中…',
  },
});

export interface Grab {
  id: string;
  fromKey: string;
  toKey: string;
  /** Insertion index in the target column, counted without the grabbed card. */
  index: number;
  mode: 'keyboard' | 'pointer';
}

/** The board's members a move uses (private in the board, which passes itself; its keyboard, drag and move tests cover them). */
export interface MoveBoard extends HTMLElement, MoveHost {
  /** shared/events.ts' `emit`, from the element: imported here, that module would be one more file up front. */
  readonly emit: typeof Emit;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  readonly model?: BoardModel;
  readonly currentPipeline?: Pipeline;
  readonly store?: KamStore;
  readonly resolvedLocale: Locale;
  readonly viewport: number;
  readonly cardHeight: number;
  /** Space between two cards (board-model's GAP, read here: see the board's `gap`). */
  readonly gap: number;
  readonly scrollTops: Map<string, number>;
  focusAfterRender: boolean;
  readonly notices: Map<string, Notice>;
  readonly pending: Set<string>;
  readonly drag?: Drag;
  grab?: Grab;
  focusId?: string;
  dialog?: CloseDialogState;
  opportunities?: Opportunity[];
  ownOpportunities?: Opportunity[];
  hintIndex?: { id: string; stageId: string; index: number };
  now(): Date;
  announcement: string;
  alertText: string;
  readonly noticeKeys: Map<string, string>;
  columnName(col: BoardColumn): string;
  focusCard(id: string): Promise<void>;
  cardElement(id: string): HTMLElement | undefined;
  layout(col: BoardColumn): Layout;
  offsetOf(l: Layout, i: number): number;
  openMenu(id: string, anchor: HTMLElement): void;
  withExtra<K extends PartName, R>(name: K, fn: (m: Parts[K]) => R): R | Promise<R | undefined>;
}

/** What the pick-up mode says, its positions and counts written through Intl (1,200, not 1200). */
function tell(b: MoveBoard, key: Parameters<typeof words>[1], p: { name?: string; stage: string; pos: number; count?: number }): void {
  const l = b.resolvedLocale;
  say(b, words(l, key, { ...p, pos: formatNumber(l, p.pos), count: formatNumber(l, p.count) }));
}

/** Says a text in the polite live region, or in the assertive one. */
export function say(b: { announcement: string; alertText: string }, text: string, urgent?: boolean): void {
  const k = urgent ? 'alertText' : 'announcement';
  // A live region only speaks when its text changes: make a repeat differ invisibly.
  b[k] = b[k] === text ? `${text}\u00a0` : text;
}

export function heightOf(b: MoveBoard, l: Layout, i: number): number {
  return l.heights ? l.heights[i] : b.cardHeight;
}

export function columnBody(b: MoveBoard, key: string): HTMLElement | undefined {
  for (const c of b.renderRoot.querySelectorAll<HTMLElement>('.column-body')) if (c.dataset.key === key) return c;
  return undefined;
}

/** The id of a card's notice (notices come from moves and writes, both here). */
export function noticeId(b: MoveBoard, id: string): string {
  const keys = b.noticeKeys;
  let k = keys.get(id);
  if (!k) keys.set(id, k = `notice-${keys.size + 1}`);
  return k;
}

/** A step of a deal's write (store.onWrite): "Saving…" while pending; a conflict, a rollback or a failure on the card. */
export function onWrite(b: MoveBoard, e: WriteEvent): void {
  const op = e.entry.op;
  if (op.op === 'create') return;
  const id = op.id;
  if (!b.model?.get(id) && !b.notices.has(id)) return;
  const state = e.entry.state;
  if (state === 'pending' || state === 'sending') b.pending.add(id);
  else b.pending.delete(id); // confirmed, or settled for good: conflict, rolled back, failed (the engine gave the write up)
  if (state === 'confirmed' && b.notices.get(id)?.kind !== 'refused') b.notices.delete(id);
  // The notice part says it.
  if (state === 'conflict' || state === 'rolled_back' || state === 'failed') b.withExtra('notice', (m) => m.noteWrite(b as unknown as NoticeBoard, e));
  b.requestUpdate();
}

/** Moves the roving focus to a card, scrolling its virtualised column to it. */
export async function focusCard(b: MoveBoard, id: string): Promise<void> {
  const col = b.model?.columnOf(id);
  if (!col) return;
  const i = b.model!.indexOf(id);
  const l = b.layout(col);
  b.focusId = id;
  reveal(b, col.key, b.offsetOf(l, i), heightOf(b, l, i));
  b.focusAfterRender = true;
  b.requestUpdate();
  await b.updateComplete;
  // After the render (its layout is needed for the frame anyway): the card may have moved column.
  const now = b.model?.columnOf(id);
  if (now) revealColumn(b, now.key);
}

/** Scrolls a column so that the band [top, top + height] is visible. */
function reveal(b: MoveBoard, key: string, top: number, height: number): void {
  const current = b.scrollTops.get(key) ?? 0;
  let next = current;
  if (top < current) next = Math.max(0, top - b.gap);
  else if (top + height > current + b.viewport) next = top + height - b.viewport + b.gap;
  if (next !== current) {
    b.scrollTops.set(key, next);
    const body = columnBody(b, key);
    if (body) body.scrollTop = next;
    b.requestUpdate();
  }
}

/**
 * Scrolls the row of columns sideways so that a column is in view: cards take focus without
 * scrolling (the board places them), and a narrow board shows one column or two.
 */
function revealColumn(b: MoveBoard, key: string): void {
  const col = columnBody(b, key)?.parentElement;
  const row = col?.parentElement;
  if (!col || !row) return;
  const c = col.getBoundingClientRect(), r = row.getBoundingClientRect();
  // Relative steps: right for scrollLeft in either writing direction.
  const by = c.left < r.left ? c.left - r.left - b.gap : c.right > r.right ? c.right - r.right + b.gap : 0;
  if (by) row.scrollLeft += by;
}

/** A key on a card: moves between cards, picks the card up, opens its menu; on a picked-up card, moves it. */
export function onKey(b: MoveBoard, e: KeyboardEvent, card: HTMLElement): void {
  const model = b.model;
  const id = card.dataset.id!;
  const col = model?.columnOf(id);
  if (!col) return;
  if (b.grab?.mode === 'keyboard' && b.grab.id === id) {
    grabKey(b, e);
    return;
  }
  const cols = model!.visibleColumns;
  const ci = cols.indexOf(col);
  const i = model!.indexOf(id);
  const page = Math.max(1, Math.floor(b.viewport / (b.cardHeight + b.gap)));
  const go = (c: BoardColumn, idx: number) => {
    if (!c.items.length) return;
    e.preventDefault();
    void focusCard(b, c.items[Math.max(0, Math.min(c.items.length - 1, idx))].id);
  };
  switch (e.key) {
    case 'ArrowDown': go(col, i + 1); break;
    case 'ArrowUp': go(col, i - 1); break;
    case 'Home': go(col, 0); break;
    case 'End': go(col, col.items.length - 1); break;
    case 'PageDown': go(col, i + page); break;
    case 'PageUp': go(col, i - page); break;
    case 'ArrowRight':
    case 'ArrowLeft': {
      const dir = e.key === 'ArrowRight' ? 1 : -1;
      for (let c = ci + dir; c >= 0 && c < cols.length; c += dir) {
        if (cols[c].items.length) { go(cols[c], i); break; }
      }
      e.preventDefault();
      break;
    }
    case ' ':
    case 'Enter':
      e.preventDefault();
      pickUp(b, id, 'keyboard');
      break;
    case 'F10':
      if (!e.shiftKey) break;
    // falls through: Shift+F10 opens the menu
    case 'm':
    case 'M':
    case 'ContextMenu':
      e.preventDefault();
      b.openMenu(id, card);
      break;
  }
}

/** Picks a card up; arrows then choose where it goes. */
export function pickUp(b: MoveBoard, id: string, mode: Grab['mode']): void {
  const col = b.model?.columnOf(id);
  if (!col) return;
  const index = b.model!.indexOf(id);
  b.grab = { id, fromKey: col.key, toKey: col.key, index, mode };
  b.notices.delete(id);
  tell(b, 'pickedUp', { name: col.items[index].name, stage: b.columnName(col), pos: index + 1, count: col.items.length });
}

function grabKey(b: MoveBoard, e: KeyboardEvent): void {
  const g = b.grab!;
  const cols = b.model!.columns;
  const max = maxIndex(b, g.toKey);
  let key = g.toKey, index: number;
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowLeft': {
      const dir = e.key === 'ArrowRight' ? 1 : -1;
      let ci = cols.findIndex((c) => c.key === g.toKey);
      if (ci < 0) ci = dir > 0 ? -1 : cols.length; // from the unknown column
      e.preventDefault();
      const next = cols[ci + dir];
      if (!next) return;
      key = next.key;
      index = Math.min(g.index, maxIndex(b, key));
      break;
    }
    case 'ArrowDown': index = Math.min(max, g.index + 1); break;
    case 'ArrowUp': index = Math.max(0, g.index - 1); break;
    case 'Home': index = 0; break;
    case 'End': index = max; break;
    case ' ':
    case 'Enter':
      e.preventDefault();
      void drop(b);
      return;
    case 'Escape':
      e.preventDefault();
    // falls through
    case 'Tab':
      putBack(b, true);
      return;
    default:
      return;
  }
  e.preventDefault();
  setTarget(b, key, index);
  // The keys' target column in view (a pointer drag scrolls the row itself, near its edges).
  if (key !== g.toKey) revealColumn(b, key);
}

/** Largest insertion index in a column for the grabbed card. */
export function maxIndex(b: MoveBoard, key: string): number {
  const col = b.model?.column(key);
  if (!col || !b.grab) return 0;
  return key === b.grab.fromKey ? col.items.length - 1 : col.items.length;
}

export function setTarget(b: MoveBoard, key: string, index: number): void {
  const g = b.grab;
  if (!g) return;
  const changed = g.toKey !== key || g.index !== index;
  b.grab = { ...g, toKey: key, index };
  const col = b.model!.column(key)!;
  const l = b.layout(col);
  const slot = slotOf(b, key, index);
  const y = slot < col.items.length ? b.offsetOf(l, slot) : l.total;
  reveal(b, key, Math.max(0, y - b.cardHeight / 2), b.cardHeight);
  if (changed) tell(b, 'over', { stage: b.columnName(col), pos: index + 1, count: maxIndex(b, key) + 1 });
}

/** The visual slot (index among the rendered cards) where the drop indicator goes. */
function slotOf(b: MoveBoard, key: string, index: number): number {
  const g = b.grab;
  if (!g || key !== g.fromKey) return index;
  return index >= b.model!.indexOf(g.id) ? index + 1 : index;
}

export function renderIndicator(b: MoveBoard, col: BoardColumn, l: Layout): TemplateResult {
  const slot = slotOf(b, col.key, b.grab!.index);
  const y = slot < col.items.length ? b.offsetOf(l, slot) - b.gap / 2 : l.total + b.gap / 2;
  return html`<li class="drop-indicator" aria-hidden="true" style="transform: translateY(${Math.max(0, y) - 2}px)"></li>`;
}

/** Ends a pick-up where it started, and says so; `refocus`: focus returns to a keyboard-moved card. */
export function putBack(b: MoveBoard, refocus: boolean): void {
  const g = b.grab;
  if (!g) return;
  b.grab = undefined;
  b.drag?.hideGhost();
  const opp = b.model?.get(g.id);
  const col = b.model?.column(g.fromKey);
  if (opp && col) say(b, cancelledText(b, opp, col));
  if (refocus && g.mode === 'keyboard') void focusCard(b, g.id);
}

export function cancelledText(b: MoveBoard, opp: Opportunity, col: BoardColumn): string {
  return words(b.resolvedLocale, 'cancelled', { name: opp.name, stage: b.columnName(col) });
}

/** A keyboard pick-up ends when focus leaves the card (a click elsewhere, a screen reader jump). */
export function focusOut(b: MoveBoard, e: FocusEvent): void {
  const g = b.grab;
  if (!g || g.mode !== 'keyboard' || (e.target as HTMLElement).dataset?.id !== g.id) return;
  queueMicrotask(() => {
    const active = b.shadowRoot?.activeElement as HTMLElement | null;
    if (b.grab === g && active?.dataset?.id !== g.id) putBack(b, false);
  });
}

/** Drops the grabbed card at its target. */
export async function drop(b: MoveBoard): Promise<void> {
  const g = b.grab;
  const model = b.model;
  if (!g || !model) return;
  b.grab = undefined;
  b.drag?.hideGhost();
  const opp = model.get(g.id);
  if (!opp) return;
  if (g.toKey === g.fromKey) {
    const col = model.column(g.fromKey)!;
    if (col.items.indexOf(opp) !== g.index) {
      model.upsert(opp, g.index);
      b.emit(b, 'kam-card-reorder', { opportunity: opp, stage: col.stage, index: g.index });
      tell(b, 'reordered', { name: opp.name, stage: b.columnName(col), pos: g.index + 1 });
    } else {
      say(b, cancelledText(b, opp, col));
    }
    await focusCard(b, g.id);
    return;
  }
  const to = model.column(g.toKey)?.stage;
  if (to) await requestMove(b, g.id, to.id, g.index);
}

/** The full flow of a move (see KamPipelineBoard.requestMove). */
export async function requestMove(b: MoveBoard, id: string, toStageId: string, index?: number): Promise<boolean> {
  const model = b.model;
  const pipeline = b.currentPipeline;
  const opp = model?.get(id);
  const to = pipeline?.stages.find((s) => s.id === toStageId);
  if (!model || !pipeline || !opp || !to) return false;
  const from = model.columnOf(id)?.stage;
  if (!b.emit(b, 'kam-stage-move', { opportunity: opp, from, to, index }, { cancelable: true })) {
    say(b, words(b.resolvedLocale, 'blocked', { name: opp.name, stage: to.name }));
    await focusCard(b, id);
    return false;
  }
  const check = checkMove(b, opp, pipeline, to.id, {});
  const stops = blockers(to, check);
  if (stops.length) {
    refuse(b, opp, to, stops);
    await focusCard(b, id);
    return false;
  }
  if (closeKind(to)) {
    b.focusId = id;
    const now = b.now();
    b.withExtra('dialog', (m) => m.openCloseDialog(b, m.newCloseDialog(opp, pipeline, to, now, index)));
    return false;
  }
  return commitMove(b, opp, to, {}, index);
}

function refuse(b: MoveBoard, opp: Opportunity, to: Stage, reasons: MoveRefusal[]): void {
  const locale = b.resolvedLocale;
  b.notices.set(opp.id, { kind: 'refused', stage: to, reasons });
  b.requestUpdate();
  // The reasons' words come with the notice's module.
  b.withExtra('notice', (m) => say(b, m.refusedText(locale, opp, to, reasons, b.currentPipeline, b.rules), true));
}

export async function commitMove(b: MoveBoard, opp: Opportunity, to: Stage, input: MoveInput, index?: number): Promise<boolean> {
  const model = b.model!;
  const pipeline = b.currentPipeline!;
  const locale = b.resolvedLocale;
  const from = model.columnOf(opp.id)?.stage;
  // The card's node leaves its column's list. Removing a focused node makes the browser run style
  // and layout in the middle of the render (it blurs it there); giving focus up now, while layout
  // is still clean, costs nothing, and the render that shows the card in its new column focuses
  // it: one style and layout pass per move instead of two.
  const node = from?.id !== to.id ? b.cardElement(opp.id) : undefined;
  if (node && b.shadowRoot?.activeElement === node) node.blur();
  if (index !== undefined) b.hintIndex = { id: opp.id, stageId: to.id, index };
  // Everything the user sees happens now, in the one render the drop already asked for: the store
  // applies a move optimistically and at once (its change event places the card), alone the board
  // updates its copy; only the outbox entry is awaited, after that render.
  let applied: Applied;
  try {
    applied = applyNow(b, opp, pipeline, to, input);
  } catch (err) {
    applied = { done: Promise.reject(err) };
  }
  b.hintIndex = undefined;
  const after = applied.after;
  if (after) {
    if (!applied.done && model === b.model) {
      // Alone: the board keeps its own copy and tells the page.
      model.upsert(after, index);
      const next = (b.opportunities ?? []).slice();
      const at = next.findIndex((o) => o.id === after.id);
      if (at >= 0) next[at] = after; else next.push(after);
      b.ownOpportunities = next;
      b.opportunities = next;
    } else if (index !== undefined && model === b.model && model.columnOf(after.id)?.key === to.id && model.indexOf(after.id) !== index) {
      // The store's change event placed it in sorted order; honour the chosen position.
      model.upsert(model.get(after.id) ?? after, index);
    }
    b.notices.delete(opp.id);
    const pos = Math.max(0, model.indexOf(after.id)) + 1;
    tell(b, 'dropped', { name: after.name, stage: to.name, pos });
    void focusCard(b, after.id);
  }
  let result: MoveCheck & { entry?: OutboxEntry } = applied.check ?? { ok: false, reasons: [] };
  try {
    if (applied.done) result = await applied.done;
  } catch (err) {
    const message = errorMessage(err);
    b.notices.set(opp.id, { kind: 'failed', message });
    say(b, words(locale, 'failed', { name: opp.name, error: message }), true);
    await focusCard(b, opp.id);
    return false;
  }
  if (!result.ok || !after) {
    refuse(b, opp, to, result.reasons);
    await focusCard(b, opp.id);
    return false;
  }
  if (result.entry && (result.entry.state === 'pending' || result.entry.state === 'sending')) { b.pending.add(opp.id); b.requestUpdate(); }
  b.emit(b, 'kam-stage-moved', { opportunity: after, from, to, entry: result.entry, input: Object.keys(input).length ? input : undefined });
  await b.updateComplete;
  return true;
}

type Applied = { after?: Opportunity; check?: MoveCheck; done?: Promise<MoveCheck & { entry?: OutboxEntry }> };

/**
 * Applies a move at once. With a store: `store.moveStage` applies it optimistically before its
 * first await (`done` resolves with its outbox entry); alone: the same rules over the board's copy.
 */
function applyNow(b: MoveBoard, opp: Opportunity, pipeline: Pipeline, to: Stage, input: MoveInput): Applied {
  const store = b.store;
  const before = store?.get('opportunities', opp.id);
  if (store?.moveStage && before) {
    const done = store.moveStage(opp.id, to.id, input);
    const now = store.get('opportunities', opp.id);
    return { after: now !== before ? now : undefined, done: done.then((r) => ({ ...r, ok: r.ok && !!now && now !== before })) };
  }
  const check = b.rules.checkStageMove(opp, pipeline, opp.id, to.id, input, b.now());
  return check.ok ? { check, after: b.rules.applyStageMove(opp, to, input, b.now()) } : { check };
}

export let styles: CSSResult;
later(() => { styles = css`
  .chip.saving { color: var(--_muted); }
  .column.target { outline: 2px dashed var(--_accent); outline-offset: -2px; }
  .card.grabbed { border: 2px solid var(--_accent); box-shadow: 0 4px 14px #0003; opacity: .85; }
  .drop-indicator { position: absolute; inset: 0 0 auto; height: 4px; border-radius: 2px; background: var(--_accent); pointer-events: none; }
  @media (forced-colors: active) {
    .card.grabbed, .drop-indicator { outline: 2px solid Highlight; }
    .drop-indicator { background: Highlight; }
  }
  @media (prefers-reduced-motion: no-preference) {
    .card.grabbed { transition: box-shadow 120ms; }
  }
`; });
