import { html, nothing, type PropertyDeclarations } from 'lit';
import type { ChangeEvent } from '@kamkit/core';
import { KamElement } from '../shared/kam-element.js';
import { accountHealth, bandForScore, isOverridden, toneOf, type HealthLike } from '../shared/health.js';
import { errorMessage } from '../shared/errors.js';
import { unprovided } from '../shared/unprovided.js';
import { formatNumber } from '../shared/i18n.js';
import { styles } from './kam-health-badge.styles.js';
import { bandWord, t } from './strings.js';

type BadgeView =
  | { kind: 'score'; score: number; band?: string; overridden?: boolean }
  | { kind: 'loading'; label?: undefined }
  /** `label`: the wiring hint, when no store will come. */
  | { kind: 'none'; label?: string }
  | { kind: 'error'; label: string };

/**
 * A compact health score and band, e.g. "● 62 yellow", with an accessible label
 * ("Health 62 of 100, yellow"). The band is always written out, so colour is never the only cue.
 *
 * Give it a scored result (`.result`), plain `score` / `band` attributes, or an `account-id`
 * inside a `<kam-provider>` (scored from the store and kept live as the store changes).
 *
 * @summary Health score and band of one account, compact and accessible.
 *
 * @csspart badge - The pill holding the dot, score and band.
 * @csspart dot - The coloured dot.
 * @csspart score - The number.
 * @csspart band - The band word (hide it with `band-label="none"`).
 *
 * @cssprop --kam-health-badge-font-size - Font size of the pill (default 0.9em).
 * @cssprop --kam-health-red - Text and border colour of the red band.
 * @cssprop --kam-health-red-bg - Background of the red band.
 * @cssprop --kam-health-yellow - Text and border colour of the yellow band.
 * @cssprop --kam-health-yellow-bg - Background of the yellow band.
 * @cssprop --kam-health-green - Text and border colour of the green band.
 * @cssprop --kam-health-green-bg - Background of the green band.
 */
export class KamHealthBadge extends KamElement {
  static override styles = styles;

  // The reactive properties as one table: a decorator on each is a call apiece in the bundle.
  // Internal state has no attribute (what @state sets; `state: true` here would make the
  // manifest's analyzer list it as attributes).
  static override properties: PropertyDeclarations = {
    result: { attribute: false }, score: { type: Number }, band: {},
    accountId: { attribute: 'account-id' }, bandLabel: { attribute: 'band-label', reflect: true },
  };

  /** A scored health result (from the core's `scoreAccount`); wins over `score`/`band`/`account-id`. */
  declare result?: HealthLike;

  /** Score 0–100, when not given a `result`. */
  declare score?: number;

  /** Band name (`red`, `yellow`, `green`, `blue`); derived from the score with the default bands when absent. */
  declare band?: string;

  /** Account to score from the provider's store, when neither `result` nor `score` is given. */
  declare accountId?: string;

  /** `text` shows the band word next to the score; `none` shows only the dot and score (the accessible label keeps the band). */
  bandLabel: 'text' | 'none' = 'text';

  protected override isRelevant(e: ChangeEvent): boolean {
    // Only store-scored badges depend on the store's data.
    if (this.result !== undefined || this.score !== undefined) return false;
    // Loads start and end (or fail) with reset events: the store's status changed.
    return e.type === 'reset' || (e.kind !== 'users' && e.kind !== 'pipelines');
  }

  /** What the badge shows; never throws (a failure is its error state). */
  private view(): BadgeView {
    const locale = this.resolvedLocale;
    try {
      if (this.result) return this.#fromResult(this.result);
      if (this.score !== undefined && this.score !== null && !Number.isNaN(Number(this.score))) {
        const score = Number(this.score);
        return { kind: 'score', score, band: this.band || bandForScore(score) };
      }
      if (this.accountId === undefined && !this.store) return { kind: 'none' };
      const h = accountHealth(this.store, this.accountId);
      switch (h.state) {
        case 'ok': return this.#fromResult(h.result);
        case 'loading': return { kind: 'loading' };
        case 'missing-id': return { kind: 'error', label: t(locale, 'missingId') };
        case 'unknown-id': return { kind: 'error', label: t(locale, 'unknownId', { id: h.id }) };
        // No store and no provider above: the wiring hint as the pill's label and tooltip. A badge
        // sits in list rows and table cells, where a sentence would break the row: the developer
        // hovers the "—" and reads it, a screen reader reads it as the badge's name.
        case 'no-store': return { kind: 'none', label: unprovided(this, locale) };
        default: throw h.error;
      }
    } catch (err) {
      return { kind: 'error', label: t(locale, 'failed', { message: errorMessage(err) }) };
    }
  }

  #fromResult(r: HealthLike): BadgeView {
    if (typeof r.score !== 'number' || !Number.isFinite(r.score)) return { kind: 'none' };
    return { kind: 'score', score: r.score, band: toneOf(r), overridden: isOverridden(r) };
  }

  /** The accessible name, e.g. "Health 62 of 100, yellow" / "健康度 62/100，黄色". */
  get label(): string {
    return this.#labelOf(this.view());
  }

  #labelOf(v: BadgeView): string {
    const locale = this.resolvedLocale;
    if (v.kind === 'loading' || v.kind === 'none') return v.label ?? t(locale, v.kind);
    if (v.kind === 'error') return v.label;
    const score = formatNumber(locale, Math.round(v.score));
    const band = v.band ? bandWord(locale, v.band) : '';
    const base = t(locale, band ? 'label' : 'labelNoBand', { score, band });
    return v.overridden ? base + t(locale, 'overridden') : base;
  }

  protected override render() {
    const v = this.view();
    const label = this.#labelOf(v);
    const cls = v.kind === 'score' ? (v.band ?? '') : v.kind;
    return html`<span part="badge" class=${cls} role="img" aria-label=${label} title=${label}>
      <span part="dot" aria-hidden="true"></span>
      ${v.kind === 'score'
        ? html`<span part="score" aria-hidden="true">${formatNumber(this.resolvedLocale, Math.round(v.score))}${v.overridden ? '*' : nothing}</span>${v.band ? html`<span part="band" aria-hidden="true">${bandWord(this.resolvedLocale, v.band)}</span>` : nothing}`
        : html`<span part="score" aria-hidden="true">${v.kind === 'loading' ? '…' : '—'}</span>`}
    </span>`;
  }
}
