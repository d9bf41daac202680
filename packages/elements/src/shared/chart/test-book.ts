// A small hand-made book for the chart and KPI tile tests (not shipped: test-* files never reach
// dist/): one pipeline of three open stages, a won and a lost one; seven deals with stage
// histories; four accounts with a year of orders and a few contracts. Every figure a chart shows
// can be worked out by hand, and each test compares it with the core analytics on the same book.
import { expect } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import { describeEl, until } from '../test-wait.js';
import { Store, type Account, type Book, type Contract, type FxTable, type Opportunity, type Order, type Pipeline } from '@kamkit/core';

export const NOW = '2026-11-23T00:00:00Z';
export const clock = new Date(NOW);

/** CNY base; USD has a rate, JPY has none (its amounts are excluded with a reason). */
export const fx: FxTable = { name: 'Test treasury', snapshots: [{ date: '2026-10-31', base: 'CNY', rates: { USD: 7 } }] };

export function pipeline(): Pipeline {
  const st = (id: string, name: string, order: number, probability: number, forecastCategory: Pipeline['stages'][number]['forecastCategory'], kind: 'open' | 'won' | 'lost' = 'open') =>
    ({ id, name, order, probability, forecastCategory, kind, entryCriteria: { requiredFields: [], checklist: [] }, keyFields: [] });
  return {
    id: 'pl', name: 'New business', sourceIds: {},
    rules: { allowSkip: true, allowBackward: true, allowReopen: false, wonRequires: { reason: false, date: true }, lostRequires: { reason: false, date: true } },
    stages: [st('lead', 'Lead', 1, 0.1, 'pipeline'), st('proposal', 'Proposal', 2, 0.5, 'best_case'), st('commit', 'Commit', 3, 0.8, 'commit'),
      st('won', 'Won', 4, 1, 'closed', 'won'), st('lost', 'Lost', 5, 0, 'omitted', 'lost')],
  };
}

/** A stage history from [stageId, entered date] pairs: each stay ends when the next begins. */
function history(...steps: Array<[string, string]>): Opportunity['stageHistory'] {
  return steps.map(([stageId, d], i) => ({ stageId, enteredAt: `${d}T00:00:00Z`, ...(steps[i + 1] ? { leftAt: `${steps[i + 1][1]}T00:00:00Z` } : {}) }));
}

export function deal(id: string, stageId: string, amount: number, closeDate: string, steps: Array<[string, string]>, extra: Partial<Opportunity> = {}): Opportunity {
  return {
    id, accountId: 'a1', pipelineId: 'pl', stageId, name: `Deal ${id}`, amount: { amount, currency: 'CNY' }, closeDate: `${closeDate}T00:00:00Z`,
    ownerId: 'u1', stageHistory: history(...steps), checklist: {}, sourceIds: {}, ...extra,
  };
}

export function deals(): Opportunity[] {
  return [
    deal('d1', 'lead', 100_000, '2026-12-15', [['lead', '2026-11-01']]),
    deal('d2', 'proposal', 200_000, '2026-12-20', [['lead', '2026-10-01'], ['proposal', '2026-10-11']], { accountId: 'a2' }),
    deal('d3', 'commit', 50_000, '2027-01-10', [['lead', '2026-10-01'], ['proposal', '2026-10-05'], ['commit', '2026-10-25']], { amount: { amount: 50_000, currency: 'USD' }, accountId: 'a3' }),
    deal('d4', 'won', 300_000, '2026-11-10', [['lead', '2026-09-01'], ['proposal', '2026-09-11'], ['commit', '2026-10-01'], ['won', '2026-11-10']], { closedAt: '2026-11-10T00:00:00Z' }),
    deal('d5', 'lost', 80_000, '2026-10-20', [['lead', '2026-09-15'], ['proposal', '2026-09-25'], ['lost', '2026-10-20']], { closedAt: '2026-10-20T00:00:00Z', accountId: 'a2' }),
    deal('d6', 'won', 150_000, '2026-08-20', [['lead', '2026-06-01'], ['proposal', '2026-06-21'], ['commit', '2026-07-11'], ['won', '2026-08-20']], { closedAt: '2026-08-20T00:00:00Z', accountId: 'a3' }),
    deal('d7', 'lost', 70_000, '2026-09-05', [['lead', '2026-07-01'], ['lost', '2026-09-05']], { closedAt: '2026-09-05T00:00:00Z', accountId: 'a4' }),
  ];
}

export function accounts(): Account[] {
  const a = (id: string, name: string, region: string, industry: string): Account => ({ id, name, region, industry, ownerId: 'u1', tags: [], sourceIds: {} });
  return [a('a1', 'Alpha Steel', 'East', 'Manufacturing'), a('a2', 'Beta Retail', 'West', 'Retail'), a('a3', 'Gamma Foods', 'East', 'Retail'), a('a4', 'Delta Logistics', 'North', 'Logistics')];
}

export function order(id: string, accountId: string, amount: number, date: string, currency = 'CNY'): Order {
  return { id, accountId, orderedAt: `${date}T00:00:00Z`, amount: { amount, currency }, margin: { amount: amount / 4, currency }, status: 'fulfilled', sourceIds: {} };
}

export function orders(): Order[] {
  return [
    // Alpha: steady and growing; Beta: shrinks; Gamma: one order, then gone; Delta: new this year.
    order('o1', 'a1', 300_000, '2025-08-10'), order('o2', 'a1', 300_000, '2025-11-10'), order('o3', 'a1', 400_000, '2026-02-10'), order('o4', 'a1', 500_000, '2026-05-10'), order('o5', 'a1', 600_000, '2026-08-15'),
    order('o6', 'a2', 200_000, '2025-08-20'), order('o7', 'a2', 150_000, '2025-11-20'), order('o8', 'a2', 120_000, '2026-02-20'), order('o9', 'a2', 100_000, '2026-08-20'),
    order('o10', 'a3', 90_000, '2025-12-05'),
    order('o11', 'a4', 10_000, '2026-07-07', 'USD'),
  ];
}

export function contracts(): Contract[] {
  const c = (id: string, accountId: string, end: string, renewalStatus: Contract['renewalStatus']): Contract =>
    ({ id, accountId, name: `Contract ${id}`, startDate: '2025-01-01T00:00:00Z', endDate: `${end}T00:00:00Z`, value: { amount: 100_000, currency: 'CNY' }, renewalStatus, sourceIds: {} });
  return [c('c1', 'a1', '2026-10-31', 'renewed'), c('c2', 'a2', '2026-11-15', 'churned'), c('c3', 'a3', '2026-08-31', 'renewed')];
}

export const users = [{ id: 'u1', name: 'Wang Lei' }];

export function book(over: Partial<Book> = {}): Partial<Book> {
  return { pipelines: [pipeline()], opportunities: deals(), accounts: accounts(), orders: orders(), contracts: contracts(), users, ...over };
}

export function store(b: Partial<Book> = book()): Store {
  return Store.fromBook(b, { fx, now: () => clock });
}

/** The core options every chart uses with this book. */
export const core = { now: clock, currency: 'CNY', fx };

export const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

export function root(el: Element): ShadowRoot { return el.shadowRoot!; }

/** The data table's body as text, row by row (what a screen reader reads). */
export function tableRows(el: Element): string[][] {
  return [...root(el).querySelectorAll('table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
}

export function tableHead(el: Element): string[] {
  return [...root(el).querySelectorAll('table thead th')].map((c) => c.textContent!.trim());
}

export function notes(el: Element): string[] {
  return [...root(el).querySelectorAll('.notes li')].map((n) => n.textContent!.trim());
}

export function csvLines(el: { toCsv(): string }): string[] {
  return el.toCsv().trim().split('\r\n');
}

/** The export button's CSV, taken from the (prevented) kam-chart-export event. */
export function exportCsv(el: HTMLElement): { csv: string; filename: string } {
  let got = { csv: '', filename: '' };
  const on = (e: CustomEvent<{ csv: string; filename: string }>) => { got = e.detail; e.preventDefault(); };
  el.addEventListener('kam-chart-export', on as EventListener);
  root(el).querySelector<HTMLButtonElement>('[part~="export"]')!.click();
  el.removeEventListener('kam-chart-export', on as EventListener);
  return got;
}

export const en = (n: number, o?: Intl.NumberFormatOptions) => n.toLocaleString('en', o);

type ChartEl = HTMLElement & { updateComplete: Promise<boolean> };

/**
 * What is wrong with the tooltip as `mark`'s, or '' when nothing is: it shows `mark`'s label, has a
 * box, lies inside the chart and the viewport across, and covers none of the chart's controls
 * (buttons, selects, checkboxes). Measured, so callers poll it (`until`): the box is placed after a
 * render and can move once more when the plot's width arrives from its ResizeObserver.
 */
function tipProblem(el: ChartEl, mark: Element): string {
  const tip = root(el).querySelector<HTMLElement>('.tooltip');
  const label = mark.getAttribute('aria-label');
  if (!tip) return 'no tooltip';
  if (tip.hidden) return 'the tooltip is hidden';
  if (tip.textContent !== label) return `the tooltip reads "${tip.textContent}", the mark "${label}"`;
  const t = tip.getBoundingClientRect();
  if (!(t.width > 0 && t.height > 0)) return `the tooltip's box is ${t.width}×${t.height} px`;
  const host = el.getBoundingClientRect();
  const lo = Math.max(0, host.left), hi = Math.min(document.documentElement.clientWidth, host.right);
  if (t.left < lo - 0.5 || t.right > hi + 0.5) return `"${label}": the tooltip spans ${t.left.toFixed(1)}..${t.right.toFixed(1)}, outside ${lo.toFixed(1)}..${hi.toFixed(1)}`;
  for (const c of root(el).querySelectorAll('select, button, input')) {
    const b = c.getBoundingClientRect();
    if (b.right > t.left && b.left < t.right && b.bottom > t.top && b.top < t.bottom) {
      return `"${label}": the tooltip (${t.top.toFixed(1)}–${t.bottom.toFixed(1)}) covers ${c.localName} "${c.textContent!.trim().slice(0, 20)}" (${b.top.toFixed(1)}–${b.bottom.toFixed(1)})`;
    }
  }
  return '';
}

/** Waits until `mark` has focus and its tooltip shows whole, inside the chart, clear of the controls. */
async function untilTipOf(el: ChartEl, mark: Element, what: string, ms?: number): Promise<void> {
  await until(() => root(el).activeElement === mark && !tipProblem(el, mark), what,
    () => (root(el).activeElement === mark ? tipProblem(el, mark) : `the focus is on ${describeEl(root(el).activeElement)}`), ms);
}

/**
 * Focuses the first mark: its tooltip shows its label, whole and clear of the controls; ArrowRight
 * moves the focus and the tooltip to the next mark; leaving hides it. Each step waits for what it
 * checks (up to `ms`, 5 s by default), not for one update: on a loaded machine the drawing, the
 * focus move and the tooltip's placing can each come a frame or a task later.
 */
export async function checkKeyboardTooltip(el: ChartEl, expectFirst: string, ms?: number): Promise<void> {
  const marks = () => [...root(el).querySelectorAll<SVGGElement>('.mark')];
  const tip = () => root(el).querySelector<HTMLElement>('.tooltip')!;
  await until(() => marks().length > 0, 'the chart to draw its marks', () => `${marks().length} marks; the chart reads "${root(el).textContent!.replace(/\s+/g, ' ').trim().slice(0, 120)}"`, ms);
  await el.updateComplete;
  expect(marks().filter((m) => m.getAttribute('tabindex') === '0').length, 'marks in the tab order (one: the roving tab stop)').to.equal(1);
  expect(tip().hidden, 'no tooltip before a mark has focus').to.equal(true);
  const first = marks()[0];
  first.focus();
  await untilTipOf(el, first, "the first mark's focus and its tooltip", ms);
  expect(tip().textContent).to.contain(expectFirst);
  let last = first;
  if (marks().length > 1) {
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    last = marks()[1];
    await untilTipOf(el, last, "ArrowRight: the second mark's focus and its tooltip", ms);
    expect(last.getAttribute('tabindex'), 'the focused mark is the tab stop').to.equal('0');
  }
  last.blur();
  await until(() => tip().hidden, 'the tooltip to hide once the mark loses focus', () => `it reads "${tip().textContent}"`, ms);
}

/** Focuses every mark in turn: each tooltip's whole box stays inside the chart and the viewport (and off the controls). */
export async function checkTooltipsInside(el: ChartEl): Promise<void> {
  const marks = [...root(el).querySelectorAll<SVGGElement>('.mark')];
  expect(marks.length, 'marks drawn').to.be.greaterThan(1);
  for (const m of marks) {
    m.focus();
    await untilTipOf(el, m, `the tooltip of "${m.getAttribute('aria-label')}" inside the chart`);
  }
}

/** Moves the real pointer over a mark's first shape, then between two marks, then away: the tooltip follows. */
export async function checkHoverTooltip(el: ChartEl): Promise<void> {
  const marks = [...root(el).querySelectorAll<SVGGElement>('.mark')];
  const tip = root(el).querySelector<HTMLElement>('.tooltip')!;
  const over = async (m: SVGGElement) => {
    const r = m.firstElementChild!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
  };
  try {
    for (const m of marks.slice(0, 2)) {
      await over(m);
      await until(() => !tip.hidden && tip.textContent === m.getAttribute('aria-label'), `the tooltip of "${m.getAttribute('aria-label')}" under the pointer`,
        () => (tip.hidden ? 'the tooltip is hidden' : `it reads "${tip.textContent}"`));
    }
    await sendMouse({ type: 'move', position: [0, 0] });
    await until(() => tip.hidden, 'the tooltip to hide once the pointer leaves the marks', () => `it reads "${tip.textContent}"`);
  } finally {
    await resetMouse();
  }
}

/** Puts the element in a 640 px box, narrows it to 320 px, and checks the drawing follows (each once the plot's ResizeObserver has redrawn it). */
export async function checkResize(wrap: HTMLElement, el: ChartEl): Promise<void> {
  const width = () => Number(root(el).querySelector('.plot > svg, .plot svg[role=group]')?.getAttribute('width'));
  wrap.style.width = '640px';
  await until(() => width() >= 560 && width() <= 640, 'the drawing to be 560–640 px wide in a 640 px box', () => `${width()} px`);
  const w1 = width();
  wrap.style.width = '320px';
  await until(() => width() < w1 && width() <= 320, `the drawing to narrow from ${w1} px to at most 320 px`, () => `${width()} px`);
}

/** axe in light and dark on the element a factory renders. */
export async function checkAxe(make: (theme: 'light' | 'dark') => Promise<HTMLElement>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    const el = await make(theme);
    await frame();
    await expect(el).to.be.accessible();
  }
}

/**
 * Windows High Contrast on `el`: emulateMedia({ forcedColors: 'active' }) where the launcher can
 * (Playwright); under Puppeteer (this config) it is a no-op, so then the element's own
 * `@media (forced-colors: active)` rules are applied as if the media matched (as tokens.test.ts
 * does). Returns the system colours as the element computes them, to compare marks with; call
 * `emulateMedia({ forcedColors: 'none' })` after.
 */
export async function forcedColors(el: Element): Promise<Record<'CanvasText' | 'Highlight' | 'Canvas', string>> {
  await emulateMedia({ forcedColors: 'active' });
  const r = el.shadowRoot!;
  if (!matchMedia('(forced-colors: active)').matches) {
    const forced = new CSSStyleSheet();
    for (const sheet of r.adoptedStyleSheets) {
      for (const rule of sheet.cssRules) {
        if (!(rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active'))) continue;
        for (const inner of rule.cssRules) forced.insertRule(inner.cssText, forced.cssRules.length);
      }
    }
    r.adoptedStyleSheets = [...r.adoptedStyleSheets, forced];
  }
  const probe = document.createElement('span');
  el.after(probe);
  const colour = (c: string) => { probe.style.color = c; return getComputedStyle(probe).color; };
  const out = { CanvasText: colour('CanvasText'), Highlight: colour('Highlight'), Canvas: colour('Canvas') };
  probe.remove();
  return out;
}

/** WCAG 2 contrast ratio of two computed rgb() colours. */
export function contrast(a: string, b: string): number {
  const lum = (c: string) => c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => { const x = +v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((n, v, k) => n + [0.2126, 0.7152, 0.0722][k] * v, 0);
  const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/** Focuses each mark in turn: its tooltip's box covers none of the chart's controls (buttons, selects, checkboxes). */
export async function checkTipClearOfControls(el: ChartEl, where: string): Promise<void> {
  const controls = [...root(el).querySelectorAll('select, button, input')];
  expect(controls.length).to.be.greaterThan(2);
  for (const [i, m] of [...root(el).querySelectorAll<SVGGElement>('.mark')].entries()) {
    m.focus();
    await untilTipOf(el, m, `${where}: mark ${i}'s tooltip shown, clear of the controls`);
  }
}
