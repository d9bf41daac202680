// <kam-account-list>'s keyboard, selection, opening, sorting, search and filters: what runs only
// once a user acts on the list. Its own chunk (see keys-loader.ts), fetched when focus or the
// pointer reaches the list; the list keeps the page still for a key pressed before it is here,
// and hands every input on, in order, once it is.
import type { Account } from '@kamkit/core';
import type { AccountColumn, AccountFilters } from './kam-account-list.js';
import type { KamStore } from '../shared/context.js';
import type { emit as Emit } from '../shared/events.js';

/** What of the list this code reads and sets (private there: the list hands itself in). */
export interface KeysHost extends HTMLElement {
  /** shared/events.ts' `emit`, from the element: imported here, that module would be one more file up front. */
  readonly emit: typeof Emit;
  view: Account[];
  activeIndex: number;
  selectedIds: readonly string[];
  selection: 'single' | 'multi' | 'none';
  viewport: number;
  rowHeight: number;
  store?: KamStore;
  accounts?: readonly Account[];
  gridEl: HTMLElement | null;
  renderRoot: HTMLElement | DocumentFragment;
  revealActive(): void;
  sortKey?: string;
  sortDir: 'asc' | 'desc';
  search: string;
  filters: AccountFilters;
  scrollPos: number;
  searchTimer?: ReturnType<typeof setTimeout>;
  updateComplete: Promise<boolean>;
}

function setSelection(list: KeysHost, ids: string[]): void {
  list.selectedIds = ids;
  const accounts: Account[] = [];
  const byId = new Map(list.view.map((a) => [a.id, a]));
  for (const id of ids) {
    const a = byId.get(id) ?? list.store?.get('accounts', id) ?? list.accounts?.find((x) => x.id === id);
    if (a) accounts.push(a);
  }
  list.emit(list, 'kam-account-select', { ids: [...ids], accounts });
}

/** Space / click: single mode selects the row; multi mode toggles it (additive) or selects only it. */
function toggle(list: KeysHost, index: number, additive: boolean): void {
  const a = list.view[index];
  if (list.selection === 'none' || !a) return;
  const sel = list.selectedIds;
  const has = sel.includes(a.id);
  if (list.selection === 'single') {
    if (!(has && sel.length === 1)) setSelection(list, [a.id]);
  } else if (additive) setSelection(list, has ? sel.filter((id) => id !== a.id) : [...sel, a.id]);
  else setSelection(list, has && sel.length === 1 ? [] : [a.id]);
}

/** Adds the rows from `a` to `b` (display indexes, either order) to the selection. */
function selectRange(list: KeysHost, a: number, b: number): void {
  const ids = new Set(list.selectedIds);
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) ids.add(list.view[i].id);
  setSelection(list, [...ids]);
}

export function open(list: KeysHost, index: number): void {
  const a = list.view[index];
  if (a) list.emit(list, 'kam-account-open', { id: a.id, account: a });
}

/** A key on the grid itself (the list has checked that it is not on a header button). */
export function onKey(list: KeysHost, e: KeyboardEvent): void {
  const n = list.view.length;
  if (n === 0) return;
  const page = Math.max(1, Math.floor(list.viewport / list.rowHeight) - 1);
  const multi = list.selection === 'multi';
  let next = list.activeIndex;
  switch (e.key) {
    case 'ArrowDown': next++; break;
    case 'ArrowUp': next--; break;
    case 'Home': next = 0; break;
    case 'End': next = n - 1; break;
    case 'PageDown': next += page; break;
    case 'PageUp': next -= page; break;
    case ' ':
    case 'Spacebar':
      e.preventDefault();
      toggle(list, list.activeIndex, multi);
      return;
    case 'Enter':
      e.preventDefault();
      open(list, list.activeIndex);
      return;
    case 'a':
      if ((e.ctrlKey || e.metaKey) && multi) {
        e.preventDefault();
        setSelection(list, list.view.map((a) => a.id));
      }
      return;
    case 'Escape':
      if (list.selectedIds.length && list.selection !== 'none') { e.preventDefault(); setSelection(list, []); }
      return;
    default:
      return;
  }
  e.preventDefault();
  next = Math.max(0, Math.min(n - 1, next));
  const from = list.activeIndex;
  list.activeIndex = next;
  // Shift+move extends the selection over the rows passed.
  if (e.shiftKey && multi && next !== from) selectRange(list, from, next);
  list.revealActive();
}

/** A click on row `i`: selects it (Ctrl / ⌘ adds, Shift extends in multi mode) and makes it active. */
export function click(list: KeysHost, i: number, e: MouseEvent): void {
  const from = list.activeIndex;
  list.activeIndex = i;
  if (list.selection === 'multi' && e.shiftKey) selectRange(list, from, i);
  else toggle(list, i, list.selection === 'multi' && (e.ctrlKey || e.metaKey));
  list.gridEl?.focus({ preventScroll: true });
}

/**
 * A header's sort button: the same column flips the direction; another sorts by it (numbers and
 * health largest first). A new order starts at its first row, as a new search or filter does.
 */
export function sortBy(list: KeysHost, col: AccountColumn): void {
  if (list.sortKey === col.key) list.sortDir = list.sortDir === 'asc' ? 'desc' : 'asc';
  else { list.sortKey = col.key; list.sortDir = col.format === 'health' || col.format === 'money' || col.format === 'number' ? 'desc' : 'asc'; }
  toTop(list);
}

/** The search box's text, debounced: filtering 100,000 accounts on every keystroke would make typing lag. */
export function search(list: KeysHost, value: string): void {
  clearTimeout(list.searchTimer);
  list.searchTimer = setTimeout(() => { list.search = value; toTop(list); }, 150);
}

export function setFilter(list: KeysHost, dim: keyof AccountFilters, value: string): void {
  const next: AccountFilters = { ...list.filters };
  if (value) next[dim] = [value];
  else delete next[dim];
  list.filters = next;
  toTop(list);
}

export function clearFilters(list: KeysHost): void {
  list.filters = {};
  list.search = '';
  const input = list.renderRoot.querySelector<HTMLInputElement>('input[type="search"]');
  if (input) input.value = '';
  toTop(list);
  // The button pressed goes away with the filters: focus goes to the search box (else the grid),
  // not to the page.
  void list.updateComplete.then(() => (input ?? list.gridEl)?.focus());
}

/** A new search or filter starts at the first row. */
function toTop(list: KeysHost): void {
  list.activeIndex = 0;
  const grid = list.gridEl;
  if (grid) grid.scrollTop = 0;
  list.scrollPos = 0;
}
