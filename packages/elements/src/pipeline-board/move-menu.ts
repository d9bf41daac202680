// A card's "Move to…" menu: the other stages, as menu items. Its own module, loaded the first time
// a menu opens; the board keeps the keyboard handling and the move itself.
import { css, html, type TemplateResult } from 'lit';
import type { Opportunity, Stage } from '@kamkit/core';
import { defineStrings, type Locale } from '../shared/i18n.js';

// Its words come with it (both languages: they are few), not in the board's up-front table.
const words = defineStrings({
  en: {
    menuLabel: 'Move “{name}” to',
  },
  'zh-CN': {
    menuLabel: '将“{name}”移至',
  },
});

export interface MenuActions {
  close: () => void;
  keydown: (e: KeyboardEvent) => void;
  pick: (stageId: string) => void;
}

export function renderMenu(
  locale: Locale, opp: Opportunity, stages: readonly Stage[], m: { top: number; left: number; focus: number }, a: MenuActions,
): TemplateResult {
  return html`
    <div class="menu-backdrop" @pointerdown=${a.close}></div>
    <div class="menu" part="menu" role="menu" aria-label=${words(locale, 'menuLabel', { name: opp.name })}
      style="top:${m.top}px;left:${m.left}px" @keydown=${a.keydown}>
      ${stages.map((s, i) => html`<button type="button" role="menuitem" class="kind-${s.kind ?? 'open'}" tabindex=${i === m.focus ? 0 : -1}
        @click=${() => a.pick(s.id)}>${s.name}</button>`)}
    </div>`;
}

export const styles = css`
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
  .menu .kind-won { color: var(--_green); }
  .menu .kind-lost { color: var(--_red); }
`;
