// A store that failed to load is announced once: by the provider's status bar, not again by every
// element inside it (a screen reader heard the same failure once per element: six times and more).
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { Store } from '@kamkit/core';
import { MemorySource } from '@kamkit/core/memory';
import '../define-all.js';
import { sampleBook, SAMPLE_NOW } from '../../../../tests/fixtures/sample-store.js';

const book = sampleBook(12);
const acc = book.accounts[0]!.id;
const opp = book.opportunities[0]!.id;
const FAILURE = 'CRM answered 503 Service Unavailable';
const failingSource = () => new MemorySource(book, { fail: (call, d) => (call === 'list' && d.kind === 'accounts' ? new Error(FAILURE) : undefined) });
const clock = () => new Date(SAMPLE_NOW);

const tags = [
  'kam-account-360', 'kam-account-list', 'kam-alerts', 'kam-dashboard', 'kam-pipeline-board', 'kam-stage-path',
  'kam-timeline', 'kam-stakeholder-map', 'kam-health-explainer', 'kam-kpi-tile', 'kam-funnel-chart',
];
const elements = (): TemplateResult => html`
  <kam-account-360 account-id=${acc}></kam-account-360><kam-account-list></kam-account-list><kam-alerts></kam-alerts>
  <kam-dashboard></kam-dashboard><kam-pipeline-board></kam-pipeline-board><kam-stage-path opportunity-id=${opp}></kam-stage-path>
  <kam-timeline account-id=${acc}></kam-timeline><kam-stakeholder-map account-id=${acc}></kam-stakeholder-map>
  <kam-health-explainer account-id=${acc}></kam-health-explainer><kam-kpi-tile kind="win-rate"></kam-kpi-tile><kam-funnel-chart></kam-funnel-chart>`;

type Updating = HTMLElement & { updateComplete: Promise<unknown> };

/** Every element under `root`, through open shadow roots. */
function deep(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deep(el.shadowRoot));
  }
  return out;
}
const isLive = (el: Element) => ['alert', 'status', 'log'].includes(el.getAttribute('role') ?? '') || (el.hasAttribute('aria-live') && el.getAttribute('aria-live') !== 'off');
/** The live regions on the page that carry the failure's text (a live region inside another counts with it). */
const failureRegions = (root: ParentNode) => deep(root).filter((el) => isLive(el) && (el.textContent ?? '').includes(FAILURE));
/** The text an element shows in its shadow root. */
const shown = (el: Element) => el.shadowRoot!.textContent ?? '';

async function settle(root: ParentNode): Promise<void> {
  if (root instanceof HTMLElement && root.localName === 'kam-provider') await (root as Updating).updateComplete;
  for (const tag of tags) for (const el of root.querySelectorAll<Updating>(tag)) await el.updateComplete;
}

describe('a store that failed to load', () => {
  it('is announced once under a provider: its status bar is the one live region; every element still shows the failure', async () => {
    const failed = oneEvent(document, 'kam-error');
    const provider = await fixture(html`<kam-provider .source=${failingSource()} .clock=${clock}>${elements()}</kam-provider>`);
    await failed;
    await settle(provider);
    const regions = failureRegions(provider.parentNode!); // the provider's own shadow root too
    expect(regions.map((r) => `${(r.getRootNode() as ShadowRoot).host?.localName}: ${r.getAttribute('role')}`)).to.deep.equal(['kam-provider: status']);
    for (const tag of tags) {
      const el = provider.querySelector(tag)!;
      expect(shown(el).includes(FAILURE), `${tag} shows the failure`).to.equal(true);
    }
    // Retry stays where it was, a button a keyboard reaches.
    const retry = deep(provider.querySelector('kam-account-360')!.shadowRoot!).find((b) => b.localName === 'button') as HTMLButtonElement;
    expect(retry.textContent).to.equal('Retry');
    expect(retry.tabIndex).to.equal(0);
  });

  it('is an alert in each element under a provider that hides its status bar (nobody else says it)', async () => {
    const failed = oneEvent(document, 'kam-error');
    const provider = await fixture(html`<kam-provider hide-status .source=${failingSource()} .clock=${clock}>${elements()}</kam-provider>`);
    await failed;
    await settle(provider);
    for (const tag of tags) {
      const el = provider.querySelector(tag)!;
      const alerts = failureRegions(el.shadowRoot!).filter((r) => r.getAttribute('role') === 'alert');
      expect(alerts.length, `${tag}: an alert`).to.equal(1);
    }
  });

  it('is an alert in an element given the failed store directly, with no provider', async () => {
    const store = new Store({ source: failingSource(), now: clock });
    await store.load().catch(() => undefined);
    expect(store.status).to.equal('error');
    const box = await fixture(html`<div>${elements()}</div>`);
    for (const tag of tags) (box.querySelector(tag) as HTMLElement & { store: unknown }).store = store;
    await settle(box);
    for (const tag of tags) {
      const el = box.querySelector(tag)!;
      const alerts = failureRegions(el.shadowRoot!).filter((r) => r.getAttribute('role') === 'alert');
      expect(alerts.length, `${tag}: an alert`).to.equal(1);
    }
  });
});
