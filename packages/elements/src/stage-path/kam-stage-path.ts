import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { checkStageMove, type ChangeEvent, type Opportunity, type Pipeline, type Stage } from '@kamkit/core';
import { KamElement } from '../shared/kam-element.js';
import { errorMessage } from '../shared/errors.js';
import { emit } from '../shared/events.js';
import { stateMessage } from '../shared/state-message.js';
import { formatDate, formatNumber, type Locale } from '../shared/i18n.js';
import { formatFieldValue, getPath } from '../shared/field-value.js';
import { localFieldLabel } from '../pipeline-board/field-labels.js';
// The won / lost dialog is the board's lazily loaded part: fetched the first time a deal is closed.
import type { CloseDialogState } from '../pipeline-board/close-dialog.js';
import { parts, rules } from '../pipeline-board/parts.js';
import type { PathHost, Refusal } from './actions.js';
import { fetchPart } from '../shared/lazy-part.js';
import { actionsLoader } from './actions-loader.js';
import { styles } from './kam-stage-path.styles.js';
import { refusals, t } from './strings.js';

type Actions = typeof import('./actions.js');

/** detail of `kam-checklist-toggle` (cancellable): a checklist item was ticked or unticked. */
export interface ChecklistToggleDetail {
  opportunity: Opportunity;
  /** The checklist item id (stage entry criteria). */
  itemId: string;
  checked: boolean;
}

declare global {
  interface HTMLElementEventMap {
    'kam-checklist-toggle': CustomEvent<ChecklistToggleDetail>;
  }
}

const DAY = 86_400_000;
const isOpen = (s: Stage) => (s.kind ?? 'open') === 'open';

/** Milliseconds the deal spent in each stage, from its stage history (the open entry runs to `now`). */
export function timeInStages(opp: Opportunity, now: Date): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of opp.stageHistory ?? []) {
    const from = Date.parse(h.enteredAt);
    const to = h.leftAt ? Date.parse(h.leftAt) : now.getTime();
    if (Number.isNaN(from) || Number.isNaN(to)) continue;
    out.set(h.stageId, (out.get(h.stageId) ?? 0) + Math.max(0, to - from));
  }
  return out;
}

/**
 * One opportunity's way through its pipeline, like Salesforce's Path over any backend: the stages
 * as an ordered path with the current one marked (`aria-current="step"`) and the time spent in
 * each, the current stage's guidance, key fields and checklist, and what is still missing to enter
 * the next stage — with a "Move to …" action that goes through the same rules as the board.
 *
 * Inside a `<kam-provider>` give it `opportunity-id`; alone, `.opportunity` and `.pipeline`.
 *
 * @summary Stage path of one opportunity: progress, time in stage, guidance, checklist and entry criteria.
 *
 * @fires kam-stage-move - Before a move; cancellable. detail: `{ opportunity, from, to }`.
 * @fires kam-stage-moved - After a move was applied. detail: `{ opportunity, from, to, entry?, input? }`.
 * @fires kam-checklist-toggle - A checklist item was ticked or unticked; cancellable. detail: `{ opportunity, itemId, checked }`.
 *
 * @csspart path - The ordered list of stages.
 * @csspart step - One stage in the path.
 * @csspart details - The current stage's guidance, key fields and checklist.
 * @csspart next - What is missing to enter the next stage, and the move action.
 * @csspart outcome - The won / lost banner.
 * @csspart refusal - Why the last move of this deal did not happen or was not kept (refused, stopped by the page, a conflict, a failed write).
 * @csspart close-dialog - The won / lost dialog.
 * @csspart state - Loading, empty and error messages.
 * @csspart part-error - Says the path's actions or the won / lost dialog could not be fetched (the next try fetches them again).
 *
 * @cssprop --kam-stage-path-step-min-width - Narrowest a step may get before the path scrolls (default 96px).
 */
export class KamStagePath extends KamElement {
  static override styles = styles;

  // The reactive properties as one table: a decorator on each is a call apiece in the bundle.
  // Internal state has no attribute (what @state sets; `state: true` here would make the
  // manifest's analyzer list it as attributes).
  static override properties: PropertyDeclarations = {
    opportunityId: { attribute: 'opportunity-id' }, opportunity: { attribute: false },
    pipeline: { attribute: false }, loading: { type: Boolean }, error: { attribute: false },
    dialog: { attribute: false }, refusal: { attribute: false }, announcement: { attribute: false },
    busy: { attribute: false }, partError: { attribute: false },
  };

  /** The opportunity to show from the provider's store. */
  declare opportunityId?: string;

  /** The opportunity (alone mode; wins over `opportunity-id`). */
  declare opportunity?: Opportunity;

  /** Its pipeline (alone mode; the store's is used otherwise). */
  declare pipeline?: Pipeline;

  /** Shows the loading state (alone mode). */
  loading = false;

  /** Shows the error state with this message (alone mode). */
  declare error?: Error | string;

  // The state below is also read and written by actions.ts (as its PathHost).
  declare private dialog?: CloseDialogState;
  /** Why the last move of this deal did not happen, shown by the button until the deal changes (worded at each render). */
  declare private refusal?: Refusal;
  private announcement = '';
  private busy = false;
  /** Why the won / lost dialog could not be fetched; the next move to a closed stage tries again. */
  private partError = '';
  private dialogStyled = false;

  protected override awaitsStore(): boolean {
    return !this.opportunity && !!this.opportunityId && !this.loading && !this.error;
  }

  private get opp(): Opportunity | undefined {
    if (this.opportunity) return this.opportunity;
    return this.opportunityId ? this.store?.get('opportunities', this.opportunityId) : undefined;
  }

  private pipelineOf(opp: Opportunity | undefined): Pipeline | undefined {
    if (this.pipeline && (!opp || this.pipeline.id === opp.pipelineId)) return this.pipeline;
    return opp ? this.store?.pipeline(opp.pipelineId) ?? this.pipeline : this.pipeline;
  }

  protected override isRelevant(e: ChangeEvent): boolean {
    if (e.kind === 'pipelines') return true;
    if (e.kind !== 'opportunities') return false;
    const id = this.opportunity?.id ?? this.opportunityId;
    return e.type === 'reset' || (!!id && e.ids.includes(id));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.dialog) parts.dialog.loaded?.syncCloseDialog(this.shadowRoot);
  }

  /** For actions.ts (see PathHost). */
  private loadDialog() {
    return fetchPart(parts.dialog);
  }

  /** For actions.ts: the core's rules (see parts.ts). */
  private readonly rules = rules;
  /** For actions.ts (see PathHost). */
  private readonly emit = emit;

  private say(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** The next stage forward: the next open stage, else the first won stage. */
  nextStage(opp: Opportunity, stages: Stage[]): Stage | undefined {
    const current = stages.find((s) => s.id === opp.stageId);
    if (current && !isOpen(current)) return undefined;
    return stages.find((s) => isOpen(s) && (!current || s.order > current.order)) ?? stages.find((s) => s.kind === 'won');
  }

  // ——— actions ———
  // Moves, the won / lost dialog and checklist ticks run only when the user acts: their code is
  // its own chunk (actions.ts), fetched the first time (the buttons wait, disabled, meanwhile).

  /** Runs an action, fetching the actions' chunk first if need be; a failed fetch is said (`failed` undoes what the click did), and the next action tries again. */
  private act<R>(run: (m: Actions, host: PathHost) => R | Promise<R>, failed: () => R): Promise<R> {
    this.partError = '';
    const wait = !actionsLoader.loaded;
    if (wait) this.busy = true;
    // Disabling the box or button in focus (while the chunk is fetched) drops focus to the page: it
    // goes back once they work again.
    const focused = wait ? this.shadowRoot?.activeElement as HTMLElement | null : null;
    // Their strings come with them: in zh-CN the table is fetched before the first thing is said.
    const done = fetchPart(actionsLoader).then((m) => m.t.load(this.resolvedLocale).then(() => {
      if (wait) this.busy = false;
      return run(m, this as unknown as PathHost);
    }), (err: unknown) => {
      if (wait) this.busy = false;
      this.partError = t(this.resolvedLocale, 'actionsFailed', { error: errorMessage(err) });
      return failed();
    });
    this.renderAfter(done);
    const refocus = async () => {
      await this.updateComplete;
      if (focused?.isConnected && document.activeElement === document.body) focused.focus();
    };
    if (focused) void done.then(refocus, refocus);
    return done;
  }

  /** Moves the opportunity to a stage through the same flow as the board. Resolves true when applied. */
  requestMove(toStageId: string): Promise<boolean> {
    return this.act((m, host) => m.requestMove(host, toStageId), () => false);
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    const locale = this.resolvedLocale;
    let body: TemplateResult;
    try {
      body = this.#renderBody(locale);
    } catch (err) {
      body = this.#renderError(locale, err);
    }
    return html`${body}<div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  /** An error box: an alert, or for the store's failed load (`of` this element) see `liveRole`. */
  #renderError(locale: Locale, err: unknown, of: boolean | this = true): TemplateResult {
    const message = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
    return stateMessage(html`<strong>${t(locale, 'errorTitle')}</strong>${message}`, of); // the message a line of its own (.state.error is a flex column)
  }

  #renderBody(locale: Locale): TemplateResult {
    if (this.error) return this.#renderError(locale, this.error);
    if (this.store?.status === 'error') return this.#renderError(locale, this.store.error, this);
    const opp = this.opp;
    if (this.loading || (!opp && this.store?.status === 'loading')) return stateMessage(t(locale, 'loading'));
    if (!opp) return stateMessage(t(locale, this.opportunityId ? 'notFound' : 'noOpportunity', { id: this.opportunityId! }));
    const pipeline = this.pipelineOf(opp);
    if (!pipeline) return stateMessage(t(locale, 'noPipeline', { id: opp.pipelineId }));
    const now = this.now();
    const stages = [...pipeline.stages].sort((a, b) => a.order - b.order);
    const current = stages.find((s) => s.id === opp.stageId);
    const kind = current?.kind ?? 'open';
    const spent = timeInStages(opp, now);
    const visited = new Set((opp.stageHistory ?? []).map((h) => h.stageId));
    const open = stages.filter(isOpen);
    const closedStages = stages.filter((s) => !isOpen(s));
    const next = this.nextStage(opp, stages);
    return html`
      <section class="wrap" aria-label=${t(locale, 'pathLabel', { name: opp.name })}>
        <h2 class="title">${opp.name}</h2>
        ${kind !== 'open' ? this.#renderOutcome(opp, current!, locale) : nothing}
        ${!current ? html`<p class="warn" role="note">${t(locale, 'unknownStage', { id: opp.stageId, pipeline: pipeline.name })}</p>` : nothing}
        <ol class="path" part="path">
          ${open.map((s) => this.#renderStep(s, current, visited, spent, locale))}
          ${kind !== 'open'
            ? this.#renderStep(current!, current, visited, spent, locale)
            : html`<li class="step upcoming closed" part="step">
                <span class="step-name">${t(locale, 'closed')}</span>
                <span class="step-time muted">${closedStages.map((s) => s.name).join(' / ')}</span>
                <span class="visually-hidden">${t(locale, 'upcoming')}</span>
              </li>`}
        </ol>
        ${current ? this.#renderDetails(opp, current, pipeline, locale) : nothing}
        ${next ? this.#renderNext(opp, pipeline, next, locale) : current && kind === 'open' ? html`<p class="muted">${t(locale, 'lastStage')}</p>` : nothing}
        ${this.refusal?.opp === opp ? html`<p class="missing" part="refusal">${actionsLoader.loaded?.refusalWords(locale, this.refusal, rules)}</p>` : nothing}
        ${this.partError ? html`<p class="state error" part="part-error" role="alert">${this.partError}</p>` : nothing}
      </section>
      ${this.dialog ? parts.dialog.loaded?.renderCloseDialog(locale, this.dialog, pipeline, {
        // The dialog opens only through the actions' chunk: it is here.
        submit: (reason, date) => void actionsLoader.loaded?.submitDialog(this as unknown as PathHost, reason, date),
        cancel: () => actionsLoader.loaded?.cancelDialog(this as unknown as PathHost),
      }, rules) : nothing}`;
  }

  #renderOutcome(opp: Opportunity, stage: Stage, locale: Locale): TemplateResult {
    const won = stage.kind === 'won';
    const reason = won ? opp.wonReason : opp.lostReason;
    return html`<div class="outcome ${won ? 'won' : 'lost'}" part="outcome" role="note">
      <strong>${t(locale, won ? 'won' : 'lost')}</strong>
      ${opp.closedAt ? html`<span>${t(locale, won ? 'wonOn' : 'lostOn', { date: formatDate(locale, opp.closedAt) })}</span>` : nothing}
      ${reason ? html`<span>${t(locale, 'reason', { reason })}</span>` : nothing}
    </div>`;
  }

  #renderStep(s: Stage, current: Stage | undefined, visited: Set<string>, spent: Map<string, number>, locale: Locale): TemplateResult {
    const isCurrent = s.id === current?.id;
    const before = current && s.order < current.order;
    const status = isCurrent ? 'current' : before ? (visited.has(s.id) || !visited.size ? 'done' : 'skipped') : 'upcoming';
    const ms = spent.get(s.id);
    const time = ms === undefined ? (status === 'upcoming' ? '' : t(locale, 'never'))
      : t(locale, ms < DAY ? 'lessThanDay' : 'days', { n: formatNumber(locale, Math.floor(ms / DAY)) });
    const kind = s.kind ?? 'open';
    return html`<li class="step ${status} kind-${kind}" part="step" aria-current=${isCurrent ? 'step' : nothing}>
      <span class="step-name">${s.name}</span>
      ${time ? html`<span class="step-time">${t(locale, 'spent', { time })}</span>` : nothing}
      <span class="visually-hidden">${t(locale, status)}</span>
    </li>`;
  }

  #renderDetails(opp: Opportunity, stage: Stage, pipeline: Pipeline, locale: Locale): TemplateResult {
    // A stage with no checklist says nothing of one: "Nothing to tick for this stage" stood right above
    // the next stage's checklist and read as if it were that stage's.
    const items = stage.entryCriteria?.checklist ?? [];
    return html`<div class="details" part="details">
      ${stage.guidance ? html`<div class="block"><h3>${t(locale, 'guidance')}</h3><p class="guidance">${stage.guidance}</p></div>` : nothing}
      ${stage.keyFields?.length
        ? html`<div class="block"><h3>${t(locale, 'keyFields')}</h3><dl class="fields">
            ${stage.keyFields.map((f) => html`<div><dt>${localFieldLabel(locale, f)}</dt><dd>${formatFieldValue(getPath(opp, f), f, locale)}</dd></div>`)}
          </dl></div>`
        : nothing}
      ${items.length ? html`<div class="block"><h3>${t(locale, 'checklist')}</h3>${this.#renderChecklist(opp, items)}</div>` : nothing}
    </div>`;
  }

  #renderChecklist(opp: Opportunity, items: ReadonlyArray<{ id: string; label: string }>): TemplateResult {
    return html`<ul class="checklist">${items.map((c) => html`<li><label>
      <input type="checkbox" .checked=${opp.checklist?.[c.id] === true} ?disabled=${this.busy}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement, checked = input.checked;
          void this.act((m, host) => m.toggle(host, c.id, c.label, checked, input), () => { input.checked = !checked; });
        }} />
      <span>${c.label}</span></label></li>`)}</ul>`;
  }

  #renderNext(opp: Opportunity, pipeline: Pipeline, next: Stage, locale: Locale): TemplateResult {
    // Checked as the move checks it (move-checks.ts' checkMove: the store's rules when it holds the
    // deal, else the same rules over the given records), written out here: that module is the lazy
    // parts' own, and imported up front too it would be one more file loaded up front.
    const store = this.store;
    const check = store?.checkMove && store.get('opportunities', opp.id) ? store.checkMove(opp.id, next.id, {}) : checkStageMove(opp, pipeline, opp.id, next.id, {}, this.now());
    // Close reason and date are asked for at the move itself (move-checks.ts' closeCodes); they are not "missing" here.
    const shown = check.reasons.filter((r) => !/^(reason_required|date_required|invalid_date)$/.test(r.code));
    // Every item, ticked or not: a box ticked from the keyboard stays where focus is.
    const items = next.entryCriteria?.checklist ?? [];
    return html`<div class="next" part="next">
      <h3>${t(locale, 'nextTitle', { stage: next.name })}</h3>
      ${shown.length
        ? html`<ul class="missing">${shown.map((r) => html`<li>${refusals?.refusalText(locale, r, pipeline, next, rules) ?? r.message}</li>`)}</ul>`
        : html`<p class="ready">${t(locale, 'ready', { stage: next.name })}</p>`}
      ${items.length ? this.#renderChecklist(opp, items) : nothing}
      <button type="button" class="primary ${next.kind ?? 'open'}" ?disabled=${this.busy} @click=${() => void this.requestMove(next.id)}>
        ${t(locale, 'moveNext', { stage: next.name })}</button>
    </div>`;
  }
}
