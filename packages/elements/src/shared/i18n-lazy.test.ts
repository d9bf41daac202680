// The zh-CN string tables load on demand (issue 8): English is bundled and renders at once; an
// element in zh-CN shows English while its table loads, renders again when it arrives, and
// `updateComplete` waits for that. One load per locale per module; a failed load keeps English.
import { expect, fixture, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import '../health-badge/define.js';
import type { KamHealthBadge } from '../health-badge/kam-health-badge.js';
import { t as badgeT } from '../health-badge/strings.js';
import { KamElement } from './kam-element.js';
import { defineStrings, formatRelative, resolveLocale } from './i18n.js';

const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** Resources the page fetched for the health badge's zh-CN table (its own module). */
const badgeZhFetches = () => performance.getEntriesByType('resource').filter((e) => /\/health-badge\/strings\.zh-CN\.ts/.test(e.name));
/** Lets a pending render run without waiting for any table (timers run after microtasks). */
const tick = () => new Promise((r) => setTimeout(r, 0));

// A test element whose zh-CN table comes from a loader the test controls.
let release: (() => void) | undefined;
let loads = 0;
const gatedT = defineStrings({
  id: 'gated',
  en: { hello: 'Hello {name}' },
  'zh-CN': () => {
    loads++;
    return new Promise<{ default: { hello: string } }>((resolve) => { release = () => resolve({ default: { hello: '你好，{name}' } }); });
  },
});
class GatedGreeting extends KamElement {
  override render() { return litHtml`<p>${gatedT(this.resolvedLocale, 'hello', { name: 'Li' })}</p>`; }
}
customElements.define('test-gated-greeting', GatedGreeting);

const brokenT = defineStrings({
  id: 'broken-test',
  en: { hello: 'Hello' },
  'zh-CN': () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: /broken/strings.zh-CN.js')),
});
class BrokenGreeting extends KamElement {
  override render() { return litHtml`<p>${brokenT(this.resolvedLocale, 'hello')}</p>`; }
}
customElements.define('test-broken-greeting', BrokenGreeting);

describe('zh-CN string tables, loaded on demand', () => {
  it('loads an element\'s zh-CN table only when it renders in zh-CN, once, and switches back and forth', async () => {
    // importing the badge and rendering it in English fetches no Chinese
    const el = await fixture<KamHealthBadge>(html`<kam-health-badge score="62"></kam-health-badge>`);
    expect(text(el)).to.equal('62yellow');
    expect(el.label).to.equal('Health 62 of 100, yellow');
    expect(badgeT.ready('zh-CN')).to.equal(false);
    expect(badgeZhFetches()).to.have.length(0);

    el.locale = 'zh-CN';
    await el.updateComplete; // no sleep: resolves once the table is applied
    expect(text(el)).to.equal('62黄色');
    expect(el.label).to.equal('健康度 62/100，黄色');
    expect(badgeZhFetches()).to.have.length(1);

    el.locale = 'en';
    await el.updateComplete;
    expect(text(el)).to.equal('62yellow');
    el.locale = 'zh-Hans-CN'; // mapped to zh-CN, as before
    await el.updateComplete;
    expect(text(el)).to.equal('62黄色');

    // another badge in a zh-CN page renders Chinese at once: the table is here
    const host = await fixture(html`<div lang="zh-CN"><kam-health-badge score="88"></kam-health-badge></div>`);
    const other = host.firstElementChild as KamHealthBadge;
    await other.updateComplete;
    expect(text(other)).to.equal('88绿色');
    expect(badgeZhFetches()).to.have.length(1);
  });

  it('shows English while the table loads, then re-renders; updateComplete waits for it', async () => {
    const host = await fixture(html`<div lang="zh-CN"><test-gated-greeting></test-gated-greeting><test-gated-greeting></test-gated-greeting></div>`);
    const [a, b] = [...host.children] as GatedGreeting[];
    await tick();
    // rendered, never blank, in English while the table is on its way; one load for both
    expect(text(a)).to.equal('Hello Li');
    expect(text(b)).to.equal('Hello Li');
    expect(loads).to.equal(1);
    let settled = false;
    const done = a.updateComplete.then(() => { settled = true; });
    await tick();
    expect(settled, 'updateComplete waits for the pending table').to.equal(false);
    release!();
    await done;
    expect(text(a)).to.equal('你好，Li');
    await b.updateComplete;
    expect(text(b)).to.equal('你好，Li');

    a.locale = 'en';
    await a.updateComplete;
    expect(text(a)).to.equal('Hello Li');
    a.locale = 'zh-CN';
    await a.updateComplete;
    expect(text(a)).to.equal('你好，Li');
    expect(loads).to.equal(1);
  });

  it('keeps English, with one clear warning, when a table cannot be loaded', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args); };
    try {
      const el = await fixture<BrokenGreeting>(html`<test-broken-greeting locale="zh-CN"></test-broken-greeting>`);
      expect(text(el)).to.equal('Hello');
      // more renders and more elements do not retry or warn again
      el.locale = 'en';
      await el.updateComplete;
      el.locale = 'zh-CN';
      await el.updateComplete;
      const again = await fixture<BrokenGreeting>(html`<test-broken-greeting locale="zh-CN"></test-broken-greeting>`);
      expect(text(again)).to.equal('Hello');
      expect(text(el)).to.equal('Hello');
      expect(warnings).to.have.length(1);
      expect(String(warnings[0][0])).to.contain('zh-CN strings of broken-test could not be loaded; English is shown instead');
      expect(String(warnings[0][0])).to.contain('Failed to fetch dynamically imported module');
    } finally {
      console.warn = warn;
    }
  });

  it('maps a language tag to a shipped locale: Simplified Chinese to zh-CN, everything else to English', () => {
    expect(['zh', 'ZH', 'zh-CN', 'zh-cn', 'zh-Hans', 'zh-Hans-CN', 'zh-SG'].map(resolveLocale)).to.deep.equal(Array(7).fill('zh-CN'));
    expect(['zh-TW', 'zh-Hant', 'zh-HK', 'zhx', 'en', 'en-US', 'fr', '', null, undefined].map(resolveLocale)).to.deep.equal(Array(10).fill('en'));
  });

  it('spaces a relative time as the Chinese tables are ("14 天前", not Intl\'s "14天前"); English as Intl gives it', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    expect(['2026-11-09', '2026-12-07', '2027-01-22', '2028-11-23', '2026-11-24'].map((d) => formatRelative('zh-CN', d, now))).to.deep.equal(['14 天前', '14 天后', '2 个月后', '2 年后', '明天']);
    expect(['2026-11-09', '2027-01-22', '2026-11-24'].map((d) => formatRelative('en', d, now))).to.deep.equal(['14 days ago', 'in 2 months', 'tomorrow']);
  });
});
