import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import type { KamForecastChart } from './kam-forecast-chart.js';
import { book, checkAxe, checkKeyboardTooltip, checkResize, checkTooltipsInside, core, csvLines, deals, exportCsv, frame, notes, root, store, tableHead, tableRows } from '../shared/chart/test-book.js';

const CATS = ['pipeline', 'best_case', 'commit', 'closed'] as const;
const NAMES = { pipeline: 'Pipeline', best_case: 'Best case', commit: 'Commit', closed: 'Closed' };
const money = (n: number) => n.toLocaleString('en', { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 });

async function inProvider(s = store(), period = 'month'): Promise<KamForecastChart> {
  const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-forecast-chart period=${period}></kam-forecast-chart></kam-provider>`);
  const el = host.querySelector<KamForecastChart>('kam-forecast-chart')!;
  await el.updateComplete;
  return el;
}

/** Every row of the core forecast as the CSV writes it. */
function coreCsv(a: ReturnType<typeof pipelineAnalytics>): string[] {
  return a.forecast.rows.flatMap((r) => CATS.map((c) => `${r.period},${NAMES[c]},${r.categories[c].count},${r.categories[c].total.amount},${r.categories[c].weighted.amount}`));
}

describe('<kam-forecast-chart>', () => {
  it('inside a provider: every period × category cell is the core forecast (worked out by hand too)', async () => {
    const el = await inProvider();
    const a = pipelineAnalytics(store(), { ...core, period: 'month' });
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(a));
    // By hand: December holds d1 (pipeline, ¥100,000 × 0.1) and d2 (best case, ¥200,000 × 0.5);
    // January d3 (commit, $50,000 at 7 = ¥350,000 × 0.8); November the won d4 (closed, ¥300,000).
    const rows = tableRows(el);
    const cell = (p: string, c: string) => rows.find((r) => r[0] === p && r[1] === c)!;
    expect(cell('2026-12', 'Pipeline').slice(2)).to.deep.equal(['1', money(100_000), money(10_000)]);
    expect(cell('2026-12', 'Best case').slice(2)).to.deep.equal(['1', money(200_000), money(100_000)]);
    expect(cell('2027-01', 'Commit').slice(2)).to.deep.equal(['1', money(350_000), money(280_000)]);
    expect(cell('2026-11', 'Closed').slice(2)).to.deep.equal(['1', money(300_000), money(300_000)]);
    expect(notes(el)).to.deep.equal([]);
  });

  it('the quarter period from the store; alone from .data; the weighted toggle', async () => {
    const q = await inProvider(store(), 'quarter');
    expect(csvLines(q).slice(1)).to.deep.equal(coreCsv(pipelineAnalytics(store(), { ...core, period: 'quarter' })));
    const a = pipelineAnalytics(book(), core);
    const el = await fixture<KamForecastChart>(html`<kam-forecast-chart .data=${a}></kam-forecast-chart>`);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(a));
    const label = () => root(el).querySelector('.mark')!.getAttribute('aria-label')!;
    expect(label()).not.to.contain('weighted');
    const box = root(el).querySelector<HTMLInputElement>('input[type=checkbox]')!;
    box.click();
    await el.updateComplete;
    expect(el.weighted).to.equal(true);
    expect(label()).to.contain('weighted');
  });

  it('empty: a pipeline without deals shows the empty state', async () => {
    const el = await inProvider(store(book({ opportunities: [] })));
    expect(root(el).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
  });

  it('a single deal is drawn and explained', async () => {
    const el = await inProvider(store(book({ opportunities: [deals()[0]] })));
    expect(root(el).querySelectorAll('.mark')).to.have.length(1);
    expect(notes(el)).to.include('Only one deal: figures are not yet meaningful.');
  });

  it('a currency with no FX rate is left out of the totals with the reason shown', async () => {
    const ds = deals();
    ds[0].amount = { amount: 5_000_000, currency: 'JPY' };
    const el = await inProvider(store(book({ opportunities: ds })));
    expect(notes(el)).to.include('1 in JPY (¥5M) left out: no JPY→CNY exchange rate.');
    const dec = tableRows(el).find((r) => r[0] === '2026-12' && r[1] === 'Pipeline')!;
    expect(dec.slice(2)).to.deep.equal(['1', money(0), money(0)]); // counted, never summed
  });

  it('a negative amount stacks below zero and an absurd one is included, both explained', async () => {
    const ds = deals();
    ds[0].amount = { amount: -40_000, currency: 'CNY' };
    ds[1].amount = { amount: 1e30, currency: 'CNY' };
    const el = await inProvider(store(book({ opportunities: ds })));
    expect(notes(el)).to.include.members(['One deal has a negative amount; it is included as entered.', 'One deal has an implausibly large amount (over CN¥1T); check the source data.']);
    const a = pipelineAnalytics(store(book({ opportunities: ds })), core);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(a));
    const dec = tableRows(el).find((r) => r[0] === '2026-12' && r[1] === 'Pipeline')!;
    expect(dec[3]).to.equal(money(-40_000));
    // The negative bar sits below the zero line: its top is at or below the axis' zero.
    const bar = [...root(el).querySelectorAll('.mark')].find((m) => m.getAttribute('aria-label')!.startsWith('2026-12, Pipeline'))!;
    expect(bar.getAttribute('aria-label')).to.contain('-CN¥40,000');
    for (const r of root(el).querySelectorAll('svg rect')) expect(Number.isFinite(Number(r.getAttribute('height') ?? 0))).to.equal(true);
  });

  it('keyboard: a segment takes focus and its tooltip reads period, category and value', async () => {
    const el = await inProvider();
    await checkKeyboardTooltip(el, `2026-08, Closed: ${money(150_000)} (1 deal)`);
  });

  it('on a 360 px wide page every tooltip stays whole on screen, inside the chart (first and last bars too)', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const el = await fixture<KamForecastChart>(html`<kam-forecast-chart .data=${pipelineAnalytics(book(), core)}></kam-forecast-chart>`);
      await frame(); await frame(); await el.updateComplete;
      await checkTooltipsInside(el);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('each category has a texture of its own, not only a colour, in the plot and the legend, forced colours too', async () => {
    const el = await fixture<KamForecastChart>(html`<kam-forecast-chart .data=${pipelineAnalytics(book(), core)}></kam-forecast-chart>`);
    const r = el.shadowRoot!;
    // a shape's texture: what its fill pattern draws over the ground, and whether it is outlined
    const texture = (shape: Element) => {
      const id = /^url\(#(.+)\)$/.exec(shape.getAttribute('fill') ?? '')?.[1];
      const pattern = id ? r.getElementById(id) : null;
      expect(pattern?.localName, `${shape.getAttribute('class')} is filled with a pattern`).to.equal('pattern');
      const ink = [...pattern!.children].slice(1).map((c) => `${c.localName} ${c.getAttribute('width') ?? ''}${c.getAttribute('r') ?? ''}`);
      return `${ink.join() || 'plain'}${getComputedStyle(shape).stroke === 'none' ? '' : ', outlined'}`;
    };
    const bar = (c: (typeof CATS)[number]) => [...r.querySelectorAll('.mark')].find((m) => m.getAttribute('aria-label')!.includes(`, ${NAMES[c]}:`))!.firstElementChild!;
    const inPlot = CATS.map((c) => texture(bar(c)));
    expect(new Set(inPlot).size, inPlot.join(' | ')).to.equal(4);
    expect([...r.querySelectorAll('.legend rect')].map(texture)).to.deep.equal(inPlot);
    // In forced colours every fill is a system colour: the stripes and dots must still differ from their ground.
    const forced = new Map<string, string>();
    for (const sheet of r.adoptedStyleSheets) {
      for (const rule of sheet.cssRules) {
        if (!(rule instanceof CSSMediaRule && rule.conditionText.includes('forced-colors: active'))) continue;
        for (const inner of rule.cssRules) for (const sel of (inner as CSSStyleRule).selectorText.split(',')) forced.set(sel.trim(), (inner as CSSStyleRule).style.fill);
      }
    }
    for (const c of ['best_case', 'commit']) {
      expect(forced.get(`.f-${c}`), c).to.be.a('string').and.not.equal('');
      expect(forced.get('.ink'), c).to.be.a('string').and.not.equal(forced.get(`.f-${c}`));
    }
    expect(forced.get('.f-closed')).to.not.equal(forced.get('.f-pipeline'));
  });

  it('the weighted toggle is a target of at least 24 × 24 px: a click anywhere on its box toggles it', async () => {
    const el = await fixture<KamForecastChart>(html`<kam-forecast-chart .data=${pipelineAnalytics(book(), core)}></kam-forecast-chart>`);
    const label = root(el).querySelector<HTMLLabelElement>('label.toggle')!;
    const r = label.getBoundingClientRect();
    expect(r.height, 'height').to.be.at.least(24);
    expect(r.width, 'width').to.be.at.least(24);
    const box = root(el).querySelector('input[type=checkbox]')!.getBoundingClientRect();
    expect(box.top >= r.top && box.bottom <= r.bottom && box.left >= r.left && box.right <= r.right, 'the box holds the checkbox').to.equal(true);
    try {
      let on = false;
      for (const [x, y] of [[r.left + 1, r.top + 1], [r.left + 1, r.bottom - 1], [r.right - 1, r.top + 1], [r.right - 1, r.bottom - 1]]) {
        await sendMouse({ type: 'click', position: [Math.ceil(x), Math.ceil(y)] });
        await el.updateComplete;
        on = !on;
        expect(el.weighted, `click at ${x}, ${y}`).to.equal(on);
      }
    } finally {
      await resetMouse();
    }
  });

  it('period labels never overlap, long or in zh-CN: every n-th is shown, n from their measured widths', async () => {
    const a = pipelineAnalytics(book(), { ...core, period: 'month' });
    const named = (name: (p: string) => string) => ({ ...a, forecast: { ...a.forecast, rows: a.forecast.rows.map((r) => ({ ...r, period: name(r.period) })) } });
    const overlaps: string[] = [];
    for (const [locale, data] of [['en', named((p) => `FY ${p} (forecast)`)], ['zh-CN', named((p) => `${p.replace('-', '年')}月预测`)], ['en', a]] as const) {
      for (const width of [340, 640]) {
        const wrap = await fixture<HTMLDivElement>(html`<div style="width:${width}px"><kam-forecast-chart locale=${locale} .data=${data}></kam-forecast-chart></div>`);
        const el = wrap.firstElementChild as KamForecastChart;
        await frame(); await frame(); await el.updateComplete;
        const boxes = [...root(el).querySelectorAll('text.axis')].map((t) => t.getBoundingClientRect()).sort((p, q) => p.left - q.left);
        expect(boxes.length).to.be.greaterThan(0);
        for (let i = 1; i < boxes.length; i++) if (boxes[i].left < boxes[i - 1].right) overlaps.push(`${locale} ${width} px: label ${i} starts ${(boxes[i - 1].right - boxes[i].left).toFixed(1)} px inside label ${i - 1}`);
      }
    }
    expect(overlaps).to.deep.equal([]);
  });

  it('CSV export: header, raw numbers and the file name', async () => {
    const el = await inProvider();
    const { csv, filename } = exportCsv(el);
    expect(filename).to.equal('kam-forecast-chart.csv');
    expect(csv.split('\r\n')[0]).to.equal('Period,Category,Deals,Total,Weighted');
    expect(tableHead(el)).to.deep.equal(['Period', 'Category', 'Deals', 'Total', 'Weighted']);
    // No cell here is free text from the book; the guard is checked with the funnel's stage names.
    expect(csv).not.to.match(/(^|,)[=+\-@]/m);
  });

  it('follows its container width', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><kam-forecast-chart .data=${pipelineAnalytics(book(), core)}></kam-forecast-chart></div>`);
    await checkResize(wrap, wrap.querySelector<KamForecastChart>('kam-forecast-chart')!);
  });

  it('zh-CN: title, toggle, categories and money', async () => {
    const el = await fixture(html`<kam-forecast-chart locale="zh-CN" .data=${pipelineAnalytics(book(), core)}></kam-forecast-chart>`);
    expect(root(el).querySelector('h3')!.textContent).to.equal('预测');
    expect(root(el).querySelector('label.toggle')!.textContent).to.contain('按赢率加权');
    expect(tableHead(el)).to.deep.equal(['期间', '类别', '商机数', '金额', '加权金额']);
    expect(tableRows(el).map((r) => r[1])).to.include.members(['管道', '乐观', '承诺', '已成交']);
  });

  it('is axe-clean in light and dark', async () => {
    const a = pipelineAnalytics(book(), core);
    await checkAxe((theme) => fixture(html`<kam-forecast-chart theme=${theme} .data=${a}></kam-forecast-chart>`));
  });
});
