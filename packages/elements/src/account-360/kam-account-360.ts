import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { formatIssue, type Account, type ChangeEvent, type Contract, type Invoice, type MoneyTotal, type Opportunity, type Order, type Rejected, type Ticket } from '@kamkit/core';
import { evaluateAlerts, defaultAlertRules, type Alert } from '@kamkit/core/alerts';
import { KamElement, type PropertyTable } from '../shared/kam-element.js';
import { emit } from '../shared/events.js';
import { formatDate, formatMoney, formatNumber, formatRelative, type Locale } from '../shared/i18n.js';
import { statusWord } from '../shared/status-words.js';
import { accountStoreState, errorState, loadingState, renderGuarded, storeState, touchesAccounts } from './states.js';
import { stateMessage } from '../shared/state-message.js';
import {
  bundleFromStore, dealKind, daysBetween, fillBundle, keyFigures, outstanding, stageOf,
  type Account360Data, type KeyFigures,
} from './figures.js';
import { t, type A360Key } from './strings.js';
import { styles } from './kam-account-360.styles.js';

export type { Account360Data, KeyFigures } from './figures.js';
export type { RetryDetail } from '../shared/retry.js';

// `kam-account-open` is declared by <kam-account-list> ({ id, account }); the 360 emits the same event.
import type {} from '../account-list/kam-account-list.js';

/** The collapsible sections, in page order. */
export const account360Sections = ['alerts', 'contacts', 'opportunities', 'timeline', 'contracts', 'orders', 'tickets', 'team', 'children', 'quarantine'] as const;
export type Account360Section = typeof account360Sections[number];

/** Sections left open by default when the element is narrower than 600 px. */
const openWhenNarrow = new Set<Account360Section>(['alerts', 'opportunities']);
const ROWS = 10;
const severityGlyph: Record<Ticket['severity'], string> = { critical: '▲▲', high: '▲', medium: '◆', low: '▽' };
/** Table columns aligned to the end (amounts). */
const numeric = new Set<A360Key>(['amount', 'value', 'outstanding', 'revenue12m', 'openPipeline']);
/** A count's parameters: `{count}` through Intl, `{s}` the English plural's ending ('' for one; Chinese has none). */
const counted = (locale: Locale, n: number) => ({ count: formatNumber(locale, n), s: n === 1 ? '' : 's' });
const dayCount = (locale: Locale, n: number) => ({ days: formatNumber(locale, n), ds: n === 1 ? '' : 's' });
/** What failed validation in quarantined records, one issue a line (the core's wording: record, field, problem). */
const issues = (rejected: Rejected[]) => html`<ul class="issues">${rejected.flatMap((r) => r.issues.map((i) => html`<li>${formatIssue(i)}</li>`))}</ul>`;
/** The warning sign before a late date or an overdue amount (the words say it to assistive technology). */
const warnSign = html`<span aria-hidden="true">⚠ </span>`;

type Filled = ReturnType<typeof fillBundle>;

/**
 * @summary The customer's whole picture: header with health, key figures in the reporting
 * currency (with the per-currency breakdown), and collapsible sections for the buying committee,
 * opportunities, activity timeline, contracts and renewals, orders and payments, tickets, the
 * account team, alerts and next best actions, and the subsidiaries' roll-up.
 *
 * Inside a `<kam-provider>` give it `account-id`; alone, give it a `.data` bundle
 * (`{ account, contacts, opportunities, activities, contracts, orders, invoices, tickets, teamMembers, users, pipelines, children, alerts, health, fx, reportingCurrency }`).
 * From 360 px wide (one column; sections as disclosures, most collapsed) to a full desktop page
 * (two columns), by container queries.
 *
 * @fires kam-account-open - when the user opens the parent or a subsidiary; detail `{ id, account }`.
 * @fires kam-retry - when the user presses Retry on a store error; detail `{ source, accountId }`.
 * @fires kam-activity-open - (from the embedded timeline) detail `{ kind, id, record }`.
 * @fires kam-contact-open - (from the embedded stakeholder map) detail `{ contact }`.
 * @fires kam-alert-action - (from the embedded alerts) detail `{ alert, action }`.
 *
 * @slot health - replaces the built-in `<kam-health-badge>` in the header.
 * @slot header-actions - buttons of the host page shown in the header (e.g. "Log a visit").
 *
 * @csspart header - name, tier, owner, region, industry and health
 * @csspart figures - the key-figure tiles
 * @csspart figure - one key figure
 * @csspart breakdown - a key figure's per-currency breakdown
 * @csspart section - one collapsible section
 * @csspart section-toggle - a section's heading button
 * @csspart section-body - a section's content
 * @csspart state - loading, empty, not-found, quarantined and error boxes
 *
 * @cssprop --kam-color-surface - page background
 * @cssprop --kam-color-surface-alt - tile background
 * @cssprop --kam-color-red - overdue and late marks
 * @cssprop --kam-color-accent - tier chip, links and focus
 */
export class KamAccount360 extends KamElement {
  static override styles = styles;
  /**
   * The reactive properties and their attributes (each documented at its field below), internal
   * state too (no attribute): one object costs fewer bytes than a decorator call apiece. Typed
   * against the class, so a misspelt name is a type error.
   */
  static override properties: PropertyTable<KamAccount360, 'closed' | 'narrow' | 'openFigure' | 'expandedLists'> = {
    accountId: { attribute: 'account-id' }, data: { attribute: false }, loading: { type: Boolean }, dismissedAlerts: { attribute: false },
    snoozedAlerts: { attribute: false }, collapsed: {}, closed: { attribute: false }, narrow: { attribute: false },
    openFigure: { attribute: false }, expandedLists: { attribute: false },
  };

  /** The account to show, read from the provider's store. */
  accountId?: string;

  /** Everything to show without a store (wins over `account-id`). */
  data?: Account360Data;

  /** Shows the loading state (property mode, while the host fetches). */
  loading = false;

  /** Handed to the embedded `<kam-alerts>` as its `dismissed`: alert ids the user dismissed earlier. */
  dismissedAlerts?: readonly string[];

  /** Handed to the embedded `<kam-alerts>` as its `snoozed`: alert id → snoozed until (ISO). */
  snoozedAlerts?: Readonly<Record<string, string>>;

  /** Sections collapsed at first render, space-separated (e.g. `"timeline orders"`). */
  collapsed?: string;

  private closed = new Set<Account360Section>();
  private narrow = false;
  private declare openFigure?: string;
  private expandedLists = new Set<string>();
  #userToggled = false;
  #resizeObserver?: ResizeObserver;
  #bundleAlertsCache?: { data: Account360Data; alerts: Alert[] };

  /** Changes to this account, its parent, its subsidiaries or their records; pipelines and users always. */
  protected override isRelevant(e: ChangeEvent): boolean {
    if (this.data || !this.accountId || !this.store) return false;
    const ids = new Set([this.accountId, ...this.store.children(this.accountId).map((c) => c.id)]);
    const parentId = this.store.get('accounts', this.accountId)?.parentId;
    if (parentId) ids.add(parentId);
    return touchesAccounts(this.store, e, ids);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.#resizeObserver = new ResizeObserver((entries) => {
        const w = entries[0]?.contentRect.width ?? 0;
        // Next frame: re-rendering inside the observer's callback would loop it.
        if (w > 0 && (w < 600) !== this.narrow) requestAnimationFrame(() => { this.narrow = w < 600; });
      });
      this.#resizeObserver.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('collapsed') && this.collapsed !== undefined) {
      this.closed = new Set(this.collapsed.split(/[\s,]+/).filter((s): s is Account360Section => (account360Sections as readonly string[]).includes(s)));
      this.#userToggled = true;
    }
    if ((changed as Map<PropertyKey, unknown>).has('narrow') && !this.#userToggled) {
      this.closed = this.narrow ? new Set(account360Sections.filter((s) => !openWhenNarrow.has(s))) : new Set();
    }
    if (changed.has('accountId') || changed.has('data')) this.expandedLists = new Set();
  }

  protected override awaitsStore(): boolean {
    return !this.data && !this.loading && !!this.accountId;
  }

  protected override render(): TemplateResult | typeof nothing {
    const locale = this.resolvedLocale;
    // Loading: the host says so, or the provider has not handed over its store yet.
    if (this.loading || (!this.data && this.accountId && !this.store)) return loadingState(locale, t(locale, 'loading'));
    if (this.data) {
      if (!this.data.account) return errorState(this, locale, t(locale, 'noAccountInData'));
      return renderGuarded(this, locale, () => this.#renderAccount(locale, this.data!)) ?? nothing;
    }
    if (!this.accountId) return stateMessage(t(locale, 'missingId'));
    const s = storeState(this, this.store, locale, this.accountId);
    if (s) return s;
    return renderGuarded(this, locale, () => {
      const bundle = bundleFromStore(this.store!, this.accountId!);
      if (bundle) return this.#renderAccount(locale, bundle);
      const quarantined = this.store!.rejected.filter((r) => r.entity === 'accounts' && r.id === this.accountId);
      if (quarantined.length) {
        return html`<div class="state error" part="state quarantined" role="alert">
          <p class="msg">${t(locale, 'quarantined', { id: this.accountId! })}</p>
          ${issues(quarantined)}
        </div>`;
      }
      return accountStoreState(this, locale, this.store, this.accountId); // not found, in the states' own words
    }) ?? nothing;
  }

  #renderAccount(locale: Locale, data: Account360Data): TemplateResult {
    const d = fillBundle(data);
    const currency = data.reportingCurrency ?? this.reportingCurrency;
    const fx = data.fx ?? this.store?.fx;
    const now = this.now();
    const figures = keyFigures(data, now, currency, fx);
    const a = d.account;
    const owner = a.ownerId ? d.users.find((u) => u.id === a.ownerId)?.name ?? a.ownerId : undefined;
    return html`
      <article class="page" aria-labelledby="title">
        <header part="header">
          <div class="title-row">
            <h2 id="title">${a.name}</h2>
            ${a.tier ? html`<span class="tier">${t(locale, 'tier', { tier: a.tier })}</span>` : nothing}
            <slot name="health">${this.#renderBadge(data)}</slot>
            <slot name="header-actions"></slot>
          </div>
          <dl class="meta">${([['owner', owner], ['region', a.region], ['industry', a.industry]] as const).map(([k, v]) =>
            html`<div><dt>${t(locale, k)}</dt><dd>${v ?? t(locale, 'none')}</dd></div>`)}</dl>
          ${d.parent ? html`<p class="parent"><button type="button" class="link" @click=${() => this.#openAccount(d.parent!)}>${t(locale, 'parent', { name: d.parent.name })}</button></p>` : nothing}
        </header>
        ${this.#renderFigures(locale, figures, now)}
        <div class="sections">
          ${account360Sections.map((s) => this.#renderSection(locale, s, d, figures, now, currency, fx))}
        </div>
      </article>`;
  }

  /** The bundle's scored health, or the store's score of the account; nothing for a bundle without one. */
  #renderBadge(data: Account360Data): TemplateResult | typeof nothing {
    const store = !this.data;
    return store || data.health ? html`<kam-health-badge account-id=${store ? data.account.id : nothing} .store=${store ? this.store : undefined}
      .result=${data.health as never} locale=${this.resolvedLocale} theme=${this.resolvedTheme}></kam-health-badge>` : nothing;
  }

  // ——— key figures ———

  #renderFigures(locale: Locale, f: KeyFigures, now: Date): TemplateResult {
    const renewal = f.nextRenewal?.contract;
    return html`<section class="figures-wrap" aria-label=${t(locale, 'figures')}>
      <ul class="figures" part="figures">
        ${this.#figureTile(locale, 'revenue', 'revenue12m', f.revenue12m, t(locale, 'orderCount', counted(locale, f.revenue12m.count)), f.group?.revenue12m)}
        ${this.#figureTile(locale, 'pipeline', 'openPipeline', f.openPipeline, t(locale, 'deals', counted(locale, f.openPipeline.count)), f.group?.openPipeline)}
        <li class="figure renewal" part="figure" data-figure="renewal">
          <span class="label">${t(locale, 'nextRenewal')}</span>
          ${renewal ? html`<span class="value">${formatDate(locale, renewal.endDate)}</span>
            <span class="sub">${formatRelative(locale, renewal.endDate, now)} · ${formatMoney(locale, renewal.value)}</span>
            <span class="sub">${renewal.name} · ${t(locale, renewal.renewalStatus as A360Key)}</span>`
          : html`<span class="value muted">${t(locale, 'noRenewal')}</span>`}
        </li>
        ${this.#figureTile(locale, 'overdue', 'overdue', f.overdue,
          f.overdue.count ? t(locale, 'invoicesOverdue', { ...counted(locale, f.overdue.count), ...dayCount(locale, f.overdue.oldestDays) }) : t(locale, 'nothingOverdue'), undefined, f.overdue.count > 0)}
      </ul>
    </section>`;
  }

  /** A money tile: the total, and its breakdown by currency on hover, focus or click. */
  #figureTile(locale: Locale, id: string, label: A360Key, total: MoneyTotal, sub: string, group?: MoneyTotal, alarm = false): TemplateResult {
    const open = this.openFigure === id;
    const tipId = `tip-${id}`;
    const money = (amount: number, currency: string) => formatMoney(locale, { amount, currency });
    return html`<li class="figure ${alarm ? 'alarm' : ''}" part="figure" data-figure=${id}>
      <button type="button" class="figure-button" aria-describedby=${tipId} aria-expanded=${open ? 'true' : 'false'}
        @click=${() => { this.openFigure = open ? undefined : id; }}
        @focus=${() => { this.openFigure = id; }} @blur=${() => { if (this.openFigure === id) this.openFigure = undefined; }}
        @keydown=${(e: KeyboardEvent) => { if (e.key === 'Escape') this.openFigure = undefined; }}>
        <span class="label">${t(locale, label)}</span>
        <span class="value">${alarm ? warnSign : nothing}${formatMoney(locale, total)}</span>
        <span class="sub">${sub}</span>
        ${total.excluded.length ? html`<span class="sub warn">${t(locale, 'excludedBadge', counted(locale, total.excluded.length))}</span>` : nothing}
        ${group ? html`<span class="sub">${t(locale, 'group', { amount: formatMoney(locale, group) })}</span>` : nothing}
      </button>
      <div class="breakdown ${open ? 'open' : ''}" role="tooltip" id=${tipId} part="breakdown">
        <strong>${t(locale, 'breakdown')}</strong>
        <ul>
          ${Object.entries(total.breakdown).sort((a, b) => b[1].converted - a[1].converted).map(([cur, b]) => html`<li data-currency=${cur}>${t(locale, 'breakdownLine', {
            original: money(b.amount, cur), converted: money(b.converted, total.currency), count: formatNumber(locale, b.count),
          })}</li>`)}
          ${Object.keys(total.breakdown).length + total.excluded.length ? nothing : html`<li>${sub}</li>`}
          ${total.excluded.map((e) => html`<li class="excluded" data-currency=${e.currency}>${t(locale, total.fx ? 'excludedLine' : 'excludedNoTable',
            { original: money(e.amount, e.currency), currency: e.currency, target: total.currency, table: total.fx?.table ?? '' })}</li>`)}
        </ul>
        ${total.fx ? html`<p class="fx">${t(locale, 'fxLine', { table: total.fx.table, date: formatDate(locale, total.fx.date) })}</p>` : nothing}
      </div>
    </li>`;
  }

  // ——— sections ———

  #renderSection(locale: Locale, s: Account360Section, d: Filled, f: KeyFigures, now: Date, currency: string, fx: Account360Data['fx']): TemplateResult | typeof nothing {
    // How many records the section lists (alerts: not counted); most sections list the bundle's records of their own name.
    const n = s === 'alerts' ? NaN : s === 'orders' ? d.orders.length + d.invoices.length
      : (s === 'timeline' ? d.activities : s === 'team' ? d.teamMembers : s === 'quarantine' ? d.rejected : d[s]).length;
    // Subsidiaries and quarantined records have a section only when there are some.
    if ((s === 'children' || s === 'quarantine') && !n) return nothing;
    const open = !this.closed.has(s);
    const wide = s === 'contacts' || s === 'children' || s === 'quarantine';
    return html`<section class="section ${wide ? 'wide' : ''}" part="section" data-section=${s} aria-labelledby="h-${s}">
      <h3 id="h-${s}"><button type="button" class="section-toggle" part="section-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls="b-${s}"
          @click=${() => {
            const next = new Set(this.closed);
            if (open) next.add(s); else next.delete(s);
            this.closed = next;
            this.#userToggled = true;
          }}>
        <span class="chevron" aria-hidden="true">${open ? '▾' : '▸'}</span>
        <span>${t(locale, s)}</span>
        ${Number.isNaN(n) ? nothing : html`<span class="count">${formatNumber(locale, n)}</span>`}
      </button></h3>
      <div class="body" id="b-${s}" part="section-body" ?hidden=${!open}>
        ${!open ? nothing
          // A list with no records says so (the timeline says it itself).
          : n === 0 && s !== 'timeline' ? html`<p class="empty">${t(locale, `empty_${s}` as A360Key)}</p>`
          : this.#sectionBody(locale, s, d, f, now, currency, fx)}
      </div>
    </section>`;
  }

  #sectionBody(locale: Locale, s: Account360Section, d: Filled, f: KeyFigures, now: Date, currency: string, fx: Account360Data['fx']): TemplateResult {
    // The embedded elements read the store themselves (and stay live), or take the bundle's records.
    const store = this.data ? undefined : this.store;
    const id = store ? d.account.id : nothing;
    const theme = this.resolvedTheme;
    switch (s) {
      case 'alerts':
        return html`<kam-alerts account-id=${id} .store=${store} .alerts=${store ? undefined : this.#bundleAlerts(d, now, currency, fx)} locale=${locale} theme=${theme}
          .dismissed=${this.dismissedAlerts} .snoozed=${this.snoozedAlerts}></kam-alerts>`;
      case 'contacts':
        return html`<kam-stakeholder-map account-id=${id} .store=${store} .contacts=${store ? undefined : d.contacts} .activities=${store ? undefined : d.activities} locale=${locale} theme=${theme}></kam-stakeholder-map>`;
      case 'timeline':
        return html`<kam-timeline account-id=${id} .store=${store} .activities=${store ? undefined : d.activities} .contacts=${store ? undefined : d.contacts} ?complete=${!store} locale=${locale} theme=${theme} page-size="10"></kam-timeline>`;
      case 'opportunities': return this.opportunities(locale, d, now);
      case 'contracts': return this.contracts(locale, d, now);
      case 'orders': return this.orders(locale, d, now);
      case 'tickets': return this.tickets(locale, d);
      case 'team': return this.team(locale, d);
      case 'children': return this.#renderChildren(locale, d, f, now, currency, fx);
      case 'quarantine':
        return html`<div class="quarantine" role="note">
          <p>${t(locale, 'quarantinedRecords', counted(locale, d.rejected.length))}</p>
          ${issues(d.rejected)}
        </div>`;
    }
  }

  /** Data mode without alerts: evaluate the bundle's own alerts (book-wide rules left out). */
  #bundleAlerts(d: Filled, now: Date, currency: string, fx: Account360Data['fx']): Alert[] {
    if (this.data?.alerts) return this.data.alerts as Alert[];
    if (this.#bundleAlertsCache && this.#bundleAlertsCache.data === this.data) return this.#bundleAlertsCache.alerts;
    const rules = defaultAlertRules.filter((r) => r.type !== 'concentration');
    const alerts = evaluateAlerts({ ...d, accounts: [d.account] }, { now, currency, fx, rules, accountIds: [d.account.id] });
    this.#bundleAlertsCache = { data: this.data!, alerts };
    return alerts;
  }

  /**
   * One table of a section, the same for every list: a header cell per column, each body cell
   * labelled with its column (the narrow layout stacks cells as "label: value"; an empty cell
   * gets no label), and when `list` is given, at most ROWS rows until "Show all".
   */
  private table<T extends { id: string }>(locale: Locale, name: { by?: string; label?: string }, cols: A360Key[], all: T[],
    cells: (r: T) => unknown[], opts: { list?: string; rowClass?: (r: T) => string; foot?: unknown[] } = {}): TemplateResult {
    const labels = cols.map((k) => t(locale, k));
    const cls = cols.map((k) => (numeric.has(k) ? 'num' : nothing));
    const capped = opts.list !== undefined && all.length > ROWS && !this.expandedLists.has(opts.list);
    const td = (c: unknown, i: number) => html`<td data-label=${c === '' ? '' : labels[i]} class=${cls[i]}>${c}</td>`;
    return html`<table aria-labelledby=${name.by ?? nothing} aria-label=${name.label ?? nothing}>
      <thead><tr>${labels.map((l, i) => html`<th scope="col" class=${cls[i]}>${l}</th>`)}</tr></thead>
      <tbody>${(capped ? all.slice(0, ROWS) : all).map((r) => html`<tr data-id=${r.id} class=${opts.rowClass?.(r) ?? nothing}>${cells(r).map(td)}</tr>`)}</tbody>
      ${opts.foot ? html`<tfoot><tr><th scope="row">${opts.foot[0]}</th>${opts.foot.slice(1).map((c, i) => td(c, i + 1))}</tr></tfoot>` : nothing}
    </table>${capped ? html`<button type="button" class="link more" @click=${(e: Event) => this.showAll(opts.list!, (e.currentTarget as Element).previousElementSibling as HTMLTableElement)}>
      ${t(locale, 'showAll', { count: formatNumber(locale, all.length) })}</button>` : nothing}`;
  }

  /** Lists every row, and moves focus to the first row that was hidden: the button goes, and focus must not fall to the page. */
  private async showAll(list: string, table: HTMLTableElement): Promise<void> {
    this.expandedLists = new Set(this.expandedLists).add(list);
    await this.updateComplete;
    const row = table.tBodies[0].rows[ROWS];
    row.tabIndex = -1;
    row.focus();
  }

  private opportunities(locale: Locale, d: Filled, now: Date): TemplateResult {
    const kindOrder = { open: 0, won: 1, lost: 2 };
    const sorted = [...d.opportunities].sort((a, b) => kindOrder[dealKind(d.pipelines, a)] - kindOrder[dealKind(d.pipelines, b)]
      || (dealKind(d.pipelines, a) === 'open' ? a.closeDate.localeCompare(b.closeDate) : b.closeDate.localeCompare(a.closeDate)));
    return this.table(locale, { by: 'h-opportunities' }, ['name', 'stage', 'amount', 'closeDate'], sorted, (o: Opportunity) => {
      const kind = dealKind(d.pipelines, o);
      const date = formatDate(locale, o.closeDate);
      return [
        o.name,
        html`${stageOf(d.pipelines, o)?.name ?? o.stageId} ${kind !== 'open' ? html`<span class="tag">${t(locale, kind)}</span>` : nothing}`,
        formatMoney(locale, o.amount),
        kind === 'open' && Date.parse(o.closeDate) < now.getTime()
          ? html`<span class="late">${warnSign}${date} <span class="tag late">${t(locale, 'late')}</span></span>` : date,
      ];
    }, { list: 'opportunities', rowClass: (o) => `kind-${dealKind(d.pipelines, o)}` });
  }

  private contracts(locale: Locale, d: Filled, now: Date): TemplateResult {
    return this.table(locale, { by: 'h-contracts' }, ['name', 'period', 'value', 'renewal'], [...d.contracts].sort((a, b) => b.endDate.localeCompare(a.endDate)), (c: Contract) => [
      c.name,
      // each date whole on its line: Chinese text may otherwise break inside "2027年1月12日"
      html`<span class="date">${formatDate(locale, c.startDate)}</span> – <span class="date">${formatDate(locale, c.endDate)}</span>`,
      formatMoney(locale, c.value),
      `${t(locale, c.renewalStatus as A360Key)} · ${t(locale, Date.parse(c.endDate) < +now ? 'ended' : 'ends', { when: formatRelative(locale, c.endDate, now) })}`,
    ], { list: 'contracts' });
  }

  #paymentStatus(locale: Locale, i: Invoice, now: Date): { text: string; late: boolean } {
    const rest = outstanding(i);
    if (rest > 0 && Date.parse(i.dueDate) < now.getTime()) return { text: t(locale, 'overdueDays', dayCount(locale, daysBetween(i.dueDate, now))), late: true };
    if (rest > 0) {
      const notDue = t(locale, 'notDue', { date: formatDate(locale, i.dueDate) });
      return { text: i.paidAmount ? `${t(locale, 'partly')} · ${notDue}` : notDue, late: false };
    }
    if (i.paidDate && Date.parse(i.paidDate) > Date.parse(i.dueDate)) return { text: t(locale, 'paidLate', dayCount(locale, daysBetween(i.dueDate, i.paidDate))), late: true };
    return { text: t(locale, 'paid'), late: false };
  }

  private orders(locale: Locale, d: Filled, now: Date): TemplateResult {
    // An invoice's status is read by its row's class and its payment cell: worked out once per row shown.
    const statuses = new Map<Invoice, { text: string; late: boolean }>();
    const status = (i: Invoice) => { let st = statuses.get(i); if (!st) statuses.set(i, st = this.#paymentStatus(locale, i, now)); return st; };
    return html`
      ${d.orders.length ? this.table(locale, { label: t(locale, 'orderCount', counted(locale, d.orders.length)) }, ['date', 'amount', 'status'],
        [...d.orders].sort((a, b) => b.orderedAt.localeCompare(a.orderedAt)),
        (o: Order) => [formatDate(locale, o.orderedAt), formatMoney(locale, o.amount), statusWord(locale, o.status)], { list: 'orders' }) : nothing}
      ${d.invoices.length ? this.table(locale, { label: t(locale, 'invoiceCount', counted(locale, d.invoices.length)) }, ['invoice', 'due', 'amount', 'outstanding', 'payment'],
        [...d.invoices].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)), (i: Invoice) => {
          const st = status(i);
          return [
            formatDate(locale, i.issuedAt),
            formatDate(locale, i.dueDate),
            formatMoney(locale, i.amount),
            formatMoney(locale, { amount: outstanding(i), currency: i.amount.currency }),
            st.late ? html`<span class="tag late">${warnSign}${st.text}</span>` : st.text,
          ];
        }, { list: 'invoices', rowClass: (i) => (status(i).late ? 'late' : '') }) : nothing}`;
  }

  private duration(locale: Locale, from: string, to?: string): string | undefined {
    const hours = to ? (Date.parse(to) - Date.parse(from)) / 3_600_000 : NaN;
    if (!Number.isFinite(hours)) return undefined;
    return t(locale, hours < 48 ? 'hours' : 'days', { n: formatNumber(locale, hours < 48 ? hours : hours / 24, { maximumFractionDigits: 1 }) });
  }

  private tickets(locale: Locale, d: Filled): TemplateResult {
    const openFirst = (k: Ticket) => (k.status === 'open' || k.status === 'pending' ? 0 : 1);
    return this.table(locale, { by: 'h-tickets' }, ['subject', 'severity', 'status', 'firstResponse', 'resolution'],
      [...d.tickets].sort((a, b) => openFirst(a) - openFirst(b) || b.openedAt.localeCompare(a.openedAt)), (k: Ticket) => [
        html`${k.subject}<br><span class="muted">${formatDate(locale, k.openedAt)}</span>`,
        html`<span class="sev sev-${k.severity}"><span aria-hidden="true">${severityGlyph[k.severity]} </span>${statusWord(locale, k.severity)}</span>`,
        statusWord(locale, k.status),
        this.duration(locale, k.openedAt, k.firstResponseAt) ?? t(locale, 'noResponse'),
        this.duration(locale, k.openedAt, k.resolvedAt) ?? t(locale, 'unresolved'),
      ], { list: 'tickets' });
  }

  private team(locale: Locale, d: Filled): TemplateResult {
    return html`<ul class="team">${d.teamMembers.map((m) => html`<li data-id=${m.id}>
      <span class="member">${d.users.find((u) => u.id === m.userId)?.name ?? m.name ?? m.userId}</span>
      <span class="muted">${t(locale, m.role as A360Key)}</span></li>`)}</ul>`;
  }

  /** The account's own figures, each subsidiary's, and the group total (already in `f.group`). */
  #renderChildren(locale: Locale, d: Filled, f: KeyFigures, now: Date, currency: string, fx: Account360Data['fx']): TemplateResult {
    const rows = [{ id: d.account.id, account: d.account, f, self: true },
      ...d.children.map((c) => ({ id: c.account.id, account: c.account, f: keyFigures({ pipelines: d.pipelines, ...c }, now, currency, fx), self: false }))];
    const group = f.group!;
    return this.table(locale, { by: 'h-children' }, ['account', 'tierCol', 'revenue12m', 'openPipeline'], rows, (r) => [
      r.self ? r.account.name : html`<button type="button" class="link" @click=${() => this.#openAccount(r.account)}>${r.account.name}</button>`,
      r.account.tier ?? '',
      formatMoney(locale, r.f.revenue12m),
      formatMoney(locale, r.f.openPipeline),
    ], { rowClass: (r) => (r.self ? 'self' : ''), foot: [t(locale, 'total'), '', formatMoney(locale, group.revenue12m), formatMoney(locale, group.openPipeline)] });
  }

  #openAccount(account: Account): void {
    emit(this, 'kam-account-open', { id: account.id, account });
  }
}
