// <kam-alerts>'s dismiss, snooze, severity filter and paging: what runs only once a user acts on
// the alerts. Its own chunk (see actions-loader.ts), fetched when focus or the pointer reaches the
// element; a press that comes before it acts once it is here.
import type { Alert, AlertSeverity } from '@kamkit/core/alerts';
import type { formatDate as FormatDate, Locale } from '../shared/i18n.js';
import type { emit as Emit } from '../shared/events.js';

/** What of the element this code reads and sets (private there: the element hands itself in). */
export interface ActionsHost extends HTMLElement {
  /** shared/events.ts' `emit`, from the element: imported here, that module would be one more file up front. */
  readonly emit: typeof Emit;
  /** shared/i18n.ts' `formatDate`, from the element (as `emit`). */
  readonly formatDate: typeof FormatDate;
  shown: Set<AlertSeverity>;
  gone: Set<string>;
  limit: number;
  pageSize: number;
  snoozeDays: number;
  announcement: string;
  focusedFilter: number;
  resolvedLocale: Locale;
  renderRoot: HTMLElement | DocumentFragment;
  updateComplete: Promise<boolean>;
  now(): Date;
  /** The element's own strings (handed over rather than imported: importing them here would split them out of the up-front bundle into a file of their own). */
  say(key: 'dismissed' | 'snoozed', params: Record<string, string>): string;
}

/**
 * After the next render, focuses the first button of the alert `pick` chooses, else the first
 * filter, else the message in the list's place: whatever removed the focused button (a hide,
 * Show all, the last Show more), focus never falls to the page.
 */
function refocus(host: ActionsHost, pick: (items: NodeListOf<Element>) => Element | undefined): void {
  void host.updateComplete.then(() => {
    const r = host.renderRoot;
    const el = (pick(r.querySelectorAll('li.alert'))?.querySelector('button') ?? r.querySelector('.filter') ?? r.querySelector('[part~="state"]')) as HTMLElement | null;
    if (el?.localName === 'div') el.tabIndex = -1;
    el?.focus();
  });
}

function hide(host: ActionsHost, a: Alert, message: string): void {
  const i = [...host.renderRoot.querySelectorAll<HTMLElement>('li.alert')].findIndex((el) => el.dataset.id === a.id);
  host.gone = new Set(host.gone).add(a.id);
  host.announcement = message;
  // Keyboard focus stays in the list: on the alert now in its place (the items are drawn in
  // order, so the next one), else the one before it.
  refocus(host, (items) => items[Math.min(i, items.length - 1)]);
}

export function dismiss(host: ActionsHost, a: Alert, title: string): void {
  if (!host.emit(host, 'kam-alert-dismiss', { alert: a }, { cancelable: true })) return;
  hide(host, a, host.say('dismissed', { title }));
}

export function snooze(host: ActionsHost, a: Alert, title: string): void {
  const until = new Date(host.now().getTime() + host.snoozeDays * 86_400_000).toISOString();
  if (!host.emit(host, 'kam-alert-snooze', { alert: a, until, days: host.snoozeDays }, { cancelable: true })) return;
  hide(host, a, host.say('snoozed', { title, date: host.formatDate(host.resolvedLocale, until) }));
}

export function toggle(host: ActionsHost, s: AlertSeverity): void {
  const next = new Set(host.shown);
  if (next.has(s)) next.delete(s); else next.add(s);
  host.shown = next;
  host.limit = host.pageSize;
}

/** "Show all" from a filter that shows nothing: every severity, focus on the first alert. */
export function showAll(host: ActionsHost): void {
  host.shown = new Set();
  refocus(host, (items) => items[0]);
}

/** "Show more": the next page, focus on the first alert it added. */
export function more(host: ActionsHost): void {
  const n = host.limit;
  host.limit += host.pageSize;
  refocus(host, (items) => items[n]);
}

/** Arrows, Home and End between the severity filters (a roving tab stop); `from` is the focused filter. */
export function filterKey(host: ActionsHost, from: EventTarget | null, key: string): void {
  const buttons = [...host.renderRoot.querySelectorAll<HTMLButtonElement>('.filter')];
  const i = buttons.indexOf(from as HTMLButtonElement);
  if (i < 0) return;
  const n = buttons.length;
  const next = key === 'ArrowRight' || key === 'ArrowDown' ? (i + 1) % n
    : key === 'ArrowLeft' || key === 'ArrowUp' ? (i - 1 + n) % n
    : key === 'Home' ? 0 : key === 'End' ? n - 1 : -1;
  if (next < 0) return;
  host.focusedFilter = next; // the render moves the tab stop
  buttons[next].focus();
}
