import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Store } from '@kamkit/core';
import { computeSignals, defaultHealthModel, scoreAccount, whatIf, type HealthResult, type Signals } from '@kamkit/core/health';
import '../provider/define.js';
import './define.js';
import type { KamHealthExplainer } from './kam-health-explainer.js';
import { editorsLoader } from './editors-loader.js';
import { sampleStore, injectionInert, SAMPLE_NOW } from '../../../../tests/fixtures/sample-store.js';
import { xssPayloads } from '../../../../tests/fixtures/xss-payloads.js';
import { halfWidthInChinese } from '../account-360/test-fixtures.js';

const root = (el: KamHealthExplainer) => el.shadowRoot!;
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = (el: KamHealthExplainer, sel: string) => root(el).querySelector<HTMLElement>(sel);

// A middling account: late payments, few contacts, no sponsor.
const signals: Signals = {
  'renewal.daysToRenewal': 40, 'payment.avgDaysLate': 25, 'payment.overdueShare': 0.2, 'orders.trend': -0.2,
  'tickets.count90d': 4, 'tickets.severity90d': 6, 'activity.daysSinceLast': 20, 'activity.count90d': 5,
  'contacts.engaged': 2, 'relationship.execSponsor': 0, 'relationship.decisionMakerReached': 1,
  'satisfaction.nps': 10, 'satisfaction.csat': 3.8,
};
const result = (opts = {}) => scoreAccount(defaultHealthModel, signals, { accountId: 'acc-1', now: SAMPLE_NOW, previous: { score: 70, at: '2026-10-01T00:00:00Z' }, ...opts });

async function inProvider(store: Store, id: string | undefined, locale = 'en') {
  const host = await fixture(html`<kam-provider hide-status .store=${store} locale=${locale}>
    <kam-health-explainer account-id=${id ?? ''}></kam-health-explainer></kam-provider>`);
  const el = host.querySelector('kam-health-explainer') as KamHealthExplainer;
  await el.updateComplete;
  return el;
}

describe('<kam-health-explainer>', () => {
  it('shows the waterfall of points lost, and the same numbers as a table', async () => {
    const r = result();
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer .result=${r} .signals=${signals}></kam-health-explainer>`);
    expect(text($(el, '.headline'))).to.contain(String(Math.round(r.score)));
    const losses = r.factors.filter((f) => f.pointsLost > 0.05).sort((a, b) => b.pointsLost - a.pointsLost);
    const labels = [...root(el).querySelectorAll('.wf-labels li')].map((li) => text(li));
    expect(labels).to.deep.equal(['Full marks', ...losses.map((f) => f.label), 'Score']);
    const values = [...root(el).querySelectorAll('.wf-values li')].map((li) => text(li));
    expect(values[values.length - 1]).to.equal(String(Math.round(r.computedScore * 10) / 10));
    // Bars: each starts where the previous ended, and the final bar is the score.
    const rects = [...root(el).querySelectorAll('svg rect.lost')];
    expect(rects).to.have.length(losses.length);
    let running = 100;
    losses.forEach((f, i) => {
      expect(Number(rects[i].getAttribute('x'))).to.be.closeTo(running - f.pointsLost, 1e-6);
      running -= f.pointsLost;
    });
    expect(running).to.be.closeTo(r.computedScore, 1e-6);
    expect($(el, '.wf-grid')!.getAttribute('role')).to.equal('img');
    expect($(el, '.wf-grid')!.getAttribute('aria-label')).to.contain(losses[0].label);
    // Table alternative.
    const tableBtn = [...root(el).querySelectorAll('.toggle button')][1] as HTMLButtonElement;
    tableBtn.click();
    await el.updateComplete;
    expect(tableBtn.getAttribute('aria-pressed')).to.equal('true');
    // The pressed one is marked by a tick, not by colour alone (forced colours paint both buttons alike).
    const tick = (b: Element) => getComputedStyle(b, '::before').content;
    expect(tick(tableBtn)).to.equal('"✓ "');
    expect(tick(root(el).querySelector('.toggle button')!)).to.equal('none');
    const bodyRows = [...root(el).querySelectorAll('table tbody tr')];
    expect(bodyRows).to.have.length(r.factors.length);
    const lostSum = r.factors.reduce((s, f) => s + f.pointsLost, 0);
    expect(lostSum + r.computedScore).to.be.closeTo(100, 1e-6);
    expect(text(root(el).querySelector('tfoot'))).to.contain(String(Math.round(r.computedScore * 10) / 10));
  });

  it('shows the trend, the next band and the override in force', async () => {
    const r = result({
      overrides: [{ id: 'o1', accountId: 'acc-1', value: 40, reason: 'Sponsor left the company', author: 'wang.li', createdAt: '2026-11-01T00:00:00Z', expiresAt: '2026-12-31T00:00:00Z', onlyLower: false }],
    });
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer .result=${r}></kam-health-explainer>`);
    const trend = text($(el, '[part="trend"]'));
    expect(r.trend!.direction).to.equal('down');
    expect(trend).to.contain('Down');
    expect(trend).to.contain('(was 70)');
    const next = text($(el, '[part="next-band"]'));
    if (r.nextBand) expect(next).to.contain(`${Math.round(r.nextBand.pointsNeeded * 10) / 10} more points needed`);
    const override = text($(el, '[part="override"]'));
    expect(override).to.contain('Set to 40 by wang.li: Sponsor left the company');
    expect(override).to.contain('Expires Dec 31, 2026');
    expect(text($(el, '.header'))).to.contain(`Computed score ${Math.round(r.computedScore)}`);
  });

  it('lists what it takes to reach the next band, with numbers', async () => {
    const r = scoreAccount(defaultHealthModel, signals, { accountId: 'acc-1', now: SAMPLE_NOW });
    expect(r.nextBand, 'a middling account has a next band').to.not.equal(null);
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer .result=${r}></kam-health-explainer>`);
    const items = [...root(el).querySelectorAll('[part="next-band"] li')].map((li) => text(li));
    const steps = r.nextBand!.singleFactor.length ? r.nextBand!.singleFactor : r.nextBand!.combination;
    expect(items.length).to.equal(Math.min(5, steps.length));
    expect(items[0]).to.contain(steps[0].label);
    expect(items[0]).to.contain(`+${Math.round(steps[0].pointsGained * 10) / 10} points`);
  });

  it('keeps the gain of a step, "(+7.5 points)", whole on one line at any width, in English and Chinese', async () => {
    // The demo at a 390 px phone width broke "（+7.5" from "分）" onto the next line.
    const r = scoreAccount(defaultHealthModel, signals, { accountId: 'acc-1', now: SAMPLE_NOW });
    for (const locale of ['en', 'zh-CN']) {
      const wrap = await fixture<HTMLDivElement>(html`<div><kam-health-explainer locale=${locale} .result=${r}></kam-health-explainer></div>`);
      const el = wrap.firstElementChild as KamHealthExplainer;
      await el.updateComplete;
      await new Promise((ok) => setTimeout(ok, 50)); // the zh-CN table
      const split: string[] = [];
      for (let w = 180; w <= 420; w += 3) {
        wrap.style.width = `${w}px`;
        for (const li of root(el).querySelectorAll('[part="next-band"] li')) {
          const node = [...li.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && /\(\+|（\+/.test(n.textContent!))!;
          const range = document.createRange();
          range.setStart(node, node.textContent!.search(/\(\+|（\+/));
          range.setEnd(node, node.textContent!.length);
          const tops = [...range.getClientRects()].filter((q) => q.width > 0).map((q) => q.top); // a run in a fallback font sits a pixel or two off
          if (Math.max(...tops) - Math.min(...tops) > 8) split.push(`${locale} ${w}px: ${range.toString()}`);
        }
      }
      expect(split).to.deep.equal([]);
    }
  });

  it('emits kam-override-request with the form values, and validates them', async () => {
    const r = result();
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer .result=${r}></kam-health-explainer>`);
    ($(el, '[part="override"] button.link') as HTMLButtonElement).click();
    await el.updateComplete;
    const form = $(el, 'form') as HTMLFormElement;
    (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text($(el, '[part="override"] [role="alert"]'))).to.equal('Enter a score from 0 to 100.');
    (form.querySelector('input[name="value"]') as HTMLInputElement).value = '35';
    (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text($(el, '[part="override"] [role="alert"]'))).to.equal('Say why the score should be overridden.');
    const reason = form.querySelector('input[name="reason"]') as HTMLInputElement;
    reason.focus();
    await sendKeys({ type: 'Budget frozen for 2027' });
    (form.querySelector('input[name="expires"]') as HTMLInputElement).value = '2027-01-31';
    (form.querySelector('input[name="onlyLower"]') as HTMLInputElement).checked = true;
    const ev = oneEvent(el, 'kam-override-request');
    (form.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    const { detail } = await ev;
    expect(detail).to.deep.equal({ accountId: 'acc-1', value: 35, reason: 'Budget frozen for 2027', expiresAt: '2027-01-31', onlyLower: true, computedScore: r.computedScore });
    await el.updateComplete;
    expect(text($(el, '[part="override"] [role="status"]'))).to.equal('Override requested.');
    expect($(el, 'form'), 'the form closes once sent').to.equal(null);
    // Cancel closes the form and forgets what it said was wrong.
    ($(el, '[part="override"] button.link') as HTMLButtonElement).click();
    await el.updateComplete;
    ($(el, 'form button[type="submit"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '[part="override"] [role="alert"]')).to.exist;
    ($(el, 'form button[type="button"]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, 'form')).to.equal(null);
    ($(el, '[part="override"] button.link') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '[part="override"] [role="alert"]')).to.equal(null);
  });

  it('moves focus into a panel it opens, and back to its link when it closes (or off a disabled Reset): never to the page', async () => {
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer .result=${result()}></kam-health-explainer>`);
    const active = () => root(el).activeElement as HTMLElement | null;
    const press = async (b: HTMLElement | null) => { b!.focus(); b!.click(); await el.updateComplete; };
    await press($(el, '[part="what-if-toggle"]'));
    expect(active()?.id).to.equal($(el, '.wi-grid input')!.id);
    const slider = $(el, '.wi-grid input[type="range"]') as HTMLInputElement;
    slider.value = slider.value === slider.max ? slider.min : slider.max;
    slider.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const [reset, close] = root(el).querySelectorAll<HTMLButtonElement>('[part="what-if"] .actions button');
    await press(reset); // Reset disables itself
    expect(reset.disabled).to.equal(true);
    expect(active()?.id).to.equal($(el, '.wi-grid input')!.id);
    await press(close);
    expect(active()?.getAttribute('part')).to.equal('what-if-toggle');
    await press($(el, '[part="override"] button.link'));
    expect(active()?.getAttribute('name')).to.equal('value');
    await press($(el, 'form button[type="button"]')); // Cancel
    expect(active()?.textContent).to.equal('Request an override…');
    await press($(el, '[part="override"] button.link'));
    ($(el, 'input[name="value"]') as HTMLInputElement).value = '40';
    ($(el, 'input[name="reason"]') as HTMLInputElement).value = 'Board decision';
    await press($(el, 'form button[type="submit"]'));
    expect($(el, 'form')).to.equal(null);
    expect(active()?.textContent).to.equal('Request an override…');
  });

  it('sets the what-if link at the start of its line, as the override link is', async () => {
    // In the demo's detail pane "What if…" floated in the middle of an empty line: the button was
    // stretched across the column, its text centred.
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 700px"><kam-health-explainer .result=${result()}></kam-health-explainer></div>`);
    const el = wrap.querySelector('kam-health-explainer') as KamHealthExplainer;
    await el.updateComplete;
    const toggle = $(el, '[part="what-if-toggle"]')!;
    const range = document.createRange();
    range.selectNodeContents(toggle);
    expect(range.getBoundingClientRect().left - el.getBoundingClientRect().left).to.be.below(16);
  });

  it('what-if: moving a signal re-scores without writing', async () => {
    const store = sampleStore(20);
    const account = store.all('accounts').find((a) => {
      const s = computeSignals(store, a.id, store.now());
      return s['contacts.engaged'] !== undefined && s['contacts.engaged']! < 5;
    }) ?? store.all('accounts')[0];
    const el = await inProvider(store, account.id);
    const writes: unknown[] = [];
    store.onWrite((e) => writes.push(e));
    const changes: unknown[] = [];
    store.subscribe((e) => changes.push(e));
    ($(el, '[part="what-if-toggle"]') as HTMLButtonElement).click();
    await el.updateComplete;
    // The panel (loaded on demand) comes with its styles: a grid of label, slider, value.
    expect(getComputedStyle($(el, '.wi-grid')!).display).to.equal('grid');
    const sponsor = $(el, '#wi-execSponsor') as HTMLInputElement;
    sponsor.checked = !sponsor.checked;
    sponsor.dispatchEvent(new Event('change'));
    const contacts = $(el, '#wi-engagedContacts') as HTMLInputElement;
    contacts.value = '6';
    contacts.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const base = computeSignals(store, account.id, store.now(), { fx: store.fx });
    const expected = whatIf(defaultHealthModel, base, { 'relationship.execSponsor': sponsor.checked ? 1 : 0, 'contacts.engaged': 6 }, { accountId: account.id, now: store.now() });
    const out = text($(el, '.wi-result'));
    expect(out).to.contain(`Score would be ${Math.round(expected.after.score * 10) / 10}`);
    expect($(el, '.wi-result')!.getAttribute('aria-live')).to.equal('polite');
    expect(writes).to.have.length(0);
    expect(changes).to.have.length(0);
    // The explained score itself did not move.
    expect(el.currentResult!.score).to.equal(expected.before.score);
    ([...root(el).querySelectorAll('[part="what-if"] .actions button')][0] as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text($(el, '.wi-result'))).to.equal('');
    // Close puts the link back.
    ([...root(el).querySelectorAll('[part="what-if"] .actions button')][1] as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '[part="what-if"]')).to.equal(null);
    expect(el.whatIfOpen).to.equal(false);
    expect($(el, '[part="what-if-toggle"]')).to.exist;
  });

  it('follows the store: explains the provider account and updates live', async () => {
    const store = sampleStore(20);
    const id = store.all('accounts')[3].id;
    const el = await inProvider(store, id);
    const before = el.currentResult!;
    const expected = scoreAccount(defaultHealthModel, computeSignals(store, id, store.now(), { fx: store.fx }), { accountId: id, now: store.now() });
    expect(before.score).to.equal(expected.score);
    await store.create('activities', { id: 'act-new', accountId: id, type: 'visit', subject: 'QBR', occurredAt: '2026-11-22T09:00:00Z', sourceIds: {} });
    await el.updateComplete;
    const after = scoreAccount(defaultHealthModel, computeSignals(store, id, store.now(), { fx: store.fx }), { accountId: id, now: store.now() });
    expect(el.currentResult!.score).to.equal(after.score);
    expect(el.currentResult).to.not.equal(before);
  });

  it('shows clear states for a missing id, an unknown id, a loading and a failed store', async () => {
    const store = sampleStore(3);
    expect(text($(await inProvider(store, undefined), '[part="state"]'))).to.equal('No account id given.');
    expect(text($(await inProvider(store, 'ghost-7'), '[part="state"]'))).to.equal('Account ghost-7 not found.');
    const stub = (status: string, error?: Error) => ({ ...store, status, error, subscribe: store.subscribe.bind(store), onProgress: store.onProgress.bind(store), onWrite: store.onWrite.bind(store), now: () => store.now() }) as unknown as Store;
    expect(text($(await inProvider(stub('loading'), 'x'), '[part="state"]'))).to.equal('Loading health…');
    const failed = await inProvider(stub('error', new Error('token expired')), 'x');
    expect($(failed, '[role="alert"]')).to.exist;
    // The store's failure, with a Retry (from the keyboard too) that asks the provider to load again, as every account element's.
    expect(text($(failed, '[part~="state"] .msg'))).to.equal('The data could not be loaded.');
    expect(text($(failed, '[part~="state"] .detail'))).to.equal('Details: token expired');
    const retry = $(failed, '[part~="state"] button') as HTMLButtonElement;
    expect(text(retry)).to.equal('Retry');
    expect(retry.getBoundingClientRect().height).to.be.at.least(24);
    const asked = oneEvent(failed, 'kam-retry');
    retry.focus();
    retry.click();
    expect((await asked).detail).to.deep.equal({ source: 'kam-health-explainer', accountId: 'x' });
    const alone = await fixture<KamHealthExplainer>(html`<kam-health-explainer></kam-health-explainer>`);
    expect(text($(alone, '[part="state"]'))).to.equal('No health result to explain.');
  });

  it('speaks Simplified Chinese', async () => {
    const r = result();
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer locale="zh-CN" .result=${r}></kam-health-explainer>`);
    expect(text($(el, '.losses h3'))).to.equal('各因子扣分');
    const labels = [...root(el).querySelectorAll('.wf-labels li')].map((li) => text(li));
    expect(labels[0]).to.equal('满分');
    expect(labels).to.include('逾期天数');
    expect(text($(el, '[part="trend"]'))).to.contain('下降');
    // Chinese punctuation in what is said: full-width marks, an enumeration comma between items
    expect($(el, '.wf-grid')!.getAttribute('aria-label')).to.match(/^满分 100；[^,;]+、[^,;]+；得分 [\d.]+。$/);
    expect(text($(el, '[part="override"] button'))).to.equal('申请人工调整…');
    // The editors bring their own strings (their own zh-CN table, loaded with them).
    el.whatIfOpen = true;
    ($(el, '[part="override"] button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text($(el, '[part="what-if"] p'))).to.equal('调整某个信号，查看分数变化。不会保存任何修改。');
    expect([...root(el).querySelectorAll('[part="what-if"] .actions button')].map((b) => text(b))).to.deep.equal(['重置', '关闭']);
    expect([...root(el).querySelectorAll('.override-form button')].map((b) => text(b))).to.deep.equal(['提交申请', '取消']);
    // So does the points table.
    el.view = 'table';
    await el.updateComplete;
    expect([...root(el).querySelectorAll('thead th')].map((th) => text(th))).to.deep.equal(['因子', '数值', '得分', '扣分', '权重']);
  });

  it('writes Chinese with full-width punctuation: trend, steps to the next band, override, what-if result, badge', async () => {
    const r = result({
      overrides: [{ id: 'o1', accountId: 'acc-1', value: 40, reason: '大客户联系人离职', author: 'wang.li', createdAt: '2026-11-01T00:00:00Z', onlyLower: false }],
    });
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer locale="zh-CN" .result=${r} .signals=${signals}></kam-health-explainer>`);
    expect(text($(el, '[part="trend"] p'))).to.match(/（原为 70）$/);
    expect(text($(el, '[part="override"] p'))).to.equal('由 wang.li 调整为 40：大客户联系人离职');
    ($(el, '[part="what-if-toggle"]') as HTMLButtonElement).click();
    await el.updateComplete;
    const contacts = $(el, '#wi-engagedContacts') as HTMLInputElement;
    contacts.value = '6';
    contacts.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text($(el, '.wi-result'))).to.match(/^分数将为 [\d.]+（[+−-]?[\d.]+），/);
    expect(root(el).querySelectorAll('[part="next-band"] li').length, 'steps to the next band shown').to.be.greaterThan(0);
    expect(halfWidthInChinese(el)).to.deep.equal([]);
  });

  it('says so when the table and editors cannot be fetched (en and zh-CN), shows the chart, and opens the table on the next try', async () => {
    const r = result();
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer .result=${r}></kam-health-explainer>`);
    const zh = await fixture<KamHealthExplainer>(html`<kam-health-explainer locale="zh-CN" .result=${r}></kam-health-explainer>`);
    const tableBtn = (x: KamHealthExplainer) => [...root(x).querySelectorAll<HTMLButtonElement>('.toggle button')][1];
    const real = editorsLoader.load;
    editorsLoader.loaded = editorsLoader.loading = undefined; // fetched by the tests above: as if not yet
    editorsLoader.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      tableBtn(el).click();
      await el.updateComplete;
      zh.whatIfOpen = true;
      await zh.updateComplete;
    } finally {
      editorsLoader.load = real;
    }
    const alert = $(el, '[role="alert"]');
    expect(text(alert)).to.contain('Could not explain the health score: Failed to fetch dynamically imported module');
    expect(el.view, 'back to the chart').to.equal('chart');
    expect(tableBtn(el).getAttribute('aria-pressed')).to.equal('false');
    expect($(el, '.wf-grid'), 'the waterfall is shown').to.exist;
    expect($(el, 'table')).to.equal(null);
    expect(zh.whatIfOpen).to.equal(false);
    expect(text($(zh, '[role="alert"]'))).to.contain('无法');
    await expect(el).to.be.accessible();

    // The next try fetches the chunk: the table shows and the message goes.
    tableBtn(el).click();
    await el.updateComplete;
    expect(root(el).querySelectorAll('table tbody tr')).to.have.length(r.factors.length);
    expect([...root(el).querySelectorAll('thead th')].map((th) => text(th))).to.deep.equal(['Factor', 'Value', 'Points earned', 'Points lost', 'Weight']);
    expect($(el, '[role="alert"]')).to.equal(null);
  });

  it('passes axe in light and dark, including the what-if panel and the table', async () => {
    const r = result();
    const light = await fixture<KamHealthExplainer>(html`<kam-health-explainer what-if .result=${r}></kam-health-explainer>`);
    await expect(light).to.be.accessible();
    const dark = await fixture<HTMLElement>(html`<div style="background:#0d1117"><kam-health-explainer theme="dark" view="table" what-if .result=${r}></kam-health-explainer></div>`);
    await (dark.firstElementChild as KamHealthExplainer).updateComplete;
    await expect(dark).to.be.accessible();
  });

  it('renders injected factor labels, override reasons and authors inert', async () => {
    const base = result({ overrides: [{ id: 'o', accountId: 'acc-1', value: 30, reason: xssPayloads[3], author: xssPayloads[8], createdAt: '2026-11-01T00:00:00Z', onlyLower: false }] });
    const r: HealthResult = { ...base, factors: base.factors.map((f, i) => ({ ...f, id: `f${i}`, label: xssPayloads[i % xssPayloads.length] })) };
    const el = await fixture<KamHealthExplainer>(html`<kam-health-explainer what-if .result=${r}></kam-health-explainer>`);
    expect(text($(el, '[part="override"]'))).to.contain(xssPayloads[3].slice(0, 12));
    expect(injectionInert(el)).to.equal(true);
    el.view = 'table';
    await el.updateComplete;
    expect(injectionInert(el)).to.equal(true);
  });
});
