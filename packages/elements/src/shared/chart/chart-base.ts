// The base every kam-*-chart extends. It resolves the chart's state (loading / empty / error /
// data, from `.data` or from the store), re-lays out on resize (ResizeObserver on the plot
// area), makes marks keyboard-reachable (roving tabindex, arrow keys; the tooltip shows on
// focus and on hover), keeps a data-table alternative in the accessibility tree (visible on
// toggle) and exports that table as CSV. Subclasses supply compute / table / plot.
import { html, svg, nothing, type PropertyDeclarations, type PropertyValues, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { ChangeEvent, MoneyTotal } from '@kamkit/core';
import type { Slice } from '@kamkit/core/analytics';
import { KamElement } from '../kam-element.js';
import type { KamStore } from '../context.js';
import { emit } from '../events.js';
import { retryKeepingFocus } from '../retry.js';
import { toError } from '../errors.js';
import { stateMessage } from '../state-message.js';
import { toCsv, type CsvCell } from './csv.js';
import { excludedNotes } from './order-quality.js';
import { chartT } from './strings.js';

export { chartT } from './strings.js';

/** The data-table alternative: raw cells (the CSV) and their localised display text. */
export interface ChartTable {
  columns: string[];
  rows: CsvCell[][];
  /**
   * Per column, the display text of its raw cells (a localised number, percent, amount); a
   * missing figure reaches it as null, which the i18n number formatters show as '—'. A column
   * without one shows the raw value.
   */
  format?: Array<((v: number, row: number) => string) | undefined>;
  /** Display text per cell, for a table whose rows differ in kind (overrides `format`). */
  display?: string[][];
}

export type ChartState<D> =
  | { state: 'loading' }
  | { state: 'empty' }
  | { state: 'error'; error: Error; /** the store failed to load (a Retry can load it again) */ retry?: boolean }
  | { state: 'ok'; data: D };

/** Detail of `kam-chart-export`: the CSV text and the file name it would download as. */
export interface ChartExportDetail { csv: string; filename: string }

declare global {
  interface HTMLElementEventMap {
    /** Cancelable; preventDefault() stops the browser download (e.g. to send the CSV elsewhere). */
    'kam-chart-export': CustomEvent<ChartExportDetail>;
  }
}

export { ABSURD_AMOUNT } from './limits.js';
export { accountSlice } from './slice.js';

const UI_KEYS = new Set<PropertyKey>(['showTable', 'active', 'tip', 'width']);
/** Changes that redraw the same marks (new figures, words, colours): the keyboard user's place is kept. */
const SAME_MARKS = new Set<PropertyKey>([...UI_KEYS, 'data', 'quality', 'loading', 'error', 'settings', 'locale', 'theme']);

/** The SVG text size (chart.styles.ts: `svg { font-size: 11px }`). */
const FONT_PX = 11;
let measurer: CanvasRenderingContext2D | null | undefined;

export abstract class KamChart<D> extends KamElement {
  // The reactive properties as one table: a decorator on each is a call apiece in the bundle.
  // Internal state has no attribute (what @state sets; `state: true` here would make the
  // manifest's analyzer list it as attributes).
  static override properties: PropertyDeclarations = {
    data: { attribute: false }, loading: { type: Boolean }, error: { attribute: false }, heading: {},
    headingLevel: { attribute: 'heading-level', type: Number }, currency: {},
    slice: { attribute: false }, showTable: { attribute: false }, active: { attribute: false },
    tip: { attribute: false }, width: { attribute: false },
  };

  /** The analytics result to draw; when set, the store is not read. */
  declare data?: D;
  /** Shows the loading state (e.g. while the host fetches `.data`). */
  loading = false;
  /** Shows the error state with this message. */
  declare error?: Error | string;
  /** Title above the chart (default: the chart's own name). */
  declare heading?: string;
  /** The title's level in the host page's outline (an h3 unless set; e.g. 2 right under the page's h1). */
  headingLevel = 3;
  /** Reporting currency (default: the provider's / store's). */
  declare currency?: string;
  /** Store mode: the slice of the book to chart (owners, regions, industries, pipelines). */
  declare slice?: Slice;

  protected showTable = false;
  protected active = 0;
  protected tip = -1;
  protected width = 0;

  #ro?: ResizeObserver;
  /** A width the observer reported, drawn at the next frame. */
  #nextWidth?: number;
  #observed?: HTMLElement;
  #dirty = true;
  /** A mark had focus when this update began. */
  #focused = false;
  private resolved: ChartState<D> = { state: 'loading' };
  private labels: string[] = [];

  /** The chart's own name (used for the title, the table caption and the CSV file name). */
  protected abstract chartTitle(): string;
  /** Store mode: the analytics result for the current options. */
  protected abstract compute(store: KamStore): D;
  protected abstract isEmpty(data: D): boolean;
  protected abstract table(data: D): ChartTable;
  /** The plot, drawn `width` px wide; marks go through `mark()`. */
  protected abstract plot(data: D, width: number): TemplateResult | SVGTemplateResult;
  /** Store mode: whether the options narrow the book (an empty chart then blames the filters, not the book). */
  protected narrowed(): boolean { return Object.values(this.slice ?? {}).some((v) => v?.length); }
  /** Explanations shown above the plot (excluded currencies, odd data). */
  protected notes(_data: D): string[] { return []; }

  /** The currency the chart's amounts are shown in: `currency`, else the reporting currency. */
  get reporting(): string { return this.currency ?? this.reportingCurrency; }

  /** The chart's current state. */
  get chartState(): ChartState<D> { this.refresh(); return this.resolved; }

  /** The data table as CSV (RFC 4180, formula-injection guarded); '' when there is no data. */
  toCsv(): string {
    const s = this.chartState;
    if (s.state !== 'ok') return '';
    const t = this.table(s.data);
    return toCsv(t.columns, t.rows);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#ro ??= new ResizeObserver((entries) => {
      // floor, not round: a drawing half a pixel wider than its box overflows it
      const w = Math.floor(entries[entries.length - 1].contentRect.width);
      if (w <= 0 || w === this.width) { this.#nextWidth = undefined; return; }
      // Redrawn in the next frame, not inside this observer callback: a redraw that changes the
      // page's layout (a scrollbar coming or going) would otherwise end in Chromium's "ResizeObserver
      // loop completed with undelivered notifications" error. updateComplete waits for that frame.
      const pending = this.#nextWidth !== undefined;
      this.#nextWidth = w;
      if (!pending) {
        this.renderAfter(new Promise<void>((done) => requestAnimationFrame(() => {
          if (this.#nextWidth !== undefined) this.width = this.#nextWidth;
          this.#nextWidth = undefined;
          done();
        })));
      }
    });
    this.#observed = undefined;
    this.#observePlot();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#ro?.disconnect();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#observePlot();
    this.#placeTip();
    // the focused mark is gone (fewer marks, or redrawn): focus the one that took its place
    const r = this.renderRoot as ShadowRoot;
    if (this.#focused && !r.activeElement) r.querySelector<SVGGElement>(`[data-mark="${this.active}"]`)?.focus();
  }

  /**
   * The shown tooltip above its mark, its measured box moved sideways to stay inside the plot and
   * the viewport (clamping only its centre left half of a wide box off a 360 px screen), and down
   * into the drawing where it would rise above it: it covered the controls above the plot (a view
   * select, the header's buttons), the ones a keyboard user on the first mark may want next.
   */
  #placeTip(): void {
    const t = this.renderRoot.querySelector<HTMLElement>('.tooltip'), m = this.renderRoot.querySelector(`[data-mark="${this.tip}"]`);
    if (!t || !m) return;
    const p = t.parentElement!.getBoundingClientRect(), r = m.getBoundingClientRect(), s = t.style;
    s.left = '0'; // measured where it has the plot's whole width to take
    const w = t.offsetWidth;
    s.left = `${Math.max(0, -p.left, Math.min(r.left - p.left + (r.width - w) / 2, Math.min(p.width, document.documentElement.clientWidth - p.left) - w))}px`;
    // not above the drawing (the tooltip's sibling before it): what sits above is the chart's
    // controls (buttons, a view select, a checkbox) and legend
    s.top = `${Math.max(r.top, t.previousElementSibling!.getBoundingClientRect().top + t.offsetHeight + 6) - p.top}px`;
  }

  /** The plot area's width is what the drawing may use (the host's, less the frame's padding and border). */
  #observePlot(): void {
    const plot = this.renderRoot?.querySelector<HTMLElement>('.plot') ?? undefined;
    if (!plot || plot === this.#observed || !this.#ro) return;
    if (this.#observed) this.#ro.unobserve(this.#observed);
    this.#ro.observe(this.#observed = plot);
  }

  protected override storeChanged(e: ChangeEvent): void {
    if (this.data === undefined && this.isRelevant(e)) this.#dirty = true;
    super.storeChanged(e);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.#focused = !!(this.renderRoot as ShadowRoot | undefined)?.activeElement?.matches('.mark');
    // New figures for the same marks (a sync, another user's edit, new `.data`) keep the user's
    // place: the same mark (by position; clamped in render) stays the tab stop and keeps its
    // tooltip. Another view, pipeline or period starts again at the first mark.
    for (const k of changed.keys()) {
      if (!UI_KEYS.has(k)) this.#dirty = true;
      if (!SAME_MARKS.has(k)) { this.active = 0; this.tip = -1; break; }
    }
  }

  private refresh(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    this.resolved = this.resolve();
  }

  protected override awaitsStore(): boolean {
    return this.data === undefined && !this.loading && !this.error;
  }

  private resolve(): ChartState<D> {
    if (this.error) return { state: 'error', error: toError(this.error) };
    if (this.loading) return { state: 'loading' };
    try {
      let data = this.data;
      if (data === undefined) {
        const store = this.store;
        if (!store) return { state: 'empty' };
        if (store.status === 'loading' || store.status === 'empty') return { state: 'loading' };
        if (store.status === 'error') return { state: 'error', error: store.error ?? new Error('the store failed to load'), retry: true };
        data = this.compute(store);
      }
      return this.isEmpty(data) ? { state: 'empty' } : { state: 'ok', data };
    } catch (err) {
      return { state: 'error', error: toError(err) };
    }
  }

  /** A keyboard- and pointer-reachable mark; `label` is its tooltip and accessible name. */
  protected mark(label: string, body: SVGTemplateResult, cls = ''): SVGTemplateResult {
    const i = this.labels.length;
    this.labels.push(label);
    return svg`<g class="mark ${cls}" data-mark=${i} tabindex=${i === this.active ? 0 : -1} role="img" aria-label=${label}
      @focus=${() => { this.tip = i; }} @blur=${() => this.#hideTip(i)}
      @pointerenter=${() => { this.tip = i; }} @pointerleave=${() => this.#hideTip(i)}>${body}</g>`;
  }

  #hideTip(i: number): void {
    if (this.tip === i && !this.renderRoot.querySelector(`[data-mark="${i}"]:focus`)) this.tip = -1;
  }

  #onPlotKey(e: KeyboardEvent): void {
    const n = this.labels.length;
    if (!n) return;
    const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -n, End: n };
    if (e.key === 'Escape') { this.tip = -1; return; }
    if (!(e.key in keys)) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(n - 1, this.active + keys[e.key]));
    this.active = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<SVGGElement>(`[data-mark="${next}"]`)?.focus());
  }

  #download(): void {
    const csv = this.toCsv();
    const filename = `${this.localName}.csv`;
    if (!emit(this, 'kam-chart-export', { csv, filename }, { cancelable: true })) return;
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url; a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private font = '';

  /** Width in px of `text` as the chart's SVG draws it (the host's font family, 11 px; `bold` for 600 weight). */
  protected textWidth(text: string, bold = false): number {
    measurer ??= document.createElement('canvas').getContext('2d');
    if (!measurer) return [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.62), 0) * FONT_PX;
    measurer.font = `${bold ? '600 ' : ''}${FONT_PX}px ${this.font || 'sans-serif'}`;
    return measurer.measureText(text).width;
  }

  /** `text`, cut with an ellipsis to fit `max` px (the full text stays in the mark's label and the table). */
  protected fit(text: string, max: number): string {
    if (this.textWidth(text) <= max) return text;
    const chars = [...text];
    let lo = 0, hi = chars.length - 1; // the longest prefix that fits with '…'
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.textWidth(`${chars.slice(0, mid).join('')}…`) <= max) lo = mid; else hi = mid - 1;
    }
    return lo ? `${chars.slice(0, lo).join('').trimEnd()}…` : '';
  }

  /** Width in px of the widest of `texts`, rounded up. */
  protected widest(texts: string[]): number {
    return Math.ceil(Math.max(0, ...texts.map((t) => this.textWidth(t))));
  }

  /** Label every n-th of `labels` (`step` px apart) so that none overlaps the next; the rest are in the marks' names and the table. */
  protected every(labels: string[], step: number): number {
    return Math.max(1, Math.ceil((this.widest(labels) + 6) / step));
  }

  /** Left margin that holds the widest y-axis label (drawn 4 px left of the axis). */
  protected axisMargin(labels: string[], min: number): number {
    return Math.max(min, this.widest(labels) + 8);
  }

  /** The drawing: an SVG `width` × `h` px, named for assistive technology (default: the chart's own name). */
  protected frame(width: number, h: number, body: unknown, label = this.chartTitle()): TemplateResult {
    return html`<svg width=${width} height=${h} viewBox="0 0 ${width} ${h}" role="group" aria-label=${label}>${body}</svg>`;
  }

  /** Localised notes for the excluded (no FX rate) part of money totals. */
  protected excludedNotes(...totals: Array<{ currency: string; excluded?: MoneyTotal['excluded'] } | undefined>): string[] {
    return excludedNotes(this.resolvedLocale, ...totals);
  }

  protected override render(): TemplateResult {
    const l = this.resolvedLocale;
    const s = this.chartState;
    const title = this.heading ?? this.chartTitle();
    this.labels = [];
    let body: TemplateResult;
    if (s.state === 'loading') body = stateMessage(chartT(l, 'loading'));
    else if (s.state === 'error') {
      body = stateMessage(html`${chartT(l, 'error', { message: s.error.message })}${s.retry ? html` <button type="button" part="button retry"
        @click=${() => retryKeepingFocus(this, { source: this.localName })}>${chartT(l, 'retry')}</button>` : nothing}`, !s.retry || this); // the store's failed load: see liveRole
    }
    else if (s.state === 'empty') body = stateMessage(`${chartT(l, 'empty')} ${this.data === undefined && this.store && this.narrowed() ? chartT(l, 'emptyHint') : ''}`);
    else {
      const t = this.table(s.data);
      const notes = this.notes(s.data);
      this.font = getComputedStyle(this).fontFamily; // once per render, for textWidth()
      let plot = this.plot(s.data, this.width || 480);
      const n = this.labels.length;
      if (this.tip >= n) this.tip = -1;
      if (n && this.active >= n) { this.active = n - 1; this.labels = []; plot = this.plot(s.data, this.width || 480); } // the mark is gone: the nearest left
      body = html`
        ${notes.length ? html`<ul class="notes" part="notes">${notes.map((n) => html`<li>${n}</li>`)}</ul>` : nothing}
        <div class="plot" part="plot" @keydown=${this.#onPlotKey}>
          ${plot}
          <div class="tooltip" part="tooltip" role="tooltip" ?hidden=${this.tip < 0}>${this.labels[this.tip] ?? ''}</div>
        </div>
        <div class="table-wrap"><table part="table" class=${this.showTable ? 'data-table' : 'data-table visually-hidden'}>
          <caption>${chartT(l, 'tableOf', { title })}</caption>
          <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
          <tbody>${t.rows.map((r, i) => html`<tr>${r.map((c, j) => {
            const text = t.display?.[i]?.[j] ?? (t.format?.[j] ? t.format[j]!(c as number, i) : c ?? '');
            return j === 0 ? html`<th scope="row">${text}</th>` : html`<td>${text}</td>`;
          })}</tr>`)}</tbody>
        </table></div>`;
    }
    // A named group, not a labelled <section>: each would be one more region landmark (a dashboard
    // had 13); the header is a div too, as a <header> outside a section would be a banner landmark.
    return html`<div class="chart" part="chart" role="group" aria-label=${chartT(l, 'chartOf', { title })}>
      <div class="header" part="header">
        <h3 part="title" aria-level=${this.headingLevel === 3 ? nothing : this.headingLevel}>${title}</h3>
        ${s.state === 'ok' ? html`<div class="actions">
          <button type="button" part="button table-toggle" aria-pressed=${this.showTable ? 'true' : 'false'}
            @click=${() => { this.showTable = !this.showTable; }}>${chartT(l, this.showTable ? 'hideTable' : 'showTable')}</button>
          <button type="button" part="button export" @click=${this.#download}>${chartT(l, 'exportCsv')}</button>
        </div>` : nothing}
      </div>
      ${body}
    </div>`;
  }
}

/** Axis ticks as SVG: horizontal grid lines with labels at the left. */
export function yAxis(ticks: number[], y: (v: number) => number, fmt: (v: number) => string, x0: number, x1: number): SVGTemplateResult {
  return svg`<g class="axis" aria-hidden="true">${ticks.map((t) => svg`
    <line class="grid" x1=${x0} x2=${x1} y1=${y(t)} y2=${y(t)}></line>
    <text x=${x0 - 4} y=${y(t)} dy="0.32em" text-anchor="end">${fmt(t)}</text>`)}</g>`;
}
