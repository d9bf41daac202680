import { adoptStyles, html, nothing, type CSSResultOrNative, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import type { Account, ChangeEvent, FxTable, Opportunity, Pipeline, Stage, User } from '@kamkit/core';
import { KamElement } from '../shared/kam-element.js';
import { emit } from '../shared/events.js';
import { errorMessage } from '../shared/errors.js';
import { liveRole } from '../shared/state-message.js';
import { formatDate, formatMoney, formatNumber, joinList, relativeFormat, type Locale } from '../shared/i18n.js';
import type { KamStore } from '../shared/context.js';
import { styles } from './kam-pipeline-board.styles.js';
import { t } from './strings.js';
import { formatFieldValue, getPath } from '../shared/field-value.js';
import { localFieldLabel } from './field-labels.js';
import {
  BoardModel, GAP, UNKNOWN_COLUMN, daysInStage, nextStepStatus, type BoardColumn, type Layout,
} from './board-model.js';
import type { CloseDialogState } from './close-dialog.js';
import type { Notice, NoticeBoard } from './card-notice.js';
import type { DialogBoard } from './board-dialog.js';
import type { MenuBoard } from './move-menu.js';
import type { Drag, DragHost } from './drag.js';
import type { Grab, MoveBoard } from './move.js';
import { loadPart, parts, rules, type PartName, type Parts } from './parts.js';

export type { StageMoveDetail, StageMovedDetail } from './move-checks.js';

/** detail of `kam-card-reorder`: a deal was placed at another position within its own column. */
export interface CardReorderDetail {
  opportunity: Opportunity;
  stage?: Stage;
  /** New position (0-based) in the column. */
  index: number;
}

/** detail of `kam-pipeline-change`: the user picked another pipeline. */
export interface PipelineChangeDetail {
  pipelineId: string;
}

/** detail of `kam-conflict-resolve` (cancellable): the user chose a side of a write conflict. */
export interface ConflictResolveDetail {
  opportunity: Opportunity;
  idempotencyKey: string;
  resolution: 'theirs' | 'mine';
}

declare global {
  interface HTMLElementEventMap {
    'kam-card-reorder': CustomEvent<CardReorderDetail>;
    'kam-pipeline-change': CustomEvent<PipelineChangeDetail>;
    'kam-conflict-resolve': CustomEvent<ConflictResolveDetail>;
  }
}

/** A field shown on every card: a dotted path (`custom.budget`) or a path with its own label. */
export type CardField = string | { field: string; label?: string };


const BASE_CARD_HEIGHT = 124;
const FIELD_ROW_HEIGHT = 20;
const OVERSCAN = 3;

/** "in 3 days" / "3 天后" for a due date. */
function relativeDays(locale: Locale, iso: string, now: Date): string {
  const f = relativeFormat(locale);
  const days = Math.round((Date.parse(iso.slice(0, 10)) - Date.parse(now.toISOString().slice(0, 10))) / 86_400_000);
  return Number.isFinite(days) ? f(days, 'day') : iso;
}

/**
 * A kanban of one pipeline: a column per stage with its count, total and weighted value in the
 * reporting currency, and a card per deal. Deals move by drag (mouse, pen, touch long-press), by
 * keyboard (Space / Enter picks up, arrows move, Space / Enter drops, Escape cancels) or through
 * each card's "Move to…" menu; every move goes through the pipeline's rules and is announced.
 * Columns are virtualised: at 10,000 deals the DOM holds only the visible cards.
 *
 * Inside a `<kam-provider>` the board reads the store and moves go through `store.moveStage`
 * (optimistic, queued in the outbox; conflicts and rollbacks show on the card). Alone, give it
 * `.pipeline` (or `.pipelines`) and `.opportunities` (+ `.accounts`, `.users`, `.fx`): moves
 * update its own copy and are reported by events.
 *
 * @summary Pipeline kanban with accessible drag, keyboard and menu moves, virtualised to 10,000 deals.
 *
 * @fires kam-stage-move - Before a move is checked; cancellable (`preventDefault()` stops it). detail: `{ opportunity, from, to, index }`.
 * @fires kam-stage-moved - After a move was applied (optimistically when a store is used). detail: `{ opportunity, from, to, entry?, input? }`.
 * @fires kam-card-reorder - A deal was dropped at another position in its own column. detail: `{ opportunity, stage, index }`.
 * @fires kam-pipeline-change - The user picked another pipeline. detail: `{ pipelineId }`.
 * @fires kam-conflict-resolve - The user chose a side of a write conflict; cancellable. detail: `{ opportunity, idempotencyKey, resolution }`.
 *
 * @csspart board - The whole board.
 * @csspart toolbar - The pipeline picker row.
 * @csspart columns - The scrolling row of columns.
 * @csspart column - One stage column.
 * @csspart column-header - A column's name, count and totals.
 * @csspart column-body - A column's scrolling card list.
 * @csspart card - One deal card.
 * @csspart menu - The "Move to…" menu.
 * @csspart close-dialog - The won / lost dialog.
 * @csspart part-error - Says a part of the board (dialog, menu, notices, dragging, keyboard and moves) could not be fetched.
 * @csspart loading - The loading message.
 * @csspart empty - The no-pipeline and no-deals messages.
 * @csspart error - The error box.
 * @csspart state - The "Place `<kam-pipeline-board>` inside `<kam-provider>`" message, when it has no store.
 *
 * @cssprop --kam-pipeline-board-column-width - Width of a column (default 272px).
 * @cssprop --kam-pipeline-board-height - Height of the board when the page does not size it (default 640px).
 */
export class KamPipelineBoard extends KamElement {
  static override styles = styles;
  // One object, not a decorator call per property (each compiles to a call of its own). Literals
  // throughout: the manifest's analyzer reads them (a shared constant would list every one as an attribute).
  static override properties: PropertyDeclarations = {
    pipeline: { attribute: false }, pipelines: { attribute: false }, pipelineId: { attribute: 'pipeline-id' },
    opportunities: { attribute: false }, accounts: { attribute: false }, users: { attribute: false },
    health: { attribute: false }, fx: { attribute: false }, currency: {},
    cardFields: {
      attribute: 'card-fields',
      converter: { fromAttribute: (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []) },
    },
    maxPlausibleAmount: { type: Number, attribute: 'max-plausible-amount' }, headingLevel: { type: Number, attribute: 'heading-level' },
    loading: { type: Boolean }, error: { attribute: false },
    // Internal state (private below): reactive, no attribute.
    focusId: { attribute: false }, grab: { attribute: false }, menu: { attribute: false }, dialog: { attribute: false },
    announcement: { attribute: false }, alertText: { attribute: false }, partError: { attribute: false }, viewport: { attribute: false },
  };

  /** The pipeline to show (alone mode), or the pipelines to pick from with `.pipelines`. */
  pipeline?: Pipeline;

  /** Several pipelines to pick from (alone mode); inside a provider the store's pipelines are used. */
  pipelines?: Pipeline[];

  /** Which pipeline to show; defaults to `.pipeline`, else the first. */
  pipelineId?: string;

  /** Deals (alone mode). Only deals whose `pipelineId` is the shown pipeline's appear. */
  opportunities?: Opportunity[];

  /** Accounts for names and health (alone mode). */
  accounts?: Account[];

  /** Users for owner names (alone mode). */
  users?: User[];

  /** Account health by account id (alone mode), shown with `<kam-health-badge>` when that element is loaded. */
  health?: Record<string, { score: number; band?: string }>;

  /** FX table to convert into the reporting currency (alone mode; the store's is used otherwise). */
  fx?: FxTable;

  /** Reporting currency (ISO 4217); defaults to the provider's / store's, else CNY. */
  currency?: string;

  /** Extra fields on each card: dotted paths such as `custom.budget`, or `{ field, label }`. Attribute: comma-separated paths. */
  cardFields: CardField[] = [];

  /** Amounts above this, in the reporting currency, are flagged as implausible (and counted as entered, as the core's analytics count them). */
  maxPlausibleAmount = 1e11;

  /** The pipeline title's level in the host page's outline (an h2 unless set); the columns' titles come one level under it. */
  headingLevel = 2;

  /** Shows the loading state (alone mode, while the page fetches data). */
  loading = false;

  /** Shows the error state with this message (alone mode). */
  error?: Error | string;

  protected override awaitsStore(): boolean {
    return !this.pipeline && !this.pipelines && !this.opportunities && !this.loading && !this.error;
  }

  private focusId?: string;
  private grab?: Grab;
  /** The open "Move to…" menu: its deal, the ⋯ button or card it opened from (Escape goes back there) and its focused item. */
  private menu?: { id: string; anchor: HTMLElement; focus: number };
  private dialog?: CloseDialogState;
  private announcement = '';
  private alertText = '';
  /** Shown when a part of the board could not be fetched (offline, a redeploy); cleared once that part loads. */
  private partError = '';
  /** The part the error is about (a part fetched in the background must not clear it). */
  #partErrorOf?: PartName;
  readonly #partsFailed = new Set<PartName>();
  private viewport = 0;
  /** Space between two cards, for the lazily fetched parts: read here, they import nothing of board-model (a module both import goes into one more up-front file). */
  private readonly gap = GAP;
  /** The core's rules for the parts (see parts.ts). */
  private readonly rules = rules;
  /** For the parts (see move.ts' MoveBoard). */
  private readonly emit = emit;

  private model?: BoardModel;
  #modelKey?: unknown[];
  #dirty = true;
  private ownOpportunities?: Opportunity[];
  private readonly notices = new Map<string, Notice>();
  private readonly pending = new Set<string>();
  private readonly measured = new Map<string, number>();
  private readonly scrollTops = new Map<string, number>();
  readonly #renderedRanges = new Map<string, string>();
  /** Pointer drags (drag.ts, fetched on the first press on a card). */
  private drag?: Drag;
  #resizeObserver?: ResizeObserver;
  #observed?: Element;
  #writeOff?: () => void;
  #writeStore?: KamStore;
  #buildError?: unknown;
  private hintIndex?: { id: string; stageId: string; index: number };
  private focusAfterRender = false;
  /** The element focused when a render began (repeat may move it, and a moved node loses focus). */
  #hadFocus?: HTMLElement;
  #tipHidden = new Set<string>();
  /** Bumped when accounts or users change in the store (cards show their names). */
  #dataVersion = 0;
  #columnSignature = '';
  /** Parts a render asked for that are on their way (asked for once; `renderAfter` makes updateComplete wait). */
  readonly #partsWaited = new Set<PartName>();
  readonly #partStyles = new Map<PartName, CSSResultOrNative>();

  /** A rarely used part when it is here; else undefined, and the board renders again once it arrives. */
  private extra<K extends PartName>(name: K): Parts[K] | undefined {
    const m = parts[name].loaded;
    if (m) {
      this.#adoptPartStyles(name, m);
      return m;
    }
    if (!this.#partsWaited.has(name) && !this.#partsFailed.has(name)) {
      this.#partsWaited.add(name);
      this.withExtra(name, () => { this.#partsWaited.delete(name); this.requestUpdate(); });
    }
    return undefined;
  }

  /**
   * Runs `fn` with a part, at once when it is here, else when it arrives (a failed load is reported
   * once, in the console); gives what `fn` gave (undefined when the part could not be fetched).
   */
  private withExtra<K extends PartName, R>(name: K, fn: (m: Parts[K]) => R): R | Promise<R | undefined> {
    const m = parts[name].loaded;
    if (m) { this.#adoptPartStyles(name, m); return fn(m); }
    this.#partsFailed.delete(name);
    const p = loadPart(name).then((got) => { if (this.#partErrorOf === name) this.partError = ''; this.#adoptPartStyles(name, got); return got; }, (err: unknown) => {
      this.#partsWaited.delete(name);
      // Renders do not fetch a failed part again; the next user action that needs it does.
      this.#partsFailed.add(name);
      if (name === 'menu') this.closeMenu(true);
      const reason = errorMessage(err);
      console.warn(`KAM Kit: the pipeline board's ${name} could not be loaded. ${reason}`);
      this.#partErrorOf = name;
      this.partError = t(this.resolvedLocale, 'partFailed', { error: reason });
      return undefined;
    });
    // updateComplete waits for the part, not for what `fn` starts (a move awaits updateComplete).
    this.renderAfter(p);
    return p.then((got) => got && fn(got));
  }

  #adoptPartStyles(name: PartName, m: { styles: CSSResultOrNative }): void {
    if (this.#partStyles.has(name) || !(this.renderRoot instanceof ShadowRoot)) return;
    this.#partStyles.set(name, m.styles);
    adoptStyles(this.renderRoot, [...KamPipelineBoard.elementStyles, ...this.#partStyles.values()]);
  }


  // ——— data ———

  get #pipelineList(): readonly Pipeline[] {
    if (this.store && this.store.pipelines().length) return this.store.pipelines();
    if (this.pipelines?.length) return this.pipelines;
    return this.pipeline ? [this.pipeline] : [];
  }

  /** The pipeline shown. */
  get currentPipeline(): Pipeline | undefined {
    const list = this.#pipelineList;
    const wanted = this.pipelineId ?? this.pipeline?.id;
    return (wanted && list.find((p) => p.id === wanted)) || list[0];
  }

  get #fxTable(): FxTable | undefined {
    return this.fx ?? this.store?.fx;
  }

  get #boardCurrency(): string {
    return this.currency ?? this.reportingCurrency;
  }

  get #storeHasDeals(): boolean {
    return !!this.store && (this.store.status !== 'empty' || !this.opportunities);
  }

  #dealsOf(p: Pipeline): Iterable<Opportunity> {
    if (this.#storeHasDeals && this.store) return this.store.query('opportunities', { where: { pipelineId: p.id } }).items;
    return this.opportunities ?? [];
  }

  /** Each alone-mode list by id, with the list it was made from (made again when the list is replaced). */
  private readonly byId: { [K in 'accounts' | 'users']?: [Account[] | User[] | undefined, Map<string, Account | User>] } = {};

  /** An account's or a user's name: the store's record, else the alone-mode list's. */
  private nameOf(kind: 'accounts' | 'users', id: string): string | undefined {
    const list = this[kind];
    let m = this.byId[kind];
    if (!m || m[0] !== list) m = this.byId[kind] = [list, new Map((list ?? []).map((x) => [x.id, x]))];
    return (this.store?.get(kind, id) ?? m[1].get(id))?.name;
  }

  private get cardHeight(): number {
    return BASE_CARD_HEIGHT + this.cardFields.length * FIELD_ROW_HEIGHT;
  }

  // ——— lifecycle ———

  override connectedCallback(): void {
    super.connectedCallback();
    this.#dirty = true;
    // Registered up front (not when a drag starts): the compositor decides at touchstart whether a
    // gesture may scroll, so a listener added mid-gesture could not stop the page from scrolling.
    this.addEventListener('touchmove', this.#onTouchMove, { passive: false });
    // The render after a reconnection observes the size again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('touchmove', this.#onTouchMove);
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
    this.#observed = undefined;
    this.#writeOff?.();
    this.#writeOff = undefined;
    this.#writeStore = undefined;
    this.drag?.end();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#hadFocus = this.shadowRoot?.activeElement as HTMLElement;
    if (changed.has('accounts') || changed.has('users') || changed.has('theme')) this.#dataVersion++;
    if (this.#writeStore !== this.store) {
      this.#writeOff?.();
      this.#writeStore = this.store;
      // A deal's write lifecycle ("Saving…", a conflict, a rollback): the moves' part follows it.
      this.#writeOff = this.store?.onWrite((e) => { if (e.entry.op.entity === 'opportunities') this.withExtra('move', (m) => m.onWrite(this as unknown as MoveBoard, e)); });
    }
    const p = this.currentPipeline;
    const key = [p, this.#boardCurrency, this.#fxTable, this.maxPlausibleAmount, this.store];
    // The board's own copy after a move is already in the model.
    if (changed.has('opportunities') && this.opportunities !== this.ownOpportunities) this.#dirty = true;
    if (!this.#modelKey || key.some((k, i) => k !== this.#modelKey![i])) this.#dirty = true;
    if (this.#dirty) {
      this.#dirty = false;
      this.#modelKey = key;
      this.#buildError = undefined;
      this.model = undefined;
      if (p) {
        try {
          const model = new BoardModel(p, { currency: this.#boardCurrency, fx: this.#fxTable, maxPlausibleAmount: this.maxPlausibleAmount });
          model.reset(this.#dealsOf(p), p.id);
          this.model = model;
        } catch (err) {
          this.#buildError = err;
        }
      }
      if (this.grab && !this.model?.get(this.grab.id)) this.grab = undefined;
    }
    if (!this.viewport) {
      // First render: estimate the card area from the window (reading the host's size here would
      // force a layout before anything is drawn); the ResizeObserver corrects it after layout.
      this.viewport = Math.max(240, (globalThis.innerHeight || 800) - 100);
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const columns = this.renderRoot.querySelector('.columns');
    if (this.isConnected && !this.#resizeObserver) (this.#resizeObserver = new ResizeObserver(() => this.#measureViewport())).observe(this);
    if (columns && columns !== this.#observed && this.#resizeObserver) {
      if (this.#observed) this.#resizeObserver.unobserve(this.#observed);
      this.#observed = columns;
      this.#resizeObserver.observe(columns);
    }
    // Restore each column's scroll position (a re-created column body starts at 0).
    // (Only when the set of columns changed: reading scrollTop forces a layout.)
    const signature = this.model?.visibleColumns.map((c) => c.key).join('\n') ?? '';
    if (signature !== this.#columnSignature) {
      this.#columnSignature = signature;
      for (const body of this.renderRoot.querySelectorAll<HTMLElement>('.column-body')) {
        const top = this.scrollTops.get(body.dataset.key!);
        if (top !== undefined && Math.abs(body.scrollTop - top) > 1) body.scrollTop = top;
      }
    }
    // Cards with a notice grow: the notice part measures them so the cards below move down.
    if (this.notices.size || this.measured.size) parts.notice.loaded?.measureNotices(this as unknown as NoticeBoard);
    if (this.dialog) this.extra('dialog')?.syncCloseDialog(this.shadowRoot);
    if (this.menu) parts.menu.loaded?.focusMenu(this.renderRoot, this.menu.focus);
    // A card focusCard asked for; else a focused card the render moved (kept in the DOM while scrolled
    // away, it goes after the drawn ones) has lost focus: it gets it back.
    const active = this.shadowRoot!.activeElement;
    const el = this.focusAfterRender ? this.cardElement(this.focusId!) : !active && this.#hadFocus?.isConnected && this.#hadFocus;
    this.focusAfterRender = false;
    if (el && active !== el) el.focus({ preventScroll: true });
  }

  #measureViewport(): void {
    const body = this.renderRoot.querySelector<HTMLElement>('.column-body');
    const h = body?.clientHeight ?? 0;
    if (h > 0 && Math.abs(h - this.viewport) > 1) this.viewport = h;
  }

  protected override storeChanged(e: ChangeEvent): void {
    const p = this.currentPipeline;
    if (e.kind === 'opportunities' && this.model && p && this.model.pipeline === p && e.type !== 'reset' && e.ids.length <= 500 && this.store) {
      // A few deals changed: each placed on its own (a move touches two columns, never a re-sort).
      for (const id of e.ids) {
        const rec = this.store.get('opportunities', id);
        if (!rec || rec.pipelineId !== p.id) { this.model.remove(id); continue; }
        const hint = this.hintIndex?.id === id && this.hintIndex.stageId === rec.stageId ? this.hintIndex.index : undefined;
        this.model.upsert(rec, hint);
      }
    } else if (e.kind === 'opportunities' || e.kind === 'pipelines') this.#dirty = true;
    else this.#dataVersion++;
    this.requestUpdate();
  }

  // ——— layout of virtualised columns ———

  private layout(col: BoardColumn): Layout {
    const n = col.items.length;
    // Cards with a notice have their own measured height (only the notice part measures them).
    return (this.measured.size && parts.notice.loaded?.measuredLayout(this as unknown as NoticeBoard, col)) || { total: n && n * (this.cardHeight + GAP) - GAP };
  }

  private offsetOf(l: Layout, i: number): number {
    return l.offsets ? l.offsets[i] : i * (this.cardHeight + GAP);
  }

  /** Index of the card at vertical position y (clamped). */
  private indexAt(l: Layout, n: number, y: number): number {
    if (n === 0) return 0;
    if (!l.offsets) return Math.max(0, Math.min(n - 1, Math.floor(y / (this.cardHeight + GAP))));
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (l.offsets[mid] <= y) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  #visibleRange(col: BoardColumn, l: Layout): [number, number] {
    const n = col.items.length;
    if (!n) return [0, -1];
    const top = this.scrollTops.get(col.key) ?? 0;
    const first = this.indexAt(l, n, top);
    const last = this.indexAt(l, n, top + this.viewport);
    return [Math.max(0, first - OVERSCAN), Math.min(n - 1, last + OVERSCAN)];
  }

  #onColumnScroll(e: Event): void {
    const body = e.currentTarget as HTMLElement;
    const key = body.dataset.key!;
    this.scrollTops.set(key, body.scrollTop);
    if (this.menu) this.menu = undefined;
    const col = this.model?.column(key);
    if (!col) return;
    const range = this.#visibleRange(col, this.layout(col)).join(':');
    if (range !== this.#renderedRanges.get(key)) this.requestUpdate();
  }

  private cardElement(id: string): HTMLElement | undefined {
    for (const c of this.renderRoot.querySelectorAll<HTMLElement>('.card')) if (c.dataset.id === id) return c;
    return undefined;
  }

  // ——— keyboard ———

  /** Moves the roving focus to a card, scrolling its virtualised column to it. */
  async focusCard(id: string): Promise<void> {
    await this.withExtra('move', (m) => m.focusCard(this as unknown as MoveBoard, id));
  }

  #onCardKeydown(e: KeyboardEvent): void {
    const card = (e.composedPath() as HTMLElement[]).find((n) => n instanceof HTMLElement && n.classList?.contains('card'));
    if (!card || e.target !== card || !this.model) return;
    // The keys' code is fetched when focus enters the columns; a key pressed before it is here
    // keeps the page still and acts once it arrives — if the card still has focus (not after the
    // user tabbed away or the board left the page: it would pull focus back or pick a card up unseen).
    const early = !parts.move.loaded;
    if (early && /^(Arrow|Page|Home$|End$| $|Enter$|[mM]$|ContextMenu$|F10$)/.test(e.key)) e.preventDefault();
    this.withExtra('move', (m) => { if (!early || this.shadowRoot!.activeElement === card) m.onKey(this as unknown as MoveBoard, e, card); });
  }

  /** Picks a card up; arrows then choose where it goes. */
  pickUp(id: string, mode: Grab['mode']): void {
    this.withExtra('move', (m) => m.pickUp(this as unknown as MoveBoard, id, mode));
  }

  cancelGrab(): void {
    parts.move.loaded?.putBack(this as unknown as MoveBoard, true);
  }

  /**
   * Moves a deal to a stage through the full flow: the cancellable `kam-stage-move`, the
   * pipeline's rules (refusals shown on the card), the won / lost dialog, then the store (or the
   * board's own copy) and `kam-stage-moved`. Resolves true when the move was applied.
   */
  async requestMove(id: string, toStageId: string, index?: number): Promise<boolean> {
    return !!(await this.withExtra('move', (m) => m.requestMove(this as unknown as MoveBoard, id, toStageId, index)));
  }

  // ——— the "Move to…" menu ———

  private openMenu(id: string, anchor: HTMLElement): void {
    this.#partsFailed.delete('menu');
    this.focusId = id;
    this.menu = { id, anchor, focus: 0 };
  }

  private closeMenu(refocus: boolean): void {
    const id = this.menu?.id;
    this.menu = undefined;
    if (refocus && id) void this.focusCard(id);
  }

  // ——— pointer drag (mouse, pen, touch long-press) ———

  #onPointerDown(e: PointerEvent): void {
    if (this.grab || this.dialog) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const path = e.composedPath() as Element[];
    if (path.some((n) => n instanceof HTMLElement && (n.tagName === 'BUTTON' || n.tagName === 'A' || n.classList.contains('notice')))) return;
    const card = path.find((n) => n instanceof HTMLElement && n.classList.contains('card')) as HTMLElement | undefined;
    if (!card?.dataset.id) return;
    const press = { id: card.dataset.id, pointerId: e.pointerId, type: e.pointerType || 'mouse', x: e.clientX, y: e.clientY, rect: card.getBoundingClientRect(), at: performance.now() };
    // The drag code is fetched on the first press: until it is here, the gesture's moves and its
    // release are kept and handed to it, so this very gesture can still drag.
    const seen: PointerEvent[] = [];
    if (!parts.drag.loaded) {
      const types = ['pointermove', 'pointerup', 'pointercancel'];
      const keep = (ev: Event) => seen.push(ev as PointerEvent);
      const stop = () => types.forEach((type) => removeEventListener(type, keep));
      types.forEach((type) => addEventListener(type, keep));
      loadPart('drag').then(stop, stop);
    }
    this.withExtra('drag', (m) => {
      if (!this.grab && !this.dialog) (this.drag ??= new m.Drag(this as unknown as DragHost)).start(press, seen);
    });
  }

  readonly #onTouchMove = (e: TouchEvent): void => {
    // Once a long-press drag has started, the finger moves the card, not the page.
    if (this.drag?.started && e.cancelable) e.preventDefault();
  };

  // ——— rendering ———

  private columnName(col: BoardColumn): string {
    return col.stage?.name ?? t(this.resolvedLocale, 'unknownColumn');
  }

  private money(amount: number, currency: string): string {
    return formatMoney(this.resolvedLocale, { amount, currency }, { compact: true });
  }

  protected override render(): TemplateResult {
    const locale = this.resolvedLocale;
    const label = t(locale, 'boardLabel', { pipeline: this.currentPipeline?.name ?? '' });
    let body: TemplateResult;
    try {
      body = this.#renderBody(locale);
    } catch (err) {
      body = this.#renderError(locale, err);
    }
    return html`
      <div class="board" part="board" role="region" aria-label=${label}>
        ${this.partError ? html`<p class="state error" part="part-error" role="alert">${this.partError}</p>` : nothing}
        ${body}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        <div class="visually-hidden" role="alert" aria-atomic="true">${this.alertText}</div>
        <p id="card-help" class="visually-hidden">${t(locale, 'cardHelp')}</p>
      </div>`;
  }

  /** An error box: an alert, or for the store's failed load (`of` this element) see `liveRole`. */
  #renderError(locale: Locale, err: unknown, of: boolean | this = true): TemplateResult {
    const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
    return html`<div class="state error" part="error" role=${liveRole(of)}><strong>${t(locale, 'errorTitle')}</strong>${message ? html`<span>${message}</span>` : nothing}</div>`;
  }

  #renderBody(locale: Locale): TemplateResult {
    if (this.error) return this.#renderError(locale, this.error);
    if (this.store?.status === 'error') return this.#renderError(locale, this.store.error, this);
    if (this.#buildError) return this.#renderError(locale, this.#buildError);
    const loading = this.loading || (this.store?.status === 'loading' && !this.model?.size);
    if (loading) return html`<div class="state loading" part="loading" role="status" aria-busy="true">${t(locale, 'loading')}</div>`;
    const pipeline = this.currentPipeline;
    if (!pipeline || !this.model) return html`<div class="state empty" part="empty">${t(locale, 'noPipeline')}</div>`;
    const model = this.model;
    const list = this.#pipelineList;
    const columns = model.visibleColumns;
    const tabbableId = this.focusId && model.get(this.focusId) ? this.focusId : columns.find((c) => c.items.length)?.items[0]?.id;
    const dialog = this.dialog && this.extra('dialog');
    // Today (by the board's clock), once per render: cards compare their dates with it.
    const day = this.now().toISOString().slice(0, 10);
    // The pipeline's h2 stays with the picker too (hidden): the columns' h3 come under it.
    return html`
      <div class="toolbar" part="toolbar">
        <h2 class=${list.length > 1 ? 'visually-hidden' : 'title'} aria-level=${this.headingLevel}>${pipeline.name}</h2>
        ${list.length > 1
          ? html`<label class="picker"><span>${t(locale, 'pipelinePicker')}</span>
              <select @change=${this.#onPick}>${list.map((p) => html`<option value=${p.id} ?selected=${p.id === pipeline.id}>${p.name}</option>`)}</select></label>`
          : nothing}
        <span class="summary">${this.#countText(model.size)}</span>
      </div>
      ${model.size === 0 ? html`<p class="state empty inline" part="empty">${t(locale, 'emptyPipeline')}</p>` : nothing}
      <div class="columns" part="columns" @pointerdown=${this.#onPointerDown} @keydown=${this.#onCardKeydown}
        @focusin=${this.#onFocusIn} @focusout=${this.#onFocusOut}>
        ${columns.map((col, ci) => this.#renderColumn(col, ci, locale, tabbableId, day))}
      </div>
      ${this.drag?.renderGhost(locale)}
      ${this.menu && this.extra('menu')?.renderMenu(this as unknown as MenuBoard)}
      ${dialog?.renderBoardDialog(this as unknown as DialogBoard)}`;
  }

  #onPick = (e: Event): void => {
    const id = (e.target as HTMLSelectElement).value;
    this.pipelineId = id;
    this.grab = undefined;
    this.focusId = undefined;
    this.scrollTops.clear();
    emit(this, 'kam-pipeline-change', { pipelineId: id });
  };

  /** The totals' breakdown is fetched when the pointer reaches a total or focus enters the columns (before a total can be focused). */
  readonly #wantBreakdown = (e: Event): void => {
    if (parts.breakdown.loaded) return;
    const load = (): void => { this.withExtra('breakdown', () => this.requestUpdate()); };
    // Focus on a card only fetches it ahead of time: if that fails, the user has not asked for a
    // breakdown yet, so nothing is said until a total is reached.
    if (e.type == 'focusin' && !(e.composedPath()[0] as Element).classList.contains('totals')) loadPart('breakdown').then(load, () => {});
    else load();
  };

  /** Escape hides a total's tooltip; leaving the total (focus or pointer) lets it show again. */
  readonly #onTotals = (e: Event): void => {
    const key = (e.currentTarget as HTMLElement).dataset.key!;
    const hidden = this.#tipHidden;
    if (e.type != 'keydown' ? hidden.delete(key) : (e as KeyboardEvent).key == 'Escape' && hidden.add(key)) this.requestUpdate();
  };

  #onFocusIn = (e: FocusEvent): void => {
    this.#wantBreakdown(e);
    // Fetched ahead of the first key (a failure is said when a key needs it).
    if (!parts.move.loaded) loadPart('move').catch(() => {});
    const card = (e.composedPath() as HTMLElement[]).find((n) => n instanceof HTMLElement && n.classList?.contains('card'));
    if (card?.dataset.id && card.dataset.id !== this.focusId) this.focusId = card.dataset.id;
  };

  // A keyboard pick-up ends when focus leaves the card.
  #onFocusOut = (e: FocusEvent): void => parts.move.loaded?.focusOut(this as unknown as MoveBoard, e);

  #countText(n: number): string {
    const locale = this.resolvedLocale;
    return n === 1 ? t(locale, 'countOne') : t(locale, 'countMany', { count: formatNumber(locale, n) });
  }

  #renderColumn(col: BoardColumn, ci: number, locale: Locale, tabbableId: string | undefined, day: string): TemplateResult {
    const l = this.layout(col);
    const [first, last] = this.#visibleRange(col, l);
    this.#renderedRanges.set(col.key, `${first}:${last}`);
    const currency = this.#boardCurrency;
    const fx = this.#fxTable;
    const { total, weighted } = this.model!.totals(col, currency, fx);
    const items: Array<{ opp: Opportunity; i: number; far?: boolean }> = [];
    for (let i = first; i <= last; i++) items.push({ opp: col.items[i], i });
    // The focused and the grabbed card stay in the DOM even when scrolled away (focus must not be lost);
    // out of the list's flow, each placed on its own.
    for (const keep of [this.focusId, this.grab?.id]) {
      if (!keep || this.model!.columnOf(keep) !== col) continue;
      const i = this.model!.indexOf(keep);
      if (i >= 0 && (i < first || i > last) && !items.some((x) => x.opp.id === keep)) items.push({ opp: col.items[i], i, far: true });
    }
    const unknown = col.key === UNKNOWN_COLUMN;
    const kind = col.stage?.kind ?? 'open';
    const isTarget = this.grab && this.grab.toKey === col.key;
    const tipId = `tip-${ci}`;
    const name = this.columnName(col);
    const excludedCount = total.excluded.reduce((s, x) => s + x.count, 0);
    // A fetch of the breakdown that failed once a total was reached: the totals' description says so.
    const failed = this.#partsFailed.has('breakdown');
    // The drawn cards stand in the list's flow from the first one's offset on: a move shifts the
    // cards below it by layout alone (no card's style changes). The list is out of its column's
    // flow (a relayout boundary), and the scroll extent is a sibling of it.
    return html`
      <section class="column ${unknown ? 'unknown' : ''} kind-${kind} ${isTarget ? 'target' : ''}" part="column" data-key=${col.key}
        aria-labelledby="col-${ci}">
        <header class="column-header" part="column-header">
          <div class="column-title">
            <h3 id="col-${ci}" aria-level=${this.headingLevel + 1} title=${name}>${name}</h3>
            <span class="count">${this.#countText(col.items.length)}</span>
          </div>
          <div class="totals ${this.#tipHidden.has(col.key) ? 'tip-off' : ''}" tabindex="0" aria-describedby=${tipId} data-key=${col.key}
            @keydown=${this.#onTotals} @mouseenter=${this.#wantBreakdown} @blur=${this.#onTotals} @mouseleave=${this.#onTotals}>
            <span><span class="muted">${t(locale, 'total')}</span> ${this.money(total.amount, currency)}</span>
            ${unknown ? nothing : html`<span><span class="muted">${t(locale, 'weighted')}</span> ${this.money(weighted.amount, currency)}</span>`}
            ${excludedCount ? html`<span class="warn">⚠ ${t(locale, 'excludedShort', { count: formatNumber(locale, excludedCount) })}</span>` : nothing}
            ${col.flagged ? html`<span class="warn">⚠ ${t(locale, 'flaggedShort', { count: formatNumber(locale, col.flagged) })}</span>` : nothing}
          </div>
          <div class="tooltip" role="tooltip" id=${tipId}>${guard([total, locale, parts.breakdown.loaded, t.ready(locale), failed], () => parts.breakdown.loaded?.renderBreakdown(locale, total, col, this.model!, t(locale, 'columnEmpty')) ?? (failed ? t(locale, 'breakdownFailed') : nothing))}</div>
        </header>
        ${unknown
          ? html`<p class="explain">${t(locale, 'unknownExplain', { pipeline: this.currentPipeline!.name, ids: joinList(locale, [...(col.missingStageIds ?? [])]) })}</p>`
          : nothing}
        <div class="column-body" part="column-body" data-key=${col.key} @scroll=${this.#onColumnScroll}>
          <ul class="cards" role="list" aria-labelledby="col-${ci}" style="padding-top:${this.offsetOf(l, first)}px">
            ${repeat(items, (x) => x.opp.id, (x) => this.#renderCard(x.opp, x.i, col, l, locale, x.opp.id === tabbableId, day, x.far))}
            ${isTarget ? parts.move.loaded?.renderIndicator(this as unknown as MoveBoard, col, l) : nothing}
          </ul>
          <div class="extent" style="height:${l.total + (isTarget ? this.cardHeight : 0)}px"></div>
          ${col.items.length === 0 ? html`<p class="column-empty">${t(locale, 'columnEmpty')}</p>` : nothing}
        </div>
      </section>`;
  }

  #renderCard(opp: Opportunity, i: number, col: BoardColumn, l: Layout, locale: Locale, tabbable: boolean, day: string, far?: boolean): TemplateResult {
    const notice = this.notices.get(opp.id);
    const grabbed = this.grab?.id === opp.id;
    const stage = col.stage;
    const days = stage && (stage.kind ?? 'open') === 'open' && stage.idleDays ? daysInStage(opp, this.now()) : undefined;
    const idle = days !== undefined && stage?.idleDays !== undefined && days > stage.idleDays;
    const noticeId = notice && parts.move.loaded?.noticeId(this as unknown as MoveBoard, opp.id) || '';
    // Lit sets an attribute only when its text changed: only a card that changed height (a card
    // with a notice has its own), or a card out of the flow that moved, updates its style.
    const style = `${far ? `transform:translateY(${this.offsetOf(l, i)}px);` : ''}${notice ? '' : `height:${this.cardHeight}px`}`;
    // The shell (position, tab stop, set position) changes as cards shift; the content re-renders
    // only when something it shows changed — a move touches a handful of cards, not the column.
    return html`
      <li class="card ${idle ? 'idle' : ''} ${grabbed ? 'grabbed' : ''} ${notice ? `has-notice notice-${notice.kind}` : ''} ${far ? 'far' : ''}" part="card"
        data-id=${opp.id} tabindex=${tabbable ? 0 : -1} style=${style}
        aria-roledescription=${t(locale, 'cardRole')} aria-posinset=${i + 1} aria-setsize=${col.items.length}
        aria-describedby="card-help ${noticeId}">${guard(
          [opp, stage, tabbable, notice, this.pending.has(opp.id), this.menu?.id === opp.id, locale, this.cardFields, this.health, day,
            this.#dataVersion, this.#boardCurrency, days === undefined ? -1 : Math.floor(days), idle, noticeId, ...Object.values(parts).map((p) => p.loaded),
            t.ready(locale)],
          () => this.#renderCardContent(opp, stage, locale, tabbable, days, idle, notice, noticeId))}</li>`;
  }

  /** The id of each card's notice, by deal (a deal id may hold characters an idref cannot). */
  private readonly noticeKeys = new Map<string, string>();

  #renderCardContent(
    opp: Opportunity, stage: Stage | undefined, locale: Locale, tabbable: boolean, days: number | undefined, idle: boolean,
    notice: Notice | undefined, noticeId: string,
  ): TemplateResult {
    const model = this.model!;
    const now = this.now();
    const flag = model.amountFlag(opp);
    const noRate = model.lacksRate(opp);
    const next = nextStepStatus(opp, now);
    const owner = opp.ownerId ? this.nameOf('users', opp.ownerId) ?? opp.ownerId : t(locale, 'unassigned');
    const health = this.#renderHealth(opp.accountId);
    const due = next === 'due' && opp.nextStep?.dueDate;
    const nextText = due ? t(locale, 'next-due', { when: relativeDays(locale, due, now) }) : t(locale, next === 'due' ? 'next-planned' : `next-${next}`);
    const account = this.nameOf('accounts', opp.accountId) ?? opp.accountId;
    // Numeric in Chinese ("2026/12/29"): "2026年12月29日" lost its day to the column's width.
    const close = t(locale, 'closeDate', { date: formatDate(locale, opp.closeDate, locale == 'zh-CN' ? { dateStyle: 'short' } : undefined) });
    // The rows keep the card's fixed height (the columns are virtualised): a text cut by the column's
    // width carries a title; the amount is never cut.
    return html`
        <div class="row name-row">
          <span class="name" title=${opp.name}>${opp.name}</span>
          <button class="move-btn" type="button" tabindex=${tabbable ? 0 : -1} aria-haspopup="menu"
            aria-expanded=${this.menu?.id === opp.id ? 'true' : 'false'} aria-label=${t(locale, 'moveToLabel', { name: opp.name })}
            @click=${(e: Event) => this.openMenu(opp.id, e.currentTarget as HTMLElement)}>⋯</button>
        </div>
        <div class="row account-row"><span class="account" title=${account}>${account}</span>${health}</div>
        <div class="row amount-row">
          <span class="amount ${flag ? 'bad' : ''}">${formatMoney(locale, opp.amount, { compact: true })}</span>
          <span class="close" title=${close}>${close}</span>
        </div>
        <div class="row owner-row muted"><span title=${owner}>${owner}</span>${idle ? html`<span class="chip idle">${t(locale, 'idle', { days: formatNumber(locale, Math.floor(days!)), limit: stage!.idleDays! })}</span>` : nothing}</div>
        <div class="row chips">
          <span class="chip next-${next}">${nextText}</span>
          ${flag ? html`<span class="chip bad" title=${t(locale, flag === 'invalid' ? 'invalidHint' : 'flaggedHint')}>${t(locale, flag)}</span>` : nothing}
          ${noRate && !flag ? html`<span class="chip warn" title=${t(locale, 'noRateHint', { currency: this.#boardCurrency })}>${t(locale, 'noRate', { currency: opp.amount.currency })}</span>` : nothing}
          ${this.pending.has(opp.id) ? html`<span class="chip saving">${parts.move.loaded?.words(locale, 'saving')}</span>` : nothing}
        </div>
        ${this.cardFields.map((f) => { // the page's extra fields, each a label and a value in words
          const path = typeof f === 'string' ? f : f.field;
          return html`<div class="row field"><span class="muted">${(typeof f === 'string' ? undefined : f.label) ?? localFieldLabel(locale, path)}</span> <span>${formatFieldValue(getPath(opp, path), path, locale)}</span></div>`;
        })}
        ${notice ? this.extra('notice')?.renderNotice(locale, opp, notice, noticeId, this as unknown as NoticeBoard) : nothing}`;
  }

  #renderHealth(accountId: string): TemplateResult | typeof nothing {
    const h = this.health?.[accountId];
    // The given score, else (with a store) the badge scores the account itself.
    return globalThis.customElements?.get('kam-health-badge') && (h || this.store)
      ? html`<kam-health-badge score=${h?.score ?? nothing} band=${h?.band ?? nothing} account-id=${h ? nothing : accountId} band-label="none"></kam-health-badge>`
      : nothing;
  }

}
