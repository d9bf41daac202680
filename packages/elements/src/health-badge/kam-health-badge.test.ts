import { expect, fixture, html } from '@open-wc/testing';
import type { Store } from '@kamkit/core';
import { defaultHealthModel, scoreAccount, scoreBook } from '@kamkit/core/health';
import '../provider/define.js';
import './define.js';
import type { KamHealthBadge } from './kam-health-badge.js';
import { sampleStore, injectionInert } from '../../../../tests/fixtures/sample-store.js';
import { xssPayloads } from '../../../../tests/fixtures/xss-payloads.js';
import { halfWidthInChinese } from '../account-360/test-fixtures.js';

const shadowText = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
const pill = (el: KamHealthBadge) => el.shadowRoot!.querySelector('[part="badge"]')!;

async function inProvider(store: Store, id: string | undefined, extra = '') {
  const host = await fixture(html`<kam-provider hide-status .store=${store}>
    <kam-health-badge account-id=${id ?? ''} lang=${extra || 'en'}></kam-health-badge></kam-provider>`);
  const badge = host.querySelector('kam-health-badge') as KamHealthBadge;
  await badge.updateComplete;
  return badge;
}

describe('<kam-health-badge>', () => {
  it('shows score and band from attributes, with an accessible label', async () => {
    const el = await fixture<KamHealthBadge>(html`<kam-health-badge score="62"></kam-health-badge>`);
    expect(pill(el).getAttribute('role')).to.equal('img');
    expect(pill(el).getAttribute('aria-label')).to.equal('Health 62 of 100, yellow');
    expect(shadowText(el)).to.equal('62yellow');
    expect(pill(el).classList.contains('yellow')).to.equal(true);
    el.score = 31;
    await el.updateComplete;
    expect(pill(el).getAttribute('aria-label')).to.equal('Health 31 of 100, red');
    el.band = 'blue';
    await el.updateComplete;
    expect(pill(el).getAttribute('aria-label')).to.equal('Health 31 of 100, blue');
  });

  it('shows a HealthResult from the core, override marked', async () => {
    const result = scoreAccount(defaultHealthModel, { 'activity.daysSinceLast': 3, 'activity.count90d': 12, 'contacts.engaged': 5, 'relationship.execSponsor': 1, 'relationship.decisionMakerReached': 1 });
    const el = await fixture<KamHealthBadge>(html`<kam-health-badge .result=${result}></kam-health-badge>`);
    expect(el.label).to.equal(`Health ${Math.round(result.score)} of 100, ${result.band.tone}`);
    const overridden = scoreAccount(defaultHealthModel, { 'activity.daysSinceLast': 3 }, {
      accountId: 'a1', now: '2026-11-23T00:00:00Z',
      overrides: [{ id: 'o1', accountId: 'a1', value: 20, reason: 'Key sponsor left', author: 'li.wei', createdAt: '2026-11-01T00:00:00Z', onlyLower: false }],
    });
    el.result = overridden;
    await el.updateComplete;
    expect(el.label).to.equal('Health 20 of 100, red (overridden)');
  });

  it('scores an account from the provider and follows store changes', async () => {
    const store = sampleStore(40);
    // Pick an account whose ticket-severity factor still has points to lose.
    const book = scoreBook(store, defaultHealthModel, { now: store.now(), skipNextBand: true });
    const [id, before] = [...book.results].find(([, r]) => (r.factors.find((f) => f.id === 'ticketSeverity')?.pointsEarned ?? 0) > 1)!;
    const badge = await inProvider(store, id);
    expect(badge.label).to.equal(`Health ${Math.round(before.score)} of 100, ${before.band.tone}`);
    for (let i = 0; i < 4; i++) {
      await store.create('tickets', { id: `t-new-${i}`, accountId: id, subject: 'Line down', severity: 'critical', status: 'open', openedAt: '2026-11-20T00:00:00Z', sourceIds: {} });
    }
    await badge.updateComplete;
    const after = scoreBook(store, defaultHealthModel, { now: store.now(), accountIds: [id], skipNextBand: true }).results.get(id)!;
    expect(after.score).to.be.lessThan(before.score);
    expect(badge.label).to.equal(`Health ${Math.round(after.score)} of 100, ${after.band.tone}`);
  });

  it('says what is wrong for a missing id, an unknown id and a failed store', async () => {
    const store = sampleStore(5);
    expect((await inProvider(store, undefined)).label).to.equal('Health unavailable: no account id given');
    expect((await inProvider(store, 'no-such-account')).label).to.equal('Health unavailable: account no-such-account not found');
    const failed = { ...store, status: 'error', error: new Error('backend unreachable'), subscribe: store.subscribe.bind(store), onProgress: store.onProgress.bind(store), onWrite: store.onWrite.bind(store), now: () => store.now(), get: store.get.bind(store) } as unknown as Store;
    const badge = await inProvider(failed, 'x');
    expect(badge.label).to.equal('Health unavailable: backend unreachable');
    expect(pill(badge).classList.contains('error')).to.equal(true);
  });

  it('shows a placeholder, not a blank box, without any score', async () => {
    const el = await fixture<KamHealthBadge>(html`<kam-health-badge></kam-health-badge>`);
    expect(el.label).to.equal('No health score');
    expect(shadowText(el)).to.equal('—');
  });

  it('speaks Simplified Chinese', async () => {
    const el = await fixture<KamHealthBadge>(html`<kam-health-badge locale="zh-CN" score="62"></kam-health-badge>`);
    expect(el.label).to.equal('健康度 62/100，黄色');
    expect(shadowText(el)).to.equal('62黄色');
    const inLang = await fixture(html`<div lang="zh-CN"><kam-health-badge score="88"></kam-health-badge></div>`);
    expect((inLang.firstElementChild as KamHealthBadge).label).to.equal('健康度 88/100，绿色');
  });

  it('says its label with full-width punctuation in Chinese, the override mark too', async () => {
    const overridden = scoreAccount(defaultHealthModel, { 'activity.daysSinceLast': 3 }, {
      accountId: 'a1', now: '2026-11-23T00:00:00Z',
      overrides: [{ id: 'o1', accountId: 'a1', value: 20, reason: 'Key sponsor left', author: 'li.wei', createdAt: '2026-11-01T00:00:00Z', onlyLower: false }],
    });
    const el = await fixture<KamHealthBadge>(html`<kam-health-badge locale="zh-CN" .result=${overridden}></kam-health-badge>`);
    expect(el.label).to.equal('健康度 20/100，红色（已人工调整）');
    expect(halfWidthInChinese(el)).to.deep.equal([]);
  });

  it('passes axe in light and dark', async () => {
    const light = await fixture(html`<div><kam-health-badge score="31"></kam-health-badge><kam-health-badge score="62"></kam-health-badge><kam-health-badge score="88"></kam-health-badge></div>`);
    await expect(light).to.be.accessible();
    const dark = await fixture(html`<div style="background:#0d1117"><kam-health-badge theme="dark" score="31"></kam-health-badge><kam-health-badge theme="dark" score="62"></kam-health-badge><kam-health-badge theme="dark" score="88"></kam-health-badge></div>`);
    await expect(dark).to.be.accessible();
  });

  it('renders injected band and id text inert', async () => {
    for (const payload of xssPayloads.slice(0, 40)) {
      const el = await fixture<KamHealthBadge>(html`<kam-health-badge score="50" band=${payload}></kam-health-badge>`);
      expect(shadowText(el)).to.contain(payload.replace(/\s+/g, ' ').trim().slice(0, 10));
      expect(injectionInert(el)).to.equal(true);
    }
    const store = sampleStore(3);
    const badge = await inProvider(store, '<img src=x onerror="window.__kamXss=1">');
    expect(badge.label).to.contain('<img src=x');
    expect(injectionInert(badge)).to.equal(true);
  });
});
