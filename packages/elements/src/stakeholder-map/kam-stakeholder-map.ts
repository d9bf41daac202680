import { html, svg, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Activity, BuyingRole, ChangeEvent, Contact } from '@kamkit/core';
import { KamElement, type PropertyTable } from '../shared/kam-element.js';
import { emit } from '../shared/events.js';
import { formatDate, joinList, type Locale } from '../shared/i18n.js';
import { accountState, renderGuarded, touchesAccounts } from '../account-360/states.js';
import { committeeCoverage, type Coverage } from './coverage.js';
import { tidyTree, type TreeNode } from './tree-layout.js';
import { t, type StakeholderKey } from './strings.js';
import { styles } from './kam-stakeholder-map.styles.js';
import { stateMessage } from '../shared/state-message.js';

/** Detail of `kam-contact-open`. */
export interface ContactOpenDetail {
  contact: Contact;
}

declare global {
  interface HTMLElementEventMap {
    'kam-contact-open': CustomEvent<ContactOpenDetail>;
  }
}

/** A letter per role, so roles are told apart without colour; in the legend's order. */
export const roleGlyph: Record<BuyingRole, string> = {
  decision_maker: 'D', economic_buyer: 'E', champion: 'C', influencer: 'I', user: 'U', blocker: 'B', other: 'O',
};
const roleOrder = Object.keys(roleGlyph) as BuyingRole[];

const ROOT = '\u0000root';
type Datum = { id: string; contact?: Contact };
type Node = TreeNode<Datum>;

/** A text cut to `max` characters, an ellipsis ending the cut one. */
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
/** The table's columns, in order. */
const columns = ['name', 'title', 'role', 'influence', 'relationship', 'reportsTo', 'lastEngaged'] as const;

/** Radius from influence 1–5 (unknown counts as 2). */
function radius(c: Contact): number {
  return 14 + (c.influence ?? 2) * 4;
}

/** Parent of each contact, with unknown managers, self-references and reporting cycles cut. */
function parentsOf(contacts: readonly Contact[]): Map<string, string> {
  const ids = new Set(contacts.map((c) => c.id));
  const parent = new Map<string, string>();
  for (const c of contacts) parent.set(c.id, c.reportsToId && c.reportsToId !== c.id && ids.has(c.reportsToId) ? c.reportsToId : ROOT);
  const done = new Set<string>();
  for (const c of contacts) {
    const path = new Set<string>();
    let cur = c.id;
    while (cur !== ROOT && !done.has(cur)) {
      if (path.has(cur)) { parent.set(cur, ROOT); break; } // a cycle: this one becomes a top node
      path.add(cur);
      cur = parent.get(cur)!;
    }
    for (const p of path) done.add(p);
  }
  return parent;
}

/**
 * @summary The buying committee as an influence map: who reports to whom, each person's role,
 * influence and our relationship, and the coverage gaps (no decision maker reached, no champion,
 * no economic buyer, blockers).
 *
 * Keyboard: Tab enters the map on one person; Up goes to their manager, Down to their first report,
 * Left / Right to siblings, Home / End to the first / last person; Enter or Space opens the contact.
 * A table with the same data is always available to screen readers and can be shown instead.
 *
 * @fires kam-contact-open - when a person is activated (click, Enter, Space); detail `{ contact }`.
 * @fires kam-retry - when the user presses Retry on a store error; detail `{ source, accountId }`.
 *
 * @csspart coverage - the coverage summary
 * @csspart toggle - the map / table toggle
 * @csspart map - the SVG influence map
 * @csspart node - one person in the map
 * @csspart legend - the legend
 * @csspart table - the table alternative
 * @csspart state - loading, empty and error boxes
 *
 * @cssprop --kam-role-decision-maker - colour of decision makers
 * @cssprop --kam-role-economic-buyer - colour of economic buyers
 * @cssprop --kam-role-champion - colour of champions
 * @cssprop --kam-role-influencer - colour of influencers
 * @cssprop --kam-role-user - colour of users
 * @cssprop --kam-role-blocker - colour of blockers
 * @cssprop --kam-stakeholder-map-height - maximum height of the map before it scrolls (default 480px)
 */
export class KamStakeholderMap extends KamElement {
  static override styles = styles;
  /**
   * The reactive properties and their attributes (each documented at its field below), internal
   * state too (no attribute): one object costs fewer bytes than a decorator call apiece. Typed
   * against the class, so a misspelt name is a type error.
   */
  static override properties: PropertyTable<KamStakeholderMap, 'focusedId'> = {
    accountId: { attribute: 'account-id' }, contacts: { attribute: false }, activities: { attribute: false }, view: { reflect: true },
    engagedDays: { type: Number, attribute: 'engaged-days' }, loading: { type: Boolean }, focusedId: { attribute: false },
  };

  /** Account whose contacts to map, read from the provider's store. */
  accountId?: string;

  /** Contacts to map when used without a store (property mode). */
  contacts?: Contact[];

  /** Activities used to tell when each contact was last engaged (property mode; optional). */
  activities?: Activity[];

  /** `map` (the SVG) or `table`; the table is always in the accessibility tree either way. */
  view: 'map' | 'table' = 'map';

  /** A decision maker not touched within this many days counts as not reached. */
  engagedDays = 90;

  /** Property mode: shows the loading state. */
  loading = false;

  /** Id of the person holding the roving focus. */
  private declare focusedId?: string;

  private layoutCache?: { key: unknown; w: number; nodes: Node[]; byId: Map<string, Node>; width: number; height: number; dx: number };

  private get storeMode(): boolean {
    return this.contacts === undefined && !!this.store;
  }

  protected override awaitsStore(): boolean {
    return this.contacts === undefined && !this.loading;
  }

  protected override isRelevant(e: ChangeEvent): boolean {
    const kindMatters = e.kind === 'contacts' || e.kind === 'activities' || e.kind === 'accounts' || e.type === 'reset';
    return kindMatters && this.storeMode && (!this.accountId || touchesAccounts(this.store, e, new Set([this.accountId])));
  }

  protected override storeChanged(e: ChangeEvent): void {
    if (this.isRelevant(e)) { this.layoutCache = undefined; this.requestUpdate(); }
  }

  private source(): { contacts: readonly Contact[]; activities: readonly Activity[] } {
    if (!this.storeMode) return { contacts: this.contacts ?? [], activities: this.activities ?? [] };
    if (!this.accountId) return { contacts: [], activities: [] };
    return { contacts: this.store!.byAccount('contacts', this.accountId), activities: this.store!.byAccount('activities', this.accountId) };
  }

  /** Tree layout, cached per contact list and width. */
  private layout(contacts: readonly Contact[]) {
    const key = contacts, w = this.clientWidth;
    if (this.layoutCache && this.layoutCache.key === key && this.layoutCache.w === w && (this.layoutCache.nodes.length === contacts.length)) return this.layoutCache;
    const parents = parentsOf(contacts);
    const node = (data: Datum): Node => ({ data, children: [], depth: 0, x: 0, y: 0 });
    const root = node({ id: ROOT });
    const byId = new Map<string, Node>([[ROOT, root]]);
    // Siblings by influence (highest first), then name, so the map reads the same every time.
    const sorted = [...contacts].sort((a, b) => (b.influence ?? 0) - (a.influence ?? 0) || a.name.localeCompare(b.name));
    const people = sorted.map((c) => node({ id: c.id, contact: c }));
    for (const n of people) if (!byId.has(n.data.id)) byId.set(n.data.id, n);
    for (const n of people) { n.parent = byId.get(parents.get(n.data.id)!)!; n.parent.children.push(n); }
    // A manager's many reports wrap into rows that fit the box (an even number across, so the line
    // down from the manager runs between two of them, or beside one); fewer across while the map is still too wide.
    let nodes: Node[], minX: number, maxX: number, maxY: number, cols = w ? Math.max(1, (w - 40) / 240 | 0) * 2 : Infinity;
    do {
      nodes = tidyTree(root, 120, 110, cols);
      minX = Infinity; maxX = -Infinity; maxY = 0;
      for (const n of nodes) { minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); maxY = Math.max(maxY, n.y); }
    } while (w && cols > 1 && maxX - minX + 160 > w - 2 && (cols = Math.max(1, cols - 2)));
    this.layoutCache = { key, w, nodes, byId, width: maxX - minX + 160, height: maxY - 110 + 130, dx: 80 - minX };
    return this.layoutCache;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('contacts') || changed.has('accountId') || changed.has('store')) this.layoutCache = undefined;
  }

  /** The layout and map box last scrolled to the focused person (once each, then the user scrolls). */
  #scrolledFor?: [object, Element];

  // The layout fits the width it was drawn at: drawn while hidden (width 0), or in a box that has
  // since changed width, it is drawn again (in the next frame, not inside the observer's callback).
  // Observed while connected, as the charts' plot is (shared/chart/chart-base.ts).
  #ro = new ResizeObserver(() => this.layoutCache && this.clientWidth !== this.layoutCache.w && requestAnimationFrame(() => this.requestUpdate()));

  override connectedCallback(): void {
    super.connectedCallback();
    this.#ro.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#ro.disconnect();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A map wider than its box opens on the person holding the tab stop (the top of the tree),
    // not on the left edge, where only lines running off to the right would show.
    const lay = this.layoutCache, box = this.renderRoot.querySelector('[part="map"]');
    if (lay && box && (this.#scrolledFor?.[0] !== lay || this.#scrolledFor[1] !== box)) {
      this.#scrolledFor = [lay, box];
      box.scrollLeft = (lay.byId.get(this.focusedId!) ?? lay.nodes[0]).x + lay.dx - box.clientWidth / 2;
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const locale = this.resolvedLocale;
    const s = accountState(this, locale, this.loading, t(locale, 'loading'), this.storeMode ? this.store : undefined, this.accountId);
    if (s) return s;
    return renderGuarded(this, locale, () => this.#renderMap(locale)) ?? nothing;
  }

  #renderMap(locale: Locale): TemplateResult {
    const { contacts, activities } = this.source();
    if (!contacts.length) return stateMessage(t(locale, 'empty'));
    const coverage = committeeCoverage(contacts, activities, this.now(), this.engagedDays);
    const lay = this.layout(contacts);
    const showTable = this.view === 'table';
    return html`
      ${this.#renderCoverage(locale, coverage)}
      <div class="bar">
        <button type="button" class="toggle" part="toggle" @click=${() => { this.view = showTable ? 'map' : 'table'; }}>${t(locale, showTable ? 'showMap' : 'showTable')}</button>
      </div>
      ${showTable ? nothing : this.#renderSvg(locale, lay, coverage)}
      ${showTable ? nothing : this.#renderLegend(locale)}
      ${this.#renderTable(locale, lay.nodes, coverage, showTable)}
    `;
  }

  #renderCoverage(locale: Locale, coverage: Coverage): TemplateResult {
    const names = (cs: Contact[]) => joinList(locale, cs.map((c) => c.name));
    return html`<section class="coverage" part="coverage" aria-label=${t(locale, 'coverage')}>
      ${coverage.gaps.length
        ? html`<p class="gap-count">${t(locale, coverage.gaps.length === 1 ? 'gapCountOne' : 'gapCount', { count: coverage.gaps.length })}</p><ul>${coverage.gaps.map((g) => html`<li class="gap gap-${g.code}" data-gap=${g.code}>
            <span class="icon" aria-hidden="true">⚠</span>
            ${t(locale, `gap_${g.code}` as StakeholderKey, { days: this.engagedDays, names: names(g.contacts) })}</li>`)}</ul>`
        : html`<p class="ok"><span class="icon" aria-hidden="true">✓</span> ${t(locale, 'covered')}</p>`}
    </section>`;
  }

  /** A person's influence and our relationship in words (the map's labels and the table say the same). */
  #grades(locale: Locale, c: Contact): { influence: string; relationship: string } {
    return {
      influence: t(locale, c.influence ? 'influenceValue' : 'unknown', { value: c.influence! }),
      relationship: t(locale, c.relationshipStrength ? `strength${c.relationshipStrength}` as StakeholderKey : 'unknown'),
    };
  }

  private nodeLabel(locale: Locale, c: Contact): string {
    return t(locale, 'nodeLabel', { name: c.name, title: c.title || t(locale, 'unknown'), role: t(locale, c.role), ...this.#grades(locale, c) });
  }

  #renderSvg(locale: Locale, lay: NonNullable<KamStakeholderMap['layoutCache']>, coverage: Coverage): TemplateResult {
    const { dx } = lay; // a node's x in the svg is n.x + dx (the scroll in updated() uses the same)
    const dy = 40 - 110; // depth 1 sits at the top
    const blockers = new Set(coverage.byRole.blocker.map((c) => c.id));
    const focusedId = this.focusedId && lay.byId.has(this.focusedId) ? this.focusedId : lay.nodes[0]?.data.id;
    return html`<div class="scroll" part="map">
      <svg role="tree" aria-label=${t(locale, 'mapLabel')} width=${lay.width} height=${lay.height}
        viewBox="0 0 ${lay.width} ${lay.height}" @keydown=${this.#onKey}>
        <g aria-hidden="true" class="links">
          ${lay.nodes.filter((n) => n.parent && n.parent.data.id !== ROOT).map((n) => {
            const p = n.parent!;
            const x1 = p.x + dx, y1 = p.y + dy + radius(p.data.contact!), x2 = n.x + dx, y2 = n.y + dy - radius(n.data.contact!);
            const my = (y1 + y2) / 2;
            // A report wrapped into rows hangs from a line along the top of its row.
            return svg`<path class="link" d=${n.row === undefined ? `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}` : `M${x1},${y1} V${n.y + dy - 42} H${x2} V${y2}`}></path>`;
          })}
        </g>
        ${lay.nodes.map((n) => {
          const c = n.data.contact!;
          const r = radius(c);
          const sibs = n.parent!.children; // every person has a parent: their manager, or the tree's hidden root
          const focused = c.id === focusedId;
          const at = `translate(${n.x + dx},${n.y + dy})`;
          const label = this.nodeLabel(locale, c);
          // The focusable node holds no text (its name is the aria-label); the visible texts sit in
          // a sibling layer hidden from assistive technology, their tooltip the same words in full
          // (a long name or title is cut).
          return svg`<g class="node role-${c.role} strength-${c.relationshipStrength ?? 0}" part="node" role="treeitem"
              data-id=${c.id} tabindex=${focused ? 0 : -1} aria-level=${n.depth} aria-setsize=${sibs.length} aria-posinset=${sibs.indexOf(n) + 1}
              aria-label=${label} transform=${at}
              @click=${() => this.#activate(c)} @focus=${() => { this.focusedId = c.id; }}>
            <circle class="focus-ring" r=${r + 6}></circle>
            <circle class="ring" r=${r}></circle>
          </g>
          <g class="labels" aria-hidden="true" transform=${at} @click=${() => this.#activate(c)}>
            <title>${label}</title>
            <text class="glyph" dy="0.35em">${roleGlyph[c.role] ?? 'O'}</text>
            ${blockers.has(c.id) ? svg`<text class="flag" x=${r - 2} y=${-r + 4}>⚠</text>` : nothing}
            <text class="name" y=${r + 15}>${clip(c.name, 18)}</text>
            ${c.title ? svg`<text class="title" y=${r + 29}>${clip(c.title, 22)}</text>` : nothing}
          </g>`;
        })}
      </svg></div>`;
  }

  #renderLegend(locale: Locale): TemplateResult {
    return html`<div class="legend" part="legend" aria-hidden="true">
      <span class="legend-title">${t(locale, 'legend')}</span>
      ${roleOrder.map((r) => html`<span class="key"><svg width="22" height="22" viewBox="-11 -11 22 22"><g class="swatch role-${r} strength-3"><circle class="ring" r="9"></circle><text class="glyph" dy="0.35em">${roleGlyph[r]}</text></g></svg>${t(locale, r)}</span>`)}
      <span class="key">${t(locale, 'sizeLegend')}</span>
      <span class="key">${t(locale, 'borderLegend')}</span>
    </div>`;
  }

  #renderTable(locale: Locale, nodes: Node[], coverage: Coverage, visible: boolean): TemplateResult {
    return html`<div class=${visible ? 'table-wrap' : 'visually-hidden'} part="table">
      <table>
        <caption>${t(locale, 'tableCaption')}</caption>
        <thead><tr>${columns.map((k) => html`<th scope="col">${t(locale, k)}</th>`)}</tr></thead>
        <tbody>${nodes.map((n) => {
          const c = n.data.contact!;
          const g = this.#grades(locale, c);
          return html`<tr data-id=${c.id}>
            <th scope="row"><button type="button" class="link" tabindex=${visible ? 0 : -1} @click=${() => this.#activate(c)}>${c.name}</button></th>
            <td>${c.title ?? ''}</td>
            <td><span class="role-chip role-${c.role}"><span aria-hidden="true">${roleGlyph[c.role]}</span> ${t(locale, c.role)}</span></td>
            <td>${g.influence}</td>
            <td>${g.relationship}</td>
            <td>${n.parent?.data.contact?.name ?? '—'}</td>
            <td>${formatDate(locale, coverage.lastTouch.get(c.id))}</td>
          </tr>`;
        })}</tbody>
      </table></div>`;
  }

  #activate(c: Contact): void {
    this.focusedId = c.id;
    emit(this, 'kam-contact-open', { contact: c });
  }

  #onKey(e: KeyboardEvent): void {
    const lay = this.layoutCache;
    const id = (e.target as Element).closest?.('[data-id]')?.getAttribute('data-id');
    if (!lay || !id) return;
    const n = lay.byId.get(id);
    if (!n) return;
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.#activate(n.data.contact!); return; }
    const sibs = n.parent?.children ?? [];
    const i = sibs.indexOf(n);
    // Up to the manager, down to the first report, across to siblings, Home / End to the first / last person.
    const moves: Record<string, Node | undefined> = {
      ArrowUp: n.parent?.data.id !== ROOT ? n.parent : undefined, ArrowDown: n.children[0], ArrowLeft: sibs[i - 1], ArrowRight: sibs[i + 1],
      Home: lay.nodes[0], End: lay.nodes[lay.nodes.length - 1],
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = moves[e.key];
    if (next) this.focusNode(next.data.id);
  }

  /** Moves the roving focus to a person and scrolls them into view. */
  focusNode(id: string): void {
    this.focusedId = id;
    void this.updateComplete.then(() => {
      const el = this.renderRoot.querySelector<SVGGElement>(`g.node[data-id="${CSS.escape(id)}"]`);
      el?.focus();
      el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    });
  }
}
