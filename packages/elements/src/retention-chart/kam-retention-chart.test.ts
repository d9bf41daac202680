import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { retention } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import { cohortPart, type KamRetentionChart } from './kam-retention-chart.js';
import { fetchPart } from '../shared/lazy-part.js';
import { Store } from '@kamkit/core';
import { generateSampleBook, sampleFxTable } from '@kamkit/core/sample';
import { book, checkAxe, checkKeyboardTooltip, checkResize, checkTipClearOfControls, contrast, core, csvLines, forcedColors, exportCsv, frame, notes, order, orders, root, store, tableHead, tableRows } from '../shared/chart/test-book.js';

const opts = { ...core, period: 'quarter' as const, periods: 6 };

/** The cohort grid is drawn by its own chunk: waits for it, then for the chart's render. */
async function cohortDrawn(el: KamRetentionChart): Promise<void> {
  await fetchPart(cohortPart);
  await el.updateComplete;
}

async function inProvider(s = store(), view = 'period'): Promise<KamRetentionChart> {
  const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-retention-chart view=${view}></kam-retention-chart></kam-provider>`);
  const el = host.querySelector<KamRetentionChart>('kam-retention-chart')!;
  await el.updateComplete;
  return el;
}

const coreCsv = (r: ReturnType<typeof retention>) => r.byPeriod.map((p) => `${p.period},${p.start},${p.expansion},${p.churn},${p.grr ?? ''},${p.nrr ?? ''}`);

describe('<kam-retention-chart>', () => {
  it('inside a provider: GRR and NRR per quarter are the core figures (worked out by hand too)', async () => {
    const el = await inProvider();
    const r = retention(store(), opts);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(r));
    // By hand, 2026 Q1 against 2025 Q4: Alpha ¥300K → ¥400K, Beta ¥150K → ¥120K, Gamma ¥90K → nothing.
    // Start ¥540K; GRR (540 − 90 − 30) / 540 = 77.8 %; NRR (540 + 100 − 30 − 90) / 540 = 96.3 %.
    const q1 = tableRows(el).find((row) => row[0] === '2026-Q1')!;
    expect(q1).to.deep.equal(['2026-Q1', 'CN¥540,000', 'CN¥100,000', 'CN¥90,000', '77.8%', '96.3%']);
  });

  it('the cohort view; alone from .data', async () => {
    const r = retention(book(), opts);
    const el = await fixture<KamRetentionChart>(html`<kam-retention-chart .data=${r}></kam-retention-chart>`);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(r));
    const select = root(el).querySelector('select')!;
    select.value = 'cohort';
    select.dispatchEvent(new Event('change'));
    await cohortDrawn(el);
    expect(tableHead(el)).to.deep.equal(['Cohort', 'Period', 'Accounts', 'NRR', 'GRR']);
    const cells = r.cohorts.flatMap((c) => c.periods.map((p) => `${c.cohort},${p.period},${p.activeAccounts},${p.nrr ?? ''},${p.grr ?? ''}`));
    expect(csvLines(el).slice(1)).to.deep.equal(cells);
    expect(root(el).querySelectorAll('.mark')).to.have.length(cells.length);
  });

  it('empty: no orders shows the empty state', async () => {
    const el = await inProvider(store(book({ orders: [] })));
    expect(root(el).querySelector('[part=state]')!.textContent).to.contain('No data to show.');
  });

  it('a single account that stopped ordering: GRR and NRR of 0 %, not a blank', async () => {
    const el = await inProvider(store(book({ orders: [order('x', 'a2', 5000, '2026-05-01')] })));
    expect(tableRows(el).find((r) => r[0] === '2026-Q3')!.slice(3)).to.deep.equal(['CN¥5,000', '0%', '0%']);
    expect(tableRows(el).find((r) => r[0] === '2026-Q2')!.slice(4)).to.deep.equal(['—', '—']); // nothing to retain yet
  });

  it('a currency with no FX rate is left out with the reason', async () => {
    const os = orders();
    os[os.length - 1] = order('o11', 'a4', 10_000, '2026-07-07', 'JPY');
    const el = await inProvider(store(book({ orders: os })));
    expect(notes(el)).to.include('1 in JPY (¥10K) left out: no JPY→CNY exchange rate.');
  });

  it('negative and absurd order amounts: the core figures, explained', async () => {
    const os = [...orders(), order('neg', 'a2', -500_000, '2026-02-01'), order('huge', 'a4', 1e30, '2026-09-02')];
    const s = store(book({ orders: os }));
    const el = await inProvider(s);
    expect(csvLines(el).slice(1)).to.deep.equal(coreCsv(retention(s, opts)));
    const n = notes(el);
    expect(n.some((x) => x.includes('negative'))).to.equal(true);
    expect(n.some((x) => x.includes('implausibly large'))).to.equal(true);
  });

  it('keyboard: a period takes focus and its tooltip reads GRR and NRR', async () => {
    const el = await inProvider();
    const first = retention(store(), opts).byPeriod[0];
    await checkKeyboardTooltip(el, `${first.period}: GRR`);
  });

  it('keyboard: no point\'s tooltip covers the chart\'s controls (the View select, the buttons), at the story\'s size and narrow', async () => {
    // the Default and Narrow stories: the seed-5 sample book, in a provider, page-wide and 360 px
    const now = '2026-11-23T00:00:00Z';
    const s = Store.fromBook(generateSampleBook({ seed: 5, accounts: 60, now }), { fx: sampleFxTable, now: () => new Date(now) });
    for (const width of ['', 'width: 360px']) {
      const wrap = await fixture<HTMLDivElement>(html`<div style=${width}><kam-provider hide-status .store=${s}><kam-retention-chart></kam-retention-chart></kam-provider></div>`);
      const el = wrap.querySelector<KamRetentionChart>('kam-retention-chart')!;
      await frame(); await frame(); await el.updateComplete;
      await checkTipClearOfControls(el, width || 'story size');
    }
  });

  it('Windows High Contrast: the NRR line and its points are in a system colour, apart from GRR', async () => {
    // SVG strokes are not forced: NRR kept the palette's green (#146c2e, about 3.4:1 on a High
    // Contrast theme's black canvas) while the GRR line and the labels follow the system colours.
    const el = await inProvider();
    try {
      const sys = await forcedColors(el);
      const nrr = getComputedStyle(root(el).querySelector('path.nrr')!).stroke, dot = getComputedStyle(root(el).querySelector('.dot-nrr')!).fill;
      for (const c of [nrr, dot]) {
        expect([sys.CanvasText, sys.Highlight]).to.include(c);
        expect(contrast(c, sys.Canvas)).to.be.at.least(4.5);
      }
      expect(nrr, 'told apart from GRR').to.not.equal(getComputedStyle(root(el).querySelector('path.grr')!).stroke);
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });

  it('CSV export: header and file name', async () => {
    const el = await inProvider();
    const { csv, filename } = exportCsv(el);
    expect(filename).to.equal('kam-retention-chart.csv');
    expect(csv.split('\r\n')[0]).to.equal('Period,Starting revenue,Expansion,Churn,GRR,NRR');
  });

  it('follows its container width', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><kam-retention-chart .data=${retention(book(), opts)}></kam-retention-chart></div>`);
    await checkResize(wrap, wrap.querySelector<KamRetentionChart>('kam-retention-chart')!);
  });

  it('narrow: the period labels under the axis never overlap; the cohort grid names its columns', async () => {
    const r = retention(book(), opts);
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 300px"><kam-retention-chart .data=${r}></kam-retention-chart></div>`);
    const el = wrap.querySelector<KamRetentionChart>('kam-retention-chart')!;
    await frame(); await frame(); await el.updateComplete;
    const boxes = (sel: string) => [...root(el).querySelectorAll<SVGTextElement>(sel)].map((t) => t.getBoundingClientRect());
    const apart = (b: DOMRect[]) => b.every((r, i) => i === 0 || b[i - 1].right <= r.left);
    const labels = boxes('.mark text.axis');
    expect(labels.length).to.be.within(2, 5); // six quarters do not fit side by side in 300 px
    expect(apart(labels)).to.equal(true);
    el.view = 'cohort';
    await cohortDrawn(el);
    const cols = [...root(el).querySelectorAll<SVGTextElement>('.axis text')];
    expect(cols.length).to.be.at.least(2);
    expect(cols[0].textContent).to.equal(r.cohorts.flatMap((c) => c.periods.map((p) => p.period)).sort()[0]); // the first column's period
    expect(apart(cols.map((t) => t.getBoundingClientRect()))).to.equal(true);
  });

  it('narrow: the shown data table scrolls inside the chart, never the page sideways', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="width: 300px"><kam-retention-chart .data=${retention(book(), opts)}></kam-retention-chart></div>`);
    const el = wrap.querySelector<KamRetentionChart>('kam-retention-chart')!;
    await frame(); await frame(); await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('[part~="table-toggle"]')!.click();
    await el.updateComplete;
    const table = root(el).querySelector('table')!;
    expect(table.getBoundingClientRect().width).to.be.greaterThan(300); // six columns of money do not fit in 300 px
    expect(el.scrollWidth).to.be.at.most(300); // ...but the chart does not grow past its box
    const box = table.parentElement!;
    expect(box.scrollWidth).to.be.greaterThan(box.clientWidth); // the table scrolls within it (keyboard: Chromium focuses scrollers)
  });

  it('cohort grid: each cell\'s figure keeps a 4.5:1 contrast on its colour, in light and dark', async () => {
    // relative luminance and contrast ratio (WCAG 2) of computed rgb() colours
    const lum = (c: string) => c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => { const x = +v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((s, v, k) => s + [0.2126, 0.7152, 0.0722][k] * v, 0);
    const ratio = (a: string, b: string) => { const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p); return (hi + 0.05) / (lo + 0.05); };
    for (const theme of ['light', 'dark']) {
      const el = await fixture<KamRetentionChart>(html`<div style="width: 640px"><kam-retention-chart view="cohort" theme=${theme} .data=${retention(book(), opts)}></kam-retention-chart></div>`).then((w) => w.firstElementChild as KamRetentionChart);
      await frame(); await frame(); await cohortDrawn(el);
      const cells = [...root(el).querySelectorAll('.mark')].filter((m) => m.querySelector('text'));
      expect(cells.length).to.be.at.least(3);
      const worst = Math.min(...cells.map((m) => ratio(getComputedStyle(m.querySelector('text')!).fill, getComputedStyle(m.querySelector('rect')!).fill)));
      expect(worst, `${theme}: the weakest cell's contrast`).to.be.at.least(4.5);
    }
  });

  it('zh-CN: title, view names, columns', async () => {
    const el = await fixture(html`<kam-retention-chart locale="zh-CN" .data=${retention(book(), opts)}></kam-retention-chart>`);
    expect(root(el).querySelector('h3')!.textContent).to.equal('收入留存');
    expect(root(el).querySelector('select')!.textContent).to.contain('按同期群');
    expect(tableHead(el)).to.deep.equal(['期间', '期初收入', '扩展', '流失', 'GRR', 'NRR']);
  });

  it('the cohort grid\'s chunk: "Loading…" until it arrives; a failed fetch says so, and choosing the view again retries', async () => {
    const { load, loaded } = cohortPart;
    let fail = true;
    Object.assign(cohortPart, { loaded: undefined, loading: undefined, load: () => (fail ? Promise.reject(new Error('chunk offline')) : load()) });
    try {
      const el = await fixture<KamRetentionChart>(html`<kam-retention-chart .data=${retention(book(), opts)}></kam-retention-chart>`);
      el.view = 'cohort';
      await el.updateComplete;
      expect(root(el).querySelector('[part=state]')!.textContent).to.equal('Loading…');
      expect(tableHead(el)[0]).to.equal('Cohort'); // the table alternative is complete meanwhile
      await waitUntil(() => root(el).querySelector('[part=state][role=alert]'), 'the failed fetch said', { timeout: 5000 });
      expect(root(el).querySelector('[part=state]')!.textContent).to.contain('chunk offline');
      fail = false;
      const select = root(el).querySelector('select')!;
      for (const v of ['period', 'cohort']) { select.value = v; select.dispatchEvent(new Event('change')); await el.updateComplete; }
      await waitUntil(() => root(el).querySelector('.mark'), 'the cohort drawn once the chunk comes', { timeout: 5000 });
      expect(root(el).querySelector('[part=state]')).to.equal(null);
    } finally {
      Object.assign(cohortPart, { load, loaded, loading: undefined });
    }
  });

  it('is axe-clean in light and dark, both views', async () => {
    await fetchPart(cohortPart);
    const r = retention(book(), opts);
    await checkAxe((theme) => fixture(html`<kam-retention-chart theme=${theme} .data=${r}></kam-retention-chart>`));
    await checkAxe((theme) => fixture(html`<kam-retention-chart view="cohort" theme=${theme} .data=${r}></kam-retention-chart>`));
  });
});
