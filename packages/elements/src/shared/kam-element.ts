// The base every kam-* element extends: finds the Store and settings through context (or takes
// plain properties when used alone), resolves locale and theme, and re-renders on store changes.
import { LitElement, type PropertyDeclaration, type PropertyDeclarations } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ChangeEvent } from '@kamkit/core';
import { storeContext, settingsContext, type KamStore, type KamSettings } from './context.js';
import { resolveLocale, updateWithTables, type Locale } from './i18n.js';
import { fetchPart, type LazyPart } from './lazy-part.js';
import { errorMessage } from './errors.js';
import { stateMessage } from './state-message.js';
import { unprovided } from './unprovided.js';

// Elements on the page, rendered again when a `lang` attribute changes: one that follows the
// page's language (no `locale` of its own) must switch when a language switcher sets <html lang>
// after load. One observer for the page: connecting an element (a list row's badge, while
// scrolling) only joins a set.
const langReaders = new Set<{ requestUpdate(): void }>();
let langWatch: MutationObserver | undefined;

/** Starts (connected) or stops (disconnected) following `lang` changes for `el`. */
export function followLang(el: { requestUpdate(): void }, on: boolean): void {
  if (!on) return void langReaders.delete(el);
  langReaders.add(el);
  if (!langWatch) (langWatch = new MutationObserver(() => langReaders.forEach((e) => e.requestUpdate()))).observe(document, { attributeFilter: ['lang'], subtree: true });
}

/**
 * An element's reactive-property table typed against its class, so a misspelt key is a type error
 * (a type only: nothing at run time). Public properties are checked by name against `C`; `keyof`
 * does not see private members, so the internal state is named in `I`, and each name in `I` must
 * then be in the table. E.g. `static override properties: PropertyTable<KamTimeline, 'visible'> = { … }`.
 */
export type PropertyTable<C, I extends string = never> = { [K in keyof C]?: PropertyDeclaration } & { [K in I]: PropertyDeclaration };

export class KamElement extends LitElement {
  // The reactive properties as one table (a decorator on each is a call apiece in the bundle).
  // `settings` is internal: no attribute.
  static override properties: PropertyDeclarations = { store: { attribute: false }, settings: { attribute: false }, locale: {}, theme: {} };

  /** The Store from the nearest `<kam-provider>`; may also be set directly. */
  declare store?: KamStore;

  declare protected settings?: KamSettings;

  /** The store the provider above gave (`store` may since have been set to another). */
  private declare provided?: KamStore;

  constructor() {
    super();
    // The nearest provider's Store and settings, kept current: what @consume does, without the
    // decorator helper in the bundle (no element uses a decorator any more).
    new ContextConsumer(this, { context: storeContext, subscribe: true, callback: (store) => { this.store = this.provided = store; } });
    new ContextConsumer(this, { context: settingsContext, subscribe: true, callback: (settings) => { this.settings = settings; } });
    // In store mode with no store and no provider above, the wiring hint in place of the content
    // (which would say "loading" or "nothing here" for ever): here once, not in each element.
    const content = this.render;
    this.render = () => {
      const hint = this.awaitsStore() && unprovided(this, this.resolvedLocale);
      return hint ? stateMessage(hint) : content.call(this);
    };
  }

  /**
   * Whether the element, as set up, shows data from a store (store mode): not when it was given its
   * data as plain properties (or a `loading` / `error` state). Only then does it say how to wire
   * it when no store will come. Elements that read a store override it.
   */
  protected awaitsStore(): boolean {
    return false;
  }

  /**
   * Whether the provider above announces the failed load of this element's store (its status bar
   * is shown): the element's own box for that failure is then no live region (see `liveRole`).
   * @internal read by the shared state boxes, not an API for pages
   */
  get failureAnnounced(): boolean {
    return !!this.settings?.announces && this.store === this.provided;
  }

  /** UI language (`en`, `zh-CN`); defaults to the provider's, then the nearest `lang` attribute. */
  declare locale?: string;

  /** `light` or `dark`; defaults to the provider's theme. */
  declare theme?: 'light' | 'dark';

  private unsubscribe?: () => void;
  private subscribedTo?: KamStore;
  /** What the next complete render still waits for: string tables, chunks of rarely used parts. */
  private readonly pendingLoads = new Set<Promise<void>>();

  /** The language the element renders in: `locale`, else the provider's, else the nearest `lang` attribute (`en` or `zh-CN`). */
  get resolvedLocale(): Locale {
    if (this.locale) return resolveLocale(this.locale);
    if (this.settings?.locale) return this.settings.locale;
    const langHost = this.closest('[lang]');
    return resolveLocale(langHost?.getAttribute('lang') ?? globalThis.document?.documentElement.lang);
  }

  /** The theme the element renders in: `theme`, else the provider's, else `light`. */
  get resolvedTheme(): 'light' | 'dark' {
    return this.theme ?? this.settings?.theme ?? 'light';
  }

  /** Reporting currency: the provider's, else the store's, else CNY. */
  get reportingCurrency(): string {
    return this.settings?.currency ?? this.store?.reportingCurrency ?? 'CNY';
  }

  /** The clock analytics use: the store's (deterministic in tests), else the real one. */
  now(): Date {
    return this.store?.now() ?? new Date();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resubscribe();
    followLang(this, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    followLang(this, false);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribedTo = undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('store')) this.resubscribe();
    const theme = this.resolvedTheme;
    if (this.getAttribute('kam-theme') !== theme) this.setAttribute('kam-theme', theme);
  }

  // An update that needed a string table still on its way (zh-CN is loaded on first use) showed
  // English; once the table arrives the element renders again.
  protected override performUpdate(): void {
    updateWithTables(() => super.performUpdate(), (loads) => this.renderAfter(loads));
  }

  /**
   * Renders again once `load` settles, and makes `updateComplete` wait for that render: the one
   * way an element says "a part of me is on its way" (a string table, a lazily loaded chunk).
   * A rejected load is not reported here; whoever started it says what failed.
   */
  protected renderAfter(load: Promise<unknown>): void {
    const settled = load.then(() => this.requestUpdate(), () => this.requestUpdate());
    this.pendingLoads.add(settled);
    void settled.then(() => this.pendingLoads.delete(settled));
  }

  /**
   * Runs `fn` with a part fetched on first use (shared/lazy-part.ts): at once when it is here, else
   * once it arrives, in the order asked (`updateComplete` waits for it). `failed` hears why a fetch
   * failed (the next call tries again), and nothing (undefined) once the part is here.
   */
  protected withPart<M>(part: LazyPart<M>, failed: (message?: string) => void, fn: (m: M) => void): void {
    if (part.loaded) return fn(part.loaded);
    const p = fetchPart(part);
    this.renderAfter(p);
    p.then((m) => { failed(); fn(m); }, (err: unknown) => failed(errorMessage(err)));
  }

  /**
   * Fetches `part` ahead once focus or the pointer reaches the element, so it is usually here by
   * the first key or click. A failed fetch is quiet: `withPart` tries again and says why.
   */
  protected fetchOnReach(part: LazyPart<unknown>): void {
    const ahead = () => void fetchPart(part).catch(() => undefined);
    this.addEventListener('focusin', ahead);
    this.addEventListener('pointerdown', ahead);
  }

  /** Resolves once the element has rendered with every part it was waiting for (string tables, chunks). */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.pendingLoads.size) {
      await Promise.all(this.pendingLoads);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** Called for every store change; re-renders when `isRelevant` says the change matters. */
  protected storeChanged(e: ChangeEvent): void {
    if (this.isRelevant(e)) this.requestUpdate();
  }

  /** Override to ignore changes that cannot affect this element. */
  protected isRelevant(_e: ChangeEvent): boolean {
    return true;
  }

  private resubscribe(): void {
    if (this.subscribedTo === this.store && this.unsubscribe) return;
    this.unsubscribe?.();
    this.subscribedTo = this.store;
    this.unsubscribe = this.store?.subscribe((e) => this.storeChanged(e));
  }
}
