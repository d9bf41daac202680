import { adoptStyles, css, html, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { ChangeEvent } from '@kamkit/core';
import { computeSignals, defaultHealthModel, scoreAccount, whatIf, builtInSignalUnits, type HealthModel, type HealthOverride, type HealthResult, type ImprovementStep, type PreviousScore, type Signals } from '@kamkit/core/health';
import { KamElement } from '../shared/kam-element.js';
import { emit } from '../shared/events.js';
import { errorMessage } from '../shared/errors.js';
import { stateMessage } from '../shared/state-message.js';
import { storeState } from '../account-360/states.js';
import { defineStrings, formatDate, formatNumber, formatPercent, joinList } from '../shared/i18n.js';
import { toneOf } from '../shared/health.js';
import { styles } from './kam-health-explainer.styles.js';
import { factorLabelsZh, t } from './strings.js';
import { bandWord } from '../health-badge/strings.js';
// The editors read and write the state below as their ExplainerHost (see editors.ts).
import type { editors as Editors, ExplainerHost } from './editors.js';
import { fetchPart } from '../shared/lazy-part.js';
import { editorsLoader } from './editors-loader.js';

/** `kam-override-request` detail: what the user asks for. Writing it is the host's business. */
export interface OverrideRequestDetail {
  accountId?: string;
  /** Requested score, 0–100. */
  value: number;
  reason: string;
  /** ISO date the override should stop applying, when given. */
  expiresAt?: string;
  onlyLower: boolean;
  /** The computed score at the time of the request. */
  computedScore: number;
}

declare global {
  interface HTMLElementEventMap {
    'kam-override-request': CustomEvent<OverrideRequestDetail>;
  }
}

type Explained =
  | { state: 'ok'; result: HealthResult; signals: Signals; model: HealthModel }
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'failed' }
  | { state: 'error'; message: string };

/** Round to one decimal for display of points. */
const pts = (n: number) => Math.round(n * 10) / 10;

/**
 * Why an account has the health score it has: points lost per factor as a waterfall (with a
 * table alternative), the trend against the previous snapshot, what it takes to reach the next
 * band, the override in force (and a form to request one), and a what-if mode that re-scores with
 * changed signals without writing anything.
 *
 * Give it a `.result` (a HealthResult; add `.signals` and `.model` for exact what-if), or an
 * `account-id` inside a `<kam-provider>` (scored from the store and kept live).
 *
 * @summary Explains a health score: waterfall of points lost, trend, next band, overrides, what-if.
 *
 * @fires kam-override-request - The user asked for an override. `detail: { accountId, value, reason, expiresAt?, onlyLower, computedScore }`.
 * @fires kam-retry - Retry pressed on a store error; the provider loads again. `detail: { source, accountId }`.
 *
 * @csspart header - Score, band and coverage.
 * @csspart waterfall - The points-lost chart.
 * @csspart table - The points table (the chart's alternative).
 * @csspart trend - The trend line.
 * @csspart next-band - What it takes to reach the next band.
 * @csspart override - The override in force and the request form.
 * @csspart what-if - The what-if panel.
 * @csspart what-if-toggle - The button that opens the what-if panel.
 * @csspart state - Loading, empty and error messages.
 *
 * @cssprop --kam-health-explainer-bar - Colour of the points-lost bars.
 * @cssprop --kam-health-explainer-score-bar - Colour of the final score bar.
 */
export class KamHealthExplainer extends KamElement {
  static override styles = styles;

  // The reactive properties as one table: a decorator on each is a call apiece in the bundle.
  // Internal state has no attribute (what @state sets; `state: true` here would make the
  // manifest's analyzer list it as attributes).
  static override properties: PropertyDeclarations = {
    result: { attribute: false }, signals: { attribute: false }, model: { attribute: false },
    accountId: { attribute: 'account-id' }, overrides: { attribute: false },
    previous: { attribute: false }, view: {},
    whatIfOpen: { type: Boolean, attribute: 'what-if', reflect: true }, changes: { attribute: false },
    overrideFormOpen: { attribute: false }, overrideError: { attribute: false },
    overrideSent: { attribute: false }, dataVersion: { attribute: false },
    editorsError: { attribute: false },
  };

  /** A scored result to explain (from the core's `scoreAccount` / `scoreBook`). */
  declare result?: HealthResult;

  /** The signals the result was scored from (for what-if); read from the result's factors when absent. */
  declare signals?: Signals;

  /** The health model (for what-if and scoring in a provider); defaults to the core's default model. */
  declare model?: HealthModel;

  /** Account to explain from the provider's store. */
  declare accountId?: string;

  /** Overrides to apply when scoring from the store; defaults to the provider's `healthOverrides`. */
  declare overrides?: readonly HealthOverride[];

  /** Previous snapshot (for the trend) when scoring from the store. */
  declare previous?: PreviousScore | number;

  /** `chart` or `table` for the points lost (the table's code is fetched the first time it is shown). */
  view: 'chart' | 'table' = 'chart';

  /** Opens the what-if panel. */
  whatIfOpen = false;

  private changes: Signals = {};
  private overrideFormOpen = false;
  private overrideError = '';
  private overrideSent = false;
  private dataVersion = 0;
  /** Why the editors' chunk could not be loaded (opening one, or the table, again retries). */
  private editorsError = '';
  /**
   * What gets focus once a render has it: opening or closing a panel removes the control that did
   * it (or disables it: Reset), and focus must not fall to the page. Set here and by the editors.
   */
  private focusTo?: string;

  private explained: Explained = { state: 'none' };
  #explainedKey: unknown[] = [];
  /** The what-if panel, override form and points table, once their chunk is loaded (see `editors.ts`). */
  private editors?: ReturnType<typeof Editors>;
  #editorsLoading?: Promise<unknown>;

  /** Loads the editors' chunk the first time one is open, then renders again with it. */
  #loadEditors(): void {
    if (this.#editorsLoading) return;
    this.#editorsLoading = fetchPart(editorsLoader).then((m) => {
      const editors = this.editors = m.editors({
        html, css, nothing, t, defineStrings, formatNumber, formatPercent, whatIf, emit, unit: (signal) => builtInSignalUnits[signal], band: bandWord,
      });
      if (this.renderRoot instanceof ShadowRoot) adoptStyles(this.renderRoot, [...KamHealthExplainer.elementStyles, editors.styles]);
    }, (err: unknown) => {
      // Offline, say: close what asked for the editors and say why; opening one again retries.
      this.#editorsLoading = undefined;
      this.whatIfOpen = false;
      this.overrideFormOpen = false;
      this.view = 'chart';
      this.editorsError = t(this.resolvedLocale, 'error', { message: errorMessage(err) });
    });
    this.renderAfter(this.#editorsLoading);
  }

  /** The result currently explained (from `.result` or scored from the store). */
  get currentResult(): HealthResult | undefined {
    return this.explained.state === 'ok' ? this.explained.result : undefined;
  }

  protected override awaitsStore(): boolean {
    return !this.result && !!this.accountId;
  }

  protected override isRelevant(e: ChangeEvent): boolean {
    if (this.result) return false;
    // Loads start and end (or fail) with reset events: the store's status changed.
    return e.type === 'reset' || (e.kind !== 'users' && e.kind !== 'pipelines');
  }

  protected override storeChanged(e: ChangeEvent): void {
    if (this.isRelevant(e)) this.dataVersion++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('accountId') || changed.has('result')) { this.changes = {}; this.overrideSent = false; }
    if (this.whatIfOpen || this.overrideFormOpen || this.view === 'table') { this.editorsError = ''; this.#loadEditors(); }
    // The locale and whether its table is here: the states' words are chosen here, not at render.
    const key = [this.result, this.signals, this.model, this.accountId, this.store, this.store?.status, this.dataVersion, this.overrides ?? this.settings?.healthOverrides, this.previous, this.resolvedLocale, t.ready(this.resolvedLocale)];
    if (key.length !== this.#explainedKey.length || key.some((k, i) => k !== this.#explainedKey[i])) {
      this.#explainedKey = key;
      this.explained = this.explain();
    }
  }

  private explain(): Explained {
    const locale = this.resolvedLocale;
    try {
      const model = this.model ?? defaultHealthModel;
      if (this.result) {
        return { state: 'ok', result: this.result, model, signals: this.signals ?? signalsOf(this.result) };
      }
      const store = this.store;
      if (!store) return { state: 'none' };
      if (store.status === 'loading' || store.status === 'empty') return { state: 'loading' };
      if (store.status === 'error') return { state: 'failed' }; // the store's error box, with Retry
      if (!this.accountId) return { state: 'error', message: t(locale, 'missingId') };
      if (!store.get('accounts', this.accountId)) return { state: 'error', message: t(locale, 'unknownId', { id: this.accountId }) };
      const now = store.now();
      const signals = computeSignals(store, this.accountId, now, { fx: store.fx });
      const result = scoreAccount(model, signals, { accountId: this.accountId, now, overrides: this.overrides ?? this.settings?.healthOverrides, previous: this.previous });
      return { state: 'ok', result, signals, model };
    } catch (err) {
      return { state: 'error', message: t(locale, 'error', { message: errorMessage(err) }) };
    }
  }

  private factorLabel(f: { id: string; label: string }): string {
    return this.resolvedLocale === 'zh-CN' ? factorLabelsZh[f.id] ?? f.label : f.label;
  }

  private formatRaw(signal: string, v: number | undefined): string {
    const locale = this.resolvedLocale;
    if (v === undefined) return t(locale, 'missing');
    const unit = builtInSignalUnits[signal];
    if (unit === 'share') return formatPercent(locale, v);
    if (unit === 'ratio') return `${v > 0 ? '+' : ''}${formatPercent(locale, v)}`;
    if (unit === 'flag') return t(locale, v >= 1 ? 'yes' : 'no');
    return formatNumber(locale, v, { maximumFractionDigits: 1 });
  }

  // ——— rendering ———

  #renderHeader(r: HealthResult): TemplateResult {
    const locale = this.resolvedLocale;
    const tone = toneOf(r);
    return html`<div part="header" class="header">
      <kam-health-badge .result=${r} .locale=${locale} .theme=${this.resolvedTheme}></kam-health-badge>
      <div class="headline">
        <span class="score ${tone}">${formatNumber(locale, Math.round(r.score))}</span>
        <span class="muted">${t(locale, 'outOf')} · ${bandWord(locale, tone)}</span>
      </div>
      <p class="muted small">${t(locale, 'coverage', { pct: formatPercent(locale, r.coverage) })}</p>
      ${r.noData ? html`<p class="warn small">${t(locale, 'noData')}</p>` : nothing}
      ${r.override?.applied ? html`<p class="muted small">${t(locale, 'computed', { score: formatNumber(locale, Math.round(r.computedScore)) })}</p>` : nothing}
    </div>`;
  }

  #renderWaterfall(r: HealthResult): TemplateResult {
    const locale = this.resolvedLocale;
    const items = r.factors.filter((f) => f.pointsLost > 0.05).sort((a, b) => b.pointsLost - a.pointsLost);
    if (items.length === 0) return html`<p class="muted">${t(locale, 'nothingLost')}</p>`;
    const rowH = 26, rows = items.length + 2;
    const height = rows * rowH;
    let running = 100;
    const summary = t(locale, 'waterfallSummary', {
      items: joinList(locale, items.map((f) => `${this.factorLabel(f)} −${formatNumber(locale, pts(f.pointsLost))}`)),
      score: formatNumber(locale, pts(r.computedScore)),
    });
    // Each bar spans [running − lost, running] on a 0–100 axis; labels sit in HTML beside the SVG.
    const bars = items.map((f, i) => {
      const x1 = running - f.pointsLost;
      const bar = svg`<rect class="lost" x="${x1}" y="${(i + 1) * rowH + 5}" width="${Math.max(0.4, f.pointsLost)}" height="${rowH - 10}"></rect>`;
      running = x1;
      return bar;
    });
    return html`<figure part="waterfall" class="waterfall">
      <div class="wf-grid" role="img" aria-label=${summary} style="--rows:${rows};--row-h:${rowH}px">
        <ol class="wf-labels" aria-hidden="true">
          <li>${t(locale, 'start')}</li>
          ${items.map((f) => html`<li title=${this.factorLabel(f)}>${this.factorLabel(f)}</li>`)}
          <li class="strong">${t(locale, 'final')}</li>
        </ol>
        <svg class="wf-svg" viewBox="0 0 100 ${height}" preserveAspectRatio="none" aria-hidden="true" style="height:${height}px">
          <rect class="full" x="0" y="5" width="100" height="${rowH - 10}"></rect>
          ${bars}
          <rect class="final" x="0" y="${(items.length + 1) * rowH + 5}" width="${Math.max(0, r.computedScore)}" height="${rowH - 10}"></rect>
        </svg>
        <ol class="wf-values" aria-hidden="true">
          <li>100</li>
          ${items.map((f) => html`<li>−${formatNumber(locale, pts(f.pointsLost))}</li>`)}
          <li class="strong">${formatNumber(locale, pts(r.computedScore))}</li>
        </ol>
      </div>
      <figcaption class="visually-hidden">${t(locale, 'waterfall')}</figcaption>
    </figure>`;
  }

  #renderTrend(r: HealthResult): TemplateResult {
    const locale = this.resolvedLocale;
    const tr = r.trend;
    let text: string;
    let cls = '';
    if (!tr) text = t(locale, 'noTrend');
    else {
      const since = tr.since ? formatDate(locale, tr.since) : t(locale, 'trendNoDate');
      const params = { delta: formatNumber(locale, pts(Math.abs(tr.delta))), since, previous: formatNumber(locale, pts(tr.previous)) };
      text = t(locale, tr.direction === 'up' ? 'trendUp' : tr.direction === 'down' ? 'trendDown' : 'trendSame', params);
      cls = tr.direction;
    }
    // Not a named region: a page with several explainers would list the same landmark once per
    // account (axe landmark-unique); its heading names it.
    return html`<section part="trend" class="trend ${cls}">
      <h3>${t(locale, 'trend')}</h3>
      <p><span aria-hidden="true" class="arrow">${cls === 'up' ? '▲' : cls === 'down' ? '▼' : cls ? '■' : ''}</span> ${text}</p>
    </section>`;
  }

  #stepText(s: ImprovementStep): string {
    const locale = this.resolvedLocale;
    const label = this.factorLabel({ id: s.factorId, label: s.label });
    return `${t(locale, `op_${s.op}` as 'op_at_least', { label, from: this.formatRaw(s.signal, s.from), target: this.formatRaw(s.signal, s.target) })}${t(locale, 'gain', { points: formatNumber(locale, pts(s.pointsGained)) })}`;
  }

  #renderNextBand(r: HealthResult): TemplateResult {
    const locale = this.resolvedLocale;
    const nb = r.nextBand;
    if (!nb) {
      const top = r.band && r.band.max >= 100;
      return html`<section part="next-band" class="next"><p class="muted">${t(locale, top ? 'topBand' : 'none')}</p></section>`;
    }
    const steps = nb.singleFactor.length ? nb.singleFactor : nb.combination;
    return html`<section part="next-band" class="next">
      <h3>${t(locale, 'nextBand', { band: bandWord(locale, nb.band.tone) })}</h3>
      <p>${t(locale, 'needPoints', { points: formatNumber(locale, pts(nb.pointsNeeded)) })}</p>
      ${!nb.reachable ? html`<p class="warn">${t(locale, 'unreachable')}</p>` : nothing}
      ${steps.length ? html`<p class="muted small">${t(locale, nb.singleFactor.length ? 'anyOf' : 'allOf')}</p>
        <ul>${steps.slice(0, 5).map((s) => html`<li>${this.#stepText(s)}</li>`)}</ul>` : nothing}
    </section>`;
  }

  #renderOverride(r: HealthResult): TemplateResult {
    const locale = this.resolvedLocale;
    const o = r.override;
    return html`<section part="override" class="override">
      <h3>${t(locale, 'override')}</h3>
      ${o?.applied
        ? html`<p>${t(locale, 'overrideActive', { value: formatNumber(locale, o.override.value), author: o.override.author, reason: o.override.reason })}</p>
            <p class="muted small">${t(locale, o.override.expiresAt ? 'overrideExpires' : 'overrideNoExpiry', { date: formatDate(locale, o.override.expiresAt) })}</p>`
        : o ? html`<p class="muted">${t(locale, 'overrideNotApplied', { note: o.note ?? '' })}</p>`
        : html`<p class="muted">${t(locale, 'noOverride')}</p>`}
      ${this.overrideSent ? html`<p role="status" class="small">${t(locale, 'overrideSent')}</p>` : nothing}
      ${this.overrideFormOpen
        ? this.editors?.overrideForm(this as unknown as ExplainerHost, r)
          ?? html`<p class="muted" role="status">${t(locale, 'loading')}</p>`
        : html`<button type="button" class="link" @click=${() => { this.overrideFormOpen = true; this.overrideSent = false; this.focusTo = '.override-form input'; }}>${t(locale, 'requestOverride')}</button>`}
    </section>`;
  }

  #renderWhatIf(e: Extract<Explained, { state: 'ok' }>): TemplateResult {
    const locale = this.resolvedLocale;
    if (!this.whatIfOpen) {
      return html`<button type="button" class="link" part="what-if-toggle" @click=${() => { this.whatIfOpen = true; this.focusTo = '.wi-grid input'; }}>${t(locale, 'whatIf')}</button>
        ${this.editorsError ? html`<p class="error small" role="alert">${this.editorsError}</p>` : nothing}`;
    }
    const editors = this.editors;
    if (!editors) return html`<section class="what-if"><h3>${t(locale, 'whatIf')}</h3><p class="muted" role="status">${t(locale, 'loading')}</p></section>`;
    return editors.whatIfPanel(this as unknown as ExplainerHost, e);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const to = this.focusTo && this.renderRoot.querySelector<HTMLElement>(this.focusTo);
    if (to) { this.focusTo = undefined; to.focus(); }
  }

  protected override render() {
    const locale = this.resolvedLocale;
    const e = this.explained;
    if (e.state === 'loading' || e.state === 'none') return stateMessage(t(locale, e.state));
    if (e.state === 'failed') return storeState(this, this.store, locale, this.accountId);
    if (e.state === 'error') return stateMessage(e.message, true);
    const r = e.result;
    return html`<article class="explainer" aria-label=${t(locale, 'title')}>
      ${this.#renderHeader(r)}
      <section class="losses">
        <div class="losses-head">
          <h3 id="losses">${t(locale, 'waterfall')}</h3>
          <div role="group" aria-label=${t(locale, 'viewAs')} class="toggle">
            <button type="button" aria-pressed=${this.view === 'chart' ? 'true' : 'false'} @click=${() => { this.view = 'chart'; }}>${t(locale, 'viewChart')}</button>
            <button type="button" aria-pressed=${this.view === 'table' ? 'true' : 'false'} @click=${() => { this.view = 'table'; }}>${t(locale, 'viewTable')}</button>
          </div>
        </div>
        ${this.view !== 'table' ? this.#renderWaterfall(r)
          : this.editors?.pointsTable(this as unknown as ExplainerHost, r)
            ?? html`<p class="muted" role="status">${t(locale, 'loading')}</p>`}
      </section>
      <div class="cols">
        ${this.#renderTrend(r)}
        ${this.#renderNextBand(r)}
      </div>
      ${this.#renderOverride(r)}
      ${this.#renderWhatIf(e)}
    </article>`;
  }
}

/** The signals a result was scored from, read back from its factors (raw values). */
function signalsOf(r: HealthResult): Signals {
  const out: Signals = {};
  for (const f of r.factors) out[f.signal] = f.raw;
  return out;
}

