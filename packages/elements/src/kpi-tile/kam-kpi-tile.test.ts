import { expect, fixture, html } from '@open-wc/testing';
import { pipelineAnalytics, retention } from '@kamkit/core/analytics';
import './define.js';
import '../provider/define.js';
import { kpiValue, periodWindows, type KamKpiTile, type KpiKind } from './kam-kpi-tile.js';
import { book, checkAxe, clock, core, deal, deals, frame, root, store } from '../shared/chart/test-book.js';
import type { Book } from '@kamkit/core';
import { failedLoad } from '../../../../tests/fixtures/failed-load.js';
import { describeEl } from '../shared/test-wait.js';

async function tile(kind: KpiKind, b: Partial<Book> = book(), locale = 'en'): Promise<KamKpiTile> {
  const host = await fixture(html`<kam-provider hide-status .store=${store(b)} locale=${locale}><kam-kpi-tile kind=${kind}></kam-kpi-tile></kam-provider>`);
  const el = host.querySelector<KamKpiTile>('kam-kpi-tile')!;
  await el.updateComplete;
  return el;
}
const text = (el: Element, part: string) => root(el).querySelector(`[part=${part}]`)!.textContent!.replace(/\s+/g, ' ').trim();

/** The core figure for the current and the previous quarter, as the tile computes them. */
function coreKpi(kind: KpiKind, b: Partial<Book> = book()) {
  const s = store(b);
  if (kind === 'renewal-rate') {
    const base = { ...core, period: 'quarter' as const, periods: 1 };
    return { value: kpiValue(kind, retention(s, { ...base, includeCurrent: true })), previous: kpiValue(kind, retention(s, base)) };
  }
  const w = periodWindows(clock.getTime(), 'quarter');
  const run = (from: number, to: number) => kpiValue(kind, pipelineAnalytics(s, { ...core, from, to })); // `to` exclusive
  return { value: run(w.current[0], w.current[1] + 1), previous: run(...w.previous) };
}

// One more lost deal last quarter: the win rate then was 1 of 3.
const withLoss = () => book({ opportunities: [...deals(), deal('d8', 'lost', 10_000, '2026-07-15', [['lead', '2026-07-01'], ['lost', '2026-07-15']], { closedAt: '2026-07-15T00:00:00Z' })] });

describe('<kam-kpi-tile>', () => {
  it('win rate: this quarter against the last, from the core (worked out by hand too)', async () => {
    const el = await tile('win-rate', withLoss());
    // By hand: this quarter d4 won, d5 lost = 50 %; last quarter d6 won, d7 and d8 lost = 33 %.
    expect(coreKpi('win-rate', withLoss())).to.deep.equal({ value: 0.5, previous: 1 / 3 });
    expect(text(el, 'label')).to.equal('Win rate');
    expect(text(el, 'value')).to.equal('50%');
    expect(text(el, 'change')).to.equal('▲ Up 16.7 pts on the previous period (33%) (better)');
    expect(root(el).querySelector('[part=change]')!.getAttribute('data-direction')).to.equal('up');
  });

  it('a deal closed at the first instant of this quarter counts in this quarter only', async () => {
    const b = book({ opportunities: [...deals(), deal('d9', 'lost', 10_000, '2026-10-01', [['lead', '2026-09-01'], ['lost', '2026-10-01']], { closedAt: '2026-10-01T00:00:00Z' })] });
    // This quarter d4 won, d5 and d9 lost = 33 %; last quarter d6 won, d7 lost = 50 %, d9 not among them.
    expect(coreKpi('win-rate', b)).to.deep.equal({ value: 1 / 3, previous: 0.5 });
    const el = await tile('win-rate', b);
    expect(text(el, 'value')).to.equal('33%');
    expect(text(el, 'change')).to.equal('▼ Down 16.7 pts on the previous period (50%) (worse)');
  });

  it('sales cycle, average deal size and renewal rate from the core', async () => {
    const cyc = await tile('cycle-length');
    expect(coreKpi('cycle-length')).to.deep.equal({ value: 70, previous: 80 }); // d4: 1 Sep → 10 Nov; d6: 1 Jun → 20 Aug
    expect(text(cyc, 'value')).to.equal('70 days');
    expect(text(cyc, 'change')).to.equal('▼ Down 10 days on the previous period (80 days) (better)'); // shorter is better
    const avg = await tile('avg-deal-size');
    expect(coreKpi('avg-deal-size')).to.deep.equal({ value: 300_000, previous: 150_000 });
    expect(text(avg, 'value')).to.equal('CN¥300K');
    expect(text(avg, 'change')).to.equal('▲ Up CN¥150K on the previous period (CN¥150K) (better)');
    const ren = await tile('renewal-rate');
    expect(coreKpi('renewal-rate')).to.deep.equal({ value: 0.5, previous: 1 }); // c1 renewed, c2 churned; last quarter c3 renewed
    expect(text(ren, 'value')).to.equal('50%');
    expect(text(ren, 'change')).to.equal('▼ Down 50 pts on the previous period (100%) (worse)');
  });

  it('alone from .data', async () => {
    const el = await fixture<KamKpiTile>(html`<kam-kpi-tile kind="avg-deal-size" .data=${{ value: 1234, previous: 1234, currency: 'USD' }}></kam-kpi-tile>`);
    expect(text(el, 'value')).to.equal('$1.2K');
    expect(text(el, 'change')).to.equal('＝ Unchanged on the previous period ($1.2K)');
  });

  it('empty: no deals gives a dash and says there is no figure', async () => {
    const el = await tile('win-rate', book({ opportunities: [] }));
    expect(text(el, 'value')).to.equal('—');
    expect(text(el, 'change')).to.equal('No figure for this period');
  });

  it('a single won deal: 100 %, and no figure for the previous period', async () => {
    const el = await tile('win-rate', book({ opportunities: [deals()[3]] }));
    expect(text(el, 'value')).to.equal('100%');
    expect(text(el, 'change')).to.equal('No figure for the previous period');
  });

  it('a won deal in a currency with no FX rate is left out, with the reason shown', async () => {
    const ds = deals();
    ds[3].amount = { amount: 5000, currency: 'JPY' };
    const el = await tile('avg-deal-size', book({ opportunities: ds }));
    expect(text(el, 'value')).to.equal('—');
    expect(text(el, 'note')).to.equal('1 in JPY (¥5K) left out: no JPY→CNY exchange rate.');
  });

  it('negative and absurd won amounts: the core average, shown as such and explained', async () => {
    const neg = deals();
    neg[3].amount = { amount: -300_000, currency: 'CNY' };
    const n = await tile('avg-deal-size', book({ opportunities: neg }));
    expect(coreKpi('avg-deal-size', book({ opportunities: neg })).value).to.equal(-300_000);
    expect(text(n, 'value')).to.equal('-CN¥300K');
    expect(text(n, 'note')).to.equal('One deal has a negative amount; it is included as entered.');
    const huge = deals();
    huge[3].amount = { amount: 1e30, currency: 'CNY' };
    const h = await tile('avg-deal-size', book({ opportunities: huge }));
    expect(coreKpi('avg-deal-size', book({ opportunities: huge })).value).to.equal(1e30);
    expect(text(h, 'note')).to.contain('implausibly large amount');
  });

  it('the change is said in words and by an arrow, not by colour alone; the tile fills its container', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="width:300px"><kam-kpi-tile kind="win-rate" .data=${{ value: 0.4, previous: 0.5 }}></kam-kpi-tile></div>`);
    const el = wrap.querySelector<KamKpiTile>('kam-kpi-tile')!;
    expect(text(el, 'change')).to.equal('▼ Down 10 pts on the previous period (50%) (worse)');
    expect(root(el).querySelector('[part=tile]')!.getAttribute('aria-label')).to.equal('Win rate');
    const w1 = root(el).querySelector('[part=tile]')!.getBoundingClientRect().width;
    wrap.style.width = '180px';
    await frame();
    const w2 = root(el).querySelector('[part=tile]')!.getBoundingClientRect().width;
    expect(w1).to.be.closeTo(300, 1);
    expect(w2).to.be.closeTo(180, 1);
  });

  it('zh-CN: label, units and the change sentence', async () => {
    const el = await tile('cycle-length', book(), 'zh-CN');
    expect(text(el, 'label')).to.equal('销售周期（中位数）');
    expect(text(el, 'value')).to.equal('70 天');
    // No space before the full-width bracket (it carries its own): '天（向好）', not '天 （向好）'
    expect(text(el, 'change')).to.equal('▼ 较上期（80 天）下降 10 天（向好）');
  });

  it('alone under a provider with hide-status, a store that failed to load offers Retry; pressed, the figure comes and the focus stays on the tile', async () => {
    const { inner: el, retry } = await failedLoad(html`<kam-kpi-tile kind="win-rate"></kam-kpi-tile>`, withLoss(), () => clock, { hideStatus: true });
    const alert = root(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('CRM answered 503');
    const button = alert.querySelector('button')!;
    expect(button.textContent).to.equal('Retry');
    expect(button.getBoundingClientRect().height).to.be.at.least(24);
    await expect(el).to.be.accessible();
    await retry(button);
    expect(root(el).querySelector('[role=alert]')).to.equal(null);
    expect(text(el, 'value')).to.equal('50%');
    expect(document.activeElement === el, `the focus stays in the tile, not on ${describeEl(document.activeElement)}`).to.equal(true);
    expect(root(el).activeElement === root(el).querySelector('[part=tile]'), `the focus on the tile itself, not ${describeEl(root(el).activeElement)}`).to.equal(true);
  });

  it('is axe-clean in light and dark', async () => {
    await checkAxe((theme) => fixture(html`<kam-kpi-tile theme=${theme} kind="win-rate" .data=${{ value: 0.5, previous: 0.4 }}></kam-kpi-tile>`));
  });
});
