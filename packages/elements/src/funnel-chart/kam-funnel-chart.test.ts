import { expect, fixture, html } from '@open-wc/testing';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import type { KamFunnelChart } from './kam-funnel-chart.js';
import { book, checkAxe, checkKeyboardTooltip, checkResize, core, csvLines, deal, deals, en, exportCsv, notes, root, store, tableHead, tableRows } from '../shared/chart/test-book.js';

const pct = (x: number | undefined) => (x === undefined ? '—' : en(x, { style: 'percent', maximumFractionDigits: 1 }));

async function inProvider(s = store(), attrs = ''): Promise<KamFunnelChart> {
  const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-funnel-chart mode=${attrs || 'all-stage'}></kam-funnel-chart></kam-provider>`);
  const el = host.querySelector<KamFunnelChart>('kam-funnel-chart')!;
  await el.updateComplete;
  return el;
}

describe('<kam-funnel-chart>', () => {
  it('inside a provider: each stage row is the core conversion (worked out by hand too)', async () => {
    const el = await inProvider();
    const a = pipelineAnalytics(store(), core);
    const rows = tableRows(el);
    expect(rows.map((r) => r[0])).to.deep.equal(['Lead', 'Proposal', 'Commit', 'Won']);
    // By hand: 7 deals entered Lead, 5 reached Proposal, 3 Commit, 2 won; d1, d2, d3 still sit in their stage.
    expect(rows.map((r) => r[1])).to.deep.equal(['7', '5', '3', '2']);
    expect(rows.map((r) => r[3])).to.deep.equal(['1', '1', '1', '0']);
    expect(rows[1][4]).to.equal('75%'); // 3 advanced of the 4 decided in Proposal
    a.conversion.allStage.forEach((s, i) => {
      expect(rows[i]).to.deep.equal([i === 3 ? 'Won' : s.name, en(s.entered), en(s.advanced), en(s.stillIn), pct(s.rate), pct(s.fromStart)]);
    });
    expect(notes(el)).to.deep.equal([]);
  });

  it('alone from .data, and the any-stage mode from the same result', async () => {
    const a = pipelineAnalytics(book(), core);
    const el = await fixture<KamFunnelChart>(html`<kam-funnel-chart .data=${a}></kam-funnel-chart>`);
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(a.conversion.allStage.map((s) => en(s.entered)));
    const select = root(el).querySelector('select')!;
    select.value = 'any-stage';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.mode).to.equal('any-stage');
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(a.conversion.anyStage.map((s) => en(s.entered)));
  });

  it('empty: no deals, or a provider store without any, shows the empty state; only a filter that keeps nothing is blamed', async () => {
    const a = pipelineAnalytics(book({ opportunities: [] }), core);
    const el = await fixture<KamFunnelChart>(html`<kam-funnel-chart .data=${a}></kam-funnel-chart>`);
    expect(root(el).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
    expect(root(el).querySelector('svg')).to.equal(null);
    // an empty book is not blamed on filters; a slice that keeps nothing is
    const p = await inProvider(store(book({ opportunities: [] })));
    expect(root(p).querySelector('[part=state]')!.textContent!.trim()).to.equal('No data to show.');
    const host = await fixture(html`<kam-provider hide-status .store=${store()}><kam-funnel-chart .slice=${{ regions: ['Nowhere'] }}></kam-funnel-chart></kam-provider>`);
    const sliced = host.querySelector<KamFunnelChart>('kam-funnel-chart')!;
    await sliced.updateComplete;
    expect(root(sliced).querySelector('[part=state]')!.textContent!.trim()).to.equal('No data to show. Nothing matches the current filters.');
  });

  it('a single deal is drawn and explained', async () => {
    const el = await inProvider(store(book({ opportunities: [deals()[1]] })));
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(['1', '1', '0', '0']);
    expect(notes(el)).to.include('Only one deal: figures are not yet meaningful.');
  });

  it('counts need no FX rate: a deal in a currency with no rate is still counted; odd amounts are explained', async () => {
    const ds = deals();
    ds[0].amount = { amount: 5000, currency: 'JPY' };
    ds[1].amount = { amount: -200, currency: 'CNY' };
    ds[2].amount = { amount: 1e30, currency: 'CNY' };
    const el = await inProvider(store(book({ opportunities: ds })));
    expect(tableRows(el)[0][1]).to.equal('7');
    const n = notes(el);
    expect(n).to.include('One deal has a negative amount; it is included as entered.');
    expect(n).to.include('One deal has an implausibly large amount (over CN¥1T); check the source data.');
  });

  it('keyboard: a mark takes focus and its tooltip shows the stage figures', async () => {
    const el = await inProvider();
    await checkKeyboardTooltip(el, 'Lead: 7 entered, 5 advanced, 1 still in stage, conversion 83%');
  });

  it("the won step reads as the pipeline's won stage; several won stages merge as 'Won'", async () => {
    const b = book();
    b.pipelines![0].stages[3].name = 'Closed – signed';
    const el = await fixture<KamFunnelChart>(html`<kam-funnel-chart .data=${pipelineAnalytics(b, core)}></kam-funnel-chart>`);
    expect(tableRows(el).map((r) => r[0])).to.deep.equal(['Lead', 'Proposal', 'Commit', 'Closed – signed']);
    expect(root(el).querySelector('svg')!.textContent).to.contain('Closed – signed');
    // A second won stage: both count in the one won step, which then names neither.
    b.pipelines![0].stages.splice(4, 0, { ...b.pipelines![0].stages[3], id: 'won-po', name: 'PO received', order: 4.5 });
    el.data = pipelineAnalytics(b, core);
    await el.updateComplete;
    expect(tableRows(el)[3]).to.deep.equal(['Won', '2', '0', '0', '—', pct(2 / 7)]);
  });

  it('CSV: the table as raw numbers, a stage name that starts a formula is guarded', async () => {
    const b = book();
    b.pipelines![0].stages[0].name = '=HYPERLINK("http://x","y")';
    b.pipelines![1 - 1].stages[1].name = '+Proposal';
    const el = await inProvider(store(b));
    const { csv, filename } = exportCsv(el);
    expect(filename).to.equal('kam-funnel-chart.csv');
    expect(csv).to.equal(el.toCsv());
    const lines = csvLines(el);
    expect(lines[0]).to.equal('Stage,Entered,Advanced,Still in stage,Conversion,From start');
    expect(lines[1]).to.equal(`"'=HYPERLINK(""http://x"",""y"")",7,5,1,${5 / 6},1`);
    expect(lines[2]).to.equal(`'+Proposal,5,3,1,0.75,${5 / 7}`);
    expect(tableHead(el)).to.deep.equal(lines[0].split(','));
  });

  it('its controls are touch targets of at least 24 px: the table toggle, the export and the mode select', async () => {
    const el = await fixture<KamFunnelChart>(html`<kam-funnel-chart .data=${pipelineAnalytics(store(), core)}></kam-funnel-chart>`);
    const sizes = [...root(el).querySelectorAll('button, select')].map((c) => Math.round(c.getBoundingClientRect().height));
    expect(sizes).to.have.length(3);
    expect(sizes.every((h) => h >= 24), `heights ${sizes}`).to.equal(true);
  });

  it('follows its container width', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><kam-funnel-chart .data=${pipelineAnalytics(book(), core)}></kam-funnel-chart></div>`);
    await checkResize(wrap, wrap.querySelector<KamFunnelChart>('kam-funnel-chart')!);
  });

  it('zh-CN: title, columns, mode names and the stage row', async () => {
    // Two won stages: the merged won step has no stage name of its own and reads '赢单'.
    const b = book();
    b.pipelines![0].stages.push({ ...b.pipelines![0].stages[3], id: 'won-po', name: 'PO received', order: 6 });
    const el = await fixture<KamFunnelChart>(html`<kam-funnel-chart locale="zh-CN" .data=${pipelineAnalytics(b, core)}></kam-funnel-chart>`);
    expect(root(el).querySelector('h3')!.textContent).to.equal('阶段转化');
    expect(tableHead(el)).to.deep.equal(['阶段', '进入', '推进', '仍在本阶段', '转化率', '占起点']);
    expect(tableRows(el)[3][0]).to.equal('赢单');
    expect(root(el).querySelector('select')!.textContent).to.contain('逐级漏斗');
    expect(root(el).querySelector('[part~="export"]')!.textContent).to.equal('导出 CSV');
  });

  it('is axe-clean in light and dark', async () => {
    const a = pipelineAnalytics(book(), core);
    await checkAxe((theme) => fixture(html`<kam-funnel-chart theme=${theme} .data=${a}></kam-funnel-chart>`));
  });

  it('stays live in a provider: a new deal in the store redraws', async () => {
    const s = store();
    const el = await inProvider(s);
    s.applyServerRecord('opportunities', deal('d8', 'lead', 10_000, '2026-12-30', [['lead', '2026-11-20']]), 'remote');
    await el.updateComplete;
    expect(tableRows(el)[0][1]).to.equal('8');
  });
});
