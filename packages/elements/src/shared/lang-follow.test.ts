import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../provider/define.js';
import '../account-list/define.js';
import '../health-badge/define.js';
import type { KamProvider } from '../provider/kam-provider.js';
import type { KamHealthBadge } from '../health-badge/kam-health-badge.js';
import { sampleStore } from '../../../../tests/fixtures/sample-store.js';

const message = (p: KamProvider) => (p.shadowRoot!.querySelector('[part="message"]')?.textContent ?? '').trim();

// Each switch waits for a string table fetched on first use (and the first load for the store):
// seconds on a loaded CI machine, so the waits are bounded at 5 s, not waitUntil's default 1 s.
const slow = { timeout: 5000 };

describe('elements follow the page\'s lang when it changes after load (a language switcher sets <html lang>)', () => {
  const original = document.documentElement.lang;
  afterEach(() => { document.documentElement.lang = original; });

  it('the provider\'s status bar and the elements inside it switch to zh-CN and back', async () => {
    document.documentElement.lang = 'en';
    const p = await fixture<KamProvider>(html`<kam-provider .store=${sampleStore(12)}><kam-account-list style="height: 300px"></kam-account-list></kam-provider>`);
    await waitUntil(() => message(p).startsWith('Up to date'), 'English first', slow);
    const list = p.querySelector('kam-account-list')!;
    expect(list.shadowRoot!.textContent).to.contain('Search');
    document.documentElement.lang = 'zh-CN';
    await waitUntil(() => message(p).startsWith('已是最新'), 'the status bar in Chinese', slow);
    await waitUntil(() => !list.shadowRoot!.textContent!.includes('Search'), 'the list in Chinese', slow);
    document.documentElement.lang = 'en';
    await waitUntil(() => message(p).startsWith('Up to date'), 'English again', slow);
  });

  it('an element on its own follows the nearest lang attribute', async () => {
    const host = await fixture(html`<div lang="en"><kam-health-badge score="62"></kam-health-badge></div>`);
    const badge = host.querySelector<KamHealthBadge>('kam-health-badge')!;
    await badge.updateComplete;
    expect(badge.label).to.contain('Health');
    host.setAttribute('lang', 'zh-CN');
    await waitUntil(() => badge.label.startsWith('健康度'), `the badge in Chinese: ${badge.label}`, slow);
  });
});
