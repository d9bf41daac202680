// The explainer's rarely used parts — the what-if panel, the override request form and the points
// table — loaded on demand (their own chunk): a page shows them only after the user opens one (or
// sets `what-if` / `view="table"`).
// The chunk imports nothing at run time: the element hands it lit, its strings and the scorer
// (`editors(deps)`), so loading it adds no second copy of them and no chunk shared with the page.
// Their own strings are here too (zh-CN in editors.zh-CN.ts): a page that never opens them never
// loads those.
import type { CSSResult, html as Html, nothing as Nothing, TemplateResult } from 'lit';
import type { FactorExplanation, HealthModel, HealthResult, Signals, whatIf as WhatIf } from '@kamkit/core/health';
import type { defineStrings as DefineStrings, formatNumber as FormatNumber, formatPercent as FormatPercent, Locale, Translator } from '../shared/i18n.js';
import type { emit as Emit } from '../shared/events.js';
import type { t as T } from './strings.js';

const en = {
  overrideValue: 'Score (0–100)',
  overrideReason: 'Reason',
  overrideExpiry: 'Expires on',
  overrideOnlyLower: 'Only if it lowers the score',
  submit: 'Send request',
  cancel: 'Cancel',
  overrideInvalidValue: 'Enter a score from 0 to 100.',
  overrideInvalidReason: 'Say why the score should be overridden.',
  whatIfHint: 'Change a signal to see the score move. Nothing is saved.',
  whatIfResult: 'Score would be {score} ({delta}), {band}',
  whatIfBandChanged: 'band changes',
  reset: 'Reset',
  close: 'Close',
  colFactor: 'Factor',
  colValue: 'Value',
  colEarned: 'Points earned',
  colLost: 'Points lost',
  colWeight: 'Weight',
  treat_ignored: 'ignored (no data)',
  treat_neutral: 'neutral (no data)',
  treat_worst: 'counted as worst (no data)',
  treat_no_data_fallback: 'no data',
};
/** Every locale's table of the editors has exactly these keys (editors.zh-CN.ts is checked against it). */
export type EditorEn = typeof en;
/** The editors' translator: one for the page (every explainer calls `editors()`, each would add a loader and load the table again). */
let editorStrings: Translator<keyof EditorEn> | undefined;

/** What the element hands the chunk (all of it already on the page). */
export interface EditorDeps {
  html: typeof Html;
  css: (s: TemplateStringsArray) => CSSResult;
  nothing: typeof Nothing;
  t: typeof T;
  defineStrings: typeof DefineStrings;
  formatNumber: typeof FormatNumber;
  formatPercent: typeof FormatPercent;
  whatIf: typeof WhatIf;
  emit: typeof Emit;
  /** A signal's unit (`share`, `flag`, …). */
  unit(signal: string): string | undefined;
  /** A band's word in the locale. */
  band(locale: Locale, tone: string): string;
}

/** The element's members the editors read and write (its private state, seen from here). */
export interface ExplainerHost extends HTMLElement {
  readonly resolvedLocale: Locale;
  readonly store?: { now(): Date };
  readonly accountId?: string;
  changes: Signals;
  whatIfOpen: boolean;
  overrideFormOpen: boolean;
  overrideError: string;
  overrideSent: boolean;
  /** A selector: what gets focus after the next render (a control that went away or was disabled had it). */
  focusTo?: string;
  factorLabel(f: { id: string; label: string }): string;
  formatRaw(signal: string, v: number | undefined): string;
}

/** What the what-if panel scores with (the element's explained result). */
export interface Explained { model: HealthModel; signals: Signals; result: HealthResult }

/** Round to one decimal for display of points. */
const pts = (n: number) => Math.round(n * 10) / 10;

/** The points table's columns: factor and value, then three numbers. */
const columns = ['colFactor', 'colValue', 'colEarned', 'colLost', 'colWeight'] as const;

function range(model: HealthModel, unit: string | undefined, f: FactorExplanation): { min: number; max: number; step: number } {
  const def = model.factors.find((x) => x.id === f.id);
  if (unit === 'flag') return { min: 0, max: 1, step: 1 };
  let lo = 0, hi = 100;
  const s = def?.scoring;
  if (s?.type === 'linear') { const span = s.to - s.from; lo = s.from - span * 0.25; hi = s.to + span * 0.25; }
  else if (s?.type === 'steps') { const last = s.thresholds[s.thresholds.length - 1]; lo = Math.min(0, s.thresholds[0] - 1); hi = last + Math.max(1, Math.abs(last) * 0.5); }
  else if (s?.type === 'decay') { lo = 0; hi = (s.graceDays ?? 0) + s.halfLifeDays * 4; }
  if (unit === 'share') { lo = Math.max(0, lo); hi = Math.min(1, Math.max(hi, 1)); }
  if (unit === 'count' || unit === 'days') { lo = Math.floor(lo); hi = Math.ceil(hi); }
  if (unit === 'count') lo = Math.max(0, lo);
  const raw = f.raw;
  if (raw !== undefined) { lo = Math.min(lo, raw); hi = Math.max(hi, raw); }
  const span = hi - lo;
  const step = unit === 'count' || unit === 'days' || unit === 'points' ? 1 : span <= 2 ? 0.01 : span <= 20 ? 0.1 : 1;
  return { min: lo, max: hi, step };
}

/** What the user asked for in the override form. */
export interface OverrideAsk { value: number; reason: string; expiresAt?: string; onlyLower: boolean }

export function editors({ html, css, nothing, t, defineStrings, formatNumber, formatPercent, whatIf, emit, unit, band }: EditorDeps) {
  /** The editors' own strings (`t` is the element's). */
  const te = editorStrings ??= defineStrings({ id: 'health-explainer editors', en, 'zh-CN': () => import('./editors.zh-CN.js') });
  /** Sliders (and checkboxes for flags) per factor; re-scores with the changed signals, writing nothing. */
  function whatIfPanel(h: ExplainerHost, { model, signals, result }: Explained): TemplateResult {
    const locale = h.resolvedLocale, changes = h.changes;
    const changed = Object.keys(changes).length > 0;
    const set = (signal: string, value: number) => { h.changes = { ...h.changes, [signal]: value }; };
    let wi: ReturnType<typeof whatIf> | undefined;
    let err = '';
    try {
      if (changed) wi = whatIf(model, signals, changes, { accountId: result.accountId, now: h.store?.now() });
    } catch (x) { err = (x as Error).message; }
    const after = wi?.after;
    const factors = result.factors.filter((f) => model.factors.some((m) => m.id === f.id));
    return html`<section part="what-if" class="what-if">
        <h3>${t(locale, 'whatIf')}</h3>
        <p class="muted small">${te(locale, 'whatIfHint')}</p>
        <div class="wi-grid">
          ${factors.map((f) => {
            const u = unit(f.signal);
            const r = range(model, u, f);
            const current = changes[f.signal] ?? signals[f.signal] ?? f.raw;
            const value = current === undefined ? '' : String(current);
            const label = h.factorLabel(f);
            const id = `wi-${f.id}`;
            return u === 'flag'
              ? html`<label class="inline" for=${id}><input id=${id} type="checkbox" .checked=${(current ?? 0) >= 1}
                  @change=${(ev: Event) => set(f.signal, (ev.target as HTMLInputElement).checked ? 1 : 0)}> ${label}</label>`
              : html`<label for=${id}>${label}</label>
                <input id=${id} type="range" min=${r.min} max=${r.max} step=${r.step} .value=${value === '' ? String(r.min) : value}
                  aria-valuetext=${h.formatRaw(f.signal, current)}
                  @input=${(ev: Event) => set(f.signal, Number((ev.target as HTMLInputElement).value))}>
                <output for=${id}>${h.formatRaw(f.signal, current)}</output>`;
          })}
        </div>
        <p class="wi-result" role="status" aria-live="polite">${err
          ? t(locale, 'error', { message: err })
          : after && wi
            ? `${te(locale, 'whatIfResult', {
                score: formatNumber(locale, pts(after.score)),
                delta: `${wi.delta >= 0 ? '+' : '−'}${formatNumber(locale, pts(Math.abs(wi.delta)))}`,
                band: band(locale, after.band.tone),
              })}${wi.bandChanged ? ` · ${te(locale, 'whatIfBandChanged')}` : ''}`
            : ''}</p>
        <div class="actions">
          <button type="button" @click=${() => { h.changes = {}; h.focusTo = '.wi-grid input'; }} ?disabled=${!changed}>${te(locale, 'reset')}</button>
          <button type="button" @click=${() => { h.whatIfOpen = false; h.changes = {}; h.focusTo = '[part=what-if-toggle]'; }}>${te(locale, 'close')}</button>
        </div>
      </section>`;
  }

  /** The points per factor as a table: the waterfall's alternative, with what each factor's value was. */
  function pointsTable(h: ExplainerHost, r: HealthResult): TemplateResult {
    const locale = h.resolvedLocale;
    const rows = [...r.factors].sort((a, b) => b.pointsLost - a.pointsLost || b.maxPoints - a.maxPoints);
    return html`<table part="table">
      <caption class="visually-hidden">${t(locale, 'waterfall')}</caption>
      <thead><tr>${columns.map((k, i) => html`<th scope="col" class=${i > 1 ? 'num' : ''}>${te(locale, k)}</th>`)}</tr></thead>
      <tbody>
        ${rows.map((f) => html`<tr>
          <th scope="row">${h.factorLabel(f)}</th>
          <td>${f.missing ? te(locale, `treat_${f.treatment}` as 'treat_ignored') : h.formatRaw(f.signal, f.raw)}</td>
          <td class="num">${formatNumber(locale, pts(f.pointsEarned))}</td>
          <td class="num">${f.pointsLost > 0 ? `−${formatNumber(locale, pts(f.pointsLost))}` : '0'}</td>
          <td class="num">${formatPercent(locale, f.weight)}</td>
        </tr>`)}
      </tbody>
      <tfoot><tr><th scope="row">${t(locale, 'final')}</th><td></td>
        <td class="num">${formatNumber(locale, pts(r.computedScore))}</td>
        <td class="num">−${formatNumber(locale, pts(100 - r.computedScore))}</td><td class="num">${formatPercent(locale, r.coverage)}</td></tr></tfoot>
    </table>`;
  }

  /** The override request form: a request that checks out is sent as `kam-override-request`; else the form says what is wrong. */
  function overrideForm(h: ExplainerHost, result: HealthResult): TemplateResult {
    const locale = h.resolvedLocale;
    const submit = (ask: OverrideAsk | string) => {
      if (typeof ask === 'string') { h.overrideError = ask; return; }
      h.overrideError = '';
      emit(h, 'kam-override-request', { accountId: result.accountId ?? h.accountId, ...ask, computedScore: result.computedScore });
      h.overrideFormOpen = false;
      h.overrideSent = true;
      h.focusTo = '.override button';
    };
    const onSubmit = (e: SubmitEvent) => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      const value = Number(data.get('value'));
      const reason = String(data.get('reason') ?? '').trim();
      const expires = String(data.get('expires') ?? '');
      if (data.get('value') === '' || !Number.isFinite(value) || value < 0 || value > 100) submit(te(locale, 'overrideInvalidValue'));
      else if (!reason) submit(te(locale, 'overrideInvalidReason'));
      else submit({ value, reason, onlyLower: data.get('onlyLower') === 'on', ...(expires ? { expiresAt: expires } : {}) });
    };
    return html`<form class="override-form" @submit=${onSubmit} novalidate>
        <label>${te(locale, 'overrideValue')}<input name="value" type="number" min="0" max="100" step="1" required></label>
        <label>${te(locale, 'overrideReason')}<input name="reason" type="text" required maxlength="500"></label>
        <label>${te(locale, 'overrideExpiry')}<input name="expires" type="date"></label>
        <label class="inline"><input name="onlyLower" type="checkbox"> ${te(locale, 'overrideOnlyLower')}</label>
        ${h.overrideError ? html`<p class="error" role="alert">${h.overrideError}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary">${te(locale, 'submit')}</button>
          <button type="button" @click=${() => { h.overrideFormOpen = false; h.overrideError = ''; h.focusTo = '.override button'; }}>${te(locale, 'cancel')}</button>
        </div>
      </form>`;
  }

  /** The editors' styles, adopted by the element next to its own once this chunk is loaded. */
  const styles = css`
    .override-form, .what-if { display: flex; flex-direction: column; gap: var(--_space); }
    label { display: flex; flex-direction: column; gap: 2px; font-size: 0.9em; }
    label.inline { flex-direction: row; align-items: center; gap: 0.4em; }
    input[type='number'], input[type='text'], input[type='date'] {
      font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border);
      border-radius: var(--_radius); padding: 0.3em 0.5em; max-width: 24em;
    }
    .wi-grid { display: grid; grid-template-columns: minmax(8em, 14em) 1fr 6em; gap: calc(var(--_space) * 0.75) var(--_space); align-items: center; }
    .wi-grid label.inline { grid-column: 1 / -1; }
    .wi-grid label:not(.inline) { font-size: 0.9em; }
    output { font-variant-numeric: tabular-nums; text-align: end; font-size: 0.9em; }
    input[type='range'] { width: 100%; accent-color: var(--_accent); }
    .wi-result { font-weight: 600; min-height: 1.4em; }
    .actions { display: flex; gap: var(--_space); }
    button.primary { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
    table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
    th, td { text-align: start; padding: 0.3em 0.5em; border-bottom: 1px solid var(--_border); }
    thead th { color: var(--_muted); font-weight: 600; }
    tbody th { font-weight: 500; }
    .num { text-align: end; font-variant-numeric: tabular-nums; }
    @container (max-width: 420px) { .wi-grid { grid-template-columns: 1fr 5em; } .wi-grid label:not(.inline) { grid-column: 1 / -1; } }
  `;
  return { whatIfPanel, overrideForm, pointsTable, styles };
}
