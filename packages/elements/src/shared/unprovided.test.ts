import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../account-360/define.js';
import '../account-list/define.js';
import '../alerts/define.js';
import '../dashboard/define.js';
import '../provider/define.js';

const stateText = (el: Element) => (el.shadowRoot!.querySelector('[part~="state"]')?.textContent ?? '').trim();

describe('an element in store mode with no <kam-provider> above it and no store', () => {
  for (const tag of ['kam-account-360', 'kam-account-list', 'kam-alerts', 'kam-dashboard']) {
    it(`<${tag}> says how to wire it, not "Loading…" or "nothing here" for ever (en, zh-CN)`, async () => {
      const el = await fixture(`<${tag} account-id="acc-1"></${tag}>`);
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      expect(stateText(el)).to.equal(`Place <${tag}> inside <kam-provider> or set its store.`);
      expect(el.shadowRoot!.querySelector('[aria-busy="true"]') === null, 'not busy').to.equal(true);
      el.setAttribute('locale', 'zh-CN');
      await waitUntil(() => stateText(el).startsWith('请将'), `${tag}: zh-CN`);
      expect(stateText(el)).to.equal(`请将 <${tag}> 放在 <kam-provider> 内，或设置其 store。`);
    });
  }

  it('a provider above, even through a shadow root and before its store is there, is waited for', async () => {
    const provider = await fixture(html`<kam-provider><div></div></kam-provider>`);
    const inner = provider.querySelector('div')!.attachShadow({ mode: 'open' });
    const view = document.createElement('kam-account-360');
    view.setAttribute('account-id', 'acc-1');
    inner.append(view, document.createElement('kam-alerts'));
    for (const el of inner.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('kam-account-360, kam-alerts')) {
      await el.updateComplete;
      expect(stateText(el).includes('<kam-provider>'), `${el.localName}: ${stateText(el)}`).to.equal(false);
    }
  });
});
