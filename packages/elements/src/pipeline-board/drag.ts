// Dragging a card with a pointer (mouse, pen, touch long-press): the gesture, the ghost that
// follows the pointer, the target under it and auto-scrolling near the edges. Its own module,
// fetched on the first press on a card; the board keeps what the first gesture did until it is
// here (see onPointerDown in kam-pipeline-board.ts), so that gesture still drags.
import type { CSSResult, TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.js';
import { later, css, html, nothing, formatMoney } from './kit.js';
export { fill } from './kit.js';
import type { Layout } from './board-model.js';
import { columnBody, drop, heightOf, maxIndex, putBack, setTarget, type MoveBoard } from './move.js';

const LONG_PRESS_MS = 400;
const TOUCH_SLOP = 10;
const MOUSE_SLOP = 5;
const EDGE = 48;

/**
 * The board's members a drag uses (private in the board, which passes itself; the board's pointer
 * tests cover each of them).
 */
export interface DragHost extends MoveBoard {
  pickUp(id: string, mode: 'pointer'): void;
  indexAt(l: Layout, n: number, y: number): number;
}

/** The first press as the board saw it (the card's box then), before this module was here. */
export interface Press {
  id: string;
  pointerId: number;
  type: string;
  x: number;
  y: number;
  rect: DOMRect;
  /** performance.now() at the press: a touch long-press counts from there. */
  at: number;
}

const noMenu = (e: Event) => e.preventDefault();

type Track = Press & { startX: number; startY: number; started: boolean; timer?: ReturnType<typeof setTimeout> };

export class Drag {
  private p?: Track;
  private ghost?: { id: string; width: number };
  private frame = 0;

  constructor(private readonly b: DragHost) {}

  /** Whether a drag is under way (the finger then moves the card, not the page). */
  get started(): boolean {
    return !!this.p?.started;
  }

  /** Follows a press; `seen` are the gesture's events that came before this module. */
  start(press: Press, seen: readonly PointerEvent[] = []): void {
    this.end();
    const p: Track = this.p = { ...press, startX: press.x, startY: press.y, started: false };
    if (p.type === 'touch') {
      // A touch long-press opens the context menu in some browsers; it would end the drag.
      this.b.addEventListener('contextmenu', noMenu);
      // A touch drag starts only after a still long-press; a swipe before that is a scroll.
      p.timer = setTimeout(() => { if (this.p === p) this.begin(); }, Math.max(0, LONG_PRESS_MS - (performance.now() - press.at)));
    }
    addEventListener('pointermove', this.move, { passive: false });
    addEventListener('pointerup', this.up);
    addEventListener('pointercancel', this.cancel);
    for (const e of seen) (e.type === 'pointermove' ? this.move : e.type === 'pointerup' ? this.up : this.cancel)(e);
  }

  /** Stops following the pointer (the grab, if any, is the board's to drop or cancel). */
  end(): void {
    clearTimeout(this.p?.timer);
    this.p = undefined;
    this.b.removeEventListener('contextmenu', noMenu);
    cancelAnimationFrame(this.frame);
    removeEventListener('pointermove', this.move);
    removeEventListener('pointerup', this.up);
    removeEventListener('pointercancel', this.cancel);
  }

  hideGhost(): void {
    if (this.ghost) { this.ghost = undefined; this.b.requestUpdate(); }
  }

  renderGhost(locale: Locale): TemplateResult | typeof nothing {
    const g = this.ghost;
    const opp = g && this.b.model?.get(g.id);
    if (!g || !opp) return nothing;
    return html`<div class="ghost" aria-hidden="true" style="width:${g.width}px">
      <span class="name">${opp.name}</span><span>${formatMoney(locale, opp.amount, { compact: true })}</span></div>`;
  }

  private readonly move = (e: PointerEvent): void => {
    const p = this.p;
    if (!p || e.pointerId !== p.pointerId) return;
    p.x = e.clientX;
    p.y = e.clientY;
    if (!p.started) {
      const dist = Math.hypot(p.x - p.startX, p.y - p.startY);
      if (p.type !== 'touch') { if (dist >= MOUSE_SLOP) this.begin(); } else if (dist > TOUCH_SLOP) this.end();
      return;
    }
    e.preventDefault();
    this.moveGhost();
    this.target();
  };

  private readonly up = (e: PointerEvent): void => {
    const p = this.p;
    if (!p || e.pointerId !== p.pointerId) return;
    this.end();
    if (p.started && this.b.grab?.mode === 'pointer') {
      this.target(e.clientX, e.clientY);
      void drop(this.b);
    }
  };

  private readonly cancel = (e: PointerEvent): void => {
    const p = this.p;
    if (!p || e.pointerId !== p.pointerId) return;
    this.end();
    if (p.started) putBack(this.b, true);
  };

  private begin(): void {
    const p = this.p, b = this.b;
    if (!p || p.started) return;
    p.started = true;
    b.focusId = p.id;
    b.pickUp(p.id, 'pointer');
    this.ghost = { id: p.id, width: p.rect.width };
    b.requestUpdate();
    void b.updateComplete.then(() => { this.moveGhost(); this.target(); });
    const tick = () => {
      if (!this.p?.started) return;
      this.autoScroll();
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private moveGhost(): void {
    const p = this.p;
    const el = this.b.renderRoot.querySelector<HTMLElement>('.ghost');
    if (!p || !el) return;
    const host = this.b.getBoundingClientRect();
    el.style.transform = `translate(${p.x - (p.startX - p.rect.left) - host.left}px, ${p.y - (p.startY - p.rect.top) - host.top}px)`;
  }

  /** Target column and position under the pointer. */
  private target(x = this.p?.x, y = this.p?.y): void {
    const b = this.b, g = b.grab, model = b.model;
    if (!g || x === undefined || y === undefined || !model) return;
    const bodies = [...b.renderRoot.querySelectorAll<HTMLElement>('.column:not(.unknown) > .column-body')];
    let best = bodies[0], bestDist = Infinity;
    for (const c of bodies) {
      const r = c.getBoundingClientRect();
      const d = x < r.left ? r.left - x : x > r.right ? x - r.right : 0;
      if (d < bestDist) { bestDist = d; best = c; }
    }
    if (!best) return;
    const key = best.dataset.key!;
    const col = model.column(key)!;
    const l = b.layout(col);
    const localY = y - best.getBoundingClientRect().top + best.scrollTop;
    // Count the cards (other than the grabbed one) whose middle lies above the pointer.
    const n = col.items.length;
    const start = b.indexAt(l, n, Math.max(0, localY - b.cardHeight * 2));
    let index = 0;
    for (let i = 0; i < n; i++) {
      if (i >= start && b.offsetOf(l, i) + heightOf(b, l, i) / 2 > localY) break;
      if (col.items[i].id !== g.id) index++;
    }
    index = Math.min(index, maxIndex(b, key));
    if (key !== g.toKey || index !== g.index) setTarget(b, key, index);
  }

  private autoScroll(): void {
    const p = this.p, b = this.b, g = b.grab;
    if (!p || !g) return;
    const columns = b.renderRoot.querySelector<HTMLElement>('.columns');
    const step = (d: number) => Math.sign(d) * Math.min(24, Math.abs(d) / 2 + 2);
    if (columns) {
      const r = columns.getBoundingClientRect();
      const dx = p.x < r.left + EDGE ? p.x - r.left - EDGE : p.x > r.right - EDGE ? p.x - (r.right - EDGE) : 0;
      if (dx) columns.scrollLeft += step(dx);
    }
    const body = columnBody(b, g.toKey);
    if (body) {
      const r = body.getBoundingClientRect();
      const dy = p.y < r.top + EDGE ? p.y - r.top - EDGE : p.y > r.bottom - EDGE ? p.y - (r.bottom - EDGE) : 0;
      if (dy && p.x >= r.left && p.x <= r.right) {
        body.scrollTop += step(dy);
        b.scrollTops.set(g.toKey, body.scrollTop);
        b.requestUpdate();
      }
    }
    this.target();
  }
}

export let styles: CSSResult;
later(() => { styles = css`
  .ghost {
    position: absolute; top: 0; left: 0; z-index: 20; pointer-events: none;
    display: flex; flex-direction: column; gap: 2px; padding: 8px 10px;
    background: var(--_bg); border: 2px solid var(--_accent); border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.25);
  }
`; });
