import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ChangeEvent } from '@kamkit/core';
import { scoreBook, defaultHealthModel } from '@kamkit/core/health';
import { healthModelFor, healthOverridesFor } from '../shared/health.js';
import { evaluateAlerts, accountFacts, nextBestActions, type Alert, type AlertRule, type AlertSeverity, type NextBestAction, type SuggestedAction } from '@kamkit/core/alerts';
import { KamElement } from '../shared/kam-element.js';
import { emit } from '../shared/events.js';
import { toError } from '../shared/errors.js';
import { actionsLoader } from './actions-loader.js';
import type { ActionsHost } from './actions.js';
import { formatDate, formatMoney, formatNumber, formatPercent, type Locale } from '../shared/i18n.js';
import { accountStoreState, errorState, loadingState, renderGuarded } from '../account-360/states.js';
import { concT } from '../concentration-chart/strings.js';
import { t, zhAction, zhFactor, zhRationale, zhReason, zhTitle, zhValue, type AlertKey } from './strings.js';
import { styles } from './kam-alerts.styles.js';
import { stateMessage } from '../shared/state-message.js';

/** Detail of `kam-alert-action`: the alert and the suggested action the user chose. */
export interface AlertActionDetail { alert: Alert; action: SuggestedAction }
/** Detail of `kam-alert-dismiss` (cancelable: `preventDefault()` keeps the alert on screen). */
export interface AlertDismissDetail { alert: Alert }
/** Detail of `kam-alert-snooze` (cancelable): hide the alert until `until` (ISO). */
export interface AlertSnoozeDetail { alert: Alert; until: string; days: number }
/** Detail of `kam-next-action`: a next best action the user chose, with the facts that fired it. */
export interface NextActionDetail { accountId?: string; action: NextBestAction }

declare global {
  interface HTMLElementEventMap {
    'kam-alert-action': CustomEvent<AlertActionDetail>;
    'kam-alert-dismiss': CustomEvent<AlertDismissDetail>;
    'kam-alert-snooze': CustomEvent<AlertSnoozeDetail>;
    'kam-next-action': CustomEvent<NextActionDetail>;
  }
}

const severities: AlertSeverity[] = ['red', 'yellow', 'blue'];
/** A shape per severity, so severity is never told by colour alone. */
export const severityGlyph: Record<AlertSeverity, string> = { red: '▲', yellow: '◆', blue: 'ℹ' };
/**
 * How a fact reads: `%` a share, whole (as the alert's sentence, the concentration chart's drawing and
 * the explainer's data coverage give it: 61.4% beside "61% of revenue", 84.6% beside "Based on 85%"
 * read as two figures), `¤` money (in the alert's currency), `d` a date, `-` never shown, a digit its
 * decimals. One rule for a health score on every element: whole where it is the headline (badge,
 * list, 360, the explainer's big number), one decimal wherever points are listed or explained (the
 * explainer, an alert's sentence, its facts, a next best action's because-line); HHI whole everywhere,
 * as the chart shows it. A host's number fact named like a share, a date or an Object method
 * ('toString') has no digit: read whole (facts) or to two decimals (a next best action's, whose
 * because-line sets the value beside the rule's own threshold in the rule's units: share 0.46 against
 * 0.4 — that difference is on purpose), never a RangeError.
 */
const factKind: Record<string, string> = {
  coverage: '%', share: '%', top5: '%', confidence: '%', contractValue: '¤', outstanding: '¤', amount: '¤',
  endDate: 'd', expectedAt: 'd', currency: '-', stageId: '-', deal: '-', stage: '-', accounts: '-',
  score: '1', previous: '1', drop: '1', health: '1', topDriverPointsLost: '1', 'health.score': '1', 'health.delta': '1', hhi: '0',
};

/**
 * @summary Alerts with severity red / yellow / blue, each with its reason, the numbers behind it and
 * the suggested next action; for one account, the next best actions with the facts that fired them.
 *
 * Three ways to feed it: `account-id` inside a `<kam-provider>` (that account's alerts and next best
 * actions, evaluated with the core's `evaluateAlerts`), no `account-id` inside a provider (the whole
 * book), or `.alerts` (and optionally `.actions`) alone.
 *
 * @fires kam-alert-action - when the user presses an alert's suggested action; detail `{ alert, action }`.
 * @fires kam-alert-dismiss - when the user dismisses an alert (cancelable: `preventDefault()` keeps it shown); detail `{ alert }`.
 * @fires kam-alert-snooze - when the user snoozes an alert (cancelable); detail `{ alert, until, days }`.
 * @fires kam-next-action - when the user picks a next best action; detail `{ accountId, action }` with `action.because` listing the facts.
 * @fires kam-retry - when the user presses Retry on a store error; detail `{ source, accountId }`.
 *
 * @csspart toolbar - the severity filter
 * @csspart filter - one severity filter button
 * @csspart list - the alert list
 * @csspart alert - one alert
 * @csspart severity - an alert's severity label
 * @csspart facts - the numbers behind an alert
 * @csspart action - the suggested-action button
 * @csspart nba - the next-best-actions list
 * @csspart state - loading, empty and error boxes
 *
 * @cssprop --kam-color-red - red severity colour
 * @cssprop --kam-color-yellow - yellow severity colour
 * @cssprop --kam-color-blue - blue severity colour
 */
export class KamAlerts extends KamElement {
  static override styles = styles;

  // The reactive properties as one table: a decorator on each is a call apiece in the bundle.
  // Internal state has no attribute (what @state sets; `state: true` here would make the
  // manifest's analyzer list it as attributes).
  static override properties: PropertyDeclarations = {
    accountId: { attribute: 'account-id' }, alerts: { attribute: false }, actions: { attribute: false },
    rules: { attribute: false }, severity: {}, snoozeDays: { type: Number, attribute: 'snooze-days' },
    pageSize: { type: Number, attribute: 'page-size' }, dismissed: { attribute: false },
    snoozed: { attribute: false }, loading: { type: Boolean }, shown: { attribute: false },
    gone: { attribute: false }, limit: { attribute: false }, announcement: { attribute: false },
    focusedFilter: { attribute: false }, actionsError: { attribute: false },
  };

  /** One account's alerts (from the provider's store); without it, the whole book's. */
  declare accountId?: string;

  /** Alerts to show when used without a store (property mode), e.g. the result of `evaluateAlerts`. */
  declare alerts?: Alert[];

  /** Next best actions to show in property mode (the result of `nextBestActions`). */
  declare actions?: NextBestAction[];

  /** Alert rules for store mode (default: the core's `defaultAlertRules`). */
  declare rules?: AlertRule[];

  /** Severities shown initially, space-separated (`"red yellow"`); empty shows all. */
  severity = '';

  /** How many days "Snooze" hides an alert. */
  snoozeDays = 7;

  /** How many alerts show before "Show more". */
  pageSize = 50;

  /**
   * Alert ids the user dismissed earlier, as the host kept them from `kam-alert-dismiss`
   * (`detail.alert.id`): hidden. The element keeps nothing across reloads; this hands them back.
   */
  declare dismissed?: readonly string[];

  /**
   * Snoozed alerts by id, each until when (ISO), as the host kept them from `kam-alert-snooze`
   * (`detail.alert.id` → `detail.until`): hidden until then, shown again once it has passed.
   */
  declare snoozed?: Readonly<Record<string, string>>;

  /** Property mode: shows the loading state. */
  loading = false;

  private shown = new Set<AlertSeverity>();
  private gone = new Set<string>();
  private limit = 0;
  private announcement = '';
  private focusedFilter = 0;
  private cache?: { alerts: Alert[]; actions: NextBestAction[] } | { error: Error };
  /** Why the dismiss, snooze and filter code could not be fetched (unset: it could, or was not asked for). */
  private declare actionsError?: string;

  constructor() {
    super();
    // Fetched ahead when focus or the pointer reaches the element.
    this.fetchOnReach(actionsLoader);
  }

  /** For actions.ts (see ActionsHost). */
  private readonly emit = emit;
  private readonly formatDate = formatDate;

  /** What the actions chunk says after a dismiss or snooze, in this element's strings (see ActionsHost.say). */
  private say(key: 'dismissed' | 'snoozed', params: Record<string, string>): string {
    return t(this.resolvedLocale, key, params);
  }

  /**
   * Runs `fn` with the dismiss, snooze and filter code: at once when it is here, else once it
   * arrives (`updateComplete` waits for it). A failed fetch is said above the alerts and tried
   * again on the next press.
   */
  #withActions(fn: (m: typeof import('./actions.js'), host: ActionsHost) => void): void {
    this.withPart(actionsLoader, (e) => { this.actionsError = e; }, (m) => fn(m, this as unknown as ActionsHost));
  }

  protected override awaitsStore(): boolean {
    return this.alerts === undefined && !this.loading;
  }

  private get storeMode(): boolean {
    return this.alerts === undefined && !!this.store;
  }

  // Every change but to the users can change an alert: evaluated again.
  protected override storeChanged(e: ChangeEvent): void {
    if (e.kind !== 'users') { this.cache = undefined; this.requestUpdate(); }
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('severity')) this.shown = new Set(this.severity.split(/[\s,]+/).filter((s): s is AlertSeverity => (severities as string[]).includes(s)));
    // settings carry the provider's health overrides and the reporting currency the alerts are worded in
    if (changed.has('accountId') || changed.has('store') || changed.has('rules') || changed.has('settings')) this.cache = undefined;
    if (!this.limit || changed.has('pageSize')) this.limit = this.pageSize;
  }

  /** Evaluates alerts (and next best actions for one account) from the store, cached per change. */
  private evaluate(): { alerts: Alert[]; actions: NextBestAction[] } {
    if (!this.storeMode) return { alerts: this.alerts ?? [], actions: this.actions ?? [] };
    if (!this.cache) {
      try {
        const store = this.store!;
        const now = store.now();
        // the model and the overrides every other element scores with (an overridden account's band is the override's)
        const model = healthModelFor(store), overrides = healthOverridesFor(store);
        const opts = { now, currency: this.reportingCurrency, fx: store.fx, rules: this.rules, model, overrides };
        if (this.accountId) {
          // the alerts and actions read score, band, coverage and trend: no next-band plan
          const health = scoreBook(store, model, { ...opts, accountIds: [this.accountId], skipNextBand: true });
          const alerts = evaluateAlerts(store, { ...opts, health, accountIds: [this.accountId] }).filter((a) => a.accountId === this.accountId);
          const signals = health.signals.get(this.accountId);
          const actions = signals ? nextBestActions(accountFacts(signals, health.results.get(this.accountId), alerts)) : [];
          this.cache = { alerts, actions };
        } else {
          this.cache = { alerts: evaluateAlerts(store, opts), actions: [] };
        }
      } catch (e) {
        this.cache = { error: toError(e) };
      }
    }
    if ('error' in this.cache) throw this.cache.error;
    return this.cache;
  }

  protected override render(): TemplateResult | typeof nothing {
    const locale = this.resolvedLocale;
    // the loading box every account element and chart shows
    if (this.loading) return loadingState(locale, t(locale, 'loading'));
    // the store's status and an unknown account as timeline and map show them; no account id is the whole book
    const s = accountStoreState(this, locale, this.storeMode ? this.store : undefined, this.accountId, true);
    if (s) return s;
    return renderGuarded(this, locale, () => {
      let data: { alerts: Alert[]; actions: NextBestAction[] };
      try { data = this.evaluate(); } catch (e) {
        return errorState(this, locale, t(locale, 'error', { message: (e as Error).message }), undefined, this.accountId);
      }
      return this.#renderAlerts(locale, data.alerts, data.actions);
    }) ?? nothing;
  }

  #renderAlerts(locale: Locale, all: Alert[], actions: NextBestAction[]): TemplateResult {
    // a Set: a host's dismissals pile up over months, and a whole book holds thousands of alerts
    const now = this.now().getTime(), dismissed = new Set(this.dismissed);
    // hidden here, or by the host's dismissals and snoozes not yet over (an unreadable date hides nothing)
    const live = all.filter((a) => !this.gone.has(a.id) && !dismissed.has(a.id) && !(Date.parse(this.snoozed?.[a.id] ?? '') > now));
    const counts = { red: 0, yellow: 0, blue: 0 } as Record<AlertSeverity, number>;
    for (const a of live) counts[a.severity] = (counts[a.severity] ?? 0) + 1;
    const rows = this.shown.size ? live.filter((a) => this.shown.has(a.severity)) : live;
    const page = rows.slice(0, this.limit);
    return html`
      ${this.actionsError === undefined ? nothing : stateMessage(t(locale, 'actionsFailed', { message: this.actionsError }), true)}
      ${live.length ? html`<div class="filters" role="toolbar" part="toolbar" aria-label=${t(locale, 'filter')} @keydown=${this.filterKey}>
        ${severities.map((s, i) => html`<button type="button" part="filter" class="filter sev-${s}" data-severity=${s}
            aria-pressed=${this.shown.has(s) ? 'true' : 'false'} tabindex=${i === this.focusedFilter ? 0 : -1} @click=${() => { this.focusedFilter = i; this.#withActions((m, h) => m.toggle(h, s)); }}>
            <span class="glyph" aria-hidden="true">${severityGlyph[s]}</span>${t(locale, s)} <span class="count">${formatNumber(locale, counts[s])}</span></button>`)}
      </div>` : nothing}
      ${!live.length ? stateMessage(t(locale, 'empty'))
        : !rows.length ? stateMessage(html`${t(locale, 'emptyFiltered')}
            <button type="button" class="link" @click=${() => this.#withActions((m, h) => m.showAll(h))}>${t(locale, 'showAll')}</button>`)
        : html`<ul class="list" part="list" aria-label=${t(locale, 'count', { count: formatNumber(locale, rows.length) })}>
            ${page.map((a) => this.#renderAlert(locale, a))}</ul>`}
      ${rows.length > page.length ? html`<button type="button" class="more" @click=${() => this.#withActions((m, h) => m.more(h))}>
        ${t(locale, 'more', { count: formatNumber(locale, Math.min(this.pageSize, rows.length - page.length)) })}</button>` : nothing}
      ${actions.length ? this.#renderActions(locale, actions) : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  #alertTitle(locale: Locale, a: Alert): string {
    const zh = locale === 'zh-CN' ? zhTitle[a.type] : undefined;
    return zh ? zh.replace('{band}', a.facts.band ? t(locale, String(a.facts.band) as AlertKey) : '') : a.title;
  }

  private reason(locale: Locale, a: Alert, name: string): string {
    const zh = zhReason[a.type];
    // numbers in a sentence read as the core's English rounds them (a score to one decimal)
    return locale === 'zh-CN' && zh ? zh(a.facts, name, (k) => this.#factValue(locale, a, k, a.facts[k], 1)) : a.reason;
  }

  #actionLabel(locale: Locale, action: SuggestedAction): string {
    return (locale === 'zh-CN' && zhAction[action.id]) || action.label;
  }

  #accountName(id?: string): string {
    if (!id) return '';
    return (this.storeMode ? this.store!.get('accounts', id)?.name : undefined) ?? id;
  }

  #factValue(locale: Locale, a: Alert, key: string, v: unknown, digits = 2): string {
    if (typeof v === 'boolean') return t(locale, v ? 'yes' : 'no');
    if (typeof v === 'number') {
      const currency = typeof a.facts.currency === 'string' ? a.facts.currency : undefined;
      if (factKind[key] === '¤' && currency) return formatMoney(locale, { amount: v, currency });
      if (factKind[key] === '%' || (key === 'threshold' && a.type === 'concentration')) return formatPercent(locale, v);
      // days left count whole days, as the reason's "ends in 38 days" does
      return formatNumber(locale, key === 'daysLeft' ? Math.ceil(v) : v, { maximumFractionDigits: +(factKind[key] ?? digits) | 0 });
    }
    if (factKind[key] === 'd') return formatDate(locale, String(v));
    // a factor id is the factor's name; a band, a renewal status or a confidence level its word; an
    // HHI band the concentration chart's word (zh 'high' is 较高 there, 高 as a confidence level)
    const s = String(v);
    if (key === 'hhiBand') return concT(locale, s as 'high');
    if (key === 'topDriver') return (locale === 'zh-CN' && zhFactor[s]) || defaultHealthModel.factors.find((f) => f.id === s)?.label || s;
    if (key === 'band') return t(locale, s as AlertKey); // an unknown band: t() gives the key back, i.e. the band as given
    if (key === 'renewalStatus' || key === 'confidence') return (locale === 'zh-CN' && zhValue[s]) || s.replace(/_/g, ' ');
    return s;
  }

  #renderAlert(locale: Locale, a: Alert): TemplateResult {
    const title = this.#alertTitle(locale, a);
    const name = this.#accountName(a.accountId);
    const facts = Object.entries(a.facts).filter(([k, v]) => v !== null && v !== undefined && factKind[k] !== '-');
    const sev = a.severity in severityGlyph ? a.severity : 'blue';
    return html`<li class="alert sev-${sev}" part="alert" data-id=${a.id}>
      <div class="head">
        <span class="sev" part="severity"><span class="glyph" aria-hidden="true">${severityGlyph[sev]}</span>
          ${t(locale, 'severityLabel', { severity: t(locale, sev), meaning: t(locale, `${sev}Meaning` as AlertKey) })}</span>
        <strong class="title">${title}</strong>
        ${!this.accountId && name ? html`<span class="account">${name}</span>` : nothing}
      </div>
      <p class="reason">${this.reason(locale, a, name || t(locale, 'account'))}</p>
      ${facts.length ? html`<dl class="facts" part="facts" aria-label=${t(locale, 'facts')}>
        ${facts.map(([k, v]) => { const lk = `f_${k}` as AlertKey; const l = t(locale, lk); return html`<div><dt>${t(locale, 'factLabel', { label: l === lk ? k : l })}</dt><dd>${this.#factValue(locale, a, k, v)}</dd></div>`; })}
      </dl>` : nothing}
      <div class="buttons">
        ${a.action ? html`<button type="button" class="btn" part="action" data-action=${a.action.id}
            @click=${() => emit(this, 'kam-alert-action', { alert: a, action: a.action })}>${this.#actionLabel(locale, a.action)}</button>` : nothing}
        <button type="button" class="btn secondary snooze" aria-label=${t(locale, 'snoozeLabel', { days: this.snoozeDays, title })}
          @click=${() => this.#withActions((m, h) => m.snooze(h, a, title))}>${t(locale, 'snooze', { days: this.snoozeDays })}</button>
        <button type="button" class="btn secondary dismiss" aria-label=${t(locale, 'dismissLabel', { title })}
          @click=${() => this.#withActions((m, h) => m.dismiss(h, a, title))}>${t(locale, 'dismiss')}</button>
      </div>
    </li>`;
  }

  #renderActions(locale: Locale, actions: NextBestAction[]): TemplateResult {
    return html`<section class="nba" part="nba" aria-label=${t(locale, 'nba')}>
      <strong class="nba-title">${t(locale, 'nba')}</strong>
      <ol>${actions.map((n) => html`<li data-rule=${n.ruleId}>
        <button type="button" class="btn secondary" @click=${() => emit(this, 'kam-next-action', { accountId: this.accountId, action: n })}>${this.#actionLabel(locale, n.action)}</button>
        <span class="because">${t(locale, 'because', { why: this.because(locale, n) })}</span>
      </li>`)}</ol>
    </section>`;
  }

  /** Why an action is suggested: the rule's rationale in words; a rule without one lists its facts. */
  private because(locale: Locale, n: NextBestAction): string {
    if (n.rationale) return (locale === 'zh-CN' && zhRationale[n.ruleId]) || n.rationale;
    return n.because.map((b) => `${b.fact} ${b.op === 'missing' || b.op === 'present' ? b.op : `= ${typeof b.actual === 'number' ? formatNumber(locale, b.actual, { maximumFractionDigits: +(/^\d$/.exec(factKind[b.fact]) ?? 2) }) : String(b.actual ?? '—')} (${b.op} ${String(b.value)})`}`).join('; ');
  }

  // Read now: the event's target is gone once it has been dispatched. The keys that move between
  // the filters keep the page still at once, also before the code that moves focus is here.
  private readonly filterKey = (e: KeyboardEvent) => {
    const from = e.target, key = e.key;
    if (/^(Arrow|Home$|End$)/.test(key)) e.preventDefault();
    this.#withActions((m, h) => m.filterKey(h, from, key));
  };
}
