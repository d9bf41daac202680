import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Account, ChangeEvent, Money, User } from '@kamkit/core';
import { KamElement } from '../shared/kam-element.js';
import { retryKeepingFocus } from '../shared/retry.js';
import { formatDate, formatMoney, formatNumber, type Locale } from '../shared/i18n.js';
import { accountHealth, bookHealth, peekBookHealth, toneOf, type HealthLike } from '../shared/health.js';
import { getPath } from '../shared/field-value.js';
import { stateMessage } from '../shared/state-message.js';
import { toError } from '../shared/errors.js';
import { emit } from '../shared/events.js';
import { styles } from './kam-account-list.styles.js';
import { t, builtInLabel } from './strings.js';
import { keysLoader } from './keys-loader.js';
import type { KeysHost } from './keys.js';
import { countFacets, type Facets } from './facets.js';

type Keys = typeof import('./keys.js');

/** How a column formats its value. `health` renders a `<kam-health-badge>`. */
export type ColumnFormat = 'text' | 'money' | 'date' | 'number' | 'health';

/** What a column's value function gets besides the account. */
export interface ColumnContext {
  /** The account's health result, when known. */
  health?: HealthLike;
  /** The owner's display name (from the store's or `.users`'s records), else the owner id. */
  ownerName?: string;
  locale: Locale;
}

export interface AccountColumn {
  /** Stable key; also the sort key reported in `sort`. */
  key: string;
  /** Header text; defaults to the built-in localised label for known keys, else the key. */
  label?: string;
  /** A field path (`region`, `annualRevenue`, `custom.segment`) or a function of the account. */
  value?: string | ((account: Account, ctx: ColumnContext) => unknown);
  format?: ColumnFormat;
  /** CSS grid track, e.g. `minmax(12em, 2fr)` or `8em`. */
  width?: string;
  /** Default true. */
  sortable?: boolean;
  /**
   * When the list is too narrow for every column's minimum width, the columns with a priority give
   * way, the highest number first, until the rest fit; their values then show on a second line
   * under the first column's (and are read with it). A column without one always shows.
   */
  priority?: number;
}

/** Multi-dimensional filter: each dimension lists the values allowed (empty or absent = all). */
export interface AccountFilters {
  region?: string[];
  industry?: string[];
  tier?: string[];
  /** Owner user ids. */
  owner?: string[];
  /** Health bands (`red`, `yellow`, `green`, …; `none` for accounts without a score). */
  band?: string[];
}

export interface AccountSelectDetail {
  /** Selected account ids, in the order they were selected. */
  ids: string[];
  accounts: Account[];
}

export interface AccountOpenDetail {
  id: string;
  account: Account;
}

declare global {
  interface HTMLElementEventMap {
    'kam-account-select': CustomEvent<AccountSelectDetail>;
    'kam-account-open': CustomEvent<AccountOpenDetail>;
  }
}

type Dimension = keyof AccountFilters;
const DIMENSIONS: Dimension[] = ['region', 'industry', 'tier', 'owner', 'band'];
const NO_VALUE = '\u0000none';

/**
 * The default columns: name, region, industry, tier, owner, health. Narrow, industry gives way
 * first, then owner, region and tier; the name and the health always show.
 */
export const defaultAccountColumns: readonly AccountColumn[] = Object.freeze([
  { key: 'name', value: 'name', width: 'minmax(12em, 2fr)' },
  { key: 'region', value: 'region', width: 'minmax(6em, 1fr)', priority: 2 },
  { key: 'industry', value: 'industry', width: 'minmax(7em, 1fr)', priority: 4 },
  { key: 'tier', value: 'tier', width: '5em', priority: 1 },
  { key: 'owner', value: (_a: Account, ctx: ColumnContext) => ctx.ownerName, width: 'minmax(6em, 1fr)', priority: 3 },
  { key: 'health', format: 'health', width: '8.5em' },
]);

/** Money and number columns are right-aligned and sort largest first. */
const isNumeric = (c: AccountColumn) => c.format === 'money' || c.format === 'number';

/** Whether two cache keys hold the same inputs, item by item. */
const sameKeys = (a: unknown[], b: unknown[] | undefined) => a.length === b?.length && a.every((k, i) => k === b[i]);

/** The smallest size of a grid track in px: `minmax(12em, 2fr)` → 12 em, `90px` → 90, `1fr` → 0 (rem counts as em). */
function minTrack(track = 'minmax(6em, 1fr)', em: number): number {
  const m = /^(?:minmax\(\s*)?(\d*\.?\d+)(px|r?em|ch)\b/.exec(track.trim());
  return m ? +m[1] * (m[2] === 'px' ? 1 : m[2] === 'ch' ? em / 2 : em) : 0;
}

/** NFKC folds full-width letters and digits, so "ＡＢＣ" finds "ABC". */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Whether the folded query is in the account's name, domain, tax id or a tag (no array per account: it runs over every account at each keystroke). */
const matchesSearch = (a: Account, q: string): boolean =>
  fold(a.name).includes(q) || (!!a.domain && fold(a.domain).includes(q)) || (!!a.taxId && fold(a.taxId).includes(q)) || !!a.tags?.some((t) => fold(t).includes(q));

/** A cell's value as it sorts: a number, a string, or undefined for empty (sorted last). */
function sortValue(col: AccountColumn, v: unknown): string | number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (col.format === 'health') {
    const s = (v as HealthLike).score;
    return Number.isFinite(s) ? s : undefined;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'object' && 'amount' in v) return (v as Money).amount;
  if (col.format === 'date') {
    const ms = Date.parse(String(v));
    return Number.isNaN(ms) ? undefined : ms;
  }
  return String(v);
}

// Browsers stop growing an element somewhere past 8–30 million px; above this the scroll range
// is compressed and rows are placed relative to the scroll position instead.
const MAX_SCROLL_PX = 8_000_000;
const OVERSCAN = 6;

/**
 * A virtualised list of accounts that stays fast at 100,000 rows: only the rows in view are in
 * the DOM. Sortable columns, search, filters by region × industry × tier × owner × health band
 * (options come from the data), single or multiple selection, and full keyboard use (arrows,
 * Home/End, PageUp/PageDown, Space selects, Enter opens).
 *
 * Inside a `<kam-provider>` it lists the store's accounts and stays live; alone, give it
 * `.accounts` (and optionally `.health` and `.users`).
 *
 * @summary Virtualised, sortable, filterable list of key accounts.
 *
 * @fires kam-account-select - The selection changed. `detail: { ids, accounts }`.
 * @fires kam-account-open - An account was opened (Enter or double-click). `detail: { id, account }`.
 * @fires kam-retry - Retry pressed on the store's error. `detail: { source }`.
 *
 * @csspart toolbar - Search, filters and the count.
 * @csspart search - The search input.
 * @csspart filter - Each filter select.
 * @csspart clear - The clear-filters button.
 * @csspart summary - The "n of m accounts" line.
 * @csspart grid - The scrolling grid.
 * @csspart header - The header row.
 * @csspart row - Each account row.
 * @csspart cell - Each cell.
 * @csspart state - The loading, empty, no-match and error messages.
 * @csspart retry - The Retry button of the error message.
 *
 * @cssprop --kam-account-list-selected-bg - Background of selected rows.
 */
export class KamAccountList extends KamElement {
  static override styles = styles;

  // The reactive properties as one table: a decorator on each is a call apiece in the bundle.
  // Internal state has no attribute (what @state sets; `state: true` here would make the
  // manifest's analyzer list it as attributes).
  static override properties: PropertyDeclarations = {
    accounts: { attribute: false }, health: { attribute: false }, users: { attribute: false },
    columns: { attribute: false }, search: {}, filters: { attribute: false },
    sortKey: { attribute: 'sort-key' }, sortDir: { attribute: 'sort-dir' }, selection: {},
    // Read from HTML, never written back: the selection a user makes is the property and the event
    // (as `<input value>` keeps the value it started with), and a large multi-selection stays out of the DOM.
    selectedIds: { attribute: 'selected-ids', converter: (v) => v?.match(/[^\s,]+/g) ?? [] }, rowHeight: { type: Number, attribute: 'row-height' },
    hideToolbar: { type: Boolean, attribute: 'hide-toolbar' }, scrollPos: { attribute: false },
    viewport: { attribute: false }, width: { attribute: false }, activeIndex: { attribute: false }, dataVersion: { attribute: false },
    keysError: { attribute: false },
  };

  /** For keys.ts (see KeysHost). */
  private readonly emit = emit;

  /** Accounts to list when not inside a provider (or to override the provider's). */
  declare accounts?: readonly Account[];

  /** Health results by account id, for `.accounts` mode (in a provider they are scored from the store). */
  declare health?: ReadonlyMap<string, HealthLike> | Readonly<Record<string, HealthLike>>;

  /** Users, to show owner names in `.accounts` mode. */
  declare users?: readonly User[];

  /** The columns, in order. */
  columns: readonly AccountColumn[] = defaultAccountColumns;

  /** Text search over name, tags, domain and tax id. */
  search = '';

  /** Active filters. */
  filters: AccountFilters = {};

  /** Key of the sorted column (none: the source order). */
  declare sortKey?: string;

  /** Sort direction. */
  sortDir: 'asc' | 'desc' = 'asc';

  /** `single`, `multi` or `none`. */
  selection: 'single' | 'multi' | 'none' = 'single';

  /**
   * Selected account ids. In HTML, `selected-ids` preselects them, space- or comma-separated
   * (`selected-ids="acc-1 acc-7"`); the first one shown is scrolled into view. The attribute is
   * read, not rewritten as the user selects: the current selection is this property (and
   * `kam-account-select`). A single-selection list keeps the first id, `selection="none"` none.
   */
  selectedIds: readonly string[] = [];

  /** Row height in px (rows have a fixed height, which is what makes 100,000 rows cheap). */
  rowHeight = 40;

  /** Hide the search and filter toolbar. */
  hideToolbar = false;

  private scrollPos = 0;
  private viewport = 400;
  /** The grid's inner width and font size, measured (0: not yet). */
  private width = 0;
  #em = 14;
  private activeIndex = 0;
  private dataVersion = 0;
  /** Why the keyboard and selection code could not be fetched (unset: it could, or was not asked for). */
  private declare keysError?: string;

  /** The accounts after search, filters and sort (what the grid shows). */
  private view: Account[] = [];
  #viewKey: unknown[] = [];
  private total = 0;
  private failure?: Error;
  #usersById?: Map<string, User>;
  #usersSource?: unknown;
  #facetCache?: { key: unknown[]; options: Facets };
  #resizeObserver?: ResizeObserver;
  private searchTimer?: ReturnType<typeof setTimeout>;
  #facetTimer?: ReturnType<typeof setTimeout>;

  /** Number of accounts after search and filters. */
  get shownCount(): number {
    return this.view.length;
  }

  /** The accounts after search, filters and sort, in display order. */
  get visibleAccounts(): readonly Account[] {
    return this.view;
  }

  /** Scrolls so the row at `index` (in display order) is in view, and makes it the active row. */
  scrollToIndex(index: number): void {
    if (this.view.length === 0) return;
    this.activeIndex = Math.max(0, Math.min(this.view.length - 1, index));
    this.revealActive();
  }

  /** Scrolls to an account by id; returns false when it is not shown (filtered out or unknown). */
  scrollToAccount(id: string): boolean {
    const i = this.view.findIndex((a) => a.id === id);
    if (i < 0) return false;
    this.scrollToIndex(i);
    return true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = this.#observedGrid = undefined;
    clearTimeout(this.searchTimer);
    clearTimeout(this.#facetTimer);
    this.#facetTimer = undefined;
  }

  // The grid element appears only once there is data (not while the store loads): measure and
  // observe it when it does, and again if it is replaced.
  protected override updated(): void {
    const grid = this.gridEl;
    if (grid && grid !== this.#observedGrid && typeof ResizeObserver !== 'undefined') {
      this.#observedGrid = grid;
      (this.#resizeObserver ??= new ResizeObserver(() => this.measure())).observe(grid);
      this.measure();
      // The first grid shows the (first) selected account, centred; only the first, so a later
      // render never scrolls away from where the user has scrolled.
      if (!this.#revealed) {
        this.#revealed = true;
        const sel = new Set(this.selectedIds);
        const i = sel.size ? this.view.findIndex((a) => sel.has(a.id)) : -1;
        if (i >= 0) { this.activeIndex = i; this.revealActive(true); }
      }
    }
  }

  #revealed = false;

  #observedGrid?: Element;

  private get gridEl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part="grid"]');
  }

  private measure(): void {
    const grid = this.gridEl;
    if (!grid) return;
    const h = Math.max(0, grid.clientHeight - (grid.querySelector<HTMLElement>('.head')?.offsetHeight ?? 0));
    if (h !== this.viewport) this.viewport = h;
    this.width = grid.clientWidth;
    this.#em = parseFloat(getComputedStyle(grid).fontSize) || 14;
  }

  protected override isRelevant(e: ChangeEvent): boolean {
    if (this.accounts) return false;
    // Loads start and end (or fail) with reset events: the store's status changed.
    if (e.type === 'reset') return true;
    if (e.kind === 'pipelines') return false;
    // Health depends on most kinds; without a health column only accounts and users matter.
    const usesHealth = this.columns.some((c) => c.format === 'health') || (this.filters.band?.length ?? 0) > 0;
    return usesHealth || e.kind === 'accounts' || e.kind === 'users';
  }

  protected override storeChanged(e: ChangeEvent): void {
    if (!this.isRelevant(e)) return;
    this.dataVersion++;
  }

  // ——— data ———

  protected override awaitsStore(): boolean {
    return !this.accounts;
  }

  #sourceAccounts(): readonly Account[] | undefined {
    if (this.accounts) return this.accounts;
    if (!this.store || this.store.status !== 'ready') return undefined;
    return this.store.all('accounts');
  }

  #healthRecord?: { from: unknown; map: ReadonlyMap<string, HealthLike> };

  #healthMap(): ReadonlyMap<string, HealthLike> | undefined {
    if (this.health instanceof Map) return this.health;
    if (this.health) {
      if (this.#healthRecord?.from !== this.health) {
        this.#healthRecord = { from: this.health, map: new Map(Object.entries(this.health as Record<string, HealthLike>)) };
      }
      return this.#healthRecord.map;
    }
    if (!this.accounts && this.store?.status === 'ready') return bookHealth(this.store);
    return undefined;
  }

  #healthOf(id: string, map: ReadonlyMap<string, HealthLike> | undefined): HealthLike | undefined {
    const h = map?.get(id);
    if (h || this.health || this.accounts || !this.store) return h;
    // Store mode, book not scored yet: score just this (visible) account.
    const one = accountHealth(this.store, id);
    return one.state === 'ok' ? one.result : undefined;
  }

  /** Health for display: the whole book only when something already needed it (sort, band filter). */
  #displayHealth(): ReadonlyMap<string, HealthLike> | undefined {
    if (this.health || this.accounts) return this.#healthMap();
    return this.store ? peekBookHealth(this.store) : undefined;
  }

  private ownerName(ownerId: string | undefined): string | undefined {
    if (!ownerId) return undefined;
    const src = this.users ?? (this.store?.status === 'ready' ? this.store.all('users') : undefined);
    if (src !== this.#usersSource || (src && !this.#usersById)) {
      this.#usersSource = src;
      this.#usersById = src ? new Map(src.map((u) => [u.id, u])) : undefined;
    }
    return this.#usersById?.get(ownerId)?.name ?? ownerId;
  }

  #columnValue(col: AccountColumn, a: Account, health: ReadonlyMap<string, HealthLike> | undefined, locale = this.resolvedLocale): unknown {
    if (typeof col.value === 'function') {
      return col.value(a, { health: this.#healthOf(a.id, health), ownerName: this.ownerName(a.ownerId), locale });
    }
    if (typeof col.value === 'string') return getPath(a, col.value);
    if (col.format === 'health') return this.#healthOf(a.id, health);
    if (col.key === 'owner') return this.ownerName(a.ownerId);
    return getPath(a, col.key);
  }

  /** Recomputes the filtered, sorted view when its inputs changed. */
  #refreshView(): void {
    const accounts = this.#sourceAccounts();
    const sortCol = this.sortKey ? this.columns.find((c) => c.key === this.sortKey) : undefined;
    // Scoring every account is needed only to filter by band or sort by a health-dependent column.
    const needsBook = (this.filters.band?.length ?? 0) > 0 || sortCol?.format === 'health' || typeof sortCol?.value === 'function';
    const health = needsBook ? this.#healthMap() : this.#displayHealth();
    const key = [accounts, this.dataVersion, this.search, this.filters, this.sortKey, this.sortDir, this.health, this.columns, this.users, this.resolvedLocale];
    if (sameKeys(key, this.#viewKey)) return;
    this.#viewKey = key;
    this.failure = undefined;
    if (!accounts) { this.view = []; this.total = 0; return; }
    try {
      this.total = accounts.length;
      const q = fold(this.search.trim());
      const f = this.filters;
      const allow = (dim: Dimension) => (f[dim]?.length ? new Set(f[dim]) : undefined);
      const region = allow('region'), industry = allow('industry'), tier = allow('tier'), owner = allow('owner'), band = allow('band');
      const unfiltered = !q && !region && !industry && !tier && !owner && !band;
      const out: Account[] = unfiltered ? (accounts as Account[]) : [];
      if (!unfiltered) for (const a of accounts) {
        if (region && !region.has(a.region ?? NO_VALUE)) continue;
        if (industry && !industry.has(a.industry ?? NO_VALUE)) continue;
        if (tier && !tier.has(a.tier ?? NO_VALUE)) continue;
        if (owner && !owner.has(a.ownerId ?? NO_VALUE)) continue;
        if (band && !band.has(toneOf(health?.get(a.id)))) continue;
        if (q && !matchesSearch(a, q)) continue;
        out.push(a);
      }
      if (sortCol) {
        // (`out` may be the source array itself: it is only read here, never sorted in place.)
        const locale = this.resolvedLocale;
        const keys = out.map((a) => sortValue(sortCol, this.#columnValue(sortCol, a, health, locale)));
        const order = out.map((_, i) => i);
        const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
        const dir = this.sortDir === 'desc' ? -1 : 1;
        order.sort((i, j) => {
          const x = keys[i], y = keys[j];
          // Empty values sort last in both directions.
          if (x === undefined || y === undefined) return x === y ? i - j : x === undefined ? 1 : -1;
          const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
          return c !== 0 ? c * dir : i - j;
        });
        this.view = order.map((i) => out[i]);
      } else {
        this.view = out;
      }
    } catch (err) {
      this.view = [];
      this.failure = toError(err);
    }
    if (this.activeIndex >= this.view.length) this.activeIndex = Math.max(0, this.view.length - 1);
  }

  /**
   * Filter options with their counts. Counting 100,000 accounts over five dimensions costs more
   * than drawing the rows, so it runs after the rows are on screen (and again after data
   * changes); until then the last options (or just the current choices) are shown.
   */
  #facets(): Facets {
    const key = this.#facetKey();
    if (sameKeys(key, this.#facetCache?.key)) return this.#facetCache!.options;
    if ((key[0] as Account[]).length <= 2000) return this.#computeFacets(key);
    if (!this.#facetTimer) {
      this.#facetTimer = setTimeout(() => {
        this.#facetTimer = undefined;
        this.#computeFacets(this.#facetKey());
        this.requestUpdate();
      }, 0);
    }
    if (this.#facetCache) return this.#facetCache.options;
    // First render of a big list: the selects are there (no layout shift), holding the current choice.
    const pending = {} as Facets;
    for (const dim of DIMENSIONS) pending[dim] = (this.filters[dim] ?? []).map((value) => ({ value, label: value, count: NaN }));
    this.#facetsPending = true;
    return pending;
  }

  /** The options are still to be counted: every select is drawn already (the band's when there is health), so none appears later. */
  #facetsPending = false;

  /** What the filter options depend on; the accounts come first. The band names are words of the locale's table, which may arrive later. */
  #facetKey(): unknown[] {
    const l = this.resolvedLocale;
    return [this.#sourceAccounts() ?? [], this.dataVersion, this.health, this.users, l, t.ready(l)];
  }

  #computeFacets(key: unknown[]): Facets {
    this.#facetsPending = false;
    const options = countFacets(key[0] as Account[], this.#healthMap(), this.resolvedLocale, (id) => this.ownerName(id), DIMENSIONS);
    this.#facetCache = { key, options };
    return options;
  }

  // ——— keyboard, selection, sorting and filtering (keys.ts, fetched when the user reaches the list) ———

  /**
   * Runs `fn` with the keyboard and selection code: at once when it is here, else once it arrives
   * (in the order the input came; `updateComplete` waits for it). A failed fetch is said in the
   * list and tried again on the next key or click.
   */
  #withKeys(fn: (m: Keys, list: KeysHost) => void): void {
    this.withPart(keysLoader, (e) => { this.keysError = e; }, (m) => fn(m, this as unknown as KeysHost));
  }

  constructor() {
    super();
    // Fetched ahead when focus or the pointer reaches the list (its toolbar, grid or state line).
    this.fetchOnReach(keysLoader);
  }

  #onKeyDown(e: KeyboardEvent): void {
    if (e.target !== e.currentTarget) return; // keys inside header buttons are theirs
    // Until the code is here, the keys it acts on keep the page still (they act once it arrives,
    // if the grid still has focus: not on a list the user has tabbed away from or that left the page).
    const grid = e.currentTarget, early = !keysLoader.loaded;
    if (early && /^(Arrow|Page|Home$|End$| $|Spacebar$|Enter$)/.test(e.key)) e.preventDefault();
    this.#withKeys((m, list) => { if (!early || this.shadowRoot!.activeElement === grid) m.onKey(list, e); });
  }

  /** Scrolls the grid so the active row is fully in view (`center`: in the middle, if it has to move). */
  private revealActive(center?: boolean): void {
    const grid = this.gridEl;
    if (!grid) return;
    const { scale } = this.#geometry();
    const rowTop = this.activeIndex * this.rowHeight;
    // (With no compression the scale is 1, and scaling changes nothing.)
    const virtTop = grid.scrollTop * scale;
    let targetVirt = virtTop;
    if (rowTop < virtTop) targetVirt = rowTop;
    else if (rowTop + this.rowHeight > virtTop + this.viewport) targetVirt = rowTop + this.rowHeight - this.viewport;
    if (center && targetVirt !== virtTop) targetVirt = rowTop - (this.viewport - this.rowHeight) / 2;
    if (targetVirt !== virtTop) {
      grid.scrollTop = targetVirt / scale;
      this.scrollPos = grid.scrollTop;
    }
  }

  /** Scroll geometry: the spacer's height and how much virtual space one scrolled px stands for. */
  #geometry(): { height: number; scale: number } {
    const full = this.view.length * this.rowHeight;
    if (full <= MAX_SCROLL_PX) return { height: full, scale: 1 };
    const vh = this.viewport;
    return { height: MAX_SCROLL_PX, scale: (full - vh) / Math.max(1, MAX_SCROLL_PX - vh) };
  }

  #onScroll(e: Event): void {
    const top = (e.currentTarget as HTMLElement).scrollTop;
    // Rows sit at fixed offsets, so a re-render is needed only when the window moves by a row
    // (or on every scroll when the range is compressed and rows are placed relative to it).
    if (this.#geometry().scale !== 1 || Math.floor(top / this.rowHeight) !== Math.floor(this.scrollPos / this.rowHeight)) {
      this.scrollPos = top;
    }
  }

  // A click selects the row, a double-click opens it. The row is read now: rows are reused for
  // others as the grid scrolls.
  #onRow(e: MouseEvent): void {
    const i = Number((e.target as Element).closest?.('[data-index]')?.getAttribute('data-index'));
    if (Number.isInteger(i)) this.#withKeys((m, list) => (e.type === 'click' ? m.click(list, i, e) : m.open(list, i)));
  }

  // Values are read now: the event's target is gone once it has been dispatched.
  readonly #onSearchInput = (e: Event) => {
    const value = (e.target as HTMLInputElement).value;
    this.#withKeys((m, list) => m.search(list, value));
  };

  private readonly clearFilters = () => this.#withKeys((m, list) => m.clearFilters(list));

  // ——— rendering ———

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // More ids than the selection mode allows (an HTML author's `selected-ids="a b"` on a single
    // list): keep what the mode can show, so rows and the count agree with the mode.
    const most = this.selection === 'multi' ? Infinity : this.selection === 'single' ? 1 : 0;
    if (this.selectedIds.length > most) this.selectedIds = this.selectedIds.slice(0, most);
    this.#refreshView();
  }

  /**
   * Accounts' rendered cells, kept until something they depend on changes (columns, locale,
   * theme, health, users, data): rows that stay in the window are not formatted again on every
   * scroll step, only the rows that come into view. Bounded, so a scroll through 100,000 rows
   * does not keep 100,000 entries.
   */
  #cellCache = new Map<Account, unknown[]>();
  #cellKey: unknown[] = [];

  #cellsOf(a: Account, health: ReadonlyMap<string, HealthLike> | undefined, locale: Locale): unknown[] {
    let cells = this.#cellCache.get(a);
    if (cells) return cells;
    if (this.#cellCache.size >= 4 * this.#poolSize + 64) this.#cellCache.clear();
    cells = this.columns.map((col) => { // each value as its column's format shows it
      const v = this.#columnValue(col, a, health, locale);
      switch (col.format) {
        case 'health': {
          const h = v as HealthLike | undefined;
          return h && Number.isFinite(h.score)
            ? html`<kam-health-badge .result=${h} .locale=${locale} .theme=${this.resolvedTheme}></kam-health-badge>`
            : t(locale, 'none');
        }
        case 'money': return formatMoney(locale, v as Money | undefined);
        case 'date': return formatDate(locale, v as string | undefined);
        case 'number': return typeof v === 'number' ? formatNumber(locale, v) : t(locale, 'none');
        default:
          return v === undefined || v === null || v === '' ? t(locale, 'none') : String(v);
      }
    });
    this.#cellCache.set(a, cells);
    return cells;
  }

  #renderToolbar(): TemplateResult {
    const locale = this.resolvedLocale;
    const facets = this.#facets();
    const active = DIMENSIONS.some((d) => this.filters[d]?.length) || this.search.trim() !== '';
    // A filter is named as its column is (Region, Tier, …); only the band has its own name.
    const dimLabel = (dim: Dimension) => (dim === 'band' ? t(locale, 'dim_band') : builtInLabel(locale, 'col_', dim));
    const shown = formatNumber(locale, this.view.length);
    const total = formatNumber(locale, this.total);
    const summary = this.view.length === this.total ? t(locale, 'countAll', { total }) : t(locale, 'count', { shown, total });
    const selected = this.selectedIds.length ? ` · ${t(locale, 'selected', { count: formatNumber(locale, this.selectedIds.length) })}` : '';
    return html`<div part="toolbar" role="search" aria-label=${t(locale, 'filters')}>
      <label class="field search">${t(locale, 'search')}
        <input part="search" type="search" .value=${this.search} placeholder=${t(locale, 'searchPlaceholder')}
          @input=${this.#onSearchInput} autocomplete="off" spellcheck="false">
      </label>
      ${DIMENSIONS.filter((d) => facets[d].length > 0 || (this.#facetsPending && (d !== 'band' || !!this.health || !this.accounts))).map((dim) => {
        const current = this.filters[dim]?.[0] ?? '';
        return html`<label class="field">${dimLabel(dim)}
          <select part="filter" data-dim=${dim} @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.#withKeys((m, list) => m.setFilter(list, dim, v)); }}>
            <option value="" ?selected=${current === ''}>${t(locale, 'any')}</option>
            ${facets[dim].map((o) => html`<option value=${o.value} ?selected=${o.value === current}>${Number.isNaN(o.count) ? o.label : o.label + t(locale, 'facetCount', { count: formatNumber(locale, o.count) })}</option>`)}
          </select>
        </label>`;
      })}
      ${active ? html`<button part="clear" type="button" @click=${this.clearFilters}>${t(locale, 'clear')}</button>` : nothing}
      <div part="summary" role="status" aria-live="polite">${summary}${selected}</div>
    </div>`;
  }

  /**
   * How many row elements the grid keeps: as many rows as a viewport can show parts of, and the
   * overscan on each side. The count stays the same while scrolling, so the elements are reused.
   */
  get #poolSize(): number {
    return Math.ceil(this.viewport / this.rowHeight) + 1 + 2 * OVERSCAN;
  }

  #renderGrid(): TemplateResult {
    const locale = this.resolvedLocale;
    const all = this.columns, em = this.#em;
    const need = (cs: readonly AccountColumn[]) => cs.reduce((n, c) => n + minTrack(c.width, em), 0);
    // Too narrow for every column: those with a priority give way, the highest number (and of
    // equals the rightmost) first; what they held moves under the first column's text.
    let cols = all;
    const give = all.filter((c) => c.priority !== undefined).reverse().sort((x, y) => y.priority! - x.priority!);
    while (this.width && give.length && need(cols) > this.width) { const c = give.shift(); cols = cols.filter((x) => x !== c); }
    const shownAt = cols.map((c) => all.indexOf(c)), hidden = all.flatMap((c, i) => (cols.includes(c) ? [] : [i]));
    const health = this.#displayHealth();
    const n = this.view.length;
    const rowH = this.rowHeight;
    const { height, scale } = this.#geometry();
    const virtTop = this.scrollPos * scale;
    // Rows are placed in the spacer's own coordinates; under compression, relative to the scroll.
    const offset = virtTop - this.scrollPos;
    // A window of a fixed number of rows (fewer only when the list is shorter): the rows in view
    // and OVERSCAN more on each side (all above at the end). At the very top only the rows down
    // to the overscan below the view, so the first render draws no more than it shows.
    const count = Math.min(n, this.#poolSize);
    const first = Math.max(0, Math.min(n - count, Math.floor(virtTop / rowH) - OVERSCAN));
    const end = first > 0 ? first + count : Math.min(count, Math.ceil((virtTop + this.viewport) / rowH) + OVERSCAN + 1);
    // Row i always goes to slot i % count: a row that stays in the window keeps its element and
    // is not touched, and a fling rewrites only the rows that come into view (not every row
    // shifted by one slot). DOM order is therefore not display order; aria-rowindex carries it.
    // (At the top the rows are slots 0 … end - 1, so the slots never have a hole.)
    const slots: number[] = new Array<number>(end - first);
    for (let i = first; i < end; i++) slots[i % count] = i;
    // The active row stays rendered so aria-activedescendant always points at a real element.
    const activeOutside = n > 0 && (this.activeIndex < first || this.activeIndex >= end);
    // Assistive technology reads rows in display order: aria-owns lists them in that order.
    const order: string[] = [];
    if (activeOutside && this.activeIndex < first) order.push(`row-${this.activeIndex}`);
    for (let i = first; i < end; i++) order.push(`row-${i}`);
    if (activeOutside && this.activeIndex >= end) order.push(`row-${this.activeIndex}`);
    const cellKey = [this.#sourceAccounts(), all, locale, this.resolvedTheme, health, this.health, this.users, this.dataVersion, this.store];
    if (!sameKeys(cellKey, this.#cellKey)) {
      this.#cellKey = cellKey;
      this.#cellCache.clear();
    }
    const selected = this.selectedIds.length ? new Set(this.selectedIds) : undefined;
    const gridCols = cols.map((c) => c.width ?? 'minmax(6em, 1fr)').join(' ');
    const active = n > 0 ? `row-${this.activeIndex}` : undefined;
    const cellClass = all.map((c) => `${c.key === 'name' ? 'name' : ''} ${isNumeric(c) ? 'num' : ''}`);
    const labels = all.map((c) => c.label || builtInLabel(locale, 'col_', c.key));
    const row = (i: number) => {
      const a = this.view[i];
      const cells = this.#cellsOf(a, health, locale);
      // A text cell carries its text as a title too: it may be cut short with an ellipsis.
      const cell = (ci: number, k: number) => html`<div part="cell" role="gridcell" aria-colindex=${k + 1} class=${cellClass[ci]}
          title=${typeof cells[ci] === 'string' ? cells[ci] as string : nothing}>${k || !hidden.length ? cells[ci]
          : html`<span class="main">${cells[ci]}</span><span class="more">${hidden.map((hi) => html`<span><span class="visually-hidden">${labels[hi]}: </span>${cells[hi]}</span>`)}</span>`}</div>`;
      return html`<div class="row ${i === this.activeIndex ? 'active' : ''}" part="row" role="row" id="row-${i}" data-index=${i}
          aria-rowindex=${i + 2} aria-selected=${this.selection === 'none' ? nothing : selected?.has(a.id) ? 'true' : 'false'}
          style="transform:translateY(${i * rowH - offset}px)">
        ${shownAt.map(cell)}
      </div>`;
    };
    return html`<div part="grid" role="grid" tabindex="0"
        aria-label=${t(locale, 'gridLabel')} aria-rowcount=${n + 1} aria-colcount=${cols.length}
        aria-multiselectable=${this.selection === 'multi' ? 'true' : nothing}
        aria-activedescendant=${active ?? nothing}
        style="--cols:${gridCols};--min-w:${need(cols)}px;--row-h:${rowH}px"
        @keydown=${this.#onKeyDown} @scroll=${this.#onScroll} @click=${this.#onRow} @dblclick=${this.#onRow}>
      <div class="head" role="rowgroup">
        ${guard([all, shownAt.join(), this.sortKey, this.sortDir, locale, t.ready(locale)], () => html`<div class="row" part="header" role="row" aria-rowindex="1">
          ${cols.map((c, ci) => {
            const sorted = this.sortKey === c.key;
            const ariaSort = sorted ? (this.sortDir === 'asc' ? 'ascending' : 'descending') : (c.sortable === false ? nothing : 'none');
            const label = labels[all.indexOf(c)];
            return html`<div role="columnheader" aria-colindex=${ci + 1} aria-sort=${ariaSort} class=${isNumeric(c) ? 'num' : ''}>
              ${c.sortable === false
                ? label
                : html`<button type="button" title=${t(locale, 'sortHint', { label })} @click=${() => this.#withKeys((m, list) => m.sortBy(list, c))}>
                    ${label}<span class="arrow" aria-hidden="true">${sorted ? (this.sortDir === 'asc' ? '▲' : '▼') : ''}</span></button>`}
            </div>`;
          })}
        </div>`)}
      </div>
      <div class="body" role="rowgroup" style="height:${height}px" aria-owns=${order.join(' ')}>
        ${slots.map(row)}${activeOutside ? row(this.activeIndex) : nothing}
      </div>
    </div>`;
  }

  protected override render() {
    const locale = this.resolvedLocale;
    const accounts = this.#sourceAccounts();
    // Scrolling re-renders the grid many times a second; the toolbar (five selects, one option
    // per owner) and the header are rebuilt only when something they show changed.
    const toolbar = this.hideToolbar || !accounts || accounts.length === 0 ? nothing
      : guard([this.#facets(), this.#facetsPending, this.filters, this.search, this.view.length, this.total, this.selectedIds.length, locale, t.ready(locale)], () => this.#renderToolbar());
    let body: unknown;
    const failed = !this.failure && !accounts && this.store?.status === 'error';
    if (this.failure || failed) {
      // A store that failed to load has a Retry: it bubbles to the provider, which loads again (or
      // to a host that owns the store).
      body = stateMessage(html`<span class="msg">${t(locale, 'error', { message: (this.failure ?? this.store?.error)?.message ?? '' })}</span>
        ${failed ? html`<button type="button" part="retry" @click=${() => retryKeepingFocus(this, { source: this.localName })}>${t(locale, 'retry')}</button>` : nothing}`, !failed || this);
    } else if (!accounts?.length) {
      // No accounts yet: the store is still loading; none given, or an empty book: nothing to list.
      body = stateMessage(t(locale, !accounts && this.store ? 'loading' : 'empty'));
    } else if (this.view.length === 0) {
      body = stateMessage(html`${t(locale, 'noMatch')}
        <button part="clear" type="button" @click=${this.clearFilters}>${t(locale, 'clear')}</button>`);
    } else {
      body = this.#renderGrid();
    }
    const keysError = this.keysError === undefined ? nothing : stateMessage(t(locale, 'keysFailed', { message: this.keysError }), true);
    return html`${toolbar}${keysError}${body}`;
  }
}
