import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Activity, ActivityType, ChangeEvent, Contact, Order, Ticket } from '@kamkit/core';
import { KamElement, type PropertyTable } from '../shared/kam-element.js';
import { emit } from '../shared/events.js';
import { formatDate, formatMoney, formatNumber, formatRelative, type Locale } from '../shared/i18n.js';
import { accountState, renderGuarded, touchesAccounts } from '../account-360/states.js';
import { statusWord } from '../shared/status-words.js';
import { t, type TimelineKey } from './strings.js';
import { styles } from './kam-timeline.styles.js';
import { stateMessage } from '../shared/state-message.js';

/** A channel: an activity type, or `ticket` / `order` when those are shown as events. */
export type TimelineChannel = ActivityType | 'ticket' | 'order';

/** One touch point on the timeline. */
export interface TimelineEntry {
  kind: 'activity' | 'ticket' | 'order';
  id: string;
  channel: TimelineChannel;
  /** ISO time the touch point happened. */
  at: string;
  record: Activity | Ticket | Order;
}

/** Detail of `kam-activity-open`. */
export interface ActivityOpenDetail {
  kind: TimelineEntry['kind'];
  id: string;
  /** The activity, ticket or order as stored. */
  record: Activity | Ticket | Order;
}

/** Detail of `kam-timeline-load-more`: the host appends the next page to `.activities`. */
export interface TimelineLoadMoreDetail {
  /** How many activities the element holds now (the offset of the next page). */
  offset: number;
  pageSize: number;
}

declare global {
  interface HTMLElementEventMap {
    'kam-activity-open': CustomEvent<ActivityOpenDetail>;
    'kam-timeline-load-more': CustomEvent<TimelineLoadMoreDetail>;
  }
}

/** A letter per channel so channels are told apart without colour; in the order the chips stand in. */
export const channelGlyph: Record<TimelineChannel, string> = {
  visit: 'V', call: 'C', meeting: 'M', email: 'E', exhibition: 'X', web_enquiry: 'W', note: 'N', task: 'T', other: '·', ticket: '!', order: '¥',
};
const channelOrder = Object.keys(channelGlyph) as TimelineChannel[];

function time(iso: string): number {
  const n = Date.parse(iso);
  return Number.isNaN(n) ? -Infinity : n;
}

/**
 * @summary Every touch point with an account across channels, newest first, grouped by day,
 * filterable by channel and contact, loading more as the user scrolls.
 *
 * @fires kam-activity-open - when an entry is activated (click, Enter, Space); detail `{ kind, id, record }`.
 * @fires kam-timeline-load-more - in property mode, when the user reaches the end of `.activities`; detail `{ offset, pageSize }`.
 * @fires kam-retry - when the user presses Retry on a store error; detail `{ source, accountId }`.
 *
 * @csspart toolbar - the channel chips
 * @csspart chip - one channel chip
 * @csspart contact-filter - the contact select
 * @csspart list - the day-grouped list
 * @csspart day - one day heading
 * @csspart entry - one touch point
 * @csspart more - the "Show more" button
 * @csspart state - loading, empty and error boxes
 *
 * @cssprop --kam-color-accent - chip and focus colour
 * @cssprop --kam-color-surface - background
 * @cssprop --kam-color-text-muted - dates and metadata
 */
export class KamTimeline extends KamElement {
  static override styles = styles;
  /**
   * The reactive properties and their attributes (each documented at its field below), internal
   * state too (no attribute): one object costs fewer bytes than a decorator call apiece. Typed
   * against the class, so a misspelt name is a type error.
   */
  static override properties: PropertyTable<KamTimeline, 'channels' | 'contactId' | 'visible' | 'focusedChip'> = {
    accountId: { attribute: 'account-id' }, activities: { attribute: false }, tickets: { attribute: false }, orders: { attribute: false },
    contacts: { attribute: false }, includeTickets: { type: Boolean, attribute: 'include-tickets' },
    includeOrders: { type: Boolean, attribute: 'include-orders' }, pageSize: { type: Number, attribute: 'page-size' },
    complete: { type: Boolean }, timeZone: { attribute: 'time-zone' }, loading: { type: Boolean },
    channels: { attribute: false }, contactId: { attribute: false }, visible: { attribute: false }, focusedChip: { attribute: false },
  };

  /** Account whose touch points to show, read from the provider's store. */
  accountId?: string;

  /** Activities to show when used without a store (property mode). */
  activities?: Activity[];

  /** Tickets to show as events (property mode); in store mode set `include-tickets`. */
  tickets?: Ticket[];

  /** Orders to show as events (property mode); in store mode set `include-orders`. */
  orders?: Order[];

  /** Contacts, for names and the contact filter (property mode; the store supplies them otherwise). */
  contacts?: Contact[];

  /** In store mode, also show the account's tickets as events. */
  includeTickets = false;

  /** In store mode, also show the account's orders as events. */
  includeOrders = false;

  /** How many entries each step of scrolling reveals. */
  pageSize = 20;

  /** Property mode: set when the host has no further pages, so `kam-timeline-load-more` stops. */
  complete = false;

  /** IANA time zone for times of day and day grouping (default: the browser's), e.g. `Asia/Shanghai`. */
  timeZone?: string;

  /** Property mode: shows the loading state (e.g. while the host fetches the first page). */
  loading = false;

  /** Selected channels; empty means every channel. */
  private channels = new Set<TimelineChannel>();
  /** Selected contact id; '' means every contact. */
  private contactId = '';
  private visible = 0;
  private focusedChip = 0;

  private observer?: IntersectionObserver;
  private requestedAt = -1;
  private cache?: { key: unknown[]; entries: TimelineEntry[] };

  private get storeMode(): boolean {
    return this.activities === undefined && !!this.store;
  }

  protected override awaitsStore(): boolean {
    return this.activities === undefined && !this.loading;
  }

  protected override isRelevant(e: ChangeEvent): boolean {
    const kindMatters = e.kind === 'activities' || e.kind === 'contacts' || e.kind === 'accounts' || e.type === 'reset'
      || (this.includeTickets && e.kind === 'tickets') || (this.includeOrders && e.kind === 'orders');
    return kindMatters && this.storeMode && (!this.accountId || touchesAccounts(this.store, e, new Set([this.accountId])));
  }

  protected override storeChanged(e: ChangeEvent): void {
    if (this.isRelevant(e)) { this.cache = undefined; this.requestUpdate(); }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('accountId') || changed.has('store')) { this.cache = undefined; this.visible = 0; }
    if (this.visible === 0 || changed.has('pageSize')) this.visible = Math.max(this.visible, this.pageSize);
  }

  /** All entries, newest first (before filters). */
  get entries(): TimelineEntry[] {
    // Store mode reads the account's records (tickets and orders only when asked for); property mode its own.
    const store = this.storeMode ? this.store! : undefined;
    const id = this.accountId;
    const activities = store ? (id ? store.byAccount('activities', id) : []) : this.activities ?? [];
    const tickets = store ? (this.includeTickets && id ? store.byAccount('tickets', id) : []) : this.tickets ?? [];
    const orders = store ? (this.includeOrders && id ? store.byAccount('orders', id) : []) : this.orders ?? [];
    const key = [activities, tickets, orders, activities.length];
    if (this.cache && this.cache.key.every((k, i) => k === key[i])) return this.cache.entries;
    const entries: TimelineEntry[] = [];
    const add = (kind: TimelineEntry['kind'], channel: TimelineChannel, at: string, record: TimelineEntry['record']) => entries.push({ kind, id: record.id, channel, at, record });
    for (const a of activities) add('activity', a.type, a.occurredAt, a);
    for (const tk of tickets) add('ticket', 'ticket', tk.openedAt, tk);
    for (const o of orders) add('order', 'order', o.orderedAt, o);
    entries.sort((a, b) => time(b.at) - time(a.at) || (a.id < b.id ? -1 : 1));
    this.cache = { key, entries };
    return entries;
  }

  #filtered(entries: TimelineEntry[]): TimelineEntry[] {
    if (!this.channels.size && !this.contactId) return entries;
    return entries.filter((e) => (!this.channels.size || this.channels.has(e.channel))
      && (!this.contactId || (e.record as { contactId?: string }).contactId === this.contactId));
  }

  protected override render(): TemplateResult | typeof nothing {
    const locale = this.resolvedLocale;
    const s = accountState(this, locale, this.loading, t(locale, 'loading'), this.storeMode ? this.store : undefined, this.accountId);
    if (s) return s;
    return renderGuarded(this, locale, () => this.#renderTimeline(locale)) ?? nothing;
  }

  #renderTimeline(locale: Locale): TemplateResult {
    const all = this.entries;
    if (!all.length) return stateMessage(t(locale, 'empty'));
    const contacts = new Map((this.storeMode && this.accountId ? this.store!.byAccount('contacts', this.accountId) : this.contacts ?? []).map((c) => [c.id, c]));
    const rows = this.#filtered(all);
    const shown = rows.slice(0, this.visible);
    const counts = new Map<TimelineChannel, number>();
    const involved = new Set<string>();
    for (const e of all) {
      counts.set(e.channel, (counts.get(e.channel) ?? 0) + 1);
      const c = (e.record as { contactId?: string }).contactId;
      if (c) involved.add(c);
    }
    const chips = channelOrder.filter((c) => counts.has(c));
    const contactOptions = [...involved].map((id) => ({ id, name: contacts.get(id)?.name ?? id })).sort((a, b) => a.name.localeCompare(b.name, locale));
    // Each day is headed by how long ago it was ("today", "2 months ago"), against today in the element's time zone.
    const today = new Date(Date.parse(this.#dayKey(this.now().toISOString())));
    const days: Array<{ key: string; items: TimelineEntry[] }> = [];
    for (const e of shown) {
      const key = this.#dayKey(e.at);
      const last = days[days.length - 1];
      if (last && last.key === key) last.items.push(e); else days.push({ key, items: [e] });
    }
    const more = rows.length > shown.length;
    const wantsHost = !this.storeMode && !this.complete && !more;
    return html`
      <div class="filters">
        <div class="chips" role="toolbar" part="toolbar" aria-label=${t(locale, 'channels')} @keydown=${this.#chipKey}>
          ${chips.map((c, i) => html`<button type="button" part="chip" class="chip" data-channel=${c}
              aria-pressed=${this.channels.has(c) ? 'true' : 'false'} tabindex=${i === Math.min(this.focusedChip, chips.length - 1) ? 0 : -1}
              @click=${() => this.#toggleChannel(c, i)}>
              <span class="glyph ch-${c}" aria-hidden="true">${channelGlyph[c]}</span>${t(locale, c as TimelineKey)}
              <span class="count">${formatNumber(locale, counts.get(c))}</span></button>`)}
        </div>
        ${contactOptions.length ? html`<label class="contact" part="contact-filter">${t(locale, 'contact')}
          <select @change=${(e: Event) => { this.contactId = (e.target as HTMLSelectElement).value; this.visible = this.pageSize; }}>
            <option value="" ?selected=${!this.contactId}>${t(locale, 'allContacts')}</option>
            ${contactOptions.map((c) => html`<option value=${c.id} ?selected=${c.id === this.contactId}>${c.name}</option>`)}
          </select></label>` : null}
      </div>
      ${rows.length ? html`<ol class="days" part="list" aria-label=${t(locale, 'label')}>
        ${days.map((d) => html`<li class="day">
          <h4 part="day"><span class="rel">${formatRelative(locale, d.key, today)}</span> <span class="abs">${formatDate(locale, d.key, { dateStyle: 'full' })}</span></h4>
          <ul class="entries">${d.items.map((e) => html`<li>${this.#renderEntry(locale, e, contacts)}</li>`)}</ul>
        </li>`)}
      </ol>` : stateMessage(html`${t(locale, 'emptyFiltered')}
        <button type="button" class="link" @click=${this.clearFilters}>${t(locale, 'clearFilters')}</button>`)}
      ${more || wantsHost ? html`<div class="sentinel" aria-hidden="true"></div>` : null}
      ${more ? html`<button type="button" class="more" part="more" @click=${this.#moreByButton}>${t(locale, 'showMore')}</button>` : null}
      <div class="visually-hidden" role="status" aria-live="polite">${t(locale, 'shown', { total: formatNumber(locale, rows.length) })}</div>
    `;
  }

  private formats = new Map<string, Intl.DateTimeFormat>();
  private format(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = `${locale}|${this.timeZone ?? ''}|${JSON.stringify(options)}`;
    let f = this.formats.get(key);
    if (!f) {
      try { f = new Intl.DateTimeFormat(locale, { ...options, timeZone: this.timeZone }); } catch { f = new Intl.DateTimeFormat(locale, options); }
      this.formats.set(key, f);
    }
    return f;
  }

  /** The calendar day (YYYY-MM-DD) of an instant in the element's time zone; a bare date stays itself. */
  #dayKey(iso: string): string {
    if (iso.length <= 10) return iso;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : this.format('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  }

  #renderEntry(locale: Locale, e: TimelineEntry, contacts: Map<string, Contact>): TemplateResult {
    let subject: string;
    let meta = '';
    let notes: string | undefined;
    let contactId: string | undefined;
    if (e.kind === 'activity') {
      const a = e.record as Activity;
      subject = a.subject || t(locale, a.type);
      notes = a.notes;
      contactId = a.contactId;
      if (a.direction) meta = t(locale, a.direction);
    } else if (e.kind === 'ticket') {
      const tk = e.record as Ticket;
      subject = tk.subject;
      contactId = tk.contactId;
      meta = t(locale, 'ticketMeta', { severity: statusWord(locale, tk.severity), status: statusWord(locale, tk.status) });
    } else {
      const o = e.record as Order;
      subject = t(locale, 'orderSubject', { amount: formatMoney(locale, o.amount) });
      meta = statusWord(locale, o.status);
    }
    const contact = contactId ? contacts.get(contactId)?.name ?? contactId : undefined;
    const timeText = e.at.length > 10 && !Number.isNaN(Date.parse(e.at)) ? this.format(locale, { timeStyle: 'short' }).format(new Date(e.at)) : '';
    return html`<button type="button" class="entry" part="entry" data-id=${e.id} data-kind=${e.kind} @click=${() => emit(this, 'kam-activity-open', { kind: e.kind, id: e.id, record: e.record })}>
      <span class="glyph ch-${e.channel}" aria-hidden="true">${channelGlyph[e.channel]}</span>
      <span class="body">
        <span class="line"><span class="type">${t(locale, e.channel as TimelineKey)}</span>
          <span class="subject">${subject}</span></span>
        ${contact ? html`<span class="who">${t(locale, 'withContact', { name: contact })}</span>` : null}
        ${meta ? html`<span class="meta">${meta}</span>` : null}
        ${notes ? html`<span class="notes">${notes}</span>` : null}
      </span>
      ${timeText ? html`<time datetime=${e.at}>${timeText}</time>` : null}
    </button>`;
  }

  #toggleChannel(c: TimelineChannel, index: number): void {
    const next = new Set(this.channels);
    if (next.has(c)) next.delete(c); else next.add(c);
    this.channels = next;
    this.focusedChip = index;
    this.visible = this.pageSize;
  }

  /** Clears the filters, with focus on the chips' tab stop: the button goes, and focus must not fall to the page. */
  private clearFilters(): void {
    this.channels = new Set();
    this.contactId = '';
    this.visible = this.pageSize;
    this.renderRoot.querySelector<HTMLElement>('.chip[tabindex="0"]')?.focus();
  }

  /** The Show more button: the next page, with focus on its first entry (the button goes after the last page). */
  async #moreByButton(): Promise<void> {
    const n = this.visible; // entries shown: the button is there only while rows are held back
    this.showMore();
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('.entry')[n]?.focus();
  }

  #chipKey(e: KeyboardEvent): void {
    const chips = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.chip')];
    const i = chips.indexOf(e.target as HTMLButtonElement);
    const n = chips.length;
    // Arrows go round the toolbar, Home and End to its ends; the render moves the one tab stop along.
    const to = ({ ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1 + n, ArrowUp: i - 1 + n, Home: 0, End: n - 1 } as Record<string, number>)[e.key];
    if (i < 0 || to === undefined) return;
    e.preventDefault();
    this.focusedChip = to % n;
    chips[to % n].focus();
  }

  /** Reveals the next page; in property mode at the end, asks the host for more. */
  showMore(): void {
    const total = this.#filtered(this.entries).length;
    if (this.visible < total) { this.visible += this.pageSize; return; }
    if (this.storeMode || this.complete) return;
    const offset = this.activities?.length ?? 0;
    if (this.requestedAt === offset) return; // one request per page: the host answers by appending
    this.requestedAt = offset;
    emit(this, 'kam-timeline-load-more', { offset, pageSize: this.pageSize });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const sentinel = this.renderRoot.querySelector('.sentinel');
    if (!sentinel) { this.observer?.disconnect(); return; }
    if (!this.observer && typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((items) => {
        // Not while an entry has the keyboard's focus and Show more is there: Tab goes on to the
        // button and past the timeline, instead of into page after page revealed under it.
        if (items.some((i) => i.isIntersecting) && !this.renderRoot.querySelector('.days:has(:focus-visible)~.more')) this.showMore();
      });
    }
    this.observer?.disconnect();
    this.observer?.observe(sentinel);
  }
}
