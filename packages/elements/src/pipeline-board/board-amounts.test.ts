// The board's column totals and the core's pipeline analytics agree on odd amounts: negative and
// implausibly large amounts are counted as entered (and flagged, with the reason), an amount that
// is not a number is left out (as the core leaves it out), a currency without a rate is excluded
// with the reason. Removing a huge amount from a column leaves the others' total exact.
import { expect, fixture, html } from '@open-wc/testing';
import { Store, type Opportunity } from '@kamkit/core';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import type { KamPipelineBoard } from './kam-pipeline-board.js';
import { boardAccounts, boardFx, boardPipeline, boardUsers, deal, FIXTURE_NOW, settle } from './fixtures.js';
import { formatMoney } from '../shared/i18n.js';

const now = () => new Date(FIXTURE_NOW);
const core = { now: FIXTURE_NOW, currency: 'CNY', fx: boardFx };
const money = (n: number) => formatMoney('en', { amount: n, currency: 'CNY' }, { compact: true });

const column = (el: KamPipelineBoard, key: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.column')].find((c) => c.dataset.key === key)!;
const totals = (el: KamPipelineBoard, key: string) => column(el, key).querySelector('.totals')!.textContent!.replace(/\s+/g, ' ').trim();
/** The totals' tooltip, as focusing the totals shows it (its code is fetched on first use). */
async function tip(el: KamPipelineBoard, key: string): Promise<string> {
  column(el, key).querySelector<HTMLElement>('.totals')!.focus();
  await settle(el);
  return column(el, key).querySelector('.tooltip')!.textContent!.replace(/\s+/g, ' ');
}
const card = (el: KamPipelineBoard, id: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.card')].find((c) => c.dataset.id === id)!;

function odd(): Opportunity[] {
  return [
    deal('ok', 'st-prospect', { amount: { amount: 1_000, currency: 'CNY' } }),
    deal('usd', 'st-prospect', { amount: { amount: 100, currency: 'USD' } }),
    deal('neg', 'st-prospect', { amount: { amount: -5_000, currency: 'CNY' } }),
    deal('huge', 'st-prospect', { amount: { amount: 1e30, currency: 'CNY' } }),
    deal('jpy', 'st-prospect', { amount: { amount: 5_000_000, currency: 'JPY' } }),
    deal('q1', 'st-qualify', { amount: { amount: 20_000, currency: 'CNY' } }),
  ];
}

/** The core's total and weighted value of a stage, as the board prints them. */
function coreColumn(deals: Opportunity[], stageId: string): string {
  const s = pipelineAnalytics({ pipelines: [boardPipeline()], opportunities: deals }, core).summary.stages.find((x) => x.stageId === stageId)!;
  return `Total ${money(s.total.amount)} Weighted ${money(s.weighted.amount)}`;
}

describe('<kam-pipeline-board> odd amounts agree with the core analytics', () => {
  it('in a store: negative and absurd amounts counted as entered and explained; no-rate excluded with the reason', async () => {
    const store = Store.fromBook({ pipelines: [boardPipeline()], opportunities: odd(), accounts: boardAccounts(), users: boardUsers() }, { now, fx: boardFx });
    const host = await fixture(html`<kam-provider hide-status .store=${store}><kam-pipeline-board locale="en" style="height:600px;width:1200px"></kam-pipeline-board></kam-provider>`);
    const el = host.querySelector<KamPipelineBoard>('kam-pipeline-board')!;
    await settle(el);
    const core1 = pipelineAnalytics(store, core).summary.stages[0];
    expect(core1.total.amount).to.equal(1_000 + 710 - 5_000 + 1e30); // by hand: the core counts them all but JPY
    expect(totals(el, 'st-prospect')).to.contain(coreColumn(odd(), 'st-prospect'));
    expect(totals(el, 'st-prospect')).to.contain('⚠ 1 not converted');
    expect(totals(el, 'st-prospect')).to.contain('⚠ 2 to check');
    const t = await tip(el, 'st-prospect');
    expect(t).to.contain('1 with a negative amount: counted as entered, as in the pipeline analytics');
    expect(t).to.contain('1 with an implausibly large amount: counted as entered; check the source data');
    expect(t).to.contain('no JPY→CNY rate in FX table “Treasury month-end”');
    expect(card(el, 'neg').textContent).to.contain('Negative amount');
    expect(card(el, 'huge').querySelector('.chip.bad')!.getAttribute('title')).to.equal('Counted in the column totals as entered; check the source data');

    // Moving the huge deal on: both columns still equal the core, and ¥1,000 + ¥710 − ¥5,000 is exact, not eaten by 1e30.
    expect(await el.requestMove('huge', 'st-qualify')).to.equal(true);
    await settle(el);
    const after = store.all('opportunities') as Opportunity[];
    expect(totals(el, 'st-prospect')).to.contain(`Total ${money(-3_290)}`);
    expect(totals(el, 'st-prospect')).to.contain(coreColumn(after, 'st-prospect'));
    expect(totals(el, 'st-qualify')).to.contain(coreColumn(after, 'st-qualify'));
    expect(totals(el, 'st-prospect')).to.contain('⚠ 1 to check');
  });

  it('alone: an amount that is not a number is left out, as the core leaves it out, and said so', async () => {
    const deals = [...odd(), deal('nan', 'st-prospect', { amount: { amount: Number.NaN, currency: 'CNY' } }), deal('inf', 'st-qualify', { amount: { amount: Infinity, currency: 'CNY' } })];
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board locale="en" style="height:600px;width:1200px"
      .pipeline=${boardPipeline()} .opportunities=${deals} .accounts=${boardAccounts()} .fx=${boardFx}></kam-pipeline-board>`);
    (el as unknown as { now: () => Date }).now = now;
    el.requestUpdate();
    await settle(el);
    expect(totals(el, 'st-prospect')).to.contain(coreColumn(deals, 'st-prospect'));
    expect(totals(el, 'st-qualify')).to.contain(`Total ${money(20_000)}`);
    expect(totals(el, 'st-qualify')).to.contain(coreColumn(deals, 'st-qualify'));
    expect(await tip(el, 'st-prospect')).to.contain('1 with an amount that is not a number: left out');
    expect(card(el, 'nan').textContent).to.contain('Invalid amount');
    expect(card(el, 'inf').textContent).to.contain('Invalid amount');
    expect(el.shadowRoot!.textContent).not.to.contain('NaN');
  });

  it('zh-CN explanations', async () => {
    const el = await fixture<KamPipelineBoard>(html`<kam-pipeline-board locale="zh-CN" style="height:600px;width:1200px"
      .pipeline=${boardPipeline()} .opportunities=${odd()} .fx=${boardFx}></kam-pipeline-board>`);
    await settle(el);
    expect(totals(el, 'st-prospect')).to.contain('2 笔待核对');
    expect(await tip(el, 'st-prospect')).to.contain('1 笔金额为负：按原值计入，与管道分析一致');
  });
});
