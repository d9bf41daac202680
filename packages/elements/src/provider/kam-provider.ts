import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ContextProvider } from '@lit/context';
import { Store, type DataSource, type FxTable, type LoadReport, type SyncProgress, type WriteEvent, type WriteState } from '@kamkit/core';
import type { OutboxStorage, SyncEngine } from '@kamkit/core/sync';
import type { HealthOverride } from '@kamkit/core/health';
import { storeContext, settingsContext, type KamStore, type KamSettings } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { toError } from '../shared/errors.js';
import { setHealthOverrides } from '../shared/health.js';
import { formatNumber, resolveLocale, updateWithTables, type Locale } from '../shared/i18n.js';
import { followLang } from '../shared/kam-element.js';
import { styles } from './kam-provider.styles.js';
import { t } from './strings.js';

/** `kam-ready` detail: the store is loaded and elements can read it. */
export interface ProviderReadyDetail {
  store: KamStore;
  /** Counts and rejected records of the load (absent for a store handed in ready-made). */
  report?: LoadReport;
}

/** `kam-error` detail. */
export interface ProviderErrorDetail {
  /** `adapter`: the REST adapter could not be loaded; `load`: the source failed; `store`: a given store is in error. */
  phase: 'adapter' | 'load' | 'store';
  error: Error;
  /** The localised message the status bar shows. */
  message: string;
}

/** `kam-sync-progress` detail: which phase is loading, how many records so far, out of how many when known. */
export type ProviderSyncProgressDetail = SyncProgress;

declare global {
  interface HTMLElementEventMap {
    'kam-ready': CustomEvent<ProviderReadyDetail>;
    'kam-error': CustomEvent<ProviderErrorDetail>;
    'kam-sync-progress': CustomEvent<ProviderSyncProgressDetail>;
  }
}

type Phase = 'idle' | 'connecting' | 'loading' | 'ready' | 'error';
type ErrorPhase = ProviderErrorDetail['phase'];
const onlineEvents = ['online', 'offline'];

/** Sentences run on in the locale's way ("a. b", "a。b"), with exactly one stop between two (a message may bring its own). */
const sentences = (zh: boolean, parts: string[]): string =>
  parts.filter(Boolean).reduce((out, s) => (out ? out + (/[.。!?！？…]$/.test(out) ? '' : zh ? '。' : '.') + (zh ? '' : ' ') + s : s), '');

/** Builds the DataSource for an `endpoint`. Replace it to use another REST client. */
export type RestSourceFactory = (endpoint: string) => Promise<DataSource>;

const loadRestAdapter: RestSourceFactory = async (endpoint) => {
  // Loaded only when an endpoint is used, so pages that pass a `source` never download it.
  const mod = await import('@kamkit/adapters/rest');
  // A relative endpoint ("/kam/v1") is relative to the page, as a link would be.
  const baseUrl = globalThis.document ? new URL(endpoint, globalThis.document.baseURI).href : endpoint;
  return mod.createRestSource({ baseUrl });
};

/**
 * Owns the data for the `kam-*` elements inside it: builds and loads a Store from a `source`
 * (any DataSource), a REST `endpoint`, or takes a ready `store`; provides it and the locale,
 * reporting currency and theme to every descendant through `@lit/context`; and shows the sync
 * status (loading n of total, ready, offline, changes waiting to sync, errors with a retry) in a
 * compact status bar with a live region.
 *
 * @summary Data and settings provider for kam-* elements, with a sync status bar.
 *
 * @slot - The kam-* elements (and any other content) that use this provider's store.
 *
 * @fires kam-ready - The store is loaded. `detail: { store, report? }`.
 * @fires kam-error - Loading failed, or the REST adapter is missing. `detail: { phase, error, message }`.
 * @fires kam-sync-progress - Each step of a load. `detail: { phase, done, total? }`.
 *
 * @csspart status - The status bar.
 * @csspart message - The status text.
 * @csspart progress - The progress bar while loading.
 * @csspart offline - The offline notice.
 * @csspart pending - The count of changes waiting to sync.
 * @csspart rejected - The count of records skipped as invalid.
 * @csspart retry - The retry button after an error.
 *
 * @cssprop --kam-provider-status-gap - Space between the status bar and the content.
 */
export class KamProvider extends LitElement {
  static override styles = styles;

  // The reactive properties as one table: a decorator on each is a call apiece in the bundle.
  // The internal state (phase … active) has no attribute; `state: true` would say the same to Lit,
  // but the manifest's analyzer would then list those as attributes.
  static override properties: PropertyDeclarations = {
    source: { attribute: false }, endpoint: {}, store: { attribute: false }, locale: {}, currency: {},
    theme: { reflect: true }, healthOverrides: { attribute: false }, fx: { attribute: false },
    outboxStorage: { attribute: false }, clock: { attribute: false },
    hideStatus: { type: Boolean, attribute: 'hide-status', reflect: true },
    statusPosition: { attribute: 'status-position', reflect: true },
    phase: { attribute: false }, progress: { attribute: false }, errorMessage: { attribute: false },
    errorPhase: { attribute: false }, online: { attribute: false }, prefersDark: { attribute: false },
    writes: { attribute: false }, active: { attribute: false },
  };

  /** How an `endpoint` becomes a DataSource; defaults to the `rest` adapter of @kamkit/adapters, loaded lazily. */
  static restSourceFactory: RestSourceFactory = loadRestAdapter;

  /** A DataSource to load (any adapter, or an in-memory source). */
  declare source?: DataSource;

  /** Base URL of a KAM Kit REST endpoint (or relay); used when no `source` or `store` is given. */
  declare endpoint?: string;

  /** A ready Store to provide as-is (the provider neither loads nor owns it). */
  declare store?: KamStore;

  /** UI language for every element inside (`en`, `zh-CN`); defaults to the nearest `lang`. */
  declare locale?: string;

  /** ISO 4217 reporting currency for totals, e.g. `CNY`; defaults to the store's. */
  declare currency?: string;

  /** `light`, `dark`, or `auto` (follows the system's prefers-color-scheme). */
  theme: 'light' | 'dark' | 'auto' = 'light';

  /**
   * Health overrides to apply in every element inside (badges, the list, the explainer), e.g.
   * `ledger.overrides()` of the core's OverrideLedger that the host keeps. Expired ones apply no more.
   */
  declare healthOverrides?: readonly HealthOverride[];

  /** FX table used to convert totals into the reporting currency. */
  declare fx?: FxTable;

  /**
   * Where the outbox of writes waiting to sync lives, for a store built from `source` / `endpoint`.
   * Default: memory. Pass the core's `IdbOutboxStorage` so a reload loses nothing.
   */
  declare outboxStorage?: OutboxStorage;

  /** Clock for the store it builds (a fixed one makes analytics deterministic). */
  declare clock?: () => Date;

  /** Hides the status bar (the events still fire). */
  hideStatus = false;

  /** Where the status bar sits: `top` or `bottom`. */
  statusPosition: 'top' | 'bottom' = 'top';

  private phase: Phase = 'idle';
  private declare progress?: SyncProgress;
  /** The error line, worded at each render: a load that fails before the locale's table arrives must not stay in English. */
  private declare errorMessage?: () => string;
  private declare errorPhase?: ErrorPhase;
  private online = globalThis.navigator?.onLine ?? true;
  /** The notices when the skipped records were first announced after a load ('' once they changed: said once). */
  #saidSkipped?: string;
  /** The render pending after write events (see the write listener). */
  #statusTimer?: ReturnType<typeof setTimeout>;
  private prefersDark = false;
  private writes = new Map<string, WriteState>();
  private declare active?: KamStore;

  readonly #storeProvider = new ContextProvider(this, { context: storeContext, initialValue: undefined });
  readonly #settingsProvider = new ContextProvider(this, { context: settingsContext, initialValue: undefined });
  #generation = 0;
  #abort?: AbortController;
  #owned?: Store;
  private engine?: SyncEngine;
  /** The sync engine while its chunk loads (see `own`). */
  #engineReady?: Promise<SyncEngine>;
  #stampsOf?: typeof import('@kamkit/core/sync').stampsOf;
  /** Its chunk could not be fetched: a retry builds the store and engine anew. */
  #engineMissing = false;
  #unlisten: Array<() => void> = [];
  #darkQuery?: MediaQueryList;
  #setupPending = true;

  /** The store elements inside see: the given `store`, or the one built from `source` / `endpoint`. */
  get activeStore(): KamStore | undefined {
    return this.active;
  }

  /** Current status: `idle`, `connecting`, `loading`, `ready` or `error`. */
  get status(): Phase {
    return this.phase;
  }

  /** Writes waiting to be confirmed by the backend. */
  get pendingCount(): number {
    return this.#countWrites('pending', 'sending');
  }

  #countWrites(...states: WriteState[]): number {
    let n = 0;
    for (const s of this.writes.values()) if (states.includes(s)) n++;
    return n;
  }

  /** The language the elements inside render in: `locale`, else the nearest `lang` attribute (`en` or `zh-CN`). */
  get resolvedLocale(): Locale {
    if (this.locale) return resolveLocale(this.locale);
    const langHost = this.closest('[lang]');
    return resolveLocale(langHost?.getAttribute('lang') ?? globalThis.document?.documentElement.lang);
  }

  /** The theme the elements inside render in (`auto` resolved through `prefers-color-scheme`). */
  get resolvedTheme(): 'light' | 'dark' {
    if (this.theme === 'dark') return 'dark';
    if (this.theme === 'auto') return (this.#darkQuery?.matches ?? this.prefersDark) ? 'dark' : 'light';
    return 'light';
  }

  /** Loads again after an error (or refreshes a loaded store). */
  retry(): void {
    if (this.errorPhase === 'adapter' || !this.#owned || this.#engineMissing) { this.#setup(); return; }
    void this.load(this.#owned, this.#generation);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    followLang(this, true);
    for (const type of onlineEvents) globalThis.addEventListener?.(type, this.#onOnline);
    this.#darkQuery = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    this.prefersDark = !!this.#darkQuery?.matches;
    this.#darkQuery?.addEventListener('change', this.#onScheme);
    this.addEventListener('kam-retry', this.#onChildRetry);
    // Back on the page with its store: listen to it again (no second kam-ready), send again.
    if (this.#relisten && this.active) {
      const given = this.active === this.store;
      this.listen(this.active, this.#generation, !given);
      if (!given) this.#startEngine(this.#generation);
    }
    this.#relisten = false;
    if (!this.active && !this.#setupPending) this.#setupPending = true;
    if (this.#setupPending) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    followLang(this, false);
    for (const type of onlineEvents) globalThis.removeEventListener?.(type, this.#onOnline);
    this.#darkQuery?.removeEventListener('change', this.#onScheme);
    this.removeEventListener('kam-retry', this.#onChildRetry);
    // A load in flight for a provider that left the page is wasted work.
    if (this.phase === 'loading' || this.phase === 'connecting') {
      this.#abort?.abort();
      this.#generation++;
      this.#detach();
      this.active = undefined;
      this.#setupPending = true;
    } else if (this.active) {
      // A store the host handed in outlives this provider, and a sync engine listens on window:
      // either would keep the removed provider, its store and everything inside it alive.
      // connectedCallback listens (and sends) again.
      this.#detach();
      this.engine?.stop();
      this.#relisten = true;
    }
  }

  /** Set while disconnected from a loaded store whose listeners (and engine) were dropped. */
  #relisten = false;

  readonly #onOnline = (e: Event) => { this.online = e.type === 'online'; };
  readonly #onScheme = (e: MediaQueryListEvent) => { this.prefersDark = e.matches; };
  // A Retry pressed in a child's error state retries the provider's own failed load; the event
  // still bubbles on, so a host that handed in its own `store` can retry that itself.
  readonly #onChildRetry = () => { if (this.phase === 'error') this.retry(); };
  // Pressing Retry removes the button while the load runs: the focus moves to the status bar (whose
  // live region says what happens), not to the page's <body>.
  private readonly onRetry = () => {
    this.retry();
    void this.updateComplete.then(() => this.shadowRoot!.querySelector<HTMLElement>('[part~=status]')!.focus());
  };

  // Not a KamElement: its status line shows English until the zh-CN table arrives, then renders again.
  protected override performUpdate(): void {
    updateWithTables(() => super.performUpdate(), (loads) => void loads.then(() => this.requestUpdate()));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#setupPending || changed.has('source') || changed.has('endpoint') || changed.has('store')) {
      this.#setupPending = false;
      this.#setup();
    }
    if (changed.has('fx') && this.#owned) this.#owned.fx = this.fx;
    const theme = this.resolvedTheme;
    if (this.getAttribute('kam-theme') !== theme) this.setAttribute('kam-theme', theme);
    if (this.active) setHealthOverrides(this.active, this.healthOverrides);
    const settings: KamSettings = {
      locale: this.resolvedLocale,
      currency: this.currency ?? this.active?.reportingCurrency ?? 'CNY',
      theme,
      healthOverrides: this.healthOverrides,
      announces: !this.hideStatus,
    };
    // A new object only when a setting changed: each new one re-renders every element inside.
    const prev = this.#settingsProvider.value;
    if (!prev || (Object.keys(settings) as Array<keyof KamSettings>).some((k) => prev[k] !== settings[k])) {
      this.#settingsProvider.setValue(settings);
    }
  }

  #detach(): void {
    for (const off of this.#unlisten) off();
    this.#unlisten = [];
  }

  #setup(): void {
    const gen = ++this.#generation;
    this.#abort?.abort();
    this.#detach();
    this.engine?.stop();
    this.engine = undefined;
    this.#engineReady = undefined;
    this.#engineMissing = false;
    this.#owned = undefined;
    this.errorMessage = undefined;
    this.errorPhase = undefined;
    this.progress = undefined;
    this.writes = new Map();
    if (this.store) {
      this.use(this.store, gen);
      this.#followGivenStore(this.store);
      return;
    }
    if (this.source) {
      this.own(this.source, gen);
      return;
    }
    if (this.endpoint) {
      this.phase = 'connecting';
      this.use(undefined, gen);
      const endpoint = this.endpoint;
      KamProvider.restSourceFactory(endpoint).then(
        (source) => { if (gen === this.#generation) this.own(source, gen); },
        (err: unknown) => {
          if (gen !== this.#generation) return;
          const error = toError(err);
          // (the message's own stop dropped: the sentence's follows it)
          this.fail('adapter', error, () => t(this.resolvedLocale, 'noAdapter', { endpoint, message: error.message.replace(/[.。]$/, '') }));
        },
      );
      return;
    }
    this.phase = 'idle';
    this.use(undefined, gen);
  }

  /** Provides a store and listens to its progress, writes and changes. */
  private use(store: KamStore | undefined, gen: number): void {
    this.active = store;
    this.#storeProvider.setValue(store, true);
    if (!store) return;
    this.listen(store, gen, true);
  }

  private listen(store: KamStore, gen: number, fresh: boolean): void {
    if (!fresh) this.#followGivenStore(store, false);
    this.#unlisten.push(
      store.onProgress((p) => {
        if (gen !== this.#generation) return;
        this.progress = p;
        emit(this, 'kam-sync-progress', p);
      }),
      store.onWrite((e) => { if (gen === this.#generation) this.#trackWrite(e); }),
    );
  }

  private own(source: DataSource, gen: number): void {
    const store = new Store({ source, reportingCurrency: this.currency, fx: this.fx, now: this.clock });
    // Writes made through the store (stage moves, edits) go to the backend through the outbox of
    // the sync engine. It is its own chunk, fetched while the store loads (it starts only once the
    // load is done), so a page that hands in a ready `store` never downloads it; a write made
    // before it arrives waits for it, so none goes astray.
    const ready = import('@kamkit/core/sync').then(({ SyncEngine, stampsOf }) => {
      this.#stampsOf = stampsOf;
      const engine = new SyncEngine({ store, source, storage: this.outboxStorage });
      store.writes = engine;
      if (this.#engineReady === ready) this.engine = engine;
      return engine;
    });
    ready.catch(() => undefined); // reported by startEngine (and to each write), never unhandled
    this.#engineReady = ready;
    store.writes = { enqueue: async (op, before) => (await ready).enqueue(op, before) };
    this.#owned = store;
    this.use(store, gen);
    void this.load(store, gen);
  }

  private async load(store: Store, gen: number): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.phase = 'loading';
    this.errorMessage = undefined;
    this.errorPhase = undefined;
    this.progress = { phase: 'metadata', done: 0 };
    try {
      const report = await store.load({ signal: abort.signal });
      if (gen !== this.#generation || abort.signal.aborted) return;
      this.phase = 'ready';
      this.#saidSkipped = undefined;
      // Replays writes a previous page left in a persistent outbox, then sends new ones; a later
      // syncChanges reads what changed since this load, not every record again.
      this.#startEngine(gen, store);
      emit(this, 'kam-ready', { store, report });
    } catch (err) {
      if (gen !== this.#generation || abort.signal.aborted) return;
      this.#failLoad(err);
    }
  }

  /** Starts the engine; after a load of `store`, its syncs resume from what was loaded (stampsOf). */
  #startEngine(gen: number, store?: Store): void {
    // Not once the provider has left the page (or set up anew) while the engine's chunk loaded.
    this.#engineReady?.then(
      (engine) => (gen === this.#generation && this.isConnected ? (store && Object.assign(engine.stamps, this.#stampsOf!(store.snapshot())), engine.start()) : undefined),
      (err: unknown) => { if (gen === this.#generation) this.#engineMissing = true; throw err; },
    ).catch((err: unknown) => { if (gen === this.#generation) this.#failLoad(err); });
  }

  /** A store handed in: mirror its status, announce when it becomes ready or fails. */
  #followGivenStore(store: KamStore, announce = true): void {
    const gen = this.#generation;
    const sync = (initial: boolean) => {
      if (gen !== this.#generation) return;
      const before = this.phase;
      const s = store.status;
      this.phase = s === 'ready' || s === 'error' || s === 'loading' ? s : 'idle';
      if (this.phase === before && !initial) return;
      if (this.phase === 'ready') { this.#saidSkipped = undefined; emit(this, 'kam-ready', { store }); }
      if (this.phase === 'error') this.#failLoad(store.error ?? new Error('the store failed to load'), 'store');
    };
    this.#unlisten.push(store.subscribe(() => sync(false)));
    // Let listeners attach before the first kam-ready; after a reconnect, only catch up.
    queueMicrotask(() => sync(announce));
  }

  #failLoad(err: unknown, phase: ErrorPhase = 'load'): void {
    const error = toError(err);
    this.fail(phase, error, () => t(this.resolvedLocale, 'error', { message: error.message }));
  }

  private fail(phase: ErrorPhase, error: Error, message: () => string): void {
    this.phase = 'error';
    this.errorPhase = phase;
    this.errorMessage = message;
    emit(this, 'kam-error', { phase, error, message: message() });
  }

  #trackWrite(e: WriteEvent): void {
    const next = new Map(this.writes);
    const { idempotencyKey, state: s } = e.entry;
    if (s === 'confirmed' || s === 'rolled_back') next.delete(idempotencyKey);
    else next.set(idempotencyKey, s);
    this.writes = next;
    // The engine's status changes after its write events (to offline after a failed probe, back
    // after a write landed), once its send loop has moved on: render again then, in a task of its own
    // (one for a burst of events: a drain of thousands of writes asks for one such render at a time).
    this.#statusTimer ??= setTimeout(() => { this.#statusTimer = undefined; this.requestUpdate(); });
  }

  /** The status line, and the shorter message the live region announces where it says less. */
  private statusText(): [visible: string, announce?: string] {
    const locale = this.resolvedLocale;
    const p = this.progress;
    switch (this.phase) {
      case 'idle': return [t(locale, 'idle'), ''];
      case 'connecting': return [t(locale, 'connecting')];
      case 'error': return [this.errorMessage?.() ?? ''];
      case 'loading': {
        const phase = t(locale, `phase_${p?.phase ?? 'metadata'}` as 'phase_accounts');
        const announce = t(locale, 'loadingPhase', { phase });
        if (!p || p.phase === 'metadata' || p.phase === 'done') return [announce];
        const done = formatNumber(locale, p.done);
        return [t(locale, p.total !== undefined ? 'loadingCount' : 'loadingCountOpen', { phase, done, total: formatNumber(locale, p.total) }), announce];
      }
      case 'ready': {
        let accounts: number | undefined;
        try { accounts = this.active?.all('accounts').length; } catch { accounts = undefined; }
        return [t(locale, accounts !== undefined ? 'readyCounts' : 'ready', { accounts: formatNumber(locale, accounts) })];
      }
    }
  }

  protected override render() {
    const locale = this.resolvedLocale;
    const [visible, announce = visible] = this.statusText();
    const p = this.progress;
    const pending = this.pendingCount;
    const attention = this.#countWrites('conflict', 'failed');
    const rejected = this.phase === 'ready' ? (this.active?.rejected.length ?? 0) : 0;
    // Offline: the browser says so, or the sync engine does (its backend stopped answering: lie-fi).
    const offline = !this.online || ((this.active as Store | undefined)?.writes as Partial<SyncEngine> | undefined)?.status === 'offline';
    // The notices beside the line, each also announced: offline, writes waiting, writes needing attention.
    // A count and English's plural ending ({s}; Chinese has none).
    const count = (n: number) => ({ count: formatNumber(locale, n), s: n === 1 ? '' : 's' });
    const notices = ([
      offline && ['offline', t(locale, 'offline')],
      pending && ['pending', t(locale, 'pending', count(pending))],
      attention && ['pending attention', t(locale, 'conflicts', count(attention))],
    ] as const).filter((n) => !!n);
    // The records skipped are announced once per load: with the first line after it, not again
    // when a notice changes (they stay shown).
    const skipped = rejected ? t(locale, 'rejected', count(rejected)) : '';
    const key = `${offline}${pending}${attention}`;
    this.#saidSkipped = (skipped && this.#saidSkipped === undefined) || this.#saidSkipped === key ? key : '';
    // The status bar is a named region (a landmark): above a page's <main> it is otherwise in none.
    return html`<div class="layout">
      <div part="status" class="${this.phase}${offline ? ' offline' : ''}" role="region" aria-label=${t(locale, 'statusLabel')} tabindex="-1">
        <span class="dot" aria-hidden="true"></span>
        <span part="message">${visible}</span>
        ${this.phase === 'loading'
          // indeterminate (no value) until the total is known
          ? html`<progress part="progress" max=${p?.total || nothing} value=${p?.total && p.phase !== 'metadata' ? Math.min(p.done, p.total) : nothing} aria-label=${visible}></progress>`
          : nothing}
        ${notices.map(([part, text]) => html`<span part=${part}>${text}</span>`)}
        ${skipped ? html`<span part="rejected">${skipped}</span>` : nothing}
        ${this.phase === 'error' && this.errorPhase !== 'store'
          ? html`<button part="retry" type="button" @click=${this.onRetry}>${t(locale, 'retry')}</button>`
          : nothing}
        <span class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${sentences(locale === 'zh-CN', [announce, ...notices.map((n) => n[1]), this.#saidSkipped && skipped])}</span>
      </div>
      <div class="content"><slot></slot></div>
    </div>`;
  }
}
