import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../account-360/define.js';
import '../account-list/define.js';
import '../alerts/define.js';
import '../dashboard/define.js';
import '../timeline/define.js';
import '../stakeholder-map/define.js';
import '../stage-path/define.js';
import '../health-badge/define.js';
import '../health-explainer/define.js';
import '../pipeline-board/define.js';
import '../kpi-tile/define.js';
import '../funnel-chart/define.js';
import '../forecast-chart/define.js';
import '../concentration-chart/define.js';
import '../health-distribution-chart/define.js';
import '../pareto-chart/define.js';
import '../retention-chart/define.js';
import '../stage-duration-chart/define.js';
import { sampleStore } from '../../../../tests/fixtures/sample-store.js';
// No '../provider/define.js' up front: <kam-provider> is defined in the last test (a page that loads it later).

type Updating = HTMLElement & { updateComplete: Promise<unknown> };
const stateText = (el: Element) => (el.shadowRoot!.querySelector('[part~="state"]')?.textContent ?? '').trim();
const hint = (tag: string) => `Place <${tag}> inside <kam-provider> or set its store.`;

// Each element as a page would drop it in store mode: with the id of what it shows, where it needs one.
const storeMode: Array<[tag: string, attrs?: Record<string, string>]> = [
  ['kam-account-360', { 'account-id': 'acc-1' }], ['kam-account-list'], ['kam-alerts'], ['kam-dashboard'],
  ['kam-timeline', { 'account-id': 'acc-1' }], ['kam-stakeholder-map', { 'account-id': 'acc-1' }],
  ['kam-stage-path', { 'opportunity-id': 'opp-1' }], ['kam-health-explainer', { 'account-id': 'acc-1' }],
  ['kam-pipeline-board'], ['kam-kpi-tile', { kind: 'win-rate' }],
  ['kam-funnel-chart'], ['kam-forecast-chart'], ['kam-concentration-chart'], ['kam-health-distribution-chart'],
  ['kam-pareto-chart'], ['kam-retention-chart'], ['kam-stage-duration-chart'],
];
function make(tag: string, attrs: Record<string, string> = {}): Updating {
  const el = document.createElement(tag) as Updating;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}
const badgeLabel = (el: Element) => el.shadowRoot!.querySelector('[part="badge"]')!;

describe('an element in store mode with no <kam-provider> above it and no store', () => {
  for (const [tag, attrs] of storeMode) {
    it(`<${tag}> says how to wire it, not "Loading…" or "nothing here" for ever (en, zh-CN)`, async () => {
      const el = make(tag, attrs);
      await fixture(html`<div>${el}</div>`);
      await el.updateComplete;
      expect(stateText(el)).to.equal(hint(tag));
      expect(el.shadowRoot!.querySelector('[aria-busy="true"]') === null, 'not busy').to.equal(true);
      el.setAttribute('locale', 'zh-CN');
      await waitUntil(() => stateText(el).startsWith('请将'), `${tag}: zh-CN`, { timeout: 5000 });
      expect(stateText(el)).to.equal(`请将 <${tag}> 放在 <kam-provider> 内，或设置其 store。`);
    });
  }

  it('<kam-health-badge account-id> keeps its small pill ("—") and says how to wire it as its label and tooltip', async () => {
    const el = make('kam-health-badge', { 'account-id': 'acc-1' });
    await fixture(html`<table><tr><td>${el}</td></tr></table>`);
    await el.updateComplete;
    expect(badgeLabel(el).getAttribute('aria-label')).to.equal(hint('kam-health-badge'));
    expect(badgeLabel(el).getAttribute('title')).to.equal(hint('kam-health-badge'));
    expect(el.shadowRoot!.querySelector('[part="score"]')!.textContent).to.equal('—');
    expect(el.shadowRoot!.querySelector('p, div') === null, 'no paragraph in a table cell').to.equal(true);
  });

  it('says nothing of the kind when given its data as plain properties (not in store mode)', async () => {
    const given: Updating[] = [
      Object.assign(make('kam-timeline'), { activities: [] }), Object.assign(make('kam-stakeholder-map'), { contacts: [] }),
      Object.assign(make('kam-pipeline-board'), { opportunities: [] }), Object.assign(make('kam-kpi-tile', { kind: 'win-rate' }), { data: { value: 0.5, previous: 0.4 } }),
      Object.assign(make('kam-funnel-chart'), { data: [] }), Object.assign(make('kam-health-badge'), { score: 62 }),
      Object.assign(make('kam-account-list'), { accounts: [] }), Object.assign(make('kam-alerts'), { alerts: [] }),
      make('kam-health-badge'), make('kam-account-360'),
    ];
    await fixture(html`<div>${given}</div>`);
    for (const el of given) {
      await el.updateComplete;
      expect(el.shadowRoot!.textContent!.includes('<kam-provider>'), `${el.localName}: ${el.shadowRoot!.textContent}`).to.equal(false);
      expect(!!el.shadowRoot!.querySelector('[title*="kam-provider"]'), el.localName).to.equal(false);
    }
  });

  it('says nothing of the kind when given a store directly', async () => {
    const store = sampleStore(6);
    const els = storeMode.map(([tag, attrs]) => Object.assign(make(tag, attrs), { store }));
    els.push(Object.assign(make('kam-health-badge', { 'account-id': 'acc-1' }), { store }));
    await fixture(html`<div>${els}</div>`);
    for (const el of els) {
      await el.updateComplete;
      expect(el.shadowRoot!.textContent!.includes('<kam-provider>'), `${el.localName}: ${el.shadowRoot!.textContent}`).to.equal(false);
      expect(!!el.shadowRoot!.querySelector('[title*="kam-provider"]'), el.localName).to.equal(false);
    }
  });

  it('waits for a provider above, through a shadow root, even one not upgraded yet (defined later)', async () => {
    expect(customElements.get('kam-provider'), 'not defined yet').to.equal(undefined);
    const provider = await fixture(html`<kam-provider><div></div></kam-provider>`);
    const inner = provider.querySelector('div')!.attachShadow({ mode: 'open' });
    const els = [...storeMode.map(([tag, attrs]) => make(tag, attrs)), make('kam-health-badge', { 'account-id': 'acc-1' })];
    inner.append(...els);
    for (const el of els) {
      await el.updateComplete;
      expect(el.shadowRoot!.textContent!.includes('<kam-provider>'), `${el.localName}: ${stateText(el)}`).to.equal(false);
      expect(!!el.shadowRoot!.querySelector('[title*="kam-provider"]'), el.localName).to.equal(false);
    }
    await import('../provider/define.js');
    expect(!!customElements.get('kam-provider'), 'defined now').to.equal(true);
    for (const el of els) {
      await el.updateComplete;
      expect(el.shadowRoot!.textContent!.includes('<kam-provider>'), `${el.localName} after the upgrade`).to.equal(false);
    }
  });
});
