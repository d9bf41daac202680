// The chart base's keyboard place across data updates: a sync or another user's edit that changes
// one figure keeps the keyboard user on the mark they were reading (focus, roving tab stop and
// tooltip, with the new figure); a mark that is gone hands the place to the nearest one left; a
// change of what the chart shows as a whole still starts again at the first mark.
import { expect, fixture, html } from '@open-wc/testing';
import { svg } from 'lit';
import { KamChart, type ChartTable } from './chart-base.js';
import type { KamStore } from '../context.js';
import '../../provider/define.js';
import { deal, root, store } from './test-book.js';
import { describeEl, until } from '../test-wait.js';

type Bar = { id: string; amount: number };

/** A bare chart: one bar per deal (in id order), or per `.data` entry; `scope` stands for a view / pipeline option. */
class TestChart extends KamChart<Bar[]> {
  static override properties = { scope: {} };
  declare scope?: string;
  protected chartTitle(): string { return 'Test chart'; }
  protected compute(s: KamStore): Bar[] {
    return [...s.all('opportunities')].sort((a, b) => a.id.localeCompare(b.id)).map((o) => ({ id: o.id, amount: o.amount?.amount ?? 0 }));
  }
  protected isEmpty(d: Bar[]): boolean { return !d.length; }
  protected table(d: Bar[]): ChartTable { return { columns: ['deal', 'amount'], rows: d.map((b) => [b.id, b.amount]) }; }
  protected plot(d: Bar[], width: number) {
    return this.frame(width, 100, svg`${d.map((b, i) => this.mark(`${b.id}: ${b.amount}`, svg`<rect x=${i * 20} y="10" width="16" height="80"></rect>`))}`);
  }
}
customElements.define('kam-test-chart', TestChart);

const marks = (el: Element) => [...root(el).querySelectorAll<SVGGElement>('.mark')];
const tip = (el: Element) => root(el).querySelector<HTMLElement>('.tooltip')!;
const key = (el: Element, k: string) => root(el).activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
const stops = (el: Element) => marks(el).flatMap((m, i) => (m.getAttribute('tabindex') === '0' ? [i] : []));

/** Waits until mark `i` has focus, is the one tab stop, and its tooltip reads `label`. */
async function untilOn(el: TestChart, i: number, label: string, what: string): Promise<void> {
  await until(() => {
    const m = marks(el)[i];
    return !!m && root(el).activeElement === m && stops(el).join() === `${i}` && !tip(el).hidden && tip(el).textContent === label && m.getAttribute('aria-label') === label;
  }, what, () => `focus on ${describeEl(root(el).activeElement)}, tab stops [${stops(el).join()}], tooltip ${tip(el).hidden ? 'hidden' : `"${tip(el).textContent}"`}`);
}

/** Focuses the first mark and walks to mark `i` with ArrowRight, as a keyboard user does. */
async function walkTo(el: TestChart, i: number): Promise<void> {
  await until(() => marks(el).length > i, `${i + 1} marks drawn`);
  marks(el)[0].focus();
  for (let k = 0; k < i; k++) key(el, 'ArrowRight');
  await until(() => root(el).activeElement === marks(el)[i] && !tip(el).hidden, `focus and tooltip on mark ${i}`, () => `focus on ${describeEl(root(el).activeElement)}`);
}

const bars = (...amounts: number[]): Bar[] => amounts.map((amount, i) => ({ id: `d${i + 1}`, amount }));

describe('KamChart: the keyboard place across data updates', () => {
  it('a sync changing one record in the store keeps focus, tab stop and tooltip (with the new figure) on mark 3; ArrowRight goes to mark 4', async () => {
    const s = store();
    const host = await fixture(html`<kam-provider hide-status .store=${s}><kam-test-chart></kam-test-chart></kam-provider>`);
    const el = host.querySelector<TestChart>('kam-test-chart')!;
    await el.updateComplete;
    await walkTo(el, 3);
    await untilOn(el, 3, 'd4: 300000', 'mark 3 (d4) focused by keyboard');
    const m3 = marks(el)[3];
    s.applyServerRecord('opportunities', deal('d4', 'won', 333_000, '2026-11-10', [['lead', '2026-09-01'], ['won', '2026-11-10']], { closedAt: '2026-11-10T00:00:00Z' }), 'remote');
    await el.updateComplete;
    await untilOn(el, 3, 'd4: 333000', 'after the sync: still on mark 3, its tooltip with the new figure');
    expect(marks(el)[3] === m3, 'the focused mark is the same element').to.be.true;
    key(el, 'ArrowRight');
    await untilOn(el, 4, 'd5: 80000', 'ArrowRight after the sync: mark 4');
  });

  it('new .data with the same marks and one changed figure keeps the place; then ArrowRight goes on from there', async () => {
    const el = await fixture<TestChart>(html`<kam-test-chart .data=${bars(1, 2, 3, 4, 5, 6)}></kam-test-chart>`);
    await walkTo(el, 3);
    await untilOn(el, 3, 'd4: 4', 'mark 3 focused');
    el.data = bars(1, 2, 3, 40, 5, 6);
    await el.updateComplete;
    await untilOn(el, 3, 'd4: 40', 'after new data: still on mark 3 with its new figure');
    key(el, 'ArrowRight');
    await untilOn(el, 4, 'd5: 5', 'ArrowRight: mark 4');
  });

  it('a focused mark that is gone hands focus, tab stop and tooltip to the nearest mark left', async () => {
    const el = await fixture<TestChart>(html`<kam-test-chart .data=${bars(1, 2, 3, 4, 5, 6)}></kam-test-chart>`);
    await walkTo(el, 5);
    el.data = bars(1, 2, 3, 4);
    await el.updateComplete;
    await untilOn(el, 3, 'd4: 4', 'mark 5 gone: the last mark left (3)');
    key(el, 'ArrowLeft');
    await untilOn(el, 2, 'd3: 3', 'ArrowLeft from there: mark 2');
  });

  it('a change of what the chart shows as a whole (another view) still starts at the first mark', async () => {
    const el = await fixture<TestChart>(html`<kam-test-chart .data=${bars(1, 2, 3, 4, 5, 6)}></kam-test-chart>`);
    await walkTo(el, 3);
    marks(el)[3].blur();
    el.scope = 'another';
    await el.updateComplete;
    expect(stops(el), 'the one tab stop after a change of view').to.deep.equal([0]);
    expect(tip(el).hidden, 'no tooltip').to.equal(true);
  });
});
