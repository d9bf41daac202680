import { expect, fixture, html } from '@open-wc/testing';
import { abcTiers } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import type { KamParetoChart } from './kam-pareto-chart.js';
import { book, checkAxe, checkKeyboardTooltip, checkResize, core, csvLines, exportCsv, notes, order, orders, root, store, tableHead, tableRows } from '../shared/chart/test-book.js';

async function inProvider(s = store(), basis = 'revenue'): Promise<KamParetoChart> {
  const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-pareto-chart basis=${basis}></kam-pareto-chart></kam-provider>`);
  const el = host.querySelector<KamParetoChart>('kam-pareto-chart')!;
  await el.updateComplete;
  return el;
}

const coreCsv = (r: ReturnType<typeof abcTiers>) => (['A', 'B', 'C'] as const).map((t) => `${t},${r.tiers[t].count},${r.tiers[t].accountShare},${r.tiers[t].value},${r.tiers[t].valueShare}`);

describe('<kam-pareto-chart>', () => {
  it('inside a provider: the tiers are the core ABC tiers (worked out by hand too)', async () => {
    const el = await inProvider();
    const r = abcTiers(store(), core);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(r));
    // By hand, last 365 days: Alpha ¥1.5M, Beta ¥220K, Gamma ¥90K, Delta $10K = ¥70K (total ¥1.88M).
    // Alpha and Beta (Beta starts below 80 %) are A, Gamma B, Delta C.
    expect(r.tiers.A.accountIds).to.deep.equal(['a1', 'a2']);
    expect(tableRows(el)).to.deep.equal([
      ['A', '2', '50%', 'CN¥1,720,000', '91.5%'],
      ['B', '1', '25%', 'CN¥90,000', '4.8%'],
      ['C', '1', '25%', 'CN¥70,000', '3.7%'],
    ]);
    expect(root(el).querySelector('path.curve')!.getAttribute('d')).to.match(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}$/); // 0 + four accounts
  });

  it('the margin basis from the store; alone from .data', async () => {
    const m = await inProvider(store(), 'margin');
    expect(csvLines(m).slice(1)).to.deep.equal(coreCsv(abcTiers(store(), { ...core, basis: 'margin' })));
    const r = abcTiers(book(), core);
    const el = await fixture<KamParetoChart>(html`<kam-pareto-chart .data=${r}></kam-pareto-chart>`);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(r));
  });

  it('empty: no orders in the window shows the empty state', async () => {
    const el = await inProvider(store(book({ orders: [] })));
    expect(root(el).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
  });

  it('a single account with revenue is all tier A', async () => {
    const el = await inProvider(store(book({ orders: [order('x', 'a2', 5000, '2026-10-01')] })));
    expect(tableRows(el)[0].slice(0, 2)).to.deep.equal(['A', '1']);
    expect(tableRows(el)[2].slice(0, 2)).to.deep.equal(['C', '3']); // the accounts with nothing are C
  });

  it('a currency with no FX rate is left out with the reason', async () => {
    const os = orders();
    os[os.length - 1] = order('o11', 'a4', 10_000, '2026-07-07', 'JPY');
    const el = await inProvider(store(book({ orders: os })));
    expect(notes(el)).to.include('1 in JPY (¥10K) left out: no JPY→CNY exchange rate.');
    // Delta's only order cannot be valued: without it Alpha alone passes 80 %, so Beta is B, Gamma and Delta C.
    expect(tableRows(el).map((r) => r.slice(0, 2))).to.deep.equal([['A', '1'], ['B', '1'], ['C', '2']]);
  });

  it('negative and absurd order amounts: counted as the core counts them, and explained', async () => {
    const os = [...orders(), order('neg', 'a3', -200_000, '2026-09-01'), order('huge', 'a4', 1e30, '2026-09-02')];
    const s = store(book({ orders: os }));
    const el = await inProvider(s);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(abcTiers(s, core)));
    const n = notes(el);
    expect(n.some((x) => x.includes('negative'))).to.equal(true);
    expect(n.some((x) => x.includes('implausibly large'))).to.equal(true);
    expect(n).to.include('One order has a negative amount (a credit or a return); it is counted as entered.');
    // Alone, the host passes what it knows about the orders with the result.
    const alone = await fixture<KamParetoChart>(html`<kam-pareto-chart .data=${abcTiers(s, core)} .quality=${{ negative: 2, absurd: 0 }}></kam-pareto-chart>`);
    expect(notes(alone)).to.deep.equal(['2 orders have a negative amount (credits or returns); they are counted as entered.']);
  });

  it('keyboard: a tier takes focus and its tooltip reads its share', async () => {
    const el = await inProvider();
    await checkKeyboardTooltip(el, 'Tier A: 2 accounts (50% of accounts) hold 91.5% of Revenue');
  });

  it('CSV export: header, raw shares, the file name', async () => {
    const el = await inProvider();
    const { csv, filename } = exportCsv(el);
    expect(filename).to.equal('kam-pareto-chart.csv');
    expect(csv.split('\r\n')[0]).to.equal('Tier,Accounts,Share of accounts,Value,Share of value');
    expect(tableHead(el)).to.deep.equal(csv.split('\r\n')[0].split(','));
  });

  it('follows its container width', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><kam-pareto-chart .data=${abcTiers(book(), core)}></kam-pareto-chart></div>`);
    await checkResize(wrap, wrap.querySelector<KamParetoChart>('kam-pareto-chart')!);
  });

  it('zh-CN: title, columns, the mark', async () => {
    const el = await fixture<KamParetoChart>(html`<kam-pareto-chart locale="zh-CN" .data=${abcTiers(book(), core)}></kam-pareto-chart>`);
    expect(root(el).querySelector('h3')!.textContent).to.equal('ABC 分级（帕累托）');
    expect(tableHead(el)).to.deep.equal(['级别', '客户数', '客户占比', '金额', '金额占比']);
    expect(root(el).querySelector('.mark')!.getAttribute('aria-label')).to.contain('A 级：2 个客户');
  });

  it('is axe-clean in light and dark', async () => {
    const r = abcTiers(book(), core);
    await checkAxe((theme) => fixture(html`<kam-pareto-chart theme=${theme} .data=${r}></kam-pareto-chart>`));
  });
});
