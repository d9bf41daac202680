// A card's "Move to…" menu: the other stages, as menu items. Its own module, loaded the first time
// a menu opens, with its keyboard handling; the board keeps the move itself.
import type { CSSResult, TemplateResult } from 'lit';
import type { Locale } from '../shared/i18n.js';
import { later, css, html, nothing, defineStrings } from './kit.js';
export { fill } from './kit.js';
import type { BoardModel } from './board-model.js';

// Its words come with it (both languages: they are few), not in the board's up-front table.
const words = defineStrings({
  en: {
    menuLabel: 'Move “{name}” to',
    noStage: 'No other stage',
  },
  'zh-CN': {
    menuLabel: '将“{name}”移至',
    noStage: '没有其他阶段',
  },
});

interface Menu { id: string; anchor: HTMLElement; focus: number }

/** The board's members the menu uses (private in the board, which passes itself; its menu tests cover them). */
export interface MenuBoard extends HTMLElement {
  menu?: Menu;
  readonly model?: BoardModel;
  readonly resolvedLocale: Locale;
  closeMenu(refocus: boolean): void;
  requestMove(id: string, toStageId: string): Promise<boolean>;
}

/** The open menu: the stages other than its deal's. */
export function renderMenu(b: MenuBoard): TemplateResult | typeof nothing {
  const m = b.menu;
  const opp = m && b.model?.get(m.id);
  if (!m || !opp) return nothing;
  const locale = b.resolvedLocale;
  const stages = b.model!.stages.filter((s) => s.id !== opp.stageId);
  // Under the card's ⋯ button (the anchor is the card when a key opened the menu), inside the board.
  const btn = m.anchor.querySelector<HTMLElement>('.move-btn') ?? m.anchor;
  const r = btn.getBoundingClientRect();
  const host = b.getBoundingClientRect();
  const top = r.bottom - host.top + 2;
  const left = Math.max(0, Math.min(r.left - host.left, host.width - 220));
  const keydown = (e: KeyboardEvent) => {
    const n = stages.length || 1;
    let focus = m.focus;
    switch (e.key) {
      case 'ArrowDown': focus = (focus + 1) % n; break;
      case 'ArrowUp': focus = (focus - 1 + n) % n; break;
      case 'Home': focus = 0; break;
      case 'End': focus = n - 1; break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        // Back where it was opened: the ⋯ button (if still there), else the card (M, Shift+F10).
        if (btn === m.anchor && btn.isConnected) { b.closeMenu(false); btn.focus(); } else b.closeMenu(true);
        return;
      // From the ⋯ button, so that Tab goes on to what follows it (the menu is gone before Tab acts).
      case 'Tab': btn.focus(); b.closeMenu(false); return;
      default: return;
    }
    e.preventDefault();
    b.menu = { ...m, focus };
  };
  const pick = (stageId: string) => {
    // The item in focus goes with the menu: focus goes to the card at once (a move, a refusal or the
    // dialog's close puts it there too, but the dialog's chunk may still be on its way).
    b.closeMenu(true);
    void b.requestMove(opp.id, stageId);
  };
  return html`
    <div class="menu-backdrop" @pointerdown=${() => b.closeMenu(false)}></div>
    <div class="menu" part="menu" role="menu" aria-label=${words(locale, 'menuLabel', { name: opp.name })}
      style="top:${top}px;left:${left}px" @keydown=${keydown}>
      ${stages.map((s, i) => html`<button type="button" role="menuitem" class="kind-${s.kind ?? 'open'}" tabindex=${i === m.focus ? 0 : -1}
        @click=${() => pick(s.id)}>${s.name}</button>`)}
      ${stages.length ? nothing : html`<button type="button" role="menuitem" aria-disabled="true" class="none" @click=${() => b.closeMenu(true)}>${words(locale, 'noStage')}</button>`}
    </div>`;
}

/** Keeps focus on the menu's current item (one tab stop that moves with the arrow keys). */
export function focusMenu(root: HTMLElement | DocumentFragment, focus: number): void {
  const item = root.querySelectorAll<HTMLElement>('.menu [role="menuitem"]')[focus];
  if (item && (root as ShadowRoot).activeElement !== item) item.focus();
}

export let styles: CSSResult;
later(() => { styles = css`
  .menu-backdrop { position: fixed; inset: 0; z-index: 29; }
  .menu {
    position: absolute; z-index: 30; min-width: 200px; max-height: 320px; overflow-y: auto;
    display: flex; flex-direction: column; padding: 4px;
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
  }
  .menu [role='menuitem'] {
    font: inherit; text-align: start; padding: 6px 10px; border: none; border-radius: 4px;
    background: none; color: var(--_fg); cursor: pointer;
  }
  .menu [role='menuitem']:hover, .menu [role='menuitem']:focus { background: var(--_blue-bg); }
  .menu .none { color: var(--_muted); cursor: default; }
  .menu .kind-won { color: var(--_green); }
  .menu .kind-lost { color: var(--_red); }
`; });
