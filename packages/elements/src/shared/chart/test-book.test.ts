// The charts' shared keyboard-tooltip check (test-book.ts) on a loaded machine: it waits for what it
// checks rather than for one update, and a tooltip that is wrong fails it quickly, with words.
import { expect, fixture, html } from '@open-wc/testing';
import { pipelineAnalytics } from '@kamkit/core/analytics';
import '../../funnel-chart/define.js';
import type { KamFunnelChart } from '../../funnel-chart/kam-funnel-chart.js';
import { book, checkKeyboardTooltip, core } from './test-book.js';

const first = 'Lead: 7 entered, 5 advanced, 1 still in stage, conversion 83%';

describe('checkKeyboardTooltip (the charts\' test helper)', () => {
  it('waits for a chart whose figures come late (as on a loaded CI machine), then checks its tooltip', async () => {
    const el = await fixture<KamFunnelChart>(html`<kam-funnel-chart loading mode="all-stage"></kam-funnel-chart>`);
    // the figures arrive a few tasks after the check starts, as a slow store or a slow frame makes them
    setTimeout(() => { el.data = pipelineAnalytics(book(), core); el.loading = false; }, 60);
    await checkKeyboardTooltip(el, first);
  });

  it('fails, naming the control, when the tooltip covers one of the chart\'s buttons (it cannot pass on any tooltip)', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><style>kam-funnel-chart::part(tooltip) { max-width: none; width: 100%; box-sizing: border-box; height: 300px; translate: 0 -300px; }</style>
      <kam-funnel-chart mode="all-stage" .data=${pipelineAnalytics(book(), core)}></kam-funnel-chart></div>`);
    const el = wrap.querySelector<KamFunnelChart>('kam-funnel-chart')!;
    let error = '';
    await checkKeyboardTooltip(el, first, 300).catch((e: Error) => { error = e.message; });
    expect(error).to.match(/the tooltip \(.*\) covers button "/);
  });
});
