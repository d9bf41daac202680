// State rendering shared by the account elements (account-360, timeline, stakeholder-map, alerts):
// loading, error with a retry event, and the store's own status.
import { html, css, type TemplateResult } from 'lit';
import { retryKeepingFocus } from '../shared/retry.js';
import { errorMessage } from '../shared/errors.js';
import { liveRole, stateMessage, type ErrorOf } from '../shared/state-message.js';
import { defineStrings, type Locale } from '../shared/i18n.js';
import type { KamStore } from '../shared/context.js';

const en = {
  loading: 'Loading…', retry: 'Retry', storeError: 'The data could not be loaded.', details: 'Details: {message}', renderError: 'This view could not be shown.',
  missingId: 'No account selected: set the account-id attribute.', notFound: 'Account {id} was not found.',
};
/** The state boxes' strings (state-strings.zh-CN.ts is checked against them). */
export type StatesEn = typeof en;
// English is bundled; zh-CN is loaded the first time a state box renders in zh-CN, like every element's table.
const t = defineStrings({ id: 'states', en, 'zh-CN': () => import('./state-strings.zh-CN.js') });

export const stateStyles = css`
  .state { padding: calc(var(--_space) * 2); border: 1px dashed var(--_border); border-radius: var(--_radius); color: var(--_muted); background: var(--_bg); }
  .state.error { border-style: solid; border-color: var(--_red); color: var(--_fg); background: var(--_red-bg); }
  .state .msg { margin: 0 0 var(--_space); font-weight: 600; }
  .state .detail { margin: 0 0 var(--_space); font-size: 0.9em; overflow-wrap: anywhere; }
  .skeleton { display: grid; gap: var(--_space); }
  .skeleton span { height: 1em; border-radius: var(--_radius); background: var(--_bg-alt); }
  .skeleton span:nth-child(2) { width: 80%; } .skeleton span:nth-child(3) { width: 60%; }
  button.btn { font: inherit; cursor: pointer; color: var(--_accent-fg); background: var(--_accent); border: 1px solid var(--_accent); border-radius: var(--_radius); padding: 4px 12px; min-height: 32px; }
  button.btn.secondary { color: var(--_accent); background: var(--_bg); }
`;

/** The data tables of the 360 view and the stakeholder map's table alternative: one look for both (and for the links in them). */
export const tableStyles = css`
  button.link { font: inherit; cursor: pointer; color: var(--_accent); background: none; border: none; padding: 0; text-decoration: underline; text-align: start; min-height: 24px; } /* a touch target */
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { text-align: start; padding: 4px 6px; border-bottom: 1px solid var(--_border); vertical-align: top; overflow-wrap: anywhere; }
  thead th { color: var(--_muted); font-weight: 600; font-size: 0.85em; }
`;

/** A plain status box (nothing to show, and why): the charts' and dashboard's state line. */
export function loadingState(locale: Locale, label?: string): TemplateResult {
  return html`<div class="state loading" part="state" role="status" aria-busy="true">
    <p class="msg">${label ?? t(locale, 'loading')}</p>
    <div class="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>
  </div>`;
}

/** An error box with a Retry button that emits `kam-retry` from `host`; an alert unless `of` says otherwise (see `liveRole`). */
export function errorState(host: HTMLElement, locale: Locale, message: string, detail?: string, accountId?: string, of: ErrorOf = true): TemplateResult {
  const retry = () => retryKeepingFocus(host, { source: host.localName, accountId });
  return html`<div class="state error" part="state error" role=${liveRole(of)}>
    <p class="msg">${message}</p>
    ${detail ? html`<p class="detail">${t(locale, 'details', { message: detail })}</p>` : null}
    <button class="btn" type="button" @click=${retry}>${t(locale, 'retry')}</button>
  </div>`;
}

/**
 * What the store's status asks the element to show before its own content: loading while the
 * first load runs, an error with retry when it failed, nothing when data is there.
 */
export function storeState(host: HTMLElement & { failureAnnounced?: boolean }, store: KamStore | undefined, locale: Locale, accountId?: string): TemplateResult | null {
  if (!store) return null;
  if (store.status === 'error') return errorState(host, locale, t(locale, 'storeError'), store.error?.message, accountId, host);
  if (store.status === 'loading' || store.status === 'empty') return loadingState(locale);
  return null;
}

/**
 * What an element showing one account's records (timeline, stakeholder map) shows instead of
 * them: its loading state, then `accountStoreState`. Null when the records can be shown.
 */
export function accountState(host: HTMLElement, locale: Locale, loading: boolean, loadingLabel: string, store: KamStore | undefined, accountId: string | undefined): TemplateResult | null {
  return loading ? loadingState(locale, loadingLabel) : accountStoreState(host, locale, store, accountId);
}

/**
 * In store mode (`store` given): the store's status, a missing account id (unless `wholeBook`:
 * kam-alerts shows the whole book without one) or an account the store does not know.
 */
export function accountStoreState(host: HTMLElement, locale: Locale, store: KamStore | undefined, accountId: string | undefined, wholeBook = false): TemplateResult | null {
  if (!store) return null;
  return storeState(host, store, locale, accountId)
    ?? (!accountId ? (wholeBook ? null : stateMessage(t(locale, 'missingId'))) : store.get('accounts', accountId) ? null : stateMessage(t(locale, 'notFound', { id: accountId })));
}

/** Wraps risky computation: returns an error state instead of letting an exception escape. */
export function renderGuarded(host: HTMLElement, locale: Locale, render: () => TemplateResult | null): TemplateResult | null {
  try {
    return render();
  } catch (e) {
    return errorState(host, locale, t(locale, 'renderError'), errorMessage(e));
  }
}

/**
 * Whether a store change can concern the given accounts: resets, pipelines and users always
 * may; otherwise only records of those accounts (a removed record, no longer readable, counts).
 */
export function touchesAccounts(store: KamStore | undefined, e: { kind: string; type: string; ids: string[] }, accountIds: ReadonlySet<string>): boolean {
  if (!store || e.type === 'reset' || e.kind === 'pipelines' || e.kind === 'users') return true;
  if (e.kind === 'accounts') {
    return e.ids.some((id) => {
      if (accountIds.has(id)) return true;
      const a = store.get('accounts', id);
      return !a || (!!a.parentId && accountIds.has(a.parentId));
    });
  }
  return e.ids.some((id) => {
    const r = store.get(e.kind as 'contacts', id) as { accountId?: string } | undefined;
    return !r || (r.accountId !== undefined && accountIds.has(r.accountId));
  });
}
