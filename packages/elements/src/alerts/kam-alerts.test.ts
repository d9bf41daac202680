import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Store, type Invoice } from '@kamkit/core';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import type { Alert, NextBestAction } from '@kamkit/core/alerts';
import './define.js';
import '../health-badge/define.js';
import '../health-explainer/define.js';
import '../provider/define.js';
import type { KamProvider } from '../provider/kam-provider.js';
import type { KamAlerts } from './kam-alerts.js';
import { actionsLoader } from './actions-loader.js';
import { concT } from '../concentration-chart/strings.js';
import { XSS, injectedElements } from '../account-360/test-fixtures.js';
import { makeStore, provide } from '../account-360/test-store.js';
import { xssPayloads } from '../../../../tests/fixtures/xss-payloads.js';
import { describeEl } from '../shared/test-wait.js';

const at = '2026-11-23T09:00:00.000Z';
function sample(): Alert[] {
  return [
    { id: 'payment-30:acc-1', ruleId: 'payment-30', type: 'payment_overdue', severity: 'red', accountId: 'acc-1', at,
      title: 'Payment overdue', reason: 'Huaxin has 2 invoice(s) unpaid more than 30 days past due (longest 75 days), 500000 CNY outstanding.',
      facts: { invoices: 2, maxDaysOverdue: 75, outstanding: 500000, currency: 'CNY', threshold: 30 },
      action: { id: 'collect_payment', label: 'Call finance about the overdue invoices' } },
    { id: 'renewal-90:acc-1:k1', ruleId: 'renewal-90', type: 'renewal_due', severity: 'yellow', accountId: 'acc-1', contractId: 'k1', at,
      title: 'Renewal due', reason: 'Framework agreement ends in 38 days.',
      facts: { daysLeft: 37.6, endDate: '2026-12-31', contractValue: 2000000, currency: 'CNY', health: 64.69, band: 'yellow', openTickets: 1, nps: null },
      action: { id: 'start_renewal', label: 'Start the renewal conversation' } },
    { id: 'orders-down:acc-2', ruleId: 'orders-down-30', type: 'order_volume_down', severity: 'blue', accountId: 'acc-2', at,
      title: 'Orders down', reason: 'Quiet Customer ordered 35 % less.', facts: { changePercent: -35, threshold: 30, periodDays: 180 },
      action: { id: 'review_orders', label: 'Review the order decline with the buyer' } },
  ];
}
const items = (el: KamAlerts) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.alert')].map((li) => li.dataset.id);
const filter = (el: KamAlerts, s: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`.filter[data-severity="${s}"]`)!;

describe('<kam-alerts>', () => {
  afterEach(() => { delete (window as unknown as Record<string, unknown>).__kamXss; });

  it('renders alerts from properties with severity in words and shapes, reason and the numbers behind it', async () => {
    const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${sample()}></kam-alerts>`);
    expect(items(el)).to.deep.equal(['payment-30:acc-1', 'renewal-90:acc-1:k1', 'orders-down:acc-2']);
    const red = el.shadowRoot!.querySelector('li.alert.sev-red')!;
    expect(red.querySelector('[part="severity"]')!.textContent).to.contain('Red').and.contain('urgent');
    expect(red.querySelector('[part="severity"] .glyph')!.textContent).to.equal('▲');
    expect(el.shadowRoot!.querySelector('li.sev-blue [part="severity"] .glyph')!.textContent).to.equal('ℹ');
    expect(red.querySelector('.reason')!.textContent).to.contain('longest 75 days');
    const facts = red.querySelector('[part="facts"]')!.textContent!;
    expect(facts).to.contain('Longest overdue (days)').and.contain('75').and.contain('CN¥500,000');
    const renewal = el.shadowRoot!.querySelector('li.sev-yellow [part="facts"]')!.textContent!;
    expect(renewal).to.contain('Dec 31, 2026').and.not.contain('NPS'); // null facts are left out
  });

  it('emits kam-alert-action with the alert and the action', async () => {
    const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${sample()}></kam-alerts>`);
    const ev = oneEvent(el, 'kam-alert-action');
    el.shadowRoot!.querySelector<HTMLButtonElement>('li.sev-yellow [part="action"]')!.click();
    const { detail, bubbles, composed } = await ev;
    expect(detail.alert.id).to.equal('renewal-90:acc-1:k1');
    expect(detail.action).to.deep.equal({ id: 'start_renewal', label: 'Start the renewal conversation' });
    expect(bubbles && composed).to.equal(true);
  });

  it('dismisses and snoozes (cancelable), keeping focus in the list', async () => {
    const el = await fixture<KamAlerts>(html`<kam-alerts snooze-days="14" .alerts=${sample()}></kam-alerts>`);
    const dismissed = oneEvent(el, 'kam-alert-dismiss');
    el.shadowRoot!.querySelector<HTMLButtonElement>('li.sev-red .dismiss')!.click();
    expect((await dismissed).detail.alert.id).to.equal('payment-30:acc-1');
    await el.updateComplete; await el.updateComplete;
    expect(items(el)).to.deep.equal(['renewal-90:acc-1:k1', 'orders-down:acc-2']);
    expect((el.shadowRoot!.activeElement as HTMLElement).closest('li')!.dataset.id).to.equal('renewal-90:acc-1:k1');
    expect(el.shadowRoot!.querySelector('[aria-live]')!.textContent).to.contain('dismissed');

    el.addEventListener('kam-alert-snooze', (e) => e.preventDefault(), { once: true });
    el.shadowRoot!.querySelector<HTMLButtonElement>('li.sev-blue .snooze')!.click();
    await el.updateComplete;
    expect(items(el)).to.include('orders-down:acc-2'); // host refused: stays

    const snoozed = oneEvent(el, 'kam-alert-snooze');
    const snooze = el.shadowRoot!.querySelector<HTMLButtonElement>('li.sev-blue .snooze')!;
    snooze.focus();
    snooze.click();
    const d = (await snoozed).detail;
    expect(d.days).to.equal(14);
    expect(Date.parse(d.until) - Date.now()).to.be.greaterThan(13 * 86_400_000);
    await el.updateComplete;
    expect(items(el)).to.deep.equal(['renewal-90:acc-1:k1']);
    // The last alert of the list hidden: focus goes to the one before it.
    expect((el.shadowRoot!.activeElement as HTMLElement).closest('li')!.dataset.id).to.equal('renewal-90:acc-1:k1');
  });

  it('hides the alerts the host hands back as dismissed or snoozed; an expired snooze shows again', async () => {
    const day = 86_400_000, iso = (ms: number) => new Date(Date.now() + ms).toISOString();
    const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${sample()} .dismissed=${['payment-30:acc-1']}
      .snoozed=${{ 'renewal-90:acc-1:k1': iso(3 * day), 'orders-down:acc-2': iso(-day) }}></kam-alerts>`);
    expect(items(el)).to.deep.equal(['orders-down:acc-2']); // its snooze ended yesterday
    expect(filter(el, 'red').querySelector('.count')!.textContent).to.equal('0');
    // What the events report is what the host hands back: a snooze from the button hides its alert the same way.
    const snoozed = oneEvent(el, 'kam-alert-snooze');
    el.shadowRoot!.querySelector<HTMLButtonElement>('li.sev-blue .snooze')!.click();
    const { alert, until } = (await snoozed).detail;
    const again = await fixture<KamAlerts>(html`<kam-alerts .alerts=${sample()} .snoozed=${{ [alert.id]: until }}></kam-alerts>`);
    expect(items(again)).to.deep.equal(['payment-30:acc-1', 'renewal-90:acc-1:k1']);
    // The host drops its record (or the snooze is over): the alert is back.
    again.snoozed = { [alert.id]: 'not a date' };
    await again.updateComplete;
    expect(items(again)).to.include('orders-down:acc-2');
  });

  it('filters by severity with a keyboard-operable toolbar and a severity attribute', async () => {
    const el = await fixture<KamAlerts>(html`<kam-alerts severity="red blue" .alerts=${sample()}></kam-alerts>`);
    expect(items(el)).to.deep.equal(['payment-30:acc-1', 'orders-down:acc-2']);
    filter(el, 'blue').click();
    await el.updateComplete;
    expect(items(el)).to.deep.equal(['payment-30:acc-1']);
    filter(el, 'red').focus();
    filter(el, 'red').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement === filter(el, 'yellow'), `ArrowRight: focus on the yellow filter, not ${describeEl(el.shadowRoot!.activeElement)}`).to.equal(true);
    filter(el, 'yellow').click();
    await el.updateComplete;
    expect(items(el)).to.deep.equal(['payment-30:acc-1', 'renewal-90:acc-1:k1']);
    expect(filter(el, 'yellow').tabIndex).to.equal(0);
    expect(filter(el, 'red').tabIndex).to.equal(-1);
    expect(filter(el, 'red').textContent).to.contain('1');
  });

  it('evaluates one account from a provider with next best actions, and updates live', async () => {
    const store = makeStore();
    const host = await provide(store, html`<kam-alerts account-id="acc-1"></kam-alerts>`);
    const el = host.querySelector('kam-alerts')!;
    await el.updateComplete;
    const ids = items(el);
    expect(ids).to.include('renewal-90:acc-1:k1');
    expect(ids.every((id) => id!.includes('acc-1'))).to.equal(true);
    expect(ids).to.not.include('health-red:acc-2');
    expect(el.shadowRoot!.querySelector('[part="nba"]')).to.exist;
    const next = oneEvent(el, 'kam-next-action');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="nba"] button')!.click();
    const nd = (await next).detail;
    expect(nd.accountId).to.equal('acc-1');
    expect(nd.action.because.length).to.be.greaterThan(0);

    // an invoice 60 days overdue appears as a payment alert without re-rendering by hand
    await store.create('invoices', { id: 'i9', accountId: 'acc-1', amount: { amount: 90_000, currency: 'CNY' }, issuedAt: '2026-08-01', dueDate: '2026-09-01', sourceIds: {} } as Invoice);
    await el.updateComplete;
    expect(items(el).some((id) => id!.startsWith('payment-30:acc-1'))).to.equal(true);
    el.accountId = 'nope';
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('Account nope was not found');
  });

  it('evaluates the whole book without account-id, naming each account', async () => {
    const host = await provide(makeStore(), html`<kam-alerts></kam-alerts>`);
    const el = host.querySelector('kam-alerts')!;
    await el.updateComplete;
    expect(items(el)).to.include('health-red:acc-2');
    expect(el.shadowRoot!.querySelector('li[data-id="health-red:acc-2"] .account')!.textContent).to.equal('Quiet Customer Ltd');
  });

  it("takes the provider's health overrides: an account overridden out of red gets no health-red alert, and gets it back when cleared", async () => {
    const store = makeStore();
    const wrap = await fixture<HTMLElement>(html`<kam-provider .store=${store}><kam-alerts></kam-alerts><kam-alerts account-id="acc-2"></kam-alerts></kam-provider>`);
    const provider = wrap as KamProvider;
    const [book, one] = [...wrap.querySelectorAll('kam-alerts')];
    await book.updateComplete; await one.updateComplete;
    expect(items(book)).to.include('health-red:acc-2');
    expect(items(one)).to.include('health-red:acc-2');
    provider.healthOverrides = [{ id: 'o1', accountId: 'acc-2', value: 90, reason: 'Signed a three-year renewal', author: 'li.wei', createdAt: '2026-11-01T00:00:00Z', onlyLower: false }];
    await provider.updateComplete; await book.updateComplete; await one.updateComplete;
    expect(items(book).filter((id) => id!.startsWith('health-') && id!.endsWith(':acc-2'))).to.deep.equal([]);
    expect(items(one).filter((id) => id!.startsWith('health-'))).to.deep.equal([]);
    provider.healthOverrides = undefined;
    await provider.updateComplete; await book.updateComplete; await one.updateComplete;
    expect(items(book)).to.include('health-red:acc-2');
  });

  it('shows empty, filtered-empty, loading and error states', async () => {
    const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${[]}></kam-alerts>`);
    expect(el.shadowRoot!.textContent).to.contain('No alerts');
    el.alerts = sample().filter((a) => a.severity === 'blue');
    el.severity = 'red';
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('No alerts of the selected severity');
    el.loading = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist;
    const broken = makeStore();
    Object.assign(broken, { status: 'error', error: new Error('Kingdee session expired') });
    const host = await provide(broken, html`<kam-alerts account-id="acc-1"></kam-alerts>`);
    const a = host.querySelector('kam-alerts')!;
    await a.updateComplete;
    expect(a.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Kingdee session expired');
    const retry = oneEvent(a, 'kam-retry');
    a.shadowRoot!.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    expect((await retry).detail).to.deep.equal({ source: 'kam-alerts', accountId: 'acc-1' });
  });

  it('shows Chinese titles, reasons from the facts, and localised actions', async () => {
    const el = await fixture<KamAlerts>(html`<kam-alerts locale="zh-CN" .alerts=${sample()}></kam-alerts>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('回款逾期').and.contain('红色').and.contain('紧急').and.contain('联系财务催收逾期发票').and.contain('最长 75 天');
    expect(text).to.contain('2026年12月31日');
    // A band in the title is the band's word; a host's own type or action id keeps the core's English.
    const own: Alert[] = [{ ...sample()[1], id: 'x', type: 'health_below_band', title: 'Health yellow', facts: { band: 'yellow' } },
      { ...sample()[0], id: 'y', type: 'constructor' as never, title: 'Own rule', action: { id: 'toString', label: 'Own step' } }];
    el.alerts = own;
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('.title')].map((s) => s.textContent)).to.deep.equal(['健康度偏低（黄色）', 'Own rule']);
    expect(el.shadowRoot!.querySelector('li[data-id="y"] [part="action"]')!.textContent).to.equal('Own step');
  });

  it('names the deal and its stage in an idle-deal alert, in Chinese as in English (an account\'s idle deals read apart)', async () => {
    const store = Store.fromBook(generateSampleBook({ seed: 7, accounts: 60 }), { fx: sampleFxTable, now: () => new Date('2026-11-23T00:00:00Z') });
    for (const locale of ['en', 'zh-CN']) {
      const host = await provide(store, html`<kam-alerts locale=${locale} page-size="500"></kam-alerts>`);
      const el = host.querySelector('kam-alerts')!;
      await waitUntil(() => el.shadowRoot!.querySelector('li[data-id^="idle-deal:"] .reason') !== null && (locale === 'en' || el.shadowRoot!.textContent!.includes('商机')), `${locale}: idle alerts`, { timeout: 5000 });
      const idle = [...el.shadowRoot!.querySelectorAll<HTMLElement>('li[data-id^="idle-deal:"]')];
      expect(idle.length, locale).to.be.greaterThan(1);
      for (const li of idle) {
        const deal = store.get('opportunities', li.dataset.id!.split(':').pop()!)!;
        const stage = store.pipeline(deal.pipelineId)!.stages.find((s) => s.id === deal.stageId)!;
        const reason = li.querySelector('.reason')!.textContent!;
        expect(reason, `${locale}: ${reason}`).to.contain(deal.name).and.contain(stage.name);
        // the names are in the sentence, not in the facts list
        expect(li.querySelector('.facts')!.textContent!.includes(deal.name), `${locale}: facts`).to.equal(false);
      }
      host.remove();
    }
  });

  it('words its facts and numbers for a reader, in English and Chinese: no raw ids, money through Intl', async () => {
    // As the demo's book shows them: a factor id, a renewal status and a confidence level are
    // words, not identifiers; a Chinese reason formats its money and rounds its score.
    const list: Alert[] = [
      sample()[0],
      { ...sample()[1], id: 'r', facts: { ...sample()[1].facts, renewalStatus: 'in_negotiation' } },
      { id: 'h', ruleId: 'health-yellow', type: 'health_below_band', severity: 'red', accountId: 'acc-1', at, title: 'Health at risk',
        reason: 'Huaxin scores 49.7 (At risk).', facts: { score: 49.66, band: 'red', threshold: 50, coverage: 1, topDriver: 'orderTrend', topDriverPointsLost: 13 },
        action: { id: 'check_in', label: 'Schedule a check-in call' } },
      { id: 'p', ruleId: 'purchase-overdue', type: 'purchase_overdue', severity: 'yellow', accountId: 'acc-1', at, title: 'Purchase overdue',
        reason: 'Huaxin usually orders every 60.5 days.', facts: { daysSinceLastOrder: 271, medianIntervalDays: 60.5, expectedAt: '2026-04-27', tolerance: 1.5, orders: 5, confidence: 'medium' },
        action: { id: 'reorder_call', label: 'Call about the next order' } },
      { id: 'c', ruleId: 'concentration-top5', type: 'concentration', severity: 'yellow', at, title: 'Revenue concentration',
        reason: 'The top five accounts bring 61 % of revenue.', facts: { top5: 0.614, threshold: 0.4, hhi: 1159.7, hhiBand: 'moderate', accounts: 'acc-1,acc-2' },
        action: { id: 'diversify', label: 'Plan to diversify revenue' } },
    ];
    // the value shown beside a fact's label
    const fact = (el: KamAlerts, id: string, label: string) => [...el.shadowRoot!.querySelectorAll(`li[data-id="${id}"] [part="facts"] > div`)]
      .find((d) => d.querySelector('dt')!.textContent!.slice(0, -1) === label)?.querySelector('dd')!.textContent;
    const en = await fixture<KamAlerts>(html`<kam-alerts .alerts=${list}></kam-alerts>`);
    expect(fact(en, 'h', 'Biggest loss')).to.equal('Order trend');
    expect(fact(en, 'r', 'Renewal status')).to.equal('in negotiation');
    expect(fact(en, 'r', 'Days left')).to.equal('38'); // 37.6 days left: "ends in 38 days", as the reason says
    expect(fact(en, 'p', 'Confidence')).to.equal('medium');

    const zh = await fixture<KamAlerts>(html`<kam-alerts locale="zh-CN" .alerts=${list}></kam-alerts>`);
    expect(fact(zh, 'h', '最大失分项')).to.equal('订单趋势');
    expect(fact(zh, 'r', '续约状态')).to.equal('谈判中');
    expect(fact(zh, 'p', '置信度')).to.equal('中');
    expect(fact(zh, 'c', '集中度等级')).to.equal('适中'); // the concentration chart's word, not 'moderate'
    const reason = (id: string) => zh.shadowRoot!.querySelector(`li[data-id="${id}"] .reason`)!.textContent!;
    expect(reason('payment-30:acc-1')).to.contain('未付 ¥500,000').and.not.contain('CNY');
    expect(reason('h')).to.contain('的健康度得分为 49.7，');
    // Between a label and its value: a colon of the reader's script (full-width in Chinese).
    const label = (el: KamAlerts) => el.shadowRoot!.querySelector('li[data-id="h"] [part="facts"] dt')!.textContent;
    expect(label(en)).to.equal('Score:');
    expect(label(zh)).to.equal('得分：');
  });

  it('shows an account\'s score as the badge and the explainer do: whole as a headline, to one decimal where points are listed', async () => {
    // Huaxin (acc-1) scores 64.69 and loses 9.31 points on renewal: the badge and the explainer's
    // headline read 65, the explainer's points, the alert's sentence and its facts 64.7 and 9.3.
    const store = makeStore();
    const host = await provide(store, html`<kam-health-badge account-id="acc-1"></kam-health-badge>
      <kam-health-explainer account-id="acc-1"></kam-health-explainer><kam-alerts></kam-alerts>`);
    const badge = host.querySelector('kam-health-badge')!.shadowRoot!.querySelector('[part="score"]')!.textContent;
    const explainer = host.querySelector('kam-health-explainer')!.shadowRoot!;
    const alerts = host.querySelector<KamAlerts>('kam-alerts')!;
    const fact = (id: string, label: string) => [...alerts.shadowRoot!.querySelectorAll(`li[data-id="${id}"] [part="facts"] > div`)]
      .find((d) => d.querySelector('dt')!.textContent!.slice(0, -1) === label)?.querySelector('dd')!.textContent;
    expect(badge).to.equal('65');
    expect(explainer.querySelector('.headline .score')!.textContent).to.equal('65');
    expect(explainer.querySelector('.wf-values .strong')!.textContent).to.equal('64.7');
    expect(explainer.querySelector('.wf-values')!.textContent).to.contain('−9.3');
    expect(alerts.shadowRoot!.querySelector('li[data-id="health-yellow:acc-1"] .reason')!.textContent).to.contain('scores 64.7');
    expect(fact('health-yellow:acc-1', 'Score')).to.equal('64.7');
    expect(fact('health-yellow:acc-1', 'Points lost')).to.equal('9.3');
    expect(fact('renewal-90:acc-1:k1', 'Health')).to.equal('64.7');
    // HHI is a whole number, as the concentration chart and the alert's sentence give it
    expect(alerts.shadowRoot!.querySelector('li[data-id="concentration:top5"] .reason')!.textContent).to.contain('HHI 7,111');
    expect(fact('concentration:top5', 'HHI')).to.equal('7,111');
    // a next best action's facts (a host's rule without a rationale) list the score as the explainer does
    const own: NextBestAction[] = [{ ruleId: 'own', priority: 1, action: { id: 'own', label: 'Own step' }, because: [{ fact: 'health.score', op: '<', value: 70, actual: 64.6912 }] }];
    const nba = await fixture<KamAlerts>(html`<kam-alerts .alerts=${[]} .actions=${own}></kam-alerts>`);
    expect(nba.shadowRoot!.querySelector('.nba .because')!.textContent).to.contain('health.score = 64.7 (< 70)');
  });

  it('one figure, one precision: data coverage as the explainer gives it, an HHI whole in a next best action\'s facts as the chart gives it', async () => {
    // A health alert's coverage fact read 84.6% where the explainer beside it says "Based on 85% of
    // the model"; a host rule's because-line gave the HHI to two decimals (7,110.8 -> "7,110.80")
    // where the concentration chart, the alert's sentence and its facts read 7,111.
    const store = makeStore();
    const host = await provide(store, html`<kam-health-explainer account-id="acc-1"></kam-health-explainer><kam-alerts></kam-alerts>`);
    const explainer = host.querySelector('kam-health-explainer')!.shadowRoot!;
    const alerts = host.querySelector<KamAlerts>('kam-alerts')!;
    const shown = explainer.textContent!.match(/Based on (\S+) of the model/)![1];
    const fact = (id: string, label: string) => [...alerts.shadowRoot!.querySelectorAll(`li[data-id="${id}"] [part="facts"] > div`)]
      .find((d) => d.querySelector('dt')!.textContent === `${label}:`)!.querySelector('dd')!.textContent;
    expect(fact('health-yellow:acc-1', 'Data coverage')).to.equal(shown);
    // the top-5 share as the alert's own sentence gives it, one line above ("bring 61% of revenue")
    const said = alerts.shadowRoot!.querySelector('li[data-id="concentration:top5"] .reason')!.textContent!.match(/bring (\S+) of revenue/)![1];
    expect(fact('concentration:top5', 'Top-5 share')).to.equal(said);
    const own: Alert[] = [{ ...sample()[0], id: 'cov', facts: { coverage: 0.846 } }];
    const acts: NextBestAction[] = [{ ruleId: 'own', priority: 1, action: { id: 'own', label: 'Own step' }, because: [{ fact: 'hhi', op: '>', value: 2500, actual: 7110.8 }] }];
    const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${own} .actions=${acts}></kam-alerts>`);
    expect(el.shadowRoot!.querySelector('li[data-id="cov"] [part="facts"] dd')!.textContent).to.equal('85%');
    expect(el.shadowRoot!.querySelector('.nba .because')!.textContent).to.contain('hhi = 7,111 (> 2500)');
  });

  it('shows a host\'s number fact whatever its name, even one an Object method has (no error box)', async () => {
    const own: Alert[] = [{ ...sample()[2], id: 'odd', facts: { toString: 2.5, endDate: 3, periodDays: 180 } }];
    const acts: NextBestAction[] = [{ ruleId: 'own', priority: 1, action: { id: 'own', label: 'Own step' }, because: [{ fact: 'valueOf', op: '>', value: 1, actual: 1.234 }] }];
    const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${own} .actions=${acts}></kam-alerts>`);
    expect(el.shadowRoot!.querySelector('li[data-id="odd"] [part="facts"]')?.textContent).to.contain('toString:').and.contain('180');
    expect(el.shadowRoot!.querySelector('.nba .because')!.textContent).to.contain('valueOf = 1.23 (> 1)');
  });

  it('words an HHI band as the concentration chart does, in English and Chinese (one word per band)', async () => {
    const bands = ['diversified', 'moderate', 'high', 'critical'];
    const list: Alert[] = bands.map((b) => ({ id: b, ruleId: 'concentration-top5', type: 'concentration', severity: 'yellow', at, title: 'Revenue concentration',
      reason: 'The top five accounts bring 61% of revenue.', facts: { top5: 0.614, threshold: 0.4, hhi: 1159.7, hhiBand: b }, action: { id: 'diversify', label: 'Plan to diversify revenue' } }));
    const band = (el: KamAlerts, id: string) => [...el.shadowRoot!.querySelectorAll(`li[data-id="${id}"] [part="facts"] > div`)].at(-1)!.querySelector('dd')!.textContent;
    await concT.load('zh-CN');
    const en = await fixture<KamAlerts>(html`<kam-alerts .alerts=${list}></kam-alerts>`);
    const zh = await fixture<KamAlerts>(html`<kam-alerts locale="zh-CN" .alerts=${list}></kam-alerts>`);
    expect(bands.map((b) => band(en, b))).to.deep.equal(bands.map((b) => concT('en', b as 'high')));
    expect(bands.map((b) => band(zh, b))).to.deep.equal(bands.map((b) => concT('zh-CN', b as 'high')));
  });

  it('says why a next best action is suggested in words, in English and Chinese (not the rule\'s fact ids)', async () => {
    const actions: NextBestAction[] = [
      { ruleId: 'collect-overdue', priority: 80, action: { id: 'collect_payment', label: 'Call finance about the overdue invoices' },
        rationale: 'A large share of the receivable is overdue.', because: [{ fact: 'payment.overdueShare', op: '>=', value: 0.3, actual: 1 }] },
      { ruleId: 'own-rule', priority: 10, action: { id: 'own', label: 'Own step' }, because: [{ fact: 'custom.flag', op: '==', value: 1, actual: 1 }] },
    ];
    const because = (el: KamAlerts) => [...el.shadowRoot!.querySelectorAll('.nba .because')].map((b) => b.textContent!);
    const en = await fixture<KamAlerts>(html`<kam-alerts .alerts=${[]} .actions=${actions}></kam-alerts>`);
    expect(because(en)[0]).to.equal('Because: A large share of the receivable is overdue.');
    expect(because(en)[1]).to.contain('custom.flag = 1'); // a host's rule with no rationale still shows its facts
    const zh = await fixture<KamAlerts>(html`<kam-alerts locale="zh-CN" .alerts=${[]} .actions=${actions}></kam-alerts>`);
    expect(because(zh)[0]).to.equal('依据：应收账款中逾期的比例较高。'); // a full-width colon, no space
  });

  it('renders injected markup in alert texts, facts and actions as inert text', async () => {
    const evil = sample().map((a) => ({ ...a, title: XSS, reason: XSS, facts: { ...a.facts, note: XSS, currency: XSS }, action: { id: XSS, label: XSS }, accountId: XSS }));
    const nba: NextBestAction[] = [{ ruleId: XSS, priority: 1, action: { id: XSS, label: XSS }, because: [{ fact: XSS, op: '==', value: XSS, actual: XSS }] }];
    const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${evil} .actions=${nba}></kam-alerts>`);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as unknown as Record<string, unknown>).__kamXss).to.equal(undefined);
    expect(injectedElements(el.shadowRoot)).to.equal(0);
    expect(el.shadowRoot!.querySelector('.title')!.textContent).to.equal(XSS);
  });

  it('pages a large list (2,000 alerts)', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({ ...sample()[i % 3], id: `a${i}` }));
    const el = await fixture<KamAlerts>(html`<kam-alerts page-size="40" .alerts=${many}></kam-alerts>`);
    expect(items(el).length).to.equal(40);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await el.updateComplete;
    expect(items(el).length).to.equal(80);
  });

  it(`keeps all ${xssPayloads.length} filter-evasion payloads inert in titles, reasons, facts and actions`, async () => {
    const evil: Alert[] = xssPayloads.map((p, i) => ({ id: `x${i}`, ruleId: p, type: 'custom' as never, severity: 'red', accountId: p, at, title: p, reason: p,
      facts: { [p]: p, currency: p, amount: i }, action: { id: p, label: p } }));
    const el = await fixture<KamAlerts>(html`<kam-alerts page-size="1000" .alerts=${evil}></kam-alerts>`);
    await new Promise((r) => setTimeout(r, 100));
    expect((window as unknown as Record<string, unknown>).__kamXss).to.equal(undefined);
    expect(injectedElements(el.shadowRoot)).to.equal(0);
    expect([...el.shadowRoot!.querySelectorAll('.title')].map((s) => s.textContent)).to.have.members(xssPayloads);
  });

  it('never drops keyboard focus to the page: the last alert hidden, Show all, Show more', async () => {
    const active = (el: KamAlerts) => el.shadowRoot!.activeElement as HTMLElement | null;
    // The only alert dismissed: focus goes to the message that took its place.
    const one = await fixture<KamAlerts>(html`<kam-alerts .alerts=${sample().slice(0, 1)}></kam-alerts>`);
    const dismiss = one.shadowRoot!.querySelector<HTMLButtonElement>('.dismiss')!;
    dismiss.focus();
    dismiss.click();
    await one.updateComplete; await one.updateComplete;
    expect(active(one)?.textContent, 'focus on the empty message').to.contain('No alerts');
    await expect(one).to.be.accessible();
    // "Show all" from a filter that shows nothing: focus goes to the first alert now shown.
    const filtered = await fixture<KamAlerts>(html`<kam-alerts severity="blue" .alerts=${sample().slice(0, 2)}></kam-alerts>`);
    const all = filtered.shadowRoot!.querySelector<HTMLButtonElement>('.link')!;
    all.focus();
    all.click();
    await filtered.updateComplete; await filtered.updateComplete;
    expect(active(filtered)?.closest('li')?.dataset.id).to.equal('payment-30:acc-1');
    // "Show more" says what it shows, numbers through Intl; focus goes to the first alert it added.
    const many = Array.from({ length: 1005 }, (_, i) => ({ ...sample()[0], id: `a${i}` }));
    const paged = await fixture<KamAlerts>(html`<kam-alerts page-size="500" .alerts=${many}></kam-alerts>`);
    const more = () => paged.shadowRoot!.querySelector<HTMLButtonElement>('.more');
    expect(more()!.textContent!.trim()).to.equal('Show 500 more');
    expect(filter(paged, 'red').querySelector('.count')!.textContent).to.equal('1,005');
    more()!.focus();
    more()!.click();
    await paged.updateComplete; await paged.updateComplete;
    expect(active(paged)?.closest('li')?.dataset.id).to.equal('a500');
    expect(more()!.textContent!.trim()).to.equal('Show 5 more');
    more()!.click();
    await paged.updateComplete; await paged.updateComplete;
    expect(more(), 'all shown').to.equal(null);
    expect(active(paged)?.closest('li')?.dataset.id, 'focus not dropped with the button').to.equal('a1000');
    const zh = await fixture<KamAlerts>(html`<kam-alerts locale="zh-CN" page-size="1" .alerts=${sample()}></kam-alerts>`);
    await zh.updateComplete;
    expect(zh.shadowRoot!.querySelector('.more')!.textContent!.trim()).to.equal('再显示 1 条');
  });

  it('fetches its dismiss and filter code ahead when focus or the pointer reaches it, before any press', async () => {
    const real = actionsLoader.load, had = actionsLoader.loaded;
    try {
      let fetched = 0;
      actionsLoader.loaded = actionsLoader.loading = undefined;
      actionsLoader.load = () => { fetched++; return real(); };
      const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${sample()}></kam-alerts>`);
      expect(fetched, 'not fetched for alerts nobody has reached').to.equal(0);
      el.shadowRoot!.querySelector<HTMLButtonElement>('li.sev-red .dismiss')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      expect(fetched).to.equal(1);
      await actionsLoader.loading;
      expect(actionsLoader.loaded, 'here before the first press').to.not.equal(undefined);
      filter(el, 'red').focus();
      expect(fetched, 'fetched once').to.equal(1);
    } finally {
      actionsLoader.load = real;
      actionsLoader.loaded ??= had;
      actionsLoader.loading = undefined;
    }
  });

  it('says so when its dismiss and filter code cannot be fetched, and tries again on the next press', async () => {
    const real = actionsLoader.load, had = actionsLoader.loaded;
    try {
      actionsLoader.loaded = actionsLoader.loading = undefined;
      actionsLoader.load = () => Promise.reject(new Error('offline'));
      const el = await fixture<KamAlerts>(html`<kam-alerts .alerts=${sample()}></kam-alerts>`);
      const dismiss = () => el.shadowRoot!.querySelector<HTMLButtonElement>('li.sev-red .dismiss')!;
      dismiss().click();
      await el.updateComplete;
      const alert = () => el.shadowRoot!.querySelector('[role="alert"]');
      expect(alert()?.textContent).to.equal('Dismissing, snoozing and filtering alerts is not available right now (offline). Try again.');
      expect(items(el)).to.have.length(3);
      await expect(el).to.be.accessible();
      actionsLoader.load = real;
      const ev = oneEvent(el, 'kam-alert-dismiss');
      dismiss().click();
      expect((await ev).detail.alert.id).to.equal('payment-30:acc-1');
      await el.updateComplete;
      expect(alert()).to.equal(null);
      expect(items(el)).to.deep.equal(['renewal-90:acc-1:k1', 'orders-down:acc-2']);
    } finally {
      actionsLoader.load = real;
      actionsLoader.loaded ??= had;
      actionsLoader.loading = undefined;
    }
  });

  it('passes axe in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const el = await fixture<KamAlerts>(html`<kam-alerts theme=${theme} .alerts=${sample()}></kam-alerts>`);
      await expect(el).to.be.accessible();
    }
  });
});
