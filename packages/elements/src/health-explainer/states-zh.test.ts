// A page of its own: the explainer's zh-CN table must not be here yet when it first works out its state.
import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { KamHealthExplainer } from './kam-health-explainer.js';
import { sampleStore } from '../../../../tests/fixtures/sample-store.js';

describe('<kam-health-explainer> states in zh-CN', () => {
  it('says an unknown account in Chinese, though it worked the state out before its Chinese table arrived', async () => {
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer locale="zh-CN" .store=${sampleStore(3)} account-id="ghost-7"></kam-health-explainer>`);
    expect(el.shadowRoot!.querySelector('[part~="state"]')!.textContent).to.equal('未找到客户 ghost-7。');
  });
});
