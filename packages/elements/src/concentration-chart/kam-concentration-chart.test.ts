import { expect, fixture, html } from '@open-wc/testing';
import { concentration } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import type { KamConcentrationChart } from './kam-concentration-chart.js';
import { accounts, book, checkAxe, checkHoverTooltip, checkKeyboardTooltip, checkResize, core, csvLines, en, exportCsv, frame, notes, order, orders, root, store, tableHead, tableRows } from '../shared/chart/test-book.js';

async function inProvider(s = store(), basis = 'revenue'): Promise<KamConcentrationChart> {
  const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-concentration-chart basis=${basis}></kam-concentration-chart></kam-provider>`);
  const el = host.querySelector<KamConcentrationChart>('kam-concentration-chart')!;
  await el.updateComplete;
  return el;
}

function coreCsv(c: ReturnType<typeof concentration>): string[] {
  const names = (n: number) => c.ranking.slice(0, n).map((r) => r.name).join(', ');
  const q = (s: string) => (s.includes(',') ? `"${s}"` : s);
  const line = (id: string) => c.redLines.find((r) => r.id === id)!;
  return [
    `Largest account,${c.top1},${line('single_account').threshold},${line('single_account').crossed ? 'Above the red line' : 'Within limits'},${q(names(1))}`,
    `Top 5,${c.top5},${line('top5').threshold},${line('top5').crossed ? 'Above the red line' : 'Within limits'},${q(names(5))}`,
    `Top 10,${c.top10},,,${q(names(10))}`,
    `HHI,${c.hhi},,${c.hhiBand[0].toUpperCase()}${c.hhiBand.slice(1)},`,
  ];
}

describe('<kam-concentration-chart>', () => {
  it('inside a provider: top-N shares, red lines and HHI are the core figures (worked out by hand too)', async () => {
    const el = await inProvider();
    const c = concentration(store(), core);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(c));
    // By hand: shares 1.5/1.88, 0.22/1.88, 0.09/1.88, 0.07/1.88; HHI = Σ share² × 10,000.
    const shares = [1_500_000, 220_000, 90_000, 70_000].map((v) => v / 1_880_000);
    expect(c.hhi).to.be.closeTo(shares.reduce((s, x) => s + x * x, 0) * 10_000, 1e-6);
    const rows = tableRows(el);
    expect(rows[0]).to.deep.equal(['Largest account', '79.8%', '15%', 'Above the red line', 'Alpha Steel']);
    expect(rows[3]).to.deep.equal(['HHI', en(Math.round(c.hhi)), '—', 'Critical', '']);
    expect(root(el).querySelectorAll('.bar.crossed')).to.have.length(2);
  });

  it('the margin basis from the store; alone from .data', async () => {
    const m = await inProvider(store(), 'margin');
    expect(csvLines(m).slice(1)).to.deep.equal(coreCsv(concentration(store(), { ...core, basis: 'margin' })));
    const c = concentration(book(), core);
    const el = await fixture<KamConcentrationChart>(html`<kam-concentration-chart .data=${c}></kam-concentration-chart>`);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(c));
  });

  it('empty: no orders shows the empty state', async () => {
    const el = await inProvider(store(book({ orders: [] })));
    expect(root(el).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
  });

  it('a single account holds everything: 100 % and an HHI of 10,000', async () => {
    const el = await inProvider(store(book({ orders: [order('x', 'a2', 5000, '2026-10-01')] })));
    expect(tableRows(el)[0].slice(1, 2)).to.deep.equal(['100%']);
    expect(tableRows(el)[3].slice(0, 4)).to.deep.equal(['HHI', '10,000', '—', 'Critical']);
  });

  it('a currency with no FX rate is left out with the reason', async () => {
    const os = orders();
    os[os.length - 1] = order('o11', 'a4', 10_000, '2026-07-07', 'JPY');
    const el = await inProvider(store(book({ orders: os })));
    expect(notes(el)).to.include('1 in JPY (¥10K) left out: no JPY→CNY exchange rate.');
    expect(tableRows(el)[2][4]).to.equal('Alpha Steel, Beta Retail, Gamma Foods'); // Delta's only order could not be valued
  });

  it('negative and absurd order amounts: the core figures, explained', async () => {
    const os = [...orders(), order('neg', 'a3', -200_000, '2026-09-01'), order('huge', 'a4', 1e30, '2026-09-02')];
    const s = store(book({ orders: os }));
    const el = await inProvider(s);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(concentration(s, core)));
    const n = notes(el);
    expect(n.some((x) => x.includes('negative'))).to.equal(true);
    expect(n.some((x) => x.includes('implausibly large'))).to.equal(true);
  });

  it('keyboard: a bar takes focus and its tooltip reads the share and the red line', async () => {
    const el = await inProvider();
    await checkKeyboardTooltip(el, 'Largest account: 79.8% of revenue, red line 15% — Above the red line (Alpha Steel)');
  });

  it('pointer: hovering a bar shows its tooltip, moving to the next shows that one, leaving hides it', async () => {
    await checkHoverTooltip(await inProvider());
  });

  it('CSV: an account name that starts a formula is guarded', async () => {
    const as = accounts();
    as[0].name = '=cmd|"/c calc"!A1';
    as[1].name = '@evil';
    const el = await inProvider(store(book({ accounts: as })));
    const { csv, filename } = exportCsv(el);
    expect(filename).to.equal('kam-concentration-chart.csv');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('Measure,Value,Red line,Status,Accounts');
    expect(lines[1].endsWith(`,"'=cmd|""/c calc""!A1"`)).to.equal(true);
    expect(lines[2]).to.contain(`,"'=cmd|""/c calc""!A1, @evil, Gamma Foods, Delta Logistics"`);
    expect(tableRows(el)[0][4]).to.equal('=cmd|"/c calc"!A1'); // the table shows the name as text
  });

  it('follows its container width', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><kam-concentration-chart .data=${concentration(book(), core)}></kam-concentration-chart></div>`);
    await checkResize(wrap, wrap.querySelector<KamConcentrationChart>('kam-concentration-chart')!);
  });

  it('a share just under its red line stays readable: the line never strikes through the figure', async () => {
    const c = concentration(book(), core);
    const near = { ...c, top5: 0.38, redLines: c.redLines.map((r) => (r.id === 'top5' ? { ...r, value: 0.38, crossed: false } : r)) };
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 640px"><kam-concentration-chart .data=${near}></kam-concentration-chart></div>`);
    const el = wrap.querySelector<KamConcentrationChart>('kam-concentration-chart')!;
    for (const width of ['640px', '320px']) {
      wrap.style.width = width;
      await frame(); await frame(); await el.updateComplete;
      const row = root(el).querySelectorAll('.mark')[1];
      const line = row.querySelector('.redline')!.getBoundingClientRect(), text = row.querySelector('.share')!.getBoundingClientRect();
      expect(row.querySelector('.share')!.textContent).to.equal('38%');
      expect(line.right <= text.left || line.left >= text.right, `red line ${line.left}–${line.right}, figure ${text.left}–${text.right} at ${width}`).to.equal(true);
    }
  });

  it('zh-CN: title, columns, band and status', async () => {
    const el = await fixture(html`<kam-concentration-chart locale="zh-CN" .data=${concentration(book(), core)}></kam-concentration-chart>`);
    expect(root(el).querySelector('h3')!.textContent).to.equal('客户集中度');
    expect(tableHead(el)).to.deep.equal(['指标', '数值', '红线', '状态', '客户']);
    expect(tableRows(el)[0][3]).to.equal('超过红线');
    expect(tableRows(el)[3][3]).to.equal('严重');
    // The top 5's names are listed with 、 as Chinese lists are, not with ', '
    const c = concentration(book(), core);
    expect(tableRows(el)[1][4]).to.equal(c.ranking.slice(0, 5).map((r) => r.name).join('、'));
  });

  it('is axe-clean in light and dark', async () => {
    const c = concentration(book(), core);
    await checkAxe((theme) => fixture(html`<kam-concentration-chart theme=${theme} .data=${c}></kam-concentration-chart>`));
  });
});
