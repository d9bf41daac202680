import { expect, fixture, html } from '@open-wc/testing';
import { defaultHealthModel, scoreBook } from '@kamkit/core/health';
import './define.js';
import '../provider/define.js';
import type { HealthDistributionData, KamHealthDistributionChart } from './kam-health-distribution-chart.js';
import { book, checkAxe, checkKeyboardTooltip, checkResize, core, csvLines, exportCsv, frame, order, orders, root, store, tableHead, tableRows } from '../shared/chart/test-book.js';

const bands = defaultHealthModel.bands;

async function inProvider(s = store()): Promise<KamHealthDistributionChart> {
  const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-health-distribution-chart></kam-health-distribution-chart></kam-provider>`);
  const el = host.querySelector<KamHealthDistributionChart>('kam-health-distribution-chart')!;
  await el.updateComplete;
  return el;
}

function scored(b = book()): HealthDistributionData {
  const r = scoreBook(b, defaultHealthModel, { ...core, skipNextBand: true });
  return { distribution: r.distribution, results: r.results, bands };
}

describe('<kam-health-distribution-chart>', () => {
  it('inside a provider: accounts per band are the core scoreBook distribution', async () => {
    const el = await inProvider();
    const d = scoreBook(store(), defaultHealthModel, { ...core, skipNextBand: true }).distribution;
    const total = Object.values(d).reduce((a, b) => a + b, 0);
    expect(total).to.equal(4); // every account scored once
    expect(csvLines(el).slice(1)).to.deep.equal(bands.map((b) => `${b.label},${d[b.id] ?? 0},${(d[b.id] ?? 0) / total}`));
    expect(tableRows(el).map((r) => r[1]).reduce((a, b) => a + Number(b), 0)).to.equal(4);
  });

  it('alone from .data, with the previous snapshot as a trend', async () => {
    const data = scored();
    const el = await fixture<KamHealthDistributionChart>(html`<kam-health-distribution-chart .data=${data}></kam-health-distribution-chart>`);
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(bands.map((b) => String(data.distribution[b.id] ?? 0)));
    // Every account was green last time: the table adds the previous counts and the change.
    const results = new Map([...data.results!.keys()].map((id) => [id, { trend: { previousBand: 'green' } }]));
    el.data = { ...data, results: results as never };
    await el.updateComplete;
    expect(tableHead(el)).to.deep.equal(['Band', 'Accounts', 'Share', 'Previous snapshot', 'Change']);
    const green = tableRows(el).find((r) => r[0] === bands.find((b) => b.id === 'green')!.label)!;
    const now = data.distribution.green ?? 0;
    expect(green.slice(3)).to.deep.equal(['4', now - 4 === 0 ? '0' : (now - 4).toLocaleString('en', { signDisplay: 'exceptZero' })]);
  });

  it('empty: no accounts shows the empty state', async () => {
    const el = await inProvider(store(book({ accounts: [], orders: [], opportunities: [], contracts: [] })));
    expect(root(el).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
  });

  it('a single account is drawn in its band', async () => {
    const el = await inProvider(store(book({ accounts: book().accounts!.slice(0, 1) })));
    expect(tableRows(el).map((r) => Number(r[1])).reduce((a, b) => a + b, 0)).to.equal(1);
    expect(tableRows(el).some((r) => r[2] === '100%')).to.equal(true);
  });

  it('no FX rate, negative and absurd order amounts: every account still lands in one band', async () => {
    const os = [...orders(), order('jpy', 'a1', 9000, '2026-10-01', 'JPY'), order('neg', 'a2', -500_000, '2026-10-02'), order('huge', 'a3', 1e30, '2026-10-03')];
    const s = store(book({ orders: os }));
    const el = await inProvider(s);
    const d = scoreBook(s, defaultHealthModel, { ...core, skipNextBand: true }).distribution;
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(bands.map((b) => String(d[b.id] ?? 0)));
    expect(tableRows(el).map((r) => Number(r[1])).reduce((a, b) => a + b, 0)).to.equal(4);
    expect(root(el).textContent).not.to.contain('NaN');
  });

  it('keyboard: a band takes focus and its tooltip reads its count', async () => {
    const el = await fixture<KamHealthDistributionChart>(html`<kam-health-distribution-chart .data=${scored()}></kam-health-distribution-chart>`);
    await checkKeyboardTooltip(el, `${bands[0].label}: `);
  });

  it('CSV: a band label that starts a formula is guarded', async () => {
    const data = { ...scored(), bands: bands.map((b, i) => (i === 0 ? { ...b, label: '=1+1' } : b)) };
    const el = await fixture<KamHealthDistributionChart>(html`<kam-health-distribution-chart .data=${data}></kam-health-distribution-chart>`);
    const { csv, filename } = exportCsv(el);
    expect(filename).to.equal('kam-health-distribution-chart.csv');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('Band,Accounts,Share');
    expect(lines[1].startsWith("'=1+1,")).to.equal(true);
    expect(tableRows(el)[0][0]).to.equal('=1+1');
  });

  it('narrow: each band\'s count is drawn whole under its bar, on a line of its own', async () => {
    const data = { ...scored(), distribution: { red: 116, yellow: 261, green: 123 } };
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 280px"><kam-health-distribution-chart .data=${data}></kam-health-distribution-chart></div>`);
    const el = wrap.querySelector<KamHealthDistributionChart>('kam-health-distribution-chart')!;
    await frame(); await frame(); await el.updateComplete;
    const texts = [...root(el).querySelectorAll('.mark')].map((m) => [...m.querySelectorAll('text')].map((t) => t.textContent));
    // the names may be cut to the bar's room ('At risk' is not at 280 px), the counts never are
    expect(texts.map((t) => t.includes('116') || t.includes('261') || t.includes('123'))).to.deep.equal([true, true, true]);
    expect(texts.map((t) => t[1])).to.deep.equal(['116', '261', '123']);
  });

  it('follows its container width', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><kam-health-distribution-chart .data=${scored()}></kam-health-distribution-chart></div>`);
    await checkResize(wrap, wrap.querySelector<KamHealthDistributionChart>('kam-health-distribution-chart')!);
  });

  it('zh-CN: title and columns', async () => {
    const el = await fixture(html`<kam-health-distribution-chart locale="zh-CN" .data=${scored()}></kam-health-distribution-chart>`);
    expect(root(el).querySelector('h3')!.textContent).to.equal('客户健康度');
    expect(tableHead(el)).to.deep.equal(['等级', '客户数', '占比']);
    // The default model's bands read as the badge's and the explainer's words, in the table and on the axis.
    expect(tableRows(el).map((r) => r[0])).to.deep.equal(['红色', '黄色', '绿色']);
    const axis = [...root(el).querySelectorAll('svg text')].map((t) => t.textContent!).join(' ');
    expect(axis).to.contain('红色').and.not.to.contain(bands[0].label);
  });

  it('zh-CN: the change under each bar sits in full-width brackets', async () => {
    const data = scored();
    const results = new Map([...data.results!.keys()].map((id) => [id, { trend: { previousBand: 'green' } }]));
    const el = await fixture(html`<kam-health-distribution-chart locale="zh-CN" .data=${{ ...data, results: results as never }}></kam-health-distribution-chart>`);
    const counts = [...root(el).querySelectorAll('svg text.count')].map((t) => t.textContent!);
    expect(counts.length).to.equal(bands.length);
    for (const c of counts) expect(c).to.match(/^\d+（[+-]?\d+）$/);
  });

  it('zh-CN: a model\'s own band labels show as given', async () => {
    const own = bands.map((b) => ({ ...b, label: `${b.id} band` }));
    const el = await fixture(html`<kam-health-distribution-chart locale="zh-CN" .data=${{ ...scored(), bands: own }}></kam-health-distribution-chart>`);
    expect(tableRows(el).map((r) => r[0])).to.deep.equal(['red band', 'yellow band', 'green band']);
  });

  it('is axe-clean in light and dark', async () => {
    const data = scored();
    await checkAxe((theme) => fixture(html`<kam-health-distribution-chart theme=${theme} .data=${data}></kam-health-distribution-chart>`));
  });
});
