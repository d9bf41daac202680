import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import type { KamStageDurationChart } from './kam-stage-duration-chart.js';
import { book, checkAxe, checkHoverTooltip, checkKeyboardTooltip, checkResize, contrast, core, csvLines, forcedColors, deals, en, exportCsv, frame, notes, root, store, tableHead, tableRows } from '../shared/chart/test-book.js';

const days = (v: number | undefined) => (v === undefined ? '—' : en(v, { maximumFractionDigits: 1 }));

async function inProvider(s = store()): Promise<KamStageDurationChart> {
  const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-stage-duration-chart></kam-stage-duration-chart></kam-provider>`);
  const el = host.querySelector<KamStageDurationChart>('kam-stage-duration-chart')!;
  await el.updateComplete;
  return el;
}

describe('<kam-stage-duration-chart>', () => {
  it('inside a provider: stays, mean, median and p90 per open stage are the core figures, the bottleneck marked', async () => {
    const el = await inProvider();
    const a = pipelineAnalytics(store(), core);
    const rows = tableRows(el);
    // By hand: completed Lead stays 4, 10, 10, 10, 20, 66 days; Proposal 20, 20, 25, 20; Commit 40, 40.
    expect(rows.map((r) => [r[0], r[1], r[3]])).to.deep.equal([['Lead', '6', '10'], ['Proposal', '4', '20'], ['Commit', '2', '40']]);
    a.summary.stages.filter((s) => s.kind === 'open').forEach((s, i) => {
      const t = s.timeInStage;
      expect(rows[i]).to.deep.equal([s.name, en(t.count), days(t.mean), days(t.median), days(t.p90), a.bottleneck?.stageId === s.stageId ? 'yes' : '']);
    });
    expect(a.bottleneck!.name).to.equal('Commit');
    expect(root(el).querySelectorAll('.bar.bottleneck')).to.have.length(1);
    expect(root(el).querySelector('.flag')!.textContent).to.contain('Bottleneck'); // said in words, not by colour alone
  });

  it('Windows High Contrast: the bottleneck bar and its label are in a system colour, apart from the other bars', async () => {
    // SVG fills are not forced: the bottleneck kept the palette's red (#b42318, about 3.3:1 on a
    // High Contrast theme's black canvas) while every other mark follows the system colours.
    const el = await inProvider();
    try {
      const sys = await forcedColors(el);
      const fill = (sel: string) => getComputedStyle(root(el).querySelector(sel)!).fill;
      for (const sel of ['.bar.bottleneck', '.flag']) {
        expect([sys.CanvasText, sys.Highlight], `${sel} fill`).to.include(fill(sel));
        expect(contrast(fill(sel), sys.Canvas), `${sel} on Canvas`).to.be.at.least(4.5);
      }
      expect(fill('.bar.bottleneck'), 'told apart from the other bars').to.not.equal(fill('.bar:not(.bottleneck)'));
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });

  it('alone from .data draws the same table', async () => {
    const a = pipelineAnalytics(book(), core);
    const el = await fixture<KamStageDurationChart>(html`<kam-stage-duration-chart .data=${a}></kam-stage-duration-chart>`);
    const p = await inProvider();
    expect(tableRows(el)).to.deep.equal(tableRows(p));
  });

  it('empty: no completed stay yet (one fresh deal) shows the empty state', async () => {
    const el = await inProvider(store(book({ opportunities: [deals()[0]] })));
    expect(root(el).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
    const none = await fixture(html`<kam-stage-duration-chart .data=${pipelineAnalytics(book({ opportunities: [] }), core)}></kam-stage-duration-chart>`);
    expect(root(none).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
  });

  it('a single deal with stays is drawn and explained', async () => {
    const el = await inProvider(store(book({ opportunities: [deals()[3]] })));
    expect(tableRows(el).map((r) => r[3])).to.deep.equal(['10', '20', '40']);
    expect(notes(el)).to.include('Only one deal: figures are not yet meaningful.');
  });

  it('durations need no FX rate; negative and absurd amounts are explained, the durations unchanged', async () => {
    const ds = deals();
    ds[1].amount = { amount: 5000, currency: 'JPY' };
    ds[3].amount = { amount: -1, currency: 'CNY' };
    ds[5].amount = { amount: 1e30, currency: 'CNY' };
    const el = await inProvider(store(book({ opportunities: ds })));
    expect(tableRows(el).map((r) => r[1])).to.deep.equal(['6', '4', '2']);
    expect(notes(el)).to.include.members(['One deal has a negative amount; it is included as entered.', 'One deal has an implausibly large amount (over CN¥1T); check the source data.']);
  });

  it('keyboard: a bar takes focus and its tooltip reads the stage figures', async () => {
    const el = await inProvider();
    await checkKeyboardTooltip(el, 'Lead: median 10 days');
  });

  it('pointer: hovering a bar shows its tooltip, moving to the next shows that one, leaving hides it', async () => {
    await checkHoverTooltip(await inProvider());
  });

  it('narrow: the bottleneck is still named in words, never as a cut-off word', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 640px"><kam-stage-duration-chart .data=${pipelineAnalytics(store(), core)}></kam-stage-duration-chart></div>`);
    const el = wrap.querySelector<KamStageDurationChart>('kam-stage-duration-chart')!;
    const flag = () => root(el).querySelector('.flag')!.textContent, legend = () => root(el).querySelector('.legend')!.textContent;
    await frame(); await frame(); await el.updateComplete;
    expect(flag()).to.equal('▲ Bottleneck');
    expect(legend()).not.to.contain('Bottleneck');
    wrap.style.width = '200px';
    await frame(); await frame(); await el.updateComplete;
    expect(flag()).to.equal('▲'); // no room under the bar for the word: the legend says what ▲ means
    expect(legend()).to.contain('▲ Bottleneck');
  });

  it('CSV: raw figures, the bottleneck flag, a stage name starting with @ or - guarded', async () => {
    const b = book();
    b.pipelines![0].stages[0].name = '@SUM(1+1)*cmd|"/C calc"!A0';
    b.pipelines![0].stages[1].name = '-2+3';
    const el = await inProvider(store(b));
    const a = pipelineAnalytics(b, core);
    const { csv } = exportCsv(el);
    expect(csv).to.equal(el.toCsv());
    const lines = csvLines(el);
    expect(lines[0]).to.equal('Stage,Completed stays,Mean (days),Median (days),P90 (days),Bottleneck');
    const lead = a.summary.stages[0].timeInStage;
    expect(lines[1]).to.equal(`"'@SUM(1+1)*cmd|""/C calc""!A0",6,${lead.mean},10,${lead.p90},`);
    expect(lines[2].startsWith("'-2+3,4,")).to.equal(true);
    expect(lines[3].endsWith(',yes')).to.equal(true);
  });

  it('follows its container width', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><kam-stage-duration-chart .data=${pipelineAnalytics(book(), core)}></kam-stage-duration-chart></div>`);
    await checkResize(wrap, wrap.querySelector<KamStageDurationChart>('kam-stage-duration-chart')!);
  });

  it('zh-CN: title, columns, the bottleneck flag and day units', async () => {
    const el = await fixture(html`<kam-stage-duration-chart locale="zh-CN" .data=${pipelineAnalytics(book(), core)}></kam-stage-duration-chart>`);
    expect(root(el).querySelector('h3')!.textContent).to.equal('阶段停留时长');
    expect(tableHead(el)).to.deep.equal(['阶段', '已完成停留', '平均（天）', '中位数（天）', 'P90（天）', '瓶颈']);
    expect(tableRows(el)[2][5]).to.equal('是');
    expect(root(el).querySelector('.flag')!.textContent).to.contain('瓶颈');
    expect(root(el).querySelector('.axis')!.textContent).to.contain('天');
  });

  it('is axe-clean in light and dark', async () => {
    const a = pipelineAnalytics(book(), core);
    await checkAxe((theme) => fixture(html`<kam-stage-duration-chart theme=${theme} .data=${a}></kam-stage-duration-chart>`));
  });
});
